/* Implementation of what the charts share (wd_chart.h, wd_chart_int.h). Each chart saves the
 * cairo state, clips to its box (wd_chart__begin), lays out title, legend and source from the
 * top and the bottom of the box, and gives what is left to the plot area; it restores the
 * state before returning (wd_chart__end). */
#include "plots/wd_chart.h"

#include "plots/wd_chart_int.h"
#include "plots/wd_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Okabe–Ito blue (L* 46) and orange (L* 71) with near black (L* 10): apart in greyscale. */
const wd_line_style wd_chart_lines[WD_CHART_MAX_LINES] = {
    {{0.000, 0.447, 0.698}, 2.2, 0, 0, WD_MARKER_CIRCLE, "doorgetrokken"},
    {{0.902, 0.624, 0.000}, 1.8, 5.0, 3.0, WD_MARKER_SQUARE, "gestreept"},
    {{0.102, 0.102, 0.102}, 1.6, 0.1, 3.2, WD_MARKER_TRIANGLE, "gestippeld"},
};

int wd_chart__begin(cairo_t *cr, double x, double y, double w, double h)
{
    if (!cr || !(w > 20) || !(h > 20) || !isfinite(x) || !isfinite(y)) return WD_EUSAGE;
    cairo_save(cr);
    cairo_new_path(cr);
    cairo_rectangle(cr, x, y, w, h);
    cairo_clip(cr);
    return 0;
}

int wd_chart__end(cairo_t *cr)
{
    cairo_restore(cr);
    return cairo_status(cr) == CAIRO_STATUS_SUCCESS ? 0 : WD_ERR;
}

/* Ticks at 1, 2, 2.5 or 5 times a power of ten covering [lo, hi], about `want` of them. */
double wd_chart__nice_step(double lo, double hi, int want)
{
    double span = hi - lo;
    if (!(span > 0)) span = fabs(hi) > 0 ? fabs(hi) : 1;
    double raw = span / want;
    double p = pow(10, floor(log10(raw)));
    double f = raw / p;
    double m = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
    return m * p;
}

int wd_chart__step_decimals(double step)
{
    int d = 0;
    while (d < 3 && fabs(step * pow(10, d) - round(step * pow(10, d))) > 1e-6)
        d++;
    return d;
}

/* A triangle marker at (cx, cy), radius r, its sides moved out by `grow` (in by a negative
 * one): grown from the centre of its inscribed circle, as a stroke's edges would move. */
static void triangle_path(cairo_t *cr, double cx, double cy, double r, double grow)
{
    double s = r * 1.25;
    const double px[3] = {cx, cx + s * 0.95, cx - s * 0.95};
    const double py[3] = {cy - s, cy + s * 0.65, cy + s * 0.65};
    double per = 0, ix = 0, iy = 0;
    for (int i = 0; i < 3; i++) {
        /* Weighted by the side opposite each corner. */
        double side = hypot(px[(i + 1) % 3] - px[(i + 2) % 3], py[(i + 1) % 3] - py[(i + 2) % 3]);
        per += side;
        ix += side * px[i];
        iy += side * py[i];
    }
    ix /= per;
    iy /= per;
    double area = fabs((px[1] - px[0]) * (py[2] - py[0]) - (px[2] - px[0]) * (py[1] - py[0])) / 2;
    double in_r = area / (per / 2), k = (in_r + grow) / in_r;
    cairo_move_to(cr, ix + (px[0] - ix) * k, iy + (py[0] - iy) * k);
    for (int i = 1; i < 3; i++)
        cairo_line_to(cr, ix + (px[i] - ix) * k, iy + (py[i] - iy) * k);
    cairo_close_path(cr);
}

/* Markers with the white rim that keeps them apart where lines cross (0.8 wide across the
 * outline): white markers, then smaller ones in colour, each pass one drawing operation for
 * the whole series. A circle is a line of no length with round caps and a square a line as
 * long as it is wide, so that each is two coordinates in the PDF, not four curves: cairo's
 * PDF spends thousands of instructions on every number it prints, and the markers, over a
 * hundred in a profile, took a tenth of its time as filled and stroked circles. */
void wd_chart__draw_markers(cairo_t *cr, wd_marker m, const double *cx, const double *cy, int n,
                            double r, wd_rgb fill)
{
    double half = m == WD_MARKER_SQUARE ? r * 0.9 : r;
    cairo_save(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    cairo_set_line_cap(cr, m == WD_MARKER_CIRCLE ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
    for (int pass = 0; pass < 2; pass++) {
        double grow = pass ? -0.4 : 0.4, hw = m == WD_MARKER_SQUARE ? half + grow : 0;
        cairo_new_path(cr);
        for (int i = 0; i < n; i++) {
            if (m == WD_MARKER_TRIANGLE) {
                triangle_path(cr, cx[i], cy[i], r, grow);
            } else {
                cairo_move_to(cr, cx[i] - hw, cy[i]);
                cairo_line_to(cr, cx[i] + hw, cy[i]);
            }
        }
        wd_rgb_set(cr, pass ? fill : wd_chart__white);
        if (m == WD_MARKER_TRIANGLE) {
            cairo_fill(cr);
        } else {
            cairo_set_line_width(cr, 2 * (half + grow));
            cairo_stroke(cr);
        }
    }
    cairo_restore(cr);
}

void wd_chart__draw_marker(cairo_t *cr, wd_marker m, double cx, double cy, double r, wd_rgb fill)
{
    wd_chart__draw_markers(cr, m, &cx, &cy, 1, r, fill);
}

void wd_chart__set_line_style(cairo_t *cr, const wd_line_style *ls)
{
    wd_rgb_set(cr, ls->colour);
    cairo_set_line_width(cr, ls->width);
    if (ls->dash_on > 0 || ls->dash_off > 0) {
        double dash[2] = {ls->dash_on, ls->dash_off};
        cairo_set_dash(cr, dash, 2, 0);
    } else {
        cairo_set_dash(cr, NULL, 0, 0);
    }
    /* Round caps turn the tiny "on" parts of the dotted style into dots. */
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
}

/* A straight stroke from (x0, y0) to (x1, y1). */
void wd_chart__segment(cairo_t *cr, double x0, double y0, double x1, double y1, double width,
                       wd_rgb c)
{
    cairo_new_path(cr);
    cairo_move_to(cr, x0, y0);
    cairo_line_to(cr, x1, y1);
    cairo_set_line_width(cr, width);
    wd_rgb_set(cr, c);
    cairo_stroke(cr);
}

/* Draws `text` in colour c and returns the height used. */
double wd_chart__text(cairo_t *cr, const char *s, const wd_text_style *st, wd_rgb c, double x,
                      double y, double w)
{
    wd_rgb_set(cr, c);
    return wd_text_draw(cr, s, st, x, y, w);
}

/* Bottom source line(s): returns the top y of what it drew. */
double wd_chart__draw_source(cairo_t *cr, const char *source, double x, double bottom, double w)
{
    if (!source || !*source) return bottom;
    double h = wd_text_height(cr, source, &st_source, w);
    wd_chart__text(cr, source, &st_source, wd_colour_muted, x, bottom - h, w);
    return bottom - h - 4;
}

/* The plot area of a chart without any value: a light frame saying so, so that the
 * reader sees the chart was not forgotten. */
void wd_chart__empty_plot(cairo_t *cr, double x, double y, double w, double h)
{
    if (h < 24) return;
    cairo_save(cr);
    double dash[2] = {3, 3};
    cairo_set_dash(cr, dash, 2, 0);
    cairo_rectangle(cr, x + 0.5, y + 0.5, w - 1, h - 1);
    cairo_set_line_width(cr, 0.8);
    wd_rgb_set(cr, wd_colour_grid);
    cairo_stroke(cr);
    cairo_restore(cr);
    wd_chart__text(cr, WD_TEXT_MISSING, &(wd_text_style){9, 0, WD_ALIGN_CENTER, 1}, wd_colour_muted,
                   x, y + h / 2 - 6, w);
}

/* The reference marker: a black bar with a wd_chart__white halo, visible on and off the bar. */
void wd_chart__ref_marker(cairo_t *cr, double x0, double y0, double x1, double y1)
{
    cairo_save(cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    cairo_new_path(cr);
    cairo_move_to(cr, x0, y0);
    cairo_line_to(cr, x1, y1);
    cairo_set_line_width(cr, 4.2);
    wd_rgb_set(cr, wd_chart__white);
    cairo_stroke_preserve(cr);
    cairo_set_line_width(cr, 2.4);
    wd_rgb_set(cr, wd_colour_ref);
    cairo_stroke(cr);
    cairo_restore(cr);
}

/* A nice axis [0 or lower, upper] for values in [lo, hi]: ticks at `step`. */
void wd_chart__nice_axis(double *lo, double *hi, double *step, int want)
{
    if (!(*hi > *lo)) *hi = *lo + (fabs(*lo) > 0 ? fabs(*lo) * 0.1 : 1);
    *step = wd_chart__nice_step(*lo, *hi, want);
    *lo = floor(*lo / *step) * *step;
    *hi = ceil(*hi / *step) * *step;
    if (*hi <= *lo) *hi = *lo + *step;
}
