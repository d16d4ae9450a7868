/* Local files as file:// URLs, so that imports of local files go through the same fetch
 * path (libcurl) as downloads. */
#ifndef WD_FILEURL_H
#define WD_FILEURL_H

#include "engine/wd_error.h"

#include <stddef.h>

/* The file:// URL of `path` (made absolute; the file must exist) into out[cap], with every
 * byte outside the unreserved set and '/' percent-encoded. WD_ENOTFOUND names a path that
 * does not exist or cannot be reached ("pad: bestaat niet (No such file or directory)");
 * WD_EUSAGE one whose URL does not fit. */
int wd_fileurl_from_path(char *out, size_t cap, const char *path, wd_error *err);

/* 1 when the file that a file:// URL names (its percent-encoding undone) exists and can be
 * read, else 0. */
int wd_fileurl_exists(const char *url);

#endif
