/* wijkdata rank: the wijkopgaven per buurt, with rank intervals and priority tiers. */
#include "cli/cli.h"

#include "engine/wd_export.h"
#include "engine/wd_rank.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_rank[] =
    "Gebruik: wijkdata rank [--gemeente GMxxxx] [--opgave ID] [--trekkingen N] [--seed N]\n"
    "                       [--jaar JJJJ] [--format csv|json] [--out BESTAND] [--threads N]\n"
    "                       [--store PAD]\n"
    "\n"
    "Rangschikt de buurten van elke gemeente per wijkopgave (vitaal ouder worden, eenzaamheid\n"
    "en meedoen, mentaal welzijn, leefstijl, bestaanszekerheid): score = gewogen gemiddelde\n"
    "van de z-scores van de indicatoren van de opgave, met het teken zo dat hoger = meer\n"
    "opgave. Rang 1 = de grootste opgave. Omdat gewichten keuzes zijn, wordt de rangschikking\n"
    "N keer herhaald met elk gewicht maal een toevalsgetal tussen 0,75 en 1,25: per buurt de\n"
    "mediane rang en het 5-95%-interval, en de gemiddelde absolute rangverschuiving.\n"
    "Prioriteit: hoge prioriteit (mediane rang in het eerste derde), middel, lage prioriteit\n"
    "(laatste derde). Buurten met minder inwoners dan min_inwoners (draagkracht_draaglast.json)\n"
    "worden getoond maar niet gerangschikt. De uitkomst wordt ook bewaard in de store (tabel\n"
    "opgave_ranks), zodat profielen de grootste opgaven van een buurt kunnen tonen; pas als de\n"
    "uitvoer helemaal geschreven is (een volle schijf laat de store zoals hij was).\n"
    "\n"
    "  --gemeente GMxxxx  alleen deze gemeente (standaard alle gemeenten)\n"
    "  --opgave ID        alleen deze opgave (zie indicators/opgaven.json)\n"
    "  --trekkingen N     aantal Monte Carlo-trekkingen (standaard 1000)\n"
    "  --seed N           startwaarde van het toeval (zelfde seed, zelfde uitkomst)\n"
    "  --jaar JJJJ        peiljaar (standaard het nieuwste jaar met buurtgegevens)\n"
    "  --format FORMAAT   csv (standaard) of json\n"
    "  --threads N        gemeenten tegelijk (standaard een per processorkern); de uitvoer\n"
    "                     is dezelfde bij elk aantal\n"
    "  --opgaven BESTAND, --indicators BESTAND, --balans BESTAND   eigen definities (JSON)\n";

typedef struct {
    const cli_options *o;
    int json;
    wd_opgave_set *opg;
} run;

/* On a worker thread: rank the gemeente's buurten and write them, in memory. */
static int rank_gemeente(wd_each_job *job, void *ctx, wd_error *err)
{
    const run *w = ctx;
    wd_rank_options opt = {.draws = w->o->draws,
                           .seed = w->o->seed,
                           .min_population = job->res->set->balance.min_population,
                           .year = w->o->year};
    wd_ranking *rk = NULL;
    int rc = wd_rank(&rk, job->res, w->opg, &opt, err);
    job->data = rk;
    if (!rc && w->json && job->first) rc = wd_export_ranking_json_begin(job->out, rk, err);
    if (!rc)
        rc = w->json ? wd_export_ranking_json(job->out, rk, !job->first, err)
                     : wd_export_ranking_csv(job->out, rk, job->first, err);
    return rc;
}

/* In order: keep the ranking in the store, for the profiles. */
static int save_ranking(wd_each_job *job, void *ctx, wd_error *err)
{
    (void)ctx;
    return wd_rank_save(job->data, job->store, err);
}

static void free_ranking(wd_each_job *job, void *ctx)
{
    (void)ctx;
    wd_rank_free(job->data);
}

static int json_end(FILE *f, void *ctx, wd_error *err)
{
    (void)ctx;
    return wd_export_ranking_json_end(f, err);
}

/* Keep only the opgave `id` in the set. */
static int select_opgave(wd_opgave_set *opg, const char *id, wd_error *err)
{
    int at = wd_opgaven_find(opg, id);
    if (at < 0) {
        char known[512] = "";
        for (size_t i = 0; i < opg->n; i++)
            snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s", i ? ", " : "",
                     opg->items[i].id);
        return wd_error_set(err, WD_EUSAGE, "onbekende opgave '%s' (kies uit: %s)", id, known);
    }
    opg->items[0] = opg->items[at];
    opg->n = 1;
    return 0;
}

int cli_cmd_rank(int argc, char **argv, cli_options *o)
{
    int code = CLI_EXIT_OK;
    o->draws = WD_RANK_DEFAULT_DRAWS;
    o->seed = WD_RANK_DEFAULT_SEED;
    int first = cli_parse_options("rank", usage_rank, argc, argv, o, &code);
    if (first < 0) return code;
    if (first != argc) return cli_usage_error("rank", "onverwacht argument '%s'", argv[first]);
    run w = {.o = o, .json = cli_table_format("rank", o->format, &code)};
    if (w.json < 0) return code;
    wd_error err = {0};
    wd_session s;
    wd_session_options so = cli_session_options(o);
    int rc = wd_session_open(&s, &so, &err);
    if (!rc) rc = wd_session_opgaven(&s, &err);
    w.opg = s.opg;
    if (!rc && o->opgave) rc = select_opgave(w.opg, o->opgave, &err);
    /* A ranking compares buurten within their gemeente: no values for Nederland needed. */
    unsigned char *none = rc ? NULL : calloc(s.set->n + 1, 1);
    if (!rc && !none) rc = wd_error_set(&err, WD_ENOMEM, "geen geheugen meer");
    if (!rc) {
        wd_each_options each = {.land_need = none,
                                .work = rank_gemeente,
                                .deliver = save_ranking,
                                .release = free_ranking,
                                .ctx = &w};
        rc = cli_each_gemeente_to(&s, o, &each, NULL, w.json ? json_end : NULL, NULL, &err);
    }
    free(none);
    wd_session_close(&s);
    return rc ? cli_fail(&err) : CLI_EXIT_OK;
}
