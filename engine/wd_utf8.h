/* UTF-8 text in fixed-size fields: names and labels copied, cut only between characters (with
 * an ellipsis where they were cut), and text repaired for what refuses invalid UTF-8 (pango
 * and cairo refuse a whole page for one bad byte). Part of the small utility module (wd_buf,
 * wd_file, wd_time, wd_sha256, wd_utf8) that fetchers, engine and plots share. Plain
 * functions of their arguments, by the rules of RFC 3629 (no overlong forms, surrogates or
 * code points above U+10FFFF). */
#ifndef WD_UTF8_H
#define WD_UTF8_H

#include <stddef.h>

/* Length of the UTF-8 character that starts at `s` (1 to 4 bytes), or 0 when the bytes there
 * are not one. A NUL ends the text: a character cut off by it is not one. */
size_t wd_utf8_char(const char *s);

/* Whether NUL-terminated `s` is valid UTF-8 throughout (NULL counts as valid, empty). */
int wd_utf8_validate(const char *s);

/* Copy UTF-8 `src` (NULL: "") into buf[cap]. Text that does not fit is cut at a character
 * boundary and ends in an ellipsis ("…") when there is room for one; a byte that is not part
 * of a valid UTF-8 character becomes '?'. Returns 0, WD_ENOMEM when the text was cut, WD_EUSAGE
 * for a NULL or zero-size buffer. */
int wd_utf8_copy(char *buf, size_t cap, const char *src);

/* wd_utf8_copy of a printf-style text: where a name goes into a fixed-size field among other
 * words. */
int wd_utf8_printf(char *buf, size_t cap, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Make `s` valid UTF-8 in place: a character cut off at the end is dropped, any other invalid
 * byte becomes '?', so no byte moves. Returns the number of bytes changed or dropped; NULL is
 * left alone. */
size_t wd_utf8_repair(char *s);

#endif
