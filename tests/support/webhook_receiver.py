#!/usr/bin/python3
"""A webhook receiver on loopback for Vekha's tests.

Usage: webhook_receiver.py MODE SECRET OUT.jsonl PORTFILE
MODE: ok (always 200), fail-twice (500 to the first two requests of each Idempotency-Key, then
200), hang (never answers); and faults on the first request of each key, then 200: throttle (429
with Retry-After: 300), reset (the connection is reset without an answer), slow (the answer's
body trickles in, a byte a second). Each request is appended to OUT.jsonl with its key, whether the
X-Vekha-Signature header is the HMAC-SHA256 of the body under SECRET, the status answered, and
whether it was the first accepted delivery of that key ("delivered": what an idempotent receiver
processes). Writes the port to PORTFILE; runs until killed.
"""
import hashlib
import hmac
import socket
import struct
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
            fault = MODE if attempts[key] == 1 and MODE in ("throttle", "reset", "slow") else ""
            status = 500 if MODE == "fail-twice" and attempts[key] <= 2 else 429 if fault == "throttle" else 200
            if fault in ("reset", "slow"):
                status = 0  # no complete answer
            first = status == 200 and key not in delivered
            if status == 200:
                delivered.add(key)
            record = {"key": key, "status": status, "attempt": attempts[key], "delivered": first,
                      "signature_ok": hmac.compare_digest(expected, self.headers.get("X-Vekha-Signature", "")),
                      "content_type": self.headers.get("Content-Type", ""), "body": json.loads(body),
                      "client_port": self.client_address[1]}
            with open(OUT, "a", encoding="utf-8") as out:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        if fault == "reset":  # RST instead of an answer: SO_LINGER with a zero timeout
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
            return
        if fault == "slow":
            self.send_response(200)
            self.send_header("Content-Length", "60")
            self.end_headers()
            for _ in range(60):
                time.sleep(1)
                try:
                    self.wfile.write(b"x")
                    self.wfile.flush()
                except OSError:
                    break
            self.close_connection = True
            return
        self.send_response(status)
        if fault == "throttle":
            self.send_header("Retry-After", "300")
        self.send_header("Content-Length", "0")
        self.end_headers()


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
with open(PORT_FILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.replace(PORT_FILE + ".tmp", PORT_FILE)
server.serve_forever()
