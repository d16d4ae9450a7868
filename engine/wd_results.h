/* Computed results: per region, year and indicator the value with its flags and source, per
 * region and indicator the trends, per region and year the draagkracht/draaglast indices and
 * their components, and per gemeente the spreads and small-area pools, as wd_compute made them
 * (engine/wd_compute.h); with the calls that read them for a region and save them. */
#ifndef WD_RESULTS_H
#define WD_RESULTS_H

#include "engine/wd_dataset.h"
#include "engine/wd_indicators.h"
#include "engine/wd_rate.h"
#include "engine/wd_store.h"
#include "engine/wd_trend.h"

#include <math.h>

/* The test behind a trend's words. On 3 to 13 yearly points the normal errors OLS assumes
 * cannot be checked, so the class comes from Mann-Kendall (exact up to 10 points) with the
 * sign of the Theil-Sen slope; model estimates are never tested (see wd_trend_classify). */
typedef struct {
    wd_trend_class cls;
    double mk_p;      /* two-sided Mann-Kendall p; NAN with fewer than 3 points */
    double theil_sen; /* Theil-Sen slope per year; NAN with fewer than 3 points */
} wd_trend_test;

/* The dataset variables of an indicator's numerator and denominator terms. */
typedef struct {
    int num[WD_IND_MAX_TERMS], den[WD_IND_MAX_TERMS];
} wd_terms;

typedef struct {
    const wd_dataset *ds;        /* borrowed */
    const wd_indicator_set *set; /* borrowed */
    size_t n_ind;
    double *value;          /* (region, year, indicator); NAN when not available */
    unsigned char *flags;   /* WD_FLAG_* of each value */
    unsigned short *source; /* dataset source index of each value's first term */
    int *first_year;        /* (region): index of the first year after the last boundary change */
    wd_trend *trend;        /* (region, indicator); n = 0 when no trend could be fitted */
    wd_trend_test *test;    /* (region, indicator) */
    wd_terms *terms;        /* (indicator) */
    wd_trend *wls;          /* (region, indicator): weighted by the published intervals (RIVM);
                               n = 0 when the values have no bounds */
    wd_apc *apc;            /* (region, indicator): annual percent change of a share or rate
                               of counted people; log.n = 0 otherwise */
    double *kracht, *last;  /* (region, year): index, 100 = gemeente; NAN when unknown */
    double *zk, *zl;        /* (region, year, component): component scores, z-scores or
                               indices as the balance definition normalises */
    int *gord;              /* (region): ordinal of a gemeente among the gemeenten, else -1 */
    int land;               /* region index of NL00, -1 when not loaded */
    wd_eb_fit *pool;        /* (gemeente ordinal, year, indicator): Marshall's fit over the
                               gemeente's buurten with counts, for shares of counted people;
                               k = 0 where there is none */
    double *sd;             /* (gemeente ordinal, year, indicator): standard deviation over the
                               gemeente's buurten with at least min_population inhabitants */
} wd_results;

/* Free the results (NULL is fine). */
void wd_results_free(wd_results *res);

static inline size_t wd_results_cell(const wd_results *res, size_t r, int y, size_t i)
{
    return ((r * (size_t)res->ds->n_years) + (size_t)y) * res->n_ind + i;
}

/* 1 when the value of region r in year index y of indicator i describes the area the region
 * has in year index `to`. A figure is in the indeling of its source (ds->source_indeling: a
 * KWB table's year, RIVM's "(indeling 2024)"); in another indeling than year `to` it counts
 * only when the area was the same in both (wd_dataset_area). Nederland always does. */
static inline int wd_results_in_area(const wd_results *res, size_t r, int y, size_t i, int to)
{
    const wd_dataset *ds = res->ds;
    int indeling = ds->source_indeling[res->source[wd_results_cell(res, r, y, i)]];
    int iy = indeling > 0 ? indeling - ds->year0 : y;
    size_t at = r * (size_t)ds->n_years;
    if (iy == to ||
        (iy >= 0 && iy < ds->n_years && ds->area[at + (size_t)iy] == ds->area[at + (size_t)to]))
        return 1;
    return wd_dataset_area(ds, r, ds->year0 + iy, ds->year0 + to) == WD_AREA_SAME;
}

/* Year index of the last year in which region r has a value for indicator i that describes its
 * area of year index `upto` (wd_results_in_area), no earlier than year index `upto` - `back`;
 * -1 if none. */
static inline int wd_results_last_year(const wd_results *res, size_t r, size_t i, int upto,
                                       int back)
{
    for (int y = upto; y >= 0 && y >= upto - back; y--)
        if (isfinite(res->value[wd_results_cell(res, r, y, i)]) &&
            wd_results_in_area(res, r, y, i, upto))
            return y;
    return -1;
}

/* 1 when the value of region r, year index y, indicator i is missing because its denominator
 * lies under the indicator's minimum (min_noemer): numbers too small to show, which the
 * flags mark like CBS suppression but which no source withheld. */
int wd_results_too_small(const wd_results *res, size_t r, int y, size_t i);

/* Flag of a figure that describes another area than the region's in the year it is reported
 * for (see wd_results_in_area), so it is not used: only in what the exports report, never
 * among the flags kept per value (they fill a byte). */
#define WD_RESULTS_OTHER_AREA (1u << 8)

/* The figure a region is given for a year, and when it has none, why. */
typedef struct {
    int year;       /* year index of the figure (as wd_results_last_year); -1: none */
    unsigned flags; /* with none: the flags of the value of the year asked (why it is missing) */
    int left_out;   /* year index of the newest figure passed over because it describes another
                       area; -1: none */
    int indeling;   /* that figure's indeling (calendar year) */
    wd_area area;   /* and its area against the year asked: WD_AREA_CHANGED or WD_AREA_UNKNOWN */
    int source_indeling; /* with no figure and none left out: the newest indeling of the
                            indicator's figures of any region (RIVM 2024), when the region's area
                            of the year asked is not known to be that indeling's (a buurt new or
                            changed since); else 0 */
} wd_results_pick;

/* wd_results_last_year with the reasons: region r, indicator i, year index `upto`, `back` years
 * back at most. */
void wd_results_latest(wd_results_pick *out, const wd_results *res, size_t r, size_t i, int upto,
                       int back);

/* z-score of region r's value of indicator i in year index y against its gemeente:
 * (value - gemeente value) / sd over the gemeente's buurten; NAN when any part is unknown
 * and for counts (a "waarde" that aggregates by "optellen"), which have no comparable
 * gemeente value. */
static inline double wd_results_z(const wd_results *res, size_t r, int y, size_t i)
{
    const wd_indicator *ind = &res->set->items[i];
    int g = res->ds->gemeente[r];
    /* A count (inhabitants) is not comparable with the gemeente's total. */
    if (g < 0 || (ind->type == WD_FORMULA_VALUE && ind->aggregation == WD_AGG_SUM)) return NAN;
    double x = res->value[wd_results_cell(res, r, y, i)];
    double ref = res->value[wd_results_cell(res, (size_t)g, y, i)];
    double s =
        res->sd[((size_t)res->gord[g] * (size_t)res->ds->n_years + (size_t)y) * res->n_ind + i];
    return (x - ref) / s; /* NAN propagates from any unknown part */
}

/* Year index reported for region r: calendar `year`, or (year <= 0) the latest year in which
 * the region has inhabitants, else the newest year in which a buurt has them
 * (wd_dataset_buurt_year), else the last year of the data. -1 when `year` lies outside the
 * data. */
int wd_results_year(const wd_results *res, size_t r, int year);

/* Replace the stored results of the loaded regions with these: for each region the finite
 * indicator values of the reported year (see wd_results_year) that describe its area of that
 * year (wd_results_in_area) with their z-score in column
 * `score`, and the draagkracht/draaglast indices as indicators "draagkracht_index" and
 * "draaglast_index". `skip_land`: leave the country's rows as they are (every gemeente's data
 * holds NL00; a run over all of them saves it once). One transaction, or part of the
 * caller's. */
int wd_results_save(const wd_results *res, wd_store *store, int year, int skip_land, wd_error *err);

/* A buurt's share of counted people, seen as a small-area estimate against its gemeente. */
typedef struct {
    double count, den; /* numerator and denominator counts */
    double lo, hi;     /* exact (Clopper-Pearson) 95% interval, in the indicator's unit */
    double eb;         /* Empirical Bayes estimate (Marshall 1991) among the gemeente's buurten */
    int funnel;        /* against the gemeente's share: -2/+2 beyond the 99.8% funnel limits,
                          -1/+1 beyond 95%, 0 within (Spiegelhalter 2005, exact limits) */
} wd_small_area;

/* The small-area figures of buurt r, year index y, indicator i: 0 and *out filled, or
 * WD_ENOTFOUND when they do not apply (no counts behind it or a ratio, not a buurt of a loaded
 * gemeente, a suppressed value or a denominator under the indicator's minimum). Shrinkage and
 * funnel use the gemeente's buurten with a value. */
int wd_results_small_area(const wd_results *res, size_t r, int y, size_t i, wd_small_area *out);

/* The 95% interval of indicator i for region r, year index y, in the indicator's unit: the
 * bounds the source published with the variable of a "waarde" (RIVM), else the exact interval
 * of a buurt's share of counted people (wd_results_small_area); NAN when there is neither. */
void wd_results_interval(const wd_results *res, size_t r, int y, size_t i, double *lo, double *hi);

/* Dutch class of a balance: "draaglast groter dan draagkracht", "in evenwicht", ... */
const char *wd_results_balance_class(double kracht, double last, double bound);

/* The counts behind the share-of-counts value of indicator `ind` for region r, year index y:
 * 0 and *cnt, *den filled when both are whole and finite with *cnt <= *den and *den at least
 * the indicator's minimum; WD_ENOTFOUND otherwise. */
static inline int wd_results_counts(const wd_results *res, size_t r, int y, const wd_indicator *ind,
                                    double *cnt, double *den)
{
    const wd_dataset *ds = res->ds;
    const wd_terms *t = &res->terms[ind - res->set->items];
    *cnt = *den = 0;
    for (int k = 0; k < ind->n_num; k++)
        *cnt += ds->value[wd_dataset_cell(ds, r, y, (size_t)t->num[k])];
    for (int k = 0; k < ind->n_den; k++)
        *den += ds->value[wd_dataset_cell(ds, r, y, (size_t)t->den[k])];
    return isfinite(*cnt) && isfinite(*den) && *cnt == floor(*cnt) && *den == floor(*den) &&
                   *den > 0 && *den >= ind->min_den && *cnt <= *den
               ? 0
               : WD_ENOTFOUND;
}

#endif
