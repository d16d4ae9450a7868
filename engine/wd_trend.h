/* Trends on short series: the methods of DOMAIN.md §4 for 3 to 13 points per buurt.
 *
 * - wd_trend_ols: ordinary least squares, 95% interval from the t distribution (n - 2 df);
 * - wd_trend_wls: weighted least squares with known standard errors (RIVM margins);
 * - wd_trend_apc: annual percent change of a rate from a log-linear OLS fit;
 * - wd_trend_theilsen: median of pairwise slopes with the interval that inverts Kendall's test;
 * - wd_trend_mk: Mann-Kendall S, tie-corrected variance and p-value (exact for n <= 10);
 * - wd_trend_classify: the Dutch words a profile prints ("verbetert", "verslechtert", ...).
 *
 * Every fit takes years `x` and values `y` (n of each, at most WD_TREND_MAX_POINTS), uses
 * the points where both are finite (NaN = missing) and leaves *out untouched on failure.
 * Too few points or no spread in the years is WD_ESTAT; an invalid argument (too many
 * points, a negative rate or standard error, a repeated year) is WD_EUSAGE. */
#ifndef WD_TREND_H
#define WD_TREND_H

#include "engine/wd_error.h"

#include <stddef.h>

#define WD_TREND_MAX_POINTS 64 /* longest series accepted */
#define WD_TREND_MIN_POINTS 3  /* shortest series a trend is fitted or tested on */
#define WD_TREND_ALPHA 0.05    /* two-sided significance level of wd_trend_classify */
#define WD_MK_EXACT_MAX 10     /* Mann-Kendall uses the exact null distribution up to here */

typedef struct {
    int n;         /* points used */
    double slope;  /* change per year */
    double se;     /* standard error of the slope */
    double lo, hi; /* 95% confidence interval of the slope */
    double p;      /* two-sided p-value of slope = 0; NAN when every value is the same (t = 0/0:
                      nothing to test) */
} wd_trend;

/* Fit y = a + b x through the points where x and y are finite. Needs at least
 * WD_TREND_MIN_POINTS such points and two different x; interval and p from the t
 * distribution with n - 2 degrees of freedom. */
int wd_trend_ols(wd_trend *out, const double *x, const double *y, size_t n, wd_error *err);

/* Weighted least squares with known standard errors `se` of each y (weights 1/se^2), the
 * points where x, y and se are finite. Because the variances are known, the covariance is
 * not rescaled by the residual scatter and interval and p come from the normal
 * distribution (gsl_fit_wlinear). A standard error <= 0 is WD_EUSAGE. */
int wd_trend_wls(wd_trend *out, const double *x, const double *y, const double *se, size_t n,
                 wd_error *err);

/* Standard error implied by a symmetric 95% interval [lo, hi] as RIVM publishes it:
 * (hi - lo) / (2 z(0.975)) with z(0.975) = 1.959964. WD_EUSAGE unless lo <= hi, finite. */
int wd_trend_se_from_ci95(double *se, double lo, double hi, wd_error *err);

typedef struct {
    wd_trend log;  /* OLS of ln(rate) on year: slope b per year, its interval and p */
    double apc;    /* annual percent change 100 (e^b - 1) */
    double lo, hi; /* 95% interval of the APC: the interval of b transformed the same way */
} wd_apc;

/* Annual percent change of a rate or percentage (NCI Joinpoint's log-linear model without
 * joinpoints). Rates must be > 0: a negative one is WD_EUSAGE, a zero one WD_ESTAT (no log). */
int wd_trend_apc(wd_apc *out, const double *x, const double *rate, size_t n, wd_error *err);

typedef struct {
    int n;            /* points used */
    double slope;     /* median of the pairwise slopes (y_j - y_i) / (x_j - x_i), per year */
    double intercept; /* median of y_i - slope x_i (Conover), in the units of x as given */
    double lo, hi;    /* 95% interval; -HUGE_VAL / HUGE_VAL when the series is too short to
                         exclude any slope (n = 4 and fewer) */
} wd_theilsen;

/* Theil-Sen slope (Sen 1968) with the distribution-free interval of Hollander & Wolfe
 * (Nonparametric Statistical Methods, 1999, §9.4): the slopes b for which the Mann-Kendall
 * test of y - b x does not reject at 5%, i.e. the order statistics of the pairwise slopes
 * at M and N + 1 - M. Its null distribution is the no-ties one of wd_trend_mk (exact up to
 * WD_MK_EXACT_MAX points, normal with continuity correction above). So the interval
 * excludes 0 exactly when wd_trend_mk on the same points, without ties, gives p < 0.05.
 * Years must differ (WD_EUSAGE otherwise). */
int wd_trend_theilsen(wd_theilsen *out, const double *x, const double *y, size_t n, wd_error *err);

typedef struct {
    int n;      /* points used */
    int s;      /* Kendall's S = sum over pairs i < j (in time) of sgn(y_j - y_i) */
    double var; /* variance of S without trend, corrected for tied values of y */
    double z;   /* (S - sgn S) / sqrt(var): normal score with continuity correction; 0 if var 0 */
    double p;   /* two-sided p-value; NAN when every value is the same (var 0: nothing to test) */
    int exact;  /* 1 when p is from the exact distribution of S (n <= WD_MK_EXACT_MAX, no ties) */
} wd_mk;

/* Mann-Kendall trend test (Kendall 1975; Gilbert 1987, ch. 16). For n <= WD_MK_EXACT_MAX
 * without ties p = min(1, 2 P(S >= |s|)) from the exact distribution, as the normal
 * approximation is poor for short series: with n = 4 no series reaches p < 0.05, with
 * n = 5 only a monotone one. Otherwise p = 2 (1 - Phi(|z|)). Years must differ. */
int wd_trend_mk(wd_mk *out, const double *x, const double *y, size_t n, wd_error *err);

/* Exact upper tail P(S >= s) of Kendall's S for n values in random order without ties
 * (1 <= n <= WD_MK_EXACT_MAX), from the number of permutations with a given number of
 * inversions (S = n(n-1)/2 - 2 inversions). */
int wd_trend_mk_exact_upper(double *p, int n, int s, wd_error *err);

/* What a profile says about a trend. */
typedef enum {
    WD_TREND_TOO_FEW,      /* "te weinig punten" */
    WD_TREND_CONSTANT,     /* "niet te toetsen: steeds gelijk": every value the same, no p */
    WD_TREND_UNCLEAR,      /* "geen duidelijke trend": p >= WD_TREND_ALPHA or no change */
    WD_TREND_BETTER,       /* "verbetert": significant, in the indicator's good direction */
    WD_TREND_WORSE,        /* "verslechtert" */
    WD_TREND_RISING,       /* "stijgt": significant, indicator without a good direction */
    WD_TREND_FALLING,      /* "daalt" */
    WD_TREND_MODEL_RISING, /* "modelschatting: niet getoetst, hoger": RIVM SMAP estimates */
    WD_TREND_MODEL_FALLING,
    WD_TREND_MODEL_FLAT
} wd_trend_class;

/* Classify a trend over `n` points with estimated change `change` (a slope, APC or
 * Theil-Sen slope: only its sign is used) and two-sided p-value `p` of the matching test,
 * for an indicator whose `direction` is +1 (higher is better), -1 (higher is worse) or 0.
 * Significant means p < WD_TREND_ALPHA with at least WD_TREND_MIN_POINTS points. No change
 * and a NaN p is a constant series, which the tests return no p for: WD_TREND_CONSTANT. For a
 * model estimate (`model` != 0) year-to-year changes are model output, not measurements
 * (DOMAIN.md §3.3): the class only gives the sign of the change (at least 2 points) and
 * `p` is ignored (pass NAN). WD_EUSAGE for a direction outside -1..1, n < 0, a NaN change,
 * or a p outside [0, 1] (NaN with a change) where it is needed. */
int wd_trend_classify(wd_trend_class *out, int n, double change, double p, int direction, int model,
                      wd_error *err);

/* The Dutch label of a class, e.g. "verbetert"; static, never NULL. */
const char *wd_trend_class_label(wd_trend_class c);

/* What a class says about the series itself, for an arrow: +1 it rises, -1 it falls (both
 * tested), 0 no clear trend or every value the same, 2 not tested (too few points, or a model
 * estimate). `direction`
 * is the indicator's, as given to wd_trend_classify. */
int wd_trend_class_sign(wd_trend_class c, int direction);

#endif
