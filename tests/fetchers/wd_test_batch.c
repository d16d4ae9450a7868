/* Building and looking up a wd_batch in tests. Included (after cmocka.h) by the tests that need
 * them. */
#include "engine/wd_batch.h"
#include "wd_test_util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Append an observation without bounds, from source 0; fails the test when it cannot. */
WD_TEST_UNUSED static void add_obs(wd_batch *b, const char *region, int year, const char *var,
                                   double v, unsigned flags)
{
    wd_obs o = {.year = year, .value = v, .lo = NAN, .hi = NAN, .flags = flags, .source = 0};
    snprintf(o.region, sizeof o.region, "%s", region);
    snprintf(o.variable, sizeof o.variable, "%s", var);
    assert_int_equal(wd_batch_add_obs(b, &o, NULL), 0);
}

/* Append a region of the 2024 classification; fails the test when it cannot. */
WD_TEST_UNUSED static void add_region(wd_batch *b, const char *code, const char *name,
                                      wd_level level, const char *parent)
{
    wd_region r = {.level = level, .indeling = 2024};
    snprintf(r.code, sizeof r.code, "%s", code);
    snprintf(r.name, sizeof r.name, "%s", name);
    snprintf(r.parent, sizeof r.parent, "%s", parent);
    assert_int_equal(wd_batch_add_region(b, &r, NULL), 0);
}

/* The observation of (region, variable, subgroup, year), or NULL. */
WD_TEST_UNUSED static const wd_obs *find_obs(const wd_batch *b, const char *region, const char *var,
                                             const char *sub, int year)
{
    for (size_t i = 0; i < b->n_obs; i++) {
        const wd_obs *o = &b->obs[i];
        if (!strcmp(o->region, region) && !strcmp(o->variable, var) && !strcmp(o->subgroup, sub) &&
            o->year == year)
            return o;
    }
    return NULL;
}

/* The last region entry with this code (later names win), or NULL. */
WD_TEST_UNUSED static const wd_region *find_region(const wd_batch *b, const char *code)
{
    const wd_region *found = NULL;
    for (size_t i = 0; i < b->n_regions; i++)
        if (!strcmp(b->regions[i].code, code) &&
            (!found || b->regions[i].name[0] || !found->name[0]))
            found = &b->regions[i];
    return found;
}

/* Number of observations of a region. */
WD_TEST_UNUSED static size_t count_obs(const wd_batch *b, const char *region)
{
    size_t n = 0;
    for (size_t i = 0; i < b->n_obs; i++)
        n += strcmp(b->obs[i].region, region) == 0;
    return n;
}
