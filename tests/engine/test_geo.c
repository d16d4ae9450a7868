/* Tests of engine/wd_geo: GeoJSON boundaries parsed into rings and bounding boxes, bad
 * geometries refused with the region named, and the boundaries of the loaded regions read
 * from a store (the latest year up to the one shown, else the earliest). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/wd_dataset.h"
#include "engine/wd_geo.h"
#include "engine/wd_indicators.h"
#include "engine/wd_store.h"
#include "wd_test_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void geo_parses_polygons_and_holes(void **state)
{
    (void)state;
    wd_geo *g = wd_geo_new();
    assert_non_null(g);
    wd_error err = {0};
    const char *poly = "{\"type\":\"Polygon\",\"coordinates\":[[[5.1,52.1],[5.2,52.1],[5.2,52.2],"
                       "[5.1,52.2],[5.1,52.1]],[[5.12,52.12],[5.18,52.12],[5.18,52.18],"
                       "[5.12,52.12]]]}";
    /* Not NUL-terminated at the end of the geometry: the length counts. */
    char buf[512];
    snprintf(buf, sizeof buf, "%sGARBAGE", poly);
    assert_int_equal(wd_geo_add(g, "BU00010001", 2024, buf, strlen(poly), &err), 0);
    const char *multi = "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[4.9,52.0],[5.0,52.0],"
                        "[5.0,52.05],[4.9,52.0]]],[[[5.3,52.3],[5.4,52.3],[5.4,52.35],"
                        "[5.3,52.3]]]]}";
    assert_int_equal(wd_geo_add(g, "BU00010002", 2023, multi, strlen(multi), &err), 0);
    assert_int_equal(g->n_shapes, 2);
    assert_int_equal(g->n_rings, 4);
    assert_int_equal(g->n_points, 5 + 4 + 4 + 4);
    assert_int_equal(wd_geo_find(g, "BU00010002"), 1);
    assert_int_equal(wd_geo_find(g, "BU00019999"), -1);
    const wd_geo_shape *s = &g->shapes[1];
    assert_int_equal(s->year, 2023);
    assert_int_equal(s->n_rings, 2);
    assert_true(fabs(s->lon0 - 4.9) < 1e-12 && fabs(s->lon1 - 5.4) < 1e-12);
    assert_true(fabs(s->lat0 - 52.0) < 1e-12 && fabs(s->lat1 - 52.35) < 1e-12);
    assert_int_equal(g->ring_len[g->shapes[0].first_ring + 1], 4);
    /* Members in any order, with white space, one the maps do not use, positions with an
     * altitude: read in place as jansson would read them. */
    const char *any = "{ \"bbox\": [5, 52, 6, 53],\n \"coordinates\": [[[5, 52, 0], [6, 52, 0],"
                      " [6, 53, 1.5e1], [5, 52, 0]]], \"type\" : \"Polygon\" }";
    assert_int_equal(wd_geo_add(g, "BU00010003", 2024, any, strlen(any), &err), 0);
    assert_int_equal(g->n_points, 17 + 4);
    assert_true(g->points[19].lon == 6 && g->points[19].lat == 53);
    wd_geo_free(g);
}

/* Each bad geometry is refused with a message naming the region, and adds nothing. */
static void geo_rejects_bad_geometry(void **state)
{
    (void)state;
    const struct {
        const char *json, *says;
    } bad[] = {
        {"{\"type\":\"Polygon\",\"coordinates\":[[[5.1,52.1],[5.2,52.1]", "regel 1"},
        {"{\"type\":\"Point\",\"coordinates\":[5.1,52.1]}", "niet Point"},
        {"{\"type\":\"Polygon\",\"coordinates\":[[[5.1,52.1],[5.2,52.1],[5.1,52.1]]]}",
         "minstens 4"},
        {"{\"type\":\"Polygon\",\"coordinates\":[[[155000,463000],[156000,463000],"
         "[156000,464000],[155000,463000]]]}",
         "buiten lon/lat"},
        {"{\"type\":\"Polygon\",\"coordinates\":[[[5.1,52.1],[5.2,\"x\"],[5.2,52.2],[5.1,52.1]]]}",
         "positie 1"},
        {"{\"type\":\"MultiPolygon\",\"coordinates\":[]}", "MultiPolygon"},
        {"{\"type\":\"Polygon\",\"coordinates\":[]}", "minstens een ring"},
        /* Bad JSON where the reader reads (a position) and where jansson checks (bbox). */
        {"{\"type\":\"Polygon\",\"coordinates\":[[[5.1,52.1] [5.2,52.1]]]}",
         "regel 1, kolom 46: ',' of ']' verwacht"},
        {"{\"type\":\"Polygon\",\"bbox\":[1,,2],\"coordinates\":[]}", "regel 1, kolom "},
        {"{\"type\":\"Polygon\",\"coordinates\":[[[5,52],[6,52],[6,53],[5,52]]]} x", "regel 1"},
    };
    wd_geo *g = wd_geo_new();
    wd_error err = {0};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(wd_geo_add(g, "BU12345678", 2024, bad[i].json, strlen(bad[i].json), &err),
                         WD_EPARSE);
        if (!strstr(err.msg, bad[i].says) || !strstr(err.msg, "BU12345678"))
            print_error("case %zu: %s\n", i, err.msg);
        assert_non_null(strstr(err.msg, "BU12345678"));
        assert_non_null(strstr(err.msg, bad[i].says));
        assert_int_equal(g->n_shapes, 0);
        assert_int_equal(g->n_points, 0);
        assert_int_equal(g->n_rings, 0);
    }
    wd_geo_free(g);
}

/* A square of side d at (lon, lat) as GeoJSON. */
static void square(char *buf, size_t cap, double lon, double lat, double d)
{
    snprintf(buf, cap,
             "{\"type\": \"Polygon\", \"coordinates\": [[[%g, %g], [%g, %g], [%g, %g], [%g, %g], "
             "[%g, %g]]]}",
             lon, lat, lon + d, lat, lon + d, lat + d, lon, lat + d, lon, lat);
}

static void geo_loads_the_year_shown(void **state)
{
    (void)state;
    char *dir = wd_test_tmpdir(), path[600], json[400];
    snprintf(path, sizeof path, "%s/geo.db", dir);
    wd_error err = {0};
    wd_store *s = NULL;
    assert_int_equal(wd_store_open(&s, path, 1, &err), 0);
    wd_batch *b = wd_batch_new();
    wd_source src = {.table_id = "pdok", .url = "file:///pdok", .retrieved_at = "2026-11-25"};
    assert_int_equal(wd_batch_add_source(b, &src, &err), 0);
    const char *codes[] = {"GM0001", "BU00010001", "BU00020001"};
    for (int i = 0; i < 3; i++) {
        wd_region r = {.level = i ? WD_LEVEL_BUURT : WD_LEVEL_GEMEENTE, .indeling = 2024};
        snprintf(r.code, sizeof r.code, "%s", codes[i]);
        snprintf(r.name, sizeof r.name, "%s", codes[i]);
        snprintf(r.parent, sizeof r.parent, "%s", i == 1 ? "GM0001" : i ? "GM0002" : "NL00");
        assert_int_equal(wd_batch_add_region(b, &r, &err), 0);
        wd_obs o = {.year = 2022, .value = 100 + i, .lo = NAN, .hi = NAN};
        snprintf(o.region, sizeof o.region, "%s", codes[i]);
        snprintf(o.variable, sizeof o.variable, "AantalInwoners");
        assert_int_equal(wd_batch_add_obs(b, &o, &err), 0);
    }
    /* BU00010001 has boundaries of 2020 and 2023, GM0001 only of 2024; BU00020001 is not
     * loaded with GM0001. */
    const struct {
        const char *code;
        int year;
        double lon;
    } g[] = {{"BU00010001", 2020, 5.0},
             {"BU00010001", 2023, 5.5},
             {"GM0001", 2024, 4.0},
             {"BU00020001", 2022, 6.0}};
    for (int i = 0; i < 4; i++) {
        square(json, sizeof json, g[i].lon, 52.0, 0.25);
        assert_int_equal(wd_batch_add_geometry(b, g[i].code, g[i].year, json, strlen(json), &err),
                         0);
    }
    assert_int_equal(wd_store_import(s, b, &err), 0);
    wd_batch_free(b);

    wd_indicator_set *set = NULL;
    wd_dataset *ds = NULL;
    assert_int_equal(wd_indicators_load(&set, NULL, NULL, &err), 0);
    assert_int_equal(wd_dataset_load(&ds, s, "GM0001", set, &err), 0);
    const struct {
        int year;
        int bu_year;
        double bu_lon;
    } want[] = {{2022, 2020, 5.0}, {2023, 2023, 5.5}, {2019, 2020, 5.0}};
    for (int k = 0; k < 3; k++) {
        wd_geo *geo = NULL;
        assert_int_equal(wd_geo_load(&geo, s, ds, want[k].year, &err), 0);
        assert_int_equal(geo->n_shapes, 2);
        assert_int_equal(wd_geo_find(geo, "BU00020001"), -1);
        const wd_geo_shape *bu = &geo->shapes[wd_geo_find(geo, "BU00010001")];
        assert_int_equal(bu->year, want[k].bu_year);
        wd_test_assert_rel(bu->lon0, want[k].bu_lon, 1e-12);
        wd_test_assert_rel(bu->lat1, 52.25, 1e-12);
        /* Only later boundaries: the earliest. */
        assert_int_equal(geo->shapes[wd_geo_find(geo, "GM0001")].year, 2024);
        wd_geo_free(geo);
    }
    wd_dataset_free(ds);
    wd_indicators_free(set);
    wd_store_close(s);
    wd_test_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(geo_parses_polygons_and_holes),
        cmocka_unit_test(geo_rejects_bad_geometry),
        cmocka_unit_test(geo_loads_the_year_shown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
