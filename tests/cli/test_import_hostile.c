/* The hostile-input half of the torture suite: every importer that reads a file of a user
 * (statline-csv, csv and json with a mapping, leefbaarometer-csv, pdok-geojson; a saved CBS
 * OData v3 table of the KWB and of RIVM, a saved v4 table and the Leefbaarometer zip) fed region
 * codes that would name a file outside an output folder or play tricks on a terminal (path
 * separators, "..", an escape sequence, U+202E, invalid UTF-8, a NUL byte, an over-long
 * code) and names with invalid UTF-8 or a NUL byte. Each must be refused with exit status 1
 * and a message naming the file and the place (line and column, record or feature), with the
 * code's control characters escaped, and leave the demo store byte for byte as it was. The
 * same file with a good code imports (into a scratch store), so the refusal is the code's. A
 * keyed JSON whose key is no code (lower case) is refused as a JSON of unknown shape. A
 * geometry out of lon/lat is refused as well. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "../fetchers/wd_test_mirror.c"
#include "../fetchers/wd_test_zip.c"
#include "wd_test_util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOCAL WD_TEST_DATA "/fetchers/local/"

WD_TEST_CLI_DEMO_GROUP("--geen-profielen")

/* One importer: the file it reads around a code (%s, twice at most) as printf format, its
 * arguments and where the message names the place. `json` escapes the code as JSON text. */
typedef struct {
    const char *file, *format, *args, *place;
    int json;
} importer;

static const importer importers[] = {
    {"s.csv", "Wijken en buurten;Codering;Perioden;Aantal\n\"Oude Haven\";\"%s\";\"2024\";\"1\"\n",
     "--format statline-csv", "s.csv:2, kolom 2", 0},
    {"p.csv",
     "buurtcode;buurt;deelnemers;gem. cijfer buurt;voelt zich thuis (%%)\n%s;Oude Haven;"
     "112;7,4;81\n",
     "--format csv --mapping '" LOCAL "peiling_2025.mapping.json'", "p.csv:2, kolom 1", 0},
    {"p.json",
     "{\"%s\": {\"buurt\": \"Oude Haven\", \"peiljaar\": 2025, \"deelnemers\": 98, "
     "\"gem. cijfer buurt\": 7.2, \"voelt zich thuis (%%)\": 79}}",
     "--format json --mapping '" LOCAL "peiling.mapping.json'", "p.json", 1},
    {"l.csv",
     "bu_code,bu_naam,jaar,lbm,afw,fys,onv,soc,vrz,won\n%s,Oude Haven,2022,4.2215,0.1192,"
     "0.0131,-0.0472,0.0218,0.1093,0.0222\n",
     "--format leefbaarometer-csv", "l.csv:2, kolom 1", 0},
    {"b.geojson",
     "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": "
     "{\"buurtcode\": \"%s\", \"buurtnaam\": \"Oude Haven\", \"wijkcode\": \"WK999901\", "
     "\"gemeentecode\": \"GM9999\", \"aantalInwoners\": 10}, \"geometry\": null}]}",
     "--format pdok-geojson --jaar 2024", "b.geojson", 1},
};

/* The hostile codes. */
static const struct {
    const char *code;
    size_t len;
    const char *shown; /* how the message shows it ("" when the file is refused before) */
} codes[] = {
    {"BU/../../P", 10, "'BU/../../P'"},
    {"BU../../x", 9, "'BU../../x'"},
    {"BU\x1b[2J0101", 10, "BU\\x1B[2J0101"},
    {"BU9999\xE2\x80\xAE"
     "0101",
     13, "BU9999\\u202E0101"},
    {"BU99\xff\xfe"
     "0101",
     10, ""},
    {"BU99990101\0x", 12, ""},
    {"bu99990101", 10, "'bu99990101'"},
    {"BU9999 0101", 11, "'BU9999 0101'"},
    {"BU999901010", 11, "'BU999901010'"},
};

/* `code` as the file holds it: raw, or as JSON string content (control characters as \u). */
static void as_text(char *dst, size_t cap, const char *code, size_t len, int json)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)code;
         p < (const unsigned char *)code + len && n + 8 < cap; p++) {
        if (json && (*p < 0x20 || *p == '"' || *p == '\\'))
            n += (size_t)snprintf(dst + n, cap - n, "\\u%04x", *p);
        else
            dst[n++] = (char)*p;
    }
    dst[n] = '\0';
}

/* Write importer `im`'s file with `code` (len bytes: may hold a NUL) and run the import. */
static int import(const importer *im, const char *code, size_t len, const char *store, char **out)
{
    char text[2048], body[8192], path[700], args[1400];
    if (memchr(code, '\0', len) && !im->json) {
        /* printf stops at a NUL: the two halves around it. */
        char a[256];
        snprintf(a, sizeof a, "%sX%s", code, code + strlen(code) + 1);
        snprintf(body, sizeof body, im->format, a);
        char *x = strstr(body, a);
        x[strlen(code)] = '\0';
    } else {
        as_text(text, sizeof text, code, len, im->json);
        snprintf(body, sizeof body, im->format, text);
    }
    size_t blen = strlen(body) +
                  (memchr(code, '\0', len) && !im->json ? 1 + strlen(body + strlen(body) + 1) : 0);
    snprintf(path, sizeof path, "%s/%s", dir, im->file);
    assert_int_equal(wd_test_write_file(path, body, blen), 0);
    snprintf(args, sizeof args, "import %s %s%s%s", im->file, im->args, store ? " --store " : "",
             store ? store : "");
    return wd_test_cli(dir, args, out);
}

/* The store at `db` holds exactly the n bytes of `before`. */
static void assert_store_unchanged(const char *db, const char *before, size_t n)
{
    size_t n1;
    char *after = wd_test_read_file(db, &n1);
    assert_non_null(after);
    assert_int_equal(n, n1);
    assert_memory_equal(before, after, n);
    free(after);
}

static void hostile_codes_refused_store_unchanged(void **state)
{
    (void)state;
    char db[600], longcode[400];
    snprintf(db, sizeof db, "%s/wijkdata.db", dir);
    memset(longcode, 0, sizeof longcode);
    memcpy(longcode, "BU", 2);
    memset(longcode + 2, '0', 300);
    size_t n_codes = sizeof codes / sizeof codes[0];
    size_t n0;
    char *before = wd_test_read_file(db, &n0), *out;
    assert_non_null(before);
    for (size_t i = 0; i < sizeof importers / sizeof importers[0]; i++) {
        const importer *im = &importers[i];
        /* The same file with a good code imports: the refusals below are the codes'. */
        assert_int_equal(import(im, "BU99990101", 10, "goed.db", &out), 0);
        free(out);
        for (size_t k = 0; k <= n_codes; k++) {
            const char *code = k < n_codes ? codes[k].code : longcode;
            size_t len = k < n_codes ? codes[k].len : strlen(longcode);
            int rc = import(im, code, len, NULL, &out);
            if (rc != 1 || !strstr(out, im->file) ||
                (k < n_codes && codes[k].shown[0] && !strstr(out, codes[k].shown) &&
                 !strstr(out, "onbekende vorm")) ||
                strchr(out, '\x1b') || strstr(out, "\xE2\x80\xAE")) {
                print_error("%s, code %zu: exit %d: %s\n", im->file, k, rc, out);
                fail();
            }
            /* The place: line and column in a CSV; in JSON the record or feature (or the
             * parser's line and column for bytes that are no UTF-8). */
            if (!strstr(out, im->place) && !strstr(out, "regel")) {
                print_error("%s, code %zu: place not named: %s\n", im->file, k, out);
                fail();
            }
            free(out);
            assert_store_unchanged(db, before, n0);
        }
    }
    free(before);
}

/* Every `from` in the file at `path` replaced by to[0..len) (which may hold a NUL). */
static void replace_in_file(const char *path, const char *from, const char *to, size_t len)
{
    size_t n, fl = strlen(from), used = 0;
    char *text = wd_test_read_file(path, &n);
    assert_non_null(text);
    char *out = malloc(n * (len + 1) + 1);
    assert_non_null(out);
    for (size_t i = 0; i < n;) {
        if (i + fl <= n && memcmp(text + i, from, fl) == 0) {
            memcpy(out + used, to, len);
            used += len;
            i += fl;
        } else {
            out[used++] = text[i++];
        }
    }
    assert_int_equal(wd_test_write_file(path, out, used), 0);
    free(out);
    free(text);
}

/* The importers of saved tables: a folder of the test mirror whose files are read as they
 * are (JSON or, for the zip, the CSVs zipped), with the code BU99990101 in them. */
typedef struct {
    const char *folder, *args, *named;
    int json; /* the files are JSON: the code goes in as JSON string content */
} saved;

static const saved saved_tables[] = {
    {"opendata.cbs.nl/ODataFeed/odata/85618NED", "--format cbs-v3", "85618NED", 1},
    {"dataderden.cbs.nl/ODataFeed/odata/50120NED", "--format cbs-v3", "50120NED", 1},
    {"datasets.cbs.nl/odata/v1/CBS/85984NED", "--format cbs-v4", "85984NED", 1},
    {"leefbaarometer", "--format leefbaarometer-zip", "lbm.zip", 0},
};

/* A fresh copy of the mirror with `code` (len bytes) for BU99990101 in `t`'s folder, and the
 * import of it into `store` (NULL: the demo store). */
static int import_saved(const saved *t, const char *code, size_t len, const char *store, char **out)
{
    wd_test_mirror m;
    char path[1400], text[2048], args[3000];
    assert_int_equal(wd_test_mirror_make(&m), 0);
    snprintf(path, sizeof path, "%s/%s", m.dir, t->folder);
    DIR *d = opendir(path);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.') {
            char file[1800];
            snprintf(file, sizeof file, "%s/%s", path, e->d_name);
            as_text(text, sizeof text, code, len, t->json);
            replace_in_file(file, "BU99990101", t->json ? text : code,
                            t->json ? strlen(text) : len);
        }
    closedir(d);
    if (!t->json) {
        char zip[1000], a[1800], b[1800];
        snprintf(zip, sizeof zip, "%s/lbm.zip", dir);
        snprintf(a, sizeof a, "%s/Leefbaarometer-scores buurten 2002-2024.csv", path);
        snprintf(b, sizeof b, "%s/Leefbaarometer-scores wijken 2002-2024.csv", path);
        const char *names[] = {"Leefbaarometer-scores buurten 2002-2024.csv",
                               "Leefbaarometer-scores wijken 2002-2024.csv"};
        const char *srcs[] = {a, b}, *texts[] = {NULL, NULL};
        assert_int_equal(wd_test_zip_write(zip, 2, names, srcs, texts), 0);
        snprintf(path, sizeof path, "%s", zip);
    }
    snprintf(args, sizeof args, "import '%s' %s%s%s", path, t->args, store ? " --store " : "",
             store ? store : "");
    int rc = wd_test_cli(dir, args, out);
    wd_test_mirror_free(&m);
    return rc;
}

/* The saved tables with the hostile codes: refused as the files of
 * hostile_codes_refused_store_unchanged are, naming the table's file and the place (record
 * and field, or line), the store byte for byte as it was; the tables as saved import. */
static void hostile_codes_in_saved_tables_refused(void **state)
{
    (void)state;
    char db[600], *out;
    size_t n_codes = sizeof codes / sizeof codes[0], n0;
    snprintf(db, sizeof db, "%s/wijkdata.db", dir);
    char *before = wd_test_read_file(db, &n0);
    assert_non_null(before);
    for (size_t i = 0; i < sizeof saved_tables / sizeof saved_tables[0]; i++) {
        const saved *t = &saved_tables[i];
        assert_int_equal(import_saved(t, "BU99990101", 10, "goed.db", &out), 0);
        free(out);
        for (size_t k = 0; k < n_codes; k++) {
            int rc = import_saved(t, codes[k].code, codes[k].len, NULL, &out);
            if (rc != 1 || !strstr(out, t->named) ||
                (codes[k].shown[0] && !strstr(out, codes[k].shown)) || strchr(out, '\x1b') ||
                strstr(out, "\xE2\x80\xAE") ||
                !(strstr(out, "rij") || strstr(out, "regel") || strstr(out, "kolom"))) {
                print_error("%s, code %zu: exit %d: %s\n", t->named, k, rc, out);
                fail();
            }
            free(out);
            assert_store_unchanged(db, before, n0);
        }
    }
    free(before);
}

/* A name with an escape sequence or U+202E is text a source may give: it is imported, and
 * `regions` shows it with the control characters escaped, never raw. */
static void hostile_names_printed_escaped(void **state)
{
    (void)state;
    static const struct {
        const char *name, *shown;
    } names[] = {{"Oude\x1b[2JHaven", "Oude\\x1B[2JHaven"},
                 {"Oude\xE2\x80\xAEHaven", "Oude\\u202EHaven"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *format = "bu_code,bu_naam,jaar,lbm,afw,fys,onv,soc,vrz,won\n"
                             "BU99990101,%s,2022,4.2,0.1,0.0,-0.0,0.0,0.1,0.0\n";
        char body[512], path[700], *out;
        snprintf(body, sizeof body, format, names[i].name);
        snprintf(path, sizeof path, "%s/naam.csv", dir);
        assert_int_equal(wd_test_write_file(path, body, strlen(body)), 0);
        assert_int_equal(
            wd_test_cli(dir, "import naam.csv --format leefbaarometer-csv --store naam.db", &out),
            0);
        free(out);
        assert_int_equal(wd_test_cli(dir, "regions --store naam.db --level buurt", &out), 0);
        wd_test_assert_contains(out, names[i].shown);
        assert_null(strchr(out, '\x1b'));
        assert_null(strstr(out, "\xE2\x80\xAE"));
        free(out);
    }
}

/* Names: invalid UTF-8 and a NUL byte in a CSV field are refused with line and column, never
 * stored cut ("Oude\0Haven" once became "Oude"). */
static void hostile_names_refused(void **state)
{
    (void)state;
    const char csv[] = "buurtcode;buurt;deelnemers;gem. cijfer buurt;voelt zich thuis (%)\n"
                       "BU99990101;Oude\0Haven;112;7,4;81\n";
    char path[700], *out;
    snprintf(path, sizeof path, "%s/nul.csv", dir);
    assert_int_equal(wd_test_write_file(path, csv, sizeof csv - 1), 0);
    assert_int_equal(wd_test_cli(dir,
                                 "import nul.csv --format csv --mapping '" LOCAL
                                 "peiling_2025.mapping.json' --store namen.db",
                                 &out),
                     1);
    wd_test_assert_contains(out, "nul.csv:2, kolom 2: NUL-byte in het veld");
    free(out);
    const char lbm[] = "bu_code,bu_naam,jaar,lbm,afw,fys,onv,soc,vrz,won\nBU99990101,Oude\xC3"
                       ",2022,4.2,0.1,0.0,-0.0,0.0,0.1,0.0\n";
    snprintf(path, sizeof path, "%s/utf.csv", dir);
    assert_int_equal(wd_test_write_file(path, lbm, sizeof lbm - 1), 0);
    assert_int_equal(
        wd_test_cli(dir, "import utf.csv --format leefbaarometer-csv --store namen.db", &out), 1);
    wd_test_assert_contains(out, "utf.csv:2, kolom 2: ongeldige UTF-8");
    free(out);
}

/* A ring at +-1e308 (which every later map of the gemeente could not draw) is refused at
 * import with the file, the feature and the region, the store byte for byte as it was; the
 * same feature with a ring in the Netherlands imports. */
static void huge_geometry_refused_store_unchanged(void **state)
{
    (void)state;
    const char *doc =
        "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", "
        "\"properties\": {\"buurtcode\": \"BU99990101\", \"buurtnaam\": \"Oude Haven\", "
        "\"wijkcode\": \"WK999901\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": "
        "[[[%s, %s], [5.1, 52.0], [5.1, 52.1], [%s, %s]]]}}]}";
    char body[1024], path[700], db[600], *out;
    size_t n0;
    snprintf(db, sizeof db, "%s/wijkdata.db", dir);
    snprintf(path, sizeof path, "%s/g.geojson", dir);
    char *before = wd_test_read_file(db, &n0);
    assert_non_null(before);
    snprintf(body, sizeof body, doc, "1e308", "-1e308", "1e308", "-1e308");
    assert_int_equal(wd_test_write_file(path, body, strlen(body)), 0);
    assert_int_equal(wd_test_cli(dir, "import g.geojson --format pdok-geojson --jaar 2024", &out),
                     1);
    wd_test_assert_contains(
        out, "g.geojson: feature 1: geometrie van BU99990101: positie 0 ligt buiten lon/lat");
    free(out);
    assert_store_unchanged(db, before, n0);
    free(before);
    snprintf(body, sizeof body, doc, "5.0", "52.0", "5.0", "52.0");
    assert_int_equal(wd_test_write_file(path, body, strlen(body)), 0);
    assert_int_equal(wd_test_cli(dir,
                                 "import g.geojson --format pdok-geojson --jaar 2024 --store "
                                 "geometrie.db",
                                 &out),
                     0);
    wd_test_assert_contains(out, "1 geometrieen ingelezen");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hostile_codes_refused_store_unchanged),
        cmocka_unit_test(hostile_codes_in_saved_tables_refused),
        cmocka_unit_test(hostile_names_printed_escaped),
        cmocka_unit_test(hostile_names_refused),
        cmocka_unit_test(huge_geometry_refused_store_unchanged),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
