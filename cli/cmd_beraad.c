/* wijkdata beraad: the template of a bewonersberaad, and recording the filled-in template. */
#include "cli/cli.h"

#include "engine/wd_beraad.h"
#include "engine/wd_name.h"
#include "engine/wd_time.h"

#include <stdio.h>
#include <string.h>

static const char usage_beraad[] =
    "Gebruik: wijkdata beraad sjabloon --gebied REGIOCODE [-o BESTAND] [--store PAD]\n"
    "         wijkdata beraad invoeren BESTAND [--store PAD]\n"
    "\n"
    "sjabloon  schrijft een sjabloon voor het verslag van een bewonersberaad: CSV (standaard\n"
    "          beraad-REGIOCODE.csv, ';' en UTF-8, zoals Excel het opent) of een Excel-\n"
    "          werkboek als BESTAND eindigt op .xlsx. Bovenaan de regels gebied, datum\n"
    "          (JJJJ-MM-DD) en plaats, met de waarde in de tweede kolom; dan de kopregel\n"
    "          opgave;titel;stemmen;rang_bewoners;gekozen;klopt_dit en een regel per\n"
    "          wijkopgave. Vul per opgave in: stemmen (een heel getal, of leeg),\n"
    "          rang_bewoners (1 = het belangrijkst volgens de bewoners, of leeg), gekozen\n"
    "          (ja of nee) en klopt_dit (wat bewoners over de cijfers zeggen). Regels van\n"
    "          opgaven die niet besproken zijn mogen weg.\n"
    "invoeren  leest het ingevulde sjabloon (CSV; sla een werkboek op als 'CSV UTF-8') en\n"
    "          legt het beraad vast: datum, plaats, gebied, de volgorde van de bewoners en\n"
    "          die van de cijfers, de notities, de gekozen opgaven en van elk cijfer van\n"
    "          een gekozen opgave de nulmeting (waarde, interval of aantallen, tabel,\n"
    "          levering, indeling) voor 'wijkdata voortgang'. Een fout in het bestand wordt\n"
    "          gemeld met regel en kolom; dan wordt niets vastgelegd.\n"
    "\n"
    "  --gebied REGIOCODE  buurt (BU...), wijk (WK...) of gemeente (GM...)\n"
    "  -o, --out BESTAND   uitvoer van het sjabloon\n"
    "  --opgaven BESTAND   eigen wijkopgaven (JSON), aanvulling op de standaard\n"
    "  --indicators BESTAND  eigen indicatordefinities (JSON)\n";

static int sjabloon(const cli_options *o)
{
    if (!o->gebied)
        return cli_usage_error("beraad", "geef het gebied met --gebied REGIOCODE%s", "");
    char stem[512], out[512];
    snprintf(stem, sizeof stem, "beraad-%s", o->gebied);
    wd_name_file(out, sizeof out, stem, "csv");
    const char *path = o->out ? o->out : out;
    wd_error err = {0};
    wd_session s;
    wd_session_options so = cli_session_options(o);
    int rc = wd_session_open(&s, &so, &err);
    if (!rc) rc = wd_beraad_load(&s, o->gebied, 0, &err);
    int r = rc ? -1 : wd_dataset_region(s.ds, o->gebied);
    if (!rc && r < 0) rc = wd_error_set(&err, WD_ENOTFOUND, "onbekende regiocode '%s'", o->gebied);
    if (!rc) rc = wd_beraad_template(&s, (size_t)r, path, &err);
    wd_session_close(&s);
    if (rc) return cli_fail(&err);
    printf("%s\n", path);
    return CLI_EXIT_OK;
}

static int invoeren(const cli_options *o, const char *file)
{
    wd_error err = {0};
    wd_session s;
    wd_session_options so = cli_session_options(o);
    wd_beraad_input in;
    char now[32];
    wd_time_now_utc(now, sizeof now);
    int rc = wd_session_open(&s, &so, &err);
    if (!rc) rc = wd_session_opgaven(&s, &err);
    if (!rc) rc = wd_beraad_read(&in, file, s.opg, &err);
    if (!rc) rc = wd_beraad_load(&s, in.region, 1, &err);
    if (rc == WD_ENOTFOUND) wd_error_prefix(&err, "%s, regel %d: ", file, in.region_line);
    if (!rc) rc = wd_beraad_record(&s, &in, now, &err);
    wd_session_close(&s);
    if (rc) return cli_fail(&err);
    int chosen = 0;
    for (size_t k = 0; k < in.n; k++)
        chosen += in.rows[k].chosen;
    printf("beraad van %s op %s vastgelegd: %zu opgaven, %d gekozen\n", in.region, in.date, in.n,
           chosen);
    return CLI_EXIT_OK;
}

int cli_cmd_beraad(int argc, char **argv, cli_options *o)
{
    int code = CLI_EXIT_OK;
    int first = cli_parse_options("beraad", usage_beraad, argc, argv, o, &code);
    if (first < 0) return code;
    if (first >= argc)
        return cli_usage_error("beraad", "geef 'sjabloon' of 'invoeren BESTAND'%s", "");
    const char *what = argv[first];
    if (strcmp(what, "sjabloon") == 0) {
        if (argc - first != 1)
            return cli_usage_error("beraad", "onverwacht argument '%s'", argv[first + 1]);
        return sjabloon(o);
    }
    if (strcmp(what, "invoeren") == 0) {
        if (argc - first != 2)
            return cli_usage_error("beraad", "geef precies een bestand: invoeren BESTAND%s", "");
        if (o->gebied)
            return cli_usage_error("beraad", "het gebied staat in het bestand, niet in --gebied%s",
                                   "");
        return invoeren(o, argv[first + 1]);
    }
    return cli_usage_error("beraad", "onbekende opdracht '%s' (sjabloon of invoeren)", what);
}
