/* wijkdata regions: the regions in the store. */
#include "cli/cli.h"

#include "engine/wd_name.h"

#include <stdio.h>

static const char usage_regions[] =
    "Gebruik: wijkdata regions [--gemeente GMxxxx] [--level buurt|wijk|gemeente|alle] [--store "
    "PAD]\n"
    "\n"
    "Toont code, niveau, naam en bovenliggend gebied van de regio's in de store. De store\n"
    "wordt alleen gelezen (ook op een alleen-lezen schijf).\n";

typedef struct {
    int level;
    size_t n;
} region_print;

static int print_region(const wd_region *r, void *ctx)
{
    region_print *rp = ctx;
    if (rp->level >= 0 && (int)r->level != rp->level) return 0;
    /* A store of an older version may hold any text: control characters are shown escaped. */
    char code[4 * WD_CODE_MAX], name[4 * WD_NAME_MAX], parent[4 * WD_CODE_MAX];
    printf("%-12s %-9s %-40s %s\n", wd_name_print(code, sizeof code, r->code),
           wd_level_name(r->level), wd_name_print(name, sizeof name, r->name),
           wd_name_print(parent, sizeof parent, r->parent));
    rp->n++;
    return 0;
}

int cli_cmd_regions(int argc, char **argv, cli_options *o)
{
    int code = CLI_EXIT_OK;
    o->level = -1;
    int first = cli_parse_options("regions", usage_regions, argc, argv, o, &code);
    if (first < 0) return code;
    if (first != argc) return cli_usage_error("regions", "onverwacht argument '%s'", argv[first]);
    wd_error err = {0};
    wd_store *store = NULL;
    region_print rp = {o->level, 0};
    int rc = wd_store_open_read(&store, o->store, &err);
    if (!rc) rc = wd_store_each_region(store, o->gemeente, print_region, &rp, &err);
    wd_store_close(store);
    if (!rc && rp.n == 0) fprintf(stderr, "wijkdata: geen regio's gevonden\n");
    return rc ? cli_fail(&err) : CLI_EXIT_OK;
}
