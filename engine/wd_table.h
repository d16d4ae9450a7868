/* The wide table of `wijkdata export`: one row per region, columns per indicator, and the run
 * that writes it in any of the export formats.
 *
 * A row holds the region (code, name, level, wijk, gemeente, reported year) and for every
 * indicator its value with the year it comes from, its flags, why it is missing, its 95%
 * interval, its trend with the trend's words, and the table it came from; then the
 * draagkracht/draaglast indices and their balance. Each figure comes from the newest year that
 * has it, no more than the balance's max_jaren_terug before the reported year, as the
 * profiles show it (DOMAIN 3.7: "take each figure from the newest table that has it, and say
 * which year it is"); for that year it equals what `wijkdata indicators --jaar` writes.
 *
 * A format is a sink (wd_table_sink): open, one call per row (with the region's boundary for
 * the formats with geometry), close. wd_table_export runs a session's gemeenten on worker
 * threads (each loads its gemeente and, for a sink with geometry, its boundaries), hands the
 * rows to the sink in order on the calling thread and writes the file whole or not at all.
 * The formats: CSV here (wd_table_csv, wd_table_csv_nl), GeoJSON (engine/wd_geojson.h),
 * GeoPackage (engine/wd_gpkg.h) and XLSX (engine/wd_xlsx.h). */
#ifndef WD_TABLE_H
#define WD_TABLE_H

#include "engine/wd_error.h"
#include "engine/wd_geo.h"
#include "engine/wd_results.h"
#include "engine/wd_session.h"

#include <stdio.h>

#define WD_TABLE_NAME_MAX 64

/* What a column holds. */
typedef enum {
    WD_TABLE_CODE,        /* regiocode */
    WD_TABLE_NAME,        /* regionaam */
    WD_TABLE_LEVEL,       /* niveau: buurt, wijk, gemeente, Nederland */
    WD_TABLE_WIJK,        /* wijkcode of a buurt (a wijk's own code) */
    WD_TABLE_GEMEENTE,    /* gemeentecode */
    WD_TABLE_YEAR,        /* jaar: the reported year */
    WD_TABLE_VALUE,       /* <indicator>: the value */
    WD_TABLE_VALUE_YEAR,  /* <indicator>_jaar: the year the value comes from */
    WD_TABLE_FLAGS,       /* <indicator>_vlaggen: wd_export_flags_text */
    WD_TABLE_REASON,      /* <indicator>_reden: why there is no value (wd_batch_flag_reason) */
    WD_TABLE_LO,          /* <indicator>_ci95_laag: published bounds (RIVM), else the exact
                             Clopper-Pearson interval of a buurt's share of counted people */
    WD_TABLE_HI,          /* <indicator>_ci95_hoog */
    WD_TABLE_TREND,       /* <indicator>_trend: OLS slope per year since the last boundary change */
    WD_TABLE_TREND_CLASS, /* <indicator>_trend_klasse: the trend in words */
    WD_TABLE_SOURCE,      /* <indicator>_bron: table id of the value's source */
    WD_TABLE_KRACHT,      /* draagkracht_index (100 = gemeente) */
    WD_TABLE_LAST,        /* draaglast_index */
    WD_TABLE_BALANCE      /* balans: the balance in words; empty when an index is unknown */
} wd_table_part;

typedef struct {
    char name[WD_TABLE_NAME_MAX]; /* "aandeel_65plus_ci95_laag" */
    wd_table_part part;
    int number;    /* 1: a number (empty when unknown), 0: text */
    int decimals;  /* numbers: the decimals worth showing (the indicator's), -1: any */
    int indicator; /* index into the set of the indicator it belongs to, else -1 */
} wd_table_col;

/* One source behind the figures written, by table id (several fetches of one table count
 * once, with the latest retrieval). */
typedef struct {
    wd_source src;
    int used; /* values written from it */
} wd_table_source;

typedef struct {
    const wd_indicator_set *set; /* borrowed */
    size_t n_cols;
    wd_table_col *cols;
    size_t n_sources, cap_sources; /* filled while rows are made */
    wd_table_source *sources;
} wd_table;

/* The columns for `set`. new — free with wd_table_free(). */
int wd_table_new(wd_table **out, const wd_indicator_set *set, wd_error *err);
void wd_table_free(wd_table *t);

/* One region's row: num[c] for number columns (NAN: empty), text[c] for text columns (""
 * empty; borrowed: valid until the row is filled again or freed). */
typedef struct {
    const wd_region *region; /* borrowed from the results' dataset */
    wd_level level;
    int year;          /* reported calendar year */
    int boundary_year; /* formats with geometry: the year whose boundaries were asked for */
    double *num;
    const char **text;
    char (*flags)[96]; /* private: the flags texts */
} wd_table_row;

/* A row for `t`. new — free with wd_table_row_free(); NULL when out of memory. */
wd_table_row *wd_table_row_new(const wd_table *t);
void wd_table_row_free(wd_table_row *row);

/* Fill `row` with region r of `res` in calendar year `year` (0: the region's latest year with
 * inhabitants, see wd_results_year), noting its sources in `t`. WD_EUSAGE when the year lies
 * outside the data, naming the years there are. */
int wd_table_fill(wd_table *t, wd_table_row *row, const wd_results *res, size_t r, int year,
                  wd_error *err);

/* Which regions an export covers. */
typedef struct {
    const char *gemeente; /* NULL: every gemeente of the store */
    int level;            /* a wd_level, or -1: every level (formats with geometry: every level
                             that has boundaries, so without Nederland) */
    int year;             /* 0: per region the latest year with inhabitants */
    int threads;          /* worker threads, 0: one per processor */
    void (*progress)(size_t done, size_t total, const char *code, void *ctx);
    void *progress_ctx;
} wd_table_options;

/* An export format. `open` makes the sink's state from the columns, the options and where
 * it writes (a stream `f` for a stream format, else the name `path` of an empty file to
 * write); `row` takes one row, with the region's boundary as shape `shape` of `geo` (-1: it
 * has none; geo NULL for a format without geometry); `close` finishes the file (commit set)
 * or gives up (commit 0), and frees the state in both cases. */
typedef struct {
    const char *name;      /* "csv", "gpkg", ... as --format names it */
    const char *extension; /* of the file: "csv", "gpkg", ... */
    int by_path;           /* 1: writes a file by its name (SQLite, libxlsxwriter), never to
                              standard output; 0: writes a stream */
    int geometry;          /* 1: rows come with their boundaries */
    int (*open)(void **state, const wd_table *t, const wd_table_options *o, FILE *f,
                const char *path, wd_error *err);
    int (*row)(void *state, const wd_table *t, const wd_table_row *row, const wd_geo *geo,
               int shape, wd_error *err);
    int (*close)(void *state, const wd_table *t, int commit, wd_error *err);
} wd_table_sink;

/* What an export wrote. */
typedef struct {
    size_t rows;          /* regions */
    size_t without_shape; /* formats with geometry: regions written without a boundary */
    int boundary_year;    /* formats with geometry: the year whose boundaries were asked for */
} wd_table_stats;

/* Write the regions `o` selects from the store of session `s` (opened, not loaded) through
 * `sink` to `path`, whole or not at all (engine/wd_file.h; what killed runs left beside it is
 * removed first); path NULL: a stream format to standard output, its write errors reported
 * too. Errors: an unknown gemeente (WD_ENOTFOUND), a year outside the data
 * (WD_EUSAGE), no region at all in the selection (WD_ENOTFOUND, "zero rows" is no export),
 * a format with geometry on a store without boundaries for any of the regions (WD_ENOTFOUND
 * saying how to fetch them), the sink's and the writer's errors naming the file. Regions
 * without a boundary among others are written without one and counted in `stats` (may be
 * NULL). */
int wd_table_export(wd_session *s, const wd_table_sink *sink, const wd_table_options *o,
                    const char *path, wd_table_stats *stats, wd_error *err);

/* CSV (RFC 4180): comma, decimal point, UTF-8, CRLF line ends, a header line of the column
 * names; empty cells for missing values. */
extern const wd_table_sink wd_table_csv;
/* CSV as Dutch Excel opens it without a wizard: UTF-8 with a byte order mark, ';', decimal
 * comma, CRLF. */
extern const wd_table_sink wd_table_csv_nl;

#endif
