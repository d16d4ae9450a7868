/* Implementation of wd_test_util.h. */
#include "wd_test_util.h"

#include "demo/wd_demo.h"
#include "demo/wd_demo_import.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

char *wd_test_tmpdir(void)
{
    char tmpl[] = "/tmp/wdtest.XXXXXX";
    if (!mkdtemp(tmpl)) {
        perror("mkdtemp");
        abort();
    }
    return strdup(tmpl);
}

void wd_test_rmtree(const char *path)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", path);
}

char *wd_test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (!buf) return NULL;
    buf[n] = '\0';
    if (len) *len = n;
    return buf;
}

int wd_test_under_fsize_limit(unsigned long long bytes, int (*fn)(void *ctx), void *ctx)
{
    struct rlimit old, lim;
    void (*was)(int) = signal(SIGXFSZ, SIG_IGN);
    if (getrlimit(RLIMIT_FSIZE, &old) != 0) abort();
    lim = old;
    lim.rlim_cur = (rlim_t)bytes;
    if (setrlimit(RLIMIT_FSIZE, &lim) != 0) abort();
    int rc = fn(ctx);
    if (setrlimit(RLIMIT_FSIZE, &old) != 0) abort();
    signal(SIGXFSZ, was);
    return rc;
}

int wd_test_cli_demo(char **dir, const char *args)
{
    *dir = wd_test_tmpdir();
    char cmd[256], *out = NULL;
    snprintf(cmd, sizeof cmd, "demo %s", args);
    int rc = wd_test_cli(*dir, cmd, &out);
    if (rc != 0) fprintf(stderr, "demo failed (%d):\n%s\n", rc, out ? out : "");
    free(out);
    return rc;
}

void wd_test_dir_free(char **dir)
{
    if (!*dir) return;
    wd_test_rmtree(*dir);
    free(*dir);
    *dir = NULL;
}

int wd_test_demo_store(const char *dir, int n_buurten, unsigned long seed, char *db, size_t cap)
{
    char src[1024];
    snprintf(src, sizeof src, "%s/bronnen", dir);
    snprintf(db, cap, "%s/demo.db", dir);
    wd_demo_options opt = {.n_buurten = n_buurten, .seed = seed};
    wd_error err = {0};
    wd_store *s = NULL;
    int rc = wd_demo_generate(src, &opt, &err);
    if (!rc) rc = wd_store_open(&s, db, 1, &err);
    if (!rc) rc = wd_demo_import(s, src, NULL, NULL, &err);
    if (rc) fprintf(stderr, "demo: %s\n", err.msg);
    wd_store_close(s);
    return rc;
}

sqlite3 *wd_test_sqlite(const char *path)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        fprintf(stderr, "cannot open %s: %s\n", path, db ? sqlite3_errmsg(db) : "out of memory");
        abort();
    }
    sqlite3_busy_timeout(db, 5000);
    return db;
}

char *wd_test_read_shared(const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", WD_SHARED_FIXTURES, name);
    return wd_test_read_file(path, len);
}

int wd_test_write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    int ok = fwrite(data, 1, len, f) == len;
    return (fclose(f) == 0 && ok) ? 0 : -1;
}

int wd_test_run(const char *cmd, char **output)
{
    char full[8192];
    snprintf(full, sizeof full, "%s 2>&1", cmd);
    FILE *p = popen(full, "r");
    if (!p) return -1;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n - 1, p)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) break;
            buf = nb;
            cap *= 2;
        }
    }
    if (buf) buf[n] = '\0';
    int st = pclose(p);
    if (output)
        *output = buf;
    else
        free(buf);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int wd_test_cli(const char *cwd, const char *args, char **output)
{
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' %s", cwd, WD_CLI, args);
    return wd_test_run(cmd, output);
}

void wd_test_assert_contains(const char *hay, const char *needle)
{
    if (!hay || !strstr(hay, needle)) {
        print_error("expected to find \"%s\" in:\n%s\n", needle, hay ? hay : "(null)");
        fail();
    }
}

void wd_test_assert_rel(double got, double want, double tol)
{
    if (!(fabs(got - want) <= tol * fabs(want))) { /* also fails on NaN */
        print_error("got %.17g, want %.17g (rel tol %g)\n", got, want, tol);
        fail();
    }
}
