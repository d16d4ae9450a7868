/* Implementation of wd_http.h: one reusable libcurl easy handle per wd_http.
 *
 * Every source adapter reads its bytes through wd_http_get, so http(s):// downloads and
 * file:// mirrors (the demo, local imports) take the same path. The body grows in a buffer
 * with a hard cap, because a misbehaving server or a wrong URL must not exhaust memory;
 * time-outs include a low-speed limit so that a stalled transfer ends instead of hanging
 * (cbsodata users report exactly such hangs). TLS verification cannot be switched off. */
#include "fetchers/wd_http.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

struct wd_http {
    CURL *curl;
    wd_http_options opt;
    char *ca_bundle; /* owned copy of opt.ca_bundle */
};

/* The transfer's sink: a growing buffer that refuses to pass `cap` bytes. */
typedef struct {
    char *data;
    size_t len, cap_alloc;
    size_t max_bytes;
    int too_big;
    int nomem;
} sink;

int wd_http_global_init(wd_error *err)
{
    CURLcode rc = curl_global_init(CURL_GLOBAL_DEFAULT);
    if (rc != CURLE_OK)
        return wd_error_set(err, WD_EHTTP, "libcurl kan niet starten: %s", curl_easy_strerror(rc));
    return 0;
}

void wd_http_global_cleanup(void)
{
    curl_global_cleanup();
}

int wd_http_new(wd_http **out, const wd_http_options *opt, wd_error *err)
{
    *out = NULL;
    wd_http *h = calloc(1, sizeof *h);
    if (!h) return wd_error_set(err, WD_ENOMEM, "out of memory for an HTTP client");
    h->opt.connect_timeout_s = 15;
    h->opt.total_timeout_s = 300;
    h->opt.max_bytes = (size_t)512 * 1024 * 1024;
    if (opt) {
        if (opt->connect_timeout_s > 0) h->opt.connect_timeout_s = opt->connect_timeout_s;
        if (opt->total_timeout_s > 0) h->opt.total_timeout_s = opt->total_timeout_s;
        if (opt->max_bytes > 0) h->opt.max_bytes = opt->max_bytes;
        if (opt->ca_bundle) {
            h->ca_bundle = strdup(opt->ca_bundle);
            if (!h->ca_bundle) {
                free(h);
                return wd_error_set(err, WD_ENOMEM, "out of memory for an HTTP client");
            }
        }
    }
    h->opt.ca_bundle = h->ca_bundle;
    h->curl = curl_easy_init();
    if (!h->curl) {
        free(h->ca_bundle);
        free(h);
        return wd_error_set(err, WD_EHTTP, "curl_easy_init failed");
    }
    *out = h;
    return 0;
}

void wd_http_free(wd_http *h)
{
    if (!h) return;
    if (h->curl) curl_easy_cleanup(h->curl);
    free(h->ca_bundle);
    free(h);
}

void wd_buf_free(wd_buf *b)
{
    if (!b) return;
    free(b->data);
    b->data = NULL;
    b->len = 0;
}

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    sink *s = userdata;
    size_t n = size * nmemb;
    if (n > s->max_bytes - s->len) {
        s->too_big = 1;
        return 0; /* makes curl stop with CURLE_WRITE_ERROR */
    }
    if (s->len + n + 1 > s->cap_alloc) {
        size_t ncap = s->cap_alloc ? s->cap_alloc : 16384;
        while (ncap < s->len + n + 1)
            ncap *= 2;
        if (ncap > s->max_bytes + 1) ncap = s->max_bytes + 1;
        char *p = realloc(s->data, ncap);
        if (!p) {
            s->nomem = 1;
            return 0;
        }
        s->data = p;
        s->cap_alloc = ncap;
    }
    memcpy(s->data + s->len, ptr, n);
    s->len += n;
    s->data[s->len] = '\0';
    return n;
}

/* Apply the per-transfer options; the handle is reused, so all of them are set each time. */
static CURLcode setup(wd_http *h, const char *url, sink *s, char *errbuf)
{
    CURL *c = h->curl;
    CURLcode rc = CURLE_OK;
#define SET(opt, val)                                                                              \
    do {                                                                                           \
        if (rc == CURLE_OK) rc = curl_easy_setopt(c, opt, val);                                    \
    } while (0)
    SET(CURLOPT_URL, url);
    SET(CURLOPT_WRITEFUNCTION, on_data);
    SET(CURLOPT_WRITEDATA, (void *)s);
    SET(CURLOPT_ERRORBUFFER, errbuf);
    SET(CURLOPT_FOLLOWLOCATION, 1L);
    SET(CURLOPT_MAXREDIRS, 10L);
    SET(CURLOPT_NOSIGNAL, 1L);
    SET(CURLOPT_CONNECTTIMEOUT, h->opt.connect_timeout_s);
    SET(CURLOPT_TIMEOUT, h->opt.total_timeout_s);
    /* A transfer slower than 100 bytes/s for 60 s has stalled (premature EOF, half-open
     * connections): fail it instead of waiting for the total time-out. */
    SET(CURLOPT_LOW_SPEED_LIMIT, 100L);
    SET(CURLOPT_LOW_SPEED_TIME, 60L);
    SET(CURLOPT_ACCEPT_ENCODING, ""); /* every encoding libcurl supports, gzip included */
    SET(CURLOPT_USERAGENT, "wijkdata/" WD_VERSION);
    SET(CURLOPT_SSL_VERIFYPEER, 1L);
    SET(CURLOPT_SSL_VERIFYHOST, 2L);
    if (h->opt.ca_bundle) SET(CURLOPT_CAINFO, h->opt.ca_bundle);
    if (h->opt.max_bytes <= (size_t)0x7fffffff) SET(CURLOPT_MAXFILESIZE, (long)h->opt.max_bytes);
#undef SET
    return rc;
}

int wd_http_get(wd_http *h, const char *url, wd_buf *out, wd_error *err)
{
    memset(out, 0, sizeof *out);
    if (!h || !url) return wd_error_set(err, WD_EUSAGE, "wd_http_get: no client or URL");
    sink s = {.max_bytes = h->opt.max_bytes};
    char errbuf[CURL_ERROR_SIZE];
    errbuf[0] = '\0';
    CURLcode rc = setup(h, url, &s, errbuf);
    if (rc == CURLE_OK) rc = curl_easy_perform(h->curl);
    long status = 0;
    curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &status);
    /* The error buffer points into this stack frame: detach it before returning. */
    curl_easy_setopt(h->curl, CURLOPT_ERRORBUFFER, (char *)NULL);

    int result = 0;
    if (s.too_big || rc == CURLE_FILESIZE_EXCEEDED) {
        result = wd_error_set(err, WD_ENOMEM, "antwoord van %s is groter dan %zu bytes", url,
                              h->opt.max_bytes);
    } else if (s.nomem) {
        result = wd_error_set(err, WD_ENOMEM, "geen geheugen voor het antwoord van %s", url);
    } else if (rc == CURLE_FILE_COULDNT_READ_FILE) {
        result = wd_error_set(err, WD_ENOTFOUND, "bestand niet gevonden: %s", url);
    } else if (rc != CURLE_OK) {
        result = wd_error_set(err, WD_EHTTP, "ophalen van %s mislukt: %s%s%s", url,
                              curl_easy_strerror(rc), errbuf[0] ? ": " : "", errbuf);
    } else if (status >= 400) {
        /* Servers (CBS among them) explain an error in the body; keep its first line. */
        char first[160] = "";
        if (s.data) {
            size_t n = 0;
            while (n < s.len && n + 1 < sizeof first && s.data[n] != '\n' && s.data[n] != '\r')
                n++;
            memcpy(first, s.data, n);
            first[n] = '\0';
        }
        result = wd_error_set(err, status == 404 ? WD_ENOTFOUND : WD_EHTTP, "HTTP %ld bij %s%s%s",
                              status, url, first[0] ? ": " : "", first);
    }
    if (result) {
        free(s.data);
        return result;
    }
    if (!s.data) {
        s.data = calloc(1, 1);
        if (!s.data)
            return wd_error_set(err, WD_ENOMEM, "geen geheugen voor het antwoord van %s", url);
    }
    out->data = s.data;
    out->len = s.len;
    out->status = status;
    return 0;
}
