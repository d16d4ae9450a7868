/* Implementation of wd_table.h: the columns, a region's row from its results, the run over
 * the gemeenten of a session and the two CSV sinks. */
#include "engine/wd_table.h"

#include "engine/wd_export.h"
#include "engine/wd_file.h"
#include "engine/wd_out.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The columns of every indicator, in this order, with their name suffixes. */
static const struct {
    wd_table_part part;
    const char *suffix;
    int number;
} per_indicator[] = {{WD_TABLE_VALUE, "", 1},         {WD_TABLE_VALUE_YEAR, "_jaar", 1},
                     {WD_TABLE_FLAGS, "_vlaggen", 0}, {WD_TABLE_REASON, "_reden", 0},
                     {WD_TABLE_LO, "_ci95_laag", 1},  {WD_TABLE_HI, "_ci95_hoog", 1},
                     {WD_TABLE_TREND, "_trend", 1},   {WD_TABLE_TREND_CLASS, "_trend_klasse", 0},
                     {WD_TABLE_SOURCE, "_bron", 0}};
#define PER_INDICATOR (sizeof per_indicator / sizeof *per_indicator)

static const struct {
    wd_table_part part;
    const char *name;
    int number;
} region_cols[] = {{WD_TABLE_CODE, "regiocode", 0},        {WD_TABLE_NAME, "regionaam", 0},
                   {WD_TABLE_LEVEL, "niveau", 0},          {WD_TABLE_WIJK, "wijkcode", 0},
                   {WD_TABLE_GEMEENTE, "gemeentecode", 0}, {WD_TABLE_YEAR, "jaar", 1}},
  index_cols[] = {{WD_TABLE_KRACHT, "draagkracht_index", 1},
                  {WD_TABLE_LAST, "draaglast_index", 1},
                  {WD_TABLE_BALANCE, "balans", 0}};
#define N_REGION_COLS (sizeof region_cols / sizeof *region_cols)
#define N_INDEX_COLS (sizeof index_cols / sizeof *index_cols)

int wd_table_new(wd_table **out, const wd_indicator_set *set, wd_error *err)
{
    wd_table *t = calloc(1, sizeof *t);
    size_t n = N_REGION_COLS + set->n * PER_INDICATOR + N_INDEX_COLS;
    if (t) t->cols = calloc(n, sizeof *t->cols);
    if (!t || !t->cols) {
        free(t);
        return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de kolommen van de export");
    }
    t->set = set;
    for (size_t k = 0; k < N_REGION_COLS; k++) {
        wd_table_col *c = &t->cols[t->n_cols++];
        snprintf(c->name, sizeof c->name, "%s", region_cols[k].name);
        c->part = region_cols[k].part;
        c->number = region_cols[k].number;
        c->decimals = 0;
        c->indicator = -1;
    }
    for (size_t i = 0; i < set->n; i++)
        for (size_t k = 0; k < PER_INDICATOR; k++) {
            wd_table_col *c = &t->cols[t->n_cols++];
            snprintf(c->name, sizeof c->name, "%s%s", set->items[i].id, per_indicator[k].suffix);
            c->part = per_indicator[k].part;
            c->number = per_indicator[k].number;
            c->decimals = c->part == WD_TABLE_VALUE_YEAR ? 0
                          : c->part == WD_TABLE_TREND    ? -1
                                                         : set->items[i].decimals;
            c->indicator = (int)i;
        }
    for (size_t k = 0; k < N_INDEX_COLS; k++) {
        wd_table_col *c = &t->cols[t->n_cols++];
        snprintf(c->name, sizeof c->name, "%s", index_cols[k].name);
        c->part = index_cols[k].part;
        c->number = index_cols[k].number;
        c->decimals = 1;
        c->indicator = -1;
    }
    *out = t;
    return 0;
}

void wd_table_free(wd_table *t)
{
    if (!t) return;
    free(t->cols);
    free(t->sources);
    free(t);
}

wd_table_row *wd_table_row_new(const wd_table *t)
{
    wd_table_row *row = calloc(1, sizeof *row);
    if (!row) return NULL;
    row->num = malloc((t->n_cols + 1) * sizeof *row->num);
    row->text = calloc(t->n_cols + 1, sizeof *row->text);
    row->flags = malloc((t->set->n + 1) * sizeof *row->flags);
    if (!row->num || !row->text || !row->flags) {
        wd_table_row_free(row);
        return NULL;
    }
    return row;
}

void wd_table_row_free(wd_table_row *row)
{
    if (!row) return;
    free(row->num);
    free(row->text);
    free(row->flags);
    free(row);
}

/* Notes that a value written came from `src`; 0 or WD_ENOMEM. */
static int note_source(wd_table *t, const wd_source *src)
{
    for (size_t k = 0; k < t->n_sources; k++) {
        wd_table_source *s = &t->sources[k];
        if (strcmp(s->src.table_id, src->table_id) != 0) continue;
        if (strcmp(src->retrieved_at, s->src.retrieved_at) > 0) s->src = *src;
        s->used++;
        return 0;
    }
    if (t->n_sources == t->cap_sources) {
        size_t cap = t->cap_sources ? 2 * t->cap_sources : 16;
        void *p = realloc(t->sources, cap * sizeof *t->sources);
        if (!p) return WD_ENOMEM;
        t->sources = p;
        t->cap_sources = cap;
    }
    t->sources[t->n_sources++] = (wd_table_source){*src, 1};
    return 0;
}

int wd_table_fill(wd_table *t, wd_table_row *row, const wd_results *res, size_t r, int year,
                  wd_error *err)
{
    const wd_dataset *ds = res->ds;
    const wd_region *reg = &ds->regions[r];
    int y = wd_results_year(res, r, year);
    if (y < 0)
        return wd_error_set(err, WD_EUSAGE, "geen gegevens voor jaar %d (de store heeft %d-%d)",
                            year, ds->year0, ds->year0 + ds->n_years - 1);
    int g = ds->gemeente[r], p = ds->parent[r];
    const char *wijk = reg->level == WD_LEVEL_WIJK              ? reg->code
                       : reg->level == WD_LEVEL_BUURT && p >= 0 ? ds->regions[p].code
                                                                : "";
    row->region = reg;
    row->level = reg->level;
    row->year = ds->year0 + y;
    size_t cell_ry = (r * (size_t)ds->n_years + (size_t)y);
    double kracht = res->kracht[cell_ry], last = res->last[cell_ry];
    int back = t->set->balance.max_years_back;
    /* Per indicator: the year its value comes from and the cell of that year (or, without a
     * value, of the reported year, whose flags say why). */
    int i_prev = -1, yy = -1;
    size_t cell = 0;
    for (size_t c = 0; c < t->n_cols; c++) {
        const wd_table_col *col = &t->cols[c];
        row->num[c] = NAN;
        row->text[c] = col->number ? NULL : "";
        int i = col->indicator;
        if (i >= 0 && i != i_prev) {
            i_prev = i;
            wd_results_pick pick;
            wd_results_latest(&pick, res, r, (size_t)i, y, back);
            yy = pick.year;
            cell = wd_results_cell(res, r, yy >= 0 ? yy : y, (size_t)i);
            /* Flagged as the indicators export flags the reported year's figure left out. */
            unsigned flags = res->flags[cell];
            if (yy < 0 && pick.left_out >= 0)
                flags |= WD_RESULTS_OTHER_AREA | (isfinite(res->value[cell]) ? WD_FLAG_MISSING : 0);
            wd_export_flags_text(flags, row->flags[i], sizeof row->flags[i]);
        }
        const wd_trend *tr = i >= 0 ? &res->trend[r * res->n_ind + (size_t)i] : NULL;
        double lo, hi;
        switch (col->part) {
        case WD_TABLE_CODE:
            row->text[c] = reg->code;
            break;
        case WD_TABLE_NAME:
            row->text[c] = reg->name;
            break;
        case WD_TABLE_LEVEL:
            row->text[c] = wd_level_name(reg->level);
            break;
        case WD_TABLE_WIJK:
            row->text[c] = wijk;
            break;
        case WD_TABLE_GEMEENTE:
            row->text[c] = g >= 0 ? ds->regions[g].code : "";
            break;
        case WD_TABLE_YEAR:
            row->num[c] = row->year;
            break;
        case WD_TABLE_VALUE:
            row->num[c] = yy >= 0 ? res->value[cell] : NAN;
            break;
        case WD_TABLE_VALUE_YEAR:
            row->num[c] = yy >= 0 ? ds->year0 + yy : NAN;
            break;
        case WD_TABLE_FLAGS:
            row->text[c] = row->flags[i];
            break;
        case WD_TABLE_REASON:
            if (yy < 0) {
                const char *why = wd_batch_flag_reason(res->flags[cell]);
                row->text[c] = why ? why : "geen gegevens";
            }
            break;
        case WD_TABLE_LO:
        case WD_TABLE_HI:
            if (yy < 0) break;
            wd_results_interval(res, r, yy, (size_t)i, &lo, &hi);
            row->num[c] = col->part == WD_TABLE_LO ? lo : hi;
            break;
        case WD_TABLE_TREND:
            row->num[c] = tr->n ? tr->slope : NAN;
            break;
        case WD_TABLE_TREND_CLASS:
            if (tr->n)
                row->text[c] = wd_trend_class_label(res->test[r * res->n_ind + (size_t)i].cls);
            break;
        case WD_TABLE_SOURCE:
            if (res->source[cell] < ds->n_sources) {
                const wd_source *src = &ds->sources[res->source[cell]];
                row->text[c] = src->table_id;
                if (yy >= 0 && note_source(t, src))
                    return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de bronnen");
            }
            break;
        case WD_TABLE_KRACHT:
            row->num[c] = kracht;
            break;
        case WD_TABLE_LAST:
            row->num[c] = last;
            break;
        case WD_TABLE_BALANCE:
            if (isfinite(kracht) && isfinite(last))
                row->text[c] = wd_results_balance_class(kracht, last, t->set->balance.bound);
            break;
        }
    }
    return 0;
}

/* ---- the run over the gemeenten ---- */

typedef struct {
    wd_table *t;
    wd_table_row *row;
    const wd_table_sink *sink;
    const wd_table_options *o;
    void *state;
    wd_table_stats stats;
    size_t shapes; /* rows written with a boundary */
} run;

static int boundary_year(const run *w, const wd_dataset *ds)
{
    return w->o->year > 0 ? w->o->year : ds->year0 + ds->n_years - 1;
}

/* On a worker thread: the gemeente's boundaries, from the worker's own store connection. */
static int load_shapes(wd_each_job *job, void *ctx, wd_error *err)
{
    const run *w = ctx;
    wd_geo *geo = NULL;
    if (!w->sink->geometry) return 0;
    int rc = wd_geo_load(&geo, job->store, job->ds, boundary_year(w, job->ds), err);
    job->data = geo;
    return rc;
}

static void free_shapes(wd_each_job *job, void *ctx)
{
    (void)ctx;
    wd_geo_free(job->data);
}

/* On the calling thread, in order: the rows of the gemeente (the country's with the first). */
static int write_rows(wd_each_job *job, void *ctx, wd_error *err)
{
    run *w = ctx;
    const wd_dataset *ds = job->ds;
    const wd_geo *geo = job->data;
    if (w->sink->geometry) w->stats.boundary_year = w->row->boundary_year = boundary_year(w, ds);
    for (size_t r = 0; r < ds->n_regions; r++) {
        wd_level level = ds->regions[r].level;
        if (w->o->level >= 0 && (int)level != w->o->level) continue;
        if (level == WD_LEVEL_LAND && (job->index > 0 || w->sink->geometry)) continue;
        if (ds->outside[r]) continue; /* another gemeente's, there for a werkgebied */
        int rc = wd_table_fill(w->t, w->row, job->res, r, w->o->year, err);
        int shape = geo ? wd_geo_find(geo, ds->regions[r].code) : -1;
        if (!rc) rc = w->sink->row(w->state, w->t, w->row, geo, shape, err);
        if (rc) return rc;
        w->stats.rows++;
        if (shape >= 0)
            w->shapes++;
        else if (w->sink->geometry)
            w->stats.without_shape++;
    }
    return 0;
}

typedef struct {
    run *w;
    wd_session *s;
} write_ctx;

/* The whole export into an open stream or an empty file. */
static int write_export(FILE *f, const char *path, write_ctx *x, wd_error *err)
{
    run *w = x->w;
    int rc = w->sink->open(&w->state, w->t, w->o, f, path, err);
    if (rc) return rc;
    wd_each_options each = {.gemeente = w->o->gemeente,
                            .threads = w->o->threads,
                            .work = load_shapes,
                            .deliver = write_rows,
                            .release = free_shapes,
                            .progress = w->o->progress,
                            .ctx = w};
    rc = wd_session_each_gemeente(x->s, &each, 0, err);
    each.progress = NULL;
    if (!rc && w->stats.rows == 0)
        rc = wd_error_set(err, WD_ENOTFOUND,
                          "geen enkele regio om te exporteren (niveau %s%s%s): niets geschreven",
                          w->o->level >= 0 ? wd_level_name((wd_level)w->o->level) : "alle",
                          w->o->gemeente ? " in " : "", w->o->gemeente ? w->o->gemeente : "");
    if (!rc && w->sink->geometry && w->shapes == 0)
        rc = wd_error_set(err, WD_ENOTFOUND,
                          "de store heeft geen grenzen (geometrieën) voor deze regio's: haal ze op "
                          "met 'wijkdata fetch --sources geo' of lees PDOK-GeoJSON in met "
                          "'wijkdata import --format pdok-geojson', of kies --format csv of xlsx");
    int crc = w->sink->close(w->state, w->t, rc == 0, rc ? NULL : err);
    w->state = NULL;
    return rc ? rc : crc;
}

static int write_stream(FILE *f, void *ctx, wd_error *err)
{
    return write_export(f, NULL, ctx, err);
}

static int write_path(const char *tmp, void *ctx, wd_error *err)
{
    return write_export(NULL, tmp, ctx, err);
}

int wd_table_export(wd_session *s, const wd_table_sink *sink, const wd_table_options *o,
                    const char *path, wd_table_stats *stats, wd_error *err)
{
    if (sink->by_path && !path)
        return wd_error_set(err, WD_EUSAGE, "%s schrijft een bestand: geef --out BESTAND",
                            sink->name);
    run w = {.sink = sink, .o = o};
    wd_region gm;
    /* An unknown gemeente before anything is written, also to standard output. */
    int rc = o->gemeente ? wd_store_region(s->store, o->gemeente, &gm, err) : 0;
    if (!rc) rc = wd_table_new(&w.t, s->set, err);
    if (!rc && !(w.row = wd_table_row_new(w.t)))
        rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de export");
    write_ctx x = {&w, s};
    if (!rc && path) wd_file_clean_beside(path);
    if (!rc && sink->by_path)
        rc = wd_file_write_atomic_path(path, write_path, &x, err);
    else if (!rc)
        rc = wd_file_write_atomic(path, write_stream, &x, err);
    /* The sinks' write errors name no file (they write a temporary one): say which. */
    if ((rc == WD_EIO || rc == WD_ESTORE) && path && err && !strstr(err->msg, path))
        wd_error_prefix(err, "kan %s niet schrijven: ", path);
    if (stats) *stats = w.stats;
    wd_table_row_free(w.row);
    wd_table_free(w.t);
    return rc;
}

/* ---- CSV ---- */

typedef struct {
    wd_out out;
    const char *eol;
} csv_state;

static int csv_open_with(void **state, const wd_table *t, FILE *f, char sep, char decimal, int bom,
                         wd_error *err)
{
    csv_state *c = malloc(sizeof *c);
    if (!c) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de CSV");
    wd_out_init(&c->out, f, sep, decimal);
    c->eol = "\r\n";
    if (bom) wd_out_str(&c->out, "\xEF\xBB\xBF");
    for (size_t k = 0; k < t->n_cols; k++) {
        if (k) wd_out_chr(&c->out, sep);
        wd_out_field(&c->out, t->cols[k].name);
    }
    wd_out_str(&c->out, c->eol);
    *state = c;
    return 0;
}

static int csv_open(void **state, const wd_table *t, const wd_table_options *o, FILE *f,
                    const char *path, wd_error *err)
{
    (void)o;
    (void)path;
    return csv_open_with(state, t, f, ',', '.', 0, err);
}

static int csv_nl_open(void **state, const wd_table *t, const wd_table_options *o, FILE *f,
                       const char *path, wd_error *err)
{
    (void)o;
    (void)path;
    return csv_open_with(state, t, f, ';', ',', 1, err);
}

static int csv_row(void *state, const wd_table *t, const wd_table_row *row, const wd_geo *geo,
                   int shape, wd_error *err)
{
    csv_state *c = state;
    (void)geo;
    (void)shape;
    for (size_t k = 0; k < t->n_cols; k++) {
        if (k) wd_out_chr(&c->out, c->out.sep);
        if (t->cols[k].number)
            wd_out_number(&c->out, row->num[k]);
        else
            wd_out_field(&c->out, row->text[k]);
    }
    wd_out_str(&c->out, c->eol);
    return ferror(c->out.f) ? wd_error_set(err, WD_EIO, "schrijven van de CSV mislukt") : 0;
}

static int csv_close(void *state, const wd_table *t, int commit, wd_error *err)
{
    csv_state *c = state;
    (void)t;
    wd_out_flush(&c->out);
    int bad = ferror(c->out.f);
    free(c);
    return commit && bad ? wd_error_set(err, WD_EIO, "schrijven van de CSV mislukt") : 0;
}

const wd_table_sink wd_table_csv = {"csv", "csv", 0, 0, csv_open, csv_row, csv_close};
const wd_table_sink wd_table_csv_nl = {"csv-nl", "csv", 0, 0, csv_nl_open, csv_row, csv_close};
