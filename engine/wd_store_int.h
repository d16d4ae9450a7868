/* Internal to the store module (engine/wd_store.c and engine/wd_store_data.c): the handle and
 * the helpers both files use. Nothing outside the store includes this; no SQLite type leaves
 * the store through its public header. */
#ifndef WD_STORE_INT_H
#define WD_STORE_INT_H

#include "engine/wd_store.h"

#include <sqlite3.h>

struct wd_store {
    sqlite3 *db;
    char *path;
    int created; /* the file did not exist before wd_store_open */
    /* Between wd_store_begin and wd_store_commit: the regions whose series to rebuild. */
    char (*touched)[WD_CODE_MAX];
    size_t n_touched, cap_touched;
    /* Parts of observations (wd_obs.parts) put together in temp.parts since wd_store_begin,
     * into observations at the commit. */
    int parts;
};

/* Set err to WD_ESTORE "store <path>: <what>: <SQLite's message>"; returns WD_ESTORE. */
int wd_store__error(wd_store *s, wd_error *err, const char *what);
/* Run `sql` (one or more statements); WD_ESTORE with SQLite's message on failure. */
int wd_store__exec(wd_store *s, const char *sql, wd_error *err);
/* Bind `v` to parameter i, or NULL when it is not finite (missing is never 0). */
void wd_store__bind_real(sqlite3_stmt *st, int i, double v);

#endif
