/* Tests of fetchers/wd_csv.c: the RFC 4180 tokenizer (engine/wd_csvtok.h) with its messages, the
 * Leefbaarometer scores CSV and the StatLine "CSV met statistische symbolen" export, read through
 * file:// URLs, with their error messages (file:line, column). Conformance with the real StatLine
 * sample runs when
 * ../shared/fixtures exists. */
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
#include <string.h>

static wd_http *http;

static void tokenizer_rfc4180(void **state)
{
    (void)state;
    const char in[] = "\xEF\xBB\xBF"
                      "a,\"b \"\"quoted\"\"\",c\r\n"
                      "\r\n"
                      "\"multi\nline\",,\"x,y\"\n"
                      "last,row"; /* no final newline */
    wd_csvtok c;
    wd_error err;
    wd_csvtok_init(&c, in, sizeof in - 1, ',');
    assert_int_equal(wd_csv_next(&c, "t.csv", &err), 1);
    assert_int_equal(c.line, 1);
    assert_int_equal(c.n_fields, 3);
    assert_string_equal(wd_csvtok_field(&c, 0), "a");
    assert_string_equal(wd_csvtok_field(&c, 1), "b \"quoted\"");
    assert_int_equal(wd_csv_next(&c, "t.csv", &err), 1);
    assert_int_equal(c.line, 3);
    assert_int_equal(c.n_fields, 3);
    assert_string_equal(wd_csvtok_field(&c, 0), "multi\nline");
    assert_string_equal(wd_csvtok_field(&c, 1), "");
    assert_string_equal(wd_csvtok_field(&c, 2), "x,y");
    assert_int_equal(wd_csv_next(&c, "t.csv", &err), 1);
    assert_int_equal(c.line, 5);
    assert_string_equal(wd_csvtok_field(&c, 1), "row");
    assert_string_equal(wd_csvtok_field(&c, 7), ""); /* out of range is empty, not a crash */
    assert_int_equal(wd_csv_next(&c, "t.csv", &err), 0);
    wd_csvtok_free(&c);

    /* Garbage after a closing quote, and a quote that never closes. */
    wd_csvtok_init(&c, "\"a\"b;c\n", 7, ';');
    assert_int_equal(wd_csv_next(&c, "g.csv", &err), WD_EPARSE);
    assert_string_equal(err.msg, "g.csv:1: tekens na een gesloten aanhalingsteken in veld 1");
    wd_csvtok_free(&c);
    wd_csvtok_init(&c, "x\n\"open;c\n", 10, ';');
    assert_int_equal(wd_csv_next(&c, "u.csv", &err), 1);
    assert_int_equal(wd_csv_next(&c, "u.csv", &err), WD_EPARSE);
    assert_string_equal(err.msg, "u.csv:2: aanhalingsteken niet gesloten");
    wd_csvtok_free(&c);
}

static void url_of(char *out, size_t cap, const char *rel)
{
    char path[2048];
    wd_error err;
    snprintf(path, sizeof path, "%s/fetchers/%s", WD_TEST_DATA, rel);
    assert_int_equal(wd_fileurl_from_path(out, cap, path, &err), 0);
}

static void lbm_buurten_and_wijken(void **state)
{
    (void)state;
    char url[4200];
    url_of(url, sizeof url, "mirror/leefbaarometer/Leefbaarometer-scores buurten 2002-2024.csv");
    assert_non_null(strstr(url, "scores%20buurten%202002-2024.csv"));
    wd_batch *b = wd_batch_new();
    wd_error err;
    assert_int_equal(wd_fetch_lbm_csv(http, url, NULL, b, &err), 0);
    assert_int_equal(b->n_obs, 4 * 7);
    assert_string_equal(b->sources[0].table_id, "lbm3-buurt");
    assert_string_equal(b->sources[0].publisher, "Leefbaarometer");
    assert_string_equal(b->sources[0].licence, "CC0");
    const wd_obs *o = find_obs(b, "BU99990101", "lbm", "", 2022);
    assert_true(o && o->value == 4.2215 && o->source == 0);
    o = find_obs(b, "BU99990102", "onv", "", 2024);
    assert_true(o && o->value == -0.0833);
    o = find_obs(b, "BU0363AD03", "fys", "", 2024); /* blank */
    assert_true(o && isnan(o->value) && o->flags == WD_FLAG_MISSING);
    const wd_region *r = find_region(b, "BU0363AD03");
    assert_string_equal(r->name, "Kop Zuidas, Noord");
    assert_string_equal(r->parent, "WK0363AD");

    /* The wijk file: ';' and decimal commas, CRLF */
    url_of(url, sizeof url, "mirror/leefbaarometer/Leefbaarometer-scores wijken 2002-2024.csv");
    assert_int_equal(wd_fetch_lbm_csv(http, url, NULL, b, &err), 0);
    assert_string_equal(b->sources[1].table_id, "lbm3-wijk");
    o = find_obs(b, "WK999901", "lbm", "", 2024);
    assert_true(o && o->value == 4.0561 && o->source == 1);
    o = find_obs(b, "WK999901", "onv", "", 2024);
    assert_true(o && o->value == -0.0488);
    wd_batch_free(b);
}

/* The 2024 buurt file: no name, no afw, columns in another order, CRLF. afw is derived as
 * the exact sum of the five dimensions, and is missing when one of them is. */
static void lbm_2024_layout(void **state)
{
    (void)state;
    const char csv[] = "bu_code,jaar,lbm,won,fys,onv,soc,vrz\r\n"
                       "BU03440111,2024,4.3125,0.0412,0.1093,-0.0235,0.0611,0.1204\r\n"
                       "BU03440112,2024,3.9876,0.0101,,-0.0500,0.0010,0.0020\r\n";
    wd_batch *b = wd_batch_new();
    wd_error err;
    assert_int_equal(wd_csv_lbm(b, 0, csv, strlen(csv), "buurten.csv", NULL, &err), 0);
    assert_int_equal(b->n_obs, 2 * 7);
    const wd_obs *o = find_obs(b, "BU03440111", "afw", "", 2024);
    assert_non_null(o);
    assert_true(o->flags == 0 && o->value == 0.1093 + -0.0235 + 0.0611 + 0.1204 + 0.0412);
    o = find_obs(b, "BU03440112", "afw", "", 2024);
    assert_true(o && isnan(o->value) && o->flags == WD_FLAG_MISSING);
    o = find_obs(b, "BU03440112", "won", "", 2024);
    assert_true(o && o->value == 0.0101);
    assert_string_equal(find_region(b, "BU03440111")->name, "");
    wd_batch_free(b);
    /* Without one of the dimensions no afw can be derived: none is stored. */
    const char part[] = "bu_code,jaar,lbm,fys,onv\n"
                        "BU03440111,2024,4.3125,0.1093,-0.0235\n";
    b = wd_batch_new();
    assert_int_equal(wd_csv_lbm(b, 0, part, strlen(part), "deel.csv", NULL, &err), 0);
    assert_int_equal(b->n_obs, 3);
    assert_null(find_obs(b, "BU03440111", "afw", "", 2024));
    wd_batch_free(b);
}

static void lbm_errors(void **state)
{
    (void)state;
    char url[4200], want[4400];
    wd_batch *b = wd_batch_new();
    wd_error err;
    url_of(url, sizeof url, "bad/lbm_columns.csv");
    assert_int_equal(wd_fetch_lbm_csv(http, url, NULL, b, &err), WD_EPARSE);
    snprintf(want, sizeof want, "%s:3: 9 kolommen, de kop heeft er 10", url);
    assert_string_equal(err.msg, want);
    /* nothing of the half-read file stays in the batch */
    assert_int_equal(b->n_obs, 0);
    assert_int_equal(b->n_sources, 0);
    assert_int_equal(b->n_regions, 0);

    url_of(url, sizeof url, "bad/lbm_number.csv");
    assert_int_equal(wd_fetch_lbm_csv(http, url, NULL, b, &err), WD_EPARSE);
    snprintf(want, sizeof want, "%s:3, kolom onv: 'n.v.t.' is geen getal", url);
    assert_string_equal(err.msg, want);

    /* A row without a region code: the column by number and header. */
    url_of(url, sizeof url, "bad/lbm_code.csv");
    assert_int_equal(wd_fetch_lbm_csv(http, url, NULL, b, &err), WD_EPARSE);
    snprintf(want, sizeof want, "%s:3, kolom 1 (\"bu_code\"): '  ' is geen regiocode", url);
    assert_string_equal(err.msg, want);

    url_of(url, sizeof url, "bad/unterminated.csv");
    assert_int_equal(wd_fetch_lbm_csv(http, url, NULL, b, &err), WD_EPARSE);
    snprintf(want, sizeof want, "%s:2: aanhalingsteken niet gesloten", url);
    assert_string_equal(err.msg, want);

    url_of(url, sizeof url, "bad/atom.xml");
    assert_int_equal(wd_fetch_lbm_csv(http, url, NULL, b, &err), WD_EPARSE);
    assert_non_null(strstr(err.msg, ":1: kop mist bu_code/wk_code/gm_code, jaar of lbm"));

    assert_int_equal(wd_fetch_lbm_csv(http, "file:///nonexistent/lbm.csv", NULL, b, &err),
                     WD_ENOTFOUND);
    assert_non_null(strstr(err.msg, "file:///nonexistent/lbm.csv"));
    assert_int_equal(b->n_obs, 0);
    wd_batch_free(b);
}

static void statline_export(void **state)
{
    (void)state;
    char url[4200];
    url_of(url, sizeof url, "mirror/statline/nabijheid_2024.csv");
    wd_batch *b = wd_batch_new();
    wd_error err;
    assert_int_equal(wd_fetch_statline_csv(http, url, 0, NULL, b, &err), 0);
    assert_string_equal(b->sources[0].table_id, "statline-nabijheid_2024");
    assert_int_equal(b->n_obs, 4 * 3);
    const char *lib = "Vrije tijd en cultuur/Afstand tot bibliotheek (km)";
    const char *sup = "Detailhandel/Afstand tot grote supermarkt (km)";
    const wd_obs *o = find_obs(b, "NL00", lib, "", 2024);
    assert_true(o && o->value == 2.0 && o->flags == 0);
    o = find_obs(b, "GM9999", lib, "", 2024); /* decimal comma */
    assert_true(o && o->value == 1.4);
    o = find_obs(b, "GM9999", sup, "", 2024); /* "       ." */
    assert_true(o && isnan(o->value) && o->flags == WD_FLAG_SUPPRESSED);
    o = find_obs(b, "WK999901", sup, "", 2024); /* blank */
    assert_true(o && isnan(o->value) && o->flags == WD_FLAG_MISSING);
    o = find_obs(b, "BU99990101", "Bevolking/Aantal inwoners (aantal)", "", 2024);
    assert_true(o && o->value == 2415);
    const wd_region *r = find_region(b, "BU99990101"); /* padded code, name from the first column */
    assert_string_equal(r->name, "Oude Haven");
    assert_string_equal(r->parent, "WK999901");
    assert_null(find_obs(b, "GM9999", "Regioaanduiding/Soort regio (omschrijving)", "", 2024));
    wd_batch_free(b);

    /* A value that is not a number names file, line and column. */
    b = wd_batch_new();
    url_of(url, sizeof url, "bad/statline_number.csv");
    assert_int_equal(wd_fetch_statline_csv(http, url, 2024, NULL, b, &err), WD_EPARSE);
    char want[4400];
    snprintf(want, sizeof want,
             "%s:3, kolom \"Afstand tot huisartsenpraktijk (km)\": '   1.2 km' is geen getal", url);
    assert_string_equal(err.msg, want);
    assert_int_equal(b->n_obs, 0);
    wd_batch_free(b);
}

/* The CBS table of a StatLine export, from its file name (StatLine names downloads after the
 * table) or its text; and the export read through a mapping file. */
static void statline_table_and_mapping(void **state)
{
    (void)state;
    char tmp_path[1200], url[4200];
    char *tmp = wd_test_tmpdir();
    wd_error err;
    char *csv =
        wd_test_read_file(WD_TEST_DATA "/fetchers/mirror/statline/nabijheid_2024.csv", NULL);
    assert_non_null(csv);
    snprintf(tmp_path, sizeof tmp_path, "%s/85984NED_TypedDataSet_03122026.csv", tmp);
    assert_int_equal(wd_test_write_file(tmp_path, csv, strlen(csv)), 0);
    assert_int_equal(wd_fileurl_from_path(url, sizeof url, tmp_path, &err), 0);
    wd_batch *b = wd_batch_new();
    assert_int_equal(wd_fetch_statline_csv(http, url, 0, NULL, b, &err), 0);
    assert_string_equal(b->sources[0].table_id, "85984NED");
    assert_string_equal(b->sources[0].title, "StatLine-export 85984NED");
    wd_batch_clear(b);
    wd_batch_clear(b);

    /* With a mapping: only its columns, renamed, under its table; CBS and CC BY 4.0 unless it
     * names a publisher and licence. */
    wd_mapping *m;
    const char *map = "{\"tabel\": \"85984NED\", \"titel\": \"Nabijheid 2024\", \"regio\": "
                      "\"Regioaanduiding/Codering (code)\", \"periode\": \"Perioden\", "
                      "\"variabelen\": [{\"kolom\": \"Bevolking/Aantal inwoners (aantal)\", "
                      "\"naam\": \"AantalInwoners\"}]}";
    assert_int_equal(wd_mapping_parse(&m, map, strlen(map), "m.json", &err), 0);
    url_of(url, sizeof url, "mirror/statline/nabijheid_2024.csv");
    assert_int_equal(wd_fetch_statline_csv(http, url, 0, m, b, &err), 0);
    assert_int_equal(b->n_obs, 4);
    const wd_obs *o = find_obs(b, "BU99990101", "AantalInwoners", "", 2024);
    assert_true(o && o->value == 2415);
    assert_string_equal(b->sources[0].table_id, "85984NED");
    assert_string_equal(b->sources[0].publisher, "CBS");
    assert_string_equal(b->sources[0].licence, "CC BY 4.0");
    wd_mapping_free(m);
    wd_batch_free(b);
    free(csv);
    wd_test_rmtree(tmp);
    free(tmp);
}

static void conformance_statline(void **state)
{
    (void)state;
    size_t len;
    const char *path = "statline_csv_export_nabijheid.csv";
    char *data = wd_test_read_shared(path, &len);
    if (!data) skip();
    /* Tokenizer and numbers on the real export */
    wd_csvtok c;
    wd_error err;
    wd_csvtok_init(&c, data, len, ';');
    assert_int_equal(wd_csv_next(&c, path, &err), 1);
    assert_int_equal(c.n_fields, 2);
    assert_string_equal(wd_csvtok_field(&c, 0), "Wijken en buurten");
    int rows = 0, rc;
    while ((rc = wd_csv_next(&c, path, &err)) == 1) {
        double v;
        assert_int_equal(c.n_fields, 2);
        assert_int_equal(wd_parse_number(wd_csvtok_field(&c, 1), &v), 0);
        assert_true(v > 0 && v < 50);
        rows++;
    }
    assert_int_equal(rc, 0);
    assert_true(rows >= 5);
    wd_csvtok_free(&c);
    /* This export was made without region codes: the parser says what is missing. */
    wd_batch *b = wd_batch_new();
    assert_int_equal(wd_csv_statline(b, 0, 2024, data, len, "nabijheid.csv", &err), WD_EPARSE);
    assert_non_null(strstr(err.msg, "nabijheid.csv:1: geen kolom met regiocodes"));
    wd_batch_free(b);
    free(data);
}

int main(void)
{
    wd_error err;
    if (wd_http_global_init(&err) || wd_http_new(&http, NULL, &err)) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tokenizer_rfc4180),
        cmocka_unit_test(lbm_buurten_and_wijken),
        cmocka_unit_test(lbm_2024_layout),
        cmocka_unit_test(lbm_errors),
        cmocka_unit_test(statline_table_and_mapping),
        cmocka_unit_test(statline_export),
        cmocka_unit_test(conformance_statline),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    wd_http_free(http);
    wd_http_global_cleanup();
    return rc;
}
