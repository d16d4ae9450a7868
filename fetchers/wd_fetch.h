/* The sources the engine reads: one table of them and of the formats `wijkdata import` reads,
 * and the adapters that read each one into a wd_batch, with provenance.
 *
 * The table says, per source, what it is, who publishes it under which licence, how to cite
 * it, how `wijkdata fetch --sources` names it and which import format reads a saved copy; per
 * import format, what it reads and how (its adapter). `wijkdata sources`, `wijkdata import`
 * and the fetch plan (wd_plan.h) read it, and the adapters take the publisher and licence of
 * what they record from it, so each is written in one place. Texts are in Dutch because
 * users read them as they are.
 *
 * Every adapter fetches through wd_http (so http://, https:// and file:// mirrors behave
 * the same), parses with a parser that takes (pointer, length), and appends regions,
 * observations and a wd_source to the batch. Adapters never compute indicators. Errors say
 * what and where: URL, file:line:column, field. */
#ifndef WD_FETCH_H
#define WD_FETCH_H

#include "engine/wd_batch.h"
#include "engine/wd_error.h"
#include "fetchers/wd_http.h"
#include "fetchers/wd_mapping.h"
#include "fetchers/wd_odata.h"
#include "fetchers/wd_odata4.h"

#include <stddef.h>

/* ---- The table ------------------------------------------------------------------------ */

/* The sources `wijkdata fetch` reads, as bits of a set (wd_plan.sources). */
enum { WD_SOURCE_KWB = 1, WD_SOURCE_RIVM = 2, WD_SOURCE_LBM = 4, WD_SOURCE_GEO = 8 };

/* A source. */
typedef struct {
    const char *id;        /* "kwb", "rivm", "cbs-v4", "leefbaarometer", "pdok", "statline" */
    const char *name;      /* "CBS Kerncijfers wijken en buurten" */
    const char *publisher; /* as in wd_source.publisher: "CBS", "RIVM/CBS", ... */
    const char *what;      /* one or two sentences: what it holds, at which level */
    const char *tables;    /* table ids, layers or files */
    const char *url;       /* where it is served */
    const char *licence;   /* "CC BY 4.0", "CC0" */
    const char *citation;  /* the citation text to print under figures */
    const char *format;    /* the import format (wd_fetch_formats) that `wijkdata sources`
                            * names for a saved copy, NULL for none */
    const char *fetch;     /* the name in `wijkdata fetch --sources`, NULL if fetch does not
                            * read it */
    unsigned plan;         /* with `fetch`: its WD_SOURCE_* bit; else 0 */
} wd_source_info;

/* borrowed — the static list of sources, in the order `wijkdata sources` shows them; *n
 * receives its length. */
const wd_source_info *wd_fetch_sources(size_t *n);

/* Whether an import format reads a mapping file (wd_mapping.h). */
typedef enum {
    WD_IMPORT_NO_MAPPING,       /* --mapping is refused */
    WD_IMPORT_MAPPING_OPTIONAL, /* with one, only the columns it names */
    WD_IMPORT_MAPPING_REQUIRED  /* an own file: the mapping says what it holds */
} wd_import_mapping;

/* What `wijkdata import` gives an import format besides the file. */
typedef struct {
    const wd_mapping *mapping; /* NULL, or a mapping as the format's `mapping` allows */
    int year;                  /* --jaar, 0 when not given */
    int default_year;          /* the year a format that needs one takes without --jaar (the
                                * current year) */
    wd_measures *names;        /* may be NULL; cbs-v4 puts the table's measures here (the
                                * caller frees them with wd_odata4_measures_free) */
} wd_import_options;

/* An import format: a saved copy of a source, or a file of one's own. */
typedef struct {
    const char *name;          /* "leefbaarometer-zip": `wijkdata import --format` */
    const char *help;          /* what it reads, as `wijkdata import --help` says it: lines of at
                                * most 57 characters, each ending in '\n' */
    wd_import_mapping mapping; /* whether it reads a mapping file */
    /* Read the file or folder at `url` (file:// or http(s)://) into `b`, through its adapter
     * below; on failure the batch is as it was. */
    int (*read)(wd_http *h, const char *url, const wd_import_options *o, wd_batch *b,
                wd_error *err);
} wd_import_format;

/* borrowed — the static list of import formats, in the order `wijkdata import --help` shows
 * them; *n receives its length. */
const wd_import_format *wd_fetch_formats(size_t *n);
/* borrowed — the import format called `name`, or NULL. */
const wd_import_format *wd_fetch_format(const char *name);

/* ---- The adapters --------------------------------------------------------------------- */

/* CBS OData v3 (KWB tables and RIVM tables on dataderden). `base` is the feed root without
 * a trailing slash, e.g. "https://opendata.cbs.nl/ODataFeed/odata"; the adapter requests
 *   {base}/{table}/TableInfos?$format=json
 *   {base}/{table}/DataProperties?$format=json
 *   {base}/{table}/WijkenEnBuurten?$format=json[&$filter=F(Key)]
 *   {base}/{table}/TypedDataSet?$format=json[&$filter=F(WijkenEnBuurten)]
 * where F(X) is startswith(X,'GMxxxx') or startswith(X,'WKxxxx') or startswith(X,'BUxxxx')
 * or X eq 'NL00      ' (CBS compares padded keys exactly), and follows "odata.nextLink" on
 * every collection until it is absent. A reply that is no JSON is retried page by page
 * (wd_http_get_json); ODataApi's refusal of more than 10,000 records turns the query to the
 * ODataFeed. A table whose WijkenEnBuurten does not list the gemeente adds nothing and is no
 * error (another indeling); one that lists it but yields no observation is WD_ENOTFOUND. */
typedef struct {
    const char *base;
    const char *table_id; /* "85984NED" */
    const char *gemeente; /* "GM0344" to restrict, NULL for all regions */
    wd_hand_on hand_on;   /* KWB and RIVM; RIVM's observations then come in parts (wd_obs.parts) */
} wd_odata_request;

/* KWB: every numeric field of TypedDataSet becomes an observation named as wd_odata_props_name
 * names it (the key without its `_N` suffix; a repeated stem by its group), for the year of
 * the table (from TableInfos Period); regions come from WijkenEnBuurten (names) and the
 * row's codes; null -> WD_FLAG_MISSING. The field IndelingswijzigingGemeenteWijkBuurt is kept
 * as an observation; the source records the table's year as its indeling. */
int wd_fetch_kwb(wd_http *h, const wd_odata_request *req, wd_batch *b, wd_error *err);

/* RIVM Gezondheid per wijk en buurt (50090/50120/50150NED), requested as KWB tables are:
 * rows with Leeftijd, Marges and Perioden; the MW00000 row gives the value, MOG0095/MBG0095
 * the interval bounds; Leeftijd becomes the subgroup; every value carries WD_FLAG_MODEL.
 * Variables are named as the table names them (50150NED renamed several of 50120NED's);
 * the source records the indeling of the title ("(indeling 2024)"). */
int wd_fetch_rivm(wd_http *h, const wd_odata_request *req, wd_batch *b, wd_error *err);

/* A saved CBS OData v3 table (KWB or RIVM), as an analyst keeps it: a folder named after the
 * table ("85984NED/") with the replies TableInfos, DataProperties and TypedDataSet, and
 * WijkenEnBuurten when it was saved too (the names of wijken and buurten), each a file of
 * that name with or without ".json". A collection saved in pages has a file per page:
 * "TypedDataSet", "TypedDataSet-2", ... In a local folder (file:// URL) these are read in
 * that order: the odata.nextLink of a saved page points to the service it came from, so it
 * only shows that a page is missing (an error naming it). Over http(s) the pages are followed
 * by their links. Rows are read as wd_fetch_kwb reads them, or as wd_fetch_rivm does when
 * DataProperties has the dimension Marges; `gemeente` (may be NULL) keeps only its regions
 * and the country. No observation at all is WD_ENOTFOUND. */
int wd_fetch_cbs_v3_folder(wd_http *h, const char *url, const char *gemeente, wd_batch *b,
                           wd_error *err);

/* Leefbaarometer 3.0 buurt or wijk scores CSV (bu_code,bu_naam,jaar,lbm,afw,fys,onv,soc,vrz,won
 * or wk_code,...): variables "lbm", "afw", "fys", ... per year. `on` (NULL: none) hands the
 * batch on as it fills (the national buurt file is a million observations). */
int wd_fetch_lbm_csv(wd_http *h, const char *url, const wd_hand_on *on, wd_batch *b, wd_error *err);

/* The Leefbaarometer 3.0 open-data zip as published: the members "Leefbaarometer-scores
 * buurten 2002-2024.csv" (required) and the wijk and gemeente files (when present; PC4 and
 * grid files are skipped), each read as wd_fetch_lbm_csv reads a file, with the zip's URL
 * and the member name as provenance. Errors name the zip and the member: not a zip, a
 * damaged member, no buurten member. */
int wd_fetch_lbm_zip(wd_http *h, const char *url, const wd_hand_on *on, wd_batch *b, wd_error *err);

/* CBS Open Data v4 (https://datasets.cbs.nl/odata/v1/CBS): `base` without trailing slash;
 * the adapter requests
 *   {base}/{table}/Properties              title (and year, when Observations lack Perioden)
 *   {base}/{table}/MeasureCodes            measure code -> title and unit
 *   {base}/{table}/Observations[?$filter=startswith(WijkenEnBuurten,'GMxxxx') or
 *                                         WijkenEnBuurten eq 'NL01']
 * and follows "@odata.nextLink". Rows are long: {"Id", "Measure", "Value", "ValueAttribute",
 * "WijkenEnBuurten" (or "RegioS"), "Perioden", other dimensions}. The variable is the measure
 * code ("T001036"), which v4 keeps stable across years; its title is kept in *names.
 * ValueAttribute "None" is a value; "Impossible" and "Missing" give WD_FLAG_MISSING, any other
 * (secret, unreliable) WD_FLAG_SUPPRESSED, always with NAN. Other dimensions become the
 * subgroup (codes joined by ','). `names` may be NULL; otherwise it receives the table's
 * measures (wd_odata4.h; caller frees with wd_odata4_measures_free, also after a failure). */
int wd_fetch_cbs_v4(wd_http *h, const wd_odata_request *req, wd_batch *b, wd_measures *names,
                    wd_error *err);

/* PDOK OGC API Features (GeoJSON, CRS84) buurten/wijken/gemeenten items, paged through the
 * links entry with rel "next"; geometries stored for `year`, regions with names/parents,
 * water parts skipped (wd_pdok_parse); the source records `year` as its indeling. */
int wd_fetch_pdok(wd_http *h, const char *url, int year, wd_batch *b, wd_error *err);

/* StatLine "CSV met statistische symbolen" export (BOM, ';', quoted, padded, "." missing,
 * decimal point or comma). The region column is the one whose header contains "Codering"
 * or "Regiocode" (padded codes); the period from a "Perioden" column or `year`. Each other
 * column becomes a variable named by its header text. The source is recorded under the CBS
 * table id found in the file's name or text ("85984NED"), else "statline-<file name>". With a
 * mapping (`map`, may be NULL) the file is read as the mapping says (its region and period
 * columns, its variables, renamed as it says; wd_fetch_mapped) and recorded under the
 * mapping's table, with CBS and CC BY 4.0 as publisher and licence unless it names others. */
int wd_fetch_statline_csv(wd_http *h, const char *url, int year, const wd_mapping *map, wd_batch *b,
                          wd_error *err);

/* A generic CSV (`json` 0) or JSON (`json` 1) file at `url`, read as `m` says; its source is
 * recorded with the mapping's table id, title, publisher and licence. `year` is used when the
 * mapping names no period column and no fixed year. */
int wd_fetch_mapped(wd_http *h, const char *url, const wd_mapping *m, int json, int year,
                    wd_batch *b, wd_error *err);

#endif
