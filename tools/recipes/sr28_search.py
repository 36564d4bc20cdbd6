#!/usr/bin/env python3
"""Look up SR28 foods while curating: sr28_search.py WORD [WORD...] | sr28_search.py -n NDB...

Prints ndb, food group and long_desc of foods whose description contains every word,
plus their household measures with -m.
"""
import csv
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data" / "sr28"


def main():
    args = sys.argv[1:]
    measures = "-m" in args
    args = [a for a in args if a != "-m"]
    foods = list(csv.DictReader(open(DATA / "foods.csv", encoding="utf-8")))
    hm = {}
    if measures:
        for r in csv.DictReader(open(DATA / "household_measures.csv", encoding="utf-8")):
            hm.setdefault(r["ndb_no"], []).append(f'{r["amount"]} {r["measure_desc"]}={r["gram_weight"]}g')
    if args and args[0] == "-n":
        want = set(args[1:])
        rows = [f for f in foods if f["ndb_no"] in want]
    else:
        words = [a.lower() for a in args]
        rows = [f for f in foods if all(w in f["long_desc"].lower() for w in words)]
    for f in rows[:60]:
        print(f["ndb_no"], f["food_group_code"], f["long_desc"])
        if measures:
            print("     ", "; ".join(hm.get(f["ndb_no"], [])))


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:
        pass
