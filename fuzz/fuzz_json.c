/* libFuzzer harness for the tree-less JSON scanner (engine/wd_json.h), against jansson: every
 * text jansson accepts the scanner skips as one value to its end (the PDOK reader relies on
 * that to find each feature), and its compact copy is the same value to jansson. On any text,
 * walking members and elements and reading strings and numbers stays within the bytes. */
#include "engine/wd_json.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Walk the value at j as the readers do, to a small depth. */
static void walk(wd_json *j, int depth)
{
    int c = wd_json_peek(j), first = 1;
    const char *key;
    size_t n;
    double x;
    if (depth > 8 || c < 0) return;
    if (c == '{' && wd_json_take(j, '{') == 0)
        while (wd_json_member(j, &first, &key, &n) > 0)
            walk(j, depth + 1);
    else if (c == '[' && wd_json_take(j, '[') == 0)
        while (wd_json_element(j, &first) > 0)
            walk(j, depth + 1);
    else if (c == '"')
        (void)wd_json_string(j, &key, &n);
    else if (wd_json_number(j, &x) != 0)
        (void)wd_json_skip(j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    wd_json j = wd_json_open(s, size);
    walk(&j, 0);
    json_error_t jerr;
    json_t *v = json_loadb(s, size, JSON_DECODE_ANY, &jerr);
    if (!v) return 0;
    j = wd_json_open(s, size);
    if (wd_json_skip(&j) != 0 || !wd_json_at_end(&j)) abort();
    char *compact = malloc(size ? size : 1);
    if (!compact) abort();
    json_t *w = json_loadb(compact, wd_json_compact(compact, s, size), JSON_DECODE_ANY, &jerr);
    if (!w || !json_equal(v, w)) abort();
    json_decref(w);
    json_decref(v);
    free(compact);
    return 0;
}
