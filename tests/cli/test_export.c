/* End-to-end tests of `wijkdata export`, every format read back with the client analysts use
 * (tests/cli/check_export.py: Python's csv for CSV, openpyxl for XLSX, GDAL's ogrinfo and
 * ogr2ogr for GeoJSON and GeoPackage) and compared value by value with `wijkdata indicators`
 * of the same store; then the errors: an unwritable path, a folder as target, an unknown
 * gemeente, a store without boundaries, an empty selection, a year outside the data, an
 * unknown format; each exit 1 (2 for usage) with a Dutch message naming the file, and no file
 * or temporary file left behind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "wd_test_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK_EXPORT WD_TEST_DATA "/../cli/check_export.py"

WD_TEST_CLI_DEMO_GROUP("--geen-profielen")

/* Export with `args` into `file`, then read it back as format `fmt` at `level`. */
static void export_and_check(const char *args, const char *fmt, const char *file, const char *level,
                             const char *gemeente)
{
    char cmd[2048], *out;
    snprintf(cmd, sizeof cmd, "export %s --out %s", args, file);
    int rc = wd_test_cli(dir, cmd, &out);
    if (rc) print_error("wijkdata %s\n%s\n", cmd, out);
    assert_int_equal(rc, 0);
    wd_test_assert_contains(out, file);
    wd_test_assert_contains(out, "geschreven");
    free(out);
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' '%s' '%s' wijkdata.db %s %s %s %s", dir,
             WD_TEST_SYSTEM_PYTHON, CHECK_EXPORT, WD_CLI, fmt, file, level,
             gemeente ? gemeente : "");
    rc = wd_test_run(cmd, &out);
    if (rc) print_error("%s\n%s\n", cmd, out);
    assert_int_equal(rc, 0);
    wd_test_assert_contains(out, "ok: ");
    free(out);
}

static void csv_equals_indicators(void **state)
{
    (void)state;
    export_and_check("--format csv", "csv", "buurten.csv", "buurt", NULL);
    export_and_check("--format csv --level alle", "csv", "alle.csv", "alle", NULL);
    export_and_check("--format csv --level wijk --gemeente GM9999", "csv", "wijken.csv", "wijk",
                     "GM9999");
    /* An older year: every figure from that year or the four before it. */
    export_and_check("--format csv --jaar 2019", "csv", "2019.csv", "buurt", NULL);
}

static void csv_nl_opens_in_dutch_excel(void **state)
{
    (void)state;
    export_and_check("--format csv-nl --level alle", "csv-nl", "excel.csv", "alle", NULL);
    char path[1200];
    snprintf(path, sizeof path, "%s/excel.csv", dir);
    char *text = wd_test_read_file(path, NULL);
    assert_non_null(text);
    /* BOM, semicolons, decimal commas, CRLF; the country's row with the first gemeente. */
    assert_memory_equal(text, "\xEF\xBB\xBFregiocode;regionaam;niveau;", 29);
    wd_test_assert_contains(text, "\r\nNL00;Nederland;Nederland;;;2024;");
    wd_test_assert_contains(text,
                            "\r\nBU99990101;Oude Haven;buurt;WK999901;GM9999;2024;3420;2024;");
    assert_null(strstr(text, "\r\r"));
    free(text);
}

static void xlsx_opens_in_openpyxl(void **state)
{
    (void)state;
    export_and_check("--format xlsx", "xlsx", "werkmap.xlsx", "alle", NULL);
    export_and_check("--format xlsx --level buurt --gemeente GM9999", "xlsx", "buurten.xlsx",
                     "buurt", "GM9999");
}

static void geojson_opens_in_gdal(void **state)
{
    (void)state;
    export_and_check("--format geojson", "geojson", "buurten.geojson", "buurt", NULL);
    char path[1200];
    snprintf(path, sizeof path, "%s/buurten.geojson", dir);
    char *text = wd_test_read_file(path, NULL);
    assert_non_null(text);
    /* RFC 7946: no crs member (CRS84 is the only one), the region's code as feature id. */
    assert_null(strstr(text, "\"crs\""));
    wd_test_assert_contains(text, "{\"type\":\"Feature\",\"id\":\"BU99990101\",\"geometry\":{");
    wd_test_assert_contains(text, "\"regionaam\":\"Oude Haven\"");
    free(text);
}

static void gpkg_opens_in_gdal(void **state)
{
    (void)state;
    export_and_check("--format gpkg", "gpkg", "kaart.gpkg", "alle", NULL);
    export_and_check("--format gpkg --level wijk --gemeente GM9999", "gpkg", "wijken.gpkg", "wijk",
                     "GM9999");
    /* The encoding of the standard, as GDAL reads it from the file header. */
    char cmd[1400], *out;
    snprintf(cmd, sizeof cmd,
             "cd '%s' && ogrinfo -ro -q -sql 'PRAGMA application_id' kaart.gpkg && ogrinfo -ro "
             "-q -sql 'PRAGMA user_version' kaart.gpkg && ogrinfo -ro -q -sql \"SELECT "
             "srs_id FROM gpkg_spatial_ref_sys ORDER BY srs_id\" kaart.gpkg",
             dir);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    wd_test_assert_contains(out, "application_id (Integer) = 1196444487");
    wd_test_assert_contains(out, "user_version (Integer) = 10300");
    const char *srs[] = {") = -1\n", ") = 0\n", ") = 4326\n", ") = 28992\n"};
    for (size_t i = 0; i < 4; i++)
        wd_test_assert_contains(out, srs[i]);
    free(out);
    /* A buurt's boundary lies where the same buurt lies in lon/lat, transformed to RD: its
     * centroid in RD against the CRS84 centroid transformed by PROJ, within a metre. */
    snprintf(cmd, sizeof cmd,
             "cd '%s' && ogrinfo -ro -q -dialect sqlite -sql \"SELECT ST_X(ST_Centroid(geom)) AS "
             "x, ST_Y(ST_Centroid(geom)) AS y FROM buurten WHERE regiocode = 'BU99990101'\" "
             "kaart.gpkg && ogrinfo -ro -q -dialect sqlite -sql \"SELECT "
             "ST_X(ST_Transform(ST_Centroid(geometry), 28992)) AS x, "
             "ST_Y(ST_Transform(ST_Centroid(geometry), 28992)) AS y FROM wijkdata WHERE "
             "regiocode = 'BU99990101'\" buurten.geojson",
             dir);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    double x[2], y[2];
    const char *p = out;
    for (int k = 0; k < 2; k++) {
        p = strstr(p, "x (Real) = ");
        assert_non_null(p);
        x[k] = atof(p + 11);
        p = strstr(p, "y (Real) = ");
        assert_non_null(p);
        y[k] = atof(p + 11);
    }
    free(out);
    assert_true(x[0] > 100000 && y[0] > 400000);
    assert_true(fabs(x[0] - x[1]) < 1.0 && fabs(y[0] - y[1]) < 1.0);
}

/* No file and no temporary file left in the folder `sub` of dir. */
static void nothing_left(const char *sub)
{
    char cmd[1400], *out;
    snprintf(cmd, sizeof cmd, "cd '%s/%s' && ls -A", dir, sub);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    if (out[0]) print_error("left behind in %s: %s\n", sub, out);
    assert_string_equal(out, "");
    free(out);
}

static void fails(const char *args, int want, const char *message)
{
    char *out = wd_test_cli_expect(dir, args, want);
    wd_test_assert_contains(out, message);
    free(out);
}

static void errors_leave_nothing_behind(void **state)
{
    (void)state;
    char cmd[1400];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s/leeg/map'", dir);
    assert_int_equal(wd_test_run(cmd, NULL), 0);
    /* A folder that does not exist, and a folder as the target. */
    fails("export --format gpkg --out geen/map/kaart.gpkg", 1,
          "kan geen/map/kaart.gpkg niet schrijven: bestaat niet (No such file or directory)");
    fails("export --format csv --out geen/map/a.csv", 1, "geen/map/a.csv");
    fails("export --format xlsx --out leeg/map", 1, "kan leeg/map niet vervangen");
    fails("export --format geojson --out leeg/map", 1, "kan leeg/map niet vervangen");
    snprintf(cmd, sizeof cmd, "rmdir '%s/leeg/map'", dir);
    assert_int_equal(wd_test_run(cmd, NULL), 0);
    nothing_left("leeg");
    /* An unknown gemeente: nothing written, not even a header on standard output. */
    char *out;
    assert_int_equal(wd_test_cli(dir, "export --format csv --gemeente GM0000", &out), 1);
    assert_string_equal(out, "wijkdata: onbekende regiocode 'GM0000' in store wijkdata.db (zie "
                             "'wijkdata regions')\n");
    free(out);
    fails("export --format csv --gemeente GM0000 --out leeg/x.csv", 1,
          "onbekende regiocode 'GM0000'");
    fails("export --format csv --jaar 2031 --out leeg/x.csv", 2, "geen gegevens voor jaar 2031");
    fails("export --format shp --out leeg/x.shp", 2, "onbekend formaat 'shp'");
    fails("export --out leeg/x.csv", 2, "kies een formaat met --format");
    nothing_left("leeg");

    /* A store of one gemeente without wijken, buurten or boundaries (an own file). */
    snprintf(cmd, sizeof cmd,
             "cd '%s' && printf 'regio,naam,inwoners\\nGM1234,Testgemeente,1000\\n' > eigen.csv "
             "&& printf '{\"tabel\": \"eigen\", \"titel\": \"Eigen\", \"regio\": \"regio\", "
             "\"naam\": \"naam\", \"jaar\": 2024, \"variabelen\": [{\"kolom\": \"inwoners\", "
             "\"naam\": \"AantalInwoners\"}]}' > eigen.json",
             dir);
    assert_int_equal(wd_test_run(cmd, NULL), 0);
    char *imp;
    assert_int_equal(wd_test_cli(dir,
                                 "import eigen.csv --format csv --mapping eigen.json --store "
                                 "eigen.db",
                                 &imp),
                     0);
    free(imp);
    fails("export --format csv --store eigen.db --out leeg/b.csv", 1,
          "geen enkele regio om te exporteren (niveau buurt)");
    fails("export --format geojson --level gemeente --store eigen.db --out leeg/g.geojson", 1,
          "de store heeft geen grenzen (geometrieën) voor deze regio's");
    fails("export --format gpkg --store eigen.db --out leeg/g.gpkg", 1,
          "wijkdata fetch --sources geo");
    nothing_left("leeg");
    /* The same store exports what it has. */
    assert_int_equal(wd_test_cli(dir,
                                 "export --format csv --level gemeente --store eigen.db --out "
                                 "leeg/gm.csv",
                                 &out),
                     0);
    free(out);
    snprintf(cmd, sizeof cmd, "%s/leeg/gm.csv", dir);
    char *text = wd_test_read_file(cmd, NULL);
    assert_non_null(text);
    wd_test_assert_contains(text, "\r\nGM1234,Testgemeente,gemeente,,GM1234,2024,1000,2024,");
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(csv_equals_indicators),  cmocka_unit_test(csv_nl_opens_in_dutch_excel),
        cmocka_unit_test(xlsx_opens_in_openpyxl), cmocka_unit_test(geojson_opens_in_gdal),
        cmocka_unit_test(gpkg_opens_in_gdal),     cmocka_unit_test(errors_leave_nothing_behind),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
