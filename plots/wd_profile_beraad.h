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

/* The page's words, the same in the PDF (wd_profile_beraad_draw) and on the site
 * (plots/wd_site.c). */
typedef enum {
    WD_BERAAD_WORDS_INTRO,         /* when and where residents chose, how to read the page */
    WD_BERAAD_WORDS_COLUMN,        /* item 1: the head of the residents' order, 0: the figures' */
    WD_BERAAD_WORDS_NO_ORDER,      /* a column without an order (the figures of a gemeente) */
    WD_BERAAD_WORDS_FINDINGS_HEAD, /* "Waar bewoners en cijfers het eens zijn, en waar niet" */
    WD_BERAAD_WORDS_NO_COMPARISON, /* the figures give the region no order */
    WD_BERAAD_WORDS_FINDING,       /* item a wd_beraad_match: its lead and the opgaven it holds
                                      ("Eens: titel (bewoners 1, cijfers 2)."); "" for none */
    WD_BERAAD_WORDS_FINDING_WHY,   /* item a wd_beraad_match: what such a finding means, or "" */
    WD_BERAAD_WORDS_NOTES_HEAD,    /* "Klopt dit? Wat bewoners over de cijfers zeiden" */
    WD_BERAAD_WORDS_NOTE /* item an opgave's index: "titel: “opmerking”"; "" without */
} wd_beraad_words;

/* The words `w` (with `item`) of the page into buf[cap]; returns buf. */
const char *wd_profile_beraad_words(const wd_profile_beraad *pb, wd_beraad_words w, int item,
                                    char *buf, size_t cap);

/* The opgaven in the order of the residents' rank (`by_residents` 1) or the figures' (0), those
 * without that rank left out, into out (room for WD_BERAAD_MAX_OPGAVEN). Returns their number. */
size_t wd_profile_beraad_order(const wd_profile_beraad *pb, int by_residents,
                               const wd_store_beraad_opgave **out);

/* An opgave in such an order, without its rank: "titel (21 stemmen) — gekozen" (the votes only
 * in the residents' order). Returns buf. */
const char *wd_profile_beraad_line(const wd_store_beraad_opgave *o, int by_residents, char *buf,
                                   size_t cap);

/* Draw the page's content in the box (x, y, w) down to `bottom`: the two orders side by side,
 * the agreements and differences in words, the notes. Returns 0 or a negative wd_code. */
int wd_profile_beraad_draw(cairo_t *cr, const wd_profile_beraad *b, double x, double y, double w,
                           double bottom);

#endif
