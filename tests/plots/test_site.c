/* Tests of plots/wd_site.c: the site of the demo gemeente, written from a session on a demo
 * store with one buurt renamed to "Buurt <A&B> \"x\" 'y'" and a beraad of another, checked as
 * files (every link and source resolves inside the site and none leaves it, names escaped,
 * headings in order, a label and a title on every chart, ids unique per page, the style
 * sheet's colour pairs at WCAG AA by the WCAG formula; the beraad page and the table of
 * buurten like a buurt as HTML text, lists and tables whose every block is on the same page of
 * the PDF, tests/plots/check_site_pdf.py) and in a real browser: headless Chromium loads pages from
 * file:// and its screenshots (desktop and phone width) are compared with reference images
 * in tests/data/plots/site-*.png within the profiles' tolerance (WD_UPDATE_REFERENCES=1
 * rewrites them; look at them). The folder is written whole: a foreign folder is refused
 * untouched, an earlier site replaced, an unwritable place an error that leaves nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/wd_beraad.h"
#include "engine/wd_session.h"
#include "plots/wd_render.h"
#include "plots/wd_site.h"
#include "plots/wd_text.h"
#include "wd_test_util.h"

#include <cairo.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ODD_NAME "Buurt <A&B> \"x\" 'y'"
#define ODD_ESCAPED "Buurt &lt;A&amp;B&gt; &quot;x&quot; &#39;y&#39;"
#define DATE "24 november 2026"
#define BERAAD_BUURT "BU99990103"
#define CHECK_SITE_PDF WD_TEST_DATA "/../plots/check_site_pdf.py"

typedef struct {
    char *dir;
    char db[1024];
    char site[1100];
    wd_session s;
} fixture;

/* A beraad of BERAAD_BUURT: the opgaven ranked in the reverse order of their definitions, the
 * last two chosen, a note with characters to escape. */
static int record_beraad(wd_session *s)
{
    wd_beraad_input in = {.region = BERAAD_BUURT, .date = "2025-03-12", .place = "De Haven"};
    in.n = s->opg->n < WD_BERAAD_MAX_OPGAVEN ? s->opg->n : WD_BERAAD_MAX_OPGAVEN;
    for (size_t k = 0; k < in.n; k++) {
        wd_beraad_row *row = &in.rows[k];
        snprintf(row->opgave, sizeof row->opgave, "%s", s->opg->items[k].id);
        row->votes = (int)(3 * k + 2);
        row->rank = (int)(in.n - k);
        row->chosen = k + 2 >= in.n;
        if (k == 0) snprintf(row->note, sizeof row->note, "Klopt <niet> & \"zo\"");
    }
    wd_error err = {0};
    int rc = wd_beraad_record(s, &in, "2025-03-12T20:00:00Z", &err);
    if (rc) fprintf(stderr, "beraad: %s\n", err.msg);
    return rc;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dir = wd_test_tmpdir();
    if (wd_test_demo_store(f->dir, 40, 20260126, f->db, sizeof f->db) != 0) return -1;
    wd_session_options so = {.store = f->db};
    wd_error err = {0};
    if (wd_render_open(&f->s, &so, "GM9999", 0, &err) != 0) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    if (record_beraad(&f->s) != 0) return -1;
    /* The dataset is the session's memory: a name no real buurt has, to be escaped. */
    int r = wd_dataset_region(f->s.ds, "BU99990102");
    snprintf(f->s.ds->regions[r].name, sizeof f->s.ds->regions[r].name, "%s", ODD_NAME);
    snprintf(f->site, sizeof f->site, "%s/site", f->dir);
    wd_site_options opt = {.today = DATE};
    size_t pages = 0;
    if (wd_site_write(&f->s, f->site, &opt, &pages, &err) != 0 || pages != 47) {
        fprintf(stderr, "site: %s (%zu pages)\n", err.msg, pages);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    wd_session_close(&f->s);
    wd_test_dir_free(&f->dir);
    free(f);
    wd_text_release_fonts();
    return 0;
}

static char *site_file(const fixture *f, const char *name)
{
    char path[1400];
    snprintf(path, sizeof path, "%s/%s", f->site, name);
    char *text = wd_test_read_file(path, NULL);
    if (!text) print_error("cannot read %s\n", path);
    assert_non_null(text);
    return text;
}

/* Whether page `text` has an element with id `id` (length n). */
static int has_id(const char *text, const char *id, size_t n)
{
    char want[256];
    snprintf(want, sizeof want, "id=\"%.*s\"", (int)n, id);
    return strstr(text, want) != NULL;
}

/* The first link or source of `text` (an HTML page of dir) that does not resolve to a file of
 * the site or an id of the page, or that leaves the site; NULL when there is none. */
static const char *broken_link(const char *dir, const char *text, char *why, size_t cap)
{
    static const char *const attrs[] = {"href=\"", "src=\"", "url("};
    for (size_t a = 0; a < sizeof attrs / sizeof *attrs; a++)
        for (const char *at = strstr(text, attrs[a]); at; at = strstr(at + 1, attrs[a])) {
            const char *v = at + strlen(attrs[a]);
            size_t n = strcspn(v, a == 2 ? ")" : "\"");
            if (memchr(v, ':', n) || (n > 1 && v[0] == '/') || n == 0) {
                snprintf(why, cap, "leaves the site: %.*s", (int)n, v);
                return why;
            }
            if (v[0] == '#') {
                if (!has_id(text, v + 1, n - 1)) {
                    snprintf(why, cap, "no id %.*s", (int)n, v);
                    return why;
                }
                continue;
            }
            char path[1600];
            size_t file = strcspn(v, "#\"");
            snprintf(path, sizeof path, "%s/%.*s", dir, (int)file, v);
            struct stat st;
            if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
                snprintf(why, cap, "no file %.*s", (int)file, v);
                return why;
            }
        }
    return NULL;
}

static void links_resolve(void **state)
{
    fixture *f = *state;
    DIR *d = opendir(f->site);
    assert_non_null(d);
    struct dirent *e;
    int pages = 0, pdfs = 0;
    char why[300];
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        pdfs += n > 4 && strcmp(e->d_name + n - 4, ".pdf") == 0;
        if (n < 5 || strcmp(e->d_name + n - 5, ".html") != 0) continue;
        char *text = site_file(f, e->d_name);
        const char *bad = broken_link(f->site, text, why, sizeof why);
        if (bad) print_error("%s: %s\n", e->d_name, bad);
        assert_null(bad);
        assert_null(strstr(text, "<script"));
        free(text);
        pages++;
    }
    closedir(d);
    assert_int_equal(pages, 48);
    assert_int_equal(pdfs, 47);
    char *css = site_file(f, "site.css");
    assert_null(strstr(css, "url("));
    assert_null(strstr(css, "@import"));
    free(css);
    /* The check finds what it looks for. */
    assert_non_null(broken_link(f->site, "<a href=\"BU00000000.html\">", why, sizeof why));
    assert_non_null(broken_link(f->site, "<a href=\"#nergens\">", why, sizeof why));
    assert_non_null(
        broken_link(f->site, "<link href=\"https://example.org/a.css\">", why, sizeof why));
    assert_non_null(broken_link(f->site, "<img src=\"//example.org/a.png\">", why, sizeof why));
    assert_null(broken_link(f->site, "<a href=\"index.html\"><p id=\"x\"><a href=\"#x\">", why,
                            sizeof why));
}

static void names_escaped(void **state)
{
    fixture *f = *state;
    const char *pages[] = {"BU99990102.html", "index.html", "WK999901.html"};
    for (size_t i = 0; i < 3; i++) {
        char *text = site_file(f, pages[i]);
        wd_test_assert_contains(text, ODD_ESCAPED);
        assert_null(strstr(text, "<A&B>"));
        free(text);
    }
}

/* Headings in order: one h1, and no level deeper than one below the one before it. */
static void headings_in_order(void **state)
{
    fixture *f = *state;
    const char *pages[] = {"index.html", "GM9999.html", "WK999901.html", "BU99990101.html",
                           BERAAD_BUURT ".html"};
    for (size_t i = 0; i < 5; i++) {
        char *text = site_file(f, pages[i]);
        int last = 0, h1 = 0;
        for (const char *at = strstr(text, "<h"); at; at = strstr(at + 1, "<h")) {
            if (at[2] < '1' || at[2] > '6') continue;
            int level = at[2] - '0';
            h1 += level == 1;
            if (level > last + 1) print_error("%s: h%d after h%d\n", pages[i], level, last);
            assert_true(level <= last + 1);
            last = level;
        }
        assert_int_equal(h1, 1);
        free(text);
    }
}

/* Every chart is an image with its label and a title; ids are unique on a page. */
static void charts_labelled(void **state)
{
    fixture *f = *state;
    char *text = site_file(f, "BU99990101.html");
    int charts = 0;
    for (const char *at = strstr(text, "<svg"); at; at = strstr(at + 1, "<svg")) {
        const char *end = strchr(at, '>');
        assert_non_null(end);
        char open[4096];
        snprintf(open, sizeof open, "%.*s", (int)(end - at), at);
        wd_test_assert_contains(open, "role=\"img\"");
        const char *label = strstr(open, "aria-label=\"");
        assert_non_null(label);
        assert_true(strlen(label) > 40); /* words, not a name */
        assert_memory_equal(end + 1, "<title>", 7);
        charts++;
    }
    assert_true(charts >= 15);
    wd_test_assert_contains(text, "aria-label=\"Balans van draagkracht en draaglast: draagkracht "
                                  "index");
    wd_test_assert_contains(text, "<table class=\"kern\">");
    wd_test_assert_contains(text, "href=\"BU99990101.pdf\"");
    for (const char *at = strstr(text, " id=\""); at; at = strstr(at + 1, " id=\"")) {
        size_t n = strcspn(at + 5, "\"");
        char want[300];
        snprintf(want, sizeof want, " id=\"%.*s\"", (int)n, at + 5);
        const char *again = strstr(at + 1, want);
        if (again) print_error("id %s twice\n", want);
        assert_null(again);
    }
    free(text);
}

/* The beraad page and the buurten like a buurt in words, lists and a table, not a chart, each
 * block said on the same page of the PDF; the note escaped. */
static void beraad_and_similar_as_html(void **state)
{
    fixture *f = *state;
    char cmd[2400], *out = NULL;
    snprintf(cmd, sizeof cmd, "'%s' '%s' '%s' %s", WD_TEST_SYSTEM_PYTHON, CHECK_SITE_PDF, f->site,
             BERAAD_BUURT);
    int rc = wd_test_run(cmd, &out);
    if (rc) print_error("%s\n", out);
    assert_int_equal(rc, 0);
    wd_test_assert_contains(out, "ok: beraad ");
    free(out);
    char *text = site_file(f, BERAAD_BUURT ".html");
    wd_test_assert_contains(text, "<h3>Volgens de bewoners</h3>\n<ol class=\"volgorde\">\n"
                                  "<li value=\"1\" class=\"gekozen\">");
    wd_test_assert_contains(text, "<h3>Klopt dit? Wat bewoners over de cijfers zeiden</h3>");
    wd_test_assert_contains(text,
                            "\xe2\x80\x9cKlopt &lt;niet&gt; &amp; &quot;zo&quot;\xe2\x80\x9d");
    wd_test_assert_contains(text, "<th scope=\"col\">Afstand</th>");
    free(text);
    /* A buurt without a beraad has no such section, and a wijk no buurten like it. */
    text = site_file(f, "BU99990101.html");
    assert_null(strstr(text, "Wat bewoners kozen"));
    wd_test_assert_contains(text, "<h3>Buurten zoals Oude Haven</h3>");
    free(text);
    text = site_file(f, "WK999901.html");
    assert_null(strstr(text, "Buurten zoals"));
    free(text);
}

/* WCAG 2 relative luminance and contrast, written out here from the definition. */
static double channel(unsigned v)
{
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(const char *hex)
{
    unsigned r, g, b;
    if (sscanf(hex, "#%2x%2x%2x", &r, &g, &b) != 3) fail_msg("not a colour: %.8s", hex);
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

static double contrast(const char *a, const char *b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* The value of `prop` ("color: " or "background: ") in rule body [body, end), or NULL. */
static const char *prop_in(const char *body, const char *end, const char *prop)
{
    for (const char *at = strstr(body, prop); at && at < end; at = strstr(at + 1, prop))
        if (at == body || at[-1] == ' ' || at[-1] == '{' || at[-1] == ';')
            return at[strlen(prop)] == '#' ? at + strlen(prop) : NULL;
    return NULL;
}

/* Every rule of the style sheet that sets a text colour or a background: the pair it makes
 * (with the body's background or colour where it sets only one) against WCAG AA, 4.5:1.
 * Returns the pairs below it (printed); *pairs gets the number checked. */
static int css_below_aa(const char *css, int *pairs)
{
    const char *body = strstr(css, "\nbody {");
    assert_non_null(body);
    const char *body_end = strchr(body, '}');
    const char *body_fg = prop_in(body, body_end, "color: ");
    const char *body_bg = prop_in(body, body_end, "background: ");
    assert_non_null(body_fg);
    assert_non_null(body_bg);
    int bad = 0;
    *pairs = 0;
    for (const char *open = strchr(css, '{'); open; open = strchr(open + 1, '{')) {
        const char *end = strchr(open, '}');
        if (!end) break;
        const char *fg = prop_in(open, end, "color: "), *bg = prop_in(open, end, "background: ");
        if (!fg && !bg) continue;
        double c = contrast(fg ? fg : body_fg, bg ? bg : body_bg);
        if (c < 4.5) {
            const char *sel = open;
            while (sel > css && sel[-1] != '\n')
                sel--;
            print_message("%.*s: contrast %.2f\n", (int)(open - sel), sel, c);
            bad++;
        }
        ++*pairs;
    }
    return bad;
}

static void css_contrast(void **state)
{
    fixture *f = *state;
    char *css = site_file(f, "site.css");
    int pairs = 0;
    assert_int_equal(css_below_aa(css, &pairs), 0);
    assert_true(pairs >= 10);
    free(css);
    /* The formula against the WCAG's own figures: black on white 21:1, #767676 on white
     * about 4.54:1. */
    wd_test_assert_rel(contrast("#000000", "#ffffff"), 21.0, 1e-9);
    wd_test_assert_rel(contrast("#767676", "#ffffff"), 4.54, 0.002);
    /* And the check finds a pair below AA, also one that only sets a background. */
    assert_int_equal(css_below_aa("\nbody { color: #1a1a1a; background: #ffffff; }\n"
                                  ".zwak { color: #999999; background: #ffffff; }\n"
                                  ".donker { background: #333333; }\n",
                                  &pairs),
                     2);
}

/* ---- in the browser -------------------------------------------------------------------- */

static int chromium_runs(void)
{
    return wd_test_run("chromium --version >/dev/null 2>&1", NULL) == 0;
}

/* A screenshot of `page` at w x h by headless Chromium into `png`; 0 on success. */
static int screenshot(const fixture *f, const char *page, int w, int h, const char *png)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd,
             "chromium --headless --disable-gpu --no-sandbox --hide-scrollbars "
             "--force-device-scale-factor=1 --user-data-dir='%s/chromium' --screenshot='%s' "
             "--window-size=%d,%d 'file://%s/%s' >/dev/null 2>&1",
             f->dir, png, w, h, f->site, page);
    return wd_test_run(cmd, NULL);
}

static void check_screenshot(const fixture *f, const char *page, int w, int h, const char *ref)
{
    char got_path[1200], ref_path[1200];
    snprintf(got_path, sizeof got_path, "%s/%s", f->dir, ref);
    snprintf(ref_path, sizeof ref_path, "%s/plots/%s", WD_TEST_DATA, ref);
    assert_int_equal(screenshot(f, page, w, h, got_path), 0);
    cairo_surface_t *got = cairo_image_surface_create_from_png(got_path);
    assert_int_equal(cairo_surface_status(got), CAIRO_STATUS_SUCCESS);
    assert_int_equal(cairo_image_surface_get_width(got), w);
    const char *update = getenv("WD_UPDATE_REFERENCES");
    if (update && strcmp(update, "1") == 0) {
        assert_int_equal(cairo_surface_write_to_png(got, ref_path), CAIRO_STATUS_SUCCESS);
        cairo_surface_destroy(got);
        return;
    }
    cairo_surface_t *want = cairo_image_surface_create_from_png(ref_path);
    if (cairo_surface_status(want) != CAIRO_STATUS_SUCCESS)
        print_error("no reference %s (make it with WD_UPDATE_REFERENCES=1)\n", ref_path);
    assert_int_equal(cairo_surface_status(want), CAIRO_STATUS_SUCCESS);
    double mean, share;
    wd_test_image_difference(got, want, 3, &mean, &share);
    if (mean > 1.5 || share > 0.004) {
        char keep[1300];
        snprintf(keep, sizeof keep, "%s.actual.png", ref_path);
        cairo_surface_write_to_png(got, keep);
        print_error("%s: mean difference %.2f, %.2f%% of blocks differ (see %s)\n", ref, mean,
                    100 * share, keep);
    }
    assert_true(mean <= 1.5);
    assert_true(share <= 0.004);
    cairo_surface_destroy(want);
    cairo_surface_destroy(got);
}

static void in_the_browser(void **state)
{
    fixture *f = *state;
    if (!chromium_runs()) {
        print_message("chromium ontbreekt of start niet: de browsertests worden overgeslagen\n");
        skip();
    }
    check_screenshot(f, "index.html", 1100, 1400, "site-index.png");
    check_screenshot(f, "BU99990101.html", 1100, 1800, "site-buurt.png");
    check_screenshot(f, "BU99990101.html", 390, 1400, "site-buurt-telefoon.png");
    /* The comparison can fail: the phone's screenshot is not the desktop's, and a page with
     * another name at the top is not its own reference. */
    char a[1200], b[1200];
    snprintf(a, sizeof a, "%s/a.png", f->dir);
    snprintf(b, sizeof b, "%s/b.png", f->dir);
    assert_int_equal(screenshot(f, "BU99990101.html", 1100, 1800, a), 0);
    assert_int_equal(screenshot(f, "BU99990103.html", 1100, 1800, b), 0);
    cairo_surface_t *sa = cairo_image_surface_create_from_png(a);
    cairo_surface_t *sb = cairo_image_surface_create_from_png(b);
    double mean, share;
    wd_test_image_difference(sa, sb, 3, &mean, &share);
    assert_true(mean > 1.5 || share > 0.004);
    cairo_surface_destroy(sa);
    cairo_surface_destroy(sb);
}

/* ---- the folder ------------------------------------------------------------------------ */

static void folder_whole(void **state)
{
    fixture *f = *state;
    wd_site_options opt = {.today = DATE};
    wd_error err = {0};
    char path[1300];
    /* A folder of someone else's files is refused before anything is written. */
    snprintf(path, sizeof path, "%s/eigen", f->dir);
    mkdir(path, 0755);
    char mine[1400];
    snprintf(mine, sizeof mine, "%s/notities.txt", path);
    assert_int_equal(wd_test_write_file(mine, "van mij\n", 8), 0);
    assert_int_equal(wd_site_write(&f->s, path, &opt, NULL, &err), WD_EUSAGE);
    wd_test_assert_contains(err.msg, "geen site van wijkdata (bijvoorbeeld 'notities.txt')");
    char *kept = wd_test_read_file(mine, NULL);
    assert_string_equal(kept, "van mij\n");
    free(kept);
    snprintf(mine, sizeof mine, "%s/index.html", path);
    assert_int_not_equal(access(mine, F_OK), 0);
    /* Nowhere to write: an error naming the place, and nothing left behind. */
    snprintf(path, sizeof path, "%s/bestaat-niet/site", f->dir);
    assert_int_equal(wd_site_write(&f->s, path, &opt, NULL, &err), WD_EIO);
    wd_test_assert_contains(err.msg, "kan geen map naast");
    wd_test_assert_contains(err.msg, "bestaat-niet/site");
    /* An earlier site is replaced whole: a file of the old one that the new one does not
     * have is gone, nothing is left beside the folder. */
    snprintf(mine, sizeof mine, "%s/BU00000001.html", f->site);
    assert_int_equal(wd_test_write_file(mine, "oud", 3), 0);
    size_t pages = 0;
    assert_int_equal(wd_site_write(&f->s, f->site, &opt, &pages, &err), 0);
    assert_int_equal(pages, 47);
    assert_int_not_equal(access(mine, F_OK), 0);
    DIR *d = opendir(f->dir);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strstr(e->d_name, "site.tmp.") || strstr(e->d_name, "site.old."))
            print_error("left behind: %s\n", e->d_name);
        assert_null(strstr(e->d_name, "site.tmp."));
        assert_null(strstr(e->d_name, "site.old."));
    }
    closedir(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(links_resolve),
        cmocka_unit_test(names_escaped),
        cmocka_unit_test(headings_in_order),
        cmocka_unit_test(charts_labelled),
        cmocka_unit_test(beraad_and_similar_as_html),
        cmocka_unit_test(css_contrast),
        cmocka_unit_test(in_the_browser),
        cmocka_unit_test(folder_whole),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
