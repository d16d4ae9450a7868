/* Choropleth maps of the areas around a region, from the boundaries of engine/wd_geo.h, with
 * quantile classes in lightness steps of one hue. */
#ifndef WD_CHART_MAP_H
#define WD_CHART_MAP_H

#include "engine/wd_geo.h"
#include "plots/wd_chart.h"

#define WD_CHART_MAX_MAPS 4
#define WD_CHART_MAX_AREAS 600
#define WD_CHART_MAP_MAX_LABELS 15

/* Choropleth maps: the same areas (the buurten or wijken around the region) coloured by up to
 * four indicators. `geo` is borrowed and must outlive the profile. */
typedef struct {
    const wd_geo *geo; /* NULL: no boundaries in the store */
    int n_areas;
    int shape[WD_CHART_MAX_AREAS]; /* index into geo->shapes of each area */
    /* Names written on the map when there are at most WD_CHART_MAP_MAX_LABELS areas (wijken of a
     * gemeente), so that the map and the table beside it can be read together. */
    char area_name[WD_CHART_MAX_AREAS][48];
    int highlight; /* geo shape outlined (the region itself), -1 none */
    int n_context; /* shapes drawn as grey borders for orientation (wijken) */
    int context[WD_CHART_MAX_AREAS / 4];
    char highlight_name[160]; /* legend of the outline: "buurt Molenbuurt" */
    char scope[160];          /* "buurten van gemeente Voorbeeldstad" */
    int boundary_year;        /* year of the boundaries, 0 if unknown */
    int data_year;
    int n_maps;
    struct {
        char title[96];
        char unit[24];
        int decimals;
        double value[WD_CHART_MAX_AREAS]; /* NAN = geen gegevens */
    } maps[WD_CHART_MAX_MAPS];
    char source[160];
} wd_map_chart;

/* Classes of a choropleth map: five steps of one blue hue, light to dark, each at least 14 L*
 * apart (and the lightest 9 L* from white paper) so that they stay apart on a black-and-white
 * print; no red-green contrast anywhere. */
#define WD_CHART_MAP_CLASSES 5
extern const wd_rgb wd_chart_map_colours[WD_CHART_MAP_CLASSES];

/* Class boundaries of a map: up to `max_classes` (<= WD_CHART_MAP_CLASSES) classes holding about
 * equal numbers of the finite values (quantiles), boundaries rounded to `decimals` so that
 * the legend reads exactly what is classified. breaks[0] is the minimum, breaks[k] the
 * maximum; class i holds values in [breaks[i], breaks[i + 1]) (the last one closed). Returns
 * the number of classes k (fewer when values repeat), 0 when no value is finite. */
int wd_chart_map_breaks(const double *values, int n, int decimals, int max_classes, double *breaks);

/* Class of `v` for breaks from wd_chart_map_breaks, -1 for a missing value. */
int wd_chart_map_class(double v, const double *breaks, int n_classes);

/* Where the maps put a point: lon/lat projected equirectangularly with the longitude scaled by
 * cos(latitude) of the map's centre (true to shape at the scale of a gemeente), fitted into a
 * box. Made by wd_chart_map_frame; the same frame for a map drawn on cairo and for an outline
 * written by hand (the links of a web map). */
typedef struct {
    double lon0, lat1; /* west and north edge of what is mapped */
    double kx;         /* cos(latitude) of the centre */
    double scale;      /* points per degree of latitude */
    double ox, oy;     /* where (lon0, lat1) lands */
} wd_map_frame;

/* The frame that fits the lon/lat box (lon0 .. lon1, lat0 .. lat1) into (x, y, w, h): as
 * large as fits, centred across, at the top. -1 for an empty box or one that is not finite. */
int wd_chart_map_frame(wd_map_frame *f, double lon0, double lat0, double lon1, double lat1,
                       double x, double y, double w, double h);

/* Where (lon, lat) lands in frame f. */
static inline void wd_chart_map_point(const wd_map_frame *f, double lon, double lat, double *px,
                                      double *py)
{
    *px = f->ox + (lon - f->lon0) * f->kx * f->scale;
    *py = f->oy + (f->lat1 - lat) * f->scale;
}

/* The points of ring `ring` of g as drawn in frame f, at the resolution of the page: the
 * first, then each that lies at least 0.1 unit (a tenth of a point, of a pixel on the web)
 * from the last one given, and the last. A PDOK boundary of thousands of points would
 * otherwise put each of them in the PDF, most on top of each other: that costs time and
 * memory (a gemeente of ten million positions, 26 minutes for its profiles) and shows nothing.
 * put(ctx, first, x, y) gets each point, `first` set for the first. */
void wd_chart_map_ring(const wd_map_frame *f, const wd_geo *g, size_t ring,
                       void (*put)(void *ctx, int first, double x, double y), void *ctx);

/* The lines maps share (the boundaries of the areas, the wijk borders, the region's outline):
 * drawn once, then painted under each map, so that a PDF holds them once instead of once per
 * map. Zero-initialise; free with wd_chart_map_lines_free. */
typedef struct {
    cairo_surface_t *rec; /* the lines of the maps of `m` in boxes of w x h, at (0, 0) */
    const wd_map_chart *m;
    double w, h;
} wd_map_lines;

void wd_chart_map_lines_free(wd_map_lines *lines);

/* Choropleth map `k` of m: the areas filled by class (missing values hatched and labelled
 * "geen gegevens" in the legend), the highlighted shape outlined in black, a title and a
 * legend with the class ranges below the map, projected by wd_chart_map_frame. Every map of m
 * keeps room for the tallest title and the longest legend of them all, so that in boxes of
 * one size they have one frame. `lines`, when not NULL, holds the lines of the maps drawn
 * with it (boxes of one size, one document); NULL draws them on the map alone. Same returns
 * as wd_chart_bars; a map without boundaries says so in its box. */
int wd_chart_map(cairo_t *cr, const wd_map_chart *m, int k, double x, double y, double w, double h,
                 wd_map_lines *lines);

#endif
