/* The residents' voice: a bewonersberaad's choice of wijkopgaven beside the figures.
 *
 * A beraad starts from a template (wd_beraad_template): one row per opgave of the session, with
 * columns for the residents' votes, their ranking, whether the opgave was chosen and their
 * notes ("klopt dit?"), and above the table the region, date and place. Filled in by hand
 * (a spreadsheet, a text editor), it is read back (wd_beraad_parse: every mistake named with
 * file, line and column, nothing kept on an error) and recorded (wd_beraad_record): the
 * residents' order, the order the figures give the same opgaven, the notes and the chosen
 * opgaven, and for every indicator of a chosen opgave its baseline — value, interval or counts,
 * table, delivery and indeling — frozen as it is that day, for the follow-up a year later
 * (engine/wd_voortgang.h). One transaction: a beraad is in the store whole or not at all.
 *
 * The figures' order: a buurt's opgaven by its median rank among the gemeente's buurten
 * relative to the number ranked (engine/wd_rank.h, as its profile lists them); a wijk's (or any
 * region with buurten below it) by the mean of that over its ranked buurten; a gemeente has
 * none, since its buurten are ranked against each other and not the gemeente against others. */
#ifndef WD_BERAAD_H
#define WD_BERAAD_H

#include "engine/wd_error.h"
#include "engine/wd_opgaven.h"
#include "engine/wd_session.h"
#include "engine/wd_store.h"

#include <stddef.h>

/* Opgaven a beraad can hold; more rows in a file are an error. */
#define WD_BERAAD_MAX_OPGAVEN 32
/* The largest file wd_beraad_read accepts: a filled-in template is a few kilobytes. */
#define WD_BERAAD_MAX_FILE (1024 * 1024)

/* Load into the open session `s` what a beraad of region `code` needs: its opgaven
 * (wd_session_opgaven), the data and results of its gemeente without Nederland's values
 * (wd_session_load_region), and with `rank` set the ranking of the latest year. Errors as those
 * calls give them (an unknown code is WD_ENOTFOUND). */
int wd_beraad_load(wd_session *s, const char *code, int rank, wd_error *err);

/* Write the template for region index `r` of the session's data (which must have its opgaven
 * read, wd_session_opgaven) at `path`: an XLSX workbook when the path ends in ".xlsx", else CSV
 * as Dutch Excel opens it (UTF-8 with BOM, ';', CRLF). Written whole or not at all. The layout
 * (also in the README): rows "gebied" (code and name), "datum" and "plaats" with the value in
 * the second column, then the header row "opgave;titel;stemmen;rang_bewoners;gekozen;klopt_dit"
 * and one row per opgave, in the order of the definitions (not the figures', so that they do
 * not lead the residents). */
int wd_beraad_template(const wd_session *s, size_t r, const char *path, wd_error *err);

/* One opgave row of a filled-in template. */
typedef struct {
    char opgave[48];
    int line;  /* line of the file it stands on */
    int votes; /* -1: empty */
    int rank;  /* the residents' rank, 1 = first; 0: empty */
    int chosen;
    char note[512];
} wd_beraad_row;

/* A filled-in template as read. */
typedef struct {
    char region[WD_CODE_MAX];
    int region_line; /* line of the "gebied" row, for messages about the code */
    char date[11];   /* JJJJ-MM-DD */
    char place[128];
    size_t n;
    wd_beraad_row rows[WD_BERAAD_MAX_OPGAVEN];
} wd_beraad_input;

/* Read `len` bytes of a filled-in template (CSV, ';' or ',' as the header row shows, UTF-8 with
 * or without BOM, fields quoted as RFC 4180) named `name` in messages, against the opgaven
 * `opg`. Rules: the header row names its columns (any order; opgave, stemmen, rang_bewoners and
 * gekozen are required, titel and klopt_dit optional, any other is an error); stemmen is a
 * whole number from 0 or empty; rang_bewoners 1 to the number of opgaven or empty; gekozen ja or
 * nee (empty: nee); datum JJJJ-MM-DD or DD-MM-JJJJ (as Excel writes it back); every row names a
 * known opgave once. At least one row must have votes or a rank and one be chosen. Errors are
 * WD_EPARSE "name, regel L, kolom C (stemmen): ..." and leave *out unspecified. */
int wd_beraad_parse(wd_beraad_input *out, const char *name, const char *text, size_t len,
                    const wd_opgave_set *opg, wd_error *err);

/* wd_beraad_parse of the file at `path` (at most WD_BERAAD_MAX_FILE bytes). An ".xlsx" is
 * refused with advice to save it as CSV: reading a workbook would need a zip and XML reader
 * the library does not have. */
int wd_beraad_read(wd_beraad_input *out, const char *path, const wd_opgave_set *opg, wd_error *err);

/* Record beraad `in` in the session's store: the session holds the data and ranking of the
 * gemeente of in->region (wd_session_load_region, wd_session_rank with the latest year), its
 * opgaven those `in` was read against. `recorded_at` is the ISO 8601 time to record. An
 * unknown region is WD_ENOTFOUND naming the line of the file; a beraad of the region on that
 * date already recorded is WD_ERR. */
int wd_beraad_record(const wd_session *s, const wd_beraad_input *in, const char *recorded_at,
                     wd_error *err);

/* A recorded beraad with its opgaven, as the store gives it back. */
typedef struct {
    wd_store_beraad b;
    size_t n;
    wd_store_beraad_opgave opg[WD_BERAAD_MAX_OPGAVEN];
} wd_beraad;

/* The beraad of region `code` on `date` (JJJJ-MM-DD; NULL: the newest) into *out; *found 0 and
 * nothing filled when the region has none (with a date: WD_ENOTFOUND naming the dates there
 * are). */
int wd_beraad_find(wd_beraad *out, int *found, wd_store *store, const char *code, const char *date,
                   wd_error *err);

/* How the residents' order and the figures' order of one opgave relate, among the `k` opgaven
 * that have both. The first third of k counts as high (at least the first), the second half as
 * low. */
typedef enum {
    WD_BERAAD_AGREE,           /* at most one place apart */
    WD_BERAAD_RESIDENTS_FIRST, /* residents put it high, the figures low: a finding */
    WD_BERAAD_FIGURES_FIRST,   /* the figures put it high, the residents low */
    WD_BERAAD_APART,           /* more than one place apart, neither of the above */
    WD_BERAAD_ONE_ORDER        /* only one of the two orders has it */
} wd_beraad_match;

wd_beraad_match wd_beraad_compare(const wd_store_beraad_opgave *o, int k);

/* The number of opgaven of `b` with both a residents' and a figures' rank. */
int wd_beraad_both(const wd_beraad *b);

#endif
