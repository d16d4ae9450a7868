/* wijkdata fetch: the open data of a gemeente (or of every gemeente) from the public services
 * (or the mirrors the configuration names) into the store, source by source in one
 * transaction, with progress on stderr. */
#include "cli/cli.h"

#include "engine/wd_time.h"
#include "fetchers/wd_cache.h"
#include "fetchers/wd_config.h"
#include "fetchers/wd_http.h"
#include "fetchers/wd_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage_fetch[] =
    "Gebruik: wijkdata fetch --gemeente GMxxxx|alle [--years 2016-2025]\n"
    "                        [--sources kwb,rivm,lbm,geo] [--offline] [--cache MAP]\n"
    "                        [--config BESTAND] [--store PAD]\n"
    "\n"
    "Haalt de open data van een gemeente op en leest ze in de store, in een keer: mislukt\n"
    "er iets, dan blijft de store precies zoals hij was (en een nieuwe store wordt niet\n"
    "aangemaakt). Elke bron gaat de store in zodra hij binnen is, zodat ook heel Nederland\n"
    "in het geheugen past.\n"
    "\n"
    "  --gemeente GMxxxx   de gemeente (ook haar wijken en buurten, en Nederland); 'alle':\n"
    "                      elke gemeente, wijk en buurt van Nederland\n"
    "  --years JJJJ-JJJJ   jaren van de Kerncijfers wijken en buurten (standaard 2016 tot en\n"
    "                      met de nieuwste tabel in de CBS-catalogus); de PDOK-grenzen zijn\n"
    "                      die van het laatste jaar\n"
    "  --sources LIJST     kwb (CBS Kerncijfers), rivm (RIVM Gezondheid per wijk en buurt,\n"
    "                      de nieuwste tabel), lbm (Leefbaarometer 3.0), geo (PDOK-grenzen);\n"
    "                      standaard alle (lbm alleen als lbm_url is ingesteld)\n"
    "  --offline           gebruik alleen de cache, zonder netwerk\n"
    "  --cache MAP         cache van de ruwe antwoorden (standaard $XDG_CACHE_HOME/wijkdata\n"
    "                      of ~/.cache/wijkdata)\n"
    "  --config BESTAND    configuratie met 'sleutel = waarde'-regels (standaard\n"
    "                      $XDG_CONFIG_HOME/wijkdata/config als dat bestaat); zie README\n"
    "\n"
    "Welke tabel elk jaar levert, staat in de CBS-catalogus (zie 'wijkdata sources'). Een\n"
    "bron die de gemeente kent maar niets over haar geeft, laat het ophalen mislukken. Is een\n"
    "ophaalronde onderbroken, dan gaat de volgende verder: wat al in de cache staat, wordt\n"
    "niet opnieuw gevraagd.\n"
    "\n"
    "Basis-URL's zijn ook via omgevingsvariabelen te zetten: WIJKDATA_CBS_ODATA_URL,\n"
    "WIJKDATA_CBS_DATADERDEN_URL, WIJKDATA_CBS_ODATA4_URL, WIJKDATA_PDOK_URL (met {jaar}),\n"
    "WIJKDATA_LBM_URL, WIJKDATA_CACHE_DIR, WIJKDATA_CA_BUNDLE; herhalingen met\n"
    "WIJKDATA_HTTP_RETRIES en WIJKDATA_HTTP_BACKOFF_MS; WIJKDATA_IMPORT_PART: waarnemingen\n"
    "van een tabel die per keer in de store gaan (standaard 100000; minder geheugen, trager).\n"
    "Proxy's via http_proxy, https_proxy en no_proxy.\n";

/* Progress on stderr: a line per source; while a download runs, its request number and
 * bytes, on a terminal redrawn in place with an estimate of the time left. */
typedef struct {
    int tty;
    unsigned long first_transfer; /* transfer counter when the current step began; 0: none */
    unsigned long last_transfer;
    double started;     /* start of the current transfer */
    double last_report; /* time of the last progress line */
} progress;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void on_step(const char *what, int step, int steps, void *ctx)
{
    progress *p = ctx;
    /* The number of steps is known once the catalogue said which years there are. */
    if (steps)
        fprintf(stderr, "%s[%d/%d] %s\n", p->tty ? "\r\033[K" : "", step, steps, what);
    else
        fprintf(stderr, "%s[%d] %s\n", p->tty ? "\r\033[K" : "", step, what);
    p->first_transfer = 0;
}

static void on_bytes(const wd_http_progress *x, void *ctx)
{
    progress *p = ctx;
    double t = now_s();
    if (!p->first_transfer) p->first_transfer = x->transfer;
    if (x->transfer != p->last_transfer) {
        p->last_transfer = x->transfer;
        p->started = p->last_report = t;
    }
    /* A terminal is redrawn a few times a second; a log gets a line per 10 s of download. */
    if (t - p->last_report < (p->tty ? 0.25 : 10.0)) return;
    p->last_report = t;
    unsigned long request = x->transfer - p->first_transfer + 1;
    double mb = (double)x->received / 1e6;
    if (!p->tty) {
        fprintf(stderr, "    verzoek %lu: %.1f MB\n", request, mb);
        return;
    }
    char eta[48] = "";
    double rate = (double)x->received / (t - p->started);
    if (x->expected > x->received && rate > 0)
        snprintf(eta, sizeof eta, ", nog ~%.0f s", (double)(x->expected - x->received) / rate);
    fprintf(stderr, "\r\033[K    verzoek %lu: %.1f MB%s", request, mb, eta);
}

/* Each source (a national KWB table in parts) into the store's open transaction as soon as it
 * is read. */
typedef struct {
    progress *prog;
    wd_store *store;
} sink;

static void sink_step(const char *what, int step, int steps, void *ctx)
{
    on_step(what, step, steps, ((sink *)ctx)->prog);
}

static int sink_batch(wd_batch *b, void *ctx, wd_error *err)
{
    return wd_store_add(((sink *)ctx)->store, b, err);
}

/* What each source stored, then the whole (stdout); why a built-in list stood in (stderr). */
static void summary(const wd_plan_report *r, const char *gemeente, const char *store)
{
    if (r->editions.note[0]) fprintf(stderr, "tabellen: %s\n", r->editions.note);
    for (size_t i = 0; i < r->n_sources; i++) {
        const wd_plan_source *s = &r->sources[i];
        if (s->absent)
            printf("%s: %s staat niet in deze tabel (een andere gemeentelijke indeling); niets "
                   "opgehaald\n",
                   s->what, gemeente);
        else if (s->geoms)
            printf("%s: %zu regio's, %zu geometrieën, %zu waarnemingen\n", s->what, s->regions,
                   s->geoms, s->obs);
        else
            printf("%s: %zu regio's, %zu waarnemingen\n", s->what, s->regions, s->obs);
    }
    char years[32] = "";
    if (r->last_year) snprintf(years, sizeof years, " (%d-%d)", r->first_year, r->last_year);
    printf("%zu waarnemingen, %zu regio's en %zu geometrieën opgehaald voor %s%s in %s\n", r->obs,
           r->regions, r->geoms, gemeente, years, store);
}

/* "2016-2024" or "2024" into first/last; -1 when malformed. */
static int parse_years(const char *s, int *first, int *last)
{
    char tail;
    if (sscanf(s, "%d-%d%c", first, last, &tail) == 2) return *first <= *last ? 0 : -1;
    if (sscanf(s, "%d%c", first, &tail) == 1) {
        *last = *first;
        return 0;
    }
    return -1;
}

int cli_cmd_fetch(int argc, char **argv, cli_options *o)
{
    int code = CLI_EXIT_OK;
    int first = cli_parse_options("fetch", usage_fetch, argc, argv, o, &code);
    if (first < 0) return code;
    if (argc != first) return cli_usage_error("fetch", "onverwacht argument '%s'", argv[first]);
    if (!o->gemeente) return cli_usage_error("fetch", "--gemeente ontbreekt%s", "");
    int all = strcmp(o->gemeente, "alle") == 0;
    wd_plan plan = {.gemeente = all ? NULL : o->gemeente, .first_year = 2016, .last_year = 0};
    if (o->years && parse_years(o->years, &plan.first_year, &plan.last_year))
        return cli_usage_error("fetch", "ongeldige jaren '%s' (bijvoorbeeld 2016-2024)", o->years);

    wd_error err = {0};
    wd_config cfg;
    char cache[WD_CONFIG_VALUE_MAX];
    int rc = wd_config_load(&cfg, o->config, &err);
    if (!rc && o->sources) rc = wd_plan_sources(o->sources, &plan.sources, &err);
    if (!rc && !o->sources) plan.sources = wd_plan_default_sources(&cfg);
    if (!rc) rc = wd_config_cache_dir(&cfg, o->cache, cache, sizeof cache, &err);
    progress prog = {.tty = isatty(STDERR_FILENO)};
    wd_http_options hopt = {.cache_dir = cache,
                            .offline = o->offline,
                            .ca_bundle = cfg.ca_bundle[0] ? cfg.ca_bundle : NULL,
                            .progress = on_bytes,
                            .progress_ctx = &prog};
    if (!rc) rc = wd_config_http(&cfg, &hopt, &err);
    if (rc) return cli_fail(&err);

    /* A run that was interrupted is continued: what it fetched is reused without asking. */
    long long reuse_since = 0;
    int resumed = 0;
    if (!o->offline &&
        (rc = wd_cache_run_begin(cache, wd_time_now_us(), &reuse_since, &resumed, &err)))
        return cli_fail(&err);
    if (resumed) {
        char when[32];
        time_t t = (time_t)(reuse_since / 1000000);
        strftime(when, sizeof when, "%Y-%m-%d %H:%M", localtime(&t));
        fprintf(stderr,
                "vervolg van de onderbroken ophaalronde van %s: wat toen binnenkwam, wordt niet "
                "opnieuw gevraagd\n",
                when);
    }
    hopt.reuse_since = reuse_since;
    wd_http *h = NULL;
    sink k = {.prog = &prog};
    wd_plan_report report = {0};
    wd_batch *b = wd_batch_new();
    rc = b ? 0 : wd_error_set(&err, WD_ENOMEM, "geen geheugen meer");
    if (!rc) rc = wd_http_new(&h, &hopt, &err);
    if (!rc) rc = wd_store_open(&k.store, o->store, 1, &err);
    if (!rc && !(rc = wd_store_begin(k.store, &err))) {
        rc = wd_plan_run(h, &cfg, &plan, cache, b, sink_step, sink_batch, &k, &report, &err);
        if (prog.tty) fputs("\r\033[K", stderr);
        if (rc)
            wd_store_rollback(k.store);
        else
            rc = wd_store_commit(k.store, &err);
    }
    if (rc)
        wd_store_discard(k.store);
    else
        wd_store_close(k.store);
    /* A run whose figures are in the store is finished, and so is one refused for its
     * question (a year without a table): the next one asks again. Any other failure leaves
     * the run to be continued. */
    if (!o->offline && (!rc || err.code == WD_EUSAGE)) {
        wd_error end = {0};
        int erc = wd_cache_run_end(cache, &end);
        if (!rc && erc) {
            rc = erc;
            err = end;
        }
    }
    if (!rc) summary(&report, all ? "heel Nederland" : o->gemeente, o->store);
    wd_plan_report_free(&report);
    wd_http_free(h);
    wd_batch_free(b);
    return rc ? cli_fail(&err) : CLI_EXIT_OK;
}
