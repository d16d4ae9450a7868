/* Implementation of wd_site.h: HTML written into a growing buffer, charts drawn on cairo SVG
 * surfaces and put inline, every file through the atomic writer into a new folder that is
 * renamed into place at the end.
 *
 * Inline SVG shares one document with the page: cairo names its glyphs and clips "glyph0-1",
 * "clip1" in every chart, so each chart's ids get a prefix of their own, or the second
 * chart would draw the first one's glyphs. */
#include "plots/wd_site.h"

#include "engine/wd_file.h"
#include "engine/wd_name.h"
#include "plots/wd_chart.h"
#include "plots/wd_profile.h"
#include "plots/wd_render.h"
#include "plots/wd_text.h"

#include <cairo-svg.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A page (or an SVG) being written: grows as needed; after a failed allocation it keeps
 * what it had and `oom` is set, checked once when the page is written. */
typedef struct {
    char *data;
    size_t len, cap;
    int oom;
} html;

static void put_n(html *h, const char *s, size_t n)
{
    if (h->oom) return;
    if (h->len + n + 1 > h->cap) {
        size_t cap = h->cap ? h->cap : 16384;
        while (cap < h->len + n + 1)
            cap *= 2;
        char *d = realloc(h->data, cap);
        if (!d) {
            h->oom = 1;
            return;
        }
        h->data = d;
        h->cap = cap;
    }
    memcpy(h->data + h->len, s, n);
    h->len += n;
    h->data[h->len] = '\0';
}

static void put(html *h, const char *s)
{
    put_n(h, s, strlen(s));
}

static void putf(html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(html *h, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > 0) put_n(h, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* Text as HTML text or attribute value: the five characters that can end either. */
static void esc(html *h, const char *s)
{
    for (const char *run = s;; s++) {
        const char *rep = *s == '&'    ? "&amp;"
                          : *s == '<'  ? "&lt;"
                          : *s == '>'  ? "&gt;"
                          : *s == '"'  ? "&quot;"
                          : *s == '\'' ? "&#39;"
                                       : NULL;
        if (!rep && *s) continue;
        put_n(h, run, (size_t)(s - run));
        if (!*s) break;
        put(h, rep);
        run = s + 1;
    }
}

/* <tag>escaped text</tag>, nothing for empty text. */
static void elem(html *h, const char *open, const char *close, const char *text)
{
    if (!text || !*text) return;
    put(h, open);
    esc(h, text);
    put(h, close);
}

static void html_free(html *h)
{
    free(h->data);
    *h = (html){0};
}

/* The file a region's page or PDF is written as (wd_name_file), escaped for an href. */
static void file_href(html *h, const char *code, const char *ext)
{
    char file[128];
    wd_name_file(file, sizeof file, code, ext);
    esc(h, file);
}

/* ---- charts ---------------------------------------------------------------------------- */

typedef enum {
    CH_BALANCE,
    CH_BARS,
    CH_TREND,
    CH_COMPONENTS,
    CH_ESTIMATES,
    CH_LBM,
    CH_SMALL,
    CH_MAP,
    CH_RANKING,
    CH_SPARK
} chart_kind;

typedef struct {
    chart_kind kind;
    const wd_profile *p;
    int k; /* which panel, small multiple, map, ranking or key figure */
} chart;

static int draw_chart(cairo_t *cr, const chart *c, double w, double h)
{
    const wd_profile *p = c->p;
    char title[128];
    switch (c->kind) {
    case CH_BALANCE:
        return wd_chart_balance(cr, &p->balance, 0, 0, w, h);
    case CH_BARS:
        return wd_chart_bars(cr, &p->bars, p->bars.n > 6 ? WD_BARS_HORIZONTAL : WD_BARS_VERTICAL, 0,
                             0, w, h);
    case CH_TREND:
        return wd_chart_trend(cr, &p->trend, 0, 0, w, h);
    case CH_COMPONENTS: {
        const wd_balance_chart *b = &p->balance;
        wd_profile_words(p, WD_WORDS_PANEL, c->k, title, sizeof title);
        int used = c->k == 0 ? wd_chart_components(cr, title, b->kracht,
                                                   wd_count(b->n_kracht, WD_CHART_MAX_COMPONENTS),
                                                   wd_colour_kracht, 0, 0, w, h)
                             : wd_chart_components(cr, title, b->last,
                                                   wd_count(b->n_last, WD_CHART_MAX_COMPONENTS),
                                                   wd_colour_last, 0, 0, w, h);
        return used < 0 ? used : 0;
    }
    case CH_ESTIMATES:
        return wd_chart_estimates(cr, &p->health, 0, 0, w, h);
    case CH_LBM:
        return wd_chart_bars(cr, &p->lbm.dims, WD_BARS_HORIZONTAL, 0, 0, w, h);
    case CH_SMALL:
        return wd_chart_small(cr, &p->small[c->k], 0, 0, w, h);
    case CH_MAP:
        return wd_chart_map(cr, &p->maps, c->k, 0, 0, w, h, NULL);
    case CH_RANKING: {
        wd_rank_chart rc;
        wd_profile_rank_chart(p, c->k, &rc);
        int used = wd_chart_ranking(cr, &rc, 0, 0, w, h);
        return used < 0 ? used : 0;
    }
    case CH_SPARK: {
        const wd_profile_key *key = &p->keys[c->k];
        return wd_chart_sparkline(cr, key->series, key->n_series, key->series_break, 1, 1, w - 2,
                                  h - 2);
    }
    }
    return WD_EUSAGE;
}

static cairo_status_t svg_sink(void *closure, const unsigned char *data, unsigned int length)
{
    html *h = closure;
    put_n(h, (const char *)data, length);
    return h->oom ? CAIRO_STATUS_NO_MEMORY : CAIRO_STATUS_SUCCESS;
}

/* The charts of one page: their number (for the id prefixes) and the glyph outlines already
 * written. Cairo writes every glyph a chart uses into that chart's SVG; the inline SVGs of a
 * page are one document, so each outline is written once (id "glN") and every chart uses it
 * from there, which halves a page. */
typedef struct {
    int serial;
    size_t n, cap;
    char **outline; /* outline k: what cairo writes between <symbol ...> and </symbol> */
    int *first;     /* the chart that wrote it */
    int oom;
} svg_page;

static void svg_page_free(svg_page *sp)
{
    for (size_t k = 0; k < sp->n; k++)
        free(sp->outline[k]);
    free(sp->outline);
    free(sp->first);
    *sp = (svg_page){0};
}

/* Index of the outline [body, body + n) on the page, added if new; -1 out of memory. */
static long glyph_index(svg_page *sp, const char *body, size_t n)
{
    for (size_t k = 0; k < sp->n; k++)
        if (strlen(sp->outline[k]) == n && memcmp(sp->outline[k], body, n) == 0) return (long)k;
    if (sp->n == sp->cap) {
        size_t cap = sp->cap ? 2 * sp->cap : 256;
        char **o = realloc(sp->outline, cap * sizeof *o);
        if (o) sp->outline = o;
        int *f = o ? realloc(sp->first, cap * sizeof *f) : NULL;
        if (f) sp->first = f;
        if (!o || !f) return -1;
        sp->cap = cap;
    }
    char *copy = malloc(n + 1);
    if (!copy) return -1;
    memcpy(copy, body, n);
    copy[n] = '\0';
    sp->outline[sp->n] = copy;
    sp->first[sp->n] = sp->serial;
    return (long)sp->n++;
}

#define SYMBOL_OPEN "<symbol overflow=\"visible\" id=\""

/* A chart's glyph: cairo's id for it and the page's outline index. */
typedef struct {
    const char *id;
    size_t n;
    long k;
} glyph_ref;

/* The glyphs of one chart's SVG, each found or added on the page: new — free(); NULL with
 * *count 0 when it has none, and sp->oom set when memory ran out. */
static glyph_ref *chart_glyphs(svg_page *sp, const char *svg, size_t *count)
{
    glyph_ref *g = NULL;
    size_t n = 0, cap = 0;
    for (const char *at = strstr(svg, SYMBOL_OPEN); at; at = strstr(at + 1, SYMBOL_OPEN)) {
        const char *id = at + strlen(SYMBOL_OPEN), *q = strchr(id, '"');
        const char *body = q ? strchr(q, '>') : NULL,
                   *end = body ? strstr(body, "</symbol>") : NULL;
        if (!end) break;
        if (n == cap) {
            cap = cap ? 2 * cap : 128;
            glyph_ref *more = realloc(g, cap * sizeof *g);
            if (!more) {
                sp->oom = 1;
                break;
            }
            g = more;
        }
        long k = glyph_index(sp, body + 1, (size_t)(end - body - 1));
        if (k < 0) {
            sp->oom = 1;
            break;
        }
        g[n++] = (glyph_ref){id, (size_t)(q - id), k};
    }
    *count = n;
    return g;
}

static long glyph_find(const glyph_ref *g, size_t n, const char *id, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (g[i].n == len && memcmp(g[i].id, id, len) == 0) return g[i].k;
    return -1;
}

/* Copy cairo's SVG document into the page: without its XML declaration, with the chart's
 * label as role, aria-label and <title>, each glyph outline once per page, and every other
 * id and reference to one prefixed with the chart's own prefix. */
static void inline_svg(html *page, svg_page *sp, const char *svg, const char *label)
{
    const char *s = strstr(svg, "<svg");
    const char *open_end = s ? strchr(s, '>') : NULL;
    if (!open_end) return;
    size_t n_glyphs;
    glyph_ref *glyphs = chart_glyphs(sp, svg, &n_glyphs);
    char prefix[16];
    snprintf(prefix, sizeof prefix, "g%d-", sp->serial);
    put_n(page, s, 4);
    put(page, " class=\"chart\" role=\"img\" aria-label=\"");
    esc(page, label);
    put(page, "\"");
    put_n(page, s + 4, (size_t)(open_end + 1 - (s + 4)));
    put(page, "<title>");
    esc(page, label);
    put(page, "</title>");
    static const char *const refs[] = {SYMBOL_OPEN, "id=\"", "href=\"#", "url(#"};
    enum { N_REFS = sizeof refs / sizeof *refs };
    const char *at = open_end + 1, *found[N_REFS] = {0};
    for (;;) {
        /* The next occurrence of each pattern is searched again only once it is passed, so
         * that a pattern the chart lacks is not looked for through the rest of it every time. */
        const char *next = NULL;
        size_t r = 0;
        for (size_t i = 0; i < N_REFS; i++) {
            if (found[i] != NULL && found[i] < at) found[i] = NULL;
            if (!found[i]) found[i] = strstr(at, refs[i]);
            if (!found[i]) found[i] = at + strlen(at); /* none: the end */
            if (*found[i] && (!next || found[i] < next)) {
                next = found[i];
                r = i;
            }
        }
        if (!next) break;
        const char *v = next + strlen(refs[r]);
        size_t n = strcspn(v, "\")");
        long k = r == 0 || r == 2 ? glyph_find(glyphs, n_glyphs, v, n) : -1;
        put_n(page, at, (size_t)(next - at));
        const char *end = r == 0 && k >= 0 ? strstr(v, "</symbol>") : NULL;
        if (end) {
            /* A glyph's outline: written by the first chart that has it, left out after. */
            if (sp->first[k] == sp->serial) {
                putf(page, "%sgl%ld\"", SYMBOL_OPEN, k);
                put_n(page, v + n + 1, (size_t)(end - v - n - 1));
                put(page, "</symbol>");
                sp->first[k] = -1;
            }
            at = end + strlen("</symbol>");
        } else if (r == 2 && k >= 0) {
            putf(page, "href=\"#gl%ld", k);
            at = v + n;
        } else {
            put(page, refs[r]);
            put(page, prefix);
            at = v;
        }
    }
    put(page, at);
    free(glyphs);
}

/* Chart c drawn at w x h points as inline SVG with `label` (what it shows, in words). */
static int svg_chart(html *page, svg_page *sp, const chart *c, double w, double h,
                     const char *label, wd_error *err)
{
    html svg = {0};
    cairo_surface_t *surface = cairo_svg_surface_create_for_stream(svg_sink, &svg, w, h);
    cairo_t *cr = cairo_create(surface);
    int rc = draw_chart(cr, c, w, h);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (!rc && (svg.oom || cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS))
        rc = wd_error_set(err, WD_ENOMEM, "profiel %s: een grafiek als SVG mislukt: %s", c->p->code,
                          cairo_status_to_string(cairo_surface_status(surface)));
    else if (rc)
        rc = wd_error_set(err, rc, "profiel %s: een grafiek kan niet worden getekend", c->p->code);
    cairo_surface_destroy(surface);
    if (!rc) {
        sp->serial++;
        inline_svg(page, sp, svg.data, label);
        if (sp->oom)
            rc = wd_error_set(err, WD_ENOMEM, "profiel %s: geen geheugen meer", c->p->code);
    }
    html_free(&svg);
    return rc;
}

/* ---- what each chart shows, in words --------------------------------------------------- */

/* A value as the profile writes it ("12,3%", "geen gegevens"). */
static const char *value_text(char *buf, size_t cap, double v, int decimals, const char *unit)
{
    wd_text_fmt_value(buf, cap, v, decimals, unit);
    return buf;
}

static void label_balance(const wd_profile *p, char *buf, size_t cap)
{
    char a[48], b[48];
    const wd_balance_chart *d = &p->balance;
    snprintf(buf, cap,
             "Balans van draagkracht en draaglast: draagkracht index %s, draaglast index "
             "%s (%s): %s.",
             value_text(a, sizeof a, d->draagkracht, 0, ""),
             value_text(b, sizeof b, d->draaglast, 0, ""), d->reference, d->klasse);
}

static void label_bars(const wd_bars_chart *d, char *buf, size_t cap)
{
    size_t n =
        (size_t)snprintf(buf, cap, "Staafdiagram %s van %s, met %s als referentie:", d->title,
                         d->value_name, d->ref_name);
    for (int i = 0; i < wd_count(d->n, WD_CHART_MAX_BARS) && n < cap; i++) {
        char a[48], b[48];
        n += (size_t)snprintf(buf + n, cap - n, "%s %s %s (%s)", i ? ";" : "", d->labels[i],
                              value_text(a, sizeof a, d->values[i], d->decimals, d->unit),
                              value_text(b, sizeof b, d->refs[i], d->decimals, d->unit));
    }
    if (n < cap) snprintf(buf + n, cap - n, ".");
}

/* The first and the last point of a series that has one, as "2016 12,3% tot 2024 14,1%". */
static void series_span(const int *years, const double *v, int n, int decimals, const char *unit,
                        char *buf, size_t cap)
{
    int first = -1, last = -1;
    for (int i = 0; i < n; i++)
        if (isfinite(v[i])) {
            if (first < 0) first = i;
            last = i;
        }
    if (first < 0) {
        snprintf(buf, cap, "%s", WD_TEXT_MISSING);
        return;
    }
    char a[48], b[48];
    snprintf(buf, cap, "van %s in %d tot %s in %d",
             value_text(a, sizeof a, v[first], decimals, unit), years[first],
             value_text(b, sizeof b, v[last], decimals, unit), years[last]);
}

static void label_trend(const wd_trend_chart *d, char *buf, size_t cap)
{
    size_t n = (size_t)snprintf(buf, cap, "Lijngrafiek %s:", d->title);
    for (int l = 0; l < wd_count(d->n_lines, WD_CHART_MAX_LINES) && n < cap; l++) {
        char span[160];
        series_span(d->years, d->values[l], wd_count(d->n_years, WD_CHART_MAX_YEARS), 1, d->unit,
                    span, sizeof span);
        n += (size_t)snprintf(buf + n, cap - n, "%s %s %s", l ? ";" : "", d->line_names[l], span);
    }
    if (d->break_before >= 0 && n < cap)
        n += (size_t)snprintf(buf + n, cap - n, "; grenswijziging voor %d",
                              d->years[d->break_before]);
    if (n < cap) snprintf(buf + n, cap - n, ".");
}

static void label_components(const wd_profile *p, int k, char *buf, size_t cap)
{
    const wd_balance_chart *b = &p->balance;
    const wd_balance_component *c = k == 0 ? b->kracht : b->last;
    int nc = wd_count(k == 0 ? b->n_kracht : b->n_last, WD_CHART_MAX_COMPONENTS);
    char title[96];
    size_t n = (size_t)snprintf(buf, cap, "%s; per component de score (0 is de referentie):",
                                wd_profile_words(p, WD_WORDS_PANEL, k, title, sizeof title));
    for (int i = 0; i < nc && n < cap; i++) {
        char s[48], w[48];
        wd_text_fmt_signed(s, sizeof s, c[i].score, 1);
        wd_text_fmt_number(w, sizeof w, c[i].weight, 2);
        n += (size_t)snprintf(buf + n, cap - n, "%s %s %s (gewicht %s)", i ? ";" : "", c[i].label,
                              s, w);
    }
    if (n < cap) snprintf(buf + n, cap - n, ".");
}

static void label_estimates(const wd_estimates_chart *d, char *buf, size_t cap)
{
    size_t n = (size_t)snprintf(
        buf, cap, "Modelschattingen van het RIVM met hun 95%%-interval, naast %s:", d->ref_name);
    for (int i = 0; i < wd_count(d->n, WD_CHART_MAX_ESTIMATES) && n < cap; i++) {
        const wd_estimate *e = &d->rows[i];
        char v[48], lo[48], hi[48], ref[48];
        value_text(v, sizeof v, e->value, e->decimals, "%");
        if (isfinite(e->lo) && isfinite(e->hi))
            n += (size_t)snprintf(buf + n, cap - n, "%s %s %s (%s tot %s), gemeente %s",
                                  i ? ";" : "", e->label, v,
                                  value_text(lo, sizeof lo, e->lo, e->decimals, "%"),
                                  value_text(hi, sizeof hi, e->hi, e->decimals, "%"),
                                  value_text(ref, sizeof ref, e->ref, e->decimals, "%"));
        else
            n += (size_t)snprintf(buf + n, cap - n, "%s %s %s, gemeente %s", i ? ";" : "", e->label,
                                  v, value_text(ref, sizeof ref, e->ref, e->decimals, "%"));
    }
    if (n < cap) snprintf(buf + n, cap - n, ".");
}

static void label_small(const wd_small_chart *d, char *buf, size_t cap)
{
    char span[160];
    series_span(d->years, d->values, wd_count(d->n_years, WD_CHART_MAX_YEARS), d->decimals, d->unit,
                span, sizeof span);
    snprintf(buf, cap, "%s: %s%s%s.", d->title, span, d->has_fit ? "; trend: " : "",
             d->has_fit ? d->trend_words : "");
}

static void label_map(const wd_map_chart *m, int k, char *buf, size_t cap)
{
    int lo = -1, hi = -1;
    const double *v = m->maps[k].value;
    for (int i = 0; i < wd_count(m->n_areas, WD_CHART_MAX_AREAS); i++) {
        if (!isfinite(v[i])) continue;
        if (lo < 0 || v[i] < v[lo]) lo = i;
        if (hi < 0 || v[i] > v[hi]) hi = i;
    }
    size_t n = (size_t)snprintf(buf, cap, "Kaart van de %s, gekleurd naar %s; donkerder is hoger",
                                m->scope, m->maps[k].title);
    if (m->highlight >= 0 && n < cap)
        n += (size_t)snprintf(buf + n, cap - n, "; %s heeft een zwarte rand", m->highlight_name);
    if (lo >= 0 && n < cap) {
        char a[48], b[48];
        n += (size_t)snprintf(
            buf + n, cap - n, "; laagste waarde %s in %s, hoogste %s in %s",
            value_text(a, sizeof a, v[lo], m->maps[k].decimals, m->maps[k].unit), m->area_name[lo],
            value_text(b, sizeof b, v[hi], m->maps[k].decimals, m->maps[k].unit), m->area_name[hi]);
    }
    if (n < cap) snprintf(buf + n, cap - n, ".");
}

static void label_ranking(const wd_profile *p, int k, char *buf, size_t cap)
{
    const wd_profile_ranking *r = &p->rankings.items[k];
    size_t n = (size_t)snprintf(
        buf, cap, "%s: buurten met de grootste opgave, rang van %d:", r->title, r->n_ranked);
    for (int i = 0; i < wd_count(r->n, WD_PROFILE_RANKED_ROWS) && n < cap; i++)
        n += (size_t)snprintf(buf + n, cap - n, "%s %s rang %d (%d tot %d, %s)", i ? ";" : "",
                              r->name[i], r->median[i], r->lo[i], r->hi[i], r->tier[i]);
    if (n < cap) snprintf(buf + n, cap - n, ".");
}

static void label_spark(const wd_profile_key *key, char *buf, size_t cap)
{
    int first = -1, last = -1;
    for (int i = 0; i < key->n_series && i < WD_CHART_MAX_YEARS; i++)
        if (isfinite(key->series[i])) {
            if (first < 0) first = i;
            last = i;
        }
    char a[48], b[48];
    const char *unit = strcmp(key->unit, "%") == 0 ? "%" : "";
    if (first < 0 || first == last)
        snprintf(buf, cap, "Verloop van %s: te weinig jaren", key->label);
    else
        snprintf(buf, cap, "Verloop van %s over %d jaar: van %s tot %s", key->label,
                 last - first + 1, value_text(a, sizeof a, key->series[first], key->decimals, unit),
                 value_text(b, sizeof b, key->series[last], key->decimals, unit));
}

/* ---- the pages ------------------------------------------------------------------------- */

/* Everything one region's page needs besides its profile: where its neighbours' pages are. */
typedef struct {
    const wd_session *s;
    const wd_profile *p;
    svg_page svg; /* the charts on the page so far */
    int n_pages;
} page_ctx;

static void head(html *h, const char *title)
{
    put(h, "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    esc(h, title);
    put(h, "</title>\n<link rel=\"stylesheet\" href=\"site.css\">\n</head>\n<body>\n");
}

static void demo_banner(html *h, int demo)
{
    char buf[128];
    if (demo)
        elem(h, "<p class=\"demo\">", "</p>\n",
             wd_profile_words(NULL, WD_WORDS_DEMO, 0, buf, sizeof buf));
}

/* A link to the page of `code` with its text, or the text alone when the site has no such
 * page (a code outside the gemeente). */
static void region_link(html *h, const wd_session *s, const char *code, const char *text)
{
    int r = code[0] ? wd_dataset_region(s->ds, code) : -1;
    if (r >= 0 && s->ds->regions[r].level != WD_LEVEL_LAND) {
        put(h, "<a href=\"");
        file_href(h, code, "html");
        put(h, "\">");
        esc(h, text);
        put(h, "</a>");
    } else {
        esc(h, text);
    }
}

static void section_open(html *h, int page, const char *title)
{
    putf(h, "<section id=\"pagina-%d\" aria-labelledby=\"kop-%d\">\n<h2 id=\"kop-%d\">", page, page,
         page);
    esc(h, title);
    put(h, "</h2>\n");
}

static void para(html *h, const char *cls, const char *text)
{
    if (!text || !*text) return;
    if (cls)
        putf(h, "<p class=\"%s\">", cls);
    else
        put(h, "<p>");
    esc(h, text);
    put(h, "</p>\n");
}

static int chart_fig(html *h, page_ctx *c, chart_kind kind, int k, double w, double ht,
                     const char *label, wd_error *err)
{
    chart ch = {kind, c->p, k};
    put(h, "<figure>");
    int rc = svg_chart(h, &c->svg, &ch, w, ht, label, err);
    put(h, "</figure>\n");
    return rc;
}

static int key_table(html *h, page_ctx *c, wd_error *err)
{
    const wd_profile *p = c->p;
    char heads[7][32], buf[400];
    for (int col = 0; col < 7; col++)
        wd_profile_words(p, WD_WORDS_KEY_HEAD, col, heads[col], sizeof heads[col]);
    int nk = wd_count(p->n_keys, WD_PROFILE_MAX_KEYS);
    if (nk == 0) {
        para(h, "muted", wd_profile_words(p, WD_WORDS_NO_KEYS, 0, buf, sizeof buf));
        return 0;
    }
    put(h,
        "<div class=\"tabel\"><table class=\"kern\">\n<caption>Kerncijfers</caption>\n<thead><tr>");
    for (int col = 0; col < 7; col++)
        if (heads[col][0]) elem(h, "<th scope=\"col\">", "</th>", heads[col]);
    put(h, "</tr></thead>\n<tbody>\n");
    for (int k = 0; k < nk; k++) {
        const wd_profile_key *key = &p->keys[k];
        put(h, "<tr><th scope=\"row\">");
        esc(h, wd_profile_words(p, WD_WORDS_KEY_LABEL, k, buf, sizeof buf));
        put(h, "</th>");
        for (int col = 0; col < 4; col++) {
            if (!heads[col + 1][0]) continue;
            wd_profile_words(p, WD_WORDS_KEY_CELL, 4 * k + col, buf, sizeof buf);
            const double v[4] = {key->value, key->wijk, key->gemeente, key->nederland};
            put(h, !isfinite(v[col]) ? "<td class=\"geen\">"
                   : col == 0        ? "<td class=\"eigen\">"
                                     : "<td>");
            esc(h, buf);
            put(h, "</td>");
        }
        put(h, "<td class=\"trend\">");
        if (key->n_series >= 2) {
            label_spark(key, buf, sizeof buf);
            chart ch = {CH_SPARK, p, k};
            int rc = svg_chart(h, &c->svg, &ch, 48, 14, buf, err);
            if (rc) return rc;
        }
        char arrow[8], name[32];
        wd_profile_words(p, WD_WORDS_TREND_ARROW, key->trend, arrow, sizeof arrow);
        wd_profile_words(p, WD_WORDS_TREND_NAME, key->trend, name, sizeof name);
        putf(h, " <span aria-hidden=\"true\">%s</span> %s</td>", arrow, name);
        char source[200];
        wd_profile_words(p, WD_WORDS_KEY_SOURCE, k, source, sizeof source);
        elem(h, "<td class=\"bron\">", "</td>", source);
        if (!source[0]) put(h, "<td></td>");
        put(h, "</tr>\n");
    }
    put(h, "</tbody>\n</table></div>\n");
    para(h, "muted klein", wd_profile_words(p, WD_WORDS_KEY_LEGEND, 0, buf, sizeof buf));
    return 0;
}

static void opgaven(html *h, const wd_profile *p)
{
    char buf[700];
    elem(h, "<h3>", "</h3>\n", wd_profile_words(p, WD_WORDS_OPGAVEN_HEAD, 0, buf, sizeof buf));
    para(h, p->opgaven.n > 0 ? "muted" : NULL,
         wd_profile_words(p, WD_WORDS_OPGAVEN_INTRO, 0, buf, sizeof buf));
    int n = wd_count(p->opgaven.n, WD_PROFILE_MAX_OPGAVEN);
    if (n == 0) return;
    put(h, "<ol class=\"opgaven\">\n");
    for (int k = 0; k < n; k++) {
        const wd_profile_opgave *o = &p->opgaven.items[k];
        put(h, "<li><strong>");
        esc(h, o->title);
        put(h, "</strong> <span class=\"groep\">");
        esc(h, o->tier);
        put(h, "</span><br>");
        esc(h, wd_profile_words(p, WD_WORDS_OPGAVE, k, buf, sizeof buf));
        put(h, "</li>\n");
    }
    put(h, "</ol>\n");
}

static int page_glance(html *h, page_ctx *c, wd_error *err)
{
    const wd_profile *p = c->p;
    char label[2400];
    if (p->small_population || !isfinite(p->population)) {
        char buf[200];
        para(h, "let-op", wd_profile_words(p, WD_WORDS_NOTICE, 0, buf, sizeof buf));
    }
    label_balance(p, label, sizeof label);
    int rc = chart_fig(h, c, CH_BALANCE, 0, 460, 112, label, err);
    if (!rc) rc = key_table(h, c, err);
    if (rc) return rc;
    put(h, "<div class=\"naast\">\n");
    if (p->opgaven.shown) {
        put(h, "<div>\n");
        opgaven(h, p);
        put(h, "</div>\n");
    }
    label_bars(&p->bars, label, sizeof label);
    rc = chart_fig(h, c, CH_BARS, 0, 300, p->bars.n > 6 ? 280 : 240, label, err);
    if (!rc && !p->opgaven.shown) {
        label_trend(&p->trend, label, sizeof label);
        rc = chart_fig(h, c, CH_TREND, 0, 300, 240, label, err);
    }
    put(h, "</div>\n");
    return rc;
}

static int page_balance(html *h, page_ctx *c, wd_error *err)
{
    const wd_profile *p = c->p;
    const wd_balance_chart *b = &p->balance;
    char buf[2400];
    para(h, NULL, wd_profile_words(p, WD_WORDS_BALANCE_INTRO, 0, buf, sizeof buf));
    int rc = 0;
    for (int k = 0; !rc && k < 2; k++) {
        int n = wd_count(k == 0 ? b->n_kracht : b->n_last, WD_CHART_MAX_COMPONENTS);
        if (n == 0) {
            elem(h, "<h3>", "</h3>\n", wd_profile_words(p, WD_WORDS_PANEL, k, buf, sizeof buf));
            para(h, "muted", wd_profile_words(p, WD_WORDS_NO_COMPONENTS, 0, buf, sizeof buf));
            continue;
        }
        label_components(p, k, buf, sizeof buf);
        rc = chart_fig(h, c, CH_COMPONENTS, k, 460, 34 + 23 * n, buf, err);
    }
    if (b->formula[0]) {
        elem(h, "<h3>", "</h3>\n", wd_profile_words(p, WD_WORDS_FORMULA_HEAD, 0, buf, sizeof buf));
        para(h, NULL, b->formula);
    }
    /* A buurt's trend closes this page, as in the PDF (page 1 holds its opgaven instead). */
    if (!rc && p->opgaven.shown) {
        label_trend(&p->trend, buf, sizeof buf);
        rc = chart_fig(h, c, CH_TREND, 0, 460, 200, buf, err);
    }
    return rc;
}

static int maps(html *h, page_ctx *c, wd_error *err)
{
    const wd_profile *p = c->p;
    char buf[1200];
    int rc = 0;
    put(h, "<div class=\"naast\">\n");
    for (int k = 0; !rc && k < wd_count(p->maps.n_maps, WD_CHART_MAX_MAPS); k++) {
        label_map(&p->maps, k, buf, sizeof buf);
        rc = chart_fig(h, c, CH_MAP, k, 300, 330, buf, err);
    }
    put(h, "</div>\n");
    para(h, "muted klein", wd_profile_words(p, WD_WORDS_MAP_NOTE, 0, buf, sizeof buf));
    return rc;
}

/* The parts compared, as the table it is; each part's name links to its page. */
static int page_compare(html *h, page_ctx *c, wd_error *err)
{
    const wd_profile *p = c->p;
    const wd_dot_table_chart *d = &p->compare;
    char buf[800];
    para(h, NULL, wd_profile_words(p, WD_WORDS_COMPARE_INTRO, 0, buf, sizeof buf));
    int nc = wd_count(d->n_cols, WD_CHART_MAX_COLS), nr = wd_count(d->n_rows, WD_CHART_MAX_ROWS);
    put(h, "<div class=\"tabel\"><table>\n<caption>");
    esc(h, d->title);
    put(h, "</caption>\n<thead><tr>");
    elem(h, "<th scope=\"col\">", "</th>", d->part_name);
    put(h, "<th scope=\"col\">Inwoners</th>");
    for (int j = 0; j < nc; j++) {
        wd_text_fmt_label(buf, sizeof buf, d->col_label[j], d->col_unit[j]);
        elem(h, "<th scope=\"col\">", "</th>", buf);
    }
    put(h, "</tr></thead>\n<tbody>\n");
    const wd_dataset *ds = c->s->ds;
    for (int i = 0; i < nr; i++) {
        /* The table names parts; their pages are found by name among the region's parts. */
        int part = -1, self = wd_dataset_region(ds, p->code);
        for (size_t r = 0; self >= 0 && r < ds->n_regions && part < 0; r++)
            if (ds->parent[r] == self && strcmp(ds->regions[r].name, d->row_name[i]) == 0)
                part = (int)r;
        put(h,
            d->row_small[i] ? "<tr class=\"klein\"><th scope=\"row\">" : "<tr><th scope=\"row\">");
        if (part >= 0)
            region_link(h, c->s, ds->regions[part].code, d->row_name[i]);
        else
            esc(h, d->row_name[i]);
        if (d->row_small[i]) put(h, " (klein, niet vergeleken)");
        put(h, "</th>");
        wd_text_fmt_number(buf, sizeof buf, d->row_pop[i], 0);
        elem(h, "<td>", "</td>", buf);
        for (int j = 0; j < nc; j++) {
            value_text(buf, sizeof buf, d->value[i][j], d->col_decimals[j],
                       strcmp(d->col_unit[j], "%") == 0 ? "%" : "");
            elem(h, isfinite(d->value[i][j]) ? "<td>" : "<td class=\"geen\">", "</td>", buf);
        }
        put(h, "</tr>\n");
    }
    put(h, "</tbody>\n<tfoot><tr><th scope=\"row\">");
    esc(h, d->ref_name);
    put(h, "</th><td></td>");
    for (int j = 0; j < nc; j++) {
        value_text(buf, sizeof buf, d->col_ref[j], d->col_decimals[j],
                   strcmp(d->col_unit[j], "%") == 0 ? "%" : "");
        elem(h, "<td>", "</td>", buf);
    }
    put(h, "</tr></tfoot>\n</table></div>\n");
    para(h, "muted klein", d->source);
    return p->maps.n_maps > 0 ? maps(h, c, err) : 0;
}

static int page_rankings(html *h, page_ctx *c, wd_error *err)
{
    const wd_profile *p = c->p;
    char buf[1200];
    para(h, NULL, wd_profile_words(p, WD_WORDS_RANKINGS_INTRO, 0, buf, sizeof buf));
    int rc = 0;
    for (int k = 0; !rc && k < wd_count(p->rankings.n, WD_PROFILE_MAX_RANKINGS); k++) {
        label_ranking(p, k, buf, sizeof buf);
        int rows = wd_count(p->rankings.items[k].n, WD_PROFILE_RANKED_ROWS);
        rc = chart_fig(h, c, CH_RANKING, k, 460, 40 + 24 * rows, buf, err);
    }
    if (wd_profile_words(p, WD_WORDS_NOT_RANKED, 0, buf, sizeof buf)[0]) para(h, "muted", buf);
    para(h, "muted klein", wd_profile_words(p, WD_WORDS_RANKINGS_SOURCE, 0, buf, sizeof buf));
    return rc;
}

/* A buurt's "Buurten zoals ...", as the table it is: nearest first. */
static void similar_table(html *h, const wd_profile *p)
{
    const wd_profile_similar *s = &p->similar;
    char buf[800];
    elem(h, "<h3>", "</h3>\n", wd_profile_words(p, WD_WORDS_SIMILAR_HEAD, 0, buf, sizeof buf));
    para(h, NULL, wd_profile_words(p, WD_WORDS_SIMILAR_INTRO, 0, buf, sizeof buf));
    if (s->n == 0) {
        para(h, "muted", wd_profile_words(p, WD_WORDS_SIMILAR_NONE, 0, buf, sizeof buf));
        return;
    }
    put(h, "<div class=\"tabel\"><table class=\"zoals\">\n<thead><tr><th scope=\"col\">Nr.</th>"
           "<th scope=\"col\">Buurt</th><th scope=\"col\">Gemeente</th>"
           "<th scope=\"col\">Afstand</th></tr></thead>\n<tbody>\n");
    for (int k = 0; k < wd_count(s->n, WD_SIMILAR_N); k++) {
        putf(h, "<tr><td>%d</td><th scope=\"row\">", k + 1);
        esc(h, s->name[k]);
        put(h, "</th>");
        elem(h, "<td>", "</td>", s->gemeente[k]);
        wd_text_fmt_number(buf, sizeof buf, s->distance[k], 2);
        elem(h, "<td>", "</td></tr>\n", buf);
    }
    put(h, "</tbody>\n</table></div>\n");
}

static int page_health(html *h, page_ctx *c, wd_error *err)
{
    const wd_profile *p = c->p;
    char buf[2400];
    para(h, NULL, wd_profile_words(p, WD_WORDS_HEALTH_INTRO, 0, buf, sizeof buf));
    label_estimates(&p->health, buf, sizeof buf);
    int n = p->health.n > 0 ? p->health.n : 1;
    int rc = chart_fig(h, c, CH_ESTIMATES, 0, 460, 60 + 40.0 * n, buf, err);
    elem(h, "<h3>", "</h3>\n", wd_profile_words(p, WD_WORDS_HEALTH_HEAD, 0, buf, sizeof buf));
    para(h, NULL, wd_profile_words(p, WD_WORDS_HEALTH_READING, 0, buf, sizeof buf));
    if (p->similar.shown) similar_table(h, p);
    return rc;
}

/* One of the two orders of the beraad page: its head, then the opgaven by rank, those chosen
 * marked as in the PDF. */
static void beraad_order(html *h, const wd_profile_beraad *pb, int by_residents)
{
    const wd_store_beraad_opgave *list[WD_BERAAD_MAX_OPGAVEN];
    size_t n = wd_profile_beraad_order(pb, by_residents, list);
    char buf[400];
    put(h, "<div>\n");
    elem(h, "<h3>", "</h3>\n",
         wd_profile_beraad_words(pb, WD_BERAAD_WORDS_COLUMN, by_residents, buf, sizeof buf));
    if (n == 0)
        para(h, "muted", wd_profile_beraad_words(pb, WD_BERAAD_WORDS_NO_ORDER, 0, buf, sizeof buf));
    if (n > 0) put(h, "<ol class=\"volgorde\">\n");
    for (size_t k = 0; k < n; k++) {
        const wd_store_beraad_opgave *o = list[k];
        putf(h, "<li value=\"%d\"%s>", by_residents ? o->resident_rank : o->figure_rank,
             o->chosen ? " class=\"gekozen\"" : "");
        esc(h, wd_profile_beraad_line(o, by_residents, buf, sizeof buf));
        put(h, "</li>\n");
    }
    if (n > 0) put(h, "</ol>\n");
    put(h, "</div>\n");
}

/* "Wat bewoners kozen en wat de cijfers zeggen" in HTML: the two orders side by side, the
 * findings and the residents' notes, in the words of the PDF page. */
static void page_beraad(html *h, const wd_profile *p)
{
    const wd_profile_beraad *pb = &p->beraad;
    char buf[1600];
    para(h, NULL, wd_profile_beraad_words(pb, WD_BERAAD_WORDS_INTRO, 0, buf, sizeof buf));
    put(h, "<div class=\"naast\">\n");
    beraad_order(h, pb, 1);
    beraad_order(h, pb, 0);
    put(h, "</div>\n");
    elem(h, "<h3>", "</h3>\n",
         wd_profile_beraad_words(pb, WD_BERAAD_WORDS_FINDINGS_HEAD, 0, buf, sizeof buf));
    if (pb->both == 0)
        para(h, NULL,
             wd_profile_beraad_words(pb, WD_BERAAD_WORDS_NO_COMPARISON, 0, buf, sizeof buf));
    for (int m = WD_BERAAD_AGREE; pb->both > 0 && m <= WD_BERAAD_APART; m++) {
        if (!wd_profile_beraad_words(pb, WD_BERAAD_WORDS_FINDING, m, buf, sizeof buf)[0]) continue;
        /* The differences in bold, as in the PDF. */
        int bold = m == WD_BERAAD_RESIDENTS_FIRST || m == WD_BERAAD_FIGURES_FIRST;
        elem(h, bold ? "<p><strong>" : "<p>", bold ? "</strong></p>\n" : "</p>\n", buf);
        para(h, NULL, wd_profile_beraad_words(pb, WD_BERAAD_WORDS_FINDING_WHY, m, buf, sizeof buf));
    }
    const wd_beraad *b = &pb->beraad;
    int notes = 0;
    for (size_t k = 0; k < b->n; k++)
        notes |= b->opg[k].note[0] != '\0';
    if (!notes) return;
    elem(h, "<h3>", "</h3>\n",
         wd_profile_beraad_words(pb, WD_BERAAD_WORDS_NOTES_HEAD, 0, buf, sizeof buf));
    put(h, "<ul class=\"opmerkingen\">\n");
    for (size_t k = 0; k < b->n; k++) {
        if (!wd_profile_beraad_words(pb, WD_BERAAD_WORDS_NOTE, (int)k, buf, sizeof buf)[0])
            continue;
        /* The opgave's title and its colon lead the note, as in the PDF. */
        size_t lead = strlen(b->opg[k].title) + 1;
        put(h, "<li><strong>");
        char title[sizeof b->opg[k].title + 2];
        snprintf(title, sizeof title, "%.*s", (int)lead, buf);
        esc(h, title);
        put(h, "</strong>");
        esc(h, buf + lead);
        put(h, "</li>\n");
    }
    put(h, "</ul>\n");
}

static int page_lbm(html *h, page_ctx *c, wd_error *err)
{
    const wd_profile *p = c->p;
    char buf[2400];
    int rc = 0;
    wd_profile_words(p, WD_WORDS_LBM_SCORE, 0, buf, sizeof buf);
    if (p->lbm.year > 0) {
        elem(h, "<p class=\"cijfer\">", "</p>\n", buf);
        para(h, NULL, wd_profile_words(p, WD_WORDS_LBM_INTRO, 0, buf, sizeof buf));
        label_bars(&p->lbm.dims, buf, sizeof buf);
        rc = chart_fig(h, c, CH_LBM, 0, 460, 150, buf, err);
    } else {
        para(h, NULL, buf);
    }
    elem(h, "<h3>", "</h3>\n", wd_profile_words(p, WD_WORDS_SMALL_HEAD, 0, buf, sizeof buf));
    para(h, NULL, wd_profile_words(p, WD_WORDS_SMALL_INTRO, 0, buf, sizeof buf));
    put(h, "<div class=\"klein-veel\">\n");
    for (int i = 0; !rc && i < wd_count(p->n_small, WD_PROFILE_MAX_SMALL); i++) {
        label_small(&p->small[i], buf, sizeof buf);
        rc = chart_fig(h, c, CH_SMALL, i, 220, 180, buf, err);
    }
    put(h, "</div>\n");
    return rc;
}

static int page_sources(html *h, page_ctx *c)
{
    const wd_profile *p = c->p;
    char buf[800];
    elem(h, "<h3>", "</h3>\n", wd_profile_words(p, WD_WORDS_SOURCES_HEAD, 0, buf, sizeof buf));
    int ns = wd_count(p->n_sources, WD_PROFILE_MAX_SOURCES);
    if (ns == 0) para(h, "muted", wd_profile_words(p, WD_WORDS_NO_SOURCES, 0, buf, sizeof buf));
    if (ns > 0) put(h, "<ol class=\"bronnen\">\n");
    for (int i = 0; i < ns; i++)
        elem(h, "<li>", "</li>\n", p->sources[i]);
    if (ns > 0) put(h, "</ol>\n");
    if (p->notes[0]) {
        elem(h, "<h3>", "</h3>\n", wd_profile_words(p, WD_WORDS_NOTES_HEAD, 0, buf, sizeof buf));
        para(h, NULL, p->notes);
    }
    int nd = wd_count(p->n_defs, WD_PROFILE_MAX_DEFS);
    if (nd == 0) return 0;
    elem(h, "<h3>", "</h3>\n", wd_profile_words(p, WD_WORDS_DEFS_HEAD, 0, buf, sizeof buf));
    put(h, "<dl class=\"begrippen\">\n");
    for (int i = 0; i < nd; i++) {
        elem(h, "<dt>", "</dt>", p->defs[i].label);
        elem(h, "<dd>", "</dd>\n", p->defs[i].text);
    }
    put(h, "</dl>\n");
    return 0;
}

static void page_header(html *h, const page_ctx *c)
{
    const wd_profile *p = c->p;
    char buf[600];
    put(h, "<header class=\"kop\">\n<nav class=\"kruimel\" aria-label=\"Waar u bent\"><a "
           "href=\"index.html\">Overzicht</a>");
    if (p->gemeente_code[0] && strcmp(p->gemeente_code, p->code) != 0) {
        put(h, " \xe2\x80\xba ");
        region_link(h, c->s, p->gemeente_code, p->gemeente_name);
    }
    if (p->wijk_code[0]) {
        put(h, " \xe2\x80\xba ");
        region_link(h, c->s, p->wijk_code, p->wijk_name);
    }
    put(h, "</nav>\n");
    para(h, "kicker", wd_profile_words(p, WD_WORDS_KICKER, 0, buf, sizeof buf));
    elem(h, "<h1>", "</h1>\n", wd_profile_words(p, WD_WORDS_NAME, 0, buf, sizeof buf));
    para(h, NULL, wd_profile_words(p, WD_WORDS_WHERE, 0, buf, sizeof buf));
    para(h, NULL, wd_profile_words(p, WD_WORDS_FACTS, 0, buf, sizeof buf));
    put(h, "<p><a class=\"pdf\" href=\"");
    file_href(h, p->code, "pdf");
    putf(h, "\">Het profiel als PDF (A4, %d pagina&#39;s)</a></p>\n</header>\n", c->n_pages);
}

static int region_page(html *h, page_ctx *c, wd_error *err)
{
    const wd_profile *p = c->p;
    char title[400], pg[600];
    wd_profile_words(p, WD_WORDS_PAGE_HEAD, 0, title, sizeof title);
    head(h, title);
    put(h, "<a class=\"naar-inhoud\" href=\"#inhoud\">Naar de inhoud</a>\n");
    demo_banner(h, p->demo);
    put(h, "<main id=\"inhoud\">\n");
    page_header(h, c);
    wd_page_kind kinds[WD_PROFILE_MAX_PAGES];
    int n = wd_profile_pages(p, kinds);
    put(h, "<nav class=\"inhoud\" aria-label=\"Onderdelen\"><ol>\n");
    for (int i = 0; i < n; i++) {
        putf(h, "<li><a href=\"#pagina-%d\">", i + 1);
        esc(h, wd_profile_kind_title(p, kinds[i]));
        put(h, "</a></li>\n");
    }
    put(h, "</ol></nav>\n");
    int rc = 0;
    for (int i = 0; !rc && i < n; i++) {
        section_open(h, i + 1, wd_profile_kind_title(p, kinds[i]));
        switch (kinds[i]) {
        case WD_PAGE_GLANCE:
            rc = page_glance(h, c, err);
            break;
        case WD_PAGE_BALANCE:
            rc = page_balance(h, c, err);
            break;
        case WD_PAGE_COMPARE:
            rc = page_compare(h, c, err);
            break;
        case WD_PAGE_RANKINGS:
            rc = page_rankings(h, c, err);
            break;
        case WD_PAGE_BERAAD:
            page_beraad(h, p);
            break;
        case WD_PAGE_HEALTH:
            rc = page_health(h, c, err);
            break;
        case WD_PAGE_LBM:
            rc = page_lbm(h, c, err);
            break;
        case WD_PAGE_MAP:
            para(h, NULL, wd_profile_words(p, WD_WORDS_MAP_INTRO, 0, pg, sizeof pg));
            rc = maps(h, c, err);
            break;
        case WD_PAGE_SOURCES:
            rc = page_sources(h, c);
            break;
        }
        put(h, "</section>\n");
    }
    put(h, "</main>\n<footer><p>Wijkdata-Wijkdoen \xc2\xb7 ");
    esc(h, p->generated_on);
    put(h, " \xc2\xb7 <a href=\"index.html\">Overzicht</a></p></footer>\n</body>\n</html>\n");
    return rc;
}

/* ---- the index ------------------------------------------------------------------------- */

/* The gemeente's buurten as an outline map written by hand (cairo's SVG has no links): each
 * buurt a link to its page, wijk borders over them, in the frame the maps use. */
/* A point of a ring as the index map's SVG path writes it (wd_chart_map_ring). */
static void svg_put(void *h, int first, double x, double y)
{
    putf(h, "%s%.1f %.1f", first ? "M" : "L", x, y);
}

static void index_map(html *h, const wd_session *s, int gem)
{
    const wd_dataset *ds = s->ds;
    const wd_geo *g = s->geo;
    if (!g) return;
    double lon0 = INFINITY, lat0 = INFINITY, lon1 = -INFINITY, lat1 = -INFINITY;
    for (size_t r = 0; r < ds->n_regions; r++) {
        int sh = ds->regions[r].level == WD_LEVEL_BUURT && ds->gemeente[r] == gem
                     ? wd_geo_find(g, ds->regions[r].code)
                     : -1;
        if (sh < 0) continue;
        lon0 = fmin(lon0, g->shapes[sh].lon0);
        lat0 = fmin(lat0, g->shapes[sh].lat0);
        lon1 = fmax(lon1, g->shapes[sh].lon1);
        lat1 = fmax(lat1, g->shapes[sh].lat1);
    }
    const double w = 600, ht = 520;
    wd_map_frame f;
    if (wd_chart_map_frame(&f, lon0, lat0, lon1, lat1, 4, 4, w - 8, ht - 8) != 0) return;
    putf(h,
         "<figure class=\"kaart\">\n<svg viewBox=\"0 0 %.0f %.0f\" role=\"group\" "
         "aria-labelledby=\"kaart-titel\">\n<title id=\"kaart-titel\">Kaart van de buurten van "
         "gemeente ",
         w, ht);
    esc(h, ds->regions[gem].name);
    put(h, "; elke buurt is een link naar haar profiel</title>\n");
    for (int pass = 0; pass < 2; pass++)
        for (size_t r = 0; r < ds->n_regions; r++) {
            wd_level want = pass == 0 ? WD_LEVEL_BUURT : WD_LEVEL_WIJK;
            if (ds->regions[r].level != want || ds->gemeente[r] != gem) continue;
            int sh = wd_geo_find(g, ds->regions[r].code);
            if (sh < 0) continue;
            if (pass == 0) {
                put(h, "<a href=\"");
                file_href(h, ds->regions[r].code, "html");
                put(h, "\" aria-label=\"");
                esc(h, ds->regions[r].name);
                put(h, "\"><title>");
                esc(h, ds->regions[r].name);
                put(h, "</title>");
            }
            put(h, pass == 0 ? "<path d=\"" : "<path class=\"wijkgrens\" d=\"");
            const wd_geo_shape *shape = &g->shapes[sh];
            for (size_t ring = shape->first_ring; ring < shape->first_ring + shape->n_rings;
                 ring++) {
                wd_chart_map_ring(&f, g, ring, svg_put, h);
                put(h, "Z");
            }
            put(h, pass == 0 ? "\"/></a>\n" : "\"/>\n");
        }
    put(h, "</svg>\n<figcaption>Kies een buurt op de kaart of in de lijst hieronder. Dikke lijnen: "
           "grenzen van de wijken.</figcaption>\n</figure>\n");
}

static void index_page(html *h, const wd_session *s, int gem, const char *today)
{
    const wd_dataset *ds = s->ds;
    char title[300];
    snprintf(title, sizeof title, "Wijkprofielen van gemeente %s", ds->regions[gem].name);
    head(h, title);
    put(h, "<a class=\"naar-inhoud\" href=\"#inhoud\">Naar de inhoud</a>\n");
    demo_banner(h, s->demo);
    put(h, "<main id=\"inhoud\">\n<header class=\"kop\">\n");
    elem(h, "<h1>", "</h1>\n", title);
    put(h, "<p>Per buurt, wijk en de hele gemeente: kerncijfers naast wijk, gemeente en "
           "Nederland, de balans van draagkracht en draaglast, gezondheid, leefbaarheid, trends en "
           "bronnen. Elk profiel staat hier als webpagina en als PDF om te printen.</p>\n<p>");
    region_link(h, s, ds->regions[gem].code, "Profiel van de hele gemeente");
    put(h, " \xc2\xb7 <a href=\"");
    file_href(h, ds->regions[gem].code, "pdf");
    put(h, "\">als PDF</a></p>\n</header>\n<h2>Kaart</h2>\n");
    index_map(h, s, gem);
    put(h, "<h2>Wijken en buurten</h2>\n<ul class=\"wijken\">\n");
    for (size_t w = 0; w < ds->n_regions; w++) {
        if (ds->regions[w].level != WD_LEVEL_WIJK || ds->gemeente[w] != gem) continue;
        put(h, "<li>");
        region_link(h, s, ds->regions[w].code, ds->regions[w].name);
        put(h, "\n<ul>\n");
        for (size_t b = 0; b < ds->n_regions; b++) {
            if (ds->regions[b].level != WD_LEVEL_BUURT || ds->parent[b] != (int)w) continue;
            put(h, "<li>");
            region_link(h, s, ds->regions[b].code, ds->regions[b].name);
            put(h, "</li>\n");
        }
        put(h, "</ul></li>\n");
    }
    put(h, "</ul>\n</main>\n<footer><p>Wijkdata-Wijkdoen \xc2\xb7 ");
    esc(h, today);
    put(h, "</p></footer>\n</body>\n</html>\n");
}

/* ---- the style sheet ------------------------------------------------------------------- */

static void hex(char out[8], wd_rgb c)
{
    snprintf(out, 8, "#%02x%02x%02x", (unsigned)lround(c.r * 255) & 0xff,
             (unsigned)lround(c.g * 255) & 0xff, (unsigned)lround(c.b * 255) & 0xff);
}

const char *wd_site_css(char *buf, size_t cap)
{
    char text[8], muted[8], tint[8], bar[8], grid[8], hover[8];
    hex(text, wd_colour_text);
    hex(muted, wd_colour_muted);
    hex(tint, wd_colour_tint);
    hex(bar, wd_colour_bar);
    hex(grid, wd_colour_grid);
    hex(hover, wd_chart_map_colours[1]);
    /* Every rule that sets a colour says on what background, so that the pairs can be checked
     * (WCAG AA, 4.5:1); sizes in rem so that zooming to 200% reflows instead of cutting. */
    snprintf(
        buf, cap,
        "/* Wijkdata-Wijkdoen: the one style sheet of the site. Local fonts only. */\n"
        "html { font-size: 100%%; }\n"
        "body { margin: 0; font-family: \"DejaVu Sans\", Verdana, system-ui, sans-serif; "
        "line-height: 1.5; color: %s; background: #ffffff; }\n"
        "main { display: block; max-width: 54rem; margin: 0 auto; padding: 0 1rem 2rem; }\n"
        "footer { max-width: 54rem; margin: 0 auto; padding: 1rem; border-top: 1px solid %s; "
        "color: %s; background: #ffffff; font-size: .875rem; }\n"
        "a { color: %s; background: #ffffff; }\n"
        "a:focus { outline: 3px solid %s; outline-offset: 2px; }\n"
        ".naar-inhoud { position: absolute; left: -100rem; }\n"
        ".naar-inhoud:focus { position: static; display: block; padding: .5rem 1rem; color: %s; "
        "background: #ffffff; }\n"
        ".demo { margin: 0; padding: .4rem 1rem; font-weight: bold; text-align: center; "
        "color: #ffffff; background: %s; }\n"
        ".kop { margin: 1rem 0; padding: .75rem 1rem; border-left: 4px solid %s; color: %s; "
        "background: %s; }\n"
        ".kop a { color: %s; background: %s; }\n"
        ".kop p { margin: .25rem 0; }\n"
        ".kop h1 { margin: .25rem 0; font-size: 1.75rem; line-height: 1.2; }\n"
        ".kicker { font-weight: bold; font-size: .875rem; color: %s; background: %s; }\n"
        ".kruimel { font-size: .875rem; }\n"
        "h2 { margin: 2rem 0 .5rem; font-size: 1.375rem; border-bottom: 2px solid %s; }\n"
        "h3 { margin: 1.25rem 0 .25rem; font-size: 1.0625rem; }\n"
        ".muted { color: %s; background: #ffffff; }\n"
        ".klein { font-size: .875rem; }\n"
        ".let-op { padding: .5rem .75rem; border: 2px solid %s; font-weight: bold; color: %s; "
        "background: %s; }\n"
        ".cijfer { font-size: 1.125rem; font-weight: bold; }\n"
        "figure { margin: .75rem 0; }\n"
        "svg.chart { display: block; width: 100%%; height: auto; }\n"
        ".naast { display: grid; grid-template-columns: repeat(auto-fit, minmax(17rem, 1fr)); "
        "gap: 1rem; align-items: start; }\n"
        ".klein-veel { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); "
        "gap: .75rem; }\n"
        ".tabel { overflow-x: auto; }\n"
        "table { border-collapse: collapse; width: 100%%; margin: .5rem 0; }\n"
        "caption { text-align: left; font-weight: bold; }\n"
        "th, td { padding: .3rem .5rem; border-bottom: 1px solid %s; text-align: right; "
        "vertical-align: middle; }\n"
        "th[scope=row], thead th:first-child { text-align: left; font-weight: normal; }\n"
        "thead th { border-bottom: 2px solid %s; }\n"
        "tbody tr:nth-child(even) { color: %s; background: %s; }\n"
        "td.eigen { font-weight: bold; }\n"
        "td.geen, tr.klein { color: %s; background: #ffffff; }\n"
        "td.trend { text-align: left; font-size: .875rem; }\n"
        "td.trend svg.chart { display: inline-block; width: 3rem; vertical-align: middle; }\n"
        "td.bron { text-align: left; font-size: .875rem; }\n"
        ".opgaven li { margin-bottom: .5rem; }\n"
        ".volgorde li { margin-bottom: .25rem; }\n"
        "li.gekozen { font-weight: bold; color: %s; background: %s; }\n"
        ".opmerkingen li { margin-bottom: .5rem; }\n"
        ".zoals th, .zoals td:nth-child(3) { text-align: left; }\n"
        ".zoals th:last-child { text-align: right; }\n"
        ".groep { font-weight: bold; }\n"
        ".inhoud ol { columns: 15rem 3; column-gap: 2rem; }\n"
        ".begrippen dt { font-weight: bold; }\n"
        ".begrippen dd { margin: 0 0 .5rem; }\n"
        ".kaart svg { display: block; width: 100%%; height: auto; max-height: 80vh; }\n"
        ".kaart path { fill: %s; stroke: %s; stroke-width: .6; }\n"
        ".kaart a:hover path, .kaart a:focus path { fill: %s; }\n"
        ".kaart path.wijkgrens { fill: none; stroke: %s; stroke-width: 2; pointer-events: none; "
        "}\n"
        ".wijken > li { margin-bottom: .5rem; }\n"
        "@media (max-width: 36rem) { .kop h1 { font-size: 1.375rem; } th, td { padding: .25rem; "
        "} }\n",
        text, grid, muted, bar, text, bar, text, bar, text, tint, bar, tint, muted, tint, grid,
        muted, text, text, tint, grid, text, text, tint, muted, text, tint, tint, muted, hover,
        text);
    return buf;
}

/* ---- the folder ------------------------------------------------------------------------ */

/* Whether `name` is a file a site holds: index.html, site.css, the mark, REGIOCODE.html or
 * .pdf. */
static int site_file(const char *name)
{
    if (strcmp(name, "index.html") == 0 || strcmp(name, "site.css") == 0 ||
        strcmp(name, WD_SITE_MARK) == 0)
        return 1;
    size_t n = strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
    return n >= 4 && (strcmp(name + n, ".html") == 0 || strcmp(name + n, ".pdf") == 0);
}

/* Whether `dir` may take the new site: 1 when it does not exist, 0 when it is empty or an
 * earlier site, else WD_EUSAGE naming what is in the way. */
static int check_target(const char *dir, wd_error *err)
{
    DIR *d = opendir(dir);
    if (!d) {
        if (errno == ENOENT) return 1;
        return wd_error_set(err, errno == ENOTDIR ? WD_EUSAGE : WD_EIO,
                            "%s: geen bruikbare map: %s", dir, strerror(errno));
    }
    int rc = 0, entries = 0, marked = 0;
    char other[256] = "";
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        entries++;
        marked |= strcmp(e->d_name, WD_SITE_MARK) == 0;
        if (!site_file(e->d_name) && !other[0]) snprintf(other, sizeof other, "%s", e->d_name);
    }
    closedir(d);
    if (entries > 0 && (!marked || other[0]))
        rc = wd_error_set(err, WD_EUSAGE,
                          "%s bestaat al en is geen site van wijkdata (bijvoorbeeld '%s'): kies "
                          "een nieuwe of lege map",
                          dir, other[0] ? other : "zonder " WD_SITE_MARK);
    return rc;
}

/* Remove a folder holding only a site's files (what check_target let through, or what this
 * run wrote). */
static void remove_site(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    char path[4096];
    while ((e = readdir(d)))
        if (site_file(e->d_name) || strstr(e->d_name, ".tmp.")) {
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
    closedir(d);
    rmdir(dir);
}

/* ---- the whole site -------------------------------------------------------------------- */

/* Write the page `h` as dir/name; frees it. */
static int write_page(html *h, const char *dir, const char *name, wd_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int rc = h->oom ? wd_error_set(err, WD_ENOMEM, "geen geheugen voor %s", path)
                    : wd_file_write_bytes(path, h->data ? h->data : "", h->len, err);
    html_free(h);
    return rc;
}

/* Every region's PDF and page into tmp; the date they print into today[32]. */
static int write_regions(const wd_session *s, const char *tmp, const wd_site_options *opt,
                         size_t total, size_t *pages, char *today, wd_error *err)
{
    const wd_dataset *ds = s->ds;
    wd_profile *p = malloc(sizeof *p);
    if (!p) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    int rc = 0;
    size_t done = 0;
    for (size_t r = 0; !rc && r < ds->n_regions; r++) {
        if (ds->regions[r].level == WD_LEVEL_LAND) continue;
        rc = wd_render_fill(p, s, r, opt->year, err);
        if (!rc && opt->today) snprintf(p->generated_on, sizeof p->generated_on, "%s", opt->today);
        char name[4200], file[128];
        wd_name_file(file, sizeof file, ds->regions[r].code, "pdf");
        snprintf(name, sizeof name, "%s/%s", tmp, file);
        if (!rc) rc = wd_profile_render_pdf(p, name, err);
        if (!rc) snprintf(today, 32, "%s", p->generated_on);
        html h = {0};
        page_ctx c = {.s = s, .p = p, .n_pages = wd_profile_page_count(p)};
        if (!rc) rc = region_page(&h, &c, err);
        svg_page_free(&c.svg);
        wd_name_file(name, sizeof name, ds->regions[r].code, "html");
        if (!rc)
            rc = write_page(&h, tmp, name, err);
        else
            html_free(&h);
        if (!rc) ++*pages;
        if (!rc && opt->progress) opt->progress(++done, total, opt->ctx);
    }
    free(p);
    return rc;
}

int wd_site_write(wd_session *s, const char *dir, const wd_site_options *opt, size_t *pages,
                  wd_error *err)
{
    wd_site_options none = {0};
    if (!opt) opt = &none;
    size_t made = 0;
    if (pages) *pages = 0;
    if (!s || !s->ds || !dir || !*dir)
        return wd_error_set(err, WD_EUSAGE, "wd_site_write: sessie of map ontbreekt");
    const wd_dataset *ds = s->ds;
    int gem = -1;
    size_t total = 0;
    for (size_t r = 0; r < ds->n_regions; r++) {
        if (ds->regions[r].level == WD_LEVEL_GEMEENTE && gem < 0) gem = (int)r;
        total += ds->regions[r].level != WD_LEVEL_LAND;
    }
    if (gem < 0) return wd_error_set(err, WD_EUSAGE, "geen gemeente geladen voor de site");
    int fresh = check_target(dir, err);
    if (fresh < 0) return fresh;
    /* A buurt's page compares it with the buurten of the whole store, as its PDF does. */
    int rc = wd_session_similar(s, opt->year, err);
    if (rc) return rc;
    /* The new site grows beside the target, on the same file system, so that it can be
     * renamed into place whole. */
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    char tmp[4096], old[4096];
    snprintf(tmp, sizeof tmp, "%.*s.tmp.XXXXXX", (int)n, dir);
    if (!mkdtemp(tmp))
        return wd_error_set(err, WD_EIO, "kan geen map naast %s maken: %s", dir, strerror(errno));
    chmod(tmp, 0755);
    char today[32] = "";
    rc = write_regions(s, tmp, opt, total, &made, today, err);
    html h = {0};
    if (!rc) {
        index_page(&h, s, gem, today);
        rc = write_page(&h, tmp, "index.html", err);
    }
    char css[8192];
    wd_site_css(css, sizeof css);
    snprintf(old, sizeof old, "%s/site.css", tmp);
    if (!rc) rc = wd_file_write_bytes(old, css, strlen(css), err);
    if (!rc) {
        snprintf(old, sizeof old, "%s/%s", tmp, WD_SITE_MARK);
        static const char mark[] = "Deze map is een site van wijkdata (wijkdata site); een nieuwe "
                                   "site vervangt haar.\n";
        rc = wd_file_write_bytes(old, mark, sizeof mark - 1, err);
    }
    html_free(&h);
    if (rc) {
        remove_site(tmp);
        return rc;
    }
    /* Into place: an earlier site is moved aside first and removed once the new one stands. */
    old[0] = '\0';
    if (!fresh) {
        snprintf(old, sizeof old, "%.*s.old.XXXXXX", (int)n, dir);
        if (!mkdtemp(old) || rename(dir, old) != 0) {
            rc = wd_error_set(err, WD_EIO, "kan %s niet vervangen: %s", dir, strerror(errno));
            rmdir(old);
            remove_site(tmp);
            return rc;
        }
    }
    if (rename(tmp, dir) != 0) {
        rc = wd_error_set(err, WD_EIO, "kan de site niet in %s zetten: %s", dir, strerror(errno));
        if (old[0]) rename(old, dir);
        remove_site(tmp);
        return rc;
    }
    if (old[0]) remove_site(old);
    if (pages) *pages = made;
    return 0;
}
