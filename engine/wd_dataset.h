/* A gemeente (or the whole country) loaded from the store into compact arrays.
 *
 * Cells are indexed region x year x variable, so that every indicator, trend and index is
 * computed in one pass without querying the store again. Only the variables that the
 * indicator set uses are loaded. Regions are ordered by level (land, gemeenten, wijken,
 * buurten) then code; the country row NL00 is included whenever the store has it.
 *
 * Editions. A source that publishes several years in one table, or years in the indeling of
 * another (RIVM's Gezondheidsmonitor: 50120NED 2012-2022 in the indeling of 2022, 50150NED
 * 2012-2024 in that of 2024; a Leefbaarometer edition), is an edition of those years, and one
 * series never mixes two: when a region has points of a variable from more than one edition,
 * the newest gives the whole series and the others are left out. Newest is the edition with
 * the newest indeling, then the one with the newest year, then the one imported last. A variable
 * with several names (wd_term: the names of different editions) is one series per region in the
 * same way; in a year that more than one of its names has, a point with a value comes before one
 * without, a point without a value but with its reason (-99995 and the like) before one without,
 * then the order of the definition. A source with one year (a KWB table) is no edition: each year
 * of KWB comes from its own table.
 *
 * Areas. A region's figures are in the indeling of their source (wd_source.indeling); the
 * dataset keeps what says whether the region's area was the same in two indelingen: KWB's
 * IndelingswijzigingGemeenteWijkBuurt per year (1: unchanged since the year before) and which
 * years have the same stored boundary (wd_dataset_area).
 *
 * Werkgebieden. A gemeente's load holds its werkgebieden (their parent is the gemeente) with
 * their members; a member in another gemeente is loaded too, marked `outside`. A werkgebied's
 * area changes in a year in which one of its members' does. */
#ifndef WD_DATASET_H
#define WD_DATASET_H

#include "engine/wd_batch.h"
#include "engine/wd_error.h"
#include "engine/wd_indicators.h"
#include "engine/wd_store.h"

#include <stddef.h>

/* "variable|subgroup"; a variable with several names "name/name|subgroup" */
#define WD_DS_VAR_MAX (WD_IND_MAX_NAMES * WD_VAR_MAX + 17)

/* A member of a werkgebied (engine/wd_werkgebied.h): both region indices. */
typedef struct {
    int werkgebied, region;
} wd_dataset_member;

/* Two years in which a region's stored boundaries are the same text. */
typedef struct {
    int region;
    int year_a, year_b; /* calendar years, year_a < year_b */
} wd_dataset_same_geometry;

typedef struct {
    size_t n_regions;
    wd_region *regions;
    int *parent;        /* index of each region's parent, -1 if not loaded */
    int *gemeente;      /* index of each region's gemeente (itself for a gemeente), -1 */
    int year0, n_years; /* years year0 .. year0 + n_years - 1 */
    size_t n_vars;
    char (*vars)[WD_DS_VAR_MAX];
    double *value;          /* NAN when missing */
    float *lo, *hi;         /* interval bounds, NAN when unknown */
    unsigned char *flags;   /* WD_FLAG_* */
    unsigned short *source; /* index into sources */
    size_t n_sources;
    wd_source *sources;
    int *source_indeling; /* (source): the indeling of its figures: sources.indeling, or for a
                             source that does not say (the Leefbaarometer) the newest year of
                             its figures here; 0 when it has none here */
    unsigned short *area; /* (region, year): the same number in two years means the same area:
                             a new number begins in every year in which KWB's
                             IndelingswijzigingGemeenteWijkBuurt is not known to be 1 */
    size_t n_same_geometry;
    wd_dataset_same_geometry *same_geometry; /* ordered by region */
    size_t n_members;
    wd_dataset_member *members; /* of the loaded werkgebieden, by werkgebied, in their order */
    unsigned char *outside;     /* (region): 1 for a buurt or wijk of another gemeente, loaded
                                   only because a werkgebied of this one has it; no output
                                   lists it, and it has no parent or gemeente here */
} wd_dataset;

/* Load the regions of `gemeente` (NULL: all regions) with the variables used by `set`.
 * new — free with wd_dataset_free(). An unknown gemeente is WD_ENOTFOUND. */
int wd_dataset_load(wd_dataset **out, wd_store *store, const char *gemeente,
                    const wd_indicator_set *set, wd_error *err);
/* Every buurt of the store and NL00 alone, for national figures (wd_compute_land). */
int wd_dataset_load_buurten(wd_dataset **out, wd_store *store, const wd_indicator_set *set,
                            wd_error *err);
void wd_dataset_free(wd_dataset *ds);

/* The members of werkgebied index w: *n of them from the returned entry on (NULL, *n 0 when
 * there are none). */
const wd_dataset_member *wd_dataset_members(const wd_dataset *ds, size_t w, size_t *n);

/* Index of a region by code, or -1. */
int wd_dataset_region(const wd_dataset *ds, const char *code);
/* Index of a variable ("AantalInwoners", or "Mantelzorger|20300" with a subgroup), or -1. */
int wd_dataset_var(const wd_dataset *ds, const char *variable, const char *subgroup);
/* Index of the series made of the names of `t` with `subgroup` ("" or NULL: none; see
 * "Editions" above), or -1 when it was not loaded. */
int wd_dataset_term(const wd_dataset *ds, const wd_term *t, const char *subgroup);

/* Whether region r had the same area in the calendar years a and b (indelingen). */
typedef enum {
    WD_AREA_SAME,    /* a == b, Nederland, KWB's IndelingswijzigingGemeenteWijkBuurt 1 in every
                        year after the earlier up to the later, or the same stored boundary */
    WD_AREA_CHANGED, /* that field says otherwise in a year between */
    WD_AREA_UNKNOWN  /* neither: a year between without it, and no boundaries to compare */
} wd_area;
wd_area wd_dataset_area(const wd_dataset *ds, size_t r, int a, int b);

/* Whether a buurt of `ds` has inhabitants in year index y (0 outside the data). */
int wd_dataset_buurt_data(const wd_dataset *ds, int y);
/* Year index of the newest year in which a buurt of `ds` has inhabitants: the year a gemeente
 * is reported and ranked in by default; -1 when no buurt has any. */
int wd_dataset_buurt_year(const wd_dataset *ds);

/* The error of a report for calendar year `year` (0: the default year) for which the data have
 * no buurt with inhabitants: WD_ERR (data the store lacks, not a mistake in the command; not
 * WD_ENOTFOUND, which a run over every gemeente takes for a gemeente without data) with "geen
 * buurtgegevens voor jaar N" and the years that have them ("2016-2025"), or how to get them
 * when there are none, naming the gemeente when the data hold one. Returns the code. */
int wd_dataset_year_error(const wd_dataset *ds, int year, wd_error *err);

/* Index of cell (region r, year index y, variable v). */
static inline size_t wd_dataset_cell(const wd_dataset *ds, size_t r, int y, size_t v)
{
    return ((r * (size_t)ds->n_years) + (size_t)y) * ds->n_vars + v;
}

#endif
