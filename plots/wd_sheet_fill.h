/* From a profile's data and its session to the data of the dialogue sheets (plots/wd_sheet.h),
 * and the plain Dutch words they are written in.
 *
 * The sheets show what the profile shows, in fewer and simpler words: the key figures come
 * from the filled wd_profile (values, references, sources, the balance), the opgaven and
 * their groups from the session's ranking (engine/wd_rank_groups.h), the figures behind an
 * opgave and the open questions from the session's results. The word functions below are
 * plain functions of their arguments, each rule tested on its own. */
#ifndef WD_SHEET_FILL_H
#define WD_SHEET_FILL_H

#include "engine/wd_session.h"
#include "plots/wd_profile.h"
#include "plots/wd_sheet.h"

#include <stddef.h>

/* Fill *out for region index `r` of session `s` (opened with wd_render_open), whose profile
 * `p` was filled by wd_render_fill for the same region and year. Returns 0, or WD_EUSAGE for a
 * region index outside the data. */
int wd_sheet_fill(wd_sheet *out, const wd_profile *p, const wd_session *s, size_t r, wd_error *err);

/* Write sheet `kind` on `paper` of region index `r` of a session opened with wd_render_open at
 * `path` (a PDF, whole or not at all), showing calendar year `year` (0: as the profile), dated
 * today: the profile's data (wd_render_fill), then the sheet's (wd_sheet_fill), then
 * wd_sheet_render. */
int wd_sheet_render_region(const wd_session *s, size_t r, int year, wd_sheet_kind kind,
                           wd_sheet_paper paper, const char *path, wd_error *err);

/* A share in percent as "a op de b": 1 op de N for shares up to a third (N = 100 / share,
 * rounded to a whole number; above 20 to a multiple of 5, above 50 of 10), above that the
 * nearest of the fractions with 2, 3, 4, 5 or 10 below the line (the smaller one on a tie):
 * "2 op de 3", "7 op de 10". "bijna iedereen" from 97.5%, "minder dan 1 op de 100" under 1%,
 * "niemand" at 0. Returns 0, WD_EUSAGE for NAN or a share outside 0-100, WD_ENOMEM when it did
 * not fit in cap bytes. */
int wd_sheet_share_words(char *buf, size_t cap, double pct);

/* How `value` compares with `ref` (both positive), as the words before "in de gemeente":
 * "ongeveer even hoog als" (within 5% of each other), "iets hoger dan" / "iets lager dan"
 * (within 15%), "hoger dan" / "lager dan" (within a factor 1.5), "veel hoger dan" / "veel
 * lager dan"; measured as the logarithm of their ratio, so that twice and half are equally far.
 * Returns the words, or NULL when either is not positive and finite. */
const char *wd_sheet_compare_words(double value, double ref);

/* Question rule 1, where the region differs most from the gemeente: the index of the largest
 * |z| among the n z-scores (NAN skipped), or -1 when none is finite. */
int wd_sheet_most_different(const double *z, int n);

/* Question rule 2, whether a series of yearly values turned: with the change over the
 * earlier years (x[n-2] - x[0]) and the last change (x[n-1] - x[n-2]) of opposite sign, each
 * at least 1% of |x[n-2]|: +1 when it fell and then rose, -1 when it rose and then fell, 0
 * otherwise (also for fewer than three values or a NAN among them). *size gets the last
 * change relative to |x[n-2]| when it turned (for choosing the clearest turn). */
int wd_sheet_turn(const double *x, int n, double *size);

/* Question rule 3, whether the figures of an opgave disagree: among n need-signed z-scores
 * (positive: more need than the gemeente), the largest at least +0.5 and the smallest at most
 * -0.5. Returns 1 with their indices in *up and *down, else 0. */
int wd_sheet_disagree(const double *need, int n, int *up, int *down);

#endif
