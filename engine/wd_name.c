/* Implementation of wd_name.h. */
#include "engine/wd_name.h"

#include "engine/wd_error.h"
#include "engine/wd_utf8.h"

#include <stdio.h>
#include <string.h>

/* Whether byte c is kept as it is in a file name. */
static int plain(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' ||
           c == '_';
}

/* Append the safe form of `s` to dst at *n (cap bytes in all); 0 or WD_EUSAGE. */
static int append(char *dst, size_t cap, size_t *n, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; p[i]; i++) {
        if (*n + 1 >= cap) return WD_EUSAGE;
        int dot_ok = p[i] == '.' && *n > 0 && plain((unsigned char)dst[*n - 1]);
        dst[(*n)++] = plain(p[i]) || dot_ok ? (char)p[i] : '_';
    }
    dst[*n] = '\0';
    return 0;
}

int wd_name_file(char *dst, size_t cap, const char *stem, const char *ext)
{
    if (!dst || cap == 0) return WD_EUSAGE;
    size_t n = 0;
    dst[0] = '\0';
    int rc = append(dst, cap, &n, stem && stem[0] ? stem : "_");
    if (!rc && ext && ext[0]) {
        if (n + 1 >= cap)
            rc = WD_EUSAGE;
        else {
            /* The stem may end in '.' ("a."): the extension's dot must not make "..". */
            if (dst[n - 1] == '.') dst[n - 1] = '_';
            dst[n++] = '.';
            dst[n] = '\0';
            rc = append(dst, cap, &n, ext);
        }
    }
    if (rc) dst[0] = '\0';
    return rc;
}

/* The code point of the valid k-byte character at s. */
static unsigned code_point(const unsigned char *s, size_t k)
{
    if (k == 1) return s[0];
    unsigned cp = s[0] & (0xFFu >> (k + 1));
    for (size_t i = 1; i < k; i++)
        cp = cp << 6 | (s[i] & 0x3Fu);
    return cp;
}

static int direction_control(unsigned cp)
{
    return cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

const char *wd_name_print(char *dst, size_t cap, const char *s)
{
    if (!dst || cap == 0) return "";
    size_t n = 0;
    dst[0] = '\0';
    for (const char *p = s ? s : ""; *p;) {
        const unsigned char *u = (const unsigned char *)p;
        size_t k = wd_utf8_char(p);
        unsigned cp = k ? code_point(u, k) : 0;
        char esc[16];
        const char *piece = esc;
        size_t len;
        if (!k) {
            len = (size_t)snprintf(esc, sizeof esc, "\\x%02X", u[0]);
            k = 1;
        } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
            len = (size_t)snprintf(esc, sizeof esc, "\\x%02X", cp);
        else if (direction_control(cp))
            len = (size_t)snprintf(esc, sizeof esc, "\\u%04X", cp);
        else if (cp == '\\')
            len = (size_t)snprintf(esc, sizeof esc, "\\\\");
        else {
            piece = p;
            len = k;
        }
        if (n + len >= cap) break;
        memcpy(dst + n, piece, len);
        n += len;
        dst[n] = '\0';
        p += k;
    }
    return dst;
}
