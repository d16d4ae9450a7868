/* Every gemeente of a store, loaded and computed on worker threads, delivered in order.
 *
 * A national run is some 350 independent gemeenten: each worker thread has its own store
 * connection (SQLite in WAL mode lets them read while the calling thread writes), loads a
 * gemeente, computes its results and runs `work` on them (a ranking, formatted output). The
 * calling thread then gets each gemeente in list order through `deliver` (to save into its
 * own store connection), and the bytes `work` wrote reach the output in that same order, so
 * the outcome does not depend on the number of threads. At most two gemeenten per worker are
 * in flight, so memory stays that of a few gemeenten. */
#ifndef WD_EACH_H
#define WD_EACH_H

#include "engine/wd_compute.h"
#include "engine/wd_dataset.h"
#include "engine/wd_error.h"
#include "engine/wd_indicators.h"
#include "engine/wd_shard.h"
#include "engine/wd_store.h"

#include <stdio.h>

typedef struct wd_each_job wd_each_job;

struct wd_each_job {
    const char *code; /* the gemeente */
    size_t index;     /* position among the gemeenten delivered so far; set for deliver */
    int first;        /* work: this output starts the document (header, country rows); when
                         the gemeenten before it had no observations, work runs again with
                         first set, on the calling thread */
    wd_store *store;  /* work: the worker's own connection; deliver: the caller's */
    wd_dataset *ds;   /* loaded and computed before work */
    wd_results *res;
    FILE *out;  /* work writes here (in memory); NULL without wd_each_options.out */
    void *data; /* what work made for deliver; freed by release */
    /* private */
    int done, rc; /* done: the worker is finished with it (under the pool's mutex) */
    wd_error err;
    char *buf;
    size_t len;
};

typedef struct {
    const char *gemeente;          /* only this gemeente; NULL: every gemeente of the store, or
                                      of `list` */
    const wd_shard_gemeente *list; /* with gemeente NULL: only these n_list gemeenten, in this
                                      order (a shard, engine/wd_shard.h); NULL: all */
    size_t n_list;
    int threads;                    /* worker threads; 0: one per processor */
    const unsigned char *land_need; /* whose values for Nederland are made from the buurten
                                       (see wd_compute_land); NULL: every indicator's */
    FILE *out; /* where the bytes of each job's out go, in order; may be NULL */
    /* On a worker thread, after load and compute. Must only touch the job and read ctx. */
    int (*work)(wd_each_job *job, void *ctx, wd_error *err);
    /* On the calling thread, in list order; may be NULL. */
    int (*deliver)(wd_each_job *job, void *ctx, wd_error *err);
    /* Frees job->data; may be NULL. */
    void (*release)(wd_each_job *job, void *ctx);
    /* On the calling thread after each delivered gemeente; may be NULL. */
    void (*progress)(size_t done, size_t total, const char *code, void *ctx);
    void *ctx;
} wd_each_options;

/* Run `opt` over the gemeenten of `store` with the variables and definitions of `set`.
 * Gemeenten without observations are skipped when running over all of them or a list
 * (WD_ENOTFOUND when none has any); a named gemeente without observations is WD_ENOTFOUND. Stops at
 * the first error in list order and returns it; work already done for later gemeenten is dropped.
 */
int wd_each_gemeente(wd_store *store, const wd_indicator_set *set, const wd_each_options *opt,
                     wd_error *err);

/* Worker threads for `threads` (0: one per online processor, at least 1). */
int wd_each_threads(int threads);

#endif
