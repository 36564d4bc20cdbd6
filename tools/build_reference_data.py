#!/usr/bin/env python3
"""Derives hearth's shipped reference data (data/sr28, data/dri) from the staged
public sources. Run by hand when the sources change; the product only reads
the files this writes, never the sources.

usage: tools/build_reference_data.py SOURCE_DIR [OUT_DATA_DIR]
  SOURCE_DIR holds usda_sr28/ and dri/ as described in data/SOURCES.md.
"""
import csv
import shutil
import sys
from pathlib import Path


def main():
    src = Path(sys.argv[1])
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).resolve().parent.parent / "data"
    sr = src / "usda_sr28" / "csv"
    dst = out / "sr28"
    dst.mkdir(parents=True, exist_ok=True)

    # Foods: identity, group and names only (nutrients live in their own table).
    keep = ["ndb_no", "fdc_id_sr_legacy", "food_group_code", "long_desc", "common_names",
            "manufacturer", "survey", "refuse_desc", "refuse_pct"]
    with open(sr / "food.csv", newline="", encoding="utf-8") as f, \
         open(dst / "foods.csv", "w", newline="", encoding="utf-8") as g:
        r = csv.DictReader(f)
        w = csv.writer(g, lineterminator="\n")
        w.writerow(["ndb_no", "fdc_id", "food_group_code", "long_desc", "common_names",
                    "manufacturer", "survey", "refuse_desc", "refuse_pct"])
        n = 0
        for row in r:
            w.writerow([row[k] for k in keep])
            n += 1
    assert n == 8789, n

    # The 44 planner nutrients per 100 g, wide; empty = not reported by SR28.
    with open(sr / "food_nutrient_core_wide.csv", newline="", encoding="utf-8") as f, \
         open(dst / "nutrients_per_100g.csv", "w", newline="", encoding="utf-8") as g:
        r = csv.reader(f)
        w = csv.writer(g, lineterminator="\n")
        header = next(r)
        w.writerow([header[0]] + header[2:])
        n = 0
        for row in r:
            w.writerow([row[0]] + row[2:])
            n += 1
    assert n == 8789, n

    with open(sr / "weight.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert len(rows) - 1 == 15438, len(rows)
    with open(dst / "household_measures.csv", "w", newline="", encoding="utf-8") as g:
        w = csv.writer(g, lineterminator="\n")
        w.writerow(["ndb_no", "seq", "amount", "measure_desc", "gram_weight"])
        for row in rows[1:]:
            w.writerow(row[:5])

    shutil.copyfile(sr / "food_group.csv", dst / "food_groups.csv")
    shutil.copyfile(sr / "nutrient.csv", dst / "nutrient_definitions.csv")
    extra = out / "sr28" / "extra"
    extra.mkdir(exist_ok=True)
    shutil.copyfile(sr / "food_nutrient_all.csv.xz", extra / "food_nutrient_all.csv.xz")

    dri = out / "dri"
    dri.mkdir(exist_ok=True)
    for name in ["dri_values_long.csv", "amdr.csv", "sodium_potassium_2019.csv",
                 "energy_equations.csv", "macronutrient_additional_recommendations.csv"]:
        shutil.copyfile(src / "dri" / name, dri / name)
    print("wrote", out)


if __name__ == "__main__":
    main()
