/* The draagkracht/draaglast balance and the panels of its components. */
#ifndef WD_CHART_BALANCE_H
#define WD_CHART_BALANCE_H

#include "plots/wd_chart.h"

#define WD_CHART_MAX_COMPONENTS 10

/* One component of the draagkracht or draaglast index. */
typedef struct {
    char label[96];
    double weight;   /* relative weight as configured */
    double score;    /* the number shown: z-score, or index points above or below 100; NAN if
                        missing */
    double position; /* where the dot goes, in the same units as z-scores (0 = reference) */
    /* With score NAN: why ("niet getoond: de buurtgrens is gewijzigd sinds 2024"); "" for
     * "geen gegevens". */
    char why[WD_CHART_WHY_MAX];
} wd_balance_component;

typedef struct {
    double draagkracht;  /* index, 100 = reference (gemeente) */
    double draaglast;    /* index, 100 = reference */
    double balans;       /* draagkracht - draaglast, in index points */
    char klasse[64];     /* plain-language class: "draaglast groter dan draagkracht" */
    char reference[160]; /* "gemeente Voorbeeldstad = 100" */
    char reading[400];   /* how to read the components, after the normalisation */
    int n_kracht, n_last;
    wd_balance_component kracht[WD_CHART_MAX_COMPONENTS];
    wd_balance_component last[WD_CHART_MAX_COMPONENTS];
    char formula[600]; /* the formula in plain Dutch words */
} wd_balance_chart;

/* The draagkracht/draaglast balance: a balance beam that tips towards the heavier side,
 * the two indices as bars from the reference line 100 (d->reference), and d->klasse in
 * words. Indices that are NAN read "geen gegevens" and leave the beam level and grey.
 * Same returns as wd_chart_bars. */
int wd_chart_balance(cairo_t *cr, const wd_balance_chart *d, double x, double y, double w,
                     double h);

/* One panel of components: a row per component with its label, weight and a dot at its
 * score on a common scale around 0 (= the reference), `title` above. Returns the height
 * used (> 0) or a negative wd_code; draws nothing below y + h (rows that do not fit are
 * left out and counted in a last line). */
int wd_chart_components(cairo_t *cr, const char *title, const wd_balance_component *c, int n,
                        wd_rgb colour, double x, double y, double w, double h);

#endif
