/* Implementation of wd_similar.h: one national load of the indicators' variables, their
 * values (wd_compute_values), z-scores per buurt in one flat array, and per question a pass
 * over every buurt keeping the nearest in a short sorted list. */
#include "engine/wd_similar.h"

#include "engine/wd_compute.h"
#include "engine/wd_dataset.h"
#include "engine/wd_out.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The documented list: indicator id and weight (each theme weighs 1). */
static const struct {
    const char *id;
    double weight;
} vars[] = {
    {"aandeel_0_15", 0.2},
    {"aandeel_15_25", 0.2},
    {"aandeel_25_45", 0.2},
    {"aandeel_45_65", 0.2},
    {"aandeel_65plus", 0.2},
    {"eenpersoonshuishoudens", 0.5},
    {"huishoudens_met_kinderen", 0.5},
    {"stedelijkheid", 1},
    {"inkomen_per_inwoner", 1},
    {"koopwoningen", 1},
};
#define N_VARS (sizeof vars / sizeof *vars)

typedef struct {
    char code[WD_CODE_MAX];
    char name[128];
    char wijk[WD_CODE_MAX];
    char gemeente[128];
    int eligible; /* enough inhabitants in the year */
} buurt;

struct wd_similar {
    int year;
    double min_population;
    size_t n, k;           /* buurten, indicators used */
    buurt *buurten;        /* in code order */
    double *z;             /* (buurt, indicator); NAN: none */
    double weight[N_VARS]; /* of the indicators used */
    double total;          /* their sum */
};

void wd_similar_free(wd_similar *s)
{
    if (!s) return;
    free(s->buurten);
    free(s->z);
    free(s);
}

int wd_similar_year(const wd_similar *s)
{
    return s->year;
}

double wd_similar_min_population(const wd_similar *s)
{
    return s->min_population;
}

static int cmp_code(const void *key, const void *item)
{
    return strcmp(key, ((const buurt *)item)->code);
}

/* The wijken and gemeenten of the store, for the names of the buurten's gemeenten. */
typedef struct {
    wd_region *items;
    size_t n, cap;
} area_list;

static int add_area(const wd_region *r, void *ctx)
{
    area_list *l = ctx;
    if (r->level != WD_LEVEL_WIJK && r->level != WD_LEVEL_GEMEENTE) return 0;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 256;
        void *p = realloc(l->items, cap * sizeof *l->items);
        if (!p) return WD_ENOMEM;
        l->items = p;
        l->cap = cap;
    }
    l->items[l->n++] = *r;
    return 0;
}

static int cmp_area(const void *key, const void *item)
{
    return strcmp(key, ((const wd_region *)item)->code);
}

/* Each buurt's gemeente name through its wijk (regions come by level, then code). */
static int name_gemeenten(wd_similar *s, wd_store *store, wd_error *err)
{
    area_list l = {0};
    int rc = wd_store_each_region(store, NULL, add_area, &l, err);
    if (rc == WD_ENOMEM) rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    size_t n_gm = 0;
    while (!rc && n_gm < l.n && l.items[n_gm].level == WD_LEVEL_GEMEENTE)
        n_gm++;
    for (size_t b = 0; !rc && b < s->n; b++) {
        const wd_region *w =
            bsearch(s->buurten[b].wijk, l.items + n_gm, l.n - n_gm, sizeof *l.items, cmp_area);
        const wd_region *g =
            w ? bsearch(w->parent, l.items, n_gm, sizeof *l.items, cmp_area) : NULL;
        if (g) snprintf(s->buurten[b].gemeente, sizeof s->buurten[b].gemeente, "%s", g->name);
    }
    free(l.items);
    return rc;
}

int wd_similar_build(wd_similar **out, wd_store *store, const wd_indicator_set *set, int year,
                     wd_error *err)
{
    wd_similar *s = calloc(1, sizeof *s);
    wd_indicator_set sub = {.balance = set->balance};
    sub.items = malloc((N_VARS + 1) * sizeof *sub.items);
    wd_dataset *ds = NULL;
    wd_results *res = NULL;
    int rc = s && sub.items ? 0 : wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    for (size_t v = 0; !rc && v < N_VARS; v++) {
        int i = wd_indicators_find(set, vars[v].id);
        if (i < 0) continue;
        s->weight[sub.n] = vars[v].weight;
        s->total += vars[v].weight;
        sub.items[sub.n++] = set->items[i];
    }
    if (!rc) {
        s->k = sub.n;
        s->min_population = set->balance.min_population;
    }
    if (!rc) rc = wd_dataset_load_buurten(&ds, store, &sub, err);
    if (!rc) rc = wd_compute_values(&res, ds, &sub, err);
    /* A year without buurt data compares nothing; whoever asked for it says so, naming what it
     * reports on. */
    int y = -1;
    if (!rc) {
        y = year > 0 ? year - ds->year0 : wd_dataset_buurt_year(ds);
        s->year = year > 0 ? year : ds->year0 + y;
        if (!wd_dataset_buurt_data(ds, y)) y = -1;
    }
    size_t nb = 0;
    for (size_t r = 0; !rc && y >= 0 && r < ds->n_regions; r++)
        nb += ds->regions[r].level == WD_LEVEL_BUURT;
    if (!rc) {
        s->buurten = calloc(nb + 1, sizeof *s->buurten);
        s->z = malloc((nb * s->k + 1) * sizeof *s->z);
        if (!s->buurten || !s->z) rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    }
    int pop = ds ? wd_dataset_var(ds, "AantalInwoners", "") : -1;
    double sum[N_VARS] = {0}, sum2[N_VARS] = {0}, cnt[N_VARS] = {0};
    /* Regions are in code order within their level. */
    for (size_t r = 0; !rc && y >= 0 && r < ds->n_regions; r++) {
        if (ds->regions[r].level != WD_LEVEL_BUURT) continue;
        buurt *b = &s->buurten[s->n];
        double *z = &s->z[s->n++ * s->k];
        snprintf(b->code, sizeof b->code, "%s", ds->regions[r].code);
        snprintf(b->name, sizeof b->name, "%s", ds->regions[r].name);
        snprintf(b->wijk, sizeof b->wijk, "%s", ds->regions[r].parent);
        b->eligible =
            ds->value[wd_dataset_cell(ds, r, y, (size_t)pop)] >= set->balance.min_population;
        for (size_t k = 0; k < s->k; k++) {
            int yy = wd_results_last_year(res, r, k, y, set->balance.max_years_back);
            z[k] = yy >= 0 ? res->value[wd_results_cell(res, r, yy, k)] : NAN;
            if (!b->eligible || !isfinite(z[k])) continue;
            sum[k] += z[k];
            sum2[k] += z[k] * z[k];
            cnt[k]++;
        }
    }
    /* The raw values become z-scores; an indicator without spread counts for nobody. */
    for (size_t k = 0; !rc && k < s->k; k++) {
        double mean = cnt[k] > 0 ? sum[k] / cnt[k] : NAN;
        double var = cnt[k] > 1 ? (sum2[k] - cnt[k] * mean * mean) / (cnt[k] - 1) : NAN;
        double sd = var > 1e-12 * (1 + mean * mean) ? sqrt(var) : NAN;
        for (size_t b = 0; b < s->n; b++)
            s->z[b * s->k + k] = (s->z[b * s->k + k] - mean) / sd;
    }
    if (!rc) rc = name_gemeenten(s, store, err);
    wd_results_free(res);
    wd_dataset_free(ds);
    free(sub.items);
    if (rc) {
        wd_similar_free(s);
        return rc;
    }
    *out = s;
    return 0;
}

/* Squared distance and shared weight of buurten a and b. */
static double distance2(const wd_similar *s, size_t a, size_t b, double *shared, int *n)
{
    const double *za = &s->z[a * s->k], *zb = &s->z[b * s->k];
    double d = 0;
    *shared = 0;
    *n = 0;
    for (size_t k = 0; k < s->k; k++) {
        if (!isfinite(za[k]) || !isfinite(zb[k])) continue;
        double diff = za[k] - zb[k];
        d += s->weight[k] * diff * diff;
        *shared += s->weight[k];
        ++*n;
    }
    return d;
}

size_t wd_similar_find(const wd_similar *s, const char *code, wd_similar_match *out, size_t cap,
                       const char **why)
{
    const buurt *t = bsearch(code, s->buurten, s->n, sizeof *s->buurten, cmp_code);
    *why = "";
    if (s->n == 0) {
        *why = "geen buurtgegevens van dit jaar";
        return 0;
    }
    if (!t) {
        *why = "geen buurt";
        return 0;
    }
    size_t a = (size_t)(t - s->buurten), n = 0;
    if (!t->eligible) {
        *why = "te weinig inwoners";
        return 0;
    }
    double own = 0;
    for (size_t k = 0; k < s->k; k++)
        own += isfinite(s->z[a * s->k + k]) ? s->weight[k] : 0;
    if (s->total <= 0 || own < WD_SIMILAR_MIN_WEIGHT * s->total) {
        *why = "te weinig gegevens";
        return 0;
    }
    if (cap > WD_SIMILAR_N) cap = WD_SIMILAR_N;
    /* Buurten come in code order, so a later one with an equal distance stays behind. */
    for (size_t b = 0; b < s->n && cap > 0; b++) {
        if (b == a || !s->buurten[b].eligible) continue;
        double shared;
        int n_vars;
        double d2 = distance2(s, a, b, &shared, &n_vars);
        if (shared < WD_SIMILAR_MIN_WEIGHT * s->total) continue;
        double d = sqrt(d2 / shared);
        if (n == cap && !(d < out[n - 1].distance)) continue;
        size_t at = n < cap ? n++ : cap - 1;
        while (at > 0 && d < out[at - 1].distance) {
            out[at] = out[at - 1];
            at--;
        }
        wd_similar_match *m = &out[at];
        snprintf(m->code, sizeof m->code, "%s", s->buurten[b].code);
        snprintf(m->name, sizeof m->name, "%s", s->buurten[b].name);
        snprintf(m->wijk, sizeof m->wijk, "%s", s->buurten[b].wijk);
        snprintf(m->gemeente, sizeof m->gemeente, "%s", s->buurten[b].gemeente);
        m->distance = d;
        m->n_vars = n_vars;
    }
    if (n == 0) *why = "geen vergelijkbare buurt met genoeg gegevens";
    return n;
}

/* The codes of the buurten asked for. */
typedef struct {
    char (*codes)[WD_CODE_MAX];
    size_t n, cap;
} code_list;

static int add_buurt(const wd_region *r, void *ctx)
{
    code_list *l = ctx;
    if (r->level != WD_LEVEL_BUURT) return 0;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 256;
        void *p = realloc(l->codes, cap * sizeof *l->codes);
        if (!p) return WD_ENOMEM;
        l->codes = p;
        l->cap = cap;
    }
    snprintf(l->codes[l->n++], WD_CODE_MAX, "%s", r->code);
    return 0;
}

static int cmp_codes(const void *a, const void *b)
{
    return strcmp(a, b);
}

int wd_similar_write_csv(FILE *f, const wd_similar *s, wd_store *store, const char *gemeente,
                         wd_error *err)
{
    code_list l = {0};
    wd_region g;
    if (s->n == 0) return wd_error_set(err, WD_ERR, "geen buurtgegevens voor jaar %d", s->year);
    int rc = gemeente ? wd_store_region(store, gemeente, &g, err) : 0;
    if (!rc && gemeente && g.level != WD_LEVEL_GEMEENTE)
        rc = wd_error_set(err, WD_EUSAGE, "%s is geen gemeentecode (verwacht GM....)", gemeente);
    if (!rc && gemeente) rc = wd_store_each_region(store, gemeente, add_buurt, &l, err);
    if (rc == WD_ENOMEM) rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    if (!rc && l.n) qsort(l.codes, l.n, WD_CODE_MAX, cmp_codes);
    wd_out o;
    wd_out_init(&o, f, ',', '.');
    wd_out_str(&o,
               "buurtcode,buurtnaam,jaar,rang,code,naam,wijkcode,afstand,indicatoren,reden\r\n");
    size_t n = gemeente ? l.n : s->n;
    for (size_t k = 0; !rc && k < n; k++) {
        const buurt *t = gemeente
                             ? bsearch(l.codes[k], s->buurten, s->n, sizeof *s->buurten, cmp_code)
                             : &s->buurten[k];
        if (!t) continue; /* a buurt without any figure the comparison uses */
        wd_similar_match m[WD_SIMILAR_N];
        const char *why;
        size_t got = wd_similar_find(s, t->code, m, WD_SIMILAR_N, &why);
        for (size_t j = 0; j < (got ? got : 1); j++) {
            wd_out_field(&o, t->code);
            wd_out_chr(&o, ',');
            wd_out_field(&o, t->name);
            wd_out_chr(&o, ',');
            wd_out_int(&o, s->year);
            wd_out_chr(&o, ',');
            if (got) {
                wd_out_int(&o, (long)j + 1);
                wd_out_chr(&o, ',');
                wd_out_field(&o, m[j].code);
                wd_out_chr(&o, ',');
                wd_out_field(&o, m[j].name);
                wd_out_chr(&o, ',');
                wd_out_field(&o, m[j].wijk);
                wd_out_chr(&o, ',');
                wd_out_number(&o, m[j].distance);
                wd_out_chr(&o, ',');
                wd_out_int(&o, m[j].n_vars);
                wd_out_str(&o, ",\r\n");
            } else {
                wd_out_str(&o, ",,,,,,");
                wd_out_field(&o, why);
                wd_out_str(&o, "\r\n");
            }
        }
    }
    wd_out_flush(&o);
    free(l.codes);
    if (!rc && ferror(f)) rc = wd_error_set(err, WD_EIO, "schrijven van de uitvoer mislukt");
    return rc;
}
