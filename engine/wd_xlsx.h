/* The wide table (engine/wd_table.h) as an Excel workbook (XLSX, through libxlsxwriter): a
 * sheet per level ("Buurten", "Wijken", "Gemeenten", "Nederland"; those the selection holds)
 * with the column names as a frozen header row with filters, numbers as numbers in the
 * indicator's decimals, a missing value as an empty cell with the reason in its `_reden`
 * column, and column widths to fit; then "Bronnen" (every table a value came from: table id,
 * title, publisher, retrieval date, licence, the citation to use, URL) and "Definities"
 * (every indicator: label, explanation, unit, formula, direction, domain, aggregation,
 * minimum denominator, flags such as proxy and modelschatting; and what each column suffix
 * holds). Written in libxlsxwriter's constant-memory mode, row by row, so that a national
 * workbook needs the memory of a few rows. */
#ifndef WD_XLSX_H
#define WD_XLSX_H

#include "engine/wd_table.h"

extern const wd_table_sink wd_xlsx_sink;

#endif
