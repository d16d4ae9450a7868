/* libFuzzer harness for the zip reader (fetchers/wd_zip.c, libzip from memory). The input is
 * read as a zip: every member is listed, extracted under a small cap and read as a
 * Leefbaarometer CSV, as wd_fetch_lbm_zip does. Mutated zips rarely pass libzip's checks, so
 * the input is also packed as the buurten member of a valid zip made here, which takes every
 * input through extraction and the CSV reader. */
#include "fetchers/wd_csv.h"
#include "fetchers/wd_zip.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <zip.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void read_zip(const char *data, size_t size)
{
    wd_error err;
    wd_zip *z;
    if (wd_zip_open(&z, data, size, "fuzz", &err)) return;
    wd_batch *b = wd_batch_new();
    for (size_t i = 0; b && i < wd_zip_count(z) && i < 64; i++) {
        (void)wd_zip_name(z, i);
        char *out;
        size_t len;
        if (wd_zip_extract(z, i, 1u << 20, &out, &len, &err) == 0) {
            (void)wd_csv_lbm(b, 0, out, len, "fuzz", NULL, &err);
            free(out);
        }
    }
    wd_batch_free(b);
    wd_zip_close(z);
}

/* The input as the one member of a zip in memory; NULL when libzip cannot make it. */
static char *pack(const uint8_t *data, size_t size, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *mem = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_error_fini(&ze);
    if (!mem) return NULL;
    zip_source_keep(mem); /* it must outlive zip_close, which writes into it */
    zip_t *za = zip_open_from_source(mem, ZIP_TRUNCATE, NULL);
    zip_source_t *member = za ? zip_source_buffer(za, data, size, 0) : NULL;
    int ok =
        member && zip_file_add(za, "Leefbaarometer-scores buurten 2002-2024.csv", member, 0) >= 0;
    if (member && !ok) zip_source_free(member);
    if (za && (!ok || zip_close(za) != 0)) {
        zip_discard(za);
        ok = 0;
    }
    char *out = NULL;
    zip_stat_t st;
    if (ok && zip_source_open(mem) == 0) {
        if (zip_source_stat(mem, &st) == 0 && (out = malloc(st.size ? st.size : 1)) &&
            zip_source_read(mem, out, st.size) == (zip_int64_t)st.size) {
            *len = st.size;
        } else {
            free(out);
            out = NULL;
        }
        zip_source_close(mem);
    }
    zip_source_free(mem);
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    read_zip((const char *)data, size);
    size_t len;
    char *zip = pack(data, size, &len);
    if (zip) read_zip(zip, len);
    free(zip);
    return 0;
}
