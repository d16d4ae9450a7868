/* libFuzzer harness for the map boundaries' GeoJSON geometry parser (plots/wd_geo.h). */
#include "engine/wd_geo.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wd_error err;
    wd_geo *g = wd_geo_new();
    if (!g) return 0;
    (void)wd_geo_add(g, "BU00000000", 2024, (const char *)data, size, &err);
    wd_geo_free(g);
    return 0;
}
