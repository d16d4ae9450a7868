/* Implementation of wd_export.h. */
#include "engine/wd_export.h"

#include "engine/wd_out.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void wd_export_flags_text(unsigned flags, char *buf, size_t cap)
{
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {{WD_FLAG_MISSING, "ontbreekt"},
                 {WD_FLAG_SUPPRESSED, "geheim_of_te_klein"},
                 {WD_FLAG_MODEL, "modelschatting"},
                 {WD_FLAG_PROXY, "proxy"},
                 {WD_FLAG_AGGREGATED, "berekend_uit_buurten"},
                 {WD_FLAG_LATER, "volgt_in_latere_levering"},
                 {WD_FLAG_DISCONTINUED, "niet_meer_gepubliceerd"},
                 {WD_FLAG_SECRET, "geheim"},
                 {WD_RESULTS_OTHER_AREA, "andere_indeling"}};
    size_t n = 0;
    if (cap) buf[0] = '\0';
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if ((flags & names[i].bit) && n < cap)
            n += (size_t)snprintf(buf + n, cap - n, "%s%s", n ? ";" : "", names[i].name);
}

void wd_export_csv_field(FILE *f, const char *s)
{
    wd_out o;
    wd_out_init(&o, f, ',', '.');
    wd_out_field(&o, s);
    wd_out_flush(&o);
}

/* ",number", or "," alone for a number that is not finite. */
static void out_number(wd_out *o, double v)
{
    wd_out_chr(o, ',');
    wd_out_number(o, v);
}

/* One indicator (or index) of one region in its reported year, with its references. */
typedef struct {
    const char *id;
    double value, wijk, gemeente, land, z;
    char flags[192];
    const wd_trend *trend;     /* NULL for the indices */
    const wd_trend_test *test; /* with trend */
    const wd_trend *wls;       /* NULL without published intervals */
    const wd_apc *apc;         /* NULL for other than shares of counted people */
    int small;                 /* sa holds the small-area figures */
    wd_small_area sa;
} export_row;

static double value_at(const wd_results *res, int r, int y, size_t i)
{
    return r >= 0 ? res->value[wd_results_cell(res, (size_t)r, y, i)] : NAN;
}

/* Row i of region r: indicators 0 .. n_ind - 1, then draagkracht_index, draaglast_index. */
static void fill_row(export_row *row, const wd_results *res, size_t r, int y, size_t i, int land)
{
    const wd_dataset *ds = res->ds;
    int g = ds->gemeente[r], p = ds->parent[r];
    int wijk = ds->regions[r].level == WD_LEVEL_WIJK             ? (int)r
               : p >= 0 && ds->regions[p].level == WD_LEVEL_WIJK ? p
                                                                 : -1;
    row->flags[0] = '\0';
    row->trend = NULL;
    row->wls = NULL;
    row->apc = NULL;
    row->small = 0;
    row->land = row->z = NAN;
    if (i < res->n_ind) {
        size_t c = wd_results_cell(res, r, y, i);
        row->id = res->set->items[i].id;
        row->value = res->value[c];
        row->z = wd_results_z(res, r, y, i);
        /* A figure of another area is left out, as is the one a profile would show instead of
         * a missing value; both are flagged. */
        unsigned flags = res->flags[c];
        wd_results_pick pick;
        wd_results_latest(&pick, res, r, i, y, res->set->balance.max_years_back);
        if (pick.year != y && pick.left_out >= 0) {
            flags |= WD_RESULTS_OTHER_AREA | (isfinite(row->value) ? WD_FLAG_MISSING : 0);
            row->value = row->z = NAN;
        }
        wd_export_flags_text(flags, row->flags, sizeof row->flags);
        row->wijk = value_at(res, wijk, y, i);
        row->gemeente = value_at(res, g, y, i);
        row->land = value_at(res, land, y, i);
        row->trend = &res->trend[r * res->n_ind + i];
        row->test = &res->test[r * res->n_ind + i];
        row->wls = res->wls[r * res->n_ind + i].n ? &res->wls[r * res->n_ind + i] : NULL;
        row->apc = res->apc[r * res->n_ind + i].log.n ? &res->apc[r * res->n_ind + i] : NULL;
        if (row->trend->n == 0) row->trend = NULL;
        row->small = isfinite(row->value) && wd_results_small_area(res, r, y, i, &row->sa) == 0;
        return;
    }
    int kracht = i == res->n_ind;
    const double *index = kracht ? res->kracht : res->last;
    row->id = kracht ? "draagkracht_index" : "draaglast_index";
    row->value = index[r * (size_t)ds->n_years + (size_t)y];
    row->wijk = wijk >= 0 ? index[(size_t)wijk * (size_t)ds->n_years + (size_t)y] : NAN;
    row->gemeente = g >= 0 ? index[(size_t)g * (size_t)ds->n_years + (size_t)y] : NAN;
}

/* Calls `fn` for every region the filter selects, with its reported year index. */
static int each_region(const wd_results *res, const wd_export_filter *filter,
                       int (*fn)(const wd_results *res, size_t r, int y, int land, void *ctx),
                       void *ctx, wd_error *err)
{
    const wd_dataset *ds = res->ds;
    int land = wd_dataset_region(ds, "NL00");
    for (size_t r = 0; r < ds->n_regions; r++) {
        const wd_region *reg = &ds->regions[r];
        if (filter->level >= 0 && (int)reg->level != filter->level) continue;
        if (filter->skip_land && reg->level == WD_LEVEL_LAND) continue;
        if (ds->outside[r]) continue; /* another gemeente's, there for a werkgebied */
        int y = wd_results_year(res, r, filter->year);
        if (y < 0) return wd_dataset_year_error(ds, filter->year, err);
        int rc = fn(res, r, y, land, ctx);
        if (rc) return wd_error_set(err, rc, "schrijven van de uitvoer mislukt");
    }
    return 0;
}

static int csv_region(const wd_results *res, size_t r, int y, int land, void *ctx)
{
    wd_out *o = ctx;
    const wd_region *reg = &res->ds->regions[r];
    export_row row;
    for (size_t i = 0; i < res->n_ind + 2; i++) {
        fill_row(&row, res, r, y, i, land);
        wd_out_field(o, reg->code);
        wd_out_chr(o, ',');
        wd_out_field(o, reg->name);
        wd_out_chr(o, ',');
        wd_out_str(o, wd_level_name(reg->level));
        wd_out_chr(o, ',');
        wd_out_int(o, res->ds->year0 + y);
        wd_out_chr(o, ',');
        wd_out_str(o, row.id);
        out_number(o, row.value);
        wd_out_chr(o, ',');
        wd_out_field(o, row.flags);
        out_number(o, row.wijk);
        out_number(o, row.gemeente);
        out_number(o, row.land);
        out_number(o, row.z);
        if (row.trend) {
            out_number(o, row.trend->slope);
            out_number(o, row.trend->lo);
            out_number(o, row.trend->hi);
            out_number(o, row.trend->p);
            wd_out_chr(o, ',');
            wd_out_int(o, row.trend->n);
            wd_out_chr(o, ',');
            wd_out_field(o, wd_trend_class_label(row.test->cls)); /* may hold a comma */
            out_number(o, row.test->mk_p);
            out_number(o, row.test->theil_sen);
        } else {
            wd_out_str(o, ",,,,,0,,,");
        }
        const double wls[3] = {row.wls ? row.wls->slope : NAN, row.wls ? row.wls->lo : NAN,
                               row.wls ? row.wls->hi : NAN};
        const double apc[3] = {row.apc ? row.apc->apc : NAN, row.apc ? row.apc->lo : NAN,
                               row.apc ? row.apc->hi : NAN};
        for (int k = 0; k < 3; k++)
            out_number(o, wls[k]);
        for (int k = 0; k < 3; k++)
            out_number(o, apc[k]);
        if (row.small) {
            out_number(o, row.sa.count);
            out_number(o, row.sa.den);
            out_number(o, row.sa.lo);
            out_number(o, row.sa.hi);
            out_number(o, row.sa.eb);
            wd_out_chr(o, ',');
            wd_out_int(o, row.sa.funnel);
            wd_out_chr(o, '\n');
        } else {
            wd_out_str(o, ",,,,,,\n");
        }
    }
    return 0;
}

int wd_export_indicators_csv(FILE *f, const wd_results *res, const wd_export_filter *filter,
                             wd_error *err)
{
    if (!filter->skip_header)
        fputs("regiocode,regionaam,niveau,jaar,indicator,waarde,vlaggen,waarde_wijk,"
              "waarde_gemeente,waarde_nl,score_z,trend_helling_per_jaar,trend_ci95_laag,"
              "trend_ci95_hoog,trend_p,trend_punten,trend_klasse,mann_kendall_p,theil_sen_helling,"
              "wls_helling,wls_ci95_laag,wls_ci95_hoog,apc_procent_per_jaar,apc_ci95_laag,"
              "apc_ci95_hoog,telling,noemer,exact_ci95_laag,exact_ci95_hoog,eb_schatting,"
              "trechter\n",
              f);
    wd_out *o = malloc(sizeof *o);
    if (!o) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de CSV");
    wd_out_init(o, f, ',', '.');
    int rc = each_region(res, filter, csv_region, o, err);
    wd_out_flush(o);
    free(o);
    if (!rc && ferror(f)) rc = wd_error_set(err, WD_EIO, "schrijven van de uitvoer mislukt");
    return rc;
}

static json_t *number_or_null(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static int json_region(const wd_results *res, size_t r, int y, int land, void *ctx)
{
    FILE *f = ((void **)ctx)[0];
    const wd_export_filter *filter = ((void **)ctx)[1];
    int *written = ((void **)ctx)[2];
    const wd_region *reg = &res->ds->regions[r];
    json_t *o = json_pack("{s:s, s:s, s:s, s:i}", "regiocode", reg->code, "regionaam", reg->name,
                          "niveau", wd_level_name(reg->level), "jaar", res->ds->year0 + y);
    json_t *ind = json_object();
    export_row row;
    int bad = 0;
    for (size_t i = 0; o && ind && i < res->n_ind + 2; i++) {
        fill_row(&row, res, r, y, i, land);
        json_t *e = json_pack("{s:o, s:s, s:o, s:o, s:o, s:o}", "waarde", number_or_null(row.value),
                              "vlaggen", row.flags, "waarde_wijk", number_or_null(row.wijk),
                              "waarde_gemeente", number_or_null(row.gemeente), "waarde_nl",
                              number_or_null(row.land), "score_z", number_or_null(row.z));
        if (e && row.trend)
            json_object_set_new(
                e, "trend",
                json_pack("{s:o, s:[o,o], s:o, s:i, s:s, s:o, s:o}", "helling_per_jaar",
                          number_or_null(row.trend->slope), "ci95", number_or_null(row.trend->lo),
                          number_or_null(row.trend->hi), "p", number_or_null(row.trend->p),
                          "punten", row.trend->n, "klasse", wd_trend_class_label(row.test->cls),
                          "mann_kendall_p", number_or_null(row.test->mk_p), "theil_sen_helling",
                          number_or_null(row.test->theil_sen)));
        if (e && row.wls)
            json_object_set_new(
                e, "wls",
                json_pack("{s:o, s:[o,o]}", "helling_per_jaar", number_or_null(row.wls->slope),
                          "ci95", number_or_null(row.wls->lo), number_or_null(row.wls->hi)));
        if (e && row.apc)
            json_object_set_new(
                e, "apc",
                json_pack("{s:o, s:[o,o]}", "procent_per_jaar", number_or_null(row.apc->apc),
                          "ci95", number_or_null(row.apc->lo), number_or_null(row.apc->hi)));
        if (e && row.small)
            json_object_set_new(e, "kleine_aantallen",
                                json_pack("{s:f, s:f, s:[f,f], s:f, s:i}", "telling", row.sa.count,
                                          "noemer", row.sa.den, "exact_ci95", row.sa.lo, row.sa.hi,
                                          "eb_schatting", row.sa.eb, "trechter", row.sa.funnel));
        if (json_object_set_new(ind, row.id, e)) bad = 1; /* e NULL: out of memory */
    }
    int rc = o && ind && !bad ? 0 : WD_ENOMEM;
    if (!rc) {
        json_object_set_new(o, "indicatoren", ind);
        ind = NULL;
        if ((*written)++ > 0 || filter->skip_header) fputc(',', f);
        rc = json_dumpf(o, f, JSON_COMPACT | JSON_REAL_PRECISION(12)) == 0 ? 0 : WD_EIO;
        fputc('\n', f);
    }
    json_decref(ind);
    json_decref(o);
    return rc;
}

int wd_export_indicators_json_begin(FILE *f, const wd_indicator_set *set, wd_error *err)
{
    static const char *const agg[] = {"niet", "optellen", "gewogen"};
    static const char *const dir[] = {"hoger_slechter", "neutraal", "hoger_beter"};
    json_t *defs = json_array();
    for (size_t i = 0; defs && i < set->n; i++) {
        const wd_indicator *ind = &set->items[i];
        json_array_append_new(defs,
                              json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", ind->id,
                                        "label", ind->label, "eenheid", ind->unit, "domein",
                                        ind->domain, "aggregatie", agg[ind->aggregation],
                                        "richting", dir[ind->direction + 1], "bron", ind->source));
    }
    if (!defs) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de JSON");
    fputs("{\"indicatoren\": ", f);
    int rc = json_dumpf(defs, f, JSON_COMPACT);
    json_decref(defs);
    fputs(",\n\"regios\": [\n", f);
    return rc || ferror(f) ? wd_error_set(err, WD_EIO, "schrijven van de JSON mislukt") : 0;
}

int wd_export_indicators_json(FILE *f, const wd_results *res, const wd_export_filter *filter,
                              wd_error *err)
{
    int written = 0;
    void *ctx[3] = {f, (void *)filter, &written};
    return each_region(res, filter, json_region, ctx, err);
}

int wd_export_indicators_json_end(FILE *f, wd_error *err)
{
    fputs("]}\n", f);
    return ferror(f) ? wd_error_set(err, WD_EIO, "schrijven van de JSON mislukt") : 0;
}

/* ---- ranking of wijkopgaven ---- */

/* The buurten of gemeente g for opgave o in output order: ranked ones by rank, then the rest
 * in code order. Returns the count; `out` holds room for every region. */
static size_t ranking_order(const wd_ranking *rk, size_t g, size_t o, int *out)
{
    const wd_dataset *ds = rk->res->ds;
    size_t n = 0, ranked = 0;
    for (size_t r = 0; r < ds->n_regions; r++) {
        const wd_rank_entry *e = &rk->entry[wd_rank_cell(rk, r, o)];
        if (ds->gemeente[r] == (int)g && e->status == WD_RANK_RANKED) ranked++;
    }
    for (size_t r = 0; r < ds->n_regions; r++) {
        const wd_rank_entry *e = &rk->entry[wd_rank_cell(rk, r, o)];
        if (ds->gemeente[r] != (int)g || e->status == WD_RANK_NOT_BUURT) continue;
        if (e->status == WD_RANK_RANKED)
            out[e->rank - 1] = (int)r;
        else
            out[ranked + n++] = (int)r;
    }
    return ranked + n;
}

static double inhabitants(const wd_ranking *rk, size_t r)
{
    const wd_dataset *ds = rk->res->ds;
    int pop = wd_dataset_var(ds, "AantalInwoners", "");
    return pop >= 0 ? ds->value[wd_dataset_cell(ds, r, rk->year, (size_t)pop)] : NAN;
}

/* Calls fn for every gemeente x opgave with the buurten in output order. */
static int each_ranking(const wd_ranking *rk,
                        int (*fn)(const wd_ranking *rk, size_t g, size_t o, const int *order,
                                  size_t n, void *ctx),
                        void *ctx, wd_error *err)
{
    const wd_dataset *ds = rk->res->ds;
    int *order = malloc((ds->n_regions + 1) * sizeof *order), rc = 0;
    if (!order) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de rangschikking");
    for (size_t g = 0; !rc && g < ds->n_regions; g++) {
        if (ds->regions[g].level != WD_LEVEL_GEMEENTE) continue;
        for (size_t o = 0; !rc && o < rk->opg->n; o++) {
            size_t n = ranking_order(rk, g, o, order);
            if (n) rc = fn(rk, g, o, order, n, ctx);
        }
    }
    free(order);
    return rc ? wd_error_set(err, rc, "schrijven van de rangschikking mislukt") : 0;
}

static int csv_ranking(const wd_ranking *rk, size_t g, size_t o, const int *order, size_t n,
                       void *ctx)
{
    wd_out *w = ctx;
    const wd_dataset *ds = rk->res->ds;
    double gm_shift = rk->gemeente_shift[wd_rank_cell(rk, g, o)];
    for (size_t k = 0; k < n; k++) {
        size_t r = (size_t)order[k];
        const wd_rank_entry *e = &rk->entry[wd_rank_cell(rk, r, o)];
        int p = ds->parent[r];
        wd_out_field(w, ds->regions[r].code);
        wd_out_chr(w, ',');
        wd_out_field(w, ds->regions[r].name);
        wd_out_chr(w, ',');
        wd_out_field(w, p >= 0 ? ds->regions[p].code : "");
        wd_out_chr(w, ',');
        wd_out_str(w, ds->regions[g].code);
        wd_out_chr(w, ',');
        wd_out_int(w, ds->year0 + rk->year);
        wd_out_chr(w, ',');
        wd_out_str(w, rk->opg->items[o].id);
        out_number(w, e->score);
        out_number(w, e->weight_share);
        if (e->status == WD_RANK_RANKED) {
            const int ranks[] = {e->rank, e->rank_median, e->rank_lo, e->rank_hi, e->n_ranked};
            for (int i = 0; i < 5; i++) {
                wd_out_chr(w, ',');
                wd_out_int(w, ranks[i]);
            }
            wd_out_chr(w, ',');
            wd_out_str(w, wd_rank_tier_name(e->tier));
        } else {
            wd_out_str(w, ",,,,,,");
        }
        out_number(w, e->shift);
        out_number(w, gm_shift);
        wd_out_chr(w, ',');
        wd_out_field(w, wd_rank_status_name(e->status));
        out_number(w, inhabitants(rk, r));
        wd_out_chr(w, '\n');
    }
    return 0;
}

int wd_export_ranking_csv(FILE *f, const wd_ranking *rk, int header, wd_error *err)
{
    if (header)
        fputs("regiocode,regionaam,wijkcode,gemeentecode,jaar,opgave,score,aandeel_gewicht,rang,"
              "rang_mediaan,rang_p5,rang_p95,aantal_gerangschikt,prioriteit,rangverschuiving,"
              "rangverschuiving_gemeente,status,inwoners\n",
              f);
    wd_out *o = malloc(sizeof *o);
    if (!o) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer voor de CSV");
    wd_out_init(o, f, ',', '.');
    int rc = each_ranking(rk, csv_ranking, o, err);
    wd_out_flush(o);
    free(o);
    if (!rc && ferror(f)) rc = wd_error_set(err, WD_EIO, "schrijven van de rangschikking mislukt");
    return rc;
}

static json_t *int_or_null(int v, int ranked)
{
    return ranked ? json_integer(v) : json_null();
}

static int json_ranking(const wd_ranking *rk, size_t g, size_t o, const int *order, size_t n,
                        void *ctx)
{
    FILE *f = ((void **)ctx)[0];
    int *more = ((void **)ctx)[1];
    const wd_dataset *ds = rk->res->ds;
    const wd_opgave *opg = &rk->opg->items[o];
    json_t *buurten = json_array();
    int bad = 0;
    for (size_t k = 0; buurten && k < n; k++) {
        size_t r = (size_t)order[k];
        const wd_rank_entry *e = &rk->entry[wd_rank_cell(rk, r, o)];
        const double *z = &rk->z[wd_rank_cell(rk, r, o) * WD_OPG_MAX_COMPONENTS];
        int ranked = e->status == WD_RANK_RANKED;
        json_t *comp = json_object();
        for (int c = 0; comp && c < opg->n; c++)
            if (json_object_set_new(comp, rk->res->set->items[opg->comp[c].indicator].id,
                                    number_or_null(z[c])))
                bad = 1;
        bad |= json_array_append_new(
            buurten,
            json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:s, s:o, s:o}",
                      "regiocode", ds->regions[r].code, "regionaam", ds->regions[r].name, "score",
                      number_or_null(e->score), "aandeel_gewicht", json_real(e->weight_share),
                      "rang", int_or_null(e->rank, ranked), "rang_mediaan",
                      int_or_null(e->rank_median, ranked), "rang_p5",
                      int_or_null(e->rank_lo, ranked), "rang_p95", int_or_null(e->rank_hi, ranked),
                      "prioriteit", wd_rank_tier_name(e->tier), "rangverschuiving",
                      number_or_null(e->shift), "status", wd_rank_status_name(e->status),
                      "inwoners", number_or_null(inhabitants(rk, r)), "z_componenten",
                      comp ? comp : json_null()));
    }
    json_t *obj = json_pack("{s:s, s:s, s:s, s:i, s:o, s:o}", "gemeentecode", ds->regions[g].code,
                            "gemeentenaam", ds->regions[g].name, "opgave", opg->id, "jaar",
                            ds->year0 + rk->year, "gemiddelde_rangverschuiving",
                            number_or_null(rk->gemeente_shift[wd_rank_cell(rk, g, o)]), "buurten",
                            buurten ? buurten : json_null());
    if (!obj || bad) {
        json_decref(obj);
        return WD_ENOMEM;
    }
    if ((*more)++) fputs(",\n", f);
    int rc = json_dumpf(obj, f, JSON_COMPACT | JSON_REAL_PRECISION(12)) == 0 ? 0 : WD_EIO;
    json_decref(obj);
    return rc;
}

int wd_export_ranking_json_begin(FILE *f, const wd_ranking *rk, wd_error *err)
{
    json_t *opgaven = json_array();
    for (size_t o = 0; opgaven && o < rk->opg->n; o++) {
        const wd_opgave *g = &rk->opg->items[o];
        json_t *comp = json_array();
        for (int c = 0; comp && c < g->n; c++)
            json_array_append_new(
                comp, json_pack("{s:s, s:f, s:s}", "indicator",
                                rk->res->set->items[g->comp[c].indicator].id, "gewicht",
                                g->comp[c].weight, "richting",
                                g->comp[c].sign > 0 ? "hoger_meer_opgave" : "lager_meer_opgave"));
        json_array_append_new(opgaven, json_pack("{s:s, s:s, s:s, s:o}", "id", g->id, "titel",
                                                 g->title, "omschrijving", g->description,
                                                 "componenten", comp ? comp : json_null()));
    }
    json_t *method = json_pack(
        "{s:i, s:I, s:[f,f], s:f, s:[i,i,i], s:s}", "trekkingen", rk->opt.draws, "seed",
        (json_int_t)rk->opt.seed, "gewichtsfactor", WD_RANK_WEIGHT_LO, WD_RANK_WEIGHT_HI,
        "min_inwoners", rk->opt.min_population, "percentielen", 5, 50, 95, "prioriteit",
        "mediane rang in het eerste derde van de gerangschikte buurten: hoge prioriteit; in het "
        "laatste derde: lage prioriteit; daartussen: middel");
    int rc = opgaven && method ? 0 : WD_ENOMEM;
    if (!rc) {
        fputs("{\"methode\": ", f);
        rc = json_dumpf(method, f, JSON_COMPACT);
        fputs(",\n\"opgaven\": ", f);
        if (!rc) rc = json_dumpf(opgaven, f, JSON_COMPACT);
        fputs(",\n\"rangschikkingen\": [\n", f);
    }
    json_decref(opgaven);
    json_decref(method);
    if (rc == WD_ENOMEM) return wd_error_set(err, rc, "geen geheugen meer voor de JSON");
    return rc || ferror(f) ? wd_error_set(err, WD_EIO, "schrijven van de JSON mislukt") : 0;
}

int wd_export_ranking_json(FILE *f, const wd_ranking *rk, int more, wd_error *err)
{
    void *ctx[2] = {f, &more};
    return each_ranking(rk, json_ranking, ctx, err);
}

int wd_export_ranking_json_end(FILE *f, wd_error *err)
{
    return wd_export_indicators_json_end(f, err);
}
