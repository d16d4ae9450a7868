/* Tests of engine/wd_trend: OLS slope, standard error, t-based interval and p-value against
 * values computed independently (see tests/data/engine/README.md). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/wd_trend.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <string.h>

static void assert_rel(double got, double want, double tol)
{
    if (fabs(got - want) > tol * fabs(want)) {
        print_error("got %.17g, want %.17g (rel tol %g)\n", got, want, tol);
        fail();
    }
}

static void t_quantile_known_values(void **state)
{
    (void)state;
    /* Published t-table values; for df = 2 the closed form is 0.95 * sqrt(2 / (1 - 0.95^2)). */
    assert_rel(gsl_cdf_tdist_Pinv(0.975, 2), 0.95 * sqrt(2 / (1 - 0.95 * 0.95)), 1e-9);
    assert_rel(gsl_cdf_tdist_Pinv(0.975, 2), 4.302653, 1e-6);
    assert_rel(gsl_cdf_tdist_Pinv(0.975, 8), 2.306004, 1e-6);
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
    assert_rel(t.slope, 0.4102499999999999, 1e-9);
    assert_rel(t.se, 0.029007325520674157, 1e-9);
    assert_rel(t.lo, 0.34165857459996746, 1e-9);
    assert_rel(t.hi, 0.47884142540003233, 1e-9);
    assert_int_equal(wd_trend_direction(&t), 1);
}

static void ols_four_points_closed_form_p(void **state)
{
    (void)state;
    /* With df = 2 the two-sided p-value is 1 - t / sqrt(2 + t^2). */
    double x[4] = {2012, 2016, 2020, 2022}, y[4] = {31.7, 30.2, 30.9, 28.4};
    wd_trend t;
    assert_int_equal(wd_trend_ols(&t, x, y, 4, NULL), 0);
    double tstat = fabs(t.slope / t.se);
    assert_rel(t.p, 1 - tstat / sqrt(2 + tstat * tstat), 1e-9);
    assert_rel(t.hi - t.slope, 4.302652729749464 * t.se, 1e-9);
    assert_int_equal(wd_trend_direction(&t), 0);
}

static void missing_points_are_skipped(void **state)
{
    (void)state;
    double x[5] = {2016, 2017, 2018, 2019, 2020}, y[5] = {1.5, NAN, 2.5, NAN, 3.5};
    wd_trend t;
    assert_int_equal(wd_trend_ols(&t, x, y, 5, NULL), 0);
    assert_int_equal(t.n, 3);
    assert_rel(t.slope, 0.5, 1e-12);
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
    assert_non_null(strstr(err.msg, "3 points"));
    double same[3] = {2020, 2020, 2020}, v[3] = {1.1, 1.2, 1.3};
    assert_int_equal(wd_trend_ols(&t, same, v, 3, &err), WD_ESTAT);
    double allnan[3] = {NAN, NAN, NAN};
    assert_int_equal(wd_trend_ols(&t, x, allnan, 3, &err), WD_ESTAT);
}

static void equal_values_flat(void **state)
{
    (void)state;
    double x[4] = {2016, 2018, 2020, 2022}, y[4] = {7.25, 7.25, 7.25, 7.25};
    wd_trend t;
    assert_int_equal(wd_trend_ols(&t, x, y, 4, NULL), 0);
    assert_true(fabs(t.slope) < 1e-12);
    assert_int_equal(wd_trend_direction(&t), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_quantile_known_values),
        cmocka_unit_test(ols_nine_years),
        cmocka_unit_test(ols_four_points_closed_form_p),
        cmocka_unit_test(missing_points_are_skipped),
        cmocka_unit_test(too_few_points_and_equal_years),
        cmocka_unit_test(equal_values_flat),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
