/* A fetch plan: which sources, which years and which gemeente to read into one batch, so
 * that `wijkdata fetch` (and any other caller) gets every source the same way.
 *
 * First the editions are found (wd_catalog.h): which KWB table holds each year, which RIVM
 * table is the newest. Then the sources, in the order they are read:
 *   kwb   CBS Kerncijfers wijken en buurten, one OData v3 table per year (cbs_odata_url)
 *   rivm  RIVM Gezondheid per wijk en buurt, the newest table (cbs_dataderden_url)
 *   lbm   Leefbaarometer 3.0 scores per buurt, wijk and gemeente (lbm_url: the open-data zip,
 *         or a folder with the CSV files "Leefbaarometer-scores buurten 2002-2024.csv", ...)
 *   geo   PDOK boundaries of gemeenten, wijken and buurten of the last year (pdok_url)
 * With a gemeente, only its regions (and the country) end up in the batch, also from the
 * national Leefbaarometer files. A source that yields nothing for a gemeente it covers is an
 * error; a KWB table of another indeling that does not know the gemeente (formed later, or
 * merged away) is read as absent, and so is said in the report. */
#ifndef WD_PLAN_H
#define WD_PLAN_H

#include "engine/wd_batch.h"
#include "engine/wd_error.h"
#include "fetchers/wd_catalog.h"
#include "fetchers/wd_config.h"
#include "fetchers/wd_fetch.h"
#include "fetchers/wd_http.h"

typedef struct {
    const char *gemeente; /* "GM0344"; NULL: every region */
    int first_year;       /* KWB years first_year..last_year (2013 and later) */
    int last_year;        /* 0: the newest KWB table; also the year of the PDOK boundaries */
    unsigned sources;     /* WD_SOURCE_* bits (wd_fetch.h) */
} wd_plan;

/* What one source (one step of the plan) put into the batch: what the store then holds of it. */
typedef struct {
    char what[96];  /* "CBS KWB 2024 (85984NED)" */
    size_t regions; /* distinct regions with an observation or a geometry from it */
    size_t obs, geoms;
    int absent; /* 1: the table does not know the gemeente (another indeling); nothing read */
} wd_plan_source;

/* What a run read, for its summary. */
typedef struct {
    wd_editions editions;      /* the tables used (and why a built-in list stood in) */
    int first_year, last_year; /* the KWB years asked for */
    wd_plan_source *sources;   /* one per source read, in order */
    size_t n_sources;
    size_t regions;    /* distinct regions over all sources */
    size_t obs, geoms; /* sums over the sources */
    /* internal: the distinct region codes, an open-addressing hash set ("" = empty slot) */
    char (*codes)[WD_CODE_MAX];
    size_t n_codes, cap_codes, cap_sources;
} wd_plan_report;

void wd_plan_report_free(wd_plan_report *r);

/* Called before each step: `what` names the source ("CBS KWB 2018 (84286NED)"). */
typedef void (*wd_plan_step_fn)(const char *what, int step, int steps, void *ctx);
/* Called after each step that succeeded, with what it read, to import it into an open store
 * transaction (wd_plan_run then empties the batch, so that only one source is held in
 * memory); also with parts of a KWB or RIVM table as it is read (wd_odata_request.hand_on),
 * whose later rows still refer to the batch's sources: the sink leaves the batch as it is. */
typedef int (*wd_plan_sink_fn)(wd_batch *b, void *ctx, wd_error *err);

/* Parse a list such as "kwb,rivm,lbm,geo" into WD_SOURCE_* bits, by the names the table of
 * sources gives them (wd_fetch_sources); WD_EUSAGE names an unknown entry and the names known. */
int wd_plan_sources(const char *list, unsigned *out, wd_error *err);

/* The sources a fetch reads when none are named: every source in the table that is fetched,
 * the Leefbaarometer only when `c` gives its lbm_url (it has no default address). */
unsigned wd_plan_default_sources(const wd_config *c);

/* Number of steps wd_plan_run will report for `p`, whose years must be given (last_year not
 * 0): the look-up of the editions, one per KWB year, RIVM, the Leefbaarometer files and the
 * three PDOK collections, as far as `p` asks for them. */
int wd_plan_steps(const wd_plan *p, const wd_config *c);

/* Fetch every source of `p` into `b` through `h`, with the base URLs of `c`, handing `b` to
 * `sink` (may be NULL) after each source. `cache_dir` (may be NULL) lets the editions of the
 * built-in list show when CBS changed them, from an earlier fetch. `report` (may be NULL) is
 * filled as the run goes (free it with wd_plan_report_free, also after a failure). Years
 * without a KWB table are WD_EUSAGE. On failure the batch holds nothing of the failing
 * source, but the sink may have had part of it: the caller rolls its transaction back. */
int wd_plan_run(wd_http *h, const wd_config *c, const wd_plan *p, const char *cache_dir,
                wd_batch *b, wd_plan_step_fn step, wd_plan_sink_fn sink, void *ctx,
                wd_plan_report *report, wd_error *err);

#endif
