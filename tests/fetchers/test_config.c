/* Tests of fetchers/wd_config: defaults, a config file (comments, spaces, trailing slashes,
 * errors with file:line), the environment winning over the file, the PDOK year template; and
 * of what a user names from the table of sources and import formats (fetchers/wd_fetch.h):
 * the sources of `fetch --sources` and its default, and the formats `sources` points to. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "fetchers/wd_config.h"
#include "fetchers/wd_fetch.h"
#include "fetchers/wd_plan.h"
#include "wd_test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dir;

static int setup(void **state)
{
    (void)state;
    dir = wd_test_tmpdir();
    /* No user configuration, no overrides from the environment of the test run. */
    setenv("XDG_CONFIG_HOME", dir, 1);
    const char *vars[] = {"WIJKDATA_CBS_ODATA_URL",  "WIJKDATA_CBS_DATADERDEN_URL",
                          "WIJKDATA_CBS_ODATA4_URL", "WIJKDATA_PDOK_URL",
                          "WIJKDATA_LBM_URL",        "WIJKDATA_CACHE_DIR",
                          "WIJKDATA_CA_BUNDLE"};
    for (size_t i = 0; i < sizeof vars / sizeof *vars; i++)
        unsetenv(vars[i]);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    wd_test_rmtree(dir);
    free(dir);
    return 0;
}

/* Write `text` to dir/name and return its path in path[cap]. */
static void write_conf(char *path, size_t cap, const char *name, const char *text)
{
    snprintf(path, cap, "%s/%s", dir, name);
    assert_int_equal(wd_test_write_file(path, text, strlen(text)), 0);
}

static void defaults_file_and_environment(void **state)
{
    (void)state;
    wd_config c;
    wd_error err;
    assert_int_equal(wd_config_load(&c, NULL, &err), 0);
    assert_string_equal(c.cbs_odata_url, "https://opendata.cbs.nl/ODataFeed/odata");
    assert_string_equal(c.cbs_dataderden_url, "https://dataderden.cbs.nl/ODataFeed/odata");
    assert_string_equal(c.cbs_odata4_url, "https://datasets.cbs.nl/odata/v1/CBS");
    assert_string_equal(c.lbm_url, "");
    char url[256];
    assert_int_equal(wd_config_pdok_url(&c, 2023, url, sizeof url, &err), 0);
    assert_string_equal(url, "https://api.pdok.nl/cbs/wijken-en-buurten-2023/ogc/v1");

    /* The default file is read when present. */
    char path[1200], sub[1200];
    snprintf(sub, sizeof sub, "%s/wijkdata", dir);
    char cmd[1300];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", sub);
    assert_int_equal(wd_test_run(cmd, NULL), 0);
    write_conf(path, sizeof path, "wijkdata/config",
               "# spiegel van de gemeente\n"
               "\n"
               "   cbs_odata_url=https://spiegel.example.nl/odata//  \r\n"
               "pdok_url = https://spiegel.example.nl/pdok\n"
               "lbm_url = file:///data/lbm\n");
    assert_int_equal(wd_config_load(&c, NULL, &err), 0);
    assert_string_equal(c.cbs_odata_url, "https://spiegel.example.nl/odata");
    assert_string_equal(c.lbm_url, "file:///data/lbm");
    /* Without {jaar} the URL serves every year. */
    assert_int_equal(wd_config_pdok_url(&c, 2023, url, sizeof url, &err), 0);
    assert_string_equal(url, "https://spiegel.example.nl/pdok");

    /* The environment wins over the file. */
    setenv("WIJKDATA_CBS_ODATA_URL", "http://127.0.0.1:1/o/", 1);
    assert_int_equal(wd_config_load(&c, NULL, &err), 0);
    assert_string_equal(c.cbs_odata_url, "http://127.0.0.1:1/o");
    assert_string_equal(c.lbm_url, "file:///data/lbm");
    unsetenv("WIJKDATA_CBS_ODATA_URL");
    remove(path);
}

static void bad_files(void **state)
{
    (void)state;
    wd_config c;
    wd_error err;
    char path[1200], want[1400];
    write_conf(path, sizeof path, "a.conf", "# ok\ncache_dir = /tmp/x\nalleen tekst\n");
    assert_int_equal(wd_config_load(&c, path, &err), WD_EUSAGE);
    snprintf(want, sizeof want, "%s:3: verwacht 'sleutel = waarde'", path);
    assert_string_equal(err.msg, want);

    write_conf(path, sizeof path, "b.conf", "ca_bundel = /etc/ssl/x.pem\n");
    assert_int_equal(wd_config_load(&c, path, &err), WD_EUSAGE);
    snprintf(want, sizeof want, "%s:1: onbekende sleutel 'ca_bundel'", path);
    assert_string_equal(err.msg, want);

    /* import_part: a whole number of observations, read when the fetch starts. */
    size_t part = 5;
    write_conf(path, sizeof path, "c.conf", "import_part = 7\n");
    assert_int_equal(wd_config_load(&c, path, &err), 0);
    assert_int_equal(wd_config_import_part(&c, &part, &err), 0);
    assert_int_equal(part, 7);
    write_conf(path, sizeof path, "d.conf", "import_part = 0\n");
    assert_int_equal(wd_config_load(&c, path, &err), 0);
    assert_int_equal(wd_config_import_part(&c, &part, &err), WD_EUSAGE);
    assert_string_equal(err.msg,
                        "import_part = '0': verwacht een geheel getal van 1 tot 100000000");
    assert_int_equal(part, 7);

    /* A file named explicitly must exist. */
    snprintf(path, sizeof path, "%s/bestaat-niet.conf", dir);
    assert_int_equal(wd_config_load(&c, path, &err), WD_ENOTFOUND);
    snprintf(want, sizeof want, "configuratiebestand %s niet te openen: No such file or directory",
             path);
    assert_string_equal(err.msg, want);
}

/* What `wijkdata sources` tells users to type is what `fetch --sources` accepts, and every
 * source `fetch` knows is described. */
static void sources_match_the_fetch_plan(void **state)
{
    (void)state;
    size_t n;
    const wd_source_info *s = wd_fetch_sources(&n);
    unsigned all = 0, bits;
    for (size_t i = 0; i < n; i++) {
        if (!s[i].fetch) continue;
        assert_int_equal(wd_plan_sources(s[i].fetch, &bits, NULL), 0);
        all |= bits;
    }
    assert_int_equal(wd_plan_sources("kwb,rivm,lbm,geo", &bits, NULL), 0);
    assert_int_equal(all, bits);
    wd_error err = {0};
    assert_int_equal(wd_plan_sources("kwb,pdok", &bits, &err), WD_EUSAGE);
    assert_string_equal(err.msg, "onbekende bron 'pdok' (kies uit kwb, rivm, lbm en geo)");

    /* Without --sources every source is fetched, the Leefbaarometer only with its address. */
    wd_config c = {0};
    assert_int_equal(wd_plan_default_sources(&c), WD_SOURCE_KWB | WD_SOURCE_RIVM | WD_SOURCE_GEO);
    snprintf(c.lbm_url, sizeof c.lbm_url, "https://www.leefbaarometer.nl/open-data.zip");
    assert_int_equal(wd_plan_default_sources(&c), all);
}

/* Every format `wijkdata sources` names is one `wijkdata import` reads, and every import
 * format has a reader and help that fits its column. */
static void sources_name_import_formats(void **state)
{
    (void)state;
    size_t n, nf;
    const wd_source_info *s = wd_fetch_sources(&n);
    const wd_import_format *f = wd_fetch_formats(&nf);
    for (size_t i = 0; i < n; i++) {
        assert_non_null(s[i].publisher);
        assert_non_null(s[i].licence);
        if (s[i].format) assert_non_null(wd_fetch_format(s[i].format));
    }
    for (size_t i = 0; i < nf; i++) {
        assert_ptr_equal(wd_fetch_format(f[i].name), &f[i]);
        assert_non_null(f[i].read);
        const char *h = f[i].help;
        assert_true(h[0] && h[strlen(h) - 1] == '\n');
        for (const char *line = h; *line; line += strcspn(line, "\n") + 1)
            assert_true(strcspn(line, "\n") <= 57);
    }
    assert_null(wd_fetch_format("xls"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults_file_and_environment),
        cmocka_unit_test(bad_files),
        cmocka_unit_test(sources_match_the_fetch_plan),
        cmocka_unit_test(sources_name_import_formats),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
