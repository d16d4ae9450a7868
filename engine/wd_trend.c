/* Implementation of wd_trend.h: least squares with GSL (gsl_fit_linear, gsl_fit_wlinear,
 * gsl_cdf_*); Theil-Sen and Mann-Kendall, which GSL lacks, written here. */
#include "engine/wd_trend.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_sort.h>
#include <pthread.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdint.h>

#define WD_TREND_MAX_PAIRS (WD_TREND_MAX_POINTS * (WD_TREND_MAX_POINTS - 1) / 2)

/* The points where x, y (and se, when given) are finite, copied to xs/ys/ws (ws = 1/se^2). */
static int collect(size_t *m, double *xs, double *ys, double *ws, const double *x, const double *y,
                   const double *se, size_t n, wd_error *err)
{
    if (n > WD_TREND_MAX_POINTS)
        return wd_error_set(err, WD_EUSAGE, "trend van %zu punten: hoogstens %d", n,
                            WD_TREND_MAX_POINTS);
    *m = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(x[i]) || !isfinite(y[i]) || (se && !isfinite(se[i]))) continue;
        if (se) {
            if (se[i] <= 0)
                return wd_error_set(err, WD_EUSAGE,
                                    "standaardfout %g van punt %zu is niet positief", se[i], i);
            ws[*m] = 1 / (se[i] * se[i]);
        }
        xs[*m] = x[i];
        ys[(*m)++] = y[i];
    }
    if (*m < WD_TREND_MIN_POINTS)
        return wd_error_set(err, WD_ESTAT, "een trend vraagt minstens %d punten, er zijn er %zu",
                            WD_TREND_MIN_POINTS, *m);
    return 0;
}

/* Subtract the mean of xs (centring keeps intercept and slope uncorrelated and the normal
 * equations well conditioned with years near 2020); returns the sum of squares left. */
static double centre(double *xs, size_t m)
{
    double mean = 0, sxx = 0;
    for (size_t i = 0; i < m; i++)
        mean += xs[i];
    mean /= (double)m;
    for (size_t i = 0; i < m; i++) {
        xs[i] -= mean;
        sxx += xs[i] * xs[i];
    }
    return sxx;
}

/* t(0.975, df) for the df of series up to WD_TREND_MAX_POINTS points, computed once: the
 * quantile costs more than the whole fit of a short series. */
static double t975_table[WD_TREND_MAX_POINTS];
static pthread_once_t t975_once = PTHREAD_ONCE_INIT;

static void t975_tabulate(void)
{
    for (int df = 1; df < WD_TREND_MAX_POINTS; df++)
        t975_table[df] = gsl_cdf_tdist_Pinv(0.975, df);
}

static double t975(size_t df)
{
    pthread_once(&t975_once, t975_tabulate);
    return t975_table[df];
}

/* Ascending sort of a short array: the series here have up to a dozen points (66 pairs), where
 * insertion beats GSL's heapsort several times over; longer ones go to gsl_sort. */
static void sort_short(double *a, size_t n)
{
    if (n > 80) {
        gsl_sort(a, 1, n);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        double v = a[i];
        size_t j = i;
        for (; j > 0 && a[j - 1] > v; j--)
            a[j] = a[j - 1];
        a[j] = v;
    }
}

static int ols_points(wd_trend *out, double *xs, const double *ys, size_t m, wd_error *err)
{
    if (centre(xs, m) == 0)
        return wd_error_set(err, WD_ESTAT, "een trend vraagt minstens twee verschillende jaren");
    double c0, c1, cov00, cov01, cov11, sumsq;
    if (gsl_fit_linear(xs, 1, ys, 1, m, &c0, &c1, &cov00, &cov01, &cov11, &sumsq))
        return wd_error_set(err, WD_ESTAT, "trend kan niet worden berekend");
    double df = (double)m - 2, se = sqrt(cov11);
    double t = t975(m - 2);
    wd_trend r = {.n = (int)m, .slope = c1, .se = se, .lo = c1 - t * se, .hi = c1 + t * se};
    /* No scatter: a straight line is certain (p 0); a constant series leaves t = 0/0 and
     * nothing to test. */
    r.p = se > 0 ? 2 * gsl_cdf_tdist_Q(fabs(c1) / se, df) : (c1 != 0 ? 0 : NAN);
    *out = r;
    return 0;
}

int wd_trend_ols(wd_trend *out, const double *x, const double *y, size_t n, wd_error *err)
{
    double xs[WD_TREND_MAX_POINTS], ys[WD_TREND_MAX_POINTS];
    size_t m = 0;
    int rc = collect(&m, xs, ys, NULL, x, y, NULL, n, err);
    return rc ? rc : ols_points(out, xs, ys, m, err);
}

int wd_trend_wls(wd_trend *out, const double *x, const double *y, const double *se, size_t n,
                 wd_error *err)
{
    double xs[WD_TREND_MAX_POINTS], ys[WD_TREND_MAX_POINTS], ws[WD_TREND_MAX_POINTS];
    size_t m = 0;
    int rc = collect(&m, xs, ys, ws, x, y, se, n, err);
    if (rc) return rc;
    if (centre(xs, m) == 0)
        return wd_error_set(err, WD_ESTAT, "een trend vraagt minstens twee verschillende jaren");
    double c0, c1, cov00, cov01, cov11, chisq;
    if (gsl_fit_wlinear(xs, 1, ws, 1, ys, 1, m, &c0, &c1, &cov00, &cov01, &cov11, &chisq))
        return wd_error_set(err, WD_ESTAT, "gewogen trend kan niet worden berekend");
    double se1 = sqrt(cov11), z = gsl_cdf_ugaussian_Pinv(0.975);
    wd_trend r = {.n = (int)m, .slope = c1, .se = se1, .lo = c1 - z * se1, .hi = c1 + z * se1};
    r.p = 2 * gsl_cdf_ugaussian_Q(fabs(c1) / se1);
    *out = r;
    return 0;
}

int wd_trend_se_from_ci95(double *se, double lo, double hi, wd_error *err)
{
    if (!isfinite(lo) || !isfinite(hi) || hi < lo)
        return wd_error_set(err, WD_EUSAGE, "95%%-interval [%g, %g] is geen interval", lo, hi);
    *se = (hi - lo) / (2 * gsl_cdf_ugaussian_Pinv(0.975));
    return 0;
}

int wd_trend_apc(wd_apc *out, const double *x, const double *rate, size_t n, wd_error *err)
{
    double xs[WD_TREND_MAX_POINTS], ys[WD_TREND_MAX_POINTS];
    size_t m = 0;
    int rc = collect(&m, xs, ys, NULL, x, rate, NULL, n, err);
    if (rc) return rc;
    for (size_t i = 0; i < m; i++) {
        if (ys[i] < 0)
            return wd_error_set(err, WD_EUSAGE,
                                "jaarlijkse procentuele verandering van een negatief aandeel (%g)",
                                ys[i]);
        if (ys[i] == 0)
            return wd_error_set(err, WD_ESTAT,
                                "de jaarlijkse procentuele verandering vraagt aandelen boven 0 "
                                "(log-lineair model)");
        ys[i] = log(ys[i]);
    }
    wd_apc r;
    if ((rc = ols_points(&r.log, xs, ys, m, err))) return rc;
    r.apc = 100 * expm1(r.log.slope);
    r.lo = 100 * expm1(r.log.lo);
    r.hi = 100 * expm1(r.log.hi);
    *out = r;
    return 0;
}

/* As collect, and the years must differ: Mann-Kendall orders the points in time. */
static int collect_series(size_t *m, double *xs, double *ys, const double *x, const double *y,
                          size_t n, wd_error *err)
{
    int rc = collect(m, xs, ys, NULL, x, y, NULL, n, err);
    if (rc) return rc;
    for (size_t i = 0; i < *m; i++)
        for (size_t j = i + 1; j < *m; j++)
            if (xs[i] == xs[j])
                return wd_error_set(err, WD_EUSAGE, "jaar %g komt twee keer voor in een reeks",
                                    xs[i]);
    return 0;
}

static int sgn(double v)
{
    return (v > 0) - (v < 0);
}

/* Number of permutations of n items with k inversions (k = 0..n(n-1)/2), by the recursion
 * I(n, k) = sum_{i=0}^{min(k, n-1)} I(n-1, k-i): item n adds 0..n-1 inversions. */
static void inversion_counts(uint64_t *count, int n)
{
    int max = 0;
    count[0] = 1;
    for (int j = 2; j <= n; j++) {
        max += j - 1;
        for (int k = max; k >= 0; k--) { /* in place, from the top: count[k - i] still old */
            uint64_t sum = 0;
            for (int i = 0; i < j && i <= k; i++)
                if (k - i <= max - (j - 1)) sum += count[k - i];
            count[k] = sum;
        }
    }
}

#define MK_PAIRS_MAX (WD_MK_EXACT_MAX * (WD_MK_EXACT_MAX - 1) / 2)

/* mk_below[n][k] = P(inversions <= k) for n points: a national run asks for it hundreds of
 * thousands of times (trend tests and Theil-Sen intervals), so it is tabulated once. */
static double mk_below[WD_MK_EXACT_MAX + 1][MK_PAIRS_MAX + 1];
static pthread_once_t mk_once = PTHREAD_ONCE_INIT;

static void mk_tabulate(void)
{
    for (int n = 1; n <= WD_MK_EXACT_MAX; n++) {
        uint64_t count[MK_PAIRS_MAX + 1], total = 0, below = 0;
        int pairs = n * (n - 1) / 2;
        inversion_counts(count, n);
        for (int k = 0; k <= pairs; k++)
            total += count[k];
        for (int k = 0; k <= pairs; k++) {
            below += count[k];
            mk_below[n][k] = (double)below / (double)total;
        }
    }
}

int wd_trend_mk_exact_upper(double *p, int n, int s, wd_error *err)
{
    if (n < 1 || n > WD_MK_EXACT_MAX)
        return wd_error_set(err, WD_EUSAGE, "exacte Mann-Kendall-verdeling voor n = %d: 1..%d", n,
                            WD_MK_EXACT_MAX);
    int pairs = n * (n - 1) / 2;
    if (s > pairs) {
        *p = 0;
        return 0;
    }
    pthread_once(&mk_once, mk_tabulate);
    /* S >= s  <=>  inversions <= (pairs - s) / 2, rounded down */
    *p = mk_below[n][s <= -pairs ? pairs : (pairs - s) / 2];
    return 0;
}

/* Two-sided p-value of S for n points with variance var: exact when asked, else normal with
 * continuity correction; also the normal score. */
static double mk_p(int n, int s, double var, int exact, double *z)
{
    *z = var > 0 ? (s - sgn(s)) / sqrt(var) : 0;
    if (exact) {
        double upper = 1;
        wd_trend_mk_exact_upper(&upper, n, abs(s), NULL); /* n <= WD_MK_EXACT_MAX: cannot fail */
        return fmin(1, 2 * upper);
    }
    /* var 0: every value tied, so no order to test. */
    return var > 0 ? 2 * gsl_cdf_ugaussian_Q(fabs(*z)) : NAN;
}

static double mk_var_no_ties(size_t m)
{
    double n = (double)m;
    return n * (n - 1) * (2 * n + 5) / 18;
}

int wd_trend_mk(wd_mk *out, const double *x, const double *y, size_t n, wd_error *err)
{
    double xs[WD_TREND_MAX_POINTS], ys[WD_TREND_MAX_POINTS];
    size_t m;
    int rc = collect_series(&m, xs, ys, x, y, n, err);
    if (rc) return rc;
    int s = 0;
    for (size_t i = 0; i < m; i++)
        for (size_t j = i + 1; j < m; j++)
            s += sgn(xs[j] - xs[i]) * sgn(ys[j] - ys[i]);
    /* Tie correction (Kendall 1975): subtract t(t-1)(2t+5)/18 per group of t equal values. */
    sort_short(ys, m);
    double ties = 0;
    for (size_t i = 0; i < m;) {
        size_t t = 1;
        while (i + t < m && ys[i + t] == ys[i])
            t++;
        ties += (double)t * (double)(t - 1) * (double)(2 * t + 5) / 18;
        i += t;
    }
    wd_mk r = {.n = (int)m, .s = s, .var = mk_var_no_ties(m) - ties};
    r.exact = m <= WD_MK_EXACT_MAX && ties == 0;
    r.p = mk_p((int)m, s, r.var, r.exact, &r.z);
    *out = r;
    return 0;
}

int wd_trend_theilsen(wd_theilsen *out, const double *x, const double *y, size_t n, wd_error *err)
{
    double xs[WD_TREND_MAX_POINTS], ys[WD_TREND_MAX_POINTS], q[WD_TREND_MAX_PAIRS];
    size_t m, pairs = 0;
    int rc = collect_series(&m, xs, ys, x, y, n, err);
    if (rc) return rc;
    for (size_t i = 0; i < m; i++)
        for (size_t j = i + 1; j < m; j++)
            q[pairs++] = (ys[j] - ys[i]) / (xs[j] - xs[i]);
    sort_short(q, pairs);
    wd_theilsen r = {.n = (int)m, .slope = gsl_stats_median_from_sorted_data(q, 1, pairs)};
    double resid[WD_TREND_MAX_POINTS];
    for (size_t i = 0; i < m; i++)
        resid[i] = ys[i] - r.slope * xs[i];
    sort_short(resid, m);
    r.intercept = gsl_stats_median_from_sorted_data(resid, 1, m);
    /* For b between the j-th and (j+1)-th smallest slope, S of y - b x is N - 2j. The
     * interval is the range of j the test accepts; by symmetry it runs from the smallest
     * accepted j (jmin) to N - jmin. */
    int exact = m <= WD_MK_EXACT_MAX;
    double var = mk_var_no_ties(m), z;
    size_t jmin = 0;
    while (jmin < pairs / 2 &&
           mk_p((int)m, (int)(pairs - 2 * jmin), var, exact, &z) < WD_TREND_ALPHA)
        jmin++;
    r.lo = jmin == 0 ? -HUGE_VAL : q[jmin - 1];
    r.hi = jmin == 0 ? HUGE_VAL : q[pairs - jmin];
    *out = r;
    return 0;
}

int wd_trend_classify(wd_trend_class *out, int n, double change, double p, int direction, int model,
                      wd_error *err)
{
    if (n < 0 || direction < -1 || direction > 1)
        return wd_error_set(err, WD_EUSAGE, "trendklasse: n = %d, richting = %d", n, direction);
    if (n < (model ? 2 : WD_TREND_MIN_POINTS)) {
        *out = WD_TREND_TOO_FEW;
        return 0;
    }
    if (isnan(change)) return wd_error_set(err, WD_EUSAGE, "trendklasse: verandering is NaN");
    int up = sgn(change);
    if (model) {
        *out = up > 0   ? WD_TREND_MODEL_RISING
               : up < 0 ? WD_TREND_MODEL_FALLING
                        : WD_TREND_MODEL_FLAT;
        return 0;
    }
    if (isnan(p) && up == 0) {
        *out = WD_TREND_CONSTANT;
        return 0;
    }
    if (!(p >= 0 && p <= 1))
        return wd_error_set(err, WD_EUSAGE, "trendklasse: p-waarde %g buiten [0, 1]", p);
    if (p >= WD_TREND_ALPHA || up == 0)
        *out = WD_TREND_UNCLEAR;
    else if (direction == 0)
        *out = up > 0 ? WD_TREND_RISING : WD_TREND_FALLING;
    else
        *out = up * direction > 0 ? WD_TREND_BETTER : WD_TREND_WORSE;
    return 0;
}

const char *wd_trend_class_label(wd_trend_class c)
{
    switch (c) {
    case WD_TREND_TOO_FEW:
        return "te weinig punten";
    case WD_TREND_CONSTANT:
        return "niet te toetsen: steeds gelijk";
    case WD_TREND_UNCLEAR:
        return "geen duidelijke trend";
    case WD_TREND_BETTER:
        return "verbetert";
    case WD_TREND_WORSE:
        return "verslechtert";
    case WD_TREND_RISING:
        return "stijgt";
    case WD_TREND_FALLING:
        return "daalt";
    case WD_TREND_MODEL_RISING:
        return "modelschatting: niet getoetst, hoger";
    case WD_TREND_MODEL_FALLING:
        return "modelschatting: niet getoetst, lager";
    case WD_TREND_MODEL_FLAT:
        return "modelschatting: niet getoetst, gelijk";
    }
    return "onbekend";
}

int wd_trend_class_sign(wd_trend_class c, int direction)
{
    switch (c) {
    case WD_TREND_RISING:
        return 1;
    case WD_TREND_FALLING:
        return -1;
    case WD_TREND_BETTER:
        return direction < 0 ? -1 : 1;
    case WD_TREND_WORSE:
        return direction < 0 ? 1 : -1;
    case WD_TREND_UNCLEAR:
    case WD_TREND_CONSTANT:
        return 0;
    default:
        return 2;
    }
}
