#!/bin/sh
# Remakes the foreign-writer corpus (see README.md): what plansite's own code
# makes (blank.xlsx, fill.json, excelize.xlsx and the hand-edited variants
# hand-*.xlsx), then what the other programs write (writers.sh).
#   internal/workbook/testdata/foreign/make.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
(cd "$here/../../../.." && go test ./internal/workbook -count=1 -run TestMakeForeign -update)
"$here/writers.sh"
ls -l "$here"/*.xlsx
