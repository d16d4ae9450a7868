/* Files the library writes: folders made as needed, and every output (an export, a profile, a
 * cache entry, a generated source) written to a temporary file beside its target and renamed
 * into place, so that a failure never leaves half a file and never spoils an older one. Part
 * of the small utility module (wd_buf, wd_file, wd_time, wd_sha256). */
#ifndef WD_FILE_H
#define WD_FILE_H

#include "engine/wd_error.h"

#include <stddef.h>
#include <stdio.h>

/* mkdir -p: `path` and every missing folder above it. Errors name the folder. */
int wd_file_mkdirs(const char *path, wd_error *err);

/* Write through `fn` into a temporary file beside `path` (mode 0644: outputs are documents
 * to share) and rename it into place only when fn returns 0 and every byte reached the disk;
 * otherwise remove it and keep any old file. fn's own error is returned as it set it; the
 * writer's errors name the path. */
int wd_file_write_atomic(const char *path, int (*fn)(FILE *f, void *ctx, wd_error *err), void *ctx,
                         wd_error *err);

/* The same for a writer that needs a file name rather than a stream (SQLite for a
 * GeoPackage, libxlsxwriter): `fn` gets the name of a new, empty temporary file beside `path`
 * and writes it whole; when fn returns 0 the file is synced, made mode 0644 and renamed into
 * place, otherwise it is removed together with what SQLite may leave beside it ("-journal",
 * "-wal", "-shm"), and any old file stays. */
int wd_file_write_atomic_path(const char *path,
                              int (*fn)(const char *tmp, void *ctx, wd_error *err), void *ctx,
                              wd_error *err);

/* wd_file_write_atomic of `len` bytes at `data`. */
int wd_file_write_bytes(const char *path, const void *data, size_t len, wd_error *err);

#endif
