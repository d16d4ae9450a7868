/* Implementation of wd_file.h on POSIX, with glibc's fopencookie for the output stream (so that
 * the first failed write keeps its errno whoever wrote: the FILE of fdopen forgets it).
 *
 * A temporary file is created with O_EXCL under a random name, so that its mode is 0644 less
 * the umask (mkstemp's 0600 would need an fchmod, and the umask can only be read by setting
 * it, which races with other threads), and locked with flock before anything is written: a
 * cleaner removes only what it can lock, which a killed writer no longer holds and a running
 * one still does. A lock on a file the cleaner removed in the instant before, the writer sees
 * by the file's link count, and takes another name. The lock is kept on its own descriptor
 * until the file has its final name, so that closing the written one reports its errors
 * without opening a moment in which the finished file could be taken for a stale one. */
#define _GNU_SOURCE /* fopencookie */
#include "engine/wd_file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TMP_MARK ".tmp."
#define TMP_RANDOM 6

struct wd_file_out {
    FILE *f;    /* the stream handed out: its bytes go through out_write */
    int lock;   /* the temporary file, holding its lock; -1 for standard output */
    int fd;     /* where the bytes go: a duplicate of `lock`, or standard output */
    int errnum; /* the first failed write's errno; 0 while none failed */
    char *path; /* the target; NULL for standard output */
    char *tmp;  /* PATH.tmp.XXXXXX */
};

static ssize_t out_write(void *cookie, const char *buf, size_t n)
{
    wd_file_out *o = cookie;
    /* After the first failure the bytes are dropped: the file will be removed, and a writer
     * that keeps going (cairo's surface finishing its pages) must not retry on a full disk. */
    if (o->errnum) return (ssize_t)n;
    for (size_t done = 0; done < n;) {
        ssize_t w = write(o->fd, buf + done, n - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            o->errnum = w < 0 ? errno : EIO;
            return 0; /* fopencookie(3): 0, never negative, on error; sets the stream's error */
        }
        done += (size_t)w;
    }
    return (ssize_t)n;
}

static const cookie_io_functions_t out_functions = {.write = out_write};

/* Six letters and digits, different for every process, thread, moment and attempt; a clash
 * is caught by O_EXCL and retried. */
static void random_suffix(char *out, unsigned attempt)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    int on_this_stack;
    uint64_t x = (uint64_t)ts.tv_sec * 1000000007u ^ (uint64_t)ts.tv_nsec ^
                 (uint64_t)getpid() << 32 ^ (uint64_t)(uintptr_t)&on_this_stack ^
                 (uint64_t)attempt << 52;
    /* splitmix64's finaliser spreads every input bit over the output. */
    x += 0x9e3779b97f4a7c15u;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
    x ^= x >> 31;
    for (int i = 0; i < TMP_RANDOM; i++, x /= 62)
        out[i] = alphabet[x % 62];
    out[TMP_RANDOM] = '\0';
}

/* Create and lock o->tmp beside o->path. */
static int create_temporary(wd_file_out *o, wd_error *err)
{
    size_t n = strlen(o->path);
    memcpy(o->tmp, o->path, n);
    memcpy(o->tmp + n, TMP_MARK, sizeof TMP_MARK - 1);
    for (unsigned attempt = 0; attempt < 100; attempt++) {
        random_suffix(o->tmp + n + sizeof TMP_MARK - 1, attempt);
        int fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0 && errno == EEXIST) continue;
        if (fd < 0) return wd_error_sys(err, WD_EIO, errno, "kan %s niet schrijven", o->path);
        /* A file system without locks (some network mounts) still gets its outputs; a
         * cleaner cannot lock such a file either, so it never removes one. */
        int locked = flock(fd, LOCK_EX) == 0;
        int e = errno;
        struct stat st;
        if (fstat(fd, &st) == 0 && st.st_nlink == 0) { /* a cleaner took it before the lock */
            close(fd);
            continue;
        }
        if (!locked && e != ENOLCK && e != EINVAL && e != EOPNOTSUPP) {
            close(fd);
            unlink(o->tmp);
            return wd_error_sys(err, WD_EIO, e, "kan %s niet schrijven", o->path);
        }
        o->lock = fd;
        return 0;
    }
    return wd_error_set(err, WD_EIO,
                        "kan %s niet schrijven: geen vrije naam voor een tijdelijk "
                        "bestand ernaast",
                        o->path);
}

/* Close what `o` holds, remove its temporary file unless it was renamed, free it. */
static void release(wd_file_out *o, int remove_tmp)
{
    if (o->f) fclose(o->f);
    if (o->path && o->fd >= 0) close(o->fd);
    if (remove_tmp && o->tmp && o->lock >= 0) unlink(o->tmp);
    if (o->lock >= 0) close(o->lock);
    free(o->path);
    free(o->tmp);
    free(o);
}

static int open_stream(wd_file_out *o, wd_error *err)
{
    o->f = fopencookie(o, "w", out_functions);
    if (!o->f)
        return wd_error_set(err, WD_ENOMEM, "geen geheugen meer om %s te schrijven",
                            o->path ? o->path : "de standaarduitvoer");
    return 0;
}

int wd_file_open(wd_file_out **out, const char *path, wd_error *err)
{
    *out = NULL;
    wd_file_out *o = calloc(1, sizeof *o);
    if (!o) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer om %s te schrijven", path);
    o->lock = o->fd = -1;
    size_t n = strlen(path);
    int rc = 0;
    if (!(o->path = strdup(path)) || !(o->tmp = malloc(n + sizeof TMP_MARK + TMP_RANDOM)))
        rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer om %s te schrijven", path);
    if (!rc) rc = create_temporary(o, err);
    if (!rc && (o->fd = dup(o->lock)) < 0)
        rc = wd_error_sys(err, WD_EIO, errno, "kan %s niet schrijven", path);
    if (!rc) rc = open_stream(o, err);
    if (rc) {
        release(o, 1);
        return rc;
    }
    *out = o;
    return 0;
}

int wd_file_open_stdout(wd_file_out **out, wd_error *err)
{
    *out = NULL;
    wd_file_out *o = calloc(1, sizeof *o);
    if (!o) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de standaarduitvoer");
    o->lock = -1;
    o->fd = STDOUT_FILENO;
    /* What was printed before comes before. */
    fflush(stdout);
    int rc = open_stream(o, err);
    if (rc) {
        release(o, 0);
        return rc;
    }
    *out = o;
    return 0;
}

FILE *wd_file_stream(wd_file_out *out)
{
    return out->f;
}

int wd_file_commit(wd_file_out *o, wd_error *err)
{
    if (fflush(o->f) != 0 && !o->errnum) o->errnum = errno ? errno : EIO;
    fclose(o->f);
    o->f = NULL;
    if (!o->errnum && o->path) {
        /* EINVAL: a file system that cannot sync (the bytes are written all the same). */
        if (fsync(o->fd) != 0 && errno != EINVAL) o->errnum = errno;
        /* Closing can report what a network file system could not write. */
        if (close(o->fd) != 0 && !o->errnum) o->errnum = errno;
        o->fd = -1;
    }
    int rc = 0;
    if (o->errnum)
        rc = wd_error_sys(err, WD_EIO, o->errnum, "schrijven naar %s mislukt",
                          o->path ? o->path : "de standaarduitvoer");
    else if (o->path && rename(o->tmp, o->path) != 0)
        rc = wd_error_sys(err, WD_EIO, errno, "kan %s niet vervangen", o->path);
    release(o, rc != 0);
    return rc;
}

void wd_file_abort(wd_file_out *o)
{
    if (o) release(o, 1);
}

int wd_file_write_atomic(const char *path, int (*fn)(FILE *f, void *ctx, wd_error *err), void *ctx,
                         wd_error *err)
{
    wd_file_out *o;
    int rc = path ? wd_file_open(&o, path, err) : wd_file_open_stdout(&o, err);
    if (rc) return rc;
    rc = fn(o->f, ctx, err);
    /* A failed write explains fn's failure better than fn can: commit reports it. */
    if (rc && !o->errnum && !ferror(o->f)) {
        wd_file_abort(o);
        return rc;
    }
    return wd_file_commit(o, err);
}

/* What SQLite may leave beside a database file it was writing. */
static void remove_side_files(const char *tmp)
{
    static const char *const beside[] = {"-journal", "-wal", "-shm"};
    size_t n = strlen(tmp) + 10;
    char *side = malloc(n);
    for (size_t i = 0; side && i < sizeof beside / sizeof *beside; i++) {
        snprintf(side, n, "%s%s", tmp, beside[i]);
        unlink(side);
    }
    free(side);
}

/* Why a library that writes by name (and reports a short write without errno) could not
 * write: one byte more at the end of the temporary file is tried, and taken back. The errno of
 * that write (a full disk, a file-size limit), or 0 when it succeeds. */
static int write_failure(wd_file_out *o)
{
    struct stat st;
    if (fstat(o->fd, &st) != 0) return 0;
    if (pwrite(o->fd, "", 1, st.st_size) == 1) {
        if (ftruncate(o->fd, st.st_size) != 0) return errno;
        return 0;
    }
    return errno;
}

int wd_file_write_atomic_path(const char *path,
                              int (*fn)(const char *tmp, void *ctx, wd_error *err), void *ctx,
                              wd_error *err)
{
    wd_file_out *o;
    int rc = wd_file_open(&o, path, err);
    if (rc) return rc;
    /* The temporary file stays open and locked (flock, which SQLite's own fcntl locks do not
     * touch) while fn writes it by name, and its descriptors close only after fn closed its
     * own: closing one of a process's descriptors of a file drops SQLite's locks on it. */
    rc = fn(o->tmp, ctx, err);
    int cause = rc == WD_EIO && err && !err->errnum ? write_failure(o) : 0;
    if (cause) {
        char why[192];
        wd_error_errno_text(why, sizeof why, cause);
        size_t n = strlen(err->msg);
        snprintf(err->msg + n, sizeof err->msg - n, ": %s", why);
        err->errnum = cause;
    }
    if (rc) {
        remove_side_files(o->tmp);
        wd_file_abort(o);
        return rc;
    }
    return wd_file_commit(o, err);
}

typedef struct {
    const void *data;
    size_t len;
} bytes;

static int write_bytes(FILE *f, void *ctx, wd_error *err)
{
    const bytes *b = ctx;
    (void)err; /* a short write is recorded by the stream and reported by the commit */
    fwrite(b->data, 1, b->len, f);
    return 0;
}

int wd_file_write_bytes(const char *path, const void *data, size_t len, wd_error *err)
{
    bytes b = {data, len};
    return wd_file_write_atomic(path, write_bytes, &b, err);
}

/* NAME.tmp.XXXXXX with a non-empty NAME and six ASCII letters or digits. */
static int is_temporary_name(const char *name)
{
    size_t n = strlen(name), mark = sizeof TMP_MARK - 1;
    if (n < 1 + mark + TMP_RANDOM) return 0;
    const char *tail = name + n - TMP_RANDOM;
    if (memcmp(tail - mark, TMP_MARK, mark) != 0) return 0;
    for (int i = 0; i < TMP_RANDOM; i++) {
        char c = tail[i];
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return 0;
    }
    return 1;
}

size_t wd_file_clean(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    int dfd = dirfd(d);
    size_t removed = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!is_temporary_name(e->d_name)) continue;
        int fd = openat(dfd, e->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) continue;
        struct stat held, named;
        /* Removed only while locked here (no writer holds it) and only if the name still
         * is the file that was locked. */
        if (fstat(fd, &held) == 0 && S_ISREG(held.st_mode) && flock(fd, LOCK_EX | LOCK_NB) == 0 &&
            fstatat(dfd, e->d_name, &named, AT_SYMLINK_NOFOLLOW) == 0 &&
            named.st_dev == held.st_dev && named.st_ino == held.st_ino &&
            unlinkat(dfd, e->d_name, 0) == 0)
            removed++;
        close(fd);
    }
    closedir(d);
    return removed;
}

size_t wd_file_clean_beside(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return wd_file_clean(".");
    if (slash == path) return wd_file_clean("/");
    size_t n = (size_t)(slash - path);
    char *dir = malloc(n + 1);
    if (!dir) return 0;
    memcpy(dir, path, n);
    dir[n] = '\0';
    size_t removed = wd_file_clean(dir);
    free(dir);
    return removed;
}

int wd_file_read(const char *path, size_t cap, char **out, size_t *len, wd_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return wd_error_sys(err, errno == ENOENT ? WD_ENOTFOUND : WD_EIO, errno,
                            "kan %s niet lezen", path);
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        return wd_error_set(err, WD_EIO, "%s is een map, geen bestand", path);
    }
    size_t n = 0, room = 0;
    char *buf = NULL;
    int rc = 0;
    while (n <= cap) {
        if (n + 1 >= room) {
            /* Room for one byte more than cap (which tells an oversized file) and the NUL. */
            size_t want = room ? room * 2 : 65536;
            if (want > cap + 2) want = cap + 2;
            char *nb = realloc(buf, want);
            if (!nb) {
                rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer om %s te lezen", path);
                break;
            }
            buf = nb;
            room = want;
        }
        ssize_t got = read(fd, buf + n, room - n - 1);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            rc = wd_error_sys(err, WD_EIO, errno, "kan %s niet lezen", path);
            break;
        }
        if (got == 0) break;
        n += (size_t)got;
    }
    close(fd);
    if (!rc && n > cap) {
        if (cap >= (1u << 20))
            rc = wd_error_set(err, WD_EIO, "%s is groter dan %zu MB", path, cap >> 20);
        else
            rc = wd_error_set(err, WD_EIO, "%s is groter dan %zu bytes", path, cap);
    }
    if (rc) {
        free(buf);
        return rc;
    }
    buf[n] = '\0';
    *out = buf;
    if (len) *len = n;
    return 0;
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
            rc = wd_error_sys(err, WD_EIO, errno, "map %s kan niet worden gemaakt", tmp);
        *p = c;
        if (!c) break;
    }
    free(tmp);
    return rc;
}
