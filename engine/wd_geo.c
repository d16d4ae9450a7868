/* Implementation of wd_geo.h: the stored boundaries (one query of the store) parsed as GeoJSON
 * through jansson. */
#include "engine/wd_geo.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A PDOK buurt has a few hundred to a few thousand vertices; the cap keeps a corrupt store
 * from exhausting memory. */
#define GEO_MAX_POINTS 50000000u

wd_geo *wd_geo_new(void)
{
    return calloc(1, sizeof(wd_geo));
}

void wd_geo_free(wd_geo *g)
{
    if (!g) return;
    free(g->shapes);
    free(g->ring_start);
    free(g->ring_len);
    free(g->ring_outer);
    free(g->points);
    free(g);
}

/* Grows *items (of `size` bytes each) to hold `need`; 0 or WD_ENOMEM. */
static int reserve(void **items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return 0;
    size_t ncap = *cap ? *cap : 64;
    while (ncap < need)
        ncap *= 2;
    void *p = realloc(*items, ncap * size);
    if (!p) return WD_ENOMEM;
    *items = p;
    *cap = ncap;
    return 0;
}

/* Room for one more ring of n points: ring_start, ring_outer and ring_len grow together from
 * the same capacity. */
static int reserve_ring(wd_geo *g, size_t n)
{
    size_t cap_start = g->cap_rings, cap_outer = g->cap_rings;
    return reserve((void **)&g->points, &g->cap_points, g->n_points + n, sizeof *g->points) ||
                   reserve((void **)&g->ring_start, &cap_start, g->n_rings + 1,
                           sizeof *g->ring_start) ||
                   reserve((void **)&g->ring_outer, &cap_outer, g->n_rings + 1,
                           sizeof *g->ring_outer) ||
                   reserve((void **)&g->ring_len, &g->cap_rings, g->n_rings + 1,
                           sizeof *g->ring_len)
               ? WD_ENOMEM
               : 0;
}

/* Appends one ring (a JSON array of [lon, lat] positions). */
static int add_ring(wd_geo *g, wd_geo_shape *s, const json_t *ring, int outer, const char *code,
                    wd_error *err)
{
    size_t n = json_is_array(ring) ? json_array_size(ring) : 0;
    if (n < 4)
        return wd_error_set(err, WD_EPARSE, "geometrie van %s: een ring vraagt minstens 4 posities",
                            code);
    if (g->n_points + n > GEO_MAX_POINTS)
        return wd_error_set(err, WD_ENOMEM, "geometrie van %s: meer dan %u punten", code,
                            GEO_MAX_POINTS);
    if (reserve_ring(g, n))
        return wd_error_set(err, WD_ENOMEM, "geometrie van %s: geen geheugen meer", code);
    for (size_t i = 0; i < n; i++) {
        const json_t *pos = json_array_get(ring, i);
        const json_t *x = json_array_get(pos, 0), *y = json_array_get(pos, 1);
        if (!json_is_number(x) || !json_is_number(y))
            return wd_error_set(err, WD_EPARSE,
                                "geometrie van %s: positie %zu is geen [lon, lat] van getallen",
                                code, i);
        double lon = json_number_value(x), lat = json_number_value(y);
        if (!(fabs(lon) <= 180) || !(fabs(lat) <= 90))
            return wd_error_set(err, WD_EPARSE,
                                "geometrie van %s: positie %zu ligt buiten lon/lat (CRS84)", code,
                                i);
        g->points[g->n_points + i] = (wd_geo_point){lon, lat};
        s->lon0 = fmin(s->lon0, lon);
        s->lon1 = fmax(s->lon1, lon);
        s->lat0 = fmin(s->lat0, lat);
        s->lat1 = fmax(s->lat1, lat);
    }
    g->ring_start[g->n_rings] = g->n_points;
    g->ring_len[g->n_rings] = n;
    g->ring_outer[g->n_rings] = (unsigned char)outer;
    g->n_rings++;
    g->n_points += n;
    s->n_rings++;
    return 0;
}

static int add_polygon(wd_geo *g, wd_geo_shape *s, const json_t *poly, const char *code,
                       wd_error *err)
{
    if (!json_is_array(poly) || json_array_size(poly) == 0)
        return wd_error_set(err, WD_EPARSE,
                            "geometrie van %s: een polygoon vraagt minstens een ring", code);
    for (size_t i = 0; i < json_array_size(poly); i++) {
        int rc = add_ring(g, s, json_array_get(poly, i), i == 0, code, err);
        if (rc) return rc;
    }
    return 0;
}

int wd_geo_add(wd_geo *g, const char *code, int year, const char *json, size_t len, wd_error *err)
{
    if (!g || !code || !json) return wd_error_set(err, WD_EUSAGE, "wd_geo_add: argument NULL");
    json_error_t jerr;
    json_t *root = json_loadb(json, len, 0, &jerr);
    if (!root)
        return wd_error_set(err, WD_EPARSE, "geometrie van %s (%d): regel %d, kolom %d: %s", code,
                            year, jerr.line, jerr.column, jerr.text);
    /* Rolled back on failure, so that a bad geometry adds nothing. */
    size_t rings0 = g->n_rings, points0 = g->n_points;
    wd_geo_shape s = {.year = year, .first_ring = g->n_rings};
    snprintf(s.code, sizeof s.code, "%s", code);
    s.lon0 = s.lat0 = INFINITY;
    s.lon1 = s.lat1 = -INFINITY;
    const char *type = json_string_value(json_object_get(root, "type"));
    const json_t *coords = json_object_get(root, "coordinates");
    int rc = 0;
    if (type && strcmp(type, "Polygon") == 0) {
        rc = add_polygon(g, &s, coords, code, err);
    } else if (type && strcmp(type, "MultiPolygon") == 0 && json_is_array(coords) &&
               json_array_size(coords) > 0) {
        for (size_t i = 0; !rc && i < json_array_size(coords); i++)
            rc = add_polygon(g, &s, json_array_get(coords, i), code, err);
    } else {
        rc = wd_error_set(err, WD_EPARSE,
                          "geometrie van %s (%d): verwacht een Polygon of MultiPolygon met "
                          "coordinates, niet %s",
                          code, year, type ? type : "een object zonder type");
    }
    if (!rc && reserve((void **)&g->shapes, &g->cap_shapes, g->n_shapes + 1, sizeof *g->shapes))
        rc = wd_error_set(err, WD_ENOMEM, "geometrie van %s: geen geheugen meer", code);
    if (rc) {
        g->n_rings = rings0;
        g->n_points = points0;
    } else {
        g->shapes[g->n_shapes++] = s;
    }
    json_decref(root);
    return rc;
}

double wd_geo_ring_area2(const wd_geo *g, size_t ring)
{
    const wd_geo_point *p = &g->points[g->ring_start[ring]];
    size_t n = g->ring_len[ring];
    double a = 0;
    /* Relative to the first point, so that lon/lat of some 5 and 52 degrees lose no digits. */
    for (size_t i = 1; i + 1 < n; i++)
        a += (p[i].lon - p[0].lon) * (p[i + 1].lat - p[0].lat) -
             (p[i + 1].lon - p[0].lon) * (p[i].lat - p[0].lat);
    return a;
}

int wd_geo_find(const wd_geo *g, const char *code)
{
    for (size_t i = 0; g && i < g->n_shapes; i++)
        if (strcmp(g->shapes[i].code, code) == 0) return (int)i;
    return -1;
}

/* Per boundary read: kept when its region is loaded. */
typedef struct {
    wd_geo *g;
    const wd_dataset *ds;
    wd_error *err;
} geo_reader;

static int add_loaded(const char *code, int year, const char *json, size_t len, void *ctx)
{
    geo_reader *r = ctx;
    if (wd_dataset_region(r->ds, code) < 0) return 0;
    return wd_geo_add(r->g, code, year, json, len, r->err);
}

/* The shape of werkgebied index w: its members' rings together (not dissolved: a map outlines
 * every member), in the boundary year of its first member that has one. */
static int add_werkgebied(wd_geo *g, const wd_dataset *ds, size_t w)
{
    size_t n_m;
    const wd_dataset_member *m = wd_dataset_members(ds, w, &n_m);
    wd_geo_shape s = {.first_ring = g->n_rings,
                      .lon0 = HUGE_VAL,
                      .lat0 = HUGE_VAL,
                      .lon1 = -HUGE_VAL,
                      .lat1 = -HUGE_VAL};
    snprintf(s.code, sizeof s.code, "%s", ds->regions[w].code);
    for (size_t k = 0; k < n_m; k++) {
        int at = wd_geo_find(g, ds->regions[m[k].region].code);
        if (at < 0) continue;
        const wd_geo_shape part = g->shapes[at];
        if (!s.year) s.year = part.year;
        for (size_t ring = part.first_ring; ring < part.first_ring + part.n_rings; ring++) {
            size_t len = g->ring_len[ring], from = g->ring_start[ring];
            if (reserve_ring(g, len)) return WD_ENOMEM;
            memcpy(&g->points[g->n_points], &g->points[from], len * sizeof *g->points);
            g->ring_start[g->n_rings] = g->n_points;
            g->ring_len[g->n_rings] = len;
            g->ring_outer[g->n_rings++] = g->ring_outer[ring];
            g->n_points += len;
            s.n_rings++;
        }
        s.lon0 = fmin(s.lon0, part.lon0);
        s.lat0 = fmin(s.lat0, part.lat0);
        s.lon1 = fmax(s.lon1, part.lon1);
        s.lat1 = fmax(s.lat1, part.lat1);
    }
    if (s.n_rings == 0) return 0;
    if (reserve((void **)&g->shapes, &g->cap_shapes, g->n_shapes + 1, sizeof *g->shapes))
        return WD_ENOMEM;
    g->shapes[g->n_shapes++] = s;
    return 0;
}

int wd_geo_load(wd_geo **out, wd_store *store, const wd_dataset *ds, int year, wd_error *err)
{
    geo_reader r = {wd_geo_new(), ds, err};
    int rc =
        r.g ? wd_store_each_geometry(store, ds->regions, ds->n_regions, year, add_loaded, &r, err)
            : wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de geometrieën");
    /* One year's boundaries (not every year's) give a werkgebied its shape. */
    for (size_t k = 0; !rc && year > 0 && k < ds->n_members;) {
        size_t n_m;
        wd_dataset_members(ds, (size_t)ds->members[k].werkgebied, &n_m);
        if (add_werkgebied(r.g, ds, (size_t)ds->members[k].werkgebied))
            rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de geometrieën");
        k += n_m;
    }
    if (rc) {
        wd_geo_free(r.g);
        return rc;
    }
    *out = r.g;
    return 0;
}
