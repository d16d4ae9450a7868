/* libFuzzer harness for the PDOK OGC API GeoJSON parser (fetchers/wd_pdok.h). */
#include "fetchers/wd_pdok.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wd_error err;
    wd_batch *b = wd_batch_new();
    if (!b) return 0;
    char *next = NULL;
    (void)wd_pdok_parse(b, 0, 2024, (const char *)data, size, "fuzz", &next, &err);
    free(next);
    wd_batch_free(b);
    return 0;
}
