"""The CBS OData v3 services of the mirror: ODataApi and ODataFeed of opendata.cbs.nl (KWB)
and dataderden.cbs.nl (RIVM), and their catalogues (ODataCatalog/Tables). Maps a request path
and its query options onto the model and answers with the status, headers and body the real
service gives.
"""

import odata
from model import SIMULATED
from odata import ODataError

DATASETS = ("TableInfos", "UntypedDataSet", "TypedDataSet", "DataProperties", "CategoryGroups")
EDM = {"String": "Edm.String", "Long": "Edm.Int64", "Double": "Edm.Double"}


class Paging:
    """How the services page: records per ODataFeed (and catalogue) page, cells an ODataApi
    answer may hold, and whether a full page always gets an odata.nextLink (so that a result
    of exactly N pages ends with an empty one)."""

    def __init__(self, page_size=10000, api_limit=10000, link_on_full_page=False):
        self.page_size = page_size
        self.api_limit = api_limit
        self.link_on_full_page = link_on_full_page


class Answer:
    """A response: status, content type, body bytes, Last-Modified (ISO text or None)."""

    def __init__(self, status, content_type, body, modified=None):
        self.status = status
        self.content_type = content_type
        self.body = body
        self.modified = modified


def _table_url(base, host, service, table_id):
    return "%s/%s/%s/odata/%s/" % (base, host, service, table_id)


def table_infos(table, base):
    catalog = "CBS" if table.host == "opendata.cbs.nl" else "RIVM"
    return [{
        "ID": 0, "Title": table.title, "ShortTitle": table.title, "Identifier": table.id,
        "Summary": table.summary, "Modified": table.modified, "ReasonDelivery": "Actualisering",
        "ExplanatoryText": "", "Language": "nl", "Catalog": catalog, "Frequency": "Perjaar",
        "Period": table.period,
        "ShortDescription": "\n%s\n\nGegevens beschikbaar over: %s.\n" % (SIMULATED,
                                                                          table.period),
        "Description": SIMULATED,
        "DefaultPresentation": "graphtype=Table&r=Topics&k=WijkenEnBuurten",
        "DefaultSelection": "$filter=((WijkenEnBuurten eq 'NL00      '))",
        "GraphTypes": "Table,Map", "OutputStatus": "Regulier", "Source": table.source,
        "MetaDataModified": table.modified, "SearchPriority": "2"}]


def catalogue(model, host, base):
    """The ODataCatalog/Tables entities of `host`."""
    out = []
    for i, tid in enumerate(model.table_ids(host)):
        t = model.table(host, tid)
        info = table_infos(t, base)[0]
        api = _table_url(base, host, "ODataApi", tid).rstrip("/")
        feed = _table_url(base, host, "ODataFeed", tid).rstrip("/")
        out.append({
            "ID": i, "Updated": t.modified, "Identifier": tid, "Title": t.title,
            "ShortTitle": t.title, "ShortDescription": info["ShortDescription"],
            "Summary": t.summary, "Modified": t.modified, "MetaDataModified": t.modified,
            "ReasonDelivery": "Actualisering", "ExplanatoryText": "",
            "OutputStatus": "Regulier", "Source": t.source, "Language": "nl",
            "Catalog": info["Catalog"], "Frequency": "Perjaar", "Period": t.period,
            "SummaryAndLinks": '%s<br /><a href="%s">%s</a><br /><a href="%s">%s</a>' % (
                t.summary.replace("\n", "<br />"), api, api, feed, feed),
            "ApiUrl": api, "FeedUrl": feed, "DefaultPresentation": info["DefaultPresentation"],
            "DefaultSelection": info["DefaultSelection"], "GraphTypes": "Table,Map",
            "RecordCount": t.record_count, "ColumnCount": t.column_count,
            "SearchPriority": "2"})
    return out


def _untyped(table):
    """UntypedDataSet: every value as a string, numbers right-aligned as in StatLine's
    exports, an empty cell as '.'."""
    decimals = {p["Key"]: (p["Datatype"], p["Decimals"]) for p in table.props
                if p["Type"] == "Topic"}
    out = []
    for row in table.rows:
        new = {}
        for k, v in row.items():
            kind = decimals.get(k, ("String", 0))
            if k == "ID":
                new[k] = v
            elif kind[0] == "String":
                new[k] = "" if v is None else v
            elif v is None:
                new[k] = ".".rjust(8)
            elif kind[0] == "Double":
                new[k] = ("%.*f" % (kind[1], v)).rjust(8)
            else:
                new[k] = str(v).rjust(8)
        out.append(new)
    return out


def _typed_schema(table):
    types = {p["Key"]: EDM[p["Datatype"]] for p in table.props
             if p["Type"] == "Topic" and p.get("Datatype") in EDM}
    types["ID"] = "Edm.Int32"
    return types


def _collection(table, name):
    """(entities, schema types, Atom key function) of a table's collection, or None."""
    by_id = lambda e: str(e["ID"])  # noqa: E731
    by_key = lambda e: "'%s'" % e["Key"]  # noqa: E731
    if name == "TypedDataSet":
        return table.rows, _typed_schema(table), by_id
    if name == "UntypedDataSet":
        return _untyped(table), {"ID": "Edm.Int32"}, by_id
    if name == "DataProperties":
        return table.props, {"ID": "Edm.Int32", "Position": "Edm.Int32",
                             "ParentID": "Edm.Int32", "Decimals": "Edm.Int32",
                             "MapYear": "Edm.Int32"}, by_id
    if name == "TableInfos":
        return table_infos(table, ""), {"ID": "Edm.Int32"}, by_id
    if name == "CategoryGroups":
        return [], {}, by_id
    if name in table.collections:
        return table.collections[name], {}, by_key
    return None


def _not_found(segment):
    return ODataError(404, "Resource not found for the segment '%s'." % segment)


def _render(base, coll_url, name, entities, types, key_of, params, service, paging, modified):
    schema = odata.schema_of(entities, types)
    if not schema and not entities:
        schema = dict(types)
    as_json = odata.wants_json(params)
    rows, columns, matched, skip, top = odata.evaluate(entities, schema,
                                                       "Cbs.OData.WebAPI." + name, params)
    next_url = None
    if service == "ODataFeed":
        size = paging.page_size
        if len(rows) > size or (paging.link_on_full_page and len(rows) == size):
            rows = rows[:size]
            next_url = odata.next_link(coll_url, params, skip, top, size)
    elif len(rows) * max(len(columns), 1) > paging.api_limit:
        raise ODataError(500, "query returns more than %d records" % paging.api_limit)
    count = matched if params.get("$inlinecount") == "allpages" else None
    if as_json:
        metadata = base + "$metadata#Cbs.OData.WebAPI." + name
        if params.get("$select", "").strip():
            metadata += "&$select=" + params["$select"]
        return Answer(200, "application/json;odata=minimalmetadata;streaming=true;charset=utf-8",
                      odata.collection_json(metadata, rows, next_url, count), modified)
    body = odata.collection_atom(base, name, "Cbs.OData.WebAPI." + name, rows, columns, schema,
                                 key_of, modified or "2026-01-01T00:00:00", next_url, count)
    return Answer(200, "application/atom+xml;type=feed;charset=utf-8", body, modified)


def handle(model, root, parts, params, paging):
    """Answer a request for path `parts` (the segments after the leading '/') on the mirror
    whose own address is `root` ("http://127.0.0.1:PORT"). Raises ODataError for refusals."""
    host = parts[0]
    if len(parts) >= 2 and parts[1] == "ODataCatalog":
        base = "%s/%s/ODataCatalog/" % (root, host)
        rest = parts[2:]
        if rest in ([], [""]):
            ctype, body = odata.service_document(base, ["Tables"], odata.wants_json(params))
            return Answer(200, ctype, body)
        if rest != ["Tables"]:
            raise _not_found(rest[0])
        entities = catalogue(model, host, root)
        modified = max(e["Modified"] for e in entities)
        return _render(base, base + "Tables", "Tables", entities, {"ID": "Edm.Int32",
                                                                   "RecordCount": "Edm.Int32",
                                                                   "ColumnCount": "Edm.Int32"},
                       lambda e: str(e["ID"]), params, "ODataFeed", paging, modified)
    if len(parts) < 4 or parts[1] not in ("ODataApi", "ODataFeed") or parts[2].lower() != "odata":
        raise _not_found(parts[1] if len(parts) > 1 else host)
    service, table_id = parts[1], parts[3]
    table = model.find(host, table_id)
    if table is None:
        raise _not_found(table_id)
    base = _table_url(root, host, service, table.id)
    rest = parts[4:]
    if rest in ([], [""]):
        names = list(DATASETS) + list(table.collections)
        ctype, body = odata.service_document(base, names, odata.wants_json(params))
        return Answer(200, ctype, body, table.modified)
    if len(rest) != 1:
        raise _not_found(rest[1])
    found = _collection(table, rest[0])
    if found is None:
        raise _not_found(rest[0])
    entities, types, key_of = found
    return _render(base, base + rest[0], rest[0], entities, types, key_of, params, service,
                   paging, table.modified)
