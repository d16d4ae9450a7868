/* Included once by each plots test program (it defines functions): the one leak that is not
 * ours under LeakSanitizer.
 *
 * Fontconfig parses its XML configuration once per process, in a thread pango starts, and
 * loses 288 bytes there (libfontconfig 2.14, FcInitLoadConfigAndFonts); FcFini is not
 * reachable through the project's pkg-config dependencies. Everything pango and cairo cache
 * is released by wd_text_release_fonts() at the end of each test program, so this single
 * function is suppressed, nothing else. Fontconfig is built without frame pointers, so the
 * slow unwinder is needed to see that function in the stack; it only costs time in tests.
 * The same suppression for other programs (the CLI under ASan): tests/lsan.supp. */
#ifndef WD_TEST_LSAN_FONTS_H
#define WD_TEST_LSAN_FONTS_H

const char *__asan_default_options(void);
const char *__lsan_default_suppressions(void);

const char *__asan_default_options(void)
{
    return "fast_unwind_on_malloc=0";
}

const char *__lsan_default_suppressions(void)
{
    return "leak:FcInitLoadConfigAndFonts\n";
}

#endif
