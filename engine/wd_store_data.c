/* Implementation of the typed reads and writes of wd_store.h that the engine's loaders and
 * savers use (sources, series, geometries, results, rankings, bewonersberaden): every statement the
 * rest of the library needs lives here or in wd_store.c. */
#include "engine/wd_store.h"

#include "engine/wd_store_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void copy_column(char *dst, size_t cap, sqlite3_stmt *q, int i)
{
    const unsigned char *t = sqlite3_column_text(q, i);
    snprintf(dst, cap, "%s", t ? (const char *)t : "");
}

int wd_store_each_source(wd_store *s, int (*fn)(long id, const wd_source *src, void *ctx),
                         void *ctx, wd_error *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT id, table_id, title, publisher, url, retrieved_at, licence,"
                           " sha256, indeling FROM sources ORDER BY id",
                           -1, &q, NULL) != SQLITE_OK)
        return wd_store__error(s, err, "sources");
    int rc = 0, step;
    while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
        wd_source src;
        memset(&src, 0, sizeof src);
        copy_column(src.table_id, sizeof src.table_id, q, 1);
        copy_column(src.title, sizeof src.title, q, 2);
        copy_column(src.publisher, sizeof src.publisher, q, 3);
        copy_column(src.url, sizeof src.url, q, 4);
        copy_column(src.retrieved_at, sizeof src.retrieved_at, q, 5);
        copy_column(src.licence, sizeof src.licence, q, 6);
        copy_column(src.sha256, sizeof src.sha256, q, 7);
        src.indeling = sqlite3_column_int(q, 8);
        rc = fn((long)sqlite3_column_int64(q, 0), &src, ctx);
    }
    if (!rc && step != SQLITE_DONE) rc = wd_store__error(s, err, "sources");
    sqlite3_finalize(q);
    return rc;
}

int wd_store_each_variable(wd_store *s, int (*fn)(const wd_store_variable *v, void *ctx), void *ctx,
                           wd_error *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT table_id, year, name, key, title, unit, first_seen, last_seen"
                           " FROM variables ORDER BY name, year, table_id, first_seen",
                           -1, &q, NULL) != SQLITE_OK)
        return wd_store__error(s, err, "variables");
    int rc = 0, step;
    while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
        wd_store_variable v;
        copy_column(v.table_id, sizeof v.table_id, q, 0);
        v.year = sqlite3_column_int(q, 1);
        copy_column(v.name, sizeof v.name, q, 2);
        copy_column(v.key, sizeof v.key, q, 3);
        copy_column(v.title, sizeof v.title, q, 4);
        copy_column(v.unit, sizeof v.unit, q, 5);
        copy_column(v.first_seen, sizeof v.first_seen, q, 6);
        copy_column(v.last_seen, sizeof v.last_seen, q, 7);
        rc = fn(&v, ctx);
    }
    if (!rc && step != SQLITE_DONE) rc = wd_store__error(s, err, "variables");
    sqlite3_finalize(q);
    return rc;
}

/* temp.wd_sel (code, index) holds the regions asked for, filled in one savepoint: the series
 * are then read in one join on the primary key of `series`. */
static int select_regions(wd_store *s, const wd_region *regions, size_t n, wd_error *err)
{
    sqlite3_stmt *qr = NULL;
    int rc = 0;
    if (sqlite3_exec(s->db,
                     "SAVEPOINT wd_sel; DROP TABLE IF EXISTS temp.wd_sel;"
                     " CREATE TEMP TABLE wd_sel(code TEXT PRIMARY KEY, idx INTEGER NOT NULL)",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "INSERT OR IGNORE INTO temp.wd_sel VALUES(?1, ?2)", -1, &qr,
                           NULL) != SQLITE_OK)
        rc = -1;
    for (size_t i = 0; !rc && i < n; i++) {
        sqlite3_reset(qr);
        sqlite3_bind_text(qr, 1, regions[i].code, -1, SQLITE_STATIC);
        sqlite3_bind_int64(qr, 2, (sqlite3_int64)i);
        if (sqlite3_step(qr) != SQLITE_DONE) rc = -1;
    }
    sqlite3_finalize(qr);
    if (!rc && sqlite3_exec(s->db, "RELEASE wd_sel", NULL, NULL, NULL) != SQLITE_OK) rc = -1;
    if (rc) {
        rc = wd_store__error(s, err, "temp table");
        sqlite3_exec(s->db, "ROLLBACK TO wd_sel; RELEASE wd_sel", NULL, NULL, NULL);
    }
    return rc;
}

int wd_store_each_series(wd_store *s, const wd_region *regions, size_t n,
                         const char *const *variables, size_t n_variables,
                         const wd_store_series_reader *reader, wd_error *err)
{
    int rc = select_regions(s, regions, n, err);
    if (rc) return rc;
    char *sql = sqlite3_mprintf("SELECT s.idx, o.variable, o.subgroup, o.data"
                                " FROM temp.wd_sel s CROSS JOIN series o WHERE o.region = s.code");
    for (size_t v = 0; sql && variables && v < n_variables; v++) {
        char *more =
            sqlite3_mprintf("%s%s%Q", sql, v ? ", " : " AND o.variable IN (", variables[v]);
        sqlite3_free(sql);
        sql = more;
    }
    if (sql && variables && n_variables) {
        char *more = sqlite3_mprintf("%s)", sql);
        sqlite3_free(sql);
        sql = more;
    }
    sqlite3_stmt *q = NULL;
    if (!sql || sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK) {
        sqlite3_free(sql);
        return wd_store__error(s, err, "observations");
    }
    sqlite3_free(sql);
    int step;
    while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(q, 1);
        const char *g = (const char *)sqlite3_column_text(q, 2);
        int picked = v && g ? reader->pick(v, g, reader->ctx) : -1;
        /* A series passed over is not read further: its points may fill pages of their own. */
        if (picked < 0) continue;
        rc = reader->take((size_t)sqlite3_column_int64(q, 0), picked, v, g,
                          sqlite3_column_blob(q, 3), (size_t)sqlite3_column_bytes(q, 3),
                          reader->ctx);
    }
    if (!rc && step != SQLITE_DONE) rc = wd_store__error(s, err, "observations");
    sqlite3_finalize(q);
    return rc;
}

int wd_store_each_series_name(wd_store *s, const char *code,
                              int (*fn)(const char *variable, const char *subgroup, void *ctx),
                              void *ctx, wd_error *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db, "SELECT variable, subgroup FROM series WHERE region = ?1", -1, &q,
                           NULL) != SQLITE_OK)
        return wd_store__error(s, err, "series");
    sqlite3_bind_text(q, 1, code, -1, SQLITE_STATIC);
    int rc = 0, step;
    while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(q, 0);
        const char *g = (const char *)sqlite3_column_text(q, 1);
        rc = fn(v ? v : "", g ? g : "", ctx);
    }
    if (!rc && step != SQLITE_DONE) rc = wd_store__error(s, err, "series");
    sqlite3_finalize(q);
    return rc;
}

int wd_store_each_geometry(wd_store *s, const wd_region *regions, size_t n, int year,
                           int (*fn)(const char *code, int year, const char *geojson, size_t len,
                                     void *ctx),
                           void *ctx, wd_error *err)
{
    /* Per region the latest boundary year up to `year`, else its earliest one. */
    static const char pick[] =
        " g.year = COALESCE("
        " (SELECT MAX(year) FROM geometries WHERE region = g.region AND year <= ?1),"
        " (SELECT MIN(year) FROM geometries WHERE region = g.region))";
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT g.region, g.year, g.geojson FROM %s%s%s",
             regions ? "temp.wd_sel s CROSS JOIN geometries g WHERE g.region = s.code"
                     : "geometries g",
             year ? (regions ? " AND" : " WHERE") : "", year ? pick : "");
    if (year == 0) strcat(sql, regions ? " ORDER BY s.code, g.year" : " ORDER BY g.region, g.year");
    int rc = regions ? select_regions(s, regions, n, err) : 0;
    if (rc) return rc;
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK)
        return wd_store__error(s, err, "geometries");
    if (year) sqlite3_bind_int(q, 1, year);
    int step;
    while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
        const char *code = (const char *)sqlite3_column_text(q, 0);
        if (!code) continue;
        const char *json = (const char *)sqlite3_column_blob(q, 2);
        rc = fn(code, sqlite3_column_int(q, 1), json ? json : "",
                (size_t)sqlite3_column_bytes(q, 2), ctx);
    }
    if (!rc && step != SQLITE_DONE) rc = wd_store__error(s, err, "geometries");
    sqlite3_finalize(q);
    return rc;
}

int wd_store_each_same_geometry(wd_store *s, const wd_region *regions, size_t n,
                                int (*fn)(size_t region, int year_a, int year_b, void *ctx),
                                void *ctx, wd_error *err)
{
    int rc = select_regions(s, regions, n, err);
    if (rc) return rc;
    static const char sql[] = "SELECT w.idx, a.year, b.year FROM temp.wd_sel w"
                              " CROSS JOIN geometries a CROSS JOIN geometries b"
                              " WHERE a.region = w.code AND b.region = a.region AND b.year > a.year"
                              " AND b.geojson = a.geojson";
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK)
        return wd_store__error(s, err, "geometries");
    int step;
    while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW)
        rc = fn((size_t)sqlite3_column_int64(q, 0), sqlite3_column_int(q, 1),
                sqlite3_column_int(q, 2), ctx);
    if (!rc && step != SQLITE_DONE) rc = wd_store__error(s, err, "geometries");
    sqlite3_finalize(q);
    return rc;
}

/* ---- results and rankings: one savepoint each, statements prepared once ---- */

struct wd_store_results {
    wd_store *s;
    sqlite3_stmt *del, *ins;
};

/* End the savepoint `name` of a writer: released on commit, else undone. */
static int end_savepoint(wd_store *s, const char *name, const char *what, int commit, wd_error *err)
{
    char sql[96];
    if (commit) {
        snprintf(sql, sizeof sql, "RELEASE %s", name);
        if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK) return 0;
    }
    int rc = commit ? wd_store__error(s, err, what) : 0;
    snprintf(sql, sizeof sql, "ROLLBACK TO %s; RELEASE %s", name, name);
    sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    return rc;
}

int wd_store_results_open(wd_store_results **out, wd_store *s, wd_error *err)
{
    wd_store_results *w = calloc(1, sizeof *w);
    if (!w) return wd_error_set(err, WD_ENOMEM, "geen geheugen om resultaten te bewaren");
    w->s = s;
    if (sqlite3_exec(s->db, "SAVEPOINT wd_results", NULL, NULL, NULL) != SQLITE_OK) {
        free(w);
        return wd_store__error(s, err, "results");
    }
    if (sqlite3_prepare_v2(s->db, "DELETE FROM results WHERE region=?1", -1, &w->del, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(s->db,
                           "INSERT INTO results(region, indicator, year, value, flags, score)"
                           " VALUES(?1,?2,?3,?4,?5,?6)",
                           -1, &w->ins, NULL) != SQLITE_OK) {
        int rc = wd_store__error(s, err, "results");
        wd_store_results_close(w, 0, NULL);
        return rc;
    }
    *out = w;
    return 0;
}

int wd_store_results_replace(wd_store_results *w, const char *region, const wd_store_result *rows,
                             size_t n, wd_error *err)
{
    sqlite3_reset(w->del);
    sqlite3_bind_text(w->del, 1, region, -1, SQLITE_STATIC);
    if (sqlite3_step(w->del) != SQLITE_DONE) return wd_store__error(w->s, err, "results");
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *q = w->ins;
        sqlite3_reset(q);
        sqlite3_bind_text(q, 1, region, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, rows[i].indicator, -1, SQLITE_STATIC);
        sqlite3_bind_int(q, 3, rows[i].year);
        wd_store__bind_real(q, 4, rows[i].value);
        sqlite3_bind_int(q, 5, (int)rows[i].flags);
        wd_store__bind_real(q, 6, rows[i].score);
        if (sqlite3_step(q) != SQLITE_DONE) return wd_store__error(w->s, err, "results");
    }
    return 0;
}

int wd_store_results_close(wd_store_results *w, int commit, wd_error *err)
{
    if (!w) return 0;
    sqlite3_finalize(w->del);
    sqlite3_finalize(w->ins);
    int rc = end_savepoint(w->s, "wd_results", "results", commit, err);
    free(w);
    return rc;
}

struct wd_store_ranks {
    wd_store *s;
    sqlite3_stmt *ins;
};

int wd_store_ranks_open(wd_store_ranks **out, wd_store *s, wd_error *err)
{
    wd_store_ranks *w = calloc(1, sizeof *w);
    if (!w) return wd_error_set(err, WD_ENOMEM, "geen geheugen om de rangschikking te bewaren");
    w->s = s;
    if (sqlite3_exec(s->db, "SAVEPOINT wd_ranking", NULL, NULL, NULL) != SQLITE_OK) {
        free(w);
        return wd_store__error(s, err, "opgave_ranks");
    }
    if (sqlite3_prepare_v2(s->db,
                           "INSERT OR REPLACE INTO opgave_ranks(region, opgave, year, score,"
                           " weight_share, rank, rank_median, rank_lo, rank_hi, n_ranked, tier,"
                           " shift, status, draws, seed)"
                           " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)",
                           -1, &w->ins, NULL) != SQLITE_OK) {
        int rc = wd_store__error(s, err, "opgave_ranks");
        wd_store_ranks_close(w, 0, NULL);
        return rc;
    }
    *out = w;
    return 0;
}

int wd_store_ranks_put(wd_store_ranks *w, const wd_store_rank *row, wd_error *err)
{
    sqlite3_stmt *q = w->ins;
    sqlite3_reset(q);
    sqlite3_bind_text(q, 1, row->region, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, row->opgave, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 3, row->year);
    wd_store__bind_real(q, 4, row->score);
    sqlite3_bind_double(q, 5, row->weight_share);
    const int ints[] = {row->rank, row->rank_median, row->rank_lo, row->rank_hi, row->n_ranked};
    for (int k = 0; k < 5; k++)
        sqlite3_bind_int(q, 6 + k, ints[k]);
    sqlite3_bind_text(q, 11, row->tier, -1, SQLITE_STATIC);
    wd_store__bind_real(q, 12, row->shift);
    sqlite3_bind_text(q, 13, row->status, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 14, row->draws);
    sqlite3_bind_int64(q, 15, (sqlite3_int64)row->seed);
    return sqlite3_step(q) == SQLITE_DONE ? 0 : wd_store__error(w->s, err, "opgave_ranks");
}

int wd_store_ranks_close(wd_store_ranks *w, int commit, wd_error *err)
{
    if (!w) return 0;
    sqlite3_finalize(w->ins);
    int rc = end_savepoint(w->s, "wd_ranking", "opgave_ranks", commit, err);
    free(w);
    return rc;
}

int wd_store_each_rank(wd_store *s, const char *code,
                       int (*fn)(const wd_store_rank *row, void *ctx), void *ctx, wd_error *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT opgave, year, score, rank, rank_median, rank_lo, rank_hi,"
                           " n_ranked, tier FROM opgave_ranks WHERE region=?1 AND rank > 0",
                           -1, &q, NULL) != SQLITE_OK)
        return wd_store__error(s, err, "opgave_ranks");
    sqlite3_bind_text(q, 1, code, -1, SQLITE_STATIC);
    int rc = 0, step;
    while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
        wd_store_rank row;
        memset(&row, 0, sizeof row);
        snprintf(row.region, sizeof row.region, "%s", code);
        copy_column(row.opgave, sizeof row.opgave, q, 0);
        row.year = sqlite3_column_int(q, 1);
        row.score = sqlite3_column_double(q, 2);
        row.rank = sqlite3_column_int(q, 3);
        row.rank_median = sqlite3_column_int(q, 4);
        row.rank_lo = sqlite3_column_int(q, 5);
        row.rank_hi = sqlite3_column_int(q, 6);
        row.n_ranked = sqlite3_column_int(q, 7);
        copy_column(row.tier, sizeof row.tier, q, 8);
        row.shift = NAN;
        rc = fn(&row, ctx);
    }
    if (!rc && step != SQLITE_DONE) rc = wd_store__error(s, err, "opgave_ranks");
    sqlite3_finalize(q);
    return rc;
}

/* ---- bewonersberaden ---- */

static void bind_text(sqlite3_stmt *q, int i, const char *t)
{
    sqlite3_bind_text(q, i, t, -1, SQLITE_STATIC);
}

/* The id of the beraad of `region` on `date`, 0 when there is none, negative on an error. */
static long beraad_id(wd_store *s, const char *region, const char *date, wd_error *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db, "SELECT id FROM beraden WHERE region=?1 AND date=?2", -1, &q,
                           NULL) != SQLITE_OK)
        return wd_store__error(s, err, "beraden");
    bind_text(q, 1, region);
    bind_text(q, 2, date);
    int step = sqlite3_step(q);
    long id = step == SQLITE_ROW    ? (long)sqlite3_column_int64(q, 0)
              : step == SQLITE_DONE ? 0
                                    : wd_store__error(s, err, "beraden");
    sqlite3_finalize(q);
    return id;
}

static int add_opgave(sqlite3_stmt *q, long id, int pos, const wd_store_beraad_opgave *o)
{
    sqlite3_reset(q);
    sqlite3_bind_int64(q, 1, id);
    bind_text(q, 2, o->opgave);
    sqlite3_bind_int(q, 3, pos);
    bind_text(q, 4, o->title);
    if (o->votes >= 0)
        sqlite3_bind_int(q, 5, o->votes);
    else
        sqlite3_bind_null(q, 5);
    if (o->resident_rank > 0)
        sqlite3_bind_int(q, 6, o->resident_rank);
    else
        sqlite3_bind_null(q, 6);
    if (o->figure_rank > 0)
        sqlite3_bind_int(q, 7, o->figure_rank);
    else
        sqlite3_bind_null(q, 7);
    wd_store__bind_real(q, 8, o->figure_pos);
    sqlite3_bind_int(q, 9, o->chosen ? 1 : 0);
    bind_text(q, 10, o->note);
    return sqlite3_step(q) == SQLITE_DONE ? 0 : -1;
}

static int add_baseline(sqlite3_stmt *q, long id, int pos, const wd_store_baseline *b)
{
    sqlite3_reset(q);
    sqlite3_bind_int64(q, 1, id);
    bind_text(q, 2, b->opgave);
    bind_text(q, 3, b->indicator);
    sqlite3_bind_int(q, 4, pos);
    bind_text(q, 5, b->label);
    bind_text(q, 6, b->unit);
    sqlite3_bind_int(q, 7, b->decimals);
    sqlite3_bind_int(q, 8, b->year);
    const double reals[] = {b->value, b->lo, b->hi, b->count, b->den};
    for (int k = 0; k < 5; k++)
        wd_store__bind_real(q, 9 + k, reals[k]);
    sqlite3_bind_int(q, 14, (int)b->flags);
    bind_text(q, 15, b->table_id);
    bind_text(q, 16, b->edition);
    sqlite3_bind_int(q, 17, b->indeling);
    sqlite3_bind_int(q, 18, b->rounded);
    return sqlite3_step(q) == SQLITE_DONE ? 0 : -1;
}

int wd_store_beraad_add(wd_store *s, const wd_store_beraad *b, const wd_store_beraad_opgave *opg,
                        size_t n_opg, const wd_store_baseline *base, size_t n_base, wd_error *err)
{
    long have = beraad_id(s, b->region, b->date, err);
    if (have < 0) return (int)have;
    if (have > 0)
        return wd_error_set(err, WD_ERR,
                            "er staat al een beraad van %s op %s in de store %s; een beraad wordt "
                            "één keer vastgelegd (de nulmeting blijft zoals hij was)",
                            b->region, b->date, s->path);
    if (sqlite3_exec(s->db, "SAVEPOINT wd_beraad", NULL, NULL, NULL) != SQLITE_OK)
        return wd_store__error(s, err, "beraden");
    sqlite3_stmt *qb = NULL, *qo = NULL, *ql = NULL;
    int rc = 0;
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO beraden(region, date, place, year, recorded_at)"
                           " VALUES(?1,?2,?3,?4,?5)",
                           -1, &qb, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db,
                           "INSERT INTO beraad_opgaven(beraad, opgave, position, title, votes,"
                           " resident_rank, figure_rank, figure_pos, chosen, note)"
                           " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
                           -1, &qo, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(
            s->db,
            "INSERT INTO beraad_baseline(beraad, opgave, indicator, position,"
            " label, unit, decimals, year, value, lo, hi, count, den, flags,"
            " table_id, edition, indeling, rounded)"
            " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18)",
            -1, &ql, NULL) != SQLITE_OK)
        rc = -1;
    if (!rc) {
        bind_text(qb, 1, b->region);
        bind_text(qb, 2, b->date);
        bind_text(qb, 3, b->place);
        sqlite3_bind_int(qb, 4, b->year);
        bind_text(qb, 5, b->recorded_at);
        if (sqlite3_step(qb) != SQLITE_DONE) rc = -1;
    }
    long id = (long)sqlite3_last_insert_rowid(s->db);
    for (size_t k = 0; !rc && k < n_opg; k++)
        rc = add_opgave(qo, id, (int)k, &opg[k]);
    for (size_t k = 0; !rc && k < n_base; k++)
        rc = add_baseline(ql, id, (int)k, &base[k]);
    if (rc) rc = wd_store__error(s, err, "beraad vastleggen");
    sqlite3_finalize(qb);
    sqlite3_finalize(qo);
    sqlite3_finalize(ql);
    int closed = end_savepoint(s, "wd_beraad", "beraad vastleggen", !rc, err);
    return rc ? rc : closed;
}

int wd_store_each_beraad(wd_store *s, const char *code,
                         int (*fn)(const wd_store_beraad *b, void *ctx), void *ctx, wd_error *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT id, region, date, place, year, recorded_at FROM beraden"
                           " WHERE region=?1 ORDER BY date, id",
                           -1, &q, NULL) != SQLITE_OK)
        return wd_store__error(s, err, "beraden");
    bind_text(q, 1, code);
    int rc = 0, step;
    while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
        wd_store_beraad b;
        b.id = (long)sqlite3_column_int64(q, 0);
        copy_column(b.region, sizeof b.region, q, 1);
        copy_column(b.date, sizeof b.date, q, 2);
        copy_column(b.place, sizeof b.place, q, 3);
        b.year = sqlite3_column_int(q, 4);
        copy_column(b.recorded_at, sizeof b.recorded_at, q, 5);
        rc = fn(&b, ctx);
    }
    if (!rc && step != SQLITE_DONE) rc = wd_store__error(s, err, "beraden");
    sqlite3_finalize(q);
    return rc;
}

/* A REAL column, NAN for NULL. */
static double real_column(sqlite3_stmt *q, int i)
{
    return sqlite3_column_type(q, i) == SQLITE_NULL ? NAN : sqlite3_column_double(q, i);
}

int wd_store_each_beraad_opgave(wd_store *s, long id,
                                int (*fn)(const wd_store_beraad_opgave *o, void *ctx), void *ctx,
                                wd_error *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT opgave, title, votes, resident_rank, figure_rank, figure_pos,"
                           " chosen, note FROM beraad_opgaven WHERE beraad=?1 ORDER BY position",
                           -1, &q, NULL) != SQLITE_OK)
        return wd_store__error(s, err, "beraad_opgaven");
    sqlite3_bind_int64(q, 1, id);
    int rc = 0, step;
    while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
        wd_store_beraad_opgave o;
        copy_column(o.opgave, sizeof o.opgave, q, 0);
        copy_column(o.title, sizeof o.title, q, 1);
        o.votes = sqlite3_column_type(q, 2) == SQLITE_NULL ? -1 : sqlite3_column_int(q, 2);
        o.resident_rank = sqlite3_column_int(q, 3);
        o.figure_rank = sqlite3_column_int(q, 4);
        o.figure_pos = real_column(q, 5);
        o.chosen = sqlite3_column_int(q, 6);
        copy_column(o.note, sizeof o.note, q, 7);
        rc = fn(&o, ctx);
    }
    if (!rc && step != SQLITE_DONE) rc = wd_store__error(s, err, "beraad_opgaven");
    sqlite3_finalize(q);
    return rc;
}

int wd_store_each_baseline(wd_store *s, long id, int (*fn)(const wd_store_baseline *b, void *ctx),
                           void *ctx, wd_error *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT opgave, indicator, label, unit, decimals, year, value, lo, hi,"
                           " count, den, flags, table_id, edition, indeling, rounded"
                           " FROM beraad_baseline WHERE beraad=?1 ORDER BY position",
                           -1, &q, NULL) != SQLITE_OK)
        return wd_store__error(s, err, "beraad_baseline");
    sqlite3_bind_int64(q, 1, id);
    int rc = 0, step;
    while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
        wd_store_baseline b;
        copy_column(b.opgave, sizeof b.opgave, q, 0);
        copy_column(b.indicator, sizeof b.indicator, q, 1);
        copy_column(b.label, sizeof b.label, q, 2);
        copy_column(b.unit, sizeof b.unit, q, 3);
        b.decimals = sqlite3_column_int(q, 4);
        b.year = sqlite3_column_int(q, 5);
        b.value = real_column(q, 6);
        b.lo = real_column(q, 7);
        b.hi = real_column(q, 8);
        b.count = real_column(q, 9);
        b.den = real_column(q, 10);
        b.flags = (unsigned)sqlite3_column_int(q, 11);
        copy_column(b.table_id, sizeof b.table_id, q, 12);
        copy_column(b.edition, sizeof b.edition, q, 13);
        b.indeling = sqlite3_column_int(q, 14);
        b.rounded = sqlite3_column_int(q, 15);
        rc = fn(&b, ctx);
    }
    if (!rc && step != SQLITE_DONE) rc = wd_store__error(s, err, "beraad_baseline");
    sqlite3_finalize(q);
    return rc;
}

/* ---- werkgebieden ---- */

/* Run the prepared statement `q` to its end; 0 or the store's error naming `what`. */
static int step_done(wd_store *s, sqlite3_stmt *q, const char *what, wd_error *err)
{
    int rc = sqlite3_step(q) == SQLITE_DONE ? 0 : wd_store__error(s, err, what);
    sqlite3_finalize(q);
    return rc;
}

int wd_store_werkgebied_add(wd_store *s, const char *code, const char *name, const char *gemeente,
                            const char (*members)[WD_CODE_MAX], size_t n, wd_error *err)
{
    sqlite3_stmt *q = NULL;
    int rc = wd_store__exec(s, "BEGIN IMMEDIATE", err);
    if (rc) return rc;
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO regions(code, name, level, parent, indeling)"
                           " VALUES(?1, ?2, 4, ?3, 0)",
                           -1, &q, NULL) != SQLITE_OK)
        rc = wd_store__error(s, err, "werkgebied");
    if (!rc) {
        sqlite3_bind_text(q, 1, code, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, name, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, gemeente, -1, SQLITE_STATIC);
        rc = step_done(s, q, "werkgebied", err);
        q = NULL;
    }
    if (!rc && sqlite3_prepare_v2(s->db, "INSERT INTO werkgebied_members VALUES(?1, ?2, ?3)", -1,
                                  &q, NULL) != SQLITE_OK)
        rc = wd_store__error(s, err, "werkgebied_members");
    for (size_t i = 0; !rc && i < n; i++) {
        sqlite3_reset(q);
        sqlite3_bind_text(q, 1, code, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, members[i], -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 3, (sqlite3_int64)i);
        if (sqlite3_step(q) != SQLITE_DONE) rc = wd_store__error(s, err, "werkgebied_members");
    }
    sqlite3_finalize(q);
    if (!rc) rc = wd_store__exec(s, "COMMIT", err);
    if (rc) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

int wd_store_werkgebied_remove(wd_store *s, const char *code, wd_error *err)
{
    static const char *const sql[] = {
        "DELETE FROM regions WHERE code = ?1 AND level = 4",
        "DELETE FROM werkgebied_members WHERE werkgebied = ?1",
        "DELETE FROM results WHERE region = ?1",
        "DELETE FROM opgave_ranks WHERE region = ?1",
    };
    int rc = wd_store__exec(s, "BEGIN IMMEDIATE", err), found = 0;
    for (size_t k = 0; !rc && k < sizeof sql / sizeof *sql; k++) {
        sqlite3_stmt *q;
        if (sqlite3_prepare_v2(s->db, sql[k], -1, &q, NULL) != SQLITE_OK) {
            rc = wd_store__error(s, err, "werkgebied");
            break;
        }
        sqlite3_bind_text(q, 1, code, -1, SQLITE_STATIC);
        rc = step_done(s, q, "werkgebied", err);
        if (k == 0) found = sqlite3_changes(s->db) > 0;
        if (!rc && !found)
            rc = wd_error_set(err, WD_ENOTFOUND,
                              "geen werkgebied '%s' in store %s (zie 'wijkdata gebied lijst')",
                              code, s->path);
    }
    if (!rc) rc = wd_store__exec(s, "COMMIT", err);
    if (rc) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

int wd_store_werkgebied_find(wd_store *s, const char *name, char *code, size_t cap, int *highest,
                             wd_error *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT (SELECT code FROM regions WHERE level = 4 AND name = ?1),"
                           " (SELECT MAX(CAST(substr(code, 3) AS INTEGER)) FROM regions"
                           "  WHERE level = 4)",
                           -1, &q, NULL) != SQLITE_OK)
        return wd_store__error(s, err, "werkgebied");
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q) == SQLITE_ROW ? 0 : wd_store__error(s, err, "werkgebied");
    if (!rc) {
        copy_column(code, cap, q, 0);
        *highest = sqlite3_column_int(q, 1);
    }
    sqlite3_finalize(q);
    return rc;
}

int wd_store_each_member(wd_store *s, const char *code,
                         int (*fn)(const char *werkgebied, const char *member, void *ctx),
                         void *ctx, wd_error *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db,
                           code ? "SELECT werkgebied, member FROM werkgebied_members"
                                  " WHERE werkgebied = ?1 ORDER BY position"
                                : "SELECT werkgebied, member FROM werkgebied_members"
                                  " ORDER BY werkgebied, position",
                           -1, &q, NULL) != SQLITE_OK)
        return wd_store__error(s, err, "werkgebied_members");
    if (code) sqlite3_bind_text(q, 1, code, -1, SQLITE_STATIC);
    int rc = 0, step;
    while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
        const char *w = (const char *)sqlite3_column_text(q, 0);
        const char *m = (const char *)sqlite3_column_text(q, 1);
        rc = fn(w ? w : "", m ? m : "", ctx);
    }
    if (!rc && step != SQLITE_DONE) rc = wd_store__error(s, err, "werkgebied_members");
    sqlite3_finalize(q);
    return rc;
}
