/* wijkdata profiles: the wijkprofiel of every gemeente, wijk and buurt, gemeenten side by side. */
#include "cli/cli.h"

#include "engine/wd_file.h"
#include "plots/wd_profile_fill.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static const char usage_profiles[] =
    "Gebruik: wijkdata profiles [--gemeente GMxxxx] [--out MAP] [--jaar JJJJ] [--threads N]\n"
    "                           [--store PAD]\n"
    "\n"
    "Maakt het wijkprofiel (A4-PDF, zoals 'wijkdata profile') van de gemeente en van elke\n"
    "wijk en buurt ervan, en zonder --gemeente van elke gemeente in de store, als\n"
    "MAP/REGIOCODE.pdf. Elke gemeente wordt eenmaal geladen en doorgerekend, en er worden\n"
    "gemeenten naast elkaar gemaakt (een per processorkern). Elk bestand komt pas op zijn\n"
    "plaats als het af is; na een fout stopt de opdracht en blijven de profielen die al\n"
    "klaar waren staan.\n"
    "\n"
    "  --gemeente GMxxxx  alleen deze gemeente (standaard alle gemeenten)\n"
    "  --out MAP          map voor de profielen (standaard wijkprofielen)\n"
    "  --jaar JJJJ        peiljaar (standaard het laatste jaar met gegevens)\n"
    "  --threads N        gemeenten tegelijk (standaard een per processorkern)\n"
    "  --indicators BESTAND, --balans BESTAND, --opgaven BESTAND   eigen definities (JSON)\n";

typedef struct {
    const options *o;
    wd_indicator_set *set;
    wd_opgave_set *opg; /* read once, shared by the workers */
    int demo;
    size_t made; /* profiles written, counted on the calling thread */
} run;

/* On a worker thread: rank, read the boundaries, then write every profile of the gemeente. */
static int render_gemeente(wd_each_job *job, void *ctx, wd_error *err)
{
    const run *w = ctx;
    session v = {.store = job->store,
                 .set = w->set,
                 .ds = job->ds,
                 .res = job->res,
                 .opg = w->opg,
                 .demo = w->demo};
    int rc = session_rank(&v, w->o, w->o->year, err);
    if (!rc) rc = session_geo(&v, w->o->year, err);
    size_t *made = calloc(1, sizeof *made);
    if (!rc && !made) rc = wd_error_set(err, WD_ENOMEM, "out of memory");
    for (size_t r = 0; !rc && r < job->ds->n_regions; r++) {
        if (job->ds->regions[r].level == WD_LEVEL_LAND) continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s.pdf", w->o->out, job->ds->regions[r].code);
        rc = render_region(&v, r, w->o->year, NULL, 0, path, err);
        if (!rc) ++*made;
    }
    job->data = made;
    wd_geo_free(v.geo);
    wd_ranking_free(v.rk);
    return rc;
}

static int count_made(wd_each_job *job, void *ctx, wd_error *err)
{
    (void)err;
    ((run *)ctx)->made += *(size_t *)job->data;
    return 0;
}

static void free_made(wd_each_job *job, void *ctx)
{
    (void)ctx;
    free(job->data);
}

int cmd_profiles(int argc, char **argv, options *o)
{
    int code = EXIT_OK;
    o->out = "wijkprofielen";
    int first = parse_options("profiles", usage_profiles, argc, argv, o, &code);
    if (first < 0) return code;
    if (first != argc) return usage_error("profiles", "onverwacht argument '%s'", argv[first]);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    wd_error err = {0};
    session s;
    run w = {.o = o};
    int rc = session_open_store(&s, o, &err);
    if (!rc) rc = wd_file_mkdirs(o->out, &err);
    if (!rc) rc = wd_opgaven_load(&s.opg, s.set, o->opgaven, &err);
    unsigned char *need = rc ? NULL : calloc(s.set->n + 1, 1);
    if (!rc && !need) rc = wd_error_set(&err, WD_ENOMEM, "out of memory");
    if (!rc) {
        w.set = s.set;
        w.opg = s.opg;
        w.demo = s.demo;
        wd_profile_land_needs(s.set, need);
        wd_each_options each = {.land_need = need,
                                .work = render_gemeente,
                                .deliver = count_made,
                                .release = free_made,
                                .ctx = &w};
        rc = session_each_gemeente(&s, o, &each, 0, &err);
    }
    free(need);
    session_close(&s);
    if (rc) return fail(&err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%zu profielen in %s/ na %.1f s\n", w.made, o->out,
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    return EXIT_OK;
}
