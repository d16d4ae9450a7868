/* Implementation of wd_error.h: formatting into the fixed-size message buffer. */
#include "engine/wd_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int wd_error_set(wd_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->code = code;
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

int wd_error_prefix(wd_error *err, const char *fmt, ...)
{
    if (!err) return WD_ERR;
    char prefix[WD_ERROR_MSG_MAX], old[WD_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    /* Truncation is fine: the message is one line for a person to read. */
    memcpy(old, err->msg, sizeof old);
    size_t n = strlen(prefix);
    memcpy(err->msg, prefix, n + 1);
    size_t rest = sizeof err->msg - 1 - n;
    strncat(err->msg, old, rest);
    return err->code;
}
