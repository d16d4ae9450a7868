"""Read a `wijkdata export` back with the client its users have and compare it with the
`indicators` output of the same store (tests/cli/test_export.c runs it).

CSV and csv-nl are read with Python's csv module, XLSX with openpyxl, GeoJSON and GeoPackage
with GDAL (ogrinfo for layers, feature counts, fields, CRS and geometry validity through its
SQLite dialect; ogr2ogr to turn the attributes into CSV). Every value of every indicator must
equal the value `wijkdata indicators --level alle --jaar Y` writes for the year Y the export
names in `<indicator>_jaar`, which must be the newest year with a value no more than four
years before the row's `jaar`; the flags, trend, trend words, exact interval and indices must
equal too, and the regions must be exactly those `indicators` lists at the chosen level.

Usage: check_export.py WIJKDATA STORE FORMAT FILE LEVEL [GEMEENTE]
Prints "ok: ..." and exits 0, or prints what differs and exits 1."""
import csv
import io
import math
import os
import re
import subprocess
import sys
import tempfile

BACK = 4  # max_jaren_terug of the built-in balance definition
LAYERS = {"gemeente": "gemeenten", "wijk": "wijken", "buurt": "buurten"}
SHEETS = {"buurt": "Buurten", "wijk": "Wijken", "gemeente": "Gemeenten", "Nederland": "Nederland"}

problems = []


def problem(text):
    problems.append(text)


def run(args):
    r = subprocess.run(args, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({r.returncode}):\n{r.stdout}{r.stderr}")
    return r.stdout, r.stderr


def number(text):
    """A number as a CSV cell holds it (decimal comma allowed), None when empty."""
    if text is None or text == "":
        return None
    if isinstance(text, (int, float)):
        return float(text)
    return float(text.replace(",", "."))


def same(a, b):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def reference(wijkdata, store, gemeente, years, tmp):
    """(code, indicator, year) -> row of the indicators CSV, for every year asked."""
    ref = {}
    for year in sorted(years):
        out = os.path.join(tmp, f"ind_{year}.csv")
        args = [wijkdata, "indicators", "--store", store, "--level", "alle", "--jaar", str(year),
                "--out", out]
        if gemeente:
            args += ["--gemeente", gemeente]
        r = subprocess.run(args, capture_output=True, text=True)
        if r.returncode == 2 and "geen gegevens voor jaar" in r.stderr:
            continue  # before the store's first year
        if r.returncode != 0:
            raise SystemExit(f"indicators --jaar {year} failed: {r.stderr}")
        with open(out, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                ref[(row["regiocode"], row["indicator"], year)] = row
    return ref


def read_csv(path, nl):
    raw = open(path, "rb").read()
    if nl and not raw.startswith(b"\xef\xbb\xbf"):
        problem("csv-nl begint niet met een BOM")
    if not nl and raw.startswith(b"\xef\xbb\xbf"):
        problem("csv begint met een BOM")
    if raw.count(b"\n") != raw.count(b"\r\n") or b"\r\n" not in raw:
        problem("regels eindigen niet op CRLF")
    text = raw.decode("utf-8-sig" if nl else "utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";" if nl else ","))
    if nl:
        # A decimal point in a number cell would be misread by Dutch Excel.
        for row in rows:
            for k, v in row.items():
                if v and re.fullmatch(r"-?\d+\.\d+", v):
                    problem(f"csv-nl: decimale punt in {k} van {row['regiocode']}: {v}")
    return rows


def read_xlsx(path, level):
    import openpyxl

    wb = openpyxl.load_workbook(path)
    for name in ("Bronnen", "Definities"):
        if name not in wb.sheetnames:
            problem(f"xlsx zonder blad {name}")
    levels = [level] if level != "alle" else ["buurt", "wijk", "gemeente", "Nederland"]
    rows = []
    for lv in levels:
        ws = wb[SHEETS[lv]]
        if ws.freeze_panes != "C2":
            problem(f"blad {ws.title}: kopregel niet vast ({ws.freeze_panes})")
        if not ws.auto_filter.ref:
            problem(f"blad {ws.title}: geen filter")
        values = list(ws.iter_rows(values_only=True))
        header = values[0]
        for cells in values[1:]:
            row = {}
            for name, v in zip(header, cells):
                if name.endswith(("_vlaggen", "_reden", "_klasse", "_bron")) or name in (
                        "regiocode", "regionaam", "niveau", "wijkcode", "gemeentecode", "balans"):
                    if v is not None and not isinstance(v, str):
                        problem(f"{ws.title} {name}: geen tekst: {v!r}")
                    row[name] = v or ""
                else:
                    if v is not None and not isinstance(v, (int, float)):
                        problem(f"{ws.title} {name}: geen getal: {v!r}")
                    row[name] = v
            rows.append(row)
        widths = [ws.column_dimensions[c].width for c in ("A", "B")]
        if not all(w and w >= 10 for w in widths):
            problem(f"blad {ws.title}: kolombreedte niet gezet ({widths})")
    sources = list(wb["Bronnen"].iter_rows(values_only=True))
    tables = {r[0] for r in sources[1:]}
    for row in rows:
        for k, v in row.items():
            if k.endswith("_bron") and v and row.get(k[:-5] + "_jaar") and v not in tables:
                problem(f"bron {v} staat niet op het blad Bronnen")
    defs = {r[0] for r in wb["Definities"].iter_rows(values_only=True)}
    return rows, defs


def read_gdal(path, fmt, level, columns_wanted):
    """The layers of a GeoJSON or GeoPackage file through GDAL, checked, as CSV rows."""
    info, err = run(["ogrinfo", "-ro", path])
    if "ERROR" in err or "Warning" in err:
        problem(f"ogrinfo meldt: {err.strip()}")
    if fmt == "gpkg":
        layers = [LAYERS[level]] if level != "alle" else list(LAYERS.values())
        for layer in layers:
            if f": {layer} (Multi Polygon)" not in info:
                problem(f"GeoPackage zonder laag {layer} (Multi Polygon): {info}")
    else:
        layers = ["wijkdata"]
    rows = []
    for layer in layers:
        so, err = run(["ogrinfo", "-ro", "-so", path, layer])
        if "ERROR" in err or "Warning" in err:
            problem(f"ogrinfo {layer}: {err.strip()}")
        count = int(re.search(r"Feature Count: (\d+)", so).group(1))
        if fmt == "gpkg" and not ('"Amersfoort / RD New"' in so and 'ID["EPSG",28992]' in so):
            problem(f"laag {layer} is niet in RD New (EPSG:28992)")
        if fmt == "geojson" and 'GEOGCRS["WGS 84"' not in so:
            problem("GeoJSON niet in WGS 84 / CRS84")
        fields = re.findall(r"^(\w+): (String|Real|Integer|Integer64) ", so, re.M)
        names = [f for f, _ in fields]
        missing = [c for c in columns_wanted if c not in names]
        if missing:
            problem(f"laag {layer} mist velden {missing[:5]}")
        types = dict(fields)
        text, _ = run(["ogr2ogr", "-f", "CSV", "/vsistdout/", path, layer])
        layer_rows = list(csv.DictReader(io.StringIO(text, newline="")))
        for c in columns_wanted:
            t = types.get(c)
            text = c.endswith(("_vlaggen", "_reden", "_klasse", "_bron")) or c in (
                "regiocode", "regionaam", "niveau", "wijkcode", "gemeentecode", "balans")
            # GeoJSON has no schema: GDAL types a column that is null everywhere as String.
            if fmt == "geojson" and not text and all(r[c] == "" for r in layer_rows):
                continue
            if t and text != (t == "String"):
                problem(f"veld {c} is {t}")
        geom = "geom" if fmt == "gpkg" else "geometry"
        sql = (f"SELECT count(*) AS n, sum(CASE WHEN ST_IsValid({geom}) THEN 1 ELSE 0 END) AS"
               f" valid, sum(CASE WHEN {geom} IS NULL THEN 1 ELSE 0 END) AS empty FROM \"{layer}\"")
        out, err = run(["ogrinfo", "-ro", "-q", "-dialect", "sqlite", "-sql", sql, path])
        n = int(re.search(r"n \(Integer\) = (\d+)", out).group(1))
        valid = re.search(r"valid \(Integer\) = (\d+)", out)
        empty = re.search(r"empty \(Integer\) = (\d+)", out)
        valid = int(valid.group(1)) if valid else 0
        empty = int(empty.group(1)) if empty else 0
        if n != count or valid + empty != n or valid == 0:
            problem(f"laag {layer}: {n} objecten, {valid} met geldige geometrie, {empty} zonder")
        if fmt == "gpkg":
            ext = re.search(r"Extent: \(([\d.]+), ([\d.]+)\) - \(([\d.]+), ([\d.]+)\)", so)
            x0, y0, x1, y1 = map(float, ext.groups())
            if not (0 < x0 < x1 < 300000 and 289000 < y0 < y1 < 629000):
                problem(f"laag {layer}: omvang {ext.groups()} ligt niet in Nederland (RD)")
        rows += layer_rows
    return rows, count


def main():
    wijkdata, store, fmt, path, level = sys.argv[1:6]
    gemeente = sys.argv[6] if len(sys.argv) > 6 else None
    tmp = tempfile.mkdtemp(prefix="wd-check-")
    # The columns and their order: the CSV header is the model for every format.
    header_args = [wijkdata, "export", "--store", store, "--format", "csv", "--level", "gemeente"]
    head, _ = run(header_args + (["--gemeente", gemeente] if gemeente else []))
    columns = next(csv.reader(io.StringIO(head)))
    ids = [c[:-len("_jaar")] for c in columns if c.endswith("_jaar") and c != "jaar"]
    defs = None
    if fmt in ("csv", "csv-nl"):
        rows = read_csv(path, fmt == "csv-nl")
    elif fmt == "xlsx":
        rows, defs = read_xlsx(path, level)
    else:
        rows, _ = read_gdal(path, fmt, level, columns)
    if fmt in ("csv", "csv-nl") and rows and list(rows[0].keys()) != columns:
        problem("kolommen wijken af van de CSV")
    if defs is not None:
        for i in ids:
            if i not in defs:
                problem(f"indicator {i} staat niet op het blad Definities")
    years = set()
    for row in rows:
        j = int(number(row["jaar"]))
        years.update(range(j - BACK, j + 1))
    ref = reference(wijkdata, store, gemeente, years, tmp)
    # The regions: exactly those indicators lists at the level (geometry: without Nederland).
    want = {}
    for (code, ind, year), r in ref.items():
        if ind == "inwoners":
            want[code] = r["niveau"]
    levels = {"alle": {"buurt", "wijk", "gemeente", "Nederland"}}.get(level, {level})
    if fmt in ("geojson", "gpkg"):
        levels.discard("Nederland")
    want_codes = {c for c, lv in want.items() if lv in levels}
    got_codes = [r["regiocode"] for r in rows]
    if len(got_codes) != len(set(got_codes)):
        problem("een regio staat er meer dan eens in")
    if set(got_codes) != want_codes:
        problem(f"regio's wijken af: {sorted(set(got_codes) ^ want_codes)[:10]}")
    compared = 0
    for row in rows:
        code, jaar = row["regiocode"], int(number(row["jaar"]))
        for i in ids:
            have = [y for y in range(jaar - BACK, jaar + 1)
                    if (code, i, y) in ref and ref[(code, i, y)]["waarde"] != ""]
            yy = max(have) if have else None
            got_year = number(row[i + "_jaar"])
            if (int(got_year) if got_year is not None else None) != yy:
                problem(f"{code} {i}: jaar {got_year}, verwacht {yy}")
                continue
            r = ref.get((code, i, yy if yy else jaar))
            if r is None:
                continue
            if not same(number(row[i]), number(r["waarde"]) if yy else None):
                problem(f"{code} {i} {yy}: {row[i]} tegen {r['waarde']}")
            if (row[i + "_vlaggen"] or "") != r["vlaggen"]:
                problem(f"{code} {i}: vlaggen {row[i + '_vlaggen']!r} tegen {r['vlaggen']!r}")
            if bool(row[i + "_reden"]) == bool(yy):
                problem(f"{code} {i}: reden {row[i + '_reden']!r} bij jaar {yy}")
            if not same(number(row[i + "_trend"]), number(r["trend_helling_per_jaar"])):
                problem(f"{code} {i}: trend {row[i + '_trend']} tegen "
                        f"{r['trend_helling_per_jaar']}")
            klasse = r["trend_klasse"] if r["trend_punten"] not in ("", "0") else ""
            if (row[i + "_trend_klasse"] or "") != klasse:
                problem(f"{code} {i}: trendklasse {row[i + '_trend_klasse']!r} tegen {klasse!r}")
            if yy and r["exact_ci95_laag"] != "":
                if not (same(number(row[i + "_ci95_laag"]), number(r["exact_ci95_laag"])) and
                        same(number(row[i + "_ci95_hoog"]), number(r["exact_ci95_hoog"]))):
                    problem(f"{code} {i}: interval tegen {r['exact_ci95_laag']}")
            compared += 1
        for index in ("draagkracht_index", "draaglast_index"):
            r = ref.get((code, index, jaar))
            if r and not same(number(row[index]), number(r["waarde"])):
                problem(f"{code} {index}: {row[index]} tegen {r['waarde']}")
    if compared == 0:
        problem("niets vergeleken")
    if problems:
        print(f"{len(problems)} verschillen, de eerste:")
        print("\n".join(problems[:25]))
        sys.exit(1)
    print(f"ok: {len(rows)} regio's, {compared} waarden vergeleken ({fmt})")


if __name__ == "__main__":
    main()
