/* Implementation of wd_store.h on SQLite.
 *
 * Migrations are a list of SQL scripts; migration i takes user_version from i to i + 1.
 * Observations are a WITHOUT ROWID table keyed on (region, variable, subgroup, year) because
 * the engine loads them by region and variable; a missing value is NULL with a flag, never 0. */
#include "engine/wd_store.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Page cache sizes in KiB (negative): reading, and importing (see wd_store_import). */
#define WD_STORE_READ_CACHE "-16384"
#define WD_STORE_IMPORT_CACHE "-262144"

struct wd_store {
    sqlite3 *db;
    char *path;
};

static const char *const migrations[] = {
    /* 0 -> 1 */
    ("CREATE TABLE sources("
     "  id INTEGER PRIMARY KEY,"
     "  table_id TEXT NOT NULL, title TEXT NOT NULL DEFAULT '', publisher TEXT NOT NULL DEFAULT '',"
     "  url TEXT NOT NULL, retrieved_at TEXT NOT NULL, licence TEXT NOT NULL DEFAULT '',"
     "  sha256 TEXT NOT NULL DEFAULT '',"
     "  UNIQUE(table_id, url));"
     "CREATE TABLE regions("
     "  code TEXT PRIMARY KEY, name TEXT NOT NULL,"
     "  level INTEGER NOT NULL CHECK(level BETWEEN 0 AND 3),"
     "  parent TEXT NOT NULL DEFAULT '', indeling INTEGER NOT NULL DEFAULT 0);"
     "CREATE INDEX regions_parent ON regions(parent);"
     "CREATE TABLE observations("
     "  region TEXT NOT NULL, variable TEXT NOT NULL, subgroup TEXT NOT NULL DEFAULT '',"
     "  year INTEGER NOT NULL CHECK(year BETWEEN 1900 AND 2200),"
     "  value REAL, lo REAL, hi REAL, flags INTEGER NOT NULL DEFAULT 0 CHECK(flags >= 0),"
     "  source_id INTEGER NOT NULL REFERENCES sources(id),"
     "  PRIMARY KEY(region, variable, subgroup, year)) WITHOUT ROWID;"
     "CREATE TABLE geometries("
     "  region TEXT NOT NULL, year INTEGER NOT NULL, geojson TEXT NOT NULL,"
     "  PRIMARY KEY(region, year)) WITHOUT ROWID;"
     "CREATE TABLE results("
     "  region TEXT NOT NULL, indicator TEXT NOT NULL, year INTEGER NOT NULL,"
     "  value REAL, flags INTEGER NOT NULL DEFAULT 0, score REAL,"
     "  PRIMARY KEY(region, indicator, year)) WITHOUT ROWID;"
     "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"),
    /* 1 -> 2: the latest ranking of wijkopgaven per buurt (engine/wd_rank.c) */
    ("CREATE TABLE opgave_ranks("
     "  region TEXT NOT NULL, opgave TEXT NOT NULL, year INTEGER NOT NULL,"
     "  score REAL, weight_share REAL NOT NULL, rank INTEGER NOT NULL,"
     "  rank_median INTEGER NOT NULL, rank_lo INTEGER NOT NULL, rank_hi INTEGER NOT NULL,"
     "  n_ranked INTEGER NOT NULL, tier TEXT NOT NULL, shift REAL, status TEXT NOT NULL,"
     "  draws INTEGER NOT NULL, seed INTEGER NOT NULL,"
     "  PRIMARY KEY(region, opgave)) WITHOUT ROWID;"),
};

static int db_error(wd_store *s, wd_error *err, const char *what)
{
    return wd_error_set(err, WD_ESTORE, "store %s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

static int exec(wd_store *s, const char *sql, wd_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        wd_error_set(err, WD_ESTORE, "store %s: %s", s->path, msg ? msg : "unknown error");
        sqlite3_free(msg);
        return WD_ESTORE;
    }
    return 0;
}

static int migrate(wd_store *s, wd_error *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return wd_error_set(err, WD_ESTORE, "%s is not a wijkdata store (%s)", s->path,
                            sqlite3_errmsg(s->db));
    int version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    int n = (int)(sizeof migrations / sizeof migrations[0]);
    if (version < 0 || version > n)
        return wd_error_set(err, WD_ESTORE,
                            "%s has schema version %d; this wijkdata knows up to %d", s->path,
                            version, n);
    for (int v = version; v < n; v++) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d;", v + 1);
        int rc = exec(s, "BEGIN IMMEDIATE", err);
        if (!rc) rc = exec(s, migrations[v], err);
        if (!rc) rc = exec(s, pragma, err);
        if (!rc) rc = exec(s, "COMMIT", err);
        if (rc) {
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            return wd_error_prefix(err, "migration to schema %d: ", v + 1);
        }
    }
    return 0;
}

int wd_store_open(wd_store **out, const char *path, int create, wd_error *err)
{
    struct stat sb;
    if (!create && stat(path, &sb) != 0)
        return wd_error_set(
            err, WD_ENOTFOUND,
            "store %s bestaat niet (maak hem met 'wijkdata demo' of 'wijkdata fetch')", path);
    wd_store *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        return wd_error_set(err, WD_ENOMEM, "out of memory opening %s", path);
    }
    /* A store belongs to one thread at a time, so SQLite need not lock the connection around
     * every call (millions of sqlite3_column_* calls in a national load). */
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    int rc;
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        rc = wd_error_set(err, WD_ESTORE, "store %s kan niet worden geopend: %s", path,
                          s->db ? sqlite3_errmsg(s->db) : "out of memory");
        goto fail;
    }
    sqlite3_busy_timeout(s->db, 5000);
    /* journal_mode answers with a row; a file that is not SQLite fails here. Reading goes
     * through each page about once, so a small page cache is enough (imports enlarge it). */
    if ((rc = exec(s,
                   "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"
                   " PRAGMA cache_size=" WD_STORE_READ_CACHE ";",
                   err)))
        goto fail;
    if ((rc = migrate(s, err))) goto fail;
    *out = s;
    return 0;
fail:
    wd_store_close(s);
    return rc;
}

void wd_store_close(wd_store *s)
{
    if (!s) return;
    sqlite3_close(s->db);
    free(s->path);
    free(s);
}

sqlite3 *wd_store_db(wd_store *s)
{
    return s->db;
}

const char *wd_store_path(const wd_store *s)
{
    return s->path;
}

static void bind_real_or_null(sqlite3_stmt *st, int i, double v)
{
    if (isfinite(v))
        sqlite3_bind_double(st, i, v);
    else
        sqlite3_bind_null(st, i);
}

/* The statements of one import, prepared once and reused for every record. */
enum { ST_SOURCE, ST_REGION, ST_OBS, ST_GEOM, ST_COUNT };
static const char *const import_sql[ST_COUNT] = {
    ("INSERT INTO sources(table_id, title, publisher, url, retrieved_at, licence, sha256)"
     " VALUES(?1,?2,?3,?4,?5,?6,?7) ON CONFLICT(table_id, url) DO UPDATE SET"
     " title=excluded.title, publisher=excluded.publisher, retrieved_at=excluded.retrieved_at,"
     " licence=excluded.licence, sha256=excluded.sha256 RETURNING id"),
    ("INSERT INTO regions(code, name, level, parent, indeling) VALUES(?1,?2,?3,?4,?5)"
     " ON CONFLICT(code) DO UPDATE SET name=CASE WHEN excluded.name<>'' THEN excluded.name ELSE "
     "name END,"
     " level=excluded.level, parent=CASE WHEN excluded.parent<>'' THEN excluded.parent ELSE parent "
     "END,"
     " indeling=MAX(indeling, excluded.indeling)"),
    ("INSERT OR REPLACE INTO observations(region, variable, subgroup, year, value, lo, hi, flags,"
     " source_id) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)"),
    "INSERT OR REPLACE INTO geometries(region, year, geojson) VALUES(?1,?2,?3)",
};

static int import_records(wd_store *s, sqlite3_stmt **st, const wd_batch *b, sqlite3_int64 *ids,
                          wd_error *err)
{
    for (size_t i = 0; i < b->n_sources; i++) {
        const wd_source *src = &b->sources[i];
        sqlite3_stmt *q = st[ST_SOURCE];
        sqlite3_reset(q);
        const char *v[] = {src->table_id,     src->title,   src->publisher, src->url,
                           src->retrieved_at, src->licence, src->sha256};
        for (int k = 0; k < 7; k++)
            sqlite3_bind_text(q, k + 1, v[k], -1, SQLITE_STATIC);
        if (sqlite3_step(q) != SQLITE_ROW) return db_error(s, err, "source");
        ids[i] = sqlite3_column_int64(q, 0);
        sqlite3_step(q);
    }
    for (size_t i = 0; i < b->n_regions; i++) {
        const wd_region *r = &b->regions[i];
        sqlite3_stmt *q = st[ST_REGION];
        sqlite3_reset(q);
        sqlite3_bind_text(q, 1, r->code, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, r->name, -1, SQLITE_STATIC);
        sqlite3_bind_int(q, 3, (int)r->level);
        sqlite3_bind_text(q, 4, r->parent, -1, SQLITE_STATIC);
        sqlite3_bind_int(q, 5, r->indeling);
        if (sqlite3_step(q) != SQLITE_DONE)
            return wd_error_set(err, WD_ESTORE, "store %s: region %s: %s", s->path, r->code,
                                sqlite3_errmsg(s->db));
    }
    for (size_t i = 0; i < b->n_obs; i++) {
        const wd_obs *o = &b->obs[i];
        if (o->source < 0 || (size_t)o->source >= b->n_sources)
            return wd_error_set(err, WD_EUSAGE, "observation %s %s %d has no source", o->region,
                                o->variable, o->year);
        sqlite3_stmt *q = st[ST_OBS];
        sqlite3_reset(q);
        sqlite3_bind_text(q, 1, o->region, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, o->variable, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, o->subgroup, -1, SQLITE_STATIC);
        sqlite3_bind_int(q, 4, o->year);
        bind_real_or_null(q, 5, o->value);
        bind_real_or_null(q, 6, o->lo);
        bind_real_or_null(q, 7, o->hi);
        sqlite3_bind_int(q, 8, (int)o->flags);
        sqlite3_bind_int64(q, 9, ids[o->source]);
        if (sqlite3_step(q) != SQLITE_DONE)
            return wd_error_set(err, WD_ESTORE, "store %s: observation %s %s %d: %s", s->path,
                                o->region, o->variable, o->year, sqlite3_errmsg(s->db));
    }
    for (size_t i = 0; i < b->n_geoms; i++) {
        const wd_geometry *g = &b->geoms[i];
        sqlite3_stmt *q = st[ST_GEOM];
        sqlite3_reset(q);
        sqlite3_bind_text(q, 1, g->region, -1, SQLITE_STATIC);
        sqlite3_bind_int(q, 2, g->year);
        sqlite3_bind_text(q, 3, g->geojson, -1, SQLITE_STATIC);
        if (sqlite3_step(q) != SQLITE_DONE)
            return wd_error_set(err, WD_ESTORE, "store %s: geometry %s %d: %s", s->path, g->region,
                                g->year, sqlite3_errmsg(s->db));
    }
    return 0;
}

int wd_store_import(wd_store *s, const wd_batch *b, wd_error *err)
{
    sqlite3_stmt *st[ST_COUNT] = {0};
    sqlite3_int64 *ids = calloc(b->n_sources + 1, sizeof *ids);
    if (!ids) return wd_error_set(err, WD_ENOMEM, "out of memory importing into %s", s->path);
    /* A national import inserts millions of rows in one transaction: a page cache of up to
     * 256 MB (allocated only as used) keeps the B-tree in memory instead of re-reading it per
     * row. It shrinks back afterwards, so that computing sessions stay small. */
    int rc = exec(s, "PRAGMA cache_size=" WD_STORE_IMPORT_CACHE "; BEGIN IMMEDIATE", err);
    if (rc) goto cleanup;
    for (int i = 0; i < ST_COUNT && !rc; i++)
        if (sqlite3_prepare_v2(s->db, import_sql[i], -1, &st[i], NULL) != SQLITE_OK)
            rc = db_error(s, err, "prepare import");
    if (!rc) rc = import_records(s, st, b, ids, err);
    if (!rc) rc = exec(s, "COMMIT", err);
    if (rc) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
cleanup:
    for (int i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(st[i]);
    free(ids);
    sqlite3_exec(s->db, "PRAGMA cache_size=" WD_STORE_READ_CACHE, NULL, NULL, NULL);
    return rc;
}

static void row_to_region(sqlite3_stmt *q, wd_region *r)
{
    memset(r, 0, sizeof *r);
    snprintf(r->code, sizeof r->code, "%s", (const char *)sqlite3_column_text(q, 0));
    snprintf(r->name, sizeof r->name, "%s", (const char *)sqlite3_column_text(q, 1));
    r->level = (wd_level)sqlite3_column_int(q, 2);
    snprintf(r->parent, sizeof r->parent, "%s", (const char *)sqlite3_column_text(q, 3));
    r->indeling = sqlite3_column_int(q, 4);
}

int wd_store_region(wd_store *s, const char *code, wd_region *out, wd_error *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT code, name, level, parent, indeling FROM regions WHERE code=?1",
                           -1, &q, NULL) != SQLITE_OK)
        return db_error(s, err, "region");
    sqlite3_bind_text(q, 1, code, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) row_to_region(q, out);
    sqlite3_finalize(q);
    if (rc == SQLITE_ROW) return 0;
    if (rc == SQLITE_DONE)
        return wd_error_set(err, WD_ENOTFOUND,
                            "onbekende regiocode '%s' in store %s (zie 'wijkdata regions')", code,
                            s->path);
    return db_error(s, err, "region");
}

int wd_store_each_region(wd_store *s, const char *gemeente,
                         int (*fn)(const wd_region *r, void *ctx), void *ctx, wd_error *err)
{
    /* The subtree of a gemeente through the parent links, so that letter codes (WK0363AD)
     * and redrawn buurten are found without guessing from code prefixes. */
    const char *sql_all = "SELECT code, name, level, parent, indeling FROM regions"
                          " ORDER BY level, code";
    const char *sql_sub = "WITH RECURSIVE sub(code) AS (SELECT ?1 UNION"
                          " SELECT r.code FROM regions r JOIN sub ON r.parent = sub.code)"
                          " SELECT code, name, level, parent, indeling FROM regions"
                          " WHERE code IN (SELECT code FROM sub) ORDER BY level, code";
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db, gemeente ? sql_sub : sql_all, -1, &q, NULL) != SQLITE_OK)
        return db_error(s, err, "regions");
    if (gemeente) sqlite3_bind_text(q, 1, gemeente, -1, SQLITE_STATIC);
    int rc, stop = 0;
    wd_region r;
    while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        row_to_region(q, &r);
        stop = fn(&r, ctx);
    }
    sqlite3_finalize(q);
    if (!stop && rc != SQLITE_DONE) return db_error(s, err, "regions");
    return 0;
}

int wd_store_meta_get(wd_store *s, const char *key, char *buf, size_t cap, wd_error *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key=?1", -1, &q, NULL) != SQLITE_OK)
        return db_error(s, err, "meta");
    sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        snprintf(buf, cap, "%s", (const char *)sqlite3_column_text(q, 0));
    else if (cap > 0)
        buf[0] = '\0';
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_error(s, err, "meta");
}

int wd_store_meta_set(wd_store *s, const char *key, const char *value, wd_error *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)", -1, &q,
                           NULL) != SQLITE_OK)
        return db_error(s, err, "meta");
    sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, value, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? 0 : db_error(s, err, "meta");
}
