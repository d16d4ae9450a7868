/* wijkdata demo: generate the demonstration sources, import them through the fetchers,
 * compute, and render every profile of Voorbeeldstad. */
#include "cli/cli.h"

#include "demo/wd_demo.h"
#include "demo/wd_demo_import.h"
#include "engine/wd_file.h"
#include "plots/wd_render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char usage_demo[] =
    "Gebruik: wijkdata demo [--out MAP] [--store PAD] [--buurten N] [--seed N] [--geen-profielen]\n"
    "                       [--tweede-editie]\n"
    "\n"
    "Maakt een gesimuleerde gemeente Voorbeeldstad (GM9999) in de echte bronformaten van CBS,\n"
    "RIVM, Leefbaarometer en PDOK, leest die in via dezelfde fetchers als echte gegevens, en\n"
    "maakt een wijkprofiel (PDF) voor de gemeente, elke wijk en elke buurt. Alle cijfers zijn\n"
    "verzonnen; elke pagina draagt het merk 'DEMO - gesimuleerde gegevens'.\n"
    "\n"
    "  --out MAP         map voor bronbestanden en profielen (standaard wijkprofielen-demo)\n"
    "  --store PAD       store (standaard wijkdata.db; een store met echte gegevens wordt\n"
    "                    nooit met demogegevens gemengd)\n"
    "  --buurten N       aantal buurten (standaard 40; 14500 geeft een landelijke omvang met\n"
    "                    extra verzonnen gemeenten, voor benchmarks)\n"
    "  --seed N          startwaarde van de generator (standaard 20260126)\n"
    "  --geen-profielen  alleen gegevens maken en inlezen\n"
    "  --tweede-editie   ook de cijfers van een jaar later (KWB 2025, ook verzonnen), met\n"
    "                    echte veranderingen in een paar buurten: voor 'wijkdata voortgang'\n"
    "                    na een beraad; in een bestaande demostore blijven beraden staan\n";

static void progress(const char *what, int step, int steps, void *ctx)
{
    (void)ctx;
    fprintf(stderr, "  [%d/%d] %s\n", step, steps, what);
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* A store that already holds real data is never mixed with simulated data. An empty one is
 * what a first demo leaves that was killed before its import was committed: it is filled. */
static int check_demo_store(const char *path, wd_error *err)
{
    struct stat sb;
    if (stat(path, &sb) != 0) return 0;
    wd_store *store = NULL;
    char demo[8] = "";
    int empty = 0;
    int rc = wd_store_open(&store, path, 0, err);
    if (!rc) rc = wd_store_meta_get(store, "demo", demo, sizeof demo, err);
    if (!rc) rc = wd_store_is_empty(store, &empty, err);
    wd_store_close(store);
    if (!rc && strcmp(demo, "1") != 0 && !empty)
        rc = wd_error_set(err, WD_EUSAGE,
                          "%s bevat geen demogegevens; kies voor de demo een andere --store", path);
    return rc;
}

/* "  profielen: 12/47" on the terminal, overwritten as it goes. */
static void show_rendered(size_t done, size_t total, void *ctx)
{
    (void)ctx;
    fprintf(stderr, "\r  profielen: %zu/%zu", done, total);
}

int cli_cmd_demo(int argc, char **argv, cli_options *o)
{
    int code = CLI_EXIT_OK;
    o->out = "wijkprofielen-demo";
    o->buurten = WD_DEMO_DEFAULT_BUURTEN;
    o->seed = 20260126;
    int first = cli_parse_options("demo", usage_demo, argc, argv, o, &code);
    if (first < 0) return code;
    if (first != argc) return cli_usage_error("demo", "onverwacht argument '%s'", argv[first]);

    wd_error err = {0};
    char src[1024];
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    snprintf(src, sizeof src, "%s/bronnen", o->out);
    int rc = check_demo_store(o->store, &err);
    if (!rc) rc = wd_file_mkdirs(o->out, &err);
    if (rc) return cli_fail(&err);
    /* What an interrupted demo left (its sources' folders are cleaned as they are written). */
    wd_file_clean(o->out);

    fprintf(stderr, "Demogegevens maken (%d buurten, seed %lu) in %s ...\n", o->buurten, o->seed,
            src);
    wd_demo_options dopt = {
        .n_buurten = o->buurten, .seed = o->seed, .page_size = 0, .edition = o->edition};
    rc = wd_demo_generate(src, &dopt, &err);
    wd_store *store = NULL;
    if (!rc) {
        fprintf(stderr, "Inlezen in %s via de fetchers (file://) ...\n", o->store);
        rc = wd_store_open(&store, o->store, 1, &err);
    }
    if (!rc) rc = wd_demo_import(store, src, o->edition, progress, NULL, &err);
    if (rc) {
        wd_store_discard(store);
        return cli_fail(&err);
    }
    wd_store_close(store);
    fprintf(stderr, "Gegevens klaar na %.1f s.\n", seconds_since(&t0));
    if (o->no_profiles) return CLI_EXIT_OK;

    wd_session s;
    wd_session_options so = cli_session_options(o);
    wd_render_report report = {0};
    rc = wd_session_open(&s, &so, &err);
    if (!rc) rc = wd_session_load(&s, "GM9999", NULL, &err);
    if (!rc) rc = wd_results_save(s.res, s.store, 0, 0, &err);
    if (!rc) rc = wd_session_rank(&s, 0, &err);
    if (!rc) rc = wd_session_geo(&s, 0, &err);
    int tty = isatty(STDERR_FILENO);
    if (!rc) rc = wd_render_all(&s, o->out, 0, 0, tty ? show_rendered : NULL, NULL, &report, &err);
    if (tty && report.made + report.n_failed) fputc('\n', stderr);
    wd_session_close(&s);
    for (size_t i = 0; i < report.n_failed; i++)
        fprintf(stderr, "wijkdata: profiel %s niet gemaakt: %s\n", report.failed[i].code,
                report.failed[i].err.msg);
    size_t n = report.made;
    wd_render_report_free(&report);
    if (rc) return cli_fail(&err);
    printf("%zu demoprofielen (Voorbeeldstad, gesimuleerde gegevens) in %s/ na %.1f s\n", n, o->out,
           seconds_since(&t0));
    printf("Begin bij %s/GM9999.pdf (gemeente) of %s/BU99990101.pdf (buurt).\n", o->out, o->out);
    return CLI_EXIT_OK;
}
