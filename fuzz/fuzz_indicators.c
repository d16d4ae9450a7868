/* libFuzzer harness for the indicator and draagkracht/draaglast definition parser. */
#include "engine/wd_indicators.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wd_indicator_set *set = NULL;
    wd_error err;
    for (int balance = 0; balance < 2; balance++)
        if (wd_indicators_load_text(&set, "fuzz", (const char *)data, size, balance, &err) == 0)
            wd_indicators_free(set);
    return 0;
}
