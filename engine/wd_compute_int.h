/* Internal to the compute module (engine/wd_compute.c, wd_land.c, wd_results.c): the steps the
 * three files share. Not part of the library's interface. */
#ifndef WD_COMPUTE_INT_H
#define WD_COMPUTE_INT_H

#include "engine/wd_compute.h"

/* Every indicator's value for every region and year of res->ds (into res->value, flags,
 * source, terms), with wijk and gemeente values aggregated from the buurten; `to_land`: the
 * country's values made from the buurten too (wd_land_compute). */
int wd_compute__values(wd_results *res, int to_land, wd_error *err);

/* The counts behind a share-of-counts value of region r, year index y: 0 when both are whole
 * and finite with *cnt <= *den, else WD_ENOTFOUND. */
int wd_compute__counts_of(const wd_results *res, size_t r, int y, const wd_indicator *ind,
                          double *cnt, double *den);

/* Nederland's values made by wd_land_compute into res where the store has none. */
void wd_land__fill(wd_results *res, const wd_land *land);

#endif
