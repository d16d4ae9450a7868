/* Implementation of wd_text.h: pango layouts on a cairo_t and Dutch number and date
 * formatting.
 *
 * Shaping a text (harfbuzz) and breaking its lines (pango) is most of what a page costs
 * beyond cairo's own PDF writing, and most texts repeat: a page measures a text before it
 * draws it, and headings, axis labels, legend words and units are the same on every profile
 * of a run. Each thread therefore keeps its layouts, keyed by text, style and width, across
 * pages and surfaces, with one pango context for all of them.
 *
 * A layout does not depend on the cairo_t it is drawn on: metric hinting is off (see
 * new_family), so pango lays text out the same under every transformation, and
 * pango_cairo_show_layout draws it with the CTM of the cairo_t it is given. What does change
 * a layout is the target surface's font options (a PDF surface's differ from an image or a
 * recording surface's): each kind of surface a thread draws on has its own context and
 * layouts, and a context is never updated after it is made, since every
 * pango_cairo_update_context marks the context changed and so makes every layout on it shape
 * its text again. */
#include "plots/wd_text.h"

#include "engine/wd_error.h"
#include "engine/wd_utf8.h"

#include <ctype.h>
#include <float.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <strings.h>

static const char *const month_names[12] = {"januari",   "februari", "maart",    "april",
                                            "mei",       "juni",     "juli",     "augustus",
                                            "september", "oktober",  "november", "december"};

/* Layouts kept per thread and kind of surface in each of two generations: when the newer one
 * is full the older one is dropped, and a layout found in the older one moves to the newer,
 * so the texts every page repeats stay while a profile's own names and numbers age out. A
 * few thousand layouts of short texts are a few megabytes. */
#define GENERATION 2048

/* Kinds of surface (sets of font options) a thread keeps layouts for: a run writes PDFs, a
 * PNG or SVG now and then, tests and the benchmark mix in image and recording surfaces. */
#define FAMILIES 4

typedef struct {
    cairo_font_options_t *surface_options; /* NULL: free slot */
    PangoContext *ctx;
    GHashTable *gen[2]; /* key: see layout_key; value: PangoLayout */
} family;

typedef struct {
    family f[FAMILIES];
    unsigned next;                 /* the slot replaced when all are taken */
    cairo_font_options_t *options; /* scratch: those of the surface drawn on */
} text_cache;

static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;

static void family_free(family *f)
{
    for (int i = 0; i < 2; i++)
        if (f->gen[i]) g_hash_table_destroy(f->gen[i]);
    if (f->ctx) g_object_unref(f->ctx);
    if (f->surface_options) cairo_font_options_destroy(f->surface_options);
    *f = (family){0};
}

static void cache_free(void *arg)
{
    text_cache *tc = arg;
    if (!tc) return;
    for (int i = 0; i < FAMILIES; i++)
        family_free(&tc->f[i]);
    if (tc->options) cairo_font_options_destroy(tc->options);
    free(tc);
}

static void cache_key_make(void)
{
    pthread_key_create(&cache_key, cache_free);
}

static GHashTable *new_generation(void)
{
    return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
}

/* Sets up `f` for the surface of `cr`, whose font options are `fo` (taken over): a context
 * with metric hinting switched off so that a page breaks its lines at the same places on a
 * PDF surface and on an image surface (tests rasterise with the image surface and must see
 * the page the PDF shows), and under any transformation; its fonts are loaded untransformed,
 * whatever the CTM of the first cairo_t, so the layouts do not depend on which text came
 * first. 0, or WD_ENOMEM. */
static int new_family(family *f, cairo_t *cr, cairo_font_options_t *fo)
{
    f->surface_options = fo;
    f->ctx = pango_cairo_create_context(cr);
    if (!f->ctx) {
        family_free(f);
        return WD_ENOMEM;
    }
    f->gen[0] = new_generation();
    f->gen[1] = new_generation();
    cairo_font_options_t *set = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(set, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(set, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(f->ctx, set);
    cairo_font_options_destroy(set);
    pango_context_set_matrix(f->ctx, NULL);
    /* Glyphs at the font's own advances: rounding them to whole units (points on a PDF page)
     * is for screens, spaces letters unevenly in print, and makes cairo write a correction
     * after nearly every glyph (13,009 numbers in a buurt's PDF instead of 469). */
    pango_context_set_round_glyph_positions(f->ctx, FALSE);
    return 0;
}

/* The calling thread's layouts for the kind of surface `cr` draws on, made on first use.
 * NULL without memory. */
static family *thread_family(cairo_t *cr)
{
    pthread_once(&cache_once, cache_key_make);
    text_cache *tc = pthread_getspecific(cache_key);
    if (!tc) {
        if (!(tc = calloc(1, sizeof *tc))) return NULL;
        tc->options = cairo_font_options_create();
        if (cairo_font_options_status(tc->options) != CAIRO_STATUS_SUCCESS ||
            pthread_setspecific(cache_key, tc) != 0) {
            cache_free(tc);
            return NULL;
        }
    }
    cairo_surface_get_font_options(cairo_get_target(cr), tc->options);
    family *free_slot = NULL;
    for (int i = 0; i < FAMILIES; i++) {
        family *f = &tc->f[i];
        if (!f->surface_options) {
            if (!free_slot) free_slot = f;
        } else if (cairo_font_options_equal(f->surface_options, tc->options)) {
            return f;
        }
    }
    if (!free_slot) {
        free_slot = &tc->f[tc->next];
        tc->next = (tc->next + 1) % FAMILIES;
        family_free(free_slot);
    }
    cairo_font_options_t *fo = cairo_font_options_copy(tc->options);
    if (cairo_font_options_status(fo) != CAIRO_STATUS_SUCCESS) {
        cairo_font_options_destroy(fo);
        return NULL;
    }
    return new_family(free_slot, cr, fo) ? NULL : free_slot;
}

/* A new layout for `text` in style `st` on context `ctx`. new — g_object_unref(). */
static PangoLayout *new_layout(PangoContext *ctx, const char *text, size_t lead,
                               const wd_text_style *st, double w)
{
    PangoLayout *layout = pango_layout_new(ctx);
    if (!layout) return NULL;
    double size = st->size > WD_TEXT_MIN_SIZE ? st->size : WD_TEXT_MIN_SIZE;
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, WD_TEXT_FAMILY);
    pango_font_description_set_weight(fd, st->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    /* Absolute size is in user units, which are points on our pages; pango's plain size
     * would go through a 96 dpi resolution instead. */
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    pango_layout_set_font_description(layout, fd);
    pango_font_description_free(fd);

    if (w > 0) {
        pango_layout_set_width(layout, (int)(w * PANGO_SCALE));
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
        if (st->max_lines > 0) {
            pango_layout_set_height(layout, -st->max_lines);
            pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
        }
        PangoAlignment al = PANGO_ALIGN_LEFT;
        if (st->align == WD_ALIGN_CENTER)
            al = PANGO_ALIGN_CENTER;
        else if (st->align == WD_ALIGN_RIGHT)
            al = PANGO_ALIGN_RIGHT;
        pango_layout_set_alignment(layout, al);
    }
    /* Pango would warn and cairo refuse the page for a byte that is not UTF-8. */
    char *repaired = wd_utf8_validate(text) ? NULL : strdup(text);
    wd_utf8_repair(repaired);
    pango_layout_set_text(layout, repaired ? repaired : text, -1);
    free(repaired);
    if (lead > 0) {
        PangoAttrList *attrs = pango_attr_list_new();
        PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
        a->start_index = 0;
        a->end_index = (guint)lead;
        pango_attr_list_insert(attrs, a);
        pango_layout_set_attributes(layout, attrs);
        pango_attr_list_unref(attrs);
    }
    return layout;
}

/* The key of a layout: every field of its style, width and bold lead (doubles exactly,
 * as %a), then the text; in buf[cap] when it fits, else new (g_free). Most texts are short,
 * and most lookups find their layout: they then allocate nothing. */
static char *layout_key(char *buf, size_t cap, const char *text, size_t lead,
                        const wd_text_style *st, double w)
{
#define KEY_FORMAT "%a %d %d %d %a %zu %s", st->size, st->bold, (int)st->align, st->max_lines, w, \
                   lead, text
    int n = snprintf(buf, cap, KEY_FORMAT);
    return n >= 0 && (size_t)n < cap ? buf : g_strdup_printf(KEY_FORMAT);
#undef KEY_FORMAT
}

/* Keeps `layout` under `key` (both taken over) in the newer generation of `f`. */
static void keep(family *f, char *key, PangoLayout *layout)
{
    if (g_hash_table_size(f->gen[0]) >= GENERATION) {
        g_hash_table_destroy(f->gen[1]);
        f->gen[1] = f->gen[0];
        f->gen[0] = new_generation();
    }
    g_hash_table_insert(f->gen[0], key, layout);
}

/* The layout for `text` in style `style` (NULL: the zero style) and width `w` (0: one line)
 * for drawing on `cr`: from the thread's cache, or made and kept there. borrowed — valid
 * until the thread's next call into this module. */
static PangoLayout *make_layout(cairo_t *cr, const char *text, size_t lead,
                                const wd_text_style *style, double w)
{
    wd_text_style st = style ? *style : (wd_text_style){0};
    family *f = thread_family(cr);
    if (!f) return NULL;
    char buf[256];
    char *key = layout_key(buf, sizeof buf, text, lead, &st, w);
    PangoLayout *layout = g_hash_table_lookup(f->gen[0], key);
    if (!layout) {
        gpointer old_key, old_layout;
        if (g_hash_table_steal_extended(f->gen[1], key, &old_key, &old_layout)) {
            g_free(old_key);
            layout = old_layout;
        } else {
            layout = new_layout(f->ctx, text, lead, &st, w);
        }
        if (layout) {
            keep(f, key == buf ? g_strdup(buf) : key, layout);
            key = buf; /* taken over */
        }
    }
    if (key != buf) g_free(key);
    return layout;
}

static double layout_height(PangoLayout *layout)
{
    int lw, lh;
    pango_layout_get_size(layout, &lw, &lh);
    return (double)lh / PANGO_SCALE;
}

double wd_text_draw_lead(cairo_t *cr, const char *text, size_t lead, const wd_text_style *st,
                         double x, double y, double w)
{
    if (!cr || !text || !*text) return 0;
    PangoLayout *layout = make_layout(cr, text, lead, st, w > 0 ? w : 1);
    if (!layout) return 0;
    double h = layout_height(layout);
    cairo_save(cr);
    cairo_new_path(cr);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout);
    cairo_restore(cr);
    return h;
}

double wd_text_height_lead(cairo_t *cr, const char *text, size_t lead, const wd_text_style *st,
                           double w)
{
    if (!cr || !text || !*text) return 0;
    PangoLayout *layout = make_layout(cr, text, lead, st, w > 0 ? w : 1);
    if (!layout) return 0;
    return layout_height(layout);
}

double wd_text_draw(cairo_t *cr, const char *text, const wd_text_style *st, double x, double y,
                    double w)
{
    return wd_text_draw_lead(cr, text, 0, st, x, y, w);
}

double wd_text_height(cairo_t *cr, const char *text, const wd_text_style *st, double w)
{
    return wd_text_height_lead(cr, text, 0, st, w);
}

double wd_text_width(cairo_t *cr, const char *text, const wd_text_style *st)
{
    if (!cr || !text || !*text) return 0;
    PangoLayout *layout = make_layout(cr, text, 0, st, 0);
    if (!layout) return 0;
    int lw, lh;
    pango_layout_get_size(layout, &lw, &lh);
    return (double)lw / PANGO_SCALE;
}

void wd_text_release_fonts(void)
{
    /* The calling thread's layouts and context hold the font map. */
    pthread_once(&cache_once, cache_key_make);
    cache_free(pthread_getspecific(cache_key));
    pthread_setspecific(cache_key, NULL);
    pango_cairo_font_map_set_default(NULL);
}

/* Copies src into buf[cap]; WD_ENOMEM when truncated. */
static int put(char *buf, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n < cap) {
        memcpy(buf, src, n + 1);
        return 0;
    }
    memcpy(buf, src, cap - 1);
    buf[cap - 1] = '\0';
    return WD_ENOMEM;
}

/* Digits of |value| rounded to `decimals`, with Dutch separators, into out[cap]. *is_zero
 * tells whether the rounded value is zero (so that no sign is printed for "-0,0"). */
static void dutch_digits(char *out, size_t cap, double value, int decimals, int *is_zero)
{
    double scaled = fabs(value) * pow(10, decimals);
    if (!isfinite(scaled)) { /* only near DBL_MAX: print the integer part alone */
        decimals = 0;
        scaled = fabs(value);
    }
    /* Values are rounded as they are written: 2.45 is stored as 2.4500000000000002 and
     * 0.15 * 10 as 1.4999999999999998; a tie within a few ulps rounds up, as a reader of
     * "2,45" expects. */
    double fl = floor(scaled);
    double tol = fmin(scaled * 8 * DBL_EPSILON, 1e-6);
    double r = fabs(scaled - fl - 0.5) <= tol ? fl + 1 : round(scaled);
    char digits[400];
    snprintf(digits, sizeof digits, "%.0f", r);
    *is_zero = r == 0;
    size_t nd = strlen(digits);
    /* Left-pad so that there is at least one digit before the decimal comma. */
    char padded[420];
    size_t need = (size_t)decimals + 1;
    size_t pad = nd < need ? need - nd : 0;
    memset(padded, '0', pad);
    memcpy(padded + pad, digits, nd + 1);
    nd += pad;
    size_t nint = nd - (size_t)decimals;
    size_t o = 0;
    for (size_t i = 0; i < nint && o + 1 < cap; i++) {
        if (i > 0 && (nint - i) % 3 == 0 && o + 1 < cap) out[o++] = '.';
        if (o + 1 < cap) out[o++] = padded[i];
    }
    if (decimals > 0 && o + 1 < cap) out[o++] = ',';
    for (size_t i = nint; i < nd && o + 1 < cap; i++)
        out[o++] = padded[i];
    out[o] = '\0';
}

static int fmt_number(char *buf, size_t cap, double value, int decimals, int plus)
{
    if (!buf || cap == 0) return WD_EUSAGE;
    if (!isfinite(value)) return put(buf, cap, WD_TEXT_MISSING);
    if (decimals < 0) decimals = 0;
    if (decimals > 6) decimals = 6;
    char digits[600];
    int is_zero;
    dutch_digits(digits, sizeof digits, value, decimals, &is_zero);
    char text[620];
    const char *sign = "";
    if (!is_zero) sign = value < 0 ? "-" : (plus ? "+" : "");
    snprintf(text, sizeof text, "%s%s", sign, digits);
    return put(buf, cap, text);
}

int wd_text_fmt_number(char *buf, size_t cap, double value, int decimals)
{
    return fmt_number(buf, cap, value, decimals, 0);
}

int wd_text_fmt_signed(char *buf, size_t cap, double value, int decimals)
{
    return fmt_number(buf, cap, value, decimals, 1);
}

int wd_text_fmt_value(char *buf, size_t cap, double value, int decimals, const char *unit)
{
    if (!buf || cap == 0) return WD_EUSAGE;
    if (!isfinite(value)) return put(buf, cap, WD_TEXT_MISSING);
    char num[640];
    fmt_number(num, sizeof num, value, decimals, 0);
    char text[700];
    if (!unit || !*unit)
        snprintf(text, sizeof text, "%s", num);
    else if (strcmp(unit, "%") == 0)
        snprintf(text, sizeof text, "%s%%", num);
    else
        snprintf(text, sizeof text, "%s %s", num, unit);
    return put(buf, cap, text);
}

int wd_text_fmt_percent(char *buf, size_t cap, double value, int decimals)
{
    return wd_text_fmt_value(buf, cap, value, decimals, "%");
}

int wd_text_fmt_label(char *buf, size_t cap, const char *label, const char *unit)
{
    if (!buf || cap == 0 || !label) return WD_EUSAGE;
    char text[400];
    if (unit && *unit && !strstr(label, unit))
        snprintf(text, sizeof text, "%s (%s)", label, unit);
    else
        snprintf(text, sizeof text, "%s", label);
    return put(buf, cap, text);
}

static int days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

int wd_text_fmt_date(char *buf, size_t cap, int year, int month, int day)
{
    if (!buf || cap == 0 || month < 1 || month > 12 || day < 1 ||
        day > days_in_month(year, month) || year < 1 || year > 9999)
        return WD_EUSAGE;
    char text[40];
    snprintf(text, sizeof text, "%d %s %d", day, month_names[month - 1], year);
    return put(buf, cap, text);
}

int wd_text_fmt_today(char *buf, size_t cap)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    return wd_text_fmt_date(buf, cap, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int wd_text_parse_date(const char *s, int *year, int *month, int *day)
{
    if (!s || !year || !month || !day) return WD_EPARSE;
    char name[16];
    int d, y, used = 0;
    if (sscanf(s, " %d %15s %d%n", &d, name, &y, &used) != 3) return WD_EPARSE;
    while (s[used] && isspace((unsigned char)s[used]))
        used++;
    if (s[used]) return WD_EPARSE;
    for (int m = 0; m < 12; m++) {
        if (strcasecmp(name, month_names[m]) == 0) {
            if (y < 1 || y > 9999 || d < 1 || d > days_in_month(y, m + 1)) return WD_EPARSE;
            *year = y;
            *month = m + 1;
            *day = d;
            return 0;
        }
    }
    return WD_EPARSE;
}
