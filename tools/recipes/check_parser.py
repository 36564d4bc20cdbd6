#!/usr/bin/env python3
"""Measure the ingredient-line parser against labelled lines (run by hand, not shipped data).

usage: python3 tools/recipes/check_parser.py ANNOTATIONS_DIR

Reads every *.csv.xz there (columns input, name, quantity, unit, ...; fractions encoded as
"#1$2"; several space-separated values for dual units).  The annotation files are only read,
never copied: their sentences come from commercial sites.

Only rows with a labelled name are scored (the rest of each file is unannotated).
Scoring (first value only, since the parser keeps the first of dual units):
  quantity: the parser's first quantity equals the first labelled quantity (ranges "2-3" are
            compared as both ends; a missing label must be a missing parse).
  unit:     the parser's canonical unit equals the canonical form of the first labelled unit
            (size words like "small"/"heaped" before the unit are ignored; no label = no unit,
            where size words parsed as size, e.g. "large", count as no unit).
"""
import csv
import io
import lzma
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingredient_parser import parse_line, _unit_lookup, UNIT_MODIFIERS  # noqa: E402


def parse_label_quantity(q: str):
    q = q.strip()
    if not q:
        return None
    first = q.split()[0]
    rng = first.split("-")

    def val(x):
        m = re.fullmatch(r"(\d*)#(\d+)\$(\d+)", x)
        if m:
            whole = int(m.group(1)) if m.group(1) else 0
            return whole + int(m.group(2)) / int(m.group(3))
        try:
            return float(x)
        except ValueError:
            return None
    vals = [val(x) for x in rng if x]
    if not vals or any(v is None for v in vals):
        return "unparsable"
    return tuple(vals)


def canon_unit(u: str):
    u = u.strip().lower()
    if not u:
        return None
    toks = u.split()
    while toks and toks[0] in UNIT_MODIFIERS + ["thumb-sized", "walnut-sized"]:
        toks = toks[1:]
    if not toks:
        return None
    if toks[0] in ("fl", "fluid") and len(toks) > 1:
        return "fl oz"
    w = toks[0]
    return _unit_lookup.get(w, _unit_lookup.get(w.rstrip("s"), w))


def main():
    d = Path(sys.argv[1]) if len(sys.argv) > 1 else sys.exit(__doc__)
    files = sorted(d.glob("*.csv.xz"))
    if not files:
        sys.exit(f"no *.csv.xz in {d}")
    tq = tu = tb = tn = 0
    skipped = 0
    for f in files:
        nq = nu = nb = n = 0
        with lzma.open(f, "rt", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                text = row["input"]
                if not text or not text.strip() or not row["name"].strip():
                    continue  # rows without any label are unannotated
                lq = parse_label_quantity(row["quantity"])
                if lq == "unparsable":
                    skipped += 1  # labels such as "2x" (multiplier) have no single number to compare
                    continue
                lu = canon_unit(row["unit"])
                p = parse_line(text)
                if p.qty is None:
                    pq = None
                elif p.qty_high is not None:
                    pq = (p.qty, p.qty_high)
                else:
                    pq = (p.qty,)
                ok_q = (pq is None and lq is None) or (
                    pq is not None and lq is not None and len(pq) == len(lq)
                    and all(abs(a - b) < 1e-6 for a, b in zip(pq, lq)))
                ok_u = (p.unit or None) == lu
                n += 1
                nq += ok_q
                nu += ok_u
                nb += ok_q and ok_u
        print(f"{f.name}: {n} lines  quantity {100*nq/n:.1f}%  unit {100*nu/n:.1f}%  both {100*nb/n:.1f}%")
        tq += nq; tu += nu; tb += nb; tn += n
    print(f"ALL: {tn} lines  quantity {100*tq/tn:.1f}%  unit {100*tu/tn:.1f}%  both {100*tb/tn:.1f}%"
          f"  ({skipped} labelled lines with a non-numeric quantity label left out)")


if __name__ == "__main__":
    main()
