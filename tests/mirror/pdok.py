"""PDOK OGC API Features of the mirror: the CBS wijken en buurten 2023, 2024 and 2025
(`/api.pdok.nl/cbs/wijken-en-buurten-<jaar>/ogc/v1/…`), collections gemeenten, wijken and
buurten, as PDOK's server (gokoala) answers: limit (default 10, at most 1000: larger values
are lowered, not refused), cursor paging through the `links[]` entry "rel": "next", property
filters, crs (CRS84 by default, RD New on request), f=json, and RFC 7807 problems for bad
requests.

SIMULATED TEST DATA. The areas and their figures are the model's (regions.py, the KWB table of
the same year); geometry is made in RD New and converted to CRS84 with the published
RD-to-WGS84 approximation polynomials, so both coordinate systems describe the same polygons.
Properties are snake_case; a missing figure is -99997 (secret) or -99995 (comes in a later
delivery: income in 2025).
"""

import base64
import functools
import hashlib
import json
from urllib.parse import urlencode

import regions

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
RD = "http://www.opengis.net/def/crs/EPSG/0/28992"
CRS_PREFIX = "http://www.opengis.net/def/crs/"
YEARS = (2023, 2024, 2025)
COLLECTIONS = {"gemeenten": "gemeente", "wijken": "wijk", "buurten": "buurt"}
FILTERS = {"gemeenten": ("gemeentecode", "gemeentenaam", "water"),
           "wijken": ("wijkcode", "wijknaam", "gemeentecode", "gemeentenaam", "water"),
           "buurten": ("buurtcode", "buurtnaam", "wijkcode", "gemeentecode", "gemeentenaam",
                       "water")}
KNOWN = ("f", "limit", "cursor", "crs", "bbox", "bbox-crs", "datetime", "filter", "filter-crs",
         "filter-lang", "profile")
LIMIT_DEFAULT, LIMIT_MAX = 10, 1000
TIMESTAMP = "2026-12-01T00:00:00Z"
SECRET, LATER = -99997, -99995


class Problem(Exception):
    """An RFC 7807 problem answer."""

    def __init__(self, status, detail):
        super().__init__(detail)
        self.status = status
        self.detail = detail

    def body(self):
        titles = {400: "Bad Request", 404: "Not Found", 406: "Not Acceptable"}
        return json.dumps({"detail": self.detail, "status": self.status,
                           "timeStamp": TIMESTAMP,
                           "title": titles.get(self.status, "Error")}).encode()


def rd_to_crs84(x, y):
    """RD New (EPSG:28992) to WGS84 lon/lat with the approximation polynomials published for
    RD (Schreutelkamp and Strang van Hees); about a metre off, the same for every caller."""
    dx, dy = (x - 155000) * 1e-5, (y - 463000) * 1e-5
    n = (3235.65389 * dy - 32.58297 * dx ** 2 - 0.2475 * dy ** 2 - 0.84978 * dx ** 2 * dy
         - 0.0655 * dy ** 3 - 0.01709 * dx ** 2 * dy ** 2 - 0.00738 * dx + 0.0053 * dx ** 4
         - 0.00039 * dx ** 2 * dy ** 3 + 0.00033 * dx ** 4 * dy - 0.00012 * dx * dy)
    e = (5260.52916 * dx + 105.94684 * dx * dy + 2.45656 * dx * dy ** 2 - 0.81885 * dx ** 3
         + 0.05594 * dx * dy ** 3 - 0.05607 * dx ** 3 * dy + 0.01199 * dy
         - 0.00256 * dx ** 3 * dy ** 2 + 0.00128 * dx * dy ** 4 + 0.00022 * dy ** 2
         - 0.00022 * dx ** 2 + 0.00026 * dx ** 5)
    return round(5.387206 + e / 3600, 7), round(52.15517 + n / 3600, 7)


def _ring(box, xs, ys):
    """The counter-clockwise ring of rectangle `box` with a vertex at every x in `xs` and y
    in `ys` that lies on its edges, so neighbours share their vertices exactly."""
    x0, y0, x1, y1 = box
    bottom = [(x, y0) for x in sorted(xs) if x0 <= x < x1]
    right = [(x1, y) for y in sorted(ys) if y0 <= y < y1]
    top = [(x, y1) for x in sorted(xs, reverse=True) if x0 < x <= x1]
    left = [(x0, y) for y in sorted(ys, reverse=True) if y0 < y <= y1]
    ring = bottom + right + top + left
    return ring + [ring[0]]


def _num(v, missing=SECRET):
    return missing if v is None else v


def _kwb_values(model, year):
    """Area code -> {stem: value} of the KWB table of `year`."""
    table = model.table("opendata.cbs.nl", model.kwb_ids[year])
    keys = {p["Key"]: p["Key"].rsplit("_", 1)[0] for p in table.props if p["Type"] == "Topic"}
    out = {}
    for row in table.rows:
        first = {}
        for k, v in row.items():
            first.setdefault(keys.get(k, k), v)  # the first of a repeated stem
        out[row["WijkenEnBuurten"].strip()] = first
    return out


@functools.lru_cache(maxsize=None)
def features(model, year, collection):
    """The features of one collection: a list of (id, properties, RD rings) with the rings
    as lists of (x, y)."""
    level = COLLECTIONS[collection]
    areas = regions.indeling(year)
    kwb = _kwb_values(model, year)
    xs, ys = {}, {}
    for a in areas:
        for box in (a.box, a.water_box):
            if box:
                xs.setdefault(a.gemeente, set()).update((box[0], box[2]))
                ys.setdefault(a.gemeente, set()).update((box[1], box[3]))
    out = []
    for a in areas:
        if a.level != level:
            continue
        v = kwb[a.code]
        pop = v["AantalInwoners"]
        props = {}
        if level == "buurt":
            props.update(buurtcode=a.code, buurtnaam=a.name, wijkcode=a.wijk)
        if level == "wijk":
            props.update(wijkcode=a.code, wijknaam=a.name)
        props.update(gemeentecode=a.gemeente, gemeentenaam=a.gemeente_name, water="NEE",
                     jrstatcode="%d%s" % (year, a.code),
                     indelingswijziging_wijken_en_buurten=int(a.indeling),
                     aantal_inwoners=pop, mannen=_num(v["Mannen"]), vrouwen=_num(v["Vrouwen"]),
                     percentage_personen_65_jaar_en_ouder=SECRET if not pop or
                     v["k_65JaarOfOuder"] is None else round(100 * v["k_65JaarOfOuder"] / pop),
                     aantal_huishoudens=_num(v["HuishoudensTotaal"]),
                     bevolkingsdichtheid_inwoners_per_km2=_num(v["Bevolkingsdichtheid"]),
                     gemiddeld_inkomen_per_inwoner=LATER if year == 2025 else
                     _num(v["GemiddeldInkomenPerInwoner"]),
                     oppervlakte_totaal_in_ha=_num(v["OppervlakteTotaal"]),
                     oppervlakte_land_in_ha=_num(v["OppervlakteLand"]),
                     oppervlakte_water_in_ha=_num(v["OppervlakteWater"]),
                     stedelijkheid_adressen_per_km2=_num(v["MateVanStedelijkheid"]))
        if level == "buurt":
            postcode = v["MeestVoorkomendePostcode"]
            props.update(meest_voorkomende_postcode=postcode.strip() if postcode else None,
                         dekkingspercentage=_num(v["Dekkingspercentage"]))
        ring_xs, ring_ys = xs[a.gemeente], ys[a.gemeente]
        out.append((len(out) + 1, props, [_ring(a.box, ring_xs, ring_ys)]))
        if level == "buurt" and a.water_box:
            water = {k: (SECRET if isinstance(val, int) and not k.startswith("oppervlakte")
                         and k != "indelingswijziging_wijken_en_buurten" else val)
                     for k, val in props.items()}
            wx0, wy0, wx1, wy1 = a.water_box
            water.update(water="JA", oppervlakte_totaal_in_ha=(wx1 - wx0) * (wy1 - wy0) // 10000,
                         oppervlakte_land_in_ha=0,
                         oppervlakte_water_in_ha=(wx1 - wx0) * (wy1 - wy0) // 10000)
            out.append((len(out) + 1, water, [_ring(a.water_box, ring_xs, ring_ys)]))
    return out


def geometry(rings, crs):
    if crs == RD:
        coords = [[list(p) for p in ring] for ring in rings]
    else:
        coords = [[list(rd_to_crs84(x, y)) for x, y in ring] for ring in rings]
    return {"type": "MultiPolygon", "coordinates": [coords]}


def _checksum(params):
    keep = sorted((k, v) for k, v in params.items() if k not in ("f", "cursor", "limit"))
    return hashlib.sha1(repr(keep).encode()).hexdigest()[:8]


def _encode_cursor(offset, checksum):
    raw = json.dumps({"o": offset, "c": checksum}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(text, checksum):
    """The offset a cursor points at; a cursor that is unreadable or belongs to other filters
    starts at the beginning, as gokoala does."""
    try:
        raw = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        if raw["c"] == checksum and isinstance(raw["o"], int) and raw["o"] >= 0:
            return raw["o"]
    except (ValueError, KeyError, TypeError):
        pass
    return 0


def _url(root, year, rest, params):
    query = urlencode(sorted(params.items()))  # Go's url.Values.Encode sorts by key
    return "%s/api.pdok.nl/cbs/wijken-en-buurten-%d/ogc/v1%s%s" % (
        root, year, rest, "?" + query if query else "")


def _format(params, accept):
    f = params.get("f")
    if f is None:
        return "json" if "json" in (accept or "") else "html"
    if f in ("json", "html"):
        return f
    raise Problem(406, "format '%s' is not supported" % f)


def _parse_crs(params):
    crs = params.get("crs", "").strip()
    if not crs:
        return CRS84
    if not crs.startswith(CRS_PREFIX):
        raise Problem(400, "crs param should start with %s, got: %s" % (CRS_PREFIX, crs))
    if crs not in (CRS84, RD):
        raise Problem(400, "crs %s is not supported for this collection, supported: %s, %s" %
                      (crs, CRS84, RD))
    return crs


def _html(title, body):
    return ("<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>%s</title>"
            "</head><body><h1>%s</h1><pre>%s</pre></body></html>" % (title, title, body)).encode()


def handle(model, root, parts, params, accept):
    """Answer a request for path `parts` (after the leading '/'); returns (status, content
    type, body, extra headers). Raises Problem for refusals."""
    prefix = "/".join(parts[:5])
    year = next((y for y in YEARS if prefix == "api.pdok.nl/cbs/wijken-en-buurten-%d/ogc/v1" % y),
                None)
    if year is None:
        raise Problem(404, "page not found")
    rest = [p for p in parts[5:] if p != ""]
    fmt = _format(params, accept)
    ctype = "application/json" if fmt == "json" else "text/html; charset=utf-8"
    if not rest:
        body = {"title": "CBS Wijken en Buurten %d (gesimuleerd)" % year,
                "description": "Gesimuleerde testgegevens van de service-mirror.",
                "links": [{"rel": "data", "type": "application/json", "title": "Collections",
                           "href": _url(root, year, "/collections", {"f": "json"})}]}
    elif rest == ["collections"]:
        body = {"collections": [_collection_doc(root, year, c) for c in COLLECTIONS],
                "links": [{"rel": "self", "type": "application/json",
                           "href": _url(root, year, "/collections", {"f": "json"})}]}
    elif len(rest) >= 2 and rest[0] == "collections" and rest[1] not in COLLECTIONS:
        raise Problem(404, "collection '%s' doesn't exist in this features service" % rest[1])
    elif len(rest) == 2:
        body = _collection_doc(root, year, rest[1])
    elif len(rest) == 3 and rest[2] == "items":
        return _items(model, root, year, rest[1], params, fmt)
    elif len(rest) == 4 and rest[2] == "items":
        return _item(model, year, rest[1], rest[3], params, fmt)
    else:
        raise Problem(404, "page not found")
    text = json.dumps(body, ensure_ascii=False)
    return 200, ctype, text.encode() if fmt == "json" else _html(body.get("title", ""), text), {}


def _collection_doc(root, year, name):
    return {"id": name, "title": name.capitalize(), "crs": [CRS84, RD], "storageCrs": RD,
            "links": [{"rel": "items", "type": "application/geo+json", "title": "Items",
                       "href": _url(root, year, "/collections/%s/items" % name, {"f": "json"})}]}


def _feature_json(fid, props, rings, crs):
    return {"type": "Feature", "properties": props, "geometry": geometry(rings, crs),
            "id": str(fid)}


def _items(model, root, year, name, params, fmt):
    for k in params:
        if k not in KNOWN and k not in FILTERS[name]:
            raise Problem(400, "unknown query parameter(s) found: %s" % k)
    limit = LIMIT_DEFAULT
    if params.get("limit", "") != "":
        try:
            limit = int(params["limit"])
        except ValueError:
            raise Problem(400, "limit must be numeric") from None
        if limit < 0:
            raise Problem(400, "limit can't be negative")
        limit = min(limit, LIMIT_MAX)
    crs = _parse_crs(params)
    if params.get("datetime"):
        raise Problem(400, "datetime param is currently not supported for this collection")
    if params.get("filter"):
        raise Problem(400, "CQL support is not enabled for this API")
    bbox = None
    if params.get("bbox"):
        try:
            bbox = [float(v) for v in params["bbox"].split(",")]
        except ValueError:
            raise Problem(400, "failed to parse bbox") from None
        if len(bbox) != 4:
            raise Problem(400, "bbox should contain exactly 4 values separated by commas: "
                               "minx,miny,maxx,maxy")
    selected = []
    for fid, props, rings in features(model, year, name):
        if any(str(props.get(k)) != params[k] for k in FILTERS[name] if k in params):
            continue  # property filters compare exactly
        if bbox:
            pts = [rd_to_crs84(x, y) for x, y in rings[0]]
            lo_x, lo_y = min(p[0] for p in pts), min(p[1] for p in pts)
            hi_x, hi_y = max(p[0] for p in pts), max(p[1] for p in pts)
            if hi_x < bbox[0] or lo_x > bbox[2] or hi_y < bbox[1] or lo_y > bbox[3]:
                continue
        selected.append((fid, props, rings))
    checksum = _checksum(params)
    start = _decode_cursor(params["cursor"], checksum) if params.get("cursor") else 0
    page = selected[start:start + limit]
    own = {k: v for k, v in params.items() if k != "cursor"}
    own["f"] = "json"
    links = [{"rel": "self", "type": "application/geo+json", "title": "This document as GeoJSON",
              "href": _url(root, year, "/collections/%s/items" % name, own)},
             {"rel": "alternate", "type": "text/html", "title": "This document as HTML",
              "href": _url(root, year, "/collections/%s/items" % name, dict(own, f="html"))}]
    if start + limit < len(selected):
        links.append({"rel": "next", "type": "application/geo+json", "title": "Next page",
                      "href": _url(root, year, "/collections/%s/items" % name,
                                   dict(own, cursor=_encode_cursor(start + limit, checksum)))})
    if start > 0:
        links.append({"rel": "prev", "type": "application/geo+json", "title": "Previous page",
                      "href": _url(root, year, "/collections/%s/items" % name,
                                   dict(own, cursor=_encode_cursor(max(0, start - limit),
                                                                   checksum)))})
    body = {"type": "FeatureCollection", "timeStamp": TIMESTAMP, "links": links,
            "features": [_feature_json(fid, p, r, crs) for fid, p, r in page],
            "numberReturned": len(page)}
    headers = {"Content-Crs": "<%s>" % crs}
    text = json.dumps(body, ensure_ascii=False)
    if fmt == "html":
        return 200, "text/html; charset=utf-8", _html(name, text), headers
    return 200, "application/geo+json", text.encode(), headers


def _item(model, year, name, fid, params, fmt):
    crs = _parse_crs(params)
    for f_id, props, rings in features(model, year, name):
        if str(f_id) == fid:
            text = json.dumps(_feature_json(f_id, props, rings, crs), ensure_ascii=False)
            return 200, "application/geo+json", text.encode(), {"Content-Crs": "<%s>" % crs}
    raise Problem(404, "no item found with ID %s" % fid)
