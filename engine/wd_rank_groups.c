/* Implementation of wd_rank_groups.h: a sweep over the intervals in order of their first
 * rank; a new group begins where an interval starts after every interval seen so far has
 * ended. */
#include "engine/wd_rank_groups.h"

#include <stdlib.h>

typedef struct {
    int lo, hi;
    size_t at;
} interval;

static int by_start(const void *a, const void *b)
{
    const interval *x = a, *y = b;
    if (x->lo != y->lo) return x->lo < y->lo ? -1 : 1;
    if (x->hi != y->hi) return x->hi < y->hi ? -1 : 1;
    return x->at < y->at ? -1 : x->at > y->at;
}

int wd_rank_groups(const int *lo, const int *hi, size_t n, int *group, wd_error *err)
{
    for (size_t k = 0; k < n; k++)
        if (lo[k] < 1 || lo[k] > hi[k])
            return wd_error_set(err, WD_EUSAGE, "rangeninterval %zu (%d tot %d) is ongeldig", k,
                                lo[k], hi[k]);
    if (n == 0) return 0;
    interval *iv = malloc(n * sizeof *iv);
    if (!iv) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    for (size_t k = 0; k < n; k++)
        iv[k] = (interval){lo[k], hi[k], k};
    qsort(iv, n, sizeof *iv, by_start);
    int groups = 0, end = 0;
    for (size_t k = 0; k < n; k++) {
        if (k == 0 || iv[k].lo > end) groups++;
        if (k == 0 || iv[k].hi > end) end = iv[k].hi;
        group[iv[k].at] = groups - 1;
    }
    free(iv);
    return groups;
}

int wd_rank_groups_of(const wd_ranking *rk, size_t o, int gemeente, int *group, wd_error *err)
{
    const wd_dataset *ds = rk->res->ds;
    if (o >= rk->opg->n) return wd_error_set(err, WD_EUSAGE, "opgave %zu bestaat niet", o);
    /* The ranked buurten's intervals packed: first ranks, last ranks, their groups, and
     * where each came from. */
    size_t cap = ds->n_regions + 1;
    int *lo = calloc(3 * cap, sizeof *lo);
    size_t *at = calloc(cap, sizeof *at);
    if (!lo || !at) {
        free(lo);
        free(at);
        return wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    }
    int *hi = lo + cap, *got = hi + cap;
    size_t n = 0;
    for (size_t r = 0; r < ds->n_regions; r++) {
        const wd_rank_entry *e = &rk->entry[wd_rank_cell(rk, r, o)];
        group[r] = -1;
        if (ds->gemeente[r] != gemeente || e->status != WD_RANK_RANKED) continue;
        lo[n] = e->rank_lo;
        hi[n] = e->rank_hi;
        at[n++] = r;
    }
    int rc = wd_rank_groups(lo, hi, n, got, err);
    for (size_t k = 0; rc >= 0 && k < n; k++)
        group[at[k]] = got[k];
    free(at);
    free(lo);
    return rc;
}
