"""The HTTP side of the mirror: one loopback port, HTTP/1.1 with keep-alive, the services under
their host names as path prefixes, ETag and Last-Modified with 304 answers, gzip when the
client accepts it, configurable faults, a request log, and the control paths under
/_mirror/ (faults, log, count) that tests use and that are never logged themselves.
"""

import email.utils
import gzip
import hashlib
import json
import socket
import struct
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote

import cbs
import lbm
import odata
import pdok

FAULT_KINDS = ("status", "truncate", "empty", "reset", "stall", "atom", "invalid-json")
STATUS_TEXT = {429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
               503: "Service Unavailable", 504: "Gateway Timeout"}


class FaultError(ValueError):
    """A fault rule that cannot be used, with the reason."""


def check_faults(rules):
    """Validate a list of fault rules (see README); returns them with defaults filled in."""
    if isinstance(rules, dict):
        rules = rules.get("faults")
    if not isinstance(rules, list):
        raise FaultError("faults: expected a list of rules")
    out = []
    for i, r in enumerate(rules):
        if not isinstance(r, dict) or r.get("kind") not in FAULT_KINDS:
            raise FaultError("fault %d: 'kind' must be one of %s" % (i, ", ".join(FAULT_KINDS)))
        rule = {"match": "", "nth": 1, "times": 1, "status": 503, "retry_after": None,
                "bytes": None, "ms": 1000, "body": None}
        unknown = set(r) - set(rule) - {"kind"}
        if unknown:
            raise FaultError("fault %d: unknown field(s) %s" % (i, ", ".join(sorted(unknown))))
        rule.update(r)
        for k in ("nth", "times", "ms"):
            if not isinstance(rule[k], int) or rule[k] < (1 if k != "ms" else 0):
                raise FaultError("fault %d: '%s' must be a positive integer" % (i, k))
        rule["seen"] = rule["used"] = 0
        out.append(rule)
    return out


class Response:
    def __init__(self, status, content_type, body, headers=None, modified=None):
        self.status = status
        self.content_type = content_type
        self.body = body
        self.headers = dict(headers or {})
        self.modified = modified


class Mirror:
    """The state shared by the request threads: the model, the settings, the fault rules and
    the request log."""

    def __init__(self, model, paging, faults, log_path):
        self.model = model
        self.paging = paging
        self.faults = faults
        self.log_path = log_path
        self.log = []
        self.lock = threading.Lock()
        self.port = 0

    def root(self):
        return "http://127.0.0.1:%d" % self.port

    def pick_fault(self, target):
        """Count `target` against every rule it matches; return the first rule that fires."""
        decoded = unquote(target)
        fired = None
        with self.lock:
            for rule in self.faults:
                if rule["match"] in target or rule["match"] in decoded:
                    rule["seen"] += 1
                    if fired is None and rule["seen"] >= rule["nth"] and \
                            rule["used"] < rule["times"]:
                        rule["used"] += 1
                        fired = dict(rule)
        return fired

    def record(self, entry):
        with self.lock:
            entry["n"] = len(self.log) + 1
            self.log.append(entry)
            if self.log_path:
                with open(self.log_path, "a", encoding="utf-8") as f:
                    f.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def answer(self, target, accept, fault):
        """The healthy answer to GET `target` (as a Response), possibly bent by an 'atom'
        fault. Never raises for bad requests: they get the service's error answer."""
        path, _, query = target.partition("?")
        parts = [unquote(p) for p in path.lstrip("/").split("/")]
        params = dict(parse_qsl(query, keep_blank_values=True))
        host = parts[0]
        if host in ("opendata.cbs.nl", "dataderden.cbs.nl"):
            if fault and fault["kind"] == "atom":
                params.pop("$format", None)
            try:
                a = cbs.handle(self.model, self.root(), parts, params, self.paging)
                return Response(a.status, a.content_type, a.body, modified=a.modified)
            except odata.ODataError as err:
                ctype, body = odata.error_body(err, odata.format_is_json(params))
                return Response(err.status, ctype, body)
        if host == "api.pdok.nl":
            try:
                status, ctype, body, headers = pdok.handle(self.model, self.root(), parts,
                                                           params, accept)
                return Response(status, ctype, body, headers, "2026-12-01T00:00:00")
            except pdok.Problem as p:
                return Response(p.status, "application/problem+json", p.body())
        if host == "www.leefbaarometer.nl" and len(parts) == 3 and parts[1] == "resources" \
                and parts[2] in lbm.EDITIONS:
            date = lbm.EDITIONS[parts[2]][6]
            return Response(200, "application/zip", lbm.zip_bytes(parts[2]),
                            modified="%04d-%02d-%02dT%02d:%02d:%02d" % date)
        return Response(404, "text/html; charset=utf-8",
                        b"<html><body><h1>404 - Not Found</h1></body></html>")


def _http_date(iso):
    dt = datetime.fromisoformat(iso).replace(tzinfo=timezone.utc)
    return email.utils.format_datetime(dt, usegmt=True)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Head and body leave in separate writes; with Nagle's algorithm the body then waits for
    # the client's delayed ACK (about 40 ms a request on a kept-alive connection).
    disable_nagle_algorithm = True
    server_version = "wijkdata-mirror"

    def log_message(self, fmt, *args):
        pass  # the mirror keeps its own request log

    @property
    def mirror(self):
        return self.server.mirror

    def do_GET(self):
        self.serve(head=False)

    def do_HEAD(self):
        self.serve(head=True)

    def do_POST(self):
        self.control("POST")

    def do_DELETE(self):
        self.control("DELETE")

    def send_plain(self, status, ctype, body, extra=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def control(self, method):
        """The control paths: /_mirror/faults (GET, POST to replace, DELETE to clear),
        /_mirror/log (GET, DELETE to clear) and /_mirror/count?match=SUBSTRING (GET)."""
        path, _, query = self.path.partition("?")
        length = int(self.headers.get("Content-Length") or 0)
        data = self.rfile.read(length) if length else b""
        m = self.mirror
        if path == "/_mirror/faults":
            if method == "POST":
                try:
                    rules = check_faults(json.loads(data.decode() or "[]"))
                except (ValueError, FaultError) as err:
                    return self.send_plain(400, "text/plain", str(err).encode())
                with m.lock:
                    m.faults = rules
            elif method == "DELETE":
                with m.lock:
                    m.faults = []
            with m.lock:
                body = json.dumps(m.faults).encode()
            return self.send_plain(200, "application/json", body)
        if path == "/_mirror/log":
            with m.lock:
                if method == "DELETE":
                    m.log = []
                body = json.dumps(m.log, ensure_ascii=False).encode()
            return self.send_plain(200, "application/json", body)
        if path == "/_mirror/count" and method == "GET":
            match = dict(parse_qsl(query)).get("match", "")
            with m.lock:
                n = sum(1 for e in m.log if match in e["target"] or match in
                        unquote(e["target"]))
            return self.send_plain(200, "text/plain", b"%d" % n)
        return self.send_plain(404, "text/plain", b"unknown control path")

    def serve(self, head):
        if self.path.startswith("/_mirror/"):
            return self.control("GET")
        m = self.mirror
        target = self.path
        fault = m.pick_fault(target)
        entry = {"method": self.command, "target": target, "status": None, "bytes": 0,
                 "fault": fault["kind"] if fault else None,
                 "accept_encoding": self.headers.get("Accept-Encoding"),
                 "if_none_match": self.headers.get("If-None-Match"),
                 "if_modified_since": self.headers.get("If-Modified-Since"),
                 "time": round(time.time(), 3)}
        # Recorded just before the answer goes out (see send_response), so a client that has
        # its answer finds the request in the log.
        self.pending = entry
        try:
            self.serve_with(target, head, fault, entry)
        finally:
            self.flush_log()

    def flush_log(self):
        entry, self.pending = getattr(self, "pending", None), None
        if entry is not None:
            self.mirror.record(entry)

    def send_response(self, code, message=None):
        self.flush_log()
        super().send_response(code, message)

    def serve_with(self, target, head, fault, entry):
        kind = fault["kind"] if fault else None
        if kind == "empty":
            self.flush_log()
            self.close_connection = True
            return
        if kind == "reset":
            self.flush_log()
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            self.close_connection = True
            return
        if kind == "stall" and fault["bytes"] is None:
            time.sleep(fault["ms"] / 1000)
        if kind == "status":
            status = fault["status"]
            body = (fault["body"] if fault["body"] is not None else
                    "<html><body><h1>%d %s</h1></body></html>" % (
                        status, STATUS_TEXT.get(status, "Error"))).encode()
            extra = {}
            if fault["retry_after"] is not None:
                extra["Retry-After"] = str(fault["retry_after"])
            entry.update(status=status, bytes=len(body))
            return self.send_plain(status, "text/html; charset=utf-8", b"" if head else body,
                                   extra)
        r = self.mirror.answer(target, self.headers.get("Accept"), fault)
        body = r.body
        if kind == "invalid-json":
            body = body[: len(body) // 2] + b'", ]}{'
        headers = dict(r.headers)
        if r.status == 200:
            etag = '"%s"' % hashlib.sha1(body).hexdigest()[:20]
            headers["ETag"] = etag
            if r.modified:
                headers["Last-Modified"] = _http_date(r.modified)
            if self.not_modified(etag, r.modified):
                entry.update(status=304)
                self.send_response(304)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        headers["Vary"] = "Accept-Encoding"
        if "gzip" in (self.headers.get("Accept-Encoding") or "") and body:
            body = gzip.compress(body, mtime=0)
            headers["Content-Encoding"] = "gzip"
        entry.update(status=r.status, bytes=len(body))
        self.send_response(r.status)
        self.send_header("Content-Type", r.content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        if head:
            return
        if kind == "truncate":
            cut = fault["bytes"] if fault["bytes"] is not None else len(body) // 2
            self.wfile.write(body[:min(cut, max(len(body) - 1, 0))])
            self.wfile.flush()
            self.close_connection = True
            return
        if kind == "stall" and fault["bytes"] is not None:
            self.wfile.write(body[:fault["bytes"]])
            self.wfile.flush()
            time.sleep(fault["ms"] / 1000)
            body = body[fault["bytes"]:]
        self.wfile.write(body)

    def not_modified(self, etag, modified):
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            return inm.strip() == "*" or etag in [t.strip() for t in inm.split(",")]
        ims = self.headers.get("If-Modified-Since")
        if ims and modified:
            try:
                since = email.utils.parsedate_to_datetime(ims)
            except (TypeError, ValueError):
                return False
            mod = datetime.fromisoformat(modified).replace(tzinfo=timezone.utc)
            return since.tzinfo is not None and mod <= since
        return False


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port, mirror):
        super().__init__(("127.0.0.1", port), Handler)
        self.mirror = mirror
        mirror.port = self.server_address[1]
