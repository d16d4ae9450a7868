/* wijkdata site: the web version of the wijkprofielen of a gemeente (plots/wd_site.h). */
#include "cli/cli.h"

#include "plots/wd_render.h"
#include "plots/wd_site.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char usage_site[] =
    "Gebruik: wijkdata site --gemeente GMxxxx [--out MAP] [--jaar JJJJ] [--store PAD]\n"
    "\n"
    "Maakt een statische website met de wijkprofielen van een gemeente: een overzicht met de\n"
    "kaart van de gemeente (elke buurt een link) en een pagina per gemeente, wijk en buurt met\n"
    "dezelfde inhoud als de PDF (grafieken als SVG, tekst en tabellen als HTML), met het\n"
    "profiel als PDF ernaast (MAP/REGIOCODE.pdf). Eén stijlblad, geen JavaScript, niets van\n"
    "andere servers: de map werkt vanaf de schijf (file://) en op elke webserver. De site\n"
    "komt pas op haar plaats als ze af is; een eerdere site in MAP wordt dan vervangen, een\n"
    "andere niet-lege map wordt geweigerd.\n"
    "\n"
    "  --gemeente GMxxxx  de gemeente (verplicht)\n"
    "  -o, --out MAP      map van de site (standaard site-GMxxxx)\n"
    "  --jaar JJJJ        peiljaar (standaard het laatste jaar met gegevens)\n"
    "  --indicators BESTAND, --balans BESTAND, --opgaven BESTAND   eigen definities (JSON)\n";

static void show(size_t done, size_t total, void *ctx)
{
    (void)ctx;
    fprintf(stderr, "\rpagina %zu van %zu", done, total);
}

int cli_cmd_site(int argc, char **argv, cli_options *o)
{
    int code = CLI_EXIT_OK;
    int first = cli_parse_options("site", usage_site, argc, argv, o, &code);
    if (first < 0) return code;
    if (first != argc) return cli_usage_error("site", "onverwacht argument '%s'", argv[first]);
    if (!o->gemeente)
        return cli_usage_error("site", "geef de gemeente met --gemeente %s", "GMxxxx");
    if (strncmp(o->gemeente, "GM", 2) != 0)
        return cli_usage_error("site", "'%s' is geen gemeentecode (GMxxxx)", o->gemeente);
    char out[64];
    snprintf(out, sizeof out, "site-%s", o->gemeente);
    const char *dir = o->out ? o->out : out;
    wd_error err = {0};
    wd_session s;
    wd_session_options so = cli_session_options(o);
    int shown = isatty(STDERR_FILENO);
    wd_site_options opt = {.year = o->year, .progress = shown ? show : NULL};
    size_t pages = 0;
    int rc = wd_render_open(&s, &so, o->gemeente, o->year, &err);
    if (!rc) rc = wd_site_write(&s, dir, &opt, &pages, &err);
    if (shown) fputc('\n', stderr);
    wd_session_close(&s);
    if (rc) return cli_fail(&err);
    printf("%zu pagina's in %s/ (begin bij %s/index.html)\n", pages, dir, dir);
    return CLI_EXIT_OK;
}
