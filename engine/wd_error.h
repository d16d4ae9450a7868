/* One error type for the whole library.
 *
 * Every public call returns an int (0 on success, a negative wd_code on failure) and, on
 * failure, fills a caller-owned wd_error with the code and one line that says what and
 * where: file:line:column, URL and HTTP status, region code, field. Nothing in the library
 * prints or aborts; the CLI maps codes to exit statuses. */
#ifndef WD_ERROR_H
#define WD_ERROR_H

#include <stddef.h>

typedef enum {
    WD_OK = 0,
    WD_ERR = -1,       /* anything not listed below */
    WD_ENOMEM = -2,    /* allocation failed or a size cap was exceeded */
    WD_EIO = -3,       /* file cannot be read, written or renamed */
    WD_EPARSE = -4,    /* input does not follow its format */
    WD_ENOTFOUND = -5, /* region, variable, file or URL does not exist */
    WD_EHTTP = -6,     /* transfer failed or the server answered with an error */
    WD_ESTORE = -7,    /* SQLite reported an error */
    WD_EUSAGE = -8,    /* invalid argument from the caller */
    WD_ESTAT = -9,     /* a statistic cannot be computed (too few points, ...) */
    WD_ELIMIT = -10    /* a server refused the query as larger than it answers at once (CBS
                        * ODataApi: more than 10,000 records); no retry changes that */
} wd_code;

#define WD_ERROR_MSG_MAX 512

typedef struct {
    int code;
    int errnum; /* the system error (errno) behind it, 0 when none: a caller may act on the
                   cause (a full disk stops a batch that one odd file would not) */
    char msg[WD_ERROR_MSG_MAX];
} wd_error;

/* Set err (if not NULL) to `code` and a printf-style message, without a system error;
 * returns `code` so that callers can write `return wd_error_set(err, WD_EIO, "...")`. */
int wd_error_set(wd_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* As wd_error_set, followed by ": " and the cause of system error `errnum` in Dutch with the
 * system's own text after it ("schijf vol (No space left on device)"); err->errnum is set. */
int wd_error_sys(wd_error *err, int code, int errnum, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* The cause of system error `errnum` in Dutch, as wd_error_sys writes it, into buf[cap]. */
void wd_error_errno_text(char *buf, size_t cap, int errnum);

/* Prefix the existing message with more context ("demo: " + msg). Returns err->code. */
int wd_error_prefix(wd_error *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
