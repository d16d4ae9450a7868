/* From computed results to the data of one printable profile.
 *
 * Selects and labels what a profile shows (key figures beside their references, the age
 * bars, a trend, the draagkracht/draaglast components and the sources) from wd_results. It
 * only picks and formats values the engine computed; it neither queries the store nor
 * computes statistics. */
#ifndef WD_PROFILE_FILL_H
#define WD_PROFILE_FILL_H

#include "engine/wd_compute.h"
#include "plots/wd_profile.h"

/* Fill *p for region index `region` of res->ds, showing year index `year` (-1: the latest
 * year in which the region has inhabitants). `demo` sets the demonstration mark; `today`
 * is the Dutch date printed on the profile. */
int wd_profile_fill(wd_profile *p, const wd_results *res, size_t region, int year, int demo,
                    const char *today, wd_error *err);

#endif
