/* libFuzzer harness for the packed series of the store (wd_store_series_count /
 * wd_store_series_get): a store file may be damaged or hostile, so any blob must be refused or read
 * within bounds. */
#include "engine/wd_store.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    long n = wd_store_series_count(data, size);
    volatile double sum = 0;
    for (long k = 0; k < n; k++) {
        wd_store_series_point pt;
        wd_store_series_get(data, (size_t)k, &pt);
        sum += pt.value + pt.lo + pt.hi + pt.year + pt.flags + (double)pt.source;
    }
    return 0;
}
