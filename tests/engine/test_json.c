/* Tests of engine/wd_json: the tree-less scanner skips a value by its brackets outside
 * strings (escaped quotes and brackets inside strings do not count), walks members and
 * elements, reads numbers by JSON's grammar, says what it expected at bad JSON, counts lines
 * and columns as jansson does, and compacts text without touching strings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/wd_json.h"

#include <jansson.h>
#include <string.h>

static void skips_values_by_their_brackets(void **state)
{
    (void)state;
    const char *doc = " {\"a\": \"]}\\\"[\", \"b\": [1, {\"c\": null}]} , 7";
    wd_json j = wd_json_open(doc, strlen(doc));
    assert_int_equal(wd_json_skip(&j), 0);
    assert_int_equal(wd_json_take(&j, ','), 0);
    double x = 0;
    assert_int_equal(wd_json_number(&j, &x), 0);
    assert_true(x == 7);
    assert_true(wd_json_at_end(&j));
    /* Unterminated: a bracket, a string with its quote escaped. */
    const char *bad[] = {"{\"a\": [1, 2}", "[\"x\\\"]", "", ","};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        j = wd_json_open(bad[i], strlen(bad[i]));
        assert_int_equal(wd_json_skip(&j), -1);
        assert_non_null(j.what);
    }
}

static void walks_members_and_reads_numbers(void **state)
{
    (void)state;
    const char *doc = "{\"type\": \"Polygon\", \"n\": [-0.5e2, 0, 12.25E-1]}";
    wd_json j = wd_json_open(doc, strlen(doc));
    assert_int_equal(wd_json_take(&j, '{'), 0);
    const char *key, *str;
    size_t len, slen;
    int first = 1;
    assert_int_equal(wd_json_member(&j, &first, &key, &len), 1);
    assert_int_equal(len, 4);
    assert_memory_equal(key, "type", 4);
    assert_int_equal(wd_json_string(&j, &str, &slen), 0);
    assert_int_equal(slen, 7);
    assert_int_equal(wd_json_member(&j, &first, &key, &len), 1);
    assert_int_equal(wd_json_take(&j, '['), 0);
    const double want[] = {-50, 0, 1.225};
    int in = 1;
    for (size_t k = 0; k < 3; k++) {
        double x;
        assert_int_equal(wd_json_element(&j, &in), 1);
        assert_int_equal(wd_json_number(&j, &x), 0);
        assert_true(x == want[k]);
    }
    assert_int_equal(wd_json_element(&j, &in), 0);
    assert_int_equal(wd_json_member(&j, &first, &key, &len), 0);
    assert_true(wd_json_at_end(&j));
    /* Not numbers by JSON's grammar; a missing comma between members. */
    const char *nan[] = {"-", ".5", "1.", "1e", "+1", "x"};
    for (size_t i = 0; i < sizeof nan / sizeof *nan; i++) {
        j = wd_json_open(nan[i], strlen(nan[i]));
        double x;
        assert_int_equal(wd_json_number(&j, &x), -1);
        assert_string_equal(j.what, "een getal");
    }
    const char *no_comma = "{\"a\": 1 \"b\": 2}";
    j = wd_json_open(no_comma, strlen(no_comma));
    first = 1;
    assert_int_equal(wd_json_take(&j, '{'), 0);
    assert_int_equal(wd_json_member(&j, &first, &key, &len), 1);
    assert_int_equal(wd_json_skip(&j), 0);
    assert_int_equal(wd_json_member(&j, &first, &key, &len), -1);
    assert_string_equal(j.what, "',' of '}'");
}

/* Lines and columns as jansson's: the error of a text is where wd_json_line_col puts the
 * bytes jansson read (a column counts characters, not bytes). */
static void counts_lines_and_columns_as_jansson(void **state)
{
    (void)state;
    const char *doc = "{\"é\": 1,\n \"b\": x}";
    json_error_t je;
    assert_null(json_loadb(doc, strlen(doc), 0, &je));
    int line, col;
    wd_json_line_col(doc, (size_t)je.position, &line, &col);
    assert_int_equal(line, je.line);
    assert_int_equal(col, je.column);
    wd_json_line_col(doc, 6, &line, &col);
    assert_int_equal(line, 1);
    assert_int_equal(col, 5);
}

static void compacts_outside_strings(void **state)
{
    (void)state;
    const char *doc = " { \"a b\" : [ 1 ,\n 2 ] , \"c\\\" d\" : \" \" } ";
    char out[64];
    size_t n = wd_json_compact(out, doc, strlen(doc));
    assert_int_equal(n, strlen("{\"a b\":[1,2],\"c\\\" d\":\" \"}"));
    assert_memory_equal(out, "{\"a b\":[1,2],\"c\\\" d\":\" \"}", n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(skips_values_by_their_brackets),
        cmocka_unit_test(walks_members_and_reads_numbers),
        cmocka_unit_test(counts_lines_and_columns_as_jansson),
        cmocka_unit_test(compacts_outside_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
