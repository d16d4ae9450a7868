/* Text on a cairo_t and Dutch formatting of numbers and dates.
 *
 * Everything a profile prints goes through here: one font family, sizes in points (the
 * cairo user unit of a PDF page; image surfaces are scaled by the caller so that one user
 * unit is still one point), never smaller than WD_TEXT_MIN_SIZE, wrapping inside a box and
 * an ellipsis where a line must stay single. The formatting helpers write Dutch notation
 * ("1.234,5", "12,3%", "24 november 2026") and "geen gegevens" for a missing value, never
 * a zero. They are plain functions of their arguments: no locale, no global state. */
#ifndef WD_TEXT_H
#define WD_TEXT_H

#include <cairo.h>
#include <stddef.h>

/* The one font family of all profiles; DejaVu Sans is installed with fontconfig on Debian
 * and has the arrows and dashes the profile uses. */
#define WD_TEXT_FAMILY "DejaVu Sans"
/* Smallest size in points: readable on a photocopy of a photocopy. */
#define WD_TEXT_MIN_SIZE 8.0
/* What a missing value reads as, everywhere. */
#define WD_TEXT_MISSING "geen gegevens"

typedef enum { WD_ALIGN_LEFT = 0, WD_ALIGN_CENTER = 1, WD_ALIGN_RIGHT = 2 } wd_align;

/* How a piece of text is set. Zero-initialised it is 8 pt regular, left aligned, wrapped
 * freely. */
typedef struct {
    double size;    /* points; below WD_TEXT_MIN_SIZE is raised to it */
    int bold;       /* 1: bold */
    wd_align align; /* alignment inside the box width */
    int max_lines;  /* 0: as many lines as needed; n > 0: at most n lines, the last one
                       ellipsized at its end */
} wd_text_style;

/* Draw UTF-8 `text` with its top-left at (x, y), wrapped at word (or, for a word longer
 * than the box, character) boundaries within width `w`, in the current cairo source
 * colour; invalid UTF-8 is drawn as wd_utf8_repair makes it. Returns the height used in
 * points (0 for NULL or empty text). The current point and the rest of the cairo state are
 * left as they were. */
double wd_text_draw(cairo_t *cr, const char *text, const wd_text_style *st, double x, double y,
                    double w);

/* The height wd_text_draw would use, without drawing. */
double wd_text_height(cairo_t *cr, const char *text, const wd_text_style *st, double w);

/* As wd_text_draw and wd_text_height, with the first `lead` bytes of `text` set in bold: a
 * term before its explanation ("Mantelzorgers: aandeel ..."). */
double wd_text_draw_lead(cairo_t *cr, const char *text, size_t lead, const wd_text_style *st,
                         double x, double y, double w);
double wd_text_height_lead(cairo_t *cr, const char *text, size_t lead, const wd_text_style *st,
                           double w);

/* The natural width of `text` on one line (no wrapping), in points. */
double wd_text_width(cairo_t *cr, const char *text, const wd_text_style *st);

/* Release pango's default font map, the font cache pango keeps for the whole process (and
 * whose fontconfig patterns LeakSanitizer would otherwise report). For the end of a program
 * — tests run under LeakSanitizer call it last — and never while another thread draws
 * text; text drawn after it works but loads the fonts again. Cairo's own static font data
 * stays (reachable, not a leak): cairo_debug_reset_static_data() asserts while pango still
 * releases faces. */
void wd_text_release_fonts(void);

/* Dutch number: thousands separated by '.', decimal comma, `decimals` (0..6) digits after
 * it, rounded half away from zero as the value is written ("2.45" -> "2,5"); a minus sign
 * for negative values ("-1.234,5"), no sign for a value that rounds to zero. NAN or an
 * infinity gives "geen gegevens". Writes at most cap bytes including the NUL. Returns 0,
 * WD_EUSAGE for a NULL or zero-size buffer, WD_ENOMEM when the text did not fit (the
 * buffer then holds a truncated, NUL-terminated text). */
int wd_text_fmt_number(char *buf, size_t cap, double value, int decimals);

/* As wd_text_fmt_number, with a leading '+' for values that round to more than zero: for
 * differences and scores ("+0,8", "-1,2", "0,0"). */
int wd_text_fmt_signed(char *buf, size_t cap, double value, int decimals);

/* A percentage: wd_text_fmt_number followed by '%' without a space ("12,3%"). NAN gives
 * "geen gegevens". Same returns as wd_text_fmt_number. */
int wd_text_fmt_percent(char *buf, size_t cap, double value, int decimals);

/* A value with its unit: "%" is attached ("12,3%"), any other non-empty unit follows after
 * a space ("45 per 1.000"); NAN gives "geen gegevens" without unit. Same returns as
 * wd_text_fmt_number. */
int wd_text_fmt_value(char *buf, size_t cap, double value, int decimals, const char *unit);

/* A label with its unit for headings: "Koopwoningen (%)", but "Wmo-cliënten per 1.000
 * inwoners" alone when the label already names its unit, and the label alone without one.
 * Same returns as wd_text_fmt_number. */
int wd_text_fmt_label(char *buf, size_t cap, const char *label, const char *unit);

/* A Dutch date: "24 november 2026" (day without leading zero, month in lower case).
 * Returns 0, WD_EUSAGE for an invalid date or buffer, WD_ENOMEM when it did not fit. */
int wd_text_fmt_date(char *buf, size_t cap, int year, int month, int day);

/* Today's date (local time) as wd_text_fmt_date writes it, as the pages print it. */
int wd_text_fmt_today(char *buf, size_t cap);

/* The inverse of wd_text_fmt_date: reads "24 november 2026" (case-insensitive month name).
 * Returns 0 and fills the three numbers, or WD_EPARSE. */
int wd_text_parse_date(const char *s, int *year, int *month, int *day);

#endif
