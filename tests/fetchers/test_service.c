/* Tests of the service-mirror harness (tests/wd_test_service.c): the mirror starts on a port
 * of its own, answers a libcurl GET with the paging, faults and log it was started with, writes
 * its dump, refuses bad fault rules, and stops without leaving a process or a file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "wd_test_service.c"
#include "wd_test_util.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

typedef struct {
    char *data;
    size_t len;
} body;

static size_t collect(char *p, size_t size, size_t n, void *user)
{
    body *b = user;
    char *grown = realloc(b->data, b->len + size * n + 1);
    if (!grown) return 0;
    memcpy(grown + b->len, p, size * n);
    b->data = grown;
    b->len += size * n;
    b->data[b->len] = '\0';
    return size * n;
}

/* GET url; returns the HTTP status and the body in *out (caller frees out->data). */
static long get(const char *url, body *out, char *retry_after, size_t retry_size)
{
    memset(out, 0, sizeof *out);
    CURL *c = curl_easy_init();
    assert_non_null(c);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
    assert_int_equal(curl_easy_perform(c), CURLE_OK);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (retry_after) {
        struct curl_header *h = NULL;
        retry_after[0] = '\0';
        if (curl_easy_header(c, "Retry-After", 0, CURLH_HEADER, -1, &h) == CURLHE_OK)
            snprintf(retry_after, retry_size, "%s", h->value);
    }
    curl_easy_cleanup(c);
    return status;
}

static void serves_pages_and_logs_requests(void **state)
{
    (void)state;
    wd_test_service s;
    wd_test_service_options o = {.page_size = 3};
    assert_int_equal(wd_test_service_start(&s, &o), 0);
    assert_true(s.port > 0);
    char base[128], url[512];
    wd_test_service_url(&s, "opendata.cbs.nl", base, sizeof base);
    snprintf(url, sizeof url, "%s/ODataFeed/odata/85984NED/DataProperties?$format=json", base);
    body b;
    assert_int_equal(get(url, &b, NULL, 0), 200);
    wd_test_assert_contains(b.data, "\"odata.nextLink\": \"http://127.0.0.1:");
    wd_test_assert_contains(b.data, "DataProperties?$format=json&$skip=3\"");
    free(b.data);
    snprintf(url, sizeof url, "%s/ODataApi/odata/85984NED/TypedDataSet?$format=json", base);
    assert_int_equal(get(url, &b, NULL, 0), 500);
    wd_test_assert_contains(b.data, "query returns more than 10000 records");
    free(b.data);
    assert_int_equal(wd_test_service_requests(&s, NULL), 2);
    assert_int_equal(wd_test_service_requests(&s, "DataProperties"), 1);
    assert_int_equal(wd_test_service_requests(&s, "$skip"), 0);
    char dir[64];
    snprintf(dir, sizeof dir, "%s", s.dir);
    pid_t pid = s.pid;
    wd_test_service_stop(&s);
    struct stat st;
    assert_int_equal(stat(dir, &st), -1);
    assert_int_equal(waitpid(pid, NULL, WNOHANG), -1); /* reaped: no zombie */
    assert_int_equal(errno, ECHILD);
    wd_test_service_stop(&s); /* twice is harmless */
}

static void faults_from_the_start_and_while_running(void **state)
{
    (void)state;
    wd_test_service s;
    wd_test_service_options o = {.faults =
                                     "[{\"kind\": \"status\", \"status\": 503, \"retry_after\": 2, "
                                     "\"match\": \"TableInfos\"}]"};
    assert_int_equal(wd_test_service_start(&s, &o), 0);
    char url[512], retry[32];
    snprintf(url, sizeof url,
             "%s/dataderden.cbs.nl/ODataApi/odata/50150NED/TableInfos?$format=json", s.base);
    body b;
    assert_int_equal(get(url, &b, retry, sizeof retry), 503);
    assert_string_equal(retry, "2");
    free(b.data);
    assert_int_equal(get(url, &b, NULL, 0), 200);
    wd_test_assert_contains(b.data, "\"Identifier\": \"50150NED\"");
    free(b.data);
    assert_int_equal(wd_test_service_faults(&s, "[{\"kind\": \"status\", \"status\": 429, "
                                                "\"match\": \"50150NED\", \"times\": 2}]"),
                     0);
    assert_int_equal(get(url, &b, NULL, 0), 429);
    free(b.data);
    assert_int_equal(get(url, &b, NULL, 0), 429);
    free(b.data);
    assert_int_equal(get(url, &b, NULL, 0), 200);
    free(b.data);
    assert_int_equal(wd_test_service_faults(&s, "[{\"kind\": \"nonsense\"}]"), -1);
    assert_int_equal(wd_test_service_requests(&s, "TableInfos"), 5);
    wd_test_service_stop(&s);
}

static void bad_fault_rules_do_not_start(void **state)
{
    (void)state;
    wd_test_service s;
    wd_test_service_options o = {.faults = "[{\"kind\": \"status\", \"times\": 0}]"};
    assert_int_equal(wd_test_service_start(&s, &o), -1);
    assert_int_equal(s.pid, 0);
    wd_test_service_stop(&s);
}

static void options_reach_the_model_and_the_dump(void **state)
{
    (void)state;
    wd_test_service s;
    wd_test_service_options o = {
        .table_2026 = 1, .delivery_2025 = 2, .page_size = 3, .next_link_on_full_page = 1};
    assert_int_equal(wd_test_service_start(&s, &o), 0);
    char url[512];
    snprintf(
        url, sizeof url,
        "%s/opendata.cbs.nl/ODataCatalog/Tables?$format=json&$filter=Period%%20eq%%20%%272026%%27",
        s.base);
    body b;
    assert_int_equal(get(url, &b, NULL, 0), 200);
    wd_test_assert_contains(b.data, "\"Title\": \"Kerncijfers wijken en buurten 2026\"");
    free(b.data);
    /* Marges has exactly one full page of 3: with the option it still links on. */
    snprintf(url, sizeof url, "%s/dataderden.cbs.nl/ODataFeed/odata/50120NED/Marges?$format=json",
             s.base);
    assert_int_equal(get(url, &b, NULL, 0), 200);
    wd_test_assert_contains(b.data, "Marges?$format=json&$skip=3\"");
    free(b.data);
    wd_test_service_stop(&s);
    char *dir = wd_test_tmpdir(), path[256];
    snprintf(path, sizeof path, "%s/dump.json", dir);
    assert_int_equal(wd_test_service_dump(&o, path), 0);
    char *dump = wd_test_read_file(path, NULL);
    wd_test_assert_contains(dump, "\"GemiddeldeWOZWaardeVanWoningen_39\"");
    wd_test_assert_contains(dump, "\"86477NED\"");
    free(dump);
    wd_test_rmtree(dir);
    free(dir);
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(serves_pages_and_logs_requests),
        cmocka_unit_test(faults_from_the_start_and_while_running),
        cmocka_unit_test(bad_fault_rules_do_not_start),
        cmocka_unit_test(options_reach_the_model_and_the_dump),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return rc;
}
