/* The source descriptions of wd_sources.h. Table ids, licences and citations follow the
 * publishers (CBS, RIVM, Leefbaarometer, PDOK); change them here and nowhere else. */
#include "fetchers/wd_sources.h"

#include <stddef.h>

static const wd_source_info sources[] = {
    {"kwb", "CBS Kerncijfers wijken en buurten", "CBS",
     "Bevolking, huishoudens, wonen, inkomen, arbeid en voorzieningen per gemeente, wijk en "
     "buurt; een tabel per jaar, in de wijk- en buurtindeling van dat jaar.",
     "een tabel per jaar, gevonden in de CBS-catalogus (titel 'Kerncijfers wijken en buurten "
     "<jaar>'); zonder catalogus de ingebouwde lijst 2013 82339NED, 2014 82931NED, 2015 "
     "83220NED, 2016 83487NED, 2017 83765NED, 2018 84286NED, 2019 84583NED, 2020 84799NED, "
     "2021 85039NED, 2022 85318NED, 2023 85618NED, 2024 85984NED, 2025 86165NED",
     "https://opendata.cbs.nl/ODataFeed/odata/<tabel>/ (OData v3)", "CC BY 4.0",
     "Bron: CBS, Kerncijfers wijken en buurten <jaar> (tabel <id>), geraadpleegd <datum>.",
     "statline-csv", "kwb"},
    {"cbs-v4", "CBS Open Data v4 (datasets.cbs.nl)", "CBS",
     "Dezelfde CBS-tabellen in het nieuwe OData v4-formaat: lange rijen met een vaste "
     "onderwerpcode (Measure, bv. T001036) en een ValueAttribute per waarde.",
     "elke StatLine-tabel, bv. 85984NED; namen van de onderwerpen in MeasureCodes",
     "https://datasets.cbs.nl/odata/v1/CBS/<tabel>/Observations", "CC BY 4.0",
     "Bron: CBS, tabel <id>, geraadpleegd <datum>.", "cbs-v4", NULL},
    {"rivm", "RIVM Gezondheid per wijk en buurt", "RIVM/CBS",
     "Gezondheidsmonitor Volwassenen en Ouderen: percentages per wijk en buurt voor 18+, "
     "18-65 en 65+, met 95%-marges. Modelschattingen (RIVM SMAP), geen directe metingen.",
     "de nieuwste tabel 'Gezondheid per wijk en buurt' in de catalogus van dataderden.cbs.nl; "
     "bekend: 50090NED (2012/2016/2020, indeling 2020), 50120NED (2012/2016/2020/2022, "
     "indeling 2022), 50150NED (2012-2024, indeling 2024)",
     "https://dataderden.cbs.nl/ODataApi/odata/<tabel>/", "CC BY 4.0",
     "Bron: RIVM/CBS, Gezondheid per wijk en buurt (tabel <id>), modelschatting, "
     "geraadpleegd <datum>.",
     NULL, "rivm"},
    {"leefbaarometer", "Leefbaarometer 3.0", "Leefbaarometer",
     "Leefbaarheid per buurt, wijk en gemeente: totaalscore (lbm), afwijking van het "
     "landelijk ijkpunt (afw) en vijf dimensies (fys, onv, soc, vrz, won), klassen 1-9 van "
     "zeer onvoldoende tot uitstekend; edities 2002-2024.",
     "open-data-zip met 'Leefbaarometer-scores buurten 2002-2024.csv', wijken en gemeenten",
     "https://www.leefbaarometer.nl (open data); WFS https://geo.leefbaarometer.nl/lbm3/ows", "CC0",
     "Bron: Leefbaarometer 3.0 (Ministerie van BZK), editie <jaar>.", "leefbaarometer-zip", "lbm"},
    {"pdok", "CBS Wijk- en buurtkaart (PDOK)", "PDOK",
     "Grenzen van gemeenten, wijken en buurten met namen en kerncijfers, als GeoJSON in "
     "lengte/breedtegraad (CRS84).",
     "wijken-en-buurten-<jaar>: collecties gemeenten, wijken, buurten",
     "https://api.pdok.nl/cbs/wijken-en-buurten-<jaar>/ogc/v1/collections/<collectie>/items",
     "CC BY 4.0", "Bron: CBS/PDOK, Wijk- en buurtkaart <jaar>, geraadpleegd <datum>.",
     "pdok-geojson", "geo"},
    {"statline", "StatLine-export (CSV met statistische symbolen)", "CBS",
     "Een met de hand uit StatLine gedownloade tabel; '.' is onbekend of geheim, een lege "
     "cel kan niet voorkomen.",
     "elke StatLine-tabel met regiocodes (kolom 'Codering' of 'Regiocode')",
     "https://opendata.cbs.nl/statline/", "CC BY 4.0",
     "Bron: CBS StatLine, tabel <id>, geraadpleegd <datum>.", "statline-csv", NULL},
};

const wd_source_info *wd_sources(size_t *n)
{
    if (n) *n = sizeof sources / sizeof sources[0];
    return sources;
}
