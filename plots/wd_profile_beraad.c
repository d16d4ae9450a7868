/* Implementation of wd_profile_beraad.h: the words once (wd_profile_beraad_words and the
 * orders), laid out on the page here and as HTML by the site. */
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

size_t wd_profile_beraad_order(const wd_profile_beraad *pb, int by_residents,
                               const wd_store_beraad_opgave **out)
{
    const wd_beraad *b = &pb->beraad;
    size_t n = 0;
    for (int rank = 1; rank <= (int)b->n; rank++)
        for (size_t k = 0; k < b->n; k++) {
            const wd_store_beraad_opgave *o = &b->opg[k];
            if ((by_residents ? o->resident_rank : o->figure_rank) == rank) out[n++] = o;
        }
    return n;
}

const char *wd_profile_beraad_line(const wd_store_beraad_opgave *o, int by_residents, char *buf,
                                   size_t cap)
{
    char votes[40] = "";
    if (by_residents && o->votes >= 0)
        snprintf(votes, sizeof votes, " (%d %s)", o->votes, o->votes == 1 ? "stem" : "stemmen");
    snprintf(buf, cap, "%s%s%s", o->title, votes, o->chosen ? " \xe2\x80\x94 gekozen" : "");
    return buf;
}

/* The lead of a finding, or NULL for a match the page does not list. */
static const char *finding_lead(int m)
{
    switch (m) {
    case WD_BERAAD_AGREE:
        return "Eens: ";
    case WD_BERAAD_RESIDENTS_FIRST:
        return "Bewoners zetten voorop wat de cijfers laag rangschikken: ";
    case WD_BERAAD_FIGURES_FIRST:
        return "De cijfers zetten voorop wat bewoners laag zetten: ";
    case WD_BERAAD_APART:
        return "Verder uit elkaar: ";
    default:
        return NULL;
    }
}

/* The lead of match `m` and "title (bewoners 1, cijfers 5)" for each opgave it holds, or "". */
static void finding(const wd_profile_beraad *pb, int m, char *buf, size_t cap)
{
    const char *lead = finding_lead(m);
    int n = 0;
    size_t len = (size_t)snprintf(buf, cap, "%s", lead ? lead : "");
    for (size_t k = 0; lead && k < pb->beraad.n; k++) {
        const wd_store_beraad_opgave *o = &pb->beraad.opg[k];
        if ((int)wd_beraad_compare(o, pb->both) != m || len >= cap) continue;
        len += (size_t)snprintf(buf + len, cap - len, "%s%s (bewoners %d, cijfers %d)",
                                n ? "; " : "", o->title, o->resident_rank, o->figure_rank);
        n++;
    }
    if (n && len < cap)
        snprintf(buf + len, cap - len, ".");
    else if (!n)
        buf[0] = '\0';
}

const char *wd_profile_beraad_words(const wd_profile_beraad *pb, wd_beraad_words w, int item,
                                    char *buf, size_t cap)
{
    const wd_beraad *b = &pb->beraad;
    buf[0] = '\0';
    switch (w) {
    case WD_BERAAD_WORDS_INTRO: {
        char date[40];
        int yy, mm, dd;
        if (sscanf(b->b.date, "%d-%d-%d", &yy, &mm, &dd) != 3 ||
            wd_text_fmt_date(date, sizeof date, yy, mm, dd) != 0)
            snprintf(date, sizeof date, "%s", b->b.date);
        snprintf(buf, cap,
                 "Op %s kozen bewoners in %s hun opgaven. Links hun volgorde, rechts de volgorde "
                 "die de cijfers van %d gaven: waar de buurt staat onder de buurten van de "
                 "gemeente. De gekozen opgaven zijn vet. Wat de gekozen opgaven sindsdien doen, "
                 "staat in het voortgangsverslag (wijkdata voortgang).",
                 date, b->b.place, b->b.year);
        break;
    }
    case WD_BERAAD_WORDS_COLUMN:
        if (item)
            snprintf(buf, cap, "Volgens de bewoners");
        else
            snprintf(buf, cap, "Volgens de cijfers van %d", b->b.year);
        break;
    case WD_BERAAD_WORDS_NO_ORDER:
        snprintf(buf, cap,
                 "De cijfers geven een hele gemeente geen volgorde van de opgaven: zij "
                 "rangschikken de buurten binnen de gemeente.");
        break;
    case WD_BERAAD_WORDS_FINDINGS_HEAD:
        snprintf(buf, cap, "Waar bewoners en cijfers het eens zijn, en waar niet");
        break;
    case WD_BERAAD_WORDS_NO_COMPARISON:
        snprintf(buf, cap,
                 "Er is geen vergelijking: de cijfers geven dit gebied geen volgorde van "
                 "de opgaven.");
        break;
    case WD_BERAAD_WORDS_FINDING:
        finding(pb, item, buf, cap);
        break;
    case WD_BERAAD_WORDS_FINDING_WHY:
        if (item == WD_BERAAD_RESIDENTS_FIRST)
            snprintf(buf, cap,
                     "Een opgave die bewoners voorop zetten en die de cijfers laag rangschikken, "
                     "is een bevinding, geen fout. Bewoners zien iets wat de cijfers niet of nog "
                     "niet laten zien, of de cijfers meten het anders. Vraag door: wat zien zij?");
        else if (item == WD_BERAAD_FIGURES_FIRST)
            snprintf(buf, cap,
                     "Ook dat is een bevinding: misschien speelt het achter de voordeur en zien "
                     "bewoners het minder, of wegen andere zorgen zwaarder.");
        break;
    case WD_BERAAD_WORDS_NOTES_HEAD:
        snprintf(buf, cap, "Klopt dit? Wat bewoners over de cijfers zeiden");
        break;
    case WD_BERAAD_WORDS_NOTE:
        if (item >= 0 && (size_t)item < b->n && b->opg[item].note[0])
            snprintf(buf, cap, "%s: \xe2\x80\x9c%s\xe2\x80\x9d", b->opg[item].title,
                     b->opg[item].note);
        break;
    }
    return buf;
}

static double put(cairo_t *cr, const char *s, double size, int bold, wd_rgb c, double x, double y,
                  double w)
{
    wd_text_style st = {size, bold, WD_ALIGN_LEFT, 0};
    wd_rgb_set(cr, c);
    return wd_text_draw(cr, s, &st, x, y, w);
}

/* One column of the two orders: a heading, then "1. title (21 stemmen) — gekozen". */
static double order_column(cairo_t *cr, const wd_profile_beraad *pb, int by_residents, double x,
                           double y, double w)
{
    const wd_store_beraad_opgave *list[WD_BERAAD_MAX_OPGAVEN];
    size_t n = wd_profile_beraad_order(pb, by_residents, list);
    char buf[300];
    wd_profile_beraad_words(pb, WD_BERAAD_WORDS_COLUMN, by_residents, buf, sizeof buf);
    y += put(cr, buf, 11, 1, wd_colour_text, x, y, w) + 6;
    if (n == 0)
        return y + put(cr,
                       wd_profile_beraad_words(pb, WD_BERAAD_WORDS_NO_ORDER, 0, buf, sizeof buf),
                       10, 0, wd_colour_muted, x, y, w);
    for (size_t k = 0; k < n; k++) {
        const wd_store_beraad_opgave *o = list[k];
        char line[340];
        snprintf(line, sizeof line, "%d. %s", by_residents ? o->resident_rank : o->figure_rank,
                 wd_profile_beraad_line(o, by_residents, buf, sizeof buf));
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

static double findings(cairo_t *cr, const wd_profile_beraad *pb, double x, double y, double w)
{
    char buf[1600];
    y += put(cr, wd_profile_beraad_words(pb, WD_BERAAD_WORDS_FINDINGS_HEAD, 0, buf, sizeof buf), 11,
             1, wd_colour_text, x, y, w) +
         6;
    if (pb->both == 0)
        return y +
               put(cr,
                   wd_profile_beraad_words(pb, WD_BERAAD_WORDS_NO_COMPARISON, 0, buf, sizeof buf),
                   10, 0, wd_colour_text, x, y, w) +
               8;
    for (int m = WD_BERAAD_AGREE; m <= WD_BERAAD_APART; m++) {
        if (!wd_profile_beraad_words(pb, WD_BERAAD_WORDS_FINDING, m, buf, sizeof buf)[0]) continue;
        /* The differences in bold: they are what the page is for. */
        int bold = m == WD_BERAAD_RESIDENTS_FIRST || m == WD_BERAAD_FIGURES_FIRST;
        double h = put(cr, buf, 10, bold, wd_colour_text, x, y, w);
        if (wd_profile_beraad_words(pb, WD_BERAAD_WORDS_FINDING_WHY, m, buf, sizeof buf)[0])
            h += 3 + put(cr, buf, 10, 0, wd_colour_text, x, y + h + 3, w);
        y += h + 6;
    }
    return y + 4;
}

int wd_profile_beraad_draw(cairo_t *cr, const wd_profile_beraad *pb, double x, double y, double w,
                           double bottom)
{
    const wd_beraad *b = &pb->beraad;
    char buf[900];
    y += put(cr, wd_profile_beraad_words(pb, WD_BERAAD_WORDS_INTRO, 0, buf, sizeof buf), 10, 0,
             wd_colour_text, x, y, w) +
         12;
    double gap = 20, cw = (w - gap) / 2;
    double y1 = order_column(cr, pb, 1, x, y, cw);
    double y2 = order_column(cr, pb, 0, x + cw + gap, y, cw);
    y = (y1 > y2 ? y1 : y2) + 12;
    y = findings(cr, pb, x, y, w);
    int notes = 0;
    for (size_t k = 0; k < b->n; k++)
        notes |= b->opg[k].note[0] != '\0';
    if (notes && y + 40 < bottom) {
        y += put(cr, wd_profile_beraad_words(pb, WD_BERAAD_WORDS_NOTES_HEAD, 0, buf, sizeof buf),
                 11, 1, wd_colour_text, x, y, w) +
             6;
        for (size_t k = 0; k < b->n && y + 14 < bottom; k++) {
            if (!wd_profile_beraad_words(pb, WD_BERAAD_WORDS_NOTE, (int)k, buf, sizeof buf)[0])
                continue;
            wd_text_style st = {10, 0, WD_ALIGN_LEFT, 3};
            wd_rgb_set(cr, wd_colour_text);
            y += wd_text_draw_lead(cr, buf, strlen(b->opg[k].title) + 1, &st, x, y, w) + 4;
        }
    }
    return 0;
}
