/* Tests of fetchers/wd_http: SHA-256 against the FIPS 180-2 examples, file:// reads, and HTTP
 * status, size cap and request headers against a loopback server started by the test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "fetchers/wd_fileurl.h"
#include "fetchers/wd_http.h"
#include "wd_test_server.c"
#include "wd_test_util.h"

#include <stdio.h>
#include <string.h>

static void sha256_fips_vectors(void **state)
{
    (void)state;
    char hex[65];
    wd_sha256_hex("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    wd_sha256_hex(m448, strlen(m448), hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    wd_sha256_hex("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    /* One million 'a' (FIPS 180-2 appendix B.3) crosses many blocks and the length field. */
    static char million[1000000];
    memset(million, 'a', sizeof million);
    wd_sha256_hex(million, sizeof million, hex);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    /* 55, 56 and 64 bytes: around the padding boundary where the length needs a second
     * block (reference digests from Python's hashlib). */
    char x[64];
    memset(x, 'q', sizeof x);
    wd_sha256_hex(x, 55, hex);
    assert_string_equal(hex, "85528b5baff5639cb8e7daca79d085ac29ac0978e873ed7527158616b2b6c379");
    wd_sha256_hex(x, 56, hex);
    assert_string_equal(hex, "f8ce2f8d6990c639668fe404262f35ed72d8bb145ad6bae786af7284447386df");
    wd_sha256_hex(x, 64, hex);
    assert_string_equal(hex, "ee8e658590c9a5e119400a774415a01db104de1ee6e2c29ec69aa73ef46544d2");
}

static int setup_http(void **state)
{
    wd_http *h = NULL;
    wd_error err;
    wd_http_options opt = {.connect_timeout_s = 5, .total_timeout_s = 20, .max_bytes = 100000};
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
    assert_int_equal(wd_file_url(url, sizeof url, WD_TEST_DATA "/fetchers/bad/atom.xml", &err), 0);
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
    assert_non_null(strstr(err.msg, missing));
    assert_null(b.data);
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

    snprintf(url, sizeof url, "http://127.0.0.1:%d/fail", srv.port);
    assert_int_equal(wd_http_get(h, url, &b, &err), WD_EHTTP);
    assert_null(b.data);
    char want[200];
    snprintf(want, sizeof want, "HTTP 500 bij %s: ", url);
    assert_memory_equal(err.msg, want, strlen(want));
    assert_non_null(strstr(err.msg, "more than 10000 records"));

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

int main(void)
{
    wd_error err;
    if (wd_http_global_init(&err)) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sha256_fips_vectors),
        cmocka_unit_test_setup_teardown(file_url_read_and_missing, setup_http, teardown_http),
        cmocka_unit_test_setup_teardown(http_status_cap_and_headers, setup_http, teardown_http),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    wd_http_global_cleanup();
    return rc;
}
