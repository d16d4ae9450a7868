/* Bar charts: categories with one value of the region and a reference each. */
#ifndef WD_CHART_BARS_H
#define WD_CHART_BARS_H

#include "plots/wd_chart.h"

#define WD_CHART_MAX_BARS 8

/* A bar chart: categories, one value per category for the region and one reference. */
typedef struct {
    char title[96];                     /* "Leeftijdsopbouw" */
    char unit[24];                      /* "%" */
    int decimals;                       /* of the value labels */
    int n;                              /* number of categories */
    char labels[WD_CHART_MAX_BARS][32]; /* "0-15", "15-25", ... */
    double values[WD_CHART_MAX_BARS];   /* region */
    double refs[WD_CHART_MAX_BARS];     /* reference (drawn as a marker), NAN if none */
    char value_name[160];               /* legend: the region's name */
    char ref_name[160];                 /* legend: "gemeente Voorbeeldstad" */
    char source[96];
} wd_bars_chart;

typedef enum { WD_BARS_VERTICAL = 0, WD_BARS_HORIZONTAL = 1 } wd_bars_orientation;

/* Bar chart of d->values per category with d->refs drawn as a black marker on each
 * category, a title, a legend (d->value_name, d->ref_name) and d->source under it, inside
 * the box (x, y, w, h). Vertical: categories along the bottom; horizontal: one row per
 * category. Returns 0, WD_EUSAGE for NULL arguments or a box too small to draw in, WD_ERR
 * when the cairo context is in an error state afterwards. */
int wd_chart_bars(cairo_t *cr, const wd_bars_chart *d, wd_bars_orientation orientation, double x,
                  double y, double w, double h);

#endif
