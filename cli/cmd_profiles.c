/* wijkdata profiles: the wijkprofiel of every gemeente, wijk and buurt, gemeenten side by side. */
#include "cli/cli.h"

#include "plots/wd_render.h"

#include <stdio.h>
#include <time.h>

static const char usage_profiles[] =
    "Gebruik: wijkdata profiles [--gemeente GMxxxx] [--out MAP] [--jaar JJJJ] [--threads N]\n"
    "                           [--store PAD]\n"
    "\n"
    "Maakt het wijkprofiel (A4-PDF, zoals 'wijkdata profile') van de gemeente en van elke\n"
    "wijk en buurt ervan, en zonder --gemeente van elke gemeente in de store, als\n"
    "MAP/REGIOCODE.pdf. Elke gemeente wordt eenmaal geladen en doorgerekend, en er worden\n"
    "gemeenten naast elkaar gemaakt (een per processorkern). Elk bestand komt pas op zijn\n"
    "plaats als het af is. Een profiel dat niet gemaakt kan worden, wordt overgeslagen en aan\n"
    "het eind genoemd (afsluitcode 1); een volle of alleen-lezen schijf stopt de opdracht. De\n"
    "profielen die al klaar waren blijven staan. De store wordt alleen gelezen.\n"
    "\n"
    "  --gemeente GMxxxx  alleen deze gemeente (standaard alle gemeenten)\n"
    "  --out MAP          map voor de profielen (standaard wijkprofielen)\n"
    "  --jaar JJJJ        peiljaar (standaard het nieuwste jaar met buurtgegevens)\n"
    "  --threads N        gemeenten tegelijk (standaard een per processorkern)\n"
    "  --indicators BESTAND, --balans BESTAND, --opgaven BESTAND   eigen definities (JSON)\n";

int cli_cmd_profiles(int argc, char **argv, cli_options *o)
{
    int code = CLI_EXIT_OK;
    o->out = "wijkprofielen";
    int first = cli_parse_options("profiles", usage_profiles, argc, argv, o, &code);
    if (first < 0) return code;
    if (first != argc) return cli_usage_error("profiles", "onverwacht argument '%s'", argv[first]);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    wd_error err = {0};
    wd_session s;
    wd_session_options so = cli_session_options(o);
    so.read_only = 1;
    wd_render_report report = {0};
    int rc = wd_session_open(&s, &so, &err);
    if (!rc) {
        int shown = cli_shows_progress(o);
        rc = wd_render_profiles(&s, o->gemeente, o->out, o->year, o->threads,
                                shown ? cli_show_progress : NULL, NULL, &report, &err);
        if (shown) fputc('\n', stderr);
    }
    wd_session_close(&s);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (!rc || report.n_failed)
        printf("%zu profielen in %s/ na %.1f s\n", report.made, o->out,
               (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    /* Each region that failed alone, then the run's error: their count, or what stopped it. */
    for (size_t i = 0; i < report.n_failed; i++)
        fprintf(stderr, "wijkdata: profiel %s niet gemaakt: %s\n", report.failed[i].code,
                report.failed[i].err.msg);
    if (rc) cli_fail(&err);
    wd_render_report_free(&report);
    return rc ? CLI_EXIT_RUNTIME : CLI_EXIT_OK;
}
