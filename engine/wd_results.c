/* Implementation of wd_results.h: what the computed results give for a region (its reported
 * year, z-score, counts, small-area figures, balance in words), their saving into the store,
 * and freeing them. */
#include "engine/wd_results.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *wd_results_balance_class(double kracht, double last, double bound)
{
    if (!isfinite(kracht) || !isfinite(last)) return "onbekend (te weinig gegevens)";
    double d = kracht - last;
    if (d > bound) return "draagkracht groter dan draaglast";
    if (d < -bound) return "draaglast groter dan draagkracht";
    return "draagkracht en draaglast in evenwicht";
}

void wd_results_free(wd_results *res)
{
    if (!res) return;
    free(res->value);
    free(res->flags);
    free(res->source);
    free(res->first_year);
    free(res->trend);
    free(res->test);
    free(res->terms);
    free(res->wls);
    free(res->apc);
    free(res->kracht);
    free(res->last);
    free(res->zk);
    free(res->zl);
    free(res->gord);
    free(res->sd);
    free(res->pool);
    free(res);
}

int wd_results_year(const wd_results *res, size_t r, int year)
{
    const wd_dataset *ds = res->ds;
    if (year > 0)
        return year >= ds->year0 && year < ds->year0 + ds->n_years ? year - ds->year0 : -1;
    int pop = wd_dataset_var(ds, "AantalInwoners", "");
    for (int y = ds->n_years - 1; y >= 0; y--)
        if (isfinite(ds->value[wd_dataset_cell(ds, r, y, (size_t)pop)])) return y;
    int buurten = wd_dataset_buurt_year(ds);
    return buurten >= 0 ? buurten : ds->n_years - 1;
}

int wd_results_too_small(const wd_results *res, size_t r, int y, size_t i)
{
    const wd_indicator *ind = &res->set->items[i];
    const wd_terms *t = &res->terms[i];
    if (ind->type != WD_FORMULA_SHARE || isfinite(res->value[wd_results_cell(res, r, y, i)]))
        return 0;
    double den = 0;
    for (int k = 0; k < ind->n_den; k++)
        den += res->ds->value[wd_dataset_cell(res->ds, r, y, (size_t)t->den[k])];
    return isfinite(den) && !(den > 0 && den >= ind->min_den);
}

/* The indeling of the figure behind a value: its source's, or its own year. */
static int figure_indeling(const wd_results *res, size_t r, int y, size_t i)
{
    int indeling = res->ds->source_indeling[res->source[wd_results_cell(res, r, y, i)]];
    return indeling > 0 ? indeling : res->ds->year0 + y;
}

void wd_results_latest(wd_results_pick *out, const wd_results *res, size_t r, size_t i, int upto,
                       int back)
{
    const wd_dataset *ds = res->ds;
    out->year = out->left_out = -1;
    out->indeling = 0;
    out->area = WD_AREA_SAME;
    out->source_indeling = 0;
    out->flags = upto >= 0 ? res->flags[wd_results_cell(res, r, upto, i)] : 0;
    for (int y = upto; y >= 0 && y >= upto - back; y--) {
        if (!isfinite(res->value[wd_results_cell(res, r, y, i)])) continue;
        if (wd_results_in_area(res, r, y, i, upto)) {
            out->year = y;
            return;
        }
        if (out->left_out >= 0) continue;
        out->left_out = y;
        out->indeling = figure_indeling(res, r, y, i);
        out->area = wd_dataset_area(ds, r, out->indeling, ds->year0 + upto);
    }
    if (out->left_out >= 0 || upto < 0) return;
    /* Nothing at all: is the region's area newer than what the indicator's source covers? */
    int newest = 0;
    for (size_t k = 0; k < ds->n_regions; k++)
        for (int y = 0; y < ds->n_years; y++)
            if (isfinite(res->value[wd_results_cell(res, k, y, i)]) &&
                ds->regions[k].level != WD_LEVEL_LAND) {
                int ind = figure_indeling(res, k, y, i);
                if (ind > newest) newest = ind;
            }
    if (newest && wd_dataset_area(ds, r, newest, ds->year0 + upto) != WD_AREA_SAME)
        out->source_indeling = newest;
}

int wd_results_save(const wd_results *res, wd_store *store, int year, int skip_land, wd_error *err)
{
    const wd_dataset *ds = res->ds;
    wd_store_result *rows = malloc((res->n_ind + 2) * sizeof *rows);
    if (!rows) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer om resultaten te bewaren");
    /* Its own transaction, or part of the caller's (a national run saves every gemeente in
     * one). */
    wd_store_results *w = NULL;
    int rc = wd_store_results_open(&w, store, err);
    for (size_t r = 0; !rc && r < ds->n_regions; r++) {
        if ((skip_land && ds->regions[r].level == WD_LEVEL_LAND) || ds->outside[r]) continue;
        size_t n = 0;
        int y = wd_results_year(res, r, year);
        for (size_t i = 0; y >= 0 && i < res->n_ind; i++) {
            size_t c = wd_results_cell(res, r, y, i);
            if (isfinite(res->value[c]) && wd_results_in_area(res, r, y, i, y))
                rows[n++] = (wd_store_result){res->set->items[i].id, ds->year0 + y, res->value[c],
                                              res->flags[c], wd_results_z(res, r, y, i)};
        }
        size_t ry = r * (size_t)ds->n_years + (size_t)y;
        if (y >= 0 && isfinite(res->kracht[ry]))
            rows[n++] =
                (wd_store_result){"draagkracht_index", ds->year0 + y, res->kracht[ry], 0, NAN};
        if (y >= 0 && isfinite(res->last[ry]))
            rows[n++] = (wd_store_result){"draaglast_index", ds->year0 + y, res->last[ry], 0, NAN};
        rc = wd_store_results_replace(w, ds->regions[r].code, rows, n, err);
    }
    int closed = wd_store_results_close(w, !rc, err);
    free(rows);
    return rc ? rc : closed;
}

int wd_results_small_area(const wd_results *res, size_t r, int y, size_t i, wd_small_area *out)
{
    const wd_dataset *ds = res->ds;
    const wd_indicator *ind = &res->set->items[i];
    int g = ds->gemeente[r];
    if (!ind->of_counts || ds->regions[r].level != WD_LEVEL_BUURT || g < 0 ||
        !isfinite(res->value[wd_results_cell(res, r, y, i)]) ||
        wd_results_counts(res, r, y, ind, &out->count, &out->den))
        return WD_ENOTFOUND;
    const wd_eb_fit *fit =
        &res->pool[((size_t)res->gord[g] * (size_t)ds->n_years + (size_t)y) * res->n_ind + i];
    /* The pool's overall rate is the gemeente's share among its buurten with counts: the
     * funnel's reference. */
    if (fit->k < 2 ||
        wd_rate_clopper_pearson(&out->lo, &out->hi, out->count, out->den, 0.95, NULL) ||
        wd_rate_funnel_position(&out->funnel, out->count, out->den, fit->m, WD_FUNNEL_EXACT, NULL))
        return WD_ENOTFOUND;
    out->lo *= ind->scale;
    out->hi *= ind->scale;
    out->eb = wd_rate_eb_shrink(fit, out->count, out->den) * ind->scale;
    return 0;
}

void wd_results_interval(const wd_results *res, size_t r, int y, size_t i, double *lo, double *hi)
{
    const wd_dataset *ds = res->ds;
    const wd_indicator *ind = &res->set->items[i];
    *lo = *hi = NAN;
    if (ind->type == WD_FORMULA_VALUE) {
        size_t c = wd_dataset_cell(ds, r, y, (size_t)res->terms[i].num[0]);
        if (isfinite(ds->lo[c]) && isfinite(ds->hi[c])) {
            *lo = ds->lo[c];
            *hi = ds->hi[c];
            return;
        }
    }
    wd_small_area sa;
    if (wd_results_small_area(res, r, y, i, &sa) == 0) {
        *lo = sa.lo;
        *hi = sa.hi;
    }
}
