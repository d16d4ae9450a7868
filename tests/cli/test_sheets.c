/* End-to-end tests of wijkdata poster, gespreksblad and stemkaart on the demo, run as a user
 * would: Dutch help, exit codes and messages for a missing or unknown region, a bad --formaat
 * and a missing --gebied, the PDFs (pages, paper, text, the DEMO mark, source tables), a file
 * that cannot be written leaving an older one as it was; and the B1 requirement measured on
 * the text pdftotext extracts: LIX (the test helper's, checked here on a hand-counted text) at
 * most 40 on the poster and on page 1 of a buurt profile. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "wd_test_util.h"

#include <math.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

WD_TEST_CLI_DEMO_GROUP("--geen-profielen")

/* Output of a shell command in the demo's folder, which must succeed (caller frees). */
static char *run_ok(const char *fmt, const char *arg)
{
    char cmd[2048], *out = NULL;
    snprintf(cmd, sizeof cmd, "cd '%s' && ", dir);
    size_t n = strlen(cmd);
    snprintf(cmd + n, sizeof cmd - n, fmt, arg);
    int st = wd_test_run(cmd, &out);
    if (st != 0) print_error("failed (%d): %s\n%s\n", st, cmd, out ? out : "");
    assert_int_equal(st, 0);
    return out;
}

/* LIX counted by hand: 12 words, 3 sentences (".", ":" and "."; "1970" is no word), 2 long
 * words (bewoners, sommigen: 8 letters) give 12 / 3 + 100 * 2 / 12 = 20.67; a hyphenated word
 * is one word with its letters counted together, accented letters are letters, and a text
 * without a last mark still ends a sentence. */
static void lix_by_hand(void **state)
{
    (void)state;
    int a, b, c;
    double lix = wd_test_lix("De buurt is klein. Veel bewoners wonen er al lang: sommigen sinds "
                             "1970.",
                             &a, &b, &c);
    assert_int_equal(a, 12);
    assert_int_equal(b, 3);
    assert_int_equal(c, 2);
    wd_test_assert_rel(lix, 12.0 / 3 + 200.0 / 12, 1e-12);
    lix = wd_test_lix("Het Wmo-loket is open \xe2\x80\x94 \xc3\xa9\xc3\xa9n dag", &a, &b, &c);
    assert_int_equal(a, 6); /* Het, Wmo-loket, is, open, één, dag */
    assert_int_equal(b, 1);
    assert_int_equal(c, 1); /* Wmo-loket: 8 letters */
    wd_test_assert_rel(lix, 6.0 + 100.0 / 6, 1e-12);
    /* Numbers, marks and "1.000" do not end a sentence or make a word. */
    assert_true(isnan(wd_test_lix("12,5% \xc2\xb7 1.000 \xe2\x86\x91", &a, &b, &c)));
    assert_int_equal(a, 0);
}

static void help_and_usage(void **state)
{
    (void)state;
    char *out;
    const char *cmds[] = {"poster", "gespreksblad", "stemkaart"};
    for (size_t i = 0; i < 3; i++) {
        char args[64];
        snprintf(args, sizeof args, "%s --help", cmds[i]);
        assert_int_equal(wd_test_cli(dir, args, &out), 0);
        wd_test_assert_contains(out, "Gebruik: wijkdata ");
        wd_test_assert_contains(out, cmds[i]);
        free(out);
    }
    assert_int_equal(wd_test_cli(dir, "--help", &out), 0);
    wd_test_assert_contains(out, "  poster ");
    wd_test_assert_contains(out, "  gespreksblad ");
    wd_test_assert_contains(out, "  stemkaart ");
    free(out);
    assert_int_equal(wd_test_cli(dir, "poster", &out), 2);
    wd_test_assert_contains(out, "geef precies een regiocode");
    free(out);
    assert_int_equal(wd_test_cli(dir, "poster BU99990101 --formaat a5", &out), 2);
    wd_test_assert_contains(out, "onbekend formaat 'a5' (kies a3 of a4)");
    free(out);
    assert_int_equal(wd_test_cli(dir, "gespreksblad BU99990101 --formaat a4", &out), 2);
    wd_test_assert_contains(out, "--formaat hoort bij wijkdata poster");
    free(out);
    assert_int_equal(wd_test_cli(dir, "stemkaart", &out), 2);
    wd_test_assert_contains(out, "geef het gebied met --gebied CODE");
    free(out);
    assert_int_equal(wd_test_cli(dir, "stemkaart BU99990101", &out), 2);
    free(out);
    assert_int_equal(wd_test_cli(dir, "poster BU99990199", &out), 1);
    wd_test_assert_contains(out, "onbekende regiocode 'BU99990199'");
    free(out);
    assert_int_equal(wd_test_cli(dir, "stemkaart --gebied WK999999", &out), 1);
    wd_test_assert_contains(out, "onbekende regiocode 'WK999999'");
    free(out);
    assert_int_equal(wd_test_cli(dir, "poster NL00", &out), 2);
    free(out);
    /* Nothing written for a refused region. */
    free(run_ok("! ls BU99990199* NL00* 2>/dev/null%s", ""));
}

static void sheets_as_pdfs(void **state)
{
    (void)state;
    char *out;
    /* The poster: A3 portrait by default, the same on two A4 landscape pages. */
    assert_int_equal(wd_test_cli(dir, "poster BU99990101", &out), 0);
    wd_test_assert_contains(out, "BU99990101-poster.pdf");
    free(out);
    out = run_ok("pdfinfo BU99990101-poster.pdf%s", "");
    wd_test_assert_contains(out, "Pages:           1");
    wd_test_assert_contains(out, "841.89 x 1190.55 pts (A3)");
    wd_test_assert_contains(out, "Title:           Poster Oude Haven (BU99990101)");
    free(out);
    assert_int_equal(wd_test_cli(dir, "poster WK999901 --formaat a4 -o wijk.pdf", &out), 0);
    free(out);
    out = run_ok("pdfinfo wijk.pdf%s", "");
    wd_test_assert_contains(out, "Pages:           2");
    wd_test_assert_contains(out, "841.89 x 595.276 pts (A4)");
    free(out);
    out = run_ok("pdftotext -enc UTF-8 BU99990101-poster.pdf - | tr '\\n' ' '%s", "");
    wd_test_assert_contains(out, "DEMO \xe2\x80\x94 gesimuleerde gegevens");
    wd_test_assert_contains(out, "Ongeveer 1 op de 5 bewoners is 65 jaar of ouder; in de "
                                 "gemeente 1 op de 6.");
    wd_test_assert_contains(out, "Klopt dit? Wat mist er?");
    wd_test_assert_contains(out, "Oude Haven hoort bij een groep van");
    wd_test_assert_contains(out, "CBS 85984NED");
    wd_test_assert_contains(out, "opgehaald");
    assert_null(strstr(out, "Rang "));
    free(out);
    /* The gespreksblad: figures behind the opgaven and three questions. */
    assert_int_equal(wd_test_cli(dir, "gespreksblad BU99990101", &out), 0);
    free(out);
    out = run_ok("pdftotext -enc UTF-8 BU99990101-gespreksblad.pdf - | tr '\\n' ' '%s", "");
    wd_test_assert_contains(out, "Drie open vragen");
    wd_test_assert_contains(out, "geen meting in de buurt");
    wd_test_assert_contains(out, "Het zegt niet waarom.");
    wd_test_assert_contains(out, "wijkt het meest af van de gemeente");
    free(out);
    out = run_ok("pdfinfo BU99990101-gespreksblad.pdf%s", "");
    wd_test_assert_contains(out, "595.276 x 841.89 pts (A4)");
    free(out);
    /* The stemkaart: every opgave with its line. */
    assert_int_equal(wd_test_cli(dir, "stemkaart --gebied WK999902", &out), 0);
    wd_test_assert_contains(out, "WK999902-stemkaart.pdf");
    free(out);
    out = run_ok("pdftotext -enc UTF-8 WK999902-stemkaart.pdf - | tr '\\n' ' '%s", "");
    wd_test_assert_contains(out, "Stemkaart: De Dreven");
    wd_test_assert_contains(out, "Vitaal ouder worden");
    wd_test_assert_contains(out, "Bestaanszekerheid");
    wd_test_assert_contains(out, "Mist er een opgave?");
    free(out);
}

/* A werkgebied (wijkdata gebied maak) gets the three sheets as a wijk does, its buurten being
 * its members: the poster names where each opgave is largest among them. Last, as it adds a
 * region to the shared store. */
static void sheets_of_a_werkgebied(void **state)
{
    (void)state;
    char *out;
    assert_int_equal(
        wd_test_cli(dir, "gebied maak Havenkwartier --buurten BU99990101,BU99990102,BU99990305",
                    &out),
        0);
    wd_test_assert_contains(out, "WG0001");
    free(out);
    const char *cmds[] = {"poster WG0001", "gespreksblad WG0001", "stemkaart --gebied WG0001"};
    for (size_t k = 0; k < sizeof cmds / sizeof *cmds; k++) {
        assert_int_equal(wd_test_cli(dir, cmds[k], &out), 0);
        free(out);
    }
    out = run_ok("pdftotext -enc UTF-8 WG0001-poster.pdf - | tr '\\n' ' '%s", "");
    wd_test_assert_contains(out, "Werkgebied Havenkwartier");
    wd_test_assert_contains(out, "Het grootst in");
    free(out);
    out = run_ok("pdftotext -enc UTF-8 WG0001-gespreksblad.pdf - | tr '\\n' ' '%s", "");
    wd_test_assert_contains(out, "Gespreksblad: Havenkwartier");
    free(out);
    out = run_ok("pdftotext -enc UTF-8 WG0001-stemkaart.pdf - | tr '\\n' ' '%s", "");
    wd_test_assert_contains(out, "Stemkaart: Havenkwartier");
    free(out);
}

/* A file that cannot be written: exit 1 naming it, what was there before stays as it was and
 * no temporary file is left: a target that is a folder (which no one can replace with a file),
 * and, for a user other than root, a file in a read-only folder. */
static void written_whole(void **state)
{
    (void)state;
    char *out;
    free(run_ok("mkdir -p map.pdf && echo oud > map.pdf/binnen%s", ""));
    assert_int_equal(wd_test_cli(dir, "poster BU99990101 -o map.pdf", &out), 1);
    wd_test_assert_contains(out, "map.pdf");
    free(out);
    out = run_ok("cat map.pdf/binnen && ls | grep -c tmp || true%s", "");
    assert_string_equal(out, "oud\n0\n");
    free(out);
    if (geteuid() == 0) return; /* root writes into a read-only folder */
    free(run_ok("mkdir -p alleen-lezen && echo oud > alleen-lezen/p.pdf && "
                "chmod 555 alleen-lezen%s",
                ""));
    int st = wd_test_cli(dir, "poster BU99990101 -o alleen-lezen/p.pdf", &out);
    free(run_ok("chmod 755 alleen-lezen%s", ""));
    assert_int_equal(st, 1);
    wd_test_assert_contains(out, "alleen-lezen/p.pdf");
    free(out);
    out = run_ok("cat alleen-lezen/p.pdf && ls alleen-lezen%s", "");
    assert_string_equal(out, "oud\np.pdf\n");
    free(out);
}

/* B1: the words a resident reads on the poster and on page 1 of a buurt profile. */
static void lix_at_most_40(void **state)
{
    (void)state;
    char *out;
    assert_int_equal(wd_test_cli(dir, "poster BU99990101 -o lix-poster.pdf", &out), 0);
    free(out);
    assert_int_equal(wd_test_cli(dir, "profile BU99990101 -o lix-profiel.pdf", &out), 0);
    free(out);
    const char *cmds[] = {"pdftotext -enc UTF-8 lix-poster.pdf -%s",
                          "pdftotext -enc UTF-8 -f 1 -l 1 lix-profiel.pdf -%s"};
    for (int k = 0; k < 2; k++) {
        out = run_ok(cmds[k], "");
        int a, b, c;
        double lix = wd_test_lix(out, &a, &b, &c);
        print_message("%s: LIX %.1f (%d words, %d sentences, %d long)\n", k ? "page 1" : "poster",
                      lix, a, b, c);
        assert_true(a > 200);
        assert_true(lix <= 40);
        free(out);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lix_by_hand),    cmocka_unit_test(help_and_usage),
        cmocka_unit_test(sheets_as_pdfs), cmocka_unit_test(written_whole),
        cmocka_unit_test(lix_at_most_40), cmocka_unit_test(sheets_of_a_werkgebied),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
