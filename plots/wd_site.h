/* The web version of the wijkprofielen: a static site of one gemeente.
 *
 * From a session for profiles (plots/wd_render.h, wd_render_open) every region of the gemeente
 * is filled once (wd_render_fill) and written twice from the same wd_profile: as its A4 PDF
 * and as an HTML page with the same content — the sentences of wd_profile_words (and of the
 * beraad page, wd_profile_beraad_words) as text, headings and lists, the key figures, the
 * parts compared and a buurt's buurten like it as tables, every chart drawn by its family on a
 * cairo SVG surface and put inline, with a title and a label in words. An index holds the
 * gemeente's map with each buurt a link. One style sheet, no JavaScript, no request to another
 * host: the folder works from file:// and on any web server.
 *
 * The folder is written whole: the site is made in a new folder beside it and renamed into
 * place, so that after an error the old site (or nothing) is there, never half of one. */
#ifndef WD_SITE_H
#define WD_SITE_H

#include "engine/wd_error.h"
#include "engine/wd_session.h"

#include <stddef.h>

/* Name of the file that marks a folder as a site written here: a folder holding it (and only
 * the files of a site) may be replaced by a new site. */
#define WD_SITE_MARK ".wijkdata-site"

/* The site's style sheet as written to site.css, in the palette of the profiles
 * (plots/wd_rgb.h), into buf (cap bytes; 8 KB is enough); returns buf. */
const char *wd_site_css(char *buf, size_t cap);

typedef struct {
    int year;          /* calendar year shown, 0: the latest, as wd_render_fill */
    const char *today; /* the Dutch date printed on every page ("24 november 2026"); NULL: today */
    /* Called (may be NULL) after each region with the number done and the total. */
    void (*progress)(size_t done, size_t total, void *ctx);
    void *ctx;
} wd_site_options;

/* Write the site of the gemeente loaded in `s` (opened with wd_render_open for a code of the
 * gemeente; the comparison of its buurten with those of the whole store, wd_session_similar,
 * is added to it here) into folder `dir`: index.html, site.css, and for every gemeente, wijk and
 * buurt REGIOCODE.html beside REGIOCODE.pdf, with every link relative. `dir` may not exist yet, be
 * empty, or hold an earlier site (WD_SITE_MARK and only a site's files), which is replaced
 * when the new one is complete; any other folder is WD_EUSAGE naming a file in it, before
 * anything is written. *pages (may be NULL) gets the number of region pages. Errors name the
 * region or the file. */
int wd_site_write(wd_session *s, const char *dir, const wd_site_options *opt, size_t *pages,
                  wd_error *err);

#endif
