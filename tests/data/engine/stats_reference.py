#!/usr/bin/env python3
"""Reference values for tests/engine/test_trend.c and tests/engine/test_rate.c.

Standard library only (no scipy/numpy offline), and none of GSL's algorithms:
- t quantiles: the closed-form t CDF for integer df (Abramowitz & Stegun 26.7.3/26.7.4),
  inverted by bisection; normal quantiles: statistics.NormalDist (Wichura's AS241).
- Binomial/beta: exact rational arithmetic (fractions.Fraction); Clopper-Pearson bounds
  solve the binomial tail equations by bisection on p with exact tails.
- Mann-Kendall: the distribution of S by enumerating all n! orderings.
- Least squares, Theil-Sen, Empirical Bayes: closed forms, in Fractions where the
  inputs are exact.

Run: python3 tests/data/engine/stats_reference.py > tests/data/engine/stats_reference.txt
(about 90 s: the n = 10 enumeration visits 3,628,800 permutations).
"""
import itertools
import math
from fractions import Fraction as F
from statistics import NormalDist

Z = NormalDist()


def t_abs_cdf(t, df):
    """P(|T| <= t) for integer df, A&S 26.7.3 (odd df) and 26.7.4 (even df)."""
    th = math.atan(t / math.sqrt(df))
    c, s = math.cos(th), math.sin(th)
    if df % 2 == 1:
        if df == 1:
            return 2 * th / math.pi
        term, acc = c, c
        for k in range(3, df - 1, 2):  # c (1 + 2/3 c^2 + 2.4/(3.5) c^4 + ...)
            term *= c * c * (k - 1) / k
            acc += term
        return 2 / math.pi * (th + s * acc)
    term, acc = 1.0, 1.0
    for k in range(2, df - 1, 2):  # 1 + 1/2 c^2 + 1.3/(2.4) c^4 + ...
        term *= c * c * (k - 1) / k
        acc += term
    return s * acc


def t_quantile(p, df):
    target = 2 * p - 1  # P(|T| <= t) for the upper quantile p > 0.5
    lo, hi = 0.0, 1e3
    for _ in range(200):
        mid = (lo + hi) / 2
        if t_abs_cdf(mid, df) < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def t_two_sided_p(t, df):
    return 1 - t_abs_cdf(abs(t), df)


def ols(x, y):
    n = len(x)
    xm, ym = math.fsum(x) / n, math.fsum(y) / n
    sxx = math.fsum((a - xm) ** 2 for a in x)
    b = math.fsum((a - xm) * (c - ym) for a, c in zip(x, y)) / sxx
    a0 = ym - b * xm
    rss = math.fsum((c - a0 - b * a) ** 2 for a, c in zip(x, y))
    se = math.sqrt(rss / (n - 2) / sxx)
    t = t_quantile(0.975, n - 2)
    return b, se, b - t * se, b + t * se, t_two_sided_p(b / se, n - 2)


def show(name, *vals):
    print(name, " ".join(repr(v) for v in vals))


# --- t quantiles --------------------------------------------------------------------------
for df in (2, 3, 6, 8, 10):
    show(f"t(0.975,{df})", t_quantile(0.975, df))
z975 = Z.inv_cdf(0.975)
show("z(0.975)", z975)
show("z(0.999)", Z.inv_cdf(0.999))

# --- OLS on a nine-year series (also in test_trend.c since the first commit) --------------
show("ols9", *ols(list(range(2016, 2025)),
                  [12.385, 12.871, 13.402, 13.288, 14.117, 14.563, 14.498, 15.231, 15.902]))

# --- WLS with RIVM-style 95% bounds -------------------------------------------------------
wx = [2012, 2016, 2020, 2022]
wy = [31.7, 30.2, 30.9, 28.4]
wb = [(28.9, 34.6), (27.6, 32.9), (28.1, 33.8), (25.3, 31.6)]
wse = [(h - l) / (2 * z975) for l, h in wb]
show("wls_se", *wse)
w = [1 / s ** 2 for s in wse]
sw = math.fsum(w)
xw = math.fsum(a * b for a, b in zip(w, wx)) / sw
yw = math.fsum(a * b for a, b in zip(w, wy)) / sw
sxx = math.fsum(a * (b - xw) ** 2 for a, b in zip(w, wx))
b = math.fsum(a * (c - xw) * (d - yw) for a, c, d in zip(w, wx, wy)) / sxx
se = 1 / math.sqrt(sxx)
show("wls", b, se, b - z975 * se, b + z975 * se, math.erfc(abs(b / se) / math.sqrt(2)))

# --- APC: log-linear OLS ------------------------------------------------------------------
ax = list(range(2016, 2024))
ay = [4.87, 5.12, 5.31, 5.29, 5.68, 5.94, 6.02, 6.37]
lb, lse, llo, lhi, lp = ols(ax, [math.log(v) for v in ay])
show("apc_log", lb, lse, llo, lhi, lp)
show("apc", 100 * math.expm1(lb), 100 * math.expm1(llo), 100 * math.expm1(lhi))

# --- Mann-Kendall exact distribution by enumeration ---------------------------------------
exact = {}
for n in range(1, 11):
    counts = {}
    for perm in itertools.permutations(range(n)):
        s = sum((perm[j] > perm[i]) - (perm[j] < perm[i])
                for i in range(n) for j in range(i + 1, n))
        counts[s] = counts.get(s, 0) + 1
    total = math.factorial(n)
    exact[n] = {s: F(sum(c for t, c in counts.items() if t >= s), total)
                for s in range(-n * (n - 1) // 2, n * (n - 1) // 2 + 1)}
    row = [f"{s}:{exact[n][s].numerator}/{exact[n][s].denominator}"
           for s in range(n * (n - 1) // 2, -1, -1) if (n * (n - 1) // 2 - s) % 2 == 0]
    print(f"mk_upper n={n}", " ".join(row))


def mk_p(n, s, var, use_exact):
    if use_exact:
        return min(1.0, 2 * float(exact[n][abs(s)]))
    if var == 0:
        return 1.0
    z = (s - (s > 0) + (s < 0)) / math.sqrt(var)
    return math.erfc(abs(z) / math.sqrt(2))


def mk(x, y):
    n = len(x)
    s = sum((1 if (x[j] - x[i]) * (y[j] - y[i]) > 0 else -1 if (x[j] - x[i]) * (y[j] - y[i]) < 0
             else 0) for i in range(n) for j in range(i + 1, n))
    groups = {}
    for v in y:
        groups[v] = groups.get(v, 0) + 1
    ties = sum(t * (t - 1) * (2 * t + 5) for t in groups.values())
    var = F(n * (n - 1) * (2 * n + 5) - ties, 18)
    use_exact = n <= 10 and ties == 0
    z = 0.0 if var == 0 else (s - (s > 0) + (s < 0)) / math.sqrt(var)
    return s, float(var), z, mk_p(n, s, float(var), use_exact), use_exact


def theil_sen(x, y):
    n = len(x)
    q = sorted(F(y[j] - y[i]) / F(x[j] - x[i]) for i in range(n) for j in range(i + 1, n))
    N = len(q)
    med = q[N // 2] if N % 2 else (q[N // 2 - 1] + q[N // 2]) / 2
    r = sorted(F(v) - med * F(a) for a, v in zip(x, y))
    icp = r[n // 2] if n % 2 else (r[n // 2 - 1] + r[n // 2]) / 2
    var0 = n * (n - 1) * (2 * n + 5) / 18
    jmin = 0  # Hollander & Wolfe 9.4: smallest j whose S = N - 2j is not rejected
    while mk_p(n, N - 2 * jmin, var0, n <= 10) < 0.05:
        jmin += 1
    lo = q[jmin - 1] if jmin else -math.inf
    hi = q[N - jmin] if jmin else math.inf
    return float(med), float(icp), float(lo), float(hi), jmin


# Inputs are exact decimals: Fractions of their decimal strings, x as integers.
def dec(vals):
    return [F(v) for v in vals]


series = {
    "ts7": ([2012, 2014, 2016, 2018, 2020, 2022, 2024],
            "6.85 7.12 6.97 7.48 7.31 7.86 8.05"),
    "ts12": (list(range(2013, 2025)),
             "21.4 20.9 21.7 20.3 20.3 19.8 20.6 19.1 18.7 19.1 18.2 17.9"),
    "ts5": ([2016, 2017, 2018, 2019, 2020], "3.15 3.42 3.87 4.01 4.56"),
    "ts10": (list(range(2015, 2025)), "40.2 41.8 41.1 43.5 42.9 44.7 44.1 46.3 45.8 47.2"),
}
for name, (x, ys) in series.items():
    y = dec(ys.split())
    show(f"{name}_mk", *mk(x, y))
    show(f"{name}_ts", *theil_sen(x, y))
# The longest series accepted: 64 years, y_i = (37 i mod 64) + i/4, exact in binary.
x = list(range(1961, 2025))
y = [F(37 * i % 64) + F(i, 4) for i in range(64)]
for name in ("ts64",):
    show(f"{name}_mk", *mk(x, y))
    show(f"{name}_ts", *theil_sen(x, y))

# --- Clopper-Pearson by bisection on exact binomial tails ---------------------------------


def binom_cdf(k, n, p):  # P(X <= k)
    return sum(math.comb(n, i) * p ** i * (1 - p) ** (n - i) for i in range(0, k + 1))


def solve(f, target, increasing):
    lo, hi = F(0), F(1)
    for _ in range(64):
        mid = (lo + hi) / 2
        if (f(mid) < target) == increasing:
            lo = mid
        else:
            hi = mid
        lo, hi = F(float(lo)), F(float(hi))  # keep the fractions small; 2^-64 is enough
    return float((lo + hi) / 2)


def clopper_pearson(y, n, level):
    a = (1 - F(level)) / 2
    lo = 0.0 if y == 0 else solve(lambda p: 1 - binom_cdf(y - 1, n, p), a, True)
    hi = 1.0 if y == n else solve(lambda p: binom_cdf(y, n, p), a, False)
    return lo, hi


for y, n, level in ((3, 40, "0.95"), (0, 25, "0.95"), (25, 25, "0.95"), (17, 230, "0.95"),
                    (1, 7, "0.99"), (112, 845, "0.998")):
    show(f"cp {y}/{n} @{level}", *clopper_pearson(y, n, level))

# Large denominators (where GSL's beta quantile does not converge): the same bisection on
# binomial tails summed in floating point from log-probabilities (math.lgamma, math.fsum);
# exact fractions with n = 100,000 would take hours. Accurate to about 1e-12 here.


def log_pmf(k, n, p):
    return (math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
            + k * math.log(p) + (n - k) * math.log1p(-p))


def tail(ks, n, p):
    logs = [log_pmf(k, n, p) for k in ks]
    top = max(logs)
    return math.exp(top) * math.fsum(math.exp(v - top) for v in logs if v - top > -80)


def clopper_pearson_float(y, n, level):
    a = (1 - level) / 2

    def bisect(f, increasing):
        lo, hi = 0.0, 1.0
        for _ in range(80):
            mid = (lo + hi) / 2
            if (f(mid) < a) == increasing:
                lo = mid
            else:
                hi = mid
        return (lo + hi) / 2
    lo = bisect(lambda p: tail(range(y, n + 1), n, p), True)
    hi = bisect(lambda p: tail(range(0, y + 1), n, p), False)
    return lo, hi


for y, n, level in ((2500, 5000, 0.998), (200, 20000, 0.95), (1000, 100000, 0.95),
                    (50000, 100000, 0.998)):
    show(f"cp_large {y}/{n} @{level}", *clopper_pearson_float(y, n, level))

# --- Funnel limits (Spiegelhalter 2005, appendix A.1.1) ------------------------------------


def funnel_exact(p0, n, q):
    pmf = [math.comb(n, k) * p0 ** k * (1 - p0) ** (n - k) for k in range(n + 1)]
    cdf = F(0)
    for r in range(n + 1):
        cdf += pmf[r]
        if cdf >= q:
            return max(0.0, min(1.0, float((r - (cdf - q) / pmf[r]) / n)))


p0 = F("0.183")
for n in (40, 250, 1375):
    for level in ("0.95", "0.998"):
        lv = F(level)
        ex = (funnel_exact(p0, n, (1 - lv) / 2), funnel_exact(p0, n, (1 + lv) / 2))
        half = Z.inv_cdf(float((1 + lv) / 2)) * math.sqrt(float(p0 * (1 - p0)) / n)
        show(f"funnel n={n} @{level} exact", *ex)
        show(f"funnel n={n} @{level} normal", max(0.0, float(p0) - half),
             min(1.0, float(p0) + half))



def funnel_float(p0, n, q):
    ks = range(n + 1)
    logs = [log_pmf(k, n, p0) for k in ks]
    cdf = 0.0
    terms = []
    for r in ks:
        terms.append(math.exp(logs[r]))
        cdf = math.fsum(terms)
        if cdf >= q:
            return max(0.0, min(1.0, (r - (cdf - q) / terms[r]) / n))


for level in (0.95, 0.998):
    show(f"funnel_large n=20000 @{level} exact", funnel_float(0.183, 20000, (1 - level) / 2),
         funnel_float(0.183, 20000, (1 + level) / 2))

# --- Empirical Bayes (Marshall 1991) -----------------------------------------------------


def eb(y, n):
    y, n = [F(v) for v in y], [F(v) for v in n]
    k = len(y)
    m = sum(y) / sum(n)
    s2 = sum(b * (a / b - m) ** 2 for a, b in zip(y, n)) / sum(n)
    A = max(F(0), s2 - m / (sum(n) / k))
    shr = [m + (A / (A + m / b) if A > 0 else 0) * (a / b - m) for a, b in zip(y, n)]
    return float(m), float(s2), float(A), [float(v) for v in shr]


m, s2, A, shr = eb([12, 97, 3, 0, 88, 25, 19, 61], [310, 1240, 65, 40, 2385, 865, 140, 720])
show("eb8 m s2 A", m, s2, A)
show("eb8 shrunk", *shr)
m, s2, A, shr = eb([31, 29, 33], [1000, 1010, 990])
show("eb_homogeneous m s2 A", m, s2, A)
show("eb_homogeneous shrunk", *shr)
m, s2, A, shr = eb([14, 3, 61], [9, 20, 35])  # events per person: y > n is a rate > 1
show("eb_rates_above_one m s2 A", m, s2, A)
show("eb_rates_above_one shrunk", *shr)
