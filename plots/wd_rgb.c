/* Implementation of wd_rgb.h: the palette and the WCAG and CIE formulas. */
#include "plots/wd_rgb.h"

#include <math.h>

const wd_rgb wd_colour_text = {0.102, 0.102, 0.102};
const wd_rgb wd_colour_muted = {0.302, 0.302, 0.302};
const wd_rgb wd_colour_grid = {0.780, 0.780, 0.780};
const wd_rgb wd_colour_tint = {0.933, 0.949, 0.965};
const wd_rgb wd_colour_bar = {0.000, 0.447, 0.698};
const wd_rgb wd_colour_ref = {0.000, 0.000, 0.000};
const wd_rgb wd_colour_kracht = {0.000, 0.447, 0.698};
const wd_rgb wd_colour_last = {0.902, 0.624, 0.000};

static double lin(double c)
{
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double wd_rgb_luminance(wd_rgb c)
{
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

double wd_rgb_lightness(wd_rgb c)
{
    double y = wd_rgb_luminance(c);
    return y > 216.0 / 24389.0 ? 116.0 * cbrt(y) - 16.0 : y * 24389.0 / 27.0;
}

double wd_rgb_contrast(wd_rgb a, wd_rgb b)
{
    double la = wd_rgb_luminance(a), lb = wd_rgb_luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

void wd_rgb_set(cairo_t *cr, wd_rgb c)
{
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}
