"""HowToCook (Chinese) part of the recipe pipeline.

Each selected recipe is described in howtocook_en.json (English name, servings, meal types,
times, English steps written for hearth, and hand fixes).  Its ingredient amounts come from the
source's metric quantity lines, e.g. "洋葱 200g *份数", "醋 7.5 ml + 4 ml * 份数",
"牛肉用量为 250 g/人", "1 盒内脂豆腐", mapped to SR28 through zh_foods.csv.

Amount rule (documented in data/recipes/README.md): the source gives amounts for one "份"
(portion unit) whose size it states in its preamble ("一份正好够 2 个人吃" = one portion feeds
two).  The pipeline cooks exactly one 份 (份数 = 1, or the "batch" set in howtocook_en.json) and
sets `servings` to the number of people that batch feeds; amounts given "per person" (/人)
are multiplied by `servings`.
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

CN_NUM = {"半": 0.5, "一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
          "八": 8, "九": 9, "十": 10, "俩": 2}
WEIGHT = {"g": 1.0, "克": 1.0, "kg": 1000.0, "公斤": 1000.0, "斤": 500.0, "两": 50.0}
VOLUME = {"ml": 1.0, "mL": 1.0, "毫升": 1.0, "l": 1000.0, "L": 1000.0, "升": 1000.0,
          "勺": 15.0, "汤匙": 15.0, "大勺": 15.0, "小勺": 5.0, "茶匙": 5.0, "碗": 250.0,
          "杯": 240.0, "滴": 0.05, "瓶盖": 10.0}
COUNT = ["个", "只", "颗", "枚", "瓣", "根", "片", "把", "棵", "朵", "条", "块", "支", "粒",
         "盒", "包", "罐", "圈", "卷", "头", "小块", "拇指块", "叶", "袋", "张"]
# grams for one count unit when zh_foods.csv has no each_g for the food
COUNT_DEFAULT_G = {"瓣": 4.0, "片": 3.0, "根": 15.0, "把": 30.0, "棵": 100.0, "朵": 5.0,
                   "粒": 4.0, "圈": 2.0, "拇指块": 10.0, "叶": 10.0, "块": 10.0, "小块": 5.0}
UNIT_RE = "|".join(sorted([re.escape(u) for u in list(WEIGHT) + list(VOLUME) + COUNT],
                          key=len, reverse=True))
NUM_RE = r"\d+(?:\.\d+)?(?:\s*[-~～]\s*\d+(?:\.\d+)?)?"


def _num(s: str) -> float:
    parts = re.split(r"\s*[-~～]\s*", s.strip())
    vals = [float(p) for p in parts if p]
    return sum(vals) / len(vals)


def _cn(s: str):
    if s in CN_NUM:
        return float(CN_NUM[s])
    return None


class ZhFoods:
    def __init__(self, path: Path, foods: dict):
        self.map = {}
        self.english = {}
        with open(path, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if r["ndb"] not in foods:
                    raise SystemExit(f"zh_foods.csv: {r['zh']}: NDB {r['ndb']} not in foods.csv")
                self.map[r["zh"]] = (r["ndb"], float(r["each_g"]) if r["each_g"] else None)
                self.english[r["zh"]] = r["note"]

    def lookup(self, name: str):
        if name in self.map:
            return name, self.map[name]
        # longest known name contained in the phrase
        best = None
        for k in self.map:
            if k in name and (best is None or len(k) > len(best)):
                best = k
        return (best, self.map[best]) if best else (None, None)


def parse_zh(line: str):
    """-> dict(name, qty, unit, per_batch (bool), per_person (bool), weight_hint_g)"""
    s = re.sub(r"^[^\w\u4e00-\u9fff]+", "", line).strip()  # emoji bullets
    s = s.replace("（", "(").replace("）", ")").replace("：", ":").replace("＊", "*")
    per_batch = "份数" in s
    per_person = bool(re.search(r"/\s*(人|per)\b|/人", s))
    # weight hint in parentheses: "1 个（约 180g）"
    hint = None
    mh = re.search(rf"\(\s*(?:约|大约|共约|共)?\s*({NUM_RE})\s*(g|克|ml|毫升)\b", s)
    if mh:
        hint = _num(mh.group(1))
    # "a + b * 份数": fixed part plus per-batch part
    plus = re.search(rf"({NUM_RE})\s*({UNIT_RE})?\s*\+\s*({NUM_RE})\s*({UNIT_RE})?\s*\*\s*份数", s)
    name = None
    m = re.match(r"^([\u4e00-\u9fffA-Za-z/、]+?)(?:的数量|的用量为|用量为|的用量|数量|量)?\s*[=:\s]", s + " ")
    if m and not re.match(rf"^(\d|[半一两二三四五六七八九十俩]\s*(?:{UNIT_RE}))", s):
        name = m.group(1)
    qty = unit = None
    body = s[m.end():] if name else s
    if plus:
        qty = _num(plus.group(1)) + _num(plus.group(3))  # with 份数 = 1
        unit = plus.group(2) or plus.group(4)
        per_batch = False
    else:
        mq = re.search(rf"({NUM_RE})\s*({UNIT_RE})", body)
        if mq:
            qty, unit = _num(mq.group(1)), mq.group(2)
        else:
            mc = re.search(rf"([半一两二三四五六七八九十俩])\s*({UNIT_RE})", body)
            if mc:
                qty, unit = _cn(mc.group(1)), mc.group(2)
            else:
                mn = re.search(rf"({NUM_RE})", body)
                if mn:
                    qty, unit = _num(mn.group(1)), None
    if name is None:
        # "1 盒内脂豆腐", "两个鸡蛋", "10g 的干紫菜"
        mm = re.match(rf"^(?:{NUM_RE}|[半一两二三四五六七八九十])\s*(?:{UNIT_RE})?\s*(?:的)?([\u4e00-\u9fff]+)", s)
        if mm:
            name = mm.group(1)
        else:
            mm = re.match(r"^([\u4e00-\u9fff]+)", s)
            name = mm.group(1) if mm else s
            # "鸡蛋两只": trailing Chinese numeral + unit
            mc = re.match(rf"^([\u4e00-\u9fff]+?)([半一两二三四五六七八九十])({UNIT_RE})", s)
            if mc and qty is None:
                name, qty, unit = mc.group(1), _cn(mc.group(2)), mc.group(3)
    return {"name": name, "qty": qty, "unit": unit, "per_batch": per_batch,
            "per_person": per_person, "hint_g": hint}


def zh_grams(db, zf: ZhFoods, p: dict, servings: float):
    """-> (ndb, grams, rule) or (ndb/None, None, reason)"""
    key, hit = zf.lookup(p["name"] or "")
    if not hit:
        return None, None, f"no zh_foods.csv entry for {p['name']!r}"
    ndb, each = hit
    qty, unit = p["qty"], p["unit"]
    if qty is None:
        return ndb, None, "no amount"
    mult = servings if p["per_person"] else 1.0
    if key == "味精":
        mult *= 0.3  # MSG: counted as table salt with the same sodium (about 12% vs 39%)
    if unit in WEIGHT:
        return ndb, qty * WEIGHT[unit] * mult, f"weight ({key})"
    if p["hint_g"]:
        return ndb, p["hint_g"] * mult, f"stated weight in parentheses ({key})"
    if unit in VOLUME:
        ml = qty * VOLUME[unit] * mult
        g, how = db.grams(ndb, ml, "ml", None, "")
        return ndb, g, f"volume, {how} ({key})"
    if unit in ("圈", "滴"):
        return ndb, qty * COUNT_DEFAULT_G.get(unit, 0.05) * mult, f"{unit} ({key})"
    if each:
        return ndb, qty * each * mult, f"{each} g each ({key})"
    if unit in COUNT_DEFAULT_G:
        return ndb, qty * COUNT_DEFAULT_G[unit] * mult, f"{COUNT_DEFAULT_G[unit]} g per {unit} ({key})"
    r = db.count_grams(ndb, None)
    if r:
        return ndb, qty * r[0] * mult, f"{r[1]} ({key})"
    return ndb, None, f"count without weight ({key})"


def build_howtocook(db, src: Path, here: Path, log: list, stats) -> list:
    cfg = json.loads((here / "howtocook_en.json").read_text(encoding="utf-8"))
    zf = ZhFoods(here / "zh_foods.csv", db.foods)
    rows = {}
    with open(src / "howtocook_zh" / "recipes.jsonl", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            rows[r["id"]] = r
    out = []
    problems = []
    for c in cfg:
        row = rows.get(c["source_id"])
        if row is None:
            problems.append(f"howtocook_en.json: unknown source_id {c['source_id']}")
            continue
        rid = "htc-" + c["slug"]
        servings = c["servings"]
        overrides = {str(k): v for k, v in c.get("lines", {}).items()}
        ings = []
        curated = True  # names, steps and meal types are written by hand for this collection
        for idx, q in enumerate(row["quantities"]):
            ov = overrides.get(str(idx)) or overrides.get(q)
            stats["lines"] += 1
            if ov and ov.get("drop"):
                stats["skipped"] += 1
                log.append([rid, q, "", "", "", "", "", "dropped by curation"])
                continue
            p = parse_zh(q)
            ndb, g, rule = zh_grams(db, zf, p, servings)
            if ov:
                ndb = ov.get("food", ndb)
                if "grams" in ov:
                    g, rule = float(ov["grams"]), "curated grams"
            if ndb is None or g is None:
                if p["name"] in ("必须配料", "进阶配料", "可选配料", "小料", "调味品") or not p["name"]:
                    stats["skipped"] += 1
                    log.append([rid, q, p["name"], "", "", "", "", "skipped: heading"])
                    continue
                problems.append(f"{rid}: line {idx} {q!r}: {rule}")
                continue
            if ndb == "14411" and g > 300 and not ov:
                stats["skipped"] += 1
                log.append([rid, q, p["name"], ndb, "", "", round(g, 1), "skipped: cooking water"])
                continue
            stats["matched"] += 1
            key = zf.lookup(p["name"] or "")[0]
            english = zf.english.get(key) if key else None
            label = english or db.desc(ndb).split(',')[0].lower()
            if ov and "grams" in ov and "text" not in ov:
                label += f"; {round(g, 1):g} g used"
            text = (ov or {}).get("text") or f"{q} [{label}]"
            ings.append({"food": ndb, "grams": round(g, 1), "text": text, "curated": bool(ov)})
            log.append([rid, q, p["name"], ndb, db.desc(ndb), 1.0, round(g, 1), rule])
        for extra in c.get("add", []):
            ings.append({"food": extra["food"], "grams": float(extra["grams"]), "text": extra["text"],
                         "curated": True})
            log.append([rid, extra["text"], "", extra["food"], db.desc(extra["food"]), 1.0,
                        extra["grams"], "added by curation"])
        out.append({
            "id": rid, "name": c["name"], "servings": servings,
            "time_active_min": c["times"][0], "time_total_min": c["times"][1],
            "meal_types": c["meal_types"], "cuisine": "chinese", "ingredients": ings,
            "steps": c["steps"], "tags": sorted(set(c.get("tags", []))),
            "source": {"collection": "HowToCook", "path": row["source_path"], "license": "Unlicense",
                       "notes": "Anduin2017/HowToCook @ cbeb536; " + row["title"] +
                                "; name translated and steps rewritten in English for hearth" +
                                ("; " + c["note"] if c.get("note") else "")},
            "curated": curated,
        })
    if problems:
        raise SystemExit("build_recipes: howtocook:\n  " + "\n  ".join(problems))
    return out
