"""Load test of ``rolegraph serve``: concurrent clients sending the named queries over loopback.

Starts ``rolegraph serve`` (read-only, 127.0.0.1, a free port) on a fresh build
of the default graph, so queries go through rolegraph's front to Oxigraph, then runs CLIENTS threads for SECONDS, each sending the 13
named queries in turn over its own keep-alive connection (POST, SPARQL JSON).
Any answer other than 200 with a parseable body counts as an error. Prints
throughput and latency percentiles, overall and per query, as JSON.

With ``--abusers N``, N more clients send abusive requests in turn for the same
time: a 5 MB query (refused: 413), an endless cartesian SELECT read to its
end (cut by the front at its byte or time bound), and a federated query to a
local port (refused: 403); their answers are counted by status apart. The
normal clients' figures are what the abuse costs the other users.

Usage:
    python benchmarks/load.py [--clients 20] [--seconds 30] [--abusers 5]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from statistics import quantiles


def percentile(values: list[float], p: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return quantiles(values, n=100, method="inclusive")[p - 1]


def client(port: int, queries: list[tuple[str, bytes]], stop_at: float, offset: int,
           results: list, errors: list) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/x-www-form-urlencoded",
               "Accept": "application/sparql-results+json"}
    i = offset
    while time.monotonic() < stop_at:
        name, body = queries[i % len(queries)]
        i += 1
        started = time.perf_counter()
        try:
            conn.request("POST", "/query", body=body, headers=headers)
            answer = conn.getresponse()
            payload = answer.read()
            ok = answer.status == 200 and "results" in json.loads(payload)
            if not ok:
                payload = f"HTTP {answer.status}: ".encode() + payload
        except (OSError, http.client.HTTPException, ValueError) as exc:
            ok, payload = False, str(exc).encode()
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        elapsed = time.perf_counter() - started
        if ok:
            results.append((name, elapsed))
        else:
            errors.append((name, payload[:200], round(elapsed, 2), round(stop_at - time.monotonic(), 1)))
    conn.close()


ABUSES = {
    "huge": ("POST", "/query", b"query=" + b"%23" + b"x" * 5_000_000, "application/x-www-form-urlencoded"),
    "endless": ("GET", "/query?" + urllib.parse.urlencode({"query": "SELECT * { ?a ?b ?c . ?d ?e ?f }"}), b"", ""),
    "service": ("GET", "/query?" + urllib.parse.urlencode(
        {"query": "SELECT * { SERVICE <http://127.0.0.1:22/x> { ?s ?p ?o } }"}), b"", ""),
}


def abuser(port: int, stop_at: float, offset: int, outcomes: dict, lock: threading.Lock) -> None:
    """Send the abusive requests in turn until ``stop_at``; count each answer's status (or how it broke)."""
    names = sorted(ABUSES)
    i = offset
    while time.monotonic() < stop_at:
        name = names[i % len(names)]
        i += 1
        method, path, body, ctype = ABUSES[name]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        started = time.perf_counter()
        try:
            conn.request(method, path, body=body or None,
                         headers={"Content-Type": ctype, "Accept": "text/csv"} if ctype else {"Accept": "text/csv"})
            answer = conn.getresponse()
            size = 0
            while chunk := answer.read(1 << 20):
                size += len(chunk)
            outcome = f"HTTP {answer.status}"
        except (OSError, http.client.HTTPException) as exc:
            outcome, size = f"cut ({type(exc).__name__})", 0
        finally:
            conn.close()
        with lock:
            row = outcomes.setdefault(name, {})
            entry = row.setdefault(outcome, {"count": 0, "max_s": 0.0})
            entry["count"] += 1
            entry["max_s"] = round(max(entry["max_s"], time.perf_counter() - started), 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--abusers", type=int, default=0, help="clients sending abusive requests as well")
    args = parser.parse_args()

    from rolegraph.builds import build
    from rolegraph.http.serve import free_port
    from rolegraph.ask.sparql import named_queries
    from rolegraph.ask.graph import sparql_prefixes

    head = sparql_prefixes()
    queries = [(name, urllib.parse.urlencode({"query": head + q.text}).encode())
               for name, q in named_queries().items()]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "build"
        build(out, formats=("nquads",))
        port = free_port()
        rolegraph = Path(sys.executable).parent / "rolegraph"
        server = subprocess.Popen([str(rolegraph), "serve", "-o", str(out), "--port", str(port)],
                                  stdout=subprocess.PIPE, text=True)
        try:
            line = server.stdout.readline()  # "Serving ... at URL" once it answers
            if "Serving" not in line:
                raise SystemExit(f"rolegraph serve did not start: {line!r}")
            results: list[tuple[str, float]] = []
            errors: list = []
            stop_at = time.monotonic() + args.seconds
            threads = [threading.Thread(target=client, args=(port, queries, stop_at, n, results, errors))
                       for n in range(args.clients)]
            abuse: dict = {}
            lock = threading.Lock()
            threads += [threading.Thread(target=abuser, args=(port, stop_at, n, abuse, lock))
                        for n in range(args.abusers)]
            started = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - started
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(20)

    latencies = [s * 1000 for _, s in results]
    by_query = {}
    for name, _ in queries:
        mine = [s * 1000 for n, s in results if n == name]
        by_query[name] = {"requests": len(mine), "p50_ms": round(percentile(mine, 50), 2),
                          "p99_ms": round(percentile(mine, 99), 2)}
    report = {
        "clients": args.clients, "seconds": round(wall, 1), "requests": len(results),
        "errors": len(errors), "first_errors": [(n, e.decode("utf-8", "replace"), *rest) for n, e, *rest in errors[:3]],
        "throughput_per_s": round(len(results) / wall, 1),
        "p50_ms": round(percentile(latencies, 50), 2), "p99_ms": round(percentile(latencies, 99), 2),
        "cpus": os.cpu_count(), "by_query": by_query,
    }
    if args.abusers:
        report["abusers"] = args.abusers
        report["abuse"] = abuse
    print(json.dumps(report, indent=2))
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
