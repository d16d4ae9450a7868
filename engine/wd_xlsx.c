/* Implementation of wd_xlsx.h. */
#include "engine/wd_xlsx.h"

#include "engine/wd_export.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define MAX_DECIMALS 4

static const char *const sheet_names[] = {"Nederland", "Gemeenten", "Wijken", "Buurten"};

typedef struct {
    lxw_workbook *wb;
    lxw_worksheet *sheet[4]; /* per wd_level; NULL when not in the selection */
    lxw_row_t rows[4];       /* rows written below the header */
    lxw_format *header, *wrap, *number[MAX_DECIMALS + 1];
} xlsx_state;

static int xlsx_error(wd_error *err, const char *what, lxw_error e)
{
    return wd_error_set(err, WD_EIO, "XLSX: %s: %s", what, lxw_strerror(e));
}

/* The width of column k in characters: its name, or what its values need. */
static double width_of(const wd_table_col *c)
{
    double w = (double)strlen(c->name) + 2;
    double need = c->part == WD_TABLE_NAME                                        ? 28
                  : c->part == WD_TABLE_REASON || c->part == WD_TABLE_TREND_CLASS ? 22
                  : c->part == WD_TABLE_FLAGS || c->part == WD_TABLE_BALANCE      ? 26
                                                                                  : 10;
    /* Long indicator names make wide headers: past 30 the header wraps. */
    return fmin(fmax(w, need), 30);
}

static void header_row(xlsx_state *x, lxw_worksheet *ws, const wd_table *t)
{
    for (size_t k = 0; k < t->n_cols; k++) {
        const wd_table_col *c = &t->cols[k];
        lxw_format *f = c->number && c->decimals >= 0
                            ? x->number[c->decimals < MAX_DECIMALS ? c->decimals : MAX_DECIMALS]
                            : NULL;
        worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, width_of(c), f);
        worksheet_write_string(ws, 0, (lxw_col_t)k, c->name, x->header);
    }
    worksheet_set_row(ws, 0, 30, NULL);
    /* The header and the code and name columns stay in view. */
    worksheet_freeze_panes(ws, 1, 2);
}

static int xlsx_open(void **state, const wd_table *t, const wd_table_options *o, FILE *f,
                     const char *path, wd_error *err)
{
    (void)f;
    xlsx_state *x = calloc(1, sizeof *x);
    if (!x) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de XLSX");
    *state = x;
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_TRUE};
    if (!(x->wb = workbook_new_opt(path, &opt)))
        return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de XLSX");
    x->header = workbook_add_format(x->wb);
    format_set_bold(x->header);
    format_set_text_wrap(x->header);
    format_set_align(x->header, LXW_ALIGN_VERTICAL_TOP);
    x->wrap = workbook_add_format(x->wb);
    format_set_text_wrap(x->wrap);
    format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
    for (int d = 0; d <= MAX_DECIMALS; d++) {
        static const char *const fmt[] = {"0", "0.0", "0.00", "0.000", "0.0000"};
        x->number[d] = workbook_add_format(x->wb);
        format_set_num_format(x->number[d], fmt[d]);
    }
    /* Buurten first: what analysts open the workbook for. */
    for (int level = WD_LEVEL_BUURT; level >= WD_LEVEL_LAND; level--) {
        if (o->level >= 0 && o->level != level) continue;
        if (!(x->sheet[level] = workbook_add_worksheet(x->wb, sheet_names[level])))
            return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de XLSX");
        header_row(x, x->sheet[level], t);
    }
    return 0;
}

static int xlsx_row(void *state, const wd_table *t, const wd_table_row *row, const wd_geo *geo,
                    int shape, wd_error *err)
{
    xlsx_state *x = state;
    (void)geo;
    (void)shape;
    lxw_worksheet *ws = x->sheet[row->level];
    if (!ws) return 0;
    lxw_row_t r = ++x->rows[row->level];
    for (size_t k = 0; k < t->n_cols; k++) {
        lxw_error e = LXW_NO_ERROR;
        if (t->cols[k].number) {
            if (isfinite(row->num[k]))
                e = worksheet_write_number(ws, r, (lxw_col_t)k, row->num[k], NULL);
        } else if (row->text[k][0]) {
            e = worksheet_write_string(ws, r, (lxw_col_t)k, row->text[k], NULL);
        }
        if (e) return xlsx_error(err, row->region->code, e);
    }
    return 0;
}

/* "aandeel: 100 × (a + b) / (c)" */
static void formula_text(const wd_indicator *ind, char *buf, size_t cap)
{
    char num[WD_IND_MAX_TERMS * WD_IND_MAX_NAMES * (WD_VAR_MAX + 4)] = "", den[sizeof num] = "";
    for (size_t k = 0, n = 0; k < (size_t)ind->n_num && n < sizeof num; k++)
        n += wd_indicators_term_text(num + n, sizeof num - n, k ? " + " : "", &ind->num[k]);
    for (size_t k = 0, n = 0; k < (size_t)ind->n_den && n < sizeof den; k++)
        n += wd_indicators_term_text(den + n, sizeof den - n, k ? " + " : "", &ind->den[k]);
    if (ind->type == WD_FORMULA_VALUE)
        snprintf(buf, cap, "%s", num);
    else if (ind->type == WD_FORMULA_DIFFERENCE)
        snprintf(buf, cap, "(%s) - (%s)", num, den);
    else
        snprintf(buf, cap, "%g × (%s) / (%s)", ind->scale, num, den);
    if (ind->subgroup[0])
        snprintf(buf + strlen(buf), cap - strlen(buf), ", subgroep %s", ind->subgroup);
}

static void write_strings(lxw_worksheet *ws, lxw_row_t r, const char *const *cells, size_t n,
                          lxw_format *f)
{
    for (size_t k = 0; k < n; k++)
        if (cells[k] && cells[k][0]) worksheet_write_string(ws, r, (lxw_col_t)k, cells[k], f);
}

static void sheet_columns(lxw_worksheet *ws, const double *widths, size_t n, lxw_format *bold,
                          const char *const *names)
{
    for (size_t k = 0; k < n; k++)
        worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, widths[k], NULL);
    write_strings(ws, 0, names, n, bold);
    worksheet_freeze_panes(ws, 1, 1);
}

static void sources_sheet(xlsx_state *x, const wd_table *t)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Bronnen");
    if (!ws) return;
    static const char *const names[] = {"tabel",    "titel",          "uitgever", "opgehaald",
                                        "licentie", "bronvermelding", "url",      "waarden"};
    static const double widths[] = {20, 44, 14, 22, 12, 70, 60, 10};
    sheet_columns(ws, widths, 8, x->header, names);
    for (size_t k = 0; k < t->n_sources; k++) {
        const wd_source *s = &t->sources[k].src;
        char cite[400];
        snprintf(cite, sizeof cite, "Bron: %s, %s (%s), opgehaald %.10s, %s", s->publisher,
                 s->title, s->table_id, s->retrieved_at, s->licence);
        const char *cells[] = {s->table_id, s->title, s->publisher, s->retrieved_at,
                               s->licence,  cite,     s->url};
        write_strings(ws, (lxw_row_t)k + 1, cells, 7, NULL);
        worksheet_write_number(ws, (lxw_row_t)k + 1, 7, (double)t->sources[k].used, NULL);
    }
    if (t->n_sources) worksheet_autofilter(ws, 0, 0, (lxw_row_t)t->n_sources, 7);
}

static void definitions_sheet(xlsx_state *x, const wd_table *t)
{
    static const char *const agg[] = {"niet", "optellen", "gewogen"};
    static const char *const dir[] = {"hoger is slechter", "neutraal", "hoger is beter"};
    static const char *const suffixes[][2] = {
        {"<indicator>", "de waarde, uit het nieuwste jaar dat haar heeft (hooguit "
                        "max_jaren_terug voor het peiljaar); leeg als ze ontbreekt, nooit 0"},
        {"<indicator>_jaar", "het jaar van die waarde"},
        {"<indicator>_vlaggen", "ontbreekt, geheim_of_te_klein, modelschatting, proxy, "
                                "berekend_uit_buurten, volgt_in_latere_levering, "
                                "niet_meer_gepubliceerd, geheim, andere_indeling (een cijfer "
                                "van een ander gebied: de buurtgrens is gewijzigd)"},
        {"<indicator>_reden", "waarom er geen waarde is (bijvoorbeeld: volgt in een latere "
                              "levering)"},
        {"<indicator>_ci95_laag, _ci95_hoog",
         "95%-interval: de gepubliceerde grenzen (RIVM), anders het exacte (Clopper-Pearson) "
         "interval van een buurtaandeel van getelde personen"},
        {"<indicator>_trend", "OLS-helling per jaar sinds de laatste indelingswijziging"},
        {"<indicator>_trend_klasse", "de trend in woorden (Mann-Kendall met Theil-Sen)"},
        {"<indicator>_bron", "de tabel waar de waarde vandaan komt (zie het blad Bronnen)"},
        {"draagkracht_index, draaglast_index",
         "100 = de gemeente (of Nederland), zie draagkracht_draaglast.json"},
        {"balans", "draagkracht min draaglast in woorden"}};
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Definities");
    if (!ws) return;
    static const char *const names[] = {"indicator",       "label",    "uitleg", "eenheid",
                                        "formule",         "richting", "domein", "aggregatie",
                                        "minimale noemer", "vlaggen",  "bron"};
    static const double widths[] = {28, 34, 60, 10, 50, 18, 18, 12, 10, 26, 14};
    sheet_columns(ws, widths, 11, x->header, names);
    const wd_indicator_set *set = t->set;
    lxw_row_t r = 1;
    for (size_t i = 0; i < set->n; i++, r++) {
        const wd_indicator *ind = &set->items[i];
        char formula[600], flags[96];
        formula_text(ind, formula, sizeof formula);
        wd_export_flags_text(ind->flags, flags, sizeof flags);
        const char *cells[] = {ind->id,
                               ind->label,
                               ind->explanation,
                               ind->unit,
                               formula,
                               dir[ind->direction + 1],
                               ind->domain,
                               agg[ind->aggregation],
                               NULL,
                               flags,
                               ind->source};
        write_strings(ws, r, cells, 11, x->wrap);
        if (ind->min_den > 0) worksheet_write_number(ws, r, 8, ind->min_den, NULL);
    }
    worksheet_autofilter(ws, 0, 0, r - 1, 10);
    r++;
    worksheet_write_string(ws, r++, 0, "kolom", x->header);
    for (size_t k = 0; k < sizeof suffixes / sizeof *suffixes; k++, r++)
        write_strings(ws, r, suffixes[k], 2, NULL);
}

/* Whether the rows of the data sheets reached their temporary files: in constant-memory mode
 * libxlsxwriter writes them there (in the system's temporary folder) without checking, so that
 * a full disk would leave a workbook short of rows that opens without complaint. The row
 * being written is still in memory; its own loss is not seen here. */
static int rows_written(xlsx_state *x, wd_error *err)
{
    for (int level = 0; level < 4; level++) {
        FILE *rows = x->sheet[level] ? x->sheet[level]->optimize_tmpfile : NULL;
        errno = 0;
        if (!rows || (fflush(rows) == 0 && !ferror(rows))) continue;
        int sys = errno;
        char why[192] = "schrijven mislukt";
        if (sys) wd_error_errno_text(why, sizeof why, sys);
        wd_error_set(err, WD_EIO, "XLSX: de rijen van blad %s: %s (tijdelijk bestand)",
                     sheet_names[level], why);
        if (err) err->errnum = sys;
        return WD_EIO;
    }
    return 0;
}

static int xlsx_close(void *state, const wd_table *t, int commit, wd_error *err)
{
    xlsx_state *x = state;
    int rc = 0;
    if (x->wb) {
        for (int level = 0; level < 4; level++)
            if (x->sheet[level])
                worksheet_autofilter(x->sheet[level], 0, 0, x->rows[level],
                                     (lxw_col_t)(t->n_cols - 1));
        if (commit) {
            sources_sheet(x, t);
            definitions_sheet(x, t);
            rc = rows_written(x, err);
        }
        /* Also without commit: it frees the workbook (the file is thrown away). */
        errno = 0;
        lxw_error e = workbook_close(x->wb);
        int sys = errno;
        if (rc) {
            /* the rows were lost already */
        } else if (commit && e && sys) {
            /* libxlsxwriter says where it failed; the system why (a full disk). */
            char why[192];
            wd_error_errno_text(why, sizeof why, sys);
            rc = wd_error_set(err, WD_EIO, "XLSX: opslaan: %s (libxlsxwriter: %s)", why,
                              lxw_strerror(e));
            if (err) err->errnum = sys;
        } else if (commit && e) {
            rc = xlsx_error(err, "opslaan", e);
        }
    }
    free(x);
    return rc;
}

const wd_table_sink wd_xlsx_sink = {"xlsx", "xlsx", 1, 0, xlsx_open, xlsx_row, xlsx_close};
