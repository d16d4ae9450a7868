/* Region codes and names where they leave the program: as the name of a file in an output
 * folder (DIR/CODE.pdf) and in text a terminal shows. Codes are checked where they enter
 * (fetchers/wd_parse.h), but a store written by an older version, a werkgebied or a caller's
 * argument may still hold anything; these two functions make sure that no such text can name
 * a file outside the folder or send control sequences to a terminal, whatever it is given. */
#ifndef WD_NAME_H
#define WD_NAME_H

#include <stddef.h>

/* The file name "<stem>.<ext>" (ext NULL or "": no extension) into dst[cap], as one path
 * component: letters and digits of ASCII, '-' and '_' are kept, a '.' is kept only after a
 * kept letter, digit, '-' or '_' (so no leading dot and no ".."), every other byte (a
 * separator, a control character, a byte of a UTF-8 character) becomes '_'; an empty stem
 * becomes "_". The extension is treated alike. Returns 0, or WD_EUSAGE when the name does
 * not fit in cap (dst then holds "").*/
int wd_name_file(char *dst, size_t cap, const char *stem, const char *ext);

/* `s` (NULL: "") into dst[cap] for printing: control characters (below U+0020, U+007F, the
 * C1 range) as \xHH, the Unicode direction controls (U+200E, U+200F, U+202A-U+202E,
 * U+2066-U+2069) as \uXXXX, a backslash as "\\", and any byte that is not part of a valid
 * UTF-8 character as \xHH; other text is copied. Text that does not fit is cut before an
 * escape or character. Returns dst, so it can stand in a printf argument list. */
const char *wd_name_print(char *dst, size_t cap, const char *s);

#endif
