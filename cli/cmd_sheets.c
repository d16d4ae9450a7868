/* wijkdata poster, gespreksblad and stemkaart: the material for the wijkdialoog of one region
 * (plots/wd_sheet.h), each a PDF. */
#include "cli/cli.h"

#include "engine/wd_name.h"
#include "plots/wd_render.h"
#include "plots/wd_sheet_fill.h"

#include <stdio.h>
#include <string.h>

static const char usage_poster[] =
    "Gebruik: wijkdata poster REGIOCODE [-o BESTAND] [--formaat a3|a4] [--store PAD]\n"
    "                       [--jaar JJJJ]\n"
    "\n"
    "Maakt een poster (PDF) voor de muur van de wijkdialoog over een buurt (BU...), wijk\n"
    "(WK...) of gemeente (GM...): de naam, zes kerncijfers in grote letters, elk met een\n"
    "zin die het vergelijkt met de gemeente en een leeg vak 'Klopt dit? Wat mist er?' voor\n"
    "plakbriefjes, de balans tussen draagkracht en draaglast, en de wijkopgaven als groepen\n"
    "van buurten waarvan de volgorde niet vaststaat (in plaats van rangen). Letters van\n"
    "minstens 14 punt, cijfers van 40 punt; zwart-wit te kopiëren.\n"
    "\n"
    "  -o, --out BESTAND  uitvoer (standaard REGIOCODE-poster.pdf)\n"
    "  --formaat FORMAAT  a3 (standaard: een staande A3) of a4 (dezelfde poster op twee\n"
    "                     liggende A4's, die naast elkaar de A3 vormen)\n"
    "  --jaar JJJJ        peiljaar (standaard het nieuwste jaar met buurtgegevens)\n"
    "  --indicators BESTAND, --balans BESTAND, --opgaven BESTAND  eigen definities,\n"
    "                     zoals bij wijkdata profile\n";

static const char usage_gesprek[] =
    "Gebruik: wijkdata gespreksblad REGIOCODE [-o BESTAND] [--store PAD] [--jaar JJJJ]\n"
    "\n"
    "Maakt een A4 (PDF) voor wie het gesprek aan tafel leidt: per wijkopgave van de buurt,\n"
    "wijk of gemeente de twee of drie cijfers erachter, wat ze wel en niet zeggen\n"
    "(modelschatting, kleine aantallen, interval), en drie open vragen uit de cijfers: waar\n"
    "het gebied het meest afwijkt van de gemeente, waar een cijfer van richting veranderde,\n"
    "en waar cijfers elkaar tegenspreken.\n"
    "\n"
    "  -o, --out BESTAND  uitvoer (standaard REGIOCODE-gespreksblad.pdf)\n"
    "  --jaar JJJJ        peiljaar (standaard het nieuwste jaar met buurtgegevens)\n"
    "  --indicators BESTAND, --balans BESTAND, --opgaven BESTAND  eigen definities\n";

static const char usage_stem[] =
    "Gebruik: wijkdata stemkaart --gebied CODE [-o BESTAND] [--store PAD]\n"
    "\n"
    "Maakt een A4-stemkaart (PDF) voor een buurt, wijk of gemeente: alle wijkopgaven, elk\n"
    "met een regel uitleg en drie vakjes voor stippen, en een lege regel voor een opgave die\n"
    "mist. De opgaven staan in de vaste volgorde van de definities, niet op grootte: de\n"
    "kaart stuurt de stem niet.\n"
    "\n"
    "  --gebied CODE      het gebied (BU..., WK... of GM...)\n"
    "  -o, --out BESTAND  uitvoer (standaard CODE-stemkaart.pdf)\n"
    "  --opgaven BESTAND  eigen wijkopgaven (JSON), aanvulling op de standaard\n";

/* Open the session of `region`, write its sheet, print the path. */
static int write_sheet(const char *name, const char *region, wd_sheet_kind kind,
                       wd_sheet_paper paper, const cli_options *o)
{
    char stem[512], out[512];
    snprintf(stem, sizeof stem, "%s-%s", region, name);
    wd_name_file(out, sizeof out, stem, "pdf");
    const char *path = o->out ? o->out : out;
    wd_error err = {0};
    wd_session s;
    wd_session_options so = cli_session_options(o);
    int rc = wd_render_open(&s, &so, region, o->year, &err);
    if (!rc) {
        int r = wd_dataset_region(s.ds, region);
        rc = r < 0 ? wd_error_set(&err, WD_ENOTFOUND, "onbekende regiocode '%s'", region)
                   : wd_sheet_render_region(&s, (size_t)r, o->year, kind, paper, path, &err);
        if (!rc) printf("%s\n", path);
    }
    wd_session_close(&s);
    return rc ? cli_fail(&err) : CLI_EXIT_OK;
}

int cli_cmd_poster(int argc, char **argv, cli_options *o)
{
    int code = CLI_EXIT_OK;
    int first = cli_parse_options("poster", usage_poster, argc, argv, o, &code);
    if (first < 0) return code;
    if (argc - first != 1)
        return cli_usage_error("poster", "geef precies een regiocode, bijvoorbeeld BU99990101%s",
                               "");
    wd_sheet_paper paper;
    if (wd_sheet_paper_of(o->paper, &paper) != 0)
        return cli_usage_error("poster", "onbekend formaat '%s' (kies a3 of a4)", o->paper);
    return write_sheet("poster", argv[first], WD_SHEET_POSTER, paper, o);
}

int cli_cmd_gespreksblad(int argc, char **argv, cli_options *o)
{
    int code = CLI_EXIT_OK;
    int first = cli_parse_options("gespreksblad", usage_gesprek, argc, argv, o, &code);
    if (first < 0) return code;
    if (argc - first != 1)
        return cli_usage_error("gespreksblad",
                               "geef precies een regiocode, bijvoorbeeld BU99990101%s", "");
    if (o->paper)
        return cli_usage_error("gespreksblad", "--formaat hoort bij wijkdata poster%s", "");
    return write_sheet("gespreksblad", argv[first], WD_SHEET_GESPREK, WD_SHEET_A4, o);
}

int cli_cmd_stemkaart(int argc, char **argv, cli_options *o)
{
    int code = CLI_EXIT_OK;
    int first = cli_parse_options("stemkaart", usage_stem, argc, argv, o, &code);
    if (first < 0) return code;
    if (!o->gebied || argc - first != 0)
        return cli_usage_error("stemkaart", "geef het gebied met --gebied CODE%s", "");
    if (o->paper) return cli_usage_error("stemkaart", "--formaat hoort bij wijkdata poster%s", "");
    return write_sheet("stemkaart", o->gebied, WD_SHEET_STEMKAART, WD_SHEET_A4, o);
}
