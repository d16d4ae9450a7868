/* wijkdata sources: the sources the engine reads, with tables, licence and citation. The
 * descriptions live in the library (fetchers/wd_sources.c); this only prints them. */
#include "cli/cli.h"

#include "fetchers/wd_sources.h"

#include <stdio.h>
#include <string.h>

static const char usage_sources[] =
    "Gebruik: wijkdata sources\n"
    "\n"
    "Toont de bronnen die wijkdata leest: wat ze bevatten, hun tabellen, de licentie en hoe\n"
    "u ze vermeldt onder cijfers en in profielen.\n";

/* Print `label` and `text` wrapped at 90 columns, continuation lines under the text. */
static void field(const char *label, const char *text)
{
    const int width = 90, indent = 14;
    printf("  %-11s ", label);
    int col = indent;
    while (*text) {
        int n = (int)strcspn(text, " ");
        if (col > indent && col + 1 + n > width) {
            printf("\n%*s", indent, "");
            col = indent;
        } else if (col > indent) {
            putchar(' ');
            col++;
        }
        printf("%.*s", n, text);
        col += n;
        text += n;
        while (*text == ' ')
            text++;
    }
    putchar('\n');
}

int cli_cmd_sources(int argc, char **argv, cli_options *o)
{
    int code = CLI_EXIT_OK;
    int first = cli_parse_options("sources", usage_sources, argc, argv, o, &code);
    if (first < 0) return code;
    if (first != argc) return cli_usage_error("sources", "onverwacht argument '%s'", argv[first]);
    size_t n;
    const wd_source_info *s = wd_sources(&n);
    for (size_t i = 0; i < n; i++) {
        printf("%s%s (%s)\n", i ? "\n" : "", s[i].name, s[i].id);
        field("", s[i].what);
        field("Uitgever:", s[i].publisher);
        field("Tabellen:", s[i].tables);
        field("Adres:", s[i].url);
        field("Licentie:", s[i].licence);
        field("Vermelding:", s[i].citation);
        if (s[i].fetch)
            printf("  Ophalen:    wijkdata fetch --gemeente GMxxxx --sources %s\n", s[i].fetch);
        if (s[i].format)
            printf("  Inlezen:    wijkdata import BESTAND|URL --format %s\n", s[i].format);
    }
    return CLI_EXIT_OK;
}
