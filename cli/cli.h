/* The command-line program's shared parts: options, messages, progress and exit codes. What
 * the commands compute and render is the library's (engine/wd_session.h, plots/wd_render.h).
 * Each command lives in its own cli/cmd_*.c and is listed in the table in main.c. */
#ifndef WD_CLI_H
#define WD_CLI_H

#include "engine/wd_error.h"
#include "engine/wd_session.h"

#include <stddef.h>
#include <stdio.h>

enum { CLI_EXIT_OK = 0, CLI_EXIT_RUNTIME = 1, CLI_EXIT_USAGE = 2 };

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
    int resume;          /* profiles: keep the profiles already whole */
    int shard, shards;   /* profiles: shard I of N (--shard I/N), 0 without */
    const char *boekje;  /* profiles: the booklet of the gemeente or werkgebied into this PDF */
    const char *paper;   /* poster: --formaat a3 or a4 */
    const char *gebied;  /* stemkaart, beraad, voortgang: the region; profiles: the werkgebied */
    const char *beraad;  /* voortgang: the date of the beraad followed */
    int edition;         /* demo: 2 adds the second edition (a later year) */
} cli_options;

/* Print `err` as "wijkdata: message"; the exit code for it (2 for WD_EUSAGE, else 1). */
int cli_fail(const wd_error *err);
/* Print a usage error of `cmd` (NULL: the program) with one %s argument; returns 2. */
int cli_usage_error(const char *cmd, const char *fmt, const char *arg);
/* Parse the options of `cmd` into `o`; returns the index of the first positional argument,
 * or -1 after printing `help` (*code 0) or a usage error (*code 2). */
int cli_parse_options(const char *cmd, const char *help, int argc, char **argv, cli_options *o,
                      int *code);
/* The session options (store, definition files) of `o`. */
wd_session_options cli_session_options(const cli_options *o);
/* Set --gemeente and --threads of `o` in `each`, and progress on the terminal when running
 * over every gemeente; then wd_session_each_gemeente_to --out (or standard output). */
int cli_each_gemeente_to(wd_session *s, const cli_options *o, wd_each_options *each,
                         int (*begin)(FILE *f, void *ctx, wd_error *err),
                         int (*end)(FILE *f, void *ctx, wd_error *err), void *ctx, wd_error *err);
/* Progress of a run over gemeenten: "gemeente 120 van 342 (GM0363)" on one line of the
 * terminal, overwritten as it goes. */
void cli_show_progress(size_t done, size_t total, const char *code, void *ctx);
/* Whether a run with `o` shows that progress: over every gemeente, on a terminal. */
int cli_shows_progress(const cli_options *o);
/* Check --format: "csv" (the default when NULL) or "json"; 1 for json, -1 (after a usage
 * error into *code) for anything else. */
int cli_table_format(const char *cmd, const char *format, int *code);

/* The commands: argv[0] is the command's name. */
int cli_cmd_demo(int argc, char **argv, cli_options *o);
int cli_cmd_profile(int argc, char **argv, cli_options *o);
int cli_cmd_indicators(int argc, char **argv, cli_options *o);
int cli_cmd_import(int argc, char **argv, cli_options *o);
int cli_cmd_fetch(int argc, char **argv, cli_options *o);
int cli_cmd_regions(int argc, char **argv, cli_options *o);
int cli_cmd_sources(int argc, char **argv, cli_options *o);
int cli_cmd_rank(int argc, char **argv, cli_options *o);
int cli_cmd_profiles(int argc, char **argv, cli_options *o);
int cli_cmd_export(int argc, char **argv, cli_options *o);
int cli_cmd_controle(int argc, char **argv, cli_options *o);
int cli_cmd_site(int argc, char **argv, cli_options *o);
int cli_cmd_poster(int argc, char **argv, cli_options *o);
int cli_cmd_gespreksblad(int argc, char **argv, cli_options *o);
int cli_cmd_stemkaart(int argc, char **argv, cli_options *o);
int cli_cmd_beraad(int argc, char **argv, cli_options *o);
int cli_cmd_voortgang(int argc, char **argv, cli_options *o);
int cli_cmd_gebied(int argc, char **argv, cli_options *o);

#endif
