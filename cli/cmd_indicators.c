/* wijkdata indicators: every indicator per region as CSV. */
#include "cli/cli.h"

#include "engine/wd_export.h"

#include <stdio.h>

static const char usage_indicators[] =
    "Gebruik: wijkdata indicators [--gemeente GMxxxx] [--level buurt|wijk|gemeente|alle]\n"
    "                             [--jaar JJJJ] [--out BESTAND.csv] [--store PAD]\n"
    "\n"
    "Schrijft per regio en indicator: waarde, vlaggen (ontbreekt, geheim_of_te_klein,\n"
    "modelschatting, proxy), de waarde van de gemeente en de trend (helling per jaar met 95%-\n"
    "betrouwbaarheidsinterval en p-waarde) als CSV (komma, decimale punt). Zonder --out naar\n"
    "standaarduitvoer. Ook de indexen draagkracht_index en draaglast_index (100 = gemeente).\n"
    "De uitkomsten worden ook bewaard in de tabel results van de store.\n"
    "\n"
    "  --gemeente GMxxxx  alleen deze gemeente (standaard alle regio's in de store)\n"
    "  --level NIVEAU     buurt, wijk, gemeente of alle (standaard buurt)\n"
    "  --jaar JJJJ        peiljaar (standaard per regio het laatste jaar met inwoners)\n"
    "  --indicators BESTAND, --balans BESTAND   eigen definities (JSON)\n";

static int write_indicators(FILE *f, void *ctx, wd_error *err)
{
    void **a = ctx;
    return wd_export_indicators_csv(f, a[0], a[1], err);
}

int cmd_indicators(int argc, char **argv, options *o)
{
    int code = EXIT_OK;
    o->level = WD_LEVEL_BUURT;
    int first = parse_options("indicators", usage_indicators, argc, argv, o, &code);
    if (first < 0) return code;
    if (first != argc) return usage_error("indicators", "onverwacht argument '%s'", argv[first]);
    wd_error err = {0};
    session s;
    int rc = session_open(&s, o, o->gemeente, &err);
    if (!rc) rc = wd_results_save(s.res, s.store, &err);
    if (!rc) {
        wd_export_filter filter = {.level = o->level, .year = o->year > 0 ? o->year : -1};
        void *ctx[2] = {s.res, &filter};
        if (o->out)
            rc = wd_write_atomic(o->out, write_indicators, ctx, &err);
        else
            rc = write_indicators(stdout, ctx, &err);
    }
    session_close(&s);
    return rc ? fail(&err) : EXIT_OK;
}
