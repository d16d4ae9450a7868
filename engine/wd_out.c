/* Implementation of wd_out.h. */
#include "engine/wd_out.h"

#include <math.h>

void wd_out_init(wd_out *o, FILE *f, char sep, char decimal)
{
    o->f = f;
    o->sep = sep;
    o->decimal = decimal;
    o->n = 0;
}

void wd_out_flush(wd_out *o)
{
    if (o->n) fwrite(o->buf, 1, o->n, o->f);
    o->n = 0;
}

void wd_out_int(wd_out *o, long v)
{
    char b[24], *p = b + sizeof b;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do
        *--p = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0) *--p = '-';
    wd_out_mem(o, p, (size_t)(b + sizeof b - p));
}

void wd_out_field(wd_out *o, const char *s)
{
    const char special[] = {o->sep, '"', '\n', '\r', '\0'};
    if (!strpbrk(s, special)) {
        wd_out_str(o, s);
        return;
    }
    wd_out_chr(o, '"');
    for (; *s; s++) {
        if (*s == '"') wd_out_chr(o, '"');
        wd_out_chr(o, *s);
    }
    wd_out_chr(o, '"');
}

void wd_out_json_string(wd_out *o, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    wd_out_chr(o, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            wd_out_chr(o, '\\');
            wd_out_chr(o, (char)*p);
        } else if (*p < 0x20) {
            char u[6] = {'\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15]};
            wd_out_mem(o, u, sizeof u);
        } else {
            wd_out_chr(o, (char)*p);
        }
    }
    wd_out_chr(o, '"');
}

/* printf("%.10g") is a quarter of a national export. For 1e-4 <= |v| < 1e10 the ten digits
 * follow from one exact scaling (10^k is exact for k <= 13) and one rounding; the product is
 * off by at most 2e-6, so unless it lies that close to a rounding tie the digits are the ones
 * printf gives. Everything else (and every near-tie) goes to snprintf. */
int wd_out_g10(char *buf, size_t cap, double v)
{
    static const double pow10[] = {1e0, 1e1, 1e2, 1e3,  1e4,  1e5,  1e6,
                                   1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13};
    static const double decade[] = {1e-4, 1e-3, 1e-2, 1e-1, 1e0, 1e1, 1e2,
                                    1e3,  1e4,  1e5,  1e6,  1e7, 1e8, 1e9};
    double a = fabs(v);
    if (a >= 1e-4 && a < 1e10) {
        int e = 9; /* decimal exponent: 10^e <= a < 10^(e+1), checked again below */
        while (e > -4 && a < decade[e + 4])
            e--;
        double scaled = a * pow10[9 - e], fl = floor(scaled);
        if (scaled >= 1e9 && scaled < 1e10 - 1 && fabs(scaled - fl - 0.5) > 1e-5) {
            long long digits = (long long)fl + (scaled - fl > 0.5);
            char d[10], *p = buf;
            for (int i = 9; i >= 0; i--, digits /= 10) /* exactly ten digits */
                d[i] = (char)('0' + digits % 10);
            int last = 9; /* the last significant digit after stripping zeros */
            while (last > 0 && d[last] == '0' && last > e)
                last--;
            if (v < 0) *p++ = '-';
            if (e < 0) {
                *p++ = '0';
                *p++ = '.';
                for (int z = -1; z > e; z--)
                    *p++ = '0';
            }
            for (int i = 0; i <= last; i++) {
                if (i == e + 1 && e >= 0) *p++ = '.';
                *p++ = d[i];
            }
            *p = '\0';
            return (int)(p - buf);
        }
    }
    return snprintf(buf, cap, "%.10g", v);
}

void wd_out_number(wd_out *o, double v)
{
    char buf[32];
    if (!isfinite(v)) return;
    int n = wd_out_g10(buf, sizeof buf, v);
    if (o->decimal != '.')
        for (int i = 0; i < n; i++)
            if (buf[i] == '.') buf[i] = o->decimal;
    wd_out_mem(o, buf, (size_t)n);
}
