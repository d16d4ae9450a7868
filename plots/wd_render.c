/* Implementation of wd_render.h: the session's results through wd_profile_fill into
 * wd_profile_render, one region or every region of the gemeenten on workers. */
#include "plots/wd_render.h"

#include "engine/wd_file.h"
#include "engine/wd_name.h"
#include "plots/wd_profile_fill.h"
#include "plots/wd_text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int wd_render_format(const char *name, wd_format *out)
{
    if (!name || strcmp(name, "pdf") == 0)
        *out = WD_FORMAT_PDF;
    else if (strcmp(name, "png") == 0)
        *out = WD_FORMAT_PNG;
    else if (strcmp(name, "svg") == 0)
        *out = WD_FORMAT_SVG;
    else
        return -1;
    return 0;
}

int wd_render_open(wd_session *s, const wd_session_options *opt, const char *code, int year,
                   wd_error *err)
{
    int rc = wd_session_open(s, opt, err);
    /* Nederland's values from all buurten cost a national load: a profile needs only those
     * it shows. */
    unsigned char *need = rc ? NULL : calloc(s->set->n + 1, 1);
    if (!rc && !need) rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    if (!rc) {
        wd_profile_fill_land_needs(s->set, need);
        rc = wd_session_load_region(s, code, need, err);
    }
    free(need);
    if (!rc) rc = wd_session_rank(s, year, err);
    if (!rc) rc = wd_session_geo(s, year, err);
    /* Only a buurt's profile compares it with the buurten of the whole store. */
    int r = rc ? -1 : wd_dataset_region(s->ds, code);
    if (r >= 0 && s->ds->regions[r].level == WD_LEVEL_BUURT) rc = wd_session_similar(s, year, err);
    return rc;
}

/* Today's date in Dutch ("25 november 2026"), printed on the profile. */
static void today_nl(char *buf, size_t cap)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    wd_text_fmt_date(buf, cap, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int wd_render_fill(wd_profile *p, const wd_session *s, size_t r, int year, wd_error *err)
{
    int y = year > 0 ? wd_results_year(s->res, r, year) : -1;
    if (year > 0 && y < 0) return wd_dataset_year_error(s->ds, year, err);
    char today[32];
    today_nl(today, sizeof today);
    int rc = wd_profile_fill(p, s->res, s->rk, s->geo, r, y, s->demo, today, err);
    if (!rc) wd_profile_fill_similar(p, s->similar);
    return rc ? rc : wd_profile_beraad_fill(&p->beraad, s->store, s->ds->regions[r].code, err);
}

int wd_render_region(const wd_session *s, size_t r, int year, wd_format format, int page,
                     const char *path, wd_error *err)
{
    wd_profile *p = malloc(sizeof *p);
    if (!p) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    int rc = wd_render_fill(p, s, r, year, err);
    if (!rc)
        rc = wd_profile_render(p, format, page > 0 ? page - 1 : 0, WD_RENDER_PNG_DPI, path, err);
    free(p);
    return rc;
}

void wd_render_report_free(wd_render_report *r)
{
    if (!r) return;
    free(r->failed);
    memset(r, 0, sizeof *r);
}

/* Whether a failure will fail every file after it as well. */
static int stops_the_run(const wd_error *e)
{
    if (e->code == WD_ENOMEM || e->code == WD_ESTORE) return 1;
    switch (e->errnum) {
    case ENOSPC:
    case EFBIG:
#ifdef EDQUOT
    case EDQUOT:
#endif
    case EROFS:
    case EIO:
    case EACCES:
    case EPERM:
    case ENOMEM:
    case EMFILE:
    case ENFILE:
        return 1;
    default:
        return 0;
    }
}

static int add_failure(wd_render_report *report, const char *code, const wd_error *e)
{
    wd_render_failure *nf = realloc(report->failed, (report->n_failed + 1) * sizeof *nf);
    if (!nf) return WD_ENOMEM;
    report->failed = nf;
    snprintf(nf[report->n_failed].code, sizeof nf->code, "%s", code);
    nf[report->n_failed++].err = *e;
    return 0;
}

/* The run's error when regions failed alone: the first one's code and their count (each one's
 * reason is in the report). */
static int failures_error(const wd_render_report *report, wd_error *err)
{
    return wd_error_set(err, report->failed[0].err.code,
                        "%zu van de %zu profielen %s niet worden gemaakt", report->n_failed,
                        report->n_failed + report->made, report->n_failed == 1 ? "kon" : "konden");
}

int wd_render_all(const wd_session *s, const char *dir, int year,
                  void (*progress)(size_t done, size_t total, void *ctx), void *ctx,
                  wd_render_report *report, wd_error *err)
{
    const wd_dataset *ds = s->ds;
    size_t total = 0, done = 0, failed_before = report->n_failed;
    /* Not Nederland, nor another gemeente's members of a werkgebied: that gemeente has them. */
    for (size_t r = 0; r < ds->n_regions; r++)
        total += ds->regions[r].level != WD_LEVEL_LAND && !ds->outside[r];
    for (size_t r = 0; r < ds->n_regions; r++) {
        if (ds->regions[r].level == WD_LEVEL_LAND || ds->outside[r]) continue;
        char name[128], path[1024];
        wd_name_file(name, sizeof name, ds->regions[r].code, "pdf");
        snprintf(path, sizeof path, "%s/%s", dir, name);
        wd_error one = {0};
        int rc = wd_render_region(s, r, year, WD_FORMAT_PDF, 0, path, &one);
        if (rc && stops_the_run(&one)) {
            if (err) *err = one;
            return rc;
        }
        if (rc && add_failure(report, ds->regions[r].code, &one))
            return wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
        if (!rc) ++report->made;
        if (progress) progress(++done, total, ctx);
    }
    return report->n_failed > failed_before ? failures_error(report, err) : 0;
}

typedef struct {
    const wd_session *parent;
    const char *dir;
    int year;
    wd_render_report *report; /* the run's, added to on the calling thread */
    void (*progress)(size_t done, size_t total, const char *code, void *ctx);
    void *ctx;
} profiles_run;

/* On a worker thread: rank, read the boundaries, then write every profile of the gemeente
 * into a report of its own. Regions that failed alone do not fail the gemeente. */
static int render_gemeente(wd_each_job *job, void *ctx, wd_error *err)
{
    const profiles_run *w = ctx;
    wd_session v = wd_session_worker(w->parent, job);
    wd_render_report *mine = calloc(1, sizeof *mine);
    int rc = mine ? 0 : wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    if (!rc) rc = wd_session_rank(&v, w->year, err);
    if (!rc) rc = wd_session_geo(&v, w->year, err);
    if (!rc) rc = wd_render_all(&v, w->dir, w->year, NULL, NULL, mine, err);
    /* wd_render_all returns at once with what stops the run; otherwise it counted failures,
     * which the calling thread adds up. */
    if (rc && mine && mine->n_failed && !stops_the_run(err)) rc = 0;
    job->data = mine;
    wd_session_close_worker(&v);
    return rc;
}

static int add_report(wd_each_job *job, void *ctx, wd_error *err)
{
    wd_render_report *run = ((profiles_run *)ctx)->report, *mine = job->data;
    run->made += mine->made;
    for (size_t i = 0; i < mine->n_failed; i++)
        if (add_failure(run, mine->failed[i].code, &mine->failed[i].err))
            return wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    return 0;
}

static void free_report(wd_each_job *job, void *ctx)
{
    (void)ctx;
    wd_render_report_free(job->data);
    free(job->data);
}

static void relay_progress(size_t done, size_t total, const char *code, void *ctx)
{
    const profiles_run *w = ctx;
    w->progress(done, total, code, w->ctx);
}

int wd_render_profiles(wd_session *s, const char *gemeente, const char *dir, int year, int threads,
                       void (*progress)(size_t done, size_t total, const char *code, void *ctx),
                       void *ctx, wd_render_report *report, wd_error *err)
{
    profiles_run w = {
        .parent = s, .dir = dir, .year = year, .report = report, .progress = progress, .ctx = ctx};
    int rc = wd_file_mkdirs(dir, err);
    if (!rc) wd_file_clean(dir);
    /* Read once, shared by the workers. */
    if (!rc) rc = wd_session_opgaven(s, err);
    if (!rc) rc = wd_session_similar(s, year, err);
    unsigned char *need = rc ? NULL : calloc(s->set->n + 1, 1);
    if (!rc && !need) rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    if (!rc) {
        wd_profile_fill_land_needs(s->set, need);
        wd_each_options each = {.gemeente = gemeente,
                                .threads = threads,
                                .land_need = need,
                                .work = render_gemeente,
                                .deliver = add_report,
                                .release = free_report,
                                .progress = progress ? relay_progress : NULL,
                                .ctx = &w};
        rc = wd_session_each_gemeente(s, &each, 0, err);
    }
    free(need);
    if (!rc && report->n_failed) rc = failures_error(report, err);
    return rc;
}
