/* Implementation of wd_geojson.h, streamed row by row through wd_out. */
#include "engine/wd_geojson.h"

#include "engine/wd_out.h"

#include <math.h>
#include <stdlib.h>

typedef struct {
    wd_out out;
    size_t features;
} geojson_state;

static int geojson_open(void **state, const wd_table *t, const wd_table_options *o, FILE *f,
                        const char *path, wd_error *err)
{
    (void)t;
    (void)o;
    (void)path;
    geojson_state *g = malloc(sizeof *g);
    if (!g) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de GeoJSON");
    wd_out_init(&g->out, f, ',', '.');
    g->features = 0;
    wd_out_str(&g->out, "{\"type\":\"FeatureCollection\",\"name\":\"wijkdata\",\"features\":[\n");
    *state = g;
    return 0;
}

/* A coordinate to 7 decimals, trailing zeros dropped. */
static void coordinate(wd_out *o, double v)
{
    long long u = llround(fabs(v) * 1e7);
    if (v < 0 && u) wd_out_chr(o, '-');
    wd_out_int(o, (long)(u / 10000000));
    long frac = (long)(u % 10000000);
    if (!frac) return;
    char d[8];
    int n = 7;
    for (int i = 6; i >= 0; i--, frac /= 10)
        d[i] = (char)('0' + frac % 10);
    while (d[n - 1] == '0')
        n--;
    wd_out_chr(o, '.');
    wd_out_mem(o, d, (size_t)n);
}

/* Ring k as a JSON array of positions, turned to run counterclockwise when `ccw` is set and
 * clockwise otherwise. */
static void ring(wd_out *o, const wd_geo *geo, size_t k, int ccw)
{
    const wd_geo_point *p = &geo->points[geo->ring_start[k]];
    size_t n = geo->ring_len[k];
    int reverse = (wd_geo_ring_area2(geo, k) > 0) != ccw;
    wd_out_chr(o, '[');
    for (size_t i = 0; i < n; i++) {
        const wd_geo_point *q = &p[reverse ? n - 1 - i : i];
        if (i) wd_out_chr(o, ',');
        wd_out_chr(o, '[');
        coordinate(o, q->lon);
        wd_out_chr(o, ',');
        coordinate(o, q->lat);
        wd_out_chr(o, ']');
    }
    wd_out_chr(o, ']');
}

static void geometry(wd_out *o, const wd_geo *geo, int shape)
{
    if (shape < 0) {
        wd_out_str(o, "null");
        return;
    }
    const wd_geo_shape *s = &geo->shapes[shape];
    size_t polygons = 0;
    for (size_t k = s->first_ring; k < s->first_ring + s->n_rings; k++)
        polygons += geo->ring_outer[k];
    int multi = polygons > 1;
    wd_out_str(o, multi ? "{\"type\":\"MultiPolygon\",\"coordinates\":["
                        : "{\"type\":\"Polygon\",\"coordinates\":");
    for (size_t k = s->first_ring; k < s->first_ring + s->n_rings; k++) {
        int outer = geo->ring_outer[k];
        if (outer && k > s->first_ring) wd_out_str(o, multi ? "],[" : "],");
        if (outer && k == s->first_ring) wd_out_chr(o, '[');
        if (!outer) wd_out_chr(o, ',');
        ring(o, geo, k, outer);
    }
    wd_out_str(o, multi ? "]]}" : "]}");
}

static int geojson_row(void *state, const wd_table *t, const wd_table_row *row, const wd_geo *geo,
                       int shape, wd_error *err)
{
    geojson_state *g = state;
    wd_out *o = &g->out;
    if (g->features++) wd_out_str(o, ",\n");
    wd_out_str(o, "{\"type\":\"Feature\",\"id\":");
    wd_out_json_string(o, row->region->code);
    wd_out_str(o, ",\"geometry\":");
    geometry(o, geo, shape);
    wd_out_str(o, ",\"properties\":{");
    for (size_t k = 0; k < t->n_cols; k++) {
        if (k) wd_out_chr(o, ',');
        wd_out_json_string(o, t->cols[k].name);
        wd_out_chr(o, ':');
        if (!t->cols[k].number)
            wd_out_json_string(o, row->text[k]);
        else if (isfinite(row->num[k]))
            wd_out_number(o, row->num[k]);
        else
            wd_out_str(o, "null");
    }
    wd_out_str(o, "}}");
    return ferror(o->f) ? wd_error_set(err, WD_EIO, "schrijven van de GeoJSON mislukt") : 0;
}

static int geojson_close(void *state, const wd_table *t, int commit, wd_error *err)
{
    geojson_state *g = state;
    (void)t;
    wd_out_str(&g->out, "\n]}\n");
    wd_out_flush(&g->out);
    int bad = ferror(g->out.f);
    free(g);
    return commit && bad ? wd_error_set(err, WD_EIO, "schrijven van de GeoJSON mislukt") : 0;
}

const wd_table_sink wd_geojson_sink = {"geojson",   "geojson",    0, 1, geojson_open,
                                       geojson_row, geojson_close};
