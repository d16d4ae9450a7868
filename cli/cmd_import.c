/* wijkdata import: a local file through the same adapters as downloads, in one transaction.
 * The formats, their help and how each is read come from the table of import formats
 * (fetchers/wd_fetch.h); this parses the options, checks them against the table and prints.
 * A URL is read with the configuration fetch reads (--config, its CA bundle and retries). */
#include "cli/cli.h"

#include "engine/wd_name.h"
#include "fetchers/wd_config.h"
#include "fetchers/wd_fetch.h"
#include "fetchers/wd_fileurl.h"
#include "fetchers/wd_http.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char usage_head[] =
    "Gebruik: wijkdata import BESTAND|URL --format FORMAAT [--mapping KOPPELING.json] [--jaar "
    "JJJJ]\n"
    "                        [--config BESTAND] [--store PAD]\n"
    "\n"
    "Leest een lokaal bestand (of een http(s)-URL) in de store, met dezelfde parsers als de\n"
    "fetchers. Lukt het niet, dan blijft de store precies zoals hij was en zegt de melding\n"
    "waar het misging (bestand of URL, regel, kolom).\n"
    "\n";

static const char usage_tail[] =
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
    "                               en json\n"
    "  --config BESTAND             configuratie zoals bij fetch (ca_bundle, http_retries,\n"
    "                               http_backoff_ms voor een URL); standaard\n"
    "                               $XDG_CONFIG_HOME/wijkdata/config als dat bestaat\n";

/* The help into out[cap]: per format "  --format NAME" and the lines of its help, aligned. */
static void usage(char *out, size_t cap)
{
    size_t n, used = (size_t)snprintf(out, cap, "%s", usage_head);
    const wd_import_format *f = wd_fetch_formats(&n);
    for (size_t i = 0; i < n; i++) {
        for (const char *line = f[i].help; *line && used < cap;) {
            int len = (int)strcspn(line, "\n");
            if (line == f[i].help)
                used += (size_t)snprintf(out + used, cap - used, "  --format %-20s%.*s\n",
                                         f[i].name, len, line);
            else
                used += (size_t)snprintf(out + used, cap - used, "%31s%.*s\n", "", len, line);
            line += len + (line[len] == '\n');
        }
    }
    if (used < cap) snprintf(out + used, cap - used, "%s", usage_tail);
}

/* The names of the formats whose use of a mapping is `use` (-1: all) appended to the list in
 * out[cap], "a, b of c" when `last` closes the list. */
static void names(char *out, size_t cap, int use, int last)
{
    size_t n, k = 0, m = 0;
    const wd_import_format *f = wd_fetch_formats(&n);
    for (size_t i = 0; i < n; i++)
        m += use < 0 || (int)f[i].mapping == use;
    for (size_t i = 0; i < n; i++) {
        if (use >= 0 && (int)f[i].mapping != use) continue;
        size_t used = strlen(out);
        k++;
        snprintf(out + used, cap - used, "%s%s",
                 !used            ? ""
                 : k == m && last ? " of "
                                  : ", ",
                 f[i].name);
    }
}

int cli_cmd_import(int argc, char **argv, cli_options *o)
{
    int code = CLI_EXIT_OK;
    char help[4096], all[256] = "", mapped[128] = "";
    usage(help, sizeof help);
    names(all, sizeof all, -1, 1);
    int first = cli_parse_options("import", help, argc, argv, o, &code);
    if (first < 0) return code;
    if (argc - first != 1) return cli_usage_error("import", "geef precies een bestand%s", "");
    if (!o->format) return cli_usage_error("import", "--format ontbreekt (%s)", all);
    /* An unknown format takes no mapping; it is named once the file is found. */
    const wd_import_format *f = wd_fetch_format(o->format);
    wd_import_mapping use = f ? f->mapping : WD_IMPORT_NO_MAPPING;
    if (use == WD_IMPORT_MAPPING_REQUIRED && !o->mapping)
        return cli_usage_error("import", "--format %s vereist --mapping KOPPELING.json", f->name);
    if (use == WD_IMPORT_NO_MAPPING && o->mapping) {
        names(mapped, sizeof mapped, WD_IMPORT_MAPPING_REQUIRED, 0);
        names(mapped, sizeof mapped, WD_IMPORT_MAPPING_OPTIONAL, 1);
        char what[256];
        snprintf(what, sizeof what, "--mapping hoort bij --format %s, niet bij %s", mapped,
                 o->format);
        return cli_usage_error("import", "%s", what);
    }
    wd_import_options io = {.year = o->year};
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    io.default_year = tm.tm_year + 1900;
    wd_error err = {0};
    char url[4200];
    wd_config cfg;
    wd_http *h = NULL;
    wd_store *store = NULL;
    wd_mapping *map = NULL;
    wd_measures measures = {0};
    io.names = &measures;
    wd_batch *b = wd_batch_new();
    int rc = b ? 0 : wd_error_set(&err, WD_ENOMEM, "geen geheugen meer");
    if (!rc) rc = wd_config_load(&cfg, o->config, &err);
    wd_http_options hopt = {.ca_bundle = !rc && cfg.ca_bundle[0] ? cfg.ca_bundle : NULL};
    if (!rc) rc = wd_config_http(&cfg, &hopt, &err);
    if (!rc && o->mapping) rc = wd_mapping_load(&map, o->mapping, &err);
    io.mapping = map;
    /* A URL is read as it is (through the same client as fetch); a path becomes file://. */
    const char *src = argv[first];
    if (!rc && (strncmp(src, "http://", 7) == 0 || strncmp(src, "https://", 8) == 0)) {
        if (snprintf(url, sizeof url, "%s", src) >= (int)sizeof url)
            rc = wd_error_set(&err, WD_EUSAGE, "URL te lang: %.80s...", src);
    } else if (!rc) {
        rc = wd_fileurl_from_path(url, sizeof url, src, &err);
    }
    if (!rc) rc = wd_http_new(&h, &hopt, &err);
    if (!rc)
        rc = f ? f->read(h, url, &io, b, &err)
               : wd_error_set(&err, WD_EUSAGE, "onbekend formaat '%s' (kies %s)", o->format, all);
    if (!rc) rc = wd_store_open(&store, o->store, 1, &err);
    if (!rc) rc = wd_store_import(store, b, &err);
    if (!rc)
        printf("%zu waarnemingen, %zu regio's en %zu geometrieen ingelezen uit %s in %s\n",
               b->n_obs, b->n_regions, b->n_geoms, argv[first], o->store);
    /* v4 stores measure codes: show what they stand for. */
    for (size_t i = 0; !rc && i < measures.n; i++) {
        /* As the file gives them: control characters are shown escaped. */
        char key[256], title[1024], unit[256];
        const wd_measure *m = &measures.items[i];
        printf("%s: %s%s%s%s\n", wd_name_print(key, sizeof key, m->code),
               wd_name_print(title, sizeof title, m->title), m->unit[0] ? " (" : "",
               wd_name_print(unit, sizeof unit, m->unit), m->unit[0] ? ")" : "");
    }
    wd_store_close(store);
    wd_http_free(h);
    wd_mapping_free(map);
    wd_odata4_measures_free(&measures);
    wd_batch_free(b);
    return rc ? cli_fail(&err) : CLI_EXIT_OK;
}
