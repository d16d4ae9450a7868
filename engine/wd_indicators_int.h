/* Internal to the definition loaders (engine/wd_indicators.c, and wd_rank.c for the opgaven):
 * one JSON document reader with the line and column of syntax errors and the line of the
 * object a content error is about. Not part of the library's interface. */
#ifndef WD_INDICATORS_INT_H
#define WD_INDICATORS_INT_H

#include "engine/wd_error.h"

#include <stddef.h>

/* A JSON document named `name` in messages, from memory or (text NULL) from the file `name`. */
typedef struct {
    const char *name;
    const char *text;
    size_t len;
} wd_doc;
struct json_t;
/* Parse `doc`, first reading the file when doc->text is NULL (then *owned holds the bytes and
 * doc->text points at them: free *owned after use). Syntax errors name line and column. */
int wd_indicators__read(struct json_t **out, wd_doc *doc, char **owned, wd_error *err);
/* Line (from 1) of the first `"key": "value"` pair in the text, 0 when not found: content
 * errors name the line of the object they are about. */
int wd_indicators__line(const char *text, size_t len, const char *key, const char *value);
/* Parse the object with "id" `id` of `doc` by `parse(arg, ctx, err)`, whose messages begin
 * with `ctx`: once without a message, and only when that fails once more with the context
 * "file: regel 12: <what> 'id'" (without the line when it cannot be found). Looking up the
 * line of every object made a load quadratic in the document's length. `parse` must give the
 * same result twice (it fills the object afresh). */
int wd_indicators__in_context(const wd_doc *doc, const char *what, const char *id,
                              int (*parse)(void *arg, const char *ctx, wd_error *err), void *arg,
                              wd_error *err);

#endif
