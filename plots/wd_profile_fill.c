/* Implementation of wd_profile_fill.h. The choice of what each page shows is a list of
 * indicator ids (absent ids are skipped, so users who replace the indicator set still get a
 * profile); the health page shows every indicator flagged as a model estimate. */
#include "plots/wd_profile_fill.h"

#include "engine/wd_utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const key_ids[] = {
    "aandeel_65plus",  "eenpersoonshuishoudens", "wmo_per_1000",    "arbeidsparticipatie",
    "sociaal_minimum", "inkomen_per_inwoner",    "ernstig_eenzaam", "mantelzorgers"};
static const char *const age_ids[] = {"aandeel_0_15", "aandeel_15_25", "aandeel_25_45",
                                      "aandeel_45_65", "aandeel_65plus"};
static const char *const age_labels[] = {"0-15", "15-25", "25-45", "45-65", "65+"};
#define TREND_ID "aandeel_65plus"
static const char *const small_ids[] = {"aandeel_65plus",  "eenpersoonshuishoudens",
                                        "wmo_per_1000",    "arbeidsparticipatie",
                                        "sociaal_minimum", "lbm_score"};
static const char *const lbm_dim_ids[] = {"lbm_fysieke_omgeving", "lbm_overlast_onveiligheid",
                                          "lbm_sociale_samenhang", "lbm_voorzieningen",
                                          "lbm_woningvoorraad"};
static const char *const map_ids[] = {"aandeel_65plus", "sociaal_minimum"};
static const char *const compare_ids[] = {"aandeel_65plus", "sociaal_minimum"};
/* Above this many buurten in the gemeente, a buurt's map shows its wijk only. */
#define MAP_MAX_GEMEENTE_BUURTEN 120

/* Why region r has no figure of indicator i, in the words of a page and short enough for a
 * narrow column: the figure of another area that was left out ("niet getoond: de buurtgrens
 * is gewijzigd sinds 2024"), numbers under the indicator's minimum ("te kleine aantallen"),
 * the reason its source gives for year index y (wd_batch_flag_reason: "volgt in een latere
 * levering", ...), or that the source's figures are of other boundaries ("geen gegevens: de
 * bron gebruikt de buurtgrenzen van 2024"); "" when it is plainly "geen gegevens". */
static void why_text(char *buf, size_t cap, const wd_results *res, size_t r, size_t i, int y,
                     const wd_results_pick *pick)
{
    wd_level level = res->ds->regions[r].level;
    int k = level == WD_LEVEL_BUURT                                ? 0
            : level == WD_LEVEL_WIJK                               ? 1
            : level == WD_LEVEL_GEMEENTE || level == WD_LEVEL_LAND ? 2
                                                                   : 3;
    const char *grens =
        (const char *[]){"buurtgrens", "wijkgrens", "gemeentegrens", "grens van een deel"}[k];
    const char *grenzen =
        (const char *[]){"buurtgrenzen", "wijkgrenzen", "gemeentegrenzen", "buurtgrenzen"}[k];
    const wd_indicator *ind = &res->set->items[i];
    int from = pick->indeling, year = res->ds->year0 + y;
    buf[0] = '\0';
    /* A werkgebied has only what its parts add up to. */
    if (level == WD_LEVEL_WERKGEBIED && pick->left_out < 0 && ind->aggregation == WD_AGG_NONE)
        snprintf(buf, cap, "%s",
                 ind->flags & WD_FLAG_MODEL ? "niet op te tellen (RIVM-model)"
                                            : "niet op te tellen uit buurten");
    else if (level == WD_LEVEL_WERKGEBIED && pick->left_out < 0)
        snprintf(buf, cap, "ontbreekt voor een deel");
    else if (pick->left_out >= 0 && from > year)
        snprintf(buf, cap, "niet getoond: de cijfers gaan over de %s van %d", grens, from);
    else if (pick->left_out >= 0 && pick->area == WD_AREA_CHANGED)
        snprintf(buf, cap, "niet getoond: de %s is gewijzigd sinds %d", grens, from);
    else if (pick->left_out >= 0)
        snprintf(buf, cap, "niet getoond: de %s kan sinds %d gewijzigd zijn", grens, from);
    else if (wd_results_too_small(res, r, y, i))
        snprintf(buf, cap, "te kleine aantallen");
    else if (pick->flags &
             (WD_FLAG_SUPPRESSED | WD_FLAG_LATER | WD_FLAG_DISCONTINUED | WD_FLAG_SECRET))
        snprintf(buf, cap, "%s", wd_batch_flag_reason(pick->flags));
    else if (pick->source_indeling)
        snprintf(buf, cap, "geen gegevens: de bron gebruikt de %s van %d", grenzen,
                 pick->source_indeling);
}

/* A figure as a page shows it: indicator i of region r (may be -1) in the last year up to
 * year index y with a value of the region's area (wd_results_latest). */
typedef struct {
    double value;               /* NAN: none */
    int year;                   /* its year index, -1: none */
    char why[WD_CHART_WHY_MAX]; /* with none: why (why_text) */
    /* With a figure of an earlier year: why y has none, when a source says ("2025 volgt in een
     * latere levering"); else "". */
    char year_note[WD_CHART_WHY_MAX];
} shown_figure;

static void figure(shown_figure *out, const wd_results *res, int r, size_t i, int y)
{
    out->value = NAN;
    out->year = -1;
    out->why[0] = out->year_note[0] = '\0';
    if (r < 0) return;
    wd_results_pick pick;
    wd_results_latest(&pick, res, (size_t)r, i, y, res->set->balance.max_years_back);
    out->year = pick.year;
    if (pick.year < 0) {
        why_text(out->why, sizeof out->why, res, (size_t)r, i, y, &pick);
        return;
    }
    out->value = res->value[wd_results_cell(res, (size_t)r, pick.year, i)];
    if (pick.year == y) return;
    pick.left_out = -1; /* the reason of the year itself */
    char why[WD_CHART_WHY_MAX];
    why_text(why, sizeof why, res, (size_t)r, i, y, &pick);
    if (why[0]) snprintf(out->year_note, sizeof out->year_note, "%d %s", res->ds->year0 + y, why);
}

/* Value of indicator i for region r (may be -1) as figure() gives it; its year index in
 * *used_year and why there is none in why (WD_CHART_WHY_MAX bytes), when not NULL. */
static double latest(const wd_results *res, int r, size_t i, int y, int *used_year, char *why)
{
    shown_figure f;
    figure(&f, res, r, i, y);
    if (used_year) *used_year = f.year;
    if (why) snprintf(why, WD_CHART_WHY_MAX, "%s", f.why);
    return f.value;
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

/* The indicators shown, for their definitions under "Bronnen en methode". */
static void note_def(wd_profile *p, const wd_indicator_set *set, int i)
{
    if (i < 0) return;
    const wd_indicator *ind = &set->items[i];
    for (int k = 0; k < p->n_defs; k++)
        if (strcmp(p->defs[k].label, ind->label) == 0) return;
    if (p->n_defs >= WD_PROFILE_MAX_DEFS) return;
    wd_profile_def *d = &p->defs[p->n_defs++];
    snprintf(d->label, sizeof d->label, "%s", ind->label);
    char how[240] = "";
    size_t n = 0;
    if (ind->type == WD_FORMULA_SHARE) {
        for (int t = 0; t < ind->n_num && n < sizeof how; t++)
            n += wd_indicators_term_text(how + n, sizeof how - n, t ? " + " : "", &ind->num[t]);
        for (int t = 0; t < ind->n_den && n < sizeof how; t++)
            n += wd_indicators_term_text(how + n, sizeof how - n, t ? " + " : " / ", &ind->den[t]);
        if (n < sizeof how) snprintf(how + n, sizeof how - n, " \xc3\x97 %g", ind->scale);
    } else {
        n = wd_indicators_term_text(how, sizeof how, "", &ind->num[0]);
        if (ind->subgroup[0] && n < sizeof how)
            snprintf(how + n, sizeof how - n, ", groep %s", ind->subgroup);
    }
    snprintf(d->text, sizeof d->text, "%s (%s; %s%s)", ind->explanation, how, ind->source,
             ind->flags & WD_FLAG_MODEL   ? ", modelschatting"
             : ind->flags & WD_FLAG_PROXY ? ", benadering"
                                          : "");
}

static int land_index(const wd_dataset *ds)
{
    for (size_t r = 0; r < ds->n_regions; r++)
        if (ds->regions[r].level == WD_LEVEL_LAND) return (int)r;
    return -1;
}

void wd_profile_fill_land_needs(const wd_indicator_set *set, unsigned char *need)
{
    for (size_t k = 0; k < sizeof key_ids / sizeof *key_ids; k++) {
        int i = wd_indicators_find(set, key_ids[k]);
        if (i >= 0) need[i] = 1;
    }
    const wd_balance_def *b = &set->balance;
    for (int k = 0; b->vs_land && k < b->n_kracht; k++)
        need[b->kracht[k].indicator] = 1;
    for (int k = 0; b->vs_land && k < b->n_last; k++)
        need[b->last[k].indicator] = 1;
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
        shown_figure own;
        figure(&own, res, (int)region, (size_t)i, y);
        yy = own.year;
        key->value = own.value;
        snprintf(key->why[0], sizeof key->why[0], "%s", own.why);
        snprintf(key->year_note, sizeof key->year_note, "%s", own.year_note);
        key->wijk = wijk >= 0 && (size_t)wijk != region
                        ? latest(res, wijk, (size_t)i, y, NULL, key->why[1])
                        : NAN;
        key->gemeente = gem >= 0 && (size_t)gem != region
                            ? latest(res, gem, (size_t)i, y, NULL, key->why[2])
                            : NAN;
        key->nederland = latest(res, land, (size_t)i, y, NULL, key->why[3]);
        key->flags = yy >= 0 ? res->flags[wd_results_cell(res, region, yy, (size_t)i)] : ind->flags;
        key->trend =
            wd_trend_class_sign(res->test[region * res->n_ind + (size_t)i].cls, ind->direction);
        key->series_break = -1;
        for (int yy2 = 0; yy2 <= y && key->n_series < WD_CHART_MAX_YEARS; yy2++) {
            double v = res->value[wd_results_cell(res, region, yy2, (size_t)i)];
            if (!isfinite(v)) continue;
            if (res->first_year[region] == yy2 && yy2 > 0 && key->n_series > 0)
                key->series_break = key->n_series;
            key->series[key->n_series++] = v;
        }
        snprintf(key->source, sizeof key->source, "%s", ind->source);
        note_def(p, res->set, i);
        if (yy >= 0 && yy != y)
            snprintf(key->source, sizeof key->source, "%s %d", ind->source, ds->year0 + yy);
        note_source(src, res, (int)region, (size_t)i, yy);
    }
}

static void fill_bars(wd_profile *p, const wd_results *res, size_t region, int y, int gem)
{
    const wd_dataset *ds = res->ds;
    wd_bars_chart *b = &p->bars;
    snprintf(b->title, sizeof b->title, "Leeftijdsopbouw %d", ds->year0 + y);
    snprintf(b->unit, sizeof b->unit, "%%");
    b->decimals = 1;
    wd_utf8_copy(b->value_name, sizeof b->value_name, ds->regions[region].name);
    if (gem >= 0 && (size_t)gem != region)
        wd_utf8_printf(b->ref_name, sizeof b->ref_name, "gemeente %s", ds->regions[gem].name);
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
    wd_trend_chart *t = &p->trend;
    int i = wd_indicators_find(res->set, TREND_ID);
    t->break_before = -1;
    if (i < 0) return;
    const wd_indicator *ind = &res->set->items[i];
    snprintf(t->title, sizeof t->title, "%s", ind->label);
    snprintf(t->unit, sizeof t->unit, "%s", ind->unit);
    snprintf(t->source, sizeof t->source, "Bron: CBS, Kerncijfers wijken en buurten");
    int lines[WD_CHART_MAX_LINES] = {(int)region, wijk, gem};
    /* Only years in which the region itself has a value: sources have different years. */
    for (int y = 0; y < ds->n_years && t->n_years < WD_CHART_MAX_YEARS; y++) {
        if (!isfinite(res->value[wd_results_cell(res, region, y, (size_t)i)])) continue;
        if (res->first_year[region] == y && y > 0 && t->break_before < 0 && t->n_years > 0)
            t->break_before = t->n_years;
        t->years[t->n_years] = ds->year0 + y;
        for (int l = 0; l < WD_CHART_MAX_LINES; l++)
            t->values[l][t->n_years] =
                lines[l] >= 0 ? res->value[wd_results_cell(res, (size_t)lines[l], y, (size_t)i)]
                              : NAN;
        t->n_years++;
    }
    for (int l = 0; l < WD_CHART_MAX_LINES; l++) {
        if (lines[l] < 0 || (l > 0 && lines[l] == (int)region)) continue;
        int at = t->n_lines++;
        wd_utf8_printf(t->line_names[at], sizeof t->line_names[at], "%s%s",
                       l == 2 ? "gemeente " : (l == 1 ? "wijk " : ""), ds->regions[lines[l]].name);
        if (at != l) memcpy(t->values[at], t->values[l], sizeof t->values[at]);
    }
}

/* Component scores as shown: z-scores as they are; indices as points above or below 100,
 * placed at points / schaal, so that a dot is where its share of the index puts it. A figure
 * of an earlier year than y says its year; a component without one says why. */
static void fill_components(wd_balance_component *out, int *n_out, const wd_component *comp, int n,
                            const wd_results *res, const double *z, size_t region, int y)
{
    const wd_balance_def *b = &res->set->balance;
    *n_out = 0;
    for (int k = 0; k < n && k < WD_CHART_MAX_COMPONENTS; k++) {
        const wd_indicator *ind = &res->set->items[comp[k].indicator];
        wd_balance_component *c = &out[(*n_out)++];
        shown_figure f;
        figure(&f, res, (int)region, (size_t)comp[k].indicator, y);
        int model = (ind->flags & WD_FLAG_MODEL) != 0, earlier = f.year >= 0 && f.year != y;
        char paren[40] = "";
        if (earlier)
            snprintf(paren, sizeof paren, " (%s%d)", model ? "modelschatting " : "",
                     res->ds->year0 + f.year);
        else if (model)
            snprintf(paren, sizeof paren, " (modelschatting)");
        snprintf(c->label, sizeof c->label, "%s%s", ind->label, paren);
        snprintf(c->why, sizeof c->why, "%s", f.why);
        c->weight = comp[k].weight;
        c->score = b->as_index ? z[k] - 100 : z[k];
        c->position = b->as_index ? c->score / b->scale : c->score;
    }
}

static void fill_balance(wd_profile *p, const wd_results *res, size_t region, int y, int gem)
{
    const wd_dataset *ds = res->ds;
    const wd_balance_def *b = &res->set->balance;
    wd_balance_chart *bal = &p->balance;
    size_t ry = region * (size_t)ds->n_years + (size_t)y;
    bal->draagkracht = res->kracht[ry];
    bal->draaglast = res->last[ry];
    bal->balans = bal->draagkracht - bal->draaglast;
    snprintf(bal->klasse, sizeof bal->klasse, "%s",
             wd_results_balance_class(bal->draagkracht, bal->draaglast, b->bound));
    char ref[140];
    if (b->vs_land)
        snprintf(ref, sizeof ref, "Nederland");
    else
        wd_utf8_printf(ref, sizeof ref, "gemeente %s", gem >= 0 ? ds->regions[gem].name : "?");
    wd_utf8_printf(bal->reference, sizeof bal->reference, "%s = 100", ref);
    if (b->as_index)
        snprintf(bal->reading, sizeof bal->reading,
                 "Per component: de waarde als index, %s = 100; de score is het aantal punten "
                 "daarboven of daaronder (+10: 10%% hoger). Rechts van de lijn is de waarde hoger, "
                 "links lager.",
                 ref);
    else
        snprintf(bal->reading, sizeof bal->reading,
                 "Per component: het verschil met %s in standaardafwijkingen tussen de buurten "
                 "van de gemeente; 0 is gelijk aan de referentie. Rechts van de lijn is de waarde "
                 "hoger, links lager.",
                 b->vs_land ? "Nederland" : "de gemeente");
    fill_components(bal->kracht, &bal->n_kracht, b->kracht, b->n_kracht, res,
                    &res->zk[ry * WD_BAL_MAX_COMPONENTS], region, y);
    fill_components(bal->last, &bal->n_last, b->last, b->n_last, res,
                    &res->zl[ry * WD_BAL_MAX_COMPONENTS], region, y);
    if (b->as_index)
        snprintf(bal->formula, sizeof bal->formula,
                 "Elke component wordt vergeleken met %s: 100 keer de waarde gedeeld door die "
                 "van %s. Een index is het gewogen gemiddelde daarvan; 100 is gelijk aan %s. "
                 "Balans = draagkracht - draaglast; meer dan %.0f punten verschil telt als "
                 "onevenwichtig. Gewichten staan bij de componenten.",
                 b->vs_land ? "Nederland" : "de gemeente", b->vs_land ? "Nederland" : "de gemeente",
                 b->vs_land ? "Nederland" : "de gemeente", b->bound);
    else
        snprintf(bal->formula, sizeof bal->formula,
                 "Elke component wordt vergeleken met %s: (waarde - waarde %s) gedeeld door de "
                 "spreiding tussen de buurten van de gemeente (buurten met minstens %.0f "
                 "inwoners). Een index is 100 plus %.0f keer het gewogen gemiddelde daarvan; 100 "
                 "is gelijk aan %s. Balans = draagkracht - draaglast; meer dan %.0f punten "
                 "verschil telt als onevenwichtig. Gewichten staan bij de componenten.",
                 b->vs_land ? "Nederland" : "de gemeente", b->vs_land ? "Nederland" : "gemeente",
                 b->min_population, b->scale, b->vs_land ? "Nederland" : "de gemeente", b->bound);
}

static void fill_health(wd_profile *p, const wd_results *res, size_t region, int y, int gem,
                        source_set *src)
{
    const wd_dataset *ds = res->ds;
    wd_estimates_chart *h = &p->health;
    if (gem >= 0 && (size_t)gem != region)
        wd_utf8_printf(h->ref_name, sizeof h->ref_name, "gemeente %s", ds->regions[gem].name);
    for (size_t i = 0; i < res->set->n && h->n < WD_CHART_MAX_ESTIMATES; i++) {
        const wd_indicator *ind = &res->set->items[i];
        if (!(ind->flags & WD_FLAG_MODEL)) continue;
        wd_estimate *e = &h->rows[h->n++];
        int yy = -1;
        snprintf(e->label, sizeof e->label, "%s", ind->label);
        e->decimals = ind->decimals;
        e->value = latest(res, (int)region, i, y, &yy, e->why);
        e->lo = e->hi = NAN;
        e->year = yy >= 0 ? ds->year0 + yy : 0;
        /* The bounds are the source's own (RIVM Marges), kept beside the value in the
         * dataset: only a plain variable has them. */
        int v =
            ind->type == WD_FORMULA_VALUE ? wd_dataset_term(ds, &ind->num[0], ind->subgroup) : -1;
        if (v >= 0 && yy >= 0) {
            size_t cell = wd_dataset_cell(ds, region, yy, (size_t)v);
            e->lo = ds->lo[cell];
            e->hi = ds->hi[cell];
        }
        e->ref = gem >= 0 && (size_t)gem != region ? latest(res, gem, i, y, NULL, NULL) : NAN;
        note_def(p, res->set, (int)i);
        note_source(src, res, (int)region, i, yy);
        if (e->year && !h->source[0])
            snprintf(h->source, sizeof h->source,
                     "Bron: RIVM/CBS, Gezondheid per wijk en buurt (%s), volwassenen (18+)",
                     ds->sources[res->source[wd_results_cell(res, region, yy, i)]].table_id);
    }
}

static void fill_lbm(wd_profile *p, const wd_results *res, size_t region, int y, int gem,
                     source_set *src)
{
    const wd_dataset *ds = res->ds;
    wd_profile_lbm *l = &p->lbm;
    int i = wd_indicators_find(res->set, "lbm_score");
    int yy = -1;
    l->score = l->ref = NAN;
    if (i >= 0) {
        l->score = latest(res, (int)region, (size_t)i, y, &yy, l->why);
        note_def(p, res->set, i);
        note_source(src, res, (int)region, (size_t)i, yy);
    }
    if (yy < 0) return;
    l->year = ds->year0 + yy;
    int ref = gem >= 0 && (size_t)gem != region ? gem : -1;
    if (ref >= 0) {
        l->ref = res->value[wd_results_cell(res, (size_t)ref, yy, (size_t)i)];
        note_source(src, res, ref, (size_t)i, yy);
    }
    wd_bars_chart *b = &l->dims;
    snprintf(b->title, sizeof b->title, "Dimensies %d: afwijking van het landelijk niveau",
             l->year);
    wd_utf8_copy(b->value_name, sizeof b->value_name, ds->regions[region].name);
    if (ref >= 0)
        wd_utf8_printf(b->ref_name, sizeof b->ref_name, "gemeente %s", ds->regions[ref].name);
    snprintf(b->source, sizeof b->source, "Bron: Leefbaarometer 3.0, editie %d", l->year);
    b->decimals = 2;
    for (size_t k = 0; k < sizeof lbm_dim_ids / sizeof *lbm_dim_ids; k++) {
        int d = wd_indicators_find(res->set, lbm_dim_ids[k]);
        if (d < 0) continue;
        /* "Sociale samenhang (Leefbaarometer)" -> "Sociale samenhang": the chart says where
         * the figures come from. */
        const char *label = res->set->items[d].label;
        const char *paren = strstr(label, " (");
        snprintf(b->labels[b->n], sizeof b->labels[b->n], "%.*s",
                 (int)(paren ? (size_t)(paren - label) : strlen(label)), label);
        b->values[b->n] = res->value[wd_results_cell(res, region, yy, (size_t)d)];
        b->refs[b->n] =
            ref >= 0 ? res->value[wd_results_cell(res, (size_t)ref, yy, (size_t)d)] : NAN;
        note_def(p, res->set, d);
        b->n++;
    }
}

static void fill_small(wd_profile *p, const wd_results *res, size_t region, int gem,
                       source_set *src)
{
    const wd_dataset *ds = res->ds;
    for (size_t k = 0;
         k < sizeof small_ids / sizeof *small_ids && p->n_small < WD_PROFILE_MAX_SMALL; k++) {
        int i = wd_indicators_find(res->set, small_ids[k]);
        if (i < 0) continue;
        const wd_indicator *ind = &res->set->items[i];
        wd_small_chart *s = &p->small[p->n_small++];
        snprintf(s->title, sizeof s->title, "%s", ind->label);
        snprintf(s->unit, sizeof s->unit, "%s", ind->unit);
        s->decimals = ind->decimals;
        s->break_before = -1;
        int ref = gem >= 0 && (size_t)gem != region ? gem : -1;
        double sx = 0, sy = 0;
        int n_fit = 0;
        for (int y = 0; y < ds->n_years && s->n_years < WD_CHART_MAX_YEARS; y++) {
            double v = res->value[wd_results_cell(res, region, y, (size_t)i)];
            if (!isfinite(v)) continue;
            if (res->first_year[region] == y && y > 0 && s->break_before < 0 && s->n_years > 0)
                s->break_before = s->n_years;
            s->years[s->n_years] = ds->year0 + y;
            s->values[s->n_years] = v;
            s->refs[s->n_years] =
                ref >= 0 ? res->value[wd_results_cell(res, (size_t)ref, y, (size_t)i)] : NAN;
            s->n_years++;
            note_source(src, res, (int)region, (size_t)i, y);
            /* The engine fits the points since the last boundary change; the line goes
             * through their centre. */
            if (y >= res->first_year[region]) {
                sx += ds->year0 + y;
                sy += v;
                n_fit++;
            }
        }
        const wd_trend *t = &res->trend[region * res->n_ind + (size_t)i];
        if (t->n >= 3 && n_fit == t->n) {
            s->has_fit = 1;
            s->cx = sx / n_fit;
            s->cy = sy / n_fit;
            s->slope = t->slope;
            s->slope_lo = t->lo;
            s->slope_hi = t->hi;
            snprintf(s->trend_words, sizeof s->trend_words, "%s",
                     wd_trend_class_label(res->test[region * res->n_ind + (size_t)i].cls));
        }
        note_def(p, res->set, i);
    }
}

/* The year an indicator column or map shows: `y`, or for a figure published later (income)
 * the last year in which `whole` has it. */
static int shown_year(const wd_results *res, int whole, int i, int y)
{
    if (i < 0 || whole < 0) return y;
    int yy =
        wd_results_last_year(res, (size_t)whole, (size_t)i, y, res->set->balance.max_years_back);
    return yy >= 0 ? yy : y;
}

/* Index value of a region: the draagkracht or draaglast index (k = 0, 1) or indicator i. */
static double area_value(const wd_results *res, size_t r, int y, int i, int k)
{
    size_t ry = r * (size_t)res->ds->n_years + (size_t)y;
    if (i >= 0) return res->value[wd_results_cell(res, r, y, (size_t)i)];
    return k == 0 ? res->kracht[ry] : res->last[ry];
}

static void fill_maps(wd_profile *p, const wd_results *res, const wd_geo *geo, size_t region, int y,
                      int wijk, int gem, source_set *src)
{
    const wd_dataset *ds = res->ds;
    const wd_region *r = &ds->regions[region];
    wd_map_chart *m = &p->maps;
    m->highlight = -1;
    m->data_year = ds->year0 + y;
    if (!geo || geo->n_shapes == 0 || gem < 0) return;
    /* Which areas: the wijken of a gemeente; otherwise the buurten of the gemeente, or of the
     * wijk alone when the gemeente has too many to see one. */
    wd_level level = r->level == WD_LEVEL_GEMEENTE ? WD_LEVEL_WIJK : WD_LEVEL_BUURT;
    int n_gem_buurten = 0;
    for (size_t a = 0; a < ds->n_regions; a++)
        n_gem_buurten += ds->regions[a].level == WD_LEVEL_BUURT && ds->gemeente[a] == gem;
    int within = r->level == WD_LEVEL_WIJK ? (int)region : wijk;
    /* A wijk maps its own buurten, each named, so that the map reads beside the table of
     * its buurten; a buurt sees the buurten around it. */
    int whole_gemeente =
        level == WD_LEVEL_WIJK || r->level == WD_LEVEL_WERKGEBIED ||
        (r->level == WD_LEVEL_BUURT && (n_gem_buurten <= MAP_MAX_GEMEENTE_BUURTEN || within < 0));
    for (size_t a = 0; a < ds->n_regions && m->n_areas < WD_CHART_MAX_AREAS; a++) {
        if (ds->regions[a].level != level || ds->gemeente[a] != gem) continue;
        if (!whole_gemeente && ds->parent[a] != within) continue;
        int s = wd_geo_find(geo, ds->regions[a].code);
        if (s < 0) continue;
        wd_utf8_copy(m->area_name[m->n_areas], sizeof m->area_name[0], ds->regions[a].name);
        m->shape[m->n_areas++] = s;
        m->boundary_year = geo->shapes[s].year;
    }
    if (m->n_areas == 0) return;
    m->geo = geo;
    /* Wijk borders help only where the map spans several wijken. */
    for (size_t a = 0; level == WD_LEVEL_BUURT && whole_gemeente && a < ds->n_regions &&
                       m->n_context < WD_CHART_MAX_AREAS / 4;
         a++) {
        if (ds->regions[a].level != WD_LEVEL_WIJK || ds->gemeente[a] != gem) continue;
        int s = wd_geo_find(geo, ds->regions[a].code);
        if (s >= 0) m->context[m->n_context++] = s;
    }
    if (r->level != WD_LEVEL_GEMEENTE) {
        m->highlight = wd_geo_find(geo, r->code);
        wd_utf8_printf(m->highlight_name, sizeof m->highlight_name, "%s %s",
                       wd_level_name(r->level), r->name);
    }
    wd_utf8_printf(
        m->scope, sizeof m->scope, "%s van %s %s", level == WD_LEVEL_WIJK ? "wijken" : "buurten",
        whole_gemeente ? "gemeente" : "wijk", ds->regions[whole_gemeente ? gem : within].name);
    /* Draagkracht and draaglast, then indicators; areas are looked up again by code. */
    const int n_ind_maps = (int)(sizeof map_ids / sizeof *map_ids);
    for (int k = 0; k < 2 + n_ind_maps && m->n_maps < WD_CHART_MAX_MAPS; k++) {
        int i = k < 2 ? -1 : wd_indicators_find(res->set, map_ids[k - 2]);
        if (k >= 2 && i < 0) continue;
        int at = m->n_maps++;
        int yy = shown_year(res, gem, i, y);
        if (i >= 0) {
            const wd_indicator *ind = &res->set->items[i];
            if (yy != y)
                snprintf(m->maps[at].title, sizeof m->maps[at].title, "%s, %d", ind->label,
                         ds->year0 + yy);
            else
                snprintf(m->maps[at].title, sizeof m->maps[at].title, "%s", ind->label);
            snprintf(m->maps[at].unit, sizeof m->maps[at].unit, "%s", ind->unit);
            m->maps[at].decimals = ind->decimals;
        } else {
            snprintf(m->maps[at].title, sizeof m->maps[at].title, "%s",
                     k == 0 ? "Draagkracht (index, gemeente = 100)"
                            : "Draaglast (index, gemeente = 100)");
            m->maps[at].decimals = 0;
        }
        for (int a = 0; a < m->n_areas; a++) {
            int ra = wd_dataset_region(ds, geo->shapes[m->shape[a]].code);
            m->maps[at].value[a] = ra >= 0 ? area_value(res, (size_t)ra, yy, i, k) : NAN;
            if (ra >= 0 && i >= 0) note_source(src, res, ra, (size_t)i, yy);
        }
    }
    snprintf(m->source, sizeof m->source,
             "Bron: CBS, Kerncijfers wijken en buurten %d; grenzen CBS wijk- en buurtkaart %d "
             "(PDOK)",
             m->data_year, m->boundary_year);
    for (size_t k = 0; k < ds->n_sources; k++) {
        char want[48];
        snprintf(want, sizeof want, "pdok-wijkenbuurten-%d", m->boundary_year);
        if (strcmp(ds->sources[k].table_id, want) != 0) continue;
        for (int j = 0; j < src->n; j++)
            if (src->idx[j] == k) return;
        if (src->n < WD_PROFILE_MAX_SOURCES) src->idx[src->n++] = (unsigned short)k;
        return;
    }
}

static void fill_compare(wd_profile *p, const wd_results *res, size_t region, int y)
{
    const wd_dataset *ds = res->ds;
    const wd_region *r = &ds->regions[region];
    wd_dot_table_chart *c = &p->compare;
    if (r->level != WD_LEVEL_WIJK && r->level != WD_LEVEL_GEMEENTE &&
        r->level != WD_LEVEL_WERKGEBIED)
        return;
    int wijk_parts = r->level == WD_LEVEL_GEMEENTE, members = r->level == WD_LEVEL_WERKGEBIED;
    size_t n_members = 0;
    const wd_dataset_member *member = wd_dataset_members(ds, region, &n_members);
    snprintf(c->title, sizeof c->title, "%s",
             members      ? "Delen vergeleken"
             : wijk_parts ? "Wijken in overzicht"
                          : "Buurten vergeleken");
    snprintf(c->part_name, sizeof c->part_name, "%s",
             members      ? "Deel"
             : wijk_parts ? "Wijk"
                          : "Buurt");
    wd_utf8_printf(c->ref_name, sizeof c->ref_name, "%s %s", wd_level_name(r->level), r->name);
    int pop_var = wd_dataset_var(ds, "AantalInwoners", "");
    int col_year[WD_CHART_MAX_COLS];
    for (int k = 0; k < 2 + (int)(sizeof compare_ids / sizeof *compare_ids); k++) {
        int i = k < 2 ? -1 : wd_indicators_find(res->set, compare_ids[k - 2]);
        if ((k >= 2 && i < 0) || c->n_cols >= WD_CHART_MAX_COLS) continue;
        int at = c->n_cols++;
        col_year[at] = shown_year(res, (int)region, i, y);
        if (i >= 0 && col_year[at] != y) {
            snprintf(c->col_label[at], sizeof c->col_label[at], "%s, %d", res->set->items[i].label,
                     ds->year0 + col_year[at]);
            snprintf(c->col_unit[at], sizeof c->col_unit[at], "%s", res->set->items[i].unit);
            c->col_decimals[at] = res->set->items[i].decimals;
        } else if (i >= 0) {
            snprintf(c->col_label[at], sizeof c->col_label[at], "%s", res->set->items[i].label);
            snprintf(c->col_unit[at], sizeof c->col_unit[at], "%s", res->set->items[i].unit);
            c->col_decimals[at] = res->set->items[i].decimals;
        } else {
            snprintf(c->col_label[at], sizeof c->col_label[at], "%s",
                     k == 0 ? "Draagkracht (index)" : "Draaglast (index)");
        }
        c->col_ref[at] = area_value(res, region, col_year[at], i, k);
    }
    /* A werkgebied's rows are its members in their order, a wijk's or gemeente's its parts. */
    for (size_t at = 0; at < (members ? n_members : ds->n_regions) && c->n_rows < WD_CHART_MAX_ROWS;
         at++) {
        size_t a = members ? (size_t)member[at].region : at;
        if (!members && ds->parent[a] != (int)region) continue;
        int row = c->n_rows++;
        wd_utf8_copy(c->row_name[row], sizeof c->row_name[row], ds->regions[a].name);
        c->row_pop[row] =
            pop_var >= 0 ? ds->value[wd_dataset_cell(ds, a, y, (size_t)pop_var)] : NAN;
        c->row_small[row] = !(c->row_pop[row] >= res->set->balance.min_population);
        for (int col = 0, k = 0; k < 2 + (int)(sizeof compare_ids / sizeof *compare_ids); k++) {
            int i = k < 2 ? -1 : wd_indicators_find(res->set, compare_ids[k - 2]);
            if (k >= 2 && i < 0) continue;
            if (col < c->n_cols) {
                c->value[row][col] = area_value(res, a, col_year[col], i, k);
                col++;
            }
        }
    }
    snprintf(c->source, sizeof c->source, "Bron: CBS, Kerncijfers wijken en buurten %d",
             ds->year0 + y);
}

/* A buurt's opgaven where its need is greatest; a buurt that is not ranked says why, without
 * numbers, since a rank it does not have cannot be read from one. */
static void fill_opgaven(wd_profile *p, const wd_ranking *rk, size_t region)
{
    wd_profile_opgaven *o = &p->opgaven;
    if (!rk || rk->opg->n == 0 || rk->res->ds->regions[region].level != WD_LEVEL_BUURT) return;
    o->shown = 1;
    o->year = rk->res->ds->year0 + rk->year;
    o->draws = rk->opt.draws;
    wd_rank_row top[WD_PROFILE_MAX_OPGAVEN];
    o->n = (int)wd_rank_region_top(rk, region, top, WD_PROFILE_MAX_OPGAVEN);
    for (int k = 0; k < o->n; k++) {
        wd_profile_opgave *it = &o->items[k];
        snprintf(it->title, sizeof it->title, "%s",
                 rk->opg->items[wd_opgaven_find(rk->opg, top[k].opgave)].title);
        snprintf(it->tier, sizeof it->tier, "%s", top[k].tier);
        it->rank_median = top[k].rank_median;
        it->rank_lo = top[k].rank_lo;
        it->rank_hi = top[k].rank_hi;
        it->n_ranked = top[k].n_ranked;
    }
    if (o->n > 0) return;
    /* Too few inhabitants, or an unknown number of them, excludes a buurt from every opgave;
     * otherwise data were missing. */
    wd_rank_status st = rk->entry[wd_rank_cell(rk, region, 0)].status;
    int indeling = rk->res->ds->regions[region].indeling;
    if (st == WD_RANK_NO_POPULATION && indeling > 0 && indeling < o->year)
        snprintf(o->not_ranked, sizeof o->not_ranked,
                 "Deze buurt wordt niet gerangschikt: ze komt in de indeling van %d niet meer "
                 "voor, dus haar inwonertal van dat jaar is onbekend.",
                 o->year);
    else if (st == WD_RANK_NO_POPULATION)
        snprintf(o->not_ranked, sizeof o->not_ranked,
                 "Deze buurt wordt niet gerangschikt: haar inwonertal van %d is onbekend, dus "
                 "haar cijfers zijn niet betrouwbaar met die van andere buurten te vergelijken.",
                 o->year);
    else
        snprintf(o->not_ranked, sizeof o->not_ranked, "%s",
                 st == WD_RANK_SMALL
                     ? "Deze buurt wordt niet gerangschikt: er wonen te weinig mensen om haar "
                       "betrouwbaar met andere buurten te vergelijken."
                     : "Deze buurt wordt niet gerangschikt: er zijn te weinig gegevens over haar "
                       "om haar met andere buurten te vergelijken.");
}

/* The short name of a tier, for a narrow column. */
static const char *tier_short(wd_tier t)
{
    return t == WD_TIER_HIGH ? "hoog" : t == WD_TIER_MIDDLE ? "midden" : "laag";
}

/* A wijk's or gemeente's buurten with the most need per opgave: lowest median rank first
 * (then the rank with the weights as defined), at most WD_PROFILE_RANKED_ROWS each. */
static void fill_rankings(wd_profile *p, const wd_ranking *rk, size_t region)
{
    wd_profile_rankings *out = &p->rankings;
    if (!rk) return;
    const wd_dataset *ds = rk->res->ds;
    wd_level level = ds->regions[region].level;
    if (level != WD_LEVEL_WIJK && level != WD_LEVEL_GEMEENTE) return;
    out->year = ds->year0 + rk->year;
    out->draws = rk->opt.draws;
    for (size_t o = 0; o < rk->opg->n && out->n < WD_PROFILE_MAX_RANKINGS; o++) {
        wd_profile_ranking *it = &out->items[out->n];
        size_t best[WD_PROFILE_RANKED_ROWS];
        int n = 0;
        for (size_t b = 0; b < ds->n_regions; b++) {
            const wd_rank_entry *e = &rk->entry[wd_rank_cell(rk, b, o)];
            int inside = level == WD_LEVEL_WIJK ? ds->parent[b] == (int)region
                                                : ds->gemeente[b] == (int)region;
            if (!inside || e->status != WD_RANK_RANKED) continue;
            /* Insertion into the few best so far. */
            int at = n < WD_PROFILE_RANKED_ROWS ? n++ : WD_PROFILE_RANKED_ROWS;
            while (at > 0) {
                const wd_rank_entry *f = &rk->entry[wd_rank_cell(rk, best[at - 1], o)];
                if (f->rank_median < e->rank_median ||
                    (f->rank_median == e->rank_median && f->rank < e->rank))
                    break;
                if (at < WD_PROFILE_RANKED_ROWS) best[at] = best[at - 1];
                at--;
            }
            if (at < WD_PROFILE_RANKED_ROWS) best[at] = b;
        }
        if (n == 0) continue;
        snprintf(it->title, sizeof it->title, "%s", rk->opg->items[o].title);
        it->n = n;
        for (int k = 0; k < n; k++) {
            const wd_rank_entry *e = &rk->entry[wd_rank_cell(rk, best[k], o)];
            wd_utf8_copy(it->name[k], sizeof it->name[k], ds->regions[best[k]].name);
            it->median[k] = e->rank_median;
            it->lo[k] = e->rank_lo;
            it->hi[k] = e->rank_hi;
            it->n_ranked = e->n_ranked;
            snprintf(it->tier[k], sizeof it->tier[k], "%s", tier_short(e->tier));
        }
        out->n++;
    }
    /* The buurten that no opgave ranks for want of (a known number of) inhabitants. */
    size_t n = 0;
    for (size_t b = 0; rk->opg->n > 0 && b < ds->n_regions; b++) {
        int inside =
            level == WD_LEVEL_WIJK ? ds->parent[b] == (int)region : ds->gemeente[b] == (int)region;
        wd_rank_status st = rk->entry[wd_rank_cell(rk, b, 0)].status;
        if (!inside || (st != WD_RANK_SMALL && st != WD_RANK_NO_POPULATION)) continue;
        if (n < sizeof out->not_ranked)
            n += (size_t)snprintf(out->not_ranked + n, sizeof out->not_ranked - n, "%s%s (%s)",
                                  n ? ", " : "", ds->regions[b].name,
                                  st == WD_RANK_SMALL ? "te weinig inwoners"
                                                      : "inwonertal onbekend");
    }
}

static int cmp_ushort(const void *a, const void *b)
{
    return (int)*(const unsigned short *)a - (int)*(const unsigned short *)b;
}

/* In the store's order: the tables of one publisher together, years ascending. */
static void fill_sources(wd_profile *p, const wd_results *res, source_set *src)
{
    qsort(src->idx, (size_t)src->n, sizeof *src->idx, cmp_ushort);
    for (int k = 0; k < src->n && p->n_sources < WD_PROFILE_MAX_SOURCES; k++) {
        const wd_source *s = &res->ds->sources[src->idx[k]];
        char date[11];
        snprintf(date, sizeof date, "%.10s", s->retrieved_at);
        snprintf(p->sources[p->n_sources++], sizeof p->sources[0],
                 "%s: %s (tabel %s), opgehaald %s, licentie %s", s->publisher, s->title,
                 s->table_id, date, s->licence);
    }
}

int wd_profile_fill(wd_profile *p, const wd_results *res, const wd_ranking *rk, const wd_geo *geo,
                    size_t region, int year, int demo, const char *today, wd_error *err)
{
    const wd_dataset *ds = res->ds;
    if (region >= ds->n_regions)
        return wd_error_set(err, WD_EUSAGE, "regio-index %zu bestaat niet", region);
    const wd_region *r = &ds->regions[region];
    int pop_var = wd_dataset_var(ds, "AantalInwoners", "");
    if (year < 0) year = wd_results_year(res, region, 0);
    memset(p, 0, sizeof *p);
    int gem = ds->gemeente[region], land = land_index(ds);
    int wijk = r->level == WD_LEVEL_BUURT ? ds->parent[region] : -1;
    snprintf(p->code, sizeof p->code, "%s", r->code);
    wd_utf8_copy(p->name, sizeof p->name, r->name);
    snprintf(p->level, sizeof p->level, "%s", wd_level_name(r->level));
    if (wijk >= 0) {
        snprintf(p->wijk_code, sizeof p->wijk_code, "%s", ds->regions[wijk].code);
        wd_utf8_copy(p->wijk_name, sizeof p->wijk_name, ds->regions[wijk].name);
    }
    if (gem >= 0) {
        snprintf(p->gemeente_code, sizeof p->gemeente_code, "%s", ds->regions[gem].code);
        wd_utf8_copy(p->gemeente_name, sizeof p->gemeente_name, ds->regions[gem].name);
    }
    /* A werkgebied across gemeenten says so wherever its gemeente is named. */
    size_t n_m = 0, away = 0;
    const wd_dataset_member *m = wd_dataset_members(ds, region, &n_m);
    for (size_t k = 0; k < n_m; k++)
        away += ds->outside[m[k].region];
    if (away && gem >= 0)
        snprintf(p->gemeente_name, sizeof p->gemeente_name, "%s, met delen in andere gemeenten",
                 ds->regions[gem].name);
    p->year = ds->year0 + year;
    p->population = ds->value[wd_dataset_cell(ds, region, year, (size_t)pop_var)];
    p->small_population = p->population < res->set->balance.min_population;
    p->demo = demo;
    snprintf(p->generated_on, sizeof p->generated_on, "%s", today);

    source_set src = {0};
    fill_keys(p, res, region, year, wijk, gem, land, &src);
    fill_bars(p, res, region, year, gem);
    fill_trend(p, res, region, wijk, gem);
    fill_balance(p, res, region, year, gem);
    fill_opgaven(p, rk, region);
    fill_rankings(p, rk, region);
    for (int k = 0; k < res->set->balance.n_kracht; k++)
        note_source(&src, res, (int)region, (size_t)res->set->balance.kracht[k].indicator,
                    wd_results_last_year(res, region, (size_t)res->set->balance.kracht[k].indicator,
                                         year, res->set->balance.max_years_back));
    fill_health(p, res, region, year, gem, &src);
    fill_lbm(p, res, region, year, gem, &src);
    fill_small(p, res, region, gem, &src);
    fill_compare(p, res, region, year);
    fill_maps(p, res, geo, region, year, wijk, gem, &src);
    fill_sources(p, res, &src);

    size_t n = 0;
#define NOTE(...)                                                                                  \
    do {                                                                                           \
        if (n < sizeof p->notes)                                                                   \
            n += (size_t)snprintf(p->notes + n, sizeof p->notes - n, __VA_ARGS__);                 \
    } while (0)
    NOTE("Cijfers van RIVM/CBS over gezondheid zijn modelschattingen voor kleine gebieden, geen "
         "metingen in de buurt zelf; het 95%%-interval geeft hun onzekerheid. Benaderingen "
         "(proxy) staan als zodanig benoemd. Aantallen zijn door het CBS afgerond op vijftallen; "
         "geheime of onbetrouwbare cijfers en percentages over te kleine aantallen staan als "
         "'geen gegevens', nooit als nul.");
    if (res->first_year[region] > 0)
        NOTE(" De grens van dit gebied is in %d gewijzigd: trends beginnen pas in dat jaar en de "
             "lijn loopt niet door over de gewijzigde grens.",
             ds->year0 + res->first_year[region]);
    if (p->maps.n_maps > 0 && p->maps.boundary_year != p->year)
        NOTE(" De kaarten tonen cijfers van %d op de grenzen van %d.", p->year,
             p->maps.boundary_year);
    if (!p->maps.geo) NOTE(" Er zijn geen grenzen van dit gebied in de store, dus geen kaart.");
    if (r->level == WD_LEVEL_WERKGEBIED) {
        NOTE(" Dit werkgebied bestaat uit %zu buurten en wijken; zijn cijfers zijn die van de "
             "delen samen: aantallen opgeteld en dan gedeeld, gemiddelden gewogen naar inwoners. "
             "Modelschattingen van het RIVM en percentages van groepen die de buurtcijfers niet "
             "tellen zijn niet op te tellen en ontbreken daarom.",
             n_m);
        if (away)
            NOTE(" Het werkgebied ligt in meer dan een gemeente: %zu van zijn delen liggen buiten "
                 "gemeente %s. Het wordt vergeleken met gemeente %s, waar zijn eerste deel ligt; "
                 "de kaart toont alleen die gemeente.",
                 away, gem >= 0 ? ds->regions[gem].name : "?",
                 gem >= 0 ? ds->regions[gem].name : "?");
    }
    NOTE(" Trends: een rechte lijn (kleinste kwadraten) door de jaren sinds de laatste "
         "grenswijziging; de band toont het 95%%-interval van de helling. Een stijging of daling "
         "wordt alleen genoemd als dat interval 0 uitsluit.");
#undef NOTE
    return 0;
}

void wd_profile_fill_similar(wd_profile *p, const wd_similar *s)
{
    wd_profile_similar *o = &p->similar;
    if (!s || strcmp(p->level, wd_level_name(WD_LEVEL_BUURT)) != 0) return;
    wd_similar_match m[WD_SIMILAR_N];
    const char *why;
    o->shown = 1;
    o->year = wd_similar_year(s);
    o->n = (int)wd_similar_find(s, p->code, m, WD_SIMILAR_N, &why);
    snprintf(o->why, sizeof o->why, "%s", why);
    for (int k = 0; k < o->n; k++) {
        snprintf(o->name[k], sizeof o->name[k], "%s", m[k].name);
        snprintf(o->gemeente[k], sizeof o->gemeente[k], "%s", m[k].gemeente);
        o->distance[k] = m[k].distance;
    }
    size_t n = strlen(p->notes);
    if (n < sizeof p->notes)
        snprintf(p->notes + n, sizeof p->notes - n,
                 " Buurten zoals deze: per kenmerk het verschil in standaardafwijkingen over alle "
                 "buurten van de store met minstens %.0f inwoners, de leeftijden, de huishoudens, "
                 "stedelijkheid, inkomen en koopwoningen elk even zwaar; de afstand is de "
                 "wortel van het gewogen gemiddelde kwadraat van die verschillen.",
                 s ? wd_similar_min_population(s) : 0.0);
}
