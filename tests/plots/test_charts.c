/* Tests of the choropleth's classes, of sparklines, and of what every chart must keep on paper:
 * classes and series that stay apart when printed in black and white, measured on rendered pixels,
 * and text that wraps inside its box for the longest names the data can hold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "plots/wd_chart_balance.h"
#include "plots/wd_chart_bars.h"
#include "plots/wd_chart_dots.h"
#include "plots/wd_chart_lines.h"
#include "plots/wd_chart_map.h"
#include "engine/wd_geo.h"
#include "plots/wd_text.h"

#include <cairo-pdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void map_classes_are_quantiles(void **state)
{
    (void)state;
    /* 10 values, 5 classes: two per class; boundaries at the 2nd, 4th, ... sorted value. */
    const double v[] = {12.37, 3.18, NAN, 7.45, 9.91, 5.02, 15.6, 4.4, 11.08, 6.73, 13.9};
    double b[WD_CHART_MAP_CLASSES + 1];
    int k = wd_chart_map_breaks(v, 11, 1, 5, b);
    assert_int_equal(k, 5);
    const double want[] = {3.1, 5.0, 7.4, 11.0, 13.9, 15.6};
    for (int i = 0; i <= k; i++) {
        if (fabs(b[i] - want[i]) > 1e-9) print_error("break %d: %g, want %g\n", i, b[i], want[i]);
        assert_true(fabs(b[i] - want[i]) < 1e-9);
    }
    int count[WD_CHART_MAP_CLASSES] = {0};
    for (int i = 0; i < 11; i++) {
        int c = wd_chart_map_class(v[i], b, k);
        if (isnan(v[i]))
            assert_int_equal(c, -1);
        else
            count[c]++;
    }
    for (int c = 0; c < k; c++)
        assert_int_equal(count[c], 2);
    /* Repeated values give fewer classes; one value still one class; none gives none. */
    const double same[] = {4, 4, 4, 4, 9, 9, 9, 9, 9, 12};
    assert_int_equal(wd_chart_map_breaks(same, 10, 0, 5, b), 2);
    assert_int_equal(wd_chart_map_class(4, b, 2), 0);
    assert_int_equal(wd_chart_map_class(9, b, 2), 1);
    assert_int_equal(wd_chart_map_class(12, b, 2), 1);
    const double one[] = {7.25};
    assert_int_equal(wd_chart_map_breaks(one, 1, 2, 5, b), 1);
    assert_true(b[1] > b[0] && wd_chart_map_class(7.25, b, 1) == 0);
    const double none[] = {NAN, NAN};
    assert_int_equal(wd_chart_map_breaks(none, 2, 1, 5, b), 0);
}

/* Grey value (0..255, Rec. 709 weights as a greyscale printer) of the pixel at (x, y). */
static double grey_at(cairo_surface_t *s, int x, int y)
{
    const unsigned char *d = cairo_image_surface_get_data(s);
    unsigned v = *(const unsigned *)(d + y * cairo_image_surface_get_stride(s) + x * 4);
    return 0.2126 * ((v >> 16) & 0xff) + 0.7152 * ((v >> 8) & 0xff) + 0.0722 * (v & 0xff);
}

/* A rendered map of five squares, one per class, and a sixth without value: in grey, every
 * class differs from every other by more than 20 of 255, and the missing one is told apart by
 * its texture (hatching: light and dark pixels side by side), not by a grey of its own. */
typedef struct {
    int n, firsts;
    double x[4], y[4]; /* the first two and the last two points given */
} ring_points;

static void count_point(void *ctx, int first, double x, double y)
{
    ring_points *r = ctx;
    int k = r->n < 2 ? r->n : 2 + (r->n % 2);
    r->x[k] = x;
    r->y[k] = y;
    r->n++;
    r->firsts += first;
}

/* A ring of 100,001 positions a few hundred metres across: in a map frame of 200 points per
 * 0.01 degree it is drawn with its points at least 0.1 point apart, its first and its last
 * kept; a coarse ring keeps every point. */
static void map_rings_at_page_resolution(void **state)
{
    (void)state;
    enum { N = 100001 };
    size_t cap = (size_t)N * 40 + 100, len = 0;
    char *json = malloc(cap);
    assert_non_null(json);
    len += (size_t)snprintf(json, cap, "{\"type\":\"Polygon\",\"coordinates\":[[");
    for (int i = 0; i < N; i++) {
        double a = 2 * M_PI * (i % (N - 1)) / (N - 1);
        len += (size_t)snprintf(json + len, cap - len, "%s[%.9f,%.9f]", i ? "," : "",
                                5 + 0.003 * cos(a), 52 + 0.002 * sin(a));
    }
    len += (size_t)snprintf(json + len, cap - len, "]]}");
    wd_geo *g = wd_geo_new();
    wd_error err = {0};
    assert_int_equal(wd_geo_add(g, "BU00000001", 2024, json, len, &err), 0);
    assert_int_equal(wd_geo_add(g, "BU00000002", 2024,
                                "{\"type\":\"Polygon\",\"coordinates\":[[[5,52],[5.001,52],"
                                "[5.001,52.001],[5,52]]]}",
                                strlen("{\"type\":\"Polygon\",\"coordinates\":[[[5,52],[5.001,"
                                       "52],[5.001,52.001],[5,52]]]}"),
                                &err),
                     0);
    wd_map_frame f;
    assert_int_equal(wd_chart_map_frame(&f, 4.99, 51.99, 5.01, 52.01, 0, 0, 400, 400), 0);
    ring_points r = {0};
    wd_chart_map_ring(&f, g, 0, count_point, &r);
    assert_int_equal(r.firsts, 1);
    assert_true(r.n > 1000 && r.n < N / 20); /* about 2,400: 240 points round, 0.1 apart */
    /* The ring's first position is also its last. */
    double fx, fy;
    wd_chart_map_point(&f, 5.003, 52, &fx, &fy);
    assert_true(fabs(r.x[0] - fx) < 1e-9 && fabs(r.y[0] - fy) < 1e-9);
    int last = 2 + ((r.n - 1) % 2);
    assert_true(fabs(r.x[last] - fx) < 1e-9 && fabs(r.y[last] - fy) < 1e-9);
    ring_points coarse = {0};
    wd_chart_map_ring(&f, g, 1, count_point, &coarse);
    assert_int_equal(coarse.n, 4);
    wd_geo_free(g);
    free(json);
}

static void map_classes_apart_in_greyscale(void **state)
{
    (void)state;
    wd_geo *g = wd_geo_new();
    wd_error err = {0};
    static wd_map_chart m;
    memset(&m, 0, sizeof m);
    for (int i = 0; i < 6; i++) {
        char json[300], code[16];
        double x0 = 5.0 + 0.02 * i;
        snprintf(json, sizeof json,
                 "{\"type\":\"Polygon\",\"coordinates\":[[[%.2f,52],[%.2f,52],[%.2f,52.02],"
                 "[%.2f,52.02],[%.2f,52]]]}",
                 x0, x0 + 0.02, x0 + 0.02, x0, x0);
        snprintf(code, sizeof code, "BU0000000%d", i);
        assert_int_equal(wd_geo_add(g, code, 2024, json, strlen(json), &err), 0);
        m.shape[i] = i;
        m.maps[0].value[i] = i < 5 ? 10.0 * i + 1.5 : NAN;
    }
    m.geo = g;
    m.n_areas = 6;
    m.n_maps = 1;
    m.highlight = -1;
    snprintf(m.maps[0].title, sizeof m.maps[0].title, "Klassen");
    const double W = 400, H = 200, sc = 2;
    cairo_surface_t *s =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(W * sc), (int)(H * sc));
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, sc, sc);
    assert_int_equal(wd_chart_map(cr, &m, 0, 0, 0, W, H, NULL), 0);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    /* Find the squares along the middle row of the map: runs of equal grey between the thin
     * borders. The map fills the width: 6 squares of W/6 points each. */
    int py = -1;
    for (int y = 20 * (int)sc; y < (int)(H * sc) && py < 0; y++)
        if (grey_at(s, (int)(W * sc / 12), y) < 250) py = y + 12;
    assert_true(py > 0);
    double grey[6], lightest[6], darkest[6];
    for (int i = 0; i < 6; i++) {
        /* A small block in the middle of square i. */
        double sum = 0;
        lightest[i] = 0;
        darkest[i] = 255;
        int cx = (int)((i + 0.5) * W * sc / 6);
        for (int dy = 0; dy < 8; dy++)
            for (int dx = -8; dx < 8; dx++) {
                double gv = grey_at(s, cx + dx, py + dy);
                sum += gv;
                lightest[i] = fmax(lightest[i], gv);
                darkest[i] = fmin(darkest[i], gv);
            }
        grey[i] = sum / 128;
    }
    for (int i = 0; i < 5; i++)
        assert_true(lightest[i] - darkest[i] < 3); /* classes are flat fills */
    assert_true(lightest[5] > 240 && darkest[5] < 160);
    for (int a = 0; a < 5; a++)
        for (int b = a + 1; b < 5; b++) {
            if (fabs(grey[a] - grey[b]) <= 20)
                print_error("classes %d and %d: grey %.1f vs %.1f\n", a, b, grey[a], grey[b]);
            assert_true(fabs(grey[a] - grey[b]) > 20);
        }
    cairo_surface_destroy(s);
    wd_geo_free(g);
    /* The palette itself: lightness steps of at least 14 L*, light to dark. */
    for (int c = 1; c < WD_CHART_MAP_CLASSES; c++)
        assert_true(wd_rgb_lightness(wd_chart_map_colours[c - 1]) -
                        wd_rgb_lightness(wd_chart_map_colours[c]) >=
                    14);
}

/* A 4 x 3 grid of square buurten, one of them outlined and a wijk of the left half, mapped by
 * four indicators: one with a missing value, one with a title of two lines. */
static wd_geo *grid_maps(wd_map_chart *m)
{
    wd_geo *g = wd_geo_new();
    wd_error err = {0};
    memset(m, 0, sizeof *m);
    for (int i = 0; i <= 12; i++) {
        char json[300], code[16];
        double x0 = 5.0 + 0.01 * (i % 4), y0 = 52.0 + 0.01 * (i / 4), dx = 0.01, dy = 0.01;
        if (i == 12) x0 = 5.0, y0 = 52.0, dx = 0.02, dy = 0.03; /* the wijk */
        snprintf(json, sizeof json,
                 "{\"type\":\"Polygon\",\"coordinates\":[[[%.2f,%.2f],[%.2f,%.2f],[%.2f,%.2f],"
                 "[%.2f,%.2f],[%.2f,%.2f]]]}",
                 x0, y0, x0 + dx, y0, x0 + dx, y0 + dy, x0, y0 + dy, x0, y0);
        snprintf(code, sizeof code, "BU%08d", i);
        assert_int_equal(wd_geo_add(g, code, 2024, json, strlen(json), &err), 0);
    }
    m->geo = g;
    m->n_areas = 12;
    m->highlight = 5;
    m->n_context = 1;
    m->context[0] = 12;
    m->n_maps = 4;
    for (int k = 0; k < 4; k++) {
        snprintf(m->maps[k].title, sizeof m->maps[k].title,
                 k == 3 ? "Huishoudens rond het sociaal minimum, 2023" : "Indicator %d", k + 1);
        for (int i = 0; i < 12; i++) {
            m->shape[i] = i;
            m->maps[k].value[i] = k == 1 && i == 7 ? NAN : (double)((i * (k + 3)) % 11);
        }
    }
    return g;
}

static cairo_status_t to_buffer(void *closure, const unsigned char *data, unsigned int length)
{
    FILE *f = closure;
    return fwrite(data, 1, length, f) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* The four maps in boxes of 180 x 230 points, two by two. */
static void draw_grid_maps(cairo_t *cr, const wd_map_chart *m, wd_map_lines *lines)
{
    for (int k = 0; k < 4; k++)
        assert_int_equal(wd_chart_map(cr, m, k, 10 + (k % 2) * 200, 10 + (k / 2) * 250, 180, 230,
                                      lines),
                         0);
}

/* Maps drawn with one wd_map_lines put their lines in a PDF once, as one form that four
 * patterns paint (no form named twice in a page's resources), and look as maps that each draw
 * their own lines: the lines land where each map's own would, so every map has the same
 * frame, the one with the two-line title and the one with an extra legend row too. */
static void maps_share_their_lines(void **state)
{
    (void)state;
    static wd_map_chart m;
    wd_geo *g = grid_maps(&m);
    char *pdf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&pdf, &len);
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buffer, f, 420, 520);
    cairo_t *cr = cairo_create(s);
    wd_map_lines lines = {0};
    draw_grid_maps(cr, &m, &lines);
    wd_chart_map_lines_free(&lines);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
    fclose(f);
    int forms = 0, patterns = 0;
    for (size_t i = 0; i + 16 < len; i++) {
        forms += memcmp(pdf + i, "/Subtype /Form", 14) == 0;
        patterns += memcmp(pdf + i, "/PatternType 1", 14) == 0;
    }
    assert_int_equal(forms, 1);
    assert_int_equal(patterns, 4);
    free(pdf);

    /* Shared through a recording, as a profile's pages are (a PDF's pages are recordings
     * until cairo writes them), against each map drawing its own, at 3 pixels a point. */
    const double sc = 3;
    cairo_surface_t *img[2];
    for (int shared = 0; shared < 2; shared++) {
        cairo_rectangle_t page = {0, 0, 420, 520};
        cairo_surface_t *rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &page);
        cr = cairo_create(rec);
        draw_grid_maps(cr, &m, shared ? &lines : NULL);
        wd_chart_map_lines_free(&lines);
        cairo_destroy(cr);
        img[shared] = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(420 * sc),
                                                 (int)(520 * sc));
        cr = cairo_create(img[shared]);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        cairo_scale(cr, sc, sc);
        cairo_set_source_surface(cr, rec, 0, 0);
        cairo_paint(cr);
        cairo_destroy(cr);
        cairo_surface_destroy(rec);
        cairo_surface_flush(img[shared]);
    }
    int differ = 0, dark = 0;
    for (int y = 0; y < (int)(520 * sc); y++)
        for (int x = 0; x < (int)(420 * sc); x++) {
            differ += fabs(grey_at(img[0], x, y) - grey_at(img[1], x, y)) > 40;
            dark += grey_at(img[1], x, y) < 60;
        }
    if (differ > 0) print_error("%d pixels differ\n", differ);
    assert_int_equal(differ, 0);
    assert_true(dark > 1000); /* the outlines and the titles are there */
    cairo_surface_destroy(img[0]);
    cairo_surface_destroy(img[1]);
    wd_geo_free(g);
}

/* Rightmost inked column (in pixels) of an image, -1 if blank. */
static int rightmost_ink(cairo_surface_t *s)
{
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    for (int x = w - 1; x >= 0; x--)
        for (int y = 0; y < h; y++)
            if (grey_at(s, x, y) < 250) return x;
    return -1;
}

/* The longest names wrap inside their box: drawn without any clip, no ink lands right of the
 * box, at every width a profile uses for names, and the text height grows instead. */
static void long_names_stay_in_their_box(void **state)
{
    (void)state;
    char unbroken[128];
    memset(unbroken, 'W', 127);
    unbroken[127] = '\0';
    const char *names[] = {
        "Welgelegen, Den Hommel",
        "Recreatiegebied De Grote Plas en oevers Zandwetering",
        "Bedrijventerrein Laagraven-Noord en Oudwijkerveld-Buitenwijk",
        "\xc3\x89\xc3\xa9n Ge\xc3\xafntegreerde Co\xc3\xb6peratie Ca\xc3\xaf\xc3\xafsstr\xc3\xa4"
        "\xc3\x9f"
        "chen",
        unbroken,
    };
    const double widths[] = {104, 124, 150, 230, 495};
    const double sizes[] = {8, 8.5, 9, 20};
    for (size_t n = 0; n < sizeof names / sizeof *names; n++)
        for (size_t wi = 0; wi < sizeof widths / sizeof *widths; wi++)
            for (size_t si = 0; si < sizeof sizes / sizeof *sizes; si++) {
                const double sc = 2, box = widths[wi];
                cairo_surface_t *s =
                    cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)((box + 200) * sc), 1200);
                cairo_t *cr = cairo_create(s);
                cairo_set_source_rgb(cr, 1, 1, 1);
                cairo_paint(cr);
                cairo_scale(cr, sc, sc);
                cairo_set_source_rgb(cr, 0, 0, 0);
                wd_text_style st = {sizes[si], 1, WD_ALIGN_LEFT, 0};
                double h = wd_text_draw(cr, names[n], &st, 0, 0, box);
                cairo_destroy(cr);
                cairo_surface_flush(s);
                int right = rightmost_ink(s);
                if (right > (int)(box * sc) + 1)
                    print_error("'%s' at %.0f pt in %.0f pt: ink to %.1f pt\n", names[n], sizes[si],
                                box, right / sc);
                assert_true(right <= (int)(box * sc) + 1);
                assert_true(right > 0);
                /* Wider than the box on one line means more than one line. */
                if (wd_text_width(cr, names[n], &st) > box) assert_true(h > sizes[si] * 1.9);
                cairo_surface_destroy(s);
            }
}

/* Columns (pixels) of the box whose pixels are all white. */
static int blank_columns(cairo_surface_t *s, int x0, int x1)
{
    int n = 0, h = cairo_image_surface_get_height(s);
    for (int x = x0; x < x1; x++) {
        int ink = 0;
        for (int y = 0; y < h; y++)
            ink |= grey_at(s, x, y) < 250;
        n += !ink;
    }
    return n;
}

/* A sparkline is continuous, except over a missing value and at a boundary change. */
static void sparkline_gaps(void **state)
{
    (void)state;
    double v[] = {3.2, 3.9, 3.4, 4.8, 5.1, 4.7, 5.9, 6.3};
    const int sc = 4, W = 80, H = 14;
    for (int variant = 0; variant < 3; variant++) {
        if (variant == 2) v[4] = NAN;
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W * sc, H * sc);
        cairo_t *cr = cairo_create(s);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        cairo_scale(cr, sc, sc);
        assert_int_equal(wd_chart_sparkline(cr, v, 8, variant == 1 ? 5 : -1, 0, 0, W, H), 0);
        cairo_destroy(cr);
        cairo_surface_flush(s);
        /* Points are 11 pt apart: one missing segment leaves about 11 pt blank. */
        int blank = blank_columns(s, 4 * sc, (W - 4) * sc);
        if (variant == 0)
            assert_int_equal(blank, 0);
        else
            assert_true(blank > 8 * sc);
        cairo_surface_destroy(s);
    }
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 10, 10);
    cairo_t *cr = cairo_create(s);
    assert_int_equal(wd_chart_sparkline(cr, NULL, 3, -1, 0, 0, 40, 10), WD_EUSAGE);
    assert_int_equal(wd_chart_sparkline(cr, v, 1, -1, 0, 0, 40, 10), 0);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

/* The ranking keeps to its box: more rows than fit are counted, not drawn below it. */
static void ranking_fits_its_box(void **state)
{
    (void)state;
    static wd_rank_chart r;
    memset(&r, 0, sizeof r);
    snprintf(r.title, sizeof r.title, "Vitaal ouder worden");
    r.n_ranked = 40;
    r.n = WD_RANK_MAX;
    for (int i = 0; i < r.n; i++) {
        snprintf(r.name[i], sizeof r.name[i], "Recreatiegebied De Grote Plas en oevers %d", i);
        r.median[i] = 1 + i;
        r.lo[i] = fmax(1, i - 3.5);
        r.hi[i] = fmin(40, i + 6.5);
        snprintf(r.tier[i], sizeof r.tier[i], "%s", i < 8 ? "hoog" : i < 30 ? "midden" : "laag");
    }
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 600, 900);
    cairo_t *cr = cairo_create(s);
    int used = wd_chart_ranking(cr, &r, 10, 10, 500, 300);
    assert_true(used > 200 && used <= 300);
    r.n = 5;
    int small = wd_chart_ranking(cr, &r, 10, 10, 500, 300);
    assert_true(small > 60 && small < used);
    r.n_ranked = 0;
    assert_int_equal(wd_chart_ranking(cr, &r, 10, 10, 500, 300), WD_EUSAGE);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(map_classes_are_quantiles),
        cmocka_unit_test(map_classes_apart_in_greyscale),
        cmocka_unit_test(maps_share_their_lines),
        cmocka_unit_test(long_names_stay_in_their_box),
        cmocka_unit_test(sparkline_gaps),
        cmocka_unit_test(map_rings_at_page_resolution),
        cmocka_unit_test(ranking_fits_its_box),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    wd_text_release_fonts();
    return failed;
}
