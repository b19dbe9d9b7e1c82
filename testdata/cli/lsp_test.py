#!/usr/bin/env python3
"""`gbc lsp`, driven by a scripted client over stdio: initialize, didOpen, didChange, didSave,
didClose, shutdown, exit; checks each publishDiagnostics.

usage: lsp_test.py GBC   (run by ctest as `lsp`)
"""
import json
import os
import subprocess
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
failures = []

BREAKS = open(os.path.join(HERE, "project", "breaks.py")).read()


def check(name, cond, detail=""):
    print(("ok    " if cond else "FAIL  ") + name)
    if not cond:
        failures.append(name)
        if detail:
            print("      " + str(detail).replace("\n", "\n      ")[:2000])


class Client:
    def __init__(self, gbc):
        self.proc = subprocess.Popen([gbc, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.next_id = 0

    def send(self, method, params=None, request=False):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        if request:
            self.next_id += 1
            msg["id"] = self.next_id
        body = json.dumps(msg).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return msg.get("id")

    def receive(self, timeout=60):
        result = {}

        def read():
            length = None
            while True:
                line = self.proc.stdout.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            result["msg"] = json.loads(self.proc.stdout.read(length))

        t = threading.Thread(target=read, daemon=True)
        t.start()
        t.join(timeout)
        return result.get("msg")


def main(gbc):
    c = Client(gbc)
    uri = "file://" + os.path.join(HERE, "project", "lsp_doc.py")
    c.send("initialize", {"processId": None, "rootUri": None, "capabilities": {}}, request=True)
    init = c.receive()
    check("initialize answers with full-document sync",
          init and init.get("id") == 1 and init["result"]["capabilities"]["textDocumentSync"]["change"] == 1, init)
    c.send("initialized", {})

    c.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": BREAKS}})
    pub = c.receive()
    diags = (pub or {}).get("params", {}).get("diagnostics", [])
    check("didOpen publishes diagnostics for the document",
          pub and pub["method"] == "textDocument/publishDiagnostics" and pub["params"]["uri"] == uri, pub)
    d = diags[0] if diags else {}
    check("a graph break: code, href, warning severity, 0-based range",
          d.get("code") == "GB0025" and d.get("severity") == 2 and d.get("source") == "gbc"
          and d.get("codeDescription", {}).get("href", "").endswith("/gb/gb0025.html")
          and d.get("range") == {"start": {"line": 5, "character": 4}, "end": {"line": 5, "character": 31}}, d)
    check("relatedInformation carries the user stack",
          [r["location"]["range"]["start"]["line"] for r in d.get("relatedInformation", [])][:1] == [8], d)

    fixed = BREAKS.replace("    torch._dynamo.graph_break()\n", "")
    c.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]})
    pub = c.receive()
    check("didChange re-analyses: no break left", pub and pub["params"]["diagnostics"] == [], pub)

    erroring = BREAKS.replace("@torch.compile\n", "@torch.compile(fullgraph=True)\n")
    c.send("textDocument/didSave", {"textDocument": {"uri": uri}, "text": erroring})
    pub = c.receive()
    sev = [x.get("severity") for x in (pub or {}).get("params", {}).get("diagnostics", [])]
    check("didSave with text: an Unsupported error is severity 1", 1 in sev, pub)

    c.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": "def f(:\n"}]})
    pub = c.receive()
    diags = (pub or {}).get("params", {}).get("diagnostics", [])
    check("a syntax error becomes one error diagnostic at its line",
          len(diags) == 1 and diags[0]["severity"] == 1 and diags[0]["range"]["start"]["line"] == 0, pub)

    c.send("textDocument/didClose", {"textDocument": {"uri": uri}})
    pub = c.receive()
    check("didClose clears the diagnostics", pub and pub["params"]["diagnostics"] == [], pub)

    c.send("workspace/symbol", {"query": "x"}, request=True)
    resp = c.receive()
    check("an unknown request gets MethodNotFound", resp and resp.get("error", {}).get("code") == -32601, resp)

    sid = c.send("shutdown", None, request=True)
    resp = c.receive()
    check("shutdown answers null", resp and resp.get("id") == sid and resp.get("result") is None, resp)
    c.send("exit")
    try:
        rc = c.proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        c.proc.kill()
        rc = None
    check("exit after shutdown ends the server with 0", rc == 0, f"rc={rc} {c.proc.stderr.read()[-500:]}")

    robustness(gbc)
    print(f"lsp: {len(failures)} failed")
    return 1 if failures else 0


HANGS = "import torch\nwhile True:\n    pass\n"


def robustness(gbc):
    """Malformed input never ends the server; an analysis that would not finish is cancelled by
    a newer edit of its document or by shutdown (orderings, never timings, are checked)."""
    c = Client(gbc)
    w = c.proc.stdin
    for header in (b"abc", b"-5", b"1000000000000", b""):
        w.write(b"Content-Length: " + header + b"\r\n\r\n{}")
    w.flush()
    c.send("initialize", {"processId": None, "rootUri": None, "capabilities": {}}, request=True)
    init = c.receive()
    check("bad Content-Length headers are dropped; the next message is answered",
          init and init.get("id") == 1 and "result" in init, init)
    c.send("textDocument/didOpen", {"textDocument": {"uri": 5, "text": "x = 1\n"}})
    c.send("textDocument/didOpen", {"textDocument": "nonsense"})
    rid = c.send("workspace/symbol", {"query": "x"}, request=True)
    resp = c.receive()
    check("notifications of the wrong shape are ignored, the server goes on",
          resp and resp.get("id") == rid and resp.get("error", {}).get("code") == -32601, resp)

    uri = "file://" + os.path.join(HERE, "project", "lsp_hang.py")
    c.send("textDocument/didOpen", {"textDocument": {"uri": uri, "version": 1, "text": HANGS}})
    for v in range(2, 12):
        c.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": v},
                                          "contentChanges": [{"text": HANGS}]})
    c.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 12},
                                      "contentChanges": [{"text": "def f(:\n"}]})
    pub = c.receive()
    diags = (pub or {}).get("params", {}).get("diagnostics", [])
    check("edits that would never finish are cancelled by newer ones: only the newest is published",
          len(diags) == 1 and "syntax" in diags[0]["message"], pub)

    c.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 13},
                                      "contentChanges": [{"text": HANGS}]})
    sid = c.send("shutdown", None, request=True)
    resp = c.receive()
    check("shutdown cancels the analysis under way and is answered first",
          resp and resp.get("id") == sid and resp.get("result") is None, resp)
    c.send("exit")
    try:
        rc = c.proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        c.proc.kill()
        rc = None
    check("the server ends with 0 after all that", rc == 0, f"rc={rc}")


if __name__ == "__main__":
    sys.exit(main(os.path.abspath(sys.argv[1])))
