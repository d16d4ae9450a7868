/* wijkdata voortgang: the follow-up report (PDF) of the opgaven a bewonersberaad chose. */
#include "cli/cli.h"

#include "engine/wd_beraad.h"
#include "engine/wd_name.h"
#include "engine/wd_voortgang.h"
#include "plots/wd_text.h"
#include "plots/wd_voortgang.h"

#include <stdio.h>
#include <string.h>

static const char usage_voortgang[] =
    "Gebruik: wijkdata voortgang --gebied REGIOCODE [--beraad JJJJ-MM-DD] [-o BESTAND]\n"
    "                          [--store PAD]\n"
    "\n"
    "Maakt een verslag (A4-PDF) van de opgaven die een bewonersberaad koos: per opgave en\n"
    "cijfer de nulmeting van het beraad naast het nieuwste cijfer, elk met interval of\n"
    "aantallen, en of de verandering meer is dan toeval: 'gestegen, meer dan toeval',\n"
    "'gedaald, meer dan toeval', 'binnen de onzekerheid', 'niet te vergelijken: buurtgrens\n"
    "gewijzigd', 'nog geen nieuwer cijfer'. Aandelen van getelde mensen: exacte toets van\n"
    "Fisher, met de afronding op 5 van CBS meegeteld; RIVM-modelschattingen: de 95%-\n"
    "intervallen (een modelschatting is geen meting). Met meer beraden staat onder elk\n"
    "cijfer de weg sinds het eerste.\n"
    "\n"
    "  --gebied REGIOCODE  het gebied van het beraad\n"
    "  --beraad DATUM      het beraad dat gevolgd wordt (standaard het nieuwste)\n"
    "  -o, --out BESTAND   uitvoer (standaard voortgang-REGIOCODE.pdf)\n"
    "  --indicators BESTAND  eigen indicatordefinities (JSON)\n"
    "  --opgaven BESTAND   eigen wijkopgaven (JSON)\n";

int cli_cmd_voortgang(int argc, char **argv, cli_options *o)
{
    int code = CLI_EXIT_OK;
    int first = cli_parse_options("voortgang", usage_voortgang, argc, argv, o, &code);
    if (first < 0) return code;
    if (first != argc) return cli_usage_error("voortgang", "onverwacht argument '%s'", argv[first]);
    if (!o->gebied)
        return cli_usage_error("voortgang", "geef het gebied met --gebied REGIOCODE%s", "");
    char stem[512], out[512], today[32];
    snprintf(stem, sizeof stem, "voortgang-%s", o->gebied);
    wd_name_file(out, sizeof out, stem, "pdf");
    const char *path = o->out ? o->out : out;
    wd_text_fmt_today(today, sizeof today);
    wd_error err = {0};
    wd_session s;
    wd_session_options so = cli_session_options(o);
    wd_voortgang *v = NULL;
    int rc = wd_session_open(&s, &so, &err);
    if (!rc) rc = wd_beraad_load(&s, o->gebied, 0, &err);
    if (!rc) rc = wd_voortgang_make(&v, &s, o->gebied, o->beraad, &err);
    if (!rc) rc = wd_voortgang_render(v, today, path, &err);
    wd_voortgang_free(v);
    wd_session_close(&s);
    if (rc) return cli_fail(&err);
    printf("%s\n", path);
    return CLI_EXIT_OK;
}
