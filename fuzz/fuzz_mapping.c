/* libFuzzer harness for mapping files and the generic readers (fetchers/wd_mapping.h, wd_csv.h):
 * the input is parsed as a mapping file and, when valid, applied to a fixed poll in CSV and JSON;
 * then a fixed mapping reads the input itself as CSV and as JSON. */
#include "fetchers/wd_csv.h"
#include "fetchers/wd_mapping.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char fixed_mapping[] =
    "{\"tabel\": \"t\", \"titel\": \"T\", \"regio\": \"buurtcode\", \"naam\": \"buurt\", "
    "\"periode\": \"jaar\", \"variabelen\": [\"a\", {\"kolom\": \"b c\", \"naam\": \"bc\"}]}";
static const char poll_csv[] = "buurtcode;buurt;jaar;a;b c\nBU99990101;Oude Haven;2025;1,5;.\n";
static const char poll_json[] =
    "[{\"buurtcode\": \"BU99990101\", \"buurt\": \"x\", \"jaar\": 2025, \"a\": 1, \"b c\": null}]";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *d = (const char *)data;
    wd_error err;
    wd_batch *b = wd_batch_new();
    if (!b) return 0;
    wd_mapping *m = NULL;
    if (wd_mapping_parse(&m, d, size, "fuzz", &err) == 0) {
        (void)wd_csv_mapped(b, 0, m, 2024, poll_csv, sizeof poll_csv - 1, "p", &err);
        (void)wd_mapping_json(b, 0, m, 2024, poll_json, sizeof poll_json - 1, "p", &err);
        wd_mapping_free(m);
    }
    if (wd_mapping_parse(&m, fixed_mapping, sizeof fixed_mapping - 1, "m", &err) == 0) {
        (void)wd_csv_mapped(b, 0, m, 2024, d, size, "fuzz", &err);
        (void)wd_mapping_json(b, 0, m, 2024, d, size, "fuzz", &err);
        wd_mapping_free(m);
    }
    wd_batch_free(b);
    return 0;
}
