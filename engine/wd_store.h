/* The local store: one SQLite file with regions, observations (long format with flags),
 * sources (provenance of every observation), geometries, computed results and the latest
 * ranking of wijkopgaven.
 *
 * The table `series` holds the same observations once more, one row per (region, variable,
 * subgroup) with its years packed into a blob, rebuilt for the regions of every import in
 * the same transaction: loading a gemeente then reads one row per variable instead of one per
 * year, which is most of what a national run costs (see wd_dataset_load).
 *
 * The schema is versioned with PRAGMA user_version and migrated on open; the file runs in
 * WAL mode. Every import is one transaction: an import that fails leaves the store exactly
 * as it was. */
#ifndef WD_STORE_H
#define WD_STORE_H

#include "engine/wd_batch.h"
#include "engine/wd_error.h"

#define WD_STORE_DEFAULT_PATH "wijkdata.db"
#define WD_STORE_SCHEMA_VERSION 4

typedef struct wd_store wd_store;

/* Open (creating if `create` is set) the store at `path` and migrate it to the current
 * schema. The handle must not be used by two threads at once. new — caller closes with
 * wd_store_close(). A missing file with create == 0 is WD_ENOTFOUND; a file that is not a store is
 * WD_ESTORE naming the path. */
int wd_store_open(wd_store **out, const char *path, int create, wd_error *err);
void wd_store_close(wd_store *s);
/* Close `s` and, when wd_store_open created the file, remove it: a failed first import leaves
 * no empty store behind. */
void wd_store_discard(wd_store *s);

/* Import a batch in one transaction: sources are upserted on (table id, URL), regions on
 * code, observations on (region, variable, subgroup, year), geometries on (region, year). */
int wd_store_import(wd_store *s, const wd_batch *b, wd_error *err);

/* The same for several batches in one transaction, so that a caller can import source by
 * source and hold only one in memory: wd_store_begin, wd_store_add per batch (the batch may be
 * cleared afterwards), then wd_store_commit, or wd_store_rollback after any error (a failed
 * commit rolls back itself). Nothing of it is visible to other connections before the
 * commit. Other writes between begin and commit (results, rankings) join the transaction. */
int wd_store_begin(wd_store *s, wd_error *err);
int wd_store_add(wd_store *s, const wd_batch *b, wd_error *err);
int wd_store_commit(wd_store *s, wd_error *err);
void wd_store_rollback(wd_store *s);

/* Look up one region by code. WD_ENOTFOUND with a Dutch message naming the code. */
int wd_store_region(wd_store *s, const char *code, wd_region *out, wd_error *err);

/* Call `fn` for every region, ordered by level then code; restricted to `gemeente` and
 * everything below it when not NULL. Stops early when fn returns non-zero. */
int wd_store_each_region(wd_store *s, const char *gemeente,
                         int (*fn)(const wd_region *r, void *ctx), void *ctx, wd_error *err);

/* The codes of every gemeente in the store, in code order. new — *codes is free()d by the
 * caller; *n may be 0. */
int wd_store_gemeenten(wd_store *s, char (**codes)[WD_CODE_MAX], size_t *n, wd_error *err);

/* Small key/value facts about the store, such as "demo" = "1" when it holds the simulated
 * demonstration data (every profile from it then carries the demo mark). A missing key gives
 * an empty string. */
int wd_store_meta_get(wd_store *s, const char *key, char *buf, size_t cap, wd_error *err);
int wd_store_meta_set(wd_store *s, const char *key, const char *value, wd_error *err);

/* One year of a series. */
typedef struct {
    int year;
    unsigned flags; /* WD_FLAG_* */
    long source;    /* sources.id */
    double value;   /* NAN when missing */
    float lo, hi;   /* NAN when unknown */
} wd_series_point;

/* Years an observation may have (a CHECK of the schema). */
#define WD_STORE_YEAR_MIN 1900
#define WD_STORE_YEAR_MAX 2200

/* The number of points in the `data` blob of a series row of `len` bytes; -1 when it is not a
 * series (a length that does not fit, years not ascending within the years above). Layout,
 * little-endian: one byte, 1 (without bounds) or 2 (with bounds), then per year in ascending order
 * u16 year, u8 flags, u8 0, u32 source id, f64 value (NaN: missing), and with bounds f32 lo, f32 hi
 * (NaN: unknown). */
long wd_series_count(const unsigned char *data, size_t len);
/* Point k of a blob that wd_series_count accepted. */
void wd_series_get(const unsigned char *data, size_t k, wd_series_point *out);

/* borrowed — the SQLite handle, valid while the store is open (for the engine's loaders). */
struct sqlite3 *wd_store_db(wd_store *s);

/* The path the store was opened with. borrowed. */
const char *wd_store_path(const wd_store *s);

#endif
