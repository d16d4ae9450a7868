/* A scanner of JSON text that builds no tree: for documents too large to hold as jansson
 * values (a GeoJSON of millions of positions), read piece by piece in their own bytes.
 *
 * The scanner walks the members of an object and the elements of an array, reads strings
 * (raw, escapes not decoded) and numbers, and skips any value by matching brackets outside
 * strings. Skipping does not validate: what it skips is either checked by the caller (each
 * piece handed to jansson, or read with the reader of numbers) or not used. Every function
 * takes white space before what it reads, and fails (-1) at the end of the text. */
#ifndef WD_JSON_H
#define WD_JSON_H

#include <stddef.h>

typedef struct {
    const char *s;
    size_t len, pos; /* pos: the next byte to read */
    const char *what; /* after a failure: what was expected, in Dutch ("een getal") */
} wd_json;

/* A scanner of `len` bytes from `s` (not necessarily NUL-terminated), at their start. */
wd_json wd_json_open(const char *s, size_t len);

/* The next byte after white space (not taken), or -1 at the end. */
int wd_json_peek(wd_json *j);

/* Take the byte `c` after white space: 0, or -1 when another byte (or the end) comes. */
int wd_json_take(wd_json *j, char c);

/* Walk an object or array whose opening bracket was taken: *first is 1 before the first
 * member. 1 when a member comes (for an object: its key, raw, in *key / *key_len, and the
 * colon taken, so that the value is next), 0 after the closing bracket, -1 on bad JSON. */
int wd_json_member(wd_json *j, int *first, const char **key, size_t *key_len);
int wd_json_element(wd_json *j, int *first);

/* A string: its raw bytes between the quotes into *str / *len (may be NULL). 0 or -1 (no
 * string; unterminated: the position at the end). */
int wd_json_string(wd_json *j, const char **str, size_t *len);

/* A number as JSON writes it (-?int frac? exp?) into *x. 0 or -1 (nothing taken). */
int wd_json_number(wd_json *j, double *x);

/* Skip one value of any kind; 0 or -1 (no value; or an unterminated string or bracket, the
 * position then at the end, where it ran out). */
int wd_json_skip(wd_json *j);

/* 1 when only white space is left. */
int wd_json_at_end(wd_json *j);

/* Line and column as jansson counts them after reading the `pos` bytes before s + pos: line
 * from 1, column in characters read of that line (0 at its start). Errors found here, and
 * jansson's in a piece of a larger text, then read as jansson's in the whole text. */
void wd_json_line_col(const char *s, size_t pos, int *line, int *col);

/* Copy `len` bytes of JSON text into dst (room for len bytes) without the white space outside
 * strings; the length written. */
size_t wd_json_compact(char *dst, const char *src, size_t len);

#endif
