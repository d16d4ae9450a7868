/* Implementation of wd_gpkg.h: one SQLite connection to the new file, one transaction, one
 * prepared INSERT per layer, the geometry blob built in a buffer that grows. */
#include "engine/wd_gpkg.h"

#include "engine/wd_rd.h"

#include <math.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GPKG_SRS 28992

/* application_id 0x47504B47 ("GPKG"), user_version 10300 (GeoPackage 1.3.0). */
static const char schema[] =
    "PRAGMA application_id = 1196444487; PRAGMA user_version = 10300;"
    "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY"
    " KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition"
    " TEXT NOT NULL, description TEXT);"
    "CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,"
    " identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT"
    " (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y"
    " DOUBLE, srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES"
    " gpkg_spatial_ref_sys(srs_id));"
    "CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,"
    " geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT"
    " NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT"
    " uk_gc_table_name UNIQUE (table_name), CONSTRAINT fk_gc_tn FOREIGN KEY (table_name)"
    " REFERENCES gpkg_contents(table_name), CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES"
    " gpkg_spatial_ref_sys (srs_id));"
    "INSERT INTO gpkg_spatial_ref_sys VALUES"
    " ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined',"
    " 'undefined cartesian coordinate reference system'),"
    " ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined',"
    " 'undefined geographic coordinate reference system'),"
    " ('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID["
    "\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],"
    "PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,"
    "AUTHORITY[\"EPSG\",\"9122\"]],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY["
    "\"EPSG\",\"4326\"]]', 'longitude/latitude coordinates in decimal degrees on the WGS 84"
    " spheroid'),"
    " ('Amersfoort / RD New', 28992, 'EPSG', 28992, 'PROJCS[\"Amersfoort / RD New\",GEOGCS["
    "\"Amersfoort\",DATUM[\"Amersfoort\",SPHEROID[\"Bessel 1841\",6377397.155,299.1528128,"
    "AUTHORITY[\"EPSG\",\"7004\"]],AUTHORITY[\"EPSG\",\"6289\"]],PRIMEM[\"Greenwich\",0,"
    "AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\","
    "\"9122\"]],AUTHORITY[\"EPSG\",\"4289\"]],PROJECTION[\"Oblique_Stereographic\"],PARAMETER["
    "\"latitude_of_origin\",52.1561605555556],PARAMETER[\"central_meridian\",5.38763888888889],"
    "PARAMETER[\"scale_factor\",0.9999079],PARAMETER[\"false_easting\",155000],PARAMETER["
    "\"false_northing\",463000],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AXIS[\"Easting\","
    "EAST],AXIS[\"Northing\",NORTH],AUTHORITY[\"EPSG\",\"28992\"]]',"
    " 'Rijksdriehoeksstelsel, as PDOK publishes the CBS wijk- en buurtkaart');";

static const char *const layer_names[] = {NULL, "gemeenten", "wijken", "buurten"};
static const char *const layer_titles[] = {NULL, "Gemeenten", "Wijken", "Buurten"};

typedef struct {
    sqlite3 *db;
    sqlite3_stmt *ins[4]; /* per wd_level; NULL until its first row */
    double box[4][4];     /* per level: min_x, min_y, max_x, max_y */
    unsigned char *blob;
    size_t len, cap;
} gpkg_state;

/* SQLite's error `msg` in `what`; a failed write (a full disk, a file-size limit) with its
 * cause in Dutch first. */
static int sql_fail(gpkg_state *g, wd_error *err, const char *what, const char *msg)
{
    int primary = sqlite3_errcode(g->db) & 0xff, sys = sqlite3_system_errno(g->db);
    if (primary != SQLITE_IOERR && primary != SQLITE_FULL && primary != SQLITE_CANTOPEN)
        return wd_error_set(err, WD_ESTORE, "GeoPackage: %s: %s", what, msg);
    if (!sys) /* a write cut short leaves no errno: the atomic writer finds the cause */
        return wd_error_set(err, WD_EIO, "GeoPackage: %s (SQLite: %s)", what, msg);
    char why[192];
    wd_error_errno_text(why, sizeof why, sys);
    wd_error_set(err, WD_EIO, "GeoPackage: %s: %s (SQLite: %s)", what, why, msg);
    if (err) err->errnum = sys;
    return WD_EIO;
}

static int sql_error(gpkg_state *g, wd_error *err, const char *what)
{
    return sql_fail(g, err, what, sqlite3_errmsg(g->db));
}

static int exec(gpkg_state *g, const char *sql, wd_error *err, const char *what)
{
    char *msg = NULL;
    if (sqlite3_exec(g->db, sql, NULL, NULL, &msg) == SQLITE_OK) return 0;
    int rc = sql_fail(g, err, what, msg ? msg : "?");
    sqlite3_free(msg);
    return rc;
}

static int gpkg_open(void **state, const wd_table *t, const wd_table_options *o, FILE *f,
                     const char *path, wd_error *err)
{
    (void)t;
    (void)f;
    gpkg_state *g = calloc(1, sizeof *g);
    if (!g) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de GeoPackage");
    (void)o;
    *state = g;
    if (sqlite3_open_v2(path, &g->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK)
        return sql_error(g, err, "openen");
    /* The file is new and is thrown away on any error: no journal, no syncs on the way (the
     * atomic writer syncs the finished file). */
    int rc = exec(g, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN", err, "openen");
    return rc ? rc : exec(g, schema, err, "schema");
}

/* Creates the layer of `level` and prepares its INSERT. */
static int create_layer(gpkg_state *g, const wd_table *t, wd_level level, int year, wd_error *err)
{
    const char *name = layer_names[level];
    size_t cap = 256 + t->n_cols * (WD_TABLE_NAME_MAX + 16);
    char *ddl = malloc(cap), *ins = malloc(cap);
    int rc = ddl && ins ? 0 : wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de GeoPackage");
    if (!rc) {
        size_t a = (size_t)snprintf(ddl, cap,
                                    "CREATE TABLE \"%s\" (fid INTEGER PRIMARY KEY AUTOINCREMENT"
                                    " NOT NULL, geom MULTIPOLYGON",
                                    name);
        size_t b = (size_t)snprintf(ins, cap, "INSERT INTO \"%s\" (geom", name);
        for (size_t k = 0; k < t->n_cols; k++) {
            const wd_table_col *c = &t->cols[k];
            int integer = c->part == WD_TABLE_YEAR || c->part == WD_TABLE_VALUE_YEAR;
            a += (size_t)snprintf(ddl + a, cap - a, ", \"%s\" %s", c->name,
                                  !c->number ? "TEXT"
                                  : integer  ? "INTEGER"
                                             : "REAL");
            b += (size_t)snprintf(ins + b, cap - b, ", \"%s\"", c->name);
        }
        snprintf(ddl + a, cap - a, ")");
        b += (size_t)snprintf(ins + b, cap - b, ") VALUES (?");
        for (size_t k = 0; k < t->n_cols; k++)
            b += (size_t)snprintf(ins + b, cap - b, ", ?");
        snprintf(ins + b, cap - b, ")");
        rc = exec(g, ddl, err, "laag maken");
    }
    if (!rc) {
        char about[128];
        snprintf(about, sizeof about, "wijkdata-export: indicatoren per %s, grenzen van %d",
                 wd_level_name(level), year);
        char *meta = sqlite3_mprintf(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)"
            " VALUES (%Q, 'features', %Q, %Q, %d); INSERT INTO gpkg_geometry_columns VALUES"
            " (%Q, 'geom', 'MULTIPOLYGON', %d, 0, 0)",
            name, layer_titles[level], about, GPKG_SRS, name, GPKG_SRS);
        rc = meta ? exec(g, meta, err, "gpkg_contents")
                  : wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de GeoPackage");
        sqlite3_free(meta);
    }
    if (!rc && sqlite3_prepare_v2(g->db, ins, -1, &g->ins[level], NULL) != SQLITE_OK)
        rc = sql_error(g, err, "invoegen");
    g->box[level][0] = g->box[level][1] = INFINITY;
    g->box[level][2] = g->box[level][3] = -INFINITY;
    free(ddl);
    free(ins);
    return rc;
}

static int reserve(gpkg_state *g, size_t more)
{
    if (g->len + more <= g->cap) return 0;
    size_t cap = g->cap ? g->cap : 4096;
    while (cap < g->len + more)
        cap *= 2;
    void *p = realloc(g->blob, cap);
    if (!p) return WD_ENOMEM;
    g->blob = p;
    g->cap = cap;
    return 0;
}

static void put_u32(gpkg_state *g, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        g->blob[g->len++] = (unsigned char)(v >> (8 * i));
}

static void put_f64(gpkg_state *g, double d)
{
    uint64_t v;
    memcpy(&v, &d, sizeof v);
    for (int i = 0; i < 8; i++)
        g->blob[g->len++] = (unsigned char)(v >> (8 * i));
}

static void set_f64(unsigned char *p, double d)
{
    uint64_t v;
    memcpy(&v, &d, sizeof v);
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

/* The GeoPackageBinary of shape `shape`: header with envelope, then a WKB MultiPolygon in RD
 * New. Widens `box` (min_x, min_y, max_x, max_y). */
static int encode(gpkg_state *g, const wd_geo *geo, int shape, double *box)
{
    const wd_geo_shape *s = &geo->shapes[shape];
    size_t polygons = 0, points = 0;
    for (size_t k = s->first_ring; k < s->first_ring + s->n_rings; k++) {
        polygons += geo->ring_outer[k];
        points += geo->ring_len[k];
    }
    g->len = 0;
    if (reserve(g, 40 + 9 + polygons * 9 + s->n_rings * 4 + points * 16)) return WD_ENOMEM;
    g->blob[g->len++] = 'G';
    g->blob[g->len++] = 'P';
    g->blob[g->len++] = 0;    /* version 1 */
    g->blob[g->len++] = 0x03; /* little-endian, envelope [minx, maxx, miny, maxy] */
    put_u32(g, GPKG_SRS);
    size_t envelope = g->len;
    g->len += 32;
    g->blob[g->len++] = 1; /* WKB little-endian */
    put_u32(g, 6);         /* MultiPolygon */
    put_u32(g, (uint32_t)polygons);
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (size_t k = s->first_ring; k < s->first_ring + s->n_rings; k++) {
        if (geo->ring_outer[k]) {
            size_t holes = 0;
            for (size_t h = k + 1; h < s->first_ring + s->n_rings && !geo->ring_outer[h]; h++)
                holes++;
            g->blob[g->len++] = 1;
            put_u32(g, 3); /* Polygon */
            put_u32(g, (uint32_t)(1 + holes));
        }
        const wd_geo_point *p = &geo->points[geo->ring_start[k]];
        size_t n = geo->ring_len[k];
        /* Exterior counterclockwise, holes clockwise; RD keeps the sense of lon/lat. */
        int reverse = (wd_geo_ring_area2(geo, k) > 0) != (geo->ring_outer[k] != 0);
        put_u32(g, (uint32_t)n);
        for (size_t i = 0; i < n; i++) {
            const wd_geo_point *q = &p[reverse ? n - 1 - i : i];
            double x, y;
            wd_rd_from_wgs84(q->lon, q->lat, &x, &y);
            put_f64(g, x);
            put_f64(g, y);
            x0 = fmin(x0, x);
            x1 = fmax(x1, x);
            y0 = fmin(y0, y);
            y1 = fmax(y1, y);
        }
    }
    set_f64(g->blob + envelope, x0);
    set_f64(g->blob + envelope + 8, x1);
    set_f64(g->blob + envelope + 16, y0);
    set_f64(g->blob + envelope + 24, y1);
    box[0] = fmin(box[0], x0);
    box[1] = fmin(box[1], y0);
    box[2] = fmax(box[2], x1);
    box[3] = fmax(box[3], y1);
    return 0;
}

static int gpkg_row(void *state, const wd_table *t, const wd_table_row *row, const wd_geo *geo,
                    int shape, wd_error *err)
{
    gpkg_state *g = state;
    wd_level level = row->level;
    if (level < WD_LEVEL_GEMEENTE || level > WD_LEVEL_BUURT) return 0;
    int rc = g->ins[level] ? 0 : create_layer(g, t, level, row->boundary_year, err);
    if (rc) return rc;
    sqlite3_stmt *q = g->ins[level];
    sqlite3_reset(q);
    if (shape < 0) {
        sqlite3_bind_null(q, 1);
    } else {
        if (encode(g, geo, shape, g->box[level]))
            return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de grens van %s",
                                row->region->code);
        sqlite3_bind_blob(q, 1, g->blob, (int)g->len, SQLITE_STATIC);
    }
    for (size_t k = 0; k < t->n_cols; k++) {
        const wd_table_col *c = &t->cols[k];
        int i = (int)k + 2;
        if (!c->number)
            sqlite3_bind_text(q, i, row->text[k], -1, SQLITE_STATIC);
        else if (!isfinite(row->num[k]))
            sqlite3_bind_null(q, i);
        else if (c->part == WD_TABLE_YEAR || c->part == WD_TABLE_VALUE_YEAR)
            sqlite3_bind_int(q, i, (int)row->num[k]);
        else
            sqlite3_bind_double(q, i, row->num[k]);
    }
    if (sqlite3_step(q) != SQLITE_DONE) return sql_error(g, err, row->region->code);
    return 0;
}

static int gpkg_close(void *state, const wd_table *t, int commit, wd_error *err)
{
    gpkg_state *g = state;
    (void)t;
    int rc = 0;
    for (int level = WD_LEVEL_GEMEENTE; commit && !rc && level <= WD_LEVEL_BUURT; level++) {
        if (!g->ins[level] || !isfinite(g->box[level][0])) continue;
        char *sql = sqlite3_mprintf("UPDATE gpkg_contents SET min_x = %.17g, min_y = %.17g, max_x"
                                    " = %.17g, max_y = %.17g WHERE table_name = %Q",
                                    g->box[level][0], g->box[level][1], g->box[level][2],
                                    g->box[level][3], layer_names[level]);
        rc = sql ? exec(g, sql, err, "gpkg_contents")
                 : wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de GeoPackage");
        sqlite3_free(sql);
    }
    for (int level = 0; level < 4; level++)
        sqlite3_finalize(g->ins[level]);
    if (commit && !rc) rc = exec(g, "COMMIT", err, "opslaan");
    if (g->db && sqlite3_close(g->db) != SQLITE_OK && commit && !rc)
        rc = sql_error(g, err, "sluiten");
    free(g->blob);
    free(g);
    return rc;
}

const wd_table_sink wd_gpkg_sink = {"gpkg", "gpkg", 1, 1, gpkg_open, gpkg_row, gpkg_close};
