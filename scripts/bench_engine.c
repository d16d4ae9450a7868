/* Benchmark (not a test): what the engine costs for every gemeente of a store, phase by phase.
 *
 * Usage: bench_engine STORE [THREADS]  (a national store: `wijkdata demo --buurten 14500 ...`)
 *
 * First Nederland's values from the buurten (wd_compute_land: the indicators the store has no
 * national figure for), then one gemeente after another on this thread, phase by phase:
 *  load     wd_dataset_load: the gemeente's observations out of SQLite;
 *  compute  wd_compute: every indicator, aggregate, trend (OLS, WLS, APC, Theil-Sen,
 *           Mann-Kendall), the draagkracht/draaglast indices and the Empirical Bayes pools;
 *  small    wd_results_small_area for every buurt and indicator in the year the export shows
 *           (exact intervals, shrinkage, funnel position);
 *  rank     wd_rank: every opgave, 1000 Monte Carlo draws.
 * Then the same work as `wijkdata indicators` and `wijkdata rank` run it:
 * wd_session_each_gemeente on one worker thread per processor (or THREADS). Prints seconds per
 * phase and in total, and the peak resident memory. */
#include "engine/wd_session.h"

#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The part of a gemeente after load and compute: small-area figures and the ranking. */
static size_t small_areas(const wd_results *res)
{
    size_t n = 0;
    for (size_t r = 0; r < res->ds->n_regions; r++) {
        if (res->ds->regions[r].level != WD_LEVEL_BUURT) continue;
        int y = wd_results_year(res, r, 0);
        for (size_t i = 0; i < res->n_ind; i++) {
            wd_small_area sa;
            n += wd_results_small_area(res, r, y, i, &sa) == 0;
        }
    }
    return n;
}

static int work(wd_each_job *job, void *ctx, wd_error *err)
{
    const wd_opgave_set *opg = ctx;
    wd_rank_options opt = {WD_RANK_DEFAULT_DRAWS, WD_RANK_DEFAULT_SEED,
                           job->res->set->balance.min_population, 0};
    wd_ranking *rk = NULL;
    (void)small_areas(job->res);
    int rc = wd_rank(&rk, job->res, opg, &opt, err);
    wd_rank_free(rk);
    return rc;
}

static double peak_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024.0;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s STORE [THREADS]\n", argv[0]);
        return 2;
    }
    /* A program of the engine alone: of the library's set-up (wd_lib_init) it needs only the
     * GSL part, and linking the rest would load libcurl, cairo and pango into what it
     * measures. */
    gsl_set_error_handler_off();
    wd_error err = {0};
    wd_session s;
    wd_session_options so = {.store = argv[1]};
    char(*codes)[WD_CODE_MAX] = NULL;
    size_t n_gm = 0;
    double t[4] = {0}, start = now();
    size_t buurten = 0, small = 0;
    /* The session as the commands open it; the phases below are the calls it makes. */
    int rc = wd_session_open(&s, &so, &err);
    if (!rc) rc = wd_session_opgaven(&s, &err);
    wd_store *store = s.store;
    const wd_indicator_set *set = s.set;
    const wd_opgave_set *opg = s.opg;
    if (!rc) rc = wd_store_gemeenten(store, &codes, &n_gm, &err);
    wd_land *land = NULL;
    if (!rc) rc = wd_compute_land(&land, store, set, NULL, &err);
    double t_land = now() - start;
    for (size_t k = 0; !rc && k < n_gm; k++) {
        wd_dataset *ds = NULL;
        wd_results *res = NULL;
        wd_ranking *rk = NULL;
        double a = now();
        rc = wd_dataset_load(&ds, store, codes[k], set, &err);
        double b = now();
        if (!rc) rc = wd_compute(&res, ds, set, land, &err);
        double c = now();
        if (!rc) small += small_areas(res);
        double d = now();
        wd_rank_options opt = {WD_RANK_DEFAULT_DRAWS, WD_RANK_DEFAULT_SEED,
                               set->balance.min_population, 0};
        if (!rc) rc = wd_rank(&rk, res, opg, &opt, &err);
        double e = now();
        t[0] += b - a;
        t[1] += c - b;
        t[2] += d - c;
        t[3] += e - d;
        for (size_t r = 0; !rc && r < ds->n_regions; r++)
            buurten += ds->regions[r].level == WD_LEVEL_BUURT;
        wd_rank_free(rk);
        wd_results_free(res);
        wd_dataset_free(ds);
    }
    if (!rc) {
        printf("%zu gemeenten, %zu buurten, %zu indicators, %zu small-area figures\n", n_gm,
               buurten, set->n, small);
        printf("one thread, phase by phase:\n  land     %6.2f s\n  load     %6.2f s\n"
               "  compute  %6.2f s\n  small    %6.2f s\n  rank     %6.2f s\n"
               "  total    %6.2f s, %.1f MB peak\n",
               t_land, t[0], t[1], t[2], t[3], now() - start, peak_mb());
        int threads = wd_each_threads(argc > 2 ? atoi(argv[2]) : 0);
        wd_each_options each = {.threads = threads, .work = work, .ctx = (void *)opg};
        start = now();
        rc = wd_session_each_gemeente(&s, &each, 0, &err);
        if (!rc)
            printf(
                "wd_each_gemeente, %d threads: land + load + compute + small + rank %6.2f s wall, "
                "%.1f MB peak\n",
                threads, now() - start, peak_mb());
    }
    if (rc) fprintf(stderr, "bench_engine: %s\n", err.msg[0] ? err.msg : "failed");
    free(codes);
    wd_compute_land_free(land);
    wd_session_close(&s);
    return rc ? 1 : 0;
}
