/* The library as a whole: the one process-wide set-up and tear-down a program makes around
 * everything else it calls (the engine, the fetchers, the plots). The layers themselves keep
 * no global state; only the libraries under them need this once per process. */
#ifndef WD_LIB_H
#define WD_LIB_H

#include "engine/wd_error.h"

/* Call once from main before any other call of the library, while the program has one thread:
 * switches GSL's aborting error handler off (the library checks return codes) and starts
 * libcurl. A failure names what could not start. */
int wd_lib_init(wd_error *err);

/* Call once at the end of main, after every other call of the library has returned: stops
 * libcurl and releases pango's font cache (see wd_text_release_fonts). */
void wd_lib_cleanup(void);

#endif
