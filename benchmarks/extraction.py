"""Extraction throughput on a generated corpus, and spaCy's fr_core_news_sm on the same text.

Usage:
    python benchmarks/extraction.py [--mb 10] [--spacy PYTHON]

The corpus is the project's own test documents (tests/documents), repeated
with small variations until it reaches --mb megabytes. Extraction runs in one
process (the figure is per core). With --spacy, the given Python interpreter
(one with spacy and fr-core-news-sm installed) times ``nlp.pipe`` on the same
texts, as the reference a user might otherwise reach for.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rolegraph.extract import Extractor
from rolegraph.sources import SourceDoc, parse_text, read_document

HERE = Path(__file__).resolve().parent
DOCS = HERE.parent / "tests" / "documents"


def corpus(megabytes: float) -> list[SourceDoc]:
    base = [read_document(p) for p in sorted(DOCS.iterdir())]
    out, size, n = [], 0, 0
    while size < megabytes * 1_000_000:
        d = base[n % len(base)]
        text = d.text.replace("5 years", f"{n % 9 + 2} years").replace("Paris", ["Paris", "Lyon", "Nantes"][n % 3])
        out.append(SourceDoc(f"{n}-{d.name}", text, d.language, parse_text(text)))
        size += len(text.encode("utf-8"))
        n += 1
    return out


SPACY_SCRIPT = """
import json, sys, time, spacy
texts = json.load(open(sys.argv[1]))
nlp = spacy.load("fr_core_news_sm")
t = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=64):
    pass
print(time.perf_counter() - t)
"""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--spacy", help="a Python interpreter with spacy and fr-core-news-sm")
    args = ap.parse_args(argv)
    docs = corpus(args.mb)
    total = sum(len(d.text.encode("utf-8")) for d in docs)
    ex = Extractor()
    ex.extract(docs[0])  # warm caches (lemmas, cue files)
    t = time.perf_counter()
    facts = 0
    for d in docs:
        f = ex.extract(d).facts
        facts += sum(1 for _ in f.spans())
    elapsed = time.perf_counter() - t
    result = {"documents": len(docs), "megabytes": round(total / 1e6, 2),
              "seconds": round(elapsed, 2), "mb_per_s_per_core": round(total / 1e6 / elapsed, 2),
              "facts": facts}
    if args.spacy:
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
            json.dump([d.text for d in docs], fh)
        out = subprocess.run([args.spacy, "-c", SPACY_SCRIPT, fh.name], capture_output=True, text=True)
        if out.returncode == 0:
            sp = float(out.stdout.strip().splitlines()[-1])
            result["spacy_fr_core_news_sm_seconds"] = round(sp, 2)
            result["spacy_mb_per_s"] = round(total / 1e6 / sp, 2)
        else:
            result["spacy_error"] = out.stderr.strip().splitlines()[-1:]
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
