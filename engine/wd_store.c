/* Implementation of wd_store.h on SQLite.
 *
 * Migrations are a list of SQL scripts; migration i takes user_version from i to i + 1.
 * Observations are a WITHOUT ROWID table keyed on (region, variable, subgroup, year) because
 * the engine loads them by region and variable; a missing value is NULL with a flag, never 0. */
#include "engine/wd_store.h"

#include "engine/wd_store_int.h"
#include "engine/wd_utf8.h"

#include <errno.h>
#include <math.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Page cache sizes in KiB (negative): reading, importing (see wd_store_import), and the parts
 * of observations put together (temp.parts). */
#define WD_STORE_READ_CACHE "-16384"
#define WD_STORE_IMPORT_CACHE "-65536"
#define WD_STORE_PARTS_CACHE "-65536"

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
     "  year INTEGER NOT NULL CHECK(year BETWEEN 1900 AND 2200)," /* WD_STORE_YEAR_MIN, _MAX */
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
    /* 2 -> 3: observations packed per series for loading (filled by fill_series) */
    ("CREATE TABLE series("
     "  region TEXT NOT NULL, variable TEXT NOT NULL, subgroup TEXT NOT NULL,"
     "  data BLOB NOT NULL,"
     "  PRIMARY KEY(region, variable, subgroup)) WITHOUT ROWID;"),
    /* 3 -> 4: the indeling (area classification year) of a source's figures */
    "ALTER TABLE sources ADD COLUMN indeling INTEGER NOT NULL DEFAULT 0;",
    /* 4 -> 5: the variables as their tables served them (key, title, unit), each key with
     * when it was first and last served, for the QA report (wd_store_each_variable) */
    ("CREATE TABLE variables("
     "  table_id TEXT NOT NULL, year INTEGER NOT NULL, name TEXT NOT NULL, key TEXT NOT NULL,"
     "  title TEXT NOT NULL, unit TEXT NOT NULL, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,"
     "  PRIMARY KEY(table_id, name, key)) WITHOUT ROWID;"),
    /* 5 -> 6: bewonersberaden, the residents' order and choice of opgaven, and the baseline
     * of every indicator of a chosen opgave frozen when the beraad was recorded
     * (engine/wd_beraad.c, engine/wd_voortgang.c) */
    ("CREATE TABLE beraden("
     "  id INTEGER PRIMARY KEY, region TEXT NOT NULL, date TEXT NOT NULL, place TEXT NOT NULL,"
     "  year INTEGER NOT NULL, recorded_at TEXT NOT NULL, UNIQUE(region, date));"
     "CREATE TABLE beraad_opgaven("
     "  beraad INTEGER NOT NULL REFERENCES beraden(id), opgave TEXT NOT NULL,"
     "  position INTEGER NOT NULL, title TEXT NOT NULL, votes INTEGER,"
     "  resident_rank INTEGER, figure_rank INTEGER, figure_pos REAL,"
     "  chosen INTEGER NOT NULL CHECK(chosen IN (0, 1)), note TEXT NOT NULL,"
     "  PRIMARY KEY(beraad, opgave)) WITHOUT ROWID;"
     "CREATE TABLE beraad_baseline("
     "  beraad INTEGER NOT NULL REFERENCES beraden(id), opgave TEXT NOT NULL,"
     "  indicator TEXT NOT NULL, position INTEGER NOT NULL, label TEXT NOT NULL,"
     "  unit TEXT NOT NULL, decimals INTEGER NOT NULL, year INTEGER NOT NULL,"
     "  value REAL, lo REAL, hi REAL, count REAL, den REAL, flags INTEGER NOT NULL,"
     "  table_id TEXT NOT NULL, edition TEXT NOT NULL, indeling INTEGER NOT NULL,"
     "  rounded INTEGER NOT NULL,"
     "  PRIMARY KEY(beraad, opgave, indicator)) WITHOUT ROWID;"),
    /* 6 -> 7: werkgebieden (engine/wd_werkgebied.h): regions of level 4, coded WG, and their
     * members in the order given. SQLite cannot widen a CHECK, so regions is copied whole. */
    ("CREATE TABLE regions_7("
     "  code TEXT PRIMARY KEY, name TEXT NOT NULL,"
     "  level INTEGER NOT NULL CHECK(level BETWEEN 0 AND 4),"
     "  parent TEXT NOT NULL DEFAULT '', indeling INTEGER NOT NULL DEFAULT 0);"
     "INSERT INTO regions_7 SELECT code, name, level, parent, indeling FROM regions;"
     "DROP TABLE regions;"
     "ALTER TABLE regions_7 RENAME TO regions;"
     "CREATE INDEX regions_parent ON regions(parent);"
     "CREATE TABLE werkgebied_members("
     "  werkgebied TEXT NOT NULL, member TEXT NOT NULL, position INTEGER NOT NULL,"
     "  PRIMARY KEY(werkgebied, member)) WITHOUT ROWID;"
     "CREATE INDEX werkgebied_members_member ON werkgebied_members(member);"),
};

static int fill_series(wd_store *s, wd_error *err);
/* C run after the SQL of a migration, in its transaction; NULL where there is none (sized by
 * the migrations, so that a new migration needs no entry here). */
static int (*const migration_fill[sizeof migrations / sizeof migrations[0]])(wd_store *s,
                                                                             wd_error *err) = {
    [2] = fill_series};

/* What SQLite's last error on `s` was; for the disk's errors (full, too large, read-only,
 * no access) its cause in Dutch first. */
static void sqlite_cause(char *buf, size_t cap, sqlite3 *db, const char *sqlite_msg)
{
    int primary = sqlite3_errcode(db) & 0xff, sys = sqlite3_system_errno(db);
    int disk = primary == SQLITE_IOERR || primary == SQLITE_FULL || primary == SQLITE_CANTOPEN ||
               primary == SQLITE_READONLY;
    if (disk && sys) {
        char why[192];
        wd_error_errno_text(why, sizeof why, sys);
        snprintf(buf, cap, "%s; SQLite: %s", why, sqlite_msg);
    } else if (disk) {
        /* A write cut short (a full disk, a file-size limit) leaves no errno behind. */
        snprintf(buf, cap, "%s (SQLite: %s)",
                 primary == SQLITE_FULL       ? "de schijf is vol"
                 : primary == SQLITE_CANTOPEN ? "kan niet worden geopend"
                 : primary == SQLITE_READONLY ? "kan niet worden geschreven"
                                              : "lezen of schrijven van de schijf mislukt",
                 sqlite_msg);
    } else {
        snprintf(buf, cap, "%s", sqlite_msg);
    }
}

int wd_store__error(wd_store *s, wd_error *err, const char *what)
{
    char cause[WD_ERROR_MSG_MAX];
    sqlite_cause(cause, sizeof cause, s->db, sqlite3_errmsg(s->db));
    wd_error_set(err, WD_ESTORE, "store %s: %s: %s", s->path, what, cause);
    if (err) err->errnum = sqlite3_system_errno(s->db);
    return WD_ESTORE;
}

int wd_store__exec(wd_store *s, const char *sql, wd_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        char cause[WD_ERROR_MSG_MAX];
        sqlite_cause(cause, sizeof cause, s->db, msg ? msg : "onbekende fout");
        wd_error_set(err, WD_ESTORE, "store %s: %s", s->path, cause);
        if (err) err->errnum = sqlite3_system_errno(s->db);
        sqlite3_free(msg);
        return WD_ESTORE;
    }
    return 0;
}

/* The schema version of the store; fails (on the first read) for a file that is not SQLite or
 * cannot be read. */
static int schema_version(wd_store *s, int *version, wd_error *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) {
        int primary = sqlite3_errcode(s->db) & 0xff;
        if (primary == SQLITE_NOTADB)
            return wd_error_set(err, WD_ESTORE, "%s is geen store van wijkdata (%s)", s->path,
                                sqlite3_errmsg(s->db));
        return wd_store__error(s, err, "kan niet worden gelezen");
    }
    int step = sqlite3_step(st);
    *version = step == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    if (step != SQLITE_ROW) return wd_store__error(s, err, "kan niet worden gelezen");
    return 0;
}

static int migrate(wd_store *s, wd_error *err)
{
    int version;
    int rc = schema_version(s, &version, err);
    if (rc) return rc;
    int n = (int)(sizeof migrations / sizeof migrations[0]);
    if (version < 0 || version > n)
        return wd_error_set(err, WD_ESTORE, "%s heeft schemaversie %d; deze wijkdata kent tot %d",
                            s->path, version, n);
    for (int v = version; v < n; v++) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d;", v + 1);
        rc = wd_store__exec(s, "BEGIN IMMEDIATE", err);
        if (!rc) rc = wd_store__exec(s, migrations[v], err);
        if (!rc && migration_fill[v]) rc = migration_fill[v](s, err);
        if (!rc) rc = wd_store__exec(s, pragma, err);
        if (!rc) rc = wd_store__exec(s, "COMMIT", err);
        if (rc) {
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            return wd_error_prefix(err, "migratie naar schema %d: ", v + 1);
        }
    }
    return 0;
}

/* A connection to `name` (a path, or a file: URI with SQLITE_OPEN_URI in flags). A store
 * belongs to one thread at a time, so SQLite need not lock the connection around every call
 * (millions of sqlite3_column_* calls in a national load). */
static int connect(wd_store *s, const char *name, int flags, wd_error *err)
{
    if (sqlite3_open_v2(name, &s->db, flags | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK) {
        sqlite3_busy_timeout(s->db, 5000);
        return 0;
    }
    if (!s->db) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer om %s te openen", s->path);
    char cause[WD_ERROR_MSG_MAX];
    sqlite_cause(cause, sizeof cause, s->db, sqlite3_errmsg(s->db));
    return wd_error_set(err, WD_ESTORE, "store %s kan niet worden geopend: %s", s->path, cause);
}

/* Reading goes through each page about once, so a small page cache is enough (imports
 * enlarge it). */
#define READ_PRAGMAS "PRAGMA foreign_keys=ON; PRAGMA cache_size=" WD_STORE_READ_CACHE ";"

/* Why the store at `path` cannot be written, when it cannot: the errno of the file or of its
 * folder (where the write-ahead log goes), 0 when both take writing. SQLite's own error then
 * names a side file instead. */
static int unwritable(const char *path)
{
    if (access(path, W_OK) != 0 && errno != ENOENT) return errno;
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    int e = dir && access(dir, W_OK) != 0 ? errno : 0;
    free(dir);
    return e;
}

static int open_write(wd_store *s, int create, wd_error *err)
{
    int rc = connect(s, s->path, SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0), err);
    /* journal_mode answers with a row; a file that is not SQLite fails here. */
    if (!rc)
        rc = wd_store__exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; " READ_PRAGMAS,
                            err);
    if (!rc) rc = migrate(s, err);
    int e = rc == WD_ESTORE ? unwritable(s->path) : 0;
    if (e)
        rc = wd_error_sys(err, WD_ESTORE, e,
                          "store %s kan niet worden geschreven (deze opdracht bewaart er iets in)",
                          s->path);
    return rc;
}

/* Whether the write-ahead log beside the store holds anything: a store read as immutable must
 * have all of its data in the file itself. */
static int wal_in_use(const char *path)
{
    size_t n = strlen(path) + 5;
    char *wal = malloc(n);
    struct stat sb;
    int used = !wal || (snprintf(wal, n, "%s-wal", path), stat(wal, &sb) == 0 && sb.st_size > 0);
    free(wal);
    return used;
}

/* The file: URI that opens `path` as immutable: every byte outside the unreserved set and
 * '/' percent-encoded, so that '?', '#' and '%' in a path stay part of it. new — free(). */
static char *immutable_uri(const char *path)
{
    size_t n = strlen(path);
    char *uri = malloc(3 * n + 32), *o = uri;
    if (!uri) return NULL;
    o += sprintf(o, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p))
            *o++ = (char)*p;
        else
            o += sprintf(o, "%%%02X", *p);
    }
    strcpy(o, "?immutable=1");
    return uri;
}

/* A store in WAL mode is read through its WAL index (-shm), which a reader creates if it is
 * not there; on a read-only mount or a full disk it cannot, and SQLite cannot open the store
 * (see SQLite's "WAL mode: read-only databases"). When no write-ahead log holds data, nobody
 * is writing there and the file alone is the store: it is then read as immutable, without the
 * index and without locks. */
static int open_read(wd_store *s, wd_error *err)
{
    int version = 0;
    int rc = connect(s, s->path, SQLITE_OPEN_READONLY, err);
    if (!rc) rc = schema_version(s, &version, err);
    if (rc == WD_ESTORE && s->db) {
        int primary = sqlite3_errcode(s->db) & 0xff;
        if ((primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR || primary == SQLITE_READONLY ||
             primary == SQLITE_FULL) &&
            !wal_in_use(s->path)) {
            char *uri = immutable_uri(s->path);
            sqlite3_close(s->db);
            s->db = NULL;
            rc = uri ? connect(s, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, err)
                     : wd_error_set(err, WD_ENOMEM, "geen geheugen meer om %s te openen", s->path);
            free(uri);
            if (!rc) rc = schema_version(s, &version, err);
        }
    }
    if (!rc) rc = wd_store__exec(s, READ_PRAGMAS, err);
    int n = (int)(sizeof migrations / sizeof migrations[0]);
    if (!rc && version < n)
        rc = wd_error_set(err, WD_ESTORE,
                          "store %s heeft schemaversie %d en moet eerst worden bijgewerkt: voer "
                          "eenmaal een opdracht uit die de store schrijft (zoals wijkdata "
                          "indicators)",
                          s->path, version);
    if (!rc && version > n)
        rc = wd_error_set(err, WD_ESTORE, "%s heeft schemaversie %d; deze wijkdata kent tot %d",
                          s->path, version, n);
    return rc;
}

enum { OPEN_READ, OPEN_WRITE, OPEN_CREATE };

static int store_open(wd_store **out, const char *path, int mode, wd_error *err)
{
    struct stat sb;
    int exists = stat(path, &sb) == 0;
    if (mode != OPEN_CREATE && !exists)
        return wd_error_set(
            err, WD_ENOTFOUND,
            "store %s bestaat niet (maak hem met 'wijkdata demo' of 'wijkdata fetch')", path);
    if (exists && S_ISDIR(sb.st_mode))
        return wd_error_set(err, WD_ESTORE, "store %s is een map, geen bestand", path);
    wd_store *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        return wd_error_set(err, WD_ENOMEM, "geen geheugen meer om %s te openen", path);
    }
    s->created = !exists;
    int rc = mode == OPEN_READ ? open_read(s, err) : open_write(s, mode == OPEN_CREATE, err);
    if (rc) {
        /* A store it created but could not set up is no store: none is left behind. */
        wd_store_discard(s);
        return rc;
    }
    *out = s;
    return 0;
}

int wd_store_open(wd_store **out, const char *path, int create, wd_error *err)
{
    return store_open(out, path, create ? OPEN_CREATE : OPEN_WRITE, err);
}

int wd_store_open_read(wd_store **out, const char *path, wd_error *err)
{
    return store_open(out, path, OPEN_READ, err);
}

void wd_store_close(wd_store *s)
{
    if (!s) return;
    sqlite3_close(s->db);
    free(s->path);
    free(s->touched);
    free(s);
}

void wd_store_discard(wd_store *s)
{
    if (!s) return;
    char *path = s->created ? strdup(s->path) : NULL;
    wd_store_close(s);
    if (!path) return;
    /* SQLite's write-ahead log and shared-memory index sit beside the file. */
    size_t n = strlen(path) + 8;
    char *side = malloc(n);
    unlink(path);
    if (side) {
        snprintf(side, n, "%s-wal", path);
        unlink(side);
        snprintf(side, n, "%s-shm", path);
        unlink(side);
    }
    free(side);
    free(path);
}

const char *wd_store_path(const wd_store *s)
{
    return s->path;
}

void wd_store__bind_real(sqlite3_stmt *st, int i, double v)
{
    if (isfinite(v))
        sqlite3_bind_double(st, i, v);
    else
        sqlite3_bind_null(st, i);
}

/* ---- series: the years of one (region, variable, subgroup) in one row ---- */

enum { SERIES_PLAIN = 1, SERIES_BOUNDS = 2, SERIES_POINT = 16, SERIES_BOUNDS_SIZE = 8 };

static void put_le(unsigned char *p, uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get_le(const unsigned char *p, int bytes)
{
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

long wd_store_series_count(const unsigned char *data, size_t len)
{
    if (len < 1 || (data[0] != SERIES_PLAIN && data[0] != SERIES_BOUNDS)) return -1;
    size_t point = SERIES_POINT + (data[0] == SERIES_BOUNDS ? SERIES_BOUNDS_SIZE : 0);
    if ((len - 1) % point != 0) return -1;
    /* Readers index arrays by year: the years must be those the schema allows, ascending. */
    long n = (long)((len - 1) / point), prev = WD_STORE_YEAR_MIN - 1;
    for (long k = 0; k < n; k++) {
        long year = (long)get_le(data + 1 + (size_t)k * point, 2);
        if (year <= prev || year > WD_STORE_YEAR_MAX) return -1;
        prev = year;
    }
    return n;
}

void wd_store_series_get(const unsigned char *data, size_t k, wd_store_series_point *out)
{
    int bounds = data[0] == SERIES_BOUNDS;
    const unsigned char *p = data + 1 + k * (SERIES_POINT + (bounds ? SERIES_BOUNDS_SIZE : 0));
    uint64_t v = get_le(p + 8, 8);
    out->year = (int)get_le(p, 2);
    out->flags = p[2];
    out->source = (long)get_le(p + 4, 4);
    memcpy(&out->value, &v, sizeof v);
    out->lo = out->hi = NAN;
    if (bounds) {
        uint32_t lo = (uint32_t)get_le(p + 16, 4), hi = (uint32_t)get_le(p + 20, 4);
        memcpy(&out->lo, &lo, sizeof lo);
        memcpy(&out->hi, &hi, sizeof hi);
    }
}

/* Statements and buffers for rebuilding series, prepared once per import. */
typedef struct {
    sqlite3_stmt *del, *sel, *ins;
    wd_store_series_point *pts;
    size_t n, cap;
    unsigned char *buf;
    size_t buf_cap;
} series_writer;

static int series_open(wd_store *s, series_writer *w, wd_error *err)
{
    memset(w, 0, sizeof *w);
    if (sqlite3_prepare_v2(s->db, "DELETE FROM series WHERE region = ?1", -1, &w->del, NULL) ||
        sqlite3_prepare_v2(s->db,
                           "SELECT variable, subgroup, year, value, lo, hi, flags, source_id"
                           " FROM observations WHERE region = ?1"
                           " ORDER BY variable, subgroup, year",
                           -1, &w->sel, NULL) ||
        sqlite3_prepare_v2(s->db, "INSERT INTO series VALUES(?1, ?2, ?3, ?4)", -1, &w->ins, NULL))
        return wd_store__error(s, err, "series");
    return 0;
}

static void series_close(series_writer *w)
{
    sqlite3_finalize(w->del);
    sqlite3_finalize(w->sel);
    sqlite3_finalize(w->ins);
    free(w->pts);
    free(w->buf);
}

static float to_float(double v)
{
    return isnan(v) ? NAN : (float)v;
}

/* Write the points gathered in w as the series (region, variable, subgroup). */
static int series_put(wd_store *s, series_writer *w, const char *region, const char *variable,
                      const char *subgroup, wd_error *err)
{
    int bounds = 0;
    for (size_t k = 0; k < w->n; k++)
        bounds |= !isnan(w->pts[k].lo) || !isnan(w->pts[k].hi);
    size_t point = SERIES_POINT + (bounds ? SERIES_BOUNDS_SIZE : 0), len = 1 + w->n * point;
    if (len > w->buf_cap) {
        unsigned char *p = realloc(w->buf, len);
        if (!p) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de reeksen");
        w->buf = p;
        w->buf_cap = len;
    }
    w->buf[0] = bounds ? SERIES_BOUNDS : SERIES_PLAIN;
    for (size_t k = 0; k < w->n; k++) {
        const wd_store_series_point *pt = &w->pts[k];
        unsigned char *p = w->buf + 1 + k * point;
        uint64_t v;
        uint32_t lo, hi;
        memcpy(&v, &pt->value, sizeof v);
        memcpy(&lo, &pt->lo, sizeof lo);
        memcpy(&hi, &pt->hi, sizeof hi);
        put_le(p, (uint64_t)pt->year, 2);
        p[2] = (unsigned char)pt->flags;
        p[3] = 0;
        put_le(p + 4, (uint64_t)pt->source, 4);
        put_le(p + 8, v, 8);
        if (bounds) {
            put_le(p + 16, lo, 4);
            put_le(p + 20, hi, 4);
        }
    }
    sqlite3_reset(w->ins);
    sqlite3_bind_text(w->ins, 1, region, -1, SQLITE_STATIC);
    sqlite3_bind_text(w->ins, 2, variable, -1, SQLITE_STATIC);
    sqlite3_bind_text(w->ins, 3, subgroup, -1, SQLITE_STATIC);
    sqlite3_bind_blob(w->ins, 4, w->buf, (int)len, SQLITE_STATIC);
    if (sqlite3_step(w->ins) != SQLITE_DONE) return wd_store__error(s, err, "series");
    w->n = 0;
    return 0;
}

/* Replace the series of `region` with its observations, grouped in key order. */
static int series_region(wd_store *s, series_writer *w, const char *region, wd_error *err)
{
    char var[WD_VAR_MAX] = "", sub[sizeof((wd_obs *)0)->subgroup] = "";
    sqlite3_reset(w->del);
    sqlite3_bind_text(w->del, 1, region, -1, SQLITE_STATIC);
    if (sqlite3_step(w->del) != SQLITE_DONE) return wd_store__error(s, err, "series");
    sqlite3_reset(w->sel);
    sqlite3_bind_text(w->sel, 1, region, -1, SQLITE_STATIC);
    int step, rc = 0;
    w->n = 0;
    while (!rc && (step = sqlite3_step(w->sel)) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(w->sel, 0);
        const char *g = (const char *)sqlite3_column_text(w->sel, 1);
        if (!v || !g || strlen(v) >= sizeof var || strlen(g) >= sizeof sub)
            return wd_error_set(err, WD_ESTORE,
                                "store %s: waarneming van %s: variabelenaam te lang", s->path,
                                region);
        if (w->n > 0 && (strcmp(v, var) != 0 || strcmp(g, sub) != 0))
            rc = series_put(s, w, region, var, sub, err);
        if (w->n == 0) {
            memcpy(var, v, strlen(v) + 1);
            memcpy(sub, g, strlen(g) + 1);
        }
        if (!rc && w->n == w->cap) {
            size_t cap = w->cap ? 2 * w->cap : 16;
            void *p = realloc(w->pts, cap * sizeof *w->pts);
            if (!p) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de reeksen");
            w->pts = p;
            w->cap = cap;
        }
        if (rc) break;
        sqlite3_stmt *q = w->sel;
        w->pts[w->n++] = (wd_store_series_point){
            .year = sqlite3_column_int(q, 2),
            .flags = (unsigned)sqlite3_column_int(q, 6),
            .source = (long)sqlite3_column_int64(q, 7),
            .value = sqlite3_column_type(q, 3) == SQLITE_NULL ? NAN : sqlite3_column_double(q, 3),
            .lo = sqlite3_column_type(q, 4) == SQLITE_NULL ? NAN
                                                           : to_float(sqlite3_column_double(q, 4)),
            .hi = sqlite3_column_type(q, 5) == SQLITE_NULL ? NAN
                                                           : to_float(sqlite3_column_double(q, 5))};
    }
    if (!rc && step != SQLITE_DONE) rc = wd_store__error(s, err, "series");
    if (!rc && w->n > 0) rc = series_put(s, w, region, var, sub, err);
    return rc;
}

static int cmp_code(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* Remember the regions observed in `b`, for wd_store_commit. */
static int touch(wd_store *s, const wd_batch *b, wd_error *err)
{
    for (size_t i = 0; i < b->n_obs; i++) {
        const char *code = b->obs[i].region;
        /* batches come region by region: skip repeats */
        if (s->n_touched && strcmp(s->touched[s->n_touched - 1], code) == 0) continue;
        if (s->n_touched == s->cap_touched) {
            size_t cap = s->cap_touched ? 2 * s->cap_touched : 1024;
            void *p = realloc(s->touched, cap * sizeof *s->touched);
            if (!p)
                return wd_error_set(err, WD_ENOMEM, "geen geheugen meer om in %s in te lezen",
                                    s->path);
            s->touched = p;
            s->cap_touched = cap;
        }
        snprintf(s->touched[s->n_touched++], WD_CODE_MAX, "%s", code);
    }
    return 0;
}

/* The series of every region touched since wd_store_begin, each rebuilt once. */
static int series_of_touched(wd_store *s, wd_error *err)
{
    if (s->n_touched) qsort(s->touched, s->n_touched, sizeof *s->touched, cmp_code);
    series_writer w;
    int rc = series_open(s, &w, err);
    for (size_t i = 0; !rc && i < s->n_touched; i++)
        if (i == 0 || strcmp(s->touched[i], s->touched[i - 1]) != 0)
            rc = series_region(s, &w, s->touched[i], err);
    series_close(&w);
    return rc;
}

/* Migration 2 -> 3: the series of every region observed so far. */
static int fill_series(wd_store *s, wd_error *err)
{
    sqlite3_stmt *q = NULL;
    series_writer w;
    int rc = series_open(s, &w, err), step;
    if (!rc && sqlite3_prepare_v2(s->db, "SELECT DISTINCT region FROM observations", -1, &q,
                                  NULL) != SQLITE_OK)
        rc = wd_store__error(s, err, "series");
    while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
        char code[WD_CODE_MAX];
        snprintf(code, sizeof code, "%s", (const char *)sqlite3_column_text(q, 0));
        rc = series_region(s, &w, code, err);
    }
    if (!rc && q && step != SQLITE_DONE) rc = wd_store__error(s, err, "series");
    sqlite3_finalize(q);
    series_close(&w);
    return rc;
}

/* Parts of observations (wd_obs.parts), put together before they replace what the store had:
 * a part gives the value with its flags, or a bound, and keeps the others. The temporary
 * database lives in a file, so that a national table's parts take disk, not memory. */
#define PARTS_TABLE                                                                                \
    "CREATE TEMP TABLE IF NOT EXISTS parts(region TEXT, variable TEXT, subgroup TEXT,"             \
    " year INTEGER, value REAL, lo REAL, hi REAL, flags INTEGER, source_id INTEGER,"               \
    " PRIMARY KEY(region, variable, subgroup, year)) WITHOUT ROWID;"                               \
    " PRAGMA temp.cache_size=" WD_STORE_PARTS_CACHE
#define PARTS_FLUSH                                                                                \
    "INSERT OR REPLACE INTO observations(region, variable, subgroup, year, value, lo, hi, flags,"  \
    " source_id) SELECT region, variable, subgroup, year, value, lo, hi, flags, source_id"         \
    " FROM temp.parts; DELETE FROM temp.parts"

/* The statements of one import, prepared once and reused for every record. */
enum { ST_SOURCE, ST_REGION, ST_OBS, ST_GEOM, ST_VAR, ST_PART, ST_COUNT };
static const char *const import_sql[ST_COUNT] = {
    ("INSERT INTO sources(table_id, title, publisher, url, retrieved_at, licence, sha256, indeling)"
     " VALUES(?1,?2,?3,?4,?5,?6,?7,?8) ON CONFLICT(table_id, url) DO UPDATE SET"
     " title=excluded.title, publisher=excluded.publisher, retrieved_at=excluded.retrieved_at,"
     " licence=excluded.licence, sha256=excluded.sha256, indeling=excluded.indeling RETURNING id"),
    /* A code re-used in a later indeling names another area: the name and parent of the
     * newest indeling stay, whatever order the sources come in. */
    ("INSERT INTO regions(code, name, level, parent, indeling) VALUES(?1,?2,?3,?4,?5)"
     " ON CONFLICT(code) DO UPDATE SET name=CASE WHEN excluded.name<>'' AND"
     " (excluded.indeling>=indeling OR name='') THEN excluded.name ELSE name END,"
     " level=excluded.level, parent=CASE WHEN excluded.parent<>'' AND"
     " (excluded.indeling>=indeling OR parent='') THEN excluded.parent ELSE parent END,"
     " indeling=MAX(indeling, excluded.indeling)"),
    ("INSERT OR REPLACE INTO observations(region, variable, subgroup, year, value, lo, hi, flags,"
     " source_id) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)"),
    "INSERT OR REPLACE INTO geometries(region, year, geojson) VALUES(?1,?2,?3)",
    ("INSERT INTO variables(table_id, year, name, key, title, unit, first_seen, last_seen)"
     " VALUES(?1,?2,?3,?4,?5,?6,?7,?7) ON CONFLICT(table_id, name, key) DO UPDATE SET"
     " year=excluded.year, title=excluded.title, unit=excluded.unit,"
     " first_seen=MIN(first_seen, excluded.first_seen),"
     " last_seen=MAX(last_seen, excluded.last_seen)"),
    ("INSERT INTO temp.parts(region, variable, subgroup, year, value, lo, hi, flags, source_id)"
     " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9) ON CONFLICT(region, variable, subgroup, year) DO UPDATE"
     " SET value=CASE WHEN ?10&1 THEN excluded.value ELSE value END,"
     " flags=CASE WHEN ?10&1 THEN excluded.flags ELSE flags END,"
     " lo=CASE WHEN ?10&2 THEN excluded.lo ELSE lo END,"
     " hi=CASE WHEN ?10&4 THEN excluded.hi ELSE hi END, source_id=excluded.source_id"),
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
        sqlite3_bind_int(q, 8, src->indeling);
        if (sqlite3_step(q) != SQLITE_ROW) return wd_store__error(s, err, "source");
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
            return wd_error_set(err, WD_ESTORE, "store %s: regio %s: %s", s->path, r->code,
                                sqlite3_errmsg(s->db));
    }
    for (size_t i = 0; i < b->n_obs; i++) {
        const wd_obs *o = &b->obs[i];
        if (o->source < 0 || (size_t)o->source >= b->n_sources)
            return wd_error_set(err, WD_EUSAGE, "waarneming %s %s %d heeft geen bron", o->region,
                                o->variable, o->year);
        sqlite3_stmt *q = st[o->parts ? ST_PART : ST_OBS];
        sqlite3_reset(q);
        sqlite3_bind_text(q, 1, o->region, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, o->variable, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, o->subgroup, -1, SQLITE_STATIC);
        sqlite3_bind_int(q, 4, o->year);
        wd_store__bind_real(q, 5, o->value);
        wd_store__bind_real(q, 6, o->lo);
        wd_store__bind_real(q, 7, o->hi);
        sqlite3_bind_int(q, 8, (int)o->flags);
        sqlite3_bind_int64(q, 9, ids[o->source]);
        if (o->parts) sqlite3_bind_int(q, 10, o->parts);
        if (sqlite3_step(q) != SQLITE_DONE)
            return wd_error_set(err, WD_ESTORE, "store %s: waarneming %s %s %d: %s", s->path,
                                o->region, o->variable, o->year, sqlite3_errmsg(s->db));
    }
    for (size_t i = 0; i < b->n_vars; i++) {
        const wd_variable *v = &b->vars[i];
        if (v->source < 0 || (size_t)v->source >= b->n_sources)
            return wd_error_set(err, WD_EUSAGE, "variabele %s van %s heeft geen bron", v->name,
                                v->table_id);
        sqlite3_stmt *q = st[ST_VAR];
        sqlite3_reset(q);
        const char *t[] = {v->table_id,
                           NULL,
                           v->name,
                           v->key,
                           v->title,
                           v->unit,
                           b->sources[v->source].retrieved_at};
        for (int k = 0; k < 7; k++)
            if (t[k]) sqlite3_bind_text(q, k + 1, t[k], -1, SQLITE_STATIC);
        sqlite3_bind_int(q, 2, v->year);
        if (sqlite3_step(q) != SQLITE_DONE)
            return wd_error_set(err, WD_ESTORE, "store %s: variabele %s van %s: %s", s->path,
                                v->name, v->table_id, sqlite3_errmsg(s->db));
    }
    for (size_t i = 0; i < b->n_geoms; i++) {
        const wd_geometry *g = &b->geoms[i];
        sqlite3_stmt *q = st[ST_GEOM];
        sqlite3_reset(q);
        sqlite3_bind_text(q, 1, g->region, -1, SQLITE_STATIC);
        sqlite3_bind_int(q, 2, g->year);
        sqlite3_bind_text(q, 3, g->geojson, -1, SQLITE_STATIC);
        if (sqlite3_step(q) != SQLITE_DONE)
            return wd_error_set(err, WD_ESTORE, "store %s: geometrie %s %d: %s", s->path, g->region,
                                g->year, sqlite3_errmsg(s->db));
    }
    return 0;
}

int wd_store_begin(wd_store *s, wd_error *err)
{
    s->n_touched = 0;
    return wd_store__exec(s, "BEGIN IMMEDIATE", err);
}

int wd_store_add(wd_store *s, const wd_batch *b, wd_error *err)
{
    sqlite3_stmt *st[ST_COUNT] = {0};
    sqlite3_int64 *ids = calloc(b->n_sources + 1, sizeof *ids);
    int rc =
        ids ? 0 : wd_error_set(err, WD_ENOMEM, "geen geheugen meer om in %s in te lezen", s->path);
    /* A national import inserts millions of rows in one transaction: a page cache of up to
     * 64 MB (allocated only as used) keeps the B-tree's upper levels and the leaves being
     * filled in memory. Rows come region by region, so more does not help: the national fetch
     * from its cache took 295 s with 64 MB and 311 s with 256 MB, peaking at 328 against
     * 527 MB (docs/PERFORMANCE.md). It shrinks back at the end, so that computing sessions
     * stay small. */
    if (!rc) rc = wd_store__exec(s, "PRAGMA cache_size=" WD_STORE_IMPORT_CACHE, err);
    for (size_t i = 0; i < b->n_obs && !rc && !s->parts; i++)
        if (b->obs[i].parts && !(rc = wd_store__exec(s, PARTS_TABLE, err))) s->parts = 1;
    for (int i = 0; i < ST_COUNT && !rc; i++)
        if ((i != ST_PART || s->parts) &&
            sqlite3_prepare_v2(s->db, import_sql[i], -1, &st[i], NULL) != SQLITE_OK)
            rc = wd_store__error(s, err, "prepare import");
    if (!rc) rc = import_records(s, st, b, ids, err);
    if (!rc) rc = touch(s, b, err);
    for (int i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(st[i]);
    free(ids);
    return rc;
}

int wd_store_commit(wd_store *s, wd_error *err)
{
    int rc = s->parts ? wd_store__exec(s, PARTS_FLUSH, err) : 0;
    s->parts = 0;
    if (!rc) rc = series_of_touched(s, err);
    if (!rc) rc = wd_store__exec(s, "COMMIT", err);
    if (rc)
        wd_store_rollback(s);
    else
        sqlite3_exec(s->db, "PRAGMA cache_size=" WD_STORE_READ_CACHE, NULL, NULL, NULL);
    s->n_touched = 0;
    return rc;
}

void wd_store_rollback(wd_store *s)
{
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_exec(s->db, "PRAGMA cache_size=" WD_STORE_READ_CACHE, NULL, NULL, NULL);
    s->n_touched = 0;
    s->parts = 0;
}

int wd_store_import(wd_store *s, const wd_batch *b, wd_error *err)
{
    int rc = wd_store_begin(s, err);
    if (rc) return rc;
    rc = wd_store_add(s, b, err);
    if (rc)
        wd_store_rollback(s);
    else
        rc = wd_store_commit(s, err);
    return rc;
}

static void row_to_region(sqlite3_stmt *q, wd_region *r)
{
    memset(r, 0, sizeof *r);
    snprintf(r->code, sizeof r->code, "%s", (const char *)sqlite3_column_text(q, 0));
    /* A name longer than the field is cut between characters. */
    wd_utf8_copy(r->name, sizeof r->name, (const char *)sqlite3_column_text(q, 1));
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
        return wd_store__error(s, err, "region");
    sqlite3_bind_text(q, 1, code, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) row_to_region(q, out);
    sqlite3_finalize(q);
    if (rc == SQLITE_ROW) return 0;
    if (rc == SQLITE_DONE)
        return wd_error_set(err, WD_ENOTFOUND,
                            "onbekende regiocode '%s' in store %s (zie 'wijkdata regions')", code,
                            s->path);
    return wd_store__error(s, err, "region");
}

int wd_store_gemeente_of(wd_store *s, const char *code, char *out, size_t cap, wd_error *err)
{
    wd_region r;
    int rc = wd_store_region(s, code, &r, err);
    for (int depth = 0; !rc && r.level > WD_LEVEL_GEMEENTE && depth < 4; depth++) {
        if (!r.parent[0])
            return wd_error_set(err, WD_ERR, "regio %s heeft geen bovenliggend gebied in de store",
                                r.code);
        rc = wd_store_region(s, r.parent, &r, err);
    }
    if (rc) return rc;
    if (r.level != WD_LEVEL_GEMEENTE)
        return wd_error_set(err, WD_EUSAGE,
                            "%s is geen buurt, wijk of gemeente; een profiel voor heel Nederland "
                            "bestaat (nog) niet",
                            code);
    snprintf(out, cap, "%s", r.code);
    return 0;
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
        return wd_store__error(s, err, "regions");
    if (gemeente) sqlite3_bind_text(q, 1, gemeente, -1, SQLITE_STATIC);
    int rc, stop = 0;
    wd_region r;
    while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        row_to_region(q, &r);
        stop = fn(&r, ctx);
    }
    sqlite3_finalize(q);
    if (!stop && rc != SQLITE_DONE) return wd_store__error(s, err, "regions");
    return 0;
}

int wd_store_gemeenten(wd_store *s, char (**codes)[WD_CODE_MAX], size_t *n, wd_error *err)
{
    sqlite3_stmt *q;
    *codes = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT code FROM regions WHERE level = 1 ORDER BY code", -1, &q,
                           NULL) != SQLITE_OK)
        return wd_store__error(s, err, "regions");
    size_t cap = 0;
    int rc = 0, step;
    while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 64;
            void *p = realloc(*codes, cap * sizeof **codes);
            if (!p) {
                rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de lijst van gemeenten");
                break;
            }
            *codes = p;
        }
        snprintf((*codes)[(*n)++], WD_CODE_MAX, "%s", (const char *)sqlite3_column_text(q, 0));
    }
    if (!rc && step != SQLITE_DONE) rc = wd_store__error(s, err, "regions");
    sqlite3_finalize(q);
    if (rc) {
        free(*codes);
        *codes = NULL;
        *n = 0;
    }
    return rc;
}

int wd_store_meta_get(wd_store *s, const char *key, char *buf, size_t cap, wd_error *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key=?1", -1, &q, NULL) != SQLITE_OK)
        return wd_store__error(s, err, "meta");
    sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        snprintf(buf, cap, "%s", (const char *)sqlite3_column_text(q, 0));
    else if (cap > 0)
        buf[0] = '\0';
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : wd_store__error(s, err, "meta");
}

int wd_store_is_empty(wd_store *s, int *empty, wd_error *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(
            s->db,
            "SELECT EXISTS(SELECT 1 FROM sources) OR EXISTS(SELECT 1 FROM regions) OR "
            "EXISTS(SELECT 1 FROM observations) OR EXISTS(SELECT 1 FROM geometries) "
            "OR EXISTS(SELECT 1 FROM meta)",
            -1, &q, NULL) != SQLITE_OK)
        return wd_store__error(s, err, "inhoud");
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *empty = !sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? 0 : wd_store__error(s, err, "inhoud");
}

int wd_store_meta_set(wd_store *s, const char *key, const char *value, wd_error *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)", -1, &q,
                           NULL) != SQLITE_OK)
        return wd_store__error(s, err, "meta");
    sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, value, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? 0 : wd_store__error(s, err, "meta");
}
