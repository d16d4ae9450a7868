/* Implementation of wd_controle.h: one pass over the gemeente's series (cells, gaps,
 * indelingen), one over the variables the tables served, one over its boundaries; then the
 * findings sorted and grouped for the reader. */
#include "engine/wd_controle.h"

#include "engine/wd_dataset.h"
#include "engine/wd_geo.h"
#include "engine/wd_out.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* How many regions a line names before "en nog N". */
#define NAMED 8

/* The reasons a cell has no value, in the order the report gives them. */
static const char *const reasons[] = {"geheim", "onbekend, onbetrouwbaar of geheim",
                                      "volgt in een latere levering", "niet meer gepubliceerd",
                                      "geen gegevens"};
#define N_REASONS (sizeof reasons / sizeof *reasons)

static int reason_of(unsigned flags)
{
    const char *why = wd_batch_flag_reason(flags);
    for (int k = 0; why && k < (int)N_REASONS; k++)
        if (strcmp(why, reasons[k]) == 0) return k;
    return (int)N_REASONS - 1;
}

/* A cell without a value, or (gap) one whose neighbouring year has a value. */
typedef struct {
    int source;        /* index into sources */
    const char *table; /* its table id, set once every cell is in (for sorting) */
    int reason;
    int region;
    int year, near; /* near: the neighbouring year with a value (gaps) */
    char var[WD_DS_VAR_MAX];
} cell;

/* A finding about a variable, a boundary or an indeling, as one line of text. */
typedef struct {
    int kind;   /* VAR_* or BOUND_* */
    int region; /* -1 for variables */
    int year;
    char table[32];
    char var[WD_VAR_MAX];
    char text[480];
} note;

enum { VAR_MOVED, VAR_MOVED_WITHIN, VAR_REDEFINED, BOUND_INDELING, BOUND_SHAPE, BOUND_NONE };

typedef struct {
    long id;
    wd_source src;
    size_t cells; /* cells of the gemeente's regions from it */
} source;

typedef struct {
    cell *items;
    size_t n, cap;
} cells;

struct wd_controle {
    wd_region gemeente;
    char store[256];
    wd_region *regions;
    size_t n_regions, cap_regions;
    source *sources;
    size_t n_sources, cap_sources;
    cells missing, gaps;
    note *notes;
    size_t n_notes, cap_notes;
    int has_variables;
};

static int grow(void **items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return 0;
    size_t ncap = *cap ? *cap * 2 : 64;
    while (ncap < need)
        ncap *= 2;
    void *p = realloc(*items, ncap * size);
    if (!p) return WD_ENOMEM;
    *items = p;
    *cap = ncap;
    return 0;
}

static int add_region(const wd_region *r, void *ctx)
{
    wd_controle *c = ctx;
    if (grow((void **)&c->regions, &c->cap_regions, c->n_regions + 1, sizeof *c->regions))
        return WD_ENOMEM;
    c->regions[c->n_regions++] = *r;
    return 0;
}

static int add_source(long id, const wd_source *src, void *ctx)
{
    wd_controle *c = ctx;
    if (grow((void **)&c->sources, &c->cap_sources, c->n_sources + 1, sizeof *c->sources))
        return WD_ENOMEM;
    c->sources[c->n_sources++] = (source){id, *src, 0};
    return 0;
}

/* Index of the source with store id `id` (sources come in id order), or -1. */
static int source_index(const wd_controle *c, long id)
{
    size_t lo = 0, hi = c->n_sources;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->sources[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->n_sources && c->sources[lo].id == id ? (int)lo : -1;
}

static int add_cell(cells *list, const cell *x)
{
    if (grow((void **)&list->items, &list->cap, list->n + 1, sizeof *list->items)) return WD_ENOMEM;
    list->items[list->n++] = *x;
    return 0;
}

static note *add_note(wd_controle *c, int kind, int region, int year)
{
    if (grow((void **)&c->notes, &c->cap_notes, c->n_notes + 1, sizeof *c->notes)) return NULL;
    note *n = &c->notes[c->n_notes++];
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->region = region;
    n->year = year;
    return n;
}

/* ---- 1, 3 and 4: the series ---- */

static int pick_all(const char *variable, const char *subgroup, void *ctx)
{
    (void)variable;
    (void)subgroup;
    (void)ctx;
    return 0;
}

static int take_series(size_t region, int picked, const char *variable, const char *subgroup,
                       const unsigned char *data, size_t len, void *ctx)
{
    wd_controle *c = ctx;
    (void)picked;
    long n = wd_store_series_count(data, len);
    if (n < 0) return WD_ESTORE;
    cell x = {.region = (int)region};
    snprintf(x.var, sizeof x.var, "%s%s%s", variable, subgroup[0] ? "|" : "", subgroup);
    int indeling = strcmp(variable, "IndelingswijzigingGemeenteWijkBuurt") == 0;
    wd_store_series_point prev = {0}, cur, next;
    for (long k = 0; k < n; k++) {
        wd_store_series_get(data, (size_t)k, &cur);
        if (k + 1 < n) wd_store_series_get(data, (size_t)k + 1, &next);
        int src = source_index(c, cur.source);
        if (src >= 0) c->sources[src].cells++;
        if (indeling && isfinite(cur.value) && cur.value != 1) {
            note *m = add_note(c, BOUND_INDELING, (int)region, cur.year);
            if (!m) return WD_ENOMEM;
            snprintf(m->text, sizeof m->text, "%d (%s = %g)", cur.year, variable, cur.value);
        }
        if (!isfinite(cur.value)) {
            x.source = src;
            x.reason = reason_of(cur.flags);
            x.year = cur.year;
            x.near = k > 0 && isfinite(prev.value)       ? prev.year
                     : k + 1 < n && isfinite(next.value) ? next.year
                                                         : 0;
            if (add_cell(&c->missing, &x) || (x.near && add_cell(&c->gaps, &x))) return WD_ENOMEM;
        }
        prev = cur;
    }
    return 0;
}

/* ---- 2: the variables as served ---- */

/* The "_N" suffix of a key ("" when it has none). */
static const char *suffix_of(const char *key)
{
    const char *u = strrchr(key, '_');
    if (!u || !u[1]) return "";
    for (const char *p = u + 1; *p; p++)
        if (!isdigit((unsigned char)*p)) return "";
    return u;
}

/* A title compared as a reader sees it: spaces (also non-breaking ones) trimmed and single. */
static void plain(char *out, size_t cap, const char *s)
{
    size_t n = 0;
    int space = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && n + 2 < cap;) {
        size_t w = isspace(*p) ? 1 : p[0] == 0xC2 && p[1] == 0xA0 ? 2 : 0;
        if (w) {
            space = n > 0;
            p += w;
            continue;
        }
        if (space) out[n++] = ' ';
        space = 0;
        out[n++] = (char)*p++;
    }
    out[n] = '\0';
}

typedef struct {
    wd_controle *c;
    wd_store_variable *rows;
    size_t n, cap;
} var_group;

static int uses_table(const wd_controle *c, const char *table)
{
    for (size_t k = 0; k < c->n_sources; k++)
        if (c->sources[k].cells && strcmp(c->sources[k].src.table_id, table) == 0) return 1;
    return 0;
}

/* The findings about one variable name, from its rows (year, table, first_seen order). */
static int judge_variable(var_group *g)
{
    wd_controle *c = g->c;
    const wd_store_variable *v = g->rows;
    size_t n = g->n;
    if (n < 2) return 0;
    /* Between the years' tables: the suffix of each table's newest key, in runs of the same
     * suffix: "_66 (2017-2021) → _72 (2022)". */
    char seq[480] = "";
    int runs = 0, from = 0, to = 0;
    const char *run = NULL;
    for (size_t k = 0; k <= n; k++) {
        if (k < n && k + 1 < n && strcmp(v[k].table_id, v[k + 1].table_id) == 0) continue;
        const char *suf = k < n ? suffix_of(v[k].key) : NULL;
        if (run && (!suf || strcmp(suf, run) != 0)) {
            size_t m = strlen(seq);
            char years[16];
            snprintf(years, sizeof years, from == to ? "%d" : "%d-%d", from, to);
            snprintf(seq + m, sizeof seq - m, "%s%s (%s)", m ? " → " : "",
                     run[0] ? run : "zonder achtervoegsel", years);
            runs++;
            run = NULL;
        }
        if (!suf) break;
        if (!run) {
            run = suf;
            from = v[k].year;
        }
        to = v[k].year;
    }
    if (runs > 1) {
        note *m = add_note(c, VAR_MOVED, -1, 0);
        if (!m) return WD_ENOMEM;
        snprintf(m->var, sizeof m->var, "%s", v[0].name);
        snprintf(m->text, sizeof m->text, "%s", seq);
    }
    for (size_t k = 1; k < n; k++) {
        char a[160], b[160];
        if (strcmp(v[k].table_id, v[k - 1].table_id) == 0) {
            /* Two keys in one table: the suffix moved between deliveries. */
            note *m = add_note(c, VAR_MOVED_WITHIN, -1, v[k].year);
            if (!m) return WD_ENOMEM;
            snprintf(m->var, sizeof m->var, "%s", v[k].name);
            snprintf(m->table, sizeof m->table, "%s", v[k].table_id);
            snprintf(m->text, sizeof m->text, "%s (geleverd tot %.10s) → %s (vanaf %.10s)",
                     v[k - 1].key, v[k - 1].last_seen, v[k].key, v[k].first_seen);
        }
        plain(a, sizeof a, v[k - 1].title);
        plain(b, sizeof b, v[k].title);
        int title = strcmp(a, b) != 0, unit = strcmp(v[k - 1].unit, v[k].unit) != 0;
        if (title || unit) {
            note *m = add_note(c, VAR_REDEFINED, -1, v[k].year);
            if (!m) return WD_ENOMEM;
            snprintf(m->var, sizeof m->var, "%s", v[k].name);
            snprintf(m->table, sizeof m->table, "%s", v[k].table_id);
            if (title)
                snprintf(m->text, sizeof m->text, "titel \"%s\" (%s) → \"%s\" (%s)", a,
                         v[k - 1].table_id, b, v[k].table_id);
            else
                snprintf(m->text, sizeof m->text, "eenheid \"%s\" (%s) → \"%s\" (%s)",
                         v[k - 1].unit, v[k - 1].table_id, v[k].unit, v[k].table_id);
        }
    }
    return 0;
}

static int take_variable(const wd_store_variable *v, void *ctx)
{
    var_group *g = ctx;
    g->c->has_variables = 1;
    if (!uses_table(g->c, v->table_id)) return 0;
    if (g->n && strcmp(g->rows[0].name, v->name) != 0) {
        int rc = judge_variable(g);
        g->n = 0;
        if (rc) return rc;
    }
    if (grow((void **)&g->rows, &g->cap, g->n + 1, sizeof *g->rows)) return WD_ENOMEM;
    g->rows[g->n++] = *v;
    return 0;
}

/* ---- 3: the boundaries ---- */

static int add_shape(const char *code, int year, const char *json, size_t len, void *ctx)
{
    void **x = ctx;
    return wd_geo_add(x[0], code, year, json, len, x[1]);
}

/* The area of a shape in degrees squared: exteriors minus holes. */
static double area_of(const wd_geo *g, const wd_geo_shape *s)
{
    double a = 0;
    for (size_t k = s->first_ring; k < s->first_ring + s->n_rings; k++)
        a += (g->ring_outer[k] ? 0.5 : -0.5) * fabs(wd_geo_ring_area2(g, k));
    return a;
}

static int judge_boundaries(wd_controle *c, wd_store *store, wd_error *err)
{
    wd_geo *g = wd_geo_new();
    if (!g) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de grenzen");
    void *x[2] = {g, err};
    int rc = wd_store_each_geometry(store, c->regions, c->n_regions, 0, add_shape, x, err);
    for (size_t r = 0; !rc && r < c->n_regions; r++) {
        const wd_region *reg = &c->regions[r];
        const wd_geo_shape *prev = NULL;
        int any = 0;
        for (size_t k = 0; k < g->n_shapes; k++) {
            const wd_geo_shape *s = &g->shapes[k];
            if (strcmp(s->code, reg->code) != 0) continue;
            any = 1;
            if (prev) {
                double a0 = area_of(g, prev), a1 = area_of(g, s);
                double shift = fmax(fmax(fabs(s->lon0 - prev->lon0), fabs(s->lon1 - prev->lon1)),
                                    fmax(fabs(s->lat0 - prev->lat0), fabs(s->lat1 - prev->lat1)));
                /* 1e-5 degree is about a metre: anything more is a redrawn boundary. */
                if (fabs(a1 - a0) > 1e-3 * fmax(a0, a1) || shift > 1e-5) {
                    note *m = add_note(c, BOUND_SHAPE, (int)r, s->year);
                    if (!m) {
                        rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
                        break;
                    }
                    snprintf(m->text, sizeof m->text,
                             "grens %d en %d verschillen (oppervlakte %+.1f%%)", prev->year,
                             s->year, a0 > 0 ? 100 * (a1 - a0) / a0 : 0.0);
                }
            }
            prev = s;
        }
        if (!any && reg->level == WD_LEVEL_BUURT && !add_note(c, BOUND_NONE, (int)r, 0))
            rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    }
    wd_geo_free(g);
    return rc;
}

static int cmp_cell(const void *pa, const void *pb);
static int cmp_note(const void *pa, const void *pb);

int wd_controle_run(wd_controle **out, wd_store *store, const char *gemeente, wd_error *err)
{
    wd_controle *c = calloc(1, sizeof *c);
    if (!c) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de controle");
    snprintf(c->store, sizeof c->store, "%s", wd_store_path(store));
    int rc = wd_store_region(store, gemeente, &c->gemeente, err);
    if (!rc && c->gemeente.level != WD_LEVEL_GEMEENTE)
        rc = wd_error_set(err, WD_EUSAGE, "%s is geen gemeente (geef een GM-code)", gemeente);
    if (!rc) rc = wd_store_each_region(store, gemeente, add_region, c, err);
    if (!rc) rc = wd_store_each_source(store, add_source, c, err);
    wd_store_series_reader reader = {pick_all, take_series, c};
    if (!rc) rc = wd_store_each_series(store, c->regions, c->n_regions, NULL, 0, &reader, err);
    var_group g = {c, NULL, 0, 0};
    if (!rc) rc = wd_store_each_variable(store, take_variable, &g, err);
    if (!rc) rc = judge_variable(&g);
    free(g.rows);
    if (!rc) rc = judge_boundaries(c, store, err);
    /* In the order of the report: by table, reason, variable, year and region. */
    cells *lists[] = {&c->missing, &c->gaps};
    for (size_t l = 0; !rc && l < 2; l++) {
        for (size_t k = 0; k < lists[l]->n; k++) {
            cell *x = &lists[l]->items[k];
            x->table = x->source >= 0 ? c->sources[x->source].src.table_id : "";
        }
        qsort(lists[l]->items, lists[l]->n, sizeof *lists[l]->items, cmp_cell);
    }
    if (!rc) qsort(c->notes, c->n_notes, sizeof *c->notes, cmp_note);
    if (rc == WD_ENOMEM && err && !err->msg[0])
        wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de controle van %s", gemeente);
    if (rc == WD_ESTORE && err && !err->msg[0])
        wd_error_set(err, WD_ESTORE, "store %s: een reeks van %s is beschadigd", c->store,
                     gemeente);
    if (rc) {
        wd_controle_free(c);
        return rc;
    }
    *out = c;
    return 0;
}

void wd_controle_free(wd_controle *c)
{
    if (!c) return;
    free(c->regions);
    free(c->sources);
    free(c->missing.items);
    free(c->gaps.items);
    free(c->notes);
    free(c);
}

/* ---- writing ---- */

static int cmp_cell(const void *pa, const void *pb)
{
    const cell *a = pa, *b = pb;
    int d = strcmp(a->table, b->table);
    if (!d) d = a->reason - b->reason;
    if (!d) d = strcmp(a->var, b->var);
    if (!d) d = a->year - b->year;
    if (!d) d = a->region - b->region;
    return d;
}

static int cmp_note(const void *pa, const void *pb)
{
    const note *a = pa, *b = pb;
    int d = a->kind - b->kind;
    if (!d) d = a->region - b->region;
    if (!d) d = strcmp(a->var, b->var);
    if (!d) d = a->year - b->year;
    return d;
}

static const char *region_label(const wd_controle *c, int r, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s %s", c->regions[r].code, c->regions[r].name);
    return buf;
}

/* Runs of cells that agree on table, reason and variable (cells are sorted so). */
static size_t run_of(const cell *items, size_t n, size_t k)
{
    size_t e = k + 1;
    while (e < n && strcmp(items[e].table, items[k].table) == 0 &&
           items[e].reason == items[k].reason && strcmp(items[e].var, items[k].var) == 0)
        e++;
    return e - k;
}

/* One line per variable: its cells, the years, and the regions ("en nog N" past NAMED). */
static void write_run(FILE *f, const wd_controle *c, const cell *x, size_t m, int gaps)
{
    fprintf(f, "      %s: %zu %s in ", x->var, m, m == 1 ? "cel" : "cellen");
    for (size_t k = 0; k < m; k++)
        if (k == 0 || x[k].year != x[k - 1].year) fprintf(f, "%s%d", k ? ", " : "", x[k].year);
    if (gaps) {
        int near = x[0].near, same = 1;
        for (size_t k = 1; k < m; k++)
            same &= x[k].near == near;
        if (same)
            fprintf(f, " (wel in %d)", near);
        else
            fputs(" (wel in een buurjaar)", f);
    }
    size_t named = 0, regions = 0;
    char buf[WD_CODE_MAX + WD_NAME_MAX + 2];
    for (size_t k = 0; k < m; k++) {
        int seen = 0;
        for (size_t j = 0; j < k && !seen; j++)
            seen = x[j].region == x[k].region;
        if (seen) continue;
        regions++;
        if (named++ < NAMED)
            fprintf(f, "%s%s", named == 1 ? ": " : ", ",
                    region_label(c, x[k].region, buf, sizeof buf));
    }
    if (regions > NAMED) fprintf(f, " en nog %zu", regions - NAMED);
    fprintf(f, " (%zu %s)\n", regions, regions == 1 ? "regio" : "regio's");
}

static void write_cells(FILE *f, const wd_controle *c, const cell *items, size_t n, int gaps)
{
    const char *table = NULL;
    int reason = -1;
    for (size_t k = 0; k < n;) {
        const cell *x = &items[k];
        if (!table || strcmp(x->table, table) != 0) {
            /* A table fetched in parts (PDOK's collections, a gemeente at a time) is one. */
            table = x->table;
            reason = -1;
            const source *s = x->source >= 0 ? &c->sources[x->source] : NULL;
            size_t total = 0, cells_all = 0;
            for (size_t e = k; e < n && strcmp(items[e].table, table) == 0; e++)
                total++;
            for (size_t j = 0; j < c->n_sources; j++)
                if (strcmp(c->sources[j].src.table_id, table) == 0)
                    cells_all += c->sources[j].cells;
            if (gaps)
                fprintf(f, "\n  %s (%s): %zu cellen\n", table[0] ? table : "?",
                        s ? s->src.title : "onbekende bron", total);
            else
                fprintf(f, "\n  %s (%s): %zu van %zu cellen zonder waarde\n",
                        table[0] ? table : "?", s ? s->src.title : "onbekende bron", total,
                        cells_all);
        }
        if (x->reason != reason) {
            reason = x->reason;
            size_t total = 0;
            for (size_t e = k;
                 e < n && strcmp(items[e].table, table) == 0 && items[e].reason == reason; e++)
                total++;
            fprintf(f, "    %s: %zu cellen\n", reasons[reason], total);
        }
        size_t m = run_of(items, n, k);
        write_run(f, c, x, m, gaps);
        k += m;
    }
    if (!n) fputs("  geen\n", f);
}

static void write_notes(FILE *f, const wd_controle *c, int kind, const char *heading)
{
    size_t n = 0;
    for (size_t k = 0; k < c->n_notes; k++)
        n += c->notes[k].kind == kind;
    fprintf(f, "\n  %s: %zu\n", heading, n);
    char buf[WD_CODE_MAX + WD_NAME_MAX + 2];
    for (size_t k = 0; k < c->n_notes; k++) {
        const note *m = &c->notes[k];
        if (m->kind != kind) continue;
        if (m->region >= 0)
            fprintf(f, "    %s%s%s\n", region_label(c, m->region, buf, sizeof buf),
                    m->text[0] ? ": " : "", m->text);
        else
            fprintf(f, "    %s%s%s: %s\n", m->var, m->table[0] ? " in " : "", m->table, m->text);
    }
}

int wd_controle_write_text(FILE *f, const wd_controle *c, wd_error *err)
{
    size_t levels[4] = {0};
    for (size_t r = 0; r < c->n_regions; r++)
        levels[c->regions[r].level]++;
    fprintf(f, "Controle van de gegevens van %s (%s)\n", c->gemeente.name, c->gemeente.code);
    fprintf(f, "Store %s: %zu wijken en %zu buurten.\n", c->store, levels[WD_LEVEL_WIJK],
            levels[WD_LEVEL_BUURT]);
    fputs("\n1. Cellen zonder waarde, per tabel en reden\n", f);
    write_cells(f, c, c->missing.items, c->missing.n, 0);
    fputs("\n2. Variabelen waarvan het achtervoegsel of de definitie veranderde\n", f);
    if (!c->has_variables)
        fputs("  De store heeft geen lijst van variabelen zoals de tabellen ze leverden: haal de\n"
              "  gegevens opnieuw op met deze versie van wijkdata.\n",
              f);
    write_notes(f, c, VAR_MOVED, "achtervoegsel anders tussen de jaren (in de store één reeks)");
    write_notes(f, c, VAR_MOVED_WITHIN,
                "achtervoegsel verschoven binnen een tabel (tussen "
                "leveringen)");
    write_notes(f, c, VAR_REDEFINED,
                "titel of eenheid veranderd: controleer of het nog "
                "hetzelfde cijfer is");
    fputs("\n3. Indelingswijzigingen en grenzen\n", f);
    write_notes(f, c, BOUND_INDELING,
                "IndelingswijzigingGemeenteWijkBuurt anders dan 1 (trends "
                "breken hier)");
    write_notes(f, c, BOUND_SHAPE, "grenzen die tussen de jaren in de store verschillen");
    write_notes(f, c, BOUND_NONE, "buurten zonder grens in de store");
    fputs("\n4. Cijfers die ontbreken terwijl een buurjaar ze wel heeft\n", f);
    write_cells(f, c, c->gaps.items, c->gaps.n, 1);
    return ferror(f) ? wd_error_set(err, WD_EIO, "schrijven van het controlerapport mislukt") : 0;
}

static void csv_row(wd_out *o, const char *kind, const char *table, const wd_controle *c,
                    int region, const char *var, int year, const char *reason, const char *text)
{
    const char *f[] = {kind, table, region >= 0 ? c->regions[region].code : "",
                       region >= 0 ? c->regions[region].name : "", var};
    for (size_t k = 0; k < 5; k++) {
        wd_out_field(o, f[k]);
        wd_out_chr(o, ',');
    }
    if (year) wd_out_int(o, year);
    wd_out_chr(o, ',');
    wd_out_field(o, reason);
    wd_out_chr(o, ',');
    wd_out_field(o, text);
    wd_out_str(o, "\r\n");
}

int wd_controle_write_csv(FILE *f, const wd_controle *c, wd_error *err)
{
    static const char *const kinds[] = {"achtervoegsel anders tussen jaren",
                                        "achtervoegsel verschoven binnen tabel",
                                        "titel of eenheid veranderd",
                                        "indelingswijziging",
                                        "grens veranderd",
                                        "zonder grens"};
    wd_out *o = malloc(sizeof *o);
    if (!o) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de CSV");
    wd_out_init(o, f, ',', '.');
    wd_out_str(o, "soort,tabel,regiocode,regionaam,variabele,jaar,reden,toelichting\r\n");
    for (int part = 0; part < 2; part++) {
        const cells *list = part ? &c->gaps : &c->missing;
        for (size_t k = 0; k < list->n; k++) {
            const cell *x = &list->items[k];
            char text[32] = "";
            if (part) snprintf(text, sizeof text, "wel in %d", x->near);
            csv_row(o, part ? "ontbreekt terwijl buurjaar wel" : "cel zonder waarde",
                    x->source >= 0 ? c->sources[x->source].src.table_id : "", c, x->region, x->var,
                    x->year, reasons[x->reason], text);
        }
    }
    for (size_t k = 0; k < c->n_notes; k++) {
        const note *m = &c->notes[k];
        csv_row(o, kinds[m->kind], m->table, c, m->region, m->var, m->year, "", m->text);
    }
    wd_out_flush(o);
    free(o);
    return ferror(f) ? wd_error_set(err, WD_EIO, "schrijven van het controlerapport mislukt") : 0;
}
