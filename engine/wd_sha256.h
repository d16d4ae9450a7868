/* SHA-256 (FIPS 180-4) of a byte range, as hex: the fingerprint stored with every source
 * (wd_source.sha256) and the name of a cache entry. Part of the small utility module
 * (wd_buf, wd_file, wd_time, wd_sha256, wd_utf8). */
#ifndef WD_SHA256_H
#define WD_SHA256_H

#include <stddef.h>

/* Hex SHA-256 of `len` bytes at `data` into out[65] (64 digits and a NUL). */
void wd_sha256_hex(const void *data, size_t len, char out[65]);

#endif
