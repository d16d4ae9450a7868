/* wijkdata: the command-line program. It parses arguments, calls the library, shows progress
 * on stderr and maps errors to exit codes (0 success, 1 runtime error, 2 usage error). All
 * behaviour lives in the library; each command in its own cli/cmd_*.c. */
#include "cli/cli.h"

#include "lib/wd_lib.h"

#include <stdio.h>
#include <string.h>

static const char usage_main[] =
    "wijkdata " WD_VERSION " - van wijkdata naar wijkdoen\n"
    "\n"
    "Open buurtcijfers (CBS, RIVM, Leefbaarometer, PDOK) in een lokale store, indicatoren\n"
    "over draagkracht en draaglast per buurt, en printbare wijkprofielen (PDF).\n"
    "\n"
    "Gebruik: wijkdata OPDRACHT [opties]\n"
    "\n"
    "Opdrachten:\n"
    "  demo         maak de demonstratiegegevens (gemeente Voorbeeldstad), lees ze in en\n"
    "               maak de wijkprofielen: de snelste kennismaking\n"
    "  profile      maak het wijkprofiel (PDF) van een buurt, wijk of gemeente\n"
    "  profiles     maak de wijkprofielen van alle buurten en wijken van een gemeente, of\n"
    "               van alle gemeenten in de store\n"
    "  indicators   indicatoren per regio als CSV of JSON (waarde, vlaggen, wijk, gemeente,\n"
    "               Nederland, z-score, trend)\n"
    "  rank         wijkopgaven per buurt: score, rang met 5-95%-interval, prioriteit\n"
    "  export       alle indicatoren, een rij per regio, voor Excel (csv-nl, xlsx) en QGIS\n"
    "               (geojson, gpkg)\n"
    "  controle     controlerapport van een gemeente: ontbrekende en geheime cellen,\n"
    "               veranderde variabelen, indelingswijzigingen, gaten tussen jaren\n"
    "  site         de wijkprofielen van een gemeente als website (HTML met SVG, en PDF),\n"
    "               werkt vanaf de schijf en op elke webserver\n"
    "  fetch        haal de open data van een gemeente op (CBS, RIVM, Leefbaarometer, PDOK)\n"
    "               en lees ze in de store\n"
    "  import       lees een lokaal bestand in (StatLine, CSV of JSON met koppelbestand,\n"
    "               Leefbaarometer-CSV of -zip, PDOK-GeoJSON, CBS OData v4)\n"
    "  poster       poster voor de wijkdialoog (A3 of A4): kerncijfers in grote letters,\n"
    "               draagkracht en draaglast, wijkopgaven in groepen van buurten\n"
    "  gespreksblad A4 voor de gespreksleider: de cijfers achter elke opgave, wat ze\n"
    "               wel en niet zeggen, en drie open vragen\n"
    "  stemkaart    A4-stemkaart: de wijkopgaven met vakjes voor stippen\n"
    "  beraad       sjabloon voor een bewonersberaad, en het ingevulde sjabloon vastleggen\n"
    "               (met de nulmeting van de gekozen opgaven)\n"
    "  voortgang    verslag (PDF): zijn de cijfers van de gekozen opgaven veranderd sinds\n"
    "               het beraad, meer dan toeval?\n"
    "  regions      de regio's in de store\n"
    "  gebied       werkgebieden: eigen gebieden van buurten en wijken (maak, lijst,\n"
    "               verwijder)\n"
    "  sources      de bronnen: tabellen, licentie en bronvermelding\n"
    "\n"
    "Algemene opties:\n"
    "  --store PAD  de store (standaard wijkdata.db in de huidige map)\n"
    "  -h, --help   deze hulp; 'wijkdata OPDRACHT --help' geeft hulp per opdracht\n"
    "  --version    versie\n"
    "\n"
    "Afsluitcodes: 0 gelukt, 1 fout tijdens het werk, 2 verkeerd gebruik.\n";

static const struct {
    const char *name;
    int (*run)(int argc, char **argv, cli_options *o);
} commands[] = {
    {"demo", cli_cmd_demo},
    {"profile", cli_cmd_profile},
    {"indicators", cli_cmd_indicators},
    {"import", cli_cmd_import},
    {"regions", cli_cmd_regions},
    {"fetch", cli_cmd_fetch},
    {"sources", cli_cmd_sources},
    {"rank", cli_cmd_rank},
    {"profiles", cli_cmd_profiles},
    {"export", cli_cmd_export},
    {"controle", cli_cmd_controle},
    {"site", cli_cmd_site},
    {"poster", cli_cmd_poster},
    {"gespreksblad", cli_cmd_gespreksblad},
    {"stemkaart", cli_cmd_stemkaart},
    {"beraad", cli_cmd_beraad},
    {"voortgang", cli_cmd_voortgang},
    {"gebied", cli_cmd_gebied},
};

int main(int argc, char **argv)
{
    cli_options o = {.store = WD_STORE_DEFAULT_PATH, .level = -1, .year = 0};
    if (argc < 2) {
        fputs(usage_main, stderr);
        return CLI_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage_main, stdout);
        return CLI_EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("wijkdata %s\n", WD_VERSION);
        return CLI_EXIT_OK;
    }
    wd_error err = {0};
    if (wd_lib_init(&err)) return cli_fail(&err);
    int rc = -1;
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(cmd, commands[i].name) == 0) rc = commands[i].run(argc - 1, argv + 1, &o);
    if (rc < 0) rc = cli_usage_error(NULL, "onbekende opdracht '%s'", cmd);
    wd_lib_cleanup();
    return rc;
}
