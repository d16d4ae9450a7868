/* Wijkopgaven: scores, ranks with Monte Carlo rank intervals, and priority tiers per buurt.
 *
 * An opgave is data (engine/wd_opgaven.h): a Dutch title and description and a weighted set
 * of indicators, each with the direction in which it means more need. Within each gemeente, every
 * buurt gets per opgave a score: the weighted mean of the need-signed z-scores of its components (z
 * over the gemeente's buurten with at least min_population inhabitants). Buurten are ranked within
 * their gemeente (rank 1 = most need); buurten below min_population or with less than half of the
 * weight are shown but never ranked. Weights are value judgements, so the ranking is repeated
 * `draws` times with every weight multiplied by uniform(0.75, 1.25) (seeded gsl_rng: same seed,
 * same result), giving the median rank, the 5-95% rank interval and the mean absolute rank shift.
 * The tier follows from the median rank, by thirds of the number of ranked buurten. Values
 * are those of the reference year, or for indicators not published every year (RIVM) the
 * latest within the balance definition's max_years_back. */
#ifndef WD_RANK_H
#define WD_RANK_H

#include "engine/wd_compute.h"
#include "engine/wd_indicators.h"
#include "engine/wd_opgaven.h"
#include "engine/wd_store.h"

#define WD_RANK_DEFAULT_DRAWS 1000
#define WD_RANK_DEFAULT_SEED 20260126UL
/* Each draw multiplies every weight by a factor uniform in [LO, HI) (OECD/JRC: +-25%). */
#define WD_RANK_WEIGHT_LO 0.75
#define WD_RANK_WEIGHT_HI 1.25

typedef enum {
    WD_TIER_NONE,   /* not ranked */
    WD_TIER_HIGH,   /* median rank in the first third */
    WD_TIER_MIDDLE, /* median rank in the middle third */
    WD_TIER_LOW     /* median rank in the last third */
} wd_tier;

typedef enum {
    WD_RANK_RANKED,
    WD_RANK_NOT_BUURT,    /* wijk, gemeente or land: buurten only */
    WD_RANK_SMALL,        /* fewer inhabitants than min_population: shown, never ranked */
    WD_RANK_TOO_LITTLE,   /* components with a value carry less than half of the weight */
    WD_RANK_NO_POPULATION /* its number of inhabitants in the year is not known: shown, never
                             ranked (a missing figure is no small one) */
} wd_rank_status;

/* Dutch names: "hoge prioriteit", "middel", "lage prioriteit", "" for WD_TIER_NONE. */
const char *wd_rank_tier_name(wd_tier t);
/* Dutch explanation of a status: "gerangschikt", "te weinig inwoners, niet gerangschikt",
 * "inwonertal onbekend, niet gerangschikt", ... */
const char *wd_rank_status_name(wd_rank_status s);

typedef struct {
    int draws;             /* Monte Carlo draws (>= 1) */
    unsigned long seed;    /* gsl_rng_mt19937 seed */
    double min_population; /* buurten below this are never ranked */
    int year;              /* calendar year; 0: the newest year in which a buurt has inhabitants */
} wd_rank_options;

/* One buurt x opgave. Ranks are 1 .. n_ranked, 0 when not ranked. */
typedef struct {
    double score;        /* NAN when too few components have a value */
    double weight_share; /* share of the opgave's weight whose component has a value */
    int rank;            /* with the weights as defined */
    int rank_median, rank_lo, rank_hi; /* Monte Carlo median and 5% / 95% points */
    double shift;                      /* mean over the draws of |rank in the draw - rank| */
    int n_ranked;                      /* buurten ranked in the gemeente for this opgave */
    wd_tier tier;
    wd_rank_status status;
} wd_rank_entry;

typedef struct {
    const wd_results *res;    /* borrowed */
    const wd_opgave_set *opg; /* borrowed */
    wd_rank_options opt;
    int year;               /* year index of the reference year */
    wd_rank_entry *entry;   /* (region, opgave) */
    double *z;              /* (region, opgave, component): need-signed z, NAN if none */
    double *gemeente_shift; /* (region, opgave): for each gemeente the mean rank shift over
                               its ranked buurten; NAN elsewhere */
} wd_ranking;

/* Score and rank every buurt of `res` for every opgave. new — free with wd_rank_free();
 * borrows res and opg. WD_EUSAGE for draws < 1; WD_ENOTFOUND for a year in which no buurt has
 * inhabitants, or none at all (wd_dataset_year_error). */
int wd_rank(wd_ranking **out, const wd_results *res, const wd_opgave_set *opg,
            const wd_rank_options *opt, wd_error *err);
void wd_rank_free(wd_ranking *rk);

static inline size_t wd_rank_cell(const wd_ranking *rk, size_t r, size_t o)
{
    return r * rk->opg->n + o;
}

/* Replace the stored ranking (table `opgave_ranks`) of the loaded buurten with this one: one
 * row per buurt and opgave, also for buurten that are shown but not ranked. One transaction. */
int wd_rank_save(const wd_ranking *rk, wd_store *store, wd_error *err);

/* One stored row, as a profile shows it. */
typedef struct {
    char opgave[48];
    int year;
    double score;
    int rank, rank_median, rank_lo, rank_hi, n_ranked;
    char tier[24];
} wd_rank_row;

/* The stored opgaven of buurt `code`, most need first (ordered by median rank relative to the
 * number of ranked buurten); only ranked rows. Fills up to `cap` rows, *n the number filled. */
int wd_rank_top(wd_rank_row *out, size_t cap, size_t *n, wd_store *store, const char *code,
                wd_error *err);
/* The same for region index `r` of an in-memory ranking (a profile computed on the spot);
 * returns the number of rows filled. */
size_t wd_rank_region_top(const wd_ranking *rk, size_t r, wd_rank_row *out, size_t cap);

#endif
