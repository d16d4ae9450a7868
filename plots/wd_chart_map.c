/* Implementation of wd_chart_map.h. */
#include "plots/wd_chart_map.h"

#include "plots/wd_chart_int.h"
#include "plots/wd_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One blue hue in even lightness steps, L* 90, 75, 60, 46, 30: the lightest still stands out
 * from the paper, each step survives a greyscale printer. */
const wd_rgb wd_chart_map_colours[WD_CHART_MAP_CLASSES] = {
    {0.839, 0.902, 0.957}, {0.550, 0.750, 0.880}, {0.300, 0.600, 0.800},
    {0.129, 0.443, 0.710}, {0.030, 0.270, 0.550},
};

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int wd_chart_map_breaks(const double *values, int n, int decimals, int max_classes, double *breaks)
{
    if (max_classes > WD_CHART_MAP_CLASSES) max_classes = WD_CHART_MAP_CLASSES;
    if (!values || !breaks || n <= 0 || max_classes < 1) return 0;
    double sorted[WD_CHART_MAX_AREAS];
    int m = 0;
    for (int i = 0; i < n && m < WD_CHART_MAX_AREAS; i++)
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

int wd_chart_map_class(double v, const double *breaks, int n_classes)
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
    wd_rgb_set(cr, wd_chart__white);
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

int wd_chart_map_frame(wd_map_frame *f, double lon0, double lat0, double lon1, double lat1,
                       double x, double y, double w, double h)
{
    if (!(lon1 > lon0) || !(lat1 > lat0) || !isfinite(lon1 - lon0) || !isfinite(lat1 - lat0))
        return -1;
    f->lon0 = lon0;
    f->lat1 = lat1;
    f->kx = cos((lat0 + lat1) / 2 * M_PI / 180);
    f->scale = fmin(w / ((lon1 - lon0) * f->kx), h / (lat1 - lat0));
    f->ox = x + (w - (lon1 - lon0) * f->kx * f->scale) / 2;
    f->oy = y;
    return 0;
}

void wd_chart_map_ring(const wd_map_frame *f, const wd_geo *g, size_t ring,
                       void (*put)(void *ctx, int first, double x, double y), void *ctx)
{
    const wd_geo_point *pt = &g->points[g->ring_start[ring]];
    size_t n = g->ring_len[ring];
    double lx = 0, ly = 0;
    for (size_t i = 0; i < n; i++) {
        double px, py;
        wd_chart_map_point(f, pt[i].lon, pt[i].lat, &px, &py);
        if (i > 0 && i + 1 < n && fabs(px - lx) < 0.1 && fabs(py - ly) < 0.1) continue;
        put(ctx, i == 0, px, py);
        lx = px;
        ly = py;
    }
}

static void cairo_put(void *cr, int first, double x, double y)
{
    if (first)
        cairo_move_to(cr, x, y);
    else
        cairo_line_to(cr, x, y);
}

/* The rings of shape `s` as one path in frame f. */
static void shape_path(cairo_t *cr, const wd_geo *g, int s, const wd_map_frame *f)
{
    const wd_geo_shape *sh = &g->shapes[s];
    for (size_t r = sh->first_ring; r < sh->first_ring + sh->n_rings; r++) {
        wd_chart_map_ring(f, g, r, cairo_put, cr);
        cairo_close_path(cr);
    }
}

/* The name of an area on a wd_chart__white label at the centroid of its largest ring: readable on
 * every class, and it tells which polygon is which row of the table beside the map. */
static void area_label(cairo_t *cr, const wd_geo *g, int s, const char *name, const wd_map_frame *f,
                       double box_x, double box_w, cairo_rectangle_t *taken, int *n_taken)
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
    double px, py;
    wd_chart_map_point(f, cx, cy, &px, &py);
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
    if (k == 3 || *n_taken >= WD_CHART_MAP_MAX_LABELS) return;
    py += shifts[k];
    taken[(*n_taken)++] = (cairo_rectangle_t){px - w / 2 - 2, py - h / 2 - 1, w + 4, h + 2};
    cairo_rectangle(cr, px - w / 2 - 2, py - h / 2 - 1, w + 4, h + 2);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
    cairo_fill(cr);
    wd_chart__text(cr, name, &ls, wd_colour_text, px - w / 2, py - h / 2, w);
}

/* Legend swatch: a filled box (class < 0: hatched) with a thin frame. */
static void swatch(cairo_t *cr, int cls, double x, double y, double w, double h)
{
    cairo_new_path(cr);
    cairo_rectangle(cr, x, y, w, h);
    if (cls >= 0) {
        wd_rgb_set(cr, wd_chart_map_colours[cls]);
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

/* The legend rows of map k: its classes, "geen gegevens", the outlined region, the wijk
 * borders. */
static int legend_rows(const wd_map_chart *m, int k, double *breaks, int *nc, int *any_missing)
{
    int n = wd_count(m->n_areas, WD_CHART_MAX_AREAS);
    const double *v = m->maps[k].value;
    *nc = wd_chart_map_breaks(v, n, m->maps[k].decimals, WD_CHART_MAP_CLASSES, breaks);
    *any_missing = 0;
    for (int i = 0; i < n; i++)
        *any_missing |= !isfinite(v[i]);
    return *nc + *any_missing + (m->highlight >= 0) + (m->n_context > 0);
}

/* What every map of m keeps above and below itself in a box of width w: the tallest title and
 * the most legend rows. So every map of a profile in a box of one size gets the same frame:
 * maps side by side read at one scale, and they can share their lines (wd_map_lines). */
static void map_margins(cairo_t *cr, const wd_map_chart *m, double w, double *title_h, int *rows)
{
    *title_h = 0;
    *rows = 0;
    for (int j = 0; j < m->n_maps && j < WD_CHART_MAX_MAPS; j++) {
        char buf[200];
        double breaks[WD_CHART_MAP_CLASSES + 1];
        int nc, missing;
        wd_text_fmt_label(buf, sizeof buf, m->maps[j].title, m->maps[j].unit);
        *title_h = fmax(*title_h, wd_text_height(cr, buf, &st_title, w));
        int r = legend_rows(m, j, breaks, &nc, &missing);
        if (r > *rows) *rows = r;
    }
}

/* The lines over the fills: the boundaries of the areas, the wijk borders and the outline of
 * the region. */
static void map_lines(cairo_t *cr, const wd_map_chart *m, const wd_map_frame *f)
{
    const wd_geo *g = m->geo;
    int n = wd_count(m->n_areas, WD_CHART_MAX_AREAS);
    cairo_save(cr);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    /* Boundaries: thin grey lines, visible between equal classes. */
    cairo_new_path(cr);
    for (int i = 0; i < n; i++)
        if (m->shape[i] >= 0 && (size_t)m->shape[i] < g->n_shapes)
            shape_path(cr, g, m->shape[i], f);
    cairo_set_line_width(cr, 0.5);
    wd_rgb_set(cr, wd_colour_muted);
    cairo_stroke(cr);
    /* Wijk borders for orientation: darker and wider than buurt borders, thinner than the
     * outline of the region itself. */
    int nctx = wd_count(m->n_context, WD_CHART_MAX_AREAS / 4);
    cairo_new_path(cr);
    for (int i = 0; i < nctx; i++)
        if (m->context[i] >= 0 && (size_t)m->context[i] < g->n_shapes)
            shape_path(cr, g, m->context[i], f);
    cairo_set_line_width(cr, 1.3);
    wd_rgb_set(cr, wd_colour_muted);
    cairo_stroke(cr);
    if (m->highlight >= 0 && (size_t)m->highlight < g->n_shapes) {
        cairo_new_path(cr);
        shape_path(cr, g, m->highlight, f);
        cairo_set_line_width(cr, 4.2);
        wd_rgb_set(cr, wd_chart__white);
        cairo_stroke_preserve(cr);
        cairo_set_line_width(cr, 2.2);
        wd_rgb_set(cr, wd_colour_ref);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
}

/* Whether lines drawn once as a recording stay vectors where they are painted: on a PDF, or
 * on a recording that will be one. An image would get them at the recording's resolution. */
static int keeps_vectors(cairo_t *cr)
{
    cairo_surface_type_t t = cairo_surface_get_type(cairo_get_target(cr));
    return t == CAIRO_SURFACE_TYPE_PDF || t == CAIRO_SURFACE_TYPE_RECORDING;
}

/* The lines of the maps of m in boxes of w x h, from `lines` or drawn into it first with the
 * frame `f` of a box at (x, y), then painted at (x, y). A tiling pattern of one tile, not a
 * plain paint: cairo 1.16 names a form painted twice on a page twice in the page's resources,
 * which readers warn about; a pattern names it in its own. */
static void paint_lines(cairo_t *cr, const wd_map_chart *m, const wd_map_frame *f, double x,
                        double y, double w, double h, wd_map_lines *lines)
{
    if (!lines->rec || lines->m != m || lines->w != w || lines->h != h) {
        wd_chart_map_lines_free(lines);
        cairo_rectangle_t box = {0, 0, w, h};
        lines->rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &box);
        cairo_t *rc = cairo_create(lines->rec);
        wd_map_frame at0 = *f;
        at0.ox -= x;
        at0.oy -= y;
        map_lines(rc, m, &at0);
        cairo_destroy(rc);
        lines->m = m;
        lines->w = w;
        lines->h = h;
    }
    cairo_save(cr);
    cairo_set_source_surface(cr, lines->rec, x, y);
    cairo_pattern_set_extend(cairo_get_source(cr), CAIRO_EXTEND_REPEAT);
    cairo_rectangle(cr, x, y, w, h);
    cairo_fill(cr);
    cairo_restore(cr);
}

void wd_chart_map_lines_free(wd_map_lines *lines)
{
    if (lines->rec) cairo_surface_destroy(lines->rec);
    *lines = (wd_map_lines){0};
}

int wd_chart_map(cairo_t *cr, const wd_map_chart *m, int k, double x, double y, double w, double h,
                 wd_map_lines *lines)
{
    if (!m || k < 0 || k >= m->n_maps || k >= WD_CHART_MAX_MAPS) return WD_EUSAGE;
    int rc = wd_chart__begin(cr, x, y, w, h);
    if (rc) return rc;
    char buf[200], lo_s[48], hi_s[48];
    const double *v = m->maps[k].value;
    int dec = m->maps[k].decimals;
    double title_h;
    int rows;
    map_margins(cr, m, w, &title_h, &rows);
    /* Titles of one line sit on the map, level with the last line of a longer one. */
    wd_text_fmt_label(buf, sizeof buf, m->maps[k].title, m->maps[k].unit);
    wd_chart__text(cr, buf, &st_title, wd_colour_text, x,
                   y + title_h - wd_text_height(cr, buf, &st_title, w), w);
    double top = y + title_h + 4;
    int n = wd_count(m->n_areas, WD_CHART_MAX_AREAS);
    double breaks[WD_CHART_MAP_CLASSES + 1];
    int nc, any_missing;
    legend_rows(m, k, breaks, &nc, &any_missing);

    /* Legend rows below the map: classes, "geen gegevens", the outlined region. */
    const double row = 12;
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
    wd_map_frame f;
    if (map_bottom - top < 30 ||
        wd_chart_map_frame(&f, lon0, lat0, lon1, lat1, x, top, w, map_bottom - top) != 0) {
        wd_chart__text(cr, "Geen grenzen beschikbaar voor een kaart.", &st_small, wd_colour_muted,
                       x, top, w);
        return wd_chart__end(cr);
    }
    /* The areas of a class as one path: one fill per class, not per area (areas do not
     * overlap, so even-odd keeps their holes and nothing else); class -1 is hatched. */
    cairo_save(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (int c = -1; c < nc; c++) {
        int any = 0;
        cairo_new_path(cr);
        for (int i = 0; i < n; i++) {
            int s = m->shape[i];
            if (s < 0 || (size_t)s >= g->n_shapes || wd_chart_map_class(v[i], breaks, nc) != c)
                continue;
            shape_path(cr, g, s, &f);
            any = 1;
        }
        if (!any) continue;
        if (c >= 0) {
            wd_rgb_set(cr, wd_chart_map_colours[c]);
            cairo_fill(cr);
        } else {
            hatch_path(cr, x, top, x + w, map_bottom);
        }
    }
    cairo_restore(cr);
    if (lines && keeps_vectors(cr))
        paint_lines(cr, m, &f, x, y, w, h, lines);
    else
        map_lines(cr, m, &f);
    int nctx = wd_count(m->n_context, WD_CHART_MAX_AREAS / 4);
    cairo_rectangle_t taken[WD_CHART_MAP_MAX_LABELS];
    int n_taken = 0;
    if (n <= WD_CHART_MAP_MAX_LABELS)
        for (int i = 0; i < n; i++)
            if (m->shape[i] >= 0 && (size_t)m->shape[i] < g->n_shapes && m->area_name[i][0])
                area_label(cr, g, m->shape[i], m->area_name[i], &f, x, w, taken, &n_taken);

    /* The legend right under the map, whatever the map's shape. */
    double ly = f.oy + (lat1 - lat0) * f.scale + 6;
    const wd_text_style ls = {8, 0, WD_ALIGN_LEFT, 1};
    for (int c = 0; c < nc; c++, ly += row) {
        swatch(cr, c, x, ly + 1.5, 16, 9);
        wd_text_fmt_number(lo_s, sizeof lo_s, breaks[c], dec);
        wd_text_fmt_number(hi_s, sizeof hi_s, breaks[c + 1], dec);
        snprintf(buf, sizeof buf, "%s tot %s%s", lo_s, c + 1 == nc ? "en met " : "", hi_s);
        wd_chart__text(cr, buf, &ls, wd_colour_text, x + 21, ly, w - 21);
    }
    if (any_missing) {
        swatch(cr, -1, x, ly + 1.5, 16, 9);
        wd_chart__text(cr, WD_TEXT_MISSING, &ls, wd_colour_text, x + 21, ly, w - 21);
        ly += row;
    }
    if (m->highlight >= 0) {
        cairo_rectangle(cr, x + 1, ly + 2.5, 14, 7);
        cairo_set_line_width(cr, 2.2);
        wd_rgb_set(cr, wd_colour_ref);
        cairo_stroke(cr);
        wd_chart__text(cr, m->highlight_name, &ls, wd_colour_text, x + 21, ly, w - 21);
        ly += row;
    }
    if (nctx > 0) {
        wd_chart__segment(cr, x + 1, ly + 6, x + 15, ly + 6, 1.3, wd_colour_muted);
        wd_chart__text(cr, "grens van een wijk", &ls, wd_colour_text, x + 21, ly, w - 21);
    }
    return wd_chart__end(cr);
}
