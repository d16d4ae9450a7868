/* Indicators, trends and the draagkracht/draaglast indices for every loaded region.
 *
 * One pass over a wd_dataset: each indicator's formula per region and year (with CBS
 * suppression and the minimum denominator respected; a wijk or gemeente without a published
 * value, and every werkgebied, from its parts by the indicator's aggregation rule: "optellen"
 * sums numerators and denominators over every inhabited part and is missing when one part
 * lacks them, "gewogen" is the mean weighted by inhabitants when parts with a value hold at
 * least half of them, "niet" (model estimates, shares of groups the parts do not count) gives
 * none), an OLS trend per region and indicator
 * over the years since the last boundary change, and the two sub-indices with their
 * balance. Results stay in memory for rendering and export. */
#ifndef WD_COMPUTE_H
#define WD_COMPUTE_H

#include "engine/wd_dataset.h"
#include "engine/wd_indicators.h"
#include "engine/wd_results.h"
#include "engine/wd_store.h"

/* Values for Nederland made from the buurten of the whole store, for the indicators with a
 * term the store has no NL00 series of (the Leefbaarometer publishes no national score, an
 * own file of buurten neither), each by its own aggregation rule and flagged
 * berekend_uit_buurten. Only for years in which the store's buurten hold at least 99% of the
 * inhabitants the store gives for NL00: from part of the country they would not be Dutch
 * figures. `need` (may be NULL: every indicator) marks the indicators whose national value
 * is wanted, so that nothing else is loaded. Empty when nothing qualifies. new — free with
 * wd_compute_land_free(). */
typedef struct wd_land wd_land;
int wd_compute_land(wd_land **out, wd_store *store, const wd_indicator_set *set,
                    const unsigned char *need, wd_error *err);
void wd_compute_land_free(wd_land *land);

/* The values of `set` for `ds` only (formulas and aggregates; no trends, indices, small areas:
 * those arrays stay NULL), for a pass over many regions that needs no more (buurten like
 * each other, wd_similar). `set` need not be the set whose balance it carries. new — free with
 * wd_results_free(); borrows ds and set. */
int wd_compute_values(wd_results **out, const wd_dataset *ds, const wd_indicator_set *set,
                      wd_error *err);

/* Compute everything for `ds`, with Nederland's missing values from `land` (made for the same
 * set; may be NULL). new — free with wd_results_free(); borrows ds and set, which must
 * outlive the results. */
int wd_compute(wd_results **out, const wd_dataset *ds, const wd_indicator_set *set,
               const wd_land *land, wd_error *err);

#endif
