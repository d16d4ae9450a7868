/* Implementation of wd_catalog.h: the catalogue query, the choice of tables from it and the
 * built-in lists that stand in when it cannot be asked.
 *
 * KWB tables are titled "Kerncijfers wijken en buurten <jaar>", one per year; should a year
 * appear twice (a table republished under a new id), the one CBS changed last is taken. RIVM
 * titles its tables "Gezondheid per wijk en buurt; <perioden> (indeling <jaar>)": the newest
 * indeling wins, then the newest period, then the latest change. */
#include "fetchers/wd_catalog.h"

#include "fetchers/wd_cache.h"
#include "fetchers/wd_odata.h"
#include "fetchers/wd_pages.h"
#include "fetchers/wd_parse.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define KWB_TITLE "Kerncijfers wijken en buurten "
#define RIVM_TITLE "Gezondheid per wijk en buurt"
#define KWB_FIRST 2013

/* For when the catalogue cannot be asked: KWB's table of each year from KWB_FIRST (DOMAIN.md
 * 3.2; the ids are not derivable from the year) and RIVM's tables, newest first (3.3). */
static const char *const kwb_builtin[] = {
    "82339NED", "82931NED", "83220NED", "83487NED", "83765NED", "84286NED", "84583NED",
    "84799NED", "85039NED", "85318NED", "85618NED", "85984NED", "86165NED"};
static const struct {
    const char *id;
    int year, indeling;
} rivm_builtin[] = {{"50150NED", 2024, 2024}, {"50120NED", 2022, 2022}, {"50090NED", 2020, 2020}};

const char *wd_catalog_kwb_builtin(int year)
{
    size_t n = sizeof kwb_builtin / sizeof *kwb_builtin;
    return year >= KWB_FIRST && (size_t)(year - KWB_FIRST) < n ? kwb_builtin[year - KWB_FIRST]
                                                               : NULL;
}

void wd_catalog_url(char *out, size_t cap, const char *root)
{
    if (cap) out[0] = '\0';
    if (strncmp(root, "http://", 7) != 0 && strncmp(root, "https://", 8) != 0) return;
    size_t n = strlen(root);
    if (n < 7 || strcmp(root + n - 6, "/odata") != 0) return;
    /* ".../ODataFeed/odata" or ".../ODataApi/odata": the catalogue replaces both segments. */
    const char *service = root + n - 6;
    while (service > root && service[-1] != '/')
        service--;
    if (service <= root + 8) return;
    snprintf(out, cap, "%.*sODataCatalog/Tables", (int)(service - root), root);
}

/* Copy the catalogue's description of a table into an edition. */
static void edition_of(wd_edition *e, const wd_tableinfo *t, int year)
{
    memset(e, 0, sizeof *e);
    e->year = year;
    e->indeling = t->indeling ? t->indeling : year;
    snprintf(e->table_id, sizeof e->table_id, "%s", t->identifier);
    snprintf(e->title, sizeof e->title, "%s", t->title);
    snprintf(e->modified, sizeof e->modified, "%s", t->modified);
    e->from_catalog = 1;
}

/* The year of a KWB title ("Kerncijfers wijken en buurten 2025"), 0 for any other title. */
static int kwb_year(const char *title)
{
    size_t n = strlen(KWB_TITLE);
    if (strncasecmp(title, KWB_TITLE, n) != 0) return 0;
    const char *y = title + n;
    for (int i = 0; i < 4; i++)
        if (!isdigit((unsigned char)y[i])) return 0;
    return y[4] ? 0 : wd_parse_year(y);
}

/* One page of the catalogue (wd_pages.h), appended to the wd_tables at `t`. */
static int read_catalog(void *t, const char *d, size_t n, const char *url, char **next,
                        wd_error *err)
{
    return wd_odata_catalog(t, d, n, url, next, err);
}

/* The catalogue rows of `root` whose title starts with `title` (percent-encoded in the
 * filter) into *t. 0 on success; on any failure but memory a note says why and 1 is returned,
 * for the built-in list to stand in. */
static int ask_catalog(wd_http *h, const char *root, const char *title_enc, wd_tables *t,
                       char *note, size_t cap, wd_error *err)
{
    char cat[WD_CONFIG_VALUE_MAX + 64], url[WD_CONFIG_VALUE_MAX + 256];
    wd_catalog_url(cat, sizeof cat, root);
    if (!cat[0]) return 1; /* a file:// mirror, or a root of another layout: no catalogue */
    snprintf(url, sizeof url, "%s?$format=json&$filter=startswith(Title,%%27%s%%27)", cat,
             title_enc);
    wd_error e = {0};
    int rc = wd_pages_walk(
        h, url, NULL, &(wd_pages){.read = read_catalog, .ctx = t, .link = "odata.nextLink"}, &e);
    if (rc == WD_ENOMEM) {
        if (err) *err = e;
        return rc;
    }
    if (rc) {
        size_t used = strlen(note);
        snprintf(note + used, cap - used, "%scatalogus niet te raadplegen: %s", used ? "; " : "",
                 e.msg);
        wd_odata_tables_free(t);
        return 1;
    }
    return 0;
}

/* "Modified" and title of a built-in table from a TableInfos reply a fetch left in the cache. */
static void from_cache(wd_edition *e, const char *cache_dir, const char *root)
{
    if (!cache_dir) return;
    char url[WD_CONFIG_VALUE_MAX + 128];
    snprintf(url, sizeof url, "%s/%s/TableInfos?$format=json", root, e->table_id);
    wd_cache_meta meta;
    wd_buf body;
    wd_error ignored;
    if (wd_cache_get(cache_dir, url, (size_t)1 << 20, &meta, &body, &ignored) != 1) return;
    wd_tableinfo t;
    if (wd_odata_tableinfos(&t, body.data, body.len, url, NULL, &ignored) == 0 && t.title[0]) {
        snprintf(e->title, sizeof e->title, "%s", t.title);
        snprintf(e->modified, sizeof e->modified, "%s", t.modified);
    }
    wd_buf_free(&body);
}

static int find_kwb(wd_http *h, const wd_config *c, const char *cache_dir, wd_editions *out,
                    wd_error *err)
{
    wd_edition by_year[WD_EDITIONS_MAX];
    memset(by_year, 0, sizeof by_year);
    wd_tables t = {0};
    int rc = ask_catalog(h, c->cbs_odata_url, "Kerncijfers%20wijken%20en%20buurten", &t, out->note,
                         sizeof out->note, err);
    if (rc < 0) return rc;
    for (size_t i = 0; i < t.n; i++) {
        int y = kwb_year(t.items[i].title);
        if (y < KWB_FIRST || y >= KWB_FIRST + WD_EDITIONS_MAX) continue;
        wd_edition *e = &by_year[y - KWB_FIRST];
        /* ISO dates compare as text: the table changed last is the current one. */
        if (!e->table_id[0] || strcmp(t.items[i].modified, e->modified) > 0)
            edition_of(e, &t.items[i], y);
    }
    wd_odata_tables_free(&t);
    /* Years the catalogue did not give come from the built-in list. */
    int builtin = 0;
    for (int y = KWB_FIRST; wd_catalog_kwb_builtin(y); y++) {
        wd_edition *e = &by_year[y - KWB_FIRST];
        if (e->table_id[0]) continue;
        e->year = e->indeling = y;
        snprintf(e->table_id, sizeof e->table_id, "%s", wd_catalog_kwb_builtin(y));
        from_cache(e, cache_dir, c->cbs_odata_url);
        builtin++;
    }
    for (int k = 0; k < WD_EDITIONS_MAX; k++)
        if (by_year[k].table_id[0]) out->kwb[out->n_kwb++] = by_year[k];
    if (builtin && rc) {
        size_t used = strlen(out->note);
        snprintf(out->note + used, sizeof out->note - used,
                 "%sKWB-tabellen uit de ingebouwde lijst", used ? "; " : "");
    }
    return 0;
}

/* 1 when edition a is to be preferred over b (RIVM): newer indeling, period, change. */
static int rivm_newer(const wd_edition *a, const wd_edition *b)
{
    if (!b->table_id[0]) return 1;
    if (a->indeling != b->indeling) return a->indeling > b->indeling;
    if (a->year != b->year) return a->year > b->year;
    return strcmp(a->modified, b->modified) > 0;
}

static int find_rivm(wd_http *h, const wd_config *c, wd_editions *out, wd_error *err)
{
    wd_tables t = {0};
    int rc = ask_catalog(h, c->cbs_dataderden_url, "Gezondheid%20per%20wijk%20en%20buurt", &t,
                         out->note, sizeof out->note, err);
    if (rc < 0) return rc;
    for (size_t i = 0; i < t.n; i++) {
        if (strncasecmp(t.items[i].title, RIVM_TITLE, strlen(RIVM_TITLE)) != 0) continue;
        wd_edition e;
        edition_of(&e, &t.items[i], t.items[i].year);
        if (rivm_newer(&e, &out->rivm)) out->rivm = e;
    }
    wd_odata_tables_free(&t);
    if (out->rivm.table_id[0]) return 0;
    /* No catalogue: the newest built-in table that the feed knows. */
    size_t n = sizeof rivm_builtin / sizeof *rivm_builtin;
    for (size_t i = 0; i < n; i++) {
        wd_edition *e = &out->rivm;
        memset(e, 0, sizeof *e);
        e->year = rivm_builtin[i].year;
        e->indeling = rivm_builtin[i].indeling;
        snprintf(e->table_id, sizeof e->table_id, "%s", rivm_builtin[i].id);
        char url[WD_CONFIG_VALUE_MAX + 128];
        snprintf(url, sizeof url, "%s/%s/TableInfos?$format=json", c->cbs_dataderden_url,
                 e->table_id);
        wd_buf body;
        wd_error e2 = {0};
        rc = wd_http_get_json(h, url, &body, &e2);
        if (rc == WD_ENOMEM) {
            if (err) *err = e2;
            return rc;
        }
        wd_tableinfo ti;
        if (!rc && wd_odata_tableinfos(&ti, body.data, body.len, url, NULL, &e2) == 0 &&
            ti.identifier[0]) {
            snprintf(e->title, sizeof e->title, "%s", ti.title);
            snprintf(e->modified, sizeof e->modified, "%s", ti.modified);
            if (ti.indeling) e->indeling = ti.indeling;
            if (ti.year) e->year = ti.year;
            wd_buf_free(&body);
            break;
        }
        wd_buf_free(&body);
    }
    /* None answered: the newest of the list, for the fetch to name what fails. */
    if (!out->rivm.title[0]) {
        memset(&out->rivm, 0, sizeof out->rivm);
        out->rivm.year = rivm_builtin[0].year;
        out->rivm.indeling = rivm_builtin[0].indeling;
        snprintf(out->rivm.table_id, sizeof out->rivm.table_id, "%s", rivm_builtin[0].id);
    }
    size_t used = strlen(out->note);
    snprintf(out->note + used, sizeof out->note - used, "%sRIVM-tabel uit de ingebouwde lijst",
             used ? "; " : "");
    return 0;
}

int wd_catalog_find(wd_http *h, const wd_config *c, const char *cache_dir, wd_editions *out,
                    wd_error *err)
{
    memset(out, 0, sizeof *out);
    int rc = find_kwb(h, c, cache_dir, out, err);
    return rc ? rc : find_rivm(h, c, out, err);
}

const wd_edition *wd_catalog_kwb(const wd_editions *e, int year)
{
    for (size_t i = 0; i < e->n_kwb; i++)
        if (e->kwb[i].year == year) return &e->kwb[i];
    return NULL;
}
