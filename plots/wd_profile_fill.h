/* From computed results to the data of one printable profile.
 *
 * Selects and labels what a profile shows (key figures beside their references, the age
 * bars, trends, the draagkracht/draaglast components, the RIVM estimates with the bounds the
 * source published, the Leefbaarometer, the parts of a wijk or gemeente, maps, definitions and
 * sources) from wd_results, and a buurt's top wijkopgaven from a wd_ranking. It only picks
 * and labels values the engine computed; the one sum it makes is the centre of the points a
 * trend was fitted on, because wd_trend carries no intercept. It never queries the store. */
#ifndef WD_PROFILE_FILL_H
#define WD_PROFILE_FILL_H

#include "engine/wd_compute.h"
#include "engine/wd_rank.h"
#include "engine/wd_geo.h"
#include "plots/wd_profile.h"

/* Fill *p for region index `region` of res->ds, showing year index `year` (-1: the latest
 * year in which the region has inhabitants). `rk` (may be NULL: no opgaven shown) is a
 * ranking of the same results; a buurt shows its top opgaven from it. `geo` (borrowed, may be
 * NULL: no map) holds the boundaries for the maps and must outlive *p. `demo` sets the
 * demonstration mark; `today` is the Dutch date printed on the profile. */
int wd_profile_fill(wd_profile *p, const wd_results *res, const wd_ranking *rk, const wd_geo *geo,
                    size_t region, int year, int demo, const char *today, wd_error *err);

/* Fill p->similar for the region of *p (a buurt; nothing for another level) from `s` (may be
 * NULL: no block). */
void wd_profile_fill_similar(wd_profile *p, const wd_similar *s);

/* Mark in need[i] (room for set->n, zeroed by the caller) the indicators whose value for
 * Nederland a profile shows: the key figures and, when the balance is measured against
 * Nederland, its components. */
void wd_profile_fill_land_needs(const wd_indicator_set *set, unsigned char *need);

#endif
