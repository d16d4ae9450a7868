/* Implementation of wd_mapping.h, mapping files and the generic JSON reader: local files that are
 * not a published format (a bewonersberaad poll, a gemeente's own figures) are described by a small
 * JSON file that says which field is the region code, which the period and which are variables, and
 * what to record as their source. The generic CSV reader is in wd_csv.c.
 *
 * jansson reports the line and column of syntax errors only; for a key with a wrong value the
 * message names the key and the line of its first occurrence in the file. */
#include "fetchers/wd_mapping.h"

#include "fetchers/wd_parse.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A mapping file is a few hundred bytes; anything far larger is the wrong file. */
#define MAPPING_MAX (1u << 20)

/* Line (1-based) of the first "key" in data, 0 when absent. */
static int line_of_key(const char *data, size_t len, const char *key)
{
    size_t k = strlen(key);
    int line = 1;
    for (size_t i = 0; i + k + 2 <= len; i++) {
        if (data[i] == '\n') line++;
        if (data[i] == '"' && memcmp(data + i + 1, key, k) == 0 && data[i + 1 + k] == '"')
            return line;
    }
    return 0;
}

/* Error about `key`: "origin:line: koppelbestand: <what>". */
static int key_error(wd_error *err, const char *data, size_t len, const char *origin,
                     const char *key, const char *what)
{
    int line = line_of_key(data, len, key);
    if (line)
        return wd_error_set(err, WD_EPARSE, "%s:%d: koppelbestand, sleutel \"%s\": %s", origin,
                            line, key, what);
    return wd_error_set(err, WD_EPARSE, "%s: koppelbestand, sleutel \"%s\": %s", origin, key, what);
}

/* Copy the string member `key` into dst[cap]. 0 when absent and optional, or copied; an error
 * when required and absent, not a string, empty or too long. */
static int get_text(char *dst, size_t cap, json_t *root, const char *key, int required,
                    const char *data, size_t len, const char *origin, wd_error *err)
{
    json_t *v = json_object_get(root, key);
    dst[0] = '\0';
    if (!v && !required) return 0;
    if (!v) return key_error(err, data, len, origin, key, "ontbreekt");
    if (!json_is_string(v) ||
        wd_parse_trim(dst, cap, json_string_value(v), json_string_length(v)) || !dst[0])
        return key_error(err, data, len, origin, key, "verwacht een niet-lege, korte tekst");
    return 0;
}

static const char *const known_keys[] = {"tabel",           "titel",     "uitgever", "licentie",
                                         "regio",           "naam",      "periode",  "jaar",
                                         "scheidingsteken", "variabelen"};

void wd_mapping_free(wd_mapping *m)
{
    if (!m) return;
    free(m->vars);
    free(m);
}

static int parse_vars(wd_mapping *m, json_t *vars, const char *data, size_t len, const char *origin,
                      wd_error *err)
{
    if (!json_is_array(vars) || json_array_size(vars) == 0)
        return key_error(err, data, len, origin, "variabelen",
                         "verwacht een lijst met minstens een kolomnaam");
    m->vars = calloc(json_array_size(vars), sizeof *m->vars);
    if (!m->vars) return wd_parse_nomem(err, origin);
    for (size_t i = 0; i < json_array_size(vars); i++) {
        json_t *e = json_array_get(vars, i);
        json_t *col = json_is_object(e) ? json_object_get(e, "kolom") : e;
        json_t *name = json_is_object(e) ? json_object_get(e, "naam") : NULL;
        wd_mapped_var *v = &m->vars[m->n_vars];
        if (json_is_object(e) && json_object_size(e) != (name ? 2u : 1u)) {
            char what[96];
            snprintf(what, sizeof what, "element %zu: alleen \"kolom\" en \"naam\" zijn toegestaan",
                     i + 1);
            return key_error(err, data, len, origin, "variabelen", what);
        }
        if (!json_is_string(col) ||
            wd_parse_trim(v->column, sizeof v->column, json_string_value(col),
                          json_string_length(col)) ||
            !v->column[0] ||
            (name && (!json_is_string(name) ||
                      wd_parse_trim(v->name, sizeof v->name, json_string_value(name),
                                    json_string_length(name)) ||
                      !v->name[0])) ||
            (!name && strlen(v->column) >= sizeof v->name)) {
            char what[128];
            snprintf(what, sizeof what,
                     "element %zu: verwacht een kolomnaam of {\"kolom\": ..., \"naam\": ...} "
                     "(namen tot %d tekens)",
                     i + 1, WD_VAR_MAX - 1);
            return key_error(err, data, len, origin, "variabelen", what);
        }
        if (!name) snprintf(v->name, sizeof v->name, "%s", v->column);
        for (size_t j = 0; j < m->n_vars; j++)
            if (strcmp(m->vars[j].name, v->name) == 0) {
                char what[160];
                snprintf(what, sizeof what, "variabele '%s' staat er twee keer in", v->name);
                return key_error(err, data, len, origin, "variabelen", what);
            }
        m->n_vars++;
    }
    return 0;
}

int wd_mapping_parse(wd_mapping **out, const char *data, size_t len, const char *origin,
                     wd_error *err)
{
    *out = NULL;
    json_error_t je;
    json_t *root = json_loadb(data, len, 0, &je);
    if (!root)
        return wd_error_set(err, WD_EPARSE, "ongeldig koppelbestand %s, regel %d, kolom %d: %s",
                            origin, je.line, je.column, je.text);
    wd_mapping *m = calloc(1, sizeof *m);
    int rc = 0;
    if (!m) {
        rc = wd_parse_nomem(err, origin);
        goto cleanup;
    }
    if (!json_is_object(root)) {
        rc = wd_error_set(err, WD_EPARSE, "%s: koppelbestand is geen JSON-object {...}", origin);
        goto cleanup;
    }
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v)
    {
        size_t k = 0;
        while (k < sizeof known_keys / sizeof *known_keys && strcmp(key, known_keys[k]) != 0)
            k++;
        if (k == sizeof known_keys / sizeof *known_keys) {
            rc = key_error(err, data, len, origin, key,
                           "onbekende sleutel (bekend: tabel, titel, uitgever, licentie, regio, "
                           "naam, periode, jaar, scheidingsteken, variabelen)");
            goto cleanup;
        }
    }
    char sep[8];
    if ((rc =
             get_text(m->table_id, sizeof m->table_id, root, "tabel", 1, data, len, origin, err)) ||
        (rc = get_text(m->title, sizeof m->title, root, "titel", 1, data, len, origin, err)) ||
        (rc = get_text(m->publisher, sizeof m->publisher, root, "uitgever", 0, data, len, origin,
                       err)) ||
        (rc = get_text(m->licence, sizeof m->licence, root, "licentie", 0, data, len, origin,
                       err)) ||
        (rc = get_text(m->region, sizeof m->region, root, "regio", 1, data, len, origin, err)) ||
        (rc = get_text(m->name, sizeof m->name, root, "naam", 0, data, len, origin, err)) ||
        (rc = get_text(m->period, sizeof m->period, root, "periode", 0, data, len, origin, err)) ||
        (rc = get_text(sep, sizeof sep, root, "scheidingsteken", 0, data, len, origin, err)))
        goto cleanup;
    if (sep[0] && (strlen(sep) != 1 || !strchr(",;\t|", sep[0]))) {
        rc = key_error(err, data, len, origin, "scheidingsteken",
                       "verwacht een van \",\", \";\", \"|\" of een tab");
        goto cleanup;
    }
    m->sep = sep[0];
    json_t *year = json_object_get(root, "jaar");
    if (year) {
        json_int_t y = json_is_integer(year) ? json_integer_value(year) : 0;
        if (y < 1800 || y > 2200) {
            rc = key_error(err, data, len, origin, "jaar", "verwacht een jaartal, bv. 2025");
            goto cleanup;
        }
        m->year = (int)y;
    }
    if (m->year && m->period[0]) {
        rc =
            key_error(err, data, len, origin, "jaar", "geef \"periode\" of \"jaar\", niet allebei");
        goto cleanup;
    }
    m->own_publisher = m->publisher[0] != '\0';
    m->own_licence = m->licence[0] != '\0';
    if (!m->publisher[0]) snprintf(m->publisher, sizeof m->publisher, "eigen bestand");
    if (!m->licence[0]) snprintf(m->licence, sizeof m->licence, "onbekend");
    rc = parse_vars(m, json_object_get(root, "variabelen"), data, len, origin, err);
cleanup:
    json_decref(root);
    if (rc)
        wd_mapping_free(m);
    else
        *out = m;
    return rc;
}

int wd_mapping_load(wd_mapping **out, const char *path, wd_error *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) return wd_error_set(err, WD_ENOTFOUND, "koppelbestand %s niet te openen", path);
    char *data = malloc(MAPPING_MAX);
    size_t len = data ? fread(data, 1, MAPPING_MAX, f) : 0;
    int rc = 0;
    if (!data)
        rc = wd_parse_nomem(err, path);
    else if (ferror(f))
        rc = wd_error_set(err, WD_EIO, "koppelbestand %s niet te lezen", path);
    else if (len == MAPPING_MAX)
        rc = wd_error_set(err, WD_EPARSE, "%s: te groot voor een koppelbestand (meer dan %u bytes)",
                          path, MAPPING_MAX - 1);
    fclose(f);
    if (!rc) rc = wd_mapping_parse(out, data, len, path, err);
    free(data);
    return rc;
}

/* The records of a JSON document as a new reference to an array (caller decrefs), or NULL for
 * a shape that is none of wd_mapping_json's. Objects keyed by region code become a list
 * of their objects, each with the code under `region` unless it names one itself. */
static json_t *records_of(json_t *root, const char *region, int *geojson)
{
    *geojson = 0;
    if (json_is_array(root)) return json_incref(root);
    json_t *v = json_object_get(root, "value");
    if (json_is_array(v)) return json_incref(v);
    v = json_object_get(root, "features");
    if (json_is_array(v)) {
        *geojson = 1;
        return json_incref(v);
    }
    if (!json_is_object(root) || !json_object_size(root)) return NULL;
    if (json_object_get(root, region)) return json_pack("[O]", root);
    const char *key;
    json_object_foreach(root, key, v)
    {
        if (wd_level_of_code(key) < 0 || !json_is_object(v)) return NULL;
    }
    json_t *list = json_array();
    json_object_foreach(root, key, v)
    {
        json_t *rec = json_copy(v);
        if (rec && !json_object_get(rec, region))
            json_object_set_new(rec, region, json_string(key));
        if (!rec || json_array_append_new(list, rec)) {
            json_decref(list);
            return NULL;
        }
    }
    return list;
}

/* Text of a region-code or period field: strings as they are, integers printed. */
static int field_text(char *dst, size_t cap, json_t *v)
{
    if (json_is_integer(v))
        return snprintf(dst, cap, "%" JSON_INTEGER_FORMAT, json_integer_value(v)) < 0;
    if (!json_is_string(v)) return -1;
    return wd_parse_trim(dst, cap, json_string_value(v), json_string_length(v));
}

int wd_mapping_json(wd_batch *b, int source, const wd_mapping *m, int year, const char *data,
                    size_t len, const char *origin, wd_error *err)
{
    json_t *root;
    int geojson, rc = wd_parse_json(&root, data, len, origin, NULL, NULL, NULL, err);
    if (rc) return rc;
    json_t *recs = records_of(root, m->region, &geojson);
    if (!recs) {
        rc = wd_error_set(err, WD_EPARSE,
                          "%s: onbekende vorm van JSON; gelezen worden een lijst van objecten "
                          "[{...}, ...], {\"value\": [...]}, een GeoJSON FeatureCollection, "
                          "objecten per regiocode {\"GM1680\": {...}, ...} en een enkel object "
                          "met het veld \"%s\"",
                          origin, m->region);
        goto cleanup;
    }
    for (size_t i = 0; i < json_array_size(recs) && !rc; i++) {
        json_t *r = json_array_get(recs, i);
        if (geojson) r = json_object_get(r, "properties");
        if (!json_is_object(r)) {
            rc = wd_error_set(err, WD_EPARSE, "%s: record %zu is geen object", origin, i + 1);
            break;
        }
        char code[WD_CODE_MAX], ptxt[32], place[WD_ERROR_MSG_MAX];
        snprintf(place, sizeof place, "%s: record %zu, veld \"%s\"", origin, i + 1, m->region);
        if (field_text(code, sizeof code, json_object_get(r, m->region))) {
            rc = wd_error_set(err, WD_EPARSE, "%s: ontbreekt of is geen regiocode", place);
            break;
        }
        if ((rc = wd_parse_code(code, NULL, place, err))) break;
        int y = m->year ? m->year : year;
        if (m->period[0]) {
            json_t *pv = json_object_get(r, m->period);
            y = field_text(ptxt, sizeof ptxt, pv) ? 0 : wd_parse_year(ptxt);
            if (!y) {
                rc = wd_error_set(err, WD_EPARSE, "%s: record %zu (%s), veld \"%s\": geen periode",
                                  origin, i + 1, code, m->period);
                break;
            }
        }
        if (!y) {
            rc = wd_error_set(err, WD_EUSAGE,
                              "%s: geen periode in het koppelbestand en geen jaar opgegeven",
                              origin);
            break;
        }
        char name[WD_NAME_MAX] = "";
        if (m->name[0] && field_text(name, sizeof name, json_object_get(r, m->name))) {
            rc = wd_error_set(err, WD_EPARSE, "%s: record %zu (%s), veld \"%s\": geen naam", origin,
                              i + 1, code, m->name);
            break;
        }
        rc = wd_parse_region(b, code, name, 0, err);
        for (size_t k = 0; k < m->n_vars && !rc; k++) {
            json_t *v = json_object_get(r, m->vars[k].column);
            wd_obs o;
            memset(&o, 0, sizeof o);
            snprintf(o.region, sizeof o.region, "%s", code);
            snprintf(o.variable, sizeof o.variable, "%s", m->vars[k].name);
            o.year = y;
            o.lo = o.hi = NAN;
            o.source = source;
            int ok = 1;
            if (!v) {
                rc = wd_error_set(err, WD_EPARSE, "%s: record %zu (%s): veld \"%s\" ontbreekt",
                                  origin, i + 1, code, m->vars[k].column);
                break;
            } else if (json_is_null(v)) {
                o.value = NAN;
                o.flags = WD_FLAG_MISSING;
            } else if (json_is_number(v)) {
                o.value = json_number_value(v);
                if (wd_parse_special(o.value, &o.flags)) o.value = NAN;
            } else {
                /* an embedded NUL would cut the text short: not a number */
                ok = json_is_string(v) && strlen(json_string_value(v)) == json_string_length(v) &&
                     wd_parse_cell(json_string_value(v), &o.value, &o.flags) == 0;
            }
            if (!ok) {
                rc = wd_error_set(err, WD_EPARSE, "%s: record %zu (%s), veld \"%s\": geen getal",
                                  origin, i + 1, code, m->vars[k].column);
                break;
            }
            rc = wd_batch_add_obs(b, &o, err);
        }
    }
cleanup:
    json_decref(recs);
    json_decref(root);
    return rc;
}
