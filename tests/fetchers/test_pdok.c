/* Tests of fetchers/wd_pdok.c: PDOK OGC API FeatureCollections over a file:// mirror with
 * three pages linked by rel "next", regions with parents, compact geometries, the geo
 * products' missing values (-99997/-99995), errors; conformance with the real PDOK feature
 * when ../shared/fixtures exists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "fetchers/wd_fetch.h"
#include "fetchers/wd_pdok.h"
#include "wd_test_batch.c"
#include "wd_test_mirror.c"
#include "wd_test_util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static wd_http *http;

static void buurten_three_pages(void **state)
{
    wd_test_mirror *m = *state;
    char url[4600];
    snprintf(
        url, sizeof url,
        "%s/api.pdok.nl/cbs/wijken-en-buurten-2024/ogc/v1/collections/buurten/items?f=json&limit=1",
        m->url);
    wd_batch *b = wd_batch_new();
    wd_error err;
    assert_int_equal(wd_fetch_pdok(http, url, 2024, b, &err), 0);
    assert_int_equal(b->n_sources, 1);
    assert_string_equal(b->sources[0].table_id, "pdok-wijkenbuurten-2024");
    assert_string_equal(b->sources[0].publisher, "PDOK");
    assert_string_equal(b->sources[0].url, url);
    /* Page 2 has the water part of BU99990102 as well (water "JA"): skipped, so that the
     * buurt keeps its land and its inhabitants. */
    assert_int_equal(b->n_geoms, 3);
    assert_string_equal(b->geoms[1].region, "BU99990102");
    assert_null(strstr(b->geoms[1].geojson, "5.21"));
    assert_string_equal(b->geoms[2].region, "BU99990103");
    assert_int_equal(b->geoms[0].year, 2024);
    assert_string_equal(
        b->geoms[0].geojson,
        "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[5.10012,52.09021],[5.10433,52.09021],"
        "[5.10433,52.09288],[5.10012,52.09021]]]]}");
    const wd_region *r = find_region(b, "BU99990102");
    assert_non_null(r);
    assert_string_equal(r->name, "Stationskwartier");
    assert_string_equal(r->parent, "WK999901");
    assert_int_equal(r->level, WD_LEVEL_BUURT);
    r = find_region(b, "GM9999");
    assert_non_null(r);
    assert_string_equal(r->name, "Voorbeeldstad");
    assert_string_equal(r->parent, "NL00");
    const wd_obs *o = find_obs(b, "BU99990102", "aantal_inwoners", "", 2024);
    assert_true(o && o->value == 4970 && o->flags == 0);
    /* The special codes of the geo products: each missing for its own reason. */
    o = find_obs(b, "BU99990103", "aantal_inwoners", "", 2024); /* -99997 */
    assert_true(o && isnan(o->value) && o->flags == (WD_FLAG_SUPPRESSED | WD_FLAG_SECRET));
    assert_string_equal(wd_batch_flag_reason(o->flags), "geheim");
    o = find_obs(b, "BU99990103", "percentage_personen_65_jaar_en_ouder", "", 2024); /* -99991 */
    assert_true(o && isnan(o->value) && o->flags == (WD_FLAG_MISSING | WD_FLAG_DISCONTINUED));
    assert_string_equal(wd_batch_flag_reason(o->flags), "niet meer gepubliceerd");
    o = find_obs(b, "BU99990103", "aantal_huishoudens", "", 2024); /* -99995 */
    assert_true(o && isnan(o->value) && o->flags == (WD_FLAG_MISSING | WD_FLAG_LATER));
    assert_string_equal(wd_batch_flag_reason(o->flags), "volgt in een latere levering");
    o = find_obs(b, "BU99990103", "gemiddelde_woningwaarde", "", 2024); /* older -99999999 */
    assert_true(o && isnan(o->value) && o->flags == WD_FLAG_MISSING);
    assert_string_equal(wd_batch_flag_reason(o->flags), "geen gegevens");
    assert_null(wd_batch_flag_reason(0));
    assert_null(find_obs(b, "BU99990101", "water", "", 2024));

    /* gemeenten collection: -99995 is missing too, to come in a later delivery */
    snprintf(url, sizeof url,
             "%s/api.pdok.nl/cbs/wijken-en-buurten-2024/ogc/v1/collections/gemeenten/items?f=json",
             m->url);
    assert_int_equal(wd_fetch_pdok(http, url, 2024, b, &err), 0);
    o = find_obs(b, "GM9999", "oppervlakte_land_in_ha", "", 2024);
    assert_true(o && isnan(o->value) && o->flags == (WD_FLAG_MISSING | WD_FLAG_LATER));
    /* Geometries and sources are of the boundary year, so are their figures. */
    assert_int_equal(b->sources[b->n_sources - 1].indeling, 2024);
    assert_string_equal(b->geoms[3].region, "GM9999");
    wd_batch_free(b);
}

static void pdok_errors(void **state)
{
    (void)state;
    wd_batch *b = wd_batch_new();
    wd_error err;
    char *next = NULL;
    const char *notfc = "{\"type\":\"Feature\"}";
    assert_int_equal(wd_pdok_parse(b, 0, 2024, notfc, strlen(notfc), "p", &next, &err), WD_EPARSE);
    assert_string_equal(err.msg, "p: geen GeoJSON FeatureCollection (\"features\" ontbreekt)");
    const char *bad =
        "{\"type\":\"FeatureCollection\",\n\"features\":[{\"properties\":{\"buurtcode\":}}]}";
    assert_int_equal(wd_pdok_parse(b, 0, 2024, bad, strlen(bad), "p", &next, &err), WD_EPARSE);
    assert_non_null(strstr(err.msg, "ongeldige JSON in p, regel 2, kolom "));
    /* Read feature by feature, the lines and columns are still the document's. */
    const char *later = "{\"type\":\"FeatureCollection\",\n\"features\":[\n"
                        "{\"properties\":{\"buurtcode\":\"BU99990101\"}},\n"
                        "  {\"properties\":\n{\"buurtcode\":}}]}";
    assert_int_equal(wd_pdok_parse(b, 0, 2024, later, strlen(later), "p", &next, &err), WD_EPARSE);
    assert_non_null(strstr(err.msg, "ongeldige JSON in p, regel 5, kolom 14: "));
    const char *cut = "{\"type\":\"FeatureCollection\",\"features\":[{\"properties\":{}";
    assert_int_equal(wd_pdok_parse(b, 0, 2024, cut, strlen(cut), "p", &next, &err), WD_EPARSE);
    assert_string_equal(err.msg, "ongeldige JSON in p, regel 1, kolom 56: het einde van een object "
                                 "verwacht");
    const char *nocode =
        "{\"type\":\"FeatureCollection\",\"features\":[{\"properties\":{\"naam\":\"x\"}}]}";
    assert_int_equal(wd_pdok_parse(b, 0, 2024, nocode, strlen(nocode), "p", &next, &err),
                     WD_EPARSE);
    assert_string_equal(err.msg, "p: feature 1 heeft geen buurtcode, wijkcode of gemeentecode");
    assert_null(next);
    wd_batch_free(b);
}

/* A geometry the maps could not draw is refused with the document, the feature and the
 * region: a position at 1e308, a ring that is not closed, a ring of 3 positions, a ring whose
 * position is no pair of numbers; a good ring of the same feature passes. */
static void pdok_geometry_checked(void **state)
{
    (void)state;
    static const struct {
        const char *ring, *want;
    } cases[] = {
        {"[[1e308,52.0],[5.1,52.0],[5.1,52.1],[1e308,52.0]]",
         "p: feature 2: geometrie van BU99990102: positie 0 ligt buiten lon/lat (CRS84)"},
        {"[[5.0,-1e308],[5.1,52.0],[5.1,52.1],[5.0,-1e308]]",
         "p: feature 2: geometrie van BU99990102: positie 0 ligt buiten lon/lat (CRS84)"},
        {"[[5.0,52.0],[5.1,52.0],[5.1,52.1],[5.0,52.2]]",
         "p: feature 2: geometrie van BU99990102: ring 2 is niet gesloten (de laatste positie "
         "is niet de eerste)"},
        {"[[5.0,52.0],[5.1,52.0],[5.0,52.0]]",
         "p: feature 2: geometrie van BU99990102: een ring vraagt minstens 4 posities"},
        {"[[5.0,52.0],[5.1,\"x\"],[5.1,52.1],[5.0,52.0]]",
         "p: feature 2: geometrie van BU99990102: positie 1 is geen [lon, lat] van getallen"},
        {"[[5.0,52.0],[5.1,52.0],[5.1,52.1],[5.0,52.0]]", NULL},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char doc[1024];
        snprintf(doc, sizeof doc,
                 "{\"type\":\"FeatureCollection\",\"features\":["
                 "{\"properties\":{\"buurtcode\":\"BU99990101\"},\"geometry\":{\"type\":"
                 "\"Polygon\",\"coordinates\":[[[5,52],[6,52],[6,53],[5,52]]]}},"
                 "{\"properties\":{\"buurtcode\":\"BU99990102\"},\"geometry\":{\"type\":"
                 "\"MultiPolygon\",\"coordinates\":[[[[5,52],[6,52],[6,53],[5,52]]],[%s]]}}]}",
                 cases[k].ring);
        wd_batch *b = wd_batch_new();
        wd_error err;
        int rc = wd_pdok_parse(b, 0, 2024, doc, strlen(doc), "p", NULL, &err);
        if (cases[k].want) {
            assert_int_equal(rc, WD_EPARSE);
            assert_string_equal(err.msg, cases[k].want);
        } else {
            assert_int_equal(rc, 0);
            assert_int_equal(b->n_geoms, 2);
        }
        wd_batch_free(b);
    }
}

static void conformance_pdok(void **state)
{
    (void)state;
    size_t len;
    const char *path = "pdok_ogcapi_buurt_feature_trimmed.geojson";
    char *data = wd_test_read_shared(path, &len);
    if (!data) skip();
    wd_batch *b = wd_batch_new();
    wd_error err;
    char *next = NULL;
    assert_int_equal(wd_pdok_parse(b, 0, 2024, data, len, path, &next, &err), 0);
    assert_null(next);
    const wd_region *r = find_region(b, "BU03620101");
    assert_non_null(r);
    assert_string_equal(r->name, "Randwijck West");
    assert_string_equal(r->parent, "WK036201");
    assert_string_equal(find_region(b, "GM0362")->name, "Amstelveen");
    assert_int_equal(b->n_geoms, 1);
    const char *start = "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[4.861062,52.321795],";
    assert_memory_equal(b->geoms[0].geojson, start, strlen(start));
    wd_batch_free(b);
    free(data);
}

int main(void)
{
    wd_error err;
    if (wd_http_global_init(&err) || wd_http_new(&http, NULL, &err)) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(buurten_three_pages),
        cmocka_unit_test(pdok_errors),
        cmocka_unit_test(pdok_geometry_checked),
        cmocka_unit_test(conformance_pdok),
    };
    int rc = cmocka_run_group_tests(tests, wd_test_mirror_setup, wd_test_mirror_teardown);
    wd_http_free(http);
    wd_http_global_cleanup();
    return rc;
}
