/* wijkdata gebied: werkgebieden (engine/wd_werkgebied.h) made of buurten and wijken, listed and
 * removed. The rules live in the library; this file parses the lists and prints. */
#include "cli/cli.h"

#include "engine/wd_name.h"

#include "engine/wd_werkgebied.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_gebied[] =
    "Gebruik: wijkdata gebied maak NAAM --buurten BU...,BU... [--wijken WK...,WK...]\n"
    "         wijkdata gebied maak NAAM --wijken WK...,WK...\n"
    "         wijkdata gebied lijst\n"
    "         wijkdata gebied verwijder CODE\n"
    "                                   [--store PAD]\n"
    "\n"
    "Een werkgebied is een gebied zoals een wijkverband het tekent: een aantal buurten en\n"
    "wijken samen, met een eigen code (WG0001, WG0002, ...). Elke opdracht die een regio neemt\n"
    "(profile, indicators, export) neemt ook een werkgebied. Zijn cijfers zijn die van de\n"
    "delen samen: aantallen opgeteld en dan gedeeld, gemiddelden gewogen naar inwoners;\n"
    "modelschattingen (RIVM) zijn niet op te tellen. Het werkgebied hoort bij de gemeente van\n"
    "zijn eerste deel, en mag over gemeentegrenzen gaan.\n"
    "\n"
    "  maak NAAM           maak een werkgebied en toon zijn code\n"
    "  --buurten LIJST     buurtcodes, gescheiden door komma's\n"
    "  --wijken LIJST      wijkcodes, gescheiden door komma's (een buurt in een genoemde wijk\n"
    "                      mag er niet ook nog bij)\n"
    "  lijst               alle werkgebieden: code, naam, gemeente en delen\n"
    "  verwijder CODE      verwijder een werkgebied (en zijn bewaarde resultaten)\n";

enum { OPT_G_STORE = 300, OPT_G_BUURTEN, OPT_G_WIJKEN };

/* Split `list` (modified) at commas into codes[cap]; returns the count, or -1 for an empty item
 * or too many. */
static int split_codes(char *list, const char **codes, int cap)
{
    int n = 0;
    for (char *tok = list;; n++) {
        char *comma = strchr(tok, ',');
        if (comma) *comma = '\0';
        if (!*tok || n >= cap) return -1;
        codes[n] = tok;
        if (!comma) return n + 1;
        tok = comma + 1;
    }
}

static int print_werkgebied(const wd_werkgebied *w, void *ctx)
{
    (void)ctx;
    /* The name is a user's text: control characters are shown escaped. */
    char code[4 * WD_CODE_MAX], name[4 * WD_NAME_MAX], parent[4 * WD_CODE_MAX];
    printf("%-8s %-32s %-8s %zu delen%s:", wd_name_print(code, sizeof code, w->region.code),
           wd_name_print(name, sizeof name, w->region.name),
           wd_name_print(parent, sizeof parent, w->region.parent), w->n_members,
           w->n_gemeenten > 1 ? " (over gemeentegrenzen)" : "");
    for (size_t k = 0; k < w->n_members; k++)
        printf(" %s", wd_name_print(code, sizeof code, w->members[k]));
    putchar('\n');
    return 0;
}

int cli_cmd_gebied(int argc, char **argv, cli_options *o)
{
    static const struct option longopts[] = {{"store", required_argument, NULL, OPT_G_STORE},
                                             {"buurten", required_argument, NULL, OPT_G_BUURTEN},
                                             {"wijken", required_argument, NULL, OPT_G_WIJKEN},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    char *buurten = NULL, *wijken = NULL;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(usage_gebied, stdout);
            return CLI_EXIT_OK;
        } else if (c == OPT_G_STORE) {
            o->store = optarg;
        } else if (c == OPT_G_BUURTEN) {
            buurten = optarg;
        } else if (c == OPT_G_WIJKEN) {
            wijken = optarg;
        } else if (c == ':') {
            return cli_usage_error("gebied", "optie %s verwacht een waarde", argv[optind - 1]);
        } else {
            return cli_usage_error("gebied", "onbekende optie '%s'", argv[optind - 1]);
        }
    }
    const char *what = optind < argc ? argv[optind] : "";
    int n_args = argc - optind - 1;
    int make = strcmp(what, "maak") == 0, list = strcmp(what, "lijst") == 0,
        remove = strcmp(what, "verwijder") == 0;
    if (!make && !list && !remove)
        return cli_usage_error("gebied", "kies maak, lijst of verwijder, niet '%s'", what);
    if ((make || remove) && n_args != 1)
        return cli_usage_error("gebied", "geef precies een %s", make ? "naam" : "code");
    if (list && n_args != 0) return cli_usage_error("gebied", "lijst neemt geen %s", "argumenten");
    if (!make && (buurten || wijken))
        return cli_usage_error("gebied", "--buurten en --wijken horen bij %s", "maak");
    if (make && !buurten && !wijken)
        return cli_usage_error("gebied", "geef de delen met --buurten of --wijken%s", "");
    const char *b_codes[WD_WERKGEBIED_MAX_MEMBERS + 1], *w_codes[WD_WERKGEBIED_MAX_MEMBERS + 1];
    int n_b = buurten ? split_codes(buurten, b_codes, WD_WERKGEBIED_MAX_MEMBERS + 1) : 0;
    int n_w = wijken ? split_codes(wijken, w_codes, WD_WERKGEBIED_MAX_MEMBERS + 1) : 0;
    if (n_b < 0 || n_w < 0)
        return cli_usage_error(
            "gebied", "een lege code of meer dan %s delen in --buurten of --wijken", "500");

    wd_error err = {0};
    wd_store *s = NULL;
    int rc = wd_store_open(&s, o->store, 0, &err);
    char code[WD_CODE_MAX];
    if (!rc && make) {
        rc = wd_werkgebied_make(s, argv[optind + 1], b_codes, (size_t)n_b, w_codes, (size_t)n_w,
                                code, sizeof code, &err);
        if (!rc) printf("%s\n", code);
    } else if (!rc && remove) {
        rc = wd_store_werkgebied_remove(s, argv[optind + 1], &err);
    } else if (!rc) {
        rc = wd_werkgebied_each(s, print_werkgebied, NULL, &err);
    }
    wd_store_close(s);
    return rc ? cli_fail(&err) : CLI_EXIT_OK;
}
