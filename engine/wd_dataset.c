/* Implementation of wd_dataset.h: the regions, their series and the sources from the store
 * into flat arrays. */
#include "engine/wd_dataset.h"

#include "engine/wd_werkgebied.h"

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

/* What a load reads: the store's series by name ("raw": every name of every term with its
 * subgroup, as the store keys series) and, per variable of the dataset, the raw series it is
 * made of (one per name of its term, in the definition's order). */
typedef struct {
    char (*raw)[WD_DS_VAR_MAX]; /* "name|subgroup", or "name" without a subgroup */
    size_t n_raw;
    int (*names)[WD_IND_MAX_NAMES]; /* (dataset variable): indices into raw */
    int *n_names;                   /* (dataset variable) */
} load_plan;

static void plan_free(load_plan *p)
{
    free(p->raw);
    free(p->names);
    free(p->n_names);
}

/* The dataset's key of a term: its names joined by '/', then "|subgroup". */
static void term_key(char *key, size_t cap, const wd_term *t, const char *subgroup)
{
    size_t n = 0;
    key[0] = '\0';
    for (int k = 0; k < t->n && n < cap; k++)
        n += (size_t)snprintf(key + n, cap - n, "%s%s", k ? "/" : "", t->name[k]);
    if (subgroup && subgroup[0] && n < cap) snprintf(key + n, cap - n, "|%s", subgroup);
}

static int find_key(char (*keys)[WD_DS_VAR_MAX], size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(keys[i], key) == 0) return (int)i;
    return -1;
}

static int add_raw(load_plan *p, const char *name, const char *subgroup)
{
    char key[WD_DS_VAR_MAX];
    snprintf(key, sizeof key, "%s%s%s", name, subgroup[0] ? "|" : "", subgroup);
    int at = find_key(p->raw, p->n_raw, key);
    if (at >= 0) return at;
    void *q = realloc(p->raw, (p->n_raw + 1) * sizeof *p->raw);
    if (!q) return WD_ENOMEM;
    p->raw = q;
    memcpy(p->raw[p->n_raw], key, sizeof key);
    return (int)p->n_raw++;
}

/* The dataset variable of term `t` (once, however many indicators use it). */
static int add_term(wd_dataset *ds, load_plan *p, const wd_term *t, const char *subgroup)
{
    char key[WD_DS_VAR_MAX];
    term_key(key, sizeof key, t, subgroup);
    if (find_key(ds->vars, ds->n_vars, key) >= 0) return 0;
    void *v = realloc(ds->vars, (ds->n_vars + 1) * sizeof *ds->vars);
    if (v) ds->vars = v;
    void *nm = v ? realloc(p->names, (ds->n_vars + 1) * sizeof *p->names) : NULL;
    if (nm) p->names = nm;
    void *nn = nm ? realloc(p->n_names, (ds->n_vars + 1) * sizeof *p->n_names) : NULL;
    if (!nn) return WD_ENOMEM;
    p->n_names = nn;
    for (int k = 0; k < t->n; k++) {
        int raw = add_raw(p, t->name[k], subgroup);
        if (raw < 0) return raw;
        p->names[ds->n_vars][k] = raw;
    }
    p->n_names[ds->n_vars] = t->n;
    memcpy(ds->vars[ds->n_vars++], key, sizeof key);
    return 0;
}

static int add_plain(wd_dataset *ds, load_plan *p, const char *name)
{
    wd_term t = {.n = 1};
    snprintf(t.name[0], sizeof t.name[0], "%s", name);
    return add_term(ds, p, &t, "");
}

int wd_dataset_var(const wd_dataset *ds, const char *variable, const char *subgroup)
{
    char key[WD_DS_VAR_MAX];
    snprintf(key, sizeof key, "%s%s%s", variable, subgroup && subgroup[0] ? "|" : "",
             subgroup ? subgroup : "");
    return find_key(ds->vars, ds->n_vars, key);
}

int wd_dataset_term(const wd_dataset *ds, const wd_term *t, const char *subgroup)
{
    char key[WD_DS_VAR_MAX];
    term_key(key, sizeof key, t, subgroup);
    return find_key(ds->vars, ds->n_vars, key);
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

int wd_dataset_buurt_data(const wd_dataset *ds, int y)
{
    int pop = wd_dataset_var(ds, "AantalInwoners", "");
    if (y < 0 || y >= ds->n_years) return 0;
    for (size_t r = 0; pop >= 0 && r < ds->n_regions; r++)
        if (ds->regions[r].level == WD_LEVEL_BUURT &&
            isfinite(ds->value[wd_dataset_cell(ds, r, y, (size_t)pop)]))
            return 1;
    return 0;
}

int wd_dataset_buurt_year(const wd_dataset *ds)
{
    for (int y = ds->n_years - 1; y >= 0; y--)
        if (wd_dataset_buurt_data(ds, y)) return y;
    return -1;
}

int wd_dataset_year_error(const wd_dataset *ds, int year, wd_error *err)
{
    char years[256] = "";
    size_t n = 0;
    for (int y = 0; y < ds->n_years && n < sizeof years; y++) {
        if (!wd_dataset_buurt_data(ds, y) || wd_dataset_buurt_data(ds, y - 1)) continue;
        int end = y;
        while (wd_dataset_buurt_data(ds, end + 1))
            end++;
        n += (size_t)(end > y ? snprintf(years + n, sizeof years - n, "%s%d-%d", n ? ", " : "",
                                         ds->year0 + y, ds->year0 + end)
                              : snprintf(years + n, sizeof years - n, "%s%d", n ? ", " : "",
                                         ds->year0 + y));
    }
    /* " voor GM0637" when the data are one gemeente's. */
    char whose[WD_CODE_MAX + 8] = "";
    int gemeenten = 0;
    for (size_t r = 0; r < ds->n_regions; r++)
        if (ds->regions[r].level == WD_LEVEL_GEMEENTE && gemeenten++ == 0)
            snprintf(whose, sizeof whose, " van %s", ds->regions[r].code);
    if (gemeenten != 1) whose[0] = '\0';
    if (!years[0])
        return wd_error_set(err, WD_ERR,
                            "geen buurtgegevens: geen buurt%s in de store heeft een inwonertal "
                            "(haal de KWB-cijfers op met 'wijkdata fetch')",
                            whose);
    if (year > 0)
        return wd_error_set(err, WD_ERR,
                            "geen buurtgegevens%s voor jaar %d (de store heeft buurtgegevens over "
                            "%s)",
                            whose, year, years);
    return wd_error_set(err, WD_ERR, "geen buurtgegevens%s (de store heeft buurtgegevens over %s)",
                        whose, years);
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
    int region, var;                /* var: the raw series of the load_plan */
    size_t at;                      /* offset of the series' bytes in stage.bytes */
    long n;                         /* points */
    long source_first, source_last; /* store ids of the sources of its first and last point */
    int year_first, year_last;
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
    /* Points are in year order: the first and the last bound the series. */
    wd_store_series_point first, last;
    wd_store_series_get(data, 0, &first);
    wd_store_series_get(data, (size_t)n - 1, &last);
    st->items[st->n++] =
        (staged){region, var, st->len, n, first.source, last.source, first.year, last.year};
    st->len += len;
    if (st->n == 1 || first.year < st->year_min) st->year_min = first.year;
    if (st->n == 1 || last.year > st->year_max) st->year_max = last.year;
    return 0;
}

/* Open addressing from "variable|subgroup" to the index of the raw series of a load_plan: one
 * lookup per series row read. */
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

/* A raw key is "variable" or "variable|subgroup". */
static int key_equal(const char *key, const char *v, const char *g)
{
    size_t nv = strlen(v);
    if (strncmp(key, v, nv) != 0) return 0;
    if (!*g) return key[nv] == '\0';
    return key[nv] == '|' && strcmp(key + nv + 1, g) == 0;
}

static int var_table_init(var_table *t, const load_plan *p)
{
    size_t size = 16;
    while (size < 4 * p->n_raw)
        size *= 2;
    t->mask = size - 1;
    if (!(t->slot = calloc(size, sizeof *t->slot))) return WD_ENOMEM;
    for (size_t i = 0; i < p->n_raw; i++) {
        char v[WD_DS_VAR_MAX];
        memcpy(v, p->raw[i], sizeof v);
        char *bar = strchr(v, '|');
        if (bar) *bar = '\0';
        size_t h = hash_key(v, bar ? bar + 1 : "") & t->mask;
        while (t->slot[h])
            h = (h + 1) & t->mask;
        t->slot[h] = (int)i + 1;
    }
    return 0;
}

static int var_table_find(const var_table *t, const load_plan *p, const char *v, const char *g)
{
    for (size_t h = hash_key(v, g) & t->mask; t->slot[h]; h = (h + 1) & t->mask)
        if (key_equal(p->raw[t->slot[h] - 1], v, g)) return t->slot[h] - 1;
    return -1;
}

/* Per series read: the raw series it is, checked and staged. */
typedef struct {
    stage *st;
    const wd_dataset *ds;
    const load_plan *plan;
    var_table vars;
    wd_error *err;
} series_reader;

static int pick_series(const char *v, const char *g, void *ctx)
{
    const series_reader *r = ctx;
    return var_table_find(&r->vars, r->plan, v, g);
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

/* The series of the loaded regions, kept for the raw series of the plan. */
static int read_observations(stage *st, wd_store *store, const wd_dataset *ds,
                             const load_plan *plan, int by_var, wd_error *err)
{
    series_reader r = {.st = st, .ds = ds, .plan = plan, .err = err};
    if (var_table_init(&r.vars, plan))
        return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de waarnemingen");
    /* `by_var`: the few variables of national figures are sought one by one; a gemeente's
     * load needs most of them, and reading every series of a region is cheaper. */
    size_t n = plan->n_raw;
    char(*names)[WD_DS_VAR_MAX] = by_var ? malloc((n + 1) * sizeof *names) : NULL;
    const char **list = by_var ? malloc((n + 1) * sizeof *list) : NULL;
    int rc = 0;
    if (by_var && (!names || !list))
        rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de waarnemingen");
    for (size_t v = 0; !rc && by_var && v < n; v++) {
        memcpy(names[v], plan->raw[v], sizeof names[v]);
        char *bar = strchr(names[v], '|');
        if (bar) *bar = '\0';
        list[v] = names[v];
    }
    wd_store_series_reader reader = {pick_series, stage_series, &r};
    if (!rc)
        rc = wd_store_each_series(store, ds->regions, ds->n_regions, list, by_var ? n : 0, &reader,
                                  err);
    free(names);
    free(list);
    free(r.vars.slot);
    return rc;
}

/* The dataset's source index of a store id (0 for an id the store does not list). */
static unsigned short source_index(long id, const int *ids, int n_ids)
{
    return (unsigned short)(id >= 0 && id < n_ids && ids[id] >= 0 ? ids[id] : 0);
}

/* What the editions need of each source, from the ends of the series read: its last year
 * (`last`), whether it is an edition (`edition`: one series holds it in two years, or it has
 * a year other than its indeling, as RIVM's 2012 in the indeling of 2024) and its indeling
 * (ds->source_indeling). The ends suffice: a table of several years is at both ends of the
 * series it alone fills, and reading every point again would cost a national load a pass. */
static void source_years(wd_dataset *ds, const stage *st, const int *ids, int n_ids, int *last,
                         unsigned char *edition)
{
    for (size_t k = 0; k < ds->n_sources; k++) {
        last[k] = 0;
        edition[k] = 0;
    }
    for (size_t k = 0; k < st->n; k++) {
        const staged *o = &st->items[k];
        unsigned short a = source_index(o->source_first, ids, n_ids),
                       b = source_index(o->source_last, ids, n_ids);
        if (o->year_last > last[b]) last[b] = o->year_last;
        if (o->year_first > last[a]) last[a] = o->year_first;
        if (a == b && o->year_first != o->year_last) edition[a] = 1;
        int ia = ds->sources[a].indeling, ib = ds->sources[b].indeling;
        if (ia > 0 && o->year_first != ia) edition[a] = 1;
        if (ib > 0 && o->year_last != ib) edition[b] = 1;
    }
    for (size_t k = 0; k < ds->n_sources; k++)
        ds->source_indeling[k] = ds->sources[k].indeling > 0 ? ds->sources[k].indeling : last[k];
}

/* Source a is a newer edition than b: newer indeling, then newer last year, then imported
 * later (a higher store id, which the sources' order follows). */
static int newer_edition(const wd_dataset *ds, const int *last, int a, int b)
{
    if (ds->source_indeling[a] != ds->source_indeling[b])
        return ds->source_indeling[a] > ds->source_indeling[b];
    if (last[a] != last[b]) return last[a] > last[b];
    return a > b;
}

/* How much a point says, so that in one year the most telling of a term's names wins: a
 * value, then a missing value with its reason, then one without. */
static int point_rank(const wd_store_series_point *pt)
{
    if (isfinite(pt->value)) return 3;
    return pt->flags & (WD_FLAG_SUPPRESSED | WD_FLAG_LATER | WD_FLAG_DISCONTINUED | WD_FLAG_SECRET)
               ? 2
               : 1;
}

/* One point of a variable's names while it is filled. */
typedef struct {
    wd_store_series_point pt;
    unsigned short source;
} fill_point;

/* The cells of variable v of region r from the staged series of its names (see "Editions" in
 * wd_dataset.h). `at` maps (region, raw series) to a staged entry or -1; `pts` has room for
 * WD_IND_MAX_NAMES points per year, `taken` for a rank per year. */
static void fill_variable(wd_dataset *ds, const stage *st, const load_plan *plan, const int *at,
                          size_t r, size_t v, const int *ids, int n_ids, const int *last,
                          const unsigned char *edition, fill_point *pts, unsigned char *taken)
{
    int best = -1; /* the newest edition among the points */
    size_t n = 0;
    for (int k = 0; k < plan->n_names[v]; k++) {
        int e = at[r * plan->n_raw + (size_t)plan->names[v][k]];
        for (long j = 0; e >= 0 && j < st->items[e].n; j++) {
            fill_point *p = &pts[n++];
            wd_store_series_get(st->bytes + st->items[e].at, (size_t)j, &p->pt);
            p->source = source_index(p->pt.source, ids, n_ids);
            if (edition[p->source] && (best < 0 || newer_edition(ds, last, p->source, best)))
                best = p->source;
        }
    }
    if (plan->n_names[v] > 1) memset(taken, 0, (size_t)ds->n_years);
    for (size_t k = 0; k < n; k++) {
        const fill_point *p = &pts[k];
        int y = p->pt.year - ds->year0, rank = point_rank(&p->pt);
        /* One name has each year once: only several names need the ranks. */
        if ((edition[p->source] && p->source != best) || (plan->n_names[v] > 1 && rank <= taken[y]))
            continue;
        taken[y] = (unsigned char)rank;
        size_t c = wd_dataset_cell(ds, r, y, v);
        ds->value[c] = p->pt.value;
        ds->lo[c] = p->pt.lo;
        ds->hi[c] = p->pt.hi;
        ds->flags[c] = (unsigned char)p->pt.flags;
        ds->source[c] = p->source;
    }
}

static int fill_cells(wd_dataset *ds, const stage *st, const load_plan *plan, const int *ids,
                      int n_ids)
{
    int *at = malloc((ds->n_regions * plan->n_raw + 1) * sizeof *at);
    int *last = malloc((ds->n_sources + 1) * sizeof *last);
    unsigned char *edition = malloc(ds->n_sources + 1), *taken = malloc((size_t)ds->n_years + 1);
    fill_point *pts = malloc(((size_t)ds->n_years * WD_IND_MAX_NAMES + 1) * sizeof *pts);
    ds->source_indeling = malloc((ds->n_sources + 1) * sizeof *ds->source_indeling);
    int rc = at && last && edition && taken && pts && ds->source_indeling ? 0 : WD_ENOMEM;
    if (!rc) {
        for (size_t k = 0; k < ds->n_regions * plan->n_raw; k++)
            at[k] = -1;
        for (size_t k = 0; k < st->n; k++)
            at[(size_t)st->items[k].region * plan->n_raw + (size_t)st->items[k].var] = (int)k;
        source_years(ds, st, ids, n_ids, last, edition);
        for (size_t r = 0; r < ds->n_regions; r++)
            for (size_t v = 0; v < ds->n_vars; v++)
                fill_variable(ds, st, plan, at, r, v, ids, n_ids, last, edition, pts, taken);
    }
    free(at);
    free(last);
    free(edition);
    free(taken);
    free(pts);
    return rc;
}

/* A werkgebied's inhabitants: the sum of its members', unknown when one member's is, so that
 * everything that reads a region's population (its year, small areas, the profile) reads a
 * werkgebied's too. */
static void sum_population(wd_dataset *ds)
{
    int v = wd_dataset_var(ds, "AantalInwoners", "");
    for (size_t k = 0; v >= 0 && k < ds->n_members;) {
        size_t w = (size_t)ds->members[k].werkgebied, n_m;
        const wd_dataset_member *m = wd_dataset_members(ds, w, &n_m);
        for (int y = 0; y < ds->n_years; y++) {
            size_t c = wd_dataset_cell(ds, w, y, (size_t)v);
            double sum = 0;
            for (size_t j = 0; j < n_m; j++)
                sum += ds->value[wd_dataset_cell(ds, (size_t)m[j].region, y, (size_t)v)];
            ds->value[c] = sum;
            ds->flags[c] = isfinite(sum) ? 0 : WD_FLAG_MISSING;
            ds->source[c] = ds->source[wd_dataset_cell(ds, (size_t)m[0].region, y, (size_t)v)];
        }
        k += n_m;
    }
}

/* Area numbers from KWB's IndelingswijzigingGemeenteWijkBuurt: a year whose value is not 1
 * (or not known) begins a new number. */
static void number_areas(wd_dataset *ds)
{
    int v = wd_dataset_var(ds, "IndelingswijzigingGemeenteWijkBuurt", "");
    for (size_t r = 0; r < ds->n_regions; r++) {
        unsigned short n = 0;
        for (int y = 0; y < ds->n_years; y++) {
            if (y > 0 && !(ds->value[wd_dataset_cell(ds, r, y, (size_t)v)] == 1)) n++;
            ds->area[r * (size_t)ds->n_years + (size_t)y] = n;
        }
    }
    /* A werkgebied has no field of its own: it changes where a member does. */
    for (size_t k = 0; k < ds->n_members;) {
        size_t w = (size_t)ds->members[k].werkgebied, n_m;
        const wd_dataset_member *m = wd_dataset_members(ds, w, &n_m);
        unsigned short n = 0;
        for (int y = 0; y < ds->n_years; y++) {
            for (size_t j = 0; y > 0 && j < n_m; j++) {
                const unsigned short *a = &ds->area[(size_t)m[j].region * (size_t)ds->n_years];
                if (a[y] != a[y - 1]) {
                    n++;
                    break;
                }
            }
            ds->area[w * (size_t)ds->n_years + (size_t)y] = n;
        }
        k += n_m;
    }
}

const wd_dataset_member *wd_dataset_members(const wd_dataset *ds, size_t w, size_t *n)
{
    *n = 0;
    size_t lo = 0, hi = ds->n_members;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ds->members[mid].werkgebied < (int)w)
            lo = mid + 1;
        else
            hi = mid;
    }
    while (lo + *n < ds->n_members && ds->members[lo + *n].werkgebied == (int)w)
        ++*n;
    return *n ? &ds->members[lo] : NULL;
}

static int add_same_geometry(size_t region, int year_a, int year_b, void *ctx)
{
    wd_dataset *ds = ctx;
    void *p = realloc(ds->same_geometry, (ds->n_same_geometry + 1) * sizeof *ds->same_geometry);
    if (!p) return WD_ENOMEM;
    ds->same_geometry = p;
    ds->same_geometry[ds->n_same_geometry++] =
        (wd_dataset_same_geometry){(int)region, year_a, year_b};
    return 0;
}

static int cmp_same_geometry(const void *a, const void *b)
{
    const wd_dataset_same_geometry *x = a, *y = b;
    if (x->region != y->region) return x->region < y->region ? -1 : 1;
    if (x->year_a != y->year_a) return x->year_a < y->year_a ? -1 : 1;
    return (x->year_b > y->year_b) - (x->year_b < y->year_b);
}

wd_area wd_dataset_area(const wd_dataset *ds, size_t r, int a, int b)
{
    if (a == b || ds->regions[r].level == WD_LEVEL_LAND) return WD_AREA_SAME;
    if (a > b) {
        int t = a;
        a = b;
        b = t;
    }
    size_t at = r * (size_t)ds->n_years;
    int ya = a - ds->year0, yb = b - ds->year0;
    if (ya >= 0 && yb < ds->n_years && ds->area[at + (size_t)ya] == ds->area[at + (size_t)yb])
        return WD_AREA_SAME;
    /* The pairs are few: first the region's, then its years. */
    size_t lo = 0, hi = ds->n_same_geometry;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ds->same_geometry[mid].region < (int)r)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k < ds->n_same_geometry && ds->same_geometry[k].region == (int)r; k++)
        if (ds->same_geometry[k].year_a == a && ds->same_geometry[k].year_b == b)
            return WD_AREA_SAME;
    int v = wd_dataset_var(ds, "IndelingswijzigingGemeenteWijkBuurt", "");
    for (int y = ya + 1; v >= 0 && y <= yb; y++) {
        double f =
            y >= 0 && y < ds->n_years ? ds->value[wd_dataset_cell(ds, r, y, (size_t)v)] : NAN;
        if (isfinite(f) && f != 1) return WD_AREA_CHANGED;
    }
    return WD_AREA_UNKNOWN;
}

/* A werkgebied's member by code, until the regions are indexed (see load_members). */
typedef struct {
    char werkgebied[WD_CODE_MAX], member[WD_CODE_MAX];
} member_code;

typedef struct {
    region_list *regions;
    member_code *items;
    size_t n, cap;
} member_reader;

static int has_code(const region_list *l, const char *code)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i].code, code) == 0) return 1;
    return 0;
}

static int take_member(const char *werkgebied, const char *member, void *ctx)
{
    member_reader *m = ctx;
    if (!has_code(m->regions, werkgebied)) return 0;
    if (m->n == m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 64;
        member_code *p = realloc(m->items, cap * sizeof *p);
        if (!p) return WD_ENOMEM;
        m->items = p;
        m->cap = cap;
    }
    member_code *c = &m->items[m->n++];
    snprintf(c->werkgebied, sizeof c->werkgebied, "%s", werkgebied);
    snprintf(c->member, sizeof c->member, "%s", member);
    return 0;
}

static int cmp_region(const void *a, const void *b)
{
    const wd_region *x = a, *y = b;
    if (x->level != y->level) return (int)x->level - (int)y->level;
    return strcmp(x->code, y->code);
}

/* The members of the werkgebieden among `regions` as codes (m->items), and the members from
 * other gemeenten added to the regions, which are then sorted again by level and code. */
static int load_members(member_reader *m, wd_store *store, region_list *regions, wd_error *err)
{
    int any = 0;
    for (size_t i = 0; i < regions->n; i++)
        any |= regions->items[i].level == WD_LEVEL_WERKGEBIED;
    if (!any) return 0;
    m->regions = regions;
    int rc = wd_store_each_member(store, NULL, take_member, m, err);
    size_t before = regions->n;
    for (size_t k = 0; !rc && k < m->n; k++) {
        wd_region r;
        if (has_code(regions, m->items[k].member)) continue;
        rc = wd_store_region(store, m->items[k].member, &r, err);
        if (!rc && collect_region(&r, regions)) rc = WD_ENOMEM;
    }
    if (rc == WD_ENOMEM) rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor werkgebieden");
    if (!rc && regions->n > before)
        qsort(regions->items, regions->n, sizeof *regions->items, cmp_region);
    return rc;
}

static int load(wd_dataset **out, wd_store *store, const char *gemeente, int buurten,
                const wd_indicator_set *set, wd_error *err)
{
    wd_dataset *ds = calloc(1, sizeof *ds);
    region_list regions = {.buurten = buurten};
    code_index *idx = NULL;
    stage st = {0};
    source_map sources = {0};
    load_plan plan = {0};
    member_reader members = {0};
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
    if ((rc = load_members(&members, store, &regions, err))) goto cleanup;
    ds->regions = regions.items;
    ds->n_regions = regions.n;
    regions.items = NULL;

    /* The variables every indicator needs, plus what the engine itself reads. */
    rc = add_plain(ds, &plan, "AantalInwoners") ||
         add_plain(ds, &plan, "IndelingswijzigingGemeenteWijkBuurt");
    for (size_t i = 0; !rc && i < set->n; i++) {
        const wd_indicator *ind = &set->items[i];
        for (int k = 0; !rc && k < ind->n_num; k++)
            rc = add_term(ds, &plan, &ind->num[k], ind->subgroup);
        for (int k = 0; !rc && k < ind->n_den; k++)
            rc = add_term(ds, &plan, &ind->den[k], ind->subgroup);
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
    if ((rc = read_observations(&st, store, ds, &plan, buurten, err))) goto cleanup;
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
    ds->area = malloc((ds->n_regions * (size_t)ds->n_years + 1) * sizeof *ds->area);
    ds->outside = calloc(ds->n_regions + 1, 1);
    if (!ds->value || !ds->lo || !ds->hi || !ds->flags || !ds->source || !ds->parent ||
        !ds->gemeente || !ds->area || !ds->outside) {
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
    /* Werkgebieden are ordered by code among the regions, as their members are read. */
    ds->members = malloc((members.n + 1) * sizeof *ds->members);
    if (!ds->members) {
        rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor werkgebieden");
        goto cleanup;
    }
    for (size_t k = 0; k < members.n; k++)
        ds->members[ds->n_members++] =
            (wd_dataset_member){lookup(idx, ds->n_regions, members.items[k].werkgebied),
                                lookup(idx, ds->n_regions, members.items[k].member)};
    /* Regions are ordered by level, so a parent's gemeente is known before its children. */
    for (size_t i = 0; i < ds->n_regions; i++) {
        if (ds->regions[i].level == WD_LEVEL_GEMEENTE)
            ds->gemeente[i] = (int)i;
        else if (ds->parent[i] >= 0 && ds->regions[i].level > WD_LEVEL_GEMEENTE)
            ds->gemeente[i] = ds->gemeente[ds->parent[i]];
        else
            ds->gemeente[i] = -1;
        /* In a gemeente's load every region but Nederland hangs below it, except the members
         * of its werkgebieden elsewhere. */
        wd_level lv = ds->regions[i].level;
        ds->outside[i] =
            gemeente && ds->gemeente[i] < 0 && (lv == WD_LEVEL_WIJK || lv == WD_LEVEL_BUURT);
    }
    if ((rc = load_sources(ds, store, &sources, err))) goto cleanup;
    if (fill_cells(ds, &st, &plan, sources.ids, sources.n_ids)) {
        rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor %zu cellen", cells);
        goto cleanup;
    }
    sum_population(ds);
    number_areas(ds);
    /* National figures are sums and means of the buurten of one year: they need no areas
     * compared across years. */
    if (!buurten && (rc = wd_store_each_same_geometry(store, ds->regions, ds->n_regions,
                                                      add_same_geometry, ds, err))) {
        if (rc == WD_ENOMEM)
            rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de grenzen");
        goto cleanup;
    }
    if (ds->n_same_geometry)
        qsort(ds->same_geometry, ds->n_same_geometry, sizeof *ds->same_geometry, cmp_same_geometry);

cleanup:
    plan_free(&plan);
    free(members.items);
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
    free(ds->source_indeling);
    free(ds->area);
    free(ds->same_geometry);
    free(ds->members);
    free(ds->outside);
    free(ds);
}
