/* Bytes from a URL through libcurl: http(s):// and file:// alike.
 *
 * The body is read into a growing buffer with a size cap. Time-outs are set on every
 * transfer; TLS verification is always on (only the CA bundle can be chosen). Proxies come
 * from the standard environment variables (http_proxy, https_proxy, no_proxy), as libcurl
 * reads them. Transient failures (connection errors, a body cut short, time-outs, HTTP 429
 * and 5xx) are retried with exponential back-off and jitter; HTTP 429 waits as long as its
 * Retry-After asks, up to a cap. A reply that must be JSON (wd_http_get_json) and is empty,
 * markup or cut short is retried the same way: CBS and PDOK answer so now and then under
 * load. With a cache folder, http(s) responses are kept (see wd_cache.h) and asked for again
 * conditionally, or reused without asking when they were fetched since `reuse_since` (an
 * interrupted fetch run again); file:// URLs bypass the cache. An error names the URL and,
 * for HTTP, the status. */
#ifndef WD_HTTP_H
#define WD_HTTP_H

#include "engine/wd_buf.h"
#include "engine/wd_error.h"

#include <stddef.h>

/* What a progress callback is told during a transfer. */
typedef struct {
    const char *url;
    size_t received;        /* body bytes so far (compressed bytes when gzip is used) */
    size_t expected;        /* Content-Length, 0 when unknown */
    unsigned long transfer; /* number of this transfer on the client, counting from 1 */
} wd_http_progress;

/* Called by libcurl's progress meter, several times a second while a transfer runs. */
typedef void (*wd_http_progress_fn)(const wd_http_progress *p, void *ctx);

/* Zero for a field means its default. */
typedef struct {
    long connect_timeout_s; /* default 15 */
    long total_timeout_s;   /* default 300 */
    long low_speed_time_s;  /* below 100 bytes/s for this long is a stall; default 60 */
    size_t max_bytes;       /* cap on one response body, default 512 MiB */
    const char *ca_bundle;  /* NULL: the system default */
    int retries;            /* attempts after the first on a transient failure; default 4,
                             * negative: none */
    long backoff_ms;        /* wait before the first retry, doubled for each next; default 1000 */
    long max_wait_ms;       /* cap on one wait, Retry-After included; default 60000 */
    const char *cache_dir;  /* raw-response cache folder; NULL: no cache */
    int offline;            /* 1: answer http(s) URLs from the cache only (needs cache_dir) */
    long long reuse_since;  /* > 0: a cached response fetched at or after this time
                             * (microseconds since 1970, wd_time_now_us) is used without
                             * asking the server; see wd_cache_run_begin */
    wd_http_progress_fn progress; /* NULL: silent */
    void *progress_ctx;
} wd_http_options;

typedef struct wd_http wd_http;

/* Process-wide setup (curl_global_init); call once from main before any other call. */
int wd_http_global_init(wd_error *err);
void wd_http_global_cleanup(void);

/* new — caller frees with wd_http_free(). opt may be NULL for defaults; its strings are
 * copied. WD_EUSAGE for offline without a cache folder. */
int wd_http_new(wd_http **out, const wd_http_options *opt, wd_error *err);
void wd_http_free(wd_http *h);

/* GET `url` into *out (caller frees with wd_buf_free, engine/wd_buf.h). HTTP status >= 400 is an
 * error "HTTP 500 bij <url>"; after retries the message says how many attempts were made. On
 * failure *out is empty and the cache is unchanged; WD_ELIMIT when the server refused the
 * query as too large (then ask the paged ODataFeed instead). */
int wd_http_get(wd_http *h, const char *url, wd_buf *out, wd_error *err);

/* As wd_http_get for a URL that answers JSON (OData, OGC API Features). An http(s) reply
 * that is empty, markup (Atom or HTML where JSON was asked), cut short (an object or array
 * that is never closed) or otherwise no valid JSON (garbled in transit) is a transient
 * failure: retried like a dropped connection and never cached; a cached body that is no valid
 * JSON is fetched again. After the last try the error (WD_EHTTP) says what came back (with
 * line and column for invalid JSON). file:// bodies are passed on as they are, for the parser
 * to report. */
int wd_http_get_json(wd_http *h, const char *url, wd_buf *out, wd_error *err);

/* Forget the cached reply of `url` (nothing without a cache): the caller could not use it (a
 * parse error), so neither a later run nor one that continues this one may reuse it. */
void wd_http_forget(wd_http *h, const char *url);

#endif
