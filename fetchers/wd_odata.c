/* Implementation of wd_odata.h, the CBS OData v3 parsers: the JSON envelope, TableInfos, the
 * catalogue, DataProperties, the WijkenEnBuurten collection and TypedDataSet rows.
 *
 * CBS pads keys and names (codes to 10, Gemeentenaam to 40 characters) and renumbers field
 * suffixes between years and revisions, so every code is trimmed and every field is matched
 * through DataProperties by its key without the `_N` suffix. Missing values arrive as JSON
 * null and become NAN with WD_FLAG_MISSING, never 0. */
#include "fetchers/wd_odata.h"

#include "fetchers/wd_parse.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What to do about an Atom/XML reply: adding $format=json helps only where it is missing
 * (wd_http says the same). */
static const char *markup_hint(const char *origin)
{
    return strstr(origin, "format=json")
               ? "de server negeerde $format=json; probeer het later opnieuw"
               : "voeg $format=json toe aan de URL";
}

static int no_value_list(const char *origin, json_t *error, wd_error *err)
{
    json_t *msg = error ? json_object_get(json_object_get(error, "message"), "value") : NULL;
    return wd_error_set(err, WD_EPARSE, "%s: OData-antwoord zonder \"value\"-lijst%s%s", origin,
                        json_is_string(msg) ? ": " : "",
                        json_is_string(msg) ? json_string_value(msg) : "");
}

int wd_odata_page_parse(wd_odata_page *out, const char *data, size_t len, const char *origin,
                        wd_error *err)
{
    memset(out, 0, sizeof *out);
    json_t *root;
    int rc = wd_parse_json(&root, data, len, origin, "Atom/XML", "JSON", markup_hint(origin), err);
    if (rc) return rc;
    json_t *value = NULL;
    if (json_is_array(root)) {
        value = root;
    } else if (json_is_object(root)) {
        value = json_object_get(root, "value");
        if (!json_is_array(value)) {
            no_value_list(origin, json_object_get(root, "odata.error"), err);
            json_decref(root);
            return WD_EPARSE;
        }
        /* v3 writes "odata.nextLink", v4 "@odata.nextLink" */
        json_t *nl = json_object_get(root, "odata.nextLink");
        if (!nl) nl = json_object_get(root, "@odata.nextLink");
        if (nl && !json_is_null(nl)) {
            if (!json_is_string(nl)) {
                json_decref(root);
                return wd_error_set(err, WD_EPARSE, "%s: \"odata.nextLink\" is geen tekst", origin);
            }
            out->next = strdup(json_string_value(nl));
            if (!out->next) {
                json_decref(root);
                return wd_parse_nomem(err, origin);
            }
        }
    } else {
        json_decref(root);
        return wd_error_set(err, WD_EPARSE, "%s: OData-antwoord is geen object of lijst", origin);
    }
    out->root = root;
    out->value = value;
    return 0;
}

void wd_odata_page_free(wd_odata_page *p)
{
    if (!p) return;
    json_decref(p->root);
    free(p->next);
    memset(p, 0, sizeof *p);
}

/* Hand the page's nextLink to the caller. */
static void pass_next(wd_odata_page *pg, char **next)
{
    if (next) {
        *next = pg->next;
        pg->next = NULL;
    }
}

/* A row of a page (its number i from 0) to the caller of page_rows. */
typedef int (*row_fn)(void *x, json_t *row, size_t i, wd_error *err);

/* The elements of an array whose '[' was taken, each loaded alone and handed to fn. */
static int each_row(wd_json *j, const char *origin, row_fn fn, void *x, wd_error *err)
{
    int rc = 0;
    size_t i = 0;
    for (int first = 1, el; !rc && (el = wd_json_element(j, &first)) != 0; i++) {
        size_t at = (wd_json_peek(j), j->pos);
        json_t *row = NULL;
        if (el < 0 || wd_json_skip(j))
            rc = wd_parse_json_scan_error(j, origin, err);
        else if (!(rc = wd_parse_json_part(&row, j->s, at, j->s + at, j->pos - at, origin, err)))
            rc = fn(x, row, i, err);
        json_decref(row);
    }
    return rc;
}

/* The page of wd_odata_page_parse row by row: each record of "value" (or of a bare array) is
 * loaded by jansson alone and handed to fn, so that a national TypedDataSet page of 10,000
 * rows (35 MB of text) is never a tree of 150 MB. The other members are checked by jansson
 * too; the nextLink goes to *next as wd_odata_page_parse gives it. */
static int page_rows(const char *data, size_t len, const char *origin, row_fn fn, void *x,
                     char **next, wd_error *err)
{
    if (next) *next = NULL;
    int rc = wd_parse_json_markup(data, len, origin, "Atom/XML", "JSON", markup_hint(origin), err);
    if (rc) return rc;
    wd_json j = wd_json_open(data, len);
    int c = wd_json_peek(&j);
    if (c != '{' && c != '[') {
        if (wd_json_skip(&j) == 0 && wd_json_at_end(&j))
            return wd_error_set(err, WD_EPARSE, "%s: OData-antwoord is geen object of lijst",
                                origin);
        return wd_parse_json_scan_error(&j, origin, err);
    }
    j.pos++;
    if (c == '[') {
        rc = each_row(&j, origin, fn, x, err);
    } else {
        json_t *link = NULL, *link4 = NULL, *error = NULL;
        int listed = 0;
        const char *key;
        size_t key_len;
        for (int first = 1, more;
             !rc && (more = wd_json_member(&j, &first, &key, &key_len)) != 0;) {
            if (more < 0) {
                rc = wd_parse_json_scan_error(&j, origin, err);
                break;
            }
            int is_value = key_len == 5 && memcmp(key, "value", 5) == 0;
            if (is_value && wd_json_peek(&j) == '[') {
                j.pos++;
                listed = 1;
                rc = each_row(&j, origin, fn, x, err);
                continue;
            }
            size_t from = (wd_json_peek(&j), j.pos);
            json_t *v = NULL;
            if (wd_json_skip(&j)) {
                rc = wd_parse_json_scan_error(&j, origin, err);
                break;
            }
            rc = wd_parse_json_part(&v, data, from, data + from, j.pos - from, origin, err);
            json_t **keep = key_len == 14 && !memcmp(key, "odata.nextLink", 14)    ? &link
                            : key_len == 15 && !memcmp(key, "@odata.nextLink", 15) ? &link4
                            : key_len == 11 && !memcmp(key, "odata.error", 11)     ? &error
                                                                                   : NULL;
            if (is_value) listed = 0; /* not an array: the last "value" counts, as in jansson */
            if (keep) {
                json_decref(*keep);
                *keep = v;
            } else {
                json_decref(v);
            }
        }
        json_t *nl = link ? link : link4;
        if (!rc && !listed) rc = no_value_list(origin, error, err);
        if (!rc && nl && !json_is_null(nl) && !json_is_string(nl))
            rc = wd_error_set(err, WD_EPARSE, "%s: \"odata.nextLink\" is geen tekst", origin);
        if (!rc && next && json_is_string(nl) && !(*next = strdup(json_string_value(nl))))
            rc = wd_parse_nomem(err, origin);
        json_decref(link);
        json_decref(link4);
        json_decref(error);
    }
    if (!rc && !wd_json_at_end(&j)) {
        j.what = "het einde van het document";
        rc = wd_parse_json_scan_error(&j, origin, err);
    }
    if (rc && next) {
        free(*next);
        *next = NULL;
    }
    return rc;
}

/* Copy a JSON string member, trimmed, into dst; "" when absent or not a string. */
static void get_str(char *dst, size_t cap, json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    dst[0] = '\0';
    if (!json_is_string(v)) return;
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    if (wd_parse_trim(dst, cap, s, n)) {
        /* Longer than the field: keep a truncated, still trimmed copy (titles only). */
        size_t m = n < cap - 1 ? n : cap - 1;
        memcpy(dst, s, m);
        dst[m] = '\0';
        /* do not cut a UTF-8 sequence in half */
        while (m > 0 && ((unsigned char)dst[m - 1] & 0xC0) == 0x80)
            dst[--m] = '\0';
        if (m > 0 && ((unsigned char)dst[m - 1] & 0xC0) == 0xC0) dst[--m] = '\0';
    }
}

void wd_odata_tableinfo_object(wd_tableinfo *out, json_t *row)
{
    memset(out, 0, sizeof *out);
    get_str(out->title, sizeof out->title, row, "Title");
    get_str(out->identifier, sizeof out->identifier, row, "Identifier");
    get_str(out->modified, sizeof out->modified, row, "Modified");
    char period[256];
    get_str(period, sizeof period, row, "Period");
    out->year = wd_parse_year(period);
    /* RIVM names the classification in the title: "...; 2012-2024 (indeling 2024)". */
    const char *ind = strstr(out->title, "indeling ");
    out->indeling = ind ? wd_parse_year(ind + 9) : 0;
    if (!out->indeling) out->indeling = out->year;
}

int wd_odata_tableinfos(wd_tableinfo *out, const char *data, size_t len, const char *origin,
                        char **next, wd_error *err)
{
    memset(out, 0, sizeof *out);
    if (next) *next = NULL;
    wd_odata_page pg;
    int rc = wd_odata_page_parse(&pg, data, len, origin, err);
    if (rc) return rc;
    json_t *row = json_array_get(pg.value, 0);
    if (row && !json_is_object(row)) {
        wd_odata_page_free(&pg);
        return wd_error_set(err, WD_EPARSE, "%s: TableInfos bevat geen tabelobject", origin);
    }
    if (row) wd_odata_tableinfo_object(out, row);
    pass_next(&pg, next);
    wd_odata_page_free(&pg);
    return 0;
}

#define CATALOG_MAX 100000

void wd_odata_tables_free(wd_tables *t)
{
    if (!t) return;
    free(t->items);
    memset(t, 0, sizeof *t);
}

int wd_odata_catalog(wd_tables *acc, const char *data, size_t len, const char *origin, char **next,
                     wd_error *err)
{
    if (next) *next = NULL;
    wd_odata_page pg;
    int rc = wd_odata_page_parse(&pg, data, len, origin, err);
    if (rc) return rc;
    size_t n = json_array_size(pg.value);
    if (acc->n + n > CATALOG_MAX) {
        wd_odata_page_free(&pg);
        return wd_error_set(err, WD_EPARSE, "%s: meer dan %d tabellen in de catalogus", origin,
                            CATALOG_MAX);
    }
    if (acc->n + n > acc->cap) {
        size_t ncap = acc->cap ? acc->cap : 16;
        while (ncap < acc->n + n)
            ncap *= 2;
        wd_tableinfo *items = realloc(acc->items, ncap * sizeof *items);
        if (!items) {
            wd_odata_page_free(&pg);
            return wd_parse_nomem(err, origin);
        }
        acc->items = items;
        acc->cap = ncap;
    }
    for (size_t i = 0; i < n; i++) {
        json_t *row = json_array_get(pg.value, i);
        if (!json_is_object(row)) continue;
        wd_tableinfo *t = &acc->items[acc->n];
        wd_odata_tableinfo_object(t, row);
        if (t->identifier[0]) acc->n++;
    }
    pass_next(&pg, next);
    wd_odata_page_free(&pg);
    return 0;
}

void wd_odata_props_free(wd_props *p)
{
    if (!p) return;
    free(p->items);
    memset(p, 0, sizeof *p);
}

/* An integer member ("ID", "ParentID"), -1 when absent or null. */
static long get_id(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_integer(v) ? (long)json_integer_value(v) : -1;
}

int wd_odata_props_page(wd_props *acc, const char *data, size_t len, const char *origin,
                        char **next, wd_error *err)
{
    if (next) *next = NULL;
    wd_odata_page pg;
    int rc = wd_odata_page_parse(&pg, data, len, origin, err);
    if (rc) return rc;
    size_t n = json_array_size(pg.value);
    if (acc->n + n > acc->cap) {
        size_t ncap = acc->cap ? acc->cap : 64;
        while (ncap < acc->n + n)
            ncap *= 2;
        wd_prop *items = realloc(acc->items, ncap * sizeof *items);
        if (!items) {
            wd_odata_page_free(&pg);
            return wd_parse_nomem(err, origin);
        }
        acc->items = items;
        acc->cap = ncap;
    }
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(pg.value, i);
        char type[32];
        get_str(type, sizeof type, e, "Type");
        wd_prop_type t;
        if (strcmp(type, "Topic") == 0)
            t = WD_PROP_TOPIC;
        else if (strcmp(type, "Dimension") == 0 || strcmp(type, "TimeDimension") == 0)
            t = WD_PROP_DIMENSION;
        else if (strcmp(type, "GeoDimension") == 0)
            t = WD_PROP_GEODIMENSION;
        else if (strcmp(type, "TopicGroup") == 0)
            t = WD_PROP_GROUP;
        else
            continue;
        wd_prop *p = &acc->items[acc->n];
        memset(p, 0, sizeof *p);
        p->type = t;
        p->id = get_id(e, "ID");
        p->parent = get_id(e, "ParentID");
        get_str(p->title, sizeof p->title, e, "Title");
        json_t *k = json_object_get(e, "Key");
        /* A TopicGroup has an empty key; it is read for its title. */
        if (t != WD_PROP_GROUP &&
            (!json_is_string(k) ||
             wd_parse_trim(p->key, sizeof p->key, json_string_value(k), json_string_length(k)) ||
             !p->key[0])) {
            wd_odata_page_free(&pg);
            return wd_error_set(err, WD_EPARSE,
                                "%s: DataProperties-element %zu heeft geen bruikbare Key", origin,
                                i + 1);
        }
        get_str(p->unit, sizeof p->unit, e, "Unit");
        get_str(type, sizeof type, e, "Datatype");
        p->is_text = strcmp(type, "String") == 0;
        acc->n++;
    }
    pass_next(&pg, next);
    wd_odata_page_free(&pg);
    return 0;
}

/* Group titles are followed up to this depth: KWB nests three deep; a cycle ends here too. */
#define GROUP_DEPTH 8

/* The titles of the TopicGroups around entry i, nearest first, into chain[]; their number. */
static int group_chain(const wd_props *p, size_t i, const char *chain[GROUP_DEPTH])
{
    int d = 0;
    for (long parent = p->items[i].parent; parent >= 0 && d < GROUP_DEPTH;) {
        const wd_prop *g = NULL;
        for (size_t k = 0; k < p->n && !g; k++)
            if (p->items[k].type == WD_PROP_GROUP && p->items[k].id == parent) g = &p->items[k];
        if (!g) break;
        chain[d++] = g->title;
        parent = g->parent;
    }
    return d;
}

/* A title written as CBS writes keys: words capitalised and joined, letters and digits only,
 * accented letters without their accent ("Twee-onder-één-kap" -> "TweeOnderEenKap"). */
static void camel(char *out, size_t cap, const char *title)
{
    size_t n = 0;
    int start = 1;
    for (const unsigned char *s = (const unsigned char *)title; *s && n + 1 < cap; s++) {
        char c = 0;
        if (isalnum(*s)) {
            c = (char)*s;
        } else if (*s == 0xC3 && (s[1] & 0xC0) == 0x80) {
            /* U+00C0..U+00FF, the accented letters of Dutch titles, by their base letter (the
             * signs for times and division separate words) */
            static const char fold[] =
                "AAAAAAACEEEEIIIIDNOOOOO OUUUUYTsaaaaaaaceeeeiiiidnooooo ouuuuyty";
            unsigned k = (unsigned)s[1] - 0x80u;
            s++;
            if (isalpha((unsigned char)fold[k])) c = fold[k];
        } else if (*s == 0xC2 && s[1] == 0xA0) {
            s++; /* a non-breaking space (CBS titles have them) separates words */
        } else if (*s >= 0x80) {
            continue; /* other non-ASCII bytes: dropped */
        }
        if (!c) {
            start = 1;
            continue;
        }
        out[n++] = start ? (char)toupper((unsigned char)c) : c;
        start = 0;
    }
    out[n] = '\0';
}

/* 1 when another entry than i already carries `name`. */
static int name_taken(const wd_props *p, size_t i, const char *name)
{
    for (size_t k = 0; k < p->n; k++)
        if (k != i && p->items[k].type != WD_PROP_GROUP && strcmp(p->items[k].name, name) == 0)
            return 1;
    return 0;
}

int wd_odata_props_name(wd_props *p, const char *origin, wd_error *err)
{
    for (size_t i = 0; i < p->n; i++)
        wd_parse_strip_suffix(p->items[i].name, sizeof p->items[i].name, p->items[i].key);
    /* Which topics share their stem with another topic of the table. */
    unsigned char *dup = calloc(p->n ? p->n : 1, 1);
    char(*qual)[WD_VAR_MAX] = calloc(p->n ? p->n : 1, sizeof *qual);
    if (!dup || !qual) {
        free(dup);
        free(qual);
        return wd_parse_nomem(err, origin);
    }
    for (size_t i = 0; i < p->n; i++)
        for (size_t j = i + 1; j < p->n; j++)
            if (p->items[i].type == WD_PROP_TOPIC && p->items[j].type == WD_PROP_TOPIC &&
                strcmp(p->items[i].name, p->items[j].name) == 0)
                dup[i] = dup[j] = 1;
    /* First the qualified names of all of them, then the check that each is free: a name
     * given to one occurrence must not depend on the order of the others. */
    for (size_t i = 0; i < p->n; i++) {
        if (!dup[i]) continue;
        const char *mine[GROUP_DEPTH];
        int dm = group_chain(p, i, mine);
        for (int d = 0; d < dm && !qual[i][0]; d++) {
            int apart = 1;
            for (size_t j = 0; j < p->n && apart; j++) {
                if (j == i || !dup[j] || strcmp(p->items[j].name, p->items[i].name) != 0) continue;
                const char *other[GROUP_DEPTH];
                int dj = group_chain(p, j, other);
                if (d < dj && strcmp(other[d], mine[d]) == 0) apart = 0;
            }
            char group[WD_VAR_MAX];
            camel(group, sizeof group, mine[d]);
            if (apart && group[0] && strlen(p->items[i].name) + 1 + strlen(group) < sizeof qual[i])
                snprintf(qual[i], sizeof qual[i], "%s_%s", p->items[i].name, group);
        }
    }
    for (size_t i = 0; i < p->n; i++)
        if (dup[i]) snprintf(p->items[i].name, sizeof p->items[i].name, "%s", qual[i]);
    for (size_t i = 0; i < p->n; i++)
        if (dup[i] && (!qual[i][0] || name_taken(p, i, qual[i])))
            snprintf(qual[i], sizeof qual[i], "%s", p->items[i].key);
    for (size_t i = 0; i < p->n; i++)
        if (dup[i]) snprintf(p->items[i].name, sizeof p->items[i].name, "%s", qual[i]);
    free(dup);
    free(qual);
    return 0;
}

int wd_odata_props_parse(wd_props *out, const char *data, size_t len, const char *origin,
                         wd_error *err)
{
    memset(out, 0, sizeof *out);
    int rc = wd_odata_props_page(out, data, len, origin, NULL, err);
    if (!rc) rc = wd_odata_props_name(out, origin, err);
    if (rc) wd_odata_props_free(out);
    return rc;
}

const wd_prop *wd_odata_props_find(const wd_props *p, const char *key)
{
    if (!p) return NULL;
    char k[WD_VAR_MAX + 16];
    if (wd_parse_trim(k, sizeof k, key, strlen(key))) return NULL;
    for (size_t i = 0; i < p->n; i++)
        if (p->items[i].type != WD_PROP_GROUP && strcmp(p->items[i].key, k) == 0)
            return &p->items[i];
    return NULL;
}

/* The trimmed region code (field `field`) of row `rowno` into code[WD_CODE_MAX]: 1 when the
 * region lies in the gemeente of ctx, 0 when it lies outside; WD_EPARSE for a row that is no
 * object or names no region or one that is not a valid code (wd_parse_code). */
static int row_region(char *code, json_t *row, const char *field, const wd_rows_ctx *ctx,
                      const char *origin, size_t rowno, wd_error *err)
{
    if (!json_is_object(row))
        return wd_error_set(err, WD_EPARSE, "%s: rij %zu is geen object", origin, rowno + 1);
    json_t *v = json_object_get(row, field);
    if (!json_is_string(v) ||
        wd_parse_trim(code, WD_CODE_MAX, json_string_value(v), json_string_length(v)) || !code[0])
        return wd_error_set(err, WD_EPARSE, "%s: rij %zu: veld %s ontbreekt of is geen regiocode",
                            origin, rowno + 1, field);
    char place[WD_ERROR_MSG_MAX];
    snprintf(place, sizeof place, "%s: rij %zu, veld %s", origin, rowno + 1, field);
    int level, rc = wd_parse_code(code, &level, place, err);
    return rc ? rc : wd_parse_in_gemeente(code, ctx->gemeente);
}

/* A gemeente row names itself in Gemeentenaam (with the table's suffix): into name, or "". */
static void gemeente_name(char *name, size_t cap, json_t *row)
{
    const char *key;
    json_t *v;
    name[0] = '\0';
    json_object_foreach(row, key, v)
    {
        char base[WD_VAR_MAX];
        wd_parse_strip_suffix(base, sizeof base, key);
        if (strcmp(base, "Gemeentenaam") == 0) get_str(name, cap, row, key);
    }
}

/* The variable name of a row field: through DataProperties when given (only Topics), else the
 * key without its suffix. NULL when the field is not a variable. */
static const char *var_name(const wd_rows_ctx *ctx, const char *key, char *tmp, size_t cap)
{
    if (ctx->props) {
        const wd_prop *p = wd_odata_props_find(ctx->props, key);
        if (!p || p->type != WD_PROP_TOPIC) return NULL;
        /* Text topics are for regions, except the indeling flag CBS serves as the string "1". */
        if (p->is_text && strcmp(p->name, "IndelingswijzigingGemeenteWijkBuurt") != 0) return NULL;
        return p->name;
    }
    if (strcmp(key, "ID") == 0) return NULL;
    wd_parse_strip_suffix(tmp, cap, key);
    return tmp;
}

/* A JSON value as an observation value. Returns 1 when it is one (number, null, or a numeric
 * string for the few CBS code fields served as text), 0 when the field is not numeric. */
static int obs_value(json_t *v, int allow_string, double *out, unsigned *flags)
{
    *flags = 0;
    if (json_is_null(v)) {
        *out = NAN;
        *flags = WD_FLAG_MISSING;
        return 1;
    }
    if (json_is_integer(v) || json_is_real(v)) {
        *out = json_number_value(v);
        if (!isfinite(*out)) {
            *out = NAN;
            *flags = WD_FLAG_MISSING;
        } else if (wd_parse_special(*out, flags)) {
            *out = NAN;
        }
        return 1;
    }
    if (allow_string && json_is_string(v)) {
        const char *s = json_string_value(v);
        size_t i = 0;
        while (s[i] == ' ')
            i++;
        if (!s[i] || strcmp(s + i, ".") == 0 || s[i] == '.') {
            *out = NAN;
            *flags = s[i] ? WD_FLAG_SUPPRESSED : WD_FLAG_MISSING;
            return 1;
        }
        return wd_parse_number(s, out) == 0;
    }
    return 0;
}

/* Where the rows of a KWB or RIVM page go (page_rows). */
typedef struct {
    wd_batch *b;
    const wd_rows_ctx *ctx;
    wd_rivm_state *st; /* RIVM */
    const char *origin;
} rows_into;

static int kwb_row(void *x, json_t *row, size_t i, wd_error *err)
{
    rows_into *in = x;
    wd_batch *b = in->b;
    const wd_rows_ctx *ctx = in->ctx;
    char code[WD_CODE_MAX];
    int inside = row_region(code, row, "WijkenEnBuurten", ctx, in->origin, i, err), rc;
    if (inside <= 0) return inside;
    /* Buurt and wijk names come from the WijkenEnBuurten collection. */
    char name[WD_NAME_MAX] = "";
    if (wd_level_of_code(code) == WD_LEVEL_GEMEENTE) gemeente_name(name, sizeof name, row);
    rc = wd_parse_region(b, code, name, ctx->indeling, err);
    const char *key;
    json_t *v;
    json_object_foreach(row, key, v)
    {
        if (rc) break;
        char tmp[WD_VAR_MAX];
        const char *var = var_name(ctx, key, tmp, sizeof tmp);
        if (!var) continue;
        int is_indeling = strcmp(var, "IndelingswijzigingGemeenteWijkBuurt") == 0;
        wd_obs o;
        memset(&o, 0, sizeof o);
        if (!obs_value(v, is_indeling, &o.value, &o.flags)) {
            if (is_indeling)
                rc = wd_error_set(err, WD_EPARSE, "%s: rij %zu (%s), veld %s: geen getal",
                                  in->origin, i + 1, code, key);
            continue; /* text fields (names, postcodes) are not observations */
        }
        snprintf(o.region, sizeof o.region, "%s", code);
        snprintf(o.variable, sizeof o.variable, "%s", var);
        o.year = ctx->year;
        o.lo = o.hi = NAN;
        o.source = ctx->source;
        rc = wd_batch_add_obs(b, &o, err);
    }
    if (!rc) rc = wd_batch_hand_on(b, &ctx->hand_on, err);
    return rc < 0 ? rc : 0;
}

int wd_odata_kwb_rows(wd_batch *b, const wd_rows_ctx *ctx, const char *data, size_t len,
                      const char *origin, char **next, wd_error *err)
{
    rows_into in = {.b = b, .ctx = ctx, .origin = origin};
    return page_rows(data, len, origin, kwb_row, &in, next, err);
}

int wd_odata_regions(wd_batch *b, const wd_rows_ctx *ctx, const char *data, size_t len,
                     const char *origin, char **next, wd_error *err)
{
    if (next) *next = NULL;
    wd_odata_page pg;
    int rc = wd_odata_page_parse(&pg, data, len, origin, err);
    if (rc) return rc;
    for (size_t i = 0; i < json_array_size(pg.value) && !rc; i++) {
        json_t *row = json_array_get(pg.value, i);
        char code[WD_CODE_MAX], name[WD_NAME_MAX];
        int inside = row_region(code, row, "Key", ctx, origin, i, err);
        if (inside < 0) rc = inside;
        if (inside <= 0) continue;
        get_str(name, sizeof name, row, "Title");
        if (ctx->listed && (!ctx->gemeente || strcmp(code, ctx->gemeente) == 0)) *ctx->listed = 1;
        rc = wd_parse_region(b, code, name, ctx->indeling, err);
    }
    if (!rc) pass_next(&pg, next);
    wd_odata_page_free(&pg);
    return rc;
}

/* ---- RIVM: three Marges rows meet in one observation ---- */

struct wd_rivm_state {
    size_t *slots; /* open addressing: batch obs index + 1, 0 = empty */
    size_t cap, n;
};

wd_rivm_state *wd_odata_rivm_new(void)
{
    return calloc(1, sizeof(wd_rivm_state));
}

void wd_odata_rivm_free(wd_rivm_state *st)
{
    if (!st) return;
    free(st->slots);
    free(st);
}

static size_t obs_hash(const char *region, int year, const char *sub, const char *var)
{
    size_t h = 1469598103934665603u;
    const char *parts[3] = {region, sub, var};
    for (int k = 0; k < 3; k++) {
        for (const char *p = parts[k]; *p; p++)
            h = (h ^ (unsigned char)*p) * 1099511628211u;
        h = (h ^ 0xff) * 1099511628211u;
    }
    return (h ^ (size_t)year) * 1099511628211u;
}

static int rivm_grow(wd_rivm_state *st, const wd_batch *b, wd_error *err)
{
    size_t ncap = st->cap ? st->cap * 2 : 1024;
    size_t *ns = calloc(ncap, sizeof *ns);
    if (!ns)
        return wd_error_set(err, WD_ENOMEM, "geen geheugen meer om de RIVM-marges samen te voegen");
    for (size_t i = 0; i < st->cap; i++) {
        if (!st->slots[i]) continue;
        const wd_obs *o = &b->obs[st->slots[i] - 1];
        size_t h = obs_hash(o->region, o->year, o->subgroup, o->variable) & (ncap - 1);
        while (ns[h])
            h = (h + 1) & (ncap - 1);
        ns[h] = st->slots[i];
    }
    free(st->slots);
    st->slots = ns;
    st->cap = ncap;
    return 0;
}

/* The batch was handed on (wd_rows_ctx.hand_on): its observations are gone, and rows that
 * follow start new ones, parts of those in the store. */
static void rivm_forget(wd_rivm_state *st)
{
    if (st->slots) memset(st->slots, 0, st->cap * sizeof *st->slots);
    st->n = 0;
}

/* The observation of (region, year, subgroup, variable), created empty when new. */
static int rivm_obs(wd_rivm_state *st, wd_batch *b, const wd_obs *key, wd_obs **out, wd_error *err)
{
    if ((st->n + 1) * 2 > st->cap) {
        int rc = rivm_grow(st, b, err);
        if (rc) return rc;
    }
    size_t h = obs_hash(key->region, key->year, key->subgroup, key->variable) & (st->cap - 1);
    while (st->slots[h]) {
        wd_obs *o = &b->obs[st->slots[h] - 1];
        if (o->year == key->year && strcmp(o->region, key->region) == 0 &&
            strcmp(o->subgroup, key->subgroup) == 0 && strcmp(o->variable, key->variable) == 0) {
            *out = o;
            return 0;
        }
        h = (h + 1) & (st->cap - 1);
    }
    int rc = wd_batch_add_obs(b, key, err);
    if (rc) return rc;
    st->slots[h] = b->n_obs;
    st->n++;
    *out = &b->obs[b->n_obs - 1];
    return 0;
}

static int rivm_row(void *x, json_t *row, size_t i, wd_error *err)
{
    rows_into *in = x;
    wd_batch *b = in->b;
    const wd_rows_ctx *ctx = in->ctx;
    char code[WD_CODE_MAX], marge[16], period[32], age[16];
    int inside = row_region(code, row, "WijkenEnBuurten", ctx, in->origin, i, err), rc = 0;
    if (inside <= 0) return inside;
    get_str(marge, sizeof marge, row, "Marges");
    get_str(period, sizeof period, row, "Perioden");
    get_str(age, sizeof age, row, "Leeftijd");
    int year = wd_parse_year(period);
    if (!year)
        return wd_error_set(err, WD_EPARSE, "%s: rij %zu (%s): Perioden '%s' is geen jaar",
                            in->origin, i + 1, code, period);
    int which; /* 0 value, 1 lower, 2 upper */
    if (strcmp(marge, "MW00000") == 0 || marge[0] == '\0')
        which = 0;
    else if (strcmp(marge, "MOG0095") == 0)
        which = 1;
    else if (strcmp(marge, "MBG0095") == 0)
        which = 2;
    else
        return 0; /* margin kinds this engine does not use */
    char name[WD_NAME_MAX] = "";
    if (which == 0 && wd_level_of_code(code) == WD_LEVEL_GEMEENTE)
        gemeente_name(name, sizeof name, row);
    if (which == 0) rc = wd_parse_region(b, code, name, ctx->indeling, err);
    const char *key;
    json_t *v;
    json_object_foreach(row, key, v)
    {
        if (rc) break;
        if (!strcmp(key, "Marges") || !strcmp(key, "Perioden") || !strcmp(key, "Leeftijd") ||
            !strcmp(key, "WijkenEnBuurten"))
            continue;
        char tmp[WD_VAR_MAX];
        const char *var = var_name(ctx, key, tmp, sizeof tmp);
        if (!var) continue;
        double x_;
        unsigned fl;
        if (!obs_value(v, 0, &x_, &fl)) continue;
        wd_obs k, *o;
        memset(&k, 0, sizeof k);
        snprintf(k.region, sizeof k.region, "%s", code);
        snprintf(k.variable, sizeof k.variable, "%s", var);
        snprintf(k.subgroup, sizeof k.subgroup, "%s", age);
        k.year = year;
        k.value = k.lo = k.hi = NAN;
        k.flags = WD_FLAG_MODEL | WD_FLAG_MISSING;
        k.source = ctx->source;
        rc = rivm_obs(in->st, b, &k, &o, err);
        if (rc) break;
        if (which == 0) {
            o->value = x_;
            if (!(fl & WD_FLAG_MISSING)) o->flags &= ~(unsigned)WD_FLAG_MISSING;
        } else if (which == 1) {
            o->lo = x_;
        } else {
            o->hi = x_;
        }
        o->parts |= (unsigned char)(1u << which);
    }
    if (!rc && (rc = wd_batch_hand_on(b, &ctx->hand_on, err)) > 0) {
        rivm_forget(in->st);
        rc = 0;
    }
    return rc;
}

int wd_odata_rivm_rows(wd_batch *b, const wd_rows_ctx *ctx, wd_rivm_state *st, const char *data,
                       size_t len, const char *origin, char **next, wd_error *err)
{
    rows_into in = {.b = b, .ctx = ctx, .st = st, .origin = origin};
    return page_rows(data, len, origin, rivm_row, &in, next, err);
}
