/* Buurten zoals deze: for a buurt, the buurten of the whole store most like it in structure.
 *
 * The structure is ten indicators in five themes, each theme weighing 1: age (the shares
 * 0-15, 15-25, 25-45, 45-65 and 65+, 1/5 each), households (one-person households and
 * households with children, 1/2 each), urbanity (CBS's mate van stedelijkheid), income (average
 * income per inhabitant) and housing (the share of owner-occupied homes). An indicator the
 * definitions do not have is left out. Each is standardised as a z-score over the buurten of
 * the store with at least the balance's min_population inhabitants in the year compared that
 * have a value (mean, and standard deviation with n - 1), each buurt's value being the one a
 * profile shows: that of the year, or the latest of at most max_jaren_terug years before
 * (income comes a year late). The distance between two such buurten is the weighted root mean
 * square of their z-score differences over the indicators both have:
 *     d = sqrt(sum_k w_k (z_k(a) - z_k(b))^2 / sum_k w_k),
 * counted only when those indicators hold at least WD_SIMILAR_MIN_WEIGHT of the weight; a buurt
 * whose own figures hold less is compared with none. The WD_SIMILAR_N nearest are given,
 * nearest first, ties broken by code, so that the list is the same on every run. Buurten below
 * the minimum population are neither compared nor given. */
#ifndef WD_SIMILAR_H
#define WD_SIMILAR_H

#include "engine/wd_batch.h"
#include "engine/wd_error.h"
#include "engine/wd_indicators.h"
#include "engine/wd_store.h"

#include <stddef.h>
#include <stdio.h>

#define WD_SIMILAR_N 10
/* Share of the total weight two buurten must both have figures for. */
#define WD_SIMILAR_MIN_WEIGHT 0.8

typedef struct wd_similar wd_similar;

/* One buurt like another. */
typedef struct {
    char code[WD_CODE_MAX];
    char name[128];
    char wijk[WD_CODE_MAX]; /* its parent, as the store has it */
    char gemeente[128];     /* the name of its gemeente ("" when the store lacks it) */
    double distance;        /* d above */
    int n_vars;             /* indicators both have */
} wd_similar_match;

/* Every buurt of `store` with the indicators of `set` above, standardised for calendar year
 * `year` (0: the newest year in which a buurt of the store has inhabitants). One national load
 * of those variables. In a year without buurt data it compares nothing (wd_similar_find says
 * so), so that the caller reports that year as it reports it elsewhere. new — free with
 * wd_similar_free(); WD_ENOTFOUND when the store has no observations. */
int wd_similar_build(wd_similar **out, wd_store *store, const wd_indicator_set *set, int year,
                     wd_error *err);
void wd_similar_free(wd_similar *s);

/* The calendar year the buurten were compared in, and the inhabitants a buurt needs to take
 * part. */
int wd_similar_year(const wd_similar *s);
double wd_similar_min_population(const wd_similar *s);

/* The buurten most like buurt `code`, nearest first, into out[cap] (at most WD_SIMILAR_N);
 * their number. 0 when `code` is not a buurt of the store with enough inhabitants and figures:
 * *why then says which in Dutch ("te weinig inwoners", "te weinig gegevens", "geen buurt"). */
size_t wd_similar_find(const wd_similar *s, const char *code, wd_similar_match *out, size_t cap,
                       const char **why);

/* For every buurt of `gemeente` (NULL: of the store), in code order, its buurten like it as
 * CSV (comma, decimal point, CRLF) with the header
 *     buurtcode,buurtnaam,jaar,rang,code,naam,wijkcode,afstand,indicatoren,reden
 * one row per buurt like it (rang 1 = nearest), or one row with an empty rang and the reason
 * when there is none. An unknown gemeente is WD_ENOTFOUND, another code WD_EUSAGE, a year
 * without buurt data WD_ERR. */
int wd_similar_write_csv(FILE *f, const wd_similar *s, wd_store *store, const char *gemeente,
                         wd_error *err);

#endif
