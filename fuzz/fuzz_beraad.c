/* libFuzzer harness for reading a filled-in beraad template (engine/wd_beraad.h): the
 * tokenizer with ';' and ',', quotes over lines, UTF-8, the rows above the header, the columns
 * by name and every value's rule. */
#include "engine/wd_beraad.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The built-in indicators and opgaven, loaded once for every input. */
    static wd_indicator_set *set;
    static wd_opgave_set *opg;
    static wd_beraad_input in;
    wd_error err;
    if (!set && wd_indicators_load(&set, NULL, NULL, &err) != 0) return 0;
    if (!opg && wd_opgaven_load(&opg, set, NULL, &err) != 0) return 0;
    (void)wd_beraad_parse(&in, "fuzz", (const char *)data, size, opg, &err);
    return 0;
}
