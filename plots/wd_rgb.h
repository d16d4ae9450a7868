/* Colours of the profile, for a page that is photocopied in black and white and read by people
 * who do not tell red from green: sRGB values, the fixed palette of text, grid, bars and the two
 * sides of the balance, and the measures that check it (WCAG luminance and contrast, CIE L*
 * lightness). */
#ifndef WD_RGB_H
#define WD_RGB_H

#include <cairo.h>

typedef struct {
    double r, g, b; /* sRGB components, 0..1 */
} wd_rgb;

/* Fixed colours of the profile. */
extern const wd_rgb wd_colour_text;   /* body text, near black */
extern const wd_rgb wd_colour_muted;  /* secondary text, still WCAG AA (>= 4.5:1) on white */
extern const wd_rgb wd_colour_grid;   /* grid and axis lines (no text) */
extern const wd_rgb wd_colour_tint;   /* light background of bands and boxes */
extern const wd_rgb wd_colour_bar;    /* region bars */
extern const wd_rgb wd_colour_ref;    /* reference markers in bar charts */
extern const wd_rgb wd_colour_kracht; /* draagkracht */
extern const wd_rgb wd_colour_last;   /* draaglast */

/* WCAG 2 relative luminance of an sRGB colour, 0 (black) .. 1 (white). */
double wd_rgb_luminance(wd_rgb c);
/* CIE L* lightness (D65) of an sRGB colour, 0 .. 100: how light it prints in greyscale. */
double wd_rgb_lightness(wd_rgb c);
/* WCAG contrast ratio of two colours, 1 .. 21. */
double wd_rgb_contrast(wd_rgb a, wd_rgb b);
/* Set the cairo source colour. */
void wd_rgb_set(cairo_t *cr, wd_rgb c);

#endif
