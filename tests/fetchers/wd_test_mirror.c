/* Copies tests/data/fetchers/mirror into a fresh temporary folder and replaces the
 * placeholder @ROOT@ in its files by the folder's file:// URL, so that odata.nextLink and
 * PDOK "next" links are absolute file:// URLs as in a real mirror (wd_demo.h), wherever the
 * source tree lives. Included by the tests that read the mirror. */
#include "fetchers/wd_fileurl.h"
#include "wd_test_util.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct {
    char *dir;      /* owned temporary folder */
    char url[4200]; /* its file:// URL */
} wd_test_mirror;

WD_TEST_UNUSED static int wd_test_mirror_make(wd_test_mirror *m)
{
    wd_error err;
    m->dir = wd_test_tmpdir();
    if (wd_fileurl_from_path(m->url, sizeof m->url, m->dir, &err)) return -1;
    char cmd[8000];
    snprintf(
        cmd, sizeof cmd,
        "cp -R '%s/fetchers/mirror/.' '%s/' && grep -rl @ROOT@ '%s' | while IFS= read -r f; do "
        "sed -i 's|@ROOT@|%s|g' \"$f\"; done",
        WD_TEST_DATA, m->dir, m->dir, m->url);
    return wd_test_run(cmd, NULL) == 0 ? 0 : -1;
}

WD_TEST_UNUSED static void wd_test_mirror_free(wd_test_mirror *m)
{
    if (m->dir) {
        wd_test_rmtree(m->dir);
        free(m->dir);
        m->dir = NULL;
    }
}

/* cmocka group set-up and tear-down: one mirror for every test of the program, in *state. */
WD_TEST_UNUSED static int wd_test_mirror_setup(void **state)
{
    static wd_test_mirror m;
    if (wd_test_mirror_make(&m)) return -1;
    *state = &m;
    return 0;
}

WD_TEST_UNUSED static int wd_test_mirror_teardown(void **state)
{
    wd_test_mirror_free(*state);
    return 0;
}
