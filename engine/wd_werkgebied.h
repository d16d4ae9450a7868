/* Werkgebieden: areas the way a community draws them, from CBS buurten and wijken.
 *
 * A werkgebied is stored as a region of its own (level WD_LEVEL_WERKGEBIED) with the code
 * WG and four digits (WG0001, the next number of the store), a prefix no CBS code uses, and
 * its members (buurten, wijken, or both when they do not overlap) in the order given. Its
 * parent is the gemeente of its first member, so it is loaded, computed and reported with that
 * gemeente: every command that takes a region takes it. A werkgebied may cross gemeenten; its
 * members elsewhere are then loaded beside that gemeente (wd_dataset: `outside`), and its
 * pages say so. Its figures are those of its members, aggregated by each indicator's own rule
 * (see wd_compute.h). Nothing here prints; errors name the code that is wrong. */
#ifndef WD_WERKGEBIED_H
#define WD_WERKGEBIED_H

#include "engine/wd_batch.h"
#include "engine/wd_error.h"
#include "engine/wd_store.h"

#include <stddef.h>

/* A werkgebied's code prefix, and its greatest number of members. */
#define WD_WERKGEBIED_PREFIX "WG"
#define WD_WERKGEBIED_MAX_MEMBERS 500

/* 1 when `code` is a werkgebied's code (WG and digits). */
int wd_werkgebied_is_code(const char *code);

/* Define werkgebied `name` of the buurten `buurten` (n_buurten codes) and wijken `wijken`
 * (n_wijken) and store it; its new code into code[cap]. Refused, with the store unchanged and a
 * message naming the code: an empty name or no member (WD_EUSAGE); a code the store does not
 * know (WD_ENOTFOUND); a code given twice, one that is not a buurt among the buurten or not a
 * wijk among the wijken, a buurt inside a wijk also given, more than
 * WD_WERKGEBIED_MAX_MEMBERS members, or a name another werkgebied has (WD_ERR). */
int wd_werkgebied_make(wd_store *s, const char *name, const char *const *buurten, size_t n_buurten,
                       const char *const *wijken, size_t n_wijken, char *code, size_t cap,
                       wd_error *err);

/* One werkgebied as wd_werkgebied_each gives it: its region and members (borrowed for the
 * call), and how many gemeenten they lie in. */
typedef struct {
    wd_region region;
    size_t n_members;
    const char (*members)[WD_CODE_MAX];
    int n_gemeenten;
} wd_werkgebied;

/* Every werkgebied of the store in code order. */
int wd_werkgebied_each(wd_store *s, int (*fn)(const wd_werkgebied *w, void *ctx), void *ctx,
                       wd_error *err);

#endif
