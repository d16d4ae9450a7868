/* Charts of series over the years: a trend chart of up to three lines, small multiples with
 * their OLS trend and its band, and sparklines beside a key figure. */
#ifndef WD_CHART_LINES_H
#define WD_CHART_LINES_H

#include "plots/wd_chart.h"

/* A trend chart: up to three lines (region, wijk, gemeente) over the same years. */
typedef struct {
    char title[96];
    char unit[24];
    int n_years;
    int years[WD_CHART_MAX_YEARS];
    int n_lines;
    char line_names[WD_CHART_MAX_LINES][160];
    double values[WD_CHART_MAX_LINES][WD_CHART_MAX_YEARS]; /* NAN = no point */
    int break_before; /* index of the first year after a boundary change in line 0, -1 if none */
    char source[96];
} wd_trend_chart;

/* One small multiple: a series over the years with its OLS trend. The trend is the line
 * through the centre (mean year, mean value) of the points since the last boundary change
 * with the fitted slope; its band spans the slopes of the 95% interval. */
typedef struct {
    char title[96];
    char unit[24];
    int decimals;
    int n_years;
    int years[WD_CHART_MAX_YEARS];
    double values[WD_CHART_MAX_YEARS]; /* region, NAN = no point */
    double refs[WD_CHART_MAX_YEARS];   /* gemeente, NAN = no point */
    int break_before;                  /* as in wd_trend_chart, -1 if none */
    int has_fit;                       /* 0: too few points for a trend */
    double cx, cy;                     /* centre of the fitted points (year, value) */
    double slope, slope_lo, slope_hi;  /* per year */
    char trend_words[48];              /* the engine's trend class: "verslechtert", ... */
} wd_small_chart;

/* Line chart of up to three lines over d->years, with a legend and d->source. Years are
 * placed at their real distances (biennial series stay biennial). A missing point leaves
 * a gap; a point with no neighbour is still shown by its marker. When d->break_before >= 0
 * a dashed vertical marker labelled "gewijzigde grens" stands between the two years and
 * line 0 (the region, whose boundary changed) is not drawn across it. Same returns as
 * wd_chart_bars. */
int wd_chart_trend(cairo_t *cr, const wd_trend_chart *d, double x, double y, double w, double h);

/* One small multiple: the series as dots joined by a thin line, the gemeente as a dotted grey
 * line, and when d->has_fit the trend line with its band over the years it was fitted on;
 * a boundary change is a dashed vertical marker and the region's line does not cross it.
 * Same returns as wd_chart_bars. */
int wd_chart_small(cairo_t *cr, const wd_small_chart *d, double x, double y, double w, double h);

/* A sparkline: values[0 .. n-1] as a thin line over the box (x, y, w, h), evenly spaced, the
 * last value as a dot; NAN leaves a gap, and so does the boundary change before index
 * break_before (-1: none). No axes: it shows the shape of a series beside its number. Same
 * returns as wd_chart_bars; fewer than two values draw nothing. */
int wd_chart_sparkline(cairo_t *cr, const double *values, int n, int break_before, double x,
                       double y, double w, double h);

#endif
