#!/usr/bin/env python3
"""Tests of the mirror's own rules: a real server on 127.0.0.1 (in this process, and once as
the `serve` command), requested with http.client. One small test per rule of README.md."""

import gzip
import http.client
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import zipfile
from urllib.parse import quote, urlsplit
from xml.etree import ElementTree

HERE = os.path.dirname(os.path.abspath(__file__))
# No __pycache__ beside the sources: the mirror leaves nothing behind in the tree.
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)

import cbs  # noqa: E402
import lbm  # noqa: E402
import mirror  # noqa: E402
import model as model_mod  # noqa: E402
import regions  # noqa: E402
import server  # noqa: E402

DEFAULT = model_mod.Model(model_mod.Options())
KWB = "/opendata.cbs.nl/ODataApi/odata/85984NED/"
FEED = "/opendata.cbs.nl/ODataFeed/odata/85984NED/"
RIVM_FEED = "/dataderden.cbs.nl/ODataFeed/odata/50120NED/"
PDOK = "/api.pdok.nl/cbs/wijken-en-buurten-2024/ogc/v1/collections/"


class Running:
    """A mirror served on a thread of this process."""

    def __init__(self, model=DEFAULT, page_size=10000, api_limit=10000, faults=(),
                 link_on_full_page=False):
        self.mirror = server.Mirror(model, cbs.Paging(page_size, api_limit, link_on_full_page),
                                    server.check_faults(list(faults)), None)
        self.httpd = server.Server(0, self.mirror)
        self.port = self.mirror.port
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,),
                                       daemon=True)
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def get(self, target, headers=None, conn=None):
        """(status, headers dict with lower-case names, body bytes) of GET target."""
        own = conn is None
        conn = conn or http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request("GET", target, headers=headers or {})
            r = conn.getresponse()
            body = r.read()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, body
        finally:
            if own:
                conn.close()

    def json(self, target, status=200):
        code, _, body = self.get(target)
        if code != status:
            raise AssertionError("%s: HTTP %d, want %d: %s" % (target, code, status, body[:300]))
        return json.loads(body)

    def follow(self, target):
        """Every entity of an OData collection, following odata.nextLink; also the number
        of pages."""
        rows, pages = [], 0
        while target:
            doc = self.json(target)
            rows.extend(doc["value"])
            pages += 1
            nxt = doc.get("odata.nextLink")
            if nxt:
                parts = urlsplit(nxt)
                assert parts.netloc == "127.0.0.1:%d" % self.port, nxt
                target = parts.path + "?" + parts.query
            else:
                target = None
        return rows, pages


def q(text):
    return quote(text, safe="")


def odata_filter(path, expr, extra=""):
    return "%s?$format=json&$filter=%s%s" % (path, q(expr), extra)


class MirrorCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.m = Running()

    @classmethod
    def tearDownClass(cls):
        cls.m.stop()

    def codes(self, expr, path=KWB + "TypedDataSet"):
        doc = self.m.json(odata_filter(path, expr, "&$select=WijkenEnBuurten"))
        return [r["WijkenEnBuurten"] for r in doc["value"]]


class FilterTest(MirrorCase):
    def test_eq_is_exact_on_padded_keys(self):
        self.assertEqual(self.codes("WijkenEnBuurten eq 'GM0344'"), [])
        self.assertEqual(self.codes("WijkenEnBuurten eq 'GM0344    '"), ["GM0344    "])

    def test_startswith_gm_gives_the_gemeente_row_only(self):
        self.assertEqual(self.codes("startswith(WijkenEnBuurten,'GM0344')"), ["GM0344    "])

    def test_or_of_prefixes_gives_gemeente_with_wijken_and_buurten(self):
        got = self.codes("startswith(WijkenEnBuurten,'GM0344') or "
                         "startswith(WijkenEnBuurten,'WK0344') or "
                         "startswith(WijkenEnBuurten,'BU0344')")
        want = [a.code.ljust(10) for a in regions.indeling(2024) if a.gemeente == "GM0344"]
        self.assertEqual(got, want)
        self.assertGreater(len(want), 30)

    def test_substringof_catches_another_gemeentes_buurt(self):
        got = self.codes("substringof('0344',WijkenEnBuurten)")
        self.assertIn("BU03630344", got)
        self.assertIn("GM0344    ", got)

    def test_not_and_parentheses(self):
        wijken = self.codes("startswith(WijkenEnBuurten,'WK0344')")
        got = self.codes("(startswith(WijkenEnBuurten,'WK0344') or "
                         "startswith(WijkenEnBuurten,'GM0344')) and "
                         "not (WijkenEnBuurten eq 'WK034401  ')")
        self.assertEqual(got, ["GM0344    "] + [w for w in wijken if w != "WK034401  "])

    def test_and_with_numbers_and_endswith(self):
        got = self.codes("endswith(WijkenEnBuurten,'11') and AantalInwoners_5 gt 1000")
        rows = {r["WijkenEnBuurten"]: r for r in DEFAULT.table("opendata.cbs.nl",
                                                               "85984NED").rows}
        want = [c for c, r in rows.items() if c.endswith("11") and r["AantalInwoners_5"] > 1000]
        self.assertEqual(got, want)
        self.assertTrue(want)

    def test_string_literal_with_doubled_quote(self):
        doc = self.m.json(odata_filter("/opendata.cbs.nl/ODataApi/odata/85984NED/DataProperties",
                                       "Title eq 'Personenauto''s totaal'"))
        self.assertEqual([r["Key"] for r in doc["value"]], ["PersonenautoSTotaal_106"])

    def test_rivm_dimensions_filter(self):
        doc = self.m.json(odata_filter("/dataderden.cbs.nl/ODataApi/odata/50120NED/TypedDataSet",
                                       "WijkenEnBuurten eq 'GM0344    ' and Leeftijd eq '80200' "
                                       "and Marges eq 'MW00000' and Perioden eq '2022JJ00'"))
        self.assertEqual(len(doc["value"]), 1)

    def refused(self, expr, message):
        status, _, body = self.m.get(odata_filter(KWB + "TypedDataSet", expr))
        self.assertEqual(status, 400, body)
        self.assertIn(message, json.loads(body)["odata.error"]["message"]["value"])

    def test_bad_syntax_is_refused(self):
        self.refused("startswith(WijkenEnBuurten,'GM0344'", "Syntax error at position")
        self.refused("WijkenEnBuurten eq", "Syntax error at position")
        self.refused("WijkenEnBuurten eq 'GM0344", "Syntax error at position 19")

    def test_unknown_field_and_function_are_refused(self):
        self.refused("Bestaatniet eq 1", "Could not find a property named 'Bestaatniet'")
        self.refused("beginswith(WijkenEnBuurten,'GM')", "Unknown function 'beginswith'")
        self.refused("WijkenEnBuurten eq 344", "incompatible types")

    def test_unknown_system_option_and_select_are_refused(self):
        status, _, body = self.m.get(KWB + "TypedDataSet?$format=json&$expand=X")
        self.assertEqual(status, 400)
        self.assertIn("$expand", body.decode())
        status, _, body = self.m.get(KWB + "TypedDataSet?$format=json&$select=Nergens")
        self.assertEqual(status, 400)


class PagingTest(unittest.TestCase):
    """ODataFeed pages every collection; the pages together are the unpaged collection."""

    COLLECTIONS = [
        FEED + "TableInfos?$format=json",
        FEED + "DataProperties?$format=json",
        FEED + "WijkenEnBuurten?$format=json",
        FEED + "CategoryGroups?$format=json",
        odata_filter(FEED + "TypedDataSet", "startswith(WijkenEnBuurten,'WK0344') or "
                                            "startswith(WijkenEnBuurten,'BU034401')"),
        odata_filter(FEED + "UntypedDataSet", "startswith(WijkenEnBuurten,'BU0363AD')"),
        RIVM_FEED + "Leeftijd?$format=json",
        RIVM_FEED + "Marges?$format=json",
        RIVM_FEED + "Perioden?$format=json",
        RIVM_FEED + "WijkenEnBuurten?$format=json",
        odata_filter(RIVM_FEED + "TypedDataSet", "WijkenEnBuurten eq 'BU03440111'"),
        "/opendata.cbs.nl/ODataCatalog/Tables?$format=json",
        "/dataderden.cbs.nl/ODataCatalog/Tables?$format=json",
    ]

    def test_pages_concatenate_to_the_collection(self):
        big = Running()
        try:
            whole = {t: big.follow(t) for t in self.COLLECTIONS}
        finally:
            big.stop()
        own = "127.0.0.1:%d" % big.port
        for size in (1, 3):
            m = Running(page_size=size)
            try:
                for target in self.COLLECTIONS:
                    rows, pages = m.follow(target)
                    want, one = whole[target]
                    self.assertEqual(one, 1, target)
                    # Catalogue links name the port of their own mirror.
                    self.assertEqual(json.dumps(rows).replace("127.0.0.1:%d" % m.port, own),
                                     json.dumps(want), target)
                    self.assertEqual(pages, max(1, -(-len(want) // size)), target)
                    keys = [json.dumps(r, sort_keys=True) for r in rows]
                    self.assertEqual(len(keys), len(set(keys)), target)
            finally:
                m.stop()

    def test_next_link_keeps_the_options_and_counts_skip(self):
        m = Running(page_size=3)
        try:
            doc = m.json(odata_filter(FEED + "TypedDataSet", "startswith(WijkenEnBuurten,'WK')",
                                      "&$select=WijkenEnBuurten"))
            link = doc["odata.nextLink"]
            self.assertTrue(link.startswith("http://127.0.0.1:%d%sTypedDataSet?$format=json&"
                                            "$filter=startswith%%28" % (m.port, FEED)), link)
            self.assertTrue(link.endswith("&$select=WijkenEnBuurten&$skip=3"), link)
            rows, _ = m.follow(KWB.replace("ODataApi", "ODataFeed") +
                               "DataProperties?$format=json&$top=5")
            self.assertEqual([r["ID"] for r in rows], [0, 1, 2, 3, 4])
        finally:
            m.stop()

    def test_full_page_link_gives_an_empty_last_page(self):
        m = Running(page_size=2, link_on_full_page=True)
        try:
            target = "%s?$format=json&$filter=%s" % (RIVM_FEED + "Leeftijd", q("Key ne '20300'"))
            rows, pages = m.follow(target)
            self.assertEqual(([r["Key"] for r in rows], pages), (["53115", "80200"], 2))
            doc = m.json(RIVM_FEED + "Leeftijd?$format=json")
            self.assertEqual(len(doc["value"]), 2)
            self.assertIn("$skip=2", doc["odata.nextLink"])
        finally:
            m.stop()

    def test_api_refuses_more_than_10000_cells(self):
        m = Running()
        try:
            status, _, body = m.get(KWB + "TypedDataSet?$format=json")
            self.assertEqual(status, 500)
            self.assertEqual(json.loads(body)["odata.error"]["message"]["value"],
                             "query returns more than 10000 records")
            t = DEFAULT.table("opendata.cbs.nl", "85984NED")
            self.assertGreater(len(t.rows) * len(t.rows[0]), 10000)
            doc = m.json(odata_filter(KWB + "TypedDataSet", "startswith(WijkenEnBuurten,'BU0344')"))
            self.assertGreater(len(doc["value"]), 20)
            self.assertNotIn("odata.nextLink", doc)
            # The feed gives the same table whole, in pages.
            rows, pages = m.follow(FEED + "TypedDataSet?$format=json")
            self.assertEqual(len(rows), len(t.rows))
        finally:
            m.stop()
        small = Running(api_limit=20)
        try:
            status, _, _ = small.get(KWB + "TableInfos?$format=json")
            self.assertEqual(status, 500)
        finally:
            small.stop()


class FormatTest(MirrorCase):
    def test_atom_without_format_json(self):
        status, headers, body = self.m.get(odata_filter(KWB + "TypedDataSet",
                                                        "startswith(WijkenEnBuurten,'WK0344')"
                                                        ).replace("$format=json&", ""))
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("application/atom+xml"))
        root = ElementTree.fromstring(body)
        ns = {"a": "http://www.w3.org/2005/Atom",
              "m": "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata",
              "d": "http://schemas.microsoft.com/ado/2007/08/dataservices"}
        entries = root.findall("a:entry", ns)
        self.assertEqual(len(entries), 4)
        props = entries[0].find("a:content/m:properties", ns)
        self.assertEqual(props.find("d:WijkenEnBuurten", ns).text, "WK034401  ")
        status, headers, body = self.m.get(KWB)
        self.assertIn(b"<service", body)

    def test_service_document_lists_the_collections(self):
        doc = self.m.json("/dataderden.cbs.nl/ODataApi/odata/50150NED/?$format=json")
        names = [v["name"] for v in doc["value"]]
        self.assertEqual(names, ["TableInfos", "UntypedDataSet", "TypedDataSet",
                                 "DataProperties", "CategoryGroups", "Marges", "Leeftijd",
                                 "Perioden", "WijkenEnBuurten"])
        self.assertTrue(doc["value"][2]["url"].startswith("http://127.0.0.1:%d/" % self.m.port))

    def test_untyped_values_are_strings(self):
        doc = self.m.json(odata_filter(KWB + "UntypedDataSet", "WijkenEnBuurten eq 'GM0344    '"))
        row = doc["value"][0]
        self.assertIsInstance(row["AantalInwoners_5"], str)
        self.assertEqual(int(row["AantalInwoners_5"]), 136218)

    def test_not_found(self):
        for target in ("/opendata.cbs.nl/ODataApi/odata/99999NED/TypedDataSet?$format=json",
                       KWB + "Nergens?$format=json",
                       "/opendata.cbs.nl/ODataApi/odata/85984NED/TypedDataSet/X?$format=json"):
            status, _, body = self.m.get(target)
            self.assertEqual(status, 404, target)
            self.assertIn("Resource not found for the segment",
                          json.loads(body)["odata.error"]["message"]["value"])
        self.assertEqual(self.m.get("/nergens")[0], 404)
        self.assertEqual(self.m.get(PDOK + "straten/items?f=json")[0], 404)

    def test_table_id_is_case_insensitive(self):
        doc = self.m.json("/opendata.cbs.nl/ODataApi/odata/85984ned/TableInfos?$format=json")
        self.assertEqual(doc["value"][0]["Identifier"], "85984NED")


class DataTest(MirrorCase):
    def props(self, table, host="opendata.cbs.nl"):
        return self.m.json("/%s/ODataApi/odata/%s/DataProperties?$format=json" % (host, table))[
            "value"]

    def key(self, table, stem):
        return [p["Key"] for p in self.props(table) if p["Key"].rsplit("_", 1)[0] == stem]

    def test_suffixes_move_between_years(self):
        self.assertEqual(self.key("83765NED", "GemiddeldInkomenPerInwoner"),
                         ["GemiddeldInkomenPerInwoner_66"])
        self.assertEqual(self.key("85318NED", "GemiddeldInkomenPerInwoner"),
                         ["GemiddeldInkomenPerInwoner_72"])
        self.assertEqual(self.key("85984NED", "GemiddeldInkomenPerInwoner"),
                         ["GemiddeldInkomenPerInwoner_78"])
        self.assertEqual(self.key("85318NED", "HuishoudensTotaal"), ["HuishoudensTotaal_28"])
        self.assertEqual(self.key("85984NED", "HuishoudensTotaal"), ["HuishoudensTotaal_29"])
        self.assertEqual(self.key("86165NED", "GemiddeldeWOZWaardeVanWoningen"),
                         ["GemiddeldeWOZWaardeVanWoningen_36"])

    def test_stems_repeat_under_different_groups(self):
        props = self.props("85984NED")
        by_id = {p["ID"]: p for p in props}
        app = [p for p in props if p["Key"].startswith("Appartement_")]
        self.assertEqual(len(app), 2)
        parents = [by_id[by_id[p["ParentID"]]["ParentID"]]["Title"] for p in app]
        self.assertEqual(parents, ["Gemiddelde elektriciteitslevering",
                                   "Gemiddeld aardgasverbruik"])
        self.assertEqual(len([p for p in props if p["Key"].startswith("BuitenEuropa_")]), 3)
        self.assertEqual(props[0]["Type"], "GeoDetail")

    def test_padding_rounding_suppression_and_boundary_change(self):
        t = DEFAULT.table("opendata.cbs.nl", "84583NED")
        rows = {r["WijkenEnBuurten"].strip(): r for r in t.rows}
        gm = rows["GM0344"]
        self.assertEqual(len(gm["Gemeentenaam_1"]), 40)
        self.assertEqual(gm["SoortRegio_2"], "Gemeente  ")
        self.assertEqual(rows["BU03440112"]["IndelingswijzigingGemeenteWijkBuurt_4"], "3")
        counts = [k for k in t.topic_keys() if k.startswith(("AantalInwoners", "Mannen",
                                                             "k_65Jaar"))]
        for code, r in rows.items():
            if code[:2] in ("WK", "BU"):
                for k in counts:
                    self.assertTrue(r[k] is None or r[k] % 5 == 0, (code, k, r[k]))
        income = [k for k in t.topic_keys() if k.startswith("GemiddeldInkomenPerInwoner")][0]
        small = [c for c, r in rows.items() if c.startswith("BU") and r["AantalInwoners_5"] < 2500]
        self.assertTrue(small)
        self.assertTrue(all(rows[c][income] is None for c in small))
        self.assertIsNone(rows["BU03440331"]["Verweduwd_16"])

    def test_delivery_1_of_2025_has_income_fields_empty(self):
        t = DEFAULT.table("opendata.cbs.nl", "86165NED")
        keys = [k for k in t.topic_keys() if k.startswith(("GemiddeldInkomenPerInwoner",
                                                          "WmoClienten_",
                                                          "PercentageJongerenMetJeugdzorg",
                                                          "PersonenPerSoortUitkeringBijstand"))]
        self.assertEqual(len(keys), 4)
        self.assertTrue(all(r[k] is None for r in t.rows for k in keys))
        second = model_mod.Model(model_mod.Options(delivery_2025=2))
        t2 = second.table("opendata.cbs.nl", "86165NED")
        self.assertIn("GemiddeldeWOZWaardeVanWoningen_39", t2.topic_keys())
        self.assertGreater(t2.modified, t.modified)
        self.assertTrue(any(r["GemiddeldInkomenPerInwoner_78"] is not None for r in t2.rows))

    def test_zoetermeer_code_reused_in_2025(self):
        kwb = {r["Key"].strip(): r["Title"] for r in self.m.json(
            "/opendata.cbs.nl/ODataApi/odata/86165NED/WijkenEnBuurten?$format=json")["value"]}
        rivm = {r["Key"].strip(): r["Title"] for r in self.m.json(
            "/dataderden.cbs.nl/ODataApi/odata/50150NED/WijkenEnBuurten?$format=json")["value"]}
        self.assertNotEqual(kwb["BU06370102"], rivm["BU06370102"])
        self.assertIn("BU06370201", rivm)
        self.assertNotIn("BU06370201", kwb)
        self.assertIn("BU06370207", kwb)
        self.assertIn("BU0363AD03", rivm)
        rivm22 = self.m.json("/dataderden.cbs.nl/ODataApi/odata/50120NED/WijkenEnBuurten"
                             "?$format=json")["value"]
        self.assertIn("BU03630103", [r["Key"].strip() for r in rivm22])

    def test_rivm_rows_and_missing_estimates(self):
        t = DEFAULT.table("dataderden.cbs.nl", "50150NED")
        tiny = [r for r in t.rows if r["WijkenEnBuurten"].strip() == "BU06370306"]
        self.assertEqual(len(tiny), 3 * 3 * 5)
        self.assertTrue(all(r["Mantelzorger_30"] is None for r in tiny))
        gm = [r for r in t.rows if r["WijkenEnBuurten"].strip() == "GM0344"
              and r["Leeftijd"] == "20300" and r["Perioden"] == "2024JJ00"]
        lo, mid, hi = (next(r["Mantelzorger_30"] for r in gm if r["Marges"] == m)
                       for m in ("MOG0095", "MW00000", "MBG0095"))
        self.assertTrue(lo <= mid <= hi)
        gemeenten = DEFAULT.table("dataderden.cbs.nl", "50140NED").rows
        self.assertEqual({r["SoortRegio_2"].strip() for r in gemeenten}, {"Land", "Gemeente"})

    def test_rivm_orders_serve_the_same_rows(self):
        """In dimension order Marges is slowest: a row's bounds lie a third of the table on."""
        rows = {}
        for order in ("gebied", "dimensies"):
            m = model_mod.Model(model_mod.Options(rivm_order=order))
            rows[order] = m.table("dataderden.cbs.nl", "50150NED").rows
        third = len(rows["dimensies"]) // 3
        self.assertEqual([r["Marges"] for r in rows["dimensies"][::third]],
                         ["MW00000", "MOG0095", "MBG0095"])
        self.assertEqual(rows["gebied"][0]["WijkenEnBuurten"], rows["gebied"][2]["WijkenEnBuurten"])
        self.assertNotEqual(rows["dimensies"][0]["WijkenEnBuurten"],
                            rows["dimensies"][1]["WijkenEnBuurten"])
        def content(r):
            return json.dumps({k: v for k, v in r.items() if k != "ID"}, sort_keys=True)
        self.assertEqual(sorted(map(content, rows["gebied"])),
                         sorted(map(content, rows["dimensies"])))


SHARED = os.path.join(HERE, "..", "..", "..", "shared", "fixtures")


def shared(name):
    """A real sample of ../shared/fixtures, or None when it is not there."""
    path = os.path.join(SHARED, name)
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class ConformanceTest(unittest.TestCase):
    """The mirror's structures against the real samples, when they are present."""

    def test_2024_revision_1_has_the_real_data_properties(self):
        real = shared("cbs_85984NED_DataProperties.json")
        if real is None:
            self.skipTest("no ../shared/fixtures")
        mine = model_mod.Model(model_mod.Options(revision_2024=1)).table(
            "opendata.cbs.nl", "85984NED").props
        self.assertEqual(len(mine), len(real))
        for a, b in zip(real, mine):
            self.assertEqual({k: v for k, v in a.items() if k != "Description"},
                             {k: v for k, v in b.items() if k != "Description"})

    def test_2022_rows_table_infos_and_regions_have_the_real_fields(self):
        row = shared("kwb_85318NED_2022_row_BU05990110.json")
        infos = shared("cbs_85984NED_TableInfos.json")
        if row is None or infos is None:
            self.skipTest("no ../shared/fixtures")
        t = DEFAULT.table("opendata.cbs.nl", "85318NED")
        self.assertEqual(list(t.rows[0]), list(row["row"]))
        for k, v in row["row"].items():
            if v is not None and t.rows[0][k] is not None:
                self.assertIs(type(t.rows[0][k]), type(v), k)
        self.assertEqual(sorted(t.collections["WijkenEnBuurten"][0]),
                         sorted(row["WijkenEnBuurten_meta"]))
        self.assertEqual(list(cbs.table_infos(DEFAULT.table("opendata.cbs.nl", "85984NED"),
                                              "")[0]), list(infos[0]))


class CatalogueTest(MirrorCase):
    def test_catalogue_fields_and_links(self):
        doc = self.m.json("/opendata.cbs.nl/ODataCatalog/Tables?$format=json")
        tables = {t["Identifier"]: t for t in doc["value"]}
        self.assertEqual(len(tables), 13)
        t = tables["86165NED"]
        for field in ("Identifier", "Title", "ShortTitle", "Period", "Modified", "Catalog",
                      "ApiUrl", "FeedUrl", "RecordCount", "ColumnCount", "Summary"):
            self.assertIn(field, t)
        self.assertEqual(t["Title"], "Kerncijfers wijken en buurten 2025")
        path = urlsplit(t["FeedUrl"]).path
        self.assertEqual(self.m.json(path + "/TableInfos?$format=json")["value"][0]["Period"],
                         "2025")
        rivm = self.m.json("/dataderden.cbs.nl/ODataCatalog/Tables?$format=json&$filter=" +
                           q("Identifier eq '50150NED'"))["value"]
        self.assertEqual(rivm[0]["Catalog"], "RIVM")

    def test_2026_table_option(self):
        m = Running(model_mod.Model(model_mod.Options(table_2026=True)))
        try:
            doc = m.json("/opendata.cbs.nl/ODataCatalog/Tables?$format=json&$filter=" +
                         q("Period eq '2026'"))
            self.assertEqual([(t["Identifier"], t["Title"]) for t in doc["value"]],
                             [("86477NED", "Kerncijfers wijken en buurten 2026")])
            self.assertEqual(len(m.json("/opendata.cbs.nl/ODataApi/odata/86477NED/TypedDataSet"
                                        "?$format=json&$top=3")["value"]), 3)
        finally:
            m.stop()
        self.assertEqual(self.m.get("/opendata.cbs.nl/ODataApi/odata/86477NED/?$format=json")[0],
                         404)


class PdokTest(MirrorCase):
    def test_default_limit_and_maximum(self):
        doc = self.m.json(PDOK + "buurten/items?f=json")
        self.assertEqual(doc["numberReturned"], 10)
        doc = self.m.json(PDOK + "buurten/items?f=json&limit=5000")
        self.assertEqual(doc["numberReturned"], 82)
        self.assertFalse([link for link in doc["links"] if link["rel"] == "next"])

    def test_cursor_paging_and_exact_filter(self):
        target = PDOK + "buurten/items?f=json&gemeentecode=GM0344&limit=7"
        seen, pages = [], 0
        while target:
            doc = self.m.json(target)
            seen.extend(f["properties"]["buurtcode"] for f in doc["features"])
            pages += 1
            nxt = [link["href"] for link in doc["links"] if link["rel"] == "next"]
            target = None
            if nxt:
                self.assertIn("cursor=", nxt[0])
                parts = urlsplit(nxt[0])
                target = parts.path + "?" + parts.query
        want = [a.code for a in regions.indeling(2024) if a.level == "buurt" and
                a.gemeente == "GM0344"]
        self.assertEqual(sorted(set(seen)), sorted(want))
        self.assertEqual(len(seen), len(want) + 1)  # the water part of BU03440223
        self.assertEqual(pages, 5)
        self.assertEqual(self.m.json(PDOK + "buurten/items?f=json&gemeentecode=GM034")[
            "numberReturned"], 0)

    def test_water_features_and_missing_values(self):
        doc = self.m.json(PDOK + "buurten/items?f=json&water=JA&limit=100")
        self.assertEqual(sorted(f["properties"]["buurtcode"] for f in doc["features"]),
                         ["BU03440223", "BU0363AF07"])
        self.assertEqual(doc["features"][0]["properties"]["aantal_inwoners"], -99997)
        doc = self.m.json("/api.pdok.nl/cbs/wijken-en-buurten-2025/ogc/v1/collections/gemeenten/"
                          "items?f=json")
        self.assertEqual({f["properties"]["gemeentecode"] for f in doc["features"]},
                         {"GM0344", "GM0363", "GM0637"})
        self.assertTrue(all(f["properties"]["gemiddeld_inkomen_per_inwoner"] == -99995
                            for f in doc["features"]))

    def test_crs(self):
        status, headers, body = self.m.get(PDOK + "wijken/items?f=json&limit=1")
        self.assertEqual(headers["content-crs"], "<http://www.opengis.net/def/crs/OGC/1.3/CRS84>")
        lon, lat = json.loads(body)["features"][0]["geometry"]["coordinates"][0][0][0]
        self.assertTrue(4 < lon < 6 and 51 < lat < 53, (lon, lat))
        rd = "http://www.opengis.net/def/crs/EPSG/0/28992"
        status, headers, body = self.m.get(PDOK + "wijken/items?f=json&limit=1&crs=" + q(rd))
        self.assertEqual(headers["content-crs"], "<%s>" % rd)
        x, y = json.loads(body)["features"][0]["geometry"]["coordinates"][0][0][0]
        self.assertEqual((x, y), (128000, 452000))
        status, headers, body = self.m.get(PDOK + "wijken/items?f=json&crs=" +
                                           q("http://www.opengis.net/def/crs/EPSG/0/3035"))
        self.assertEqual(status, 400)
        self.assertEqual(headers["content-type"], "application/problem+json")

    def test_buurten_tile_their_gemeente(self):
        doc = self.m.json(PDOK + "buurten/items?f=json&gemeentecode=GM0637&limit=1000&crs=" +
                          q("http://www.opengis.net/def/crs/EPSG/0/28992"))
        gm = self.m.json(PDOK + "gemeenten/items?f=json&gemeentecode=GM0637&crs=" +
                         q("http://www.opengis.net/def/crs/EPSG/0/28992"))["features"][0]

        def area(ring):
            return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))) / 2
        total = sum(area(f["geometry"]["coordinates"][0][0]) for f in doc["features"])
        self.assertEqual(total, area(gm["geometry"]["coordinates"][0][0]))

    def test_bad_requests_get_problems(self):
        for query, detail in (("f=json&foo=1", "unknown query parameter(s) found: foo"),
                              ("f=json&limit=abc", "limit must be numeric"),
                              ("f=json&limit=-1", "limit can't be negative")):
            status, headers, body = self.m.get(PDOK + "buurten/items?" + query)
            self.assertEqual(status, 400, query)
            problem = json.loads(body)
            self.assertEqual((problem["status"], problem["detail"]), (400, detail))

    def test_landing_and_collections(self):
        doc = self.m.json("/api.pdok.nl/cbs/wijken-en-buurten-2023/ogc/v1/collections?f=json")
        self.assertEqual([c["id"] for c in doc["collections"]], ["gemeenten", "wijken",
                                                                  "buurten"])
        self.assertIn("links", self.m.json("/api.pdok.nl/cbs/wijken-en-buurten-2023/ogc/v1?f=json"))


class LbmTest(MirrorCase):
    def zip(self, name):
        status, headers, body = self.m.get("/www.leefbaarometer.nl/resources/" + name)
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], "application/zip")
        return zipfile.ZipFile(io.BytesIO(body))

    def rows(self, z, suffix):
        member = [n for n in z.namelist() if n.endswith(suffix)]
        self.assertEqual(len(member), 1, suffix)
        lines = z.read(member[0]).decode().splitlines()
        cols = lines[0].split(",")
        return cols, [dict(zip(cols, line.split(","))) for line in lines[1:]]

    def test_2022_layout(self):
        z = self.zip("open-data-leefbaarometer-meting-2022.zip")
        self.assertTrue(all(n.startswith("open-data-leefbaarometer-meting-2022_2023-11-21_1035/")
                            for n in z.namelist()))
        self.assertTrue(any("PC4" in n for n in z.namelist()))
        cols, rows = self.rows(z, "buurten 2002-2022.csv")
        self.assertEqual(cols, ["bu_code", "bu_naam", "jaar", "lbm", "afw", "fys", "onv", "soc",
                                "vrz", "won"])
        for r in rows:
            dims = sum(round(float(r[d]) * 10000) for d in lbm.DIMENSIONS)
            self.assertEqual(round(float(r["afw"]) * 10000), dims)
            self.assertEqual(round(float(r["lbm"]) * 10000), 41023 + dims)
        self.assertIn("BU03630103", {r["bu_code"] for r in rows})
        self.assertNotIn("BU03440331", {r["bu_code"] for r in rows})
        cols, _ = self.rows(z, "wijken 2002-2022.csv")
        self.assertEqual(cols[:2], ["wk_code", "wk_naam"])

    def test_2024_layout(self):
        z = self.zip("open-data-leefbaarometer-meting-2024.zip")
        cols, rows = self.rows(z, "buurten 2002-2024.csv")
        self.assertEqual(cols, ["bu_code", "jaar", "lbm", "fys", "onv", "soc", "vrz", "won"])
        for r in rows:
            dims = sum(round(float(r[d]) * 10000) for d in lbm.DIMENSIONS)
            self.assertEqual(round(float(r["lbm"]) * 10000), 40456 + dims)
        self.assertEqual({r["jaar"] for r in rows}, {str(y) for y in lbm.EDITIONS[
            "open-data-leefbaarometer-meting-2024.zip"][3]})
        self.assertIn("BU0363AD03", {r["bu_code"] for r in rows})


class HttpTest(MirrorCase):
    def test_etag_and_last_modified_give_304(self):
        target = KWB + "TableInfos?$format=json"
        status, headers, body = self.m.get(target)
        self.assertEqual(status, 200)
        status, _, body = self.m.get(target, {"If-None-Match": headers["etag"]})
        self.assertEqual((status, body), (304, b""))
        status, _, _ = self.m.get(target, {"If-None-Match": '"ander"'})
        self.assertEqual(status, 200)
        status, _, _ = self.m.get(target, {"If-Modified-Since": headers["last-modified"]})
        self.assertEqual(status, 304)
        status, _, _ = self.m.get(target, {"If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT"})
        self.assertEqual(status, 200)

    def test_gzip_when_accepted(self):
        target = KWB + "DataProperties?$format=json"
        _, plain_headers, plain = self.m.get(target)
        status, headers, body = self.m.get(target, {"Accept-Encoding": "gzip, deflate"})
        self.assertEqual(headers["content-encoding"], "gzip")
        self.assertEqual(gzip.decompress(body), plain)
        self.assertLess(len(body), len(plain))
        self.assertNotIn("content-encoding", plain_headers)

    def test_keep_alive(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.m.port, timeout=5)
        try:
            for _ in range(3):
                status, headers, _ = self.m.get(KWB + "TableInfos?$format=json", conn=conn)
                self.assertEqual(status, 200)
            sock = conn.sock
            self.m.get(KWB + "TableInfos?$format=json", conn=conn)
            self.assertIs(conn.sock, sock)
        finally:
            conn.close()


class FaultTest(unittest.TestCase):
    TARGET = KWB + "TableInfos?$format=json"

    def with_fault(self, rule, check, requests=1):
        m = Running(faults=[dict(rule, match="TableInfos")])
        try:
            for _ in range(requests - 1):
                self.assertEqual(m.get(self.TARGET)[0], 200)
            check(m)
            self.assertEqual(m.get(self.TARGET)[0], 200)  # healthy again
        finally:
            m.stop()

    def test_status_with_retry_after(self):
        def check(m):
            status, headers, _ = m.get(self.TARGET)
            self.assertEqual((status, headers["retry-after"]), (503, "7"))
        self.with_fault({"kind": "status", "status": 503, "retry_after": 7}, check)
        self.with_fault({"kind": "status", "status": 429, "retry_after": 1},
                        lambda m: self.assertEqual(m.get(self.TARGET)[0], 429))
        self.with_fault({"kind": "status", "status": 500},
                        lambda m: self.assertEqual(m.get(self.TARGET)[0], 500))

    def test_nth_and_times(self):
        m = Running(faults=[{"kind": "status", "match": "TableInfos", "nth": 2, "times": 2}])
        try:
            got = [m.get(self.TARGET)[0] for _ in range(5)]
            self.assertEqual(got, [200, 503, 503, 200, 200])
            self.assertEqual(m.get(KWB + "DataProperties?$format=json")[0], 200)
        finally:
            m.stop()

    def test_body_cut_short(self):
        def check(m):
            conn = http.client.HTTPConnection("127.0.0.1", m.port, timeout=5)
            conn.request("GET", self.TARGET)
            r = conn.getresponse()
            with self.assertRaises(http.client.IncompleteRead):
                r.read()
            conn.close()
        self.with_fault({"kind": "truncate", "bytes": 100}, check)

    def test_empty_reply(self):
        def check(m):
            with self.assertRaises(http.client.RemoteDisconnected):
                m.get(self.TARGET)
        self.with_fault({"kind": "empty"}, check)

    def test_reset(self):
        def check(m):
            with self.assertRaises((ConnectionResetError, http.client.RemoteDisconnected)):
                m.get(self.TARGET)
        self.with_fault({"kind": "reset"}, check)

    def test_stall(self):
        def check(m):
            start = time.monotonic()
            self.assertEqual(m.get(self.TARGET)[0], 200)
            self.assertGreaterEqual(time.monotonic() - start, 0.3)
        self.with_fault({"kind": "stall", "ms": 300}, check)
        self.with_fault({"kind": "stall", "ms": 300, "bytes": 10}, check)

    def test_atom_and_invalid_json(self):
        def atom(m):
            status, headers, body = m.get(self.TARGET)
            self.assertTrue(headers["content-type"].startswith("application/atom+xml"))
        self.with_fault({"kind": "atom"}, atom)

        def invalid(m):
            status, _, body = m.get(self.TARGET)
            self.assertEqual(status, 200)
            with self.assertRaises(ValueError):
                json.loads(body)
        self.with_fault({"kind": "invalid-json"}, invalid)

    def test_control_paths_log_and_count(self):
        m = Running()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", m.port, timeout=5)
            conn.request("POST", "/_mirror/faults", body=json.dumps(
                [{"kind": "status", "status": 500, "match": "DataProperties"}]))
            self.assertEqual(conn.getresponse().read()[:1], b"[")
            conn.request("POST", "/_mirror/faults", body=b'[{"kind": "boom"}]')
            r = conn.getresponse()
            self.assertEqual((r.status, r.read()[:7]), (400, b"fault 0"))
            conn.close()
            self.assertEqual(m.get(KWB + "DataProperties?$format=json")[0], 500)
            m.get(self.TARGET)
            self.assertEqual(m.get("/_mirror/count?match=DataProperties")[2], b"1")
            self.assertEqual(m.get("/_mirror/count")[2], b"2")
            log = json.loads(m.get("/_mirror/log")[2])
            self.assertEqual([(e["status"], e["fault"]) for e in log],
                             [(500, "status"), (200, None)])
        finally:
            m.stop()

    def test_bad_fault_rules_are_refused(self):
        for rules, message in (([{"kind": "status", "times": 0}], "'times'"),
                               ([{"kind": "status", "colour": 1}], "unknown field"),
                               ({"x": 1}, "expected a list")):
            with self.assertRaises(server.FaultError) as ctx:
                server.check_faults(rules)
            self.assertIn(message, str(ctx.exception))


class CommandTest(unittest.TestCase):
    def test_serve_with_port_file_faults_file_and_log(self):
        with tempfile.TemporaryDirectory() as d:
            faults = os.path.join(d, "faults.json")
            with open(faults, "w") as f:
                json.dump([{"kind": "status", "status": 503, "match": "Tables"}], f)
            port_file, log = os.path.join(d, "port"), os.path.join(d, "log.jsonl")
            proc = subprocess.Popen([sys.executable, os.path.join(HERE, "mirror.py"), "serve",
                                     "--port", "0", "--port-file", port_file, "--faults", faults,
                                     "--log", log, "--page-size", "2", "--tabel-2026"],
                                    stderr=subprocess.DEVNULL)
            try:
                for _ in range(100):
                    if os.path.exists(port_file):
                        break
                    time.sleep(0.05)
                with open(port_file) as f:
                    port = int(f.read())
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/opendata.cbs.nl/ODataCatalog/Tables?$format=json")
                self.assertEqual(conn.getresponse().status, 503)
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/opendata.cbs.nl/ODataCatalog/Tables?$format=json")
                doc = json.loads(conn.getresponse().read())
                self.assertEqual(len(doc["value"]), 2)
                self.assertIn("$skip=2", doc["odata.nextLink"])
                conn.close()
                with open(log) as f:
                    entries = [json.loads(line) for line in f]
                self.assertEqual([e["status"] for e in entries], [503, 200])
            finally:
                proc.terminate()
                proc.wait(timeout=10)

    def test_bad_faults_file(self):
        with tempfile.TemporaryDirectory() as d:
            faults = os.path.join(d, "faults.json")
            with open(faults, "w") as f:
                f.write("[{")
            r = subprocess.run([sys.executable, os.path.join(HERE, "mirror.py"), "serve",
                                "--port", "0", "--faults", faults], capture_output=True,
                               text=True, timeout=30)
            self.assertNotEqual(r.returncode, 0)
            self.assertIn("faults.json", r.stderr)


class DumpTest(unittest.TestCase):
    def test_dump_holds_what_is_served(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "dump.json")
            mirror.dump(DEFAULT, path)
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        self.assertTrue(doc["simulated"])
        tables = {t["table"]: t for t in doc["cbs"]}
        self.assertEqual(len(tables), 13 + 3)
        kwb = tables["85984NED"]
        self.assertEqual(kwb["keys"]["GemiddeldInkomenPerInwoner_78"], "GemiddeldInkomenPerInwoner")
        m = Running()
        try:
            served = m.json(odata_filter(KWB + "TypedDataSet",
                                         "WijkenEnBuurten eq 'BU03440111'"))["value"][0]
        finally:
            m.stop()
        row = next(r for r in kwb["rows"] if r["region"] == "BU03440111")
        self.assertEqual(row["values"], {k: v for k, v in served.items()
                                         if k not in ("ID", "WijkenEnBuurten")})
        rivm = tables["50120NED"]["rows"][0]
        self.assertEqual((rivm["marges"], rivm["leeftijd"], rivm["period"]),
                         ("MW00000", "20300", "2012JJ00"))
        self.assertEqual({(p["year"], p["collection"]) for p in doc["pdok"]},
                         {(y, c) for y in (2023, 2024, 2025)
                          for c in ("gemeenten", "wijken", "buurten")})
        self.assertEqual(len(doc["lbm"]), 2 * 5)

    def test_dump_command(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "dump.json")
            subprocess.run([sys.executable, os.path.join(HERE, "mirror.py"), "dump",
                            "--levering-2025", "2", "--out", path], check=True, timeout=120)
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        self.assertEqual(doc["options"]["levering_2025"], 2)
        t = next(t for t in doc["cbs"] if t["table"] == "86165NED")
        self.assertIn("GemiddeldeWOZWaardeVanWoningen_39", t["keys"])


if __name__ == "__main__":
    socket.setdefaulttimeout(30)
    unittest.main()
