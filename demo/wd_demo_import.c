/* Implementation of wd_demo_import.h. */
#include "demo/wd_demo_import.h"

#include "demo/wd_demo.h"

#include "fetchers/wd_fetch.h"
#include "fetchers/wd_fileurl.h"
#include "fetchers/wd_plan.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every source, every region, KWB from 2016 (to the edition's last year) and the boundaries of
 * 2024. */
static const wd_plan demo_plan = {.gemeente = NULL,
                                  .first_year = 2016,
                                  .last_year = 2024,
                                  .sources = WD_SOURCE_KWB | WD_SOURCE_RIVM | WD_SOURCE_LBM |
                                             WD_SOURCE_GEO};

/* The plan numbers its own steps; the StatLine export comes after them. Each source goes
 * into the store's open transaction as soon as it is read. */
typedef struct {
    wd_progress_fn fn;
    void *ctx;
    int steps;
    int offset; /* steps of the plans run before this one */
    wd_store *store;
} relay;

static int relay_sink(wd_batch *b, void *ctx, wd_error *err)
{
    return wd_store_add(((const relay *)ctx)->store, b, err);
}

static void relay_step(const char *what, int step, int steps, void *ctx)
{
    (void)steps;
    const relay *r = ctx;
    r->fn(what, r->offset + step, r->steps, r->ctx);
}

/* The base URLs of the mirror under the file:// URL `root`, as `wijkdata fetch` would use. */
static int demo_config(wd_config *cfg, const char *root, wd_error *err)
{
    memset(cfg, 0, sizeof *cfg);
    if (strlen(root) + 64 > sizeof cfg->pdok_url)
        return wd_error_set(err, WD_EUSAGE, "demomap: pad te lang (%zu tekens)", strlen(root));
    snprintf(cfg->cbs_odata_url, sizeof cfg->cbs_odata_url, "%s/opendata.cbs.nl/ODataFeed/odata",
             root);
    snprintf(cfg->cbs_dataderden_url, sizeof cfg->cbs_dataderden_url,
             "%s/dataderden.cbs.nl/ODataFeed/odata", root);
    snprintf(cfg->pdok_url, sizeof cfg->pdok_url,
             "%s/api.pdok.nl/cbs/wijken-en-buurten-{jaar}/ogc/v1", root);
    snprintf(cfg->lbm_url, sizeof cfg->lbm_url, "%s/leefbaarometer", root);
    return 0;
}

/* Every source of the mirror: the plans of `wijkdata fetch` (the second only with the second
 * edition, NULL otherwise), then the StatLine export. */
static int fetch_all(wd_http *h, wd_batch *b, const wd_config *cfg, const char *root,
                     const wd_plan *plan, const wd_plan *geo, relay *r, wd_error *err)
{
    int rc = wd_plan_run(h, cfg, plan, NULL, b, r->fn ? relay_step : NULL, relay_sink, (void *)r,
                         NULL, err);
    r->offset = wd_plan_steps(plan, cfg);
    if (!rc && geo)
        rc = wd_plan_run(h, cfg, geo, NULL, b, r->fn ? relay_step : NULL, relay_sink, (void *)r,
                         NULL, err);
    if (!rc) {
        char url[PATH_MAX * 3 + 64];
        snprintf(url, sizeof url, "%s/statline/nabijheid_2024.csv", root);
        if (r->fn) r->fn("StatLine-export nabijheid 2024", r->steps - 1, r->steps, r->ctx);
        rc = wd_fetch_statline_csv(h, url, 2024, NULL, b, err);
    }
    if (!rc) rc = relay_sink(b, (void *)r, err);
    return rc;
}

int wd_demo_import(wd_store *store, const char *dir, int edition, wd_progress_fn progress,
                   void *ctx, wd_error *err)
{
    /* A fetch takes the boundaries of its last year; the demo has those of 2024 only, so the
     * second edition reads them in a plan of their own. */
    wd_plan plan = demo_plan, geo = demo_plan;
    plan.last_year = WD_DEMO_LAST_YEAR(edition);
    if (edition == 2) {
        plan.sources &= ~(unsigned)WD_SOURCE_GEO;
        geo.first_year = geo.last_year;
        geo.sources = WD_SOURCE_GEO;
    }
    char root[PATH_MAX * 3 + 8];
    if (wd_fileurl_from_path(root, sizeof root, dir, err)) return wd_error_prefix(err, "demomap: ");
    wd_http *h = NULL;
    wd_batch *b = wd_batch_new();
    if (!b) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    wd_config cfg;
    int rc = demo_config(&cfg, root, err);
    /* The plan's steps, the StatLine export, saving. */
    relay r = {progress, ctx,
               rc ? 0
                  : wd_plan_steps(&plan, &cfg) + (edition == 2 ? wd_plan_steps(&geo, &cfg) : 0) + 2,
               0, store};
    if (!rc) rc = wd_http_new(&h, NULL, err);
    if (!rc && !(rc = wd_store_begin(store, err))) {
        rc = fetch_all(h, b, &cfg, root, &plan, edition == 2 ? &geo : NULL, &r, err);
        if (!rc) rc = wd_store_meta_set(store, "demo", "1", err);
        if (!rc && progress) progress("opslaan in de store", r.steps, r.steps, ctx);
        if (rc)
            wd_store_rollback(store);
        else
            rc = wd_store_commit(store, err);
    }
    wd_http_free(h);
    wd_batch_free(b);
    return rc;
}
