/* Tests of engine/wd_trend: OLS, WLS, annual percent change, Theil-Sen, Mann-Kendall and the
 * trend classes, against values computed independently of GSL by
 * tests/data/engine/stats_reference.py (output in stats_reference.txt; see README.md). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "wd_test_util.h"

#include "engine/wd_trend.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <string.h>

static void t_quantile_known_values(void **state)
{
    (void)state;
    /* Published t-table values; for df = 2 the closed form is 0.95 * sqrt(2 / (1 - 0.95^2)). */
    wd_test_assert_rel(gsl_cdf_tdist_Pinv(0.975, 2), 0.95 * sqrt(2 / (1 - 0.95 * 0.95)), 1e-9);
    wd_test_assert_rel(gsl_cdf_tdist_Pinv(0.975, 2), 4.302653, 1e-6);
    wd_test_assert_rel(gsl_cdf_tdist_Pinv(0.975, 8), 2.306004, 1e-6);
    /* Closed-form t CDF (Abramowitz & Stegun 26.7.3/4) inverted by bisection in Python. */
    wd_test_assert_rel(gsl_cdf_tdist_Pinv(0.975, 3), 3.1824463052837064, 1e-9);
    wd_test_assert_rel(gsl_cdf_tdist_Pinv(0.975, 6), 2.446911851144966, 1e-9);
    wd_test_assert_rel(gsl_cdf_tdist_Pinv(0.975, 10), 2.228138851986274, 1e-9);
}

static void ols_nine_years(void **state)
{
    (void)state;
    double x[9], y[9] = {12.385, 12.871, 13.402, 13.288, 14.117, 14.563, 14.498, 15.231, 15.902};
    for (int i = 0; i < 9; i++)
        x[i] = 2016 + i;
    wd_trend t;
    assert_int_equal(wd_trend_ols(&t, x, y, 9, NULL), 0);
    assert_int_equal(t.n, 9);
    /* Reference: closed-form OLS in Python (tests/data/engine/README.md). */
    wd_test_assert_rel(t.slope, 0.4102499999999999, 1e-9);
    wd_test_assert_rel(t.se, 0.029007325520674157, 1e-9);
    wd_test_assert_rel(t.lo, 0.34165857459996746, 1e-9);
    wd_test_assert_rel(t.hi, 0.47884142540003233, 1e-9);
    wd_test_assert_rel(t.p, 2.0965105513859328e-06,
                       1e-8); /* Python's 1 - P(|T| <= t) loses ~5 digits */
    assert_true(t.lo > 0);    /* the whole interval above 0 */
}

static void ols_four_points_closed_form_p(void **state)
{
    (void)state;
    /* With df = 2 the two-sided p-value is 1 - t / sqrt(2 + t^2). */
    double x[4] = {2012, 2016, 2020, 2022}, y[4] = {31.7, 30.2, 30.9, 28.4};
    wd_trend t;
    assert_int_equal(wd_trend_ols(&t, x, y, 4, NULL), 0);
    double tstat = fabs(t.slope / t.se);
    wd_test_assert_rel(t.p, 1 - tstat / sqrt(2 + tstat * tstat), 1e-9);
    wd_test_assert_rel(t.hi - t.slope, 4.302652729749464 * t.se, 1e-9);
    assert_true(t.lo <= 0 && t.hi >= 0);
}

static void missing_points_are_skipped(void **state)
{
    (void)state;
    double x[5] = {2016, 2017, 2018, 2019, 2020}, y[5] = {1.5, NAN, 2.5, NAN, 3.5};
    wd_trend t;
    assert_int_equal(wd_trend_ols(&t, x, y, 5, NULL), 0);
    assert_int_equal(t.n, 3);
    wd_test_assert_rel(t.slope, 0.5, 1e-12);
    assert_true(t.se < 1e-12); /* a perfect fit: no scatter, slope certainly non-zero */
    assert_true(t.p == 0);
}

static void too_few_points_and_equal_years(void **state)
{
    (void)state;
    wd_error err = {0};
    wd_trend t = {.n = 77};
    double x[3] = {2020, 2021, 2022}, y[3] = {NAN, 4.2, 4.4};
    assert_int_equal(wd_trend_ols(&t, x, y, 3, &err), WD_ESTAT);
    assert_int_equal(t.n, 77); /* untouched on failure */
    assert_non_null(strstr(err.msg, "minstens 3 punten"));
    double same[3] = {2020, 2020, 2020}, v[3] = {1.1, 1.2, 1.3};
    assert_int_equal(wd_trend_ols(&t, same, v, 3, &err), WD_ESTAT);
    double allnan[3] = {NAN, NAN, NAN};
    assert_int_equal(wd_trend_ols(&t, x, allnan, 3, &err), WD_ESTAT);
    assert_int_equal(wd_trend_ols(&t, x, y, 2, &err), WD_ESTAT);         /* one point */
    assert_int_equal(wd_trend_ols(&t, x + 1, y + 1, 2, &err), WD_ESTAT); /* two points */
    assert_non_null(strstr(err.msg, "er zijn er 2"));
}

static void equal_values_flat(void **state)
{
    (void)state;
    double x[4] = {2016, 2018, 2020, 2022}, y[4] = {7.25, 7.25, 7.25, 7.25};
    wd_trend t;
    assert_int_equal(wd_trend_ols(&t, x, y, 4, NULL), 0);
    assert_true(fabs(t.slope) < 1e-12);
    assert_true(t.lo <= 0 && t.hi >= 0);
    /* t = 0/0: nothing was tested, so there is no p (not p = 1). */
    assert_true(isnan(t.p));
    /* A straight line without scatter is as significant as can be. */
    double line[4] = {1, 3, 5, 7};
    assert_int_equal(wd_trend_ols(&t, x, line, 4, NULL), 0);
    assert_true(t.p == 0);
}

/* RIVM-style figures: 95% bounds instead of standard errors. */
static const double rivm_x[4] = {2012, 2016, 2020, 2022}, rivm_y[4] = {31.7, 30.2, 30.9, 28.4};
static const double rivm_lo[4] = {28.9, 27.6, 28.1, 25.3}, rivm_hi[4] = {34.6, 32.9, 33.8, 31.6};

static void wls_known_standard_errors(void **state)
{
    (void)state;
    double se[4];
    const double want_se[4] = {1.454108352235265, 1.3520656608503325, 1.454108352235263,
                               1.6071723893126606};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(wd_trend_se_from_ci95(&se[i], rivm_lo[i], rivm_hi[i], NULL), 0);
        wd_test_assert_rel(se[i], want_se[i], 1e-12);
    }
    wd_trend t;
    assert_int_equal(wd_trend_wls(&t, rivm_x, rivm_y, se, 4, NULL), 0);
    assert_int_equal(t.n, 4);
    wd_test_assert_rel(t.slope, -0.233542482689188, 1e-9);
    wd_test_assert_rel(t.se, 0.19536113647101266, 1e-9);
    wd_test_assert_rel(t.lo, -0.6164432741511872, 1e-9);
    wd_test_assert_rel(t.hi, 0.14935830877281117, 1e-9);
    wd_test_assert_rel(t.p, 0.231915233893086, 1e-9);
    /* A missing standard error drops the point, like a missing value. */
    double x5[5] = {2012, 2014, 2016, 2020, 2022}, y5[5] = {31.7, 99, 30.2, 30.9, 28.4};
    double se5[5] = {se[0], NAN, se[1], se[2], se[3]};
    wd_trend t5;
    assert_int_equal(wd_trend_wls(&t5, x5, y5, se5, 5, NULL), 0);
    assert_int_equal(t5.n, 4);
    wd_test_assert_rel(t5.slope, t.slope, 1e-12);
}

static void wls_errors(void **state)
{
    (void)state;
    wd_error err = {0};
    wd_trend t = {.n = 77};
    double se[4] = {1.45, 0, 1.45, 1.61}, x[4] = {2020, 2020, 2020, 2020};
    assert_int_equal(wd_trend_wls(&t, rivm_x, rivm_y, se, 4, &err), WD_EUSAGE);
    assert_non_null(strstr(err.msg, "punt 1"));
    se[1] = -1.3;
    assert_int_equal(wd_trend_wls(&t, rivm_x, rivm_y, se, 4, &err), WD_EUSAGE);
    se[1] = 1.35;
    assert_int_equal(wd_trend_wls(&t, x, rivm_y, se, 4, &err), WD_ESTAT);
    assert_int_equal(t.n, 77);
    double s = 5;
    assert_int_equal(wd_trend_se_from_ci95(&s, 3.2, 3.1, &err), WD_EUSAGE);
    assert_int_equal(wd_trend_se_from_ci95(&s, NAN, 3.1, &err), WD_EUSAGE);
    assert_true(s == 5);
    assert_int_equal(wd_trend_se_from_ci95(&s, 3.1, 3.1, &err), 0);
    assert_true(s == 0);
}

static void apc_log_linear(void **state)
{
    (void)state;
    double x[8], r[8] = {4.87, 5.12, 5.31, 5.29, 5.68, 5.94, 6.02, 6.37};
    for (int i = 0; i < 8; i++)
        x[i] = 2016 + i;
    wd_apc a;
    assert_int_equal(wd_trend_apc(&a, x, r, 8, NULL), 0);
    assert_int_equal(a.log.n, 8);
    wd_test_assert_rel(a.log.slope, 0.03686532988093514, 1e-9);
    wd_test_assert_rel(a.log.se, 0.002441923121625879, 1e-9);
    wd_test_assert_rel(a.log.p, 5.325418086621347e-06, 1e-7); /* reference loses digits, as above */
    wd_test_assert_rel(a.apc, 3.75532840048872, 1e-9);
    wd_test_assert_rel(a.lo, 3.137221097256731, 1e-9);
    wd_test_assert_rel(a.hi, 4.377140056370936, 1e-9);
}

static void apc_errors(void **state)
{
    (void)state;
    wd_error err = {0};
    wd_apc a = {.apc = 77};
    double x[3] = {2020, 2021, 2022}, neg[3] = {4.1, -0.2, 4.4}, zero[3] = {4.1, 0, 4.4};
    assert_int_equal(wd_trend_apc(&a, x, neg, 3, &err), WD_EUSAGE);
    assert_non_null(strstr(err.msg, "negatie"));
    assert_int_equal(wd_trend_apc(&a, x, zero, 3, &err), WD_ESTAT);
    assert_true(a.apc == 77);
}

/* P(S >= s) for n = 4..10, all s of the right parity: enumeration of all n! orderings. */
static const struct {
    int n, s;
    double num, den;
} mk_upper[] = {
    {4, 6, 1, 24},
    {4, 4, 1, 6},
    {4, 2, 3, 8},
    {4, 0, 5, 8},
    {5, 10, 1, 120},
    {5, 8, 1, 24},
    {5, 6, 7, 60},
    {5, 4, 29, 120},
    {5, 2, 49, 120},
    {5, 0, 71, 120},
    {6, 15, 1, 720},
    {6, 13, 1, 120},
    {6, 11, 1, 36},
    {6, 9, 49, 720},
    {6, 7, 49, 360},
    {6, 5, 169, 720},
    {6, 3, 259, 720},
    {6, 1, 1, 2},
    {7, 21, 1, 5040},
    {7, 19, 1, 720},
    {7, 17, 3, 560},
    {7, 15, 19, 1260},
    {7, 13, 29, 840},
    {7, 11, 49, 720},
    {7, 9, 43, 360},
    {7, 7, 961, 5040},
    {7, 5, 59, 210},
    {7, 3, 649, 1680},
    {7, 1, 1, 2},
    {8, 28, 1, 40320},
    {8, 26, 1, 5040},
    {8, 24, 1, 1152},
    {8, 22, 37, 13440},
    {8, 20, 19, 2688},
    {8, 18, 157, 10080},
    {8, 16, 41, 1344},
    {8, 14, 313, 5760},
    {8, 12, 601, 6720},
    {8, 10, 2773, 20160},
    {8, 8, 8039, 40320},
    {8, 6, 691, 2520},
    {8, 4, 7253, 20160},
    {8, 2, 1303, 2880},
    {8, 0, 1577, 2880},
    {9, 36, 1, 362880},
    {9, 34, 1, 40320},
    {9, 32, 11, 90720},
    {9, 30, 31, 72576},
    {9, 28, 11, 9072},
    {9, 26, 89, 30240},
    {9, 24, 383, 60480},
    {9, 22, 4489, 362880},
    {9, 20, 1619, 72576},
    {9, 18, 341, 9072},
    {9, 16, 21671, 362880},
    {9, 14, 8173, 90720},
    {9, 12, 47087, 362880},
    {9, 10, 2323, 12960},
    {9, 8, 43247, 181440},
    {9, 6, 2057, 6720},
    {9, 4, 138151, 362880},
    {9, 2, 83413, 181440},
    {9, 0, 98027, 181440},
    {10, 45, 1, 3628800},
    {10, 43, 1, 362880},
    {10, 41, 1, 67200},
    {10, 39, 209, 3628800},
    {10, 37, 649, 3628800},
    {10, 35, 1717, 3628800},
    {10, 33, 803, 725760},
    {10, 31, 1063, 453600},
    {10, 29, 5533, 1209600},
    {10, 27, 30239, 3628800},
    {10, 25, 17303, 1209600},
    {10, 23, 5287, 226800},
    {10, 21, 3761, 103680},
    {10, 19, 5459, 100800},
    {10, 17, 141289, 1814400},
    {10, 15, 14021, 129600},
    {10, 13, 176147, 1209600},
    {10, 11, 345389, 1814400},
    {10, 9, 878737, 3628800},
    {10, 7, 544913, 1814400},
    {10, 5, 1319957, 3628800},
    {10, 3, 57913, 134400},
    {10, 1, 1, 2},
};

static void mk_exact_distribution(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof mk_upper / sizeof mk_upper[0]; i++) {
        double p;
        assert_int_equal(wd_trend_mk_exact_upper(&p, mk_upper[i].n, mk_upper[i].s, NULL), 0);
        wd_test_assert_rel(p, mk_upper[i].num / mk_upper[i].den, 1e-12);
        /* S has the parity of n(n-1)/2: one less reaches the same values */
        double q;
        assert_int_equal(wd_trend_mk_exact_upper(&q, mk_upper[i].n, mk_upper[i].s - 1, NULL), 0);
        if (mk_upper[i].s > 0) wd_test_assert_rel(q, p, 1e-15);
    }
    /* Published (Kendall 1975, Gilbert 1987 table A18): monotone n = 4: 1/24 = 0.042; n = 5:
     * 1/120 = 0.0083; so n = 4 can never reach a two-sided p below 0.05. */
    double p;
    assert_int_equal(wd_trend_mk_exact_upper(&p, 4, 6, NULL), 0);
    wd_test_assert_rel(p, 0.0417, 1e-3);
    assert_true(2 * p > 0.05);
    assert_int_equal(wd_trend_mk_exact_upper(&p, 5, 10, NULL), 0);
    wd_test_assert_rel(p, 0.0083, 1e-2);
    assert_int_equal(wd_trend_mk_exact_upper(&p, 6, 16, NULL), 0);
    assert_true(p == 0);
    assert_int_equal(wd_trend_mk_exact_upper(&p, 6, -15, NULL), 0);
    assert_true(p == 1);
    assert_int_equal(wd_trend_mk_exact_upper(&p, 6, -40, NULL), 0);
    assert_true(p == 1);
    wd_error err = {0};
    assert_int_equal(wd_trend_mk_exact_upper(&p, 11, 3, &err), WD_EUSAGE);
    assert_int_equal(wd_trend_mk_exact_upper(&p, 0, 0, &err), WD_EUSAGE);
}

typedef struct {
    const char *name;
    int n;
    double x[WD_TREND_MAX_POINTS], y[WD_TREND_MAX_POINTS];
    int s, exact;
    double var, z, p;                /* Mann-Kendall */
    double slope, intercept, lo, hi; /* Theil-Sen */
} series_ref;

static const series_ref series[] = {
    {"biennial, 7 points",
     7,
     {2012, 2014, 2016, 2018, 2020, 2022, 2024},
     {6.85, 7.12, 6.97, 7.48, 7.31, 7.86, 8.05},
     17,
     1,
     44.333333333333336,
     2.4030056367444423,
     0.010714285714285714,
     0.095,
     -184.23,
     0.03166666666666667,
     0.14833333333333334},
    {"12 points with ties",
     12,
     {2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024},
     {21.4, 20.9, 21.7, 20.3, 20.3, 19.8, 20.6, 19.1, 18.7, 19.1, 18.2, 17.9},
     -52,
     0,
     210.66666666666666,
     -3.5137613731358837,
     0.0004418095152338255,
     -0.31547619047619047,
     656.427380952381,
     -0.4,
     -0.26666666666666666},
    {"monotone, 5 points",
     5,
     {2016, 2017, 2018, 2019, 2020},
     {3.15, 3.42, 3.87, 4.01, 4.56},
     10,
     1,
     16.666666666666668,
     2.2045407685048604,
     0.016666666666666666,
     0.34875,
     -699.93,
     0.14,
     0.55},
    {"10 points",
     10,
     {2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024},
     {40.2, 41.8, 41.1, 43.5, 42.9, 44.7, 44.1, 46.3, 45.8, 47.2},
     37,
     1,
     125.0,
     3.219937887599697,
     0.0003576940035273369,
     0.725,
     -1420.4375,
     0.5714285714285714,
     0.9},
};

static void mk_and_theilsen_series(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof series / sizeof series[0]; i++) {
        const series_ref *r = &series[i];
        print_message("%s\n", r->name);
        wd_mk mk;
        assert_int_equal(wd_trend_mk(&mk, r->x, r->y, (size_t)r->n, NULL), 0);
        assert_int_equal(mk.n, r->n);
        assert_int_equal(mk.s, r->s);
        assert_int_equal(mk.exact, r->exact);
        wd_test_assert_rel(mk.var, r->var, 1e-12);
        wd_test_assert_rel(mk.z, r->z, 1e-12);
        wd_test_assert_rel(mk.p, r->p, 1e-9);
        wd_theilsen ts;
        assert_int_equal(wd_trend_theilsen(&ts, r->x, r->y, (size_t)r->n, NULL), 0);
        assert_int_equal(ts.n, r->n);
        wd_test_assert_rel(ts.slope, r->slope, 1e-9);
        wd_test_assert_rel(ts.intercept, r->intercept, 1e-9);
        wd_test_assert_rel(ts.lo, r->lo, 1e-9);
        wd_test_assert_rel(ts.hi, r->hi, 1e-9);
        /* the interval inverts the test: it excludes 0 exactly when p < 0.05 */
        assert_int_equal(ts.lo > 0 || ts.hi < 0, mk.p < 0.05);
    }
}

static void mk_and_theilsen_64_points(void **state)
{
    (void)state;
    double x[WD_TREND_MAX_POINTS + 1], y[WD_TREND_MAX_POINTS + 1];
    for (int i = 0; i <= WD_TREND_MAX_POINTS; i++) {
        x[i] = 1961 + i;
        y[i] = (37 * i % 64) + i / 4.0; /* exact in binary, as in stats_reference.py */
    }
    wd_mk mk;
    assert_int_equal(wd_trend_mk(&mk, x, y, 64, NULL), 0);
    assert_int_equal(mk.s, 356);
    wd_test_assert_rel(mk.var, 29792.0, 1e-12);
    wd_test_assert_rel(mk.z, 2.0567358750507396, 1e-12);
    wd_test_assert_rel(mk.p, 0.039711639306250726, 1e-9);
    wd_theilsen ts;
    assert_int_equal(wd_trend_theilsen(&ts, x, y, 64, NULL), 0);
    wd_test_assert_rel(ts.slope, 0.3269230769230769, 1e-12);
    wd_test_assert_rel(ts.intercept, -611.5576923076923, 1e-12);
    wd_test_assert_rel(ts.lo, 0.040697674418604654, 1e-12);
    wd_test_assert_rel(ts.hi, 0.6785714285714286, 1e-12);
    wd_trend t;
    assert_int_equal(wd_trend_ols(&t, x, y, 64, NULL), 0);
    assert_int_equal(t.n, 64);
    wd_error err = {0};
    assert_int_equal(wd_trend_mk(&mk, x, y, 65, &err), WD_EUSAGE);
    assert_non_null(strstr(err.msg, "hoogstens 64"));
    assert_int_equal(wd_trend_theilsen(&ts, x, y, 65, &err), WD_EUSAGE);
    assert_int_equal(wd_trend_ols(&t, x, y, 65, &err), WD_EUSAGE);
}

static void short_series_cannot_be_significant(void **state)
{
    (void)state;
    /* n = 4, perfectly monotone: exact p = 2/24, so the Theil-Sen interval is unbounded,
     * while OLS on the same points is certain (no scatter). */
    double x[4] = {2016, 2018, 2020, 2022}, y[4] = {12.5, 13.25, 14.75, 15.5};
    wd_mk mk;
    assert_int_equal(wd_trend_mk(&mk, x, y, 4, NULL), 0);
    assert_int_equal(mk.s, 6);
    wd_test_assert_rel(mk.p, 2.0 / 24, 1e-12);
    wd_theilsen ts;
    assert_int_equal(wd_trend_theilsen(&ts, x, y, 4, NULL), 0);
    wd_test_assert_rel(ts.slope, 0.53125, 1e-12); /* slopes .375 .375 .5 .5625 .5625 .75 */
    assert_true(isinf(ts.lo) && ts.lo < 0 && isinf(ts.hi) && ts.hi > 0);
}

static void equal_values_and_ties(void **state)
{
    (void)state;
    double x[5] = {2016, 2017, 2018, 2019, 2020}, y[5] = {7.25, 7.25, 7.25, 7.25, 7.25};
    wd_mk mk;
    assert_int_equal(wd_trend_mk(&mk, x, y, 5, NULL), 0);
    assert_int_equal(mk.s, 0);
    assert_true(mk.var == 0 && mk.z == 0 && isnan(mk.p)); /* all tied: nothing to test */
    assert_int_equal(mk.exact, 0);
    wd_theilsen ts;
    assert_int_equal(wd_trend_theilsen(&ts, x, y, 5, NULL), 0);
    assert_true(ts.slope == 0 && ts.intercept == 7.25 && ts.lo == 0 && ts.hi == 0);
    /* One tie among 5: var = (5*4*15 - 2*1*9) / 18, normal approximation. */
    double yt[5] = {3.5, 3.75, 3.5, 4.25, 4.5};
    assert_int_equal(wd_trend_mk(&mk, x, yt, 5, NULL), 0);
    assert_int_equal(mk.s, 7);
    wd_test_assert_rel(mk.var, (300.0 - 18) / 18, 1e-12);
    assert_int_equal(mk.exact, 0);
    wd_test_assert_rel(mk.p, erfc(6 / sqrt((300.0 - 18) / 18) / sqrt(2)), 1e-12);
}

static void series_errors(void **state)
{
    (void)state;
    wd_error err = {0};
    wd_mk mk = {.n = 77};
    wd_theilsen ts = {.n = 77};
    double x[4] = {2016, 2018, 2018, 2022}, y[4] = {1.5, 2.5, 2.75, 3.5};
    assert_int_equal(wd_trend_mk(&mk, x, y, 4, &err), WD_EUSAGE);
    assert_non_null(strstr(err.msg, "2018 komt twee keer voor"));
    assert_int_equal(wd_trend_theilsen(&ts, x, y, 4, &err), WD_EUSAGE);
    double nan3[3] = {NAN, NAN, NAN};
    assert_int_equal(wd_trend_mk(&mk, x, nan3, 3, &err), WD_ESTAT);
    assert_int_equal(wd_trend_theilsen(&ts, x, nan3, 3, &err), WD_ESTAT);
    assert_int_equal(wd_trend_mk(&mk, x, y, 1, &err), WD_ESTAT);
    assert_int_equal(wd_trend_theilsen(&ts, x, y, 2, &err), WD_ESTAT);
    assert_int_equal(mk.n, 77);
    assert_int_equal(ts.n, 77);
    /* a missing year drops its point, so its duplicate is no longer one */
    double xm[4] = {2016, NAN, 2018, 2022};
    assert_int_equal(wd_trend_mk(&mk, xm, y, 4, &err), 0);
    assert_int_equal(mk.n, 3);
}

static void classes(void **state)
{
    (void)state;
    static const struct {
        int n;
        double change, p;
        int direction, model;
        wd_trend_class want;
        const char *label;
    } cases[] = {
        {9, 0.41, 0.00001, +1, 0, WD_TREND_BETTER, "verbetert"},
        {9, 0.41, 0.00001, -1, 0, WD_TREND_WORSE, "verslechtert"},
        {9, -0.41, 0.00001, -1, 0, WD_TREND_BETTER, "verbetert"},
        {9, -0.41, 0.049, +1, 0, WD_TREND_WORSE, "verslechtert"},
        {9, 0.41, 0.05, +1, 0, WD_TREND_UNCLEAR, "geen duidelijke trend"},
        {9, 0, 0, +1, 0, WD_TREND_UNCLEAR, "geen duidelijke trend"},
        {9, 0.41, 0.001, 0, 0, WD_TREND_RISING, "stijgt"},
        {9, -0.41, 0.001, 0, 0, WD_TREND_FALLING, "daalt"},
        {2, 0.41, 0.001, +1, 0, WD_TREND_TOO_FEW, "te weinig punten"},
        {0, NAN, NAN, +1, 0, WD_TREND_TOO_FEW, "te weinig punten"},
        {4, -0.8, NAN, +1, 1, WD_TREND_MODEL_FALLING, "modelschatting: niet getoetst, lager"},
        {2, 0.3, 0.0001, -1, 1, WD_TREND_MODEL_RISING, "modelschatting: niet getoetst, hoger"},
        {3, 0, NAN, -1, 1, WD_TREND_MODEL_FLAT, "modelschatting: niet getoetst, gelijk"},
        {1, 0.3, NAN, -1, 1, WD_TREND_TOO_FEW, "te weinig punten"},
        /* A constant series: no change and no p. */
        {5, 0, NAN, +1, 0, WD_TREND_CONSTANT, "niet te toetsen: steeds gelijk"},
        {9, 0, NAN, 0, 0, WD_TREND_CONSTANT, "niet te toetsen: steeds gelijk"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        wd_trend_class c = WD_TREND_TOO_FEW;
        assert_int_equal(wd_trend_classify(&c, cases[i].n, cases[i].change, cases[i].p,
                                           cases[i].direction, cases[i].model, NULL),
                         0);
        assert_int_equal(c, cases[i].want);
        assert_string_equal(wd_trend_class_label(c), cases[i].label);
    }
    wd_error err = {0};
    wd_trend_class c = WD_TREND_BETTER;
    assert_int_equal(wd_trend_classify(&c, 9, 0.4, NAN, 1, 0, &err), WD_EUSAGE);
    assert_int_equal(wd_trend_classify(&c, 9, 0.4, 1.5, 1, 0, &err), WD_EUSAGE);
    assert_int_equal(wd_trend_classify(&c, 9, NAN, 0.01, 1, 0, &err), WD_EUSAGE);
    assert_int_equal(wd_trend_classify(&c, 9, NAN, NAN, 1, 1, &err), WD_EUSAGE);
    assert_int_equal(wd_trend_classify(&c, 9, 0.4, 0.01, 2, 0, &err), WD_EUSAGE);
    assert_int_equal(wd_trend_classify(&c, -1, 0.4, 0.01, 1, 0, &err), WD_EUSAGE);
    assert_int_equal(c, WD_TREND_BETTER);
    assert_string_equal(wd_trend_class_label((wd_trend_class)99), "onbekend");
    /* It neither rises nor falls. */
    assert_int_equal(wd_trend_class_sign(WD_TREND_CONSTANT, 1), 0);
    assert_int_equal(wd_trend_class_sign(WD_TREND_TOO_FEW, 1), 2);
}

/* A fitted OLS trend classified end to end, as wd_compute will do. */
static void classify_fitted_trend(void **state)
{
    (void)state;
    double x[9], y[9] = {12.385, 12.871, 13.402, 13.288, 14.117, 14.563, 14.498, 15.231, 15.902};
    for (int i = 0; i < 9; i++)
        x[i] = 2016 + i;
    wd_trend t;
    wd_trend_class c;
    assert_int_equal(wd_trend_ols(&t, x, y, 9, NULL), 0);
    assert_int_equal(wd_trend_classify(&c, t.n, t.slope, t.p, -1, 0, NULL), 0);
    assert_int_equal(c, WD_TREND_WORSE);
    /* A constant series through the tests wd_compute uses: not testable. */
    double flat[9] = {4.5, 4.5, 4.5, 4.5, 4.5, 4.5, 4.5, 4.5, 4.5};
    wd_mk mk;
    wd_theilsen ts;
    assert_int_equal(wd_trend_mk(&mk, x, flat, 9, NULL), 0);
    assert_int_equal(wd_trend_theilsen(&ts, x, flat, 9, NULL), 0);
    assert_int_equal(wd_trend_classify(&c, mk.n, ts.slope, mk.p, 1, 0, NULL), 0);
    assert_int_equal(c, WD_TREND_CONSTANT);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_quantile_known_values),
        cmocka_unit_test(ols_nine_years),
        cmocka_unit_test(ols_four_points_closed_form_p),
        cmocka_unit_test(missing_points_are_skipped),
        cmocka_unit_test(too_few_points_and_equal_years),
        cmocka_unit_test(equal_values_flat),
        cmocka_unit_test(wls_known_standard_errors),
        cmocka_unit_test(wls_errors),
        cmocka_unit_test(apc_log_linear),
        cmocka_unit_test(apc_errors),
        cmocka_unit_test(mk_exact_distribution),
        cmocka_unit_test(mk_and_theilsen_series),
        cmocka_unit_test(mk_and_theilsen_64_points),
        cmocka_unit_test(short_series_cannot_be_significant),
        cmocka_unit_test(equal_values_and_ties),
        cmocka_unit_test(series_errors),
        cmocka_unit_test(classes),
        cmocka_unit_test(classify_fitted_trend),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
