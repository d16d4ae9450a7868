/* The raw-response cache: the bytes a server sent, kept per URL, so that a second fetch can
 * ask "changed since?" (ETag, Last-Modified) and work offline.
 *
 * An entry is two files named by the SHA-256 of the URL: <key>.body (the bytes) and
 * <key>.json (URL, time, status, ETag, Last-Modified and the SHA-256 of the body). Both are
 * written to a temporary file and renamed, so a failure never leaves a partial file; the
 * body's hash in the metadata makes an entry whose two files do not belong together count
 * as absent. */
#ifndef WD_CACHE_H
#define WD_CACHE_H

#include "engine/wd_buf.h"
#include "engine/wd_error.h"

#include <stddef.h>

typedef struct {
    char fetched_at[32];    /* ISO 8601 UTC */
    long status;            /* HTTP status of the stored response */
    char etag[256];         /* "" when the server sent none */
    char last_modified[64]; /* HTTP date as sent, "" when none */
    char sha256[65];        /* hex SHA-256 of the body */
} wd_cache_meta;

/* The default cache folder: $XDG_CACHE_HOME/wijkdata, else $HOME/.cache/wijkdata.
 * WD_EUSAGE when neither variable is set. */
int wd_cache_default_dir(char *out, size_t cap, wd_error *err);

/* Look `url` up in `dir`. Returns 1 and fills *meta and *body (caller frees with wd_buf_free;
 * body->status is meta->status) when a complete entry exists; 0 when none does, also when its
 * metadata is unreadable or does not match the body; a negative wd_code when the body cannot
 * be read or is larger than max_bytes. */
int wd_cache_get(const char *dir, const char *url, size_t max_bytes, wd_cache_meta *meta,
                 wd_buf *body, wd_error *err);

/* Store a response for `url` in `dir` (created if needed), replacing an older entry.
 * etag and last_modified may be NULL. */
int wd_cache_put(const char *dir, const char *url, long status, const char *etag,
                 const char *last_modified, const void *data, size_t len, wd_error *err);

#endif
