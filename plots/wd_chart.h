/* Small charts for the printable profile, drawn on any cairo_t.
 *
 * In the manner of kplot: the data are the plain structs of wd_profile.h (filled by the
 * engine), each chart function only lays out and draws them inside the box it is given
 * (clipped to it), on whatever surface the caller chose — a PDF page or an image surface
 * in a test. User units are points. Missing values (NAN) are never drawn as zero: bars are
 * left out and labelled "geen gegevens", lines get gaps.
 *
 * Profiles are printed on black-and-white printers, so every series differs in more than
 * colour: the palette below is Okabe–Ito (colour-blind safe) with clearly different
 * lightness, lines differ in dash pattern and marker, and the reference in bar charts is a
 * black marker, not a second colour. */
#ifndef WD_CHART_H
#define WD_CHART_H

#include "plots/wd_profile.h"

#include <cairo.h>

/* A count the caller gave, kept within 0 .. max (the room of the arrays it counts). */
static inline int wd_count(int n, int max)
{
    return n < 0 ? 0 : n > max ? max : n;
}

typedef struct {
    double r, g, b; /* sRGB components, 0..1 */
} wd_rgb;

typedef enum { WD_MARKER_CIRCLE = 0, WD_MARKER_SQUARE = 1, WD_MARKER_TRIANGLE = 2 } wd_marker;

/* How one line of a trend chart looks. */
typedef struct {
    wd_rgb colour;
    double width;   /* line width in points */
    double dash_on; /* dash pattern in points; 0 and 0: solid */
    double dash_off;
    wd_marker marker;
    const char *name; /* "doorgetrokken", "gestreept", "gestippeld" */
} wd_line_style;

/* Styles of lines 0, 1, 2 of a trend chart (region, wijk, gemeente): solid blue with
 * circles, dashed orange with squares, dotted near-black with triangles. */
extern const wd_line_style wd_chart_lines[WD_PROFILE_MAX_LINES];

/* Fixed colours of the profile. */
extern const wd_rgb wd_colour_text;   /* body text, near black */
extern const wd_rgb wd_colour_muted;  /* secondary text, still WCAG AA (>= 4.5:1) on white */
extern const wd_rgb wd_colour_grid;   /* grid and axis lines (no text) */
extern const wd_rgb wd_colour_tint;   /* light background of bands and boxes */
extern const wd_rgb wd_colour_bar;    /* region bars */
extern const wd_rgb wd_colour_ref;    /* reference markers in bar charts */
extern const wd_rgb wd_colour_kracht; /* draagkracht */
extern const wd_rgb wd_colour_last;   /* draaglast */

/* WCAG 2 relative luminance of an sRGB colour, 0 (black) .. 1 (white). */
double wd_rgb_luminance(wd_rgb c);
/* CIE L* lightness (D65) of an sRGB colour, 0 .. 100: how light it prints in greyscale. */
double wd_rgb_lightness(wd_rgb c);
/* WCAG contrast ratio of two colours, 1 .. 21. */
double wd_rgb_contrast(wd_rgb a, wd_rgb b);
/* Set the cairo source colour. */
void wd_rgb_set(cairo_t *cr, wd_rgb c);

typedef enum { WD_BARS_VERTICAL = 0, WD_BARS_HORIZONTAL = 1 } wd_bars_orientation;

/* Bar chart of d->values per category with d->refs drawn as a black marker on each
 * category, a title, a legend (d->value_name, d->ref_name) and d->source under it, inside
 * the box (x, y, w, h). Vertical: categories along the bottom; horizontal: one row per
 * category. Returns 0, WD_EUSAGE for NULL arguments or a box too small to draw in, WD_ERR
 * when the cairo context is in an error state afterwards. */
int wd_chart_bars(cairo_t *cr, const wd_profile_bars *d, wd_bars_orientation orientation, double x,
                  double y, double w, double h);

/* Line chart of up to three lines over d->years, with a legend and d->source. Years are
 * placed at their real distances (biennial series stay biennial). A missing point leaves
 * a gap; a point with no neighbour is still shown by its marker. When d->break_before >= 0
 * a dashed vertical marker labelled "gewijzigde grens" stands between the two years and
 * line 0 (the region, whose boundary changed) is not drawn across it. Same returns as
 * wd_chart_bars. */
int wd_chart_trend(cairo_t *cr, const wd_profile_trend *d, double x, double y, double w, double h);

/* The draagkracht/draaglast balance: a balance beam that tips towards the heavier side,
 * the two indices as bars from the reference line 100 (d->reference), and d->klasse in
 * words. Indices that are NAN read "geen gegevens" and leave the beam level and grey.
 * Same returns as wd_chart_bars. */
int wd_chart_balance(cairo_t *cr, const wd_profile_balance *d, double x, double y, double w,
                     double h);

/* One panel of components: a row per component with its label, weight and a dot at its
 * score on a common scale around 0 (= the reference), `title` above. Returns the height
 * used (> 0) or a negative wd_code; draws nothing below y + h (rows that do not fit are
 * left out and counted in a last line). */
int wd_chart_components(cairo_t *cr, const char *title, const wd_profile_component *c, int n,
                        wd_rgb colour, double x, double y, double w, double h);

/* A sparkline: values[0 .. n-1] as a thin line over the box (x, y, w, h), evenly spaced, the
 * last value as a dot; NAN leaves a gap, and so does the boundary change before index
 * break_before (-1: none). No axes: it shows the shape of a series beside its number. Same
 * returns as wd_chart_bars; fewer than two values draw nothing. */
int wd_chart_sparkline(cairo_t *cr, const double *values, int n, int break_before, double x,
                       double y, double w, double h);

/* Classes of a choropleth map: five steps of one blue hue, light to dark, each at least 14 L*
 * apart (and the lightest 9 L* from white paper) so that they stay apart on a black-and-white
 * print; no red-green contrast anywhere. */
#define WD_MAP_CLASSES 5
extern const wd_rgb wd_map_colours[WD_MAP_CLASSES];

/* Class boundaries of a map: up to `max_classes` (<= WD_MAP_CLASSES) classes holding about
 * equal numbers of the finite values (quantiles), boundaries rounded to `decimals` so that
 * the legend reads exactly what is classified. breaks[0] is the minimum, breaks[k] the
 * maximum; class i holds values in [breaks[i], breaks[i + 1]) (the last one closed). Returns
 * the number of classes k (fewer when values repeat), 0 when no value is finite. */
int wd_map_breaks(const double *values, int n, int decimals, int max_classes, double *breaks);

/* Class of `v` for breaks from wd_map_breaks, -1 for a missing value. */
int wd_map_class(double v, const double *breaks, int n_classes);

/* Choropleth map `k` of m: the areas filled by class (missing values hatched and labelled
 * "geen gegevens" in the legend), the highlighted shape outlined in black, a title and a
 * legend with the class ranges below the map. Lon/lat are projected equirectangularly with
 * the longitude scaled by cos(latitude) of the map centre: true to shape at the scale of a
 * gemeente. Same returns as wd_chart_bars; a map without boundaries says so in its box. */
int wd_chart_map(cairo_t *cr, const wd_profile_maps *m, int k, double x, double y, double w,
                 double h);

/* Model estimates with their 95% intervals: one row per estimate with its label, a dot on a
 * common scale with the interval as a whisker, the reference as a black tick, and the value
 * with its interval in words ("23% (20-26%)"). Same returns as wd_chart_bars. */
int wd_chart_estimates(cairo_t *cr, const wd_profile_health *d, double x, double y, double w,
                       double h);

/* One small multiple: the series as dots joined by a thin line, the gemeente as a dotted grey
 * line, and when d->has_fit the trend line with its band over the years it was fitted on;
 * a boundary change is a dashed vertical marker and the region's line does not cross it.
 * Same returns as wd_chart_bars. */
int wd_chart_small(cairo_t *cr, const wd_profile_small *d, double x, double y, double w, double h);

/* Table of parts with a dot plot in every cell: per column a common scale, the whole's value
 * as a dashed reference line, each part's value as a dot and a number. Parts below the
 * minimum population get an open dot and muted text. Rows that do not fit are counted in a
 * last line. Returns the height used (> 0) or a negative wd_code. */
int wd_chart_dot_table(cairo_t *cr, const wd_profile_compare *d, double x, double y, double w,
                       double h);

/* A funnel plot (Spiegelhalter 2005) to compare areas with a reference without a league
 * table: each area's rate against its denominator, the reference rate, and the 95% and 99.8%
 * control limits as curves over the denominator. The limits are statistics and come with the
 * data (computed by the engine, exact per denominator); the chart only draws them. */
#define WD_FUNNEL_MAX 600
#define WD_FUNNEL_MAX_LIMITS 64
typedef struct {
    char title[96];
    char unit[24];    /* of the rate: "%" */
    char x_label[64]; /* "inwoners van 18 jaar en ouder" */
    int n;
    double denom[WD_FUNNEL_MAX]; /* x: the denominator */
    double rate[WD_FUNNEL_MAX];  /* y; NAN leaves the area out */
    int highlight;               /* area drawn larger and named, -1 none */
    char highlight_name[96];
    double ref;   /* reference rate (horizontal line) */
    int n_limits; /* points of the limit curves, ascending denominators */
    double lim_denom[WD_FUNNEL_MAX_LIMITS];
    double lo95[WD_FUNNEL_MAX_LIMITS], hi95[WD_FUNNEL_MAX_LIMITS];
    double lo998[WD_FUNNEL_MAX_LIMITS], hi998[WD_FUNNEL_MAX_LIMITS];
    char source[160];
} wd_funnel;

/* The funnel plot of d in the box. Areas inside the 95% limits are open grey circles, between
 * the 95% and 99.8% limits filled blue circles, beyond 99.8% black diamonds: told apart by
 * shape, not colour. Same returns as wd_chart_bars. */
int wd_chart_funnel(cairo_t *cr, const wd_funnel *d, double x, double y, double w, double h);

/* A ranking with uncertainty: per row a name, the interval of ranks it takes (for instance the
 * 5-95% interval over a Monte Carlo of weights) as a bar on the scale 1 .. n_ranked, its
 * median rank as a dot, and a tier in words. Rank 1 is drawn at the left. */
#define WD_RANK_MAX 40
typedef struct {
    char title[96];
    int n_ranked; /* how many areas were ranked: the end of the scale */
    int n;
    char name[WD_RANK_MAX][96];
    double median[WD_RANK_MAX], lo[WD_RANK_MAX], hi[WD_RANK_MAX];
    char tier[WD_RANK_MAX][32]; /* "hoog", "midden", "laag"; "" for none */
    char source[160];
} wd_rank_chart;

/* The ranking of d in the box; rows that do not fit are counted in a last line. Returns the
 * height used (> 0) or a negative wd_code. */
int wd_chart_ranking(cairo_t *cr, const wd_rank_chart *d, double x, double y, double w, double h);

#endif
