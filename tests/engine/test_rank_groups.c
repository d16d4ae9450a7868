/* Tests of engine/wd_rank_groups: groups of buurten whose rank intervals overlap, on
 * hand-made intervals (a chain, touching ends, one buurt alone), against an independent
 * computation (every pair compared, groups joined until nothing changes) on many random
 * intervals, the settled order between groups, bad intervals refused with the message, and
 * the groups of a ranking's gemeente (regions outside it or not ranked get -1). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/wd_rank_groups.h"
#include "demo/wd_demo.h"
#include "engine/wd_session.h"
#include "wd_test_util.h"

#include <stdlib.h>
#include <string.h>

static void hand_made(void **state)
{
    (void)state;
    wd_error err = {0};
    /* Sorted by first rank: [1,1] | [2,3] [3,5] [4,4] | [6,6]; given out of order. */
    const int lo[] = {3, 1, 6, 2, 4}, hi[] = {5, 1, 6, 3, 4};
    int g[5];
    assert_int_equal(wd_rank_groups(lo, hi, 5, g, &err), 3);
    assert_int_equal(g[1], 0);
    assert_int_equal(g[3], 1);
    assert_int_equal(g[0], 1);
    assert_int_equal(g[4], 1);
    assert_int_equal(g[2], 2);
    /* A chain: the first and the last do not overlap, and still share a group. */
    const int clo[] = {1, 2, 3}, chi[] = {2, 3, 4};
    assert_int_equal(wd_rank_groups(clo, chi, 3, g, &err), 1);
    assert_int_equal(g[0], 0);
    assert_int_equal(g[2], 0);
    /* Intervals that only follow each other (2 after 1) are settled: two groups. */
    const int tlo[] = {1, 2}, thi[] = {1, 2};
    assert_int_equal(wd_rank_groups(tlo, thi, 2, g, &err), 2);
    assert_int_equal(wd_rank_groups(tlo, thi, 0, g, &err), 0);
}

static int find(int *parent, int k)
{
    while (parent[k] != k)
        k = parent[k];
    return k;
}

/* Groups by comparing every pair, then the settled order between them. */
static void against_pairs(void **state)
{
    (void)state;
    enum { N = 40 };
    int lo[N], hi[N], g[N], parent[N];
    unsigned seed = 12345;
    wd_error err = {0};
    for (int round = 0; round < 200; round++) {
        for (int k = 0; k < N; k++) {
            seed = seed * 1103515245u + 12345u;
            lo[k] = 1 + (int)((seed >> 16) % N);
            seed = seed * 1103515245u + 12345u;
            hi[k] = lo[k] + (int)((seed >> 16) % (1 + round % 5));
            parent[k] = k;
        }
        for (int a = 0; a < N; a++)
            for (int b = 0; b < N; b++)
                if (lo[a] <= hi[b] && lo[b] <= hi[a]) parent[find(parent, a)] = find(parent, b);
        int n = wd_rank_groups(lo, hi, N, g, &err);
        assert_true(n >= 1);
        int roots = 0;
        for (int k = 0; k < N; k++)
            roots += find(parent, k) == k;
        assert_int_equal(n, roots);
        for (int a = 0; a < N; a++)
            for (int b = 0; b < N; b++) {
                assert_int_equal(g[a] == g[b], find(parent, a) == find(parent, b));
                if (g[a] < g[b]) assert_true(hi[a] < lo[b]);
            }
    }
}

static void bad_intervals(void **state)
{
    (void)state;
    wd_error err = {0};
    int g[2] = {7, 7};
    const int lo[] = {1, 5}, hi[] = {2, 4};
    assert_int_equal(wd_rank_groups(lo, hi, 2, g, &err), WD_EUSAGE);
    wd_test_assert_contains(err.msg, "rangeninterval 1 (5 tot 4) is ongeldig");
    assert_int_equal(g[0], 7);
    const int zlo[] = {0}, zhi[] = {3};
    assert_int_equal(wd_rank_groups(zlo, zhi, 1, g, &err), WD_EUSAGE);
    wd_test_assert_contains(err.msg, "(0 tot 3)");
}

/* The demo's ranking: per opgave the groups of its gemeente's ranked buurten are those of
 * their intervals; the wijken, the gemeente and the small buurten get none. */
static void groups_of_a_ranking(void **state)
{
    (void)state;
    char *dir = wd_test_tmpdir(), db[1024];
    assert_int_equal(wd_test_demo_store(dir, WD_DEMO_DEFAULT_BUURTEN, 20260126, db, sizeof db), 0);
    wd_session s;
    wd_session_options opt = {.store = db};
    wd_error err = {0};
    assert_int_equal(wd_session_open(&s, &opt, &err), 0);
    assert_int_equal(wd_session_load(&s, "GM9999", NULL, &err), 0);
    assert_int_equal(wd_session_rank(&s, 0, &err), 0);
    const wd_dataset *ds = s.ds;
    int gem = wd_dataset_region(ds, "GM9999");
    int *g = calloc(ds->n_regions, sizeof *g), *lo = calloc(ds->n_regions, sizeof *lo);
    int *hi = calloc(ds->n_regions, sizeof *hi), *want = calloc(ds->n_regions, sizeof *want);
    for (size_t o = 0; o < s.opg->n; o++) {
        int n = wd_rank_groups_of(s.rk, o, gem, g, &err);
        assert_true(n > 1);
        size_t k = 0;
        for (size_t r = 0; r < ds->n_regions; r++) {
            const wd_rank_entry *e = &s.rk->entry[wd_rank_cell(s.rk, r, o)];
            if (e->status != WD_RANK_RANKED) {
                assert_int_equal(g[r], -1);
                continue;
            }
            lo[k] = e->rank_lo;
            hi[k++] = e->rank_hi;
        }
        assert_int_equal(wd_rank_groups(lo, hi, k, want, &err), n);
        k = 0;
        for (size_t r = 0; r < ds->n_regions; r++)
            if (g[r] >= 0) assert_int_equal(g[r], want[k++]);
    }
    assert_int_equal(g[wd_dataset_region(ds, "WK999901")], -1);
    assert_int_equal(g[gem], -1);
    assert_int_equal(wd_rank_groups_of(s.rk, s.opg->n, gem, g, &err), WD_EUSAGE);
    free(g);
    free(lo);
    free(hi);
    free(want);
    wd_session_close(&s);
    wd_test_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hand_made),
        cmocka_unit_test(against_pairs),
        cmocka_unit_test(bad_intervals),
        cmocka_unit_test(groups_of_a_ranking),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
