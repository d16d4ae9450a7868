/* The levels of the Dutch area classification the engine knows: Nederland, gemeente, wijk and
 * buurt, with their codes (NL00, GM0363, WK036300, BU03630000) and Dutch names, and the
 * werkgebied: an area users draw from buurten and wijken (engine/wd_werkgebied.h), coded WG
 * and a number (WG0001), a prefix no CBS code has. */
#ifndef WD_LEVEL_H
#define WD_LEVEL_H

typedef enum {
    WD_LEVEL_LAND = 0,
    WD_LEVEL_GEMEENTE = 1,
    WD_LEVEL_WIJK = 2,
    WD_LEVEL_BUURT = 3,
    WD_LEVEL_WERKGEBIED = 4
} wd_level;

/* The level of a CBS area code by its prefix (GM/WK/BU/NL); -1 when unknown, also for a
 * werkgebied's WG code: sources never deliver figures of a werkgebied, so importers refuse it. */
int wd_level_of_code(const char *code);

/* Dutch name of a level: "buurt", "wijk", "gemeente", "Nederland", "werkgebied". */
const char *wd_level_name(wd_level level);

#endif
