/* wijkdata profile: the wijkprofiel (PDF) of one region. */
#include "cli/cli.h"

#include "plots/wd_profile.h"
#include "plots/wd_profile_fill.h"

#include <stdio.h>
#include <stdlib.h>

static const char usage_profile[] =
    "Gebruik: wijkdata profile REGIOCODE [-o BESTAND.pdf] [--store PAD] [--jaar JJJJ]\n"
    "\n"
    "Maakt het wijkprofiel van een buurt (BU...), wijk (WK...) of gemeente (GM...): een A4-PDF\n"
    "met kerncijfers naast wijk, gemeente en Nederland, leeftijdsopbouw, een trend, de balans\n"
    "tussen draagkracht en draaglast met de formule, en alle bronnen.\n"
    "\n"
    "  -o, --out BESTAND  uitvoer (standaard REGIOCODE.pdf)\n"
    "  --jaar JJJJ        peiljaar (standaard het laatste jaar met gegevens)\n"
    "  --indicators BESTAND  eigen indicatordefinities (JSON), aanvulling op de standaard\n"
    "  --balans BESTAND   eigen definitie van draagkracht en draaglast (JSON)\n";

int render_region(const session *s, size_t r, int year, const char *path, wd_error *err)
{
    wd_profile *p = malloc(sizeof *p);
    char today[32];
    if (!p) return wd_error_set(err, WD_ENOMEM, "out of memory");
    today_nl(today, sizeof today);
    int y = year > 0 ? year - s->ds->year0 : -1;
    int rc = 0;
    if (year > 0 && (y < 0 || y >= s->ds->n_years))
        rc = wd_error_set(err, WD_EUSAGE, "geen gegevens voor jaar %d (de store heeft %d-%d)", year,
                          s->ds->year0, s->ds->year0 + s->ds->n_years - 1);
    if (!rc) rc = wd_profile_fill(p, s->res, r, y, s->demo, today, err);
    if (!rc) rc = wd_profile_render_pdf(p, path, err);
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
    const char *region = argv[first];
    char gem[WD_CODE_MAX], out[512];
    wd_error err = {0};
    session s = {0};
    int rc = wd_store_open(&s.store, o->store, 0, &err);
    if (!rc) rc = gemeente_of(s.store, region, gem, sizeof gem, &err);
    wd_store_close(s.store);
    s.store = NULL;
    if (!rc) rc = session_open(&s, o, gem, &err);
    if (!rc) {
        snprintf(out, sizeof out, "%s.pdf", region);
        const char *path = o->out ? o->out : out;
        int r = wd_dataset_region(s.ds, region);
        rc = r < 0 ? wd_error_set(&err, WD_ENOTFOUND, "onbekende regiocode '%s'", region)
                   : render_region(&s, (size_t)r, o->year, path, &err);
        if (!rc) printf("%s\n", path);
    }
    session_close(&s);
    return rc ? fail(&err) : EXIT_OK;
}
