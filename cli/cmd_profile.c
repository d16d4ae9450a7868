/* wijkdata profile: the wijkprofiel (PDF, or one page as PNG or SVG) of one region. */
#include "cli/cli.h"

#include "engine/wd_file.h"
#include "plots/wd_render.h"

#include <stdio.h>
#include <string.h>

static const char usage_profile[] =
    "Gebruik: wijkdata profile REGIOCODE [-o BESTAND] [--format pdf|png|svg] [--pagina N]\n"
    "                        [--store PAD] [--jaar JJJJ]\n"
    "\n"
    "Maakt het wijkprofiel van een buurt (BU...), wijk (WK...) of gemeente (GM...): een A4-PDF\n"
    "met kerncijfers naast wijk, gemeente en Nederland, de balans tussen draagkracht en\n"
    "draaglast met de formule, gezondheid (RIVM-modelschattingen met hun 95%-interval),\n"
    "leefbaarheid en trends, kaarten, voor een wijk of gemeente de buurten of wijken\n"
    "vergeleken, en alle bronnen. Een buurtprofiel toont de drie grootste wijkopgaven met hun\n"
    "rangintervallen (zoals wijkdata rank met de standaardinstellingen).\n"
    "\n"
    "  -o, --out BESTAND  uitvoer (standaard REGIOCODE.pdf, .png of .svg)\n"
    "  --format FORMAAT   pdf (standaard, alle pagina's), png (150 dpi) of svg: een pagina\n"
    "  --pagina N         de pagina voor png of svg (standaard 1)\n"
    "  --jaar JJJJ        peiljaar (standaard het nieuwste jaar met buurtgegevens)\n"
    "  --indicators BESTAND  eigen indicatordefinities (JSON), aanvulling op de standaard\n"
    "  --balans BESTAND   eigen definitie van draagkracht en draaglast (JSON)\n"
    "  --opgaven BESTAND  eigen wijkopgaven (JSON), aanvulling op de standaard\n";

int cli_cmd_profile(int argc, char **argv, cli_options *o)
{
    int code = CLI_EXIT_OK;
    int first = cli_parse_options("profile", usage_profile, argc, argv, o, &code);
    if (first < 0) return code;
    if (argc - first != 1)
        return cli_usage_error("profile", "geef precies een regiocode, bijvoorbeeld BU99990101%s",
                               "");
    wd_format f;
    if (wd_render_format(o->format, &f) != 0)
        return cli_usage_error("profile", "onbekend formaat '%s' (kies pdf, png of svg)",
                               o->format);
    if (o->page > 0 && f == WD_FORMAT_PDF)
        return cli_usage_error("profile", "--pagina hoort bij --format png of svg%s", "");
    const char *region = argv[first];
    char out[512];
    wd_error err = {0};
    wd_session s;
    wd_session_options so = cli_session_options(o);
    so.read_only = 1;
    int rc = wd_render_open(&s, &so, region, o->year, &err);
    if (!rc) {
        snprintf(out, sizeof out, "%s.%s", region, o->format ? o->format : "pdf");
        const char *path = o->out ? o->out : out;
        wd_file_clean_beside(path);
        int r = wd_dataset_region(s.ds, region);
        rc = r < 0 ? wd_error_set(&err, WD_ENOTFOUND, "onbekende regiocode '%s'", region)
                   : wd_render_region(&s, (size_t)r, o->year, f, o->page, path, &err);
        if (!rc) printf("%s\n", path);
    }
    wd_session_close(&s);
    return rc ? cli_fail(&err) : CLI_EXIT_OK;
}
