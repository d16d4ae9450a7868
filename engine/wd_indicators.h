/* The indicator registry: what is measured and how, read from JSON definitions.
 *
 * Definitions are data (indicators/indicators.json and indicators/draagkracht_draaglast.json,
 * embedded into the library at build time so the program runs from anywhere); users add or
 * replace indicators with a file of their own. Code evaluates the formulas; it never
 * hard-codes them. */
#ifndef WD_INDICATORS_H
#define WD_INDICATORS_H

#include "engine/wd_batch.h"
#include "engine/wd_error.h"

#define WD_IND_MAX_TERMS 4
#define WD_IND_MAX_NAMES 4 /* names of one variable (the variable and its alternatives) */
#define WD_BAL_MAX_COMPONENTS 12

/* JSON formule.type "waarde" is VALUE; "aandeel" (scale 100 by default), "verhouding"
 * (scale 1) and "per_1000" (scale 1000) are SHARE; "verschil" is DIFFERENCE. */
typedef enum {
    WD_FORMULA_VALUE,     /* the variable itself */
    WD_FORMULA_SHARE,     /* scale * sum(numerator) / sum(denominator) */
    WD_FORMULA_DIFFERENCE /* sum(numerator) - sum(denominator) ("teller" minus "noemer") */
} wd_formula_type;

/* How a wijk or gemeente value is made from its buurten when the source publishes none
 * (JSON "aggregatie"). */
typedef enum {
    WD_AGG_NONE,    /* "niet": not aggregable (an index, a model estimate of a mean) */
    WD_AGG_SUM,     /* "optellen": sum the terms over the buurten, then apply the formula */
    WD_AGG_WEIGHTED /* "gewogen": mean of the buurt values weighted by inhabitants */
} wd_aggregation;

/* One variable of a formula, by the name its source gives it (CBS suffix stripped) and, when
 * an edition of the source renamed it, by its other names too (JSON: a name, or a list such as
 * ["GoedErvarenGezondheid", "ErvarenGezondheidGoedZeerGoed"]). The dataset makes one series of
 * them per region, all of it from one edition of a source that republishes its years (see
 * wd_dataset.h). */
typedef struct {
    int n;                                   /* names, 1 .. WD_IND_MAX_NAMES */
    char name[WD_IND_MAX_NAMES][WD_VAR_MAX]; /* in the order of the definition */
} wd_term;

/* Append `sep` and term `t` as a text for people to `buf` (capacity `cap`): its name, or its
 * names in the editions that gave it another ("GoedErvarenGezondheid of
 * ErvarenGezondheidGoedZeerGoed"). Returns what snprintf returns (may exceed cap). */
size_t wd_indicators_term_text(char *buf, size_t cap, const char *sep, const wd_term *t);

/* The domains an indicator may belong to (JSON "domein"), NULL-terminated. */
extern const char *const wd_indicator_domains[];

typedef struct {
    char id[48];
    char label[96];        /* Dutch label for tables and profiles */
    char explanation[400]; /* one Dutch sentence */
    char unit[24];         /* "%", "per 1.000", "" */
    int decimals;
    wd_formula_type type;
    int n_num, n_den;
    wd_term num[WD_IND_MAX_TERMS]; /* for WD_FORMULA_VALUE: num[0] is the variable */
    wd_term den[WD_IND_MAX_TERMS];
    char subgroup[16]; /* e.g. RIVM Leeftijd "20300"; "" for none */
    double scale;      /* 100 for percent, 1000 for per 1,000, 1 for a ratio */
    int of_counts;     /* "aandeel" or "per_1000": counted people among the counted denominator,
                          so exact binomial intervals and shrinkage apply ("verhouding" is not) */
    double min_den;    /* below this denominator no value is computed (0: no minimum) */
    int direction;     /* +1 higher is better, -1 higher is worse, 0 neutral */
    wd_aggregation aggregation;
    char domain[32]; /* one of wd_indicator_domains, "" when a user file gives none */
    char source[32]; /* short citation: "CBS KWB", "RIVM/CBS" */
    unsigned flags;  /* WD_FLAG_PROXY, WD_FLAG_MODEL */
} wd_indicator;

typedef struct {
    int indicator; /* index into the set */
    double weight;
} wd_component;

/* The draagkracht/draaglast definition (see the _uitleg of draagkracht_draaglast.json). */
typedef struct {
    double scale;          /* index points per standard deviation */
    double bound;          /* balance beyond +-bound is not "in evenwicht" */
    double min_population; /* buurten below this are left out of the standard deviation */
    int vs_land;           /* "referentie": 0 the region's gemeente, 1 Nederland (NL00) */
    int as_index;          /* "normalisatie": 0 z-scores ("z"), 1 index 100 x value / reference
                              ("index", as Rotterdam's wijkprofiel) */
    int max_years_back;    /* how far back an indicator's last value may lie */
    int n_kracht, n_last;
    wd_component kracht[WD_BAL_MAX_COMPONENTS];
    wd_component last[WD_BAL_MAX_COMPONENTS];
} wd_balance_def;

typedef struct {
    size_t n;
    wd_indicator *items;
    wd_balance_def balance;
} wd_indicator_set;

/* Load the built-in definitions, then (when not NULL) `user_file` whose indicators replace
 * built-ins with the same id or are added, and (when not NULL) `balance_file` which replaces
 * the draagkracht/draaglast definition. new — free with wd_indicators_free(). Errors name
 * the file and, for JSON syntax, line and column; for content, the indicator and field. */
int wd_indicators_load(wd_indicator_set **out, const char *user_file, const char *balance_file,
                       wd_error *err);
void wd_indicators_free(wd_indicator_set *set);

/* As wd_indicators_load with one document given as `len` bytes of text (not necessarily
 * NUL-terminated) named `name` in messages: an indicator file, or with `is_balance` set a
 * draagkracht/draaglast definition. With `base` (a set loaded before: copied, not changed)
 * the document applies to that set instead of the built-in definitions, so that reading
 * many documents against the same definitions parses those once. */
int wd_indicators_load_text(wd_indicator_set **out, const wd_indicator_set *base, const char *name,
                            const char *text, size_t len, int is_balance, wd_error *err);

/* Index of the indicator `id`, or -1. */
int wd_indicators_find(const wd_indicator_set *set, const char *id);

#endif
