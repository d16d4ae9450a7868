/* Text output through a private buffer, for the table writers (indicators CSV, the wide
 * export's CSV and GeoJSON): fields quoted as RFC 4180 for a chosen separator, numbers with
 * ten significant digits and a chosen decimal sign, integers. One fwrite per few kilobytes
 * instead of a locked stdio call per field: a national export writes tens of millions of
 * fields. Part of the small utility module (wd_buf, wd_file, wd_time, wd_sha256, wd_out). */
#ifndef WD_OUT_H
#define WD_OUT_H

#include <stdio.h>
#include <string.h>

typedef struct {
    FILE *f;
    char sep;     /* field separator that makes a field need quotes: ',' or ';' */
    char decimal; /* decimal sign of numbers: '.' or ',' */
    size_t n;
    char buf[8192];
} wd_out;

/* Start writing to `f` with separator `sep` and decimal sign `decimal`. */
void wd_out_init(wd_out *o, FILE *f, char sep, char decimal);

/* Write what is buffered to the file; errors show in ferror(o->f). */
void wd_out_flush(wd_out *o);

/* `len` bytes at `s`. */
static inline void wd_out_mem(wd_out *o, const char *s, size_t len)
{
    if (o->n + len > sizeof o->buf) {
        wd_out_flush(o);
        if (len > sizeof o->buf) {
            fwrite(s, 1, len, o->f);
            return;
        }
    }
    memcpy(o->buf + o->n, s, len);
    o->n += len;
}

static inline void wd_out_str(wd_out *o, const char *s)
{
    wd_out_mem(o, s, strlen(s));
}

static inline void wd_out_chr(wd_out *o, char c)
{
    if (o->n == sizeof o->buf) wd_out_flush(o);
    o->buf[o->n++] = c;
}

/* A decimal integer. */
void wd_out_int(wd_out *o, long v);

/* A CSV field (RFC 4180): quoted when it holds the separator, a quote or a line break. */
void wd_out_field(wd_out *o, const char *s);

/* A JSON string (RFC 8259): quoted, with quotes, backslashes and control characters
 * escaped; UTF-8 passes as it is. */
void wd_out_json_string(wd_out *o, const char *s);

/* A number as printf's "%.10g" writes it, with the decimal sign of `o`; nothing for a number
 * that is not finite (an empty cell). */
void wd_out_number(wd_out *o, double v);

/* "%.10g" of `v` into buf[cap] (at least 32 bytes), much faster than snprintf for the numbers
 * tables hold; returns the length. */
int wd_out_g10(char *buf, size_t cap, double v);

#endif
