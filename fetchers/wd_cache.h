/* The raw-response cache: the bytes a server sent, kept per URL, so that a second fetch can
 * ask "changed since?" (ETag, Last-Modified) and work offline.
 *
 * An entry is two files named by the SHA-256 of the URL: <key>.body (the bytes) and
 * <key>.json (URL, time, status, ETag, Last-Modified and the SHA-256 of the body). Both are
 * written to a temporary file and renamed, so a failure never leaves a partial file; the
 * body's hash in the metadata makes an entry whose two files do not belong together count
 * as absent.
 *
 * A fetch run marks itself in the folder (wd_cache_run_begin/_end), so that a fetch that was
 * interrupted (a dropped connection after the retries, Ctrl-C, a failure late in a long run)
 * and is started again reuses what it had fetched without asking the server again, and
 * continues where it broke. */
#ifndef WD_CACHE_H
#define WD_CACHE_H

#include "engine/wd_buf.h"
#include "engine/wd_error.h"

#include <stddef.h>

typedef struct {
    char fetched_at[32];    /* ISO 8601 UTC */
    long long fetched_us;   /* the same in microseconds since 1970 (wd_time_now_us); 0 in
                             * entries of older versions */
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

/* Remove the entry of `url` from `dir`, if there is one: a reply that turned out unusable
 * must not be reused by a run that continues this one. */
void wd_cache_drop(const char *dir, const char *url);

/* Store a response for `url` in `dir` (created if needed), replacing an older entry.
 * etag and last_modified may be NULL. */
int wd_cache_put(const char *dir, const char *url, long status, const char *etag,
                 const char *last_modified, const void *data, size_t len, wd_error *err);

/* How long an unfinished run may be continued (microseconds): after this, its pages are asked
 * for again. */
#define WD_CACHE_RESUME_MAX_US (7LL * 24 * 3600 * 1000000)

/* Start a fetch run in cache folder `dir` (created if needed) at time `now` (wd_time_now_us). When
 * the previous run there did not finish and started at most WD_CACHE_RESUME_MAX_US before `now`,
 * this run continues it: *reuse_since is the start of that run, and every response fetched since
 * then is used again without a request (see wd_http_options.reuse_since). Otherwise a new run
 * starts and *reuse_since is `now`, so that only what this run fetches itself is reused. *resumed
 * is 1 when a run is continued. */
int wd_cache_run_begin(const char *dir, long long now, long long *reuse_since, int *resumed,
                       wd_error *err);

/* Mark the run in `dir` finished: the next run asks the server again (conditionally). */
int wd_cache_run_end(const char *dir, wd_error *err);

#endif
