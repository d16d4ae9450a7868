/* Implementation of wd_compute.h: one pass over a dataset (values, aggregates, trends, the
 * indices, the small-area pools) into wd_results, and Nederland's values from the buurten. */
#include "engine/wd_compute.h"

#include "engine/wd_rate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Why a value is missing, as the flags of a missing cell say it (wd_batch_flag_reason). */
#define WD_FLAGS_WHY                                                                               \
    (WD_FLAG_MISSING | WD_FLAG_SUPPRESSED | WD_FLAG_LATER | WD_FLAG_DISCONTINUED | WD_FLAG_SECRET)

/* One indicator value from the dataset cells of region r, year y. */
static void eval(const wd_results *res, size_t r, int y, const wd_indicator *ind, const int *num,
                 const int *den, size_t c_out)
{
    const wd_dataset *ds = res->ds;
    double n = 0, d = 0;
    unsigned flags = ind->flags;
    for (int k = 0; k < ind->n_num; k++) {
        size_t c = wd_dataset_cell(ds, r, y, (size_t)num[k]);
        flags |= ds->flags[c] & (WD_FLAG_MODEL | WD_FLAG_PROXY | WD_FLAGS_WHY);
        n += ds->value[c];
        if (k == 0) res->source[c_out] = ds->source[c];
    }
    for (int k = 0; k < ind->n_den; k++) {
        size_t c = wd_dataset_cell(ds, r, y, (size_t)den[k]);
        flags |= ds->flags[c] & WD_FLAGS_WHY;
        d += ds->value[c];
    }
    double v = ind->type == WD_FORMULA_DIFFERENCE ? n - d : n;
    if (ind->type == WD_FORMULA_SHARE) {
        if (isfinite(d) && d > 0 && d >= ind->min_den)
            v = ind->scale * n / d;
        else if (isfinite(d)) {
            /* A denominator under the minimum is treated like CBS suppression. */
            v = NAN;
            flags |= WD_FLAG_SUPPRESSED;
        } else
            v = NAN;
    }
    if (isfinite(v))
        flags &= ~(unsigned)WD_FLAGS_WHY;
    else
        v = NAN;
    res->value[c_out] = v;
    res->flags[c_out] = (unsigned char)flags;
}

/* Sums over the buurten of one wijk or gemeente, for aggregation. */
typedef struct {
    double num, den;  /* summed formula terms ("optellen") */
    double wsum, pop; /* population-weighted sum of buurt values and its weight ("gewogen") */
    double pop_all;   /* inhabitants of every buurt */
    int n, incomplete;
    int source; /* dataset source of the first buurt with a value: the aggregate's provenance
                   (and indeling); -1 while none */
} agg_sum;

static double sum_terms(const wd_dataset *ds, size_t r, int y, const int *vars, int n)
{
    double s = 0;
    for (int k = 0; k < n; k++)
        s += ds->value[wd_dataset_cell(ds, r, y, (size_t)vars[k])];
    return s;
}

/* Share of Nederland's inhabitants (as the store gives them for NL00) that the buurten must
 * hold before their sum or mean stands for the country. */
#define WD_LAND_COVERAGE 0.99

/* Add a part (a buurt, or a werkgebied's member) of `pop` inhabitants, value v and summed
 * terms n and d (of result cell `c`) to `a`. */
static void agg_add(agg_sum *a, const wd_results *res, size_t c, double pop, double v, double n,
                    double d)
{
    if (pop == 0) return; /* known to be empty: adds nothing, misses nothing */
    a->n++;
    if (a->source < 0 && isfinite(v)) a->source = res->source[c];
    if (isfinite(n) && isfinite(d)) {
        a->num += n;
        a->den += d;
    } else {
        a->incomplete = 1;
    }
    if (!(pop > 0)) return; /* unknown population: cannot be weighted */
    a->pop_all += pop;
    if (isfinite(v)) {
        a->wsum += pop * v;
        a->pop += pop;
    }
}

/* Region r's value of indicator i in year y from its parts in `a`, when it has none of its
 * own, by the indicator's rule. */
static void agg_put(wd_results *res, const agg_sum *a, size_t r, int y, size_t i)
{
    const wd_indicator *ind = &res->set->items[i];
    size_t c = wd_results_cell(res, r, y, i);
    if (a->n == 0 || isfinite(res->value[c])) return;
    double v = NAN;
    if (ind->aggregation == WD_AGG_WEIGHTED && a->pop > 0 && 2 * a->pop >= a->pop_all)
        v = a->wsum / a->pop;
    else if (ind->aggregation == WD_AGG_SUM && !a->incomplete) {
        if (ind->type == WD_FORMULA_SHARE)
            v = a->den > 0 && a->den >= ind->min_den ? ind->scale * a->num / a->den : NAN;
        else
            v = ind->type == WD_FORMULA_DIFFERENCE ? a->num - a->den : a->num;
    }
    if (isfinite(v)) {
        res->value[c] = v;
        res->flags[c] = (unsigned char)(ind->flags | WD_FLAG_AGGREGATED);
        if (a->source >= 0) res->source[c] = (unsigned short)a->source;
    }
}

/* Werkgebieden from their members of year y, after the wijken's values: a member's own figures
 * (a wijk's as published), or for a wijk without them the sums over its buurten in `acc`. */
static void aggregate_werkgebieden(wd_results *res, size_t i, const int *num, const int *den,
                                   const agg_sum *acc, int pop_var, int y)
{
    const wd_dataset *ds = res->ds;
    const wd_indicator *ind = &res->set->items[i];
    for (size_t k = 0; k < ds->n_members;) {
        size_t w = (size_t)ds->members[k].werkgebied, n_m;
        const wd_dataset_member *m = wd_dataset_members(ds, w, &n_m);
        agg_sum a = {.source = -1};
        for (size_t j = 0; j < n_m; j++) {
            size_t p = (size_t)m[j].region, c = wd_results_cell(res, p, y, i);
            double n = sum_terms(ds, p, y, num, ind->n_num),
                   d = sum_terms(ds, p, y, den, ind->n_den);
            if (!(isfinite(n) && isfinite(d)) && ds->regions[p].level == WD_LEVEL_WIJK &&
                acc[p].n > 0 && !acc[p].incomplete) {
                n = acc[p].num;
                d = acc[p].den;
            }
            agg_add(&a, res, c, ds->value[wd_dataset_cell(ds, p, y, (size_t)pop_var)],
                    res->value[c], n, d);
        }
        agg_put(res, &a, w, y, i);
        k += n_m;
    }
}

/* Wijk and gemeente values that the source does not publish (Leefbaarometer, a user's own
 * buurt figures), from their buurten by the indicator's aggregation rule, and every
 * werkgebied's from its members; with `to_land` (a dataset of the whole store) also
 * Nederland's, in years when the buurten hold the country's inhabitants. "optellen" needs
 * every inhabited part: a sum with a hole in it would be too low. "gewogen" needs parts with a
 * value to hold at least half of the inhabitants. */
static void aggregate(wd_results *res, size_t i, const int *num, const int *den, agg_sum *acc,
                      int to_land)
{
    const wd_dataset *ds = res->ds;
    const wd_indicator *ind = &res->set->items[i];
    int pop_var = wd_dataset_var(ds, "AantalInwoners", "");
    if (ind->aggregation == WD_AGG_NONE || pop_var < 0) return;
    for (int y = 0; y < ds->n_years; y++) {
        for (size_t r = 0; r < ds->n_regions; r++)
            acc[r] = (agg_sum){.source = -1};
        for (size_t b = 0; b < ds->n_regions; b++) {
            if (ds->regions[b].level != WD_LEVEL_BUURT) continue;
            double pop = ds->value[wd_dataset_cell(ds, b, y, (size_t)pop_var)];
            size_t bc = wd_results_cell(res, b, y, i);
            double n = sum_terms(ds, b, y, num, ind->n_num),
                   d = sum_terms(ds, b, y, den, ind->n_den);
            int targets[3] = {ds->parent[b], ds->gemeente[b], to_land ? res->land : -1};
            for (int t = 0; t < 3; t++) {
                if (targets[t] < 0 || (t == 0 && ds->regions[targets[t]].level != WD_LEVEL_WIJK))
                    continue;
                agg_add(&acc[targets[t]], res, bc, pop, res->value[bc], n, d);
            }
        }
        if (to_land && res->land >= 0) {
            /* Part of the country is not the country. */
            double all = ds->value[wd_dataset_cell(ds, (size_t)res->land, y, (size_t)pop_var)];
            if (!(acc[res->land].pop_all >= WD_LAND_COVERAGE * all)) acc[res->land].n = 0;
        }
        for (size_t r = 0; r < ds->n_regions; r++)
            agg_put(res, &acc[r], r, y, i);
        aggregate_werkgebieden(res, i, num, den, acc, pop_var, y);
    }
}

static int compute_values(wd_results *res, int to_land, wd_error *err)
{
    const wd_dataset *ds = res->ds;
    agg_sum *acc = malloc((ds->n_regions + 1) * sizeof *acc);
    if (!acc) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de aggregatie");
    for (size_t i = 0; i < res->n_ind; i++) {
        const wd_indicator *ind = &res->set->items[i];
        int *num = res->terms[i].num, *den = res->terms[i].den;
        for (int k = 0; k < ind->n_num; k++)
            num[k] = wd_dataset_term(ds, &ind->num[k], ind->subgroup);
        for (int k = 0; k < ind->n_den; k++)
            den[k] = wd_dataset_term(ds, &ind->den[k], ind->subgroup);
        for (int k = 0; k < ind->n_num + ind->n_den; k++) {
            int missing = k < ind->n_num ? num[k] : den[k - ind->n_num];
            if (missing < 0) {
                free(acc);
                return wd_error_set(
                    err, WD_ERR, "indicator %s: variabele %s niet geladen", ind->id,
                    (k < ind->n_num ? &ind->num[k] : &ind->den[k - ind->n_num])->name[0]);
            }
        }
        for (size_t r = 0; r < ds->n_regions; r++) {
            /* A werkgebied's own cells hold only its members' inhabitants added up. */
            unsigned mark = ds->regions[r].level == WD_LEVEL_WERKGEBIED ? WD_FLAG_AGGREGATED : 0;
            for (int y = 0; y < ds->n_years; y++) {
                size_t c = wd_results_cell(res, r, y, i);
                eval(res, r, y, ind, num, den, c);
                if (isfinite(res->value[c])) res->flags[c] |= (unsigned char)mark;
            }
        }
        aggregate(res, i, num, den, acc, to_land);
    }
    free(acc);
    return 0;
}

/* First year of the current boundary: KWB's IndelingswijzigingGemeenteWijkBuurt is 1 when a
 * region is unchanged since the year before; any other value starts a new series. */
static void find_breaks(wd_results *res)
{
    const wd_dataset *ds = res->ds;
    int v = wd_dataset_var(ds, "IndelingswijzigingGemeenteWijkBuurt", "");
    for (size_t r = 0; r < ds->n_regions; r++) {
        res->first_year[r] = 0;
        for (int y = 0; v >= 0 && y < ds->n_years; y++) {
            double f = ds->value[wd_dataset_cell(ds, r, y, (size_t)v)];
            if (isfinite(f) && f != 1) res->first_year[r] = y;
        }
    }
    /* A werkgebied's series starts again where one of its members' does. */
    for (size_t k = 0; k < ds->n_members; k++) {
        const wd_dataset_member *m = &ds->members[k];
        if (res->first_year[m->region] > res->first_year[m->werkgebied])
            res->first_year[m->werkgebied] = res->first_year[m->region];
    }
}

/* WLS where the values carry intervals, and the annual percent change of a share of counted
 * people (all values above 0); left empty (n = 0) where they do not apply. */
static void wls_and_apc(wd_results *res, size_t r, size_t i, int var, const double *x,
                        const double *y, size_t n)
{
    const wd_dataset *ds = res->ds;
    size_t ri = r * res->n_ind + i;
    double se[WD_TREND_MAX_POINTS];
    int with_se = 0;
    for (size_t k = 0; k < n && var >= 0; k++) {
        size_t c = wd_dataset_cell(ds, r, (int)(x[k] - ds->year0), (size_t)var);
        if (wd_trend_se_from_ci95(&se[k], ds->lo[c], ds->hi[c], NULL) != 0 || !(se[k] > 0))
            se[k] = NAN;
        with_se += isfinite(se[k]) && isfinite(y[k]);
    }
    memset(&res->wls[ri], 0, sizeof res->wls[ri]);
    if (with_se >= WD_TREND_MIN_POINTS && wd_trend_wls(&res->wls[ri], x, y, se, n, NULL) != 0)
        res->wls[ri].n = 0;
    memset(&res->apc[ri], 0, sizeof res->apc[ri]);
    if (res->set->items[i].of_counts && wd_trend_apc(&res->apc[ri], x, y, n, NULL) != 0)
        res->apc[ri].log.n = 0;
}

static int compute_trends(wd_results *res)
{
    const wd_dataset *ds = res->ds;
    double x[WD_TREND_MAX_POINTS], y[WD_TREND_MAX_POINTS];
    /* A value that is one variable may carry its published interval (RIVM margins). */
    int *var = malloc((res->n_ind + 1) * sizeof *var);
    if (!var) return WD_ENOMEM;
    for (size_t i = 0; i < res->n_ind; i++) {
        const wd_indicator *ind = &res->set->items[i];
        var[i] =
            ind->type == WD_FORMULA_VALUE ? wd_dataset_term(ds, &ind->num[0], ind->subgroup) : -1;
    }
    for (size_t r = 0; r < ds->n_regions; r++)
        for (size_t i = 0; i < res->n_ind; i++) {
            const wd_indicator *ind = &res->set->items[i];
            size_t n = 0, used = 0;
            unsigned flags = ind->flags;
            for (int t = res->first_year[r]; t < ds->n_years && n < WD_TREND_MAX_POINTS; t++) {
                size_t c = wd_results_cell(res, r, t, i);
                x[n] = ds->year0 + t;
                y[n++] = res->value[c];
                if (isfinite(res->value[c])) {
                    flags |= res->flags[c];
                    used++;
                }
            }
            size_t ri = r * res->n_ind + i;
            wd_trend *tr = &res->trend[ri];
            wd_trend_test *tt = &res->test[ri];
            memset(tr, 0, sizeof *tr);
            if (wd_trend_ols(tr, x, y, n, NULL) != 0) tr->n = 0;
            wls_and_apc(res, r, i, var[i], x, y, n);
            wd_mk mk;
            wd_theilsen ts;
            int tested =
                wd_trend_mk(&mk, x, y, n, NULL) == 0 && wd_trend_theilsen(&ts, x, y, n, NULL) == 0;
            tt->mk_p = tested ? mk.p : NAN;
            tt->theil_sen = tested ? ts.slope : NAN;
            if (wd_trend_classify(&tt->cls, (int)used, tested ? ts.slope : 0, tested ? mk.p : 1,
                                  ind->direction, (flags & WD_FLAG_MODEL) != 0, NULL) != 0)
                tt->cls = WD_TREND_TOO_FEW;
        }
    free(var);
    return 0;
}

/* Standard deviations of every indicator over the buurten of each gemeente with enough
 * inhabitants, per year, in one pass: sd[(ordinal of gemeente, year, indicator)], NAN when
 * fewer than two buurten have a value. gord maps a region index to its gemeente ordinal. */
static double *buurt_sds(const wd_results *res, const int *gord, size_t n_gm, double min_pop)
{
    const wd_dataset *ds = res->ds;
    size_t per_gm = (size_t)ds->n_years * res->n_ind, n = n_gm * per_gm;
    double *sd = calloc(n + 1, sizeof *sd), *sum = calloc(n + 1, sizeof *sum);
    double *sum2 = calloc(n + 1, sizeof *sum2);
    int pop_var = wd_dataset_var(ds, "AantalInwoners", "");
    if (!sd || !sum || !sum2) {
        free(sd);
        sd = NULL;
        goto cleanup;
    }
    for (size_t r = 0; r < ds->n_regions; r++) {
        int g = ds->gemeente[r];
        if (ds->regions[r].level != WD_LEVEL_BUURT || g < 0) continue;
        for (int y = 0; y < ds->n_years; y++) {
            double pop = ds->value[wd_dataset_cell(ds, r, y, (size_t)pop_var)];
            if (!(pop >= min_pop)) continue;
            size_t base = (size_t)gord[g] * per_gm + (size_t)y * res->n_ind;
            for (size_t i = 0; i < res->n_ind; i++) {
                double v = res->value[wd_results_cell(res, r, y, i)];
                if (!isfinite(v)) continue;
                sum[base + i] += v;
                sum2[base + i] += v * v;
                sd[base + i] += 1; /* the count, until turned into the deviation below */
            }
        }
    }
    for (size_t k = 0; k < n; k++) {
        double cnt = sd[k];
        if (cnt < 2) {
            sd[k] = NAN;
            continue;
        }
        double mean = sum[k] / cnt, var = (sum2[k] - cnt * mean * mean) / (cnt - 1);
        sd[k] = var > 1e-12 * (1 + mean * mean) ? sqrt(var) : NAN;
    }
cleanup:
    free(sum);
    free(sum2);
    return sd;
}

/* A component's score for region r: against the gemeente or Nederland, as a z-score (the
 * spread is always that of the gemeente's buurten) or as an index 100 x value / reference. */
static double component_score(const wd_results *res, size_t r, int y, size_t i)
{
    const wd_balance_def *b = &res->set->balance;
    int g = res->ds->gemeente[r], ref = b->vs_land ? res->land : g;
    if (g < 0 || ref < 0) return NAN;
    double x = res->value[wd_results_cell(res, r, y, i)];
    double rv = res->value[wd_results_cell(res, (size_t)ref, y, i)];
    if (b->as_index) return rv > 0 ? 100 * x / rv : NAN;
    if (!b->vs_land) return wd_results_z(res, r, y, i);
    return (x - rv) /
           res->sd[((size_t)res->gord[g] * (size_t)res->ds->n_years + (size_t)y) * res->n_ind + i];
}

/* One sub-index: 100 + scale * the weighted mean of the component z-scores, or the weighted
 * mean of the component indices. */
static void sub_index(wd_results *res, const wd_component *comp, int n_comp, double *z_out,
                      double *index_out, size_t r, int y)
{
    const wd_balance_def *b = &res->set->balance;
    double wsum = 0, wtotal = 0, zsum = 0;
    for (int k = 0; k < n_comp; k++) {
        size_t i = (size_t)comp[k].indicator;
        wtotal += comp[k].weight;
        z_out[k] = NAN;
        int yy = wd_results_last_year(res, r, i, y, b->max_years_back);
        double z = yy >= 0 ? component_score(res, r, yy, i) : NAN;
        if (!isfinite(z)) continue;
        z_out[k] = z;
        zsum += comp[k].weight * z;
        wsum += comp[k].weight;
    }
    /* An index resting on less than half of its weight would mislead. */
    double mean = zsum / wsum;
    *index_out =
        (wsum > 0 && wsum * 2 >= wtotal) ? (b->as_index ? mean : 100 + b->scale * mean) : NAN;
}

static int compute_balance(wd_results *res, wd_error *err)
{
    const wd_dataset *ds = res->ds;
    const wd_balance_def *b = &res->set->balance;
    size_t n_gm = 0;
    for (size_t r = 0; r < ds->n_regions; r++)
        res->gord[r] = ds->regions[r].level == WD_LEVEL_GEMEENTE ? (int)n_gm++ : -1;
    if (!(res->sd = buurt_sds(res, res->gord, n_gm, b->min_population)))
        return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de balans");
    for (size_t r = 0; r < ds->n_regions; r++) {
        size_t cy = r * (size_t)ds->n_years;
        for (int y = 0; y < ds->n_years; y++) {
            double *zk = &res->zk[(cy + (size_t)y) * WD_BAL_MAX_COMPONENTS];
            double *zl = &res->zl[(cy + (size_t)y) * WD_BAL_MAX_COMPONENTS];
            res->kracht[cy + (size_t)y] = res->last[cy + (size_t)y] = NAN;
            for (int k = 0; k < WD_BAL_MAX_COMPONENTS; k++)
                zk[k] = zl[k] = NAN;
            if (ds->gemeente[r] < 0) continue;
            sub_index(res, b->kracht, b->n_kracht, zk, &res->kracht[cy + (size_t)y], r, y);
            sub_index(res, b->last, b->n_last, zl, &res->last[cy + (size_t)y], r, y);
        }
    }
    return 0;
}

/* Marshall's fit per gemeente, year and share-of-counts indicator over the gemeente's buurten
 * with counts, fitted once so that each buurt's shrinkage and funnel reference cost nothing
 * more. Buurten are grouped by gemeente with a counting sort (one pass per indicator-year
 * however many gemeenten are loaded). */
static int compute_pools(wd_results *res)
{
    const wd_dataset *ds = res->ds;
    size_t n_gm = 0, nr = ds->n_regions;
    for (size_t r = 0; r < nr; r++)
        n_gm += res->gord[r] >= 0;
    res->pool = calloc(n_gm * (size_t)ds->n_years * res->n_ind + 1, sizeof *res->pool);
    size_t *start = calloc(n_gm + 1, sizeof *start), *fill = calloc(n_gm + 1, sizeof *fill);
    double *cnt = malloc((3 * nr + 1) * sizeof *cnt);
    int *gm_of = malloc((nr + 1) * sizeof *gm_of);
    int rc = res->pool && start && fill && cnt && gm_of ? 0 : WD_ENOMEM;
    double *den = cnt + nr, *shrunk = den + nr;
    for (size_t i = 0; !rc && i < res->n_ind; i++) {
        const wd_indicator *ind = &res->set->items[i];
        for (int y = 0; ind->of_counts && y < ds->n_years; y++) {
            memset(start, 0, (n_gm + 1) * sizeof *start);
            for (size_t b = 0; b < nr; b++) {
                int g = ds->gemeente[b];
                double c, d;
                gm_of[b] = g >= 0 && ds->regions[b].level == WD_LEVEL_BUURT &&
                                   isfinite(res->value[wd_results_cell(res, b, y, i)]) &&
                                   wd_results_counts(res, b, y, ind, &c, &d) == 0
                               ? res->gord[g]
                               : -1;
                if (gm_of[b] >= 0) start[gm_of[b] + 1]++;
            }
            for (size_t g = 0; g < n_gm; g++)
                start[g + 1] += start[g];
            memcpy(fill, start, (n_gm + 1) * sizeof *fill);
            for (size_t b = 0; b < nr; b++)
                if (gm_of[b] >= 0) {
                    size_t k = fill[gm_of[b]]++;
                    wd_results_counts(res, b, y, ind, &cnt[k], &den[k]);
                }
            for (size_t g = 0; g < n_gm; g++) {
                wd_eb_fit *fit = &res->pool[(g * (size_t)ds->n_years + (size_t)y) * res->n_ind + i];
                /* Fewer than two buurten with counts: no fit, k stays 0. */
                (void)wd_rate_eb(shrunk, fit, cnt + start[g], den + start[g],
                                 start[g + 1] - start[g], NULL);
            }
        }
    }
    free(start);
    free(fill);
    free(cnt);
    free(gm_of);
    return rc;
}

struct wd_land {
    int year0, n_years;
    size_t n_ind;
    double *value; /* (year, indicator of the full set); NAN where none was made */
};

void wd_compute_land_free(wd_land *land)
{
    if (!land) return;
    free(land->value);
    free(land);
}

/* The "variable|subgroup" of every series NL00 has. */
typedef struct {
    char (*items)[WD_DS_VAR_MAX];
    size_t n;
} series_names;

static int add_name(const char *variable, const char *subgroup, void *ctx)
{
    series_names *l = ctx;
    void *p = realloc(l->items, (l->n + 1) * sizeof *l->items);
    if (!p) return WD_ENOMEM;
    l->items = p;
    snprintf(l->items[l->n++], sizeof *l->items, "%s|%s", variable, subgroup);
    return 0;
}

/* The indicators of `set` (those in `need`, when given) that can be aggregated and have a term
 * that NL00 has no series of: their indices, in `pick` (room for set->n); returns how many. */
static size_t unpublished(int *pick, wd_store *store, const wd_indicator_set *set,
                          const unsigned char *need, wd_error *err, int *rc)
{
    series_names names = {0};
    size_t n = 0;
    *rc = wd_store_each_series_name(store, "NL00", add_name, &names, err);
    if (*rc == WD_ENOMEM) *rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    char(*have)[WD_DS_VAR_MAX] = names.items;
    size_t n_have = names.n;
    for (size_t i = 0; !*rc && i < set->n; i++) {
        const wd_indicator *ind = &set->items[i];
        int missing = 0;
        for (int k = 0; k < ind->n_num + ind->n_den; k++) {
            /* A term is published for NL00 when one of its names is. */
            const wd_term *t = k < ind->n_num ? &ind->num[k] : &ind->den[k - ind->n_num];
            int found = 0;
            for (int a = 0; a < t->n && !found; a++) {
                char key[WD_DS_VAR_MAX];
                snprintf(key, sizeof key, "%s|%s", t->name[a], ind->subgroup);
                for (size_t h = 0; h < n_have && !found; h++)
                    found = strcmp(have[h], key) == 0;
            }
            missing |= !found;
        }
        if (missing && ind->aggregation != WD_AGG_NONE && (!need || need[i])) pick[n++] = (int)i;
    }
    free(have);
    return n;
}

/* Results holding values only (see wd_compute_values), with Nederland's from the buurten when
 * `to_land`. */
static int values_only(wd_results **out, const wd_dataset *ds, const wd_indicator_set *set,
                       int to_land, wd_error *err)
{
    wd_results *res = calloc(1, sizeof *res);
    if (!res) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de waarden");
    size_t cells = ds->n_regions * (size_t)ds->n_years * set->n;
    res->ds = ds;
    res->set = set;
    res->n_ind = set->n;
    res->land = wd_dataset_region(ds, "NL00");
    res->value = malloc((cells + 1) * sizeof *res->value);
    res->flags = calloc(cells + 1, 1);
    res->source = calloc(cells + 1, sizeof *res->source);
    res->terms = calloc(set->n + 1, sizeof *res->terms);
    int rc = res->value && res->flags && res->source && res->terms
                 ? compute_values(res, to_land, err)
                 : wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor %zu waarden", cells);
    if (rc) {
        wd_results_free(res);
        return rc;
    }
    *out = res;
    return 0;
}

int wd_compute_values(wd_results **out, const wd_dataset *ds, const wd_indicator_set *set,
                      wd_error *err)
{
    return values_only(out, ds, set, 0, err);
}

int wd_compute_land(wd_land **out, wd_store *store, const wd_indicator_set *set,
                    const unsigned char *need, wd_error *err)
{
    wd_land *land = calloc(1, sizeof *land);
    int *pick = malloc((set->n + 1) * sizeof *pick);
    wd_indicator_set sub = {.balance = set->balance};
    sub.items = malloc((set->n + 1) * sizeof *sub.items);
    wd_dataset *ds = NULL;
    wd_results *res = NULL;
    int rc = land && pick && sub.items ? 0 : wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    wd_region nl;
    wd_error none;
    /* Without NL00 in the store there is no country to fill in, nor inhabitants to check. */
    if (!rc && wd_store_region(store, "NL00", &nl, &none) == 0)
        sub.n = unpublished(pick, store, set, need, err, &rc);
    for (size_t k = 0; k < sub.n; k++)
        sub.items[k] = set->items[pick[k]];
    if (!rc && sub.n > 0) {
        rc = wd_dataset_load_buurten(&ds, store, &sub, err);
        if (rc == WD_ENOTFOUND) rc = 0; /* nothing observed: nothing to make */
    }
    if (!rc && ds) {
        land->value = malloc(((size_t)ds->n_years * set->n + 1) * sizeof *land->value);
        rc = land->value ? values_only(&res, ds, &sub, 1, err)
                         : wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor Nederland");
    }
    if (!rc && res && res->land >= 0) {
        land->year0 = ds->year0;
        land->n_years = ds->n_years;
        land->n_ind = set->n;
        for (size_t c = 0; c < (size_t)ds->n_years * set->n; c++)
            land->value[c] = NAN;
        for (int y = 0; y < ds->n_years; y++)
            for (size_t k = 0; k < sub.n; k++) {
                size_t c = wd_results_cell(res, (size_t)res->land, y, k);
                if (res->flags[c] & WD_FLAG_AGGREGATED)
                    land->value[(size_t)y * set->n + (size_t)pick[k]] = res->value[c];
            }
    }
    wd_results_free(res);
    wd_dataset_free(ds);
    free(sub.items);
    free(pick);
    if (rc) {
        wd_compute_land_free(land);
        return rc;
    }
    *out = land;
    return 0;
}

/* Nederland's values made by wd_compute_land where the store has none. */
static void fill_land(wd_results *res, const wd_land *land)
{
    const wd_dataset *ds = res->ds;
    if (!land || res->land < 0 || land->n_ind != res->n_ind) return;
    for (int y = 0; y < ds->n_years; y++) {
        int ly = ds->year0 + y - land->year0;
        if (ly < 0 || ly >= land->n_years) continue;
        for (size_t i = 0; i < res->n_ind; i++) {
            double v = land->value[(size_t)ly * land->n_ind + i];
            size_t c = wd_results_cell(res, (size_t)res->land, y, i);
            if (!isfinite(v) || isfinite(res->value[c])) continue;
            res->value[c] = v;
            res->flags[c] = (unsigned char)(res->set->items[i].flags | WD_FLAG_AGGREGATED);
        }
    }
}

int wd_compute(wd_results **out, const wd_dataset *ds, const wd_indicator_set *set,
               const wd_land *land, wd_error *err)
{
    wd_results *res = calloc(1, sizeof *res);
    if (!res) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de resultaten");
    res->ds = ds;
    res->set = set;
    res->n_ind = set->n;
    size_t ry = ds->n_regions * (size_t)ds->n_years;
    size_t cells = ry * res->n_ind;
    res->value = malloc((cells + 1) * sizeof *res->value);
    res->flags = calloc(cells + 1, 1);
    res->source = calloc(cells + 1, sizeof *res->source);
    res->first_year = calloc(ds->n_regions + 1, sizeof *res->first_year);
    res->trend = calloc(ds->n_regions * res->n_ind + 1, sizeof *res->trend);
    res->test = calloc(ds->n_regions * res->n_ind + 1, sizeof *res->test);
    res->terms = calloc(res->n_ind + 1, sizeof *res->terms);
    res->wls = calloc(ds->n_regions * res->n_ind + 1, sizeof *res->wls);
    res->apc = calloc(ds->n_regions * res->n_ind + 1, sizeof *res->apc);
    res->kracht = malloc((ry + 1) * sizeof *res->kracht);
    res->last = malloc((ry + 1) * sizeof *res->last);
    res->zk = malloc((ry * WD_BAL_MAX_COMPONENTS + 1) * sizeof *res->zk);
    res->zl = malloc((ry * WD_BAL_MAX_COMPONENTS + 1) * sizeof *res->zl);
    res->gord = malloc((ds->n_regions + 1) * sizeof *res->gord);
    int rc = 0;
    if (!res->value || !res->flags || !res->source || !res->first_year || !res->trend ||
        !res->test || !res->terms || !res->wls || !res->apc || !res->kracht || !res->last ||
        !res->zk || !res->zl || !res->gord)
        rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor %zu resultaten", cells);
    res->land = wd_dataset_region(ds, "NL00");
    if (!rc) rc = compute_values(res, 0, err);
    if (!rc) {
        fill_land(res, land);
        find_breaks(res);
        rc = compute_trends(res) ? wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de trends")
                                 : 0;
        if (!rc) rc = compute_balance(res, err);
        if (!rc && compute_pools(res))
            rc = wd_error_set(err, WD_ENOMEM,
                              "geen geheugen meer voor de kleine-gebiedsschattingen");
    }
    if (rc) {
        wd_results_free(res);
        return rc;
    }
    *out = res;
    return 0;
}
