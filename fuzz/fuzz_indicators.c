/* libFuzzer harness for the indicator and draagkracht/draaglast definition parser: the input
 * as a user's indicator file and as a balance definition, each read on top of the built-in
 * definitions. Those are parsed once for every input (a set loaded before, as base): parsing
 * the 18 KB of built-ins per input held the harness at some tens of runs per second. */
#include "engine/wd_indicators.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static wd_indicator_set *builtin;
    wd_indicator_set *set = NULL;
    wd_error err;
    if (!builtin && wd_indicators_load(&builtin, NULL, NULL, &err) != 0) return 0;
    for (int balance = 0; balance < 2; balance++)
        if (wd_indicators_load_text(&set, builtin, "fuzz", (const char *)data, size, balance,
                                    &err) == 0)
            wd_indicators_free(set);
    return 0;
}
