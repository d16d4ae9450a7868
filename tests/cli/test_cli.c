/* End-to-end tests of the wijkdata program, run as a user would: help and usage errors,
 * the demo from nothing to PDFs, profiles, CSV export, imports that fail without losing
 * anything. The demo store is made once (group setup) and copied where a test changes it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "../fetchers/wd_test_mirror.c"
#include "../fetchers/wd_test_zip.c"
#include "wd_test_tls.c"
#include "engine/wd_rank.h"
#include "plots/wd_profile_fill.h"
#include "wd_test_util.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

WD_TEST_CLI_DEMO_GROUP("--out profielen")

static void help_and_usage(void **state)
{
    (void)state;
    char *out;
    assert_int_equal(wd_test_cli(dir, "--help", &out), 0);
    wd_test_assert_contains(out, "Opdrachten:");
    wd_test_assert_contains(out, "Afsluitcodes");
    free(out);
    assert_int_equal(wd_test_cli(dir, "--version", &out), 0);
    wd_test_assert_contains(out, "wijkdata 0.");
    free(out);
    assert_int_equal(wd_test_cli(dir, "--help", &out), 0);
    wd_test_assert_contains(out, "sources");
    free(out);
    const char *cmds[] = {"demo",   "profile", "indicators", "regions",
                          "import", "sources", "rank",       "profiles"};
    for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
        char args[64];
        snprintf(args, sizeof args, "%s --help", cmds[i]);
        assert_int_equal(wd_test_cli(dir, args, &out), 0);
        wd_test_assert_contains(out, "Gebruik: wijkdata");
        free(out);
    }
    assert_int_equal(wd_test_cli(dir, "", &out), 2);
    free(out);
    assert_int_equal(wd_test_cli(dir, "vlieg", &out), 2);
    wd_test_assert_contains(out, "onbekende opdracht 'vlieg'");
    free(out);
    assert_int_equal(wd_test_cli(dir, "profile --kleur rood BU99990101", &out), 2);
    wd_test_assert_contains(out, "onbekende optie '--kleur'");
    free(out);
    assert_int_equal(wd_test_cli(dir, "indicators --level straat", &out), 2);
    wd_test_assert_contains(out, "straat");
    free(out);
    assert_int_equal(wd_test_cli(dir, "profile", &out), 2);
    free(out);
}

static void demo_made_store_and_pdfs(void **state)
{
    (void)state;
    char cmd[1024], *out;
    snprintf(cmd, sizeof cmd, "ls '%s' '%s/profielen' | grep -c pdf", dir, dir);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    assert_true(atoi(out) >= 40); /* gemeente + wijken + buurten */
    free(out);
    snprintf(cmd, sizeof cmd, "test -s '%s/wijkdata.db'", dir);
    assert_int_equal(wd_test_run(cmd, NULL), 0);

    snprintf(cmd, sizeof cmd, "pdftotext '%s/profielen/BU99990101.pdf' -", dir);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    wd_test_assert_contains(out, "DEMO — gesimuleerde gegevens");
    wd_test_assert_contains(out, "BU99990101");
    wd_test_assert_contains(out, "Voorbeeldstad");
    wd_test_assert_contains(out, "CBS");
    free(out);
    /* Page 1 of a buurt: its opgaven with the rank interval in words. */
    snprintf(cmd, sizeof cmd, "pdftotext -raw -l 1 '%s/profielen/BU99990101.pdf' -", dir);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    wd_test_assert_contains(out, "Opgaven in deze buurt");
    wd_test_assert_contains(out, "1. Eenzaamheid en meedoen hoge prioriteit");
    wd_test_assert_contains(out, "Rang 12 van 38. Bij 9 van de 10 keer rekenen: tussen");
    free(out);
    /* A wijk has no block of its own opgaven. */
    snprintf(cmd, sizeof cmd, "pdftotext '%s/profielen/WK999901.pdf' -", dir);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    assert_null(strstr(out, "Opgaven in deze buurt"));
    free(out);
    snprintf(cmd, sizeof cmd, "pdffonts '%s/profielen/BU99990101.pdf' | tail -n +3", dir);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    assert_true(strlen(out) > 0);
    /* Every font line says "yes" in the emb column: no " no " anywhere in that column. */
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n"))
        wd_test_assert_contains(line, " yes ");
    free(out);
    snprintf(cmd, sizeof cmd, "pdfinfo '%s/profielen/GM9999.pdf'", dir);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    wd_test_assert_contains(out, "595.276 x 841.89 pts (A4)");
    free(out);
}

static void profile_of_one_region(void **state)
{
    (void)state;
    char *out, cmd[1024];
    assert_int_equal(wd_test_cli(dir, "profile BU99990102 -o een.pdf", &out), 0);
    wd_test_assert_contains(out, "een.pdf");
    free(out);
    snprintf(cmd, sizeof cmd, "pdftotext '%s/een.pdf' - | grep -c 'DEMO — gesimuleerde gegevens'",
             dir);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    free(out);
    /* Default output name: the code. */
    assert_int_equal(wd_test_cli(dir, "profile WK999901", &out), 0);
    free(out);
    snprintf(cmd, sizeof cmd, "test -s '%s/WK999901.pdf'", dir);
    assert_int_equal(wd_test_run(cmd, NULL), 0);
}

/* Every demo profile: a buurt has six pages, a wijk seven, the gemeente six; each under
 * 400 KB, with its metadata and the sections named in its text. */
static void demo_profiles_complete(void **state)
{
    (void)state;
    char cmd[1024], *out;
    const struct {
        const char *code, *pages, *section;
    } want[] = {{"BU99990201", "6", "Kaart"},
                {"WK999903", "7", "Buurten vergeleken"},
                {"GM9999", "6", "Wijken in overzicht"}};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        snprintf(cmd, sizeof cmd, "pdfinfo '%s/profielen/%s.pdf'", dir, want[i].code);
        assert_int_equal(wd_test_run(cmd, &out), 0);
        const char *pages = strstr(out, "Pages:");
        assert_non_null(pages);
        assert_int_equal(atoi(pages + 6), atoi(want[i].pages));
        wd_test_assert_contains(out, "Subject:");
        wd_test_assert_contains(out, "Keywords:");
        wd_test_assert_contains(out, want[i].code);
        free(out);
        snprintf(cmd, sizeof cmd, "pdftotext '%s/profielen/%s.pdf' -", dir, want[i].code);
        assert_int_equal(wd_test_run(cmd, &out), 0);
        wd_test_assert_contains(out, want[i].section);
        wd_test_assert_contains(out, "Gezondheid en welzijn (RIVM)");
        wd_test_assert_contains(out, "modelschatting 2022");
        wd_test_assert_contains(out, "Leefbaarometer 2024");
        wd_test_assert_contains(out, "Bronnen en methode");
        wd_test_assert_contains(out, "pdok-wijkenbuurten-2024");
        /* A wijk or gemeente: per wijkopgave its buurten with the most need. */
        if (want[i].code[0] != 'B') {
            wd_test_assert_contains(out, "Wijkopgaven: waar is de opgave het grootst?");
            wd_test_assert_contains(out, "Bestaanszekerheid");
            wd_test_assert_contains(out, "Mediaan (90%)");
        }
        free(out);
    }
    /* No buurt profile reaches 400 KB. */
    snprintf(cmd, sizeof cmd, "find '%s/profielen' -name 'BU*.pdf' -size +400k | wc -l", dir);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    assert_int_equal(atoi(out), 0);
    free(out);
}

/* The smallest buurt (35 inhabitants): figures it lacks read "geen gegevens", never zero; the
 * split Molenbuurt breaks its trends at 2020. */
static void profiles_with_missing_data_and_a_break(void **state)
{
    (void)state;
    char cmd[1024], *out;
    snprintf(cmd, sizeof cmd, "pdftotext '%s/profielen/BU99990603.pdf' -", dir);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    wd_test_assert_contains(out, "Kleine buurt: cijfers zijn indicatief");
    wd_test_assert_contains(out, "geen gegevens");
    wd_test_assert_contains(out, "Inwoners: 35");
    assert_null(strstr(out, "0,0%"));
    wd_test_assert_contains(out, "Deze buurt wordt niet gerangschikt: er wonen te weinig");
    assert_null(strstr(out, "Rang "));
    free(out);
    snprintf(cmd, sizeof cmd, "pdftotext -raw '%s/profielen/BU99990305.pdf' -", dir);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    wd_test_assert_contains(out, "gewijzigde grens");
    wd_test_assert_contains(out, "in 2020 gewijzigd");
    free(out);
}

/* The profile's opgaven are those the store gives for the same ranking, in its order: the
 * most need first, three at most; a small buurt is not ranked; a wijk shows none. */
static void fill_copies_top_opgaven(void **state)
{
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/wijkdata.db", dir);
    wd_error err = {0};
    wd_store *store = NULL;
    wd_indicator_set *set = NULL;
    wd_dataset *ds = NULL;
    wd_results *res = NULL;
    wd_opgave_set *opg = NULL;
    wd_ranking *rk = NULL;
    assert_int_equal(wd_store_open(&store, path, 0, &err), 0);
    assert_int_equal(wd_indicators_load(&set, NULL, NULL, &err), 0);
    assert_int_equal(wd_dataset_load(&ds, store, "GM9999", set, &err), 0);
    assert_int_equal(wd_compute(&res, ds, set, NULL, &err), 0);
    assert_int_equal(wd_opgaven_load(&opg, set, NULL, &err), 0);
    wd_rank_options opt = {WD_RANK_DEFAULT_DRAWS, WD_RANK_DEFAULT_SEED, set->balance.min_population,
                           0};
    assert_int_equal(wd_rank(&rk, res, opg, &opt, &err), 0);
    assert_int_equal(wd_rank_save(rk, store, &err), 0);
    wd_profile *p = malloc(sizeof *p);
    assert_non_null(p);

    const char *buurten[] = {"BU99990101", "BU99990305"};
    for (size_t b = 0; b < 2; b++) {
        wd_rank_row rows[8];
        size_t n = 0;
        assert_int_equal(wd_rank_top(rows, 8, &n, store, buurten[b], &err), 0);
        assert_true(n > WD_PROFILE_MAX_OPGAVEN);
        int r = wd_dataset_region(ds, buurten[b]);
        assert_int_equal(wd_profile_fill(p, res, rk, NULL, (size_t)r, -1, 1, "vandaag", &err), 0);
        assert_true(p->opgaven.shown);
        assert_int_equal(p->opgaven.year, rows[0].year);
        assert_int_equal(p->opgaven.draws, WD_RANK_DEFAULT_DRAWS);
        assert_int_equal(p->opgaven.n, WD_PROFILE_MAX_OPGAVEN);
        for (int k = 0; k < p->opgaven.n; k++) {
            const wd_profile_opgave *o = &p->opgaven.items[k];
            assert_string_equal(o->title, opg->items[wd_opgaven_find(opg, rows[k].opgave)].title);
            assert_string_equal(o->tier, rows[k].tier);
            assert_int_equal(o->rank_median, rows[k].rank_median);
            assert_int_equal(o->rank_lo, rows[k].rank_lo);
            assert_int_equal(o->rank_hi, rows[k].rank_hi);
            assert_int_equal(o->n_ranked, rows[k].n_ranked);
            assert_true(o->rank_lo <= o->rank_median && o->rank_median <= o->rank_hi);
        }
        /* Most need first: no opgave left out ranks the buurt higher than the last shown. */
        const wd_profile_opgave *last = &p->opgaven.items[p->opgaven.n - 1];
        for (size_t k = WD_PROFILE_MAX_OPGAVEN; k < n; k++)
            assert_true((double)rows[k].rank_median / rows[k].n_ranked >=
                        (double)last->rank_median / last->n_ranked);
        assert_string_equal(p->opgaven.not_ranked, "");
    }
    /* 35 inhabitants: a sentence, no ranks. */
    int small = wd_dataset_region(ds, "BU99990603");
    assert_int_equal(wd_profile_fill(p, res, rk, NULL, (size_t)small, -1, 1, "vandaag", &err), 0);
    assert_true(p->opgaven.shown);
    assert_int_equal(p->opgaven.n, 0);
    assert_non_null(strstr(p->opgaven.not_ranked, "niet gerangschikt: er wonen te weinig"));
    int buurt = wd_dataset_region(ds, "BU99990101");
    assert_int_equal(wd_profile_fill(p, res, NULL, NULL, (size_t)buurt, -1, 1, "vandaag", &err), 0);
    assert_false(p->opgaven.shown);
    assert_int_equal(p->rankings.n, 0);

    /* A wijk or gemeente lists per opgave its ranked buurten with the most need: the lowest
     * median ranks of the ranking, in order, and no buurt outside it. */
    const char *areas[] = {"WK999901", "GM9999"};
    for (size_t a = 0; a < 2; a++) {
        int r = wd_dataset_region(ds, areas[a]);
        assert_int_equal(wd_profile_fill(p, res, rk, NULL, (size_t)r, -1, 1, "vandaag", &err), 0);
        assert_false(p->opgaven.shown);
        assert_int_equal(p->rankings.n, (int)opg->n);
        assert_int_equal(p->rankings.draws, WD_RANK_DEFAULT_DRAWS);
        for (size_t o = 0; o < opg->n; o++) {
            const wd_profile_ranking *it = &p->rankings.items[o];
            assert_string_equal(it->title, opg->items[o].title);
            assert_int_equal(it->n, WD_PROFILE_RANKED_ROWS);
            /* The k-th smallest median rank among the area's ranked buurten, counted here. */
            for (int k = 0; k < it->n; k++) {
                int below = 0, found = 0;
                for (size_t b = 0; b < ds->n_regions; b++) {
                    const wd_rank_entry *e = &rk->entry[wd_rank_cell(rk, b, o)];
                    int inside = a == 0 ? ds->parent[b] == r : ds->gemeente[b] == r;
                    if (!inside || e->status != WD_RANK_RANKED) continue;
                    below += e->rank_median < it->median[k];
                    if (strcmp(ds->regions[b].name, it->name[k]) == 0) {
                        found = 1;
                        assert_int_equal(e->rank_median, it->median[k]);
                        assert_int_equal(e->rank_lo, it->lo[k]);
                        assert_int_equal(e->rank_hi, it->hi[k]);
                    }
                }
                assert_true(found);
                assert_true(below <= k);
                if (k > 0) assert_true(it->median[k - 1] <= it->median[k]);
            }
        }
    }

    free(p);
    wd_rank_free(rk);
    wd_opgaven_free(opg);
    wd_results_free(res);
    wd_dataset_free(ds);
    wd_indicators_free(set);
    wd_store_close(store);
}

static void profile_png_and_svg_pages(void **state)
{
    (void)state;
    char *out, path[600];
    assert_int_equal(
        wd_test_cli(dir, "profile BU99990305 --format png --pagina 5 -o kaart.png", &out), 0);
    wd_test_assert_contains(out, "kaart.png");
    free(out);
    size_t len = 0;
    snprintf(path, sizeof path, "%s/kaart.png", dir);
    char *png = wd_test_read_file(path, &len);
    assert_non_null(png);
    assert_true(len > 20000);
    assert_memory_equal(png, "\x89PNG", 4);
    /* 150 dpi A4: 1241 x 1754 pixels in the IHDR chunk. */
    const unsigned char *u = (const unsigned char *)png;
    assert_int_equal((u[16] << 24) | (u[17] << 16) | (u[18] << 8) | u[19], 1241);
    assert_int_equal((u[20] << 24) | (u[21] << 16) | (u[22] << 8) | u[23], 1754);
    free(png);
    assert_int_equal(wd_test_cli(dir, "profile WK999903 --format svg --pagina 3", &out), 0);
    free(out);
    snprintf(path, sizeof path, "%s/WK999903.svg", dir);
    char *svg = wd_test_read_file(path, NULL);
    assert_non_null(svg);
    wd_test_assert_contains(svg, "<svg");
    wd_test_assert_contains(svg, "595.276");
    free(svg);
    /* Usage errors: a page that does not exist, --pagina with PDF, an unknown format. */
    assert_int_equal(wd_test_cli(dir, "profile BU99990305 --format png --pagina 9", &out), 2);
    wd_test_assert_contains(out, "pagina 9 bestaat niet");
    free(out);
    assert_int_equal(wd_test_cli(dir, "profile BU99990305 --pagina 2", &out), 2);
    wd_test_assert_contains(out, "--pagina");
    free(out);
    assert_int_equal(wd_test_cli(dir, "profile BU99990305 --format gif", &out), 2);
    wd_test_assert_contains(out, "gif");
    free(out);
    snprintf(path, sizeof path, "%s/BU99990305.png", dir);
    assert_null(wd_test_read_file(path, NULL));
}

static void profile_errors(void **state)
{
    (void)state;
    char *out, cmd[1024];
    assert_int_equal(wd_test_cli(dir, "profile BU12345678 -o x.pdf", &out), 1);
    wd_test_assert_contains(out, "onbekende regiocode 'BU12345678'");
    free(out);
    assert_int_equal(wd_test_cli(dir, "profile BU99990101 -o /geen/map/x.pdf", &out), 1);
    wd_test_assert_contains(out, "/geen/map/x.pdf");
    free(out);
    assert_int_equal(wd_test_cli(dir, "profile BU99990101 --store elders.db", &out), 1);
    wd_test_assert_contains(out, "elders.db");
    free(out);
    snprintf(cmd, sizeof cmd, "printf 'geen database' > '%s/kapot.db'", dir);
    wd_test_run(cmd, NULL);
    assert_int_equal(wd_test_cli(dir, "regions --store kapot.db", &out), 1);
    wd_test_assert_contains(out, "kapot.db");
    free(out);
    snprintf(cmd, sizeof cmd, "ls '%s'", dir);
    wd_test_run(cmd, &out);
    assert_null(strstr(out, ".tmp."));
    free(out);
}

static void indicators_and_regions(void **state)
{
    (void)state;
    char *out;
    assert_int_equal(wd_test_cli(dir, "indicators --gemeente GM9999 --level buurt", &out), 0);
    wd_test_assert_contains(out, "regiocode,regionaam,niveau,jaar,indicator,waarde,vlaggen");
    wd_test_assert_contains(out, "BU99990101,");
    wd_test_assert_contains(out, ",draagkracht_index,");
    wd_test_assert_contains(out, "modelschatting");
    assert_null(strstr(out, "WK999901,"));
    free(out);
    /* The demo's country has a constant bijstand figure: no trend p-value, and the class says
     * that it could not be tested (not p = 1, "geen duidelijke trend"). */
    assert_int_equal(wd_test_cli(dir, "indicators --gemeente GM9999 --level alle", &out), 0);
    wd_test_assert_contains(out,
                            "\nNL00,Nederland,Nederland,2024,bijstand_per_1000,25,,,,25,,0,0,0,,9,"
                            "niet te toetsen: steeds gelijk,,0,");
    free(out);
    assert_int_equal(wd_test_cli(dir, "indicators --level gemeente --out ind.csv", &out), 0);
    free(out);
    char path[600];
    snprintf(path, sizeof path, "%s/ind.csv", dir);
    char *csv = wd_test_read_file(path, NULL);
    wd_test_assert_contains(csv, "GM9999,Voorbeeldstad,gemeente,2024,aandeel_65plus,");
    free(csv);
    assert_int_equal(wd_test_cli(dir, "regions --gemeente GM9999 --level wijk", &out), 0);
    wd_test_assert_contains(out, "WK999901");
    assert_null(strstr(out, "BU99990101"));
    free(out);
}

/* Parse JSON output; fails the test when it is not JSON. */
static json_t *parse(const char *text)
{
    json_error_t je;
    json_t *root = text ? json_loads(text, 0, &je) : NULL;
    if (!root) {
        print_error("not JSON (line %d: %s):\n%.400s\n", je.line, je.text, text ? text : "");
        fail();
    }
    return root;
}

static void indicators_as_json(void **state)
{
    (void)state;
    char *out;
    assert_int_equal(
        wd_test_cli(dir, "indicators --gemeente GM9999 --level buurt --format json", &out), 0);
    json_t *root = parse(out);
    json_t *defs = json_object_get(root, "indicatoren"), *regions = json_object_get(root, "regios");
    assert_true(json_array_size(defs) >= 30);
    assert_string_equal(json_string_value(json_object_get(json_array_get(defs, 0), "aggregatie")),
                        "optellen");
    assert_true(json_array_size(regions) >= 40);
    json_t *b = json_array_get(regions, 0);
    assert_string_equal(json_string_value(json_object_get(b, "niveau")), "buurt");
    json_t *a = json_object_get(json_object_get(b, "indicatoren"), "aandeel_65plus");
    assert_true(json_is_number(json_object_get(a, "waarde")));
    assert_true(json_is_number(json_object_get(a, "waarde_wijk")));
    assert_true(json_is_number(json_object_get(a, "waarde_gemeente")));
    assert_true(json_is_number(json_object_get(a, "waarde_nl")));
    assert_true(json_is_number(json_object_get(a, "score_z")));
    json_t *t = json_object_get(a, "trend");
    assert_true(json_array_size(json_object_get(t, "ci95")) == 2);
    assert_true(json_integer_value(json_object_get(t, "punten")) >= 3);
    /* The tiny buurt: missing values are null with a flag, never 0. */
    size_t i;
    json_t *r;
    int seen = 0;
    json_array_foreach(regions, i, r)
    {
        if (strcmp(json_string_value(json_object_get(r, "regiocode")), "BU99990107") != 0) continue;
        json_t *e = json_object_get(json_object_get(r, "indicatoren"), "ernstig_eenzaam");
        assert_true(json_is_null(json_object_get(e, "waarde")));
        assert_non_null(strstr(json_string_value(json_object_get(e, "vlaggen")), "ontbreekt"));
        seen = 1;
    }
    assert_true(seen);
    json_decref(root);
    free(out);
    /* The CSV has the same new columns. */
    assert_int_equal(wd_test_cli(dir, "indicators --gemeente GM9999 --format csv", &out), 0);
    wd_test_assert_contains(out, ",vlaggen,waarde_wijk,waarde_gemeente,waarde_nl,score_z,trend_");
    free(out);
    assert_int_equal(wd_test_cli(dir, "indicators --format xml", &out), 2);
    wd_test_assert_contains(out, "onbekend formaat 'xml'");
    free(out);
}

static void rank_on_demo(void **state)
{
    (void)state;
    char *out, *again;
    const char *args = "rank --gemeente GM9999 --trekkingen 100 --seed 7";
    assert_int_equal(wd_test_cli(dir, args, &out), 0);
    wd_test_assert_contains(out, "regiocode,regionaam,wijkcode,gemeentecode,jaar,opgave,score,"
                                 "aandeel_gewicht,rang,rang_mediaan,rang_p5,rang_p95");
    wd_test_assert_contains(out, ",vitaal_ouder_worden,");
    wd_test_assert_contains(out, ",bestaanszekerheid,");
    wd_test_assert_contains(out, "hoge prioriteit");
    wd_test_assert_contains(out, "lage prioriteit");
    /* Jachthaven has 25 inhabitants: listed, never ranked. */
    wd_test_assert_contains(
        out, "BU99990107,Jachthaven,WK999901,GM9999,2024,vitaal_ouder_worden,,0,,,,,,,,");
    wd_test_assert_contains(out, "\"te weinig inwoners, niet gerangschikt\"");
    /* Same seed, same bytes. */
    assert_int_equal(wd_test_cli(dir, args, &again), 0);
    assert_string_equal(out, again);
    free(out);
    free(again);

    assert_int_equal(wd_test_cli(dir,
                                 "rank --gemeente GM9999 --opgave eenzaamheid_en_meedoen "
                                 "--trekkingen 50 --format json --out rank.json",
                                 &out),
                     0);
    free(out);
    char path[600];
    snprintf(path, sizeof path, "%s/rank.json", dir);
    char *text = wd_test_read_file(path, NULL);
    json_t *root = parse(text);
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(root, "methode"), "trekkingen")), 50);
    json_t *list = json_object_get(root, "rangschikkingen");
    assert_int_equal(json_array_size(list), 1);
    json_t *buurten = json_object_get(json_array_get(list, 0), "buurten");
    assert_true(json_array_size(buurten) >= 38);
    size_t i;
    json_t *b;
    json_array_foreach(buurten, i, b)
    {
        json_t *rank = json_object_get(b, "rang");
        if (json_is_null(rank)) continue;
        /* Listed in rank order, each inside its own interval. */
        assert_int_equal(json_integer_value(rank), (json_int_t)i + 1);
        json_int_t lo = json_integer_value(json_object_get(b, "rang_p5"));
        json_int_t med = json_integer_value(json_object_get(b, "rang_mediaan"));
        json_int_t hi = json_integer_value(json_object_get(b, "rang_p95"));
        assert_true(1 <= lo && lo <= med && med <= hi);
    }
    json_decref(root);
    free(text);

    /* Stored, so that a profile can show the top opgaven of a buurt. */
    char db[600];
    snprintf(db, sizeof db, "%s/wijkdata.db", dir);
    wd_store *store;
    wd_error err = {0};
    wd_rank_row rows[8];
    size_t n;
    assert_int_equal(wd_store_open(&store, db, 0, &err), 0);
    assert_int_equal(wd_rank_top(rows, 8, &n, store, "BU99990101", &err), 0);
    assert_int_equal(n, 6);
    assert_true(rows[0].rank_lo <= rows[0].rank_median && rows[0].rank_median <= rows[0].rank_hi);
    wd_store_close(store);

    assert_int_equal(wd_test_cli(dir, "rank --gemeente GM9999 --opgave vliegen", &out), 2);
    wd_test_assert_contains(out, "onbekende opgave 'vliegen'");
    wd_test_assert_contains(out, "vitaal_ouder_worden");
    free(out);
    assert_int_equal(wd_test_cli(dir, "rank --trekkingen 0", &out), 2);
    wd_test_assert_contains(out, "--trekkingen");
    free(out);
    assert_int_equal(wd_test_cli(dir, "rank --gemeente GM1234", &out), 1);
    wd_test_assert_contains(out, "GM1234");
    free(out);
}

/* N of the line "N profielen in MAP/ na T s" in a command's output. */
static int profiles_made(const char *out)
{
    const char *at = strstr(out, " profielen in ");
    assert_non_null(at);
    while (at > out && at[-1] >= '0' && at[-1] <= '9')
        at--;
    return atoi(at);
}

/* A country of gemeenten (the scaled-up demo): the same bytes on one thread or three, the
 * header and the country rows once, an error leaves no output file; every profile at once. */
static void many_gemeenten_on_threads(void **state)
{
    (void)state;
    char *out, *one, *three, path[600];
    assert_int_equal(
        wd_test_cli(dir, "demo --buurten 300 --geen-profielen --out land --store land.db", &out),
        0);
    free(out);
    const char *runs[][2] = {
        {"indicators --store land.db --level alle --threads 1 --out een.csv",
         "indicators --store land.db --level alle --threads 3 --out drie.csv"},
        {"indicators --store land.db --format json --threads 1 --out een.json",
         "indicators --store land.db --format json --threads 3 --out drie.json"},
        {"rank --store land.db --trekkingen 50 --threads 1 --out een.csv",
         "rank --store land.db --trekkingen 50 --threads 3 --out drie.csv"},
    };
    for (size_t k = 0; k < sizeof runs / sizeof *runs; k++) {
        for (int t = 0; t < 2; t++) {
            assert_int_equal(wd_test_cli(dir, runs[k][t], &out), 0);
            free(out);
        }
        const char *ext = k == 1 ? "json" : "csv";
        snprintf(path, sizeof path, "%s/een.%s", dir, ext);
        one = wd_test_read_file(path, NULL);
        snprintf(path, sizeof path, "%s/drie.%s", dir, ext);
        three = wd_test_read_file(path, NULL);
        assert_non_null(one);
        assert_non_null(three);
        assert_string_equal(one, three);
        if (k == 0) {
            /* One header, the country's rows once, and every gemeente. */
            assert_null(strstr(one + 1, "regiocode,"));
            const char *nl = strstr(one, "\nNL00,Nederland,Nederland,2024,aandeel_65plus,");
            assert_non_null(nl);
            assert_null(strstr(nl + 1, "\nNL00,Nederland,Nederland,2024,aandeel_65plus,"));
            wd_test_assert_contains(one, "\nGM9000,");
            wd_test_assert_contains(one, "\nGM9999,");
            /* The store holds the country's results too (saved with the first gemeente). */
            char db[700];
            snprintf(db, sizeof db, "%s/land.db", dir);
            wd_store *store;
            wd_error err = {0};
            sqlite3_stmt *q;
            assert_int_equal(wd_store_open(&store, db, 0, &err), 0);
            sqlite3 *h = wd_test_sqlite(db);
            assert_int_equal(sqlite3_prepare_v2(h,
                                                "SELECT value FROM results WHERE region = 'NL00' "
                                                "AND indicator = 'inwoners'",
                                                -1, &q, NULL),
                             SQLITE_OK);
            assert_int_equal(sqlite3_step(q), SQLITE_ROW);
            assert_true(sqlite3_column_double(q, 0) > 1e6);
            sqlite3_finalize(q);
            sqlite3_close(h);
            wd_store_close(store);
        }
        if (k == 1) json_decref(parse(one));
        if (k == 2) wd_test_assert_contains(one, "\nBU90060101,");
        free(one);
        free(three);
    }
    /* Every gemeente fails on a year without data: a runtime error (exit 1) that says which
     * years there are, no file. */
    assert_int_equal(
        wd_test_cli(dir, "indicators --store land.db --jaar 1990 --threads 2 --out fout.csv", &out),
        1);
    wd_test_assert_contains(out, " voor jaar 1990 (de store heeft buurtgegevens over 2016-2024)");
    free(out);
    snprintf(path, sizeof path, "%s/fout.csv", dir);
    assert_null(wd_test_read_file(path, NULL));
    assert_int_equal(wd_test_cli(dir, "rank --threads 0", &out), 2);
    wd_test_assert_contains(out, "--threads");
    free(out);

    /* Every profile of one gemeente, then of the whole store, gemeenten side by side: the same
     * pages as `profile` makes one at a time. */
    assert_int_equal(
        wd_test_cli(dir, "profiles --store land.db --gemeente GM9001 --out een --threads 1", &out),
        0);
    int n_one = profiles_made(out);
    free(out);
    assert_int_equal(wd_test_cli(dir, "regions --store land.db --gemeente GM9001", &out), 0);
    int lines = 0;
    for (const char *c = out; *c; c++)
        lines += *c == '\n';
    free(out);
    assert_int_equal(n_one, lines); /* the gemeente, its wijken and its buurten */
    assert_int_equal(wd_test_cli(dir, "profiles --store land.db --out alle --threads 3", &out), 0);
    int n_all = profiles_made(out);
    free(out);
    assert_true(n_all > 6 * n_one);
    assert_int_equal(wd_test_cli(dir, "profile BU90010101 --store land.db -o los.pdf", &out), 0);
    free(out);
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "cd '%s' && ls alle | wc -l && pdftotext los.pdf - > los.txt && "
             "pdftotext alle/BU90010101.pdf - | cmp - los.txt && "
             "pdftotext een/BU90010101.pdf - | cmp - los.txt && echo zelfde",
             dir);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    assert_int_equal(atoi(out), n_all);
    wd_test_assert_contains(out, "zelfde");
    free(out);
    /* A folder that cannot be made: exit 1, the path named. */
    assert_int_equal(wd_test_cli(dir, "profiles --store land.db --out los.pdf/x", &out), 1);
    wd_test_assert_contains(out, "los.pdf");
    free(out);
}

static void failing_import_keeps_store(void **state)
{
    (void)state;
    char cmd[2048], *before, *after, *out;
    size_t n0, n1;
    char db[600];
    snprintf(db, sizeof db, "%s/wijkdata.db", dir);
    before = wd_test_read_file(db, &n0);
    /* A StatLine export whose 30th line holds text where a number belongs. */
    snprintf(cmd, sizeof cmd,
             "cd '%s' && head -n 29 profielen/bronnen/statline/nabijheid_2024.csv > kapot.csv && "
             "printf '\"Buurt X\";\"BU99990199\";\"     abc\";\"     1.2\"\\n' >> kapot.csv && "
             "tail -n +30 profielen/bronnen/statline/nabijheid_2024.csv >> kapot.csv",
             dir);
    assert_int_equal(wd_test_run(cmd, NULL), 0);
    assert_int_equal(wd_test_cli(dir, "import kapot.csv --format statline-csv --jaar 2024", &out),
                     1);
    wd_test_assert_contains(out, "kapot.csv");
    wd_test_assert_contains(out, "30");
    free(out);
    after = wd_test_read_file(db, &n1);
    assert_int_equal(n0, n1);
    assert_memory_equal(before, after, n0);
    free(before);
    free(after);
    /* The good file imports. */
    assert_int_equal(wd_test_cli(dir,
                                 "import profielen/bronnen/statline/nabijheid_2024.csv "
                                 "--format statline-csv --jaar 2024",
                                 &out),
                     0);
    wd_test_assert_contains(out, "ingelezen");
    free(out);
    assert_int_equal(wd_test_cli(dir, "import kapot.csv --format xls", &out), 2);
    wd_test_assert_contains(out, "xls");
    free(out);
}

static void sources_listed(void **state)
{
    (void)state;
    char *out;
    /* Offline: the test asks no catalogue on the internet (see tests/cli/test_fetch.c). */
    assert_int_equal(wd_test_cli(dir, "sources --offline --cache sources-cache", &out), 0);
    wd_test_assert_contains(out, "CBS Kerncijfers wijken en buurten (kwb)");
    wd_test_assert_contains(out, "2024 85984NED");
    wd_test_assert_contains(out, "50120NED");
    wd_test_assert_contains(out, "Licentie:   CC0");
    wd_test_assert_contains(out, "Licentie:   CC BY 4.0");
    wd_test_assert_contains(out, "Vermelding: Bron: RIVM/CBS");
    wd_test_assert_contains(out, "--format leefbaarometer-zip");
    free(out);
    assert_int_equal(wd_test_cli(dir, "sources extra", &out), 2);
    wd_test_assert_contains(out, "onverwacht argument 'extra'");
    free(out);
}

#define LOCAL WD_TEST_DATA "/fetchers/local/"
#define LBM WD_TEST_DATA "/fetchers/mirror/leefbaarometer/"

/* Import into a fresh store nieuw.db: CSV and JSON with a mapping, the Leefbaarometer zip,
 * a CBS OData v4 folder. */
static void import_new_formats(void **state)
{
    (void)state;
    char *out, args[8192];
    assert_int_equal(wd_test_cli(dir,
                                 "import '" LOCAL "peiling_2025.csv' --format csv --mapping '" LOCAL
                                 "peiling_2025.mapping.json' --store nieuw.db",
                                 &out),
                     0);
    wd_test_assert_contains(out, "12 waarnemingen, 4 regio's");
    free(out);
    assert_int_equal(wd_test_cli(dir,
                                 "import '" LOCAL "peiling.json' --format json --mapping '" LOCAL
                                 "peiling.mapping.json' --store nieuw.db",
                                 &out),
                     0);
    wd_test_assert_contains(out, "9 waarnemingen");
    free(out);
    assert_int_equal(wd_test_cli(dir, "regions --store nieuw.db --level buurt", &out), 0);
    wd_test_assert_contains(out, "Molenbuurt; oost");
    free(out);

    char zip[1024];
    snprintf(zip, sizeof zip, "%s/lbm.zip", dir);
    const char *names[] = {"Leefbaarometer-scores buurten 2002-2024.csv",
                           "Leefbaarometer-scores wijken 2002-2024.csv"};
    const char *srcs[] = {LBM "Leefbaarometer-scores buurten 2002-2024.csv",
                          LBM "Leefbaarometer-scores wijken 2002-2024.csv"};
    const char *texts[] = {NULL, NULL};
    assert_int_equal(wd_test_zip_write(zip, 2, names, srcs, texts), 0);
    assert_int_equal(
        wd_test_cli(dir, "import lbm.zip --format leefbaarometer-zip --store nieuw.db", &out), 0);
    wd_test_assert_contains(out, "ingelezen uit lbm.zip");
    free(out);

    wd_test_mirror m;
    assert_int_equal(wd_test_mirror_make(&m), 0);
    snprintf(args, sizeof args,
             "import '%s/datasets.cbs.nl/odata/v1/CBS/85984NED' --format cbs-v4 --store nieuw.db",
             m.dir);
    assert_int_equal(wd_test_cli(dir, args, &out), 0);
    wd_test_assert_contains(out, "T001036: Aantal inwoners (aantal)");
    wd_test_assert_contains(out, "13 waarnemingen");
    free(out);
    wd_test_mirror_free(&m);

    /* Usage errors: a mapping is needed for csv/json and only there. */
    assert_int_equal(wd_test_cli(dir, "import '" LOCAL "peiling.json' --format json", &out), 2);
    wd_test_assert_contains(out, "--format json vereist --mapping");
    free(out);
    assert_int_equal(wd_test_cli(dir,
                                 "import lbm.zip --format leefbaarometer-zip --mapping '" LOCAL
                                 "peiling.mapping.json'",
                                 &out),
                     2);
    free(out);
}

/* import https://... reads the configuration fetch reads: with the loopback server's
 * certificate as ca_bundle of a --config file it imports the CSV; without it the certificate
 * is not trusted; a redirect to plain http is refused. Each refusal creates no store. */
static void import_over_https_uses_the_configuration(void **state)
{
    (void)state;
    wd_test_tls tls;
    const char *routes[] = {"--file",     "/peiling.csv", LOCAL "peiling_2025.csv",
                            "--redirect", "/down",        "http://127.0.0.1:9/peiling.csv",
                            NULL};
    assert_int_equal(wd_test_tls_start(&tls, routes), 0);
    char cfg[4300], text[4300], args[8192], *out;
    snprintf(cfg, sizeof cfg, "%s/tls.config", dir);
    snprintf(text, sizeof text, "ca_bundle = %s\nhttp_retries = 0\n", tls.ca);
    assert_int_equal(wd_test_write_file(cfg, text, strlen(text)), 0);
    const char *mapping = " --format csv --mapping '" LOCAL "peiling_2025.mapping.json'";

    snprintf(args, sizeof args, "import %s/peiling.csv%s --config tls.config --store https.db",
             tls.base, mapping);
    assert_int_equal(wd_test_cli(dir, args, &out), 0);
    wd_test_assert_contains(out, "12 waarnemingen, 4 regio's");
    free(out);

    snprintf(args, sizeof args, "import %s/peiling.csv%s --config /dev/null --store geweigerd.db",
             tls.base, mapping);
    assert_int_equal(wd_test_cli(dir, args, &out), 1);
    wd_test_assert_contains(out, "TLS-certificaat van de server niet vertrouwd");
    free(out);
    snprintf(args, sizeof args, "import %s/down%s --config tls.config --store geweigerd.db",
             tls.base, mapping);
    assert_int_equal(wd_test_cli(dir, args, &out), 1);
    wd_test_assert_contains(out, "doorverwijzing geweigerd: https blijft https");
    free(out);
    snprintf(text, sizeof text, "%s/geweigerd.db", dir);
    assert_int_equal(access(text, F_OK), -1);
    wd_test_tls_stop(&tls);
}

/* Every failing import of a new format leaves the demo store byte for byte as it was. */
/* The exact mantelzorgpotentieel P(50-74)/P(85+) where an own age table is imported (here a
 * gemeente's BRP figures for two buurten): 412/61 and 380/40; the wijk gets no sum with a
 * hole in it. */
static void exact_ratio_from_own_age_table(void **state)
{
    (void)state;
    char *out;
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "cp '%s/wijkdata.db' '%s/leeftijd.db'", dir, dir);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    free(out);
    assert_int_equal(wd_test_cli(dir,
                                 "import '" LOCAL
                                 "leeftijden_2024.csv' --format csv --mapping '" LOCAL
                                 "leeftijden_2024.mapping.json' --store leeftijd.db",
                                 &out),
                     0);
    wd_test_assert_contains(out, "4 waarnemingen");
    free(out);
    assert_int_equal(
        wd_test_cli(dir, "indicators --store leeftijd.db --gemeente GM9999 --level alle", &out), 0);
    wd_test_assert_contains(out, ",buurt,2024,mantelzorgpotentieel,6.754098361,,");
    wd_test_assert_contains(out, ",buurt,2024,mantelzorgpotentieel,9.5,,");
    wd_test_assert_contains(out, "WK999901,Centrum,wijk,2024,mantelzorgpotentieel,,ontbreekt,");
    free(out);
    /* Without the table the exact ratio is missing, never the proxy under its name. */
    assert_int_equal(wd_test_cli(dir, "indicators --gemeente GM9999", &out), 0);
    wd_test_assert_contains(out, ",buurt,2024,mantelzorgpotentieel,,ontbreekt,");
    free(out);
}

static void failing_new_imports_keep_store(void **state)
{
    (void)state;
    char db[600], cmd[2048], *before, *after, *out;
    size_t n0, n1;
    snprintf(db, sizeof db, "%s/wijkdata.db", dir);
    before = wd_test_read_file(db, &n0);
    assert_non_null(before);
    const char mapping[] = "{\n  \"tabel\": \"t\",\n  \"regio\" \"buurtcode\"\n}\n";
    const char latin1[] = "buurtcode;buurt;deelnemers;gem. cijfer buurt;voelt zich thuis (%)\n"
                          "BU99990101;Oude Haven;112;7,4;81\nBU99990102;Caf\xE9wijk;57;6,9;1\n";
    snprintf(cmd, sizeof cmd, "%s/kapot.mapping.json", dir);
    assert_int_equal(wd_test_write_file(cmd, mapping, sizeof mapping - 1), 0);
    snprintf(cmd, sizeof cmd, "%s/latin1.csv", dir);
    assert_int_equal(wd_test_write_file(cmd, latin1, sizeof latin1 - 1), 0);
    snprintf(cmd, sizeof cmd, "cd '%s' && head -c 300 lbm.zip > half.zip", dir);
    assert_int_equal(wd_test_run(cmd, NULL), 0);
    struct {
        const char *args, *want;
    } cases[] = {
        {"import '" LOCAL "peiling_2025.csv' --format csv --mapping kapot.mapping.json",
         "kapot.mapping.json, regel 3, kolom"},
        {"import latin1.csv --format csv --mapping '" LOCAL "peiling_2025.mapping.json'",
         "latin1.csv:3, kolom 2: ongeldige UTF-8"},
        {"import half.zip --format leefbaarometer-zip", "half.zip: geen geldig zip-archief"},
        {"import '" LOCAL "peiling.json' --format leefbaarometer-zip", "geen geldig zip-archief"},
        {"import '" LOCAL "' --format cbs-v4", "Properties"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        assert_int_equal(wd_test_cli(dir, cases[i].args, &out), 1);
        wd_test_assert_contains(out, cases[i].want);
        free(out);
        after = wd_test_read_file(db, &n1);
        assert_int_equal(n0, n1);
        assert_memory_equal(before, after, n0);
        free(after);
    }
    free(before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(help_and_usage),
        cmocka_unit_test(demo_made_store_and_pdfs),
        cmocka_unit_test(profile_of_one_region),
        cmocka_unit_test(profile_errors),
        cmocka_unit_test(indicators_and_regions),
        cmocka_unit_test(failing_import_keeps_store),
        cmocka_unit_test(sources_listed),
        cmocka_unit_test(import_new_formats),
        cmocka_unit_test(import_over_https_uses_the_configuration),
        cmocka_unit_test(failing_new_imports_keep_store),
        cmocka_unit_test(demo_profiles_complete),
        cmocka_unit_test(profiles_with_missing_data_and_a_break),
        cmocka_unit_test(fill_copies_top_opgaven),
        cmocka_unit_test(profile_png_and_svg_pages),
        cmocka_unit_test(indicators_as_json),
        cmocka_unit_test(rank_on_demo),
        cmocka_unit_test(many_gemeenten_on_threads),
        cmocka_unit_test(exact_ratio_from_own_age_table),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
