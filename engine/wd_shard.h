/* Shards of a national run: the gemeenten of a store split into N parts of about equal work,
 * the same on every machine, so that a job array (Slurm, GNU parallel, a Kubernetes Indexed
 * Job) spreads the country over its workers with no gemeente twice and none left out.
 *
 * The work of a gemeente is the number of its regions (itself, its wijken and buurten: one
 * profile each). The partition is greedy longest-processing-time: gemeenten by region count,
 * largest first (ties by code), each to the shard with the least work so far (ties: the lowest
 * shard). It depends only on the store's regions, so every worker computes the same split on
 * its own without talking to the others. */
#ifndef WD_SHARD_H
#define WD_SHARD_H

#include "engine/wd_error.h"
#include "engine/wd_store.h"

#include <stddef.h>

/* A gemeente and the number of regions in it (itself included). */
typedef struct {
    char code[WD_CODE_MAX];
    size_t regions;
} wd_shard_gemeente;

/* Every gemeente of the store in code order with its region count, found through the parent
 * links (a buurt whose chain of parents does not reach a gemeente counts for none). new —
 * *out is free()d by the caller; *n may be 0. */
int wd_shard_sizes(wd_store *store, wd_shard_gemeente **out, size_t *n, wd_error *err);

/* Keep in g[0..*n) only the gemeenten of shard `shard` (1-based) of `shards`, in code order,
 * by the partition above; *n becomes their count. WD_EUSAGE unless 1 <= shard <= shards. */
int wd_shard_pick(wd_shard_gemeente *g, size_t *n, int shard, int shards, wd_error *err);

/* Parse "I/N" (1 <= I <= N <= 10000) into *shard and *shards: 0, or -1 for anything else. */
int wd_shard_parse(const char *text, int *shard, int *shards);

#endif
