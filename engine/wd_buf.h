/* A block of bytes read from somewhere (a response body, a cached file, a member of a zip),
 * owned by whoever holds the wd_buf. Part of the small utility module (wd_buf, wd_file,
 * wd_time, wd_sha256, wd_utf8) that fetchers, engine and plots share. */
#ifndef WD_BUF_H
#define WD_BUF_H

#include <stddef.h>

typedef struct {
    char *data; /* owned, NUL-terminated for convenience; len excludes the NUL */
    size_t len;
    long status; /* HTTP status when the bytes are a response (200 also for a body reused
                    after 304); 0 for file:// and anything else */
} wd_buf;

/* Free the bytes of `b` and leave it empty. Accepts NULL and an empty buffer. */
void wd_buf_free(wd_buf *b);

#endif
