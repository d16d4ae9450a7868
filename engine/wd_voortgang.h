/* The follow-up of chosen opgaven: did the figures move since the beraad?
 *
 * A recorded beraad (engine/wd_beraad.h) froze, for each indicator of each chosen opgave, its
 * figure of that day. wd_voortgang_make puts beside each of those the latest figure of the same
 * region and says whether the change lies beyond the noise:
 *
 * - a share of counted people (counts behind it at both ends): Fisher's exact test of two
 *   proportions (two-sided, the sum of the hypergeometric probabilities no larger than that of
 *   the table observed), p < 0.05. The two years are treated as independent samples: a
 *   population counted whole has no sampling error, so the test asks whether the change is
 *   larger than a year-to-year chance variation of that size would give. CBS rounds each count
 *   of a buurt or wijk to a multiple of 5, so the true count lies within 2 of the one published:
 *   the test is repeated for every combination of true counts within that (5^4 tables at most)
 *   and the largest p counts. A change is called beyond the noise only when no rounding could
 *   explain it.
 * - a figure with a published 95% interval at both ends (RIVM's model estimates): beyond the
 *   noise when the intervals do not overlap. A model estimate is no measurement in the buurt
 *   (DOMAIN 3.3): the report says so beside every such verdict.
 * - a figure of another area: when the indeling of the latest figure differs from the
 *   baseline's and the area is not known to be the same (wd_dataset_area), the two are not
 *   compared.
 * - anything else (a mean, a percentage without counts): shown, not tested.
 *
 * A region with several beraden shows, per indicator, the path since the first: the baseline
 * of every beraad that froze it, then the latest. */
#ifndef WD_VOORTGANG_H
#define WD_VOORTGANG_H

#include "engine/wd_beraad.h"
#include "engine/wd_dataset.h"
#include "engine/wd_error.h"
#include "engine/wd_session.h"
#include "engine/wd_store.h"

/* The significance level of the tests. */
#define WD_VOORTGANG_ALPHA 0.05
/* Beraden shown on the path of one indicator. */
#define WD_VOORTGANG_MAX_PATH 8

typedef enum {
    WD_VG_DOWN,             /* "gedaald, meer dan toeval" */
    WD_VG_UP,               /* "gestegen, meer dan toeval" */
    WD_VG_NOISE,            /* "binnen de onzekerheid" */
    WD_VG_BOUNDARY,         /* "niet te vergelijken: buurtgrens gewijzigd" */
    WD_VG_BOUNDARY_UNKNOWN, /* "niet te vergelijken: onbekend of de buurtgrens gelijk bleef" */
    WD_VG_NO_BASE,          /* "niet te vergelijken: geen cijfer bij het beraad" */
    WD_VG_NO_LATEST,        /* "niet te vergelijken: geen nieuw cijfer" */
    WD_VG_SAME_YEAR,        /* "nog geen nieuwer cijfer": the latest is the baseline's year */
    WD_VG_NO_TEST           /* "niet te toetsen: geen aantallen of interval" */
} wd_vg_verdict;

/* How a verdict was reached. */
typedef enum {
    WD_VG_BY_NONE,    /* no test */
    WD_VG_BY_COUNTS,  /* Fisher's exact test on the counts */
    WD_VG_BY_INTERVAL /* the published 95% intervals */
} wd_vg_method;

/* The verdict in words for a region of `level` (the border named: buurtgrens, wijkgrens,
 * gemeentegrens). Static text. */
const char *wd_voortgang_words(wd_vg_verdict v, wd_level level);

/* Two-sided p of Fisher's exact test for a successes among n1 against b among n2 (whole numbers,
 * 0 <= a <= n1, 0 <= b <= n2, n1 + n2 > 0). Weights below 1e-17 of the most probable table's are
 * left out, which changes p by less than 1e-14. */
double wd_voortgang_fisher(long a, long n1, long b, long n2);

/* The largest p of wd_voortgang_fisher over the true counts that round to the published ones:
 * each of a, n1 (when round1) and b, n2 (when round2) within 2 of its value, 0 <= a <= n1. */
double wd_voortgang_fisher_rounded(long a, long n1, int round1, long b, long n2, int round2);

/* One end of a comparison. */
typedef struct {
    int year;          /* calendar year; 0: no figure */
    double value;      /* NAN: none */
    double lo, hi;     /* 95% interval; NAN: none */
    double count, den; /* counts behind a share of counted people; NAN: none */
    int rounded;       /* counts rounded to multiples of 5 by the source */
} wd_vg_point;

typedef struct {
    wd_vg_verdict verdict;
    wd_vg_method method;
    double p; /* the p of the counts test; NAN without one */
} wd_vg_test;

/* The verdict between `base` and `now` of one indicator, the area of the two being `area`
 * (WD_AREA_SAME when both figures are in one indeling). */
void wd_voortgang_test(wd_vg_test *out, const wd_vg_point *base, const wd_vg_point *now,
                       wd_area area);

/* One indicator of a chosen opgave followed up. */
typedef struct {
    wd_store_baseline base; /* as frozen at the beraad */
    wd_vg_point then, now;  /* the two ends (intervals of counts filled in where none was
                               published: exact Clopper-Pearson) */
    char now_table[32];     /* the table of the latest figure */
    wd_vg_test test;
    int model;  /* a model estimate (RIVM): labelled as not a measurement */
    int n_path; /* earlier and later beraden that froze this indicator, by date */
    char path_date[WD_VOORTGANG_MAX_PATH][11];
    wd_vg_point path[WD_VOORTGANG_MAX_PATH];
} wd_vg_row;

typedef struct {
    wd_beraad beraad; /* the beraad followed up */
    wd_region region;
    char gemeente_name[128];
    int year;      /* the reported year of the latest figures */
    int n_beraden; /* beraden of the region in the store */
    int demo;
    size_t n;
    wd_vg_row *rows; /* by chosen opgave, then component, as recorded */
} wd_voortgang;

/* The follow-up of the beraad of `code` on `date` (JJJJ-MM-DD; NULL: the newest) with the latest
 * figures of the session (wd_session_load_region of `code`). A region without a beraad is
 * WD_ENOTFOUND saying how to record one. new — free with wd_voortgang_free(). */
int wd_voortgang_make(wd_voortgang **out, const wd_session *s, const char *code, const char *date,
                      wd_error *err);
void wd_voortgang_free(wd_voortgang *v);

#endif
