/* Implementation of wd_sheet_fill.h. The poster's figures are a short list of indicator ids,
 * each with the words a resident reads for it; absent ids are skipped, as the profile does. */
#include "plots/wd_sheet_fill.h"

#include "engine/wd_rank_groups.h"
#include "plots/wd_render.h"
#include "plots/wd_text.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The poster's figures. A share reads "Ongeveer 1 op de 5 <who> <does>"; the one figure that is
 * no share (income) reads as an amount beside the gemeente's. */
static const struct {
    const char *id;
    const char *label; /* the card's heading */
    const char *who;   /* plural subject of a share */
    const char *does;  /* its verb phrase, singular as after "1 op de 5 bewoners" */
    const char *note;  /* a sentence after the comparison, or NULL */
} poster_ids[] = {
    {"aandeel_65plus", "65 jaar of ouder", "bewoners", "is 65 jaar of ouder", NULL},
    {"eenpersoonshuishoudens", "Alleen wonen", "huizen", "heeft maar één bewoner", NULL},
    {"sociaal_minimum", "Weinig geld", "huishoudens", "heeft weinig geld", NULL},
    {"inkomen_per_inwoner", "Inkomen", NULL, NULL, NULL},
    {"ernstig_eenzaam", "Erg eenzaam", "volwassenen", "voelt zich erg eenzaam",
     "Dit is een schatting."},
    {"mantelzorgers", "Mantelzorg", "volwassenen", "zorgt voor een zieke naaste",
     "Dit is een schatting."},
};

int wd_sheet_share_words(char *buf, size_t cap, double pct)
{
    if (!buf || cap == 0 || !isfinite(pct) || pct < 0 || pct > 100) return WD_EUSAGE;
    int w;
    if (pct == 0)
        w = snprintf(buf, cap, "niemand");
    else if (pct >= 97.5)
        w = snprintf(buf, cap, "bijna iedereen");
    else if (pct < 1)
        w = snprintf(buf, cap, "minder dan 1 op de 100");
    else if (pct <= 100.0 / 3 + 1e-9) {
        double n = 100 / pct;
        long k = lround(n);
        if (k > 50)
            k = 10 * lround(n / 10);
        else if (k > 20)
            k = 5 * lround(n / 5);
        w = snprintf(buf, cap, "1 op de %ld", k);
    } else {
        static const int below[] = {2, 3, 4, 5, 10};
        int best_a = 1, best_b = 2;
        double best = INFINITY;
        for (size_t k = 0; k < sizeof below / sizeof *below; k++)
            for (int a = 1; a < below[k]; a++) {
                int b = below[k];
                if (b % a == 0 && a > 1) continue; /* 2 op de 4 is 1 op de 2 */
                if (b == 10 && (a == 2 || a == 4 || a == 5 || a == 6 || a == 8)) continue;
                double d = fabs(100.0 * a / b - pct);
                if (d < best - 1e-9) {
                    best = d;
                    best_a = a;
                    best_b = b;
                }
            }
        w = snprintf(buf, cap, "%d op de %d", best_a, best_b);
    }
    return w < 0 || (size_t)w >= cap ? WD_ENOMEM : 0;
}

const char *wd_sheet_compare_words(double value, double ref)
{
    if (!(value > 0) || !(ref > 0) || !isfinite(value) || !isfinite(ref)) return NULL;
    double d = log(value / ref);
    if (fabs(d) < log(1.05)) return "ongeveer even hoog als";
    if (fabs(d) < log(1.15)) return d > 0 ? "iets hoger dan" : "iets lager dan";
    if (fabs(d) < log(1.5)) return d > 0 ? "hoger dan" : "lager dan";
    return d > 0 ? "veel hoger dan" : "veel lager dan";
}

int wd_sheet_most_different(const double *z, int n)
{
    int best = -1;
    for (int k = 0; k < n; k++)
        if (isfinite(z[k]) && (best < 0 || fabs(z[k]) > fabs(z[best]))) best = k;
    return best;
}

int wd_sheet_turn(const double *x, int n, double *size)
{
    if (n < 3) return 0;
    for (int k = 0; k < n; k++)
        if (!isfinite(x[k])) return 0;
    double before = x[n - 2] - x[0], last = x[n - 1] - x[n - 2], base = fabs(x[n - 2]);
    if (fabs(before) < 0.01 * base || fabs(last) < 0.01 * base || before * last >= 0) return 0;
    if (size) *size = base > 0 ? fabs(last) / base : INFINITY;
    return last > 0 ? 1 : -1;
}

int wd_sheet_disagree(const double *need, int n, int *up, int *down)
{
    int hi = -1, lo = -1;
    for (int k = 0; k < n; k++) {
        if (!isfinite(need[k])) continue;
        if (hi < 0 || need[k] > need[hi]) hi = k;
        if (lo < 0 || need[k] < need[lo]) lo = k;
    }
    if (hi < 0 || need[hi] < 0.5 || need[lo] > -0.5) return 0;
    *up = hi;
    *down = lo;
    return 1;
}

/* The value of indicator i of region r as the sheets show it: the last year up to year index
 * y within the balance's max_years_back; its year index in *used (-1: none). */
static double shown(const wd_results *res, size_t r, size_t i, int y, int *used)
{
    *used = wd_results_last_year(res, r, i, y, res->set->balance.max_years_back);
    return *used >= 0 ? res->value[wd_results_cell(res, r, *used, i)] : NAN;
}

/* The citation of dataset source `src` for the foot of a sheet: "CBS 85984NED (opgehaald 3
 * december 2026)", once each. */
static void add_source(wd_sheet *out, const wd_dataset *ds, unsigned short src)
{
    const wd_source *so = &ds->sources[src];
    char date[40] = "", line[sizeof out->sources[0]];
    int yy, mm, dd;
    if (sscanf(so->retrieved_at, "%4d-%2d-%2d", &yy, &mm, &dd) == 3)
        wd_text_fmt_date(date, sizeof date, yy, mm, dd);
    snprintf(line, sizeof line, "%s %s%s%s%s", so->publisher, so->table_id,
             date[0] ? " (opgehaald " : "", date, date[0] ? ")" : "");
    for (int k = 0; k < out->n_sources; k++)
        if (strcmp(out->sources[k], line) == 0) return;
    if (out->n_sources < WD_SHEET_MAX_SOURCES)
        snprintf(out->sources[out->n_sources++], sizeof out->sources[0], "%s", line);
}

/* "CBS 85984NED, 2024": publisher, table and year of the value of indicator i of region r
 * in year index yy; its source goes to the foot of the sheet. */
static void cite(wd_sheet *out, char *buf, size_t cap, const wd_results *res, size_t r, size_t i,
                 int yy)
{
    const wd_dataset *ds = res->ds;
    unsigned short src = res->source[wd_results_cell(res, r, yy, i)];
    if (src < ds->n_sources) {
        snprintf(buf, cap, "%s %s, %d", ds->sources[src].publisher, ds->sources[src].table_id,
                 ds->year0 + yy);
        add_source(out, ds, src);
    } else
        snprintf(buf, cap, "%s, %d", res->set->items[i].source, ds->year0 + yy);
}

/* First letter upper case (ASCII), for a sentence that starts with a word from data. */
static void capital(char *s)
{
    if (s[0] >= 'a' && s[0] <= 'z') s[0] = (char)(s[0] - 'a' + 'A');
}

static void fill_figures(wd_sheet *out, const wd_session *s, size_t r, int y)
{
    const wd_results *res = s->res;
    int gem = s->ds->gemeente[r];
    for (size_t k = 0; k < sizeof poster_ids / sizeof *poster_ids; k++) {
        int i = wd_indicators_find(s->set, poster_ids[k].id);
        if (i < 0 || out->n_figures >= WD_SHEET_MAX_FIGURES) continue;
        const wd_indicator *ind = &s->set->items[i];
        int yy, gy = -1;
        double v = shown(res, r, (size_t)i, y, &yy);
        double g = gem >= 0 && (size_t)gem != r ? shown(res, (size_t)gem, (size_t)i, y, &gy) : NAN;
        if (!isfinite(v)) continue;
        wd_sheet_figure *f = &out->figures[out->n_figures++];
        snprintf(f->label, sizeof f->label, "%s", poster_ids[k].label);
        cite(out, f->source, sizeof f->source, res, r, (size_t)i, yy);
        char a[48], b[48];
        size_t n = 0;
        if (poster_ids[k].who && strcmp(ind->unit, "%") == 0 && v <= 100) {
            wd_text_fmt_percent(f->figure, sizeof f->figure, v, 0);
            wd_sheet_share_words(a, sizeof a, v);
            int same =
                isfinite(g) && wd_sheet_share_words(b, sizeof b, g) == 0 && strcmp(a, b) == 0;
            /* "Ongeveer 1 op de 5 bewoners ...", "Niemand van de bewoners ...". */
            int count = isdigit((unsigned char)a[0]) || strncmp(a, "minder", 6) == 0;
            n = (size_t)snprintf(f->sentence, sizeof f->sentence, "%s%s %s%s %s",
                                 isdigit((unsigned char)a[0]) ? "Ongeveer " : "", a,
                                 count ? "" : "van de ", poster_ids[k].who, poster_ids[k].does);
            capital(f->sentence);
            if (!isfinite(g))
                n += (size_t)snprintf(f->sentence + n, sizeof f->sentence - n, ".");
            else if (same)
                n += (size_t)snprintf(f->sentence + n, sizeof f->sentence - n,
                                      "; in de gemeente ook.");
            else
                n += (size_t)snprintf(f->sentence + n, sizeof f->sentence - n,
                                      "; in de gemeente %s.", b);
        } else {
            /* An amount: income is published in thousands of euros. */
            double scale = strstr(ind->unit, "1.000") ? 1000 : 1;
            wd_text_fmt_number(a, sizeof a, v * scale, 0);
            snprintf(f->figure, sizeof f->figure, "\xe2\x82\xac\xc2\xa0%s", a);
            n = (size_t)snprintf(f->sentence, sizeof f->sentence,
                                 "Gemiddeld per bewoner per jaar.");
            const char *cmp = wd_sheet_compare_words(v, g);
            if (cmp) {
                wd_text_fmt_number(b, sizeof b, g * scale, 0);
                n += (size_t)snprintf(f->sentence + n, sizeof f->sentence - n,
                                      " Dat is %s in de gemeente: %s euro.", cmp, b);
            }
        }
        if (poster_ids[k].note && n < sizeof f->sentence)
            snprintf(f->sentence + n, sizeof f->sentence - n, " %s", poster_ids[k].note);
    }
}

/* The first sentence of an opgave's description, as its one line on the stemkaart. */
static void first_sentence(char *out, size_t cap, const char *text)
{
    size_t n = strcspn(text, ".");
    snprintf(out, cap, "%.*s%s", (int)n, text, text[n] ? "." : "");
}

/* Whether region b is a buurt inside region r: r itself (a buurt), its wijk or gemeente, or a
 * werkgebied that has it or its wijk among its members. */
static int inside(const wd_dataset *ds, size_t b, size_t r)
{
    if (ds->regions[b].level != WD_LEVEL_BUURT) return 0;
    if (b == r || ds->parent[b] == (int)r || ds->gemeente[b] == (int)r) return 1;
    size_t n;
    const wd_dataset_member *m = wd_dataset_members(ds, r, &n);
    for (size_t k = 0; k < n; k++)
        if (m[k].region == (int)b || m[k].region == ds->parent[b]) return 1;
    return 0;
}

/* "A, B en C": up to `max` names of the regions in list[0..n), and "en nog k andere" after
 * that. */
static void name_list(char *buf, size_t cap, const wd_dataset *ds, const size_t *list, size_t n,
                      size_t max)
{
    size_t len = 0;
    buf[0] = '\0';
    size_t shown_n = n > max ? max : n;
    for (size_t k = 0; k < shown_n && len < cap; k++) {
        const char *sep = k == 0 ? "" : (k + 1 == shown_n && n <= max) ? " en " : ", ";
        len += (size_t)snprintf(buf + len, cap - len, "%s%s", sep, ds->regions[list[k]].name);
    }
    if (n > max && len < cap) snprintf(buf + len, cap - len, " en nog %zu andere", n - max);
}

/* Where region r stands for opgave o, in groups (engine/wd_rank_groups.h); 0 or a negative
 * wd_code. `best` is the buurt of r with the most need for it. */
static int group_words(wd_sheet_opgave *op, const wd_session *s, size_t r, size_t o, size_t best)
{
    const wd_dataset *ds = s->ds;
    int *group = malloc(ds->n_regions * sizeof *group + 1);
    size_t *list = malloc(ds->n_regions * sizeof *list + 1);
    wd_error err = {0};
    int rc =
        group && list ? wd_rank_groups_of(s->rk, o, ds->gemeente[best], group, &err) : WD_ENOMEM;
    if (rc > 0) {
        int g = group[best];
        size_t before = 0, same = 0, own = 0;
        for (size_t b = 0; b < ds->n_regions; b++) {
            if (group[b] < 0) continue;
            before += group[b] < g;
            if (group[b] == g) same++;
        }
        /* The buurten of r in the group first, then the others. */
        for (int pass = 0; pass < 2; pass++)
            for (size_t b = 0; b < ds->n_regions; b++)
                if (group[b] == g && inside(ds, b, r) == (pass == 0)) list[own++] = b;
        size_t mine = 0;
        for (size_t k = 0; k < own; k++)
            mine += inside(ds, list[k], r);
        char names[360];
        size_t n = 0;
        if (ds->regions[r].level == WD_LEVEL_BUURT) {
            if (same == 1)
                n = (size_t)snprintf(op->groups, sizeof op->groups,
                                     "%s staat alleen: de buurten ervoor en erna liggen vast.",
                                     ds->regions[r].name);
            else {
                name_list(names, sizeof names, ds, list + 1, same - 1, 3);
                n = (size_t)snprintf(op->groups, sizeof op->groups,
                                     "%s hoort bij een groep van %zu buurten, met %s.",
                                     ds->regions[r].name, same, names);
            }
        } else {
            name_list(names, sizeof names, ds, list, mine, 3);
            if (same == 1)
                n = (size_t)snprintf(op->groups, sizeof op->groups,
                                     "Het grootst in %s, dat alleen staat.", names);
            else if (mine == same)
                n = (size_t)snprintf(op->groups, sizeof op->groups,
                                     "Het grootst in %s: samen een groep.", names);
            else
                n = (size_t)snprintf(
                    op->groups, sizeof op->groups, "Het grootst in %s, in een groep met %zu %s.",
                    names, same - mine, same - mine == 1 ? "andere buurt" : "andere buurten");
        }
        if (n < sizeof op->groups)
            snprintf(op->groups + n, sizeof op->groups - n,
                     before == 0   ? " Geen buurt heeft duidelijk meer nodig."
                     : before == 1 ? " 1 buurt heeft duidelijk meer nodig."
                                   : " %zu buurten hebben duidelijk meer nodig.",
                     before);
        rc = 0;
    }
    free(group);
    free(list);
    return rc;
}

/* What a figure does and does not say: a model estimate, small numbers, its interval. */
static void fact_words(wd_sheet_fact *f, const wd_session *s, size_t r, size_t i, int yy)
{
    const wd_results *res = s->res;
    const wd_dataset *ds = s->ds;
    const wd_indicator *ind = &s->set->items[i];
    char lo[48], hi[48];
    size_t n = 0;
    if (ind->flags & WD_FLAG_MODEL) {
        n = (size_t)snprintf(f->says, sizeof f->says,
                             "Een schatting van het RIVM met een model, geen meting in de buurt.");
        int v =
            ind->type == WD_FORMULA_VALUE ? wd_dataset_term(ds, &ind->num[0], ind->subgroup) : -1;
        size_t cell = v >= 0 ? wd_dataset_cell(ds, r, yy, (size_t)v) : 0;
        if (v >= 0 && isfinite(ds->lo[cell]) && isfinite(ds->hi[cell])) {
            wd_text_fmt_value(lo, sizeof lo, ds->lo[cell], ind->decimals, ind->unit);
            wd_text_fmt_value(hi, sizeof hi, ds->hi[cell], ind->decimals, ind->unit);
            n += (size_t)snprintf(f->says + n, sizeof f->says - n,
                                  " Het echte cijfer ligt waarschijnlijk tussen %s en %s.", lo, hi);
        }
    } else {
        wd_small_area sa;
        double cnt, den;
        if (wd_results_small_area(res, r, yy, i, &sa) == 0 &&
            wd_results_counts(res, r, yy, ind, &cnt, &den) == 0) {
            wd_text_fmt_value(lo, sizeof lo, sa.lo, ind->decimals, ind->unit);
            wd_text_fmt_value(hi, sizeof hi, sa.hi, ind->decimals, ind->unit);
            char d[32];
            wd_text_fmt_number(d, sizeof d, den, 0);
            n = (size_t)snprintf(f->says, sizeof f->says,
                                 "Geteld door het CBS, over %s%s. Door toeval kan het tussen %s en "
                                 "%s liggen.",
                                 d, den < 200 ? ": kleine aantallen" : "", lo, hi);
        } else
            n = (size_t)snprintf(f->says, sizeof f->says, "Een cijfer van %s.", ind->source);
        if (ind->flags & WD_FLAG_PROXY && n < sizeof f->says)
            n += (size_t)snprintf(f->says + n, sizeof f->says - n,
                                  " Het benadert wat we willen weten, maar meet het niet.");
    }
    if (n < sizeof f->says) snprintf(f->says + n, sizeof f->says - n, " Het zegt niet waarom.");
}

/* The figures behind opgave o for region r: its components with a value, largest weight
 * first, at most WD_SHEET_MAX_FACTS. */
static void fill_facts(wd_sheet *out, wd_sheet_opgave *op, const wd_session *s, size_t r, size_t o,
                       int y)
{
    const wd_opgave *def = &s->opg->items[o];
    const wd_results *res = s->res;
    int gem = s->ds->gemeente[r], used[WD_OPG_MAX_COMPONENTS] = {0};
    while (op->n_facts < WD_SHEET_MAX_FACTS) {
        int pick = -1, yy = -1;
        for (int c = 0; c < def->n; c++) {
            int cy;
            if (used[c] || !isfinite(shown(res, r, (size_t)def->comp[c].indicator, y, &cy)))
                continue;
            if (pick < 0 || def->comp[c].weight > def->comp[pick].weight) {
                pick = c;
                yy = cy;
            }
        }
        if (pick < 0) return;
        used[pick] = 1;
        size_t i = (size_t)def->comp[pick].indicator;
        const wd_indicator *ind = &s->set->items[i];
        wd_sheet_fact *f = &op->facts[op->n_facts++];
        snprintf(f->label, sizeof f->label, "%s", ind->label);
        char v[48], g[48];
        int gy;
        wd_text_fmt_value(v, sizeof v, res->value[wd_results_cell(res, r, yy, i)], ind->decimals,
                          ind->unit);
        double gv = gem >= 0 && (size_t)gem != r ? shown(res, (size_t)gem, i, y, &gy) : NAN;
        wd_text_fmt_value(g, sizeof g, gv, ind->decimals, ind->unit);
        if (isfinite(gv))
            snprintf(f->value, sizeof f->value, "%s (gemeente %s)", v, g);
        else
            snprintf(f->value, sizeof f->value, "%s", v);
        cite(out, f->source, sizeof f->source, res, r, i, yy);
        fact_words(f, s, r, i, yy);
    }
}

/* The opgaven of most need for region r: for a buurt its own ranks, for a wijk or gemeente
 * those of its buurt with the most need, relative to the number of buurten ranked. The buurt
 * behind each goes into best[]. */
static int top_opgaven(const wd_session *s, size_t r, size_t *order, size_t *best)
{
    const wd_ranking *rk = s->rk;
    const wd_dataset *ds = s->ds;
    double key[WD_SHEET_MAX_TOP];
    int n = 0;
    for (size_t o = 0; rk && o < rk->opg->n; o++) {
        double k_best = INFINITY;
        size_t b_best = 0;
        for (size_t b = 0; b < ds->n_regions; b++) {
            const wd_rank_entry *e = &rk->entry[wd_rank_cell(rk, b, o)];
            if (!inside(ds, b, r) || e->status != WD_RANK_RANKED) continue;
            double k = (double)e->rank_median / e->n_ranked;
            if (k < k_best) {
                k_best = k;
                b_best = b;
            }
        }
        if (!isfinite(k_best)) continue;
        int at = n < WD_SHEET_MAX_TOP ? n++ : WD_SHEET_MAX_TOP;
        while (at > 0 && key[at - 1] > k_best) {
            if (at < WD_SHEET_MAX_TOP) {
                key[at] = key[at - 1];
                order[at] = order[at - 1];
                best[at] = best[at - 1];
            }
            at--;
        }
        if (at < WD_SHEET_MAX_TOP) {
            key[at] = k_best;
            order[at] = o;
            best[at] = b_best;
        }
    }
    return n;
}

/* Question 1: the poster's figure where the region differs most from the gemeente. */
static void question_differs(wd_sheet *out, const wd_session *s, size_t r, int y)
{
    double z[sizeof poster_ids / sizeof *poster_ids];
    int ids[sizeof poster_ids / sizeof *poster_ids], n = 0;
    for (size_t k = 0; k < sizeof poster_ids / sizeof *poster_ids; k++) {
        int i = wd_indicators_find(s->set, poster_ids[k].id), yy;
        if (i < 0) continue;
        shown(s->res, r, (size_t)i, y, &yy);
        ids[n] = i;
        z[n++] = yy >= 0 ? wd_results_z(s->res, r, yy, (size_t)i) : NAN;
    }
    int k = wd_sheet_most_different(z, n);
    if (k < 0) {
        snprintf(out->questions[0], sizeof out->questions[0],
                 "Geen cijfer is met de gemeente te vergelijken. Waarin verschilt %s volgens u "
                 "van de rest van de gemeente?",
                 out->name);
        return;
    }
    snprintf(out->questions[0], sizeof out->questions[0],
             "Het cijfer \xe2\x80\x98%s\xe2\x80\x99 wijkt het meest af van de gemeente: het is "
             "hier %s. Herkent u dat? Wat merkt u ervan?",
             s->set->items[ids[k]].label, z[k] > 0 ? "hoger" : "lager");
}

/* Question 2: the poster's figure whose trend turned most clearly in the last year. */
static void question_turned(wd_sheet *out, const wd_session *s, size_t r, int y)
{
    const wd_results *res = s->res;
    double best_size = 0;
    int best_i = -1, best_dir = 0, best_year = 0;
    for (size_t k = 0; k < sizeof poster_ids / sizeof *poster_ids; k++) {
        int i = wd_indicators_find(s->set, poster_ids[k].id);
        if (i < 0) continue;
        double x[WD_CHART_MAX_YEARS];
        int n = 0, last = 0;
        for (int yy = res->first_year[r]; yy <= y && n < WD_CHART_MAX_YEARS; yy++) {
            double v = res->value[wd_results_cell(res, r, yy, (size_t)i)];
            if (!isfinite(v)) continue;
            x[n++] = v;
            last = yy;
        }
        double size;
        int dir = wd_sheet_turn(x, n, &size);
        if (dir != 0 && size > best_size) {
            best_size = size;
            best_i = i;
            best_dir = dir;
            best_year = s->ds->year0 + last;
        }
    }
    if (best_i < 0) {
        snprintf(out->questions[1], sizeof out->questions[1],
                 "Geen van deze cijfers is de laatste jaren van richting veranderd. Welke "
                 "verandering ziet u zelf in de buurt?");
        return;
    }
    snprintf(out->questions[1], sizeof out->questions[1],
             "Het cijfer \xe2\x80\x98%s\xe2\x80\x99 %s eerst en %s in %d. Wat is er veranderd?",
             s->set->items[best_i].label, best_dir > 0 ? "daalde" : "steeg",
             best_dir > 0 ? "steeg" : "daalde", best_year);
}

/* Question 3: the top opgave whose figures point most clearly two ways. */
static void question_disagree(wd_sheet *out, const wd_session *s, size_t r, int y,
                              const size_t *order, int n_top)
{
    double best = 0;
    int best_up = -1, best_down = -1;
    size_t best_o = 0;
    for (int t = 0; t < n_top; t++) {
        const wd_opgave *def = &s->opg->items[order[t]];
        double need[WD_OPG_MAX_COMPONENTS];
        for (int c = 0; c < def->n; c++) {
            int yy;
            shown(s->res, r, (size_t)def->comp[c].indicator, y, &yy);
            need[c] = yy >= 0 ? def->comp[c].sign *
                                    wd_results_z(s->res, r, yy, (size_t)def->comp[c].indicator)
                              : NAN;
        }
        int up, down;
        if (wd_sheet_disagree(need, def->n, &up, &down) && need[up] - need[down] > best) {
            best = need[up] - need[down];
            best_up = def->comp[up].indicator;
            best_down = def->comp[down].indicator;
            best_o = order[t];
        }
    }
    if (best_up < 0) {
        snprintf(out->questions[2], sizeof out->questions[2],
                 "De cijfers achter elke opgave wijzen dezelfde kant op. Klopt dat met wat u "
                 "ziet?");
        return;
    }
    snprintf(out->questions[2], sizeof out->questions[2],
             "Bij \xe2\x80\x98%s\xe2\x80\x99 wijzen de cijfers twee kanten op: "
             "\xe2\x80\x98%s\xe2\x80\x99 wijst op een grote opgave, \xe2\x80\x98%s\xe2\x80\x99 "
             "op een kleine. Hoe zit dat volgens u?",
             s->opg->items[best_o].title, s->set->items[best_up].label,
             s->set->items[best_down].label);
}

int wd_sheet_fill(wd_sheet *out, const wd_profile *p, const wd_session *s, size_t r, wd_error *err)
{
    const wd_dataset *ds = s->ds;
    if (r >= ds->n_regions) return wd_error_set(err, WD_EUSAGE, "regio-index %zu bestaat niet", r);
    memset(out, 0, sizeof *out);
    snprintf(out->code, sizeof out->code, "%s", p->code);
    snprintf(out->name, sizeof out->name, "%s", p->name);
    snprintf(out->level, sizeof out->level, "%s", p->level);
    snprintf(out->wijk_name, sizeof out->wijk_name, "%s", p->wijk_name);
    snprintf(out->gemeente_name, sizeof out->gemeente_name, "%s", p->gemeente_name);
    snprintf(out->generated_on, sizeof out->generated_on, "%s", p->generated_on);
    out->year = p->year;
    out->demo = p->demo;
    out->balance = p->balance;
    int y = p->year - ds->year0;
    fill_figures(out, s, r, y);
    /* The balance's components come from the same tables as the profile's. */
    const wd_balance_def *b = &s->set->balance;
    for (int k = 0; k < b->n_kracht + b->n_last; k++) {
        size_t i = (size_t)(k < b->n_kracht ? b->kracht[k] : b->last[k - b->n_kracht]).indicator;
        int yy;
        shown(s->res, r, i, y, &yy);
        unsigned short src = yy >= 0 ? s->res->source[wd_results_cell(s->res, r, yy, i)] : 0;
        if (yy >= 0 && src < ds->n_sources) add_source(out, ds, src);
    }

    size_t order[WD_SHEET_MAX_TOP], best[WD_SHEET_MAX_TOP];
    int n_top = top_opgaven(s, r, order, best);
    for (int t = 0; t < n_top; t++) {
        wd_sheet_opgave *op = &out->top[out->n_top++];
        const wd_opgave *def = &s->opg->items[order[t]];
        snprintf(op->title, sizeof op->title, "%s", def->title);
        first_sentence(op->summary, sizeof op->summary, def->description);
        int rc = group_words(op, s, r, order[t], best[t]);
        if (rc < 0) return wd_error_set(err, rc, "%s: groepen van buurten: geen geheugen", p->code);
        fill_facts(out, op, s, r, order[t], y);
    }
    if (n_top == 0)
        snprintf(out->not_ranked, sizeof out->not_ranked, "%s",
                 p->opgaven.not_ranked[0] ? p->opgaven.not_ranked
                                          : "Geen buurt van dit gebied heeft een rang: te weinig "
                                            "inwoners of te weinig gegevens.");
    snprintf(out->groups_intro, sizeof out->groups_intro,
             "Welke buurt het meest nodig heeft, hangt af van keuzes. Daarom staan hier groepen: "
             "binnen een groep ligt de volgorde niet vast.");
    for (size_t o = 0; s->opg && o < s->opg->n && out->n_opgaven < WD_SHEET_MAX_OPGAVEN; o++) {
        wd_sheet_opgave *op = &out->opgaven[out->n_opgaven++];
        snprintf(op->title, sizeof op->title, "%s", s->opg->items[o].title);
        first_sentence(op->summary, sizeof op->summary, s->opg->items[o].description);
    }
    question_differs(out, s, r, y);
    question_turned(out, s, r, y);
    question_disagree(out, s, r, y, order, n_top);
    return 0;
}

int wd_sheet_render_region(const wd_session *s, size_t r, int year, wd_sheet_kind kind,
                           wd_sheet_paper paper, const char *path, wd_error *err)
{
    wd_profile *p = malloc(sizeof *p);
    wd_sheet *sh = malloc(sizeof *sh);
    int rc = p && sh ? 0 : wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
    if (!rc) rc = wd_render_fill(p, s, r, year, err);
    if (!rc) rc = wd_sheet_fill(sh, p, s, r, err);
    if (!rc) rc = wd_sheet_render(sh, kind, paper, path, err);
    free(sh);
    free(p);
    return rc;
}
