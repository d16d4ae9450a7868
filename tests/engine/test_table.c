/* Tests of engine/wd_table (the wide table of `wijkdata export`) and engine/wd_out (its text
 * output): the columns; a buurt's row against its results (a RIVM figure taken from 2022 with
 * its published interval and its year, an income figure from the year before when the newest
 * table has none, the reason of a figure that is missing, a buurt share's exact interval); the
 * sources noted; the CSV field rules for both separators, the decimal comma and JSON strings;
 * wd_out_g10 against printf. The errors of the run: a file that cannot be written names the
 * file, no region at all is an error. On the demo (Voorbeeldstad). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/wd_gpkg.h"
#include "engine/wd_out.h"
#include "engine/wd_table.h"
#include "wd_test_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *tmp, db[1100];
static wd_session s;

static int setup(void **state)
{
    (void)state;
    tmp = wd_test_tmpdir();
    if (wd_test_demo_store(tmp, 40, 20260126, db, sizeof db)) return -1;
    wd_session_options opt = {.store = db};
    wd_error err = {0};
    if (wd_session_open(&s, &opt, &err) || wd_session_load(&s, "GM9999", NULL, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    wd_session_close(&s);
    wd_test_rmtree(tmp);
    free(tmp);
    return 0;
}

static int col(const wd_table *t, const char *name)
{
    for (size_t k = 0; k < t->n_cols; k++)
        if (strcmp(t->cols[k].name, name) == 0) return (int)k;
    fail_msg("no column %s", name);
    return -1;
}

static void columns(void **state)
{
    (void)state;
    wd_table *t;
    wd_error err = {0};
    assert_int_equal(wd_table_new(&t, s.set, &err), 0);
    assert_int_equal(t->n_cols, 6 + 9 * s.set->n + 3);
    assert_string_equal(t->cols[0].name, "regiocode");
    assert_string_equal(t->cols[6].name, s.set->items[0].id);
    assert_int_equal(t->cols[col(t, "aandeel_65plus_jaar")].number, 1);
    assert_int_equal(t->cols[col(t, "aandeel_65plus_reden")].number, 0);
    assert_int_equal(t->cols[col(t, "aandeel_65plus")].decimals,
                     s.set->items[wd_indicators_find(s.set, "aandeel_65plus")].decimals);
    assert_string_equal(t->cols[t->n_cols - 1].name, "balans");
    wd_table_free(t);
}

static void a_buurt_row(void **state)
{
    (void)state;
    wd_table *t;
    wd_error err = {0};
    assert_int_equal(wd_table_new(&t, s.set, &err), 0);
    wd_table_row *row = wd_table_row_new(t);
    assert_non_null(row);
    const wd_results *res = s.res;
    int r = wd_dataset_region(s.ds, "BU99990101");
    assert_true(r >= 0);
    assert_int_equal(wd_table_fill(t, row, res, (size_t)r, 0, &err), 0);
    assert_int_equal(row->year, 2024);
    assert_string_equal(row->text[col(t, "regiocode")], "BU99990101");
    assert_string_equal(row->text[col(t, "wijkcode")], "WK999901");
    assert_string_equal(row->text[col(t, "gemeentecode")], "GM9999");
    int y24 = 2024 - s.ds->year0, y22 = 2022 - s.ds->year0, y23 = 2023 - s.ds->year0;

    /* RIVM publishes 2022: the value of 2022, its year, its flags and its published bounds. */
    size_t i = (size_t)wd_indicators_find(s.set, "goede_gezondheid");
    double v = res->value[wd_results_cell(res, (size_t)r, y22, i)];
    assert_true(isfinite(v));
    assert_true(isnan(res->value[wd_results_cell(res, (size_t)r, y24, i)]));
    assert_true(row->num[col(t, "goede_gezondheid")] == v);
    assert_true(row->num[col(t, "goede_gezondheid_jaar")] == 2022);
    assert_string_equal(row->text[col(t, "goede_gezondheid_vlaggen")], "modelschatting");
    assert_string_equal(row->text[col(t, "goede_gezondheid_reden")], "");
    assert_string_equal(row->text[col(t, "goede_gezondheid_bron")], "50120NED");
    double lo = row->num[col(t, "goede_gezondheid_ci95_laag")];
    double hi = row->num[col(t, "goede_gezondheid_ci95_hoog")];
    assert_true(lo < v && v < hi);

    /* Income comes a year later: 2023's value for 2024. */
    i = (size_t)wd_indicators_find(s.set, "inkomen_per_inwoner");
    assert_true(isnan(res->value[wd_results_cell(res, (size_t)r, y24, i)]));
    assert_true(row->num[col(t, "inkomen_per_inwoner")] ==
                res->value[wd_results_cell(res, (size_t)r, y23, i)]);
    assert_true(row->num[col(t, "inkomen_per_inwoner_jaar")] == 2023);

    /* A buurt share of counted people: the exact interval of the results. */
    i = (size_t)wd_indicators_find(s.set, "aandeel_65plus");
    wd_small_area sa;
    assert_int_equal(wd_results_small_area(res, (size_t)r, y24, i, &sa), 0);
    wd_test_assert_rel(row->num[col(t, "aandeel_65plus_ci95_laag")], sa.lo, 1e-15);
    wd_test_assert_rel(row->num[col(t, "aandeel_65plus_ci95_hoog")], sa.hi, 1e-15);
    const wd_trend *tr = &res->trend[(size_t)r * res->n_ind + i];
    wd_test_assert_rel(row->num[col(t, "aandeel_65plus_trend")], tr->slope, 1e-15);
    assert_true(strlen(row->text[col(t, "aandeel_65plus_trend_klasse")]) > 0);

    /* The exact mantelzorgpotentieel needs age bands the demo has not: missing, with why. */
    assert_true(isnan(row->num[col(t, "mantelzorgpotentieel")]));
    assert_true(isnan(row->num[col(t, "mantelzorgpotentieel_jaar")]));
    assert_string_equal(row->text[col(t, "mantelzorgpotentieel_vlaggen")], "ontbreekt");
    assert_string_equal(row->text[col(t, "mantelzorgpotentieel_reden")], "geen gegevens");
    assert_true(isfinite(row->num[col(t, "draagkracht_index")]));
    assert_true(strlen(row->text[col(t, "balans")]) > 0);

    /* The sources behind the values, once per table. */
    int kwb = 0, rivm = 0;
    for (size_t k = 0; k < t->n_sources; k++) {
        kwb += strcmp(t->sources[k].src.table_id, "85984NED") == 0;
        rivm += strcmp(t->sources[k].src.table_id, "50120NED") == 0;
    }
    assert_int_equal(kwb, 1);
    assert_int_equal(rivm, 1);
    /* A year outside the data. */
    assert_int_equal(wd_table_fill(t, row, res, (size_t)r, 2031, &err), WD_EUSAGE);
    wd_test_assert_contains(err.msg, "geen gegevens voor jaar 2031");
    wd_table_row_free(row);
    wd_table_free(t);
}

static void text_output(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    wd_out o;
    wd_out_init(&o, f, ';', ',');
    wd_out_field(&o, "a,b");
    wd_out_chr(&o, ';');
    wd_out_field(&o, "a;b");
    wd_out_chr(&o, ';');
    wd_out_field(&o, "zei \"hoi\"");
    wd_out_chr(&o, ';');
    wd_out_number(&o, -1234.5678);
    wd_out_chr(&o, ';');
    wd_out_number(&o, NAN);
    wd_out_chr(&o, ';');
    wd_out_json_string(&o, "'s-Hertogenbosch \"Oost\"\\\n");
    wd_out_flush(&o);
    fclose(f);
    assert_string_equal(buf, "a,b;\"a;b\";\"zei \"\"hoi\"\"\";-1234,5678;;"
                             "\"'s-Hertogenbosch \\\"Oost\\\"\\\\\\u000a\"");
    free(buf);
    /* The fast path gives printf's digits, near ties and extremes included. */
    const double v[] = {0,       1,          -2.5,          0.1,
                        1.0 / 3, 123456.789, 1e-5,          9.9999999995e-5,
                        2.675,   1e10,       12345678901.0, -0.000123456789,
                        1e300,   4.35,       99999999995.0, 0.5e-4};
    for (size_t k = 0; k < sizeof v / sizeof *v; k++) {
        char a[32], b[32];
        wd_out_g10(a, sizeof a, v[k]);
        snprintf(b, sizeof b, "%.10g", v[k]);
        assert_string_equal(a, b);
    }
}

static int count(const char *dir)
{
    char cmd[1200], *out;
    snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    int n = atoi(out);
    free(out);
    return n;
}

static void export_errors(void **state)
{
    (void)state;
    char path[1300], folder[1200];
    snprintf(folder, sizeof folder, "%s/uit", tmp);
    snprintf(path, sizeof path, "%s/geen/map/x.csv", folder);
    char cmd[1300];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", folder);
    assert_int_equal(wd_test_run(cmd, NULL), 0);
    wd_error err = {0};
    wd_table_options o = {.gemeente = "GM9999", .level = WD_LEVEL_BUURT, .threads = 1};
    assert_int_equal(wd_table_export(&s, &wd_table_csv, &o, path, NULL, &err), WD_EIO);
    wd_test_assert_contains(err.msg, path);
    /* A format that writes by name needs one. */
    assert_int_equal(wd_table_export(&s, &wd_gpkg_sink, &o, NULL, NULL, &err), WD_EUSAGE);
    wd_test_assert_contains(err.msg, "--out");
    snprintf(path, sizeof path, "%s/x.csv", folder);
    wd_table_stats st;
    assert_int_equal(wd_table_export(&s, &wd_table_csv_nl, &o, path, &st, &err), 0);
    assert_int_equal(st.rows, 40);
    assert_int_equal(count(folder), 1);
    /* No region at all (Nederland has no boundary): nothing written, nothing left. */
    o.gemeente = NULL;
    o.level = WD_LEVEL_LAND;
    snprintf(path, sizeof path, "%s/x.gpkg", folder);
    assert_int_equal(wd_table_export(&s, &wd_gpkg_sink, &o, path, &st, &err), WD_ENOTFOUND);
    wd_test_assert_contains(err.msg, "geen enkele regio om te exporteren (niveau Nederland)");
    assert_int_equal(count(folder), 1);
    snprintf(path, sizeof path, "%s/x.csv", folder);
    size_t len;
    char *text = wd_test_read_file(path, &len);
    assert_memory_equal(text, "\xEF\xBB\xBF", 3);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(columns),
        cmocka_unit_test(a_buurt_row),
        cmocka_unit_test(text_output),
        cmocka_unit_test(export_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
