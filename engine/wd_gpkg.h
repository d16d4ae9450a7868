/* The wide table (engine/wd_table.h) as an OGC GeoPackage (version 1.3), the SQLite file
 * format QGIS and GDAL open natively: a feature table (layer) per level, "gemeenten",
 * "wijken", "buurten", named as PDOK names its collections, each with the regions'
 * boundaries as MULTIPOLYGON in RD New (EPSG:28992, the CRS PDOK publishes them in,
 * transformed from the store's CRS84 with engine/wd_rd.h) and every column of the table as an
 * attribute (REAL numbers, NULL when missing; TEXT; INTEGER years).
 *
 * The file follows the encoding of the standard (OGC 12-128r18): application_id "GPKG" and
 * user_version 10300, the tables gpkg_spatial_ref_sys (with the required -1, 0 and 4326 rows
 * and 28992), gpkg_contents (with each layer's extent) and gpkg_geometry_columns, and
 * geometries as GeoPackageBinary: the "GP" header with version, flags (little-endian, an
 * [minx, maxx, miny, maxy] envelope) and srs_id, then ISO WKB. Exterior rings run
 * counterclockwise, holes clockwise. A CRS84 layer is not added: QGIS reprojects on the fly,
 * and the GeoJSON export is the lon/lat copy. No spatial index (its triggers need functions
 * only GDAL provides); for 14,500 buurten QGIS draws without one.
 *
 * This module writes SQL, as the store does: the named exception to "only the store talks to
 * SQLite" in scripts/check-structure.sh, because a GeoPackage is a file format that happens to
 * be SQLite, not a store. */
#ifndef WD_GPKG_H
#define WD_GPKG_H

#include "engine/wd_table.h"

extern const wd_table_sink wd_gpkg_sink;

#endif
