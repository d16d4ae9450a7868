/* Implementation of wd_chart_dots.h. */
#include "plots/wd_chart_dots.h"

#include "plots/wd_chart_int.h"
#include "plots/wd_chart_map.h"
#include "plots/wd_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int wd_chart_estimates(cairo_t *cr, const wd_estimates_chart *d, double x, double y, double w,
                       double h)
{
    if (!d) return WD_EUSAGE;
    int rc = wd_chart__begin(cr, x, y, w, h);
    if (rc) return rc;
    int n = wd_count(d->n, WD_CHART_MAX_ESTIMATES);
    char buf[200], a[48], b[48], c[48];
    /* Legend. */
    double ly = y + 2;
    wd_chart__draw_marker(cr, WD_MARKER_CIRCLE, x + 6, ly + 5.5, 3.6, wd_colour_bar);
    double lx = x + 14;
    const char *l1 = "modelschatting", *l2 = "95%-interval", *l3 = d->ref_name;
    wd_chart__text(cr, l1, &st_small, wd_colour_text, lx, ly, 120);
    lx += wd_text_width(cr, l1, &st_small) + 16;
    wd_chart__segment(cr, lx, ly + 5.5, lx + 18, ly + 5.5, 1.4, wd_colour_text);
    wd_chart__segment(cr, lx, ly + 2, lx, ly + 9, 1.4, wd_colour_text);
    wd_chart__segment(cr, lx + 18, ly + 2, lx + 18, ly + 9, 1.4, wd_colour_text);
    wd_chart__text(cr, l2, &st_small, wd_colour_text, lx + 23, ly, 100);
    lx += 23 + wd_text_width(cr, l2, &st_small) + 16;
    if (l3[0] && lx + 30 < x + w) {
        wd_chart__ref_marker(cr, lx + 4, ly, lx + 4, ly + 11);
        wd_chart__text(cr, l3, &st_small, wd_colour_text, lx + 12, ly, x + w - lx - 12);
    }
    double top = ly + 20, bottom = wd_chart__draw_source(cr, d->source, x, y + h, w) - 16;
    double lo = 0, hi = 0;
    int any = 0;
    for (int i = 0; i < n; i++) {
        const wd_estimate *e = &d->rows[i];
        const double vs[4] = {e->value, e->lo, e->hi, e->ref};
        for (int k = 0; k < 4; k++)
            if (isfinite(vs[k])) {
                lo = fmin(lo, vs[k]);
                hi = fmax(hi, vs[k]);
                any = 1;
            }
    }
    if (n == 0 || !any) {
        wd_chart__empty_plot(cr, x, top, w, bottom - top);
        return wd_chart__end(cr);
    }
    double step;
    wd_chart__nice_axis(&lo, &hi, &step, 5);
    double label_w = w * 0.36, value_w = 104;
    double px0 = x + label_w + 8, px1 = x + w - value_w - 8;
    double row_h = fmin(40, (bottom - top) / n);
#define PX(v) (px0 + ((v)-lo) / (hi - lo) * (px1 - px0))
    for (double t = lo; t <= hi + step / 2; t += step) {
        wd_chart__segment(cr, PX(t), top, PX(t), top + row_h * n, 0.4, wd_colour_grid);
        wd_text_fmt_value(buf, sizeof buf, t, wd_chart__step_decimals(step), "%");
        wd_chart__text(cr, buf, &(wd_text_style){8, 0, WD_ALIGN_CENTER, 1}, wd_colour_muted,
                       PX(t) - 20, top + row_h * n + 3, 40);
    }
    const wd_text_style lab = {9, 0, WD_ALIGN_LEFT, 2}, sub = {8, 0, WD_ALIGN_LEFT, 1};
    for (int i = 0; i < n; i++) {
        const wd_estimate *e = &d->rows[i];
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
        wd_chart__text(cr, e->label, &lab, wd_colour_text, x + 2, ty, label_w);
        wd_chart__text(cr, buf, &sub, wd_colour_muted, x + 2, ty + lh, label_w);
        if (isfinite(e->lo) && isfinite(e->hi)) {
            wd_chart__segment(cr, PX(e->lo), mid, PX(e->hi), mid, 1.4, wd_colour_text);
            wd_chart__segment(cr, PX(e->lo), mid - 4, PX(e->lo), mid + 4, 1.4, wd_colour_text);
            wd_chart__segment(cr, PX(e->hi), mid - 4, PX(e->hi), mid + 4, 1.4, wd_colour_text);
        }
        if (isfinite(e->ref)) wd_chart__ref_marker(cr, PX(e->ref), mid - 8, PX(e->ref), mid + 8);
        if (isfinite(e->value)) {
            wd_chart__draw_marker(cr, WD_MARKER_CIRCLE, PX(e->value), mid, 4.2, wd_colour_bar);
            wd_text_fmt_value(a, sizeof a, e->value, e->decimals, "%");
            if (isfinite(e->lo) && isfinite(e->hi)) {
                wd_text_fmt_number(b, sizeof b, e->lo, e->decimals);
                wd_text_fmt_value(c, sizeof c, e->hi, e->decimals, "%");
                snprintf(buf, sizeof buf, "%s (%s\xe2\x80\x93%s)", a, b, c);
            } else {
                snprintf(buf, sizeof buf, "%s (interval onbekend)", a);
            }
            wd_chart__text(cr, buf, &(wd_text_style){9, 1, WD_ALIGN_LEFT, 2}, wd_colour_text,
                           px1 + 10, mid - 6, value_w);
        } else {
            const char *why = e->why[0] ? e->why : WD_TEXT_MISSING;
            const wd_text_style ws = {8, 0, WD_ALIGN_LEFT, 3};
            wd_chart__text(cr, why, &ws, wd_colour_muted, px1 + 10,
                           mid - wd_text_height(cr, why, &ws, value_w) / 2, value_w);
        }
    }
#undef PX
    return wd_chart__end(cr);
}

int wd_chart_dot_table(cairo_t *cr, const wd_dot_table_chart *d, double x, double y, double w,
                       double h)
{
    if (!d) return WD_EUSAGE;
    int rc = wd_chart__begin(cr, x, y, w, h);
    if (rc) return rc;
    int nr = wd_count(d->n_rows, WD_CHART_MAX_ROWS);
    int nc = wd_count(d->n_cols, WD_CHART_MAX_COLS);
    char buf[200];
    double name_w = fmin(130, w * 0.25), pop_w = 54;
    double col_w = nc ? (w - name_w - pop_w) / nc : 0;
    const wd_text_style hs = {8, 1, WD_ALIGN_LEFT, 4};
    double head_h = 0;
    for (int c = 0; c < nc; c++) {
        wd_text_fmt_label(buf, sizeof buf, d->col_label[c], d->col_unit[c]);
        head_h = fmax(head_h, wd_text_height(cr, buf, &hs, col_w - 8));
    }
    double cy = y;
    wd_chart__text(cr, d->part_name, &hs, wd_colour_text, x, cy + head_h - 11, name_w);
    wd_chart__text(cr, "Inwoners", &(wd_text_style){8, 1, WD_ALIGN_RIGHT, 1}, wd_colour_text,
                   x + name_w, cy + head_h - 11, pop_w - 6);
    for (int c = 0; c < nc; c++) {
        wd_text_fmt_label(buf, sizeof buf, d->col_label[c], d->col_unit[c]);
        wd_chart__text(cr, buf, &hs, wd_colour_text, x + name_w + pop_w + c * col_w + 6, cy,
                       col_w - 8);
    }
    cy += head_h + 3;
    wd_chart__segment(cr, x, cy, x + w, cy, 1, wd_colour_text);
    /* Per column: a common scale over the parts and the whole. */
    double lo[WD_CHART_MAX_COLS], hi[WD_CHART_MAX_COLS];
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
    int shown = 0, unknown = 0;
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
        wd_chart__text(cr, name, &nst, tc, x + 2, mid - name_h / 2, name_w - 6);
        if (!is_ref) {
            /* A population not known is no small one: it says so. */
            if (isfinite(d->row_pop[r]))
                wd_text_fmt_number(buf, sizeof buf, d->row_pop[r], 0);
            else
                snprintf(buf, sizeof buf, "onbekend");
            unknown |= !isfinite(d->row_pop[r]);
            wd_chart__text(cr, buf, &(wd_text_style){8, 0, WD_ALIGN_RIGHT, 1}, tc, x + name_w,
                           mid - 5.5, pop_w - 6);
        }
        for (int c = 0; c < nc; c++) {
            double cx0 = x + name_w + pop_w + c * col_w;
            double sx0 = cx0 + num_w + 8, sx1 = cx0 + col_w - 8;
            double v = is_ref ? d->col_ref[c] : d->value[r][c];
            if (!isfinite(v)) {
                wd_chart__text(cr, "\xe2\x80\x93", &(wd_text_style){8, 0, WD_ALIGN_RIGHT, 1},
                               wd_colour_muted, cx0, mid - 5.5, num_w);
                continue;
            }
            wd_text_fmt_value(buf, sizeof buf, v, d->col_decimals[c],
                              strcmp(d->col_unit[c], "%") == 0 ? "%" : "");
            wd_chart__text(cr, buf, &(wd_text_style){8, is_ref, WD_ALIGN_RIGHT, 1}, tc, cx0,
                           mid - 5.5, num_w);
            wd_chart__segment(cr, sx0, mid, sx1, mid, 0.4, wd_colour_grid);
            double px = sx0 + (v - lo[c]) / (hi[c] - lo[c]) * (sx1 - sx0);
            if (isfinite(d->col_ref[c]) && !is_ref) {
                double rx = sx0 + (d->col_ref[c] - lo[c]) / (hi[c] - lo[c]) * (sx1 - sx0);
                wd_chart__segment(cr, rx, cy, rx, cy + row_h, 1.0, wd_colour_text);
            }
            if (is_ref) {
                wd_chart__ref_marker(cr, px, mid - 5, px, mid + 5);
            } else if (small) {
                cairo_new_path(cr);
                cairo_arc(cr, px, mid, 3, 0, 2 * M_PI);
                cairo_set_line_width(cr, 1.2);
                wd_rgb_set(cr, wd_colour_bar);
                cairo_stroke(cr);
            } else {
                wd_chart__draw_marker(cr, WD_MARKER_CIRCLE, px, mid, 3.4, wd_colour_bar);
            }
        }
        cy += row_h;
        wd_chart__segment(cr, x, cy, x + w, cy, 0.3, wd_colour_grid);
        shown += !is_ref;
    }
    if (shown < nr) {
        snprintf(buf, sizeof buf, "(nog %d niet getoond: te weinig ruimte op de pagina)",
                 nr - shown);
        cy += wd_chart__text(cr, buf, &st_small, wd_colour_muted, x, cy + 2, w) + 2;
    }
    cy += 3;
    cy += wd_chart__text(cr,
                         unknown ? "Open stip: minder inwoners dan het minimum of inwonertal "
                                   "onbekend, alleen indicatief. Zwarte lijn: de waarde van het "
                                   "geheel. \xe2\x80\x93 = geen gegevens."
                                 : "Open stip: minder inwoners dan het minimum, alleen indicatief. "
                                   "Zwarte lijn: de waarde van het geheel. \xe2\x80\x93 = geen "
                                   "gegevens.",
                         &(wd_text_style){8, 0, WD_ALIGN_LEFT, 2}, wd_colour_muted, x, cy, w);
    cairo_restore(cr);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) return WD_ERR;
    return (int)ceil(cy - y);
}

int wd_chart_ranking(cairo_t *cr, const wd_rank_chart *d, double x, double y, double w, double h)
{
    if (!d || d->n_ranked < 1) return WD_EUSAGE;
    int rc = wd_chart__begin(cr, x, y, w, h);
    if (rc) return rc;
    int n = wd_count(d->n, WD_RANK_MAX);
    char buf[200];
    double cy = y + wd_chart__text(cr, d->title, &st_title, wd_colour_text, x, y, w) + 4;
    double name_w = fmin(170, w * 0.36), tier_w = 56, num_w = 70;
    double sx0 = x + name_w + 8, sx1 = x + w - tier_w - num_w - 8;
    const double N = d->n_ranked;
#define RX(r) (N > 1 ? sx0 + ((r)-1) / (N - 1) * (sx1 - sx0) : (sx0 + sx1) / 2)
    const wd_text_style hs = {8, 1, WD_ALIGN_LEFT, 1};
    snprintf(buf, sizeof buf, "rang 1 \xe2\x86\x92 %d", d->n_ranked);
    wd_chart__text(cr, buf, &(wd_text_style){8, 1, WD_ALIGN_CENTER, 1}, wd_colour_muted, sx0, cy,
                   sx1 - sx0);
    wd_chart__text(cr, "Mediaan (90%)", &(wd_text_style){8, 1, WD_ALIGN_RIGHT, 1}, wd_colour_muted,
                   sx1 + 4, cy, num_w);
    wd_chart__text(cr, "Groep", &hs, wd_colour_muted, x + w - tier_w, cy, tier_w);
    cy += 13;
    wd_chart__segment(cr, x, cy, x + w, cy, 0.8, wd_colour_text);
    double bottom = y + h - (d->source[0] ? 14 : 0);
    const wd_text_style ns = {8.5, 0, WD_ALIGN_LEFT, 2};
    int shown = 0;
    for (int i = 0; i < n; i++) {
        double nh = wd_text_height(cr, d->name[i], &ns, name_w), row_h = fmax(16, nh + 4);
        if (cy + row_h > bottom - 12) break;
        double mid = cy + row_h / 2;
        wd_chart__text(cr, d->name[i], &ns, wd_colour_text, x + 2, mid - nh / 2, name_w);
        wd_chart__segment(cr, sx0, mid, sx1, mid, 0.4, wd_colour_grid);
        if (isfinite(d->lo[i]) && isfinite(d->hi[i])) {
            double a = RX(fmax(1, d->lo[i])), b = RX(fmin(N, d->hi[i]));
            cairo_rectangle(cr, a - 1, mid - 3, b - a + 2, 6);
            wd_rgb_set(cr, wd_chart_map_colours[1]);
            cairo_fill(cr);
        }
        if (isfinite(d->median[i])) {
            wd_chart__draw_marker(cr, WD_MARKER_CIRCLE, RX(fmax(1, fmin(N, d->median[i]))), mid,
                                  3.6, wd_colour_bar);
            char m[32], a[32], b[32];
            wd_text_fmt_number(m, sizeof m, d->median[i], 0);
            wd_text_fmt_number(a, sizeof a, d->lo[i], 0);
            wd_text_fmt_number(b, sizeof b, d->hi[i], 0);
            snprintf(buf, sizeof buf, "%s (%s\xe2\x80\x93%s)", m, a, b);
        } else {
            snprintf(buf, sizeof buf, "%s", WD_TEXT_MISSING);
        }
        wd_chart__text(cr, buf, &(wd_text_style){8.5, 0, WD_ALIGN_RIGHT, 1}, wd_colour_text,
                       sx1 + 4, mid - 6, num_w);
        wd_chart__text(cr, d->tier[i], &(wd_text_style){8.5, 1, WD_ALIGN_LEFT, 1}, wd_colour_text,
                       x + w - tier_w, mid - 6, tier_w);
        cy += row_h;
        wd_chart__segment(cr, x, cy, x + w, cy, 0.3, wd_colour_grid);
        shown++;
    }
#undef RX
    if (shown < n) {
        snprintf(buf, sizeof buf, "(nog %d niet getoond: te weinig ruimte)", n - shown);
        cy += wd_chart__text(cr, buf, &st_small, wd_colour_muted, x, cy + 2, w) + 2;
    }
    if (d->source[0])
        cy += wd_chart__text(cr, d->source, &st_source, wd_colour_muted, x, cy + 3, w) + 3;
    cairo_restore(cr);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) return WD_ERR;
    return (int)ceil(cy - y);
}
