"""Rule-based parser for free-text English ingredient lines.

parse_line("1 1/2 cups chopped onion (about 2 medium)") ->
    Parsed(qty=1.5, qty_high=None, unit="cup", size=None, food="onion",
           prep="chopped", comment="about 2 medium", alt=[(2.0, None)], ...)

Standard library only.  Deterministic.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

UNICODE_FRACTIONS = {
    "½": "1/2", "⅓": "1/3", "⅔": "2/3", "¼": "1/4", "¾": "3/4", "⅕": "1/5",
    "⅖": "2/5", "⅗": "3/5", "⅘": "4/5", "⅙": "1/6", "⅚": "5/6", "⅛": "1/8",
    "⅜": "3/8", "⅝": "5/8", "⅞": "7/8", "⅐": "1/7", "⅑": "1/9", "⅒": "1/10",
}

# canonical unit -> spellings (matched case-insensitively unless listed in CASE_SENSITIVE)
UNIT_SPELLINGS = {
    "g": ["g", "gr", "grs", "gram", "grams", "gramme", "grammes", "gms", "gm"],
    "kg": ["kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "kilogramme", "kilogrammes"],
    "mg": ["mg"],
    "oz": ["oz", "ozs", "ounce", "ounces", "oz."],
    "lb": ["lb", "lbs", "pound", "pounds", "lb.", "lbs."],
    "ml": ["ml", "mls", "milliliter", "milliliters", "millilitre", "millilitres", "cc"],
    "cl": ["cl", "centiliter", "centilitre", "centiliters", "centilitres"],
    "dl": ["dl", "deciliter", "decilitre", "deciliters", "decilitres"],
    "l": ["l", "liter", "liters", "litre", "litres", "ltr"],
    "fl oz": ["fl oz", "fl. oz", "fl.oz", "fl. oz.", "floz", "fluid ounce", "fluid ounces", "fl ounce"],
    "cup": ["metric cup", "metric cups", "cup", "cups", "c.", "cp", "cups."],
    "tbsp": ["tb", "spoon", "spoons", "spoonful", "spoonfuls", "tbsp", "tbsps", "tbs", "tbl", "tbls", "tablespoon", "tablespoons", "tblsp", "tbsp.",
             "tbs.", "dessertspoon", "dessertspoons", "dsp", "tablespoonful", "tablespoonfuls"],
    "tsp": ["tsp", "tsps", "teaspoon", "teaspoons", "tsp.", "teaspoonful", "teaspoonfuls"],
    "pint": ["pint", "pints", "pt", "pts"],
    "quart": ["quart", "quarts", "qt", "qts"],
    "gallon": ["gallon", "gallons", "gal"],
    "clove": ["clove", "cloves"],
    "can": ["can", "cans", "tin", "tins"],
    "jar": ["jar", "jars"],
    "bottle": ["bottle", "bottles"],
    "package": ["package", "packages", "packet", "packets", "pack", "packs", "pkg", "sachet", "sachets",
                "bag", "bags", "box", "boxes", "carton", "cartons", "tub", "tubs", "punnet", "punnets"],
    "pinch": ["pinch", "pinches", "pinchs"],
    "dash": ["dash", "dashes", "drop", "drops"],
    "splash": ["splash", "splashes", "drizzle", "glug", "glugs"],
    "handful": ["handful", "handfuls", "fistful"],
    "bunch": ["bunch", "bunches", "bundle"],
    "sprig": ["sprig", "sprigs", "twig", "twigs", "stem", "stems"],
    "slice": ["slice", "slices", "rasher", "rashers"],
    "stick": ["stick", "sticks"],
    "stalk": ["stalk", "stalks", "rib", "ribs"],
    "head": ["head", "heads", "bulb", "bulbs"],
    "piece": ["piece", "pieces", "pc", "pcs", "chunk", "chunks", "knob", "knobs", "cube", "cubes"],
    "leaf": ["leaf", "leaves"],
    "sheet": ["sheet", "sheets"],
    "fillet": ["fillet", "fillets", "filet", "filets"],
    "loaf": ["loaf", "loaves"],
    "ear": ["ear", "ears", "cob", "cobs"],
    "wedge": ["wedge", "wedges"],
    "spear": ["spear", "spears"],
    "cm": ["cm", "inch", "inches", "in"],
}
CASE_SENSITIVE = {"T": "tbsp", "t": "tsp", "Tb": "tbsp", "TB": "tbsp", "TBSP": "tbsp", "TSP": "tsp",
                  "L": "l"}
SIZE_WORDS = ["extra-large", "extra large", "x-large", "large", "medium-sized", "medium sized",
              "medium-large", "medium", "small", "big", "whole", "jumbo", "heaped", "heaping",
              "level", "rounded", "generous", "good", "scant", "thick", "thin", "mini", "baby-sized"]
UNIT_MODIFIERS = ["fat", "heaped", "heaping", "level", "rounded", "generous", "good", "scant", "big",
                  "small", "large", "thick", "thin", "medium", "full", "little", "overflowing"]

_unit_lookup: dict[str, str] = {}
for _canon, _sp in UNIT_SPELLINGS.items():
    for s in _sp:
        _unit_lookup[s.lower()] = _canon
_multiword_units = sorted([s for s in _unit_lookup if " " in s], key=len, reverse=True)

NUM = r"(?:\d+\s*-\s*\d+/\d+|\d+\s+\d+/\d+|\d+/\d+|\d+(?:[.,]\d+)?|\.\d+)"
RANGE = rf"(?P<q1>{NUM})(?:\s*(?:-|–|—|to|or)\s*(?P<q2>{NUM}))?"

PREP_WORDS = {
    "chopped", "finely", "roughly", "coarsely", "minced", "diced", "sliced", "thinly", "thickly",
    "grated", "shredded", "crushed", "peeled", "cubed", "halved", "quartered", "trimmed", "rinsed",
    "drained", "beaten", "melted", "softened", "sifted", "cooked", "uncooked", "chilled", "cold",
    "warm", "hot", "room", "temperature", "juiced", "zested", "seeded", "deseeded", "cored",
    "pitted", "mashed", "julienned", "torn", "crumbled", "toasted", "roasted", "ground", "freshly",
    "fresh", "frozen", "thawed", "defrosted", "washed", "cleaned", "cut", "into", "pieces",
    "separated", "divided", "optional", "packed", "loosely", "firmly", "lightly", "well", "very",
    "soaked", "boiled", "steamed", "smashed", "squeezed", "picked", "stemmed", "dried", "plus",
    "extra", "for", "to", "serve", "serving", "garnish", "taste", "about", "approximately", "approx",
    "roughly", "bite-sized", "bite", "sized", "size", "inch", "cubes", "strips", "rings", "wedges",
    "crosswise", "lengthwise", "and", "or", "the", "a", "an", "of", "as", "needed", "your", "choice",
    "preferably", "such", "like", "some", "few", "more", "less", "if", "you", "want", "good",
    "quality", "homemade", "store-bought", "storebought", "bought", "store", "at",
}


@dataclass
class Parsed:
    raw: str
    qty: float | None = None
    qty_high: float | None = None
    unit: str | None = None
    unit_mod: str | None = None
    size: str | None = None
    food: str = ""
    prep: str = ""
    comment: str = ""
    optional: bool = False
    to_taste: bool = False
    metric: list = field(default_factory=list)  # (qty, unit) weight/volume alternatives found in parentheses

    def amount(self) -> float | None:
        if self.qty is None:
            return None
        if self.qty_high is not None:
            return (self.qty + self.qty_high) / 2.0
        return self.qty


def _num(s: str) -> float:
    s = s.strip().replace(",", ".")
    m = re.fullmatch(r"(\d+)\s*-\s*(\d+)/(\d+)", s)  # 1-1/4
    if m:
        return int(m.group(1)) + int(m.group(2)) / int(m.group(3))
    m = re.fullmatch(r"(\d+)\s+(\d+)/(\d+)", s)
    if m:
        return int(m.group(1)) + int(m.group(2)) / int(m.group(3))
    m = re.fullmatch(r"(\d+)/(\d+)", s)
    if m:
        d = int(m.group(2))
        return int(m.group(1)) / d if d else 0.0
    return float(s)


def normalize(text: str) -> str:
    t = text
    t = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", t)  # markdown links
    t = t.replace("**", "").replace("__", "")
    t = re.sub(r"(?<=[A-Za-z])_(?=[A-Za-z])", " ", t)
    for k, v in UNICODE_FRACTIONS.items():
        t = re.sub(rf"(\d){k}", rf"\1 {v}", t)
        t = t.replace(k, v)
    t = t.replace("⁄", "/").replace("–", "-").replace("—", "-").replace("\u00a0", " ").replace("\t", " ")
    t = re.sub(r"(\d)\s*/\s*(\d)", r"\1/\2", t)
    t = re.sub(r"\s+", " ", t).strip()
    return t


def _match_unit(s: str):
    """Match a unit at the start of s. Returns (canonical, consumed_len, modifier) or None."""
    mod = None
    off = 0
    m = re.match(r"(" + "|".join(UNIT_MODIFIERS) + r")\s+", s, re.I)
    if m:
        mod = m.group(1).lower()
        off = m.end()
    rest = s[off:]
    for mw in _multiword_units:
        if rest.lower().startswith(mw) and (len(rest) == len(mw) or not rest[len(mw)].isalpha()):
            return _unit_lookup[mw], off + len(mw), mod
    m = re.match(r"([A-Za-z]+\.?)", rest)
    if not m:
        return None
    word = m.group(1)
    bare = word.rstrip(".")
    if bare in CASE_SENSITIVE:
        return CASE_SENSITIVE[bare], off + len(word), mod
    for cand in (word.lower(), bare.lower()):
        if cand in _unit_lookup:
            # single-letter l only directly after a number is handled by the caller
            return _unit_lookup[cand], off + len(cand if cand == word.lower() else bare), mod
    return None


_ATTACHED = re.compile(r"^(?P<n>\d+(?:[.,]\d+)?)(?P<u>[A-Za-z]+)\b")


def _take_quantity(s: str):
    """Parse a leading quantity (+ unit) from s. Returns (qty, qty_high, unit, mod, size, rest) or None."""
    s0 = s
    m = re.match(r"^(?:about|approx\.?|approximately|around|roughly|~|ca\.?|circa|up to)\s*", s, re.I)
    if m:
        s = s[m.end():]
    m = re.match(rf"^{RANGE}", s)
    if m:
        q1 = _num(m.group("q1"))
        q2 = _num(m.group("q2")) if m.group("q2") else None
        rest = s[m.end():]
    else:
        m = re.match(r"^(a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a couple of|a few|several|half an?|half)\b\s*", s, re.I)
        if not m:
            return None
        w = m.group(1).lower()
        q1 = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
              "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "a couple of": 2,
              "a few": 3, "several": 3, "half": 0.5, "half a": 0.5, "half an": 0.5}[w]
        q2 = None
        rest = s[m.end():]
        # "a" must be followed by a unit/size word to count as quantity ("a pinch of", "a large onion")
        if w in ("a", "an"):
            u = _match_unit(rest)
            sz = re.match(r"(" + "|".join(SIZE_WORDS) + r")\b", rest, re.I)
            if not u and not sz:
                return (1.0, None, None, None, None, rest.strip(), None)
    # multiplication: "2 x 400g tins"
    mx = re.match(r"^\s*x\s*(\d+(?:[.,]\d+)?)\s*", rest, re.I)
    mult = None
    if mx:
        mult = q1
        q1 = _num(mx.group(1))
        rest = rest[mx.end():]
    unit = mod = size = None
    # "1 15 oz can tomatoes", "2 28-ounce cans": count x package size
    mpk = re.match(rf"^\s*\(?({NUM})\s*-?\s*(oz|ounce|ounces|g|grams|ml|lb|pound)\.?\)?\s*-?\s*(cans?|tins?|jars?|packages?|packets?|bottles?|bags?|boxes?|cartons?)?\b\s*", rest, re.I)
    if mpk and mult is None and (mpk.group(3) or re.match(r"^\s*\d", rest)):
        size_q = _num(mpk.group(1))
        size_u = _unit_lookup.get(mpk.group(2).lower().rstrip("."), "oz")
        unit = _unit_lookup.get((mpk.group(3) or "can").lower(), "can")
        rest = rest[mpk.end():]
        return (q1, q2, unit, None, None, rest.strip(), (size_q, size_u))
    ma = re.match(r"^\s?([A-Za-z]+\.?)(?=$|[\s,;()/.])", rest)
    u = _match_unit(rest.lstrip())
    if u:
        unit, ln, mod = u
        rest = rest.lstrip()[ln:]
    if unit is None:
        sz = re.match(r"\s*(" + "|".join(SIZE_WORDS) + r")\b\s*", rest, re.I)
        if sz:
            size = sz.group(1).lower()
            rest = rest[sz.end():]
            u = _match_unit(rest)
            if u:
                unit, ln, mod2 = u
                rest = rest[ln:]
    # "1 (15 oz) can" -> parenthetical then unit
    mp = re.match(r"^\s*\(([^)]*)\)\s*", rest)
    if mp and unit is None:
        u2 = _match_unit(rest[mp.end():])
        if u2 and u2[0] in ("can", "jar", "package", "bottle", "stick", "slice", "piece"):
            unit = u2[0]
            rest = "(" + mp.group(1) + ") " + rest[mp.end() + u2[1]:]
    if mult is not None:
        q1 = q1 * mult
        q2 = q2 * mult if q2 is not None else None
    # "2 lb 3 oz" -> combine
    if unit in ("lb",):
        mo = re.match(r"^\s*(\d+(?:[.,]\d+)?)\s*oz\b", rest)
        if mo:
            q1 = q1 + _num(mo.group(1)) / 16.0
            rest = rest[mo.end():]
    return (q1, q2, unit, mod, size, rest.strip(), None)


_PAREN_Q = re.compile(rf"(?P<q>{RANGE})\s*(?P<u>[A-Za-z][A-Za-z. ]*)")


def _metric_in(text: str):
    out = []
    for m in re.finditer(rf"(?P<q1>{NUM})(?:\s*-\s*(?P<q2>{NUM}))?\s*-?\s*(?P<u>kg|g|grams?|ml|mL|l|L|litres?|liters?|cl|dl|oz|ounces?|lbs?|pounds?)\b", text):
        q = _num(m.group("q1"))
        if m.group("q2"):
            q = (q + _num(m.group("q2"))) / 2
        u = _unit_lookup.get(m.group("u").lower(), m.group("u").lower())
        out.append((q, u))
    return out


def parse_line(text: str) -> Parsed:
    p = Parsed(raw=text)
    s = normalize(text)
    s = re.sub(r"^[-*•]\s*", "", s)
    s = s.lstrip("~≈").strip()
    low = s.lower()
    if "optional" in low:
        p.optional = True
    if re.search(r"\bto taste\b|\bas needed\b|\bto season\b|\bfor seasoning\b|\bas required\b", low):
        p.to_taste = True
    # slash dual units: "150g/5oz fresh x" -> keep first
    s = re.sub(rf"^({NUM}\s*[A-Za-z]+)\s*/\s*{NUM}\s*(?:fl\.? ?oz|oz|lb|pints?|cups?)\b", r"\1", s)
    # "150g/1lb 9oz": remove "/1lb 9oz"
    s = re.sub(r"^(\S+?)\s*/\s*\d+\s*lb\s*\d+\s*oz\b", r"\1", s)
    res = _take_quantity(s)
    pack = None
    if res:
        p.qty, p.qty_high, p.unit, p.unit_mod, p.size, rest, pack = res
    else:
        rest = s
        mj = re.match(rf"^(?:the\s+)?(?:finely\s+)?(?:grated\s+)?(zest|juice|zest and juice|juice and zest|grated zest|rind)\s+of\s+({NUM}|a|an|one|two|three|half an?|half)\b\s*", s, re.I)
        if mj:
            w = mj.group(2).lower()
            words = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "half": 0.5, "half a": 0.5, "half an": 0.5}
            p.qty = words[w] if w in words else _num(w)
            rest = s[mj.end():] + " " + mj.group(1).lower()
        else:
            u = _match_unit(s)
            if u and (u[0] not in ("l", "g", "cm", "can", "piece", "head", "leaf", "stick", "sheet", "fillet", "loaf", "ear", "slice", "stalk", "spear", "wedge") or s[u[1]:u[1]+4].lower().startswith(" of")):
                p.unit, p.unit_mod = u[0], u[2]
                rest = s[u[1]:].strip()
    # size word after unit-less number handled; size word at start without number
    if p.qty is None:
        sz = re.match(r"(" + "|".join(SIZE_WORDS) + r")\b\s*", rest, re.I)
        if sz and sz.group(1).lower() in ("large", "medium", "small", "big", "whole"):
            p.size = sz.group(1).lower()
            rest = rest[sz.end():]
    if p.qty is not None and p.unit is None and p.size is None:
        sz = re.match(r"(" + "|".join(SIZE_WORDS) + r")\b\s*", rest, re.I)
        if sz:
            p.size = sz.group(1).lower()
            rest = rest[sz.end():]
    rest = re.sub(r"^of\s+", "", rest, flags=re.I)
    # parenthetical metric alternatives
    comments = []
    for m in re.finditer(r"\(([^)]*)\)", rest):
        comments.append(m.group(1).strip())
    p.metric = [pack] if pack else _metric_in(" ".join(comments))
    food_part = re.sub(r"\([^)]*\)", " ", rest)
    food_part = re.sub(r"\([^)]*$", " ", food_part)
    # quantity hidden later in the line: "Rice (50 grams)", "Parmesan 1.5oz (40g)"
    if p.qty is None:
        for c in comments + [food_part]:
            r2 = re.search(rf"({NUM})\s*([A-Za-z]+\.?)", c)
            if r2:
                u = _match_unit(r2.group(2))
                if u:
                    p.qty = _num(r2.group(1))
                    p.unit = u[0]
                    food_part = food_part.replace(r2.group(0), " ")
                    break
    # split preparation/comment after the first comma or semicolon
    parts = re.split(r"[,;]|\s-\s|:\s", food_part, maxsplit=1)
    food = parts[0]
    tail = parts[1].strip() if len(parts) > 1 else ""
    # trailing clause starting with "for", "to" etc.
    mfor = re.search(r"\b(for|to|plus|such as)\b.*$", food, re.I)
    if mfor and mfor.start() > 2:
        tail = (food[mfor.start():] + " " + tail).strip()
        food = food[: mfor.start()]
    food = food.replace(".", " ").strip()
    p.food = re.sub(r"\s+", " ", food).strip(" -*")
    if p.qty is None:
        # "Eggs: 5", "Egg (3)", "Onions 2 medium-sized", "Garlic cloves 3"
        mq = re.search(r"^(.*?)[:\s]+(\d+(?:\.\d+)?)\s*(medium-sized|medium sized|medium|large|small)?$", p.food)
        if mq and mq.group(1).strip():
            p.food, p.qty = mq.group(1).strip(), float(mq.group(2))
            if mq.group(3):
                p.size = mq.group(3).split()[0].split("-")[0]
        else:
            mq = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*", comments[0]) if comments else None
            mq = mq or re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*", tail)
            if mq:
                p.qty = float(mq.group(1))
    if p.unit is None and p.qty is not None:
        # "2 garlic cloves", "1 lemongrass stalk": the unit noun follows the food name
        mt = re.search(r"\b(cloves?|stalks?|ribs?|sprigs?|spears?|fillets?|slices?|rashers?|wedges?|heads?|bulbs?|leaves|sticks?|knobs?)$", p.food, re.I)
        if mt and mt.start() > 0:
            p.unit = _unit_lookup[mt.group(1).lower()]
            p.food = p.food[: mt.start()].strip()
    p.comment = "; ".join([c for c in comments if c] + ([tail] if tail else []))
    prep_words = [w for w in re.findall(r"[a-z-]+", (p.food + " " + tail).lower())
                  if w in ("chopped", "minced", "diced", "sliced", "grated", "shredded", "crushed",
                           "cubed", "mashed", "packed", "halved", "melted", "beaten", "ground")]
    p.prep = " ".join(dict.fromkeys(prep_words))
    return p


def food_key(phrase: str) -> str:
    """Normalised phrase used for alias lookup."""
    s = unicodedata.normalize("NFKD", phrase.lower())
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"[^a-z0-9' -]", " ", s)
    s = s.replace("'", "")
    s = re.sub(r"\s+", " ", s).strip()
    return s


if __name__ == "__main__":
    import sys
    for line in sys.argv[1:] or sys.stdin:
        print(parse_line(line.rstrip("\n")))
