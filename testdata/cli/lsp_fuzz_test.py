#!/usr/bin/env python3
"""`gbc lsp` under 10,000 seeded random messages (malformed frames and JSON, parameters of every
wrong shape, random documents opened and edited, requests of unknown methods) and 1,000
consecutive edits of a real model file: the server never dies, answers every request, publishes
the newest edit's diagnostics, and ends with 0 after shutdown and exit.

usage: lsp_fuzz_test.py GBC [COUNT]   (run by ctest as `lsp-fuzz`; deterministic: seed 2026)
"""
import json
import os
import random
import subprocess
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL = os.path.join(os.path.dirname(HERE), "bench", "model_10k.py")
failures = []


def check(name, cond, detail=""):
    print(("ok    " if cond else "FAIL  ") + name)
    if not cond:
        failures.append(name)
        if detail:
            print("      " + str(detail)[:2000])


class Server:
    def __init__(self, gbc):
        self.proc = subprocess.Popen([gbc, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.messages = []
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    with self.cond:
                        self.messages.append(None)
                        self.cond.notify_all()
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            msg = json.loads(out.read(length))
            with self.cond:
                self.messages.append(msg)
                self.cond.notify_all()

    def raw(self, data):
        self.proc.stdin.write(data)

    def send(self, obj):
        body = json.dumps(obj).encode() if not isinstance(obj, bytes) else obj
        self.raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def wait_for(self, pred, timeout=300):
        with self.cond:
            ok = self.cond.wait_for(lambda: any(m is None or pred(m) for m in self.messages), timeout)
            return next((m for m in self.messages if m is not None and pred(m)), None) if ok else None


METHODS = ["initialize", "initialized", "shutdown", "textDocument/didOpen", "textDocument/didChange",
           "textDocument/didSave", "textDocument/didClose", "workspace/symbol", "$/cancelRequest",
           "textDocument/hover", "", "exit-not", "textDocument/didopen"]
TOKENS = ["import torch", "x", "=", "(", ")", "[", "]", ":", "\n", "    ", "def f(x):", "return",
          "torch.compile", "@torch.compile", "while True:", "pass", "print(x)", "'", '"', "#", "\\",
          "1", "+", "lambda", "if", "else", "yield", "async", "\t", "\x00", "é", "\udcff"]


def random_value(rng, depth=0):
    kind = rng.randrange(8 if depth < 3 else 5)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([0, -1, 5, 2**53, 1.5, True])
    if kind == 2:
        return rng.choice(["", "file:///tmp/x.py", "x" * rng.randrange(50), "\u2603"])
    if kind == 3:
        return rng.choice([[], {}])
    if kind == 4:
        return "file:///tmp/gbc-fuzz/doc%d.py" % rng.randrange(5)
    if kind == 5:
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    keys = ["textDocument", "uri", "text", "contentChanges", "version", "query", "id", "params"]
    return {rng.choice(keys): random_value(rng, depth + 1) for _ in range(rng.randrange(4))}


def random_text(rng):
    return "".join(rng.choice(TOKENS) + rng.choice(["", " ", "\n"]) for _ in range(rng.randrange(40)))


def fuzz(server, rng, count):
    requests = 0
    for i in range(count):
        kind = rng.randrange(10)
        if kind == 0:
            server.raw(b"Content-Length: " + rng.choice([b"abc", b"-5", b"99999999999999", b"", b"1e3"]) + b"\r\n\r\n{}")
        elif kind == 1:
            server.send(rng.choice([b"{", b"[]", b"null", b"\xff\xfe", b'{"jsonrpc": "2.0", "method": 5}', b"42"]))
        elif kind in (2, 3, 4):
            uri = "file:///tmp/gbc-fuzz/doc%d.py" % rng.randrange(5)
            text = random_text(rng).encode("utf-8", "surrogatepass").decode("utf-8", "replace")
            method = rng.choice(["textDocument/didOpen", "textDocument/didChange", "textDocument/didSave"])
            params = {"textDocument": {"uri": uri, "text": text, "version": i},
                      "contentChanges": [{"text": text}], "text": text}
            server.send({"jsonrpc": "2.0", "method": method, "params": params})
        else:
            msg = {"jsonrpc": "2.0", "method": rng.choice(METHODS), "params": random_value(rng)}
            if msg["method"] in ("shutdown", "initialize"):
                msg["method"] = "workspace/symbol"
            if rng.randrange(2):
                msg["id"] = rng.choice([i, "r%d" % i])
                requests += 1
            server.send(msg)
    server.proc.stdin.flush()
    return requests


def main(gbc, count):
    rng = random.Random(2026)
    server = Server(gbc)
    server.send({"jsonrpc": "2.0", "id": "init", "method": "initialize", "params": {"capabilities": {}}})
    fuzz(server, rng, count)
    server.send({"jsonrpc": "2.0", "id": "final", "method": "workspace/symbol", "params": {}})
    server.proc.stdin.flush()
    final = server.wait_for(lambda m: m.get("id") == "final")
    check(f"{count} fuzzed messages: the server is alive and answers the next request",
          final is not None and final.get("error", {}).get("code") == -32601, str(final)[:300])

    # 1,000 consecutive edits of a real model file: the newest one's diagnostics come out
    uri = "file://" + os.path.join(HERE, "project", "lsp_edit.py")
    text = open(MODEL).read()
    server.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                 "params": {"textDocument": {"uri": uri, "version": 0, "text": text}}})
    for v in range(1, 1001):
        edited = text + "\n# edit %d\n" % v + ("def broken(:\n" if v == 1000 else "")
        server.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                     "params": {"textDocument": {"uri": uri, "version": v}, "contentChanges": [{"text": edited}]}})
    server.send({"jsonrpc": "2.0", "id": "after-edits", "method": "workspace/symbol", "params": {}})
    server.proc.stdin.flush()
    server.wait_for(lambda m: m.get("id") == "after-edits")
    pubs = [m for m in server.messages if m and m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri]
    last = pubs[-1]["params"]["diagnostics"] if pubs else []
    check("1000 edits: the last publication is the newest edit's (its syntax error)",
          len(last) == 1 and "syntax" in last[0]["message"] and last[0]["range"]["start"]["line"] == text.count("\n") + 2,
          f"{len(pubs)} publications; last: {str(last)[:300]}")
    check("1000 edits: queued edits are not all analysed", len(pubs) < 1001, f"{len(pubs)} publications")

    server.send({"jsonrpc": "2.0", "id": "bye", "method": "shutdown"})
    server.proc.stdin.flush()
    bye = server.wait_for(lambda m: m.get("id") == "bye")
    server.send({"jsonrpc": "2.0", "method": "exit"})
    server.proc.stdin.close()
    try:
        rc = server.proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        rc = None
    check("shutdown is answered and exit ends the server with 0",
          bye is not None and bye.get("result") is None and rc == 0, f"rc={rc} {bye}")
    print(f"lsp-fuzz: {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(os.path.abspath(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 10000))
