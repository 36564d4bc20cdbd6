#!/usr/bin/env python3
"""Builds data/costs/ (default food prices and greenhouse-gas footprints per SR28 food).

Usage: tools/build_cost_data.py SOURCE_DIR

SOURCE_DIR holds the staged public sources:
  prices/ers_fruit_prices_2022.csv, prices/ers_vegetable_prices_2022.csv   (USDA ERS, public domain)
  environment/poore_nemecek_2018_food_production.csv                        (Poore & Nemecek 2018 via OWID, CC BY 4.0)

Reads data/sr28/foods.csv, data/recipes/*.json and tools/cost_rules.json from the repository and
writes data/costs/{footprint_categories.csv, food_footprints.csv, food_prices.csv, README.md}.
Python 3.11 standard library only; the output is deterministic (sorted, fixed number formats).
Fails (exit 1) when a rule names an unknown category or ERS item, or when a food used by a recipe
has no price or no footprint.
"""

import csv
import glob
import io
import json
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RULES_PATH = os.path.join(REPO, "tools", "cost_rules.json")
OUT_DIR = os.path.join(REPO, "data", "costs")
KG_PER_LB = 0.45359237
# One US pint of juice: 0.473176 L at an assumed density of 1.04 kg/L (fruit juices, 10-12 °Brix).
KG_PER_PINT = 0.473176 * 1.04

PN_FILE = "poore_nemecek_2018_food_production.csv"
ERS_FILES = {"fruit": "ers_fruit_prices_2022.csv", "vegetable": "ers_vegetable_prices_2022.csv"}
PN_STAGES = [
    ("land_use_change", "Land use change"),
    ("animal_feed", "Animal Feed"),
    ("farm", "Farm"),
    ("processing", "Processing"),
    ("transport", "Transport"),
    ("packaging", "Packging"),
    ("retail", "Retail"),
]


def fail(msg):
    print("build_cost_data: " + msg, file=sys.stderr)
    sys.exit(1)


def num(x, digits):
    """Formats a float with at most `digits` decimals and no trailing zeros ("1.4", "0", "59.6")."""
    s = f"{round(x, digits):.{digits}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def write_csv(path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


class Rule:
    """One rule from cost_rules.json: a compiled pattern, an optional exclude and group filter."""

    def __init__(self, d, where):
        self.d = d
        self.id = d.get("id", "")
        try:
            self.pattern = re.compile(d.get("pattern", "."))
            self.exclude = re.compile(d["exclude"]) if "exclude" in d else None
        except re.error as e:
            fail(f"{where} rule {self.id}: bad pattern: {e}")
        self.groups = set(d.get("groups", []))
        self.used = 0

    def matches(self, desc, group):
        if self.groups and group not in self.groups:
            return False
        if not self.pattern.search(desc):
            return False
        return not (self.exclude and self.exclude.search(desc))


def first_match(rules, desc, group):
    for r in rules:
        if r.matches(desc, group):
            r.used += 1
            return r
    return None


def load_foods():
    with open(os.path.join(REPO, "data", "sr28", "foods.csv"), encoding="utf-8") as f:
        foods = list(csv.DictReader(f))
    with open(os.path.join(REPO, "data", "sr28", "food_groups.csv"), encoding="utf-8") as f:
        groups = {r["food_group_code"]: r["food_group"] for r in csv.DictReader(f)}
    return foods, groups


def load_recipe_foods():
    used = {}
    for path in sorted(glob.glob(os.path.join(REPO, "data", "recipes", "*.json"))):
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        for recipe in doc.get("recipes", []):
            for ing in recipe.get("ingredients", []):
                used.setdefault(ing["food"], set()).add(os.path.basename(path))
    return used


def load_pn(src):
    path = os.path.join(src, "environment", PN_FILE)
    with open(path, encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    col = {name: i for i, name in enumerate(header)}
    cats = {}
    for line, row in enumerate(rows[1:], start=2):
        name = row[col["Food product"]]
        total = float(row[col["Total_emissions"]])
        stages = [float(row[col[src_name]]) for _, src_name in PN_STAGES]
        cats[name] = {"total": total, "stages": stages, "line": line}
    if len(cats) != 43:
        fail(f"{path}: expected 43 food products, found {len(cats)}")
    return cats


def load_ers(src):
    items = {}
    for table, name in ERS_FILES.items():
        path = os.path.join(src, "prices", name)
        with open(path, encoding="utf-8") as f:
            for line, row in enumerate(csv.DictReader(f), start=2):
                item = row.get("Fruit") or row.get("Vegetable")
                unit = row["RetailPriceUnit"]
                price = float(row["RetailPrice"])
                if unit == "per pound":
                    per_kg = price / KG_PER_LB
                elif unit == "per pint":
                    per_kg = price / KG_PER_PINT
                else:
                    fail(f"{path} line {line}: unknown unit {unit!r}")
                items[(table, item, row["Form"])] = {
                    "price": price, "unit": unit, "per_kg": per_kg,
                    "yield": float(row["Yield"]), "file": name, "line": line,
                }
    return items


def build_footprints(foods, rules, cats):
    zero_rules = [Rule(d, "footprint_zero") for d in rules["footprint_zero"]]
    cat_rules = [Rule(d, "footprint_rules") for d in rules["footprint_rules"]]
    mods = [Rule(d, "footprint_modifiers") for d in rules["footprint_modifiers"]]
    defaults = rules["footprint_group_defaults"]
    for r in cat_rules:
        if r.d["category"] not in cats:
            fail(f"footprint rule {r.id}: unknown category {r.d['category']!r}")
    for code, d in defaults.items():
        if d["category"] not in cats:
            fail(f"footprint group default {code}: unknown category {d['category']!r}")

    out = {}
    for food in foods:
        desc = food["long_desc"].lower()
        group = food["food_group_code"]
        z = first_match(zero_rules, desc, group)
        if z:
            out[food["ndb_no"]] = ("", 0.0, "zero", 1.0, "zero:" + z.id)
            continue
        r = first_match(cat_rules, desc, group)
        if r:
            cat, factor, basis, why = r.d["category"], r.d.get("factor", 1.0), "category", "rule:" + r.id
        elif group in defaults:
            d = defaults[group]
            cat, factor, basis, why = d["category"], d.get("factor", 1.0), "group_default", "group:" + group
        else:
            fail(f"food {food['ndb_no']}: no footprint rule and no default for group {group}")
        for m in mods:
            if m.matches(desc, group):
                m.used += 1
                factor *= m.d["factor"]
                why += "+" + m.id
        out[food["ndb_no"]] = (cat, cats[cat]["total"] * factor, basis, factor, why)
    return out, zero_rules + cat_rules + mods


def build_prices(foods, rules, ers):
    ers_rules = [Rule(d, "prices_ers") for d in rules["prices_ers"]]
    as_rules = [Rule(d, "prices_assumptions") for d in rules["prices_assumptions"]]
    defaults = rules["price_group_defaults"]
    no_refuse = set(rules["price_refuse_not_applied_groups"])
    for r in ers_rules:
        if tuple(r.d["ers"]) not in ers:
            fail(f"ERS price rule {r.id}: no ERS item {r.d['ers']!r}")

    out = {}
    for food in foods:
        desc = food["long_desc"].lower()
        group = food["food_group_code"]
        refuse = float(food["refuse_pct"]) if food["refuse_pct"] else 0.0
        sr28_edible = 1.0 - refuse / 100.0
        r = first_match(ers_rules, desc, group)
        if r:
            item = ers[tuple(r.d["ers"])]
            y = r.d.get("yield")
            if y == "ers":
                edible, ysrc = item["yield"], "ers"
            elif isinstance(y, (int, float)):
                edible, ysrc = float(y), "rule"
            elif item["yield"] <= 1.0:
                edible, ysrc = item["yield"], "ers"
            else:
                # ERS yields above 1 are cooked yields (water gain); the SR28 food is raw.
                edible, ysrc = sr28_edible, "sr28_refuse"
            src = f"{r.d['ers'][0]}: {r.d['ers'][1]} ({r.d['ers'][2]})"
            out[food["ndb_no"]] = (item["per_kg"] / edible, "ers_2022", item["per_kg"], edible, ysrc,
                                   src, "ers:" + r.id)
            continue
        r = first_match(as_rules, desc, group)
        if r:
            purchase, why = float(r.d["price_per_kg"]), "assumption:" + r.id
        elif group in defaults:
            purchase, why = float(defaults[group]["price_per_kg"]), "group:" + group
        else:
            continue  # No price: the planner treats the food as unpriced.
        if refuse > 0 and group not in no_refuse:
            edible, ysrc = sr28_edible, "sr28_refuse"
        else:
            edible, ysrc = 1.0, "none"
        out[food["ndb_no"]] = (purchase / edible, "assumption", purchase, edible, ysrc, "", why)
    return out, ers_rules + as_rules


def md(pattern):
    """Escapes a pattern for a Markdown table cell."""
    return pattern.replace("|", "\\|")


def write_readme(path, ctx):
    L = []
    a = L.append
    a("# `costs/` — default food prices and greenhouse-gas footprints")
    a("")
    a("Generated by `tools/build_cost_data.py SOURCE_DIR` from the rules in `tools/cost_rules.json`;")
    a("do not edit by hand. Read at run time by `hearth::LoadFoodCosts` "
      "(`include/hearth/importer/food_costs.h`).")
    a("")
    a("## Sources and licenses")
    a("")
    a("- **Greenhouse-gas footprints**: Poore, J. & Nemecek, T. (2018), \"Reducing food's environmental")
    a("  impacts through producers and consumers\", *Science* 360(6392):987-992, as published by Our World")
    a("  in Data (OWID). License: **CC BY 4.0** — cite Poore & Nemecek (2018) and Our World in Data.")
    a("  Input file: `environment/" + PN_FILE + "` (43 food products, kg CO2e per kg of retail")
    a("  product, global means, by supply-chain stage).")
    a("- **Prices**: USDA Economic Research Service, *Fruit and Vegetable Prices*, data year 2022 (national")
    a("  average retail prices from Circana/IRI scanner data). U.S. Government work, **public domain**.")
    a("  Input files: `prices/ers_fruit_prices_2022.csv`, `prices/ers_vegetable_prices_2022.csv`.")
    a("- **Assumed prices**: for foods the ERS tables do not cover, typical 2022 US supermarket prices")
    a("  written for hearth (CC0-1.0), listed one by one below. They are defaults for planning before a")
    a("  market vendor publishes prices, not measurements.")
    a("")
    a("## Files")
    a("")
    a("| file | rows | columns |")
    a("|---|---|---|")
    a(f"| `footprint_categories.csv` | {ctx['n_cats']} | category, kg_co2e_per_kg (P&N total), the seven stage "
      "columns (land_use_change, animal_feed, farm, processing, transport, packaging, retail; kg CO2e/kg), "
      "source_file, source_line |")
    a(f"| `food_footprints.csv` | {ctx['n_foods']} | ndb_no, category (a P&N product, empty for basis `zero`), "
      "kg_co2e_per_kg (= category total × factor), basis (`category` = a keyword rule matched, "
      "`group_default` = the SR28 food-group default, `zero`), factor, rule (the rule id and modifiers "
      "applied, or the zero reason id) |")
    a(f"| `food_prices.csv` | {ctx['n_prices']} | ndb_no, price_per_kg (USD 2022 per kg **edible portion**, "
      "the unit of recipe grams), basis (`ers_2022` or `assumption`), purchase_price_per_kg (per kg as "
      "bought), edible_yield (edible kg per purchased kg), yield_source (`ers`, `rule`, `sr28_refuse`, "
      "`none`), ers_item, rule |")
    a("")
    a("## Coverage")
    a("")
    for line in ctx["coverage"]:
        a("- " + line)
    a("")
    a("## Footprint mapping")
    a("")
    a("Each SR28 food gets exactly one of the 43 Poore & Nemecek (P&N) products, or zero. In order:")
    a("")
    a("1. **Zero rules** (basis `zero`, category empty, 0 kg CO2e/kg):")
    a("")
    a("   | id | pattern | reason |")
    a("   |---|---|---|")
    for d in ctx["rules"]["footprint_zero"]:
        a(f"   | {d['id']} | `{d['pattern']}` | {d['reason']} |")
    a("")
    a("2. **Keyword rules** (basis `category`) on the lower-cased SR28 description, first match wins. The")
    a("   factor scales the P&N total for foods that are concentrated or diluted relative to the P&N")
    a("   retail product (stated per rule):")
    a("")
    a("   | id | groups | pattern | exclude | category | factor | note |")
    a("   |---|---|---|---|---|---|---|")
    for d in ctx["rules"]["footprint_rules"]:
        a(f"   | {d['id']} | {' '.join(d.get('groups', [])) or 'all'} | `{md(d['pattern'])}` | "
          f"{'`' + md(d['exclude']) + '`' if 'exclude' in d else ''} | {d['category']} | "
          f"{d.get('factor', 1)} | {d.get('note', '')} |")
    a("")
    a("3. **Food-group defaults** (basis `group_default`) when no keyword rule matches:")
    a("")
    a("   | group | name | category | factor | note |")
    a("   |---|---|---|---|---|")
    for code, d in sorted(ctx["rules"]["footprint_group_defaults"].items()):
        a(f"   | {code} | {ctx['groups'].get(code, '')} | {d['category']} | {d.get('factor', 1)} | "
          f"{d.get('note', '')} |")
    a("")
    a("4. **Modifiers**, multiplied into the factor of rules 2 and 3 when they match:")
    a("")
    a("   | id | groups | pattern | factor | note |")
    a("   |---|---|---|---|---|")
    for d in ctx["rules"]["footprint_modifiers"]:
        a(f"   | {d['id']} | {' '.join(d.get('groups', []))} | `{md(d['pattern'])}` | "
          f"{d['factor']} | {d.get('note', '')} |")
    a("")
    a("Limitations: P&N values are global means per kg of retail product; they do not vary by country,")
    a("farming system or season. Cooking is not counted. Mixed dishes are approximated by their main")
    a("ingredient × 0.3. Spices, herbs, tea and seeds have no P&N class and borrow a neighbour (stated).")
    a("")
    a("## Price mapping")
    a("")
    a("Prices are per kg of **edible portion**, because recipe grams are edible portion:")
    a("`price_per_kg = purchase_price_per_kg / edible_yield`.")
    a("")
    a(f"1. **ERS 2022** (basis `ers_2022`): ERS price per pound ÷ {KG_PER_LB} kg/lb; juices priced per pint")
    a(f"   ÷ {KG_PER_PINT:.4f} kg/pint (0.473176 L at an assumed 1.04 kg/L). The edible yield is the ERS")
    a("   Yield when it is at most 1 (it already counts peel, cores, seeds, trimming). ERS yields above 1")
    a("   are cooked yields (water gained in cooking); for a raw SR28 food the SR28 edible fraction")
    a("   (1 − refuse_pct/100) is used instead, for cooked SR28 pulses the ERS cooked yield (rules with")
    a("   yield `ers`, e.g. 2.47 kg cooked beans per kg dry). Frozen, dried and canned-with-liquid foods")
    a("   eaten as bought use yield 1 (rules with yield 1.0); canned drained solids keep the ERS 0.65.")
    a("")
    a("   | id | SR28 pattern | ERS item (table: item, form) | yield |")
    a("   |---|---|---|---|")
    for d in ctx["rules"]["prices_ers"]:
        a(f"   | {d['id']} | `{md(d['pattern'])}` | {d['ers'][0]}: {d['ers'][1]} "
          f"({d['ers'][2]}) | {d.get('yield', 'default')} |")
    a("")
    a("2. **Assumptions** (basis `assumption`), first match wins, then the food-group default. Each is a")
    a("   typical 2022 US supermarket price per kg **as bought**, rounded; hearth's own estimate from")
    a("   common package prices, not a measured average. For foods with an SR28 refuse (bone, shell,")
    a("   stems) the edible price divides by (1 − refuse_pct/100), except in groups "
      + ", ".join(ctx["rules"]["price_refuse_not_applied_groups"])
      + " (nuts are priced shelled, while SR28 refuse there is the shell).")
    a("")
    a("   | id | groups | SR28 pattern | USD/kg as bought | note |")
    a("   |---|---|---|---|---|")
    for d in ctx["rules"]["prices_assumptions"]:
        a(f"   | {d['id']} | {' '.join(d.get('groups', [])) or 'all'} | "
          f"`{md(d['pattern'])}` | {d['price_per_kg']:.2f} | {d.get('note', '')} |")
    a("")
    a("   | group default | name | USD/kg as bought | note |")
    a("   |---|---|---|---|")
    for code, d in sorted(ctx["rules"]["price_group_defaults"].items()):
        a(f"   | {code} | {ctx['groups'].get(code, '')} | {d['price_per_kg']:.2f} | {d.get('note', '')} |")
    a("")
    a("Foods in groups without a default (" + ", ".join(ctx["unpriced_groups"]) + ") get no row in")
    a("`food_prices.csv`; the loader reports them as unpriced (`price_per_kg` empty): traditional")
    a("foods that are hunted, fished or gathered rather than sold at retail.")
    a("")
    a("Limitations: national averages (ERS) and national typical prices (assumptions), no regions, no")
    a("sales, no store brands versus name brands; 2022 dollars, not adjusted for inflation. An ERS")
    a("price stands for every SR28 food its rule matches (e.g. all summer squash priced as zucchini).")
    a("Cooked SR28 foods are priced as bought unless a rule divides by a cooking yield (pulses, rice,")
    a("pasta). Market vendor prices, when published, take precedence over these defaults.")
    a("")
    a("## Rebuilding")
    a("")
    a("```")
    a("python3 tools/build_cost_data.py SOURCE_DIR   # SOURCE_DIR/prices/…, SOURCE_DIR/environment/…")
    a("```")
    a("")
    a("The tool is deterministic (same inputs, same bytes). It fails when a rule names an unknown")
    a("P&N product or ERS item, or when a food used by `data/recipes/*.json` gets no price; it notes")
    a("rules that match no food. Edit the rules in `tools/cost_rules.json`, never the CSVs.")
    a("")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(L))


def main(argv):
    if len(argv) != 2:
        fail("usage: build_cost_data.py SOURCE_DIR")
    src = argv[1]
    with open(RULES_PATH, encoding="utf-8") as f:
        rules = json.load(f)
    foods, groups = load_foods()
    foods.sort(key=lambda r: r["ndb_no"])
    cats = load_pn(src)
    ers = load_ers(src)
    recipe_foods = load_recipe_foods()
    known = {f["ndb_no"] for f in foods}
    for ndb in sorted(recipe_foods):
        if ndb not in known:
            fail(f"recipe food {ndb} ({', '.join(sorted(recipe_foods[ndb]))}) is not in data/sr28/foods.csv")

    fp, fp_rules = build_footprints(foods, rules, cats)
    pr, pr_rules = build_prices(foods, rules, ers)

    missing = [n for n in sorted(recipe_foods) if n not in pr or n not in fp]
    if missing:
        fail("recipe foods without a price or footprint: " + ", ".join(missing))
    unused = [r.id for r in fp_rules + pr_rules if r.used == 0]
    if unused:
        print("build_cost_data: note: rules matching no food: " + ", ".join(unused), file=sys.stderr)

    os.makedirs(OUT_DIR, exist_ok=True)
    cat_rows = []
    for name, c in sorted(cats.items(), key=lambda kv: kv[1]["line"]):
        cat_rows.append([name, num(c["total"], 4)] + [num(s, 4) for s in c["stages"]] + [PN_FILE, c["line"]])
    write_csv(os.path.join(OUT_DIR, "footprint_categories.csv"),
              ["category", "kg_co2e_per_kg"] + [k for k, _ in PN_STAGES] + ["source_file", "source_line"],
              cat_rows)
    write_csv(os.path.join(OUT_DIR, "food_footprints.csv"),
              ["ndb_no", "category", "kg_co2e_per_kg", "basis", "factor", "rule"],
              [[n, c, num(v, 4), b, num(fa, 4), w] for n, (c, v, b, fa, w) in sorted(fp.items())])
    write_csv(os.path.join(OUT_DIR, "food_prices.csv"),
              ["ndb_no", "price_per_kg", "basis", "purchase_price_per_kg", "edible_yield", "yield_source",
               "ers_item", "rule"],
              [[n, num(p, 4), b, num(pp, 4), num(y, 4), ys, s, w]
               for n, (p, b, pp, y, ys, s, w) in sorted(pr.items())])

    def count(d, idx, val, keys=None):
        return sum(1 for k, v in d.items() if v[idx] == val and (keys is None or k in keys))

    rf = set(recipe_foods)
    n_zero = count(fp, 2, "zero")
    coverage = [
        f"SR28 foods: {len(foods)}; foods used by `data/recipes/*.json`: {len(rf)} (all have a price and a "
        "footprint — the tool fails otherwise).",
        f"Footprints: {len(fp)} foods — {count(fp, 2, 'category')} by keyword rule, "
        f"{count(fp, 2, 'group_default')} by food-group default, {n_zero} zero. Recipe foods: "
        f"{count(fp, 2, 'category', rf)} keyword, {count(fp, 2, 'group_default', rf)} group default, "
        f"{count(fp, 2, 'zero', rf)} zero.",
        f"Prices: {len(pr)} of {len(foods)} foods — {count(pr, 1, 'ers_2022')} from ERS 2022, "
        f"{count(pr, 1, 'assumption')} assumed. Recipe foods: {count(pr, 1, 'ers_2022', rf)} ERS, "
        f"{count(pr, 1, 'assumption', rf)} assumed ("
        f"{sum(1 for k in rf if k in pr and pr[k][6].startswith('assumption:'))} by a named assumption, "
        f"{sum(1 for k in rf if k in pr and pr[k][6].startswith('group:'))} by a group default).",
        f"ERS items used: {len({tuple(r.d['ers']) for r in pr_rules if 'ers' in r.d and r.used})} of {len(ers)} "
        "(the rest are forms SR28 does not describe, e.g. broccoli florets, celery sticks, romaine hearts).",
        f"Poore & Nemecek products used: {len({v[0] for v in fp.values() if v[0]})} of {len(cats)}.",
    ]
    priced_groups = set(rules["price_group_defaults"])
    unpriced_groups = sorted({f["food_group_code"] for f in foods} - priced_groups)
    write_readme(os.path.join(OUT_DIR, "README.md"), {
        "n_cats": len(cats), "n_foods": len(fp), "n_prices": len(pr), "coverage": coverage,
        "rules": rules, "groups": groups,
        "unpriced_groups": [f"{g} {groups.get(g, '')}" for g in unpriced_groups],
    })
    for line in coverage:
        print(line)


if __name__ == "__main__":
    main(sys.argv)
