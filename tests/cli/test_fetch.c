/* End-to-end tests of `wijkdata fetch` and `wijkdata sources` against the service mirror
 * (tests/mirror, started by tests/wd_test_service.c): a mirror that behaves like CBS, RIVM,
 * PDOK and the Leefbaarometer as documented, independently of the client. The program is
 * pointed at it through the base-URL environment variables, as a user would point it at a
 * municipal mirror.
 *
 * The central test fetches Utrecht (GM0344) with its wijken and buurten across three KWB
 * years, RIVM's newest table, the Leefbaarometer 2024 zip and PDOK 2025, each at ODataFeed
 * page sizes 1, 3 and 10,000, and compares the store with the mirror's dump of what it serves:
 * every served cell is stored, equal, with its region, year, bounds and flags; every cell the
 * service left empty is missing (never zero); and nothing else is stored. Then: zero
 * observations fail the fetch with the store unchanged, a 2026 table in the catalogue is
 * used, the 2025 deliveries take figures from the right table, each kind of fault is
 * survived or fails cleanly, an interrupted fetch continues from the cache, and the
 * ODataApi's 10,000-cell refusal turns to the feed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/wd_sha256.h"
#include "engine/wd_batch.h"
#include "fetchers/wd_fetch.h"
#include "fetchers/wd_http.h"
#include "fetchers/wd_test_server.c"
#include "wd_test_service.c"
#include "wd_test_util.h"

#include <curl/curl.h>
#include <jansson.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *dir;     /* working folder: caches, stores, dumps */
static json_t *dump1; /* what a mirror with default options serves (KWB 2025 delivery 1) */

static int group_setup(void **state)
{
    (void)state;
    dir = wd_test_tmpdir();
    char path[1200], xdg[1200];
    snprintf(path, sizeof path, "%s/dump1.json", dir);
    if (wd_test_service_dump(NULL, path)) return -1;
    json_error_t je;
    if (!(dump1 = json_load_file(path, 0, &je))) return -1;
    /* Keep a user's own configuration and cache out of the test. */
    snprintf(xdg, sizeof xdg, "%s/xdg", dir);
    setenv("XDG_CONFIG_HOME", xdg, 1);
    unsetenv("WIJKDATA_CACHE_DIR");
    /* Retries as in use (five tries), but 20 ms apart instead of a second, to keep the suite
     * quick. */
    setenv("WIJKDATA_HTTP_BACKOFF_MS", "20", 1);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    json_decref(dump1);
    wd_test_rmtree(dir);
    free(dir);
    return 0;
}

/* Point the program at mirror `s`: CBS through ODataFeed (or ODataApi), PDOK of any year, the
 * Leefbaarometer 2024 zip. */
static void point_at(const wd_test_service *s, const char *cbs_service)
{
    char url[256];
    snprintf(url, sizeof url, "%s/opendata.cbs.nl/%s/odata", s->base, cbs_service);
    setenv("WIJKDATA_CBS_ODATA_URL", url, 1);
    snprintf(url, sizeof url, "%s/dataderden.cbs.nl/%s/odata", s->base, cbs_service);
    setenv("WIJKDATA_CBS_DATADERDEN_URL", url, 1);
    snprintf(url, sizeof url, "%s/api.pdok.nl/cbs/wijken-en-buurten-{jaar}/ogc/v1", s->base);
    setenv("WIJKDATA_PDOK_URL", url, 1);
    snprintf(url, sizeof url,
             "%s/www.leefbaarometer.nl/resources/open-data-leefbaarometer-meting-2024.zip",
             s->base);
    setenv("WIJKDATA_LBM_URL", url, 1);
}

static void start(wd_test_service *s, const wd_test_service_options *o)
{
    assert_int_equal(wd_test_service_start(s, o), 0);
    point_at(s, "ODataFeed");
}

/* Run the program in `dir`; its exit status, its output in *out (caller frees). */
static int run(const char *args, char **out)
{
    return wd_test_cli(dir, args, out);
}

/* Run a command that must succeed, printing its output if it does not. */
static char *run_ok(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
static char *run_ok(const char *fmt, ...)
{
    char args[2048], *out;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    int rc = run(args, &out);
    if (rc) print_error("wijkdata %s\n%s\n", args, out);
    assert_int_equal(rc, 0);
    return out;
}

/* One integer from a query on the store dir/name. */
static long query_long(const char *name, const char *sql)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    sqlite3 *db;
    sqlite3_stmt *st;
    long v = -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) v = (long)sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return v;
}

/* A body read with libcurl. */
typedef struct {
    char *data;
    size_t len;
} body;

static size_t collect(char *p, size_t size, size_t n, void *user)
{
    body *b = user;
    char *grown = realloc(b->data, b->len + size * n + 1);
    if (!grown) return 0;
    memcpy(grown + b->len, p, size * n);
    b->data = grown;
    b->len += size * n;
    b->data[b->len] = '\0';
    return size * n;
}

/* Requests of mirror `s` whose target (percent-decoded) holds `a` and ends in `b`, from the
 * mirror's request log (GET /_mirror/log). */
static int requests_with(const wd_test_service *s, const char *a, const char *b)
{
    char url[128];
    snprintf(url, sizeof url, "%s/_mirror/log", s->base);
    CURL *c = curl_easy_init();
    body log = {0};
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &log);
    assert_int_equal(curl_easy_perform(c), CURLE_OK);
    json_error_t je;
    json_t *list = json_loadb(log.data, log.len, 0, &je), *r;
    assert_non_null(list);
    int n = 0;
    size_t i;
    json_array_foreach(list, i, r)
    {
        const char *t = json_string_value(json_object_get(r, "target"));
        char *decoded = curl_easy_unescape(c, t ? t : "", 0, NULL);
        size_t nd = strlen(decoded), nb = strlen(b);
        n += strstr(decoded, a) && nd >= nb && strcmp(decoded + nd - nb, b) == 0;
        curl_free(decoded);
    }
    json_decref(list);
    curl_easy_cleanup(c);
    free(log.data);
    return n;
}

/* ---- the store against the dump ---------------------------------------------------------- */

/* A comparison in progress: the store, what was compared, what differed. */
typedef struct {
    sqlite3 *db;
    sqlite3_stmt *obs;    /* one observation with its source */
    sqlite3_stmt *region; /* one region */
    long cells;           /* distinct observations expected */
    int bad;              /* differences reported */
} check;

static void check_open(check *c, const char *store)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", dir, store);
    memset(c, 0, sizeof *c);
    assert_int_equal(sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(c->db,
                                        "SELECT o.value, o.lo, o.hi, o.flags, s.table_id, "
                                        "s.indeling FROM observations o JOIN sources s ON s.id = "
                                        "o.source_id WHERE o.region = ?1 AND o.variable = ?2 AND "
                                        "o.subgroup = ?3 AND o.year = ?4",
                                        -1, &c->obs, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(c->db,
                                        "SELECT level, parent, indeling FROM regions WHERE code = "
                                        "?1",
                                        -1, &c->region, NULL),
                     SQLITE_OK);
}

static void check_close(check *c)
{
    sqlite3_finalize(c->obs);
    sqlite3_finalize(c->region);
    sqlite3_close(c->db);
}

/* Report a difference (the first 20 of them in full). */
static void differ(check *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void differ(check *c, const char *fmt, ...)
{
    if (c->bad++ < 20) {
        char msg[512];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        print_error("%s\n", msg);
    }
}

/* What the store holds for one observation. */
typedef struct {
    int found;
    double value, lo, hi; /* NAN for NULL */
    unsigned flags;
    char table[32];
    int indeling;
} stored;

static stored lookup(check *c, const char *region, const char *var, const char *sub, int year)
{
    stored s = {0};
    sqlite3_stmt *q = c->obs;
    sqlite3_reset(q);
    sqlite3_bind_text(q, 1, region, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, var, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 3, sub, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(q, 4, year);
    if (sqlite3_step(q) != SQLITE_ROW) return s;
    s.found = 1;
    double *v[3] = {&s.value, &s.lo, &s.hi};
    for (int k = 0; k < 3; k++)
        *v[k] = sqlite3_column_type(q, k) == SQLITE_NULL ? NAN : sqlite3_column_double(q, k);
    s.flags = (unsigned)sqlite3_column_int(q, 3);
    snprintf(s.table, sizeof s.table, "%s", (const char *)sqlite3_column_text(q, 4));
    s.indeling = sqlite3_column_int(q, 5);
    return s;
}

/* The value and flags a served cell must be stored as: a number as it is, an empty cell (JSON
 * null, "" in a CSV) missing, the special codes of CBS geo products missing for their reason
 * (DOMAIN.md 3.7). */
static void expected_of(double x, int empty, double *value, unsigned *flags)
{
    *flags = 0;
    *value = x;
    if (empty) {
        *value = NAN;
        *flags = WD_FLAG_MISSING;
    } else if (x == -99995) {
        *value = NAN;
        *flags = WD_FLAG_MISSING | WD_FLAG_LATER;
    } else if (x == -99991) {
        *value = NAN;
        *flags = WD_FLAG_MISSING | WD_FLAG_DISCONTINUED;
    } else if (x == -99997) {
        *value = NAN;
        *flags = WD_FLAG_SUPPRESSED | WD_FLAG_SECRET;
    }
}

static int same(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

/* The stored observation (region, var, sub, year) must have `value` (and bounds), `flags` and
 * come from table `table` in indeling `indeling`. */
static void expect(check *c, const char *region, const char *var, const char *sub, int year,
                   double value, double lo, double hi, unsigned flags, const char *table,
                   int indeling)
{
    c->cells++;
    stored s = lookup(c, region, var, sub, year);
    if (!s.found) {
        differ(c, "%s %s %s/%s %d: niet opgeslagen (verwacht %g)", table, region, var, sub, year,
               value);
        return;
    }
    if (!same(s.value, value) || !same(s.lo, lo) || !same(s.hi, hi) || s.flags != flags)
        differ(c, "%s %s %s/%s %d: opgeslagen %g [%g, %g] vlaggen %u, geserveerd %g [%g, %g] %u",
               table, region, var, sub, year, s.value, s.lo, s.hi, s.flags, value, lo, hi, flags);
    if (strcmp(s.table, table) != 0 || s.indeling != indeling)
        differ(c, "%s %s %d: bron %s indeling %d, verwacht %s %d", region, var, year, s.table,
               s.indeling, table, indeling);
}

/* The region must be in the store with the level and parent its code gives. */
static void expect_region(check *c, const char *code, int min_indeling)
{
    sqlite3_stmt *q = c->region;
    sqlite3_reset(q);
    sqlite3_bind_text(q, 1, code, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(q) != SQLITE_ROW) {
        differ(c, "regio %s ontbreekt", code);
        return;
    }
    int level = sqlite3_column_int(q, 0), ind = sqlite3_column_int(q, 2);
    const char *parent = (const char *)sqlite3_column_text(q, 1);
    char want[16] = "";
    if (strncmp(code, "BU", 2) == 0)
        snprintf(want, sizeof want, "WK%.6s", code + 2);
    else if (strncmp(code, "WK", 2) == 0)
        snprintf(want, sizeof want, "GM%.4s", code + 2);
    else if (strncmp(code, "GM", 2) == 0)
        snprintf(want, sizeof want, "NL00");
    if (level != wd_level_of_code(code) || strcmp(parent, want) != 0 || ind < min_indeling)
        differ(c, "regio %s: niveau %d, ouder %s, indeling %d", code, level, parent, ind);
}

/* 1 when a served code (trimmed) is the country or lies in gemeente `gm` ("0344"; NULL: any
 * gemeente). */
static int in_scope(const char *code, const char *gm)
{
    if (strncmp(code, "NL", 2) == 0 || !gm) return 1;
    return (!strncmp(code, "GM", 2) || !strncmp(code, "WK", 2) || !strncmp(code, "BU", 2)) &&
           strncmp(code + 2, gm, 4) == 0;
}

static void trim(char *out, size_t cap, const char *s)
{
    while (*s == ' ')
        s++;
    snprintf(out, cap, "%s", s);
    size_t n = strlen(out);
    while (n && out[n - 1] == ' ')
        out[--n] = '\0';
}

/* The dump's entry of CBS table `id`. */
static json_t *dump_table(json_t *dump, const char *id)
{
    json_t *t;
    size_t i;
    json_array_foreach(json_object_get(dump, "cbs"), i, t)
    {
        if (strcmp(json_string_value(json_object_get(t, "table")), id) == 0) return t;
    }
    return NULL;
}

/* The names the store gives to a stem the KWB tables repeat, by occurrence in DataProperties
 * order: the title of the group that sets it apart (the real tables' groups, which the mirror
 * copies). */
static const char *repeated_name(const char *stem, int occurrence, char *out, size_t cap)
{
    static const char *const energy[] = {"GemiddeldeElektriciteitslevering",
                                         "GemiddeldAardgasverbruik"};
    static const char *const origin[] = {"Herkomstland", "GeborenInNederland",
                                         "GeborenBuitenNederland"};
    static const char *const by_energy[] = {
        "Appartement",       "Tussenwoning", "Hoekwoning", "TweeOnderEenKapWoning",
        "VrijstaandeWoning", "Huurwoning",   "EigenWoning"};
    for (size_t i = 0; i < sizeof by_energy / sizeof *by_energy; i++)
        if (strcmp(stem, by_energy[i]) == 0 && occurrence < 2) {
            snprintf(out, cap, "%s_%s", stem, energy[occurrence]);
            return out;
        }
    if ((!strcmp(stem, "Nederland") || !strcmp(stem, "EuropaExclusiefNederland") ||
         !strcmp(stem, "BuitenEuropa")) &&
        occurrence < 3) {
        snprintf(out, cap, "%s_%s", stem, origin[occurrence]);
        return out;
    }
    return NULL;
}

/* Every cell of the KWB table `id` (KWB: no Marges) or RIVM table in scope of gemeente `gm`
 * (NULL: the whole table). */
static void expect_cbs(check *c, json_t *dump, const char *id, const char *gm, int rivm)
{
    json_t *t = dump_table(dump, id);
    assert_non_null(t);
    json_t *keys = json_object_get(t, "keys");
    int table_year = (int)json_integer_value(json_object_get(t, "year"));
    const char *title = json_string_value(json_object_get(t, "title"));
    const char *ind = strstr(title, "indeling ");
    int indeling = ind ? atoi(ind + 9) : table_year;
    /* How often each stem occurs, and which occurrence each key is. */
    json_t *count = json_object(), *nth = json_object(), *text = json_object();
    const char *key;
    json_t *stem, *v;
    json_object_foreach(keys, key, stem)
    {
        const char *s = json_string_value(stem);
        json_int_t k = json_integer_value(json_object_get(count, s));
        json_object_set_new(nth, key, json_integer(k));
        json_object_set_new(count, s, json_integer(k + 1));
    }
    /* Text fields (names, codes, postcodes) are those served as text in some row, also where
     * a row leaves them empty; the indeling flag is a code served as text, kept as a number. */
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(t, "rows"), i, row)
    {
        json_object_foreach(json_object_get(row, "values"), key, v)
        {
            if (json_is_string(v) && strcmp(json_string_value(json_object_get(keys, key)),
                                            "IndelingswijzigingGemeenteWijkBuurt") != 0)
                json_object_set_new(text, key, json_true());
        }
    }
    json_array_foreach(json_object_get(t, "rows"), i, row)
    {
        const char *region = json_string_value(json_object_get(row, "region"));
        if (!in_scope(region, gm)) continue;
        expect_region(c, region, 0);
        int year = table_year;
        char sub[16] = "";
        int which = 0; /* value, lower or upper bound (RIVM Marges) */
        if (rivm) {
            year = atoi(json_string_value(json_object_get(row, "period")));
            trim(sub, sizeof sub, json_string_value(json_object_get(row, "leeftijd")));
            const char *m = json_string_value(json_object_get(row, "marges"));
            which = !strcmp(m, "MOG0095") ? 1 : !strcmp(m, "MBG0095") ? 2 : 0;
        }
        json_object_foreach(json_object_get(row, "values"), key, v)
        {
            const char *s = json_string_value(json_object_get(keys, key));
            if (json_object_get(text, key)) {
                if (lookup(c, region, s, sub, year).found)
                    differ(c, "%s %s: tekstveld %s opgeslagen", id, region, s);
                continue;
            }
            char name[128];
            const char *var = s;
            if (json_integer_value(json_object_get(count, s)) > 1) {
                var = repeated_name(s, (int)json_integer_value(json_object_get(nth, key)), name,
                                    sizeof name);
                if (!var) {
                    differ(c, "%s: stam %s komt vaker voor; geen verwachte naam", id, s);
                    continue;
                }
            }
            double x = NAN;
            int empty = json_is_null(v);
            if (json_is_string(v)) {
                x = atof(json_string_value(v));
            } else if (!empty) {
                x = json_number_value(v);
            }
            double value;
            unsigned flags;
            expected_of(x, empty, &value, &flags);
            if (!rivm) {
                expect(c, region, var, sub, year, value, NAN, NAN, flags, id, indeling);
                continue;
            }
            /* RIVM: the three Marges rows meet in one observation; counted once, at the
             * value's row, and its bounds checked at theirs. */
            stored st = lookup(c, region, var, sub, year);
            if (which == 0) {
                expect(c, region, var, sub, year, value, st.lo, st.hi, flags | WD_FLAG_MODEL, id,
                       indeling);
            } else if (!st.found || !same(which == 1 ? st.lo : st.hi, empty ? NAN : x)) {
                differ(c, "%s %s %s/%s %d: grens %d opgeslagen %g, geserveerd %g", id, region, var,
                       sub, year, which, which == 1 ? st.lo : st.hi, x);
            }
        }
    }
    json_decref(count);
    json_decref(nth);
    json_decref(text);
}

/* Every numeric property of the PDOK features of `year` in gemeente `gm` (land parts; water
 * parts are no place where people live), and their geometries. */
static void expect_pdok(check *c, json_t *dump, int year, const char *gm)
{
    char table[64];
    size_t i, k;
    json_t *coll, *f;
    json_array_foreach(json_object_get(dump, "pdok"), i, coll)
    {
        if (json_integer_value(json_object_get(coll, "year")) != year) continue;
        const char *name = json_string_value(json_object_get(coll, "collection"));
        const char *field = !strcmp(name, "buurten")  ? "buurtcode"
                            : !strcmp(name, "wijken") ? "wijkcode"
                                                      : "gemeentecode";
        snprintf(table, sizeof table, "pdok-wijkenbuurten-%d", year);
        json_array_foreach(json_object_get(coll, "features"), k, f)
        {
            json_t *props = json_object_get(f, "properties");
            const char *code = json_string_value(json_object_get(props, field));
            const char *water = json_string_value(json_object_get(props, "water"));
            if (!in_scope(code, gm) || (water && !strcmp(water, "JA"))) continue;
            expect_region(c, code, year);
            char sql[200];
            snprintf(sql, sizeof sql, "region = '%s' AND year = %d", code, year);
            const char *key;
            json_t *v;
            json_object_foreach(props, key, v)
            {
                if (json_is_string(v)) continue;
                if (json_is_null(v) && (strstr(key, "code") || strstr(key, "naam"))) continue;
                double value;
                unsigned flags;
                expected_of(json_is_null(v) ? NAN : json_number_value(v), json_is_null(v), &value,
                            &flags);
                expect(c, code, key, "", year, value, NAN, NAN, flags, table, year);
            }
            sqlite3_stmt *q;
            assert_int_equal(sqlite3_prepare_v2(c->db,
                                                "SELECT count(*) FROM geometries WHERE region = "
                                                "?1 AND year = ?2",
                                                -1, &q, NULL),
                             SQLITE_OK);
            sqlite3_bind_text(q, 1, code, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int(q, 2, year);
            if (sqlite3_step(q) != SQLITE_ROW || sqlite3_column_int(q, 0) != 1)
                differ(c, "geen geometrie voor %s %d", code, year);
            sqlite3_finalize(q);
        }
    }
}

/* Every score of the Leefbaarometer zip `zip` for gemeente `gm`: buurten, wijken, gemeenten;
 * afw, where the file has none, is the sum of the five dimensions. */
static void expect_lbm(check *c, json_t *dump, const char *zip, const char *gm)
{
    static const char *const scores[] = {"lbm", "afw", "fys", "onv", "soc", "vrz", "won"};
    size_t i, r;
    json_t *m, *row;
    json_array_foreach(json_object_get(dump, "lbm"), i, m)
    {
        if (strcmp(json_string_value(json_object_get(m, "zip")), zip) != 0) continue;
        const char *member = json_string_value(json_object_get(m, "member"));
        const char *level = strstr(member, "buurten")     ? "buurt"
                            : strstr(member, "wijken")    ? "wijk"
                            : strstr(member, "gemeenten") ? "gemeente"
                                                          : NULL;
        if (!level) continue; /* PC4 and grids are not read */
        char table[32], code_col[16];
        snprintf(table, sizeof table, "lbm3-%s", level);
        snprintf(code_col, sizeof code_col, "%.2s_code",
                 !strcmp(level, "buurt")  ? "bu"
                 : !strcmp(level, "wijk") ? "wk"
                                          : "gm");
        json_array_foreach(json_object_get(m, "rows"), r, row)
        {
            const char *code = json_string_value(json_object_get(row, code_col));
            if (!in_scope(code, gm)) continue;
            int year = (int)json_integer_value(json_object_get(row, "jaar"));
            double value[7], sum = 0;
            unsigned flags[7], sum_flags = 0;
            for (size_t k = 0; k < 7; k++) {
                const char *text = json_string_value(json_object_get(row, scores[k]));
                if (text)
                    expected_of(text[0] ? strtod(text, NULL) : NAN, !text[0], &value[k], &flags[k]);
                if (k > 1) {
                    sum += value[k];
                    sum_flags |= flags[k];
                }
            }
            for (size_t k = 0; k < 7; k++) {
                if (!json_object_get(row, scores[k])) {
                    if (k != 1) continue;
                    value[k] = sum_flags ? NAN : sum;
                    flags[k] = sum_flags;
                }
                expect(c, code, scores[k], "", year, value[k], NAN, NAN, flags[k], table, 0);
            }
        }
    }
}

/* The store holds exactly the expected observations: none left out (checked cell by cell),
 * none added. */
static void expect_nothing_else(check *c)
{
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(c->db, "SELECT count(*) FROM observations", -1, &q, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    long n = (long)sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    if (n != c->cells) differ(c, "%ld waarnemingen opgeslagen, %ld geserveerd", n, c->cells);
}

/* What a fetch of GM0344 read, to compare against the dump. */
enum { UT_RIVM = 1, UT_LBM = 2, UT_GEO = 4 };

/* The fetch of GM0344 in store `store` (KWB tables `kwb`, and the sources `more`) against
 * `dump`: every cell, and nothing else. */
static void expect_utrecht(const char *store, json_t *dump, const char *const *kwb, unsigned more)
{
    check c;
    check_open(&c, store);
    for (size_t i = 0; kwb[i]; i++)
        expect_cbs(&c, dump, kwb[i], "0344", 0);
    if (more & UT_RIVM) expect_cbs(&c, dump, "50150NED", "0344", 1);
    if (more & UT_LBM) expect_lbm(&c, dump, "open-data-leefbaarometer-meting-2024.zip", "0344");
    if (more & UT_GEO) expect_pdok(&c, dump, 2025, "0344");
    expect_nothing_else(&c);
    long cells = c.cells;
    int bad = c.bad;
    check_close(&c);
    if (bad) print_error("%d verschillen tussen %s en wat de mirror serveerde\n", bad, store);
    assert_int_equal(bad, 0);
    assert_true(cells > 3500);
}

/* ---- the tests ---------------------------------------------------------------------------- */

/* Every served cell stored, at ODataFeed page sizes 1, 3 and the real 10,000, every source at
 * each; at page size 1 every full page links on, as a feed may, so every collection ends with
 * an empty page (a TableInfos of one table has two pages). RIVM's table has 1,530 rows for one
 * gemeente: at page size 1 that is as many requests of its TypedDataSet alone. */
static void every_served_cell_is_stored(void **state)
{
    (void)state;
    static const char *const one[] = {"86165NED", NULL};
    static const char *const three[] = {"85618NED", "85984NED", "86165NED", NULL};
    /* part: observations of a KWB or RIVM table stored at a time (import_part; "" the
     * default, more than the mirror's tables hold), so that tables go into the store in many
     * parts, and RIVM's observations in parts of value and bounds: at part 1 each of its rows
     * is a part; in dimension order (order) the Marges rows of one estimate are a third of the
     * table apart. */
    static const struct {
        int page;
        const char *years, *sources, *part;
        const char *const *kwb;
        unsigned more;
        const char *order;
    } runs[] = {
        {1, "2025-2025", "kwb,rivm,lbm,geo", "1", one, UT_RIVM | UT_LBM | UT_GEO, NULL},
        {3, "2023-2025", "kwb,rivm,lbm,geo", "7", three, UT_RIVM | UT_LBM | UT_GEO, NULL},
        {0, "2023-2025", "kwb,rivm,lbm,geo", "", three, UT_RIVM | UT_LBM | UT_GEO, NULL},
        {5, "2025-2025", "kwb,rivm,lbm,geo", "40", one, UT_RIVM | UT_LBM | UT_GEO, "dimensies"},
    };
    char rivm_count[160] = ""; /* what the first run says of RIVM; every run says the same */
    for (size_t i = 0; i < sizeof runs / sizeof *runs; i++) {
        wd_test_service s;
        wd_test_service_options o = {.page_size = runs[i].page,
                                     .next_link_on_full_page = runs[i].page == 1,
                                     .rivm_order = runs[i].order};
        start(&s, &o);
        setenv("WIJKDATA_IMPORT_PART", runs[i].part, 1);
        char store[64];
        snprintf(store, sizeof store, "cells-%d.db", runs[i].page);
        char *out = run_ok("fetch --gemeente GM0344 --years %s --sources %s --cache "
                           "cache-cells-%d --store %s",
                           runs[i].years, runs[i].sources, runs[i].page, store);
        wd_test_assert_contains(out, "CBS KWB 2025 (86165NED): 34 regio's, ");
        if (runs[i].more & UT_RIVM) {
            wd_test_assert_contains(out, "RIVM Gezondheid per wijk en buurt (50150NED, indeling "
                                         "2024): 34 regio's, ");
            /* An observation counted once, whatever parts it came in. */
            const char *line = strstr(out, "(50150NED, indeling 2024): ");
            char said[160];
            snprintf(said, sizeof said, "%.*s", (int)strcspn(line, "\n"), line);
            if (!rivm_count[0]) snprintf(rivm_count, sizeof rivm_count, "%s", said);
            assert_string_equal(said, rivm_count);
        }
        if (runs[i].more & UT_GEO)
            wd_test_assert_contains(out, "PDOK buurten 2025: 28 regio's, 28 geometrieën, ");
        char whole[160];
        snprintf(whole, sizeof whole,
                 " 34 regio's en 33 geometrieën opgehaald voor GM0344 (%s) in %s", runs[i].years,
                 store);
        wd_test_assert_contains(out, whole);
        free(out);
        /* Paging was followed on every collection. */
        if (runs[i].page && runs[i].page <= 3) {
            assert_true(wd_test_service_requests(&s, "86165NED/DataProperties") > 30);
            assert_true(wd_test_service_requests(&s, "86165NED/WijkenEnBuurten") > 10);
            assert_true(wd_test_service_requests(&s, "86165NED/TypedDataSet") > 10);
            assert_true(wd_test_service_requests(&s, "opendata.cbs.nl/ODataCatalog/Tables") > 4);
        }
        if (runs[i].page == 1)
            assert_int_equal(wd_test_service_requests(&s, "86165NED/TableInfos"), 2);
        /* RIVM's 1,530 rows of the gemeente, a page at a time. */
        if (runs[i].page && runs[i].page < 10)
            assert_true(wd_test_service_requests(&s, "50150NED/TypedDataSet") >=
                        1530 / runs[i].page);
        wd_test_service_stop(&s);
        unsetenv("WIJKDATA_IMPORT_PART");
        expect_utrecht(store, dump1, runs[i].kwb, runs[i].more);
    }
    /* The store's own account: the sources with their indeling, regions with theirs. */
    assert_int_equal(query_long("cells-0.db", "SELECT indeling FROM sources WHERE table_id = "
                                              "'50150NED'"),
                     2024);
    assert_int_equal(query_long("cells-0.db", "SELECT indeling FROM sources WHERE table_id = "
                                              "'85618NED'"),
                     2023);
    assert_int_equal(query_long("cells-0.db", "SELECT indeling FROM regions WHERE code = "
                                              "'BU03440111'"),
                     2025);
}

/* Run a fetch that must fail with exit status `want` and `message`, and check that the store
 * dir/store is byte for byte what it was (or still absent). */
static void fails_unchanged(const char *store, const char *args, int want, const char *message)
{
    char path[1200], *out;
    snprintf(path, sizeof path, "%s/%s", dir, store);
    size_t before_len = 0, after_len = 0;
    char *before = wd_test_read_file(path, &before_len);
    int rc = run(args, &out);
    if (rc != want) print_error("wijkdata %s\n%s\n", args, out);
    assert_int_equal(rc, want);
    wd_test_assert_contains(out, message);
    free(out);
    char *after = wd_test_read_file(path, &after_len);
    assert_true((before == NULL) == (after == NULL));
    if (before) {
        assert_int_equal(before_len, after_len);
        assert_memory_equal(before, after, before_len);
    }
    free(before);
    free(after);
}

/* A source that lists the gemeente but yields none of its figures fails the whole fetch. */
static void zero_observations_fail_the_fetch(void **state)
{
    (void)state;
    wd_test_service s;
    start(&s, NULL);
    free(run_ok("fetch --gemeente GM0344 --years 2024 --sources kwb --cache cache-zero --store "
                "zero.db"));
    /* RIVM answers its TypedDataSet with no row at all. */
    wd_test_service_options o = {
        .faults = "[{\"kind\": \"status\", \"status\": 200, \"body\": \"{\\\"value\\\": []}\", "
                  "\"match\": \"50150NED/TypedDataSet\", \"times\": 100}]"};
    wd_test_service_stop(&s);
    start(&s, &o);
    char args[512];
    snprintf(args, sizeof args,
             "fetch --gemeente GM0344 --years 2024 --sources kwb,rivm --cache cache-zero2 "
             "--store zero.db");
    fails_unchanged("zero.db", args, 1,
                    "wijkdata: 50150NED (Gezondheid per wijk en buurt; 2012-2024 (indeling 2024)): "
                    "geen enkele waarneming voor GM0344, hoewel de tabel de gemeente noemt");
    /* A Leefbaarometer file (a folder of the CSVs) with scores of other gemeenten only: every
     * part handed on (one observation each) keeps none, and the step fails. */
    char lbm[1200], file[1300], url[1300];
    snprintf(lbm, sizeof lbm, "%s/lbm-elders", dir);
    mkdir(lbm, 0755);
    snprintf(file, sizeof file, "%s/Leefbaarometer-scores buurten 2002-2024.csv", lbm);
    static const char other[] = "bu_code,bu_naam,jaar,lbm,afw,fys,onv,soc,vrz,won\n"
                                "BU05990110,Elders,2024,4.2,0.1,0.0,0.0,0.0,0.1,0.0\n"
                                "BU05990111,Verder,2024,4.1,0.0,0.0,0.0,0.0,0.0,0.0\n";
    assert_int_equal(wd_test_write_file(file, other, sizeof other - 1), 0);
    snprintf(url, sizeof url, "file://%s", lbm);
    setenv("WIJKDATA_LBM_URL", url, 1);
    setenv("WIJKDATA_IMPORT_PART", "1", 1);
    fails_unchanged("zero.db",
                    "fetch --gemeente GM0344 --years 2024 --sources kwb,lbm --cache cache-zero2 "
                    "--store zero.db",
                    1, "Leefbaarometer 3.0 buurten: geen enkele score van GM0344");
    unsetenv("WIJKDATA_IMPORT_PART");
    point_at(&s, "ODataFeed");
    /* A gemeente that no table knows: an error that says so; no store is made. */
    fails_unchanged("nergens.db",
                    "fetch --gemeente GM0999 --years 2024 --sources kwb --cache cache-zero2 "
                    "--store nergens.db",
                    1, "gemeente GM0999 komt in geen enkele KWB-tabel van 2024-2024 voor");
    wd_test_service_stop(&s);
}

/* Zoetermeer re-uses a buurt code in 2025 for another area, while RIVM's table keeps the 2024
 * indeling: the store keeps the region as the newest indeling has it, whatever order the
 * sources come in, and every figure with the indeling of its source. */
static void indelingen_are_kept_apart(void **state)
{
    (void)state;
    wd_test_service s;
    start(&s, NULL);
    free(run_ok("fetch --gemeente GM0637 --years 2024-2025 --sources kwb,rivm --cache "
                "cache-zoetermeer --store zoetermeer.db"));
    wd_test_service_stop(&s);
    const char *code = "BU06370102";
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM regions WHERE code = '%s' AND name = 'Stadshart-Oost' AND "
             "indeling = 2025",
             code);
    assert_int_equal(query_long("zoetermeer.db", sql), 1);
    snprintf(sql, sizeof sql,
             "SELECT value FROM observations WHERE region = '%s' AND variable = "
             "'IndelingswijzigingGemeenteWijkBuurt' AND year = 2025",
             code);
    assert_true(query_long("zoetermeer.db", sql) != 1);
    snprintf(sql, sizeof sql,
             "SELECT count(DISTINCT s.indeling) FROM observations o JOIN sources s ON s.id = "
             "o.source_id WHERE o.region = '%s' AND s.table_id = '50150NED' AND s.indeling = 2024",
             code);
    assert_int_equal(query_long("zoetermeer.db", sql), 1);
    /* The buurt split in 2025 keeps its 2024 indeling. */
    assert_int_equal(query_long("zoetermeer.db", "SELECT indeling FROM regions WHERE code = "
                                                 "'BU06370201'"),
                     2024);
}

/* A KWB 2026 table that appears in the catalogue is found and used, and `sources` lists it;
 * without it, 2026 is a usage error that says which years exist. */
static void a_2026_table_in_the_catalogue_is_used(void **state)
{
    (void)state;
    wd_test_service s;
    start(&s, NULL);
    fails_unchanged("nieuw.db",
                    "fetch --gemeente GM0344 --years 2026 --sources kwb --cache cache-2026 "
                    "--store nieuw.db",
                    2, "jaar 2026: geen KWB-tabel (wel voor 2013-2025)");
    wd_test_service_stop(&s);
    wd_test_service_options o = {.table_2026 = 1};
    start(&s, &o);
    /* No --years: from 2016 to the newest table. */
    char *out = run_ok("fetch --gemeente GM0344 --sources kwb --cache cache-2026 --store "
                       "nieuw.db");
    wd_test_assert_contains(out, "[12/12] CBS KWB 2026 (86477NED)");
    wd_test_assert_contains(out, "opgehaald voor GM0344 (2016-2026)");
    free(out);
    assert_true(query_long("nieuw.db", "SELECT count(*) FROM observations o JOIN sources s ON "
                                       "s.id = o.source_id WHERE s.table_id = '86477NED' AND "
                                       "o.year = 2026 AND o.region = 'BU03440111'") > 50);
    out = run_ok("sources --cache cache-2026");
    wd_test_assert_contains(out, "2026 86477NED, gewijzigd 20");
    wd_test_assert_contains(out, "(CBS-catalogus)");
    wd_test_assert_contains(out, "Nieuwste:   50150NED, tot en met 2024, indeling 2024, "
                                 "gewijzigd 20");
    free(out);
    char base[64];
    snprintf(base, sizeof base, "%s", s.base);
    wd_test_service_stop(&s);
    /* Offline, from what the cache holds: the catalogue's answer. */
    out = run_ok("sources --offline --cache cache-2026");
    wd_test_assert_contains(out, "2026 86477NED, gewijzigd 20");
    free(out);
    /* Without the catalogue in the cache, the built-in list, dated by the TableInfos that the
     * fetch left there; 2026 is not in that list. */
    static const char *const catalogues[] = {
        "opendata.cbs.nl/ODataCatalog/Tables?$format=json&$filter=startswith(Title,%27Kerncijfers"
        "%20wijken%20en%20buurten%27)",
        "dataderden.cbs.nl/ODataCatalog/Tables?$format=json&$filter=startswith(Title,%27Gezondheid"
        "%20per%20wijk%20en%20buurt%27)"};
    for (size_t i = 0; i < 2; i++) {
        char url[512], key[65], cmd[1400];
        snprintf(url, sizeof url, "%s/%s", base, catalogues[i]);
        wd_sha256_hex(url, strlen(url), key);
        snprintf(cmd, sizeof cmd, "rm '%s/cache-2026/%s.json'", dir, key);
        assert_int_equal(wd_test_run(cmd, NULL), 0);
    }
    out = run_ok("sources --offline --cache cache-2026");
    wd_test_assert_contains(out, "2025 86165NED, gewijzigd 20");
    wd_test_assert_contains(out, "(ingebouwde lijst)");
    wd_test_assert_contains(out, "2013 82339NED, gewijzigd onbekend (ingebouwde lijst)");
    assert_null(strstr(out, "86477NED"));
    free(out);
    /* Nothing cached: the built-in list, and "onbekend" where the date is not known. */
    out = run_ok("sources --offline --cache leeg");
    wd_test_assert_contains(out, "2025 86165NED, gewijzigd onbekend (ingebouwde lijst)");
    wd_test_assert_contains(out, "Let op: catalogus niet te raadplegen: niet in de cache");
    free(out);
}

/* KWB 2025 arrives in deliveries: after delivery 1 its income is missing and 2024's is the
 * newest; after delivery 2 the same fetch takes 2025's income from 86165NED, and WOZ, whose
 * suffix moved from _36 to _39, stays one series. */
static void deliveries_take_each_figure_from_the_right_table(void **state)
{
    (void)state;
    wd_test_service s;
    start(&s, NULL);
    free(run_ok("fetch --gemeente GM0344 --years 2024-2025 --sources kwb --cache cache-lev "
                "--store lev.db"));
    wd_test_service_stop(&s);
    const char *income = "SELECT count(*) FROM observations o JOIN sources s ON s.id = "
                         "o.source_id WHERE o.variable = 'GemiddeldInkomenPerInwoner' AND "
                         "o.region = 'GM0344' AND o.year = %d AND s.table_id = '%s' AND %s";
    char sql[512];
    snprintf(sql, sizeof sql, income, 2025, "86165NED", "o.value IS NULL AND o.flags & 1");
    assert_int_equal(query_long("lev.db", sql), 1);
    snprintf(sql, sizeof sql, income, 2024, "85984NED", "o.value > 0");
    assert_int_equal(query_long("lev.db", sql), 1);

    wd_test_service_options o = {.delivery_2025 = 2};
    start(&s, &o);
    free(run_ok("fetch --gemeente GM0344 --years 2024-2025 --sources kwb --cache cache-lev "
                "--store lev.db"));
    wd_test_service_stop(&s);
    snprintf(sql, sizeof sql, income, 2025, "86165NED", "o.value > 0 AND o.flags = 0");
    assert_int_equal(query_long("lev.db", sql), 1);
    /* The store equals what delivery 2 serves, cell by cell. */
    char path[1200];
    snprintf(path, sizeof path, "%s/dump2.json", dir);
    assert_int_equal(wd_test_service_dump(&o, path), 0);
    json_error_t je;
    json_t *dump2 = json_load_file(path, 0, &je);
    assert_non_null(dump2);
    check c;
    check_open(&c, "lev.db");
    expect_cbs(&c, dump2, "86165NED", "0344", 0);
    expect_cbs(&c, dump2, "85984NED", "0344", 0);
    expect_nothing_else(&c);
    int bad = c.bad;
    check_close(&c);
    json_decref(dump2);
    assert_int_equal(bad, 0);
    assert_int_equal(query_long("lev.db", "SELECT count(DISTINCT year) FROM observations WHERE "
                                          "variable = 'GemiddeldeWOZWaardeVanWoningen' AND region "
                                          "= 'GM0344'"),
                     2);
}

/* The store of `store` against what a mirror with options `o` serves of KWB table `id`. */
static void expect_table(const char *store, const wd_test_service_options *o, const char *id)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/dump-%s.json", dir, store);
    assert_int_equal(wd_test_service_dump(o, path), 0);
    json_error_t je;
    json_t *dump = json_load_file(path, 0, &je);
    assert_non_null(dump);
    check c;
    check_open(&c, store);
    expect_cbs(&c, dump, id, "0344", 0);
    expect_nothing_else(&c);
    int bad = c.bad;
    check_close(&c);
    json_decref(dump);
    assert_int_equal(bad, 0);
}

/* KWB 2024 in its first revision (the real DataProperties: 128 topics, titles with trailing
 * and non-breaking spaces, income as _83) and in its second (five topics fewer, income _78):
 * each stored as served, and the second replaces the first under the same names. */
static void revisions_keep_their_names(void **state)
{
    (void)state;
    wd_test_service_options o = {.revision_2024 = 1};
    wd_test_service s;
    start(&s, &o);
    free(run_ok("fetch --gemeente GM0344 --years 2024 --sources kwb --cache cache-rev --store "
                "rev1.db"));
    wd_test_service_stop(&s);
    expect_table("rev1.db", &o, "85984NED");
    long names = query_long("rev1.db", "SELECT count(DISTINCT variable) FROM observations");
    o.revision_2024 = 2;
    start(&s, &o);
    free(run_ok("fetch --gemeente GM0344 --years 2024 --sources kwb --cache cache-rev --store "
                "rev2.db"));
    wd_test_service_stop(&s);
    expect_table("rev2.db", &o, "85984NED");
    /* The second revision's names are all among the first's. */
    char attach[1400], path[1200];
    snprintf(attach, sizeof attach, "ATTACH '%s/rev1.db' AS r1", dir);
    snprintf(path, sizeof path, "%s/rev2.db", dir);
    sqlite3 *db;
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, attach, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT count(DISTINCT variable) FROM observations WHERE "
                                        "variable NOT IN (SELECT variable FROM r1.observations)",
                                        -1, &q, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), 0);
    sqlite3_finalize(q);
    sqlite3_close(db);
    assert_true(query_long("rev2.db", "SELECT count(DISTINCT variable) FROM observations") < names);
}

/* Each kind of fault the services show, each on a page in the middle of a paged collection:
 * survived by asking that page again (not the table), and the store is complete. */
static void faults_are_survived(void **state)
{
    (void)state;
    static const struct {
        const char *kind, *match;
        int pages; /* of ten records: 34 rows, some 170 DataProperties */
    } faults[] = {
        {"truncate", "85618NED/TypedDataSet", 4},        {"empty", "85984NED/TypedDataSet", 4},
        {"reset", "86165NED/TypedDataSet", 4},           {"atom", "85984NED/DataProperties", 0},
        {"invalid-json", "86165NED/WijkenEnBuurten", 4}, {"status", "85618NED/DataProperties", 0},
    };
    char rules[2048] = "[";
    for (size_t i = 0; i < sizeof faults / sizeof *faults; i++)
        snprintf(rules + strlen(rules), sizeof rules - strlen(rules),
                 "%s{\"kind\": \"%s\", \"match\": \"%s\", \"nth\": 3, \"times\": 1%s}",
                 i ? ", " : "", faults[i].kind, faults[i].match,
                 strcmp(faults[i].kind, "status") == 0 ? ", \"status\": 503" : "");
    strcat(rules, "]");
    wd_test_service s;
    wd_test_service_options o = {.page_size = 10, .faults = rules};
    start(&s, &o);
    free(run_ok("fetch --gemeente GM0344 --years 2023-2025 --sources kwb --cache cache-fault "
                "--store fault.db"));
    /* Each faulted collection: its second page asked once, its third (the faulted) twice. */
    for (size_t i = 0; i < sizeof faults / sizeof *faults; i++) {
        assert_int_equal(requests_with(&s, faults[i].match, "$skip=10"), 1);
        assert_int_equal(requests_with(&s, faults[i].match, "$skip=20"), 2);
    }
    wd_test_service_stop(&s);
    static const char *const three[] = {"85618NED", "85984NED", "86165NED", NULL};
    expect_utrecht("fault.db", dump1, three, 0);
}

/* A fault that lasts longer than the retries fails the fetch cleanly, store unchanged; run
 * again, the fetch continues from the cache (the KWB pages it had are not asked again). */
static void an_interrupted_fetch_continues(void **state)
{
    (void)state;
    wd_test_service s;
    start(&s, NULL);
    free(run_ok("fetch --gemeente GM0344 --years 2025 --sources kwb --cache cache-int --store "
                "int.db"));
    wd_test_service_stop(&s);
    /* The RIVM table is down for longer than five tries. */
    wd_test_service_options o = {
        .faults = "[{\"kind\": \"status\", \"status\": 500, \"match\": \"50150NED/TypedDataSet\", "
                  "\"times\": 5}]"};
    start(&s, &o);
    fails_unchanged("int.db",
                    "fetch --gemeente GM0344 --years 2024-2025 --sources kwb,rivm --cache "
                    "cache-int --store int.db",
                    1, "HTTP 500 bij ");
    int kwb = wd_test_service_requests(&s, "85984NED/");
    assert_true(kwb >= 4);
    /* The fault is over: the run continues, and asks nothing it already has. */
    char *out = run_ok("fetch --gemeente GM0344 --years 2024-2025 --sources kwb,rivm --cache "
                       "cache-int --store int.db");
    wd_test_assert_contains(out, "vervolg van de onderbroken ophaalronde");
    free(out);
    assert_int_equal(wd_test_service_requests(&s, "85984NED/"), kwb);
    assert_int_equal(wd_test_service_requests(&s, "50150NED/TypedDataSet"), 6);
    /* That run finished: the next one asks again (conditionally). */
    out = run_ok("fetch --gemeente GM0344 --years 2024-2025 --sources kwb,rivm --cache "
                 "cache-int --store int.db");
    assert_null(strstr(out, "vervolg"));
    free(out);
    assert_true(wd_test_service_requests(&s, "85984NED/") > kwb);
    wd_test_service_stop(&s);
    assert_true(query_long("int.db", "SELECT count(*) FROM observations o JOIN sources s ON s.id "
                                     "= o.source_id WHERE s.table_id = '50150NED'") > 10000);
}

/* Through ODataApi a whole gemeente is more than its cell limit: the refusal (HTTP 500) is
 * not retried; the same query goes to the paged ODataFeed. */
static void the_record_limit_turns_to_the_feed(void **state)
{
    (void)state;
    wd_test_service s;
    wd_test_service_options o = {.api_limit = 1000};
    assert_int_equal(wd_test_service_start(&s, &o), 0);
    point_at(&s, "ODataApi");
    char *out = run_ok("fetch --gemeente GM0344 --years 2024 --sources kwb --cache cache-api "
                       "--store api.db");
    free(out);
    assert_int_equal(wd_test_service_requests(&s, "ODataApi/odata/85984NED/TypedDataSet"), 1);
    assert_int_equal(wd_test_service_requests(&s, "ODataFeed/odata/85984NED/TypedDataSet"), 1);
    wd_test_service_stop(&s);
    check c;
    check_open(&c, "api.db");
    expect_cbs(&c, dump1, "85984NED", "0344", 0);
    expect_nothing_else(&c);
    int bad = c.bad;
    check_close(&c);
    assert_int_equal(bad, 0);
}

/* Offline from the cache, usage errors, a configuration file, and `fetch --gemeente alle`. */
static void offline_options_and_every_gemeente(void **state)
{
    (void)state;
    wd_test_service s;
    start(&s, NULL);
    free(run_ok("fetch --gemeente GM0363 --years 2024 --sources kwb,geo --cache cache-off "
                "--store off.db"));
    int requests = wd_test_service_requests(&s, NULL);
    free(run_ok("fetch --gemeente GM0363 --years 2024 --sources kwb,geo --cache cache-off "
                "--offline --store off2.db"));
    assert_int_equal(wd_test_service_requests(&s, NULL), requests);
    assert_int_equal(query_long("off2.db", "SELECT count(*) FROM observations"),
                     query_long("off.db", "SELECT count(*) FROM observations"));
    /* Amsterdam's letter codes, and the buurt whose code holds 0344 is Amsterdam's. */
    assert_true(query_long("off.db", "SELECT count(*) FROM regions WHERE code LIKE 'BU0363A%'") >
                10);
    assert_int_equal(query_long("off.db", "SELECT count(*) FROM regions WHERE code LIKE "
                                          "'%0344%' AND code NOT LIKE 'BU0363%'"),
                     0);
    /* Offline with an empty cache names the first table it lacks; nothing is made. */
    char want[512];
    snprintf(want, sizeof want,
             "wijkdata: niet in de cache: %s/opendata.cbs.nl/ODataFeed/odata/85984NED/"
             "TableInfos?$format=json; haal eerst op zonder --offline",
             s.base);
    fails_unchanged("leeg.db",
                    "fetch --gemeente GM0344 --years 2024 --offline --cache leeg --store leeg.db",
                    1, want);
    /* Usage errors: exit status 2. */
    fails_unchanged("off.db", "fetch --gemeente GM0363 --sources kwb,weer --store off.db", 2,
                    "onbekende bron 'weer'");
    fails_unchanged("off.db", "fetch --gemeente GM0363 --years 2024-2016 --store off.db", 2,
                    "ongeldige jaren");
    fails_unchanged("off.db", "fetch --gemeente 0363 --years 2024 --cache cache-off --store off.db",
                    2, "ongeldige gemeentecode '0363'");
    char cfg[1200];
    snprintf(cfg, sizeof cfg, "%s/bad.conf", dir);
    const char *text = "# test\ncbs_odata_url = http://127.0.0.1:1/x\npdok = y\n";
    assert_int_equal(wd_test_write_file(cfg, text, strlen(text)), 0);
    fails_unchanged("off.db", "fetch --gemeente GM0363 --config bad.conf --store off.db", 2,
                    "bad.conf:3: onbekende sleutel 'pdok'");
    char *out;
    assert_int_equal(run("fetch --help", &out), 0);
    wd_test_assert_contains(out, "Gebruik: wijkdata fetch --gemeente GMxxxx|alle");
    wd_test_assert_contains(out, "WIJKDATA_PDOK_URL");
    free(out);
    assert_int_equal(run("fetch --years 2024", &out), 2);
    wd_test_assert_contains(out, "--gemeente ontbreekt");
    free(out);

    /* A configuration file names the mirror; the environment, when set, wins over it. */
    snprintf(cfg, sizeof cfg, "%s/good.conf", dir);
    char conf[512], cmd[4096];
    snprintf(conf, sizeof conf, "# mirror\n\ncbs_odata_url = %s/opendata.cbs.nl/ODataFeed/odata/\n",
             s.base);
    assert_int_equal(wd_test_write_file(cfg, conf, strlen(conf)), 0);
    snprintf(cmd, sizeof cmd,
             "cd '%s' && env -u WIJKDATA_CBS_ODATA_URL '%s' fetch --gemeente GM0637 --years 2024 "
             "--sources kwb --config good.conf --cache cache-conf --store conf.db",
             dir, WD_CLI);
    int rc = wd_test_run(cmd, &out);
    if (rc) print_error("%s\n", out);
    assert_int_equal(rc, 0);
    free(out);
    assert_true(query_long("conf.db", "SELECT count(*) FROM observations WHERE region LIKE "
                                      "'BU0637%'") > 0);

    /* Every gemeente at once: each source into the store as soon as it is read. */
    out = run_ok("fetch --gemeente alle --years 2024 --sources kwb,geo --cache cache-alle --store "
                 "alle.db");
    wd_test_assert_contains(out, "opgehaald voor heel Nederland (2024-2024) in alle.db");
    free(out);
    assert_int_equal(query_long("alle.db", "SELECT count(*) FROM regions WHERE level = 1"), 3);
    assert_int_equal(query_long("alle.db", "SELECT count(*) FROM (SELECT DISTINCT region, "
                                           "variable, subgroup FROM observations)"),
                     query_long("alle.db", "SELECT count(*) FROM series"));
    out = run_ok("indicators --store alle.db --level gemeente --threads 2");
    wd_test_assert_contains(out, "\nGM0344,Utrecht,gemeente,2024,inwoners,");
    free(out);
    wd_test_service_stop(&s);
}

/* Write the pages of `url` as an analyst saves them: dir/name, dir/name-2, ... (each page
 * as served, its odata.nextLink pointing to the mirror). */
static void save_pages(const char *url, const char *folder, const char *name)
{
    char next[2048], path[1400];
    snprintf(next, sizeof next, "%s", url);
    for (int page = 1; next[0]; page++) {
        CURL *c = curl_easy_init();
        body b = {0};
        curl_easy_setopt(c, CURLOPT_URL, next);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
        assert_int_equal(curl_easy_perform(c), CURLE_OK);
        curl_easy_cleanup(c);
        if (page == 1)
            snprintf(path, sizeof path, "%s/%s", folder, name);
        else
            snprintf(path, sizeof path, "%s/%s-%d", folder, name, page);
        assert_int_equal(wd_test_write_file(path, b.data, b.len), 0);
        json_error_t je;
        json_t *doc = json_loadb(b.data, b.len, 0, &je);
        assert_non_null(doc);
        const char *link = json_string_value(json_object_get(doc, "odata.nextLink"));
        snprintf(next, sizeof next, "%s", link ? link : "");
        json_decref(doc);
        free(b.data);
    }
}

/* What an analyst has on disk: a KWB table saved from the feed in pages (a folder named after
 * it), read back with `import --format cbs-v3` as the mirror served it, cell by cell; JSON
 * keyed by region code; an unknown JSON shape refused with the shapes that are read; a
 * StatLine export through a mapping file; the formats of the table in the help. */
static void imports_of_saved_files(void **state)
{
    (void)state;
    wd_test_service s;
    wd_test_service_options o = {.page_size = 20};
    start(&s, &o);
    char folder[1200], url[512];
    snprintf(folder, sizeof folder, "%s/opgeslagen/85984NED", dir);
    char cmd[1400];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", folder);
    assert_int_equal(wd_test_run(cmd, NULL), 0);
    static const char *const collections[] = {"TableInfos", "DataProperties", "WijkenEnBuurten",
                                              "TypedDataSet"};
    for (size_t i = 0; i < sizeof collections / sizeof *collections; i++) {
        snprintf(url, sizeof url, "%s/opendata.cbs.nl/ODataFeed/odata/85984NED/%s?$format=json",
                 s.base, collections[i]);
        save_pages(url, folder, collections[i]);
    }
    wd_test_service_stop(&s);
    /* The mirror is gone: the import reads the folder, never the links in it. */
    char *out = run_ok("import opgeslagen/85984NED --format cbs-v3 --store opgeslagen.db");
    wd_test_assert_contains(out, "ingelezen uit opgeslagen/85984NED");
    free(out);
    check c;
    check_open(&c, "opgeslagen.db");
    expect_cbs(&c, dump1, "85984NED", NULL, 0);
    expect_nothing_else(&c);
    int bad = c.bad;
    check_close(&c);
    assert_int_equal(bad, 0);
    assert_int_equal(query_long("opgeslagen.db", "SELECT count(*) FROM regions WHERE name = "
                                                 "'' AND level > 0"),
                     0);

    /* JSON keyed by region code, and a shape that is none of those read. */
    char path[1200];
    snprintf(path, sizeof path, "%s/eigen.mapping.json", dir);
    const char *mapping = "{\"tabel\": \"eigen-2025\", \"titel\": \"Eigen cijfers 2025\", "
                          "\"regio\": \"code\", \"jaar\": 2025, \"variabelen\": [\"wachtlijst\"]}";
    assert_int_equal(wd_test_write_file(path, mapping, strlen(mapping)), 0);
    snprintf(path, sizeof path, "%s/eigen.json", dir);
    const char *keyed = "{\"GM0344\": {\"wachtlijst\": 412}, \"WK034401\": {\"wachtlijst\": "
                        "null}, \"BU03440111\": {\"wachtlijst\": 17}}";
    assert_int_equal(wd_test_write_file(path, keyed, strlen(keyed)), 0);
    out = run_ok("import eigen.json --format json --mapping eigen.mapping.json --store eigen.db");
    wd_test_assert_contains(out, "3 waarnemingen, 3 regio's");
    free(out);
    assert_int_equal(query_long("eigen.db", "SELECT value FROM observations WHERE region = "
                                            "'BU03440111' AND variable = 'wachtlijst' AND year = "
                                            "2025"),
                     17);
    snprintf(path, sizeof path, "%s/vreemd.json", dir);
    const char *odd = "{\"gemeente\": \"Utrecht\", \"cijfers\": [1, 2]}";
    assert_int_equal(wd_test_write_file(path, odd, strlen(odd)), 0);
    fails_unchanged("eigen.db",
                    "import vreemd.json --format json --mapping eigen.mapping.json "
                    "--store eigen.db",
                    1,
                    "onbekende vorm van JSON; gelezen worden een lijst van objecten [{...}, ...], "
                    "{\"value\": [...]}, een GeoJSON FeatureCollection, objecten per regiocode "
                    "{\"GM1680\": {...}, ...} en een enkel object met het veld \"code\"");

    /* A StatLine export through a mapping: its columns, renamed, under its table. */
    snprintf(path, sizeof path, "%s/statline.mapping.json", dir);
    const char *sm = "{\"tabel\": \"85984NED\", \"titel\": \"Nabijheid\", \"regio\": "
                     "\"Regioaanduiding/Codering (code)\", \"periode\": \"Perioden\", "
                     "\"variabelen\": [{\"kolom\": \"Bevolking/Aantal inwoners (aantal)\", "
                     "\"naam\": \"AantalInwoners\"}]}";
    assert_int_equal(wd_test_write_file(path, sm, strlen(sm)), 0);
    out = run_ok("import %s/fetchers/mirror/statline/nabijheid_2024.csv --format statline-csv "
                 "--mapping statline.mapping.json --store statline.db",
                 WD_TEST_DATA);
    wd_test_assert_contains(out, "4 waarnemingen");
    free(out);
    assert_int_equal(query_long("statline.db", "SELECT count(*) FROM observations o JOIN sources s "
                                               "ON s.id = o.source_id WHERE o.variable = "
                                               "'AantalInwoners' AND s.table_id = '85984NED' AND "
                                               "s.publisher = 'CBS'"),
                     4);
    char *err_out;
    assert_int_equal(run("import eigen.json --format leefbaarometer-csv --mapping "
                         "eigen.mapping.json --store eigen.db",
                         &err_out),
                     2);
    wd_test_assert_contains(err_out, "--mapping hoort bij --format csv, json of statline-csv");
    free(err_out);
    /* A file that is not there is named in Dutch, the system's words after it. */
    assert_int_equal(
        run("import ontbreekt.csv --format leefbaarometer-csv --store eigen.db", &err_out), 1);
    wd_test_assert_contains(err_out,
                            "wijkdata: ontbreekt.csv: bestaat niet (No such file or directory)");
    free(err_out);

    /* The help names every format of the table, each with the first line of what it reads. */
    out = run_ok("import --help");
    size_t n;
    const wd_import_format *f = wd_fetch_formats(&n);
    assert_true(n >= 8);
    for (size_t i = 0; i < n; i++) {
        char line[128];
        snprintf(line, sizeof line, "  --format %-20s%.*s\n", f[i].name,
                 (int)strcspn(f[i].help, "\n"), f[i].help);
        wd_test_assert_contains(out, line);
    }
    free(out);
}

/* `import URL` reads over HTTP too: the Leefbaarometer 2022 zip from the mirror (its own
 * layout, a timestamped folder), and the formats the mirror does not serve (CBS OData v4, a
 * StatLine export) from the test data over a loopback server; a 404 names the URL and leaves
 * the store alone. */
static void import_from_a_server(void **state)
{
    (void)state;
    wd_test_service s;
    start(&s, NULL);
    char *out =
        run_ok("import "
               "%s/www.leefbaarometer.nl/resources/open-data-leefbaarometer-meting-2022.zip "
               "--format leefbaarometer-zip --store lbm22.db",
               s.base);
    free(out);
    wd_test_service_stop(&s);
    check c;
    check_open(&c, "lbm22.db");
    expect_lbm(&c, dump1, "open-data-leefbaarometer-meting-2022.zip", NULL);
    expect_nothing_else(&c);
    int bad = c.bad;
    check_close(&c);
    assert_int_equal(bad, 0);

    wd_test_server srv;
    assert_int_equal(wd_test_server_start(&srv), 0);
    char base[64], cmd[4400];
    snprintf(base, sizeof base, "http://127.0.0.1:%d", srv.port);
    /* The v4 pages link to each other through @ROOT@: a copy with the server's URL. */
    snprintf(cmd, sizeof cmd,
             "mkdir -p '%s/srv' && cp -r '%s/fetchers/mirror/datasets.cbs.nl' "
             "'%s/fetchers/mirror/statline' '%s/srv/' && sed -i 's|@ROOT@|%s|g' "
             "'%s'/srv/datasets.cbs.nl/odata/v1/CBS/85984NED/*",
             dir, WD_TEST_DATA, WD_TEST_DATA, dir, base, dir);
    assert_int_equal(wd_test_run(cmd, NULL), 0);
    char root[1200];
    snprintf(root, sizeof root, "%s/srv", dir);
    srv.root = root;
    static const struct {
        const char *path, *format, *variable;
    } cases[] = {
        {"datasets.cbs.nl/odata/v1/CBS/85984NED", "cbs-v4", "T001036"},
        {"statline/nabijheid_2024.csv", "statline-csv",
         "Vrije tijd en cultuur/Afstand tot bibliotheek (km)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        free(run_ok("import %s/%s --format %s --jaar 2024 --store url.db", base, cases[i].path,
                    cases[i].format));
        char sql[512];
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM observations o JOIN sources s ON s.id = o.source_id "
                 "WHERE o.variable = '%s' AND s.url LIKE 'http://127.0.0.1:%%'",
                 cases[i].variable);
        assert_true(query_long("url.db", sql) > 0);
    }
    snprintf(cmd, sizeof cmd, "import %s/geen.zip --format leefbaarometer-zip --store url.db",
             base);
    fails_unchanged("url.db", cmd, 1, "geen.zip");
    wd_test_server_stop(&srv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_served_cell_is_stored),
        cmocka_unit_test(zero_observations_fail_the_fetch),
        cmocka_unit_test(indelingen_are_kept_apart),
        cmocka_unit_test(a_2026_table_in_the_catalogue_is_used),
        cmocka_unit_test(deliveries_take_each_figure_from_the_right_table),
        cmocka_unit_test(revisions_keep_their_names),
        cmocka_unit_test(faults_are_survived),
        cmocka_unit_test(an_interrupted_fetch_continues),
        cmocka_unit_test(the_record_limit_turns_to_the_feed),
        cmocka_unit_test(offline_options_and_every_gemeente),
        cmocka_unit_test(imports_of_saved_files),
        cmocka_unit_test(import_from_a_server),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
