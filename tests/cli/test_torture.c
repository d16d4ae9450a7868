/* The torture suite, as curl has one: every command that writes, run as a user would under a
 * file-size limit at several sizes (RLIMIT_FSIZE with SIGXFSZ ignored: a write past the limit
 * fails with EFBIG, as on a full disk, and at the very first byte with limit 0), expecting exit
 * status 1 and no crash, a Dutch message that names the file and the cause, no final file (an
 * older one untouched), no temporary file anywhere in the working folder and the store
 * unchanged byte for byte. Also: a first demo killed with SIGKILL at several moments and
 * completed by the next one, with nothing the killed one left behind; two runs writing into
 * one folder at once; the commands that only read on a store they cannot write beside;
 * region names that once stopped a run of profiles; a folder given as a definition file.
 *
 * A real full disk (a small tmpfs) and a read-only mount are tried in a mount namespace of
 * their own (unshare -m), which needs root with the right to mount: where that is refused the
 * test says so and the file-size limit stands for them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/wd_store.h"
#include "wd_test_service.c"
#include "wd_test_util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NO_LIMIT (~0ULL)

static char *dir;         /* working folder of every run */
static char store[1100];  /* a demo store, made once: dir/demo.db */
static char *store_bytes; /* its bytes, to compare with after every run */
static size_t store_len;

static int group_setup(void **state)
{
    (void)state;
    dir = wd_test_tmpdir();
    if (wd_test_demo_store(dir, 40, 20260126, store, sizeof store)) return -1;
    store_bytes = wd_test_read_file(store, &store_len);
    /* Keep a user's own configuration and cache out of the fetches. */
    char xdg[1200];
    snprintf(xdg, sizeof xdg, "%s/xdg", dir);
    setenv("XDG_CONFIG_HOME", xdg, 1);
    unsetenv("WIJKDATA_CACHE_DIR");
    setenv("WIJKDATA_HTTP_BACKOFF_MS", "20", 1);
    return store_bytes ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    free(store_bytes);
    wd_test_rmtree(dir);
    free(dir);
    return 0;
}

/* Run `sh -c 'cd dir && <command>'` with the file-size limit at `limit` bytes (NO_LIMIT: none)
 * and SIGXFSZ ignored; stdout and stderr into *output (a pipe: the limit does not apply to
 * it). Returns the exit status, or 128 + the signal that ended it. */
static int run_limited(unsigned long long limit, char **output, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static int run_limited(unsigned long long limit, char **output, const char *fmt, ...)
{
    char command[4096], full[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(command, sizeof command, fmt, ap);
    va_end(ap);
    snprintf(full, sizeof full, "cd '%s' || exit 125; %s", dir, command);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        dup2(fds[1], STDERR_FILENO);
        close(fds[0]);
        close(fds[1]);
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit r;
        getrlimit(RLIMIT_FSIZE, &r);
        r.rlim_cur = limit == NO_LIMIT ? r.rlim_max : (rlim_t)limit;
        setrlimit(RLIMIT_FSIZE, &r);
        execl("/bin/sh", "sh", "-c", full, (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    ssize_t got;
    while (buf && (got = read(fds[0], buf + n, cap - n - 1)) > 0) {
        n += (size_t)got;
        if (n + 1 == cap) buf = realloc(buf, cap *= 2);
    }
    close(fds[0]);
    if (buf) buf[n] = '\0';
    int st;
    waitpid(pid, &st, 0);
    *output = buf;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* The CLI with `args`: "'<wijkdata>' <args>". */
#define CLI "'" WD_CLI "' "

/* Whether `name` is what the atomic writer names a temporary file: NAME.tmp.XXXXXX. */
static int is_temporary(const char *name)
{
    size_t n = strlen(name);
    if (n < 12 || memcmp(name + n - 11, ".tmp.", 5) != 0) return 0;
    for (size_t i = n - 6; i < n; i++)
        if (!((name[i] >= '0' && name[i] <= '9') || (name[i] >= 'A' && name[i] <= 'Z') ||
              (name[i] >= 'a' && name[i] <= 'z')))
            return 0;
    return 1;
}

/* Fail when any temporary file is left anywhere under `path`. */
static void no_temporaries(const char *path)
{
    DIR *d = opendir(path);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char sub[2048];
        snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        if (is_temporary(e->d_name)) {
            print_error("temporary file left: %s\n", sub);
            fail();
        }
        struct stat st;
        if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode)) no_temporaries(sub);
    }
    closedir(d);
}

/* Number of files under `path` (recursively) whose name ends in `suffix`. */
static size_t count_files(const char *path, const char *suffix)
{
    DIR *d = opendir(path);
    if (!d) return 0;
    size_t n = 0, ls = strlen(suffix);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char sub[2048];
        snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        struct stat st;
        size_t len = strlen(e->d_name);
        if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
            n += count_files(sub, suffix);
        else
            n += len >= ls && strcmp(e->d_name + len - ls, suffix) == 0;
    }
    closedir(d);
    return n;
}

static void path_of(char *out, size_t cap, const char *rel)
{
    snprintf(out, cap, "%s/%s", dir, rel);
}

/* `rel` holds exactly `text`, or (text NULL) does not exist. */
static void holds(const char *rel, const char *text)
{
    char path[1200];
    path_of(path, sizeof path, rel);
    char *back = wd_test_read_file(path, NULL);
    if (!text) {
        if (back) print_error("%s should not exist\n", rel);
        assert_null(back);
        return;
    }
    assert_non_null(back);
    assert_string_equal(back, text);
    free(back);
}

static void put(const char *rel, const char *text)
{
    char path[1200];
    path_of(path, sizeof path, rel);
    assert_int_equal(wd_test_write_file(path, text, strlen(text)), 0);
}

static void mkdir_in(const char *rel)
{
    char path[1200];
    path_of(path, sizeof path, rel);
    if (mkdir(path, 0755) != 0) assert_int_equal(errno, EEXIST);
}

/* The store dir/rel (the shared one or a copy of it) is byte for byte the demo store. */
static void unchanged(const char *rel)
{
    char path[1200];
    path_of(path, sizeof path, rel);
    size_t len = 0;
    char *now = wd_test_read_file(path, &len);
    assert_non_null(now);
    assert_int_equal(len, store_len);
    assert_memory_equal(now, store_bytes, len);
    free(now);
}

static void store_unchanged(void)
{
    unchanged("demo.db");
}

/* A copy of the demo store at dir/rel. */
static void copy_store(const char *rel)
{
    char path[1200];
    path_of(path, sizeof path, rel);
    assert_int_equal(wd_test_write_file(path, store_bytes, store_len), 0);
}

/* Run `command` (a shell command in dir) under `limit`: it must fail with exit status 1 and
 * a message holding one of `names` (the file it could not write; '|'-separated) and the cause
 * in Dutch: "bestand te groot (File too large)", or for a store whose write SQLite found cut
 * short (no errno then) its Dutch words before SQLite's. Nothing temporary may be left. Prints
 * the run when not. */
static void fails_whole(unsigned long long limit, const char *names, const char *command)
{
    char *out = NULL;
    int rc = run_limited(limit, &out, "%s", command);
    int named = 0;
    char alternatives[512];
    snprintf(alternatives, sizeof alternatives, "%s", names);
    for (char *save = NULL, *n = strtok_r(alternatives, "|", &save); n;
         n = strtok_r(NULL, "|", &save))
        named |= out && strstr(out, n) != NULL;
    int cause = out && (strstr(out, "bestand te groot (") ||
                        (strstr(out, "wijkdata: store ") && strstr(out, "mislukt (SQLite: ")));
    if (rc != 1 || !named || !cause) {
        print_error("limit %llu: %s\nexit %d, output:\n%s\n(expected exit 1 naming %s and "
                    "\"bestand te groot\")\n",
                    limit, command, rc, out ? out : "", names);
        fail();
    }
    free(out);
    no_temporaries(dir);
}

/* The limits every command is tried at: the first byte, one byte, inside the first stdio
 * buffer, just past it, and well into the file (still below any whole output). */
static const unsigned long long limits[] = {0, 1, 4095, 4097, 30000};
#define N_LIMITS (sizeof limits / sizeof *limits)

static void profile_whole_or_not_at_all(void **state)
{
    (void)state;
    mkdir_in("prof");
    static const char *const formats[] = {"pdf", "png", "svg"};
    for (size_t f = 0; f < 3; f++) {
        char rel[64], command[1600];
        snprintf(rel, sizeof rel, "prof/p.%s", formats[f]);
        put(rel, "vorige versie");
        snprintf(command, sizeof command,
                 CLI "profile BU99990101 --format %s -o %s --store demo.db", formats[f], rel);
        for (size_t i = 0; i < N_LIMITS; i++) {
            fails_whole(limits[i], rel, command);
            holds(rel, "vorige versie");
        }
    }
    /* The folder of profiles: the first file fails, and every other would fail the same. */
    for (size_t i = 0; i < N_LIMITS; i += 2) {
        fails_whole(limits[i], "prof/alle/",
                    CLI "profiles --gemeente GM9999 --out prof/alle --store demo.db");
        char path[1200];
        path_of(path, sizeof path, "prof/alle");
        assert_int_equal(count_files(path, ".pdf"), 0);
    }
    store_unchanged();
}

static void exports_whole_or_not_at_all(void **state)
{
    (void)state;
    mkdir_in("uit");
    static const char *const commands[] = {
        "indicators --gemeente GM9999 --level alle --out uit/ind.csv",
        "indicators --gemeente GM9999 --format json --out uit/ind.json",
        "rank --gemeente GM9999 --trekkingen 50 --out uit/rank.csv",
        "rank --gemeente GM9999 --trekkingen 50 --format json --out uit/rank.json",
    };
    static const char *const outputs[] = {"uit/ind.csv", "uit/ind.json", "uit/rank.csv",
                                          "uit/rank.json"};
    for (size_t c = 0; c < sizeof commands / sizeof *commands; c++) {
        put(outputs[c], "vorige versie");
        char command[1600], names[256];
        snprintf(command, sizeof command, CLI "%s --store demo.db", commands[c]);
        /* A command that saves in the store may find the store's own files refused first. */
        snprintf(names, sizeof names, "%s|demo.db", outputs[c]);
        for (size_t i = 0; i < N_LIMITS; i++) {
            fails_whole(limits[i], names, command);
            holds(outputs[c], "vorige versie");
            store_unchanged();
        }
        /* Room for the store's files but not for the export (the indicators are larger than
         * what they save): the export is named. */
        if (c < 2) {
            fails_whole(200000, outputs[c], command);
            holds(outputs[c], "vorige versie");
            store_unchanged();
        }
    }
    /* Standard output redirected into a file that the limit cuts short. */
    fails_whole(200000, "de standaarduitvoer",
                CLI "indicators --gemeente GM9999 --level alle --store demo.db > uit/std.csv");
    store_unchanged();
}

/* The wide export in every format (the stream formats through the writer's stream, XLSX and
 * GeoPackage written by name by libxlsxwriter and SQLite), and the QA report. */
static void wide_exports_whole_or_not_at_all(void **state)
{
    (void)state;
    mkdir_in("exp");
    static const char *const formats[] = {"csv", "csv-nl", "xlsx", "geojson", "gpkg"};
    for (size_t f = 0; f < sizeof formats / sizeof *formats; f++) {
        char rel[64], command[1600];
        snprintf(rel, sizeof rel, "exp/uit.%s", formats[f]);
        put(rel, "vorige versie");
        snprintf(command, sizeof command,
                 CLI "export --format %s --gemeente GM9999 --out %s --store demo.db", formats[f],
                 rel);
        /* The limits below the whole file's size (a zipped workbook is small). */
        char *out = NULL, whole[1200];
        assert_int_equal(run_limited(NO_LIMIT, &out,
                                     CLI "export --format %s --gemeente GM9999 --out exp/heel "
                                         "--store demo.db",
                                     formats[f]),
                         0);
        free(out);
        path_of(whole, sizeof whole, "exp/heel");
        struct stat st;
        assert_int_equal(stat(whole, &st), 0);
        for (size_t i = 0; i < N_LIMITS && limits[i] < (unsigned long long)st.st_size; i++) {
            fails_whole(limits[i], rel, command);
            holds(rel, "vorige versie");
        }
    }
    fails_whole(30000, "de standaarduitvoer",
                CLI "export --format csv --gemeente GM9999 --store demo.db > exp/std.csv");
    put("exp/controle.txt", "vorige versie");
    for (size_t i = 0; i < N_LIMITS; i++) {
        fails_whole(limits[i], "exp/controle.txt",
                    CLI "controle --gemeente GM9999 --out exp/controle.txt --store demo.db");
        holds("exp/controle.txt", "vorige versie");
    }
    store_unchanged();
}

static void demo_whole_or_not_at_all(void **state)
{
    (void)state;
    /* A new store: none is left. */
    for (size_t i = 0; i < N_LIMITS; i++) {
        fails_whole(limits[i], "demo-uit/|nieuw.db",
                    CLI "demo --out demo-uit --store nieuw.db --geen-profielen");
        holds("nieuw.db", NULL);
    }
    /* Over an existing demo store: it stays as it was. */
    copy_store("oud.db");
    for (size_t i = 0; i < N_LIMITS; i += 2) {
        fails_whole(limits[i], "demo-uit/|oud.db", CLI "demo --out demo-uit --store oud.db");
        unchanged("oud.db");
    }
}

static void import_whole_or_not_at_all(void **state)
{
    (void)state;
    copy_store("imp.db");
    for (size_t i = 0; i < N_LIMITS; i++) {
        fails_whole(limits[i], "imp.db",
                    CLI "import '" WD_TEST_DATA "/fetchers/local/peiling_2025.csv' --format csv "
                        "--mapping '" WD_TEST_DATA "/fetchers/local/peiling_2025.mapping.json' "
                        "--store imp.db");
        unchanged("imp.db");
    }
}

static void fetch_whole_or_not_at_all(void **state)
{
    (void)state;
    wd_test_service s;
    assert_int_equal(wd_test_service_start(&s, NULL), 0);
    char url[256];
    snprintf(url, sizeof url, "%s/opendata.cbs.nl/ODataFeed/odata", s.base);
    setenv("WIJKDATA_CBS_ODATA_URL", url, 1);
    snprintf(url, sizeof url, "%s/dataderden.cbs.nl/ODataFeed/odata", s.base);
    setenv("WIJKDATA_CBS_DATADERDEN_URL", url, 1);
    snprintf(url, sizeof url, "%s/api.pdok.nl/cbs/wijken-en-buurten-{jaar}/ogc/v1", s.base);
    setenv("WIJKDATA_PDOK_URL", url, 1);
    copy_store("haal.db");
    for (size_t i = 0; i < N_LIMITS; i++) {
        /* A new store is not created; an existing one stays as it was. */
        fails_whole(limits[i], "haal-cache/|haal-nieuw.db",
                    CLI "fetch --gemeente GM0344 --years 2024 --sources kwb,geo --cache haal-cache "
                        "--store haal-nieuw.db");
        holds("haal-nieuw.db", NULL);
        fails_whole(limits[i], "haal-cache/|haal.db",
                    CLI "fetch --gemeente GM0344 --years 2024 --sources kwb,geo --cache haal-cache "
                        "--store haal.db");
        unchanged("haal.db");
    }
    wd_test_service_stop(&s);
}

static void sleep_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

/* A first demo killed (SIGKILL) after `ms` milliseconds; then the next demo must complete
 * without anything deleted by hand, and leave nothing of the killed one behind. */
static void killed_demo_then_next(long ms, int profiles)
{
    char command[1600];
    snprintf(command, sizeof command,
             "cd '%s' && exec " CLI "demo --out kill-uit --store kill.db %s", dir,
             profiles ? "" : "--geen-profielen");
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        execl("/bin/sh", "sh", "-c", command, (char *)NULL);
        _exit(127);
    }
    sleep_ms(ms);
    kill(pid, SIGKILL);
    int st;
    waitpid(pid, &st, 0);
    char *out = NULL;
    int rc =
        run_limited(NO_LIMIT, &out, CLI "demo --out kill-uit --store kill.db --geen-profielen");
    if (rc != 0) print_error("killed after %ld ms; the next demo:\n%s\n", ms, out);
    assert_int_equal(rc, 0);
    free(out);
    no_temporaries(dir);
    rc = run_limited(NO_LIMIT, &out, CLI "regions --store kill.db --level gemeente");
    assert_int_equal(rc, 0);
    wd_test_assert_contains(out, "GM9999");
    free(out);
    char path[1200];
    path_of(path, sizeof path, "kill.db");
    unlink(path);
}

static void a_killed_first_demo_is_completed(void **state)
{
    (void)state;
    /* What a kill between creating the store and committing the import leaves: a store with
     * the schema and nothing else. The next demo fills it. */
    char path[1200], *out = NULL;
    path_of(path, sizeof path, "kill.db");
    wd_store *st = NULL;
    wd_error err = {0};
    assert_int_equal(wd_store_open(&st, path, 1, &err), 0);
    wd_store_close(st);
    assert_int_equal(
        run_limited(NO_LIMIT, &out, CLI "demo --out kill-uit --store kill.db --geen-profielen"), 0);
    free(out);
    unlink(path);
    /* What a killed demo left in its folders: the next one removes it. */
    mkdir_in("kill-uit");
    put("kill-uit/BU99990101.pdf.tmp.AbCd12", "half");
    put("kill-uit/bronnen/statline/nabijheid_2024.csv.tmp.Qw3rTy", "half");
    assert_int_equal(
        run_limited(NO_LIMIT, &out, CLI "demo --out kill-uit --store kill.db --geen-profielen"), 0);
    free(out);
    no_temporaries(dir);
    unlink(path);
    /* Killed for real at moments spread over generating, importing and rendering. */
    static const long moments[] = {5, 40, 90, 160, 250};
    for (size_t i = 0; i < sizeof moments / sizeof *moments; i++)
        killed_demo_then_next(moments[i], 0);
    killed_demo_then_next(900, 1);
}

/* Two runs writing into one folder at once: the second one's removal of what killed runs
 * left must not take the first one's files in the making. */
static void concurrent_runs_keep_their_files(void **state)
{
    (void)state;
    char *out = NULL;
    int rc = run_limited(NO_LIMIT, &out,
                         "(" CLI "profiles --gemeente GM9999 --store demo.db --out samen > een.log "
                         "2>&1; echo $? > een.rc) & sleep 0.4; " CLI
                         "profiles --gemeente GM9999 --store demo.db --out samen; echo twee=$?; "
                         "wait; echo een=$(cat een.rc); cat een.log");
    if (rc != 0 || !strstr(out, "twee=0") || !strstr(out, "een=0")) print_error("%s\n", out);
    assert_int_equal(rc, 0);
    wd_test_assert_contains(out, "twee=0");
    wd_test_assert_contains(out, "een=0");
    free(out);
    char path[1200];
    path_of(path, sizeof path, "samen");
    assert_int_equal(count_files(path, ".pdf"), 47);
    no_temporaries(dir);
}

/* The commands that only read work where the store's WAL index cannot be made: under a
 * file-size limit of 0 (no -shm can grow), and on a read-only mount where one can be made. */
static void readers_need_no_writing(void **state)
{
    (void)state;
    char *out = NULL;
    mkdir_in("lees");
    int rc = run_limited(0, &out, CLI "regions --store demo.db --gemeente GM9999 --level wijk");
    if (rc) print_error("%s\n", out);
    assert_int_equal(rc, 0);
    wd_test_assert_contains(out, "WK999901");
    free(out);
    /* Its output needs writing, so it fails, but not for the store. */
    fails_whole(0, "lees/p.pdf", CLI "profile BU99990101 -o lees/p.pdf --store demo.db");
    store_unchanged();

    char ro[1200];
    path_of(ro, sizeof ro, "ro");
    mkdir_in("ro");
    copy_store("ro/w.db");
    rc = run_limited(NO_LIMIT, &out,
                     "unshare -m sh -c 'mount --bind ro ro && mount -o remount,ro,bind ro' "
                     "2>/dev/null && echo mount-ok");
    int can_mount = rc == 0 && out && strstr(out, "mount-ok");
    free(out);
    if (!can_mount) {
        fprintf(stderr, "[ SKIPPED  ] a read-only mount (unshare -m and mount are not allowed "
                        "here); the file-size limit stands for it\n");
        return;
    }
    rc = run_limited(
        NO_LIMIT, &out,
        "unshare -m sh -c 'mount --bind ro ro && mount -o remount,ro,bind ro && "
        "! touch ro/x 2>/dev/null && " CLI "regions --store ro/w.db --level gemeente && " CLI
        "profile BU99990101 --store ro/w.db -o lees/ro.pdf && " CLI
        "profiles --gemeente GM9999 --store ro/w.db --out lees/ro-alle && " CLI
        "export --format gpkg --gemeente GM9999 --store ro/w.db --out lees/ro.gpkg && " CLI
        "controle --gemeente GM9999 --store ro/w.db --out lees/ro.txt; " CLI
        "indicators --store ro/w.db --gemeente GM9999 --out lees/ro.csv'");
    if (rc != 1) print_error("%s\n", out);
    assert_int_equal(rc, 1); /* indicators saves its results: it cannot */
    wd_test_assert_contains(out, "GM9999");
    wd_test_assert_contains(out, "lees/ro.pdf");
    wd_test_assert_contains(out, "profielen in lees/ro-alle/");
    wd_test_assert_contains(out, "lees/ro.gpkg geschreven");
    wd_test_assert_contains(out, "lees/ro.txt geschreven");
    wd_test_assert_contains(out, "kan niet worden geschreven");
    wd_test_assert_contains(out, "alleen-lezen");
    free(out);
    holds("lees/ro.csv", NULL);
    no_temporaries(dir);
}

/* A real full disk: a tmpfs filled to the last block. */
static void a_real_full_disk(void **state)
{
    (void)state;
    mkdir_in("vol");
    char *out = NULL;
    int rc =
        run_limited(NO_LIMIT, &out,
                    "unshare -m sh -c 'mount -t tmpfs -o size=1m tmpfs vol && "
                    "dd if=/dev/zero of=vol/vul bs=4k 2>/dev/null; echo mount-ok; " CLI
                    "profile BU99990101 --store demo.db -o vol/p.pdf; echo rc=$?; " CLI
                    "profiles --gemeente GM9999 --store demo.db --out vol/alle; echo rc=$?; " CLI
                    "indicators --gemeente GM9999 --store demo.db --out vol/ind.csv; echo rc=$?; "
                    "ls -A vol vol/alle | tr \"\\n\" \" \"; echo'");
    if (!out || !strstr(out, "mount-ok")) {
        fprintf(stderr, "[ SKIPPED  ] a real full disk (unshare -m and mount -t tmpfs are not "
                        "allowed here); the file-size limit stands for it\n");
        free(out);
        return;
    }
    if (rc != 0 || strstr(out, "rc=0") || strstr(out, "rc=1") == NULL) print_error("%s\n", out);
    assert_null(strstr(out, "rc=0"));
    wd_test_assert_contains(out, "schrijven naar vol/p.pdf mislukt: schijf vol (");
    wd_test_assert_contains(out, "schrijven naar vol/alle/GM9999.pdf mislukt: schijf vol (");
    wd_test_assert_contains(out, "schrijven naar vol/ind.csv mislukt: schijf vol (");
    /* Only the filling file and the folder that profiles made, empty. */
    wd_test_assert_contains(out, "vol: alle vul  vol/alle: \n");
    assert_null(strstr(out, ".tmp."));
    free(out);
    store_unchanged();
}

/* Names a store may hold (a long run of three-byte characters, five thousand two-byte ones, a
 * right-to-left override): every profile is written, the names drawn cut between characters. */
static void hostile_names_render(void **state)
{
    (void)state;
    copy_store("namen.db");
    char path[1200], sql[12000], *out = NULL;
    path_of(path, sizeof path, "namen.db");
    sqlite3 *db = wd_test_sqlite(path);
    char euros[301] = "", umlauts[10001] = "";
    for (int i = 0; i < 100; i++)
        strcat(euros, "\xe2\x82\xac");
    for (int i = 0; i < 5000; i++)
        strcat(umlauts, "\xc3\x84");
    snprintf(sql, sizeof sql,
             "UPDATE regions SET name = '%s' WHERE code = 'BU99990101';"
             "UPDATE regions SET name = '%s' WHERE code = 'BU99990102';"
             "UPDATE regions SET name = 'Oude \xe2\x80\xaeHaven' WHERE code = 'BU99990103';",
             euros, umlauts);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    int rc =
        run_limited(NO_LIMIT, &out, CLI "profiles --gemeente GM9999 --store namen.db --out namen");
    if (rc) print_error("%s\n", out);
    assert_int_equal(rc, 0);
    wd_test_assert_contains(out, "47 profielen in namen/");
    free(out);
    rc = run_limited(NO_LIMIT, &out,
                     "pdftotext -l 1 namen/BU99990101.pdf - && pdftotext -l 1 "
                     "namen/BU99990102.pdf - && pdftotext -l 1 "
                     "namen/BU99990103.pdf -");
    assert_int_equal(rc, 0);
    wd_test_assert_contains(out, "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac");
    wd_test_assert_contains(out, "\xc3\x84\xc3\x84\xc3\x84\xc3\x84");
    wd_test_assert_contains(out, "\xe2\x80\xa6"); /* the cut names end in an ellipsis */
    /* The override turns what follows it around, as Unicode's bidirectional rules say. */
    wd_test_assert_contains(out, "BU99990103\n\nOude nevaH");
    free(out);
    no_temporaries(dir);
}

/* A region whose file cannot be made (a folder stands where its PDF goes) fails alone: the
 * rest of the batch is written, the summary names it with the reason, the exit is 1. */
static void one_region_fails_alone(void **state)
{
    (void)state;
    char *out = NULL, path[1200];
    mkdir_in("alleen");
    mkdir_in("alleen/BU99990101.pdf");
    put("alleen/BU99990101.pdf/iets", "x");
    int rc =
        run_limited(NO_LIMIT, &out, CLI "profiles --gemeente GM9999 --store demo.db --out alleen");
    if (rc != 1) print_error("%s\n", out);
    assert_int_equal(rc, 1);
    wd_test_assert_contains(out, "46 profielen in alleen/");
    wd_test_assert_contains(out, "wijkdata: profiel BU99990101 niet gemaakt: ");
    wd_test_assert_contains(out, "alleen/BU99990101.pdf");
    wd_test_assert_contains(out, "is een map");
    wd_test_assert_contains(out, "wijkdata: 1 van de 47 profielen kon niet worden gemaakt\n");
    free(out);
    path_of(path, sizeof path, "alleen");
    assert_int_equal(count_files(path, ".pdf"), 46);
    no_temporaries(dir);
}

/* A folder where a definition file belongs says so. */
static void a_folder_as_input(void **state)
{
    (void)state;
    char *out = NULL;
    mkdir_in("defs");
    int rc = run_limited(NO_LIMIT, &out, CLI "indicators --store demo.db --indicators defs");
    assert_int_equal(rc, 1);
    wd_test_assert_contains(out, "defs is een map, geen bestand");
    free(out);
    rc = run_limited(NO_LIMIT, &out, CLI "profile BU99990101 --store demo.db --opgaven defs");
    assert_int_equal(rc, 1);
    wd_test_assert_contains(out, "defs is een map, geen bestand");
    free(out);
    rc = run_limited(NO_LIMIT, &out, CLI "regions --store defs");
    assert_int_equal(rc, 1);
    wd_test_assert_contains(out, "store defs is een map, geen bestand");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(profile_whole_or_not_at_all),
        cmocka_unit_test(exports_whole_or_not_at_all),
        cmocka_unit_test(wide_exports_whole_or_not_at_all),
        cmocka_unit_test(demo_whole_or_not_at_all),
        cmocka_unit_test(import_whole_or_not_at_all),
        cmocka_unit_test(fetch_whole_or_not_at_all),
        cmocka_unit_test(a_killed_first_demo_is_completed),
        cmocka_unit_test(concurrent_runs_keep_their_files),
        cmocka_unit_test(readers_need_no_writing),
        cmocka_unit_test(a_real_full_disk),
        cmocka_unit_test(hostile_names_render),
        cmocka_unit_test(one_region_fails_alone),
        cmocka_unit_test(a_folder_as_input),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
