/* Where the sources live: every base URL can be overridden, so that a test, a mirror or a
 * proxy of a municipality's own can stand in for the public services.
 *
 * Values come, later winning, from the built-in defaults, a config file and environment
 * variables. The file has one `key = value` per line; blank lines and lines starting with
 * '#' are skipped. Keys (environment variable in brackets):
 *   cbs_odata_url      [WIJKDATA_CBS_ODATA_URL]      https://opendata.cbs.nl/ODataFeed/odata
 *   cbs_dataderden_url [WIJKDATA_CBS_DATADERDEN_URL] https://dataderden.cbs.nl/ODataFeed/odata
 *   cbs_odata4_url     [WIJKDATA_CBS_ODATA4_URL]     https://datasets.cbs.nl/odata/v1/CBS
 *   pdok_url           [WIJKDATA_PDOK_URL]
 *                      https://api.pdok.nl/cbs/wijken-en-buurten-{jaar}/ogc/v1
 *                      ({jaar} becomes the year of the boundaries)
 *   lbm_url            [WIJKDATA_LBM_URL]   folder with the Leefbaarometer 3.0 score CSVs
 *                      (no default: the publication is a zip to unpack first)
 *   cache_dir          [WIJKDATA_CACHE_DIR] raw-response cache (default: XDG cache folder)
 *   ca_bundle          [WIJKDATA_CA_BUNDLE] CA certificates for TLS (default: the system's)
 *   http_retries       [WIJKDATA_HTTP_RETRIES]    tries after the first on a transient
 *                      failure (default 4; 0: none)
 *   http_backoff_ms    [WIJKDATA_HTTP_BACKOFF_MS] wait before the first retry, doubled for
 *                      each next (default 1000)
 *   import_part        [WIJKDATA_IMPORT_PART] observations of a KWB, RIVM or LBM table stored
 *                      at a time while it is read (default 100000: 16 MB; less memory, more
 *                      calls) */
#ifndef WD_CONFIG_H
#define WD_CONFIG_H

#include "engine/wd_error.h"
#include "fetchers/wd_http.h"

#include <stddef.h>

#define WD_CONFIG_VALUE_MAX 1024

typedef struct {
    char cbs_odata_url[WD_CONFIG_VALUE_MAX];
    char cbs_dataderden_url[WD_CONFIG_VALUE_MAX];
    char cbs_odata4_url[WD_CONFIG_VALUE_MAX];
    char pdok_url[WD_CONFIG_VALUE_MAX];
    char lbm_url[WD_CONFIG_VALUE_MAX];         /* "" when not configured */
    char cache_dir[WD_CONFIG_VALUE_MAX];       /* "" for the default */
    char ca_bundle[WD_CONFIG_VALUE_MAX];       /* "" for the system's */
    char http_retries[WD_CONFIG_VALUE_MAX];    /* "" for the default; read by wd_config_http */
    char http_backoff_ms[WD_CONFIG_VALUE_MAX]; /* "" for the default */
    char import_part[WD_CONFIG_VALUE_MAX];     /* "" for the default; wd_config_import_part */
} wd_config;

/* Fill *c from the defaults, then the file `path` (NULL: $XDG_CONFIG_HOME/wijkdata/config or
 * ~/.config/wijkdata/config when it exists), then the environment. A file named explicitly
 * must exist. A bad line is WD_EUSAGE "FILE:LINE: ..."; trailing slashes of URLs are dropped. */
int wd_config_load(wd_config *c, const char *path, wd_error *err);

/* Set the retry options of *o from http_retries and http_backoff_ms (left as they are when
 * not configured). A value that is no whole number in range (retries 0-20, back-off 1-600000
 * ms) is WD_EUSAGE naming the key. */
int wd_config_http(const wd_config *c, wd_http_options *o, wd_error *err);

/* The observations of a table stored at a time while it is read, from import_part, into
 * *out (left as it is when not configured). Not a whole number of 1 to 100,000,000 is
 * WD_EUSAGE naming the key. */
int wd_config_import_part(const wd_config *c, size_t *out, wd_error *err);

/* The cache folder into out[cap]: `chosen` when not NULL (--cache), else cache_dir of `c`,
 * else the XDG default (wd_cache_default_dir). */
int wd_config_cache_dir(const wd_config *c, const char *chosen, char *out, size_t cap,
                        wd_error *err);

/* The PDOK base URL for boundaries of `year` ({jaar} replaced) into out[cap]. */
int wd_config_pdok_url(const wd_config *c, int year, char *out, size_t cap, wd_error *err);

#endif
