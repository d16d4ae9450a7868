"""The one data model of the service mirror: every table, collection, feature and zip member
the mirror serves, built deterministically from the options (which 2025 delivery, which 2024
revision, whether the 2026 table exists). The server renders from it and `mirror.py dump`
writes it out, so a test compares a store with exactly what was served.

SIMULATED TEST DATA ("gesimuleerde testgegevens"): nothing here is a real figure.
"""

import functools

import kwb
import regions
import rivm

SIMULATED = "Gesimuleerde testgegevens van de service-mirror; geen echte cijfers."

# KWB table ids per year (DOMAIN 3.2); 2026 exists only with the option --tabel-2026.
KWB_IDS = {2013: "82339NED", 2014: "82931NED", 2015: "83220NED", 2016: "83487NED",
           2017: "83765NED", 2018: "84286NED", 2019: "84583NED", 2020: "84799NED",
           2021: "85039NED", 2022: "85318NED", 2023: "85618NED", 2024: "85984NED",
           2025: "86165NED"}
KWB_2026_ID = "86477NED"


class Options:
    """The model's options; the same for `serve` and `dump`."""

    def __init__(self, delivery_2025=1, revision_2024=2, table_2026=False, national=False,
                 rivm_order="gebied"):
        self.rivm_order = rivm_order  # rivm.ORDERS: the order of RIVM's TypedDataSet rows
        self.delivery_2025 = delivery_2025
        self.revision_2024 = revision_2024
        self.table_2026 = table_2026
        self.national = national  # regions.national_size: about 342 gemeenten


class Table:
    """One OData v3 table: its catalogue entry, TableInfos, DataProperties, rows and extra
    dimension collections (name -> list of entities)."""

    def __init__(self, host, table_id, year, title, period, modified, props, make_rows,
                 record_count, collections, source, summary):
        self.host = host  # opendata.cbs.nl or dataderden.cbs.nl
        self.id = table_id
        self.year = year
        self.title = title
        self.period = period
        self.modified = modified
        self.props = props
        self._make_rows = make_rows
        self._rows = None
        self.record_count = record_count
        # ID, the dimensions and the topics: the columns of a TypedDataSet row.
        self.column_count = 1 + sum(1 for p in props if p["Type"] != "TopicGroup")
        self.collections = collections  # name -> entities, in service-document order
        self.source = source
        self.summary = summary

    @property
    def rows(self):
        """The TypedDataSet rows, built on first use."""
        if self._rows is None:
            self._rows = self._make_rows()
        return self._rows

    def topic_keys(self):
        return [p["Key"] for p in self.props if p["Type"] == "Topic"]


def _region_entities(areas):
    """The WijkenEnBuurten collection: one entity per region with its padded Key."""
    out = []
    for a in areas:
        if a.level == "land":
            desc = "Nederland (NL00) is het land."
        elif a.level == "gemeente":
            desc = "Gemeente '%s' (%s) is een gemeente in Nederland." % (a.name, a.code)
        elif a.level == "wijk":
            desc = "Wijk '%s' (%s) is een wijk in de gemeente '%s'." % (a.name, a.code,
                                                                       a.gemeente_name)
        else:
            desc = "Buurt '%s' (%s) is een buurt in wijk '%s' in de gemeente '%s'." % (
                a.name, a.code, a.wijk_name, a.gemeente_name)
        out.append({"Key": a.code.ljust(10), "Title": a.name, "Description": desc,
                    "Municipality": a.gemeente or None, "DetailRegionCode": a.code})
    return out


def _kwb_edition(year, opts):
    if year == 2024:
        return "2024r%d" % opts.revision_2024
    if year == 2025:
        return "2025d%d" % opts.delivery_2025
    if year == 2026:
        return "2026d1"
    return ""


def _kwb_modified(year, opts):
    if year == 2025:
        return "2026-06-26T02:00:00" if opts.delivery_2025 == 2 else "2025-11-28T02:00:00"
    if year == 2024:
        return "2025-06-27T02:00:00" if opts.revision_2024 == 2 else "2025-03-27T02:00:00"
    if year == 2026:
        return "2026-11-27T02:00:00"
    return "%d-06-28T02:00:00" % (year + 1)


class Model:
    """Every table and dataset the mirror serves for one set of options. Tables are built
    on first use and kept."""

    def __init__(self, opts):
        self.opts = opts
        regions.national_size(opts.national)
        years = list(KWB_IDS)
        self.kwb_ids = dict(KWB_IDS)
        if opts.table_2026:
            self.kwb_ids[2026] = KWB_2026_ID
            years.append(2026)
        self.kwb_years = years

    def table_ids(self, host):
        if host == "opendata.cbs.nl":
            return [self.kwb_ids[y] for y in self.kwb_years]
        return list(rivm.TABLES)

    def find(self, host, table_id):
        """The table `table_id` (case-insensitive, as CBS accepts it) on `host`, or None."""
        for tid in self.table_ids(host):
            if tid.lower() == table_id.lower():
                return self.table(host, tid)
        return None

    @functools.lru_cache(maxsize=None)
    def table(self, host, table_id):
        if host == "opendata.cbs.nl":
            year = next(y for y, t in self.kwb_ids.items() if t == table_id)
            tag = _kwb_edition(year, self.opts)
            areas = regions.indeling(year)
            props, _ = kwb.topics(year, tag)
            title = "Kerncijfers wijken en buurten %d" % year
            collections = {"WijkenEnBuurten": _region_entities(areas)}
            return Table(host, table_id, year, title, str(year), _kwb_modified(year, self.opts),
                         props, lambda: kwb.rows(table_id, year, tag, areas), len(areas),
                         collections, "CBS.",
                         "Kerncijfers over demografische en sociaal-economische kenmerken\n"
                         "Uitgesplitst naar gemeenten, wijken en buurten")
        title, periods, map_year, _, levels = rivm.TABLES[table_id]
        areas = [a for a in regions.indeling(map_year) if not levels or a.level in levels]
        props, _ = rivm.data_properties(table_id)
        collections = {
            "Marges": [{"Key": k, "Title": t, "Description": None, "CategoryGroupID": None}
                       for k, t in rivm.MARGES],
            "Leeftijd": [{"Key": k, "Title": t, "Description": None, "CategoryGroupID": None}
                         for k, t in rivm.LEEFTIJD],
            "Perioden": [{"Key": rivm.period_key(y), "Title": str(y), "Description": None,
                          "Status": "Definitief"} for y in periods],
            "WijkenEnBuurten": _region_entities(areas),
        }
        return Table(host, table_id, map_year, title, "%d - %d" % (periods[0], periods[-1]),
                     "%d-09-30T02:00:00" % (map_year + 1), props,
                     lambda: rivm.rows(table_id, areas, self.opts.rivm_order),
                     len(areas) * len(rivm.LEEFTIJD) * len(rivm.MARGES) * len(periods),
                     collections, "RIVM.",
                     "Gezondheidsmonitor Volwassenen en Ouderen, modelschattingen per wijk en "
                     "buurt")
