/* Implementation of cli.h: option parsing, error printing and the computing session. */
#include "cli/cli.h"

#include "plots/wd_profile_fill.h"
#include "plots/wd_text.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum {
    OPT_STORE = 256,
    OPT_GEMEENTE,
    OPT_LEVEL,
    OPT_JAAR,
    OPT_BUURTEN,
    OPT_SEED,
    OPT_NOPROF,
    OPT_INDICATORS,
    OPT_BALANCE,
    OPT_FORMAT,
    OPT_YEARS,
    OPT_SOURCES,
    OPT_OFFLINE,
    OPT_CACHE,
    OPT_CONFIG,
    OPT_MAPPING,
    OPT_PAGINA,
    OPT_OPGAVE,
    OPT_OPGAVEN,
    OPT_DRAWS,
    OPT_THREADS
};

int fail(const wd_error *err)
{
    fprintf(stderr, "wijkdata: %s\n", err->msg);
    return err->code == WD_EUSAGE ? EXIT_USAGE : EXIT_RUNTIME;
}

int usage_error(const char *cmd, const char *fmt, const char *arg)
{
    fprintf(stderr, "wijkdata%s%s: ", cmd ? " " : "", cmd ? cmd : "");
    fprintf(stderr, fmt, arg);
    if (cmd)
        fprintf(stderr, "\n(zie 'wijkdata %s --help')\n", cmd);
    else
        fprintf(stderr, "\n(zie 'wijkdata --help')\n");
    return EXIT_USAGE;
}

static int parse_level(const char *s)
{
    if (strcmp(s, "buurt") == 0) return WD_LEVEL_BUURT;
    if (strcmp(s, "wijk") == 0) return WD_LEVEL_WIJK;
    if (strcmp(s, "gemeente") == 0) return WD_LEVEL_GEMEENTE;
    if (strcmp(s, "alle") == 0) return -1;
    return -2;
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

int parse_options(const char *cmd, const char *help, int argc, char **argv, options *o, int *code)
{
    static const struct option longopts[] = {
        {"store", required_argument, NULL, OPT_STORE},
        {"out", required_argument, NULL, 'o'},
        {"gemeente", required_argument, NULL, OPT_GEMEENTE},
        {"level", required_argument, NULL, OPT_LEVEL},
        {"jaar", required_argument, NULL, OPT_JAAR},
        {"year", required_argument, NULL, OPT_JAAR},
        {"buurten", required_argument, NULL, OPT_BUURTEN},
        {"seed", required_argument, NULL, OPT_SEED},
        {"geen-profielen", no_argument, NULL, OPT_NOPROF},
        {"indicators", required_argument, NULL, OPT_INDICATORS},
        {"balans", required_argument, NULL, OPT_BALANCE},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"years", required_argument, NULL, OPT_YEARS},
        {"sources", required_argument, NULL, OPT_SOURCES},
        {"offline", no_argument, NULL, OPT_OFFLINE},
        {"cache", required_argument, NULL, OPT_CACHE},
        {"config", required_argument, NULL, OPT_CONFIG},
        {"mapping", required_argument, NULL, OPT_MAPPING},
        {"pagina", required_argument, NULL, OPT_PAGINA},
        {"opgave", required_argument, NULL, OPT_OPGAVE},
        {"opgaven", required_argument, NULL, OPT_OPGAVEN},
        {"trekkingen", required_argument, NULL, OPT_DRAWS},
        {"threads", required_argument, NULL, OPT_THREADS},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int c;
    long v;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
        switch (c) {
        case 'h':
            fputs(help, stdout);
            *code = EXIT_OK;
            return -1;
        case OPT_STORE:
            o->store = optarg;
            break;
        case 'o':
            o->out = optarg;
            break;
        case OPT_GEMEENTE:
            o->gemeente = optarg;
            break;
        case OPT_INDICATORS:
            o->indicators = optarg;
            break;
        case OPT_BALANCE:
            o->balance = optarg;
            break;
        case OPT_FORMAT:
            o->format = optarg;
            break;
        case OPT_YEARS:
            o->years = optarg;
            break;
        case OPT_SOURCES:
            o->sources = optarg;
            break;
        case OPT_OFFLINE:
            o->offline = 1;
            break;
        case OPT_CACHE:
            o->cache = optarg;
            break;
        case OPT_CONFIG:
            o->config = optarg;
            break;
        case OPT_MAPPING:
            o->mapping = optarg;
            break;
        case OPT_OPGAVE:
            o->opgave = optarg;
            break;
        case OPT_OPGAVEN:
            o->opgaven = optarg;
            break;
        case OPT_DRAWS:
            if (parse_int(optarg, 1, 1000000, &v)) {
                *code = usage_error(
                    cmd, "--trekkingen moet een getal van 1 tot 1000000 zijn, niet '%s'", optarg);
                return -1;
            }
            o->draws = (int)v;
            break;
        case OPT_THREADS:
            if (parse_int(optarg, 1, 64, &v)) {
                *code = usage_error(cmd, "--threads moet een getal van 1 tot 64 zijn, niet '%s'",
                                    optarg);
                return -1;
            }
            o->threads = (int)v;
            break;
        case OPT_LEVEL:
            if ((o->level = parse_level(optarg)) == -2) {
                *code = usage_error(
                    cmd, "onbekend niveau '%s' (kies buurt, wijk, gemeente of alle)", optarg);
                return -1;
            }
            break;
        case OPT_JAAR:
            if (parse_int(optarg, 1900, 2200, &v)) {
                *code = usage_error(cmd, "ongeldig jaar '%s'", optarg);
                return -1;
            }
            o->year = (int)v;
            break;
        case OPT_BUURTEN:
            if (parse_int(optarg, 10, 100000, &v)) {
                *code = usage_error(
                    cmd, "--buurten moet een getal van 10 tot 100000 zijn, niet '%s'", optarg);
                return -1;
            }
            o->buurten = (int)v;
            break;
        case OPT_SEED:
            if (parse_int(optarg, 0, 2147483647L, &v)) {
                *code = usage_error(cmd, "ongeldige --seed '%s'", optarg);
                return -1;
            }
            o->seed = (unsigned long)v;
            break;
        case OPT_PAGINA:
            if (parse_int(optarg, 1, 99, &v)) {
                *code =
                    usage_error(cmd, "ongeldige --pagina '%s' (een paginanummer vanaf 1)", optarg);
                return -1;
            }
            o->page = (int)v;
            break;
        case OPT_NOPROF:
            o->no_profiles = 1;
            break;
        case ':':
            *code = usage_error(cmd, "optie %s verwacht een waarde", argv[optind - 1]);
            return -1;
        default:
            *code = usage_error(cmd, "onbekende optie '%s'", argv[optind - 1]);
            return -1;
        }
    }
    return optind;
}

void today_nl(char *buf, size_t cap)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    wd_fmt_date(buf, cap, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void session_close(session *s)
{
    wd_geo_free(s->geo);
    wd_ranking_free(s->rk);
    wd_opgaven_free(s->opg);
    wd_results_free(s->res);
    wd_dataset_free(s->ds);
    wd_land_free(s->land);
    wd_indicators_free(s->set);
    wd_store_close(s->store);
}

int session_open_store(session *s, const options *o, wd_error *err)
{
    char demo[8];
    memset(s, 0, sizeof *s);
    int rc = wd_store_open(&s->store, o->store, 0, err);
    if (!rc) rc = wd_store_meta_get(s->store, "demo", demo, sizeof demo, err);
    if (!rc) {
        s->demo = strcmp(demo, "1") == 0;
        rc = wd_indicators_load(&s->set, o->indicators, o->balance, err);
    }
    return rc;
}

int session_open(session *s, const options *o, const char *gemeente, int for_profile, wd_error *err)
{
    int rc = session_open_store(s, o, err);
    if (!rc) rc = wd_dataset_load(&s->ds, s->store, gemeente, s->set, err);
    /* Nederland's values from all buurten cost a national load: a profile needs only those
     * it shows. */
    unsigned char *need = for_profile ? calloc(s->set->n + 1, 1) : NULL;
    if (!rc && for_profile && !need) rc = wd_error_set(err, WD_ENOMEM, "out of memory");
    if (need) wd_profile_land_needs(s->set, need);
    if (!rc) rc = wd_land_compute(&s->land, s->store, s->set, need, err);
    free(need);
    if (!rc) rc = wd_compute(&s->res, s->ds, s->set, s->land, err);
    return rc;
}

int session_rank(session *s, const options *o, int year, wd_error *err)
{
    wd_rank_options opt = {.draws = WD_RANK_DEFAULT_DRAWS,
                           .seed = WD_RANK_DEFAULT_SEED,
                           .min_population = s->set->balance.min_population,
                           .year = year};
    int rc = s->opg ? 0 : wd_opgaven_load(&s->opg, s->set, o->opgaven, err);
    return rc ? rc : wd_rank(&s->rk, s->res, s->opg, &opt, err);
}

int session_geo(session *s, int year, wd_error *err)
{
    /* The maps say which year their boundaries are. */
    return wd_geo_load(&s->geo, s->store, s->ds,
                       year > 0 ? year : s->ds->year0 + s->ds->n_years - 1, err);
}

/* "gemeente 120 van 342 (GM0363)" on one line of the terminal, overwritten as it goes. */
static void show_progress(size_t done, size_t total, const char *code, void *ctx)
{
    (void)ctx;
    fprintf(stderr, "\rgemeente %zu van %zu (%s)   ", done, total, code);
}

int session_each_gemeente(session *s, const options *o, wd_each_options *each, int saves,
                          wd_error *err)
{
    each->gemeente = o->gemeente;
    each->threads = o->threads;
    if (!o->gemeente && isatty(STDERR_FILENO)) each->progress = show_progress;
    /* What the run saves lands in one transaction: all of it or, after an error, none. */
    int rc = saves ? wd_store_begin(s->store, err) : 0;
    if (rc) return rc;
    rc = wd_each_gemeente(s->store, s->set, each, err);
    if (each->progress) fputc('\n', stderr);
    if (saves && rc)
        wd_store_rollback(s->store);
    else if (saves)
        rc = wd_store_commit(s->store, err);
    return rc;
}

int parse_table_format(const char *cmd, const char *format, int *code)
{
    if (!format || strcmp(format, "csv") == 0) return 0;
    if (strcmp(format, "json") == 0) return 1;
    *code = usage_error(cmd, "onbekend formaat '%s' (kies csv of json)", format);
    return -1;
}

int gemeente_of(wd_store *store, const char *code, char *out, size_t cap, wd_error *err)
{
    wd_region r;
    int rc = wd_store_region(store, code, &r, err);
    for (int depth = 0; !rc && r.level > WD_LEVEL_GEMEENTE && depth < 4; depth++) {
        if (!r.parent[0])
            return wd_error_set(err, WD_ERR, "regio %s heeft geen bovenliggend gebied in de store",
                                r.code);
        rc = wd_store_region(store, r.parent, &r, err);
    }
    if (rc) return rc;
    if (r.level != WD_LEVEL_GEMEENTE)
        return wd_error_set(err, WD_EUSAGE,
                            "%s is geen buurt, wijk of gemeente; een profiel voor heel Nederland "
                            "bestaat (nog) niet",
                            code);
    snprintf(out, cap, "%s", r.code);
    return 0;
}
