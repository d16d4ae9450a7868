/* wijkdata fetch: the open data of a gemeente (or of every gemeente) from the public services
 * (or the mirrors the configuration names) into the store, source by source in one
 * transaction, with progress on stderr. */
#include "cli/cli.h"

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
    "Gebruik: wijkdata fetch --gemeente GMxxxx|alle [--years 2016-2024]\n"
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
    "  --years JJJJ-JJJJ   jaren van de Kerncijfers wijken en buurten (standaard 2016-2024);\n"
    "                      de PDOK-grenzen zijn die van het laatste jaar\n"
    "  --sources LIJST     kwb (CBS Kerncijfers), rivm (RIVM Gezondheid 50120NED),\n"
    "                      lbm (Leefbaarometer 3.0), geo (PDOK-grenzen); standaard alle\n"
    "                      (lbm alleen als lbm_url is ingesteld)\n"
    "  --offline           gebruik alleen de cache, zonder netwerk\n"
    "  --cache MAP         cache van de ruwe antwoorden (standaard $XDG_CACHE_HOME/wijkdata\n"
    "                      of ~/.cache/wijkdata)\n"
    "  --config BESTAND    configuratie met 'sleutel = waarde'-regels (standaard\n"
    "                      $XDG_CONFIG_HOME/wijkdata/config als dat bestaat); zie README\n"
    "\n"
    "Basis-URL's zijn ook via omgevingsvariabelen te zetten: WIJKDATA_CBS_ODATA_URL,\n"
    "WIJKDATA_CBS_DATADERDEN_URL, WIJKDATA_CBS_ODATA4_URL, WIJKDATA_PDOK_URL (met {jaar}),\n"
    "WIJKDATA_LBM_URL, WIJKDATA_CACHE_DIR, WIJKDATA_CA_BUNDLE. Proxy's via http_proxy,\n"
    "https_proxy en no_proxy.\n";

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
    fprintf(stderr, "%s[%d/%d] %s\n", p->tty ? "\r\033[K" : "", step, steps, what);
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

/* Each source into the store's open transaction as soon as it is read; counted for the
 * summary. */
typedef struct {
    progress *prog;
    wd_store *store;
    size_t obs, regions, geoms;
} sink;

static void sink_step(const char *what, int step, int steps, void *ctx)
{
    on_step(what, step, steps, ((sink *)ctx)->prog);
}

static int sink_batch(wd_batch *b, void *ctx, wd_error *err)
{
    sink *k = ctx;
    k->obs += b->n_obs;
    k->regions += b->n_regions;
    k->geoms += b->n_geoms;
    int rc = wd_store_add(k->store, b, err);
    wd_batch_clear(b);
    return rc;
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
    wd_plan plan = {.gemeente = all ? NULL : o->gemeente, .first_year = 2016, .last_year = 2024};
    if (o->years && parse_years(o->years, &plan.first_year, &plan.last_year))
        return cli_usage_error("fetch", "ongeldige jaren '%s' (bijvoorbeeld 2016-2024)", o->years);

    wd_error err = {0};
    wd_config cfg;
    char cache[WD_CONFIG_VALUE_MAX];
    int rc = wd_config_load(&cfg, o->config, &err);
    if (!rc && o->sources) rc = wd_plan_sources(o->sources, &plan.sources, &err);
    if (!rc && !o->sources)
        plan.sources =
            WD_SOURCE_KWB | WD_SOURCE_RIVM | WD_SOURCE_GEO | (cfg.lbm_url[0] ? WD_SOURCE_LBM : 0u);
    if (!rc) {
        if (o->cache)
            snprintf(cache, sizeof cache, "%s", o->cache);
        else if (cfg.cache_dir[0])
            snprintf(cache, sizeof cache, "%s", cfg.cache_dir);
        else
            rc = wd_cache_default_dir(cache, sizeof cache, &err);
    }
    if (rc) return cli_fail(&err);

    progress prog = {.tty = isatty(STDERR_FILENO)};
    wd_http_options hopt = {.cache_dir = cache,
                            .offline = o->offline,
                            .ca_bundle = cfg.ca_bundle[0] ? cfg.ca_bundle : NULL,
                            .progress = on_bytes,
                            .progress_ctx = &prog};
    wd_http *h = NULL;
    sink k = {.prog = &prog};
    wd_batch *b = wd_batch_new();
    rc = b ? 0 : wd_error_set(&err, WD_ENOMEM, "out of memory");
    if (!rc) rc = wd_http_new(&h, &hopt, &err);
    if (!rc) rc = wd_store_open(&k.store, o->store, 1, &err);
    if (!rc && !(rc = wd_store_begin(k.store, &err))) {
        rc = wd_plan_run(h, &cfg, &plan, b, sink_step, sink_batch, &k, &err);
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
    if (!rc)
        printf("%zu waarnemingen, %zu regio's en %zu geometrieen opgehaald voor %s (%d-%d) in %s\n",
               k.obs, k.regions, k.geoms, all ? "heel Nederland" : o->gemeente, plan.first_year,
               plan.last_year, o->store);
    wd_http_free(h);
    wd_batch_free(b);
    return rc ? cli_fail(&err) : CLI_EXIT_OK;
}
