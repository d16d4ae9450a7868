/* Wijkopgaven as data: what each opgave is (a Dutch title and description) and which
 * indicators make it up, with their weights and the direction in which each means more need.
 * The built-in opgaven (indicators/opgaven.json, embedded) can be added to or replaced by a
 * user's file; engine/wd_rank.h ranks the buurten for them. */
#ifndef WD_OPGAVEN_H
#define WD_OPGAVEN_H

#include "engine/wd_error.h"
#include "engine/wd_indicators.h"

#include <stddef.h>

#define WD_OPG_MAX_COMPONENTS 12

typedef struct {
    int indicator; /* index into the indicator set */
    double weight;
    int sign; /* +1: a higher value is more need; -1: a lower value is more need */
} wd_opgave_component;

typedef struct {
    char id[48];
    char title[96];
    char description[1200];
    int n;
    wd_opgave_component comp[WD_OPG_MAX_COMPONENTS];
} wd_opgave;

typedef struct {
    size_t n;
    wd_opgave *items;
} wd_opgave_set;

/* Load the built-in opgaven, then (when not NULL) `user_file`, whose opgaven replace built-ins
 * with the same id or are added. Components name indicators of `set`. new — free with
 * wd_opgaven_free(). Errors name the file and line, the opgave and the field. */
int wd_opgaven_load(wd_opgave_set **out, const wd_indicator_set *set, const char *user_file,
                    wd_error *err);
/* As wd_opgaven_load with the user's document given as `len` bytes of text (not necessarily
 * NUL-terminated) named `name` in messages. */
int wd_opgaven_load_text(wd_opgave_set **out, const wd_indicator_set *set, const char *name,
                         const char *text, size_t len, wd_error *err);
void wd_opgaven_free(wd_opgave_set *opg);
/* Index of the opgave `id`, or -1. */
int wd_opgaven_find(const wd_opgave_set *opg, const char *id);

#endif
