/* Implementation of wd_chart.h. Each chart saves the cairo state, clips to its box, lays out
 * title, legend and source from the top and the bottom of the box, and gives what is left to
 * the plot area; it restores the state before returning. */
#include "plots/wd_chart.h"

#include "plots/wd_text.h"

#include <math.h>
#include <stdio.h>
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

static void hline(cairo_t *cr, double x0, double x1, double y, double width, wd_rgb c)
{
    cairo_new_path(cr);
    cairo_move_to(cr, x0, y);
    cairo_line_to(cr, x1, y);
    cairo_set_line_width(cr, width);
    wd_rgb_set(cr, c);
    cairo_stroke(cr);
}

static void vline(cairo_t *cr, double x, double y0, double y1, double width, wd_rgb c)
{
    cairo_new_path(cr);
    cairo_move_to(cr, x, y0);
    cairo_line_to(cr, x, y1);
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

static void title_with_unit(char *out, size_t cap, const char *title, const char *unit)
{
    if (unit && *unit)
        snprintf(out, cap, "%s (%s)", title, unit);
    else
        snprintf(out, cap, "%s", title);
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
        hline(cr, x, x + 12, y + used + 5.5, 2.4, wd_colour_ref);
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
    int n = d->n < 0 ? 0 : d->n > WD_PROFILE_MAX_BARS ? WD_PROFILE_MAX_BARS : d->n;
    char buf[160];
    title_with_unit(buf, sizeof buf, d->title, d->unit);
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
            hline(cr, px0, px1, ty, t == 0 ? 0.9 : 0.4, t == 0 ? wd_colour_muted : wd_colour_grid);
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
                wd_fmt_number(buf, sizeof buf, v, 1);
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
            vline(cr, tx, py0, py1, t == 0 ? 0.9 : 0.4, t == 0 ? wd_colour_muted : wd_colour_grid);
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
                wd_fmt_number(buf, sizeof buf, v, 1);
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
    int ny = d->n_years < 0                      ? 0
             : d->n_years > WD_PROFILE_MAX_YEARS ? WD_PROFILE_MAX_YEARS
                                                 : d->n_years;
    int nl = d->n_lines < 0                      ? 0
             : d->n_lines > WD_PROFILE_MAX_LINES ? WD_PROFILE_MAX_LINES
                                                 : d->n_lines;
    char buf[200];
    title_with_unit(buf, sizeof buf, d->title, d->unit);
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
        hline(cr, px0 - 4, px1 + 4, ty, 0.4, wd_colour_grid);
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
        vline(cr, tx, py1, py1 + 3, 0.6, wd_colour_muted);
        snprintf(buf, sizeof buf, "%d", d->years[i]);
        text(cr, buf, &(wd_text_style){8, 0, WD_ALIGN_CENTER, 1}, wd_colour_muted, tx - 20, py1 + 3,
             40);
    }
    hline(cr, px0 - 4, px1 + 4, py1, 0.8, wd_colour_muted);
    if (has_break) {
        int b = d->break_before;
        double bx = (XPOS(d->years[b - 1]) + XPOS(d->years[b])) / 2;
        cairo_save(cr);
        double dash[2] = {3, 2};
        cairo_set_dash(cr, dash, 2, 0);
        vline(cr, bx, py0 - break_h + 2, py1, 1.2, wd_colour_text);
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
    hline(cr, cx - 22, cx + 22, y + h - 21, 2, wd_colour_muted);
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
        hline(cr, ex - pw / 2 - 2, ex + pw / 2 + 2, pan_y, 2.2, wd_colour_text);
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
    vline(cr, ref_x, rows_top - 3, rows_bottom + 3, 1.2, wd_colour_text);
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
    if (n > WD_PROFILE_MAX_COMPONENTS) n = WD_PROFILE_MAX_COMPONENTS;
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
    hline(cr, x, x + w, cy, 0.6, wd_colour_grid);
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
    vline(cr, sx0 + (sx1 - sx0) / 2, rows_top, rows_top + rows_h, 1, wd_colour_text);
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
        hline(cr, sx0, sx1, mid, 0.5, wd_colour_grid);
        if (isfinite(c[i].score)) {
            double z = fmax(-zmax, fmin(zmax, c[i].score));
            double zx = sx0 + (z + zmax) / (2 * zmax) * (sx1 - sx0);
            double zx0 = sx0 + (sx1 - sx0) / 2;
            cairo_rectangle(cr, fmin(zx, zx0), mid - 1.5, fabs(zx - zx0), 3);
            wd_rgb_set(cr, colour);
            cairo_fill(cr);
            if (fabs(c[i].score) > zmax) {
                /* Off the scale: an arrow head pointing on, the number says how far. */
                double dir = c[i].score > 0 ? 1 : -1;
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
        hline(cr, x, x + w, cy, 0.3, wd_colour_grid);
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
