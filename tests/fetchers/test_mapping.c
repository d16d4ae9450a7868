/* Tests of mapping files and the generic CSV and JSON readers (fetchers/wd_mapping.c,
 * wd_csv.c): a bewonersberaad poll read as its mapping says, and every error a user can make
 * in the mapping or the data file, with the file, line and column in the message. Conformance
 * with the real CBS code lists and StatLine export runs when ../shared/fixtures exists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "fetchers/wd_csv.h"
#include "fetchers/wd_fetch.h"
#include "fetchers/wd_fileurl.h"
#include "fetchers/wd_parse.h"
#include "wd_test_batch.c"
#include "wd_test_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static wd_http *http;

static void path_of(char *out, size_t cap, const char *rel)
{
    snprintf(out, cap, "%s/fetchers/local/%s", WD_TEST_DATA, rel);
}

static void url_of(char *out, size_t cap, const char *rel)
{
    char path[2048];
    wd_error err;
    path_of(path, sizeof path, rel);
    assert_int_equal(wd_fileurl_from_path(out, cap, path, &err), 0);
}

/* Parse a mapping given as text; returns the code and keeps the message in *err. */
static int map_text(wd_mapping **m, const char *text, wd_error *err)
{
    return wd_mapping_parse(m, text, strlen(text), "k.json", err);
}

static void mapping_file(void **state)
{
    (void)state;
    char path[2048];
    wd_mapping *m;
    wd_error err;
    path_of(path, sizeof path, "peiling_2025.mapping.json");
    assert_int_equal(wd_mapping_load(&m, path, &err), 0);
    assert_string_equal(m->table_id, "peiling-voorbeeldstad-2025");
    assert_string_equal(m->publisher, "Bewonersberaad Voorbeeldstad");
    assert_string_equal(m->region, "buurtcode");
    assert_int_equal(m->year, 2025);
    assert_int_equal(m->n_vars, 3);
    assert_string_equal(m->vars[0].column, "deelnemers");
    assert_string_equal(m->vars[0].name, "deelnemers");
    assert_string_equal(m->vars[1].column, "gem. cijfer buurt");
    assert_string_equal(m->vars[1].name, "cijfer_buurt");
    wd_mapping_free(m);

    /* Defaults for publisher and licence. */
    assert_int_equal(map_text(&m,
                              "{\"tabel\":\"t\",\"titel\":\"T\",\"regio\":\"code\","
                              "\"variabelen\":[\"a\"]}",
                              &err),
                     0);
    assert_string_equal(m->publisher, "eigen bestand");
    assert_string_equal(m->licence, "onbekend");
    assert_int_equal(m->sep, 0);
    wd_mapping_free(m);

    assert_int_equal(wd_mapping_load(&m, "/geen/koppeling.json", &err), WD_ENOTFOUND);
    assert_string_equal(err.msg, "koppelbestand /geen/koppeling.json niet te openen");
}

static void mapping_errors(void **state)
{
    (void)state;
    wd_mapping *m = (wd_mapping *)1;
    wd_error err;
    /* JSON syntax: jansson's line and column. */
    assert_int_equal(map_text(&m, "{\n  \"tabel\": \"t\",\n  \"regio\" \"code\"\n}", &err),
                     WD_EPARSE);
    assert_null(m);
    assert_string_equal(err.msg, "ongeldig koppelbestand k.json, regel 3, kolom 16: "
                                 "':' expected near '\"code\"'");
    /* A typo in a key names the key and its line. */
    assert_int_equal(map_text(&m,
                              "{\"tabel\": \"t\", \"titel\": \"T\",\n\"regoi\": \"code\",\n"
                              "\"variabelen\": [\"a\"]}",
                              &err),
                     WD_EPARSE);
    assert_non_null(
        strstr(err.msg, "k.json:2: koppelbestand, sleutel \"regoi\": onbekende sleutel"));
    assert_int_equal(
        map_text(&m, "{\"tabel\": \"t\", \"titel\": \"T\", \"variabelen\": [\"a\"]}", &err),
        WD_EPARSE);
    assert_string_equal(err.msg, "k.json: koppelbestand, sleutel \"regio\": ontbreekt");
    assert_int_equal(map_text(&m,
                              "{\"tabel\": \"t\", \"titel\": \"T\", \"regio\": \"c\",\n"
                              "\"variabelen\": []}",
                              &err),
                     WD_EPARSE);
    assert_non_null(strstr(err.msg, "k.json:2: koppelbestand, sleutel \"variabelen\": verwacht "
                                    "een lijst"));
    assert_int_equal(map_text(&m,
                              "{\"tabel\": \"t\", \"titel\": \"T\", \"regio\": \"c\",\n"
                              "\"variabelen\": [\"a\", {\"kolom\": \"b\", \"naam\": \"a\"}]}",
                              &err),
                     WD_EPARSE);
    assert_non_null(strstr(err.msg, "variabele 'a' staat er twee keer in"));
    assert_int_equal(map_text(&m,
                              "{\"tabel\": \"t\", \"titel\": \"T\", \"regio\": \"c\",\n"
                              "\"variabelen\": [{\"kolom\": \"b\", \"nam\": \"x\"}]}",
                              &err),
                     WD_EPARSE);
    assert_non_null(strstr(err.msg, "element 1: alleen \"kolom\" en \"naam\""));
    assert_int_equal(map_text(&m,
                              "{\"tabel\": \"t\", \"titel\": \"T\", \"regio\": \"c\", \"jaar\": "
                              "2025,\n\"periode\": \"p\", \"variabelen\": [\"a\"]}",
                              &err),
                     WD_EPARSE);
    assert_non_null(strstr(err.msg, "niet allebei"));
    assert_int_equal(map_text(&m,
                              "{\"tabel\": \"t\", \"titel\": \"T\", \"regio\": \"c\", \"jaar\": "
                              "\"2025\", \"variabelen\": [\"a\"]}",
                              &err),
                     WD_EPARSE);
    assert_non_null(
        strstr(err.msg, "k.json:1: koppelbestand, sleutel \"jaar\": verwacht een jaartal"));
    assert_int_equal(map_text(&m,
                              "{\"tabel\": \"t\", \"titel\": \"T\", \"regio\": \"c\", "
                              "\"scheidingsteken\": \"::\", \"variabelen\": [\"a\"]}",
                              &err),
                     WD_EPARSE);
    assert_non_null(strstr(err.msg, "scheidingsteken"));
    assert_int_equal(map_text(&m, "[1, 2]", &err), WD_EPARSE);
    assert_string_equal(err.msg, "k.json: koppelbestand is geen JSON-object {...}");
}

static void poll_csv(void **state)
{
    (void)state;
    char path[2048], url[4200];
    wd_mapping *m;
    wd_error err;
    path_of(path, sizeof path, "peiling_2025.mapping.json");
    assert_int_equal(wd_mapping_load(&m, path, &err), 0);
    url_of(url, sizeof url, "peiling_2025.csv");
    wd_batch *b = wd_batch_new();
    assert_int_equal(wd_fetch_mapped(http, url, m, 0, 0, b, &err), 0);
    assert_int_equal(b->n_sources, 1);
    assert_string_equal(b->sources[0].table_id, "peiling-voorbeeldstad-2025");
    assert_string_equal(b->sources[0].title, "Peiling bewonersberaad Voorbeeldstad 2025");
    assert_string_equal(b->sources[0].licence, "CC BY 4.0");
    assert_int_equal(strlen(b->sources[0].sha256), 64);
    assert_int_equal(b->n_obs, 4 * 3);
    const wd_obs *o = find_obs(b, "BU99990101", "cijfer_buurt", "", 2025); /* decimal comma */
    assert_true(o && o->value == 7.4 && o->flags == 0);
    o = find_obs(b, "BU99990102", "thuis_pct", "", 2025); /* "." */
    assert_true(o && isnan(o->value) && o->flags == WD_FLAG_SUPPRESSED);
    o = find_obs(b, "BU99990103", "deelnemers", "", 2025); /* blank */
    assert_true(o && isnan(o->value) && o->flags == WD_FLAG_MISSING);
    o = find_obs(b, "WK999901", "deelnemers", "", 2025);
    assert_true(o && o->value == 169);
    const wd_region *r = find_region(b, "BU99990103");
    assert_string_equal(r->name, "Molenbuurt; oost");
    assert_string_equal(r->parent, "WK999901");
    assert_int_equal(find_region(b, "WK999901")->level, WD_LEVEL_WIJK);
    wd_batch_free(b);
    wd_mapping_free(m);
}

static void poll_json(void **state)
{
    (void)state;
    char path[2048], url[4200];
    wd_mapping *m;
    wd_error err;
    path_of(path, sizeof path, "peiling.mapping.json");
    assert_int_equal(wd_mapping_load(&m, path, &err), 0);
    url_of(url, sizeof url, "peiling.json");
    wd_batch *b = wd_batch_new();
    assert_int_equal(wd_fetch_mapped(http, url, m, 1, 0, b, &err), 0);
    assert_int_equal(b->n_obs, 3 * 3);
    const wd_obs *o = find_obs(b, "BU99990101", "deelnemers", "", 2023);
    assert_true(o && o->value == 98);
    o = find_obs(b, "BU99990101", "cijfer_buurt", "", 2025); /* numeric string, comma */
    assert_true(o && o->value == 7.4);
    o = find_obs(b, "BU99990102", "thuis_pct", "", 2025); /* null, period as a string */
    assert_true(o && isnan(o->value) && o->flags == WD_FLAG_MISSING);
    assert_string_equal(find_region(b, "BU99990102")->name, "Stationskwartier");
    wd_batch_free(b);

    /* The same records in an OData envelope and as GeoJSON properties. */
    const char *envelope = "{\"value\": [{\"buurtcode\": \"BU99990101\", \"buurt\": \"Oude Haven\","
                           " \"peiljaar\": \"2024JJ00\", \"deelnemers\": 5, \"gem. cijfer buurt\": "
                           "\".\", \"voelt zich thuis (%)\": \"-\"}]}";
    b = wd_batch_new();
    assert_int_equal(wd_mapping_json(b, 0, m, 0, envelope, strlen(envelope), "e.json", &err), 0);
    o = find_obs(b, "BU99990101", "cijfer_buurt", "", 2024);
    assert_true(o && isnan(o->value) && o->flags == WD_FLAG_SUPPRESSED);
    o = find_obs(b, "BU99990101", "thuis_pct", "", 2024);
    assert_true(o && o->value == 0 && o->flags == 0);
    const char *geo = "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", "
                      "\"geometry\": null, \"properties\": {\"buurtcode\": \"WK999901\", \"buurt\":"
                      " \"Centrum\", \"peiljaar\": 2022, \"deelnemers\": 7.25, \"gem. cijfer "
                      "buurt\": 6, \"voelt zich thuis (%)\": 70}}]}";
    assert_int_equal(wd_mapping_json(b, 0, m, 0, geo, strlen(geo), "g.json", &err), 0);
    o = find_obs(b, "WK999901", "deelnemers", "", 2022);
    assert_true(o && o->value == 7.25);
    wd_batch_free(b);

    /* Objects keyed by region code, as analysts keep a gemeente's own figures: the key is the
     * region (unless the object names one); and a single object. */
    const char *keyed = "{\"GM9999\": {\"buurt\": \"Voorbeeldstad\", \"peiljaar\": 2025, "
                        "\"deelnemers\": 410, \"gem. cijfer buurt\": 7.1, \"voelt zich thuis (%)\":"
                        " 81},\n \"BU99990101\": {\"buurt\": \"Oude Haven\", \"peiljaar\": 2025,"
                        " \"deelnemers\": 98, \"gem. cijfer buurt\": null, \"voelt zich thuis "
                        "(%)\": -99995}}";
    b = wd_batch_new();
    assert_int_equal(wd_mapping_json(b, 0, m, 0, keyed, strlen(keyed), "k.json", &err), 0);
    assert_int_equal(b->n_obs, 2 * 3);
    o = find_obs(b, "GM9999", "deelnemers", "", 2025);
    assert_true(o && o->value == 410);
    assert_string_equal(find_region(b, "GM9999")->name, "Voorbeeldstad");
    o = find_obs(b, "BU99990101", "cijfer_buurt", "", 2025);
    assert_true(o && isnan(o->value) && o->flags == WD_FLAG_MISSING);
    o = find_obs(b, "BU99990101", "thuis_pct", "", 2025); /* a KWB-derived special code */
    assert_true(o && isnan(o->value) && o->flags == (WD_FLAG_MISSING | WD_FLAG_LATER));
    wd_batch_free(b);
    const char *single = "{\"buurtcode\": \"WK999901\", \"buurt\": \"Centrum\", \"peiljaar\": "
                         "2024, \"deelnemers\": 12, \"gem. cijfer buurt\": \"6,5\", \"voelt zich "
                         "thuis (%)\": 64}";
    b = wd_batch_new();
    assert_int_equal(wd_mapping_json(b, 0, m, 0, single, strlen(single), "s.json", &err), 0);
    assert_int_equal(b->n_obs, 3);
    o = find_obs(b, "WK999901", "cijfer_buurt", "", 2024);
    assert_true(o && o->value == 6.5);
    wd_batch_free(b);
    wd_mapping_free(m);
}

/* The mapping of peiling_2025 applied to CSV text; returns the code, message in *err. */
static int csv_with_poll_mapping(const char *csv, wd_error *err)
{
    char path[2048];
    wd_mapping *m;
    path_of(path, sizeof path, "peiling_2025.mapping.json");
    assert_int_equal(wd_mapping_load(&m, path, err), 0);
    wd_batch *b = wd_batch_new();
    int rc = wd_csv_mapped(b, 0, m, 0, csv, strlen(csv), "p.csv", err);
    wd_batch_free(b);
    wd_mapping_free(m);
    return rc;
}

static const char poll_head[] =
    "buurtcode;buurt;deelnemers;gem. cijfer buurt;voelt zich thuis (%)\n";

static void csv_errors(void **state)
{
    (void)state;
    wd_error err;
    char csv[1024];
    snprintf(csv, sizeof csv, "%sBU99990101;Oude Haven;112;7,4;81\nBU99990102;Station;57;6,9\n",
             poll_head);
    assert_int_equal(csv_with_poll_mapping(csv, &err), WD_EPARSE);
    assert_string_equal(err.msg, "p.csv:3: 4 kolommen, de kop heeft er 5");
    /* Latin-1 "é" (0xE9) where UTF-8 belongs. */
    snprintf(csv, sizeof csv,
             "%sBU99990101;Oude Haven;112;7,4;81\nBU99990102;Caf\xE9wijk;57;6,9;1\n", poll_head);
    assert_int_equal(csv_with_poll_mapping(csv, &err), WD_EPARSE);
    assert_string_equal(err.msg, "p.csv:3, kolom 2: ongeldige UTF-8 (byte 0xE9 op teken 4 van het "
                                 "veld); sla het bestand op als UTF-8");
    snprintf(csv, sizeof csv, "%sBU99990101;Oude Haven;112;7,4;81\nBU99990102;Station;veel;6,9;1\n",
             poll_head);
    assert_int_equal(csv_with_poll_mapping(csv, &err), WD_EPARSE);
    assert_string_equal(err.msg, "p.csv:3, kolom 3 (\"deelnemers\"): 'veel' is geen getal");
    snprintf(csv, sizeof csv, "%s0344;Utrecht;1;2;3\n", poll_head);
    assert_int_equal(csv_with_poll_mapping(csv, &err), WD_EPARSE);
    assert_string_equal(err.msg,
                        "p.csv:2, kolom 1 (\"buurtcode\"): '0344' is geen regiocode (GM..., "
                        "WK..., BU... of NL..)");
    assert_int_equal(csv_with_poll_mapping("buurtcode;buurt;deelnemers\nBU99990101;a;1\n", &err),
                     WD_EPARSE);
    assert_string_equal(err.msg, "p.csv:1: kolom \"gem. cijfer buurt\" uit het koppelbestand staat "
                                 "niet in de kop");
    assert_int_equal(csv_with_poll_mapping("", &err), WD_EPARSE);
    assert_string_equal(err.msg, "p.csv: leeg bestand");
}

static void json_errors_and_rollback(void **state)
{
    (void)state;
    char path[2048];
    wd_mapping *m;
    wd_error err;
    path_of(path, sizeof path, "peiling.mapping.json");
    assert_int_equal(wd_mapping_load(&m, path, &err), 0);
    wd_batch *b = wd_batch_new();
    const char *cases[][2] = {
        {"[\n{\"buurtcode\": \"BU99990101\",\n \"peiljaar\": 2025 \"x\": 1}]",
         "ongeldige JSON in j.json, regel 3, kolom 21: '}' expected near '\"x\"'"},
        {"{\"records\": []}",
         "j.json: onbekende vorm van JSON; gelezen worden een lijst van objecten [{...}, ...], "
         "{\"value\": [...]}, een GeoJSON FeatureCollection, objecten per regiocode "
         "{\"GM1680\": {...}, ...} en een enkel object met het veld \"buurtcode\""},
        {"{\"BU99990101\": {\"peiljaar\": 2025}, \"totaal\": {}}", "j.json: onbekende vorm"},
        {"{}", "j.json: onbekende vorm"},
        {"{\"BU99990101\": 3}", "j.json: onbekende vorm"},
        {"[1]", "j.json: record 1 is geen object"},
        {"[{\"buurtcode\": \"Oude Haven\"}]",
         "j.json: record 1, veld \"buurtcode\": 'Oude Haven' is geen regiocode (GM..., WK..., "
         "BU... of NL..)"},
        {"[{\"buurtcode\": \"BU99990101\", \"buurt\": \"x\", \"peiljaar\": \"ooit\"}]",
         "j.json: record 1 (BU99990101), veld \"peiljaar\": geen periode"},
        {"[{\"buurtcode\": \"BU99990101\", \"buurt\": \"x\", \"peiljaar\": 2025, \"deelnemers\": "
         "1}]",
         "j.json: record 1 (BU99990101): veld \"gem. cijfer buurt\" ontbreekt"},
        {"[{\"buurtcode\": \"BU99990101\", \"buurt\": \"x\", \"peiljaar\": 2025, \"deelnemers\": "
         "true}]",
         "j.json: record 1 (BU99990101), veld \"deelnemers\": geen getal"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        assert_int_equal(
            wd_mapping_json(b, 0, m, 0, cases[i][0], strlen(cases[i][0]), "j.json", &err),
            WD_EPARSE);
        if (strncmp(err.msg, cases[i][1], strlen(cases[i][1])) != 0) {
            print_error("case %zu: got \"%s\"\n", i, err.msg);
            fail();
        }
    }
    wd_batch_free(b);
    wd_mapping_free(m);

    /* A CSV file read as JSON: the adapter takes its additions back. */
    path_of(path, sizeof path, "peiling_2025.mapping.json");
    assert_int_equal(wd_mapping_load(&m, path, &err), 0);
    char url[4200], want[4400];
    url_of(url, sizeof url, "peiling_2025.csv");
    b = wd_batch_new();
    assert_int_equal(wd_fetch_mapped(http, url, m, 1, 0, b, &err), WD_EPARSE);
    snprintf(want, sizeof want, "ongeldige JSON in %s, regel 1, kolom ", url);
    assert_memory_equal(err.msg, want, strlen(want));
    assert_int_equal(b->n_sources + b->n_obs + b->n_regions, 0);
    /* Without a year anywhere the reader asks for one. */
    wd_mapping_free(m);
    assert_int_equal(map_text(&m,
                              "{\"tabel\": \"t\", \"titel\": \"T\", \"regio\": \"c\", "
                              "\"variabelen\": [\"a\"]}",
                              &err),
                     0);
    assert_int_equal(wd_csv_mapped(b, 0, m, 0, "c;a\nGM9999;1\n", 11, "y.csv", &err), WD_EUSAGE);
    assert_string_equal(err.msg, "y.csv: geen periode in het koppelbestand en geen jaar opgegeven");
    assert_int_equal(wd_csv_mapped(b, 0, m, 2021, "c;a\nGM9999;1\n", 11, "y.csv", &err), 0);
    assert_non_null(find_obs(b, "GM9999", "a", "", 2021));
    wd_mapping_free(m);
    wd_batch_free(b);
}

/* ---- conformance with real samples (skipped without ../shared/fixtures) ---- */

static void conformance_code_lists(void **state)
{
    (void)state;
    size_t len;
    char *data = wd_test_read_shared("cbs_buurten_2025_utrecht_0344.csv", &len);
    if (!data) skip();
    /* The Utrecht buurten: code;name without header, CRLF, unprefixed 8-digit codes. */
    wd_csvtok c;
    wd_error err;
    wd_csvtok_init(&c, data, len, ';');
    int n = 0, rc;
    while ((rc = wd_csv_next(&c, "utrecht.csv", &err)) == 1) {
        assert_int_equal(c.n_fields, 2);
        assert_int_equal(strlen(wd_csvtok_field(&c, 0)), 8);
        assert_memory_equal(wd_csvtok_field(&c, 0), "0344", 4);
        assert_int_equal(wd_parse_utf8_valid(wd_csvtok_field(&c, 1), NULL), 1);
        if (n == 0) assert_string_equal(wd_csvtok_field(&c, 1), "Welgelegen, Den Hommel");
        n++;
    }
    assert_int_equal(rc, 0);
    assert_int_equal(n, 111);
    wd_csvtok_free(&c);
    free(data);

    /* The gemeenten list through the generic reader: its codes lack the GM prefix, and the
     * message says where. */
    data = wd_test_read_shared("cbs_gemeenten_2025.csv", &len);
    assert_non_null(data);
    wd_mapping *m;
    assert_int_equal(map_text(&m,
                              "{\"tabel\": \"gm2025\", \"titel\": \"Gemeenten 2025\", \"regio\": "
                              "\"Gemeente2025\", \"naam\": \"Gemeentenaam2025\", \"jaar\": 2025, "
                              "\"variabelen\": [\"Gemeentenaam2025\"]}",
                              &err),
                     0);
    wd_batch *b = wd_batch_new();
    assert_int_equal(wd_csv_mapped(b, 0, m, 0, data, len, "gemeenten.csv", &err), WD_EPARSE);
    assert_string_equal(err.msg, "gemeenten.csv:2, kolom 1 (\"Gemeente2025\"): '0014' is geen "
                                 "regiocode (GM..., WK..., BU... of NL..)");
    wd_batch_free(b);
    wd_mapping_free(m);
    free(data);

    /* The StatLine sample has names, not codes, in its region column. */
    data = wd_test_read_shared("statline_csv_export_nabijheid.csv", &len);
    assert_non_null(data);
    assert_int_equal(map_text(&m,
                              "{\"tabel\": \"nabijheid\", \"titel\": \"Nabijheid\", \"regio\": "
                              "\"Wijken en buurten\", \"jaar\": 2024, \"variabelen\": [{\"kolom\":"
                              " \"Vrije tijd en cultuur/Afstand tot bibliotheek (km)\", \"naam\": "
                              "\"afstand_bibliotheek\"}]}",
                              &err),
                     0);
    b = wd_batch_new();
    assert_int_equal(wd_csv_mapped(b, 0, m, 0, data, len, "nabijheid.csv", &err), WD_EPARSE);
    assert_string_equal(err.msg, "nabijheid.csv:2, kolom 1 (\"Wijken en buurten\"): 'Nederland' is "
                                 "geen regiocode (GM..., WK..., BU... of NL..)");
    wd_batch_free(b);
    wd_mapping_free(m);
    free(data);
}

/* The saved KWB 2022 row through the generic JSON reader: padded strings, nulls, "1". */
static void conformance_kwb_row(void **state)
{
    (void)state;
    size_t len;
    char *w = wd_test_read_shared("kwb_85318NED_2022_row_BU05990110.json", &len);
    if (!w) skip();
    json_error_t je;
    json_t *doc = json_loadb(w, len, 0, &je);
    assert_non_null(doc);
    json_t *env = json_pack("{s:[O]}", "value", json_object_get(doc, "row"));
    char *text = json_dumps(env, JSON_COMPACT);
    const char mapping[] =
        "{\"tabel\": \"85318NED\", \"titel\": \"Kerncijfers wijken en buurten "
        "2022\", \"uitgever\": \"CBS\", \"licentie\": \"CC BY 4.0\", \"regio\": "
        "\"Codering_3\", \"jaar\": 2022, \"variabelen\": [{\"kolom\": "
        "\"AantalInwoners_5\", \"naam\": \"AantalInwoners\"}, "
        "\"TweeOnderEenKapWoning_51\", \"IndelingswijzigingGemeenteWijkBuurt_4\","
        " \"GemiddeldInkomenPerInwoner_72\"]}";
    wd_mapping *m;
    wd_error err;
    assert_int_equal(wd_mapping_parse(&m, mapping, sizeof mapping - 1, "kwb.json", &err), 0);
    wd_batch *b = wd_batch_new();
    assert_int_equal(wd_mapping_json(b, 0, m, 0, text, strlen(text), "kwb 2022 row", &err), 0);
    const wd_obs *o = find_obs(b, "BU05990110", "AantalInwoners", "", 2022);
    assert_true(o && o->value == 18050);
    o = find_obs(b, "BU05990110", "TweeOnderEenKapWoning_51", "", 2022);
    assert_true(o && isnan(o->value) && o->flags == WD_FLAG_MISSING);
    o = find_obs(b, "BU05990110", "IndelingswijzigingGemeenteWijkBuurt_4", "", 2022);
    assert_true(o && o->value == 1 && o->flags == 0);
    o = find_obs(b, "BU05990110", "GemiddeldInkomenPerInwoner_72", "", 2022);
    assert_true(o && o->value == 43.4);
    assert_string_equal(find_region(b, "BU05990110")->parent, "WK059901");
    wd_batch_free(b);
    wd_mapping_free(m);
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
        cmocka_unit_test(mapping_file),
        cmocka_unit_test(mapping_errors),
        cmocka_unit_test(poll_csv),
        cmocka_unit_test(poll_json),
        cmocka_unit_test(csv_errors),
        cmocka_unit_test(json_errors_and_rollback),
        cmocka_unit_test(conformance_code_lists),
        cmocka_unit_test(conformance_kwb_row),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    wd_http_free(http);
    wd_http_global_cleanup();
    return rc;
}
