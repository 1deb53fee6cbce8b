// Fills the blank template with fill.json through ExcelJS or SheetJS (the
// npm dev dependencies exceljs and xlsx) and saves it.
//   node fill_js.js exceljs|sheetjs blank.xlsx fill.json out.xlsx
'use strict';
const fs = require('fs');

const [writer, blank, fill, out] = process.argv.slice(2);
const cells = JSON.parse(fs.readFileSync(fill, 'utf8'));
const date = (v) => {
  const [y, m, d] = v.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
};

async function exceljs() {
  const ExcelJS = require('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(blank);
  for (const c of cells) {
    const cell = wb.getWorksheet(c.sheet).getCell(c.cell);
    switch (c.kind) {
      case 's': cell.value = c.value; break;
      case 'n': cell.value = Number(c.value); break;
      // A style of its own: ExcelJS shares one style object among the
      // cells that had the same style, so setting numFmt on it would
      // format the whole column.
      case 'p': cell.value = Number(c.value); cell.style = { ...cell.style, numFmt: '0%' }; break;
      case 'd': cell.value = date(c.value); cell.style = { ...cell.style, numFmt: 'yyyy-mm-dd' }; break;
      default: throw new Error('unknown kind ' + c.kind);
    }
  }
  await wb.xlsx.writeFile(out);
}

function sheetjs() {
  const XLSX = require('xlsx');
  const wb = XLSX.readFile(blank, { cellNF: true, cellDates: true });
  for (const c of cells) {
    const ws = wb.Sheets[c.sheet];
    switch (c.kind) {
      case 's': ws[c.cell] = { t: 's', v: c.value }; break;
      case 'n': ws[c.cell] = { t: 'n', v: Number(c.value) }; break;
      case 'p': ws[c.cell] = { t: 'n', v: Number(c.value), z: '0%' }; break;
      // Dates as ISO 8601 text in t="d" cells, as SheetJS writes them with cellDates.
      case 'd': ws[c.cell] = { t: 'd', v: date(c.value), z: 'yyyy-mm-dd' }; break;
      default: throw new Error('unknown kind ' + c.kind);
    }
  }
  XLSX.writeFile(wb, out, { bookType: 'xlsx', cellDates: true });
}

(writer === 'exceljs' ? exceljs() : Promise.resolve(sheetjs())).catch((e) => {
  console.error(e);
  process.exit(1);
});
