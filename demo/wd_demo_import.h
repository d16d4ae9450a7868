/* Reading the demonstration mirror into a store through the real fetchers.
 *
 * The demo is imported exactly like real data: file:// URLs into the mirror written by
 * wd_demo_generate, the same adapters and parsers, one transaction for the whole import
 * (each source is added to it as soon as it is read, so that only one is held in memory). */
#ifndef WD_DEMO_IMPORT_H
#define WD_DEMO_IMPORT_H

#include "engine/wd_error.h"
#include "engine/wd_store.h"

/* Called before each source is read: `what` names it ("KWB 2016 (83487NED)"). */
typedef void (*wd_progress_fn)(const char *what, int step, int steps, void *ctx);

/* Import the mirror under `dir` (as written by wd_demo_generate for `edition`, 1 or 2) into
 * `store` and mark the store as demonstration data (meta "demo" = "1"). Nothing is written if
 * any source fails. */
int wd_demo_import(wd_store *store, const char *dir, int edition, wd_progress_fn progress,
                   void *ctx, wd_error *err);

#endif
