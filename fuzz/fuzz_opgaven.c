/* libFuzzer harness for the wijkopgaven definition parser. */
#include "engine/wd_rank.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static wd_indicator_set *set; /* the built-in indicators, loaded once for every input */
    wd_opgave_set *opg = NULL;
    wd_error err;
    if (!set && wd_indicators_load(&set, NULL, NULL, &err) != 0) return 0;
    if (wd_opgaven_load_text(&opg, set, "fuzz", (const char *)data, size, &err) == 0)
        wd_opgaven_free(opg);
    return 0;
}
