/* Implementation of wd_werkgebied.h: the checks of a new werkgebied against the store, then one
 * typed call that stores it. */
#include "engine/wd_werkgebied.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int wd_werkgebied_is_code(const char *code)
{
    if (strncmp(code, WD_WERKGEBIED_PREFIX, 2) != 0 || !code[2]) return 0;
    for (const char *c = code + 2; *c; c++)
        if (!isdigit((unsigned char)*c)) return 0;
    return 1;
}

/* Member `code` given under `want` (a buurt or a wijk): known, of that level; its region in
 * *out. */
static int check_member(wd_store *s, const char *code, wd_level want, wd_region *out, wd_error *err)
{
    if (strlen(code) >= WD_CODE_MAX || !code[0])
        return wd_error_set(err, WD_EUSAGE, "ongeldige regiocode '%s' in het werkgebied", code);
    int rc = wd_store_region(s, code, out, err);
    if (rc) return rc;
    if (out->level != want)
        return wd_error_set(err, WD_ERR, "%s is een %s, geen %s (%s)", code,
                            wd_level_name(out->level), wd_level_name(want),
                            want == WD_LEVEL_BUURT ? "--buurten" : "--wijken");
    return 0;
}

int wd_werkgebied_make(wd_store *s, const char *name, const char *const *buurten, size_t n_buurten,
                       const char *const *wijken, size_t n_wijken, char *code, size_t cap,
                       wd_error *err)
{
    size_t n = n_buurten + n_wijken;
    if (!name[0] || strlen(name) >= sizeof((wd_region *)0)->name)
        return wd_error_set(err, WD_EUSAGE, "geef het werkgebied een naam van 1 tot %zu tekens",
                            sizeof((wd_region *)0)->name - 1);
    if (n == 0)
        return wd_error_set(err, WD_EUSAGE,
                            "een werkgebied heeft buurten (--buurten) of wijken (--wijken)");
    if (n > WD_WERKGEBIED_MAX_MEMBERS)
        return wd_error_set(err, WD_ERR, "een werkgebied heeft hoogstens %d delen, niet %zu",
                            WD_WERKGEBIED_MAX_MEMBERS, n);
    char taken[WD_CODE_MAX];
    int highest = 0;
    int rc = wd_store_werkgebied_find(s, name, taken, sizeof taken, &highest, err);
    if (rc) return rc;
    if (taken[0])
        return wd_error_set(err, WD_ERR, "de naam '%s' is al in gebruik door werkgebied %s", name,
                            taken);
    wd_region *reg = malloc(n * sizeof *reg);
    char(*members)[WD_CODE_MAX] = malloc(n * sizeof *members);
    if (!reg || !members) rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    for (size_t i = 0; !rc && i < n; i++) {
        const char *c = i < n_wijken ? wijken[i] : buurten[i - n_wijken];
        rc = check_member(s, c, i < n_wijken ? WD_LEVEL_WIJK : WD_LEVEL_BUURT, &reg[i], err);
        for (size_t k = 0; !rc && k < i; k++)
            if (strcmp(reg[k].code, reg[i].code) == 0)
                rc = wd_error_set(err, WD_ERR, "%s staat twee keer in het werkgebied", c);
        /* A buurt inside a wijk also given would count twice. */
        for (size_t k = 0; !rc && i >= n_wijken && k < n_wijken; k++)
            if (strcmp(reg[i].parent, reg[k].code) == 0)
                rc = wd_error_set(err, WD_ERR,
                                  "buurt %s ligt in wijk %s, die ook in het werkgebied staat", c,
                                  reg[k].code);
        if (!rc) memcpy(members[i], reg[i].code, WD_CODE_MAX);
    }
    /* The order the user gave, buurten first when both are given: the first member decides the
     * gemeente. */
    char gemeente[WD_CODE_MAX];
    const char *first = n_buurten ? buurten[0] : wijken[0];
    if (!rc) rc = wd_store_gemeente_of(s, first, gemeente, sizeof gemeente, err);
    char(*ordered)[WD_CODE_MAX] = rc ? NULL : malloc(n * sizeof *ordered);
    if (!rc && !ordered) rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    for (size_t i = 0; !rc && i < n; i++)
        memcpy(ordered[i], members[i < n_buurten ? n_wijken + i : i - n_buurten], WD_CODE_MAX);
    if (!rc) {
        snprintf(code, cap, "%s%04d", WD_WERKGEBIED_PREFIX, highest + 1);
        rc = wd_store_werkgebied_add(s, code, name, gemeente, (const char(*)[WD_CODE_MAX])ordered,
                                     n, err);
    }
    free(ordered);
    free(reg);
    free(members);
    return rc;
}

/* The members of every werkgebied, grouped as the store gives them (by werkgebied). */
typedef struct {
    char (*werkgebied)[WD_CODE_MAX];
    char (*member)[WD_CODE_MAX];
    size_t n, cap;
} member_list;

static int add_member(const char *werkgebied, const char *member, void *ctx)
{
    member_list *l = ctx;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        void *w = realloc(l->werkgebied, cap * sizeof *l->werkgebied);
        if (w) l->werkgebied = w;
        void *m = w ? realloc(l->member, cap * sizeof *l->member) : NULL;
        if (!m) return WD_ENOMEM;
        l->member = m;
        l->cap = cap;
    }
    snprintf(l->werkgebied[l->n], WD_CODE_MAX, "%s", werkgebied);
    snprintf(l->member[l->n++], WD_CODE_MAX, "%s", member);
    return 0;
}

int wd_werkgebied_each(wd_store *s, int (*fn)(const wd_werkgebied *w, void *ctx), void *ctx,
                       wd_error *err)
{
    member_list l = {0};
    int rc = wd_store_each_member(s, NULL, add_member, &l, err);
    if (rc == WD_ENOMEM) rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    char(*gemeenten)[WD_CODE_MAX] = rc ? NULL : malloc((l.n + 1) * sizeof *gemeenten);
    if (!rc && !gemeenten) rc = wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    for (size_t at = 0; !rc && at < l.n;) {
        size_t end = at;
        while (end < l.n && strcmp(l.werkgebied[end], l.werkgebied[at]) == 0)
            end++;
        wd_werkgebied w = {.n_members = end - at,
                           .members = (const char(*)[WD_CODE_MAX]) & l.member[at]};
        rc = wd_store_region(s, l.werkgebied[at], &w.region, err);
        for (size_t k = at; !rc && k < end; k++) {
            rc = wd_store_gemeente_of(s, l.member[k], gemeenten[k - at], WD_CODE_MAX, err);
            int seen = 0;
            for (size_t j = at; !rc && j < k; j++)
                seen |= strcmp(gemeenten[j - at], gemeenten[k - at]) == 0;
            w.n_gemeenten += !rc && !seen;
        }
        if (!rc) rc = fn(&w, ctx);
        at = end;
    }
    free(gemeenten);
    free(l.werkgebied);
    free(l.member);
    return rc;
}
