"""Check a booklet of `wijkdata profiles --boekje` against the separate profiles of the same
regions (tests/cli/test_profiles.c runs it), with the tools a reader's PDF stack has:

- qpdf --check finds no damage and no warning;
- pdfinfo: the page count is the cover, the contents pages and the pages of every profile;
- qpdf --json: one bookmark per region, nested gemeente > wijk > buurt (a werkgebied > its
  members), each pointing at the first page of that region's profile;
- the contents are links: every line of a region is a /Link annotation whose /Dest is a name
  that the document's /Dests name tree (qpdf --json) puts on the first page of that region's
  profile, and poppler follows them there too (pdftohtml -xml writes each as <a href="#PAGE">);
- pdftotext: the contents page lists every region with the page its profile begins on and
  every page of the booklet after the contents has the text of the separate profile's page,
  in order (gemeente, then each wijk followed by its buurten; a werkgebied, then its members
  as given); the cover names the gemeente or werkgebied and the count.

Usage: check_boekje.py BOOKLET FOLDER GEMEENTE
       check_boekje.py BOOKLET FOLDER WERKGEBIED MEMBER...
FOLDER holds the separate profiles (REGIOCODE.pdf) of the regions, as `profiles` writes them;
for a gemeente, profiles of other gemeenten beside them are told apart by the digits of their
codes. Prints "ok: ..." and exits 0, or prints what differs and exits 1."""
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


CODE = r"\(((?:GM|WK|BU|WG)\w+)\)"


def gemeente_order(folder, gemeente):
    """The regions of the gemeente, from the separate files: GM, WK and BU codes of its
    digits, in reading order, with their depths in the bookmarks."""
    digits = gemeente[2:]
    codes = sorted(f[:-4] for f in os.listdir(folder) if f.endswith(".pdf") and f[2:6] == digits)
    wijken = [c for c in codes if c.startswith("WK")]
    order = [gemeente]
    for w in wijken:
        order.append(w)
        order += [c for c in codes if c.startswith("BU") and c[2:8] == w[2:8]]
    if sorted(order) != codes:
        problem(f"regions in the folder not in reading order: {sorted(set(codes) - set(order))}")
    depth = {"GM": 0, "WK": 1, "BU": 2}
    return order, [depth[c[:2]] for c in order]


def check_links(booklet, contents_pages, want):
    """Every contents line a link by name to the first page of its region."""
    doc = json.loads(run("qpdf", "--json=2", booklet).stdout)
    objs = doc["qpdf"][1]
    page_of = {p["object"]: n + 1 for n, p in enumerate(doc["pages"])}

    def obj(ref):
        return objs["obj:" + ref]["value"]

    catalog = obj(objs["trailer"]["value"]["/Root"])
    names = obj(obj(catalog["/Names"])["/Dests"])["/Names"]
    dests = {names[k][2:]: page_of[names[k + 1][0]] for k in range(0, len(names), 2)}
    links = {}
    for n in range(2, 2 + contents_pages):
        page = obj(doc["pages"][n - 1]["object"])
        for ref in page.get("/Annots", []):
            a = obj(ref)
            if a.get("/Subtype") == "/Link" and "/Dest" in a:
                name = a["/Dest"][2:]
                links[name] = dests.get(name)
    if links != want:
        problem(f"contents links {sorted(links.items())[:5]}... differ from "
                f"{sorted(want.items())[:5]}...")
    # poppler follows the same links: pdftohtml writes each as <a href="FILE.html#PAGE">.
    xml = run("pdftohtml", "-xml", "-i", "-q", "-stdout", "-f", "2", "-l",
              str(1 + contents_pages), booklet).stdout
    followed = dict((c, int(p)) for p, c in
                    re.findall(r'<a href="[^"#]*#(\d+)">(?:<b>)?[^<]*' + CODE, xml))
    if followed != want:
        problem(f"poppler's links {sorted(followed.items())[:5]}... differ from "
                f"{sorted(want.items())[:5]}...")
    return len(links)


def main():
    booklet, folder, root = sys.argv[1:4]
    check = run("qpdf", "--check", booklet)
    if check.returncode != 0 or "WARNING" in check.stdout + check.stderr:
        problem("qpdf --check: " + (check.stdout + check.stderr).strip())

    if root.startswith("WG"):
        order, depths = [root] + sys.argv[4:], [0] + [1] * len(sys.argv[4:])
    else:
        order, depths = gemeente_order(folder, root)
    pages = {c: pages_of(os.path.join(folder, c + ".pdf")) for c in order}

    # Contents: "Name (CODE)   page" lines after the cover.
    total = pages_of(booklet)
    listed = {}
    page = 2
    while True:
        text = text_of(booklet, page)
        found = re.findall(CODE + r"\s+(\d+)\s*$", text, re.M)
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
            m = re.search(CODE + "$", o["title"])
            marks.append((m.group(1) if m else o["title"], depth, o["destpageposfrom1"]))
            walk(o["kids"], depth + 1)

    walk(outlines, 0)
    expect = [(c, d, want[c]) for c, d in zip(order, depths)]
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

    n_links = check_links(booklet, contents_pages, want)

    cover = text_of(booklet, 1)
    kind = "Werkgebied" if root.startswith("WG") else "Gemeente"
    if f"{kind} {root}" not in cover or f"{len(order)} profielen" not in cover:
        problem("cover: " + cover.strip()[:300])
    if problems:
        sys.exit(1)
    print(f"ok: {len(order)} profiles, {total} pages, {contents_pages} contents page(s), "
          f"{len(marks)} bookmarks, {n_links} links")


main()
