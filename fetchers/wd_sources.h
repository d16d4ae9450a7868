/* What the engine can read: one description per source (what it is, its tables, licence,
 * how to cite it), kept here as data so that the adapters (publisher and licence of every
 * wd_source they record), the CLI and the documentation all say the same. Texts are in Dutch
 * because users read them as they are. */
#ifndef WD_SOURCES_H
#define WD_SOURCES_H

#include <stddef.h>

typedef struct {
    const char *id;        /* "kwb", "rivm", "cbs-v4", "leefbaarometer", "pdok", "statline" */
    const char *name;      /* "CBS Kerncijfers wijken en buurten" */
    const char *publisher; /* as in wd_source.publisher: "CBS", "RIVM/CBS", ... */
    const char *what;      /* one or two sentences: what it holds, at which level */
    const char *tables;    /* table ids, layers or files */
    const char *url;       /* where it is served */
    const char *licence;   /* "CC BY 4.0", "CC0" */
    const char *citation;  /* the citation text to print under figures */
    const char *format;    /* the --format of `wijkdata import` for a saved copy */
    const char *fetch;     /* the name in `wijkdata fetch --sources`, NULL if fetch does not
                              read it */
} wd_source_info;

/* borrowed — the static list of sources; *n receives its length. */
const wd_source_info *wd_sources(size_t *n);

#endif
