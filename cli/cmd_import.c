/* wijkdata import: a local file through the same adapters as downloads, in one transaction. */
#include "cli/cli.h"

#include "fetchers/wd_fetch.h"
#include "fetchers/wd_fileurl.h"
#include "fetchers/wd_http.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char usage_import[] =
    "Gebruik: wijkdata import BESTAND|URL --format FORMAAT [--mapping KOPPELING.json] [--jaar "
    "JJJJ]\n"
    "                        [--store PAD]\n"
    "\n"
    "Leest een lokaal bestand (of een http(s)-URL) in de store, met dezelfde parsers als de\n"
    "fetchers. Lukt het niet, dan blijft de store precies zoals hij was en zegt de melding\n"
    "waar het misging (bestand of URL, regel, kolom).\n"
    "\n"
    "  --format statline-csv        StatLine-export 'CSV met statistische symbolen'; de\n"
    "                               regiocolom heet 'Codering' of 'Regiocode'; de tabel\n"
    "                               (bv. 85984NED) uit de bestandsnaam of de tekst; met\n"
    "                               --mapping alleen de kolommen die de koppeling noemt\n"
    "  --format csv                 eigen CSV met kopregel (bv. een peiling voor een\n"
    "                               bewonersberaad); vereist --mapping\n"
    "  --format json                eigen JSON: een lijst van objecten, {\"value\": [...]},\n"
    "                               GeoJSON, objecten per regiocode {\"GM1680\": {...}} of\n"
    "                               een enkel object; vereist --mapping\n"
    "  --format leefbaarometer-csv  Leefbaarometer 3.0 scores per buurt, wijk of gemeente\n"
    "  --format leefbaarometer-zip  de open-data-zip van de Leefbaarometer zoals gepubliceerd\n"
    "  --format pdok-geojson        PDOK OGC API Features (buurten, wijken of gemeenten)\n"
    "  --format cbs-v3              een map met de opgeslagen antwoorden TableInfos,\n"
    "                               DataProperties, TypedDataSet (pagina's als\n"
    "                               TypedDataSet-2, -3, ...) en eventueel WijkenEnBuurten\n"
    "                               van een CBS OData v3-tabel (KWB of RIVM; de mapnaam is\n"
    "                               de tabel, bv. 85984NED)\n"
    "  --format cbs-v4              een map met de antwoorden Properties, MeasureCodes en\n"
    "                               Observations van een CBS OData v4-tabel (de mapnaam is\n"
    "                               de tabel, bv. 85984NED)\n"
    "  --mapping KOPPELING.json     (verplicht: tabel, titel, regio, variabelen)\n"
    "                               welke kolom de regiocode is, welke de periode (of een vast\n"
    "                               \"jaar\"), welke kolommen variabelen zijn en de bron:\n"
    "                               {\"tabel\": \"peiling-oost-2025\", \"titel\": \"Peiling "
    "Oost\",\n"
    "                                \"uitgever\": \"Samen Oost\", \"licentie\": \"CC BY 4.0\",\n"
    "                                \"regio\": \"buurtcode\", \"naam\": \"buurt\", \"jaar\": "
    "2025,\n"
    "                                \"variabelen\": [\"opkomst\",\n"
    "                                  {\"kolom\": \"gem. cijfer\", \"naam\": \"cijfer\"}]}\n"
    "  --jaar JJJJ                  jaar van de cijfers (StatLine zonder kolom Perioden, CSV\n"
    "                               of JSON zonder periode en jaar in de koppeling) of van\n"
    "                               de grenzen (PDOK); standaard dit jaar, behalve bij csv\n"
    "                               en json\n";

static const char *const formats = "statline-csv, csv, json, leefbaarometer-csv, "
                                   "leefbaarometer-zip, pdok-geojson, cbs-v3 of cbs-v4";

/* A cbs-v4 folder ".../85984NED" as an OData v4 request: base = its parent's URL. */
static int v4_folder(wd_http *h, const char *url, wd_batch *b, wd_measures *names, wd_error *err)
{
    char base[4200];
    snprintf(base, sizeof base, "%s", url);
    char *slash = strrchr(base, '/');
    if (!slash || !slash[1])
        return wd_error_set(err, WD_EUSAGE, "%s: geen map met een tabelnaam", url);
    *slash = '\0';
    wd_odata_request req = {.base = base, .table_id = slash + 1};
    return wd_fetch_cbs_v4(h, &req, b, names, err);
}

int cli_cmd_import(int argc, char **argv, cli_options *o)
{
    int code = CLI_EXIT_OK;
    int first = cli_parse_options("import", usage_import, argc, argv, o, &code);
    if (first < 0) return code;
    if (argc - first != 1) return cli_usage_error("import", "geef precies een bestand%s", "");
    if (!o->format) return cli_usage_error("import", "--format ontbreekt (%s)", formats);
    const char *f = o->format;
    int mapped = strcmp(f, "csv") == 0 || strcmp(f, "json") == 0;
    int statline = strcmp(f, "statline-csv") == 0;
    if (mapped && !o->mapping)
        return cli_usage_error("import", "--format %s vereist --mapping KOPPELING.json", f);
    if (!mapped && !statline && o->mapping)
        return cli_usage_error(
            "import", "--mapping hoort bij --format csv, json of statline-csv, niet bij %s", f);
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
    wd_mapping *map = NULL;
    wd_measures names = {0};
    wd_batch *b = wd_batch_new();
    int rc = b ? 0 : wd_error_set(&err, WD_ENOMEM, "out of memory");
    if (!rc && o->mapping) rc = wd_mapping_load(&map, o->mapping, &err);
    /* A URL is read as it is (through the same client as fetch); a path becomes file://. */
    const char *src = argv[first];
    if (!rc && (strncmp(src, "http://", 7) == 0 || strncmp(src, "https://", 8) == 0)) {
        if (snprintf(url, sizeof url, "%s", src) >= (int)sizeof url)
            rc = wd_error_set(&err, WD_EUSAGE, "URL te lang: %.80s...", src);
    } else if (!rc) {
        rc = wd_fileurl_from_path(url, sizeof url, src, &err);
    }
    if (!rc) rc = wd_http_new(&h, NULL, &err);
    if (!rc) {
        if (statline)
            rc = wd_fetch_statline_csv(h, url, map ? o->year : year, map, b, &err);
        else if (mapped)
            rc = wd_fetch_mapped(h, url, map, strcmp(f, "json") == 0, o->year, b, &err);
        else if (strcmp(f, "leefbaarometer-csv") == 0)
            rc = wd_fetch_lbm_csv(h, url, b, &err);
        else if (strcmp(f, "leefbaarometer-zip") == 0)
            rc = wd_fetch_lbm_zip(h, url, b, &err);
        else if (strcmp(f, "pdok-geojson") == 0)
            rc = wd_fetch_pdok(h, url, year, b, &err);
        else if (strcmp(f, "cbs-v3") == 0)
            rc = wd_fetch_cbs_v3_folder(h, url, NULL, b, &err);
        else if (strcmp(f, "cbs-v4") == 0)
            rc = v4_folder(h, url, b, &names, &err);
        else
            rc = wd_error_set(&err, WD_EUSAGE, "onbekend formaat '%s' (kies %s)", f, formats);
    }
    if (!rc) rc = wd_store_open(&store, o->store, 1, &err);
    if (!rc) rc = wd_store_import(store, b, &err);
    if (!rc)
        printf("%zu waarnemingen, %zu regio's en %zu geometrieen ingelezen uit %s in %s\n",
               b->n_obs, b->n_regions, b->n_geoms, argv[first], o->store);
    /* v4 stores measure codes: show what they stand for. */
    for (size_t i = 0; !rc && i < names.n; i++)
        printf("%s: %s%s%s%s\n", names.items[i].code, names.items[i].title,
               names.items[i].unit[0] ? " (" : "", names.items[i].unit,
               names.items[i].unit[0] ? ")" : "");
    wd_store_close(store);
    wd_http_free(h);
    wd_mapping_free(map);
    wd_odata4_measures_free(&names);
    wd_batch_free(b);
    return rc ? cli_fail(&err) : CLI_EXIT_OK;
}
