/* Tests of engine/wd_name: file names built from hostile codes and names (separators, "..",
 * leading dots, control characters, UTF-8, U+202E, an empty or over-long stem) stay one
 * harmless path component, and text printed with its control characters, direction controls
 * and invalid bytes escaped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/wd_error.h"
#include "engine/wd_name.h"

#include <string.h>

/* Whether `name` is one harmless path component. */
static int harmless(const char *name)
{
    if (!name[0] || name[0] == '.' || strstr(name, "..")) return 0;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p == '/' || *p == '\\' || *p < 0x20 || *p >= 0x7F) return 0;
    return 1;
}

static void file_names_of_hostile_stems(void **state)
{
    (void)state;
    char out[64];
    assert_int_equal(wd_name_file(out, sizeof out, "BU03440511", "pdf"), 0);
    assert_string_equal(out, "BU03440511.pdf");
    assert_int_equal(wd_name_file(out, sizeof out, "BU/../../P", "pdf"), 0);
    assert_string_equal(out, "BU_.__.__P.pdf");
    assert_true(harmless(out));
    const char *hostile[] = {"BU/../../P", "BU../../x", "..",        ".",
                             "",           ".hidden",   "a\x1b[2Jb", "x\xE2\x80\xAEgnp.exe",
                             "a\\..\\b",   "a.",        "a..b",      "...",
                             "/",          "\xff\xfe",  "C:\\x",     "a\nb",
                             "Oude\tHaven"};
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        assert_int_equal(wd_name_file(out, sizeof out, hostile[i], "pdf"), 0);
        assert_true(harmless(out));
        size_t n = strlen(out);
        assert_true(n > 4 && strcmp(out + n - 4, ".pdf") == 0);
    }
    assert_int_equal(wd_name_file(out, sizeof out, "..", "pdf"), 0);
    assert_string_equal(out, "__.pdf");
    assert_int_equal(wd_name_file(out, sizeof out, "a.", "pdf"), 0);
    assert_string_equal(out, "a_.pdf");
    assert_int_equal(wd_name_file(out, sizeof out, "", NULL), 0);
    assert_string_equal(out, "_");
    assert_int_equal(wd_name_file(out, sizeof out, "x", "/../pdf"), 0);
    assert_true(harmless(out));
    /* An extension-less name, a hostile extension, one that does not fit. */
    assert_int_equal(wd_name_file(out, sizeof out, "BU01", NULL), 0);
    assert_string_equal(out, "BU01");
    char small[8];
    assert_int_equal(wd_name_file(small, sizeof small, "BU03440511", "pdf"), WD_EUSAGE);
    assert_string_equal(small, "");
}

static void printed_text_is_escaped(void **state)
{
    (void)state;
    char out[128];
    assert_string_equal(wd_name_print(out, sizeof out, "BU03440511"), "BU03440511");
    assert_string_equal(wd_name_print(out, sizeof out, "a\x1b[2Jb"), "a\\x1B[2Jb");
    assert_string_equal(wd_name_print(out, sizeof out, "x\xE2\x80\xAEy"), "x\\u202Ey");
    assert_string_equal(wd_name_print(out, sizeof out,
                                      "\xff"
                                      "a"),
                        "\\xFFa");
    assert_string_equal(wd_name_print(out, sizeof out, "a\\b"), "a\\\\b");
    assert_string_equal(wd_name_print(out, sizeof out, "Ä\xC2\x9B"), "Ä\\x9B");
    assert_string_equal(wd_name_print(out, sizeof out, NULL), "");
    /* Cut before an escape, never inside one. */
    char small[6];
    assert_string_equal(wd_name_print(small, sizeof small, "ab\x1b"), "ab");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(file_names_of_hostile_stems),
        cmocka_unit_test(printed_text_is_escaped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
