/* Tests of engine/wd_beraad: reading a filled-in template as spreadsheets write it back (',' or
 * ';', a BOM or none, quotes over lines, the columns in another order, a Dutch date, rows with
 * fewer fields), the residents' order from ranks or votes, and how the two orders compare. The
 * refusals of bad files are run end to end in tests/cli/test_beraad.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "wd_test_util.h"

#include "engine/wd_beraad.h"

#include <math.h>
#include <string.h>

static wd_indicator_set *set;
static wd_opgave_set *opg;

static int setup(void **state)
{
    (void)state;
    wd_error err;
    if (wd_indicators_load(&set, NULL, NULL, &err) || wd_opgaven_load(&opg, set, NULL, &err)) {
        print_error("%s\n", err.msg);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    wd_opgaven_free(opg);
    wd_indicators_free(set);
    return 0;
}

static void as_written_back(void **state)
{
    (void)state;
    static const char text[] = "gebied,WK999901,Centrum\r\n"
                               "datum,12-3-2025\r\n"
                               "plaats,\"Het \"\"Buurthuis\"\"\r\naan de haven\"\r\n"
                               "\r\n"
                               ",,,\r\n"
                               "Opgave,gekozen,rang_bewoners,stemmen,klopt_dit\r\n"
                               "leefstijl,Ja,1,,\"twee\r\nregels, een komma\"\r\n"
                               "bestaanszekerheid,nee,,7\r\n"
                               "vitaal_ouder_worden,,2\r\n";
    wd_beraad_input in;
    wd_error err = {0};
    int rc = wd_beraad_parse(&in, "x.csv", text, strlen(text), opg, &err);
    if (rc) fail_msg("%s", err.msg);
    assert_string_equal(in.region, "WK999901");
    assert_int_equal(in.region_line, 1);
    assert_string_equal(in.date, "2025-03-12");
    assert_string_equal(in.place, "Het \"Buurthuis\"\r\naan de haven");
    assert_int_equal(in.n, 3);
    assert_string_equal(in.rows[0].opgave, "leefstijl");
    assert_int_equal(in.rows[0].line, 8);
    assert_int_equal(in.rows[0].chosen, 1);
    assert_int_equal(in.rows[0].rank, 1);
    assert_int_equal(in.rows[0].votes, -1);
    assert_string_equal(in.rows[0].note, "twee\r\nregels, een komma");
    assert_int_equal(in.rows[1].line, 10);
    assert_int_equal(in.rows[1].votes, 7);
    assert_int_equal(in.rows[1].chosen, 0);
    assert_int_equal(in.rows[1].rank, 0);
    assert_int_equal(in.rows[2].rank, 2);
    assert_string_equal(in.rows[2].note, "");
    /* The same with ';', a BOM and LF only. */
    static const char semi[] = "\xef\xbb\xbfgebied;BU99990101\ndatum;2025-03-12\nplaats;Hier\n"
                               "opgave;stemmen;rang_bewoners;gekozen\nleefstijl;3;;ja\n";
    rc = wd_beraad_parse(&in, "y.csv", semi, strlen(semi), opg, &err);
    if (rc) fail_msg("%s", err.msg);
    assert_int_equal(in.rows[0].votes, 3);
    assert_int_equal(in.rows[0].line, 5);
}

static void leap_days(void **state)
{
    (void)state;
    static const char *const dates[] = {"2024-02-29", "29-02-2024", "2025-02-29", "2025-13-01",
                                        "2025/03/12", "12/03/2025", "2025-03",    "12 maart 2025"};
    static const int ok[] = {1, 1, 0, 0, 1, 1, 0, 0};
    for (size_t k = 0; k < sizeof ok / sizeof ok[0]; k++) {
        char text[300];
        snprintf(text, sizeof text,
                 "gebied;BU99990101\ndatum;%s\nplaats;Hier\n"
                 "opgave;stemmen;rang_bewoners;gekozen\nleefstijl;3;;ja\n",
                 dates[k]);
        wd_beraad_input in;
        wd_error err = {0};
        int rc = wd_beraad_parse(&in, "d.csv", text, strlen(text), opg, &err);
        if (ok[k] != (rc == 0)) fail_msg("%s: %d %s", dates[k], rc, err.msg);
        if (!ok[k]) wd_test_assert_contains(err.msg, "d.csv, regel 2, kolom B (datum)");
    }
}

/* What the CSV tokenizer refuses, in the beraad's words: the line and the column as a
 * spreadsheet names it. A NUL byte, once read as the end of the field, is refused too; cells
 * padded with spaces and tabs are read trimmed. */
static void records_refused_by_column(void **state)
{
    (void)state;
    static const struct {
        const char *row, *want;
        size_t len;
    } cases[] = {
        {"leefstijl;\"3\" x;;ja\n",
         "c.csv, regel 5, kolom B: tekst na het sluitende "
         "aanhalingsteken",
         0},
        {"leefstijl;3;;\"ja\n",
         "c.csv, regel 5, kolom D: een aanhalingsteken wordt nergens "
         "gesloten",
         0},
        {"leefstijl;3;;ja;\"a\0b\"\n", "c.csv, regel 5, kolom E: NUL-byte in het veld", 22},
        {"leefstijl;3;;ja;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;\n",
         "c.csv, regel 5, kolom AG: meer "
         "dan 32 kolommen",
         0},
    };
    char text[2048];
    wd_beraad_input in;
    wd_error err = {0};
    const char *head = "gebied;BU99990101\ndatum;2025-03-12\nplaats;Hier\n"
                       "opgave;stemmen;rang_bewoners;gekozen;klopt_dit\n";
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        size_t hl = strlen(head), rl = cases[k].len ? cases[k].len : strlen(cases[k].row);
        memcpy(text, head, hl);
        memcpy(text + hl, cases[k].row, rl);
        assert_int_equal(wd_beraad_parse(&in, "c.csv", text, hl + rl, opg, &err), WD_EPARSE);
        wd_test_assert_contains(err.msg, cases[k].want);
    }
    char note[700];
    memset(note, 'x', 650);
    note[650] = '\0';
    snprintf(text, sizeof text, "%sleefstijl;3;;ja;%s\n", head, note);
    assert_int_equal(wd_beraad_parse(&in, "c.csv", text, strlen(text), opg, &err), WD_EPARSE);
    wd_test_assert_contains(err.msg, "c.csv, regel 5, kolom E: veld langer dan 599 bytes");
    snprintf(text, sizeof text, "%s \t leefstijl \t; 3 ;\t;  \"ja\"\t \n", head);
    assert_int_equal(wd_beraad_parse(&in, "c.csv", text, strlen(text), opg, &err), 0);
    assert_string_equal(in.rows[0].opgave, "leefstijl");
    assert_int_equal(in.rows[0].votes, 3);
    assert_int_equal(in.rows[0].chosen, 1);
}

static void orders_compared(void **state)
{
    (void)state;
    /* k = 6: high is rank 1-2, low is rank 4-6. */
    wd_store_beraad_opgave o = {.resident_rank = 1, .figure_rank = 6};
    assert_int_equal(wd_beraad_compare(&o, 6), WD_BERAAD_RESIDENTS_FIRST);
    o = (wd_store_beraad_opgave){.resident_rank = 5, .figure_rank = 2};
    assert_int_equal(wd_beraad_compare(&o, 6), WD_BERAAD_FIGURES_FIRST);
    o = (wd_store_beraad_opgave){.resident_rank = 3, .figure_rank = 4};
    assert_int_equal(wd_beraad_compare(&o, 6), WD_BERAAD_AGREE);
    o = (wd_store_beraad_opgave){.resident_rank = 3, .figure_rank = 6};
    assert_int_equal(wd_beraad_compare(&o, 6), WD_BERAAD_APART);
    o = (wd_store_beraad_opgave){.resident_rank = 2, .figure_rank = 0};
    assert_int_equal(wd_beraad_compare(&o, 6), WD_BERAAD_ONE_ORDER);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(as_written_back),
        cmocka_unit_test(leap_days),
        cmocka_unit_test(records_refused_by_column),
        cmocka_unit_test(orders_compared),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
