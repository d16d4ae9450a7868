/* The booklet (boekje) of a gemeente or a werkgebied: one PDF to hand out at a meeting, with a
 * cover, a contents page with the page number of every profile, a bookmark per region (the PDF
 * outline: the gemeente, under it its wijken, under each wijk its buurten) and every profile
 * in that order: the gemeente, then each wijk followed by its buurten, then its werkgebieden.
 * A werkgebied's booklet is its own profile, then those of its members in their order, each a
 * bookmark under the werkgebied's.
 *
 * The profiles are drawn by the same page drawing as their own files
 * (wd_profile_draw_page) onto one cairo PDF surface, so a page of the booklet is the page of
 * the profile; the footer of each keeps the profile's own page count ("3/6"), while the
 * contents and the bookmarks go by the booklet's pages. A member of a werkgebied in another
 * gemeente has the profile of its own file, drawn from a session of its own gemeente. */
#ifndef WD_BOEKJE_H
#define WD_BOEKJE_H

#include "engine/wd_error.h"
#include "engine/wd_session.h"

/* Write the booklet of region index `r` of session `s` (opened with wd_render_open for it), a
 * gemeente or a werkgebied (WD_EUSAGE otherwise), for calendar year `year` (0: the latest) at
 * `path`, through the atomic writer:
 * the file appears only when complete, and an older one stays otherwise. Its buurten are
 * compared with the buurten of the whole store as in their own profiles (wd_session_similar,
 * added to the session here). Profiles are dated today, as wd_render_fill dates them. A region
 * that cannot be drawn fails the booklet with its code and the reason; errors name the path. */
int wd_boekje_write(wd_session *s, size_t r, int year, const char *path, wd_error *err);

#endif
