/* Material for the wijkdialoog: the poster for the wall, the gespreksblad for the table
 * facilitator and the stemkaart for dot-voting.
 *
 * The sheets are other renderings of the session a profile is made from (plots/wd_render.h):
 * a wd_sheet is plain data filled from the profile's data and the session's results and
 * ranking (plots/wd_sheet_fill.h), and the functions here only lay it out and draw it. They
 * are for residents, so the type is large (never below the WD_SHEET_*_MIN sizes), every
 * sentence is short, and nothing is told by colour alone: a sheet photocopied in black and
 * white says the same. Every sheet names the source, table and date of its figures and
 * carries the demonstration mark on demo data. Strings are UTF-8. */
#ifndef WD_SHEET_H
#define WD_SHEET_H

#include "engine/wd_error.h"
#include "plots/wd_chart_balance.h"

#include <cairo.h>

/* Smallest text on each sheet, in points. The poster and the stemkaart are read by residents
 * at arm's length; the gespreksblad by the facilitator at the table. */
#define WD_SHEET_POSTER_MIN 14.0
#define WD_SHEET_STEMKAART_MIN 14.0
#define WD_SHEET_GESPREK_MIN 11.0
/* The key figures of the poster. */
#define WD_SHEET_FIGURE_SIZE 40.0

#define WD_SHEET_MAX_FIGURES 6
#define WD_SHEET_MAX_TOP 3      /* opgaven of most need on the poster and gespreksblad */
#define WD_SHEET_MAX_OPGAVEN 12 /* opgaven on the stemkaart */
#define WD_SHEET_MAX_FACTS 3    /* figures behind an opgave */
#define WD_SHEET_MAX_SOURCES 8
#define WD_SHEET_QUESTIONS 3

typedef enum { WD_SHEET_POSTER, WD_SHEET_GESPREK, WD_SHEET_STEMKAART } wd_sheet_kind;

/* The paper of the poster: one A3 portrait page, or the same two halves on two A4 landscape
 * pages (side by side on the wall they make the A3), each at the same type sizes. The other
 * sheets are A4 portrait whatever is asked. */
typedef enum { WD_SHEET_A3, WD_SHEET_A4 } wd_sheet_paper;

/* One key figure of the poster. */
typedef struct {
    char label[96];     /* "65 jaar of ouder" */
    char figure[32];    /* the figure in large type: "19%", "41.900 euro" */
    char sentence[320]; /* "Ongeveer 1 op de 5 bewoners is 65 jaar of ouder; in de gemeente
                           1 op de 6." */
    char source[96];    /* publisher, table and year: "CBS 85984NED, 2024" */
} wd_sheet_figure;

/* A figure behind an opgave, for the facilitator. */
typedef struct {
    char label[96];  /* "Ernstig of zeer ernstig eenzaam" */
    char value[96];  /* "13% (gemeente 13%)" */
    char says[400];  /* what it does and does not say */
    char source[96]; /* "RIVM/CBS 50120NED, 2022" */
} wd_sheet_fact;

typedef struct {
    char title[96];    /* "Eenzaamheid en meedoen" */
    char summary[240]; /* one line: the first sentence of its description */
    char groups[480];  /* where the region stands, in groups of buurten, without ranks */
    int n_facts;
    wd_sheet_fact facts[WD_SHEET_MAX_FACTS];
} wd_sheet_opgave;

typedef struct {
    char code[16];  /* "BU99990101" */
    char name[128]; /* "Oude Haven" */
    char level[16]; /* "buurt", "wijk", "gemeente" */
    char wijk_name[128], gemeente_name[128];
    int year; /* the figures' year */
    int n_figures;
    wd_sheet_figure figures[WD_SHEET_MAX_FIGURES];
    wd_balance_chart balance;
    /* The opgaven of most need for the region, most need first; with none, why. */
    int n_top;
    wd_sheet_opgave top[WD_SHEET_MAX_TOP];
    char not_ranked[320];
    char groups_intro[400]; /* how the groups are made, in plain words */
    /* Every opgave, in the order of the definitions (the stemkaart: not ordered by the
     * figures, so that the card does not steer the vote): title and summary. */
    int n_opgaven;
    wd_sheet_opgave opgaven[WD_SHEET_MAX_OPGAVEN];
    char questions[WD_SHEET_QUESTIONS][400]; /* open questions from the data */
    int n_sources;
    char sources[WD_SHEET_MAX_SOURCES][256]; /* the tables of the figures shown: publisher,
                                                table, title and the date it was fetched */
    char generated_on[32];                   /* Dutch date, "24 november 2026" */
    int demo; /* 1: every page carries "DEMO — gesimuleerde gegevens" */
} wd_sheet;

/* The sheet `kind` named `name` ("poster", "gespreksblad", "stemkaart"); -1 for another. */
int wd_sheet_kind_of(const char *name, wd_sheet_kind *out);
/* The paper named `name`: "a3" (also for NULL) or "a4"; -1 for another. */
int wd_sheet_paper_of(const char *name, wd_sheet_paper *out);

/* Number of pages of sheet `kind` on `paper`, and the size of page `page` in points. */
int wd_sheet_page_count(wd_sheet_kind kind, wd_sheet_paper paper);
void wd_sheet_page_size(wd_sheet_kind kind, wd_sheet_paper paper, double *w, double *h);

/* Draw page `page` (0-based) of sheet `kind` on any cairo context sized as
 * wd_sheet_page_size says (in points). Returns 0, WD_EUSAGE for a page out of range or a NULL
 * argument, WD_ERR when cairo fails (the message names the region and the page). */
int wd_sheet_draw_page(const wd_sheet *s, wd_sheet_kind kind, wd_sheet_paper paper, int page,
                       cairo_t *cr, wd_error *err);

/* Write sheet `kind` of `s` as a PDF at `path` (with title, author and date in its metadata),
 * whole or not at all (engine/wd_file.h): a failed write leaves any old file as it was.
 * Errors name the path. */
int wd_sheet_render(const wd_sheet *s, wd_sheet_kind kind, wd_sheet_paper paper, const char *path,
                    wd_error *err);

#endif
