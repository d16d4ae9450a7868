/* Implementation of wd_zip.h, zip archives through libzip from memory: the Leefbaarometer publishes
 * its open data as one zip with a CSV per level. Every member is size-checked before it is
 * decompressed (a zip bomb must not exhaust memory) and its CRC is checked by libzip while reading.
 */
#include "fetchers/wd_zip.h"

#include "fetchers/wd_parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <zip.h>

struct wd_zip {
    zip_t *za;
    char origin[512];
};

int wd_zip_open(wd_zip **out, const char *data, size_t len, const char *origin, wd_error *err)
{
    *out = NULL;
    zip_error_t ze;
    zip_error_init(&ze);
    /* libzip refuses a NULL buffer even for length 0; an empty file is not a zip anyway. */
    zip_source_t *src = len ? zip_source_buffer_create(data, len, 0, &ze) : NULL;
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
    if (!za) {
        int rc = wd_error_set(err, WD_EPARSE, "%s: geen geldig zip-archief (%s)", origin,
                              len ? zip_error_strerror(&ze) : "leeg bestand");
        zip_source_free(src);
        zip_error_fini(&ze);
        return rc;
    }
    zip_error_fini(&ze);
    wd_zip *z = calloc(1, sizeof *z);
    if (!z) {
        zip_discard(za);
        return wd_parse_nomem(err, origin);
    }
    z->za = za;
    snprintf(z->origin, sizeof z->origin, "%s", origin);
    *out = z;
    return 0;
}

void wd_zip_close(wd_zip *z)
{
    if (!z) return;
    zip_discard(z->za); /* read-only: nothing to write back */
    free(z);
}

size_t wd_zip_count(const wd_zip *z)
{
    zip_int64_t n = zip_get_num_entries(z->za, 0);
    return n > 0 ? (size_t)n : 0;
}

const char *wd_zip_name(wd_zip *z, size_t i)
{
    return zip_get_name(z->za, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
}

int wd_zip_extract(wd_zip *z, size_t i, size_t cap, char **out, size_t *len, wd_error *err)
{
    *out = NULL;
    *len = 0;
    const char *name = wd_zip_name(z, i);
    if (!name) name = "?";
    zip_stat_t st;
    if (zip_stat_index(z->za, (zip_uint64_t)i, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
        return wd_error_set(err, WD_EPARSE, "%s/%s: onleesbaar in het zip-archief", z->origin,
                            name);
    if (st.size > cap)
        return wd_error_set(err, WD_ENOMEM,
                            "%s/%s: uitgepakt %llu bytes, meer dan de grens van %zu", z->origin,
                            name, (unsigned long long)st.size, cap);
    zip_file_t *f = zip_fopen_index(z->za, (zip_uint64_t)i, 0);
    if (!f)
        return wd_error_set(err, WD_EPARSE, "%s/%s: niet uit te pakken (%s)", z->origin, name,
                            zip_strerror(z->za));
    char *buf = malloc((size_t)st.size + 1);
    if (!buf) {
        zip_fclose(f);
        return wd_error_set(err, WD_ENOMEM, "geen geheugen meer bij het uitpakken van %s/%s",
                            z->origin, name);
    }
    size_t got = 0;
    int rc = 0;
    for (;;) {
        /* Read one byte past the declared size: a member that is longer than its directory
         * entry says is damaged, not silently cut. */
        char extra;
        zip_int64_t n =
            got < st.size ? zip_fread(f, buf + got, st.size - got) : zip_fread(f, &extra, 1);
        if (n < 0) {
            rc = wd_error_set(err, WD_EPARSE, "%s/%s: beschadigd in het zip-archief (%s)",
                              z->origin, name, zip_file_strerror(f));
            break;
        }
        if (n == 0) break;
        if (got >= st.size) {
            rc = wd_error_set(err, WD_EPARSE, "%s/%s: langer dan het zip-archief opgeeft",
                              z->origin, name);
            break;
        }
        got += (size_t)n;
    }
    zip_fclose(f);
    if (!rc && got != st.size)
        rc = wd_error_set(err, WD_EPARSE, "%s/%s: afgebroken na %zu van %llu bytes", z->origin,
                          name, got, (unsigned long long)st.size);
    if (rc) {
        free(buf);
        return rc;
    }
    buf[got] = '\0';
    *out = buf;
    *len = got;
    return 0;
}
