/* The demonstration dataset: a fictional gemeente "Voorbeeldstad" in the real source formats.
 *
 * wd_demo_generate writes, deterministically from a seed, a mirror of the real sources'
 * URL layout under a folder, so that the demo is read by the same fetchers and parsers as
 * real data (through file:// URLs). Codes are ones no real area uses (GM9999, WK999901,
 * BU99990101; scaled-up runs add GM9000..GM9341). Every value is simulated. */
#ifndef WD_DEMO_H
#define WD_DEMO_H

#include "engine/wd_error.h"

/* Default size of the demo: Voorbeeldstad with about 40 buurten in 6 wijken. */
#define WD_DEMO_DEFAULT_BUURTEN 40

typedef struct {
    int n_buurten;      /* total buurten; > 40 adds further fictional gemeenten */
    unsigned long seed; /* same seed, same bytes */
    int page_size;      /* rows per OData page before an odata.nextLink (default 10000) */
    int edition;        /* 1 (and 0): KWB 2016-2024; 2: the second edition, adding KWB 2025
                           (86165NED) with real movement in a few buurten (WD_DEMO_LAST_YEAR) */
} wd_demo_options;

/* The last KWB year of demo edition `edition` (1 or 2). */
#define WD_DEMO_LAST_YEAR(edition) ((edition) == 2 ? 2025 : 2024)

/* The layout written under `dir` (created if needed), as file paths that mirror URLs:
 *   dir/opendata.cbs.nl/ODataFeed/odata/<KWB table>/{TableInfos,DataProperties,
 *        WijkenEnBuurten,TypedDataSet,TypedDataSet-2,...}     KWB 2016..2024 (2025)
 *   dir/dataderden.cbs.nl/ODataFeed/odata/50120NED/...         RIVM 2012/2016/2020/2022
 *   dir/leefbaarometer/Leefbaarometer-scores buurten 2002-2024.csv
 *   dir/api.pdok.nl/cbs/wijken-en-buurten-2024/ogc/v1/collections/{gemeenten,wijken,buurten}/items[-N]
 *   dir/statline/nabijheid_2024.csv                           a StatLine CSV export
 * odata.nextLink and PDOK "next" links are absolute file:// URLs into the same tree. The second
 * edition writes the same files (byte for byte) and the KWB table of 2025: drawn from the same
 * model a year on, after every other source (so nothing else changes), its income not yet
 * delivered, and three events so that a follow-up has something to find: a care complex for
 * older residents in Oude Haven (BU99990101), new family homes in Binnenstad-Oost (BU99990103:
 * fewer one-person households), and Stationskwartier (BU99990102) redrawn (its
 * IndelingswijzigingGemeenteWijkBuurt 2). Still simulated, and labelled as the demo is.
 * Existing files are replaced. */
int wd_demo_generate(const char *dir, const wd_demo_options *opt, wd_error *err);

#endif
