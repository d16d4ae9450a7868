/* Tests of engine/wd_each: every gemeente of a (scaled-up demo) store computed on 1, 2 or 3
 * worker threads is delivered in list order with the same bytes; an error in one gemeente
 * stops the run with that error after the gemeenten before it; a first gemeente without
 * observations hands the start of the document to the next; nothing made is leaked; a damaged
 * series in the store is an error naming it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/wd_each.h"
#include "wd_test_util.h"

#include <sqlite3.h>
#include <stdatomic.h>
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

typedef struct {
    const char *fail_at;  /* work fails for this gemeente */
    char delivered[4096]; /* codes in delivery order */
    size_t n_delivered, progress_done;
    atomic_int made, freed;
} probe;

static int work(wd_each_job *job, void *ctx, wd_error *err)
{
    probe *p = ctx;
    if (p->fail_at && strcmp(job->code, p->fail_at) == 0)
        return wd_error_set(err, WD_ESTAT, "kapot in %s", job->code);
    if (job->first) fputs("BEGIN\n", job->out);
    size_t buurten = 0;
    for (size_t r = 0; r < job->ds->n_regions; r++)
        buurten += job->ds->regions[r].level == WD_LEVEL_BUURT;
    /* Something computed, so that different data would give different bytes. */
    int pop = wd_dataset_var(job->ds, "AantalInwoners", "");
    double sum = 0;
    for (size_t r = 0; r < job->ds->n_regions; r++)
        for (int y = 0; y < job->ds->n_years; y++) {
            double v = job->ds->value[wd_dataset_cell(job->ds, r, y, (size_t)pop)];
            if (v == v) sum += v;
        }
    fprintf(job->out, "%s %zu %.0f\n", job->code, buurten, sum);
    job->data = strdup(job->code);
    atomic_fetch_add(&p->made, 1);
    return 0;
}

static int deliver(wd_each_job *job, void *ctx, wd_error *err)
{
    (void)err;
    probe *p = ctx;
    assert_int_equal(job->index, p->n_delivered);
    assert_string_equal(job->data, job->code);
    assert_non_null(job->res);
    p->n_delivered++;
    strcat(p->delivered, job->code);
    strcat(p->delivered, " ");
    return 0;
}

static void release(wd_each_job *job, void *ctx)
{
    probe *p = ctx;
    free(job->data);
    atomic_fetch_add(&p->freed, 1);
}

static void progress(size_t done, size_t total, const char *code, void *ctx)
{
    probe *p = ctx;
    (void)code;
    assert_int_equal(done, p->progress_done + 1);
    assert_true(done <= total);
    p->progress_done = done;
}

/* Run over the store with `threads` workers; the output (malloc'ed) and the return code. */
static char *run(int threads, probe *p, int *rc, wd_error *err)
{
    wd_store *s = NULL;
    wd_indicator_set *set = NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    assert_int_equal(wd_store_open(&s, db, 0, err), 0);
    assert_int_equal(wd_indicators_load(&set, NULL, NULL, err), 0);
    wd_each_options opt = {.threads = threads,
                           .out = out,
                           .work = work,
                           .deliver = deliver,
                           .release = release,
                           .progress = progress,
                           .ctx = p};
    *rc = wd_each_gemeente(s, set, &opt, err);
    fclose(out);
    wd_indicators_free(set);
    wd_store_close(s);
    assert_int_equal(atomic_load(&p->made), atomic_load(&p->freed));
    return buf;
}

static void same_bytes_in_order_on_any_threads(void **state)
{
    (void)state;
    char *one = NULL;
    for (int threads = 1; threads <= 3; threads++) {
        probe p = {0};
        wd_error err = {0};
        int rc;
        char *out = run(threads, &p, &rc, &err);
        assert_int_equal(rc, 0);
        /* The scaled demo: gemeenten GM9000, GM9001, ... then Voorbeeldstad. */
        assert_true(p.n_delivered >= 5);
        assert_int_equal(p.progress_done, p.n_delivered);
        assert_int_equal(strncmp(p.delivered, "GM9000 GM9001 GM9002 ", 21), 0);
        assert_int_equal(strncmp(out, "BEGIN\nGM9000 ", 13), 0);
        assert_null(strstr(out + 1, "BEGIN"));
        if (!one)
            one = out;
        else {
            assert_string_equal(out, one);
            free(out);
        }
    }
    free(one);
}

static void error_stops_in_order(void **state)
{
    (void)state;
    for (int threads = 1; threads <= 2; threads++) {
        probe p = {.fail_at = "GM9003"};
        wd_error err = {0};
        int rc;
        free(run(threads, &p, &rc, &err));
        assert_int_equal(rc, WD_ESTAT);
        assert_string_equal(err.msg, "kapot in GM9003");
        assert_string_equal(p.delivered, "GM9000 GM9001 GM9002 ");
    }
}

/* A damaged series in the store is an error that names it, not a crash or a silent gap. */
static void damaged_series_named(void **state)
{
    (void)state;
    wd_store *s = NULL;
    wd_indicator_set *set = NULL;
    wd_dataset *ds = NULL;
    wd_error err = {0};
    assert_int_equal(wd_store_open(&s, db, 0, &err), 0);
    assert_int_equal(wd_indicators_load(&set, NULL, NULL, &err), 0);
    sqlite3 *h = wd_test_sqlite(db);
    const char *damage[] = {
        "UPDATE series SET data = x'0102' WHERE region = 'BU90000101' AND variable = "
        "'AantalInwoners'",
        "UPDATE series SET data = x'07' WHERE region = 'BU90000101' AND variable = "
        "'AantalInwoners'",
        "UPDATE series SET data = x'' WHERE region = 'BU90000101' AND variable = "
        "'AantalInwoners'"};
    assert_int_equal(sqlite3_exec(h,
                                  "CREATE TABLE keep AS SELECT data FROM series WHERE region = "
                                  "'BU90000101' AND variable = 'AantalInwoners'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    for (size_t k = 0; k < sizeof damage / sizeof *damage; k++) {
        assert_int_equal(sqlite3_exec(h, damage[k], NULL, NULL, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_changes(h), 1);
        assert_int_equal(wd_dataset_load(&ds, s, "GM9000", set, &err), WD_ESTORE);
        wd_test_assert_contains(err.msg, "AantalInwoners van BU90000101");
        wd_test_assert_contains(err.msg, "beschadigd");
    }
    assert_int_equal(sqlite3_exec(h,
                                  "UPDATE series SET data = (SELECT data FROM keep) WHERE region = "
                                  "'BU90000101' AND variable = 'AantalInwoners'; DROP TABLE keep",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(h);
    assert_int_equal(wd_dataset_load(&ds, s, "GM9000", set, &err), 0);
    wd_dataset_free(ds);
    wd_indicators_free(set);
    wd_store_close(s);
}

static void empty_first_gemeente_hands_over_the_start(void **state)
{
    (void)state;
    /* Without figures for the country (an own CSV of buurten, say), a gemeente without
     * observations of its own loads nothing at all. */
    wd_store *s = NULL;
    wd_error err = {0};
    sqlite3 *h = wd_test_sqlite(db);
    assert_int_equal(sqlite3_exec(h,
                                  "DELETE FROM observations WHERE region = 'NL00';"
                                  " DELETE FROM series WHERE region = 'NL00'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(h);
    probe before = {0};
    int rc;
    char *want = run(2, &before, &rc, &err);
    assert_int_equal(rc, 0);

    /* GM0001 sorts first and has no observations. */
    wd_batch *b = wd_batch_new();
    wd_region r = {.level = WD_LEVEL_GEMEENTE, .indeling = 2024};
    snprintf(r.code, sizeof r.code, "GM0001");
    snprintf(r.name, sizeof r.name, "Leegstad");
    snprintf(r.parent, sizeof r.parent, "NL00");
    assert_int_equal(wd_batch_add_region(b, &r, &err), 0);
    assert_int_equal(wd_store_open(&s, db, 0, &err), 0);
    assert_int_equal(wd_store_import(s, b, &err), 0);
    wd_store_close(s);
    wd_batch_free(b);

    for (int threads = 1; threads <= 2; threads++) {
        probe p = {0};
        char *out = run(threads, &p, &rc, &err);
        assert_int_equal(rc, 0);
        assert_string_equal(out, want);
        assert_string_equal(p.delivered, before.delivered);
        free(out);
    }
    free(want);

    /* Named, it is an error: there is nothing to compute. */
    wd_indicator_set *set = NULL;
    assert_int_equal(wd_store_open(&s, db, 0, &err), 0);
    assert_int_equal(wd_indicators_load(&set, NULL, NULL, &err), 0);
    probe p = {0};
    wd_each_options opt = {.gemeente = "GM0001", .work = work, .release = release, .ctx = &p};
    assert_int_equal(wd_each_gemeente(s, set, &opt, &err), WD_ENOTFOUND);
    wd_test_assert_contains(err.msg, "GM0001");
    opt.gemeente = "GM4321";
    assert_int_equal(wd_each_gemeente(s, set, &opt, &err), WD_ENOTFOUND);
    wd_test_assert_contains(err.msg, "GM4321");
    assert_int_equal(p.n_delivered, 0);
    wd_indicators_free(set);
    wd_store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_bytes_in_order_on_any_threads),
        cmocka_unit_test(error_stops_in_order),
        cmocka_unit_test(damaged_series_named),
        cmocka_unit_test(empty_first_gemeente_hands_over_the_start),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
