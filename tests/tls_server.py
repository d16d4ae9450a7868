#!/usr/bin/env python3
"""A loopback HTTPS server for the tests that need TLS (tests/wd_test_tls.c): it serves a few
fixed paths with a certificate the test made, so that a client pointed at that certificate as
its CA bundle can be checked on what it does with https (a redirect to plain http, a file
read over https). Standard library only.

    tls_server.py --cert C.pem --key K.pem --port-file F [--parent-pid P]
                  [--redirect PATH LOCATION]... [--file PATH FILE]...

--redirect answers PATH with 302 and that Location; --file answers PATH with 200 and the bytes
of FILE; every other path is 404. The port (one the kernel picks) is written to the port file
once the server listens, by a rename, so a reader never sees half of it. The server ends when
the process --parent-pid is gone, so a test that crashed leaves nothing running.
"""

import argparse
import http.server
import os
import ssl
import sys
import threading
import time


def main(argv=None):
    p = argparse.ArgumentParser(prog="tls_server.py")
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--port-file", required=True)
    p.add_argument("--parent-pid", type=int)
    p.add_argument("--redirect", nargs=2, action="append", default=[],
                   metavar=("PATH", "LOCATION"))
    p.add_argument("--file", nargs=2, action="append", default=[], metavar=("PATH", "FILE"))
    a = p.parse_args(argv)
    redirects = dict(a.redirect)
    files = dict(a.file)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            path = self.path.split("?", 1)[0]
            if path in redirects:
                self.send_response(302)
                self.send_header("Location", redirects[path])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if path in files:
                with open(files[path], "rb") as f:
                    body = f.read()
                self.send_response(200)
                self.send_header("Content-Type", "text/csv; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            self.send_error(404)

        def log_message(self, fmt, *args):
            sys.stderr.write("%s\n" % (fmt % args))

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(a.cert, a.key)
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(tmp, a.port_file)

    if a.parent_pid:
        def watch():
            while True:
                try:
                    os.kill(a.parent_pid, 0)
                except OSError:
                    os._exit(0)
                time.sleep(0.5)
        threading.Thread(target=watch, daemon=True).start()
    srv.serve_forever()


if __name__ == "__main__":
    main()
