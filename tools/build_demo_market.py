#!/usr/bin/env python3
"""Builds the demo market: data/market/demo/vendors.csv and products.csv.

Usage: tools/build_demo_market.py

Harrow Vale is a fictional town; its eight vendors (four farmers' market stalls, two grocers, a
farm shop and a community kitchen's store) sell every food used by a shipped recipe
(data/recipes/*.json), most of them at two or more vendors. Prices derive from the default prices
in data/costs/food_prices.csv (USDA ERS 2022 for fruit and vegetables, stated assumptions for the
rest; per kg as purchased) times a documented factor per vendor and kind of product (PRICE_RULES
below, listed in data/market/README.md). Packages declared by volume get their grams from the
food's SR28 household measures, with the same rule hearth's importer uses.

Reads data/sr28/{foods,household_measures}.csv, data/costs/food_prices.csv and data/recipes/*.json.
Python 3 standard library only. Deterministic: no randomness; stock numbers come from a hash of
(vendor, product). Fails (exit 1) when a recipe food is left unsold or vendors sit closer than
3 km or farther than 12 km apart.
"""

import csv
import glob
import hashlib
import io
import json
import math
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(REPO, "data", "market", "demo")

TOWN = "Harrow Vale"
# Sites (WGS 84). The farmers' market stalls stand on the market square, a few metres apart.
SQUARE = (44.2000, -72.5500)

VENDORS = [
    # id, name, kind, (lat, lon), opening_hours
    ("green-acre-stall", "Green Acre Farm stall", "market_stall", (44.20012, -72.55031), "Sa 08:00-13:00; We 15:00-19:00"),
    ("hillside-dairy-stall", "Hillside Dairy stall", "market_stall", (44.20018, -72.54992), "Sa 08:00-13:00; We 15:00-19:00"),
    ("ridge-meats-stall", "Ridge Meats & Cultivated", "market_stall", (44.19991, -72.54968), "Sa 08:00-13:00"),
    ("north-shore-fish-stall", "North Shore Fish", "market_stall", (44.19983, -72.55012), "Sa 07:00-12:00"),
    ("main-street-grocer", "Main Street Grocer", "grocer", (44.2310, -72.5520), "Mo-Sa 07:00-21:00; Su 09:00-18:00"),
    ("valley-coop", "Valley Food Co-op", "grocer", (44.1760, -72.5050), "Mo-Su 08:00-20:00"),
    ("willow-bend-farm", "Willow Bend Farm Shop", "farm", (44.1500, -72.6150), "Tu-Su 09:00-17:00"),
    ("harrow-vale-kitchen", "Harrow Vale Community Kitchen store", "community_kitchen", (44.2150, -72.6100),
     "Mo,We,Fr 10:00-16:00"),
]

PLACES = {
    "green-acre": ("Green Acre Farm, Harrow Vale", 44.2290, -72.5010),
    "willow-bend": ("Willow Bend Farm, Harrow Vale", 44.1500, -72.6150),
    "hillside": ("Hillside Dairy, Harrow Vale", 44.2480, -72.5900),
    "ridge": ("Ridge Pastures, Harrow Vale", 44.1700, -72.6050),
    "cultivated": ("Bayside Cultivated Foods, Portland, Maine", 43.6591, -70.2568),
    "gulf-of-maine": ("Gulf of Maine", 43.0, -69.0),
    "alaska": ("Gulf of Alaska", 58.0, -150.0),
    "north-atlantic": ("North Atlantic", 45.0, -40.0),
    "kitchen": ("Harrow Vale Community Kitchen", 44.2150, -72.6100),
    "usa": ("United States", 39.8, -98.6),
    "california": ("California, USA", 36.8, -119.4),
    "washington": ("Washington, USA", 47.4, -120.5),
    "florida": ("Florida, USA", 27.8, -81.7),
    "vermont-dairies": ("Vermont dairy cooperative", 44.48, -73.21),
    "quebec": ("Quebec, Canada", 46.8, -71.2),
    "ecuador": ("Ecuador", -1.8, -78.2),
    "mexico": ("Mexico", 23.6, -102.5),
    "spain": ("Spain", 40.0, -3.7),
    "italy": ("Italy", 41.9, 12.6),
    "india": ("India", 20.6, 78.9),
    "thailand": ("Thailand", 15.9, 101.0),
    "vietnam": ("Vietnam", 14.1, 108.3),
    "japan": ("Japan", 36.2, 138.3),
    "china": ("China", 35.9, 104.2),
    "peru": ("Peru", -9.2, -75.0),
    "new-zealand": ("New Zealand", -40.9, 174.9),
    "iran": ("Iran", 32.4, 53.7),
    "indonesia": ("Indonesia", -0.8, 113.9),
    "ghana": ("Ghana", 7.9, -1.0),
    "france": ("France", 46.2, 2.2),
    "switzerland": ("Switzerland", 46.8, 8.2),
    "greece": ("Greece", 39.1, 21.8),
    "netherlands": ("Netherlands", 52.1, 5.3),
    "turkey": ("Turkey", 39.0, 35.2),
    "philippines": ("Philippines", 12.9, 121.8),
    "canada": ("Canada", 56.1, -106.3),
}

# Price factor on the default price per kg as purchased (data/costs/food_prices.csv), per vendor and
# kind of product. Listed in data/market/README.md.
PRICE_RULES = {
    "green-acre-stall": {"local_farm": 0.90, "greenhouse": 1.00},
    "willow-bend-farm": {"local_farm": 0.90, "greenhouse": 1.00, "animal": 1.10},
    "hillside-dairy-stall": {"animal": 1.00},
    "ridge-meats-stall": {"animal": 1.10, "lab_grown": 3.00},
    "north-shore-fish-stall": {"fish": 1.00},
    "main-street-grocer": {"any": 1.05},
    "valley-coop": {"any": 1.15, "organic": 1.30},
    "harrow-vale-kitchen": {"any": 0.80},
}

# Produce the two farms grow: "local_farm" in the field, "greenhouse" under glass (Harrow Vale's
# season is short).
LOCAL_PRODUCE = {
    "11282": "local_farm", "11215": "local_farm", "11124": "local_farm", "11352": "local_farm",
    "11529": "greenhouse", "11291": "local_farm", "11821": "greenhouse", "11297": "local_farm",
    "11165": "greenhouse", "11143": "local_farm", "11819": "greenhouse", "11260": "greenhouse",
    "11205": "greenhouse", "11333": "greenhouse", "11457": "local_farm", "11167": "local_farm",
    "11477": "local_farm", "11090": "local_farm", "02044": "greenhouse", "11052": "local_farm",
    "11209": "greenhouse", "11246": "local_farm", "11109": "local_farm", "11156": "local_farm",
    "11507": "local_farm", "09003": "local_farm", "11251": "local_farm", "11429": "local_farm",
    "11304": "local_farm", "11670": "greenhouse", "11643": "local_farm", "11300": "local_farm",
    "02063": "greenhouse", "02045": "local_farm", "02064": "local_farm", "11116": "local_farm",
    "11135": "local_farm", "11233": "local_farm", "11959": "greenhouse", "11564": "local_farm",
    "11080": "local_farm", "11677": "local_farm", "11422": "local_farm", "09316": "local_farm",
    "09050": "local_farm", "11951": "greenhouse", "11979": "greenhouse", "11141": "local_farm",
    "11957": "local_farm", "11641": "local_farm", "02049": "greenhouse", "11430": "local_farm",
    "11485": "local_farm", "11011": "local_farm", "11147": "local_farm", "11043": "greenhouse",
    "11950": "greenhouse",
}
# Which farm grows what: Green Acre sells most produce; Willow Bend a smaller, overlapping set.
WILLOW_BEND_PRODUCE = {"11282", "11215", "11124", "11352", "11529", "11821", "11143", "11205", "11457",
                       "11167", "11477", "11090", "11109", "11507", "09003", "11643", "11233", "11080",
                       "11564", "11246", "11422", "09316", "09050", "11485", "11011", "11141", "11677"}

DAIRY_STALL = ["01077", "01001", "01145", "01053", "01056", "01116", "01256", "01009", "01019", "01026",
               "01022", "01012", "01017", "01088", "01123", "01138", "01289", "01004", "01023", "01125",
               "01124"]
MEAT_STALL = ["13293", "13970", "13929", "23572", "10219", "10210", "10005", "10070", "10060", "10218",
              "10088", "10001", "10123", "17001", "17224", "17013", "17088", "05062", "05006", "05096",
              "05100", "05305", "05013", "07063", "07036", "07019", "07059", "04002", "04609"]
FISH_STALL = ["15015", "15076", "15091", "15046", "15270", "15136", "15166", "15077", "06174", "15088",
              "15002", "15121"]
FARM_ANIMAL = ["01123", "01138", "19296", "19911", "05006", "05062", "05096", "10219", "23572", "10123",
               "17224", "01077", "01001"]
KITCHEN = ["20444", "20445", "20120", "08120", "20081", "16069", "16144", "16358", "16057", "16050",
           "16033", "16043", "16015", "16018", "16034", "16044", "04582", "02047", "19335", "11282",
           "11352", "11124", "11109", "06172", "06170", "06174", "06700", "20110", "20037", "11531",
           "01123", "01077", "18069", "18075", "18364", "16098", "20036", "16085", "20005", "20080"]
# Kitchen-made foods (cooked in the community kitchen itself).
KITCHEN_MADE = {"20445", "06172", "06170", "06174", "16057", "16050", "16033", "16043", "16015", "20110",
                "20037"}
# The co-op sells these groups (no meat or fish counter), organic where it says so.
COOP_GROUPS = {"0100", "0200", "0400", "0600", "0800", "0900", "1100", "1200", "1400", "1600", "1800",
               "1900", "2000", "2500"}
COOP_ORGANIC_GROUPS = {"0100", "0800", "0900", "1100", "1200", "1600", "2000"}

LIQUIDS_ML = {
    "01077": 946, "01088": 946, "01053": 473, "04582": 1000, "04053": 500, "04058": 250, "04506": 1000,
    "04042": 1000, "16123": 250, "16424": 250, "16124": 250, "02053": 1000, "02048": 500, "02068": 500,
    "02069": 250, "06179": 200, "06971": 150, "09152": 250, "09160": 250, "14106": 750, "14096": 750,
    "14003": 355, "43479": 720, "16139": 946, "14091": 946, "19911": 250, "02050": 59, "06700": 946,
    "06008": 946, "06172": 1000, "06170": 1000, "06174": 1000, "06961": 150, "06168": 150, "06631": 250,
}
GRAMS = {
    "02047": 1000, "02037": 1, "11215": 250, "11216": 200, "09150": 500, "09159": 500, "01123": 600,
    "01138": 420, "01125": 250, "01124": 500, "01001": 250, "01145": 250, "01032": 150, "05006": 1800,
    "15136": 500, "11297": 40, "11165": 40, "02044": 30, "02063": 20, "02045": 30, "02064": 30,
    "02049": 20, "11156": 30, "09040": 1000, "19296": 500, "16126": 400, "16127": 400, "18069": 680,
    "18075": 680, "18029": 450, "18364": 450, "18363": 400, "12147": 100, "12120": 250, "12012": 250,
    "18375": 50, "18369": 200, "18372": 450, "20027": 450, "19904": 100, "19120": 100, "11988": 50,
    "11446": 25, "11445": 100, "14355": 200, "06080": 100, "06075": 100, "13970": 700, "13929": 500,
    "17013": 1500, "10070": 1500, "10001": 1000, "10088": 1200, "17088": 500,
}


def group_grams(ndb, group, price):
    if ndb in GRAMS:
        return GRAMS[ndb]
    if group == "0200":
        return 50 if price >= 30 else 250
    if group in ("0500", "0700", "1000", "1300", "1700", "2300", "1500"):
        return 500
    if group == "0100":
        return 200 if "Cheese" in FOOD_NAMES[ndb] else 500
    if group in ("1100", "0900"):
        return 1000 if price < 8 else 250
    if group == "1200":
        return 250 if price >= 12 else 400
    return 1000 if price < 4 else 400 if price < 10 else 200


def load_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


FOOD_NAMES = {}
FOOD_GROUPS = {}
for row in load_csv(os.path.join(REPO, "data", "sr28", "foods.csv")):
    FOOD_NAMES[row["ndb_no"]] = row["long_desc"]
    FOOD_GROUPS[row["ndb_no"]] = row["food_group_code"]
MEASURES = {}
for row in load_csv(os.path.join(REPO, "data", "sr28", "household_measures.csv")):
    MEASURES.setdefault(row["ndb_no"], []).append((float(row["amount"]), row["measure_desc"],
                                                   float(row["gram_weight"])))
PRICES = {row["ndb_no"]: row for row in load_csv(os.path.join(REPO, "data", "costs", "food_prices.csv"))}

VOLUME_UNITS = [[("cup", 236.588), ("cups", 236.588)],
                [("tbsp", 14.787), ("tablespoon", 14.787), ("tablespoons", 14.787)],
                [("tsp", 4.929), ("teaspoon", 4.929), ("teaspoons", 4.929)],
                [("fl oz", 29.574)],
                [("ml", 1.0), ("milliliter", 1.0), ("milliliters", 1.0)],
                [("l", 1000.0), ("liter", 1000.0), ("liters", 1000.0)]]


def density(ndb):
    """Grams per ml: hearth's FoodDensity rule (src/importer/market_io.cc)."""
    for units in VOLUME_UNITS:
        for amount, desc, grams in MEASURES.get(ndb, []):
            if amount <= 0 or grams <= 0:
                continue
            for word, ml in units:
                d = desc.lower()
                if d.startswith(word) and (len(d) == len(word) or not d[len(word)].isalpha()):
                    if d[len(word):].lstrip(", ").startswith("whipped"):
                        continue  # "cup, whipped": whipped cream, half as dense
                    return grams / (amount * ml)
    return None


def recipe_foods():
    foods = set()
    for path in sorted(glob.glob(os.path.join(REPO, "data", "recipes", "*.json"))):
        with open(path, encoding="utf-8") as f:
            for recipe in json.load(f)["recipes"]:
                for ing in recipe["ingredients"]:
                    foods.add(ing["food"])
    return foods


def stable_int(*parts, lo, hi):
    h = int(hashlib.sha256("/".join(parts).encode()).hexdigest()[:8], 16)
    return lo + h % (hi - lo + 1)


def short_name(ndb, n=3):
    """The SR28 name's first `n` parts, without "raw" and the like."""
    parts = [p.strip() for p in FOOD_NAMES[ndb].split(",")]
    drop = {"raw", "fresh", "unprepared", "dry", "regular", "all commercial varieties"}
    kept = [p for p in parts if p.lower() not in drop][:n]
    return ", ".join(kept) if kept else parts[0]


def size_label(grams, ml, ndb):
    if ndb == "01123":
        return "12 eggs"
    if ndb == "01138":
        return "6 duck eggs"
    if ml:
        return f"{ml / 1000:g} l" if ml >= 1000 else f"{ml:g} ml"
    return f"{grams / 1000:g} kg" if grams >= 1000 else f"{grams:g} g"


GROCER_ORIGIN_BY_GROUP = {"0100": "vermont-dairies", "0200": "india", "0900": "california", "1100": "california",
                          "1700": "new-zealand", "1500": "north-atlantic"}
ORIGIN_OVERRIDES = {
    "09040": "ecuador", "09150": "mexico", "09159": "mexico", "09037": "mexico", "09176": "mexico",
    "09200": "florida", "09195": "spain", "09193": "spain", "09003": "washington", "04053": "spain",
    "12087": "vietnam", "12118": "thailand", "06179": "thailand", "20444": "thailand", "20450": "thailand",
    "20452": "thailand", "20036": "thailand", "20061": "thailand", "20133": "thailand", "20035": "peru",
    "16123": "japan", "16424": "japan", "16124": "japan", "16112": "japan", "43479": "japan",
    "06176": "china", "06175": "china", "16082": "china", "11988": "china", "19911": "quebec",
    "19904": "ghana", "19120": "switzerland", "02037": "iran", "02050": "indonesia", "02047": "usa",
    "02053": "usa", "02046": "usa", "02048": "usa", "02068": "italy", "02069": "italy", "01032": "italy",
    "01023": "switzerland", "01019": "greece", "01022": "netherlands", "12147": "china", "12120": "turkey",
    "11216": "china", "11215": "china", "15270": "vietnam", "15166": "philippines", "15136": "alaska",
    "15076": "alaska", "15077": "alaska", "11446": "japan", "11445": "japan", "14355": "india",
    "17088": "canada", "12166": "turkey", "09298": "california", "09291": "california",
    "09032": "turkey", "18337": "france",
}
FAIRTRADE = {"09040", "19904", "19120", "14355", "19335", "19334", "02050"}
MSC = {"15015", "15046", "15076", "15077", "15088", "15136"}
NON_GMO = {"16126", "16127", "16139", "16112", "04582", "11167", "11913", "16123"}


def origin(key):
    name, lat, lon = PLACES[key]
    return name, lat, lon


def grocer_origin(ndb):
    if ndb in ORIGIN_OVERRIDES:
        return ORIGIN_OVERRIDES[ndb]
    return GROCER_ORIGIN_BY_GROUP.get(FOOD_GROUPS[ndb], "usa")


def main():
    foods = recipe_foods()
    sellable = sorted(f for f in foods if float(PRICES[f]["price_per_kg"]) > 0)
    unpriced = sorted(f for f in foods if float(PRICES[f]["price_per_kg"]) <= 0)
    products = []  # dicts keyed by the CSV columns
    labels = {}  # (vendor, product id) -> package label

    def add(vendor, ndb, production, factor, place, *, organic=False, gmo=None, certs=(), co2e=None,
            stock_range=(10, 60), tracked=True, updated="2026-11-23", pid_suffix="", name_prefix="",
            scale=1.0, display=None):
        base = float(PRICES[ndb]["purchase_price_per_kg"])
        ml = LIQUIDS_ML.get(ndb)
        dens = density(ndb) if ml else None
        ml = round(ml * scale) if ml and dens else None
        if ml:
            grams = ml * dens
        else:
            grams = group_grams(ndb, FOOD_GROUPS[ndb], base) * scale
        price = max(0.10, round(base * factor * grams / 1000, 2))
        pid = f"{ndb}{pid_suffix}"
        label = size_label(grams, ml, ndb)
        name = f"{display or name_prefix + short_name(ndb)}, {label}"
        labels[(vendor, f"{ndb}{pid_suffix}")] = label
        oname, olat, olon = origin(place) if place else ("", None, None)
        stock = stable_int(vendor, pid, lo=stock_range[0], hi=stock_range[1]) if tracked else None
        products.append({
            "vendor_id": vendor, "id": pid, "name": name, "food": ndb,
            "package_g": "" if ml else f"{grams:g}", "package_ml": f"{ml:g}" if ml else "",
            "price": f"{price:.2f}", "currency": "USD", "stock": "" if stock is None else str(stock),
            "origin": oname, "origin_lat": "" if olat is None else f"{olat:g}",
            "origin_lon": "" if olon is None else f"{olon:g}", "production": production,
            "organic": "true" if organic else "false", "gmo": "" if gmo is None else ("true" if gmo else "false"),
            "certifications": ";".join(certs), "co2e_per_kg": "" if co2e is None else f"{co2e:g}",
            "updated_at": updated,
        })

    # Farmers' market stalls (market day: Saturday 2026-11-21).
    market_day = "2026-11-21T07:30:00-05:00"
    declared = {"11124": 0.3, "11352": 0.3, "11282": 0.35, "11529": 2.9, "11205": 2.5}  # Green Acre's own figures.
    for ndb in sorted(LOCAL_PRODUCE):
        if ndb not in foods:
            continue
        prod = LOCAL_PRODUCE[ndb]
        organic = stable_int("organic", ndb, lo=0, hi=2) == 0
        certs = [] if organic else (["Certified Naturally Grown"] if stable_int("cng", ndb, lo=0, hi=1) else [])
        add("green-acre-stall", ndb, prod, PRICE_RULES["green-acre-stall"][prod], "green-acre", organic=organic,
            gmo=False, certs=certs, co2e=declared.get(ndb), stock_range=(8, 40), updated=market_day)
    for ndb in DAIRY_STALL:
        if ndb in foods:
            add("hillside-dairy-stall", ndb, "local_farm", 1.00, "hillside", stock_range=(6, 30), updated=market_day)
    for ndb in MEAT_STALL:
        if ndb in foods:
            add("ridge-meats-stall", ndb, "local_farm", 1.10, "ridge", certs=["Animal Welfare Approved"],
                stock_range=(4, 20), updated=market_day)
    # Cultivated (lab-grown) chicken: three times the price of farmed chicken breast.
    add("ridge-meats-stall", "05062", "lab_grown", 3.00, "cultivated", pid_suffix="-cultivated",
        display="Cultivated chicken breast", co2e=3.8, stock_range=(3, 10), updated=market_day, scale=0.5)
    for ndb in FISH_STALL:
        if ndb in foods:
            prod = "imported" if ndb == "15270" else "wild_caught"
            place = ORIGIN_OVERRIDES.get(ndb, "gulf-of-maine")
            add("north-shore-fish-stall", ndb, prod, 1.00, place, certs=["MSC"] if ndb in MSC else [],
                stock_range=(3, 25), updated="2026-11-21T06:45:00-05:00")

    # Willow Bend farm shop.
    for ndb in sorted(WILLOW_BEND_PRODUCE):
        if ndb in foods:
            prod = LOCAL_PRODUCE[ndb]
            add("willow-bend-farm", ndb, prod, PRICE_RULES["willow-bend-farm"][prod], "willow-bend", organic=True,
                gmo=False, stock_range=(10, 60), updated="2026-11-22", scale=2.0 if prod == "local_farm" else 1.0)
    for ndb in FARM_ANIMAL:
        if ndb in foods:
            add("willow-bend-farm", ndb, "local_farm", 1.10, "willow-bend", certs=["Animal Welfare Approved"],
                stock_range=(5, 30), updated="2026-11-22")

    # Main Street Grocer: every recipe food.
    for ndb in sellable:
        place = grocer_origin(ndb)
        group = FOOD_GROUPS[ndb]
        prod = "local_farm" if group == "0100" else "wild_caught" if group == "1500" and ndb not in ("15270",) \
            else "imported"
        certs = ["Fairtrade"] if ndb in FAIRTRADE else ["MSC"] if ndb in MSC else []
        add("main-street-grocer", ndb, prod, 1.05, place, gmo=True if ndb == "04582" else None, certs=certs,
            stock_range=(20, 150), updated="2026-11-23")

    # Valley Food Co-op: produce from Green Acre when local, organic where the group allows.
    for ndb in sellable:
        group = FOOD_GROUPS[ndb]
        if group not in COOP_GROUPS:
            continue
        organic = group in COOP_ORGANIC_GROUPS
        certs = []
        if organic:
            certs.append("USDA Organic")
        if ndb in FAIRTRADE:
            certs.append("Fairtrade")
        if ndb in NON_GMO:
            certs.append("Non-GMO Project Verified")
        if ndb in LOCAL_PRODUCE:
            prod, place = LOCAL_PRODUCE[ndb], "green-acre"
        else:
            prod, place = ("local_farm", "vermont-dairies") if group == "0100" else ("imported", grocer_origin(ndb))
        factor = PRICE_RULES["valley-coop"]["organic" if organic else "any"]
        bulk = group in ("0800", "1600", "2000") and float(PRICES[ndb]["purchase_price_per_kg"]) < 8
        add("valley-coop", ndb, prod, factor, place, organic=organic, gmo=False if ndb in NON_GMO else None,
            certs=certs, stock_range=(10, 80), updated="2026-11-24", scale=2.0 if bulk else 1.0)

    # Harrow Vale Community Kitchen store: staples in bulk and foods cooked in the kitchen.
    for ndb in KITCHEN:
        if ndb not in foods:
            continue
        made = ndb in KITCHEN_MADE
        place = "kitchen" if made else grocer_origin(ndb)
        prod = "local_farm" if made or FOOD_GROUPS[ndb] in ("0100", "1100") else "imported"
        dry = FOOD_GROUPS[ndb] in ("0800", "1600", "2000", "1900", "0200") and not made
        add("harrow-vale-kitchen", ndb, prod, 0.80, place, tracked=not dry, stock_range=(4, 24),
            updated="2026-11-23", scale=5.0 if dry else 1.0)

    # Names that two products of one vendor share get the whole SR28 name.
    seen = {}
    for p in products:
        seen.setdefault((p["vendor_id"], p["name"]), []).append(p)
    for same in seen.values():
        if len(same) > 1:
            for p in same:
                p["name"] = f"{short_name(p['food'], 9)}, {labels[(p['vendor_id'], p['id'])]}"
    if len({(p["vendor_id"], p["name"]) for p in products}) != len(products):
        sys.exit("two products of one vendor have the same name")

    # Checks.
    sold = {}
    for p in products:
        sold.setdefault(p["food"], set()).add(p["vendor_id"])
    missing = [f for f in sellable if f not in sold]
    if missing:
        sys.exit(f"recipe foods not sold by any vendor: {missing}")
    sites = [(v[0], v[3]) for v in VENDORS if v[2] != "market_stall"] + [("market square", SQUARE)]
    for i, (a, pa) in enumerate(sites):
        for b, pb in sites[i + 1:]:
            d = haversine(pa, pb)
            if not 3 <= d <= 12:
                sys.exit(f"{a} and {b} are {d:.1f} km apart (want 3-12 km)")
    multi = sum(1 for f in sellable if len(sold[f]) >= 2)

    os.makedirs(OUT_DIR, exist_ok=True)
    write_csv(os.path.join(OUT_DIR, "vendors.csv"), ["id", "name", "kind", "lat", "lon", "opening_hours"],
              [{"id": v[0], "name": v[1], "kind": v[2], "lat": f"{v[3][0]:g}", "lon": f"{v[3][1]:g}",
                "opening_hours": v[4]} for v in VENDORS])
    write_csv(os.path.join(OUT_DIR, "products.csv"),
              ["vendor_id", "id", "name", "food", "package_g", "package_ml", "price", "currency", "stock", "origin",
               "origin_lat", "origin_lon", "production", "organic", "gmo", "certifications", "co2e_per_kg",
               "updated_at"], products)
    per_vendor = {v[0]: sum(1 for p in products if p["vendor_id"] == v[0]) for v in VENDORS}
    print(f"{len(VENDORS)} vendors, {len(products)} products; {len(sellable)} recipe foods sold "
          f"({multi} at two or more vendors); not sold (free): {unpriced}")
    for v, n in per_vendor.items():
        print(f"  {v}: {n}")


def haversine(a, b):
    r = math.pi / 180
    dlat, dlon = (b[0] - a[0]) * r, (b[1] - a[1]) * r
    h = math.sin(dlat / 2) ** 2 + math.cos(a[0] * r) * math.cos(b[0] * r) * math.sin(dlon / 2) ** 2
    return 2 * 6371 * math.asin(min(1, math.sqrt(h)))


def write_csv(path, columns, rows):
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    for row in rows:
        w.writerow(row)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


if __name__ == "__main__":
    main()
