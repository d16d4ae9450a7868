/* Implementation of wd_profile_fill.h. The choice of key figures is a list of indicator ids
 * (absent ids are skipped, so users who replace the indicator set still get a profile). */
#include "plots/wd_profile_fill.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const key_ids[] = {
    "aandeel_65plus",  "eenpersoonshuishoudens", "wmo_per_1000", "arbeidsparticipatie",
    "sociaal_minimum", "ernstig_eenzaam",        "mantelzorgers"};
static const char *const age_ids[] = {"aandeel_0_15", "aandeel_15_25", "aandeel_25_45",
                                      "aandeel_45_65", "aandeel_65plus"};
static const char *const age_labels[] = {"0-15", "15-25", "25-45", "45-65", "65+"};
#define TREND_ID "aandeel_65plus"

/* Value of indicator i for region r (may be -1) in the last year with a value up to y. */
static double latest(const wd_results *res, int r, size_t i, int y, int *used_year)
{
    if (r < 0) return NAN;
    int yy = wd_results_last_year(res, (size_t)r, i, y, res->set->balance.max_years_back);
    if (used_year) *used_year = yy;
    return yy >= 0 ? res->value[wd_results_cell(res, (size_t)r, yy, i)] : NAN;
}

/* Collects the distinct sources behind the figures shown. */
typedef struct {
    int n;
    unsigned short idx[WD_PROFILE_MAX_SOURCES];
} source_set;

static void note_source(source_set *s, const wd_results *res, int r, size_t i, int y)
{
    if (r < 0 || y < 0) return;
    unsigned short src = res->source[wd_results_cell(res, (size_t)r, y, i)];
    if (src >= res->ds->n_sources) return;
    for (int k = 0; k < s->n; k++)
        if (s->idx[k] == src) return;
    if (s->n < WD_PROFILE_MAX_SOURCES) s->idx[s->n++] = src;
}

static int land_index(const wd_dataset *ds)
{
    for (size_t r = 0; r < ds->n_regions; r++)
        if (ds->regions[r].level == WD_LEVEL_LAND) return (int)r;
    return -1;
}

static void fill_keys(wd_profile *p, const wd_results *res, size_t region, int y, int wijk, int gem,
                      int land, source_set *src)
{
    const wd_dataset *ds = res->ds;
    for (size_t k = 0; k < sizeof key_ids / sizeof *key_ids && p->n_keys < WD_PROFILE_MAX_KEYS;
         k++) {
        int i = wd_indicators_find(res->set, key_ids[k]);
        if (i < 0) continue;
        const wd_indicator *ind = &res->set->items[i];
        wd_profile_key *key = &p->keys[p->n_keys++];
        int yy = -1;
        snprintf(key->label, sizeof key->label, "%s", ind->label);
        snprintf(key->unit, sizeof key->unit, "%s", ind->unit);
        key->decimals = ind->decimals;
        key->value = latest(res, (int)region, (size_t)i, y, &yy);
        key->wijk =
            wijk >= 0 && (size_t)wijk != region ? latest(res, wijk, (size_t)i, y, NULL) : NAN;
        key->gemeente =
            gem >= 0 && (size_t)gem != region ? latest(res, gem, (size_t)i, y, NULL) : NAN;
        key->nederland = latest(res, land, (size_t)i, y, NULL);
        key->flags = yy >= 0 ? res->flags[wd_results_cell(res, region, yy, (size_t)i)] : ind->flags;
        const wd_trend *t = &res->trend[region * res->n_ind + (size_t)i];
        key->trend = t->n >= 3 ? wd_trend_direction(t) : 2;
        snprintf(key->source, sizeof key->source, "%s", ind->source);
        if (yy >= 0 && yy != y)
            snprintf(key->source, sizeof key->source, "%s %d", ind->source, ds->year0 + yy);
        note_source(src, res, (int)region, (size_t)i, yy);
    }
}

static void fill_bars(wd_profile *p, const wd_results *res, size_t region, int y, int gem)
{
    const wd_dataset *ds = res->ds;
    wd_profile_bars *b = &p->bars;
    snprintf(b->title, sizeof b->title, "Leeftijdsopbouw %d", ds->year0 + y);
    snprintf(b->unit, sizeof b->unit, "%%");
    snprintf(b->value_name, sizeof b->value_name, "%s", ds->regions[region].name);
    if (gem >= 0 && (size_t)gem != region)
        snprintf(b->ref_name, sizeof b->ref_name, "gemeente %s", ds->regions[gem].name);
    snprintf(b->source, sizeof b->source, "Bron: CBS, Kerncijfers wijken en buurten %d",
             ds->year0 + y);
    for (size_t k = 0; k < sizeof age_ids / sizeof *age_ids; k++) {
        int i = wd_indicators_find(res->set, age_ids[k]);
        if (i < 0) continue;
        snprintf(b->labels[b->n], sizeof b->labels[b->n], "%s", age_labels[k]);
        b->values[b->n] = res->value[wd_results_cell(res, region, y, (size_t)i)];
        b->refs[b->n] = gem >= 0 && (size_t)gem != region
                            ? res->value[wd_results_cell(res, (size_t)gem, y, (size_t)i)]
                            : NAN;
        b->n++;
    }
}

static void fill_trend(wd_profile *p, const wd_results *res, size_t region, int wijk, int gem)
{
    const wd_dataset *ds = res->ds;
    wd_profile_trend *t = &p->trend;
    int i = wd_indicators_find(res->set, TREND_ID);
    t->break_before = -1;
    if (i < 0) return;
    const wd_indicator *ind = &res->set->items[i];
    snprintf(t->title, sizeof t->title, "%s", ind->label);
    snprintf(t->unit, sizeof t->unit, "%s", ind->unit);
    snprintf(t->source, sizeof t->source, "Bron: CBS, Kerncijfers wijken en buurten");
    int lines[WD_PROFILE_MAX_LINES] = {(int)region, wijk, gem};
    /* Only years in which the region itself has a value: sources have different years. */
    for (int y = 0; y < ds->n_years && t->n_years < WD_PROFILE_MAX_YEARS; y++) {
        if (!isfinite(res->value[wd_results_cell(res, region, y, (size_t)i)])) continue;
        if (res->first_year[region] == y && y > 0 && t->break_before < 0 && t->n_years > 0)
            t->break_before = t->n_years;
        t->years[t->n_years] = ds->year0 + y;
        for (int l = 0; l < WD_PROFILE_MAX_LINES; l++)
            t->values[l][t->n_years] =
                lines[l] >= 0 ? res->value[wd_results_cell(res, (size_t)lines[l], y, (size_t)i)]
                              : NAN;
        t->n_years++;
    }
    for (int l = 0; l < WD_PROFILE_MAX_LINES; l++) {
        if (lines[l] < 0 || (l > 0 && lines[l] == (int)region)) continue;
        int at = t->n_lines++;
        snprintf(t->line_names[at], sizeof t->line_names[at], "%s%s",
                 l == 2 ? "gemeente " : (l == 1 ? "wijk " : ""), ds->regions[lines[l]].name);
        if (at != l) memcpy(t->values[at], t->values[l], sizeof t->values[at]);
    }
}

static void fill_components(wd_profile_component *out, int *n_out, const wd_component *comp, int n,
                            const wd_results *res, const double *z)
{
    *n_out = 0;
    for (int k = 0; k < n && k < WD_PROFILE_MAX_COMPONENTS; k++) {
        const wd_indicator *ind = &res->set->items[comp[k].indicator];
        wd_profile_component *c = &out[(*n_out)++];
        snprintf(c->label, sizeof c->label, "%s%s", ind->label,
                 ind->flags & WD_FLAG_MODEL ? " (modelschatting)" : "");
        c->weight = comp[k].weight;
        c->score = z[k];
    }
}

static void fill_balance(wd_profile *p, const wd_results *res, size_t region, int y, int gem)
{
    const wd_dataset *ds = res->ds;
    const wd_balance_def *b = &res->set->balance;
    wd_profile_balance *bal = &p->balance;
    size_t ry = region * (size_t)ds->n_years + (size_t)y;
    bal->draagkracht = res->kracht[ry];
    bal->draaglast = res->last[ry];
    bal->balans = bal->draagkracht - bal->draaglast;
    snprintf(bal->klasse, sizeof bal->klasse, "%s",
             wd_balance_class(bal->draagkracht, bal->draaglast, b->bound));
    snprintf(bal->reference, sizeof bal->reference, "gemeente %s = 100",
             gem >= 0 ? ds->regions[gem].name : "?");
    fill_components(bal->kracht, &bal->n_kracht, b->kracht, b->n_kracht, res,
                    &res->zk[ry * WD_BAL_MAX_COMPONENTS]);
    fill_components(bal->last, &bal->n_last, b->last, b->n_last, res,
                    &res->zl[ry * WD_BAL_MAX_COMPONENTS]);
    snprintf(bal->formula, sizeof bal->formula,
             "Elke component wordt vergeleken met de gemeente: (waarde - waarde gemeente) gedeeld "
             "door de spreiding tussen de buurten van de gemeente (buurten met minstens %.0f "
             "inwoners). Een index is 100 plus %.0f keer het gewogen gemiddelde daarvan; 100 is "
             "gelijk aan de gemeente. Balans = draagkracht - draaglast; meer dan %.0f punten "
             "verschil telt als onevenwichtig. Gewichten staan bij de componenten.",
             b->min_population, b->scale, b->bound);
}

static void fill_sources(wd_profile *p, const wd_results *res, const source_set *src)
{
    for (int k = 0; k < src->n && p->n_sources < WD_PROFILE_MAX_SOURCES; k++) {
        const wd_source *s = &res->ds->sources[src->idx[k]];
        char date[11];
        snprintf(date, sizeof date, "%.10s", s->retrieved_at);
        snprintf(p->sources[p->n_sources++], sizeof p->sources[0],
                 "%s: %s (tabel %s), opgehaald %s, licentie %s", s->publisher, s->title,
                 s->table_id, date, s->licence);
    }
}

int wd_profile_fill(wd_profile *p, const wd_results *res, size_t region, int year, int demo,
                    const char *today, wd_error *err)
{
    const wd_dataset *ds = res->ds;
    if (region >= ds->n_regions)
        return wd_error_set(err, WD_EUSAGE, "region index %zu out of range", region);
    const wd_region *r = &ds->regions[region];
    int pop_var = wd_dataset_var(ds, "AantalInwoners", "");
    if (year < 0) {
        year = ds->n_years - 1;
        while (year > 0 && !isfinite(ds->value[wd_dataset_cell(ds, region, year, (size_t)pop_var)]))
            year--;
    }
    memset(p, 0, sizeof *p);
    int gem = ds->gemeente[region], land = land_index(ds);
    int wijk = r->level == WD_LEVEL_BUURT ? ds->parent[region] : -1;
    snprintf(p->code, sizeof p->code, "%s", r->code);
    snprintf(p->name, sizeof p->name, "%s", r->name);
    snprintf(p->level, sizeof p->level, "%s", wd_level_name(r->level));
    if (wijk >= 0) {
        snprintf(p->wijk_code, sizeof p->wijk_code, "%s", ds->regions[wijk].code);
        snprintf(p->wijk_name, sizeof p->wijk_name, "%s", ds->regions[wijk].name);
    }
    if (gem >= 0) {
        snprintf(p->gemeente_code, sizeof p->gemeente_code, "%s", ds->regions[gem].code);
        snprintf(p->gemeente_name, sizeof p->gemeente_name, "%s", ds->regions[gem].name);
    }
    p->year = ds->year0 + year;
    p->population = ds->value[wd_dataset_cell(ds, region, year, (size_t)pop_var)];
    p->small_population = !(p->population >= res->set->balance.min_population);
    p->demo = demo;
    snprintf(p->generated_on, sizeof p->generated_on, "%s", today);

    source_set src = {0};
    fill_keys(p, res, region, year, wijk, gem, land, &src);
    fill_bars(p, res, region, year, gem);
    fill_trend(p, res, region, wijk, gem);
    fill_balance(p, res, region, year, gem);
    for (int k = 0; k < res->set->balance.n_kracht; k++)
        note_source(&src, res, (int)region, (size_t)res->set->balance.kracht[k].indicator,
                    wd_results_last_year(res, region, (size_t)res->set->balance.kracht[k].indicator,
                                         year, res->set->balance.max_years_back));
    fill_sources(p, res, &src);

    int n = 0;
    n +=
        snprintf(p->notes + n, sizeof p->notes - (size_t)n,
                 "Cijfers van RIVM/CBS over gezondheid zijn modelschattingen voor kleine gebieden, "
                 "geen metingen in de buurt zelf. Benaderingen (proxy) staan als zodanig "
                 "benoemd. Aantallen zijn door het CBS afgerond op vijftallen; geheime of "
                 "onbetrouwbare cijfers staan als 'geen gegevens'.");
    if (res->first_year[region] > 0 && (size_t)n < sizeof p->notes)
        snprintf(p->notes + n, sizeof p->notes - (size_t)n,
                 " De grens van dit gebied is in %d gewijzigd: trends beginnen pas in dat jaar.",
                 ds->year0 + res->first_year[region]);
    return 0;
}
