/* Implementation of cli.h: option parsing, messages and progress. */
#include "cli/cli.h"

#include "engine/wd_shard.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
    OPT_THREADS,
    OPT_RESUME,
    OPT_SHARD,
    OPT_BOEKJE,
    OPT_FORMAAT,
    OPT_GEBIED,
    OPT_BERAAD,
    OPT_EDITIE
};

int cli_fail(const wd_error *err)
{
    fprintf(stderr, "wijkdata: %s\n", err->msg);
    return err->code == WD_EUSAGE ? CLI_EXIT_USAGE : CLI_EXIT_RUNTIME;
}

int cli_usage_error(const char *cmd, const char *fmt, const char *arg)
{
    fprintf(stderr, "wijkdata%s%s: ", cmd ? " " : "", cmd ? cmd : "");
    fprintf(stderr, fmt, arg);
    if (cmd)
        fprintf(stderr, "\n(zie 'wijkdata %s --help')\n", cmd);
    else
        fprintf(stderr, "\n(zie 'wijkdata --help')\n");
    return CLI_EXIT_USAGE;
}

static int parse_level(const char *s)
{
    if (strcmp(s, "buurt") == 0) return WD_LEVEL_BUURT;
    if (strcmp(s, "wijk") == 0) return WD_LEVEL_WIJK;
    if (strcmp(s, "gemeente") == 0) return WD_LEVEL_GEMEENTE;
    if (strcmp(s, "werkgebied") == 0) return WD_LEVEL_WERKGEBIED;
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

int cli_parse_options(const char *cmd, const char *help, int argc, char **argv, cli_options *o,
                      int *code)
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
        {"resume", no_argument, NULL, OPT_RESUME},
        {"shard", required_argument, NULL, OPT_SHARD},
        {"boekje", required_argument, NULL, OPT_BOEKJE},
        {"formaat", required_argument, NULL, OPT_FORMAAT},
        {"gebied", required_argument, NULL, OPT_GEBIED},
        {"beraad", required_argument, NULL, OPT_BERAAD},
        {"tweede-editie", no_argument, NULL, OPT_EDITIE},
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
            *code = CLI_EXIT_OK;
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
        case OPT_FORMAAT:
            o->paper = optarg;
            break;
        case OPT_GEBIED:
            o->gebied = optarg;
            break;
        case OPT_DRAWS:
            if (parse_int(optarg, 1, 1000000, &v)) {
                *code = cli_usage_error(
                    cmd, "--trekkingen moet een getal van 1 tot 1000000 zijn, niet '%s'", optarg);
                return -1;
            }
            o->draws = (int)v;
            break;
        case OPT_THREADS:
            if (parse_int(optarg, 1, 64, &v)) {
                *code = cli_usage_error(
                    cmd, "--threads moet een getal van 1 tot 64 zijn, niet '%s'", optarg);
                return -1;
            }
            o->threads = (int)v;
            break;
        case OPT_RESUME:
            o->resume = 1;
            break;
        case OPT_SHARD:
            if (wd_shard_parse(optarg, &o->shard, &o->shards)) {
                *code = cli_usage_error(
                    cmd, "--shard verwacht I/N met 1 <= I <= N <= 10000, niet '%s'", optarg);
                return -1;
            }
            break;
        case OPT_BOEKJE:
            o->boekje = optarg;
            break;
        case OPT_LEVEL:
            if ((o->level = parse_level(optarg)) == -2) {
                *code = cli_usage_error(
                    cmd, "onbekend niveau '%s' (kies buurt, wijk, gemeente of alle)", optarg);
                return -1;
            }
            break;
        case OPT_JAAR:
            if (parse_int(optarg, 1900, 2200, &v)) {
                *code = cli_usage_error(cmd, "ongeldig jaar '%s'", optarg);
                return -1;
            }
            o->year = (int)v;
            break;
        case OPT_BUURTEN:
            if (parse_int(optarg, 10, 100000, &v)) {
                *code = cli_usage_error(
                    cmd, "--buurten moet een getal van 10 tot 100000 zijn, niet '%s'", optarg);
                return -1;
            }
            o->buurten = (int)v;
            break;
        case OPT_SEED:
            if (parse_int(optarg, 0, 2147483647L, &v)) {
                *code = cli_usage_error(cmd, "ongeldige --seed '%s'", optarg);
                return -1;
            }
            o->seed = (unsigned long)v;
            break;
        case OPT_PAGINA:
            if (parse_int(optarg, 1, 99, &v)) {
                *code = cli_usage_error(cmd, "ongeldige --pagina '%s' (een paginanummer vanaf 1)",
                                        optarg);
                return -1;
            }
            o->page = (int)v;
            break;
        case OPT_NOPROF:
            o->no_profiles = 1;
            break;
        case OPT_BERAAD:
            o->beraad = optarg;
            break;
        case OPT_EDITIE:
            o->edition = 2;
            break;
        case ':':
            *code = cli_usage_error(cmd, "optie %s verwacht een waarde", argv[optind - 1]);
            return -1;
        default:
            *code = cli_usage_error(cmd, "onbekende optie '%s'", argv[optind - 1]);
            return -1;
        }
    }
    return optind;
}

wd_session_options cli_session_options(const cli_options *o)
{
    return (wd_session_options){.store = o->store,
                                .indicators = o->indicators,
                                .balance = o->balance,
                                .opgaven = o->opgaven};
}

void cli_show_progress(size_t done, size_t total, const char *code, void *ctx)
{
    (void)ctx;
    fprintf(stderr, "\rgemeente %zu van %zu (%s)   ", done, total, code);
}

int cli_shows_progress(const cli_options *o)
{
    return !o->gemeente && isatty(STDERR_FILENO);
}

int cli_each_gemeente_to(wd_session *s, const cli_options *o, wd_each_options *each,
                         int (*begin)(FILE *f, void *ctx, wd_error *err),
                         int (*end)(FILE *f, void *ctx, wd_error *err), void *ctx, wd_error *err)
{
    each->gemeente = o->gemeente;
    each->threads = o->threads;
    if (cli_shows_progress(o)) each->progress = cli_show_progress;
    int rc = wd_session_each_gemeente_to(s, each, o->out, begin, end, ctx, err);
    if (each->progress) fputc('\n', stderr);
    return rc;
}

int cli_table_format(const char *cmd, const char *format, int *code)
{
    if (!format || strcmp(format, "csv") == 0) return 0;
    if (strcmp(format, "json") == 0) return 1;
    *code = cli_usage_error(cmd, "onbekend formaat '%s' (kies csv of json)", format);
    return -1;
}
