/* libFuzzer harness for the CBS OData v3 parsers (fetchers/wd_odata.h): envelope, TableInfos,
 * DataProperties (two pages, repeated stems named by their groups), WijkenEnBuurten, KWB and
 * RIVM rows, with and without a gemeente filter, and the catalogue (ODataCatalog/Tables).
 * The input is not NUL-terminated, as the parsers must never rely on that. */
#include "fetchers/wd_odata.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *d = (const char *)data;
    wd_error err;
    wd_odata_page pg;
    if (wd_odata_page_parse(&pg, d, size, "fuzz", &err) == 0) wd_odata_page_free(&pg);
    wd_tableinfo info;
    char *link = NULL;
    (void)wd_odata_tableinfos(&info, d, size, "fuzz", &link, &err);
    free(link);
    /* DataProperties as two pages of the same bytes: repeated stems, groups and their names. */
    wd_props props = {0};
    int have_props = wd_odata_props_page(&props, d, size, "fuzz", NULL, &err) == 0 &&
                     wd_odata_props_page(&props, d, size, "fuzz", NULL, &err) == 0 &&
                     wd_odata_props_name(&props, "fuzz", &err) == 0;
    wd_batch *b = wd_batch_new();
    wd_rivm_state *st = wd_odata_rivm_new();
    if (b && st) {
        for (int pass = 0; pass < 2; pass++) {
            wd_rows_ctx ctx = {.year = 2024,
                               .indeling = 2024,
                               .source = 0,
                               .gemeente = pass ? "GM0344" : NULL,
                               .props = have_props && pass ? &props : NULL};
            char *next = NULL;
            (void)wd_odata_kwb_rows(b, &ctx, d, size, "fuzz", &next, &err);
            free(next);
            next = NULL;
            (void)wd_odata_regions(b, &ctx, d, size, "fuzz", &next, &err);
            free(next);
            next = NULL;
            (void)wd_odata_rivm_rows(b, &ctx, st, d, size, "fuzz", &next, &err);
            free(next);
        }
    }
    wd_odata_rivm_free(st);
    wd_batch_free(b);
    wd_odata_props_free(&props);
    wd_tables tables = {0};
    link = NULL;
    (void)wd_odata_catalog(&tables, d, size, "fuzz", &link, &err);
    free(link);
    wd_odata_tables_free(&tables);
    return 0;
}
