/* wijkdata controle: the QA report of a gemeente's data for the analyst (engine/wd_controle.h). */
#include "cli/cli.h"

#include "engine/wd_controle.h"
#include "engine/wd_file.h"

#include <stdio.h>
#include <string.h>

static const char usage_controle[] =
    "Gebruik: wijkdata controle --gemeente GMxxxx [--format tekst|csv] [--out BESTAND]\n"
    "                           [--store PAD]\n"
    "\n"
    "Wat een analist moet weten voor hij de cijfers van een gemeente gebruikt:\n"
    "  1. per tabel de cellen zonder waarde en waarom (geheim of onbetrouwbaar, volgt in een\n"
    "     latere levering, niet meer gepubliceerd, geen gegevens), per variabele met de\n"
    "     regio's;\n"
    "  2. variabelen waarvan het achtervoegsel (_N) tussen de jaren of tussen leveringen van\n"
    "     een tabel veranderde, of de titel of eenheid (een andere definitie?);\n"
    "  3. regio's met een indelingswijziging (IndelingswijzigingGemeenteWijkBuurt anders dan 1),\n"
    "     grenzen die tussen de jaren verschillen, buurten zonder grens;\n"
    "  4. cijfers die in een jaar ontbreken terwijl het jaar ervoor of erna ze wel heeft.\n"
    "De store wordt alleen gelezen.\n"
    "\n"
    "  --gemeente GMxxxx  de gemeente (verplicht)\n"
    "  --format FORMAAT   tekst (standaard) of csv (een rij per bevinding)\n"
    "  --out BESTAND      het bestand (standaard naar standaarduitvoer)\n";

static int write_report(FILE *f, void *ctx, wd_error *err)
{
    const void *const *x = ctx;
    const wd_controle *c = x[0];
    return *(const int *)x[1] ? wd_controle_write_csv(f, c, err)
                              : wd_controle_write_text(f, c, err);
}

int cli_cmd_controle(int argc, char **argv, cli_options *o)
{
    int code = CLI_EXIT_OK;
    int first = cli_parse_options("controle", usage_controle, argc, argv, o, &code);
    if (first < 0) return code;
    if (first != argc) return cli_usage_error("controle", "onverwacht argument '%s'", argv[first]);
    if (!o->gemeente)
        return cli_usage_error("controle", "geef de gemeente met --gemeente %s", "GMxxxx");
    int csv = 0;
    if (o->format && strcmp(o->format, "csv") == 0)
        csv = 1;
    else if (o->format && strcmp(o->format, "tekst") != 0)
        return cli_usage_error("controle", "onbekend formaat '%s' (kies tekst of csv)", o->format);
    wd_error err = {0};
    wd_store *store = NULL;
    wd_controle *c = NULL;
    int rc = wd_store_open_read(&store, o->store, &err);
    if (!rc) rc = wd_controle_run(&c, store, o->gemeente, &err);
    const void *ctx[2] = {c, &csv};
    if (!rc && o->out) wd_file_clean_beside(o->out);
    if (!rc) rc = wd_file_write_atomic(o->out, write_report, (void *)ctx, &err);
    wd_controle_free(c);
    wd_store_close(store);
    if (rc) return cli_fail(&err);
    if (o->out) fprintf(stderr, "%s geschreven\n", o->out);
    return CLI_EXIT_OK;
}
