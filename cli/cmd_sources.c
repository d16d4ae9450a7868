/* wijkdata sources: the sources the engine reads, with tables, licence and citation, and
 * which table each KWB year and the newest RIVM edition come from. The descriptions (the
 * table of sources, fetchers/wd_fetch.h) and the look-up (wd_catalog.c) live in the library;
 * this only prints them. */
#include "cli/cli.h"

#include "fetchers/wd_catalog.h"
#include "fetchers/wd_config.h"
#include "fetchers/wd_fetch.h"

#include <stdio.h>
#include <string.h>

static const char usage_sources[] =
    "Gebruik: wijkdata sources [--offline] [--cache MAP] [--config BESTAND]\n"
    "\n"
    "Toont de bronnen die wijkdata leest: wat ze bevatten, hun tabellen, de licentie en hoe\n"
    "u ze vermeldt onder cijfers en in profielen; en per jaar de KWB-tabel en de nieuwste\n"
    "RIVM-tabel, met wanneer CBS ze het laatst wijzigde, uit de CBS-catalogus (één poging,\n"
    "zonder herhaling) of, als die niet te bereiken is, uit de cache van eerdere fetches.\n"
    "\n"
    "  --offline           vraag de catalogus niet; alleen de cache\n"
    "  --cache MAP         de cache van 'wijkdata fetch'\n"
    "  --config BESTAND    configuratie met de adressen (zie 'wijkdata fetch --help')\n";

/* "2026-03-27" of an ISO time, "onbekend" when CBS's date is not known. */
static const char *changed(const wd_edition *e, char *buf, size_t cap)
{
    if (!e->modified[0]) return "onbekend";
    snprintf(buf, cap, "%.10s", e->modified);
    return buf;
}

static const char *origin_of(const wd_edition *e)
{
    return e->from_catalog ? "CBS-catalogus" : "ingebouwde lijst";
}

/* Which table holds which year (KWB) and which RIVM table is the newest. */
static void editions(const wd_editions *ed, const char *id)
{
    char date[16];
    if (strcmp(id, "kwb") == 0) {
        for (size_t i = 0; i < ed->n_kwb; i++) {
            const wd_edition *e = &ed->kwb[i];
            printf("  %-11s %d %s, gewijzigd %s (%s)\n", i ? "" : "Per jaar:", e->year, e->table_id,
                   changed(e, date, sizeof date), origin_of(e));
        }
    } else if (strcmp(id, "rivm") == 0 && ed->rivm.table_id[0]) {
        const wd_edition *e = &ed->rivm;
        printf("  Nieuwste:   %s, tot en met %d, indeling %d, gewijzigd %s (%s)\n", e->table_id,
               e->year, e->indeling, changed(e, date, sizeof date), origin_of(e));
    }
}

/* Print `label` and `text` wrapped at 90 columns, continuation lines under the text. */
static void field(const char *label, const char *text)
{
    const int width = 90, indent = 14;
    printf("  %-11s ", label);
    int col = indent;
    while (*text) {
        int n = (int)strcspn(text, " ");
        if (col > indent && col + 1 + n > width) {
            printf("\n%*s", indent, "");
            col = indent;
        } else if (col > indent) {
            putchar(' ');
            col++;
        }
        printf("%.*s", n, text);
        col += n;
        text += n;
        while (*text == ' ')
            text++;
    }
    putchar('\n');
}

int cli_cmd_sources(int argc, char **argv, cli_options *o)
{
    int code = CLI_EXIT_OK;
    int first = cli_parse_options("sources", usage_sources, argc, argv, o, &code);
    if (first < 0) return code;
    if (first != argc) return cli_usage_error("sources", "onverwacht argument '%s'", argv[first]);
    /* One try at the catalogue, quickly: this command only informs. */
    wd_error err = {0};
    wd_config cfg;
    char cache[WD_CONFIG_VALUE_MAX];
    wd_http *h = NULL;
    wd_editions ed;
    int rc = wd_config_load(&cfg, o->config, &err);
    if (!rc) rc = wd_config_cache_dir(&cfg, o->cache, cache, sizeof cache, &err);
    wd_http_options hopt = {.cache_dir = cache,
                            .offline = o->offline,
                            .retries = -1,
                            .connect_timeout_s = 5,
                            .total_timeout_s = 30,
                            .ca_bundle = cfg.ca_bundle[0] ? cfg.ca_bundle : NULL};
    if (!rc) rc = wd_http_new(&h, &hopt, &err);
    if (!rc) rc = wd_catalog_find(h, &cfg, cache, &ed, &err);
    wd_http_free(h);
    if (rc) return cli_fail(&err);
    size_t n;
    const wd_source_info *s = wd_fetch_sources(&n);
    for (size_t i = 0; i < n; i++) {
        printf("%s%s (%s)\n", i ? "\n" : "", s[i].name, s[i].id);
        field("", s[i].what);
        field("Uitgever:", s[i].publisher);
        field("Tabellen:", s[i].tables);
        editions(&ed, s[i].id);
        field("Adres:", s[i].url);
        field("Licentie:", s[i].licence);
        field("Vermelding:", s[i].citation);
        if (s[i].fetch)
            printf("  Ophalen:    wijkdata fetch --gemeente GMxxxx --sources %s\n", s[i].fetch);
        if (s[i].format)
            printf("  Inlezen:    wijkdata import BESTAND|URL --format %s\n", s[i].format);
    }
    if (ed.note[0]) printf("\nLet op: %s.\n", ed.note);
    return CLI_EXIT_OK;
}
