/* libFuzzer harness for the CBS OData v4 parsers (fetchers/wd_odata4.h): Properties,
 * MeasureCodes and Observations pages, with and without a gemeente filter and table year. */
#include "fetchers/wd_odata4.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *d = (const char *)data;
    wd_error err;
    wd_tableinfo info;
    (void)wd_odata4_properties(&info, d, size, "fuzz", &err);
    wd_measures m = {0};
    char *next = NULL;
    (void)wd_odata4_measures_page(&m, d, size, "fuzz", &next, &err);
    free(next);
    wd_odata4_measures_free(&m);
    wd_batch *b = wd_batch_new();
    if (!b) return 0;
    for (int pass = 0; pass < 2; pass++) {
        wd_rows_ctx ctx = {.year = pass ? 0 : 2024, .gemeente = pass ? "GM0344" : NULL};
        next = NULL;
        (void)wd_odata4_observations(b, &ctx, d, size, "fuzz", &next, &err);
        free(next);
    }
    wd_batch_free(b);
    return 0;
}
