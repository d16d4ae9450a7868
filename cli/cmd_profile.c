/* wijkdata profile: the wijkprofiel (PDF, or one page as PNG or SVG) of one region. */
#include "cli/cli.h"

#include "plots/wd_profile.h"
#include "plots/wd_profile_fill.h"

#include <stdio.h>
#include <stdlib.h>
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
    "  --jaar JJJJ        peiljaar (standaard het laatste jaar met gegevens)\n"
    "  --indicators BESTAND  eigen indicatordefinities (JSON), aanvulling op de standaard\n"
    "  --balans BESTAND   eigen definitie van draagkracht en draaglast (JSON)\n"
    "  --opgaven BESTAND  eigen wijkopgaven (JSON), aanvulling op de standaard\n";

/* Resolution of --format png: sharp on screen, small enough to mail. */
#define PNG_DPI 150

static int parse_format(const char *s, wd_format *out)
{
    if (!s || strcmp(s, "pdf") == 0)
        *out = WD_FORMAT_PDF;
    else if (strcmp(s, "png") == 0)
        *out = WD_FORMAT_PNG;
    else if (strcmp(s, "svg") == 0)
        *out = WD_FORMAT_SVG;
    else
        return -1;
    return 0;
}

int render_region(const session *s, size_t r, int year, const char *format, int page,
                  const char *path, wd_error *err)
{
    wd_format f;
    if (parse_format(format, &f) != 0)
        return wd_error_set(err, WD_EUSAGE, "onbekend formaat '%s' (kies pdf, png of svg)", format);
    int y = year > 0 ? year - s->ds->year0 : -1;
    if (year > 0 && (y < 0 || y >= s->ds->n_years))
        return wd_error_set(err, WD_EUSAGE, "geen gegevens voor jaar %d (de store heeft %d-%d)",
                            year, s->ds->year0, s->ds->year0 + s->ds->n_years - 1);
    wd_profile *p = malloc(sizeof *p);
    if (!p) return wd_error_set(err, WD_ENOMEM, "out of memory");
    char today[32];
    today_nl(today, sizeof today);
    int rc = wd_profile_fill(p, s->res, s->rk, s->geo, r, y, s->demo, today, err);
    if (!rc) rc = wd_profile_render(p, f, page > 0 ? page - 1 : 0, PNG_DPI, path, err);
    free(p);
    return rc;
}

int cmd_profile(int argc, char **argv, options *o)
{
    int code = EXIT_OK;
    int first = parse_options("profile", usage_profile, argc, argv, o, &code);
    if (first < 0) return code;
    if (argc - first != 1)
        return usage_error("profile", "geef precies een regiocode, bijvoorbeeld BU99990101%s", "");
    wd_format f;
    if (parse_format(o->format, &f) != 0)
        return usage_error("profile", "onbekend formaat '%s' (kies pdf, png of svg)", o->format);
    if (o->page > 0 && f == WD_FORMAT_PDF)
        return usage_error("profile", "--pagina hoort bij --format png of svg%s", "");
    const char *region = argv[first];
    char gem[WD_CODE_MAX], out[512];
    wd_error err = {0};
    session s = {0};
    int rc = wd_store_open(&s.store, o->store, 0, &err);
    if (!rc) rc = gemeente_of(s.store, region, gem, sizeof gem, &err);
    wd_store_close(s.store);
    s.store = NULL;
    if (!rc) rc = session_open(&s, o, gem, 1, &err);
    if (!rc) rc = session_rank(&s, o, o->year, &err);
    if (!rc) rc = session_geo(&s, o->year, &err);
    if (!rc) {
        snprintf(out, sizeof out, "%s.%s", region, o->format ? o->format : "pdf");
        const char *path = o->out ? o->out : out;
        int r = wd_dataset_region(s.ds, region);
        rc = r < 0 ? wd_error_set(&err, WD_ENOTFOUND, "onbekende regiocode '%s'", region)
                   : render_region(&s, (size_t)r, o->year, o->format, o->page, path, &err);
        if (!rc) printf("%s\n", path);
    }
    session_close(&s);
    return rc ? fail(&err) : EXIT_OK;
}
