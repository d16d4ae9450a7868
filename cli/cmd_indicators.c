/* wijkdata indicators: every indicator per region as CSV or JSON. */
#include "cli/cli.h"

#include "engine/wd_export.h"
#include "engine/wd_file.h"

#include <stdio.h>
#include <string.h>

static const char usage_indicators[] =
    "Gebruik: wijkdata indicators [--gemeente GMxxxx] [--level buurt|wijk|gemeente|alle]\n"
    "                             [--jaar JJJJ] [--format csv|json|zoals] [--out BESTAND]\n"
    "                             [--threads N] [--store PAD]\n"
    "\n"
    "Schrijft per regio en indicator: waarde, vlaggen (ontbreekt, geheim_of_te_klein,\n"
    "modelschatting, proxy, berekend_uit_buurten), de waarde van de wijk, de gemeente en\n"
    "Nederland, de z-score tegen de gemeente (waarde min gemeentewaarde, gedeeld door de\n"
    "standaardafwijking over de buurten van de gemeente) en de trend (helling per jaar met\n"
    "95%-betrouwbaarheidsinterval en p-waarde), als CSV (komma, decimale punt) of JSON.\n"
    "Zonder --out naar standaarduitvoer. Ook de indexen draagkracht_index en draaglast_index\n"
    "(100 = gemeente). De getoonde waarden worden ook bewaard in de tabel results van de store,\n"
    "pas als de uitvoer helemaal geschreven is (een volle schijf laat de store zoals hij was).\n"
    "\n"
    "  --gemeente GMxxxx  alleen deze gemeente (standaard alle gemeenten)\n"
    "  --level NIVEAU     buurt, wijk, gemeente of alle (standaard buurt)\n"
    "  --jaar JJJJ        peiljaar (standaard per regio het laatste jaar met inwoners)\n"
    "  --format FORMAAT   csv (standaard) of json; zoals: per buurt de tien buurten van de\n"
    "                     hele store die er het meest op lijken (buurtcode, rang, code, naam,\n"
    "                     wijkcode, afstand), een rij per paar\n"
    "  --threads N        gemeenten tegelijk (standaard een per processorkern); de uitvoer\n"
    "                     is dezelfde bij elk aantal\n"
    "  --indicators BESTAND, --balans BESTAND   eigen definities (JSON)\n";

typedef struct {
    const cli_options *o;
    int json;
    int similar;   /* --format zoals */
    wd_session *s; /* for zoals */
} run;

/* On a worker thread: the gemeente's rows, in memory. */
static int format_gemeente(wd_each_job *job, void *ctx, wd_error *err)
{
    const run *w = ctx;
    wd_export_filter filter = {.level = w->o->level,
                               .year = w->o->year,
                               .skip_header = !job->first,
                               .skip_land = !job->first};
    return w->json ? wd_export_indicators_json(job->out, job->res, &filter, err)
                   : wd_export_indicators_csv(job->out, job->res, &filter, err);
}

/* In order: keep what is shown in the store (the country's rows with the first gemeente). */
static int save_gemeente(wd_each_job *job, void *ctx, wd_error *err)
{
    const run *w = ctx;
    return wd_results_save(job->res, job->store, w->o->year, job->index > 0, err);
}

static int json_begin(FILE *f, void *ctx, wd_error *err)
{
    return wd_export_indicators_json_begin(f, ((wd_session *)ctx)->set, err);
}

static int json_end(FILE *f, void *ctx, wd_error *err)
{
    (void)ctx;
    return wd_export_indicators_json_end(f, err);
}

/* --format zoals: the buurten most alike of the store's buurten (or of one gemeente's). */
static int write_similar(FILE *f, void *ctx, wd_error *err)
{
    const run *w = ctx;
    int rc = wd_session_similar(w->s, w->o->year, err);
    return rc ? rc : wd_similar_write_csv(f, w->s->similar, w->s->store, w->o->gemeente, err);
}

int cli_cmd_indicators(int argc, char **argv, cli_options *o)
{
    int code = CLI_EXIT_OK;
    o->level = WD_LEVEL_BUURT;
    int first = cli_parse_options("indicators", usage_indicators, argc, argv, o, &code);
    if (first < 0) return code;
    if (first != argc)
        return cli_usage_error("indicators", "onverwacht argument '%s'", argv[first]);
    int similar = o->format && strcmp(o->format, "zoals") == 0;
    run w = {o, similar ? 0 : cli_table_format("indicators", o->format, &code), similar, NULL};
    if (w.json < 0) return code;
    wd_error err = {0};
    wd_session s;
    wd_session_options so = cli_session_options(o);
    int rc = wd_session_open(&s, &so, &err);
    w.s = &s;
    if (!rc && similar) {
        if (o->out) wd_file_clean_beside(o->out);
        rc = wd_file_write_atomic(o->out, write_similar, &w, &err);
    } else if (!rc) {
        wd_each_options each = {.work = format_gemeente, .deliver = save_gemeente, .ctx = &w};
        rc = cli_each_gemeente_to(&s, o, &each, w.json ? json_begin : NULL,
                                  w.json ? json_end : NULL, &s, &err);
    }
    wd_session_close(&s);
    return rc ? cli_fail(&err) : CLI_EXIT_OK;
}
