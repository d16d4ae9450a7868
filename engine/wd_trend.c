/* Implementation of wd_trend.h with GSL (gsl_fit_linear, gsl_cdf_tdist_*). */
#include "engine/wd_trend.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_fit.h>
#include <math.h>

#define WD_TREND_MAX_POINTS 64

int wd_trend_ols(wd_trend *out, const double *x, const double *y, size_t n, wd_error *err)
{
    double xs[WD_TREND_MAX_POINTS], ys[WD_TREND_MAX_POINTS], xmean = 0;
    size_t m = 0;
    for (size_t i = 0; i < n && m < WD_TREND_MAX_POINTS; i++)
        if (isfinite(y[i]) && isfinite(x[i])) {
            xs[m] = x[i];
            ys[m++] = y[i];
            xmean += x[i];
        }
    if (m < 3) return wd_error_set(err, WD_ESTAT, "trend needs at least 3 points, has %zu", m);
    xmean /= (double)m;
    double sxx = 0;
    for (size_t i = 0; i < m; i++) {
        xs[i] -= xmean; /* centring keeps the intercept and slope uncorrelated */
        sxx += xs[i] * xs[i];
    }
    if (sxx == 0) return wd_error_set(err, WD_ESTAT, "trend needs at least two different years");
    double c0, c1, cov00, cov01, cov11, sumsq;
    if (gsl_fit_linear(xs, 1, ys, 1, m, &c0, &c1, &cov00, &cov01, &cov11, &sumsq))
        return wd_error_set(err, WD_ESTAT, "trend fit failed");
    double df = (double)m - 2, se = sqrt(cov11);
    double t = gsl_cdf_tdist_Pinv(0.975, df);
    wd_trend r = {.n = (int)m, .slope = c1, .se = se, .lo = c1 - t * se, .hi = c1 + t * se};
    r.p = se > 0 ? 2 * gsl_cdf_tdist_Q(fabs(c1) / se, df) : (c1 != 0 ? 0 : 1);
    *out = r;
    return 0;
}

int wd_trend_direction(const wd_trend *t)
{
    if (t->lo > 0) return 1;
    if (t->hi < 0) return -1;
    return 0;
}
