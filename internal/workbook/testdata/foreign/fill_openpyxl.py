"""Fills the blank template with fill.json through openpyxl and saves it.

python3 fill_openpyxl.py blank.xlsx fill.json out.xlsx
"""
import datetime
import json
import sys

from openpyxl import load_workbook


def main(blank, fill, out):
    wb = load_workbook(blank)
    with open(fill, encoding="utf-8") as f:
        cells = json.load(f)
    for c in cells:
        cell = wb[c["sheet"]][c["cell"]]
        kind, value = c["kind"], c["value"]
        if kind == "s":
            cell.value = value
        elif kind == "n":
            cell.value = float(value) if "." in value else int(value)
        elif kind == "p":
            cell.value = float(value)
            cell.number_format = "0%"
        elif kind == "d":
            cell.value = datetime.date.fromisoformat(value)
            cell.number_format = "yyyy-mm-dd"
        else:
            raise SystemExit("unknown kind " + kind)
    wb.save(out)


if __name__ == "__main__":
    main(*sys.argv[1:4])
