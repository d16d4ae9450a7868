/* Paged replies: a collection served as pages, each linking to the next (OData's
 * "odata.nextLink" and "@odata.nextLink", PDOK's links entry with rel "next"), fetched and
 * read one page at a time. A page that fails is retried on its own (wd_http), so a broken
 * page late in a long table does not start the table again, and no collection is held whole.
 *
 * A collection saved page by page in a local folder is read too: its links point to the
 * service it was saved from, so its pages are the files NAME, NAME-2, NAME-3, ... in that
 * order, and a link without a file for it means a page is missing. */
#ifndef WD_PAGES_H
#define WD_PAGES_H

#include "engine/wd_buf.h"
#include "engine/wd_error.h"
#include "fetchers/wd_http.h"

#include <stddef.h>

/* Read one page, data[0..len) fetched from `url` (for messages); *next receives the owned URL
 * of the next page, or NULL on the last one. 0, or a negative wd_code with err set. */
typedef int (*wd_pages_fn)(void *ctx, const char *data, size_t len, const char *url, char **next,
                           wd_error *err);

/* How the pages of a walk are read. */
typedef struct {
    wd_pages_fn read; /* called for every page, with `ctx` */
    void *ctx;
    const char *link;  /* the link as messages name it: "odata.nextLink", "link \"next\"" */
    const char *local; /* a collection saved in a local folder: the first page's file:// URL
                        * without `ext` (its pages: local-2ext, local-3ext, ...); NULL: follow
                        * the links */
    const char *ext;   /* with `local`: "" or ".json" */
} wd_pages;

/* Fetch `url` and every page after it, reading each as it comes (the first as
 * wd_pages_first fetches it). `first`, when not NULL and filled, is the body of `url`
 * fetched already: it is taken over and freed here. A page that cannot be read is dropped
 * from the cache (wd_http_forget), to be asked again. More than 10,000 pages, or a page that
 * links to itself, is WD_EPARSE. */
int wd_pages_walk(wd_http *h, const char *url, wd_buf *first, const wd_pages *p, wd_error *err);

/* The first page of a query into *body (caller frees with wd_buf_free), the URL it came from
 * into used[cap]. CBS ODataApi answers a query of more than 10,000 records with a refusal that
 * no retry changes (WD_ELIMIT); the same query on ODataFeed is answered in pages, so it is
 * asked there instead. */
int wd_pages_first(wd_http *h, const char *url, wd_buf *body, char *used, size_t cap,
                   wd_error *err);

#endif
