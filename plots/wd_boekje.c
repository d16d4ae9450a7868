/* Implementation of wd_boekje.h: the regions put in reading order, every profile filled once
 * to count its pages (so that the contents can give page numbers before the profiles are
 * drawn), then the cover, the contents and the profiles, each filled again as it is drawn
 * (one profile in memory at a time, however many buurten the gemeente has). */
#include "plots/wd_boekje.h"

#include "engine/wd_file.h"
#include "engine/wd_store.h"
#include "engine/wd_utf8.h"
#include "plots/wd_profile.h"
#include "plots/wd_render.h"
#include "plots/wd_rgb.h"
#include "plots/wd_text.h"

#include <cairo-pdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PW WD_PAGE_WIDTH
#define PH WD_PAGE_HEIGHT
#define M WD_PAGE_MARGIN
#define CW (PW - 2 * M)
/* The contents: lines of this height, under the title on its first page. */
#define LINE 15.0
#define FIRST_TOP (M + 70)
#define BOTTOM (PH - M - 20)

typedef struct {
    const wd_session *s; /* the session its profile is filled from */
    size_t region;       /* index in that session's data */
    int depth;           /* 0 the gemeente or werkgebied, 1 a wijk or member, 2 a buurt */
    int first;           /* its first page in the booklet, 1-based */
} entry;

typedef struct {
    wd_session *s;
    size_t root; /* the gemeente or werkgebied */
    int year;
    const char *path;
    entry *e;
    size_t n;
    int contents_pages;
    wd_profile *p;    /* the one being drawn */
    wd_session *away; /* sessions of the other gemeenten of a werkgebied's members */
    size_t n_away;
} boekje;

static const wd_region *region_of(const entry *e)
{
    return &e->s->ds->regions[e->region];
}

static size_t lines_per_page(int first)
{
    return (size_t)((BOTTOM - (first ? FIRST_TOP : M + 30)) / LINE);
}

/* The session with the profile of `code`, a member in another gemeente, into *s and *r: one
 * already open for that gemeente, or one opened for it here. It borrows the booklet's
 * comparison with the buurten of the store (the same for every gemeente), not building its
 * own. */
static int away_session(boekje *b, const char *code, const wd_session **s, size_t *r, wd_error *err)
{
    for (size_t i = 0; i < b->n_away; i++) {
        int k = wd_dataset_region(b->away[i].ds, code);
        if (k >= 0 && !b->away[i].ds->outside[k]) {
            *s = &b->away[i];
            *r = (size_t)k;
            return 0;
        }
    }
    char gm[WD_CODE_MAX];
    int rc = wd_store_gemeente_of(b->s->store, code, gm, sizeof gm, err);
    wd_session *a = &b->away[b->n_away++];
    if (!rc) rc = wd_render_open(a, &b->s->opt, gm, b->year, err);
    a->similar = b->s->similar;
    int k = rc ? -1 : wd_dataset_region(a->ds, code);
    if (!rc && k < 0) rc = wd_error_set(err, WD_ENOTFOUND, "%s niet gevonden in %s", code, gm);
    if (rc) return wd_error_prefix(err, "boekje, deel %s: ", code);
    *s = a;
    *r = (size_t)k;
    return 0;
}

/* A werkgebied's booklet: the werkgebied, then its members in their order. */
static int werkgebied_order(boekje *b, wd_error *err)
{
    const wd_dataset *ds = b->s->ds;
    size_t n;
    const wd_dataset_member *m = wd_dataset_members(ds, b->root, &n);
    b->e = calloc(n + 1, sizeof *b->e);
    b->away = calloc(n + 1, sizeof *b->away);
    if (!b->e || !b->away) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    b->e[b->n++] = (entry){.s = b->s, .region = b->root, .depth = 0};
    for (size_t k = 0; k < n; k++) {
        entry *e = &b->e[b->n++];
        *e = (entry){.s = b->s, .region = (size_t)m[k].region, .depth = 1};
        int rc = ds->outside[m[k].region]
                     ? away_session(b, ds->regions[m[k].region].code, &e->s, &e->region, err)
                     : 0;
        if (rc) return rc;
    }
    return 0;
}

/* The regions in reading order: the gemeente, then every wijk followed by its buurten, then
 * its werkgebieden; a region whose parent is not among them comes last, in the data's order. */
static int reading_order(boekje *b, wd_error *err)
{
    const wd_dataset *ds = b->s->ds;
    if (ds->regions[b->root].level == WD_LEVEL_WERKGEBIED) return werkgebied_order(b, err);
    if (ds->regions[b->root].level != WD_LEVEL_GEMEENTE)
        return wd_error_set(err, WD_EUSAGE,
                            "een boekje is van een gemeente of een werkgebied, "
                            "niet van %s",
                            ds->regions[b->root].code);
    b->e = calloc(ds->n_regions + 1, sizeof *b->e);
    unsigned char *placed = calloc(ds->n_regions + 1, 1);
    if (!b->e || !placed) {
        free(placed);
        return wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    }
    /* Regions are in level order and by code within a level. */
    size_t g = b->root;
    b->e[b->n++] = (entry){.s = b->s, .region = g, .depth = 0};
    placed[g] = 1;
    for (size_t w = 0; w < ds->n_regions; w++) {
        if (ds->regions[w].level != WD_LEVEL_WIJK || ds->parent[w] != (int)g) continue;
        b->e[b->n++] = (entry){.s = b->s, .region = w, .depth = 1};
        placed[w] = 1;
        for (size_t r = 0; r < ds->n_regions; r++)
            if (ds->parent[r] == (int)w && ds->regions[r].level == WD_LEVEL_BUURT) {
                b->e[b->n++] = (entry){.s = b->s, .region = r, .depth = 2};
                placed[r] = 1;
            }
    }
    /* Werkgebieden after the wijken, as parts of the gemeente; the members of one that lie in
     * another gemeente belong to that gemeente's booklet. */
    for (size_t r = 0; r < ds->n_regions; r++)
        if (!placed[r] && ds->regions[r].level == WD_LEVEL_WERKGEBIED && !ds->outside[r]) {
            b->e[b->n++] = (entry){.s = b->s, .region = r, .depth = 1};
            placed[r] = 1;
        }
    for (size_t r = 0; r < ds->n_regions; r++)
        if (!placed[r] && ds->regions[r].level != WD_LEVEL_LAND && !ds->outside[r])
            b->e[b->n++] = (entry){.s = b->s, .region = r, .depth = 2};
    free(placed);
    return 0;
}

/* Page numbers: the cover, the contents, then each profile's pages. */
static int number_pages(boekje *b, wd_error *err)
{
    size_t left = b->n;
    b->contents_pages = 1;
    for (size_t per = lines_per_page(1); left > per; per = lines_per_page(0)) {
        left -= per;
        b->contents_pages++;
    }
    int page = 2 + b->contents_pages;
    for (size_t i = 0; i < b->n; i++) {
        const entry *e = &b->e[i];
        int rc = wd_render_fill(b->p, e->s, e->region, b->year, err);
        if (rc)
            return wd_error_prefix(err, "boekje, profiel %s: ", e->s->ds->regions[e->region].code);
        b->e[i].first = page;
        page += wd_profile_page_count(b->p);
    }
    return 0;
}

static void put(cairo_t *cr, const char *text, double size, int bold, wd_align align, wd_rgb c,
                double x, double y, double w, double *h)
{
    wd_text_style st = {.size = size, .bold = bold, .align = align, .max_lines = 1};
    wd_rgb_set(cr, c);
    double used = wd_text_draw(cr, text, &st, x, y, w);
    if (h) *h = used;
}

static void cover(cairo_t *cr, const boekje *b, const wd_profile *g)
{
    size_t wijken = 0, buurten = 0;
    for (size_t i = 0; i < b->n; i++) {
        wijken += region_of(&b->e[i])->level == WD_LEVEL_WIJK;
        buurten += region_of(&b->e[i])->level == WD_LEVEL_BUURT;
    }
    int wg = region_of(&b->e[0])->level == WD_LEVEL_WERKGEBIED;
    char buf[400];
    double y = PH * 0.28, h;
    wd_rgb_set(cr, wd_colour_bar);
    cairo_rectangle(cr, M, y - 24, 60, 6);
    cairo_fill(cr);
    put(cr, "Wijkprofielen", 16, 1, WD_ALIGN_LEFT, wd_colour_muted, M, y, CW, &h);
    y += h + 8;
    wd_text_style big = {.size = 34, .bold = 1, .max_lines = 3};
    wd_rgb_set(cr, wd_colour_text);
    y += wd_text_draw(cr, g->name[0] ? g->name : g->code, &big, M, y, CW) + 12;
    snprintf(buf, sizeof buf, "%s %s \xc2\xb7 peiljaar %d", wg ? "Werkgebied" : "Gemeente", g->code,
             g->year);
    put(cr, buf, 13, 0, WD_ALIGN_LEFT, wd_colour_text, M, y, CW, &h);
    y += h + 6;
    /* The parts named by what there is: a werkgebied of buurten has no "0 wijken". */
    char parts[2][40];
    snprintf(parts[0], sizeof parts[0], "%zu %s", wijken, wijken == 1 ? "wijk" : "wijken");
    snprintf(parts[1], sizeof parts[1], "%zu %s", buurten, buurten == 1 ? "buurt" : "buurten");
    const char *whole = wg ? "het werkgebied" : "de gemeente";
    if (wijken && buurten)
        snprintf(buf, sizeof buf, "%zu profielen: %s, %s en %s", b->n, whole, parts[0], parts[1]);
    else if (wijken || buurten)
        snprintf(buf, sizeof buf, "%zu profielen: %s en %s", b->n, whole, parts[wijken ? 0 : 1]);
    else
        snprintf(buf, sizeof buf, "1 profiel: %s", whole);
    put(cr, buf, 13, 0, WD_ALIGN_LEFT, wd_colour_text, M, y, CW, &h);
    y += h + 30;
    wd_text_style body = {.size = 10.5};
    wd_rgb_set(cr, wd_colour_text);
    wd_text_draw(cr,
                 "Elk profiel laat zien wie er wonen, hoe draagkracht en draaglast zich tot "
                 "elkaar verhouden, hoe het met de gezondheid en de leefbaarheid gaat en wat er "
                 "verandert, naast de wijk, de gemeente en Nederland. De inhoud op de volgende "
                 "pagina geeft bij elke regio de pagina waar het profiel begint, en een klik "
                 "op de regel brengt u daar; in een PDF-lezer staat elke regio ook als "
                 "bladwijzer.",
                 &body, M, y, CW * 0.8);
    if (g->demo)
        put(cr, "DEMO \xe2\x80\x94 gesimuleerde gegevens, niet gebruiken voor besluiten", 12, 1,
            WD_ALIGN_LEFT, wd_colour_text, M, PH * 0.72, CW, NULL);
    snprintf(buf, sizeof buf, "Wijkdata-Wijkdoen \xc2\xb7 %s",
             g->generated_on[0] ? g->generated_on : "datum onbekend");
    put(cr, buf, 9, 0, WD_ALIGN_LEFT, wd_colour_muted, M, PH - M - 12, CW, NULL);
}

/* The contents: a line per region, indented by level, its page on the right, the whole line a
 * link to the region's first page. The link goes by name (the region's code, a destination on
 * that page: see draw): cairo 1.16 writes a link's annotation at the end of its page, and a
 * link by page number ("page=N") to a page not yet written then has no destination at all. */
static void contents(cairo_t *cr, const boekje *b)
{
    size_t i = 0;
    for (int pg = 0; pg < b->contents_pages; pg++) {
        double y = M + 30, h;
        if (pg == 0) {
            put(cr, "Inhoud", 22, 1, WD_ALIGN_LEFT, wd_colour_text, M, M, CW, &h);
            y = FIRST_TOP;
        }
        for (size_t k = 0; k < lines_per_page(pg == 0) && i < b->n; k++, i++) {
            const wd_region *r = region_of(&b->e[i]);
            double indent = 14.0 * b->e[i].depth;
            char name[WD_NAME_MAX + 64], num[16];
            snprintf(name, sizeof name, "%s (%s)", r->name[0] ? r->name : "(naam onbekend)",
                     r->code);
            snprintf(num, sizeof num, "%d", b->e[i].first);
            int bold = b->e[i].depth < 2;
            char link[WD_CODE_MAX + 96];
            snprintf(link, sizeof link, "dest='%s' rect=[%g %g %g %g]", r->code, M + indent, y,
                     CW - indent, LINE);
            cairo_tag_begin(cr, CAIRO_TAG_LINK, link);
            put(cr, name, 10, bold, WD_ALIGN_LEFT, wd_colour_text, M + indent, y, CW - indent - 40,
                NULL);
            put(cr, num, 10, bold, WD_ALIGN_RIGHT, wd_colour_text, PW - M - 40, y, 40, NULL);
            cairo_tag_end(cr, CAIRO_TAG_LINK);
            y += LINE;
        }
        char foot[32];
        snprintf(foot, sizeof foot, "%d", pg + 2);
        put(cr, foot, 8, 0, WD_ALIGN_RIGHT, wd_colour_muted, M, PH - M + 6, CW, NULL);
        cairo_show_page(cr);
    }
}

/* Where cairo's bytes go: the atomic writer's stream. As in wd_profile.c it never reports a
 * failure to cairo (cairo 1.16 crashes finishing a surface whose stream failed early): the
 * stream keeps the first error and the writer reports it with the file and the cause. */
static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int length)
{
    fwrite(data, 1, length, closure);
    return CAIRO_STATUS_SUCCESS;
}

static void set_metadata(cairo_surface_t *surface, const wd_profile *g)
{
    char buf[400];
    snprintf(buf, sizeof buf, "Wijkprofielen %s (%s)", g->name, g->code);
    wd_utf8_repair(buf);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, buf);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, "Wijkdata-Wijkdoen");
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Wijkdata-Wijkdoen");
    /* The date printed on the profiles, not the clock: the same data give the same file. */
    int yy, mm, dd;
    if (wd_text_parse_date(g->generated_on, &yy, &mm, &dd) == 0) {
        snprintf(buf, sizeof buf, "%04d-%02d-%02dT00:00:00Z", yy, mm, dd);
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, buf);
    }
}

static int draw(FILE *f, boekje *b, wd_error *err)
{
    cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(sink_write, f, PW, PH);
    cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5);
    cairo_t *cr = cairo_create(surface);
    /* cairo 1.16 writes the links' structure elements only inside a structure element: links
     * alone leave the pages' parent tree pointing at objects it never writes (qpdf --check:
     * "object 11 0 not found", the file damaged). */
    cairo_tag_begin(cr, "Document", "");
    int rc = wd_render_fill(b->p, b->s, b->e[0].region, b->year, err);
    if (!rc) {
        set_metadata(surface, b->p);
        cover(cr, b, b->p);
        cairo_show_page(cr);
        contents(cr, b);
    }
    int parent[3] = {CAIRO_PDF_OUTLINE_ROOT, 0, 0};
    for (size_t i = 0; !rc && i < b->n && !ferror(f); i++) {
        const wd_region *r = region_of(&b->e[i]);
        rc = wd_render_fill(b->p, b->e[i].s, b->e[i].region, b->year, err);
        if (rc) break;
        char title[WD_NAME_MAX + 64], dest[WD_CODE_MAX + 16];
        snprintf(title, sizeof title, "%s (%s)", r->name[0] ? r->name : "(naam onbekend)", r->code);
        wd_utf8_repair(title);
        snprintf(dest, sizeof dest, "page=%d", b->e[i].first);
        int d = b->e[i].depth;
        int id = cairo_pdf_surface_add_outline(surface, parent[d], title, dest, 0);
        if (d < 2) parent[d + 1] = id;
        if (d == 0) parent[2] = id; /* a buurt without a wijk hangs under the gemeente */
        int n_pages = wd_profile_page_count(b->p);
        snprintf(dest, sizeof dest, "name='%s'", r->code);
        cairo_tag_begin(cr, CAIRO_TAG_DEST, dest);
        cairo_tag_end(cr, CAIRO_TAG_DEST);
        for (int pg = 0; pg < n_pages && !rc; pg++) {
            int got = wd_profile_draw_page(b->p, pg, cr, err);
            if (got < 0) rc = got;
            cairo_show_page(cr);
        }
        if (rc) wd_error_prefix(err, "profiel %s: ", r->code);
    }
    cairo_tag_end(cr, "Document");
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (!rc && cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
        rc = wd_error_set(err, WD_ERR, "het boekje kan niet worden afgemaakt (cairo: %s)",
                          cairo_status_to_string(cairo_surface_status(surface)));
    cairo_surface_destroy(surface);
    if (!rc && ferror(f)) rc = wd_error_set(err, WD_EIO, "schrijven mislukt");
    return rc;
}

static int write_to(FILE *f, void *ctx, wd_error *err)
{
    boekje *b = ctx;
    int rc = draw(f, b, err);
    return rc ? wd_error_prefix(err, "%s: ", b->path) : 0;
}

int wd_boekje_write(wd_session *s, size_t r, int year, const char *path, wd_error *err)
{
    boekje b = {.s = s, .root = r, .year = year, .path = path, .p = malloc(sizeof(wd_profile))};
    int rc =
        b.p ? wd_session_similar(s, year, err) : wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    if (!rc) rc = reading_order(&b, err);
    if (!rc) rc = number_pages(&b, err);
    if (!rc) rc = wd_file_write_atomic(path, write_to, &b, err);
    for (size_t i = 0; i < b.n_away; i++) {
        b.away[i].similar = NULL; /* the booklet's session's */
        wd_session_close(&b.away[i]);
    }
    free(b.away);
    free(b.e);
    free(b.p);
    return rc;
}
