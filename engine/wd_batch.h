/* Records on their way from a parser into the store.
 *
 * Parsers (fetchers/) append what they read to a wd_batch: the sources they read, the
 * regions they saw, the observations in long format and region geometries. The store
 * imports a whole batch in one transaction (wd_store_import), so a failing parse never
 * leaves half a source behind; a fetch adds batches, one source or part of one, to one open
 * transaction (wd_store_add) that a failure rolls back. Variables keep the name the source
 * gave them with the CBS `_N` suffix stripped; parsers never compute indicators. */
#ifndef WD_BATCH_H
#define WD_BATCH_H

#include "engine/wd_error.h"
#include "engine/wd_level.h"

#include <stddef.h>

#define WD_CODE_MAX 16  /* "BU0363AD03" plus room; CBS pads to 10 */
#define WD_NAME_MAX 128 /* region names; CBS pads Gemeentenaam_1 to 40 */
#define WD_VAR_MAX 80   /* variable key without suffix */

/* Observation flags (bit set). A missing or suppressed value is never zero: its value is NAN.
 * They fit in one byte, as the packed series and the dataset keep them. The last three say
 * why a CBS geo product or KWB-derived file has no value (its special codes, DOMAIN 3.7),
 * always together with MISSING or SUPPRESSED; wd_batch_flag_reason words them. */
enum {
    WD_FLAG_MISSING = 1u << 0,      /* source had no value (null, blank, <= -99990) */
    WD_FLAG_SUPPRESSED = 1u << 1,   /* CBS "." : unknown, unreliable or secret */
    WD_FLAG_MODEL = 1u << 2,        /* small-area model estimate (RIVM SMAP) */
    WD_FLAG_PROXY = 1u << 3,        /* approximation of the intended quantity */
    WD_FLAG_AGGREGATED = 1u << 4,   /* wijk/gemeente value computed from its buurten */
    WD_FLAG_LATER = 1u << 5,        /* -99995: comes in a later delivery (with MISSING) */
    WD_FLAG_DISCONTINUED = 1u << 6, /* -99991: no longer published (with MISSING) */
    WD_FLAG_SECRET = 1u << 7        /* -99997: secret (with SUPPRESSED) */
};

/* borrowed — why a value with `flags` is missing, in Dutch for messages and pages: "volgt in
 * een latere levering", "niet meer gepubliceerd", "geheim", "onbekend, onbetrouwbaar of
 * geheim" (CBS "."), "geen gegevens"; NULL when the flags mark no missing value. */
const char *wd_batch_flag_reason(unsigned flags);

typedef struct {
    char code[WD_CODE_MAX]; /* trimmed: "BU03440511" */
    char name[WD_NAME_MAX]; /* trimmed, UTF-8 */
    wd_level level;
    char parent[WD_CODE_MAX]; /* wijk of a buurt, gemeente of a wijk, "NL00" of a gemeente; "" if
                                 unknown */
    int indeling;             /* year of the area classification (indeling), 0 if unknown */
} wd_region;

typedef struct {
    char table_id[32];     /* "85984NED", "50120NED", "lbm3-buurt", "pdok-wijkenbuurten-2024" */
    char title[160];       /* "Kerncijfers wijken en buurten 2024" */
    char publisher[32];    /* "CBS", "RIVM/CBS", "Leefbaarometer", "PDOK" */
    char url[512];         /* where the bytes came from (http(s):// or file://) */
    char retrieved_at[32]; /* ISO 8601 UTC, "2026-11-24T13:40:00Z" */
    char licence[32];      /* "CC BY 4.0", "CC0" */
    char sha256[65];       /* hex SHA-256 of the raw bytes, "" if unknown */
    int indeling;          /* year of the area classification its figures are in (KWB: the
                            * table's year; RIVM 50150NED: 2024; PDOK: the boundary year); 0 if
                            * unknown. Every observation is in the indeling of its source. */
} wd_source;

typedef struct {
    char region[WD_CODE_MAX];
    int year;
    char variable[WD_VAR_MAX]; /* suffix stripped: "AantalInwoners" */
    char subgroup[16];         /* extra dimension, e.g. RIVM Leeftijd "20300"; "" if none */
    double value;              /* NAN when missing or suppressed */
    double lo, hi;             /* 95% interval bounds; NAN when unknown */
    unsigned flags;            /* WD_FLAG_* */
    int source;                /* index returned by wd_batch_add_source */
    unsigned char parts;       /* WD_PART_*: what this observation gives when it is part of one
                                * (RIVM's Marges rows, handed to the store before the table
                                * ends, can split it); 0: all of it */
} wd_obs;

/* Parts of an observation (wd_obs.parts): the value with its flags, the lower and the upper
 * bound. The store puts the parts of one observation together. */
enum { WD_PART_VALUE = 1u << 0, WD_PART_LO = 1u << 1, WD_PART_HI = 1u << 2 };

typedef struct {
    char region[WD_CODE_MAX];
    int year;      /* boundary year */
    char *geojson; /* owned: the GeoJSON geometry object as text, CRS84 lon/lat */
} wd_geometry;

/* A variable as its table served it (OData DataProperties), kept for the QA report
 * (`wijkdata controle`): suffixes that move between years or deliveries, titles and units
 * that change. */
typedef struct {
    char table_id[32];
    int year;                  /* the table's year (KWB), 0 when it has several (RIVM) */
    char name[WD_VAR_MAX];     /* the stored name: "GemiddeldInkomenPerInwoner" */
    char key[WD_VAR_MAX + 16]; /* as served: "GemiddeldInkomenPerInwoner_72" */
    char title[160];
    char unit[48];
    int source; /* index returned by wd_batch_add_source: when it was served */
} wd_variable;

typedef struct {
    wd_source *sources;
    size_t n_sources, cap_sources;
    wd_region *regions;
    size_t n_regions, cap_regions;
    wd_obs *obs;
    size_t n_obs, cap_obs;
    wd_geometry *geoms;
    size_t n_geoms, cap_geoms;
    wd_variable *vars;
    size_t n_vars, cap_vars;
} wd_batch;

/* A batch handed on as it fills, so that a national table is not held whole: a parser calls
 * fn between records once the batch holds `obs` observations; fn puts the rows into the
 * store's open transaction and takes them away (wd_batch_clear_rows), keeping the sources the
 * rows that follow refer to. A failure after a hand-on leaves the rows handed on in that
 * transaction: the caller rolls it back. fn NULL: the batch holds everything. */
typedef struct {
    int (*fn)(wd_batch *b, void *x, wd_error *err);
    void *x;
    size_t obs;
} wd_hand_on;

/* new — caller frees with wd_batch_free(). NULL when out of memory. */
wd_batch *wd_batch_new(void);
void wd_batch_free(wd_batch *b);
/* Empty `b` for the next source, keeping its memory. */
void wd_batch_clear(wd_batch *b);
/* Empty `b` of its regions, observations, geometries and variables but keep its sources: the
 * rows that follow still refer to them by index (a national table handed to the store in
 * parts). */
void wd_batch_clear_rows(wd_batch *b);
/* What a parser calls between records: hand `b` on through `on` (NULL, or fn NULL: never) once
 * it holds on->obs observations. 1 when it was handed on, 0 when not, or fn's error. */
int wd_batch_hand_on(wd_batch *b, const wd_hand_on *on, wd_error *err);

/* Append a copy of `s`; returns its index (>= 0) or a negative wd_code. */
int wd_batch_add_source(wd_batch *b, const wd_source *s, wd_error *err);
/* Append a copy of `r`. A region seen twice is kept once (the later name wins). */
int wd_batch_add_region(wd_batch *b, const wd_region *r, wd_error *err);
/* Append a copy of `o`. */
int wd_batch_add_obs(wd_batch *b, const wd_obs *o, wd_error *err);
/* Append a variable as served: the table, its year, the stored name, the key, title and unit
 * (truncated to fit), and the source it came with. */
int wd_batch_add_variable(wd_batch *b, const char *table_id, int year, const char *name,
                          const char *key, const char *title, const char *unit, int source,
                          wd_error *err);
/* Append the geometry of region `region` (a trimmed code) for `year`; copies `len` bytes of
 * `geojson`. A code longer than WD_CODE_MAX - 1 is WD_EPARSE. */
int wd_batch_add_geometry(wd_batch *b, const char *region, int year, const char *geojson,
                          size_t len, wd_error *err);

#endif
