/* The visual regression of the test programs that draw pages (included into them, as the
 * fetchers' wd_test_batch.c is): a page rendered to a cairo image surface is compared with a
 * PNG in tests/data/plots/ after averaging blocks of REF_BLOCK x REF_BLOCK pixels to grey.
 * Font rasterisation may move an edge by a pixel between builds, which a block average hardly
 * sees, while a moved chart, a lost label or a changed colour changes many blocks. With
 * WD_UPDATE_REFERENCES=1 the reference is written instead (then look at it). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "wd_test_util.h"

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REF_BLOCK 3
/* Mean absolute block difference (0..255) and share of blocks differing by more than 40. */
#define REF_MAX_MEAN 1.5
#define REF_MAX_SHARE 0.004

/* cairo's PNG reader gives ARGB32 or RGB24; the comparison reads both as 0xAARRGGBB words. */
static cairo_surface_t *read_png(const char *path)
{
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return NULL;
    }
    return s;
}

/* Compare `got` with the reference tests/data/plots/NAME.png, failing the test (and keeping
 * the page beside the reference as NAME.png.actual.png) when they differ. */
WD_TEST_UNUSED static void wd_test_image_check(cairo_surface_t *got, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/plots/%s.png", WD_TEST_DATA, name);
    const char *update = getenv("WD_UPDATE_REFERENCES");
    if (update && strcmp(update, "1") == 0) {
        assert_int_equal(cairo_surface_write_to_png(got, path), CAIRO_STATUS_SUCCESS);
        return;
    }
    cairo_surface_t *want = read_png(path);
    if (!want) print_error("no reference %s (make it with WD_UPDATE_REFERENCES=1)\n", path);
    assert_non_null(want);
    double mean, share;
    wd_test_image_difference(got, want, REF_BLOCK, &mean, &share);
    if (mean > REF_MAX_MEAN || share > REF_MAX_SHARE) {
        char keep[1100];
        snprintf(keep, sizeof keep, "%s.actual.png", path);
        cairo_surface_write_to_png(got, keep);
        print_error("%s: mean difference %.2f, %.2f%% of blocks differ (see %s)\n", path, mean,
                    100 * share, keep);
    }
    assert_true(mean <= REF_MAX_MEAN);
    assert_true(share <= REF_MAX_SHARE);
    cairo_surface_destroy(want);
}
