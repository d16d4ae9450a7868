/* Tests of the CBS OData v4 reader (fetchers/wd_odata4.c, wd_fetch_cbs_v4) over a file://
 * mirror (tests/data/fetchers/mirror/datasets.cbs.nl): Properties, two pages of MeasureCodes
 * and two of Observations, unpadded codes, ValueAttribute flags, text measures, further
 * dimensions as subgroup, the gemeente filter, and the error messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "fetchers/wd_fetch.h"
#include "fetchers/wd_odata4.h"
#include "wd_test_batch.c"
#include "wd_test_mirror.c"
#include "wd_test_util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static wd_http *http;

static void base_of(char *out, size_t cap, const wd_test_mirror *m)
{
    snprintf(out, cap, "%s/datasets.cbs.nl/odata/v1/CBS", m->url);
}

static void two_pages(void **state)
{
    char base[4400];
    base_of(base, sizeof base, *state);
    wd_odata_request req = {.base = base, .table_id = "85984NED"};
    wd_batch *b = wd_batch_new();
    wd_measures names = {0};
    wd_error err;
    assert_int_equal(wd_fetch_cbs_v4(http, &req, b, &names, &err), 0);
    /* Measures from both pages, with titles and units. */
    assert_int_equal(names.n, 4);
    const wd_measure *x = wd_odata4_measures_find(&names, "T001036");
    assert_non_null(x);
    assert_string_equal(x->title, "Aantal inwoners");
    assert_string_equal(x->unit, "aantal");
    assert_string_equal(wd_odata4_measures_find(&names, "M000224")->unit, "x 1 000 euro");
    assert_null(wd_odata4_measures_find(&names, "T999999"));
    wd_odata4_measures_free(&names);

    assert_int_equal(b->n_sources, 1);
    assert_string_equal(b->sources[0].table_id, "85984NED");
    assert_string_equal(b->sources[0].title, "Kerncijfers wijken en buurten 2024");
    assert_string_equal(b->sources[0].publisher, "CBS");
    assert_string_equal(b->sources[0].licence, "CC BY 4.0");
    /* 15 rows, 2 of them text measures (StringValue) */
    assert_int_equal(b->n_obs, 13);
    const wd_obs *o = find_obs(b, "NL01", "T001036", "", 2024);
    assert_true(o && o->value == 17942942 && o->flags == 0);
    o = find_obs(b, "NL01", "M000224", "", 2024);
    assert_true(o && o->value == 36.1);
    assert_null(find_obs(b, "GM9999", "D000025", "", 2024));
    o = find_obs(b, "GM9999", "M000224", "", 2024); /* Impossible */
    assert_true(o && isnan(o->value) && o->flags == WD_FLAG_MISSING);
    o = find_obs(b, "BU99990101", "M000224", "", 2024); /* None with a null Value */
    assert_true(o && isnan(o->value) && o->flags == WD_FLAG_MISSING);
    o = find_obs(b, "BU99990102", "A048710", "", 2024); /* Confidential */
    assert_true(o && isnan(o->value) && o->flags == WD_FLAG_SUPPRESSED);
    o = find_obs(b, "GM0772", "T001036", "", 2024); /* second page */
    assert_true(o && o->value == 246417);
    const wd_region *r = find_region(b, "BU99990101");
    assert_non_null(r);
    assert_string_equal(r->parent, "WK999901");
    assert_int_equal(r->level, WD_LEVEL_BUURT);
    assert_int_equal(r->indeling, 2024);
    assert_string_equal(find_region(b, "NL01")->name, "Nederland");
    /* One region entry per run of rows, not one per row. */
    assert_int_equal(b->n_regions, 5);
    wd_batch_free(b);
}

static void gemeente_filter(void **state)
{
    char base[4400];
    base_of(base, sizeof base, *state);
    wd_odata_request req = {.base = base, .table_id = "85984NED", .gemeente = "GM9999"};
    wd_batch *b = wd_batch_new();
    wd_error err;
    /* The mirror ignores $filter (as a file:// URL does); the reader filters itself and keeps
     * the country. */
    assert_int_equal(wd_fetch_cbs_v4(http, &req, b, NULL, &err), 0);
    assert_int_equal(count_obs(b, "GM0772"), 0);
    assert_int_equal(count_obs(b, "NL01"), 3);
    assert_int_equal(count_obs(b, "GM9999"), 3);
    assert_true(strstr(b->sources[0].url,
                       "Observations?$filter=startswith(WijkenEnBuurten,%27GM9999%27)%20or%20"
                       "WijkenEnBuurten%20eq%20%27NL01%27"));
    wd_batch_free(b);
    req.gemeente = "Utrecht";
    b = wd_batch_new();
    assert_int_equal(wd_fetch_cbs_v4(http, &req, b, NULL, &err), WD_EUSAGE);
    wd_batch_free(b);
}

static void missing_collection_rolls_back(void **state)
{
    const wd_test_mirror *m = *state;
    char base[4400], path[4400];
    base_of(base, sizeof base, m);
    wd_odata_request req = {.base = base, .table_id = "85984NED"};
    /* The second Observations page is gone: nothing of the first may stay. */
    snprintf(path, sizeof path, "%s/datasets.cbs.nl/odata/v1/CBS/85984NED/Observations-2", m->dir);
    char *saved = wd_test_read_file(path, NULL);
    assert_non_null(saved);
    assert_int_equal(remove(path), 0);
    wd_batch *b = wd_batch_new();
    wd_measures names = {0};
    wd_error err;
    assert_int_equal(wd_fetch_cbs_v4(http, &req, b, &names, &err), WD_ENOTFOUND);
    assert_non_null(strstr(err.msg, "Observations-2"));
    assert_int_equal(b->n_obs + b->n_sources + b->n_regions, 0);
    wd_odata4_measures_free(&names);
    assert_int_equal(wd_test_write_file(path, saved, strlen(saved)), 0);
    free(saved);
    req.table_id = "00000NED";
    assert_int_equal(wd_fetch_cbs_v4(http, &req, b, NULL, &err), WD_ENOTFOUND);
    assert_non_null(strstr(err.msg, "00000NED/Properties"));
    wd_batch_free(b);
}

static int parse_rows(wd_batch *b, int year, const char *text, wd_error *err)
{
    wd_rows_ctx ctx = {.year = year, .indeling = year};
    return wd_odata4_observations(b, &ctx, text, strlen(text), "obs.json", NULL, err);
}

static void rows_dimensions_and_errors(void **state)
{
    (void)state;
    wd_batch *b = wd_batch_new();
    wd_error err;
    /* Another table: RegioS, Geslacht and Leeftijd as further dimensions, no Perioden but a
     * year from Properties. */
    const char rows[] = "{\"value\":[{\"Id\":1,\"Measure\":\"M000352\",\"Geslacht\":\"T001038\","
                        "\"Leeftijd\":\"10000\",\"RegioS\":\"GM0363\",\"Value\":872757,"
                        "\"ValueAttribute\":\"None\"}]}";
    assert_int_equal(parse_rows(b, 2020, rows, &err), 0);
    const wd_obs *o = find_obs(b, "GM0363", "M000352", "T001038,10000", 2020);
    assert_true(o && o->value == 872757);
    assert_int_equal(parse_rows(b, 0, rows, &err), WD_EPARSE);
    assert_string_equal(err.msg, "obs.json: rij 1 (GM0363): geen Perioden en de tabel noemt geen "
                                 "jaar");
    const char *cases[][2] = {
        {"{\"value\":[{\"Measure\":\"T001036\",\"Value\":1}]}",
         "obs.json: rij 1: geen regiocode in WijkenEnBuurten of RegioS"},
        {"{\"value\":[{\"WijkenEnBuurten\":\"GM0363\",\"Value\":1}]}",
         "obs.json: rij 1 (GM0363): geen Measure"},
        {"{\"value\":[{\"WijkenEnBuurten\":\"GM0363\",\"Measure\":\"T001036\",\"Value\":\"12\"}]}",
         "obs.json: rij 1 (GM0363, T001036): Value is geen getal"},
        {"{\"value\":[{\"WijkenEnBuurten\":\"GM0363\",\"Measure\":\"T\",\"Perioden\":\"JJ\"}]}",
         "obs.json: rij 1 (GM0363): Perioden is geen jaar"},
        {"{\"value\":[{\"WijkenEnBuurten\":\"GM0363\",\"Measure\":\"T\",\"Leeftijd\":"
         "\"heel-lang-leeftijdscode\"}]}",
         "obs.json: rij 1 (GM0363): dimensiecodes te lang voor een subgroep"},
        {"{\"value\":[7]}", "obs.json: rij 1 is geen object"},
        {"<feed xmlns=\"http://www.w3.org/2005/Atom\"/>", "obs.json: antwoord is Atom/XML"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        assert_int_equal(parse_rows(b, 2024, cases[i][0], &err), WD_EPARSE);
        if (strncmp(err.msg, cases[i][1], strlen(cases[i][1])) != 0) {
            print_error("case %zu: got \"%s\"\n", i, err.msg);
            fail();
        }
    }
    wd_batch_free(b);

    wd_tableinfo info;
    const char props[] = "{\"Identifier\":\"03759ned\",\"Title\":\"Bevolking op 1 januari\","
                         "\"Period\":\"1988-2024\"}";
    assert_int_equal(wd_odata4_properties(&info, props, sizeof props - 1, "p", &err), 0);
    assert_int_equal(info.year, 2024);
    assert_string_equal(info.identifier, "03759ned");
    assert_int_equal(wd_odata4_properties(&info, "{\"value\":[]}", 12, "p", &err), WD_EPARSE);
    assert_string_equal(err.msg, "p: Properties zonder \"Title\" (geen OData v4-tabel?)");
    wd_measures m = {0};
    const char mc[] = "{\"value\":[{\"Title\":\"x\"}]}";
    assert_int_equal(wd_odata4_measures_page(&m, mc, sizeof mc - 1, "mc", NULL, &err), WD_EPARSE);
    assert_string_equal(err.msg, "mc: MeasureCodes-element 1 heeft geen Identifier");
    wd_odata4_measures_free(&m);
}

int main(void)
{
    wd_error err;
    if (wd_http_global_init(&err) || wd_http_new(&http, NULL, &err)) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(two_pages),
        cmocka_unit_test(gemeente_filter),
        cmocka_unit_test(missing_collection_rolls_back),
        cmocka_unit_test(rows_dimensions_and_errors),
    };
    int rc = cmocka_run_group_tests(tests, wd_test_mirror_setup, wd_test_mirror_teardown);
    wd_http_free(http);
    wd_http_global_cleanup();
    return rc;
}
