/* The printable wijkprofiel: what one profile shows, and the functions that draw it.
 *
 * A wd_profile is plain data filled from computed results (plots/wd_profile_fill.c): the renderer
 * only lays out and draws what it is given, never queries the store or computes a statistic. NAN in
 * any value means "geen gegevens" and is drawn as such, never as zero. Strings are UTF-8. */
#ifndef WD_PROFILE_H
#define WD_PROFILE_H

#include "engine/wd_error.h"
#include "engine/wd_similar.h"
#include "plots/wd_chart_balance.h"
#include "plots/wd_chart_bars.h"
#include "plots/wd_chart_dots.h"
#include "plots/wd_chart_lines.h"
#include "plots/wd_chart_map.h"
#include "plots/wd_profile_beraad.h"

#include <cairo.h>
#include <stddef.h>

#define WD_PROFILE_MAX_KEYS 8
#define WD_PROFILE_MAX_SOURCES 24
#define WD_PROFILE_MAX_SMALL 6
#define WD_PROFILE_MAX_DEFS 24
#define WD_PROFILE_MAX_OPGAVEN 3
#define WD_PROFILE_MAX_RANKINGS 8 /* opgaven on the page of a wijk or gemeente */
#define WD_PROFILE_RANKED_ROWS 4  /* buurten per opgave there */

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
    double series[WD_CHART_MAX_YEARS];
    int series_break; /* index of the first value after a boundary change, -1 if none */
    char source[48];  /* short citation: "CBS KWB", with the year when it is not the profile's:
                         "CBS KWB 2024" */
    /* For a NAN value, wijk, gemeente, nederland: why ("volgt in een latere levering", "niet
     * getoond: de buurtgrens is gewijzigd sinds 2024"); "" for "geen gegevens". */
    char why[4][WD_CHART_WHY_MAX];
    /* With a value of an earlier year: why the profile's year has none ("2025 volgt in een
     * latere levering"), "" when no source says. */
    char year_note[WD_CHART_WHY_MAX];
} wd_profile_key;

/* Leefbaarometer: the score and its five dimensions beside the gemeente. Classes 1-9 are not
 * published with the open scores, so only the numbers are shown. */
typedef struct {
    int year;                   /* edition shown, 0 when there is none */
    double score, ref;          /* lbm of the region and the gemeente */
    wd_bars_chart dims;         /* dimensions (deviation from the national baseline) vs gemeente */
    char why[WD_CHART_WHY_MAX]; /* with none: why, as wd_profile_key.why; "" for "geen gegevens" */
} wd_profile_lbm;

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
    char not_ranked[600]; /* the buurten never ranked and why ("Sportpark (te weinig
                             inwoners)"), "" when every buurt could be */
} wd_profile_rankings;

/* For a buurt: the buurten of the whole store most like it in structure (engine/wd_similar.h),
 * nearest first. */
typedef struct {
    int shown; /* 0: no block (not a buurt, or not computed) */
    int year;  /* the year compared */
    int n;     /* 0: none, and `why` says why */
    char name[WD_SIMILAR_N][128];
    char gemeente[WD_SIMILAR_N][128];
    double distance[WD_SIMILAR_N];
    char why[120];
} wd_profile_similar;

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
    int small_population; /* 1: known and below the minimum population, figures are indicative
                             only; an unknown population (NAN) is named as such, never as small */
    int n_keys;
    wd_profile_key keys[WD_PROFILE_MAX_KEYS];
    wd_bars_chart bars;
    wd_trend_chart trend;
    wd_balance_chart balance;
    wd_profile_opgaven opgaven;
    wd_profile_rankings rankings; /* n 0 for a buurt */
    wd_estimates_chart health;
    wd_profile_lbm lbm;
    int n_small;
    wd_small_chart small[WD_PROFILE_MAX_SMALL];
    wd_map_chart maps;
    wd_dot_table_chart compare; /* n_rows 0 for a buurt */
    wd_profile_similar similar;
    int n_defs;
    wd_profile_def defs[WD_PROFILE_MAX_DEFS];
    int n_sources;
    char sources[WD_PROFILE_MAX_SOURCES][256]; /* full citations, one line each */
    char notes[1536];                          /* caveats: proxies, boundary changes, suppression */
    char generated_on[32];                     /* Dutch date, "24 november 2026" */
    int demo;                 /* 1: every page carries "DEMO — gesimuleerde gegevens" */
    wd_profile_beraad beraad; /* the residents' choice beside the figures; shown 0: no page */
} wd_profile;

/* What a page of a profile shows, in the order of the pages. */
typedef enum {
    WD_PAGE_GLANCE,   /* "In één oogopslag" */
    WD_PAGE_BALANCE,  /* draagkracht and draaglast, components and formula */
    WD_PAGE_COMPARE,  /* the parts of a wijk or gemeente compared, with maps */
    WD_PAGE_RANKINGS, /* per wijkopgave the buurten with the most need */
    WD_PAGE_BERAAD,   /* what residents chose beside what the figures say (with a beraad) */
    WD_PAGE_HEALTH,   /* RIVM model estimates */
    WD_PAGE_LBM,      /* Leefbaarometer and the main figures over time */
    WD_PAGE_MAP,      /* a buurt's maps */
    WD_PAGE_SOURCES   /* sources, caveats, definitions */
} wd_page_kind;

#define WD_PROFILE_MAX_PAGES 9

/* The kinds of the pages of p in order into out (room for WD_PROFILE_MAX_PAGES); returns their
 * number. */
int wd_profile_pages(const wd_profile *p, wd_page_kind *out);

/* Title of a page of kind k of p, as in the PDF outline. */
const char *wd_profile_kind_title(const wd_profile *p, wd_page_kind k);

/* The chart of ranking k (0 .. rankings.n - 1) of p, as its page draws it. */
void wd_profile_rank_chart(const wd_profile *p, int k, wd_rank_chart *out);

/* Number of pages of the profile: a buurt has six (overview, draagkracht and draaglast,
 * health, liveability and development, map, sources and method); a wijk or gemeente shows
 * its parts compared and mapped instead of the map page, and, when ranked, the buurten with
 * the most need per wijkopgave. */
int wd_profile_page_count(const wd_profile *p);

/* Title of page `page` (0-based), as in the PDF outline; "" when out of range. */
const char *wd_profile_page_title(const wd_profile *p, int page);

/* The sentences of a profile, for wd_profile_words. */
typedef enum {
    WD_WORDS_DEMO,           /* the demonstration banner */
    WD_WORDS_KICKER,         /* "Wijkprofiel buurt · BU99990101" */
    WD_WORDS_NAME,           /* the name, or "(naam onbekend)" */
    WD_WORDS_WHERE,          /* "Wijk … (WK…) · Gemeente … (GM…)"; "" for a gemeente */
    WD_WORDS_FACTS,          /* "Inwoners: … · Cijfers over … · Gemaakt op …" */
    WD_WORDS_PAGE_HEAD,      /* "Wijkprofiel NAAM (CODE)", above every page after the first */
    WD_WORDS_NOTICE,         /* why the region is not ranked: small, or population unknown */
    WD_WORDS_KEY_HEAD,       /* head of column `item` (0-6) of the key figures; "" if absent */
    WD_WORDS_KEY_LABEL,      /* label of key figure `item`, with its unit unless "%" */
    WD_WORDS_KEY_CELL,       /* key figure item / 4, column item % 4 (region, wijk, ...); a
                                missing value says why when that is known */
    WD_WORDS_KEY_SOURCE,     /* source of key figure `item`, and why the profile's year has
                                none when an earlier year's figure stands */
    WD_WORDS_TREND_ARROW,    /* arrow of trend `item` (+1, -1, 0, 2) */
    WD_WORDS_TREND_NAME,     /* the same in words: "stijgt", ... */
    WD_WORDS_KEY_LEGEND,     /* what (m), (p), the line and the arrows mean */
    WD_WORDS_NO_KEYS,        /* a profile without key figures */
    WD_WORDS_OPGAVEN_HEAD,   /* "Opgaven in deze buurt" */
    WD_WORDS_OPGAVEN_INTRO,  /* how to read them, or why the buurt is not ranked */
    WD_WORDS_OPGAVE_TITLE,   /* "1. Bestaanszekerheid" for opgave `item` */
    WD_WORDS_OPGAVE,         /* the rank interval of opgave `item` in words */
    WD_WORDS_BALANCE_INTRO,  /* how to read the components */
    WD_WORDS_PANEL,          /* "Draagkracht — index 96" (item 0), draaglast (item 1) */
    WD_WORDS_NO_COMPONENTS,  /* a panel without components */
    WD_WORDS_FORMULA_HEAD,   /* "Hoe is dit berekend?" */
    WD_WORDS_COMPARE_INTRO,  /* how to read the parts compared */
    WD_WORDS_RANKINGS_INTRO, /* how to read the rankings of a wijk or gemeente */
    WD_WORDS_RANKINGS_SOURCE,
    WD_WORDS_NOT_RANKED,   /* "Niet gerangschikt: … (reden)."; "" when every buurt is ranked */
    WD_WORDS_HEALTH_INTRO, /* model estimates, not measurements */
    WD_WORDS_HEALTH_HEAD,  /* "Hoe lees je dit?" */
    WD_WORDS_HEALTH_READING,
    WD_WORDS_SIMILAR_HEAD,  /* "Buurten zoals NAAM" (a buurt's health page) */
    WD_WORDS_SIMILAR_INTRO, /* what the buurten like it are and how far apart */
    WD_WORDS_SIMILAR_NONE,  /* "Geen vergelijking: …." when there are none */
    WD_WORDS_LBM_SCORE,     /* "Leefbaarometer 2024: 4,12 · gemeente 4,05", or no data */
    WD_WORDS_LBM_INTRO,
    WD_WORDS_SMALL_HEAD, /* "Ontwikkeling van de belangrijkste cijfers" */
    WD_WORDS_SMALL_INTRO,
    WD_WORDS_MAP_INTRO, /* the map page: what the maps show */
    WD_WORDS_MAP_NOTE,  /* classes, hatching, years and source of the maps */
    WD_WORDS_SOURCES_HEAD,
    WD_WORDS_NO_SOURCES,
    WD_WORDS_NOTES_HEAD,
    WD_WORDS_DEFS_HEAD
} wd_words;

/* Write sentence `what` of profile p into buf (cap bytes, truncated to fit) and return buf:
 * the words the PDF prints, for any other rendering of the same profile (the web version).
 * `item` picks a column, a key figure, an opgave or a trend where `what` says so; an item out
 * of range gives "". */
const char *wd_profile_words(const wd_profile *p, wd_words what, int item, char *buf, size_t cap);

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

/* The demonstration mark over an A4 page in points: a pale diagonal "DEMO" and the banner
 * "DEMO — gesimuleerde gegevens" across the top edge, for every page drawn from the simulated
 * data (profiles and the other documents made from a store). */
void wd_profile_demo_mark(cairo_t *cr);

/* Draw page `page` (0-based) of the profile on any cairo context sized to A4 in points
 * (595.276 x 841.89), white paper included. Returns the number of pages of the profile, or a
 * negative wd_code. */
int wd_profile_draw_page(const wd_profile *p, int page, cairo_t *cr, wd_error *err);

#endif
