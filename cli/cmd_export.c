/* wijkdata export: every indicator, one row per region, in the formats analysts open (CSV for
 * any program, CSV for Dutch Excel, XLSX, GeoJSON and GeoPackage for QGIS). The table and the
 * formats are the library's (engine/wd_table.h); this command picks the format and the file. */
#include "cli/cli.h"

#include "engine/wd_geojson.h"
#include "engine/wd_gpkg.h"
#include "engine/wd_table.h"
#include "engine/wd_xlsx.h"

#include <stdio.h>
#include <string.h>

static const char usage_export[] =
    "Gebruik: wijkdata export --format csv|csv-nl|xlsx|geojson|gpkg [--gemeente GMxxxx]\n"
    "                         [--level buurt|wijk|gemeente|alle] [--jaar JJJJ] [--out BESTAND]\n"
    "                         [--threads N] [--store PAD]\n"
    "\n"
    "Schrijft elke indicator met een rij per regio (breed: kolommen per indicator): de waarde,\n"
    "het jaar waar die vandaan komt (het nieuwste jaar met een waarde, hooguit 4 jaar voor het\n"
    "peiljaar, zoals in de profielen), de vlaggen, waarom een waarde ontbreekt, het\n"
    "95%-interval, de trend (helling per jaar) met de trend in woorden en de brontabel; dan\n"
    "draagkracht_index, draaglast_index en de balans. Ontbrekend is leeg, nooit 0. De store\n"
    "wordt alleen gelezen; het bestand komt pas op zijn plaats als het helemaal geschreven is.\n"
    "\n"
    "Formaten:\n"
    "  csv      komma, decimale punt, UTF-8 (RFC 4180): voor R, Python en elk ander programma\n"
    "  csv-nl   puntkomma, decimale komma, UTF-8 met BOM: opent zo in Nederlandse Excel\n"
    "  xlsx     Excel-werkmap: een blad per niveau, een blad met de bronnen en een met de\n"
    "           definities; getallen als getallen, kopregel vast, filters aan\n"
    "  geojson  de grenzen (lon/lat, CRS84) met de indicatoren als eigenschappen\n"
    "  gpkg     GeoPackage voor QGIS: een laag per niveau in RD New (EPSG:28992), zoals PDOK\n"
    "           de grenzen publiceert\n"
    "\n"
    "  --gemeente GMxxxx  alleen deze gemeente (standaard alle gemeenten)\n"
    "  --level NIVEAU     buurt, wijk, gemeente of alle (standaard buurt; voor xlsx en gpkg\n"
    "                     alle: een blad of laag per niveau; geojson en gpkg hebben geen\n"
    "                     rij voor Nederland, dat geen grens heeft)\n"
    "  --jaar JJJJ        peiljaar, ook van de grenzen (standaard per regio het laatste jaar\n"
    "                     met inwoners, en de grenzen van het laatste jaar van de gegevens)\n"
    "  --out BESTAND      het bestand (csv, csv-nl en geojson zonder --out naar\n"
    "                     standaarduitvoer; xlsx en gpkg standaard wijkdata-export.xlsx,\n"
    "                     -.gpkg); heel geschreven of helemaal niet\n"
    "  --threads N        gemeenten tegelijk (standaard een per processorkern)\n"
    "  --indicators BESTAND, --balans BESTAND   eigen definities (JSON)\n";

static const wd_table_sink *const formats[] = {&wd_table_csv, &wd_table_csv_nl, &wd_xlsx_sink,
                                               &wd_geojson_sink, &wd_gpkg_sink};

/* --level was not given: the format chooses. */
#define LEVEL_UNSET (-3)

int cli_cmd_export(int argc, char **argv, cli_options *o)
{
    int code = CLI_EXIT_OK;
    o->level = LEVEL_UNSET;
    int first = cli_parse_options("export", usage_export, argc, argv, o, &code);
    if (first < 0) return code;
    if (first != argc) return cli_usage_error("export", "onverwacht argument '%s'", argv[first]);
    if (!o->format)
        return cli_usage_error("export", "kies een formaat met --format (%s)",
                               "csv, csv-nl, xlsx, geojson of gpkg");
    const wd_table_sink *sink = NULL;
    for (size_t k = 0; k < sizeof formats / sizeof *formats; k++)
        if (strcmp(o->format, formats[k]->name) == 0) sink = formats[k];
    if (!sink)
        return cli_usage_error(
            "export", "onbekend formaat '%s' (kies csv, csv-nl, xlsx, geojson of gpkg)", o->format);
    if (o->level == LEVEL_UNSET) o->level = sink->by_path ? -1 : WD_LEVEL_BUURT;
    char name[64];
    const char *out = o->out;
    if (!out && sink->by_path) {
        snprintf(name, sizeof name, "wijkdata-export.%s", sink->extension);
        out = name;
    }
    wd_table_options to = {
        .gemeente = o->gemeente, .level = o->level, .year = o->year, .threads = o->threads};
    if (cli_shows_progress(o)) to.progress = cli_show_progress;
    wd_error err = {0};
    wd_session s;
    wd_session_options so = cli_session_options(o);
    so.read_only = 1;
    wd_table_stats stats = {0};
    int rc = wd_session_open(&s, &so, &err);
    if (!rc) rc = wd_table_export(&s, sink, &to, out, &stats, &err);
    if (to.progress) fputc('\n', stderr);
    wd_session_close(&s);
    if (rc) return cli_fail(&err);
    if (out) {
        fprintf(stderr, "%s geschreven: %zu regio's", out, stats.rows);
        if (sink->geometry)
            fprintf(stderr, ", grenzen van %d (%zu zonder grens)", stats.boundary_year,
                    stats.without_shape);
        fputc('\n', stderr);
    }
    return CLI_EXIT_OK;
}
