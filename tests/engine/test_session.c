/* Tests of engine/wd_session: a session opened on a missing store says so and closes cleanly;
 * one loaded for a gemeente holds its data, results, ranking (the defaults of `wijkdata
 * rank`) and boundaries; a run over every gemeente saves in one transaction, all or nothing;
 * a worker's session borrows the job's data and frees only what it added. On the scaled demo
 * (300 buurten: GM9000 ... and Voorbeeldstad). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/wd_session.h"
#include "wd_test_util.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *tmp, db[1100];

static int setup(void **state)
{
    (void)state;
    tmp = wd_test_tmpdir();
    return wd_test_demo_store(tmp, 300, 5, db, sizeof db);
}

static int teardown(void **state)
{
    (void)state;
    wd_test_rmtree(tmp);
    free(tmp);
    return 0;
}

static long count_rows(const char *sql)
{
    sqlite3 *h = wd_test_sqlite(db);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    long n = (long)sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(h);
    return n;
}

static void missing_store(void **state)
{
    (void)state;
    char path[1200];
    snprintf(path, sizeof path, "%s/geen.db", tmp);
    wd_session s;
    wd_session_options opt = {.store = path};
    wd_error err = {0};
    assert_int_equal(wd_session_open(&s, &opt, &err), WD_ENOTFOUND);
    wd_test_assert_contains(err.msg, path);
    wd_test_assert_contains(err.msg, "bestaat niet");
    wd_session_close(&s);
    wd_session_close(&s); /* closed twice: still nothing to free */
}

static void gemeente_loaded_ranked_mapped(void **state)
{
    (void)state;
    wd_session s;
    wd_session_options opt = {.store = db};
    wd_error err = {0};
    assert_int_equal(wd_session_open(&s, &opt, &err), 0);
    assert_int_equal(s.demo, 1);
    assert_int_equal(wd_session_load(&s, "GM9999", NULL, &err), 0);
    assert_int_equal(strcmp(s.ds->regions[0].code, "NL00"), 0);
    assert_true(wd_dataset_region(s.ds, "BU99990101") > 0);
    assert_true(s.res->ds == s.ds);
    assert_int_equal(wd_session_rank(&s, 0, &err), 0);
    assert_int_equal(s.rk->opt.draws, WD_RANK_DEFAULT_DRAWS);
    assert_int_equal(s.rk->opt.seed, WD_RANK_DEFAULT_SEED);
    const wd_opgave_set *opg = s.opg;
    assert_int_equal(wd_session_opgaven(&s, &err), 0); /* read once */
    assert_ptr_equal(s.opg, opg);
    assert_int_equal(wd_session_geo(&s, 0, &err), 0);
    assert_true(wd_geo_find(s.geo, "BU99990101") >= 0);
    wd_session_close(&s);

    /* A gemeente the store does not have. */
    assert_int_equal(wd_session_open(&s, &opt, &err), 0);
    assert_int_equal(wd_session_load(&s, "GM0001", NULL, &err), WD_ENOTFOUND);
    wd_test_assert_contains(err.msg, "GM0001");
    wd_session_close(&s);
}

typedef struct {
    const wd_session *parent;
    const char *fail_at; /* deliver fails for this gemeente */
    int worked;
} runner;

/* On a worker: the job's own session, ranked, freed without touching the job's data. */
static int rank_on_worker(wd_each_job *job, void *ctx, wd_error *err)
{
    const wd_session *parent = ((const runner *)ctx)->parent;
    wd_session v = wd_session_worker(parent, job);
    if (v.ds != job->ds || v.opg != parent->opg)
        return wd_error_set(err, WD_ERR, "worker session without the job's data");
    int rc = wd_session_rank(&v, 0, err);
    if (!rc && v.rk->res != job->res) rc = wd_error_set(err, WD_ERR, "ranking of other results");
    wd_session_close_worker(&v);
    if (v.rk || v.geo || v.opg) rc = wd_error_set(err, WD_ERR, "worker session not freed");
    return rc;
}

static int save_or_fail(wd_each_job *job, void *ctx, wd_error *err)
{
    runner *r = ctx;
    r->worked++;
    if (r->fail_at && strcmp(job->code, r->fail_at) == 0)
        return wd_error_set(err, WD_EIO, "%s: stopped on purpose", job->code);
    return wd_results_save(job->res, job->store, 0, job->index > 0, err);
}

/* Also on the workers: each ranks its gemeente in a session of its own. */
static void each_gemeente_saves_all_or_nothing(void **state)
{
    (void)state;
    wd_session s;
    wd_session_options opt = {.store = db};
    wd_error err = {0};
    assert_int_equal(wd_session_open(&s, &opt, &err), 0);
    assert_int_equal(wd_session_opgaven(&s, &err), 0);
    runner r = {.parent = &s, .fail_at = "GM9001"};
    wd_each_options each = {
        .threads = 2, .work = rank_on_worker, .deliver = save_or_fail, .ctx = &r};
    assert_int_equal(wd_session_each_gemeente(&s, &each, 1, &err), WD_EIO);
    wd_test_assert_contains(err.msg, "GM9001: stopped on purpose");
    assert_int_equal(count_rows("SELECT COUNT(*) FROM results"), 0);

    r = (runner){.parent = &s};
    assert_int_equal(wd_session_each_gemeente(&s, &each, 1, &err), 0);
    assert_true(r.worked >= 3);
    assert_true(count_rows("SELECT COUNT(*) FROM results WHERE region = 'GM9001'") > 10);
    assert_int_equal(count_rows("SELECT COUNT(*) FROM results WHERE region = 'NL00'"),
                     count_rows("SELECT COUNT(DISTINCT indicator) FROM results WHERE region = "
                                "'NL00'"));

    /* A parent without opgaven: each worker reads its own and frees them (LeakSanitizer in
     * the sanitizer run). */
    wd_session bare = s;
    bare.opg = NULL;
    r = (runner){.parent = &bare};
    each.deliver = NULL;
    assert_int_equal(wd_session_each_gemeente(&s, &each, 0, &err), 0);
    wd_session_close(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(missing_store),
        cmocka_unit_test(gemeente_loaded_ranked_mapped),
        cmocka_unit_test(each_gemeente_saves_all_or_nothing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
