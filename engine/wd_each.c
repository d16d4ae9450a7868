/* Implementation of wd_each.h: a fixed set of POSIX threads taking gemeenten in list order
 * from a shared counter, and the calling thread delivering them in that order. */
#include "engine/wd_each.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#define WD_EACH_MAX_THREADS 64

typedef struct {
    wd_store *store; /* the caller's */
    const wd_indicator_set *set;
    const wd_each_options *opt;
    wd_land *land; /* Nederland's values from the buurten, made once */
    char (*codes)[WD_CODE_MAX];
    wd_each_job *jobs;
    size_t n;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t next;   /* next job for a worker */
    size_t cursor; /* next job to deliver */
    size_t window; /* jobs taken but not yet delivered, at most */
    int stop;
} pool;

int wd_each_threads(int threads)
{
    if (threads <= 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        threads = n > 0 ? (int)n : 1;
    }
    return threads < WD_EACH_MAX_THREADS ? threads : WD_EACH_MAX_THREADS;
}

/* What `work` made, freed; work can run again. */
static void clear_work(pool *p, wd_each_job *job)
{
    if (job->data && p->opt->release) p->opt->release(job, p->opt->ctx);
    job->data = NULL;
    free(job->buf);
    job->buf = NULL;
    job->len = 0;
}

/* Everything a job holds, freed. */
static void clear(pool *p, wd_each_job *job)
{
    clear_work(p, job);
    wd_results_free(job->res);
    wd_dataset_free(job->ds);
    job->res = NULL;
    job->ds = NULL;
}

/* The command's part: `work`, writing into memory when there is an output. */
static int run_work(pool *p, wd_each_job *job)
{
    int rc = 0;
    if (p->opt->out && !(job->out = open_memstream(&job->buf, &job->len)))
        return wd_error_set(&job->err, WD_ENOMEM, "geen geheugen meer voor de uitvoer van %s",
                            job->code);
    if (p->opt->work) rc = p->opt->work(job, p->opt->ctx, &job->err);
    if (job->out && fclose(job->out) != 0 && !rc)
        rc = wd_error_set(&job->err, WD_ENOMEM, "geen geheugen meer voor de uitvoer van %s",
                          job->code);
    job->out = NULL;
    return rc;
}

static void run_job(pool *p, wd_each_job *job, wd_store *store)
{
    job->store = store;
    int rc = wd_dataset_load(&job->ds, store, job->code, p->set, &job->err);
    if (!rc) rc = wd_compute(&job->res, job->ds, p->set, p->land, &job->err);
    if (!rc) rc = run_work(p, job);
    job->rc = rc;
}

static void *worker(void *arg)
{
    pool *p = arg;
    wd_store *store = NULL;
    wd_error open_err = {0};
    /* Workers only read; what is saved, deliver saves through the caller's connection. */
    int open_rc = wd_store_open_read(&store, wd_store_path(p->store), &open_err);
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->stop && p->next < p->n && p->next >= p->cursor + p->window)
            pthread_cond_wait(&p->cv, &p->mu);
        if (p->stop || p->next >= p->n) break;
        wd_each_job *job = &p->jobs[p->next++];
        pthread_mutex_unlock(&p->mu);
        if (open_rc) {
            job->rc = open_rc;
            job->err = open_err;
        } else {
            run_job(p, job, store);
        }
        pthread_mutex_lock(&p->mu);
        job->done = 1;
        pthread_cond_broadcast(&p->cv);
    }
    pthread_mutex_unlock(&p->mu);
    wd_store_close(store);
    return NULL;
}

/* Job k on the calling thread, once its worker is done. */
static int deliver(pool *p, size_t k, size_t *done, wd_error *err)
{
    wd_each_job *job = &p->jobs[k];
    pthread_mutex_lock(&p->mu);
    while (!job->done)
        pthread_cond_wait(&p->cv, &p->mu);
    pthread_mutex_unlock(&p->mu);
    const wd_each_options *opt = p->opt;
    if (job->rc == WD_ENOTFOUND && !opt->gemeente) return 0; /* nothing observed: nothing to show */
    job->store = p->store;
    if (!job->rc && opt->out && *done == 0 && !job->first) {
        /* The gemeenten before it had nothing: this one starts the document after all. */
        clear_work(p, job);
        job->first = 1;
        job->rc = run_work(p, job);
    }
    int rc = job->rc;
    if (rc) {
        if (err) *err = job->err;
        return rc;
    }
    job->index = *done;
    if (opt->deliver && (rc = opt->deliver(job, opt->ctx, err))) return rc;
    if (opt->out && (fwrite(job->buf, 1, job->len, opt->out) != job->len || ferror(opt->out)))
        return wd_error_set(err, WD_EIO, "schrijven van de uitvoer mislukt");
    ++*done;
    if (opt->progress) opt->progress(*done, p->n, job->code, opt->ctx);
    return 0;
}

int wd_each_gemeente(wd_store *store, const wd_indicator_set *set, const wd_each_options *opt,
                     wd_error *err)
{
    pool p = {.store = store, .set = set, .opt = opt};
    int rc = 0;
    if (!opt->gemeente)
        rc = wd_store_gemeenten(store, &p.codes, &p.n, err);
    else if (!(p.codes = malloc(sizeof *p.codes)))
        rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    else
        snprintf(p.codes[p.n++], sizeof *p.codes, "%s", opt->gemeente);
    if (!rc) rc = wd_compute_land(&p.land, store, set, opt->land_need, err);
    if (!rc && !(p.jobs = calloc(p.n + 1, sizeof *p.jobs)))
        rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor %zu gemeenten", p.n);
    for (size_t k = 0; !rc && k < p.n; k++) {
        p.jobs[k].code = p.codes[k];
        p.jobs[k].first = k == 0;
    }
    int threads = wd_each_threads(opt->threads), started = 0;
    if (p.n < (size_t)threads) threads = (int)p.n;
    pthread_t tid[WD_EACH_MAX_THREADS];
    p.window = 2 * (size_t)(threads > 0 ? threads : 1);
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.cv, NULL);
    for (int t = 0; !rc && t < threads; t++)
        if (pthread_create(&tid[t], NULL, worker, &p) == 0) started++;
    if (!rc && p.n > 0 && started == 0)
        rc = wd_error_set(err, WD_ENOMEM, "er kon geen thread worden gestart");
    size_t done = 0;
    for (size_t k = 0; !rc && k < p.n; k++) {
        rc = deliver(&p, k, &done, err);
        clear(&p, &p.jobs[k]);
        pthread_mutex_lock(&p.mu);
        p.cursor = k + 1;
        pthread_cond_broadcast(&p.cv);
        pthread_mutex_unlock(&p.mu);
    }
    pthread_mutex_lock(&p.mu);
    p.stop = 1;
    pthread_cond_broadcast(&p.cv);
    pthread_mutex_unlock(&p.mu);
    for (int t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    for (size_t k = 0; p.jobs && k < p.n; k++)
        clear(&p, &p.jobs[k]);
    pthread_cond_destroy(&p.cv);
    pthread_mutex_destroy(&p.mu);
    if (!rc && done == 0)
        rc = wd_error_set(err, WD_ENOTFOUND, "de store bevat nog geen waarnemingen");
    free(p.jobs);
    free(p.codes);
    wd_compute_land_free(p.land);
    return rc;
}
