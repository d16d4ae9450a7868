/* The levels of the Dutch area classification the engine knows: Nederland, gemeente, wijk and
 * buurt, with their codes (NL00, GM0363, WK036300, BU03630000) and Dutch names. */
#ifndef WD_LEVEL_H
#define WD_LEVEL_H

typedef enum {
    WD_LEVEL_LAND = 0,
    WD_LEVEL_GEMEENTE = 1,
    WD_LEVEL_WIJK = 2,
    WD_LEVEL_BUURT = 3
} wd_level;

/* The level of an area code by its prefix (GM/WK/BU/NL); -1 when unknown. */
int wd_level_of_code(const char *code);

/* Dutch name of a level: "buurt", "wijk", "gemeente", "Nederland". */
const char *wd_level_name(wd_level level);

#endif
