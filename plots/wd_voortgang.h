/* The follow-up report (voortgangsrapport) of a bewonersberaad as an A4 PDF.
 *
 * From the follow-up the engine made (engine/wd_voortgang.h): per chosen opgave a table of its
 * indicators with the figure at the beraad and the latest one side by side, each with its
 * interval or counts, year and table, the verdict in words ("gestegen, meer dan toeval",
 * "binnen de onzekerheid", "niet te vergelijken: buurtgrens gewijzigd", ...), the label
 * "modelschatting, geen meting" beside a RIVM estimate, and with several beraden the path since
 * the first; then how the verdicts were reached. It draws what it is given and computes
 * nothing. */
#ifndef WD_VOORTGANG_RENDER_H
#define WD_VOORTGANG_RENDER_H

#include "engine/wd_error.h"
#include "engine/wd_voortgang.h"

#include <cairo.h>

/* Draw the report on `cr` (A4 in points); cairo_show_page between pages when `paged` is set.
 * Returns the number of pages (at least 1) or a negative wd_code. `today` is the Dutch date
 * printed on it. */
int wd_voortgang_draw(const wd_voortgang *v, const char *today, cairo_t *cr, int paged,
                      wd_error *err);

/* Write the report as a PDF at `path`, whole or not at all. Errors name the path. */
int wd_voortgang_render(const wd_voortgang *v, const char *today, const char *path, wd_error *err);

#endif
