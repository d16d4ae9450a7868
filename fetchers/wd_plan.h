/* A fetch plan: which sources, which years and which gemeente to read into one batch, so
 * that `wijkdata fetch` (and any other caller) gets every source the same way.
 *
 * Sources, in the order they are read:
 *   kwb   CBS Kerncijfers wijken en buurten, one OData v3 table per year (cbs_odata_url)
 *   rivm  RIVM Gezondheid per wijk en buurt 50120NED (cbs_dataderden_url)
 *   lbm   Leefbaarometer 3.0 scores per buurt, wijk and gemeente (lbm_url: a folder with the
 *         CSV files "Leefbaarometer-scores buurten 2002-2024.csv", ... )
 *   geo   PDOK boundaries of gemeenten, wijken and buurten of the last year (pdok_url)
 * With a gemeente, only its regions (and the country) end up in the batch, also from the
 * national Leefbaarometer files. */
#ifndef WD_PLAN_H
#define WD_PLAN_H

#include "engine/wd_batch.h"
#include "engine/wd_error.h"
#include "fetchers/wd_config.h"
#include "fetchers/wd_http.h"

enum { WD_SOURCE_KWB = 1, WD_SOURCE_RIVM = 2, WD_SOURCE_LBM = 4, WD_SOURCE_GEO = 8 };

typedef struct {
    const char *gemeente; /* "GM0344"; NULL: every region */
    int first_year;       /* KWB years first_year..last_year (2013..2025) */
    int last_year;        /* also the year of the PDOK boundaries */
    unsigned sources;     /* WD_SOURCE_* bits */
} wd_plan;

/* Called before each step: `what` names the source ("CBS KWB 2018 (84286NED)"). */
typedef void (*wd_plan_step_fn)(const char *what, int step, int steps, void *ctx);
/* Called after each step that succeeded, with what it read (to import it into an open store
 * transaction and clear the batch, so that only one source is held in memory). */
typedef int (*wd_plan_sink_fn)(wd_batch *b, void *ctx, wd_error *err);

/* Parse a list such as "kwb,rivm,lbm,geo" into WD_SOURCE_* bits; WD_EUSAGE names an unknown
 * entry. */
int wd_plan_sources(const char *list, unsigned *out, wd_error *err);

/* Number of steps wd_plan_run will report for `p`. */
int wd_plan_steps(const wd_plan *p, const wd_config *c);

/* Fetch every source of `p` into `b` through `h`, with the base URLs of `c`, handing `b` to
 * `sink` (may be NULL) after each source. On failure the batch is as it was before the
 * failing source; the caller imports nothing then. */
int wd_plan_run(wd_http *h, const wd_config *c, const wd_plan *p, wd_batch *b, wd_plan_step_fn step,
                wd_plan_sink_fn sink, void *ctx, wd_error *err);

#endif
