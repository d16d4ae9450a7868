/* End-to-end tests of "buurten zoals deze" (engine/wd_similar.h): `wijkdata indicators --format
 * zoals` over a store of several gemeenten equals an independent computation from the stored
 * observations (tests/cli/similar_reference.py, run with the system's Python), for the whole
 * store and one gemeente; the buurt profile shows the table, a small buurt says why it has none;
 * an unknown gemeente exits 1. On the scaled demo (120 buurten). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "wd_test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REFERENCE WD_TEST_DATA "/../cli/similar_reference.py"

WD_TEST_CLI_DEMO_GROUP("--buurten 120 --geen-profielen")

/* Run `args` in the demo folder, expect exit `want`; the output (caller frees). */
static char *run(const char *args, int want)
{
    return wd_test_cli_expect(dir, args, want);
}

static void check_reference(const char *file)
{
    char cmd[2048], *out = NULL;
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' '%s' wijkdata.db %s 2024", dir,
             WD_TEST_SYSTEM_PYTHON, REFERENCE, file);
    int rc = wd_test_run(cmd, &out);
    if (rc) print_error("%s\n%s\n", cmd, out);
    assert_int_equal(rc, 0);
    wd_test_assert_contains(out, "ok: ");
    free(out);
}

static void equals_independent_computation(void **state)
{
    (void)state;
    free(run("indicators --format zoals --out alle.csv", 0));
    check_reference("alle.csv");
    free(run("indicators --format zoals --gemeente GM9999 --out gm.csv", 0));
    check_reference("gm.csv");
    char path[1200];
    snprintf(path, sizeof path, "%s/gm.csv", dir);
    char *csv = wd_test_read_file(path, NULL);
    assert_non_null(csv);
    wd_test_assert_contains(csv, "buurtcode,buurtnaam,jaar,rang,code,naam,wijkcode,afstand,"
                                 "indicatoren,reden\r\n");
    /* Jachthaven has 25 inhabitants: compared with none, and says so. */
    wd_test_assert_contains(csv, "BU99990107,Jachthaven,2024,,,,,,,te weinig inwoners\r\n");
    assert_null(strstr(csv, "\nBU9000")); /* only the gemeente's own buurten asked for */
    free(csv);
    char *out = run("indicators --format zoals --gemeente GM0001", 1);
    wd_test_assert_contains(out, "GM0001");
    free(out);
}

static void profile_shows_them(void **state)
{
    (void)state;
    free(run("profile BU99990305 -o molen.pdf", 0));
    free(run("profile BU99990107 -o jacht.pdf", 0));
    char cmd[1400], *out;
    snprintf(cmd, sizeof cmd, "pdftotext '%s/molen.pdf' - | tr '\\n' ' '", dir);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    wd_test_assert_contains(out, "Buurten zoals Molenbuurt");
    wd_test_assert_contains(out, "1. ");
    wd_test_assert_contains(out, "10. ");
    wd_test_assert_contains(out, "Buurten zoals deze: per kenmerk");
    free(out);
    snprintf(cmd, sizeof cmd, "pdftotext '%s/jacht.pdf' - | tr '\\n' ' '", dir);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    wd_test_assert_contains(out, "Geen vergelijking: te weinig inwoners.");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(equals_independent_computation),
        cmocka_unit_test(profile_shows_them),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
