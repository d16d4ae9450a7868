/* Source adapters: each reads one real source format into a wd_batch, with provenance.
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

/* CBS OData v3 (KWB tables and RIVM tables on dataderden). `base` is the feed root without
 * a trailing slash, e.g. "https://opendata.cbs.nl/ODataFeed/odata"; the adapter requests
 *   {base}/{table}/TableInfos?$format=json
 *   {base}/{table}/DataProperties?$format=json
 *   {base}/{table}/WijkenEnBuurten?$format=json[&$filter=startswith(Key,'GMxxxx')]
 *   {base}/{table}/TypedDataSet?$format=json[&$filter=startswith(WijkenEnBuurten,'GMxxxx')]
 * and follows "odata.nextLink" until it is absent. */
typedef struct {
    const char *base;
    const char *table_id; /* "85984NED" */
    const char *gemeente; /* "GM0344" to restrict, NULL for all regions */
} wd_odata_request;

/* Check and normalise a gemeente code into out[cap]: " GM0344" -> "GM0344" (GM followed by
 * 4 letters or digits). WD_EUSAGE names a bad code. */
int wd_check_gemeente(char *out, size_t cap, const char *gm, wd_error *err);

/* The KWB table id of `year` (2013..2025), e.g. 2024 -> "85984NED", or NULL. */
const char *wd_kwb_table_id(int year);

/* KWB: every numeric field of TypedDataSet becomes an observation named by its key without
 * the `_N` suffix, for the year of the table (from TableInfos Period or Perioden); regions
 * come from WijkenEnBuurten (names) and the row's codes; null -> WD_FLAG_MISSING. The field
 * IndelingswijzigingGemeenteWijkBuurt is kept as an observation. */
int wd_fetch_kwb(wd_http *h, const wd_odata_request *req, wd_batch *b, wd_error *err);

/* RIVM Gezondheid per wijk en buurt (50090/50120/50150NED): rows with Leeftijd, Marges and
 * Perioden; the MW00000 row gives the value, MOG0095/MBG0095 the interval bounds; Leeftijd
 * becomes the subgroup; every value carries WD_FLAG_MODEL. */
int wd_fetch_rivm(wd_http *h, const wd_odata_request *req, wd_batch *b, wd_error *err);

/* Leefbaarometer 3.0 buurt or wijk scores CSV (bu_code,bu_naam,jaar,lbm,afw,fys,onv,soc,vrz,won
 * or wk_code,...): variables "lbm", "afw", "fys", ... per year. */
int wd_fetch_lbm_csv(wd_http *h, const char *url, wd_batch *b, wd_error *err);

/* PDOK OGC API Features (GeoJSON, CRS84) buurten/wijken/gemeenten items, paged through the
 * links entry with rel "next"; geometries stored for `year`, regions with names/parents. */
int wd_fetch_pdok(wd_http *h, const char *url, int year, wd_batch *b, wd_error *err);

/* StatLine "CSV met statistische symbolen" export (BOM, ';', quoted, padded, "." missing,
 * decimal point or comma). The region column is the one whose header contains "Codering"
 * or "Regiocode" (padded codes); the period from a "Perioden" column or `year`. Each other
 * column becomes a variable named by its header text. */
int wd_fetch_statline_csv(wd_http *h, const char *url, int year, wd_batch *b, wd_error *err);

#endif
