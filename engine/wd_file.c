/* Implementation of wd_file.h on POSIX: mkstemp beside the target, fsync, rename (atomic
 * within one file system). */
#include "engine/wd_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int wd_file_write_atomic(const char *path, int (*fn)(FILE *f, void *ctx, wd_error *err), void *ctx,
                         wd_error *err)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + 16);
    if (!tmp) return wd_error_set(err, WD_ENOMEM, "geen geheugen om %s te schrijven", path);
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".tmp.XXXXXX", 12);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int rc = wd_error_set(err, WD_EIO, "kan %s niet schrijven: %s", path, strerror(errno));
        free(tmp);
        return rc;
    }
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
