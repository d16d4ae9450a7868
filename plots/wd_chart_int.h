/* Internal to the chart files (plots/wd_chart*.c): the text styles and drawing helpers every
 * chart family uses. Not part of the library's interface. */
#ifndef WD_CHART_INT_H
#define WD_CHART_INT_H

#include "plots/wd_chart.h"
#include "plots/wd_text.h"

#include <cairo.h>

static const wd_rgb wd_chart__white = {1, 1, 1};

/* Text styles of every chart. */
static const wd_text_style st_title = {10.5, 1, WD_ALIGN_LEFT, 2};
static const wd_text_style st_small = {8, 0, WD_ALIGN_LEFT, 1};
static const wd_text_style st_small_c = {8, 0, WD_ALIGN_CENTER, 2};
static const wd_text_style st_small_r = {8, 0, WD_ALIGN_RIGHT, 1};
static const wd_text_style st_source = {8, 0, WD_ALIGN_LEFT, 2};

/* The cairo state saved and the box (x, y, w, h) clipped; WD_EUSAGE for no context, a box
 * too small to draw in (20 points or less) or not finite. */
int wd_chart__begin(cairo_t *cr, double x, double y, double w, double h);
/* The state restored; WD_ERR when the context is in an error state. */
int wd_chart__end(cairo_t *cr);
/* Ticks at 1, 2, 2.5 or 5 times a power of ten covering [lo, hi], about `want` of them. */
double wd_chart__nice_step(double lo, double hi, int want);
/* Decimals that the tick labels of `step` need (at most 3). */
int wd_chart__step_decimals(double step);
/* A marker of shape m at (cx, cy), radius r, filled, with a white rim; _markers draws n of
 * them at once (a series), the rims of all under the markers of all. */
void wd_chart__draw_marker(cairo_t *cr, wd_marker m, double cx, double cy, double r, wd_rgb fill);
void wd_chart__draw_markers(cairo_t *cr, wd_marker m, const double *cx, const double *cy, int n,
                            double r, wd_rgb fill);
/* The colour, width, dash, caps and joins of line style `ls`. */
void wd_chart__set_line_style(cairo_t *cr, const wd_line_style *ls);
/* A straight stroke from (x0, y0) to (x1, y1). */
void wd_chart__segment(cairo_t *cr, double x0, double y0, double x1, double y1, double width,
                       wd_rgb c);
/* Draws `s` in colour c and returns the height used. */
double wd_chart__text(cairo_t *cr, const char *s, const wd_text_style *st, wd_rgb c, double x,
                      double y, double w);
/* Bottom source line(s): returns the top y of what it drew. */
double wd_chart__draw_source(cairo_t *cr, const char *source, double x, double bottom, double w);
/* The plot area of a chart without any value: a light frame saying so. */
void wd_chart__empty_plot(cairo_t *cr, double x, double y, double w, double h);
/* The reference marker: a black bar with a white halo, visible on and off the bar. */
void wd_chart__ref_marker(cairo_t *cr, double x0, double y0, double x1, double y1);
/* A nice axis [0 or lower, upper] for values in [lo, hi]: ticks at `step`. */
void wd_chart__nice_axis(double *lo, double *hi, double *step, int want);

#endif
