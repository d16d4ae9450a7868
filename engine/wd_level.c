/* Implementation of wd_level.h. */
#include "engine/wd_level.h"

#include <string.h>

int wd_level_of_code(const char *code)
{
    if (strncmp(code, "BU", 2) == 0) return WD_LEVEL_BUURT;
    if (strncmp(code, "WK", 2) == 0) return WD_LEVEL_WIJK;
    if (strncmp(code, "GM", 2) == 0) return WD_LEVEL_GEMEENTE;
    if (strncmp(code, "NL", 2) == 0) return WD_LEVEL_LAND;
    return -1;
}

const char *wd_level_name(wd_level level)
{
    switch (level) {
    case WD_LEVEL_LAND:
        return "Nederland";
    case WD_LEVEL_GEMEENTE:
        return "gemeente";
    case WD_LEVEL_WIJK:
        return "wijk";
    case WD_LEVEL_BUURT:
        return "buurt";
    case WD_LEVEL_WERKGEBIED:
        return "werkgebied";
    }
    return "?";
}
