/* Implementation of wd_fetch.h: the source adapters and, at the end, the table of sources and
 * import formats. Each adapter fetches through wd_http, hands the bytes to a parser
 * (wd_odata.h, wd_csv.h, ...) and records where they came from (wd_source).
 *
 * URLs are built the same way for http(s):// and file:// mirrors: libcurl ignores the query
 * string of a file:// URL, so a mirror simply stores each collection under its path and its
 * nextLinks point to the following page files (paged collections are walked by wd_pages.h).
 * On failure an adapter takes back everything it added to the batch, so a half-read source
 * never reaches the store (what a national KWB table handed on before, wd_odata_request, is in
 * a transaction that its caller rolls back). */
#include "fetchers/wd_fetch.h"

#include "engine/wd_sha256.h"
#include "engine/wd_time.h"

#include "fetchers/wd_csv.h"
#include "fetchers/wd_fileurl.h"
#include "fetchers/wd_pages.h"
#include "fetchers/wd_parse.h"
#include "fetchers/wd_pdok.h"
#include "fetchers/wd_zip.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Batch sizes at the start of an adapter, to take its additions back on failure. */
typedef struct {
    size_t sources, regions, obs, geoms, vars;
} mark;

static mark mark_of(const wd_batch *b)
{
    mark m = {b->n_sources, b->n_regions, b->n_obs, b->n_geoms, b->n_vars};
    return m;
}

static void rollback(wd_batch *b, mark m)
{
    for (size_t i = m.geoms; i < b->n_geoms; i++)
        free(b->geoms[i].geojson);
    b->n_sources = m.sources;
    b->n_regions = m.regions;
    b->n_obs = m.obs;
    b->n_geoms = m.geoms;
    b->n_vars = m.vars;
}

/* borrowed — the description of a source the adapters read (the table, at the end of this
 * file), so that publisher and licence are written in one place. `id` is always one of it. */
static const wd_source_info *described(const char *id)
{
    size_t n, i = 0;
    const wd_source_info *s = wd_fetch_sources(&n);
    while (i + 1 < n && strcmp(s[i].id, id) != 0)
        i++;
    return &s[i];
}

static int add_source(wd_batch *b, const char *table_id, const char *title, const char *publisher,
                      const char *url, const char *licence, int indeling, const wd_buf *body,
                      wd_error *err)
{
    wd_source s;
    memset(&s, 0, sizeof s);
    s.indeling = indeling;
    snprintf(s.table_id, sizeof s.table_id, "%s", table_id);
    snprintf(s.title, sizeof s.title, "%s", title);
    snprintf(s.publisher, sizeof s.publisher, "%s", publisher);
    snprintf(s.url, sizeof s.url, "%s", url);
    snprintf(s.licence, sizeof s.licence, "%s", licence);
    wd_time_now_utc(s.retrieved_at, sizeof s.retrieved_at);
    if (body) wd_sha256_hex(body->data, body->len, s.sha256);
    return wd_batch_add_source(b, &s, err);
}

static int build(char *out, size_t cap, wd_error *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Format a URL into out[cap]; WD_EUSAGE when it does not fit. */
static int build(char *out, size_t cap, wd_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out, cap, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= cap)
        return wd_error_set(err, WD_EUSAGE, "URL te lang (%d tekens)", n);
    return 0;
}

/* What the pages of a walk feed (wd_pages.h): the fields its reader uses. */
typedef struct {
    wd_batch *b;
    const wd_rows_ctx *ctx;
    wd_tableinfo *info; /* TableInfos */
    wd_props *props;    /* DataProperties */
    wd_rivm_state *st;  /* RIVM rows */
    wd_measures *names; /* v4 MeasureCodes */
} feed;

static int read_tableinfo(void *x, const char *d, size_t n, const char *url, char **next,
                          wd_error *err)
{
    /* The first page describes the table; later ones, if a feed pages it, add nothing. */
    feed *f = x;
    wd_tableinfo t;
    int rc = wd_odata_tableinfos(&t, d, n, url, next, err);
    if (!rc && !f->info->identifier[0] && !f->info->title[0]) *f->info = t;
    return rc;
}

static int read_props(void *x, const char *d, size_t n, const char *url, char **next, wd_error *err)
{
    return wd_odata_props_page(((feed *)x)->props, d, n, url, next, err);
}

static int read_regions(void *x, const char *d, size_t n, const char *url, char **next,
                        wd_error *err)
{
    feed *f = x;
    return wd_odata_regions(f->b, f->ctx, d, n, url, next, err);
}

static int read_kwb(void *x, const char *d, size_t n, const char *url, char **next, wd_error *err)
{
    feed *f = x;
    return wd_odata_kwb_rows(f->b, f->ctx, d, n, url, next, err);
}

static int read_rivm(void *x, const char *d, size_t n, const char *url, char **next, wd_error *err)
{
    feed *f = x;
    return wd_odata_rivm_rows(f->b, f->ctx, f->st, d, n, url, next, err);
}

static int read_measures(void *x, const char *d, size_t n, const char *url, char **next,
                         wd_error *err)
{
    return wd_odata4_measures_page(((feed *)x)->names, d, n, url, next, err);
}

static int read_v4(void *x, const char *d, size_t n, const char *url, char **next, wd_error *err)
{
    feed *f = x;
    return wd_odata4_observations(f->b, f->ctx, d, n, url, next, err);
}

/* GeoJSON pages linked by rel "next"; ctx gives source and year. */
static int read_pdok(void *x, const char *d, size_t n, const char *url, char **next, wd_error *err)
{
    feed *f = x;
    return wd_pdok_parse(f->b, f->ctx->source, f->ctx->year, d, n, url, next, err);
}

/* Observations added since index `from` for regions other than the country. */
static size_t own_obs(const wd_batch *b, size_t from)
{
    size_t n = 0;
    for (size_t i = from; i < b->n_obs; i++)
        n += strncmp(b->obs[i].region, "NL", 2) != 0;
    return n;
}

/* A source's rows handed on before its end (wd_hand_on): the caller's hand-on, and what the
 * adapter still needs of those rows. */
typedef struct {
    wd_hand_on to;
    mark *m;
    size_t own;  /* observations of regions other than the country, handed on */
    size_t from; /* the first observation of the batch not counted in `own` */
} handed;

static int hand_on(wd_batch *b, void *x, wd_error *err)
{
    handed *h = x;
    h->own += own_obs(b, h->from);
    int rc = h->to.fn(b, h->to.x, err);
    /* The batch holds none of its rows now, nor of those before the mark: on failure the
     * caller rolls the store back, the batch loses only its later rows. */
    h->m->regions = h->m->obs = h->m->geoms = h->m->vars = 0;
    h->from = b->n_obs;
    return rc;
}

/* The hand-on a parser calls for the caller's `to` (NULL, or fn NULL: none), through `h` (its
 * mark and `from` set). */
static wd_hand_on handing(handed *h, const wd_hand_on *to)
{
    if (!to || !to->fn) return (wd_hand_on){0};
    h->to = *to;
    return (wd_hand_on){hand_on, h, to->obs};
}

/* The $filter of a gemeente with its wijken and buurten, and the country by its padded key,
 * on field `field`, percent-encoded for the URL ("" without a gemeente). CBS compares strings
 * exactly and pads keys to 10 characters: startswith() on the unpadded code finds the
 * gemeente row only, so the wijk (WK) and buurt (BU) codes are asked for each; NL00 needs its
 * padding. */
static void gemeente_filter(char *out, size_t cap, const char *field, const char *gm)
{
    if (!gm || !gm[0]) {
        out[0] = '\0';
        return;
    }
    snprintf(
        out, cap,
        "&$filter=startswith(%s,%%27GM%s%%27)%%20or%%20startswith(%s,%%27WK%s%%27)%%20or%%20"
        "startswith(%s,%%27BU%s%%27)%%20or%%20%s%%20eq%%20%%27NL00%%20%%20%%20%%20%%20%%20%%27",
        field, gm + 2, field, gm + 2, field, gm + 2, field);
}

/* Where the collections of a CBS OData v3 table are: on a feed ({base}/{table}/{collection}
 * ?$format=json, with a $filter), or saved in a folder ({folder}/{collection}[.json]). */
typedef struct {
    const char *base, *table; /* a feed */
    const char *folder;       /* a saved table (file:// or http(s)): the folder's URL */
} odata_where;

/* The URL of `collection` into out[cap] (a folder's file with or without ".json", the one
 * that exists; ext receives which), with `filter` on a feed. */
static int collection_url(char *out, size_t cap, const odata_where *w, const char *collection,
                          const char *filter, const char **ext, wd_error *err)
{
    *ext = "";
    if (!w->folder)
        return build(out, cap, err, "%s/%s/%s?$format=json%s", w->base, w->table, collection,
                     filter);
    int rc = build(out, cap, err, "%s/%s", w->folder, collection);
    if (!rc && strncmp(out, "file://", 7) == 0 && !wd_fileurl_exists(out)) {
        rc = build(out, cap, err, "%s/%s.json", w->folder, collection);
        *ext = ".json";
    }
    return rc;
}

/* Walk the collection at `url` (found by collection_url with `ext`) with `read` over `f`: a
 * local folder's pages by file name, anything else by its links. */
static int walk_collection(wd_http *h, const odata_where *w, const char *url, const char *ext,
                           wd_buf *first, wd_pages_fn read, feed *f, wd_error *err)
{
    char local[4200];
    wd_pages p = {.read = read, .ctx = f, .link = "odata.nextLink"};
    if (w->folder && strncmp(url, "file://", 7) == 0) {
        snprintf(local, sizeof local, "%.*s", (int)(strlen(url) - strlen(ext)), url);
        p.local = local;
        p.ext = ext;
    }
    return wd_pages_walk(h, url, first, &p, err);
}

/* 1 when the table has the dimension Marges: RIVM's value and 95% bounds. */
static int has_margins(const wd_props *p)
{
    for (size_t i = 0; i < p->n; i++)
        if (p->items[i].type == WD_PROP_DIMENSION && strcmp(p->items[i].key, "Marges") == 0)
            return 1;
    return 0;
}

/* Shared part of the KWB and RIVM adapters and of a saved table. `rivm`: 1 for RIVM rows, 0
 * for KWB, -1 to tell by the table's dimensions. */
static int fetch_odata(wd_http *h, const odata_where *w, const char *gemeente, int rivm,
                       const wd_odata_request *pass, wd_batch *b, wd_error *err)
{
    char gm[WD_CODE_MAX] = "";
    if (gemeente && wd_parse_gemeente(gm, sizeof gm, gemeente, err))
        return err ? err->code : WD_EUSAGE;
    mark m = mark_of(b);
    wd_buf body = {0};
    wd_props props = {0};
    wd_rivm_state *st = NULL;
    wd_tableinfo info;
    memset(&info, 0, sizeof info);
    char url[4096], first[4096], filter[512];
    const char *ext;
    int rc, listed = 0;
    const char *tab = w->table;

    /* TableInfos first: it gives the title and the year (Period) of the table. Every
     * collection of the feed may page, so each is walked to its last page. */
    feed f = {.b = b, .info = &info, .props = &props};
    if ((rc = collection_url(url, sizeof url, w, "TableInfos", "", &ext, err)) ||
        (rc = walk_collection(h, w, url, ext, NULL, read_tableinfo, &f, err)))
        goto cleanup;
    if (!info.identifier[0] && !info.title[0]) {
        rc = wd_error_set(err, WD_EPARSE, "%s: TableInfos bevat geen tabel", url);
        goto cleanup;
    }
    if ((rc = collection_url(url, sizeof url, w, "DataProperties", "", &ext, err)) ||
        (rc = walk_collection(h, w, url, ext, NULL, read_props, &f, err)) ||
        (rc = wd_odata_props_name(&props, url, err)))
        goto cleanup;
    if (rivm < 0) rivm = has_margins(&props);
    if (!rivm && info.year == 0) {
        rc = wd_error_set(err, WD_EPARSE, "%s: TableInfos noemt geen jaar (Period)", url);
        goto cleanup;
    }

    wd_rows_ctx ctx = {.year = info.year,
                       .indeling = info.indeling,
                       .gemeente = gm[0] ? gm : NULL,
                       .props = &props,
                       .listed = &listed};
    /* The regions with their names, and whether the table knows the gemeente at all: a
     * gemeente formed later, or merged away, is not in a table of another indeling. A saved
     * table may lack the collection; its rows then say which regions it has. */
    gemeente_filter(filter, sizeof filter, "Key", gm);
    f.ctx = &ctx;
    if ((rc = collection_url(url, sizeof url, w, "WijkenEnBuurten", filter, &ext, err)))
        goto cleanup;
    if (w->folder && strncmp(url, "file://", 7) == 0 && !wd_fileurl_exists(url))
        listed = 1;
    else if ((rc = walk_collection(h, w, url, ext, NULL, read_regions, &f, err)))
        goto cleanup;
    if (!listed) {
        rollback(b, m);
        goto cleanup;
    }
    if (rivm && !(st = wd_odata_rivm_new())) {
        rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
        goto cleanup;
    }
    gemeente_filter(filter, sizeof filter, "WijkenEnBuurten", gm);
    if ((rc = collection_url(url, sizeof url, w, "TypedDataSet", filter, &ext, err)) ||
        (rc = wd_pages_first(h, url, &body, first, sizeof first, err)))
        goto cleanup;
    const wd_source_info *who = described(rivm ? "rivm" : "kwb");
    ctx.source = add_source(b, tab, info.title[0] ? info.title : tab, who->publisher, first,
                            who->licence, info.indeling, &body, err);
    if (ctx.source < 0) {
        rc = ctx.source;
        goto cleanup;
    }
    handed given = {.m = &m, .from = b->n_obs};
    ctx.hand_on = handing(&given, pass ? &pass->hand_on : NULL);
    f.st = st;
    if ((rc = walk_collection(h, w, first, ext, &body, rivm ? read_rivm : read_kwb, &f, err)))
        goto cleanup;
    /* The topics as served (key, title, unit), for the QA report (`wijkdata controle`). */
    for (size_t i = 0; !rc && i < props.n; i++)
        if (props.items[i].type == WD_PROP_TOPIC && !props.items[i].is_text)
            rc = wd_batch_add_variable(b, tab, rivm ? 0 : info.year, props.items[i].name,
                                       props.items[i].key, props.items[i].title,
                                       props.items[i].unit, ctx.source, err);
    /* A table that lists the gemeente but gives none of its figures is broken, not empty:
     * storing nothing and reporting success would hide it. */
    if (given.own + own_obs(b, given.from) == 0)
        rc = wd_error_set(err, WD_ENOTFOUND,
                          "%s (%s): geen enkele waarneming voor %s, hoewel de tabel %s noemt "
                          "(%s)",
                          tab, info.title[0] ? info.title : "CBS", gm[0] ? gm : "een regio",
                          gm[0] ? "de gemeente" : "regio's", first);
cleanup:
    wd_buf_free(&body);
    wd_odata_props_free(&props);
    wd_odata_rivm_free(st);
    if (rc) {
        rollback(b, m);
        if (err && err->code == WD_OK) wd_error_set(err, rc, "%s: onbekende fout", tab);
    }
    return rc;
}

/* The service variant of fetch_odata. */
static int fetch_table(wd_http *h, const wd_odata_request *req, int rivm, wd_batch *b,
                       wd_error *err)
{
    if (!h || !req || !req->base || !req->table_id || !b)
        return wd_error_set(err, WD_EUSAGE, "OData-verzoek zonder client, basis-URL of tabel");
    odata_where w = {.base = req->base, .table = req->table_id};
    return fetch_odata(h, &w, req->gemeente, rivm, req, b, err);
}

int wd_fetch_cbs_v3_folder(wd_http *h, const char *url, const char *gemeente, wd_batch *b,
                           wd_error *err)
{
    if (!h || !url || !b)
        return wd_error_set(err, WD_EUSAGE, "wd_fetch_cbs_v3_folder: geen client, map of batch");
    /* The folder is named after the table: ".../85984NED". */
    char folder[4200];
    snprintf(folder, sizeof folder, "%s", url);
    size_t n = strlen(folder);
    while (n > 0 && folder[n - 1] == '/')
        folder[--n] = '\0';
    const char *table = strrchr(folder, '/');
    if (!table || !table[1])
        return wd_error_set(err, WD_EUSAGE, "%s: geen map met een tabelnaam", url);
    odata_where w = {.folder = folder, .table = table + 1};
    return fetch_odata(h, &w, gemeente, -1, NULL, b, err);
}

int wd_fetch_kwb(wd_http *h, const wd_odata_request *req, wd_batch *b, wd_error *err)
{
    return fetch_table(h, req, 0, b, err);
}

int wd_fetch_rivm(wd_http *h, const wd_odata_request *req, wd_batch *b, wd_error *err)
{
    return fetch_table(h, req, 1, b, err);
}

int wd_fetch_cbs_v4(wd_http *h, const wd_odata_request *req, wd_batch *b, wd_measures *names,
                    wd_error *err)
{
    if (!h || !req || !req->base || !req->table_id || !b)
        return wd_error_set(err, WD_EUSAGE, "OData v4-verzoek zonder client, basis-URL of tabel");
    char gm[WD_CODE_MAX] = "";
    if (req->gemeente && wd_parse_gemeente(gm, sizeof gm, req->gemeente, err))
        return err ? err->code : WD_EUSAGE;
    mark m = mark_of(b);
    wd_measures own = {0}, *meas = names ? names : &own;
    wd_buf body = {0};
    char url[4096], filter[160] = "";
    const char *base = req->base, *tab = req->table_id;
    wd_tableinfo info;
    int rc;
    if ((rc = build(url, sizeof url, err, "%s/%s/Properties", base, tab)) ||
        (rc = wd_http_get_json(h, url, &body, err)) ||
        (rc = wd_odata4_properties(&info, body.data, body.len, url, err)))
        goto cleanup;
    wd_buf_free(&body);
    if ((rc = build(url, sizeof url, err, "%s/%s/MeasureCodes", base, tab)) ||
        (rc = wd_pages_walk(h, url, NULL,
                            &(wd_pages){.read = read_measures,
                                        .ctx = &(feed){.names = meas},
                                        .link = "odata.nextLink"},
                            err)))
        goto cleanup;
    /* v4 codes are not padded: startswith() on the gemeente code selects it and its parts;
     * the country (NL01), which profiles compare with, is asked for in the same filter. */
    if (gm[0])
        snprintf(filter, sizeof filter,
                 "?$filter=startswith(WijkenEnBuurten,%%27%s%%27)%%20or%%20WijkenEnBuurten%%20eq%%"
                 "20%%27NL01%%27",
                 gm);
    if ((rc = build(url, sizeof url, err, "%s/%s/Observations%s", base, tab, filter)) ||
        (rc = wd_http_get_json(h, url, &body, err)))
        goto cleanup;
    int src = add_source(b, tab, info.title[0] ? info.title : tab, described("cbs-v4")->publisher,
                         url, described("cbs-v4")->licence, info.year, &body, err);
    if (src < 0) {
        rc = src;
        goto cleanup;
    }
    wd_rows_ctx ctx = {
        .year = info.year, .indeling = info.year, .source = src, .gemeente = gm[0] ? gm : NULL};
    rc = wd_pages_walk(
        h, url, &body,
        &(wd_pages){.read = read_v4, .ctx = &(feed){.b = b, .ctx = &ctx}, .link = "odata.nextLink"},
        err);
cleanup:
    wd_buf_free(&body);
    wd_odata4_measures_free(&own);
    if (rc) {
        rollback(b, m);
        if (err && err->code == WD_OK) wd_error_set(err, rc, "%s: onbekende fout", tab);
    }
    return rc;
}

/* The last path segment of a URL without query and extension, for a readable source id. */
static void url_stem(char *out, size_t cap, const char *url)
{
    const char *end = url + strcspn(url, "?#");
    const char *start = end;
    while (start > url && start[-1] != '/')
        start--;
    const char *dot = end;
    for (const char *p = start; p < end; p++)
        if (*p == '.') dot = p;
    size_t n = (size_t)(dot - start);
    if (n >= cap) n = cap - 1;
    memcpy(out, start, n);
    out[n] = '\0';
}

/* Record a Leefbaarometer scores CSV (bytes already read) as a source and parse it. The
 * header says which level the file holds. */
static int lbm_csv(wd_batch *b, const char *url, const wd_buf *body, const wd_hand_on *on,
                   wd_error *err)
{
    size_t head = strcspn(body->data, "\n");
    const char *level = "buurt", *id = "lbm3-buurt";
    char first[512];
    snprintf(first, sizeof first, "%.*s", (int)(head < 511 ? head : 511), body->data);
    if (strstr(first, "wk_code")) {
        level = "wijk";
        id = "lbm3-wijk";
    } else if (strstr(first, "gm_code")) {
        level = "gemeente";
        id = "lbm3-gemeente";
    }
    char title[96];
    snprintf(title, sizeof title, "Leefbaarometer 3.0 scores per %s", level);
    const wd_source_info *who = described("leefbaarometer");
    int src = add_source(b, id, title, who->publisher, url, who->licence, 0, body, err);
    return src < 0 ? src : wd_csv_lbm(b, src, body->data, body->len, url, on, err);
}

int wd_fetch_lbm_csv(wd_http *h, const char *url, const wd_hand_on *on, wd_batch *b, wd_error *err)
{
    if (!h || !url || !b)
        return wd_error_set(err, WD_EUSAGE, "wd_fetch_lbm_csv: geen client, URL of batch");
    mark m = mark_of(b);
    handed given = {.m = &m, .from = b->n_obs};
    wd_hand_on by = handing(&given, on);
    wd_buf body;
    int rc = wd_http_get(h, url, &body, err);
    if (rc) return rc;
    rc = lbm_csv(b, url, &body, &by, err);
    wd_buf_free(&body);
    if (rc) rollback(b, m);
    return rc;
}

/* A decompressed member may be much larger than the zip; the buurten file of 2002-2024 is
 * about 10 MB, so this leaves ample room while bounding memory. */
#define LBM_MEMBER_MAX ((size_t)512 << 20)

/* The index of the member whose file name (without folders) starts with `prefix` and ends in
 * ".csv", or -1. */
static long lbm_member(wd_zip *z, const char *prefix)
{
    for (size_t i = 0; i < wd_zip_count(z); i++) {
        const char *name = wd_zip_name(z, i);
        if (!name) continue;
        const char *base = strrchr(name, '/');
        base = base ? base + 1 : name;
        size_t n = strlen(base);
        if (strncasecmp(base, prefix, strlen(prefix)) == 0 && n > 4 &&
            strcasecmp(base + n - 4, ".csv") == 0)
            return (long)i;
    }
    return -1;
}

int wd_fetch_lbm_zip(wd_http *h, const char *url, const wd_hand_on *on, wd_batch *b, wd_error *err)
{
    if (!h || !url || !b)
        return wd_error_set(err, WD_EUSAGE, "wd_fetch_lbm_zip: geen client, URL of batch");
    static const char *const levels[] = {"Leefbaarometer-scores buurten",
                                         "Leefbaarometer-scores wijken",
                                         "Leefbaarometer-scores gemeenten"};
    mark m = mark_of(b);
    handed given = {.m = &m, .from = b->n_obs};
    wd_hand_on by = handing(&given, on);
    wd_buf zipped;
    wd_zip *z = NULL;
    int rc = wd_http_get(h, url, &zipped, err);
    if (rc) return rc;
    rc = wd_zip_open(&z, zipped.data, zipped.len, url, err);
    if (!rc && lbm_member(z, levels[0]) < 0) {
        char seen[256] = "";
        for (size_t i = 0; i < wd_zip_count(z) && strlen(seen) < 200; i++) {
            const char *name = wd_zip_name(z, i);
            snprintf(seen + strlen(seen), sizeof seen - strlen(seen), "%s'%.60s'", i ? ", " : "",
                     name ? name : "?");
        }
        rc = wd_error_set(err, WD_ENOTFOUND,
                          "%s: het zip-archief bevat geen '%s <jaren>.csv' (wel: %s); is dit "
                          "de open-data-zip van de Leefbaarometer?",
                          url, levels[0], seen[0] ? seen : "niets");
    }
    for (size_t k = 0; k < sizeof levels / sizeof *levels && !rc; k++) {
        long i = lbm_member(z, levels[k]);
        if (i < 0) continue;
        wd_buf member = {0};
        char murl[1024];
        rc = wd_zip_extract(z, (size_t)i, LBM_MEMBER_MAX, &member.data, &member.len, err);
        if (rc) break;
        /* The member as a path inside the zip: errors then read "...zip/naam.csv:3: ...". */
        snprintf(murl, sizeof murl, "%s/%s", url, wd_zip_name(z, (size_t)i));
        rc = lbm_csv(b, murl, &member, &by, err);
        wd_buf_free(&member);
    }
    wd_zip_close(z);
    wd_buf_free(&zipped);
    if (rc) rollback(b, m);
    return rc;
}

int wd_fetch_pdok(wd_http *h, const char *url, int year, wd_batch *b, wd_error *err)
{
    if (!h || !url || !b)
        return wd_error_set(err, WD_EUSAGE, "wd_fetch_pdok: geen client, URL of batch");
    mark m = mark_of(b);
    /* The first page is fetched here: the source records the hash of its bytes. */
    wd_buf body;
    int rc = wd_http_get_json(h, url, &body, err);
    if (rc) return rc;
    char id[32], title[96];
    snprintf(id, sizeof id, "pdok-wijkenbuurten-%d", year);
    snprintf(title, sizeof title, "CBS wijk- en buurtkaart %d (PDOK)", year);
    wd_rows_ctx ctx = {.year = year};
    ctx.source = add_source(b, id, title, described("pdok")->publisher, url,
                            described("pdok")->licence, year, &body, err);
    if (ctx.source < 0) {
        wd_buf_free(&body);
        return ctx.source;
    }
    rc = wd_pages_walk(h, url, &body,
                       &(wd_pages){.read = read_pdok,
                                   .ctx = &(feed){.b = b, .ctx = &ctx},
                                   .link = "link \"next\""},
                       err);
    if (rc) rollback(b, m);
    return rc;
}

int wd_fetch_statline_csv(wd_http *h, const char *url, int year, const wd_mapping *map, wd_batch *b,
                          wd_error *err)
{
    if (!h || !url || !b)
        return wd_error_set(err, WD_EUSAGE, "wd_fetch_statline_csv: geen client, URL of batch");
    mark m = mark_of(b);
    wd_buf body;
    int rc = wd_http_get(h, url, &body, err);
    if (rc) return rc;
    /* The table's id from the file's name (StatLine names downloads after it), else from its
     * text; without one, the file's name stands in. */
    char stem[64], id[32], table[16], title[160];
    url_stem(stem, sizeof stem, url);
    if (wd_parse_table_id(table, sizeof table, stem, strlen(stem)) ||
        wd_parse_table_id(table, sizeof table, body.data, body.len))
        snprintf(id, sizeof id, "%s", table);
    else
        snprintf(id, sizeof id, "statline-%.22s", stem);
    snprintf(title, sizeof title, "StatLine-export %s", id[0] == 's' ? stem : id);
    const wd_source_info *who = described("statline");
    int src = map ? add_source(b, map->table_id, map->title,
                               map->own_publisher ? map->publisher : who->publisher, url,
                               map->own_licence ? map->licence : who->licence, 0, &body, err)
                  : add_source(b, id, title, who->publisher, url, who->licence, 0, &body, err);
    if (src < 0)
        rc = src;
    else if (map)
        rc = wd_csv_mapped(b, src, map, year, body.data, body.len, url, err);
    else
        rc = wd_csv_statline(b, src, year, body.data, body.len, url, err);
    wd_buf_free(&body);
    if (rc) rollback(b, m);
    return rc;
}

int wd_fetch_mapped(wd_http *h, const char *url, const wd_mapping *m, int json, int year,
                    wd_batch *b, wd_error *err)
{
    if (!h || !url || !m || !b)
        return wd_error_set(err, WD_EUSAGE,
                            "wd_fetch_mapped: geen client, URL, koppeling of batch");
    mark mk = mark_of(b);
    wd_buf body;
    int rc = json ? wd_http_get_json(h, url, &body, err) : wd_http_get(h, url, &body, err);
    if (rc) return rc;
    int src = add_source(b, m->table_id, m->title, m->publisher, url, m->licence, 0, &body, err);
    if (src < 0)
        rc = src;
    else if (json)
        rc = wd_mapping_json(b, src, m, year, body.data, body.len, url, err);
    else
        rc = wd_csv_mapped(b, src, m, year, body.data, body.len, url, err);
    wd_buf_free(&body);
    if (rc) rollback(b, mk);
    return rc;
}

/* ---- The table: sources and import formats (wd_fetch.h) ------------------------------ */

/* Table ids, licences and citations follow the publishers (CBS, RIVM, Leefbaarometer, PDOK). */
static const wd_source_info sources[] = {
    {"kwb", "CBS Kerncijfers wijken en buurten", "CBS",
     "Bevolking, huishoudens, wonen, inkomen, arbeid en voorzieningen per gemeente, wijk en "
     "buurt; een tabel per jaar, in de wijk- en buurtindeling van dat jaar.",
     "een tabel per jaar, gevonden in de CBS-catalogus (titel 'Kerncijfers wijken en buurten "
     "<jaar>'); zonder catalogus de ingebouwde lijst 2013 82339NED, 2014 82931NED, 2015 "
     "83220NED, 2016 83487NED, 2017 83765NED, 2018 84286NED, 2019 84583NED, 2020 84799NED, "
     "2021 85039NED, 2022 85318NED, 2023 85618NED, 2024 85984NED, 2025 86165NED",
     "https://opendata.cbs.nl/ODataFeed/odata/<tabel>/ (OData v3)", "CC BY 4.0",
     "Bron: CBS, Kerncijfers wijken en buurten <jaar> (tabel <id>), geraadpleegd <datum>.",
     "statline-csv", "kwb", WD_SOURCE_KWB},
    {"cbs-v4", "CBS Open Data v4 (datasets.cbs.nl)", "CBS",
     "Dezelfde CBS-tabellen in het nieuwe OData v4-formaat: lange rijen met een vaste "
     "onderwerpcode (Measure, bv. T001036) en een ValueAttribute per waarde.",
     "elke StatLine-tabel, bv. 85984NED; namen van de onderwerpen in MeasureCodes",
     "https://datasets.cbs.nl/odata/v1/CBS/<tabel>/Observations", "CC BY 4.0",
     "Bron: CBS, tabel <id>, geraadpleegd <datum>.", "cbs-v4", NULL, 0},
    {"rivm", "RIVM Gezondheid per wijk en buurt", "RIVM/CBS",
     "Gezondheidsmonitor Volwassenen en Ouderen: percentages per wijk en buurt voor 18+, "
     "18-65 en 65+, met 95%-marges. Modelschattingen (RIVM SMAP), geen directe metingen.",
     "de nieuwste tabel 'Gezondheid per wijk en buurt' in de catalogus van dataderden.cbs.nl; "
     "bekend: 50090NED (2012/2016/2020, indeling 2020), 50120NED (2012/2016/2020/2022, "
     "indeling 2022), 50150NED (2012-2024, indeling 2024)",
     "https://dataderden.cbs.nl/ODataApi/odata/<tabel>/", "CC BY 4.0",
     "Bron: RIVM/CBS, Gezondheid per wijk en buurt (tabel <id>), modelschatting, "
     "geraadpleegd <datum>.",
     NULL, "rivm", WD_SOURCE_RIVM},
    {"leefbaarometer", "Leefbaarometer 3.0", "Leefbaarometer",
     "Leefbaarheid per buurt, wijk en gemeente: totaalscore (lbm), afwijking van het "
     "landelijk ijkpunt (afw) en vijf dimensies (fys, onv, soc, vrz, won), klassen 1-9 van "
     "zeer onvoldoende tot uitstekend; edities 2002-2024.",
     "open-data-zip met 'Leefbaarometer-scores buurten 2002-2024.csv', wijken en gemeenten",
     "https://www.leefbaarometer.nl (open data); WFS https://geo.leefbaarometer.nl/lbm3/ows", "CC0",
     "Bron: Leefbaarometer 3.0 (Ministerie van BZK), editie <jaar>.", "leefbaarometer-zip", "lbm",
     WD_SOURCE_LBM},
    {"pdok", "CBS Wijk- en buurtkaart (PDOK)", "PDOK",
     "Grenzen van gemeenten, wijken en buurten met namen en kerncijfers, als GeoJSON in "
     "lengte/breedtegraad (CRS84).",
     "wijken-en-buurten-<jaar>: collecties gemeenten, wijken, buurten",
     "https://api.pdok.nl/cbs/wijken-en-buurten-<jaar>/ogc/v1/collections/<collectie>/items",
     "CC BY 4.0", "Bron: CBS/PDOK, Wijk- en buurtkaart <jaar>, geraadpleegd <datum>.",
     "pdok-geojson", "geo", WD_SOURCE_GEO},
    {"statline", "StatLine-export (CSV met statistische symbolen)", "CBS",
     "Een met de hand uit StatLine gedownloade tabel; '.' is onbekend of geheim, een lege "
     "cel kan niet voorkomen.",
     "elke StatLine-tabel met regiocodes (kolom 'Codering' of 'Regiocode')",
     "https://opendata.cbs.nl/statline/", "CC BY 4.0",
     "Bron: CBS StatLine, tabel <id>, geraadpleegd <datum>.", "statline-csv", NULL, 0},
};

const wd_source_info *wd_fetch_sources(size_t *n)
{
    if (n) *n = sizeof sources / sizeof sources[0];
    return sources;
}

/* The import formats: each reader hands its adapter what that format takes of the options. */
static int import_statline(wd_http *h, const char *url, const wd_import_options *o, wd_batch *b,
                           wd_error *err)
{
    /* A mapping may name the period column or a year; without one the year defaults. */
    int year = o->mapping || o->year ? o->year : o->default_year;
    return wd_fetch_statline_csv(h, url, year, o->mapping, b, err);
}

static int import_csv(wd_http *h, const char *url, const wd_import_options *o, wd_batch *b,
                      wd_error *err)
{
    return wd_fetch_mapped(h, url, o->mapping, 0, o->year, b, err);
}

static int import_json(wd_http *h, const char *url, const wd_import_options *o, wd_batch *b,
                       wd_error *err)
{
    return wd_fetch_mapped(h, url, o->mapping, 1, o->year, b, err);
}

static int import_lbm_csv(wd_http *h, const char *url, const wd_import_options *o, wd_batch *b,
                          wd_error *err)
{
    (void)o;
    return wd_fetch_lbm_csv(h, url, NULL, b, err);
}

static int import_lbm_zip(wd_http *h, const char *url, const wd_import_options *o, wd_batch *b,
                          wd_error *err)
{
    (void)o;
    return wd_fetch_lbm_zip(h, url, NULL, b, err);
}

static int import_pdok(wd_http *h, const char *url, const wd_import_options *o, wd_batch *b,
                       wd_error *err)
{
    return wd_fetch_pdok(h, url, o->year ? o->year : o->default_year, b, err);
}

static int import_cbs_v3(wd_http *h, const char *url, const wd_import_options *o, wd_batch *b,
                         wd_error *err)
{
    (void)o;
    return wd_fetch_cbs_v3_folder(h, url, NULL, b, err);
}

/* A saved v4 table, the folder ".../85984NED", read as the service: base = its parent's URL. */
static int import_cbs_v4(wd_http *h, const char *url, const wd_import_options *o, wd_batch *b,
                         wd_error *err)
{
    char base[4200];
    snprintf(base, sizeof base, "%s", url);
    char *slash = strrchr(base, '/');
    if (!slash || !slash[1])
        return wd_error_set(err, WD_EUSAGE, "%s: geen map met een tabelnaam", url);
    *slash = '\0';
    wd_odata_request req = {.base = base, .table_id = slash + 1};
    return wd_fetch_cbs_v4(h, &req, b, o->names, err);
}

static const wd_import_format formats[] = {
    {"statline-csv",
     "StatLine-export 'CSV met statistische symbolen'; de\n"
     "regiocolom heet 'Codering' of 'Regiocode'; de tabel\n"
     "(bv. 85984NED) uit de bestandsnaam of de tekst; met\n"
     "--mapping alleen de kolommen die de koppeling noemt\n",
     WD_IMPORT_MAPPING_OPTIONAL, import_statline},
    {"csv",
     "eigen CSV met kopregel (bv. een peiling voor een\n"
     "bewonersberaad); vereist --mapping\n",
     WD_IMPORT_MAPPING_REQUIRED, import_csv},
    {"json",
     "eigen JSON: een lijst van objecten, {\"value\": [...]},\n"
     "GeoJSON, objecten per regiocode {\"GM1680\": {...}} of\n"
     "een enkel object; vereist --mapping\n",
     WD_IMPORT_MAPPING_REQUIRED, import_json},
    {"leefbaarometer-csv", "Leefbaarometer 3.0 scores per buurt, wijk of gemeente\n",
     WD_IMPORT_NO_MAPPING, import_lbm_csv},
    {"leefbaarometer-zip", "de open-data-zip van de Leefbaarometer zoals gepubliceerd\n",
     WD_IMPORT_NO_MAPPING, import_lbm_zip},
    {"pdok-geojson", "PDOK OGC API Features (buurten, wijken of gemeenten)\n", WD_IMPORT_NO_MAPPING,
     import_pdok},
    {"cbs-v3",
     "een map met de opgeslagen antwoorden TableInfos,\n"
     "DataProperties, TypedDataSet (pagina's als\n"
     "TypedDataSet-2, -3, ...) en eventueel WijkenEnBuurten\n"
     "van een CBS OData v3-tabel (KWB of RIVM; de mapnaam is\n"
     "de tabel, bv. 85984NED)\n",
     WD_IMPORT_NO_MAPPING, import_cbs_v3},
    {"cbs-v4",
     "een map met de antwoorden Properties, MeasureCodes en\n"
     "Observations van een CBS OData v4-tabel (de mapnaam is\n"
     "de tabel, bv. 85984NED)\n",
     WD_IMPORT_NO_MAPPING, import_cbs_v4},
};

const wd_import_format *wd_fetch_formats(size_t *n)
{
    if (n) *n = sizeof formats / sizeof formats[0];
    return formats;
}

const wd_import_format *wd_fetch_format(const char *name)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(formats[i].name, name) == 0) return &formats[i];
    return NULL;
}
