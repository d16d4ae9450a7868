/* Implementation of wd_test_util.h. */
#include "wd_test_util.h"

#include "demo/wd_demo.h"
#include "demo/wd_demo_import.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <cairo.h>
#include <math.h>
#include <signal.h>
#include <sqlite3.h>
#include <ctype.h>
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
    if (!rc) rc = wd_demo_import(s, src, 1, NULL, NULL, &err);
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

char *wd_test_cli_expect(const char *cwd, const char *args, int want)
{
    char *out = NULL;
    int rc = wd_test_cli(cwd, args, &out);
    if (rc != want) print_error("wijkdata %s: exit %d\n%s\n", args, rc, out ? out : "");
    assert_int_equal(rc, want);
    return out;
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

/* Mean grey of block (bx, by) of `block` x `block` pixels, read as 0xAARRGGBB words. */
static double block_grey(cairo_surface_t *s, int block, int bx, int by)
{
    const unsigned char *d = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    double sum = 0;
    for (int y = by * block; y < (by + 1) * block; y++)
        for (int x = bx * block; x < (bx + 1) * block; x++) {
            unsigned v = *(const unsigned *)(d + y * stride + x * 4);
            sum += 0.2126 * ((v >> 16) & 0xff) + 0.7152 * ((v >> 8) & 0xff) + 0.0722 * (v & 0xff);
        }
    return sum / (block * block);
}

void wd_test_image_difference(cairo_surface_t *a, cairo_surface_t *b, int block, double *mean,
                              double *share)
{
    int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
    if (w != cairo_image_surface_get_width(b) || h != cairo_image_surface_get_height(b)) {
        *mean = 255;
        *share = 1;
        return;
    }
    cairo_surface_flush(a);
    cairo_surface_flush(b);
    double sum = 0;
    long big = 0, n = 0;
    for (int by = 0; by < h / block; by++)
        for (int bx = 0; bx < w / block; bx++) {
            double d = fabs(block_grey(a, block, bx, by) - block_grey(b, block, bx, by));
            sum += d;
            big += d > 40;
            n++;
        }
    *mean = sum / n;
    *share = (double)big / n;
}

/* The code point at *s (UTF-8), advancing *s; a broken sequence reads as one byte. */
static unsigned next_cp(const unsigned char **s)
{
    const unsigned char *u = *s;
    unsigned cp = *u++;
    int more = cp >= 0xf0 ? 3 : cp >= 0xe0 ? 2 : cp >= 0xc0 ? 1 : 0;
    if (more) cp &= 0x3fu >> more;
    for (; more > 0 && (*u & 0xc0) == 0x80; more--)
        cp = cp << 6 | (*u++ & 0x3fu);
    *s = u;
    return cp;
}

static int is_letter(unsigned cp)
{
    return (cp < 0x80 && isalpha((int)cp)) ||
           (cp >= 0xc0 && cp <= 0x24f && cp != 0xd7 && cp != 0xf7);
}

double wd_test_lix(const char *text, int *words, int *sentences, int *long_words)
{
    int a = 0, b = 0, c = 0, letters = 0, in_sentence = 0;
    const unsigned char *s = (const unsigned char *)text;
    while (*s) {
        unsigned cp = next_cp(&s);
        if (is_letter(cp)) {
            letters++;
            in_sentence = 1;
            continue;
        }
        /* A hyphen or apostrophe between two letters keeps the word going. */
        const unsigned char *peek = s;
        if (letters > 0 && (cp == '-' || cp == '\'' || cp == 0x2019) && *peek &&
            is_letter(next_cp(&peek)))
            continue;
        if (letters > 0) {
            a++;
            c += letters > 6;
            letters = 0;
        }
        if (cp == '.' || cp == ':' || cp == '!' || cp == '?') {
            while (*s == '.' || *s == ':' || *s == '!' || *s == '?')
                s++;
            if (in_sentence && (!*s || isspace(*s))) {
                b++;
                in_sentence = 0;
            }
        }
    }
    if (letters > 0) {
        a++;
        c += letters > 6;
    }
    b += in_sentence;
    if (words) *words = a;
    if (sentences) *sentences = b;
    if (long_words) *long_words = c;
    return a > 0 ? (double)a / b + 100.0 * c / a : NAN;
}
