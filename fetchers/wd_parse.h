/* What every parser of the fetchers shares: reading the small things the sources write the
 * same way (numbers with a decimal point or comma, special codes that are missing values,
 * CSV cells, years in a text, table ids, CBS's padded codes and suffixed keys, UTF-8), the
 * area codes of the CBS hierarchy (a gemeente code, the gemeente of a code, the parent of a
 * code, a region from a code) and a JSON document with line and column in its errors.
 *
 * Each format's parser (wd_odata.h, wd_odata4.h, wd_csv.h, wd_mapping.h, wd_pdok.h) builds on
 * these and on nothing of another format, so no two parsers need each other. Every function
 * here takes what it reads as (pointer, length) or a NUL-terminated field the caller already
 * cut out, fetches nothing and keeps no state. */
#ifndef WD_PARSE_H
#define WD_PARSE_H

#include "engine/wd_batch.h"
#include "engine/wd_error.h"
#include "engine/wd_json.h"

#include <jansson.h>
#include <stddef.h>

/* ---- text -------------------------------------------------------------------------- */

/* Copy `src` (len bytes, not necessarily NUL-terminated) into dst[cap] with leading and
 * trailing white space removed (CBS pads codes to 10 and names to 40 characters). Returns 0,
 * or WD_EPARSE when it does not fit (dst is then undefined); sets no message. */
int wd_parse_trim(char *dst, size_t cap, const char *src, size_t len);

/* Strip a CBS field suffix into dst[cap] (cut to fit): "GemiddeldInkomenPerInwoner_72" ->
 * "GemiddeldInkomenPerInwoner", "k_0Tot15Jaar_8" -> "k_0Tot15Jaar". Only a trailing
 * "_<digits>" is removed: CBS renumbers it between years, the stem names the variable. */
void wd_parse_strip_suffix(char *dst, size_t cap, const char *key);

/* 1 when NUL-terminated `s` is valid UTF-8 (as wd_utf8_char reads it: no overlong forms,
 * surrogates or values past U+10FFFF); else 0 and *bad (may be NULL) receives the offset of
 * the first invalid byte. */
int wd_parse_utf8_valid(const char *s, size_t *bad);

/* ---- numbers, cells, years, table ids ----------------------------------------------- */

/* Parse a number as CBS writes it: surrounding spaces, decimal point or decimal comma.
 * Returns 0 and *out, or -1 when it is not a number. Blank is not a number here. */
int wd_parse_number(const char *s, double *out);

/* The special codes of CBS geo products and KWB-derived files, which are missing values, not
 * numbers: -99995 (comes in a later delivery: MISSING | LATER), -99991 (no longer published:
 * MISSING | DISCONTINUED), -99997 (secret: SUPPRESSED | SECRET) and anything else at or
 * below -99990 (older files: -99999999; MISSING). Returns 1 and sets *flags for such an x,
 * else 0. */
int wd_parse_special(double x, unsigned *flags);

/* A CSV cell as CBS and spreadsheets write it: blank -> NAN + WD_FLAG_MISSING; "." or "x" ->
 * NAN + WD_FLAG_SUPPRESSED; "-" (nihil) -> 0; a special code (wd_parse_special) -> NAN with
 * its flags; else a number as wd_parse_number reads it.
 * Returns 0, or -1 when the cell is none of these (*out and *flags are then undefined). */
int wd_parse_cell(const char *s, double *out, unsigned *flags);

/* The latest plausible 4-digit year (1800-2200) in a text: "2024" -> 2024, "2012, 2016, 2020,
 * 2022" -> 2022, "2022JJ00" -> 2022; 0 when there is none. */
int wd_parse_year(const char *s);

/* The CBS table id in `len` bytes of text ("85984NED", "03759ned" -> "03759NED": five digits
 * and NED or ENG, standing on their own) into out[cap]; 1 when one was found, else 0. */
int wd_parse_table_id(char *out, size_t cap, const char *text, size_t len);

/* ---- area codes and regions ---------------------------------------------------------- */

/* Check a region code (already trimmed) where it enters from a source, `place` saying where
 * it stood ("file:line, kolom 2 (\"RegioS\")", "URL: feature 3, buurtcode"). A code of the
 * CBS hierarchy has the shape the sources give it: NL + 2 (NL00, NL01: the country), GM + 4,
 * WK + 6 or BU + 8 characters of [0-9A-Z]; *level then receives its wd_level. A code of
 * another area (a landsdeel LD01, a provincie PV20, a werkgebied WG0001: letters and digits
 * only, at most 10) gets *level -1, which the caller skips or refuses as its format says;
 * with level NULL such a code is refused. Anything else (a separator, "..", a control
 * character, lower case, a space, invalid UTF-8, a CBS prefix with a wrong length, more than
 * 10 characters) returns WD_EPARSE with "<place>: '<code, escaped>' is geen regiocode (GM...,
 * WK..., BU... of NL..)". Returns 0 otherwise. */
int wd_parse_code(const char *code, int *level, const char *place, wd_error *err);

/* Check and normalise a gemeente code into out[cap]: " GM0344" -> "GM0344" (GM followed by
 * 4 letters or digits). WD_EUSAGE names a bad code. */
int wd_parse_gemeente(char *out, size_t cap, const char *gm, wd_error *err);

/* 1 when `code` (trimmed) belongs to gemeente `gm` ("GM0344") or is the country (NL..); any
 * code when gm is NULL or "". The 4 characters after the GM, WK or BU name the gemeente. */
int wd_parse_in_gemeente(const char *code, const char *gm);

/* The parent of an area code, derived from the code itself, into dst[cap]: BU03440511 ->
 * WK034405, WK034405 -> GM0344, GM0344 -> NL00, anything else -> "". */
void wd_parse_parent(char *dst, size_t cap, const char *code);

/* Add the region of a CBS area code (trimmed) to `b` with its name ("" keeps a known one; the
 * country is "Nederland"), its parent from the code and `indeling`. Codes outside the
 * GM/WK/BU/NL hierarchy (landsdelen, provincies) add nothing. */
int wd_parse_region(wd_batch *b, const char *code, const char *name, int indeling, wd_error *err);

/* ---- errors -------------------------------------------------------------------------- */

/* The error for memory that ran out while reading `origin`: sets err (may be NULL) to
 * WD_ENOMEM, "geen geheugen meer bij het lezen van <origin>", and returns WD_ENOMEM. */
int wd_parse_nomem(wd_error *err, const char *origin);

/* ---- JSON ---------------------------------------------------------------------------- */

/* Load a JSON document from `len` bytes of `origin`. A body that starts with '<' (after a BOM
 * and white space) is reported as `markup` where `expected` was expected, with `hint`, unless
 * markup is NULL (wd_parse_json_markup); invalid JSON gives WD_EPARSE with line and column and
 * jansson's text. new — the caller releases *out with json_decref. */
int wd_parse_json(json_t **out, const char *data, size_t len, const char *origin,
                  const char *markup, const char *expected, const char *hint, wd_error *err);

/* The check of wd_parse_json for a body of markup alone, for a document read in pieces. */
int wd_parse_json_markup(const char *data, size_t len, const char *origin, const char *markup,
                         const char *expected, const char *hint, wd_error *err);

/* Load one piece of the document `data` of `origin`: the JSON value (of any kind) in `len`
 * bytes of `text`, which stand at byte `from` of data (text may be a copy of them with parts
 * blanked out, the lines kept). Its errors are those of wd_parse_json, with the line and
 * column in the whole document. new — release *out with json_decref. */
int wd_parse_json_part(json_t **out, const char *data, size_t from, const char *text, size_t len,
                       const char *origin, wd_error *err);

/* The error of wd_parse_json for what the scanner `j` (over a whole document of `origin`)
 * expected and did not find: WD_EPARSE with its line and column. */
int wd_parse_json_scan_error(const wd_json *j, const char *origin, wd_error *err);

#endif
