"""SR28 food table access for the recipe pipeline: foods, household measures, food matching
and unit -> gram conversion.  Standard library only."""
from __future__ import annotations

import csv
import re
from pathlib import Path

from ingredient_parser import food_key

ROOT = Path(__file__).resolve().parents[2]
SR28_DIR = ROOT / "data" / "sr28"

ML = {"ml": 1.0, "cl": 10.0, "dl": 100.0, "l": 1000.0, "fl oz": 29.5735, "cup": 236.588,
      "tbsp": 14.787, "tsp": 4.929, "pint": 473.176, "quart": 946.353, "gallon": 3785.41}
GRAMS = {"g": 1.0, "kg": 1000.0, "mg": 0.001, "oz": 28.3495, "lb": 453.592}

# Volume units without an SR28 measure for the food: grams per ml by food group
# (documented in data/recipes/README.md).  Default 1.0 (water-like liquids).
DENSITY_BY_GROUP = {"0200": 0.5, "2000": 0.8, "1200": 0.6, "1100": 0.6, "0900": 0.7,
                    "1600": 0.8, "1900": 1.3, "0800": 0.4, "1800": 0.4}

# Fixed weights for units that SR28 measures rarely cover (documented in README).
UNIT_DEFAULT_G = {"pinch": 0.4, "dash": 0.8, "splash": 10.0, "handful": 30.0, "bunch": 50.0, "sprig": 1.0,
                  "leaf": 0.5, "slice": 30.0, "can": 400.0, "jar": 350.0, "bottle": 500.0,
                  "package": 400.0, "sheet": 250.0, "fillet": 150.0, "loaf": 500.0, "ear": 100.0,
                  "stalk": 40.0, "head": 500.0, "clove": 3.0, "cm": 5.0, "spear": 20.0,
                  "wedge": 10.0, "stick": 113.0, "piece": 50.0}

RAW_HINTS = ("raw", "fresh", "dry", "dried", "uncooked", "plain")
STOP = {"fresh", "chopped", "minced", "diced", "sliced", "large", "small", "medium", "finely",
        "grated", "shredded", "dry", "whole", "raw", "of", "the", "a", "an", "and", "or", "with",
        "organic", "good", "quality", "best", "can", "cans", "tin", "tins", "jar", "package",
        "pack", "frozen", "thawed", "cooked", "leftover", "some", "any", "your", "favorite",
        "favourite", "preferred", "choice", "homemade", "store", "bought", "free-range",
        "boneless", "skinless", "lean", "extra", "virgin", "to", "taste", "optional", "for",
        "about", "approx", "roughly", "thinly", "thickly", "crushed", "peeled", "halved",
        "quartered", "cubed", "cut", "into", "pieces", "bite", "sized", "big", "few", "handful",
        "bunch", "pinch", "little", "bit", "more", "tbsp", "tsp", "cup", "cups", "ground",
        "cold", "warm", "hot", "melted", "softened", "room", "temperature", "beaten", "packed",
        "in", "on", "is", "not", "i", "use", "used", "like", "such", "as", "e", "g", "eg",
        "real", "pure", "natural", "plain", "mild", "strong", "dark", "light"}


def singular(w: str) -> str:
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith("oes"):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def tokens(s: str) -> list[str]:
    return [singular(w) for w in re.findall(r"[a-z]+", s.lower()) if w not in STOP and len(w) > 1]


class SR28:
    def __init__(self):
        self.foods = {}
        with open(SR28_DIR / "foods.csv", newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                self.foods[r["ndb_no"]] = r
        self.measures: dict[str, list[tuple[float, str, float]]] = {}
        with open(SR28_DIR / "household_measures.csv", newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                self.measures.setdefault(r["ndb_no"], []).append(
                    (float(r["amount"]), r["measure_desc"], float(r["gram_weight"])))
        self.nutr = {}
        with open(SR28_DIR / "nutrients_per_100g.csv", newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                def fl(k):
                    try:
                        return float(r[k])
                    except (ValueError, KeyError):
                        return 0.0
                self.nutr[r["ndb_no"]] = {"kcal": fl("enerc_kcal_kcal"), "na": fl("na_mg"),
                                          "fat": fl("fat_g"), "prot": fl("procnt_g")}
        self.aliases: dict[str, str] = {}
        self.each_g: dict[str, float] = {}  # grams per whole item where SR28 has no count measure
        self._tok_index = None

    def load_aliases(self, path: Path):
        with open(path, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                k = food_key(r["phrase"])
                if r["ndb"] not in self.foods:
                    raise SystemExit(f"food_aliases.csv: {r['phrase']}: NDB {r['ndb']} not in foods.csv")
                if k in self.aliases:
                    raise SystemExit(f"food_aliases.csv: duplicate phrase {r['phrase']}")
                self.aliases[k] = r["ndb"]
                if r.get("each_g"):
                    self.each_g[r["ndb"]] = float(r["each_g"])

    def desc(self, ndb: str) -> str:
        return self.foods[ndb]["long_desc"]

    def group(self, ndb: str) -> str:
        return self.foods[ndb]["food_group_code"]

    # ---------------- matching -----------------
    def match(self, phrase: str):
        """Return (ndb, score, method) for a food phrase, or (None, 0, 'none')."""
        key = food_key(phrase)
        # alternatives: "lard or butter" -> the first, "sea salt/kosher salt" -> the first
        alts = [a.strip() for a in re.split(r"\bor\b|/|\band/or\b", key) if a.strip()]
        key = re.sub(r"\b(in|with) (oil|olive oil|water|brine|adobo sauce|adobo|syrup|juice|tomato juice)\b.*$", "", key).strip()
        key = re.sub(r"\bper (person|serving|chicken breast|portion)\b.*$", "", key).strip() or key
        if key in self.aliases:
            return self.aliases[key], 1.0, "alias"
        alts = [a.strip() for a in re.split(r"\bor\b|/|\band/or\b", key) if a.strip()]
        has_alts = len(alts) > 1
        sub = self._substring(key, leftmost=has_alts)
        if sub and (sub[0] >= 2 or not has_alts):
            return sub[1], round(0.6 + 0.4 * sub[0] / max(len(key.split()), 1), 2), "alias-substring"
        if has_alts:
            if alts[0] in self.aliases:
                return self.aliases[alts[0]], 0.9, "alias (first alternative)"
            sub0 = self._substring(alts[0], leftmost=False)
            if sub0:
                return sub0[1], 0.8, "alias-substring (first alternative)"
        if sub:
            return sub[1], round(0.6 + 0.4 * sub[0] / max(len(key.split()), 1), 2), "alias-substring"
        return self.fallback(alts[0] if alts else key)

    def _substring(self, cand: str, leftmost: bool):
        """Longest alias phrase contained in cand as whole words -> (n_words, ndb) or None."""
        words = cand.split()
        sing = [singular(w) for w in words]
        for n in range(len(words), 0, -1):
            hits = []
            for i in range(len(words) - n + 1):
                for seq in (words[i:i + n], sing[i:i + n]):
                    sub = " ".join(seq)
                    if sub in self.aliases:
                        hits.append((i, self.aliases[sub]))
                        break
            if hits:
                return n, (hits[0] if leftmost else hits[-1])[1]
        return None

    def _index(self):
        idx = {}
        for ndb, r in self.foods.items():
            g = r["food_group_code"]
            if g in ("0300", "2100", "3600", "3500", "2200", "0600") and not ndb.startswith("061"):
                continue
            toks = set(tokens(r["long_desc"]))
            for t in toks:
                idx.setdefault(t, []).append(ndb)
        self._tok_index = idx

    def fallback(self, phrase: str):
        if self._tok_index is None:
            self._index()
        pt = tokens(phrase)
        if not pt:
            return None, 0.0, "none"
        cands = set()
        for t in pt:
            cands.update(self._tok_index.get(t, []))
        best = None
        for ndb in cands:
            d = self.foods[ndb]["long_desc"]
            dt = tokens(d)
            first = tokens(d.split(",")[0])
            ov = sum(1 for t in set(pt) if t in dt)
            score = ov / len(set(pt))
            score += 0.15 * sum(1 for t in set(pt) if t in first) / len(set(pt))
            dl = d.lower()
            if "raw" in dl:
                score += 0.05
            if any(ch.isupper() for ch in re.sub(r"[^A-Za-z]", "", d[1:]).replace("NFS", "")) and \
                    re.search(r"[A-Z]{3,}", d):
                score -= 0.2  # brand names
            score -= 0.01 * max(0, len(dt) - len(pt))
            key = (round(score, 4), -len(d), ndb)
            if best is None or key > best[0]:
                best = (key, ndb)
        if best is None:
            return None, 0.0, "none"
        sc = best[0][0]
        return best[1], round(min(sc, 1.0), 2), "fallback"

    # ---------------- grams -----------------
    def _pick(self, ndb, pred, prefer=()):
        ms = [m for m in self.measures.get(ndb, []) if pred(m[1].lower())]
        if "whipped" not in prefer:
            ms = [m for m in ms if not re.match(r"^\w+,? whipped", m[1].lower())] or ms
        if not ms:
            return None
        for p in prefer:
            for m in ms:
                if p in m[1].lower():
                    return m
        return ms[0]

    def grams(self, ndb: str, qty: float, unit: str | None, size: str | None, prep: str, phrase: str = ""):
        """Convert an amount to grams.  Returns (grams, how) or (None, reason)."""
        prefer = tuple(w for w in (prep or "").split() if w)
        if unit in GRAMS:
            return qty * GRAMS[unit], "weight"
        if unit in ML:
            ml = qty * ML[unit]
            m = self._pick(ndb, lambda d: re.match(r"cups?\b", d) is not None, prefer)
            if m:
                return ml * m[2] / (m[0] * ML["cup"]), f"measure '{m[1]}'"
            m = self._pick(ndb, lambda d: re.match(r"(tbsp|tablespoons?)\b", d) is not None, prefer)
            if m:
                return ml * m[2] / (m[0] * ML["tbsp"]), f"measure '{m[1]}'"
            m = self._pick(ndb, lambda d: re.match(r"(tsp|teaspoons?)\b", d) is not None, prefer)
            if m:
                return ml * m[2] / (m[0] * ML["tsp"]), f"measure '{m[1]}'"
            m = self._pick(ndb, lambda d: re.match(r"fl oz\b", d) is not None)
            if m:
                return ml * m[2] / (m[0] * ML["fl oz"]), f"measure '{m[1]}'"
            m = self._pick(ndb, lambda d: re.match(r"(milliliters?|ml)\b", d) is not None)
            if m:
                return ml * m[2] / m[0], f"measure '{m[1]}'"
            dens = DENSITY_BY_GROUP.get(self.group(ndb), 1.0)
            return ml * dens, f"density {dens} g/ml"
        if unit in ("clove", "slice", "stick", "head", "leaf", "sprig", "stalk", "can", "jar",
                    "package", "bottle", "sheet", "fillet", "loaf", "ear", "spear", "wedge"):
            names = {"clove": r"cloves?\b", "slice": r"slices?\b|.*\bslice\b", "stick": r"sticks?\b",
                     "head": r"heads?\b|.*\bhead\b|bulb", "leaf": r"leaf|leaves|.*\bleaf\b",
                     "sprig": r"sprigs?\b", "stalk": r"stalks?\b|.*\bstalk\b", "can": r"cans?\b|.*\bcan\b",
                     "jar": r"jars?\b", "package": r"(package|packet|pkg|bag|box)", "bottle": r"bottle",
                     "sheet": r"sheets?\b", "fillet": r"fillets?\b|.*\bfillet\b", "loaf": r"loaf",
                     "ear": r"ears?\b|.*\bear\b", "spear": r"spears?\b|.*\bspear\b",
                     "wedge": r"wedges?\b"}[unit]
            m = self._pick(ndb, lambda d: re.match(names, d) is not None, (size or "medium",) + prefer)
            if m:
                return qty * m[2] / m[0], f"measure '{m[1]}'"
            g = UNIT_DEFAULT_G[unit]
            if unit == "package" and self.group(ndb) in ("0200", "1800", "1900") and ndb != "18337":
                g = 10.0  # sachet of baking powder, yeast, vanilla sugar, spice
            if unit == "stick" and self.group(ndb) == "0200":
                g = 2.6  # cinnamon stick
            if unit == "head" and ndb == "11215":
                g = 40.0  # head of garlic
            if unit == "leaf" and ndb == "02004":
                g = 0.2
            return qty * g, f"default {g} g per {unit}"
        if unit in ("pinch", "dash", "splash", "handful", "bunch", "piece", "cm"):
            if unit == "piece":
                r = self.count_grams(ndb, size)
                if r:
                    return qty * r[0], r[1]
            if unit == "cm" and ndb == "11216":
                return qty * 5.0, "ginger 5 g per cm/inch piece"
            if unit == "bunch":
                m = self._pick(ndb, lambda d: d.startswith("bunch"))
                if m:
                    return qty * m[2] / m[0], f"measure '{m[1]}'"
            if unit == "dash" and self.group(ndb) in ("0600", "0400", "1400", "1600", "0900"):
                return qty * 1.0, "default 1 g per dash (liquid)"
            g = UNIT_DEFAULT_G[unit]
            return qty * g, f"default {g} g per {unit}"
        if unit is None:
            r = self.count_grams(ndb, size, phrase)
            if r:
                return qty * r[0], r[1]
            return None, "no count measure"
        return None, f"unit {unit} not handled"

    def count_grams(self, ndb, size, phrase=""):
        """Weight of one whole item (egg, onion, lemon ...)."""
        if ndb in self.each_g:
            return self.each_g[ndb], f"food_aliases.csv each_g {self.each_g[ndb]} g"
        ms = self.measures.get(ndb, [])
        vol = re.compile(r"^(cups?|tbsp|tsp|tablespoons?|teaspoons?|fl oz|oz|lb|serving|nlea|"
                         r"cubic|quart|pint|package|container|jar|can|bottle|slice|piece|pieces)\b")
        counts = [m for m in ms if not vol.match(m[1].lower())]
        if not counts:
            # "piece" measures as last resort
            counts = [m for m in ms if m[1].lower().startswith(("piece", "fruit"))]
        if not counts:
            return None
        own = set(tokens(self.desc(ndb)))
        words = [w for w in re.findall(r"[a-z]+", phrase.lower()) if len(w) > 3 and singular(w) not in own]
        for w in words:  # "cherry tomatoes" -> measure "cherry", "plum tomatoes" -> "plum tomato"
            for m in counts:
                if re.search(rf"\b{w}", m[1].lower()) and w not in ("whole", "large", "medium", "small"):
                    return m[2] / m[0], f"measure '{m[1]}'"
        want = [size] if size and size not in ("whole", "big") else []
        if size == "big":
            want = ["large"]
        want += ["medium", "large", "whole", "fruit", "item", "unit", "small"]
        for w in want:
            for m in counts:
                if w in m[1].lower():
                    return m[2] / m[0], f"measure '{m[1]}'"
        m = counts[0]
        return m[2] / m[0], f"measure '{m[1]}'"
