/* Implementation of wd_sheet.h: the pages of the poster, the gespreksblad and the stemkaart,
 * and the PDF.
 *
 * The poster has two halves of A4 landscape size: the key figures, each on a card with an
 * empty "Klopt dit? Wat mist er?" field for sticky notes, and the balance with the opgaven
 * as groups of buurten. On A3 portrait they stand one above the other; on A4 each is a page.
 * The balance is the profile's chart (plots/wd_chart_balance.h), drawn enlarged so that its
 * smallest text is the poster's smallest. Pages are laid out from the top down with measured
 * text heights; text that would not fit is left out with a line saying so, never set smaller.
 * No meaning is carried by colour: cards and fields are black outlines on white. */
#include "plots/wd_sheet.h"

#include "engine/wd_file.h"
#include "plots/wd_text.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define A4_SHORT 595.276
#define A4_LONG 841.89
#define A3_LONG 1190.551
#define MARGIN 36.0
/* The balance chart is drawn at this scale: its 8-point text becomes 14 points. */
#define BALANCE_SCALE 1.75

#define DEMO_TEXT "DEMO \xe2\x80\x94 gesimuleerde gegevens, niet gebruiken voor besluiten"

int wd_sheet_kind_of(const char *name, wd_sheet_kind *out)
{
    static const char *const names[] = {"poster", "gespreksblad", "stemkaart"};
    for (int k = 0; k < 3; k++)
        if (name && strcmp(name, names[k]) == 0) {
            *out = (wd_sheet_kind)k;
            return 0;
        }
    return -1;
}

int wd_sheet_paper_of(const char *name, wd_sheet_paper *out)
{
    if (!name || strcmp(name, "a3") == 0)
        *out = WD_SHEET_A3;
    else if (strcmp(name, "a4") == 0)
        *out = WD_SHEET_A4;
    else
        return -1;
    return 0;
}

int wd_sheet_page_count(wd_sheet_kind kind, wd_sheet_paper paper)
{
    return kind == WD_SHEET_POSTER && paper == WD_SHEET_A4 ? 2 : 1;
}

void wd_sheet_page_size(wd_sheet_kind kind, wd_sheet_paper paper, double *w, double *h)
{
    if (kind != WD_SHEET_POSTER) {
        *w = A4_SHORT;
        *h = A4_LONG;
    } else {
        *w = A4_LONG;
        *h = paper == WD_SHEET_A3 ? A3_LONG : A4_SHORT;
    }
}

static const wd_rgb black = {0.1, 0.1, 0.1};

static double text(cairo_t *cr, const char *s, double size, int bold, double x, double y, double w)
{
    wd_text_style st = {size, bold, WD_ALIGN_LEFT, 0};
    wd_rgb_set(cr, black);
    return wd_text_draw(cr, s, &st, x, y, w);
}

static double height(cairo_t *cr, const char *s, double size, int bold, double w)
{
    wd_text_style st = {size, bold, WD_ALIGN_LEFT, 0};
    return wd_text_height(cr, s, &st, w);
}

/* The demonstration mark: a dark band across the top edge with white text. */
static void demo_band(cairo_t *cr, double w, double size)
{
    cairo_rectangle(cr, 0, 0, w, size + 10);
    wd_rgb_set(cr, black);
    cairo_fill(cr);
    wd_text_style st = {size, 1, WD_ALIGN_CENTER, 1};
    cairo_set_source_rgb(cr, 1, 1, 1);
    wd_text_draw(cr, DEMO_TEXT, &st, MARGIN, 4, w - 2 * MARGIN);
}

static void box(cairo_t *cr, double x, double y, double w, double h, double line, int dashed)
{
    cairo_save(cr);
    cairo_new_path(cr);
    cairo_rectangle(cr, x, y, w, h);
    cairo_set_line_width(cr, line);
    if (dashed) cairo_set_dash(cr, (const double[]){6, 4}, 2, 0);
    wd_rgb_set(cr, black);
    cairo_stroke(cr);
    cairo_restore(cr);
}

/* "buurt Oude Haven in wijk Centrum, gemeente Voorbeeldstad". */
static void where(char *buf, size_t cap, const wd_sheet *s)
{
    size_t n = (size_t)snprintf(buf, cap, "%s %s", s->level, s->name);
    if (s->wijk_name[0] && n < cap)
        n += (size_t)snprintf(buf + n, cap - n, ", wijk %s", s->wijk_name);
    if (s->gemeente_name[0] && strcmp(s->level, "gemeente") != 0 && n < cap)
        snprintf(buf + n, cap - n, ", gemeente %s", s->gemeente_name);
}

/* The foot of a page: the tables behind its figures and the date; returns its top. */
static double foot(cairo_t *cr, const wd_sheet *s, double size, double x, double bottom, double w)
{
    char buf[2400];
    size_t n = (size_t)snprintf(buf, sizeof buf, "Bronnen: ");
    for (int k = 0; k < s->n_sources && n < sizeof buf; k++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", k ? "; " : "", s->sources[k]);
    if (s->n_sources == 0 && n < sizeof buf) n += (size_t)snprintf(buf + n, sizeof buf - n, "geen");
    if (n < sizeof buf)
        snprintf(buf + n, sizeof buf - n, ". Wijkdata-Wijkdoen, gemaakt op %s.",
                 s->generated_on[0] ? s->generated_on : "onbekende datum");
    double h = height(cr, buf, size, 0, w);
    text(cr, buf, size, 0, x, bottom - h, w);
    return bottom - h;
}

/* One key figure: heading, the figure, its sentence and source, and below them the field for
 * sticky notes, which takes what is left of the card. */
static void figure_card(cairo_t *cr, const wd_sheet_figure *f, double x, double y, double w,
                        double h)
{
    const double pad = 10, iw = w - 2 * pad, body = WD_SHEET_POSTER_MIN;
    box(cr, x, y, w, h, 1.5, 0);
    double cy = y + pad;
    cy += text(cr, f->label, 16, 1, x + pad, cy, iw);
    cy += text(cr, f->figure, WD_SHEET_FIGURE_SIZE, 1, x + pad, cy - 3, iw) - 3;
    cy += text(cr, f->sentence, body, 0, x + pad, cy, iw) + 2;
    cy += text(cr, f->source, body, 0, x + pad, cy, iw) + 6;
    double fh = y + h - pad - cy;
    if (fh < 30) return;
    box(cr, x + pad, cy, iw, fh, 1, 1);
    text(cr, "Klopt dit? Wat mist er?", body, 1, x + pad + 6, cy + 4, iw - 12);
}

/* The poster's first half: who, and the key figures. */
static void poster_figures(cairo_t *cr, const wd_sheet *s, double y0, double h)
{
    const double x = MARGIN, w = A4_LONG - 2 * MARGIN, bottom = y0 + h - 24;
    char buf[600];
    double y = y0 + MARGIN;
    y += text(cr, s->name, 32, 1, x, y, w);
    where(buf, sizeof buf, s);
    size_t n = strlen(buf);
    snprintf(buf + n, sizeof buf - n, ". Cijfers over %d.", s->year);
    buf[0] = (char)(buf[0] >= 'a' && buf[0] <= 'z' ? buf[0] - 'a' + 'A' : buf[0]);
    y += text(cr, buf, 16, 0, x, y, w) + 10;
    int nf = s->n_figures < WD_SHEET_MAX_FIGURES ? s->n_figures : WD_SHEET_MAX_FIGURES;
    if (nf <= 0) {
        text(cr, "Voor dit gebied zijn geen kerncijfers.", WD_SHEET_POSTER_MIN, 0, x, y, w);
        return;
    }
    int cols = 3, rows = (nf + cols - 1) / cols;
    double gap = 14, cw = (w - (cols - 1) * gap) / cols,
           ch = (bottom - y - (rows - 1) * gap) / rows;
    for (int k = 0; k < nf; k++)
        figure_card(cr, &s->figures[k], x + (k % cols) * (cw + gap), y + (k / cols) * (ch + gap),
                    cw, ch);
}

/* The poster's second half: the balance as one picture and the opgaven as groups. */
static int poster_balance(cairo_t *cr, const wd_sheet *s, double y0, double h)
{
    const double x = MARGIN, w = A4_LONG - 2 * MARGIN, body = WD_SHEET_POSTER_MIN;
    double y = y0 + MARGIN;
    double bottom = foot(cr, s, body, x, y0 + h - 18, w) - 10;
    /* The chart's own first line says what the balance is. */
    double bh = 118 * BALANCE_SCALE;
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, BALANCE_SCALE, BALANCE_SCALE);
    int rc = wd_chart_balance(cr, &s->balance, 0, 0, w / BALANCE_SCALE, bh / BALANCE_SCALE);
    cairo_restore(cr);
    y += bh + 12;
    y += text(cr, "Wijkopgaven: wat is er nodig?", 22, 1, x, y, w) + 4;
    if (s->n_top == 0) {
        text(cr, s->not_ranked, body, 0, x, y, w);
        return rc;
    }
    y += text(cr, s->groups_intro, body, 0, x, y, w) + 8;
    for (int k = 0; k < s->n_top && k < WD_SHEET_MAX_TOP; k++) {
        const wd_sheet_opgave *o = &s->top[k];
        double need = height(cr, o->title, 16, 1, w) + height(cr, o->groups, body, 0, w - 16);
        if (y + need > bottom) {
            char buf[120];
            snprintf(buf, sizeof buf, "(Meer opgaven: zie het wijkprofiel.)");
            text(cr, buf, body, 0, x, y, w);
            break;
        }
        y += text(cr, o->title, 16, 1, x, y, w);
        y += text(cr, o->groups, body, 0, x + 16, y, w - 16) + 8;
    }
    return rc;
}

static int draw_poster(const wd_sheet *s, wd_sheet_paper paper, int page, cairo_t *cr)
{
    if (paper == WD_SHEET_A3) {
        poster_figures(cr, s, 0, A4_SHORT);
        cairo_new_path(cr);
        cairo_move_to(cr, MARGIN, A4_SHORT);
        cairo_line_to(cr, A4_LONG - MARGIN, A4_SHORT);
        cairo_set_line_width(cr, 1);
        wd_rgb_set(cr, black);
        cairo_stroke(cr);
        return poster_balance(cr, s, A4_SHORT, A4_SHORT);
    }
    if (page == 0) {
        poster_figures(cr, s, 0, A4_SHORT);
        return 0;
    }
    return poster_balance(cr, s, 0, A4_SHORT);
}

/* The gespreksblad: per opgave the figures behind it and what they say, then three open
 * questions. */
static void draw_gesprek(const wd_sheet *s, cairo_t *cr)
{
    const double x = MARGIN, w = A4_SHORT - 2 * MARGIN, body = WD_SHEET_GESPREK_MIN;
    char buf[600];
    double y = MARGIN;
    double bottom = foot(cr, s, body, x, A4_LONG - 18, w) - 10;
    snprintf(buf, sizeof buf, "Gespreksblad: %s", s->name);
    y += text(cr, buf, 20, 1, x, y, w);
    where(buf, sizeof buf, s);
    size_t n = strlen(buf);
    snprintf(
        buf + n, sizeof buf - n,
        ". Voor wie het gesprek aan tafel leidt. Cijfers over %d. Per opgave de cijfers erachter "
        "en wat ze wel en niet zeggen.",
        s->year);
    buf[0] = (char)(buf[0] >= 'a' && buf[0] <= 'z' ? buf[0] - 'a' + 'A' : buf[0]);
    y += text(cr, buf, body, 0, x, y, w) + 10;
    /* The questions are measured first: they must be on the sheet. */
    double qh = height(cr, "Drie open vragen", 14, 1, w) + 6;
    for (int q = 0; q < WD_SHEET_QUESTIONS; q++)
        qh += height(cr, s->questions[q], body, 0, w - 20) + 6;
    if (s->n_top == 0) y += text(cr, s->not_ranked, body, 0, x, y, w) + 10;
    for (int k = 0; k < s->n_top && k < WD_SHEET_MAX_TOP; k++) {
        const wd_sheet_opgave *o = &s->top[k];
        if (y + height(cr, o->title, 14, 1, w) + 40 > bottom - qh) {
            snprintf(buf, sizeof buf, "(Meer opgaven: zie het wijkprofiel.)");
            y += text(cr, buf, body, 0, x, y, w) + 6;
            break;
        }
        snprintf(buf, sizeof buf, "%d. %s", k + 1, o->title);
        y += text(cr, buf, 14, 1, x, y, w) + 2;
        for (int f = 0; f < o->n_facts && f < WD_SHEET_MAX_FACTS; f++) {
            const wd_sheet_fact *fa = &o->facts[f];
            char line[700];
            snprintf(line, sizeof line, "%s: %s. %s %s.", fa->label, fa->value, fa->says,
                     fa->source);
            size_t lead = strlen(fa->label) + 1;
            wd_text_style st = {body, 0, WD_ALIGN_LEFT, 0};
            double fh = wd_text_height_lead(cr, line, lead, &st, w - 16);
            if (y + fh > bottom - qh) break;
            wd_rgb_set(cr, black);
            y += wd_text_draw_lead(cr, line, lead, &st, x + 16, y, w - 16) + 4;
        }
        y += 8;
    }
    y = fmax(y, bottom - qh);
    y += text(cr, "Drie open vragen", 14, 1, x, y, w) + 6;
    for (int q = 0; q < WD_SHEET_QUESTIONS; q++) {
        snprintf(buf, sizeof buf, "%d.", q + 1);
        text(cr, buf, body, 1, x, y, 20);
        y += text(cr, s->questions[q], body, 0, x + 20, y, w - 20) + 6;
    }
}

/* The stemkaart: every opgave with three boxes for dots, and a free line. */
static void draw_stemkaart(const wd_sheet *s, cairo_t *cr)
{
    const double x = MARGIN, w = A4_SHORT - 2 * MARGIN, body = WD_SHEET_STEMKAART_MIN;
    const double boxes_w = 3 * 30 + 2 * 8;
    char buf[600];
    double y = MARGIN;
    double bottom = foot(cr, s, body, x, A4_LONG - 18, w) - 10;
    snprintf(buf, sizeof buf, "Stemkaart: %s", s->name);
    y += text(cr, buf, 24, 1, x, y, w) + 4;
    y += text(cr,
              "Welke opgave vindt u het belangrijkst? Zet een stip in een vakje. U hebt drie "
              "stippen. U mag ze ook samen bij een opgave zetten.",
              body, 0, x, y, w) +
         12;
    double free_h = height(cr, "Mist er een opgave? Schrijf die hier op:", body, 1, w) + 70;
    for (int k = 0; k < s->n_opgaven && k < WD_SHEET_MAX_OPGAVEN; k++) {
        const wd_sheet_opgave *o = &s->opgaven[k];
        double tw = w - boxes_w - 12;
        double rh = height(cr, o->title, 16, 1, tw) + height(cr, o->summary, body, 0, tw) + 10;
        rh = fmax(rh, 44);
        if (y + rh > bottom - free_h) {
            snprintf(buf, sizeof buf, "(Nog %d opgaven passen niet op deze kaart.)",
                     s->n_opgaven - k);
            y += text(cr, buf, body, 0, x, y, w) + 6;
            break;
        }
        double ty = y + 4;
        ty += text(cr, o->title, 16, 1, x, ty, tw);
        text(cr, o->summary, body, 0, x, ty, tw);
        for (int b = 0; b < 3; b++)
            box(cr, x + w - boxes_w + b * 38, y + 6, 30, 30, 1.5, 0);
        y += rh;
        cairo_new_path(cr);
        cairo_move_to(cr, x, y);
        cairo_line_to(cr, x + w, y);
        cairo_set_line_width(cr, 0.6);
        wd_rgb_set(cr, black);
        cairo_stroke(cr);
        y += 6;
    }
    y = fmax(y + 6, bottom - free_h);
    y += text(cr, "Mist er een opgave? Schrijf die hier op:", body, 1, x, y, w);
    for (int l = 0; l < 2; l++) {
        y += 32;
        cairo_new_path(cr);
        cairo_move_to(cr, x, y);
        cairo_line_to(cr, x + w, y);
        cairo_set_line_width(cr, 1);
        wd_rgb_set(cr, black);
        cairo_stroke(cr);
    }
}

int wd_sheet_draw_page(const wd_sheet *s, wd_sheet_kind kind, wd_sheet_paper paper, int page,
                       cairo_t *cr, wd_error *err)
{
    if (!s || !cr)
        return wd_error_set(err, WD_EUSAGE, "wd_sheet_draw_page: blad of cairo ontbreekt");
    int n = wd_sheet_page_count(kind, paper);
    if (page < 0 || page >= n)
        return wd_error_set(err, WD_EUSAGE, "%s: pagina %d bestaat niet (1-%d)", s->code, page + 1,
                            n);
    double w, h;
    wd_sheet_page_size(kind, paper, &w, &h);
    cairo_save(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    int rc = 0;
    if (kind == WD_SHEET_POSTER)
        rc = draw_poster(s, paper, page, cr);
    else if (kind == WD_SHEET_GESPREK)
        draw_gesprek(s, cr);
    else
        draw_stemkaart(s, cr);
    if (s->demo) demo_band(cr, w, kind == WD_SHEET_GESPREK ? WD_SHEET_GESPREK_MIN : 14);
    cairo_restore(cr);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        return wd_error_set(err, WD_ERR, "%s, pagina %d: cairo: %s", s->code, page + 1,
                            cairo_status_to_string(cairo_status(cr)));
    if (rc < 0)
        return wd_error_set(err, rc, "%s, pagina %d: de balans kan niet worden getekend", s->code,
                            page + 1);
    return 0;
}

typedef struct {
    const wd_sheet *s;
    wd_sheet_kind kind;
    wd_sheet_paper paper;
    const char *path;
    FILE *f;
    int errnum;
} sheet_job;

static cairo_status_t job_write(void *closure, const unsigned char *data, unsigned int length)
{
    sheet_job *job = closure;
    if (fwrite(data, 1, length, job->f) != length) {
        job->errnum = errno;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

static const char *kind_title(wd_sheet_kind kind)
{
    return kind == WD_SHEET_POSTER    ? "Poster"
           : kind == WD_SHEET_GESPREK ? "Gespreksblad"
                                      : "Stemkaart";
}

static int write_pdf(FILE *f, void *ctx, wd_error *err)
{
    sheet_job *job = ctx;
    job->f = f;
    double w, h;
    wd_sheet_page_size(job->kind, job->paper, &w, &h);
    cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(job_write, job, w, h);
    char buf[400];
    snprintf(buf, sizeof buf, "%s %s (%s)", kind_title(job->kind), job->s->name, job->s->code);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, buf);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, "Wijkdata-Wijkdoen");
    int yy, mm, dd;
    if (wd_text_parse_date(job->s->generated_on, &yy, &mm, &dd) == 0) {
        snprintf(buf, sizeof buf, "%04d-%02d-%02dT00:00:00Z", yy, mm, dd);
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, buf);
    }
    cairo_t *cr = cairo_create(surface);
    int rc = 0;
    for (int page = 0; !rc && page < wd_sheet_page_count(job->kind, job->paper); page++) {
        rc = wd_sheet_draw_page(job->s, job->kind, job->paper, page, cr, err);
        cairo_show_page(cr);
    }
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (!rc && cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
        rc = wd_error_set(err, WD_EIO, "schrijven mislukt: %s",
                          job->errnum ? strerror(job->errnum)
                                      : cairo_status_to_string(cairo_surface_status(surface)));
    cairo_surface_destroy(surface);
    return rc ? wd_error_prefix(err, "%s: ", job->path) : 0;
}

int wd_sheet_render(const wd_sheet *s, wd_sheet_kind kind, wd_sheet_paper paper, const char *path,
                    wd_error *err)
{
    if (!s || !path || !*path)
        return wd_error_set(err, WD_EUSAGE, "wd_sheet_render: blad of pad ontbreekt");
    sheet_job job = {.s = s, .kind = kind, .paper = paper, .path = path};
    return wd_file_write_atomic(path, write_pdf, &job, err);
}
