/* Implementation of wd_buf.h. */
#include "engine/wd_buf.h"

#include <stdlib.h>

void wd_buf_free(wd_buf *b)
{
    if (!b) return;
    free(b->data);
    b->data = NULL;
    b->len = 0;
}
