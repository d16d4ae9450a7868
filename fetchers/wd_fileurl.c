/* Implementation of wd_fileurl.h. */
#include "fetchers/wd_fileurl.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int wd_fileurl_from_path(char *out, size_t cap, const char *path, wd_error *err)
{
    char abs[PATH_MAX];
    if (!realpath(path, abs))
        return wd_error_set(err, WD_ENOTFOUND, "%s: %s (%s)", path,
                            errno == EACCES ? "geen toegang" : "bestaat niet", strerror(errno));
    static const char hex[] = "0123456789ABCDEF";
    size_t n = (size_t)snprintf(out, cap, "file://");
    for (const unsigned char *p = (const unsigned char *)abs; *p; p++) {
        int plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                    (*p >= '0' && *p <= '9') || strchr("-._~/", *p);
        if (n + 4 >= cap) return wd_error_set(err, WD_EUSAGE, "pad te lang voor een URL: %s", path);
        if (plain) {
            out[n++] = (char)*p;
        } else {
            out[n++] = '%';
            out[n++] = hex[*p >> 4];
            out[n++] = hex[*p & 15];
        }
    }
    out[n] = '\0';
    return 0;
}

int wd_fileurl_exists(const char *url)
{
    char path[4096];
    size_t n = 0;
    for (const char *p = url + strlen("file://"); *p && n + 1 < sizeof path; p++) {
        unsigned v;
        if (p[0] == '%' && sscanf(p + 1, "%2x", &v) == 1) {
            path[n++] = (char)v;
            p += 2;
        } else {
            path[n++] = *p;
        }
    }
    path[n] = '\0';
    return access(path, R_OK) == 0;
}
