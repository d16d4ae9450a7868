/* Implementation of wd_rank.h: scores, Monte Carlo ranks (GSL) and the ranking in the store. */
#include "engine/wd_rank.h"

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *wd_rank_tier_name(wd_tier t)
{
    static const char *const names[] = {"", "hoge prioriteit", "middel", "lage prioriteit"};
    return names[t];
}

const char *wd_rank_status_name(wd_rank_status s)
{
    static const char *const names[] = {
        "gerangschikt", "geen buurt", "te weinig inwoners, niet gerangschikt",
        "te weinig gegevens, niet gerangschikt", "inwonertal onbekend, niet gerangschikt"};
    return names[s];
}

/* ---- scoring and ranking ---- */

/* A member of the gemeente's ranking with its score in the current draw. */
typedef struct {
    double score;
    int member;
} slot;

/* Working memory for one gemeente and opgave, allocated once for the largest gemeente. */
typedef struct {
    int *members;  /* region indices of the ranked buurten, in region (code) order */
    slot *order;   /* members by score, most need first */
    int *order0;   /* members by their rank with the weights as defined, where each draw's
                      sort starts: a draw lies closer to it than to another draw */
    int *rank0;    /* rank with the weights as defined */
    int *hist;     /* (member, rank - 1): how often */
    double *shift; /* summed |rank in draw - rank0| */
    double *zz;    /* (member, component): z, 0 where it has none */
    double *has;   /* (member, component): 1 where it has a z, else 0 */
} workspace;

static void workspace_free(workspace *w)
{
    free(w->members);
    free(w->order);
    free(w->order0);
    free(w->rank0);
    free(w->hist);
    free(w->shift);
    free(w->zz);
    free(w->has);
}

static int workspace_alloc(workspace *w, size_t n)
{
    memset(w, 0, sizeof *w);
    w->members = malloc((n + 1) * sizeof *w->members);
    w->order = malloc((n + 1) * sizeof *w->order);
    w->order0 = malloc((n + 1) * sizeof *w->order0);
    w->rank0 = malloc((n + 1) * sizeof *w->rank0);
    w->hist = malloc((n * n + 1) * sizeof *w->hist);
    w->shift = malloc((n + 1) * sizeof *w->shift);
    w->zz = malloc((n * WD_OPG_MAX_COMPONENTS + 1) * sizeof *w->zz);
    w->has = malloc((n * WD_OPG_MAX_COMPONENTS + 1) * sizeof *w->has);
    return w->members && w->order && w->order0 && w->rank0 && w->hist && w->shift && w->zz && w->has
               ? 0
               : WD_ENOMEM;
}

/* Weighted mean of the finite z-scores; *share the part of the weight that had a value. */
static double weighted_score(const double *z, const wd_opgave *g, double *share)
{
    double sum = 0, wsum = 0, wall = 0;
    for (int k = 0; k < g->n; k++) {
        double w = g->comp[k].weight;
        wall += w;
        if (!isfinite(z[k])) continue;
        sum += w * z[k];
        wsum += w;
    }
    *share = wall > 0 ? wsum / wall : 0;
    return wsum > 0 ? sum / wsum : NAN;
}

/* Most need first; equal scores in code order, so that ties cannot depend on the sort. */
static int before(const slot *a, const slot *b)
{
    return a->score > b->score || (a->score == b->score && a->member < b->member);
}

/* Insertion sort: started from the nominal order a draw is nearly sorted, so this is close to
 * linear (the draws take most of a national ranking). */
static void sort_order(slot *order, int n)
{
    for (int i = 1; i < n; i++) {
        slot x = order[i];
        int j = i - 1;
        while (j >= 0 && before(&x, &order[j])) {
            order[j + 1] = order[j];
            j--;
        }
        order[j + 1] = x;
    }
}

/* Nearest-rank percentile q (in %) of the ranks counted in hist[0 .. n-1] over `draws`. */
static int percentile(const int *hist, int n, int draws, int q)
{
    long need = ((long)q * draws + 99) / 100, cum = 0;
    for (int r = 0; r < n; r++)
        if ((cum += hist[r]) >= need) return r + 1;
    return n;
}

static wd_tier tier_of(int median, int n)
{
    int third = (n + 2) / 3;
    if (median <= third) return WD_TIER_HIGH;
    if (median > n - third) return WD_TIER_LOW;
    return WD_TIER_MIDDLE;
}

/* Rank the `n` members of one gemeente for opgave `o`, nominally and in every draw. */
static void rank_gemeente(wd_ranking *rk, size_t o, workspace *w, int n, const double *mult,
                          double *mean_shift)
{
    const wd_opgave *g = &rk->opg->items[o];
    size_t nc = WD_OPG_MAX_COMPONENTS;
    for (int j = 0; j < n; j++) {
        w->order[j] = (slot){rk->entry[wd_rank_cell(rk, (size_t)w->members[j], o)].score, j};
        w->shift[j] = 0;
    }
    sort_order(w->order, n);
    for (int p = 0; p < n; p++) {
        w->rank0[w->order[p].member] = p + 1;
        w->order0[p] = w->order[p].member;
    }
    memset(w->hist, 0, (size_t)n * (size_t)n * sizeof *w->hist);
    /* The draws' scores as two dot products with the drawn weights: weighted_score's sums in
     * the same order, with exact zeros for the missing components. */
    for (int j = 0; j < n; j++) {
        const double *z = &rk->z[wd_rank_cell(rk, (size_t)w->members[j], o) * nc];
        for (int k = 0; k < g->n; k++) {
            w->has[(size_t)j * nc + (size_t)k] = isfinite(z[k]) ? 1 : 0;
            w->zz[(size_t)j * nc + (size_t)k] = isfinite(z[k]) ? z[k] : 0;
        }
    }
    for (int d = 0; d < rk->opt.draws; d++) {
        double wk[WD_OPG_MAX_COMPONENTS];
        for (int k = 0; k < g->n; k++)
            wk[k] = g->comp[k].weight * mult[(size_t)d * nc + (size_t)k];
        for (int p = 0; p < n; p++) {
            int j = w->order0[p];
            const double *zz = &w->zz[(size_t)j * nc], *has = &w->has[(size_t)j * nc];
            double sum = 0, wsum = 0;
            for (int k = 0; k < g->n; k++) {
                sum += wk[k] * zz[k];
                wsum += wk[k] * has[k];
            }
            w->order[p] = (slot){sum / wsum, j};
        }
        sort_order(w->order, n);
        for (int p = 0; p < n; p++) {
            int j = w->order[p].member;
            w->hist[(size_t)j * (size_t)n + (size_t)p]++;
            w->shift[j] += abs(p + 1 - w->rank0[j]);
        }
    }
    double total = 0;
    for (int j = 0; j < n; j++) {
        wd_rank_entry *e = &rk->entry[wd_rank_cell(rk, (size_t)w->members[j], o)];
        const int *h = &w->hist[(size_t)j * (size_t)n];
        e->rank = w->rank0[j];
        e->rank_lo = percentile(h, n, rk->opt.draws, 5);
        e->rank_median = percentile(h, n, rk->opt.draws, 50);
        e->rank_hi = percentile(h, n, rk->opt.draws, 95);
        e->shift = w->shift[j] / rk->opt.draws;
        e->n_ranked = n;
        e->tier = tier_of(e->rank_median, n);
        total += e->shift;
    }
    *mean_shift = total / n;
}

/* What eligible[] holds per region: that a buurt can be ranked, or why not. */
enum { NOT_A_BUURT = 0, ELIGIBLE, TOO_SMALL, UNKNOWN_POPULATION };

/* Need-signed z-scores of every buurt for opgave o: mean and sample standard deviation per
 * gemeente over the buurten that can be ranked (enough inhabitants). */
static void z_scores(wd_ranking *rk, size_t o, const unsigned char *eligible, double *acc)
{
    const wd_results *res = rk->res;
    const wd_dataset *ds = res->ds;
    const wd_opgave *g = &rk->opg->items[o];
    size_t nc = WD_OPG_MAX_COMPONENTS;
    int back = res->set->balance.max_years_back;
    memset(acc, 0, ds->n_regions * nc * 3 * sizeof *acc);
    for (size_t r = 0; r < ds->n_regions; r++) {
        double *z = &rk->z[wd_rank_cell(rk, r, o) * nc];
        for (size_t k = 0; k < nc; k++)
            z[k] = NAN;
        if (ds->regions[r].level != WD_LEVEL_BUURT || ds->gemeente[r] < 0) continue;
        for (int k = 0; k < g->n; k++) {
            size_t i = (size_t)g->comp[k].indicator;
            int yy = wd_results_last_year(res, r, i, rk->year, back);
            if (yy < 0) continue;
            z[k] = res->value[wd_results_cell(res, r, yy, i)];
            if (eligible[r] != ELIGIBLE) continue;
            double *a = &acc[((size_t)ds->gemeente[r] * nc + (size_t)k) * 3];
            a[0] += 1;
            a[1] += z[k];
            a[2] += z[k] * z[k];
        }
    }
    for (size_t r = 0; r < ds->n_regions; r++) {
        if (ds->regions[r].level != WD_LEVEL_BUURT || ds->gemeente[r] < 0) continue;
        double *z = &rk->z[wd_rank_cell(rk, r, o) * nc];
        for (int k = 0; k < g->n; k++) {
            const double *a = &acc[((size_t)ds->gemeente[r] * nc + (size_t)k) * 3];
            double mean = a[0] > 0 ? a[1] / a[0] : NAN;
            double var = a[0] > 1 ? (a[2] - a[0] * mean * mean) / (a[0] - 1) : NAN;
            double sd = var > 1e-12 * (1 + mean * mean) ? sqrt(var) : NAN;
            z[k] = isfinite(sd) ? g->comp[k].sign * (z[k] - mean) / sd : NAN;
        }
    }
}

static int rank_opgave(wd_ranking *rk, size_t o, const unsigned char *eligible, double *acc,
                       workspace *w, gsl_rng *rng)
{
    const wd_dataset *ds = rk->res->ds;
    const wd_opgave *g = &rk->opg->items[o];
    size_t nc = WD_OPG_MAX_COMPONENTS;
    double *mult = malloc(((size_t)rk->opt.draws * nc + 1) * sizeof *mult);
    if (!mult) return WD_ENOMEM;
    /* The same draws for every gemeente: a ranking of one gemeente does not depend on
     * which other gemeenten were loaded. */
    gsl_rng_set(rng, rk->opt.seed);
    for (int d = 0; d < rk->opt.draws; d++)
        for (size_t k = 0; k < nc; k++)
            mult[(size_t)d * nc + k] =
                k < (size_t)g->n ? WD_RANK_WEIGHT_LO + (WD_RANK_WEIGHT_HI - WD_RANK_WEIGHT_LO) *
                                                           gsl_rng_uniform(rng)
                                 : 1;
    z_scores(rk, o, eligible, acc);
    for (size_t r = 0; r < ds->n_regions; r++) {
        wd_rank_entry *e = &rk->entry[wd_rank_cell(rk, r, o)];
        memset(e, 0, sizeof *e);
        e->score = NAN;
        e->shift = NAN;
        if (ds->regions[r].level != WD_LEVEL_BUURT || ds->gemeente[r] < 0) {
            e->status = WD_RANK_NOT_BUURT;
            continue;
        }
        e->score = weighted_score(&rk->z[wd_rank_cell(rk, r, o) * nc], g, &e->weight_share);
        /* A score resting on less than half of its weight would mislead. */
        if (e->weight_share < 0.5) e->score = NAN;
        e->status = eligible[r] == TOO_SMALL            ? WD_RANK_SMALL
                    : eligible[r] == UNKNOWN_POPULATION ? WD_RANK_NO_POPULATION
                    : isfinite(e->score)                ? WD_RANK_RANKED
                                                        : WD_RANK_TOO_LITTLE;
    }
    for (size_t gm = 0; gm < ds->n_regions; gm++) {
        rk->gemeente_shift[wd_rank_cell(rk, gm, o)] = NAN;
        if (ds->regions[gm].level != WD_LEVEL_GEMEENTE) continue;
        int n = 0;
        for (size_t r = 0; r < ds->n_regions; r++)
            if (ds->gemeente[r] == (int)gm &&
                rk->entry[wd_rank_cell(rk, r, o)].status == WD_RANK_RANKED)
                w->members[n++] = (int)r;
        if (n > 0) rank_gemeente(rk, o, w, n, mult, &rk->gemeente_shift[wd_rank_cell(rk, gm, o)]);
    }
    free(mult);
    return 0;
}

int wd_rank(wd_ranking **out, const wd_results *res, const wd_opgave_set *opg,
            const wd_rank_options *opt, wd_error *err)
{
    const wd_dataset *ds = res->ds;
    if (opt->draws < 1)
        return wd_error_set(err, WD_EUSAGE, "het aantal trekkingen moet minstens 1 zijn");
    int pop = wd_dataset_var(ds, "AantalInwoners", "");
    int year = opt->year > 0 ? opt->year - ds->year0 : wd_dataset_buurt_year(ds);
    /* A year without buurten to rank is data the store lacks, not a mistake in the command. */
    if (!wd_dataset_buurt_data(ds, year)) return wd_dataset_year_error(ds, opt->year, err);
    wd_ranking *rk = calloc(1, sizeof *rk);
    size_t cells = ds->n_regions * opg->n, nc = WD_OPG_MAX_COMPONENTS, biggest = 0;
    unsigned char *eligible = calloc(ds->n_regions + 1, 1);
    int *count = calloc(ds->n_regions + 1, sizeof *count);
    double *acc = malloc((ds->n_regions * nc * 3 + 1) * sizeof *acc);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    workspace w = {0};
    int rc = rk && eligible && count && acc && rng ? 0 : WD_ENOMEM;
    if (!rc) {
        rk->res = res;
        rk->opg = opg;
        rk->opt = *opt;
        rk->year = year;
        rk->entry = malloc((cells + 1) * sizeof *rk->entry);
        rk->z = malloc((cells * nc + 1) * sizeof *rk->z);
        rk->gemeente_shift = malloc((cells + 1) * sizeof *rk->gemeente_shift);
        if (!rk->entry || !rk->z || !rk->gemeente_shift) rc = WD_ENOMEM;
    }
    for (size_t r = 0; !rc && r < ds->n_regions; r++) {
        int g = ds->gemeente[r];
        if (ds->regions[r].level != WD_LEVEL_BUURT || g < 0) continue;
        double inhabitants = ds->value[wd_dataset_cell(ds, r, year, (size_t)pop)];
        eligible[r] = !isfinite(inhabitants)               ? UNKNOWN_POPULATION
                      : inhabitants >= opt->min_population ? ELIGIBLE
                                                           : TOO_SMALL;
        if ((size_t)++count[g] > biggest) biggest = (size_t)count[g];
    }
    if (!rc) rc = workspace_alloc(&w, biggest);
    for (size_t o = 0; !rc && o < opg->n; o++)
        rc = rank_opgave(rk, o, eligible, acc, &w, rng);
    workspace_free(&w);
    gsl_rng_free(rng);
    free(acc);
    free(count);
    free(eligible);
    if (rc) {
        wd_rank_free(rk);
        return wd_error_set(err, WD_ENOMEM, "geen geheugen meer om %zu regio's te rangschikken",
                            ds->n_regions);
    }
    *out = rk;
    return 0;
}

void wd_rank_free(wd_ranking *rk)
{
    if (!rk) return;
    free(rk->entry);
    free(rk->z);
    free(rk->gemeente_shift);
    free(rk);
}

/* ---- the store ---- */

int wd_rank_save(const wd_ranking *rk, wd_store *store, wd_error *err)
{
    const wd_dataset *ds = rk->res->ds;
    /* Its own transaction, or part of the caller's (a national run saves every gemeente in
     * one). */
    wd_store_ranks *w = NULL;
    int rc = wd_store_ranks_open(&w, store, err);
    for (size_t r = 0; !rc && r < ds->n_regions; r++)
        for (size_t o = 0; !rc && o < rk->opg->n; o++) {
            const wd_rank_entry *e = &rk->entry[wd_rank_cell(rk, r, o)];
            if (e->status == WD_RANK_NOT_BUURT) continue;
            wd_store_rank row = {.year = ds->year0 + rk->year,
                                 .score = e->score,
                                 .weight_share = e->weight_share,
                                 .rank = e->rank,
                                 .rank_median = e->rank_median,
                                 .rank_lo = e->rank_lo,
                                 .rank_hi = e->rank_hi,
                                 .n_ranked = e->n_ranked,
                                 .shift = e->shift,
                                 .draws = rk->opt.draws,
                                 .seed = rk->opt.seed};
            snprintf(row.region, sizeof row.region, "%s", ds->regions[r].code);
            snprintf(row.opgave, sizeof row.opgave, "%s", rk->opg->items[o].id);
            snprintf(row.tier, sizeof row.tier, "%s", wd_rank_tier_name(e->tier));
            snprintf(row.status, sizeof row.status, "%s", wd_rank_status_name(e->status));
            rc = wd_store_ranks_put(w, &row, err);
        }
    int closed = wd_store_ranks_close(w, !rc, err);
    return rc ? rc : closed;
}

/* Most need first: the median rank relative to the number of ranked buurten, so that opgaven
 * ranked over fewer buurten compare fairly; then the higher score. */
static int needs_more(const wd_rank_row *a, const wd_rank_row *b)
{
    double ra = (double)a->rank_median / a->n_ranked, rb = (double)b->rank_median / b->n_ranked;
    return ra < rb || (ra == rb && a->score > b->score);
}

/* Insert `row` into the `*n` rows of `out`, kept in that order and at most `cap` long. */
static void keep_top(wd_rank_row *out, size_t cap, size_t *n, const wd_rank_row *row)
{
    size_t at = *n;
    while (at > 0 && needs_more(row, &out[at - 1]))
        at--;
    if (at >= cap) return;
    size_t last = *n < cap ? *n : cap - 1;
    memmove(&out[at + 1], &out[at], (last - at) * sizeof *out);
    out[at] = *row;
    if (*n < cap) (*n)++;
}

typedef struct {
    wd_rank_row *out;
    size_t cap, *n;
} top_rows;

static int keep_stored(const wd_store_rank *stored, void *ctx)
{
    top_rows *t = ctx;
    wd_rank_row row = {.year = stored->year,
                       .score = stored->score,
                       .rank = stored->rank,
                       .rank_median = stored->rank_median,
                       .rank_lo = stored->rank_lo,
                       .rank_hi = stored->rank_hi,
                       .n_ranked = stored->n_ranked};
    snprintf(row.opgave, sizeof row.opgave, "%s", stored->opgave);
    snprintf(row.tier, sizeof row.tier, "%s", stored->tier);
    keep_top(t->out, t->cap, t->n, &row);
    return 0;
}

int wd_rank_top(wd_rank_row *out, size_t cap, size_t *n, wd_store *store, const char *code,
                wd_error *err)
{
    top_rows t = {out, cap, n};
    *n = 0;
    return wd_store_each_rank(store, code, keep_stored, &t, err);
}

size_t wd_rank_region_top(const wd_ranking *rk, size_t r, wd_rank_row *out, size_t cap)
{
    size_t n = 0;
    for (size_t o = 0; o < rk->opg->n; o++) {
        const wd_rank_entry *e = &rk->entry[wd_rank_cell(rk, r, o)];
        if (e->rank <= 0) continue;
        wd_rank_row row = {.year = rk->res->ds->year0 + rk->year,
                           .score = e->score,
                           .rank = e->rank,
                           .rank_median = e->rank_median,
                           .rank_lo = e->rank_lo,
                           .rank_hi = e->rank_hi,
                           .n_ranked = e->n_ranked};
        snprintf(row.opgave, sizeof row.opgave, "%s", rk->opg->items[o].id);
        snprintf(row.tier, sizeof row.tier, "%s", wd_rank_tier_name(e->tier));
        keep_top(out, cap, &n, &row);
    }
    return n;
}
