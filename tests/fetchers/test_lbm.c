/* Tests of the Leefbaarometer 3.0 open-data zip (fetchers/wd_zip.c, wd_fetch_lbm_zip) and of
 * the classes 1-9: zips are built here from the CSV fixtures with libzip, together with a
 * truncated zip, a damaged member and a zip without the buurten file. Conformance with the
 * real WFS properties runs when ../shared/fixtures exists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/wd_sha256.h"
#include "fetchers/wd_csv.h"
#include "fetchers/wd_fetch.h"
#include "fetchers/wd_fileurl.h"
#include "fetchers/wd_zip.h"
#include "wd_test_batch.c"
#include "wd_test_util.h"
#include "wd_test_zip.c"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static wd_http *http;
static char *dir;

#define LBM_DIR WD_TEST_DATA "/fetchers/mirror/leefbaarometer/"
#define BUURTEN "Leefbaarometer-scores buurten 2002-2024.csv"
#define WIJKEN "Leefbaarometer-scores wijken 2002-2024.csv"

static void url_in_dir(char *out, size_t cap, const char *name)
{
    char path[2048];
    wd_error err;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(wd_fileurl_from_path(out, cap, path, &err), 0);
}

/* The published layout: a folder with the level files, a PC4 file and a read-me. */
static void make_zip(const char *name)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    const char *names[] = {"Leefbaarometer 3.0/leesmij.txt", "Leefbaarometer 3.0/" BUURTEN,
                           "Leefbaarometer 3.0/" WIJKEN,
                           "Leefbaarometer 3.0/Leefbaarometer-scores PC4 2002-2024.csv"};
    const char *srcs[] = {NULL, LBM_DIR BUURTEN, LBM_DIR WIJKEN, NULL};
    const char *texts[] = {"Leefbaarometer 3.0, open data (CC0)\n", NULL, NULL,
                           "pc4,jaar,lbm\n1011,2024,4.4\n"};
    assert_int_equal(wd_test_zip_write(path, 4, names, srcs, texts), 0);
}

static int setup(void **state)
{
    (void)state;
    dir = wd_test_tmpdir();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    wd_test_rmtree(dir);
    free(dir);
    return 0;
}

static void zip_as_published(void **state)
{
    (void)state;
    char url[4200], want[4400];
    make_zip("lbm.zip");
    url_in_dir(url, sizeof url, "lbm.zip");
    wd_batch *b = wd_batch_new();
    wd_error err;
    assert_int_equal(wd_fetch_lbm_zip(http, url, NULL, b, &err), 0);
    assert_int_equal(b->n_sources, 2);
    assert_string_equal(b->sources[0].table_id, "lbm3-buurt");
    assert_string_equal(b->sources[1].table_id, "lbm3-wijk");
    assert_string_equal(b->sources[0].licence, "CC0");
    snprintf(want, sizeof want, "%s/Leefbaarometer 3.0/%s", url, BUURTEN);
    assert_string_equal(b->sources[0].url, want);
    /* The digest is that of the member, not of the zip. */
    size_t len;
    char *csv = wd_test_read_file(LBM_DIR BUURTEN, &len);
    char digest[65];
    wd_sha256_hex(csv, len, digest);
    assert_string_equal(b->sources[0].sha256, digest);
    free(csv);
    const wd_obs *o = find_obs(b, "BU99990101", "lbm", "", 2022);
    assert_true(o && o->value == 4.2215 && o->source == 0);
    o = find_obs(b, "WK999901", "onv", "", 2024);
    assert_true(o && o->value == -0.0488 && o->source == 1);
    assert_null(find_region(b, "1011")); /* PC4 skipped */
    wd_batch_free(b);
}

static void zip_errors(void **state)
{
    (void)state;
    char url[4200], path[2048], want[4400];
    wd_error err;
    wd_batch *b = wd_batch_new();
    make_zip("heel.zip");
    snprintf(path, sizeof path, "%s/heel.zip", dir);
    size_t len;
    char *zip = wd_test_read_file(path, &len);
    assert_non_null(zip);

    /* Cut off: the central directory at the end is gone. */
    snprintf(path, sizeof path, "%s/half.zip", dir);
    assert_int_equal(wd_test_write_file(path, zip, len / 2), 0);
    url_in_dir(url, sizeof url, "half.zip");
    assert_int_equal(wd_fetch_lbm_zip(http, url, NULL, b, &err), WD_EPARSE);
    snprintf(want, sizeof want, "%s: geen geldig zip-archief (", url);
    assert_memory_equal(err.msg, want, strlen(want));

    /* A damaged byte in the compressed buurten member (the second local entry). */
    const unsigned char *u = (const unsigned char *)zip;
    size_t first = 30 + (size_t)(u[26] | u[27] << 8) + (size_t)(u[28] | u[29] << 8) +
                   (size_t)(u[18] | u[19] << 8 | u[20] << 16 | (size_t)u[21] << 24);
    assert_memory_equal(zip + first, "PK\x03\x04", 4);
    size_t data = first + 30 + (size_t)(u[first + 26] | u[first + 27] << 8) +
                  (size_t)(u[first + 28] | u[first + 29] << 8);
    zip[data + 10] ^= 0x55;
    snprintf(path, sizeof path, "%s/kapot.zip", dir);
    assert_int_equal(wd_test_write_file(path, zip, len), 0);
    url_in_dir(url, sizeof url, "kapot.zip");
    assert_int_equal(wd_fetch_lbm_zip(http, url, NULL, b, &err), WD_EPARSE);
    snprintf(want, sizeof want, "%s/Leefbaarometer 3.0/%s", url, BUURTEN);
    assert_memory_equal(err.msg, want, strlen(want));
    free(zip);

    /* A zip with other files only. */
    snprintf(path, sizeof path, "%s/anders.zip", dir);
    const char *names[] = {"scores.csv", "leesmij.txt"};
    const char *srcs[] = {LBM_DIR BUURTEN, NULL};
    const char *texts[] = {NULL, "x"};
    assert_int_equal(wd_test_zip_write(path, 2, names, srcs, texts), 0);
    url_in_dir(url, sizeof url, "anders.zip");
    assert_int_equal(wd_fetch_lbm_zip(http, url, NULL, b, &err), WD_ENOTFOUND);
    snprintf(want, sizeof want,
             "%s: het zip-archief bevat geen 'Leefbaarometer-scores buurten <jaren>.csv' (wel: "
             "'scores.csv', 'leesmij.txt'); is dit de open-data-zip van de Leefbaarometer?",
             url);
    assert_string_equal(err.msg, want);

    /* A CSV given as a zip, and an empty file. */
    assert_int_equal(wd_fileurl_from_path(url, sizeof url, LBM_DIR BUURTEN, &err), 0);
    assert_int_equal(wd_fetch_lbm_zip(http, url, NULL, b, &err), WD_EPARSE);
    assert_non_null(strstr(err.msg, "geen geldig zip-archief"));
    wd_zip *z;
    assert_int_equal(wd_zip_open(&z, "", 0, "leeg.zip", &err), WD_EPARSE);
    assert_string_equal(err.msg, "leeg.zip: geen geldig zip-archief (leeg bestand)");
    assert_int_equal(b->n_obs + b->n_sources + b->n_regions, 0);
    wd_batch_free(b);
}

static void member_size_cap(void **state)
{
    (void)state;
    char path[2048];
    snprintf(path, sizeof path, "%s/groot.zip", dir);
    /* 64 KiB of zeros compresses to almost nothing: the cap must look at the real size. */
    char *zeros = calloc(1, 65537);
    memset(zeros, '0', 65536);
    const char *names[] = {"nullen.txt"};
    const char *srcs[] = {NULL};
    const char *texts[] = {zeros};
    assert_int_equal(wd_test_zip_write(path, 1, names, srcs, texts), 0);
    free(zeros);
    size_t len, n;
    char *zip = wd_test_read_file(path, &len), *out;
    assert_true(len < 2000);
    wd_zip *z;
    wd_error err;
    assert_int_equal(wd_zip_open(&z, zip, len, "groot.zip", &err), 0);
    assert_int_equal(wd_zip_count(z), 1);
    assert_int_equal(wd_zip_extract(z, 0, 1024, &out, &n, &err), WD_ENOMEM);
    assert_string_equal(err.msg,
                        "groot.zip/nullen.txt: uitgepakt 65536 bytes, meer dan de grens van 1024");
    assert_int_equal(wd_zip_extract(z, 0, 65536, &out, &n, &err), 0);
    assert_int_equal(n, 65536);
    assert_int_equal(out[n], '\0');
    free(out);
    wd_zip_close(z);
    free(zip);
}

static void classes(void **state)
{
    (void)state;
    const char *want[] = {"zeer onvoldoende", "ruim onvoldoende", "onvoldoende", "zwak",
                          "voldoende",        "ruim voldoende",   "goed",        "zeer goed",
                          "uitstekend"};
    for (int k = 1; k <= 9; k++)
        assert_string_equal(wd_csv_lbm_class_name(k), want[k - 1]);
    assert_null(wd_csv_lbm_class_name(0));
    assert_null(wd_csv_lbm_class_name(10));

    const char csv[] = "bu_code,bu_naam,jaar,lbm,afw,fys,onv,soc,vrz,won,kscore,kafw,kfys,konv,"
                       "ksoc,kvrz,kwon\n"
                       "BU99990101,Oude Haven,2024,4.1893,0.1437,0.0208,-0.0391,0.0305,0.1104,"
                       "0.0211,7,7,5,4,5,8,5\n"
                       "BU99990102,Stationskwartier,2024,3.9871,-0.0585,-0.0127,-0.0833,-0.0104,"
                       "0.0621,-0.0142,3,3,4,2,4,7,\n";
    wd_batch *b = wd_batch_new();
    wd_error err;
    assert_int_equal(wd_csv_lbm(b, 0, csv, sizeof csv - 1, "k.csv", NULL, &err), 0);
    assert_int_equal(b->n_obs, 2 * 14);
    const wd_obs *o = find_obs(b, "BU99990101", "kscore", "", 2024);
    assert_true(o && o->value == 7);
    assert_string_equal(wd_csv_lbm_class_name((int)o->value), "goed");
    o = find_obs(b, "BU99990102", "konv", "", 2024);
    assert_true(o && o->value == 2);
    o = find_obs(b, "BU99990102", "kwon", "", 2024);
    assert_true(o && isnan(o->value) && o->flags == WD_FLAG_MISSING);
    wd_batch_free(b);

    /* A name saved as Latin-1 ("ë" as 0xEB) is refused with line and column. */
    const char latin1[] = "bu_code,bu_naam,jaar,lbm\nBU99990101,Oude Haven,2024,4.1\n"
                          "BU99990102,Ko\xEBnraadsbuurt,2024,4.0\n";
    b = wd_batch_new();
    assert_int_equal(wd_csv_lbm(b, 0, latin1, sizeof latin1 - 1, "l.csv", NULL, &err), WD_EPARSE);
    assert_string_equal(err.msg, "l.csv:3, kolom 2: ongeldige UTF-8 (byte 0xEB op teken 3 van het "
                                 "veld); sla het bestand op als UTF-8");
    wd_batch_free(b);
    const char statline[] =
        "\xEF\xBB\xBF\"Wijken en buurten\";\"Codering (code)\";\"Afstand (km)\"\n"
        "\"Caf\xE9\";\"BU99990101\";\"     1.2\"\n";
    b = wd_batch_new();
    assert_int_equal(wd_csv_statline(b, 0, 2024, statline, sizeof statline - 1, "s.csv", &err),
                     WD_EPARSE);
    assert_string_equal(err.msg, "s.csv:2, kolom 1: ongeldige UTF-8 (byte 0xE9 op teken 4 van het "
                                 "veld); sla het bestand op als UTF-8");
    wd_batch_free(b);

    const char *bad[] = {"bu_code,jaar,lbm,kscore\nBU99990101,2024,4.1,10\n",
                         "bu_code,jaar,lbm,kscore\nBU99990101,2024,4.1,6.5\n",
                         "bu_code,jaar,lbm,kscore\nBU99990101,2024,4.1,0\n"};
    const char *val[] = {"10", "6.5", "0"};
    for (size_t i = 0; i < 3; i++) {
        char msg[128];
        b = wd_batch_new();
        assert_int_equal(wd_csv_lbm(b, 0, bad[i], strlen(bad[i]), "k.csv", NULL, &err), WD_EPARSE);
        snprintf(msg, sizeof msg, "k.csv:2, kolom kscore: '%s' is geen klasse (1 tot en met 9)",
                 val[i]);
        assert_string_equal(err.msg, msg);
        wd_batch_free(b);
    }
}

static void conformance_wfs_classes(void **state)
{
    (void)state;
    size_t len;
    char *data = wd_test_read_shared("leefbaarometer_wfs_props_example.json", &len);
    if (!data) skip();
    json_error_t je;
    json_t *doc = json_loadb(data, len, 0, &je);
    assert_non_null(doc);
    json_t *grid = json_object_get(doc, "GRID_PROPS");
    /* The classes of the real grid cell, by name. */
    const char *fields[] = {"kscore", "kfys", "konv", "ksoc", "kvrz"};
    const char *names[] = {"uitstekend", "voldoende", "onvoldoende", "zwak", "uitstekend"};
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(
            wd_csv_lbm_class_name((int)json_integer_value(json_object_get(grid, fields[i]))),
            names[i]);
    /* The buurt feature (grid properties with the buurt's own id and class) through the
     * generic JSON reader: real field names, values as served. */
    json_t *buurt = json_deep_copy(grid);
    json_object_update(buurt, json_object_get(doc, "BUURT_PROPS_override"));
    json_t *fc = json_pack("{s:s, s:[{s:s, s:n, s:O}]}", "type", "FeatureCollection", "features",
                           "type", "Feature", "geometry", "properties", buurt);
    char *text = json_dumps(fc, JSON_COMPACT);
    const char mapping[] =
        "{\"tabel\": \"lbm3-wfs\", \"titel\": \"Leefbaarometer WFS buurtscore24\","
        " \"licentie\": \"CC0\", \"regio\": \"id\", \"periode\": \"year\","
        " \"variabelen\": [\"lbm\", \"afw\", \"soc\", \"kscore\", \"ksoc\"]}";
    wd_mapping *m;
    wd_error err;
    assert_int_equal(wd_mapping_parse(&m, mapping, sizeof mapping - 1, "wfs.json", &err), 0);
    wd_batch *b = wd_batch_new();
    assert_int_equal(wd_mapping_json(b, 0, m, 0, text, strlen(text), "wfs", &err), 0);
    const wd_obs *o = find_obs(b, "BU0363AA06", "lbm", "", 2024);
    assert_true(o && o->value == 4.5682);
    o = find_obs(b, "BU0363AA06", "afw", "", 2024);
    assert_true(o && o->value == 0.5226);
    o = find_obs(b, "BU0363AA06", "kscore", "", 2024);
    assert_true(o && o->value == 7);
    assert_string_equal(wd_csv_lbm_class_name((int)o->value), "goed");
    assert_string_equal(find_region(b, "BU0363AA06")->parent, "WK0363AA");
    wd_batch_free(b);
    wd_mapping_free(m);
    free(text);
    json_decref(fc);
    json_decref(buurt);
    json_decref(doc);
    free(data);
}

int main(void)
{
    wd_error err;
    if (wd_http_global_init(&err) || wd_http_new(&http, NULL, &err)) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(zip_as_published),        cmocka_unit_test(zip_errors),
        cmocka_unit_test(member_size_cap),         cmocka_unit_test(classes),
        cmocka_unit_test(conformance_wfs_classes),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    wd_http_free(http);
    wd_http_global_cleanup();
    return rc;
}
