/* End-to-end tests of `wijkdata controle`, the QA report: on the demo (Voorbeeldstad: the
 * boundary change of Molenbuurt in 2020, suffixes that move between the KWB years, income
 * that comes a year later) and on stores fetched from the service mirror (tests/mirror/):
 * Utrecht with the PDOK cells that are secret or come in a later delivery, KWB 2025's two
 * deliveries (every suffix moved within 86165NED, WOZ from _36 to _39), and Zoetermeer's
 * redrawn buurten of 2025 (IndelingswijzigingGemeenteWijkBuurt 2 and 3, a buurt without a
 * boundary). As text and as CSV; the usage errors and an unwritable file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "wd_test_service.c"
#include "wd_test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dir;

static int group_setup(void **state)
{
    (void)state;
    int rc = wd_test_cli_demo(&dir, "--geen-profielen");
    char xdg[1200];
    snprintf(xdg, sizeof xdg, "%s/xdg", dir);
    setenv("XDG_CONFIG_HOME", xdg, 1);
    unsetenv("WIJKDATA_CACHE_DIR");
    setenv("WIJKDATA_HTTP_BACKOFF_MS", "20", 1);
    return rc;
}

static int group_teardown(void **state)
{
    (void)state;
    wd_test_dir_free(&dir);
    return 0;
}

static char *run_ok(const char *args)
{
    char *out;
    int rc = wd_test_cli(dir, args, &out);
    if (rc) print_error("wijkdata %s\n%s\n", args, out);
    assert_int_equal(rc, 0);
    return out;
}

static void the_demo(void **state)
{
    (void)state;
    char *out = run_ok("controle --gemeente GM9999");
    wd_test_assert_contains(out, "Controle van de gegevens van Voorbeeldstad (GM9999)\n"
                                 "Store wijkdata.db: 6 wijken en 40 buurten.");
    /* 1: per table; the small buurten have no figures. */
    wd_test_assert_contains(out, "  85984NED (Kerncijfers wijken en buurten 2024): ");
    wd_test_assert_contains(out, "      k_65JaarOfOuder: 2 cellen in 2016: BU99990107 Jachthaven, "
                                 "BU99990603 Bedrijventerrein De Hoek (2 regio's)");
    /* 2: the demo's suffixes move between the years. */
    wd_test_assert_contains(out,
                            "    GemiddeldInkomenPerInwoner: _27 (2016-2017) → _31 (2018-2020) "
                            "→ _30 (2021-2024)\n");
    wd_test_assert_contains(out,
                            "achtervoegsel verschoven binnen een tabel (tussen leveringen): 0");
    /* 3: Molenakker split off Molenbuurt in 2020. */
    wd_test_assert_contains(out,
                            "    BU99990305 Molenbuurt: 2020 (IndelingswijzigingGemeenteWijkBuurt "
                            "= 2)\n    BU99990306 Molenakker: 2020");
    wd_test_assert_contains(out, "buurten zonder grens in de store: 0");
    /* 4: income of 2024 comes a year later; 2023 has it. */
    wd_test_assert_contains(out,
                            "      GemiddeldInkomenPerInwoner: 44 cellen in 2024 (wel in 2023): "
                            "GM9999 Voorbeeldstad, WK999901 Centrum");
    free(out);

    out = run_ok("controle --gemeente GM9999 --format csv --out controle.csv");
    wd_test_assert_contains(out, "controle.csv geschreven");
    free(out);
    char path[1200];
    snprintf(path, sizeof path, "%s/controle.csv", dir);
    char *csv = wd_test_read_file(path, NULL);
    assert_non_null(csv);
    assert_memory_equal(csv, "soort,tabel,regiocode,regionaam,variabele,jaar,reden,toelichting\r\n",
                        66);
    wd_test_assert_contains(csv, "\r\nindelingswijziging,,BU99990305,Molenbuurt,,2020,,"
                                 "2020 (IndelingswijzigingGemeenteWijkBuurt = 2)\r\n");
    wd_test_assert_contains(csv,
                            "\r\nontbreekt terwijl buurjaar wel,85984NED,BU99990101,Oude Haven,"
                            "GemiddeldInkomenPerInwoner,2024,geen gegevens,wel in 2023\r\n");
    wd_test_assert_contains(csv,
                            "\r\nachtervoegsel anders tussen jaren,,,,GemiddeldInkomenPerInwoner,,,"
                            "_27 (2016-2017) → _31 (2018-2020) → _30 (2021-2024)\r\n");
    free(csv);
}

static void usage_and_errors(void **state)
{
    (void)state;
    char *out;
    assert_int_equal(wd_test_cli(dir, "controle", &out), 2);
    wd_test_assert_contains(out, "geef de gemeente met --gemeente GMxxxx");
    free(out);
    assert_int_equal(wd_test_cli(dir, "controle --gemeente GM0000", &out), 1);
    wd_test_assert_contains(out, "onbekende regiocode 'GM0000'");
    free(out);
    assert_int_equal(wd_test_cli(dir, "controle --gemeente WK999901", &out), 2);
    wd_test_assert_contains(out, "WK999901 is geen gemeente");
    free(out);
    assert_int_equal(wd_test_cli(dir, "controle --gemeente GM9999 --format pdf", &out), 2);
    wd_test_assert_contains(out, "onbekend formaat 'pdf' (kies tekst of csv)");
    free(out);
    assert_int_equal(wd_test_cli(dir, "controle --gemeente GM9999 --out geen/map/c.txt", &out), 1);
    wd_test_assert_contains(out, "kan geen/map/c.txt niet schrijven");
    free(out);
}

/* Point the program at the mirror `s` (ODataFeed, PDOK of any year). */
static void point_at(const wd_test_service *s)
{
    char url[256];
    snprintf(url, sizeof url, "%s/opendata.cbs.nl/ODataFeed/odata", s->base);
    setenv("WIJKDATA_CBS_ODATA_URL", url, 1);
    snprintf(url, sizeof url, "%s/dataderden.cbs.nl/ODataFeed/odata", s->base);
    setenv("WIJKDATA_CBS_DATADERDEN_URL", url, 1);
    snprintf(url, sizeof url, "%s/api.pdok.nl/cbs/wijken-en-buurten-{jaar}/ogc/v1", s->base);
    setenv("WIJKDATA_PDOK_URL", url, 1);
}

static void a_store_from_the_mirror(void **state)
{
    (void)state;
    wd_test_service s;
    assert_int_equal(wd_test_service_start(&s, NULL), 0);
    point_at(&s);
    free(run_ok("fetch --gemeente GM0344 --years 2024-2025 --sources kwb,geo --cache c "
                "--store m.db"));
    free(run_ok("fetch --gemeente GM0637 --years 2024-2025 --sources kwb,geo --cache c "
                "--store m.db"));
    wd_test_service_stop(&s);
    wd_test_service_options o = {.delivery_2025 = 2};
    assert_int_equal(wd_test_service_start(&s, &o), 0);
    point_at(&s);
    free(run_ok("fetch --gemeente GM0344 --years 2025 --sources kwb --cache c --store m.db"));
    wd_test_service_stop(&s);

    char *out = run_ok("controle --gemeente GM0344 --store m.db");
    /* PDOK's special values: secret (-99997) and a later delivery (-99995), by table. */
    wd_test_assert_contains(out,
                            "  pdok-wijkenbuurten-2025 (CBS wijk- en buurtkaart 2025 (PDOK)): ");
    wd_test_assert_contains(out, "    geheim: ");
    wd_test_assert_contains(out, "    volgt in een latere levering: ");
    /* Between the years, and between KWB 2025's deliveries (WOZ from _36 to _39). */
    wd_test_assert_contains(out, "achtervoegsel anders tussen de jaren (in de store één reeks): ");
    wd_test_assert_contains(out, "    GemiddeldeWOZWaardeVanWoningen in 86165NED: "
                                 "GemiddeldeWOZWaardeVanWoningen_3");
    assert_null(strstr(out, "achtervoegsel verschoven binnen een tabel (tussen leveringen): 0"));
    free(out);

    out = run_ok("controle --gemeente GM0637 --store m.db");
    wd_test_assert_contains(out,
                            "    BU06370108 Palenstein: 2025 (IndelingswijzigingGemeenteWijkBuurt "
                            "= 2)");
    wd_test_assert_contains(out, "    BU06370102 Stadshart-Oost: 2025 "
                                 "(IndelingswijzigingGemeenteWijkBuurt = 3)");
    /* Meerzicht-Oost of 2024 was split in 2025: PDOK 2025 has no boundary for it. */
    wd_test_assert_contains(out,
                            "buurten zonder grens in de store: 1\n    BU06370201 Meerzicht-Oost\n");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_demo),
        cmocka_unit_test(usage_and_errors),
        cmocka_unit_test(a_store_from_the_mirror),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
