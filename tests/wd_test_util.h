/* Small helpers shared by the cmocka test programs: temporary folders, whole-file reads
 * and running the `wijkdata` binary end to end. */
#ifndef WD_TEST_UTIL_H
#define WD_TEST_UTIL_H

#include <cairo.h>
#include <stddef.h>

/* Create a fresh temporary folder; returns a malloc'ed path (caller frees, and removes it
 * with wd_test_rmtree). Aborts the test program if it cannot. */
char *wd_test_tmpdir(void);
/* Remove a folder tree (rm -rf). */
void wd_test_rmtree(const char *path);
/* Read a whole file; malloc'ed and NUL-terminated, *len set if len != NULL; NULL if unreadable. */
char *wd_test_read_file(const char *path, size_t *len);
/* A file of ../shared/fixtures (real samples), read whole as wd_test_read_file; NULL when it
 * is not there (the conformance tests then skip). */
char *wd_test_read_shared(const char *name, size_t *len);
/* Write a whole file; returns 0 on success. */
int wd_test_write_file(const char *path, const void *data, size_t len);
/* Run a shell command with stdout+stderr captured into *output (malloc'ed, may be NULL);
 * returns the command's exit status, or -1 if it did not exit normally. */
int wd_test_run(const char *cmd, char **output);
/* Run the wijkdata CLI (path from WD_CLI) with `args` in folder `cwd`. */
int wd_test_cli(const char *cwd, const char *args, char **output);
/* wd_test_cli expecting exit status `want` (the output printed when it differs); returns the
 * output (caller frees). */
char *wd_test_cli_expect(const char *cwd, const char *args, int want);

/* Run fn(ctx) with the process's file-size limit (RLIMIT_FSIZE) at `bytes`, SIGXFSZ ignored so
 * that a write past it fails with EFBIG as on a full disk, then lift both again; fn's result.
 * Aborts when the limit cannot be set. */
int wd_test_under_fsize_limit(unsigned long long bytes, int (*fn)(void *ctx), void *ctx);

/* A new temporary folder into *dir holding what `wijkdata demo ARGS` writes there (its store
 * wijkdata.db, and profiles unless ARGS says --geen-profielen): the set-up of the programs that
 * run the CLI on the demo. 0, or the CLI's exit status after printing its output. */
int wd_test_cli_demo(char **dir, const char *args);
/* The set-up of a CLI test program on one demo for the whole group: `dir`, the folder of a
 * demo made with `args` (see wd_test_cli_demo), and group_setup and group_teardown that make
 * and remove it. */
#define WD_TEST_CLI_DEMO_GROUP(args)                                                               \
    static char *dir;                                                                              \
    static int group_setup(void **state)                                                           \
    {                                                                                              \
        (void)state;                                                                               \
        return wd_test_cli_demo(&dir, args);                                                       \
    }                                                                                              \
    static int group_teardown(void **state)                                                        \
    {                                                                                              \
        (void)state;                                                                               \
        wd_test_dir_free(&dir);                                                                    \
        return 0;                                                                                  \
    }

/* Remove the folder of wd_test_cli_demo (or wd_test_tmpdir) and free its path; *dir NULL. */
void wd_test_dir_free(char **dir);

/* The demonstration data (`n_buurten`, `seed`) generated under dir/bronnen and imported
 * into a new store dir/demo.db, whose path goes into db[cap]. 0, or the error after
 * printing it. */
int wd_test_demo_store(const char *dir, int n_buurten, unsigned long seed, char *db, size_t cap);

/* A connection of the test's own to the SQLite file at `path` (a store), to look into or
 * damage what the library wrote; the library hands out none. Aborts when it cannot be
 * opened; close with sqlite3_close(). */
struct sqlite3 *wd_test_sqlite(const char *path);

/* cmocka assertions shared by the test programs, failing the current test with a message:
 * `needle` occurs in `hay` (NULL fails). */
void wd_test_assert_contains(const char *hay, const char *needle);
/* |got - want| <= tol |want|; NaN fails. */
void wd_test_assert_rel(double got, double want, double tol);

/* Compare two images (ARGB32 or RGB24) after averaging blocks of `block` x `block` pixels to
 * grey: the mean absolute difference (0..255) into *mean and the share of blocks differing by
 * more than 40 into *share. Images of different sizes differ completely (255, 1). */
void wd_test_image_difference(cairo_surface_t *a, cairo_surface_t *b, int block, double *mean,
                              double *share);
/* LIX, the readability index of Björnsson (C. H. Björnsson, Läsbarhet, Stockholm: Liber,
 * 1968): words per sentence plus the percentage of long words,
 *     LIX = A / B + 100 C / A,
 * with A the words, B the sentences ("periods": ended by a full stop, colon, exclamation or
 * question mark) and C the long words (more than six letters). Here a word is a run of
 * letters (ASCII and the Latin letters of U+00C0-U+024F: é, ë), with a hyphen or apostrophe
 * inside it allowed ("Wmo-loket"); numbers are no words. A sentence is a stretch with a letter
 * up to a mark followed by white space or the end of the text, or up to the end of the text.
 * UTF-8 text; the counts into *words, *sentences, *long_words when not NULL. Returns NAN for
 * text without words. */
double wd_test_lix(const char *text, int *words, int *sentences, int *long_words);

/* Helpers included into test programs define static functions not every program calls. */
#if defined(__GNUC__)
#define WD_TEST_UNUSED __attribute__((unused))
#else
#define WD_TEST_UNUSED
#endif

#endif
