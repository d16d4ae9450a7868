/* Implementation of wd_geo.h: the stored boundaries (one query of the store) read as GeoJSON
 * with the scanner of wd_json.h, straight into the flat arrays: a tree of jansson values would
 * take some 100 bytes a position, ten times the points themselves. */
#include "engine/wd_geo.h"

#include "engine/wd_json.h"

#include <jansson.h>
#include <math.h>
#include <stdint.h>
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

/* A syntax error of the geometry of `code` at the scanner's position, as jansson's read. */
static int syntax(wd_json *j, const char *code, int year, wd_error *err)
{
    int line, col;
    wd_json_line_col(j->s, j->pos + (j->pos < j->len), &line, &col);
    return wd_error_set(err, WD_EPARSE, "geometrie van %s (%d): regel %d, kolom %d: %s verwacht",
                        code, year, line, col, j->what ? j->what : "geldige JSON");
}

/* Appends one ring (a JSON array of [lon, lat] positions, read in place: no tree of millions
 * of values). A position may have more than two numbers (an altitude); they are skipped. */
static int add_ring(wd_geo *g, wd_geo_shape *s, wd_json *j, int outer, const char *code, int year,
                    wd_error *err)
{
    if (wd_json_peek(j) != '[')
        return wd_error_set(err, WD_EPARSE, "geometrie van %s: een ring vraagt minstens 4 posities",
                            code);
    j->pos++;
    size_t n = 0;
    for (int first = 1, more; (more = wd_json_element(j, &first)) != 0; n++) {
        if (more < 0) return syntax(j, code, year, err);
        double lon, lat;
        int in_pos = 0; /* lon and lat were its first members */
        if (wd_json_take(j, '[') || wd_json_number(j, &lon) || wd_json_take(j, ',') ||
            wd_json_number(j, &lat))
            return wd_error_set(err, WD_EPARSE,
                                "geometrie van %s: positie %zu is geen [lon, lat] van getallen",
                                code, n);
        for (int rest; (rest = wd_json_element(j, &in_pos)) != 0;)
            if (rest < 0 || wd_json_skip(j)) return syntax(j, code, year, err);
        if (!(fabs(lon) <= 180) || !(fabs(lat) <= 90))
            return wd_error_set(err, WD_EPARSE,
                                "geometrie van %s: positie %zu ligt buiten lon/lat (CRS84)", code,
                                n);
        if (g->n_points + n + 1 > GEO_MAX_POINTS)
            return wd_error_set(err, WD_ENOMEM, "geometrie van %s: meer dan %u punten", code,
                                GEO_MAX_POINTS);
        if (reserve((void **)&g->points, &g->cap_points, g->n_points + n + 1, sizeof *g->points))
            return wd_error_set(err, WD_ENOMEM, "geometrie van %s: geen geheugen meer", code);
        g->points[g->n_points + n] = (wd_geo_point){lon, lat};
        s->lon0 = fmin(s->lon0, lon);
        s->lon1 = fmax(s->lon1, lon);
        s->lat0 = fmin(s->lat0, lat);
        s->lat1 = fmax(s->lat1, lat);
    }
    if (n < 4)
        return wd_error_set(err, WD_EPARSE, "geometrie van %s: een ring vraagt minstens 4 posities",
                            code);
    if (reserve_ring(g, n))
        return wd_error_set(err, WD_ENOMEM, "geometrie van %s: geen geheugen meer", code);
    g->ring_start[g->n_rings] = g->n_points;
    g->ring_len[g->n_rings] = n;
    g->ring_outer[g->n_rings] = (unsigned char)outer;
    g->n_rings++;
    g->n_points += n;
    s->n_rings++;
    return 0;
}

static int add_polygon(wd_geo *g, wd_geo_shape *s, wd_json *j, const char *code, int year,
                       wd_error *err)
{
    int first = 1, more;
    if (wd_json_peek(j) != '[' || (j->pos++, (more = wd_json_element(j, &first)) == 0))
        return wd_error_set(err, WD_EPARSE,
                            "geometrie van %s: een polygoon vraagt minstens een ring", code);
    for (int outer = 1; more; outer = 0, more = wd_json_element(j, &first)) {
        if (more < 0) return syntax(j, code, year, err);
        int rc = add_ring(g, s, j, outer, code, year, err);
        if (rc) return rc;
    }
    return 0;
}

/* The members of the geometry object: *type (raw, "" when it is no string) and where the
 * coordinates start (SIZE_MAX when there are none); any other member is checked by jansson,
 * since nothing else reads it. 0 or a syntax error. */
static int geometry_members(wd_json *j, char *type, size_t cap, size_t *coords, const char *code,
                            int year, wd_error *err)
{
    type[0] = '\0';
    *coords = SIZE_MAX;
    if (wd_json_take(j, '{')) return syntax(j, code, year, err);
    const char *key;
    size_t key_len;
    for (int first = 1, more; (more = wd_json_member(j, &first, &key, &key_len)) != 0;) {
        if (more < 0) return syntax(j, code, year, err);
        int is_type = key_len == 4 && memcmp(key, "type", 4) == 0;
        if (is_type && wd_json_peek(j) == '"') {
            const char *t;
            size_t n;
            if (wd_json_string(j, &t, &n)) return syntax(j, code, year, err);
            snprintf(type, cap, "%.*s", (int)n, t);
            continue;
        }
        if (is_type) type[0] = '\0';
        if (key_len == 11 && memcmp(key, "coordinates", 11) == 0) *coords = j->pos;
        size_t from = j->pos;
        if (wd_json_skip(j)) return syntax(j, code, year, err);
        json_error_t jerr;
        json_t *v = *coords == from ? NULL
                                    : json_loadb(j->s + from, j->pos - from, JSON_DECODE_ANY, &jerr);
        if (*coords != from && !v) {
            j->pos = from + (size_t)jerr.position - 1;
            j->what = "geldige JSON";
            return syntax(j, code, year, err);
        }
        json_decref(v);
    }
    return wd_json_at_end(j) ? 0 : (j->what = "het einde", syntax(j, code, year, err));
}

int wd_geo_add(wd_geo *g, const char *code, int year, const char *json, size_t len, wd_error *err)
{
    if (!g || !code || !json) return wd_error_set(err, WD_EUSAGE, "wd_geo_add: argument NULL");
    wd_json j = wd_json_open(json, len);
    char type[32];
    size_t coords;
    int rc = geometry_members(&j, type, sizeof type, &coords, code, year, err);
    if (rc) return rc;
    /* Rolled back on failure, so that a bad geometry adds nothing. */
    size_t rings0 = g->n_rings, points0 = g->n_points;
    wd_geo_shape s = {.year = year, .first_ring = g->n_rings};
    snprintf(s.code, sizeof s.code, "%s", code);
    s.lon0 = s.lat0 = INFINITY;
    s.lon1 = s.lat1 = -INFINITY;
    j.pos = coords == SIZE_MAX ? len : coords;
    int first = 1, more;
    if (strcmp(type, "Polygon") == 0) {
        rc = add_polygon(g, &s, &j, code, year, err);
    } else if (strcmp(type, "MultiPolygon") == 0 && wd_json_peek(&j) == '[' &&
               (j.pos++, (more = wd_json_element(&j, &first)) == 1)) {
        for (; !rc && more; more = wd_json_element(&j, &first))
            rc = more < 0 ? syntax(&j, code, year, err) : add_polygon(g, &s, &j, code, year, err);
    } else {
        rc = wd_error_set(err, WD_EPARSE,
                          "geometrie van %s (%d): verwacht een Polygon of MultiPolygon met "
                          "coordinates, niet %s",
                          code, year, type[0] ? type : "een object zonder type");
    }
    if (!rc && reserve((void **)&g->shapes, &g->cap_shapes, g->n_shapes + 1, sizeof *g->shapes))
        rc = wd_error_set(err, WD_ENOMEM, "geometrie van %s: geen geheugen meer", code);
    if (rc) {
        g->n_rings = rings0;
        g->n_points = points0;
    } else {
        g->shapes[g->n_shapes++] = s;
    }
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
