/* wijkdata import: a local file through the same adapters as downloads, in one transaction. */
#include "cli/cli.h"

#include "fetchers/wd_fetch.h"
#include "fetchers/wd_fileurl.h"
#include "fetchers/wd_http.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char usage_import[] =
    "Gebruik: wijkdata import BESTAND --format FORMAAT [--jaar JJJJ] [--store PAD]\n"
    "\n"
    "Leest een lokaal bestand in de store, met dezelfde parsers als de fetchers. Lukt het\n"
    "niet, dan blijft de store precies zoals hij was en zegt de melding waar het misging\n"
    "(bestand, regel, kolom).\n"
    "\n"
    "  --format statline-csv        StatLine-export 'CSV met statistische symbolen'; de\n"
    "                               regiocolom heet 'Codering' of 'Regiocode'\n"
    "  --format leefbaarometer-csv  Leefbaarometer 3.0 scores per buurt of wijk\n"
    "  --format pdok-geojson        PDOK OGC API Features (buurten, wijken of gemeenten)\n"
    "  --jaar JJJJ                  jaar van de cijfers (StatLine zonder kolom Perioden)\n"
    "                               of van de grenzen (PDOK); standaard dit jaar\n";

int cmd_import(int argc, char **argv, options *o)
{
    int code = EXIT_OK;
    int first = parse_options("import", usage_import, argc, argv, o, &code);
    if (first < 0) return code;
    if (argc - first != 1) return usage_error("import", "geef precies een bestand%s", "");
    if (!o->format)
        return usage_error(
            "import", "--format ontbreekt (statline-csv, leefbaarometer-csv of pdok-geojson)%s",
            "");
    int year = o->year;
    if (!year) {
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        year = tm.tm_year + 1900;
    }
    wd_error err = {0};
    char url[4200];
    wd_http *h = NULL;
    wd_store *store = NULL;
    wd_batch *b = wd_batch_new();
    int rc = b ? 0 : wd_error_set(&err, WD_ENOMEM, "out of memory");
    if (!rc) rc = wd_file_url(url, sizeof url, argv[first], &err);
    if (!rc) rc = wd_http_new(&h, NULL, &err);
    if (!rc) {
        if (strcmp(o->format, "statline-csv") == 0)
            rc = wd_fetch_statline_csv(h, url, year, b, &err);
        else if (strcmp(o->format, "leefbaarometer-csv") == 0)
            rc = wd_fetch_lbm_csv(h, url, b, &err);
        else if (strcmp(o->format, "pdok-geojson") == 0)
            rc = wd_fetch_pdok(h, url, year, b, &err);
        else
            rc = wd_error_set(
                &err, WD_EUSAGE,
                "onbekend formaat '%s' (kies statline-csv, leefbaarometer-csv of pdok-geojson)",
                o->format);
    }
    if (!rc) rc = wd_store_open(&store, o->store, 1, &err);
    if (!rc) rc = wd_store_import(store, b, &err);
    if (!rc)
        printf("%zu waarnemingen, %zu regio's en %zu geometrieen ingelezen uit %s in %s\n",
               b->n_obs, b->n_regions, b->n_geoms, argv[first], o->store);
    wd_store_close(store);
    wd_http_free(h);
    wd_batch_free(b);
    return rc ? fail(&err) : EXIT_OK;
}
