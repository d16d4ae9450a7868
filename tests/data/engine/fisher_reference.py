"""Reference p-values for tests/engine/test_voortgang.c, computed independently of the C code.

Fisher's exact test of two proportions, two-sided: with a successes among n1 and b among n2,
the tables with the same margins have hypergeometric probabilities
P(x) = C(K, x) C(N - K, n1 - x) / C(N, n1), K = a + b, N = n1 + n2; p is the sum of P(x) over
the tables no more probable than the observed one (P(x) <= P(a), with a relative tolerance of
1e-7 for ties). Here every binomial coefficient is an exact integer (math.comb) and the sums
are exact fractions; only the final division is rounded. CBS's rounding to 5: the largest p
over every combination of true counts within 2 of the published ones (0 <= x <= n).

Run: python3 tests/data/engine/fisher_reference.py
"""
from fractions import Fraction
from math import comb


def fisher(a, n1, b, n2):
    K, N = a + b, n1 + n2
    lo, hi = max(0, n1 - (N - K)), min(K, n1)
    w = {x: comb(K, x) * comb(N - K, n1 - x) for x in range(lo, hi + 1)}
    obs = w[a]
    total = sum(w.values())
    tail = sum(v for v in w.values() if Fraction(v) <= Fraction(obs) * Fraction(10**7 + 1, 10**7))
    return Fraction(tail, total)


def fisher_rounded(a, n1, r1, b, n2, r2):
    d1, d2 = (2 if r1 else 0), (2 if r2 else 0)
    worst = Fraction(0)
    for da in range(-d1, d1 + 1):
        for dn1 in range(-d1, d1 + 1):
            for db in range(-d2, d2 + 1):
                for dn2 in range(-d2, d2 + 1):
                    x, m, y, k = a + da, n1 + dn1, b + db, n2 + dn2
                    if x < 0 or y < 0 or x > m or y > k:
                        continue
                    worst = max(worst, fisher(x, m, y, k))
    return worst


CASES = [
    # (a, n1, b, n2): exact counts
    (12, 40, 3, 45),
    (310, 1580, 395, 1605),
    (420, 2100, 330, 2115),
    (300, 1500, 310, 1520),
    (0, 25, 0, 30),
]
ROUNDED = [
    (310, 1580, 1, 395, 1605, 1),
    # (a, n1, round1, b, n2, round2): published counts, rounded to 5
    (60, 300, 1, 95, 310, 1),
    (60, 300, 1, 80, 305, 1),
    (60, 300, 0, 80, 305, 0),
    (60, 300, 1, 85, 305, 1),
    (60, 300, 0, 85, 305, 0),
]

if __name__ == "__main__":
    for c in CASES:
        print("fisher%s = %.12e" % (c, float(fisher(*c))))
    for c in ROUNDED:
        print("fisher_rounded%s = %.12e" % (c, float(fisher_rounded(*c))))
