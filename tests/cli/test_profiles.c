/* End-to-end tests of `wijkdata profiles` as batches are run: a run killed with SIGKILL at
 * several moments (after some files, in the middle of one), each time resumed with --resume,
 * ends with exactly the files of an uninterrupted run, byte for byte, and no temporary file;
 * the shards 1/3, 2/3 and 3/3 run side by side by GNU parallel on one store together make
 * exactly the files of the whole run, none in two shards; progress as lines in a log (a pipe)
 * and as one updating line on a terminal (a pty through script(1)); wrong --shard values; the
 * booklet of a gemeente (--boekje) read back with qpdf, pdfinfo and pdftotext
 * (tests/cli/check_boekje.py): page count, bookmarks, the contents' page numbers and every page
 * equal to the separate profile's, the contents lines links to those pages; the booklet of a
 * werkgebied (--gebied) with a member in another gemeente: its profile, then its members in
 * the order given, each page that of the member's own profile; a booklet without a gemeente, of
 * an unknown one, of a buurt or into a folder that cannot be written.
 *
 * The profiles print today's date: the runs compared are made within the same test, minutes
 * apart, so they agree unless the test runs across midnight. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "wd_test_util.h"

#define CHECK_BOEKJE WD_TEST_DATA "/../cli/check_boekje.py"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char *dir;          /* the demo store (two gemeenten) and every run's folder */
static char *whole_log;    /* what the uninterrupted run printed through a pipe */
static size_t whole_count; /* its profiles */

static size_t count_in(const char *name, size_t *tmp);

static int group_setup(void **state)
{
    (void)state;
    if (wd_test_cli_demo(&dir, "--buurten 60 --geen-profielen --out demo --store s.db")) return -1;
    int rc = wd_test_cli(dir, "profiles --store s.db --out heel --threads 2", &whole_log);
    if (rc) fprintf(stderr, "%s\n", whole_log);
    whole_count = count_in("heel", NULL);
    return rc;
}

static int group_teardown(void **state)
{
    (void)state;
    free(whole_log);
    wd_test_dir_free(&dir);
    return 0;
}

static void path_of(char *buf, size_t cap, const char *name)
{
    snprintf(buf, cap, "%s/%s", dir, name);
}

/* Regular files in folder `name` of the working folder: the profiles, and (*tmp) temporary
 * files. A missing folder has none. */
static size_t count_in(const char *name, size_t *tmp)
{
    char path[1200];
    path_of(path, sizeof path, name);
    size_t n = 0;
    if (tmp) *tmp = 0;
    DIR *d = opendir(path);
    if (!d) return 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strstr(e->d_name, ".tmp.")) {
            if (tmp) ++*tmp;
        } else if (strstr(e->d_name, ".pdf")) {
            n++;
        }
    }
    closedir(d);
    return n;
}

/* Folders `a` and `b` hold the same file names with the same bytes. */
static void same_files(const char *a, const char *b)
{
    char cmd[2600], *out = NULL;
    snprintf(cmd, sizeof cmd, "cd '%s' && diff -r '%s' '%s' && echo gelijk", dir, a, b);
    int rc = wd_test_run(cmd, &out);
    if (rc) print_error("%s and %s differ:\n%s\n", a, b, out);
    assert_int_equal(rc, 0);
    wd_test_assert_contains(out, "gelijk");
    free(out);
}

static void sleep_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

/* Start `profiles ARGS` into folder `out`, wait until it holds at least `files` profiles and
 * (mid_file) a temporary file, then SIGKILL it. Returns whether a temporary file was left,
 * that is whether the kill came in the middle of a file. */
static int killed_run(const char *args, const char *out, size_t files, int mid_file)
{
    char command[2400];
    snprintf(command, sizeof command, "cd '%s' && exec '%s' profiles %s --out %s", dir, WD_CLI,
             args, out);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        freopen("/dev/null", "w", stdout);
        freopen("/dev/null", "w", stderr);
        execl("/bin/sh", "sh", "-c", command, (char *)NULL);
        _exit(127);
    }
    size_t tmp = 0;
    for (int waited = 0; waited < 600000; waited++) { /* 10 minutes at most */
        size_t n = count_in(out, &tmp);
        if (n >= files && (!mid_file || tmp)) break;
        int st;
        if (waitpid(pid, &st, WNOHANG) == pid) fail_msg("the run ended before the kill point");
        sleep_ms(1);
    }
    kill(pid, SIGKILL);
    int st;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFSIGNALED(st));
    count_in(out, &tmp);
    return tmp > 0;
}

static void killed_and_resumed_runs_end_as_one(void **state)
{
    (void)state;
    assert_true(whole_count > 60);
    /* Killed after 5 files; then resumed runs killed in the middle of a file, after 30 files,
     * in the middle of a file again (the second gemeente), and a last one that completes. */
    const char *args = "--store s.db --threads 2";
    int mid = 0;
    killed_run(args, "hervat", 5, 0);
    mid += killed_run("--resume --store s.db --threads 2", "hervat", 15, 1);
    killed_run("--resume --store s.db --threads 2", "hervat", 30, 0);
    mid += killed_run("--resume --store s.db --threads 2", "hervat", 50, 1);
    /* A kill lands between seeing a temporary file and its rename only by a rare chance. */
    assert_true(mid >= 1);
    char *out = NULL;
    int rc = wd_test_cli(dir, "profiles --resume --store s.db --threads 2 --out hervat", &out);
    if (rc) print_error("%s\n", out);
    assert_int_equal(rc, 0);
    wd_test_assert_contains(out, " bewaard, ");
    free(out);
    size_t tmp;
    assert_int_equal(count_in("hervat", &tmp), whole_count);
    assert_int_equal(tmp, 0);
    same_files("heel", "hervat");

    /* A profile cut short and one of another program under a profile's name: remade; without
     * --resume every profile is made again. */
    char path[1300];
    path_of(path, sizeof path, "hervat/BU99990101.pdf");
    assert_int_equal(truncate(path, 4000), 0);
    path_of(path, sizeof path, "hervat/GM9000.pdf");
    assert_int_equal(wd_test_write_file(path, "%PDF-1.5\n%%EOF\n", 15), 0);
    rc = wd_test_cli(dir, "profiles --resume --store s.db --out hervat", &out);
    assert_int_equal(rc, 0);
    char want[128];
    snprintf(want, sizeof want, "%zu profielen in hervat/ (%zu bewaard, 2 nieuw gemaakt)",
             whole_count, whole_count - 2);
    wd_test_assert_contains(out, want);
    free(out);
    same_files("heel", "hervat");
}

static void shards_side_by_side_make_the_whole_run(void **state)
{
    (void)state;
    char cmd[2400], *out = NULL;
    /* As docs/BATCH.md runs them: one store, several processes. */
    snprintf(cmd, sizeof cmd,
             "cd '%s' && parallel --will-cite --halt now,fail=1 -j3 '%s' profiles --store s.db "
             "--threads 1 --shard {}/3 --out deel{} ::: 1 2 3",
             dir, WD_CLI);
    int rc = wd_test_run(cmd, &out);
    if (rc) print_error("%s\n", out);
    assert_int_equal(rc, 0);
    free(out);
    /* No profile in two shards, none left out, the same bytes. */
    size_t n1 = count_in("deel1", NULL), n2 = count_in("deel2", NULL), n3 = count_in("deel3", NULL);
    assert_int_equal(n1 + n2 + n3, whole_count);
    assert_true(n1 > 0 && n2 > 0);
    assert_int_equal(n3, 0); /* two gemeenten, three shards: one has none */
    snprintf(cmd, sizeof cmd, "cd '%s' && mkdir samen && cp deel1/* deel2/* samen/", dir);
    assert_int_equal(wd_test_run(cmd, NULL), 0);
    same_files("heel", "samen");
    /* The larger gemeente alone in the first shard. */
    char path[1200];
    path_of(path, sizeof path, "deel1/GM9999.pdf");
    assert_int_equal(access(path, F_OK), 0);
}

static void progress_in_a_log_and_on_a_terminal(void **state)
{
    (void)state;
    /* Through a pipe: a plain line per gemeente. */
    char want[160];
    snprintf(want, sizeof want,
             "wijkdata: profielen %zu van %zu (100%%), gemeente 2 van 2 (GM9999), ", whole_count,
             whole_count);
    wd_test_assert_contains(whole_log, want);
    wd_test_assert_contains(whole_log,
                            "wijkdata: profielen 26 van 73 (35%), gemeente 1 van 2 (GM9000), ");
    wd_test_assert_contains(whole_log, " per s, nog ");
    assert_null(strchr(whole_log, '\r'));
    /* On a terminal: one line, overwritten. */
    char cmd[2400], *out = NULL;
    snprintf(
        cmd, sizeof cmd,
        "cd '%s' && script -qec \"'%s' profiles --store s.db --shard 1/3 --out tty\" /dev/null",
        dir, WD_CLI);
    int rc = wd_test_run(cmd, &out);
    if (rc) print_error("%s\n", out);
    assert_int_equal(rc, 0);
    wd_test_assert_contains(out, "\rprofielen 47 van 47 (100%), gemeente 1 van 1 (GM9999), ");
    wd_test_assert_contains(out, " per s, nog 0 s");
    assert_null(strstr(out, "wijkdata: profielen"));
    free(out);
}

static void wrong_shards(void **state)
{
    (void)state;
    static const char *bad[] = {"0/3", "4/3", "1", "1/0", "x/2"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char args[200], *out = NULL;
        snprintf(args, sizeof args, "profiles --store s.db --shard %s --out fout", bad[i]);
        assert_int_equal(wd_test_cli(dir, args, &out), 2);
        wd_test_assert_contains(out, "--shard verwacht I/N met 1 <= I <= N <= 10000, niet '");
        wd_test_assert_contains(out, bad[i]);
        free(out);
    }
    char *out = NULL;
    assert_int_equal(
        wd_test_cli(dir, "profiles --store s.db --shard 1/2 --gemeente GM9000 --out fout", &out),
        2);
    wd_test_assert_contains(out, "kies --gemeente of --shard, niet beide");
    free(out);
    assert_int_equal(count_in("fout", NULL), 0);
}

/* tests/cli/check_boekje.py with `args` (the booklet, its folder of single profiles, the
 * region, its members) must pass and say `profiles` and `parts`. */
static void check_booklet(const char *args, const char *profiles, const char *parts)
{
    char cmd[2400], *out = NULL;
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' '%s' %s", dir, WD_TEST_SYSTEM_PYTHON, CHECK_BOEKJE,
             args);
    int rc = wd_test_run(cmd, &out);
    if (rc) print_error("%s\n", out);
    assert_int_equal(rc, 0);
    wd_test_assert_contains(out, profiles);
    wd_test_assert_contains(out, parts);
    free(out);
}

static void a_booklet_of_the_gemeente(void **state)
{
    (void)state;
    char *out = NULL;
    int rc = wd_test_cli(dir, "profiles --store s.db --gemeente GM9999 --boekje boekje.pdf", &out);
    if (rc) print_error("%s\n", out);
    assert_int_equal(rc, 0);
    wd_test_assert_contains(out, "boekje van GM9999 in boekje.pdf");
    free(out);
    /* 47 regions: the contents take two pages. */
    check_booklet("boekje.pdf heel GM9999", "ok: 47 profiles, ",
                  " 2 contents page(s), 47 bookmarks, 47 links");

    assert_int_equal(wd_test_cli(dir, "profiles --store s.db --boekje b.pdf", &out), 2);
    wd_test_assert_contains(out, "een boekje is van een gemeente (--gemeente GMxxxx)");
    free(out);
    assert_int_equal(
        wd_test_cli(dir, "profiles --store s.db --gemeente GM1234 --boekje b.pdf", &out), 1);
    wd_test_assert_contains(out, "GM1234");
    free(out);
    assert_int_equal(
        wd_test_cli(dir, "profiles --store s.db --gemeente GM9000 --boekje geen/map/b.pdf", &out),
        1);
    wd_test_assert_contains(out, "geen/map/b.pdf");
    free(out);
    char path[1200];
    path_of(path, sizeof path, "b.pdf");
    assert_int_equal(access(path, F_OK), -1);
}

/* A werkgebied of a buurt, a buurt of the other gemeente and a wijk, in that order (not the
 * order of their codes), in a copy of the store so that the other tests keep theirs. */
static void a_booklet_of_a_werkgebied(void **state)
{
    (void)state;
    static const char *const members[] = {"BU99990101", "BU90000101", "WK999903"};
    char *out = NULL, cmd[2400];
    snprintf(cmd, sizeof cmd, "cd '%s' && cp s.db wg.db && mkdir wg", dir);
    assert_int_equal(wd_test_run(cmd, NULL), 0);
    int rc = wd_test_cli(dir,
                         "gebied maak Proef --buurten BU99990101,BU90000101 --wijken WK999903 "
                         "--store wg.db",
                         &out);
    assert_int_equal(rc, 0);
    wd_test_assert_contains(out, "WG0001");
    free(out);
    assert_int_equal(wd_test_cli(dir, "profile WG0001 --store wg.db -o wg/WG0001.pdf", &out), 0);
    free(out);
    for (size_t i = 0; i < sizeof members / sizeof *members; i++) {
        snprintf(cmd, sizeof cmd, "profile %s --store wg.db -o wg/%s.pdf", members[i], members[i]);
        assert_int_equal(wd_test_cli(dir, cmd, &out), 0);
        free(out);
    }
    rc = wd_test_cli(dir, "profiles --store wg.db --gebied WG0001 --boekje wg.pdf", &out);
    if (rc) print_error("%s\n", out);
    assert_int_equal(rc, 0);
    wd_test_assert_contains(out, "boekje van WG0001 in wg.pdf");
    free(out);
    snprintf(cmd, sizeof cmd, "wg.pdf wg WG0001 %s %s %s", members[0], members[1], members[2]);
    check_booklet(cmd, "ok: 4 profiles, ", " 1 contents page(s), 4 bookmarks, 4 links");
    snprintf(cmd, sizeof cmd, "cd '%s' && pdftotext -l 1 wg.pdf -", dir);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    wd_test_assert_contains(out, "4 profielen: het werkgebied, 1 wijk en 2 buurten");
    free(out);

    assert_int_equal(
        wd_test_cli(dir, "profiles --store wg.db --gebied BU99990101 --boekje b.pdf", &out), 2);
    wd_test_assert_contains(out, "een boekje is van een gemeente of een werkgebied, niet van "
                                 "BU99990101");
    free(out);
    assert_int_equal(wd_test_cli(dir,
                                 "profiles --store wg.db --gemeente GM9999 --gebied WG0001 "
                                 "--boekje b.pdf",
                                 &out),
                     2);
    wd_test_assert_contains(out, "een boekje is van een gemeente (--gemeente GMxxxx) of van een "
                                 "werkgebied (--gebied WGxxxx)");
    free(out);
    assert_int_equal(wd_test_cli(dir, "profiles --store wg.db --gebied WG0001", &out), 2);
    wd_test_assert_contains(out, "--gebied hoort bij --boekje");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(killed_and_resumed_runs_end_as_one),
        cmocka_unit_test(shards_side_by_side_make_the_whole_run),
        cmocka_unit_test(progress_in_a_log_and_on_a_terminal),
        cmocka_unit_test(wrong_shards),
        cmocka_unit_test(a_booklet_of_the_gemeente),
        cmocka_unit_test(a_booklet_of_a_werkgebied),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
