"""Prints, as JSON, every value openpyxl reads in the given workbooks: for
each file its date system and, for each sheet, each non-empty cell as
[type, value] (n: number, s: text, d: date as YYYY-MM-DD, b: boolean,
e: error), the saved result of a formula in place of the formula; or
{"error": ...} when openpyxl cannot read the file.

python3 cells_openpyxl.py FILE...
"""
import datetime
import json
import sys

from openpyxl import load_workbook


def cells(path):
    try:
        wb = load_workbook(path, data_only=True)
    except Exception as e:  # openpyxl's own limits, reported to the test
        return {"error": "%s: %s" % (type(e).__name__, e)}
    out = {"date1904": wb.epoch.year == 1904, "sheets": {}}
    for ws in wb.worksheets:
        sheet = {}
        # Only the cells the file holds (iter_rows would visit every cell
        # of the used range, 98 million for borders out to XFD6000).
        for c in ws._cells.values():
            v = c.value
            if v is None or v == "":
                continue
            if isinstance(v, bool):
                sheet[c.coordinate] = ["b", v]
            elif isinstance(v, (int, float)):
                sheet[c.coordinate] = ["n", v]
            elif isinstance(v, (datetime.datetime, datetime.date)):
                sheet[c.coordinate] = ["d", v.strftime("%Y-%m-%d")]
            elif c.data_type == "e":
                sheet[c.coordinate] = ["e", str(v)]
            else:
                sheet[c.coordinate] = ["s", str(v)]
        out["sheets"][ws.title] = sheet
    return out


if __name__ == "__main__":
    json.dump({p: cells(p) for p in sys.argv[1:]}, sys.stdout, ensure_ascii=False)
