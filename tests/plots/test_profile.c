/* Tests of plots/wd_profile and plots/wd_chart: profiles built by hand (a realistic buurt with
 * its map, a wijk with its buurten, and awkward variants) are rendered to PDF and checked
 * with the poppler tools (pages, page size, metadata, outline, text, embedded fonts, word
 * boxes inside the margins), to an image surface for pixel checks (nothing in the side
 * margins, the demonstration banner present or absent) and against reference images
 * (tests/data/plots/, compared after downsampling within a tolerance). The palette is
 * checked for greyscale separation. Error paths: an unwritable target gives WD_EIO naming the
 * path and leaves no temporary file and an existing file untouched.
 *
 * Set WD_PLOTS_KEEP=<folder> to keep the rendered PDFs there for a look, and
 * WD_UPDATE_REFERENCES=1 to rewrite the reference images (then look at them). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/wd_batch.h"
#include "plots/wd_chart_balance.h"
#include "plots/wd_chart_bars.h"
#include "plots/wd_chart_dots.h"
#include "plots/wd_chart_lines.h"
#include "plots/wd_chart_map.h"
#include "engine/wd_geo.h"
#include "plots/wd_profile.h"
#include "plots/wd_text.h"
#include "wd_test_util.h"
#include "wd_test_image.c"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DEMO_MARK "DEMO \xe2\x80\x94 gesimuleerde gegevens"

static void key(wd_profile *p, const char *label, const char *unit, int dec, double v, double wk,
                double gm, double nl, unsigned flags, int trend, const char *src)
{
    wd_profile_key *k = &p->keys[p->n_keys++];
    snprintf(k->label, sizeof k->label, "%s", label);
    snprintf(k->unit, sizeof k->unit, "%s", unit);
    k->decimals = dec;
    k->value = v;
    k->wijk = wk;
    k->gemeente = gm;
    k->nederland = nl;
    k->flags = flags;
    k->trend = trend;
    snprintf(k->source, sizeof k->source, "%s", src);
}

static void comp(wd_balance_component *c, int *n, const char *label, double w, double z)
{
    snprintf(c[*n].label, sizeof c[*n].label, "%s", label);
    c[*n].weight = w;
    c[*n].score = c[*n].position = z;
    (*n)++;
}

/* A gemeente of 20 square buurten (5 x 4, one without a boundary value) in 4 wijken, as
 * GeoJSON through the same parser as the store's boundaries; made once for the whole run. */
static wd_geo *test_geo;

static void make_test_geo(void)
{
    test_geo = wd_geo_new();
    assert_non_null(test_geo);
    char code[16], json[400];
    wd_error err = {0};
    for (int r = 0; r < 4; r++)
        for (int c = 0; c < 5; c++) {
            double x0 = 5.10 + 0.012 * c, y0 = 52.10 + 0.008 * r, x1 = x0 + 0.012, y1 = y0 + 0.008;
            snprintf(code, sizeof code, "BU999902%02d", r * 5 + c);
            snprintf(json, sizeof json,
                     "{\"type\":\"Polygon\",\"coordinates\":[[[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f],"
                     "[%.4f,%.4f],[%.4f,%.4f]]]}",
                     x0, y0, x1, y0, x1, y1, x0, y1, x0, y0);
            assert_int_equal(wd_geo_add(test_geo, code, 2024, json, strlen(json), &err), 0);
        }
    for (int w = 0; w < 4; w++) {
        double y0 = 52.10 + 0.008 * w, y1 = y0 + 0.008;
        snprintf(code, sizeof code, "WK99990%d", w);
        snprintf(json, sizeof json,
                 "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[5.1,%.4f],[5.16,%.4f],[5.16,%.4f],"
                 "[5.1,%.4f],[5.1,%.4f]]]]}",
                 y0, y0, y1, y1, y0);
        assert_int_equal(wd_geo_add(test_geo, code, 2024, json, strlen(json), &err), 0);
    }
}

static void sample_maps(wd_profile *p)
{
    wd_map_chart *m = &p->maps;
    m->geo = test_geo;
    for (int i = 0; i < 20; i++) {
        snprintf(m->area_name[i], sizeof m->area_name[i], "Buurt %d", i + 1);
        m->shape[m->n_areas++] = i;
    }
    for (int w = 0; w < 4; w++)
        m->context[m->n_context++] = 20 + w;
    m->highlight = 3;
    snprintf(m->highlight_name, sizeof m->highlight_name, "buurt %s", p->name);
    snprintf(m->scope, sizeof m->scope, "buurten van gemeente Voorbeeldstad");
    m->boundary_year = 2024;
    m->data_year = 2024;
    snprintf(m->source, sizeof m->source, "Bron: CBS 85984NED; grenzen PDOK 2024");
    const char *titles[] = {"Draagkracht (index, gemeente = 100)",
                            "Draaglast (index, gemeente = 100)", "Inwoners van 65 jaar of ouder"};
    for (int k = 0; k < 3; k++) {
        snprintf(m->maps[k].title, sizeof m->maps[k].title, "%s", titles[k]);
        snprintf(m->maps[k].unit, sizeof m->maps[k].unit, "%s", k == 2 ? "%" : "");
        m->maps[k].decimals = k == 2 ? 1 : 0;
        for (int i = 0; i < 20; i++)
            m->maps[k].value[i] = i == 7 ? NAN : 85.3 + ((i * 37 + k * 11) % 29) * 1.13;
    }
    m->n_maps = 3;
}

/* A realistic buurt of a fictional gemeente, with values in the ranges CBS and RIVM publish. */
static wd_profile *sample(void)
{
    wd_profile *p = calloc(1, sizeof *p);
    assert_non_null(p);
    snprintf(p->code, sizeof p->code, "BU99990203");
    snprintf(p->name, sizeof p->name, "Welgelegen, Den Hommel");
    snprintf(p->level, sizeof p->level, "buurt");
    snprintf(p->wijk_code, sizeof p->wijk_code, "WK999902");
    snprintf(p->wijk_name, sizeof p->wijk_name, "Oog in Al, Welgelegen en Lombok");
    snprintf(p->gemeente_code, sizeof p->gemeente_code, "GM9999");
    snprintf(p->gemeente_name, sizeof p->gemeente_name, "Voorbeeldstad");
    p->year = 2024;
    p->population = 4385;
    key(p, "Inwoners van 65 jaar of ouder", "%", 1, 23.84, 19.62, 17.35, 20.27, 0, 1,
        "CBS 85984NED");
    key(p, "Eenpersoonshuishoudens", "%", 1, 46.27, 41.93, 44.18, 39.12, 0, 0, "CBS 85984NED");
    key(p, "Wmo-cli\xc3\xabnten", "per 1.000", 0, 71.4, 64.8, 58.3, 61.9, 0, 1, "CBS 85984NED");
    key(p, "Netto arbeidsparticipatie", "%", 1, 63.15, 67.42, 69.08, 69.87, 0, -1, "CBS 85984NED");
    key(p, "Huishoudens rond het sociaal minimum", "%", 1, 9.47, 7.81, 8.26, 7.02, 0, 2,
        "CBS 85984NED 2022");
    key(p, "Ernstig of zeer ernstig eenzaam", "%", 1, 14.18, 12.93, 12.47, 11.61, WD_FLAG_MODEL, 2,
        "RIVM 50120NED");
    key(p, "Mantelzorgers", "%", 1, 15.32, 14.91, 13.86, 14.37, WD_FLAG_MODEL, 2, "RIVM 50120NED");
    key(p, "Mantelzorgpotentieel (45-65 per 65+)", "", 2, 1.183, 1.427, 1.662, 1.391, WD_FLAG_PROXY,
        -1, "CBS 85984NED");

    wd_bars_chart *b = &p->bars;
    snprintf(b->title, sizeof b->title, "Leeftijdsopbouw 2024");
    snprintf(b->unit, sizeof b->unit, "%%");
    const char *labels[] = {"0-15", "15-25", "25-45", "45-65", "65+"};
    const double vals[] = {13.2, 9.8, 24.1, 29.1, 23.8}, refs[] = {15.6, 13.4, 29.7, 23.9, 17.4};
    for (int i = 0; i < 5; i++) {
        snprintf(b->labels[i], sizeof b->labels[i], "%s", labels[i]);
        b->values[i] = vals[i];
        b->refs[i] = refs[i];
    }
    b->n = 5;
    snprintf(b->value_name, sizeof b->value_name, "%s", p->name);
    snprintf(b->ref_name, sizeof b->ref_name, "gemeente Voorbeeldstad");
    snprintf(b->source, sizeof b->source, "Bron: CBS, Kerncijfers wijken en buurten 2024");

    wd_trend_chart *t = &p->trend;
    snprintf(t->title, sizeof t->title, "Inwoners van 65 jaar of ouder");
    snprintf(t->unit, sizeof t->unit, "%%");
    snprintf(t->source, sizeof t->source, "Bron: CBS, Kerncijfers wijken en buurten");
    const double l0[] = {19.1, 19.8, NAN, 21.2, 21.9, 22.6, 23.1, 23.84};
    const double l1[] = {17.2, 17.5, 17.9, 18.3, 18.6, 19.0, 19.3, 19.62};
    const double l2[] = {15.8, 16.0, 16.3, 16.5, 16.8, 17.0, 17.2, 17.35};
    t->n_years = 8;
    t->n_lines = 3;
    for (int i = 0; i < 8; i++) {
        t->years[i] = 2017 + i;
        t->values[0][i] = l0[i];
        t->values[1][i] = l1[i];
        t->values[2][i] = l2[i];
    }
    snprintf(t->line_names[0], sizeof t->line_names[0], "%s", p->name);
    snprintf(t->line_names[1], sizeof t->line_names[1], "wijk %s", p->wijk_name);
    snprintf(t->line_names[2], sizeof t->line_names[2], "gemeente Voorbeeldstad");
    t->break_before = -1;

    wd_balance_chart *bal = &p->balance;
    bal->draagkracht = 93.6;
    bal->draaglast = 108.2;
    bal->balans = bal->draagkracht - bal->draaglast;
    snprintf(bal->klasse, sizeof bal->klasse, "draaglast groter dan draagkracht");
    snprintf(bal->reference, sizeof bal->reference, "gemeente Voorbeeldstad = 100");
    snprintf(bal->reading, sizeof bal->reading,
             "Per component: het verschil met de gemeente in standaardafwijkingen tussen de "
             "buurten van de gemeente; 0 is gelijk aan de referentie. Rechts van de lijn is de "
             "waarde hoger, links lager.");
    comp(bal->kracht, &bal->n_kracht, "Inwoners van 25 tot 65 jaar", 1, -0.83);
    comp(bal->kracht, &bal->n_kracht, "Netto arbeidsparticipatie", 1, -0.61);
    comp(bal->kracht, &bal->n_kracht, "Mantelzorgers (modelschatting)", 1, 0.42);
    comp(bal->kracht, &bal->n_kracht, "Vrijwilligers (modelschatting)", 1, 0.18);
    comp(bal->kracht, &bal->n_kracht, "Goed ervaren gezondheid (modelschatting)", 1, -0.95);
    comp(bal->kracht, &bal->n_kracht, "Sociale samenhang (Leefbaarometer)", 1, NAN);
    comp(bal->last, &bal->n_last, "Inwoners van 65 jaar of ouder", 1, 1.21);
    comp(bal->last, &bal->n_last, "Eenpersoonshuishoudens", 1, 0.37);
    comp(bal->last, &bal->n_last, "Verweduwd", 0.5, 0.88);
    comp(bal->last, &bal->n_last, "Wmo-cli\xc3\xabnten per 1.000 inwoners", 1, 0.97);
    comp(bal->last, &bal->n_last, "Jongeren met jeugdzorg", 0.5, -0.42);
    comp(bal->last, &bal->n_last, "Huishoudens rond het sociaal minimum", 1, 0.51);
    comp(bal->last, &bal->n_last, "Beperkt vanwege gezondheid (modelschatting)", 1, 0.66);
    comp(bal->last, &bal->n_last, "Ernstig eenzaam (modelschatting)", 1, 0.79);
    comp(bal->last, &bal->n_last, "Moeite met rondkomen (modelschatting)", 1, 3.4);
    snprintf(bal->formula, sizeof bal->formula,
             "Elke component wordt vergeleken met de gemeente: (waarde - waarde gemeente) gedeeld "
             "door de spreiding tussen de buurten van de gemeente (buurten met minstens 100 "
             "inwoners). Een index is 100 plus 10 keer het gewogen gemiddelde daarvan; 100 is "
             "gelijk aan de gemeente. Balans = draagkracht - draaglast; meer dan 5 punten "
             "verschil telt als onevenwichtig. Gewichten staan bij de componenten.");
    const char *srcs[] = {
        "CBS: Kerncijfers wijken en buurten 2024 (tabel 85984NED), opgehaald 2026-11-20, "
        "licentie CC BY 4.0",
        "CBS: Kerncijfers wijken en buurten 2022 (tabel 85318NED), opgehaald 2026-11-20, "
        "licentie CC BY 4.0",
        "RIVM/CBS: Gezondheid per wijk en buurt; 2012/2016/2020/2022 (indeling 2022) (tabel "
        "50120NED), opgehaald 2026-11-20, licentie CC BY 4.0",
        "Leefbaarometer 3.0: scores buurten 2002-2024 (tabel lbm3-buurt), opgehaald 2026-11-21, "
        "licentie CC0"};
    for (int i = 0; i < 4; i++)
        snprintf(p->sources[p->n_sources++], sizeof p->sources[0], "%s", srcs[i]);
    snprintf(p->notes, sizeof p->notes,
             "Cijfers van RIVM/CBS over gezondheid zijn modelschattingen voor kleine gebieden, "
             "geen metingen in de buurt zelf. Benaderingen (proxy) staan als zodanig benoemd. "
             "Aantallen zijn door het CBS afgerond op vijftallen; geheime of onbetrouwbare "
             "cijfers staan als 'geen gegevens'.");
    snprintf(p->generated_on, sizeof p->generated_on, "24 november 2026");

    wd_estimates_chart *h = &p->health;
    snprintf(h->ref_name, sizeof h->ref_name, "gemeente Voorbeeldstad");
    snprintf(h->source, sizeof h->source,
             "Bron: RIVM/CBS, Gezondheid per wijk en buurt (50120NED)");
    const char *hl[] = {"Ervaren gezondheid goed of zeer goed", "Mantelzorgers",
                        "Ernstig of zeer ernstig eenzaam", "Moeite met rondkomen"};
    const double hv[][4] = {{71.4, 67.9, 74.6, 76.2},
                            {15.3, 12.8, 18.1, 13.9},
                            {14.2, 11.6, 17.3, 12.5},
                            {NAN, NAN, NAN, 18.4}};
    for (int i = 0; i < 4; i++) {
        wd_estimate *e = &h->rows[h->n++];
        snprintf(e->label, sizeof e->label, "%s", hl[i]);
        e->value = hv[i][0];
        e->lo = hv[i][1];
        e->hi = hv[i][2];
        e->ref = hv[i][3];
        e->year = isfinite(e->value) ? 2022 : 0;
    }

    wd_profile_lbm *l = &p->lbm;
    l->year = 2024;
    l->score = 4.187;
    l->ref = 4.102;
    wd_bars_chart *d = &l->dims;
    snprintf(d->title, sizeof d->title, "Dimensies 2024");
    d->decimals = 2;
    const char *dl[] = {"Fysieke omgeving", "Overlast en onveiligheid", "Sociale samenhang",
                        "Voorzieningen", "Woningvoorraad"};
    const double dv[] = {0.061, -0.043, 0.012, 0.087, -0.021},
                 dr[] = {0.024, -0.011, 0.004, 0.052, NAN};
    for (int i = 0; i < 5; i++) {
        snprintf(d->labels[i], sizeof d->labels[i], "%s", dl[i]);
        d->values[i] = dv[i];
        d->refs[i] = dr[i];
    }
    d->n = 5;
    snprintf(d->value_name, sizeof d->value_name, "%s", p->name);
    snprintf(d->ref_name, sizeof d->ref_name, "gemeente Voorbeeldstad");

    for (int k = 0; k < 4; k++) {
        wd_small_chart *sm = &p->small[p->n_small++];
        snprintf(sm->title, sizeof sm->title, "%s", p->keys[k].label);
        snprintf(sm->unit, sizeof sm->unit, "%s", p->keys[k].unit);
        sm->break_before = k == 1 ? 4 : -1;
        sm->n_years = 8;
        double sx = 0, sy = 0;
        for (int i = 0; i < 8; i++) {
            sm->years[i] = 2017 + i;
            sm->values[i] = p->keys[k].value * (0.9 + 0.013 * i + 0.011 * ((i * 7 + k) % 3));
            sm->refs[i] = k == 3 ? NAN : p->keys[k].gemeente * (0.95 + 0.007 * i);
            sx += sm->years[i];
            sy += sm->values[i];
        }
        sm->has_fit = k != 2;
        sm->cx = sx / 8;
        sm->cy = sy / 8;
        sm->slope = p->keys[k].value * 0.015;
        sm->slope_lo = sm->slope * 0.4;
        sm->slope_hi = sm->slope * 1.6;
        snprintf(sm->trend_words, sizeof sm->trend_words, "stijgt");
    }
    sample_maps(p);

    /* Its top opgaven among 36 ranked buurten; the longest title of the built-in set. */
    wd_profile_opgaven *og = &p->opgaven;
    og->shown = 1;
    og->year = 2024;
    og->draws = 1000;
    const struct {
        const char *title, *tier;
        int median, lo, hi;
    } top[] = {{"Bestaanszekerheid", "hoge prioriteit", 3, 2, 6},
               {"Mentaal welzijn jongeren en jongvolwassenen", "hoge prioriteit", 5, 3, 9},
               {"Vitaal ouder worden", "middel", 14, 9, 20}};
    for (int k = 0; k < 3; k++) {
        wd_profile_opgave *o = &og->items[og->n++];
        snprintf(o->title, sizeof o->title, "%s", top[k].title);
        snprintf(o->tier, sizeof o->tier, "%s", top[k].tier);
        o->rank_median = top[k].median;
        o->rank_lo = top[k].lo;
        o->rank_hi = top[k].hi;
        o->n_ranked = 36;
    }
    return p;
}

/* Every number of the profile missing. */
static void make_all_nan(wd_profile *p)
{
    p->population = NAN;
    for (int k = 0; k < p->n_keys; k++) {
        p->keys[k].value = p->keys[k].wijk = p->keys[k].gemeente = p->keys[k].nederland = NAN;
        p->keys[k].trend = 2;
    }
    for (int i = 0; i < p->bars.n; i++)
        p->bars.values[i] = p->bars.refs[i] = NAN;
    for (int l = 0; l < WD_CHART_MAX_LINES; l++)
        for (int i = 0; i < WD_CHART_MAX_YEARS; i++)
            p->trend.values[l][i] = NAN;
    p->balance.draagkracht = p->balance.draaglast = p->balance.balans = NAN;
    snprintf(p->balance.klasse, sizeof p->balance.klasse, "onbekend (te weinig gegevens)");
    for (int i = 0; i < p->balance.n_kracht; i++)
        p->balance.kracht[i].score = p->balance.kracht[i].position = NAN;
    for (int i = 0; i < p->balance.n_last; i++)
        p->balance.last[i].score = p->balance.last[i].position = NAN;
    for (int i = 0; i < p->health.n; i++) {
        wd_estimate *e = &p->health.rows[i];
        e->value = e->lo = e->hi = e->ref = NAN;
        e->year = 0;
    }
    p->lbm.year = 0;
    p->lbm.score = p->lbm.ref = NAN;
    for (int k = 0; k < p->n_small; k++) {
        p->small[k].has_fit = 0;
        for (int i = 0; i < WD_CHART_MAX_YEARS; i++)
            p->small[k].values[i] = p->small[k].refs[i] = NAN;
    }
    for (int k = 0; k < p->maps.n_maps; k++)
        for (int i = 0; i < WD_CHART_MAX_AREAS; i++)
            p->maps.maps[k].value[i] = NAN;
}

/* A wijk: its buurten compared instead of its own map page. */
static void make_wijk(wd_profile *p, int n_rows, const char *row_name)
{
    snprintf(p->level, sizeof p->level, "wijk");
    p->opgaven.shown = 0;
    wd_dot_table_chart *c = &p->compare;
    snprintf(c->title, sizeof c->title, "Buurten vergeleken");
    snprintf(c->part_name, sizeof c->part_name, "Buurt");
    snprintf(c->ref_name, sizeof c->ref_name, "wijk %s", p->name);
    snprintf(c->source, sizeof c->source, "Bron: CBS, Kerncijfers wijken en buurten 2024");
    const char *cols[] = {"Draagkracht (index)", "Draaglast (index)",
                          "Inwoners van 65 jaar of ouder",
                          "Huishoudens rond het sociaal minimum, 2023"};
    c->n_cols = 4;
    for (int k = 0; k < 4; k++) {
        snprintf(c->col_label[k], sizeof c->col_label[k], "%s", cols[k]);
        snprintf(c->col_unit[k], sizeof c->col_unit[k], "%s", k >= 2 ? "%" : "");
        c->col_decimals[k] = k >= 2 ? 1 : 0;
        c->col_ref[k] = k >= 2 ? 17.35 + k : 100 - 3.2 * k;
    }
    c->n_rows = n_rows;
    for (int r = 0; r < n_rows; r++) {
        snprintf(c->row_name[r], sizeof c->row_name[r], row_name, r + 1);
        c->row_pop[r] = r == 2 ? 35 : 1215 + 317 * r;
        c->row_small[r] = r == 2;
        for (int k = 0; k < 4; k++)
            c->value[r][k] =
                r == 4 && k == 3 ? NAN : c->col_ref[k] * (0.83 + 0.047 * ((r * 5 + k) % 8));
    }
}

/* Everything at its maximum: the longest texts the struct holds, all slots filled. The
 * page must still keep to its margins and leave the footer free. */
static void make_maximal(wd_profile *p)
{
    memset(p->name, 'W', 127);
    p->name[127] = '\0';
    for (int i = 10; i < 127; i += 11)
        p->name[i] = ' ';
    p->n_keys = 0;
    for (int k = 0; k < WD_PROFILE_MAX_KEYS; k++)
        key(p, "Huishoudens met een inkomen tot 110% van het sociaal minimum, langdurig",
            "per 1.000", 1, 12345.678 * (k + 1), -1.5, 0.04, 99999.9, WD_FLAG_MODEL | WD_FLAG_PROXY,
            k % 4 - 1, "RIVM/CBS 50150NED tabel 2024");
    p->balance.n_kracht = p->balance.n_last = 0;
    for (int i = 0; i < WD_CHART_MAX_COMPONENTS; i++) {
        comp(p->balance.kracht, &p->balance.n_kracht,
             "Inwoners die vrijwilligerswerk doen of mantelzorg geven (modelschatting, 18 jaar en "
             "ouder)",
             1.25, -3 + i * 0.7);
        comp(p->balance.last, &p->balance.n_last,
             "Inwoners met moeite met rondkomen of ernstig beperkt door hun gezondheid "
             "(modelschatting, 65 jaar en ouder)",
             0.5, 2.8 - i * 0.6);
    }
    memset(p->balance.formula, 'f', sizeof p->balance.formula - 1);
    for (size_t i = 7; i < sizeof p->balance.formula - 1; i += 8)
        p->balance.formula[i] = ' ';
    p->balance.formula[sizeof p->balance.formula - 1] = '\0';
    memset(p->notes, 'n', sizeof p->notes - 1);
    for (size_t i = 9; i < sizeof p->notes - 1; i += 10)
        p->notes[i] = ' ';
    p->notes[sizeof p->notes - 1] = '\0';
    p->n_sources = 0;
    for (int i = 0; i < WD_PROFILE_MAX_SOURCES; i++) {
        char *s = p->sources[p->n_sources++];
        memset(s, 's', 255);
        for (int j = 6; j < 255; j += 7)
            s[j] = ' ';
        s[255] = '\0';
    }
    p->trend.n_years = WD_CHART_MAX_YEARS;
    for (int i = 0; i < WD_CHART_MAX_YEARS; i++) {
        p->trend.years[i] = 2009 + i;
        for (int l = 0; l < 3; l++)
            p->trend.values[l][i] = 1000 + 37.3 * i - 211 * l;
    }
    p->trend.break_before = WD_CHART_MAX_YEARS - 1;
    p->bars.n = WD_CHART_MAX_BARS;
    for (int i = 0; i < WD_CHART_MAX_BARS; i++) {
        snprintf(p->bars.labels[i], sizeof p->bars.labels[i], "categorie %d lang", i);
        p->bars.values[i] = 100.0 * i - 250;
        p->bars.refs[i] = 80.0 * i;
    }
    p->small_population = 1;
    p->health.n = WD_CHART_MAX_ESTIMATES;
    for (int i = 0; i < WD_CHART_MAX_ESTIMATES; i++) {
        wd_estimate *e = &p->health.rows[i];
        snprintf(e->label, sizeof e->label,
                 "Inwoners met een hoog risico op angst of depressie, volwassenen en ouderen %d",
                 i);
        e->value = 12.5 * i;
        e->lo = e->value - 3.25;
        e->hi = e->value + 4.5;
        e->ref = 50;
        e->year = 2022;
    }
    p->n_small = WD_PROFILE_MAX_SMALL;
    for (int k = 0; k < WD_PROFILE_MAX_SMALL; k++) {
        p->small[k] = p->small[k % 4];
        snprintf(p->small[k].title, sizeof p->small[k].title, "%s",
                 "Huishoudens met een inkomen tot 110% van het sociaal minimum, langdurig");
    }
    make_wijk(p, WD_CHART_MAX_ROWS, "Recreatiegebied De Grote Plas en oevers Zandwetering %d");
}

typedef struct {
    char *dir;
} fixture;

static int group_setup(void **state)
{
    (void)state;
    make_test_geo();
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    wd_geo_free(test_geo);
    return 0;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dir = wd_test_tmpdir();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    wd_test_rmtree(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

static void keep(const char *pdf, const char *name)
{
    const char *dir = getenv("WD_PLOTS_KEEP");
    if (!dir || !*dir) return;
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s' && cp '%s' '%s/%s.pdf'", dir, pdf, dir, name);
    char *out = NULL;
    wd_test_run(cmd, &out);
    free(out);
}

static char *run_ok(const char *fmt, const char *arg)
{
    char cmd[2048], *out = NULL;
    snprintf(cmd, sizeof cmd, fmt, arg);
    int st = wd_test_run(cmd, &out);
    if (st != 0) print_error("command failed (%d): %s\n%s\n", st, cmd, out ? out : "");
    assert_int_equal(st, 0);
    if (!out) fail_msg("no output: %s", cmd);
    return out;
}

/* The value of field `name` in pdfinfo output, up to the end of its line (static buffer). */
static const char *info_field(const char *info, const char *name)
{
    static char value[512];
    char key[64];
    snprintf(key, sizeof key, "\n%s:", name);
    const char *at = strstr(info, key);
    if (!at && strncmp(info, key + 1, strlen(key + 1)) == 0) at = info - 1;
    if (!at) return "(absent)";
    at += strlen(key);
    while (*at == ' ')
        at++;
    size_t n = strcspn(at, "\n");
    snprintf(value, sizeof value, "%.*s", (int)n, at);
    return value;
}

/* First occurrence of `needle` in buf[len] (a PDF has NUL bytes: no strstr). */
static const char *find_bytes(const char *buf, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(buf + i, needle, n) == 0) return buf + i;
    return NULL;
}

/* "/Title <FEFF...>": how cairo writes a title that is not plain ASCII, as UTF-16BE in hex
 * (the titles have only characters of the Basic Multilingual Plane). */
static void utf16_hex_title(char *out, size_t cap, const char *utf8)
{
    size_t n = (size_t)snprintf(out, cap, "/Title <FEFF");
    const unsigned char *u = (const unsigned char *)utf8;
    while (*u && n + 6 < cap) {
        unsigned cp = *u++;
        if (cp >= 0xe0) {
            cp = (cp & 0x0f) << 12 | (u[0] & 0x3fu) << 6 | (u[1] & 0x3fu);
            u += 2;
        } else if (cp >= 0xc0) {
            cp = (cp & 0x1f) << 6 | (u[0] & 0x3fu);
            u += 1;
        }
        n += (size_t)snprintf(out + n, cap - n, "%04X", cp);
    }
    snprintf(out + n, cap - n, ">");
}

/* Renders p to <dir>/<name>.pdf, checks what every profile must satisfy and returns the
 * pdftotext output (caller frees). */
static char *render_and_check(fixture *f, const wd_profile *p, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.pdf", f->dir, name);
    wd_error err = {0};
    int rc = wd_profile_render_pdf(p, path, &err);
    if (rc) print_error("render failed: %s\n", err.msg);
    assert_int_equal(rc, 0);
    keep(path, name);

    char *info = run_ok("pdfinfo '%s'", path);
    char pages[16];
    snprintf(pages, sizeof pages, "%d", wd_profile_page_count(p));
    assert_string_equal(info_field(info, "Pages"), pages);
    /* A4 portrait: poppler prints "595.276 x 841.89 pts (A4)". */
    assert_non_null(strstr(info_field(info, "Page size"), "595.276 x 841.89 pts"));
    char title[400];
    snprintf(title, sizeof title, "Wijkprofiel %s (%s)", p->name, p->code);
    assert_string_equal(info_field(info, "Title"), title);
    assert_string_equal(info_field(info, "Author"), "Wijkdata-Wijkdoen");
    assert_non_null(strstr(info_field(info, "Subject"), p->name));
    assert_non_null(strstr(info_field(info, "Keywords"), p->code));
    assert_non_null(strstr(info_field(info, "CreationDate"), "2026"));
    free(info);

    /* An outline with one entry per page (cairo writes it uncompressed; titles with
     * non-ASCII letters are stored as UTF-16, the others as they are). */
    size_t pdf_len = 0;
    char *pdf = wd_test_read_file(path, &pdf_len);
    assert_non_null(pdf);
    assert_non_null(find_bytes(pdf, pdf_len, "/Type /Outlines"));
    for (int page = 0; page < wd_profile_page_count(p); page++) {
        char t[160], hex[700];
        snprintf(t, sizeof t, "/Title (%s)", wd_profile_page_title(p, page));
        utf16_hex_title(hex, sizeof hex, wd_profile_page_title(p, page));
        if (!find_bytes(pdf, pdf_len, t) && !find_bytes(pdf, pdf_len, hex))
            print_error("no outline entry for page %d: %s\n", page + 1, t);
        assert_true(find_bytes(pdf, pdf_len, t) || find_bytes(pdf, pdf_len, hex));
    }
    free(pdf);

    /* Every font embedded: pdffonts' "emb" column is "yes" on every font line. */
    char *fonts = run_ok("pdffonts '%s'", path);
    int lines = 0;
    for (char *line = strtok(fonts, "\n"); line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "name", 4) == 0 || strncmp(line, "----", 4) == 0) continue;
        lines++;
        if (!strstr(line, " yes ")) print_error("font not embedded: %s\n", line);
        assert_non_null(strstr(line, " yes "));
    }
    assert_true(lines >= 1);
    free(fonts);

    /* No temporary file left behind. */
    DIR *d = opendir(f->dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        assert_null(strstr(e->d_name, ".tmp."));
    closedir(d);

    /* -raw keeps the reading order; the text of a wrapped name may be split over lines. */
    return run_ok("pdftotext -enc UTF-8 '%s' -", path);
}

/* Text of the PDF with line breaks turned into spaces, so that wrapped phrases match. */
static void flatten(char *s)
{
    for (; *s; s++)
        if (*s == '\n' || *s == '\f') *s = ' ';
}

static void realistic_buurt(void **state)
{
    wd_profile *p = sample();
    char *txt = render_and_check(*state, p, "buurt");
    flatten(txt);
    assert_non_null(strstr(txt, "Welgelegen, Den Hommel"));
    assert_non_null(strstr(txt, "BU99990203"));
    assert_non_null(strstr(txt, "4.385"));
    assert_non_null(strstr(txt, "23,8%"));
    assert_non_null(strstr(txt, "(m)"));
    assert_non_null(strstr(txt, "(p)"));
    assert_non_null(strstr(txt, "In \xc3\xa9\xc3\xa9n oogopslag"));
    assert_non_null(strstr(txt, "Draagkracht en draaglast"));
    assert_non_null(strstr(txt, "Gezondheid en welzijn (RIVM)"));
    assert_non_null(strstr(txt, "Leefbaarheid en ontwikkeling"));
    assert_non_null(strstr(txt, "Kaart"));
    assert_non_null(strstr(txt, "Bronnen en methode"));
    assert_non_null(strstr(txt, "Wijkdata-Wijkdoen"));
    assert_non_null(strstr(txt, "1/6"));
    assert_non_null(strstr(txt, "6/6"));
    /* Page 1: the opgaven with their rank intervals in words; the trend moved to page 2. */
    assert_non_null(strstr(txt, "Opgaven in deze buurt"));
    assert_non_null(strstr(txt, "Rang 3 van 36. Bij 9 van de 10 keer rekenen: tussen 2 en 6."));
    assert_non_null(strstr(txt, "1.000 keer gerekend"));
    /* Health: model estimates with their intervals, and a missing one as such. */
    assert_non_null(strstr(txt, "modelschatting 2022"));
    assert_non_null(strstr(txt, "71% (68\xe2\x80\x93"
                                "75%)"));
    assert_non_null(strstr(txt, "95%-interval"));
    /* Leefbaarometer score beside the gemeente; map legend with closed last class. */
    assert_non_null(strstr(txt, "Leefbaarometer 2024: 4,19 \xc2\xb7 gemeente 4,10"));
    assert_non_null(strstr(txt, "tot en met"));
    assert_non_null(strstr(txt, "buurt Welgelegen, Den Hommel"));
    assert_non_null(strstr(txt, "trend: stijgt"));
    assert_non_null(strstr(txt, "trend: te weinig jaren"));
    assert_non_null(strstr(txt, "24 november 2026"));
    assert_non_null(strstr(txt, "50120NED"));
    assert_non_null(strstr(txt, "Draaglast groter dan draagkracht"));
    assert_null(strstr(txt, "DEMO"));
    assert_null(strstr(txt, "Kleine buurt"));
    free(txt);
    free(p);
}

static void all_missing(void **state)
{
    wd_profile *p = sample();
    make_all_nan(p);
    char *txt = render_and_check(*state, p, "all_nan");
    flatten(txt);
    assert_non_null(strstr(txt, "geen gegevens"));
    /* A missing value is never shown as a zero. */
    assert_null(strstr(txt, " 0,0%"));
    assert_null(strstr(txt, "Inwoners: 0"));
    /* An unknown population says so, and is never called small. */
    assert_non_null(strstr(txt, "Inwoners: onbekend"));
    assert_non_null(
        strstr(txt, "Inwonertal onbekend: cijfers zijn indicatief en worden niet gerangschikt"));
    assert_null(strstr(txt, "Kleine buurt"));
    free(txt);
    free(p);
}

static void maximal_content(void **state)
{
    wd_profile *p = sample();
    make_maximal(p);
    p->demo = 1;
    char *txt = render_and_check(*state, p, "maximal");
    free(txt);
    free(p);
}

/* A wijk profile: no wijk column, no wijk line; the gemeente is the reference. */
static void wijk_level(void **state)
{
    wd_profile *p = sample();
    snprintf(p->level, sizeof p->level, "wijk");
    snprintf(p->code, sizeof p->code, "WK999902");
    snprintf(p->name, sizeof p->name, "Oog in Al, Welgelegen en Lombok");
    p->wijk_code[0] = p->wijk_name[0] = '\0';
    p->population = 18730;
    for (int k = 0; k < p->n_keys; k++)
        p->keys[k].wijk = NAN;
    p->trend.n_lines = 2;
    memcpy(p->trend.values[1], p->trend.values[2], sizeof p->trend.values[1]);
    snprintf(p->trend.line_names[1], sizeof p->trend.line_names[1], "gemeente Voorbeeldstad");
    snprintf(p->trend.line_names[0], sizeof p->trend.line_names[0], "%s", p->name);
    snprintf(p->bars.value_name, sizeof p->bars.value_name, "%s", p->name);
    make_wijk(p, 7, "Buurt nummer %d");
    assert_int_equal(wd_profile_page_count(p), 6);
    char *txt = render_and_check(*state, p, "wijk");
    flatten(txt);
    assert_non_null(strstr(txt, "Wijkprofiel wijk"));
    assert_non_null(strstr(txt, "Buurten vergeleken"));
    assert_non_null(strstr(txt, "Buurt nummer 7"));
    assert_null(strstr(txt, "Kaart "));
    assert_non_null(strstr(txt, "18.730"));
    assert_null(strstr(txt, "Wijk Oog"));
    free(txt);
    free(p);
}

static void long_name_small_demo_break(void **state)
{
    wd_profile *p = sample();
    /* 60 characters. */
    snprintf(p->name, sizeof p->name, "%s",
             "Bedrijventerrein Laagraven-Noord en Oudwijkerveld-Buitenwijk");
    assert_int_equal(strlen(p->name), 60);
    snprintf(p->bars.value_name, sizeof p->bars.value_name, "%s", p->name);
    snprintf(p->trend.line_names[0], sizeof p->trend.line_names[0], "%s", p->name);
    p->small_population = 1;
    p->population = 85;
    p->opgaven.n = 0;
    snprintf(p->opgaven.not_ranked, sizeof p->opgaven.not_ranked, "%s",
             "Deze buurt wordt niet gerangschikt: er wonen te weinig mensen om haar "
             "betrouwbaar met andere buurten te vergelijken.");
    p->demo = 1;
    p->trend.break_before = 4;
    char *txt = render_and_check(*state, p, "long_small_demo");
    flatten(txt);
    assert_non_null(strstr(txt, "Deze buurt wordt niet gerangschikt"));
    assert_null(strstr(txt, "keer gerekend"));
    assert_non_null(strstr(txt, DEMO_MARK));
    assert_non_null(
        strstr(txt, "Kleine buurt: cijfers zijn indicatief en worden niet gerangschikt"));
    assert_non_null(strstr(txt, "gewijzigde grens"));
    assert_non_null(strstr(txt, "Bedrijventerrein"));
    free(txt);

    /* The demo mark is on both pages. */
    char path[1024], cmd[1200], *out = NULL;
    snprintf(path, sizeof path, "%s/long_small_demo.pdf", ((fixture *)*state)->dir);
    for (int page = 1; page <= wd_profile_page_count(p); page++) {
        snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 -f %d -l %d '%s' -", page, page, path);
        assert_int_equal(wd_test_run(cmd, &out), 0);
        assert_non_null(strstr(out, DEMO_MARK));
        free(out);
    }
    free(p);
}

/* An ARGB image of page `page` at `scale` pixels per point. */
static cairo_surface_t *raster(const wd_profile *p, int page, double scale)
{
    int w = (int)ceil(WD_PAGE_WIDTH * scale), h = (int)ceil(WD_PAGE_HEIGHT * scale);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    wd_error err = {0};
    int n = wd_profile_draw_page(p, page, cr, &err);
    if (n < 0) print_error("%s\n", err.msg);
    assert_int_equal(n, wd_profile_page_count(p));
    assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    return s;
}

/* Number of non-white pixels in the rectangle (in points). */
static long inked(cairo_surface_t *s, double scale, double x0, double y0, double x1, double y1)
{
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    long n = 0;
    for (int py = (int)(y0 * scale); py < (int)(y1 * scale) && py < h; py++)
        for (int px = (int)(x0 * scale); px < (int)(x1 * scale) && px < w; px++) {
            unsigned v = *(const unsigned *)(data + py * stride + px * 4) & 0xffffff;
            if (v != 0xffffff) n++;
        }
    return n;
}

static void pixels_stay_inside_margins(void **state)
{
    (void)state;
    const double sc = 1.5, m = WD_PAGE_MARGIN, pw = WD_PAGE_WIDTH, ph = WD_PAGE_HEIGHT;
    wd_profile *p = sample();
    for (int variant = 0; variant < 4; variant++) {
        if (variant == 1) {
            snprintf(p->name, sizeof p->name, "%s",
                     "Bedrijventerrein Laagraven-Noord en Oudwijkerveld Buitengebied");
            p->small_population = 1;
            p->trend.break_before = 3;
        }
        if (variant == 2) make_all_nan(p);
        if (variant == 3) {
            free(p);
            p = sample();
            make_maximal(p);
        }
        for (int demo = 0; demo <= 1; demo++) {
            p->demo = demo;
            for (int page = 0; page < wd_profile_page_count(p); page++) {
                cairo_surface_t *s = raster(p, page, sc);
                /* The banner (top 20 pt) is the only thing that may cross the margins;
                 * the footer lives inside the bottom margin but between the side margins. */
                double top = demo ? 20 : 0;
                assert_int_equal(inked(s, sc, 0, top, m - 2, ph), 0);
                assert_int_equal(inked(s, sc, pw - m + 2, top, pw, ph), 0);
                assert_int_equal(inked(s, sc, 0, top + 1, pw, m - 2), 0);
                assert_int_equal(inked(s, sc, 0, ph - 16, pw, ph), 0);
                /* Content stops above the footer rule (at ph - 34). */
                assert_int_equal(inked(s, sc, m - 2, ph - 41, pw - m + 2, ph - 35), 0);
                /* Banner present exactly when demo. */
                long banner = inked(s, sc, 0, 0, pw, 18);
                if (demo)
                    assert_true(banner > 1000);
                else
                    assert_int_equal(banner, 0);
                /* Something is drawn on the page and in the footer band. */
                assert_true(inked(s, sc, m, m, pw - m, ph - m) > 10000);
                assert_true(inked(s, sc, m, ph - 34, pw - m, ph - 18) > 100);
                cairo_surface_destroy(s);
            }
        }
    }
    free(p);
}

static void palette_separates_in_greyscale(void **state)
{
    (void)state;
    /* Lines: lightness (CIE L*) at least 20 apart pairwise, and each differs in dash
     * pattern and marker as well. */
    for (int a = 0; a < WD_CHART_MAX_LINES; a++) {
        for (int b = a + 1; b < WD_CHART_MAX_LINES; b++) {
            double la = wd_rgb_lightness(wd_chart_lines[a].colour);
            double lb = wd_rgb_lightness(wd_chart_lines[b].colour);
            if (fabs(la - lb) < 20) print_error("lines %d and %d: L* %.1f vs %.1f\n", a, b, la, lb);
            assert_true(fabs(la - lb) >= 20);
            assert_int_not_equal(wd_chart_lines[a].marker, wd_chart_lines[b].marker);
            assert_true(wd_chart_lines[a].dash_on != wd_chart_lines[b].dash_on ||
                        wd_chart_lines[a].dash_off != wd_chart_lines[b].dash_off);
        }
        /* Every line visible on white paper. */
        assert_true(wd_rgb_lightness(wd_chart_lines[a].colour) < 80);
    }
    /* Bars against their reference marker and the paper; draagkracht against draaglast. */
    const wd_rgb white = {1, 1, 1};
    assert_true(fabs(wd_rgb_lightness(wd_colour_bar) - wd_rgb_lightness(wd_colour_ref)) >= 30);
    assert_true(100 - wd_rgb_lightness(wd_colour_bar) >= 30);
    assert_true(fabs(wd_rgb_lightness(wd_colour_kracht) - wd_rgb_lightness(wd_colour_last)) >= 20);
    /* Known values: white L* 100, black 0, Okabe–Ito blue about 46. */
    assert_true(fabs(wd_rgb_lightness(white) - 100) < 1e-6);
    assert_true(fabs(wd_rgb_lightness((wd_rgb){0, 0, 0})) < 1e-9);
    assert_true(fabs(wd_rgb_lightness((wd_rgb){0, 0.447, 0.698}) - 45.8) < 1.0);
    /* Text colours meet WCAG AA (4.5:1) on white and on the tint of bands and boxes. */
    assert_true(wd_rgb_contrast(wd_colour_text, white) >= 4.5);
    assert_true(wd_rgb_contrast(wd_colour_muted, white) >= 4.5);
    assert_true(wd_rgb_contrast(wd_colour_muted, wd_colour_tint) >= 4.5);
    assert_true(wd_rgb_contrast(wd_colour_text, wd_colour_tint) >= 4.5);
}

/* The trend chart `t` drawn 300 x 220 points on white at `sc` pixels per point. */
static cairo_surface_t *trend_image(const wd_trend_chart *t, double sc)
{
    const double W = 300, H = 220;
    cairo_surface_t *s =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(W * sc), (int)(H * sc));
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, sc, sc);
    assert_int_equal(wd_chart_trend(cr, t, 0, 0, W, H), 0);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    return s;
}

/* The longest run of columns without the colour of line 0 between the first and the last
 * column that has it, looking only at rows below `from_y` (points): the plot, not the legend. */
static int longest_gap(const wd_trend_chart *t, double from_y)
{
    const double sc = 2;
    cairo_surface_t *s = trend_image(t, sc);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    wd_rgb c = wd_chart_lines[0].colour;
    int first = -1, longest = 0, gap = 0, cols = 0;
    for (int px = 0; px < w; px++) {
        int n = 0;
        for (int py = (int)(from_y * sc); py < h; py++) {
            unsigned v = *(const unsigned *)(data + py * stride + px * 4);
            int r = (v >> 16) & 0xff, g = (v >> 8) & 0xff, b = v & 0xff;
            if (abs(r - (int)(c.r * 255)) < 12 && abs(g - (int)(c.g * 255)) < 12 &&
                abs(b - (int)(c.b * 255)) < 12)
                n++;
        }
        if (n > 0) {
            if (first >= 0 && gap > longest) longest = gap;
            if (first < 0) first = px;
            gap = 0;
            cols++;
        } else if (first >= 0) {
            gap++;
        }
    }
    cairo_surface_destroy(s);
    assert_true(cols > 100);
    return longest;
}

/* The break leaves the region's line out between the two years around it; without a break
 * the line is continuous; a missing year leaves a gap. */
static void trend_break_and_gaps(void **state)
{
    (void)state;
    wd_profile *p = sample();
    wd_trend_chart *t = &p->trend;
    t->n_lines = 1;
    for (int i = 0; i < t->n_years; i++)
        t->values[0][i] = 20.37 + 0.91 * i;
    t->break_before = -1;
    /* Legend: title and one legend line end above 34 pt. */
    assert_true(longest_gap(t, 34) < 4);
    /* Years are about 33 pt (66 px) apart: a missing segment leaves a gap of more than 40 px
     * between the markers (radius 3 pt). */
    t->break_before = 4;
    assert_true(longest_gap(t, 34) > 40);
    t->break_before = -1;
    t->values[0][2] = NAN; /* no point in 2019: no line 2018-2019-2020, markers only */
    assert_true(longest_gap(t, 34) > 40);
    free(p);
}

/* Markers keep their white rim where their line runs through them: along a solid line of
 * equal values, every marker but the outer two's outer sides is set off by white on both
 * sides, 2 (n - 1) runs of white between blue for n markers; without rims there are none. */
static void markers_keep_their_rims(void **state)
{
    (void)state;
    wd_profile *p = sample();
    wd_trend_chart *t = &p->trend;
    t->n_lines = 1;
    t->break_before = -1;
    for (int i = 0; i < t->n_years; i++)
        t->values[0][i] = 20;
    const double sc = 4;
    cairo_surface_t *s = trend_image(t, sc);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    wd_rgb c = wd_chart_lines[0].colour;
#define PIX(px, py) (*(const unsigned *)(data + (py)*stride + (px)*4))
#define IS(v, r_, g_, b_)                                                                          \
    (abs((int)(((v) >> 16) & 0xff) - (r_)) < 24 && abs((int)(((v) >> 8) & 0xff) - (g_)) < 24 &&    \
     abs((int)((v)&0xff) - (b_)) < 24)
    int row = -1, most = 0;
    for (int py = (int)(40 * sc); py < h; py++) {
        int n = 0;
        for (int px = 0; px < w; px++)
            n += IS(PIX(px, py), (int)(c.r * 255), (int)(c.g * 255), (int)(c.b * 255));
        if (n > most) most = n, row = py;
    }
    assert_true(row > 0);
    int runs = 0, seen_colour = 0, in_white = 0;
    for (int px = 0; px < w; px++) {
        unsigned v = PIX(px, row);
        if (IS(v, (int)(c.r * 255), (int)(c.g * 255), (int)(c.b * 255))) {
            runs += seen_colour && in_white;
            seen_colour = 1;
            in_white = 0;
        } else if (IS(v, 255, 255, 255)) {
            in_white = 1;
        }
    }
#undef PIX
#undef IS
    if (runs != 2 * (t->n_years - 1)) print_error("%d white runs, %d years\n", runs, t->n_years);
    assert_int_equal(runs, 2 * (t->n_years - 1));
    cairo_surface_destroy(s);
    free(p);
}

/* Visual regression (wd_test_image.c): pages rendered at REF_DPI against the PNGs in
 * tests/data/plots/. */
#define REF_DPI 30.0

static cairo_surface_t *page_image(const wd_profile *p, int page)
{
    return raster(p, page, REF_DPI / 72.0);
}

static void check_against_reference(const wd_profile *p, int page, const char *name)
{
    char ref[200];
    snprintf(ref, sizeof ref, "%s-%d", name, page + 1);
    cairo_surface_t *got = page_image(p, page);
    wd_test_image_check(got, ref);
    cairo_surface_destroy(got);
}

static void pages_match_references(void **state)
{
    (void)state;
    wd_profile *p = sample();
    for (int page = 0; page < wd_profile_page_count(p); page++)
        check_against_reference(p, page, "buurt");
    /* The comparison can fail: a page is far from another page's reference, and from
     * itself with the reference marker of the bars moved. */
    cairo_surface_t *a = page_image(p, 0), *b = page_image(p, 1);
    double mean, share;
    wd_test_image_difference(a, b, REF_BLOCK, &mean, &share);
    assert_true(mean > REF_MAX_MEAN && share > REF_MAX_SHARE);
    cairo_surface_destroy(b);
    p->bars.refs[2] += 6;
    b = page_image(p, 0);
    wd_test_image_difference(a, b, REF_BLOCK, &mean, &share);
    assert_true(share > 0);
    cairo_surface_destroy(a);
    cairo_surface_destroy(b);
    free(p);

    p = sample();
    make_wijk(p, 7, "Buurt nummer %d");
    p->demo = 1;
    check_against_reference(p, 2, "wijk");
    free(p);
}

/* Every word of a profile with the longest names lies between the side margins: pdftotext's
 * word boxes, in points from the top left. */
static void words_stay_inside_margins(void **state)
{
    fixture *f = *state;
    wd_profile *p = sample();
    snprintf(p->name, sizeof p->name, "%s", "Recreatiegebied De Grote Plas en oevers Zandwetering");
    make_wijk(p, 12, "Bedrijventerrein Laagraven-Noord en Oudwijkerveld-Buitenwijk %d");
    char path[1024];
    snprintf(path, sizeof path, "%s/bbox.pdf", f->dir);
    wd_error err = {0};
    assert_int_equal(wd_profile_render_pdf(p, path, &err), 0);
    char *html = run_ok("pdftotext -bbox '%s' -", path);
    int words = 0;
    for (const char *at = strstr(html, "<word "); at; at = strstr(at + 1, "<word ")) {
        double x0, y0, x1, y1;
        assert_int_equal(sscanf(at, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"",
                                &x0, &y0, &x1, &y1),
                         4);
        if (x0 < WD_PAGE_MARGIN - 1 || x1 > WD_PAGE_WIDTH - WD_PAGE_MARGIN + 1)
            print_error("word outside the margins at %.1f-%.1f: %.60s\n", x0, x1, at);
        assert_true(x0 >= WD_PAGE_MARGIN - 1 && x1 <= WD_PAGE_WIDTH - WD_PAGE_MARGIN + 1);
        assert_true(y1 <= WD_PAGE_HEIGHT - 16);
        words++;
    }
    assert_true(words > 500);
    /* The full long name is there, wrapped or not: the header never cuts it. */
    flatten(html);
    assert_non_null(strstr(html, ">Zandwetering</word>"));
    free(html);
    free(p);
}

static void charts_reject_bad_arguments(void **state)
{
    (void)state;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 100, 100);
    cairo_t *cr = cairo_create(s);
    wd_profile *p = sample();
    assert_int_equal(wd_chart_bars(cr, NULL, WD_BARS_VERTICAL, 0, 0, 100, 100), WD_EUSAGE);
    assert_int_equal(wd_chart_trend(NULL, &p->trend, 0, 0, 100, 100), WD_EUSAGE);
    assert_int_equal(wd_chart_balance(cr, &p->balance, 0, 0, 5, 5), WD_EUSAGE);
    assert_int_equal(wd_chart_bars(cr, &p->bars, WD_BARS_HORIZONTAL, 0, 0, 100, 100), 0);
    wd_error err = {0};
    assert_int_equal(wd_profile_draw_page(p, 6, cr, &err), WD_EUSAGE);
    assert_non_null(strstr(err.msg, "pagina 6"));
    assert_int_equal(wd_profile_draw_page(NULL, 0, cr, &err), WD_EUSAGE);
    assert_int_equal(wd_chart_map(cr, &p->maps, 3, 0, 0, 100, 100, NULL), WD_EUSAGE);
    assert_int_equal(wd_chart_estimates(cr, NULL, 0, 0, 100, 100), WD_EUSAGE);
    assert_int_equal(wd_chart_small(cr, &p->small[0], 0, 0, 10, 100), WD_EUSAGE);
    assert_int_equal(wd_chart_dot_table(cr, NULL, 0, 0, 100, 100), WD_EUSAGE);
    /* A PNG page out of range is a usage error naming the page; nothing is written. */
    assert_int_equal(wd_profile_render(p, WD_FORMAT_PNG, 6, 72, "/tmp/never.png", &err), WD_EUSAGE);
    assert_non_null(strstr(err.msg, "pagina 7"));
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    free(p);
}

static void unwritable_path(void **state)
{
    (void)state;
    wd_profile *p = sample();
    wd_error err = {0};
    const char *path = "/nonexistent/dir/x.pdf";
    assert_int_equal(wd_profile_render_pdf(p, path, &err), WD_EIO);
    assert_int_equal(err.code, WD_EIO);
    assert_non_null(strstr(err.msg, path));
    struct stat st;
    assert_int_not_equal(stat("/nonexistent/dir", &st), 0);
    free(p);
}

/* A failed render keeps an existing file. Running as root, a read-only folder does not stop
 * writing, so the failure is provoked by a target that is a non-empty folder: the PDF is
 * written to the temporary file, rename() then fails, and the temporary file must go. */
static void failed_render_keeps_existing_file(void **state)
{
    fixture *f = *state;
    wd_profile *p = sample();
    char target[1024], inner[1100];
    snprintf(target, sizeof target, "%s/existing.pdf", f->dir);
    assert_int_equal(mkdir(target, 0755), 0);
    snprintf(inner, sizeof inner, "%s/keep.txt", target);
    assert_int_equal(wd_test_write_file(inner, "old content", 11), 0);
    wd_error err = {0};
    assert_int_equal(wd_profile_render_pdf(p, target, &err), WD_EIO);
    assert_non_null(strstr(err.msg, target));
    size_t len = 0;
    char *back = wd_test_read_file(inner, &len);
    assert_non_null(back);
    assert_int_equal(len, 11);
    assert_memory_equal(back, "old content", 11);
    free(back);
    DIR *d = opendir(f->dir);
    struct dirent *e;
    int entries = 0;
    while ((e = readdir(d)) != NULL) {
        assert_null(strstr(e->d_name, ".tmp."));
        entries += e->d_name[0] != '.';
    }
    closedir(d);
    assert_int_equal(entries, 1);

    /* A successful render replaces an existing file as a whole. */
    char ok[1024];
    snprintf(ok, sizeof ok, "%s/replace.pdf", f->dir);
    assert_int_equal(wd_test_write_file(ok, "old", 3), 0);
    assert_int_equal(wd_profile_render_pdf(p, ok, &err), 0);
    char *pdf = wd_test_read_file(ok, &len);
    assert_non_null(pdf);
    assert_true(len > 1000);
    assert_memory_equal(pdf, "%PDF-", 5);
    free(pdf);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(realistic_buurt, setup, teardown),
        cmocka_unit_test_setup_teardown(all_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(long_name_small_demo_break, setup, teardown),
        cmocka_unit_test_setup_teardown(maximal_content, setup, teardown),
        cmocka_unit_test_setup_teardown(wijk_level, setup, teardown),
        cmocka_unit_test(pixels_stay_inside_margins),
        cmocka_unit_test(palette_separates_in_greyscale),
        cmocka_unit_test(trend_break_and_gaps),
        cmocka_unit_test(markers_keep_their_rims),
        cmocka_unit_test(charts_reject_bad_arguments),
        cmocka_unit_test(pages_match_references),
        cmocka_unit_test_setup_teardown(words_stay_inside_margins, setup, teardown),
        cmocka_unit_test(unwritable_path),
        cmocka_unit_test_setup_teardown(failed_render_keeps_existing_file, setup, teardown),
    };
    int failed = cmocka_run_group_tests(tests, group_setup, group_teardown);
    wd_text_release_fonts();
    return failed;
}
