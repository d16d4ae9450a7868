/* Look-ups in a wd_batch for the fetcher tests. Included by the tests that need them. */
#include "engine/wd_batch.h"
#include "wd_test_util.h"

#include <string.h>

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
