/* libFuzzer harness for the zip reader (fetchers/wd_zip.c, libzip from memory): every member
 * is listed and extracted under a small cap, and what comes out is read as a Leefbaarometer
 * CSV, as wd_fetch_lbm_zip does. */
#include "fetchers/wd_parse.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wd_error err;
    wd_zip *z;
    if (wd_zip_open(&z, (const char *)data, size, "fuzz", &err)) return 0;
    wd_batch *b = wd_batch_new();
    for (size_t i = 0; b && i < wd_zip_count(z) && i < 64; i++) {
        (void)wd_zip_name(z, i);
        char *out;
        size_t len;
        if (wd_zip_extract(z, i, 1u << 20, &out, &len, &err) == 0) {
            (void)wd_parse_lbm_csv(b, 0, out, len, "fuzz", &err);
            free(out);
        }
    }
    wd_batch_free(b);
    wd_zip_close(z);
    return 0;
}
