/* CBS OData v3 parsers (KWB on opendata.cbs.nl, RIVM on dataderden.cbs.nl): bytes of one reply
 * in memory -> what it says, or records in a wd_batch. The JSON envelope, TableInfos, the
 * catalogue (ODataCatalog/Tables), DataProperties, the WijkenEnBuurten collection and
 * TypedDataSet rows of KWB and RIVM.
 *
 * Every parser takes (pointer, length) and never relies on NUL termination, so that the
 * adapters of wd_fetch.h, the tests and the libFuzzer harnesses (fuzz/) call the same code
 * without a network. `origin` is the URL or file name used in error messages ("ongeldige
 * JSON in <origin>, regel 3, kolom 17: ..."). A paged collection is read a page at a time:
 * `next` receives the page's owned "odata.nextLink" (NULL on the last page; `next` itself may
 * be NULL); wd_fetch.c follows it. */
#ifndef WD_ODATA_H
#define WD_ODATA_H

#include "engine/wd_batch.h"
#include "engine/wd_error.h"

#include <jansson.h>
#include <stddef.h>

/* One page of an OData v3 JSON reply. */
typedef struct {
    json_t *root;  /* owned: the whole document */
    json_t *value; /* borrowed from root: the array of records */
    char *next;    /* owned: "odata.nextLink", NULL on the last page */
} wd_odata_page;

/* Parse an OData v3 envelope {"value": [...], "odata.nextLink": "..."} (v4 names the link
 * "@odata.nextLink"; both are read). A bare JSON array is accepted as the value array (saved
 * extracts). Invalid JSON gives WD_EPARSE with line and column; a body starting with '<' is
 * reported as an Atom/XML reply ($format=json missing). On success the caller frees *out with
 * wd_odata_page_free; on failure *out is empty. */
int wd_odata_page_parse(wd_odata_page *out, const char *data, size_t len, const char *origin,
                        wd_error *err);
void wd_odata_page_free(wd_odata_page *p);

/* What TableInfos (or a catalogue entry, wd_catalog.h) says about a table. */
typedef struct {
    char title[160];     /* "Kerncijfers wijken en buurten 2024" */
    char identifier[32]; /* "85984NED" */
    int year;            /* the latest year in Period ("2024" -> 2024), 0 if none */
    int indeling;        /* the year of the area classification: "(indeling 2024)" in the
                          * title, else `year`; 0 if neither */
    char modified[32];   /* "Modified" as given ("2025-03-27T02:00:00"), "" if none */
} wd_tableinfo;

/* The table described by a TableInfos page (its first object); a page without one leaves
 * *out zeroed. */
int wd_odata_tableinfos(wd_tableinfo *out, const char *data, size_t len, const char *origin,
                        char **next, wd_error *err);
/* Fill the fields of *out from one TableInfos or catalogue object. */
void wd_odata_tableinfo_object(wd_tableinfo *out, json_t *row);

/* Tables of the CBS catalogue (ODataCatalog/Tables), as wd_tableinfo. */
typedef struct {
    wd_tableinfo *items;
    size_t n, cap;
} wd_tables;

/* One page of the catalogue, appended to *acc (start zeroed; free with wd_odata_tables_free,
 * also after a failure). Rows without an Identifier are skipped; more than 100,000 tables in
 * all is an error (the catalogue holds a few thousand). */
int wd_odata_catalog(wd_tables *acc, const char *data, size_t len, const char *origin, char **next,
                     wd_error *err);
void wd_odata_tables_free(wd_tables *t);

/* Kind of a DataProperties entry that matters for parsing rows and naming variables. */
typedef enum {
    WD_PROP_TOPIC = 1,
    WD_PROP_DIMENSION = 2,
    WD_PROP_GEODIMENSION = 3,
    WD_PROP_GROUP = 4 /* a TopicGroup: no field of its own, the context of the topics in it */
} wd_prop_type;

typedef struct {
    char key[WD_VAR_MAX + 16]; /* as the table spells it: "GemiddeldInkomenPerInwoner_72" */
    char name[WD_VAR_MAX];     /* variable name: see wd_odata_props_name */
    char title[160];
    char unit[48];
    wd_prop_type type;
    int is_text; /* Datatype "String": names, codes, postcodes — not observations */
    long id;     /* "ID" of the entry, -1 when absent */
    long parent; /* "ParentID": the TopicGroup it belongs to, -1 when none */
} wd_prop;

typedef struct {
    wd_prop *items;
    size_t n, cap;
} wd_props;

/* One page of DataProperties, appended to *acc (start from a zeroed wd_props): Type "Topic",
 * "Dimension", "GeoDimension" and "TopicGroup" entries are kept. The caller frees *acc with
 * wd_odata_props_free, also after a failure; names are set by wd_odata_props_name once every
 * page is in. */
int wd_odata_props_page(wd_props *acc, const char *data, size_t len, const char *origin,
                        char **next, wd_error *err);

/* Give every entry its variable name, the same in every year of a series of tables:
 *  - the key without its `_N` suffix ("GemiddeldInkomenPerInwoner_72" ->
 *    "GemiddeldInkomenPerInwoner"), which CBS renumbers between years and revisions;
 *  - a stem that occurs more than once among the table's topics (KWB: "Appartement" under
 *    electricity and under gas; "Nederland" by birth country and by origin) is named
 *    "<stem>_<Group>", where <Group> is the title of its nearest enclosing TopicGroup whose
 *    title differs from the group at the same depth above every other occurrence, written
 *    as CBS writes keys ("Gemiddelde elektriciteitslevering" -> "GemiddeldeElektriciteits-
 *    levering" without the hyphen): "Appartement_GemiddeldeElektriciteitslevering";
 *  - when the groups do not tell the occurrences apart, or the name would be too long or
 *    taken, the entry keeps its full key (as served, suffix included).
 * Group titles are stable across the KWB tables where suffixes move, so such a variable is
 * one series over the years. */
int wd_odata_props_name(wd_props *p, const char *origin, wd_error *err);

/* One whole DataProperties document: wd_odata_props_page, then wd_odata_props_name. On
 * success the caller frees with wd_odata_props_free. */
int wd_odata_props_parse(wd_props *out, const char *data, size_t len, const char *origin,
                         wd_error *err);
void wd_odata_props_free(wd_props *p);
/* borrowed — the entry whose key is `key` (compared after trimming), or NULL. */
const wd_prop *wd_odata_props_find(const wd_props *p, const char *key);

/* Context shared by the row parsers (also those of wd_odata4.h). */
typedef struct {
    int year;              /* KWB: year of the table (RIVM rows carry their own Perioden) */
    int indeling;          /* year of the area classification of the table, 0 if unknown */
    int source;            /* index of the wd_source in the batch, set on every observation */
    const char *gemeente;  /* "GM0344": keep only its rows and the country row; NULL keeps all */
    const wd_props *props; /* DataProperties of the table; NULL: strip suffixes of all keys */
    int *listed;           /* wd_odata_regions sets *listed to 1 when it reads the gemeente's
                            * own key (or any key without a gemeente); NULL: not asked */
    wd_hand_on hand_on;    /* of the KWB and RIVM rows: a national page is 1.2 million
                            * observations */
} wd_rows_ctx;

/* KWB TypedDataSet page: every numeric field becomes an observation for ctx->year; JSON null
 * gives NAN + WD_FLAG_MISSING; IndelingswijzigingGemeenteWijkBuurt (a string "1") is converted
 * to a number; Gemeentenaam/SoortRegio/Codering and other strings are not observations.
 * Adds a region per row; hands the batch on (ctx->hand_on) as it fills. */
int wd_odata_kwb_rows(wd_batch *b, const wd_rows_ctx *ctx, const char *data, size_t len,
                      const char *origin, char **next, wd_error *err);

/* The WijkenEnBuurten dimension collection (Key, Title): regions with names and parents. */
int wd_odata_regions(wd_batch *b, const wd_rows_ctx *ctx, const char *data, size_t len,
                     const char *origin, char **next, wd_error *err);

/* RIVM rows: the Marges rows MW00000 / MOG0095 / MBG0095 of one (region, Perioden, Leeftijd,
 * variable) become one observation with value, lo and hi and WD_FLAG_MODEL. Pages of one
 * table share a wd_rivm_state so that the three rows meet even across page boundaries; the
 * state refers to observations by their index, so it belongs to one batch. Handed on
 * (ctx->hand_on), the rows that follow give parts of observations (wd_obs.parts) that the
 * store puts together. Rows with other Marges codes are skipped. */
typedef struct wd_rivm_state wd_rivm_state;
/* new — caller frees with wd_odata_rivm_free(). NULL when out of memory. */
wd_rivm_state *wd_odata_rivm_new(void);
void wd_odata_rivm_free(wd_rivm_state *st);
int wd_odata_rivm_rows(wd_batch *b, const wd_rows_ctx *ctx, wd_rivm_state *st, const char *data,
                       size_t len, const char *origin, char **next, wd_error *err);

#endif
