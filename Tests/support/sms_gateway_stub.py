#!/usr/bin/env python3
"""A controllable SMS gateway for the system tests (CONTRACTS.md section 6).

    sms_gateway_stub.py --port 18025 --secret S --sink .run/sms.jsonl [--pid-file .run/sms_gateway_stub.pid]

POST /sms (any path not listed below): one outbound SMS `{"messageId","to","text","kind","ticketNumber"}`.
    `X-Hotline-Timestamp: <unix seconds>` and `X-Hotline-Signature: sha256=<hex HMAC-SHA256 of
    "<timestamp>.<raw body>">` are checked on every request; a wrong or missing one, or a timestamp
    more than 300 s from this clock, is answered 401 (a permanent failure for the notifier). Each attempt is
    recorded; each ACCEPTED message (2xx) is appended once per messageId to the sink file as
    `{"messageId","to","text","kind","ticketNumber","sentAt"}`, the format of the notifier's file sink.
POST /control {"phone", "kind": "receipt", "responses": [500, 500, 429, 200], "delays": [6, 0]}
    The statuses the next requests for that phone (and kind, when given) get, in order, then 200;
    `delays` (seconds, in the same order, then 0) hold the answers back: a slow gateway.
    `{"phone": "*", ...}` steers every phone.
POST /reset {"phone"}: forgets the phone's steering and attempts.
GET /attempts?phone=P: {"attempts": [{"at", "messageId", "to", "kind", "ticketNumber", "signatureOk", "status"}]}
    (`at`: Unix seconds when the request arrived).
GET /healthz: ok.

The stub exits when its pid file disappears or names another process (the stack's `down`
deletes the run folder), so a forgotten stub never holds the port.
"""
import argparse
import datetime
import hashlib
import hmac
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

LOCK = threading.Lock()
STEERING = {}   # (phone, kind or None) -> {"responses": [...], "delays": [...]}
ATTEMPTS = {}   # phone -> [attempt]
ACCEPTED = set()  # messageIds written to the sink
CONFIG = {}


def now_iso():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # One write per response and no Nagle: otherwise delayed ACKs stall each answer ~40 ms.
    disable_nagle_algorithm = True
    wbufsize = -1

    def log_message(self, *args):
        pass

    def reply(self, status, body=None):
        data = json.dumps(body if body is not None else {}, ensure_ascii=False).encode()
        self.send_response(status)
        if 300 <= status < 400:
            # A steered redirect points back at this stub: a client that followed it would show up
            # as a second attempt (the notifier must not follow it).
            self.send_header("Location", f"http://127.0.0.1:{self.server.server_address[1]}/sms-redirected")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def do_GET(self):
        url = urlparse(self.path)
        if url.path == "/healthz":
            return self.reply(200, {"status": "ok"})
        if url.path == "/attempts":
            phone = parse_qs(url.query).get("phone", [""])[0]
            with LOCK:
                attempts = list(ATTEMPTS.get(phone, [])) if phone else [a for v in ATTEMPTS.values() for a in v]
            return self.reply(200, {"attempts": attempts})
        self.reply(404, {"error": "unknown path"})

    def do_POST(self):
        url = urlparse(self.path)
        raw = self.read_body()
        if url.path == "/control":
            body = json.loads(raw or b"{}")
            key = (str(body["phone"]), body.get("kind"))
            with LOCK:
                STEERING[key] = {"responses": list(body.get("responses", [])), "delays": [float(d) for d in body.get("delays", [])]}
            return self.reply(200, {"ok": True})
        if url.path == "/reset":
            body = json.loads(raw or b"{}")
            with LOCK:
                for key in [k for k in STEERING if k[0] == body.get("phone")]:
                    STEERING.pop(key)
                ATTEMPTS.pop(body.get("phone"), None)
            return self.reply(200, {"ok": True})
        self.send_sms(raw)

    def send_sms(self, raw):
        stamp = self.headers.get("X-Hotline-Timestamp", "")
        expected = "sha256=" + hmac.new(CONFIG["secret"].encode(), stamp.encode() + b"." + raw, hashlib.sha256).hexdigest()
        fresh = stamp.isdigit() and abs(int(stamp) - time.time()) <= 300
        signature_ok = fresh and hmac.compare_digest(self.headers.get("X-Hotline-Signature", ""), expected)
        try:
            sms = json.loads(raw)
        except ValueError:
            sms = {}
        phone = str(sms.get("to", ""))
        received = time.time()
        with LOCK:
            status, delay = 200, 0.0
            for key in [(phone, sms.get("kind")), (phone, None), ("*", sms.get("kind")), ("*", None)]:
                steering = STEERING.get(key)
                if steering and (steering["responses"] or steering["delays"]):
                    status = steering["responses"].pop(0) if steering["responses"] else 200
                    delay = steering["delays"].pop(0) if steering["delays"] else 0.0
                    break
        if not signature_ok:
            status = 401
        elif not sms.get("messageId") or not phone:
            status = 400
        attempt = {
            "at": received, "messageId": sms.get("messageId"), "to": phone, "kind": sms.get("kind"),
            "ticketNumber": sms.get("ticketNumber"), "signatureOk": signature_ok, "status": status,
        }
        with LOCK:
            ATTEMPTS.setdefault(phone, []).append(attempt)
        if delay:
            time.sleep(delay)
        if 200 <= status < 300:
            self.accept(sms)
        self.reply(status, {"status": status})

    def accept(self, sms):
        line = {
            "messageId": sms.get("messageId"), "to": sms.get("to"), "text": sms.get("text"), "kind": sms.get("kind"),
            "ticketNumber": sms.get("ticketNumber"), "sentAt": now_iso(),
        }
        with LOCK:
            if line["messageId"] in ACCEPTED:
                return  # a retry of a message already taken: the handset gets it once
            ACCEPTED.add(line["messageId"])
            os.makedirs(os.path.dirname(os.path.abspath(CONFIG["sink"])), exist_ok=True)
            with open(CONFIG["sink"], "a", encoding="utf-8") as sink:
                sink.write(json.dumps(line, ensure_ascii=False) + "\n")


def watch_pid_file(path, server):
    while True:
        time.sleep(1)
        try:
            with open(path) as f:
                mine = f.read().strip() == str(os.getpid())
        except OSError:
            mine = False
        if not mine:
            server.shutdown()
            return


def main():
    parser = argparse.ArgumentParser(description="controllable SMS gateway stub")
    parser.add_argument("--port", type=int, default=18025)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--sink", default=".run/sms.jsonl")
    parser.add_argument("--pid-file")
    args = parser.parse_args()
    CONFIG.update(secret=args.secret, sink=args.sink)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    if args.pid_file:
        os.makedirs(os.path.dirname(os.path.abspath(args.pid_file)), exist_ok=True)
        with open(args.pid_file, "w") as f:
            f.write(f"{os.getpid()}\n")
        threading.Thread(target=watch_pid_file, args=(args.pid_file, server), daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
