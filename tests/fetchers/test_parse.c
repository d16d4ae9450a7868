/* Tests of fetchers/wd_parse.c, the helpers every parser shares: trimming CBS padding and
 * stripping its key suffixes, UTF-8, numbers as CBS writes them, the special codes and CSV
 * cells that are missing values, years in a text, table ids, gemeente codes, the gemeente
 * and parent of a code, regions from a code, JSON documents with line and column, and the
 * message for memory that ran out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "fetchers/wd_parse.h"
#include "wd_test_util.h"

#include <math.h>
#include <string.h>

static void trim_and_suffix(void **state)
{
    (void)state;
    char out[WD_VAR_MAX];
    wd_parse_strip_suffix(out, sizeof out, "GemiddeldInkomenPerInwoner_72");
    assert_string_equal(out, "GemiddeldInkomenPerInwoner");
    wd_parse_strip_suffix(out, sizeof out, "k_0Tot15Jaar_8");
    assert_string_equal(out, "k_0Tot15Jaar");
    wd_parse_strip_suffix(out, sizeof out, "k_65JaarOfOuder");
    assert_string_equal(out, "k_65JaarOfOuder");
    wd_parse_strip_suffix(out, sizeof out, "Codering_3");
    assert_string_equal(out, "Codering");
    char code[WD_CODE_MAX];
    assert_int_equal(wd_parse_trim(code, sizeof code, "GM0344    ", 10), 0);
    assert_string_equal(code, "GM0344");
    assert_int_equal(wd_parse_trim(code, sizeof code, "  BU0363AD03", 12), 0);
    assert_string_equal(code, "BU0363AD03");
    /* Only `len` bytes are read: the text need not end there. */
    assert_int_equal(wd_parse_trim(code, sizeof code, " WK034405  xyz", 10), 0);
    assert_string_equal(code, "WK034405");
    assert_int_equal(wd_parse_trim(code, 4, "GM0344", 6), WD_EPARSE);
}

static void utf8(void **state)
{
    (void)state;
    size_t bad;
    /* Overlong and surrogate encodings are not UTF-8, nor is a sequence cut off. */
    assert_int_equal(wd_parse_utf8_valid("\xC0\xAF", &bad), 0);
    assert_int_equal(bad, 0);
    assert_int_equal(wd_parse_utf8_valid("ab\xED\xA0\x80", &bad), 0);
    assert_int_equal(bad, 2);
    assert_int_equal(wd_parse_utf8_valid("\xE2\x82", &bad), 0);
    assert_int_equal(wd_parse_utf8_valid("Fr\xC3\xA2n \xE2\x82\xAC \xF0\x9F\x8F\xA0", &bad), 1);
    assert_int_equal(wd_parse_utf8_valid("caf\xE9", NULL), 0);
}

static void numbers(void **state)
{
    (void)state;
    double v;
    assert_int_equal(wd_parse_number("     2.0", &v), 0);
    assert_true(v == 2.0);
    assert_int_equal(wd_parse_number("  1,4 ", &v), 0);
    assert_true(v == 1.4);
    assert_int_equal(wd_parse_number("-0.0833", &v), 0);
    assert_true(v == -0.0833);
    assert_int_equal(wd_parse_number("    17942942", &v), 0);
    assert_true(v == 17942942);
    assert_int_equal(wd_parse_number("1e3", &v), 0);
    assert_true(v == 1000);
    assert_int_equal(wd_parse_number("       .", &v), -1);
    assert_int_equal(wd_parse_number("", &v), -1);
    assert_int_equal(wd_parse_number("1.234,5", &v), -1);
    assert_int_equal(wd_parse_number("nan", &v), -1);
    assert_int_equal(wd_parse_number("inf", &v), -1);
    assert_int_equal(wd_parse_number("0x10", &v), -1);
    assert_int_equal(wd_parse_number("1.2 km", &v), -1);
    assert_int_equal(wd_parse_number("1e999", &v), -1);
}

/* The special codes (DOMAIN.md 3.7) and the CSV symbols are missing values, each for its own
 * reason; none is a number, and "-" (nihil) is a true zero. */
static void special_codes_and_cells(void **state)
{
    (void)state;
    unsigned flags = 0;
    assert_int_equal(wd_parse_special(-99995, &flags), 1);
    assert_int_equal(flags, WD_FLAG_MISSING | WD_FLAG_LATER);
    assert_int_equal(wd_parse_special(-99991, &flags), 1);
    assert_int_equal(flags, WD_FLAG_MISSING | WD_FLAG_DISCONTINUED);
    assert_int_equal(wd_parse_special(-99997, &flags), 1);
    assert_int_equal(flags, WD_FLAG_SUPPRESSED | WD_FLAG_SECRET);
    assert_int_equal(wd_parse_special(-99999999, &flags), 1);
    assert_int_equal(flags, WD_FLAG_MISSING);
    assert_int_equal(wd_parse_special(-99989.5, &flags), 0);
    assert_int_equal(wd_parse_special(0, &flags), 0);

    static const struct {
        const char *cell;
        double value; /* NAN: missing */
        unsigned flags;
    } cells[] = {
        {"", NAN, WD_FLAG_MISSING},
        {"   ", NAN, WD_FLAG_MISSING},
        {"       .", NAN, WD_FLAG_SUPPRESSED},
        {" x ", NAN, WD_FLAG_SUPPRESSED},
        {"-", 0, 0},
        {"-99997", NAN, WD_FLAG_SUPPRESSED | WD_FLAG_SECRET},
        {"-99995", NAN, WD_FLAG_MISSING | WD_FLAG_LATER},
        {"  12,75", 12.75, 0},
    };
    for (size_t i = 0; i < sizeof cells / sizeof *cells; i++) {
        double v;
        assert_int_equal(wd_parse_cell(cells[i].cell, &v, &flags), 0);
        assert_int_equal(flags, cells[i].flags);
        if (isnan(cells[i].value))
            assert_true(isnan(v));
        else
            assert_true(v == cells[i].value);
    }
    double v;
    assert_int_equal(wd_parse_cell("twaalf", &v, &flags), -1);
    assert_int_equal(wd_parse_cell("- 3", &v, &flags), -1);
}

static void years_and_table_ids(void **state)
{
    (void)state;
    assert_int_equal(wd_parse_year("2012, 2016, 2020, 2022"), 2022);
    assert_int_equal(wd_parse_year("2022JJ00"), 2022);
    assert_int_equal(wd_parse_year("geen"), 0);
    assert_int_equal(wd_parse_year("12345"), 0);
    assert_int_equal(wd_parse_year("1799"), 0);
    /* Five digits and NED or ENG, on their own. */
    char id[16];
    const char *text = "\"Kerncijfers wijken en buurten 2024 (tabel 85984ned)\"";
    assert_int_equal(wd_parse_table_id(id, sizeof id, text, strlen(text)), 1);
    assert_string_equal(id, "85984NED");
    assert_int_equal(wd_parse_table_id(id, sizeof id, "x185984NEDx 3759NED", 19), 0);
    assert_int_equal(wd_parse_table_id(id, sizeof id, "(03759eng)", 10), 1);
    assert_string_equal(id, "03759ENG");
}

static void codes_parents_and_gemeente(void **state)
{
    (void)state;
    char p[WD_CODE_MAX];
    wd_parse_parent(p, sizeof p, "BU99990101");
    assert_string_equal(p, "WK999901");
    wd_parse_parent(p, sizeof p, "WK999901");
    assert_string_equal(p, "GM9999");
    wd_parse_parent(p, sizeof p, "GM9999");
    assert_string_equal(p, "NL00");
    wd_parse_parent(p, sizeof p, "BU0363AD03");
    assert_string_equal(p, "WK0363AD");
    wd_parse_parent(p, sizeof p, "NL00");
    assert_string_equal(p, "");
    assert_true(wd_parse_in_gemeente("BU0363AD03", "GM0363"));
    assert_true(wd_parse_in_gemeente("NL00      ", "GM0363"));
    assert_true(wd_parse_in_gemeente("WK0363AD  ", "GM0363"));
    assert_false(wd_parse_in_gemeente("BU03440511", "GM0363"));
    assert_false(wd_parse_in_gemeente("PV26", "GM0363"));
    assert_true(wd_parse_in_gemeente("BU03440511", NULL));

    char gm[WD_CODE_MAX];
    wd_error err = {0};
    assert_int_equal(wd_parse_gemeente(gm, sizeof gm, " GM0363 ", &err), 0);
    assert_string_equal(gm, "GM0363");
    assert_int_equal(wd_parse_gemeente(gm, sizeof gm, "0363", &err), WD_EUSAGE);
    assert_string_equal(err.msg,
                        "ongeldige gemeentecode '0363' (verwacht GM gevolgd door 4 tekens)");
    assert_int_equal(wd_parse_gemeente(gm, sizeof gm, "GM03-3", &err), WD_EUSAGE);
    assert_string_equal(err.msg, "ongeldige gemeentecode 'GM03-3'");
}

/* A region from its code: level and parent from the code, the country named, codes outside
 * the hierarchy left out. */
static void regions_from_codes(void **state)
{
    (void)state;
    wd_batch *b = wd_batch_new();
    wd_error err = {0};
    assert_int_equal(wd_parse_region(b, "BU03440511", "Welgelegen", 2025, &err), 0);
    assert_int_equal(wd_parse_region(b, "NL00", "", 2025, &err), 0);
    assert_int_equal(wd_parse_region(b, "LD01", "Noord-Nederland", 2025, &err), 0);
    assert_int_equal(b->n_regions, 2);
    assert_string_equal(b->regions[0].parent, "WK034405");
    assert_int_equal(b->regions[0].level, WD_LEVEL_BUURT);
    assert_int_equal(b->regions[0].indeling, 2025);
    assert_string_equal(b->regions[1].name, "Nederland");
    assert_int_equal(b->regions[1].level, WD_LEVEL_LAND);
    wd_batch_free(b);
}

static void json_documents(void **state)
{
    (void)state;
    json_t *doc;
    wd_error err = {0};
    const char ok[] = " {\"a\": [1, 2]}";
    assert_int_equal(wd_parse_json(&doc, ok, sizeof ok - 1, "a.json", NULL, NULL, NULL, &err), 0);
    assert_int_equal(json_array_size(json_object_get(doc, "a")), 2);
    json_decref(doc);
    const char bad[] = "{\"a\": [1,\n 2}";
    assert_int_equal(wd_parse_json(&doc, bad, sizeof bad - 1, "b.json", NULL, NULL, NULL, &err),
                     WD_EPARSE);
    wd_test_assert_contains(err.msg, "ongeldige JSON in b.json, regel 2, kolom ");
    const char feed[] = "  <feed xmlns=\"http://www.w3.org/2005/Atom\"/>";
    assert_int_equal(wd_parse_json(&doc, feed, sizeof feed - 1, "c", "Atom/XML", "JSON",
                                   "voeg $format=json toe aan de URL", &err),
                     WD_EPARSE);
    assert_string_equal(err.msg,
                        "c: antwoord is Atom/XML waar JSON verwacht werd; voeg $format=json toe "
                        "aan de URL");
}

static void out_of_memory(void **state)
{
    (void)state;
    wd_error err = {0};
    assert_int_equal(wd_parse_nomem(&err, "rivm.json"), WD_ENOMEM);
    assert_int_equal(err.code, WD_ENOMEM);
    assert_string_equal(err.msg, "geen geheugen meer bij het lezen van rivm.json");
    assert_int_equal(wd_parse_nomem(NULL, "rivm.json"), WD_ENOMEM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(trim_and_suffix),
        cmocka_unit_test(utf8),
        cmocka_unit_test(numbers),
        cmocka_unit_test(special_codes_and_cells),
        cmocka_unit_test(years_and_table_ids),
        cmocka_unit_test(codes_parents_and_gemeente),
        cmocka_unit_test(regions_from_codes),
        cmocka_unit_test(json_documents),
        cmocka_unit_test(out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
