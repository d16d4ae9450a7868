/* The editions of the sources that come in editions, found in the CBS catalogue rather than
 * written into the program: one Kerncijfers wijken en buurten (KWB) table per year on
 * opendata.cbs.nl, and RIVM's Gezondheid per wijk en buurt, republished every two years in a
 * new table on dataderden.cbs.nl. A table CBS adds next year (KWB 2026) is then used without
 * a new release.
 *
 * The catalogue is the ODataCatalog/Tables collection next to a feed root: for
 * https://opendata.cbs.nl/ODataFeed/odata it is https://opendata.cbs.nl/ODataCatalog/Tables,
 * asked with $format=json and a $filter on the title, its pages followed through
 * odata.nextLink. When it cannot be reached (offline without it in the cache, a file://
 * mirror such as the demo, a network or server failure), the built-in list of DOMAIN.md 3.2
 * and 3.3 stands in; for RIVM the newest table of that list whose TableInfos answers is used.
 * Nothing here fails because the catalogue does; the editions say where they came from. */
#ifndef WD_CATALOG_H
#define WD_CATALOG_H

#include "engine/wd_error.h"
#include "fetchers/wd_config.h"
#include "fetchers/wd_http.h"

#include <stddef.h>

/* One table of a source. */
typedef struct {
    int year;          /* KWB: the year of the table; RIVM: its newest period */
    int indeling;      /* the year of its area classification */
    char table_id[32]; /* "86165NED" */
    char title[160];   /* "Kerncijfers wijken en buurten 2025"; "" when not known */
    char modified[32]; /* when CBS last changed it ("2026-03-27T02:00:00"), "" unknown */
    int from_catalog;  /* 1: found in the catalogue; 0: from the built-in list */
} wd_edition;

/* KWB tables the engine can hold at once: 2013 up to far beyond today. */
#define WD_EDITIONS_MAX 64

typedef struct {
    wd_edition kwb[WD_EDITIONS_MAX]; /* one per year, ascending */
    size_t n_kwb;
    wd_edition rivm; /* the newest Gezondheid per wijk en buurt; table_id "" if none */
    char note[1200]; /* why (part of) the built-in list was used, "" when it was not */
} wd_editions;

/* Find the editions through `h` with the feed roots of `c`: the KWB tables from the
 * catalogue of cbs_odata_url, RIVM's newest from that of cbs_dataderden_url, each falling
 * back to the built-in list (and RIVM to probing TableInfos) as described above. When
 * `cache_dir` is given, editions from the built-in list take their "Modified" from a
 * TableInfos reply in that cache, if a fetch left one. Fails only when out of memory. */
int wd_catalog_find(wd_http *h, const wd_config *c, const char *cache_dir, wd_editions *out,
                    wd_error *err);

/* borrowed — the KWB table of `year`, or NULL when there is none. */
const wd_edition *wd_catalog_kwb(const wd_editions *e, int year);

/* The built-in KWB table id of `year` (2013..2025), e.g. 2024 -> "85984NED", or NULL: what
 * stands in for the catalogue when it cannot be asked. */
const char *wd_catalog_kwb_builtin(int year);

/* The catalogue of a feed root into out[cap] ("" when the root has no ".../odata" layout of
 * CBS, or is a file:// URL: mirrors carry no catalogue). */
void wd_catalog_url(char *out, size_t cap, const char *feed_root);

#endif
