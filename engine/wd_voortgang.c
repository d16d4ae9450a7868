/* Implementation of wd_voortgang.h: the exact test, the verdicts and the follow-up of a beraad. */
#include "engine/wd_voortgang.h"

#include "engine/wd_rate.h"

#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *wd_voortgang_words(wd_vg_verdict v, wd_level level)
{
    switch (v) {
    case WD_VG_DOWN:
        return "gedaald, meer dan toeval";
    case WD_VG_UP:
        return "gestegen, meer dan toeval";
    case WD_VG_NOISE:
        return "binnen de onzekerheid";
    case WD_VG_BOUNDARY:
        return level == WD_LEVEL_WIJK       ? "niet te vergelijken: wijkgrens gewijzigd"
               : level == WD_LEVEL_GEMEENTE ? "niet te vergelijken: gemeentegrens gewijzigd"
                                            : "niet te vergelijken: buurtgrens gewijzigd";
    case WD_VG_BOUNDARY_UNKNOWN:
        return level == WD_LEVEL_WIJK ? "niet te vergelijken: onbekend of de wijkgrens gelijk bleef"
               : level == WD_LEVEL_GEMEENTE
                   ? "niet te vergelijken: onbekend of de gemeentegrens gelijk bleef"
                   : "niet te vergelijken: onbekend of de buurtgrens gelijk bleef";
    case WD_VG_NO_BASE:
        return "niet te vergelijken: geen cijfer bij het beraad";
    case WD_VG_NO_LATEST:
        return "niet te vergelijken: geen nieuw cijfer";
    case WD_VG_SAME_YEAR:
        return "nog geen nieuwer cijfer";
    default:
        return "niet te toetsen: geen aantallen of interval";
    }
}

/* log of the hypergeometric weight of x successes among the n1 draws: C(K, x) C(N - K, n1 - x). */
static double log_weight(long x, long K, long N, long n1)
{
    return gsl_sf_lnchoose((unsigned)K, (unsigned)x) +
           gsl_sf_lnchoose((unsigned)(N - K), (unsigned)(n1 - x));
}

double wd_voortgang_fisher(long a, long n1, long b, long n2)
{
    long K = a + b, N = n1 + n2;
    long lo = n1 - (N - K) > 0 ? n1 - (N - K) : 0, hi = K < n1 ? K : n1;
    if (lo >= hi) return 1;
    /* The weights relative to the most probable table, walked outward from it with the ratio
     * w(x + 1) / w(x) = (K - x)(n1 - x) / ((x + 1)(N - K - n1 + x + 1)): multiplications only,
     * so that the repeats for the rounding stay cheap. */
    long mode = (long)floor((double)(n1 + 1) * (double)(K + 1) / (double)(N + 2));
    if (mode < lo) mode = lo;
    if (mode > hi) mode = hi;
    double obs = exp(log_weight(a, K, N, n1) - log_weight(mode, K, N, n1));
    /* The most probable table (weight 1) counts when the observed one is as probable. */
    double tol = obs * (1 + 1e-7), total = 1, tail = 1 <= tol ? 1 : 0, w = 1;
    for (long x = mode; x < hi && w > 1e-17; x++) {
        w *= (double)(K - x) * (double)(n1 - x) / ((double)(x + 1) * (double)(N - K - n1 + x + 1));
        total += w;
        if (w <= tol) tail += w;
    }
    w = 1;
    for (long x = mode; x > lo && w > 1e-17; x--) {
        w *= (double)x * (double)(N - K - n1 + x) / ((double)(K - x + 1) * (double)(n1 - x + 1));
        total += w;
        if (w <= tol) tail += w;
    }
    double p = tail / total;
    return p > 1 ? 1 : p;
}

double wd_voortgang_fisher_rounded(long a, long n1, int round1, long b, long n2, int round2)
{
    int d1 = round1 ? 2 : 0, d2 = round2 ? 2 : 0;
    double worst = 0;
    for (long da = -d1; da <= d1; da++)
        for (long dn1 = -d1; dn1 <= d1; dn1++)
            for (long db = -d2; db <= d2; db++)
                for (long dn2 = -d2; dn2 <= d2; dn2++) {
                    long x = a + da, m = n1 + dn1, y = b + db, k = n2 + dn2;
                    if (x < 0 || y < 0 || x > m || y > k || m + k <= 0) continue;
                    double p = wd_voortgang_fisher(x, m, y, k);
                    if (p > worst) worst = p;
                }
    return worst;
}

static int has_counts(const wd_vg_point *p)
{
    return isfinite(p->count) && isfinite(p->den) && p->den > 0;
}

void wd_voortgang_test(wd_vg_test *out, const wd_vg_point *base, const wd_vg_point *now,
                       wd_area area)
{
    out->method = WD_VG_BY_NONE;
    out->p = NAN;
    if (base->year == 0 || !isfinite(base->value)) {
        out->verdict = WD_VG_NO_BASE;
        return;
    }
    if (now->year == 0 || !isfinite(now->value)) {
        out->verdict = WD_VG_NO_LATEST;
        return;
    }
    if (area != WD_AREA_SAME) {
        out->verdict = area == WD_AREA_CHANGED ? WD_VG_BOUNDARY : WD_VG_BOUNDARY_UNKNOWN;
        return;
    }
    if (now->year == base->year) {
        out->verdict = WD_VG_SAME_YEAR;
        return;
    }
    int up = now->value > base->value;
    if (has_counts(base) && has_counts(now)) {
        out->method = WD_VG_BY_COUNTS;
        out->p = wd_voortgang_fisher_rounded((long)base->count, (long)base->den, base->rounded,
                                             (long)now->count, (long)now->den, now->rounded);
        out->verdict = out->p >= WD_VOORTGANG_ALPHA ? WD_VG_NOISE : up ? WD_VG_UP : WD_VG_DOWN;
        return;
    }
    if (isfinite(base->lo) && isfinite(base->hi) && isfinite(now->lo) && isfinite(now->hi)) {
        out->method = WD_VG_BY_INTERVAL;
        int apart = now->lo > base->hi || now->hi < base->lo;
        out->verdict = !apart ? WD_VG_NOISE : up ? WD_VG_UP : WD_VG_DOWN;
        return;
    }
    out->verdict = WD_VG_NO_TEST;
}

/* ---- the follow-up of a beraad ---- */

/* The exact interval of a share of counts where none was published, in the unit of `value`. */
static void interval_of_counts(wd_vg_point *p)
{
    if (isfinite(p->lo) || !has_counts(p) || p->count <= 0 || p->den > 1e6) return;
    double lo, hi, scale = p->value * p->den / p->count;
    if (wd_rate_clopper_pearson(&lo, &hi, p->count, p->den, 0.95, NULL) == 0) {
        p->lo = lo * scale;
        p->hi = hi * scale;
    }
}

static wd_vg_point point_of_baseline(const wd_store_baseline *b)
{
    wd_vg_point p = {b->year, b->value, b->lo, b->hi, b->count, b->den, b->rounded};
    interval_of_counts(&p);
    return p;
}

typedef struct {
    wd_voortgang *v;
    size_t cap;
    wd_error *err;
} rows_ctx;

static int take_baseline(const wd_store_baseline *b, void *ctx)
{
    rows_ctx *c = ctx;
    wd_voortgang *v = c->v;
    if (v->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 16;
        void *p = realloc(v->rows, cap * sizeof *v->rows);
        if (!p) return wd_error_set(c->err, WD_ENOMEM, "geen geheugen meer");
        v->rows = p;
        c->cap = cap;
    }
    wd_vg_row *row = &v->rows[v->n++];
    memset(row, 0, sizeof *row);
    row->base = *b;
    row->then = point_of_baseline(b);
    row->model = (b->flags & WD_FLAG_MODEL) != 0;
    return 0;
}

/* Every beraad of the region, to add its baselines to the paths. */
typedef struct {
    wd_voortgang *v;
    wd_store *store;
    const wd_store_beraad *b;
    wd_error *err;
} path_ctx;

static int take_path_point(const wd_store_baseline *b, void *ctx)
{
    path_ctx *c = ctx;
    for (size_t k = 0; k < c->v->n; k++) {
        wd_vg_row *row = &c->v->rows[k];
        if (strcmp(row->base.indicator, b->indicator) != 0 ||
            strcmp(row->base.opgave, b->opgave) != 0 || row->n_path >= WD_VOORTGANG_MAX_PATH)
            continue;
        snprintf(row->path_date[row->n_path], sizeof row->path_date[0], "%s", c->b->date);
        row->path[row->n_path++] = point_of_baseline(b);
    }
    return 0;
}

static int take_path_beraad(const wd_store_beraad *b, void *ctx)
{
    path_ctx *c = ctx;
    c->v->n_beraden++;
    c->b = b;
    return wd_store_each_baseline(c->store, b->id, take_path_point, c, c->err);
}

/* The latest figure of the indicator of `row` for region r, and the verdict. */
static void follow(wd_vg_row *row, const wd_session *s, size_t r, int y)
{
    const wd_results *res = s->res;
    const wd_dataset *ds = s->ds;
    int i = wd_indicators_find(s->set, row->base.indicator);
    row->now = (wd_vg_point){0, NAN, NAN, NAN, NAN, NAN, 0};
    wd_area area = WD_AREA_SAME;
    if (i >= 0) {
        const wd_indicator *ind = &s->set->items[i];
        wd_results_pick pick;
        wd_results_latest(&pick, res, r, (size_t)i, y, s->set->balance.max_years_back);
        if (pick.year >= 0) {
            size_t cell = wd_results_cell(res, r, pick.year, (size_t)i);
            wd_vg_point *p = &row->now;
            p->year = ds->year0 + pick.year;
            p->value = res->value[cell];
            wd_results_interval(res, r, pick.year, (size_t)i, &p->lo, &p->hi);
            double cnt, den;
            if (ind->of_counts && wd_results_counts(res, r, pick.year, ind, &cnt, &den) == 0) {
                p->count = cnt;
                p->den = den;
            }
            const wd_source *src = &ds->sources[res->source[cell]];
            snprintf(row->now_table, sizeof row->now_table, "%s", src->table_id);
            wd_level lv = ds->regions[r].level;
            p->rounded = (lv == WD_LEVEL_BUURT || lv == WD_LEVEL_WIJK) &&
                         strncmp(src->publisher, "CBS", 3) == 0 && isfinite(p->count);
            interval_of_counts(p);
            int a = row->base.indeling > 0 ? row->base.indeling : row->base.year;
            int b = ds->source_indeling[res->source[cell]];
            if (b <= 0) b = p->year;
            if (row->base.year > 0 && a != b) area = wd_dataset_area(ds, r, a, b);
        } else if (pick.left_out >= 0) {
            /* The newest figure describes another area than the region's now. */
            area = pick.area;
            row->now.year = ds->year0 + pick.left_out;
            row->now.value = res->value[wd_results_cell(res, r, pick.left_out, (size_t)i)];
        }
    }
    wd_voortgang_test(&row->test, &row->then, &row->now, area);
}

int wd_voortgang_make(wd_voortgang **out, const wd_session *s, const char *code, const char *date,
                      wd_error *err)
{
    int r = wd_dataset_region(s->ds, code);
    if (r < 0) return wd_error_set(err, WD_ENOTFOUND, "onbekende regiocode '%s'", code);
    wd_voortgang *v = calloc(1, sizeof *v);
    if (!v) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    int found;
    int rc = wd_beraad_find(&v->beraad, &found, s->store, code, date, err);
    if (!rc && !found)
        rc = wd_error_set(err, WD_ENOTFOUND,
                          "geen beraad van %s in de store: leg er een vast met 'wijkdata beraad "
                          "sjabloon --gebied %s' en 'wijkdata beraad invoeren BESTAND'",
                          code, code);
    rows_ctx rc_ctx = {v, 0, err};
    if (!rc) rc = wd_store_each_baseline(s->store, v->beraad.b.id, take_baseline, &rc_ctx, err);
    path_ctx pc = {v, s->store, NULL, err};
    if (!rc) rc = wd_store_each_beraad(s->store, code, take_path_beraad, &pc, err);
    if (rc) {
        wd_voortgang_free(v);
        return rc;
    }
    const wd_dataset *ds = s->ds;
    v->region = ds->regions[r];
    int g = ds->gemeente[r];
    if (g >= 0) snprintf(v->gemeente_name, sizeof v->gemeente_name, "%s", ds->regions[g].name);
    int y = wd_results_year(s->res, (size_t)r, 0);
    v->year = ds->year0 + y;
    v->demo = s->demo;
    for (size_t k = 0; k < v->n; k++)
        follow(&v->rows[k], s, (size_t)r, y);
    *out = v;
    return 0;
}

void wd_voortgang_free(wd_voortgang *v)
{
    if (!v) return;
    free(v->rows);
    free(v);
}
