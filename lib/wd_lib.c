/* Implementation of wd_lib.h: each layer's process-wide part, in one place. */
#include "lib/wd_lib.h"

#include "fetchers/wd_http.h"
#include "plots/wd_text.h"

#include <gsl/gsl_errno.h>

int wd_lib_init(wd_error *err)
{
    gsl_set_error_handler_off();
    return wd_http_global_init(err);
}

void wd_lib_cleanup(void)
{
    wd_http_global_cleanup();
    wd_text_release_fonts();
}
