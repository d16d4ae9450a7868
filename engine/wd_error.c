/* Implementation of wd_error.h: formatting into the fixed-size message buffer, and the causes
 * of system errors in Dutch. */
#include "engine/wd_error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int wd_error_set(wd_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->code = code;
        err->errnum = 0;
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

/* What a user can do something about, in Dutch; the system's own text follows it. */
static const char *errno_dutch(int errnum)
{
    switch (errnum) {
    case ENOSPC:
        return "schijf vol";
    case EFBIG:
        return "bestand te groot";
#ifdef EDQUOT
    case EDQUOT:
        return "schijfquotum bereikt";
#endif
    case EACCES:
        return "geen toegang";
    case EPERM:
        return "niet toegestaan";
    case EROFS:
        return "schijf is alleen-lezen";
    case ENOENT:
        return "bestaat niet";
    case ENOTDIR:
        return "een deel van het pad is geen map";
    case EISDIR:
        return "is een map";
    case EIO:
        return "invoer-/uitvoerfout van de schijf";
    case ENAMETOOLONG:
        return "naam te lang";
    case EMFILE:
    case ENFILE:
        return "te veel open bestanden";
    case ENOMEM:
        return "geen geheugen meer";
    case EEXIST:
        return "bestaat al";
    case ENOTEMPTY:
        return "map is niet leeg";
    case EXDEV:
        return "op een ander bestandssysteem";
    case ELOOP:
        return "te veel symbolische koppelingen";
    case EBUSY:
        return "in gebruik";
    case EPIPE:
        return "de ontvanger is gestopt";
    default:
        return "systeemfout";
    }
}

void wd_error_errno_text(char *buf, size_t cap, int errnum)
{
    char sys[128];
    /* The XSI strerror_r: thread-safe, unlike strerror (profiles render on worker threads). */
    if (strerror_r(errnum, sys, sizeof sys) != 0) snprintf(sys, sizeof sys, "errno %d", errnum);
    snprintf(buf, cap, "%s (%s)", errno_dutch(errnum), sys);
}

int wd_error_sys(wd_error *err, int code, int errnum, const char *fmt, ...)
{
    if (err) {
        char what[WD_ERROR_MSG_MAX], why[192];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(what, sizeof what, fmt, ap);
        va_end(ap);
        wd_error_errno_text(why, sizeof why, errnum);
        wd_error_set(err, code, "%s: %s", what, why);
        err->errnum = errnum;
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
