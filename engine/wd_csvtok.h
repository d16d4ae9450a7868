/* The one CSV tokenizer (RFC 4180): records of fields, for the CSV formats of the fetchers
 * (fetchers/wd_csv.h) and the filled-in beraad template (wd_beraad.h). It makes no message:
 * each reader names a failure in its own words (a file's line, a spreadsheet's column). */
#ifndef WD_CSVTOK_H
#define WD_CSVTOK_H

#include <stddef.h>

/* Why wd_csvtok_next failed. */
typedef enum {
    WD_CSVTOK_OK,
    WD_CSVTOK_UNCLOSED,    /* a quote that no quote closes before the end of the input */
    WD_CSVTOK_AFTER_QUOTE, /* text between a closing quote and the separator */
    WD_CSVTOK_NUL,         /* a NUL byte: fields are C strings, it would cut the text */
    WD_CSVTOK_NOMEM
} wd_csvtok_fail;

/* One record at a time: quoted fields with "" escapes and line breaks, CRLF, LF or a lone
 * CR, a leading UTF-8 BOM skipped, blank lines skipped. Fields are copied into a buffer
 * reused per record (bounded by the input size). */
typedef struct {
    const char *data;
    size_t len, pos;
    char sep;
    int trim;      /* set after init: spaces and tabs around a field are dropped (those inside
                      quotes kept); 0 keeps an unquoted field as it is and allows only spaces
                      after a closing quote */
    int line;      /* line number (1-based) where the current record started */
    int next_line; /* line of the next record; after a failure, the line where it is */
    wd_csvtok_fail fail;
    char *buf; /* field bytes of the current record, each NUL-terminated */
    size_t buf_cap;
    size_t *offs;              /* offsets of the fields in buf */
    size_t n_fields, offs_cap; /* after a failure, n_fields is the column (1-based) */
} wd_csvtok;

/* Start reading data[0..len) with separator `sep`; release with wd_csvtok_free. */
void wd_csvtok_init(wd_csvtok *c, const char *data, size_t len, char sep);
void wd_csvtok_free(wd_csvtok *c);
/* Read the next record: 1 when a record was read, 0 at the end of input, -1 on failure
 * (c->fail says which, c->n_fields in which column and c->next_line on which line). */
int wd_csvtok_next(wd_csvtok *c);
/* borrowed — field i of the current record (NUL-terminated; "" beyond the last), valid until
 * the next call. */
const char *wd_csvtok_field(const wd_csvtok *c, size_t i);

#endif
