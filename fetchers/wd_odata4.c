/* Implementation of wd_odata4.h, CBS Open Data v4 (datasets.cbs.nl): Properties, MeasureCodes
 * and Observations pages.
 *
 * v4 serves long rows, one per (region, period, measure), with unpadded codes and measure
 * codes ("T001036") that stay the same across years, unlike the moving `_N` suffixes of v3.
 * The measure code is therefore the variable; its title is kept apart (wd_measures). Whether
 * a value exists is said by ValueAttribute, not only by a null Value. */
#include "fetchers/wd_odata4.h"

#include "fetchers/wd_parse.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Trimmed copy of a string member; "" when absent, not a string or too long. */
static void member(char *dst, size_t cap, json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_string(v) || wd_parse_trim(dst, cap, json_string_value(v), json_string_length(v)))
        dst[0] = '\0';
}

int wd_odata4_properties(wd_tableinfo *out, const char *data, size_t len, const char *origin,
                         wd_error *err)
{
    memset(out, 0, sizeof *out);
    json_t *root;
    int rc = wd_parse_json(&root, data, len, origin, NULL, NULL, NULL, err);
    if (rc) return rc;
    member(out->identifier, sizeof out->identifier, root, "Identifier");
    json_t *t = json_object_get(root, "Title");
    if (!json_is_object(root) || !json_is_string(t)) {
        rc = wd_error_set(err, WD_EPARSE, "%s: Properties zonder \"Title\" (geen OData v4-tabel?)",
                          origin);
    } else {
        /* Titles are short; cut a long one at a UTF-8 character boundary. */
        size_t n = json_string_length(t);
        if (n >= sizeof out->title) n = sizeof out->title - 1;
        memcpy(out->title, json_string_value(t), n);
        while (n > 0 && ((unsigned char)out->title[n - 1] & 0xC0) == 0x80)
            n--;
        if (n > 0 && ((unsigned char)out->title[n - 1] & 0xC0) == 0xC0) n--;
        out->title[n] = '\0';
        char period[256];
        member(period, sizeof period, root, "TemporalCoverage");
        if (!period[0]) member(period, sizeof period, root, "Period");
        out->year = wd_parse_year(period);
    }
    json_decref(root);
    return rc;
}

void wd_odata4_measures_free(wd_measures *m)
{
    if (!m) return;
    free(m->items);
    m->items = NULL;
    m->n = 0;
}

const wd_measure *wd_odata4_measures_find(const wd_measures *m, const char *code)
{
    for (size_t i = 0; m && i < m->n; i++)
        if (strcmp(m->items[i].code, code) == 0) return &m->items[i];
    return NULL;
}

static void pass_next(wd_odata_page *pg, char **next)
{
    if (next) {
        *next = pg->next;
        pg->next = NULL;
    }
}

int wd_odata4_measures_page(wd_measures *m, const char *data, size_t len, const char *origin,
                            char **next, wd_error *err)
{
    if (next) *next = NULL;
    wd_odata_page pg;
    int rc = wd_odata_page_parse(&pg, data, len, origin, err);
    if (rc) return rc;
    size_t n = json_array_size(pg.value);
    wd_measure *items = realloc(m->items, (m->n + n + 1) * sizeof *items);
    if (!items) {
        wd_odata_page_free(&pg);
        return wd_parse_nomem(err, origin);
    }
    m->items = items;
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(pg.value, i);
        wd_measure *x = &m->items[m->n];
        memset(x, 0, sizeof *x);
        member(x->code, sizeof x->code, e, "Identifier");
        if (!x->code[0]) {
            rc = wd_error_set(err, WD_EPARSE, "%s: MeasureCodes-element %zu heeft geen Identifier",
                              origin, i + 1);
            break;
        }
        member(x->title, sizeof x->title, e, "Title");
        member(x->unit, sizeof x->unit, e, "Unit");
        m->n++;
    }
    if (!rc) pass_next(&pg, next);
    wd_odata_page_free(&pg);
    return rc;
}

/* Members of an Observations row that are not dimensions. */
static int is_fixed(const char *key)
{
    static const char *const fixed[] = {
        "Id",          "Measure",  "Value",           "ValueAttribute",
        "StringValue", "Perioden", "WijkenEnBuurten", "RegioS"};
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        if (strcmp(key, fixed[i]) == 0) return 1;
    return 0;
}

/* Value and flags of a row from Value and ValueAttribute. Returns 0, or -1 when Value is
 * neither a number nor null. */
static int row_value(json_t *row, double *out, unsigned *flags)
{
    json_t *v = json_object_get(row, "Value");
    char attr[32];
    member(attr, sizeof attr, row, "ValueAttribute");
    *flags = 0;
    *out = NAN;
    if (v && !json_is_null(v) && !json_is_number(v)) return -1;
    if (attr[0] && strcmp(attr, "None") != 0) {
        /* "Impossible" (CBS blank: cannot occur) and "Missing" are absent values; every other
         * attribute ("Confidential", "Unreliable", ...) withholds a value that exists. */
        *flags = strcmp(attr, "Impossible") == 0 || strcmp(attr, "Missing") == 0
                     ? WD_FLAG_MISSING
                     : WD_FLAG_SUPPRESSED;
        return 0;
    }
    if (json_is_number(v))
        *out = json_number_value(v);
    else
        *flags = WD_FLAG_MISSING;
    return 0;
}

int wd_odata4_observations(wd_batch *b, const wd_rows_ctx *ctx, const char *data, size_t len,
                           const char *origin, char **next, wd_error *err)
{
    if (next) *next = NULL;
    wd_odata_page pg;
    int rc = wd_odata_page_parse(&pg, data, len, origin, err);
    if (rc) return rc;
    char last[WD_CODE_MAX] = "";
    for (size_t i = 0; i < json_array_size(pg.value) && !rc; i++) {
        json_t *row = json_array_get(pg.value, i);
        if (!json_is_object(row)) {
            rc = wd_error_set(err, WD_EPARSE, "%s: rij %zu is geen object", origin, i + 1);
            break;
        }
        wd_obs o;
        memset(&o, 0, sizeof o);
        member(o.region, sizeof o.region, row, "WijkenEnBuurten");
        if (!o.region[0]) member(o.region, sizeof o.region, row, "RegioS");
        if (!o.region[0]) {
            rc = wd_error_set(err, WD_EPARSE,
                              "%s: rij %zu: geen regiocode in WijkenEnBuurten of RegioS", origin,
                              i + 1);
            break;
        }
        char place[WD_ERROR_MSG_MAX];
        snprintf(place, sizeof place, "%s: rij %zu, regiocode", origin, i + 1);
        int level;
        if ((rc = wd_parse_code(o.region, &level, place, err))) break;
        if (!wd_parse_in_gemeente(o.region, ctx->gemeente)) continue;
        member(o.variable, sizeof o.variable, row, "Measure");
        if (!o.variable[0]) {
            rc = wd_error_set(err, WD_EPARSE, "%s: rij %zu (%s): geen Measure", origin, i + 1,
                              o.region);
            break;
        }
        /* A text measure (StringValue) is not an observation. */
        json_t *sv = json_object_get(row, "StringValue");
        if (json_is_string(sv) && json_is_null(json_object_get(row, "Value"))) continue;
        char period[32];
        member(period, sizeof period, row, "Perioden");
        o.year = period[0] ? wd_parse_year(period) : ctx->year;
        if (!o.year) {
            rc = wd_error_set(err, WD_EPARSE, "%s: rij %zu (%s): %s", origin, i + 1, o.region,
                              period[0] ? "Perioden is geen jaar"
                                        : "geen Perioden en de tabel noemt geen jaar");
            break;
        }
        /* Further dimensions (Geslacht, Leeftijd, ...) make the subgroup: their codes in the
         * order of the row. */
        const char *key;
        json_t *v;
        json_object_foreach(row, key, v)
        {
            if (is_fixed(key) || !json_is_string(v)) continue;
            size_t used = strlen(o.subgroup);
            int n = snprintf(o.subgroup + used, sizeof o.subgroup - used, "%s%s", used ? "," : "",
                             json_string_value(v));
            if (n < 0 || (size_t)n >= sizeof o.subgroup - used) {
                rc = wd_error_set(err, WD_EPARSE,
                                  "%s: rij %zu (%s): dimensiecodes te lang voor een subgroep",
                                  origin, i + 1, o.region);
                break;
            }
        }
        if (rc) break;
        if (row_value(row, &o.value, &o.flags)) {
            rc = wd_error_set(err, WD_EPARSE, "%s: rij %zu (%s, %s): Value is geen getal", origin,
                              i + 1, o.region, o.variable);
            break;
        }
        o.lo = o.hi = NAN;
        o.source = ctx->source;
        /* Rows come grouped by region: add each region once per run rather than per row. */
        if (strcmp(last, o.region) != 0) {
            rc = wd_parse_region(b, o.region, "", ctx->indeling, err);
            snprintf(last, sizeof last, "%s", o.region);
        }
        if (!rc) rc = wd_batch_add_obs(b, &o, err);
    }
    if (!rc) pass_next(&pg, next);
    wd_odata_page_free(&pg);
    return rc;
}
