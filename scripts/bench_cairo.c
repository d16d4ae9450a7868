/* Benchmark (not a test): what a buurt profile costs, against what cairo alone needs to write
 * a PDF of the same pages.
 *
 * Usage: bench_cairo STORE GEMEENTE [WARMUP]   (a store made by `wijkdata demo`)
 *
 * 1. load: open the session of a profile (wd_render_open: the gemeente, every indicator,
 *    the ranking, the boundaries), as `wijkdata profile` does;
 * 2. profile: for every buurt, fill its profile and write its PDF (wd_render_region: layout,
 *    pango, cairo);
 * 3. cairo only: the same pages, recorded once, replayed into a new PDF: no data work, no
 *    layout, no text shaping; the floor of writing those pages.
 * Each buurt is written once: what a run keeps from page to page (fonts, the layouts of the
 * texts every profile repeats) serves the next buurt, as in a batch, but never an identical
 * page. The first WARMUP buurten (default 5) are written on both sides and not counted, so
 * that loading the fonts and filling the caches are not in the figures; both sides count
 * the same buurten. Prints milliseconds of wall time and of CPU time (the process's: on a
 * shared machine the steadier of the two; the wall time of the profile includes waiting for
 * its fsync) and kilobytes per profile. */
#include "engine/wd_session.h"
#include "lib/wd_lib.h"
#include "plots/wd_profile.h"
#include "plots/wd_render.h"
#include "plots/wd_text.h"

#include <cairo-pdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double seconds(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double now(void)
{
    return seconds(CLOCK_MONOTONIC);
}

static double cpu(void)
{
    return seconds(CLOCK_PROCESS_CPUTIME_ID);
}

static long file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long)sb.st_size : -1;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s STORE GEMEENTE [WARMUP]\n", argv[0]);
        return 2;
    }
    int warmup = argc > 3 ? atoi(argv[3]) : 5;
    if (warmup < 0) warmup = 0;
    wd_error err = {0};
    if (wd_lib_init(&err)) {
        fprintf(stderr, "%s: %s\n", argv[0], err.msg);
        return 1;
    }
    wd_session s = {0};
    wd_session_options so = {.store = argv[1]};
    wd_profile *p = malloc(sizeof *p);
    double t0 = now();
    /* As `wijkdata profile` opens it: the gemeente, Nederland's values a profile shows, the
     * ranking of its buurten and the boundaries. */
    int rc = p ? wd_render_open(&s, &so, argv[2], 0, &err) : WD_ENOMEM;
    const wd_dataset *ds = s.ds;
    double t_load = now() - t0;
    char tmpl[] = "/tmp/bench_cairo.XXXXXX", path[64];
    if (!rc && !mkdtemp(tmpl)) rc = WD_EIO;
    snprintf(path, sizeof path, "%s/p.pdf", tmpl);

    double t_profile = 0, t_cairo = 0, c_profile = 0, c_cairo = 0;
    long bytes = 0, cairo_bytes = 0;
    int n = 0, seen = 0;
    for (size_t r = 0; !rc && r < ds->n_regions; r++) {
        if (ds->regions[r].level != WD_LEVEL_BUURT) continue;
        int counted = seen++ >= warmup;
        double a = now(), c = cpu();
        rc = wd_render_region(&s, r, 0, WD_FORMAT_PDF, 0, path, &err);
        if (rc) break;
        if (counted) {
            t_profile += now() - a;
            c_profile += cpu() - c;
            bytes += file_size(path);
        }

        /* The same pages as recordings, then only cairo's PDF writing, timed. */
        if ((rc = wd_render_fill(p, &s, r, 0, &err))) break;
        int pages = wd_profile_page_count(p);
        cairo_surface_t *rec[8];
        cairo_rectangle_t ext = {0, 0, WD_PAGE_WIDTH, WD_PAGE_HEIGHT};
        for (int pg = 0; pg < pages; pg++) {
            rec[pg] = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &ext);
            cairo_t *cr = cairo_create(rec[pg]);
            if (wd_profile_draw_page(p, pg, cr, &err) < 0) rc = err.code;
            cairo_destroy(cr);
        }
        a = now();
        c = cpu();
        if (!rc) {
            cairo_surface_t *pdf = cairo_pdf_surface_create(path, WD_PAGE_WIDTH, WD_PAGE_HEIGHT);
            cairo_t *cr = cairo_create(pdf);
            for (int pg = 0; pg < pages; pg++) {
                cairo_set_source_surface(cr, rec[pg], 0, 0);
                cairo_paint(cr);
                cairo_show_page(cr);
            }
            cairo_destroy(cr);
            cairo_surface_destroy(pdf);
        }
        if (counted) {
            t_cairo += now() - a;
            c_cairo += cpu() - c;
            cairo_bytes += file_size(path);
            n++;
        }
        for (int pg = 0; pg < pages; pg++)
            cairo_surface_destroy(rec[pg]);
    }
    if (rc) fprintf(stderr, "bench_cairo: %s\n", err.msg[0] ? err.msg : "failed");
    if (!rc && n > 0) {
        printf("load + compute + boundaries of %s: %.1f ms (once per gemeente)\n", argv[2],
               1000 * t_load);
        printf("%d buurten after %d not counted; per profile:\n", n, seen - n);
        printf("buurt profile, fill + layout + PDF: %6.1f ms wall %6.1f ms CPU %4ld KB\n",
               1000 * t_profile / n, 1000 * c_profile / n, bytes / n / 1024);
        printf("same pages, cairo PDF writing only: %6.1f ms wall %6.1f ms CPU %4ld KB\n",
               1000 * t_cairo / n, 1000 * c_cairo / n, cairo_bytes / n / 1024);
        printf("ratio: %.2fx wall, %.2fx CPU\n", t_profile / t_cairo, c_profile / c_cairo);
    }
    unlink(path);
    rmdir(tmpl);
    wd_session_close(&s);
    free(p);
    wd_lib_cleanup();
    return rc ? 1 : 0;
}
