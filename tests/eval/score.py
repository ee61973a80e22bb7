# Copy of ../shared/eval/score.py (the project-wide scorer), kept so the score tests run
# on a clone without ../shared. Update it from there; do not edit it here.
"""Score extracted facts against hand-written gold annotations.

Usage:
    score.py SYSTEM.json GOLD_DIR [--by-doc] [--json]

SYSTEM.json is what `rolegraph extract ... --json` prints: a JSON array with
one object per document (see README.md beside this file). GOLD_DIR holds one
gold JSON file per document, named after the document. Only documents that
have a gold file are scored. Standard library only.
"""
from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import unicodedata
from pathlib import Path

CATEGORIES = ("roles", "transitions", "salaries", "skills", "missions")
STOP = set("""a an the of and or to in on for with by from at as its their his her
its our your be is are de la le les des du et en d l un une pour sur au aux
that this these those into onto than then""".split())


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", " ", text.lower())
    return " ".join(text.split())


def stem(word: str) -> str:
    for suffix in ("ations", "ation", "ings", "ing", "ies", "es", "ed", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_tokens(text: str) -> set[str]:
    return {stem(w) for w in norm(text).split() if w not in STOP}


def label_of(item) -> str:
    if isinstance(item, dict):
        return str(item.get("label") or item.get("name") or "")
    return str(item)


def names_of(item) -> set[str]:
    """The normalized label and aliases under which a system item may match."""
    names = {norm(label_of(item))}
    if isinstance(item, dict):
        names |= {norm(a) for a in item.get("aliases", []) or []}
    return {n for n in names if n}


def role_matches(gold_name: str, names: set[str]) -> bool:
    g = norm(gold_name)
    if g in names:
        return True
    return any(difflib.SequenceMatcher(None, g, n).ratio() >= 0.92 for n in names)


def soft_similarity(a: str, b: str) -> float:
    ta, tb = content_tokens(a), content_tokens(b)
    jacc = len(ta & tb) / len(ta | tb) if ta | tb else 0.0
    ratio = difflib.SequenceMatcher(None, norm(a), norm(b)).ratio()
    return max(jacc, ratio)


def greedy_match(gold: list, system: list, similar) -> int:
    """Count one-to-one matches, best pairs first."""
    pairs = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            score = similar(g, s)
            if score:
                pairs.append((score, i, j))
    pairs.sort(reverse=True)
    used_g, used_s, hits = set(), set(), 0
    for _, i, j in pairs:
        if i not in used_g and j not in used_s:
            used_g.add(i)
            used_s.add(j)
            hits += 1
    return hits


def score_doc(gold: dict, system: dict) -> dict:
    sys_roles = system.get("roles", []) or []
    role_names = {norm(label_of(r)): names_of(r) for r in sys_roles}

    def resolve(label: str) -> set[str]:
        return role_names.get(norm(label), {norm(label)})

    result = {}

    # roles: exact on label or alias (near-exact allowed). Several names the text
    # gives for one role may all be found through that role's aliases: recall counts
    # gold names found, precision counts system roles that match some gold name.
    found = sum(1 for g in gold["roles"] if any(role_matches(g, names_of(s)) for s in sys_roles))
    right = sum(1 for s in sys_roles if any(role_matches(g, names_of(s)) for g in gold["roles"]))
    result["roles"] = (found, len(gold["roles"]), len(sys_roles), right)

    # transitions: both ends must match, direction matters
    sys_tr = []
    for t in system.get("transitions", []) or []:
        if isinstance(t, dict):
            sys_tr.append((label_of(t.get("from", "")), label_of(t.get("to", ""))))
        else:
            sys_tr.append((label_of(t[0]), label_of(t[1])))
    gold_tr = [tuple(t) for t in gold["transitions"]]
    hits = greedy_match(gold_tr, sys_tr, lambda g, s: 1.0 if (
        role_matches(g[0], resolve(s[0])) and role_matches(g[1], resolve(s[1]))) else 0.0)
    result["transitions"] = (hits, len(gold_tr), len(sys_tr))

    # salaries: same bounds and currency (a single figure may be given as min only)
    def same_salary(g, s):
        if not isinstance(s, dict):
            return 0.0
        if str(s.get("currency", "")).upper() != g["currency"]:
            return 0.0
        if s.get("period") and str(s["period"]).lower() != g.get("period", "year"):
            return 0.0
        g_lo, g_hi = g["min"], g["max"] if g["max"] is not None else g["min"]
        s_lo = s.get("min")
        s_hi = s.get("max") if s.get("max") is not None else s_lo
        if g["max"] is None:
            return 1.0 if s_lo == g_lo else 0.0
        return 1.0 if (s_lo, s_hi) == (g_lo, g_hi) else 0.0
    sys_sal = system.get("salaries", []) or []
    hits = greedy_match(gold["salaries"], sys_sal, same_salary)
    result["salaries"] = (hits, len(gold["salaries"]), len(sys_sal))

    # skills and missions: soft match on content words
    for cat, threshold in (("skills", 0.5), ("missions", 0.45)):
        sys_items = [label_of(x) for x in system.get(cat, []) or []]
        hits = greedy_match(gold[cat], sys_items, lambda g, s: (
            soft_similarity(g, s) if soft_similarity(g, s) >= threshold else 0.0))
        result[cat] = (hits, len(gold[cat]), len(sys_items))
    return result


def prf(hits: int, n_gold: int, n_sys: int, right: int | None = None) -> tuple[float, float, float]:
    right = hits if right is None else right
    p = right / n_sys if n_sys else (1.0 if not n_gold else 0.0)
    r = hits / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def load_system(path: Path) -> dict[str, dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict) and "documents" in data:
        data = data["documents"]
    if isinstance(data, dict):
        data = [data]
    return {Path(str(d.get("doc", ""))).name: d for d in data}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("system", type=Path)
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("--by-doc", action="store_true", help="print a row per document")
    ap.add_argument("--json", action="store_true", help="print the totals as JSON")
    args = ap.parse_args(argv)

    system = load_system(args.system)
    totals = {c: [0, 0, 0, 0] for c in CATEGORIES}
    missing = []
    for gold_file in sorted(args.gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        doc = gold["doc"]
        sys_doc = system.get(doc)
        if sys_doc is None:
            missing.append(doc)
            sys_doc = {}
        res = score_doc(gold, sys_doc)
        for c in CATEGORIES:
            row = res[c] if len(res[c]) == 4 else (*res[c], res[c][0])
            for k in range(4):
                totals[c][k] += row[k]
        if args.by_doc:
            cells = " ".join(f"{c}={prf(*res[c])[2]:.2f}" for c in CATEGORIES)
            print(f"{doc:40s} {cells}")
    if missing:
        print(f"no output for: {', '.join(missing)}", file=sys.stderr)
    summary = {}
    print(f"{'category':12s} {'gold':>5s} {'found':>5s} {'hit':>5s} {'P':>5s} {'R':>5s} {'F1':>5s}")
    for c in CATEGORIES:
        hits, n_gold, n_sys, right = totals[c]
        p, r, f = prf(hits, n_gold, n_sys, right)
        summary[c] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}
        print(f"{c:12s} {n_gold:5d} {n_sys:5d} {hits:5d} {p:5.2f} {r:5.2f} {f:5.2f}")
    if args.json:
        print(json.dumps(summary))
    print(" ".join(f"{c}_f1={summary[c]['f1']:.2f}" for c in CATEGORIES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
