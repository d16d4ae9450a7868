/* wijkdata: the command-line program. It parses arguments, calls the library, shows progress
 * on stderr and maps errors to exit codes (0 success, 1 runtime error, 2 usage error). All
 * behaviour lives in the library. */
#include "demo/wd_demo.h"
#include "demo/wd_demo_import.h"
#include "engine/wd_compute.h"
#include "engine/wd_dataset.h"
#include "engine/wd_export.h"
#include "engine/wd_indicators.h"
#include "engine/wd_store.h"
#include "fetchers/wd_fetch.h"
#include "fetchers/wd_fileurl.h"
#include "fetchers/wd_http.h"
#include "plots/wd_profile.h"
#include "plots/wd_profile_fill.h"
#include "plots/wd_text.h"

#include <errno.h>
#include <getopt.h>
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

static const char usage_main[] =
    "wijkdata " WD_VERSION " - van wijkdata naar wijkdoen\n"
    "\n"
    "Open buurtcijfers (CBS, RIVM, Leefbaarometer, PDOK) in een lokale store, indicatoren\n"
    "over draagkracht en draaglast per buurt, en printbare wijkprofielen (PDF).\n"
    "\n"
    "Gebruik: wijkdata OPDRACHT [opties]\n"
    "\n"
    "Opdrachten:\n"
    "  demo         maak de demonstratiegegevens (gemeente Voorbeeldstad), lees ze in en\n"
    "               maak de wijkprofielen: de snelste kennismaking\n"
    "  profile      maak het wijkprofiel (PDF) van een buurt, wijk of gemeente\n"
    "  indicators   indicatoren per regio als CSV (waarde, vlaggen, gemeente, trend)\n"
    "  import       lees een lokaal bestand in (StatLine-CSV, Leefbaarometer-CSV, PDOK-GeoJSON)\n"
    "  regions      de regio's in de store\n"
    "\n"
    "Algemene opties:\n"
    "  --store PAD  de store (standaard wijkdata.db in de huidige map)\n"
    "  -h, --help   deze hulp; 'wijkdata OPDRACHT --help' geeft hulp per opdracht\n"
    "  --version    versie\n"
    "\n"
    "Afsluitcodes: 0 gelukt, 1 fout tijdens het werk, 2 verkeerd gebruik.\n";

static const char usage_demo[] =
    "Gebruik: wijkdata demo [--out MAP] [--store PAD] [--buurten N] [--seed N] [--geen-profielen]\n"
    "\n"
    "Maakt een gesimuleerde gemeente Voorbeeldstad (GM9999) in de echte bronformaten van CBS,\n"
    "RIVM, Leefbaarometer en PDOK, leest die in via dezelfde fetchers als echte gegevens, en\n"
    "maakt een wijkprofiel (PDF) voor de gemeente, elke wijk en elke buurt. Alle cijfers zijn\n"
    "verzonnen; elke pagina draagt het merk 'DEMO - gesimuleerde gegevens'.\n"
    "\n"
    "  --out MAP         map voor bronbestanden en profielen (standaard wijkprofielen-demo)\n"
    "  --store PAD       store (standaard wijkdata.db; een store met echte gegevens wordt\n"
    "                    nooit met demogegevens gemengd)\n"
    "  --buurten N       aantal buurten (standaard 40; 14500 geeft een landelijke omvang met\n"
    "                    extra verzonnen gemeenten, voor benchmarks)\n"
    "  --seed N          startwaarde van de generator (standaard 20260126)\n"
    "  --geen-profielen  alleen gegevens maken en inlezen\n";

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

static const char usage_import[] =
    "Gebruik: wijkdata import BESTAND --format FORMAAT [--jaar JJJJ] [--store PAD]\n"
    "\n"
    "Leest een lokaal bestand in de store, met dezelfde parsers als de fetchers. Lukt het\n"
    "niet, dan blijft de store precies zoals hij was en zegt de melding waar het misging\n"
    "(bestand, regel, kolom).\n"
    "\n"
    "  --format statline-csv        StatLine-export 'CSV met statistische symbolen'; de\n"
    "                               regiocolom heet 'Codering' of 'Regiocode'\n"
    "  --format leefbaarometer-csv  Leefbaarometer 3.0 scores per buurt of wijk\n"
    "  --format pdok-geojson        PDOK OGC API Features (buurten, wijken of gemeenten)\n"
    "  --jaar JJJJ                  jaar van de cijfers (StatLine zonder kolom Perioden)\n"
    "                               of van de grenzen (PDOK); standaard dit jaar\n";

static const char usage_regions[] =
    "Gebruik: wijkdata regions [--gemeente GMxxxx] [--level buurt|wijk|gemeente|alle] [--store PAD]\n"
    "\n"
    "Toont code, niveau, naam en bovenliggend gebied van de regio's in de store.\n";

/* Options shared by every command. */
typedef struct {
    const char *store;
    const char *out;
    const char *gemeente;
    const char *indicators;
    const char *balance;
    int level;
    int year;
    int buurten;
    unsigned long seed;
    int no_profiles;
    const char *format;
} options;

static int fail(const wd_error *err)
{
    fprintf(stderr, "wijkdata: %s\n", err->msg);
    return err->code == WD_EUSAGE ? EXIT_USAGE : EXIT_RUNTIME;
}

static int usage_error(const char *cmd, const char *fmt, const char *arg)
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
    if (strcmp(s, "buurt") == 0)
        return WD_LEVEL_BUURT;
    if (strcmp(s, "wijk") == 0)
        return WD_LEVEL_WIJK;
    if (strcmp(s, "gemeente") == 0)
        return WD_LEVEL_GEMEENTE;
    if (strcmp(s, "alle") == 0)
        return -1;
    return -2;
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

enum { OPT_STORE = 256, OPT_GEMEENTE, OPT_LEVEL, OPT_JAAR, OPT_BUURTEN, OPT_SEED, OPT_NOPROF,
       OPT_INDICATORS, OPT_BALANCE, OPT_FORMAT };

/* Parse the options of `cmd`; returns the index of the first positional argument, or -1
 * after printing help (*code 0) or a usage error (*code 2). */
static int parse_options(const char *cmd, const char *help, int argc, char **argv, options *o,
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
        case OPT_LEVEL:
            if ((o->level = parse_level(optarg)) == -2) {
                *code = usage_error(cmd, "onbekend niveau '%s' (kies buurt, wijk, gemeente of alle)",
                                    optarg);
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
                *code = usage_error(cmd, "--buurten moet een getal van 10 tot 100000 zijn, niet '%s'",
                                    optarg);
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

static void today_nl(char *buf, size_t cap)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    wd_fmt_date(buf, cap, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* Everything a command needs to compute: store, definitions, data and results. */
typedef struct {
    wd_store *store;
    wd_indicator_set *set;
    wd_dataset *ds;
    wd_results *res;
    int demo;
} session;

static void session_close(session *s)
{
    wd_results_free(s->res);
    wd_dataset_free(s->ds);
    wd_indicators_free(s->set);
    wd_store_close(s->store);
}

static int session_open(session *s, const options *o, const char *gemeente, wd_error *err)
{
    char demo[8];
    memset(s, 0, sizeof *s);
    int rc = wd_store_open(&s->store, o->store, 0, err);
    if (!rc)
        rc = wd_store_meta_get(s->store, "demo", demo, sizeof demo, err);
    if (!rc) {
        s->demo = strcmp(demo, "1") == 0;
        rc = wd_indicators_load(&s->set, o->indicators, o->balance, err);
    }
    if (!rc)
        rc = wd_dataset_load(&s->ds, s->store, gemeente, s->set, err);
    if (!rc)
        rc = wd_compute(&s->res, s->ds, s->set, err);
    return rc;
}

/* The gemeente a region belongs to, through the parent links in the store. */
static int gemeente_of(wd_store *store, const char *code, char *out, size_t cap, wd_error *err)
{
    wd_region r;
    int rc = wd_store_region(store, code, &r, err);
    for (int depth = 0; !rc && r.level > WD_LEVEL_GEMEENTE && depth < 4; depth++) {
        if (!r.parent[0])
            return wd_error_set(err, WD_ERR, "regio %s heeft geen bovenliggend gebied in de store",
                                r.code);
        rc = wd_store_region(store, r.parent, &r, err);
    }
    if (rc)
        return rc;
    if (r.level != WD_LEVEL_GEMEENTE)
        return wd_error_set(err, WD_EUSAGE,
                            "%s is geen buurt, wijk of gemeente; een profiel voor heel Nederland "
                            "bestaat (nog) niet", code);
    snprintf(out, cap, "%s", r.code);
    return 0;
}

static int render_region(const session *s, size_t r, int year, const char *path, wd_error *err)
{
    wd_profile *p = malloc(sizeof *p);
    char today[32];
    if (!p)
        return wd_error_set(err, WD_ENOMEM, "out of memory");
    today_nl(today, sizeof today);
    int y = year > 0 ? year - s->ds->year0 : -1;
    int rc = 0;
    if (year > 0 && (y < 0 || y >= s->ds->n_years))
        rc = wd_error_set(err, WD_EUSAGE, "geen gegevens voor jaar %d (de store heeft %d-%d)",
                          year, s->ds->year0, s->ds->year0 + s->ds->n_years - 1);
    if (!rc)
        rc = wd_profile_fill(p, s->res, r, y, s->demo, today, err);
    if (!rc)
        rc = wd_profile_render_pdf(p, path, err);
    free(p);
    return rc;
}

static int cmd_profile(int argc, char **argv, options *o)
{
    int code = EXIT_OK;
    int first = parse_options("profile", usage_profile, argc, argv, o, &code);
    if (first < 0)
        return code;
    if (argc - first != 1)
        return usage_error("profile", "geef precies een regiocode, bijvoorbeeld BU99990101%s", "");
    const char *region = argv[first];
    char gem[WD_CODE_MAX], out[512];
    wd_error err = {0};
    session s = {0};
    int rc = wd_store_open(&s.store, o->store, 0, &err);
    if (!rc)
        rc = gemeente_of(s.store, region, gem, sizeof gem, &err);
    wd_store_close(s.store);
    s.store = NULL;
    if (!rc)
        rc = session_open(&s, o, gem, &err);
    if (!rc) {
        snprintf(out, sizeof out, "%s.pdf", region);
        const char *path = o->out ? o->out : out;
        int r = wd_dataset_region(s.ds, region);
        rc = r < 0 ? wd_error_set(&err, WD_ENOTFOUND, "onbekende regiocode '%s'", region)
                   : render_region(&s, (size_t)r, o->year, path, &err);
        if (!rc)
            printf("%s\n", path);
    }
    session_close(&s);
    return rc ? fail(&err) : EXIT_OK;
}

static int write_indicators(FILE *f, void *ctx, wd_error *err)
{
    void **a = ctx;
    return wd_export_indicators_csv(f, a[0], a[1], err);
}

static int cmd_indicators(int argc, char **argv, options *o)
{
    int code = EXIT_OK;
    o->level = WD_LEVEL_BUURT;
    int first = parse_options("indicators", usage_indicators, argc, argv, o, &code);
    if (first < 0)
        return code;
    if (first != argc)
        return usage_error("indicators", "onverwacht argument '%s'", argv[first]);
    wd_error err = {0};
    session s;
    int rc = session_open(&s, o, o->gemeente, &err);
    if (!rc)
        rc = wd_results_save(s.res, s.store, &err);
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

static int cmd_import(int argc, char **argv, options *o)
{
    int code = EXIT_OK;
    int first = parse_options("import", usage_import, argc, argv, o, &code);
    if (first < 0)
        return code;
    if (argc - first != 1)
        return usage_error("import", "geef precies een bestand%s", "");
    if (!o->format)
        return usage_error("import", "--format ontbreekt (statline-csv, leefbaarometer-csv of pdok-geojson)%s", "");
    int year = o->year;
    if (!year) {
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        year = tm.tm_year + 1900;
    }
    wd_error err = {0};
    char url[4200];
    wd_http *h = NULL;
    wd_store *store = NULL;
    wd_batch *b = wd_batch_new();
    int rc = b ? 0 : wd_error_set(&err, WD_ENOMEM, "out of memory");
    if (!rc)
        rc = wd_file_url(url, sizeof url, argv[first], &err);
    if (!rc)
        rc = wd_http_new(&h, NULL, &err);
    if (!rc) {
        if (strcmp(o->format, "statline-csv") == 0)
            rc = wd_fetch_statline_csv(h, url, year, b, &err);
        else if (strcmp(o->format, "leefbaarometer-csv") == 0)
            rc = wd_fetch_lbm_csv(h, url, b, &err);
        else if (strcmp(o->format, "pdok-geojson") == 0)
            rc = wd_fetch_pdok(h, url, year, b, &err);
        else
            rc = wd_error_set(&err, WD_EUSAGE,
                              "onbekend formaat '%s' (kies statline-csv, leefbaarometer-csv of pdok-geojson)",
                              o->format);
    }
    if (!rc)
        rc = wd_store_open(&store, o->store, 1, &err);
    if (!rc)
        rc = wd_store_import(store, b, &err);
    if (!rc)
        printf("%zu waarnemingen, %zu regio's en %zu geometrieen ingelezen uit %s in %s\n",
               b->n_obs, b->n_regions, b->n_geoms, argv[first], o->store);
    wd_store_close(store);
    wd_http_free(h);
    wd_batch_free(b);
    return rc ? fail(&err) : EXIT_OK;
}

typedef struct {
    int level;
    size_t n;
} region_print;

static int print_region(const wd_region *r, void *ctx)
{
    region_print *rp = ctx;
    if (rp->level >= 0 && (int)r->level != rp->level)
        return 0;
    printf("%-12s %-9s %-40s %s\n", r->code, wd_level_name(r->level), r->name, r->parent);
    rp->n++;
    return 0;
}

static int cmd_regions(int argc, char **argv, options *o)
{
    int code = EXIT_OK;
    o->level = -1;
    int first = parse_options("regions", usage_regions, argc, argv, o, &code);
    if (first < 0)
        return code;
    if (first != argc)
        return usage_error("regions", "onverwacht argument '%s'", argv[first]);
    wd_error err = {0};
    wd_store *store = NULL;
    region_print rp = {o->level, 0};
    int rc = wd_store_open(&store, o->store, 0, &err);
    if (!rc)
        rc = wd_store_each_region(store, o->gemeente, print_region, &rp, &err);
    wd_store_close(store);
    if (!rc && rp.n == 0)
        fprintf(stderr, "wijkdata: geen regio's gevonden\n");
    return rc ? fail(&err) : EXIT_OK;
}

static void progress(const char *what, int step, int steps, void *ctx)
{
    (void)ctx;
    fprintf(stderr, "  [%d/%d] %s\n", step, steps, what);
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* A store that already holds real data is never mixed with simulated data. */
static int check_demo_store(const char *path, wd_error *err)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return 0;
    wd_store *store;
    char demo[8] = "";
    int rc = wd_store_open(&store, path, 0, err);
    if (!rc)
        rc = wd_store_meta_get(store, "demo", demo, sizeof demo, err);
    wd_store_close(store);
    if (!rc && strcmp(demo, "1") != 0)
        rc = wd_error_set(err, WD_EUSAGE,
                          "%s bevat geen demogegevens; kies voor de demo een andere --store", path);
    return rc;
}

static int render_demo(const session *s, const char *dir, wd_error *err)
{
    char path[1024];
    size_t done = 0, total = 0;
    int g = wd_dataset_region(s->ds, "GM9999");
    for (size_t r = 0; r < s->ds->n_regions; r++)
        total += s->ds->regions[r].level != WD_LEVEL_LAND && s->ds->gemeente[r] == g;
    for (size_t r = 0; r < s->ds->n_regions; r++) {
        const wd_region *reg = &s->ds->regions[r];
        if (reg->level == WD_LEVEL_LAND || s->ds->gemeente[r] != g)
            continue;
        snprintf(path, sizeof path, "%s/%s.pdf", dir, reg->code);
        int rc = render_region(s, r, 0, path, err);
        if (rc)
            return rc;
        if (isatty(STDERR_FILENO))
            fprintf(stderr, "\r  profielen: %zu/%zu", ++done, total);
        else
            ++done;
    }
    if (isatty(STDERR_FILENO))
        fputc('\n', stderr);
    return (int)done;
}

static int cmd_demo(int argc, char **argv, options *o)
{
    int code = EXIT_OK;
    o->out = "wijkprofielen-demo";
    o->buurten = WD_DEMO_DEFAULT_BUURTEN;
    o->seed = 20260126;
    int first = parse_options("demo", usage_demo, argc, argv, o, &code);
    if (first < 0)
        return code;
    if (first != argc)
        return usage_error("demo", "onverwacht argument '%s'", argv[first]);

    wd_error err = {0};
    char src[1024];
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    snprintf(src, sizeof src, "%s/bronnen", o->out);
    int rc = check_demo_store(o->store, &err);
    if (!rc && mkdir(o->out, 0777) != 0 && errno != EEXIST)
        rc = wd_error_set(&err, WD_EIO, "kan map %s niet maken: %s", o->out, strerror(errno));
    if (rc)
        return fail(&err);

    fprintf(stderr, "Demogegevens maken (%d buurten, seed %lu) in %s ...\n", o->buurten, o->seed,
            src);
    wd_demo_options dopt = {.n_buurten = o->buurten, .seed = o->seed, .page_size = 0};
    rc = wd_demo_generate(src, &dopt, &err);
    wd_store *store = NULL;
    if (!rc) {
        fprintf(stderr, "Inlezen in %s via de fetchers (file://) ...\n", o->store);
        rc = wd_store_open(&store, o->store, 1, &err);
    }
    if (!rc)
        rc = wd_demo_import(store, src, progress, NULL, &err);
    wd_store_close(store);
    if (rc)
        return fail(&err);
    fprintf(stderr, "Gegevens klaar na %.1f s.\n", seconds_since(&t0));
    if (o->no_profiles)
        return EXIT_OK;

    session s;
    rc = session_open(&s, o, "GM9999", &err);
    if (!rc)
        rc = wd_results_save(s.res, s.store, &err);
    int n = rc ? rc : render_demo(&s, o->out, &err);
    session_close(&s);
    if (n < 0)
        return fail(&err);
    printf("%d demoprofielen (Voorbeeldstad, gesimuleerde gegevens) in %s/ na %.1f s\n", n, o->out,
           seconds_since(&t0));
    printf("Begin bij %s/GM9999.pdf (gemeente) of %s/BU99990101.pdf (buurt).\n", o->out, o->out);
    return EXIT_OK;
}

int main(int argc, char **argv)
{
    options o = {.store = WD_STORE_DEFAULT_PATH, .level = -1, .year = 0};
    if (argc < 2) {
        fputs(usage_main, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage_main, stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("wijkdata %s\n", WD_VERSION);
        return EXIT_OK;
    }
    /* The library reports errors through return codes; GSL's default handler would abort. */
    gsl_set_error_handler_off();
    wd_error err = {0};
    if (wd_http_global_init(&err))
        return fail(&err);
    int rc;
    if (strcmp(cmd, "demo") == 0)
        rc = cmd_demo(argc - 1, argv + 1, &o);
    else if (strcmp(cmd, "profile") == 0)
        rc = cmd_profile(argc - 1, argv + 1, &o);
    else if (strcmp(cmd, "indicators") == 0)
        rc = cmd_indicators(argc - 1, argv + 1, &o);
    else if (strcmp(cmd, "import") == 0)
        rc = cmd_import(argc - 1, argv + 1, &o);
    else if (strcmp(cmd, "regions") == 0)
        rc = cmd_regions(argc - 1, argv + 1, &o);
    else
        rc = usage_error(NULL, "onbekende opdracht '%s'", cmd);
    wd_http_global_cleanup();
    return rc;
}
