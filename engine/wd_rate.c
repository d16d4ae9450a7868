/* Implementation of wd_rate.h with GSL's beta and binomial distributions. */
#include "engine/wd_rate.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>

/* Largest denominator of the exact binomial methods. GSL's beta CDF (behind its binomial
 * CDF too) is checked against the normal approximation up to 1.5 million; from 2 million
 * on it goes wrong near p = 0.5 (3 standard deviations off at 2,000,000 of 4,000,000). */
#define WD_RATE_MAX_N 1e6

static int check_level(double level, wd_error *err)
{
    if (!(level > 0 && level < 1))
        return wd_error_set(err, WD_EUSAGE, "betrouwbaarheidsniveau %g ligt niet tussen 0 en 1",
                            level);
    return 0;
}

/* y of n as binomial counts: whole, 0 <= y <= n, n > 0. */
static int check_counts(double y, double n, wd_error *err)
{
    if (!isfinite(y) || !isfinite(n) || y < 0 || n < 0 || y != floor(y) || n != floor(n))
        return wd_error_set(err, WD_EUSAGE,
                            "%g van %g: tellingen moeten gehele getallen zijn, niet negatief", y,
                            n);
    if (y > n) return wd_error_set(err, WD_EUSAGE, "%g van %g: meer dan het geheel", y, n);
    if (n == 0) return wd_error_set(err, WD_ESTAT, "%g van 0: geen aandeel", y);
    return 0;
}

static int check_exact_n(double n, wd_error *err)
{
    if (n > WD_RATE_MAX_N)
        return wd_error_set(err, WD_ESTAT, "noemer %g: de exacte binomiale methoden gaan tot %.0f",
                            n, WD_RATE_MAX_N);
    return 0;
}

/* The x with P(B <= x) = q for B ~ Beta(a, b), by Halley steps on the beta CDF (its first
 * and second derivatives are the density and density x ((a-1)/x - (b-1)/(1-x))), kept inside
 * a bracket that shrinks each step and bisected when a step leaves it. The start is
 * Abramowitz & Stegun 26.5.22 for a, b > 1 (the normal approximation otherwise), so that
 * about four CDF evaluations reach 1e-14. Not gsl_cdf_beta_Pinv: in GSL 2.7 it returns NaN
 * for large a + b (2,500 of 5,000 at 99.8%) and does not return at all for 503,492 of
 * 2,618,268 at 95%. The tail is chosen so that q near 1 keeps its digits. */
static double beta_quantile(double q, double a, double b)
{
    double x, z = gsl_cdf_ugaussian_Qinv(q), lo = 0, hi = 1, lnb = gsl_sf_lnbeta(a, b);
    if (a > 1 && b > 1) {
        double r = (z * z - 3) / 6, s = 1 / (2 * a - 1), t = 1 / (2 * b - 1), h = 2 / (s + t);
        double w = z * sqrt(h + r) / h - (t - s) * (r + 5.0 / 6 - 2 / (3 * h));
        x = a / (a + b * exp(2 * w));
    } else {
        x = a / (a + b) - z * sqrt(a * b / (a + b + 1)) / (a + b);
    }
    if (!(x > 0 && x < 1)) x = a / (a + b);
    for (int i = 0; i < 2000; i++) { /* bisection alone ends within 1,100 steps */
        double f = q < 0.5 ? gsl_cdf_beta_P(x, a, b) - q : (1 - q) - gsl_cdf_beta_Q(x, a, b);
        if (f == 0) return x;
        if (f < 0)
            lo = x;
        else
            hi = x;
        double step = f / exp((a - 1) * log(x) + (b - 1) * log1p(-x) - lnb);
        double halley = 1 - 0.5 * step * ((a - 1) / x - (b - 1) / (1 - x));
        if (halley > 0.5 && halley < 2) step /= halley; /* else Newton's step */
        double next = x - step;
        if (!(next > lo && next < hi)) next = lo + (hi - lo) / 2;
        if (fabs(next - x) <= 1e-14 * next || next <= lo || next >= hi) return next;
        x = next;
    }
    return x;
}

int wd_rate_clopper_pearson(double *lo, double *hi, double y, double n, double level, wd_error *err)
{
    int rc = check_level(level, err);
    if (rc || (rc = check_counts(y, n, err)) || (rc = check_exact_n(n, err))) return rc;
    double a = 1 - level;
    *lo = y == 0 ? 0 : beta_quantile(a / 2, y, n - y + 1);
    *hi = y == n ? 1 : beta_quantile(1 - a / 2, y + 1, n - y);
    return 0;
}

int wd_rate_eb(double *shrunk, wd_eb_fit *fit, const double *y, const double *n, size_t k,
               wd_error *err)
{
    double sy = 0, sn = 0;
    size_t used = 0;
    for (size_t i = 0; i < k; i++) {
        if (y[i] < 0 || n[i] < 0)
            return wd_error_set(err, WD_EUSAGE, "gebied %zu: negatieve telling (%g van %g)", i,
                                y[i], n[i]);
        if (!isfinite(y[i]) || !isfinite(n[i]) || n[i] == 0) continue;
        sy += y[i];
        sn += n[i];
        used++;
    }
    if (used < 2)
        return wd_error_set(err, WD_ESTAT,
                            "Empirical Bayes vraagt minstens 2 gebieden met een aandeel, "
                            "er zijn er %zu",
                            used);
    wd_eb_fit f = {.k = used, .m = sy / sn};
    for (size_t i = 0; i < k; i++)
        if (isfinite(y[i]) && isfinite(n[i]) && n[i] > 0) {
            double d = y[i] / n[i] - f.m;
            f.s2 += n[i] * d * d;
        }
    f.s2 /= sn;
    /* Marshall (1991): the expected within-area (Poisson) part of s2 is m / mean(n); what
     * is left is the between-area variance, truncated at 0. */
    f.a = fmax(0, f.s2 - f.m / (sn / (double)used));
    for (size_t i = 0; i < k; i++)
        shrunk[i] = wd_rate_eb_shrink(&f, y[i], n[i]);
    if (fit) *fit = f;
    return 0;
}

double wd_rate_eb_shrink(const wd_eb_fit *fit, double y, double n)
{
    if (!isfinite(y) || !isfinite(n) || n == 0) return NAN;
    double c = fit->a > 0 ? fit->a / (fit->a + fit->m / n) : 0;
    return fit->m + c * (y / n - fit->m);
}

/* Spiegelhalter's interpolated q-quantile of Binomial(n, p0), as a proportion. The upper
 * tail is computed with Q = P(R > r) so that q near 1 loses no digits. */
static double funnel_exact(double p0, unsigned n, double q)
{
    unsigned lo = 0, hi = n; /* smallest r with P(R <= r) >= q, by bisection */
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        int enough =
            q > 0.5 ? gsl_cdf_binomial_Q(mid, p0, n) <= 1 - q : gsl_cdf_binomial_P(mid, p0, n) >= q;
        if (enough)
            hi = mid;
        else
            lo = mid + 1;
    }
    double excess =
        q > 0.5 ? (1 - q) - gsl_cdf_binomial_Q(lo, p0, n) : gsl_cdf_binomial_P(lo, p0, n) - q;
    return ((double)lo - excess / gsl_ran_binomial_pdf(lo, p0, n)) / n;
}

int wd_rate_funnel_limits(double *lo, double *hi, double p0, double n, double level,
                          wd_funnel_method method, wd_error *err)
{
    int rc = check_level(level, err);
    if (rc) return rc;
    if (!(p0 > 0 && p0 < 1))
        return wd_error_set(err, WD_EUSAGE,
                            "referentieaandeel %g van de trechter ligt niet tussen 0 en 1", p0);
    double l, h;
    if (method == WD_FUNNEL_EXACT) {
        if ((rc = check_counts(0, n, err)) || (rc = check_exact_n(n, err))) return rc;
        l = funnel_exact(p0, (unsigned)n, (1 - level) / 2);
        h = funnel_exact(p0, (unsigned)n, (1 + level) / 2);
    } else if (method == WD_FUNNEL_NORMAL) {
        if (!isfinite(n) || n < 0)
            return wd_error_set(err, WD_EUSAGE, "trechtergrenzen bij noemer %g", n);
        if (n == 0) return wd_error_set(err, WD_ESTAT, "trechtergrenzen bij noemer 0");
        double half = gsl_cdf_ugaussian_Pinv((1 + level) / 2) * sqrt(p0 * (1 - p0) / n);
        l = p0 - half;
        h = p0 + half;
    } else {
        return wd_error_set(err, WD_EUSAGE, "onbekende trechtermethode %d", (int)method);
    }
    *lo = fmax(0, l);
    *hi = fmin(1, h);
    return 0;
}

int wd_rate_funnel_position(int *pos, double y, double n, double p0, wd_funnel_method method,
                            wd_error *err)
{
    double lo95, hi95, lo998, hi998;
    int rc = check_counts(y, n, err);
    if (!rc && method == WD_FUNNEL_EXACT) {
        /* Spiegelhalter's interpolated limit L(q) inverts G, the CDF F made continuous by
         * linear interpolation within each count, and G(y) = F(y) at a whole count y. So y/n
         * lies above L(q) exactly when F(y) > q, i.e. P(R > y) < 1 - q, and below L(q) when
         * F(y) < q: one CDF value instead of four quantile searches. Compared with 0.001 and
         * 0.025, 1 - F(y) is exact enough for the upper tail. */
        if (!(p0 > 0 && p0 < 1))
            return wd_error_set(err, WD_EUSAGE,
                                "referentieaandeel %g van de trechter ligt niet tussen 0 en 1", p0);
        if ((rc = check_exact_n(n, err))) return rc;
        double below = gsl_cdf_binomial_P((unsigned)y, p0, (unsigned)n), above = 1 - below;
        *pos = above < 0.001 ? 2 : above < 0.025 ? 1 : below < 0.001 ? -2 : below < 0.025 ? -1 : 0;
        return 0;
    }
    if (rc || (rc = wd_rate_funnel_limits(&lo95, &hi95, p0, n, 0.95, method, err)) ||
        (rc = wd_rate_funnel_limits(&lo998, &hi998, p0, n, 0.998, method, err)))
        return rc;
    double r = y / n;
    *pos = r > hi998 ? 2 : r > hi95 ? 1 : r < lo998 ? -2 : r < lo95 ? -1 : 0;
    return 0;
}

int wd_rate_reportable(double n, double min_n)
{
    return isfinite(n) && n > 0 && n >= min_n;
}
