/* Tests of the utility module (engine/wd_buf, wd_file, wd_time, wd_sha256): SHA-256 against
 * the FIPS 180-2 examples, the atomic writer (mode, a failing writer or an unwritable target
 * keeps the old file and leaves no temporary file), mkdir -p and its error, the clock's
 * format. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/wd_buf.h"
#include "engine/wd_file.h"
#include "engine/wd_sha256.h"
#include "engine/wd_time.h"
#include "wd_test_util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
    /* A document to share, whatever mkstemp chose. */
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);
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
        cmocka_unit_test(mkdirs),
        cmocka_unit_test(clock_and_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
