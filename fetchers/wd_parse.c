/* Implementation of wd_parse.h: the helpers every parser of the fetchers shares. */
#include "fetchers/wd_parse.h"

#include "engine/wd_level.h"
#include "engine/wd_name.h"
#include "engine/wd_utf8.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int wd_parse_trim(char *dst, size_t cap, const char *src, size_t len)
{
    while (len > 0 && isspace((unsigned char)*src)) {
        src++;
        len--;
    }
    while (len > 0 && isspace((unsigned char)src[len - 1]))
        len--;
    if (cap == 0 || len >= cap) return WD_EPARSE;
    memcpy(dst, src, len);
    dst[len] = '\0';
    return 0;
}

void wd_parse_strip_suffix(char *dst, size_t cap, const char *key)
{
    size_t len = strlen(key);
    size_t end = len;
    while (end > 0 && isdigit((unsigned char)key[end - 1]))
        end--;
    /* Only "_<digits>" at the end is a suffix; "k_0Tot15Jaar" keeps its inner "_0". */
    if (end < len && end > 1 && key[end - 1] == '_') len = end - 1;
    if (cap == 0) return;
    if (len >= cap) len = cap - 1;
    memcpy(dst, key, len);
    dst[len] = '\0';
}

int wd_parse_utf8_valid(const char *s, size_t *bad)
{
    size_t i = 0, n;
    while (s[i] && (n = wd_utf8_char(s + i)))
        i += n;
    if (s[i]) {
        if (bad) *bad = i;
        return 0;
    }
    return 1;
}

int wd_parse_number(const char *s, double *out)
{
    while (*s == ' ' || *s == '\t')
        s++;
    char tmp[64];
    size_t n = 0;
    int digits = 0, seps = 0, exp = 0;
    const char *p = s;
    if (*p == '+' || *p == '-') tmp[n++] = *p++;
    for (; *p && *p != ' ' && *p != '\t'; p++) {
        if (n + 1 >= sizeof tmp) return -1;
        if (isdigit((unsigned char)*p)) {
            digits++;
            tmp[n++] = *p;
        } else if ((*p == '.' || *p == ',') && !seps && !exp) {
            seps++;
            tmp[n++] = '.';
        } else if ((*p == 'e' || *p == 'E') && digits && !exp) {
            exp = 1;
            tmp[n++] = 'e';
            if (p[1] == '+' || p[1] == '-') tmp[n++] = *++p;
            if (!isdigit((unsigned char)p[1])) return -1;
        } else {
            return -1;
        }
    }
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p || !digits) return -1;
    tmp[n] = '\0';
    char *end;
    double v = strtod(tmp, &end);
    if (*end || !isfinite(v)) return -1;
    *out = v;
    return 0;
}

int wd_parse_special(double x, unsigned *flags)
{
    if (!(x <= -99990)) return 0;
    if (x == -99995)
        *flags = WD_FLAG_MISSING | WD_FLAG_LATER;
    else if (x == -99991)
        *flags = WD_FLAG_MISSING | WD_FLAG_DISCONTINUED;
    else if (x == -99997)
        *flags = WD_FLAG_SUPPRESSED | WD_FLAG_SECRET;
    else
        *flags = WD_FLAG_MISSING;
    return 1;
}

int wd_parse_cell(const char *s, double *out, unsigned *flags)
{
    char sym[8];
    while (*s == ' ' || *s == '\t')
        s++;
    *flags = 0;
    if (!*s) {
        *out = NAN;
        *flags = WD_FLAG_MISSING;
        return 0;
    }
    size_t n = strcspn(s, " \t");
    if (n < sizeof sym && s[n + strspn(s + n, " \t")] == '\0') {
        memcpy(sym, s, n);
        sym[n] = '\0';
        /* "." unknown, unreliable or secret; "x" secret in older exports */
        if (!strcmp(sym, ".") || !strcmp(sym, "x")) {
            *out = NAN;
            *flags = WD_FLAG_SUPPRESSED;
            return 0;
        }
        if (!strcmp(sym, "-")) {
            *out = 0; /* CBS symbol "nihil": the value is truly zero */
            return 0;
        }
    }
    if (wd_parse_number(s, out)) return -1;
    if (wd_parse_special(*out, flags)) *out = NAN;
    return 0;
}

int wd_parse_table_id(char *out, size_t cap, const char *text, size_t len)
{
    for (size_t i = 0; i + 8 <= len; i++) {
        if (i > 0 && isalnum((unsigned char)text[i - 1])) continue;
        size_t d = 0;
        while (d < 5 && isdigit((unsigned char)text[i + d]))
            d++;
        if (d < 5) continue;
        const char *t = text + i + 5;
        if ((strncasecmp(t, "NED", 3) != 0 && strncasecmp(t, "ENG", 3) != 0) ||
            (i + 8 < len && isalnum((unsigned char)t[3])))
            continue;
        snprintf(out, cap, "%.5s%c%c%c", text + i, toupper((unsigned char)t[0]),
                 toupper((unsigned char)t[1]), toupper((unsigned char)t[2]));
        return 1;
    }
    return 0;
}

int wd_parse_year(const char *s)
{
    int best = 0;
    for (size_t i = 0; s[i]; i++) {
        if (!isdigit((unsigned char)s[i]) || (i > 0 && isdigit((unsigned char)s[i - 1]))) continue;
        size_t n = 0;
        while (isdigit((unsigned char)s[i + n]))
            n++;
        if (n == 4 || (n > 4 && s[i + 4] && !isdigit((unsigned char)s[i + 4]))) {
            int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 +
                    (s[i + 3] - '0');
            if (y >= 1800 && y <= 2200 && y > best) best = y;
        }
    }
    return best;
}

/* Whether c may stand in a region code: what CBS uses, digits and upper-case letters. */
static int code_char(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

int wd_parse_code(const char *code, int *level, const char *place, wd_error *err)
{
    static const struct {
        const char prefix[3];
        size_t len;
        wd_level level;
    } shapes[] = {{"NL", 4, WD_LEVEL_LAND},
                  {"GM", 6, WD_LEVEL_GEMEENTE},
                  {"WK", 8, WD_LEVEL_WIJK},
                  {"BU", 10, WD_LEVEL_BUURT}};
    size_t n = strlen(code);
    int ok = n >= 2 && n <= 10, lvl = -1;
    for (size_t i = 0; ok && i < n; i++)
        ok = code_char(code[i]);
    for (size_t k = 0; ok && k < sizeof shapes / sizeof shapes[0]; k++)
        if (strncmp(code, shapes[k].prefix, 2) == 0) {
            ok = n == shapes[k].len;
            lvl = (int)shapes[k].level;
        }
    if (!level && lvl < 0) ok = 0;
    if (level) *level = ok ? lvl : -1;
    if (ok) return 0;
    char shown[64];
    return wd_error_set(err, WD_EPARSE, "%s: '%s' is geen regiocode (GM..., WK..., BU... of NL..)",
                        place, wd_name_print(shown, sizeof shown, code));
}

int wd_parse_gemeente(char *out, size_t cap, const char *gm, wd_error *err)
{
    if (wd_parse_trim(out, cap, gm, strlen(gm)) || strlen(out) != 6 || strncmp(out, "GM", 2) != 0)
        return wd_error_set(err, WD_EUSAGE,
                            "ongeldige gemeentecode '%.20s' (verwacht GM gevolgd door 4 tekens)",
                            gm);
    for (int i = 2; i < 6; i++)
        if (!isalnum((unsigned char)out[i]))
            return wd_error_set(err, WD_EUSAGE, "ongeldige gemeentecode '%.20s'", gm);
    return 0;
}

int wd_parse_in_gemeente(const char *code, const char *gm)
{
    if (!gm || !gm[0]) return 1;
    while (isspace((unsigned char)*code))
        code++;
    if (strncmp(code, "NL", 2) == 0) return 1;
    /* GM0344 -> "0344"; the 4 characters after the level prefix name the gemeente. */
    const char *g = gm;
    while (isspace((unsigned char)*g))
        g++;
    if (strncmp(g, "GM", 2) == 0) g += 2;
    if (strlen(g) < 4 || strlen(code) < 6) return 0;
    if (strncmp(code, "GM", 2) && strncmp(code, "WK", 2) && strncmp(code, "BU", 2)) return 0;
    return strncmp(code + 2, g, 4) == 0;
}

void wd_parse_parent(char *dst, size_t cap, const char *code)
{
    size_t n = strlen(code);
    if (cap == 0) return;
    dst[0] = '\0';
    if (strncmp(code, "BU", 2) == 0 && n == 10)
        snprintf(dst, cap, "WK%.6s", code + 2);
    else if (strncmp(code, "WK", 2) == 0 && n == 8)
        snprintf(dst, cap, "GM%.4s", code + 2);
    else if (strncmp(code, "GM", 2) == 0 && n == 6)
        snprintf(dst, cap, "NL00");
}

int wd_parse_region(wd_batch *b, const char *code, const char *name, int indeling, wd_error *err)
{
    wd_region r;
    memset(&r, 0, sizeof r);
    snprintf(r.code, sizeof r.code, "%s", code);
    int lvl = wd_level_of_code(code);
    /* The country row names no region (a filtered WijkenEnBuurten omits NL00). */
    snprintf(r.name, sizeof r.name, "%s", name[0] || lvl != WD_LEVEL_LAND ? name : "Nederland");
    r.level = lvl < 0 ? WD_LEVEL_BUURT : (wd_level)lvl;
    wd_parse_parent(r.parent, sizeof r.parent, code);
    r.indeling = indeling;
    if (lvl < 0) return 0; /* not an area of the CBS hierarchy (e.g. a landsdeel): no region row */
    return wd_batch_add_region(b, &r, err);
}

int wd_parse_json_markup(const char *data, size_t len, const char *origin, const char *markup,
                         const char *expected, const char *hint, wd_error *err)
{
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < len && isspace((unsigned char)data[i]))
        i++;
    if (markup && i < len && data[i] == '<')
        return wd_error_set(err, WD_EPARSE, "%s: antwoord is %s waar %s verwacht werd; %s", origin,
                            markup, expected, hint);
    return 0;
}

static int json_error(const char *origin, int line, int col, const char *text, wd_error *err)
{
    return wd_error_set(err, WD_EPARSE, "ongeldige JSON in %s, regel %d, kolom %d: %s", origin,
                        line, col, text);
}

int wd_parse_json(json_t **out, const char *data, size_t len, const char *origin,
                  const char *markup, const char *expected, const char *hint, wd_error *err)
{
    int rc = wd_parse_json_markup(data, len, origin, markup, expected, hint, err);
    if (rc) return rc;
    json_error_t je;
    *out = json_loadb(data, len, 0, &je);
    return *out ? 0 : json_error(origin, je.line, je.column, je.text, err);
}

int wd_parse_json_part(json_t **out, const char *data, size_t from, const char *text, size_t len,
                       const char *origin, wd_error *err)
{
    json_error_t je;
    *out = json_loadb(text, len, JSON_DECODE_ANY, &je);
    if (*out) return 0;
    int line, col;
    wd_json_line_col(data, from, &line, &col);
    return json_error(origin, line + je.line - 1, je.line == 1 ? col + je.column : je.column,
                      je.text, err);
}

int wd_parse_json_scan_error(const wd_json *j, const char *origin, wd_error *err)
{
    int line, col;
    wd_json_line_col(j->s, j->pos + (j->pos < j->len), &line, &col);
    char text[80];
    snprintf(text, sizeof text, "%s verwacht", j->what ? j->what : "geldige JSON");
    return json_error(origin, line, col, text, err);
}

int wd_parse_nomem(wd_error *err, const char *origin)
{
    return wd_error_set(err, WD_ENOMEM, "geen geheugen meer bij het lezen van %s", origin);
}
