/* Implementation of wd_indicators.h: JSON definitions into wd_indicator_set (jansson). */
#include "engine/wd_indicators.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Generated at build time from the JSON files in indicators/ (see CMakeLists.txt). */
extern const unsigned char wd_builtin_indicators[];
extern const size_t wd_builtin_indicators_len;
extern const unsigned char wd_builtin_balance[];
extern const size_t wd_builtin_balance_len;

static int parse_json(json_t **out, const char *name, const char *text, size_t len, wd_error *err)
{
    json_error_t je;
    *out = text ? json_loadb(text, len, 0, &je) : json_load_file(name, 0, &je);
    if (!*out)
        return wd_error_set(err, WD_EPARSE, "%s: regel %d, kolom %d: %s", name, je.line, je.column,
                            je.text);
    return 0;
}

static int copy_str(char *dst, size_t cap, json_t *obj, const char *key, int required,
                    const char *ctx, wd_error *err)
{
    json_t *v = json_object_get(obj, key);
    if (!v) {
        if (required) return wd_error_set(err, WD_EPARSE, "%s: veld '%s' ontbreekt", ctx, key);
        dst[0] = '\0';
        return 0;
    }
    if (!json_is_string(v))
        return wd_error_set(err, WD_EPARSE, "%s: veld '%s' moet tekst zijn", ctx, key);
    if (json_string_length(v) >= cap)
        return wd_error_set(err, WD_EPARSE, "%s: veld '%s' is langer dan %zu tekens", ctx, key,
                            cap - 1);
    memcpy(dst, json_string_value(v), json_string_length(v) + 1);
    return 0;
}

static int copy_terms(char (*dst)[WD_VAR_MAX], int *n, json_t *arr, const char *key,
                      const char *ctx, wd_error *err)
{
    if (!json_is_array(arr) || json_array_size(arr) == 0 || json_array_size(arr) > WD_IND_MAX_TERMS)
        return wd_error_set(err, WD_EPARSE,
                            "%s: 'formule.%s' moet een lijst van 1 tot %d variabelen zijn", ctx,
                            key, WD_IND_MAX_TERMS);
    *n = 0;
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v)
    {
        if (!json_is_string(v) || json_string_length(v) >= WD_VAR_MAX)
            return wd_error_set(err, WD_EPARSE, "%s: 'formule.%s'[%zu] is geen variabelenaam", ctx,
                                key, i);
        memcpy(dst[(*n)++], json_string_value(v), json_string_length(v) + 1);
    }
    return 0;
}

static double num_or(json_t *obj, const char *key, double dflt)
{
    json_t *v = json_object_get(obj, key);
    return json_is_number(v) ? json_number_value(v) : dflt;
}

static int parse_indicator(wd_indicator *ind, json_t *o, const char *file, size_t index,
                           wd_error *err)
{
    char ctx[200];
    memset(ind, 0, sizeof *ind);
    snprintf(ctx, sizeof ctx, "%s: indicator %zu", file, index + 1);
    if (!json_is_object(o)) return wd_error_set(err, WD_EPARSE, "%s is geen object", ctx);
    int rc = copy_str(ind->id, sizeof ind->id, o, "id", 1, ctx, err);
    if (rc) return rc;
    snprintf(ctx, sizeof ctx, "%s: indicator '%s'", file, ind->id);
    if ((rc = copy_str(ind->label, sizeof ind->label, o, "label", 1, ctx, err)) ||
        (rc = copy_str(ind->explanation, sizeof ind->explanation, o, "uitleg", 0, ctx, err)) ||
        (rc = copy_str(ind->unit, sizeof ind->unit, o, "eenheid", 0, ctx, err)) ||
        (rc = copy_str(ind->domain, sizeof ind->domain, o, "domein", 0, ctx, err)) ||
        (rc = copy_str(ind->source, sizeof ind->source, o, "bron", 0, ctx, err)))
        return rc;
    ind->decimals = (int)num_or(o, "decimalen", 1);
    if (ind->decimals < 0 || ind->decimals > 6)
        return wd_error_set(err, WD_EPARSE, "%s: 'decimalen' moet tussen 0 en 6 liggen", ctx);
    ind->min_den = num_or(o, "min_noemer", 0);

    json_t *f = json_object_get(o, "formule");
    if (!json_is_object(f))
        return wd_error_set(err, WD_EPARSE, "%s: veld 'formule' ontbreekt of is geen object", ctx);
    const char *type = json_string_value(json_object_get(f, "type"));
    if ((rc = copy_str(ind->subgroup, sizeof ind->subgroup, f, "subgroep", 0, ctx, err))) return rc;
    if (type && strcmp(type, "waarde") == 0) {
        ind->type = WD_FORMULA_VALUE;
        ind->n_num = 1;
        if ((rc = copy_str(ind->num[0], WD_VAR_MAX, f, "variabele", 1, ctx, err))) return rc;
        ind->scale = 1;
    } else if (type && strcmp(type, "aandeel") == 0) {
        ind->type = WD_FORMULA_SHARE;
        if ((rc = copy_terms(ind->num, &ind->n_num, json_object_get(f, "teller"), "teller", ctx,
                             err)) ||
            (rc = copy_terms(ind->den, &ind->n_den, json_object_get(f, "noemer"), "noemer", ctx,
                             err)))
            return rc;
        ind->scale = num_or(f, "schaal", 100);
        if (!(ind->scale > 0))
            return wd_error_set(err, WD_EPARSE, "%s: 'formule.schaal' moet positief zijn", ctx);
    } else {
        return wd_error_set(err, WD_EPARSE, "%s: 'formule.type' moet 'waarde' of 'aandeel' zijn",
                            ctx);
    }

    const char *dir = json_string_value(json_object_get(o, "richting"));
    if (!dir || strcmp(dir, "neutraal") == 0)
        ind->direction = 0;
    else if (strcmp(dir, "hoger_beter") == 0)
        ind->direction = 1;
    else if (strcmp(dir, "hoger_slechter") == 0)
        ind->direction = -1;
    else
        return wd_error_set(
            err, WD_EPARSE,
            "%s: 'richting' moet 'hoger_beter', 'hoger_slechter' of 'neutraal' zijn", ctx);

    json_t *flags = json_object_get(o, "vlaggen"), *v;
    size_t i;
    json_array_foreach(flags, i, v)
    {
        const char *s = json_string_value(v);
        if (s && strcmp(s, "proxy") == 0)
            ind->flags |= WD_FLAG_PROXY;
        else if (s && strcmp(s, "modelschatting") == 0)
            ind->flags |= WD_FLAG_MODEL;
        else
            return wd_error_set(
                err, WD_EPARSE,
                "%s: onbekende vlag in 'vlaggen' (kies 'proxy' of 'modelschatting')", ctx);
    }
    return 0;
}

/* Add or replace the indicators of one JSON document. */
static int merge_indicators(wd_indicator_set *set, json_t *root, const char *file, wd_error *err)
{
    json_t *arr = json_object_get(root, "indicatoren");
    if (!json_is_array(arr))
        return wd_error_set(err, WD_EPARSE, "%s: lijst 'indicatoren' ontbreekt", file);
    size_t i;
    json_t *o;
    json_array_foreach(arr, i, o)
    {
        wd_indicator ind;
        int rc = parse_indicator(&ind, o, file, i, err);
        if (rc) return rc;
        int at = wd_indicators_find(set, ind.id);
        if (at >= 0) {
            set->items[at] = ind;
            continue;
        }
        wd_indicator *p = realloc(set->items, (set->n + 1) * sizeof *p);
        if (!p) return wd_error_set(err, WD_ENOMEM, "out of memory reading %s", file);
        set->items = p;
        set->items[set->n++] = ind;
    }
    return 0;
}

static int parse_components(wd_component *out, int *n, const wd_indicator_set *set, json_t *arr,
                            const char *file, const char *key, wd_error *err)
{
    if (!json_is_array(arr) || json_array_size(arr) == 0 ||
        json_array_size(arr) > WD_BAL_MAX_COMPONENTS)
        return wd_error_set(err, WD_EPARSE, "%s: '%s' moet een lijst van 1 tot %d componenten zijn",
                            file, key, WD_BAL_MAX_COMPONENTS);
    size_t i;
    json_t *o;
    *n = 0;
    json_array_foreach(arr, i, o)
    {
        const char *id = json_string_value(json_object_get(o, "indicator"));
        int at = id ? wd_indicators_find(set, id) : -1;
        if (at < 0)
            return wd_error_set(err, WD_EPARSE, "%s: '%s'[%zu]: onbekende indicator '%s'", file,
                                key, i, id ? id : "(geen)");
        double w = num_or(o, "gewicht", 1);
        if (!(w > 0) || !isfinite(w))
            return wd_error_set(err, WD_EPARSE, "%s: '%s'[%zu]: gewicht moet positief zijn", file,
                                key, i);
        out[*n].indicator = at;
        out[*n].weight = w;
        (*n)++;
    }
    return 0;
}

static int parse_balance(wd_balance_def *b, const wd_indicator_set *set, json_t *root,
                         const char *file, wd_error *err)
{
    memset(b, 0, sizeof *b);
    b->scale = num_or(root, "schaal", 10);
    b->bound = num_or(root, "grens", 5);
    b->min_population = num_or(root, "min_inwoners", 100);
    b->max_years_back = (int)num_or(root, "max_jaren_terug", 4);
    if (!(b->scale > 0) || !(b->bound >= 0) || b->max_years_back < 0)
        return wd_error_set(
            err, WD_EPARSE,
            "%s: 'schaal' moet positief zijn, 'grens' en 'max_jaren_terug' niet negatief", file);
    int rc = parse_components(b->kracht, &b->n_kracht, set, json_object_get(root, "draagkracht"),
                              file, "draagkracht", err);
    if (!rc)
        rc = parse_components(b->last, &b->n_last, set, json_object_get(root, "draaglast"), file,
                              "draaglast", err);
    return rc;
}

/* A definition document: from a file (text == NULL) or from memory. */
typedef struct {
    const char *name;
    const char *text;
    size_t len;
} doc_src;

static int load(wd_indicator_set **out, const doc_src *user, const doc_src *balance, wd_error *err)
{
    static const char builtin_name[] = "indicators.json (ingebouwd)";
    static const char builtin_balance[] = "draagkracht_draaglast.json (ingebouwd)";
    wd_indicator_set *set = calloc(1, sizeof *set);
    json_t *doc = NULL;
    if (!set) return wd_error_set(err, WD_ENOMEM, "out of memory loading indicators");
    int rc = parse_json(&doc, builtin_name, (const char *)wd_builtin_indicators,
                        wd_builtin_indicators_len, err);
    if (!rc) rc = merge_indicators(set, doc, builtin_name, err);
    json_decref(doc);
    doc = NULL;
    if (!rc && user) {
        rc = parse_json(&doc, user->name, user->text, user->len, err);
        if (!rc) rc = merge_indicators(set, doc, user->name, err);
        json_decref(doc);
        doc = NULL;
    }
    if (!rc) {
        doc_src def = {builtin_balance, (const char *)wd_builtin_balance, wd_builtin_balance_len};
        const doc_src *b = balance ? balance : &def;
        rc = parse_json(&doc, b->name, b->text, b->len, err);
        if (!rc) rc = parse_balance(&set->balance, set, doc, b->name, err);
        json_decref(doc);
    }
    if (rc) {
        wd_indicators_free(set);
        return rc;
    }
    *out = set;
    return 0;
}

int wd_indicators_load(wd_indicator_set **out, const char *user_file, const char *balance_file,
                       wd_error *err)
{
    doc_src user = {user_file, NULL, 0}, balance = {balance_file, NULL, 0};
    return load(out, user_file ? &user : NULL, balance_file ? &balance : NULL, err);
}

int wd_indicators_load_text(wd_indicator_set **out, const char *name, const char *text, size_t len,
                            int is_balance, wd_error *err)
{
    doc_src d = {name, text, len};
    return load(out, is_balance ? NULL : &d, is_balance ? &d : NULL, err);
}

void wd_indicators_free(wd_indicator_set *set)
{
    if (!set) return;
    free(set->items);
    free(set);
}

int wd_indicators_find(const wd_indicator_set *set, const char *id)
{
    for (size_t i = 0; i < set->n; i++)
        if (strcmp(set->items[i].id, id) == 0) return (int)i;
    return -1;
}
