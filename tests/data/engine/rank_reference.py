#!/usr/bin/env python3
"""Independent reference values for tests/engine/test_rank.c (Python 3, standard library only).

Recomputes, from the raw numbers of the test fixture, every z-score, score, rank, Monte Carlo
rank interval, tier and rank shift of the opgave 'test_opgave' (tests/data/engine/
opgaven_test.json), following the method as documented in engine/wd_rank.h and
indicators/opgaven.json:
  - indicator values: aandeel_65plus = 100 a65 / pop, wmo_per_1000 = 1000 wmo / pop,
    arbeidsparticipatie and sociaal_minimum as given;
  - z over the buurten with >= 100 inhabitants (min_inwoners) that have a value: mean and
    sample standard deviation; need-signed (arbeidsparticipatie: lower = more need);
  - score = sum(w z) / sum(w) over components with a value; no score below half the weight;
  - ranks within the gemeente, 1 = highest score, ties in code order;
  - Monte Carlo: per draw, per component in order, multiplier 0.75 + 0.5 U with U from GSL's
    gsl_rng_mt19937 (MT19937 with GSL's seeding, U = genrand_int32 / 2^32), seed reset per
    opgave; percentiles by the nearest-rank rule: smallest r with count(rank <= r) >=
    ceil(q draws / 100);
  - tier: third = ceil(n / 3); median <= third: hoge prioriteit; median > n - third: lage
    prioriteit; otherwise middel;
  - shift: mean over draws of |rank in draw - rank|; gemeente: mean over ranked buurten.
Run: python3 rank_reference.py   (prints the table that test_rank.c holds)
"""
import math
import statistics

DRAWS, SEED = 200, 42
NAN = float("nan")
# code, inhabitants, 65+, Wmo clients, net labour participation %, households at social minimum %
BUURTEN = [
    ("BU99990101", 1240, 290, 45, 61.4, 5.3),
    ("BU99990102", 2385, 310, 130, 71.9, 9.1),
    ("BU99990103", 865, 105, 95, 58.2, 12.6),
    ("BU99990104", 60, 20, 5, 66.0, 8.8),
    ("BU99990105", 3120, 655, 88, 74.3, 6.2),
    ("BU99990106", 1710, 202, 151, 66.7, 8.9),
    ("BU99990201", 2045, 198, 77, NAN, NAN),
    ("BU99990202", 955, 171, NAN, 63.5, 7.7),
    ("BU99990203", 1480, 233, 94, 69.8, 11.6),
    ("BU99990204", 2760, 417, 203, 72.4, 8.8),
]
# weight, sign (+1: higher is more need)
COMPONENTS = [(1.0, +1), (0.5, +1), (2.0, -1), (1.5, +1)]
MIN_POP = 100


class MT19937:
    def __init__(self, seed):
        seed = seed or 4357
        self.mt = [seed & 0xFFFFFFFF]
        for i in range(1, 624):
            prev = self.mt[i - 1]
            self.mt.append((1812433253 * (prev ^ (prev >> 30)) + i) & 0xFFFFFFFF)
        self.mti = 624

    def uint32(self):
        if self.mti >= 624:
            mt = self.mt
            for k in range(624):
                y = (mt[k] & 0x80000000) | (mt[(k + 1) % 624] & 0x7FFFFFFF)
                mt[k] = mt[(k + 397) % 624] ^ (y >> 1) ^ (0x9908B0DF if y & 1 else 0)
            self.mti = 0
        y = self.mt[self.mti]
        self.mti += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C5680
        y ^= (y << 15) & 0xEFC60000
        y ^= y >> 18
        return y

    def uniform(self):
        return self.uint32() / 4294967296.0


def values(b):
    _, pop, a65, wmo, arb, mini = b
    return [100 * a65 / pop, 1000 * wmo / pop if wmo == wmo else NAN, arb, mini]


def main():
    x = {b[0]: values(b) for b in BUURTEN}
    eligible = [b[0] for b in BUURTEN if b[1] >= MIN_POP]
    z = {code: [NAN] * 4 for code in x}
    for k, (_, sign) in enumerate(COMPONENTS):
        vals = [x[c][k] for c in eligible if x[c][k] == x[c][k]]
        n = len(vals)
        mean = sum(vals) / n
        var = (sum(v * v for v in vals) - n * mean * mean) / (n - 1)
        sd = math.sqrt(var)
        assert abs(sd - statistics.stdev(vals)) < 1e-9 * sd
        for c in x:
            if x[c][k] == x[c][k]:
                z[c][k] = sign * (x[c][k] - mean) / sd

    def score(code, mult):
        s = ws = wall = 0.0
        for k, (w, _) in enumerate(COMPONENTS):
            w = w * mult[k]
            wall += w
            if z[code][k] == z[code][k]:
                s += w * z[code][k]
                ws += w
        return s / ws, ws / wall

    nominal = {c: score(c, [1, 1, 1, 1]) for c in x}
    ranked = [c for c in eligible if nominal[c][1] >= 0.5]
    n = len(ranked)

    def ranks(scores):
        order = sorted(ranked, key=lambda c: (-scores[c], c))
        return {c: i + 1 for i, c in enumerate(order)}

    rank0 = ranks({c: nominal[c][0] for c in ranked})
    rng = MT19937(SEED)
    hist = {c: [0] * n for c in ranked}
    shift = {c: 0.0 for c in ranked}
    for _ in range(DRAWS):
        mult = [0.75 + 0.5 * rng.uniform() for _ in COMPONENTS]
        r = ranks({c: score(c, mult)[0] for c in ranked})
        for c in ranked:
            hist[c][r[c] - 1] += 1
            shift[c] += abs(r[c] - rank0[c])

    def pct(h, q):
        need = -(-q * DRAWS // 100)
        cum = 0
        for i, cnt in enumerate(h):
            cum += cnt
            if cum >= need:
                return i + 1

    third = -(-n // 3)
    total = 0.0
    print("/* code, score, weight share, rank, median, p5, p95, tier, shift */")
    for c in x:
        sc, share = nominal[c]
        if share < 0.5:
            sc = NAN  # a score resting on less than half of its weight is not shown
        if c not in ranked:
            status = "small" if c not in eligible else "too little"
            print('{"%s", %s, %r, 0, 0, 0, 0, WD_TIER_NONE, 0}, /* %s */' % (
                c, "NAN" if sc != sc else repr(sc), share, status))
            continue
        med = pct(hist[c], 50)
        tier = "WD_TIER_HIGH" if med <= third else "WD_TIER_LOW" if med > n - third else "WD_TIER_MIDDLE"
        total += shift[c] / DRAWS
        print('{"%s", %r, %r, %d, %d, %d, %d, %s, %r},' % (
            c, sc, share, rank0[c], med, pct(hist[c], 5), pct(hist[c], 95), tier, shift[c] / DRAWS))
    print("gemeente mean shift %r" % (total / n))


if __name__ == "__main__":
    main()
