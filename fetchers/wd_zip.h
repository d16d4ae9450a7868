/* Zip archives read from memory through libzip: the Leefbaarometer publishes its open data as
 * one zip with a CSV per level (wd_fetch.h: wd_fetch_lbm_zip). */
#ifndef WD_ZIP_H
#define WD_ZIP_H

#include "engine/wd_error.h"

#include <stddef.h>

/* A zip archive read from memory; the bytes must stay valid while it is open. */
typedef struct wd_zip wd_zip;

/* Open the archive in data[0..len). new — caller closes with wd_zip_close. Not a zip, or a
 * damaged central directory, is WD_EPARSE naming `origin`. */
int wd_zip_open(wd_zip **out, const char *data, size_t len, const char *origin, wd_error *err);
void wd_zip_close(wd_zip *z);
/* Number of members (folders included). */
size_t wd_zip_count(const wd_zip *z);
/* borrowed — the name of member i as stored ("map/bestand.csv"), valid while z is open; NULL
 * when unreadable. */
const char *wd_zip_name(wd_zip *z, size_t i);
/* Decompress member i into *out (new, NUL-terminated, caller frees) of *len bytes; a member
 * larger than `cap` bytes, a CRC error or a damaged stream is an error naming the member. */
int wd_zip_extract(wd_zip *z, size_t i, size_t cap, char **out, size_t *len, wd_error *err);

#endif
