/* The computing session: what every command and program that computes holds, in one place.
 *
 * A session opens the store, reads the definitions (indicators, draagkracht/draaglast,
 * opgaven: the built-in ones, or a user's files), loads a gemeente (or the whole store) and
 * computes its results with Nederland's values, ranks its buurten for the wijkopgaven and
 * reads the boundaries for maps. Every output (profiles, exports, a poster, a web page) starts
 * from one, so none repeats the way from a region code to its results. The session owns what
 * it holds and frees it in wd_session_close; a worker thread gets a session of its own (see
 * wd_session_each_gemeente). Errors as everywhere: 0 or a negative wd_code with err filled. */
#ifndef WD_SESSION_H
#define WD_SESSION_H

#include "engine/wd_compute.h"
#include "engine/wd_dataset.h"
#include "engine/wd_each.h"
#include "engine/wd_error.h"
#include "engine/wd_geo.h"
#include "engine/wd_indicators.h"
#include "engine/wd_rank.h"
#include "engine/wd_similar.h"
#include "engine/wd_store.h"

/* Where a session comes from. Strings are borrowed and must outlive the session. */
typedef struct {
    const char *store;      /* path of the store */
    const char *indicators; /* own indicator definitions (JSON), added to the built-in ones;
                               NULL: none */
    const char *balance;    /* own draagkracht/draaglast definition; NULL: the built-in one */
    const char *opgaven;    /* own wijkopgaven, added to the built-in ones; NULL: none */
    int read_only;          /* 1: the store is only read (wd_store_open_read): for outputs that
                               save nothing in it, such as profiles; then it also opens on a
                               read-only mount */
} wd_session_options;

typedef struct {
    wd_session_options opt;
    wd_store *store;
    wd_indicator_set *set;
    wd_dataset *ds;      /* wd_session_load */
    wd_land *land;       /* Nederland's values from the buurten, made once */
    wd_results *res;     /* wd_session_load */
    wd_opgave_set *opg;  /* wd_session_opgaven (or wd_session_rank) */
    wd_ranking *rk;      /* wd_session_rank */
    wd_geo *geo;         /* wd_session_geo */
    wd_similar *similar; /* wd_session_similar; in a worker's session the parent's */
    int demo;            /* the store holds the simulated demonstration data */
    /* private: in a worker's session the parent's opgaven, which it does not free */
    const wd_opgave_set *borrowed_opg;
} wd_session;

/* Open the store of `opt` (which must exist) and read the definitions, without data. `s` is
 * filled even on failure, so that wd_session_close can always follow. */
int wd_session_open(wd_session *s, const wd_session_options *opt, wd_error *err);

/* Load `gemeente` (NULL: every region of the store) and compute its results, with Nederland's
 * values from the buurten for the indicators marked in `land_need` (room for set->n; NULL:
 * every indicator's; see wd_compute_land). Once per session. */
int wd_session_load(wd_session *s, const char *gemeente, const unsigned char *land_need,
                    wd_error *err);

/* wd_session_load of the gemeente that region `code` (a buurt, wijk or gemeente) belongs to:
 * what a command about one region loads. An unknown code is WD_ENOTFOUND, Nederland
 * WD_EUSAGE (wd_store_gemeente_of). */
int wd_session_load_region(wd_session *s, const char *code, const unsigned char *land_need,
                           wd_error *err);

/* Read the wijkopgaven of the options, once (later calls keep them). */
int wd_session_opgaven(wd_session *s, wd_error *err);

/* Rank the loaded buurten for the wijkopgaven in calendar year `year` (0: the latest), with
 * the defaults of `wijkdata rank` (WD_RANK_DEFAULT_DRAWS, WD_RANK_DEFAULT_SEED, the balance's
 * min_population), so that a profile shows what that command shows by default. Computed, not
 * read from the store: a stored ranking may come from other options. */
int wd_session_rank(wd_session *s, int year, wd_error *err);

/* Read the boundaries of the loaded regions for calendar year `year` (0: the latest year of
 * the data), once for every map drawn from the session. */
int wd_session_geo(wd_session *s, int year, wd_error *err);

/* The buurten of the whole store standardised for "buurten zoals deze" in calendar year `year`
 * (0: the newest year with buurt data), once (later calls keep them); see wd_similar.h. */
int wd_session_similar(wd_session *s, int year, wd_error *err);

/* Run `each` (its gemeente, threads, work, deliver, progress as the caller set them) over the
 * store of an open session with its definitions; see wd_each_gemeente. `saves`: what deliver
 * writes into the store lands in one transaction, all of it or, after an error, none. */
int wd_session_each_gemeente(wd_session *s, const wd_each_options *each, int saves, wd_error *err);

/* wd_session_each_gemeente with the bytes of each gemeente (each->out, set here) going to the
 * file at `path` through the atomic writer (engine/wd_file.h), or with NULL to standard output,
 * `begin` and `end` (either may be NULL) writing before the first and after the last gemeente.
 * What deliver saves lands in one transaction that is committed only after the output is
 * complete: an output that fails (a full disk) leaves the store as it was, and an older file at
 * `path` too. The folder of `path` is rid of what killed runs left first (wd_file_clean). */
int wd_session_each_gemeente_to(wd_session *s, wd_each_options *each, const char *path,
                                int (*begin)(FILE *f, void *ctx, wd_error *err),
                                int (*end)(FILE *f, void *ctx, wd_error *err), void *ctx,
                                wd_error *err);

/* A session on a worker thread of wd_session_each_gemeente: the job's store connection,
 * dataset and results, the definitions (and opgaven, when read) of `parent`, borrowed. Rank
 * and boundaries may be added; wd_session_close_worker frees only what was added (opgaven
 * too, when the parent had none: read them in the parent first, so that they are read once). */
wd_session wd_session_worker(const wd_session *parent, const wd_each_job *job);
void wd_session_close_worker(wd_session *s);

/* Free everything the session holds; accepts a zeroed or half-opened session. */
void wd_session_close(wd_session *s);

#endif
