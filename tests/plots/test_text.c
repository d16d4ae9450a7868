/* Tests of plots/wd_text: Dutch number, percentage and date formatting as exact strings
 * (negative numbers, rounding as written, large numbers, missing values, buffers that are
 * too small), text layout (a long name wraps to more lines in a narrow box, a single line
 * stays single, sizes never below 8 pt), and invalid UTF-8 (a name cut inside a character)
 * drawn without cairo refusing the page. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/wd_error.h"
#include "plots/wd_text.h"

#include <cairo-pdf.h>

#include <math.h>
#include <string.h>

#define NUM(v, d, want)                                                                            \
    do {                                                                                           \
        char b_[64];                                                                               \
        assert_int_equal(wd_text_fmt_number(b_, sizeof b_, (v), (d)), 0);                          \
        assert_string_equal(b_, (want));                                                           \
    } while (0)

static void numbers(void **state)
{
    (void)state;
    NUM(1234.5, 1, "1.234,5");
    NUM(0, 0, "0");
    NUM(0.5, 0, "1");
    NUM(12.345, 2, "12,35");
    NUM(999.95, 1, "1.000,0");
    NUM(1234567.891, 2, "1.234.567,89");
    NUM(43000, 0, "43.000");
    NUM(100, 0, "100");
    NUM(999, 0, "999");
    NUM(0.07, 2, "0,07");
    NUM(0.004, 2, "0,00");
    /* Rounded as written: 2.45 is stored as 2.4500000000000002, 0.15 just below 0.15. */
    NUM(2.45, 1, "2,5");
    NUM(0.15, 1, "0,2");
    NUM(1.005, 2, "1,01");
    NUM(2.449, 1, "2,4");
    NUM(-2.45, 1, "-2,5");
    NUM(-1234.5, 1, "-1.234,5");
    NUM(-0.04, 1, "0,0"); /* no "-0,0" */
    NUM(-17, 0, "-17");
    NUM(9876543210.0, 0, "9.876.543.210");
    NUM(1e15, 0, "1.000.000.000.000.000");
    NUM(3.14159, 9, "3,141590"); /* at most 6 decimals */
    NUM(3.7, -1, "4");
    NUM(NAN, 1, "geen gegevens");
    NUM(INFINITY, 1, "geen gegevens");
    NUM(-INFINITY, 0, "geen gegevens");
}

static void signed_percent_value(void **state)
{
    (void)state;
    char b[64];
    assert_int_equal(wd_text_fmt_signed(b, sizeof b, 0.84, 1), 0);
    assert_string_equal(b, "+0,8");
    assert_int_equal(wd_text_fmt_signed(b, sizeof b, -1.25, 1), 0);
    assert_string_equal(b, "-1,3");
    assert_int_equal(wd_text_fmt_signed(b, sizeof b, 0.01, 1), 0);
    assert_string_equal(b, "0,0");
    assert_int_equal(wd_text_fmt_signed(b, sizeof b, NAN, 1), 0);
    assert_string_equal(b, "geen gegevens");

    assert_int_equal(wd_text_fmt_percent(b, sizeof b, 12.34, 1), 0);
    assert_string_equal(b, "12,3%");
    assert_int_equal(wd_text_fmt_percent(b, sizeof b, 100, 0), 0);
    assert_string_equal(b, "100%");
    assert_int_equal(wd_text_fmt_percent(b, sizeof b, -3.25, 1), 0);
    assert_string_equal(b, "-3,3%");
    assert_int_equal(wd_text_fmt_percent(b, sizeof b, NAN, 1), 0);
    assert_string_equal(b, "geen gegevens");

    assert_int_equal(wd_text_fmt_value(b, sizeof b, 71.4, 0, "per 1.000"), 0);
    assert_string_equal(b, "71 per 1.000");
    assert_int_equal(wd_text_fmt_value(b, sizeof b, 23.84, 1, "%"), 0);
    assert_string_equal(b, "23,8%");
    assert_int_equal(wd_text_fmt_value(b, sizeof b, 1.183, 2, ""), 0);
    assert_string_equal(b, "1,18");
    assert_int_equal(wd_text_fmt_value(b, sizeof b, 1.183, 2, NULL), 0);
    assert_string_equal(b, "1,18");
    assert_int_equal(wd_text_fmt_value(b, sizeof b, NAN, 0, "per 1.000"), 0);
    assert_string_equal(b, "geen gegevens");
}

static void labels_with_units(void **state)
{
    (void)state;
    char buf[128];
    assert_int_equal(wd_text_fmt_label(buf, sizeof buf, "Koopwoningen", "%"), 0);
    assert_string_equal(buf, "Koopwoningen (%)");
    /* The unit already in the label is not repeated. */
    assert_int_equal(
        wd_text_fmt_label(buf, sizeof buf, "Wmo-cli\xc3\xabnten per 1.000 inwoners", "per 1.000"),
        0);
    assert_string_equal(buf, "Wmo-cli\xc3\xabnten per 1.000 inwoners");
    assert_int_equal(wd_text_fmt_label(buf, sizeof buf, "Inwoners", ""), 0);
    assert_string_equal(buf, "Inwoners");
    assert_int_equal(wd_text_fmt_label(buf, 8, "Koopwoningen", "%"), WD_ENOMEM);
    assert_string_equal(buf, "Koopwon");
}

static void small_buffers(void **state)
{
    (void)state;
    char b[6];
    assert_int_equal(wd_text_fmt_number(b, sizeof b, 1234567, 0), WD_ENOMEM);
    assert_string_equal(b, "1.234");
    assert_int_equal(wd_text_fmt_number(b, sizeof b, NAN, 0), WD_ENOMEM);
    assert_string_equal(b, "geen ");
    assert_int_equal(wd_text_fmt_number(b, 0, 1, 0), WD_EUSAGE);
    assert_int_equal(wd_text_fmt_number(NULL, 10, 1, 0), WD_EUSAGE);
    char one[1];
    assert_int_equal(wd_text_fmt_number(one, 1, 5, 0), WD_ENOMEM);
    assert_string_equal(one, "");
}

static void dates(void **state)
{
    (void)state;
    char b[40];
    assert_int_equal(wd_text_fmt_date(b, sizeof b, 2026, 11, 24), 0);
    assert_string_equal(b, "24 november 2026");
    assert_int_equal(wd_text_fmt_date(b, sizeof b, 2025, 3, 1), 0);
    assert_string_equal(b, "1 maart 2025");
    assert_int_equal(wd_text_fmt_date(b, sizeof b, 2024, 2, 29), 0);
    assert_string_equal(b, "29 februari 2024");
    assert_int_equal(wd_text_fmt_date(b, sizeof b, 2023, 2, 29), WD_EUSAGE);
    assert_int_equal(wd_text_fmt_date(b, sizeof b, 2026, 13, 1), WD_EUSAGE);
    assert_int_equal(wd_text_fmt_date(b, sizeof b, 2026, 4, 31), WD_EUSAGE);
    assert_int_equal(wd_text_fmt_date(b, 8, 2026, 8, 15), WD_ENOMEM);
    assert_string_equal(b, "15 augu");

    int y, m, d;
    assert_int_equal(wd_text_parse_date("24 november 2026", &y, &m, &d), 0);
    assert_int_equal(y, 2026);
    assert_int_equal(m, 11);
    assert_int_equal(d, 24);
    assert_int_equal(wd_text_parse_date(" 1 Januari 2027 ", &y, &m, &d), 0);
    assert_int_equal(m, 1);
    assert_int_equal(wd_text_parse_date("31 juni 2026", &y, &m, &d), WD_EPARSE);
    assert_int_equal(wd_text_parse_date("24 nov 2026", &y, &m, &d), WD_EPARSE);
    assert_int_equal(wd_text_parse_date("2026-11-24", &y, &m, &d), WD_EPARSE);
    assert_int_equal(wd_text_parse_date("24 november 2026 extra", &y, &m, &d), WD_EPARSE);
    assert_int_equal(wd_text_parse_date("", &y, &m, &d), WD_EPARSE);
}

static cairo_t *context(cairo_surface_t **s)
{
    *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 600, 800);
    return cairo_create(*s);
}

static void wrapping(void **state)
{
    (void)state;
    cairo_surface_t *s;
    cairo_t *cr = context(&s);
    const wd_text_style st = {20, 1, WD_ALIGN_LEFT, 0};
    const char *shortname = "Lombok";
    const char *longname = "Bedrijventerrein Laagraven-Noord en Oudwijkerveld Buitengebied";
    double h1 = wd_text_height(cr, shortname, &st, 200);
    double h2 = wd_text_height(cr, longname, &st, 200);
    assert_true(h1 > 18 && h1 < 30); /* one line of 20 pt */
    assert_true(h2 > 2.5 * h1);      /* at least three lines */
    /* The drawn height is the measured one. */
    assert_true(fabs(wd_text_draw(cr, longname, &st, 10, 10, 200) - h2) < 1e-9);
    /* A wider box needs fewer lines. */
    assert_true(wd_text_height(cr, longname, &st, 500) < h2);
    /* A single unbreakable word wider than the box still wraps (by characters). */
    double hw = wd_text_height(cr, "Oudwijkervelderbuitengebiedsgrens", &st, 80);
    assert_true(hw > 2.5 * h1);
    /* max_lines keeps it to that many lines, ellipsized. */
    const wd_text_style one = {20, 1, WD_ALIGN_LEFT, 1};
    assert_true(fabs(wd_text_height(cr, longname, &one, 200) - h1) < 1.0);
    const wd_text_style two = {20, 1, WD_ALIGN_LEFT, 2};
    double h22 = wd_text_height(cr, longname, &two, 200);
    assert_true(h22 > 1.5 * h1 && h22 < 2.5 * h1);
    /* Sizes below 8 pt are raised to 8 pt. */
    const wd_text_style tiny = {3, 0, WD_ALIGN_LEFT, 0}, eight = {8, 0, WD_ALIGN_LEFT, 0};
    assert_true(fabs(wd_text_height(cr, "x", &tiny, 100) - wd_text_height(cr, "x", &eight, 100)) <
                1e-9);
    assert_true(fabs(wd_text_width(cr, "Buurt", &tiny) - wd_text_width(cr, "Buurt", &eight)) <
                1e-9);
    /* Nothing to draw. */
    assert_true(wd_text_height(cr, "", &st, 100) == 0);
    assert_true(wd_text_draw(cr, NULL, &st, 0, 0, 100) == 0);
    assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

/* The text is inked only inside its box. */
static void draws_inside_box(void **state)
{
    (void)state;
    cairo_surface_t *s;
    cairo_t *cr = context(&s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    const wd_text_style st = {14, 0, WD_ALIGN_LEFT, 0};
    const char *t = "Welgelegen, Den Hommel en de Oog in Al-buurten rond het Merwedekanaal";
    double h = wd_text_draw(cr, t, &st, 100, 100, 150);
    cairo_surface_flush(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    long inside = 0, outside = 0;
    for (int y = 0; y < 800; y++)
        for (int x = 0; x < 600; x++) {
            unsigned v = *(const unsigned *)(data + y * stride + x * 4) & 0xffffff;
            if (v == 0xffffff) continue;
            if (x >= 99 && x <= 251 && y >= 99 && y <= 100 + h + 1)
                inside++;
            else
                outside++;
        }
    assert_true(inside > 500);
    assert_int_equal(outside, 0);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

/* A PDF stream that goes nowhere: the PDF surface, unlike an image, passes the text itself on
 * to cairo, which checks it. */
static cairo_status_t no_write(void *closure, const unsigned char *data, unsigned int length)
{
    (void)closure;
    (void)data;
    (void)length;
    return CAIRO_STATUS_SUCCESS;
}

static void invalid_text_is_drawn(void **state)
{
    (void)state;
    /* Drawn, a name cut inside a character leaves the cairo context usable (pango would
     * warn and cairo refuse the page: "input string not valid UTF-8"). */
    cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(no_write, NULL, 400, 100);
    cairo_t *cr = cairo_create(sf);
    wd_text_style st = {.size = 10};
    assert_true(wd_text_draw(cr, "Oude Haven \xe2\x82", &st, 5, 5, 390) > 0);
    assert_true(wd_text_draw(cr, "\xff\xfe kapot", &st, 5, 40, 390) > 0);
    assert_true(wd_text_height(cr, "\xc3", &st, 390) >= 0);
    assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
    cairo_destroy(cr);
    cairo_surface_destroy(sf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers),
        cmocka_unit_test(signed_percent_value),
        cmocka_unit_test(labels_with_units),
        cmocka_unit_test(small_buffers),
        cmocka_unit_test(dates),
        cmocka_unit_test(wrapping),
        cmocka_unit_test(draws_inside_box),
        cmocka_unit_test(invalid_text_is_drawn),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    wd_text_release_fonts();
    return failed;
}
