/* Tests of the utility module (engine/wd_buf, wd_file, wd_time, wd_sha256, wd_utf8): SHA-256
 * against the FIPS 180-2 examples, the atomic writer (mode 0644 less the umask, a failing writer or
 * an unwritable target keeps the old file and leaves no temporary file, a write that fails under a
 * file-size limit is reported with the file and its cause, onto a file or standard output),
 * the removal of temporary files a killed run left (and not of those a running writer holds),
 * reading a whole file (a folder, a missing or an oversized file named as such), UTF-8 names
 * cut only between characters (100 x "€", 5000 x "Ä", U+202E) and repaired, mkdir -p and its
 * error, the clock's format. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/wd_buf.h"
#include "engine/wd_file.h"
#include "engine/wd_sha256.h"
#include "engine/wd_time.h"
#include "engine/wd_utf8.h"
#include "wd_test_util.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static void sha256_fips_vectors(void **state)
{
    (void)state;
    char hex[65];
    wd_sha256_hex("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    wd_sha256_hex(m448, strlen(m448), hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    wd_sha256_hex("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    /* One million 'a' (FIPS 180-2 appendix B.3) crosses many blocks and the length field. */
    static char million[1000000];
    memset(million, 'a', sizeof million);
    wd_sha256_hex(million, sizeof million, hex);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    /* 55, 56 and 64 bytes: around the padding boundary where the length needs a second
     * block (reference digests from Python's hashlib). */
    char x[64];
    memset(x, 'q', sizeof x);
    wd_sha256_hex(x, 55, hex);
    assert_string_equal(hex, "85528b5baff5639cb8e7daca79d085ac29ac0978e873ed7527158616b2b6c379");
    wd_sha256_hex(x, 56, hex);
    assert_string_equal(hex, "f8ce2f8d6990c639668fe404262f35ed72d8bb145ad6bae786af7284447386df");
    wd_sha256_hex(x, 64, hex);
    assert_string_equal(hex, "ee8e658590c9a5e119400a774415a01db104de1ee6e2c29ec69aa73ef46544d2");
}

static int write_text(FILE *f, void *ctx, wd_error *err)
{
    (void)err;
    fputs(ctx, f);
    return 0;
}

static int write_fail(FILE *f, void *ctx, wd_error *err)
{
    (void)ctx;
    fputs("half", f);
    return wd_error_set(err, WD_EPARSE, "stopped on purpose");
}

/* No "<name>.tmp.XXXXXX" left in `dir`. */
static void no_temporary_files(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        assert_null(strstr(e->d_name, ".tmp."));
    closedir(d);
}

static void atomic_writer(void **state)
{
    (void)state;
    char *dir = wd_test_tmpdir(), path[600];
    wd_error err = {0};
    snprintf(path, sizeof path, "%s/out.txt", dir);
    assert_int_equal(wd_file_write_atomic(path, write_text, "eerste", &err), 0);
    char *back = wd_test_read_file(path, NULL);
    assert_string_equal(back, "eerste");
    free(back);
    /* A failing writer keeps the old file and its own error. */
    assert_int_equal(wd_file_write_atomic(path, write_fail, NULL, &err), WD_EPARSE);
    assert_string_equal(err.msg, "stopped on purpose");
    back = wd_test_read_file(path, NULL);
    assert_string_equal(back, "eerste");
    free(back);
    /* Bytes replace the file as a whole. */
    assert_int_equal(wd_file_write_bytes(path, "tweede\0x", 6, &err), 0);
    size_t len = 0;
    back = wd_test_read_file(path, &len);
    assert_int_equal(len, 6);
    assert_memory_equal(back, "tweede", 6);
    free(back);
    /* A target that is a non-empty folder: written, then the rename fails; named. */
    char folder[700], inner[800];
    snprintf(folder, sizeof folder, "%s/map", dir);
    snprintf(inner, sizeof inner, "%s/keep.txt", folder);
    assert_int_equal(mkdir(folder, 0755), 0);
    assert_int_equal(wd_test_write_file(inner, "x", 1), 0);
    assert_int_equal(wd_file_write_bytes(folder, "y", 1, &err), WD_EIO);
    wd_test_assert_contains(err.msg, "kan ");
    wd_test_assert_contains(err.msg, folder);
    /* A folder that does not exist. */
    snprintf(path, sizeof path, "%s/geen/map/out.txt", dir);
    assert_int_equal(wd_file_write_bytes(path, "z", 1, &err), WD_EIO);
    wd_test_assert_contains(err.msg, path);
    no_temporary_files(dir);
    wd_test_rmtree(dir);
    free(dir);
}

/* Mode of a file written with umask `mask`. */
static unsigned mode_under_umask(const char *path, mode_t mask)
{
    wd_error err = {0};
    mode_t old = umask(mask);
    int rc = wd_file_write_bytes(path, "x", 1, &err);
    umask(old);
    assert_int_equal(rc, 0);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return st.st_mode & 0777;
}

static void outputs_follow_the_umask(void **state)
{
    (void)state;
    char *dir = wd_test_tmpdir(), path[600];
    snprintf(path, sizeof path, "%s/out.csv", dir);
    assert_int_equal(mode_under_umask(path, 022), 0644);
    assert_int_equal(mode_under_umask(path, 077), 0600);
    assert_int_equal(mode_under_umask(path, 027), 0640);
    assert_int_equal(mode_under_umask(path, 0), 0644);
    wd_test_rmtree(dir);
    free(dir);
}

static void touch(const char *dir, const char *name)
{
    char path[700];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(wd_test_write_file(path, "half", 4), 0);
}

static int exists(const char *dir, const char *name)
{
    char path[700];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return lstat(path, &st) == 0;
}

/* What a killed run left goes; what a running writer holds, and anything not of the writer's
 * naming, stays. */
static void stale_temporaries_are_removed(void **state)
{
    (void)state;
    char *dir = wd_test_tmpdir(), path[700];
    touch(dir, "BU99990101.pdf.tmp.AbC123"); /* killed in the middle */
    touch(dir, "x.csv.tmp.000000");
    touch(dir, "held.csv.tmp.Zz9Zz9"); /* a running writer's, locked below */
    touch(dir, "eigen.tmp.12345");     /* five characters: not ours */
    touch(dir, "eigen.tmp.ABCDEF.txt");
    touch(dir, ".tmp.ABCDEF"); /* no name before the mark */
    touch(dir, "rapport.pdf");
    snprintf(path, sizeof path, "%s/map.tmp.QWERTY", dir);
    assert_int_equal(mkdir(path, 0755), 0);
    snprintf(path, sizeof path, "%s/link.tmp.LINK00", dir);
    assert_int_equal(symlink("rapport.pdf", path), 0);
    snprintf(path, sizeof path, "%s/held.csv.tmp.Zz9Zz9", dir);
    int held = open(path, O_RDONLY);
    assert_true(held >= 0);
    assert_int_equal(flock(held, LOCK_EX), 0);

    assert_int_equal(wd_file_clean(dir), 2);
    assert_false(exists(dir, "BU99990101.pdf.tmp.AbC123"));
    assert_false(exists(dir, "x.csv.tmp.000000"));
    const char *stay[] = {"held.csv.tmp.Zz9Zz9", "eigen.tmp.12345", "eigen.tmp.ABCDEF.txt",
                          ".tmp.ABCDEF",         "rapport.pdf",     "map.tmp.QWERTY",
                          "link.tmp.LINK00"};
    for (size_t i = 0; i < sizeof stay / sizeof *stay; i++)
        assert_true(exists(dir, stay[i]));
    /* Once its writer is gone, it is stale too; beside a file means its folder. */
    close(held);
    snprintf(path, sizeof path, "%s/rapport.pdf", dir);
    assert_int_equal(wd_file_clean_beside(path), 1);
    assert_false(exists(dir, "held.csv.tmp.Zz9Zz9"));
    /* A writer's own temporary file is locked while it writes. */
    wd_file_out *o;
    wd_error err = {0};
    assert_int_equal(wd_file_open(&o, path, &err), 0);
    fputs("nieuw", wd_file_stream(o));
    assert_int_equal(wd_file_clean(dir), 0);
    assert_int_equal(wd_file_commit(o, &err), 0);
    char *back = wd_test_read_file(path, NULL);
    assert_string_equal(back, "nieuw");
    free(back);
    assert_int_equal(wd_file_clean("/geen/map/hier"), 0);
    wd_test_rmtree(dir);
    free(dir);
}

static int write_large(FILE *f, void *ctx, wd_error *err)
{
    (void)ctx;
    for (int i = 0; i < 10000; i++)
        if (fprintf(f, "regel %d met wat tekst om het bestand groot te maken\n", i) < 0)
            return wd_error_set(err, WD_EIO, "schrijven van de uitvoer mislukt");
    return 0;
}

typedef struct {
    const char *path;
    wd_error err;
} limited;

static int write_large_atomic(void *ctx)
{
    limited *l = ctx;
    return wd_file_write_atomic(l->path, write_large, NULL, &l->err);
}

static int write_large_stdout(void *ctx)
{
    limited *l = ctx;
    wd_file_out *o;
    int rc = wd_file_open_stdout(&o, &l->err);
    if (!rc) write_large(wd_file_stream(o), NULL, NULL);
    return rc ? rc : wd_file_commit(o, &l->err);
}

static void write_errors_name_file_and_cause(void **state)
{
    (void)state;
    char *dir = wd_test_tmpdir(), path[600];
    snprintf(path, sizeof path, "%s/uitvoer.csv", dir);
    assert_int_equal(wd_file_write_bytes(path, "oud", 3, NULL), 0);
    /* At the very first byte, within the stream's buffer and far into the file. */
    const unsigned long long limits[] = {0, 1, 4095, 4096, 4097, 100000};
    for (size_t i = 0; i < sizeof limits / sizeof *limits; i++) {
        limited l = {.path = path};
        assert_int_equal(wd_test_under_fsize_limit(limits[i], write_large_atomic, &l), WD_EIO);
        wd_test_assert_contains(l.err.msg, "schrijven naar ");
        wd_test_assert_contains(l.err.msg, path);
        wd_test_assert_contains(l.err.msg, "bestand te groot");
        char *back = wd_test_read_file(path, NULL);
        assert_string_equal(back, "oud");
        free(back);
        no_temporary_files(dir);
    }
    /* Standard output onto a file: the same check, naming standard output. */
    char out[700];
    snprintf(out, sizeof out, "%s/stdout.txt", dir);
    fflush(stdout);
    int saved = dup(STDOUT_FILENO), fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(saved >= 0 && fd >= 0);
    assert_int_equal(dup2(fd, STDOUT_FILENO), STDOUT_FILENO);
    close(fd);
    limited l = {.path = NULL};
    int rc = wd_test_under_fsize_limit(5000, write_large_stdout, &l);
    int ok = write_large_stdout(&(limited){.path = NULL});
    assert_int_equal(dup2(saved, STDOUT_FILENO), STDOUT_FILENO);
    close(saved);
    assert_int_equal(rc, WD_EIO);
    wd_test_assert_contains(l.err.msg, "schrijven naar de standaarduitvoer mislukt: bestand te "
                                       "groot (");
    assert_int_equal(ok, 0);
    wd_test_rmtree(dir);
    free(dir);
}

static void whole_files_are_read(void **state)
{
    (void)state;
    char *dir = wd_test_tmpdir(), path[600], *buf = NULL;
    size_t len = 0;
    wd_error err = {0};
    snprintf(path, sizeof path, "%s/def.json", dir);
    assert_int_equal(wd_test_write_file(path, "{\"a\": 1}", 8), 0);
    assert_int_equal(wd_file_read(path, 100, &buf, &len, &err), 0);
    assert_int_equal(len, 8);
    assert_string_equal(buf, "{\"a\": 1}");
    free(buf);
    /* Exactly at the cap, and one byte over it. */
    assert_int_equal(wd_file_read(path, 8, &buf, &len, &err), 0);
    free(buf);
    assert_int_equal(wd_file_read(path, 7, &buf, &len, &err), WD_EIO);
    wd_test_assert_contains(err.msg, "is groter dan 7 bytes");
    /* Larger than the first read, smaller than the cap. */
    static char big[300000];
    memset(big, 'x', sizeof big);
    assert_int_equal(wd_test_write_file(path, big, sizeof big), 0);
    assert_int_equal(wd_file_read(path, 16u << 20, &buf, &len, &err), 0);
    assert_int_equal(len, sizeof big);
    free(buf);
    assert_int_equal(wd_file_read(path, 1u << 20 >> 2, &buf, &len, &err), WD_EIO);
    assert_int_equal(wd_file_read(dir, 100, &buf, &len, &err), WD_EIO);
    wd_test_assert_contains(err.msg, "is een map, geen bestand");
    wd_test_assert_contains(err.msg, dir);
    snprintf(path, sizeof path, "%s/weg.json", dir);
    assert_int_equal(wd_file_read(path, 100, &buf, &len, &err), WD_ENOTFOUND);
    wd_test_assert_contains(err.msg, "kan ");
    wd_test_assert_contains(err.msg, "bestaat niet (");
    wd_test_rmtree(dir);
    free(dir);
}

static char *repeat(const char *piece, size_t times)
{
    size_t n = strlen(piece);
    char *s = malloc(n * times + 1);
    assert_non_null(s);
    for (size_t i = 0; i < times; i++)
        memcpy(s + i * n, piece, n);
    s[n * times] = '\0';
    return s;
}

static void names_are_cut_between_characters(void **state)
{
    (void)state;
    char buf[48];
    /* 100 euro signs (3 bytes each) into 48 bytes: whole signs, then the ellipsis. */
    char *euros = repeat("\xe2\x82\xac", 100);
    assert_int_equal(wd_utf8_copy(buf, sizeof buf, euros), WD_ENOMEM);
    assert_true(wd_utf8_validate(buf));
    assert_int_equal(strlen(buf), 14 * 3 + 3); /* 14 signs and "…" in 47 bytes */
    assert_memory_equal(buf + strlen(buf) - 3, "\xe2\x80\xa6", 3);
    for (size_t cap = 1; cap <= sizeof buf; cap++) {
        assert_int_equal(wd_utf8_copy(buf, cap, euros), WD_ENOMEM);
        assert_true(wd_utf8_validate(buf));
        assert_true(strlen(buf) < cap);
    }
    free(euros);
    /* 5000 x "Ä" (2 bytes) into a name field of 128. */
    char name[128];
    char *umlauts = repeat("\xc3\x84", 5000);
    assert_int_equal(wd_utf8_copy(name, sizeof name, umlauts), WD_ENOMEM);
    assert_true(wd_utf8_validate(name));
    assert_int_equal(strlen(name), 62 * 2 + 3);
    free(umlauts);
    /* What fits is copied as it is, the right-to-left override too. */
    assert_int_equal(wd_utf8_copy(name, sizeof name, "Oude \xe2\x80\xaeHaven"), 0);
    assert_string_equal(name, "Oude \xe2\x80\xaeHaven");
    assert_int_equal(wd_utf8_printf(name, sizeof name, "gemeente %s", "Voorbeeldstad"), 0);
    assert_string_equal(name, "gemeente Voorbeeldstad");
    /* A long formatted name is cut as a copy would be. */
    char *long_name = repeat("\xc3\xa9", 300);
    assert_int_equal(wd_utf8_printf(buf, sizeof buf, "wijk %s", long_name), WD_ENOMEM);
    assert_true(wd_utf8_validate(buf));
    assert_memory_equal(buf, "wijk \xc3\xa9", 7);
    free(long_name);
    /* Bytes that are no UTF-8 become '?'; a NULL source is empty; no buffer is a usage error. */
    assert_int_equal(wd_utf8_copy(name, sizeof name,
                                  "a\xff"
                                  "b\xc0\xaf"
                                  "c\xed\xa0\x80"
                                  "d"),
                     0);
    assert_string_equal(name, "a?b??c???d");
    assert_int_equal(wd_utf8_copy(name, sizeof name, NULL), 0);
    assert_string_equal(name, "");
    assert_int_equal(wd_utf8_copy(NULL, 4, "x"), WD_EUSAGE);
    assert_int_equal(wd_utf8_copy(name, 0, "x"), WD_EUSAGE);
}

static void invalid_text_is_repaired(void **state)
{
    (void)state;
    /* A character cut off at the end goes, other bad bytes become '?', nothing moves. */
    char cut[] = "Caf\xc3";
    assert_int_equal(wd_utf8_repair(cut), 1);
    assert_string_equal(cut, "Caf");
    char euro_cut[] = "\xe2\x82\xac\xe2\x82";
    assert_int_equal(wd_utf8_repair(euro_cut), 2);
    assert_string_equal(euro_cut, "\xe2\x82\xac");
    char middle[] = "a\xe2\x82"
                    "b";
    assert_int_equal(wd_utf8_repair(middle), 2);
    assert_string_equal(middle, "a??b");
    char fine[] = "Oude Haven \xe2\x80\x94 \xf0\x9f\x8f\xa0";
    assert_int_equal(wd_utf8_repair(fine), 0);
    assert_int_equal(wd_utf8_repair(NULL), 0);
    /* RFC 3629: no overlong form, no surrogate, nothing above U+10FFFF. */
    assert_true(wd_utf8_validate(fine));
    assert_false(wd_utf8_validate("\xc0\xaf"));
    assert_false(wd_utf8_validate("\xed\xa0\x80"));
    assert_false(wd_utf8_validate("\xf4\x90\x80\x80"));
    assert_true(wd_utf8_validate("\xf4\x8f\xbf\xbf"));
    assert_int_equal(wd_utf8_char("\xe2\x82\xac"), 3);
    assert_int_equal(wd_utf8_char("\xe2\x82"), 0);
}

static void mkdirs(void **state)
{
    (void)state;
    char *dir = wd_test_tmpdir(), path[600], file[600];
    wd_error err = {0};
    snprintf(path, sizeof path, "%s/a/b/c", dir);
    assert_int_equal(wd_file_mkdirs(path, &err), 0);
    assert_int_equal(wd_file_mkdirs(path, &err), 0); /* already there */
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    /* A file in the way: the message names the folder that could not be made. */
    snprintf(file, sizeof file, "%s/bestand", dir);
    assert_int_equal(wd_test_write_file(file, "x", 1), 0);
    snprintf(path, sizeof path, "%s/bestand/sub", dir);
    assert_int_equal(wd_file_mkdirs(path, &err), WD_EIO);
    wd_test_assert_contains(err.msg, "map ");
    wd_test_assert_contains(err.msg, path);
    wd_test_rmtree(dir);
    free(dir);
}

static void clock_and_buffer(void **state)
{
    (void)state;
    char now[32];
    wd_time_now_utc(now, sizeof now);
    int y, mo, d, h, mi, s;
    char z;
    assert_int_equal(sscanf(now, "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &z), 7);
    assert_int_equal(strlen(now), 20);
    assert_int_equal(z, 'Z');
    assert_true(y >= 2024 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31);
    wd_buf b = {.data = malloc(4), .len = 3};
    assert_non_null(b.data);
    wd_buf_free(&b);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    wd_buf_free(&b); /* empty */
    wd_buf_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sha256_fips_vectors),
        cmocka_unit_test(atomic_writer),
        cmocka_unit_test(outputs_follow_the_umask),
        cmocka_unit_test(stale_temporaries_are_removed),
        cmocka_unit_test(write_errors_name_file_and_cause),
        cmocka_unit_test(whole_files_are_read),
        cmocka_unit_test(names_are_cut_between_characters),
        cmocka_unit_test(invalid_text_is_repaired),
        cmocka_unit_test(mkdirs),
        cmocka_unit_test(clock_and_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
