/* The renderer of profiles: from a computing session (engine/wd_session.h) to the files.
 *
 * A session for profiles (wd_render_open) loads the gemeente of a region with Nederland's
 * values as far as a profile shows them, ranks its buurten for the wijkopgaven and reads the
 * boundaries for the maps. From it wd_render_fill makes the page data of one region and
 * wd_render_region writes its file; wd_render_profiles writes every profile of a gemeente or
 * of the whole store, gemeenten side by side on worker threads (each with its own cairo
 * surfaces and pango's font map of its thread). The CLI, the demo and the benchmark all go
 * this way. */
#ifndef WD_RENDER_H
#define WD_RENDER_H

#include "engine/wd_error.h"
#include "engine/wd_session.h"
#include "plots/wd_profile.h"

#include <stddef.h>

/* Resolution of a profile page as PNG: sharp on screen, small enough to mail. */
#define WD_RENDER_PNG_DPI 150

/* The format named `name` ("pdf", the default when NULL, "png" or "svg"): 0, or -1 for
 * anything else. */
int wd_render_format(const char *name, wd_format *out);

/* Open a session for the profiles of `code` (a buurt, wijk or gemeente: its gemeente is
 * loaded) in calendar year `year` (0: the latest): store and definitions of `opt`, data and
 * results, Nederland's values a profile shows, the ranking and the boundaries. On failure
 * `s` still needs wd_session_close. An unknown code is WD_ENOTFOUND, Nederland WD_EUSAGE. */
int wd_render_open(wd_session *s, const wd_session_options *opt, const char *code, int year,
                   wd_error *err);

/* Fill *p with the profile of region index `r` of the session, showing calendar year `year`
 * (0: the latest year in which the region has inhabitants), dated today. WD_EUSAGE for a year
 * outside the data. *p borrows the session's boundaries. */
int wd_render_fill(wd_profile *p, const wd_session *s, size_t r, int year, wd_error *err);

/* Write the profile of region index `r` at `path`: a PDF, or page `page` (1-based; 0: the
 * first) as PNG at WD_RENDER_PNG_DPI or SVG. The file appears only when complete. */
int wd_render_region(const wd_session *s, size_t r, int year, wd_format format, int page,
                     const char *path, wd_error *err);

/* A region whose profile could not be made, and why. */
typedef struct {
    char code[WD_CODE_MAX];
    wd_error err;
} wd_render_failure;

/* What a run over many profiles did: the profiles written, and the regions that failed alone
 * in the order of the run. Zero-initialised before the run; free with wd_render_report_free. */
typedef struct {
    size_t made;
    size_t n_failed;
    wd_render_failure *failed; /* n_failed of them */
} wd_render_report;

void wd_render_report_free(wd_render_report *r);

/* Write the profile of every region of the session's data except Nederland as
 * dir/REGIOCODE.pdf (dir must exist), in the data's order, calling `progress` (may be NULL)
 * after each with the count so far and the total; adds to *report. A region that cannot be
 * made (drawn, or written under its name) fails alone: the others are written, and the run
 * returns the first one's code with a message counting them. A failure that would fail every
 * file after it stops the run at once: no memory, or a disk that is full, too small for the
 * file, read-only or refuses access. */
int wd_render_all(const wd_session *s, const char *dir, int year,
                  void (*progress)(size_t done, size_t total, void *ctx), void *ctx,
                  wd_render_report *report, wd_error *err);

/* Every profile of `gemeente` (its wijken and buurten too), or with NULL of every gemeente of
 * the session's store, as dir/REGIOCODE.pdf (the folder is made, and what killed runs left in it
 * removed: wd_file_clean): each gemeente loaded, computed, ranked and mapped once, on `threads`
 * worker threads (0: one per processor), `progress` (may be NULL) after each gemeente as in
 * wd_each_options. The session must be open (wd_session_open); its opgaven are read here.
 * Regions fail alone or stop the run as in wd_render_all; *report (zero-initialised) says what
 * was made and what failed. After an error the profiles already written stay. */
int wd_render_profiles(wd_session *s, const char *gemeente, const char *dir, int year, int threads,
                       void (*progress)(size_t done, size_t total, const char *code, void *ctx),
                       void *ctx, wd_render_report *report, wd_error *err);

#endif
