/* Implementation of wd_pages.h. */
#include "fetchers/wd_pages.h"

#include "fetchers/wd_fileurl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An upper bound on pages per collection: a server whose links never end must not keep the
 * program busy forever (10,000 records per page -> 100 million records). */
#define MAX_PAGES 10000

int wd_pages_first(wd_http *h, const char *url, wd_buf *body, char *used, size_t cap, wd_error *err)
{
    snprintf(used, cap, "%s", url);
    int rc = wd_http_get_json(h, url, body, err);
    const char *api = strstr(url, "/ODataApi/");
    if (rc == WD_ELIMIT && api) {
        snprintf(used, cap, "%.*s/ODataFeed/%s", (int)(api - url), url, api + strlen("/ODataApi/"));
        rc = wd_http_get_json(h, used, body, err);
    }
    return rc;
}

/* In a saved folder the page after page `page` (0-based) is the next file, not the link,
 * which points to the service it was saved from: *next becomes that file, or NULL after the
 * last one; a link without a file for it means a page is missing. */
static int local_next(const wd_pages *p, int page, const char *cur, char **next, wd_error *err)
{
    char url[4200];
    snprintf(url, sizeof url, "%s-%d%s", p->local, page + 2, p->ext);
    int more = wd_fileurl_exists(url);
    if (*next && !more) {
        wd_error_set(err, WD_ENOTFOUND,
                     "%s: deze pagina heeft een %s (%.200s), maar de volgende pagina %s "
                     "ontbreekt in de map",
                     cur, p->link, *next, url);
        free(*next);
        *next = NULL;
        return WD_ENOTFOUND;
    }
    free(*next);
    *next = more ? strdup(url) : NULL;
    if (more && !*next) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    return 0;
}

int wd_pages_walk(wd_http *h, const char *url, wd_buf *first, const wd_pages *p, wd_error *err)
{
    char *cur = strdup(url);
    if (!cur) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
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
        } else if (page == 0) {
            char used[4096];
            if ((rc = wd_pages_first(h, cur, &body, used, sizeof used, err))) break;
            if (strcmp(used, cur) != 0) {
                free(cur);
                if (!(cur = strdup(used))) {
                    wd_buf_free(&body);
                    rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
                    break;
                }
            }
        } else if ((rc = wd_http_get_json(h, cur, &body, err))) {
            break;
        }
        char *next = NULL;
        rc = p->read(p->ctx, body.data, body.len, cur, &next, err);
        wd_buf_free(&body);
        if (rc) {
            /* A page that cannot be read must be asked for again next time. */
            wd_http_forget(h, cur);
            break;
        }
        if (p->local && (rc = local_next(p, page, cur, &next, err))) break;
        if (next && strcmp(next, cur) == 0) {
            rc = wd_error_set(err, WD_EPARSE, "%s: %s wijst naar dezelfde pagina", cur, p->link);
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
