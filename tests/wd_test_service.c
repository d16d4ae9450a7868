/* The service mirror (tests/mirror/mirror.py) for the cmocka tests: starts it as a child
 * process on a port the kernel picks, with the options a test asks for (page size, faults,
 * KWB 2025 delivery, KWB 2024 revision, the 2026 table), gives its base URL, counts the
 * requests it logged, changes its faults while it runs, writes a dump of its data model and
 * stops it again, leaving no process and no file behind. Counting and faults go through the
 * mirror's control paths (/_mirror/count, /_mirror/faults). The mirror imitates the real
 * services (tests/mirror/README.md); a client under test is pointed at it through base URLs
 * such as "<base>/opendata.cbs.nl".
 *
 * Included (#include "wd_test_service.c") by the tests that need it, because the build makes
 * one executable of each tests/<dir>/test_*.c. Needs libcurl (linked through the library). */
#include "wd_test_util.h"

#include <curl/curl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WD_TEST_MIRROR WD_TEST_DATA "/../mirror/mirror.py"

/* What a mirror serves; every field 0 (or NULL) means the mirror's default. */
typedef struct {
    int page_size;              /* records per ODataFeed and catalogue page; 0: 10000, as CBS */
    int api_limit;              /* cells an ODataApi answer may hold before HTTP 500; 0: 10000 */
    int delivery_2025;          /* KWB 2025 (86165NED) delivery 1 or 2; 0: 1 */
    int revision_2024;          /* KWB 2024 (85984NED) revision 1 or 2; 0: 2 */
    int table_2026;             /* 1: KWB 2026 (86477NED) in the catalogue and served */
    const char *faults;         /* fault rules as JSON text (README "Faults"); NULL: none */
    int next_link_on_full_page; /* 1: a full ODataFeed page always has a nextLink */
    const char *rivm_order;     /* RIVM's row order (mirror --rivm-volgorde); NULL: "gebied" */
} wd_test_service_options;

/* A running mirror. */
typedef struct {
    pid_t pid;
    int port;
    char dir[64];  /* its private folder: port file, faults file, stderr */
    char base[64]; /* "http://127.0.0.1:<port>", no trailing slash */
} wd_test_service;

/* Fill argv (room for 32 entries, NULL-terminated) for `mirror.py <command>` with the
 * options of `o` and then the NULL-terminated list `extra`; numbers go into `buf`. */
static void service_argv(const char **argv, char buf[][16], const char *command,
                         const wd_test_service_options *o, const char *const *extra)
{
    size_t n = 0, b = 0;
    argv[n++] = "python3";
    argv[n++] = WD_TEST_MIRROR;
    argv[n++] = command;
    struct {
        const char *flag;
        int value;
    } nums[] = {{"--page-size", o ? o->page_size : 0},
                {"--api-limit", o ? o->api_limit : 0},
                {"--levering-2025", o ? o->delivery_2025 : 0},
                {"--revisie-2024", o ? o->revision_2024 : 0}};
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        if (nums[i].value <= 0) continue;
        snprintf(buf[b], sizeof buf[b], "%d", nums[i].value);
        argv[n++] = nums[i].flag;
        argv[n++] = buf[b++];
    }
    if (o && o->table_2026) argv[n++] = "--tabel-2026";
    if (o && o->next_link_on_full_page) argv[n++] = "--next-link-on-full-page";
    if (o && o->rivm_order) {
        argv[n++] = "--rivm-volgorde";
        argv[n++] = o->rivm_order;
    }
    while (*extra)
        argv[n++] = *extra++;
    argv[n] = NULL;
}

/* Fork and exec argv, with stdout and stderr into `errfile` when it is not NULL; returns the
 * child's pid or -1. */
static pid_t service_spawn(const char **argv, const char *errfile)
{
    pid_t pid = fork();
    if (pid != 0) return pid;
    FILE *err = errfile ? fopen(errfile, "w") : NULL;
    if (err) {
        dup2(fileno(err), STDOUT_FILENO);
        dup2(fileno(err), STDERR_FILENO);
    }
    execvp(argv[0], (char *const *)argv);
    _exit(127);
}

static void service_sleep_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

/* Print what the mirror wrote on stderr (why it did not start). */
static void service_show_stderr(const char *dir)
{
    char path[128];
    snprintf(path, sizeof path, "%s/stderr", dir);
    char *text = wd_test_read_file(path, NULL);
    fprintf(stderr, "mirror did not start: %s\n", text ? text : "(no output)");
    free(text);
}

/* Start a mirror with options `o` (NULL: all defaults). Returns 0 and fills s, or -1 after
 * printing why (the mirror's own message for bad options or fault rules); nothing is left
 * behind on failure. Stop it with wd_test_service_stop(). */
WD_TEST_UNUSED static int wd_test_service_start(wd_test_service *s,
                                                const wd_test_service_options *o)
{
    memset(s, 0, sizeof *s);
    snprintf(s->dir, sizeof s->dir, "/tmp/wdmirror.XXXXXX");
    if (!mkdtemp(s->dir)) return -1;
    char port_file[128], faults[128], err[128], parent[16];
    snprintf(port_file, sizeof port_file, "%s/port", s->dir);
    snprintf(faults, sizeof faults, "%s/faults.json", s->dir);
    snprintf(err, sizeof err, "%s/stderr", s->dir);
    snprintf(parent, sizeof parent, "%ld", (long)getpid());
    if (o && o->faults && wd_test_write_file(faults, o->faults, strlen(o->faults)) != 0) {
        wd_test_rmtree(s->dir);
        return -1;
    }
    const char *argv[32];
    char nums[8][16];
    const char *extra[] = {"--port",
                           "0",
                           "--port-file",
                           port_file,
                           "--parent-pid",
                           parent,
                           o && o->faults ? "--faults" : NULL,
                           faults,
                           NULL};
    service_argv(argv, nums, "serve", o, extra);
    s->pid = service_spawn(argv, err);
    if (s->pid < 0) {
        wd_test_rmtree(s->dir);
        return -1;
    }
    /* The mirror writes its port once it listens (atomically: a rename). */
    for (int waited = 0; waited < 30000; waited += 20) {
        char *text = wd_test_read_file(port_file, NULL);
        if (text) {
            s->port = atoi(text);
            free(text);
            snprintf(s->base, sizeof s->base, "http://127.0.0.1:%d", s->port);
            return 0;
        }
        if (waitpid(s->pid, NULL, WNOHANG) == s->pid) break; /* it died */
        service_sleep_ms(20);
    }
    service_show_stderr(s->dir);
    kill(s->pid, SIGKILL);
    waitpid(s->pid, NULL, 0);
    wd_test_rmtree(s->dir);
    s->pid = 0;
    return -1;
}

/* The base URL of service `prefix` on the mirror into out, e.g. prefix "opendata.cbs.nl"
 * gives "http://127.0.0.1:PORT/opendata.cbs.nl"; NULL or "" gives the mirror's root. */
WD_TEST_UNUSED static void wd_test_service_url(const wd_test_service *s, const char *prefix,
                                               char *out, size_t size)
{
    snprintf(out, size, "%s%s%s", s->base, prefix && *prefix ? "/" : "", prefix ? prefix : "");
}

/* libcurl write callback: the first 63 bytes of a control path's answer. */
static size_t service_collect(char *p, size_t size, size_t n, void *user)
{
    char *buf = user;
    size_t have = strlen(buf), take = size * n;
    if (have + take > 63) take = 63 - have;
    memcpy(buf + have, p, take);
    buf[have + take] = '\0';
    return size * n;
}

/* GET control path `path` (with `post`: POST that body) of the mirror, its answer's first 63
 * bytes into `answer`; returns the HTTP status, or -1 if the mirror did not answer. */
static long service_control(const wd_test_service *s, const char *path, const char *post,
                            char answer[64])
{
    char url[1100];
    snprintf(url, sizeof url, "%s/_mirror/%s", s->base, path);
    answer[0] = '\0';
    CURL *c = curl_easy_init();
    if (!c) return -1;
    curl_easy_setopt(c, CURLOPT_URL, url);
    if (post) curl_easy_setopt(c, CURLOPT_POSTFIELDS, post);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, service_collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, answer);
    long status = -1;
    if (curl_easy_perform(c) == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(c);
    return status;
}

/* Requests the mirror answered (or faulted) so far whose path+query contains `match`, as
 * sent or percent-decoded (NULL or "": every request); -1 if the mirror did not answer. The
 * control paths are not counted. */
WD_TEST_UNUSED static int wd_test_service_requests(const wd_test_service *s, const char *match)
{
    char *escaped = curl_easy_escape(NULL, match ? match : "", 0);
    if (!escaped) return -1;
    char path[1024], answer[64];
    snprintf(path, sizeof path, "count?match=%s", escaped);
    curl_free(escaped);
    return service_control(s, path, NULL, answer) == 200 ? atoi(answer) : -1;
}

/* Replace the mirror's fault rules while it runs (JSON text as in the faults file; "[]"
 * clears them); their counters start again. Returns 0, or -1 if the mirror refused them. */
WD_TEST_UNUSED static int wd_test_service_faults(const wd_test_service *s, const char *json)
{
    char answer[64];
    return service_control(s, "faults", json, answer) == 200 ? 0 : -1;
}

/* Write the dump of the data model a mirror with options `o` serves (README "Dump") to
 * `path`. Returns 0, or -1 (the mirror's message on stderr). */
WD_TEST_UNUSED static int wd_test_service_dump(const wd_test_service_options *o, const char *path)
{
    const char *argv[32];
    char nums[8][16];
    const char *extra[] = {"--out", path, NULL};
    service_argv(argv, nums, "dump", o, extra);
    pid_t pid = service_spawn(argv, NULL);
    int status;
    if (pid < 0 || waitpid(pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* Stop the mirror and wait for it (no zombie), then remove its folder. Safe to call on a
 * mirror that failed to start or was stopped already. */
WD_TEST_UNUSED static void wd_test_service_stop(wd_test_service *s)
{
    if (s->pid > 0) {
        kill(s->pid, SIGTERM);
        int waited = 0;
        while (waitpid(s->pid, NULL, WNOHANG) == 0) {
            if (waited >= 5000) {
                kill(s->pid, SIGKILL);
                waitpid(s->pid, NULL, 0);
                break;
            }
            service_sleep_ms(10);
            waited += 10;
        }
        s->pid = 0;
    }
    if (s->dir[0]) wd_test_rmtree(s->dir);
    s->dir[0] = '\0';
}
