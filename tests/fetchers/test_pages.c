/* Tests of fetchers/wd_pages.c, the walk over a paged reply, on file:// pages written here: the
 * links followed to the last page, a first page already fetched taken over, a page that links
 * to itself, a reader's error, and a collection saved in a folder read by file name (NAME,
 * NAME-2, ...) with the message for a page that is missing from it. The ODataApi's refusal
 * turned to the feed is tested with the adapters over HTTP (test_http.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "fetchers/wd_fileurl.h"
#include "fetchers/wd_pages.h"
#include "wd_test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dir;
static wd_http *http;

/* Pages whose text is "<label> <next URL>" or "<label>" on the last one; the reader notes the
 * labels in order. */
typedef struct {
    char seen[256];
    int fail_at; /* label number at which the reader fails; 0: never */
} reading;

static int read_page(void *ctx, const char *data, size_t len, const char *url, char **next,
                     wd_error *err)
{
    reading *r = ctx;
    char text[1024];
    snprintf(text, sizeof text, "%.*s", (int)len, data);
    char *space = strchr(text, ' ');
    if (space) *space = '\0';
    if (r->fail_at && atoi(text) == r->fail_at)
        return wd_error_set(err, WD_EPARSE, "%s: pagina %s onleesbaar", url, text);
    snprintf(r->seen + strlen(r->seen), sizeof r->seen - strlen(r->seen), "%s%s",
             r->seen[0] ? "," : "", text);
    *next = space ? strdup(space + 1) : NULL;
    return 0;
}

/* Write dir/name holding `label` and, when `next` is given, the file:// URL of dir/next. */
static void page(const char *name, const char *label, const char *next)
{
    char path[1200], url[4200] = "", text[4400];
    if (next) {
        /* The next file need not exist yet: its URL is made from the folder's. */
        assert_int_equal(wd_fileurl_from_path(url, sizeof url, dir, NULL), 0);
        snprintf(url + strlen(url), sizeof url - strlen(url), "/%s", next);
    }
    snprintf(text, sizeof text, "%s%s%s", label, next ? " " : "", url);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(wd_test_write_file(path, text, strlen(text)), 0);
}

static void url_of(char *out, size_t cap, const char *name)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(wd_fileurl_from_path(out, cap, path, NULL), 0);
}

static void links_are_followed(void **state)
{
    (void)state;
    page("a", "1", "b");
    page("b", "2", "c");
    page("c", "3", NULL);
    char url[4200];
    url_of(url, sizeof url, "a");
    reading r = {0};
    wd_pages p = {.read = read_page, .ctx = &r, .link = "odata.nextLink"};
    wd_error err = {0};
    assert_int_equal(wd_pages_walk(http, url, NULL, &p, &err), 0);
    assert_string_equal(r.seen, "1,2,3");

    /* A first page fetched already is read as it is, not fetched again. */
    memset(&r, 0, sizeof r);
    wd_buf first = {.data = strdup("0"), .len = 1};
    assert_int_equal(wd_pages_walk(http, "file:///niet/te/vinden", &first, &p, &err), 0);
    assert_string_equal(r.seen, "0");
    assert_null(first.data);
}

static void a_page_linking_to_itself_and_a_reader_that_fails(void **state)
{
    (void)state;
    page("zelf", "1", "zelf");
    char url[4200];
    url_of(url, sizeof url, "zelf");
    reading r = {0};
    wd_pages p = {.read = read_page, .ctx = &r, .link = "link \"next\""};
    wd_error err = {0};
    assert_int_equal(wd_pages_walk(http, url, NULL, &p, &err), WD_EPARSE);
    char want[4400];
    snprintf(want, sizeof want, "%s: link \"next\" wijst naar dezelfde pagina", url);
    assert_string_equal(err.msg, want);

    page("a", "1", "b");
    page("b", "2", "c");
    page("c", "3", NULL);
    url_of(url, sizeof url, "a");
    r = (reading){.fail_at = 2};
    p.ctx = &r;
    assert_int_equal(wd_pages_walk(http, url, NULL, &p, &err), WD_EPARSE);
    wd_test_assert_contains(err.msg, "/b: pagina 2 onleesbaar");
    assert_string_equal(r.seen, "1");
}

/* A saved collection: its links point to the service it was saved from, so the files are read
 * in the order of their names, and a link on the last file names a page that is missing. */
static void a_saved_folder_is_read_by_file_name(void **state)
{
    (void)state;
    page("TypedDataSet.json", "1 https://opendata.cbs.nl/ODataFeed/odata/85984NED/x?$skip=1", NULL);
    page("TypedDataSet-2.json", "2 https://opendata.cbs.nl/ODataFeed/odata/85984NED/x?$skip=2",
         NULL);
    page("TypedDataSet-3.json", "3", NULL);
    char url[4200], local[4200];
    url_of(url, sizeof url, "TypedDataSet.json");
    snprintf(local, sizeof local, "%.*s", (int)(strlen(url) - 5), url);
    reading r = {0};
    wd_pages p = {
        .read = read_page, .ctx = &r, .link = "odata.nextLink", .local = local, .ext = ".json"};
    wd_error err = {0};
    assert_int_equal(wd_pages_walk(http, url, NULL, &p, &err), 0);
    assert_string_equal(r.seen, "1,2,3");

    char path[1200], missing[4400];
    snprintf(path, sizeof path, "%s/TypedDataSet-3.json", dir);
    assert_int_equal(remove(path), 0);
    memset(&r, 0, sizeof r);
    assert_int_equal(wd_pages_walk(http, url, NULL, &p, &err), WD_ENOTFOUND);
    snprintf(missing, sizeof missing,
             "-2.json: deze pagina heeft een odata.nextLink "
             "(https://opendata.cbs.nl/ODataFeed/odata/85984NED/x?$skip=2), maar de volgende "
             "pagina %s-3.json ontbreekt in de map",
             local);
    wd_test_assert_contains(err.msg, missing);
    assert_string_equal(r.seen, "1,2");
}

static int setup(void **state)
{
    (void)state;
    dir = wd_test_tmpdir();
    return dir && wd_http_new(&http, NULL, NULL) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    wd_http_free(http);
    wd_test_rmtree(dir);
    free(dir);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(links_are_followed),
        cmocka_unit_test(a_page_linking_to_itself_and_a_reader_that_fails),
        cmocka_unit_test(a_saved_folder_is_read_by_file_name),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
