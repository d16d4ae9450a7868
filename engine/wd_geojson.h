/* The wide table (engine/wd_table.h) as GeoJSON (RFC 7946): one FeatureCollection, a Feature
 * per region with its boundary as geometry (Polygon, or MultiPolygon for a region in several
 * parts; null for a region without a stored boundary) and every column as a property
 * (numbers as numbers, null when missing). Coordinates are CRS84 longitude, latitude as the
 * store holds them, to 7 decimals (about a centimetre); exterior rings run counterclockwise
 * and holes clockwise, as RFC 7946 asks. QGIS and GDAL open it as one layer. */
#ifndef WD_GEOJSON_H
#define WD_GEOJSON_H

#include "engine/wd_table.h"

extern const wd_table_sink wd_geojson_sink;

#endif
