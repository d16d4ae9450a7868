/* Writes zip archives for the tests with libzip: the Leefbaarometer open-data zip is built
 * from the CSV fixtures rather than checked in, so that its members stay readable in the
 * tree. Included by the tests that need it. */
#include "wd_test_util.h"

#include <stdio.h>
#include <string.h>
#include <zip.h>

/* Write a zip at `path` with n members: names[i] holding the file srcs[i] (a path), or the
 * text texts[i] when srcs[i] is NULL. Returns 0 on success. */
WD_TEST_UNUSED static int wd_test_zip_write(const char *path, size_t n, const char *const *names,
                                            const char *const *srcs, const char *const *texts)
{
    int ze;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &ze);
    if (!z) return -1;
    for (size_t i = 0; i < n; i++) {
        zip_source_t *s = srcs[i] ? zip_source_file(z, srcs[i], 0, -1)
                                  : zip_source_buffer(z, texts[i], strlen(texts[i]), 0);
        if (!s || zip_file_add(z, names[i], s, ZIP_FL_ENC_UTF_8) < 0) {
            zip_source_free(s);
            zip_discard(z);
            return -1;
        }
    }
    return zip_close(z) == 0 ? 0 : -1;
}
