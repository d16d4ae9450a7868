/* Tables out of the engine: indicators and rankings per region as CSV or JSON.
 *
 * CSV for analysts is machine-readable: comma-separated, decimal point, UTF-8, one row per
 * region x indicator, empty cells for missing values (never 0), flags spelled out. JSON has
 * the same content, one object per region, null for missing values. Both can be written one
 * gemeente at a time (so a national export needs the memory of one gemeente). */
#ifndef WD_EXPORT_H
#define WD_EXPORT_H

#include "engine/wd_compute.h"
#include "engine/wd_rank.h"

#include <stdio.h>

/* A CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
void wd_export_csv_field(FILE *f, const char *s);

/* Which regions an export covers. level < 0: every level. year <= 0: the latest year with a
 * population for each region. skip_header: continue an export begun by an earlier call (no
 * CSV header, a comma before the first JSON object). skip_land: leave out the country row
 * (already written with an earlier gemeente). */
typedef struct {
    int level;
    int year;
    int skip_header;
    int skip_land;
} wd_export_filter;

/* Indicators (and the draagkracht/draaglast indices) as CSV rows: value, flags, the value of
 * the region's wijk, gemeente and the country, the z-score against the gemeente
 * (wd_results_z) and the trend (slope per year, 95% interval, p-value, points). */
int wd_export_indicators_csv(FILE *f, const wd_results *res, const wd_export_filter *filter,
                             wd_error *err);

/* The same as JSON: _begin writes the definitions of `set` and opens the list of regions,
 * each _json call adds one object per region of `res`, _end closes the document. */
int wd_export_indicators_json_begin(FILE *f, const wd_indicator_set *set, wd_error *err);
int wd_export_indicators_json(FILE *f, const wd_results *res, const wd_export_filter *filter,
                              wd_error *err);
int wd_export_indicators_json_end(FILE *f, wd_error *err);

/* The ranking of wijkopgaven as CSV: per gemeente and opgave, the buurten in rank order (then
 * those not ranked, in code order), one row each with score, ranks, interval, tier, the mean
 * absolute rank shift of the buurt and of the gemeente, status and inhabitants. `header`:
 * write the header line first. */
int wd_export_ranking_csv(FILE *f, const wd_ranking *rk, int header, wd_error *err);

/* The same as JSON: _begin writes the method and the opgaven and opens the list of rankings,
 * each _json call adds one object per gemeente and opgave (`more`: one was written before,
 * so start with a comma), _end closes the document. */
int wd_export_ranking_json_begin(FILE *f, const wd_ranking *rk, wd_error *err);
int wd_export_ranking_json(FILE *f, const wd_ranking *rk, int more, wd_error *err);
int wd_export_ranking_json_end(FILE *f, wd_error *err);

/* Spell out flags: "modelschatting;proxy", "" for none. */
void wd_export_flags_text(unsigned flags, char *buf, size_t cap);

#endif
