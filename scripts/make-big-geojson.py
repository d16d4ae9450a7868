#!/usr/bin/env python3
"""Make a large PDOK-style GeoJSON FeatureCollection for benchmarks and memory tests: the
demo gemeente GM9999 (`wijkdata demo`: Voorbeeldstad, wijken WK999901.. and their buurten
BU999901.., 7,7,7,6,7,6 buurten by default) with every feature's boundary a closed wavy ring
of many positions, the positions spread evenly over the features. Properties as PDOK writes
them (snake_case codes and names, a number). SIMULATED: the shapes are invented.

Usage: make-big-geojson.py OUT.geojson [--positions N] [--buurten 7,7,7,6,7,6]
(default 10,000,000 positions: about 210 MB; written in pieces, so it needs little memory).
"""

import argparse
import math

CENTRE = (5.62, 52.20)


def ring(out, cx, cy, radius, n):
    """A closed ring of n positions (n - 1 distinct and the first again) around (cx, cy), as
    text with 7 decimals, the precision PDOK serves."""
    out.write("[")
    for k in range(n - 1):
        t = 2 * math.pi * k / (n - 1)
        r = radius * (1 + 0.05 * math.sin(40 * t))
        out.write("[%.7f,%.7f]," % (cx + r * math.cos(t), cy + 0.6 * r * math.sin(t)))
    out.write("[%.7f,%.7f]]" % (cx + radius, cy))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--positions", type=int, default=10_000_000)
    ap.add_argument("--buurten", default="7,7,7,6,7,6",
                    help="buurten per wijk of GM9999, comma-separated ('': the gemeente alone)")
    args = ap.parse_args()
    per_wijk = [int(x) for x in args.buurten.split(",") if x]
    features = [("GM9999", None, None, 0.08)]
    for w, nb in enumerate(per_wijk, 1):
        wk = "WK9999%02d" % w
        features.append((wk, None, None, 0.03))
        features += [("BU9999%02d%02d" % (w, b), wk, "Buurt %d-%d" % (w, b), 0.01)
                     for b in range(1, nb + 1)]
    each = max(4, args.positions // len(features))
    with open(args.out, "w", encoding="utf-8") as out:
        out.write('{"type":"FeatureCollection","features":[\n')
        for i, (code, wk, name, radius) in enumerate(features):
            if code.startswith("BU"):
                props = ('"buurtcode":"%s","buurtnaam":"%s","wijkcode":"%s",'
                         '"gemeentecode":"GM9999","gemeentenaam":"Voorbeeldstad"' % (code, name, wk))
            elif code.startswith("WK"):
                props = ('"wijkcode":"%s","wijknaam":"Wijk %s","gemeentecode":"GM9999",'
                         '"gemeentenaam":"Voorbeeldstad"' % (code, code[-2:]))
            else:
                props = '"gemeentecode":"GM9999","gemeentenaam":"Voorbeeldstad"'
            angle = 2 * math.pi * i / len(features)
            cx = CENTRE[0] + 0.05 * math.cos(angle) * (i > 0)
            cy = CENTRE[1] + 0.03 * math.sin(angle) * (i > 0)
            out.write('{"type":"Feature","id":%d,"geometry":{"type":"MultiPolygon",'
                      '"coordinates":[[' % (i + 1))
            ring(out, cx, cy, radius, each)
            out.write(']]},"properties":{%s,"water":"NEE","aantal_inwoners":%d}}%s\n'
                      % (props, 1000 + i, "," if i + 1 < len(features) else ""))
        out.write('],"numberReturned":%d}\n' % len(features))


if __name__ == "__main__":
    main()
