/* CSV sources: the CSV formats read with the tokenizer of engine/wd_csvtok.h, the Leefbaarometer
 * 3.0 open-data scores, the StatLine "CSV met statistische symbolen" export and a CSV of one's
 * own read as a mapping file says (wd_mapping.h).
 *
 * The format parsers refuse a field that is not UTF-8 with "origin:line, kolom N: ongeldige
 * UTF-8 ...": names and headers end up in the store and the PDFs, which assume UTF-8. Their
 * errors name `origin` (the URL or file), the line and the column. */
#ifndef WD_CSV_H
#define WD_CSV_H

#include "engine/wd_batch.h"
#include "engine/wd_csvtok.h"
#include "engine/wd_error.h"
#include "fetchers/wd_mapping.h"

#include <stddef.h>

/* The next record of the tokenizer (engine/wd_csvtok.h, started with wd_csvtok_init): 1 when
 * a record was read, 0 at the end of input, negative wd_code on a format error (unterminated
 * quote, garbage after a closing quote, a NUL byte; message with origin:line). */
int wd_csv_next(wd_csvtok *c, const char *origin, wd_error *err);

/* Leefbaarometer 3.0 scores CSV (bu_code|wk_code|gm_code, name, jaar, lbm, afw, fys, onv, soc,
 * vrz, won; ',' or ';'; columns read by name, in any order): regions (names, parents from the
 * code) and one observation per score and year, recorded with `source`. Only the code, jaar and
 * lbm are required: the 2024 buurt file has no name and no afw, which is then derived as the
 * exact sum of the five dimensions (missing when one of them is). Class columns (kscore, kafw,
 * kfys, konv, ksoc, kvrz, kwon), when present, become variables of the same name and must hold
 * 1-9 (see wd_csv_lbm_class_name). `on` (NULL: none) hands the batch on between records as it
 * fills. */
int wd_csv_lbm(wd_batch *b, int source, const char *data, size_t len, const char *origin,
               const wd_hand_on *on, wd_error *err);

/* Dutch name of a Leefbaarometer class 1-9 (WFS and CSV fields kscore, kafw, kfys, ...):
 * 1 "zeer onvoldoende", 2 "ruim onvoldoende", 3 "onvoldoende", 4 "zwak", 5 "voldoende",
 * 6 "ruim voldoende", 7 "goed", 8 "zeer goed", 9 "uitstekend"; NULL outside 1-9. */
const char *wd_csv_lbm_class_name(int k);

/* StatLine "CSV met statistische symbolen": the region column is the one whose header
 * contains "Codering" or "Regiocode"; "Perioden" gives the year (else `year`); every other
 * column (except names/"Soort regio") is a variable named by its trimmed header. "." ->
 * NAN + WD_FLAG_SUPPRESSED; blank -> NAN + WD_FLAG_MISSING. */
int wd_csv_statline(wd_batch *b, int source, int year, const char *data, size_t len,
                    const char *origin, wd_error *err);

/* A CSV with a header row, read as the mapping says. Each listed column becomes a variable;
 * cells as wd_parse_cell reads them. The year comes from the mapping's period column, its
 * fixed year, or `year` (in that order). Errors name origin:line and the column (number and
 * header): a wrong number of columns, invalid UTF-8, a value that is not a number, a cell
 * that is not a region code. */
int wd_csv_mapped(wd_batch *b, int source, const wd_mapping *m, int year, const char *data,
                  size_t len, const char *origin, wd_error *err);

#endif
