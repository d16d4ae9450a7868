/* The demonstration dataset: deterministic bytes, the promised shape of Voorbeeldstad, the
 * quirks of the real formats, and an import through the real fetchers (also when every
 * source is split into many pages). Facts are checked in the written files and, after the
 * import, with SQL on the store file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "demo/wd_demo.h"
#include "demo/wd_demo_import.h"
#include "engine/wd_store.h"
#include "wd_test_util.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *tmp;

static int setup(void **state)
{
    (void)state;
    tmp = wd_test_tmpdir();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    wd_test_rmtree(tmp);
    free(tmp);
    return 0;
}

static void generate(const char *sub, int n, unsigned long seed, int page)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/%s", tmp, sub);
    wd_demo_options opt = {.n_buurten = n, .seed = seed, .page_size = page};
    wd_error err = {0};
    if (wd_demo_generate(dir, &opt, &err) != 0) fail_msg("demo: %s", err.msg);
}

/* Import `sub` into `sub`.db; returns the open database for SQL checks. */
static sqlite3 *import(const char *sub)
{
    char dir[1024], db[1100];
    snprintf(dir, sizeof dir, "%s/%s", tmp, sub);
    snprintf(db, sizeof db, "%s/%s.db", tmp, sub);
    wd_store *s = NULL;
    wd_error err = {0};
    if (wd_store_open(&s, db, 1, &err) || wd_demo_import(s, dir, 1, NULL, NULL, &err))
        fail_msg("import: %s", err.msg);
    wd_store_close(s);
    sqlite3 *h = NULL;
    assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    return h;
}

static double q(sqlite3 *h, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(h));
    double v = NAN;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        v = sqlite3_column_double(st, 0);
    sqlite3_finalize(st);
    return v;
}

static int sh(const char *fmt, const char *a, const char *b)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, fmt, a, b);
    return wd_test_run(cmd, NULL);
}

static void same_seed_same_bytes(void **state)
{
    (void)state;
    generate("a", 40, 7, 0);
    generate("b", 40, 7, 0);
    generate("c", 40, 8, 0);
    char a[1024], b[1024], c[1024];
    snprintf(a, sizeof a, "%s/a", tmp);
    snprintf(b, sizeof b, "%s/b", tmp);
    snprintf(c, sizeof c, "%s/c", tmp);
    /* At the default page size no link names the folder: the trees are byte for byte equal. */
    assert_int_equal(sh("diff -r -q '%s' '%s'", a, b), 0);
    assert_int_not_equal(sh("diff -r -q '%s/opendata.cbs.nl' '%s/opendata.cbs.nl'", a, c), 0);
}

static void voorbeeldstad_shape(void **state)
{
    (void)state;
    generate("vs", 40, 20260126, 0);
    sqlite3 *h = import("vs");
    assert_int_equal(q(h, "SELECT count(*) FROM regions WHERE level=1"), 1);
    assert_int_equal(q(h, "SELECT count(*) FROM regions WHERE level=2 AND parent='GM9999'"), 6);
    assert_int_equal(q(h, "SELECT count(*) FROM regions WHERE level=3 AND code LIKE 'BU9999%'"),
                     40);
    assert_true(q(h, "SELECT count(*) FROM regions WHERE code='NL00'") == 1);
    /* Nine KWB years, the RIVM periods, Leefbaarometer and PDOK with their own years. */
    assert_int_equal(
        q(h, "SELECT count(DISTINCT year) FROM observations WHERE variable='AantalInwoners'"), 9);
    assert_int_equal(
        q(h, "SELECT count(DISTINCT year) FROM observations WHERE variable='Mantelzorger'"), 4);
    assert_int_equal(q(h, "SELECT count(*) FROM geometries WHERE year=2024"), 1 + 6 + 40);
    /* Three very small buurten; the smallest has no age counts, only its population. */
    assert_int_equal(q(h, "SELECT count(*) FROM observations WHERE variable='AantalInwoners' AND "
                          "year=2024 AND value < 200 AND region LIKE 'BU%'"),
                     3);
    assert_true(q(h, "SELECT flags & 1 FROM observations WHERE region='BU99990603' AND "
                     "variable='k_65JaarOfOuder' AND year=2024") == 1);
    /* Buurt counts are rounded to multiples of 5. */
    assert_int_equal(q(h, "SELECT count(*) FROM observations o JOIN regions r ON r.code=o.region "
                          "WHERE r.level=3 AND o.variable='k_65JaarOfOuder' AND "
                          "o.value IS NOT NULL AND CAST(o.value AS INTEGER) % 5 <> 0"),
                     0);
    /* The boundary change: Molenakker exists from 2020, both buurten flagged in 2020. */
    assert_int_equal(q(h, "SELECT min(year) FROM observations WHERE region='BU99990306' AND "
                          "variable='AantalInwoners'"),
                     2020);
    assert_int_equal(q(h, "SELECT value FROM observations WHERE region='BU99990305' AND "
                          "variable='IndelingswijzigingGemeenteWijkBuurt' AND year=2020"),
                     2);
    assert_int_equal(q(h, "SELECT count(*) FROM observations WHERE "
                          "variable='IndelingswijzigingGemeenteWijkBuurt' AND value <> 1"),
                     2);
    /* RIVM values are model estimates with interval bounds around them. */
    assert_int_equal(
        q(h, "SELECT count(*) FROM observations WHERE variable='Eenzaam' AND "
             "value IS NOT NULL AND (flags & 4 = 0 OR NOT (lo <= value AND value <= hi))"),
        0);
    /* Income is not yet published in the newest table, and is missing for tiny buurten. */
    assert_int_equal(
        q(h, "SELECT count(*) FROM observations WHERE variable='GemiddeldInkomenPerInwoner' "
             "AND year=2024 AND value IS NOT NULL"),
        0);
    /* Correlation as in real data: more deprivation (households at the social minimum),
     * lower income. */
    double r =
        q(h, "WITH x AS (SELECT a.value AS m, b.value AS i FROM observations a JOIN "
             "observations b ON a.region=b.region AND a.year=b.year WHERE "
             "a.variable='HuishOnderOfRondSociaalMinimum' AND "
             "b.variable='GemiddeldInkomenPerInwoner' AND a.year=2022 AND a.region LIKE 'BU%' "
             "AND a.value IS NOT NULL AND b.value IS NOT NULL), s AS (SELECT avg(m) am, avg(i) ai "
             "FROM x) SELECT sum((m-am)*(i-ai)) / sqrt(sum((m-am)*(m-am)) * sum((i-ai)*(i-ai))) "
             "FROM x, s");
    assert_true(r < -0.6);
    /* The demo mark travels with the store. */
    assert_int_equal(q(h, "SELECT count(*) FROM meta WHERE key='demo' AND value='1'"), 1);
    sqlite3_close(h);
}

/* The real formats' quirks in the written files. */
static void real_format_quirks(void **state)
{
    (void)state;
    char path[1200];
    snprintf(path, sizeof path, "%s/vs/opendata.cbs.nl/ODataFeed/odata/83487NED/DataProperties",
             tmp);
    char *p2016 = wd_test_read_file(path, NULL);
    snprintf(path, sizeof path, "%s/vs/opendata.cbs.nl/ODataFeed/odata/85984NED/DataProperties",
             tmp);
    char *p2024 = wd_test_read_file(path, NULL);
    snprintf(path, sizeof path, "%s/vs/opendata.cbs.nl/ODataFeed/odata/85984NED/TypedDataSet", tmp);
    char *rows = wd_test_read_file(path, NULL);
    assert_non_null(p2016);
    assert_non_null(p2024);
    assert_non_null(rows);
    /* The suffix of the same field moves between years. */
    assert_non_null(strstr(p2016, "\"GemiddeldInkomenPerInwoner_27\""));
    assert_non_null(strstr(p2024, "\"GemiddeldInkomenPerInwoner_30\""));
    /* Keys and names padded as CBS serves them. */
    assert_non_null(strstr(rows, "\"WijkenEnBuurten\": \"GM9999    \""));
    assert_non_null(
        strstr(rows, "\"Gemeentenaam_1\": \"Voorbeeldstad                           \""));
    free(p2016);
    free(p2024);
    free(rows);
    /* Leefbaarometer: afw is the sum of the five dimensions, lbm = 4.0456 + afw. */
    snprintf(path, sizeof path, "%s/vs/leefbaarometer/Leefbaarometer-scores buurten 2002-2024.csv",
             tmp);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[512];
    int n = 0;
    assert_non_null(fgets(line, sizeof line, f));
    assert_string_equal(line, "bu_code,bu_naam,jaar,lbm,afw,fys,onv,soc,vrz,won\r\n");
    while (fgets(line, sizeof line, f)) {
        /* The numbers are the last 7 fields (a name may contain a comma). */
        double x[7];
        char *c = line + strlen(line);
        for (int k = 6; k >= 0; k--) {
            while (c > line && c[-1] != ',')
                c--;
            x[k] = strtod(c, NULL);
            c--;
        }
        assert_true(fabs(x[1] - (x[2] + x[3] + x[4] + x[5] + x[6])) < 1e-9);
        assert_true(fabs(x[0] - 4.0456 - x[1]) < 1e-9);
        n++;
    }
    fclose(f);
    assert_int_equal(n, 38 * 9); /* every buurt but the two tiniest, nine editions */
}

/* Split into pages of 7 rows (and 7 features), the import gives the very same store content. */
static void paged_import_is_the_same(void **state)
{
    (void)state;
    generate("paged", 40, 20260126, 7);
    char cmd[1200];
    snprintf(cmd, sizeof cmd,
             "test -f '%s/paged/opendata.cbs.nl/ODataFeed/odata/85984NED/TypedDataSet-7' "
             "&& test -f "
             "'%s/paged/api.pdok.nl/cbs/wijken-en-buurten-2024/ogc/v1/collections/buurten/items-6'",
             tmp, tmp);
    assert_int_equal(wd_test_run(cmd, NULL), 0);
    sqlite3 *h = import("paged");
    char sql[1400];
    snprintf(
        sql, sizeof sql,
        "ATTACH '%s/vs.db' AS o; SELECT (SELECT count(*) FROM (SELECT region, variable, subgroup, "
        "year, value, lo, hi, flags FROM observations EXCEPT SELECT region, variable, subgroup, "
        "year, value, lo, hi, flags FROM o.observations)) + (SELECT count(*) FROM observations) - "
        "(SELECT count(*) FROM o.observations)",
        tmp);
    /* ATTACH and SELECT as two statements. */
    char *semi = strchr(sql, ';');
    *semi = '\0';
    assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(q(h, semi + 2), 0);
    assert_int_equal(q(h, "SELECT count(*) FROM geometries"), 47);
    sqlite3_close(h);
}

/* Sources go into the store one by one within one transaction: when the last one (the
 * StatLine export) is broken, the store is byte for byte what it was before. */
static void failing_source_leaves_store_unchanged(void **state)
{
    (void)state;
    generate("broken", 40, 3, 0);
    sqlite3_close(import("broken"));
    char db[1100], copy[1100], csv[1100], cmd[4000];
    snprintf(db, sizeof db, "%s/broken.db", tmp);
    snprintf(copy, sizeof copy, "%s/broken-before.db", tmp);
    snprintf(csv, sizeof csv, "%s/broken/statline/nabijheid_2024.csv", tmp);
    snprintf(cmd, sizeof cmd, "cp '%s' '%s' && printf 'BU99990101;1;2;3;4;5;6;7;8;9\n' >> '%s'", db,
             copy, csv);
    assert_int_equal(wd_test_run(cmd, NULL), 0);
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/broken", tmp);
    wd_store *s = NULL;
    wd_error err = {0};
    assert_int_equal(wd_store_open(&s, db, 0, &err), 0);
    assert_true(wd_demo_import(s, dir, 1, NULL, NULL, &err) != 0);
    wd_test_assert_contains(err.msg, "nabijheid_2024.csv");
    wd_store_close(s);
    snprintf(cmd, sizeof cmd, "cmp '%s' '%s' && test ! -s '%s-wal'", db, copy, db);
    assert_int_equal(wd_test_run(cmd, NULL), 0);
}

/* Scaled up, further gemeenten appear with wijken of about four to five buurten. */
static void scaled_up(void **state)
{
    (void)state;
    generate("big", 2000, 1, 0);
    sqlite3 *h = import("big");
    assert_int_equal(q(h, "SELECT count(*) FROM regions WHERE level=3"), 2000);
    assert_int_equal(q(h, "SELECT count(*) FROM regions WHERE level=1"), 1 + 47);
    double per_wijk = q(h, "SELECT 1.0 * (SELECT count(*) FROM regions WHERE level=3) / "
                           "(SELECT count(*) FROM regions WHERE level=2)");
    assert_true(per_wijk > 4 && per_wijk < 5);
    assert_int_equal(q(h, "SELECT count(*) FROM geometries WHERE region LIKE 'BU%'"), 2000);
    sqlite3_close(h);
    wd_demo_options opt = {.n_buurten = 12};
    wd_error err = {0};
    assert_int_equal(wd_demo_generate(tmp, &opt, &err), WD_EUSAGE);
    assert_non_null(strstr(err.msg, "--buurten"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_seed_same_bytes),
        cmocka_unit_test(voorbeeldstad_shape),
        cmocka_unit_test(real_format_quirks),
        cmocka_unit_test(paged_import_is_the_same),
        cmocka_unit_test(failing_source_leaves_store_unchanged),
        cmocka_unit_test(scaled_up),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
