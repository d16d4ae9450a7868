/* Tests of engine/wd_indicators: the built-in registry, user overrides and clear errors for
 * bad definition files (file, line and column; indicator and field). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/wd_indicators.h"
#include "wd_test_util.h"

#include <stdio.h>
#include <stdlib.h>
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
    assert_string_equal(m->num[0].name[0], "k_45Tot65Jaar");
    assert_string_equal(m->den[0].name[0], "k_65JaarOfOuder");
    const wd_indicator *e = &set->items[wd_indicators_find(set, "ernstig_eenzaam")];
    assert_true(e->flags & WD_FLAG_MODEL);
    assert_string_equal(e->subgroup, "20300");
    assert_int_equal(e->direction, -1);
    const wd_indicator *w = &set->items[wd_indicators_find(set, "wmo_per_1000")];
    assert_true(w->scale == 1000);
    assert_true(set->balance.n_kracht >= 5 && set->balance.n_last >= 8);
    wd_indicators_free(set);
}

static void every_builtin_has_domain_and_aggregation(void **state)
{
    (void)state;
    wd_indicator_set *set;
    wd_error err = {0};
    assert_int_equal(wd_indicators_load(&set, NULL, NULL, &err), 0);
    for (size_t i = 0; i < set->n; i++) {
        const wd_indicator *ind = &set->items[i];
        int known = 0;
        for (const char *const *d = wd_indicator_domains; *d; d++)
            known |= strcmp(*d, ind->domain) == 0;
        if (!known) fail_msg("indicator %s has no known domain", ind->id);
    }
    /* Counts and shares of counts add up; RIVM model estimates and percentages of groups the
     * buurt figures do not count do not; Leefbaarometer scores are weighted means. */
    const struct {
        const char *id;
        wd_aggregation agg;
    } agg[] = {{"inwoners", WD_AGG_SUM},
               {"wmo_per_1000", WD_AGG_SUM},
               {"grijze_druk_proxy", WD_AGG_SUM},
               {"jeugdzorg", WD_AGG_NONE},
               {"ernstig_eenzaam", WD_AGG_NONE},
               {"lbm_score", WD_AGG_WEIGHTED},
               {"inkomen_per_inwoner", WD_AGG_WEIGHTED}};
    for (size_t i = 0; i < sizeof agg / sizeof *agg; i++)
        assert_int_equal(set->items[wd_indicators_find(set, agg[i].id)].aggregation, agg[i].agg);
    /* The variables of RIVM 50120NED in the demo data each have an indicator. */
    const int p = wd_indicators_find(set, "psychische_klachten");
    assert_true(p >= 0);
    assert_string_equal(set->items[p].num[0].name[0], "PsychischeKlachten");
    assert_string_equal(set->items[wd_indicators_find(set, "ernstig_eenzaam_65plus")].subgroup,
                        "80200");
    wd_indicators_free(set);
}

static void formula_types(void **state)
{
    (void)state;
    wd_indicator_set *set;
    wd_error err = {0};
    assert_int_equal(wd_indicators_load(&set, DATA "indicators_local.json", NULL, &err), 0);
    const wd_indicator *d = &set->items[wd_indicators_find(set, "lokaal_verschil")];
    assert_int_equal(d->type, WD_FORMULA_DIFFERENCE);
    assert_int_equal(d->aggregation, WD_AGG_SUM);
    const wd_indicator *p = &set->items[wd_indicators_find(set, "lokaal_per_1000")];
    assert_int_equal(p->type, WD_FORMULA_SHARE);
    assert_true(p->scale == 1000);
    const wd_indicator *v = &set->items[wd_indicators_find(set, "lokaal_verhouding")];
    assert_true(v->scale == 1);
    assert_int_equal(v->aggregation, WD_AGG_NONE); /* not given: never invented */
    assert_int_equal(set->items[wd_indicators_find(set, "lokaal_gewogen")].aggregation,
                     WD_AGG_WEIGHTED);
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

    /* Content errors name the line of the indicator. */
    assert_int_equal(wd_indicators_load(&set, DATA "indicators_bad_aggregation.json", NULL, &err),
                     WD_EPARSE);
    assert_non_null(
        strstr(err.msg, "indicators_bad_aggregation.json: regel 4: indicator 'slecht'"));
    assert_non_null(strstr(err.msg, "'aggregatie' moet"));
    assert_int_equal(wd_indicators_load(&set, DATA "indicators_bad_domain.json", NULL, &err),
                     WD_EPARSE);
    assert_non_null(
        strstr(err.msg, "indicators_bad_domain.json: regel 3: indicator 'fout_domein'"));
    assert_non_null(strstr(err.msg, "verkeer"));
    assert_null(set);
}

/* A definition of one indicator with formula `formula`, read from memory. */
static int load_formula(wd_indicator_set **set, const char *formula, wd_error *err)
{
    char text[1024];
    snprintf(text, sizeof text,
             "{\"indicatoren\": [\n"
             "  {\"id\": \"x\", \"label\": \"X\",\n"
             "   \"formule\": %s}]}",
             formula);
    *set = NULL;
    return wd_indicators_load_text(set, NULL, "eigen.json", text, strlen(text), 0, err);
}

static void variables_with_alternative_names(void **state)
{
    (void)state;
    wd_indicator_set *set;
    wd_error err = {0};
    /* A variable under the names of two editions. */
    assert_int_equal(
        load_formula(&set,
                     "{\"type\": \"waarde\", \"variabele\": [\"GoedErvarenGezondheid\","
                     " \"ErvarenGezondheidGoedZeerGoed\"], \"subgroep\": \"20300\"}",
                     &err),
        0);
    const wd_indicator *x = &set->items[wd_indicators_find(set, "x")];
    assert_int_equal(x->num[0].n, 2);
    assert_string_equal(x->num[0].name[0], "GoedErvarenGezondheid");
    assert_string_equal(x->num[0].name[1], "ErvarenGezondheidGoedZeerGoed");
    wd_indicators_free(set);
    /* In a numerator: each term a name or a list of names; one name is a list of one. */
    assert_int_equal(load_formula(&set,
                                  "{\"type\": \"aandeel\", \"teller\": [[\"A2024\", \"A\"], \"B\"],"
                                  " \"noemer\": [\"AantalInwoners\"]}",
                                  &err),
                     0);
    x = &set->items[wd_indicators_find(set, "x")];
    assert_int_equal(x->n_num, 2);
    assert_int_equal(x->num[0].n, 2);
    assert_string_equal(x->num[0].name[1], "A");
    assert_int_equal(x->num[1].n, 1);
    assert_string_equal(x->num[1].name[0], "B");
    assert_int_equal(x->den[0].n, 1);
    wd_indicators_free(set);
    /* The built-in health indicators name 50150NED's and 50120NED's keys. */
    assert_int_equal(wd_indicators_load(&set, NULL, NULL, &err), 0);
    const char *renamed[][3] = {
        {"goede_gezondheid", "GoedErvarenGezondheid", "ErvarenGezondheidGoedZeerGoed"},
        {"goede_gezondheid_65plus", "GoedErvarenGezondheid", "ErvarenGezondheidGoedZeerGoed"},
        {"ernstig_eenzaam", "SterkEenzaam", "ErnstigZeerErnstigEenzaam"},
        {"ernstig_eenzaam_65plus", "SterkEenzaam", "ErnstigZeerErnstigEenzaam"}};
    for (size_t k = 0; k < sizeof renamed / sizeof *renamed; k++) {
        const wd_term *t = &set->items[wd_indicators_find(set, renamed[k][0])].num[0];
        assert_int_equal(t->n, 2);
        assert_string_equal(t->name[0], renamed[k][1]);
        assert_string_equal(t->name[1], renamed[k][2]);
    }
    wd_indicators_free(set);
}

static void bad_alternatives_say_what_is_read(void **state)
{
    (void)state;
    wd_indicator_set *set;
    wd_error err = {0};
    const struct {
        const char *formula, *msg;
    } bad[] = {
        {"{\"type\": \"waarde\", \"variabele\": []}",
         "eigen.json: regel 2: indicator 'x': 'formule.variabele' moet een variabelenaam zijn of "
         "een lijst van 1 tot 4 namen van dezelfde variabele in verschillende edities, zoals "
         "[\"GoedErvarenGezondheid\", \"ErvarenGezondheidGoedZeerGoed\"]"},
        {"{\"type\": \"waarde\", \"variabele\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}",
         "'formule.variabele' moet een variabelenaam zijn of een lijst van 1 tot 4 namen"},
        {"{\"type\": \"waarde\", \"variabele\": 12}",
         "'formule.variabele' moet een variabelenaam zijn of een lijst"},
        {"{\"type\": \"waarde\", \"variabele\": [\"a\", 3]}",
         "indicator 'x': 'formule.variabele': naam 2 is geen variabelenaam (tekst van 1 tot 79 "
         "tekens)"},
        {"{\"type\": \"waarde\", \"variabele\": [\"a\", \"\"]}",
         "'formule.variabele': naam 2 is geen variabelenaam"},
        {"{\"type\": \"waarde\", \"variabele\": [\"Eenzaam\", \"Eenzaam\"]}",
         "indicator 'x': 'formule.variabele' noemt 'Eenzaam' twee keer"},
        {"{\"type\": \"waarde\"}", "indicator 'x': veld 'formule.variabele' ontbreekt"},
        {"{\"type\": \"aandeel\", \"teller\": [[\"a\", []]], \"noemer\": [\"b\"]}",
         "indicator 'x': 'formule.teller'[0]: naam 2 is geen variabelenaam"},
        {"{\"type\": \"aandeel\", \"teller\": [\"a\"], \"noemer\": [[]]}",
         "indicator 'x': 'formule.noemer'[0] moet een variabelenaam zijn of een lijst"},
        {"{\"type\": \"aandeel\", \"teller\": \"a\", \"noemer\": [\"b\"]}",
         "indicator 'x': 'formule.teller' moet een lijst van 1 tot 4 variabelen zijn, elk een "
         "variabelenaam of een lijst van 1 tot 4 namen"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        assert_int_equal(load_formula(&set, bad[k].formula, &err), WD_EPARSE);
        assert_null(set);
        if (!strstr(err.msg, bad[k].msg)) fail_msg("%s\ngave: %s", bad[k].formula, err.msg);
    }
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

/* A document read on top of a set loaded before gives the set that loading the built-ins
 * with it gives, item by item; the base is left as it was. */
static void text_on_a_base_as_on_the_builtins(void **state)
{
    (void)state;
    static const char *const files[] = {DATA "indicators_user.json", DATA "balance_small.json"};
    wd_indicator_set *base, *want, *got;
    wd_error err = {0};
    assert_int_equal(wd_indicators_load(&base, NULL, NULL, &err), 0);
    size_t n0 = base->n;
    for (int balance = 0; balance < 2; balance++) {
        size_t len;
        char *text = wd_test_read_file(files[balance], &len);
        assert_non_null(text);
        assert_int_equal(
            wd_indicators_load(&want, balance ? NULL : files[0], balance ? files[1] : NULL, &err),
            0);
        assert_int_equal(wd_indicators_load_text(&got, base, "x", text, len, balance, &err), 0);
        assert_int_equal(got->n, want->n);
        assert_memory_equal(got->items, want->items, want->n * sizeof *want->items);
        assert_memory_equal(&got->balance, &want->balance, sizeof want->balance);
        wd_indicators_free(got);
        wd_indicators_free(want);
        free(text);
    }
    assert_int_equal(base->n, n0);
    wd_indicators_free(base);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builtin_set_is_complete),
        cmocka_unit_test(every_builtin_has_domain_and_aggregation),
        cmocka_unit_test(formula_types),
        cmocka_unit_test(user_file_overrides_and_adds),
        cmocka_unit_test(bad_files_say_where),
        cmocka_unit_test(variables_with_alternative_names),
        cmocka_unit_test(bad_alternatives_say_what_is_read),
        cmocka_unit_test(balance_file),
        cmocka_unit_test(text_on_a_base_as_on_the_builtins),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
