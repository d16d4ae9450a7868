/* End-to-end tests of `wijkdata fetch`: the program fetches from a loopback HTTP server that
 * serves a generated demonstration mirror (several gemeenten, small pages), reached through
 * the base-URL environment variables; then the store is checked, the cache is used offline,
 * and failing fetches must leave the store byte for byte as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "demo/wd_demo.h"
#include "fetchers/wd_fileurl.h"
#include "fetchers/wd_test_server.c"
#include "fetchers/wd_test_zip.c"
#include "wd_test_util.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dir; /* working folder: mirror/, cache/, stores */
static char mirror_url[4200];
static wd_test_server srv;

static int group_setup(void **state)
{
    (void)state;
    dir = wd_test_tmpdir();
    char mirror[1200], xdg[1200];
    snprintf(mirror, sizeof mirror, "%s/mirror", dir);
    snprintf(xdg, sizeof xdg, "%s/xdg", dir);
    wd_error err;
    /* 80 buurten: Voorbeeldstad and further gemeenten, so that filtering is visible; pages
     * of 60 rows make the adapters follow nextLinks. */
    wd_demo_options opt = {.n_buurten = 80, .seed = 7, .page_size = 60};
    if (wd_demo_generate(mirror, &opt, &err) ||
        wd_file_url(mirror_url, sizeof mirror_url, mirror, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    if (wd_test_server_start(&srv)) return -1;
    srv.root_from = mirror_url;
    srv.root = strdup(mirror);
    char base[128], url[256];
    snprintf(base, sizeof base, "http://127.0.0.1:%d", srv.port);
    snprintf(url, sizeof url, "%s/opendata.cbs.nl/ODataFeed/odata", base);
    setenv("WIJKDATA_CBS_ODATA_URL", url, 1);
    snprintf(url, sizeof url, "%s/dataderden.cbs.nl/ODataFeed/odata", base);
    setenv("WIJKDATA_CBS_DATADERDEN_URL", url, 1);
    snprintf(url, sizeof url, "%s/api.pdok.nl/cbs/wijken-en-buurten-{jaar}/ogc/v1", base);
    setenv("WIJKDATA_PDOK_URL", url, 1);
    snprintf(url, sizeof url, "%s/leefbaarometer/", base);
    setenv("WIJKDATA_LBM_URL", url, 1);
    /* Keep a user's own configuration out of the test. */
    setenv("XDG_CONFIG_HOME", xdg, 1);
    unsetenv("WIJKDATA_CACHE_DIR");
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    wd_test_server_stop(&srv);
    free((char *)srv.root);
    wd_test_rmtree(dir);
    free(dir);
    return 0;
}

/* One integer from a query on the store at dir/name. */
static long query_long(const char *name, const char *sql)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    sqlite3 *db;
    sqlite3_stmt *st;
    long v = -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) v = (long)sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return v;
}

static const char fetch_args[] = "fetch --gemeente GM9999 --years 2023-2024 --cache cache "
                                 "--sources kwb,rivm,lbm,geo";

static void fetch_fills_the_store(void **state)
{
    (void)state;
    char *out, args[512];
    wd_test_server_script(&srv, NULL, 0);
    snprintf(args, sizeof args, "%s --store w.db", fetch_args);
    int rc = wd_test_cli(dir, args, &out);
    if (rc) print_error("%s\n", out);
    assert_int_equal(rc, 0);
    wd_test_assert_contains(out, "[2/10] CBS KWB 2023 (85618NED)");
    wd_test_assert_contains(out, "[10/10] PDOK buurten 2024");
    wd_test_assert_contains(out, "opgehaald voor GM9999 (2023-2024) in w.db");
    free(out);
    /* Every source, only Voorbeeldstad and the country. */
    assert_true(query_long("w.db", "SELECT count(*) FROM regions WHERE code LIKE 'BU9999%'") >= 30);
    assert_int_equal(query_long("w.db", "SELECT count(*) FROM regions WHERE code NOT LIKE '%9999%' "
                                        "AND code NOT LIKE 'NL%'"),
                     0);
    assert_int_equal(query_long("w.db", "SELECT count(DISTINCT year) FROM observations WHERE "
                                        "region = 'BU99990101' AND variable = 'AantalInwoners'"),
                     2);
    assert_true(query_long("w.db", "SELECT count(*) FROM observations WHERE region = "
                                   "'BU99990101' AND variable = 'lbm'") > 0);
    assert_true(query_long("w.db", "SELECT count(*) FROM observations WHERE flags & 4") > 0);
    assert_true(query_long("w.db", "SELECT count(*) FROM geometries WHERE year = 2024") >= 30);
    assert_true(query_long("w.db", "SELECT count(*) FROM observations WHERE region = 'NL00'") > 0);
    assert_true(
        query_long("w.db", "SELECT count(*) FROM sources WHERE url LIKE 'http://127.0.0.1:%'") >=
        9);
    int requests = wd_test_server_requests(&srv);
    assert_true(requests > 20);

    /* Offline: the same fetch from the cache alone, not one request. */
    snprintf(args, sizeof args, "%s --store offline.db --offline", fetch_args);
    rc = wd_test_cli(dir, args, &out);
    if (rc) print_error("%s\n", out);
    assert_int_equal(rc, 0);
    free(out);
    assert_int_equal(wd_test_server_requests(&srv), requests);
    assert_int_equal(query_long("offline.db", "SELECT count(*) FROM observations"),
                     query_long("w.db", "SELECT count(*) FROM observations"));

    /* No temporary file is left in the cache. */
    char cmd[1400];
    snprintf(cmd, sizeof cmd, "ls '%s/cache'", dir);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    assert_null(strstr(out, ".tmp."));
    wd_test_assert_contains(out, ".json");
    free(out);
}

/* Run a fetch that must fail with exit status `want` and `message`, and check that the store
 * w.db is byte for byte what it was. */
static void fetch_fails(const char *extra, int want, const char *message)
{
    char path[1200], args[1024], *out;
    snprintf(path, sizeof path, "%s/w.db", dir);
    size_t before_len, after_len;
    char *before = wd_test_read_file(path, &before_len);
    snprintf(args, sizeof args, "%s --store w.db %s", fetch_args, extra);
    assert_int_equal(wd_test_cli(dir, args, &out), want);
    wd_test_assert_contains(out, message);
    free(out);
    char *after = wd_test_read_file(path, &after_len);
    assert_non_null(before);
    assert_non_null(after);
    assert_int_equal(before_len, after_len);
    assert_memory_equal(before, after, before_len);
    free(before);
    free(after);
}

static void failing_fetch_leaves_the_store_alone(void **state)
{
    (void)state;
    char *out;
    /* Make sure the store exists (the previous test may run in another order). */
    assert_int_equal(wd_test_cli(dir,
                                 "fetch --gemeente GM9999 --years 2024 --cache cache "
                                 "--sources kwb --store w.db",
                                 &out),
                     0);
    free(out);

    /* Invalid JSON on the last page of the last source. */
    const wd_test_response bad[] = {
        {.path = "/api.pdok.nl/cbs/wijken-en-buurten-2024/ogc/v1/collections/buurten/items",
         .body = "{\"type\": \"FeatureCollection\",\n \"features\": [}"},
    };
    wd_test_server_script(&srv, bad, 1);
    fetch_fails("", 1, "regel 2, kolom");
    /* The source is gone (404: not retried). */
    const wd_test_response gone[] = {
        {.path = "/dataderden.cbs.nl/ODataFeed/odata/50120NED/TypedDataSet",
         .status = 404,
         .body = "niet gevonden"},
    };
    wd_test_server_script(&srv, gone, 1);
    /* A cache of its own: the failed run above is continued from its cache, which holds the
     * RIVM pages already. */
    fetch_fails("--cache cache-404", 1, "HTTP 404 bij http://127.0.0.1:");
    wd_test_server_script(&srv, NULL, 0);

    /* Offline with an empty cache names the first missing URL. */
    char want[512];
    snprintf(want, sizeof want,
             "wijkdata: niet in de cache: http://127.0.0.1:%d/opendata.cbs.nl/ODataFeed/odata/"
             "85618NED/TableInfos?$format=json; haal eerst op zonder --offline",
             srv.port);
    fetch_fails("--offline --cache leeg", 1, want);

    /* Usage errors: exit status 2. */
    fetch_fails("--sources kwb,weer", 2, "onbekende bron 'weer'");
    fetch_fails("--years 2024-2016", 2, "ongeldige jaren");
    char cfg[1200];
    snprintf(cfg, sizeof cfg, "%s/bad.conf", dir);
    const char *text = "# test\ncbs_odata_url = http://127.0.0.1:1/x\npdok = y\n";
    assert_int_equal(wd_test_write_file(cfg, text, strlen(text)), 0);
    fetch_fails("--config bad.conf", 2, "bad.conf:3: onbekende sleutel 'pdok'");
    assert_int_equal(wd_test_cli(dir, "fetch --help", &out), 0);
    wd_test_assert_contains(out, "Gebruik: wijkdata fetch --gemeente GMxxxx|alle");
    wd_test_assert_contains(out, "WIJKDATA_PDOK_URL");
    free(out);
    assert_int_equal(wd_test_cli(dir, "--help", &out), 0);
    wd_test_assert_contains(out, "  fetch ");
    free(out);
    assert_int_equal(wd_test_cli(dir, "fetch --years 2024", &out), 2);
    wd_test_assert_contains(out, "--gemeente ontbreekt");
    free(out);

    /* A failed fetch does not create a store. */
    snprintf(want, sizeof want, "fetch --gemeente GM9999 --offline --cache leeg --store nieuw.db");
    assert_int_equal(wd_test_cli(dir, want, &out), 1);
    free(out);
    char cmd[1300];
    snprintf(cmd, sizeof cmd, "test -e '%s/nieuw.db'", dir);
    assert_int_not_equal(wd_test_run(cmd, NULL), 0);
}

/* Every gemeente at once: each source goes into the store as soon as it is read. */
static void fetch_every_gemeente(void **state)
{
    (void)state;
    char *out;
    wd_test_server_script(&srv, NULL, 0);
    int rc = wd_test_cli(dir,
                         "fetch --gemeente alle --years 2024 --cache cache --sources kwb,rivm,geo "
                         "--store alle.db",
                         &out);
    if (rc) print_error("%s\n", out);
    assert_int_equal(rc, 0);
    wd_test_assert_contains(out, "opgehaald voor heel Nederland (2024-2024) in alle.db");
    free(out);
    assert_int_equal(query_long("alle.db", "SELECT count(*) FROM regions WHERE level = 3"), 80);
    assert_true(query_long("alle.db", "SELECT count(*) FROM regions WHERE level = 1") > 1);
    assert_int_equal(query_long("alle.db", "SELECT count(*) FROM geometries WHERE region LIKE "
                                           "'BU%'"),
                     80);
    /* The packed series hold what the observations hold. */
    assert_int_equal(query_long("alle.db", "SELECT count(*) FROM (SELECT DISTINCT region, "
                                           "variable, subgroup FROM observations)"),
                     query_long("alle.db", "SELECT count(*) FROM series"));
    assert_int_equal(wd_test_cli(dir, "indicators --store alle.db --level gemeente --threads 2",
                                 &out),
                     0);
    wd_test_assert_contains(out, "\nGM9999,Voorbeeldstad,gemeente,2024,inwoners,");
    free(out);
}

static void config_file_overrides_defaults(void **state)
{
    (void)state;
    char cfg[1200], text[1024], *out;
    /* The environment wins over the file: unset it for this run, in a subshell. */
    snprintf(cfg, sizeof cfg, "%s/good.conf", dir);
    snprintf(text, sizeof text,
             "# mirror over loopback\n\ncbs_odata_url = http://127.0.0.1:%d/opendata.cbs.nl/"
             "ODataFeed/odata/\n",
             srv.port);
    assert_int_equal(wd_test_write_file(cfg, text, strlen(text)), 0);
    char cmd[8192];
    snprintf(cmd, sizeof cmd,
             "cd '%s' && env -u WIJKDATA_CBS_ODATA_URL '%s' fetch --gemeente GM9999 --years 2024 "
             "--sources kwb --config good.conf --cache cache2 --store conf.db",
             dir, WD_CLI);
    int rc = wd_test_run(cmd, &out);
    if (rc) print_error("%s\n", out);
    assert_int_equal(rc, 0);
    free(out);
    assert_true(query_long("conf.db", "SELECT count(*) FROM observations") > 0);
    /* Without the file the default (the real CBS) would be asked: offline shows the URL. */
    snprintf(cmd, sizeof cmd,
             "cd '%s' && env -u WIJKDATA_CBS_ODATA_URL '%s' fetch --gemeente GM9999 --years 2024 "
             "--sources kwb --offline --cache cache2 --store conf.db",
             dir, WD_CLI);
    assert_int_equal(wd_test_run(cmd, &out), 1);
    wd_test_assert_contains(out,
                            "niet in de cache: https://opendata.cbs.nl/ODataFeed/odata/85984NED/");
    free(out);
}

/* The adapters that `fetch` does not use read over HTTP too: `import URL` for the
 * Leefbaarometer zip, a CBS OData v4 table, a StatLine export and a PDOK page, each served by
 * the loopback server; a 404 names the URL and leaves the store alone. */
static void import_from_the_server(void **state)
{
    (void)state;
    char cmd[4400], args[600], *out;
    wd_test_server_script(&srv, NULL, 0);
    /* The v4 pages link to each other through @ROOT@; the server serves the mirror's URL as
     * its own. */
    snprintf(cmd, sizeof cmd,
             "cp -r '%s/mirror/datasets.cbs.nl' '%s/mirror/' && "
             "sed -i 's|@ROOT@|%s|g' '%s'/mirror/datasets.cbs.nl/odata/v1/CBS/85984NED/*",
             WD_TEST_DATA "/fetchers", dir, mirror_url, dir);
    assert_int_equal(wd_test_run(cmd, NULL), 0);
    char zip[1200], src[1200];
    snprintf(zip, sizeof zip, "%s/mirror/lbm.zip", dir);
    snprintf(src, sizeof src,
             "%s/mirror/leefbaarometer/Leefbaarometer-scores buurten 2002-2024.csv", dir);
    const char *names[] = {"Leefbaarometer-scores buurten 2002-2024.csv"};
    const char *srcs[] = {src};
    const char *texts[] = {NULL};
    assert_int_equal(wd_test_zip_write(zip, 1, names, srcs, texts), 0);
    static const struct {
        const char *path, *format, *variable;
    } cases[] = {
        {"lbm.zip", "leefbaarometer-zip", "lbm"},
        {"datasets.cbs.nl/odata/v1/CBS/85984NED", "cbs-v4", "T001036"},
        {"statline/nabijheid_2024.csv", "statline-csv",
         "Vrije tijd en cultuur/Afstand tot bibliotheek (km)"},
        {"api.pdok.nl/cbs/wijken-en-buurten-2024/ogc/v1/collections/wijken/items", "pdok-geojson",
         "aantal_inwoners"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        snprintf(args, sizeof args,
                 "import http://127.0.0.1:%d/%s --format %s --jaar 2024 "
                 "--store url.db",
                 srv.port, cases[i].path, cases[i].format);
        int rc = wd_test_cli(dir, args, &out);
        if (rc) print_error("%s\n%s\n", args, out);
        assert_int_equal(rc, 0);
        free(out);
        snprintf(args, sizeof args,
                 "SELECT count(*) FROM observations o JOIN sources s ON s.id = o.source_id "
                 "WHERE o.variable = '%s' AND s.url LIKE 'http://127.0.0.1:%%'",
                 cases[i].variable);
        assert_true(query_long("url.db", args) > 0);
    }
    snprintf(cmd, sizeof cmd, "%s/url.db", dir);
    size_t n0, n1;
    char *before = wd_test_read_file(cmd, &n0);
    snprintf(args, sizeof args,
             "import http://127.0.0.1:%d/geen.zip --format leefbaarometer-zip "
             "--store url.db",
             srv.port);
    assert_int_equal(wd_test_cli(dir, args, &out), 1);
    wd_test_assert_contains(out, "geen.zip");
    wd_test_assert_contains(out, "404");
    free(out);
    char *after = wd_test_read_file(cmd, &n1);
    assert_int_equal(n0, n1);
    assert_memory_equal(before, after, n0);
    free(before);
    free(after);

    /* fetch reads the Leefbaarometer from the zip when lbm_url names one. */
    char old[600], url[128];
    snprintf(old, sizeof old, "%s", getenv("WIJKDATA_LBM_URL"));
    snprintf(url, sizeof url, "http://127.0.0.1:%d/lbm.zip", srv.port);
    setenv("WIJKDATA_LBM_URL", url, 1);
    int rc = wd_test_cli(dir, "fetch --gemeente GM9999 --sources lbm --cache cache --store zip.db",
                         &out);
    setenv("WIJKDATA_LBM_URL", old, 1);
    if (rc) print_error("%s\n", out);
    assert_int_equal(rc, 0);
    wd_test_assert_contains(out, "Leefbaarometer 3.0 (zip)");
    free(out);
    assert_true(query_long("zip.db", "SELECT count(*) FROM observations WHERE variable = 'lbm' "
                                     "AND region LIKE 'BU9999%'") > 0);
    assert_int_equal(query_long("zip.db", "SELECT count(*) FROM regions WHERE code NOT LIKE "
                                          "'%9999%' AND code NOT LIKE 'NL%'"),
                     0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fetch_fills_the_store),
        cmocka_unit_test(failing_fetch_leaves_the_store_alone),
        cmocka_unit_test(fetch_every_gemeente),
        cmocka_unit_test(config_file_overrides_defaults),
        cmocka_unit_test(import_from_the_server),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
