/* Implementation of wd_csv.h: the CSV formats built on the tokenizer of engine/wd_csvtok.h, the
 * Leefbaarometer 3.0 open-data scores, the StatLine "CSV met statistische symbolen" export and a
 * mapped CSV.
 *
 * StatLine exports carry a UTF-8 BOM, ';' separators, every field quoted, right-aligned
 * numbers padded with spaces, padded region codes, "." for unknown/secret values and, from
 * Dutch spreadsheets, decimal commas. Every value is trimmed; a suppressed or blank value is
 * NAN with a flag, never 0. Errors name the file, the line and the column. */
#include "fetchers/wd_csv.h"

#include "engine/wd_name.h"
#include "fetchers/wd_parse.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int wd_csv_next(wd_csvtok *c, const char *origin, wd_error *err)
{
    int rc = wd_csvtok_next(c);
    if (rc >= 0) return rc;
    switch (c->fail) {
    case WD_CSVTOK_UNCLOSED:
        return wd_error_set(err, WD_EPARSE, "%s:%d: aanhalingsteken niet gesloten", origin,
                            c->line);
    case WD_CSVTOK_AFTER_QUOTE:
        return wd_error_set(err, WD_EPARSE,
                            "%s:%d: tekens na een gesloten aanhalingsteken in veld %zu", origin,
                            c->line, c->n_fields);
    case WD_CSVTOK_NUL:
        /* Fields are C strings: it would cut the text there ("Oude\0Haven" -> "Oude"). */
        return wd_error_set(err, WD_EPARSE,
                            "%s:%d, kolom %zu: NUL-byte in het veld (geen tekstbestand?)", origin,
                            c->line, c->n_fields);
    default:
        return wd_parse_nomem(err, origin);
    }
}

/* Copy `s` trimmed into dst[cap], cutting (at a UTF-8 boundary) when it is too long. */
static void trim_cut(char *dst, size_t cap, const char *s)
{
    size_t len = strlen(s);
    if (wd_parse_trim(dst, cap, s, len) == 0) return;
    while (*s == ' ' || *s == '\t')
        s++;
    size_t m = strlen(s) < cap - 1 ? strlen(s) : cap - 1;
    memcpy(dst, s, m);
    dst[m] = '\0';
    while (m > 0 && ((unsigned char)dst[m - 1] & 0xC0) == 0x80)
        dst[--m] = '\0';
    if (m > 0 && ((unsigned char)dst[m - 1] & 0xC0) == 0xC0) dst[--m] = '\0';
    while (m > 0 && isspace((unsigned char)dst[m - 1]))
        dst[--m] = '\0';
}

/* The region of a row, with its name from column col_name when there is one. */
static int add_region(wd_batch *b, const char *code, const wd_csvtok *c, long col_name,
                      wd_error *err)
{
    char name[WD_NAME_MAX] = "";
    if (col_name >= 0) trim_cut(name, sizeof name, wd_csvtok_field(c, (size_t)col_name));
    return wd_parse_region(b, code, name, 0, err);
}

/* The next record, as wd_csv_next, with every field checked to be UTF-8: names and headers
 * go into the store and the PDFs, which assume it, and a file saved as Latin-1 by a
 * spreadsheet is a common mistake that should be named, not stored. */
static int next_record(wd_csvtok *c, const char *origin, wd_error *err)
{
    int rc = wd_csv_next(c, origin, err);
    for (size_t i = 0; rc == 1 && i < c->n_fields; i++) {
        const char *f = wd_csvtok_field(c, i);
        size_t bad;
        if (!wd_parse_utf8_valid(f, &bad))
            rc = wd_error_set(err, WD_EPARSE,
                              "%s:%d, kolom %zu: ongeldige UTF-8 (byte 0x%02X op teken %zu van het "
                              "veld); sla het bestand op als UTF-8",
                              origin, c->line, i + 1, (unsigned char)f[bad], bad + 1);
    }
    return rc;
}

/* The separator of a CSV: ';' when the header line has more of them than commas. */
static char guess_sep(const char *data, size_t len)
{
    size_t commas = 0, semis = 0;
    for (size_t i = 0; i < len && data[i] != '\n'; i++) {
        commas += data[i] == ',';
        semis += data[i] == ';';
    }
    return semis > commas ? ';' : ',';
}

/* Scores first, then the classes 1-9 of the WFS and newer CSVs (kscore for lbm, k<dim>). */
static const char *const lbm_scores[] = {"lbm",    "afw",  "fys",  "onv",  "soc",  "vrz",  "won",
                                         "kscore", "kafw", "kfys", "konv", "ksoc", "kvrz", "kwon"};
#define N_SCORES (sizeof lbm_scores / sizeof lbm_scores[0])
#define K_AFW 1 /* lbm_scores[1]; the five dimensions follow it */
#define FIRST_CLASS 7

const char *wd_csv_lbm_class_name(int k)
{
    static const char *const names[] = {
        "zeer onvoldoende", "ruim onvoldoende", "onvoldoende", "zwak",
        "voldoende",        "ruim voldoende",   "goed",        "zeer goed",
        "uitstekend"};
    return k >= 1 && k <= 9 ? names[k - 1] : NULL;
}

/* The start of every data record: as many fields as the header, and a region code in column
 * `col` (headed `head`), trimmed into `code`. */
static int record_code(const wd_csvtok *c, size_t ncol, long col, const char *head, char *code,
                       size_t cap, const char *origin, wd_error *err)
{
    if (c->n_fields != ncol)
        return wd_error_set(err, WD_EPARSE, "%s:%d: %zu kolommen, de kop heeft er %zu", origin,
                            c->line, c->n_fields, ncol);
    const char *raw = wd_csvtok_field(c, (size_t)col);
    char place[WD_ERROR_MSG_MAX];
    snprintf(place, sizeof place, "%s:%d, kolom %ld (\"%s\")", origin, c->line, col + 1, head);
    if (wd_parse_trim(code, cap, raw, strlen(raw)) || !code[0]) {
        char shown[64];
        return wd_error_set(err, WD_EPARSE, "%s: '%s' is geen regiocode", place,
                            wd_name_print(shown, sizeof shown, raw));
    }
    int level;
    return wd_parse_code(code, &level, place, err);
}

/* One Leefbaarometer score (lbm_scores[k]) of a region and year. */
static int lbm_score(wd_batch *b, const char *code, size_t k, int year, int source, double value,
                     unsigned flags, wd_error *err)
{
    wd_obs o;
    memset(&o, 0, sizeof o);
    snprintf(o.region, sizeof o.region, "%s", code);
    snprintf(o.variable, sizeof o.variable, "%s", lbm_scores[k]);
    o.year = year;
    o.lo = o.hi = NAN;
    o.source = source;
    o.value = value;
    o.flags = flags;
    return wd_batch_add_obs(b, &o, err);
}

int wd_csv_lbm(wd_batch *b, int source, const char *data, size_t len, const char *origin,
               const wd_hand_on *on, wd_error *err)
{
    wd_csvtok c;
    wd_csvtok_init(&c, data, len, guess_sep(data, len));
    int rc = next_record(&c, origin, err);
    if (rc <= 0) {
        wd_csvtok_free(&c);
        return rc < 0 ? rc : wd_error_set(err, WD_EPARSE, "%s: leeg bestand", origin);
    }
    long col_code = -1, col_name = -1, col_year = -1, col_score[N_SCORES];
    char code_head[16] = "";
    for (size_t k = 0; k < N_SCORES; k++)
        col_score[k] = -1;
    size_t ncol = c.n_fields;
    for (size_t i = 0; i < ncol; i++) {
        char h[64];
        trim_cut(h, sizeof h, wd_csvtok_field(&c, i));
        if (!strcasecmp(h, "bu_code") || !strcasecmp(h, "wk_code") || !strcasecmp(h, "gm_code")) {
            col_code = (long)i;
            snprintf(code_head, sizeof code_head, "%s", h);
        } else if (!strcasecmp(h, "bu_naam") || !strcasecmp(h, "wk_naam") ||
                   !strcasecmp(h, "gm_naam"))
            col_name = (long)i;
        else if (!strcasecmp(h, "jaar"))
            col_year = (long)i;
        for (size_t k = 0; k < N_SCORES; k++)
            if (!strcasecmp(h, lbm_scores[k])) col_score[k] = (long)i;
    }
    if (col_code < 0 || col_year < 0 || col_score[0] < 0) {
        wd_csvtok_free(&c);
        return wd_error_set(
            err, WD_EPARSE,
            "%s:1: kop mist bu_code/wk_code/gm_code, jaar of lbm (Leefbaarometer-CSV verwacht)",
            origin);
    }
    while ((rc = next_record(&c, origin, err)) == 1) {
        char code[WD_CODE_MAX];
        if ((rc = record_code(&c, ncol, col_code, code_head, code, sizeof code, origin, err)))
            break;
        double y;
        const char *ys = wd_csvtok_field(&c, (size_t)col_year);
        if (wd_parse_number(ys, &y) || y != floor(y) || y < 1800 || y > 2200) {
            rc = wd_error_set(err, WD_EPARSE, "%s:%d, kolom jaar: '%.40s' is geen jaartal", origin,
                              c.line, ys);
            break;
        }
        rc = add_region(b, code, &c, col_name, err);
        /* afw is the exact sum of the five dimensions: derived where a layout leaves it out
         * (the 2024 buurt file), missing when one of them is. */
        double afw = 0;
        unsigned afw_flags = 0;
        int derive = col_score[K_AFW] < 0;
        for (size_t k = 0; k < N_SCORES && !rc; k++) {
            if (col_score[k] < 0) {
                if (k > K_AFW && k < FIRST_CLASS) derive = 0;
                continue;
            }
            const char *vs = wd_csvtok_field(&c, (size_t)col_score[k]);
            double v = NAN;
            unsigned fl = 0;
            const char *t = vs;
            while (*t == ' ')
                t++;
            if (!*t) {
                fl = WD_FLAG_MISSING;
            } else if (wd_parse_number(vs, &v)) {
                rc = wd_error_set(err, WD_EPARSE, "%s:%d, kolom %s: '%.40s' is geen getal", origin,
                                  c.line, lbm_scores[k], vs);
                break;
            } else if (k >= FIRST_CLASS && !(v >= 1 && v <= 9 && v == floor(v))) {
                rc = wd_error_set(err, WD_EPARSE,
                                  "%s:%d, kolom %s: '%.40s' is geen klasse (1 tot en met 9)",
                                  origin, c.line, lbm_scores[k], vs);
                break;
            }
            if (k > K_AFW && k < FIRST_CLASS) {
                afw += v;
                afw_flags |= fl;
            }
            rc = lbm_score(b, code, k, (int)y, source, v, fl, err);
        }
        if (!rc && derive)
            rc = lbm_score(b, code, K_AFW, (int)y, source, afw_flags ? NAN : afw, afw_flags, err);
        if (!rc && (rc = wd_batch_hand_on(b, on, err)) > 0) rc = 0;
        if (rc) break;
    }
    wd_csvtok_free(&c);
    return rc < 0 ? rc : 0;
}

static int contains_ci(const char *h, const char *needle)
{
    size_t n = strlen(needle);
    for (; *h; h++)
        if (strncasecmp(h, needle, n) == 0) return 1;
    return 0;
}

static int ends_with(const char *h, const char *tail)
{
    size_t a = strlen(h), b = strlen(tail);
    return a >= b && strcmp(h + a - b, tail) == 0;
}

int wd_csv_statline(wd_batch *b, int source, int year, const char *data, size_t len,
                    const char *origin, wd_error *err)
{
    wd_csvtok c;
    wd_csvtok_init(&c, data, len, ';');
    int rc = next_record(&c, origin, err);
    if (rc <= 0) {
        wd_csvtok_free(&c);
        return rc < 0 ? rc : wd_error_set(err, WD_EPARSE, "%s: leeg bestand", origin);
    }
    size_t ncol = c.n_fields;
    char(*head)[WD_VAR_MAX] = calloc(ncol, sizeof *head);
    /* 0 variable, 1 region code, 2 period, 3 region name, 4 other text */
    unsigned char *kind = calloc(ncol, 1);
    if (!head || !kind) {
        free(head);
        free(kind);
        wd_csvtok_free(&c);
        return wd_parse_nomem(err, origin);
    }
    long col_code = -1, col_period = -1, col_name = -1;
    for (size_t i = 0; i < ncol; i++) {
        trim_cut(head[i], sizeof head[i], wd_csvtok_field(&c, i));
        const char *h = head[i];
        if (col_code < 0 && (contains_ci(h, "Codering") || contains_ci(h, "Regiocode"))) {
            kind[i] = 1;
            col_code = (long)i;
        } else if (col_period < 0 && contains_ci(h, "Perioden")) {
            kind[i] = 2;
            col_period = (long)i;
        } else if (col_name < 0 &&
                   (!strcasecmp(h, "Wijken en buurten") || !strcasecmp(h, "Regio's"))) {
            kind[i] = 3;
            col_name = (long)i;
        } else if (ends_with(h, "(naam)") || ends_with(h, "(omschrijving)") ||
                   contains_ci(h, "Soort regio") || contains_ci(h, "Gemeentenaam")) {
            kind[i] = 4;
        }
    }
    if (col_code < 0) {
        rc =
            wd_error_set(err, WD_EPARSE,
                         "%s:1: geen kolom met regiocodes (kop met \"Codering\" of \"Regiocode\"); "
                         "exporteer de tabel met de regiocodes erbij",
                         origin);
        goto cleanup;
    }
    while ((rc = next_record(&c, origin, err)) == 1) {
        char code[WD_CODE_MAX];
        if ((rc = record_code(&c, ncol, col_code, head[col_code], code, sizeof code, origin, err)))
            break;
        int y = year;
        if (col_period >= 0) {
            y = wd_parse_year(wd_csvtok_field(&c, (size_t)col_period));
            if (!y) {
                rc =
                    wd_error_set(err, WD_EPARSE, "%s:%d, kolom %s: '%.40s' is geen periode", origin,
                                 c.line, head[col_period], wd_csvtok_field(&c, (size_t)col_period));
                break;
            }
        }
        rc = add_region(b, code, &c, col_name, err);
        for (size_t i = 0; i < ncol && !rc; i++) {
            if (kind[i]) continue;
            const char *vs = wd_csvtok_field(&c, i);
            wd_obs o;
            memset(&o, 0, sizeof o);
            snprintf(o.region, sizeof o.region, "%s", code);
            snprintf(o.variable, sizeof o.variable, "%s", head[i]);
            o.year = y;
            o.lo = o.hi = NAN;
            o.source = source;
            if (wd_parse_cell(vs, &o.value, &o.flags)) {
                if (ends_with(head[i], "(code)"))
                    continue; /* text codes such as postcodes are not observations */
                rc = wd_error_set(err, WD_EPARSE, "%s:%d, kolom \"%s\": '%.40s' is geen getal",
                                  origin, c.line, head[i], vs);
                break;
            }
            if (y == 0) {
                rc = wd_error_set(err, WD_EUSAGE, "%s: geen kolom Perioden en geen jaar opgegeven",
                                  origin);
                break;
            }
            rc = wd_batch_add_obs(b, &o, err);
        }
        if (rc) break;
    }
cleanup:
    free(head);
    free(kind);
    wd_csvtok_free(&c);
    return rc < 0 ? rc : 0;
}

/* Index of the header column named `name` (trimmed, exact), or -1. */
static long column_of(char (*head)[WD_VAR_MAX * 2], size_t ncol, const char *name)
{
    for (size_t i = 0; i < ncol; i++)
        if (strcmp(head[i], name) == 0) return (long)i;
    return -1;
}

int wd_csv_mapped(wd_batch *b, int source, const wd_mapping *m, int year, const char *data,
                  size_t len, const char *origin, wd_error *err)
{
    wd_csvtok c;
    wd_csvtok_init(&c, data, len, m->sep ? m->sep : guess_sep(data, len));
    char(*head)[WD_VAR_MAX * 2] = NULL;
    long *vcol = calloc(m->n_vars ? m->n_vars : 1, sizeof *vcol);
    int rc = vcol ? next_record(&c, origin, err) : wd_parse_nomem(err, origin);
    if (rc <= 0) {
        if (rc == 0) rc = wd_error_set(err, WD_EPARSE, "%s: leeg bestand", origin);
        goto cleanup;
    }
    size_t ncol = c.n_fields;
    if (!(head = calloc(ncol, sizeof *head))) {
        rc = wd_parse_nomem(err, origin);
        goto cleanup;
    }
    /* The header is checked against the mapping first; each row's column count before
     * anything is taken from it. */
    rc = 0;
    for (int header = 1;; header = 0) {
        if (c.n_fields != ncol) {
            rc = wd_error_set(err, WD_EPARSE, "%s:%d: %zu kolommen, de kop heeft er %zu", origin,
                              c.line, c.n_fields, ncol);
            break;
        }
        if (header) {
            for (size_t i = 0; i < ncol; i++)
                trim_cut(head[i], sizeof head[i], wd_csvtok_field(&c, i));
            const char *need[3] = {m->region, m->name, m->period};
            for (size_t k = 0; k < 3 + m->n_vars && !rc; k++) {
                const char *col = k < 3 ? need[k] : m->vars[k - 3].column;
                long idx = col[0] ? column_of(head, ncol, col) : -1;
                if (col[0] && idx < 0)
                    rc = wd_error_set(err, WD_EPARSE,
                                      "%s:%d: kolom \"%s\" uit het koppelbestand staat niet in de "
                                      "kop",
                                      origin, c.line, col);
                if (k >= 3) vcol[k - 3] = idx;
            }
            if (rc) break;
        } else {
            long col_code = column_of(head, ncol, m->region);
            long col_name = m->name[0] ? column_of(head, ncol, m->name) : -1;
            long col_period = m->period[0] ? column_of(head, ncol, m->period) : -1;
            char code[WD_CODE_MAX];
            const char *raw = wd_csvtok_field(&c, (size_t)col_code);
            char place[WD_ERROR_MSG_MAX], shown[64];
            snprintf(place, sizeof place, "%s:%d, kolom %ld (\"%s\")", origin, c.line, col_code + 1,
                     m->region);
            if (wd_parse_trim(code, sizeof code, raw, strlen(raw))) {
                rc = wd_error_set(err, WD_EPARSE, "%s: '%s' is geen regiocode", place,
                                  wd_name_print(shown, sizeof shown, raw));
                break;
            }
            if ((rc = wd_parse_code(code, NULL, place, err))) break;
            int y = m->year ? m->year : year;
            if (col_period >= 0 && !(y = wd_parse_year(wd_csvtok_field(&c, (size_t)col_period)))) {
                rc = wd_error_set(
                    err, WD_EPARSE, "%s:%d, kolom %ld (\"%s\"): '%.40s' is geen periode", origin,
                    c.line, col_period + 1, m->period, wd_csvtok_field(&c, (size_t)col_period));
                break;
            }
            if (!y) {
                rc = wd_error_set(err, WD_EUSAGE,
                                  "%s: geen periode in het koppelbestand en geen jaar opgegeven",
                                  origin);
                break;
            }
            rc = add_region(b, code, &c, col_name, err);
            for (size_t k = 0; k < m->n_vars && !rc; k++) {
                const char *vs = wd_csvtok_field(&c, (size_t)vcol[k]);
                wd_obs o;
                memset(&o, 0, sizeof o);
                snprintf(o.region, sizeof o.region, "%s", code);
                snprintf(o.variable, sizeof o.variable, "%s", m->vars[k].name);
                o.year = y;
                o.lo = o.hi = NAN;
                o.source = source;
                if (wd_parse_cell(vs, &o.value, &o.flags)) {
                    rc = wd_error_set(err, WD_EPARSE,
                                      "%s:%d, kolom %ld (\"%s\"): '%.40s' is geen getal", origin,
                                      c.line, vcol[k] + 1, m->vars[k].column, vs);
                    break;
                }
                rc = wd_batch_add_obs(b, &o, err);
            }
            if (rc) break;
        }
        if ((rc = next_record(&c, origin, err)) != 1) break;
        rc = 0;
    }
cleanup:
    free(head);
    free(vcol);
    wd_csvtok_free(&c);
    return rc < 0 ? rc : 0;
}
