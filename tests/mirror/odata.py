"""OData v3 as CBS serves it (opendata.cbs.nl and dataderden.cbs.nl): the $filter parser and
evaluator, the query options ($filter, $select, $top, $skip, $orderby, $inlinecount, $format),
ODataFeed paging with odata.nextLink, the ODataApi refusal of large answers, and the JSON and
Atom renderings of collections, service documents and errors.

String comparison is exact on the values as served, so on the padded keys and names:
"WijkenEnBuurten eq 'GM0344'" matches nothing, "startswith(WijkenEnBuurten,'GM0344')" only the
gemeente row.
"""

import json
import re
from urllib.parse import quote
from xml.sax.saxutils import escape

NS_ATOM = "http://www.w3.org/2005/Atom"
NS_D = "http://schemas.microsoft.com/ado/2007/08/dataservices"
NS_M = "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"

NUMERIC = ("Edm.Int32", "Edm.Int64", "Edm.Double", "Edm.Decimal")


class ODataError(Exception):
    """A refusal with the service's status and message."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


# --- $filter -------------------------------------------------------------------------------

TOKEN = re.compile(r"""\s*(?:
    (?P<str>'(?:[^']|'')*')
  | (?P<num>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?[mMdDfFlL]?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>[(),])
)""", re.VERBOSE)

FUNCTIONS = {
    # name: (argument types, result type); "s" string, "i" integer.
    "startswith": ("ss", "Edm.Boolean"),
    "endswith": ("ss", "Edm.Boolean"),
    "substringof": ("ss", "Edm.Boolean"),
    "tolower": ("s", "Edm.String"),
    "toupper": ("s", "Edm.String"),
    "trim": ("s", "Edm.String"),
    "length": ("s", "Edm.Int32"),
    "indexof": ("ss", "Edm.Int32"),
    "concat": ("ss", "Edm.String"),
    "substring": ("si", "Edm.String"),
}
COMPARE = {"eq": "Equal", "ne": "NotEqual", "lt": "LessThan", "le": "LessThanOrEqual",
           "gt": "GreaterThan", "ge": "GreaterThanOrEqual"}


def _tokens(text):
    pos, out = 0, []
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = TOKEN.match(text, pos)
        if not m:
            start = pos + len(text[pos:]) - len(text[pos:].lstrip())
            raise ODataError(400, "Syntax error at position %d in '%s'." % (start, text))
        kind = m.lastgroup
        start = m.start(kind)
        out.append((kind, m.group(kind), start))
        pos = m.end()
    out.append(("end", "", len(text)))
    return out


class _Parser:
    """Recursive descent over the OData v3 filter grammar: or < and < not < comparison <
    primary. Each node is (static type, evaluator)."""

    def __init__(self, text, schema, type_name):
        self.text = text
        self.schema = schema
        self.type_name = type_name
        self.toks = _tokens(text)
        self.i = 0

    def peek(self):
        return self.toks[self.i]

    def take(self):
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def fail(self, pos=None):
        if pos is None:
            pos = self.peek()[2]
        raise ODataError(400, "Syntax error at position %d in '%s'." % (pos, self.text))

    def keyword(self, word):
        kind, value, _ = self.peek()
        if kind == "name" and value == word:
            self.i += 1
            return True
        return False

    def parse(self):
        node = self.or_expr()
        if self.peek()[0] != "end":
            self.fail()
        if node[0] != "Edm.Boolean":
            raise ODataError(400, "The $filter expression must evaluate to a single boolean "
                                  "value.")
        return node[1]

    def boolean(self, node, op):
        if node[0] != "Edm.Boolean":
            raise ODataError(400, "A binary operator with incompatible types was detected. "
                                  "Found operand types '%s' and 'Edm.Boolean' for operator "
                                  "kind '%s'." % (node[0], op))
        return node[1]

    def chain(self, word, operand, combine):
        """operand (word operand)*: a left-associative chain of 'and' or 'or'."""
        left = operand()
        while self.keyword(word):
            op = word.capitalize()
            a, b = self.boolean(left, op), self.boolean(operand(), op)
            left = ("Edm.Boolean", lambda e, a=a, b=b: combine(a(e) is True, b(e) is True))
        return left

    def or_expr(self):
        return self.chain("or", self.and_expr, lambda x, y: x or y)

    def and_expr(self):
        return self.chain("and", self.not_expr, lambda x, y: x and y)

    def not_expr(self):
        if self.keyword("not"):
            inner = self.boolean(self.not_expr(), "Not")
            return ("Edm.Boolean", lambda e: not (inner(e) is True))
        return self.comparison()

    def comparison(self):
        left = self.primary()
        kind, value, _ = self.peek()
        if kind == "name" and value in COMPARE:
            self.i += 1
            right = self.primary()
            lt, rt = left[0], right[0]
            compatible = (lt == rt or "null" in (lt, rt) or (lt in NUMERIC and rt in NUMERIC))
            if not compatible:
                raise ODataError(400, "A binary operator with incompatible types was detected. "
                                      "Found operand types '%s' and '%s' for operator kind "
                                      "'%s'." % (lt, rt, COMPARE[value]))
            a, b = left[1], right[1]
            return ("Edm.Boolean", lambda e, op=value: _compare(op, a(e), b(e)))
        return left

    def primary(self):
        kind, value, pos = self.take()
        if kind == "punct" and value == "(":
            node = self.or_expr()
            if self.take()[1] != ")":
                self.fail(self.toks[self.i - 1][2])
            return node
        if kind == "str":
            text = value[1:-1].replace("''", "'")
            return ("Edm.String", lambda e: text)
        if kind == "num":
            core = value.rstrip("mMdDfFlL")
            if "." in core or "e" in core.lower() or value[-1] in "mMdDfF":
                number = float(core)
                return ("Edm.Double", lambda e: number)
            number = int(core)
            return ("Edm.Int32", lambda e: number)
        if kind == "name":
            if value in COMPARE or value in ("and", "or", "not"):
                self.fail(pos)
            if value == "null":
                return ("null", lambda e: None)
            if value in ("true", "false"):
                flag = value == "true"
                return ("Edm.Boolean", lambda e: flag)
            if self.peek()[1] == "(" and self.peek()[0] == "punct":
                return self.call(value, pos)
            if value not in self.schema:
                raise ODataError(400, "Could not find a property named '%s' on type '%s'." %
                                 (value, self.type_name))
            return (self.schema[value], lambda e: e.get(value))
        self.fail(pos)

    def call(self, name, pos):
        if name not in FUNCTIONS:
            raise ODataError(400, "Unknown function '%s' at position %d in '%s'." %
                             (name, pos, self.text))
        self.take()  # (
        args = [self.or_expr()]
        while self.peek()[1] == ",":
            self.take()
            args.append(self.or_expr())
        if self.take()[1] != ")":
            self.fail(self.toks[self.i - 1][2])
        kinds, result = FUNCTIONS[name]
        if name == "substring" and len(args) == 3:
            kinds = "sii"
        if len(args) != len(kinds):
            raise ODataError(400, "No function signature for the function with name '%s' "
                                  "matches the specified arguments." % name)
        for arg, want in zip(args, kinds):
            ok = arg[0] in ("Edm.String", "null") if want == "s" else arg[0] in (
                "Edm.Int32", "Edm.Int64")
            if not ok:
                raise ODataError(400, "No function signature for the function with name '%s' "
                                      "matches the specified arguments." % name)
        fns = [a[1] for a in args]
        return (result, lambda e: _call(name, [f(e) for f in fns]))


def _compare(op, a, b):
    if op in ("eq", "ne"):
        same = a == b
        return same if op == "eq" else not same
    if a is None or b is None:
        return None
    return {"lt": a < b, "le": a <= b, "gt": a > b, "ge": a >= b}[op]


def _call(name, args):
    if any(a is None for a in args):
        return None
    if name == "startswith":
        return args[0].startswith(args[1])
    if name == "endswith":
        return args[0].endswith(args[1])
    if name == "substringof":
        return args[0] in args[1]
    if name == "tolower":
        return args[0].lower()
    if name == "toupper":
        return args[0].upper()
    if name == "trim":
        return args[0].strip()
    if name == "length":
        return len(args[0])
    if name == "indexof":
        return args[0].find(args[1])
    if name == "concat":
        return args[0] + args[1]
    start = args[1]
    return args[0][start:] if len(args) == 2 else args[0][start:start + args[2]]


def compile_filter(text, schema, type_name):
    """Compile a $filter expression against `schema` (property -> Edm type); returns a
    function entity -> bool. Raises ODataError(400) on bad syntax or unknown properties."""
    return _Parser(text, schema, type_name).parse()


# A client pages through one query: every page asks the same $filter and $orderby of the same
# collection. Their result (and a collection's schema) is kept per collection object while the
# cache holds that object, so its id cannot be another's; a few dozen entries at most.
_CACHE_MAX = 64
_schemas = {}
_queries = {}


def _cached(cache, key, entities, make):
    hit = cache.get(key)
    if hit is not None and hit[0] is entities:
        return hit[1]
    value = make()
    if len(cache) >= _CACHE_MAX:
        cache.clear()
    cache[key] = (entities, value)
    return value


def schema_of(entities, types=None):
    """Property -> Edm type of a collection: from `types` where given, else from the values."""
    key = (id(entities), len(entities), tuple(sorted((types or {}).items())))
    return dict(_cached(_schemas, key, entities, lambda: _schema_of(entities, types)))


def _schema_of(entities, types):
    out = {}
    for e in entities:
        for k, v in e.items():
            if k in out and out[k] != "null":
                continue
            if isinstance(v, bool):
                out[k] = "Edm.Boolean"
            elif isinstance(v, int):
                out[k] = "Edm.Int32"
            elif isinstance(v, float):
                out[k] = "Edm.Double"
            elif isinstance(v, str):
                out[k] = "Edm.String"
            else:
                out.setdefault(k, "null")
    for k, v in out.items():
        if v == "null":
            out[k] = "Edm.String"
    if types:
        out.update({k: v for k, v in types.items() if k in out})
    return out


# --- query options --------------------------------------------------------------------------

KNOWN_OPTIONS = ("$filter", "$select", "$top", "$skip", "$orderby", "$inlinecount", "$format")


def _int_option(params, name):
    if name not in params:
        return None
    text = params[name]
    if not re.fullmatch(r"\d+", text.strip()):
        raise ODataError(400, "Invalid value '%s' for %s query option found. The %s query "
                              "option requires a non-negative integer value." % (text, name, name))
    return int(text)


def _filter_and_order(entities, schema, type_name, params):
    rows = entities
    if params.get("$filter", "").strip():
        keep = compile_filter(params["$filter"], schema, type_name)
        rows = [e for e in rows if keep(e)]
    if params.get("$orderby", "").strip():
        for part in reversed(params["$orderby"].split(",")):
            words = part.split()
            if not words or words[0] not in schema or len(words) > 2 or (
                    len(words) == 2 and words[1] not in ("asc", "desc")):
                raise ODataError(400, "Could not find a property named '%s' on type '%s'." %
                                 (part.strip(), type_name))
            key = words[0]
            rows = sorted(rows, key=lambda e: (e.get(key) is not None, e.get(key)),
                          reverse=len(words) == 2 and words[1] == "desc")
    return rows


def evaluate(entities, schema, type_name, params):
    """Apply $filter, $orderby, $skip, $top and $select to `entities`. Returns (the selected
    entities, their property names, the number that matched before $skip/$top, skip, top)."""
    for name in params:
        if name.startswith("$") and name not in KNOWN_OPTIONS:
            raise ODataError(400, "The query parameter '%s' begins with a system-reserved '$' "
                                  "character but is not recognized." % name)
    where, order = params.get("$filter", "").strip(), params.get("$orderby", "").strip()
    key = (id(entities), len(entities), type_name, where, order, tuple(sorted(schema.items())))
    rows = _cached(_queries, key, entities,
                   lambda: _filter_and_order(entities, schema, type_name, params))
    matched = len(rows)
    skip = _int_option(params, "$skip") or 0
    top = _int_option(params, "$top")
    rows = rows[skip:] if top is None else rows[skip:skip + top]
    columns = list(schema)
    if params.get("$select", "").strip() and params["$select"].strip() != "*":
        columns = []
        for name in params["$select"].split(","):
            name = name.strip()
            if name not in schema:
                raise ODataError(400, "Could not find a property named '%s' on type '%s'." %
                                 (name, type_name))
            columns.append(name)
        rows = [{k: e.get(k) for k in columns} for e in rows]
    return rows, columns, matched, skip, top


def next_link(collection_url, params, skip, top, page):
    """The odata.nextLink of a page: the request's own options, then $top (what is left of
    it) and $skip, as CBS writes them ("…?$format=json&$filter=%28…%29&$skip=10000")."""
    parts = ["%s=%s" % (quote(k, safe="$"), quote(v, safe=""))
             for k, v in params.items() if k not in ("$skip", "$top")]
    if top is not None:
        parts.append("$top=%d" % (top - page))
    parts.append("$skip=%d" % (skip + page))
    return collection_url + "?" + "&".join(parts)


# --- renderings -----------------------------------------------------------------------------


def format_is_json(params):
    """Whether $format asks for JSON."""
    fmt = params.get("$format", "").strip().lower()
    return fmt == "json" or fmt.startswith("application/json")


def wants_json(params):
    """JSON only when $format asks for it: without $format CBS answers Atom XML. Raises
    ODataError(415) for a format that is neither."""
    if format_is_json(params):
        return True
    if params.get("$format", "").strip().lower() in ("", "atom", "xml", "application/atom+xml",
                                                     "application/xml"):
        return False
    raise ODataError(415, "Unsupported media type requested.")


def error_body(err, as_json):
    """(content type, body bytes) of an OData v3 error."""
    if as_json:
        body = {"odata.error": {"code": "", "message": {"lang": "en-US", "value": err.message}}}
        return "application/json;odata=minimalmetadata;streaming=true;charset=utf-8", \
            json.dumps(body).encode()
    xml = ('<?xml version="1.0" encoding="utf-8"?><m:error xmlns:m="%s"><m:code />'
           '<m:message xml:lang="en-US">%s</m:message></m:error>' % (NS_M, escape(err.message)))
    return "application/xml;charset=utf-8", xml.encode()


def collection_json(metadata, rows, next_url=None, count=None):
    body = {"odata.metadata": metadata}
    if count is not None:
        body["odata.count"] = str(count)
    body["value"] = rows
    if next_url:
        body["odata.nextLink"] = next_url
    return json.dumps(body, ensure_ascii=False).encode()


def _atom_value(name, value, edm):
    if value is None:
        return '<d:%s m:type="%s" m:null="true" />' % (name, edm) if edm != "Edm.String" else \
            '<d:%s m:null="true" />' % name
    if edm == "Edm.String":
        return "<d:%s>%s</d:%s>" % (name, escape(str(value)), name)
    if edm == "Edm.Boolean":
        value = "true" if value else "false"
    return '<d:%s m:type="%s">%s</d:%s>' % (name, edm, value, name)


def collection_atom(base, name, entity_type, rows, columns, schema, key_of, updated,
                    next_url=None, count=None):
    """An Atom feed of OData v3 entries."""
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xml:base="%s" xmlns="%s" xmlns:d="%s" xmlns:m="%s">' % (
               escape(base), NS_ATOM, NS_D, NS_M),
           "<id>%s%s</id>" % (escape(base), name),
           '<title type="text">%s</title>' % name,
           "<updated>%sZ</updated>" % updated,
           '<link rel="self" title="%s" href="%s" />' % (name, name)]
    if count is not None:
        out.append("<m:count>%d</m:count>" % count)
    for row in rows:
        ident = "%s(%s)" % (name, key_of(row))
        out.append("<entry><id>%s%s</id>" % (escape(base), escape(ident)))
        out.append('<category term="%s" scheme="%s/scheme" />' % (entity_type, NS_D))
        out.append('<link rel="edit" title="%s" href="%s" />' % (name, escape(ident)))
        out.append('<title /><updated>%sZ</updated><author><name /></author>' % updated)
        out.append('<content type="application/xml"><m:properties>')
        out.extend(_atom_value(c, row.get(c), schema.get(c, "Edm.String")) for c in columns)
        out.append("</m:properties></content></entry>")
    if next_url:
        out.append('<link rel="next" href="%s" />' % escape(next_url))
    out.append("</feed>")
    return "\n".join(out).encode()


def service_document(base, names, as_json):
    """The service document of a table: its collections by name and URL."""
    if as_json:
        body = {"odata.metadata": base + "$metadata",
                "value": [{"name": n, "url": base + n} for n in names]}
        return "application/json;odata=minimalmetadata;streaming=true;charset=utf-8", \
            json.dumps(body).encode()
    parts = ['<?xml version="1.0" encoding="utf-8"?>',
             '<service xml:base="%s" xmlns="http://www.w3.org/2007/app" xmlns:atom="%s">'
             '<workspace><atom:title type="text">Default</atom:title>' % (escape(base), NS_ATOM)]
    for n in names:
        parts.append('<collection href="%s"><atom:title type="text">%s</atom:title>'
                     '</collection>' % (n, n))
    parts.append("</workspace></service>")
    return "application/atomsvc+xml;charset=utf-8", "\n".join(parts).encode()
