/* Rijksdriehoeksstelsel (RD New, EPSG:28992) coordinates from WGS84 / CRS84 lon/lat and back.
 *
 * The store keeps boundaries in CRS84 (as PDOK serves them with crs=CRS84); the GeoPackage
 * export writes them in RD New, the CRS PDOK publishes them in. The transform is the pair of
 * approximation polynomials of Schreutelkamp and Strang van Hees ("Benaderingsformules voor
 * de transformatie tussen RD- en WGS84-kaartcoördinaten", 2001): a few dozen multiplications
 * per point, no grids, valid over the Netherlands and its borders. They reproduce RD within
 * a few decimetres: against PROJ's EPSG:4326 -> EPSG:28992 (its 7-parameter Helmert
 * transformation, which itself is good to about a metre) they differ by 0.30 m everywhere in
 * the country (tests/engine/test_rd.c), far below the detail of a buurt boundary. For
 * centimetres use RDNAPTRANS with its correction grid (PROJ with the NSGI grids). */
#ifndef WD_RD_H
#define WD_RD_H

/* RD New x, y in metres of the point lon, lat in degrees (WGS84). */
void wd_rd_from_wgs84(double lon, double lat, double *x, double *y);

/* WGS84 lon, lat in degrees of the RD New point x, y in metres. */
void wd_rd_to_wgs84(double x, double y, double *lon, double *lat);

#endif
