/* End-to-end tests of `wijkdata gebied` on the demo: a werkgebied made, listed, profiled to a
 * PDF (its parts compared, the figures that do not add up saying so), exported and listed by
 * `indicators` with the same value, then removed; and the refusals: an unknown, repeated or
 * wrong-level code, an overlap and a name in use each exit 1 naming the code with the store
 * file unchanged byte for byte, a mistake in the command line exits 2. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "wd_test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

WD_TEST_CLI_DEMO_GROUP("--geen-profielen")

/* Run `args` in the demo folder, expect exit `want`; the output (caller frees). */
static char *run(const char *args, int want)
{
    return wd_test_cli_expect(dir, args, want);
}

static char *store_bytes(size_t *len)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/wijkdata.db", dir);
    return wd_test_read_file(path, len);
}

static void make_profile_export_remove(void **state)
{
    (void)state;
    char *out = run("gebied maak 'Oude Haven en Dreven' --buurten BU99990101,BU99990106 "
                    "--wijken WK999902",
                    0);
    assert_string_equal(out, "WG0001\n");
    free(out);
    out = run("gebied lijst", 0);
    wd_test_assert_contains(out, "WG0001");
    wd_test_assert_contains(out, "Oude Haven en Dreven");
    wd_test_assert_contains(out, "3 delen: BU99990101 BU99990106 WK999902");
    free(out);

    free(run("profile WG0001 -o wg.pdf", 0));
    char cmd[1400];
    snprintf(cmd, sizeof cmd, "pdftotext '%s/wg.pdf' - | tr '\\n' ' '", dir);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    wd_test_assert_contains(out, "Wijkprofiel werkgebied");
    wd_test_assert_contains(out, "Oude Haven en Dreven");
    wd_test_assert_contains(out, "Delen vergeleken");
    wd_test_assert_contains(out, "De Dreven"); /* the wijk, a row of its own */
    wd_test_assert_contains(out, "niet op te tellen (RIVM-model)");
    wd_test_assert_contains(out, "Dit werkgebied bestaat uit 3 buurten en wijken");
    free(out);

    /* The export's row and `indicators` give the same figure. */
    free(run("export --format csv --level werkgebied --gemeente GM9999 --out wg.csv", 0));
    char path[1400];
    snprintf(path, sizeof path, "%s/wg.csv", dir);
    char *csv = wd_test_read_file(path, NULL);
    assert_non_null(csv);
    wd_test_assert_contains(csv, "\r\nWG0001,Oude Haven en Dreven,werkgebied,,GM9999,2024,");
    free(csv);
    out = run("indicators --gemeente GM9999 --level werkgebied", 0);
    wd_test_assert_contains(out, "WG0001,Oude Haven en Dreven,werkgebied,2024,aandeel_65plus,");
    wd_test_assert_contains(out, "berekend_uit_buurten");
    free(out);

    free(run("gebied verwijder WG0001", 0));
    out = run("profile WG0001 -o weg.pdf", 1);
    wd_test_assert_contains(out, "WG0001");
    free(out);
    out = run("gebied lijst", 0);
    assert_string_equal(out, "");
    free(out);
}

/* A refusal: exit `code`, the message naming `needle`, the store byte for byte as it was. */
static void refused(const char *args, int code, const char *needle)
{
    size_t n0, n1;
    char *before = store_bytes(&n0);
    char *out = run(args, code);
    wd_test_assert_contains(out, needle);
    free(out);
    char *after = store_bytes(&n1);
    assert_true(n0 == n1 && memcmp(before, after, n0) == 0);
    free(before);
    free(after);
}

static void refusals(void **state)
{
    (void)state;
    free(run("gebied maak Centrumrand --buurten BU99990102,BU99990103", 0));
    refused("gebied maak Nieuw --buurten BU99990101,BU12345678", 1, "BU12345678");
    refused("gebied maak Nieuw --buurten BU99990101,BU99990101", 1, "BU99990101 staat twee keer");
    refused("gebied maak Nieuw --buurten GM9999", 1, "GM9999 is een gemeente, geen buurt");
    refused("gebied maak Nieuw --wijken WK999902 --buurten BU99990203", 1,
            "buurt BU99990203 ligt in wijk WK999902");
    refused("gebied maak Centrumrand --buurten BU99990104", 1,
            "'Centrumrand' is al in gebruik door werkgebied");
    refused("gebied verwijder WG0042", 1, "WG0042");
    refused("gebied maak Nieuw", 2, "--buurten of --wijken");
    refused("gebied maak Nieuw --buurten BU99990101,,BU99990102", 2, "lege code");
    refused("gebied wis WG0001", 2, "kies maak, lijst of verwijder");
    refused("gebied lijst --buurten BU99990101", 2, "horen bij maak");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(make_profile_export_remove),
        cmocka_unit_test(refusals),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
