/* Implementation of wd_http.h: one reusable libcurl easy handle per wd_http.
 *
 * Every source adapter reads its bytes through wd_http_get, so http(s):// downloads and
 * file:// mirrors (the demo, local imports) take the same path. The body grows in a buffer
 * with a hard cap, because a misbehaving server or a wrong URL must not exhaust memory;
 * time-outs include a low-speed limit so that a stalled transfer ends instead of hanging
 * (cbsodata users report exactly such hangs). TLS verification cannot be switched off.
 *
 * Public servers fail now and then (CBS answers 500/503 under load, PDOK rate-limits with
 * 429), so a transient failure is retried after a wait that doubles each time, with random
 * jitter so that many clients do not come back at the same moment. A retry starts the body
 * afresh: a partial body is never returned or cached. Where JSON is expected, a reply that is
 * no JSON (empty, Atom or HTML, brackets never closed: "premature EOF" on a large $skip page,
 * or garbled) is one more transient failure: a scan of its shape names what came, and jansson
 * checks the rest before the parser reads it again. CBS ODataApi's refusal of more than 10,000
 * records is an HTTP 500 that no retry changes: it is reported at once, marked for the caller to
 * turn to the paged feed. */
#include "fetchers/wd_http.h"

#include "fetchers/wd_cache.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

struct wd_http {
    CURL *curl;
    wd_http_options opt;
    char *ca_bundle; /* owned copy of opt.ca_bundle */
    char *cache_dir; /* owned copy of opt.cache_dir */
    unsigned rng;    /* state of rand_r, for the jitter */
    unsigned long transfers;
};

/* The transfer's sink: a growing buffer that refuses to pass `cap` bytes. */
typedef struct {
    char *data;
    size_t len, cap_alloc;
    size_t max_bytes;
    int too_big;
    int nomem;
} sink;

/* Why a body that should be JSON is not. */
typedef enum { BODY_OK = 0, BODY_EMPTY, BODY_ATOM, BODY_HTML, BODY_CUT, BODY_INVALID } body_kind;

/* One try at a URL and what came of it. */
typedef struct {
    sink s;
    CURLcode rc;
    long status;
    long retry_after_s; /* Retry-After in seconds, 0 when absent */
    body_kind bad;      /* a 2xx body where JSON was expected and none came */
    json_error_t json;  /* where it is invalid, for BODY_INVALID */
    char errbuf[CURL_ERROR_SIZE];
} attempt;

/* What the progress meter needs to know about the running transfer. */
typedef struct {
    const wd_http *h;
    const char *url;
} meter;

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

static int dup_opt(char **dst, const char *src)
{
    if (!src) return 0;
    *dst = strdup(src);
    return *dst ? 0 : -1;
}

int wd_http_new(wd_http **out, const wd_http_options *opt, wd_error *err)
{
    *out = NULL;
    if (opt && opt->offline && !opt->cache_dir)
        return wd_error_set(err, WD_EUSAGE, "offline werken kan alleen met een cachemap");
    wd_http *h = calloc(1, sizeof *h);
    if (!h) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor een HTTP-client");
    h->opt = (wd_http_options){.connect_timeout_s = 15,
                               .total_timeout_s = 300,
                               .low_speed_time_s = 60,
                               .max_bytes = (size_t)512 * 1024 * 1024,
                               .retries = 4,
                               .backoff_ms = 1000,
                               .max_wait_ms = 60000};
    if (opt) {
        if (opt->connect_timeout_s > 0) h->opt.connect_timeout_s = opt->connect_timeout_s;
        if (opt->total_timeout_s > 0) h->opt.total_timeout_s = opt->total_timeout_s;
        if (opt->low_speed_time_s > 0) h->opt.low_speed_time_s = opt->low_speed_time_s;
        if (opt->max_bytes > 0) h->opt.max_bytes = opt->max_bytes;
        if (opt->retries) h->opt.retries = opt->retries < 0 ? 0 : opt->retries;
        if (opt->backoff_ms > 0) h->opt.backoff_ms = opt->backoff_ms;
        if (opt->max_wait_ms > 0) h->opt.max_wait_ms = opt->max_wait_ms;
        h->opt.offline = opt->offline;
        h->opt.reuse_since = opt->reuse_since;
        h->opt.progress = opt->progress;
        h->opt.progress_ctx = opt->progress_ctx;
        if (dup_opt(&h->ca_bundle, opt->ca_bundle) || dup_opt(&h->cache_dir, opt->cache_dir)) {
            wd_http_free(h);
            return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor een HTTP-client");
        }
    }
    h->opt.ca_bundle = h->ca_bundle;
    h->opt.cache_dir = h->cache_dir;
    h->rng = (unsigned)time(NULL) ^ (unsigned)(size_t)h;
    h->curl = curl_easy_init();
    if (!h->curl) {
        wd_http_free(h);
        return wd_error_set(err, WD_EHTTP,
                            "libcurl kan geen verbinding voorbereiden (curl_easy_init mislukt)");
    }
    *out = h;
    return 0;
}

void wd_http_free(wd_http *h)
{
    if (!h) return;
    if (h->curl) curl_easy_cleanup(h->curl);
    free(h->ca_bundle);
    free(h->cache_dir);
    free(h);
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

static int on_progress(void *ctx, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                       curl_off_t ulnow)
{
    (void)ultotal;
    (void)ulnow;
    const meter *m = ctx;
    wd_http_progress p = {.url = m->url,
                          .received = (size_t)dlnow,
                          .expected = (size_t)dltotal,
                          .transfer = m->h->transfers};
    m->h->opt.progress(&p, m->h->opt.progress_ctx);
    return 0;
}

/* Apply the per-transfer options; the handle is reused, so all of them are set each time. */
static CURLcode setup(wd_http *h, const char *url, attempt *a, struct curl_slist *headers, meter *m)
{
    CURL *c = h->curl;
    CURLcode rc = CURLE_OK;
#define SET(opt, val)                                                                              \
    do {                                                                                           \
        if (rc == CURLE_OK) rc = curl_easy_setopt(c, opt, val);                                    \
    } while (0)
    SET(CURLOPT_URL, url);
    SET(CURLOPT_WRITEFUNCTION, on_data);
    SET(CURLOPT_WRITEDATA, (void *)&a->s);
    SET(CURLOPT_ERRORBUFFER, a->errbuf);
    SET(CURLOPT_HTTPHEADER, headers);
    SET(CURLOPT_FOLLOWLOCATION, 1L);
    SET(CURLOPT_MAXREDIRS, 10L);
    /* A redirect never leaves TLS nor changes to another protocol (ftp, file, ...): a body
     * fetched in plain text would be cached and reused under the https URL. */
    SET(CURLOPT_REDIR_PROTOCOLS_STR, strncmp(url, "https:", 6) == 0 ? "https" : "http,https");
    SET(CURLOPT_NOSIGNAL, 1L);
    SET(CURLOPT_CONNECTTIMEOUT, h->opt.connect_timeout_s);
    SET(CURLOPT_TIMEOUT, h->opt.total_timeout_s);
    /* A transfer slower than 100 bytes/s for low_speed_time_s has stalled (half-open
     * connections, a server that stops sending): fail it instead of waiting for the total
     * time-out. */
    SET(CURLOPT_LOW_SPEED_LIMIT, 100L);
    SET(CURLOPT_LOW_SPEED_TIME, h->opt.low_speed_time_s);
    SET(CURLOPT_ACCEPT_ENCODING, ""); /* every encoding libcurl supports, gzip included */
    SET(CURLOPT_USERAGENT, "wijkdata/" WD_VERSION);
    SET(CURLOPT_SSL_VERIFYPEER, 1L);
    SET(CURLOPT_SSL_VERIFYHOST, 2L);
    if (h->opt.ca_bundle) SET(CURLOPT_CAINFO, h->opt.ca_bundle);
    if (h->opt.max_bytes <= (size_t)0x7fffffff) SET(CURLOPT_MAXFILESIZE, (long)h->opt.max_bytes);
    SET(CURLOPT_NOPROGRESS, h->opt.progress ? 0L : 1L);
    if (h->opt.progress) {
        SET(CURLOPT_XFERINFOFUNCTION, on_progress);
        SET(CURLOPT_XFERINFODATA, (void *)m);
    }
#undef SET
    return rc;
}

/* The value of response header `name` of the last response into out[cap], "" if absent. */
static void header_value(CURL *c, const char *name, char *out, size_t cap)
{
    struct curl_header *hv;
    out[0] = '\0';
    if (curl_easy_header(c, name, 0, CURLH_HEADER, -1, &hv) == CURLHE_OK)
        snprintf(out, cap, "%s", hv->value);
}

/* Append "name: value" to *list; 0, or -1 when out of memory. */
static int add_header(struct curl_slist **list, const char *name, const char *value)
{
    char line[320];
    snprintf(line, sizeof line, "%s: %s", name, value);
    struct curl_slist *l = curl_slist_append(*list, line);
    if (!l) return -1;
    *list = l;
    return 0;
}

/* Brackets whose kind is checked when they close; deeper nesting is only counted. */
#define JSON_KINDS 64

/* The shape of `len` bytes where a JSON document was asked for: BODY_OK when they hold an
 * object or array whose brackets all close (strings and escapes skipped), else why not (in
 * words a user can act on: nothing, a feed, a web page, cut off). Brackets that close with the
 * wrong kind make no cut-off document but an invalid one: BODY_OK here, BODY_INVALID below. */
static body_kind json_shape(const char *d, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < len && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n'))
        i++;
    if (i == len) return BODY_EMPTY;
    if (d[i] == '<') {
        /* An Atom feed (OData without $format=json) or an XML error; else a web page. */
        size_t n = len - i < 512 ? len - i : 512;
        for (size_t k = i; k + 5 <= i + n; k++)
            if (strncasecmp(d + k, "<html", 5) == 0 || strncasecmp(d + k, "<!doc", 5) == 0)
                return BODY_HTML;
        return BODY_ATOM;
    }
    if (d[i] != '{' && d[i] != '[') return BODY_OK; /* not JSON at all: the parser says so */
    char open[JSON_KINDS];
    size_t depth = 0;
    int in_string = 0;
    for (; i < len; i++) {
        char c = d[i];
        if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = 0;
        } else if (c == '"') {
            in_string = 1;
        } else if (c == '{' || c == '[') {
            if (depth < JSON_KINDS) open[depth] = c;
            depth++;
        } else if (c == '}' || c == ']') {
            if (depth == 0) return BODY_OK;
            depth--;
            if (depth < JSON_KINDS && open[depth] != (c == '}' ? '{' : '[')) return BODY_OK;
            if (depth == 0) return BODY_OK;
        }
    }
    return BODY_CUT;
}

/* json_shape, and for a complete shape whether it is JSON at all (*where says where not):
 * a body garbled in transit is as transient as one cut short. */
static body_kind json_body(const char *d, size_t len, json_error_t *where)
{
    body_kind k = json_shape(d, len);
    if (k != BODY_OK) return k;
    json_error_t je;
    json_t *doc = json_loadb(d, len, 0, where ? where : &je);
    if (!doc) return BODY_INVALID;
    json_decref(doc);
    return BODY_OK;
}

/* 1 when `needle` occurs in `hay`, ignoring case. */
static int contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0) return 1;
    return 0;
}

/* 1 when a 500 body is CBS's refusal of a query larger than its record limit ("Query returns
 * more than 10000 records"; also in Dutch, "meer dan 10000 records"): words, not the number,
 * which a server may set otherwise. */
static int over_limit(const attempt *a)
{
    if (a->status != 500 || !a->s.data) return 0;
    const char *d = a->s.data;
    return (contains_ci(d, "more than") || contains_ci(d, "meer dan")) && contains_ci(d, "records");
}

/* One transfer of `url` into a fresh sink; `cond`, when not NULL, makes it conditional;
 * `json`: a 2xx body must be a complete JSON document (a.bad says why it is not). */
static void perform_once(wd_http *h, const char *url, const wd_cache_meta *cond, int json,
                         attempt *a)
{
    free(a->s.data);
    memset(a, 0, sizeof *a);
    a->s.max_bytes = h->opt.max_bytes;
    struct curl_slist *headers = NULL;
    if (cond && ((cond->etag[0] && add_header(&headers, "If-None-Match", cond->etag)) ||
                 (cond->last_modified[0] &&
                  add_header(&headers, "If-Modified-Since", cond->last_modified))))
        a->rc = CURLE_OUT_OF_MEMORY;
    h->transfers++;
    meter m = {h, url};
    if (a->rc == CURLE_OK) a->rc = setup(h, url, a, headers, &m);
    if (a->rc == CURLE_OK) a->rc = curl_easy_perform(h->curl);
    curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &a->status);
    if (json && a->rc == CURLE_OK && a->status >= 200 && a->status < 300)
        a->bad = json_body(a->s.data ? a->s.data : "", a->s.len, &a->json);
    curl_off_t ra = 0;
    if (curl_easy_getinfo(h->curl, CURLINFO_RETRY_AFTER, &ra) == CURLE_OK && ra > 0)
        a->retry_after_s = ra > 86400 ? 86400 : (long)ra;
    /* The error buffer and header list die with this attempt: detach them from the handle. */
    curl_easy_setopt(h->curl, CURLOPT_ERRORBUFFER, (char *)NULL);
    curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, (struct curl_slist *)NULL);
    curl_slist_free_all(headers);
}

/* 1 when trying again may help: the network or the server's load, not the request. */
static int transient(const attempt *a)
{
    if (a->s.too_big || a->s.nomem || over_limit(a)) return 0;
    switch (a->rc) {
    case CURLE_OK:
        return a->bad || a->status == 429 || (a->status >= 500 && a->status <= 599);
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_PARTIAL_FILE:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return 1;
    default:
        return 0;
    }
}

/* How long to wait before retry number n (0-based): Retry-After of a 429 when given, else
 * backoff_ms * 2^n with "equal jitter" (a random point in the upper half); both capped. */
static long wait_ms(wd_http *h, const attempt *a, int n)
{
    long cap = h->opt.max_wait_ms;
    if (a->status == 429 && a->retry_after_s > 0)
        return a->retry_after_s > cap / 1000 ? cap : a->retry_after_s * 1000;
    long ms = h->opt.backoff_ms;
    for (int i = 0; i < n && ms < cap; i++)
        ms *= 2;
    if (ms > cap) ms = cap;
    return ms / 2 + (long)(rand_r(&h->rng) % (unsigned)(ms / 2 + 1));
}

static void sleep_ms(long ms)
{
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0) {
    }
}

/* Dutch words for the libcurl failures a user meets, and for any other; curl's own text
 * follows as detail. */
static const char *reason(CURLcode rc)
{
    switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
        return "servernaam niet gevonden";
    case CURLE_COULDNT_RESOLVE_PROXY:
        return "proxy niet gevonden";
    case CURLE_COULDNT_CONNECT:
        return "geen verbinding met de server";
    case CURLE_PARTIAL_FILE:
        return "verbinding verbroken voordat het antwoord compleet was";
    case CURLE_GOT_NOTHING:
        return "de server sloot de verbinding zonder antwoord";
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
        return "verbinding verbroken";
    case CURLE_PEER_FAILED_VERIFICATION:
        return "TLS-certificaat van de server niet vertrouwd";
    case CURLE_SSL_CACERT_BADFILE:
        return "CA-bundel onleesbaar";
    case CURLE_BAD_CONTENT_ENCODING:
        return "ongeldige gzip-codering";
    default:
        return "fout bij de overdracht";
    }
}

/* The error of a failed last attempt (after `tries` tries), or 0 when it succeeded. */
static int describe(const wd_http *h, const char *url, const attempt *a, int tries, wd_error *err)
{
    char after[48] = "";
    if (tries > 1) snprintf(after, sizeof after, " (na %d pogingen)", tries);
    if (a->s.too_big || a->rc == CURLE_FILESIZE_EXCEEDED)
        return wd_error_set(err, WD_ENOMEM, "antwoord van %s is groter dan %zu bytes", url,
                            h->opt.max_bytes);
    if (a->s.nomem)
        return wd_error_set(err, WD_ENOMEM, "geen geheugen voor het antwoord van %s", url);
    if (a->rc == CURLE_FILE_COULDNT_READ_FILE)
        return wd_error_set(err, WD_ENOTFOUND, "bestand niet gevonden: %s", url);
    if (a->rc == CURLE_OPERATION_TIMEDOUT)
        return wd_error_set(err, WD_EHTTP,
                            "ophalen van %s mislukt: time-out (verbinden %ld s, totaal %ld s, "
                            "of minder dan 100 bytes/s gedurende %ld s)%s - curl: %s",
                            url, h->opt.connect_timeout_s, h->opt.total_timeout_s,
                            h->opt.low_speed_time_s, after, a->errbuf);
    if (a->rc != CURLE_OK)
        return wd_error_set(err, WD_EHTTP, "ophalen van %s mislukt: %s%s - curl: %s", url,
                            /* a redirect's answer came, its protocol was refused */
                            a->rc == CURLE_UNSUPPORTED_PROTOCOL && a->status / 100 == 3
                                ? "doorverwijzing geweigerd: https blijft https, http alleen "
                                  "naar http of https"
                                : reason(a->rc),
                            after, a->errbuf[0] ? a->errbuf : curl_easy_strerror(a->rc));
    if (a->bad == BODY_EMPTY)
        return wd_error_set(err, WD_EHTTP, "leeg antwoord van %s waar JSON verwacht werd%s", url,
                            after);
    if (a->bad == BODY_CUT)
        return wd_error_set(err, WD_EHTTP,
                            "antwoord van %s is afgebroken: JSON van %zu bytes die niet "
                            "afgesloten wordt%s",
                            url, a->s.len, after);
    if (a->bad == BODY_INVALID)
        return wd_error_set(err, WD_EHTTP,
                            "antwoord van %s is geen geldige JSON (regel %d, kolom %d: %s)%s", url,
                            a->json.line, a->json.column, a->json.text, after);
    if (a->bad == BODY_HTML)
        return wd_error_set(err, WD_EHTTP,
                            "antwoord van %s is een HTML-pagina waar JSON verwacht werd (een "
                            "foutpagina of onderhoudsmelding?)%s",
                            url, after);
    if (a->bad == BODY_ATOM) /* Only a URL without $format=json is helped by adding it. */
        return wd_error_set(err, WD_EHTTP,
                            "antwoord van %s is Atom/XML waar JSON verwacht werd%s%s", url,
                            strstr(url, "format=json") ? ", hoewel de URL om JSON vraagt"
                                                       : "; voeg $format=json toe aan de URL",
                            after);
    if (over_limit(a))
        return wd_error_set(err, WD_ELIMIT,
                            "HTTP 500 bij %s: de server geeft niet meer dan 10.000 records per "
                            "verzoek (gebruik de ODataFeed, die in pagina's levert)",
                            url);
    if (a->status >= 400) {
        /* Servers (CBS among them) explain an error in the body; keep its first line. */
        char first[160] = "";
        size_t n = 0;
        while (a->s.data && n < a->s.len && n + 1 < sizeof first && a->s.data[n] != '\n' &&
               a->s.data[n] != '\r')
            n++;
        if (a->s.data) memcpy(first, a->s.data, n);
        first[n] = '\0';
        return wd_error_set(err, a->status == 404 ? WD_ENOTFOUND : WD_EHTTP,
                            "HTTP %ld bij %s%s%s%s", a->status, url, after, first[0] ? ": " : "",
                            first);
    }
    return 0;
}

/* GET with retries; `cond` as for perform_once, `json` as for wd_http_get_json. On success
 * *out holds the body (empty for 304) and `cond` is replaced by the validators of the
 * response. */
static int get_retrying(wd_http *h, const char *url, wd_cache_meta *cond, int json, wd_buf *out,
                        wd_error *err)
{
    attempt a = {0};
    int tries = 0;
    for (;;) {
        perform_once(h, url, cond, json, &a);
        tries++;
        if (tries > h->opt.retries || !transient(&a)) break;
        sleep_ms(wait_ms(h, &a, tries - 1));
    }
    int rc = describe(h, url, &a, tries, err);
    if (!rc && !a.s.data && !(a.s.data = calloc(1, 1)))
        rc = wd_error_set(err, WD_ENOMEM, "geen geheugen voor het antwoord van %s", url);
    if (rc) {
        free(a.s.data);
        return rc;
    }
    if (cond) {
        header_value(h->curl, "ETag", cond->etag, sizeof cond->etag);
        header_value(h->curl, "Last-Modified", cond->last_modified, sizeof cond->last_modified);
    }
    out->data = a.s.data;
    out->len = a.s.len;
    out->status = a.status;
    return 0;
}

static int get(wd_http *h, const char *url, int json, wd_buf *out, wd_error *err)
{
    memset(out, 0, sizeof *out);
    if (!h || !url) return wd_error_set(err, WD_EUSAGE, "wd_http_get: geen client of URL");
    /* file:// mirrors are local already: nothing to cache, nothing to retry for. */
    int remote = strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0;
    if (!remote) json = 0;
    if (!h->cache_dir || !remote) return get_retrying(h, url, NULL, json, out, err);

    wd_cache_meta meta;
    wd_buf cached;
    int found = wd_cache_get(h->cache_dir, url, h->opt.max_bytes, &meta, &cached, err);
    if (found < 0) return found;
    /* A broken reply cached by an older version, or on disk by accident, is not kept. */
    if (found && json && json_body(cached.data, cached.len, NULL) != BODY_OK) {
        wd_buf_free(&cached);
        memset(&meta, 0, sizeof meta);
        found = 0;
    }
    if (h->opt.offline ||
        (found && h->opt.reuse_since > 0 && meta.fetched_us >= h->opt.reuse_since)) {
        if (!found)
            return wd_error_set(err, WD_ENOTFOUND,
                                "niet in de cache: %s; haal eerst op zonder --offline", url);
        *out = cached;
        return 0;
    }
    int rc = get_retrying(h, url, &meta, json, out, err);
    if (!rc && out->status == 304) {
        wd_buf_free(out);
        if (!found)
            return wd_error_set(err, WD_EHTTP, "HTTP 304 bij %s zonder eerder antwoord in de cache",
                                url);
        *out = cached;
        return 0;
    }
    wd_buf_free(&cached);
    if (!rc)
        rc = wd_cache_put(h->cache_dir, url, out->status, meta.etag, meta.last_modified, out->data,
                          out->len, err);
    if (rc) wd_buf_free(out);
    return rc;
}

void wd_http_forget(wd_http *h, const char *url)
{
    if (h && h->cache_dir && url) wd_cache_drop(h->cache_dir, url);
}

int wd_http_get(wd_http *h, const char *url, wd_buf *out, wd_error *err)
{
    return get(h, url, 0, out, err);
}

int wd_http_get_json(wd_http *h, const char *url, wd_buf *out, wd_error *err)
{
    return get(h, url, 1, out, err);
}
