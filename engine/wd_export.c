/* Implementation of wd_export.h. */
#include "engine/wd_export.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int wd_write_atomic(const char *path, int (*fn)(FILE *f, void *ctx, wd_error *err), void *ctx,
                    wd_error *err)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + 16);
    if (!tmp) return wd_error_set(err, WD_ENOMEM, "out of memory writing %s", path);
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".tmp.XXXXXX", 12);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int rc = wd_error_set(err, WD_EIO, "kan %s niet schrijven: %s", path, strerror(errno));
        free(tmp);
        return rc;
    }
    FILE *f = fdopen(fd, "w");
    int rc = f ? fn(f, ctx, err)
               : wd_error_set(err, WD_EIO, "kan %s niet schrijven: %s", path, strerror(errno));
    if (f) {
        if (!rc && (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0))
            rc = wd_error_set(err, WD_EIO, "schrijven naar %s mislukt: %s", path, strerror(errno));
        if (fclose(f) != 0 && !rc)
            rc = wd_error_set(err, WD_EIO, "schrijven naar %s mislukt: %s", path, strerror(errno));
    } else {
        close(fd);
    }
    if (!rc && rename(tmp, path) != 0)
        rc = wd_error_set(err, WD_EIO, "kan %s niet vervangen: %s", path, strerror(errno));
    if (rc) unlink(tmp);
    free(tmp);
    return rc;
}

void wd_flags_text(unsigned flags, char *buf, size_t cap)
{
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {{WD_FLAG_MISSING, "ontbreekt"},
                 {WD_FLAG_SUPPRESSED, "geheim_of_te_klein"},
                 {WD_FLAG_MODEL, "modelschatting"},
                 {WD_FLAG_PROXY, "proxy"}};
    size_t n = 0;
    if (cap) buf[0] = '\0';
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if ((flags & names[i].bit) && n < cap)
            n += (size_t)snprintf(buf + n, cap - n, "%s%s", n ? ";" : "", names[i].name);
}

/* A CSV field: quoted when it holds a comma, quote or line break. */
static void put_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void put_number(FILE *f, double v)
{
    fputc(',', f);
    if (isfinite(v)) fprintf(f, "%.10g", v);
}

static int latest_year(const wd_dataset *ds, size_t r)
{
    int pop = wd_dataset_var(ds, "AantalInwoners", "");
    for (int y = ds->n_years - 1; y >= 0; y--)
        if (isfinite(ds->value[wd_dataset_cell(ds, r, y, (size_t)pop)])) return y;
    return ds->n_years - 1;
}

int wd_export_indicators_csv(FILE *f, const wd_results *res, const wd_export_filter *filter,
                             wd_error *err)
{
    const wd_dataset *ds = res->ds;
    fputs("regiocode,regionaam,niveau,jaar,indicator,waarde,vlaggen,waarde_gemeente,"
          "trend_helling_per_jaar,trend_ci95_laag,trend_ci95_hoog,trend_p,trend_punten\n",
          f);
    for (size_t r = 0; r < ds->n_regions; r++) {
        const wd_region *reg = &ds->regions[r];
        if (filter->level >= 0 && (int)reg->level != filter->level) continue;
        int y = filter->year >= 0 ? filter->year - ds->year0 : latest_year(ds, r);
        if (y < 0 || y >= ds->n_years)
            return wd_error_set(err, WD_EUSAGE, "geen gegevens voor jaar %d (de store heeft %d-%d)",
                                filter->year, ds->year0, ds->year0 + ds->n_years - 1);
        int g = ds->gemeente[r];
        for (size_t i = 0; i < res->n_ind + 2; i++) {
            char flags[96] = "";
            double v, vg = NAN;
            const char *id;
            const wd_trend *t = NULL;
            if (i < res->n_ind) {
                size_t c = wd_results_cell(res, r, y, i);
                id = res->set->items[i].id;
                v = res->value[c];
                wd_flags_text(res->flags[c], flags, sizeof flags);
                if (g >= 0) vg = res->value[wd_results_cell(res, (size_t)g, y, i)];
                t = &res->trend[r * res->n_ind + i];
            } else {
                size_t ry = r * (size_t)ds->n_years + (size_t)y;
                int kracht = i == res->n_ind;
                id = kracht ? "draagkracht_index" : "draaglast_index";
                v = kracht ? res->kracht[ry] : res->last[ry];
                vg = g >= 0 ? 100 : NAN;
            }
            put_field(f, reg->code);
            fputc(',', f);
            put_field(f, reg->name);
            fprintf(f, ",%s,%d,%s", wd_level_name(reg->level), ds->year0 + y, id);
            put_number(f, v);
            fputc(',', f);
            put_field(f, flags);
            put_number(f, vg);
            if (t && t->n > 0) {
                put_number(f, t->slope);
                put_number(f, t->lo);
                put_number(f, t->hi);
                put_number(f, t->p);
                fprintf(f, ",%d\n", t->n);
            } else {
                fputs(",,,,,0\n", f);
            }
        }
    }
    if (ferror(f)) return wd_error_set(err, WD_EIO, "schrijven van de CSV mislukt");
    return 0;
}
