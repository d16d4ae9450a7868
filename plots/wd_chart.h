/* Small charts for the printable profile, drawn on any cairo_t.
 *
 * In the manner of kplot: each chart family takes a plain data struct of its own (declared
 * beside its drawing function: wd_chart_bars.h, wd_chart_lines.h, wd_chart_balance.h,
 * wd_chart_map.h, wd_chart_dots.h), filled by whoever has the numbers (the profile's fill, a
 * poster, a web page), and only lays out and draws it inside the box it is given (clipped to
 * it), on whatever surface the caller chose — a PDF page or an image surface in a test. User
 * units are points. Missing values (NAN) are never drawn as zero: bars are left out and
 * labelled "geen gegevens", lines get gaps. This header holds what the families share.
 *
 * Profiles are printed on black-and-white printers, so every series differs in more than
 * colour: the palette (wd_rgb.h) is Okabe–Ito (colour-blind safe) with clearly different
 * lightness, lines differ in dash pattern and marker, and the reference in bar charts is a
 * black marker, not a second colour. */
#ifndef WD_CHART_H
#define WD_CHART_H

#include "engine/wd_error.h"
#include "plots/wd_rgb.h"

#include <cairo.h>

/* A count the caller gave, kept within 0 .. max (the room of the arrays it counts). */
static inline int wd_count(int n, int max)
{
    return n < 0 ? 0 : n > max ? max : n;
}

/* Lines of a trend chart: the region, its wijk and its gemeente. */
/* Room for why a value is missing, in words ("niet getoond: de buurtgrens is gewijzigd sinds
 * 2024"), where a chart would say "geen gegevens". */
#define WD_CHART_WHY_MAX 128
#define WD_CHART_MAX_LINES 3
/* Years of a series. */
#define WD_CHART_MAX_YEARS 16

typedef enum { WD_MARKER_CIRCLE = 0, WD_MARKER_SQUARE = 1, WD_MARKER_TRIANGLE = 2 } wd_marker;

/* How one line of a trend chart looks. */
typedef struct {
    wd_rgb colour;
    double width;   /* line width in points */
    double dash_on; /* dash pattern in points; 0 and 0: solid */
    double dash_off;
    wd_marker marker;
    const char *name; /* "doorgetrokken", "gestreept", "gestippeld" */
} wd_line_style;

/* Styles of lines 0, 1, 2 of a trend chart (region, wijk, gemeente): solid blue with
 * circles, dashed orange with squares, dotted near-black with triangles. */
extern const wd_line_style wd_chart_lines[WD_CHART_MAX_LINES];

#endif
