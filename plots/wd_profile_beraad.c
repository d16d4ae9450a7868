/* Implementation of wd_profile_beraad.h. */
#include "plots/wd_profile_beraad.h"

#include "plots/wd_rgb.h"
#include "plots/wd_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int wd_profile_beraad_fill(wd_profile_beraad *out, wd_store *store, const char *code, wd_error *err)
{
    memset(out, 0, sizeof *out);
    int rc = wd_beraad_find(&out->beraad, &out->shown, store, code, NULL, err);
    if (!rc && out->shown) out->both = wd_beraad_both(&out->beraad);
    return rc;
}

static double put(cairo_t *cr, const char *s, double size, int bold, wd_rgb c, double x, double y,
                  double w)
{
    wd_text_style st = {size, bold, WD_ALIGN_LEFT, 0};
    wd_rgb_set(cr, c);
    return wd_text_draw(cr, s, &st, x, y, w);
}

/* The opgaven of b in order of rank `by_residents` (1) or the figures' (0); those without a
 * rank are left out. Returns their number. */
static size_t in_order(const wd_beraad *b, int by_residents, const wd_store_beraad_opgave **out)
{
    size_t n = 0;
    for (int rank = 1; rank <= (int)b->n; rank++)
        for (size_t k = 0; k < b->n; k++) {
            const wd_store_beraad_opgave *o = &b->opg[k];
            if ((by_residents ? o->resident_rank : o->figure_rank) == rank) out[n++] = o;
        }
    return n;
}

/* One column of the two orders: a heading, then "1. title (21 stemmen) — gekozen". */
static double order_column(cairo_t *cr, const wd_beraad *b, int by_residents, double x, double y,
                           double w)
{
    const wd_store_beraad_opgave *list[WD_BERAAD_MAX_OPGAVEN];
    size_t n = in_order(b, by_residents, list);
    char head[160];
    if (by_residents)
        snprintf(head, sizeof head, "Volgens de bewoners");
    else
        snprintf(head, sizeof head, "Volgens de cijfers van %d", b->b.year);
    y += put(cr, head, 11, 1, wd_colour_text, x, y, w) + 6;
    if (n == 0)
        return y + put(cr,
                       "De cijfers geven een hele gemeente geen volgorde van de opgaven: zij "
                       "rangschikken de buurten binnen de gemeente.",
                       10, 0, wd_colour_muted, x, y, w);
    for (size_t k = 0; k < n; k++) {
        const wd_store_beraad_opgave *o = list[k];
        int rank = by_residents ? o->resident_rank : o->figure_rank;
        char line[300], votes[40] = "";
        if (by_residents && o->votes >= 0)
            snprintf(votes, sizeof votes, " (%d %s)", o->votes, o->votes == 1 ? "stem" : "stemmen");
        snprintf(line, sizeof line, "%d. %s%s%s", rank, o->title, votes,
                 o->chosen ? " \xe2\x80\x94 gekozen" : "");
        if (o->chosen) {
            double h = wd_text_height(cr, line, &(wd_text_style){10, 1, WD_ALIGN_LEFT, 0}, w - 8);
            cairo_rectangle(cr, x - 3, y - 2, w, h + 4);
            wd_rgb_set(cr, wd_colour_tint);
            cairo_fill(cr);
        }
        y += put(cr, line, 10, o->chosen, wd_colour_text, x, y, w - 8) + 6;
    }
    return y;
}

/* Appends "title (bewoners 1, cijfers 5)" to the list in buf for each opgave matching `m`.
 * Returns how many there were. */
static int list_of(char *buf, size_t cap, const wd_profile_beraad *pb, wd_beraad_match m)
{
    int n = 0;
    size_t len = strlen(buf);
    for (size_t k = 0; k < pb->beraad.n; k++) {
        const wd_store_beraad_opgave *o = &pb->beraad.opg[k];
        if (wd_beraad_compare(o, pb->both) != m || len >= cap) continue;
        len += (size_t)snprintf(buf + len, cap - len, "%s%s (bewoners %d, cijfers %d)",
                                n ? "; " : "", o->title, o->resident_rank, o->figure_rank);
        n++;
    }
    if (n && len < cap) snprintf(buf + len, cap - len, ".");
    return n;
}

static double findings(cairo_t *cr, const wd_profile_beraad *pb, double x, double y, double w)
{
    char buf[1600];
    y += put(cr, "Waar bewoners en cijfers het eens zijn, en waar niet", 11, 1, wd_colour_text, x,
             y, w) +
         6;
    if (pb->both == 0)
        return y +
               put(cr,
                   "Er is geen vergelijking: de cijfers geven dit gebied geen volgorde van de "
                   "opgaven.",
                   10, 0, wd_colour_text, x, y, w) +
               8;
    snprintf(buf, sizeof buf, "Eens: ");
    if (list_of(buf, sizeof buf, pb, WD_BERAAD_AGREE))
        y += put(cr, buf, 10, 0, wd_colour_text, x, y, w) + 6;
    snprintf(buf, sizeof buf, "Bewoners zetten voorop wat de cijfers laag rangschikken: ");
    if (list_of(buf, sizeof buf, pb, WD_BERAAD_RESIDENTS_FIRST)) {
        y += put(cr, buf, 10, 1, wd_colour_text, x, y, w) + 3;
        y += put(cr,
                 "Een opgave die bewoners voorop zetten en die de cijfers laag rangschikken, is "
                 "een bevinding, geen fout. Bewoners zien iets wat de cijfers niet of nog niet "
                 "laten zien, of de cijfers meten het anders. Vraag door: wat zien zij?",
                 10, 0, wd_colour_text, x, y, w) +
             6;
    }
    snprintf(buf, sizeof buf, "De cijfers zetten voorop wat bewoners laag zetten: ");
    if (list_of(buf, sizeof buf, pb, WD_BERAAD_FIGURES_FIRST)) {
        y += put(cr, buf, 10, 1, wd_colour_text, x, y, w) + 3;
        y += put(cr,
                 "Ook dat is een bevinding: misschien speelt het achter de voordeur en zien "
                 "bewoners het minder, of wegen andere zorgen zwaarder.",
                 10, 0, wd_colour_text, x, y, w) +
             6;
    }
    snprintf(buf, sizeof buf, "Verder uit elkaar: ");
    if (list_of(buf, sizeof buf, pb, WD_BERAAD_APART))
        y += put(cr, buf, 10, 0, wd_colour_text, x, y, w) + 6;
    return y + 4;
}

int wd_profile_beraad_draw(cairo_t *cr, const wd_profile_beraad *pb, double x, double y, double w,
                           double bottom)
{
    const wd_beraad *b = &pb->beraad;
    char buf[900], date[40];
    int yy, mm, dd;
    if (sscanf(b->b.date, "%d-%d-%d", &yy, &mm, &dd) != 3 ||
        wd_text_fmt_date(date, sizeof date, yy, mm, dd) != 0)
        snprintf(date, sizeof date, "%s", b->b.date);
    snprintf(buf, sizeof buf,
             "Op %s kozen bewoners in %s hun opgaven. Links hun volgorde, rechts de volgorde die "
             "de cijfers van %d gaven: waar de buurt staat onder de buurten van de gemeente. De "
             "gekozen opgaven zijn vet. Wat de gekozen opgaven sindsdien doen, staat in het "
             "voortgangsverslag (wijkdata voortgang).",
             date, b->b.place, b->b.year);
    y += put(cr, buf, 10, 0, wd_colour_text, x, y, w) + 12;
    double gap = 20, cw = (w - gap) / 2;
    double y1 = order_column(cr, b, 1, x, y, cw);
    double y2 = order_column(cr, b, 0, x + cw + gap, y, cw);
    y = (y1 > y2 ? y1 : y2) + 12;
    y = findings(cr, pb, x, y, w);
    int notes = 0;
    for (size_t k = 0; k < b->n; k++)
        notes |= b->opg[k].note[0] != '\0';
    if (notes && y + 40 < bottom) {
        y += put(cr, "Klopt dit? Wat bewoners over de cijfers zeiden", 11, 1, wd_colour_text, x, y,
                 w) +
             6;
        for (size_t k = 0; k < b->n && y + 14 < bottom; k++) {
            if (!b->opg[k].note[0]) continue;
            snprintf(buf, sizeof buf, "%s: \xe2\x80\x9c%s\xe2\x80\x9d", b->opg[k].title,
                     b->opg[k].note);
            wd_text_style st = {10, 0, WD_ALIGN_LEFT, 3};
            wd_rgb_set(cr, wd_colour_text);
            y += wd_text_draw_lead(cr, buf, strlen(b->opg[k].title) + 1, &st, x, y, w) + 4;
        }
    }
    return 0;
}
