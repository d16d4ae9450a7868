/* Implementation of wd_demo_import.h. */
#include "demo/wd_demo_import.h"

#include "demo/wd_demo.h"
#include "fetchers/wd_fetch.h"
#include "fetchers/wd_fileurl.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_FIRST_YEAR 2016
#define DEMO_LAST_YEAR 2024
#define DEMO_GEO_YEAR 2024
#define DEMO_STEPS (DEMO_LAST_YEAR - DEMO_FIRST_YEAR + 1 + 8)

static const char *const pdok_collections[] = {"gemeenten", "wijken", "buurten"};
static const char *const lbm_levels[] = {"buurten", "wijken", "gemeenten"};

static int fetch_all(wd_http *h, wd_batch *b, const char *root, wd_progress_fn progress, void *ctx,
                     wd_error *err)
{
    char base[PATH_MAX * 3 + 64], url[PATH_MAX * 3 + 256], what[96];
    int step = 0, rc = 0;
    snprintf(base, sizeof base, "%s/opendata.cbs.nl/ODataFeed/odata", root);
    for (int year = DEMO_FIRST_YEAR; !rc && year <= DEMO_LAST_YEAR; year++) {
        wd_odata_request req = {.base = base, .table_id = wd_kwb_table_id(year), .gemeente = NULL};
        snprintf(what, sizeof what, "CBS KWB %d (%s)", year, req.table_id);
        if (progress) progress(what, ++step, DEMO_STEPS, ctx);
        rc = wd_fetch_kwb(h, &req, b, err);
    }
    if (!rc) {
        snprintf(base, sizeof base, "%s/dataderden.cbs.nl/ODataFeed/odata", root);
        wd_odata_request req = {.base = base, .table_id = "50120NED", .gemeente = NULL};
        if (progress)
            progress("RIVM Gezondheid per wijk en buurt (50120NED)", ++step, DEMO_STEPS, ctx);
        rc = wd_fetch_rivm(h, &req, b, err);
    }
    for (size_t k = 0; !rc && k < sizeof lbm_levels / sizeof *lbm_levels; k++) {
        /* Spaces in the published file names are percent-encoded in the URL. */
        snprintf(url, sizeof url, "%s/leefbaarometer/Leefbaarometer-scores%%20%s%%202002-2024.csv",
                 root, lbm_levels[k]);
        snprintf(what, sizeof what, "Leefbaarometer 3.0 %s", lbm_levels[k]);
        if (progress) progress(what, ++step, DEMO_STEPS, ctx);
        rc = wd_fetch_lbm_csv(h, url, b, err);
    }
    for (size_t k = 0; !rc && k < sizeof pdok_collections / sizeof *pdok_collections; k++) {
        snprintf(url, sizeof url,
                 "%s/api.pdok.nl/cbs/wijken-en-buurten-%d/ogc/v1/collections/%s/items"
                 "?f=json&limit=1000",
                 root, DEMO_GEO_YEAR, pdok_collections[k]);
        snprintf(what, sizeof what, "PDOK %s %d", pdok_collections[k], DEMO_GEO_YEAR);
        if (progress) progress(what, ++step, DEMO_STEPS, ctx);
        rc = wd_fetch_pdok(h, url, DEMO_GEO_YEAR, b, err);
    }
    if (!rc) {
        snprintf(url, sizeof url, "%s/statline/nabijheid_2024.csv", root);
        if (progress) progress("StatLine-export nabijheid 2024", ++step, DEMO_STEPS, ctx);
        rc = wd_fetch_statline_csv(h, url, 2024, b, err);
    }
    return rc;
}

int wd_demo_import(wd_store *store, const char *dir, wd_progress_fn progress, void *ctx,
                   wd_error *err)
{
    char root[PATH_MAX * 3 + 8];
    if (wd_file_url(root, sizeof root, dir, err)) return wd_error_prefix(err, "demomap: ");
    wd_http *h = NULL;
    wd_batch *b = wd_batch_new();
    if (!b) return wd_error_set(err, WD_ENOMEM, "out of memory");
    int rc = wd_http_new(&h, NULL, err);
    if (!rc) rc = fetch_all(h, b, root, progress, ctx, err);
    if (!rc) {
        if (progress) progress("opslaan in de store", DEMO_STEPS, DEMO_STEPS, ctx);
        rc = wd_store_import(store, b, err);
    }
    if (!rc) rc = wd_store_meta_set(store, "demo", "1", err);
    wd_http_free(h);
    wd_batch_free(b);
    return rc;
}
