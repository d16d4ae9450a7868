/* Rates and proportions in small areas (DOMAIN.md §4, "Small areas").
 *
 * A buurt of 300 inhabitants gives a percentage with a wide interval; these functions say
 * how wide (Clopper-Pearson), pull unstable rates towards the overall rate (Empirical
 * Bayes, Marshall 1991), draw funnel-plot limits against a reference proportion
 * (Spiegelhalter 2005) and apply the minimum-population rule, so that no buurt is ranked
 * or highlighted on a tiny denominator.
 *
 * Counts y (numerators) and n (denominators) are doubles because the store holds doubles;
 * a negative count, or a numerator above its denominator where the method is binomial, is
 * WD_EUSAGE; a zero denominator, where a rate is needed, is WD_ESTAT. */
#ifndef WD_RATE_H
#define WD_RATE_H

#include "engine/wd_error.h"

#include <stddef.h>

/* Clopper-Pearson exact interval for the proportion y/n at confidence `level` (e.g. 0.95):
 * lo = B^-1(a/2; y, n-y+1), hi = B^-1(1-a/2; y+1, n-y), a = 1 - level, with lo = 0 when
 * y = 0 and hi = 1 when y = n (beta quantiles solved on gsl_cdf_beta_P/Q). y and n must
 * be whole numbers, 0 <= y <= n and n > 0; n above 1,000,000 is WD_ESTAT, because GSL's
 * beta CDF loses its accuracy beyond about 2 million. */
int wd_rate_clopper_pearson(double *lo, double *hi, double y, double n, double level,
                            wd_error *err);

typedef struct {
    size_t k;  /* areas used: y and n finite and n > 0 */
    double m;  /* overall rate sum(y) / sum(n) */
    double s2; /* weighted variance of the rates sum(n_i (r_i - m)^2) / sum(n) */
    double a;  /* between-area variance max(0, s2 - m / (sum(n) / k)) */
} wd_eb_fit;

/* Empirical Bayes rates by Marshall's (1991) global method-of-moments estimator:
 * shrunk[i] = m + C_i (r_i - m) with r_i = y[i] / n[i] and C_i = A / (A + m / n_i) (0 when
 * A = 0, so all rates equal m). Areas with a missing y or n, or n = 0, are left out and get
 * shrunk[i] = NAN. Marshall's model is Poisson, so y > n is accepted (events per person).
 * Needs at least 2 areas with a rate (WD_ESTAT). `fit` may be NULL. On failure `shrunk`
 * and `fit` are untouched. */
int wd_rate_eb(double *shrunk, wd_eb_fit *fit, const double *y, const double *n, size_t k,
               wd_error *err);

/* The shrunk rate of one area with y events among n under `fit` (as wd_rate_eb gives it for
 * the areas it was fitted on); NAN for a missing y or n, or n = 0. */
double wd_rate_eb_shrink(const wd_eb_fit *fit, double y, double n);

typedef enum {
    WD_FUNNEL_EXACT, /* binomial quantiles with Spiegelhalter's (2005, appendix A.1.1)
                        interpolation, so the funnel is smooth in n */
    WD_FUNNEL_NORMAL /* p0 +- z sqrt(p0 (1 - p0) / n): poor when n p0 is small */
} wd_funnel_method;

/* Funnel-plot control limits for a proportion on denominator n under the reference
 * proportion p0 (0 < p0 < 1) at `level` (0.95 and 0.998 are the usual two). Exact: with
 * r the level-quantile of Binomial(n, p0), i.e. P(R < r) < q <= P(R <= r) for q = (1 -
 * level)/2 and (1 + level)/2, the limit is (r - f)/n, f = (P(R <= r) - q) / P(R = r).
 * Both methods are clipped to [0, 1]. The exact method needs n whole and at most
 * 1,000,000 (WD_ESTAT above, as for Clopper-Pearson). */
int wd_rate_funnel_limits(double *lo, double *hi, double p0, double n, double level,
                          wd_funnel_method method, wd_error *err);

/* Where y/n lies in the funnel around p0: -2 below the 99.8% limit, -1 below the 95%
 * limit, 0 inside, +1 above 95%, +2 above 99.8% (limits as wd_rate_funnel_limits). */
int wd_rate_funnel_position(int *pos, double y, double n, double p0, wd_funnel_method method,
                            wd_error *err);

/* The minimum-population rule: 1 when a rate on denominator n may be shown, compared or
 * ranked (n known, n > 0, n >= min_n), 0 when it must be shown as "te weinig inwoners" or
 * not at all (also for a suppressed, NaN, denominator or a NaN minimum). */
int wd_rate_reportable(double n, double min_n);

#endif
