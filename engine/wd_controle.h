/* The QA report of a gemeente for the analyst (`wijkdata controle`): what to check in the
 * data before using it, in Dutch, with counts and the regions named.
 *
 * Four parts, read from the store through its typed calls:
 *  1. per table, the cells of the gemeente's regions without a value and why (CBS "."
 *     suppression and the geo products' secret, "volgt in een latere levering", "niet meer
 *     gepubliceerd", no value at all; wd_batch_flag_reason), per variable with the regions;
 *  2. variables whose key suffix moved between the years' tables or between deliveries of one
 *     table, and whose title or unit changed (a changed definition), from the variables the
 *     tables served (wd_store_each_variable);
 *  3. regions with a boundary change: KWB's IndelingswijzigingGemeenteWijkBuurt other than 1,
 *     boundaries that differ between the boundary years stored, buurten without a boundary;
 *  4. figures missing in a year while the year before or after in the same series has them.
 * As text (headings, one line per variable or region, long lists cut with "en nog N") or as
 * CSV with one row per finding, for a spreadsheet's filter. */
#ifndef WD_CONTROLE_H
#define WD_CONTROLE_H

#include "engine/wd_error.h"
#include "engine/wd_store.h"

#include <stdio.h>

typedef struct wd_controle wd_controle;

/* Gather the findings for `gemeente` (a GM code) from `store`. new — free with
 * wd_controle_free(). An unknown code is WD_ENOTFOUND, a code that is no gemeente
 * WD_EUSAGE. */
int wd_controle_run(wd_controle **out, wd_store *store, const char *gemeente, wd_error *err);
void wd_controle_free(wd_controle *c);

/* The report as text for a reader. */
int wd_controle_write_text(FILE *f, const wd_controle *c, wd_error *err);

/* The report as CSV (comma, UTF-8, RFC 4180): soort, tabel, regiocode, regionaam, variabele,
 * jaar, reden, toelichting; one row per cell, variable or region found. */
int wd_controle_write_csv(FILE *f, const wd_controle *c, wd_error *err);

#endif
