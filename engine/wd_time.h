/* The wall clock as the library records it: provenance (when a source was read) in ISO 8601
 * UTC, and in microseconds. Part of the small utility module (wd_buf, wd_file, wd_time,
 * wd_sha256, wd_utf8). */
#ifndef WD_TIME_H
#define WD_TIME_H

#include <stddef.h>

/* The current time as ISO 8601 UTC ("2026-11-25T16:40:00Z") into out[cap]. */
void wd_time_now_utc(char *out, size_t cap);

/* The wall clock in microseconds since 1970 (UTC), for ordering events finer than a second
 * (two fetch runs never start within the same microsecond, as they could within a second). */
long long wd_time_now_us(void);

#endif
