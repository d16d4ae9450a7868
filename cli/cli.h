/* The command-line program's shared parts: options, errors and exit codes, and the session
 * (store, definitions, data, results) that computing commands open. Each command lives in
 * its own cli/cmd_*.c and is listed in the table in main.c. */
#ifndef WD_CLI_H
#define WD_CLI_H

#include "engine/wd_compute.h"
#include "engine/wd_dataset.h"
#include "engine/wd_each.h"
#include "engine/wd_error.h"
#include "engine/wd_indicators.h"
#include "engine/wd_rank.h"
#include "engine/wd_store.h"
#include "engine/wd_geo.h"

#include <stddef.h>

enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

/* Options shared by every command. */
typedef struct {
    const char *store;
    const char *out;
    const char *gemeente;
    const char *indicators;
    const char *balance;
    int level;
    int year;
    int buurten;
    unsigned long seed;
    int no_profiles;
    const char *format;
    const char *years;   /* fetch: "2016-2024" or "2024" */
    const char *sources; /* fetch: "kwb,rivm,lbm,geo" */
    const char *cache;   /* fetch: cache folder */
    const char *config;  /* fetch: config file */
    int offline;         /* fetch: cache only */
    const char *mapping;
    int page;            /* 1-based page for --pagina, 0 when not given */
    const char *opgave;  /* rank: only this opgave */
    const char *opgaven; /* rank: user file of opgaven */
    int draws;           /* rank: Monte Carlo draws */
    int threads;         /* indicators, rank: worker threads, 0 for one per processor */
} options;

/* Everything a command needs to compute: store, definitions, data and results. */
typedef struct {
    wd_store *store;
    wd_indicator_set *set;
    wd_dataset *ds;
    wd_land *land; /* Nederland's values from the buurten, made once */
    wd_results *res;
    wd_opgave_set *opg; /* with rk: set by session_rank */
    wd_ranking *rk;
    wd_geo *geo; /* boundaries for the maps: set by session_geo */
    int demo;
} session;

/* Print `err` as "wijkdata: message"; the exit code for it (2 for WD_EUSAGE, else 1). */
int fail(const wd_error *err);
/* Print a usage error of `cmd` (NULL: the program) with one %s argument; returns 2. */
int usage_error(const char *cmd, const char *fmt, const char *arg);
/* Parse the options of `cmd` into `o`; returns the index of the first positional argument,
 * or -1 after printing `help` (*code 0) or a usage error (*code 2). */
int parse_options(const char *cmd, const char *help, int argc, char **argv, options *o, int *code);
/* Today's date in Dutch ("25 november 2026"). */
void today_nl(char *buf, size_t cap);
/* Open the store of `o`, load definitions and the data of `gemeente` (NULL: all), compute;
 * `for_profile`: Nederland's values only as far as a profile shows them. */
int session_open(session *s, const options *o, const char *gemeente, int for_profile,
                 wd_error *err);
void session_close(session *s);
/* Rank the session's buurten for the wijkopgaven of `o` (--opgaven; read unless s->opg holds
 * them already) in year `year` (0: the latest), with the default draws and seed, so that profiles
 * show what `wijkdata rank` shows by default. Computed, not read from the store: a stored ranking
 * may have other options. */
int session_rank(session *s, const options *o, int year, wd_error *err);
/* Read the boundaries of the year shown (0: the latest) once, for every profile rendered. */
int session_geo(session *s, int year, wd_error *err);
/* Open the store of `o` and load the definitions, without data; then session_each_gemeente. */
int session_open_store(session *s, const options *o, wd_error *err);
/* Run `each` over --gemeente, or every gemeente of the store, on --threads workers, with
 * progress on the terminal; see wd_each_gemeente. `saves`: the run writes into the store, in
 * one transaction. */
int session_each_gemeente(session *s, const options *o, wd_each_options *each, int saves,
                          wd_error *err);
/* Check --format: "csv" (the default when NULL) or "json"; 1 for json, -1 (after a usage
 * error into *code) for anything else. */
int parse_table_format(const char *cmd, const char *format, int *code);
/* The gemeente a region belongs to, through the parent links in the store. */
int gemeente_of(wd_store *store, const char *code, char *out, size_t cap, wd_error *err);

/* Render the profile of region `r` of the session (year 0: the latest) at `path`: a PDF, or
 * with `format` "png"/"svg" (NULL: pdf) the 1-based page `page` of it. */
int render_region(const session *s, size_t r, int year, const char *format, int page,
                  const char *path, wd_error *err);

/* The commands: argv[0] is the command's name. */
int cmd_demo(int argc, char **argv, options *o);
int cmd_profile(int argc, char **argv, options *o);
int cmd_indicators(int argc, char **argv, options *o);
int cmd_import(int argc, char **argv, options *o);
int cmd_fetch(int argc, char **argv, options *o);
int cmd_regions(int argc, char **argv, options *o);
int cmd_sources(int argc, char **argv, options *o);
int cmd_rank(int argc, char **argv, options *o);
int cmd_profiles(int argc, char **argv, options *o);

#endif
