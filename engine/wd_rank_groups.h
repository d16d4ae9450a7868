/* Groups of buurten whose order is not settled: the wijkopgaven shown without ranks.
 *
 * The ranking (engine/wd_rank.h) gives every ranked buurt of a gemeente a 5-95% interval of
 * ranks over the draws with varied weights. Two buurten whose intervals share a rank may swap
 * places under other reasonable weights, so their order is not settled. A group is a set of
 * buurten linked by such overlaps: buurten a and b are in one group when a chain of buurten
 * from a to b exists in which each interval overlaps the next (the connected components of
 * the overlap graph). Between groups the order is settled: every interval of an earlier group
 * ends before every interval of a later group begins. Groups are numbered 0, 1, ... from the
 * most need (rank 1) on. Because of the chaining, a group may hold two buurten whose own
 * intervals do not overlap; the group still says no more than "somewhere in this stretch". */
#ifndef WD_RANK_GROUPS_H
#define WD_RANK_GROUPS_H

#include "engine/wd_error.h"
#include "engine/wd_rank.h"

#include <stddef.h>

/* The groups of `n` rank intervals lo[k] .. hi[k] (inclusive, lo <= hi, 1 = most need): the
 * group number of interval k into group[k]. Returns the number of groups, or WD_EUSAGE for an
 * interval with lo > hi or below 1, WD_ENOMEM when out of memory (group untouched then). */
int wd_rank_groups(const int *lo, const int *hi, size_t n, int *group, wd_error *err);

/* The groups of opgave `o` among the ranked buurten of gemeente region index `gemeente` of
 * the ranking: group[r] for every region index r of the ranking's dataset (room for
 * ds->n_regions), -1 for regions outside the gemeente or not ranked. Returns the number of
 * groups (0 when none of its buurten is ranked) or a negative wd_code. */
int wd_rank_groups_of(const wd_ranking *rk, size_t o, int gemeente, int *group, wd_error *err);

#endif
