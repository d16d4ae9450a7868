/* Mapping files: how to read a CSV or JSON file of one's own (a bewonersberaad poll, a
 * gemeente's own figures), which is not a published format. A mapping is JSON with Dutch keys:
 *   {"tabel": "peiling-oost-2025", "titel": "Peiling bewonersberaad Oost 2025",
 *    "uitgever": "Samen Oost", "licentie": "CC BY 4.0",
 *    "regio": "buurtcode", "naam": "buurt", "periode": "jaar" | "jaar": 2025,
 *    "scheidingsteken": ";",
 *    "variabelen": ["opkomst", {"kolom": "gem. cijfer", "naam": "cijfer_buurt"}]}
 * "tabel", "titel", "regio" and "variabelen" are required; a variable keeps its column name
 * unless "naam" gives another. Unknown keys are errors (typos would otherwise go unseen).
 * Here too the reader of JSON records as a mapping says; that of CSV is wd_csv_mapped
 * (wd_csv.h). */
#ifndef WD_MAPPING_H
#define WD_MAPPING_H

#include "engine/wd_batch.h"
#include "engine/wd_error.h"

#include <stddef.h>

typedef struct {
    char column[WD_VAR_MAX * 2]; /* column or field name in the file */
    char name[WD_VAR_MAX];       /* variable name in the store */
} wd_mapped_var;

typedef struct wd_mapping {
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
} wd_mapping;

/* Read and check the mapping file at `path`. new — caller frees with wd_mapping_free. Errors
 * name the file and the line (and column for JSON syntax errors). */
int wd_mapping_load(wd_mapping **out, const char *path, wd_error *err);
/* The same from `len` bytes of `origin`. Syntax errors give origin, line and column; wrong or
 * missing keys name the key and its line. */
int wd_mapping_parse(wd_mapping **out, const char *data, size_t len, const char *origin,
                     wd_error *err);
void wd_mapping_free(wd_mapping *m);

/* JSON records read as the mapping says, in the shapes analysts keep them: a top-level array
 * of objects, an OData envelope {"value": [...]}, a GeoJSON FeatureCollection (the features'
 * properties), objects keyed by region code ({"GM1680": {...}, "BU16800000": {...}}: the key
 * is the region unless the object has the mapping's region field) or a single object with
 * the region field. Any other shape is refused with a message listing these. Numbers, null
 * (missing) and numeric strings (wd_parse_cell) are values, recorded with `source`; the year
 * as for wd_csv_mapped. Errors name the record and field. */
int wd_mapping_json(wd_batch *b, int source, const wd_mapping *m, int year, const char *data,
                    size_t len, const char *origin, wd_error *err);

#endif
