/* The printable wijkprofiel: what one profile shows, and the functions that draw it.
 *
 * A wd_profile is plain data filled by the engine (engine/wd_profile_build.c) from computed
 * results: the renderer only lays out and draws what it is given, never queries the store
 * or computes a statistic. NAN in any value means "geen gegevens" and is drawn as such,
 * never as zero. Strings are UTF-8. */
#ifndef WD_PROFILE_H
#define WD_PROFILE_H

#include "engine/wd_error.h"

#include <cairo.h>

#define WD_PROFILE_MAX_KEYS 8
#define WD_PROFILE_MAX_BARS 8
#define WD_PROFILE_MAX_YEARS 16
#define WD_PROFILE_MAX_LINES 3
#define WD_PROFILE_MAX_SOURCES 12
#define WD_PROFILE_MAX_COMPONENTS 10

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
    unsigned flags;  /* WD_FLAG_* of the region's value (model estimate, proxy, suppressed) */
    int trend;       /* +1 rising, -1 falling, 0 flat, 2 unknown (too few points or a break) */
    char source[48]; /* short citation: "CBS 85984NED" */
} wd_profile_key;

/* A bar chart: categories, one value per category for the region and one reference. */
typedef struct {
    char title[96];                       /* "Leeftijdsopbouw" */
    char unit[24];                        /* "%" */
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
    double weight; /* relative weight as configured */
    double score;  /* normalised score (z-score against the reference), NAN if missing */
} wd_profile_component;

typedef struct {
    double draagkracht;  /* index, 100 = reference (gemeente) */
    double draaglast;    /* index, 100 = reference */
    double balans;       /* draagkracht - draaglast, in index points */
    char klasse[64];     /* plain-language class: "draaglast groter dan draagkracht" */
    char reference[160]; /* "gemeente Voorbeeldstad = 100" */
    int n_kracht, n_last;
    wd_profile_component kracht[WD_PROFILE_MAX_COMPONENTS];
    wd_profile_component last[WD_PROFILE_MAX_COMPONENTS];
    char formula[600]; /* the formula in plain Dutch words */
} wd_profile_balance;

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
    int n_sources;
    char sources[WD_PROFILE_MAX_SOURCES][256]; /* full citations, one line each */
    char notes[1024];                          /* caveats: proxies, boundary changes, suppression */
    char generated_on[32];                     /* Dutch date, "24 november 2026" */
    int demo; /* 1: every page carries "DEMO — gesimuleerde gegevens" */
} wd_profile;

/* Draw the whole profile as an A4 PDF at `path`. Writes to a temporary file beside it and
 * renames on success, so a failed render never leaves a half-written PDF; an existing file
 * is replaced only on success. Errors name the path. */
int wd_profile_render_pdf(const wd_profile *p, const char *path, wd_error *err);

/* Draw page `page` (0-based) of the profile on any cairo context sized to A4 in points
 * (595.276 x 841.89). Returns the number of pages of the profile, or a negative wd_code. */
int wd_profile_draw_page(const wd_profile *p, int page, cairo_t *cr, wd_error *err);

#endif
