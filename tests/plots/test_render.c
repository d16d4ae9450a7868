/* Tests of plots/wd_render: format names, a profile session for a buurt (its gemeente
 * loaded, ranked and mapped), the errors a caller provokes (unknown code, Nederland, a year
 * outside the data, a page that does not exist), every profile of a gemeente written by
 * wd_render_all and by wd_render_profiles on workers, counted and reported as they go; a region
 * whose file cannot be made fails alone and is named; a file-size limit (as a full disk) at
 * the first byte, inside the stream's buffer and later fails every format with the file and the
 * cause, without a crash, a file or a temporary file, and stops a run at once. On the demo store
 * (Voorbeeldstad). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "demo/wd_demo.h"
#include "engine/wd_file.h"
#include "plots/wd_render.h"
#include "plots/wd_text.h"
#include "wd_test_util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *tmp, db[1100];

static int setup(void **state)
{
    (void)state;
    tmp = wd_test_tmpdir();
    return wd_test_demo_store(tmp, WD_DEMO_DEFAULT_BUURTEN, 20260126, db, sizeof db);
}

static int teardown(void **state)
{
    (void)state;
    wd_test_rmtree(tmp);
    free(tmp);
    return 0;
}

/* Files in `dir` ending in ".pdf", none of them temporary. */
static size_t count_pdfs(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        assert_null(strstr(e->d_name, ".tmp."));
        size_t len = strlen(e->d_name);
        n += len > 4 && strcmp(e->d_name + len - 4, ".pdf") == 0;
    }
    closedir(d);
    return n;
}

static void format_names(void **state)
{
    (void)state;
    wd_format f = WD_FORMAT_SVG;
    assert_int_equal(wd_render_format(NULL, &f), 0);
    assert_int_equal(f, WD_FORMAT_PDF);
    assert_int_equal(wd_render_format("png", &f), 0);
    assert_int_equal(f, WD_FORMAT_PNG);
    assert_int_equal(wd_render_format("svg", &f), 0);
    assert_int_equal(f, WD_FORMAT_SVG);
    assert_int_equal(wd_render_format("jpg", &f), -1);
}

static void profile_session_and_errors(void **state)
{
    (void)state;
    wd_session_options opt = {.store = db};
    wd_session s;
    wd_error err = {0};
    assert_int_equal(wd_render_open(&s, &opt, "BU99990101", 0, &err), 0);
    assert_non_null(s.rk);
    assert_non_null(s.geo);
    int r = wd_dataset_region(s.ds, "BU99990101");
    assert_true(r > 0);
    wd_profile *p = malloc(sizeof *p);
    assert_int_equal(wd_render_fill(p, &s, (size_t)r, 0, &err), 0);
    assert_string_equal(p->code, "BU99990101");
    assert_int_equal(p->demo, 1);
    assert_true(p->opgaven.shown);
    free(p);
    char path[1200];
    snprintf(path, sizeof path, "%s/bu.png", tmp);
    assert_int_equal(wd_render_region(&s, (size_t)r, 0, WD_FORMAT_PNG, 2, path, &err), 0);
    char *png = wd_test_read_file(path, NULL);
    assert_non_null(png);
    assert_memory_equal(png, "\x89PNG", 4);
    free(png);
    /* A year the store has no figures of is data it lacks, not a mistake in the call. */
    assert_int_equal(wd_render_region(&s, (size_t)r, 1990, WD_FORMAT_PDF, 0, path, &err), WD_ERR);
    wd_test_assert_contains(err.msg, "geen buurtgegevens van GM9999 voor jaar 1990 (de store heeft "
                                     "buurtgegevens over 2016-2024)");
    assert_int_equal(wd_render_region(&s, (size_t)r, 0, WD_FORMAT_SVG, 40, path, &err), WD_EUSAGE);
    wd_test_assert_contains(err.msg, "pagina 40 bestaat niet");
    wd_session_close(&s);

    assert_int_equal(wd_render_open(&s, &opt, "BU12345678", 0, &err), WD_ENOTFOUND);
    wd_test_assert_contains(err.msg, "BU12345678");
    wd_session_close(&s);
    assert_int_equal(wd_render_open(&s, &opt, "NL00", 0, &err), WD_EUSAGE);
    wd_test_assert_contains(err.msg, "heel Nederland");
    wd_session_close(&s);
}

typedef struct {
    size_t calls, last_done, last_total;
} seen;

static void on_profile(size_t done, size_t total, void *ctx)
{
    seen *v = ctx;
    v->calls++;
    v->last_done = done;
    v->last_total = total;
}

static void on_gemeente(size_t done, size_t total, const char *code, void *ctx)
{
    assert_string_equal(code, "GM9999");
    on_profile(done, total, ctx);
}

static void every_profile_of_the_gemeente(void **state)
{
    (void)state;
    wd_session_options opt = {.store = db, .read_only = 1};
    wd_session s;
    wd_error err = {0};
    char dir[1200];
    snprintf(dir, sizeof dir, "%s/alle", tmp);
    assert_int_equal(wd_render_open(&s, &opt, "GM9999", 0, &err), 0);
    size_t regions = s.ds->n_regions - 1; /* all but Nederland */
    wd_render_report report = {0};
    seen v = {0};
    assert_int_equal(wd_file_mkdirs(dir, &err), 0);
    assert_int_equal(wd_render_all(&s, dir, 0, on_profile, &v, &report, &err), 0);
    wd_session_close(&s);
    assert_int_equal(report.made, regions);
    assert_int_equal(report.n_failed, 0);
    assert_int_equal(v.calls, regions);
    assert_int_equal(v.last_done, regions);
    assert_int_equal(v.last_total, regions);
    assert_int_equal(count_pdfs(dir), regions);

    /* The same profiles on workers, into a folder that the call makes; there a folder named
     * as one region's file stands in the way of that one file: the region fails alone, the
     * others are written, and the run names it. */
    char in_the_way[1300], inside[1400];
    snprintf(dir, sizeof dir, "%s/werkers/gm", tmp);
    snprintf(in_the_way, sizeof in_the_way, "%s/BU99990101.pdf", dir);
    snprintf(inside, sizeof inside, "%s/iets", in_the_way);
    assert_int_equal(wd_file_mkdirs(in_the_way, &err), 0);
    assert_int_equal(wd_test_write_file(inside, "x", 1), 0);
    assert_int_equal(wd_session_open(&s, &opt, &err), 0);
    wd_render_report again = {0};
    seen g = {0};
    assert_int_equal(wd_render_profiles(&s, NULL, dir, 0, 2, on_gemeente, &g, &again, &err),
                     WD_EIO);
    wd_session_close(&s);
    wd_test_assert_contains(err.msg, "1 van de ");
    wd_test_assert_contains(err.msg, "profielen kon niet worden gemaakt");
    assert_int_equal(again.made, regions - 1);
    assert_int_equal(again.n_failed, 1);
    assert_string_equal(again.failed[0].code, "BU99990101");
    wd_test_assert_contains(again.failed[0].err.msg, in_the_way);
    assert_int_equal(g.calls, 1);
    assert_int_equal(g.last_total, 1);
    assert_int_equal(count_pdfs(dir), regions); /* the folder in the way counts as one */
    wd_render_report_free(&again);
    assert_int_equal(again.n_failed, 0);
}

typedef struct {
    const wd_session *s;
    size_t region;
    wd_format format;
    const char *path;
    wd_error err;
} limited_render;

static int render_limited(void *ctx)
{
    limited_render *l = ctx;
    return wd_render_region(l->s, l->region, 0, l->format, 0, l->path, &l->err);
}

typedef struct {
    wd_session *s;
    const char *dir;
    wd_render_report report;
    wd_error err;
} limited_run;

static int run_limited(void *ctx)
{
    limited_run *l = ctx;
    return wd_render_profiles(l->s, "GM9999", l->dir, 0, 2, NULL, NULL, &l->report, &l->err);
}

/* No file, no temporary file, nothing at all in `dir`. */
static void nothing_in(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            print_error("left in %s: %s\n", dir, e->d_name);
            fail();
        }
    closedir(d);
}

static void a_full_disk_fails_whole_and_named(void **state)
{
    (void)state;
    wd_session_options opt = {.store = db, .read_only = 1};
    wd_session s;
    wd_error err = {0};
    char dir[1200], path[1300];
    snprintf(dir, sizeof dir, "%s/vol", tmp);
    assert_int_equal(wd_file_mkdirs(dir, &err), 0);
    assert_int_equal(wd_render_open(&s, &opt, "BU99990101", 0, &err), 0);
    int r = wd_dataset_region(s.ds, "BU99990101");
    /* The first byte (where cairo 1.16 crashed on a failed stream), the stream's buffer,
     * further on. */
    const unsigned long long limits[] = {0, 1, 4096, 4097, 30000};
    const wd_format formats[] = {WD_FORMAT_PDF, WD_FORMAT_PNG, WD_FORMAT_SVG};
    for (size_t f = 0; f < 3; f++)
        for (size_t i = 0; i < sizeof limits / sizeof *limits; i += f ? 2 : 1) {
            snprintf(path, sizeof path, "%s/BU99990101.%s", dir,
                     f == 0   ? "pdf"
                     : f == 1 ? "png"
                              : "svg");
            limited_render l = {&s, (size_t)r, formats[f], path, {0}};
            assert_int_equal(wd_test_under_fsize_limit(limits[i], render_limited, &l), WD_EIO);
            wd_test_assert_contains(l.err.msg, "schrijven naar ");
            wd_test_assert_contains(l.err.msg, path);
            wd_test_assert_contains(l.err.msg, "bestand te groot (");
            nothing_in(dir);
        }
    wd_session_close(&s);
    /* A run stops at the first file: every other would fail the same. */
    assert_int_equal(wd_session_open(&s, &opt, &err), 0);
    for (size_t i = 0; i < sizeof limits / sizeof *limits; i += 4) {
        limited_run l = {&s, dir, {0}, {0}};
        assert_int_equal(wd_test_under_fsize_limit(limits[i], run_limited, &l), WD_EIO);
        wd_test_assert_contains(l.err.msg, "bestand te groot (");
        wd_test_assert_contains(l.err.msg, dir);
        assert_int_equal(l.report.made, 0);
        assert_int_equal(l.report.n_failed, 0);
        nothing_in(dir);
    }
    wd_session_close(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(format_names),
        cmocka_unit_test(profile_session_and_errors),
        cmocka_unit_test(every_profile_of_the_gemeente),
        cmocka_unit_test(a_full_disk_fails_whole_and_named),
    };
    int failed = cmocka_run_group_tests(tests, setup, teardown);
    wd_text_release_fonts();
    return failed;
}
