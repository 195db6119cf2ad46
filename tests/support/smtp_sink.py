#!/usr/bin/python3
"""A real SMTP server on loopback for Vekha's tests (Debian's python3-aiosmtpd).

Usage: smtp_sink.py [--port N] [--reject ADDRESS] OUT.jsonl PORTFILE
Listens on 127.0.0.1 at a free port (or N), writes the port to PORTFILE, and appends one JSON line
per message received: envelope, decoded Subject, Date, Message-ID, From, To and the decoded text
body. With --reject, RCPT TO that address is refused with 550 (no such mailbox). Runs until killed.
"""
import argparse
import email
import email.policy
import json
import os
import socket
import time

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, path, rejected):
        self.path = path
        self.rejected = rejected

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == self.rejected:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        raw_headers = envelope.content.split(b"\r\n\r\n", 1)[0].decode("ascii")  # must be ASCII
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "raw_headers": raw_headers,
            "subject": str(message["Subject"]),  # decoded from RFC 2047 by the email package
            "date": str(message["Date"]),
            "message_id": str(message["Message-ID"]),
            "from": str(message["From"]),
            "to": str(message["To"]),
            "content_type": message.get_content_type(),
            "body": message.get_content(),
        }
        with open(self.path, "a", encoding="utf-8") as out:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return "250 OK"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    options = argparse.ArgumentParser()
    options.add_argument("--port", type=int, default=0)
    options.add_argument("--reject", default="")
    options.add_argument("out")
    options.add_argument("port_file")
    arguments = options.parse_args()
    out, port_file = arguments.out, arguments.port_file
    port = arguments.port or free_port()
    controller = Controller(Sink(out, arguments.reject), hostname="127.0.0.1", port=port)
    controller.start()
    with open(port_file + ".tmp", "w") as f:
        f.write(str(port))
    os.replace(port_file + ".tmp", port_file)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
