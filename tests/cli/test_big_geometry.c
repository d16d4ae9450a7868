/* Large geometry in bounded memory (issue 10, defect 12): a PDOK GeoJSON of the demo gemeente
 * whose boundary has the most positions a feature may have, a million
 * (scripts/make-big-geojson.py, 23 MB), is imported, and the gemeente's profile drawn from it,
 * each by a process whose peak resident memory stays under a bound of a few times the file.
 * Read as jansson trees (the document at import, the geometry when the maps load) they took
 * 467 and 276 MB. A feature past the bound on positions is refused with a Dutch message naming
 * the file, the feature and the region, and leaves the store as it was. */
#define _DEFAULT_SOURCE /* wait4: the peak memory of one child */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "wd_test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

WD_TEST_CLI_DEMO_GROUP("--geen-profielen")

/* A document of `positions` over the demo's gemeente and the wijken and buurten `buurten` says
 * (as the script takes it; "": the gemeente alone) at dir/name; its size. */
static long long make_geojson(const char *name, long positions, const char *buurten)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd,
             "cd '%s' && python3 '" WD_DOCS "/../scripts/make-big-geojson.py' %s --positions %ld "
             "--buurten '%s'",
             dir, name, positions, buurten);
    char *out = NULL;
    int rc = wd_test_run(cmd, &out);
    if (rc) print_error("%s\n", out ? out : "");
    free(out);
    assert_int_equal(rc, 0);
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return (long long)st.st_size;
}

/* Run wijkdata with `argv` (NULL-terminated, without the program) in dir: its exit status, and
 * its peak resident memory in bytes into *peak. */
static int run_measured(const char *const *argv, long long *peak)
{
    const char *args[16] = {WD_CLI};
    for (size_t i = 0; argv[i] && i + 2 < sizeof args / sizeof *args; i++)
        args[i + 1] = argv[i];
    fflush(stdout); /* not written twice by the child */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (chdir(dir) != 0 || !freopen("/dev/null", "w", stdout)) _exit(127);
        execv(WD_CLI, (char *const *)args);
        _exit(127);
    }
    int status;
    struct rusage ru;
    assert_int_equal(wait4(pid, &status, 0, &ru), pid);
    *peak = (long long)ru.ru_maxrss * 1024;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* AddressSanitizer's shadow memory and quarantine are no measure of the program's: gcc says
 * it is on with __SANITIZE_ADDRESS__, clang with __has_feature. */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* The bound on peak memory: a few times the document (its bytes, and its geometry kept
 * compact until the store has it) and the program's own, which the demo store needs. Not
 * checked under AddressSanitizer. */
static void assert_bounded(const char *what, long long peak, long long file)
{
    long long bound = 3 * file + (64ll << 20);
    printf("%s: peak %.1f MB for a file of %.1f MB (bound %.1f MB)\n", what, peak / 1048576.0,
           file / 1048576.0, bound / 1048576.0);
#if !defined(UNDER_ASAN)
    assert_true(peak < bound);
#endif
}

static void large_document_in_bounded_memory(void **state)
{
    (void)state;
    long long file = make_geojson("big.geojson", 1000000, "");
    long long peak;
    const char *import[] = {"import", "big.geojson", "--format", "pdok-geojson", "--jaar",
                            "2024", NULL};
    assert_int_equal(run_measured(import, &peak), 0);
    assert_bounded("import", peak, file);
    const char *profile[] = {"profile", "GM9999", "-o", "gm.pdf", NULL};
    assert_int_equal(run_measured(profile, &peak), 0);
    assert_bounded("profile GM9999", peak, file);
}

static void positions_past_the_bound_refused(void **state)
{
    (void)state;
    make_geojson("huge.geojson", 1000001, "");
    char *before = wd_test_cli_expect(dir, "regions", 0);
    char *out =
        wd_test_cli_expect(dir, "import huge.geojson --format pdok-geojson --jaar 2024", 1);
    wd_test_assert_contains(out, "huge.geojson: feature 1: geometrie van GM9999: 1000001 "
                                 "posities, meer dan 1000000");
    char *after = wd_test_cli_expect(dir, "regions", 0);
    assert_string_equal(before, after);
    free(before);
    free(after);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(large_document_in_bounded_memory),
        cmocka_unit_test(positions_past_the_bound_refused),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
