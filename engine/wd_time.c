/* Implementation of wd_time.h. */
#include "engine/wd_time.h"

#include <stdio.h>
#include <time.h>

void wd_time_now_utc(char *out, size_t cap)
{
    time_t t = time(NULL);
    struct tm tm;
    if (gmtime_r(&t, &tm) == NULL || strftime(out, cap, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        snprintf(out, cap, "1970-01-01T00:00:00Z");
}
