#!/usr/bin/env python3
"""The service mirror: an imitation of the CBS OData v3 services (KWB on opendata.cbs.nl, RIVM
on dataderden.cbs.nl), PDOK's OGC API Features for the wijken en buurten and the Leefbaarometer
open-data zips, serving one deterministic simulated data model on a loopback port, with the
services' documented rules and configurable faults. See README.md beside this file.

  python3 mirror.py serve [options] [--port N] [--port-file FILE] [--faults FILE] [--log FILE]
  python3 mirror.py dump [options] --out FILE.json

Python 3.11 standard library only.
"""

import argparse
import json
import os
import re
import signal
import sys
import threading
import time

# No __pycache__ beside the sources: the mirror leaves nothing behind in the tree.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import cbs  # noqa: E402
import lbm  # noqa: E402
import model as model_mod  # noqa: E402
import pdok  # noqa: E402
import rivm  # noqa: E402
import server  # noqa: E402


def _model_options(p):
    p.add_argument("--page-size", type=int, default=10000,
                   help="records per ODataFeed page (and catalogue page); CBS: 10000")
    p.add_argument("--api-limit", type=int, default=10000,
                   help="cells an ODataApi answer may hold before it is refused; CBS: 10000")
    p.add_argument("--next-link-on-full-page", action="store_true",
                   help="give every full ODataFeed page an odata.nextLink, even when nothing "
                        "follows (the last page is then empty)")
    p.add_argument("--levering-2025", type=int, choices=(1, 2), default=1,
                   help="delivery of KWB 2025 (86165NED): 1 without income, benefits, Wmo and "
                        "jeugdzorg, WOZ as _36; 2 with them, WOZ as _39, a newer Modified")
    p.add_argument("--revisie-2024", type=int, choices=(1, 2), default=2,
                   help="revision of KWB 2024 (85984NED): 1 income as _83, 2 as _78")
    p.add_argument("--tabel-2026", action="store_true",
                   help="add KWB 2026 (86477NED, first delivery) to the catalogue and serve it")
    p.add_argument("--rivm-volgorde", choices=rivm.ORDERS, default="gebied",
                   help="order of RIVM's TypedDataSet rows: gebied, the rows of an area together; "
                        "dimensies, Marges slowest and the area fastest (the three Marges rows "
                        "of an estimate a third of the table apart)")
    p.add_argument("--landelijk", action="store_true",
                   help="about the national size: 342 gemeenten, 3,300 wijken, 14,500 buurten "
                        "(invented gemeenten after the three), for benchmarks")


def _model(args):
    return model_mod.Model(model_mod.Options(delivery_2025=args.levering_2025,
                                             revision_2024=args.revisie_2024,
                                             table_2026=args.tabel_2026,
                                             national=args.landelijk,
                                             rivm_order=args.rivm_volgorde))


def _stem(key):
    return re.sub(r"_\d+$", "", key)


def dump(model, path):
    """Write every cell, feature and score row the mirror serves for `model` (README: dump
    format)."""
    out = {"format": "wijkdata-mirror-dump/1", "simulated": True,
           "note": model_mod.SIMULATED,
           "options": {"levering_2025": model.opts.delivery_2025,
                       "revisie_2024": model.opts.revision_2024,
                       "tabel_2026": model.opts.table_2026},
           "cbs": [], "pdok": [], "lbm": []}
    for host in ("opendata.cbs.nl", "dataderden.cbs.nl"):
        for tid in model.table_ids(host):
            t = model.table(host, tid)
            keys = t.topic_keys()
            rows = []
            for r in t.rows:
                rows.append({"region": r["WijkenEnBuurten"].strip(),
                             "period": r.get("Perioden"), "leeftijd": r.get("Leeftijd"),
                             "marges": r.get("Marges"),
                             "values": {k: r[k] for k in keys}})
            out["cbs"].append({"host": host, "table": tid, "title": t.title,
                               "year": t.year if host == "opendata.cbs.nl" else None,
                               "modified": t.modified,
                               "keys": {k: _stem(k) for k in keys}, "rows": rows})
    for year in pdok.YEARS:
        for coll in pdok.COLLECTIONS:
            out["pdok"].append({"year": year, "collection": coll,
                                "features": [{"id": str(fid), "properties": props}
                                             for fid, props, _ in pdok.features(model, year,
                                                                                 coll)]})
    for name in lbm.EDITIONS:
        for member, cols, rows in lbm.members(name):
            if rows is not None:
                out["lbm"].append({"zip": name, "member": member, "columns": cols,
                                   "rows": rows})
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(json.dumps(out, ensure_ascii=False))
    os.replace(tmp, path)


def _watch_parent(pid):
    """Exit when process `pid` is gone, so a test that dies leaves no mirror behind."""
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            os._exit(0)
        time.sleep(0.3)


def serve(args):
    faults = []
    if args.faults:
        try:
            with open(args.faults, encoding="utf-8") as f:
                faults = server.check_faults(json.load(f))
        except (OSError, ValueError, server.FaultError) as err:
            sys.exit("mirror: %s: %s" % (args.faults, err))
    if args.log:
        open(args.log, "w").close()
    paging = cbs.Paging(args.page_size, args.api_limit, args.next_link_on_full_page)
    mirror = server.Mirror(_model(args), paging, faults, args.log)
    httpd = server.Server(args.port, mirror)
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write("%d\n" % mirror.port)
        os.replace(tmp, args.port_file)
    if args.parent_pid:
        threading.Thread(target=_watch_parent, args=(args.parent_pid,), daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=httpd.shutdown).start())
    print("mirror: http://127.0.0.1:%d/" % mirror.port, file=sys.stderr, flush=True)
    httpd.serve_forever(0.1)
    httpd.server_close()


def main(argv=None):
    p = argparse.ArgumentParser(prog="mirror.py", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="serve the mirror on 127.0.0.1")
    _model_options(s)
    s.add_argument("--port", type=int, default=8080, help="port; 0: one the kernel picks")
    s.add_argument("--port-file", help="write the port to this file once listening")
    s.add_argument("--faults", help="JSON file with fault rules (README: faults)")
    s.add_argument("--log", help="append one JSON line per request to this file")
    s.add_argument("--parent-pid", type=int, help="exit when this process is gone")
    d = sub.add_parser("dump", help="write the model as JSON")
    _model_options(d)
    d.add_argument("--out", required=True, help="output file")
    args = p.parse_args(argv)
    if args.page_size < 1 or args.api_limit < 1:
        p.error("--page-size and --api-limit must be at least 1")
    if args.command == "dump":
        dump(_model(args), args.out)
    else:
        serve(args)


if __name__ == "__main__":
    main()
