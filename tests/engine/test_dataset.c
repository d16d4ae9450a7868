/* Tests of engine/wd_dataset: one series per region from a variable with several names, from
 * one edition of a source that republishes its years (RIVM 50120NED and 50150NED), and the
 * areas of a region across indelingen (KWB's IndelingswijzigingGemeenteWijkBuurt, the stored
 * boundaries), with what the results make of them: a figure of another area is left out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/wd_compute.h"
#include "engine/wd_dataset.h"
#include "engine/wd_export.h"
#include "../fetchers/wd_test_batch.c"
#include "wd_test_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Two health indicators: one whose variable 50150NED renamed, one with the same name in both
 * editions. */
static const char definitions[] =
    "{\"indicatoren\": ["
    "{\"id\": \"goed\", \"label\": \"Goed\", \"formule\": {\"type\": \"waarde\", \"variabele\":"
    " [\"GoedErvarenGezondheid\", \"ErvarenGezondheidGoedZeerGoed\"], \"subgroep\": \"20300\"}},"
    "{\"id\": \"mz\", \"label\": \"Mantelzorg\", \"formule\": {\"type\": \"waarde\","
    " \"variabele\": \"Mantelzorger\", \"subgroep\": \"20300\"}},"
    "{\"id\": \"inkomen\", \"label\": \"Inkomen\", \"formule\": {\"type\": \"waarde\","
    " \"variabele\": [\"GemiddeldInkomenPerInwoner\", \"gemiddeld_inkomen_per_inwoner\"]}},"
    "{\"id\": \"lbm\", \"label\": \"Leefbaarheid\", \"formule\": {\"type\": \"waarde\","
    " \"variabele\": \"lbm\"}}]}";

typedef struct {
    char *dir;
    wd_store *store;
    wd_indicator_set *set;
    wd_dataset *ds;
    wd_results *res;
} fixture;

static const int years_50120[] = {2012, 2016, 2020, 2022};
static const int years_50150[] = {2012, 2016, 2020, 2022, 2024};

static void add_source(wd_batch *b, const char *id, const char *title, int indeling)
{
    wd_source s = {.indeling = indeling};
    snprintf(s.table_id, sizeof s.table_id, "%s", id);
    snprintf(s.title, sizeof s.title, "%s", title);
    snprintf(s.url, sizeof s.url, "file:///%s", id);
    snprintf(s.retrieved_at, sizeof s.retrieved_at, "2026-12-01T00:00:00Z");
    assert_true(wd_batch_add_source(b, &s, NULL) >= 0);
}

static void add_rivm(wd_batch *b, const char *region, const char *var, int year, double v)
{
    add_obs(b, region, year, var, v, WD_FLAG_MODEL);
    snprintf(b->obs[b->n_obs - 1].subgroup, sizeof b->obs[0].subgroup, "20300");
}

static void import(fixture *f, wd_batch *b)
{
    wd_error err = {0};
    if (wd_store_import(f->store, b, &err)) fail_msg("%s", err.msg);
    wd_batch_clear(b);
}

/* GM0637 with five buurten in the 2025 indeling and the sources in the order a user might
 * import them: RIVM 50150NED, then the older 50120NED, KWB 2024 and 2025, the Leefbaarometer
 * 2024 edition, the boundaries of 2024 and 2025.
 *   BU06370101  unchanged (indeling field 1 in 2025): both RIVM editions;
 *   BU06370102  a code re-used for another area in 2025 (field 3);
 *   BU06370103  no KWB 2025 row: unknown whether its area changed;
 *   BU06370104  field 3, but the same stored boundary in 2024 and 2025;
 *   BU06370105  only in 50120NED (no figures of 50150NED). */
static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    char path[512];
    wd_error err = {0};
    f->dir = wd_test_tmpdir();
    snprintf(path, sizeof path, "%s/s.db", f->dir);
    assert_int_equal(wd_store_open(&f->store, path, 1, &err), 0);
    wd_batch *b = wd_batch_new();
    const char *buurten[] = {"BU06370101", "BU06370102", "BU06370103", "BU06370104", "BU06370105"};

    add_source(b, "50150NED", "Gezondheid per wijk en buurt; 2012-2024 (indeling 2024)", 2024);
    for (int i = 0; i < 5; i++)
        add_region(b, buurten[i], buurten[i], WD_LEVEL_BUURT, "WK063701");
    add_region(b, "WK063701", "Centrum", WD_LEVEL_WIJK, "GM0637");
    add_region(b, "GM0637", "Zoetermeer", WD_LEVEL_GEMEENTE, "NL00");
    for (int i = 0; i < 4; i++)
        for (int k = 0; k < 5; k++) {
            add_rivm(b, buurten[i], "GoedErvarenGezondheid", years_50150[k], 70 + i + k * 0.25);
            add_rivm(b, buurten[i], "Mantelzorger", years_50150[k], 30 + i + k * 0.5);
        }
    import(f, b);

    /* 50120NED after it: its keys under the old name, and Mantelzorger, whose years 2012-2022
     * now hold the older edition's figures in the store. */
    add_source(b, "50120NED", "Gezondheid per wijk en buurt; 2012/2016/2020/2022 (indeling 2022)",
               2022);
    for (int i = 0; i < 5; i++)
        for (int k = 0; k < 4; k++) {
            add_rivm(b, buurten[i], "ErvarenGezondheidGoedZeerGoed", years_50120[k], 60 + i);
            add_rivm(b, buurten[i], "Mantelzorger", years_50120[k], 20 + i);
        }
    import(f, b);

    add_source(b, "85984NED", "Kerncijfers wijken en buurten 2024", 2024);
    for (int i = 0; i < 5; i++) {
        add_obs(b, buurten[i], 2024, "AantalInwoners", 1000 + 100 * i, 0);
        add_obs(b, buurten[i], 2024, "IndelingswijzigingGemeenteWijkBuurt", 1, 0);
        add_obs(b, buurten[i], 2024, "GemiddeldInkomenPerInwoner", 31.5 + i, 0);
    }
    import(f, b);
    add_source(b, "86165NED", "Kerncijfers wijken en buurten 2025", 2025);
    const double change_2025[] = {1, 3, NAN, 3, 1};
    for (int i = 0; i < 5; i++) {
        if (isnan(change_2025[i])) continue;
        add_obs(b, buurten[i], 2025, "AantalInwoners", 1010 + 100 * i, 0);
        add_obs(b, buurten[i], 2025, "IndelingswijzigingGemeenteWijkBuurt", change_2025[i], 0);
        add_obs(b, buurten[i], 2025, "GemiddeldInkomenPerInwoner", NAN, WD_FLAG_MISSING);
    }
    import(f, b);
    /* The boundary map of 2025 says that the 2025 income follows later (-99995). */
    add_source(b, "pdok-wijkenbuurten-2025", "CBS wijk- en buurtkaart 2025 (PDOK)", 2025);
    add_obs(b, "BU06370101", 2025, "gemiddeld_inkomen_per_inwoner", NAN,
            WD_FLAG_MISSING | WD_FLAG_LATER);
    const char *square = "{\"type\":\"Polygon\",\"coordinates\":[[[4,52],[4.1,52],[4.1,52.1],"
                         "[4,52]]]}",
               *other = "{\"type\":\"Polygon\",\"coordinates\":[[[4,52],[4.2,52],[4.2,52.1],"
                        "[4,52]]]}";
    assert_int_equal(wd_batch_add_geometry(b, "BU06370104", 2024, square, strlen(square), NULL), 0);
    assert_int_equal(wd_batch_add_geometry(b, "BU06370104", 2025, square, strlen(square), NULL), 0);
    assert_int_equal(wd_batch_add_geometry(b, "BU06370102", 2024, square, strlen(square), NULL), 0);
    assert_int_equal(wd_batch_add_geometry(b, "BU06370102", 2025, other, strlen(other), NULL), 0);
    import(f, b);
    /* The Leefbaarometer does not say its indeling: its edition's newest year stands for it. */
    add_source(b, "lbm3-buurt", "Leefbaarometer 3.0 scores per buurt", 0);
    for (int i = 0; i < 5; i++)
        for (int y = 2020; y <= 2024; y += 2)
            add_obs(b, buurten[i], y, "lbm", 4.1 + 0.01 * i, 0);
    import(f, b);
    wd_batch_free(b);

    assert_int_equal(
        wd_indicators_load_text(&f->set, NULL, "t.json", definitions, strlen(definitions), 0, &err),
        0);
    assert_int_equal(wd_dataset_load(&f->ds, f->store, "GM0637", f->set, &err), 0);
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

static size_t region(const fixture *f, const char *code)
{
    int r = wd_dataset_region(f->ds, code);
    assert_true(r >= 0);
    return (size_t)r;
}

/* The dataset cell of an indicator's variable. */
static size_t cell(const fixture *f, const char *code, const char *id, int year)
{
    const wd_indicator *ind = &f->set->items[wd_indicators_find(f->set, id)];
    int v = wd_dataset_term(f->ds, &ind->num[0], ind->subgroup);
    assert_true(v >= 0);
    return wd_dataset_cell(f->ds, region(f, code), year - f->ds->year0, (size_t)v);
}

static const char *table_of(const fixture *f, size_t c)
{
    return f->ds->sources[f->ds->source[c]].table_id;
}

static void renamed_variable_is_one_series_of_the_newest_edition(void **state)
{
    const fixture *f = *state;
    /* The term has its own variable, named by both its names. */
    assert_true(
        wd_dataset_var(f->ds, "GoedErvarenGezondheid/ErvarenGezondheidGoedZeerGoed", "20300") >= 0);
    /* BU06370102 has both editions: every year of 50150NED, none of 50120NED, although the
     * older one was imported later and also has 2012-2022. */
    for (int k = 0; k < 5; k++) {
        size_t c = cell(f, "BU06370102", "goed", years_50150[k]);
        wd_test_assert_rel(f->ds->value[c], 71 + k * 0.25, 1e-12);
        assert_string_equal(table_of(f, c), "50150NED");
    }
    /* A region only 50120NED knows keeps that edition's series under the old name. */
    for (int k = 0; k < 4; k++) {
        size_t c = cell(f, "BU06370105", "goed", years_50120[k]);
        wd_test_assert_rel(f->ds->value[c], 64, 1e-12);
        assert_string_equal(table_of(f, c), "50120NED");
    }
    assert_true(isnan(f->ds->value[cell(f, "BU06370105", "goed", 2024)]));
}

static void one_name_in_two_editions_is_not_mixed(void **state)
{
    const fixture *f = *state;
    /* The store holds Mantelzorger 2012-2022 from 50120NED (imported last) and 2024 from
     * 50150NED: the newer edition gives the series, so 2012-2022 are left out rather than
     * joined to a figure of another edition. */
    size_t c = cell(f, "BU06370101", "mz", 2024);
    wd_test_assert_rel(f->ds->value[c], 32, 1e-12);
    assert_string_equal(table_of(f, c), "50150NED");
    for (int k = 0; k < 4; k++)
        assert_true(isnan(f->ds->value[cell(f, "BU06370101", "mz", years_50120[k])]));
    /* Where 50150NED has no figures at all, 50120NED's series stands. */
    wd_test_assert_rel(f->ds->value[cell(f, "BU06370105", "mz", 2016)], 24, 1e-12);
}

static void a_missing_value_with_its_reason_wins(void **state)
{
    const fixture *f = *state;
    /* KWB 2025 has the income empty; the boundary map says why (-99995). */
    size_t c = cell(f, "BU06370101", "inkomen", 2025);
    assert_true(isnan(f->ds->value[c]));
    assert_true(f->ds->flags[c] & WD_FLAG_LATER);
    assert_string_equal(table_of(f, c), "pdok-wijkenbuurten-2025");
    c = cell(f, "BU06370101", "inkomen", 2024);
    wd_test_assert_rel(f->ds->value[c], 31.5, 1e-12);
    assert_string_equal(table_of(f, c), "85984NED");
    /* Without a reason anywhere, the empty KWB cell stays. */
    c = cell(f, "BU06370102", "inkomen", 2025);
    assert_int_equal(f->ds->flags[c], WD_FLAG_MISSING);
    assert_string_equal(table_of(f, c), "86165NED");
}

static void indeling_of_each_source(void **state)
{
    const fixture *f = *state;
    for (size_t k = 0; k < f->ds->n_sources; k++) {
        const char *id = f->ds->sources[k].table_id;
        int want = strcmp(id, "50150NED") == 0     ? 2024
                   : strcmp(id, "50120NED") == 0   ? 2022
                   : strcmp(id, "85984NED") == 0   ? 2024
                   : strcmp(id, "lbm3-buurt") == 0 ? 2024 /* its newest year */
                                                   : 2025;
        if (f->ds->source_indeling[k] != want)
            fail_msg("%s: indeling %d, verwacht %d", id, f->ds->source_indeling[k], want);
    }
}

static void areas_across_indelingen(void **state)
{
    const fixture *f = *state;
    const wd_dataset *ds = f->ds;
    assert_int_equal(wd_dataset_area(ds, region(f, "BU06370101"), 2024, 2025), WD_AREA_SAME);
    assert_int_equal(wd_dataset_area(ds, region(f, "BU06370101"), 2025, 2024), WD_AREA_SAME);
    assert_int_equal(wd_dataset_area(ds, region(f, "BU06370102"), 2024, 2025), WD_AREA_CHANGED);
    assert_int_equal(wd_dataset_area(ds, region(f, "BU06370103"), 2024, 2025), WD_AREA_UNKNOWN);
    /* Changed by the field, but the same boundary stored for both years. */
    assert_int_equal(wd_dataset_area(ds, region(f, "BU06370104"), 2024, 2025), WD_AREA_SAME);
    /* 2022 to 2025: 2023 has no KWB figure, so it is not known. */
    assert_int_equal(wd_dataset_area(ds, region(f, "BU06370101"), 2022, 2025), WD_AREA_UNKNOWN);
    assert_int_equal(wd_dataset_area(ds, region(f, "BU06370102"), 2022, 2025), WD_AREA_CHANGED);
    assert_int_equal(wd_dataset_area(ds, region(f, "BU06370102"), 2025, 2025), WD_AREA_SAME);
}

static void figures_of_another_area_are_left_out(void **state)
{
    const fixture *f = *state;
    const wd_results *res = f->res;
    int goed = wd_indicators_find(f->set, "goed"), lbm = wd_indicators_find(f->set, "lbm"),
        inkomen = wd_indicators_find(f->set, "inkomen");
    int y2025 = 2025 - f->ds->year0, y2024 = 2024 - f->ds->year0;
    /* Unchanged: the 2024 estimate (indeling 2024) stands for 2025. */
    assert_int_equal(wd_results_last_year(res, region(f, "BU06370101"), (size_t)goed, y2025, 4),
                     y2024);
    assert_int_equal(wd_results_last_year(res, region(f, "BU06370104"), (size_t)goed, y2025, 4),
                     y2024);
    /* Re-used code: the RIVM figure, the Leefbaarometer's and KWB 2024's income are of another
     * area, so none stands for 2025 ... */
    size_t r = region(f, "BU06370102");
    assert_int_equal(wd_results_last_year(res, r, (size_t)goed, y2025, 4), -1);
    assert_int_equal(wd_results_last_year(res, r, (size_t)lbm, y2025, 4), -1);
    assert_int_equal(wd_results_last_year(res, r, (size_t)inkomen, y2025, 4), -1);
    wd_results_pick pick;
    wd_results_latest(&pick, res, r, (size_t)goed, y2025, 4);
    assert_int_equal(pick.year, -1);
    assert_int_equal(pick.left_out, y2024);
    assert_int_equal(pick.indeling, 2024);
    assert_int_equal(pick.area, WD_AREA_CHANGED);
    /* ... while for 2024 itself they are the figures of that year's area. */
    assert_int_equal(wd_results_last_year(res, r, (size_t)goed, y2024, 0), y2024);
    wd_results_latest(&pick, res, region(f, "BU06370103"), (size_t)goed, y2025, 4);
    assert_int_equal(pick.left_out, y2024);
    assert_int_equal(pick.area, WD_AREA_UNKNOWN);
    /* Income 2025 follows later: the flags of 2025 say so, and 2024's figure stands. */
    wd_results_latest(&pick, res, region(f, "BU06370101"), (size_t)inkomen, y2025, 4);
    assert_int_equal(pick.year, y2024);
    assert_true(pick.flags & WD_FLAG_LATER);
    assert_int_equal(pick.left_out, -1);
}

/* The line of `code` and indicator `id` in a CSV export, or fails. */
static const char *csv_line(const char *csv, const char *code, const char *id, char *line,
                            size_t cap)
{
    char key[96];
    snprintf(key, sizeof key, "\n%s,", code);
    for (const char *at = strstr(csv, key); at; at = strstr(at + 1, key)) {
        const char *end = strchr(at + 1, '\n');
        size_t n = end ? (size_t)(end - at - 1) : strlen(at + 1);
        snprintf(line, cap, "%.*s", (int)n, at + 1);
        char field[64];
        snprintf(field, sizeof field, ",%s,", id);
        if (strstr(line, field)) return line;
    }
    fail_msg("no line for %s %s", code, id);
    return NULL;
}

static void exports_flag_reasons_and_other_areas(void **state)
{
    const fixture *f = *state;
    char path[600], line[1024];
    snprintf(path, sizeof path, "%s/x.csv", f->dir);
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    wd_error err = {0};
    wd_export_filter all = {.level = -1, .year = 2025};
    assert_int_equal(wd_export_indicators_csv(out, f->res, &all, &err), 0);
    fclose(out);
    char *csv = wd_test_read_file(path, NULL);
    assert_non_null(csv);
    /* Why the 2025 income is missing. */
    wd_test_assert_contains(csv_line(csv, "BU06370101", "inkomen", line, sizeof line),
                            ",inkomen,,ontbreekt;volgt_in_latere_levering,");
    /* The figure a profile would show for the re-used code is of another area. */
    wd_test_assert_contains(csv_line(csv, "BU06370102", "goed", line, sizeof line),
                            ",goed,,ontbreekt;andere_indeling,");
    wd_test_assert_contains(csv_line(csv, "BU06370101", "goed", line, sizeof line),
                            ",goed,,ontbreekt,");
    free(csv);
    /* For 2024 the figures of 50150NED are in that year's own indeling: they stand. */
    out = fopen(path, "w");
    all.year = 2024;
    assert_int_equal(wd_export_indicators_csv(out, f->res, &all, &err), 0);
    fclose(out);
    csv = wd_test_read_file(path, NULL);
    wd_test_assert_contains(csv_line(csv, "BU06370102", "goed", line, sizeof line),
                            "BU06370102,BU06370102,buurt,2024,goed,72,modelschatting,");
    free(csv);
    /* 50120NED's 2022 figure for BU06370105 is in the indeling of 2022; in 2024 the buurt has
     * KWB's field 1 and no 2023 figure: not known to be the same area, so for 2024 it is
     * left out of what the region is given. */
    wd_results_pick pick;
    int i = wd_indicators_find(f->set, "goed");
    wd_results_latest(&pick, f->res, region(f, "BU06370105"), (size_t)i, 2024 - f->ds->year0, 4);
    assert_int_equal(pick.year, -1);
    assert_int_equal(pick.indeling, 2022);
    assert_int_equal(pick.area, WD_AREA_UNKNOWN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(renamed_variable_is_one_series_of_the_newest_edition),
        cmocka_unit_test(one_name_in_two_editions_is_not_mixed),
        cmocka_unit_test(a_missing_value_with_its_reason_wins),
        cmocka_unit_test(indeling_of_each_source),
        cmocka_unit_test(areas_across_indelingen),
        cmocka_unit_test(figures_of_another_area_are_left_out),
        cmocka_unit_test(exports_flag_reasons_and_other_areas),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
