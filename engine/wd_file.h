/* Files the library reads and writes: folders made as needed, whole user files read with a
 * clear message for a folder, a missing or an oversized file, and every output (an export, a
 * profile, a cache entry, a generated source) written to a temporary file beside its target
 * and renamed into place only when every byte reached the disk, so that a failure never leaves
 * half a file and never spoils an older one. Part of the small utility module (wd_buf,
 * wd_file, wd_time, wd_sha256, wd_utf8).
 *
 * An output's stream records the first write error with its cause (a full disk, a file-size
 * limit), whoever writes into it: the export's rows, cairo's PDF sink. The error is reported
 * once, at the end, naming the file and the reason in Dutch ("schrijven naar x.pdf mislukt:
 * schijf vol (No space left on device)"). A temporary file is locked by its writer, so that
 * the next run writing into the folder can tell what a killed run left (wd_file_clean) from
 * what a running one is writing. */
#ifndef WD_FILE_H
#define WD_FILE_H

#include "engine/wd_error.h"

#include <stddef.h>
#include <stdio.h>

/* mkdir -p: `path` and every missing folder above it. Errors name the folder. */
int wd_file_mkdirs(const char *path, wd_error *err);

/* Read the whole regular file at `path` (at most `cap` bytes) into a new buffer, NUL-terminated
 * after *len bytes. new — *out is free()d by the caller. A folder, a missing file, a file
 * larger than `cap` and a read error are WD_EIO (WD_ENOTFOUND for a missing file) with the
 * path and the reason. */
int wd_file_read(const char *path, size_t cap, char **out, size_t *len, wd_error *err);

/* An output being written. */
typedef struct wd_file_out wd_file_out;

/* Begin writing the file at `path`: a temporary file PATH.tmp.XXXXXX beside it (so that the
 * rename is atomic), created with mode 0644 less the umask (outputs are documents to share)
 * and locked while it is written. new — end with wd_file_commit or wd_file_abort. Errors name
 * the path and the reason. */
int wd_file_open(wd_file_out **out, const char *path, wd_error *err);

/* The same onto standard output, for a command without an output file: the commit flushes it
 * and reports a failed write as one to "de standaarduitvoer". */
int wd_file_open_stdout(wd_file_out **out, wd_error *err);

/* The stream to write into: borrowed, valid until the commit or abort. After a failed write it
 * accepts and drops every further byte, and ferror() on it is set, so that a long writer can
 * stop early; the commit then fails with the first error. */
FILE *wd_file_stream(wd_file_out *out);

/* Finish: flush, sync and close the temporary file and rename it to its path. On any failure
 * the temporary file is removed, an older file of that name stays as it was, and err names the
 * path and the reason. Frees `out` in every case. */
int wd_file_commit(wd_file_out *out, wd_error *err);

/* Give up: remove the temporary file (an older file stays as it was) and free `out`. Accepts
 * NULL. */
void wd_file_abort(wd_file_out *out);

/* Write through `fn` into wd_file_open(path) (path NULL: wd_file_open_stdout) and commit when
 * fn returns 0. A failed write is reported as the writer's error even when fn noticed it first
 * (its message then names neither file nor reason); fn's own errors are returned as it set
 * them. */
int wd_file_write_atomic(const char *path, int (*fn)(FILE *f, void *ctx, wd_error *err), void *ctx,
                         wd_error *err);

/* The same for a writer that needs a file name rather than a stream (SQLite for a
 * GeoPackage, libxlsxwriter): `fn` gets the name of a new, empty temporary file beside `path`
 * and writes it whole (created and locked as by wd_file_open); when fn returns 0 the file is
 * synced and renamed into place (errors as wd_file_commit), otherwise it is removed together
 * with what SQLite may leave beside it ("-journal", "-wal", "-shm"), and any old file stays.
 * fn's errors are returned as it set them: a library's write error should carry its cause
 * (wd_error_sys). */
int wd_file_write_atomic_path(const char *path,
                              int (*fn)(const char *tmp, void *ctx, wd_error *err), void *ctx,
                              wd_error *err);

/* wd_file_write_atomic of `len` bytes at `data`. */
int wd_file_write_bytes(const char *path, const void *data, size_t len, wd_error *err);

/* Remove what killed runs left in folder `dir`: regular files named as wd_file_open names its
 * temporary files (NAME.tmp.XXXXXX, six letters or digits) that no writer holds locked, in
 * this process or another. A run that writes into a folder calls it once before it begins
 * (not per file: it reads the whole folder). Best effort: a folder that cannot be read has
 * nothing removed. Returns the number of files removed. */
size_t wd_file_clean(const char *dir);

/* wd_file_clean on the folder that holds the file `path` ("." for a bare name). */
size_t wd_file_clean_beside(const char *path);

#endif
