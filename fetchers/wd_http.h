/* Bytes from a URL through libcurl: http(s):// and file:// alike.
 *
 * The body is read into a growing buffer with a size cap. Time-outs are set on every
 * transfer; TLS verification is always on. An error names the URL and, for HTTP, the
 * status. (Retries, the raw-response cache and progress belong to the fetchers issue.) */
#ifndef WD_HTTP_H
#define WD_HTTP_H

#include "engine/wd_error.h"

#include <stddef.h>

typedef struct {
    long connect_timeout_s; /* default 15 */
    long total_timeout_s;   /* default 300 */
    size_t max_bytes;       /* cap on one response body, default 512 MiB */
    const char *ca_bundle;  /* NULL: the system default */
} wd_http_options;

typedef struct wd_http wd_http;

typedef struct {
    char *data; /* owned, NUL-terminated for convenience; len excludes the NUL */
    size_t len;
    long status; /* HTTP status; 0 for file:// */
} wd_buf;

/* Process-wide setup (curl_global_init); call once from main before any other call. */
int wd_http_global_init(wd_error *err);
void wd_http_global_cleanup(void);

/* new — caller frees with wd_http_free(). opt may be NULL for defaults. */
int wd_http_new(wd_http **out, const wd_http_options *opt, wd_error *err);
void wd_http_free(wd_http *h);

/* GET `url` into *out (caller frees with wd_buf_free). HTTP status >= 400 is an error
 * "HTTP 500 from <url>". */
int wd_http_get(wd_http *h, const char *url, wd_buf *out, wd_error *err);
void wd_buf_free(wd_buf *b);

/* Hex SHA-256 of len bytes into out[65]. */
void wd_sha256_hex(const void *data, size_t len, char out[65]);

#endif
