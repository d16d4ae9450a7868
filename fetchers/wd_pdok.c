/* Implementation of wd_pdok.h: GeoJSON FeatureCollections of buurten, wijken or gemeenten ->
 * regions with names and parents, geometries and numeric properties.
 *
 * Properties are snake_case (buurtcode, wijkcode, gemeentecode, aantal_inwoners, ...); the
 * geo products write -99997 (secret), -99995 (later delivery), -99991 (no longer published)
 * and older -99999999 for missing values: each becomes NAN with its flags (wd_parse_special),
 * never a number. The geometry object is kept as the source wrote it without its white space
 * (CRS84 when requested with crs=...CRS84). A buurt with water has it as a second feature with
 * the same code and water = "JA": that is no place where people live, and read as well it would
 * replace the land's geometry, so it is skipped.
 *
 * A geometry is checked before it is kept, with the reader that draws it later (wd_geo_add: a
 * Polygon or MultiPolygon, rings of at least 4 [lon, lat] positions within -180..180 and
 * -90..90, which finite numbers only can be) and here: every ring closed (its last position
 * its first, RFC 7946 3.1.6) and at most PDOK_MAX_FEATURE_POSITIONS positions in a feature
 * and PDOK_MAX_POSITIONS in a document. A geometry the maps could not draw would otherwise
 * make every later profile of its gemeente fail. */
#include "fetchers/wd_pdok.h"

#include "engine/wd_geo.h"
#include "engine/wd_json.h"
#include "engine/wd_name.h"
#include "fetchers/wd_parse.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void prop_str(char *dst, size_t cap, json_t *props, const char *key)
{
    json_t *v = json_object_get(props, key);
    dst[0] = '\0';
    if (json_is_string(v) && wd_parse_trim(dst, cap, json_string_value(v), json_string_length(v)))
        dst[0] = '\0';
}

/* The region code in property `key` of feature `fno` (trimmed, "" when there is none) into
 * dst[WD_CODE_MAX], checked by wd_parse_code. */
static int prop_code(char *dst, json_t *props, const char *key, const char *origin, size_t fno,
                     wd_error *err)
{
    json_t *v = json_object_get(props, key);
    dst[0] = '\0';
    if (!v || json_is_null(v)) return 0;
    char place[WD_ERROR_MSG_MAX], shown[64];
    snprintf(place, sizeof place, "%s: feature %zu, %s", origin, fno + 1, key);
    if (!json_is_string(v)) return wd_error_set(err, WD_EPARSE, "%s: geen tekst", place);
    if (wd_parse_trim(dst, WD_CODE_MAX, json_string_value(v), json_string_length(v))) {
        dst[0] = '\0';
        return wd_error_set(err, WD_EPARSE, "%s: '%s' is geen geldige regiocode (te lang)", place,
                            wd_name_print(shown, sizeof shown, json_string_value(v)));
    }
    int level;
    return dst[0] ? wd_parse_code(dst, &level, place, err) : 0;
}

/* The bounds on positions. A PDOK buurt has a few hundred to a few thousand and a gemeente
 * tens of thousands; all of the Netherlands (every gemeente, wijk and buurt) some ten million.
 * The bound of a document is below the 50 million the maps load at most (wd_geo.c). */
#define PDOK_MAX_FEATURE_POSITIONS 1000000u
#define PDOK_MAX_POSITIONS 20000000u

/* Check the geometry `text` (len bytes of compact GeoJSON) of feature `fno` (from 0), region
 * `code`, and count its positions into *positions (those of the document so far). WD_EPARSE naming
 * origin, feature and region, and what is wrong; WD_ENOMEM. */
static int check_geometry(const char *text, size_t len, const char *code, int year,
                          const char *origin, size_t fno, size_t *positions, wd_error *err)
{
    wd_geo *g = wd_geo_new();
    if (!g) return wd_parse_nomem(err, origin);
    int rc = wd_geo_add(g, code, year, text, len, err);
    for (size_t r = 0; !rc && r < g->n_rings; r++) {
        const wd_geo_point *first = &g->points[g->ring_start[r]];
        const wd_geo_point *last = first + g->ring_len[r] - 1;
        if (first->lon != last->lon || first->lat != last->lat)
            rc = wd_error_set(err, WD_EPARSE,
                              "geometrie van %s: ring %zu is niet gesloten (de laatste positie "
                              "is niet de eerste)",
                              code, r + 1);
    }
    if (!rc && g->n_points > PDOK_MAX_FEATURE_POSITIONS)
        rc = wd_error_set(err, WD_EPARSE, "geometrie van %s: %zu posities, meer dan %u", code,
                          g->n_points, PDOK_MAX_FEATURE_POSITIONS);
    if (!rc && (*positions += g->n_points) > PDOK_MAX_POSITIONS)
        rc = wd_error_set(err, WD_EPARSE,
                          "geometrie van %s: samen meer dan %u posities in dit document", code,
                          PDOK_MAX_POSITIONS);
    wd_geo_free(g);
    return rc ? wd_error_prefix(err, "%s: feature %zu: ", origin, fno + 1) : 0;
}

static int add_named(wd_batch *b, const char *code, const char *name, const char *parent, int year,
                     wd_error *err)
{
    int lvl = wd_level_of_code(code);
    if (lvl < 0) return 0;
    wd_region r;
    memset(&r, 0, sizeof r);
    snprintf(r.code, sizeof r.code, "%s", code);
    snprintf(r.name, sizeof r.name, "%s", name);
    r.level = (wd_level)lvl;
    if (parent && parent[0] && wd_level_of_code(parent) == lvl - 1)
        snprintf(r.parent, sizeof r.parent, "%s", parent);
    else
        wd_parse_parent(r.parent, sizeof r.parent, code);
    r.indeling = year;
    return wd_batch_add_region(b, &r, err);
}

/* Feature `fno` (from 0): bytes from..to of `data`. Its geometry object is read in place by
 * the geometry reader and kept compacted; jansson reads the rest from a copy in which the
 * geometry is blanked out, so that no tree of its positions is ever built. */
static int parse_feature(wd_batch *b, int source, int year, const char *data, size_t from,
                         size_t to, const char *origin, size_t fno, size_t *positions,
                         wd_error *err)
{
    size_t geo0 = 0, geo1 = 0;
    wd_json j = wd_json_open(data, to);
    j.pos = from;
    if (wd_json_take(&j, '{') == 0) {
        const char *key;
        size_t key_len;
        /* Bad JSON ends the walk: jansson then names it below. */
        for (int first = 1; wd_json_member(&j, &first, &key, &key_len) > 0;) {
            size_t at = (wd_json_peek(&j), j.pos);
            if (wd_json_skip(&j)) break;
            if (key_len == 8 && memcmp(key, "geometry", 8) == 0) {
                int object = data[at] == '{';
                geo0 = object ? at : 0;
                geo1 = object ? j.pos : 0;
            }
        }
    }
    char *copy = malloc(to - from + 1);
    if (!copy) return wd_parse_nomem(err, origin);
    memcpy(copy, data + from, to - from);
    if (geo1 > geo0) {
        /* A 0 and spaces; newlines stay, so that jansson's lines are the document's. */
        for (size_t k = geo0; k < geo1; k++)
            if (copy[k - from] != '\n') copy[k - from] = ' ';
        copy[geo0 - from] = '0';
    }
    json_t *f;
    int rc = wd_parse_json_part(&f, data, from, copy, to - from, origin, err);
    free(copy);
    if (rc) return rc;
    json_t *props = json_object_get(f, "properties");
    char bu[WD_CODE_MAX], wk[WD_CODE_MAX], gm[WD_CODE_MAX];
    char bun[WD_NAME_MAX], wkn[WD_NAME_MAX], gmn[WD_NAME_MAX], water[8];
    if (!json_is_object(props)) {
        rc = wd_error_set(err, WD_EPARSE, "%s: feature %zu heeft geen properties", origin, fno + 1);
        goto done;
    }
    if ((rc = prop_code(bu, props, "buurtcode", origin, fno, err)) ||
        (rc = prop_code(wk, props, "wijkcode", origin, fno, err)) ||
        (rc = prop_code(gm, props, "gemeentecode", origin, fno, err)))
        goto done;
    prop_str(bun, sizeof bun, props, "buurtnaam");
    prop_str(wkn, sizeof wkn, props, "wijknaam");
    prop_str(gmn, sizeof gmn, props, "gemeentenaam");
    prop_str(water, sizeof water, props, "water");
    if (strcmp(water, "JA") == 0) goto done;
    const char *code = bu[0] ? bu : wk[0] ? wk : gm;
    if (!code[0] || wd_level_of_code(code) < 0) {
        rc = wd_error_set(err, WD_EPARSE,
                          "%s: feature %zu heeft geen buurtcode, wijkcode of gemeentecode", origin,
                          fno + 1);
        goto done;
    }
    if (bu[0])
        rc = add_named(b, bu, bun, wk, year, err);
    else if (wk[0])
        rc = add_named(b, wk, wkn, gm, year, err);
    if (!rc && gm[0] && (gmn[0] || code == gm)) rc = add_named(b, gm, gmn, "NL00", year, err);
    if (!rc && geo1 > geo0) {
        /* Kept as the source wrote it, without its white space. */
        char *text = malloc(geo1 - geo0 + 1);
        if (!text) {
            rc = wd_parse_nomem(err, origin);
            goto done;
        }
        size_t n = wd_json_compact(text, data + geo0, geo1 - geo0);
        rc = check_geometry(text, n, code, year, origin, fno, positions, err);
        if (!rc) rc = wd_batch_add_geometry(b, code, year, text, n, err);
        free(text);
    }
    const char *key;
    json_t *v;
    json_object_foreach(props, key, v)
    {
        if (rc) break;
        if (!json_is_number(v) && !json_is_null(v)) continue;
        if (json_is_null(v) && (strstr(key, "code") || strstr(key, "naam"))) continue;
        wd_obs o;
        memset(&o, 0, sizeof o);
        snprintf(o.region, sizeof o.region, "%s", code);
        snprintf(o.variable, sizeof o.variable, "%s", key);
        o.year = year;
        o.lo = o.hi = NAN;
        o.source = source;
        double x = json_is_null(v) ? NAN : json_number_value(v);
        if (!isfinite(x)) {
            o.value = NAN;
            o.flags = WD_FLAG_MISSING;
        } else {
            o.value = wd_parse_special(x, &o.flags) ? NAN : x;
        }
        rc = wd_batch_add_obs(b, &o, err);
    }
done:
    json_decref(f);
    return rc;
}

static int not_collection(const char *origin, wd_error *err)
{
    return wd_error_set(err, WD_EPARSE,
                        "%s: geen GeoJSON FeatureCollection (\"features\" ontbreekt)", origin);
}

/* The document is read member by member and feature by feature (wd_json.h), never as one
 * tree: its memory is that of one feature, whatever its size. Every member but the features
 * is still checked by jansson; "links" is kept for the next page. */
int wd_pdok_parse(wd_batch *b, int source, int year, const char *data, size_t len,
                  const char *origin, char **next, wd_error *err)
{
    if (next) *next = NULL;
    int rc = wd_parse_json_markup(data, len, origin, "XML/HTML", "GeoJSON", "voeg f=json toe", err);
    if (rc) return rc;
    wd_json j = wd_json_open(data, len);
    if (wd_json_peek(&j) != '{') {
        if (wd_json_skip(&j) == 0 && wd_json_at_end(&j)) return not_collection(origin, err);
        return wd_parse_json_scan_error(&j, origin, err);
    }
    j.pos++;
    json_t *links = NULL;
    int features = 0;
    size_t positions = 0;
    const char *key;
    size_t key_len;
    for (int first = 1, more; !rc && (more = wd_json_member(&j, &first, &key, &key_len)) != 0;) {
        if (more < 0) {
            rc = wd_parse_json_scan_error(&j, origin, err);
            break;
        }
        int is_features = key_len == 8 && memcmp(key, "features", 8) == 0;
        size_t from = (wd_json_peek(&j), j.pos);
        if (is_features && wd_json_take(&j, '[') == 0) {
            features = 1;
            size_t fno = 0;
            for (int f1 = 1, el; !rc && (el = wd_json_element(&j, &f1)) != 0; fno++) {
                size_t at = (wd_json_peek(&j), j.pos);
                if (el < 0 || wd_json_skip(&j))
                    rc = wd_parse_json_scan_error(&j, origin, err);
                else
                    rc = parse_feature(b, source, year, data, at, j.pos, origin, fno, &positions,
                                       err);
            }
            continue;
        }
        json_t *v = NULL;
        if (wd_json_skip(&j))
            rc = wd_parse_json_scan_error(&j, origin, err);
        else
            rc = wd_parse_json_part(&v, data, from, data + from, j.pos - from, origin, err);
        if (is_features) features = 0; /* not an array: the last "features" counts, as in jansson */
        if (key_len == 5 && memcmp(key, "links", 5) == 0) {
            json_decref(links);
            links = v;
        } else {
            json_decref(v);
        }
    }
    if (!rc && !wd_json_at_end(&j)) {
        j.what = "het einde van het document";
        rc = wd_parse_json_scan_error(&j, origin, err);
    }
    if (!rc && !features) rc = not_collection(origin, err);
    for (size_t i = 0; !rc && next && i < json_array_size(links); i++) {
        json_t *l = json_array_get(links, i);
        json_t *rel = json_object_get(l, "rel");
        json_t *href = json_object_get(l, "href");
        if (json_is_string(rel) && strcmp(json_string_value(rel), "next") == 0 &&
            json_is_string(href)) {
            *next = strdup(json_string_value(href));
            if (!*next) rc = wd_parse_nomem(err, origin);
            break;
        }
    }
    json_decref(links);
    return rc;
}
