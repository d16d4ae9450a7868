/* Implementation of wd_voortgang.h (plots): the report laid out from the top down with measured
 * text heights, a new page where the next block does not fit. */
#include "plots/wd_voortgang.h"

#include "engine/wd_file.h"
#include "plots/wd_profile.h"
#include "plots/wd_rgb.h"
#include "plots/wd_text.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define PW WD_PAGE_WIDTH
#define PH WD_PAGE_HEIGHT
#define M WD_PAGE_MARGIN
#define CW (PW - 2 * M)
#define BOTTOM (PH - 46)
#define PAD 4.0

/* Column widths of the table: indicator, at the beraad, now, verdict. */
static const double col_w[4] = {135, 118, 118, CW - 371};

typedef struct {
    const wd_voortgang *v;
    const char *today;
    cairo_t *cr;
    int paged;
    int page;
    double y;
} layout;

static wd_text_style style(double size, int bold)
{
    wd_text_style st = {size, bold, WD_ALIGN_LEFT, 0};
    return st;
}

static double text(cairo_t *cr, const char *s, wd_text_style st, wd_rgb c, double x, double y,
                   double w)
{
    wd_rgb_set(cr, c);
    return wd_text_draw(cr, s, &st, x, y, w);
}

/* "2025-03-12" as "12 maart 2025"; the text as it is when it is no date. */
static void dutch_date(char *out, size_t cap, const char *iso)
{
    int y, m, d;
    if (sscanf(iso, "%d-%d-%d", &y, &m, &d) != 3 || wd_text_fmt_date(out, cap, y, m, d) != 0)
        snprintf(out, cap, "%s", iso);
}

static void footer(layout *l)
{
    cairo_t *cr = l->cr;
    char right[200];
    snprintf(right, sizeof right,
             "Wijkdata-Wijkdoen \xc2\xb7 voortgang \xc2\xb7 %s \xc2\xb7 pagina %d", l->today,
             l->page);
    cairo_move_to(cr, M, PH - 34);
    cairo_line_to(cr, PW - M, PH - 34);
    cairo_set_line_width(cr, 0.5);
    wd_rgb_set(cr, wd_colour_grid);
    cairo_stroke(cr);
    wd_text_style rs = {8, 0, WD_ALIGN_RIGHT, 1};
    text(cr, right, rs, wd_colour_muted, M, PH - 30, CW);
    wd_text_style ls = {8, 0, WD_ALIGN_LEFT, 1};
    text(cr, "Bronnen: CBS KWB, RIVM/CBS (de tabel staat bij elk cijfer)", ls, wd_colour_muted, M,
         PH - 30, CW - wd_text_width(cr, right, &rs) - 12);
    if (l->v->demo) wd_profile_demo_mark(cr);
}

static void new_page(layout *l)
{
    footer(l);
    if (l->paged) cairo_show_page(l->cr);
    l->page++;
    char head[400], date[40];
    dutch_date(date, sizeof date, l->v->beraad.b.date);
    snprintf(head, sizeof head, "Voortgang %s (%s) \xc2\xb7 beraad van %s", l->v->region.name,
             l->v->region.code, date);
    l->y = M + text(l->cr, head, style(9, 1), wd_colour_muted, M, M, CW) + 10;
}

/* Room for `h` points more on this page, else a new one. */
static void need(layout *l, double h)
{
    if (l->y + h > BOTTOM) new_page(l);
}

static void point_text(char *out, size_t cap, const wd_vg_point *p, const wd_store_baseline *b,
                       const char *table)
{
    if (p->year == 0 || !isfinite(p->value)) {
        snprintf(out, cap, "geen cijfer");
        return;
    }
    char val[64], lo[32], hi[32], cnt[32], den[32];
    wd_text_fmt_value(val, sizeof val, p->value, b->decimals, b->unit);
    size_t n = (size_t)snprintf(out, cap, "%s", val);
    if (isfinite(p->lo) && isfinite(p->hi) && n < cap) {
        wd_text_fmt_number(lo, sizeof lo, p->lo, b->decimals);
        wd_text_fmt_number(hi, sizeof hi, p->hi, b->decimals);
        n += (size_t)snprintf(out + n, cap - n, "\n%s\xe2\x80\x93%s (95%%)", lo, hi);
    }
    if (isfinite(p->count) && isfinite(p->den) && n < cap) {
        wd_text_fmt_number(cnt, sizeof cnt, p->count, 0);
        wd_text_fmt_number(den, sizeof den, p->den, 0);
        n += (size_t)snprintf(out + n, cap - n, "\n%s van %s", cnt, den);
    }
    if (n < cap)
        snprintf(out + n, cap - n, "\n%d%s%s", p->year, table[0] ? " \xc2\xb7 " : "", table);
}

static void verdict_text(char *out, size_t cap, const wd_vg_row *row, wd_level level)
{
    size_t n = (size_t)snprintf(out, cap, "%s", wd_voortgang_words(row->test.verdict, level));
    if (row->test.method == WD_VG_BY_COUNTS && n < cap) {
        char p[32];
        wd_text_fmt_percent(p, sizeof p, 100 * row->test.p, row->test.p < 0.001 ? 2 : 1);
        n += (size_t)snprintf(out + n, cap - n, "\nkans bij toeval: %s%s",
                              row->test.p < 0.0001 ? "minder dan 0,01%" : p,
                              row->then.rounded || row->now.rounded ? " (afronding op 5 meegeteld)"
                                                                    : "");
    } else if (row->test.method == WD_VG_BY_INTERVAL && n < cap) {
        snprintf(out + n, cap - n, "\n%s",
                 row->test.verdict == WD_VG_NOISE ? "de intervallen overlappen"
                                                  : "de intervallen raken elkaar niet");
    }
}

/* The path since the first beraad: "12 maart 2025: 19,6% (2024) → nu: 24,6% (2025)". */
static void path_text(char *out, size_t cap, const wd_vg_row *row)
{
    size_t n = (size_t)snprintf(out, cap, "Sinds het eerste beraad: ");
    for (int k = 0; k < row->n_path && n < cap; k++) {
        char date[40], val[64];
        dutch_date(date, sizeof date, row->path_date[k]);
        wd_text_fmt_value(val, sizeof val, row->path[k].value, row->base.decimals, row->base.unit);
        if (row->path[k].year > 0)
            n += (size_t)snprintf(out + n, cap - n, "%s: %s (%d) \xe2\x86\x92 ", date, val,
                                  row->path[k].year);
        else
            n += (size_t)snprintf(out + n, cap - n, "%s: %s \xe2\x86\x92 ", date, val);
    }
    char val[64];
    wd_text_fmt_value(val, sizeof val, row->now.value, row->base.decimals, row->base.unit);
    if (n < cap) snprintf(out + n, cap - n, "nu: %s (%d)", val, row->now.year);
}

static void table_head(layout *l)
{
    static const char *const head[4] = {"Cijfer", "Bij het beraad", "Nu", "Oordeel"};
    double x = M, h = 16;
    cairo_rectangle(l->cr, M, l->y, CW, h);
    wd_rgb_set(l->cr, wd_colour_tint);
    cairo_fill(l->cr);
    for (int c = 0; c < 4; c++) {
        text(l->cr, head[c], style(9, 1), wd_colour_text, x + PAD, l->y + 3, col_w[c] - 2 * PAD);
        x += col_w[c];
    }
    l->y += h + 2;
}

static void row_block(layout *l, const wd_vg_row *row)
{
    cairo_t *cr = l->cr;
    char cell[4][600], path[900] = "";
    snprintf(cell[0], sizeof cell[0], "%s%s", row->base.label,
             row->model ? "\nmodelschatting, geen meting" : "");
    point_text(cell[1], sizeof cell[1], &row->then, &row->base, row->base.table_id);
    point_text(cell[2], sizeof cell[2], &row->now, &row->base, row->now_table);
    verdict_text(cell[3], sizeof cell[3], row, l->v->region.level);
    if (l->v->n_beraden > 1 && row->n_path > 0 && row->now.year > 0)
        path_text(path, sizeof path, row);
    wd_text_style st = style(9, 0);
    /* The verdict's words in bold, how it was reached after them. */
    size_t lead = strlen(wd_voortgang_words(row->test.verdict, l->v->region.level));
    double h = wd_text_height_lead(cr, cell[3], lead, &st, col_w[3] - 2 * PAD);
    for (int c = 0; c < 3; c++) {
        double ch = wd_text_height(cr, cell[c], &st, col_w[c] - 2 * PAD);
        if (ch > h) h = ch;
    }
    double ph = path[0] ? wd_text_height(cr, path, &st, CW - 2 * PAD) + 3 : 0;
    need(l, h + ph + 8);
    double x = M;
    for (int c = 0; c < 3; c++) {
        text(cr, cell[c], st, wd_colour_text, x + PAD, l->y, col_w[c] - 2 * PAD);
        x += col_w[c];
    }
    wd_text_draw_lead(cr, cell[3], lead, &st, x + PAD, l->y, col_w[3] - 2 * PAD);
    l->y += h + 3;
    if (path[0]) l->y += text(cr, path, st, wd_colour_muted, M + PAD, l->y, CW - 2 * PAD) + 3;
    cairo_move_to(cr, M, l->y + 2);
    cairo_line_to(cr, PW - M, l->y + 2);
    cairo_set_line_width(cr, 0.5);
    wd_rgb_set(cr, wd_colour_grid);
    cairo_stroke(cr);
    l->y += 7;
}

static const char *const explanation =
    "Hoe lees je dit? \xe2\x80\x98Meer dan toeval\xe2\x80\x99 betekent: zo\xe2\x80\x99n verschil "
    "ontstaat minder dan 5 op de 100 keer door toeval alleen. Bij aandelen van getelde mensen is "
    "dat getoetst met de exacte toets van Fisher op de aantallen. CBS rondt aantallen in buurten "
    "en wijken af op 5: de toets is herhaald voor alle echte aantallen die zo afgerond kunnen "
    "zijn, en de grootste kans telt. Een verandering heet dus alleen meer dan toeval als geen "
    "afronding haar kan verklaren. RIVM-cijfers zijn modelschattingen, geen metingen in de buurt: "
    "daar telt een verschil pas als de 95%-intervallen elkaar niet raken. \xe2\x80\x98Niet te "
    "vergelijken: buurtgrens gewijzigd\xe2\x80\x99 betekent dat het nieuwe cijfer over een ander "
    "gebied gaat dan het cijfer bij het beraad. Een cijfer zonder aantallen en zonder interval "
    "(een gemiddelde) staat erbij, maar is niet getoetst.";

static void title_block(layout *l)
{
    const wd_voortgang *v = l->v;
    cairo_t *cr = l->cr;
    char line[600], date[40];
    dutch_date(date, sizeof date, v->beraad.b.date);
    l->y = M + 6;
    snprintf(line, sizeof line, "Voortgang van de gekozen opgaven \xc2\xb7 %s %s",
             wd_level_name(v->region.level), v->region.code);
    l->y += text(cr, line, style(9, 1), wd_colour_muted, M, l->y, CW) + 2;
    l->y += text(cr, v->region.name, style(20, 1), wd_colour_text, M, l->y, CW) + 4;
    char where[200] = "";
    if (v->gemeente_name[0])
        snprintf(where, sizeof where, "Gemeente %s \xc2\xb7 ", v->gemeente_name);
    snprintf(line, sizeof line,
             "%sBeraad van %s in %s \xc2\xb7 cijfers toen over %d, nu over %d \xc2\xb7 gemaakt "
             "op %s",
             where, date, v->beraad.b.place, v->beraad.b.year, v->year, l->today);
    l->y += text(cr, line, style(9.5, 0), wd_colour_text, M, l->y, CW) + 10;
    if (v->n_beraden > 1) {
        snprintf(line, sizeof line,
                 "Dit gebied had %d beraden; dit verslag volgt de opgaven van het beraad van %s, "
                 "met de weg sinds het eerste beraad onder elk cijfer.",
                 v->n_beraden, date);
        l->y += text(cr, line, style(9.5, 0), wd_colour_text, M, l->y, CW) + 8;
    }
}

int wd_voortgang_draw(const wd_voortgang *v, const char *today, cairo_t *cr, int paged,
                      wd_error *err)
{
    layout l = {v, today, cr, paged, 1, M};
    cairo_save(cr);
    title_block(&l);
    const char *done = "";
    size_t k = 0;
    while (k < v->n) {
        const char *opgave = v->rows[k].base.opgave;
        const char *title = opgave;
        for (size_t i = 0; i < v->beraad.n; i++)
            if (strcmp(v->beraad.opg[i].opgave, opgave) == 0) title = v->beraad.opg[i].title;
        if (strcmp(done, opgave) != 0) {
            need(&l, 80);
            l.y += text(cr, title, style(13, 1), wd_colour_text, M, l.y, CW) + 4;
            table_head(&l);
            done = opgave;
        }
        row_block(&l, &v->rows[k]);
        k++;
        if (k < v->n && strcmp(v->rows[k].base.opgave, opgave) != 0) l.y += 8;
    }
    if (v->n == 0) {
        l.y += text(cr, "Bij dit beraad is geen cijfer vastgelegd.", style(10, 0), wd_colour_text,
                    M, l.y, CW);
    }
    wd_text_style es = style(9, 0);
    double eh = wd_text_height(cr, explanation, &es, CW);
    need(&l, eh + 12);
    l.y += 6;
    text(cr, explanation, es, wd_colour_text, M, l.y, CW);
    footer(&l);
    if (paged) cairo_show_page(cr);
    cairo_restore(cr);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        return wd_error_set(err, WD_ERR, "voortgang: cairo: %s",
                            cairo_status_to_string(cairo_status(cr)));
    return l.page;
}

typedef struct {
    const wd_voortgang *v;
    const char *today;
    FILE *f;
    int errnum;
} pdf_job;

static cairo_status_t sink(void *closure, const unsigned char *data, unsigned int length)
{
    pdf_job *j = closure;
    if (fwrite(data, 1, length, j->f) != length) {
        j->errnum = errno;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

static int write_pdf(FILE *f, void *ctx, wd_error *err)
{
    pdf_job *j = ctx;
    j->f = f;
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(sink, j, PW, PH);
    cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
    char title[300];
    snprintf(title, sizeof title, "Voortgang %s (%s), beraad van %s", j->v->region.name,
             j->v->region.code, j->v->beraad.b.date);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, "Wijkdata-Wijkdoen");
    cairo_t *cr = cairo_create(s);
    int rc = wd_voortgang_draw(j->v, j->today, cr, 1, err);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    if (rc > 0) rc = 0;
    if (!rc && cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
        rc = wd_error_set(err, WD_EIO, "schrijven mislukt: %s",
                          j->errnum ? strerror(j->errnum)
                                    : cairo_status_to_string(cairo_surface_status(s)));
    cairo_surface_destroy(s);
    return rc;
}

int wd_voortgang_render(const wd_voortgang *v, const char *today, const char *path, wd_error *err)
{
    pdf_job j = {v, today, NULL, 0};
    int rc = wd_file_write_atomic(path, write_pdf, &j, err);
    return rc ? wd_error_prefix(err, "%s: ", path) : 0;
}
