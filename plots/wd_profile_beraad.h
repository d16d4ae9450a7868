/* The profile page "Wat bewoners kozen en wat de cijfers zeggen": the residents' order of the
 * wijkopgaven beside the order the figures gave them when the beraad was recorded
 * (engine/wd_beraad.h), where the two agree and where they differ, and the residents' notes.
 * A profile has the page when the store holds a beraad of its region (the newest is shown). */
#ifndef WD_PROFILE_BERAAD_H
#define WD_PROFILE_BERAAD_H

#include "engine/wd_beraad.h"
#include "engine/wd_error.h"
#include "engine/wd_store.h"

#include <cairo.h>

/* The page's data: the newest beraad of the region, as recorded. shown 0: no page. */
typedef struct {
    int shown;
    wd_beraad beraad;
    int both; /* opgaven with both orders (wd_beraad_both) */
} wd_profile_beraad;

/* Fill *out from the store's newest beraad of region `code` (shown 0 when it has none). */
int wd_profile_beraad_fill(wd_profile_beraad *out, wd_store *store, const char *code,
                           wd_error *err);

/* Draw the page's content in the box (x, y, w) down to `bottom`: the two orders side by side,
 * the agreements and differences in words, the notes. Returns 0 or a negative wd_code. */
int wd_profile_beraad_draw(cairo_t *cr, const wd_profile_beraad *b, double x, double y, double w,
                           double bottom);

#endif
