/* Implementation of wd_dataset.h: the regions, their series and the sources from the store
 * into flat arrays. */
#include "engine/wd_dataset.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WD_DS_MAX_YEARS 60

typedef struct {
    wd_region *items;
    size_t n, cap;
    int buurten; /* only buurten and the country */
} region_list;

static int collect_region(const wd_region *r, void *ctx)
{
    region_list *l = ctx;
    if (l->buurten && r->level != WD_LEVEL_BUURT && r->level != WD_LEVEL_LAND) return 0;
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 256;
        wd_region *p = realloc(l->items, ncap * sizeof *p);
        if (!p) return 1;
        l->items = p;
        l->cap = ncap;
    }
    l->items[l->n++] = *r;
    return 0;
}

/* Sorted copy of the codes, for bsearch from code to index. */
typedef struct {
    const char *code;
    int index;
} code_index;

static int cmp_code_index(const void *a, const void *b)
{
    return strcmp(((const code_index *)a)->code, ((const code_index *)b)->code);
}

static int add_var(wd_dataset *ds, const char *name, const char *subgroup)
{
    char key[WD_DS_VAR_MAX];
    snprintf(key, sizeof key, "%s%s%s", name, subgroup[0] ? "|" : "", subgroup);
    for (size_t i = 0; i < ds->n_vars; i++)
        if (strcmp(ds->vars[i], key) == 0) return 0;
    void *p = realloc(ds->vars, (ds->n_vars + 1) * sizeof *ds->vars);
    if (!p) return WD_ENOMEM;
    ds->vars = p;
    memcpy(ds->vars[ds->n_vars++], key, sizeof key);
    return 0;
}

int wd_dataset_var(const wd_dataset *ds, const char *variable, const char *subgroup)
{
    char key[WD_DS_VAR_MAX];
    snprintf(key, sizeof key, "%s%s%s", variable, subgroup && subgroup[0] ? "|" : "",
             subgroup ? subgroup : "");
    for (size_t i = 0; i < ds->n_vars; i++)
        if (strcmp(ds->vars[i], key) == 0) return (int)i;
    return -1;
}

static code_index *index_regions(const wd_dataset *ds)
{
    code_index *idx = malloc((ds->n_regions + 1) * sizeof *idx);
    if (!idx) return NULL;
    for (size_t i = 0; i < ds->n_regions; i++)
        idx[i] = (code_index){ds->regions[i].code, (int)i};
    qsort(idx, ds->n_regions, sizeof *idx, cmp_code_index);
    return idx;
}

static int lookup(const code_index *idx, size_t n, const char *code)
{
    code_index key = {code, -1};
    const code_index *hit = bsearch(&key, idx, n, sizeof *idx, cmp_code_index);
    return hit ? hit->index : -1;
}

int wd_dataset_region(const wd_dataset *ds, const char *code)
{
    for (size_t i = 0; i < ds->n_regions; i++)
        if (strcmp(ds->regions[i].code, code) == 0) return (int)i;
    return -1;
}

/* The dataset's sources in store id order, and the map from a store id to their index. */
typedef struct {
    wd_dataset *ds;
    int *ids; /* store id -> index into ds->sources, -1 */
    int n_ids;
} source_map;

static int add_source(long id, const wd_source *src, void *ctx)
{
    source_map *m = ctx;
    wd_dataset *ds = m->ds;
    if (id < 0 || id > INT_MAX - 64) return 0; /* an id no series point names */
    if (id >= m->n_ids) {
        int nn = (int)id + 64;
        int *p = realloc(m->ids, (size_t)nn * sizeof *p);
        if (!p) return WD_ENOMEM;
        for (int i = m->n_ids; i < nn; i++)
            p[i] = -1;
        m->ids = p;
        m->n_ids = nn;
    }
    wd_source *s = realloc(ds->sources, (ds->n_sources + 1) * sizeof *s);
    if (!s) return WD_ENOMEM;
    ds->sources = s;
    ds->sources[ds->n_sources] = *src;
    m->ids[id] = (int)ds->n_sources++;
    return 0;
}

static int load_sources(wd_dataset *ds, wd_store *store, source_map *m, wd_error *err)
{
    m->ds = ds;
    int rc = wd_store_each_source(store, add_source, m, err);
    return rc == WD_ENOMEM ? wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de bronnen")
                           : rc;
}

/* The series read, kept as the store packed them until the year range is known: one entry per
 * series and its bytes appended to one buffer (a national load holds millions of points). */
typedef struct {
    int region, var;
    size_t at; /* offset of the series' bytes in stage.bytes */
    long n;    /* points */
} staged;

typedef struct {
    staged *items;
    size_t n, cap;
    unsigned char *bytes;
    size_t len, bytes_cap;
    int year_min, year_max;
} stage;

static int stage_add(stage *st, int region, int var, const unsigned char *data, size_t len, long n)
{
    if (st->n == st->cap) {
        size_t ncap = st->cap ? st->cap * 2 : 1024;
        staged *p = realloc(st->items, ncap * sizeof *p);
        if (!p) return WD_ENOMEM;
        st->items = p;
        st->cap = ncap;
    }
    if (st->len + len > st->bytes_cap) {
        size_t ncap = st->bytes_cap ? st->bytes_cap * 2 : 65536;
        while (ncap < st->len + len)
            ncap *= 2;
        unsigned char *p = realloc(st->bytes, ncap);
        if (!p) return WD_ENOMEM;
        st->bytes = p;
        st->bytes_cap = ncap;
    }
    memcpy(st->bytes + st->len, data, len);
    st->items[st->n++] = (staged){region, var, st->len, n};
    st->len += len;
    /* Points are in year order: the first and the last bound the series. */
    wd_store_series_point first, last;
    wd_store_series_get(data, 0, &first);
    wd_store_series_get(data, (size_t)n - 1, &last);
    if (st->n == 1 || first.year < st->year_min) st->year_min = first.year;
    if (st->n == 1 || last.year > st->year_max) st->year_max = last.year;
    return 0;
}

/* Open addressing from "variable|subgroup" to the dataset's variable index: one lookup per
 * series row read. */
typedef struct {
    int *slot; /* variable index + 1; 0 empty */
    size_t mask;
} var_table;

static size_t hash_key(const char *v, const char *g)
{
    size_t h = 1469598103934665603u; /* FNV-1a */
    for (; *v; v++)
        h = (h ^ (unsigned char)*v) * 1099511628211u;
    if (*g) h = (h ^ '|') * 1099511628211u;
    for (; *g; g++)
        h = (h ^ (unsigned char)*g) * 1099511628211u;
    return h;
}

/* ds->vars[i] is "variable" or "variable|subgroup". */
static int key_equal(const char *key, const char *v, const char *g)
{
    size_t nv = strlen(v);
    if (strncmp(key, v, nv) != 0) return 0;
    if (!*g) return key[nv] == '\0';
    return key[nv] == '|' && strcmp(key + nv + 1, g) == 0;
}

static int var_table_init(var_table *t, const wd_dataset *ds)
{
    size_t size = 16;
    while (size < 4 * ds->n_vars)
        size *= 2;
    t->mask = size - 1;
    if (!(t->slot = calloc(size, sizeof *t->slot))) return WD_ENOMEM;
    for (size_t i = 0; i < ds->n_vars; i++) {
        char v[WD_DS_VAR_MAX];
        memcpy(v, ds->vars[i], sizeof v);
        char *bar = strchr(v, '|');
        if (bar) *bar = '\0';
        size_t h = hash_key(v, bar ? bar + 1 : "") & t->mask;
        while (t->slot[h])
            h = (h + 1) & t->mask;
        t->slot[h] = (int)i + 1;
    }
    return 0;
}

static int var_table_find(const var_table *t, const wd_dataset *ds, const char *v, const char *g)
{
    for (size_t h = hash_key(v, g) & t->mask; t->slot[h]; h = (h + 1) & t->mask)
        if (key_equal(ds->vars[t->slot[h] - 1], v, g)) return t->slot[h] - 1;
    return -1;
}

/* Per series read: the loaded variable it is, checked and staged. */
typedef struct {
    stage *st;
    const wd_dataset *ds;
    var_table vars;
    wd_error *err;
} series_reader;

static int pick_series(const char *v, const char *g, void *ctx)
{
    const series_reader *r = ctx;
    return var_table_find(&r->vars, r->ds, v, g);
}

static int stage_series(size_t region, int var, const char *v, const char *g,
                        const unsigned char *data, size_t len, void *ctx)
{
    series_reader *r = ctx;
    long n = wd_store_series_count(data, len);
    if (n < 0)
        return wd_error_set(r->err, WD_ESTORE,
                            "de reeks %s%s%s van %s in de store is beschadigd (lees de bron "
                            "opnieuw in)",
                            v, *g ? "|" : "", g, r->ds->regions[region].code);
    if (n > 0 && stage_add(r->st, (int)region, var, data, len, n))
        return wd_error_set(r->err, WD_ENOMEM, "geen geheugen meer voor de waarnemingen");
    return 0;
}

/* The series of the loaded regions, kept for the loaded variables. */
static int read_observations(stage *st, wd_store *store, const wd_dataset *ds, int by_var,
                             wd_error *err)
{
    series_reader r = {.st = st, .ds = ds, .err = err};
    if (var_table_init(&r.vars, ds))
        return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de waarnemingen");
    /* `by_var`: the few variables of national figures are sought one by one; a gemeente's
     * load needs most of them, and reading every series of a region is cheaper. */
    char(*names)[WD_DS_VAR_MAX] = by_var ? malloc((ds->n_vars + 1) * sizeof *names) : NULL;
    const char **list = by_var ? malloc((ds->n_vars + 1) * sizeof *list) : NULL;
    int rc = 0;
    if (by_var && (!names || !list))
        rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de waarnemingen");
    for (size_t v = 0; !rc && by_var && v < ds->n_vars; v++) {
        memcpy(names[v], ds->vars[v], sizeof names[v]);
        char *bar = strchr(names[v], '|');
        if (bar) *bar = '\0';
        list[v] = names[v];
    }
    wd_store_series_reader reader = {pick_series, stage_series, &r};
    if (!rc)
        rc = wd_store_each_series(store, ds->regions, ds->n_regions, list, by_var ? ds->n_vars : 0,
                                  &reader, err);
    free(names);
    free(list);
    free(r.vars.slot);
    return rc;
}

static void fill_cells(wd_dataset *ds, const stage *st, const int *ids, int n_ids)
{
    for (size_t k = 0; k < st->n; k++) {
        const staged *o = &st->items[k];
        for (long j = 0; j < o->n; j++) {
            wd_store_series_point pt;
            wd_store_series_get(st->bytes + o->at, (size_t)j, &pt);
            size_t c = wd_dataset_cell(ds, (size_t)o->region, pt.year - ds->year0, (size_t)o->var);
            ds->value[c] = pt.value;
            ds->lo[c] = pt.lo;
            ds->hi[c] = pt.hi;
            ds->flags[c] = (unsigned char)pt.flags;
            ds->source[c] =
                (unsigned short)(pt.source >= 0 && pt.source < n_ids && ids[pt.source] >= 0
                                     ? ids[pt.source]
                                     : 0);
        }
    }
}

static int load(wd_dataset **out, wd_store *store, const char *gemeente, int buurten,
                const wd_indicator_set *set, wd_error *err)
{
    wd_dataset *ds = calloc(1, sizeof *ds);
    region_list regions = {.buurten = buurten};
    code_index *idx = NULL;
    stage st = {0};
    source_map sources = {0};
    int rc = 0;
    if (!ds) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer om de store te laden");

    if (gemeente) {
        wd_region g;
        if ((rc = wd_store_region(store, gemeente, &g, err))) goto cleanup;
        if (g.level != WD_LEVEL_GEMEENTE) {
            rc =
                wd_error_set(err, WD_EUSAGE, "%s is geen gemeentecode (verwacht GM....)", gemeente);
            goto cleanup;
        }
        wd_region land;
        wd_error ignore;
        if (wd_store_region(store, "NL00", &land, &ignore) == 0) collect_region(&land, &regions);
    }
    if ((rc = wd_store_each_region(store, gemeente, collect_region, &regions, err))) goto cleanup;
    ds->regions = regions.items;
    ds->n_regions = regions.n;
    regions.items = NULL;

    /* The variables every indicator needs, plus what the engine itself reads. */
    rc =
        add_var(ds, "AantalInwoners", "") || add_var(ds, "IndelingswijzigingGemeenteWijkBuurt", "");
    for (size_t i = 0; !rc && i < set->n; i++) {
        const wd_indicator *ind = &set->items[i];
        for (int k = 0; !rc && k < ind->n_num; k++)
            rc = add_var(ds, ind->num[k], ind->subgroup);
        for (int k = 0; !rc && k < ind->n_den; k++)
            rc = add_var(ds, ind->den[k], ind->subgroup);
    }
    if (rc) {
        rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de lijst van variabelen");
        goto cleanup;
    }

    idx = index_regions(ds);
    if (!idx) {
        rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de index van regio's");
        goto cleanup;
    }
    if ((rc = read_observations(&st, store, ds, buurten, err))) goto cleanup;
    if (st.n == 0) {
        rc = gemeente ? wd_error_set(err, WD_ENOTFOUND, "de store heeft geen waarnemingen voor %s",
                                     gemeente)
                      : wd_error_set(err, WD_ENOTFOUND, "de store bevat nog geen waarnemingen");
        goto cleanup;
    }
    ds->year0 = st.year_min;
    ds->n_years = st.year_max - st.year_min + 1;
    if (ds->n_years > WD_DS_MAX_YEARS) {
        rc = wd_error_set(err, WD_ERR, "de waarnemingen beslaan %d jaren; hoogstens %d kan",
                          ds->n_years, WD_DS_MAX_YEARS);
        goto cleanup;
    }
    size_t cells = ds->n_regions * (size_t)ds->n_years * ds->n_vars;
    ds->value = malloc((cells + 1) * sizeof *ds->value);
    ds->lo = malloc((cells + 1) * sizeof *ds->lo);
    ds->hi = malloc((cells + 1) * sizeof *ds->hi);
    ds->flags = calloc(cells + 1, 1);
    ds->source = calloc(cells + 1, sizeof *ds->source);
    ds->parent = malloc((ds->n_regions + 1) * sizeof *ds->parent);
    ds->gemeente = malloc((ds->n_regions + 1) * sizeof *ds->gemeente);
    if (!ds->value || !ds->lo || !ds->hi || !ds->flags || !ds->source || !ds->parent ||
        !ds->gemeente) {
        rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor %zu cellen", cells);
        goto cleanup;
    }
    for (size_t c = 0; c < cells; c++) {
        ds->value[c] = NAN;
        ds->lo[c] = ds->hi[c] = NAN;
        ds->flags[c] = WD_FLAG_MISSING;
    }
    for (size_t i = 0; i < ds->n_regions; i++)
        ds->parent[i] = lookup(idx, ds->n_regions, ds->regions[i].parent);
    /* Regions are ordered by level, so a parent's gemeente is known before its children. */
    for (size_t i = 0; i < ds->n_regions; i++) {
        if (ds->regions[i].level == WD_LEVEL_GEMEENTE)
            ds->gemeente[i] = (int)i;
        else if (ds->parent[i] >= 0 && ds->regions[i].level > WD_LEVEL_GEMEENTE)
            ds->gemeente[i] = ds->gemeente[ds->parent[i]];
        else
            ds->gemeente[i] = -1;
    }
    if ((rc = load_sources(ds, store, &sources, err))) goto cleanup;
    fill_cells(ds, &st, sources.ids, sources.n_ids);

cleanup:
    free(regions.items);
    free(st.items);
    free(st.bytes);
    free(idx);
    free(sources.ids);
    if (rc) {
        wd_dataset_free(ds);
        return rc;
    }
    *out = ds;
    return 0;
}

int wd_dataset_load(wd_dataset **out, wd_store *store, const char *gemeente,
                    const wd_indicator_set *set, wd_error *err)
{
    return load(out, store, gemeente, 0, set, err);
}

int wd_dataset_load_buurten(wd_dataset **out, wd_store *store, const wd_indicator_set *set,
                            wd_error *err)
{
    return load(out, store, NULL, 1, set, err);
}

void wd_dataset_free(wd_dataset *ds)
{
    if (!ds) return;
    free(ds->regions);
    free(ds->parent);
    free(ds->gemeente);
    free(ds->vars);
    free(ds->value);
    free(ds->lo);
    free(ds->hi);
    free(ds->flags);
    free(ds->source);
    free(ds->sources);
    free(ds);
}
