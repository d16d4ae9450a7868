/* Implementation of wd_fetch.h: the source adapters. Each one fetches through wd_http,
 * hands the bytes to a parser of wd_parse.h and records where they came from (wd_source).
 *
 * URLs are built the same way for http(s):// and file:// mirrors: libcurl ignores the query
 * string of a file:// URL, so a mirror simply stores each collection under its path and its
 * nextLinks point to the following page files. On failure an adapter takes back everything it
 * added to the batch, so a half-read source never reaches the store. */
#include "fetchers/wd_fetch.h"

#include "engine/wd_sha256.h"
#include "engine/wd_time.h"

#include "fetchers/wd_parse.h"
#include "fetchers/wd_sources.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* An upper bound on pages per collection: a server whose nextLink never ends must not keep
 * the program busy forever (10,000 records per page -> 100 million records). */
#define MAX_PAGES 10000

/* Batch sizes at the start of an adapter, to take its additions back on failure. */
typedef struct {
    size_t sources, regions, obs, geoms;
} mark;

static mark mark_of(const wd_batch *b)
{
    mark m = {b->n_sources, b->n_regions, b->n_obs, b->n_geoms};
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
}

/* borrowed — the description of a source the adapters read (wd_sources.c), so that publisher
 * and licence are written in one place. `id` is always one of the list. */
static const wd_source_info *described(const char *id)
{
    size_t n;
    const wd_source_info *s = wd_sources(&n);
    size_t i = 0;
    while (i + 1 < n && strcmp(s[i].id, id) != 0)
        i++;
    return &s[i];
}

static int add_source(wd_batch *b, const char *table_id, const char *title, const char *publisher,
                      const char *url, const char *licence, const wd_buf *body, wd_error *err)
{
    wd_source s;
    memset(&s, 0, sizeof s);
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

int wd_check_gemeente(char *out, size_t cap, const char *gm, wd_error *err)
{
    if (wd_trim_copy(out, cap, gm, strlen(gm)) || strlen(out) != 6 || strncmp(out, "GM", 2) != 0)
        return wd_error_set(err, WD_EUSAGE,
                            "ongeldige gemeentecode '%.20s' (verwacht GM gevolgd door 4 tekens)",
                            gm);
    for (int i = 2; i < 6; i++)
        if (!isalnum((unsigned char)out[i]))
            return wd_error_set(err, WD_EUSAGE, "ongeldige gemeentecode '%.20s'", gm);
    return 0;
}

/* The kinds of OData pages an adapter walks through. */
typedef enum {
    PAGES_REGIONS,
    PAGES_KWB,
    PAGES_RIVM,
    PAGES_V4_MEASURES,
    PAGES_V4,
    PAGES_PDOK /* GeoJSON pages linked by rel "next"; ctx gives source and year */
} page_kind;

/* Fetch `url` and every page after it, parsing each. `first`, when not NULL, is the body of
 * `url` fetched already (taken over and freed here). `st` is for RIVM pages, `names` for v4
 * MeasureCodes. */
static int walk_pages(wd_http *h, const char *url, wd_buf *first, page_kind kind, wd_batch *b,
                      const wd_rows_ctx *ctx, wd_rivm_state *st, wd_measures *names, wd_error *err)
{
    char *cur = strdup(url);
    if (!cur) return wd_error_set(err, WD_ENOMEM, "out of memory");
    int rc = 0;
    for (int page = 0; cur; page++) {
        if (page >= MAX_PAGES) {
            rc = wd_error_set(err, WD_EPARSE, "%s: meer dan %d pagina's; afgebroken", url,
                              MAX_PAGES);
            break;
        }
        wd_buf body;
        if (page == 0 && first && first->data) {
            body = *first;
            memset(first, 0, sizeof *first);
        } else if ((rc = wd_http_get(h, cur, &body, err))) {
            break;
        }
        char *next = NULL;
        if (kind == PAGES_REGIONS)
            rc = wd_parse_regions(b, ctx, body.data, body.len, cur, &next, err);
        else if (kind == PAGES_KWB)
            rc = wd_parse_kwb_rows(b, ctx, body.data, body.len, cur, &next, err);
        else if (kind == PAGES_RIVM)
            rc = wd_parse_rivm_rows(b, ctx, st, body.data, body.len, cur, &next, err);
        else if (kind == PAGES_V4_MEASURES)
            rc = wd_parse_v4_measures(names, body.data, body.len, cur, &next, err);
        else if (kind == PAGES_V4)
            rc = wd_parse_v4_observations(b, ctx, body.data, body.len, cur, &next, err);
        else
            rc = wd_parse_pdok(b, ctx->source, ctx->year, body.data, body.len, cur, &next, err);
        wd_buf_free(&body);
        if (rc) break;
        if (next && strcmp(next, cur) == 0) {
            rc = wd_error_set(err, WD_EPARSE, "%s: %s wijst naar dezelfde pagina", cur,
                              kind == PAGES_PDOK ? "link \"next\"" : "odata.nextLink");
            free(next);
            break;
        }
        free(cur);
        cur = next;
    }
    free(cur);
    if (first) wd_buf_free(first);
    return rc;
}

/* 1 when the batch got an observation for the country (NL..) since index `from`. */
static int has_country_obs(const wd_batch *b, size_t from)
{
    for (size_t i = from; i < b->n_obs; i++)
        if (strncmp(b->obs[i].region, "NL", 2) == 0) return 1;
    return 0;
}

/* Shared part of the KWB and RIVM adapters. */
static int fetch_odata(wd_http *h, const wd_odata_request *req, int rivm, wd_batch *b,
                       wd_error *err)
{
    if (!h || !req || !req->base || !req->table_id || !b)
        return wd_error_set(err, WD_EUSAGE, "OData-verzoek zonder client, basis-URL of tabel");
    char gm[WD_CODE_MAX] = "";
    if (req->gemeente && wd_check_gemeente(gm, sizeof gm, req->gemeente, err))
        return err ? err->code : WD_EUSAGE;
    mark m = mark_of(b);
    wd_buf body = {0};
    wd_props props = {0};
    wd_rivm_state *st = NULL;
    char url[4096], first[4096], filter[160] = "";
    int rc;
    const char *base = req->base, *tab = req->table_id;

    /* TableInfos first: it gives the title and the year (Period) of the table. */
    wd_tableinfo info;
    if ((rc = build(url, sizeof url, err, "%s/%s/TableInfos?$format=json", base, tab)) ||
        (rc = wd_http_get(h, url, &body, err)) ||
        (rc = wd_parse_tableinfos(&info, body.data, body.len, url, err)))
        goto cleanup;
    wd_buf_free(&body);
    if (!rivm && info.year == 0) {
        rc = wd_error_set(err, WD_EPARSE, "%s: TableInfos noemt geen jaar (Period)", url);
        goto cleanup;
    }
    if ((rc = build(url, sizeof url, err, "%s/%s/DataProperties?$format=json", base, tab)) ||
        (rc = wd_http_get(h, url, &body, err)) ||
        (rc = wd_parse_dataproperties(&props, body.data, body.len, url, err)))
        goto cleanup;
    wd_buf_free(&body);

    /* CBS pads codes to 10 characters, so startswith() on the unpadded code selects the
     * gemeente, its wijken and its buurten. The quotes are percent-encoded for libcurl. */
    if (gm[0])
        snprintf(filter, sizeof filter, "&$filter=startswith(WijkenEnBuurten,%%27%s%%27)", gm);
    if ((rc = build(first, sizeof first, err, "%s/%s/TypedDataSet?$format=json%s", base, tab,
                    filter)) ||
        (rc = wd_http_get(h, first, &body, err)))
        goto cleanup;
    const wd_source_info *who = described(rivm ? "rivm" : "kwb");
    int src = add_source(b, tab, info.title[0] ? info.title : tab, who->publisher, first,
                         who->licence, &body, err);
    if (src < 0) {
        rc = src;
        goto cleanup;
    }
    wd_rows_ctx ctx = {.year = info.year,
                       .indeling = info.year,
                       .source = src,
                       .gemeente = gm[0] ? gm : NULL,
                       .props = &props};
    if (!rivm) {
        char rfilter[160] = "";
        if (gm[0]) snprintf(rfilter, sizeof rfilter, "&$filter=startswith(Key,%%27%s%%27)", gm);
        if ((rc = build(url, sizeof url, err, "%s/%s/WijkenEnBuurten?$format=json%s", base, tab,
                        rfilter)) ||
            (rc = walk_pages(h, url, NULL, PAGES_REGIONS, b, &ctx, NULL, NULL, err)))
            goto cleanup;
    } else if (!(st = wd_rivm_state_new())) {
        rc = wd_error_set(err, WD_ENOMEM, "out of memory");
        goto cleanup;
    }
    size_t obs_from = b->n_obs;
    if ((rc = walk_pages(h, first, &body, rivm ? PAGES_RIVM : PAGES_KWB, b, &ctx, st, NULL, err)))
        goto cleanup;
    /* A gemeente filter leaves out the country row that profiles compare with. A mirror that
     * ignores the filter already delivered it; otherwise ask for it by its padded key. */
    if (gm[0] && !has_country_obs(b, obs_from)) {
        if ((rc = build(url, sizeof url, err,
                        "%s/%s/"
                        "TypedDataSet?$format=json&$filter=WijkenEnBuurten%%20eq%%20%%27NL00%%20%%"
                        "20%%20%%20%%20%%20%%27",
                        base, tab)) ||
            (rc = walk_pages(h, url, NULL, rivm ? PAGES_RIVM : PAGES_KWB, b, &ctx, st, NULL, err)))
            goto cleanup;
    }
cleanup:
    wd_buf_free(&body);
    wd_props_free(&props);
    wd_rivm_state_free(st);
    if (rc) {
        rollback(b, m);
        if (err && err->code == WD_OK) wd_error_set(err, rc, "%s: onbekende fout", tab);
    }
    return rc;
}

/* One table per year (DOMAIN.md 3.2); the ids are not derivable from the year. */
static const char *const kwb_ids[] = {"82339NED", "82931NED", "83220NED", "83487NED", "83765NED",
                                      "84286NED", "84583NED", "84799NED", "85039NED", "85318NED",
                                      "85618NED", "85984NED", "86165NED"};

const char *wd_kwb_table_id(int year)
{
    return year >= 2013 && year <= 2025 ? kwb_ids[year - 2013] : NULL;
}

int wd_fetch_kwb(wd_http *h, const wd_odata_request *req, wd_batch *b, wd_error *err)
{
    return fetch_odata(h, req, 0, b, err);
}

int wd_fetch_rivm(wd_http *h, const wd_odata_request *req, wd_batch *b, wd_error *err)
{
    return fetch_odata(h, req, 1, b, err);
}

int wd_fetch_cbs_v4(wd_http *h, const wd_odata_request *req, wd_batch *b, wd_measures *names,
                    wd_error *err)
{
    if (!h || !req || !req->base || !req->table_id || !b)
        return wd_error_set(err, WD_EUSAGE, "OData v4-verzoek zonder client, basis-URL of tabel");
    char gm[WD_CODE_MAX] = "";
    if (req->gemeente && wd_check_gemeente(gm, sizeof gm, req->gemeente, err))
        return err ? err->code : WD_EUSAGE;
    mark m = mark_of(b);
    wd_measures own = {0}, *meas = names ? names : &own;
    wd_buf body = {0};
    char url[4096], filter[160] = "";
    const char *base = req->base, *tab = req->table_id;
    wd_tableinfo info;
    int rc;
    if ((rc = build(url, sizeof url, err, "%s/%s/Properties", base, tab)) ||
        (rc = wd_http_get(h, url, &body, err)) ||
        (rc = wd_parse_v4_properties(&info, body.data, body.len, url, err)))
        goto cleanup;
    wd_buf_free(&body);
    if ((rc = build(url, sizeof url, err, "%s/%s/MeasureCodes", base, tab)) ||
        (rc = walk_pages(h, url, NULL, PAGES_V4_MEASURES, b, NULL, NULL, meas, err)))
        goto cleanup;
    /* v4 codes are not padded: startswith() on the gemeente code selects it and its parts;
     * the country (NL01), which profiles compare with, is asked for in the same filter. */
    if (gm[0])
        snprintf(filter, sizeof filter,
                 "?$filter=startswith(WijkenEnBuurten,%%27%s%%27)%%20or%%20WijkenEnBuurten%%20eq%%"
                 "20%%27NL01%%27",
                 gm);
    if ((rc = build(url, sizeof url, err, "%s/%s/Observations%s", base, tab, filter)) ||
        (rc = wd_http_get(h, url, &body, err)))
        goto cleanup;
    int src = add_source(b, tab, info.title[0] ? info.title : tab, described("cbs-v4")->publisher,
                         url, described("cbs-v4")->licence, &body, err);
    if (src < 0) {
        rc = src;
        goto cleanup;
    }
    wd_rows_ctx ctx = {
        .year = info.year, .indeling = info.year, .source = src, .gemeente = gm[0] ? gm : NULL};
    rc = walk_pages(h, url, &body, PAGES_V4, b, &ctx, NULL, NULL, err);
cleanup:
    wd_buf_free(&body);
    wd_measures_free(&own);
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
static int lbm_csv(wd_batch *b, const char *url, const wd_buf *body, wd_error *err)
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
    int src = add_source(b, id, title, who->publisher, url, who->licence, body, err);
    return src < 0 ? src : wd_parse_lbm_csv(b, src, body->data, body->len, url, err);
}

int wd_fetch_lbm_csv(wd_http *h, const char *url, wd_batch *b, wd_error *err)
{
    if (!h || !url || !b)
        return wd_error_set(err, WD_EUSAGE, "wd_fetch_lbm_csv: geen client, URL of batch");
    mark m = mark_of(b);
    wd_buf body;
    int rc = wd_http_get(h, url, &body, err);
    if (rc) return rc;
    rc = lbm_csv(b, url, &body, err);
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

int wd_fetch_lbm_zip(wd_http *h, const char *url, wd_batch *b, wd_error *err)
{
    if (!h || !url || !b)
        return wd_error_set(err, WD_EUSAGE, "wd_fetch_lbm_zip: geen client, URL of batch");
    static const char *const levels[] = {"Leefbaarometer-scores buurten",
                                         "Leefbaarometer-scores wijken",
                                         "Leefbaarometer-scores gemeenten"};
    mark m = mark_of(b);
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
                          "%s: het zip-archief bevat geen '%s 2002-2024.csv' (wel: %s); is dit "
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
        rc = lbm_csv(b, murl, &member, err);
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
    int rc = wd_http_get(h, url, &body, err);
    if (rc) return rc;
    char id[32], title[96];
    snprintf(id, sizeof id, "pdok-wijkenbuurten-%d", year);
    snprintf(title, sizeof title, "CBS wijk- en buurtkaart %d (PDOK)", year);
    wd_rows_ctx ctx = {.year = year};
    ctx.source = add_source(b, id, title, described("pdok")->publisher, url,
                            described("pdok")->licence, &body, err);
    if (ctx.source < 0) {
        wd_buf_free(&body);
        return ctx.source;
    }
    rc = walk_pages(h, url, &body, PAGES_PDOK, b, &ctx, NULL, NULL, err);
    if (rc) rollback(b, m);
    return rc;
}

int wd_fetch_statline_csv(wd_http *h, const char *url, int year, wd_batch *b, wd_error *err)
{
    if (!h || !url || !b)
        return wd_error_set(err, WD_EUSAGE, "wd_fetch_statline_csv: geen client, URL of batch");
    mark m = mark_of(b);
    wd_buf body;
    int rc = wd_http_get(h, url, &body, err);
    if (rc) return rc;
    char stem[24], id[32], title[96];
    url_stem(stem, sizeof stem, url);
    snprintf(id, sizeof id, "statline-%s", stem);
    snprintf(title, sizeof title, "StatLine-export %s", stem);
    const wd_source_info *who = described("statline");
    int src = add_source(b, id, title, who->publisher, url, who->licence, &body, err);
    rc = src < 0 ? src : wd_parse_statline_csv(b, src, year, body.data, body.len, url, err);
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
    int rc = wd_http_get(h, url, &body, err);
    if (rc) return rc;
    int src = add_source(b, m->table_id, m->title, m->publisher, url, m->licence, &body, err);
    if (src < 0)
        rc = src;
    else if (json)
        rc = wd_parse_mapped_json(b, src, m, year, body.data, body.len, url, err);
    else
        rc = wd_parse_mapped_csv(b, src, m, year, body.data, body.len, url, err);
    wd_buf_free(&body);
    if (rc) rollback(b, mk);
    return rc;
}
