/* Implementation of wd_profile.h: the pages of a wijkprofiel and the PDF, PNG or SVG file.
 *
 * Page 1, "In één oogopslag", is for the table of a bewonersberaad: who the area is, the
 * balance of draagkracht and draaglast, the key figures beside wijk, gemeente and
 * Nederland, the age structure and, for a buurt, its top wijkopgaven with their rank
 * intervals (a wijk or gemeente shows one trend there instead; a buurt's trend closes the
 * next page). Then how the balance was made (components, weights, formula); for a wijk or
 * gemeente its parts compared and mapped; the RIVM model estimates with their intervals; the
 * Leefbaarometer and small multiples of the main indicators over time; for a buurt the maps
 * of the buurten around it; and last every source, definition and caveat. The pages are
 * laid out from the top down with measured text heights, so long names wrap instead of
 * overflowing, and the charts take the space that is left. Everything drawn comes from the
 * wd_profile; the only fixed texts are headings and explanations. */
#include "plots/wd_profile.h"

#include "engine/wd_batch.h"
#include "engine/wd_file.h"
#include "engine/wd_utf8.h"
#include "plots/wd_chart.h"
#include "plots/wd_text.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PW WD_PAGE_WIDTH
#define PH WD_PAGE_HEIGHT
#define M WD_PAGE_MARGIN
#define CW (PW - 2 * M)
/* The footer occupies [FOOTER_TOP, PH - 18]; content stops above it. */
#define FOOTER_TOP (PH - 34)
#define CONTENT_BOTTOM (FOOTER_TOP - 8)

int wd_profile_pages(const wd_profile *p, wd_page_kind *out)
{
    int n = 0, gemeente = strcmp(p->level, "gemeente") == 0;
    out[n++] = WD_PAGE_GLANCE;
    /* A gemeente is its own reference: its indices are 100 by definition. */
    if (!gemeente) out[n++] = WD_PAGE_BALANCE;
    if (p->compare.n_rows > 0) out[n++] = WD_PAGE_COMPARE;
    if (p->rankings.n > 0) out[n++] = WD_PAGE_RANKINGS;
    if (p->beraad.shown) out[n++] = WD_PAGE_BERAAD;
    out[n++] = WD_PAGE_HEALTH;
    out[n++] = WD_PAGE_LBM;
    if (p->compare.n_rows == 0 && p->maps.n_maps > 0) out[n++] = WD_PAGE_MAP;
    out[n++] = WD_PAGE_SOURCES;
    return n;
}

const char *wd_profile_kind_title(const wd_profile *p, wd_page_kind k)
{
    switch (k) {
    case WD_PAGE_GLANCE:
        return "In \xc3\xa9\xc3\xa9n oogopslag";
    case WD_PAGE_BALANCE:
        return "Draagkracht en draaglast";
    case WD_PAGE_COMPARE:
        return p->compare.title[0] ? p->compare.title : "Delen vergeleken";
    case WD_PAGE_RANKINGS:
        return "Wijkopgaven: waar is de opgave het grootst?";
    case WD_PAGE_BERAAD:
        return "Wat bewoners kozen en wat de cijfers zeggen";
    case WD_PAGE_HEALTH:
        return "Gezondheid en welzijn (RIVM)";
    case WD_PAGE_LBM:
        return "Leefbaarheid en ontwikkeling";
    case WD_PAGE_MAP:
        return "Kaart";
    default:
        return "Bronnen en methode";
    }
}

int wd_profile_page_count(const wd_profile *p)
{
    wd_page_kind k[WD_PROFILE_MAX_PAGES];
    return p ? wd_profile_pages(p, k) : 0;
}

const char *wd_profile_page_title(const wd_profile *p, int page)
{
    wd_page_kind k[WD_PROFILE_MAX_PAGES];
    int n = p ? wd_profile_pages(p, k) : 0;
    return page >= 0 && page < n ? wd_profile_kind_title(p, k[page]) : "";
}

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
    char buf[128];
    put_text(cr, wd_profile_words(NULL, WD_WORDS_DEMO, 0, buf, sizeof buf),
             style(9, 1, WD_ALIGN_CENTER, 1), (wd_rgb){1, 1, 1}, M, 4.5, CW);
}

void wd_profile_demo_mark(cairo_t *cr)
{
    demo_watermark(cr);
    demo_banner(cr);
}

/* The distinct short citations of the key figures and charts, for the footer. */
static void short_sources(const wd_profile *p, int n_pages, char *out, size_t cap)
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
        snprintf(out, cap, "Bronnen: zie pagina %d", n_pages);
    else if (len + 20 < cap)
        snprintf(out + len, cap - len, " \xc2\xb7 volledige lijst op pagina %d", n_pages);
}

static void footer(cairo_t *cr, const wd_profile *p, int page, int n_pages)
{
    cairo_new_path(cr);
    cairo_move_to(cr, M, FOOTER_TOP);
    cairo_line_to(cr, PW - M, FOOTER_TOP);
    cairo_set_line_width(cr, 0.5);
    wd_rgb_set(cr, wd_colour_grid);
    cairo_stroke(cr);
    char right[160], left[800];
    snprintf(right, sizeof right, "Wijkdata-Wijkdoen \xc2\xb7 %s \xc2\xb7 %d/%d",
             p->generated_on[0] ? p->generated_on : "datum onbekend", page + 1, n_pages);
    wd_text_style rs = style(8, 0, WD_ALIGN_RIGHT, 1);
    double rw = wd_text_width(cr, right, &rs) + 2;
    put_text(cr, right, rs, wd_colour_muted, PW - M - rw, FOOTER_TOP + 4, rw);
    short_sources(p, n_pages, left, sizeof left);
    put_text(cr, left, style(8, 0, WD_ALIGN_LEFT, 1), wd_colour_muted, M, FOOTER_TOP + 4,
             CW - rw - 12);
}

static double header(cairo_t *cr, const wd_profile *p, double y)
{
    const double pad = 10, inner = CW - 2 * pad;
    char line[600], name[160], where[600], facts[300];
    wd_profile_words(p, WD_WORDS_KICKER, 0, line, sizeof line);
    wd_profile_words(p, WD_WORDS_NAME, 0, name, sizeof name);
    wd_profile_words(p, WD_WORDS_WHERE, 0, where, sizeof where);
    wd_profile_words(p, WD_WORDS_FACTS, 0, facts, sizeof facts);
    wd_text_style s_kicker = style(9, 1, WD_ALIGN_LEFT, 1);
    wd_text_style s_name = style(20, 1, WD_ALIGN_LEFT, 3);
    wd_text_style s_info = style(9.5, 0, WD_ALIGN_LEFT, 3);

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
    wd_profile_words(p, WD_WORDS_NOTICE, 0, msg, sizeof msg);
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

/* The table of key figures. Columns shrink to what the profile has: no wijk column for a
 * wijk or gemeente profile, no gemeente column for a gemeente profile. */
static double key_table(cairo_t *cr, const wd_profile *p, double y)
{
    int nk = wd_count(p->n_keys, WD_PROFILE_MAX_KEYS);
    enum { C_LABEL, C_VALUE, C_WIJK, C_GEM, C_NL, C_TREND, C_SRC, NC };
    char heads[NC][32];
    for (int c = 0; c < NC; c++)
        wd_profile_words(p, WD_WORDS_KEY_HEAD, c, heads[c], sizeof heads[c]);
    /* Numbers need about 56 pt; "geen gegevens" wraps onto two lines in these columns
     * rather than taking width from the labels. */
    double width[NC] = {0, 66, heads[C_WIJK][0] ? 56 : 0, heads[C_GEM][0] ? 56 : 0, 56, 62, 74};
    double fixed = 0;
    for (int c = 1; c < NC; c++)
        fixed += width[c];
    width[C_LABEL] = CW - fixed;
    double colx[NC];
    colx[0] = M;
    for (int c = 1; c < NC; c++)
        colx[c] = colx[c - 1] + width[c - 1];

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
        char none[64];
        cy += put_text(cr, wd_profile_words(p, WD_WORDS_NO_KEYS, 0, none, sizeof none),
                       style(9, 0, WD_ALIGN_LEFT, 1), wd_colour_muted, M, cy, CW) +
              4;
        return cy;
    }
    wd_text_style ls = style(9, 0, WD_ALIGN_LEFT, 2);
    wd_text_style src_s = style(8, 0, WD_ALIGN_LEFT, 4);
    for (int k = 0; k < nk; k++) {
        const wd_profile_key *key = &p->keys[k];
        char label[160], arrow[8];
        wd_profile_words(p, WD_WORDS_KEY_LABEL, k, label, sizeof label);
        double lh = wd_text_height(cr, label, &ls, width[C_LABEL] - 6);
        char source[200];
        wd_profile_words(p, WD_WORDS_KEY_SOURCE, k, source, sizeof source);
        double sh = wd_text_height(cr, source, &src_s, width[C_SRC] - 8);
        /* Cells: the region's value (bold, with its (m)/(p) mark) and three references. */
        const double vals[4] = {key->value, key->wijk, key->gemeente, key->nederland};
        const int cols[4] = {C_VALUE, C_WIJK, C_GEM, C_NL};
        char cell[4][128];
        wd_text_style cs[4];
        double ch[4] = {0, 0, 0, 0}, row_h = fmax(lh, sh);
        for (int r = 0; r < 4; r++) {
            if (width[cols[r]] <= 0) continue;
            int miss = !isfinite(vals[r]);
            wd_profile_words(p, WD_WORDS_KEY_CELL, 4 * k + r, cell[r], sizeof cell[r]);
            cs[r] = style(miss     ? 8
                          : r == 0 ? 9.5
                                   : 9,
                          !miss && r == 0, WD_ALIGN_RIGHT, miss ? 5 : 2);
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
        /* The series' shape, then the arrow that says whether the trend is sure; a cairo
         * error shows in the context's status, checked once per page. */
        wd_chart_sparkline(cr, key->series, key->n_series, key->series_break, colx[C_TREND] + 6,
                           mid - 6, width[C_TREND] - 24, 12);
        wd_profile_words(p, WD_WORDS_TREND_ARROW, key->trend, arrow, sizeof arrow);
        put_text(cr, arrow, style(11, 1, WD_ALIGN_CENTER, 1), wd_colour_text,
                 colx[C_TREND] + width[C_TREND] - 16, mid - 7.5, 16);
        put_text(cr, source, src_s, wd_colour_muted, colx[C_SRC] + 8, mid - sh / 2,
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
    char legend[400];
    cy += put_text(cr, wd_profile_words(p, WD_WORDS_KEY_LEGEND, 0, legend, sizeof legend),
                   style(8, 0, WD_ALIGN_LEFT, 2), wd_colour_muted, M, cy, CW);
    return cy;
}

/* Height the trend chart takes at the end of the balance page when a buurt's page 1 gives
 * its place to the opgaven. */
#define MOVED_TREND_H 200.0

/* One opgave: its title and tier, its rank interval as a bar on the scale 1 .. n_ranked (rank
 * 1, the most need, at the left) with the median as a dot, and the bar in words. */
static double opgave_row(cairo_t *cr, const wd_profile *p, int k, double x, double y, double w,
                         double max_y)
{
    const wd_profile_opgave *o = &p->opgaven.items[k];
    char head[128], words[320], end[16];
    wd_text_style ts = style(9, 1, WD_ALIGN_RIGHT, 1), hs = style(10, 1, WD_ALIGN_LEFT, 2);
    wd_text_style rs = style(8.5, 0, WD_ALIGN_LEFT, 3);
    wd_profile_words(p, WD_WORDS_OPGAVE_TITLE, k, head, sizeof head);
    wd_profile_words(p, WD_WORDS_OPGAVE, k, words, sizeof words);
    double tier_w = wd_text_width(cr, o->tier, &ts) + 2;
    double th = wd_text_height(cr, head, &hs, w - tier_w - 8);
    if (y + th + 19 + wd_text_height(cr, words, &rs, w) > max_y) return -1;
    put_text(cr, head, hs, wd_colour_text, x, y, w - tier_w - 8);
    put_text(cr, o->tier, ts, wd_colour_text, x + w - tier_w, y + 1, tier_w);
    y += th + 4;
    /* The scale; its ends are labelled with the ranks they stand for. */
    const int n = o->n_ranked > 1 ? o->n_ranked : 1;
    wd_text_style ls = style(8, 0, WD_ALIGN_RIGHT, 1);
    snprintf(end, sizeof end, "%d", n);
    double lw = wd_text_width(cr, end, &ls) + 6, x0 = x + 14, x1 = x + w - lw, mid = y + 6;
#define RX(r) (n > 1 ? x0 + ((r)-1) * (x1 - x0) / (n - 1) : (x0 + x1) / 2)
    put_text(cr, "1", ls, wd_colour_muted, x, mid - 5.5, 10);
    ls.align = WD_ALIGN_LEFT;
    put_text(cr, end, ls, wd_colour_muted, x1 + 5, mid - 5.5, lw);
    cairo_set_line_width(cr, 0.8);
    wd_rgb_set(cr, wd_colour_grid);
    cairo_move_to(cr, x0, mid);
    cairo_line_to(cr, x1, mid);
    cairo_move_to(cr, x0, mid - 3);
    cairo_line_to(cr, x0, mid + 3);
    cairo_move_to(cr, x1, mid - 3);
    cairo_line_to(cr, x1, mid + 3);
    cairo_stroke(cr);
    double a = RX(o->rank_lo), b = RX(o->rank_hi);
    cairo_rectangle(cr, a - 2, mid - 4, b - a + 4, 8);
    wd_rgb_set(cr, wd_chart_map_colours[1]);
    cairo_fill_preserve(cr);
    cairo_set_line_width(cr, 0.6);
    wd_rgb_set(cr, wd_colour_text);
    cairo_stroke(cr);
    cairo_arc(cr, RX(o->rank_median), mid, 4, 0, 2 * M_PI);
    wd_rgb_set(cr, wd_colour_bar);
    cairo_fill_preserve(cr);
    cairo_set_line_width(cr, 1);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_stroke(cr);
#undef RX
    y += 15;
    return y + put_text(cr, words, rs, wd_colour_text, x, y, w);
}

/* "Opgaven in deze buurt": the opgaven where the buurt ranks highest among the buurten of its
 * gemeente, or why it is not ranked; opgaven that do not fit above max_y are counted. */
static void opgaven_block(cairo_t *cr, const wd_profile *p, double x, double y, double w,
                          double max_y)
{
    const wd_profile_opgaven *o = &p->opgaven;
    char buf[600];
    y += put_text(cr, wd_profile_words(p, WD_WORDS_OPGAVEN_HEAD, 0, buf, sizeof buf),
                  style(11, 1, WD_ALIGN_LEFT, 1), wd_colour_text, x, y, w) +
         3;
    wd_profile_words(p, WD_WORDS_OPGAVEN_INTRO, 0, buf, sizeof buf);
    if (o->n <= 0) {
        put_text(cr, buf, style(9, 0, WD_ALIGN_LEFT, 0), wd_colour_text, x, y, w);
        return;
    }
    y += put_text(cr, buf, style(8.5, 0, WD_ALIGN_LEFT, 0), wd_colour_muted, x, y, w) + 8;
    int n = wd_count(o->n, WD_PROFILE_MAX_OPGAVEN);
    for (int k = 0; k < n; k++) {
        double next = opgave_row(cr, p, k, x, y, w, max_y);
        if (next < 0) {
            snprintf(buf, sizeof buf, "(nog %d niet getoond: te weinig ruimte)", n - k);
            put_text(cr, buf, style(8, 0, WD_ALIGN_LEFT, 1), wd_colour_muted, x, y, w);
            return;
        }
        y = next + 9;
    }
}

static int draw_page1(const wd_profile *p, cairo_t *cr)
{
    double y = header(cr, p, M);
    y = section_title(cr, wd_profile_kind_title(p, WD_PAGE_GLANCE), y + 12);
    if (p->small_population || !isfinite(p->population)) y = notice(cr, p, y + 2) + 8;
    int rc = wd_chart_balance(cr, &p->balance, M, y, CW, 112);
    y += 118;
    y = key_table(cr, p, y) + 14;
    double ch = CONTENT_BOTTOM - y;
    if (ch < 60) return rc;
    double gap = 20, cw2 = (CW - gap) / 2;
    /* Up to six categories stand side by side; more get a row each, labels readable. */
    wd_bars_orientation bars = p->bars.n > 6 ? WD_BARS_HORIZONTAL : WD_BARS_VERTICAL;
    if (p->opgaven.shown) {
        /* The opgaven take the trend's place, which moves to the balance page. */
        double ow = CW * 0.57;
        opgaven_block(cr, p, M, y, ow, CONTENT_BOTTOM);
        int rc2 = wd_chart_bars(cr, &p->bars, bars, M + ow + gap, y, CW - ow - gap, ch);
        return rc ? rc : rc2;
    }
    int rc2 = wd_chart_bars(cr, &p->bars, bars, M, y, cw2, ch);
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

/* The top of every page after the first: whose profile, and the page's title. */
static double page_head(cairo_t *cr, const wd_profile *p, const char *title)
{
    char buf[400];
    wd_profile_words(p, WD_WORDS_PAGE_HEAD, 0, buf, sizeof buf);
    double y = M;
    y += put_text(cr, buf, style(9, 1, WD_ALIGN_LEFT, 1), wd_colour_muted, M, y, CW) + 4;
    return section_title(cr, title, y);
}

static double intro(cairo_t *cr, const char *s, double y)
{
    return y + put_text(cr, s, style(9, 0, WD_ALIGN_LEFT, 0), wd_colour_text, M, y, CW) + 10;
}

static int draw_balance(const wd_profile *p, cairo_t *cr)
{
    const wd_balance_chart *b = &p->balance;
    char buf[700];
    double y = page_head(cr, p, wd_profile_kind_title(p, WD_PAGE_BALANCE));
    y = intro(cr, wd_profile_words(p, WD_WORDS_BALANCE_INTRO, 0, buf, sizeof buf), y);
    /* The formula below the components is measured first; the components get what is left,
     * each panel in proportion to its number of rows, shrinking to one line per component
     * (the panel says how many do not fit) before the formula is shortened. */
    wd_text_style bs = style(9, 0, WD_ALIGN_LEFT, 0);
    double text_h = b->formula[0] ? wd_text_height(cr, b->formula, &bs, CW) + 26 : 0;
    /* A buurt's trend chart closes this page (page 1 holds its opgaven instead). */
    double trend_h = p->opgaven.shown ? MOVED_TREND_H : 0;
    double avail = CONTENT_BOTTOM - y - trend_h;
    int nkr = wd_count(b->n_kracht, WD_CHART_MAX_COMPONENTS);
    int nla = wd_count(b->n_last, WD_CHART_MAX_COMPONENTS);
    double want_k = 34 + 23 * (nkr ? nkr : 1), want_l = 34 + 23 * (nla ? nla : 1);
    double min_k = 34 + 16.5 * (nkr ? nkr : 1), min_l = 34 + 16.5 * (nla ? nla : 1);
    double comp_h = fmax(min_k + min_l, fmin(want_k + want_l, avail - text_h));
    double text_min = b->formula[0] ? 58 : 0;
    if (comp_h > avail - fmin(text_h, text_min))
        comp_h = fmax(2 * 50, avail - fmin(text_h, text_min));
    double f = comp_h / (want_k + want_l);
    const struct {
        const wd_balance_component *c;
        int n;
        wd_rgb colour;
        double h;
    } panels[2] = {{b->kracht, nkr, wd_colour_kracht, want_k * f},
                   {b->last, nla, wd_colour_last, want_l * f}};
    int rc = 0;
    for (int k = 0; k < 2; k++) {
        wd_profile_words(p, WD_WORDS_PANEL, k, buf, sizeof buf);
        if (panels[k].n == 0) {
            char none[64];
            y += put_text(cr, buf, style(10.5, 1, WD_ALIGN_LEFT, 1), wd_colour_text, M, y, CW) + 2;
            y += put_text(cr, wd_profile_words(p, WD_WORDS_NO_COMPONENTS, 0, none, sizeof none),
                          style(9, 0, WD_ALIGN_LEFT, 1), wd_colour_muted, M, y, CW) +
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
    char head[64];
    y = paragraph(cr, wd_profile_words(p, WD_WORDS_FORMULA_HEAD, 0, head, sizeof head), b->formula,
                  y, CONTENT_BOTTOM - trend_h);
    if (trend_h > 0 && CONTENT_BOTTOM - y > 100) {
        int rc2 = wd_chart_trend(cr, &p->trend, M, y + 4, CW, CONTENT_BOTTOM - y - 4);
        rc = rc ? rc : rc2;
    }
    return rc;
}

/* Two maps side by side in the box (x, y, CW, h): maps first .. first + 1 of p, their lines
 * from `lines` (wd_chart_map). */
static int map_row(cairo_t *cr, const wd_profile *p, int first, double y, double h,
                   wd_map_lines *lines)
{
    double gap = 20, w2 = (CW - gap) / 2;
    int rc = 0;
    for (int k = first; k < first + 2 && k < p->maps.n_maps; k++) {
        int r = wd_chart_map(cr, &p->maps, k, M + (k - first) * (w2 + gap), y, w2, h, lines);
        rc = rc ? rc : r;
    }
    return rc;
}

static double map_note(cairo_t *cr, const wd_profile *p, double y)
{
    char buf[600];
    wd_profile_words(p, WD_WORDS_MAP_NOTE, 0, buf, sizeof buf);
    return y + put_text(cr, buf, style(8, 0, WD_ALIGN_LEFT, 0), wd_colour_muted, M, y, CW) + 4;
}

static int draw_compare(const wd_profile *p, cairo_t *cr)
{
    const wd_dot_table_chart *c = &p->compare;
    char buf[600];
    double y = page_head(cr, p, wd_profile_kind_title(p, WD_PAGE_COMPARE));
    y = intro(cr, wd_profile_words(p, WD_WORDS_COMPARE_INTRO, 0, buf, sizeof buf), y);
    double maps_h = p->maps.n_maps > 0 ? fmin(300, (CONTENT_BOTTOM - y) * 0.5) : 0;
    int used = wd_chart_dot_table(cr, c, M, y, CW, CONTENT_BOTTOM - y - maps_h);
    if (used < 0) return used;
    y += used;
    y += put_text(cr, c->source, style(8, 0, WD_ALIGN_LEFT, 1), wd_colour_muted, M, y, CW) + 12;
    if (maps_h <= 0) return 0;
    double note_h = 30, h = CONTENT_BOTTOM - y - note_h;
    if (h < 120) return 0;
    wd_map_lines lines = {0};
    int rc = map_row(cr, p, 0, y, h, &lines);
    wd_chart_map_lines_free(&lines);
    map_note(cr, p, y + h + 4);
    return rc;
}

/* Per wijkopgave the buurten with the most need, each with its interval of ranks. */
void wd_profile_rank_chart(const wd_profile *p, int k, wd_rank_chart *out)
{
    const wd_profile_ranking *it = &p->rankings.items[k];
    *out = (wd_rank_chart){.n_ranked = it->n_ranked, .n = wd_count(it->n, WD_PROFILE_RANKED_ROWS)};
    snprintf(out->title, sizeof out->title, "%s", it->title);
    for (int i = 0; i < out->n; i++) {
        snprintf(out->name[i], sizeof out->name[i], "%s", it->name[i]);
        out->median[i] = it->median[i];
        out->lo[i] = it->lo[i];
        out->hi[i] = it->hi[i];
        snprintf(out->tier[i], sizeof out->tier[i], "%s", it->tier[i]);
    }
}

static int draw_rankings(const wd_profile *p, cairo_t *cr)
{
    const wd_profile_rankings *r = &p->rankings;
    char buf[900];
    double y = page_head(cr, p, wd_profile_kind_title(p, WD_PAGE_RANKINGS));
    y = intro(cr, wd_profile_words(p, WD_WORDS_RANKINGS_INTRO, 0, buf, sizeof buf), y);
    /* The buurten that are never ranked are named below the rankings, with their reason. */
    char note[700];
    wd_text_style ns = style(8, 0, WD_ALIGN_LEFT, 2);
    wd_profile_words(p, WD_WORDS_NOT_RANKED, 0, note, sizeof note);
    double note_h = note[0] ? wd_text_height(cr, note, &ns, CW) + 3 : 0;
    int n = wd_count(r->n, WD_PROFILE_MAX_RANKINGS);
    double each = (CONTENT_BOTTOM - 16 - note_h - y) / n;
    int rc = 0;
    for (int k = 0; !rc && k < n; k++) {
        wd_rank_chart c;
        wd_profile_rank_chart(p, k, &c);
        int used = wd_chart_ranking(cr, &c, M, y, CW, each);
        if (used < 0) rc = used;
        y += each;
    }
    if (note[0]) y += put_text(cr, note, ns, wd_colour_muted, M, y, CW) + 3;
    put_text(cr, wd_profile_words(p, WD_WORDS_RANKINGS_SOURCE, 0, buf, sizeof buf),
             style(8, 0, WD_ALIGN_LEFT, 2), wd_colour_muted, M, y, CW);
    return rc;
}

static int draw_beraad(const wd_profile *p, cairo_t *cr)
{
    double y = page_head(cr, p, wd_profile_kind_title(p, WD_PAGE_BERAAD));
    return wd_profile_beraad_draw(cr, &p->beraad, M, y + 4, CW, CONTENT_BOTTOM);
}

/* Height the table of buurten like this one takes at the end of the health page. */
#define SIMILAR_H 132.0

/* "Buurten zoals ...": the nearest buurten of the store in two columns of five, each with its
 * gemeente and distance, or why there are none. */
static void similar_table(cairo_t *cr, const wd_profile *p, double y)
{
    const wd_profile_similar *s = &p->similar;
    char buf[400], d[32];
    wd_profile_words(p, WD_WORDS_SIMILAR_HEAD, 0, buf, sizeof buf);
    y += put_text(cr, buf, style(10.5, 1, WD_ALIGN_LEFT, 2), wd_colour_text, M, y, CW) + 2;
    wd_profile_words(p, WD_WORDS_SIMILAR_INTRO, 0, buf, sizeof buf);
    y += put_text(cr, buf, style(8.5, 0, WD_ALIGN_LEFT, 3), wd_colour_text, M, y, CW) + 4;
    if (s->n == 0) {
        wd_profile_words(p, WD_WORDS_SIMILAR_NONE, 0, buf, sizeof buf);
        put_text(cr, buf, style(9, 0, WD_ALIGN_LEFT, 2), wd_colour_muted, M, y, CW);
        return;
    }
    const double col = CW / 2, num_w = 40, row_h = 13;
    wd_text_style ns = style(8.5, 0, WD_ALIGN_LEFT, 1), ds = style(8.5, 0, WD_ALIGN_RIGHT, 1);
    for (int k = 0; k < s->n; k++) {
        double x = M + (k < 5 ? 0 : col), ry = y + (k % 5) * row_h;
        snprintf(buf, sizeof buf, "%d. %s%s%s", k + 1, s->name[k], s->gemeente[k][0] ? ", " : "",
                 s->gemeente[k]);
        put_text(cr, buf, ns, wd_colour_text, x, ry, col - num_w - 12);
        wd_text_fmt_number(d, sizeof d, s->distance[k], 2);
        put_text(cr, d, ds, wd_colour_text, x + col - num_w - 12, ry, num_w);
    }
}

static int draw_health(const wd_profile *p, cairo_t *cr)
{
    char buf[600], head[64];
    double y = page_head(cr, p, wd_profile_kind_title(p, WD_PAGE_HEALTH));
    y = intro(cr, wd_profile_words(p, WD_WORDS_HEALTH_INTRO, 0, buf, sizeof buf), y);
    int n = p->health.n > 0 ? p->health.n : 1;
    double h = fmin(CONTENT_BOTTOM - y - 140 - (p->similar.shown ? SIMILAR_H : 0), 60 + 40.0 * n);
    int rc = wd_chart_estimates(cr, &p->health, M, y, CW, h);
    y += h + 16;
    y = paragraph(cr, wd_profile_words(p, WD_WORDS_HEALTH_HEAD, 0, head, sizeof head),
                  wd_profile_words(p, WD_WORDS_HEALTH_READING, 0, buf, sizeof buf), y,
                  CONTENT_BOTTOM);
    if (p->similar.shown) similar_table(cr, p, y + 14);
    return rc;
}

static int draw_lbm(const wd_profile *p, cairo_t *cr)
{
    const wd_profile_lbm *l = &p->lbm;
    char buf[600];
    double y = page_head(cr, p, wd_profile_kind_title(p, WD_PAGE_LBM));
    int rc = 0;
    wd_profile_words(p, WD_WORDS_LBM_SCORE, 0, buf, sizeof buf);
    if (l->year > 0) {
        y += put_text(cr, buf, style(12, 1, WD_ALIGN_LEFT, 2), wd_colour_text, M, y, CW) + 2;
        y = intro(cr, wd_profile_words(p, WD_WORDS_LBM_INTRO, 0, buf, sizeof buf), y);
        rc = wd_chart_bars(cr, &l->dims, WD_BARS_HORIZONTAL, M, y, CW, 150);
        y += 162;
    } else {
        y = intro(cr, buf, y);
    }
    y = section_title(cr, wd_profile_words(p, WD_WORDS_SMALL_HEAD, 0, buf, sizeof buf), y);
    int n = wd_count(p->n_small, WD_PROFILE_MAX_SMALL);
    y = intro(cr, wd_profile_words(p, WD_WORDS_SMALL_INTRO, 0, buf, sizeof buf), y);
    if (n == 0) return rc;
    int cols = 3, rows = (n + cols - 1) / cols;
    double gap = 18, cw = (CW - (cols - 1) * gap) / cols;
    double ch = fmin(190, (CONTENT_BOTTOM - y - (rows - 1) * 14) / rows);
    if (ch < 80) return rc;
    for (int i = 0; i < n; i++) {
        int r = wd_chart_small(cr, &p->small[i], M + (i % cols) * (cw + gap),
                               y + (i / cols) * (ch + 14), cw, ch);
        rc = rc ? rc : r;
    }
    return rc;
}

static int draw_map(const wd_profile *p, cairo_t *cr)
{
    char buf[600];
    double y = page_head(cr, p, wd_profile_kind_title(p, WD_PAGE_MAP));
    y = intro(cr, wd_profile_words(p, WD_WORDS_MAP_INTRO, 0, buf, sizeof buf), y);
    double note_h = 40, gap = 16;
    int rows = (p->maps.n_maps + 1) / 2;
    double h = (CONTENT_BOTTOM - y - note_h - (rows - 1) * gap) / rows;
    int rc = 0;
    wd_map_lines lines = {0};
    for (int r = 0; r < rows; r++) {
        int k = map_row(cr, p, 2 * r, y, h, &lines);
        rc = rc ? rc : k;
        y += h + gap;
    }
    wd_chart_map_lines_free(&lines);
    map_note(cr, p, y - gap + 6);
    return rc;
}

static int draw_sources(const wd_profile *p, cairo_t *cr)
{
    char buf[600], idx[16];
    double y = page_head(cr, p, wd_profile_kind_title(p, WD_PAGE_SOURCES));
    wd_text_style src_s = style(8.5, 0, WD_ALIGN_LEFT, 2);
    int ns = wd_count(p->n_sources, WD_PROFILE_MAX_SOURCES);
    y += put_text(cr, wd_profile_words(p, WD_WORDS_SOURCES_HEAD, 0, buf, sizeof buf),
                  style(10.5, 1, WD_ALIGN_LEFT, 1), wd_colour_text, M, y, CW) +
         2;
    if (ns == 0)
        y += put_text(cr, wd_profile_words(p, WD_WORDS_NO_SOURCES, 0, buf, sizeof buf),
                      style(9, 0, WD_ALIGN_LEFT, 1), wd_colour_muted, M, y, CW);
    for (int i = 0; i < ns; i++) {
        double h = wd_text_height(cr, p->sources[i], &src_s, CW - 18);
        if (y + h > CONTENT_BOTTOM * 0.5 && i + 1 < ns) {
            snprintf(buf, sizeof buf, "(nog %d bronnen passen niet op deze pagina)", ns - i);
            y += put_text(cr, buf, style(8.5, 0, WD_ALIGN_LEFT, 1), wd_colour_muted, M + 18, y,
                          CW - 18);
            break;
        }
        snprintf(idx, sizeof idx, "%d.", i + 1);
        put_text(cr, idx, style(8.5, 0, WD_ALIGN_RIGHT, 1), wd_colour_text, M, y, 14);
        y += put_text(cr, p->sources[i], src_s, wd_colour_text, M + 18, y, CW - 18) + 2;
    }
    y += 10;
    /* Caveats before definitions: they must be read; definitions shrink to one line each
     * when the page is full. */
    wd_text_style bs = style(8.5, 0, WD_ALIGN_LEFT, 0);
    double def_h = 0;
    int nd = wd_count(p->n_defs, WD_PROFILE_MAX_DEFS);
    for (int i = 0; i < nd; i++) {
        snprintf(buf, sizeof buf, "%s: %s", p->defs[i].label, p->defs[i].text);
        def_h += wd_text_height_lead(cr, buf, strlen(p->defs[i].label) + 1, &bs, CW) + 2;
    }
    double notes_max = CONTENT_BOTTOM - fmin(def_h + 36, (CONTENT_BOTTOM - y) * 0.45);
    char head[64];
    y = paragraph(cr, wd_profile_words(p, WD_WORDS_NOTES_HEAD, 0, head, sizeof head), p->notes, y,
                  notes_max);
    wd_page_kind kinds[WD_PROFILE_MAX_PAGES];
    int n_pages = wd_profile_pages(p, kinds);
    for (int i = 0; i < n_pages; i++)
        if (kinds[i] == WD_PAGE_BALANCE) {
            snprintf(buf, sizeof buf,
                     "De formule en de gewichten van draagkracht en draaglast staan op pagina %d.",
                     i + 1);
            y += put_text(cr, buf, style(9, 0, WD_ALIGN_LEFT, 0), wd_colour_text, M, y - 4, CW) + 8;
        }
    if (nd == 0) return 0;
    y += put_text(cr, wd_profile_words(p, WD_WORDS_DEFS_HEAD, 0, head, sizeof head),
                  style(10.5, 1, WD_ALIGN_LEFT, 1), wd_colour_text, M, y, CW) +
         2;
    if (y + def_h > CONTENT_BOTTOM) bs.max_lines = 1;
    for (int i = 0; i < nd; i++) {
        snprintf(buf, sizeof buf, "%s: %s", p->defs[i].label, p->defs[i].text);
        size_t lead = strlen(p->defs[i].label) + 1;
        double h = wd_text_height_lead(cr, buf, lead, &bs, CW);
        if (y + h > CONTENT_BOTTOM) {
            snprintf(buf, sizeof buf, "(nog %d begrippen passen niet op deze pagina)", nd - i);
            put_text(cr, buf, style(8, 0, WD_ALIGN_LEFT, 1), wd_colour_muted, M, y - 2, CW);
            break;
        }
        wd_rgb_set(cr, wd_colour_text);
        y += wd_text_draw_lead(cr, buf, lead, &bs, M, y, CW) + 2;
    }
    return 0;
}

int wd_profile_draw_page(const wd_profile *p, int page, cairo_t *cr, wd_error *err)
{
    if (!p || !cr)
        return wd_error_set(err, WD_EUSAGE,
                            "wd_profile_draw_page: profiel of cairo-context ontbreekt");
    wd_page_kind kinds[WD_PROFILE_MAX_PAGES];
    int n_pages = wd_profile_pages(p, kinds);
    if (page < 0 || page >= n_pages)
        return wd_error_set(err, WD_EUSAGE, "profiel %s: pagina %d bestaat niet (pagina's 0-%d)",
                            p->code, page, n_pages - 1);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        return wd_error_set(err, WD_ERR, "profiel %s kan niet worden getekend (cairo: %s)", p->code,
                            cairo_status_to_string(cairo_status(cr)));
    cairo_save(cr);
    /* White paper first. Cairo's PDF writer adds the box of every drawing operation to a
     * region of what it can write natively; after one that covers the page, each addition
     * is a test against one rectangle instead of a merge into hundreds (4% of a profile's
     * CPU). */
    cairo_rectangle(cr, 0, 0, PW, PH);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill(cr);
    int rc = 0;
    switch (kinds[page]) {
    case WD_PAGE_GLANCE:
        rc = draw_page1(p, cr);
        break;
    case WD_PAGE_BALANCE:
        rc = draw_balance(p, cr);
        break;
    case WD_PAGE_COMPARE:
        rc = draw_compare(p, cr);
        break;
    case WD_PAGE_RANKINGS:
        rc = draw_rankings(p, cr);
        break;
    case WD_PAGE_BERAAD:
        rc = draw_beraad(p, cr);
        break;
    case WD_PAGE_HEALTH:
        rc = draw_health(p, cr);
        break;
    case WD_PAGE_LBM:
        rc = draw_lbm(p, cr);
        break;
    case WD_PAGE_MAP:
        rc = draw_map(p, cr);
        break;
    case WD_PAGE_SOURCES:
        rc = draw_sources(p, cr);
        break;
    }
    footer(cr, p, page, n_pages);
    if (p->demo) wd_profile_demo_mark(cr);
    cairo_restore(cr);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        return wd_error_set(err, WD_ERR,
                            "profiel %s, pagina %d kan niet worden getekend (cairo: %s)", p->code,
                            page + 1, cairo_status_to_string(cairo_status(cr)));
    if (rc < 0)
        return wd_error_set(err, rc, "profiel %s, pagina %d: een grafiek kan niet worden getekend",
                            p->code, page + 1);
    return n_pages;
}

/* Where cairo's bytes go: the atomic writer's stream (engine/wd_file.h), `closure`. It never
 * reports a failure to cairo: cairo 1.16 crashes in cairo_surface_finish (a NULL memcpy) when
 * its stream failed at the first bytes, and after a later failure it may even finish with
 * success. The stream keeps the first error and drops what follows; draw_to_sink stops at the
 * next page and the writer reports the error with the file and its cause. */
static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int length)
{
    fwrite(data, 1, length, closure);
    return CAIRO_STATUS_SUCCESS;
}

/* One metadata field; cairo puts the surface in an error state for text that is not UTF-8. */
static void put_metadata(cairo_surface_t *surface, cairo_pdf_metadata_t field, char *text)
{
    wd_utf8_repair(text);
    cairo_pdf_surface_set_metadata(surface, field, text);
}

static void set_metadata(cairo_surface_t *surface, const wd_profile *p)
{
    char buf[600];
    snprintf(buf, sizeof buf, "Wijkprofiel %s (%s)", p->name, p->code);
    put_metadata(surface, CAIRO_PDF_METADATA_TITLE, buf);
    snprintf(buf, sizeof buf,
             "Wijkprofiel van %s %s%s%s: kerncijfers, draagkracht en draaglast, gezondheid, "
             "leefbaarheid, trends, kaart en bronnen%s",
             p->level, p->name, p->gemeente_name[0] ? ", gemeente " : "", p->gemeente_name,
             p->demo ? " (DEMO, gesimuleerde gegevens)" : "");
    put_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, buf);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, "Wijkdata-Wijkdoen");
    snprintf(buf, sizeof buf, "wijkprofiel, %s, %s, %s, draagkracht, draaglast%s", p->level,
             p->code, p->gemeente_code, p->demo ? ", demo" : "");
    put_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, buf);
#ifdef WD_VERSION
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR,
                                   "Wijkdata-Wijkdoen " WD_VERSION);
#else
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Wijkdata-Wijkdoen");
#endif
    /* The date printed on the profile, not the clock: the same data give the same file. */
    int yy, mm, dd;
    if (wd_text_parse_date(p->generated_on, &yy, &mm, &dd) == 0) {
        snprintf(buf, sizeof buf, "%04d-%02d-%02dT00:00:00Z", yy, mm, dd);
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, buf);
    }
}

/* Draws the profile onto a new surface writing to `sink`: all pages for PDF, one for SVG
 * and PNG. Returns 0 or a negative wd_code (err names neither path nor format). */
static int draw_to_sink(const wd_profile *p, wd_format format, int page, double dpi, FILE *sink,
                        wd_error *err)
{
    int n_pages = wd_profile_page_count(p);
    if (format != WD_FORMAT_PDF && (page < 0 || page >= n_pages))
        return wd_error_set(err, WD_EUSAGE,
                            "pagina %d bestaat niet (het profiel heeft %d pagina's)", page + 1,
                            n_pages);
    if (format == WD_FORMAT_PNG && !(dpi >= 18 && dpi <= 1200))
        return wd_error_set(err, WD_EUSAGE, "resolutie %g dpi buiten 18-1200", dpi);
    cairo_surface_t *surface;
    double scale = 1;
    if (format == WD_FORMAT_PDF) {
        surface = cairo_pdf_surface_create_for_stream(sink_write, sink, PW, PH);
    } else if (format == WD_FORMAT_SVG) {
        surface = cairo_svg_surface_create_for_stream(sink_write, sink, PW, PH);
    } else {
        scale = dpi / 72;
        surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(PW * scale),
                                             (int)ceil(PH * scale));
    }
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        int rc = wd_error_set(err, WD_EIO, "het cairo-oppervlak kan niet starten: %s",
                              cairo_status_to_string(cairo_surface_status(surface)));
        cairo_surface_destroy(surface);
        return rc;
    }
    if (format == WD_FORMAT_PDF) {
        cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5);
        set_metadata(surface, p);
    }
    cairo_t *cr = cairo_create(surface);
    int rc = 0;
    if (format == WD_FORMAT_PNG) {
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        cairo_scale(cr, scale, scale);
    }
    /* After a failed write the pages still to come would only be dropped. */
    for (int pg = format == WD_FORMAT_PDF ? 0 : page;
         pg < (format == WD_FORMAT_PDF ? n_pages : page + 1) && !ferror(sink); pg++) {
        if (format == WD_FORMAT_PDF) {
            char dest[32], title[200];
            snprintf(dest, sizeof dest, "page=%d", pg + 1);
            wd_utf8_copy(title, sizeof title, wd_profile_page_title(p, pg));
            cairo_pdf_surface_add_outline(surface, CAIRO_PDF_OUTLINE_ROOT, title, dest, 0);
        }
        int got = wd_profile_draw_page(p, pg, cr, err);
        if (got < 0) {
            rc = got;
            break;
        }
        if (format != WD_FORMAT_PNG) cairo_show_page(cr);
    }
    cairo_destroy(cr);
    if (!rc && format == WD_FORMAT_PNG && !ferror(sink))
        cairo_surface_write_to_png_stream(surface, sink_write, sink);
    cairo_surface_finish(surface);
    if (!rc && cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
        rc = wd_error_set(err, WD_ERR, "het profiel kan niet worden afgemaakt (cairo: %s)",
                          cairo_status_to_string(cairo_surface_status(surface)));
    cairo_surface_destroy(surface);
    /* The writer replaces this with the file and the cause. */
    if (!rc && ferror(sink)) rc = wd_error_set(err, WD_EIO, "schrijven mislukt");
    return rc;
}

typedef struct {
    const wd_profile *p;
    wd_format format;
    int page;
    double dpi;
    const char *path;
} render_job;

static int render_to(FILE *f, void *ctx, wd_error *err)
{
    const render_job *job = ctx;
    int rc = draw_to_sink(job->p, job->format, job->page, job->dpi, f, err);
    return rc ? wd_error_prefix(err, "%s: ", job->path) : 0;
}

int wd_profile_render(const wd_profile *p, wd_format format, int page, double dpi, const char *path,
                      wd_error *err)
{
    if (!p || !path || !*path)
        return wd_error_set(err, WD_EUSAGE, "wd_profile_render: profiel of pad ontbreekt");
    render_job job = {p, format, page, dpi, path};
    return wd_file_write_atomic(path, render_to, &job, err);
}

int wd_profile_render_pdf(const wd_profile *p, const char *path, wd_error *err)
{
    return wd_profile_render(p, WD_FORMAT_PDF, 0, 0, path, err);
}
