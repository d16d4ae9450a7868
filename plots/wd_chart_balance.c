/* Implementation of wd_chart_balance.h. */
#include "plots/wd_chart_balance.h"

#include "plots/wd_chart_int.h"
#include "plots/wd_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Upper-cases an ASCII first letter for a sentence ("draaglast ..." -> "Draaglast ..."). */
static void sentence(char *out, size_t cap, const char *s)
{
    snprintf(out, cap, "%s", s);
    if (out[0] >= 'a' && out[0] <= 'z') out[0] = (char)(out[0] - 'a' + 'A');
}

/* The balance beam: tips towards the larger index, like a kitchen scale tips towards the
 * heavier pan. */
static void beam(cairo_t *cr, const wd_balance_chart *d, double x, double y, double w, double h)
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
    wd_chart__segment(cr, cx - 22, y + h - 21, cx + 22, y + h - 21, 2, wd_colour_muted);
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
    wd_rgb_set(cr, wd_chart__white);
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
        wd_chart__segment(cr, ex - pw / 2 - 2, pan_y, ex + pw / 2 + 2, pan_y, 2.2, wd_colour_text);
        /* The labels stay inside the box, also where a narrow beam puts a pan near its edge. */
        double lx = fmin(fmax(ex - 34, x), x + w - 68);
        wd_chart__text(cr, names[k], &(wd_text_style){8, 0, WD_ALIGN_CENTER, 1}, wd_colour_text, lx,
                       pan_y + 3, 68);
        if (known) {
            char num[32];
            wd_text_fmt_number(num, sizeof num, vals[k], 0);
            wd_chart__text(cr, num, &(wd_text_style){9, 1, WD_ALIGN_CENTER, 1}, wd_colour_text, lx,
                           pan_y + 13, 68);
        }
    }
}

int wd_chart_balance(cairo_t *cr, const wd_balance_chart *d, double x, double y, double w, double h)
{
    if (!d) return WD_EUSAGE;
    int rc = wd_chart__begin(cr, x, y, w, h);
    if (rc) return rc;
    char buf[200];
    double beam_w = fmin(w * 0.34, 190);
    beam(cr, d, x, y, beam_w, h);

    double rx = x + beam_w + 12, rw = w - beam_w - 12;
    sentence(buf, sizeof buf, d->klasse[0] ? d->klasse : "onbekend (te weinig gegevens)");
    double cy = y +
                wd_chart__text(cr, buf, &(wd_text_style){12, 1, WD_ALIGN_LEFT, 2}, wd_colour_text,
                               rx, y, rw) +
                2;
    if (isfinite(d->balans)) {
        char num[40];
        wd_text_fmt_signed(num, sizeof num, d->balans, 0);
        snprintf(buf, sizeof buf, "Balans: %s punten (draagkracht min draaglast)", num);
        cy += wd_chart__text(cr, buf, &st_small, wd_colour_muted, rx, cy, rw);
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
        wd_chart__text(cr, names[k], &(wd_text_style){9, 1, WD_ALIGN_LEFT, 1}, wd_colour_text, rx,
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
            wd_text_fmt_number(buf, sizeof buf, vals[k], 0);
            double tx = vals[k] >= 100 ? vx + 3 : vx - 3 - 40;
            wd_chart__text(
                cr, buf, &(wd_text_style){9, 1, vals[k] >= 100 ? WD_ALIGN_LEFT : WD_ALIGN_RIGHT, 1},
                wd_colour_text, tx, ry + row_h / 2 - 6.5, 40);
        } else {
            wd_chart__text(cr, WD_TEXT_MISSING, &(wd_text_style){8, 0, WD_ALIGN_LEFT, 1},
                           wd_colour_muted, ref_x + 4, ry + row_h / 2 - 6, px1 - ref_x);
        }
    }
    double rows_bottom = rows_top + 2 * row_h;
    wd_chart__segment(cr, ref_x, rows_top - 3, ref_x, rows_bottom + 3, 1.2, wd_colour_text);
    /* Scale ends and the reference below the rows. */
    snprintf(buf, sizeof buf, "%.0f", lo);
    wd_chart__text(cr, buf, &st_small, wd_colour_muted, px0, rows_bottom + 3, 30);
    snprintf(buf, sizeof buf, "%.0f", hi);
    wd_chart__text(cr, buf, &st_small_r, wd_colour_muted, px1 - 30, rows_bottom + 3, 30);
    snprintf(buf, sizeof buf, "%s", d->reference[0] ? d->reference : "100 = referentie");
    if (d->reference[0] && !strstr(d->reference, "100"))
        snprintf(buf, sizeof buf, "100 = %s", d->reference);
    wd_chart__text(cr, buf, &(wd_text_style){8, 0, WD_ALIGN_CENTER, 1}, wd_colour_text, ref_x - 90,
                   rows_bottom + 3, 180);
    double ey = rows_bottom + 16;
    wd_chart__text(
        cr,
        "Draagkracht: wie hulp kan geven. Draaglast: wie hulp nodig heeft. Boven 100 is meer, "
        "onder 100 is minder.",
        &(wd_text_style){8, 0, WD_ALIGN_LEFT, 3}, wd_colour_muted, rx, ey, rw);
    return wd_chart__end(cr);
}

/* The text of a component without a score: centred on the scale, wrapped when long. */
static const wd_text_style missing_style = {8, 0, WD_ALIGN_CENTER, 3};

/* Height of a component's row: its label, or the reason it has no score, whichever is taller. */
static double component_row_h(cairo_t *cr, const wd_balance_component *c, const wd_text_style *ls,
                              double label_w, double scale_w)
{
    double h = wd_text_height(cr, c->label, ls, label_w);
    if (!isfinite(c->score) && c->why[0])
        h = fmax(h, wd_text_height(cr, c->why, &missing_style, scale_w));
    return fmax(16, h + 5);
}

int wd_chart_components(cairo_t *cr, const char *title, const wd_balance_component *c, int n,
                        wd_rgb colour, double x, double y, double w, double h)
{
    if (!c && n > 0) return WD_EUSAGE;
    int rc = wd_chart__begin(cr, x, y, w, h);
    if (rc) return rc;
    n = wd_count(n, WD_CHART_MAX_COMPONENTS);
    char buf[120];
    double cy = y;
    if (title && *title)
        cy += wd_chart__text(cr, title, &(wd_text_style){10.5, 1, WD_ALIGN_LEFT, 1}, wd_colour_text,
                             x, cy, w) +
              3;
    double label_w = w * 0.44, weight_w = 46, score_w = 44;
    double sx0 = x + label_w + weight_w + 8, sx1 = x + w - score_w - 6;
    const double zmax = 2.5;
    /* Header row. */
    const wd_text_style hs = {8, 1, WD_ALIGN_LEFT, 1};
    wd_chart__text(cr, "Component", &hs, wd_colour_muted, x, cy, label_w);
    wd_chart__text(cr, "Gewicht", &(wd_text_style){8, 1, WD_ALIGN_CENTER, 1}, wd_colour_muted,
                   x + label_w, cy, weight_w);
    wd_chart__text(cr, "lager  \xe2\x86\x90 referentie \xe2\x86\x92  hoger",
                   &(wd_text_style){8, 1, WD_ALIGN_CENTER, 1}, wd_colour_muted, sx0 - 10, cy,
                   sx1 - sx0 + 20);
    wd_chart__text(cr, "Score", &(wd_text_style){8, 1, WD_ALIGN_RIGHT, 1}, wd_colour_muted,
                   x + w - score_w, cy, score_w);
    cy += 13;
    wd_chart__segment(cr, x, cy, x + w, cy, 0.6, wd_colour_grid);
    double rows_top = cy;
    int shown = 0;
    /* Labels get two lines when all rows fit that way, else one line each. */
    wd_text_style ls = {8.5, 0, WD_ALIGN_LEFT, 2};
    double rows_h = 0;
    for (int pass = 0; pass < 2; pass++) {
        rows_h = 0;
        int all = 1;
        for (int i = 0; i < n; i++) {
            double row_h = component_row_h(cr, &c[i], &ls, label_w - 4, sx1 - sx0);
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
    wd_chart__segment(cr, sx0 + (sx1 - sx0) / 2, rows_top, sx0 + (sx1 - sx0) / 2, rows_top + rows_h,
                      1, wd_colour_text);
    for (int i = 0; i < n; i++) {
        double row_h = component_row_h(cr, &c[i], &ls, label_w - 4, sx1 - sx0);
        if (cy + row_h > y + h - 12) break;
        wd_chart__text(cr, c[i].label, &ls, wd_colour_text, x, cy + 2.5, label_w - 4);
        double mid = cy + row_h / 2;
        double wt = c[i].weight;
        int wdec = wt == floor(wt) ? 0 : wt * 10 == floor(wt * 10) ? 1 : 2;
        wd_text_fmt_number(buf, sizeof buf, wt, wdec);
        wd_chart__text(cr, buf, &(wd_text_style){8.5, 0, WD_ALIGN_CENTER, 1}, wd_colour_text,
                       x + label_w, mid - 6, weight_w);
        wd_chart__segment(cr, sx0, mid, sx1, mid, 0.5, wd_colour_grid);
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
                wd_chart__draw_marker(cr, WD_MARKER_CIRCLE, zx, mid, 4, colour);
            }
            wd_text_fmt_signed(buf, sizeof buf, c[i].score, 1);
            wd_chart__text(cr, buf, &(wd_text_style){8.5, 0, WD_ALIGN_RIGHT, 1}, wd_colour_text,
                           x + w - score_w, mid - 6, score_w);
        } else {
            const char *why = c[i].why[0] ? c[i].why : WD_TEXT_MISSING;
            double tw = fmin(wd_text_width(cr, why, &missing_style) + 8, sx1 - sx0),
                   th = wd_text_height(cr, why, &missing_style, tw), cx = (sx0 + sx1) / 2;
            cairo_rectangle(cr, cx - tw / 2, mid - th / 2 - 0.5, tw, th + 1);
            wd_rgb_set(cr, wd_chart__white);
            cairo_fill(cr);
            wd_chart__text(cr, why, &missing_style, wd_colour_muted, cx - tw / 2, mid - th / 2, tw);
            wd_chart__text(cr, "\xe2\x80\x93", &(wd_text_style){8.5, 0, WD_ALIGN_RIGHT, 1},
                           wd_colour_text, x + w - score_w, mid - 6, score_w);
        }
        cy += row_h;
        wd_chart__segment(cr, x, cy, x + w, cy, 0.3, wd_colour_grid);
        shown++;
    }
    if (shown < n) {
        if (n - shown == 1)
            snprintf(buf, sizeof buf, "(1 component past niet op de pagina)");
        else
            snprintf(buf, sizeof buf, "(%d componenten passen niet op de pagina)", n - shown);
        cy += wd_chart__text(cr, buf, &st_small, wd_colour_muted, x, cy + 2, w) + 2;
    }
    cairo_restore(cr);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) return WD_ERR;
    double used = cy - y;
    return used > 0 ? (int)ceil(used) : 1;
}
