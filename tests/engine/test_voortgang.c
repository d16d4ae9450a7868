/* Tests of engine/wd_voortgang: Fisher's exact test and its repeat over CBS's rounding to 5
 * against p-values computed with exact integers by tests/data/engine/fisher_reference.py, and
 * the verdicts in words for hand-made cases: a rise and a fall beyond the noise, no change, a
 * change the rounding could explain, a boundary change, a model estimate compared by its
 * intervals, no newer figure, no baseline. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "wd_test_util.h"

#include "engine/wd_voortgang.h"

#include <math.h>
#include <string.h>

static void fisher_exact(void **state)
{
    (void)state;
    /* python3 tests/data/engine/fisher_reference.py */
    wd_test_assert_rel(wd_voortgang_fisher(12, 40, 3, 45), 8.687452234923e-03, 1e-9);
    wd_test_assert_rel(wd_voortgang_fisher(310, 1580, 395, 1605), 7.418211900277e-04, 1e-9);
    wd_test_assert_rel(wd_voortgang_fisher(420, 2100, 330, 2115), 2.085648594128e-04, 1e-9);
    wd_test_assert_rel(wd_voortgang_fisher(300, 1500, 310, 1520), 8.207298174637e-01, 1e-9);
    wd_test_assert_rel(wd_voortgang_fisher(0, 25, 0, 30), 1.0, 1e-12);
    /* Symmetric in the two samples. */
    wd_test_assert_rel(wd_voortgang_fisher(3, 45, 12, 40), 8.687452234923e-03, 1e-9);
}

static void fisher_rounding(void **state)
{
    (void)state;
    wd_test_assert_rel(wd_voortgang_fisher_rounded(60, 300, 1, 95, 310, 1), 1.198250341277e-02,
                       1e-9);
    wd_test_assert_rel(wd_voortgang_fisher_rounded(60, 300, 1, 80, 305, 1), 2.099955376964e-01,
                       1e-9);
    wd_test_assert_rel(wd_voortgang_fisher_rounded(60, 300, 0, 80, 305, 0), 8.250014420287e-02,
                       1e-9);
    /* Beyond the noise on the published counts, not once the rounding is allowed for. */
    wd_test_assert_rel(wd_voortgang_fisher_rounded(60, 300, 0, 85, 305, 0), 2.830334200637e-02,
                       1e-9);
    wd_test_assert_rel(wd_voortgang_fisher_rounded(60, 300, 1, 85, 305, 1), 8.626507450903e-02,
                       1e-9);
}

/* A share of counted people: value = 100 count / den. */
static wd_vg_point counts(int year, double count, double den, int rounded)
{
    return (wd_vg_point){year, 100 * count / den, NAN, NAN, count, den, rounded};
}

static wd_vg_point estimate(int year, double value, double lo, double hi)
{
    return (wd_vg_point){year, value, lo, hi, NAN, NAN, 0};
}

static void check(const wd_vg_point *base, const wd_vg_point *now, wd_area area, wd_vg_verdict want,
                  const char *words)
{
    wd_vg_test t;
    wd_voortgang_test(&t, base, now, area);
    assert_int_equal(t.verdict, want);
    assert_string_equal(wd_voortgang_words(t.verdict, WD_LEVEL_BUURT), words);
}

static void verdicts(void **state)
{
    (void)state;
    /* Risen: 310 of 1580 to 395 of 1605, p = 7.4e-4 (1.6e-3 with the rounding). */
    wd_vg_point a = counts(2024, 310, 1580, 1), b = counts(2025, 395, 1605, 1);
    check(&a, &b, WD_AREA_SAME, WD_VG_UP, "gestegen, meer dan toeval");
    wd_vg_test t;
    wd_voortgang_test(&t, &a, &b, WD_AREA_SAME);
    assert_int_equal(t.method, WD_VG_BY_COUNTS);
    wd_test_assert_rel(t.p, 1.576984521881e-03, 1e-9);
    /* Fallen: 420 of 2100 to 330 of 2115. */
    a = counts(2024, 420, 2100, 1);
    b = counts(2025, 330, 2115, 1);
    check(&a, &b, WD_AREA_SAME, WD_VG_DOWN, "gedaald, meer dan toeval");
    /* No change to speak of: 300 of 1500, 310 of 1520 (p = 0.82). */
    a = counts(2024, 300, 1500, 1);
    b = counts(2025, 310, 1520, 1);
    check(&a, &b, WD_AREA_SAME, WD_VG_NOISE, "binnen de onzekerheid");
    /* 60 of 300 to 85 of 305: p = 0.028 as published, 0.086 once the rounding is allowed. */
    a = counts(2024, 60, 300, 0);
    b = counts(2025, 85, 305, 0);
    check(&a, &b, WD_AREA_SAME, WD_VG_UP, "gestegen, meer dan toeval");
    a.rounded = b.rounded = 1;
    check(&a, &b, WD_AREA_SAME, WD_VG_NOISE, "binnen de onzekerheid");
    /* A boundary change makes any difference meaningless. */
    a = counts(2024, 310, 1580, 1);
    b = counts(2025, 395, 1605, 1);
    check(&a, &b, WD_AREA_CHANGED, WD_VG_BOUNDARY, "niet te vergelijken: buurtgrens gewijzigd");
    check(&a, &b, WD_AREA_UNKNOWN, WD_VG_BOUNDARY_UNKNOWN,
          "niet te vergelijken: onbekend of de buurtgrens gelijk bleef");
    /* Model estimates: intervals apart, then overlapping. */
    a = estimate(2022, 14.2, 11.8, 16.9);
    b = estimate(2024, 20.5, 17.3, 23.9);
    check(&a, &b, WD_AREA_SAME, WD_VG_UP, "gestegen, meer dan toeval");
    wd_voortgang_test(&t, &a, &b, WD_AREA_SAME);
    assert_int_equal(t.method, WD_VG_BY_INTERVAL);
    assert_true(isnan(t.p));
    b = estimate(2024, 10.1, 8.0, 12.0);
    check(&a, &b, WD_AREA_SAME, WD_VG_NOISE, "binnen de onzekerheid");
    b = estimate(2024, 8.9, 7.0, 11.7);
    check(&a, &b, WD_AREA_SAME, WD_VG_DOWN, "gedaald, meer dan toeval");
    /* The same year again, no figure then, no figure now, nothing to test with. */
    b = estimate(2022, 14.2, 11.8, 16.9);
    check(&a, &b, WD_AREA_SAME, WD_VG_SAME_YEAR, "nog geen nieuwer cijfer");
    wd_vg_point none = {0, NAN, NAN, NAN, NAN, NAN, 0};
    check(&none, &b, WD_AREA_SAME, WD_VG_NO_BASE,
          "niet te vergelijken: geen cijfer bij het beraad");
    check(&a, &none, WD_AREA_SAME, WD_VG_NO_LATEST, "niet te vergelijken: geen nieuw cijfer");
    wd_vg_point mean1 = {2023, 31.2, NAN, NAN, NAN, NAN, 0},
                mean2 = {2024, 33.0, NAN, NAN, NAN, NAN, 0};
    check(&mean1, &mean2, WD_AREA_SAME, WD_VG_NO_TEST,
          "niet te toetsen: geen aantallen of interval");
    assert_string_equal(wd_voortgang_words(WD_VG_BOUNDARY, WD_LEVEL_WIJK),
                        "niet te vergelijken: wijkgrens gewijzigd");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fisher_exact),
        cmocka_unit_test(fisher_rounding),
        cmocka_unit_test(verdicts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
