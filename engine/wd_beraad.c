/* Implementation of wd_beraad.h: the template, reading it back, the two orders and recording
 * with the frozen baseline. */
#include "engine/wd_beraad.h"

#include "engine/wd_csvtok.h"
#include "engine/wd_file.h"
#include "engine/wd_out.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

int wd_beraad_load(wd_session *s, const char *code, int rank, wd_error *err)
{
    int rc = wd_session_opgaven(s, err);
    /* A beraad shows no national figures: none are made. */
    unsigned char *none = rc ? NULL : calloc(s->set->n + 1, 1);
    if (!rc && !none) rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    if (!rc) rc = wd_session_load_region(s, code, none, err);
    free(none);
    if (!rc && rank) rc = wd_session_rank(s, 0, err);
    return rc;
}

/* The columns of the opgaven table, in the template's order. */
enum { COL_OPGAVE, COL_TITEL, COL_STEMMEN, COL_RANG, COL_GEKOZEN, COL_NOTE, N_COLS };
static const char *const col_names[N_COLS] = {"opgave",        "titel",   "stemmen",
                                              "rang_bewoners", "gekozen", "klopt_dit"};
static const int col_required[N_COLS] = {1, 0, 1, 1, 1, 0};

/* The template as rows of N_COLS cells; cells are borrowed from `s` or from `buf`. */
typedef struct {
    const wd_session *s;
    size_t r;
    char area[300];
} template_rows;

/* Cell k of template row `row` (0 .. 4 + number of opgaven); "" when empty. */
static const char *template_cell(const template_rows *t, size_t row, int k)
{
    static const char *const head[][N_COLS] = {
        {"gebied", NULL, NULL, "", "", ""},
        {"datum", "", "vul in: JJJJ-MM-DD, de dag van het beraad", "", "", ""},
        {"plaats", "", "vul in: waar het beraad was", "", "", ""},
        {"uitleg",
         "stemmen: aantal stemmen of stippen; rang_bewoners: 1 = het belangrijkst volgens de "
         "bewoners; gekozen: ja of nee; klopt_dit: wat bewoners over de cijfers zeggen",
         "", "", "", ""},
    };
    const wd_region *reg = &t->s->ds->regions[t->r];
    if (row < 4) {
        if (row == 0 && k == 1) return reg->code;
        if (row == 0 && k == 2) return t->area;
        return head[row][k];
    }
    if (row == 4) return col_names[k];
    const wd_opgave *o = &t->s->opg->items[row - 5];
    return k == COL_OPGAVE ? o->id : k == COL_TITEL ? o->title : "";
}

static int write_csv(FILE *f, void *ctx, wd_error *err)
{
    const template_rows *t = ctx;
    wd_out o;
    wd_out_init(&o, f, ';', ',');
    wd_out_str(&o, "\xef\xbb\xbf");
    for (size_t row = 0; row < 5 + t->s->opg->n; row++) {
        for (int k = 0; k < N_COLS; k++) {
            if (k) wd_out_chr(&o, ';');
            wd_out_field(&o, template_cell(t, row, k));
        }
        wd_out_str(&o, "\r\n");
    }
    wd_out_flush(&o);
    return ferror(f) ? wd_error_set(err, WD_EIO, "schrijven mislukt: %s", strerror(errno)) : 0;
}

static int write_xlsx(const char *tmp, void *ctx, wd_error *err)
{
    const template_rows *t = ctx;
    lxw_workbook *wb = workbook_new(tmp);
    if (!wb) return wd_error_set(err, WD_EIO, "het werkboek kan niet worden gemaakt");
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Beraad");
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    /* Text cells, so that a spreadsheet keeps a typed date or code as it was typed. */
    lxw_format *text = workbook_add_format(wb);
    format_set_num_format(text, "@");
    static const double widths[N_COLS] = {28, 40, 10, 15, 10, 60};
    for (int k = 0; k < N_COLS; k++)
        worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, widths[k], text);
    for (size_t row = 0; ws && row < 5 + t->s->opg->n; row++)
        for (int k = 0; k < N_COLS; k++) {
            const char *c = template_cell(t, row, k);
            if (c[0])
                worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)k, c,
                                       row == 4 || k == 0 ? bold : text);
        }
    lxw_error e = workbook_close(wb);
    return ws && e == LXW_NO_ERROR
               ? 0
               : wd_error_set(err, WD_EIO, "werkboek: %s",
                              lxw_strerror(ws ? e : LXW_ERROR_MEMORY_MALLOC_FAILED));
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcasecmp(s + n - m, tail) == 0;
}

int wd_beraad_template(const wd_session *s, size_t r, const char *path, wd_error *err)
{
    template_rows t = {s, r, ""};
    const wd_dataset *ds = s->ds;
    const wd_region *reg = &ds->regions[r];
    int g = ds->gemeente[r];
    snprintf(t.area, sizeof t.area, "%s (%s%s%s)", reg->name, wd_level_name(reg->level),
             g >= 0 && (size_t)g != r ? ", gemeente " : "",
             g >= 0 && (size_t)g != r ? ds->regions[g].name : "");
    int rc = ends_with(path, ".xlsx") ? wd_file_write_atomic_path(path, write_xlsx, &t, err)
                                      : wd_file_write_atomic(path, write_csv, &t, err);
    return rc ? wd_error_prefix(err, "%s: ", path) : 0;
}

/* ---- reading ---- */

/* The file being read, and where in it, for messages. */
typedef struct {
    const char *name;
    wd_csvtok tok;
    wd_error *err;
} reader;

/* Column letters as a spreadsheet shows them: 0 -> "A", 26 -> "AA". */
static void col_letter(char *out, size_t cap, int k)
{
    char tmp[8];
    int n = 0;
    for (k++; k > 0 && n < 7; k = (k - 1) / 26)
        tmp[n++] = (char)('A' + (k - 1) % 26);
    size_t i = 0;
    while (n > 0 && i + 1 < cap)
        out[i++] = tmp[--n];
    out[i] = '\0';
}

static int fail_at(reader *rd, int line, int col, const char *what, const char *fmt,
                   const char *arg)
{
    char letter[8], msg[300];
    col_letter(letter, sizeof letter, col);
    snprintf(msg, sizeof msg, fmt, arg);
    if (col < 0) return wd_error_set(rd->err, WD_EPARSE, "%s, regel %d: %s", rd->name, line, msg);
    return wd_error_set(rd->err, WD_EPARSE, "%s, regel %d, kolom %s%s%s%s: %s", rd->name, line,
                        letter, what ? " (" : "", what ? what : "", what ? ")" : "", msg);
}

/* The first invalid UTF-8 byte of text[len] as a line number, or 0 when it is all valid. */
static int bad_utf8_line(const unsigned char *s, size_t len)
{
    int line = 1;
    for (size_t i = 0; i < len;) {
        unsigned char c = s[i];
        size_t n = c < 0x80             ? 1
                   : (c & 0xe0) == 0xc0 ? 2
                   : (c & 0xf0) == 0xe0 ? 3
                   : (c & 0xf8) == 0xf0 ? 4
                                        : 0;
        if (n == 0 || i + n > len || (n == 2 && c < 0xc2)) return line;
        for (size_t k = 1; k < n; k++)
            if ((s[i + k] & 0xc0) != 0x80) return line;
        if (c == '\n') line++;
        i += n;
    }
    return 0;
}

#define MAX_FIELDS 32
#define FIELD_MAX 600

/* One record of fields (RFC 4180 with the reader's separator, engine/wd_csvtok.h) copied into
 * f; fields are trimmed unless quoted. Returns the number of fields, 0 at the end of the
 * text, or -1 after an error that names the line and the column. */
static int next_record(reader *rd, char (*f)[FIELD_MAX], int *start_line)
{
    int rc = wd_csvtok_next(&rd->tok);
    *start_line = rd->tok.line;
    int col = rd->tok.n_fields ? (int)rd->tok.n_fields - 1 : 0;
    if (rc < 0) {
        switch (rd->tok.fail) {
        case WD_CSVTOK_UNCLOSED:
            fail_at(rd, rd->tok.line, col, NULL, "een aanhalingsteken wordt nergens gesloten%s",
                    "");
            break;
        case WD_CSVTOK_AFTER_QUOTE:
            fail_at(rd, rd->tok.next_line, col, NULL, "tekst na het sluitende aanhalingsteken%s",
                    "");
            break;
        case WD_CSVTOK_NUL:
            fail_at(rd, rd->tok.next_line, col, NULL, "NUL-byte in het veld%s", "");
            break;
        default:
            wd_error_set(rd->err, WD_ENOMEM, "geen geheugen meer");
        }
        return -1;
    }
    if (rc == 0) return 0;
    if (rd->tok.n_fields > MAX_FIELDS)
        return fail_at(rd, rd->tok.line, MAX_FIELDS, NULL, "meer dan %s kolommen", "32"), -1;
    for (size_t k = 0; k < rd->tok.n_fields; k++) {
        const char *v = wd_csvtok_field(&rd->tok, k);
        if (strlen(v) >= FIELD_MAX)
            return fail_at(rd, rd->tok.line, (int)k, NULL, "veld langer dan %s bytes", "599"), -1;
        memcpy(f[k], v, strlen(v) + 1);
    }
    return (int)rd->tok.n_fields;
}

static int all_empty(char (*f)[FIELD_MAX], int n)
{
    for (int k = 0; k < n; k++)
        if (f[k][0]) return 0;
    return 1;
}

static void lower(char *s)
{
    for (; *s; s++)
        *s = (char)tolower((unsigned char)*s);
}

/* A whole number lo..hi in s; -1 when it is none. */
static long whole(const char *s, long lo, long hi)
{
    if (!*s) return -1;
    long v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9' || v > hi) return -1;
        v = v * 10 + (*p - '0');
    }
    return v >= lo && v <= hi ? v : -1;
}

static int valid_day(int y, int m, int d)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1) return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

/* JJJJ-MM-DD or DD-MM-JJJJ (also with '/') into iso[11]; 0, or -1 when it is no date. */
static int parse_date(const char *s, char *iso)
{
    int a, b, c;
    char s1, s2, rest;
    if (sscanf(s, "%d%c%d%c%d%c", &a, &s1, &b, &s2, &c, &rest) != 5 || s1 != s2 ||
        (s1 != '-' && s1 != '/'))
        return -1;
    int y = a >= 1000 ? a : c, m = b, d = a >= 1000 ? c : a;
    if (!valid_day(y, m, d)) return -1;
    snprintf(iso, 11, "%04d-%02d-%02d", y, m, d);
    return 0;
}

/* The value of a row above the header ("gebied", "datum", "plaats"). */
static int head_row(reader *rd, wd_beraad_input *out, char (*f)[FIELD_MAX], int n, int line,
                    const char *key, int *seen)
{
    const char *v = n > 1 ? f[1] : "";
    int k = strcmp(key, "gebied") == 0 ? 0 : strcmp(key, "datum") == 0 ? 1 : 2;
    if (seen[k]) return fail_at(rd, line, 0, NULL, "de regel '%s' staat er twee keer", key);
    seen[k] = line;
    if (!*v) return fail_at(rd, line, 1, key, "%s is leeg", key);
    if (k == 0) {
        if (strlen(v) >= sizeof out->region)
            return fail_at(rd, line, 1, key, "'%s' is geen regiocode", v);
        snprintf(out->region, sizeof out->region, "%s", v);
        out->region_line = line;
    } else if (k == 1) {
        if (parse_date(v, out->date))
            return fail_at(rd, line, 1, key,
                           "'%s' is geen datum (schrijf JJJJ-MM-DD, bijvoorbeeld 2025-03-12)", v);
    } else {
        if (strlen(v) >= sizeof out->place)
            return fail_at(rd, line, 1, key, "plaats langer dan %s bytes", "127");
        snprintf(out->place, sizeof out->place, "%s", v);
    }
    return 0;
}

/* The header row: where each column is (-1: absent). */
static int header_row(reader *rd, char (*f)[FIELD_MAX], int n, int line, int *where)
{
    for (int c = 0; c < N_COLS; c++)
        where[c] = -1;
    for (int k = 0; k < n; k++) {
        lower(f[k]);
        if (!f[k][0]) continue;
        int c = 0;
        while (c < N_COLS && strcmp(f[k], col_names[c]) != 0)
            c++;
        if (c == N_COLS)
            return fail_at(rd, line, k, NULL,
                           "onbekende kolom '%s' (kolommen: opgave, titel, stemmen, "
                           "rang_bewoners, gekozen, klopt_dit)",
                           f[k]);
        if (where[c] >= 0) return fail_at(rd, line, k, NULL, "kolom '%s' staat er twee keer", f[k]);
        where[c] = k;
    }
    for (int c = 0; c < N_COLS; c++)
        if (col_required[c] && where[c] < 0)
            return fail_at(rd, line, -1, NULL, "kolom '%s' ontbreekt in de kopregel", col_names[c]);
    return 0;
}

static int opgave_row(reader *rd, wd_beraad_input *out, char (*f)[FIELD_MAX], int n, int line,
                      const int *where, int n_head, const wd_opgave_set *opg)
{
    for (int k = n_head; k < n; k++)
        if (f[k][0])
            return fail_at(rd, line, k, NULL, "'%s' staat buiten de kolommen van de kopregel",
                           f[k]);
    for (int k = n; k < n_head; k++)
        f[k][0] = '\0';
    if (out->n == WD_BERAAD_MAX_OPGAVEN)
        return fail_at(rd, line, -1, NULL, "meer dan %s opgaven", "32");
    wd_beraad_row *row = &out->rows[out->n];
    memset(row, 0, sizeof *row);
    row->line = line;
    const char *id = f[where[COL_OPGAVE]];
    if (!*id) return fail_at(rd, line, where[COL_OPGAVE], "opgave", "de opgave is leeg%s", "");
    if (wd_opgaven_find(opg, id) < 0)
        return fail_at(rd, line, where[COL_OPGAVE], "opgave",
                       "onbekende opgave '%s' (zie de opgaven in het sjabloon van 'wijkdata "
                       "beraad sjabloon')",
                       id);
    for (size_t k = 0; k < out->n; k++)
        if (strcmp(out->rows[k].opgave, id) == 0) {
            char msg[120];
            snprintf(msg, sizeof msg, "opgave '%s' staat ook op regel %d", id, out->rows[k].line);
            return fail_at(rd, line, where[COL_OPGAVE], "opgave", "%s", msg);
        }
    snprintf(row->opgave, sizeof row->opgave, "%s", id);
    const char *v = f[where[COL_STEMMEN]];
    row->votes = *v ? (int)whole(v, 0, 1000000) : -1;
    if (*v && row->votes < 0)
        return fail_at(rd, line, where[COL_STEMMEN], "stemmen",
                       "'%s' is geen aantal stemmen (een heel getal vanaf 0, of leeg)", v);
    v = f[where[COL_RANG]];
    long rank = *v ? whole(v, 1, (long)opg->n) : 0;
    if (rank < 0) {
        char msg[160];
        snprintf(msg, sizeof msg, "'%s' is geen rang (een heel getal van 1 tot %zu, of leeg)", v,
                 opg->n);
        return fail_at(rd, line, where[COL_RANG], "rang_bewoners", "%s", msg);
    }
    row->rank = (int)rank;
    char yes[FIELD_MAX];
    snprintf(yes, sizeof yes, "%s", f[where[COL_GEKOZEN]]);
    lower(yes);
    if (strcmp(yes, "ja") == 0 || strcmp(yes, "j") == 0)
        row->chosen = 1;
    else if (*yes && strcmp(yes, "nee") != 0 && strcmp(yes, "n") != 0)
        return fail_at(rd, line, where[COL_GEKOZEN], "gekozen",
                       "'%s' is geen ja of nee (leeg is nee)", f[where[COL_GEKOZEN]]);
    if (where[COL_NOTE] >= 0) {
        v = f[where[COL_NOTE]];
        if (strlen(v) >= sizeof row->note)
            return fail_at(rd, line, where[COL_NOTE], "klopt_dit", "notitie langer dan %s bytes",
                           "511");
        snprintf(row->note, sizeof row->note, "%s", v);
    }
    out->n++;
    return 0;
}

int wd_beraad_parse(wd_beraad_input *out, const char *name, const char *text, size_t len,
                    const wd_opgave_set *opg, wd_error *err)
{
    memset(out, 0, sizeof *out);
    reader rd = {.name = name, .err = err};
    const char *start = text + (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0);
    const char *end = text + len;
    int bad = bad_utf8_line((const unsigned char *)start, (size_t)(end - start));
    if (bad)
        return fail_at(&rd, bad, -1, NULL,
                       "geen geldige UTF-8 (sla het bestand op als 'CSV UTF-8')%s", "");
    /* The separator of the first line with one: ';' as Dutch Excel writes, else ','. */
    size_t semi = 0, comma = 0;
    for (const char *p = start; p < end && *p != '\n'; p++) {
        semi += *p == ';';
        comma += *p == ',';
    }
    char(*f)[FIELD_MAX] = malloc(MAX_FIELDS * sizeof *f);
    if (!f) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    wd_csvtok_init(&rd.tok, text, len, comma > semi ? ',' : ';');
    rd.tok.trim = 1; /* a spreadsheet's cells, padded by hand */
    int seen[3] = {0, 0, 0}, where[N_COLS], n_head = 0, header_line = 0, line = 0, n, rc = 0;
    while (!rc && (n = next_record(&rd, f, &line)) > 0) {
        if (all_empty(f, n)) continue;
        if (header_line) {
            rc = opgave_row(&rd, out, f, n, line, where, n_head, opg);
            continue;
        }
        char key[FIELD_MAX];
        snprintf(key, sizeof key, "%s", f[0]);
        lower(key);
        if (strcmp(key, "opgave") == 0) {
            header_line = line;
            n_head = n;
            rc = header_row(&rd, f, n, line, where);
        } else if (strcmp(key, "gebied") == 0 || strcmp(key, "datum") == 0 ||
                   strcmp(key, "plaats") == 0) {
            rc = head_row(&rd, out, f, n, line, key, seen);
        } else if (strcmp(key, "uitleg") != 0) {
            rc = fail_at(&rd, line, 0, NULL,
                         "onbekende regel '%s' boven de kopregel (verwacht gebied, datum, plaats, "
                         "uitleg of de kopregel die met 'opgave' begint)",
                         f[0]);
        }
    }
    free(f);
    wd_csvtok_free(&rd.tok);
    if (rc || n < 0) return err->code;
    static const char *const keys[] = {"gebied", "datum", "plaats"};
    for (int k = 0; k < 3; k++)
        if (!seen[k])
            return wd_error_set(err, WD_EPARSE, "%s: de regel '%s' ontbreekt (zie het sjabloon)",
                                name, keys[k]);
    if (!header_line)
        return wd_error_set(err, WD_EPARSE, "%s: geen kopregel (een regel die begint met 'opgave')",
                            name);
    if (out->n == 0)
        return wd_error_set(err, WD_EPARSE, "%s: geen opgaven onder de kopregel (regel %d)", name,
                            header_line);
    int votes = 0, chosen = 0;
    for (size_t k = 0; k < out->n; k++) {
        votes |= out->rows[k].votes >= 0 || out->rows[k].rank > 0;
        chosen |= out->rows[k].chosen;
    }
    if (!votes)
        return wd_error_set(err, WD_EPARSE,
                            "%s: geen stemmen en geen rang_bewoners ingevuld: de volgorde van de "
                            "bewoners ontbreekt",
                            name);
    if (!chosen)
        return wd_error_set(err, WD_EPARSE,
                            "%s: geen opgave gekozen (zet 'ja' in de kolom gekozen)", name);
    return 0;
}

int wd_beraad_read(wd_beraad_input *out, const char *path, const wd_opgave_set *opg, wd_error *err)
{
    if (ends_with(path, ".xlsx"))
        return wd_error_set(err, WD_EUSAGE,
                            "%s: een werkboek wordt niet gelezen; sla het op als CSV (in Excel: "
                            "Opslaan als, 'CSV UTF-8') en lees dat in",
                            path);
    FILE *f = fopen(path, "rb");
    if (!f) return wd_error_set(err, WD_EIO, "%s: niet te lezen: %s", path, strerror(errno));
    char *text = malloc(WD_BERAAD_MAX_FILE + 1);
    size_t len = text ? fread(text, 1, WD_BERAAD_MAX_FILE + 1, f) : 0;
    int rc =
        !text       ? wd_error_set(err, WD_ENOMEM, "geen geheugen meer")
        : ferror(f) ? wd_error_set(err, WD_EIO, "%s: lezen mislukt", path)
        : len > WD_BERAAD_MAX_FILE
            ? wd_error_set(err, WD_EPARSE, "%s: groter dan 1 MiB: geen ingevuld sjabloon", path)
            : wd_beraad_parse(out, path, text, len, opg, err);
    fclose(f);
    free(text);
    return rc;
}

/* ---- the two orders and recording ---- */

/* The figures' position of opgave o for region r (see the header): NAN when there is none. */
static double figure_pos(const wd_ranking *rk, size_t r, size_t o)
{
    const wd_dataset *ds = rk->res->ds;
    if (ds->regions[r].level == WD_LEVEL_GEMEENTE || ds->regions[r].level == WD_LEVEL_LAND)
        return NAN;
    double sum = 0;
    int n = 0;
    for (size_t b = 0; b < ds->n_regions; b++) {
        if (b != r && ds->parent[b] != (int)r) continue;
        const wd_rank_entry *e = &rk->entry[wd_rank_cell(rk, b, o)];
        if (e->rank <= 0) continue;
        sum += (double)e->rank_median / e->n_ranked;
        n++;
    }
    return n ? sum / n : NAN;
}

/* Competition ranks (1, 2, 2, 4) of key[] ascending over the entries with has[] set. */
static void ranks_of(const double *key, const int *has, int *rank, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        rank[i] = 0;
        if (!has[i]) continue;
        rank[i] = 1;
        for (size_t j = 0; j < n; j++)
            if (has[j] && key[j] < key[i]) rank[i]++;
    }
}

/* The baseline of indicator i of opgave `o` for region r in year index y. */
static void baseline_of(const wd_session *s, size_t r, int y, const wd_opgave *o, size_t i,
                        wd_store_baseline *b)
{
    const wd_results *res = s->res;
    const wd_dataset *ds = s->ds;
    const wd_indicator *ind = &s->set->items[i];
    memset(b, 0, sizeof *b);
    snprintf(b->opgave, sizeof b->opgave, "%s", o->id);
    snprintf(b->indicator, sizeof b->indicator, "%s", ind->id);
    snprintf(b->label, sizeof b->label, "%s", ind->label);
    snprintf(b->unit, sizeof b->unit, "%s", ind->unit);
    b->decimals = ind->decimals;
    b->value = b->lo = b->hi = b->count = b->den = NAN;
    wd_results_pick pick;
    wd_results_latest(&pick, res, r, i, y, s->set->balance.max_years_back);
    if (pick.year < 0) {
        b->flags = pick.flags;
        return;
    }
    size_t cell = wd_results_cell(res, r, pick.year, i);
    b->year = ds->year0 + pick.year;
    b->value = res->value[cell];
    b->flags = res->flags[cell] | ind->flags;
    double lo, hi, cnt, den;
    wd_results_interval(res, r, pick.year, i, &lo, &hi);
    b->lo = lo;
    b->hi = hi;
    if (ind->of_counts && wd_results_counts(res, r, pick.year, ind, &cnt, &den) == 0) {
        b->count = cnt;
        b->den = den;
    }
    const wd_source *src = &ds->sources[res->source[cell]];
    snprintf(b->table_id, sizeof b->table_id, "%s", src->table_id);
    snprintf(b->edition, sizeof b->edition, "%s", src->retrieved_at);
    b->indeling = ds->source_indeling[res->source[cell]];
    /* CBS rounds the counts of buurten and wijken to multiples of 5 (DOMAIN 3.2). */
    wd_level lv = ds->regions[r].level;
    b->rounded = (lv == WD_LEVEL_BUURT || lv == WD_LEVEL_WIJK) &&
                 strncmp(src->publisher, "CBS", 3) == 0 && isfinite(b->count);
}

int wd_beraad_record(const wd_session *s, const wd_beraad_input *in, const char *recorded_at,
                     wd_error *err)
{
    int r = wd_dataset_region(s->ds, in->region);
    if (r < 0)
        return wd_error_set(err, WD_ENOTFOUND, "regel %d: onbekende regiocode '%s'",
                            in->region_line, in->region);
    int y = wd_results_year(s->res, (size_t)r, 0);
    wd_store_beraad b = {.year = s->ds->year0 + y};
    snprintf(b.region, sizeof b.region, "%s", in->region);
    snprintf(b.date, sizeof b.date, "%s", in->date);
    snprintf(b.place, sizeof b.place, "%s", in->place);
    snprintf(b.recorded_at, sizeof b.recorded_at, "%s", recorded_at);

    wd_store_beraad_opgave opg[WD_BERAAD_MAX_OPGAVEN];
    double key_res[WD_BERAAD_MAX_OPGAVEN] = {0}, key_fig[WD_BERAAD_MAX_OPGAVEN] = {0};
    int has_res[WD_BERAAD_MAX_OPGAVEN] = {0}, has_fig[WD_BERAAD_MAX_OPGAVEN] = {0};
    int by_rank = 0;
    for (size_t k = 0; k < in->n; k++)
        by_rank |= in->rows[k].rank > 0;
    size_t n_base = 0;
    for (size_t k = 0; k < in->n; k++) {
        const wd_beraad_row *row = &in->rows[k];
        size_t o = (size_t)wd_opgaven_find(s->opg, row->opgave);
        const wd_opgave *g = &s->opg->items[o];
        wd_store_beraad_opgave *out = &opg[k];
        memset(out, 0, sizeof *out);
        snprintf(out->opgave, sizeof out->opgave, "%s", g->id);
        snprintf(out->title, sizeof out->title, "%s", g->title);
        snprintf(out->note, sizeof out->note, "%s", row->note);
        out->votes = row->votes;
        out->chosen = row->chosen;
        /* The residents' own ranking when they gave one, else most votes first. */
        has_res[k] = by_rank ? row->rank > 0 : row->votes >= 0;
        key_res[k] = by_rank ? row->rank : -row->votes;
        out->figure_pos = figure_pos(s->rk, (size_t)r, o);
        has_fig[k] = isfinite(out->figure_pos);
        key_fig[k] = out->figure_pos;
        if (row->chosen) n_base += (size_t)g->n;
    }
    int rank_res[WD_BERAAD_MAX_OPGAVEN], rank_fig[WD_BERAAD_MAX_OPGAVEN];
    ranks_of(key_res, has_res, rank_res, in->n);
    ranks_of(key_fig, has_fig, rank_fig, in->n);
    for (size_t k = 0; k < in->n; k++) {
        opg[k].resident_rank = rank_res[k];
        opg[k].figure_rank = rank_fig[k];
    }
    wd_store_baseline *base = calloc(n_base + 1, sizeof *base);
    if (!base) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    size_t nb = 0;
    for (size_t k = 0; k < in->n; k++) {
        if (!in->rows[k].chosen) continue;
        const wd_opgave *g = &s->opg->items[wd_opgaven_find(s->opg, in->rows[k].opgave)];
        for (int c = 0; c < g->n; c++)
            baseline_of(s, (size_t)r, y, g, (size_t)g->comp[c].indicator, &base[nb++]);
    }
    int rc = wd_store_beraad_add(s->store, &b, opg, in->n, base, nb, err);
    free(base);
    return rc;
}

/* ---- reading back ---- */

typedef struct {
    wd_beraad *out;
    const char *date;
    int found;
    char dates[200];
} find_ctx;

static int take_beraad(const wd_store_beraad *b, void *ctx)
{
    find_ctx *c = ctx;
    size_t len = strlen(c->dates);
    snprintf(c->dates + len, sizeof c->dates - len, "%s%s", len ? ", " : "", b->date);
    if (!c->date || strcmp(c->date, b->date) == 0) {
        c->out->b = *b;
        c->found = 1;
    }
    return 0;
}

static int take_opgave(const wd_store_beraad_opgave *o, void *ctx)
{
    wd_beraad *b = ctx;
    if (b->n < WD_BERAAD_MAX_OPGAVEN) b->opg[b->n++] = *o;
    return 0;
}

int wd_beraad_find(wd_beraad *out, int *found, wd_store *store, const char *code, const char *date,
                   wd_error *err)
{
    find_ctx c = {out, date, 0, ""};
    memset(out, 0, sizeof *out);
    *found = 0;
    int rc = wd_store_each_beraad(store, code, take_beraad, &c, err);
    if (rc) return rc;
    if (!c.found && date)
        return wd_error_set(err, WD_ENOTFOUND, "geen beraad van %s op %s in de store (%s%s)", code,
                            date, c.dates[0] ? "wel op " : "er is geen beraad van dit gebied",
                            c.dates);
    if (!c.found) return 0;
    *found = 1;
    return wd_store_each_beraad_opgave(store, out->b.id, take_opgave, out, err);
}

int wd_beraad_both(const wd_beraad *b)
{
    int k = 0;
    for (size_t i = 0; i < b->n; i++)
        k += b->opg[i].resident_rank > 0 && b->opg[i].figure_rank > 0;
    return k;
}

wd_beraad_match wd_beraad_compare(const wd_store_beraad_opgave *o, int k)
{
    int rr = o->resident_rank, fr = o->figure_rank;
    if (rr <= 0 || fr <= 0) return WD_BERAAD_ONE_ORDER;
    int high = (k + 2) / 3, low = k / 2; /* high: rank <= high; low: rank > low */
    if (abs(rr - fr) <= 1) return WD_BERAAD_AGREE;
    if (rr <= high && fr > low) return WD_BERAAD_RESIDENTS_FIRST;
    if (fr <= high && rr > low) return WD_BERAAD_FIGURES_FIRST;
    return WD_BERAAD_APART;
}
