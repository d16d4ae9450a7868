/* Tests of fetchers/wd_http and wd_cache: file:// reads, and against a loopback server
 * started by the test: status, size cap and request headers; retries after 5xx, 429 with
 * Retry-After and bodies cut short; a stalling server; paging, invalid JSON and Atom through an
 * adapter; the cache (304, offline, atomicity). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/wd_time.h"
#include "engine/wd_sha256.h"
#include "fetchers/wd_cache.h"
#include "fetchers/wd_fetch.h"
#include "fetchers/wd_fileurl.h"
#include "fetchers/wd_http.h"
#include "wd_test_batch.c"
#include "wd_test_server.c"
#include "wd_test_tls.c"
#include "wd_test_util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Fast retries (10 ms base) so that the suite stays quick; time-outs well above a loopback
 * round trip. */
static wd_http_options fast_options(void)
{
    wd_http_options opt = {.connect_timeout_s = 5,
                           .total_timeout_s = 20,
                           .max_bytes = 100000,
                           .retries = 2,
                           .backoff_ms = 10,
                           .max_wait_ms = 2000};
    return opt;
}

static int setup_http(void **state)
{
    wd_http *h = NULL;
    wd_error err;
    wd_http_options opt = fast_options();
    if (wd_http_new(&h, &opt, &err)) return -1;
    *state = h;
    return 0;
}

static int teardown_http(void **state)
{
    wd_http_free(*state);
    return 0;
}

static void file_url_read_and_missing(void **state)
{
    wd_http *h = *state;
    wd_error err;
    char url[4200];
    assert_int_equal(
        wd_fileurl_from_path(url, sizeof url, WD_TEST_DATA "/fetchers/bad/atom.xml", &err), 0);
    wd_buf b;
    assert_int_equal(wd_http_get(h, url, &b, &err), 0);
    assert_int_equal(b.status, 0);
    assert_true(b.len > 20);
    assert_int_equal(b.data[b.len], '\0');
    assert_memory_equal(b.data, "<?xml", 5);
    wd_buf_free(&b);

    /* The query string of a file:// URL is ignored, as the mirrors rely on. */
    char q[4300];
    snprintf(q, sizeof q, "%s?$format=json&$skiptoken=Id%%203", url);
    assert_int_equal(wd_http_get(h, q, &b, &err), 0);
    assert_memory_equal(b.data, "<?xml", 5);
    wd_buf_free(&b);

    const char *missing = "file:///nonexistent/wijkdata/TypedDataSet";
    assert_int_equal(wd_http_get(h, missing, &b, &err), WD_ENOTFOUND);
    assert_int_equal(err.code, WD_ENOTFOUND);
    assert_string_equal(err.msg,
                        "bestand niet gevonden: file:///nonexistent/wijkdata/TypedDataSet");
    assert_null(b.data);
    assert_true(wd_fileurl_exists(url));
    assert_false(wd_fileurl_exists(missing));

    /* Paths and URLs that cannot be read are named in Dutch, the system's or libcurl's own
     * words after it. */
    assert_int_equal(wd_fileurl_from_path(q, sizeof q, "/nonexistent/wijkdata.csv", &err),
                     WD_ENOTFOUND);
    assert_string_equal(err.msg,
                        "/nonexistent/wijkdata.csv: bestaat niet (No such file or directory)");
    assert_int_equal(wd_fileurl_from_path(q, 16, WD_TEST_DATA "/fetchers/bad/atom.xml", &err),
                     WD_EUSAGE);
    assert_string_equal(err.msg,
                        "pad te lang voor een URL: " WD_TEST_DATA "/fetchers/bad/atom.xml");
    assert_int_equal(wd_http_get(NULL, url, &b, &err), WD_EUSAGE);
    assert_string_equal(err.msg, "wd_http_get: geen client of URL");
    assert_int_equal(wd_http_get(h, "wijkdata://bron/tabel", &b, &err), WD_EHTTP);
    wd_test_assert_contains(err.msg,
                            "ophalen van wijkdata://bron/tabel mislukt: fout bij de overdracht - "
                            "curl: ");
}

static void http_status_cap_and_headers(void **state)
{
    wd_http *h = *state;
    wd_test_server srv;
    assert_int_equal(wd_test_server_start(&srv), 0);
    char url[128];
    wd_error err;
    wd_buf b;

    snprintf(url, sizeof url, "http://127.0.0.1:%d/ok?$format=json", srv.port);
    assert_int_equal(wd_http_get(h, url, &b, &err), 0);
    assert_int_equal(b.status, 200);
    assert_string_equal(b.data, "{\"value\": []}");
    wd_buf_free(&b);
    pthread_mutex_lock(&srv.lock);
    assert_non_null(strstr(srv.last_request, "User-Agent: wijkdata/" WD_VERSION "\r\n"));
    assert_non_null(strstr(srv.last_request, "Accept-Encoding: "));
    assert_non_null(strstr(srv.last_request, "gzip"));
    pthread_mutex_unlock(&srv.lock);

    /* The handle is reused: a second transfer works the same. */
    assert_int_equal(wd_http_get(h, url, &b, &err), 0);
    wd_buf_free(&b);

    /* CBS ODataApi's refusal of more than 10,000 records: a 500 that no retry changes, so
     * it is asked once and told apart (WD_ELIMIT) for the caller to turn to the paged feed. */
    snprintf(url, sizeof url, "http://127.0.0.1:%d/fail", srv.port);
    int before = wd_test_server_requests(&srv);
    assert_int_equal(wd_http_get(h, url, &b, &err), WD_ELIMIT);
    assert_null(b.data);
    assert_int_equal(wd_test_server_requests(&srv), before + 1);
    char want[300];
    snprintf(want, sizeof want,
             "HTTP 500 bij %s: de server geeft niet meer dan 10.000 records per verzoek (gebruik "
             "de ODataFeed, die in pagina's levert)",
             url);
    assert_string_equal(err.msg, want);

    snprintf(url, sizeof url, "http://127.0.0.1:%d/nergens", srv.port);
    assert_int_equal(wd_http_get(h, url, &b, &err), WD_ENOTFOUND);
    assert_non_null(strstr(err.msg, "HTTP 404 bij"));

    /* Larger than the cap of 100000 bytes, announced and unannounced. */
    snprintf(url, sizeof url, "http://127.0.0.1:%d/big", srv.port);
    assert_int_equal(wd_http_get(h, url, &b, &err), WD_ENOMEM);
    snprintf(want, sizeof want, "antwoord van %s is groter dan 100000 bytes", url);
    assert_string_equal(err.msg, want);
    snprintf(url, sizeof url, "http://127.0.0.1:%d/big-chunked", srv.port);
    assert_int_equal(wd_http_get(h, url, &b, &err), WD_ENOMEM);
    snprintf(want, sizeof want, "antwoord van %s is groter dan 100000 bytes", url);
    assert_string_equal(err.msg, want);
    assert_null(b.data);

    wd_test_server_stop(&srv);

    /* Nobody listens any more: a curl error naming the URL. */
    snprintf(url, sizeof url, "http://127.0.0.1:%d/ok", srv.port);
    assert_int_equal(wd_http_get(h, url, &b, &err), WD_EHTTP);
    assert_non_null(strstr(err.msg, url));
    assert_non_null(strstr(err.msg, "ophalen van"));
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Number of entries in a folder other than . and ..; -1 when it does not exist. */
static int count_files(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* A server with a script, an HTTP client with a fresh cache folder. */
typedef struct {
    wd_test_server srv;
    wd_http *h;
    char *cache;
    char url[128];
    char *bodies[4]; /* scripted bodies, freed after the server stopped sending them */
    int n_bodies;
} fixture;

/* Body `b` kept until the fixture's server has stopped (a reply the client cut short may
 * still be in the server thread's hands when the test ends). */
static char *kept(fixture *f, char *b)
{
    assert_non_null(b);
    assert_true(f->n_bodies < (int)(sizeof f->bodies / sizeof *f->bodies));
    return f->bodies[f->n_bodies++] = b;
}

static int setup_fixture(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    wd_error err;
    if (!f || wd_test_server_start(&f->srv)) return -1;
    f->cache = wd_test_tmpdir();
    wd_http_options opt = fast_options();
    opt.cache_dir = f->cache;
    if (wd_http_new(&f->h, &opt, &err)) return -1;
    snprintf(f->url, sizeof f->url, "http://127.0.0.1:%d/data?$format=json", f->srv.port);
    *state = f;
    return 0;
}

static int teardown_fixture(void **state)
{
    fixture *f = *state;
    wd_http_free(f->h);
    wd_test_server_stop(&f->srv);
    for (int k = 0; k < f->n_bodies; k++)
        free(f->bodies[k]);
    wd_test_rmtree(f->cache);
    free(f->cache);
    free(f);
    return 0;
}

static const char body_ok[] = "{\"value\": [1, 2, 3]}";

/* A redirect is followed within http(s) only: to ftp:// or file:// it is refused with a Dutch
 * reason, nothing served by the other protocol is read, and a redirect http -> http is
 * followed. (https -> http: https_redirect_stays_https.) */
static void redirect_changes_no_protocol(void **state)
{
    fixture *f = *state;
    const wd_test_response script[] = {
        {.path = "/data",
         .status = 302,
         .headers = "Location: ftp://127.0.0.1/data\r\n",
         .times = 1},
        {.path = "/data", .status = 302, .headers = "Location: file:///etc/passwd\r\n", .times = 1},
        {.path = "/data", .status = 302, .headers = "Location: /elders\r\n", .times = 1},
        {.path = "/elders", .body = body_ok},
    };
    wd_test_server_script(&f->srv, script, 4);
    wd_buf b;
    wd_error err;
    for (int k = 0; k < 2; k++) {
        char url[160];
        snprintf(url, sizeof url, "http://127.0.0.1:%d/data?r=%d", f->srv.port, k);
        assert_int_equal(wd_http_get(f->h, url, &b, &err), WD_EHTTP);
        wd_test_assert_contains(err.msg, url);
        wd_test_assert_contains(err.msg, "doorverwijzing geweigerd");
        assert_null(b.data);
    }
    assert_int_equal(wd_http_get(f->h, f->url, &b, &err), 0);
    assert_string_equal(b.data, body_ok);
    wd_buf_free(&b);
}

/* Over TLS (a loopback server whose certificate is the client's CA bundle): a redirect from
 * https to plain http is refused with the Dutch reason before the http server is asked, and
 * nothing is cached; a redirect from https to https is followed and its answer cached. */
static void https_redirect_stays_https(void **state)
{
    fixture *f = *state;
    const wd_test_response script[] = {{.path = "/plain", .body = body_ok}};
    wd_test_server_script(&f->srv, script, 1);
    char plain[128], same[128], ok_file[4200];
    char *dir = wd_test_tmpdir();
    snprintf(plain, sizeof plain, "http://127.0.0.1:%d/plain", f->srv.port);
    snprintf(ok_file, sizeof ok_file, "%s/ok.json", dir);
    assert_int_equal(wd_test_write_file(ok_file, body_ok, strlen(body_ok)), 0);
    wd_test_tls tls;
    /* The https -> https target is known once the server runs: a path relative to it. */
    const char *routes[] = {"--redirect", "/down",  plain, "--redirect", "/same",
                            "/ok",        "--file", "/ok", ok_file,      NULL};
    assert_int_equal(wd_test_tls_start(&tls, routes), 0);
    wd_http_options opt = fast_options();
    opt.cache_dir = f->cache;
    opt.ca_bundle = tls.ca;
    wd_http *h = NULL;
    wd_error err;
    assert_int_equal(wd_http_new(&h, &opt, &err), 0);

    char url[160];
    wd_buf b;
    snprintf(url, sizeof url, "%s/down", tls.base);
    assert_int_equal(wd_http_get(h, url, &b, &err), WD_EHTTP);
    wd_test_assert_contains(err.msg, url);
    wd_test_assert_contains(err.msg, "doorverwijzing geweigerd: https blijft https");
    assert_null(b.data);
    assert_int_equal(f->srv.requests, 0);
    assert_int_equal(count_files(f->cache), 0);

    snprintf(same, sizeof same, "%s/same", tls.base);
    assert_int_equal(wd_http_get(h, same, &b, &err), 0);
    assert_string_equal(b.data, body_ok);
    wd_buf_free(&b);
    assert_true(count_files(f->cache) > 0);
    assert_int_equal(wd_test_tls_requests(&tls, "GET /ok"), 1);

    wd_http_free(h);
    wd_test_tls_stop(&tls);
    wd_test_dir_free(&dir);
}

static void retry_after_5xx_then_success(void **state)
{
    fixture *f = *state;
    const wd_test_response script[] = {
        {.path = "/data", .status = 503, .body = "busy", .times = 1},
        {.path = "/data", .status = 500, .body = "busy", .times = 1},
        {.path = "/data", .body = body_ok},
    };
    wd_test_server_script(&f->srv, script, 3);
    wd_buf b;
    wd_error err;
    assert_int_equal(wd_http_get(f->h, f->url, &b, &err), 0);
    assert_string_equal(b.data, body_ok);
    assert_int_equal(b.status, 200);
    assert_int_equal(wd_test_server_requests(&f->srv), 3);
    wd_buf_free(&b);

    /* A 5xx that persists: three tries (retries = 2), then an error that says so. */
    const wd_test_response down[] = {{.path = "/data", .status = 503, .body = "onderhoud"}};
    wd_test_server_script(&f->srv, down, 1);
    char url[160];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/data?x=1", f->srv.port);
    assert_int_equal(wd_http_get(f->h, url, &b, &err), WD_EHTTP);
    char want[256];
    snprintf(want, sizeof want, "HTTP 503 bij %s (na 3 pogingen): onderhoud", url);
    assert_string_equal(err.msg, want);
    assert_int_equal(wd_test_server_requests(&f->srv), 3);
    assert_null(b.data);

    /* A 404 is not transient: one request only. */
    const wd_test_response gone[] = {{.path = "/data", .status = 404, .body = "weg"}};
    wd_test_server_script(&f->srv, gone, 1);
    assert_int_equal(wd_http_get(f->h, url, &b, &err), WD_ENOTFOUND);
    assert_int_equal(wd_test_server_requests(&f->srv), 1);
}

static void retry_429_honours_retry_after(void **state)
{
    fixture *f = *state;
    const wd_test_response script[] = {
        {.path = "/data", .status = 429, .headers = "Retry-After: 1\r\n", .times = 1},
        {.path = "/data", .body = body_ok},
    };
    wd_test_server_script(&f->srv, script, 2);
    wd_buf b;
    wd_error err;
    double t0 = now_s();
    assert_int_equal(wd_http_get(f->h, f->url, &b, &err), 0);
    double waited = now_s() - t0;
    /* The back-off alone would be about 10 ms: the second second is Retry-After's. */
    assert_true(waited >= 0.95);
    assert_true(waited < 1.9);
    assert_string_equal(b.data, body_ok);
    wd_buf_free(&b);

    /* An hour is capped at max_wait_ms (2 s here, 0.3 s below). */
    wd_http *quick;
    wd_http_options opt = fast_options();
    opt.max_wait_ms = 300;
    opt.retries = 1;
    assert_int_equal(wd_http_new(&quick, &opt, &err), 0);
    const wd_test_response hour[] = {
        {.path = "/data", .status = 429, .headers = "Retry-After: 3600\r\n", .times = 1},
        {.path = "/data", .body = body_ok},
    };
    wd_test_server_script(&f->srv, hour, 2);
    t0 = now_s();
    assert_int_equal(wd_http_get(quick, f->url, &b, &err), 0);
    waited = now_s() - t0;
    assert_true(waited >= 0.28);
    assert_true(waited < 1.5);
    wd_buf_free(&b);
    wd_http_free(quick);
}

static void body_cut_short_is_retried(void **state)
{
    fixture *f = *state;
    static char long_body[2001];
    memset(long_body, 'z', 2000);
    const wd_test_response script[] = {
        {.path = "/data", .body = long_body, .cut = 700, .drop = 1, .times = 1},
        {.path = "/data", .body = long_body},
    };
    wd_test_server_script(&f->srv, script, 2);
    wd_buf b;
    wd_error err;
    assert_int_equal(wd_http_get(f->h, f->url, &b, &err), 0);
    assert_int_equal(b.len, 2000);
    assert_int_equal(wd_test_server_requests(&f->srv), 2);
    wd_buf_free(&b);

    /* Cut short every time: a clear error, and nothing of the partial bodies in the cache
     * beyond the complete entry of the first call. */
    const wd_test_response always[] = {{.path = "/data", .body = long_body, .cut = 700, .drop = 1}};
    wd_test_server_script(&f->srv, always, 1);
    char url[160];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/data?page=2", f->srv.port);
    assert_int_equal(wd_http_get(f->h, url, &b, &err), WD_EHTTP);
    wd_test_assert_contains(err.msg, url);
    wd_test_assert_contains(
        err.msg, "verbinding verbroken voordat het antwoord compleet was (na 3 pogingen)");
    assert_int_equal(wd_test_server_requests(&f->srv), 3);
    assert_null(b.data);
    assert_int_equal(count_files(f->cache), 2);
}

/* Replies that cannot be the JSON asked for, as CBS and PDOK send them under load: an empty
 * body, an Atom feed or an HTML page, a body cut off by the server (complete HTTP, incomplete
 * JSON). Each is retried like a dropped connection and never cached. */
static void broken_json_is_retried(void **state)
{
    fixture *f = *state;
    static const char cut[] = "{\"value\": [{\"Key\": \"GM0344    \"}, {\"Key\": \"WK03";
    static const char atom[] = "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed "
                               "xmlns=\"http://www.w3.org/2005/Atom\"><entry/></feed>";
    static const char html[] = "<!DOCTYPE html><html><body>Onderhoud</body></html>";
    static const char garbled[] = "{\"value\": [{\"Key\": \"GM03\"} 5q7]}";
    const char *bad[] = {"", "   \n", cut, atom, html, garbled};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const wd_test_response script[] = {
            {.path = "/data", .body = bad[i], .times = 1},
            {.path = "/data", .body = body_ok},
        };
        wd_test_server_script(&f->srv, script, 2);
        char url[160];
        snprintf(url, sizeof url, "http://127.0.0.1:%d/data?$format=json&n=%zu", f->srv.port, i);
        wd_buf b;
        wd_error err;
        assert_int_equal(wd_http_get_json(f->h, url, &b, &err), 0);
        assert_string_equal(b.data, body_ok);
        assert_int_equal(wd_test_server_requests(&f->srv), 2);
        wd_buf_free(&b);
    }
    /* Broken every time: the error says what came back; nothing is cached. */
    static const struct {
        const char *body, *query, *want;
    } always[] = {
        {"", "$format=json", "leeg antwoord van %s waar JSON verwacht werd (na 3 pogingen)"},
        {cut, "$format=json",
         "antwoord van %s is afgebroken: JSON van 47 bytes die niet afgesloten wordt (na 3 "
         "pogingen)"},
        {atom, "$format=json",
         "antwoord van %s is Atom/XML waar JSON verwacht werd, hoewel de URL om JSON vraagt (na 3 "
         "pogingen)"},
        {atom, "$skip=20",
         "antwoord van %s is Atom/XML waar JSON verwacht werd; voeg $format=json toe aan de URL "
         "(na 3 pogingen)"},
        {html, "$format=json",
         "antwoord van %s is een HTML-pagina waar JSON verwacht werd (een foutpagina of "
         "onderhoudsmelding?) (na 3 pogingen)"},
    };
    int files = count_files(f->cache);
    for (size_t i = 0; i < sizeof always / sizeof *always; i++) {
        const wd_test_response script[] = {{.path = "/data", .body = always[i].body}};
        wd_test_server_script(&f->srv, script, 1);
        char url[160], want[400];
        snprintf(url, sizeof url, "http://127.0.0.1:%d/data?%s", f->srv.port, always[i].query);
        wd_buf b;
        wd_error err;
        assert_int_equal(wd_http_get_json(f->h, url, &b, &err), WD_EHTTP);
        snprintf(want, sizeof want, always[i].want, url);
        assert_string_equal(err.msg, want);
        assert_int_equal(wd_test_server_requests(&f->srv), 3);
        assert_null(b.data);
    }
    assert_int_equal(count_files(f->cache), files);
    /* wd_http_get asks for bytes, not JSON: the same reply is returned as it is. */
    const wd_test_response script[] = {{.path = "/data", .body = cut}};
    wd_test_server_script(&f->srv, script, 1);
    wd_buf b;
    wd_error err;
    assert_int_equal(wd_http_get(f->h, f->url, &b, &err), 0);
    assert_string_equal(b.data, cut);
    wd_buf_free(&b);
    /* A broken body in the cache (kept by wd_http_get, or by an older version) is not
     * reused where JSON is asked: it is fetched again, unconditionally. */
    const wd_test_response again[] = {{.path = "/data", .body = body_ok}};
    wd_test_server_script(&f->srv, again, 1);
    assert_int_equal(wd_http_get_json(f->h, f->url, &b, &err), 0);
    assert_string_equal(b.data, body_ok);
    wd_buf_free(&b);
    assert_int_equal(wd_test_server_requests(&f->srv), 1);
    pthread_mutex_lock(&f->srv.lock);
    assert_null(strstr(f->srv.last_request, "If-"));
    pthread_mutex_unlock(&f->srv.lock);
}

/* A fetch run again after an interruption reuses what it fetched, without a request; a new
 * run (after one that finished) asks again. */
static void interrupted_run_reuses_the_cache(void **state)
{
    fixture *f = *state;
    wd_error err;
    long long since;
    int resumed;
    const long long t0 = 2000000000LL * 1000000;
    assert_int_equal(wd_cache_run_begin(f->cache, t0, &since, &resumed, &err), 0);
    assert_true(since == t0 && resumed == 0);
    /* Not finished: the next run continues this one, within WD_CACHE_RESUME_MAX_US. */
    assert_int_equal(wd_cache_run_begin(f->cache, t0 + 3600 * 1000000LL, &since, &resumed, &err),
                     0);
    assert_true(since == t0 && resumed == 1);
    assert_int_equal(
        wd_cache_run_begin(f->cache, t0 + WD_CACHE_RESUME_MAX_US + 1, &since, &resumed, &err), 0);
    assert_true(since == t0 + WD_CACHE_RESUME_MAX_US + 1 && resumed == 0);
    assert_int_equal(wd_cache_run_end(f->cache, &err), 0);
    assert_int_equal(
        wd_cache_run_begin(f->cache, t0 + WD_CACHE_RESUME_MAX_US + 5, &since, &resumed, &err), 0);
    assert_true(since == t0 + WD_CACHE_RESUME_MAX_US + 5 && resumed == 0);

    /* The client side: entries fetched since reuse_since are served without a request. */
    const wd_test_response script[] = {{.path = "/data", .body = body_ok}};
    wd_test_server_script(&f->srv, script, 1);
    wd_buf b;
    assert_int_equal(wd_http_get(f->h, f->url, &b, &err), 0);
    wd_buf_free(&b);
    assert_int_equal(wd_test_server_requests(&f->srv), 1);
    wd_http *again;
    wd_http_options opt = fast_options();
    opt.cache_dir = f->cache;
    opt.reuse_since = wd_time_now_us() - 60 * 1000000LL;
    assert_int_equal(wd_http_new(&again, &opt, &err), 0);
    assert_int_equal(wd_http_get(again, f->url, &b, &err), 0);
    assert_string_equal(b.data, body_ok);
    wd_buf_free(&b);
    assert_int_equal(wd_test_server_requests(&f->srv), 1);
    wd_http_free(again);
    /* Fetched before the run started: asked again (conditionally). */
    opt.reuse_since = wd_time_now_us() + 60 * 1000000LL;
    assert_int_equal(wd_http_new(&again, &opt, &err), 0);
    assert_int_equal(wd_http_get(again, f->url, &b, &err), 0);
    wd_buf_free(&b);
    assert_int_equal(wd_test_server_requests(&f->srv), 2);
    wd_http_free(again);
}

static void stalling_server_times_out(void **state)
{
    fixture *f = *state;
    wd_http *slow;
    wd_error err;
    wd_http_options opt = fast_options();
    opt.low_speed_time_s = 1;
    opt.total_timeout_s = 2;
    opt.retries = -1;
    opt.cache_dir = f->cache;
    assert_int_equal(wd_http_new(&slow, &opt, &err), 0);
    const wd_test_response script[] = {
        {.path = "/data", .body = body_ok, .cut = 5, .stall_ms = 8000},
    };
    wd_test_server_script(&f->srv, script, 1);
    wd_buf b;
    double t0 = now_s();
    assert_int_equal(wd_http_get(slow, f->url, &b, &err), WD_EHTTP);
    double took = now_s() - t0;
    assert_true(took >= 0.9);
    assert_true(took < 3.5);
    wd_test_assert_contains(err.msg, f->url);
    wd_test_assert_contains(err.msg, "time-out");
    assert_int_equal(wd_test_server_requests(&f->srv), 1);
    assert_null(b.data);
    assert_int_equal(count_files(f->cache), 0);
    wd_http_free(slow);
}

static void over_the_cap_leaves_no_cache_file(void **state)
{
    fixture *f = *state;
    char url[160];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/big-chunked", f->srv.port);
    wd_buf b;
    wd_error err;
    assert_int_equal(wd_http_get(f->h, url, &b, &err), WD_ENOMEM);
    char want[256];
    snprintf(want, sizeof want, "antwoord van %s is groter dan 100000 bytes", url);
    assert_string_equal(err.msg, want);
    /* Not transient: asked once. */
    assert_int_equal(wd_test_server_requests(&f->srv), 1);
    assert_int_equal(count_files(f->cache), 0);
}

static void not_modified_reuses_the_cache(void **state)
{
    fixture *f = *state;
    const wd_test_response script[] = {
        {.path = "/data",
         .body = body_ok,
         .headers = "ETag: \"v1\"\r\nLast-Modified: Tue, 24 Nov 2026 10:00:00 GMT\r\n",
         .times = 1},
        {.path = "/data", .status = 304},
        /* never reached: 304 above answers every later request */
        {.path = "/data", .body = "{\"value\": []}"},
    };
    wd_test_server_script(&f->srv, script, 3);
    wd_buf b;
    wd_error err;
    assert_int_equal(wd_http_get(f->h, f->url, &b, &err), 0);
    assert_string_equal(b.data, body_ok);
    wd_buf_free(&b);
    pthread_mutex_lock(&f->srv.lock);
    assert_null(strstr(f->srv.last_request, "If-None-Match"));
    pthread_mutex_unlock(&f->srv.lock);

    /* The entry: body and metadata, named by the SHA-256 of the URL. */
    char key[65], path[1200];
    wd_sha256_hex(f->url, strlen(f->url), key);
    snprintf(path, sizeof path, "%s/%s.json", f->cache, key);
    char *meta = wd_test_read_file(path, NULL);
    assert_non_null(meta);
    wd_test_assert_contains(meta, "\"etag\": \"\\\"v1\\\"\"");
    wd_test_assert_contains(meta, "Tue, 24 Nov 2026 10:00:00 GMT");
    wd_test_assert_contains(meta, f->url);
    char hash[65];
    wd_sha256_hex(body_ok, strlen(body_ok), hash);
    wd_test_assert_contains(meta, hash);
    free(meta);
    assert_int_equal(count_files(f->cache), 2);

    /* Asked again conditionally; the 304 gives back the cached body. */
    assert_int_equal(wd_http_get(f->h, f->url, &b, &err), 0);
    assert_string_equal(b.data, body_ok);
    assert_int_equal(b.status, 200);
    wd_buf_free(&b);
    pthread_mutex_lock(&f->srv.lock);
    wd_test_assert_contains(f->srv.last_request, "If-None-Match: \"v1\"\r\n");
    wd_test_assert_contains(f->srv.last_request,
                            "If-Modified-Since: Tue, 24 Nov 2026 10:00:00 GMT\r\n");
    pthread_mutex_unlock(&f->srv.lock);
    assert_int_equal(wd_test_server_requests(&f->srv), 2);

    /* A failing refresh leaves the entry as it was. */
    const wd_test_response down[] = {{.path = "/data", .status = 500, .body = "kapot"}};
    wd_test_server_script(&f->srv, down, 1);
    assert_int_equal(wd_http_get(f->h, f->url, &b, &err), WD_EHTTP);
    wd_cache_meta m;
    assert_int_equal(wd_cache_get(f->cache, f->url, 100000, &m, &b, &err), 1);
    assert_string_equal(b.data, body_ok);
    assert_string_equal(m.etag, "\"v1\"");
    assert_int_equal(m.status, 200);
    wd_buf_free(&b);
    assert_int_equal(count_files(f->cache), 2);

    /* A body that does not match its recorded hash (a half-replaced entry) counts as
     * absent. */
    snprintf(path, sizeof path, "%s/%s.body", f->cache, key);
    assert_int_equal(wd_test_write_file(path, "{}", 2), 0);
    assert_int_equal(wd_cache_get(f->cache, f->url, 100000, &m, &b, &err), 0);
    assert_null(b.data);
    /* So does unreadable metadata; the next download replaces the entry. */
    snprintf(path, sizeof path, "%s/%s.json", f->cache, key);
    assert_int_equal(wd_test_write_file(path, "{\"etag\": ", 9), 0);
    assert_int_equal(wd_cache_get(f->cache, f->url, 100000, &m, &b, &err), 0);
    const wd_test_response again[] = {{.path = "/data", .body = body_ok}};
    wd_test_server_script(&f->srv, again, 1);
    assert_int_equal(wd_http_get(f->h, f->url, &b, &err), 0);
    wd_buf_free(&b);
    assert_int_equal(wd_cache_get(f->cache, f->url, 100000, &m, &b, &err), 1);
    assert_string_equal(b.data, body_ok);
    wd_buf_free(&b);
}

static void offline_uses_only_the_cache(void **state)
{
    fixture *f = *state;
    wd_error err;
    wd_http *off;
    wd_http_options opt = fast_options();
    opt.offline = 1;
    assert_int_equal(wd_http_new(&off, &opt, &err), WD_EUSAGE); /* no cache folder */
    opt.cache_dir = f->cache;
    assert_int_equal(wd_http_new(&off, &opt, &err), 0);
    wd_test_server_script(&f->srv, NULL, 0);

    wd_buf b;
    assert_int_equal(wd_http_get(off, f->url, &b, &err), WD_ENOTFOUND);
    char want[256];
    snprintf(want, sizeof want, "niet in de cache: %s; haal eerst op zonder --offline", f->url);
    assert_string_equal(err.msg, want);
    assert_int_equal(wd_test_server_requests(&f->srv), 0);
    assert_int_equal(count_files(f->cache), 0);

    const wd_test_response script[] = {{.path = "/data", .body = body_ok}};
    wd_test_server_script(&f->srv, script, 1);
    assert_int_equal(wd_http_get(f->h, f->url, &b, &err), 0);
    wd_buf_free(&b);
    assert_int_equal(wd_http_get(off, f->url, &b, &err), 0);
    assert_string_equal(b.data, body_ok);
    wd_buf_free(&b);
    assert_int_equal(wd_test_server_requests(&f->srv), 1);

    /* file:// URLs bypass the cache, offline too. */
    char url[4200];
    assert_int_equal(
        wd_fileurl_from_path(url, sizeof url, WD_TEST_DATA "/fetchers/bad/atom.xml", &err), 0);
    assert_int_equal(wd_http_get(off, url, &b, &err), 0);
    wd_buf_free(&b);
    assert_int_equal(count_files(f->cache), 2);
    wd_http_free(off);
}

static void gzip_is_decoded(void **state)
{
    fixture *f = *state;
    /* gzip of {"value": ["gzip"]} (Python gzip.compress, mtime 0). */
    static const char gz[] = "\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\xab\x56\x2a\x4b\xcc"
                             "\x29\x4d\x55\xb2\x52\x88\x56\x4a\xaf\xca\x2c\x50\x8a\xad\x05"
                             "\x00\x1c\xa7\xca\x45\x13\x00\x00\x00";
    const wd_test_response script[] = {
        {.path = "/data",
         .body = gz,
         .len = sizeof gz - 1,
         .headers = "Content-Encoding: gzip\r\n"},
    };
    wd_test_server_script(&f->srv, script, 1);
    wd_buf b;
    wd_error err;
    assert_int_equal(wd_http_get(f->h, f->url, &b, &err), 0);
    assert_string_equal(b.data, "{\"value\": [\"gzip\"]}");
    wd_buf_free(&b);
    /* The cache keeps the decoded bytes. */
    wd_cache_meta m;
    assert_int_equal(wd_cache_get(f->cache, f->url, 1000, &m, &b, &err), 1);
    assert_string_equal(b.data, "{\"value\": [\"gzip\"]}");
    wd_buf_free(&b);
}

typedef struct {
    size_t last, expected;
    unsigned long transfer;
    int calls;
} progress_seen;

static void on_progress(const wd_http_progress *p, void *ctx)
{
    progress_seen *seen = ctx;
    seen->calls++;
    seen->last = p->received;
    seen->expected = p->expected;
    seen->transfer = p->transfer;
}

static void progress_reports_bytes(void **state)
{
    fixture *f = *state;
    static char long_body[50001];
    memset(long_body, 'p', 50000);
    const wd_test_response script[] = {{.path = "/data", .body = long_body}};
    wd_test_server_script(&f->srv, script, 1);
    progress_seen seen = {0};
    wd_http *h;
    wd_error err;
    wd_http_options opt = fast_options();
    opt.progress = on_progress;
    opt.progress_ctx = &seen;
    assert_int_equal(wd_http_new(&h, &opt, &err), 0);
    wd_buf b;
    assert_int_equal(wd_http_get(h, f->url, &b, &err), 0);
    wd_buf_free(&b);
    assert_int_equal(wd_http_get(h, f->url, &b, &err), 0);
    wd_buf_free(&b);
    assert_true(seen.calls >= 2);
    assert_int_equal(seen.last, 50000);
    assert_int_equal(seen.expected, 50000);
    assert_int_equal(seen.transfer, 2);
    wd_http_free(h);
}

/* Serve the test mirror over HTTP, its @ROOT@ links pointing at the server. */
static void serve_mirror(fixture *f, char *base, size_t cap)
{
    wd_test_server_script(&f->srv, NULL, 0);
    f->srv.root = WD_TEST_DATA "/fetchers/mirror";
    f->srv.root_from = "@ROOT@";
    snprintf(base, cap, "http://127.0.0.1:%d/opendata.cbs.nl/ODataFeed/odata", f->srv.port);
}

static void adapter_pages_over_http(void **state)
{
    fixture *f = *state;
    char base[160];
    serve_mirror(f, base, sizeof base);
    wd_batch *b = wd_batch_new();
    wd_error err;
    wd_odata_request req = {.base = base, .table_id = "85984NED", .gemeente = "GM9999"};
    int rc = wd_fetch_kwb(f->h, &req, b, &err);
    if (rc) print_error("%s\n", err.msg);
    assert_int_equal(rc, 0);
    /* TableInfos, DataProperties, WijkenEnBuurten and three pages of TypedDataSet. */
    assert_int_equal(wd_test_server_requests(&f->srv), 6);
    assert_non_null(find_obs(b, "BU99990101", "AantalInwoners", "", 2024));
    assert_true(count_obs(b, "NL00") > 0);
    /* Every page went into the cache. */
    assert_int_equal(count_files(f->cache), 12);
    wd_batch_free(b);
}

static void bad_json_and_atom_over_http(void **state)
{
    fixture *f = *state;
    char base[160];
    serve_mirror(f, base, sizeof base);
    char *invalid = kept(f, wd_test_read_file(WD_TEST_DATA "/fetchers/bad/invalid.json", NULL));
    char *atom = kept(f, wd_test_read_file(WD_TEST_DATA "/fetchers/bad/atom.xml", NULL));
    assert_non_null(invalid);
    assert_non_null(atom);
    /* Invalid JSON, every time: retried as garbled in transit, then named with line and
     * column. */
    const wd_test_response script[] = {
        {.path = "/opendata.cbs.nl/ODataFeed/odata/85984NED/TableInfos", .body = invalid},
    };
    wd_test_server_script(&f->srv, script, 1);
    wd_batch *b = wd_batch_new();
    wd_error err;
    wd_odata_request req = {.base = base, .table_id = "85984NED", .gemeente = "GM9999"};
    assert_int_equal(wd_fetch_kwb(f->h, &req, b, &err), WD_EHTTP);
    char want[256];
    snprintf(
        want, sizeof want,
        "antwoord van %s/85984NED/TableInfos?$format=json is geen geldige JSON (regel 3, kolom ",
        base);
    assert_memory_equal(err.msg, want, strlen(want));
    wd_test_assert_contains(err.msg, "(na 3 pogingen)");
    assert_int_equal(wd_test_server_requests(&f->srv), 3);
    /* An Atom reply to a URL with $format=json, on the second page of TypedDataSet: that
     * page is asked again, the table is not started over. */
    const wd_test_response page2[] = {
        {.path = "/opendata.cbs.nl/ODataFeed/odata/85984NED/TypedDataSet-2",
         .body = atom,
         .times = 1},
    };
    wd_test_server_script(&f->srv, page2, 1);
    assert_int_equal(wd_fetch_kwb(f->h, &req, b, &err), 0);
    /* TableInfos, DataProperties, WijkenEnBuurten, three pages and the second again. */
    assert_int_equal(wd_test_server_requests(&f->srv), 7);
    /* Atom every time: the error says the URL asked for JSON, and nothing is kept. */
    wd_batch_clear(b);
    const wd_test_response always[] = {
        {.path = "/opendata.cbs.nl/ODataFeed/odata/85984NED/TypedDataSet-2", .body = atom},
    };
    wd_test_server_script(&f->srv, always, 1);
    assert_int_equal(wd_fetch_kwb(f->h, &req, b, &err), WD_EHTTP);
    wd_test_assert_contains(err.msg, "TypedDataSet-2?$format=json");
    wd_test_assert_contains(err.msg,
                            "is Atom/XML waar JSON verwacht werd, hoewel de URL om JSON vraagt");
    assert_int_equal(b->n_obs, 0);
    assert_int_equal(b->n_sources, 0);
    wd_batch_free(b);
}

/* A mirror file's bytes, for a scripted answer. */
static char *mirror_file(const char *rel)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/fetchers/mirror/opendata.cbs.nl/ODataFeed/odata/%s",
             WD_TEST_DATA, rel);
    char *text = wd_test_read_file(path, NULL);
    assert_non_null(text);
    return text;
}

/* CBS ODataApi refuses a query of more than 10,000 records (HTTP 500); the adapter asks the
 * same query of the ODataFeed, which pages, instead of retrying. */
static void record_limit_turns_to_the_feed(void **state)
{
    fixture *f = *state;
    char feed[160], api[160];
    serve_mirror(f, feed, sizeof feed);
    snprintf(api, sizeof api, "http://127.0.0.1:%d/opendata.cbs.nl/ODataApi/odata", f->srv.port);
    char *ti = kept(f, mirror_file("85984NED/TableInfos")),
         *dp = kept(f, mirror_file("85984NED/DataProperties")),
         *wb = kept(f, mirror_file("85984NED/WijkenEnBuurten"));
    const wd_test_response script[] = {
        {.path = "/opendata.cbs.nl/ODataApi/odata/85984NED/TableInfos", .body = ti},
        {.path = "/opendata.cbs.nl/ODataApi/odata/85984NED/DataProperties", .body = dp},
        {.path = "/opendata.cbs.nl/ODataApi/odata/85984NED/WijkenEnBuurten", .body = wb},
        {.path = "/opendata.cbs.nl/ODataApi/odata/85984NED/TypedDataSet",
         .status = 500,
         .body = "{\"odata.error\":{\"code\":\"\",\"message\":{\"lang\":\"en-US\",\"value\":"
                 "\"Query returns more than 10000 records. Please use paging.\"}}}"},
    };
    wd_test_server_script(&f->srv, script, 4);
    wd_batch *b = wd_batch_new();
    wd_error err;
    wd_odata_request req = {.base = api, .table_id = "85984NED", .gemeente = "GM9999"};
    int rc = wd_fetch_kwb(f->h, &req, b, &err);
    if (rc) print_error("%s\n", err.msg);
    assert_int_equal(rc, 0);
    /* Three small collections, one refusal (not retried), three pages of the feed. */
    assert_int_equal(wd_test_server_requests(&f->srv), 7);
    wd_test_assert_contains(b->sources[0].url,
                            "/ODataFeed/odata/85984NED/TypedDataSet?$format=json");
    assert_non_null(find_obs(b, "BU99990101", "AantalInwoners", "", 2024));
    wd_batch_free(b);
}

/* A table that lists the gemeente but yields none of its figures fails, and adds nothing; a
 * table that does not list it (another indeling) adds nothing and is no error. */
static void zero_observations_is_an_error(void **state)
{
    fixture *f = *state;
    char base[160];
    serve_mirror(f, base, sizeof base);
    const wd_test_response script[] = {
        {.path = "/opendata.cbs.nl/ODataFeed/odata/85984NED/TypedDataSet",
         .body = "{\"value\": [{\"ID\": 0, \"WijkenEnBuurten\": \"NL00      \", "
                 "\"AantalInwoners_5\": 17942942}]}"},
    };
    wd_test_server_script(&f->srv, script, 1);
    wd_batch *b = wd_batch_new();
    wd_error err;
    wd_odata_request req = {.base = base, .table_id = "85984NED", .gemeente = "GM9999"};
    assert_int_equal(wd_fetch_kwb(f->h, &req, b, &err), WD_ENOTFOUND);
    char want[512];
    snprintf(want, sizeof want,
             "85984NED (Kerncijfers wijken en buurten 2024): geen enkele waarneming voor GM9999, "
             "hoewel de tabel de gemeente noemt (%s/85984NED/TypedDataSet?$format=json&$filter=",
             base);
    assert_memory_equal(err.msg, want, strlen(want));
    assert_int_equal(b->n_obs, 0);
    assert_int_equal(b->n_regions, 0);
    assert_int_equal(b->n_sources, 0);
    /* GM1234 is not in the table: nothing, and no error. */
    wd_test_server_script(&f->srv, NULL, 0);
    req.gemeente = "GM1234";
    assert_int_equal(wd_fetch_kwb(f->h, &req, b, &err), 0);
    assert_int_equal(b->n_obs, 0);
    assert_int_equal(b->n_regions, 0);
    assert_int_equal(b->n_sources, 0);
    wd_batch_free(b);
}

int main(void)
{
    wd_error err;
    if (wd_http_global_init(&err)) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(file_url_read_and_missing, setup_http, teardown_http),
        cmocka_unit_test_setup_teardown(http_status_cap_and_headers, setup_http, teardown_http),
        cmocka_unit_test_setup_teardown(redirect_changes_no_protocol, setup_fixture,
                                        teardown_fixture),
        cmocka_unit_test_setup_teardown(https_redirect_stays_https, setup_fixture,
                                        teardown_fixture),
        cmocka_unit_test_setup_teardown(retry_after_5xx_then_success, setup_fixture,
                                        teardown_fixture),
        cmocka_unit_test_setup_teardown(retry_429_honours_retry_after, setup_fixture,
                                        teardown_fixture),
        cmocka_unit_test_setup_teardown(body_cut_short_is_retried, setup_fixture, teardown_fixture),
        cmocka_unit_test_setup_teardown(broken_json_is_retried, setup_fixture, teardown_fixture),
        cmocka_unit_test_setup_teardown(interrupted_run_reuses_the_cache, setup_fixture,
                                        teardown_fixture),
        cmocka_unit_test_setup_teardown(stalling_server_times_out, setup_fixture, teardown_fixture),
        cmocka_unit_test_setup_teardown(over_the_cap_leaves_no_cache_file, setup_fixture,
                                        teardown_fixture),
        cmocka_unit_test_setup_teardown(not_modified_reuses_the_cache, setup_fixture,
                                        teardown_fixture),
        cmocka_unit_test_setup_teardown(offline_uses_only_the_cache, setup_fixture,
                                        teardown_fixture),
        cmocka_unit_test_setup_teardown(gzip_is_decoded, setup_fixture, teardown_fixture),
        cmocka_unit_test_setup_teardown(progress_reports_bytes, setup_fixture, teardown_fixture),
        cmocka_unit_test_setup_teardown(adapter_pages_over_http, setup_fixture, teardown_fixture),
        cmocka_unit_test_setup_teardown(record_limit_turns_to_the_feed, setup_fixture,
                                        teardown_fixture),
        cmocka_unit_test_setup_teardown(zero_observations_is_an_error, setup_fixture,
                                        teardown_fixture),
        cmocka_unit_test_setup_teardown(bad_json_and_atom_over_http, setup_fixture,
                                        teardown_fixture),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    wd_http_global_cleanup();
    return rc;
}
