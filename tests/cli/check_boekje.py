"""Check a booklet of `wijkdata profiles --boekje` against the separate profiles of the same
gemeente (tests/cli/test_profiles.c runs it), with the tools a reader's PDF stack has:

- qpdf --check finds no damage and no warning;
- pdfinfo: the page count is the cover, the contents pages and the pages of every profile;
- qpdf --json: one bookmark per region, nested gemeente > wijk > buurt, each pointing at the
  first page of that region's profile;
- pdftotext: the contents page lists every region with the page its profile begins on, that
  page is the region's first page ("Wijkprofiel buurt · BU...") and every page of the booklet
  after the contents has the text of the separate profile's page, in order (gemeente, then
  each wijk followed by its buurten); the cover names the gemeente and the count.

Usage: check_boekje.py BOOKLET FOLDER GEMEENTE
FOLDER holds the separate profiles (REGIOCODE.pdf) of GEMEENTE, as `profiles` writes them;
profiles of other gemeenten beside them are told apart by the digits of their codes.
Prints "ok: ..." and exits 0, or prints what differs and exits 1."""
import json
import os
import re
import subprocess
import sys

problems = []


def problem(text):
    problems.append(text)
    print(text)


def run(*args):
    return subprocess.run(args, capture_output=True, text=True)


def pages_of(path):
    out = run("pdfinfo", path).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def text_of(path, first, last=None):
    return run("pdftotext", "-f", str(first), "-l", str(last or first), "-layout", path, "-").stdout


def main():
    booklet, folder, gemeente = sys.argv[1:4]
    check = run("qpdf", "--check", booklet)
    if check.returncode != 0 or "WARNING" in check.stdout + check.stderr:
        problem("qpdf --check: " + (check.stdout + check.stderr).strip())

    # The regions of the gemeente, from the separate files: GM, WK and BU codes of its digits.
    digits = gemeente[2:]
    codes = sorted(f[:-4] for f in os.listdir(folder) if f.endswith(".pdf") and f[2:6] == digits)
    wijken = [c for c in codes if c.startswith("WK")]
    order = [gemeente]
    for w in wijken:
        order.append(w)
        order += [c for c in codes if c.startswith("BU") and c[2:8] == w[2:8]]
    if sorted(order) != codes:
        problem(f"regions in the folder not in reading order: {sorted(set(codes) - set(order))}")
    pages = {c: pages_of(os.path.join(folder, c + ".pdf")) for c in order}

    # Contents: "Name (CODE)   page" lines after the cover.
    total = pages_of(booklet)
    listed = {}
    page = 2
    while True:
        text = text_of(booklet, page)
        found = re.findall(r"\(((?:GM|WK|BU)\w+)\)\s+(\d+)\s*$", text, re.M)
        if not found:
            break
        listed.update((c, int(p)) for c, p in found)
        page += 1
    contents_pages = page - 2
    first = 2 + contents_pages
    want = {}
    for c in order:
        want[c] = first
        first += pages[c]
    if total != first - 1:
        problem(f"{total} pages, expected 1 cover + {contents_pages} contents + "
                f"{sum(pages.values())} of the profiles")
    if listed != want:
        problem(f"contents {listed} differ from the profiles' first pages {want}")

    # Bookmarks: one per region, nested, at the first page of each.
    outlines = json.loads(run("qpdf", "--json=2", "--json-key=outlines", booklet).stdout)["outlines"]
    marks = []

    def walk(items, depth):
        for o in items:
            m = re.search(r"\(((?:GM|WK|BU)\w+)\)$", o["title"])
            marks.append((m.group(1) if m else o["title"], depth, o["destpageposfrom1"]))
            walk(o["kids"], depth + 1)

    walk(outlines, 0)
    depth = {"GM": 0, "WK": 1, "BU": 2}
    expect = [(c, depth[c[:2]], want[c]) for c in order]
    if marks != expect:
        problem(f"bookmarks {marks[:5]}... differ from {expect[:5]}...")

    # Every page after the contents is the separate profile's page.
    for c in order:
        for k in range(pages[c]):
            got = text_of(booklet, want[c] + k)
            single = text_of(os.path.join(folder, c + ".pdf"), k + 1)
            if got != single:
                problem(f"page {want[c] + k} of the booklet is not page {k + 1} of {c}.pdf")
                break

    cover = text_of(booklet, 1)
    if f"Gemeente {gemeente}" not in cover or f"{len(order)} profielen" not in cover:
        problem("cover: " + cover.strip()[:300])
    if problems:
        sys.exit(1)
    print(f"ok: {len(order)} profiles, {total} pages, {contents_pages} contents page(s), "
          f"{len(marks)} bookmarks")


main()
