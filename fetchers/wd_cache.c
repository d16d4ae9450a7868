/* Implementation of wd_cache.h. Files are written next to their final name and renamed,
 * which is atomic within one file system; the metadata is written after the body, so a
 * crash in between leaves an entry whose hash does not match and that counts as absent. */
#include "fetchers/wd_cache.h"

#include "engine/wd_file.h"
#include "engine/wd_sha256.h"
#include "engine/wd_time.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int wd_cache_default_dir(char *out, size_t cap, wd_error *err)
{
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    int n;
    if (xdg && xdg[0])
        n = snprintf(out, cap, "%s/wijkdata", xdg);
    else if (home && home[0])
        n = snprintf(out, cap, "%s/.cache/wijkdata", home);
    else
        return wd_error_set(err, WD_EUSAGE,
                            "geen cachemap: XDG_CACHE_HOME en HOME ontbreken; geef --cache MAP");
    if (n < 0 || (size_t)n >= cap)
        return wd_error_set(err, WD_EUSAGE, "pad van de cachemap te lang");
    return 0;
}

/* The paths of the entry of `url`: <dir>/<sha256(url)>.body and .json. */
static int entry_paths(const char *dir, const char *url, char *body, char *meta, size_t cap,
                       wd_error *err)
{
    char key[65];
    wd_sha256_hex(url, strlen(url), key);
    int a = snprintf(body, cap, "%s/%s.body", dir, key);
    int b = snprintf(meta, cap, "%s/%s.json", dir, key);
    if (a < 0 || b < 0 || (size_t)a >= cap || (size_t)b >= cap)
        return wd_error_set(err, WD_EUSAGE, "pad in de cachemap te lang: %s", dir);
    return 0;
}

int wd_cache_put(const char *dir, const char *url, long status, const char *etag,
                 const char *last_modified, const void *data, size_t len, wd_error *err)
{
    char body_path[4096], meta_path[4096], hash[65], now[32];
    int rc = entry_paths(dir, url, body_path, meta_path, sizeof body_path, err);
    if (rc || (rc = wd_file_mkdirs(dir, err))) return rc;
    wd_sha256_hex(data, len, hash);
    wd_time_now_utc(now, sizeof now);
    json_t *meta = json_pack("{s:s, s:s, s:I, s:I, s:s, s:s, s:s}", "url", url, "fetched_at", now,
                             "fetched_us", (json_int_t)wd_time_now_us(), "status",
                             (json_int_t)status, "etag", etag ? etag : "", "last_modified",
                             last_modified ? last_modified : "", "sha256", hash);
    char *text = meta ? json_dumps(meta, JSON_INDENT(2)) : NULL;
    json_decref(meta);
    if (!text)
        return wd_error_set(err, WD_ENOMEM,
                            "geen geheugen meer voor de gegevens van een cache-item");
    rc = wd_file_write_bytes(body_path, data, len, err);
    if (!rc) rc = wd_file_write_bytes(meta_path, text, strlen(text), err);
    free(text);
    return rc;
}

void wd_cache_drop(const char *dir, const char *url)
{
    char body_path[4096], meta_path[4096];
    if (entry_paths(dir, url, body_path, meta_path, sizeof body_path, NULL)) return;
    /* The metadata first: without it the entry counts as absent whatever remains. */
    remove(meta_path);
    remove(body_path);
}

/* Copy string member `key` of `o` into out[cap]; "" when absent. */
static void get_str(const json_t *o, const char *key, char *out, size_t cap)
{
    const char *s = json_string_value(json_object_get(o, key));
    snprintf(out, cap, "%s", s ? s : "");
}

int wd_cache_get(const char *dir, const char *url, size_t max_bytes, wd_cache_meta *meta,
                 wd_buf *body, wd_error *err)
{
    memset(body, 0, sizeof *body);
    memset(meta, 0, sizeof *meta);
    char body_path[4096], meta_path[4096];
    int rc = entry_paths(dir, url, body_path, meta_path, sizeof body_path, err);
    if (rc) return rc;
    /* A cache can always be filled again: unreadable metadata means "not cached", and the
     * next successful download replaces it. */
    json_t *m = json_load_file(meta_path, 0, NULL);
    if (!m) return 0;
    get_str(m, "fetched_at", meta->fetched_at, sizeof meta->fetched_at);
    get_str(m, "etag", meta->etag, sizeof meta->etag);
    get_str(m, "last_modified", meta->last_modified, sizeof meta->last_modified);
    get_str(m, "sha256", meta->sha256, sizeof meta->sha256);
    meta->status = (long)json_integer_value(json_object_get(m, "status"));
    meta->fetched_us = (long long)json_integer_value(json_object_get(m, "fetched_us"));
    json_decref(m);

    FILE *f = fopen(body_path, "rb");
    if (!f) return 0;
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || st.st_size < 0) {
        fclose(f);
        return wd_error_set(err, WD_EIO, "%s kan niet worden gelezen: %s", body_path,
                            strerror(errno));
    }
    size_t len = (size_t)st.st_size;
    if (len > max_bytes) {
        fclose(f);
        return wd_error_set(err, WD_ENOMEM, "cache-item %s (van %s) is groter dan %zu bytes",
                            body_path, url, max_bytes);
    }
    char *data = malloc(len + 1);
    if (!data) {
        fclose(f);
        return wd_error_set(err, WD_ENOMEM, "geen geheugen voor cache-item %s", body_path);
    }
    size_t got = fread(data, 1, len, f);
    fclose(f);
    data[got] = '\0';
    char hash[65];
    wd_sha256_hex(data, got, hash);
    if (got != len || strcmp(hash, meta->sha256) != 0) {
        free(data);
        return 0;
    }
    body->data = data;
    body->len = len;
    body->status = meta->status;
    return 1;
}

/* The run marker: <dir>/fetch-run.json, {"started_us": N, "finished": true|false}. */
static int run_path(char *out, size_t cap, const char *dir, wd_error *err)
{
    int n = snprintf(out, cap, "%s/fetch-run.json", dir);
    if (n < 0 || (size_t)n >= cap)
        return wd_error_set(err, WD_EUSAGE, "pad in de cachemap te lang: %s", dir);
    return 0;
}

static int run_write(const char *path, long long started, int finished, wd_error *err)
{
    json_t *m = json_pack("{s:I, s:b}", "started_us", (json_int_t)started, "finished", finished);
    char *text = m ? json_dumps(m, 0) : NULL;
    json_decref(m);
    if (!text)
        return wd_error_set(err, WD_ENOMEM, "geen geheugen voor de markering van de ophaalronde");
    int rc = wd_file_write_bytes(path, text, strlen(text), err);
    free(text);
    return rc;
}

int wd_cache_run_begin(const char *dir, long long now, long long *reuse_since, int *resumed,
                       wd_error *err)
{
    char path[4096];
    int rc = run_path(path, sizeof path, dir, err);
    if (rc || (rc = wd_file_mkdirs(dir, err))) return rc;
    *reuse_since = now;
    *resumed = 0;
    /* An unreadable marker is no run to continue: the cache can always be filled again. */
    json_t *m = json_load_file(path, 0, NULL);
    if (m) {
        long long started = (long long)json_integer_value(json_object_get(m, "started_us"));
        int finished = json_is_true(json_object_get(m, "finished"));
        if (!finished && started > 0 && started <= now && now - started <= WD_CACHE_RESUME_MAX_US) {
            *reuse_since = started;
            *resumed = 1;
        }
        json_decref(m);
    }
    return *resumed ? 0 : run_write(path, now, 0, err);
}

int wd_cache_run_end(const char *dir, wd_error *err)
{
    char path[4096];
    int rc = run_path(path, sizeof path, dir, err);
    if (rc) return rc;
    json_t *m = json_load_file(path, 0, NULL);
    long long started = m ? (long long)json_integer_value(json_object_get(m, "started_us")) : 0;
    json_decref(m);
    return run_write(path, started, 1, err);
}
