/* Implementation of wd_csvtok.h. */
#include "engine/wd_csvtok.h"

#include <stdlib.h>
#include <string.h>

void wd_csvtok_init(wd_csvtok *c, const char *data, size_t len, char sep)
{
    memset(c, 0, sizeof *c);
    c->data = data;
    c->len = len;
    c->sep = sep;
    c->next_line = 1;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) c->pos = 3;
}

void wd_csvtok_free(wd_csvtok *c)
{
    if (!c) return;
    free(c->buf);
    free(c->offs);
    c->buf = NULL;
    c->offs = NULL;
}

static int buf_put(wd_csvtok *c, size_t *used, char ch)
{
    if (*used + 1 > c->buf_cap) {
        size_t ncap = c->buf_cap ? c->buf_cap * 2 : 256;
        char *p = realloc(c->buf, ncap);
        if (!p) return -1;
        c->buf = p;
        c->buf_cap = ncap;
    }
    c->buf[(*used)++] = ch;
    return 0;
}

static int field_start(wd_csvtok *c, size_t used)
{
    if (c->n_fields == c->offs_cap) {
        size_t ncap = c->offs_cap ? c->offs_cap * 2 : 16;
        size_t *p = realloc(c->offs, ncap * sizeof *p);
        if (!p) return -1;
        c->offs = p;
        c->offs_cap = ncap;
    }
    c->offs[c->n_fields++] = used;
    return 0;
}

static int failed(wd_csvtok *c, wd_csvtok_fail why)
{
    c->fail = why;
    return -1;
}

static int blank(const wd_csvtok *c, char ch)
{
    return ch == ' ' || (c->trim && ch == '\t');
}

int wd_csvtok_next(wd_csvtok *c)
{
    const char *d = c->data;
    size_t n = c->len;
    c->fail = WD_CSVTOK_OK;
    /* Skip blank lines (a trailing newline, CRLF files opened elsewhere). */
    while (c->pos < n && (d[c->pos] == '\n' || d[c->pos] == '\r')) {
        if (d[c->pos] == '\n') c->next_line++;
        c->pos++;
    }
    c->n_fields = 0;
    if (c->pos >= n) return 0;
    c->line = c->next_line;
    size_t used = 0;
    for (;;) {
        if (field_start(c, used)) return failed(c, WD_CSVTOK_NOMEM);
        size_t start = used;
        while (c->trim && c->pos < n && blank(c, d[c->pos]))
            c->pos++;
        if (c->pos < n && d[c->pos] == '"') {
            c->pos++;
            for (;;) {
                if (c->pos >= n) return failed(c, WD_CSVTOK_UNCLOSED);
                char ch = d[c->pos++];
                if (ch == '\0') return failed(c, WD_CSVTOK_NUL);
                if (ch == '"') {
                    if (c->pos < n && d[c->pos] == '"')
                        c->pos++;
                    else
                        break;
                } else if (ch == '\n') {
                    c->next_line++;
                }
                if (buf_put(c, &used, ch)) return failed(c, WD_CSVTOK_NOMEM);
            }
            while (c->pos < n && blank(c, d[c->pos]))
                c->pos++;
            if (c->pos < n && d[c->pos] != c->sep && d[c->pos] != '\n' && d[c->pos] != '\r')
                return failed(c, WD_CSVTOK_AFTER_QUOTE);
        } else {
            while (c->pos < n && d[c->pos] != c->sep && d[c->pos] != '\n' && d[c->pos] != '\r') {
                if (d[c->pos] == '\0') return failed(c, WD_CSVTOK_NUL);
                if (buf_put(c, &used, d[c->pos++])) return failed(c, WD_CSVTOK_NOMEM);
            }
            while (c->trim && used > start && blank(c, c->buf[used - 1]))
                used--;
        }
        if (buf_put(c, &used, '\0')) return failed(c, WD_CSVTOK_NOMEM);
        if (c->pos < n && d[c->pos] == c->sep) {
            c->pos++;
            continue;
        }
        /* End of record: CRLF, LF, lone CR or end of input. */
        if (c->pos < n && d[c->pos] == '\r') c->pos++;
        if (c->pos < n && d[c->pos] == '\n') c->pos++;
        c->next_line++;
        return 1;
    }
}

const char *wd_csvtok_field(const wd_csvtok *c, size_t i)
{
    return i < c->n_fields ? c->buf + c->offs[i] : "";
}
