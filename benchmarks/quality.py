"""Extraction quality: P/R/F1 per category on three corpora, and what each component gains.

Usage (from the repository root, with ../shared present):
    python benchmarks/quality.py [--ablations] [--markdown]

Corpora: the five source documents (../shared/seeds, gold in ../shared/eval/gold),
the project's own test documents (tests/documents, gold in tests/gold) and the
development corpus of 32 real pages (../shared/eval/dev, headers stripped as
run_dev.sh does). Scores come from the project's copy of the scorer
(tests/eval/score.py, the same as ../shared/eval/score.py).

--ablations turns each component off once and scores again, so the gain of
a component is the drop when it is missing.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from tests.eval import score  # noqa: E402

CATEGORIES = score.CATEGORIES


def _corpora(tmp: Path) -> dict[str, tuple[Path, Path]]:
    out = {"source documents": (SHARED / "seeds", SHARED / "eval" / "gold"),
           "own test documents": (ROOT / "tests" / "documents", ROOT / "tests" / "gold")}
    dev = SHARED / "eval" / "dev"
    docs = tmp / "dev"
    docs.mkdir()
    for f in sorted((dev / "docs").glob("*.txt")):
        lines = f.read_text(encoding="utf-8").splitlines(keepends=True)
        (docs / f.name).write_text("".join(lines[3:]), encoding="utf-8")
    out["development corpus"] = (docs, dev / "gold")
    return out


def evaluate(corpora) -> dict[str, dict[str, tuple[float, float, float]]]:
    from rolegraph.extract import Extractor
    from rolegraph.extract.report import to_json
    from rolegraph.sources import find_documents

    ex = Extractor()
    out = {}
    for name, (docs, gold_dir) in corpora.items():
        found, _errors = find_documents([docs])
        system = {Path(d["doc"]).name: d for d in (to_json(ex.extract_path(p), ex.lex) for p in found)}
        totals = {c: [0, 0, 0, 0] for c in CATEGORIES}
        for gold_file in sorted(gold_dir.glob("*.json")):
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            result = score.score_doc(gold, system.get(gold["doc"], {}))
            for c in CATEGORIES:
                row = result[c] if len(result[c]) == 4 else (*result[c], result[c][0])
                for k in range(4):
                    totals[c][k] += row[k]
        out[name] = {c: score.prf(*totals[c]) for c in CATEGORIES}
    return out


# --- components, each turned off by a patch ------------------------------------------------


@contextlib.contextmanager
def _patched(obj, name, value):
    old = getattr(obj, name)
    setattr(obj, name, value)
    try:
        yield
    finally:
        setattr(obj, name, old)


def _no_new_titles():
    from rolegraph.extract.roles import RoleFinder
    return _patched(RoleFinder, "candidates", lambda self, an, hits: [])


def _no_variants():
    from rolegraph.extract import variants
    stack = contextlib.ExitStack()
    stack.enter_context(_patched(variants, "extend", lambda finder, an, hits: hits))
    stack.enter_context(_patched(variants, "alternatives", lambda finder, an, hits: []))
    stack.enter_context(_patched(variants, "coordinated", lambda finder, an, hits: []))
    stack.enter_context(_patched(variants, "ladder", lambda finder, an, hits, subject: []))
    return stack


def _no_glossary():
    from rolegraph.extract import english
    stack = contextlib.ExitStack()
    stack.enter_context(_patched(english.English, "phrase", lambda self, words: None))
    stack.enter_context(_patched(english.English, "gloss", lambda self, text: (text, 0.0)))
    return stack


def _no_ladders():
    from rolegraph.extract import ladders
    stack = contextlib.ExitStack()
    stack.enter_context(_patched(ladders, "ladder_tables", lambda an, hits, progression: iter(())))
    stack.enter_context(_patched(ladders, "listed_progressions", lambda an, unit, uhits, p: iter(())))
    stack.enter_context(_patched(ladders, "from_to", lambda an, unit, uhits: iter(())))
    stack.enter_context(_patched(ladders, "career_story", lambda an, hits, cues: []))
    return stack


def _no_duties():
    from rolegraph.extract.duties import Duties
    stack = contextlib.ExitStack()
    stack.enter_context(_patched(Duties, "predicate_start", lambda self, an, unit, hits: None))
    stack.enter_context(_patched(Duties, "gerund_subject", lambda self, an, unit: None))
    stack.enter_context(_patched(Duties, "list_kind", lambda self, an, units: None))
    stack.enter_context(_patched(Duties, "lead_in_end", lambda self, an, start, end: start))
    return stack


def _no_structure():
    from rolegraph.sources import blocks
    stack = contextlib.ExitStack()
    stack.enter_context(_patched(blocks, "_unbulleted_lists", lambda text, found: None))
    stack.enter_context(_patched(blocks, "_continues", lambda text, found, start, line, indent: False))
    return stack


def _no_taxonomies():
    from rolegraph import extract
    from rolegraph.knowledge.lexicon import load_lexicon
    curated = load_lexicon(reference=False)
    return _patched(extract, "load_lexicon", lambda: curated)


ABLATIONS = {
    "titles the lexicon lacks (grammar of titles)": _no_new_titles,
    "titles built on known ones (seniority, narrower, slashes, ladders)": _no_variants,
    "French→English glossary": _no_glossary,
    "ladder tables, listed progressions, from–to, career stories": _no_ladders,
    "duties and lists read from their wording": _no_duties,
    "wrapped lines joined, lists without bullets": _no_structure,
    "ESCO and O*NET in the lexicon (curated lexicon alone)": _no_taxonomies,
}


def _markdown(results: dict) -> str:
    lines = []
    for corpus, cats in results.items():
        lines.append(f"| {corpus} | " + " | ".join(
            f"{cats[c][0]:.2f} / {cats[c][1]:.2f} / **{cats[c][2]:.2f}**" for c in CATEGORIES) + " |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ablations", action="store_true")
    ap.add_argument("--markdown", action="store_true", help="print Markdown tables instead of JSON")
    args = ap.parse_args(argv)
    if not (SHARED / "eval" / "dev").is_dir():
        sys.exit("../shared/eval/dev is not present: the corpora are needed")
    with tempfile.TemporaryDirectory() as tmp:
        corpora = _corpora(Path(tmp))
        full = evaluate(corpora)
        report = {"full": full}
        if args.ablations:
            for name, make in ABLATIONS.items():
                with make():
                    report[name] = evaluate(corpora)
    if not args.markdown:
        print(json.dumps({k: {c: {cat: [round(x, 3) for x in v] for cat, v in cats.items()}
                              for c, cats in r.items()} for k, r in report.items()}, indent=1))
        return 0
    header = "| corpus | " + " | ".join(CATEGORIES) + " |\n|---|" + "---|" * len(CATEGORIES)
    print("P / R / F1\n\n" + header + "\n" + _markdown(full))
    if args.ablations:
        print("\nF1 with one component off (change against the full extractor)\n")
        print("| turned off | corpus | " + " | ".join(CATEGORIES) + " |\n|---|---|" + "---|" * len(CATEGORIES))
        for name, r in report.items():
            if name == "full":
                continue
            for corpus, cats in r.items():
                cells = [f"{cats[c][2]:.2f} ({cats[c][2] - full[corpus][c][2]:+.2f})" for c in CATEGORIES]
                print(f"| {name} | {corpus} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
