/* Charts of dots on a scale: model estimates with their intervals, the table of parts with a
 * dot plot per cell and the ranking with rank intervals. */
#ifndef WD_CHART_DOTS_H
#define WD_CHART_DOTS_H

#include "plots/wd_chart.h"

#define WD_CHART_MAX_ESTIMATES 8
#define WD_CHART_MAX_ROWS 40
#define WD_CHART_MAX_COLS 4

/* One RIVM figure with its 95% interval: a small-area model estimate, never a measurement. */
typedef struct {
    char label[96];
    int decimals;
    double value, lo, hi; /* region; lo/hi NAN when the source gives no interval */
    double ref;           /* gemeente, NAN if unknown */
    int year;             /* year of the estimate, 0 if none */
    /* With value NAN: why ("volgt in een latere levering", "niet getoond: de buurtgrens is
     * gewijzigd sinds 2024"); "" for "geen gegevens". */
    char why[WD_CHART_WHY_MAX];
} wd_estimate;

typedef struct {
    int n;
    wd_estimate rows[WD_CHART_MAX_ESTIMATES];
    char ref_name[160]; /* "gemeente Voorbeeldstad" */
    char source[160];
} wd_estimates_chart;

/* The parts of a wijk or gemeente compared: one row per part, one column per indicator, with
 * the value of the whole as reference. */
typedef struct {
    char title[96];     /* "Buurten vergeleken" */
    char part_name[32]; /* "Buurt", "Wijk" */
    char ref_name[160]; /* "wijk Zuiderpark" */
    int n_cols, n_rows;
    char col_label[WD_CHART_MAX_COLS][96];
    char col_unit[WD_CHART_MAX_COLS][24];
    int col_decimals[WD_CHART_MAX_COLS];
    double col_ref[WD_CHART_MAX_COLS];
    char row_name[WD_CHART_MAX_ROWS][128];
    double row_pop[WD_CHART_MAX_ROWS];
    int row_small[WD_CHART_MAX_ROWS]; /* below the minimum population, or (row_pop NAN) of
                                         unknown population: not compared */
    double value[WD_CHART_MAX_ROWS][WD_CHART_MAX_COLS];
    char source[160];
} wd_dot_table_chart;

/* Model estimates with their 95% intervals: one row per estimate with its label, a dot on a
 * common scale with the interval as a whisker, the reference as a black tick, and the value
 * with its interval in words ("23% (20-26%)"). Same returns as wd_chart_bars. */
int wd_chart_estimates(cairo_t *cr, const wd_estimates_chart *d, double x, double y, double w,
                       double h);

/* Table of parts with a dot plot in every cell: per column a common scale, the whole's value
 * as a dashed reference line, each part's value as a dot and a number. Parts below the
 * minimum population get an open dot and muted text. Rows that do not fit are counted in a
 * last line. Returns the height used (> 0) or a negative wd_code. */
int wd_chart_dot_table(cairo_t *cr, const wd_dot_table_chart *d, double x, double y, double w,
                       double h);

/* A ranking with uncertainty: per row a name, the interval of ranks it takes (for instance the
 * 5-95% interval over a Monte Carlo of weights) as a bar on the scale 1 .. n_ranked, its
 * median rank as a dot, and a tier in words. Rank 1 is drawn at the left. */
#define WD_RANK_MAX 40
typedef struct {
    char title[96];
    int n_ranked; /* how many areas were ranked: the end of the scale */
    int n;
    char name[WD_RANK_MAX][96];
    double median[WD_RANK_MAX], lo[WD_RANK_MAX], hi[WD_RANK_MAX];
    char tier[WD_RANK_MAX][32]; /* "hoog", "midden", "laag"; "" for none */
    char source[160];
} wd_rank_chart;

/* The ranking of d in the box; rows that do not fit are counted in a last line. Returns the
 * height used (> 0) or a negative wd_code. */
int wd_chart_ranking(cairo_t *cr, const wd_rank_chart *d, double x, double y, double w, double h);

#endif
