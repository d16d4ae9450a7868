/* Implementation of wd_plan.h: strings the source adapters of wd_fetch.h together. */
#include "fetchers/wd_plan.h"

#include "fetchers/wd_fetch.h"
#include "fetchers/wd_parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const lbm_levels[] = {"buurten", "wijken", "gemeenten"};
static const char *const pdok_collections[] = {"gemeenten", "wijken", "buurten"};
static const char *const pdok_singular[] = {"gemeente", "wijk", "buurt"};
#define N_LBM (int)(sizeof lbm_levels / sizeof *lbm_levels)
#define N_PDOK (int)(sizeof pdok_collections / sizeof *pdok_collections)

int wd_plan_sources(const char *list, unsigned *out, wd_error *err)
{
    size_t n;
    const wd_source_info *s = wd_fetch_sources(&n);
    *out = 0;
    for (const char *p = list;;) {
        size_t len = strcspn(p, ",");
        unsigned bit = 0;
        for (size_t i = 0; i < n; i++)
            if (s[i].fetch && strlen(s[i].fetch) == len && strncmp(p, s[i].fetch, len) == 0)
                bit = s[i].plan;
        if (!bit) {
            /* The names known, as "kwb, rivm, lbm en geo". */
            char known[256] = "";
            size_t k = 0, m = 0;
            for (size_t i = 0; i < n; i++)
                m += s[i].fetch != NULL;
            for (size_t i = 0; i < n; i++) {
                if (!s[i].fetch) continue;
                size_t used = strlen(known);
                k++;
                snprintf(known + used, sizeof known - used, "%s%s",
                         !used    ? ""
                         : k == m ? " en "
                                  : ", ",
                         s[i].fetch);
            }
            return wd_error_set(err, WD_EUSAGE, "onbekende bron '%.*s' (kies uit %s)",
                                (int)(len > 40 ? 40 : len), p, known);
        }
        *out |= bit;
        if (!p[len]) return 0;
        p += len + 1;
    }
}

unsigned wd_plan_default_sources(const wd_config *c)
{
    size_t n;
    const wd_source_info *s = wd_fetch_sources(&n);
    unsigned all = 0;
    for (size_t i = 0; i < n; i++)
        all |= s[i].plan;
    return c->lbm_url[0] ? all : all & ~(unsigned)WD_SOURCE_LBM;
}

/* lbm_url names either the published open-data zip or a folder with its unpacked CSVs. */
static int lbm_is_zip(const char *url)
{
    size_t n = strlen(url);
    return n > 4 && strcmp(url + n - 4, ".zip") == 0;
}

int wd_plan_steps(const wd_plan *p, const wd_config *c)
{
    int n = p->sources & (WD_SOURCE_KWB | WD_SOURCE_RIVM) ? 1 : 0;
    if (p->sources & WD_SOURCE_KWB) n += p->last_year - p->first_year + 1;
    if (p->sources & WD_SOURCE_RIVM) n += 1;
    if (p->sources & WD_SOURCE_LBM) n += lbm_is_zip(c->lbm_url) ? 1 : N_LBM;
    if (p->sources & WD_SOURCE_GEO) n += N_PDOK;
    return n;
}

/* Drop what was added to `b` since the counts (regions, obs, geoms) for regions outside
 * gemeente `gm`: the Leefbaarometer publishes national files, and a mirror may ignore the
 * gemeente filter of a PDOK query. */
static void keep_gemeente(wd_batch *b, size_t regions, size_t obs, size_t geoms, const char *gm)
{
    size_t k = regions;
    for (size_t i = regions; i < b->n_regions; i++)
        if (wd_parse_in_gemeente(b->regions[i].code, gm)) b->regions[k++] = b->regions[i];
    b->n_regions = k;
    k = obs;
    for (size_t i = obs; i < b->n_obs; i++)
        if (wd_parse_in_gemeente(b->obs[i].region, gm)) b->obs[k++] = b->obs[i];
    b->n_obs = k;
    k = geoms;
    for (size_t i = geoms; i < b->n_geoms; i++) {
        if (wd_parse_in_gemeente(b->geoms[i].region, gm))
            b->geoms[k++] = b->geoms[i];
        else
            free(b->geoms[i].geojson);
    }
    b->n_geoms = k;
}

void wd_plan_report_free(wd_plan_report *r)
{
    if (!r) return;
    free(r->sources);
    free(r->codes);
    memset(r, 0, sizeof *r);
}

static size_t code_hash(const char *code)
{
    size_t h = 1469598103934665603u;
    for (const char *p = code; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211u;
    return h;
}

/* Add `code` to the report's set of codes; 1 when it is new, 0 when known, < 0 on memory. A
 * hash set: a national fetch adds 18,000 codes per source, in no useful order. */
static int add_code(wd_plan_report *r, const char *code, wd_error *err)
{
    if ((r->n_codes + 1) * 2 > r->cap_codes) {
        size_t ncap = r->cap_codes ? r->cap_codes * 2 : 256;
        char(*p)[WD_CODE_MAX] = calloc(ncap, sizeof *p);
        if (!p) return wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
        for (size_t i = 0; i < r->cap_codes; i++) {
            if (!r->codes[i][0]) continue;
            size_t h = code_hash(r->codes[i]) & (ncap - 1);
            while (p[h][0])
                h = (h + 1) & (ncap - 1);
            memcpy(p[h], r->codes[i], WD_CODE_MAX);
        }
        free(r->codes);
        r->codes = p;
        r->cap_codes = ncap;
    }
    size_t h = code_hash(code) & (r->cap_codes - 1);
    while (r->codes[h][0]) {
        if (strcmp(r->codes[h], code) == 0) return 0;
        h = (h + 1) & (r->cap_codes - 1);
    }
    snprintf(r->codes[h], WD_CODE_MAX, "%s", code);
    r->n_codes++;
    return 1;
}

/* What one step has read so far: its distinct regions (a set of its own) and counts, over
 * the parts of a table handed to the sink before the step ends. */
typedef struct {
    wd_plan_report *r;
    wd_plan_report own;
    wd_plan_source s;
    size_t o0, g0; /* the step's first observation and geometry in the batch */
    wd_plan_sink_fn sink;
    void *ctx;
    const char *keep; /* the gemeente whose rows a part keeps (a national file), or NULL */
} tally;

/* Count the step's observations and geometries in `b` (from t->o0, t->g0): the distinct codes
 * (in order of arrival, rows of a region mostly follow each other, so the previous code is
 * checked first) and the numbers, into the step and the report. */
static int count_step(tally *t, const wd_batch *b, wd_error *err)
{
    wd_plan_report *r = t->r;
    const char *last = "";
    int rc = 0;
    for (size_t i = t->o0; i < b->n_obs + (b->n_geoms - t->g0) && rc >= 0; i++) {
        const char *code = i < b->n_obs ? b->obs[i].region : b->geoms[t->g0 + i - b->n_obs].region;
        if (strcmp(code, last) == 0) continue;
        last = code;
        rc = add_code(&t->own, code, err);
        if (rc > 0) rc = add_code(r, code, err);
    }
    /* An observation in parts (wd_obs.parts) counts at its value's. */
    size_t obs = 0;
    for (size_t i = t->o0; i < b->n_obs; i++)
        obs += !b->obs[i].parts || b->obs[i].parts & WD_PART_VALUE;
    t->s.regions = t->own.n_codes;
    t->s.obs += obs;
    t->s.geoms += b->n_geoms - t->g0;
    r->regions = r->n_codes;
    r->obs += obs;
    r->geoms += b->n_geoms - t->g0;
    t->o0 = b->n_obs;
    t->g0 = b->n_geoms;
    return rc < 0 ? rc : 0;
}

/* The observations of a KWB, RIVM or Leefbaarometer table handed to the sink at a time by
 * default (import_part of the configuration): 16 MB of wd_obs. */
#define PART_OBS 100000

/* wd_hand_on: part of a national table counted and into the sink, so that the batch holds a
 * part and not the table (KWB: 2.2 million observations, 350 MB; RIVM: 8.1 million, 1.3 GB;
 * the Leefbaarometer: 1.1 million). Its source stays in the batch for the rows that follow;
 * the sink stores it again (an upsert). */
static int hand_on(wd_batch *b, void *x, wd_error *err)
{
    tally *t = x;
    /* With a sink every step begins with an empty batch: the part is all of this step. */
    if (t->keep) keep_gemeente(b, 0, 0, 0, t->keep);
    int rc = count_step(t, b, err);
    if (!rc) rc = t->sink(b, t->ctx, err);
    wd_batch_clear_rows(b);
    t->o0 = t->g0 = 0;
    return rc;
}

/* A new source entry in the report, or NULL when out of memory. */
static wd_plan_source *report_source(wd_plan_report *r, const char *what, wd_error *err)
{
    if (r->n_sources == r->cap_sources) {
        size_t ncap = r->cap_sources ? r->cap_sources * 2 : 16;
        wd_plan_source *p = realloc(r->sources, ncap * sizeof *p);
        if (!p) {
            wd_error_set(err, WD_ENOMEM, "geen geheugen meer");
            return NULL;
        }
        r->sources = p;
        r->cap_sources = ncap;
    }
    wd_plan_source *s = &r->sources[r->n_sources++];
    memset(s, 0, sizeof *s);
    snprintf(s->what, sizeof s->what, "%s", what);
    return s;
}

int wd_plan_run(wd_http *h, const wd_config *c, const wd_plan *p, const char *cache_dir,
                wd_batch *b, wd_plan_step_fn step, wd_plan_sink_fn sink, void *ctx,
                wd_plan_report *report, wd_error *err)
{
    if (p->sources & WD_SOURCE_LBM && !c->lbm_url[0])
        return wd_error_set(err, WD_EUSAGE,
                            "geen adres voor de Leefbaarometer: zet lbm_url in het "
                            "configuratiebestand of WIJKDATA_LBM_URL (de open-data-zip, of een map "
                            "met de uitgepakte CSV-bestanden)");
    char gm[WD_CODE_MAX] = "", what[128], url[WD_CONFIG_VALUE_MAX + 256], gm_query[64] = "";
    int rc = 0, n = 0;
    if (p->gemeente && (rc = wd_parse_gemeente(gm, sizeof gm, p->gemeente, err))) return rc;
    wd_plan_report own = {0}, *r = report ? report : &own;
    memset(r, 0, sizeof *r);
    size_t part = PART_OBS;
    if ((rc = wd_config_import_part(c, &part, err))) return rc;
    wd_plan run = *p;
    const char *only = gm[0] ? gm : NULL;
    int steps = 0;
#define STEP(...)                                                                                  \
    do {                                                                                           \
        snprintf(what, sizeof what, __VA_ARGS__);                                                  \
        if (step) step(what, ++n, steps, ctx);                                                     \
    } while (0)
    /* Each source: its counts into the report (after the gemeente's regions were kept), a
     * PDOK collection or Leefbaarometer file that has nothing of the gemeente is an error,
     * then the sink, and the batch is emptied for the next source. */
#define DONE(none, kind)                                                                           \
    do {                                                                                           \
        if (!rc) rc = count_step(&t, b, err);                                                      \
        wd_plan_source *s_ = rc ? NULL : report_source(r, what, err);                              \
        if (!rc && !s_) rc = WD_ENOMEM;                                                            \
        if (!rc) {                                                                                 \
            s_->regions = t.s.regions;                                                             \
            s_->obs = t.s.obs;                                                                     \
            s_->geoms = t.s.geoms;                                                                 \
        }                                                                                          \
        wd_plan_report_free(&t.own);                                                               \
        if (!rc && (none))                                                                         \
            rc = wd_error_set(err, WD_ENOTFOUND, "%s: geen enkele %s van %s (%s)", what, kind,     \
                              gm[0] ? gm : "Nederland", url);                                      \
        if (!rc && sink) {                                                                         \
            rc = sink(b, ctx, err);                                                                \
            wd_batch_clear(b);                                                                     \
        }                                                                                          \
    } while (0)
#define TALLY                                                                                      \
    {                                                                                              \
        .r = r, .o0 = b->n_obs, .g0 = b->n_geoms, .sink = sink, .ctx = ctx                         \
    }
    /* The editions, when a table is to be read or the newest year is to be known. The steps
     * are counted once the newest year is; the look-up is the first of them. */
    int look_up = p->sources & (WD_SOURCE_KWB | WD_SOURCE_RIVM) ||
                  (p->sources & WD_SOURCE_GEO && !run.last_year);
    int extra = look_up && !(p->sources & (WD_SOURCE_KWB | WD_SOURCE_RIVM));
    if (look_up) {
        if (run.last_year) steps = wd_plan_steps(&run, c) + extra;
        STEP("CBS-catalogus: welke tabel voor welk jaar");
        if ((rc = wd_catalog_find(h, c, cache_dir, &r->editions, err))) goto done;
        if (!run.last_year && r->editions.n_kwb)
            run.last_year = r->editions.kwb[r->editions.n_kwb - 1].year;
    }
    for (int y = run.first_year; run.sources & WD_SOURCE_KWB && y <= run.last_year; y++) {
        const wd_editions *e = &r->editions;
        if (wd_catalog_kwb(e, y)) continue;
        rc = wd_error_set(err, WD_EUSAGE, "jaar %d: geen KWB-tabel (wel voor %d-%d)%s%s%s", y,
                          e->n_kwb ? e->kwb[0].year : 0, e->n_kwb ? e->kwb[e->n_kwb - 1].year : 0,
                          e->note[0] ? " (" : "", e->note, e->note[0] ? ")" : "");
        goto done;
    }
    if (run.sources & WD_SOURCE_KWB && run.first_year > run.last_year) {
        rc = wd_error_set(err, WD_EUSAGE, "jaren %d-%d: het eerste jaar ligt na het laatste",
                          run.first_year, run.last_year);
        goto done;
    }
    if (run.sources & WD_SOURCE_GEO && !run.last_year) {
        rc = wd_error_set(err, WD_EUSAGE, "geen jaar voor de PDOK-grenzen: geef --years");
        goto done;
    }
    r->first_year = run.first_year;
    r->last_year = run.last_year;
    if (!steps) steps = wd_plan_steps(&run, c) + extra;
    for (int y = run.first_year; !rc && run.sources & WD_SOURCE_KWB && y <= run.last_year; y++) {
        const wd_edition *e = wd_catalog_kwb(&r->editions, y);
        tally t = TALLY;
        wd_odata_request req = {.base = c->cbs_odata_url,
                                .table_id = e->table_id,
                                .gemeente = only,
                                .hand_on = {sink ? hand_on : NULL, &t, part}};
        STEP("CBS KWB %d (%s)", y, e->table_id);
        rc = wd_fetch_kwb(h, &req, b, err);
        DONE(0, "");
        if (!rc && only && r->sources[r->n_sources - 1].obs == 0)
            r->sources[r->n_sources - 1].absent = 1;
    }
    if (!rc && run.sources & WD_SOURCE_KWB && only) {
        size_t found = 0;
        for (size_t i = 0; i < r->n_sources; i++)
            found += !r->sources[i].absent;
        if (!found)
            rc = wd_error_set(err, WD_ENOTFOUND,
                              "gemeente %s komt in geen enkele KWB-tabel van %d-%d voor; is de "
                              "code juist?",
                              gm, run.first_year, run.last_year);
    }
    if (!rc && run.sources & WD_SOURCE_RIVM) {
        const wd_edition *e = &r->editions.rivm;
        tally t = TALLY;
        wd_odata_request req = {.base = c->cbs_dataderden_url,
                                .table_id = e->table_id,
                                .gemeente = only,
                                .hand_on = {sink ? hand_on : NULL, &t, part}};
        STEP("RIVM Gezondheid per wijk en buurt (%s, indeling %d)", e->table_id, e->indeling);
        rc = wd_fetch_rivm(h, &req, b, err);
        DONE(0, "");
        if (!rc && only && r->sources[r->n_sources - 1].obs == 0)
            r->sources[r->n_sources - 1].absent = 1;
    }
    if (!rc && run.sources & WD_SOURCE_LBM && lbm_is_zip(c->lbm_url)) {
        size_t r0 = b->n_regions, o0 = b->n_obs, g0 = b->n_geoms;
        tally t = TALLY;
        t.keep = only;
        wd_hand_on on = {sink ? hand_on : NULL, &t, part};
        snprintf(url, sizeof url, "%s", c->lbm_url);
        STEP("Leefbaarometer 3.0 (zip)");
        rc = wd_fetch_lbm_zip(h, c->lbm_url, &on, b, err);
        if (!rc && gm[0]) keep_gemeente(b, r0, o0, g0, gm);
        DONE(t.s.obs == 0, "score");
    }
    for (int k = 0; !rc && run.sources & WD_SOURCE_LBM && !lbm_is_zip(c->lbm_url) && k < N_LBM;
         k++) {
        size_t r0 = b->n_regions, o0 = b->n_obs, g0 = b->n_geoms;
        tally t = TALLY;
        t.keep = only;
        wd_hand_on on = {sink ? hand_on : NULL, &t, part};
        /* Spaces in the published file names are percent-encoded in the URL. */
        snprintf(url, sizeof url, "%s/Leefbaarometer-scores%%20%s%%202002-2024.csv", c->lbm_url,
                 lbm_levels[k]);
        STEP("Leefbaarometer 3.0 %s", lbm_levels[k]);
        rc = wd_fetch_lbm_csv(h, url, &on, b, err);
        if (!rc && gm[0]) keep_gemeente(b, r0, o0, g0, gm);
        DONE(t.s.obs == 0, "score");
    }
    if (gm[0]) snprintf(gm_query, sizeof gm_query, "gemeentecode=%s&", gm);
    for (int k = 0; !rc && run.sources & WD_SOURCE_GEO && k < N_PDOK; k++) {
        size_t r0 = b->n_regions, o0 = b->n_obs, g0 = b->n_geoms;
        tally t = TALLY;
        char base[WD_CONFIG_VALUE_MAX + 16];
        rc = wd_config_pdok_url(c, run.last_year, base, sizeof base, err);
        if (rc) break;
        snprintf(url, sizeof url, "%s/collections/%s/items?%sf=json&limit=1000", base,
                 pdok_collections[k], gm_query);
        STEP("PDOK %s %d", pdok_collections[k], run.last_year);
        rc = wd_fetch_pdok(h, url, run.last_year, b, err);
        if (!rc && gm[0]) keep_gemeente(b, r0, o0, g0, gm);
        DONE(b->n_geoms == g0, pdok_singular[k]);
    }
#undef STEP
#undef DONE
#undef TALLY
done:
    if (!report) wd_plan_report_free(&own);
    return rc;
}
