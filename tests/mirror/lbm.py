"""Leefbaarometer 3.0 open-data zips of the mirror, in the layouts of the 2022 and the 2024
edition: buurt, wijk and gemeente score files, beside unrelated members (PC4 and grid scores,
a readme) in a folder whose name the edition chose.

SIMULATED TEST DATA. Per area and year the five dimensions fys, onv, soc, vrz and won are drawn
in steps of 0.0001; afw is their sum exactly and lbm = baseline + afw exactly (baseline 4.1023
in the 2022 edition, 4.0456 in 2024). Each edition scores the years it covers on its own
indeling (2022 and 2024: Amsterdam has digits in the one and letters in the other). The tiny
buurten have no score (no row).
"""

import csv
import functools
import io
import zipfile

import regions
from regions import rng

EDITIONS = {
    # zip name: (edition year, baseline in 1e-4, folder, years, buurt columns, line end, date)
    "open-data-leefbaarometer-meting-2022.zip": (
        2022, 41023, "open-data-leefbaarometer-meting-2022_2023-11-21_1035/",
        [2002, 2008, 2012, 2014, 2016, 2018, 2020, 2022],
        ["bu_code", "bu_naam", "jaar", "lbm", "afw", "fys", "onv", "soc", "vrz", "won"], "\n",
        (2023, 11, 21, 10, 35, 0)),
    "open-data-leefbaarometer-meting-2024.zip": (
        2024, 40456, "Leefbaarometer 3.0 - Meting 2024 - open data/",
        [2002, 2008, 2012, 2014, 2016, 2018, 2020, 2022, 2024],
        ["bu_code", "jaar", "lbm", "fys", "onv", "soc", "vrz", "won"], "\r\n",
        (2025, 6, 2, 9, 0, 0)),
}
DIMENSIONS = ("fys", "onv", "soc", "vrz", "won")
FULL = ["jaar", "lbm", "afw", "fys", "onv", "soc", "vrz", "won"]


def _score(edition, code, year, baseline):
    r = rng("lbm", edition, code, year)
    dims = {d: r.randint(-3000, 3000) for d in DIMENSIONS}
    afw = sum(dims.values())
    row = {"jaar": year, "lbm": baseline + afw, "afw": afw}
    row.update(dims)
    return row


def _fmt(value):
    return "%.4f" % (value / 10000)


def members(name):
    """The members of zip `name`: a list of (path, columns, rows as dicts with the values as
    served, text); rows is None for members that are not score tables."""
    edition, baseline, folder, years, buurt_cols, _, _ = EDITIONS[name]
    areas = regions.indeling(edition)
    span = "%d-%d" % (years[0], years[-1])
    out = []
    for level, prefix, label in (("buurt", "bu", "buurten"), ("wijk", "wk", "wijken"),
                                 ("gemeente", "gm", "gemeenten")):
        cols = buurt_cols if level == "buurt" else [prefix + "_code", prefix + "_naam"] + FULL
        rows = []
        for a in areas:
            if a.level != level or a.code in regions.TINY:
                continue
            for year in years:
                s = _score(edition, a.code, year, baseline)
                full = {prefix + "_code": a.code, prefix + "_naam": a.name}
                full.update({k: (v if k == "jaar" else _fmt(v)) for k, v in s.items()})
                rows.append({c: full[c] for c in cols})
        out.append((folder + "Leefbaarometer-scores %s %s.csv" % (label, span), cols, rows))
    pc4 = [{"pc4": str(3500 + i), "jaar": y, **{k: _fmt(v) for k, v in
                                                 _score(edition, "pc4-%d" % i, y, baseline).items()
                                                 if k != "jaar"}}
           for i in range(6) for y in years]
    out.append((folder + "Leefbaarometer-scores PC4 %s.csv" % span, ["pc4"] + FULL, pc4))
    grid = [{"grid_id": "E%dN%d" % (1213 + i, 4879), "jaar": y,
             **{k: _fmt(v) for k, v in _score(edition, "grid-%d" % i, y, baseline).items()
                if k != "jaar"}}
            for i in range(4) for y in years]
    out.append((folder + "Leefbaarometer-scores grids %s.csv" % span, ["grid_id"] + FULL, grid))
    out.append((folder + "Leesmij.txt", None, None))
    return out


@functools.lru_cache(maxsize=None)
def zip_bytes(name):
    """The bytes of zip `name` (deterministic: fixed member dates and order)."""
    _, _, folder, _, _, newline, date = EDITIONS[name]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo(folder, date), b"")
        for path, cols, rows in members(name):
            info = zipfile.ZipInfo(path, date)
            info.compress_type = zipfile.ZIP_DEFLATED
            if rows is None:
                text = ("Leefbaarometer 3.0 open data (gesimuleerde testgegevens van de "
                        "service-mirror).%sGeen echte scores.%s" % (newline, newline))
            else:
                out = io.StringIO()
                writer = csv.writer(out, lineterminator=newline)
                writer.writerow(cols)
                writer.writerows([r[c] for c in cols] for r in rows)
                text = out.getvalue()
            z.writestr(info, text.encode("utf-8"))
    return buf.getvalue()
