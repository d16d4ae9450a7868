/* Implementation of wd_profile.h: the two pages of a wijkprofiel and the PDF file.
 *
 * Page 1, "In één oogopslag", is for the table of a bewonersberaad: who the area is, the
 * balance of draagkracht and draaglast, the key figures beside wijk, gemeente and
 * Nederland, the age structure and one trend. Page 2 shows how the balance was made (the
 * components, their weights, the formula) and every source. The pages are laid out from
 * the top down with measured text heights, so long names wrap instead of overflowing, and
 * the charts take the space that is left. Everything drawn comes from the wd_profile; the
 * only fixed texts are headings and explanations. */
#include "plots/wd_profile.h"

#include "engine/wd_batch.h"
#include "plots/wd_chart.h"
#include "plots/wd_text.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define N_PAGES 2
#define PW WD_PAGE_WIDTH
#define PH WD_PAGE_HEIGHT
#define M WD_PAGE_MARGIN
#define CW (PW - 2 * M)
/* The footer occupies [FOOTER_TOP, PH - 18]; content stops above it. */
#define FOOTER_TOP (PH - 34)
#define CONTENT_BOTTOM (FOOTER_TOP - 8)

static const char *const page_titles[N_PAGES] = {"In \xc3\xa9\xc3\xa9n oogopslag",
                                                 "Draagkracht en draaglast, bronnen en methode"};

#define DEMO_TEXT "DEMO \xe2\x80\x94 gesimuleerde gegevens"

static double put_text(cairo_t *cr, const char *s, wd_text_style st, wd_rgb c, double x, double y,
                       double w)
{
    wd_rgb_set(cr, c);
    return wd_text_draw(cr, s, &st, x, y, w);
}

static wd_text_style style(double size, int bold, wd_align align, int max_lines)
{
    wd_text_style st = {size, bold, align, max_lines};
    return st;
}

/* A light diagonal word over the content, blended by multiplication: white paper turns
 * pale grey, tinted boxes a little darker, black text stays black, so it shows on every
 * part of the page without taking contrast from the text. Drawn inside the margins. */
static void demo_watermark(cairo_t *cr)
{
    cairo_save(cr);
    cairo_set_operator(cr, CAIRO_OPERATOR_MULTIPLY);
    cairo_rectangle(cr, M, M, CW, PH - 2 * M);
    cairo_clip(cr);
    cairo_translate(cr, PW / 2, PH / 2);
    cairo_rotate(cr, -atan2(PH, PW));
    cairo_set_source_rgb(cr, 0.91, 0.91, 0.91);
    wd_text_style st = style(110, 1, WD_ALIGN_CENTER, 1);
    double h = wd_text_height(cr, "DEMO", &st, 700);
    wd_text_draw(cr, "DEMO", &st, -350, -h / 2, 700);
    cairo_restore(cr);
}

/* The banner across the top edge: dark band, white bold text (contrast 17:1). */
static void demo_banner(cairo_t *cr)
{
    cairo_rectangle(cr, 0, 0, PW, 20);
    wd_rgb_set(cr, wd_colour_text);
    cairo_fill(cr);
    put_text(cr, DEMO_TEXT " \xe2\x80\x94 niet gebruiken voor besluiten",
             style(9, 1, WD_ALIGN_CENTER, 1), (wd_rgb){1, 1, 1}, M, 4.5, CW);
}

/* The distinct short citations of the key figures and charts, for the footer. */
static void short_sources(const wd_profile *p, char *out, size_t cap)
{
    const char *seen[WD_PROFILE_MAX_KEYS + 2];
    int n = 0;
    size_t len = 0;
    out[0] = '\0';
    for (int k = 0; k < p->n_keys && k < WD_PROFILE_MAX_KEYS; k++) {
        const char *s = p->keys[k].source;
        if (!s[0]) continue;
        /* "CBS 85984NED 2022" cites the same table as "CBS 85984NED": publisher and table
         * (the first two words) are enough for a footer. */
        size_t id_len = strcspn(s, " ");
        if (s[id_len]) id_len += 1 + strcspn(s + id_len + 1, " ");
        int dup = 0;
        for (int i = 0; i < n; i++)
            dup |= strncmp(seen[i], s, id_len) == 0 &&
                   (seen[i][id_len] == '\0' || seen[i][id_len] == ' ');
        if (dup) continue;
        seen[n++] = s;
        int w = snprintf(out + len, cap - len, "%s%.*s", len ? "; " : "Bronnen: ", (int)id_len, s);
        if (w < 0 || (size_t)w >= cap - len) break;
        len += (size_t)w;
    }
    if (n == 0)
        snprintf(out, cap, "Bronnen: zie pagina 2");
    else if (len + 20 < cap)
        snprintf(out + len, cap - len, " \xc2\xb7 volledige lijst op pagina 2");
}

static void footer(cairo_t *cr, const wd_profile *p, int page)
{
    cairo_new_path(cr);
    cairo_move_to(cr, M, FOOTER_TOP);
    cairo_line_to(cr, PW - M, FOOTER_TOP);
    cairo_set_line_width(cr, 0.5);
    wd_rgb_set(cr, wd_colour_grid);
    cairo_stroke(cr);
    char right[160], left[800];
    snprintf(right, sizeof right, "Wijkdata-Wijkdoen \xc2\xb7 %s \xc2\xb7 %d/%d",
             p->generated_on[0] ? p->generated_on : "datum onbekend", page + 1, N_PAGES);
    wd_text_style rs = style(8, 0, WD_ALIGN_RIGHT, 1);
    double rw = wd_text_width(cr, right, &rs) + 2;
    put_text(cr, right, rs, wd_colour_muted, PW - M - rw, FOOTER_TOP + 4, rw);
    short_sources(p, left, sizeof left);
    put_text(cr, left, style(8, 0, WD_ALIGN_LEFT, 1), wd_colour_muted, M, FOOTER_TOP + 4,
             CW - rw - 12);
}

/* "buurt" -> "Buurt" for headings (levels are ASCII words). */
static void capitalised(char *out, size_t cap, const char *s)
{
    snprintf(out, cap, "%s", s && *s ? s : "gebied");
    if (out[0] >= 'a' && out[0] <= 'z') out[0] = (char)(out[0] - 'a' + 'A');
}

static double header(cairo_t *cr, const wd_profile *p, double y)
{
    const double pad = 10, inner = CW - 2 * pad;
    char line[600], lvl[32], pop[64];
    capitalised(lvl, sizeof lvl, p->level);
    snprintf(line, sizeof line, "Wijkprofiel %s \xc2\xb7 %s", p->level[0] ? p->level : "gebied",
             p->code[0] ? p->code : "code onbekend");
    wd_text_style s_kicker = style(9, 1, WD_ALIGN_LEFT, 1);
    wd_text_style s_name = style(20, 1, WD_ALIGN_LEFT, 3);
    wd_text_style s_info = style(9.5, 0, WD_ALIGN_LEFT, 3);
    const char *name = p->name[0] ? p->name : "(naam onbekend)";

    char where[600] = "";
    size_t n = 0;
    if (p->wijk_name[0] || p->wijk_code[0])
        n +=
            (size_t)snprintf(where + n, sizeof where - n, "Wijk %s%s%s%s", p->wijk_name,
                             p->wijk_code[0] ? " (" : "", p->wijk_code, p->wijk_code[0] ? ")" : "");
    if ((p->gemeente_name[0] || p->gemeente_code[0]) && n < sizeof where)
        snprintf(where + n, sizeof where - n, "%sGemeente %s%s%s%s", n ? " \xc2\xb7 " : "",
                 p->gemeente_name, p->gemeente_code[0] ? " (" : "", p->gemeente_code,
                 p->gemeente_code[0] ? ")" : "");
    wd_fmt_number(pop, sizeof pop, p->population, 0);
    char facts[300], year[16];
    if (p->year > 0)
        snprintf(year, sizeof year, "%d", p->year);
    else
        snprintf(year, sizeof year, "onbekend");
    snprintf(facts, sizeof facts, "Inwoners: %s \xc2\xb7 Cijfers over %s \xc2\xb7 Gemaakt op %s",
             pop, year, p->generated_on[0] ? p->generated_on : "onbekende datum");

    double h = pad + wd_text_height(cr, line, &s_kicker, inner) + 2 +
               wd_text_height(cr, name, &s_name, inner) + 4 +
               (where[0] ? wd_text_height(cr, where, &s_info, inner) + 2 : 0) +
               wd_text_height(cr, facts, &s_info, inner) + pad;
    cairo_rectangle(cr, M, y, CW, h);
    wd_rgb_set(cr, wd_colour_tint);
    cairo_fill(cr);
    cairo_rectangle(cr, M, y, 4, h);
    wd_rgb_set(cr, wd_colour_bar);
    cairo_fill(cr);
    double cy = y + pad;
    cy += put_text(cr, line, s_kicker, wd_colour_muted, M + pad, cy, inner) + 2;
    cy += put_text(cr, name, s_name, wd_colour_text, M + pad, cy, inner) + 4;
    if (where[0]) cy += put_text(cr, where, s_info, wd_colour_text, M + pad, cy, inner) + 2;
    put_text(cr, facts, s_info, wd_colour_text, M + pad, cy, inner);
    return y + h;
}

static double section_title(cairo_t *cr, const char *title, double y)
{
    return y + put_text(cr, title, style(13, 1, WD_ALIGN_LEFT, 2), wd_colour_text, M, y, CW) + 4;
}

static double notice(cairo_t *cr, const wd_profile *p, double y)
{
    char msg[200];
    snprintf(msg, sizeof msg, "%s: cijfers zijn indicatief en worden niet gerangschikt",
             strcmp(p->level, "buurt") == 0 || !p->level[0] ? "Kleine buurt" : "Klein gebied");
    wd_text_style st = style(9.5, 1, WD_ALIGN_LEFT, 0);
    double h = wd_text_height(cr, msg, &st, CW - 36) + 12;
    cairo_rectangle(cr, M + 0.75, y + 0.75, CW - 1.5, h - 1.5);
    wd_rgb_set(cr, wd_colour_tint);
    cairo_fill_preserve(cr);
    cairo_set_line_width(cr, 1.5);
    wd_rgb_set(cr, wd_colour_text);
    cairo_stroke(cr);
    put_text(cr, "!", style(12, 1, WD_ALIGN_CENTER, 1), wd_colour_text, M + 6, y + h / 2 - 8, 16);
    put_text(cr, msg, st, wd_colour_text, M + 26, y + 6, CW - 36);
    return y + h;
}

static const char *trend_arrow(int t)
{
    switch (t) {
    case 1:
        return "\xe2\x86\x91"; /* ↑ */
    case -1:
        return "\xe2\x86\x93"; /* ↓ */
    case 0:
        return "\xe2\x86\x92"; /* → */
    default:
        return "\xe2\x80\x93"; /* – */
    }
}

/* The table of key figures. Columns shrink to what the profile has: no wijk column for a
 * wijk or gemeente profile, no gemeente column for a gemeente profile. */
static double key_table(cairo_t *cr, const wd_profile *p, double y)
{
    int nk = p->n_keys < 0 ? 0 : p->n_keys > WD_PROFILE_MAX_KEYS ? WD_PROFILE_MAX_KEYS : p->n_keys;
    int has_wijk = p->wijk_name[0] || p->wijk_code[0];
    for (int k = 0; k < nk; k++)
        has_wijk |= isfinite(p->keys[k].wijk);
    char lvl[32];
    capitalised(lvl, sizeof lvl, p->level);
    enum { C_LABEL, C_VALUE, C_WIJK, C_GEM, C_NL, C_TREND, C_SRC, NC };
    /* Numbers need about 56 pt; "geen gegevens" wraps onto two lines in these columns
     * rather than taking width from the labels. */
    int has_gem = strcmp(p->level, "gemeente") != 0;
    double width[NC] = {0, 66, has_wijk ? 56 : 0, has_gem ? 56 : 0, 56, 36, 74};
    double fixed = 0;
    for (int c = 1; c < NC; c++)
        fixed += width[c];
    width[C_LABEL] = CW - fixed;
    double colx[NC];
    colx[0] = M;
    for (int c = 1; c < NC; c++)
        colx[c] = colx[c - 1] + width[c - 1];
    const char *heads[NC] = {"Kerncijfer", lvl, "Wijk", "Gemeente", "Nederland", "Trend", "Bron"};

    wd_text_style hs = style(8.5, 1, WD_ALIGN_RIGHT, 1);
    double cy = y;
    for (int c = 0; c < NC; c++) {
        if (width[c] <= 0) continue;
        hs.align = c == C_LABEL || c == C_SRC ? WD_ALIGN_LEFT
                   : c == C_TREND             ? WD_ALIGN_CENTER
                                              : WD_ALIGN_RIGHT;
        double pad = c == C_SRC ? 8 : 4;
        put_text(cr, heads[c], hs, wd_colour_text, colx[c] + (c == C_SRC ? pad : 0), cy,
                 width[c] - pad);
    }
    cy += 14;
    cairo_new_path(cr);
    cairo_move_to(cr, M, cy);
    cairo_line_to(cr, PW - M, cy);
    cairo_set_line_width(cr, 1);
    wd_rgb_set(cr, wd_colour_text);
    cairo_stroke(cr);
    if (nk == 0) {
        cy += 4;
        cy += put_text(cr, "Geen kerncijfers beschikbaar.", style(9, 0, WD_ALIGN_LEFT, 1),
                       wd_colour_muted, M, cy, CW) +
              4;
        return cy;
    }
    wd_text_style ls = style(9, 0, WD_ALIGN_LEFT, 2);
    wd_text_style src_s = style(8, 0, WD_ALIGN_LEFT, 2);
    for (int k = 0; k < nk; k++) {
        const wd_profile_key *key = &p->keys[k];
        /* A unit other than "%" goes with the label, so that the value columns stay
         * narrow enough for five numbers side by side. */
        const char *unit = strcmp(key->unit, "%") == 0 ? "%" : "";
        char label[160];
        if (key->unit[0] && !unit[0])
            snprintf(label, sizeof label, "%s (%s)", key->label, key->unit);
        else
            snprintf(label, sizeof label, "%s", key->label);
        double lh = wd_text_height(cr, label, &ls, width[C_LABEL] - 6);
        double sh = wd_text_height(cr, key->source, &src_s, width[C_SRC] - 8);
        /* Cells: the region's value (bold, with its (m)/(p) mark) and three references. */
        const double vals[4] = {key->value, key->wijk, key->gemeente, key->nederland};
        const int cols[4] = {C_VALUE, C_WIJK, C_GEM, C_NL};
        char cell[4][128];
        wd_text_style cs[4];
        double ch[4] = {0, 0, 0, 0}, row_h = fmax(lh, sh);
        for (int r = 0; r < 4; r++) {
            if (width[cols[r]] <= 0) continue;
            char buf[96];
            wd_fmt_value(buf, sizeof buf, vals[r], key->decimals, unit);
            int miss = !isfinite(vals[r]);
            const char *mark = r > 0 || miss                ? ""
                               : key->flags & WD_FLAG_MODEL ? " (m)"
                               : key->flags & WD_FLAG_PROXY ? " (p)"
                                                            : "";
            snprintf(cell[r], sizeof cell[r], "%s%s", buf, mark);
            cs[r] = style(miss ? 8 : r == 0 ? 9.5 : 9, !miss && r == 0, WD_ALIGN_RIGHT, 2);
            ch[r] = wd_text_height(cr, cell[r], &cs[r], width[cols[r]] - 4);
            row_h = fmax(row_h, ch[r]);
        }
        row_h = fmax(18, row_h + 6);
        if (k % 2 == 1) {
            cairo_rectangle(cr, M, cy, CW, row_h);
            wd_rgb_set(cr, wd_colour_tint);
            cairo_fill(cr);
        }
        double mid = cy + row_h / 2;
        put_text(cr, label, ls, wd_colour_text, M + 2, mid - lh / 2, width[C_LABEL] - 6);
        for (int r = 0; r < 4; r++) {
            if (width[cols[r]] <= 0) continue;
            put_text(cr, cell[r], cs[r], isfinite(vals[r]) ? wd_colour_text : wd_colour_muted,
                     colx[cols[r]], mid - ch[r] / 2, width[cols[r]] - 4);
        }
        put_text(cr, trend_arrow(key->trend), style(11, 1, WD_ALIGN_CENTER, 1), wd_colour_text,
                 colx[C_TREND], mid - 7.5, width[C_TREND]);
        put_text(cr, key->source, src_s, wd_colour_muted, colx[C_SRC] + 8, mid - sh / 2,
                 width[C_SRC] - 8);
        cy += row_h;
    }
    cairo_new_path(cr);
    cairo_move_to(cr, M, cy);
    cairo_line_to(cr, PW - M, cy);
    cairo_set_line_width(cr, 0.6);
    wd_rgb_set(cr, wd_colour_grid);
    cairo_stroke(cr);
    cy += 3;
    cy += put_text(cr,
                   "(m) modelschatting van RIVM voor kleine gebieden, geen meting \xc2\xb7 "
                   "(p) benadering (proxy) \xc2\xb7 Trend: \xe2\x86\x91\xc2\xa0stijgt, "
                   "\xe2\x86\x93\xc2\xa0"
                   "daalt, \xe2\x86\x92\xc2\xa0gelijk, "
                   "\xe2\x80\x93\xe2\x81\xa0\xc2\xa0onbekend of te weinig jaren",
                   style(8, 0, WD_ALIGN_LEFT, 2), wd_colour_muted, M, cy, CW);
    return cy;
}

static int draw_page1(const wd_profile *p, cairo_t *cr)
{
    double y = header(cr, p, M);
    y = section_title(cr, page_titles[0], y + 12);
    if (p->small_population) y = notice(cr, p, y + 2) + 8;
    int rc = wd_chart_balance(cr, &p->balance, M, y, CW, 112);
    y += 118;
    y = key_table(cr, p, y) + 14;
    double ch = CONTENT_BOTTOM - y;
    if (ch < 60) return rc;
    double gap = 20, cw2 = (CW - gap) / 2;
    /* Up to six categories stand side by side; more get a row each, labels readable. */
    int rc2 = wd_chart_bars(cr, &p->bars, p->bars.n > 6 ? WD_BARS_HORIZONTAL : WD_BARS_VERTICAL, M,
                            y, cw2, ch);
    int rc3 = wd_chart_trend(cr, &p->trend, M + cw2 + gap, y, cw2, ch);
    return rc ? rc : rc2 ? rc2 : rc3;
}

static double paragraph(cairo_t *cr, const char *head, const char *body, double y, double max_y)
{
    if (!body || !*body) return y;
    wd_text_style hs = style(10.5, 1, WD_ALIGN_LEFT, 1), bs = style(9, 0, WD_ALIGN_LEFT, 0);
    double need = wd_text_height(cr, head, &hs, CW) + 2 + wd_text_height(cr, body, &bs, CW);
    if (y + need > max_y) {
        /* Not enough room: as many lines as fit, ellipsized. */
        int lines = (int)((max_y - y - 16) / 11.5);
        if (lines < 1) return y;
        bs.max_lines = lines;
    }
    y += put_text(cr, head, hs, wd_colour_text, M, y, CW) + 2;
    y += put_text(cr, body, bs, wd_colour_text, M, y, CW);
    return y + 10;
}

static int draw_page2(const wd_profile *p, cairo_t *cr)
{
    const wd_profile_balance *b = &p->balance;
    char buf[700], idx[32];
    snprintf(buf, sizeof buf, "Wijkprofiel %s (%s)", p->name[0] ? p->name : "(naam onbekend)",
             p->code);
    double y = M;
    y += put_text(cr, buf, style(9, 1, WD_ALIGN_LEFT, 1), wd_colour_muted, M, y, CW) + 4;
    y = section_title(cr, page_titles[1], y);
    snprintf(buf, sizeof buf,
             "Per component: het verschil met de referentie (%s) in standaardafwijkingen; "
             "0 is gelijk aan de referentie. Rechts van de lijn is de waarde hoger, links lager. "
             "Gewichten zijn keuzes, geen feiten: ze staan erbij zodat iedereen ze kan bespreken.",
             b->reference[0] ? b->reference : "referentie = 100");
    y += put_text(cr, buf, style(9, 0, WD_ALIGN_LEFT, 0), wd_colour_text, M, y, CW) + 10;

    /* The text blocks below the components are measured first; the components get what is
     * left, each panel in proportion to its number of rows. */
    wd_text_style src_s = style(8.5, 0, WD_ALIGN_LEFT, 2);
    int ns = p->n_sources < 0                        ? 0
             : p->n_sources > WD_PROFILE_MAX_SOURCES ? WD_PROFILE_MAX_SOURCES
                                                     : p->n_sources;
    double src_h = 18;
    for (int i = 0; i < ns; i++)
        src_h += wd_text_height(cr, p->sources[i], &src_s, CW - 18) + 2;
    wd_text_style bs = style(9, 0, WD_ALIGN_LEFT, 0);
    double text_h = (b->formula[0] ? wd_text_height(cr, b->formula, &bs, CW) + 26 : 0) +
                    (p->notes[0] ? wd_text_height(cr, p->notes, &bs, CW) + 26 : 0);
    /* Components first, at full size when everything fits; otherwise they shrink to one
     * line per component and the formula and notes are shortened, so that every source
     * stays on the page. */
    double avail = CONTENT_BOTTOM - y - 28;
    int nkr = b->n_kracht < 0 ? 0 : b->n_kracht, nla = b->n_last < 0 ? 0 : b->n_last;
    nkr = nkr > WD_PROFILE_MAX_COMPONENTS ? WD_PROFILE_MAX_COMPONENTS : nkr;
    nla = nla > WD_PROFILE_MAX_COMPONENTS ? WD_PROFILE_MAX_COMPONENTS : nla;
    double want_k = 34 + 23 * (nkr ? nkr : 1), want_l = 34 + 23 * (nla ? nla : 1);
    double min_k = 34 + 16.5 * (nkr ? nkr : 1), min_l = 34 + 16.5 * (nla ? nla : 1);
    double comp_h = fmax(min_k + min_l, fmin(want_k + want_l, avail - src_h - text_h));
    /* The formula must be readable on every profile: at least a few lines of it and of the
     * notes stay, even if components then drop off (the panel says how many). */
    double text_min = (b->formula[0] ? 58 : 0) + (p->notes[0] ? 58 : 0);
    if (comp_h > avail - src_h - fmin(text_h, text_min))
        comp_h = fmax(2 * 50, avail - src_h - fmin(text_h, text_min));
    double f = comp_h / (want_k + want_l);
    want_k *= f;
    want_l *= f;
    const struct {
        const char *name;
        double index;
        const wd_profile_component *c;
        int n;
        wd_rgb colour;
        double h;
    } panels[2] = {{"Draagkracht", b->draagkracht, b->kracht, nkr, wd_colour_kracht, want_k},
                   {"Draaglast", b->draaglast, b->last, nla, wd_colour_last, want_l}};
    int rc = 0;
    for (int k = 0; k < 2; k++) {
        wd_fmt_number(idx, sizeof idx, panels[k].index, 0);
        snprintf(buf, sizeof buf, "%s \xe2\x80\x94 index %s", panels[k].name, idx);
        if (panels[k].n == 0) {
            y += put_text(cr, buf, style(10.5, 1, WD_ALIGN_LEFT, 1), wd_colour_text, M, y, CW) + 2;
            y += put_text(cr, "Geen componenten opgegeven.", style(9, 0, WD_ALIGN_LEFT, 1),
                          wd_colour_muted, M, y, CW) +
                 12;
            continue;
        }
        int used = wd_chart_components(cr, buf, panels[k].c, panels[k].n, panels[k].colour, M, y,
                                       CW, panels[k].h);
        if (used < 0)
            rc = used;
        else
            y += used + 14;
    }
    y = paragraph(cr, "Hoe is dit berekend?", b->formula, y, CONTENT_BOTTOM - src_h);
    y = paragraph(cr, "Kanttekeningen", p->notes, y, CONTENT_BOTTOM - src_h);

    y += put_text(cr, "Bronnen", style(10.5, 1, WD_ALIGN_LEFT, 1), wd_colour_text, M, y, CW) + 2;
    if (ns == 0)
        put_text(cr, "Geen bronnen opgegeven.", style(9, 0, WD_ALIGN_LEFT, 1), wd_colour_muted, M,
                 y, CW);
    for (int i = 0; i < ns; i++) {
        double h = wd_text_height(cr, p->sources[i], &src_s, CW - 18);
        if (y + h > CONTENT_BOTTOM - (i + 1 < ns ? 11 : 0)) {
            snprintf(buf, sizeof buf, "(nog %d bronnen passen niet op deze pagina)", ns - i);
            put_text(cr, buf, style(8.5, 0, WD_ALIGN_LEFT, 1), wd_colour_muted, M + 18, y, CW - 18);
            break;
        }
        snprintf(idx, sizeof idx, "%d.", i + 1);
        put_text(cr, idx, style(8.5, 0, WD_ALIGN_RIGHT, 1), wd_colour_text, M, y, 14);
        y += put_text(cr, p->sources[i], src_s, wd_colour_text, M + 18, y, CW - 18) + 2;
    }
    return rc;
}

int wd_profile_draw_page(const wd_profile *p, int page, cairo_t *cr, wd_error *err)
{
    if (!p || !cr)
        return wd_error_set(err, WD_EUSAGE,
                            "wd_profile_draw_page: profile or cairo context is NULL");
    if (page < 0 || page >= N_PAGES)
        return wd_error_set(err, WD_EUSAGE, "profile %s: page %d does not exist (pages 0-%d)",
                            p->code, page, N_PAGES - 1);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        return wd_error_set(err, WD_ERR, "profile %s: cairo context unusable: %s", p->code,
                            cairo_status_to_string(cairo_status(cr)));
    cairo_save(cr);
    int rc = page == 0 ? draw_page1(p, cr) : draw_page2(p, cr);
    footer(cr, p, page);
    if (p->demo) {
        demo_watermark(cr);
        demo_banner(cr);
    }
    cairo_restore(cr);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        return wd_error_set(err, WD_ERR, "profile %s, page %d: cairo: %s", p->code, page + 1,
                            cairo_status_to_string(cairo_status(cr)));
    if (rc < 0)
        return wd_error_set(err, rc, "profile %s, page %d: a chart could not be drawn", p->code,
                            page + 1);
    return N_PAGES;
}

/* Where the PDF bytes go: the temporary file, remembering the first write error. */
typedef struct {
    int fd;
    int errnum;
} pdf_sink;

static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int length)
{
    pdf_sink *s = closure;
    while (length > 0) {
        ssize_t w = write(s->fd, data, length);
        if (w < 0) {
            if (errno == EINTR) continue;
            s->errnum = errno;
            return CAIRO_STATUS_WRITE_ERROR;
        }
        data += w;
        length -= (unsigned int)w;
    }
    return CAIRO_STATUS_SUCCESS;
}

static void set_metadata(cairo_surface_t *surface, const wd_profile *p)
{
    char buf[600];
    snprintf(buf, sizeof buf, "Wijkprofiel %s (%s)", p->name, p->code);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, buf);
    snprintf(buf, sizeof buf,
             "Wijkprofiel van %s %s%s%s: draagkracht en draaglast, kerncijfers, trend en bronnen%s",
             p->level, p->name, p->gemeente_name[0] ? ", gemeente " : "", p->gemeente_name,
             p->demo ? " (DEMO, gesimuleerde gegevens)" : "");
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, buf);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, "Wijkdata-Wijkdoen");
    snprintf(buf, sizeof buf, "wijkprofiel, %s, %s, %s, draagkracht, draaglast%s", p->level,
             p->code, p->gemeente_code, p->demo ? ", demo" : "");
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, buf);
#ifdef WD_VERSION
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR,
                                   "Wijkdata-Wijkdoen " WD_VERSION);
#else
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Wijkdata-Wijkdoen");
#endif
    /* The date printed on the profile, not the clock: the same data give the same file. */
    int yy, mm, dd;
    if (wd_parse_date(p->generated_on, &yy, &mm, &dd) == 0) {
        snprintf(buf, sizeof buf, "%04d-%02d-%02dT00:00:00Z", yy, mm, dd);
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, buf);
    }
}

int wd_profile_render_pdf(const wd_profile *p, const char *path, wd_error *err)
{
    if (!p || !path || !*path)
        return wd_error_set(err, WD_EUSAGE, "wd_profile_render_pdf: profile or path missing");
    int rc = 0;
    cairo_surface_t *surface = NULL;
    cairo_t *cr = NULL;
    pdf_sink sink = {-1, 0};
    size_t n = strlen(path) + sizeof ".tmp.XXXXXX";
    char *tmp = malloc(n);
    if (!tmp) return wd_error_set(err, WD_ENOMEM, "%s: out of memory", path);
    snprintf(tmp, n, "%s.tmp.XXXXXX", path);
    /* The temporary file sits beside the target so that rename() is atomic. */
    sink.fd = mkstemp(tmp);
    if (sink.fd < 0) {
        rc = wd_error_set(err, WD_EIO, "%s: cannot create a temporary file beside it: %s", path,
                          strerror(errno));
        tmp[0] = '\0';
        goto cleanup;
    }
    /* mkstemp creates the file 0600; a profile is a document to share. */
    if (fchmod(sink.fd, 0644) != 0) {
        rc = wd_error_set(err, WD_EIO, "%s: cannot set permissions of the temporary file: %s", path,
                          strerror(errno));
        goto cleanup;
    }
    surface = cairo_pdf_surface_create_for_stream(sink_write, &sink, PW, PH);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        rc = wd_error_set(err, WD_EIO, "%s: cannot start a PDF: %s", path,
                          cairo_status_to_string(cairo_surface_status(surface)));
        goto cleanup;
    }
    cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5);
    set_metadata(surface, p);
    cr = cairo_create(surface);
    for (int page = 0; page < N_PAGES; page++) {
        char dest[32];
        snprintf(dest, sizeof dest, "page=%d", page + 1);
        cairo_pdf_surface_add_outline(surface, CAIRO_PDF_OUTLINE_ROOT, page_titles[page], dest, 0);
        int got = wd_profile_draw_page(p, page, cr, err);
        if (got < 0) {
            rc = wd_error_prefix(err, "%s: ", path);
            goto cleanup;
        }
        cairo_show_page(cr);
    }
    cairo_destroy(cr);
    cr = NULL;
    cairo_surface_finish(surface);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        rc = wd_error_set(err, WD_EIO, "%s: writing the PDF failed: %s", path,
                          sink.errnum ? strerror(sink.errnum)
                                      : cairo_status_to_string(cairo_surface_status(surface)));
        goto cleanup;
    }
    if (fsync(sink.fd) != 0 && errno != EINVAL) {
        rc = wd_error_set(err, WD_EIO, "%s: cannot flush to disk: %s", path, strerror(errno));
        goto cleanup;
    }
    if (close(sink.fd) != 0) {
        sink.fd = -1;
        rc = wd_error_set(err, WD_EIO, "%s: cannot close the temporary file: %s", path,
                          strerror(errno));
        goto cleanup;
    }
    sink.fd = -1;
    if (rename(tmp, path) != 0) {
        rc = wd_error_set(err, WD_EIO, "%s: cannot move the finished PDF into place: %s", path,
                          strerror(errno));
        goto cleanup;
    }
    tmp[0] = '\0';

cleanup:
    if (cr) cairo_destroy(cr);
    if (surface) cairo_surface_destroy(surface);
    if (sink.fd >= 0) close(sink.fd);
    if (tmp[0]) unlink(tmp);
    free(tmp);
    return rc;
}
