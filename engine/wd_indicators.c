/* Implementation of wd_indicators.h: JSON definitions into wd_indicator_set (jansson). */
#include "engine/wd_indicators.h"

#include "engine/wd_file.h"
#include "engine/wd_indicators_int.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Generated at build time from the JSON files in indicators/ (see CMakeLists.txt). */
extern const unsigned char wd_builtin_indicators[];
extern const size_t wd_builtin_indicators_len;
extern const unsigned char wd_builtin_balance[];
extern const size_t wd_builtin_balance_len;

const char *const wd_indicator_domains[] = {"demografie", "draagkracht",  "draaglast",
                                            "gezondheid", "leefbaarheid", "sociaal-economisch",
                                            NULL};

#define WD_DEF_MAX_BYTES (16u << 20)

/* Read a user's file into memory, so that content errors can name a line too. */
static int read_doc(char **out, size_t *len, const char *path, wd_error *err)
{
    int rc = wd_file_read(path, WD_DEF_MAX_BYTES, out, len, err);
    /* Whatever keeps a definition file from being read, the definitions cannot be used. */
    if (rc && err) err->code = WD_EPARSE;
    return rc ? WD_EPARSE : 0;
}

static int parse_doc(json_t **out, const char *name, const char *text, size_t len, wd_error *err)
{
    json_error_t je;
    *out = json_loadb(text, len, 0, &je);
    if (!*out)
        return wd_error_set(err, WD_EPARSE, "%s: regel %d, kolom %d: %s", name, je.line, je.column,
                            je.text);
    return 0;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int wd_indicators__line(const char *text, size_t len, const char *key, const char *value)
{
    size_t kl = strlen(key), vl = strlen(value);
    int line = 1;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n') line++;
        if (text[i] != '"' || i + kl + 2 > len || memcmp(text + i + 1, key, kl) != 0 ||
            text[i + kl + 1] != '"')
            continue;
        size_t j = i + kl + 2;
        while (j < len && is_space(text[j]))
            j++;
        if (j >= len || text[j++] != ':') continue;
        while (j < len && is_space(text[j]))
            j++;
        if (j + vl + 2 <= len && text[j] == '"' && memcmp(text + j + 1, value, vl) == 0 &&
            text[j + vl + 1] == '"')
            return line;
    }
    return 0;
}

int wd_indicators__in_context(const wd_doc *doc, const char *what, const char *id,
                              int (*parse)(void *arg, const char *ctx, wd_error *err), void *arg,
                              wd_error *err)
{
    int rc = parse(arg, "", NULL);
    if (!rc || !err) return rc;
    char ctx[200];
    int line = wd_indicators__line(doc->text, doc->len, "id", id);
    if (line)
        snprintf(ctx, sizeof ctx, "%s: regel %d: %s '%s'", doc->name, line, what, id);
    else
        snprintf(ctx, sizeof ctx, "%s: %s '%s'", doc->name, what, id);
    return parse(arg, ctx, err);
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

size_t wd_indicators_term_text(char *buf, size_t cap, const char *sep, const wd_term *t)
{
    size_t n = (size_t)snprintf(buf, cap, "%s", sep);
    for (int k = 0; k < t->n && n < cap; k++)
        n += (size_t)snprintf(buf + n, cap - n, "%s%s", k ? " of " : "", t->name[k]);
    return n;
}

/* How a definition names one variable with its other names, for messages (a %d: the most). */
#define WD_TERM_LIST                                                                               \
    "een lijst van 1 tot %d namen van dezelfde variabele in verschillende edities, zoals "         \
    "[\"GoedErvarenGezondheid\", \"ErvarenGezondheidGoedZeerGoed\"]"

/* One variable of a formula: a name, or a list of the names it has in different editions.
 * `what` says where it stands in messages ("'formule.variabele'", "'formule.teller'[1]"). */
static int copy_term(wd_term *dst, json_t *v, const char *what, const char *ctx, wd_error *err)
{
    memset(dst, 0, sizeof *dst);
    size_t n = json_is_array(v) ? json_array_size(v) : 1;
    if (!(json_is_string(v) || (json_is_array(v) && n >= 1 && n <= WD_IND_MAX_NAMES)))
        return wd_error_set(err, WD_EPARSE, "%s: %s moet een variabelenaam zijn of " WD_TERM_LIST,
                            ctx, what, WD_IND_MAX_NAMES);
    for (size_t k = 0; k < n; k++) {
        json_t *name = json_is_array(v) ? json_array_get(v, k) : v;
        size_t len = json_string_length(name);
        if (!json_is_string(name) || len == 0 || len >= WD_VAR_MAX)
            return wd_error_set(
                err, WD_EPARSE,
                "%s: %s: naam %zu is geen variabelenaam (tekst van 1 tot %d tekens)", ctx, what,
                k + 1, WD_VAR_MAX - 1);
        for (int j = 0; j < dst->n; j++)
            if (strcmp(dst->name[j], json_string_value(name)) == 0)
                return wd_error_set(err, WD_EPARSE, "%s: %s noemt '%s' twee keer", ctx, what,
                                    dst->name[j]);
        memcpy(dst->name[dst->n++], json_string_value(name), len + 1);
    }
    return 0;
}

/* The terms summed in a numerator or denominator: a list of 1 to WD_IND_MAX_TERMS variables,
 * each as copy_term reads it. */
static int copy_terms(wd_term *dst, int *n, json_t *arr, const char *key, const char *ctx,
                      wd_error *err)
{
    if (!json_is_array(arr) || json_array_size(arr) == 0 || json_array_size(arr) > WD_IND_MAX_TERMS)
        return wd_error_set(err, WD_EPARSE,
                            "%s: 'formule.%s' moet een lijst van 1 tot %d variabelen zijn, elk een "
                            "variabelenaam of " WD_TERM_LIST,
                            ctx, key, WD_IND_MAX_TERMS, WD_IND_MAX_NAMES);
    *n = 0;
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v)
    {
        char what[48];
        snprintf(what, sizeof what, "'formule.%s'[%zu]", key, i);
        int rc = copy_term(&dst[(*n)++], v, what, ctx, err);
        if (rc) return rc;
    }
    return 0;
}

static double num_or(json_t *obj, const char *key, double dflt)
{
    json_t *v = json_object_get(obj, key);
    return json_is_number(v) ? json_number_value(v) : dflt;
}

static int parse_aggregation(wd_indicator *ind, json_t *o, const char *ctx, wd_error *err)
{
    static const char *const names[] = {"niet", "optellen", "gewogen"};
    json_t *v = json_object_get(o, "aggregatie");
    if (!v) {
        ind->aggregation = WD_AGG_NONE; /* inventing an aggregate would not be defensible */
        return 0;
    }
    for (int k = 0; k < 3; k++)
        if (json_is_string(v) && strcmp(json_string_value(v), names[k]) == 0) {
            ind->aggregation = (wd_aggregation)k;
            return 0;
        }
    return wd_error_set(err, WD_EPARSE,
                        "%s: 'aggregatie' moet 'optellen', 'gewogen' of 'niet' zijn", ctx);
}

static int check_domain(const wd_indicator *ind, const char *ctx, wd_error *err)
{
    if (!ind->domain[0]) return 0;
    for (const char *const *d = wd_indicator_domains; *d; d++)
        if (strcmp(*d, ind->domain) == 0) return 0;
    return wd_error_set(err, WD_EPARSE,
                        "%s: onbekend 'domein' '%s' (kies demografie, draagkracht, draaglast, "
                        "gezondheid, leefbaarheid of sociaal-economisch)",
                        ctx, ind->domain);
}

/* An indicator's fields after its id: `arg` is the indicator_json being read. */
typedef struct {
    wd_indicator *ind;
    json_t *o;
} indicator_json;

static int parse_fields(void *arg, const char *ctx, wd_error *err)
{
    wd_indicator *ind = ((indicator_json *)arg)->ind;
    json_t *o = ((indicator_json *)arg)->o;
    int rc;
    if ((rc = copy_str(ind->label, sizeof ind->label, o, "label", 1, ctx, err)) ||
        (rc = copy_str(ind->explanation, sizeof ind->explanation, o, "uitleg", 0, ctx, err)) ||
        (rc = copy_str(ind->unit, sizeof ind->unit, o, "eenheid", 0, ctx, err)) ||
        (rc = copy_str(ind->domain, sizeof ind->domain, o, "domein", 0, ctx, err)) ||
        (rc = copy_str(ind->source, sizeof ind->source, o, "bron", 0, ctx, err)) ||
        (rc = check_domain(ind, ctx, err)) || (rc = parse_aggregation(ind, o, ctx, err)))
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
        json_t *v = json_object_get(f, "variabele");
        if (!v) return wd_error_set(err, WD_EPARSE, "%s: veld 'formule.variabele' ontbreekt", ctx);
        if ((rc = copy_term(&ind->num[0], v, "'formule.variabele'", ctx, err))) return rc;
        ind->scale = 1;
    } else if (type && (strcmp(type, "aandeel") == 0 || strcmp(type, "verhouding") == 0 ||
                        strcmp(type, "per_1000") == 0 || strcmp(type, "verschil") == 0)) {
        int diff = strcmp(type, "verschil") == 0, per1000 = strcmp(type, "per_1000") == 0;
        ind->type = diff ? WD_FORMULA_DIFFERENCE : WD_FORMULA_SHARE;
        if ((rc = copy_terms(ind->num, &ind->n_num, json_object_get(f, "teller"), "teller", ctx,
                             err)) ||
            (rc = copy_terms(ind->den, &ind->n_den, json_object_get(f, "noemer"), "noemer", ctx,
                             err)))
            return rc;
        ind->scale = diff ? 1 : per1000 ? 1000 : num_or(f, "schaal", type[0] == 'a' ? 100 : 1);
        ind->of_counts = per1000 || strcmp(type, "aandeel") == 0;
        if (!(ind->scale > 0))
            return wd_error_set(err, WD_EPARSE, "%s: 'formule.schaal' moet positief zijn", ctx);
    } else {
        return wd_error_set(err, WD_EPARSE,
                            "%s: 'formule.type' moet 'waarde', 'aandeel', 'verhouding', "
                            "'per_1000' of 'verschil' zijn",
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

static int parse_indicator(wd_indicator *ind, json_t *o, const wd_doc *doc, size_t index,
                           wd_error *err)
{
    char ctx[200];
    memset(ind, 0, sizeof *ind);
    snprintf(ctx, sizeof ctx, "%s: indicator %zu", doc->name, index + 1);
    if (!json_is_object(o)) return wd_error_set(err, WD_EPARSE, "%s is geen object", ctx);
    int rc = copy_str(ind->id, sizeof ind->id, o, "id", 1, ctx, err);
    if (rc) return rc;
    indicator_json arg = {ind, o};
    return wd_indicators__in_context(doc, "indicator", ind->id, parse_fields, &arg, err);
}

/* Add or replace the indicators of one JSON document. */
static int merge_indicators(wd_indicator_set *set, json_t *root, const wd_doc *doc, wd_error *err)
{
    const char *file = doc->name;
    json_t *arr = json_object_get(root, "indicatoren");
    if (!json_is_array(arr))
        return wd_error_set(err, WD_EPARSE, "%s: lijst 'indicatoren' ontbreekt", file);
    size_t i;
    json_t *o;
    json_array_foreach(arr, i, o)
    {
        wd_indicator ind;
        int rc = parse_indicator(&ind, o, doc, i, err);
        if (rc) return rc;
        int at = wd_indicators_find(set, ind.id);
        if (at >= 0) {
            set->items[at] = ind;
            continue;
        }
        wd_indicator *p = realloc(set->items, (set->n + 1) * sizeof *p);
        if (!p) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer om %s te lezen", file);
        set->items = p;
        set->items[set->n++] = ind;
    }
    return 0;
}

static int parse_components(wd_component *out, int *n, const wd_indicator_set *set, json_t *arr,
                            const wd_doc *doc, const char *key, wd_error *err)
{
    const char *file = doc->name;
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
        if (!id)
            return wd_error_set(err, WD_EPARSE, "%s: '%s'[%zu]: veld 'indicator' ontbreekt", file,
                                key, i);
        if (at < 0)
            return wd_error_set(err, WD_EPARSE, "%s: regel %d: '%s'[%zu]: onbekende indicator '%s'",
                                file, wd_indicators__line(doc->text, doc->len, "indicator", id),
                                key, i, id);
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
                         const wd_doc *doc, wd_error *err)
{
    const char *file = doc->name;
    memset(b, 0, sizeof *b);
    b->scale = num_or(root, "schaal", 10);
    b->bound = num_or(root, "grens", 5);
    b->min_population = num_or(root, "min_inwoners", 100);
    b->max_years_back = (int)num_or(root, "max_jaren_terug", 4);
    if (!(b->scale > 0) || !(b->bound >= 0) || b->max_years_back < 0)
        return wd_error_set(
            err, WD_EPARSE,
            "%s: 'schaal' moet positief zijn, 'grens' en 'max_jaren_terug' niet negatief", file);
    json_t *ref = json_object_get(root, "referentie"),
           *norm = json_object_get(root, "normalisatie");
    const char *rs = json_string_value(ref), *ns = json_string_value(norm);
    if (ref && !(rs && (strcmp(rs, "gemeente") == 0 || strcmp(rs, "nederland") == 0)))
        return wd_error_set(err, WD_EPARSE, "%s: 'referentie' moet 'gemeente' of 'nederland' zijn",
                            file);
    if (norm && !(ns && (strcmp(ns, "z") == 0 || strcmp(ns, "index") == 0)))
        return wd_error_set(err, WD_EPARSE, "%s: 'normalisatie' moet 'z' of 'index' zijn", file);
    b->vs_land = rs && strcmp(rs, "nederland") == 0;
    b->as_index = ns && strcmp(ns, "index") == 0;
    int rc = parse_components(b->kracht, &b->n_kracht, set, json_object_get(root, "draagkracht"),
                              doc, "draagkracht", err);
    if (!rc)
        rc = parse_components(b->last, &b->n_last, set, json_object_get(root, "draaglast"), doc,
                              "draaglast", err);
    return rc;
}

int wd_indicators__read(json_t **out, wd_doc *doc, char **owned, wd_error *err)
{
    *owned = NULL;
    if (!doc->text) {
        int rc = read_doc(owned, &doc->len, doc->name, err);
        if (rc) return rc;
        doc->text = *owned;
    }
    return parse_doc(out, doc->name, doc->text, doc->len, err);
}

/* Parse one document and hand it to `use`. */
static int with_doc(wd_doc doc, wd_indicator_set *set,
                    int (*use)(wd_indicator_set *set, json_t *root, const wd_doc *doc,
                               wd_error *err),
                    wd_error *err)
{
    json_t *root = NULL;
    char *owned;
    int rc = wd_indicators__read(&root, &doc, &owned, err);
    if (!rc) rc = use(set, root, &doc, err);
    json_decref(root);
    free(owned);
    return rc;
}

static int use_balance(wd_indicator_set *set, json_t *root, const wd_doc *doc, wd_error *err)
{
    return parse_balance(&set->balance, set, root, doc, err);
}

static int load(wd_indicator_set **out, const wd_doc *user, const wd_doc *balance, wd_error *err)
{
    const wd_doc builtin = {"indicators.json (ingebouwd)", (const char *)wd_builtin_indicators,
                            wd_builtin_indicators_len};
    const wd_doc builtin_balance = {"draagkracht_draaglast.json (ingebouwd)",
                                    (const char *)wd_builtin_balance, wd_builtin_balance_len};
    wd_indicator_set *set = calloc(1, sizeof *set);
    if (!set) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de indicatoren");
    int rc = with_doc(builtin, set, merge_indicators, err);
    if (!rc && user) rc = with_doc(*user, set, merge_indicators, err);
    if (!rc) rc = with_doc(balance ? *balance : builtin_balance, set, use_balance, err);
    if (rc) {
        wd_indicators_free(set);
        return rc;
    }
    *out = set;
    return 0;
}

/* Into a new set `*out`: the indicators of `base` with those of `delta` replacing the ones
 * with the same id or added, as merging them one by one would. */
static int copy_merged(wd_indicator_set **out, const wd_indicator_set *base,
                       const wd_indicator_set *delta, wd_error *err)
{
    wd_indicator_set *set = calloc(1, sizeof *set);
    size_t cap = base->n + delta->n;
    wd_indicator *items = cap ? malloc(cap * sizeof *items) : NULL;
    if (!set || (cap && !items)) {
        free(set);
        free(items);
        return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de indicatoren");
    }
    *set = *base;
    set->items = items;
    if (base->n) memcpy(items, base->items, base->n * sizeof *items);
    for (size_t i = 0; i < delta->n; i++) {
        int at = wd_indicators_find(set, delta->items[i].id);
        items[at >= 0 ? (size_t)at : set->n++] = delta->items[i];
    }
    *out = set;
    return 0;
}

/* Document `d` on top of `base`. It is read on its own (a balance against `base`, which it
 * only reads) and `base` copied only once it is read whole: most documents a fuzzer makes
 * fail, and copying the set first dominated their cost. */
static int load_onto(wd_indicator_set **out, const wd_indicator_set *base, const wd_doc *d,
                     int is_balance, wd_error *err)
{
    wd_indicator_set view = *base, delta = {0};
    int rc = is_balance ? with_doc(*d, &view, use_balance, err)
                        : with_doc(*d, &delta, merge_indicators, err);
    /* The balance of `base` names indicators by index: replacing and adding keeps them. */
    if (!rc) rc = copy_merged(out, &view, &delta, err);
    free(delta.items);
    return rc;
}

int wd_indicators_load(wd_indicator_set **out, const char *user_file, const char *balance_file,
                       wd_error *err)
{
    wd_doc user = {user_file, NULL, 0}, balance = {balance_file, NULL, 0};
    return load(out, user_file ? &user : NULL, balance_file ? &balance : NULL, err);
}

int wd_indicators_load_text(wd_indicator_set **out, const wd_indicator_set *base, const char *name,
                            const char *text, size_t len, int is_balance, wd_error *err)
{
    wd_doc d = {name, text, len};
    if (base) return load_onto(out, base, &d, is_balance, err);
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
