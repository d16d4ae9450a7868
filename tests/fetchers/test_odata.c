/* Tests of the CBS OData v3 parsers (fetchers/wd_odata.c) and of the KWB and RIVM adapters
 * over a file:// mirror (tests/data/fetchers/mirror): paging over three pages, padded keys,
 * suffixes that move between years, nulls, RIVM margins, gemeente filter, provenance, and the
 * error messages for invalid JSON, Atom/XML replies and missing files. Conformance with real
 * CBS samples runs when ../shared/fixtures exists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "fetchers/wd_fetch.h"
#include "fetchers/wd_fileurl.h"
#include "fetchers/wd_odata.h"
#include "wd_test_batch.c"
#include "wd_test_mirror.c"
#include "wd_test_util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static wd_http *http;

static void envelope_and_next_link(void **state)
{
    (void)state;
    const char body[] = "{\"odata.metadata\":\"m\",\"value\":[{\"a\":1},{\"a\":2}],"
                        "\"odata.nextLink\":\"https://x/TypedDataSet?$skiptoken=Id%202\"}GARBAGE";
    wd_odata_page pg;
    wd_error err;
    /* The length excludes the trailing bytes: the parser must not read past it. */
    size_t len = strlen(body) - strlen("GARBAGE");
    assert_int_equal(wd_odata_page_parse(&pg, body, len, "t.json", &err), 0);
    assert_int_equal(json_array_size(pg.value), 2);
    assert_string_equal(pg.next, "https://x/TypedDataSet?$skiptoken=Id%202");
    wd_odata_page_free(&pg);
    /* Without the last page marker */
    assert_int_equal(wd_odata_page_parse(&pg, "{\"value\":[]}", 12, "t.json", &err), 0);
    assert_null(pg.next);
    wd_odata_page_free(&pg);
    /* A bare array (saved extracts) is the value list */
    assert_int_equal(wd_odata_page_parse(&pg, "[{\"a\":1}]", 9, "t.json", &err), 0);
    assert_int_equal(json_array_size(pg.value), 1);
    wd_odata_page_free(&pg);
    /* An OData error object */
    const char *e = "{\"odata.error\":{\"code\":\"\",\"message\":{\"lang\":\"nl\",\"value\":\"Er "
                    "is iets misgegaan\"}}}";
    assert_int_equal(wd_odata_page_parse(&pg, e, strlen(e), "u", &err), WD_EPARSE);
    assert_string_equal(err.msg, "u: OData-antwoord zonder \"value\"-lijst: Er is iets misgegaan");
}

/* KWB rows are read one at a time (not as one tree): the envelope as wd_odata_page_parse reads
 * it, whatever the order of its members, and errors placed in the whole page. */
static void rows_are_read_one_at_a_time(void **state)
{
    (void)state;
    static const char *const pages[] = {
        "{\"odata.nextLink\":\"p2\",\"value\":[{\"WijkenEnBuurten\":\"GM0344    \",\"A_4\":1},"
        "{\"WijkenEnBuurten\":\"BU03440101\",\"A_4\":null}],\"odata.metadata\":\"m\"}",
        "[{\"WijkenEnBuurten\":\"GM0344    \",\"A_4\":1},{\"WijkenEnBuurten\":\"BU03440101\","
        "\"A_4\":null}]",
    };
    for (size_t k = 0; k < 2; k++) {
        wd_batch *b = wd_batch_new();
        wd_rows_ctx ctx = {.year = 2024};
        char *next = NULL;
        wd_error err;
        assert_int_equal(wd_odata_kwb_rows(b, &ctx, pages[k], strlen(pages[k]), "p", &next, &err),
                         0);
        assert_int_equal(b->n_obs, 2);
        assert_string_equal(b->obs[1].region, "BU03440101");
        assert_true(isnan(b->obs[1].value) && b->obs[1].flags == WD_FLAG_MISSING);
        if (k == 0) assert_string_equal(next, "p2");
        if (k == 1) assert_null(next);
        free(next);
        wd_batch_free(b);
    }
    static const struct {
        const char *page, *msg;
    } bad[] = {
        {"{\"value\":[{\"WijkenEnBuurten\":\"GM0344\",\"A_4\":1},\n{\"WijkenEnBuurten\" 2}]}",
         "ongeldige JSON in p, regel 2, kolom "},
        {"{\"odata.error\":{\"message\":{\"value\":\"Te veel\"}}}",
         "p: OData-antwoord zonder \"value\"-lijst: Te veel"},
        {"{\"value\":[],\"odata.nextLink\":3}", "p: \"odata.nextLink\" is geen tekst"},
        {"{\"value\":[]} x", "ongeldige JSON in p, regel 1, kolom "},
        {"<feed/>", "Atom/XML"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        wd_batch *b = wd_batch_new();
        wd_rows_ctx ctx = {.year = 2024};
        char *next = NULL;
        wd_error err;
        assert_int_equal(
            wd_odata_kwb_rows(b, &ctx, bad[k].page, strlen(bad[k].page), "p", &next, &err),
            WD_EPARSE);
        wd_test_assert_contains(err.msg, bad[k].msg);
        assert_null(next);
        wd_batch_free(b);
    }
}

static void invalid_json_line_column(void **state)
{
    (void)state;
    size_t len;
    char *body = wd_test_read_file(WD_TEST_DATA "/fetchers/bad/invalid.json", &len);
    assert_non_null(body);
    wd_odata_page pg;
    wd_error err;
    assert_int_equal(wd_odata_page_parse(&pg, body, len, "bad/invalid.json", &err), WD_EPARSE);
    /* line 3: `    {"Key": "GM9999"  "Title"...` — jansson stops at the second string */
    assert_non_null(strstr(err.msg, "ongeldige JSON in bad/invalid.json, regel 3, kolom "));
    assert_null(pg.root);
    free(body);
}

static void atom_reply_explained(void **state)
{
    (void)state;
    size_t len;
    char *body = wd_test_read_file(WD_TEST_DATA "/fetchers/bad/atom.xml", &len);
    assert_non_null(body);
    wd_odata_page pg;
    wd_error err;
    assert_int_equal(wd_odata_page_parse(&pg, body, len, "https://x/TypedDataSet", &err),
                     WD_EPARSE);
    assert_string_equal(err.msg, "https://x/TypedDataSet: antwoord is Atom/XML waar JSON verwacht "
                                 "werd; voeg $format=json toe aan de URL");
    free(body);
}

static void dataproperties_suffix_and_duplicates(void **state)
{
    (void)state;
    const char *dp =
        "{\"value\":["
        "{\"Type\":\"GeoDetail\",\"Key\":\"WijkenEnBuurten\",\"Title\":\"Wijken en buurten\"},"
        "{\"Type\":\"TopicGroup\",\"Key\":\"\",\"Title\":\"Bevolking\"},"
        "{\"Type\":\"Topic\",\"Key\":\"GemiddeldInkomenPerInwoner_72\",\"Title\":\"Gemiddeld "
        "inkomen per inwoner\",\"Unit\":\"x 1 000 euro\"},"
        "{\"Type\":\"Topic\",\"Key\":\"k_0Tot15Jaar_8 \",\"Title\":\"0 tot 15 "
        "jaar\",\"Unit\":\"aantal\"},"
        "{\"Type\":\"Topic\",\"Key\":\"Appartement_54\",\"Title\":\"Appartement\",\"Unit\":\"kWh\"}"
        ","
        "{\"Type\":\"Topic\",\"Key\":\"Appartement_62\",\"Title\":\"Appartement\",\"Unit\":\"m3\"},"
        "{\"Type\":\"Dimension\",\"Key\":\"Marges\",\"Title\":\"Marges\"},"
        "{\"Type\":\"GeoDimension\",\"Key\":\"WijkenEnBuurten\",\"Title\":\"Wijken en buurten\"}]}";
    wd_props p;
    wd_error err;
    assert_int_equal(wd_odata_props_parse(&p, dp, strlen(dp), "dp", &err), 0);
    assert_int_equal(p.n, 7); /* the TopicGroup is kept for its title */
    const wd_prop *x = wd_odata_props_find(&p, "GemiddeldInkomenPerInwoner_72");
    assert_non_null(x);
    assert_string_equal(x->name, "GemiddeldInkomenPerInwoner");
    assert_string_equal(x->unit, "x 1 000 euro");
    assert_int_equal(x->type, WD_PROP_TOPIC);
    x = wd_odata_props_find(&p, "k_0Tot15Jaar_8");
    assert_non_null(x);
    assert_string_equal(x->name, "k_0Tot15Jaar");
    /* Two quantities under one stripped name, and no groups to tell them apart: they keep
     * their keys instead of merging. */
    assert_string_equal(wd_odata_props_find(&p, "Appartement_54")->name, "Appartement_54");
    assert_string_equal(wd_odata_props_find(&p, "Appartement_62")->name, "Appartement_62");
    assert_int_equal(wd_odata_props_find(&p, "Marges")->type, WD_PROP_DIMENSION);
    assert_null(wd_odata_props_find(&p, "Bestaatniet_3"));
    wd_odata_props_free(&p);
}

/* DataProperties of one table in two pages, as ODataFeed serves it. */
static const char dp_page1[] =
    "{\"value\":["
    "{\"ID\":1,\"ParentID\":null,\"Type\":\"TopicGroup\",\"Key\":\"\",\"Title\":\"Energie\"},"
    "{\"ID\":2,\"ParentID\":1,\"Type\":\"TopicGroup\",\"Key\":\"\",\"Title\":\"Gemiddelde\\u00a0"
    "elektriciteitslevering\\u00a0\"},"
    "{\"ID\":3,\"ParentID\":2,\"Type\":\"TopicGroup\",\"Key\":\"\",\"Title\":\"Naar "
    "woningtype\"},"
    "{\"ID\":4,\"ParentID\":3,\"Type\":\"Topic\",\"Key\":\"Appartement_%d\",\"Title\":"
    "\"Appartement\"},"
    "{\"ID\":5,\"ParentID\":3,\"Type\":\"Topic\",\"Key\":\"TweeOnderEenKapWoning_%d\","
    "\"Title\":\"Twee-onder-\u00e9\u00e9n-kap-woning\"},"
    "{\"ID\":6,\"ParentID\":1,\"Type\":\"TopicGroup\",\"Key\":\"\",\"Title\":\"Gemiddeld "
    "aardgasverbruik\"}],"
    "\"odata.nextLink\":\"p2\"}";
static const char dp_page2[] =
    "{\"value\":["
    "{\"ID\":7,\"ParentID\":6,\"Type\":\"TopicGroup\",\"Key\":\"\",\"Title\":\"Naar "
    "woningtype\"},"
    "{\"ID\":8,\"ParentID\":7,\"Type\":\"Topic\",\"Key\":\"Appartement_%d\",\"Title\":"
    "\"Appartement\"},"
    "{\"ID\":9,\"ParentID\":7,\"Type\":\"Topic\",\"Key\":\"TweeOnderEenKapWoning_%d\","
    "\"Title\":\"Twee-onder-\u00e9\u00e9n-kap-woning\"},"
    "{\"ID\":10,\"ParentID\":null,\"Type\":\"TopicGroup\",\"Key\":\"\",\"Title\":"
    "\"Herkomstland\"},"
    "{\"ID\":11,\"ParentID\":10,\"Type\":\"Topic\",\"Key\":\"Nederland_%d\"},"
    "{\"ID\":12,\"ParentID\":null,\"Type\":\"TopicGroup\",\"Key\":\"\",\"Title\":"
    "\"Geboren in Nederland\"},"
    "{\"ID\":13,\"ParentID\":12,\"Type\":\"Topic\",\"Key\":\"Nederland_%d\"},"
    "{\"ID\":14,\"ParentID\":12,\"Type\":\"Topic\",\"Key\":\"AantalInwoners_%d\"}]}";

/* The name of the entry with key `key` after reading both pages with suffixes from `sfx`. */
static void names_of(const int sfx[7], wd_props *p)
{
    char a[2048], b[2048];
    wd_error err;
    snprintf(a, sizeof a, dp_page1, sfx[0], sfx[1]);
    snprintf(b, sizeof b, dp_page2, sfx[2], sfx[3], sfx[4], sfx[5], sfx[6]);
    memset(p, 0, sizeof *p);
    char *next = NULL;
    assert_int_equal(wd_odata_props_page(p, a, strlen(a), "p1", &next, &err), 0);
    assert_string_equal(next, "p2");
    free(next);
    assert_int_equal(wd_odata_props_page(p, b, strlen(b), "p2", &next, &err), 0);
    assert_null(next);
    assert_int_equal(wd_odata_props_name(p, "dp", &err), 0);
}

static void repeated_stems_named_by_their_groups(void **state)
{
    (void)state;
    /* The same table in two years: every suffix moved. */
    static const int years[2][7] = {{54, 57, 62, 65, 17, 20, 5}, {49, 52, 57, 60, 18, 22, 6}};
    for (int y = 0; y < 2; y++) {
        wd_props p;
        names_of(years[y], &p);
        char key[64];
        static const struct {
            int k;
            const char *stem, *name;
        } want[] = {
            {0, "Appartement", "Appartement_GemiddeldeElektriciteitslevering"},
            {1, "TweeOnderEenKapWoning", "TweeOnderEenKapWoning_GemiddeldeElektriciteitslevering"},
            {2, "Appartement", "Appartement_GemiddeldAardgasverbruik"},
            {3, "TweeOnderEenKapWoning", "TweeOnderEenKapWoning_GemiddeldAardgasverbruik"},
            {4, "Nederland", "Nederland_Herkomstland"},
            {5, "Nederland", "Nederland_GeborenInNederland"},
            {6, "AantalInwoners", "AantalInwoners"},
        };
        for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
            snprintf(key, sizeof key, "%s_%d", want[i].stem, years[y][want[i].k]);
            const wd_prop *x = wd_odata_props_find(&p, key);
            assert_non_null(x);
            assert_string_equal(x->name, want[i].name);
        }
        wd_odata_props_free(&p);
    }
}

static void kwb_rows_nulls_and_strings(void **state)
{
    (void)state;
    const char *rows =
        "{\"value\":[{\"ID\":3,\"WijkenEnBuurten\":\"BU0363AD03\",\"Gemeentenaam_1\":\"Amsterdam   "
        "                            \","
        "\"SoortRegio_2\":\"Buurt     "
        "\",\"Codering_3\":\"BU0363AD03\",\"IndelingswijzigingGemeenteWijkBuurt_4\":\"1\","
        "\"AantalInwoners_5\":2385,\"GemiddeldInkomenPerInwoner_72\":null,"
        "\"MeestVoorkomendePostcode_114\":\"      1082\"}]}";
    wd_batch *b = wd_batch_new();
    wd_error err;
    wd_rows_ctx ctx = {.year = 2022, .indeling = 2022, .source = 0};
    char *next = (char *)"x";
    assert_int_equal(wd_odata_kwb_rows(b, &ctx, rows, strlen(rows), "p1", &next, &err), 0);
    assert_null(next);
    assert_int_equal(b->n_obs, 3); /* AantalInwoners, inkomen (null), Indelingswijziging */
    const wd_obs *o = find_obs(b, "BU0363AD03", "AantalInwoners", "", 2022);
    assert_non_null(o);
    assert_true(o->value == 2385);
    assert_int_equal(o->flags, 0);
    o = find_obs(b, "BU0363AD03", "GemiddeldInkomenPerInwoner", "", 2022);
    assert_non_null(o);
    assert_true(isnan(o->value));
    assert_int_equal(o->flags, WD_FLAG_MISSING);
    o = find_obs(b, "BU0363AD03", "IndelingswijzigingGemeenteWijkBuurt", "", 2022);
    assert_non_null(o);
    assert_true(o->value == 1);
    const wd_region *r = find_region(b, "BU0363AD03");
    assert_non_null(r);
    assert_int_equal(r->level, WD_LEVEL_BUURT);
    assert_string_equal(r->parent, "WK0363AD");
    wd_batch_free(b);

    /* Indelingswijziging that is not a number names the row and the field */
    const char *bad = "{\"value\":[{\"WijkenEnBuurten\":\"GM0344    "
                      "\",\"IndelingswijzigingGemeenteWijkBuurt_4\":\"ja\"}]}";
    b = wd_batch_new();
    assert_int_equal(wd_odata_kwb_rows(b, &ctx, bad, strlen(bad), "p2", NULL, &err), WD_EPARSE);
    assert_string_equal(
        err.msg, "p2: rij 1 (GM0344), veld IndelingswijzigingGemeenteWijkBuurt_4: geen getal");
    wd_batch_free(b);
}

static void kwb_mirror_three_pages(void **state)
{
    wd_test_mirror *m = *state;
    char base[4400];
    snprintf(base, sizeof base, "%s/opendata.cbs.nl/ODataFeed/odata", m->url);
    wd_odata_request req = {.base = base, .table_id = "85984NED", .gemeente = NULL};
    wd_batch *b = wd_batch_new();
    wd_error err;
    assert_int_equal(wd_fetch_kwb(http, &req, b, &err), 0);
    /* 8 rows over 3 pages, each with 7 numeric fields (ID and text fields skipped, also
     * the null postcode of NL00) */
    assert_int_equal(b->n_obs, 8 * 7);
    assert_int_equal(b->n_sources, 1);
    const wd_source *s = &b->sources[0];
    assert_string_equal(s->table_id, "85984NED");
    assert_string_equal(s->title, "Kerncijfers wijken en buurten 2024");
    assert_string_equal(s->publisher, "CBS");
    assert_string_equal(s->licence, "CC BY 4.0");
    assert_int_equal(strlen(s->sha256), 64);
    assert_int_equal(strlen(s->retrieved_at), 20);
    assert_int_equal(s->retrieved_at[19], 'Z');
    assert_non_null(strstr(s->url, "/85984NED/TypedDataSet?$format=json"));
    const wd_obs *o = find_obs(b, "BU99990102", "AantalInwoners", "", 2024);
    assert_non_null(o);
    assert_true(o->value == 4970);
    assert_int_equal(o->source, 0);
    o = find_obs(b, "BU99990101", "GemiddeldInkomenPerInwoner", "", 2024);
    assert_non_null(o);
    assert_true(isnan(o->value) && o->flags == WD_FLAG_MISSING);
    o = find_obs(b, "BU99980101", "Appartement_GemiddeldAardgasverbruik", "", 2024); /* page 3 */
    assert_non_null(o);
    assert_true(o->value == 1020);
    assert_null(find_obs(b, "BU99990101", "MeestVoorkomendePostcode", "", 2024));
    const wd_region *r = find_region(b, "BU99990101");
    assert_string_equal(r->name, "Oude Haven");
    assert_string_equal(r->parent, "WK999901");
    assert_int_equal(r->indeling, 2024);
    r = find_region(b, "WK999901");
    assert_string_equal(r->parent, "GM9999");
    r = find_region(b, "GM9999");
    assert_string_equal(r->name, "Voorbeeldstad");
    assert_string_equal(r->parent, "NL00");
    r = find_region(b, "NL00");
    assert_string_equal(r->name, "Nederland");
    assert_int_equal(r->level, WD_LEVEL_LAND);
    wd_batch_free(b);
}

static void kwb_gemeente_filter_and_years(void **state)
{
    wd_test_mirror *m = *state;
    char base[4400];
    snprintf(base, sizeof base, "%s/opendata.cbs.nl/ODataFeed/odata", m->url);
    wd_odata_request req = {.base = base, .table_id = "85984NED", .gemeente = "GM9999"};
    wd_batch *b = wd_batch_new();
    wd_error err;
    assert_int_equal(wd_fetch_kwb(http, &req, b, &err), 0);
    /* The mirror ignores $filter: rows of GM9998 are dropped client-side, NL00 is kept. */
    assert_int_equal(count_obs(b, "BU99980101"), 0);
    assert_int_equal(count_obs(b, "GM9998"), 0);
    assert_int_equal(count_obs(b, "NL00"), 7);
    assert_int_equal(count_obs(b, "BU99990101"), 7);
    assert_null(find_region(b, "GM9998"));
    /* The gemeente, its wijken and buurten (codes start with WK and BU, not GM) and the
     * country by its padded key. */
    assert_non_null(strstr(b->sources[0].url,
                           "$filter=startswith(WijkenEnBuurten,%27GM9999%27)%20or%20startswith("
                           "WijkenEnBuurten,%27WK9999%27)%20or%20startswith(WijkenEnBuurten,%"
                           "27BU9999%27)%20or%20WijkenEnBuurten%20eq%20%27NL00%20%20%20%20%20%"
                           "20%27"));
    /* The 2023 table numbers its fields differently: the same variables come out. */
    req.table_id = "85618NED";
    assert_int_equal(wd_fetch_kwb(http, &req, b, &err), 0);
    const wd_obs *a = find_obs(b, "BU99990101", "HuishoudensTotaal", "", 2024);
    const wd_obs *c = find_obs(b, "BU99990101", "HuishoudensTotaal", "", 2023);
    assert_non_null(a);
    assert_non_null(c);
    assert_true(a->value == 1530 && c->value == 1515);
    assert_int_equal(c->source, 1);
    assert_non_null(find_obs(b, "NL00", "GemiddeldInkomenPerInwoner", "", 2023));
    /* Electricity and gas of apartments: two series, each under one name in both years
     * although the suffixes moved (54/62 in 2024, 49/57 in 2023). */
    const char *app[2] = {"Appartement_GemiddeldeElektriciteitslevering",
                          "Appartement_GemiddeldAardgasverbruik"};
    const double v2023[2] = {2150, NAN}, v2024[2] = {1650, 610};
    for (int k = 0; k < 2; k++) {
        a = find_obs(b, "BU99990101", app[k], "", 2024);
        c = find_obs(b, "BU99990101", app[k], "", 2023);
        assert_non_null(a);
        assert_non_null(c);
        assert_true(a->value == v2024[k]);
        assert_true(k ? isnan(c->value) && c->flags == WD_FLAG_MISSING : c->value == v2023[k]);
    }

    /* A bad gemeente code is a usage error, and nothing is added. */
    size_t n = b->n_obs;
    req.gemeente = "0344";
    assert_int_equal(wd_fetch_kwb(http, &req, b, &err), WD_EUSAGE);
    assert_int_equal(b->n_obs, n);
    wd_batch_free(b);
}

/* A hand-on (wd_odata_request.hand_on) as the store's would: the rows copied out, the batch
 * emptied of them; fails at call `fail_at` (from 1, 0: never). */
typedef struct {
    wd_batch *into;
    int calls, fail_at;
} receiver;

static int receive(wd_batch *b, void *x, wd_error *err)
{
    receiver *r = x;
    assert_true(b->n_sources > 0); /* the rows still to come refer to theirs */
    if (++r->calls == r->fail_at) return wd_error_set(err, WD_ESTORE, "schijf vol");
    for (size_t i = 0; i < b->n_obs; i++)
        assert_int_equal(wd_batch_add_obs(r->into, &b->obs[i], err), 0);
    wd_batch_clear_rows(b);
    return 0;
}

static void assert_same_obs(const wd_obs *a, const wd_obs *b)
{
    assert_string_equal(a->region, b->region);
    assert_string_equal(a->variable, b->variable);
    assert_string_equal(a->subgroup, b->subgroup);
    assert_int_equal(a->year, b->year);
    assert_true(a->value == b->value || (isnan(a->value) && isnan(b->value)));
    assert_int_equal(a->flags, b->flags);
    assert_int_equal(a->source, b->source);
}

/* A table handed on in parts as it is read (what a national fetch does): the parts and the
 * rest left in the batch are the observations of the table read whole, in order, also when
 * every row is handed on, and the check that the gemeente has an observation counts the
 * parts. A hand-on that fails stops the table and leaves no rows in the batch. */
static void kwb_handed_on_in_parts(void **state)
{
    wd_test_mirror *m = *state;
    char base[4400];
    snprintf(base, sizeof base, "%s/opendata.cbs.nl/ODataFeed/odata", m->url);
    wd_odata_request req = {.base = base, .table_id = "85984NED", .gemeente = "GM9999"};
    wd_batch *whole = wd_batch_new(), *b = wd_batch_new();
    wd_error err;
    assert_int_equal(wd_fetch_kwb(http, &req, whole, &err), 0);
    const size_t sizes[] = {1, 8};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        receiver r = {.into = wd_batch_new()};
        req.hand_on = (wd_hand_on){receive, &r, sizes[k]};
        wd_batch_clear(b);
        int rc = wd_fetch_kwb(http, &req, b, &err);
        if (rc) print_error("%s\n", err.msg);
        assert_int_equal(rc, 0);
        assert_true(r.calls > 1);
        assert_true(b->n_obs < sizes[k] + 7); /* at most one part and a row */
        assert_int_equal(r.into->n_obs + b->n_obs, whole->n_obs);
        for (size_t i = 0; i < whole->n_obs; i++)
            assert_same_obs(&whole->obs[i],
                            i < r.into->n_obs ? &r.into->obs[i] : &b->obs[i - r.into->n_obs]);
        assert_int_equal(b->n_sources, 1);
        assert_int_equal(b->n_vars, whole->n_vars);
        wd_batch_free(r.into);
    }
    /* The batch still holds the rest of the last table: that went with the first part. */
    receiver r = {.into = wd_batch_new(), .fail_at = 2};
    req.hand_on.x = &r;
    assert_true(b->n_obs > 0);
    assert_int_equal(wd_fetch_kwb(http, &req, b, &err), WD_ESTORE);
    assert_string_equal(err.msg, "schijf vol");
    assert_int_equal(b->n_obs + b->n_regions + b->n_vars, 0);
    assert_int_equal(b->n_sources, 1); /* the last table's; the failed one's is taken back */
    wd_batch_free(r.into);
    wd_batch_free(b);
    wd_batch_free(whole);
}

static void kwb_missing_table_rolls_back(void **state)
{
    wd_test_mirror *m = *state;
    char base[4400], path[4400];
    snprintf(base, sizeof base, "%s/opendata.cbs.nl/ODataFeed/odata", m->url);
    wd_odata_request req = {.base = base, .table_id = "99999NED"};
    wd_batch *b = wd_batch_new();
    wd_error err;
    assert_int_equal(wd_fetch_kwb(http, &req, b, &err), WD_ENOTFOUND);
    assert_non_null(strstr(err.msg, "/99999NED/TableInfos?$format=json"));

    /* A page that goes missing half-way: everything read before is taken back. */
    snprintf(path, sizeof path, "%s/opendata.cbs.nl/ODataFeed/odata/85984NED/TypedDataSet-3",
             m->dir);
    assert_int_equal(remove(path), 0);
    req.table_id = "85984NED";
    assert_int_equal(wd_fetch_kwb(http, &req, b, &err), WD_ENOTFOUND);
    assert_non_null(strstr(err.msg, "TypedDataSet-3?$format=json&$skiptoken=Id%206"));
    assert_int_equal(b->n_obs, 0);
    assert_int_equal(b->n_regions, 0);
    assert_int_equal(b->n_sources, 0);
    wd_batch_free(b);
    /* restore for the other tests */
    wd_test_mirror_free(m);
    assert_int_equal(wd_test_mirror_make(m), 0);
}

static void rivm_margins(void **state)
{
    wd_test_mirror *m = *state;
    char base[4400];
    snprintf(base, sizeof base, "%s/dataderden.cbs.nl/ODataFeed/odata", m->url);
    wd_odata_request req = {.base = base, .table_id = "50120NED", .gemeente = "GM9999"};
    wd_batch *b = wd_batch_new();
    wd_error err;
    assert_int_equal(wd_fetch_rivm(http, &req, b, &err), 0);
    assert_string_equal(b->sources[0].publisher, "RIVM/CBS");
    const wd_obs *o = find_obs(b, "GM9999", "Eenzaam", "20300", 2022);
    assert_non_null(o);
    assert_true(o->value == 48.3 && o->lo == 46.9 && o->hi == 49.7);
    assert_int_equal(o->flags, WD_FLAG_MODEL);
    /* Bounds on the second page meet their value on the first */
    o = find_obs(b, "BU99990101", "Eenzaam", "20300", 2022);
    assert_non_null(o);
    assert_true(o->value == 52.6 && o->lo == 47.2 && o->hi == 57.9);
    o = find_obs(b, "BU99990101", "Mantelzorger", "20300", 2022);
    assert_true(o->value == 11.8 && isnan(o->lo) && isnan(o->hi));
    o = find_obs(b, "BU99990101", "Eenzaam", "80200", 2020);
    assert_non_null(o);
    assert_true(isnan(o->value));
    assert_int_equal(o->flags, WD_FLAG_MODEL | WD_FLAG_MISSING);
    assert_non_null(find_obs(b, "NL00", "Eenzaam", "20300", 2022));
    /* 2 variables x (GM9999, BU 2022, BU 2020 age 80200, NL00) */
    assert_int_equal(b->n_obs, 8);
    assert_int_equal(find_region(b, "GM9999")->indeling, 2022);
    wd_batch_free(b);
}

/* A saved table, as an analyst keeps it: the test mirror's folders are such folders. Read
 * from disk, their pages are the files TypedDataSet, -2, -3, whatever their nextLinks say. */
static void saved_table_folders(void **state)
{
    wd_test_mirror *m = *state;
    char url[4400], cmd[9000];
    wd_batch *b = wd_batch_new(), *ref = wd_batch_new();
    wd_error err;
    snprintf(url, sizeof url, "%s/opendata.cbs.nl/ODataFeed/odata", m->url);
    wd_odata_request req = {.base = url, .table_id = "85984NED"};
    assert_int_equal(wd_fetch_kwb(http, &req, ref, &err), 0);
    snprintf(url, sizeof url, "%s/opendata.cbs.nl/ODataFeed/odata/85984NED/", m->url);
    assert_int_equal(wd_fetch_cbs_v3_folder(http, url, NULL, b, &err), 0);
    assert_int_equal(b->n_obs, ref->n_obs);
    for (size_t i = 0; i < b->n_obs; i++) {
        assert_string_equal(b->obs[i].region, ref->obs[i].region);
        assert_string_equal(b->obs[i].variable, ref->obs[i].variable);
        assert_true((isnan(b->obs[i].value) && isnan(ref->obs[i].value)) ||
                    b->obs[i].value == ref->obs[i].value);
    }
    assert_string_equal(b->sources[0].table_id, "85984NED");
    assert_string_equal(b->sources[0].publisher, "CBS");
    assert_int_equal(b->sources[0].indeling, 2024);
    assert_string_equal(find_region(b, "BU99990101")->name, "Oude Haven");
    wd_batch_clear(b);

    /* Saved from the service with ".json" names: the links point to opendata.cbs.nl and are
     * not followed (no network); a RIVM table is known by its Marges. */
    snprintf(cmd, sizeof cmd,
             "set -e; d='%s/saved'; mkdir -p \"$d/85984NED\" \"$d/50120NED\"; "
             "for f in TableInfos DataProperties TypedDataSet TypedDataSet-2 TypedDataSet-3; do "
             "sed 's|@ROOT@|https://opendata.cbs.nl|g' "
             "'%s/fetchers/mirror/opendata.cbs.nl/ODataFeed/odata/85984NED/'$f > "
             "\"$d/85984NED/$f.json\"; done; "
             "for f in TableInfos DataProperties TypedDataSet TypedDataSet-2; do "
             "sed 's|@ROOT@|https://dataderden.cbs.nl|g' "
             "'%s/fetchers/mirror/dataderden.cbs.nl/ODataFeed/odata/50120NED/'$f > "
             "\"$d/50120NED/$f\"; done",
             m->dir, WD_TEST_DATA, WD_TEST_DATA);
    assert_int_equal(wd_test_run(cmd, NULL), 0);
    snprintf(cmd, sizeof cmd, "%s/saved/85984NED", m->dir);
    assert_int_equal(wd_fileurl_from_path(url, sizeof url, cmd, &err), 0);
    assert_int_equal(wd_fetch_cbs_v3_folder(http, url, "GM9999", b, &err), 0);
    assert_int_equal(count_obs(b, "BU99990101"), 7);
    assert_int_equal(count_obs(b, "BU99980101"), 0);
    assert_string_equal(find_region(b, "BU99990101")->name, ""); /* no WijkenEnBuurten saved */
    wd_batch_clear(b);
    snprintf(cmd, sizeof cmd, "%s/saved/50120NED", m->dir);
    assert_int_equal(wd_fileurl_from_path(url, sizeof url, cmd, &err), 0);
    assert_int_equal(wd_fetch_cbs_v3_folder(http, url, NULL, b, &err), 0);
    const wd_obs *o = find_obs(b, "BU99990101", "Eenzaam", "20300", 2022);
    assert_true(o && o->value == 52.6 && o->lo == 47.2 && o->hi == 57.9);
    assert_string_equal(b->sources[0].publisher, "RIVM/CBS");
    assert_int_equal(b->sources[0].indeling, 2022);
    wd_batch_clear(b);

    /* A page whose link has no file after it: missing, named; nothing added. */
    snprintf(cmd, sizeof cmd, "rm '%s/saved/85984NED/TypedDataSet-3.json'", m->dir);
    assert_int_equal(wd_test_run(cmd, NULL), 0);
    snprintf(cmd, sizeof cmd, "%s/saved/85984NED", m->dir);
    assert_int_equal(wd_fileurl_from_path(url, sizeof url, cmd, &err), 0);
    assert_int_equal(wd_fetch_cbs_v3_folder(http, url, NULL, b, &err), WD_ENOTFOUND);
    wd_test_assert_contains(err.msg, "TypedDataSet-2.json: deze pagina heeft een odata.nextLink "
                                     "(https://opendata.cbs.nl/opendata.cbs.nl/");
    wd_test_assert_contains(err.msg, "maar de volgende pagina ");
    wd_test_assert_contains(err.msg, "TypedDataSet-3.json ontbreekt in de map");
    assert_int_equal(b->n_obs + b->n_regions + b->n_sources, 0);
    /* A folder without DataProperties. */
    snprintf(cmd, sizeof cmd, "rm '%s/saved/85984NED/DataProperties.json'", m->dir);
    assert_int_equal(wd_test_run(cmd, NULL), 0);
    assert_int_equal(wd_fetch_cbs_v3_folder(http, url, NULL, b, &err), WD_ENOTFOUND);
    wd_test_assert_contains(err.msg, "DataProperties.json");
    wd_batch_free(b);
    wd_batch_free(ref);
}

/* ---- conformance with real CBS samples (skipped without ../shared/fixtures) ---- */

static void conformance_cbs(void **state)
{
    (void)state;
    size_t len;
    char *dp = wd_test_read_shared("cbs_85984NED_DataProperties.json", &len);
    if (!dp) skip();
    wd_props p;
    wd_error err;
    assert_int_equal(wd_odata_props_parse(&p, dp, len, "cbs_85984NED_DataProperties.json", &err),
                     0);
    assert_int_equal(p.n, 128 + 43); /* topics and their groups */
    const wd_prop *x = wd_odata_props_find(&p, "AantalInwoners_5");
    assert_non_null(x);
    assert_string_equal(x->name, "AantalInwoners");
    /* The stems CBS repeats in 2024 get the names of their groups; every name is unique. */
    static const char *const named[][2] = {
        {"Appartement_54", "Appartement_GemiddeldeElektriciteitslevering"},
        {"Appartement_62", "Appartement_GemiddeldAardgasverbruik"},
        {"TweeOnderEenKapWoning_57", "TweeOnderEenKapWoning_GemiddeldeElektriciteitslevering"},
        {"EigenWoning_68", "EigenWoning_GemiddeldAardgasverbruik"},
        {"Nederland_17", "Nederland_Herkomstland"},
        {"Nederland_20", "Nederland_GeborenInNederland"},
        {"BuitenEuropa_24", "BuitenEuropa_GeborenBuitenNederland"},
        {"GemiddeldInkomenPerInwoner_", "GemiddeldInkomenPerInwoner"},
    };
    for (size_t i = 0; i < p.n; i++) {
        for (size_t k = 0; k < sizeof named / sizeof *named; k++)
            if (strncmp(p.items[i].key, named[k][0], strlen(named[k][0])) == 0)
                assert_string_equal(p.items[i].name, named[k][1]);
        for (size_t j = i + 1; j < p.n; j++)
            if (p.items[i].type == WD_PROP_TOPIC && p.items[j].type == WD_PROP_TOPIC)
                assert_string_not_equal(p.items[i].name, p.items[j].name);
    }
    wd_odata_props_free(&p);
    free(dp);

    char *ti = wd_test_read_shared("cbs_85984NED_TableInfos.json", &len);
    assert_non_null(ti);
    wd_tableinfo info;
    assert_int_equal(wd_odata_tableinfos(&info, ti, len, "TableInfos", NULL, &err), 0);
    assert_int_equal(info.year, 2024);
    assert_string_equal(info.title, "Kerncijfers wijken en buurten 2024");
    assert_string_equal(info.identifier, "85984NED");
    free(ti);

    /* The saved 2022 row sits in a wrapper: take its "row" into an envelope. */
    char *w = wd_test_read_shared("kwb_85318NED_2022_row_BU05990110.json", &len);
    assert_non_null(w);
    json_error_t je;
    json_t *doc = json_loadb(w, len, 0, &je);
    assert_non_null(doc);
    json_t *env = json_pack("{s:[O]}", "value", json_object_get(doc, "row"));
    char *text = json_dumps(env, JSON_COMPACT);
    wd_batch *b = wd_batch_new();
    wd_rows_ctx ctx = {.year = 2022, .indeling = 2022};
    assert_int_equal(wd_odata_kwb_rows(b, &ctx, text, strlen(text), "kwb 2022 row", NULL, &err), 0);
    const wd_obs *o = find_obs(b, "BU05990110", "AantalInwoners", "", 2022);
    assert_true(o && o->value == 18050);
    o = find_obs(b, "BU05990110", "GemiddeldInkomenPerInwoner", "", 2022);
    assert_true(o && o->value == 43.4);
    o = find_obs(b, "BU05990110", "TweeOnderEenKapWoning", "", 2022);
    assert_true(o && isnan(o->value) && o->flags == WD_FLAG_MISSING);
    o = find_obs(b, "BU05990110", "IndelingswijzigingGemeenteWijkBuurt", "", 2022);
    assert_true(o && o->value == 1);
    assert_null(find_obs(b, "BU05990110", "Gemeentenaam", "", 2022));
    assert_null(find_obs(b, "BU05990110", "ID", "", 2022));
    assert_string_equal(find_region(b, "BU05990110")->parent, "WK059901");
    wd_batch_free(b);
    free(text);
    json_decref(env);
    json_decref(doc);
    free(w);
}

int main(void)
{
    wd_error err;
    if (wd_http_global_init(&err) || wd_http_new(&http, NULL, &err)) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(envelope_and_next_link),
        cmocka_unit_test(invalid_json_line_column),
        cmocka_unit_test(rows_are_read_one_at_a_time),
        cmocka_unit_test(atom_reply_explained),
        cmocka_unit_test(dataproperties_suffix_and_duplicates),
        cmocka_unit_test(repeated_stems_named_by_their_groups),
        cmocka_unit_test(kwb_rows_nulls_and_strings),
        cmocka_unit_test(kwb_mirror_three_pages),
        cmocka_unit_test(kwb_gemeente_filter_and_years),
        cmocka_unit_test(kwb_handed_on_in_parts),
        cmocka_unit_test(kwb_missing_table_rolls_back),
        cmocka_unit_test(rivm_margins),
        cmocka_unit_test(saved_table_folders),
        cmocka_unit_test(conformance_cbs),
    };
    int rc = cmocka_run_group_tests(tests, wd_test_mirror_setup, wd_test_mirror_teardown);
    wd_http_free(http);
    wd_http_global_cleanup();
    return rc;
}
