/* The demonstration dataset: Voorbeeldstad and, when scaled up, further fictional gemeenten.
 *
 * A model of areas with a latent deprivation score and an age profile per buurt drives every
 * variable, so that the figures correlate as in real data (income falls and Wmo use rises
 * with deprivation; health worsens with age). From the model the generator writes each
 * source's own format (see wd_demo.h) with its quirks: padded keys, moving field suffixes,
 * counts rounded to 5, suppressed and missing cells, one boundary change, model estimates
 * with intervals. All randomness comes from one seeded gsl_rng in a fixed order. */
#include "demo/wd_demo.h"

#include "engine/wd_export.h"
#include "engine/wd_file.h"
#include "fetchers/wd_catalog.h"
#include "fetchers/wd_fileurl.h"

#include <errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define FIRST_YEAR 2016
#define LAST_YEAR 2024
#define N_YEARS (LAST_YEAR - FIRST_YEAR + 1)
#define SPLIT_YEAR 2020 /* BU99990305 is split in two in the 2020 indeling */
#define GEO_YEAR 2024
#define EDITION2_YEAR 2025   /* the KWB year the second edition adds */
#define REDRAWN "BU99990102" /* its boundary redrawn in EDITION2_YEAR */
#define N_GEMEENTEN_NATIONAL 342
#define CELL_W 0.012 /* degrees of longitude per buurt cell (~800 m) */
#define CELL_H 0.008 /* degrees of latitude (~900 m) */
#define SUB 2        /* lattice points per cell edge: polygons of 8 vertices */

/* ---- the area model -------------------------------------------------------------------- */

typedef enum {
    A_CENTRUM,
    A_STUDENT,
    A_DORP,
    A_GEZIN,
    A_HOOGBOUW,
    A_NAOORLOGS,
    A_NIEUWBOUW,
    A_LANDELIJK,
    A_ZORG,
    N_ARCH
} archetype;

typedef struct {
    double age[4];  /* % 0-15, 15-25, 25-45, 45-65 in 2016; 65+ is the rest */
    double drift65; /* percentage points per year */
    double depr;    /* mean latent deprivation, 0..1 */
    double hh_size; /* persons per household */
    double one;     /* % one-person households */
    double koop;    /* % owner-occupied */
    double growth;  /* population growth per year */
    int pop_lo, pop_hi;
    int urban;     /* MateVanStedelijkheid 1 (very) .. 5 (not) */
    double lbm[5]; /* Leefbaarometer fys, onv, soc, vrz, won in 2016 */
} arch_params;

static const arch_params arch[N_ARCH] = {
    [A_CENTRUM] = {{9, 16, 36, 24},
                   0.15,
                   0.35,
                   1.6,
                   62,
                   38,
                   0.010,
                   1800,
                   4200,
                   1,
                   {-0.02, -0.10, -0.04, 0.14, -0.02}},
    [A_STUDENT] = {{5, 42, 31, 13},
                   0.05,
                   0.45,
                   1.4,
                   72,
                   18,
                   0.015,
                   2200,
                   5200,
                   1,
                   {-0.03, -0.08, -0.08, 0.10, -0.05}},
    [A_DORP] = {{13, 10, 18, 29},
                0.55,
                0.20,
                2.1,
                34,
                70,
                -0.002,
                700,
                2400,
                4,
                {0.04, 0.05, 0.09, -0.05, 0.03}},
    [A_GEZIN] = {{21, 12, 24, 28},
                 0.45,
                 0.12,
                 2.6,
                 18,
                 78,
                 0.002,
                 1600,
                 3600,
                 3,
                 {0.05, 0.04, 0.07, -0.02, 0.05}},
    [A_HOOGBOUW] = {{19, 14, 28, 23},
                    0.20,
                    0.85,
                    2.1,
                    48,
                    12,
                    0.006,
                    2600,
                    6000,
                    1,
                    {-0.06, -0.20, -0.13, 0.02, -0.10}},
    [A_NAOORLOGS] = {{15, 12, 25, 27},
                     0.30,
                     0.50,
                     2.1,
                     42,
                     42,
                     0.003,
                     1500,
                     3500,
                     2,
                     {-0.02, -0.06, -0.03, 0.03, -0.04}},
    [A_NIEUWBOUW] = {{25, 9, 38, 21},
                     0.10,
                     0.15,
                     2.7,
                     20,
                     66,
                     0.035,
                     1400,
                     4200,
                     3,
                     {0.03, 0.03, 0.03, -0.04, 0.06}},
    [A_LANDELIJK] = {{15, 11, 19, 33},
                     0.50,
                     0.18,
                     2.4,
                     24,
                     74,
                     -0.004,
                     300,
                     1300,
                     5,
                     {0.07, 0.08, 0.10, -0.12, 0.04}},
    [A_ZORG] = {{8, 7, 15, 26},
                0.45,
                0.40,
                1.7,
                55,
                45,
                0.000,
                900,
                2200,
                3,
                {0.02, 0.01, 0.02, 0.02, -0.01}},
};

typedef struct {
    char code[12];
    char name[96];
    int level;       /* 1 gemeente, 2 wijk, 3 buurt */
    int parent;      /* index of the wijk / gemeente, -1 for a gemeente */
    int first, last; /* index range of children (wijken of a gemeente, buurten of a wijk) */
    /* buurten: the model */
    archetype a;
    double pop0, depr, age0[5], drift65, growth, one, koop, hh_size, lbm0[5];
    int fixed_pop; /* a tiny buurt keeps its population */
    int col, row;  /* cell in its gemeente's grid */
    /* gemeenten: the grid */
    int ncols, nrows;
    double lon0, lat0, cw, ch;
} area;

typedef struct {
    area *a;
    size_t n, cap;
    gsl_rng *rng;
    int page_size;
    char root[PATH_MAX];    /* output folder */
    char url[PATH_MAX * 3]; /* its file:// URL */
} demo;

typedef struct {
    const char *name;
    archetype a;
    int pop; /* 0: drawn from the archetype's range */
} buurt_spec;

/* Voorbeeldstad: 6 wijken, 40 buurten of very different character. BU99990306 is split off
 * BU99990305 in 2020; three buurten are very small. */
static const char *const vs_wijken[] = {"Centrum",  "De Dreven", "Zuiderpark",
                                        "Oud-Dorp", "Hoogkamp",  "Buitengebied en bedrijven"};
static const buurt_spec vs_buurten[6][8] = {
    {{"Oude Haven", A_CENTRUM, 0},
     {"Stationskwartier", A_CENTRUM, 0},
     {"Binnenstad-Oost", A_CENTRUM, 0},
     {"Universiteitskwartier", A_STUDENT, 0},
     {"Kloostertuin", A_ZORG, 0},
     {"Havenfront", A_NIEUWBOUW, 0},
     {"Jachthaven", A_CENTRUM, 25}},
    {{"Lindedreef", A_HOOGBOUW, 0},
     {"Eikendreef", A_HOOGBOUW, 0},
     {"Beukendreef", A_HOOGBOUW, 0},
     {"Berkendreef", A_NAOORLOGS, 0},
     {"Populierendreef", A_NAOORLOGS, 0},
     {"Winkelcentrum De Dreven", A_CENTRUM, 0},
     {"Wilgendreef", A_STUDENT, 0}},
    {{"Vogelbuurt", A_GEZIN, 0},
     {"Bloemenbuurt", A_GEZIN, 0},
     {"Schildersbuurt", A_NAOORLOGS, 0},
     {"Parkzoom", A_GEZIN, 0},
     {"Molenbuurt", A_GEZIN, 0},
     {"Molenakker", A_NIEUWBOUW, 0},
     {"Zuiderpark-Oost", A_GEZIN, 0}},
    {{"Dorpskern", A_DORP, 0},
     {"Kerkbuurt", A_DORP, 0},
     {"Dijkzicht", A_DORP, 0},
     {"Weteringhof", A_ZORG, 0},
     {"Oude Molen", A_GEZIN, 0},
     {"De Hoeve", A_DORP, 0}},
    {{"Hoogkamp-Noord", A_NIEUWBOUW, 0},
     {"Hoogkamp-Zuid", A_NIEUWBOUW, 0},
     {"Veldhuizen", A_NIEUWBOUW, 0},
     {"Akkerhof", A_GEZIN, 0},
     {"Campus Hoogkamp", A_STUDENT, 0},
     {"Boomgaard", A_NIEUWBOUW, 0},
     {"Hoogkamp-Centrum", A_CENTRUM, 0}},
    {{"Polder Oost", A_LANDELIJK, 0},
     {"Polder West", A_LANDELIJK, 0},
     {"Bedrijventerrein De Hoek", A_LANDELIJK, 35},
     {"Buitengebied Noord", A_LANDELIJK, 140},
     {"Welgelegen, Den Hommel", A_LANDELIJK, 0},
     {"Recreatiegebied De Grote Plas en oevers Zandwetering", A_LANDELIJK, 0}},
};
static const int vs_counts[6] = {7, 7, 7, 6, 7, 6};

static const char *const syl1[] = {"Aal", "Ber", "Dor", "Eem", "Gel",  "Hol",  "Kam",
                                   "Lin", "Mar", "Nij", "Oos", "Ren",  "Sche", "Ter",
                                   "Vee", "Wes", "Zan", "Bre", "Hoog", "Mid"};
static const char *const syl2[] = {"dam", "dijk", "veen",  "horst", "wijk", "hoven", "broek",
                                   "lo",  "sum",  "ingen", "um",    "egem", "wolde", "meer"};
static const char *const wijk_names[] = {"Centrum",      "Noord",     "Oost",     "Zuid", "West",
                                         "Buitengebied", "Noordoost", "Zuidwest", "Park", "Haven"};
static const char *const buurt_w1[] = {"Linden", "Eiken", "Vogel", "Bloemen", "Schilders", "Molen",
                                       "Kerk",   "Haven", "Dijk",  "Veld",    "Park",      "Beek",
                                       "Akker",  "Weide", "Brink", "Dorps"};
static const char *const buurt_w2[] = {"buurt", "hof",  "kwartier", "dreef", "park",
                                       "laan",  "rijk", "zoom",     "kamp",  "veld"};
#define NELEM(x) (sizeof(x) / sizeof((x)[0]))

static double clampd(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

static int add_area(demo *d, const area *a, wd_error *err)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 64;
        area *na = realloc(d->a, cap * sizeof *na);
        if (!na) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
        d->a = na;
        d->cap = cap;
    }
    d->a[d->n++] = *a;
    return 0;
}

/* Draw the model of one buurt of archetype `t`. */
static void model_buurt(demo *d, area *b, archetype t, int pop)
{
    const arch_params *p = &arch[t];
    b->a = t;
    b->fixed_pop = pop > 0;
    b->pop0 = pop > 0 ? pop : p->pop_lo + gsl_rng_uniform(d->rng) * (p->pop_hi - p->pop_lo);
    b->depr = clampd(p->depr + gsl_ran_gaussian(d->rng, 0.08), 0.02, 0.98);
    /* The archetype gives the four younger bands; 65+ is the rest. */
    double sum = 0;
    for (int k = 0; k < 4; k++) {
        b->age0[k] = fmax(2, p->age[k] * (1 + gsl_ran_gaussian(d->rng, 0.08)));
        sum += b->age0[k];
    }
    if (sum > 97) {
        for (int k = 0; k < 4; k++)
            b->age0[k] *= 97 / sum;
        sum = 97;
    }
    b->age0[4] = 100 - sum;
    b->drift65 = p->drift65 * (1 + gsl_ran_gaussian(d->rng, 0.3));
    b->growth = p->growth + gsl_ran_gaussian(d->rng, 0.004);
    b->one = clampd(p->one + gsl_ran_gaussian(d->rng, 4), 5, 90);
    b->koop = clampd(p->koop + gsl_ran_gaussian(d->rng, 6), 2, 97);
    b->hh_size = clampd(p->hh_size + gsl_ran_gaussian(d->rng, 0.12), 1.2, 3.4);
    for (int k = 0; k < 5; k++)
        b->lbm0[k] = p->lbm[k] - (b->depr - p->depr) * 0.12 + gsl_ran_gaussian(d->rng, 0.015);
}

static int build_voorbeeldstad(demo *d, wd_error *err)
{
    area g = {.level = 1, .parent = -1};
    snprintf(g.code, sizeof g.code, "GM9999");
    snprintf(g.name, sizeof g.name, "Voorbeeldstad");
    size_t gi = d->n;
    int rc = add_area(d, &g, err);
    for (int w = 0; !rc && w < 6; w++) {
        area wk = {.level = 2, .parent = (int)gi};
        snprintf(wk.code, sizeof wk.code, "WK9999%02d", w + 1);
        snprintf(wk.name, sizeof wk.name, "%s", vs_wijken[w]);
        size_t wi = d->n;
        rc = add_area(d, &wk, err);
        for (int k = 0; !rc && k < vs_counts[w]; k++) {
            area b = {.level = 3, .parent = (int)wi};
            snprintf(b.code, sizeof b.code, "BU9999%02d%02d", w + 1, k + 1);
            snprintf(b.name, sizeof b.name, "%s", vs_buurten[w][k].name);
            model_buurt(d, &b, vs_buurten[w][k].a, vs_buurten[w][k].pop);
            rc = add_area(d, &b, err);
        }
    }
    return rc;
}

/* Further gemeenten GM9000.. until `n_buurten` buurten exist, 342 gemeenten at national size,
 * wijken of about 4.4 buurten as in the real country (14,500 buurten in 3,300 wijken). */
static int build_more(demo *d, int n_buurten, wd_error *err)
{
    int rest = n_buurten - 40;
    if (rest <= 0) return 0;
    int ng = (rest + 41) / 42;
    if (ng > N_GEMEENTEN_NATIONAL - 1) ng = N_GEMEENTEN_NATIONAL - 1;
    static const archetype mix[] = {A_CENTRUM,   A_STUDENT,   A_DORP,      A_DORP,
                                    A_GEZIN,     A_GEZIN,     A_GEZIN,     A_HOOGBOUW,
                                    A_NAOORLOGS, A_NAOORLOGS, A_NAOORLOGS, A_NIEUWBOUW,
                                    A_LANDELIJK, A_LANDELIJK, A_LANDELIJK, A_ZORG};
    int rc = 0;
    for (int gno = 0; !rc && gno < ng; gno++) {
        int nb = rest / (ng - gno); /* spread the remainder evenly */
        rest -= nb;
        area g = {.level = 1, .parent = -1};
        snprintf(g.code, sizeof g.code, "GM%04d", 9000 + gno);
        snprintf(g.name, sizeof g.name, "%s%s", syl1[gno % NELEM(syl1)],
                 syl2[(gno / NELEM(syl1) + gno) % NELEM(syl2)]);
        size_t gi = d->n;
        rc = add_area(d, &g, err);
        int nw = (int)ceil(nb / 4.4);
        if (nw > 99) nw = 99;
        for (int w = 0; !rc && w < nw; w++) {
            int nbw = nb / (nw - w);
            nb -= nbw;
            area wk = {.level = 2, .parent = (int)gi};
            snprintf(wk.code, sizeof wk.code, "WK%04d%02d", 9000 + gno, w + 1);
            if (w < (int)NELEM(wijk_names))
                snprintf(wk.name, sizeof wk.name, "%s", wijk_names[w]);
            else
                snprintf(wk.name, sizeof wk.name, "Wijk %d", w + 1);
            size_t wi = d->n;
            rc = add_area(d, &wk, err);
            for (int k = 0; !rc && k < nbw && k < 99; k++) {
                area b = {.level = 3, .parent = (int)wi};
                snprintf(b.code, sizeof b.code, "BU%04d%02d%02d", 9000 + gno, w + 1, k + 1);
                snprintf(b.name, sizeof b.name, "%s%s",
                         buurt_w1[gsl_rng_uniform_int(d->rng, NELEM(buurt_w1))],
                         buurt_w2[gsl_rng_uniform_int(d->rng, NELEM(buurt_w2))]);
                model_buurt(d, &b, mix[gsl_rng_uniform_int(d->rng, NELEM(mix))], 0);
                rc = add_area(d, &b, err);
            }
        }
    }
    return rc;
}

/* Child ranges, and every gemeente's grid: buurten fill cells along a serpentine through the
 * columns, so each wijk (a run of consecutive buurten) is one connected piece without holes. */
static void layout(demo *d)
{
    int ng = 0;
    for (size_t i = 0; i < d->n; i++) {
        d->a[i].first = d->a[i].last = -1;
        if (d->a[i].level == 1) ng++;
    }
    for (size_t i = 0; i < d->n; i++) {
        int p = d->a[i].parent;
        if (p < 0) continue;
        if (d->a[p].first < 0) d->a[p].first = (int)i;
        d->a[p].last = (int)i;
    }
    int side = (int)ceil(sqrt(ng));
    int gno = 0;
    for (size_t gi = 0; gi < d->n; gi++) {
        area *g = &d->a[gi];
        if (g->level != 1) continue;
        int nb = 0;
        for (int w = g->first; w >= 0 && w <= g->last; w++)
            if (d->a[w].level == 2) nb += d->a[w].last - d->a[w].first + 1;
        g->nrows = (int)ceil(sqrt(nb / 1.5));
        if (g->nrows < 1) g->nrows = 1;
        g->ncols = (nb + g->nrows - 1) / g->nrows;
        /* Voorbeeldstad alone sits in the middle of the country; scaled-up runs spread the
         * gemeenten over a grid across the Netherlands. */
        double slot_w = 3.4 / side, slot_h = 2.6 / side;
        g->cw = fmin(CELL_W, 0.9 * slot_w / g->ncols);
        g->ch = fmin(CELL_H, 0.9 * slot_h / g->nrows);
        g->lon0 = ng == 1 ? 5.62 : 3.6 + slot_w * (gno % side);
        g->lat0 = ng == 1 ? 52.21 : 50.8 + slot_h * (gno / side);
        int k = 0;
        for (int w = g->first; w >= 0 && w <= g->last; w++) {
            if (d->a[w].level != 2) continue;
            for (int b = d->a[w].first; b >= 0 && b <= d->a[w].last; b++, k++) {
                int c = k / g->nrows, r = k % g->nrows;
                d->a[b].col = c;
                d->a[b].row = c % 2 ? g->nrows - 1 - r : r;
            }
        }
        gno++;
    }
}

/* ---- values per year ------------------------------------------------------------------- */

/* The variables of KWB as served, in DataProperties order. Fields with a year range appear only
 * in those tables, which moves the suffixes of everything after them between years. */
typedef enum {
    V_INWONERS,
    V_MANNEN,
    V_VROUWEN,
    V_A0,
    V_A15,
    V_A25,
    V_A45,
    V_A65,
    V_GEHUWD,
    V_VERWEDUWD,
    V_GEBOORTE,
    V_HH,
    V_HH1,
    V_HHKIND,
    V_HHGROOTTE,
    V_DICHTHEID,
    V_WONINGEN,
    V_WOZ,
    V_KOOP,
    V_HUUR,
    V_CORP,
    V_ELEK,
    V_ELEK_APP,
    V_GAS,
    V_GAS_APP,
    V_PARTICIPATIE,
    V_INKOMEN,
    V_LAAGINKOMEN,
    V_MINIMUM,
    V_BIJSTAND,
    V_AOW,
    V_JEUGDZORG,
    V_WMO,
    V_WMOREL,
    V_STEDELIJK,
    NV
} kwb_var;

typedef struct {
    const char *key, *title, *unit;
    int decimals; /* 0: an integer ("Long"), else "Double" */
    int from, to; /* years the field exists */
    int count;    /* a count: rounded to 5 for buurten and wijken, summed for aggregates */
} kwb_field;

static const kwb_field fields[NV] = {
    [V_INWONERS] = {"AantalInwoners", "Aantal inwoners", "aantal", 0, 0, 9999, 1},
    [V_MANNEN] = {"Mannen", "Mannen", "aantal", 0, 0, 9999, 1},
    [V_VROUWEN] = {"Vrouwen", "Vrouwen", "aantal", 0, 0, 9999, 1},
    [V_A0] = {"k_0Tot15Jaar", "0 tot 15 jaar", "aantal", 0, 0, 9999, 1},
    [V_A15] = {"k_15Tot25Jaar", "15 tot 25 jaar", "aantal", 0, 0, 9999, 1},
    [V_A25] = {"k_25Tot45Jaar", "25 tot 45 jaar", "aantal", 0, 0, 9999, 1},
    [V_A45] = {"k_45Tot65Jaar", "45 tot 65 jaar", "aantal", 0, 0, 9999, 1},
    [V_A65] = {"k_65JaarOfOuder", "65 jaar of ouder", "aantal", 0, 0, 9999, 1},
    [V_GEHUWD] = {"Gehuwd", "Gehuwd", "aantal", 0, 0, 9999, 1},
    [V_VERWEDUWD] = {"Verweduwd", "Verweduwd", "aantal", 0, 0, 9999, 1},
    [V_GEBOORTE] = {"GeboorteTotaal", "Geboorte totaal", "aantal", 0, 0, 2020, 1},
    [V_HH] = {"HuishoudensTotaal", "Huishoudens totaal", "aantal", 0, 0, 9999, 1},
    [V_HH1] = {"Eenpersoonshuishoudens", "Eenpersoonshuishoudens", "aantal", 0, 0, 9999, 1},
    [V_HHKIND] = {"HuishoudensMetKinderen", "Huishoudens met kinderen", "aantal", 0, 0, 9999, 1},
    [V_HHGROOTTE] = {"GemiddeldeHuishoudensgrootte", "Gemiddelde huishoudensgrootte", "aantal", 1,
                     0, 9999, 0},
    [V_DICHTHEID] = {"Bevolkingsdichtheid", "Bevolkingsdichtheid", "aantal inwoners per km²", 0, 0,
                     9999, 0},
    [V_WONINGEN] = {"Woningvoorraad", "Woningvoorraad", "aantal", 0, 0, 9999, 1},
    [V_WOZ] = {"GemiddeldeWOZWaardeVanWoningen", "Gemiddelde WOZ-waarde van woningen",
               "x 1 000 euro", 0, 0, 9999, 0},
    [V_KOOP] = {"Koopwoningen", "Koopwoningen", "%", 0, 0, 9999, 0},
    [V_HUUR] = {"HuurwoningenTotaal", "Huurwoningen totaal", "%", 0, 0, 9999, 0},
    [V_CORP] = {"InBezitWoningcorporatie", "In bezit woningcorporatie", "%", 0, 0, 9999, 0},
    [V_ELEK] = {"GemiddeldeElektriciteitsleveringTotaal",
                "Gemiddelde elektriciteitslevering totaal", "kWh", 0, 2018, 9999, 0},
    [V_ELEK_APP] = {"Appartement", "Appartement", "kWh", 0, 2018, 9999, 0},
    [V_GAS] = {"GemiddeldAardgasverbruikTotaal", "Gemiddeld aardgasverbruik totaal", "m³", 0, 2018,
               9999, 0},
    [V_GAS_APP] = {"Appartement", "Appartement", "m³", 0, 2018, 9999, 0},
    [V_PARTICIPATIE] = {"Nettoarbeidsparticipatie", "Nettoarbeidsparticipatie", "%", 1, 0, 9999, 0},
    [V_INKOMEN] = {"GemiddeldInkomenPerInwoner", "Gemiddeld inkomen per inwoner", "x 1 000 euro", 1,
                   0, 9999, 0},
    [V_LAAGINKOMEN] = {"HuishoudensMetEenLaagInkomen", "Huishoudens met een laag inkomen", "%", 1,
                       0, 9999, 0},
    [V_MINIMUM] = {"HuishOnderOfRondSociaalMinimum", "Huishoudens onder of rond sociaal minimum",
                   "%", 1, 0, 9999, 0},
    [V_BIJSTAND] = {"PersonenPerSoortUitkeringBijstand", "Personen per soort uitkering; Bijstand",
                    "aantal", 0, 0, 9999, 1},
    [V_AOW] = {"PersonenPerSoortUitkeringAOW", "Personen per soort uitkering; AOW", "aantal", 0, 0,
               9999, 1},
    [V_JEUGDZORG] = {"PercentageJongerenMetJeugdzorg", "Percentage jongeren met jeugdzorg", "%", 1,
                     0, 9999, 0},
    [V_WMO] = {"WmoClienten", "Wmo-cliënten", "aantal", 0, 0, 9999, 1},
    [V_WMOREL] = {"WmoClientenRelatief", "Wmo-cliënten relatief", "per 1 000 inwoners", 0, 0, 9999,
                  0},
    [V_STEDELIJK] = {"MateVanStedelijkheid", "Mate van stedelijkheid", "code", 0, 0, 9999, 0},
};

/* The RIVM variables of 50120NED with their suffixes there. */
typedef enum {
    R_GOED,
    R_BEPERKT,
    R_PSYCH,
    R_EENZAAM,
    R_ERNSTIG,
    R_MANTEL,
    R_VRIJWILLIG,
    R_MOEITE,
    NR
} rivm_var;
static const struct {
    const char *key, *title;
} rivm_fields[NR] = {
    {"ErvarenGezondheidGoedZeerGoed_4", "Ervaren gezondheid goed/zeer goed"},
    {"BeperktVanwegeGezondheid_17", "Beperkt vanwege gezondheid"},
    {"PsychischeKlachten_20", "Psychische klachten"},
    {"Eenzaam_27", "Eenzaam"},
    {"ErnstigZeerErnstigEenzaam_28", "Ernstig/zeer ernstig eenzaam"},
    {"Mantelzorger_31", "Mantelzorger"},
    {"Vrijwilligerswerk_32", "Vrijwilligerswerk"},
    {"MoeiteMetRondkomen_33", "Moeite met rondkomen"},
};
static const int rivm_periods[] = {2012, 2016, 2020, 2022};

/* Unrounded model values of a buurt in `year` (also years before 2016 for RIVM's 2012). */
typedef struct {
    double v[NV];
    double age[5]; /* shares % */
    double depr;
} buurt_year;

static double cell_km2(const area *g)
{
    return g->cw * 68.0 * g->ch * 111.0; /* degrees to km at 52° N */
}

/* Population of a buurt: a tiny buurt stays tiny; Molenakker (a new estate) only starts in
 * earnest in the year of the split. */
static double pop_of(const area *b, int year)
{
    if (b->fixed_pop) return b->pop0;
    return b->pop0 * pow(1 + b->growth, year - FIRST_YEAR);
}

/* One buurt-year. `noise` adds the year's random variation (draws from the generator). */
static void eval_buurt(demo *d, const area *b, int year, int noise, buurt_year *out)
{
    const area *g = &d->a[d->a[b->parent].parent];
    double t = year - FIRST_YEAR;
    double e = noise ? 1 : 0;
    double D = clampd(b->depr + e * gsl_ran_gaussian(d->rng, 0.015), 0, 1);
    double *v = out->v, *s = out->age;
    s[4] = clampd(b->age0[4] + b->drift65 * t + e * gsl_ran_gaussian(d->rng, 0.4), 1, 70);
    s[0] = fmax(1, b->age0[0] - 0.4 * b->drift65 * t);
    s[1] = fmax(1, b->age0[1] + e * gsl_ran_gaussian(d->rng, 0.3));
    s[2] = fmax(1, b->age0[2] - 0.3 * b->drift65 * t);
    s[3] = 100 - s[0] - s[1] - s[2] - s[4];
    if (s[3] < 3) { /* renormalise the other bands when the rest would be too small */
        double k = 97 / (s[0] + s[1] + s[2] + s[4]);
        for (int i = 0; i < 5; i++)
            s[i] = i == 3 ? 3 : s[i] * k;
    }
    out->depr = D;
    double pop = pop_of(b, year);
    double student = b->a == A_STUDENT;
    v[V_INWONERS] = pop;
    v[V_MANNEN] = pop * 0.494;
    v[V_VROUWEN] = pop * 0.506;
    for (int i = 0; i < 5; i++)
        v[V_A0 + i] = pop * s[i] / 100;
    v[V_GEHUWD] = pop * (0.42 - 0.25 * student - 0.1 * D);
    v[V_VERWEDUWD] = pop * (0.004 + 0.2 * s[4] / 100);
    v[V_GEBOORTE] = pop * (0.004 + 0.0009 * s[2]);
    double hh = pop / (b->hh_size - 0.004 * t);
    double one = clampd(b->one + 0.15 * t + e * gsl_ran_gaussian(d->rng, 0.8), 3, 95);
    v[V_HH] = hh;
    v[V_HH1] = hh * one / 100;
    v[V_HHKIND] = hh * clampd(1.9 * s[0], 1, 70) / 100;
    v[V_HHGROOTTE] = pop / hh;
    v[V_DICHTHEID] = pop / cell_km2(g);
    v[V_WONINGEN] = hh * 1.03;
    v[V_WOZ] = (160 + 260 * (1 - D) - 40 * student) * pow(1.055, t);
    v[V_KOOP] = clampd(b->koop + 0.2 * t, 1, 99);
    v[V_HUUR] = 100 - v[V_KOOP];
    v[V_CORP] = v[V_HUUR] * (0.45 + 0.45 * D);
    v[V_ELEK] = 2300 + 700 * (b->hh_size - 2) - 40 * t;
    v[V_ELEK_APP] = 1900 - 30 * t;
    v[V_GAS] = 1300 - 25 * t + 200 * (b->hh_size - 2);
    v[V_GAS_APP] = 850 - 20 * t;
    v[V_PARTICIPATIE] = clampd(73 - 14 * D - 0.15 * (s[4] - 18) - 12 * student + 0.4 * t +
                                   e * gsl_ran_gaussian(d->rng, 0.8),
                               30, 90);
    v[V_INKOMEN] = (22 + 16 * (1 - D) - 6 * student) * pow(1.035, t);
    v[V_LAAGINKOMEN] =
        clampd(2.5 + 15 * D + 4 * student + e * gsl_ran_gaussian(d->rng, 0.5), 0.5, 40);
    v[V_MINIMUM] =
        clampd(3.5 + 17 * D + 3 * student - 0.1 * t + e * gsl_ran_gaussian(d->rng, 0.5), 0.5, 45);
    v[V_BIJSTAND] = pop * (0.004 + 0.075 * D);
    v[V_AOW] = pop * s[4] / 100 * 0.98;
    v[V_JEUGDZORG] = clampd(7.5 + 9 * D + 0.15 * t + e * gsl_ran_gaussian(d->rng, 0.7), 1, 30);
    double wmo = clampd(22 + 2.8 * fmax(0, s[4] - 10) + 55 * D + 1.5 * t + (b->a == A_ZORG) * 40 +
                            e * gsl_ran_gaussian(d->rng, 3),
                        5, 400);
    v[V_WMO] = pop * wmo / 1000;
    v[V_WMOREL] = wmo;
    v[V_STEDELIJK] = arch[b->a].urban;
}

static double round5(double x)
{
    return 5 * floor(x / 5 + 0.5);
}

/* The published rows of every region for `year`: buurten as drawn, wijk and gemeente rows
 * aggregated from their buurten (counts summed, other figures weighted by population); then
 * counts of buurten and wijken rounded to 5 and small buurten suppressed, as CBS does. */
static int published_rows(const demo *d, const buurt_year *rows, int year, double (*out)[NV],
                          wd_error *err)
{
    double *pop = calloc(d->n, sizeof *pop);
    if (!pop) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    for (size_t i = 0; i < d->n; i++)
        for (int k = 0; k < NV; k++)
            out[i][k] = d->a[i].level == 3 ? rows[i].v[k] : 0;
    for (size_t j = 0; j < d->n; j++) {
        const area *b = &d->a[j];
        double p = rows[j].v[V_INWONERS];
        if (b->level != 3 || !isfinite(p)) continue;
        int up[2] = {b->parent, d->a[b->parent].parent};
        for (int u = 0; u < 2; u++) {
            for (int k = 0; k < NV; k++)
                out[up[u]][k] += fields[k].count ? rows[j].v[k] : rows[j].v[k] * p;
            pop[up[u]] += p;
        }
    }
    for (size_t i = 0; i < d->n; i++) {
        const area *r = &d->a[i];
        double *v = out[i];
        if (r->level == 3) continue;
        for (int k = 0; k < NV; k++)
            if (!fields[k].count) v[k] = pop[i] > 0 ? v[k] / pop[i] : NAN;
        v[V_HHGROOTTE] = v[V_INWONERS] / v[V_HH];
        v[V_WMOREL] = 1000 * v[V_WMO] / v[V_INWONERS];
        v[V_STEDELIJK] = round(v[V_STEDELIJK]);
        if (r->level == 1) v[V_DICHTHEID] = v[V_INWONERS] / (cell_km2(r) * (r->ncols * r->nrows));
    }
    free(pop);
    for (size_t i = 0; i < d->n; i++) {
        double *v = out[i];
        int lvl = d->a[i].level;
        if (lvl >= 2)
            for (int k = 0; k < NV; k++)
                if (fields[k].count) v[k] = round5(v[k]);
        double p = v[V_INWONERS];
        if (lvl == 3 && p < 50) /* CBS publishes almost nothing for the smallest buurten */
            for (int k = 0; k < NV; k++)
                if (k != V_INWONERS && k != V_WONINGEN && k != V_STEDELIJK) v[k] = NAN;
        if (lvl == 3 && p < 200) {
            static const kwb_var income[] = {V_PARTICIPATIE, V_INKOMEN, V_LAAGINKOMEN, V_MINIMUM,
                                             V_JEUGDZORG,    V_WMO,     V_WMOREL,      V_BIJSTAND};
            for (size_t k = 0; k < NELEM(income); k++)
                v[income[k]] = NAN;
        }
        /* Income is published a year later: the newest table has none yet (nor, in the
         * second edition, the one before it: its income delivery is not simulated). */
        if (year >= LAST_YEAR) v[V_INKOMEN] = v[V_LAAGINKOMEN] = v[V_MINIMUM] = NAN;
    }
    return 0;
}

/* National figures (plausible, simulated like the rest). */
static void national_row(int year, double *v)
{
    double t = year - FIRST_YEAR;
    double pop = 16979120 + 120000 * t;
    static const double s0[5] = {16.4, 12.2, 24.6, 28.5, 18.3};
    static const double ds[5] = {-0.12, 0.02, 0.0, -0.17, 0.27};
    for (int k = 0; k < NV; k++)
        v[k] = NAN;
    v[V_INWONERS] = pop;
    v[V_MANNEN] = round(pop * 0.496);
    v[V_VROUWEN] = pop - v[V_MANNEN];
    for (int i = 0; i < 5; i++)
        v[V_A0 + i] = round(pop * (s0[i] + ds[i] * t) / 100);
    v[V_GEHUWD] = round(pop * 0.405);
    v[V_VERWEDUWD] = round(pop * 0.051);
    if (year <= 2020) v[V_GEBOORTE] = round(pop * 0.0101);
    v[V_HH] = round(pop / (2.17 - 0.006 * t));
    v[V_HH1] = round(v[V_HH] * (0.38 + 0.002 * t));
    v[V_HHKIND] = round(v[V_HH] * 0.32);
    v[V_HHGROOTTE] = pop / v[V_HH];
    v[V_DICHTHEID] = round(pop / 33670);
    v[V_WONINGEN] = round(v[V_HH] * 1.02);
    v[V_WOZ] = 216 * pow(1.06, t);
    v[V_KOOP] = 56 + 0.2 * t;
    v[V_HUUR] = 100 - v[V_KOOP];
    v[V_CORP] = 29 - 0.1 * t;
    if (year >= 2018) {
        v[V_ELEK] = 2800 - 40 * t;
        v[V_ELEK_APP] = 1900 - 30 * t;
        v[V_GAS] = 1300 - 25 * t;
        v[V_GAS_APP] = 850 - 20 * t;
    }
    v[V_PARTICIPATIE] = 65.8 + 0.5 * t;
    if (year < LAST_YEAR) {
        v[V_INKOMEN] = 28.0 * pow(1.035, t);
        v[V_LAAGINKOMEN] = 8.5 - 0.2 * t;
        v[V_MINIMUM] = 8.6 - 0.25 * t;
    }
    v[V_BIJSTAND] = round(pop * 0.025);
    v[V_AOW] = round(pop * (0.183 + 0.0027 * t) * 0.97);
    v[V_JEUGDZORG] = 9.5 + 0.15 * t;
    v[V_WMOREL] = 62 + 1.2 * t;
    v[V_WMO] = round(pop * v[V_WMOREL] / 1000);
    v[V_STEDELIJK] = 2;
}

/* ---- writing --------------------------------------------------------------------------- */

/* Begin dir/rel through the atomic writer, creating the folders on the way and removing what
 * a killed demo left beside it (the folders hold a few files each); the stream, or NULL after
 * an error. Every file is finished with close_out, or wd_file_abort after an error. */
static FILE *open_out(demo *d, const char *rel, wd_file_out **out, wd_error *err)
{
    char path[PATH_MAX + 512];
    snprintf(path, sizeof path, "%s/%s", d->root, rel);
    char *slash = strrchr(path, '/');
    *slash = '\0';
    if (wd_file_mkdirs(path, err)) return NULL;
    *slash = '/';
    wd_file_clean_beside(path);
    return wd_file_open(out, path, err) ? NULL : wd_file_stream(*out);
}

static int close_out(wd_file_out *out, wd_error *err)
{
    return wd_file_commit(out, err);
}

/* A JSON string, with the padding CBS applies (`pad` characters, 0 for none). */
static void json_str(FILE *f, const char *s, int pad)
{
    fputc('"', f);
    int n = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '"' || *p == '\\') fputc('\\', f);
        fputc(*p, f);
        if (((unsigned char)*p & 0xC0) != 0x80) n++;
    }
    for (; n < pad; n++)
        fputc(' ', f);
    fputc('"', f);
}

static void json_num(FILE *f, double x, int decimals)
{
    if (!isfinite(x))
        fputs("null", f);
    else
        fprintf(f, "%.*f", decimals, x);
}

#define ODATA_META                                                                                 \
    "{\"odata.metadata\": "                                                                        \
    "\"https://opendata.cbs.nl/ODataFeed/odata/%s/$metadata#Cbs.OData.WebAPI.%s\", \"value\": ["

/* An OData collection written as pages of `page_size` rows linked by odata.nextLink. */
typedef struct {
    demo *d;
    wd_file_out *out;
    FILE *f;
    char dir[256]; /* "opendata.cbs.nl/ODataFeed/odata/85984NED" */
    const char *table;
    int rows, page;
    wd_error *err;
    int rc;
} pager;

static void page_open(pager *p)
{
    char rel[300];
    snprintf(rel, sizeof rel, p->page == 1 ? "%s/TypedDataSet" : "%s/TypedDataSet-%d", p->dir,
             p->page);
    p->f = open_out(p->d, rel, &p->out, p->err);
    if (!p->f) {
        p->rc = WD_EIO;
        return;
    }
    fprintf(p->f, ODATA_META, p->table, "TypedDataSet");
    p->rows = 0;
}

/* Start a row; returns the stream, or NULL after an error. */
static FILE *pager_row(pager *p, long id)
{
    if (p->rc) return NULL;
    if (!p->f) {
        p->page = 1;
        page_open(p);
    } else if (p->rows == p->d->page_size) {
        fprintf(p->f, "], \"odata.nextLink\": \"%s/%s/TypedDataSet-%d?$format=json&$skip=%ld\"}",
                p->d->url, p->dir, p->page + 1, id);
        p->rc = close_out(p->out, p->err);
        p->f = NULL;
        if (p->rc) return NULL;
        p->page++;
        page_open(p);
    }
    if (p->rc) return NULL;
    if (p->rows++) fputs(", ", p->f);
    return p->f;
}

static int pager_end(pager *p)
{
    if (!p->rc && !p->f) { /* an empty table is one empty page */
        p->page = 1;
        page_open(p);
    }
    if (p->rc) {
        if (p->f) wd_file_abort(p->out);
        return p->rc;
    }
    fputs("]}", p->f);
    return close_out(p->out, p->err);
}

static const area *gemeente_of(const demo *d, const area *a)
{
    return a->level == 1 ? a : a->level == 2 ? &d->a[a->parent] : &d->a[d->a[a->parent].parent];
}

static const char *soort(int level)
{
    static const char *const s[] = {"Land", "Gemeente", "Wijk", "Buurt"};
    return s[level];
}

/* Whether buurt i exists in `year`: Molenakker (BU99990306) is split off Molenbuurt in 2020. */
static int exists_in(const area *a, int year)
{
    return !(year < SPLIT_YEAR && strcmp(a->code, "BU99990306") == 0);
}

static int is_split(const area *a)
{
    return strcmp(a->code, "BU99990305") == 0 || strcmp(a->code, "BU99990306") == 0;
}

static int write_small(demo *d, const char *rel, const char *fmt_meta, const char *table,
                       const char *body, wd_error *err)
{
    wd_file_out *o;
    FILE *f = open_out(d, rel, &o, err);
    if (!f) return WD_EIO;
    fprintf(f, ODATA_META, table, fmt_meta);
    fputs(body, f);
    fputs("]}", f);
    return close_out(o, err);
}

static int write_kwb_meta(demo *d, int year, const char *dir, wd_error *err)
{
    const char *id = wd_catalog_kwb_builtin(year);
    char rel[320], body[1024];
    snprintf(rel, sizeof rel, "%s/TableInfos", dir);
    snprintf(body, sizeof body,
             "{\"ID\": 0, \"Title\": \"Kerncijfers wijken en buurten %d\", \"ShortTitle\": "
             "\"Kerncijfers wijken en buurten %d\", \"Identifier\": \"%s\", \"Modified\": "
             "\"%d-03-27T02:00:00\", \"Catalog\": \"CBS\", \"Frequency\": \"Onregelmatig\", "
             "\"Period\": \"%d\", \"Summary\": \"DEMO: gesimuleerde gegevens van de fictieve "
             "gemeente Voorbeeldstad in het formaat van CBS\"}",
             year, year, id, year + 1, year);
    int rc = write_small(d, rel, "TableInfos", id, body, err);
    if (rc) return rc;
    snprintf(rel, sizeof rel, "%s/DataProperties", dir);
    wd_file_out *o;
    FILE *f = open_out(d, rel, &o, err);
    if (!f) return WD_EIO;
    fprintf(f, ODATA_META, id, "DataProperties");
    fprintf(f,
            "{\"odata.type\": \"Cbs.OData.GeoDetail\", \"ID\": 0, \"Position\": 0, "
            "\"ParentID\": null, \"Type\": \"GeoDetail\", \"Key\": \"WijkenEnBuurten\", "
            "\"Title\": \"Wijken en buurten\", \"Description\": \"\", \"MapYear\": %d}, "
            "{\"odata.type\": \"Cbs.OData.TopicGroup\", \"ID\": 1, \"Position\": null, "
            "\"ParentID\": null, \"Type\": \"TopicGroup\", \"Key\": \"\", \"Title\": "
            "\"Regioaanduiding\", \"Description\": \"\"}",
            year);
    static const char *const text[] = {"Gemeentenaam", "SoortRegio", "Codering",
                                       "IndelingswijzigingGemeenteWijkBuurt"};
    static const char *const text_title[] = {"Gemeentenaam", "Soort regio", "Codering",
                                             "Indelingswijziging gemeente/wijk/buurt"};
    int suffix = 1, id_no = 2;
    for (int k = 0; k < 4; k++, suffix++, id_no++)
        fprintf(f,
                ", {\"odata.type\": \"Cbs.OData.Topic\", \"ID\": %d, \"Position\": %d, "
                "\"ParentID\": 1, \"Type\": \"Topic\", \"Key\": \"%s_%d\", \"Title\": \"%s\", "
                "\"Description\": \"\", \"Datatype\": \"String\", \"Unit\": \"\", "
                "\"Decimals\": 0, \"Default\": \"Impossible\", \"PresentationType\": \"Absolute\"}",
                id_no, id_no, text[k], suffix, text_title[k]);
    for (int k = 0; k < NV; k++) {
        if (year < fields[k].from || year > fields[k].to) continue;
        fprintf(f,
                ", {\"odata.type\": \"Cbs.OData.Topic\", \"ID\": %d, \"Position\": %d, "
                "\"ParentID\": 1, \"Type\": \"Topic\", \"Key\": \"%s_%d\", \"Title\": \"%s\", "
                "\"Description\": \"\", \"Datatype\": \"%s\", \"Unit\": \"%s\", "
                "\"Decimals\": %d, \"Default\": \"Missing\", \"PresentationType\": \"%s\"}",
                id_no, id_no, fields[k].key, suffix, fields[k].title,
                fields[k].decimals ? "Double" : "Long", fields[k].unit, fields[k].decimals,
                fields[k].count ? "Absolute" : "Relative");
        suffix++;
        id_no++;
    }
    fprintf(f,
            ", {\"odata.type\": \"Cbs.OData.Topic\", \"ID\": %d, \"Position\": %d, "
            "\"ParentID\": 1, \"Type\": \"Topic\", \"Key\": \"MeestVoorkomendePostcode_%d\", "
            "\"Title\": \"Meest voorkomende postcode\", \"Description\": \"\", \"Datatype\": "
            "\"String\", \"Unit\": \"\", \"Decimals\": 0, \"Default\": \"Missing\", "
            "\"PresentationType\": \"Absolute\"}",
            id_no, id_no, suffix);
    fputs("]}", f);
    return close_out(o, err);
}

/* The WijkenEnBuurten collection of table `table` (KWB or RIVM) in the indeling of `year`. */
static int write_regions(demo *d, int year, const char *dir, const char *table, wd_error *err)
{
    char rel[320];
    snprintf(rel, sizeof rel, "%s/WijkenEnBuurten", dir);
    wd_file_out *o;
    FILE *f = open_out(d, rel, &o, err);
    if (!f) return WD_EIO;
    fprintf(f, ODATA_META, table, "WijkenEnBuurten");
    fputs("{\"Key\": \"NL00      \", \"Title\": \"Nederland\", \"Description\": \"\", "
          "\"Municipality\": null, \"DetailRegionCode\": \"NL00\"}",
          f);
    for (size_t i = 0; i < d->n; i++) {
        const area *a = &d->a[i];
        if (!exists_in(a, year)) continue;
        const area *g = gemeente_of(d, a);
        fputs(", {\"Key\": ", f);
        json_str(f, a->code, 10);
        fputs(", \"Title\": ", f);
        json_str(f, a->name, 0);
        fprintf(f,
                ", \"Description\": \"\", \"Municipality\": \"%s\", \"DetailRegionCode\": \"%s\"}",
                g->code, a->code);
    }
    fputs("]}", f);
    return close_out(o, err);
}

static void kwb_row(FILE *f, long id, const char *code, const char *gm_name, int level,
                    int indeling, const double *v, int year, int postcode)
{
    fprintf(f, "{\"ID\": %ld, \"WijkenEnBuurten\": ", id);
    json_str(f, code, 10);
    fputs(", \"Gemeentenaam_1\": ", f);
    json_str(f, gm_name, 40);
    fputs(", \"SoortRegio_2\": ", f);
    json_str(f, soort(level), 10);
    fputs(", \"Codering_3\": ", f);
    json_str(f, code, 10);
    fprintf(f, ", \"IndelingswijzigingGemeenteWijkBuurt_4\": \"%d\"", indeling);
    int suffix = 5;
    for (int k = 0; k < NV; k++) {
        if (year < fields[k].from || year > fields[k].to) continue;
        fprintf(f, ", \"%s_%d\": ", fields[k].key, suffix++);
        double x = v[k];
        json_num(f, fields[k].count || !fields[k].decimals ? round(x) : x, fields[k].decimals);
    }
    fprintf(f, ", \"MeestVoorkomendePostcode_%d\": ", suffix);
    if (postcode > 0)
        fprintf(f, "\"      %04d\"}", postcode);
    else
        fputs("null}", f);
}

static int write_kwb(demo *d, int year, const double (*pub)[NV], wd_error *err)
{
    char dir[256];
    snprintf(dir, sizeof dir, "opendata.cbs.nl/ODataFeed/odata/%s", wd_catalog_kwb_builtin(year));
    int rc = write_kwb_meta(d, year, dir, err);
    if (!rc) rc = write_regions(d, year, dir, wd_catalog_kwb_builtin(year), err);
    if (rc) return rc;
    pager p = {.d = d, .table = wd_catalog_kwb_builtin(year), .err = err};
    snprintf(p.dir, sizeof p.dir, "%s", dir);
    long id = 0;
    double nl[NV];
    national_row(year, nl);
    FILE *f = pager_row(&p, id);
    if (f) kwb_row(f, id++, "NL00", "Nederland", 0, 1, nl, year, 0);
    for (size_t i = 0; i < d->n && !p.rc; i++) {
        const area *a = &d->a[i];
        if (!exists_in(a, year)) continue;
        const area *g = gemeente_of(d, a);
        int indeling = (year == SPLIT_YEAR && is_split(a)) ||
                               (year == EDITION2_YEAR && strcmp(a->code, REDRAWN) == 0)
                           ? 2
                           : 1;
        int postcode = a->level == 3 && isfinite(pub[i][V_WONINGEN]) && pub[i][V_WONINGEN] > 0
                           ? 9000 + (int)(i % 999)
                           : 0;
        f = pager_row(&p, id);
        if (f) kwb_row(f, id++, a->code, g->name, a->level, indeling, pub[i], year, postcode);
    }
    return pager_end(&p);
}

/* ---- RIVM ------------------------------------------------------------------------------ */

/* Model estimates for adults (18+) and for 65+ of a buurt-year. */
static void rivm_values(const buurt_year *y, int period, int old, double *r)
{
    const double *s = y->age;
    double D = y->depr, a65 = s[4] - 18;
    double covid = period >= 2020 ? 1 : 0;
    double one = 100 * y->v[V_HH1] / y->v[V_HH];
    if (!old) {
        r[R_GOED] = 79 - 17 * D - 0.25 * a65 - 2.5 * covid - 0.6 * (period == 2022);
        r[R_BEPERKT] = 19 + 11 * D + 0.35 * a65 + 0.5 * covid;
        r[R_PSYCH] = 10 + 9 * D + 3 * (s[1] > 25) + 1.5 * covid;
        r[R_EENZAAM] = 41 + 14 * D + 0.12 * (one - 35) + 3 * covid;
        r[R_ERNSTIG] = 8.5 + 8 * D + 0.07 * (one - 35) + 1.2 * covid;
        r[R_MANTEL] = 13.5 + 0.15 * (s[3] - 27) + 0.05 * a65 - 3 * D;
        r[R_VRIJWILLIG] = 31 - 13 * D + 0.2 * a65 - 0.15 * (s[1] - 12) - 4 * covid;
        r[R_MOEITE] = 11 + 28 * D + 2 * (period == 2022);
    } else {
        r[R_GOED] = 61 - 15 * D - 1.5 * covid;
        r[R_BEPERKT] = 37 + 12 * D + 0.8 * covid;
        r[R_PSYCH] = 9 + 7 * D + covid;
        r[R_EENZAAM] = 46 + 13 * D + 0.15 * (one - 35) + 3 * covid;
        r[R_ERNSTIG] = 8 + 7 * D + 0.06 * (one - 35) + covid;
        r[R_MANTEL] = 15 - 2 * D;
        r[R_VRIJWILLIG] = 33 - 12 * D - 3 * covid;
        r[R_MOEITE] = 8 + 22 * D + 1.5 * (period == 2022);
    }
    for (int k = 0; k < NR; k++)
        r[k] = clampd(r[k], 0.5, 99);
}

static const double nl_rivm[4][2][NR] = {
    {{75.6, 23.4, 10.5, 43.0, 9.7, 14.4, 31.5, 17.5},
     {60.4, 39.8, 9.4, 47.7, 9.4, 15.6, 32.5, 12.2}},
    {{76.0, 23.0, 11.0, 43.4, 10.0, 13.8, 30.6, 16.0},
     {61.0, 39.0, 9.6, 48.1, 9.3, 15.3, 32.0, 11.1}},
    {{74.0, 23.9, 12.6, 47.3, 11.4, 14.2, 26.3, 15.2},
     {60.2, 39.8, 10.2, 50.7, 10.1, 14.9, 28.9, 10.6}},
    {{70.9, 25.0, 13.5, 49.4, 12.4, 14.2, 27.4, 18.3},
     {59.0, 41.2, 10.9, 51.0, 10.5, 15.0, 29.5, 12.3}},
};

static void rivm_row(FILE *f, long id, const char *age, const char *marge, const char *code,
                     const char *gm, int level, int period, const double *r)
{
    fprintf(f, "{\"ID\": %ld, \"Leeftijd\": \"%s\", \"Marges\": \"%s\", \"WijkenEnBuurten\": ", id,
            age, marge);
    json_str(f, code, 10);
    fprintf(f, ", \"Perioden\": \"%dJJ00\", \"Gemeentenaam_1\": ", period);
    json_str(f, gm, 40);
    fputs(", \"SoortRegio_2\": ", f);
    json_str(f, soort(level), 10);
    fputs(", \"Codering_3\": ", f);
    json_str(f, code, 10);
    for (int k = 0; k < NR; k++) {
        fprintf(f, ", \"%s\": ", rivm_fields[k].key);
        json_num(f, r ? r[k] : NAN, 0);
    }
    fputc('}', f);
}

/* Value and 95% interval bounds of one region (rows of nulls when `val` is NULL); the
 * interval narrows with the population. */
static void rivm_triplet(demo *d, pager *p, long *id, const char *code, const char *gm, int level,
                         int period, int old, const double *val, double pop)
{
    static const char *const ages[] = {"20300 ", "80200 "};
    static const char *const marges[] = {"MW00000", "MOG0095", "MBG0095"};
    double lo[NR], hi[NR];
    for (int k = 0; val && k < NR; k++) {
        double h = 0.4 + 150 / sqrt(fmax(pop * (old ? 0.2 : 0.8), 1));
        lo[k] = clampd(val[k] - h * (0.8 + 0.4 * gsl_rng_uniform(d->rng)), 0, 100);
        hi[k] = clampd(val[k] + h * (0.8 + 0.4 * gsl_rng_uniform(d->rng)), 0, 100);
    }
    const double *vs[3] = {val, val ? lo : NULL, val ? hi : NULL};
    for (int m = 0; m < 3; m++) {
        FILE *f = pager_row(p, *id);
        if (f) rivm_row(f, (*id)++, ages[old], marges[m], code, gm, level, period, vs[m]);
    }
}

static void round_to(double *r, int n, int decimals)
{
    double k = pow(10, decimals);
    for (int i = 0; i < n; i++)
        r[i] = round(r[i] * k) / k;
}

static int write_rivm(demo *d, wd_error *err)
{
    const char *dir = "dataderden.cbs.nl/ODataFeed/odata/50120NED";
    char rel[320];
    snprintf(rel, sizeof rel, "%s/TableInfos", dir);
    int rc =
        write_small(d, rel, "TableInfos", "50120NED",
                    "{\"ID\": 0, \"Title\": \"Gezondheid per wijk en buurt; 2012/2016/2020/2022 "
                    "(indeling 2022)\", \"Identifier\": \"50120NED\", \"Period\": \"2012, 2016, "
                    "2020, 2022\", \"Catalog\": \"RIVM\", \"Summary\": \"DEMO: gesimuleerde "
                    "modelschattingen voor de fictieve gemeente Voorbeeldstad\"}",
                    err);
    if (rc) return rc;
    snprintf(rel, sizeof rel, "%s/DataProperties", dir);
    wd_file_out *o;
    FILE *f = open_out(d, rel, &o, err);
    if (!f) return WD_EIO;
    fprintf(f, ODATA_META, "50120NED", "DataProperties");
    static const char *const dims[] = {"Dimension",     "Leeftijd",        "Leeftijd",
                                       "Dimension",     "Marges",          "Marges",
                                       "GeoDimension",  "WijkenEnBuurten", "Wijken en buurten",
                                       "TimeDimension", "Perioden",        "Perioden"};
    for (int k = 0; k < 4; k++)
        fprintf(f,
                "%s{\"odata.type\": \"Cbs.OData.%s\", \"ID\": %d, \"Position\": %d, "
                "\"ParentID\": null, \"Type\": \"%s\", \"Key\": \"%s\", \"Title\": \"%s\", "
                "\"Description\": \"\"}",
                k ? ", " : "", dims[3 * k], k, k, dims[3 * k], dims[3 * k + 1], dims[3 * k + 2]);
    fputs(", {\"odata.type\": \"Cbs.OData.Topic\", \"ID\": 4, \"Position\": 4, \"ParentID\": null, "
          "\"Type\": \"Topic\", \"Key\": \"Gemeentenaam_1\", \"Title\": \"Gemeentenaam\", "
          "\"Description\": \"\", \"Datatype\": \"String\", \"Unit\": \"\", \"Decimals\": 0}, "
          "{\"odata.type\": \"Cbs.OData.Topic\", \"ID\": 5, \"Position\": 5, \"ParentID\": null, "
          "\"Type\": \"Topic\", \"Key\": \"SoortRegio_2\", \"Title\": \"Soort regio\", "
          "\"Description\": \"\", \"Datatype\": \"String\", \"Unit\": \"\", \"Decimals\": 0}, "
          "{\"odata.type\": \"Cbs.OData.Topic\", \"ID\": 6, \"Position\": 6, \"ParentID\": null, "
          "\"Type\": \"Topic\", \"Key\": \"Codering_3\", \"Title\": \"Codering\", "
          "\"Description\": \"\", \"Datatype\": \"String\", \"Unit\": \"\", \"Decimals\": 0}",
          f);
    for (int k = 0; k < NR; k++)
        fprintf(f,
                ", {\"odata.type\": \"Cbs.OData.Topic\", \"ID\": %d, \"Position\": %d, "
                "\"ParentID\": null, \"Type\": \"Topic\", \"Key\": \"%s\", \"Title\": \"%s\", "
                "\"Description\": \"Modelschatting (RIVM).\", \"Datatype\": \"Double\", "
                "\"Unit\": \"%%\", \"Decimals\": 0}",
                7 + k, 7 + k, rivm_fields[k].key, rivm_fields[k].title);
    fputs("]}", f);
    rc = close_out(o, err);
    if (rc) return rc;

    if ((rc = write_regions(d, rivm_periods[NELEM(rivm_periods) - 1], dir, "50120NED", err)))
        return rc;
    pager p = {.d = d, .table = "50120NED", .err = err};
    snprintf(p.dir, sizeof p.dir, "%s", dir);
    buurt_year *ys = calloc(d->n, sizeof *ys);
    double(*val)[NR] = calloc(d->n, sizeof *val);
    double *pop = calloc(d->n, sizeof *pop);
    if (!ys || !val || !pop) {
        free(ys);
        free(val);
        free(pop);
        return wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    }
    long id = 0;
    for (size_t pi = 0; pi < NELEM(rivm_periods); pi++) {
        int period = rivm_periods[pi];
        for (size_t i = 0; i < d->n; i++)
            if (d->a[i].level == 3) eval_buurt(d, &d->a[i], period, 0, &ys[i]);
        for (int old = 0; old < 2; old++) {
            /* A buurt's estimate is its model value plus noise; wijk and gemeente estimates
             * are the population-weighted means of their buurten's model values. */
            memset(val, 0, d->n * sizeof *val);
            memset(pop, 0, d->n * sizeof *pop);
            for (size_t j = 0; j < d->n; j++) {
                const area *b = &d->a[j];
                if (b->level != 3) continue;
                double r[NR], w = ys[j].v[V_INWONERS];
                rivm_values(&ys[j], period, old, r);
                int up[3] = {(int)j, b->parent, d->a[b->parent].parent};
                for (int u = 0; u < 3; u++) {
                    for (int k = 0; k < NR; k++)
                        val[up[u]][k] += w * r[k];
                    pop[up[u]] += w;
                }
            }
            rivm_triplet(d, &p, &id, "NL00", "Nederland", 0, period, old, nl_rivm[pi][old], 17e6);
            for (size_t i = 0; i < d->n; i++) {
                const area *a = &d->a[i];
                const area *g = gemeente_of(d, a);
                double *r = val[i];
                for (int k = 0; k < NR; k++)
                    r[k] = r[k] / pop[i] + (a->level == 3 ? gsl_ran_gaussian(d->rng, 1.0) : 0);
                round_to(r, NR, 0);
                rivm_triplet(d, &p, &id, a->code, g->name, a->level, period, old,
                             pop[i] >= 100 ? r : NULL, pop[i]); /* too few people: no estimate */
            }
        }
    }
    free(ys);
    free(val);
    free(pop);
    return pager_end(&p);
}

/* ---- Leefbaarometer -------------------------------------------------------------------- */

static const int lbm_years[] = {2002, 2008, 2012, 2014, 2016, 2018, 2020, 2022, 2024};
#define LBM_BASELINE 4.0456 /* the 2024 edition */

static void lbm_dims(const area *b, int year, double noise[5], double *dim)
{
    double t = year - FIRST_YEAR;
    for (int k = 0; k < 5; k++)
        dim[k] = b->lbm0[k] + 0.003 * t * (k == 0 ? 1 : k == 1 ? -0.5 : 0.4) + noise[k];
}

static int write_lbm(demo *d, wd_error *err)
{
    static const char *const files[] = {"Leefbaarometer-scores buurten 2002-2024.csv",
                                        "Leefbaarometer-scores wijken 2002-2024.csv",
                                        "Leefbaarometer-scores gemeenten 2002-2024.csv"};
    static const char *const prefix[] = {"bu", "wk", "gm"};
    double(*dims)[NELEM(lbm_years)][5] = calloc(d->n, sizeof *dims);
    double *pop = calloc(d->n, sizeof *pop);
    if (!dims || !pop) {
        free(dims);
        free(pop);
        return wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    }
    /* Buurt scores; wijk and gemeente scores are population-weighted means. Buurten with
     * hardly any homes get no score, as in the published file. */
    for (size_t i = 0; i < d->n; i++) {
        const area *b = &d->a[i];
        if (b->level != 3 || pop_of(b, GEO_YEAR) < 50) continue;
        double w = pop_of(b, GEO_YEAR);
        for (size_t y = 0; y < NELEM(lbm_years); y++) {
            double noise[5], dim[5];
            for (int k = 0; k < 5; k++)
                noise[k] = gsl_ran_gaussian(d->rng, 0.008);
            lbm_dims(b, lbm_years[y], noise, dim);
            for (int k = 0; k < 5; k++) {
                dims[i][y][k] = dim[k];
                dims[b->parent][y][k] += w * dim[k];
                dims[d->a[b->parent].parent][y][k] += w * dim[k];
            }
        }
        pop[i] = w;
        pop[b->parent] += w;
        pop[d->a[b->parent].parent] += w;
    }
    int rc = 0;
    for (int lvl = 3; lvl >= 1 && !rc; lvl--) {
        char rel[200];
        snprintf(rel, sizeof rel, "leefbaarometer/%s", files[3 - lvl]);
        wd_file_out *o = NULL;
        FILE *f = open_out(d, rel, &o, err);
        if (!f) rc = WD_EIO;
        if (f)
            fprintf(f, "%s_code,%s_naam,jaar,lbm,afw,fys,onv,soc,vrz,won\r\n", prefix[3 - lvl],
                    prefix[3 - lvl]);
        for (size_t i = 0; f && i < d->n; i++) {
            const area *a = &d->a[i];
            if (a->level != lvl || pop[i] <= 0) continue;
            for (size_t y = 0; y < NELEM(lbm_years); y++) {
                double dim[5], afw = 0;
                for (int k = 0; k < 5; k++) {
                    dim[k] = round((lvl == 3 ? dims[i][y][k] : dims[i][y][k] / pop[i]) * 1e4) / 1e4;
                    afw += dim[k];
                }
                /* afw is the exact sum of the printed dimensions; lbm = baseline + afw. */
                fprintf(f, "%s,", a->code);
                wd_export_csv_field(f, a->name);
                fprintf(f, ",%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f\r\n", lbm_years[y],
                        LBM_BASELINE + afw, afw, dim[0], dim[1], dim[2], dim[3], dim[4]);
            }
        }
        if (f) rc = close_out(o, err);
    }
    free(dims);
    free(pop);
    return rc;
}

/* ---- PDOK geometry --------------------------------------------------------------------- */

/* Lattice point (x, y) of a gemeente's grid, jittered but shared by neighbouring cells. */
static void lattice(const area *g, unsigned long seed, int x, int y, double *lon, double *lat)
{
    unsigned long h = seed * 2654435761u ^ (unsigned long)x * 73856093u ^
                      (unsigned long)y * 19349663u ^ (unsigned long)(g->lon0 * 1e6);
    double jx = ((h >> 3) % 1000) / 1000.0 - 0.5, jy = ((h >> 13) % 1000) / 1000.0 - 0.5;
    int edge = x == 0 || y == 0 || x == g->ncols * SUB || y == g->nrows * SUB;
    double j = edge ? 0.25 : 0.55;
    *lon = g->lon0 + (x + j * jx) * g->cw / SUB;
    *lat = g->lat0 - (y + j * jy) * g->ch / SUB;
}

/* The outline of the cells of the buurten in [b0, b1] as a GeoJSON ring. A cell side is on
 * the outline when the cell across it is not in the set; walked counterclockwise, the outline
 * edges chain into one ring (the cells form one piece without holes or pinches), each lattice
 * point on it having exactly one outgoing edge. */
static int write_ring(FILE *f, const demo *d, const area *g, int b0, int b1, unsigned long seed,
                      wd_error *err)
{
    int nx = g->ncols * SUB + 1, ny = g->nrows * SUB + 1;
    unsigned char *in = calloc((size_t)g->ncols * g->nrows, 1);
    int *next = malloc((size_t)nx * ny * sizeof *next); /* lattice point -> next point, -1 none */
    if (!in || !next) {
        free(in);
        free(next);
        return wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    }
    for (int i = 0; i < nx * ny; i++)
        next[i] = -1;
    for (int b = b0; b <= b1; b++)
        if (d->a[b].level == 3) in[d->a[b].row * g->ncols + d->a[b].col] = 1;
#define IN(c, r)                                                                                   \
    ((c) >= 0 && (r) >= 0 && (c) < g->ncols && (r) < g->nrows && in[(r)*g->ncols + (c)])
#define P(x, y) ((y)*nx + (x))
    int start = -1;
    for (int r = 0; r < g->nrows; r++)
        for (int c = 0; c < g->ncols; c++) {
            if (!IN(c, r)) continue;
            int x = c * SUB, y = r * SUB; /* y grows southwards */
            for (int k = 0; k < SUB; k++) {
                if (!IN(c - 1, r)) /* west side, going south */
                    next[P(x, y + k)] = P(x, y + k + 1);
                if (!IN(c, r + 1)) /* south side, going east */
                    next[P(x + k, y + SUB)] = P(x + k + 1, y + SUB);
                if (!IN(c + 1, r)) /* east side, going north */
                    next[P(x + SUB, y + SUB - k)] = P(x + SUB, y + SUB - k - 1);
                if (!IN(c, r - 1)) /* north side, going west */
                    next[P(x + SUB - k, y)] = P(x + SUB - k - 1, y);
            }
            if (start < 0) start = P(x, y);
        }
#undef IN
#undef P
    fputs("[[", f);
    int pt = start, k = 0;
    do {
        double lon, lat;
        lattice(g, seed, pt % nx, pt / nx, &lon, &lat);
        fprintf(f, "%s[%.5f, %.5f]", k++ ? ", " : "", lon, lat);
        pt = next[pt];
    } while (pt >= 0 && pt != start);
    double lon, lat; /* a GeoJSON ring ends where it starts */
    lattice(g, seed, start % nx, start / nx, &lon, &lat);
    fprintf(f, ", [%.5f, %.5f]]]", lon, lat);
    free(in);
    free(next);
    return 0;
}

static int write_pdok(demo *d, const double (*pub)[NV], unsigned long seed, wd_error *err)
{
    static const char *const coll[] = {"gemeenten", "wijken", "buurten"};
    int page_size = d->page_size < 1000 ? d->page_size : 1000;
    int rc = 0;
    for (int lvl = 1; lvl <= 3 && !rc; lvl++) {
        char base[160], rel[220];
        snprintf(base, sizeof base, "api.pdok.nl/cbs/wijken-en-buurten-%d/ogc/v1/collections/%s",
                 GEO_YEAR, coll[lvl - 1]);
        int page = 0, in_page = 0;
        wd_file_out *o = NULL;
        FILE *f = NULL;
        for (size_t i = 0; i <= d->n && !rc; i++) {
            int last = i == d->n;
            if (!last && d->a[i].level != lvl) continue;
            if (f && (last || in_page == page_size)) {
                fprintf(f,
                        "], \"numberReturned\": %d, \"links\": [{\"rel\": \"self\", \"type\": "
                        "\"application/geo+json\", \"title\": \"This document as GeoJSON\", "
                        "\"href\": \"https://api.pdok.nl/%s/items?f=json\"}",
                        in_page, base + strlen("api.pdok.nl/"));
                if (!last)
                    fprintf(
                        f,
                        ", {\"rel\": \"next\", \"type\": \"application/geo+json\", "
                        "\"title\": \"Next page\", \"href\": \"%s/%s/items-%d?f=json&limit=%d"
                        "&crs=http%%3A%%2F%%2Fwww.opengis.net%%2Fdef%%2Fcrs%%2FOGC%%2F1.3%%2FCRS84"
                        "&cursor=p%d\"}",
                        d->url, base, page + 1, page_size, page + 1);
                fputs("]}", f);
                rc = close_out(o, err);
                f = NULL;
            }
            if (last || rc) break;
            if (!f) {
                page++;
                snprintf(rel, sizeof rel, page == 1 ? "%s/items" : "%s/items-%d", base, page);
                f = open_out(d, rel, &o, err);
                if (!f) {
                    rc = WD_EIO;
                    break;
                }
                fputs("{\"type\": \"FeatureCollection\", \"timeStamp\": \"2025-06-01T00:00:00Z\", "
                      "\"features\": [",
                      f);
                in_page = 0;
            }
            const area *a = &d->a[i];
            const area *g = gemeente_of(d, a);
            fprintf(f,
                    "%s{\"type\": \"Feature\", \"id\": \"%s\", \"geometry\": {\"type\": "
                    "\"MultiPolygon\", \"coordinates\": [",
                    in_page++ ? ", " : "", a->code);
            int b0 = lvl == 3 ? (int)i : lvl == 2 ? a->first : d->a[a->first].first;
            int b1 = lvl == 3 ? (int)i : lvl == 2 ? a->last : d->a[a->last].last;
            rc = write_ring(f, d, g, b0, b1, seed, err);
            fputs("]}, \"properties\": {", f);
            if (lvl == 3) {
                fputs("\"buurtcode\": ", f);
                json_str(f, a->code, 0);
                fputs(", \"buurtnaam\": ", f);
                json_str(f, a->name, 0);
                fprintf(f, ", \"wijkcode\": \"%s\", ", d->a[a->parent].code);
            } else if (lvl == 2) {
                fputs("\"wijkcode\": ", f);
                json_str(f, a->code, 0);
                fputs(", \"wijknaam\": ", f);
                json_str(f, a->name, 0);
                fputs(", ", f);
            }
            fprintf(f, "\"gemeentecode\": \"%s\", \"gemeentenaam\": ", g->code);
            json_str(f, g->name, 0);
            double inw = pub[i][V_INWONERS], s65 = 100 * pub[i][V_A65] / inw;
            /* PDOK marks secret values as -99997. */
            fprintf(f,
                    ", \"water\": \"NEE\", \"aantal_inwoners\": %.0f, "
                    "\"percentage_personen_65_jaar_en_ouder\": %.0f}}",
                    isfinite(inw) && inw >= 50 ? inw : -99997,
                    isfinite(s65) && inw >= 50 ? s65 : -99997);
        }
        if (f) wd_file_abort(o); /* a ring that failed */
    }
    return rc;
}

/* ---- StatLine CSV export --------------------------------------------------------------- */

static void statline_num(FILE *f, double x, int decimals)
{
    if (!isfinite(x))
        fputs(";\"       .\"", f);
    else
        fprintf(f, ";\"%8.*f\"", decimals, x);
}

static int write_statline(demo *d, const double (*pub)[NV], wd_error *err)
{
    const char *rel = "statline/nabijheid_2024.csv";
    wd_file_out *o;
    FILE *f = open_out(d, rel, &o, err);
    if (!f) return WD_EIO;
    fputs("\xEF\xBB\xBF\"Wijken en buurten\";\"Regioaanduiding/Codering (code)\";"
          "\"Regioaanduiding/Soort regio (omschrijving)\";\"Perioden\";"
          "\"Vrije tijd en cultuur/Afstand tot bibliotheek (km)\";"
          "\"Detailhandel/Afstand tot grote supermarkt (km)\";"
          "\"Zorg/Afstand tot huisartsenpraktijk (km)\";\"Bevolking/Aantal inwoners (aantal)\"\r\n",
          f);
    fputs("\"Nederland\";\"NL00      \";\"Land\";\"2024\";\"     2.0\";\"     0.9\";\"     1.0\";"
          "\"17942942\"\r\n",
          f);
    for (size_t i = 0; i < d->n; i++) {
        const area *a = &d->a[i];
        double urban = a->level == 3 ? arch[a->a].urban : 2.5;
        double inw = pub[i][V_INWONERS];
        int secret = a->level == 3 && (!isfinite(inw) || inw < 50);
        fputc('"', f);
        for (const char *s = a->name; *s; s++)
            fputs(*s == '"' ? "\"\"" : (char[]){*s, 0}, f);
        fprintf(f, "\";\"%-10s\";\"%s\";\"2024\"", a->code, soort(a->level));
        statline_num(f, secret ? NAN : 0.3 + 0.55 * urban + 0.2 * gsl_rng_uniform(d->rng), 1);
        statline_num(f, secret ? NAN : 0.2 + 0.35 * urban + 0.2 * gsl_rng_uniform(d->rng), 1);
        statline_num(f, secret ? NAN : 0.3 + 0.3 * urban + 0.2 * gsl_rng_uniform(d->rng), 1);
        statline_num(f, inw, 0);
        fputs("\r\n", f);
    }
    return close_out(o, err);
}

/* ---- the second edition --------------------------------------------------------------- */

/* Add `n` residents of 65 or older to a buurt-year, as a care complex brings them: mostly
 * living alone, many widowed, several with Wmo support. */
static void care_complex(buurt_year *y, double n)
{
    double *v = y->v;
    v[V_INWONERS] += n;
    v[V_A65] += n;
    v[V_AOW] += 0.98 * n;
    v[V_VERWEDUWD] += 0.35 * n;
    v[V_HH] += 0.9 * n;
    v[V_HH1] += 0.75 * n;
    v[V_WMO] += 0.3 * n;
    v[V_WMOREL] = 1000 * v[V_WMO] / v[V_INWONERS];
    v[V_HHGROOTTE] = v[V_INWONERS] / v[V_HH];
}

/* KWB EDITION2_YEAR from the model a year on (see wd_demo.h), after every other source drew
 * from the generator, so that the files of the first edition stay as they were. */
static int write_edition2(demo *d, buurt_year *rows, double (*pub)[NV], wd_error *err)
{
    for (size_t i = 0; i < d->n; i++) {
        area *a = &d->a[i];
        if (a->level != 3) {
            rows[i].v[V_INWONERS] = NAN;
            continue;
        }
        eval_buurt(d, a, EDITION2_YEAR, 1, &rows[i]);
        if (strcmp(a->code, "BU99990101") == 0) care_complex(&rows[i], 160);
        if (strcmp(a->code, "BU99990103") == 0) {
            /* New family homes: 60 households with children instead of single rooms. */
            rows[i].v[V_HH1] *= 0.82;
            rows[i].v[V_HHKIND] += 60;
        }
        if (strcmp(a->code, REDRAWN) == 0) /* a street of a neighbouring buurt joins it */
            for (int k = 0; k < NV; k++)
                if (fields[k].count) rows[i].v[k] *= 1.12;
    }
    int rc = published_rows(d, rows, EDITION2_YEAR, pub, err);
    return rc ? rc : write_kwb(d, EDITION2_YEAR, (const double(*)[NV])pub, err);
}

/* ---- driver ---------------------------------------------------------------------------- */

int wd_demo_generate(const char *dir, const wd_demo_options *opt, wd_error *err)
{
    demo d = {0};
    int n_buurten = opt && opt->n_buurten > 0 ? opt->n_buurten : WD_DEMO_DEFAULT_BUURTEN;
    unsigned long seed = opt ? opt->seed : 1;
    d.page_size = opt && opt->page_size > 0 ? opt->page_size : 10000;
    if (n_buurten < WD_DEMO_DEFAULT_BUURTEN)
        return wd_error_set(err, WD_EUSAGE, "--buurten: minstens %d (Voorbeeldstad zelf)",
                            WD_DEMO_DEFAULT_BUURTEN);
    if (n_buurten > 99 * 99 * (N_GEMEENTEN_NATIONAL - 1))
        return wd_error_set(err, WD_EUSAGE, "--buurten: hoogstens %d",
                            99 * 99 * (N_GEMEENTEN_NATIONAL - 1));
    if (snprintf(d.root, sizeof d.root, "%s", dir) >= (int)sizeof d.root)
        return wd_error_set(err, WD_EIO, "%s: pad te lang", dir);
    int rc = wd_file_mkdirs(d.root, err);
    if (!rc) rc = wd_fileurl_from_path(d.url, sizeof d.url, d.root, err);
    if (rc) return rc;
    d.rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!d.rng) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    gsl_rng_set(d.rng, seed);
    rc = build_voorbeeldstad(&d, err);
    if (!rc) rc = build_more(&d, n_buurten, err);
    buurt_year *rows = NULL;
    double(*pub)[NV] = NULL;
    if (!rc) {
        layout(&d);
        rows = calloc(d.n, sizeof *rows);
        pub = calloc(d.n, sizeof *pub);
        if (!rows || !pub) rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    }
    for (int year = FIRST_YEAR; !rc && year <= LAST_YEAR; year++) {
        for (size_t i = 0; i < d.n; i++) {
            if (d.a[i].level == 3)
                eval_buurt(&d, &d.a[i], year, 1, &rows[i]);
            else
                rows[i].v[V_INWONERS] = NAN;
        }
        /* Before the split, Molenbuurt's row covers Molenakker too. */
        for (size_t i = 0; i < d.n; i++)
            if (year < SPLIT_YEAR && strcmp(d.a[i].code, "BU99990306") == 0) {
                buurt_year *mb = &rows[i - 1], *ma = &rows[i];
                double pb = mb->v[V_INWONERS], pa = ma->v[V_INWONERS];
                for (int k = 0; k < NV; k++)
                    mb->v[k] = fields[k].count ? mb->v[k] + ma->v[k]
                                               : (mb->v[k] * pb + ma->v[k] * pa) / (pb + pa);
                ma->v[V_INWONERS] = NAN;
            }
        rc = published_rows(&d, rows, year, pub, err);
        /* A few cells CBS could not fill. */
        for (size_t i = 0; i < d.n; i++)
            if (d.a[i].level == 3 && gsl_rng_uniform(d.rng) < 0.02)
                pub[i][gsl_rng_uniform(d.rng) < 0.5 ? V_JEUGDZORG : V_WMOREL] = NAN;
        if (!rc) rc = write_kwb(&d, year, (const double(*)[NV])pub, err);
    }
    if (!rc) rc = write_rivm(&d, err);
    if (!rc) rc = write_lbm(&d, err);
    if (!rc) rc = write_pdok(&d, (const double(*)[NV])pub, seed, err);
    if (!rc) rc = write_statline(&d, (const double(*)[NV])pub, err);
    if (!rc && opt && opt->edition == 2) rc = write_edition2(&d, rows, pub, err);
    free(rows);
    free(pub);
    free(d.a);
    gsl_rng_free(d.rng);
    return rc;
}
