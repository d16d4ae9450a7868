/* Implementation of wd_plan.h: strings the source adapters of wd_fetch.h together. */
#include "fetchers/wd_plan.h"

#include "fetchers/wd_fetch.h"
#include "fetchers/wd_parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The RIVM table whose indeling (2022) matches recent KWB years best (DOMAIN.md 3.3). */
#define RIVM_TABLE "50120NED"

static const char *const source_names[] = {"kwb", "rivm", "lbm", "geo"};
static const char *const lbm_levels[] = {"buurten", "wijken", "gemeenten"};
static const char *const pdok_collections[] = {"gemeenten", "wijken", "buurten"};
#define N_LBM (int)(sizeof lbm_levels / sizeof *lbm_levels)
#define N_PDOK (int)(sizeof pdok_collections / sizeof *pdok_collections)

int wd_plan_sources(const char *list, unsigned *out, wd_error *err)
{
    *out = 0;
    const char *p = list;
    for (;;) {
        size_t n = strcspn(p, ",");
        unsigned bit = 0;
        for (unsigned i = 0; i < sizeof source_names / sizeof *source_names; i++)
            if (strlen(source_names[i]) == n && strncmp(p, source_names[i], n) == 0) bit = 1u << i;
        if (!bit)
            return wd_error_set(err, WD_EUSAGE,
                                "onbekende bron '%.*s' (kies uit kwb, rivm, lbm en geo)",
                                (int)(n > 40 ? 40 : n), p);
        *out |= bit;
        if (!p[n]) return 0;
        p += n + 1;
    }
}

/* lbm_url names either the published open-data zip or a folder with its unpacked CSVs. */
static int lbm_is_zip(const char *url)
{
    size_t n = strlen(url);
    return n > 4 && strcmp(url + n - 4, ".zip") == 0;
}

int wd_plan_steps(const wd_plan *p, const wd_config *c)
{
    int n = 0;
    if (p->sources & WD_SOURCE_KWB) n += p->last_year - p->first_year + 1;
    if (p->sources & WD_SOURCE_RIVM) n += 1;
    if (p->sources & WD_SOURCE_LBM) n += lbm_is_zip(c->lbm_url) ? 1 : N_LBM;
    if (p->sources & WD_SOURCE_GEO) n += N_PDOK;
    return n;
}

/* Drop what was added to `b` since the counts (regions, obs, geoms) for regions outside
 * gemeente `gm`: the Leefbaarometer publishes national files, and a mirror may ignore the
 * gemeente filter of a PDOK query. */
static void keep_gemeente(wd_batch *b, size_t regions, size_t obs, size_t geoms, const char *gm)
{
    size_t k = regions;
    for (size_t i = regions; i < b->n_regions; i++)
        if (wd_code_in_gemeente(b->regions[i].code, gm)) b->regions[k++] = b->regions[i];
    b->n_regions = k;
    k = obs;
    for (size_t i = obs; i < b->n_obs; i++)
        if (wd_code_in_gemeente(b->obs[i].region, gm)) b->obs[k++] = b->obs[i];
    b->n_obs = k;
    k = geoms;
    for (size_t i = geoms; i < b->n_geoms; i++) {
        if (wd_code_in_gemeente(b->geoms[i].region, gm))
            b->geoms[k++] = b->geoms[i];
        else
            free(b->geoms[i].geojson);
    }
    b->n_geoms = k;
}

int wd_plan_run(wd_http *h, const wd_config *c, const wd_plan *p, wd_batch *b, wd_plan_step_fn step,
                wd_plan_sink_fn sink, void *ctx, wd_error *err)
{
    if (p->sources & WD_SOURCE_KWB &&
        (!wd_kwb_table_id(p->first_year) || !wd_kwb_table_id(p->last_year) ||
         p->first_year > p->last_year))
        return wd_error_set(err, WD_EUSAGE, "jaren %d-%d: KWB-tabellen bestaan voor 2013-2025",
                            p->first_year, p->last_year);
    if (p->sources & WD_SOURCE_LBM && !c->lbm_url[0])
        return wd_error_set(err, WD_EUSAGE,
                            "geen adres voor de Leefbaarometer: zet lbm_url in het "
                            "configuratiebestand of WIJKDATA_LBM_URL (de open-data-zip, of een map "
                            "met de uitgepakte CSV-bestanden)");
    char gm[WD_CODE_MAX] = "", what[128], url[WD_CONFIG_VALUE_MAX + 256], gm_query[64] = "";
    int steps = wd_plan_steps(p, c), n = 0, rc = 0;
    if (p->gemeente && (rc = wd_check_gemeente(gm, sizeof gm, p->gemeente, err))) return rc;
    const char *only = gm[0] ? gm : NULL;
#define STEP(...)                                                                                  \
    do {                                                                                           \
        snprintf(what, sizeof what, __VA_ARGS__);                                                  \
        if (step) step(what, ++n, steps, ctx);                                                     \
    } while (0)
#define SINK()                                                                                     \
    do {                                                                                           \
        if (!rc && sink) rc = sink(b, ctx, err);                                                   \
    } while (0)
    for (int y = p->first_year; !rc && p->sources & WD_SOURCE_KWB && y <= p->last_year; y++) {
        wd_odata_request req = {c->cbs_odata_url, wd_kwb_table_id(y), only};
        STEP("CBS KWB %d (%s)", y, req.table_id);
        rc = wd_fetch_kwb(h, &req, b, err);
        SINK();
    }
    if (!rc && p->sources & WD_SOURCE_RIVM) {
        wd_odata_request req = {c->cbs_dataderden_url, RIVM_TABLE, only};
        STEP("RIVM Gezondheid per wijk en buurt (%s)", RIVM_TABLE);
        rc = wd_fetch_rivm(h, &req, b, err);
        SINK();
    }
    if (!rc && p->sources & WD_SOURCE_LBM && lbm_is_zip(c->lbm_url)) {
        size_t r0 = b->n_regions, o0 = b->n_obs, g0 = b->n_geoms;
        STEP("Leefbaarometer 3.0 (zip)");
        rc = wd_fetch_lbm_zip(h, c->lbm_url, b, err);
        if (!rc && gm[0]) keep_gemeente(b, r0, o0, g0, gm);
        SINK();
    }
    for (int k = 0; !rc && p->sources & WD_SOURCE_LBM && !lbm_is_zip(c->lbm_url) && k < N_LBM;
         k++) {
        size_t r0 = b->n_regions, o0 = b->n_obs, g0 = b->n_geoms;
        /* Spaces in the published file names are percent-encoded in the URL. */
        snprintf(url, sizeof url, "%s/Leefbaarometer-scores%%20%s%%202002-2024.csv", c->lbm_url,
                 lbm_levels[k]);
        STEP("Leefbaarometer 3.0 %s", lbm_levels[k]);
        rc = wd_fetch_lbm_csv(h, url, b, err);
        if (!rc && gm[0]) keep_gemeente(b, r0, o0, g0, gm);
        SINK();
    }
    if (gm[0]) snprintf(gm_query, sizeof gm_query, "gemeentecode=%s&", gm);
    for (int k = 0; !rc && p->sources & WD_SOURCE_GEO && k < N_PDOK; k++) {
        size_t r0 = b->n_regions, o0 = b->n_obs, g0 = b->n_geoms;
        char base[WD_CONFIG_VALUE_MAX + 16];
        rc = wd_config_pdok_url(c, p->last_year, base, sizeof base, err);
        if (rc) break;
        snprintf(url, sizeof url, "%s/collections/%s/items?%sf=json&limit=1000", base,
                 pdok_collections[k], gm_query);
        STEP("PDOK %s %d", pdok_collections[k], p->last_year);
        rc = wd_fetch_pdok(h, url, p->last_year, b, err);
        if (!rc && gm[0]) keep_gemeente(b, r0, o0, g0, gm);
        SINK();
    }
#undef STEP
#undef SINK
    return rc;
}
