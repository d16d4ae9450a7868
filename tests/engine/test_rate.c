/* Tests of engine/wd_rate: Clopper-Pearson intervals, Empirical Bayes shrinkage, funnel-plot
 * limits and the minimum-population rule, against values computed with exact rational
 * arithmetic by tests/data/engine/stats_reference.py (see README.md there). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "wd_test_util.h"

#include "engine/wd_rate.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <string.h>

static void clopper_pearson_published(void **state)
{
    (void)state;
    /* The textbook case: 3 of 40 gives [0.0157, 0.2039]. */
    double lo, hi;
    assert_int_equal(wd_rate_clopper_pearson(&lo, &hi, 3, 40, 0.95, NULL), 0);
    assert_true(fabs(lo - 0.0157) < 0.00005);
    assert_true(fabs(hi - 0.2039) < 0.00005);
}

static void clopper_pearson_exact_tails(void **state)
{
    (void)state;
    static const struct {
        double y, n, level, lo, hi;
    } cases[] = {
        {3, 40, 0.95, 0.01574217985104153, 0.203864748732899},
        {0, 25, 0.95, 0.0, 0.13718517153071252},
        {25, 25, 0.95, 0.8628148284692874, 1.0},
        {17, 230, 0.95, 0.043644456221331396, 0.11570571564122792},
        {1, 7, 0.99, 0.0007158210811255032, 0.6849116392467303},
        {112, 845, 0.998, 0.09892613062068645, 0.17209763631367114},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double lo = -1, hi = -1;
        print_message("%g of %g at %g\n", cases[i].y, cases[i].n, cases[i].level);
        assert_int_equal(
            wd_rate_clopper_pearson(&lo, &hi, cases[i].y, cases[i].n, cases[i].level, NULL), 0);
        if (cases[i].lo == 0)
            assert_true(lo == 0);
        else
            wd_test_assert_rel(lo, cases[i].lo, 1e-9);
        wd_test_assert_rel(hi, cases[i].hi, 1e-9);
    }
}

static void clopper_pearson_large_denominators(void **state)
{
    (void)state;
    /* gsl_cdf_beta_Pinv returns NaN for most of these bounds; the reference sums binomial
     * tails from log-probabilities (stats_reference.py). */
    static const struct {
        double y, n, level, lo, hi;
    } cases[] = {
        {2500, 5000, 0.998, 0.4780604126037137, 0.5219395873962864},
        {200, 20000, 0.95, 0.008667639013452539, 0.011477547626197768},
        {1000, 100000, 0.95, 0.00939255608907925, 0.010636111529372383},
        {50000, 100000, 0.998, 0.49510904290363567, 0.50489095709637},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double lo, hi;
        print_message("%g of %g at %g\n", cases[i].y, cases[i].n, cases[i].level);
        assert_int_equal(
            wd_rate_clopper_pearson(&lo, &hi, cases[i].y, cases[i].n, cases[i].level, NULL), 0);
        wd_test_assert_rel(lo, cases[i].lo, 1e-9);
        wd_test_assert_rel(hi, cases[i].hi, 1e-9);
    }
}

static void clopper_pearson_errors(void **state)
{
    (void)state;
    wd_error err = {0};
    double lo = 7, hi = 7;
    assert_int_equal(wd_rate_clopper_pearson(&lo, &hi, 41, 40, 0.95, &err), WD_EUSAGE);
    assert_non_null(strstr(err.msg, "41 van 40"));
    assert_int_equal(wd_rate_clopper_pearson(&lo, &hi, -1, 40, 0.95, &err), WD_EUSAGE);
    assert_int_equal(wd_rate_clopper_pearson(&lo, &hi, 3, -40, 0.95, &err), WD_EUSAGE);
    assert_int_equal(wd_rate_clopper_pearson(&lo, &hi, 2.5, 40, 0.95, &err), WD_EUSAGE);
    assert_int_equal(wd_rate_clopper_pearson(&lo, &hi, NAN, 40, 0.95, &err), WD_EUSAGE);
    assert_int_equal(wd_rate_clopper_pearson(&lo, &hi, 3, 40, 1, &err), WD_EUSAGE);
    assert_int_equal(wd_rate_clopper_pearson(&lo, &hi, 3, 40, NAN, &err), WD_EUSAGE);
    assert_int_equal(wd_rate_clopper_pearson(&lo, &hi, 0, 0, 0.95, &err), WD_ESTAT);
    assert_non_null(strstr(err.msg, "van 0"));
    assert_true(lo == 7 && hi == 7);
    /* beyond the denominators where GSL's beta CDF is accurate */
    assert_int_equal(wd_rate_clopper_pearson(&lo, &hi, 503492, 2618268, 0.95, &err), WD_ESTAT);
    assert_non_null(strstr(err.msg, "gaan tot 1000000"));
    assert_true(lo == 7 && hi == 7);
    assert_int_equal(wd_rate_clopper_pearson(&lo, &hi, 500000, 1000000, 0.998, &err), 0);
    wd_test_assert_rel(lo + hi, 1, 1e-12); /* symmetric around 1/2 */
}

static void funnel_limits(void **state)
{
    (void)state;
    static const struct {
        double n, level;
        double exact_lo, exact_hi, normal_lo, normal_hi;
    } cases[] = {
        {40, 0.95, 0.0572082207374746, 0.29755615845921907, 0.06317300494663158,
         0.3028269950533684},
        {40, 0.998, 0.006262203400609492, 0.3787873095893228, 0.0, 0.37192859980374937},
        {250, 0.95, 0.13419687853750345, 0.2302014939050551, 0.13506920197865263,
         0.23093079802134736},
        {250, 0.998, 0.10917346740698954, 0.2598924124139187, 0.10742856007850024,
         0.2585714399214998},
        {1375, 0.95, 0.16241275032291477, 0.2032980206960173, 0.16256223905270534,
         0.20343776094729465},
        {1375, 0.998, 0.15108212944280938, 0.21550736006796503, 0.15077622974542254,
         0.21522377025457745},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double lo, hi;
        print_message("n = %g at %g\n", cases[i].n, cases[i].level);
        assert_int_equal(wd_rate_funnel_limits(&lo, &hi, 0.183, cases[i].n, cases[i].level,
                                               WD_FUNNEL_EXACT, NULL),
                         0);
        wd_test_assert_rel(lo, cases[i].exact_lo, 1e-9);
        wd_test_assert_rel(hi, cases[i].exact_hi, 1e-9);
        assert_int_equal(wd_rate_funnel_limits(&lo, &hi, 0.183, cases[i].n, cases[i].level,
                                               WD_FUNNEL_NORMAL, NULL),
                         0);
        if (cases[i].normal_lo == 0)
            assert_true(lo == 0); /* clipped: 0.183 - 3.09 * 0.0611 < 0 */
        else
            wd_test_assert_rel(lo, cases[i].normal_lo, 1e-12);
        wd_test_assert_rel(hi, cases[i].normal_hi, 1e-12);
    }
    /* n = 20,000 (reference from log-probabilities, stats_reference.py) */
    double lo, hi;
    assert_int_equal(wd_rate_funnel_limits(&lo, &hi, 0.183, 20000, 0.95, WD_FUNNEL_EXACT, NULL), 0);
    wd_test_assert_rel(lo, 0.1776310974954271, 1e-9);
    wd_test_assert_rel(hi, 0.18834873946878358, 1e-9);
    assert_int_equal(wd_rate_funnel_limits(&lo, &hi, 0.183, 20000, 0.998, WD_FUNNEL_EXACT, NULL),
                     0);
    wd_test_assert_rel(lo, 0.17457116449049395, 1e-9);
    wd_test_assert_rel(hi, 0.19146916434567865, 1e-9);
    /* Spiegelhalter's interpolation goes below 0 when the quantile is 0: clipped. */
    assert_int_equal(wd_rate_funnel_limits(&lo, &hi, 0.01, 20, 0.95, WD_FUNNEL_EXACT, NULL), 0);
    assert_true(lo == 0 && hi > 0.01 && hi < 0.15);
}

static void funnel_position(void **state)
{
    (void)state;
    /* Against p0 = 0.183 with n = 40: 95% [0.0572, 0.2976], 99.8% [0.00626, 0.3788]. */
    static const struct {
        double y;
        int pos;
    } cases[] = {{0, -2}, {1, -1}, {2, -1}, {3, 0}, {7, 0}, {11, 0}, {12, 1}, {15, 1}, {16, 2}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int pos = 99;
        assert_int_equal(
            wd_rate_funnel_position(&pos, cases[i].y, 40, 0.183, WD_FUNNEL_EXACT, NULL), 0);
        assert_int_equal(pos, cases[i].pos);
    }
    wd_error err = {0};
    int pos = 99;
    assert_int_equal(wd_rate_funnel_position(&pos, 41, 40, 0.183, WD_FUNNEL_EXACT, &err),
                     WD_EUSAGE);
    assert_int_equal(wd_rate_funnel_position(&pos, 3, 40, 0, WD_FUNNEL_NORMAL, &err), WD_EUSAGE);
    assert_int_equal(pos, 99);
}

static void funnel_errors(void **state)
{
    (void)state;
    wd_error err = {0};
    double lo = 7, hi = 7;
    assert_int_equal(wd_rate_funnel_limits(&lo, &hi, 0, 40, 0.95, WD_FUNNEL_EXACT, &err),
                     WD_EUSAGE);
    assert_non_null(strstr(err.msg, "referentieaandeel 0"));
    assert_int_equal(wd_rate_funnel_limits(&lo, &hi, 1, 40, 0.95, WD_FUNNEL_NORMAL, &err),
                     WD_EUSAGE);
    assert_int_equal(wd_rate_funnel_limits(&lo, &hi, 0.2, 0, 0.95, WD_FUNNEL_EXACT, &err),
                     WD_ESTAT);
    assert_int_equal(wd_rate_funnel_limits(&lo, &hi, 0.2, 0, 0.95, WD_FUNNEL_NORMAL, &err),
                     WD_ESTAT);
    assert_int_equal(wd_rate_funnel_limits(&lo, &hi, 0.2, -5, 0.95, WD_FUNNEL_NORMAL, &err),
                     WD_EUSAGE);
    assert_int_equal(wd_rate_funnel_limits(&lo, &hi, 0.2, NAN, 0.95, WD_FUNNEL_NORMAL, &err),
                     WD_EUSAGE);
    assert_int_equal(wd_rate_funnel_limits(&lo, &hi, 0.2, 40.5, 0.95, WD_FUNNEL_EXACT, &err),
                     WD_EUSAGE);
    assert_int_equal(wd_rate_funnel_limits(&lo, &hi, 0.2, 40, 0, WD_FUNNEL_EXACT, &err), WD_EUSAGE);
    assert_int_equal(wd_rate_funnel_limits(&lo, &hi, 0.2, 40, 0.95, (wd_funnel_method)7, &err),
                     WD_EUSAGE);
    assert_int_equal(wd_rate_funnel_limits(&lo, &hi, 0.2, 1000001, 0.95, WD_FUNNEL_EXACT, &err),
                     WD_ESTAT);
    assert_true(lo == 7 && hi == 7);
    /* the normal variant has no such limit, and takes a non-whole denominator */
    assert_int_equal(wd_rate_funnel_limits(&lo, &hi, 0.2, 17.9e6, 0.95, WD_FUNNEL_NORMAL, &err), 0);
    int pos = 99;
    assert_int_equal(wd_rate_funnel_position(&pos, 3.7e6, 17.9e6, 0.2, WD_FUNNEL_NORMAL, &err), 0);
    assert_int_equal(pos, 2);
    assert_int_equal(wd_rate_funnel_limits(&lo, &hi, 0.2, 40.5, 0.95, WD_FUNNEL_NORMAL, &err), 0);
}

static void eb_marshall(void **state)
{
    (void)state;
    /* Eight buurten, then one with a suppressed count and one without inhabitants. */
    double y[10] = {12, 97, 3, 0, 88, 25, 19, 61, NAN, 0};
    double n[10] = {310, 1240, 65, 40, 2385, 865, 140, 720, 415, 0};
    const double want[8] = {0.04193417520310221, 0.07649271391327155, 0.05009427246407977,
                            0.03676467931707805, 0.03748630597702126, 0.03118910711303293,
                            0.10306873764331356, 0.08114832308373787};
    double shrunk[10];
    wd_eb_fit fit;
    assert_int_equal(wd_rate_eb(shrunk, &fit, y, n, 10, NULL), 0);
    assert_int_equal(fit.k, 8);
    wd_test_assert_rel(fit.m, 0.05290546400693842, 1e-12);
    wd_test_assert_rel(fit.s2, 0.0006540927798138863, 1e-9);
    wd_test_assert_rel(fit.a, 0.0005806766979308841, 1e-9);
    for (int i = 0; i < 8; i++)
        wd_test_assert_rel(shrunk[i], want[i], 1e-9);
    assert_true(isnan(shrunk[8]) && isnan(shrunk[9]));
    /* the zero count of the small buurt moves most; nothing crosses the mean */
    assert_true(shrunk[3] > 0 && shrunk[3] < fit.m);
}

static void eb_no_excess_variation(void **state)
{
    (void)state;
    /* Rates closer together than Poisson noise: A truncates to 0, all shrink to m. */
    double y[3] = {31, 29, 33}, n[3] = {1000, 1010, 990}, shrunk[3];
    wd_eb_fit fit;
    assert_int_equal(wd_rate_eb(shrunk, &fit, y, n, 3, NULL), 0);
    wd_test_assert_rel(fit.s2, 3.5577557755775577e-06, 1e-9);
    assert_true(fit.a == 0);
    for (int i = 0; i < 3; i++)
        wd_test_assert_rel(shrunk[i], 0.031, 1e-12);
    /* all counts 0: m = 0 and A = 0, no division by zero */
    double zero[3] = {0, 0, 0};
    assert_int_equal(wd_rate_eb(shrunk, &fit, zero, n, 3, NULL), 0);
    assert_true(fit.m == 0 && fit.a == 0 && shrunk[0] == 0 && shrunk[2] == 0);
}

static void eb_rates_above_one(void **state)
{
    (void)state;
    /* Marshall's Poisson model: events per person may exceed 1 (y > n). */
    double y[3] = {14, 3, 61}, n[3] = {9, 20, 35}, shrunk[3];
    const double want[3] = {1.4797181176186225, 0.2735977301275847, 1.7064159099320342};
    wd_eb_fit fit;
    assert_int_equal(wd_rate_eb(shrunk, &fit, y, n, 3, NULL), 0);
    wd_test_assert_rel(fit.m, 1.21875, 1e-12);
    wd_test_assert_rel(fit.s2, 0.523118179563492, 1e-9);
    wd_test_assert_rel(fit.a, 0.46598927331349205, 1e-9);
    for (int i = 0; i < 3; i++)
        wd_test_assert_rel(shrunk[i], want[i], 1e-9);
    assert_int_equal(wd_rate_eb(shrunk, NULL, y, n, 3, NULL), 0); /* fit is optional */
}

static void eb_errors(void **state)
{
    (void)state;
    wd_error err = {0};
    double shrunk[3] = {7, 7, 7};
    wd_eb_fit fit = {.k = 77};
    double y[3] = {14, -3, 61}, n[3] = {90, 200, 350};
    assert_int_equal(wd_rate_eb(shrunk, &fit, y, n, 3, &err), WD_EUSAGE);
    assert_non_null(strstr(err.msg, "gebied 1"));
    double y2[3] = {14, 3, 61}, n2[3] = {90, 200, -350};
    assert_int_equal(wd_rate_eb(shrunk, &fit, y2, n2, 3, &err), WD_EUSAGE);
    double one[3] = {14, NAN, 61}, n3[3] = {90, 200, 0};
    assert_int_equal(wd_rate_eb(shrunk, &fit, one, n3, 3, &err), WD_ESTAT);
    assert_non_null(strstr(err.msg, "er zijn er 1"));
    double nan3[3] = {NAN, NAN, NAN};
    assert_int_equal(wd_rate_eb(shrunk, &fit, nan3, n, 3, &err), WD_ESTAT);
    assert_int_equal(wd_rate_eb(shrunk, &fit, y2, n, 0, &err), WD_ESTAT);
    assert_true(shrunk[0] == 7 && shrunk[1] == 7 && shrunk[2] == 7 && fit.k == 77);
}

static void minimum_population(void **state)
{
    (void)state;
    assert_int_equal(wd_rate_reportable(140, 100), 1);
    assert_int_equal(wd_rate_reportable(100, 100), 1);
    assert_int_equal(wd_rate_reportable(99, 100), 0);
    assert_int_equal(wd_rate_reportable(NAN, 100), 0); /* suppressed by CBS */
    assert_int_equal(wd_rate_reportable(0, 0), 0);     /* no denominator, no rate */
    assert_int_equal(wd_rate_reportable(25, 0), 1);
    assert_int_equal(wd_rate_reportable(-5, 0), 0);
    assert_int_equal(wd_rate_reportable(140, NAN), 0);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(clopper_pearson_published),
        cmocka_unit_test(clopper_pearson_exact_tails),
        cmocka_unit_test(clopper_pearson_large_denominators),
        cmocka_unit_test(clopper_pearson_errors),
        cmocka_unit_test(funnel_limits),
        cmocka_unit_test(funnel_position),
        cmocka_unit_test(funnel_errors),
        cmocka_unit_test(eb_marshall),
        cmocka_unit_test(eb_no_excess_variation),
        cmocka_unit_test(eb_rates_above_one),
        cmocka_unit_test(eb_errors),
        cmocka_unit_test(minimum_population),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
