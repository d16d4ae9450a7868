/* Trends on short series: ordinary least squares with a t-based 95% confidence interval.
 *
 * Series per buurt have 3 to 13 points, so intervals come from the t distribution with
 * n - 2 degrees of freedom, and the years are centred before fitting. */
#ifndef WD_TREND_H
#define WD_TREND_H

#include "engine/wd_error.h"

#include <stddef.h>

typedef struct {
    int n;         /* points used */
    double slope;  /* change per year */
    double se;     /* standard error of the slope */
    double lo, hi; /* 95% confidence interval of the slope */
    double p;      /* two-sided p-value of slope = 0 */
} wd_trend;

/* Fit y = a + b x through the points where y is finite. Needs at least 3 such points and two
 * different x (WD_ESTAT otherwise); on failure *out is untouched. */
int wd_trend_ols(wd_trend *out, const double *x, const double *y, size_t n, wd_error *err);

/* Direction of a fitted trend: +1 when the whole interval lies above 0, -1 below, else 0. */
int wd_trend_direction(const wd_trend *t);

#endif
