/* PDOK OGC API Features (CBS wijk- en buurtkaart): one page of GeoJSON in memory -> regions,
 * geometries and observations in a wd_batch (wd_fetch.h: wd_fetch_pdok walks the pages). */
#ifndef WD_PDOK_H
#define WD_PDOK_H

#include "engine/wd_batch.h"
#include "engine/wd_error.h"

#include <stddef.h>

/* A GeoJSON FeatureCollection of buurten, wijken or gemeenten: a region per feature (code,
 * name, parent from wijkcode/gemeentecode or the code), its geometry (compact JSON) for
 * `year`, and an observation per numeric property (missing: a special code of
 * wd_parse_special, or null) for `year` with `source`. Water parts (water "JA") are skipped.
 * *next (may be NULL) receives the owned href of the links[] entry with rel "next", or NULL.
 * Errors name `origin` and the feature. */
int wd_pdok_parse(wd_batch *b, int source, int year, const char *data, size_t len,
                  const char *origin, char **next, wd_error *err);

#endif
