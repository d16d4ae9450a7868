/* Implementation of wd_config.h. One table lists every key with its environment variable,
 * default and field, so that file, environment and defaults cannot drift apart. */
#include "fetchers/wd_config.h"

#include "fetchers/wd_cache.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *key, *env, *def;
    size_t offset;
} keys[] = {
    {"cbs_odata_url", "WIJKDATA_CBS_ODATA_URL", "https://opendata.cbs.nl/ODataFeed/odata",
     offsetof(wd_config, cbs_odata_url)},
    {"cbs_dataderden_url", "WIJKDATA_CBS_DATADERDEN_URL",
     "https://dataderden.cbs.nl/ODataFeed/odata", offsetof(wd_config, cbs_dataderden_url)},
    {"cbs_odata4_url", "WIJKDATA_CBS_ODATA4_URL", "https://datasets.cbs.nl/odata/v1/CBS",
     offsetof(wd_config, cbs_odata4_url)},
    {"pdok_url", "WIJKDATA_PDOK_URL", "https://api.pdok.nl/cbs/wijken-en-buurten-{jaar}/ogc/v1",
     offsetof(wd_config, pdok_url)},
    {"lbm_url", "WIJKDATA_LBM_URL", "", offsetof(wd_config, lbm_url)},
    {"cache_dir", "WIJKDATA_CACHE_DIR", "", offsetof(wd_config, cache_dir)},
    {"ca_bundle", "WIJKDATA_CA_BUNDLE", "", offsetof(wd_config, ca_bundle)},
    {"http_retries", "WIJKDATA_HTTP_RETRIES", "", offsetof(wd_config, http_retries)},
    {"http_backoff_ms", "WIJKDATA_HTTP_BACKOFF_MS", "", offsetof(wd_config, http_backoff_ms)},
    {"import_part", "WIJKDATA_IMPORT_PART", "", offsetof(wd_config, import_part)},
};
#define N_KEYS (sizeof keys / sizeof *keys)

/* Set field k to value (len bytes), without trailing slashes for URLs. */
static int set_value(wd_config *c, size_t k, const char *value, size_t len)
{
    if (strstr(keys[k].key, "_url"))
        while (len > 0 && value[len - 1] == '/')
            len--;
    if (len >= WD_CONFIG_VALUE_MAX) return -1;
    char *field = (char *)c + keys[k].offset;
    memcpy(field, value, len);
    field[len] = '\0';
    return 0;
}

static const char *skip_space(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

static const char *trim_end(const char *start, const char *p)
{
    while (p > start && (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\r'))
        p--;
    return p;
}

/* Apply one line (without its newline) of file `path`. */
static int parse_line(wd_config *c, const char *path, int lineno, const char *line, const char *end,
                      wd_error *err)
{
    const char *p = skip_space(line, end);
    if (p == end || *p == '#' || (*p == '\r' && p + 1 == end)) return 0;
    const char *eq = memchr(p, '=', (size_t)(end - p));
    if (!eq)
        return wd_error_set(err, WD_EUSAGE, "%s:%d: verwacht 'sleutel = waarde'", path, lineno);
    const char *key_end = trim_end(p, eq);
    const char *v = skip_space(eq + 1, end), *v_end = trim_end(v, end);
    for (size_t k = 0; k < N_KEYS; k++) {
        if (strlen(keys[k].key) != (size_t)(key_end - p) ||
            strncmp(keys[k].key, p, (size_t)(key_end - p)) != 0)
            continue;
        if (set_value(c, k, v, (size_t)(v_end - v)))
            return wd_error_set(err, WD_EUSAGE, "%s:%d: waarde van %s te lang", path, lineno,
                                keys[k].key);
        return 0;
    }
    return wd_error_set(err, WD_EUSAGE, "%s:%d: onbekende sleutel '%.*s'", path, lineno,
                        (int)(key_end - p > 60 ? 60 : key_end - p), p);
}

static int load_file(wd_config *c, const char *path, int must_exist, wd_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (!must_exist && errno == ENOENT) return 0;
        return wd_error_set(err, must_exist && errno == ENOENT ? WD_ENOTFOUND : WD_EIO,
                            "configuratiebestand %s niet te openen: %s", path, strerror(errno));
    }
    char line[4 * WD_CONFIG_VALUE_MAX];
    int rc = 0;
    for (int lineno = 1; !rc && fgets(line, sizeof line, f); lineno++) {
        size_t n = strlen(line);
        if (n > 0 && line[n - 1] == '\n')
            n--;
        else if (!feof(f))
            rc = wd_error_set(err, WD_EUSAGE, "%s:%d: regel te lang", path, lineno);
        if (!rc) rc = parse_line(c, path, lineno, line, line + n, err);
    }
    if (!rc && ferror(f)) rc = wd_error_set(err, WD_EIO, "configuratiebestand %s: leesfout", path);
    fclose(f);
    return rc;
}

int wd_config_load(wd_config *c, const char *path, wd_error *err)
{
    memset(c, 0, sizeof *c);
    for (size_t k = 0; k < N_KEYS; k++)
        set_value(c, k, keys[k].def, strlen(keys[k].def));
    int rc;
    if (path) {
        rc = load_file(c, path, 1, err);
    } else {
        const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
        char def[4096] = "";
        if (xdg && xdg[0])
            snprintf(def, sizeof def, "%s/wijkdata/config", xdg);
        else if (home && home[0])
            snprintf(def, sizeof def, "%s/.config/wijkdata/config", home);
        rc = def[0] ? load_file(c, def, 0, err) : 0;
    }
    for (size_t k = 0; !rc && k < N_KEYS; k++) {
        const char *v = getenv(keys[k].env);
        if (v && v[0] && set_value(c, k, v, strlen(v)))
            rc = wd_error_set(err, WD_EUSAGE, "omgevingsvariabele %s te lang", keys[k].env);
    }
    return rc;
}

/* A configured whole number in [lo, hi] into *out; 0 when not configured (out unchanged). */
static int config_number(const char *text, const char *key, long lo, long hi, long *out,
                         wd_error *err)
{
    if (!text[0]) return 0;
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < lo || v > hi)
        return wd_error_set(err, WD_EUSAGE,
                            "%s = '%.40s': verwacht een geheel getal van %ld tot %ld", key, text,
                            lo, hi);
    *out = v;
    return 1;
}

int wd_config_http(const wd_config *c, wd_http_options *o, wd_error *err)
{
    long v = 0;
    int rc = config_number(c->http_retries, "http_retries", 0, 20, &v, err);
    if (rc < 0) return rc;
    /* In wd_http_options 0 means the default; no retries at all is negative there. */
    if (rc) o->retries = v ? (int)v : -1;
    rc = config_number(c->http_backoff_ms, "http_backoff_ms", 1, 600000, &v, err);
    if (rc < 0) return rc;
    if (rc) o->backoff_ms = v;
    return 0;
}

int wd_config_import_part(const wd_config *c, size_t *out, wd_error *err)
{
    long v = 0;
    int rc = config_number(c->import_part, "import_part", 1, 100000000, &v, err);
    if (rc > 0) *out = (size_t)v;
    return rc < 0 ? rc : 0;
}

int wd_config_cache_dir(const wd_config *c, const char *chosen, char *out, size_t cap,
                        wd_error *err)
{
    const char *dir = chosen ? chosen : c->cache_dir[0] ? c->cache_dir : NULL;
    if (!dir) return wd_cache_default_dir(out, cap, err);
    if (snprintf(out, cap, "%s", dir) >= (int)cap)
        return wd_error_set(err, WD_EUSAGE, "pad van de cachemap te lang");
    return 0;
}

int wd_config_pdok_url(const wd_config *c, int year, char *out, size_t cap, wd_error *err)
{
    const char *at = strstr(c->pdok_url, "{jaar}");
    int n = at ? snprintf(out, cap, "%.*s%d%s", (int)(at - c->pdok_url), c->pdok_url, year,
                          at + strlen("{jaar}"))
               : snprintf(out, cap, "%s", c->pdok_url);
    if (n < 0 || (size_t)n >= cap) return wd_error_set(err, WD_EUSAGE, "PDOK-URL te lang");
    return 0;
}
