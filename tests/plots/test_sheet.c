/* Tests of plots/wd_sheet and plots/wd_sheet_fill: the plain words ("1 op de N" with its
 * rounding, the comparison of amounts) and each rule of the open questions on hand-made
 * numbers; the sheets of a buurt and a wijk of the demo filled from its session (figures,
 * sources, groups, questions, the opgaven in their own order), drawn against reference images
 * (tests/data/plots/sheet-*.png), text never below the stated sizes (the heights of pdftotext's
 * word boxes against those of text set at those sizes), colour only inside the balance chart
 * (the rest of the poster is grey), LIX of the words a resident reads, and the error paths
 * (a page that does not exist, an unwritable path that keeps the old file).
 *
 * WD_UPDATE_REFERENCES=1 rewrites the reference images (then look at them). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "demo/wd_demo.h"
#include "engine/wd_werkgebied.h"
#include "plots/wd_render.h"
#include "plots/wd_sheet.h"
#include "plots/wd_sheet_fill.h"
#include "plots/wd_text.h"
#include "wd_test_util.h"
#include "wd_test_image.c"

#include <cairo-pdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REF_DPI 30.0
#define FIXED_DATE "24 november 2026"

static void share(double pct, const char *want)
{
    char buf[64];
    assert_int_equal(wd_sheet_share_words(buf, sizeof buf, pct), 0);
    if (strcmp(buf, want) != 0) print_error("%g%%: '%s', want '%s'\n", pct, buf, want);
    assert_string_equal(buf, want);
}

static void share_words(void **state)
{
    (void)state;
    share(19.0, "1 op de 5"); /* 100 / 19 = 5.3 */
    share(16.4, "1 op de 6");
    share(8.8, "1 op de 11");
    share(4.4, "1 op de 25"); /* 22.7 -> 25, to a multiple of 5 above 20 */
    share(4.8, "1 op de 20"); /* 20.8 -> 20 */
    share(3.2, "1 op de 30"); /* 31.25 -> 30 */
    share(1.4, "1 op de 70"); /* 71.4 -> 70, a multiple of 10 above 50 */
    share(33.3, "1 op de 3");
    share(68.0, "2 op de 3");
    share(72.4, "7 op de 10"); /* 3/4 is 2.6 away, 7/10 2.4 */
    share(76.0, "3 op de 4");
    share(40.0, "2 op de 5");
    share(45.0, "1 op de 2"); /* as far from 2/5: the smaller number below the line */
    share(92.0, "9 op de 10");
    share(97.5, "bijna iedereen");
    share(0.6, "minder dan 1 op de 100");
    share(0, "niemand");
    char buf[8];
    assert_int_equal(wd_sheet_share_words(buf, sizeof buf, NAN), WD_EUSAGE);
    assert_int_equal(wd_sheet_share_words(buf, sizeof buf, 100.5), WD_EUSAGE);
    assert_int_equal(wd_sheet_share_words(buf, sizeof buf, -1), WD_EUSAGE);
    assert_int_equal(wd_sheet_share_words(buf, 4, 19), WD_ENOMEM);
}

static void compare_words(void **state)
{
    (void)state;
    assert_string_equal(wd_sheet_compare_words(41.9, 40.3), "ongeveer even hoog als");
    assert_string_equal(wd_sheet_compare_words(45.5, 40.3), "iets hoger dan");
    assert_string_equal(wd_sheet_compare_words(35.6, 40.3), "iets lager dan");
    assert_string_equal(wd_sheet_compare_words(52.0, 40.3), "hoger dan");
    assert_string_equal(wd_sheet_compare_words(61.0, 40.3), "veel hoger dan");
    /* Half is as far below as twice is above. */
    assert_string_equal(wd_sheet_compare_words(20.15, 40.3), "veel lager dan");
    assert_string_equal(wd_sheet_compare_words(30.0, 40.3), "lager dan");
    assert_null(wd_sheet_compare_words(NAN, 40.3));
    assert_null(wd_sheet_compare_words(41.9, 0));
}

static void question_rules(void **state)
{
    (void)state;
    /* 1: the largest |z|, a NAN skipped. */
    const double z[] = {0.4, NAN, -1.83, 1.2};
    assert_int_equal(wd_sheet_most_different(z, 4), 2);
    const double none[] = {NAN, NAN};
    assert_int_equal(wd_sheet_most_different(none, 2), -1);
    /* 2: rose from 19.1 to 23.8, then fell to 22.9 (3.8% of 23.8): turned down. */
    double size = 0;
    const double down[] = {19.1, 20.4, 21.7, 23.8, 22.9};
    assert_int_equal(wd_sheet_turn(down, 5, &size), -1);
    assert_true(fabs(size - 0.9 / 23.8) < 1e-12);
    const double up[] = {9.4, 8.7, 8.1, 8.6};
    assert_int_equal(wd_sheet_turn(up, 4, &size), 1);
    /* Still rising, a last change under 1%, too few years, a gap: no turn. */
    const double rising[] = {19.1, 20.4, 21.7};
    assert_int_equal(wd_sheet_turn(rising, 3, &size), 0);
    const double flat[] = {19.1, 20.4, 21.7, 21.6};
    assert_int_equal(wd_sheet_turn(flat, 4, &size), 0);
    assert_int_equal(wd_sheet_turn(down, 2, &size), 0);
    const double gap[] = {19.1, NAN, 21.7, 20.0};
    assert_int_equal(wd_sheet_turn(gap, 4, &size), 0);
    /* 3: one figure says more need (+0.9), another less (-0.7). */
    const double need[] = {0.2, 0.9, NAN, -0.7};
    int a = -1, b = -1;
    assert_int_equal(wd_sheet_disagree(need, 4, &a, &b), 1);
    assert_int_equal(a, 1);
    assert_int_equal(b, 3);
    const double agree[] = {0.2, 0.9, -0.4};
    assert_int_equal(wd_sheet_disagree(agree, 3, &a, &b), 0);
}

/* The demo's store and session, and the sheets of a buurt and a wijk, made once. */
typedef struct {
    char *dir;
    wd_session s;
    wd_sheet *buurt, *wijk, *werkgebied;
} fixture;

/* The fetch date of a source ("(opgehaald 3 december 2026)") is the day the demo ran: fixed,
 * as the sheet's own date, so that the pictures do not change with the calendar. */
static void fix_dates(wd_sheet *sh)
{
    snprintf(sh->generated_on, sizeof sh->generated_on, FIXED_DATE);
    for (int k = 0; k < sh->n_sources; k++) {
        char *at = strstr(sh->sources[k], " (opgehaald ");
        if (at)
            snprintf(at, sizeof sh->sources[k] - (size_t)(at - sh->sources[k]),
                     " (opgehaald " FIXED_DATE ")");
    }
}

static wd_sheet *sheet_of(fixture *f, const char *code)
{
    int r = wd_dataset_region(f->s.ds, code);
    assert_true(r >= 0);
    wd_profile *p = malloc(sizeof *p);
    wd_sheet *sh = malloc(sizeof *sh);
    wd_error err = {0};
    assert_int_equal(wd_render_fill(p, &f->s, (size_t)r, 0, &err), 0);
    assert_int_equal(wd_sheet_fill(sh, p, &f->s, (size_t)r, &err), 0);
    fix_dates(sh);
    free(p);
    return sh;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    char db[1024];
    f->dir = wd_test_tmpdir();
    if (wd_test_demo_store(f->dir, WD_DEMO_DEFAULT_BUURTEN, 20260126, db, sizeof db)) return -1;
    /* The session's options borrow the path: kept in the fixture's folder name's buffer. */
    static char store[1024];
    snprintf(store, sizeof store, "%s", db);
    wd_session_options opt = {.store = store};
    wd_error err = {0};
    /* A werkgebied of three buurten, two of them in the wijk above. */
    wd_store *st;
    const char *members[] = {"BU99990101", "BU99990102", "BU99990305"};
    char code[16];
    if (wd_store_open(&st, store, 0, &err) ||
        wd_werkgebied_make(st, "Havenkwartier", members, 3, NULL, 0, code, sizeof code, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    wd_store_close(st);
    if (wd_render_open(&f->s, &opt, "BU99990101", 0, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    f->buurt = sheet_of(f, "BU99990101");
    f->wijk = sheet_of(f, "WK999901");
    f->werkgebied = sheet_of(f, "WG0001");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    free(f->buurt);
    free(f->wijk);
    free(f->werkgebied);
    wd_session_close(&f->s);
    wd_test_rmtree(f->dir);
    free(f->dir);
    free(f);
    wd_text_release_fonts();
    return 0;
}

static void filled_from_the_session(void **state)
{
    fixture *f = *state;
    const wd_sheet *b = f->buurt, *w = f->wijk;
    assert_string_equal(b->name, "Oude Haven");
    assert_int_equal(b->year, 2024);
    assert_int_equal(b->demo, 1);
    assert_true(b->n_figures >= 5 && b->n_figures <= 7);
    /* The share of 65+ (19.0% against the gemeente's 16.4%) in words, with its table. */
    assert_string_equal(b->figures[0].label, "65 jaar of ouder");
    assert_string_equal(b->figures[0].figure, "19%");
    assert_string_equal(b->figures[0].sentence,
                        "Ongeveer 1 op de 5 bewoners is 65 jaar of ouder; in de gemeente 1 op de "
                        "6.");
    assert_string_equal(b->figures[0].source, "CBS 85984NED, 2024");
    /* The amount beside the gemeente's. */
    int income = -1;
    for (int k = 0; k < b->n_figures; k++)
        if (strcmp(b->figures[k].label, "Inkomen") == 0) income = k;
    assert_true(income >= 0);
    wd_test_assert_contains(b->figures[income].sentence, "ongeveer even hoog als in de gemeente");
    /* Every figure's table among the sources, with its date. */
    for (int k = 0; k < b->n_figures; k++) {
        char table[64];
        sscanf(b->figures[k].source, "%*s %63[^,]", table);
        int found = 0;
        for (int i = 0; i < b->n_sources; i++)
            found |= strstr(b->sources[i], table) != NULL;
        assert_true(found);
    }
    wd_test_assert_contains(b->sources[0], "(opgehaald " FIXED_DATE ")");
    /* The opgaven of most need, in groups without ranks. */
    assert_int_equal(b->n_top, 3);
    wd_test_assert_contains(b->top[0].groups, "Oude Haven hoort bij een groep van");
    assert_null(strstr(b->top[0].groups, "rang"));
    assert_true(b->top[0].n_facts >= 2);
    /* Every opgave on the stemkaart, in the order of the definitions. */
    assert_int_equal(b->n_opgaven, (int)f->s.opg->n);
    for (int k = 0; k < b->n_opgaven; k++)
        assert_string_equal(b->opgaven[k].title, f->s.opg->items[k].title);
    assert_string_equal(b->opgaven[0].summary,
                        "Ouderen willen zo lang mogelijk gezond en zelfstandig thuis wonen.");
    /* Three questions, each from its rule. */
    wd_test_assert_contains(b->questions[0], "wijkt het meest af van de gemeente");
    assert_true(strstr(b->questions[1], "eerst en") || strstr(b->questions[1], "Geen van"));
    assert_true(strstr(b->questions[2], "twee kanten op") ||
                strstr(b->questions[2], "dezelfde kant"));
    /* A wijk: its buurten with the most need. */
    assert_string_equal(w->level, "wijk");
    assert_true(w->n_top >= 1);
    wd_test_assert_contains(w->top[0].groups, "Het grootst in ");
}

static cairo_surface_t *page_image(const wd_sheet *sh, wd_sheet_kind kind, wd_sheet_paper paper,
                                   int page, double dpi)
{
    double w, h, scale = dpi / 72;
    wd_sheet_page_size(kind, paper, &w, &h);
    cairo_surface_t *s =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(w * scale), (int)ceil(h * scale));
    cairo_t *cr = cairo_create(s);
    cairo_scale(cr, scale, scale);
    wd_error err = {0};
    int rc = wd_sheet_draw_page(sh, kind, paper, page, cr, &err);
    if (rc) print_error("%s\n", err.msg);
    assert_int_equal(rc, 0);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    return s;
}

static void pages_match_references(void **state)
{
    fixture *f = *state;
    static const struct {
        wd_sheet_kind kind;
        wd_sheet_paper paper;
        const char *name;
    } sheets[] = {{WD_SHEET_POSTER, WD_SHEET_A3, "poster"},
                  {WD_SHEET_POSTER, WD_SHEET_A4, "poster-a4"},
                  {WD_SHEET_GESPREK, WD_SHEET_A4, "gespreksblad"},
                  {WD_SHEET_STEMKAART, WD_SHEET_A4, "stemkaart"}};
    const char *const levels[] = {"buurt", "wijk", "werkgebied"};
    wd_sheet *const of[] = {f->buurt, f->wijk, f->werkgebied};
    for (int level = 0; level < 3; level++)
        for (size_t k = 0; k < sizeof sheets / sizeof *sheets; k++)
            for (int page = 0; page < wd_sheet_page_count(sheets[k].kind, sheets[k].paper);
                 page++) {
                if (level > 0 && sheets[k].paper == WD_SHEET_A4 &&
                    sheets[k].kind == WD_SHEET_POSTER)
                    continue; /* the wijk's A3 poster holds the same two halves */
                char name[80];
                snprintf(name, sizeof name, "sheet-%s-%s-%d", levels[level], sheets[k].name,
                         page + 1);
                cairo_surface_t *got =
                    page_image(of[level], sheets[k].kind, sheets[k].paper, page, REF_DPI);
                wd_test_image_check(got, name);
                cairo_surface_destroy(got);
            }
    /* The comparison can fail: the buurt's poster is not the wijk's. */
    cairo_surface_t *a = page_image(f->buurt, WD_SHEET_POSTER, WD_SHEET_A3, 0, REF_DPI);
    cairo_surface_t *b = page_image(f->wijk, WD_SHEET_POSTER, WD_SHEET_A3, 0, REF_DPI);
    double mean, diff;
    wd_test_image_difference(a, b, REF_BLOCK, &mean, &diff);
    assert_true(diff > REF_MAX_SHARE);
    cairo_surface_destroy(a);
    cairo_surface_destroy(b);
}

/* Colour only inside the balance chart: everywhere else the sheets are black on white, so a
 * black-and-white copy loses nothing. */
static void poster_is_grey_outside_the_balance(void **state)
{
    fixture *f = *state;
    const double dpi = 36, scale = dpi / 72;
    cairo_surface_t *s = page_image(f->buurt, WD_SHEET_POSTER, WD_SHEET_A4, 1, dpi);
    const unsigned char *d = cairo_image_surface_get_data(s);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    /* The chart's box: from the top margin, 118 x 1.75 points high. */
    double chart_bottom = (36 + 118 * 1.75) * scale;
    long coloured_in = 0, coloured_out = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            unsigned v = *(const unsigned *)(d + y * stride + x * 4);
            int r = (v >> 16) & 0xff, g = (v >> 8) & 0xff, bl = v & 0xff;
            int hi = r > g ? (r > bl ? r : bl) : (g > bl ? g : bl);
            int lo = r < g ? (r < bl ? r : bl) : (g < bl ? g : bl);
            if (hi - lo <= 40) continue;
            if (y < chart_bottom)
                coloured_in++;
            else
                coloured_out++;
        }
    assert_true(coloured_in > 0);
    assert_int_equal(coloured_out, 0);
    cairo_surface_destroy(s);
    /* The figures' half, the gespreksblad and the stemkaart have no colour at all. */
    const struct {
        wd_sheet_kind kind;
        int page;
    } grey[] = {{WD_SHEET_POSTER, 0}, {WD_SHEET_GESPREK, 0}, {WD_SHEET_STEMKAART, 0}};
    for (size_t k = 0; k < sizeof grey / sizeof *grey; k++) {
        s = page_image(f->buurt, grey[k].kind, WD_SHEET_A4, grey[k].page, dpi);
        d = cairo_image_surface_get_data(s);
        w = cairo_image_surface_get_width(s);
        h = cairo_image_surface_get_height(s);
        stride = cairo_image_surface_get_stride(s);
        long coloured = 0;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                unsigned v = *(const unsigned *)(d + y * stride + x * 4);
                int r = (v >> 16) & 0xff, g = (v >> 8) & 0xff, bl = v & 0xff;
                coloured += abs(r - g) > 40 || abs(g - bl) > 40 || abs(r - bl) > 40;
            }
        assert_int_equal(coloured, 0);
        cairo_surface_destroy(s);
    }
}

/* Height of the word boxes pdftotext -bbox gives for text set at `size` points (regular and
 * bold have the same box): the measure against which a sheet's words are held. */
static double box_height(const char *dir, double size)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/calibrate.pdf", dir);
    cairo_surface_t *s = cairo_pdf_surface_create(path, 200, 100);
    cairo_t *cr = cairo_create(s);
    wd_text_style st = {size, 0, WD_ALIGN_LEFT, 1};
    wd_text_draw(cr, "Klopt", &st, 10, 10, 180);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    char cmd[1200], *out = NULL;
    snprintf(cmd, sizeof cmd, "pdftotext -bbox '%s' -", path);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    double y0, y1;
    const char *at = strstr(out, "<word ");
    assert_non_null(at);
    assert_int_equal(sscanf(strstr(at, "yMin=\"") + 6, "%lf", &y0), 1);
    assert_int_equal(sscanf(strstr(at, "yMax=\"") + 6, "%lf", &y1), 1);
    free(out);
    return y1 - y0;
}

/* Every word of the PDF at `path` at least `min` high; the words equal to one of `big` (NULL
 * ended) at least `big_min`. Returns the number of words. */
static int check_sizes(const char *path, double min, const char *const *big, double big_min)
{
    char cmd[1200], *out = NULL;
    snprintf(cmd, sizeof cmd, "pdftotext -bbox '%s' -", path);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    int n = 0, n_big = 0;
    for (const char *at = strstr(out, "<word "); at; at = strstr(at + 1, "<word ")) {
        double y0, y1;
        assert_int_equal(sscanf(strstr(at, "yMin=\"") + 6, "%lf", &y0), 1);
        assert_int_equal(sscanf(strstr(at, "yMax=\"") + 6, "%lf", &y1), 1);
        const char *word = strchr(at, '>') + 1;
        size_t len = strcspn(word, "<");
        if (y1 - y0 < min - 0.01)
            print_error("%s: '%.*s' is %.2f high, under %.2f\n", path, (int)len, word, y1 - y0,
                        min);
        assert_true(y1 - y0 >= min - 0.01);
        for (int k = 0; big && big[k]; k++)
            if (strlen(big[k]) == len && strncmp(word, big[k], len) == 0) {
                n_big++;
                if (y1 - y0 < big_min - 0.01)
                    print_error("%s: figure '%s' is %.2f high, under %.2f\n", path, big[k], y1 - y0,
                                big_min);
                assert_true(y1 - y0 >= big_min - 0.01);
            }
        n++;
    }
    if (big) assert_true(n_big > 0);
    free(out);
    return n;
}

static void text_never_below_the_sizes(void **state)
{
    fixture *f = *state;
    char path[1024];
    double h14 = box_height(f->dir, WD_SHEET_POSTER_MIN), h11 = box_height(f->dir, 11);
    double h40 = box_height(f->dir, WD_SHEET_FIGURE_SIZE);
    assert_true(h14 > 14 && h40 > 40 * h14 / 14 - 0.5);
    /* The figures in large type: the first word of each ("19%", "€"). */
    const char *figs[WD_SHEET_MAX_FIGURES + 1] = {0};
    char first[WD_SHEET_MAX_FIGURES][32];
    for (int k = 0; k < f->buurt->n_figures; k++) {
        sscanf(f->buurt->figures[k].figure, "%31s", first[k]);
        figs[k] = first[k];
    }
    wd_error err = {0};
    for (int paper = 0; paper < 2; paper++) {
        snprintf(path, sizeof path, "%s/poster-%d.pdf", f->dir, paper);
        assert_int_equal(
            wd_sheet_render(f->buurt, WD_SHEET_POSTER, (wd_sheet_paper)paper, path, &err), 0);
        assert_true(check_sizes(path, h14, figs, h40) > 200);
    }
    snprintf(path, sizeof path, "%s/stemkaart.pdf", f->dir);
    assert_int_equal(wd_sheet_render(f->buurt, WD_SHEET_STEMKAART, WD_SHEET_A4, path, &err), 0);
    assert_true(check_sizes(path, box_height(f->dir, WD_SHEET_STEMKAART_MIN), NULL, 0) > 50);
    snprintf(path, sizeof path, "%s/gespreksblad.pdf", f->dir);
    assert_int_equal(wd_sheet_render(f->wijk, WD_SHEET_GESPREK, WD_SHEET_A4, path, &err), 0);
    assert_true(check_sizes(path, h11, NULL, 0) > 200);
    /* The check can fail: the profile's 8-point text is under the poster's measure. */
    wd_profile *p = malloc(sizeof *p);
    assert_int_equal(
        wd_render_fill(p, &f->s, (size_t)wd_dataset_region(f->s.ds, "BU99990101"), 0, &err), 0);
    snprintf(path, sizeof path, "%s/profiel.pdf", f->dir);
    assert_int_equal(wd_profile_render_pdf(p, path, &err), 0);
    free(p);
    char cmd[1200], *out = NULL;
    snprintf(cmd, sizeof cmd,
             "pdftotext -bbox '%s/profiel.pdf' - | awk -F'\"' '/<word/ && $8 - $4 < %.2f' | "
             "grep -c .",
             f->dir, h14);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    assert_true(atoi(out) > 100);
    free(out);
}

/* The poster's words at B1: LIX at most 40. */
static void poster_reads_at_b1(void **state)
{
    fixture *f = *state;
    char path[1024], cmd[1200], *out = NULL;
    wd_error err = {0};
    wd_sheet *const of[] = {f->buurt, f->wijk, f->werkgebied};
    for (int level = 0; level < 3; level++) {
        snprintf(path, sizeof path, "%s/lix.pdf", f->dir);
        assert_int_equal(wd_sheet_render(of[level], WD_SHEET_POSTER, WD_SHEET_A3, path, &err), 0);
        snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", path);
        assert_int_equal(wd_test_run(cmd, &out), 0);
        int a, b, c;
        double lix = wd_test_lix(out, &a, &b, &c);
        if (lix > 40) print_error("LIX %.1f (%d words, %d sentences, %d long)\n", lix, a, b, c);
        assert_true(a > 200);
        assert_true(lix <= 40);
        free(out);
    }
}

static void error_paths(void **state)
{
    fixture *f = *state;
    wd_error err = {0};
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 10, 10);
    cairo_t *cr = cairo_create(s);
    assert_int_equal(wd_sheet_draw_page(f->buurt, WD_SHEET_POSTER, WD_SHEET_A3, 1, cr, &err),
                     WD_EUSAGE);
    assert_string_equal(err.msg, "BU99990101: pagina 2 bestaat niet (1-1)");
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    wd_sheet_kind k;
    wd_sheet_paper p;
    assert_int_equal(wd_sheet_kind_of("stemkaart", &k), 0);
    assert_int_equal(k, WD_SHEET_STEMKAART);
    assert_int_equal(wd_sheet_kind_of("flyer", &k), -1);
    assert_int_equal(wd_sheet_paper_of(NULL, &p), 0);
    assert_int_equal(p, WD_SHEET_A3);
    assert_int_equal(wd_sheet_paper_of("a5", &p), -1);
    /* An unwritable folder: WD_EIO naming the path; an old file stays as it was. */
    char path[1024];
    snprintf(path, sizeof path, "%s/geen-map/poster.pdf", f->dir);
    assert_int_equal(wd_sheet_render(f->buurt, WD_SHEET_POSTER, WD_SHEET_A3, path, &err), WD_EIO);
    wd_test_assert_contains(err.msg, path);
    /* A target that cannot be replaced (a folder): WD_EIO, the folder as it was, no temporary
     * file beside it. */
    snprintf(path, sizeof path, "%s/map.pdf", f->dir);
    char cmd[1200], *out = NULL;
    snprintf(cmd, sizeof cmd, "mkdir '%s' && touch '%s/binnen'", path, path);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    free(out);
    assert_int_equal(wd_sheet_render(f->buurt, WD_SHEET_POSTER, WD_SHEET_A3, path, &err), WD_EIO);
    wd_test_assert_contains(err.msg, path);
    snprintf(cmd, sizeof cmd, "test -f '%s/binnen' && ! ls '%s' | grep -q tmp", path, f->dir);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    free(out);
    assert_int_equal(wd_sheet_render(NULL, WD_SHEET_POSTER, WD_SHEET_A3, path, &err), WD_EUSAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(share_words),
        cmocka_unit_test(compare_words),
        cmocka_unit_test(question_rules),
        cmocka_unit_test(filled_from_the_session),
        cmocka_unit_test(pages_match_references),
        cmocka_unit_test(poster_is_grey_outside_the_balance),
        cmocka_unit_test(text_never_below_the_sizes),
        cmocka_unit_test(poster_reads_at_b1),
        cmocka_unit_test(error_paths),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
