/* Internal parser layer of the fetchers: bytes in memory -> records in a wd_batch.
 *
 * Every parser takes (pointer, length) and never relies on NUL termination, so that the
 * adapters of wd_fetch.h, the tests and the libFuzzer harnesses (fuzz/) call the same code
 * without a network. `origin` is the URL or file name used in error messages ("ongeldige
 * JSON in <origin>, regel 3, kolom 17: ..."). Nothing here fetches; wd_fetch.c strings
 * these together with wd_http. Not part of the public library API. */
#ifndef WD_PARSE_H
#define WD_PARSE_H

#include "engine/wd_batch.h"
#include "engine/wd_error.h"

#include <jansson.h>
#include <stddef.h>

/* ---- OData v3 -------------------------------------------------------------------- */

/* One page of an OData v3 JSON reply. */
typedef struct {
    json_t *root;  /* owned: the whole document */
    json_t *value; /* borrowed from root: the array of records */
    char *next;    /* owned: "odata.nextLink", NULL on the last page */
} wd_odata_page;

/* Parse an OData v3 envelope {"value": [...], "odata.nextLink": "..."}. A bare JSON array
 * is accepted as the value array (saved extracts). Invalid JSON gives WD_EPARSE with line and
 * column; a body starting with '<' is reported as an Atom/XML reply ($format=json missing).
 * On success the caller frees *out with wd_odata_page_free; on failure *out is empty. */
int wd_parse_odata(wd_odata_page *out, const char *data, size_t len, const char *origin,
                   wd_error *err);
void wd_odata_page_free(wd_odata_page *p);

/* What TableInfos says about a table. */
typedef struct {
    char title[160];     /* "Kerncijfers wijken en buurten 2024" */
    char identifier[32]; /* "85984NED" */
    int year;            /* the latest year in Period ("2024" -> 2024), 0 if none */
} wd_tableinfo;

int wd_parse_tableinfos(wd_tableinfo *out, const char *data, size_t len, const char *origin,
                        wd_error *err);

/* Kind of a DataProperties entry that matters for parsing rows. */
typedef enum { WD_PROP_TOPIC = 1, WD_PROP_DIMENSION = 2, WD_PROP_GEODIMENSION = 3 } wd_prop_type;

typedef struct {
    char key[WD_VAR_MAX + 16]; /* as the table spells it: "GemiddeldInkomenPerInwoner_72" */
    char name[WD_VAR_MAX];     /* variable name: the key without its _N suffix, or the full
                                * key when two keys of one table strip to the same name */
    char title[160];
    char unit[48];
    wd_prop_type type;
    int is_text; /* Datatype "String": names, codes, postcodes — not observations */
} wd_prop;

typedef struct {
    wd_prop *items;
    size_t n;
} wd_props;

/* Parse DataProperties: only Type "Topic", "Dimension" and "GeoDimension" entries are kept.
 * On success the caller frees with wd_props_free. */
int wd_parse_dataproperties(wd_props *out, const char *data, size_t len, const char *origin,
                            wd_error *err);
void wd_props_free(wd_props *p);
/* borrowed — the entry whose key is `key` (compared after trimming), or NULL. */
const wd_prop *wd_props_find(const wd_props *p, const char *key);

/* Context shared by the row parsers. */
typedef struct {
    int year;              /* KWB: year of the table (RIVM rows carry their own Perioden) */
    int indeling;          /* year of the area classification of the table, 0 if unknown */
    int source;            /* index of the wd_source in the batch, set on every observation */
    const char *gemeente;  /* "GM0344": keep only its rows and the country row; NULL keeps all */
    const wd_props *props; /* DataProperties of the table; NULL: strip suffixes of all keys */
} wd_rows_ctx;

/* The latest plausible 4-digit year in a text: "2024" -> 2024, "2012, 2016, 2020, 2022" ->
 * 2022, "2022JJ00" -> 2022; 0 when there is none. */
int wd_parse_year(const char *s);

/* 1 when `code` (trimmed) belongs to gemeente `gm` ("GM0344") or is the country (NL..). */
int wd_code_in_gemeente(const char *code, const char *gm);
/* The parent of an area code, derived from the code itself: BU03440511 -> WK034405,
 * WK034405 -> GM0344, GM0344 -> NL00, anything else -> "". */
void wd_parent_of_code(char *dst, size_t cap, const char *code);

/* KWB TypedDataSet page: every numeric field becomes an observation for ctx->year; JSON null
 * gives NAN + WD_FLAG_MISSING; IndelingswijzigingGemeenteWijkBuurt (a string "1") is converted
 * to a number; Gemeentenaam/SoortRegio/Codering and other strings are not observations.
 * Adds a region per row. *next (may be NULL) receives the owned nextLink or NULL. */
int wd_parse_kwb_rows(wd_batch *b, const wd_rows_ctx *ctx, const char *data, size_t len,
                      const char *origin, char **next, wd_error *err);

/* The WijkenEnBuurten dimension collection (Key, Title): regions with names and parents. */
int wd_parse_regions(wd_batch *b, const wd_rows_ctx *ctx, const char *data, size_t len,
                     const char *origin, char **next, wd_error *err);

/* RIVM rows: the Marges rows MW00000 / MOG0095 / MBG0095 of one (region, Perioden, Leeftijd,
 * variable) become one observation with value, lo and hi and WD_FLAG_MODEL. Pages of one
 * table share a wd_rivm_state so that the three rows meet even across page boundaries; the
 * state refers to observations by their index, so it belongs to one batch. Rows with other
 * Marges codes are skipped. */
typedef struct wd_rivm_state wd_rivm_state;
/* new — caller frees with wd_rivm_state_free(). NULL when out of memory. */
wd_rivm_state *wd_rivm_state_new(void);
void wd_rivm_state_free(wd_rivm_state *st);
int wd_parse_rivm_rows(wd_batch *b, const wd_rows_ctx *ctx, wd_rivm_state *st, const char *data,
                       size_t len, const char *origin, char **next, wd_error *err);

/* ---- CSV ------------------------------------------------------------------------- */

/* A small RFC 4180 tokenizer: one record at a time, quoted fields with "" escapes and line
 * breaks, CRLF or LF, a leading UTF-8 BOM skipped. Fields are copied into an internal
 * buffer that is reused per record (bounded by the input size). */
typedef struct {
    const char *data;
    size_t len, pos;
    char sep;
    int line;      /* line number (1-based) where the current record started */
    int next_line; /* line number of the next record */
    char *buf;     /* field bytes of the current record, each NUL-terminated */
    size_t buf_cap;
    size_t *offs; /* offsets of the fields in buf */
    size_t n_fields, offs_cap;
} wd_csv;

void wd_csv_init(wd_csv *c, const char *data, size_t len, char sep);
void wd_csv_free(wd_csv *c);
/* Read the next record: 1 when a record was read, 0 at the end of input, negative wd_code
 * on a format error (unterminated quote, garbage after a closing quote; message with
 * origin:line). Blank lines are skipped. */
int wd_csv_next(wd_csv *c, const char *origin, wd_error *err);
/* borrowed — field i of the current record (NUL-terminated), valid until the next call. */
const char *wd_csv_field(const wd_csv *c, size_t i);

/* Parse a number as CBS writes it: surrounding spaces, decimal point or decimal comma.
 * Returns 0 and *out, or -1 when it is not a number. Blank is not a number here. */
int wd_parse_number(const char *s, double *out);

/* Leefbaarometer 3.0 scores CSV (bu_code|wk_code|gm_code, name, jaar, lbm, afw, fys, onv, soc,
 * vrz, won; ',' or ';'): regions (names, parents from the code) and one observation per score
 * and year. Errors name origin:line and the column. */
int wd_parse_lbm_csv(wd_batch *b, int source, const char *data, size_t len, const char *origin,
                     wd_error *err);

/* StatLine "CSV met statistische symbolen": the region column is the one whose header
 * contains "Codering" or "Regiocode"; "Perioden" gives the year (else `year`); every other
 * column (except names/"Soort regio") is a variable named by its trimmed header. "." ->
 * NAN + WD_FLAG_SUPPRESSED; blank -> NAN + WD_FLAG_MISSING. */
int wd_parse_statline_csv(wd_batch *b, int source, int year, const char *data, size_t len,
                          const char *origin, wd_error *err);

/* ---- PDOK OGC API Features --------------------------------------------------------- */

/* A GeoJSON FeatureCollection of buurten, wijken or gemeenten: a region per feature (code,
 * name, parent from wijkcode/gemeentecode or the code), its geometry (compact JSON) for
 * `year`, and an observation per numeric property (missing: <= -99990 or null) for `year`
 * with `source`. *next receives the owned href of the links[] entry with rel "next". */
int wd_parse_pdok(wd_batch *b, int source, int year, const char *data, size_t len,
                  const char *origin, char **next, wd_error *err);

#endif
