/* Implementation of wd_chart.h. Each chart saves the cairo state, clips to its box, lays out
 * title, legend and source from the top and the bottom of the box, and gives what is left to
 * the plot area; it restores the state before returning. */
#include "plots/wd_chart.h"

#include "plots/wd_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Okabe–Ito blue (L* 46) and orange (L* 71) with near black (L* 10): apart in greyscale. */
const wd_line_style wd_chart_lines[WD_PROFILE_MAX_LINES] = {
    {{0.000, 0.447, 0.698}, 2.2, 0, 0, WD_MARKER_CIRCLE, "doorgetrokken"},
    {{0.902, 0.624, 0.000}, 1.8, 5.0, 3.0, WD_MARKER_SQUARE, "gestreept"},
    {{0.102, 0.102, 0.102}, 1.6, 0.1, 3.2, WD_MARKER_TRIANGLE, "gestippeld"},
};

const wd_rgb wd_colour_text = {0.102, 0.102, 0.102};
const wd_rgb wd_colour_muted = {0.302, 0.302, 0.302};
const wd_rgb wd_colour_grid = {0.780, 0.780, 0.780};
const wd_rgb wd_colour_tint = {0.933, 0.949, 0.965};
const wd_rgb wd_colour_bar = {0.000, 0.447, 0.698};
const wd_rgb wd_colour_ref = {0.000, 0.000, 0.000};
const wd_rgb wd_colour_kracht = {0.000, 0.447, 0.698};
const wd_rgb wd_colour_last = {0.902, 0.624, 0.000};

static const wd_rgb white = {1, 1, 1};

static double lin(double c)
{
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double wd_rgb_luminance(wd_rgb c)
{
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

double wd_rgb_lightness(wd_rgb c)
{
    double y = wd_rgb_luminance(c);
    return y > 216.0 / 24389.0 ? 116.0 * cbrt(y) - 16.0 : y * 24389.0 / 27.0;
}

double wd_rgb_contrast(wd_rgb a, wd_rgb b)
{
    double la = wd_rgb_luminance(a), lb = wd_rgb_luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

void wd_rgb_set(cairo_t *cr, wd_rgb c)
{
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/* Styles used by all charts. */
static const wd_text_style st_title = {10.5, 1, WD_ALIGN_LEFT, 2};
static const wd_text_style st_small = {8, 0, WD_ALIGN_LEFT, 1};
static const wd_text_style st_small_c = {8, 0, WD_ALIGN_CENTER, 2};
static const wd_text_style st_small_r = {8, 0, WD_ALIGN_RIGHT, 1};
static const wd_text_style st_source = {8, 0, WD_ALIGN_LEFT, 2};

static int begin(cairo_t *cr, double x, double y, double w, double h)
{
    if (!cr || !(w > 20) || !(h > 20) || !isfinite(x) || !isfinite(y)) return WD_EUSAGE;
    cairo_save(cr);
    cairo_new_path(cr);
    cairo_rectangle(cr, x, y, w, h);
    cairo_clip(cr);
    return 0;
}

static int end(cairo_t *cr)
{
    cairo_restore(cr);
    return cairo_status(cr) == CAIRO_STATUS_SUCCESS ? 0 : WD_ERR;
}

/* Ticks at 1, 2, 2.5 or 5 times a power of ten covering [lo, hi], about `want` of them. */
static double nice_step(double lo, double hi, int want)
{
    double span = hi - lo;
    if (!(span > 0)) span = fabs(hi) > 0 ? fabs(hi) : 1;
    double raw = span / want;
    double p = pow(10, floor(log10(raw)));
    double f = raw / p;
    double m = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
    return m * p;
}

static int step_decimals(double step)
{
    int d = 0;
    while (d < 3 && fabs(step * pow(10, d) - round(step * pow(10, d))) > 1e-6)
        d++;
    return d;
}

static void draw_marker(cairo_t *cr, wd_marker m, double cx, double cy, double r, wd_rgb fill)
{
    cairo_save(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    cairo_new_path(cr);
    if (m == WD_MARKER_CIRCLE) {
        cairo_arc(cr, cx, cy, r, 0, 2 * M_PI);
    } else if (m == WD_MARKER_SQUARE) {
        double s = r * 0.9;
        cairo_rectangle(cr, cx - s, cy - s, 2 * s, 2 * s);
    } else {
        double s = r * 1.25;
        cairo_move_to(cr, cx, cy - s);
        cairo_line_to(cr, cx + s * 0.95, cy + s * 0.65);
        cairo_line_to(cr, cx - s * 0.95, cy + s * 0.65);
        cairo_close_path(cr);
    }
    wd_rgb_set(cr, fill);
    cairo_fill_preserve(cr);
    /* A white rim keeps markers apart where lines cross. */
    cairo_set_line_width(cr, 0.8);
    wd_rgb_set(cr, white);
    cairo_stroke(cr);
    cairo_restore(cr);
}

static void set_line_style(cairo_t *cr, const wd_line_style *ls)
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
static void segment(cairo_t *cr, double x0, double y0, double x1, double y1, double width, wd_rgb c)
{
    cairo_new_path(cr);
    cairo_move_to(cr, x0, y0);
    cairo_line_to(cr, x1, y1);
    cairo_set_line_width(cr, width);
    wd_rgb_set(cr, c);
    cairo_stroke(cr);
}

/* Draws `text` in colour c and returns the height used. */
static double text(cairo_t *cr, const char *s, const wd_text_style *st, wd_rgb c, double x,
                   double y, double w)
{
    wd_rgb_set(cr, c);
    return wd_text_draw(cr, s, st, x, y, w);
}

/* Bottom source line(s): returns the top y of what it drew. */
static double draw_source(cairo_t *cr, const char *source, double x, double bottom, double w)
{
    if (!source || !*source) return bottom;
    double h = wd_text_height(cr, source, &st_source, w);
    text(cr, source, &st_source, wd_colour_muted, x, bottom - h, w);
    return bottom - h - 4;
}

/* The plot area of a chart without any value: a light frame saying so, so that the
 * reader sees the chart was not forgotten. */
static void empty_plot(cairo_t *cr, double x, double y, double w, double h)
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
    text(cr, WD_TEXT_MISSING, &(wd_text_style){9, 0, WD_ALIGN_CENTER, 1}, wd_colour_muted, x,
         y + h / 2 - 6, w);
}

/* The range of the finite values among a[n] and b[n], widened to include 0 (bars start at
 * zero). Returns 0 if there is no finite value. */
static int bar_range(const double *a, const double *b, int n, double *lo, double *hi)
{
    int any = 0;
    *lo = 0;
    *hi = 0;
    for (int i = 0; i < n; i++) {
        const double v[2] = {a[i], b[i]};
        for (int k = 0; k < 2; k++) {
            if (!isfinite(v[k])) continue;
            any = 1;
            if (v[k] < *lo) *lo = v[k];
            if (v[k] > *hi) *hi = v[k];
        }
    }
    return any;
}

/* Legend entries of the bar chart: a swatch for the region, the marker for the reference. */
static double bars_legend(cairo_t *cr, const wd_profile_bars *d, int has_ref, double x, double y,
                          double w)
{
    double lh = 11, used = 0;
    if (d->value_name[0]) {
        cairo_rectangle(cr, x, y + 2, 12, 7);
        wd_rgb_set(cr, wd_colour_bar);
        cairo_fill(cr);
        text(cr, d->value_name, &st_small, wd_colour_text, x + 17, y, w - 17);
        used += lh;
    }
    if (has_ref && d->ref_name[0]) {
        segment(cr, x, y + used + 5.5, x + 12, y + used + 5.5, 2.4, wd_colour_ref);
        text(cr, d->ref_name, &st_small, wd_colour_text, x + 17, y + used, w - 17);
        used += lh;
    }
    return used;
}

/* The reference marker: a black bar with a white halo, visible on and off the bar. */
static void ref_marker(cairo_t *cr, double x0, double y0, double x1, double y1)
{
    cairo_save(cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    cairo_new_path(cr);
    cairo_move_to(cr, x0, y0);
    cairo_line_to(cr, x1, y1);
    cairo_set_line_width(cr, 4.2);
    wd_rgb_set(cr, white);
    cairo_stroke_preserve(cr);
    cairo_set_line_width(cr, 2.4);
    wd_rgb_set(cr, wd_colour_ref);
    cairo_stroke(cr);
    cairo_restore(cr);
}

int wd_chart_bars(cairo_t *cr, const wd_profile_bars *d, wd_bars_orientation orientation, double x,
                  double y, double w, double h)
{
    if (!d) return WD_EUSAGE;
    int rc = begin(cr, x, y, w, h);
    if (rc) return rc;
    int n = wd_count(d->n, WD_PROFILE_MAX_BARS);
    char buf[160];
    wd_fmt_label(buf, sizeof buf, d->title, d->unit);
    double top = y + text(cr, buf, &st_title, wd_colour_text, x, y, w) + 4;
    int has_ref = 0;
    for (int i = 0; i < n; i++)
        has_ref |= isfinite(d->refs[i]);
    top += bars_legend(cr, d, has_ref, x, top, w) + 6;
    double bottom = draw_source(cr, d->source, x, y + h, w);

    double lo, hi;
    if (n == 0 || !bar_range(d->values, d->refs, n, &lo, &hi)) {
        empty_plot(cr, x, top, w, bottom - top);
        return end(cr);
    }
    double step = nice_step(lo, hi, 4);
    hi = ceil(hi / step) * step;
    lo = floor(lo / step) * step;
    if (hi <= lo) hi = lo + step;
    int dec = step_decimals(step);
    const char *pct = strcmp(d->unit, "%") == 0 ? "%" : "";

    if (orientation == WD_BARS_VERTICAL) {
        double axis_w = 30, label_h = 22, value_h = 16;
        double px0 = x + axis_w, px1 = x + w - 2;
        double py0 = top + value_h, py1 = bottom - label_h;
        if (py1 - py0 < 20) return end(cr);
        for (double t = lo; t <= hi + step / 2; t += step) {
            double ty = py1 - (t - lo) / (hi - lo) * (py1 - py0);
            segment(cr, px0, ty, px1, ty, t == 0 ? 0.9 : 0.4,
                    t == 0 ? wd_colour_muted : wd_colour_grid);
            wd_fmt_value(buf, sizeof buf, t, dec, pct);
            text(cr, buf, &st_small_r, wd_colour_muted, x, ty - 5.5, axis_w - 4);
        }
        double slot = (px1 - px0) / n, bw = slot * 0.56;
        double zero_y = py1 - (0 - lo) / (hi - lo) * (py1 - py0);
        for (int i = 0; i < n; i++) {
            double cx = px0 + slot * (i + 0.5);
            double v = d->values[i];
            if (isfinite(v)) {
                double vy = py1 - (v - lo) / (hi - lo) * (py1 - py0);
                cairo_rectangle(cr, cx - bw / 2, fmin(vy, zero_y), bw, fabs(zero_y - vy));
                wd_rgb_set(cr, wd_colour_bar);
                cairo_fill(cr);
                wd_fmt_number(buf, sizeof buf, v, d->decimals);
                double ty = fmin(vy, zero_y) - 11;
                if (isfinite(d->refs[i])) {
                    /* The label must not sit on the reference marker: above it if they
                     * would touch. */
                    double ry = py1 - (d->refs[i] - lo) / (hi - lo) * (py1 - py0);
                    if (ry > ty - 3 && ry < ty + 13) ty = ry - 14;
                }
                text(cr, buf, &(wd_text_style){8, 1, WD_ALIGN_CENTER, 1}, wd_colour_text,
                     cx - slot / 2, ty, slot);
            } else {
                text(cr, WD_TEXT_MISSING, &st_small_c, wd_colour_muted, cx - slot / 2 + 1,
                     zero_y - 24, slot - 2);
            }
            if (isfinite(d->refs[i])) {
                double ry = py1 - (d->refs[i] - lo) / (hi - lo) * (py1 - py0);
                ref_marker(cr, cx - bw / 2 - 4, ry, cx + bw / 2 + 4, ry);
            }
            text(cr, d->labels[i], &st_small_c, wd_colour_text, cx - slot / 2, py1 + 3, slot);
        }
    } else {
        double label_w = fmin(w * 0.32, 110), value_w = 44;
        double px0 = x + label_w + 4, px1 = x + w - value_w;
        double py0 = top, py1 = bottom - 14;
        if (py1 - py0 < 20 || px1 - px0 < 30) return end(cr);
        for (double t = lo; t <= hi + step / 2; t += step) {
            double tx = px0 + (t - lo) / (hi - lo) * (px1 - px0);
            segment(cr, tx, py0, tx, py1, t == 0 ? 0.9 : 0.4,
                    t == 0 ? wd_colour_muted : wd_colour_grid);
            wd_fmt_value(buf, sizeof buf, t, dec, pct);
            text(cr, buf, &(wd_text_style){8, 0, WD_ALIGN_CENTER, 1}, wd_colour_muted, tx - 20,
                 py1 + 2, 40);
        }
        double slot = (py1 - py0) / n, bh = fmin(slot * 0.6, 16);
        double zero_x = px0 + (0 - lo) / (hi - lo) * (px1 - px0);
        for (int i = 0; i < n; i++) {
            double cy = py0 + slot * (i + 0.5);
            double v = d->values[i];
            text(cr, d->labels[i], &(wd_text_style){8, 0, WD_ALIGN_RIGHT, 2}, wd_colour_text, x,
                 cy - 5.5, label_w - 2);
            if (isfinite(v)) {
                double vx = px0 + (v - lo) / (hi - lo) * (px1 - px0);
                cairo_rectangle(cr, fmin(vx, zero_x), cy - bh / 2, fabs(vx - zero_x), bh);
                wd_rgb_set(cr, wd_colour_bar);
                cairo_fill(cr);
                double end_x = fmax(vx, zero_x);
                if (isfinite(d->refs[i]))
                    end_x = fmax(end_x, px0 + (d->refs[i] - lo) / (hi - lo) * (px1 - px0));
                wd_fmt_number(buf, sizeof buf, v, d->decimals);
                text(cr, buf, &(wd_text_style){8, 1, WD_ALIGN_LEFT, 1}, wd_colour_text, end_x + 6,
                     cy - 5.5, x + w - end_x - 6);
            } else {
                text(cr, WD_TEXT_MISSING, &st_small, wd_colour_muted, zero_x + 4, cy - 5.5,
                     x + w - zero_x - 4);
            }
            if (isfinite(d->refs[i])) {
                double rx = px0 + (d->refs[i] - lo) / (hi - lo) * (px1 - px0);
                ref_marker(cr, rx, cy - bh / 2 - 4, rx, cy + bh / 2 + 4);
            }
        }
    }
    return end(cr);
}

/* A legend sample of line style `ls`: a short stretch of the line with its marker. */
static void line_sample(cairo_t *cr, const wd_line_style *ls, double x, double y, double len)
{
    cairo_save(cr);
    set_line_style(cr, ls);
    cairo_new_path(cr);
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, x + len, y);
    cairo_stroke(cr);
    cairo_restore(cr);
    draw_marker(cr, ls->marker, x + len / 2, y, 3.2, ls->colour);
}

int wd_chart_trend(cairo_t *cr, const wd_profile_trend *d, double x, double y, double w, double h)
{
    if (!d) return WD_EUSAGE;
    int rc = begin(cr, x, y, w, h);
    if (rc) return rc;
    int ny = wd_count(d->n_years, WD_PROFILE_MAX_YEARS);
    int nl = wd_count(d->n_lines, WD_PROFILE_MAX_LINES);
    char buf[200];
    wd_fmt_label(buf, sizeof buf, d->title, d->unit);
    double top = y + text(cr, buf, &st_title, wd_colour_text, x, y, w) + 4;
    for (int l = 0; l < nl; l++) {
        line_sample(cr, &wd_chart_lines[l], x + 1, top + 5.5, 22);
        text(cr, d->line_names[l], &st_small, wd_colour_text, x + 28, top, w - 28);
        top += 11;
    }
    top += 6;
    double bottom = draw_source(cr, d->source, x, y + h, w);

    double lo = INFINITY, hi = -INFINITY;
    for (int l = 0; l < nl; l++)
        for (int i = 0; i < ny; i++)
            if (isfinite(d->values[l][i])) {
                lo = fmin(lo, d->values[l][i]);
                hi = fmax(hi, d->values[l][i]);
            }
    if (ny == 0 || !isfinite(lo)) {
        empty_plot(cr, x, top, w, bottom - top);
        return end(cr);
    }
    /* Lines show change: the axis need not start at zero, but a flat series must not be
     * blown up into a steep one, so the range is at least a tenth of the level. */
    double min_span = fmax(fabs(hi) * 0.1, 1e-9);
    if (hi - lo < min_span) {
        double mid = (hi + lo) / 2;
        lo = mid - min_span / 2;
        hi = mid + min_span / 2;
    }
    double step = nice_step(lo, hi, 4);
    lo = floor(lo / step) * step;
    hi = ceil(hi / step) * step;
    if (hi <= lo) hi = lo + step;
    int dec = step_decimals(step);
    const char *pct = strcmp(d->unit, "%") == 0 ? "%" : "";

    double axis_w = 32, break_h = 12;
    double px0 = x + axis_w + 6, px1 = x + w - 10;
    int has_break = d->break_before > 0 && d->break_before < ny;
    double py0 = top + (has_break ? break_h : 2), py1 = bottom - 14;
    if (py1 - py0 < 20) return end(cr);
    for (double t = lo; t <= hi + step / 2; t += step) {
        double ty = py1 - (t - lo) / (hi - lo) * (py1 - py0);
        segment(cr, px0 - 4, ty, px1 + 4, ty, 0.4, wd_colour_grid);
        wd_fmt_value(buf, sizeof buf, t, dec, pct);
        text(cr, buf, &st_small_r, wd_colour_muted, x, ty - 5.5, axis_w);
    }
    int y0 = d->years[0], y1 = d->years[ny - 1];
    for (int i = 1; i < ny; i++) {
        y0 = d->years[i] < y0 ? d->years[i] : y0;
        y1 = d->years[i] > y1 ? d->years[i] : y1;
    }
    double span = y1 > y0 ? y1 - y0 : 1;
#define XPOS(yr) (y1 > y0 ? px0 + ((yr)-y0) / span * (px1 - px0) : (px0 + px1) / 2)
    /* Year labels: as many as fit without touching. */
    int stride = 1;
    while (stride < ny && (px1 - px0) / (ny > 1 ? ny - 1 : 1) * stride < 30)
        stride++;
    for (int i = 0; i < ny; i += stride) {
        double tx = XPOS(d->years[i]);
        segment(cr, tx, py1, tx, py1 + 3, 0.6, wd_colour_muted);
        snprintf(buf, sizeof buf, "%d", d->years[i]);
        text(cr, buf, &(wd_text_style){8, 0, WD_ALIGN_CENTER, 1}, wd_colour_muted, tx - 20, py1 + 3,
             40);
    }
    segment(cr, px0 - 4, py1, px1 + 4, py1, 0.8, wd_colour_muted);
    if (has_break) {
        int b = d->break_before;
        double bx = (XPOS(d->years[b - 1]) + XPOS(d->years[b])) / 2;
        cairo_save(cr);
        double dash[2] = {3, 2};
        cairo_set_dash(cr, dash, 2, 0);
        segment(cr, bx, py0 - break_h + 2, bx, py1, 1.2, wd_colour_text);
        cairo_restore(cr);
        const char *lbl = "gewijzigde grens";
        double tw = wd_text_width(cr, lbl, &st_small);
        double tx = bx + 3;
        if (tx + tw > x + w) tx = bx - 3 - tw;
        text(cr, lbl, &st_small, wd_colour_text, tx, py0 - break_h, tw + 2);
    }
    /* Lines from the back (gemeente) to the front (region). */
    for (int l = nl - 1; l >= 0; l--) {
        const wd_line_style *ls = &wd_chart_lines[l];
        cairo_save(cr);
        set_line_style(cr, ls);
        cairo_new_path(cr);
        for (int i = 0; i + 1 < ny; i++) {
            double a = d->values[l][i], b = d->values[l][i + 1];
            if (!isfinite(a) || !isfinite(b)) continue;
            if (l == 0 && has_break && i + 1 == d->break_before) continue;
            cairo_move_to(cr, XPOS(d->years[i]), py1 - (a - lo) / (hi - lo) * (py1 - py0));
            cairo_line_to(cr, XPOS(d->years[i + 1]), py1 - (b - lo) / (hi - lo) * (py1 - py0));
        }
        cairo_stroke(cr);
        cairo_restore(cr);
        for (int i = 0; i < ny; i++)
            if (isfinite(d->values[l][i]))
                draw_marker(cr, ls->marker, XPOS(d->years[i]),
                            py1 - (d->values[l][i] - lo) / (hi - lo) * (py1 - py0), 3.0,
                            ls->colour);
    }
#undef XPOS
    return end(cr);
}

/* Upper-cases an ASCII first letter for a sentence ("draaglast ..." -> "Draaglast ..."). */
static void sentence(char *out, size_t cap, const char *s)
{
    snprintf(out, cap, "%s", s);
    if (out[0] >= 'a' && out[0] <= 'z') out[0] = (char)(out[0] - 'a' + 'A');
}

/* The balance beam: tips towards the larger index, like a kitchen scale tips towards the
 * heavier pan. */
static void beam(cairo_t *cr, const wd_profile_balance *d, double x, double y, double w, double h)
{
    int known = isfinite(d->draagkracht) && isfinite(d->draaglast);
    double diff = known ? d->draaglast - d->draagkracht : 0;
    double ang = fmax(-14, fmin(14, diff * 0.7)) * M_PI / 180;
    double cx = x + w / 2, pivot = y + h * 0.42, half = w * 0.36;
    /* Stand. */
    cairo_new_path(cr);
    cairo_move_to(cr, cx, pivot);
    cairo_line_to(cr, cx + 11, y + h - 22);
    cairo_line_to(cr, cx - 11, y + h - 22);
    cairo_close_path(cr);
    wd_rgb_set(cr, wd_colour_muted);
    cairo_fill(cr);
    segment(cr, cx - 22, y + h - 21, cx + 22, y + h - 21, 2, wd_colour_muted);
    /* Beam. */
    double dx = half * cos(ang), dy = half * sin(ang);
    cairo_new_path(cr);
    cairo_move_to(cr, cx - dx, pivot - dy);
    cairo_line_to(cr, cx + dx, pivot + dy);
    cairo_set_line_width(cr, 3);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    wd_rgb_set(cr, wd_colour_text);
    cairo_stroke(cr);
    cairo_arc(cr, cx, pivot, 3.2, 0, 2 * M_PI);
    wd_rgb_set(cr, white);
    cairo_fill(cr);
    /* Pans: hanging straight down from the beam ends, the weight as a block in the pan. */
    const double vals[2] = {d->draagkracht, d->draaglast};
    const wd_rgb cols[2] = {wd_colour_kracht, wd_colour_last};
    const char *names[2] = {"draagkracht", "draaglast"};
    for (int k = 0; k < 2; k++) {
        double ex = k == 0 ? cx - dx : cx + dx, ey = k == 0 ? pivot - dy : pivot + dy;
        double pan_y = ey + 14, pw = fmin(40, w * 0.22);
        cairo_new_path(cr);
        cairo_move_to(cr, ex, ey);
        cairo_line_to(cr, ex - pw / 2, pan_y);
        cairo_move_to(cr, ex, ey);
        cairo_line_to(cr, ex + pw / 2, pan_y);
        cairo_set_line_width(cr, 0.8);
        wd_rgb_set(cr, wd_colour_muted);
        cairo_stroke(cr);
        double bh = known ? fmax(4, fmin(16, 8 + (vals[k] - 100) * 0.4)) : 0;
        if (bh > 0) {
            cairo_rectangle(cr, ex - pw / 2 + 6, pan_y - bh, pw - 12, bh);
            wd_rgb_set(cr, cols[k]);
            cairo_fill(cr);
        }
        segment(cr, ex - pw / 2 - 2, pan_y, ex + pw / 2 + 2, pan_y, 2.2, wd_colour_text);
        text(cr, names[k], &(wd_text_style){8, 0, WD_ALIGN_CENTER, 1}, wd_colour_text, ex - 34,
             pan_y + 3, 68);
        if (known) {
            char num[32];
            wd_fmt_number(num, sizeof num, vals[k], 0);
            text(cr, num, &(wd_text_style){9, 1, WD_ALIGN_CENTER, 1}, wd_colour_text, ex - 34,
                 pan_y + 13, 68);
        }
    }
}

int wd_chart_balance(cairo_t *cr, const wd_profile_balance *d, double x, double y, double w,
                     double h)
{
    if (!d) return WD_EUSAGE;
    int rc = begin(cr, x, y, w, h);
    if (rc) return rc;
    char buf[200];
    double beam_w = fmin(w * 0.34, 190);
    beam(cr, d, x, y, beam_w, h);

    double rx = x + beam_w + 12, rw = w - beam_w - 12;
    sentence(buf, sizeof buf, d->klasse[0] ? d->klasse : "onbekend (te weinig gegevens)");
    double cy =
        y + text(cr, buf, &(wd_text_style){12, 1, WD_ALIGN_LEFT, 2}, wd_colour_text, rx, y, rw) + 2;
    if (isfinite(d->balans)) {
        char num[40];
        wd_fmt_signed(num, sizeof num, d->balans, 0);
        snprintf(buf, sizeof buf, "Balans: %s punten (draagkracht min draaglast)", num);
        cy += text(cr, buf, &st_small, wd_colour_muted, rx, cy, rw);
    }
    cy += 6;

    /* Index bars from the reference line 100 outwards. */
    double label_w = 78, value_w = 30;
    double lo = 70, hi = 130;
    const double vals[2] = {d->draagkracht, d->draaglast};
    for (int k = 0; k < 2; k++)
        if (isfinite(vals[k])) {
            lo = fmin(lo, floor((vals[k] - 5) / 10) * 10);
            hi = fmax(hi, ceil((vals[k] + 5) / 10) * 10);
        }
    double px0 = rx + label_w, px1 = rx + rw - value_w;
    double row_h = 18, bh = 11;
    double ref_x = px0 + (100 - lo) / (hi - lo) * (px1 - px0);
    double rows_top = cy + 2;
    const wd_rgb cols[2] = {wd_colour_kracht, wd_colour_last};
    const char *names[2] = {"Draagkracht", "Draaglast"};
    for (int k = 0; k < 2; k++) {
        double ry = rows_top + k * row_h;
        text(cr, names[k], &(wd_text_style){9, 1, WD_ALIGN_LEFT, 1}, wd_colour_text, rx,
             ry + row_h / 2 - 6.5, label_w);
        /* A faint track shows the scale without ticks. */
        cairo_rectangle(cr, px0, ry + (row_h - bh) / 2, px1 - px0, bh);
        wd_rgb_set(cr, wd_colour_tint);
        cairo_fill(cr);
        if (isfinite(vals[k])) {
            double vx = px0 + (fmax(lo, fmin(hi, vals[k])) - lo) / (hi - lo) * (px1 - px0);
            cairo_rectangle(cr, fmin(vx, ref_x), ry + (row_h - bh) / 2, fabs(vx - ref_x), bh);
            wd_rgb_set(cr, cols[k]);
            cairo_fill(cr);
            wd_fmt_number(buf, sizeof buf, vals[k], 0);
            double tx = vals[k] >= 100 ? vx + 3 : vx - 3 - 40;
            text(cr, buf,
                 &(wd_text_style){9, 1, vals[k] >= 100 ? WD_ALIGN_LEFT : WD_ALIGN_RIGHT, 1},
                 wd_colour_text, tx, ry + row_h / 2 - 6.5, 40);
        } else {
            text(cr, WD_TEXT_MISSING, &(wd_text_style){8, 0, WD_ALIGN_LEFT, 1}, wd_colour_muted,
                 ref_x + 4, ry + row_h / 2 - 6, px1 - ref_x);
        }
    }
    double rows_bottom = rows_top + 2 * row_h;
    segment(cr, ref_x, rows_top - 3, ref_x, rows_bottom + 3, 1.2, wd_colour_text);
    /* Scale ends and the reference below the rows. */
    snprintf(buf, sizeof buf, "%.0f", lo);
    text(cr, buf, &st_small, wd_colour_muted, px0, rows_bottom + 3, 30);
    snprintf(buf, sizeof buf, "%.0f", hi);
    text(cr, buf, &st_small_r, wd_colour_muted, px1 - 30, rows_bottom + 3, 30);
    snprintf(buf, sizeof buf, "%s", d->reference[0] ? d->reference : "100 = referentie");
    if (d->reference[0] && !strstr(d->reference, "100"))
        snprintf(buf, sizeof buf, "100 = %s", d->reference);
    text(cr, buf, &(wd_text_style){8, 0, WD_ALIGN_CENTER, 1}, wd_colour_text, ref_x - 90,
         rows_bottom + 3, 180);
    double ey = rows_bottom + 16;
    text(cr,
         "Draagkracht: mensen en netwerken die hulp kunnen geven. Draaglast: mensen die hulp "
         "nodig hebben. Boven 100 is meer dan de referentie, onder 100 minder.",
         &(wd_text_style){8, 0, WD_ALIGN_LEFT, 3}, wd_colour_muted, rx, ey, rw);
    return end(cr);
}

int wd_chart_components(cairo_t *cr, const char *title, const wd_profile_component *c, int n,
                        wd_rgb colour, double x, double y, double w, double h)
{
    if (!c && n > 0) return WD_EUSAGE;
    int rc = begin(cr, x, y, w, h);
    if (rc) return rc;
    n = wd_count(n, WD_PROFILE_MAX_COMPONENTS);
    char buf[120];
    double cy = y;
    if (title && *title)
        cy +=
            text(cr, title, &(wd_text_style){10.5, 1, WD_ALIGN_LEFT, 1}, wd_colour_text, x, cy, w) +
            3;
    double label_w = w * 0.44, weight_w = 46, score_w = 44;
    double sx0 = x + label_w + weight_w + 8, sx1 = x + w - score_w - 6;
    const double zmax = 2.5;
    /* Header row. */
    const wd_text_style hs = {8, 1, WD_ALIGN_LEFT, 1};
    text(cr, "Component", &hs, wd_colour_muted, x, cy, label_w);
    text(cr, "Gewicht", &(wd_text_style){8, 1, WD_ALIGN_CENTER, 1}, wd_colour_muted, x + label_w,
         cy, weight_w);
    text(cr, "lager  \xe2\x86\x90 referentie \xe2\x86\x92  hoger",
         &(wd_text_style){8, 1, WD_ALIGN_CENTER, 1}, wd_colour_muted, sx0 - 10, cy, sx1 - sx0 + 20);
    text(cr, "Score", &(wd_text_style){8, 1, WD_ALIGN_RIGHT, 1}, wd_colour_muted, x + w - score_w,
         cy, score_w);
    cy += 13;
    segment(cr, x, cy, x + w, cy, 0.6, wd_colour_grid);
    double rows_top = cy;
    int shown = 0;
    /* Labels get two lines when all rows fit that way, else one line each. */
    wd_text_style ls = {8.5, 0, WD_ALIGN_LEFT, 2};
    double rows_h = 0;
    for (int pass = 0; pass < 2; pass++) {
        rows_h = 0;
        int all = 1;
        for (int i = 0; i < n; i++) {
            double row_h = fmax(16, wd_text_height(cr, c[i].label, &ls, label_w - 4) + 5);
            if (cy + rows_h + row_h > y + h - 12) {
                all = 0;
                break;
            }
            rows_h += row_h;
        }
        if (all) break;
        ls.max_lines = 1;
    }
    /* The reference line first, so that row contents can cover it. */
    segment(cr, sx0 + (sx1 - sx0) / 2, rows_top, sx0 + (sx1 - sx0) / 2, rows_top + rows_h, 1,
            wd_colour_text);
    for (int i = 0; i < n; i++) {
        double lh = wd_text_height(cr, c[i].label, &ls, label_w - 4);
        double row_h = fmax(16, lh + 5);
        if (cy + row_h > y + h - 12) break;
        text(cr, c[i].label, &ls, wd_colour_text, x, cy + 2.5, label_w - 4);
        double mid = cy + row_h / 2;
        double wt = c[i].weight;
        int wdec = wt == floor(wt) ? 0 : wt * 10 == floor(wt * 10) ? 1 : 2;
        wd_fmt_number(buf, sizeof buf, wt, wdec);
        text(cr, buf, &(wd_text_style){8.5, 0, WD_ALIGN_CENTER, 1}, wd_colour_text, x + label_w,
             mid - 6, weight_w);
        segment(cr, sx0, mid, sx1, mid, 0.5, wd_colour_grid);
        if (isfinite(c[i].score)) {
            double z = fmax(-zmax, fmin(zmax, c[i].position));
            double zx = sx0 + (z + zmax) / (2 * zmax) * (sx1 - sx0);
            double zx0 = sx0 + (sx1 - sx0) / 2;
            cairo_rectangle(cr, fmin(zx, zx0), mid - 1.5, fabs(zx - zx0), 3);
            wd_rgb_set(cr, colour);
            cairo_fill(cr);
            if (fabs(c[i].position) > zmax) {
                /* Off the scale: an arrow head pointing on, the number says how far. */
                double dir = c[i].position > 0 ? 1 : -1;
                cairo_new_path(cr);
                cairo_move_to(cr, zx + dir * 6, mid);
                cairo_line_to(cr, zx - dir * 3, mid - 5);
                cairo_line_to(cr, zx - dir * 3, mid + 5);
                cairo_close_path(cr);
                wd_rgb_set(cr, colour);
                cairo_fill(cr);
            } else {
                draw_marker(cr, WD_MARKER_CIRCLE, zx, mid, 4, colour);
            }
            wd_fmt_signed(buf, sizeof buf, c[i].score, 1);
            text(cr, buf, &(wd_text_style){8.5, 0, WD_ALIGN_RIGHT, 1}, wd_colour_text,
                 x + w - score_w, mid - 6, score_w);
        } else {
            const wd_text_style ms = {8, 0, WD_ALIGN_CENTER, 1};
            double tw = wd_text_width(cr, WD_TEXT_MISSING, &ms) + 8, cx = (sx0 + sx1) / 2;
            cairo_rectangle(cr, cx - tw / 2, mid - 6, tw, 12);
            wd_rgb_set(cr, white);
            cairo_fill(cr);
            text(cr, WD_TEXT_MISSING, &ms, wd_colour_muted, cx - tw / 2, mid - 5.5, tw);
            text(cr, "\xe2\x80\x93", &(wd_text_style){8.5, 0, WD_ALIGN_RIGHT, 1}, wd_colour_text,
                 x + w - score_w, mid - 6, score_w);
        }
        cy += row_h;
        segment(cr, x, cy, x + w, cy, 0.3, wd_colour_grid);
        shown++;
    }
    if (shown < n) {
        if (n - shown == 1)
            snprintf(buf, sizeof buf, "(1 component past niet op de pagina)");
        else
            snprintf(buf, sizeof buf, "(%d componenten passen niet op de pagina)", n - shown);
        cy += text(cr, buf, &st_small, wd_colour_muted, x, cy + 2, w) + 2;
    }
    cairo_restore(cr);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) return WD_ERR;
    double used = cy - y;
    return used > 0 ? (int)ceil(used) : 1;
}

int wd_chart_sparkline(cairo_t *cr, const double *values, int n, int break_before, double x,
                       double y, double w, double h)
{
    if (!values || !cr || !(w > 4) || !(h > 2)) return WD_EUSAGE;
    double lo = INFINITY, hi = -INFINITY;
    int last = -1;
    for (int i = 0; i < n; i++)
        if (isfinite(values[i])) {
            lo = fmin(lo, values[i]);
            hi = fmax(hi, values[i]);
            last = i;
        }
    if (n < 2 || last < 0) return 0;
    if (!(hi > lo)) {
        lo -= 1;
        hi += 1;
    }
    cairo_save(cr);
    double r = 1.8;
#define SX(i) (x + r + (double)(i) / (n - 1) * (w - 2 * r))
#define SY(v) (y + h - r - ((v)-lo) / (hi - lo) * (h - 2 * r))
    cairo_new_path(cr);
    for (int i = 0; i + 1 < n; i++) {
        if (!isfinite(values[i]) || !isfinite(values[i + 1]) || i + 1 == break_before) continue;
        cairo_move_to(cr, SX(i), SY(values[i]));
        cairo_line_to(cr, SX(i + 1), SY(values[i + 1]));
    }
    cairo_set_line_width(cr, 1.1);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    wd_rgb_set(cr, wd_colour_bar);
    cairo_stroke(cr);
    cairo_arc(cr, SX(last), SY(values[last]), r, 0, 2 * M_PI);
    wd_rgb_set(cr, wd_colour_text);
    cairo_fill(cr);
#undef SX
#undef SY
    cairo_restore(cr);
    return cairo_status(cr) == CAIRO_STATUS_SUCCESS ? 0 : WD_ERR;
}

/* One blue hue in even lightness steps, L* 90, 75, 60, 46, 30: the lightest still stands out
 * from the paper, each step survives a greyscale printer. */
const wd_rgb wd_map_colours[WD_MAP_CLASSES] = {
    {0.839, 0.902, 0.957}, {0.550, 0.750, 0.880}, {0.300, 0.600, 0.800},
    {0.129, 0.443, 0.710}, {0.030, 0.270, 0.550},
};

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int wd_map_breaks(const double *values, int n, int decimals, int max_classes, double *breaks)
{
    if (max_classes > WD_MAP_CLASSES) max_classes = WD_MAP_CLASSES;
    if (!values || !breaks || n <= 0 || max_classes < 1) return 0;
    double sorted[WD_PROFILE_MAX_AREAS];
    int m = 0;
    for (int i = 0; i < n && m < WD_PROFILE_MAX_AREAS; i++)
        if (isfinite(values[i])) sorted[m++] = values[i];
    if (m == 0) return 0;
    qsort(sorted, (size_t)m, sizeof *sorted, cmp_double);
    /* Boundaries are rounded down to the displayed precision, so that the value at each
     * quantile opens its class, and the maximum up; the small slack keeps binary fractions
     * such as 13.9 * 10 = 139.00000000000003 on their decimal value. */
    double f = pow(10, decimals);
    int k = 0;
    breaks[0] = floor(sorted[0] * f + 1e-7) / f;
    for (int c = 1; c < max_classes; c++) {
        double q = floor(sorted[(int)floor((double)c * m / max_classes)] * f + 1e-7) / f;
        if (q > breaks[k]) breaks[++k] = q;
    }
    double top = ceil(sorted[m - 1] * f - 1e-7) / f;
    if (top > breaks[k] || k == 0) {
        if (!(top > breaks[k])) top = breaks[k] + 1 / f;
        breaks[++k] = top;
    } else {
        /* The maximum is itself a boundary: it closes the class below it. */
        k--;
        if (k == 0) breaks[++k] = top;
    }
    return k;
}

int wd_map_class(double v, const double *breaks, int n_classes)
{
    if (!isfinite(v) || n_classes < 1) return -1;
    for (int c = n_classes - 1; c > 0; c--)
        if (v >= breaks[c]) return c;
    return 0;
}

/* Diagonal hatching over the current path: "geen gegevens" reads as a pattern, not as a
 * light class. The path is consumed. */
static void hatch_path(cairo_t *cr, double x0, double y0, double x1, double y1)
{
    cairo_save(cr);
    cairo_clip(cr);
    wd_rgb_set(cr, white);
    cairo_paint(cr);
    cairo_new_path(cr);
    for (double t = x0 - (y1 - y0); t < x1; t += 3.5) {
        cairo_move_to(cr, t, y1);
        cairo_line_to(cr, t + (y1 - y0), y0);
    }
    cairo_set_line_width(cr, 0.6);
    wd_rgb_set(cr, wd_colour_muted);
    cairo_stroke(cr);
    cairo_restore(cr);
}

/* The rings of shape `s` as one path, projected by (ox, oy, kx, scale). */
static void shape_path(cairo_t *cr, const wd_geo *g, int s, double ox, double oy, double lon0,
                       double lat1, double kx, double scale)
{
    const wd_geo_shape *sh = &g->shapes[s];
    for (size_t r = sh->first_ring; r < sh->first_ring + sh->n_rings; r++) {
        const wd_geo_point *pt = &g->points[g->ring_start[r]];
        for (size_t i = 0; i < g->ring_len[r]; i++) {
            double px = ox + (pt[i].lon - lon0) * kx * scale, py = oy + (lat1 - pt[i].lat) * scale;
            if (i == 0)
                cairo_move_to(cr, px, py);
            else
                cairo_line_to(cr, px, py);
        }
        cairo_close_path(cr);
    }
}

/* The name of an area on a white label at the centroid of its largest ring: readable on
 * every class, and it tells which polygon is which row of the table beside the map. */
static void area_label(cairo_t *cr, const wd_geo *g, int s, const char *name, double ox, double oy,
                       double lon0, double lat1, double kx, double scale, double box_x,
                       double box_w, cairo_rectangle_t *taken, int *n_taken)
{
    const wd_geo_shape *sh = &g->shapes[s];
    double best = 0, cx = 0, cy = 0;
    for (size_t r = sh->first_ring; r < sh->first_ring + sh->n_rings; r++) {
        const wd_geo_point *pt = &g->points[g->ring_start[r]];
        double a = 0, sx = 0, sy = 0;
        for (size_t i = 0; i + 1 < g->ring_len[r]; i++) {
            double c = pt[i].lon * pt[i + 1].lat - pt[i + 1].lon * pt[i].lat;
            a += c;
            sx += (pt[i].lon + pt[i + 1].lon) * c;
            sy += (pt[i].lat + pt[i + 1].lat) * c;
        }
        if (fabs(a) > fabs(best)) {
            best = a;
            cx = sx / (3 * a);
            cy = sy / (3 * a);
        }
    }
    if (best == 0) return;
    double px = ox + (cx - lon0) * kx * scale, py = oy + (lat1 - cy) * scale;
    const wd_text_style ls = {8, 1, WD_ALIGN_CENTER, 2};
    double w = fmin(90, wd_text_width(cr, name, &ls) + 2), h = wd_text_height(cr, name, &ls, w);
    /* An area at the edge keeps its whole label inside the map's box. */
    px = fmax(box_x + w / 2 + 2, fmin(px, box_x + box_w - w / 2 - 2));
    /* A label that would cover an earlier one moves a line down or up, else it is left out
     * (the table beside the map still names every area). */
    const double shifts[3] = {0, h + 3, -(h + 3)};
    int k = 0;
    for (; k < 3; k++) {
        cairo_rectangle_t r = {px - w / 2 - 2, py + shifts[k] - h / 2 - 1, w + 4, h + 2};
        int hit = 0;
        for (int j = 0; j < *n_taken; j++)
            hit |= r.x < taken[j].x + taken[j].width && taken[j].x < r.x + r.width &&
                   r.y < taken[j].y + taken[j].height && taken[j].y < r.y + r.height;
        if (!hit) break;
    }
    if (k == 3 || *n_taken >= WD_MAP_MAX_LABELS) return;
    py += shifts[k];
    taken[(*n_taken)++] = (cairo_rectangle_t){px - w / 2 - 2, py - h / 2 - 1, w + 4, h + 2};
    cairo_rectangle(cr, px - w / 2 - 2, py - h / 2 - 1, w + 4, h + 2);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
    cairo_fill(cr);
    text(cr, name, &ls, wd_colour_text, px - w / 2, py - h / 2, w);
}

/* Legend swatch: a filled box (class < 0: hatched) with a thin frame. */
static void swatch(cairo_t *cr, int cls, double x, double y, double w, double h)
{
    cairo_new_path(cr);
    cairo_rectangle(cr, x, y, w, h);
    if (cls >= 0) {
        wd_rgb_set(cr, wd_map_colours[cls]);
        cairo_fill_preserve(cr);
    } else {
        cairo_save(cr);
        hatch_path(cr, x, y, x + w, y + h);
        cairo_restore(cr);
        cairo_rectangle(cr, x, y, w, h);
    }
    cairo_set_line_width(cr, 0.5);
    wd_rgb_set(cr, wd_colour_muted);
    cairo_stroke(cr);
}

int wd_chart_map(cairo_t *cr, const wd_profile_maps *m, int k, double x, double y, double w,
                 double h)
{
    if (!m || k < 0 || k >= m->n_maps || k >= WD_PROFILE_MAX_MAPS) return WD_EUSAGE;
    int rc = begin(cr, x, y, w, h);
    if (rc) return rc;
    char buf[200], lo_s[48], hi_s[48];
    const double *v = m->maps[k].value;
    int dec = m->maps[k].decimals;
    wd_fmt_label(buf, sizeof buf, m->maps[k].title, m->maps[k].unit);
    double top = y + text(cr, buf, &st_title, wd_colour_text, x, y, w) + 4;
    int n = wd_count(m->n_areas, WD_PROFILE_MAX_AREAS);
    double breaks[WD_MAP_CLASSES + 1];
    int nc = wd_map_breaks(v, n, dec, WD_MAP_CLASSES, breaks);
    int any_missing = 0;
    for (int i = 0; i < n; i++)
        any_missing |= !isfinite(v[i]);

    /* Legend rows below the map: classes, "geen gegevens", the outlined region. */
    const double row = 12;
    int rows = nc + any_missing + (m->highlight >= 0) + (m->n_context > 0);
    double legend_h = rows * row + 2;
    double map_bottom = y + h - legend_h - 6;
    const wd_geo *g = m->geo;
    double lon0 = INFINITY, lon1 = -INFINITY, lat0 = INFINITY, lat1 = -INFINITY;
    for (int i = -1; g && i < n; i++) {
        int s = i < 0 ? m->highlight : m->shape[i];
        if (s < 0 || (size_t)s >= g->n_shapes) continue;
        lon0 = fmin(lon0, g->shapes[s].lon0);
        lon1 = fmax(lon1, g->shapes[s].lon1);
        lat0 = fmin(lat0, g->shapes[s].lat0);
        lat1 = fmax(lat1, g->shapes[s].lat1);
    }
    if (!(lon1 > lon0) || !(lat1 > lat0) || map_bottom - top < 30) {
        text(cr, "Geen grenzen beschikbaar voor een kaart.", &st_small, wd_colour_muted, x, top, w);
        return end(cr);
    }
    double kx = cos((lat0 + lat1) / 2 * M_PI / 180);
    double scale = fmin(w / ((lon1 - lon0) * kx), (map_bottom - top) / (lat1 - lat0));
    double ox = x + (w - (lon1 - lon0) * kx * scale) / 2, oy = top;
    cairo_save(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (int i = 0; i < n; i++) {
        int s = m->shape[i];
        if (s < 0 || (size_t)s >= g->n_shapes) continue;
        int c = wd_map_class(v[i], breaks, nc);
        cairo_new_path(cr);
        shape_path(cr, g, s, ox, oy, lon0, lat1, kx, scale);
        if (c >= 0) {
            wd_rgb_set(cr, wd_map_colours[c]);
            cairo_fill(cr);
        } else {
            hatch_path(cr, x, top, x + w, map_bottom);
        }
    }
    /* Boundaries: thin grey lines, visible between equal classes. */
    cairo_new_path(cr);
    for (int i = 0; i < n; i++)
        if (m->shape[i] >= 0 && (size_t)m->shape[i] < g->n_shapes)
            shape_path(cr, g, m->shape[i], ox, oy, lon0, lat1, kx, scale);
    cairo_set_line_width(cr, 0.5);
    wd_rgb_set(cr, wd_colour_muted);
    cairo_stroke(cr);
    /* Wijk borders for orientation: darker and wider than buurt borders, thinner than the
     * outline of the region itself. */
    int nctx = wd_count(m->n_context, WD_PROFILE_MAX_AREAS / 4);
    cairo_new_path(cr);
    for (int i = 0; i < nctx; i++)
        if (m->context[i] >= 0 && (size_t)m->context[i] < g->n_shapes)
            shape_path(cr, g, m->context[i], ox, oy, lon0, lat1, kx, scale);
    cairo_set_line_width(cr, 1.3);
    wd_rgb_set(cr, wd_colour_muted);
    cairo_stroke(cr);
    if (m->highlight >= 0 && (size_t)m->highlight < g->n_shapes) {
        cairo_new_path(cr);
        shape_path(cr, g, m->highlight, ox, oy, lon0, lat1, kx, scale);
        cairo_set_line_width(cr, 4.2);
        wd_rgb_set(cr, white);
        cairo_stroke_preserve(cr);
        cairo_set_line_width(cr, 2.2);
        wd_rgb_set(cr, wd_colour_ref);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
    cairo_rectangle_t taken[WD_MAP_MAX_LABELS];
    int n_taken = 0;
    if (n <= WD_MAP_MAX_LABELS)
        for (int i = 0; i < n; i++)
            if (m->shape[i] >= 0 && (size_t)m->shape[i] < g->n_shapes && m->area_name[i][0])
                area_label(cr, g, m->shape[i], m->area_name[i], ox, oy, lon0, lat1, kx, scale, x, w,
                           taken, &n_taken);

    /* The legend right under the map, whatever the map's shape. */
    double ly = oy + (lat1 - lat0) * scale + 6;
    const wd_text_style ls = {8, 0, WD_ALIGN_LEFT, 1};
    for (int c = 0; c < nc; c++, ly += row) {
        swatch(cr, c, x, ly + 1.5, 16, 9);
        wd_fmt_number(lo_s, sizeof lo_s, breaks[c], dec);
        wd_fmt_number(hi_s, sizeof hi_s, breaks[c + 1], dec);
        snprintf(buf, sizeof buf, "%s tot %s%s", lo_s, c + 1 == nc ? "en met " : "", hi_s);
        text(cr, buf, &ls, wd_colour_text, x + 21, ly, w - 21);
    }
    if (any_missing) {
        swatch(cr, -1, x, ly + 1.5, 16, 9);
        text(cr, WD_TEXT_MISSING, &ls, wd_colour_text, x + 21, ly, w - 21);
        ly += row;
    }
    if (m->highlight >= 0) {
        cairo_rectangle(cr, x + 1, ly + 2.5, 14, 7);
        cairo_set_line_width(cr, 2.2);
        wd_rgb_set(cr, wd_colour_ref);
        cairo_stroke(cr);
        text(cr, m->highlight_name, &ls, wd_colour_text, x + 21, ly, w - 21);
        ly += row;
    }
    if (nctx > 0) {
        segment(cr, x + 1, ly + 6, x + 15, ly + 6, 1.3, wd_colour_muted);
        text(cr, "grens van een wijk", &ls, wd_colour_text, x + 21, ly, w - 21);
    }
    return end(cr);
}

/* A nice axis [0 or lower, upper] for values in [lo, hi]: ticks at `step`. */
static void nice_axis(double *lo, double *hi, double *step, int want)
{
    if (!(*hi > *lo)) *hi = *lo + (fabs(*lo) > 0 ? fabs(*lo) * 0.1 : 1);
    *step = nice_step(*lo, *hi, want);
    *lo = floor(*lo / *step) * *step;
    *hi = ceil(*hi / *step) * *step;
    if (*hi <= *lo) *hi = *lo + *step;
}

int wd_chart_estimates(cairo_t *cr, const wd_profile_health *d, double x, double y, double w,
                       double h)
{
    if (!d) return WD_EUSAGE;
    int rc = begin(cr, x, y, w, h);
    if (rc) return rc;
    int n = wd_count(d->n, WD_PROFILE_MAX_HEALTH);
    char buf[200], a[48], b[48], c[48];
    /* Legend. */
    double ly = y + 2;
    draw_marker(cr, WD_MARKER_CIRCLE, x + 6, ly + 5.5, 3.6, wd_colour_bar);
    double lx = x + 14;
    const char *l1 = "modelschatting", *l2 = "95%-interval", *l3 = d->ref_name;
    text(cr, l1, &st_small, wd_colour_text, lx, ly, 120);
    lx += wd_text_width(cr, l1, &st_small) + 16;
    segment(cr, lx, ly + 5.5, lx + 18, ly + 5.5, 1.4, wd_colour_text);
    segment(cr, lx, ly + 2, lx, ly + 9, 1.4, wd_colour_text);
    segment(cr, lx + 18, ly + 2, lx + 18, ly + 9, 1.4, wd_colour_text);
    text(cr, l2, &st_small, wd_colour_text, lx + 23, ly, 100);
    lx += 23 + wd_text_width(cr, l2, &st_small) + 16;
    if (l3[0] && lx + 30 < x + w) {
        ref_marker(cr, lx + 4, ly, lx + 4, ly + 11);
        text(cr, l3, &st_small, wd_colour_text, lx + 12, ly, x + w - lx - 12);
    }
    double top = ly + 20, bottom = draw_source(cr, d->source, x, y + h, w) - 16;
    double lo = 0, hi = 0;
    int any = 0;
    for (int i = 0; i < n; i++) {
        const wd_profile_estimate *e = &d->rows[i];
        const double vs[4] = {e->value, e->lo, e->hi, e->ref};
        for (int k = 0; k < 4; k++)
            if (isfinite(vs[k])) {
                lo = fmin(lo, vs[k]);
                hi = fmax(hi, vs[k]);
                any = 1;
            }
    }
    if (n == 0 || !any) {
        empty_plot(cr, x, top, w, bottom - top);
        return end(cr);
    }
    double step;
    nice_axis(&lo, &hi, &step, 5);
    double label_w = w * 0.36, value_w = 104;
    double px0 = x + label_w + 8, px1 = x + w - value_w - 8;
    double row_h = fmin(40, (bottom - top) / n);
#define PX(v) (px0 + ((v)-lo) / (hi - lo) * (px1 - px0))
    for (double t = lo; t <= hi + step / 2; t += step) {
        segment(cr, PX(t), top, PX(t), top + row_h * n, 0.4, wd_colour_grid);
        wd_fmt_value(buf, sizeof buf, t, step_decimals(step), "%");
        text(cr, buf, &(wd_text_style){8, 0, WD_ALIGN_CENTER, 1}, wd_colour_muted, PX(t) - 20,
             top + row_h * n + 3, 40);
    }
    const wd_text_style lab = {9, 0, WD_ALIGN_LEFT, 2}, sub = {8, 0, WD_ALIGN_LEFT, 1};
    for (int i = 0; i < n; i++) {
        const wd_profile_estimate *e = &d->rows[i];
        double ry = top + i * row_h, mid = ry + row_h / 2;
        if (i % 2 == 1) {
            cairo_rectangle(cr, x, ry, w, row_h);
            wd_rgb_set(cr, wd_colour_tint);
            cairo_fill(cr);
        }
        double lh = wd_text_height(cr, e->label, &lab, label_w);
        if (e->year > 0)
            snprintf(buf, sizeof buf, "modelschatting %d", e->year);
        else
            snprintf(buf, sizeof buf, "modelschatting");
        double sh = wd_text_height(cr, buf, &sub, label_w);
        double ty = mid - (lh + sh) / 2;
        text(cr, e->label, &lab, wd_colour_text, x + 2, ty, label_w);
        text(cr, buf, &sub, wd_colour_muted, x + 2, ty + lh, label_w);
        if (isfinite(e->lo) && isfinite(e->hi)) {
            segment(cr, PX(e->lo), mid, PX(e->hi), mid, 1.4, wd_colour_text);
            segment(cr, PX(e->lo), mid - 4, PX(e->lo), mid + 4, 1.4, wd_colour_text);
            segment(cr, PX(e->hi), mid - 4, PX(e->hi), mid + 4, 1.4, wd_colour_text);
        }
        if (isfinite(e->ref)) ref_marker(cr, PX(e->ref), mid - 8, PX(e->ref), mid + 8);
        if (isfinite(e->value)) {
            draw_marker(cr, WD_MARKER_CIRCLE, PX(e->value), mid, 4.2, wd_colour_bar);
            wd_fmt_value(a, sizeof a, e->value, e->decimals, "%");
            if (isfinite(e->lo) && isfinite(e->hi)) {
                wd_fmt_number(b, sizeof b, e->lo, e->decimals);
                wd_fmt_value(c, sizeof c, e->hi, e->decimals, "%");
                snprintf(buf, sizeof buf, "%s (%s\xe2\x80\x93%s)", a, b, c);
            } else {
                snprintf(buf, sizeof buf, "%s (interval onbekend)", a);
            }
            text(cr, buf, &(wd_text_style){9, 1, WD_ALIGN_LEFT, 2}, wd_colour_text, px1 + 10,
                 mid - 6, value_w);
        } else {
            text(cr, WD_TEXT_MISSING, &(wd_text_style){8, 0, WD_ALIGN_LEFT, 1}, wd_colour_muted,
                 px1 + 10, mid - 5.5, value_w);
        }
    }
#undef PX
    return end(cr);
}

int wd_chart_small(cairo_t *cr, const wd_profile_small *d, double x, double y, double w, double h)
{
    if (!d) return WD_EUSAGE;
    int rc = begin(cr, x, y, w, h);
    if (rc) return rc;
    int ny = wd_count(d->n_years, WD_PROFILE_MAX_YEARS);
    char buf[200];
    wd_fmt_label(buf, sizeof buf, d->title, d->unit);
    double top =
        y + text(cr, buf, &(wd_text_style){9, 1, WD_ALIGN_LEFT, 2}, wd_colour_text, x, y, w) + 1;
    char dir[80];
    snprintf(dir, sizeof dir, "trend: %s",
             d->has_fit && d->trend_words[0] ? d->trend_words : "te weinig jaren");
    top += text(cr, dir, &st_small, wd_colour_muted, x, top, w) + 4;
    double lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < ny; i++) {
        const double vs[2] = {d->values[i], d->refs[i]};
        for (int k = 0; k < 2; k++)
            if (isfinite(vs[k])) {
                lo = fmin(lo, vs[k]);
                hi = fmax(hi, vs[k]);
            }
    }
    double bottom = y + h - 12;
    if (ny == 0 || !isfinite(lo)) {
        empty_plot(cr, x, top, w, bottom - top);
        return end(cr);
    }
    int y0 = d->years[0], y1 = d->years[ny - 1];
    double span = y1 > y0 ? y1 - y0 : 1;
    double axis_w = 34, px0 = x + axis_w + 4, px1 = x + w - 6;
    double step;
    nice_axis(&lo, &hi, &step, 3);
    int dec = step_decimals(step);
    const char *pct = strcmp(d->unit, "%") == 0 ? "%" : "";
#define XP(yr) (y1 > y0 ? px0 + ((yr)-y0) / span * (px1 - px0) : (px0 + px1) / 2)
#define YP(v) (bottom - ((v)-lo) / (hi - lo) * (bottom - top))
    for (double t = lo; t <= hi + step / 2; t += step) {
        segment(cr, px0 - 3, YP(t), px1, YP(t), 0.4, wd_colour_grid);
        wd_fmt_value(buf, sizeof buf, t, dec, pct);
        text(cr, buf, &st_small_r, wd_colour_muted, x, YP(t) - 5.5, axis_w);
    }
    segment(cr, px0 - 3, bottom, px1, bottom, 0.8, wd_colour_muted);
    for (int i = 0; i<ny; i += ny - 1> 0 ? ny - 1 : 1) {
        snprintf(buf, sizeof buf, "%d", d->years[i]);
        text(cr, buf, &(wd_text_style){8, 0, i == 0 ? WD_ALIGN_LEFT : WD_ALIGN_RIGHT, 1},
             wd_colour_muted, i == 0 ? XP(d->years[i]) - 4 : XP(d->years[i]) - 36, bottom + 1, 40);
    }
    int has_break = d->break_before > 0 && d->break_before < ny;
    if (has_break) {
        double bx = (XP(d->years[d->break_before - 1]) + XP(d->years[d->break_before])) / 2;
        cairo_save(cr);
        double dash[2] = {3, 2};
        cairo_set_dash(cr, dash, 2, 0);
        segment(cr, bx, top, bx, bottom, 1.2, wd_colour_text);
        cairo_restore(cr);
    }
    if (d->has_fit) {
        /* The band: lines through the centre with the slopes of the interval, over the years
         * the trend was fitted on (after the break). */
        double fx0 = d->years[has_break ? d->break_before : 0], fx1 = d->years[ny - 1];
        cairo_save(cr);
        cairo_rectangle(cr, px0, top, px1 - px0, bottom - top);
        cairo_clip(cr);
        cairo_new_path(cr);
        cairo_move_to(cr, XP(fx0), YP(d->cy + d->slope_lo * (fx0 - d->cx)));
        cairo_line_to(cr, XP(d->cx), YP(d->cy));
        cairo_line_to(cr, XP(fx1), YP(d->cy + d->slope_lo * (fx1 - d->cx)));
        cairo_line_to(cr, XP(fx1), YP(d->cy + d->slope_hi * (fx1 - d->cx)));
        cairo_line_to(cr, XP(d->cx), YP(d->cy));
        cairo_line_to(cr, XP(fx0), YP(d->cy + d->slope_hi * (fx0 - d->cx)));
        cairo_close_path(cr);
        wd_rgb_set(cr, wd_map_colours[1]);
        cairo_fill(cr);
        cairo_move_to(cr, XP(fx0), YP(d->cy + d->slope * (fx0 - d->cx)));
        cairo_line_to(cr, XP(fx1), YP(d->cy + d->slope * (fx1 - d->cx)));
        cairo_set_line_width(cr, 1.2);
        double dash[2] = {4, 2};
        cairo_set_dash(cr, dash, 2, 0);
        wd_rgb_set(cr, wd_colour_text);
        cairo_stroke(cr);
        cairo_restore(cr);
    }
    for (int l = 1; l >= 0; l--) {
        const double *vals = l == 0 ? d->values : d->refs;
        cairo_save(cr);
        cairo_new_path(cr);
        for (int i = 0; i + 1 < ny; i++) {
            if (!isfinite(vals[i]) || !isfinite(vals[i + 1])) continue;
            if (l == 0 && has_break && i + 1 == d->break_before) continue;
            cairo_move_to(cr, XP(d->years[i]), YP(vals[i]));
            cairo_line_to(cr, XP(d->years[i + 1]), YP(vals[i + 1]));
        }
        set_line_style(cr, &wd_chart_lines[l == 0 ? 0 : 2]);
        cairo_set_line_width(cr, l == 0 ? 1.2 : 1.0);
        cairo_stroke(cr);
        cairo_restore(cr);
    }
    for (int i = 0; i < ny; i++)
        if (isfinite(d->values[i]))
            draw_marker(cr, WD_MARKER_CIRCLE, XP(d->years[i]), YP(d->values[i]), 2.4,
                        wd_colour_bar);
#undef XP
#undef YP
    return end(cr);
}

int wd_chart_dot_table(cairo_t *cr, const wd_profile_compare *d, double x, double y, double w,
                       double h)
{
    if (!d) return WD_EUSAGE;
    int rc = begin(cr, x, y, w, h);
    if (rc) return rc;
    int nr = wd_count(d->n_rows, WD_PROFILE_MAX_ROWS);
    int nc = wd_count(d->n_cols, WD_PROFILE_MAX_COLS);
    char buf[200];
    double name_w = fmin(130, w * 0.25), pop_w = 54;
    double col_w = nc ? (w - name_w - pop_w) / nc : 0;
    const wd_text_style hs = {8, 1, WD_ALIGN_LEFT, 4};
    double head_h = 0;
    for (int c = 0; c < nc; c++) {
        wd_fmt_label(buf, sizeof buf, d->col_label[c], d->col_unit[c]);
        head_h = fmax(head_h, wd_text_height(cr, buf, &hs, col_w - 8));
    }
    double cy = y;
    text(cr, d->part_name, &hs, wd_colour_text, x, cy + head_h - 11, name_w);
    text(cr, "Inwoners", &(wd_text_style){8, 1, WD_ALIGN_RIGHT, 1}, wd_colour_text, x + name_w,
         cy + head_h - 11, pop_w - 6);
    for (int c = 0; c < nc; c++) {
        wd_fmt_label(buf, sizeof buf, d->col_label[c], d->col_unit[c]);
        text(cr, buf, &hs, wd_colour_text, x + name_w + pop_w + c * col_w + 6, cy, col_w - 8);
    }
    cy += head_h + 3;
    segment(cr, x, cy, x + w, cy, 1, wd_colour_text);
    /* Per column: a common scale over the parts and the whole. */
    double lo[WD_PROFILE_MAX_COLS], hi[WD_PROFILE_MAX_COLS];
    for (int c = 0; c < nc; c++) {
        lo[c] = INFINITY;
        hi[c] = -INFINITY;
        for (int r = -1; r < nr; r++) {
            double v = r < 0 ? d->col_ref[c] : d->value[r][c];
            if (!isfinite(v)) continue;
            lo[c] = fmin(lo[c], v);
            hi[c] = fmax(hi[c], v);
        }
        if (!(hi[c] > lo[c]) && isfinite(lo[c])) {
            lo[c] -= 1;
            hi[c] += 1;
        }
    }
    /* Long names wrap onto a second line rather than losing their end, where parts of one
     * wijk often differ ("... Noord", "... Zuid"). */
    const wd_text_style ns = {8.5, 0, WD_ALIGN_LEFT, 2};
    const double num_w = 40;
    int shown = 0;
    for (int r = -1; r < nr; r++) {
        int is_ref = r < 0, small = !is_ref && d->row_small[r];
        const char *name = is_ref ? d->ref_name : d->row_name[r];
        wd_text_style nst = ns;
        nst.bold = is_ref;
        double name_h = wd_text_height(cr, name, &nst, name_w - 6);
        double row_h = fmax(15, name_h + 4);
        if (cy + row_h > y + h - 24) break;
        if (is_ref) {
            cairo_rectangle(cr, x, cy, w, row_h);
            wd_rgb_set(cr, wd_colour_tint);
            cairo_fill(cr);
        }
        double mid = cy + row_h / 2;
        wd_rgb tc = small ? wd_colour_muted : wd_colour_text;
        text(cr, name, &nst, tc, x + 2, mid - name_h / 2, name_w - 6);
        if (!is_ref) {
            wd_fmt_number(buf, sizeof buf, d->row_pop[r], 0);
            text(cr, buf, &(wd_text_style){8, 0, WD_ALIGN_RIGHT, 1}, tc, x + name_w, mid - 5.5,
                 pop_w - 6);
        }
        for (int c = 0; c < nc; c++) {
            double cx0 = x + name_w + pop_w + c * col_w;
            double sx0 = cx0 + num_w + 8, sx1 = cx0 + col_w - 8;
            double v = is_ref ? d->col_ref[c] : d->value[r][c];
            if (!isfinite(v)) {
                text(cr, "\xe2\x80\x93", &(wd_text_style){8, 0, WD_ALIGN_RIGHT, 1}, wd_colour_muted,
                     cx0, mid - 5.5, num_w);
                continue;
            }
            wd_fmt_value(buf, sizeof buf, v, d->col_decimals[c],
                         strcmp(d->col_unit[c], "%") == 0 ? "%" : "");
            text(cr, buf, &(wd_text_style){8, is_ref, WD_ALIGN_RIGHT, 1}, tc, cx0, mid - 5.5,
                 num_w);
            segment(cr, sx0, mid, sx1, mid, 0.4, wd_colour_grid);
            double px = sx0 + (v - lo[c]) / (hi[c] - lo[c]) * (sx1 - sx0);
            if (isfinite(d->col_ref[c]) && !is_ref) {
                double rx = sx0 + (d->col_ref[c] - lo[c]) / (hi[c] - lo[c]) * (sx1 - sx0);
                segment(cr, rx, cy, rx, cy + row_h, 1.0, wd_colour_text);
            }
            if (is_ref) {
                ref_marker(cr, px, mid - 5, px, mid + 5);
            } else if (small) {
                cairo_new_path(cr);
                cairo_arc(cr, px, mid, 3, 0, 2 * M_PI);
                cairo_set_line_width(cr, 1.2);
                wd_rgb_set(cr, wd_colour_bar);
                cairo_stroke(cr);
            } else {
                draw_marker(cr, WD_MARKER_CIRCLE, px, mid, 3.4, wd_colour_bar);
            }
        }
        cy += row_h;
        segment(cr, x, cy, x + w, cy, 0.3, wd_colour_grid);
        shown += !is_ref;
    }
    if (shown < nr) {
        snprintf(buf, sizeof buf, "(nog %d niet getoond: te weinig ruimte op de pagina)",
                 nr - shown);
        cy += text(cr, buf, &st_small, wd_colour_muted, x, cy + 2, w) + 2;
    }
    cy += 3;
    cy += text(cr,
               "Open stip: minder inwoners dan het minimum, alleen indicatief. "
               "Zwarte lijn: de waarde van het geheel. \xe2\x80\x93 = geen gegevens.",
               &(wd_text_style){8, 0, WD_ALIGN_LEFT, 2}, wd_colour_muted, x, cy, w);
    cairo_restore(cr);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) return WD_ERR;
    return (int)ceil(cy - y);
}

/* Marker of a funnel point by where it lies: 0 inside the 95% limits, 1 beyond them, 2 beyond
 * the 99.8% limits. */
static void funnel_marker(cairo_t *cr, int zone, double px, double py, double r)
{
    cairo_new_path(cr);
    if (zone == 2) {
        cairo_move_to(cr, px, py - r * 1.3);
        cairo_line_to(cr, px + r * 1.3, py);
        cairo_line_to(cr, px, py + r * 1.3);
        cairo_line_to(cr, px - r * 1.3, py);
        cairo_close_path(cr);
        wd_rgb_set(cr, wd_colour_text);
        cairo_fill(cr);
    } else if (zone == 1) {
        draw_marker(cr, WD_MARKER_CIRCLE, px, py, r, wd_colour_bar);
    } else {
        cairo_arc(cr, px, py, r * 0.85, 0, 2 * M_PI);
        cairo_set_line_width(cr, 0.9);
        wd_rgb_set(cr, wd_colour_muted);
        cairo_stroke(cr);
    }
}

/* Linear interpolation of the limit curve `lim` at denominator v (flat beyond its ends). */
static double limit_at(const wd_funnel *d, const double *lim, double v)
{
    int n = d->n_limits;
    if (v <= d->lim_denom[0]) return lim[0];
    for (int i = 1; i < n; i++)
        if (v <= d->lim_denom[i]) {
            double t = (v - d->lim_denom[i - 1]) / (d->lim_denom[i] - d->lim_denom[i - 1]);
            return lim[i - 1] + t * (lim[i] - lim[i - 1]);
        }
    return lim[n - 1];
}

int wd_chart_funnel(cairo_t *cr, const wd_funnel *d, double x, double y, double w, double h)
{
    if (!d) return WD_EUSAGE;
    int rc = begin(cr, x, y, w, h);
    if (rc) return rc;
    int n = wd_count(d->n, WD_FUNNEL_MAX);
    int nl = wd_count(d->n_limits, WD_FUNNEL_MAX_LIMITS);
    char buf[200];
    wd_fmt_label(buf, sizeof buf, d->title, d->unit);
    double top = y + text(cr, buf, &st_title, wd_colour_text, x, y, w) + 4;
    /* Legend: the three markers and the two limit lines. */
    const char *names[3] = {"binnen de 95%-grenzen", "buiten 95%", "buiten 99,8%"};
    double lx = x;
    for (int z = 0; z < 3; z++) {
        funnel_marker(cr, z, lx + 4, top + 5.5, 3.4);
        text(cr, names[z], &st_small, wd_colour_text, lx + 11, top, 110);
        lx += 15 + wd_text_width(cr, names[z], &st_small) + 10;
    }
    top += 12;
    top += text(cr,
                "Dikke lijn: referentie; gestreept: 95%-grenzen; doorgetrokken: 99,8%-grenzen. "
                "Hoe kleiner het gebied, hoe wijder de grenzen: toeval weegt daar zwaarder.",
                &(wd_text_style){8, 0, WD_ALIGN_LEFT, 0}, wd_colour_muted, x, top, w) +
           6;
    double bottom = draw_source(cr, d->source, x, y + h, w) - 14;
    double lo = INFINITY, hi = -INFINITY, xmax = 0;
    for (int i = 0; i < n; i++)
        if (isfinite(d->rate[i]) && d->denom[i] > 0) {
            lo = fmin(lo, d->rate[i]);
            hi = fmax(hi, d->rate[i]);
            xmax = fmax(xmax, d->denom[i]);
        }
    if (!isfinite(lo) || nl < 2) {
        empty_plot(cr, x, top, w, bottom - top);
        return end(cr);
    }
    for (int i = 0; i < nl; i++)
        if (d->lim_denom[i] <= xmax) {
            lo = fmin(lo, d->lo998[i]);
            hi = fmax(hi, d->hi998[i]);
        }
    double step;
    nice_axis(&lo, &hi, &step, 5);
    double xstep;
    double x0 = 0, x1 = xmax;
    nice_axis(&x0, &x1, &xstep, 5);
    const char *pct = strcmp(d->unit, "%") == 0 ? "%" : "";
    double axis_w = 36, px0 = x + axis_w + 4, px1 = x + w - 4;
#define FX(v) (px0 + ((v)-x0) / (x1 - x0) * (px1 - px0))
#define FY(v) (bottom - ((v)-lo) / (hi - lo) * (bottom - top))
    for (double t = lo; t <= hi + step / 2; t += step) {
        segment(cr, px0, FY(t), px1, FY(t), 0.4, wd_colour_grid);
        wd_fmt_value(buf, sizeof buf, t, step_decimals(step), pct);
        text(cr, buf, &st_small_r, wd_colour_muted, x, FY(t) - 5.5, axis_w);
    }
    for (double t = x0; t <= x1 + xstep / 2; t += xstep) {
        wd_fmt_number(buf, sizeof buf, t, 0);
        /* A label that would stick out of the box is left out; its gridline says enough. */
        double tw = wd_text_width(cr, buf, &st_small) + 2;
        if (FX(t) - tw / 2 < x || FX(t) + tw / 2 > x + w) continue;
        text(cr, buf, &(wd_text_style){8, 0, WD_ALIGN_CENTER, 1}, wd_colour_muted, FX(t) - tw / 2,
             bottom + 2, tw);
    }
    text(cr, d->x_label, &(wd_text_style){8, 0, WD_ALIGN_RIGHT, 1}, wd_colour_muted, x,
         bottom + 2 + 10, w);
    segment(cr, px0, bottom, px1, bottom, 0.8, wd_colour_muted);
    cairo_save(cr);
    cairo_rectangle(cr, px0, top, px1 - px0, bottom - top);
    cairo_clip(cr);
    segment(cr, px0, FY(d->ref), px1, FY(d->ref), 1.2, wd_colour_text);
    /* Limits: 95% dashed, 99.8% solid, both thin black: lines, not colours. */
    const double *curves[4] = {d->lo95, d->hi95, d->lo998, d->hi998};
    for (int c = 0; c < 4; c++) {
        cairo_new_path(cr);
        for (int i = 0; i < nl; i++)
            if (i == 0)
                cairo_move_to(cr, FX(d->lim_denom[i]), FY(curves[c][i]));
            else
                cairo_line_to(cr, FX(d->lim_denom[i]), FY(curves[c][i]));
        double dash[2] = {4, 2.5};
        cairo_set_dash(cr, dash, c < 2 ? 2 : 0, 0);
        cairo_set_line_width(cr, 0.9);
        wd_rgb_set(cr, wd_colour_text);
        cairo_stroke(cr);
    }
    cairo_set_dash(cr, NULL, 0, 0);
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < n; i++) {
            if (!isfinite(d->rate[i]) || !(d->denom[i] > 0) || (i == d->highlight) != pass)
                continue;
            double v = d->rate[i], dn = d->denom[i];
            int zone = v < limit_at(d, d->lo998, dn) || v > limit_at(d, d->hi998, dn) ? 2
                       : v < limit_at(d, d->lo95, dn) || v > limit_at(d, d->hi95, dn) ? 1
                                                                                      : 0;
            funnel_marker(cr, zone, FX(dn), FY(v), pass ? 5 : 3);
            if (pass) {
                const wd_text_style hs = {8, 1, WD_ALIGN_LEFT, 1};
                double tx = FX(dn) + 8, tw = wd_text_width(cr, d->highlight_name, &hs) + 2;
                if (tx + tw > px1) tx = FX(dn) - 8 - tw;
                cairo_rectangle(cr, tx - 1, FY(v) - 6, tw + 2, 12);
                cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
                cairo_fill(cr);
                text(cr, d->highlight_name, &hs, wd_colour_text, tx, FY(v) - 5.5, tw + 4);
            }
        }
    cairo_restore(cr);
#undef FX
#undef FY
    return end(cr);
}

int wd_chart_ranking(cairo_t *cr, const wd_rank_chart *d, double x, double y, double w, double h)
{
    if (!d || d->n_ranked < 1) return WD_EUSAGE;
    int rc = begin(cr, x, y, w, h);
    if (rc) return rc;
    int n = wd_count(d->n, WD_RANK_MAX);
    char buf[200];
    double cy = y + text(cr, d->title, &st_title, wd_colour_text, x, y, w) + 4;
    double name_w = fmin(170, w * 0.36), tier_w = 56, num_w = 70;
    double sx0 = x + name_w + 8, sx1 = x + w - tier_w - num_w - 8;
    const double N = d->n_ranked;
#define RX(r) (N > 1 ? sx0 + ((r)-1) / (N - 1) * (sx1 - sx0) : (sx0 + sx1) / 2)
    const wd_text_style hs = {8, 1, WD_ALIGN_LEFT, 1};
    snprintf(buf, sizeof buf, "rang 1 \xe2\x86\x92 %d", d->n_ranked);
    text(cr, buf, &(wd_text_style){8, 1, WD_ALIGN_CENTER, 1}, wd_colour_muted, sx0, cy, sx1 - sx0);
    text(cr, "Mediaan (90%)", &(wd_text_style){8, 1, WD_ALIGN_RIGHT, 1}, wd_colour_muted, sx1 + 4,
         cy, num_w);
    text(cr, "Groep", &hs, wd_colour_muted, x + w - tier_w, cy, tier_w);
    cy += 13;
    segment(cr, x, cy, x + w, cy, 0.8, wd_colour_text);
    double bottom = y + h - (d->source[0] ? 14 : 0);
    const wd_text_style ns = {8.5, 0, WD_ALIGN_LEFT, 2};
    int shown = 0;
    for (int i = 0; i < n; i++) {
        double nh = wd_text_height(cr, d->name[i], &ns, name_w), row_h = fmax(16, nh + 4);
        if (cy + row_h > bottom - 12) break;
        double mid = cy + row_h / 2;
        text(cr, d->name[i], &ns, wd_colour_text, x + 2, mid - nh / 2, name_w);
        segment(cr, sx0, mid, sx1, mid, 0.4, wd_colour_grid);
        if (isfinite(d->lo[i]) && isfinite(d->hi[i])) {
            double a = RX(fmax(1, d->lo[i])), b = RX(fmin(N, d->hi[i]));
            cairo_rectangle(cr, a - 1, mid - 3, b - a + 2, 6);
            wd_rgb_set(cr, wd_map_colours[1]);
            cairo_fill(cr);
        }
        if (isfinite(d->median[i])) {
            draw_marker(cr, WD_MARKER_CIRCLE, RX(fmax(1, fmin(N, d->median[i]))), mid, 3.6,
                        wd_colour_bar);
            char m[32], a[32], b[32];
            wd_fmt_number(m, sizeof m, d->median[i], 0);
            wd_fmt_number(a, sizeof a, d->lo[i], 0);
            wd_fmt_number(b, sizeof b, d->hi[i], 0);
            snprintf(buf, sizeof buf, "%s (%s\xe2\x80\x93%s)", m, a, b);
        } else {
            snprintf(buf, sizeof buf, "%s", WD_TEXT_MISSING);
        }
        text(cr, buf, &(wd_text_style){8.5, 0, WD_ALIGN_RIGHT, 1}, wd_colour_text, sx1 + 4, mid - 6,
             num_w);
        text(cr, d->tier[i], &(wd_text_style){8.5, 1, WD_ALIGN_LEFT, 1}, wd_colour_text,
             x + w - tier_w, mid - 6, tier_w);
        cy += row_h;
        segment(cr, x, cy, x + w, cy, 0.3, wd_colour_grid);
        shown++;
    }
#undef RX
    if (shown < n) {
        snprintf(buf, sizeof buf, "(nog %d niet getoond: te weinig ruimte)", n - shown);
        cy += text(cr, buf, &st_small, wd_colour_muted, x, cy + 2, w) + 2;
    }
    if (d->source[0]) cy += text(cr, d->source, &st_source, wd_colour_muted, x, cy + 3, w) + 3;
    cairo_restore(cr);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) return WD_ERR;
    return (int)ceil(cy - y);
}
