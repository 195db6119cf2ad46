#!/usr/bin/python3
"""A webhook receiver on loopback for Vekha's tests.

Usage: webhook_receiver.py MODE SECRET OUT.jsonl PORTFILE
MODE: ok (always 200), fail-twice (500 to the first two requests of each Idempotency-Key, then
200), hang (never answers). Each request is appended to OUT.jsonl with its key, whether the
X-Vekha-Signature header is the HMAC-SHA256 of the body under SECRET, the status answered, and
whether it was the first accepted delivery of that key ("delivered": what an idempotent receiver
processes). Writes the port to PORTFILE; runs until killed.
"""
import hashlib
import hmac
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODE, SECRET, OUT, PORT_FILE = sys.argv[1:5]
lock = threading.Lock()
attempts = {}
delivered = set()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: a client's connection serves several requests

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        key = self.headers.get("Idempotency-Key", "")
        if MODE == "hang":
            time.sleep(3600)
            return
        expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        with lock:
            attempts[key] = attempts.get(key, 0) + 1
            status = 500 if MODE == "fail-twice" and attempts[key] <= 2 else 200
            first = status == 200 and key not in delivered
            if status == 200:
                delivered.add(key)
            record = {"key": key, "status": status, "attempt": attempts[key], "delivered": first,
                      "signature_ok": hmac.compare_digest(expected, self.headers.get("X-Vekha-Signature", "")),
                      "content_type": self.headers.get("Content-Type", ""), "body": json.loads(body),
                      "client_port": self.client_address[1]}
            with open(OUT, "a", encoding="utf-8") as out:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
with open(PORT_FILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.replace(PORT_FILE + ".tmp", PORT_FILE)
server.serve_forever()
