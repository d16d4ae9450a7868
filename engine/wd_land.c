/* Implementation of wd_land_compute: Nederland's values from the buurten of the whole store,
 * where the store has no national series (see wd_compute.h). */
#include "engine/wd_compute.h"

#include "engine/wd_compute_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct wd_land {
    int year0, n_years;
    size_t n_ind;
    double *value; /* (year, indicator of the full set); NAN where none was made */
};

void wd_land_free(wd_land *land)
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
            char key[WD_DS_VAR_MAX];
            snprintf(key, sizeof key, "%s|%s",
                     k < ind->n_num ? ind->num[k] : ind->den[k - ind->n_num], ind->subgroup);
            size_t h = 0;
            while (h < n_have && strcmp(have[h], key) != 0)
                h++;
            missing |= h == n_have;
        }
        if (missing && ind->aggregation != WD_AGG_NONE && (!need || need[i])) pick[n++] = (int)i;
    }
    free(have);
    return n;
}

int wd_land_compute(wd_land **out, wd_store *store, const wd_indicator_set *set,
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
    if (!rc && ds && (res = calloc(1, sizeof *res))) {
        size_t cells = ds->n_regions * (size_t)ds->n_years * sub.n;
        res->ds = ds;
        res->set = &sub;
        res->n_ind = sub.n;
        res->land = wd_dataset_region(ds, "NL00");
        res->value = malloc((cells + 1) * sizeof *res->value);
        res->flags = calloc(cells + 1, 1);
        res->source = calloc(cells + 1, sizeof *res->source);
        res->terms = calloc(sub.n + 1, sizeof *res->terms);
        land->value = malloc(((size_t)ds->n_years * set->n + 1) * sizeof *land->value);
        if (!res->value || !res->flags || !res->source || !res->terms || !land->value)
            rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de waarden van Nederland");
        if (!rc) rc = wd_compute__values(res, 1, err);
    } else if (!rc && ds) {
        rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de waarden van Nederland");
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
        wd_land_free(land);
        return rc;
    }
    *out = land;
    return 0;
}

/* Nederland's values made by wd_land_compute where the store has none. */
void wd_land__fill(wd_results *res, const wd_land *land)
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
