/* Implementation of wd_opgaven.h: the built-in opgaven and a user's file, read with jansson. */
#include "engine/wd_opgaven.h"

#include "engine/wd_indicators_int.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Generated at build time from indicators/opgaven.json (see CMakeLists.txt). */
extern const unsigned char wd_builtin_opgaven[];
extern const size_t wd_builtin_opgaven_len;

static int copy_text(char *dst, size_t cap, json_t *o, const char *key, const char *ctx,
                     wd_error *err)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_string(v) || json_string_length(v) == 0)
        return wd_error_set(err, WD_EPARSE, "%s: veld '%s' ontbreekt of is geen tekst", ctx, key);
    if (json_string_length(v) >= cap)
        return wd_error_set(err, WD_EPARSE, "%s: veld '%s' is langer dan %zu tekens", ctx, key,
                            cap - 1);
    memcpy(dst, json_string_value(v), json_string_length(v) + 1);
    return 0;
}

static int parse_component(wd_opgave_component *c, json_t *o, const wd_indicator_set *set,
                           const char *ctx, size_t k, wd_error *err)
{
    const char *id = json_string_value(json_object_get(o, "indicator"));
    c->indicator = id ? wd_indicators_find(set, id) : -1;
    if (c->indicator < 0)
        return wd_error_set(err, WD_EPARSE, "%s: component %zu: onbekende indicator '%s'", ctx,
                            k + 1, id ? id : "(geen)");
    json_t *w = json_object_get(o, "gewicht");
    c->weight = json_is_number(w) ? json_number_value(w) : -1;
    if (!(c->weight > 0) || !isfinite(c->weight))
        return wd_error_set(err, WD_EPARSE, "%s: component '%s': 'gewicht' moet positief zijn", ctx,
                            id);
    const char *dir = json_string_value(json_object_get(o, "richting"));
    /* Without a direction the indicator's own applies: worse is more need. */
    int own = -set->items[c->indicator].direction;
    if (!dir && own)
        c->sign = own;
    else if (dir && strcmp(dir, "hoger_meer_opgave") == 0)
        c->sign = 1;
    else if (dir && strcmp(dir, "lager_meer_opgave") == 0)
        c->sign = -1;
    else
        return wd_error_set(err, WD_EPARSE,
                            "%s: component '%s': 'richting' moet 'hoger_meer_opgave' of "
                            "'lager_meer_opgave' zijn%s",
                            ctx, id, dir ? "" : " (de indicator is neutraal)");
    return 0;
}

/* An opgave's fields after its id: `arg` is the opgave_json being read. */
typedef struct {
    wd_opgave *g;
    json_t *o;
    const wd_indicator_set *set;
} opgave_json;

static int parse_fields(void *arg, const char *ctx, wd_error *err)
{
    const opgave_json *a = arg;
    wd_opgave *g = a->g;
    int rc;
    if ((rc = copy_text(g->title, sizeof g->title, a->o, "titel", ctx, err)) ||
        (rc = copy_text(g->description, sizeof g->description, a->o, "omschrijving", ctx, err)))
        return rc;
    json_t *arr = json_object_get(a->o, "componenten"), *c;
    if (!json_is_array(arr) || json_array_size(arr) == 0 ||
        json_array_size(arr) > WD_OPG_MAX_COMPONENTS)
        return wd_error_set(err, WD_EPARSE, "%s: 'componenten' moet een lijst van 1 tot %d zijn",
                            ctx, WD_OPG_MAX_COMPONENTS);
    size_t k;
    g->n = 0;
    json_array_foreach(arr, k, c)
    {
        if ((rc = parse_component(&g->comp[k], c, a->set, ctx, k, err))) return rc;
        g->n++;
    }
    return 0;
}

static int parse_opgave(wd_opgave *g, json_t *o, const wd_indicator_set *set, const wd_doc *doc,
                        size_t index, wd_error *err)
{
    char ctx[200];
    memset(g, 0, sizeof *g);
    snprintf(ctx, sizeof ctx, "%s: opgave %zu", doc->name, index + 1);
    if (!json_is_object(o)) return wd_error_set(err, WD_EPARSE, "%s is geen object", ctx);
    int rc = copy_text(g->id, sizeof g->id, o, "id", ctx, err);
    if (rc) return rc;
    opgave_json arg = {g, o, set};
    return wd_indicators__in_context(doc, "opgave", g->id, parse_fields, &arg, err);
}

static int merge_opgaven(wd_opgave_set *opg, const wd_indicator_set *set, wd_doc doc, wd_error *err)
{
    json_t *root = NULL, *o;
    char *owned;
    int rc = wd_indicators__read(&root, &doc, &owned, err);
    json_t *arr = rc ? NULL : json_object_get(root, "opgaven");
    if (!rc && !json_is_array(arr))
        rc = wd_error_set(err, WD_EPARSE, "%s: lijst 'opgaven' ontbreekt", doc.name);
    size_t i;
    json_array_foreach(arr, i, o)
    {
        wd_opgave g;
        if (rc || (rc = parse_opgave(&g, o, set, &doc, i, err))) break;
        int at = wd_opgaven_find(opg, g.id);
        if (at < 0) {
            wd_opgave *p = realloc(opg->items, (opg->n + 1) * sizeof *p);
            if (!p) {
                rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer om %s te lezen", doc.name);
                break;
            }
            opg->items = p;
            at = (int)opg->n++;
        }
        opg->items[at] = g;
    }
    json_decref(root);
    free(owned);
    return rc;
}

static int load(wd_opgave_set **out, const wd_indicator_set *set, const wd_doc *user, wd_error *err)
{
    wd_opgave_set *opg = calloc(1, sizeof *opg);
    if (!opg) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de opgaven");
    wd_doc builtin = {"opgaven.json (ingebouwd)", (const char *)wd_builtin_opgaven,
                      wd_builtin_opgaven_len};
    int rc = merge_opgaven(opg, set, builtin, err);
    if (!rc && user) rc = merge_opgaven(opg, set, *user, err);
    if (rc) {
        wd_opgaven_free(opg);
        return rc;
    }
    *out = opg;
    return 0;
}

int wd_opgaven_load(wd_opgave_set **out, const wd_indicator_set *set, const char *user_file,
                    wd_error *err)
{
    wd_doc user = {user_file, NULL, 0};
    return load(out, set, user_file ? &user : NULL, err);
}

int wd_opgaven_load_text(wd_opgave_set **out, const wd_indicator_set *set, const char *name,
                         const char *text, size_t len, wd_error *err)
{
    wd_doc user = {name, text, len};
    return load(out, set, &user, err);
}

void wd_opgaven_free(wd_opgave_set *opg)
{
    if (!opg) return;
    free(opg->items);
    free(opg);
}

int wd_opgaven_find(const wd_opgave_set *opg, const char *id)
{
    for (size_t i = 0; i < opg->n; i++)
        if (strcmp(opg->items[i].id, id) == 0) return (int)i;
    return -1;
}
