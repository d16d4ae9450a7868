/* wijkdata sources: the sources the engine reads, with tables, licence and citation. The
 * descriptions live in the library (fetchers/wd_sources.c); this only prints them. */
#include "cli/cli.h"

#include "fetchers/wd_sources.h"

#include <stdio.h>

static const char usage_sources[] =
    "Gebruik: wijkdata sources\n"
    "\n"
    "Toont de bronnen die wijkdata leest: wat ze bevatten, hun tabellen, de licentie en hoe\n"
    "u ze vermeldt onder cijfers en in profielen.\n";

int cmd_sources(int argc, char **argv, options *o)
{
    int code = EXIT_OK;
    int first = parse_options("sources", usage_sources, argc, argv, o, &code);
    if (first < 0) return code;
    if (first != argc) return usage_error("sources", "onverwacht argument '%s'", argv[first]);
    size_t n;
    const wd_source_info *s = wd_sources(&n);
    for (size_t i = 0; i < n; i++) {
        printf("%s%s (%s)\n", i ? "\n" : "", s[i].name, s[i].id);
        printf("  %s\n", s[i].what);
        printf("  Uitgever:   %s\n", s[i].publisher);
        printf("  Tabellen:   %s\n", s[i].tables);
        printf("  Adres:      %s\n", s[i].url);
        printf("  Licentie:   %s\n", s[i].licence);
        printf("  Vermelding: %s\n", s[i].citation);
        if (s[i].format) printf("  Inlezen:    wijkdata import BESTAND --format %s\n", s[i].format);
    }
    return EXIT_OK;
}
