/* End-to-end tests of `wijkdata site` on the demo: the site of Voorbeeldstad written where a
 * user asks, loaded by headless Chromium from file:// (when it runs), and the usage errors: no
 * gemeente, a code that is not a gemeente, an unknown gemeente, a folder that holds other files.
 * The pages themselves are tested in tests/plots/test_site.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "wd_test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

WD_TEST_CLI_DEMO_GROUP("--geen-profielen")

/* Run `args` in the demo folder, expect exit `want`; the output (caller frees). */
static char *run(const char *args, int want)
{
    return wd_test_cli_expect(dir, args, want);
}

static void writes_the_site(void **state)
{
    (void)state;
    /* The default folder; -o and the replacement of an earlier site in tests/plots. */
    char *out = run("site --gemeente GM9999", 0);
    wd_test_assert_contains(out, "47 pagina's in site-GM9999/ (begin bij site-GM9999/index.html)");
    free(out);
    char path[1200];
    const char *files[] = {"index.html",    "site.css",        "GM9999.html",   "GM9999.pdf",
                           "WK999901.html", "BU99990101.html", "BU99990101.pdf"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(path, sizeof path, "%s/site-GM9999/%s", dir, files[i]);
        assert_int_equal(access(path, R_OK), 0);
    }
    /* What a browser shows from file://. */
    if (wd_test_run("chromium --version >/dev/null 2>&1", NULL) != 0) {
        print_message("chromium ontbreekt of start niet: de browsertest wordt overgeslagen\n");
        return;
    }
    char cmd[3000];
    snprintf(cmd, sizeof cmd,
             "chromium --headless --disable-gpu --no-sandbox --user-data-dir='%s/chromium' "
             "--dump-dom 'file://%s/site-GM9999/index.html' 2>/dev/null",
             dir, dir);
    char *dom = NULL;
    assert_int_equal(wd_test_run(cmd, &dom), 0);
    wd_test_assert_contains(dom, "<h1>Wijkprofielen van gemeente Voorbeeldstad</h1>");
    wd_test_assert_contains(dom, "href=\"BU99990101.html\"");
    free(dom);
}

static void usage_errors(void **state)
{
    (void)state;
    char *out = run("site", 2);
    wd_test_assert_contains(out, "wijkdata site: geef de gemeente met --gemeente GMxxxx");
    free(out);
    out = run("site --gemeente BU99990101", 2);
    wd_test_assert_contains(out, "'BU99990101' is geen gemeentecode (GMxxxx)");
    free(out);
    out = run("site --gemeente GM9999 extra", 2);
    wd_test_assert_contains(out, "onverwacht argument 'extra'");
    free(out);
    out = run("site --gemeente GM0001 --out nergens", 1);
    wd_test_assert_contains(out, "GM0001");
    free(out);
    char path[1200];
    snprintf(path, sizeof path, "%s/nergens", dir);
    assert_int_not_equal(access(path, F_OK), 0);
    /* A folder of other files is refused and left as it was. */
    snprintf(path, sizeof path, "%s/eigen", dir);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/eigen/brief.odt", dir);
    assert_int_equal(wd_test_write_file(path, "x", 1), 0);
    out = run("site --gemeente GM9999 --out eigen", 2);
    wd_test_assert_contains(out, "eigen bestaat al en is geen site van wijkdata (bijvoorbeeld "
                                 "'brief.odt'): kies een nieuwe of lege map");
    free(out);
    snprintf(path, sizeof path, "%s/eigen/index.html", dir);
    assert_int_not_equal(access(path, F_OK), 0);
    out = run("site --help", 0);
    wd_test_assert_contains(out, "Gebruik: wijkdata site --gemeente GMxxxx");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(writes_the_site),
        cmocka_unit_test(usage_errors),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
