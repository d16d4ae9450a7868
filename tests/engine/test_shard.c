/* Tests of engine/wd_shard: region counts of a (scaled-up demo) store's gemeenten agree with
 * the store's own listing of each gemeente's regions; the shards 1/N .. N/N of several
 * partitions together hold every gemeente exactly once, in code order, the same on every call;
 * the greedy partition's result on counts worked out by hand; "I/N" parsed and bad ones
 * refused; a shard that does not exist is a usage error naming it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/wd_shard.h"
#include "wd_test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *tmp, db[1100];

static int setup(void **state)
{
    (void)state;
    tmp = wd_test_tmpdir();
    return wd_test_demo_store(tmp, 300, 5, db, sizeof db);
}

static int teardown(void **state)
{
    (void)state;
    wd_test_rmtree(tmp);
    free(tmp);
    return 0;
}

static int count_region(const wd_region *r, void *ctx)
{
    (void)r;
    ++*(size_t *)ctx;
    return 0;
}

static void sizes_follow_the_parent_links(void **state)
{
    (void)state;
    wd_store *st = NULL;
    wd_error err = {0};
    assert_int_equal(wd_store_open_read(&st, db, &err), 0);
    wd_shard_gemeente *g = NULL;
    size_t n = 0, all = 0, sum = 0;
    assert_int_equal(wd_shard_sizes(st, &g, &n, &err), 0);
    assert_true(n >= 6);
    for (size_t i = 0; i < n; i++) {
        size_t listed = 0;
        assert_int_equal(wd_store_each_region(st, g[i].code, count_region, &listed, &err), 0);
        assert_int_equal(g[i].regions, listed);
        if (i) assert_true(strcmp(g[i - 1].code, g[i].code) < 0);
        sum += g[i].regions;
    }
    assert_int_equal(wd_store_each_region(st, NULL, count_region, &all, &err), 0);
    assert_int_equal(sum, all - 1); /* every region but Nederland */

    /* Every partition of these gemeenten: each one in exactly one shard, in code order. */
    for (int shards = 1; shards <= 9; shards++) {
        int *seen = calloc(n, sizeof *seen);
        assert_non_null(seen);
        for (int k = 1; k <= shards; k++) {
            wd_shard_gemeente *part = malloc(n * sizeof *part), *again = malloc(n * sizeof *part);
            assert_non_null(part);
            assert_non_null(again);
            memcpy(part, g, n * sizeof *g);
            memcpy(again, g, n * sizeof *g);
            size_t m = n, m2 = n;
            assert_int_equal(wd_shard_pick(part, &m, k, shards, &err), 0);
            assert_int_equal(wd_shard_pick(again, &m2, k, shards, &err), 0);
            assert_int_equal(m, m2);
            assert_memory_equal(part, again, m * sizeof *part);
            for (size_t i = 0; i < m; i++) {
                if (i) assert_true(strcmp(part[i - 1].code, part[i].code) < 0);
                size_t j = 0;
                while (j < n && strcmp(g[j].code, part[i].code) != 0)
                    j++;
                assert_true(j < n);
                seen[j]++;
            }
            free(part);
            free(again);
        }
        for (size_t j = 0; j < n; j++)
            assert_int_equal(seen[j], 1);
        free(seen);
    }
    free(g);
    wd_store_close(st);
}

/* Pick shard k of `shards` from the counts `regions` (codes GM0001, GM0002, ...) into a string
 * of their codes' last digits. */
static void pick(const size_t *regions, size_t n, int k, int shards, char *out)
{
    wd_shard_gemeente g[16];
    for (size_t i = 0; i < n; i++) {
        snprintf(g[i].code, sizeof g[i].code, "GM%04zu", i + 1);
        g[i].regions = regions[i];
    }
    wd_error err = {0};
    assert_int_equal(wd_shard_pick(g, &n, k, shards, &err), 0);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++)
        strncat(out, g[i].code + 5, 2);
}

static void greedy_partition_by_hand(void **state)
{
    (void)state;
    /* Work (regions + 1): GM1 8, GM2 3, GM3 6, GM4 6, GM5 2, GM6 4, handed out as GM1, GM3,
     * GM4, GM6, GM2, GM5 (largest first, ties by code). Two shards: GM1 -> 1 (8), GM3 -> 2
     * (6), GM4 -> 2 (12), GM6 -> 1 (12), GM2 -> 1 (a tie: the lowest; 15), GM5 -> 2 (14). */
    const size_t regions[] = {7, 2, 5, 5, 1, 3};
    char got[32];
    pick(regions, 6, 1, 2, got);
    assert_string_equal(got, "126");
    pick(regions, 6, 2, 2, got);
    assert_string_equal(got, "345");
    /* Three shards: GM1 -> 1 (8), GM3 -> 2 (6), GM4 -> 3 (6), GM6 -> 2 (10), GM2 -> 3 (9),
     * GM5 -> 1 (10). */
    pick(regions, 6, 1, 3, got);
    assert_string_equal(got, "15");
    pick(regions, 6, 2, 3, got);
    assert_string_equal(got, "36");
    pick(regions, 6, 3, 3, got);
    assert_string_equal(got, "24");
    /* More shards than gemeenten: the last ones are empty. */
    pick(regions, 6, 7, 7, got);
    assert_string_equal(got, "");
}

static void shard_text(void **state)
{
    (void)state;
    int k = 0, n = 0;
    assert_int_equal(wd_shard_parse("2/3", &k, &n), 0);
    assert_int_equal(k, 2);
    assert_int_equal(n, 3);
    assert_int_equal(wd_shard_parse("10000/10000", &k, &n), 0);
    static const char *bad[] = {"0/3",  "4/3",  "3",       "1/",   "/3",   "1/0",  "a/3",  "1/3x",
                                "-1/3", "1/-3", "1/10001", "1 /3", " 1/3", "1/ 3", "+1/3", ""};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (wd_shard_parse(bad[i], &k, &n) == 0) fail_msg("'%s' accepted", bad[i]);
    wd_shard_gemeente g[1] = {{"GM0001", 3}};
    size_t m = 1;
    wd_error err = {0};
    assert_int_equal(wd_shard_pick(g, &m, 4, 3, &err), WD_EUSAGE);
    wd_test_assert_contains(err.msg, "deel 4 van 3 bestaat niet");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sizes_follow_the_parent_links),
        cmocka_unit_test(greedy_partition_by_hand),
        cmocka_unit_test(shard_text),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
