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
#include "fetchers/wd_fetch.h"

#include <jansson.h>
#include <stddef.h>

/* ---- OData v3 -------------------------------------------------------------------- */

/* One page of an OData v3 JSON reply. */
typedef struct {
    json_t *root;  /* owned: the whole document */
    json_t *value; /* borrowed from root: the array of records */
    char *next;    /* owned: "odata.nextLink", NULL on the last page */
} wd_odata_page;

/* Load a JSON document from `len` bytes of `origin`. A body that starts with '<' (after a BOM
 * and white space) is reported as `markup` where JSON was expected, with `hint`, unless
 * markup is NULL; invalid JSON gives WD_EPARSE with line and column. new — json_decref. */
int wd_parse_json_doc(json_t **out, const char *data, size_t len, const char *origin,
                      const char *markup, const char *expected, const char *hint, wd_error *err);

/* Parse an OData v3 envelope {"value": [...], "odata.nextLink": "..."} (v4 names the link
 * "@odata.nextLink"; both are read). A bare JSON array
 * is accepted as the value array (saved extracts). Invalid JSON gives WD_EPARSE with line and
 * column; a body starting with '<' is reported as an Atom/XML reply ($format=json missing).
 * On success the caller frees *out with wd_odata_page_free; on failure *out is empty. */
int wd_parse_odata(wd_odata_page *out, const char *data, size_t len, const char *origin,
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
 * *out zeroed. *next (may be NULL) receives the owned nextLink or NULL. */
int wd_parse_tableinfos(wd_tableinfo *out, const char *data, size_t len, const char *origin,
                        char **next, wd_error *err);
/* Fill the fields of *out from one TableInfos or catalogue object. */
void wd_parse_tableinfo_object(wd_tableinfo *out, json_t *row);

/* Tables of the CBS catalogue (ODataCatalog/Tables), as wd_tableinfo. */
typedef struct {
    wd_tableinfo *items;
    size_t n, cap;
} wd_tables;

/* One page of the catalogue, appended to *acc (start zeroed; free with wd_tables_free, also
 * after a failure). Rows without an Identifier are skipped; more than 100,000 tables in all
 * is an error (the catalogue holds a few thousand). *next as for the other pages. */
int wd_parse_catalog(wd_tables *acc, const char *data, size_t len, const char *origin, char **next,
                     wd_error *err);
void wd_tables_free(wd_tables *t);

/* Every page of the catalogue query `url` into *out (wd_catalog.c's adapter; pages walked as
 * every other OData collection). */
int wd_fetch__catalog(wd_http *h, const char *url, wd_tables *out, wd_error *err);

/* Kind of a DataProperties entry that matters for parsing rows and naming variables. */
typedef enum {
    WD_PROP_TOPIC = 1,
    WD_PROP_DIMENSION = 2,
    WD_PROP_GEODIMENSION = 3,
    WD_PROP_GROUP = 4 /* a TopicGroup: no field of its own, the context of the topics in it */
} wd_prop_type;

typedef struct {
    char key[WD_VAR_MAX + 16]; /* as the table spells it: "GemiddeldInkomenPerInwoner_72" */
    char name[WD_VAR_MAX];     /* variable name: see wd_props_name */
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
 * "Dimension", "GeoDimension" and "TopicGroup" entries are kept. *next (may be NULL)
 * receives the owned nextLink or NULL. The caller frees *acc with wd_props_free, also after a
 * failure; names are set by wd_props_name once every page is in. */
int wd_parse_dataproperties_page(wd_props *acc, const char *data, size_t len, const char *origin,
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
int wd_props_name(wd_props *p, const char *origin, wd_error *err);

/* One whole DataProperties document: wd_parse_dataproperties_page, then wd_props_name. On
 * success the caller frees with wd_props_free. */
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
    int *listed;           /* wd_parse_regions sets *listed to 1 when it reads the gemeente's
                            * own key (or any key without a gemeente); NULL: not asked */
} wd_rows_ctx;

/* The latest plausible 4-digit year in a text: "2024" -> 2024, "2012, 2016, 2020, 2022" ->
 * 2022, "2022JJ00" -> 2022; 0 when there is none. */
int wd_parse_year(const char *s);

/* 1 when `code` (trimmed) belongs to gemeente `gm` ("GM0344") or is the country (NL..). */
int wd_code_in_gemeente(const char *code, const char *gm);
/* The parent of an area code, derived from the code itself: BU03440511 -> WK034405,
 * WK034405 -> GM0344, GM0344 -> NL00, anything else -> "". */
void wd_parent_of_code(char *dst, size_t cap, const char *code);

/* Add the region of a CBS area code (trimmed) with its name ("" keeps a known one; the
 * country is "Nederland"), its parent from the code and `indeling`. Codes outside the
 * GM/WK/BU/NL hierarchy (landsdelen, provincies) add nothing. Shared by the OData readers. */
int wd_parse__region(wd_batch *b, const char *code, const char *name, int indeling, wd_error *err);

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

/* ---- CBS OData v4 (wd_fetch.h: wd_fetch_cbs_v4) ---------------------------------------- */

/* The Properties object of a v4 table: Title, Identifier, and the year of a TemporalCoverage
 * or Period member when there is one (0 otherwise). */
int wd_parse_v4_properties(wd_tableinfo *out, const char *data, size_t len, const char *origin,
                           wd_error *err);

/* One page of MeasureCodes (Identifier, Title, Unit), appended to *m. *next (may be NULL)
 * receives the owned "@odata.nextLink" or NULL. */
int wd_parse_v4_measures(wd_measures *m, const char *data, size_t len, const char *origin,
                         char **next, wd_error *err);

/* One page of Observations (see wd_fetch_cbs_v4). ctx->year is used for rows without
 * Perioden; ctx->gemeente filters; ctx->props is not used. */
int wd_parse_v4_observations(wd_batch *b, const wd_rows_ctx *ctx, const char *data, size_t len,
                             const char *origin, char **next, wd_error *err);

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

/* The special codes of CBS geo products and KWB-derived files, which are missing values, not
 * numbers: -99995 (comes in a later delivery: MISSING | LATER), -99991 (no longer published:
 * MISSING | DISCONTINUED), -99997 (secret: SUPPRESSED | SECRET) and anything else at or
 * below -99990 (older files: -99999999; MISSING). Returns 1 and sets *flags for such an x,
 * else 0. */
int wd_parse_special(double x, unsigned *flags);

/* Parse a number as CBS writes it: surrounding spaces, decimal point or decimal comma.
 * Returns 0 and *out, or -1 when it is not a number. Blank is not a number here. */
int wd_parse_number(const char *s, double *out);

/* The CSV format parsers below (Leefbaarometer, StatLine, mapped) refuse a field that is not
 * UTF-8 with "origin:line, kolom N: ongeldige UTF-8 ...": names and headers end up in the
 * store and the PDFs, which assume UTF-8. */

/* A CSV cell as CBS and spreadsheets write it: blank -> NAN + WD_FLAG_MISSING; "." or "x" ->
 * NAN + WD_FLAG_SUPPRESSED; "-" (nihil) -> 0; a special code (wd_parse_special) -> NAN with
 * its flags; else a number as wd_parse_number reads it.
 * Returns 0, or -1 when the cell is none of these (*out and *flags are then undefined). */
int wd_parse_cell(const char *s, double *out, unsigned *flags);

/* Leefbaarometer 3.0 scores CSV (bu_code|wk_code|gm_code, name, jaar, lbm, afw, fys, onv, soc,
 * vrz, won; ',' or ';'; columns read by name, in any order): regions (names, parents from the
 * code) and one observation per score and year. Only the code, jaar and lbm are required: the
 * 2024 buurt file has no name and no afw, which is then derived as the exact sum of the five
 * dimensions (missing when one of them is). Class columns (kscore, kafw, kfys, konv, ksoc, kvrz,
 * kwon), when present, become variables of the same name and must hold 1-9 (see wd_lbm_class_name).
 * Errors name origin:line and the column. */
int wd_parse_lbm_csv(wd_batch *b, int source, const char *data, size_t len, const char *origin,
                     wd_error *err);

/* The CBS table id in `len` bytes of text ("85984NED", "03759ned" -> "03759NED": five digits
 * and NED or ENG, standing on their own) into out[cap]; 1 when one was found, else 0. */
int wd_parse_table_id(char *out, size_t cap, const char *text, size_t len);

/* StatLine "CSV met statistische symbolen": the region column is the one whose header
 * contains "Codering" or "Regiocode"; "Perioden" gives the year (else `year`); every other
 * column (except names/"Soort regio") is a variable named by its trimmed header. "." ->
 * NAN + WD_FLAG_SUPPRESSED; blank -> NAN + WD_FLAG_MISSING. */
int wd_parse_statline_csv(wd_batch *b, int source, int year, const char *data, size_t len,
                          const char *origin, wd_error *err);

/* ---- Local files described by a mapping file (wd_fetch.h: wd_mapping) --------------- */

typedef struct {
    char column[WD_VAR_MAX * 2]; /* column or field name in the file */
    char name[WD_VAR_MAX];       /* variable name in the store */
} wd_mapped_var;

struct wd_mapping {
    char table_id[32], title[160], publisher[32], licence[32];
    char region[WD_VAR_MAX * 2]; /* column/field holding the region code */
    char name[WD_VAR_MAX * 2];   /* column/field holding the region name, "" if none */
    char period[WD_VAR_MAX * 2]; /* column/field holding the period, "" if none */
    int year;                    /* fixed year ("jaar"), 0 if none */
    char sep;                    /* CSV separator, 0: guess from the header */
    int own_publisher;           /* 1: "uitgever" given (else publisher is a default) */
    int own_licence;             /* 1: "licentie" given */
    wd_mapped_var *vars;
    size_t n_vars;
};

/* Parse a mapping file (see wd_mapping_load). new — caller frees with wd_mapping_free. Syntax
 * errors give origin, line and column; wrong or missing keys name the key and its line. */
int wd_mapping_parse(wd_mapping **out, const char *data, size_t len, const char *origin,
                     wd_error *err);

/* A CSV with a header row, read as the mapping says. Each listed column becomes a variable;
 * cells as wd_parse_cell reads them. The year comes from the mapping's period column, its
 * fixed year, or `year` (in that order). Errors name origin:line and the column (number and
 * header): a wrong number of columns, invalid UTF-8, a value that is not a number, a cell
 * that is not a region code. */
int wd_parse_mapped_csv(wd_batch *b, int source, const wd_mapping *m, int year, const char *data,
                        size_t len, const char *origin, wd_error *err);

/* JSON records read as the mapping says, in the shapes analysts keep them: a top-level array
 * of objects, an OData envelope {"value": [...]}, a GeoJSON FeatureCollection (the features'
 * properties), objects keyed by region code ({"GM1680": {...}, "BU16800000": {...}}: the key
 * is the region unless the object has the mapping's region field) or a single object with
 * the region field. Any other shape is refused with a message listing these. Numbers, null
 * (missing) and numeric strings (wd_parse_cell) are values. Errors name the record and field. */
int wd_parse_mapped_json(wd_batch *b, int source, const wd_mapping *m, int year, const char *data,
                         size_t len, const char *origin, wd_error *err);

/* 1 when s[0..len) is valid UTF-8 (no overlong forms, surrogates or values past U+10FFFF);
 * else 0 and *bad receives the offset of the first invalid byte. */
int wd_utf8_valid(const char *s, size_t len, size_t *bad);

/* ---- Zip archives (libzip) ------------------------------------------------------------ */

/* A zip archive read from memory; the bytes must stay valid while it is open. */
typedef struct wd_zip wd_zip;

/* Open the archive in data[0..len). new — caller closes with wd_zip_close. Not a zip, or a
 * damaged central directory, is WD_EPARSE naming `origin`. */
int wd_zip_open(wd_zip **out, const char *data, size_t len, const char *origin, wd_error *err);
void wd_zip_close(wd_zip *z);
/* Number of members (folders included). */
size_t wd_zip_count(const wd_zip *z);
/* borrowed — the name of member i as stored ("map/bestand.csv"), valid while z is open; NULL
 * when unreadable. */
const char *wd_zip_name(wd_zip *z, size_t i);
/* Decompress member i into *out (new, NUL-terminated, caller frees) of *len bytes; a member
 * larger than `cap` bytes, a CRC error or a damaged stream is an error naming the member. */
int wd_zip_extract(wd_zip *z, size_t i, size_t cap, char **out, size_t *len, wd_error *err);

/* ---- PDOK OGC API Features --------------------------------------------------------- */

/* A GeoJSON FeatureCollection of buurten, wijken or gemeenten: a region per feature (code,
 * name, parent from wijkcode/gemeentecode or the code), its geometry (compact JSON) for
 * `year`, and an observation per numeric property (missing: a special code of
 * wd_parse_special, or null) for `year` with `source`. Water parts (water "JA") are skipped. *next
 * receives the owned href of the links[] entry with rel "next". */
int wd_parse_pdok(wd_batch *b, int source, int year, const char *data, size_t len,
                  const char *origin, char **next, wd_error *err);

#endif
