/* Implementation of wd_chart_lines.h. */
#include "plots/wd_chart_lines.h"

#include "plots/wd_chart_int.h"
#include "plots/wd_chart_map.h"
#include "plots/wd_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A legend sample of line style `ls`: a short stretch of the line with its marker. */
static void line_sample(cairo_t *cr, const wd_line_style *ls, double x, double y, double len)
{
    cairo_save(cr);
    wd_chart__set_line_style(cr, ls);
    cairo_new_path(cr);
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, x + len, y);
    cairo_stroke(cr);
    cairo_restore(cr);
    wd_chart__draw_marker(cr, ls->marker, x + len / 2, y, 3.2, ls->colour);
}

int wd_chart_trend(cairo_t *cr, const wd_trend_chart *d, double x, double y, double w, double h)
{
    if (!d) return WD_EUSAGE;
    int rc = wd_chart__begin(cr, x, y, w, h);
    if (rc) return rc;
    int ny = wd_count(d->n_years, WD_CHART_MAX_YEARS);
    int nl = wd_count(d->n_lines, WD_CHART_MAX_LINES);
    char buf[200];
    wd_text_fmt_label(buf, sizeof buf, d->title, d->unit);
    double top = y + wd_chart__text(cr, buf, &st_title, wd_colour_text, x, y, w) + 4;
    for (int l = 0; l < nl; l++) {
        line_sample(cr, &wd_chart_lines[l], x + 1, top + 5.5, 22);
        wd_chart__text(cr, d->line_names[l], &st_small, wd_colour_text, x + 28, top, w - 28);
        top += 11;
    }
    top += 6;
    double bottom = wd_chart__draw_source(cr, d->source, x, y + h, w);

    double lo = INFINITY, hi = -INFINITY;
    for (int l = 0; l < nl; l++)
        for (int i = 0; i < ny; i++)
            if (isfinite(d->values[l][i])) {
                lo = fmin(lo, d->values[l][i]);
                hi = fmax(hi, d->values[l][i]);
            }
    if (ny == 0 || !isfinite(lo)) {
        wd_chart__empty_plot(cr, x, top, w, bottom - top);
        return wd_chart__end(cr);
    }
    /* Lines show change: the axis need not start at zero, but a flat series must not be
     * blown up into a steep one, so the range is at least a tenth of the level. */
    double min_span = fmax(fabs(hi) * 0.1, 1e-9);
    if (hi - lo < min_span) {
        double mid = (hi + lo) / 2;
        lo = mid - min_span / 2;
        hi = mid + min_span / 2;
    }
    double step = wd_chart__nice_step(lo, hi, 4);
    lo = floor(lo / step) * step;
    hi = ceil(hi / step) * step;
    if (hi <= lo) hi = lo + step;
    int dec = wd_chart__step_decimals(step);
    const char *pct = strcmp(d->unit, "%") == 0 ? "%" : "";

    double axis_w = 32, break_h = 12;
    double px0 = x + axis_w + 6, px1 = x + w - 10;
    int has_break = d->break_before > 0 && d->break_before < ny;
    double py0 = top + (has_break ? break_h : 2), py1 = bottom - 14;
    if (py1 - py0 < 20) return wd_chart__end(cr);
    for (double t = lo; t <= hi + step / 2; t += step) {
        double ty = py1 - (t - lo) / (hi - lo) * (py1 - py0);
        wd_chart__segment(cr, px0 - 4, ty, px1 + 4, ty, 0.4, wd_colour_grid);
        wd_text_fmt_value(buf, sizeof buf, t, dec, pct);
        wd_chart__text(cr, buf, &st_small_r, wd_colour_muted, x, ty - 5.5, axis_w);
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
        wd_chart__segment(cr, tx, py1, tx, py1 + 3, 0.6, wd_colour_muted);
        snprintf(buf, sizeof buf, "%d", d->years[i]);
        wd_chart__text(cr, buf, &(wd_text_style){8, 0, WD_ALIGN_CENTER, 1}, wd_colour_muted,
                       tx - 20, py1 + 3, 40);
    }
    wd_chart__segment(cr, px0 - 4, py1, px1 + 4, py1, 0.8, wd_colour_muted);
    if (has_break) {
        int b = d->break_before;
        double bx = (XPOS(d->years[b - 1]) + XPOS(d->years[b])) / 2;
        cairo_save(cr);
        double dash[2] = {3, 2};
        cairo_set_dash(cr, dash, 2, 0);
        wd_chart__segment(cr, bx, py0 - break_h + 2, bx, py1, 1.2, wd_colour_text);
        cairo_restore(cr);
        const char *lbl = "gewijzigde grens";
        double tw = wd_text_width(cr, lbl, &st_small);
        double tx = bx + 3;
        if (tx + tw > x + w) tx = bx - 3 - tw;
        wd_chart__text(cr, lbl, &st_small, wd_colour_text, tx, py0 - break_h, tw + 2);
    }
    /* Lines from the back (gemeente) to the front (region). */
    for (int l = nl - 1; l >= 0; l--) {
        const wd_line_style *ls = &wd_chart_lines[l];
        cairo_save(cr);
        wd_chart__set_line_style(cr, ls);
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
        double mx[WD_CHART_MAX_YEARS], my[WD_CHART_MAX_YEARS];
        int nm = 0;
        for (int i = 0; i < ny; i++)
            if (isfinite(d->values[l][i])) {
                mx[nm] = XPOS(d->years[i]);
                my[nm++] = py1 - (d->values[l][i] - lo) / (hi - lo) * (py1 - py0);
            }
        wd_chart__draw_markers(cr, ls->marker, mx, my, nm, 3.0, ls->colour);
    }
#undef XPOS
    return wd_chart__end(cr);
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

int wd_chart_small(cairo_t *cr, const wd_small_chart *d, double x, double y, double w, double h)
{
    if (!d) return WD_EUSAGE;
    int rc = wd_chart__begin(cr, x, y, w, h);
    if (rc) return rc;
    int ny = wd_count(d->n_years, WD_CHART_MAX_YEARS);
    char buf[200];
    wd_text_fmt_label(buf, sizeof buf, d->title, d->unit);
    double top =
        y +
        wd_chart__text(cr, buf, &(wd_text_style){9, 1, WD_ALIGN_LEFT, 2}, wd_colour_text, x, y, w) +
        1;
    char dir[80];
    snprintf(dir, sizeof dir, "trend: %s",
             d->has_fit && d->trend_words[0] ? d->trend_words : "te weinig jaren");
    top += wd_chart__text(cr, dir, &st_small, wd_colour_muted, x, top, w) + 4;
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
        wd_chart__empty_plot(cr, x, top, w, bottom - top);
        return wd_chart__end(cr);
    }
    int y0 = d->years[0], y1 = d->years[ny - 1];
    double span = y1 > y0 ? y1 - y0 : 1;
    double axis_w = 34, px0 = x + axis_w + 4, px1 = x + w - 6;
    double step;
    wd_chart__nice_axis(&lo, &hi, &step, 3);
    int dec = wd_chart__step_decimals(step);
    const char *pct = strcmp(d->unit, "%") == 0 ? "%" : "";
#define XP(yr) (y1 > y0 ? px0 + ((yr)-y0) / span * (px1 - px0) : (px0 + px1) / 2)
#define YP(v) (bottom - ((v)-lo) / (hi - lo) * (bottom - top))
    for (double t = lo; t <= hi + step / 2; t += step) {
        wd_chart__segment(cr, px0 - 3, YP(t), px1, YP(t), 0.4, wd_colour_grid);
        wd_text_fmt_value(buf, sizeof buf, t, dec, pct);
        wd_chart__text(cr, buf, &st_small_r, wd_colour_muted, x, YP(t) - 5.5, axis_w);
    }
    wd_chart__segment(cr, px0 - 3, bottom, px1, bottom, 0.8, wd_colour_muted);
    for (int i = 0; i<ny; i += ny - 1> 0 ? ny - 1 : 1) {
        snprintf(buf, sizeof buf, "%d", d->years[i]);
        wd_chart__text(cr, buf, &(wd_text_style){8, 0, i == 0 ? WD_ALIGN_LEFT : WD_ALIGN_RIGHT, 1},
                       wd_colour_muted, i == 0 ? XP(d->years[i]) - 4 : XP(d->years[i]) - 36,
                       bottom + 1, 40);
    }
    int has_break = d->break_before > 0 && d->break_before < ny;
    if (has_break) {
        double bx = (XP(d->years[d->break_before - 1]) + XP(d->years[d->break_before])) / 2;
        cairo_save(cr);
        double dash[2] = {3, 2};
        cairo_set_dash(cr, dash, 2, 0);
        wd_chart__segment(cr, bx, top, bx, bottom, 1.2, wd_colour_text);
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
        wd_rgb_set(cr, wd_chart_map_colours[1]);
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
        wd_chart__set_line_style(cr, &wd_chart_lines[l == 0 ? 0 : 2]);
        cairo_set_line_width(cr, l == 0 ? 1.2 : 1.0);
        cairo_stroke(cr);
        cairo_restore(cr);
    }
    double mx[WD_CHART_MAX_YEARS], my[WD_CHART_MAX_YEARS];
    int nm = 0;
    for (int i = 0; i < ny; i++)
        if (isfinite(d->values[i])) {
            mx[nm] = XP(d->years[i]);
            my[nm++] = YP(d->values[i]);
        }
    wd_chart__draw_markers(cr, WD_MARKER_CIRCLE, mx, my, nm, 2.4, wd_colour_bar);
#undef XP
#undef YP
    return wd_chart__end(cr);
}
