/* A gemeente (or the whole country) loaded from the store into compact arrays.
 *
 * Cells are indexed region x year x variable, so that every indicator, trend and index is
 * computed in one pass without querying the store again. Only the variables that the
 * indicator set uses are loaded. Regions are ordered by level (land, gemeenten, wijken,
 * buurten) then code; the country row NL00 is included whenever the store has it. */
#ifndef WD_DATASET_H
#define WD_DATASET_H

#include "engine/wd_batch.h"
#include "engine/wd_error.h"
#include "engine/wd_indicators.h"
#include "engine/wd_store.h"

#include <stddef.h>

#define WD_DS_VAR_MAX (WD_VAR_MAX + 17) /* "variable|subgroup" */

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
} wd_dataset;

/* Load the regions of `gemeente` (NULL: all regions) with the variables used by `set`.
 * new — free with wd_dataset_free(). An unknown gemeente is WD_ENOTFOUND. */
int wd_dataset_load(wd_dataset **out, wd_store *store, const char *gemeente,
                    const wd_indicator_set *set, wd_error *err);
/* Every buurt of the store and NL00 alone, for national figures (wd_compute_land). */
int wd_dataset_load_buurten(wd_dataset **out, wd_store *store, const wd_indicator_set *set,
                            wd_error *err);
void wd_dataset_free(wd_dataset *ds);

/* Index of a region by code, or -1. */
int wd_dataset_region(const wd_dataset *ds, const char *code);
/* Index of a variable ("AantalInwoners", or "Mantelzorger|20300" with a subgroup), or -1. */
int wd_dataset_var(const wd_dataset *ds, const char *variable, const char *subgroup);

/* Index of cell (region r, year index y, variable v). */
static inline size_t wd_dataset_cell(const wd_dataset *ds, size_t r, int y, size_t v)
{
    return ((r * (size_t)ds->n_years) + (size_t)y) * ds->n_vars + v;
}

#endif
