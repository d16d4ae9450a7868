/* CBS Open Data v4 parsers (datasets.cbs.nl, wd_fetch.h: wd_fetch_cbs_v4): the Properties of a
 * table, its MeasureCodes and its Observations, one reply in memory at a time, as the OData v3
 * parsers of wd_odata.h read theirs (pointer and length, `origin` in messages, `next` for the
 * owned "@odata.nextLink" of a page). */
#ifndef WD_ODATA4_H
#define WD_ODATA4_H

#include "engine/wd_batch.h"
#include "engine/wd_error.h"
#include "fetchers/wd_odata.h"

#include <stddef.h>

/* A measure of a v4 table: v4 keeps its code stable across years, so the code is the
 * variable and the title is told apart. */
typedef struct {
    char code[WD_VAR_MAX]; /* "T001036" */
    char title[160];       /* "Aantal inwoners" */
    char unit[48];         /* "aantal" */
} wd_measure;

typedef struct {
    wd_measure *items;
    size_t n;
} wd_measures;

void wd_odata4_measures_free(wd_measures *m);
/* borrowed — the measure with this code, or NULL. */
const wd_measure *wd_odata4_measures_find(const wd_measures *m, const char *code);

/* The Properties object of a v4 table: Title, Identifier, and the year of a TemporalCoverage
 * or Period member when there is one (0 otherwise). */
int wd_odata4_properties(wd_tableinfo *out, const char *data, size_t len, const char *origin,
                         wd_error *err);

/* One page of MeasureCodes (Identifier, Title, Unit), appended to *m (start zeroed; free with
 * wd_odata4_measures_free, also after a failure). */
int wd_odata4_measures_page(wd_measures *m, const char *data, size_t len, const char *origin,
                            char **next, wd_error *err);

/* One page of Observations (see wd_fetch_cbs_v4). ctx->year is used for rows without
 * Perioden; ctx->gemeente filters; ctx->props is not used. */
int wd_odata4_observations(wd_batch *b, const wd_rows_ctx *ctx, const char *data, size_t len,
                           const char *origin, char **next, wd_error *err);

#endif
