/* Implementation of wd_chart_bars.h. */
#include "plots/wd_chart_bars.h"

#include "plots/wd_chart_int.h"
#include "plots/wd_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
static double bars_legend(cairo_t *cr, const wd_bars_chart *d, int has_ref, double x, double y,
                          double w)
{
    double lh = 11, used = 0;
    if (d->value_name[0]) {
        cairo_rectangle(cr, x, y + 2, 12, 7);
        wd_rgb_set(cr, wd_colour_bar);
        cairo_fill(cr);
        wd_chart__text(cr, d->value_name, &st_small, wd_colour_text, x + 17, y, w - 17);
        used += lh;
    }
    if (has_ref && d->ref_name[0]) {
        wd_chart__segment(cr, x, y + used + 5.5, x + 12, y + used + 5.5, 2.4, wd_colour_ref);
        wd_chart__text(cr, d->ref_name, &st_small, wd_colour_text, x + 17, y + used, w - 17);
        used += lh;
    }
    return used;
}

int wd_chart_bars(cairo_t *cr, const wd_bars_chart *d, wd_bars_orientation orientation, double x,
                  double y, double w, double h)
{
    if (!d) return WD_EUSAGE;
    int rc = wd_chart__begin(cr, x, y, w, h);
    if (rc) return rc;
    int n = wd_count(d->n, WD_CHART_MAX_BARS);
    char buf[160];
    wd_text_fmt_label(buf, sizeof buf, d->title, d->unit);
    double top = y + wd_chart__text(cr, buf, &st_title, wd_colour_text, x, y, w) + 4;
    int has_ref = 0;
    for (int i = 0; i < n; i++)
        has_ref |= isfinite(d->refs[i]);
    top += bars_legend(cr, d, has_ref, x, top, w) + 6;
    double bottom = wd_chart__draw_source(cr, d->source, x, y + h, w);

    double lo, hi;
    if (n == 0 || !bar_range(d->values, d->refs, n, &lo, &hi)) {
        wd_chart__empty_plot(cr, x, top, w, bottom - top);
        return wd_chart__end(cr);
    }
    double step = wd_chart__nice_step(lo, hi, 4);
    hi = ceil(hi / step) * step;
    lo = floor(lo / step) * step;
    if (hi <= lo) hi = lo + step;
    int dec = wd_chart__step_decimals(step);
    const char *pct = strcmp(d->unit, "%") == 0 ? "%" : "";

    if (orientation == WD_BARS_VERTICAL) {
        double axis_w = 30, label_h = 22, value_h = 16;
        double px0 = x + axis_w, px1 = x + w - 2;
        double py0 = top + value_h, py1 = bottom - label_h;
        if (py1 - py0 < 20) return wd_chart__end(cr);
        for (double t = lo; t <= hi + step / 2; t += step) {
            double ty = py1 - (t - lo) / (hi - lo) * (py1 - py0);
            wd_chart__segment(cr, px0, ty, px1, ty, t == 0 ? 0.9 : 0.4,
                              t == 0 ? wd_colour_muted : wd_colour_grid);
            wd_text_fmt_value(buf, sizeof buf, t, dec, pct);
            wd_chart__text(cr, buf, &st_small_r, wd_colour_muted, x, ty - 5.5, axis_w - 4);
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
                wd_text_fmt_number(buf, sizeof buf, v, d->decimals);
                double ty = fmin(vy, zero_y) - 11;
                if (isfinite(d->refs[i])) {
                    /* The label must not sit on the reference marker: above it if they
                     * would touch. */
                    double ry = py1 - (d->refs[i] - lo) / (hi - lo) * (py1 - py0);
                    if (ry > ty - 3 && ry < ty + 13) ty = ry - 14;
                }
                wd_chart__text(cr, buf, &(wd_text_style){8, 1, WD_ALIGN_CENTER, 1}, wd_colour_text,
                               cx - slot / 2, ty, slot);
            } else {
                wd_chart__text(cr, WD_TEXT_MISSING, &st_small_c, wd_colour_muted, cx - slot / 2 + 1,
                               zero_y - 24, slot - 2);
            }
            if (isfinite(d->refs[i])) {
                double ry = py1 - (d->refs[i] - lo) / (hi - lo) * (py1 - py0);
                wd_chart__ref_marker(cr, cx - bw / 2 - 4, ry, cx + bw / 2 + 4, ry);
            }
            wd_chart__text(cr, d->labels[i], &st_small_c, wd_colour_text, cx - slot / 2, py1 + 3,
                           slot);
        }
    } else {
        double label_w = fmin(w * 0.32, 110), value_w = 44;
        double px0 = x + label_w + 4, px1 = x + w - value_w;
        double py0 = top, py1 = bottom - 14;
        if (py1 - py0 < 20 || px1 - px0 < 30) return wd_chart__end(cr);
        for (double t = lo; t <= hi + step / 2; t += step) {
            double tx = px0 + (t - lo) / (hi - lo) * (px1 - px0);
            wd_chart__segment(cr, tx, py0, tx, py1, t == 0 ? 0.9 : 0.4,
                              t == 0 ? wd_colour_muted : wd_colour_grid);
            wd_text_fmt_value(buf, sizeof buf, t, dec, pct);
            wd_chart__text(cr, buf, &(wd_text_style){8, 0, WD_ALIGN_CENTER, 1}, wd_colour_muted,
                           tx - 20, py1 + 2, 40);
        }
        double slot = (py1 - py0) / n, bh = fmin(slot * 0.6, 16);
        double zero_x = px0 + (0 - lo) / (hi - lo) * (px1 - px0);
        for (int i = 0; i < n; i++) {
            double cy = py0 + slot * (i + 0.5);
            double v = d->values[i];
            wd_chart__text(cr, d->labels[i], &(wd_text_style){8, 0, WD_ALIGN_RIGHT, 2},
                           wd_colour_text, x, cy - 5.5, label_w - 2);
            if (isfinite(v)) {
                double vx = px0 + (v - lo) / (hi - lo) * (px1 - px0);
                cairo_rectangle(cr, fmin(vx, zero_x), cy - bh / 2, fabs(vx - zero_x), bh);
                wd_rgb_set(cr, wd_colour_bar);
                cairo_fill(cr);
                double end_x = fmax(vx, zero_x);
                if (isfinite(d->refs[i]))
                    end_x = fmax(end_x, px0 + (d->refs[i] - lo) / (hi - lo) * (px1 - px0));
                wd_text_fmt_number(buf, sizeof buf, v, d->decimals);
                wd_chart__text(cr, buf, &(wd_text_style){8, 1, WD_ALIGN_LEFT, 1}, wd_colour_text,
                               end_x + 6, cy - 5.5, x + w - end_x - 6);
            } else {
                wd_chart__text(cr, WD_TEXT_MISSING, &st_small, wd_colour_muted, zero_x + 4,
                               cy - 5.5, x + w - zero_x - 4);
            }
            if (isfinite(d->refs[i])) {
                double rx = px0 + (d->refs[i] - lo) / (hi - lo) * (px1 - px0);
                wd_chart__ref_marker(cr, rx, cy - bh / 2 - 4, rx, cy + bh / 2 + 4);
            }
        }
    }
    return wd_chart__end(cr);
}
