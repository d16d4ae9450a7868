/* Region boundaries as data: rings of lon/lat points and bounding boxes.
 *
 * The store keeps each region's boundary as a GeoJSON geometry (Polygon or MultiPolygon, CRS84
 * lon/lat) per boundary year. wd_geo reads the boundaries of the loaded regions once per
 * batch (read-only, one query) and keeps them as flat arrays of rings, so that every map of
 * every profile of the gemeente draws from memory, and an export can write them without
 * knowing pictures. Drawing maps is plots' (plots/wd_chart.h). */
#ifndef WD_GEO_H
#define WD_GEO_H

#include "engine/wd_dataset.h"
#include "engine/wd_error.h"
#include "engine/wd_store.h"

#include <stddef.h>

typedef struct {
    double lon, lat;
} wd_geo_point;

/* One region's boundary: rings first_ring .. first_ring + n_rings - 1 (outer rings and holes
 * alike: maps fill them with the even-odd rule; ring_outer tells an export which ring starts
 * a polygon), and its bounding box. */
typedef struct {
    char code[WD_CODE_MAX];
    int year; /* boundary year */
    size_t first_ring, n_rings;
    double lon0, lat0, lon1, lat1;
} wd_geo_shape;

typedef struct {
    size_t n_shapes, cap_shapes;
    wd_geo_shape *shapes;
    size_t n_rings, cap_rings;
    size_t *ring_start;        /* index of each ring's first point */
    size_t *ring_len;          /* points of each ring */
    unsigned char *ring_outer; /* 1: the ring is a polygon's exterior, the holes follow it */
    size_t n_points, cap_points;
    wd_geo_point *points;
} wd_geo;

/* Load the boundaries of every region of `ds` that has one, each from the latest boundary
 * year up to `year` (the year of the data shown; a region with only later boundaries gets
 * its earliest; year 0: every boundary year of each region, in year order). Only the
 * regions of `ds` are read from the store. new — free with wd_geo_free(). A geometry that
 * is not valid GeoJSON is WD_EPARSE naming the region and year. An empty result is not an
 * error. */
int wd_geo_load(wd_geo **out, wd_store *store, const wd_dataset *ds, int year, wd_error *err);

/* An empty set, to fill with wd_geo_add. new — free with wd_geo_free(); NULL when out of
 * memory. */
wd_geo *wd_geo_new(void);
void wd_geo_free(wd_geo *g);

/* Parse `len` bytes of a GeoJSON Polygon or MultiPolygon (not necessarily NUL-terminated) and
 * add it as the boundary of `code` in `year`. On failure nothing is added: WD_EPARSE with a
 * message naming the code and what is wrong, WD_ENOMEM. */
int wd_geo_add(wd_geo *g, const char *code, int year, const char *json, size_t len, wd_error *err);

/* Twice the signed area of ring `ring` in degrees squared (shoelace): positive when the ring
 * runs counterclockwise, as RFC 7946 wants an exterior ring, negative when clockwise. */
double wd_geo_ring_area2(const wd_geo *g, size_t ring);

/* Index of the shape of `code`, or -1. */
int wd_geo_find(const wd_geo *g, const char *code);

#endif
