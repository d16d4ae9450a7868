/* Implementation of wd_json.h. */
#include "engine/wd_json.h"

#include <stdlib.h>
#include <string.h>

wd_json wd_json_open(const char *s, size_t len)
{
    return (wd_json){.s = s, .len = len, .pos = 0, .what = NULL};
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int wd_json_peek(wd_json *j)
{
    while (j->pos < j->len && is_space(j->s[j->pos]))
        j->pos++;
    return j->pos < j->len ? (unsigned char)j->s[j->pos] : -1;
}

static int fail(wd_json *j, const char *what)
{
    j->what = what;
    return -1;
}

int wd_json_take(wd_json *j, char c)
{
    if (wd_json_peek(j) != (unsigned char)c) {
        static const char *const names[] = {"'{'", "'['", "':'", "','"};
        const char *what = c == '{' ? names[0] : c == '[' ? names[1] : c == ':' ? names[2] : names[3];
        return fail(j, what);
    }
    j->pos++;
    return 0;
}

int wd_json_string(wd_json *j, const char **str, size_t *len)
{
    if (wd_json_peek(j) != '"') return fail(j, "een tekst");
    size_t from = j->pos + 1;
    for (size_t i = from; i < j->len; i++) {
        if (j->s[i] == '\\') {
            i++;
        } else if (j->s[i] == '"') {
            if (str) *str = j->s + from;
            if (len) *len = i - from;
            j->pos = i + 1;
            return 0;
        }
    }
    j->pos = j->len; /* where it ran out, as jansson reports it */
    return fail(j, "het einde van een tekst");
}

/* The next member of an object or array; `close` its closing bracket. */
static int next(wd_json *j, int *first, char close)
{
    int c = wd_json_peek(j);
    if (c == (unsigned char)close) {
        j->pos++;
        return 0;
    }
    if (!*first) {
        if (c != ',') return fail(j, close == '}' ? "',' of '}'" : "',' of ']'");
        j->pos++;
    }
    *first = 0;
    return 1;
}

int wd_json_member(wd_json *j, int *first, const char **key, size_t *key_len)
{
    int was_first = *first, rc = next(j, first, '}');
    if (rc <= 0) return rc;
    if (wd_json_string(j, key, key_len)) return fail(j, was_first ? "een sleutel of '}'" : "een sleutel");
    return wd_json_take(j, ':') ? -1 : 1;
}

int wd_json_element(wd_json *j, int *first)
{
    return next(j, first, ']');
}

static int digits(const char *s, size_t len, size_t *i)
{
    size_t from = *i;
    while (*i < len && s[*i] >= '0' && s[*i] <= '9')
        (*i)++;
    return *i > from;
}

int wd_json_number(wd_json *j, double *x)
{
    wd_json_peek(j);
    const char *s = j->s;
    size_t i = j->pos, len = j->len;
    if (i < len && s[i] == '-') i++;
    if (i < len && s[i] == '0')
        i++;
    else if (!digits(s, len, &i))
        return fail(j, "een getal");
    if (i < len && s[i] == '.' && (i++, !digits(s, len, &i))) return fail(j, "een getal");
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-')) i++;
        if (!digits(s, len, &i)) return fail(j, "een getal");
    }
    /* strtod wants a terminated string: the text may end right after the number. */
    size_t n = i - j->pos;
    char small[64], *copy = n < sizeof small ? small : malloc(n + 1);
    if (!copy) return fail(j, "een getal (geen geheugen)");
    memcpy(copy, s + j->pos, n);
    copy[n] = '\0';
    *x = strtod(copy, NULL);
    if (copy != small) free(copy);
    j->pos = i;
    return 0;
}

int wd_json_skip(wd_json *j)
{
    int c = wd_json_peek(j);
    if (c == '"') return wd_json_string(j, NULL, NULL);
    size_t i = j->pos;
    if (c != '{' && c != '[') {
        /* A number, true, false or null: its extent (checked by whoever reads it). */
        while (i < j->len && (strchr("+-.eE", j->s[i]) || (j->s[i] >= '0' && j->s[i] <= '9') ||
                              (j->s[i] >= 'a' && j->s[i] <= 'z')))
            i++;
        if (i == j->pos) return fail(j, "een waarde");
        j->pos = i;
        return 0;
    }
    size_t depth = 0;
    for (; i < j->len; i++) {
        char b = j->s[i];
        if (b == '"') {
            for (i++; i < j->len && j->s[i] != '"'; i++)
                if (j->s[i] == '\\') i++;
            if (i >= j->len) break;
        } else if (b == '{' || b == '[') {
            depth++;
        } else if ((b == '}' || b == ']') && --depth == 0) {
            j->pos = i + 1;
            return 0;
        }
    }
    j->pos = j->len;
    return fail(j, c == '{' ? "het einde van een object" : "het einde van een lijst");
}

int wd_json_at_end(wd_json *j)
{
    return wd_json_peek(j) < 0;
}

void wd_json_line_col(const char *s, size_t pos, int *line, int *col)
{
    *line = 1;
    *col = 0;
    for (size_t i = 0; i < pos; i++) {
        if (s[i] == '\n') {
            (*line)++;
            *col = 0;
        } else if (((unsigned char)s[i] & 0xC0) != 0x80) {
            (*col)++; /* a character, not a continuation byte of one */
        }
    }
}

size_t wd_json_compact(char *dst, const char *src, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = src[i];
        if (c == '"') {
            size_t from = i;
            for (i++; i < len && src[i] != '"'; i++)
                if (src[i] == '\\') i++;
            if (i >= len) i = len - 1;
            memcpy(dst + n, src + from, i - from + 1);
            n += i - from + 1;
        } else if (!is_space(c)) {
            dst[n++] = c;
        }
    }
    return n;
}
