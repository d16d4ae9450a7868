/* Implementation of wd_rd.h: the two polynomials, each a table of (p, q, coefficient) terms. */
#include "engine/wd_rd.h"

#include <stddef.h>

/* The origin: the Onze Lieve Vrouwetoren in Amersfoort. */
#define RD_X0 155000.0
#define RD_Y0 463000.0
#define RD_LAT0 52.15517440
#define RD_LON0 5.38720621

typedef struct {
    int p, q;
    double c;
} term;

/* Sum of c * a^p * b^q over the terms. */
static double poly(const term *t, size_t n, double a, double b)
{
    double pa[6] = {1, a, a * a, a * a * a, a * a * a * a, a * a * a * a * a};
    double pb[6] = {1, b, b * b, b * b * b, b * b * b * b, b * b * b * b * b};
    double s = 0;
    for (size_t k = 0; k < n; k++)
        s += t[k].c * pa[t[k].p] * pb[t[k].q];
    return s;
}

/* WGS84 -> RD: a = 0.36 (lat - lat0), b = 0.36 (lon - lon0) (degrees to 10^4 arc seconds). */
static const term rd_x[] = {{0, 1, 190094.945}, {1, 1, -11832.228}, {2, 1, -114.221},
                            {0, 3, -32.391},    {1, 0, -0.705},     {3, 1, -2.340},
                            {1, 3, -0.608},     {0, 2, -0.008},     {2, 3, 0.148}};
static const term rd_y[] = {{1, 0, 309056.544}, {0, 2, 3638.893}, {2, 0, 73.077}, {1, 2, -157.984},
                            {3, 0, 59.788},     {0, 1, 0.433},    {2, 2, -6.439}, {1, 1, -0.032},
                            {0, 4, 0.092},      {1, 4, -0.054}};
/* RD -> WGS84: a = 10^-5 (x - x0), b = 10^-5 (y - y0); the sums are in arc seconds. */
static const term wgs_lat[] = {{0, 1, 3235.65389}, {2, 0, -32.58297}, {0, 2, -0.24750},
                               {2, 1, -0.84978},   {0, 3, -0.06550},  {2, 2, -0.01709},
                               {1, 0, -0.00738},   {4, 0, 0.00530},   {2, 3, -0.00039},
                               {4, 1, 0.00033},    {1, 1, -0.00012}};
static const term wgs_lon[] = {{1, 0, 5260.52916}, {1, 1, 105.94684}, {1, 2, 2.45656},
                               {3, 0, -0.81885},   {1, 3, 0.05594},   {3, 1, -0.05607},
                               {0, 1, 0.01199},    {3, 2, -0.00256},  {1, 4, 0.00128},
                               {0, 2, 0.00022},    {2, 0, -0.00022},  {5, 0, 0.00026}};
#define N(t) (sizeof t / sizeof *t)

void wd_rd_from_wgs84(double lon, double lat, double *x, double *y)
{
    double a = 0.36 * (lat - RD_LAT0), b = 0.36 * (lon - RD_LON0);
    *x = RD_X0 + poly(rd_x, N(rd_x), a, b);
    *y = RD_Y0 + poly(rd_y, N(rd_y), a, b);
}

void wd_rd_to_wgs84(double x, double y, double *lon, double *lat)
{
    double a = 1e-5 * (x - RD_X0), b = 1e-5 * (y - RD_Y0);
    *lat = RD_LAT0 + poly(wgs_lat, N(wgs_lat), a, b) / 3600.0;
    *lon = RD_LON0 + poly(wgs_lon, N(wgs_lon), a, b) / 3600.0;
}
