/* Tests of engine/wd_werkgebied and of how a werkgebied is loaded and computed: its figures
 * equal sums made here from the buurt and wijk figures as stored (read with SQLite, not through
 * the engine), a suppressed buurt makes a sum missing instead of too low, a model estimate is
 * not added up, a wijk member counts with its published figures, a werkgebied across gemeenten
 * is loaded with its gemeente only; every refusal names the code and leaves the store as it
 * was. On the scaled demo (120 buurten: Voorbeeldstad and GM9000 ...). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/wd_session.h"
#include "engine/wd_werkgebied.h"
#include "wd_test_util.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *tmp, db[1100];

static int setup(void **state)
{
    (void)state;
    tmp = wd_test_tmpdir();
    return wd_test_demo_store(tmp, 120, 5, db, sizeof db);
}

static int teardown(void **state)
{
    (void)state;
    wd_test_rmtree(tmp);
    free(tmp);
    return 0;
}

/* One number the store holds, by SQL; NAN for NULL or no row. */
static double stored(const char *fmt, const char *a, const char *b, int year)
{
    char sql[512];
    snprintf(sql, sizeof sql, fmt, a, b, year);
    sqlite3 *h = wd_test_sqlite(db);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &q, NULL), SQLITE_OK);
    double v = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_type(q, 0) != SQLITE_NULL
                   ? sqlite3_column_double(q, 0)
                   : NAN;
    sqlite3_finalize(q);
    sqlite3_close(h);
    return v;
}

/* The stored observation of `variable` of `region` in `year`. */
static double obs(const char *region, const char *variable, int year)
{
    return stored("SELECT value FROM observations WHERE region = '%s' AND variable = '%s'"
                  " AND subgroup = '' AND year = %d",
                  region, variable, year);
}

static long count(const char *sql)
{
    sqlite3 *h = wd_test_sqlite(db);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    long n = (long)sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(h);
    return n;
}

static void make(const char *name, const char *const *buurten, size_t nb, const char *const *wijken,
                 size_t nw, char *code)
{
    wd_store *s;
    wd_error err = {0};
    assert_int_equal(wd_store_open(&s, db, 0, &err), 0);
    int rc = wd_werkgebied_make(s, name, buurten, nb, wijken, nw, code, WD_CODE_MAX, &err);
    if (rc) fprintf(stderr, "%s\n", err.msg);
    assert_int_equal(rc, 0);
    wd_store_close(s);
}

static double value_of(const wd_session *s, const char *code, const char *indicator, int year)
{
    int r = wd_dataset_region(s->ds, code), i = wd_indicators_find(s->set, indicator);
    assert_true(r >= 0 && i >= 0);
    return s->res->value[wd_results_cell(s->res, (size_t)r, year - s->ds->year0, (size_t)i)];
}

static unsigned flags_of(const wd_session *s, const char *code, const char *indicator, int year)
{
    int r = wd_dataset_region(s->ds, code), i = wd_indicators_find(s->set, indicator);
    return s->res->flags[wd_results_cell(s->res, (size_t)r, year - s->ds->year0, (size_t)i)];
}

/* Share num / den x 100 over the members, from the stored figures. */
static double share(const char *const *members, size_t n, const char *num, const char *den,
                    int year)
{
    double a = 0, b = 0;
    for (size_t k = 0; k < n; k++) {
        a += obs(members[k], num, year);
        b += obs(members[k], den, year);
    }
    return 100 * a / b;
}

static void aggregates_equal_stored_sums(void **state)
{
    (void)state;
    /* Two whole buurten; one of them with the 25-inhabitant Jachthaven, whose counts CBS does
     * not give; a buurt and a wijk. */
    const char *haven[] = {"BU99990101", "BU99990106"};
    const char *klein[] = {"BU99990101", "BU99990107"};
    const char *buurt[] = {"BU99990301"}, *wijk[] = {"WK999902"};
    char c_haven[WD_CODE_MAX], c_klein[WD_CODE_MAX], c_mix[WD_CODE_MAX];
    make("Haven", haven, 2, NULL, 0, c_haven);
    make("Haven met Jachthaven", klein, 2, NULL, 0, c_klein);
    make("Dreven en Vogelbuurt", buurt, 1, wijk, 1, c_mix);
    assert_string_equal(c_haven, "WG0001");
    assert_string_equal(c_mix, "WG0003");
    assert_true(isnan(obs("BU99990107", "k_65JaarOfOuder", 2024))); /* suppressed */
    assert_false(isnan(obs("BU99990107", "AantalInwoners", 2024)));

    wd_session s;
    wd_session_options opt = {.store = db};
    wd_error err = {0};
    assert_int_equal(wd_session_open(&s, &opt, &err), 0);
    assert_int_equal(wd_session_load(&s, "GM9999", NULL, &err), 0);
    int y = 2024;
    const char *mix[] = {"BU99990301", "WK999902"};
    struct {
        const char *code;
        const char *const *members;
        size_t n;
    } cases[] = {{c_haven, haven, 2}, {c_mix, mix, 2}};
    for (size_t k = 0; k < 2; k++) {
        const char *code = cases[k].code;
        const char *const *m = cases[k].members;
        double pop = 0;
        for (size_t j = 0; j < cases[k].n; j++)
            pop += obs(m[j], "AantalInwoners", y);
        wd_test_assert_rel(value_of(&s, code, "inwoners", y), pop, 1e-12);
        wd_test_assert_rel(value_of(&s, code, "aandeel_65plus", y),
                           share(m, cases[k].n, "k_65JaarOfOuder", "AantalInwoners", y), 1e-12);
        wd_test_assert_rel(value_of(&s, code, "eenpersoonshuishoudens", y),
                           share(m, cases[k].n, "Eenpersoonshuishoudens", "HuishoudensTotaal", y),
                           1e-12);
        wd_test_assert_rel(value_of(&s, code, "wmo_per_1000", y),
                           10 * share(m, cases[k].n, "WmoClienten", "AantalInwoners", y), 1e-12);
        assert_true(flags_of(&s, code, "aandeel_65plus", y) & WD_FLAG_AGGREGATED);
        /* Income per inhabitant (KWB 2023: 2024's comes later) weighted by inhabitants. */
        double wsum = 0, wpop = 0;
        for (size_t j = 0; j < cases[k].n; j++) {
            double p = obs(m[j], "AantalInwoners", 2023);
            wsum += p * obs(m[j], "GemiddeldInkomenPerInwoner", 2023);
            wpop += p;
        }
        wd_test_assert_rel(value_of(&s, code, "inkomen_per_inwoner", 2023), wsum / wpop, 1e-12);
        /* A model estimate, and a percentage of a group the buurten do not count. */
        assert_true(isnan(value_of(&s, code, "ernstig_eenzaam", 2022)));
        assert_true(isnan(value_of(&s, code, "arbeidsparticipatie", y)));
    }
    /* Over the suppressed buurt: inhabitants add up, its shares are missing, not too low. */
    wd_test_assert_rel(
        value_of(&s, c_klein, "inwoners", y),
        obs("BU99990101", "AantalInwoners", y) + obs("BU99990107", "AantalInwoners", y), 1e-12);
    assert_true(isnan(value_of(&s, c_klein, "aandeel_65plus", y)));
    assert_true(isnan(value_of(&s, c_klein, "wmo_per_1000", y)));
    /* Compared with its gemeente; the default balance has no index for it, as more than half
     * of each sub-index's weight lies on figures that do not add up. */
    int r = wd_dataset_region(s.ds, c_haven);
    assert_int_equal(s.ds->gemeente[r], wd_dataset_region(s.ds, "GM9999"));
    assert_true(
        isnan(s.res->kracht[(size_t)r * (size_t)s.ds->n_years + (size_t)(y - s.ds->year0)]));
    wd_session_close(&s);
}

/* A refusal: its code, its message naming `needle`, and the store as it was. */
static void refused(const char *name, const char *const *b, size_t nb, const char *const *w,
                    size_t nw, int code, const char *needle)
{
    long regions = count("SELECT COUNT(*) FROM regions"),
         members = count("SELECT COUNT(*) FROM werkgebied_members");
    wd_store *s;
    wd_error err = {0};
    char out[WD_CODE_MAX] = "";
    assert_int_equal(wd_store_open(&s, db, 0, &err), 0);
    assert_int_equal(wd_werkgebied_make(s, name, b, nb, w, nw, out, sizeof out, &err), code);
    wd_test_assert_contains(err.msg, needle);
    wd_store_close(s);
    assert_int_equal(count("SELECT COUNT(*) FROM regions"), regions);
    assert_int_equal(count("SELECT COUNT(*) FROM werkgebied_members"), members);
}

static void refusals_name_the_code(void **state)
{
    (void)state;
    const char *unknown[] = {"BU99990101", "BU00000001"};
    const char *twice[] = {"BU99990201", "BU99990202", "BU99990201"};
    const char *wijk_as_buurt[] = {"WK999901"};
    const char *inside[] = {"BU99990203"}, *wijk[] = {"WK999902"};
    const char *one[] = {"BU99990401"};
    refused("Nieuw", unknown, 2, NULL, 0, WD_ENOTFOUND, "BU00000001");
    refused("Nieuw", twice, 3, NULL, 0, WD_ERR, "BU99990201 staat twee keer");
    refused("Nieuw", wijk_as_buurt, 1, NULL, 0, WD_ERR, "WK999901 is een wijk, geen buurt");
    refused("Nieuw", NULL, 0, one, 1, WD_ERR, "BU99990401 is een buurt, geen wijk");
    refused("Nieuw", inside, 1, wijk, 1, WD_ERR,
            "buurt BU99990203 ligt in wijk WK999902, die ook in het werkgebied staat");
    refused("Haven", one, 1, NULL, 0, WD_ERR, "'Haven' is al in gebruik door werkgebied WG0001");
    refused("", one, 1, NULL, 0, WD_EUSAGE, "naam");
    refused("Leeg", NULL, 0, NULL, 0, WD_EUSAGE, "--buurten");

    wd_store *s;
    wd_error err = {0};
    assert_int_equal(wd_store_open(&s, db, 0, &err), 0);
    assert_int_equal(wd_store_werkgebied_remove(s, "WG0099", &err), WD_ENOTFOUND);
    wd_test_assert_contains(err.msg, "WG0099");
    /* A CBS code is never a werkgebied, and importers refuse WG codes. */
    assert_int_equal(wd_store_werkgebied_remove(s, "BU99990101", &err), WD_ENOTFOUND);
    wd_store_close(s);
    assert_int_equal(wd_level_of_code("WG0001"), -1);
    assert_true(wd_werkgebied_is_code("WG0001"));
    assert_false(wd_werkgebied_is_code("WGX"));
    assert_int_equal(count("SELECT COUNT(*) FROM regions WHERE code = 'BU99990101'"), 1);
}

static int listed(const wd_werkgebied *w, void *ctx)
{
    if (strcmp(w->region.name, "Over de grens") == 0) *(int *)ctx = w->n_gemeenten;
    return 0;
}

static void across_gemeenten(void **state)
{
    (void)state;
    char other[WD_CODE_MAX];
    sqlite3 *h = wd_test_sqlite(db);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(h,
                                        "SELECT b.code FROM regions b JOIN regions w ON b.parent"
                                        " = w.code WHERE b.level = 3 AND w.parent = 'GM9000'"
                                        " ORDER BY b.code LIMIT 1",
                                        -1, &q, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    snprintf(other, sizeof other, "%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    sqlite3_close(h);
    const char *members[] = {"BU99990101", other};
    char code[WD_CODE_MAX];
    make("Over de grens", members, 2, NULL, 0, code);

    wd_store *st;
    wd_error err = {0};
    int n_gemeenten = 0;
    assert_int_equal(wd_store_open(&st, db, 0, &err), 0);
    assert_int_equal(wd_werkgebied_each(st, listed, &n_gemeenten, &err), 0);
    wd_store_close(st);
    assert_int_equal(n_gemeenten, 2);

    /* With Voorbeeldstad, the gemeente of its first member; the other member beside it. */
    wd_session s;
    wd_session_options opt = {.store = db};
    assert_int_equal(wd_session_open(&s, &opt, &err), 0);
    assert_int_equal(wd_session_load(&s, "GM9999", NULL, &err), 0);
    int o = wd_dataset_region(s.ds, other);
    assert_true(o >= 0);
    assert_int_equal(s.ds->outside[o], 1);
    assert_int_equal(s.ds->gemeente[o], -1);
    assert_int_equal(s.ds->outside[wd_dataset_region(s.ds, "BU99990101")], 0);
    wd_test_assert_rel(value_of(&s, code, "aandeel_65plus", 2024),
                       share(members, 2, "k_65JaarOfOuder", "AantalInwoners", 2024), 1e-12);
    wd_session_close(&s);
    /* Not with the other gemeente, which keeps its buurt as its own. */
    assert_int_equal(wd_session_open(&s, &opt, &err), 0);
    assert_int_equal(wd_session_load(&s, "GM9000", NULL, &err), 0);
    assert_int_equal(wd_dataset_region(s.ds, code), -1);
    assert_int_equal(s.ds->outside[wd_dataset_region(s.ds, other)], 0);
    wd_session_close(&s);

    /* Removed: region and members gone, the buurten kept. */
    assert_int_equal(wd_store_open(&st, db, 0, &err), 0);
    assert_int_equal(wd_store_werkgebied_remove(st, code, &err), 0);
    wd_store_close(st);
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM werkgebied_members WHERE werkgebied = '%s'",
             code);
    assert_int_equal(count(sql), 0);
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM regions WHERE code IN ('%s', '%s')", code,
             other);
    assert_int_equal(count(sql), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(aggregates_equal_stored_sums),
        cmocka_unit_test(refusals_name_the_code),
        cmocka_unit_test(across_gemeenten),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
