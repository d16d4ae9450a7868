/* wijkdata profiles: the wijkprofiel of every gemeente, wijk and buurt, gemeenten side by side;
 * resumed after a killed run, a shard of a job array, with progress on the terminal or in the
 * log. */
#include "cli/cli.h"

#include "engine/wd_name.h"

#include "plots/wd_boekje.h"
#include "plots/wd_render.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage_profiles[] =
    "Gebruik: wijkdata profiles [--gemeente GMxxxx | --shard I/N] [--out MAP] [--resume]\n"
    "                           [--jaar JJJJ] [--threads N] [--store PAD]\n"
    "         wijkdata profiles --gemeente GMxxxx --boekje BESTAND.pdf [--jaar JJJJ]\n"
    "         wijkdata profiles --gebied WGxxxx --boekje BESTAND.pdf [--jaar JJJJ]\n"
    "\n"
    "Maakt het wijkprofiel (A4-PDF, zoals 'wijkdata profile') van de gemeente en van elke\n"
    "wijk en buurt ervan, en zonder --gemeente van elke gemeente in de store, als\n"
    "MAP/REGIOCODE.pdf. Elke gemeente wordt eenmaal geladen en doorgerekend, en er worden\n"
    "gemeenten naast elkaar gemaakt (een per processorkern). Elk bestand komt pas op zijn\n"
    "plaats als het af is. Een profiel dat niet gemaakt kan worden, wordt overgeslagen en aan\n"
    "het eind genoemd (afsluitcode 1); een volle of alleen-lezen schijf stopt de opdracht. De\n"
    "profielen die al klaar waren blijven staan. De store wordt alleen gelezen, zodat veel\n"
    "processen tegelijk dezelfde store kunnen gebruiken.\n"
    "\n"
    "  --gemeente GMxxxx  alleen deze gemeente (standaard alle gemeenten)\n"
    "  --shard I/N        alleen deel I van N: de gemeenten verdeeld naar aantal regio's,\n"
    "                     op elke machine gelijk; de delen 1/N tot en met N/N samen zijn alles\n"
    "                     (voor een job array: Slurm, GNU parallel, Kubernetes)\n"
    "  --resume           profielen die al heel in MAP staan bewaren, de rest maken (na een\n"
    "                     afgebroken run)\n"
    "  --boekje BESTAND   in plaats van losse bestanden een boekje van de gemeente: een PDF\n"
    "                     met omslag, inhoud met paginanummers (elke regel een link), een\n"
    "                     bladwijzer per regio en alle profielen (de gemeente, dan elke wijk\n"
    "                     met haar buurten, dan de werkgebieden)\n"
    "  --gebied WGxxxx    met --boekje: het boekje van een werkgebied (wijkdata gebied): het\n"
    "                     werkgebied, dan zijn delen in hun volgorde\n"
    "  --out MAP          map voor de profielen (standaard wijkprofielen)\n"
    "  --jaar JJJJ        peiljaar (standaard het nieuwste jaar met buurtgegevens)\n"
    "  --threads N        gemeenten tegelijk (standaard een per processorkern)\n"
    "  --indicators BESTAND, --balans BESTAND, --opgaven BESTAND   eigen definities (JSON)\n"
    "\n"
    "Op een terminal toont een regel de voortgang (aantal, tempo, resterende tijd); anders\n"
    "komt er per gemeente een regel in het log (standaardfout).\n";

/* The clock of a run, for the rate and the time left. */
typedef struct {
    struct timespec t0;
    int terminal;
} progress_view;

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* "12,5": one decimal, with a decimal comma. */
static void fmt_decimal(char *buf, size_t cap, double v)
{
    snprintf(buf, cap, "%.1f", v);
    char *dot = strchr(buf, '.');
    if (dot) *dot = ',';
}

/* "2 min 05 s", "45 s", "1 u 02 min". */
static void fmt_duration(char *buf, size_t cap, double secs)
{
    long s = (long)(secs + 0.5);
    if (s >= 3600)
        snprintf(buf, cap, "%ld u %02ld min", s / 3600, s / 60 % 60);
    else if (s >= 60)
        snprintf(buf, cap, "%ld min %02ld s", s / 60, s % 60);
    else
        snprintf(buf, cap, "%ld s", s);
}

/* Counts, the rate of the profiles made in this run (those kept cost nothing, so they do not
 * count for it) and the time left at that rate: one line overwritten on a terminal, a line per
 * gemeente in a log. */
static void show_progress(const wd_render_progress *pr, void *ctx)
{
    const progress_view *v = ctx;
    double secs = seconds_since(&v->t0);
    size_t made = pr->done - pr->kept;
    char rate[32] = "", left[48] = "nog onbekend", kept[64] = "";
    if (made > 0 && secs > 0) {
        double per_s = (double)made / secs;
        fmt_decimal(rate, sizeof rate, per_s);
        char d[32];
        fmt_duration(d, sizeof d, (double)(pr->total - pr->done) / per_s);
        snprintf(left, sizeof left, "nog %s", d);
    }
    if (pr->kept) snprintf(kept, sizeof kept, ", %zu bewaard", pr->kept);
    int pct = pr->total ? (int)(100.0 * (double)pr->done / (double)pr->total) : 100;
    char gm[4 * WD_CODE_MAX];
    fprintf(stderr, "%sprofielen %zu van %zu (%d%%%s), gemeente %zu van %zu (%s), %s%s%s%s",
            v->terminal ? "\r" : "wijkdata: ", pr->done, pr->total, pct, kept, pr->gemeenten_done,
            pr->gemeenten_total, wd_name_print(gm, sizeof gm, pr->gemeente), rate,
            rate[0] ? " per s, " : "", left, v->terminal ? "   " : "\n");
    fflush(stderr);
}

/* --boekje: the booklet of --gemeente or of the werkgebied --gebied. */
static int booklet(const cli_options *o)
{
    if (!o->gemeente == !o->gebied)
        return cli_usage_error("profiles",
                               "%s: een boekje is van een gemeente (--gemeente GMxxxx) of van een "
                               "werkgebied (--gebied WGxxxx)",
                               "--boekje");
    if (o->shards || o->resume)
        return cli_usage_error("profiles", "%s gaat niet samen met --shard of --resume",
                               "--boekje");
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    wd_error err = {0};
    wd_session s;
    wd_session_options so = cli_session_options(o);
    so.read_only = 1;
    const char *code = o->gemeente ? o->gemeente : o->gebied;
    int rc = wd_render_open(&s, &so, code, o->year, &err);
    int r = rc ? -1 : wd_dataset_region(s.ds, code);
    if (!rc && r < 0) rc = wd_error_set(&err, WD_ENOTFOUND, "onbekende regiocode '%s'", code);
    if (!rc) rc = wd_boekje_write(&s, (size_t)r, o->year, o->boekje, &err);
    wd_session_close(&s);
    if (rc) return cli_fail(&err);
    printf("boekje van %s in %s na %.1f s\n", code, o->boekje, seconds_since(&t0));
    return CLI_EXIT_OK;
}

int cli_cmd_profiles(int argc, char **argv, cli_options *o)
{
    int code = CLI_EXIT_OK;
    o->out = "wijkprofielen";
    int first = cli_parse_options("profiles", usage_profiles, argc, argv, o, &code);
    if (first < 0) return code;
    if (first != argc) return cli_usage_error("profiles", "onverwacht argument '%s'", argv[first]);
    if (o->gemeente && o->shards)
        return cli_usage_error("profiles", "%s: kies --gemeente of --shard, niet beide", "--shard");
    if (o->boekje) return booklet(o);
    if (o->gebied) return cli_usage_error("profiles", "%s hoort bij --boekje", "--gebied");
    progress_view view = {.terminal = isatty(STDERR_FILENO)};
    clock_gettime(CLOCK_MONOTONIC, &view.t0);
    wd_error err = {0};
    wd_session s;
    wd_session_options so = cli_session_options(o);
    so.read_only = 1;
    wd_render_report report = {0};
    int rc = wd_session_open(&s, &so, &err);
    if (!rc) {
        wd_render_options ro = {.gemeente = o->gemeente,
                                .dir = o->out,
                                .year = o->year,
                                .threads = o->threads,
                                .shard = o->shard,
                                .shards = o->shards,
                                .resume = o->resume,
                                .progress = show_progress,
                                .ctx = &view};
        rc = wd_render_profiles(&s, &ro, &report, &err);
        if (view.terminal && report.made + report.kept + report.n_failed) fputc('\n', stderr);
    }
    wd_session_close(&s);
    if (!rc || report.n_failed) {
        char kept[96] = "";
        if (report.kept)
            snprintf(kept, sizeof kept, " (%zu bewaard, %zu nieuw gemaakt)", report.kept,
                     report.made);
        printf("%zu profielen in %s/%s na %.1f s\n", report.made + report.kept, o->out, kept,
               seconds_since(&view.t0));
    }
    /* Each region that failed alone, then the run's error: their count, or what stopped it.
     * The code is the store's (any text in one of an older version), shown escaped. */
    for (size_t i = 0; i < report.n_failed; i++) {
        char shown[4 * WD_CODE_MAX];
        fprintf(stderr, "wijkdata: profiel %s niet gemaakt: %s\n",
                wd_name_print(shown, sizeof shown, report.failed[i].code),
                report.failed[i].err.msg);
    }
    if (rc) cli_fail(&err);
    wd_render_report_free(&report);
    return rc ? CLI_EXIT_RUNTIME : CLI_EXIT_OK;
}
