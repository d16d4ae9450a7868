"""Reference values for test_compute.c's small_areas_and_trend_classes (Python 3, standard
library only, none of GSL's algorithms): the 2024 share of 65+ in the four buurten of the
fixture and BU99990101's series of that share.

Run: python3 tests/data/engine/small_area_reference.py
"""
import math
from fractions import Fraction as F

buurten = {"B1": (190, 1240), "B2": (410, 2385), "B3": (265, 865), "B4": (20, 60)}


def log_pmf(k, n, p):
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1) + k * math.log(p) + (n - k) * math.log1p(-p)


def upper(y, n, p):  # P(X >= y)
    return math.fsum(math.exp(log_pmf(k, n, p)) for k in range(y, n + 1))


def lower(y, n, p):  # P(X <= y)
    return math.fsum(math.exp(log_pmf(k, n, p)) for k in range(0, y + 1))


def bisect(f, lo, hi):
    for _ in range(100):
        mid = (lo + hi) / 2
        if f(mid):
            hi = mid
        else:
            lo = mid
    return (lo + hi) / 2


def clopper_pearson(y, n, level=0.95):
    a = (1 - level) / 2
    lo = 0.0 if y == 0 else bisect(lambda p: upper(y, n, p) >= a, 0.0, 1.0)
    hi = 1.0 if y == n else bisect(lambda p: lower(y, n, p) <= a, 0.0, 1.0)
    return lo, hi


def funnel_limit(p0, n, q):
    """Spiegelhalter (2005) A.1.1: r = smallest count with F(r) >= q, interpolated."""
    cdf, r = 0.0, 0
    while True:
        pr = math.exp(log_pmf(r, n, p0))
        cdf += pr
        if cdf >= q:
            break
        r += 1
    return max(0.0, min(1.0, (r - (cdf - q) / pr) / n))


ys = [F(v) for v, _ in buurten.values()]
ns = [F(d) for _, d in buurten.values()]
m = sum(ys) / sum(ns)
s2 = sum(n * (y / n - m) ** 2 for y, n in zip(ys, ns)) / sum(ns)
A = max(F(0), s2 - m / (sum(ns) / len(ns)))
p0 = float(m)
for (name, (y, n)), Y, N in zip(buurten.items(), ys, ns):
    lo, hi = clopper_pearson(y, n)
    eb = m + A / (A + m / N) * (Y / N - m)
    r = y / n
    pos = 0
    for level, step in ((0.95, 1), (0.998, 2)):
        a = (1 - level) / 2
        if r < funnel_limit(p0, n, a):
            pos = -step
        if r > funnel_limit(p0, n, 1 - a):
            pos = step
    print(f"{name} cp95 [{100 * lo!r}, {100 * hi!r}] eb {100 * float(eb)!r} funnel {pos}")

# BU99990101, share of 65+ 2019..2024: 12.4, 13.1, 13.3, 14.2, 14.6 and 2024 = 100*190/1240.
x = list(range(2019, 2025))
y = [F("12.4"), F("13.1"), F("13.3"), F("14.2"), F("14.6"), F(100 * 190, 1240)]
slopes = sorted((y[j] - y[i]) / (x[j] - x[i]) for i in range(6) for j in range(i + 1, 6))
ts = (slopes[7 - 1] + slopes[8 - 1]) / 2 if len(slopes) % 2 == 0 else slopes[len(slopes) // 2]
print("theil_sen", float(ts), "mk_p", 2 / math.factorial(6), "(S = 15, the only ordering)")
