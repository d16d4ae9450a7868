/* End-to-end tests of `wijkdata beraad` and `wijkdata voortgang` on the demo: the template (CSV
 * and XLSX), filled in here as a coordinator would, recorded, and the profile page "Wat bewoners
 * kozen en wat de cijfers zeggen" read back with pdftotext; files with mistakes refused with
 * line and column while the store stays byte for byte as it was; then the demo's second edition
 * (KWB 2025) and the follow-up report: a rise beyond the noise (Oude Haven's care complex), a
 * change within the noise, a model estimate without a newer figure, a redrawn buurt that cannot
 * be compared, and the path since the first beraad after a second one a year later. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "wd_test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

WD_TEST_CLI_DEMO_GROUP("--geen-profielen --out profielen")

/* Run `args` in the demo folder, expect exit `want`; the output (caller frees). */
static char *run(const char *args, int want)
{
    return wd_test_cli_expect(dir, args, want);
}

/* The text of PDF `name` in the test folder, as pdftotext gives it without layout. */
static char *pdf_text(const char *name)
{
    char cmd[1400], *out;
    snprintf(cmd, sizeof cmd, "pdftotext '%s/%s' - | tr '\\n' ' ' | tr -s ' '", dir, name);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    return out;
}

static void write_in(const char *name, const char *text)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(wd_test_write_file(path, text, strlen(text)), 0);
}

/* The template of `region` filled in: date, place, and per opgave (in the template's order)
 * votes, rank, chosen and a note, as given in `rows` ("id;votes;rank;chosen;note" lines). */
static void fill_in(const char *template_name, const char *out_name, const char *date,
                    const char *rows)
{
    char path[1200];
    size_t len;
    snprintf(path, sizeof path, "%s/%s", dir, template_name);
    char *t = wd_test_read_file(path, &len);
    assert_non_null(t);
    char *filled = calloc(1, len + strlen(rows) + 400);
    size_t n = 0;
    for (char *line = strtok(t, "\n"); line; line = strtok(NULL, "\n")) {
        char id[64] = "";
        sscanf(line, "%63[^;]", id);
        if (strcmp(id, "datum") == 0) {
            n += (size_t)sprintf(filled + n, "datum;%s;;;;\r\n", date);
        } else if (strcmp(id, "plaats") == 0) {
            n += (size_t)sprintf(filled + n, "plaats;Buurthuis De Haven;;;;\r\n");
        } else {
            const char *r = strstr(rows, id);
            size_t idl = strlen(id);
            while (r && !(r == rows || r[-1] == '\n') && r[idl] == ';')
                r = strstr(r + 1, id);
            if (r && (r == rows || r[-1] == '\n') && r[idl] == ';') {
                /* "id;title;" then the row's values after its id */
                char *title_end = strchr(strchr(line, ';') + 1, ';');
                const char *vals = r + idl + 1, *end = strchr(vals, '\n');
                n += (size_t)sprintf(filled + n, "%.*s;%.*s\r\n", (int)(title_end - line), line,
                                     (int)(end ? (size_t)(end - vals) : strlen(vals)), vals);
            } else {
                n += (size_t)sprintf(filled + n, "%s\n", line);
            }
        }
    }
    write_in(out_name, filled);
    free(filled);
    free(t);
}

static char *read_store(size_t *n)
{
    char db[1200];
    snprintf(db, sizeof db, "%s/wijkdata.db", dir);
    return wd_test_read_file(db, n);
}

/* `file` (text) is refused by `beraad invoeren` with a message holding `want`, and the store
 * is byte for byte what it was. */
static void refused(const char *text, const char *want)
{
    size_t n0, n1;
    char *before = read_store(&n0);
    write_in("fout.csv", text);
    char *out = run("beraad invoeren fout.csv", 1);
    wd_test_assert_contains(out, want);
    free(out);
    char *after = read_store(&n1);
    assert_int_equal(n0, n1);
    assert_memory_equal(before, after, n0);
    free(before);
    free(after);
}

static void template(void **state)
{
    (void)state;
    char *out = run("beraad sjabloon --gebied BU99990101", 0);
    wd_test_assert_contains(out, "beraad-BU99990101.csv");
    free(out);
    char path[1200];
    size_t len;
    snprintf(path, sizeof path, "%s/beraad-BU99990101.csv", dir);
    char *t = wd_test_read_file(path, &len);
    assert_non_null(t);
    assert_memory_equal(t,
                        "\xef\xbb\xbfgebied;BU99990101;Oude Haven (buurt, gemeente Voorbeeldstad)",
                        strlen("\xef\xbb\xbfgebied;BU99990101;Oude Haven (buurt, gemeente "
                               "Voorbeeldstad)"));
    wd_test_assert_contains(t, "\r\nopgave;titel;stemmen;rang_bewoners;gekozen;klopt_dit\r\n"
                               "vitaal_ouder_worden;Vitaal ouder worden;;;;\r\n");
    wd_test_assert_contains(t, "\r\nbestaanszekerheid;Bestaanszekerheid;;;;\r\n");
    free(t);
    /* The workbook holds the same cells. */
    free(run("beraad sjabloon --gebied WK999901 -o wijk.xlsx", 0));
    char cmd[1400];
    snprintf(cmd, sizeof cmd,
             "cd '%s' && python3 -c \"import zipfile; z = zipfile.ZipFile('wijk.xlsx'); "
             "print(z.read('xl/sharedStrings.xml').decode())\"",
             dir);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    wd_test_assert_contains(out, "rang_bewoners");
    wd_test_assert_contains(out, "WK999901");
    wd_test_assert_contains(out, "Eenzaamheid en meedoen");
    free(out);
    /* Usage: no region, an unknown one. */
    out = run("beraad sjabloon", 2);
    wd_test_assert_contains(out, "--gebied");
    free(out);
    out = run("beraad sjabloon --gebied BU12345678", 1);
    wd_test_assert_contains(out, "BU12345678");
    free(out);
}

/* Residents put bestaanszekerheid first; the figures rank it last of Oude Haven's six. */
static const char oude_haven[] =
    "vitaal_ouder_worden;14;2;ja;Klopt: veel ouderen wonen alleen\n"
    "eenzaamheid_en_meedoen;11;3;ja;\"Meer dan de cijfers zeggen; ook jongeren\"\n"
    "mentaal_welzijn_jongeren;9;4;nee;\n"
    "mentaal_welzijn_volwassenen;4;5;nee;\n"
    "leefstijl;2;6;;\n"
    "bestaanszekerheid;21;1;ja;De huren stijgen\n";

static void bad_files(void **state)
{
    (void)state;
    static const char head[] = "gebied;BU99990101;;;;\n"
                               "datum;2025-03-12;;;;\n"
                               "plaats;Buurthuis;;;;\n"
                               "opgave;titel;stemmen;rang_bewoners;gekozen;klopt_dit\n";
    char text[2000];
    snprintf(text, sizeof text, "%svitaal;;3;1;ja;\n", head);
    refused(text, "fout.csv, regel 5, kolom A (opgave): onbekende opgave 'vitaal'");
    snprintf(text, sizeof text, "%sleefstijl;;drie;1;ja;\n", head);
    refused(text, "fout.csv, regel 5, kolom C (stemmen): 'drie' is geen aantal stemmen");
    snprintf(text, sizeof text, "%sleefstijl;;3;9;ja;\n", head);
    refused(text, "fout.csv, regel 5, kolom D (rang_bewoners): '9' is geen rang");
    snprintf(text, sizeof text, "%sleefstijl;;3;1;misschien;\n", head);
    refused(text, "fout.csv, regel 5, kolom E (gekozen): 'misschien' is geen ja of nee");
    snprintf(text, sizeof text,
             "%sleefstijl;;3;1;ja;\nbestaanszekerheid;;2;2;nee;\nleefstijl;;1;3;nee;\n", head);
    refused(text, "fout.csv, regel 7, kolom A (opgave): opgave 'leefstijl' staat ook op regel 5");
    refused("gebied;BU99990101\ndatum;31-02-2025\nplaats;Buurthuis\n"
            "opgave;stemmen;rang_bewoners;gekozen\nleefstijl;3;1;ja\n",
            "fout.csv, regel 2, kolom B (datum): '31-02-2025' is geen datum");
    refused("gebied;BU99990101\ndatum;2025-03-12\nplaats;Buurthuis\n"
            "opgave;stemmen;rang_bewoners\nleefstijl;3;1\n",
            "fout.csv, regel 4: kolom 'gekozen' ontbreekt in de kopregel");
    refused("gebied;BU99990101\ndatum;2025-03-12\nplaats;Buurthuis\n"
            "opgave;stemmen;rang_bewoners;gekozen;stippen\nleefstijl;3;1;ja;4\n",
            "fout.csv, regel 4, kolom E: onbekende kolom 'stippen'");
    refused("gebied;BU99990101\ndatum;2025-03-12\nplaats;Buurthuis\n"
            "opgave;stemmen;rang_bewoners;gekozen\nleefstijl;3;1;nee\n",
            "fout.csv: geen opgave gekozen");
    refused("gebied;BU99990101\ndatum;2025-03-12\n"
            "opgave;stemmen;rang_bewoners;gekozen\nleefstijl;3;1;ja\n",
            "fout.csv: de regel 'plaats' ontbreekt");
    refused("gebied;BU99990101\ndatum;2025-03-12\nplaats;\"Buurthuis\n"
            "opgave;stemmen;rang_bewoners;gekozen\nleefstijl;3;1;ja\n",
            "fout.csv, regel 3, kolom B: een aanhalingsteken wordt nergens gesloten");
    refused("gebied;BU99990101\ndatum;2025-03-12\nplaats;Caf\xe9 de Hoek\n"
            "opgave;stemmen;rang_bewoners;gekozen\nleefstijl;3;1;ja\n",
            "fout.csv, regel 3: geen geldige UTF-8");
    refused("gebied;BU12345678\ndatum;2025-03-12\nplaats;Buurthuis\n"
            "opgave;stemmen;rang_bewoners;gekozen\nleefstijl;3;1;ja\n",
            "fout.csv, regel 1: ");
    char *out = run("beraad invoeren wijk.xlsx", 2);
    wd_test_assert_contains(out, "sla het op als CSV");
    free(out);
}

static void round_trip(void **state)
{
    (void)state;
    fill_in("beraad-BU99990101.csv", "oude-haven-2025.csv", "12-3-2025", oude_haven);
    char *out = run("beraad invoeren oude-haven-2025.csv", 0);
    wd_test_assert_contains(out, "beraad van BU99990101 op 2025-03-12 vastgelegd: 6 opgaven, 3 "
                                 "gekozen");
    free(out);
    /* Once: the baseline stays as it was frozen. */
    size_t n0, n1;
    char *before = read_store(&n0);
    out = run("beraad invoeren oude-haven-2025.csv", 1);
    wd_test_assert_contains(out, "er staat al een beraad van BU99990101 op 2025-03-12");
    free(out);
    char *after = read_store(&n1);
    assert_int_equal(n0, n1);
    assert_memory_equal(before, after, n0);
    free(before);
    free(after);

    free(run("profile BU99990101 -o oude-haven.pdf", 0));
    out = pdf_text("oude-haven.pdf");
    wd_test_assert_contains(out, "Wat bewoners kozen en wat de cijfers zeggen");
    wd_test_assert_contains(out, "Op 12 maart 2025 kozen bewoners in Buurthuis De Haven");
    wd_test_assert_contains(out, "1. Bestaanszekerheid (21 stemmen) — gekozen");
    wd_test_assert_contains(out, "Volgens de cijfers van 2024");
    wd_test_assert_contains(out, "Bewoners zetten voorop wat de cijfers laag rangschikken: "
                                 "Bestaanszekerheid (bewoners 1, cijfers 6).");
    wd_test_assert_contains(out, "Een opgave die bewoners voorop zetten en die de cijfers laag "
                                 "rangschikken, is een bevinding, geen fout.");
    wd_test_assert_contains(out, "Eens: Vitaal ouder worden (bewoners 2, cijfers 1)");
    wd_test_assert_contains(out, "Eenzaamheid en meedoen: “Meer dan de cijfers zeggen; ook "
                                 "jongeren”");
    free(out);
    /* A buurt without a beraad keeps its six pages. */
    free(run("profile BU99990102 -o zonder.pdf", 0));
    char cmd[1400];
    snprintf(cmd, sizeof cmd,
             "cd '%s' && pdfinfo oude-haven.pdf | grep Pages && pdfinfo "
             "zonder.pdf | grep Pages",
             dir);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    wd_test_assert_contains(out, "Pages:           7\nPages:           6");
    free(out);

    /* Before a newer year there is nothing to compare. */
    free(run("voortgang --gebied BU99990101 -o voor.pdf", 0));
    out = pdf_text("voor.pdf");
    wd_test_assert_contains(out, "19,0% 17,7–20,4 (95%) 650 van 3.420 2024 · 85984NED 19,0% "
                                 "17,7–20,4 (95%) 650 van 3.420 2024 · 85984NED nog geen nieuwer "
                                 "cijfer");
    free(out);
    out = run("voortgang --gebied BU99990103", 1);
    wd_test_assert_contains(out, "geen beraad van BU99990103 in de store");
    free(out);
}

static void follow_up(void **state)
{
    (void)state;
    /* Stationskwartier chooses too, before its boundary is redrawn in 2025. */
    free(run("beraad sjabloon --gebied BU99990102 -o station.csv", 0));
    fill_in("station.csv", "station-2025.csv", "2025-03-19",
            "vitaal_ouder_worden;8;1;ja;\neenzaamheid_en_meedoen;3;2;nee;\n");
    free(run("beraad invoeren station-2025.csv", 0));
    /* A year later: the second edition of the demo, the beraden kept. */
    char *out = run("demo --geen-profielen --tweede-editie --out profielen", 0);
    free(out);
    free(run("voortgang --gebied BU99990101 -o oude-haven-voortgang.pdf", 0));
    out = pdf_text("oude-haven-voortgang.pdf");
    wd_test_assert_contains(out, "Beraad van 12 maart 2025 in Buurthuis De Haven · cijfers toen "
                                 "over 2024, nu over 2025");
    /* 650 of 3,420 to 815 of 3,600: p = 0.03% with the rounding. */
    wd_test_assert_contains(out, "19,0% 17,7–20,4 (95%) 650 van 3.420 2024 · 85984NED 22,6% "
                                 "21,3–24,0 (95%) 815 van 3.600 2025 · 86165NED gestegen, meer "
                                 "dan toeval kans bij toeval: 0,03% (afronding op 5 meegeteld)");
    wd_test_assert_contains(out, "binnen de onzekerheid");
    wd_test_assert_contains(out, "modelschatting, geen meting");
    wd_test_assert_contains(out, "niet te toetsen: geen aantallen of interval");
    wd_test_assert_contains(out, "DEMO");
    free(out);
    free(run("voortgang --gebied BU99990102 -o station-voortgang.pdf", 0));
    out = pdf_text("station-voortgang.pdf");
    wd_test_assert_contains(out, "niet te vergelijken: buurtgrens gewijzigd");
    free(out);
    /* The second beraad, a year after the first: the path since the first. */
    fill_in("beraad-BU99990101.csv", "oude-haven-2026.csv", "2026-03-10", oude_haven);
    free(run("beraad invoeren oude-haven-2026.csv", 0));
    free(run("voortgang --gebied BU99990101 --beraad 2025-03-12 -o pad.pdf", 0));
    out = pdf_text("pad.pdf");
    wd_test_assert_contains(out, "Dit gebied had 2 beraden");
    wd_test_assert_contains(out, "Sinds het eerste beraad: 12 maart 2025: 19,0% (2024) → 10 "
                                 "maart 2026: 22,6% (2025) → nu: 22,6% (2025)");
    free(out);
    out = run("voortgang --gebied BU99990101 --beraad 2024-01-01", 1);
    wd_test_assert_contains(out, "geen beraad van BU99990101 op 2024-01-01 in de store (wel op "
                                 "2025-03-12, 2026-03-10)");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(template),
        cmocka_unit_test(bad_files),
        cmocka_unit_test(round_trip),
        cmocka_unit_test(follow_up),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
