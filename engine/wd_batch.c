/* Implementation of wd_batch.h: growable arrays of records. */
#include "engine/wd_batch.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

wd_batch *wd_batch_new(void)
{
    return calloc(1, sizeof(wd_batch));
}

int wd_batch_hand_on(wd_batch *b, const wd_hand_on *on, wd_error *err)
{
    if (!on || !on->fn || b->n_obs < on->obs) return 0;
    int rc = on->fn(b, on->x, err);
    return rc ? rc : 1;
}

void wd_batch_clear_rows(wd_batch *b)
{
    for (size_t i = 0; i < b->n_geoms; i++)
        free(b->geoms[i].geojson);
    b->n_regions = b->n_obs = b->n_geoms = b->n_vars = 0;
}

void wd_batch_clear(wd_batch *b)
{
    wd_batch_clear_rows(b);
    b->n_sources = 0;
}

void wd_batch_free(wd_batch *b)
{
    if (!b) return;
    wd_batch_clear(b);
    free(b->sources);
    free(b->regions);
    free(b->obs);
    free(b->geoms);
    free(b->vars);
    free(b);
}

/* Make room for one more element of size `elem` in *items (count n, capacity *cap). */
static int grow(void **items, size_t n, size_t *cap, size_t elem, wd_error *err)
{
    if (n < *cap) return 0;
    size_t ncap = *cap ? *cap * 2 : 64;
    void *p = realloc(*items, ncap * elem);
    if (!p) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor %zu records", ncap);
    *items = p;
    *cap = ncap;
    return 0;
}

int wd_batch_add_source(wd_batch *b, const wd_source *s, wd_error *err)
{
    int rc = grow((void **)&b->sources, b->n_sources, &b->cap_sources, sizeof *s, err);
    if (rc) return rc;
    b->sources[b->n_sources] = *s;
    return (int)b->n_sources++;
}

int wd_batch_add_region(wd_batch *b, const wd_region *r, wd_error *err)
{
    /* Regions arrive once per source row; the store deduplicates on import (upsert), so a
     * linear search here would only cost time on national batches. */
    int rc = grow((void **)&b->regions, b->n_regions, &b->cap_regions, sizeof *r, err);
    if (rc) return rc;
    b->regions[b->n_regions++] = *r;
    return 0;
}

int wd_batch_add_obs(wd_batch *b, const wd_obs *o, wd_error *err)
{
    int rc = grow((void **)&b->obs, b->n_obs, &b->cap_obs, sizeof *o, err);
    if (rc) return rc;
    b->obs[b->n_obs++] = *o;
    return 0;
}

int wd_batch_add_variable(wd_batch *b, const char *table_id, int year, const char *name,
                          const char *key, const char *title, const char *unit, int source,
                          wd_error *err)
{
    int rc = grow((void **)&b->vars, b->n_vars, &b->cap_vars, sizeof *b->vars, err);
    if (rc) return rc;
    wd_variable *v = &b->vars[b->n_vars++];
    snprintf(v->table_id, sizeof v->table_id, "%s", table_id);
    v->year = year;
    snprintf(v->name, sizeof v->name, "%s", name);
    snprintf(v->key, sizeof v->key, "%s", key);
    snprintf(v->title, sizeof v->title, "%s", title);
    snprintf(v->unit, sizeof v->unit, "%s", unit);
    v->source = source;
    return 0;
}

int wd_batch_add_geometry(wd_batch *b, const char *region, int year, const char *geojson,
                          size_t len, wd_error *err)
{
    int rc = grow((void **)&b->geoms, b->n_geoms, &b->cap_geoms, sizeof *b->geoms, err);
    if (rc) return rc;
    wd_geometry *g = &b->geoms[b->n_geoms];
    memset(g, 0, sizeof *g);
    size_t n = strlen(region);
    if (n >= sizeof g->region)
        return wd_error_set(err, WD_EPARSE, "regiocode te lang: '%.40s'", region);
    memcpy(g->region, region, n + 1);
    g->year = year;
    g->geojson = malloc(len + 1);
    if (!g->geojson)
        return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor een geometrie van %zu bytes",
                            len);
    memcpy(g->geojson, geojson, len);
    g->geojson[len] = '\0';
    b->n_geoms++;
    return 0;
}

const char *wd_batch_flag_reason(unsigned flags)
{
    if (flags & WD_FLAG_LATER) return "volgt in een latere levering";
    if (flags & WD_FLAG_DISCONTINUED) return "niet meer gepubliceerd";
    if (flags & WD_FLAG_SECRET) return "geheim";
    if (flags & WD_FLAG_SUPPRESSED) return "onbekend, onbetrouwbaar of geheim";
    if (flags & WD_FLAG_MISSING) return "geen gegevens";
    return NULL;
}
