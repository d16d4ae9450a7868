/* Tests of engine/wd_dataset + wd_compute: indicator formulas, suppression, the minimum
 * population, boundary breaks and the draagkracht/draaglast indices against values computed
 * independently in Python (tests/data/engine/README.md). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/wd_compute.h"
#include "engine/wd_dataset.h"
#include "engine/wd_export.h"
#include "engine/wd_file.h"
#include "../fetchers/wd_test_batch.c"
#include "wd_test_util.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *dir;
    wd_store *store;
    wd_indicator_set *set;
    wd_dataset *ds;
    wd_results *res;
} fixture;

static const struct {
    const char *code;
    double pop, a2545, a4565, a65, wmo;
} rows[] = {
    {"BU99990101", 1240, 310, 275, 190, 45},  {"BU99990102", 2385, 720, 540, 410, 130},
    {"BU99990103", 865, 150, 205, 265, 95},   {"BU99990104", 60, 10, 15, 20, 5},
    {"WK999901", 4550, 1190, 1035, 885, 275}, {"GM9999", 4550, 1190, 1035, 885, 275},
};

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    char path[512];
    wd_error err = {0};
    f->dir = wd_test_tmpdir();
    snprintf(path, sizeof path, "%s/s.db", f->dir);
    assert_int_equal(wd_store_open(&f->store, path, 1, &err), 0);
    wd_batch *b = wd_batch_new();
    wd_source src = {.table_id = "85984NED",
                     .title = "Kerncijfers wijken en buurten 2024",
                     .publisher = "CBS",
                     .url = "file:///x",
                     .retrieved_at = "2026-11-24T00:00:00Z",
                     .licence = "CC BY 4.0"};
    wd_batch_add_source(b, &src, NULL);
    add_region(b, "GM9999", "Voorbeeldstad", WD_LEVEL_GEMEENTE, "NL00");
    add_region(b, "WK999901", "Centrum", WD_LEVEL_WIJK, "GM9999");
    for (int i = 0; i < 4; i++)
        add_region(b, rows[i].code, rows[i].code, WD_LEVEL_BUURT, "WK999901");
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        add_obs(b, rows[i].code, 2024, "AantalInwoners", rows[i].pop, 0);
        add_obs(b, rows[i].code, 2024, "k_25Tot45Jaar", rows[i].a2545, 0);
        add_obs(b, rows[i].code, 2024, "k_45Tot65Jaar", rows[i].a4565, 0);
        add_obs(b, rows[i].code, 2024, "k_65JaarOfOuder", rows[i].a65, 0);
        add_obs(b, rows[i].code, 2024, "WmoClienten", rows[i].wmo, 0);
    }
    /* BU99990101: a series 2019-2023 for a trend; BU99990102: boundary change in 2021. */
    const double share65[] = {12.4, 13.1, 13.3, 14.2, 14.6};
    for (int y = 0; y < 5; y++) {
        add_obs(b, "BU99990101", 2019 + y, "AantalInwoners", 1000, 0);
        add_obs(b, "BU99990101", 2019 + y, "k_65JaarOfOuder", share65[y] * 10, 0);
        add_obs(b, "BU99990102", 2019 + y, "IndelingswijzigingGemeenteWijkBuurt", y == 2 ? 2 : 1,
                0);
    }
    /* A user's own buurt figures, published for no wijk or gemeente (indicators_local.json):
     * in 2024 complete but for one mean; in 2023 one buurt's count is missing. */
    const double cijfer[] = {6.85, 7.42, 5.91, NAN}, aantal[] = {12, 31, 17, 2},
                 basis[] = {310, 655, 240, 15};
    for (int i = 0; i < 4; i++) {
        if (!isnan(cijfer[i])) add_obs(b, rows[i].code, 2024, "LokaalCijfer", cijfer[i], 0);
        add_obs(b, rows[i].code, 2024, "LokaalAantal", aantal[i], 0);
        add_obs(b, rows[i].code, 2024, "LokaalBasis", basis[i], 0);
        if (i < 3) add_obs(b, rows[i].code, 2023, "LokaalAantal", aantal[i], 0);
        add_obs(b, rows[i].code, 2023, "LokaalBasis", basis[i], 0);
    }
    /* A suppressed cell: CBS "." for the population of BU99990103 in 2023. */
    add_obs(b, "BU99990103", 2023, "AantalInwoners", NAN, WD_FLAG_SUPPRESSED);
    add_obs(b, "BU99990103", 2023, "k_65JaarOfOuder", 250, 0);
    assert_int_equal(wd_store_import(f->store, b, &err), 0);
    wd_batch_free(b);
    assert_int_equal(wd_indicators_load(&f->set, WD_TEST_DATA "/engine/indicators_local.json",
                                        WD_TEST_DATA "/engine/balance_small.json", &err),
                     0);
    assert_int_equal(wd_dataset_load(&f->ds, f->store, "GM9999", f->set, &err), 0);
    assert_int_equal(wd_compute(&f->res, f->ds, f->set, NULL, &err), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    wd_results_free(f->res);
    wd_dataset_free(f->ds);
    wd_indicators_free(f->set);
    wd_store_close(f->store);
    wd_test_rmtree(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

static double value(const fixture *f, const char *code, int year, const char *id)
{
    int r = wd_dataset_region(f->ds, code), i = wd_indicators_find(f->set, id);
    assert_true(r >= 0 && i >= 0);
    return f->res->value[wd_results_cell(f->res, (size_t)r, year - f->ds->year0, (size_t)i)];
}

static unsigned char flags(const fixture *f, const char *code, int year, const char *id)
{
    int r = wd_dataset_region(f->ds, code), i = wd_indicators_find(f->set, id);
    return f->res->flags[wd_results_cell(f->res, (size_t)r, year - f->ds->year0, (size_t)i)];
}

static void shares_and_indices_match_reference(void **state)
{
    fixture *f = *state;
    static const double want[4][5] = {
        {47.17741935483871, 15.32258064516129, 36.29032258064516, 97.07678502672789,
         94.60391078700624},
        {52.83018867924528, 17.19077568134172, 54.507337526205454, 106.66340451490987,
         97.68035230482083},
        {41.040462427745666, 30.63583815028902, 109.82658959537572, 86.66902424629308,
         113.22455476403351},
        {41.666666666666664, 33.333333333333336, 83.33333333333333, 87.73101376256481,
         113.07117510376003},
    };
    for (int i = 0; i < 4; i++) {
        wd_test_assert_rel(value(f, rows[i].code, 2024, "aandeel_25_65"), want[i][0], 1e-12);
        wd_test_assert_rel(value(f, rows[i].code, 2024, "aandeel_65plus"), want[i][1], 1e-12);
        wd_test_assert_rel(value(f, rows[i].code, 2024, "wmo_per_1000"), want[i][2], 1e-12);
        size_t ry = (size_t)wd_dataset_region(f->ds, rows[i].code) * (size_t)f->ds->n_years +
                    (size_t)(2024 - f->ds->year0);
        wd_test_assert_rel(f->res->kracht[ry], want[i][3], 1e-9);
        wd_test_assert_rel(f->res->last[ry], want[i][4], 1e-9);
    }
    /* The gemeente is its own reference: exactly 100. */
    size_t g = (size_t)wd_dataset_region(f->ds, "GM9999") * (size_t)f->ds->n_years +
               (size_t)(2024 - f->ds->year0);
    wd_test_assert_rel(f->res->kracht[g], 100, 1e-12);
    assert_string_equal(wd_results_balance_class(97.07678502672789, 94.60391078700624, 5),
                        "draagkracht en draaglast in evenwicht");
    assert_string_equal(wd_results_balance_class(86.66902424629308, 113.22455476403351, 5),
                        "draaglast groter dan draagkracht");
}

static void suppression_and_missing_are_never_zero(void **state)
{
    fixture *f = *state;
    /* Suppressed denominator: no value, flagged, not 0. */
    assert_true(isnan(value(f, "BU99990103", 2023, "aandeel_65plus")));
    assert_true(flags(f, "BU99990103", 2023, "aandeel_65plus") & WD_FLAG_SUPPRESSED);
    /* No source data at all: missing. */
    assert_true(isnan(value(f, "BU99990103", 2019, "aandeel_65plus")));
    assert_true(flags(f, "BU99990103", 2019, "aandeel_65plus") & WD_FLAG_MISSING);
    /* Grijze druk for the tiny buurt: denominator 25 meets min_noemer 25 exactly. */
    wd_test_assert_rel(value(f, "BU99990104", 2024, "grijze_druk_proxy"), 80, 1e-12);
    assert_true(flags(f, "BU99990104", 2024, "grijze_druk_proxy") & WD_FLAG_PROXY);
    /* Mantelzorgpotentieel: 15 / 20 but the denominator 20 is above min_noemer 10. */
    wd_test_assert_rel(value(f, "BU99990104", 2024, "mantelzorgpotentieel_proxy"), 0.75, 1e-12);
}

static void trends_and_breaks(void **state)
{
    fixture *f = *state;
    int r1 = wd_dataset_region(f->ds, "BU99990101"), r2 = wd_dataset_region(f->ds, "BU99990102");
    int i = wd_indicators_find(f->set, "aandeel_65plus");
    const wd_trend *t = &f->res->trend[(size_t)r1 * f->res->n_ind + (size_t)i];
    /* Points 2019..2023 = 12.4, 13.1, 13.3, 14.2, 14.6 and 2024 = 15.3226 (from the setup). */
    assert_int_equal(t->n, 6);
    assert_true(t->slope > 0.4 && t->slope < 0.7);
    assert_true(t->lo > 0);
    /* The boundary of BU99990102 changed in 2021: its series starts there. */
    assert_int_equal(f->ds->year0 + f->res->first_year[r2], 2021);
    assert_int_equal(f->res->first_year[r1], 0);
}

/* Expected values: tests/data/engine/README.md ("aggregation"). */
static void wijk_and_gemeente_from_buurten(void **state)
{
    fixture *f = *state;
    for (int k = 0; k < 2; k++) {
        const char *code = k ? "GM9999" : "WK999901";
        /* gewogen: inhabitants-weighted mean over the buurten with a value (4490 of 4550). */
        wd_test_assert_rel(value(f, code, 2024, "lokaal_gewogen"), 6.971681514476615, 1e-12);
        assert_true(flags(f, code, 2024, "lokaal_gewogen") & WD_FLAG_AGGREGATED);
        /* optellen: sums of numerator and denominator, then the formula. */
        wd_test_assert_rel(value(f, code, 2024, "lokaal_telling"), 62, 1e-12);
        wd_test_assert_rel(value(f, code, 2024, "lokaal_per_1000"), 50.81967213114754, 1e-12);
        wd_test_assert_rel(value(f, code, 2024, "lokaal_verschil"), -1158, 1e-12);
        /* niet: stays missing. */
        assert_true(isnan(value(f, code, 2024, "lokaal_niet")));
        /* A sum with a hole in it would be too low: no value. */
        assert_true(isnan(value(f, code, 2023, "lokaal_per_1000")));
    }
    /* Published values are never replaced: the wijk's own aandeel_65plus stays its own. */
    assert_false(flags(f, "WK999901", 2024, "aandeel_65plus") & WD_FLAG_AGGREGATED);
    /* The buurt itself: verschil is numerator minus denominator. */
    wd_test_assert_rel(value(f, "BU99990101", 2024, "lokaal_verschil"), 12 - 310, 1e-12);
}

static void unknown_gemeente(void **state)
{
    fixture *f = *state;
    wd_dataset *ds = NULL;
    wd_error err = {0};
    assert_int_equal(wd_dataset_load(&ds, f->store, "GM1234", f->set, &err), WD_ENOTFOUND);
    assert_non_null(strstr(err.msg, "GM1234"));
    assert_int_equal(wd_dataset_load(&ds, f->store, "BU99990101", f->set, &err), WD_EUSAGE);
    assert_null(ds);
}

static int write_csv(FILE *fp, void *ctx, wd_error *err)
{
    wd_export_filter filter = {.level = WD_LEVEL_BUURT, .year = 2024};
    return wd_export_indicators_csv(fp, ctx, &filter, err);
}

static int write_fail(FILE *fp, void *ctx, wd_error *err)
{
    (void)ctx;
    fputs("half", fp);
    return wd_error_set(err, WD_EIO, "stopped on purpose");
}

static void csv_export_and_atomic_write(void **state)
{
    fixture *f = *state;
    char path[600];
    wd_error err = {0};
    snprintf(path, sizeof path, "%s/out.csv", f->dir);
    assert_int_equal(wd_file_write_atomic(path, write_csv, f->res, &err), 0);
    char *csv = wd_test_read_file(path, NULL);
    assert_non_null(strstr(csv, "regiocode,regionaam,niveau,jaar,indicator,waarde,vlaggen"));
    assert_non_null(strstr(csv, "BU99990101,BU99990101,buurt,2024,aandeel_65plus,15.32258065,,"));
    /* Missing values are empty cells with a flag, never 0. */
    assert_non_null(strstr(csv, "BU99990101,BU99990101,buurt,2024,jeugdzorg,,ontbreekt,"));
    assert_null(strstr(csv, "WK999901,"));
    /* Every number is written as printf("%.10g") writes it (the export formats them itself):
     * the value of a row equals the computed value, formatted by printf. */
    int checked = 0;
    for (char *line = strtok(csv, "\n"); line; line = strtok(NULL, "\n")) {
        char code[16], id[48], field[40];
        if (sscanf(line, "%15[^,],%*[^,],buurt,2024,%47[^,],%39[^,]", code, id, field) != 3 ||
            wd_indicators_find(f->set, id) < 0)
            continue;
        char want_text[40];
        snprintf(want_text, sizeof want_text, "%.10g", value(f, code, 2024, id));
        assert_string_equal(field, want_text);
        checked++;
    }
    assert_true(checked >= 20);
    free(csv);
    /* A failing writer leaves the old file and no temporary file behind. */
    assert_int_equal(wd_file_write_atomic(path, write_fail, NULL, &err), WD_EIO);
    char *again = wd_test_read_file(path, NULL);
    assert_non_null(strstr(again, "regiocode"));
    free(again);
    char *out = NULL;
    char cmd[700];
    snprintf(cmd, sizeof cmd, "ls '%s'", f->dir);
    wd_test_run(cmd, &out);
    assert_null(strstr(out, ".tmp."));
    free(out);
    snprintf(path, sizeof path, "%s/geen/map/out.csv", f->dir);
    assert_int_equal(wd_file_write_atomic(path, write_csv, f->res, &err), WD_EIO);
    assert_non_null(strstr(err.msg, path));
}

static void results_are_saved(void **state)
{
    fixture *f = *state;
    wd_error err = {0};
    assert_int_equal(wd_results_save(f->res, f->store, 2024, 0, &err), 0);
    assert_int_equal(wd_results_save(f->res, f->store, 2024, 0, &err),
                     0); /* replaces, no duplicates */
    sqlite3_stmt *q;
    sqlite3 *h = wd_test_sqlite(wd_store_path(f->store));
    sqlite3_prepare_v2(h,
                       "SELECT value FROM results WHERE region='BU99990103' AND year=2024"
                       " AND indicator IN ('wmo_per_1000', 'draaglast_index') ORDER BY indicator",
                       -1, &q, NULL);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    wd_test_assert_rel(sqlite3_column_double(q, 0), 113.22455476403351, 1e-9);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    wd_test_assert_rel(sqlite3_column_double(q, 0), 109.82658959537572, 1e-12);
    assert_int_equal(sqlite3_step(q), SQLITE_DONE);
    sqlite3_finalize(q);
    /* The z-score against the gemeente (README.md: (109.83 - 60.44) / sd of B1..B3), and only
     * the reported year: BU99990101's 2019-2023 series is not stored. */
    sqlite3_prepare_v2(h,
                       "SELECT score FROM results WHERE region='BU99990103' AND year=2024"
                       " AND indicator='wmo_per_1000'",
                       -1, &q, NULL);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    wd_test_assert_rel(sqlite3_column_double(q, 0), 1.2896015179869602, 1e-12);
    sqlite3_finalize(q);
    sqlite3_prepare_v2(h, "SELECT COUNT(*) FROM results WHERE region='BU99990101' AND year<>2024",
                       -1, &q, NULL);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), 0);
    sqlite3_finalize(q);
    sqlite3_close(h);
}

/* Expected values: tests/data/engine/small_area_reference.py (exact binomial tails,
 * Marshall's estimator in fractions, Spiegelhalter's interpolated funnel limits). */
static void small_areas_and_trend_classes(void **state)
{
    fixture *f = *state;
    static const struct {
        const char *code;
        double lo, hi, eb;
        int funnel;
    } want[] = {
        {"BU99990101", 13.361443455266075, 17.44967710155569, 15.515834979557633, -2},
        {"BU99990102", 15.696583554817895, 18.76600152495923, 17.247043938514174, -1},
        {"BU99990103", 27.576390498134884, 33.827851137015195, 29.900106435925327, 2},
        {"BU99990104", 21.686944543116937, 46.68726747428317, 26.340105374281066, 1},
    };
    size_t i = (size_t)wd_indicators_find(f->set, "aandeel_65plus");
    int y = 2024 - f->ds->year0;
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        wd_small_area sa;
        int r = wd_dataset_region(f->ds, want[k].code);
        assert_int_equal(wd_results_small_area(f->res, (size_t)r, y, i, &sa), 0);
        wd_test_assert_rel(sa.lo, want[k].lo, 1e-9);
        wd_test_assert_rel(sa.hi, want[k].hi, 1e-9);
        wd_test_assert_rel(sa.eb, want[k].eb, 1e-9);
        assert_int_equal(sa.funnel, want[k].funnel);
    }
    /* Not for a wijk, a ratio or a value without counts. */
    wd_small_area sa;
    int wk = wd_dataset_region(f->ds, "WK999901"), b1 = wd_dataset_region(f->ds, "BU99990101");
    assert_int_equal(wd_results_small_area(f->res, (size_t)wk, y, i, &sa), WD_ENOTFOUND);
    size_t ratio = (size_t)wd_indicators_find(f->set, "lokaal_verhouding");
    assert_int_equal(wd_results_small_area(f->res, (size_t)b1, y, ratio, &sa), WD_ENOTFOUND);
    size_t plain = (size_t)wd_indicators_find(f->set, "lokaal_gewogen");
    assert_int_equal(wd_results_small_area(f->res, (size_t)b1, y, plain, &sa), WD_ENOTFOUND);

    /* BU99990101's share of 65+ rises every year 2019-2024: Mann-Kendall S = 15, exact
     * p = 2/720; the indicator is neutral, so the words are "stijgt". */
    const wd_trend_test *t = &f->res->test[(size_t)b1 * f->res->n_ind + i];
    wd_test_assert_rel(t->mk_p, 2.0 / 720, 1e-12);
    wd_test_assert_rel(t->theil_sen, 0.5612903225806452, 1e-12);
    assert_int_equal(t->cls, WD_TREND_RISING);
    assert_int_equal(wd_trend_class_sign(t->cls, 0), 1);
    assert_int_equal(wd_trend_class_sign(WD_TREND_BETTER, -1), -1);
    assert_int_equal(wd_trend_class_sign(WD_TREND_MODEL_RISING, 1), 2);
    /* Two points of the local count per 1,000: too few to say anything. */
    size_t per = (size_t)wd_indicators_find(f->set, "lokaal_per_1000");
    assert_int_equal(f->res->test[(size_t)b1 * f->res->n_ind + per].cls, WD_TREND_TOO_FEW);
}

/* Nederland as reference, as an index and as z-scores (expected values:
 * tests/data/engine/README.md, "reference and normalisation"). */
static void reference_and_normalisation(void **state)
{
    fixture *f = *state;
    wd_error err = {0};
    wd_batch *b = wd_batch_new();
    wd_source src = {.table_id = "85984NED", .url = "file:///nl", .retrieved_at = "2026-11-25"};
    wd_batch_add_source(b, &src, NULL);
    add_region(b, "NL00", "Nederland", WD_LEVEL_LAND, "");
    const char *vars[] = {"AantalInwoners", "k_25Tot45Jaar", "k_45Tot65Jaar", "k_65JaarOfOuder",
                          "WmoClienten"};
    const double nl[] = {17942942, 4412000, 4870000, 3636505, 1256000};
    for (int k = 0; k < 5; k++)
        add_obs(b, "NL00", 2024, vars[k], nl[k], 0);
    assert_int_equal(wd_store_import(f->store, b, &err), 0);
    wd_batch_free(b);
    static const struct {
        const char *file;
        double kracht[4], last[4];
    } cases[] = {
        {"balance_index_nl.json",
         {91.19820073190567, 102.12551296280486, 79.33491025578752, 80.5454194498312},
         {67.683460561133, 82.503532827466, 153.07250137416963, 149.32977704631472}},
        {"balance_nl_z.json",
         {92.2781102423358, 101.8647297305178, 81.870349461901, 82.93233897817274},
         {93.1202251852965, 96.19666670311109, 111.74086916232378, 111.58748950205029}},
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        char path[512];
        snprintf(path, sizeof path, "%s/engine/%s", WD_TEST_DATA, cases[c].file);
        wd_indicator_set *set = NULL;
        wd_dataset *ds = NULL;
        wd_results *res = NULL;
        assert_int_equal(
            wd_indicators_load(&set, WD_TEST_DATA "/engine/indicators_local.json", path, &err), 0);
        assert_int_equal(wd_dataset_load(&ds, f->store, "GM9999", set, &err), 0);
        assert_int_equal(wd_compute(&res, ds, set, NULL, &err), 0);
        for (int k = 0; k < 4; k++) {
            int r = wd_dataset_region(ds, rows[k].code);
            size_t cy = (size_t)r * (size_t)ds->n_years + (size_t)(2024 - ds->year0);
            wd_test_assert_rel(res->kracht[cy], cases[c].kracht[k], 1e-9);
            wd_test_assert_rel(res->last[cy], cases[c].last[k], 1e-9);
        }
        wd_results_free(res);
        wd_dataset_free(ds);
        wd_indicators_free(set);
    }
    /* A value the definition does not know is refused with the file named. */
    wd_indicator_set *set = NULL;
    const char bad[] = "{\"referentie\": \"provincie\", \"draagkracht\": [], \"draaglast\": []}";
    char path[512];
    snprintf(path, sizeof path, "%s/bad_balance.json", f->dir);
    assert_int_equal(wd_test_write_file(path, bad, sizeof bad - 1), 0);
    assert_int_equal(wd_indicators_load(&set, NULL, path, &err), WD_EPARSE);
    assert_non_null(strstr(err.msg, "bad_balance.json"));
    assert_non_null(strstr(err.msg, "referentie"));
}

/* Nederland from the buurten of the whole store, where the store has no national series, and
 * only when the buurten hold the country (expected values: tests/data/engine/README.md,
 * "Nederland"). */
static void nederland_from_buurten(void **state)
{
    fixture *f = *state;
    wd_error err = {0};
    wd_batch *b = wd_batch_new();
    wd_source src = {.table_id = "eigen", .url = "file:///nl", .retrieved_at = "2026-11-25"};
    wd_batch_add_source(b, &src, NULL);
    add_region(b, "NL00", "Nederland", WD_LEVEL_LAND, "");
    add_region(b, "GM9998", "Buurstad", WD_LEVEL_GEMEENTE, "NL00");
    add_region(b, "WK999801", "Dorp", WD_LEVEL_WIJK, "GM9998");
    add_region(b, "BU99980101", "Dorpskern", WD_LEVEL_BUURT, "WK999801");
    add_obs(b, "NL00", 2024, "AantalInwoners", 5080, 0);
    add_obs(b, "NL00", 2024, "k_65JaarOfOuder", 777, 0); /* published: never replaced */
    add_obs(b, "BU99980101", 2024, "AantalInwoners", 500, 0);
    add_obs(b, "BU99980101", 2024, "LokaalCijfer", 8.0, 0);
    add_obs(b, "BU99980101", 2024, "LokaalAantal", 10, 0);
    add_obs(b, "BU99980101", 2024, "LokaalBasis", 100, 0);
    assert_int_equal(wd_store_import(f->store, b, &err), 0);
    wd_batch_free(b);

    wd_land *land = NULL;
    assert_int_equal(wd_compute_land(&land, f->store, f->set, NULL, &err), 0);
    wd_results_free(f->res);
    wd_dataset_free(f->ds);
    assert_int_equal(wd_dataset_load(&f->ds, f->store, "GM9999", f->set, &err), 0);
    assert_int_equal(wd_compute(&f->res, f->ds, f->set, land, &err), 0);
    wd_test_assert_rel(value(f, "NL00", 2024, "lokaal_gewogen"), 7.074719438877756, 1e-12);
    wd_test_assert_rel(value(f, "NL00", 2024, "lokaal_telling"), 72, 1e-12);
    wd_test_assert_rel(value(f, "NL00", 2024, "lokaal_per_1000"), 54.54545454545454, 1e-12);
    wd_test_assert_rel(value(f, "NL00", 2024, "lokaal_verschil"), 72 - 1320, 1e-12);
    assert_true(flags(f, "NL00", 2024, "lokaal_gewogen") & WD_FLAG_AGGREGATED);
    assert_true(isnan(value(f, "NL00", 2024, "lokaal_niet")));
    assert_true(isnan(value(f, "NL00", 2023, "lokaal_telling"))); /* NL00 has no 2023 count */
    /* The published national share of 65+ is the store's, not the buurten's. */
    wd_test_assert_rel(value(f, "NL00", 2024, "aandeel_65plus"), 100.0 * 777 / 5080, 1e-12);
    assert_false(flags(f, "NL00", 2024, "aandeel_65plus") & WD_FLAG_AGGREGATED);
    /* The gemeente's own aggregates are unchanged by the country's. */
    wd_test_assert_rel(value(f, "GM9999", 2024, "lokaal_gewogen"), 6.971681514476615, 1e-12);
    /* The export shows the national value beside each buurt. */
    char path[600];
    snprintf(path, sizeof path, "%s/nl.csv", f->dir);
    FILE *out = fopen(path, "w");
    wd_export_filter filter = {.level = WD_LEVEL_BUURT, .year = 2024};
    assert_int_equal(wd_export_indicators_csv(out, f->res, &filter, &err), 0);
    fclose(out);
    char *csv = wd_test_read_file(path, NULL);
    wd_test_assert_contains(csv, "BU99990101,BU99990101,buurt,2024,lokaal_gewogen,6.85,,"
                                 "6.971681514,6.971681514,7.074719439,");
    free(csv);
    wd_compute_land_free(land);

    /* Only what is needed: the count alone. */
    unsigned char *need = calloc(f->set->n, 1);
    need[wd_indicators_find(f->set, "lokaal_telling")] = 1;
    assert_int_equal(wd_compute_land(&land, f->store, f->set, need, &err), 0);
    free(need);
    wd_results_free(f->res);
    assert_int_equal(wd_compute(&f->res, f->ds, f->set, land, &err), 0);
    wd_test_assert_rel(value(f, "NL00", 2024, "lokaal_telling"), 72, 1e-12);
    assert_true(isnan(value(f, "NL00", 2024, "lokaal_gewogen")));
    wd_compute_land_free(land);

    /* With 6,000 inhabitants for Nederland the buurten hold 84% of it: no national values. */
    b = wd_batch_new();
    wd_batch_add_source(b, &src, NULL);
    add_obs(b, "NL00", 2024, "AantalInwoners", 6000, 0);
    assert_int_equal(wd_store_import(f->store, b, &err), 0);
    wd_batch_free(b);
    assert_int_equal(wd_compute_land(&land, f->store, f->set, NULL, &err), 0);
    wd_results_free(f->res);
    assert_int_equal(wd_compute(&f->res, f->ds, f->set, land, &err), 0);
    assert_true(isnan(value(f, "NL00", 2024, "lokaal_gewogen"))); /* ds still holds 5080 */
    wd_compute_land_free(land);
}

/* WLS on a model estimate with published bounds, and the annual percent change of a share
 * (expected values: tests/data/engine/README.md, "WLS and APC"). */
static void wls_and_apc(void **state)
{
    fixture *f = *state;
    wd_error err = {0};
    wd_batch *b = wd_batch_new();
    wd_source src = {.table_id = "50120NED", .url = "file:///rivm", .retrieved_at = "2026-11-25"};
    wd_batch_add_source(b, &src, NULL);
    const int years[] = {2016, 2018, 2020, 2022};
    const double v[] = {14, 15, 13, 12}, lo[] = {11, 12.5, 10, 9.5}, hi[] = {17, 17.5, 16, 14.5};
    for (int k = 0; k < 4; k++) {
        wd_obs o = {
            .year = years[k], .value = v[k], .lo = lo[k], .hi = hi[k], .flags = WD_FLAG_MODEL};
        snprintf(o.region, sizeof o.region, "BU99990101");
        snprintf(o.variable, sizeof o.variable, "Mantelzorger");
        snprintf(o.subgroup, sizeof o.subgroup, "20300");
        assert_int_equal(wd_batch_add_obs(b, &o, NULL), 0);
    }
    assert_int_equal(wd_store_import(f->store, b, &err), 0);
    wd_batch_free(b);
    wd_results_free(f->res);
    wd_dataset_free(f->ds);
    assert_int_equal(wd_dataset_load(&f->ds, f->store, "GM9999", f->set, &err), 0);
    assert_int_equal(wd_compute(&f->res, f->ds, f->set, NULL, &err), 0);
    size_t r = (size_t)wd_dataset_region(f->ds, "BU99990101");
    size_t m = (size_t)wd_indicators_find(f->set, "mantelzorgers");
    const wd_trend *w = &f->res->wls[r * f->res->n_ind + m];
    assert_int_equal(w->n, 4);
    wd_test_assert_rel(w->slope, -0.43892014715429556, 1e-9);
    wd_test_assert_rel(w->lo, -1.04823701198396, 1e-9);
    wd_test_assert_rel(w->hi, 0.17039671767536885, 1e-9);
    /* A model estimate is not tested, whatever its slope. */
    assert_int_equal(f->res->test[r * f->res->n_ind + m].cls, WD_TREND_MODEL_FALLING);
    size_t s = (size_t)wd_indicators_find(f->set, "aandeel_65plus");
    const wd_apc *a = &f->res->apc[r * f->res->n_ind + s];
    assert_int_equal(a->log.n, 6);
    wd_test_assert_rel(a->apc, 4.2264804144827695, 1e-9);
    wd_test_assert_rel(a->lo, 3.4831737932103035, 1e-9);
    wd_test_assert_rel(a->hi, 4.97512611372295, 1e-9);
    /* No bounds, no WLS; not a share of counted people, no APC. */
    assert_int_equal(f->res->wls[r * f->res->n_ind + s].n, 0);
    assert_int_equal(f->res->apc[r * f->res->n_ind + m].log.n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(shares_and_indices_match_reference, setup, teardown),
        cmocka_unit_test_setup_teardown(suppression_and_missing_are_never_zero, setup, teardown),
        cmocka_unit_test_setup_teardown(trends_and_breaks, setup, teardown),
        cmocka_unit_test_setup_teardown(wijk_and_gemeente_from_buurten, setup, teardown),
        cmocka_unit_test_setup_teardown(unknown_gemeente, setup, teardown),
        cmocka_unit_test_setup_teardown(csv_export_and_atomic_write, setup, teardown),
        cmocka_unit_test_setup_teardown(results_are_saved, setup, teardown),
        cmocka_unit_test_setup_teardown(small_areas_and_trend_classes, setup, teardown),
        cmocka_unit_test_setup_teardown(reference_and_normalisation, setup, teardown),
        cmocka_unit_test_setup_teardown(wls_and_apc, setup, teardown),
        cmocka_unit_test_setup_teardown(nederland_from_buurten, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
