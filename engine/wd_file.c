/* Implementation of wd_file.h on POSIX: mkstemp beside the target, fsync, rename (atomic
 * within one file system). */
#include "engine/wd_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A new temporary file beside `path`: its descriptor, its name in *tmp (free()d by the
 * caller), or -1 with err set. */
static int make_temp(const char *path, char **tmp, wd_error *err)
{
    size_t n = strlen(path);
    if (!(*tmp = malloc(n + 16))) {
        wd_error_set(err, WD_ENOMEM, "geen geheugen om %s te schrijven", path);
        return -1;
    }
    memcpy(*tmp, path, n);
    memcpy(*tmp + n, ".tmp.XXXXXX", 12);
    int fd = mkstemp(*tmp);
    if (fd < 0) {
        wd_error_set(err, WD_EIO, "kan %s niet schrijven: %s", path, strerror(errno));
        free(*tmp);
        *tmp = NULL;
    }
    return fd;
}

int wd_file_write_atomic(const char *path, int (*fn)(FILE *f, void *ctx, wd_error *err), void *ctx,
                         wd_error *err)
{
    char *tmp;
    int fd = make_temp(path, &tmp, err);
    if (fd < 0) return err ? err->code : WD_EIO;
    /* mkstemp creates the file 0600. */
    FILE *f = fchmod(fd, 0644) == 0 ? fdopen(fd, "w") : NULL;
    int rc = f ? fn(f, ctx, err)
               : wd_error_set(err, WD_EIO, "kan %s niet schrijven: %s", path, strerror(errno));
    if (f) {
        /* EINVAL: a file system that cannot sync (the bytes are written all the same). */
        if (!rc && (fflush(f) != 0 || ferror(f) || (fsync(fileno(f)) != 0 && errno != EINVAL)))
            rc = wd_error_set(err, WD_EIO, "schrijven naar %s mislukt: %s", path, strerror(errno));
        if (fclose(f) != 0 && !rc)
            rc = wd_error_set(err, WD_EIO, "schrijven naar %s mislukt: %s", path, strerror(errno));
    } else {
        close(fd);
    }
    if (!rc && rename(tmp, path) != 0)
        rc = wd_error_set(err, WD_EIO, "kan %s niet vervangen: %s", path, strerror(errno));
    if (rc) unlink(tmp);
    free(tmp);
    return rc;
}

int wd_file_write_atomic_path(const char *path,
                              int (*fn)(const char *tmp, void *ctx, wd_error *err), void *ctx,
                              wd_error *err)
{
    char *tmp;
    int fd = make_temp(path, &tmp, err);
    if (fd < 0) return err ? err->code : WD_EIO;
    close(fd);
    int rc = fn(tmp, ctx, err);
    if (!rc) {
        /* EINVAL: a file system that cannot sync (the bytes are written all the same). */
        int sync = open(tmp, O_RDONLY);
        if (sync < 0 || (fsync(sync) != 0 && errno != EINVAL) || chmod(tmp, 0644) != 0)
            rc = wd_error_set(err, WD_EIO, "schrijven naar %s mislukt: %s", path, strerror(errno));
        if (sync >= 0) close(sync);
    }
    if (!rc && rename(tmp, path) != 0)
        rc = wd_error_set(err, WD_EIO, "kan %s niet vervangen: %s", path, strerror(errno));
    if (rc) {
        static const char *const beside[] = {"", "-journal", "-wal", "-shm"};
        size_t n = strlen(tmp) + 10;
        char *side = malloc(n);
        for (size_t i = 0; side && i < sizeof beside / sizeof *beside; i++) {
            snprintf(side, n, "%s%s", tmp, beside[i]);
            unlink(side);
        }
        if (!side) unlink(tmp);
        free(side);
    }
    free(tmp);
    return rc;
}

typedef struct {
    const void *data;
    size_t len;
} bytes;

static int write_bytes(FILE *f, void *ctx, wd_error *err)
{
    const bytes *b = ctx;
    (void)err; /* a short write shows in ferror, which wd_file_write_atomic reports */
    fwrite(b->data, 1, b->len, f);
    return 0;
}

int wd_file_write_bytes(const char *path, const void *data, size_t len, wd_error *err)
{
    bytes b = {data, len};
    return wd_file_write_atomic(path, write_bytes, &b, err);
}

int wd_file_mkdirs(const char *path, wd_error *err)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + 1);
    if (!tmp) return wd_error_set(err, WD_ENOMEM, "geen geheugen voor map %s", path);
    memcpy(tmp, path, n + 1);
    int rc = 0;
    for (char *p = tmp + 1; !rc; p++) {
        if (*p != '/' && *p != '\0') continue;
        char c = *p;
        *p = '\0';
        if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
            rc = wd_error_set(err, WD_EIO, "map %s kan niet worden gemaakt: %s", tmp,
                              strerror(errno));
        *p = c;
        if (!c) break;
    }
    free(tmp);
    return rc;
}
