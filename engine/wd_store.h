/* The local store: one SQLite file with regions, observations (long format with flags),
 * sources (provenance of every observation), geometries, computed results and the latest
 * ranking of wijkopgaven. The store module (wd_store.c, wd_store_data.c) is the only part of
 * the library that talks to SQLite: the others read and write through the typed calls below.
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
#define WD_STORE_SCHEMA_VERSION 7

typedef struct wd_store wd_store;

/* Open (creating if `create` is set) the store at `path` and migrate it to the current
 * schema. The handle must not be used by two threads at once. new — caller closes with
 * wd_store_close(). A missing file with create == 0 is WD_ENOTFOUND; a file that is not a store is
 * WD_ESTORE naming the path. */
int wd_store_open(wd_store **out, const char *path, int create, wd_error *err);
/* Open the store at `path` for reading only, for what only reads (regions, profiles, the
 * workers of a run over gemeenten): it must exist and have the current schema (an older one is
 * migrated by the first command that writes). It opens on a read-only mount and where the WAL
 * index (-shm) cannot be made (a full disk): then, when no write-ahead log beside it holds
 * data, the file is read as immutable. Writing through the handle fails. new — caller closes
 * with wd_store_close(). Errors as wd_store_open. */
int wd_store_open_read(wd_store **out, const char *path, wd_error *err);
void wd_store_close(wd_store *s);
/* Close `s` and, when wd_store_open created the file, remove it: a failed first import leaves
 * no empty store behind. */
void wd_store_discard(wd_store *s);

/* Import a batch in one transaction: sources are upserted on (table id, URL), regions on
 * code, observations on (region, variable, subgroup, year), geometries on (region, year),
 * variables on (table id, name, key). */
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

/* The gemeente region `code` (a buurt, wijk or gemeente) belongs to, through the parent links,
 * into out[cap]. WD_ENOTFOUND for an unknown code, WD_EUSAGE for a code above a gemeente
 * (Nederland), WD_ERR for a region whose chain of parents breaks off. */
int wd_store_gemeente_of(wd_store *s, const char *code, char *out, size_t cap, wd_error *err);

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

/* *empty = 1 when the store holds nothing (no source, region, observation, geometry or meta
 * key): what a first import leaves that was killed before its commit. */
int wd_store_is_empty(wd_store *s, int *empty, wd_error *err);

/* One year of a series. */
typedef struct {
    int year;
    unsigned flags; /* WD_FLAG_* */
    long source;    /* sources.id */
    double value;   /* NAN when missing */
    float lo, hi;   /* NAN when unknown */
} wd_store_series_point;

/* Years an observation may have (a CHECK of the schema). */
#define WD_STORE_YEAR_MIN 1900
#define WD_STORE_YEAR_MAX 2200

/* The number of points in the `data` blob of a series row of `len` bytes; -1 when it is not a
 * series (a length that does not fit, years not ascending within the years above). Layout,
 * little-endian: one byte, 1 (without bounds) or 2 (with bounds), then per year in ascending order
 * u16 year, u8 flags, u8 0, u32 source id, f64 value (NaN: missing), and with bounds f32 lo, f32 hi
 * (NaN: unknown). */
long wd_store_series_count(const unsigned char *data, size_t len);
/* Point k of a blob that wd_store_series_count accepted. */
void wd_store_series_get(const unsigned char *data, size_t k, wd_store_series_point *out);

/* ---- What the engine reads and writes (engine/wd_store_data.c) ----
 * Typed calls, so that no other module writes SQL or sees the SQLite handle. Callbacks stop
 * the iteration by returning non-zero; that value is then returned (after err was set by the
 * callback, when it is an error). */

/* Every source, in id order: fn gets the store's id of it (the `source` of a series point)
 * and its description. */
int wd_store_each_source(wd_store *s, int (*fn)(long id, const wd_source *src, void *ctx),
                         void *ctx, wd_error *err);

/* How wd_store_each_series hands over series: `pick` says for each series (its variable and
 * subgroup, "" for none) which of the caller's variables it is, or -1 to pass it over without
 * reading its points; `take` gets every picked series: the index of its region in the list,
 * the number pick gave, and the packed points (see wd_store_series_count), borrowed for the
 * call. A non-zero return of take stops the reading. */
typedef struct {
    int (*pick)(const char *variable, const char *subgroup, void *ctx);
    int (*take)(size_t region, int picked, const char *variable, const char *subgroup,
                const unsigned char *data, size_t len, void *ctx);
    void *ctx;
} wd_store_series_reader;

/* The stored series of `n` regions, in no particular order. With `variables` (n_variables
 * names; repeats are harmless) only the series of those variables are looked at, which is
 * cheaper for a few variables over many regions; NULL: every series of the regions. */
int wd_store_each_series(wd_store *s, const wd_region *regions, size_t n,
                         const char *const *variables, size_t n_variables,
                         const wd_store_series_reader *reader, wd_error *err);

/* The (variable, subgroup) of every series of region `code`, without their points. */
int wd_store_each_series_name(wd_store *s, const char *code,
                              int (*fn)(const char *variable, const char *subgroup, void *ctx),
                              void *ctx, wd_error *err);

/* Per region its latest boundary up to `year`, else its earliest (year 0: every boundary
 * year, in year order per region): fn gets the code, the boundary year and `len` bytes of
 * GeoJSON geometry text (not NUL-terminated, borrowed for the call). Only the `n` regions
 * given, when `regions` is not NULL (a gemeente's boundaries without reading the country's);
 * NULL: every region of the store. */
int wd_store_each_geometry(wd_store *s, const wd_region *regions, size_t n, int year,
                           int (*fn)(const char *code, int year, const char *geojson, size_t len,
                                     void *ctx),
                           void *ctx, wd_error *err);

/* A variable as a table served it (see wd_variable), with the retrieval times of the first and
 * the last fetch that served this key. */
typedef struct {
    char table_id[32];
    int year;
    char name[WD_VAR_MAX];
    char key[WD_VAR_MAX + 16];
    char title[160];
    char unit[48];
    char first_seen[32], last_seen[32]; /* ISO 8601 UTC */
} wd_store_variable;

/* Every variable record, ordered by name, then year, table and first_seen. */
int wd_store_each_variable(wd_store *s, int (*fn)(const wd_store_variable *v, void *ctx), void *ctx,
                           wd_error *err);

/* For the `n` regions, every two boundary years whose stored geometries are the same text:
 * fn gets the index of the region in the list and the two years (year_a < year_b). */
int wd_store_each_same_geometry(wd_store *s, const wd_region *regions, size_t n,
                                int (*fn)(size_t region, int year_a, int year_b, void *ctx),
                                void *ctx, wd_error *err);

/* One saved result: the value of an indicator (or "draagkracht_index", "draaglast_index")
 * for a region in a year, with its flags and z-score against the gemeente (NAN: none). */
typedef struct {
    const char *indicator;
    int year;
    double value;
    unsigned flags;
    double score;
} wd_store_result;

/* Saving results region by region in one savepoint (its own transaction, or part of the
 * caller's): _open, then per region _replace (its stored results give way to these rows),
 * then _close with commit set to keep them or 0 to undo everything since _open. */
typedef struct wd_store_results wd_store_results;
int wd_store_results_open(wd_store_results **out, wd_store *s, wd_error *err);
int wd_store_results_replace(wd_store_results *w, const char *region, const wd_store_result *rows,
                             size_t n, wd_error *err);
/* Frees w (NULL is fine). With commit 0, returns 0 after undoing. */
int wd_store_results_close(wd_store_results *w, int commit, wd_error *err);

/* One row of the ranking of wijkopgaven (table opgave_ranks), as saved and read back. */
typedef struct {
    char region[WD_CODE_MAX];
    char opgave[48];
    int year;
    double score, weight_share; /* score NAN: too few components with a value */
    int rank, rank_median, rank_lo, rank_hi, n_ranked;
    char tier[24];
    double shift; /* NAN when not ranked */
    char status[48];
    int draws;
    unsigned long seed;
} wd_store_rank;

/* Save rankings in one savepoint, as wd_store_results: each row replaces the stored row of
 * its region and opgave. */
typedef struct wd_store_ranks wd_store_ranks;
int wd_store_ranks_open(wd_store_ranks **out, wd_store *s, wd_error *err);
int wd_store_ranks_put(wd_store_ranks *w, const wd_store_rank *row, wd_error *err);
int wd_store_ranks_close(wd_store_ranks *w, int commit, wd_error *err);

/* The stored ranked rows (rank > 0) of region `code`, in no particular order. */
int wd_store_each_rank(wd_store *s, const char *code,
                       int (*fn)(const wd_store_rank *row, void *ctx), void *ctx, wd_error *err);

/* ---- Bewonersberaden (engine/wd_beraad.h) ---- */

/* A beraad as recorded: where and when residents chose, for which region, and the reported
 * year of the figures beside which they chose. */
typedef struct {
    long id; /* filled by wd_store_each_beraad */
    char region[WD_CODE_MAX];
    char date[11]; /* JJJJ-MM-DD */
    char place[128];
    int year;             /* reported year of the figures when it was recorded */
    char recorded_at[32]; /* ISO 8601 UTC */
} wd_store_beraad;

/* One opgave of a beraad: the residents' votes and rank, the rank the figures gave it, whether
 * it was chosen, and the residents' note. */
typedef struct {
    char opgave[48];
    char title[96];
    int votes;         /* -1: not filled in */
    int resident_rank; /* 1 = first; 0: none */
    int figure_rank;   /* the figures' order among the opgaven, 1 = most need; 0: none */
    double figure_pos; /* the rank behind it relative to the buurten ranked (0..1); NAN: none */
    int chosen;
    char note[512];
} wd_store_beraad_opgave;

/* The baseline of one indicator of a chosen opgave: the figure as it was when the beraad was
 * recorded, with what makes a later one comparable. */
typedef struct {
    char opgave[48];
    char indicator[48];
    char label[96];
    char unit[24];
    int decimals;
    int year;          /* calendar year of the figure; 0 when there was none */
    double value;      /* NAN: none */
    double lo, hi;     /* published 95% bounds, else exact interval of counts; NAN: none */
    double count, den; /* the counts behind a share of counted people; NAN: none */
    unsigned flags;    /* WD_FLAG_* of the value */
    char table_id[32]; /* the table the figure came from ("" for none) */
    char edition[32];  /* its retrieval time: which delivery of the table */
    int indeling;      /* the indeling of the figure (a KWB table's year, RIVM's indeling) */
    int rounded;       /* 1: the counts are rounded to multiples of 5 by the source (CBS) */
} wd_store_baseline;

/* Record a beraad with its opgaven and baselines in one transaction: all of it or nothing. A
 * beraad of the same region on the same date already in the store is WD_ERR naming both. */
int wd_store_beraad_add(wd_store *s, const wd_store_beraad *b, const wd_store_beraad_opgave *opg,
                        size_t n_opg, const wd_store_baseline *base, size_t n_base, wd_error *err);

/* Every beraad of region `code`, oldest first. */
int wd_store_each_beraad(wd_store *s, const char *code,
                         int (*fn)(const wd_store_beraad *b, void *ctx), void *ctx, wd_error *err);

/* The opgaven of beraad `id`, in the order they were given to wd_store_beraad_add. */
int wd_store_each_beraad_opgave(wd_store *s, long id,
                                int (*fn)(const wd_store_beraad_opgave *o, void *ctx), void *ctx,
                                wd_error *err);

/* The baselines of beraad `id`, in the order they were given to wd_store_beraad_add. */
int wd_store_each_baseline(wd_store *s, long id, int (*fn)(const wd_store_baseline *b, void *ctx),
                           void *ctx, wd_error *err);
/* ---- Werkgebieden (the rules they follow: engine/wd_werkgebied.h) ---- */

/* Store a werkgebied in one transaction: the region `code` (level WD_LEVEL_WERKGEBIED, named
 * `name`, its parent `gemeente`) and its `n` members in the order given. The caller has
 * checked the members and that code and name are free (wd_store_werkgebied_find). */
int wd_store_werkgebied_add(wd_store *s, const char *code, const char *name, const char *gemeente,
                            const char (*members)[WD_CODE_MAX], size_t n, wd_error *err);

/* Remove werkgebied `code` in one transaction: its region, its members, and its saved results
 * and rankings. WD_ENOTFOUND (message naming the code) when there is no such werkgebied. */
int wd_store_werkgebied_remove(wd_store *s, const char *code, wd_error *err);

/* The code of the werkgebied named `name` into code[cap] ("" when there is none), and the
 * highest number among the WG codes of the store in *highest (0: none). */
int wd_store_werkgebied_find(wd_store *s, const char *name, char *code, size_t cap, int *highest,
                             wd_error *err);

/* The members of werkgebied `code` (NULL: of every werkgebied), ordered by werkgebied and then
 * as they were given: fn gets the werkgebied's code and the member's. */
int wd_store_each_member(wd_store *s, const char *code,
                         int (*fn)(const char *werkgebied, const char *member, void *ctx),
                         void *ctx, wd_error *err);

/* The path the store was opened with. borrowed. */
const char *wd_store_path(const wd_store *s);

#endif
