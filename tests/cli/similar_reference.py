#!/usr/bin/env python3
"""Independent computation of "buurten zoals deze" (engine/wd_similar.h) from a store's
observations, compared with the CSV of `wijkdata indicators --format zoals`.

Usage: similar_reference.py STORE CSV YEAR

The definition, written again from its documentation rather than from the C code: ten
indicators in five themes (age 1/5 each, households 1/2 each, urbanity, income, housing 1);
each buurt's value in YEAR or the latest of at most 4 years before; z-scores over the buurten
with at least 100 inhabitants in YEAR that have a value (sample standard deviation); distance
sqrt(sum w (za - zb)^2 / sum w) over the indicators both have, only when they hold at least 0.8
of the total weight; the 10 nearest, ties by code."""
import csv
import math
import sqlite3
import sys

store, path, year = sys.argv[1], sys.argv[2], int(sys.argv[3])
db = sqlite3.connect(store)
obs = {}
for region, var, y, v in db.execute(
        "SELECT region, variable, year, value FROM observations WHERE subgroup = ''"
        " AND region IN (SELECT code FROM regions WHERE level = 3)"):
    obs[(region, var, y)] = v
buurten = sorted(r for (r,) in db.execute("SELECT code FROM regions WHERE level = 3"))


def get(b, var, y):
    return obs.get((b, var, y))


def share(num, den, min_den, scale=100):
    def f(b, y):
        n = [get(b, v, y) for v in num]
        d = [get(b, v, y) for v in den]
        if any(x is None for x in n + d):
            return None
        d = sum(d)
        return scale * sum(n) / d if d > 0 and d >= min_den else None
    return f


def value(*names):
    def f(b, y):
        for name in names:
            v = get(b, name, y)
            if v is not None:
                return v
        return None
    return f


# id, weight, formula (minimum denominators as in indicators/indicators.json)
INDICATORS = [
    (0.2, share(["k_0Tot15Jaar"], ["AantalInwoners"], 50)),
    (0.2, share(["k_15Tot25Jaar"], ["AantalInwoners"], 50)),
    (0.2, share(["k_25Tot45Jaar"], ["AantalInwoners"], 50)),
    (0.2, share(["k_45Tot65Jaar"], ["AantalInwoners"], 50)),
    (0.2, share(["k_65JaarOfOuder"], ["AantalInwoners"], 50)),
    (0.5, share(["Eenpersoonshuishoudens"], ["HuishoudensTotaal"], 25)),
    (0.5, share(["HuishoudensMetKinderen"], ["HuishoudensTotaal"], 25)),
    (1.0, value("MateVanStedelijkheid")),
    (1.0, value("GemiddeldInkomenPerInwoner", "gemiddeld_inkomen_per_inwoner")),
    (1.0, value("Koopwoningen")),
]
TOTAL = sum(w for w, _ in INDICATORS)


def latest(f, b):
    for y in range(year, year - 5, -1):
        v = f(b, y)
        if v is not None:
            return v
    return None


pop = {b: get(b, "AantalInwoners", year) for b in buurten}
eligible = {b for b in buurten if pop[b] is not None and pop[b] >= 100}
raw = {b: [latest(f, b) for _, f in INDICATORS] for b in buurten}
z = {b: [None] * len(INDICATORS) for b in buurten}
for k in range(len(INDICATORS)):
    xs = [raw[b][k] for b in eligible if raw[b][k] is not None]
    mean = sum(xs) / len(xs)
    sd = math.sqrt(sum((x - mean) ** 2 for x in xs) / (len(xs) - 1))
    for b in buurten:
        if raw[b][k] is not None:
            z[b][k] = (raw[b][k] - mean) / sd


def nearest(a):
    own = sum(w for (w, _), v in zip(INDICATORS, z[a]) if v is not None)
    if a not in eligible:
        return "te weinig inwoners"
    if own < 0.8 * TOTAL:
        return "te weinig gegevens"
    out = []
    for b in buurten:
        if b == a or b not in eligible:
            continue
        pairs = [(w, za - zb) for (w, _), za, zb in zip(INDICATORS, z[a], z[b])
                 if za is not None and zb is not None]
        shared = sum(w for w, _ in pairs)
        if shared < 0.8 * TOTAL:
            continue
        out.append((math.sqrt(sum(w * d * d for w, d in pairs) / shared), b, len(pairs)))
    out.sort()
    return out[:10]


rows = {}
with open(path, newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        rows.setdefault(row["buurtcode"], []).append(row)
checked = pairs = 0
for a, got in rows.items():
    want = nearest(a)
    if isinstance(want, str):
        assert len(got) == 1 and got[0]["rang"] == "" and got[0]["reden"] == want, (a, got, want)
    else:
        assert [r["code"] for r in got] == [b for _, b, _ in want], (a, got, want)
        for r, (d, _, n) in zip(got, want):
            assert int(r["jaar"]) == year, r
            assert abs(float(r["afstand"]) - d) <= 1e-8 * max(1, d), (a, r, d)
            assert int(r["indicatoren"]) == n, (a, r, n)
        pairs += len(got)
    checked += 1
assert checked > 0
print(f"ok: {checked} buurten, {pairs} paren")
