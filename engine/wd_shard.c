/* Implementation of wd_shard.h: region counts from one pass over the store's regions, then the
 * greedy partition. */
#include "engine/wd_shard.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define WD_SHARD_MAX 10000

typedef struct {
    wd_region *r;
    size_t n, cap;
    int failed;
} region_list;

static int collect(const wd_region *r, void *ctx)
{
    region_list *l = ctx;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 1024;
        wd_region *p = realloc(l->r, cap * sizeof *p);
        if (!p) return l->failed = 1;
        l->r = p;
        l->cap = cap;
    }
    l->r[l->n++] = *r;
    return 0;
}

static int cmp_region_code(const void *a, const void *b)
{
    return strcmp(((const wd_region *)a)->code, ((const wd_region *)b)->code);
}

static int cmp_gemeente_code(const void *a, const void *b)
{
    return strcmp(((const wd_shard_gemeente *)a)->code, ((const wd_shard_gemeente *)b)->code);
}

int wd_shard_sizes(wd_store *store, wd_shard_gemeente **out, size_t *n, wd_error *err)
{
    *out = NULL;
    *n = 0;
    region_list l = {0};
    int rc = wd_store_each_region(store, NULL, collect, &l, err);
    if (!rc && l.failed) rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de regio's");
    size_t n_g = 0;
    for (size_t i = 0; !rc && i < l.n; i++)
        n_g += l.r[i].level == WD_LEVEL_GEMEENTE;
    wd_shard_gemeente *g = rc ? NULL : calloc(n_g + 1, sizeof *g);
    if (!rc && !g) rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de gemeenten");
    if (!rc) {
        n_g = 0;
        for (size_t i = 0; i < l.n; i++)
            if (l.r[i].level == WD_LEVEL_GEMEENTE) memcpy(g[n_g++].code, l.r[i].code, WD_CODE_MAX);
        qsort(g, n_g, sizeof *g, cmp_gemeente_code);
        qsort(l.r, l.n, sizeof *l.r, cmp_region_code);
        /* Up the parent links to a gemeente; the depth bound guards against a circle. */
        for (size_t i = 0; i < l.n; i++) {
            const wd_region *r = &l.r[i];
            for (int depth = 0; r && r->level > WD_LEVEL_GEMEENTE && depth < 8; depth++) {
                wd_region key;
                memcpy(key.code, r->parent, WD_CODE_MAX);
                r = bsearch(&key, l.r, l.n, sizeof *l.r, cmp_region_code);
            }
            if (!r || r->level != WD_LEVEL_GEMEENTE) continue;
            wd_shard_gemeente key;
            memcpy(key.code, r->code, WD_CODE_MAX);
            wd_shard_gemeente *hit = bsearch(&key, g, n_g, sizeof *g, cmp_gemeente_code);
            if (hit) hit->regions++;
        }
        *out = g;
        *n = n_g;
    }
    free(l.r);
    return rc;
}

/* Largest first, then by code: the order in which the greedy partition hands them out. */
static int cmp_work(const void *a, const void *b)
{
    const wd_shard_gemeente *x = a, *y = b;
    if (x->regions != y->regions) return x->regions > y->regions ? -1 : 1;
    return strcmp(x->code, y->code);
}

int wd_shard_pick(wd_shard_gemeente *g, size_t *n, int shard, int shards, wd_error *err)
{
    if (shards < 1 || shards > WD_SHARD_MAX || shard < 1 || shard > shards)
        return wd_error_set(err, WD_EUSAGE, "deel %d van %d bestaat niet", shard, shards);
    size_t *load = calloc((size_t)shards, sizeof *load);
    if (!load) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    qsort(g, *n, sizeof *g, cmp_work);
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++) {
        int best = 0;
        for (int k = 1; k < shards; k++)
            if (load[k] < load[best]) best = k;
        /* Every gemeente costs at least its own load and computation. */
        load[best] += g[i].regions + 1;
        if (best == shard - 1) g[kept++] = g[i];
    }
    free(load);
    *n = kept;
    qsort(g, kept, sizeof *g, cmp_gemeente_code);
    return 0;
}

int wd_shard_parse(const char *text, int *shard, int *shards)
{
    /* strtol alone would take signs and spaces. */
    char *end;
    if (*text < '0' || *text > '9') return -1;
    errno = 0;
    long i = strtol(text, &end, 10);
    if (errno || *end != '/') return -1;
    const char *rest = end + 1;
    long n = strtol(rest, &end, 10);
    if (errno || end == rest || *end || *rest < '0' || *rest > '9') return -1;
    if (n < 1 || n > WD_SHARD_MAX || i < 1 || i > n) return -1;
    *shard = (int)i;
    *shards = (int)n;
    return 0;
}
