#!/bin/sh
# Writes the filled template through each program a unit's file may pass
# through, into OUT (default: this folder): libreoffice.xlsx and
# gnumeric.xlsx open excelize.xlsx and save it again; openpyxl.xlsx,
# exceljs.xlsx and sheetjs.xlsx fill blank.xlsx with fill.json themselves.
# Needs LibreOffice (soffice), Gnumeric (ssconvert), python3-openpyxl and
# Node.js with the npm dev dependencies (npm ci).
#   internal/workbook/testdata/foreign/writers.sh [OUT]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "${1:-$here}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$here"

soffice --headless -env:UserInstallation="file://$work/profile" \
	--convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$work/lo" excelize.xlsx >/dev/null 2>&1
cp "$work/lo/excelize.xlsx" "$out/libreoffice.xlsx"
ssconvert --export-type=Gnumeric_Excel:xlsx2 excelize.xlsx "$work/gnumeric.xlsx" >/dev/null 2>&1
cp "$work/gnumeric.xlsx" "$out/gnumeric.xlsx"
# Debian's python3-openpyxl is for the system's python3, which another
# python3 on PATH may hide.
py=python3
python3 -c 'import openpyxl' 2>/dev/null || py=/usr/bin/python3
"$py" fill_openpyxl.py blank.xlsx fill.json "$out/openpyxl.xlsx"
node fill_js.js exceljs blank.xlsx fill.json "$out/exceljs.xlsx"
node fill_js.js sheetjs blank.xlsx fill.json "$out/sheetjs.xlsx"
