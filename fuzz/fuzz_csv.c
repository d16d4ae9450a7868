/* libFuzzer harness for the CSV layer (fetchers/wd_csv.h, wd_parse.h): the RFC 4180 tokenizer
 * (engine/wd_csvtok.h) with
 * ',' and ';', number and cell parsing (the special codes), the Leefbaarometer scores CSV (every
 * layout, afw derived where it is absent), the StatLine export and the table id in a text. */
#include "fetchers/wd_csv.h"
#include "fetchers/wd_parse.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *d = (const char *)data;
    wd_error err;
    for (int k = 0; k < 2; k++) {
        wd_csvtok c;
        wd_csvtok_init(&c, d, size, k ? ';' : ',');
        int rc;
        while ((rc = wd_csv_next(&c, "fuzz", &err)) == 1) {
            for (size_t i = 0; i < c.n_fields; i++) {
                double v;
                unsigned flags;
                (void)wd_parse_number(wd_csvtok_field(&c, i), &v);
                (void)wd_parse_cell(wd_csvtok_field(&c, i), &v, &flags);
                (void)wd_parse_year(wd_csvtok_field(&c, i));
            }
        }
        wd_csvtok_free(&c);
    }
    wd_batch *b = wd_batch_new();
    if (b) {
        (void)wd_csv_lbm(b, 0, d, size, "fuzz", NULL, &err);
        (void)wd_csv_statline(b, 0, 2024, d, size, "fuzz", &err);
        (void)wd_csv_statline(b, 0, 0, d, size, "fuzz", &err);
    }
    wd_batch_free(b);
    char id[16];
    (void)wd_parse_table_id(id, sizeof id, d, size);
    return 0;
}
