/* Implementation of wd_utf8.h. */
#include "engine/wd_utf8.h"

#include "engine/wd_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t wd_utf8_char(const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    unsigned char c = s[0];
    if (c < 0x80) return 1;
    unsigned char lo = 0x80, hi = 0xBF;
    size_t n;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else
        return 0;
    if (s[1] < lo || s[1] > hi) return 0;
    for (size_t i = 2; i < n; i++)
        if ((s[i] & 0xC0) != 0x80) return 0;
    return n;
}

int wd_utf8_validate(const char *s)
{
    for (size_t k; s && *s; s += k)
        if (!(k = wd_utf8_char(s))) return 0;
    return 1;
}

/* Whether the invalid bytes at `s` are the start of a character that the end of the text cut
 * off (a lead byte followed by fewer continuation bytes than it needs, then the NUL). */
static int cut_at_end(const unsigned char *s)
{
    size_t need = s[0] >= 0xC2 && s[0] <= 0xDF   ? 2
                  : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
                  : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4
                                                 : 0;
    size_t i = 1;
    while (i < need && (s[i] & 0xC0) == 0x80)
        i++;
    return need && i < need && s[i] == '\0';
}

size_t wd_utf8_repair(char *s)
{
    size_t changed = 0;
    for (unsigned char *p = (unsigned char *)s; p && *p;) {
        size_t k = wd_utf8_char((const char *)p);
        if (k) {
            p += k;
        } else if (cut_at_end(p)) {
            changed += strlen((char *)p);
            *p = '\0';
        } else {
            *p++ = '?';
            changed++;
        }
    }
    return changed;
}

int wd_utf8_copy(char *buf, size_t cap, const char *src)
{
    if (!buf || cap == 0) return WD_EUSAGE;
    const unsigned char *s = (const unsigned char *)(src ? src : "");
    size_t o = 0;
    int cut = 0;
    while (*s) {
        size_t k = wd_utf8_char((const char *)s);
        size_t len = k ? k : 1;
        if (o + len + 1 > cap) {
            cut = 1;
            break;
        }
        if (k)
            memcpy(buf + o, s, k);
        else
            buf[o] = '?';
        o += len;
        s += len;
    }
    if (cut) {
        /* Whole characters make way for the ellipsis; what is in buf is valid UTF-8, so a
         * step back over continuation bytes ends on the first byte of a character. */
        static const char ellipsis[] = "\xe2\x80\xa6";
        while (o > 0 && o + sizeof ellipsis > cap)
            do
                o--;
            while (o > 0 && ((unsigned char)buf[o] & 0xC0) == 0x80);
        if (o + sizeof ellipsis <= cap) {
            memcpy(buf + o, ellipsis, sizeof ellipsis - 1);
            o += sizeof ellipsis - 1;
        }
    }
    buf[o] = '\0';
    return cut ? WD_ENOMEM : 0;
}

int wd_utf8_printf(char *buf, size_t cap, const char *fmt, ...)
{
    if (!buf || cap == 0) return WD_EUSAGE;
    va_list ap;
    va_start(ap, fmt);
    char small[512];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return wd_utf8_copy(buf, cap, "");
    if ((size_t)n < sizeof small) return wd_utf8_copy(buf, cap, small);
    /* A long name: format it whole, so that the cut falls where wd_utf8_copy puts it. */
    char *big = malloc((size_t)n + 1);
    if (!big) return wd_utf8_copy(buf, cap, small);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    int rc = wd_utf8_copy(buf, cap, big);
    free(big);
    return rc;
}
