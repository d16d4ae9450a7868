/* Tables out of the engine: indicators per region as CSV, and atomic file writing.
 *
 * CSV for analysts is machine-readable: comma-separated, decimal point, UTF-8, one row per
 * region x indicator, empty cells for missing values (never 0), flags spelled out. */
#ifndef WD_EXPORT_H
#define WD_EXPORT_H

#include "engine/wd_compute.h"

#include <stdio.h>

/* Write through `fn` into a temporary file beside `path` and rename it into place only when
 * fn returns 0 and every byte reached the disk; otherwise remove it and keep any old file.
 * Errors name the path. */
int wd_write_atomic(const char *path, int (*fn)(FILE *f, void *ctx, wd_error *err), void *ctx,
                    wd_error *err);

/* Which regions an export covers. level < 0: every level. year < 0: the latest year with a
 * population for each region. */
typedef struct {
    int level;
    int year;
} wd_export_filter;

/* Indicators (and the draagkracht/draaglast indices) as CSV rows with a header. */
int wd_export_indicators_csv(FILE *f, const wd_results *res, const wd_export_filter *filter,
                             wd_error *err);

/* Spell out flags: "modelschatting;proxy", "" for none. */
void wd_flags_text(unsigned flags, char *buf, size_t cap);

#endif
