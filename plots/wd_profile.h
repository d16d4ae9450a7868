/* The printable wijkprofiel: what one profile shows, and the functions that draw it.
 *
 * A wd_profile is plain data filled from computed results (plots/wd_profile_fill.c): the renderer
 * only lays out and draws what it is given, never queries the store or computes a statistic. NAN in
 * any value means "geen gegevens" and is drawn as such, never as zero. Strings are UTF-8. */
#ifndef WD_PROFILE_H
#define WD_PROFILE_H

#include "engine/wd_error.h"
#include "engine/wd_geo.h"

#include <cairo.h>

#define WD_PROFILE_MAX_KEYS 8
#define WD_PROFILE_MAX_BARS 8
#define WD_PROFILE_MAX_YEARS 16
#define WD_PROFILE_MAX_LINES 3
#define WD_PROFILE_MAX_SOURCES 24
#define WD_PROFILE_MAX_COMPONENTS 10
#define WD_PROFILE_MAX_HEALTH 8
#define WD_PROFILE_MAX_SMALL 6
#define WD_PROFILE_MAX_MAPS 4
#define WD_PROFILE_MAX_AREAS 600
#define WD_PROFILE_MAX_ROWS 40
#define WD_PROFILE_MAX_COLS 4
#define WD_PROFILE_MAX_DEFS 24
#define WD_PROFILE_MAX_OPGAVEN 3
#define WD_PROFILE_MAX_RANKINGS 8 /* opgaven on the page of a wijk or gemeente */
#define WD_PROFILE_RANKED_ROWS 4  /* buurten per opgave there */
#define WD_MAP_MAX_LABELS 15

/* The page: A4 portrait in points, and the margin that only the demonstration banner at
 * the top edge crosses (the footer sits inside the bottom margin). */
#define WD_PAGE_WIDTH 595.276
#define WD_PAGE_HEIGHT 841.89
#define WD_PAGE_MARGIN 40.0

/* One key figure: the region's value beside its references. */
typedef struct {
    char label[96]; /* "Inwoners van 65 jaar of ouder" */
    char unit[24];  /* "%", "per 1.000", "" */
    int decimals;   /* digits after the decimal comma */
    double value;   /* this region */
    double wijk;    /* NAN for a wijk/gemeente profile or when unknown */
    double gemeente;
    double nederland;
    unsigned flags; /* WD_FLAG_* of the region's value (model estimate, proxy, suppressed) */
    int trend;      /* +1 rising, -1 falling, 0 flat, 2 unknown (too few points or a break) */
    int n_series;   /* the region's values over the years with one, for a sparkline */
    double series[WD_PROFILE_MAX_YEARS];
    int series_break; /* index of the first value after a boundary change, -1 if none */
    char source[48];  /* short citation: "CBS 85984NED" */
} wd_profile_key;

/* A bar chart: categories, one value per category for the region and one reference. */
typedef struct {
    char title[96];                       /* "Leeftijdsopbouw" */
    char unit[24];                        /* "%" */
    int decimals;                         /* of the value labels */
    int n;                                /* number of categories */
    char labels[WD_PROFILE_MAX_BARS][32]; /* "0-15", "15-25", ... */
    double values[WD_PROFILE_MAX_BARS];   /* region */
    double refs[WD_PROFILE_MAX_BARS];     /* reference (drawn as a marker), NAN if none */
    char value_name[160];                 /* legend: the region's name */
    char ref_name[160];                   /* legend: "gemeente Voorbeeldstad" */
    char source[96];
} wd_profile_bars;

/* A trend chart: up to three lines (region, wijk, gemeente) over the same years. */
typedef struct {
    char title[96];
    char unit[24];
    int n_years;
    int years[WD_PROFILE_MAX_YEARS];
    int n_lines;
    char line_names[WD_PROFILE_MAX_LINES][160];
    double values[WD_PROFILE_MAX_LINES][WD_PROFILE_MAX_YEARS]; /* NAN = no point */
    int break_before; /* index of the first year after a boundary change in line 0, -1 if none */
    char source[96];
} wd_profile_trend;

/* One component of the draagkracht or draaglast index. */
typedef struct {
    char label[96];
    double weight;   /* relative weight as configured */
    double score;    /* the number shown: z-score, or index points above or below 100; NAN if
                        missing */
    double position; /* where the dot goes, in the same units as z-scores (0 = reference) */
} wd_profile_component;

typedef struct {
    double draagkracht;  /* index, 100 = reference (gemeente) */
    double draaglast;    /* index, 100 = reference */
    double balans;       /* draagkracht - draaglast, in index points */
    char klasse[64];     /* plain-language class: "draaglast groter dan draagkracht" */
    char reference[160]; /* "gemeente Voorbeeldstad = 100" */
    char reading[400];   /* how to read the components, after the normalisation */
    int n_kracht, n_last;
    wd_profile_component kracht[WD_PROFILE_MAX_COMPONENTS];
    wd_profile_component last[WD_PROFILE_MAX_COMPONENTS];
    char formula[600]; /* the formula in plain Dutch words */
} wd_profile_balance;

/* One RIVM figure with its 95% interval: a small-area model estimate, never a measurement. */
typedef struct {
    char label[96];
    int decimals;
    double value, lo, hi; /* region; lo/hi NAN when the source gives no interval */
    double ref;           /* gemeente, NAN if unknown */
    int year;             /* year of the estimate, 0 if none */
} wd_profile_estimate;

typedef struct {
    int n;
    wd_profile_estimate rows[WD_PROFILE_MAX_HEALTH];
    char ref_name[160]; /* "gemeente Voorbeeldstad" */
    char source[160];
} wd_profile_health;

/* One small multiple: a series over the years with its OLS trend. The trend is the line
 * through the centre (mean year, mean value) of the points since the last boundary change
 * with the fitted slope; its band spans the slopes of the 95% interval. */
typedef struct {
    char title[96];
    char unit[24];
    int decimals;
    int n_years;
    int years[WD_PROFILE_MAX_YEARS];
    double values[WD_PROFILE_MAX_YEARS]; /* region, NAN = no point */
    double refs[WD_PROFILE_MAX_YEARS];   /* gemeente, NAN = no point */
    int break_before;                    /* as in wd_profile_trend, -1 if none */
    int has_fit;                         /* 0: too few points for a trend */
    double cx, cy;                       /* centre of the fitted points (year, value) */
    double slope, slope_lo, slope_hi;    /* per year */
    char trend_words[48];                /* the engine's trend class: "verslechtert", ... */
} wd_profile_small;

/* Leefbaarometer: the score and its five dimensions beside the gemeente. Classes 1-9 are not
 * published with the open scores, so only the numbers are shown. */
typedef struct {
    int year;             /* edition shown, 0 when there is none */
    double score, ref;    /* lbm of the region and the gemeente */
    wd_profile_bars dims; /* dimensions (deviation from the national baseline) vs gemeente */
} wd_profile_lbm;

/* Choropleth maps: the same areas (the buurten or wijken around the region) coloured by up to
 * four indicators. `geo` is borrowed and must outlive the profile. */
typedef struct {
    const wd_geo *geo; /* NULL: no boundaries in the store */
    int n_areas;
    int shape[WD_PROFILE_MAX_AREAS]; /* index into geo->shapes of each area */
    /* Names written on the map when there are at most WD_MAP_MAX_LABELS areas (wijken of a
     * gemeente), so that the map and the table beside it can be read together. */
    char area_name[WD_PROFILE_MAX_AREAS][48];
    int highlight; /* geo shape outlined (the region itself), -1 none */
    int n_context; /* shapes drawn as grey borders for orientation (wijken) */
    int context[WD_PROFILE_MAX_AREAS / 4];
    char highlight_name[160]; /* legend of the outline: "buurt Molenbuurt" */
    char scope[160];          /* "buurten van gemeente Voorbeeldstad" */
    int boundary_year;        /* year of the boundaries, 0 if unknown */
    int data_year;
    int n_maps;
    struct {
        char title[96];
        char unit[24];
        int decimals;
        double value[WD_PROFILE_MAX_AREAS]; /* NAN = geen gegevens */
    } maps[WD_PROFILE_MAX_MAPS];
    char source[160];
} wd_profile_maps;

/* The parts of a wijk or gemeente compared: one row per part, one column per indicator, with
 * the value of the whole as reference. */
typedef struct {
    char title[96];     /* "Buurten vergeleken" */
    char part_name[32]; /* "Buurt", "Wijk" */
    char ref_name[160]; /* "wijk Zuiderpark" */
    int n_cols, n_rows;
    char col_label[WD_PROFILE_MAX_COLS][96];
    char col_unit[WD_PROFILE_MAX_COLS][24];
    int col_decimals[WD_PROFILE_MAX_COLS];
    double col_ref[WD_PROFILE_MAX_COLS];
    char row_name[WD_PROFILE_MAX_ROWS][128];
    double row_pop[WD_PROFILE_MAX_ROWS];
    int row_small[WD_PROFILE_MAX_ROWS]; /* below the minimum population: not compared */
    double value[WD_PROFILE_MAX_ROWS][WD_PROFILE_MAX_COLS];
    char source[160];
} wd_profile_compare;

/* The wijkopgaven of a buurt where its need is greatest, with the interval of ranks its
 * buurt takes when the weights vary (see engine/wd_rank.h). Rank 1 = the most need. */
typedef struct {
    char title[96];                    /* "Bestaanszekerheid" */
    char tier[24];                     /* "hoge prioriteit", "middel", "lage prioriteit" */
    int rank_median, rank_lo, rank_hi; /* 5-95% interval over the draws */
    int n_ranked;                      /* buurten ranked in the gemeente: the end of the scale */
} wd_profile_opgave;

typedef struct {
    int shown; /* 0: no block (a wijk or gemeente, or no ranking given) */
    int year;  /* reference year of the ranking */
    int draws; /* Monte Carlo draws behind the intervals */
    int n;     /* opgaven, most need first; 0: not ranked, and `not_ranked` says why */
    wd_profile_opgave items[WD_PROFILE_MAX_OPGAVEN];
    char not_ranked[240];
} wd_profile_opgaven;

/* For a wijk or gemeente: per wijkopgave its buurten with the most need (lowest median rank
 * in the gemeente), with their 5-95% rank interval and priority tier. */
typedef struct {
    char title[96]; /* the opgave */
    int n_ranked;   /* buurten ranked in the gemeente: the end of the scale */
    int n;          /* rows, most need first */
    char name[WD_PROFILE_RANKED_ROWS][96];
    int median[WD_PROFILE_RANKED_ROWS], lo[WD_PROFILE_RANKED_ROWS], hi[WD_PROFILE_RANKED_ROWS];
    char tier[WD_PROFILE_RANKED_ROWS][24]; /* "hoog", "midden", "laag" */
} wd_profile_ranking;

typedef struct {
    int n;     /* opgaven with a ranked buurt; 0: no page (a buurt, or no ranking given) */
    int year;  /* reference year of the ranking */
    int draws; /* Monte Carlo draws behind the intervals */
    wd_profile_ranking items[WD_PROFILE_MAX_RANKINGS];
} wd_profile_rankings;

/* An indicator definition as printed under "Bronnen en methode". */
typedef struct {
    char label[96];
    char text[400]; /* explanation and formula in words */
} wd_profile_def;

typedef struct {
    char code[16];                      /* "BU99990101" */
    char name[128];                     /* region name */
    char level[16];                     /* "buurt", "wijk", "gemeente" */
    char wijk_code[16], wijk_name[128]; /* "" for wijk/gemeente profiles */
    char gemeente_code[16], gemeente_name[128];
    int year;             /* data year shown */
    double population;    /* NAN if unknown */
    int small_population; /* 1: below the minimum population, figures are indicative only */
    int n_keys;
    wd_profile_key keys[WD_PROFILE_MAX_KEYS];
    wd_profile_bars bars;
    wd_profile_trend trend;
    wd_profile_balance balance;
    wd_profile_opgaven opgaven;
    wd_profile_rankings rankings; /* n 0 for a buurt */
    wd_profile_health health;
    wd_profile_lbm lbm;
    int n_small;
    wd_profile_small small[WD_PROFILE_MAX_SMALL];
    wd_profile_maps maps;
    wd_profile_compare compare; /* n_rows 0 for a buurt */
    int n_defs;
    wd_profile_def defs[WD_PROFILE_MAX_DEFS];
    int n_sources;
    char sources[WD_PROFILE_MAX_SOURCES][256]; /* full citations, one line each */
    char notes[1536];                          /* caveats: proxies, boundary changes, suppression */
    char generated_on[32];                     /* Dutch date, "24 november 2026" */
    int demo; /* 1: every page carries "DEMO — gesimuleerde gegevens" */
} wd_profile;

/* Number of pages of the profile: a buurt has six (overview, draagkracht and draaglast,
 * health, liveability and development, map, sources and method); a wijk or gemeente shows
 * its parts compared and mapped instead of the map page, and, when ranked, the buurten with
 * the most need per wijkopgave. */
int wd_profile_page_count(const wd_profile *p);

/* Title of page `page` (0-based), as in the PDF outline; "" when out of range. */
const char *wd_profile_page_title(const wd_profile *p, int page);

typedef enum { WD_FORMAT_PDF = 0, WD_FORMAT_PNG = 1, WD_FORMAT_SVG = 2 } wd_format;

/* Write the profile to `path`: every page as an A4 PDF with metadata and an outline, or one
 * page (`page`, 0-based; ignored for PDF) as PNG at `dpi` (ignored otherwise) or SVG. Writes
 * to a temporary file beside the target and renames on success, so a failed render never
 * leaves a half-written file; an existing file is replaced only on success. Errors name the
 * path; a page out of range is WD_EUSAGE. */
int wd_profile_render(const wd_profile *p, wd_format format, int page, double dpi, const char *path,
                      wd_error *err);

/* wd_profile_render as PDF. */
int wd_profile_render_pdf(const wd_profile *p, const char *path, wd_error *err);

/* Draw page `page` (0-based) of the profile on any cairo context sized to A4 in points
 * (595.276 x 841.89). Returns the number of pages of the profile, or a negative wd_code. */
int wd_profile_draw_page(const wd_profile *p, int page, cairo_t *cr, wd_error *err);

#endif
