/* End-to-end tests of the profiles, rankings and exports of a fetched store: `wijkdata fetch`
 * of Utrecht (GM0344) and Zoetermeer (GM0637) from the service mirror (tests/mirror, started by
 * tests/wd_test_service.c), as a user would, then `profiles`, `profile`, `rank` and
 * `indicators` on that store without --jaar, their pages read back with pdftotext.
 *
 * What they check against the mirror's dump: the health figures of RIVM 50150NED (renamed
 * keys) on the page; Zoetermeer's re-used buurt code and split buurten, whose 2025 area is
 * not RIVM's 2024 one, without RIVM figures and with the sentence saying why; a buurt of
 * unknown population ("inwonertal onbekend", not ranked) against a tiny one ("Kleine buurt");
 * the wording of a figure that follows in a later delivery; the reported year and its
 * errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "wd_test_service.c"
#include "wd_test_util.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *dir;    /* working folder: cache, store, profiles */
static json_t *dump; /* what the mirror serves */
static wd_test_service mirror;

/* Run the program in `dir`; its exit status, its output in *out (caller frees). */
static int run(char **out, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static int run(char **out, const char *fmt, ...)
{
    char args[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    return wd_test_cli(dir, args, out);
}

static int group_setup(void **state)
{
    (void)state;
    dir = wd_test_tmpdir();
    char path[1200], url[256];
    snprintf(path, sizeof path, "%s/dump.json", dir);
    json_error_t je;
    if (wd_test_service_dump(NULL, path) || !(dump = json_load_file(path, 0, &je))) return -1;
    snprintf(path, sizeof path, "%s/xdg", dir);
    setenv("XDG_CONFIG_HOME", path, 1);
    unsetenv("WIJKDATA_CACHE_DIR");
    setenv("WIJKDATA_HTTP_BACKOFF_MS", "20", 1);
    if (wd_test_service_start(&mirror, NULL)) return -1;
    snprintf(url, sizeof url, "%s/opendata.cbs.nl/ODataFeed/odata", mirror.base);
    setenv("WIJKDATA_CBS_ODATA_URL", url, 1);
    snprintf(url, sizeof url, "%s/dataderden.cbs.nl/ODataFeed/odata", mirror.base);
    setenv("WIJKDATA_CBS_DATADERDEN_URL", url, 1);
    snprintf(url, sizeof url, "%s/api.pdok.nl/cbs/wijken-en-buurten-{jaar}/ogc/v1", mirror.base);
    setenv("WIJKDATA_PDOK_URL", url, 1);
    snprintf(url, sizeof url,
             "%s/www.leefbaarometer.nl/resources/open-data-leefbaarometer-meting-2024.zip",
             mirror.base);
    setenv("WIJKDATA_LBM_URL", url, 1);
    /* Both gemeenten into one store, with every source and the default years. */
    const char *gemeenten[] = {"GM0344", "GM0637"};
    for (int k = 0; k < 2; k++) {
        char *out = NULL;
        int rc = run(&out, "fetch --gemeente %s --cache cache --store s.db", gemeenten[k]);
        if (rc) fprintf(stderr, "fetch %s: %s\n", gemeenten[k], out ? out : "");
        free(out);
        if (rc) return -1;
    }
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    wd_test_service_stop(&mirror);
    json_decref(dump);
    wd_test_rmtree(dir);
    free(dir);
    return 0;
}

/* A command that must succeed; its output (caller frees). */
static char *run_ok(const char *args)
{
    char *out = NULL;
    int rc = run(&out, "%s", args);
    if (rc) print_error("wijkdata %s\n%s\n", args, out ? out : "");
    assert_int_equal(rc, 0);
    return out;
}

/* The text of page `page` (1-based; 0: all pages) of dir/pdf, every run of white space one
 * space, so that sentences wrapped over lines read whole. Caller frees. */
static char *page_text(const char *pdf, int page)
{
    char cmd[1400], range[32] = "", *out = NULL;
    if (page > 0) snprintf(range, sizeof range, "-f %d -l %d", page, page);
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 %s '%s/%s' -", range, dir, pdf);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    char *w = out;
    for (const char *r = out; *r; r++) {
        int space = *r == ' ' || *r == '\n' || *r == '\t' || *r == '\f';
        if (space && (w == out || w[-1] == ' ')) continue;
        *w++ = space ? ' ' : *r;
    }
    *w = '\0';
    return out;
}

static void assert_lacks(const char *hay, const char *needle)
{
    if (strstr(hay, needle)) fail_msg("did not expect \"%s\" in:\n%s", needle, hay);
}

/* A cell the mirror serves: table `table`, region, the key whose stem is `stem`, RIVM's
 * period (0 for KWB), Leeftijd and Marges (NULL for KWB). Fails when there is none. */
static json_t *served(const char *table, const char *region, const char *stem, int year,
                      const char *leeftijd, const char *marges)
{
    char period[16];
    snprintf(period, sizeof period, "%dJJ00", year);
    size_t i, j;
    json_t *t, *row;
    json_array_foreach(json_object_get(dump, "cbs"), i, t)
    {
        if (strcmp(json_string_value(json_object_get(t, "table")), table) != 0) continue;
        const char *key = NULL, *k;
        json_t *s;
        json_object_foreach(json_object_get(t, "keys"), k,
                            s) if (strcmp(json_string_value(s), stem) == 0) key = k;
        assert_non_null(key);
        json_array_foreach(json_object_get(t, "rows"), j, row)
        {
            const char *p = json_string_value(json_object_get(row, "period"));
            const char *a = json_string_value(json_object_get(row, "leeftijd"));
            const char *m = json_string_value(json_object_get(row, "marges"));
            if (strcmp(json_string_value(json_object_get(row, "region")), region) != 0 ||
                (leeftijd && (!a || strcmp(a, leeftijd) != 0)) ||
                (marges && (!m || strcmp(m, marges) != 0)) ||
                (year && (!p || strcmp(p, period) != 0)))
                continue;
            return json_object_get(json_object_get(row, "values"), key);
        }
    }
    fail_msg("the mirror serves no %s %s %s %d", table, region, stem, year);
    return NULL;
}

/* The RIVM estimate as page 3 writes it: "36% (30–42%)". */
static void estimate_text(char *buf, size_t cap, const char *region, const char *stem)
{
    long v = (long)json_integer_value(served("50150NED", region, stem, 2024, "20300", "MW00000"));
    long lo = (long)json_integer_value(served("50150NED", region, stem, 2024, "20300", "MOG0095"));
    long hi = (long)json_integer_value(served("50150NED", region, stem, 2024, "20300", "MBG0095"));
    snprintf(buf, cap, "%ld%% (%ld\xe2\x80\x93%ld%%)", v, lo, hi);
}

static int exists(const char *name)
{
    char path[1200];
    struct stat sb;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &sb) == 0 && sb.st_size > 1000;
}

static void profiles_without_jaar(void **state)
{
    (void)state;
    char *out = run_ok("profiles --store s.db --out prof");
    /* Every region of both gemeenten but Nederland: 33 + 33 (Zoetermeer's buurt that 2025
     * split counts, as it has figures up to 2024). */
    wd_test_assert_contains(out, "66 profielen in prof/");
    free(out);
    const char *some[] = {"GM0344",     "WK034401",   "BU03440111", "BU03440331",
                          "GM0637",     "WK063701",   "BU06370102", "BU06370108",
                          "BU06370201", "BU06370207", "BU06370208", "BU06370306"};
    for (size_t k = 0; k < sizeof some / sizeof *some; k++) {
        char name[64];
        snprintf(name, sizeof name, "prof/%s.pdf", some[k]);
        if (!exists(name)) fail_msg("%s is not there", name);
    }
    /* The newest year with buurt figures, never "jaar 0". */
    char *txt = page_text("prof/BU03440111.pdf", 1);
    wd_test_assert_contains(txt, "Cijfers over 2025");
    free(txt);
    txt = page_text("prof/GM0637.pdf", 1);
    wd_test_assert_contains(txt, "Cijfers over 2025");
    char inhabitants[64];
    snprintf(
        inhabitants, sizeof inhabitants, "Inwoners: %d.%03d",
        (int)json_integer_value(served("86165NED", "GM0637", "AantalInwoners", 0, NULL, NULL)) /
            1000,
        (int)json_integer_value(served("86165NED", "GM0637", "AantalInwoners", 0, NULL, NULL)) %
            1000);
    wd_test_assert_contains(txt, inhabitants);
    assert_lacks(txt, "Klein gebied");
    free(txt);
}

/* The health page shows 50150NED's estimates, whose keys that table renamed. */
static void health_figures_of_50150NED(void **state)
{
    (void)state;
    /* The health page: a buurt's third, a wijk's fifth (after its buurten and rankings). */
    const char *buurten[] = {"BU03440111", "BU03440213", "BU06370104", "WK063701"};
    const int page[] = {3, 3, 3, 5};
    for (size_t k = 0; k < sizeof buurten / sizeof *buurten; k++) {
        char pdf[64], want[64];
        snprintf(pdf, sizeof pdf, "prof/%s.pdf", buurten[k]);
        char *txt = page_text(pdf, page[k]);
        wd_test_assert_contains(txt, "Gezondheid en welzijn (RIVM)");
        wd_test_assert_contains(txt, "Gezondheid per wijk en buurt (50150NED)");
        /* Renamed in 50150NED: GoedErvarenGezondheid, SterkEenzaam. */
        estimate_text(want, sizeof want, buurten[k], "GoedErvarenGezondheid");
        wd_test_assert_contains(txt, want);
        estimate_text(want, sizeof want, buurten[k], "SterkEenzaam");
        wd_test_assert_contains(txt, want);
        estimate_text(want, sizeof want, buurten[k], "Mantelzorger");
        wd_test_assert_contains(txt, want);
        wd_test_assert_contains(txt, "modelschatting 2024");
        assert_lacks(txt, "geen gegevens");
        free(txt);
    }
}

/* Zoetermeer 2025: BU06370102 is a re-used code (RIVM's BU06370102 is the old Palenstein),
 * BU06370103 lost part of its area to it, BU06370201 was split into BU06370207 and
 * BU06370208. RIVM's 2024 figures are of other areas: none is shown, and the page says why. */
static void zoetermeer_areas_kept_apart(void **state)
{
    (void)state;
    const char *changed[] = {"BU06370102", "BU06370103"};
    for (int k = 0; k < 2; k++) {
        char pdf[64], served_text[64];
        snprintf(pdf, sizeof pdf, "prof/%s.pdf", changed[k]);
        char *txt = page_text(pdf, 3);
        wd_test_assert_contains(txt, "niet getoond: de buurtgrens is gewijzigd sinds 2024");
        estimate_text(served_text, sizeof served_text, changed[k], "Mantelzorger");
        assert_lacks(txt, served_text);
        assert_lacks(txt, "modelschatting 2024");
        free(txt);
        /* The key figures and the Leefbaarometer of 2024 are left out the same way. */
        txt = page_text(pdf, 1);
        wd_test_assert_contains(txt, "niet getoond: de buurtgrens is gewijzigd sinds 2024");
        assert_lacks(txt, "CBS KWB 2024");
        free(txt);
        txt = page_text(pdf, 4);
        wd_test_assert_contains(
            txt, "Leefbaarometer: niet getoond: de buurtgrens is gewijzigd sinds 2024.");
        free(txt);
    }
    const char *split[] = {"BU06370207", "BU06370208", "BU06370108"};
    for (int k = 0; k < 3; k++) {
        char pdf[64];
        snprintf(pdf, sizeof pdf, "prof/%s.pdf", split[k]);
        char *txt = page_text(pdf, 3);
        wd_test_assert_contains(txt, "geen gegevens: de bron gebruikt de buurtgrenzen van 2024");
        assert_lacks(txt, "modelschatting 2024");
        free(txt);
    }
    /* The wijk kept its area: its RIVM figures stand. */
    char *txt = page_text("prof/WK063701.pdf", 5);
    wd_test_assert_contains(txt, "modelschatting 2024");
    assert_lacks(txt, "niet getoond");
    free(txt);
}

/* A buurt whose population is not known is not ranked and says so; a tiny one is "klein". */
static void unknown_population_and_tiny_buurt(void **state)
{
    (void)state;
    /* BU06370201 has no 2025 figures: the split ended it. */
    char *txt = page_text("prof/BU06370201.pdf", 1);
    wd_test_assert_contains(txt, "Cijfers over 2024");
    wd_test_assert_contains(txt, "Deze buurt wordt niet gerangschikt: ze komt in de indeling van "
                                 "2025 niet meer voor, dus haar inwonertal van dat jaar is "
                                 "onbekend.");
    assert_lacks(txt, "Kleine buurt");
    assert_lacks(txt, "te weinig mensen");
    free(txt);
    free(run_ok("profile BU06370201 --store s.db --jaar 2025 -o mo.pdf"));
    txt = page_text("mo.pdf", 1);
    wd_test_assert_contains(txt, "Inwoners: onbekend");
    wd_test_assert_contains(txt, "Inwonertal onbekend: cijfers zijn indicatief en worden niet "
                                 "gerangschikt");
    assert_lacks(txt, "Kleine buurt");
    free(txt);
    /* Sportpark has 35 inhabitants. */
    txt = page_text("prof/BU06370306.pdf", 1);
    wd_test_assert_contains(txt, "Inwoners: 35 ");
    wd_test_assert_contains(txt,
                            "Kleine buurt: cijfers zijn indicatief en worden niet gerangschikt");
    wd_test_assert_contains(txt, "er wonen te weinig mensen");
    assert_lacks(txt, "Inwonertal onbekend");
    free(txt);
    /* The ranking pages of the gemeente and the wijk name both, each with its reason. */
    txt = page_text("prof/GM0637.pdf", 0);
    wd_test_assert_contains(txt, "Niet gerangschikt: Meerzicht-Oost (inwonertal onbekend), "
                                 "Sportpark (te weinig inwoners).");
    free(txt);
    txt = page_text("prof/WK063702.pdf", 0);
    wd_test_assert_contains(txt, "Niet gerangschikt: Meerzicht-Oost (inwonertal onbekend).");
    free(txt);
    /* And so does `rank`. */
    char *csv = run_ok("rank --store s.db --gemeente GM0637");
    wd_test_assert_contains(csv, "\nBU06370201,Meerzicht-Oost,WK063702,GM0637,2025,"
                                 "vitaal_ouder_worden,,0,,,,,,,,");
    wd_test_assert_contains(csv, ",\"inwonertal onbekend, niet gerangschikt\",\n");
    wd_test_assert_contains(csv, ",\"te weinig inwoners, niet gerangschikt\",35\n");
    /* No other buurt is called small. */
    const char *at = csv;
    int small = 0;
    while ((at = strstr(at + 1, "te weinig inwoners")))
        small++;
    assert_int_equal(small, 6); /* Sportpark, once per opgave */
    free(csv);
}

/* KWB 2025 has no income yet (first delivery); PDOK's map says -99995. */
static void later_delivery_wording(void **state)
{
    (void)state;
    char *txt = page_text("prof/BU06370306.pdf", 1);
    wd_test_assert_contains(txt, "Gemiddeld inkomen per inwoner (x 1.000 euro) volgt in een "
                                 "latere levering");
    free(txt);
    txt = page_text("prof/BU06370104.pdf", 1);
    wd_test_assert_contains(txt, "CBS KWB 2024: 2025 volgt in een latere levering");
    free(txt);
}

static void rank_and_indicators_of_the_store(void **state)
{
    (void)state;
    free(run_ok("rank --store s.db"));
    char *csv = run_ok("indicators --store s.db --gemeente GM0637");
    wd_test_assert_contains(csv, "\nBU06370102,Stadshart-Oost,buurt,2025,mantelzorgers,,"
                                 "ontbreekt;modelschatting;andere_indeling,");
    wd_test_assert_contains(csv, "\nBU06370104,Driemanspolder,buurt,2025,inkomen_per_inwoner,,"
                                 "ontbreekt;volgt_in_latere_levering,");
    free(csv);
    /* 2024: the estimates of 50150NED under their indicators. */
    csv = run_ok("indicators --store s.db --gemeente GM0637 --jaar 2024 --level buurt");
    char want[160];
    snprintf(want, sizeof want,
             "\nBU06370104,Driemanspolder,buurt,2024,goede_gezondheid,%ld,modelschatting,",
             (long)json_integer_value(served("50150NED", "BU06370104", "GoedErvarenGezondheid",
                                             2024, "20300", "MW00000")));
    wd_test_assert_contains(csv, want);
    snprintf(want, sizeof want,
             "\nBU06370104,Driemanspolder,buurt,2024,ernstig_eenzaam,%ld,modelschatting,",
             (long)json_integer_value(
                 served("50150NED", "BU06370104", "SterkEenzaam", 2024, "20300", "MW00000")));
    wd_test_assert_contains(csv, want);
    free(csv);
    free(run_ok("indicators --store s.db --level alle --out alles.csv"));
    assert_true(exists("alles.csv"));
}

/* A year the store has no buurt figures of is a runtime error naming the years; a year that
 * is no year is a mistake in the command. */
static void the_reported_year(void **state)
{
    (void)state;
    char *out = NULL;
    assert_int_equal(run(&out, "profiles --store s.db --gemeente GM0637 --jaar 2030 --out p"), 1);
    wd_test_assert_contains(out, "geen buurtgegevens van GM0637 voor jaar 2030 (de store heeft "
                                 "buurtgegevens over 2016-2025)");
    free(out);
    /* 2012 is a year of RIVM's series, not of KWB's. */
    assert_int_equal(run(&out, "rank --store s.db --jaar 2012"), 1);
    wd_test_assert_contains(out, "voor jaar 2012 (de store heeft buurtgegevens over 2016-2025)");
    free(out);
    assert_int_equal(run(&out, "profile BU06370104 --store s.db --jaar twintig"), 2);
    wd_test_assert_contains(out, "ongeldig jaar 'twintig'");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(profiles_without_jaar),
        cmocka_unit_test(health_figures_of_50150NED),
        cmocka_unit_test(zoetermeer_areas_kept_apart),
        cmocka_unit_test(unknown_population_and_tiny_buurt),
        cmocka_unit_test(later_delivery_wording),
        cmocka_unit_test(rank_and_indicators_of_the_store),
        cmocka_unit_test(the_reported_year),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
