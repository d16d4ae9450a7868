/* Implementation of wd_render.h: the session's results through wd_profile_fill into
 * wd_profile_render, one region or every region of the gemeenten on workers. */
#include "plots/wd_render.h"

#include "engine/wd_file.h"
#include "engine/wd_shard.h"
#include "engine/wd_name.h"
#include "plots/wd_profile_fill.h"
#include "plots/wd_text.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

int wd_render_fill(wd_profile *p, const wd_session *s, size_t r, int year, wd_error *err)
{
    int y = year > 0 ? wd_results_year(s->res, r, year) : -1;
    if (year > 0 && y < 0) return wd_dataset_year_error(s->ds, year, err);
    char today[32];
    wd_text_fmt_today(today, sizeof today);
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

/* The smallest PDF cairo writes is far larger; below this nothing is a profile. */
#define WD_RENDER_PDF_MIN 256

int wd_render_pdf_whole(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    struct stat st;
    char head[8], tail[1025], at[24];
    int whole = 0;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < WD_RENDER_PDF_MIN) goto done;
    if (pread(fd, head, 5, 0) != 5 || memcmp(head, "%PDF-", 5) != 0) goto done;
    off_t size = st.st_size, from = size > 1024 ? size - 1024 : 0;
    ssize_t got = pread(fd, tail, (size_t)(size - from), from);
    if (got != size - from) goto done;
    tail[got] = '\0';
    /* The end as cairo writes it, line end included, so that a file one byte short is not
     * taken for whole. */
    size_t end = (size_t)got;
    if (end < 6 || memcmp(tail + end - 6, "%%EOF\n", 6) != 0) goto done;
    end--;
    tail[end - 5] = '\0';
    const char *sx = NULL;
    for (const char *q = tail; (q = strstr(q, "startxref")) != NULL; q++)
        sx = q;
    if (!sx) goto done;
    char *num;
    errno = 0;
    long long xref = strtoll(sx + 9, &num, 10);
    if (errno || num == sx + 9 || xref <= 0 || xref >= (long long)from + (sx - tail)) goto done;
    while (isspace((unsigned char)*num))
        num++;
    if (*num) goto done;
    got = pread(fd, at, sizeof at - 1, (off_t)xref);
    if (got < 4) goto done;
    at[got] = '\0';
    if (memcmp(at, "xref", 4) == 0) {
        whole = 1;
    } else {
        long obj, gen;
        int used = 0;
        whole = sscanf(at, "%ld %ld obj%n", &obj, &gen, &used) == 2 && used > 0;
    }
done:
    close(fd);
    return whole;
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

/* dir/CODE.pdf, the profile of region `code` in folder dir (its name by wd_name_file). */
static void profile_path(char *path, size_t cap, const char *dir, const char *code)
{
    char name[128];
    wd_name_file(name, sizeof name, code, "pdf");
    snprintf(path, cap, "%s/%s", dir, name);
}

/* The run's error when regions failed alone: the first one's code and their count (each one's
 * reason is in the report). */
static int failures_error(const wd_render_report *report, wd_error *err)
{
    return wd_error_set(err, report->failed[0].err.code,
                        "%zu van de %zu profielen %s niet worden gemaakt", report->n_failed,
                        report->n_failed + report->made, report->n_failed == 1 ? "kon" : "konden");
}

int wd_render_all(const wd_session *s, const char *dir, int year, int resume,
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
        char path[1024];
        profile_path(path, sizeof path, dir, ds->regions[r].code);
        if (resume && wd_render_pdf_whole(path)) {
            ++report->kept;
            if (progress) progress(++done, total, ctx);
            continue;
        }
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
    const wd_render_options *opt;
    wd_render_report *report; /* the run's, added to on the calling thread */
    wd_render_progress pr;
} profiles_run;

/* Whether every profile of the loaded gemeente is already whole in the folder. */
static int all_whole(const wd_dataset *ds, const char *dir)
{
    char path[1024];
    for (size_t r = 0; r < ds->n_regions; r++) {
        if (ds->regions[r].level == WD_LEVEL_LAND || ds->outside[r]) continue;
        profile_path(path, sizeof path, dir, ds->regions[r].code);
        if (!wd_render_pdf_whole(path)) return 0;
    }
    return 1;
}

/* On a worker thread: rank, read the boundaries, then write every profile of the gemeente
 * into a report of its own. Regions that failed alone do not fail the gemeente. A gemeente
 * whose profiles are all kept needs neither ranking nor boundaries. */
static int render_gemeente(wd_each_job *job, void *ctx, wd_error *err)
{
    const profiles_run *w = ctx;
    const wd_render_options *o = w->opt;
    wd_session v = wd_session_worker(w->parent, job);
    wd_render_report *mine = calloc(1, sizeof *mine);
    int rc = mine ? 0 : wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    int skip = !rc && o->resume && all_whole(job->ds, o->dir);
    if (!rc && !skip) rc = wd_session_rank(&v, o->year, err);
    if (!rc && !skip) rc = wd_session_geo(&v, o->year, err);
    if (!rc) rc = wd_render_all(&v, o->dir, o->year, o->resume, NULL, NULL, mine, err);
    /* wd_render_all returns at once with what stops the run; otherwise it counted failures,
     * which the calling thread adds up. */
    if (rc && mine && mine->n_failed && !stops_the_run(err)) rc = 0;
    job->data = mine;
    wd_session_close_worker(&v);
    return rc;
}

static int add_report(wd_each_job *job, void *ctx, wd_error *err)
{
    profiles_run *w = ctx;
    wd_render_report *run = w->report, *mine = job->data;
    run->made += mine->made;
    run->kept += mine->kept;
    for (size_t i = 0; i < mine->n_failed; i++)
        if (add_failure(run, mine->failed[i].code, &mine->failed[i].err))
            return wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    w->pr.done += mine->made + mine->kept + mine->n_failed;
    w->pr.kept += mine->kept;
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
    profiles_run *w = ctx;
    (void)total;
    w->pr.gemeenten_done = done;
    w->pr.gemeente = code;
    /* A store whose regions hang badly from their parents may have more than were counted. */
    if (w->pr.total < w->pr.done) w->pr.total = w->pr.done;
    w->opt->progress(&w->pr, w->opt->ctx);
}

/* The gemeenten of the run with their region counts: the named one, a shard, or all. */
static int run_gemeenten(wd_session *s, const wd_render_options *o, wd_shard_gemeente **g,
                         size_t *n, wd_error *err)
{
    int rc = wd_shard_sizes(s->store, g, n, err);
    if (!rc && o->gemeente) {
        size_t k = 0;
        while (k < *n && strcmp((*g)[k].code, o->gemeente) != 0)
            k++;
        /* Unknown: wd_each_gemeente names it. */
        (*g)[0] = k < *n ? (*g)[k] : (wd_shard_gemeente){.regions = 0};
        *n = 1;
    } else if (!rc && o->shards > 0) {
        rc = wd_shard_pick(*g, n, o->shard, o->shards, err);
    }
    return rc;
}

int wd_render_profiles(wd_session *s, const wd_render_options *opt, wd_render_report *report,
                       wd_error *err)
{
    profiles_run w = {.parent = s, .opt = opt, .report = report};
    wd_shard_gemeente *g = NULL;
    size_t n = 0;
    int rc = wd_file_mkdirs(opt->dir, err);
    if (!rc) wd_file_clean(opt->dir);
    if (!rc) rc = run_gemeenten(s, opt, &g, &n, err);
    for (size_t k = 0; !rc && k < n; k++)
        w.pr.total += g[k].regions;
    w.pr.gemeenten_total = n;
    /* Read once, shared by the workers. */
    if (!rc && n) rc = wd_session_opgaven(s, err);
    if (!rc && n) rc = wd_session_similar(s, opt->year, err);
    unsigned char *need = rc || !n ? NULL : calloc(s->set->n + 1, 1);
    if (!rc && n && !need) rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    if (!rc && n) {
        wd_profile_fill_land_needs(s->set, need);
        wd_each_options each = {.gemeente = opt->gemeente,
                                .list = opt->gemeente || !opt->shards ? NULL : g,
                                .n_list = n,
                                .threads = opt->threads,
                                .land_need = need,
                                .work = render_gemeente,
                                .deliver = add_report,
                                .release = free_report,
                                .progress = opt->progress ? relay_progress : NULL,
                                .ctx = &w};
        rc = wd_session_each_gemeente(s, &each, 0, err);
    }
    free(need);
    free(g);
    if (!rc && report->n_failed) rc = failures_error(report, err);
    return rc;
}
