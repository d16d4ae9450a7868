/* Tests of engine/wd_store: schema and migrations, imports in one transaction, upserts, the
 * packed series kept equal to the observations, and the promise that a failing import leaves
 * the store file byte-for-byte unchanged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/wd_store.h"
#include "wd_test_util.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *dir;
    char path[512];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dir = wd_test_tmpdir();
    snprintf(f->path, sizeof f->path, "%s/store.db", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    wd_test_rmtree(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

/* A batch with one source, a gemeente and a buurt, and n observations of the buurt. */
static wd_batch *sample_batch(int n_obs)
{
    wd_batch *b = wd_batch_new();
    wd_source src = {.table_id = "85984NED",
                     .title = "Kerncijfers wijken en buurten 2024",
                     .publisher = "CBS",
                     .url = "file:///tmp/x",
                     .retrieved_at = "2026-11-24T12:00:00Z",
                     .licence = "CC BY 4.0"};
    int s = wd_batch_add_source(b, &src, NULL);
    wd_region g = {.code = "GM9999",
                   .name = "Voorbeeldstad",
                   .level = WD_LEVEL_GEMEENTE,
                   .parent = "NL00",
                   .indeling = 2024};
    wd_region bu = {.code = "BU99990101",
                    .name = "Oude Kern",
                    .level = WD_LEVEL_BUURT,
                    .parent = "WK999901",
                    .indeling = 2024};
    wd_batch_add_region(b, &g, NULL);
    wd_batch_add_region(b, &bu, NULL);
    for (int i = 0; i < n_obs; i++) {
        wd_obs o = {.region = "BU99990101",
                    .year = 2016 + i % 9,
                    .value = 1000 + 5 * i,
                    .lo = NAN,
                    .hi = NAN,
                    .source = s};
        snprintf(o.variable, sizeof o.variable, "Var%d", i / 9);
        wd_batch_add_obs(b, &o, NULL);
    }
    return b;
}

static int count_rows(const char *path, const char *table)
{
    sqlite3 *db;
    sqlite3_stmt *q;
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", table);
    sqlite3_open(path, &db);
    sqlite3_prepare_v2(db, sql, -1, &q, NULL);
    int n = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : -1;
    sqlite3_finalize(q);
    sqlite3_close(db);
    return n;
}

typedef struct {
    int n;
    long id;
    char table_id[32];
    char keys[8][WD_VAR_MAX + 20];
    size_t len;
} seen;

static int see_source(long id, const wd_source *src, void *ctx)
{
    seen *v = ctx;
    v->n++;
    v->id = id;
    snprintf(v->table_id, sizeof v->table_id, "%s", src->table_id);
    return 0;
}

static int see_name(const char *variable, const char *subgroup, void *ctx)
{
    seen *v = ctx;
    if (v->n < 8) snprintf(v->keys[v->n], sizeof v->keys[0], "%s|%s", variable, subgroup);
    v->n++;
    return 0;
}

/* Var0 is passed over: only Var1 may reach take. */
static int pick_var1(const char *variable, const char *subgroup, void *ctx)
{
    (void)subgroup;
    (void)ctx;
    return strcmp(variable, "Var1") == 0 ? 4 : -1;
}

static int see_series(size_t region, int picked, const char *variable, const char *subgroup,
                      const unsigned char *data, size_t len, void *ctx)
{
    seen *v = ctx;
    (void)subgroup;
    if (region != 1 || picked != 4 || strcmp(variable, "Var1") != 0) return WD_ERR;
    v->n++;
    v->len = len;
    return wd_store_series_count(data, len) == 9 ? 0 : WD_ERR;
}

static int stop_at_first(const char *variable, const char *subgroup, void *ctx)
{
    (void)variable;
    (void)subgroup;
    (void)ctx;
    return 7;
}

static int see_rank(const wd_store_rank *row, void *ctx)
{
    seen *v = ctx;
    v->n++;
    snprintf(v->table_id, sizeof v->table_id, "%s %d/%d %s", row->opgave, row->rank_median,
             row->n_ranked, row->tier);
    return 0;
}

/* The typed calls the engine reads and writes through: what is iterated, what a callback's
 * non-zero return does, and savepoints that keep or undo. */
static void typed_reads_and_writes(void **state)
{
    fixture *f = *state;
    wd_store *s = NULL;
    wd_error err = {0};
    assert_int_equal(wd_store_open(&s, f->path, 1, &err), 0);
    wd_batch *b = sample_batch(18);
    assert_int_equal(wd_store_import(s, b, &err), 0);
    wd_batch_free(b);

    seen v = {0};
    assert_int_equal(wd_store_each_source(s, see_source, &v, &err), 0);
    assert_int_equal(v.n, 1);
    assert_true(v.id > 0);
    assert_string_equal(v.table_id, "85984NED");
    v = (seen){0};
    assert_int_equal(wd_store_each_series_name(s, "BU99990101", see_name, &v, &err), 0);
    assert_int_equal(v.n, 2);
    assert_true(strcmp(v.keys[0], "Var0|") == 0 || strcmp(v.keys[1], "Var0|") == 0);
    assert_int_equal(wd_store_each_series_name(s, "BU99990101", stop_at_first, NULL, &err), 7);
    /* Only Var1 of the second region listed (the first has no series): by name, and by pick. */
    wd_region regions[2] = {{.code = "GM9999"}, {.code = "BU99990101"}};
    const char *only[] = {"Var1"};
    wd_store_series_reader reader = {pick_var1, see_series, &v};
    v = (seen){0};
    assert_int_equal(wd_store_each_series(s, regions, 2, only, 1, &reader, &err), 0);
    assert_int_equal(v.n, 1);
    v = (seen){0};
    assert_int_equal(wd_store_each_series(s, regions, 2, NULL, 0, &reader, &err), 0);
    assert_int_equal(v.n, 1);

    /* Results: undone on close without commit, kept with it, replaced per region. */
    wd_store_result rows[2] = {{"inwoners", 2024, 1234, 0, NAN}, {"aandeel", 2024, 12.5, 1, 0.7}};
    wd_store_results *w = NULL;
    assert_int_equal(wd_store_results_open(&w, s, &err), 0);
    assert_int_equal(wd_store_results_replace(w, "BU99990101", rows, 2, &err), 0);
    assert_int_equal(wd_store_results_close(w, 0, &err), 0);
    assert_int_equal(count_rows(f->path, "results"), 0);
    for (int k = 0; k < 2; k++) {
        assert_int_equal(wd_store_results_open(&w, s, &err), 0);
        assert_int_equal(wd_store_results_replace(w, "BU99990101", rows, 2 - (size_t)k, &err), 0);
        assert_int_equal(wd_store_results_close(w, 1, &err), 0);
        assert_int_equal(count_rows(f->path, "results"), 2 - k);
    }

    /* Rankings: only ranked rows are read back. */
    wd_store_rank r = {.region = "BU99990101",
                       .opgave = "leefstijl",
                       .year = 2024,
                       .score = 0.4,
                       .weight_share = 1,
                       .rank = 2,
                       .rank_median = 2,
                       .rank_lo = 1,
                       .rank_hi = 3,
                       .n_ranked = 9,
                       .tier = "hoge prioriteit",
                       .shift = 0.3,
                       .status = "gerangschikt",
                       .draws = 10,
                       .seed = 1};
    wd_store_rank small = r;
    snprintf(small.opgave, sizeof small.opgave, "bestaanszekerheid");
    small.rank = small.rank_median = small.rank_lo = small.rank_hi = 0;
    small.score = small.shift = NAN;
    wd_store_ranks *rw = NULL;
    assert_int_equal(wd_store_ranks_open(&rw, s, &err), 0);
    assert_int_equal(wd_store_ranks_put(rw, &r, &err), 0);
    assert_int_equal(wd_store_ranks_put(rw, &small, &err), 0);
    assert_int_equal(wd_store_ranks_close(rw, 1, &err), 0);
    assert_int_equal(count_rows(f->path, "opgave_ranks"), 2);
    v = (seen){0};
    assert_int_equal(wd_store_each_rank(s, "BU99990101", see_rank, &v, &err), 0);
    assert_int_equal(v.n, 1);
    assert_string_equal(v.table_id, "leefstijl 2/9 hoge prioriteit");

    /* A region the store does not know; a gemeente of a buurt without a wijk in the store. */
    char gm[WD_CODE_MAX];
    assert_int_equal(wd_store_gemeente_of(s, "GM9999", gm, sizeof gm, &err), 0);
    assert_string_equal(gm, "GM9999");
    assert_int_equal(wd_store_gemeente_of(s, "BU99990101", gm, sizeof gm, &err), WD_ENOTFOUND);
    wd_test_assert_contains(err.msg, "WK999901");
    wd_store_close(s);
}

static void create_migrate_and_import(void **state)
{
    fixture *f = *state;
    wd_store *s;
    wd_error err = {0};
    assert_int_equal(wd_store_open(&s, f->path, 1, &err), 0);
    wd_batch *b = sample_batch(20);
    assert_int_equal(wd_store_import(s, b, &err), 0);
    /* Importing the same batch again replaces, it does not duplicate. */
    assert_int_equal(wd_store_import(s, b, &err), 0);
    wd_region r;
    assert_int_equal(wd_store_region(s, "BU99990101", &r, &err), 0);
    assert_string_equal(r.name, "Oude Kern");
    assert_int_equal(r.level, WD_LEVEL_BUURT);
    assert_string_equal(r.parent, "WK999901");
    wd_store_close(s);
    wd_batch_free(b);
    assert_int_equal(count_rows(f->path, "observations"), 20);
    assert_int_equal(count_rows(f->path, "sources"), 1);

    sqlite3 *db;
    sqlite3_stmt *q;
    sqlite3_open(f->path, &db);
    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, NULL);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), WD_STORE_SCHEMA_VERSION);
    sqlite3_finalize(q);
    sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &q, NULL);
    sqlite3_step(q);
    assert_string_equal((const char *)sqlite3_column_text(q, 0), "wal");
    sqlite3_finalize(q);
    sqlite3_close(db);
}

/* Every series row holds exactly the observations of its key, in year order. */
static void assert_series_match(const char *path)
{
    sqlite3 *db;
    sqlite3_stmt *obs, *ser;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT region, variable, subgroup, year, value, lo, hi,"
                                        " flags, source_id FROM observations ORDER BY 1, 2, 3, 4",
                                        -1, &obs, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT region, variable, subgroup, data FROM series"
                                        " ORDER BY 1, 2, 3",
                                        -1, &ser, NULL),
                     SQLITE_OK);
    int rows = 0;
    while (sqlite3_step(ser) == SQLITE_ROW) {
        const unsigned char *data = sqlite3_column_blob(ser, 3);
        long n = wd_store_series_count(data, (size_t)sqlite3_column_bytes(ser, 3));
        assert_true(n > 0);
        for (long k = 0; k < n; k++) {
            wd_store_series_point pt;
            wd_store_series_get(data, (size_t)k, &pt);
            assert_int_equal(sqlite3_step(obs), SQLITE_ROW);
            for (int c = 0; c < 3; c++)
                assert_string_equal(sqlite3_column_text(obs, c), sqlite3_column_text(ser, c));
            assert_int_equal(pt.year, sqlite3_column_int(obs, 3));
            if (sqlite3_column_type(obs, 4) == SQLITE_NULL)
                assert_true(isnan(pt.value));
            else
                assert_true(pt.value == sqlite3_column_double(obs, 4));
            for (int c = 5; c <= 6; c++) {
                float bound = c == 5 ? pt.lo : pt.hi;
                if (sqlite3_column_type(obs, c) == SQLITE_NULL)
                    assert_true(isnan(bound));
                else
                    assert_true(bound == (float)sqlite3_column_double(obs, c));
            }
            assert_int_equal(pt.flags, sqlite3_column_int(obs, 7));
            assert_int_equal(pt.source, sqlite3_column_int(obs, 8));
            rows++;
        }
    }
    assert_int_equal(sqlite3_step(obs), SQLITE_DONE);
    assert_true(rows > 0);
    sqlite3_finalize(obs);
    sqlite3_finalize(ser);
    sqlite3_close(db);
}

static void series_follow_imports_and_migration(void **state)
{
    fixture *f = *state;
    wd_store *s;
    wd_error err = {0};
    assert_int_equal(wd_store_open(&s, f->path, 1, &err), 0);
    wd_batch *b = sample_batch(30);
    assert_int_equal(wd_store_import(s, b, &err), 0);
    wd_batch_free(b);
    /* A later import replaces one year, adds a year with bounds, a missing value, a subgroup
     * and a second region, out of order. */
    b = sample_batch(0);
    wd_obs more[] = {
        {.region = "BU99990101", .variable = "Var0", .year = 2017, .value = 7.5, .lo = 7, .hi = 8},
        {.region = "GM9999", .variable = "Var0", .year = 2020, .value = 2, .lo = NAN, .hi = NAN},
        {.region = "BU99990101",
         .variable = "Var0",
         .year = 2030,
         .value = NAN,
         .lo = NAN,
         .hi = NAN,
         .flags = 3},
        {.region = "BU99990101",
         .variable = "Var1",
         .subgroup = "20300",
         .year = 2022,
         .value = 41.5,
         .lo = 39.25,
         .hi = 44},
    };
    for (size_t i = 0; i < sizeof more / sizeof *more; i++)
        assert_int_equal(wd_batch_add_obs(b, &more[i], &err), 0);
    assert_int_equal(wd_store_import(s, b, &err), 0);
    wd_batch_free(b);
    wd_store_close(s);
    assert_series_match(f->path);
    assert_int_equal(count_rows(f->path, "series"), 6);

    /* A store of schema 2 (before series, the sources' indeling, the beraden and werkgebieden)
     * gets them when opened, its regions kept. */
    int regions = count_rows(f->path, "regions");
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(
            db,
            "DROP TABLE series; DROP TABLE variables; ALTER TABLE sources DROP COLUMN indeling; "
            "DROP TABLE beraad_baseline; DROP TABLE beraad_opgaven; DROP TABLE beraden; "
            "DROP TABLE werkgebied_members; PRAGMA user_version = 2",
            NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(wd_store_open(&s, f->path, 0, &err), 0);
    wd_store_close(s);
    assert_series_match(f->path);
    assert_int_equal(count_rows(f->path, "series"), 6);
    assert_int_equal(count_rows(f->path, "sources WHERE indeling = 0"),
                     count_rows(f->path, "sources"));
    assert_int_equal(count_rows(f->path, "regions"), regions);
    assert_int_equal(count_rows(f->path, "werkgebied_members"), 0);
}

/* One observation as stored: value, lo, hi (NAN for NULL) and flags. */
static void stored_obs(const char *path, const char *var, double out[4])
{
    sqlite3 *db;
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT value, lo, hi, flags FROM observations WHERE"
                                        " region = 'BU99990101' AND variable = ?1",
                                        -1, &q, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(q, 1, var, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    for (int c = 0; c < 4; c++)
        out[c] = sqlite3_column_type(q, c) == SQLITE_NULL ? NAN : sqlite3_column_double(q, c);
    sqlite3_finalize(q);
    sqlite3_close(db);
}

/* Add one part of Var`var` 2022/20300 of the buurt in its own batch, as a hand-on does. */
static void add_part(wd_store *s, int var, unsigned char parts, double x)
{
    wd_batch *b = sample_batch(0);
    wd_obs o = {.region = "BU99990101",
                .subgroup = "20300",
                .year = 2022,
                .value = parts & WD_PART_VALUE ? x : NAN,
                .lo = parts & WD_PART_LO ? x : NAN,
                .hi = parts & WD_PART_HI ? x : NAN,
                .flags = WD_FLAG_MODEL | (parts & WD_PART_VALUE ? 0 : WD_FLAG_MISSING),
                .parts = parts};
    snprintf(o.variable, sizeof o.variable, "Var%d", var);
    wd_error err = {0};
    assert_int_equal(wd_batch_add_obs(b, &o, &err), 0);
    assert_int_equal(wd_store_add(s, b, &err), 0);
    wd_batch_free(b);
}

/* Parts of an observation (RIVM's Marges rows in separate hand-ons) meet in one row at the
 * commit, in any order, and replace what the store had: a bound no part gives is not kept
 * from before. A rollback drops the parts. */
static void parts_meet_in_one_observation(void **state)
{
    fixture *f = *state;
    wd_store *s;
    wd_error err = {0};
    double got[4];
    assert_int_equal(wd_store_open(&s, f->path, 1, &err), 0);
    assert_int_equal(wd_store_begin(s, &err), 0);
    add_part(s, 0, WD_PART_VALUE, 40);
    add_part(s, 0, WD_PART_LO | WD_PART_HI, 38);
    assert_int_equal(wd_store_commit(s, &err), 0);
    stored_obs(f->path, "Var0", got);
    assert_true(got[0] == 40 && got[1] == 38 && got[2] == 38 && got[3] == WD_FLAG_MODEL);

    assert_int_equal(wd_store_begin(s, &err), 0);
    add_part(s, 0, WD_PART_LO, 30);
    add_part(s, 1, WD_PART_HI, 9);
    add_part(s, 0, WD_PART_VALUE, 33);
    assert_int_equal(wd_store_commit(s, &err), 0);
    stored_obs(f->path, "Var0", got);
    assert_true(got[0] == 33 && got[1] == 30 && isnan(got[2]) && got[3] == WD_FLAG_MODEL);
    stored_obs(f->path, "Var1", got);
    assert_true(isnan(got[0]) && isnan(got[1]) && got[2] == 9 &&
                got[3] == (WD_FLAG_MODEL | WD_FLAG_MISSING));

    assert_int_equal(wd_store_begin(s, &err), 0);
    add_part(s, 0, WD_PART_VALUE, 99);
    wd_store_rollback(s);
    assert_int_equal(wd_store_begin(s, &err), 0);
    add_part(s, 1, WD_PART_LO, 8);
    assert_int_equal(wd_store_commit(s, &err), 0);
    wd_store_close(s);
    stored_obs(f->path, "Var0", got);
    assert_true(got[0] == 33);
    stored_obs(f->path, "Var1", got);
    assert_true(got[1] == 8 && isnan(got[2]));
    assert_int_equal(count_rows(f->path, "observations"), 2);
    assert_series_match(f->path);
}

static void failing_import_leaves_file_unchanged(void **state)
{
    fixture *f = *state;
    wd_store *s;
    wd_error err = {0};
    assert_int_equal(wd_store_open(&s, f->path, 1, &err), 0);
    wd_batch *b = sample_batch(18);
    assert_int_equal(wd_store_import(s, b, &err), 0);
    wd_store_close(s);
    size_t len0;
    char *before = wd_test_read_file(f->path, &len0);

    /* 500 good observations, then one the schema refuses: the first 500 were written inside
     * the transaction before the failure and must be rolled back. */
    wd_batch *bad = sample_batch(1000);
    bad->obs[500].year = 1776;
    assert_int_equal(wd_store_open(&s, f->path, 0, &err), 0);
    assert_int_equal(wd_store_import(s, bad, &err), WD_ESTORE);
    assert_non_null(strstr(err.msg, "BU99990101"));
    assert_non_null(strstr(err.msg, "1776"));
    wd_store_close(s);

    size_t len1;
    char *after = wd_test_read_file(f->path, &len1);
    assert_int_equal(len0, len1);
    assert_memory_equal(before, after, len0);
    assert_int_equal(count_rows(f->path, "observations"), 18);
    free(before);
    free(after);
    wd_batch_free(b);
    wd_batch_free(bad);
}

static void errors_name_the_path(void **state)
{
    fixture *f = *state;
    wd_store *s = NULL;
    wd_error err = {0};
    assert_int_equal(wd_store_open(&s, f->path, 0, &err), WD_ENOTFOUND);
    assert_non_null(strstr(err.msg, f->path));
    assert_null(s);

    assert_int_equal(wd_test_write_file(f->path, "dit is geen database, alleen tekst\n", 35), 0);
    assert_int_equal(wd_store_open(&s, f->path, 0, &err), WD_ESTORE);
    assert_non_null(strstr(err.msg, f->path));

    char dir_path[600];
    snprintf(dir_path, sizeof dir_path, "%s/missing/dir/store.db", f->dir);
    assert_int_equal(wd_store_open(&s, dir_path, 1, &err), WD_ESTORE);
    assert_non_null(strstr(err.msg, dir_path));
}

static void newer_schema_is_refused(void **state)
{
    fixture *f = *state;
    sqlite3 *db;
    sqlite3_open(f->path, &db);
    sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
    sqlite3_close(db);
    wd_store *s;
    wd_error err = {0};
    assert_int_equal(wd_store_open(&s, f->path, 0, &err), WD_ESTORE);
    assert_non_null(strstr(err.msg, "99"));
}

static void unknown_region_and_meta(void **state)
{
    fixture *f = *state;
    wd_store *s;
    wd_error err = {0};
    wd_region r;
    char buf[16];
    assert_int_equal(wd_store_open(&s, f->path, 1, &err), 0);
    assert_int_equal(wd_store_region(s, "BU12345678", &r, &err), WD_ENOTFOUND);
    assert_non_null(strstr(err.msg, "BU12345678"));
    assert_int_equal(wd_store_meta_get(s, "demo", buf, sizeof buf, &err), 0);
    assert_string_equal(buf, "");
    assert_int_equal(wd_store_meta_set(s, "demo", "1", &err), 0);
    assert_int_equal(wd_store_meta_get(s, "demo", buf, sizeof buf, &err), 0);
    assert_string_equal(buf, "1");
    wd_store_close(s);
}

static void level_of_code(void **state)
{
    (void)state;
    assert_int_equal(wd_level_of_code("WK0363AD"), WD_LEVEL_WIJK);
    assert_int_equal(wd_level_of_code("XX01"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(create_migrate_and_import, setup, teardown),
        cmocka_unit_test_setup_teardown(typed_reads_and_writes, setup, teardown),
        cmocka_unit_test_setup_teardown(failing_import_leaves_file_unchanged, setup, teardown),
        cmocka_unit_test_setup_teardown(series_follow_imports_and_migration, setup, teardown),
        cmocka_unit_test_setup_teardown(parts_meet_in_one_observation, setup, teardown),
        cmocka_unit_test_setup_teardown(errors_name_the_path, setup, teardown),
        cmocka_unit_test_setup_teardown(newer_schema_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(unknown_region_and_meta, setup, teardown),
        cmocka_unit_test(level_of_code),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
