/* Tests of engine/wd_rank: opgaven definitions, scores, ranks, Monte Carlo rank intervals,
 * tiers and rank shifts against values computed independently in Python
 * (tests/data/engine/rank_reference.py), the minimum population, missing components, the
 * store round trip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "../fetchers/wd_test_batch.c"
#include "engine/wd_rank.h"
#include "wd_test_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATA WD_TEST_DATA "/engine/"
#define DRAWS 200
#define SEED 42

typedef struct {
    char *dir;
    wd_store *store;
    wd_indicator_set *set;
    wd_opgave_set *opg;
    wd_dataset *ds;
    wd_results *res;
    wd_ranking *rk;
} fixture;

/* The numbers of rank_reference.py: code, inhabitants, 65+, Wmo clients, net labour
 * participation %, households at the social minimum %; NAN = not in the store. */
static const struct {
    const char *code;
    double pop, a65, wmo, arbeid, minimum;
} buurten[] = {
    {"BU99990101", 1240, 290, 45, 61.4, 5.3},  {"BU99990102", 2385, 310, 130, 71.9, 9.1},
    {"BU99990103", 865, 105, 95, 58.2, 12.6},  {"BU99990104", 60, 20, 5, 66.0, 8.8},
    {"BU99990105", 3120, 655, 88, 74.3, 6.2},  {"BU99990106", 1710, 202, 151, 66.7, 8.9},
    {"BU99990201", 2045, 198, 77, NAN, NAN},   {"BU99990202", 955, 171, NAN, 63.5, 7.7},
    {"BU99990203", 1480, 233, 94, 69.8, 11.6}, {"BU99990204", 2760, 417, 203, 72.4, 8.8},
};

/* Output of rank_reference.py. */
static const struct {
    const char *code;
    double score, share;
    int rank, median, lo, hi;
    wd_tier tier;
    double shift;
} want[] = {
    {"BU99990101", 0.2414958523944101, 1.0, 3, 3, 2, 4, WD_TIER_HIGH, 0.745},
    {"BU99990102", -0.416674474106432, 1.0, 7, 7, 7, 7, WD_TIER_LOW, 0.0},
    {"BU99990103", 1.1132816627263558, 1.0, 1, 1, 1, 1, WD_TIER_HIGH, 0.0},
    {"BU99990104", 0.9565078358442604, 1.0, 0, 0, 0, 0, WD_TIER_NONE, 0}, /* small */
    {"BU99990105", -0.6745297111951445, 1.0, 8, 8, 8, 8, WD_TIER_LOW, 0.0},
    {"BU99990106", -0.014464178588930232, 1.0, 5, 5, 5, 5, WD_TIER_MIDDLE, 0.005},
    {"BU99990201", NAN, 0.3, 0, 0, 0, 0, WD_TIER_NONE, 0}, /* too little */
    {"BU99990202", 0.2612305889007007, 0.9, 2, 3, 2, 3, WD_TIER_HIGH, 0.625},
    {"BU99990203", 0.18583328625760925, 1.0, 4, 4, 2, 4, WD_TIER_MIDDLE, 0.575},
    {"BU99990204", -0.32673221374883693, 1.0, 6, 6, 6, 6, WD_TIER_LOW, 0.0},
};
static const double want_gemeente_shift = 0.24375;

/* A value of 2024; NAN: not in the store. */
static void add(wd_batch *b, const char *region, const char *var, double v)
{
    if (!isnan(v)) add_obs(b, region, 2024, var, v, 0);
}

static wd_rank_options options(unsigned long seed)
{
    return (wd_rank_options){.draws = DRAWS, .seed = seed, .min_population = 100, .year = 0};
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    char path[512];
    wd_error err = {0};
    f->dir = wd_test_tmpdir();
    snprintf(path, sizeof path, "%s/s.db", f->dir);
    assert_int_equal(wd_store_open(&f->store, path, 1, &err), 0);
    wd_batch *b = wd_batch_new();
    wd_source src = {.table_id = "85984NED", .url = "file:///x", .retrieved_at = "2026"};
    wd_batch_add_source(b, &src, NULL);
    add_region(b, "GM9999", "GM9999", WD_LEVEL_GEMEENTE, "NL00");
    add_region(b, "WK999901", "WK999901", WD_LEVEL_WIJK, "GM9999");
    add_region(b, "WK999902", "WK999902", WD_LEVEL_WIJK, "GM9999");
    for (size_t i = 0; i < sizeof buurten / sizeof *buurten; i++) {
        add_region(b, buurten[i].code, buurten[i].code, WD_LEVEL_BUURT,
                   i < 6 ? "WK999901" : "WK999902");
        add(b, buurten[i].code, "AantalInwoners", buurten[i].pop);
        add(b, buurten[i].code, "k_65JaarOfOuder", buurten[i].a65);
        add(b, buurten[i].code, "WmoClienten", buurten[i].wmo);
        add(b, buurten[i].code, "Nettoarbeidsparticipatie", buurten[i].arbeid);
        add(b, buurten[i].code, "HuishOnderOfRondSociaalMinimum", buurten[i].minimum);
    }
    /* A buurt whose number of inhabitants the store does not have: never ranked, and not
     * called small either. It has every other figure, so that only its population keeps it
     * out; outside the ranking it changes no other buurt's score. */
    add_region(b, "BU99990205", "BU99990205", WD_LEVEL_BUURT, "WK999902");
    add(b, "BU99990205", "k_65JaarOfOuder", 240);
    add(b, "BU99990205", "WmoClienten", 90);
    add(b, "BU99990205", "Nettoarbeidsparticipatie", 65.5);
    add(b, "BU99990205", "HuishOnderOfRondSociaalMinimum", 9.5);
    assert_int_equal(wd_store_import(f->store, b, &err), 0);
    wd_batch_free(b);
    assert_int_equal(wd_indicators_load(&f->set, NULL, NULL, &err), 0);
    assert_int_equal(wd_opgaven_load(&f->opg, f->set, DATA "opgaven_test.json", &err), 0);
    assert_int_equal(wd_dataset_load(&f->ds, f->store, "GM9999", f->set, &err), 0);
    assert_int_equal(wd_compute(&f->res, f->ds, f->set, NULL, &err), 0);
    wd_rank_options opt = options(SEED);
    assert_int_equal(wd_rank(&f->rk, f->res, f->opg, &opt, &err), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    wd_rank_free(f->rk);
    wd_results_free(f->res);
    wd_dataset_free(f->ds);
    wd_opgaven_free(f->opg);
    wd_indicators_free(f->set);
    wd_store_close(f->store);
    wd_test_rmtree(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

static void assert_close(double got, double want_v, double tol)
{
    if (isnan(want_v) ? !isnan(got) : !(fabs(got - want_v) <= tol * (1 + fabs(want_v)))) {
        print_error("got %.17g, want %.17g\n", got, want_v);
        fail();
    }
}

static const wd_rank_entry *entry(const fixture *f, const wd_ranking *rk, const char *code,
                                  const char *opgave)
{
    int r = wd_dataset_region(f->ds, code), o = wd_opgaven_find(f->opg, opgave);
    assert_true(r >= 0 && o >= 0);
    return &rk->entry[wd_rank_cell(rk, (size_t)r, (size_t)o)];
}

static void scores_ranks_and_intervals_match_reference(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const wd_rank_entry *e = entry(f, f->rk, want[i].code, "test_opgave");
        assert_close(e->score, want[i].score, 1e-12);
        assert_close(e->weight_share, want[i].share, 1e-12);
        assert_int_equal(e->rank, want[i].rank);
        assert_int_equal(e->rank_median, want[i].median);
        assert_int_equal(e->rank_lo, want[i].lo);
        assert_int_equal(e->rank_hi, want[i].hi);
        assert_int_equal(e->tier, want[i].tier);
        if (want[i].rank) {
            assert_close(e->shift, want[i].shift, 1e-12);
            assert_int_equal(e->n_ranked, 8);
            assert_int_equal(e->status, WD_RANK_RANKED);
        }
    }
    int g = wd_dataset_region(f->ds, "GM9999");
    size_t o = (size_t)wd_opgaven_find(f->opg, "test_opgave");
    assert_close(f->rk->gemeente_shift[wd_rank_cell(f->rk, (size_t)g, o)], want_gemeente_shift,
                 1e-12);
    assert_string_equal(wd_rank_tier_name(WD_TIER_HIGH), "hoge prioriteit");
    assert_string_equal(wd_rank_tier_name(WD_TIER_MIDDLE), "middel");
    assert_string_equal(wd_rank_tier_name(WD_TIER_LOW), "lage prioriteit");
}

static void small_and_incomplete_buurten_are_never_ranked(void **state)
{
    fixture *f = *state;
    /* 60 inhabitants: a score is shown, a rank never. */
    const wd_rank_entry *small = entry(f, f->rk, "BU99990104", "test_opgave");
    assert_int_equal(small->status, WD_RANK_SMALL);
    assert_true(isfinite(small->score));
    assert_int_equal(small->rank, 0);
    assert_int_equal(small->tier, WD_TIER_NONE);
    /* Only 1.5 of the 5 weight points have a value. */
    const wd_rank_entry *few = entry(f, f->rk, "BU99990201", "test_opgave");
    assert_int_equal(few->status, WD_RANK_TOO_LITTLE);
    assert_true(isnan(few->score));
    assert_int_equal(few->rank, 0);
    /* An unknown population is named as such, never as smallness. */
    const wd_rank_entry *unknown = entry(f, f->rk, "BU99990205", "test_opgave");
    assert_int_equal(unknown->status, WD_RANK_NO_POPULATION);
    assert_int_equal(unknown->rank, 0);
    assert_int_equal(unknown->tier, WD_TIER_NONE);
    assert_string_equal(wd_rank_status_name(unknown->status),
                        "inwonertal onbekend, niet gerangschikt");
    assert_string_equal(wd_rank_status_name(small->status),
                        "te weinig inwoners, niet gerangschikt");
    /* A wijk is not ranked at all. */
    assert_int_equal(entry(f, f->rk, "WK999901", "test_opgave")->status, WD_RANK_NOT_BUURT);
    /* Still not ranked when the minimum is lowered for everyone else: the tiny buurt is then
     * ranked, proving the minimum (not the data) kept it out. */
    wd_ranking *rk;
    wd_error err = {0};
    wd_rank_options opt = options(SEED);
    opt.min_population = 50;
    assert_int_equal(wd_rank(&rk, f->res, f->opg, &opt, &err), 0);
    assert_int_equal(entry(f, rk, "BU99990104", "test_opgave")->status, WD_RANK_RANKED);
    assert_int_equal(entry(f, rk, "BU99990104", "test_opgave")->n_ranked, 9);
    wd_rank_free(rk);
}

static void all_components_missing(void **state)
{
    fixture *f = *state;
    int o = wd_opgaven_find(f->opg, "alles_ontbreekt");
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const wd_rank_entry *e = entry(f, f->rk, want[i].code, "alles_ontbreekt");
        assert_true(isnan(e->score));
        assert_int_equal(e->rank, 0);
        int small = strcmp(want[i].code, "BU99990104") == 0;
        assert_int_equal(e->status, small ? WD_RANK_SMALL : WD_RANK_TOO_LITTLE);
    }
    int g = wd_dataset_region(f->ds, "GM9999");
    assert_true(isnan(f->rk->gemeente_shift[wd_rank_cell(f->rk, (size_t)g, (size_t)o)]));
}

static void same_seed_same_ranking(void **state)
{
    fixture *f = *state;
    wd_ranking *again, *other;
    wd_error err = {0};
    wd_rank_options opt = options(SEED);
    assert_int_equal(wd_rank(&again, f->res, f->opg, &opt, &err), 0);
    opt.seed = SEED + 1;
    assert_int_equal(wd_rank(&other, f->res, f->opg, &opt, &err), 0);
    int differs = 0;
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const wd_rank_entry *a = entry(f, f->rk, want[i].code, "test_opgave");
        const wd_rank_entry *b = entry(f, again, want[i].code, "test_opgave");
        const wd_rank_entry *c = entry(f, other, want[i].code, "test_opgave");
        assert_int_equal(a->rank_median, b->rank_median);
        assert_int_equal(a->rank_lo, b->rank_lo);
        assert_int_equal(a->rank_hi, b->rank_hi);
        assert_true(a->shift == b->shift || (isnan(a->shift) && isnan(b->shift)));
        assert_int_equal(a->rank, c->rank); /* the nominal ranking has no chance in it */
        if (a->shift != c->shift && want[i].rank) differs = 1;
    }
    assert_true(differs); /* another seed, other draws */
    wd_rank_free(again);
    wd_rank_free(other);

    /* Usage errors. */
    wd_ranking *rk = NULL;
    opt.draws = 0;
    assert_int_equal(wd_rank(&rk, f->res, f->opg, &opt, &err), WD_EUSAGE);
    assert_non_null(strstr(err.msg, "trekkingen"));
    /* A year without buurt figures is a shortage of data, not a usage error; the message says
     * which years there are. */
    opt = options(SEED);
    opt.year = 1990;
    assert_int_equal(wd_rank(&rk, f->res, f->opg, &opt, &err), WD_ERR);
    assert_string_equal(err.msg, "geen buurtgegevens van GM9999 voor jaar 1990 (de store heeft "
                                 "buurtgegevens over 2024)");
    assert_null(rk);
}

/* A store whose buurten have no inhabitants at all (their KWB figures never arrived): the
 * default year is not "jaar 0" but an error that says what is missing. */
static void no_buurt_figures_at_all(void **state)
{
    fixture *f = *state;
    char path[600];
    wd_error err = {0};
    wd_store *store;
    snprintf(path, sizeof path, "%s/leeg.db", f->dir);
    assert_int_equal(wd_store_open(&store, path, 1, &err), 0);
    wd_batch *b = wd_batch_new();
    wd_source src = {.table_id = "50150NED", .url = "file:///y", .retrieved_at = "2026"};
    wd_batch_add_source(b, &src, NULL);
    add_region(b, "GM9999", "GM9999", WD_LEVEL_GEMEENTE, "NL00");
    add_region(b, "WK999901", "WK999901", WD_LEVEL_WIJK, "GM9999");
    add_region(b, "BU99990101", "BU99990101", WD_LEVEL_BUURT, "WK999901");
    add(b, "GM9999", "AantalInwoners", 95000);
    add(b, "BU99990101", "WmoClienten", 45);
    assert_int_equal(wd_store_import(store, b, &err), 0);
    wd_batch_free(b);
    wd_dataset *ds;
    wd_results *res;
    wd_ranking *rk = NULL;
    assert_int_equal(wd_dataset_load(&ds, store, "GM9999", f->set, &err), 0);
    assert_int_equal(wd_compute(&res, ds, f->set, NULL, &err), 0);
    wd_rank_options opt = options(SEED);
    assert_int_equal(wd_rank(&rk, res, f->opg, &opt, &err), WD_ERR);
    assert_string_equal(err.msg, "geen buurtgegevens: geen buurt van GM9999 in de store heeft een "
                                 "inwonertal (haal de KWB-cijfers op met 'wijkdata fetch')");
    assert_null(rk);
    wd_results_free(res);
    wd_dataset_free(ds);
    wd_store_close(store);
}

static void builtin_and_user_opgaven(void **state)
{
    fixture *f = *state;
    wd_opgave_set *opg;
    wd_error err = {0};
    assert_int_equal(wd_opgaven_load(&opg, f->set, NULL, &err), 0);
    const char *ids[] = {"vitaal_ouder_worden",
                         "eenzaamheid_en_meedoen",
                         "mentaal_welzijn_jongeren",
                         "mentaal_welzijn_volwassenen",
                         "leefstijl",
                         "bestaanszekerheid"};
    assert_int_equal(opg->n, 6);
    for (size_t i = 0; i < 6; i++) {
        int o = wd_opgaven_find(opg, ids[i]);
        assert_true(o >= 0);
        assert_true(strlen(opg->items[o].description) > 100); /* a paragraph */
        assert_true(opg->items[o].n >= 3);
    }
    const wd_opgave *v = &opg->items[wd_opgaven_find(opg, "vitaal_ouder_worden")];
    /* aandeel_65plus is neutral: the file says higher is more need; goede_gezondheid_65plus is
     * "hoger_beter": without a direction, lower is more need. */
    assert_int_equal(v->comp[0].indicator, wd_indicators_find(f->set, "aandeel_65plus"));
    assert_int_equal(v->comp[0].sign, 1);
    assert_int_equal(v->comp[2].indicator, wd_indicators_find(f->set, "goede_gezondheid_65plus"));
    assert_int_equal(v->comp[2].sign, -1);
    wd_opgaven_free(opg);

    /* The user file replaced "leefstijl" and added two. */
    assert_int_equal(f->opg->n, 8);
    const wd_opgave *l = &f->opg->items[wd_opgaven_find(f->opg, "leefstijl")];
    assert_string_equal(l->title, "Eigen leefstijl");
    assert_int_equal(l->n, 1);
    assert_true(wd_opgaven_find(f->opg, "test_opgave") >= 0);

    opg = NULL;
    assert_int_equal(wd_opgaven_load(&opg, f->set, DATA "opgaven_bad_indicator.json", &err),
                     WD_EPARSE);
    assert_null(opg);
    assert_non_null(strstr(err.msg, "opgaven_bad_indicator.json: regel 5: opgave 'kapot'"));
    assert_non_null(strstr(err.msg, "bestaat_niet"));
    assert_int_equal(wd_opgaven_load(&opg, f->set, DATA "opgaven_neutral.json", &err), WD_EPARSE);
    assert_non_null(strstr(err.msg, "opgaven_neutral.json: regel 3: opgave 'neutraal'"));
    assert_non_null(strstr(err.msg, "richting"));
    assert_int_equal(wd_opgaven_load(&opg, f->set, DATA "bestaat_niet.json", &err), WD_EPARSE);
    assert_non_null(strstr(err.msg, "bestaat_niet.json"));
    static const char negative[] =
        "{\"opgaven\": [{\"id\": \"x\", \"titel\": \"X\", \"omschrijving\": \"y\",\n"
        " \"componenten\": [{\"indicator\": \"jeugdzorg\", \"gewicht\": -1}]}]}";
    assert_int_equal(
        wd_opgaven_load_text(&opg, f->set, "eigen.json", negative, sizeof negative - 1, &err),
        WD_EPARSE);
    assert_non_null(strstr(err.msg, "eigen.json: regel 1: opgave 'x': component 'jeugdzorg'"));
    assert_non_null(strstr(err.msg, "gewicht"));
}

static void saved_for_profiles(void **state)
{
    fixture *f = *state;
    wd_error err = {0};
    assert_int_equal(wd_rank_save(f->rk, f->store, &err), 0);
    assert_int_equal(wd_rank_save(f->rk, f->store, &err), 0); /* replaces, no duplicates */
    wd_rank_row rows[8];
    size_t n;
    assert_int_equal(wd_rank_top(rows, 8, &n, f->store, "BU99990101", &err), 0);
    assert_int_equal(n, 1); /* only test_opgave has data; the others are not ranked */
    assert_string_equal(rows[0].opgave, "test_opgave");
    assert_int_equal(rows[0].year, 2024);
    assert_int_equal(rows[0].rank, 3);
    assert_int_equal(rows[0].rank_lo, 2);
    assert_int_equal(rows[0].rank_hi, 4);
    assert_int_equal(rows[0].n_ranked, 8);
    assert_string_equal(rows[0].tier, "hoge prioriteit");
    assert_close(rows[0].score, want[0].score, 1e-12);
    /* A buurt below the minimum population has rows, but none ranked. */
    assert_int_equal(wd_rank_top(rows, 8, &n, f->store, "BU99990104", &err), 0);
    assert_int_equal(n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(scores_ranks_and_intervals_match_reference),
        cmocka_unit_test(small_and_incomplete_buurten_are_never_ranked),
        cmocka_unit_test(all_components_missing),
        cmocka_unit_test(same_seed_same_ranking),
        cmocka_unit_test(no_buurt_figures_at_all),
        cmocka_unit_test(builtin_and_user_opgaven),
        cmocka_unit_test(saved_for_profiles),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
