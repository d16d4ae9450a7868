/* Tests of engine/wd_indicators: the built-in registry, user overrides and clear errors for
 * bad definition files (file, line and column; indicator and field). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/wd_indicators.h"

#include <string.h>

#define DATA WD_TEST_DATA "/engine/"

static void builtin_set_is_complete(void **state)
{
    (void)state;
    wd_indicator_set *set;
    wd_error err = {0};
    assert_int_equal(wd_indicators_load(&set, NULL, NULL, &err), 0);
    const char *ids[] = {"aandeel_65plus",       "eenpersoonshuishoudens",
                         "wmo_per_1000",         "mantelzorgpotentieel_proxy",
                         "grijze_druk_proxy",    "groene_druk_proxy",
                         "mantelzorgers",        "ernstig_eenzaam",
                         "lbm_sociale_samenhang"};
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++)
        assert_true(wd_indicators_find(set, ids[i]) >= 0);
    const wd_indicator *m = &set->items[wd_indicators_find(set, "mantelzorgpotentieel_proxy")];
    assert_true(m->flags & WD_FLAG_PROXY);
    assert_int_equal(m->type, WD_FORMULA_SHARE);
    assert_string_equal(m->num[0], "k_45Tot65Jaar");
    assert_string_equal(m->den[0], "k_65JaarOfOuder");
    const wd_indicator *e = &set->items[wd_indicators_find(set, "ernstig_eenzaam")];
    assert_true(e->flags & WD_FLAG_MODEL);
    assert_string_equal(e->subgroup, "20300");
    assert_int_equal(e->direction, -1);
    const wd_indicator *w = &set->items[wd_indicators_find(set, "wmo_per_1000")];
    assert_true(w->scale == 1000);
    assert_true(set->balance.n_kracht >= 5 && set->balance.n_last >= 8);
    wd_indicators_free(set);
}

static void user_file_overrides_and_adds(void **state)
{
    (void)state;
    wd_indicator_set *set, *base;
    wd_error err = {0};
    assert_int_equal(wd_indicators_load(&base, NULL, NULL, &err), 0);
    assert_int_equal(wd_indicators_load(&set, DATA "indicators_user.json", NULL, &err), 0);
    assert_int_equal(set->n, base->n + 1);
    const wd_indicator *o = &set->items[wd_indicators_find(set, "aandeel_65plus")];
    assert_string_equal(o->label, "Ouderen");
    assert_true(o->scale == 100); /* default scale of a share */
    const wd_indicator *p = &set->items[wd_indicators_find(set, "mijn_peiling")];
    assert_int_equal(p->type, WD_FORMULA_VALUE);
    assert_true(p->flags & WD_FLAG_PROXY);
    wd_indicators_free(set);
    wd_indicators_free(base);
}

static void bad_files_say_where(void **state)
{
    (void)state;
    wd_indicator_set *set = NULL;
    wd_error err = {0};
    assert_int_equal(wd_indicators_load(&set, DATA "indicators_bad_syntax.json", NULL, &err),
                     WD_EPARSE);
    assert_null(set);
    assert_non_null(strstr(err.msg, "indicators_bad_syntax.json: regel 4, kolom"));

    assert_int_equal(wd_indicators_load(&set, DATA "indicators_bad_type.json", NULL, &err),
                     WD_EPARSE);
    assert_non_null(strstr(err.msg, "indicator 'raar'"));
    assert_non_null(strstr(err.msg, "formule.type"));

    assert_int_equal(wd_indicators_load(&set, DATA "bestaat_niet.json", NULL, &err), WD_EPARSE);
    assert_non_null(strstr(err.msg, "bestaat_niet.json"));
}

static void balance_file(void **state)
{
    (void)state;
    wd_indicator_set *set;
    wd_error err = {0};
    assert_int_equal(wd_indicators_load(&set, NULL, DATA "balance_small.json", &err), 0);
    assert_int_equal(set->balance.n_kracht, 1);
    assert_int_equal(set->balance.n_last, 2);
    assert_true(set->balance.last[1].weight == 0.5);
    assert_int_equal(set->balance.last[1].indicator, wd_indicators_find(set, "wmo_per_1000"));
    wd_indicators_free(set);
    /* A balance that names an indicator that does not exist. */
    assert_int_equal(wd_indicators_load(&set, NULL, DATA "indicators_user.json", &err), WD_EPARSE);
    assert_non_null(strstr(err.msg, "draagkracht"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builtin_set_is_complete),
        cmocka_unit_test(user_file_overrides_and_adds),
        cmocka_unit_test(bad_files_say_where),
        cmocka_unit_test(balance_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
