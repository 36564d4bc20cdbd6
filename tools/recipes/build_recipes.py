#!/usr/bin/env python3
"""Build hearth's shipped recipe library (data/recipes/*.json) from public-domain sources.

usage: python3 tools/recipes/build_recipes.py SOURCE_DIR
  SOURCE_DIR = the staged recipe sources (based_cooking/recipes.jsonl, howtocook_zh/recipes.jsonl).

Inputs kept in this folder:
  food_aliases.csv    English phrase -> SR28 NDB (curated synonyms)
  zh_foods.csv        Chinese ingredient name -> SR28 NDB (+ grams per piece)
  curation.json       hand fixes for based.cooking recipes (keyed by recipe id)
  howtocook_en.json   English names/steps and settings for the selected HowToCook recipes
  hearth_kitchen.json recipes written for hearth (CC0-1.0)
Outputs: data/recipes/{based-cooking,howtocook,hearth-kitchen}.json and
tools/recipes/match_log.tsv (every ingredient line: parse, match, score, grams, rule).

Deterministic: the same inputs give byte-identical outputs.  Fails loudly (exit 1) when a
sanity check breaks.  Standard library only.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from ingredient_parser import parse_line  # noqa: E402
from sr28 import SR28, ROOT  # noqa: E402
import zh  # noqa: E402

OUT = ROOT / "data" / "recipes"
MEAL_TYPES = ("breakfast", "lunch", "dinner", "snack")

# --- rules for lines without a quantity (documented in data/recipes/README.md) ---
SALT = {"02047"}
PEPPER = {"02030", "02032"}
PER_SERVING_UNQUANTIFIED = {  # grams per serving for a line with no amount
    "salt": 0.5, "pepper": 0.1, "spice": 0.3, "herb": 1.0, "fat": 5.0, "sauce": 5.0,
    "dusting": 5.0, "cheese": 10.0, "dairy": 30.0, "sugar": 4.0, "alcohol": 30.0, "nuts": 10.0,
    # used only when the food has no whole-item measure in SR28:
    "grain": 90.0, "vegetable": 40.0, "legume": 60.0, "bread": 30.0, "fruit": 40.0,
}
DUSTING = {"20081", "20082", "20083", "20080", "20027", "18079", "20022", "20066", "11413"}
FRESH_HERBS = {"11297", "11165", "02044", "02064", "02045", "02049", "02063", "11156", "11291"}
ANIMAL_GROUPS = {"0500", "0700", "1000", "1300", "1500", "1700"}
MEAT_FISH_GROUPS = ANIMAL_GROUPS
DAIRY_EGG_GROUP = "0100"
NON_VEGETARIAN_EXTRA = {"06170", "06172", "06174", "06176", "06179", "06971", "19177", "04002",
                        "04609", "06080", "06008", "06013", "06075", "06076", "06016", "06159",
                        "06583", "04705"}
NON_VEGAN_EXTRA = NON_VEGETARIAN_EXTRA | {"19296", "18337", "18010", "18242", "19080", "19120",
                                         "04610", "06626", "20109", "20110", "04025", "04018",
                                         "18116", "18079"}


EQUIPMENT = re.compile(r"\b(thermometer|foil|cheesecloth|cheese cloth|sieve|baking dish|parchment|"
                       r"toothpicks?|skewers?|wood|stone|thermos|jars?|bags?|baking tin|mould|mold|"
                       r"plastic wrap|cling film|piping bag|cookie cutter|recipient)\b", re.I)


# "2 cups cooked rice", "1 kg cooked noodles": the matched dry grain -> its cooked entry
COOKED_FORM = {"20120": "20121", "20109": "20110", "20444": "20445", "20036": "20037",
               "16069": "16070", "20133": "20134"}
NOT_TAGS = {"egg", "eggs", "fish", "seafood", "shrimp", "shellfish", "crab", "lobster", "milk",
            "cheese", "cream", "dairy", "peanut", "peanuts", "nuts", "almond", "soy", "tofu",
            "wheat", "gluten", "sesame", "vegan", "vegetarian", "keto", "bariatric", "fasting",
            "cheesefare", "lenten", "healthy", "basic", "gluten-free", "tuna", "feta",
            "breakfast", "lunch", "supper", "snack", "dinner"}
ERRORS: list = []
LOG: list = []


class BuildError(Exception):
    pass


def classify_unquantified(db: SR28, ndb: str) -> str | None:
    g = db.group(ndb)
    if ndb in SALT:
        return "salt"
    if ndb in PEPPER:
        return "pepper"
    if ndb in FRESH_HERBS:
        return "herb"
    if g == "0200":
        return "spice"
    if g == "0400" or ndb in ("01001", "01145", "01003"):
        return "fat"
    if g == "0600" or ndb in ("16123", "16124", "11935", "06168", "06631", "11546", "11547", "11549",
                              "02046", "04025", "16112"):
        return "sauce"
    if ndb in DUSTING:
        return "dusting"
    if g == "0100" and db.desc(ndb).startswith("Cheese"):
        return "cheese"
    if g == "0100" and not db.desc(ndb).startswith("Egg"):
        return "dairy"
    if g == "1900":
        return "sugar"
    if g == "1400" and ndb != "14411":
        return "alcohol"
    if g == "1200":
        return "nuts"
    return None


def classify_bulk(db: SR28, ndb: str) -> str | None:
    g = db.group(ndb)
    return {"2000": "grain", "1100": "vegetable", "1600": "legume", "1800": "bread",
            "0900": "fruit", "0800": "grain"}.get(g)


def diet_of(db: SR28, foods: list[str]) -> str:
    """vegan / vegetarian / omnivore from the SR28 foods (used for the summary only; the
    product derives diet fit itself)."""
    veg = vegan = True
    for n in foods:
        g = db.group(n)
        if g in MEAT_FISH_GROUPS or n in NON_VEGETARIAN_EXTRA:
            veg = vegan = False
        if g == DAIRY_EGG_GROUP or n in NON_VEGAN_EXTRA:
            vegan = False
    return "vegan" if vegan else "vegetarian" if veg else "omnivore"


def line_to_ingredient(db: SR28, text: str, servings: float, log: list, rid: str,
                       override: dict | None = None):
    """Parse one English line -> ingredient dict or None (skipped).  Appends to log."""
    p = parse_line(text)
    ov = override or {}
    if ov.get("drop"):
        log.append([rid, text, "", "", "", "", "", "dropped by curation"])
        return None
    if text.strip().rstrip("*").endswith(":") and not ov:
        log.append([rid, text, "", "", "", "", "", "skipped: heading"])
        return None
    if EQUIPMENT.search(p.food or text) and not ov:
        log.append([rid, text, p.food, "", "", "", "", "skipped: equipment"])
        return None
    if p.optional and not ov:
        log.append([rid, text, p.food, "", "", "", "", "skipped: optional"])
        return None
    if "food" in ov:
        ndb, score, how = ov["food"], 1.0, "curated"
    else:
        ndb, score, how = db.match(p.food) if p.food else (None, 0.0, "none")
        if not how.startswith("alias") and len(p.food.split()) <= 2:
            # "bone-in, skin-on chicken thighs": the food may sit after the first comma
            for seg in re.split(r"[,;]", p.comment):
                if seg.strip():
                    r2 = db.match(seg)
                    if r2[2] in ("alias", "alias-substring"):
                        ndb, score, how = r2[0], r2[1], r2[2] + " (comment)"
                        break
    if ndb is None or (how == "fallback" and score < 0.75):
        log.append([rid, text, p.food, ndb or "", db.desc(ndb) if ndb else "", score, "",
                    f"unmatched ({how})"])
        return "unmatched"
    if ndb not in db.foods:
        raise BuildError(f"{rid}: NDB {ndb} not in foods.csv")
    if "food" not in ov and ndb in COOKED_FORM and re.search(r"\b(pre-?)?cooked\b", p.food + " " + p.comment, re.I) \
            and not re.search(r"\buncooked\b", text, re.I):
        ndb, how = COOKED_FORM[ndb], how + " (cooked form)"
    rule = ""
    if "grams" in ov:
        grams, rule = float(ov["grams"]), "curated grams"
    elif p.qty is None and p.unit in ("pinch", "dash", "splash", "handful", "bunch", "sprig"):
        grams, rule = db.grams(ndb, 1.0, p.unit, p.size, p.prep)
    elif p.qty is None:
        cls = classify_unquantified(db, ndb)
        if ndb == "14411":
            log.append([rid, text, p.food, ndb, db.desc(ndb), score, "", "skipped: water without amount"])
            return None
        if cls:
            grams = PER_SERVING_UNQUANTIFIED[cls] * servings
            rule = f"no amount: {PER_SERVING_UNQUANTIFIED[cls]} g/serving ({cls})"
        elif db.group(ndb) in MEAT_FISH_GROUPS:
            log.append([rid, text, p.food, ndb, db.desc(ndb), score, "", "no amount for meat or fish"])
            return "unmatched"
        else:
            grams, rule = db.grams(ndb, 1.0, None, p.size, p.prep, p.food)
            if grams is not None and grams < 20 and classify_bulk(db, ndb) in ("vegetable", "fruit") \
                    and ndb not in db.each_g:
                grams = None  # a pea pod or a berry is not "one item" of a dish: use the per-serving rule
            if grams is not None:
                rule = "no amount: assumed 1 item, " + rule
            elif classify_bulk(db, ndb):
                cls = classify_bulk(db, ndb)
                grams = PER_SERVING_UNQUANTIFIED[cls] * servings
                rule = f"no amount: {PER_SERVING_UNQUANTIFIED[cls]} g/serving ({cls})"
            else:
                log.append([rid, text, p.food, ndb, db.desc(ndb), score, "", "no amount, no count measure"])
                return "unmatched"
    else:
        q = p.amount()
        if p.metric and p.unit not in ("g", "kg", "oz", "lb", "mg") and (
                p.unit in (None, "cup", "tbsp", "tsp", "can", "package", "jar", "bottle") and len(p.metric) == 1):
            mq, mu = p.metric[0]
            # "1/2 cup (110g) oil": the stated weight is for the line; "1 can (400 g)",
            # "4 fillets (150 g each)": it is for one package or item
            per_item = p.unit in ("can", "package", "jar", "bottle") or re.search(r"\beach\b", p.comment)
            grams, rule = db.grams(ndb, mq * (q if per_item else 1), mu, None, p.prep)
            rule = "metric in parentheses: " + rule
        else:
            grams, rule = db.grams(ndb, q, p.unit, p.size, p.prep, p.food)
        if grams is None:
            log.append([rid, text, p.food, ndb, db.desc(ndb), score, "", f"no grams: {rule}"])
            return "unmatched"
    if p.to_taste and ndb in SALT and p.qty is None:
        rule += " (to taste)"
    if p.qty is not None and "grams" not in ov and re.search(r"\bper (person|serving|portion|head)\b", text, re.I):
        grams *= servings  # "2 peppers per person"
        rule += f"; per person x {servings:g}"
    if re.search(r"\bfry|frying\b", text, re.I) and db.group(ndb) == "0400" and grams > 60 and "grams" not in ov:
        grams *= 0.1
        rule += "; deep-frying oil: 10% counted as absorbed"
    grams = round(float(grams), 1)
    if grams <= 0:
        grams = 0.1
    curated = bool(ov)
    log.append([rid, text, p.food, ndb, db.desc(ndb), score, grams, f"{how}; {rule}"])
    text = re.sub(r"\s+", " ", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("**", "")).strip()
    text = re.sub(r"(?<![A-Za-z])_([^_]+)_(?![A-Za-z])", r"\1", text)  # markdown links and emphasis
    if "grams" in ov and "text" not in ov:
        text = f"{text} ({grams:g} g)"  # the amount was set by hand: show it next to the line
    return {"food": ndb, "grams": grams, "text": ov.get("text", text), "curated": curated}


def parse_servings(intro: str):
    m = re.search(r"(?:servings?|serves|portions?|yield|makes)\s*[:：]?\s*(?:about\s*)?~?\s*(\d+)(?:\s*[-–]\s*(\d+))?",
                  intro, re.I)
    if not m:
        m = re.search(r"(\d+)(?:\s*[-–]\s*(\d+))?\s*(?:servings|portions|people|persons)", intro, re.I)
    if m:
        a = int(m.group(1))
        b = int(m.group(2)) if m.group(2) else a
        v = int((a + b) / 2 + 0.5)  # "3-4" -> 4: servings are whole numbers
        if 0 < v <= 24:
            return v
    return None


def parse_minutes(s: str):
    s = s.lower()
    tot = 0.0
    found = False
    for m in re.finditer(r"(\d+(?:\.\d+)?)\s*(?:-\s*(\d+(?:\.\d+)?)\s*)?(hours?|hrs?|h\b|minutes?|mins?|m\b)", s):
        a = float(m.group(1))
        b = float(m.group(2)) if m.group(2) else a
        v = (a + b) / 2
        tot += v * 60 if m.group(3).startswith("h") else v
        found = True
    return round(tot) if found else None


def parse_times(intro: str):
    prep = cook = total = None
    for line in intro.splitlines():
        low = line.lower()
        if "prep" in low and "time" in low:
            prep = parse_minutes(low.split(":", 1)[-1]) if ":" in low else parse_minutes(low)
        elif "cook" in low and "time" in low or "bake time" in low:
            cook = parse_minutes(low.split(":", 1)[-1]) if ":" in low else parse_minutes(low)
        elif "total" in low and "time" in low:
            total = parse_minutes(low.split(":", 1)[-1]) if ":" in low else parse_minutes(low)
    return prep, cook, total


def estimate_times(directions: list[str], n_ing: int):
    text = " ".join(directions).lower()
    active = min(10 + 2 * n_ing, 45)
    passive = 0
    if re.search(r"\b(bake|oven|roast)\b", text):
        passive += 35
    if re.search(r"\bsimmer|stew|braise", text):
        passive += 30
    hrs = [float(h) for h in re.findall(r"(\d+(?:\.\d+)?)\s*(?:hours|hrs|hour)", text)]
    if hrs:
        passive = max(passive, int(max(hrs) * 60))
    mins = [int(x) for x in re.findall(r"(\d+)\s*(?:minutes|mins|min)\b", text)]
    if mins:
        passive = max(passive, min(sum(mins), 240) - active // 2)
    return active, active + max(passive, 0)


def recipe_energy(db: SR28, ings):
    kcal = sum(db.nutr[i["food"]]["kcal"] * i["grams"] / 100 for i in ings)
    na = sum(db.nutr[i["food"]]["na"] * i["grams"] / 100 for i in ings)
    return kcal, na


def check_recipe(db: SR28, r: dict, problems: list):
    rid = r["id"]
    if not re.fullmatch(r"[a-z0-9-]+", rid):
        problems.append(f"{rid}: bad id")
    if not r["ingredients"]:
        problems.append(f"{rid}: no ingredients")
    for i in r["ingredients"]:
        if i["food"] not in db.foods:
            problems.append(f"{rid}: NDB {i['food']} not in foods.csv")
        if not i["grams"] > 0:
            problems.append(f"{rid}: grams <= 0 for {i['text']}")
    if not r["servings"] > 0:
        problems.append(f"{rid}: servings")
    if not (0 <= r["time_active_min"] <= r["time_total_min"]):
        problems.append(f"{rid}: times {r['time_active_min']} / {r['time_total_min']}")
    if not r["meal_types"] or any(m not in MEAL_TYPES for m in r["meal_types"]):
        problems.append(f"{rid}: meal_types {r['meal_types']}")
    if not r["steps"]:
        problems.append(f"{rid}: no steps")
    kcal, na = recipe_energy(db, r["ingredients"])
    per = kcal / r["servings"]
    snack_only = set(r["meal_types"]) == {"snack"}
    lo, hi = (50, 600) if snack_only else (80, 1300)
    if not lo <= per <= hi:
        problems.append(f"{rid}: {per:.0f} kcal per serving outside {lo}-{hi}")
    salt = sum(i["grams"] for i in r["ingredients"] if i["food"] in SALT) / r["servings"]
    if salt > 3.5:
        problems.append(f"{rid}: {salt:.1f} g salt per serving")
    na_per = na / r["servings"]
    if na_per > 3000:
        problems.append(f"{rid}: {na_per:.0f} mg sodium per serving")
    fat = sum(i["grams"] for i in r["ingredients"] if db.group(i["food"]) == "0400"
              or i["food"] in ("01001", "01145", "01003")) / r["servings"]
    if fat > 60:
        problems.append(f"{rid}: {fat:.0f} g added fat per serving")


def build_based_cooking(db: SR28, src: Path, cur: dict, log: list, stats: Counter):
    recipes = []
    rows = [json.loads(l) for l in open(src / "based_cooking" / "recipes.jsonl", encoding="utf-8")]
    rows.sort(key=lambda r: r["id"])
    for row in rows:
        c = cur.get(row["id"])
        if c is None or c.get("drop"):
            continue
        rid = "bc-" + row["id"]
        servings = c.get("servings") or parse_servings(row["intro"])
        curated = False
        notes = []
        lines = [i["text"] for i in row["ingredients"]]
        overrides = {}
        for k, v in c.get("lines", {}).items():  # keyed by the exact line text (or its index)
            idx = int(k) if k.isdigit() else lines.index(k) if k in lines else None
            if idx is None:
                raise BuildError(f"{rid}: curation line not found: {k!r}")
            overrides[idx] = v
        if servings is None:
            # not stated: estimate from the energy of the batch (about 500 kcal per meal serving,
            # 250 kcal per snack serving), 1..12
            tmp = []
            for idx, text in enumerate(lines):
                res = line_to_ingredient(db, text, 4, [], rid, overrides.get(idx))
                if isinstance(res, dict):
                    tmp.append(res)
            kcal, _ = recipe_energy(db, tmp)
            target = 250 if set(c["meal_types"]) <= {"snack", "breakfast"} and "snack" in c["meal_types"] else 500
            servings = max(1, min(12, round(kcal / target)))
            notes.append(f"servings estimated from energy ({target} kcal per serving)")
            curated = True
        ings = []
        unmatched = []
        for idx, text in enumerate(lines):
            res = line_to_ingredient(db, text, servings, log, rid, overrides.get(idx))
            stats["lines"] += 1
            if res == "unmatched":
                unmatched.append(text)
                stats["unmatched"] += 1
                continue
            if res is None:
                stats["skipped"] += 1
                continue
            stats["matched"] += 1
            ings.append(res)
        for extra in c.get("add", []):
            ings.append({"food": extra["food"], "grams": float(extra["grams"]), "text": extra["text"],
                         "curated": True})
            log.append([rid, extra["text"], "", extra["food"], db.desc(extra["food"]), 1.0,
                        extra["grams"], "added by curation"])
        if unmatched and not c.get("allow_unmatched"):
            ERRORS.append(f"{rid}: unmatched lines {unmatched} (fix in curation.json)")
            continue
        if unmatched:
            notes.append("left out: " + "; ".join(unmatched))
        if any(i["curated"] for i in ings):
            curated = True
        prep, cook, total = parse_times(row["intro"])
        if "times" in c:
            active, tot = c["times"]
            curated = True
            notes.append("times set by hand")
        elif prep is not None or cook is not None or total is not None:
            active = prep if prep is not None else min(cook or total, 20) if (cook or total) else 15
            tot = total if total is not None else (prep or 0) + (cook or 0)
            tot = max(tot, active)
            if active > 45:
                # long "prep" times include marinating, rising or resting: hands-on time capped at 45
                active = 45
                notes.append("active time capped at 45 min")
        else:
            active, tot = estimate_times(row["directions"], len(ings))
            curated = True
            notes.append("times estimated")
        steps = c.get("steps") or [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(
            r"\[([^\]]*)\]\([^)]*\)", r"\1", s))).replace("**", "").strip()
            for s in row["directions"] if s.strip()]
        if c.get("steps"):
            curated = True
        if c.get("servings"):
            notes.append("servings set by hand")
        name = (c.get("name") or row["title"]).strip()
        r = {
            "id": rid,
            "name": name,
            "servings": servings,
            "time_active_min": int(active),
            "time_total_min": int(tot),
            "meal_types": c["meal_types"],
            "cuisine": c["cuisine"],
            "ingredients": ings,
            "steps": steps,
            "tags": sorted(set(c.get("tags", [t.lower() for t in row["tags"]
                                              if t.lower() not in ("cheesefare", "fasting", "basic")]))),
            "source": {"collection": "based.cooking", "path": row["source_path"], "license": "Unlicense",
                       "notes": "; ".join(["LukeSmithxyz/based.cooking @ 2d8642e, author " + (row["author"] or "unknown")] + notes)},
            "curated": True,  # meal types and cuisine are always set by hand for this collection
        }
        recipes.append(r)
    return recipes


def build_hearth_kitchen(db: SR28, log: list, stats: Counter):
    data = json.loads((HERE / "hearth_kitchen.json").read_text(encoding="utf-8"))
    out = []
    for rec in data:
        rid = "hk-" + rec["slug"]
        ings = []
        for line in rec["ingredients"]:
            ov = None
            if isinstance(line, dict):
                ov = {k: v for k, v in line.items() if k in ("food", "grams")}
                line = line["text"]
            res = line_to_ingredient(db, line, rec["servings"], log, rid, ov)
            if res in (None, "unmatched"):
                raise BuildError(f"{rid}: line not usable: {line}")
            ings.append(res)
        out.append({
            "id": rid, "name": rec["name"], "servings": rec["servings"],
            "time_active_min": rec["times"][0], "time_total_min": rec["times"][1],
            "meal_types": rec["meal_types"], "cuisine": rec["cuisine"], "ingredients": ings,
            "steps": rec["steps"], "tags": sorted(rec.get("tags", [])),
            "source": {"collection": "hearth-kitchen", "path": "tools/recipes/hearth_kitchen.json",
                       "license": "CC0-1.0", "notes": "written for hearth"},
            "curated": True,
        })
    return out


def write_collection(name: str, recipes: list):
    recipes = sorted(recipes, key=lambda r: r["id"])
    doc = {"format": "hearth-recipes", "version": 1, "collection": name, "recipes": recipes}
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    (OUT / f"{name}.json").write_text(text, encoding="utf-8")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    src = Path(sys.argv[1])
    db = SR28()
    db.load_aliases(HERE / "food_aliases.csv")
    cur = json.loads((HERE / "curation.json").read_text(encoding="utf-8"))
    log: list = LOG
    stats: Counter = Counter()
    try:
        bc = build_based_cooking(db, src, cur["based_cooking"], log, stats)
        hk = build_hearth_kitchen(db, log, stats)
        htc = zh.build_howtocook(db, src, HERE, log, stats)
    except BuildError as e:
        sys.exit(f"build_recipes: {e}")
    collections = {"based-cooking": bc, "howtocook": htc, "hearth-kitchen": hk}
    for rs in collections.values():
        for r in rs:  # tags never name allergens or diet fit (the loader derives those)
            tags = {t for t in r["tags"] if t not in NOT_TAGS}
            kcal, _ = recipe_energy(db, r["ingredients"])
            if set(r["meal_types"]) & {"lunch", "dinner"} and kcal / r["servings"] < 200:
                tags.add("side")  # light vegetable dishes and soups: better beside a main
            r["tags"] = sorted(tags)
    problems: list = list(ERRORS)
    seen = set()
    for name, rs in collections.items():
        for r in rs:
            if r["id"] in seen:
                problems.append(f"{r['id']}: duplicate id")
            seen.add(r["id"])
            check_recipe(db, r, problems)
    with open(HERE / "match_log.tsv", "w", encoding="utf-8") as f:
        f.write("recipe\tline\tfood_phrase\tndb\tsr28_desc\tscore\tgrams\trule\n")
        for row in log:
            f.write("\t".join(str(x).replace("\t", " ").replace("\n", " ") for x in row) + "\n")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(f"build_recipes: {len(problems)} sanity problem(s)")
    OUT.mkdir(parents=True, exist_ok=True)
    for name, rs in collections.items():
        path = OUT / f"{name}.json"
        if rs:
            write_collection(name, rs)
        elif path.exists():
            path.unlink()
    summary(db, collections, stats)


def summary(db: SR28, collections: dict, stats: Counter):
    allr = [r for rs in collections.values() for r in rs]
    mt = Counter(m for r in allr for m in r["meal_types"])
    cu = Counter(r["cuisine"] for r in allr)
    diets = Counter(diet_of(db, [i["food"] for i in r["ingredients"]]) for r in allr)
    ning = sum(len(r["ingredients"]) for r in allr)
    ncur = sum(1 for r in allr for i in r["ingredients"] if i["curated"])
    print(f"recipes: {len(allr)} (" + ", ".join(f"{k} {len(v)}" for k, v in collections.items()) + ")")
    print("meal types: " + ", ".join(f"{k} {mt[k]}" for k in MEAL_TYPES))
    print("cuisines: " + ", ".join(f"{k} {v}" for k, v in sorted(cu.items(), key=lambda kv: (-kv[1], kv[0]))))
    print(f"diet: vegan {diets['vegan']}, vegetarian (incl. vegan) {diets['vegan'] + diets['vegetarian']}, "
          f"other {diets['omnivore']}")
    print(f"curated recipes: {sum(r['curated'] for r in allr)}/{len(allr)}; curated ingredients: "
          f"{ncur}/{ning} ({100 * ncur / max(ning, 1):.1f}%)")
    m = stats["matched"]
    tot = stats["lines"]
    print(f"source lines of the shipped based.cooking + HowToCook recipes: {tot}; used {m}, skipped "
          f"{stats['skipped']} (optional, equipment, headings, cooking water)")
    en = [row for row in LOG if row[0].startswith(("bc-", "hk-")) and isinstance(row[6], (int, float))]
    how = Counter()
    for row in en:
        rule = str(row[7])
        how["curated" if ("curat" in rule or rule.startswith("added")) else
            "alias" if rule.startswith("alias;") else
            "alias-substring" if rule.startswith("alias") else "fallback"] += 1
    n = max(sum(how.values()), 1)
    print("English lines used (based.cooking + hearth-kitchen): " + ", ".join(
        f"{k} {v} ({100 * v / n:.1f}%)" for k, v in sorted(how.items())) +
        f"; matched automatically {100 * (n - how['curated']) / n:.1f}%")


if __name__ == "__main__":
    main()
