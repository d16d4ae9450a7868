/* Implementation of wd_session.h: the engine's calls in the order a computing command makes
 * them. */
#include "engine/wd_session.h"

#include "engine/wd_file.h"

#include <stdlib.h>
#include <string.h>

int wd_session_open(wd_session *s, const wd_session_options *opt, wd_error *err)
{
    char demo[8];
    memset(s, 0, sizeof *s);
    s->opt = *opt;
    int rc = opt->read_only ? wd_store_open_read(&s->store, opt->store, err)
                            : wd_store_open(&s->store, opt->store, 0, err);
    if (!rc) rc = wd_store_meta_get(s->store, "demo", demo, sizeof demo, err);
    if (!rc) {
        s->demo = strcmp(demo, "1") == 0;
        rc = wd_indicators_load(&s->set, opt->indicators, opt->balance, err);
    }
    return rc;
}

int wd_session_load(wd_session *s, const char *gemeente, const unsigned char *land_need,
                    wd_error *err)
{
    int rc = wd_dataset_load(&s->ds, s->store, gemeente, s->set, err);
    if (!rc) rc = wd_compute_land(&s->land, s->store, s->set, land_need, err);
    if (!rc) rc = wd_compute(&s->res, s->ds, s->set, s->land, err);
    return rc;
}

int wd_session_load_region(wd_session *s, const char *code, const unsigned char *land_need,
                           wd_error *err)
{
    char gemeente[WD_CODE_MAX];
    int rc = wd_store_gemeente_of(s->store, code, gemeente, sizeof gemeente, err);
    return rc ? rc : wd_session_load(s, gemeente, land_need, err);
}

int wd_session_opgaven(wd_session *s, wd_error *err)
{
    return s->opg ? 0 : wd_opgaven_load(&s->opg, s->set, s->opt.opgaven, err);
}

int wd_session_rank(wd_session *s, int year, wd_error *err)
{
    wd_rank_options opt = {.draws = WD_RANK_DEFAULT_DRAWS,
                           .seed = WD_RANK_DEFAULT_SEED,
                           .min_population = s->set->balance.min_population,
                           .year = year};
    int rc = wd_session_opgaven(s, err);
    return rc ? rc : wd_rank(&s->rk, s->res, s->opg, &opt, err);
}

int wd_session_geo(wd_session *s, int year, wd_error *err)
{
    /* The maps say which year their boundaries are. */
    return wd_geo_load(&s->geo, s->store, s->ds,
                       year > 0 ? year : s->ds->year0 + s->ds->n_years - 1, err);
}

int wd_session_similar(wd_session *s, int year, wd_error *err)
{
    return s->similar ? 0 : wd_similar_build(&s->similar, s->store, s->set, year, err);
}

int wd_session_each_gemeente(wd_session *s, const wd_each_options *each, int saves, wd_error *err)
{
    int rc = saves ? wd_store_begin(s->store, err) : 0;
    if (rc) return rc;
    rc = wd_each_gemeente(s->store, s->set, each, err);
    if (saves && rc)
        wd_store_rollback(s->store);
    else if (saves)
        rc = wd_store_commit(s->store, err);
    return rc;
}

int wd_session_each_gemeente_to(wd_session *s, wd_each_options *each, const char *path,
                                int (*begin)(FILE *f, void *ctx, wd_error *err),
                                int (*end)(FILE *f, void *ctx, wd_error *err), void *ctx,
                                wd_error *err)
{
    wd_file_out *out;
    if (path) wd_file_clean_beside(path);
    int rc = path ? wd_file_open(&out, path, err) : wd_file_open_stdout(&out, err);
    if (rc) return rc;
    FILE *f = wd_file_stream(out);
    each->out = f;
    if (!(rc = wd_store_begin(s->store, err))) {
        if (begin) rc = begin(f, ctx, err);
        if (!rc) rc = wd_each_gemeente(s->store, s->set, each, err);
        if (!rc && end) rc = end(f, ctx, err);
        /* A failed write explains a failure better than the code that noticed it: the commit
         * reports it with the file and the cause. */
        if (!rc || ferror(f))
            rc = wd_file_commit(out, err);
        else
            wd_file_abort(out);
        if (rc)
            wd_store_rollback(s->store);
        else
            rc = wd_store_commit(s->store, err);
    } else {
        wd_file_abort(out);
    }
    each->out = NULL;
    return rc;
}

wd_session wd_session_worker(const wd_session *parent, const wd_each_job *job)
{
    wd_session v = {.opt = parent->opt,
                    .store = job->store,
                    .set = parent->set,
                    .ds = job->ds,
                    .res = job->res,
                    .opg = parent->opg,
                    .similar = parent->similar,
                    .demo = parent->demo,
                    .borrowed_opg = parent->opg};
    return v;
}

void wd_session_close_worker(wd_session *s)
{
    wd_geo_free(s->geo);
    wd_rank_free(s->rk);
    if (s->opg != s->borrowed_opg) wd_opgaven_free(s->opg);
    s->geo = NULL;
    s->rk = NULL;
    s->opg = NULL;
    s->similar = NULL; /* the parent's */
}

void wd_session_close(wd_session *s)
{
    wd_geo_free(s->geo);
    wd_rank_free(s->rk);
    wd_opgaven_free(s->opg);
    wd_similar_free(s->similar);
    wd_results_free(s->res);
    wd_dataset_free(s->ds);
    wd_compute_land_free(s->land);
    wd_indicators_free(s->set);
    wd_store_close(s->store);
    memset(s, 0, sizeof *s);
}
