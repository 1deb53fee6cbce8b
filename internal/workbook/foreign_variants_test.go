package workbook

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/plansite/plansite/internal/domain"
)

// handVariant is a file of the corpus made from excelize.xlsx by editing
// its XML or its zip the way another writer (or a person) shapes it.
type handVariant struct {
	name string
	make func(t *testing.T, pk *pkg)
	foreignCase
}

const mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

// serial returns the Excel serial of a date: days since 1899-12-30, or
// since 1904-01-01 in the 1904 date system.
func serial(d domain.Date, date1904 bool) string {
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if date1904 {
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return strconv.Itoa(int(d.Time().Sub(base).Hours() / 24))
}

// styleOf returns the style attribute value of a cell.
func (pk *pkg) styleOf(t *testing.T, part, ref string) string {
	_, after, ok := strings.Cut(pk.cellXML(t, part, ref), ` s="`)
	if !ok {
		t.Fatalf("%s!%s has no style", part, ref)
	}
	s, _, _ := strings.Cut(after, `"`)
	return s
}

// replaceCell replaces the whole cell ref of part.
func (pk *pkg) replaceCell(t *testing.T, part, ref, xml string) {
	pk.edit(t, part, pk.cellXML(t, part, ref), xml)
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

func handVariants() []handVariant {
	var (
		info  = func(t *testing.T, pk *pkg) string { return pk.sheetPart(t, SheetInfo) }
		tasks = func(t *testing.T, pk *pkg) string { return pk.sheetPart(t, SheetTasks) }
	)
	worksheets := func(pk *pkg) []string {
		var out []string
		for _, n := range pk.names {
			if strings.HasPrefix(n, "xl/worksheets/") {
				out = append(out, n)
			}
		}
		return out
	}
	return []handVariant{
		{name: "hand-1904.xlsx", make: func(t *testing.T, pk *pkg) {
			// Excel for Mac: every date counts from 1904, 填报日期, 完成整改时间,
			// 报送月份 as a date, and an id Excel turned into a date.
			pk.edit(t, "xl/workbook.xml", "<workbookPr ", `<workbookPr date1904="1" `)
			date := pk.styleOf(t, info(t, pk), "B5")
			pk.setCell(t, info(t, pk), "B5", "", "<v>"+serial(domain.MustDate(2023, 6, 20), true)+"</v>")
			pk.replaceCell(t, info(t, pk), "B2", `<c r="B2" s="`+date+`"><v>`+serial(domain.MustDate(2023, 6, 1), true)+`</v></c>`)
			problems := pk.sheetPart(t, SheetProblems)
			pk.setCell(t, problems, "F2", "", "<v>"+serial(domain.MustDate(2023, 6, 15), true)+"</v>")
			pk.setCell(t, problems, "F4", "", "<v>"+serial(domain.MustDate(2023, 6, 17), true)+"</v>")
			// 1.4 typed as 1-4 and turned into 4 January.
			pk.replaceCell(t, tasks(t, pk), "A5", `<c r="A5" s="`+date+`"><v>`+serial(domain.MustDate(2023, 1, 4), true)+`</v></c>`)
		}, foreignCase: foreignCase{findings: []string{"重点任务!A5 编号被 Excel 改成了日期（1月4日）"}}},

		{name: "hand-part-case.xlsx", make: func(t *testing.T, pk *pkg) {
			// Part names in other cases than the relationships name them.
			for _, n := range append([]string(nil), pk.names...) {
				up := strings.ToUpper(n[:1]) + n[1:]
				switch {
				case strings.HasPrefix(n, "xl/worksheets/"):
					up = "XL/Worksheets/" + strings.ToUpper(strings.TrimPrefix(n, "xl/worksheets/"))
				case n == "xl/sharedStrings.xml":
					up = "xl/SharedStrings.xml"
				case n == "[Content_Types].xml":
					up = "[content_types].xml"
				case strings.HasPrefix(n, "xl/"):
					up = "Xl/" + strings.ToUpper(n[3:4]) + n[4:]
				}
				pk.rename(n, up)
			}
		}},

		{name: "hand-absolute-targets.xlsx", make: func(t *testing.T, pk *pkg) {
			rels := string(pk.parts["xl/_rels/workbook.xml.rels"])
			rels = regexp.MustCompile(`Target="([a-z][^"]*)"`).ReplaceAllString(rels, `Target="/xl/$1"`)
			pk.parts["xl/_rels/workbook.xml.rels"] = []byte(rels)
			pk.edit(t, "_rels/.rels", `Target="xl/workbook.xml"`, `Target="/xl/workbook.xml"`)
		}},

		{name: "hand-x-prefix.xlsx", make: func(t *testing.T, pk *pkg) {
			// The main namespace under a prefix, as .NET and Java writers do.
			tag := regexp.MustCompile(`<(/?)([A-Za-z][\w.-]*)([\s/>])`)
			for _, n := range append(worksheets(pk), "xl/workbook.xml", "xl/sharedStrings.xml", "xl/styles.xml") {
				s := strings.Replace(string(pk.parts[n]), ` xmlns:x="`+mainNS+`"`, "", 1)
				s = strings.Replace(s, `xmlns="`+mainNS+`"`, `xmlns:x="`+mainNS+`"`, 1)
				pk.parts[n] = []byte(tag.ReplaceAllString(s, "<${1}x:$2$3"))
			}
		}},

		{name: "hand-inline-strings.xlsx", make: func(t *testing.T, pk *pkg) {
			sst := pk.sst(t)
			cell := regexp.MustCompile(`<c r="([A-Z]+\d+)"( s="\d+")? t="s"><v>(\d+)</v></c>`)
			for _, n := range worksheets(pk) {
				pk.parts[n] = cell.ReplaceAllFunc(pk.parts[n], func(m []byte) []byte {
					g := cell.FindSubmatch(m)
					i, _ := strconv.Atoi(string(g[3]))
					return []byte(`<c r="` + string(g[1]) + `"` + string(g[2]) + ` t="inlineStr"><is><t xml:space="preserve">` + sst[i] + `</t></is></c>`)
				})
			}
			pk.remove("xl/sharedStrings.xml")
			rels := regexp.MustCompile(`<Relationship Id="rId\d+" Target="/xl/sharedStrings.xml"[^>]*></Relationship>`)
			pk.parts["xl/_rels/workbook.xml.rels"] = rels.ReplaceAll(pk.parts["xl/_rels/workbook.xml.rels"], nil)
			ct := regexp.MustCompile(`<Override PartName="/xl/sharedStrings.xml"[^>]*></Override>`)
			pk.parts["[Content_Types].xml"] = ct.ReplaceAll(pk.parts["[Content_Types].xml"], nil)
		}},

		{name: "hand-no-dimension-no-r.xlsx", make: func(t *testing.T, pk *pkg) {
			// No <dimension>, rows and cells without r where they follow
			// one another from the first (as streaming writers write them).
			dim := regexp.MustCompile(`<dimension ref="[^"]*"\s*(/>|></dimension>)`)
			row := regexp.MustCompile(`<row r="(\d+)"([^>]*)>(.*?)</row>`)
			ref := regexp.MustCompile(`<c r="([A-Z]+)(\d+)"`)
			for _, n := range worksheets(pk) {
				s := dim.ReplaceAllString(string(pk.parts[n]), "")
				next := 1
				s = row.ReplaceAllStringFunc(s, func(m string) string {
					g := row.FindStringSubmatch(m)
					num, _ := strconv.Atoi(g[1])
					cells := g[3]
					refs := ref.FindAllStringSubmatch(cells, -1)
					consecutive := true
					for i, r := range refs {
						c, _ := excelize.ColumnNameToNumber(r[1])
						consecutive = consecutive && c == i+1
					}
					if consecutive {
						cells = ref.ReplaceAllString(cells, "<c")
					}
					attr := ` r="` + g[1] + `"`
					if num == next {
						attr = ""
					}
					next = num + 1
					return "<row" + attr + g[2] + ">" + cells + "</row>"
				})
				pk.parts[n] = []byte(s)
			}
		}},

		{name: "hand-shared-formulas.xlsx", make: func(t *testing.T, pk *pkg) {
			// 完成进度 as one shared formula with its saved results, and a
			// formula whose result is text.
			part := tasks(t, pk)
			for i, v := range []string{"60", "100", "35", "72.5", "0.55", "40", "", "100", "47", "0.9", "0"} {
				ref := "E" + strconv.Itoa(i+2)
				switch {
				case i == 0:
					pk.setCell(t, part, ref, "", `<f t="shared" ref="E2:E12" si="0">40+20</f><v>60</v>`)
				case v == "":
					pk.setCell(t, part, ref, ` t="str"`, `<f>"88"&amp;"%"</f><v>88%</v>`)
				default:
					pk.setCell(t, part, ref, "", `<f t="shared" si="0"/><v>`+v+`</v>`)
				}
			}
		}},

		{name: "hand-formulas-no-cache.xlsx", make: func(t *testing.T, pk *pkg) {
			// Formulas a program wrote without computing them.
			part := tasks(t, pk)
			pk.setCell(t, part, "E2", "", `<f t="shared" ref="E2:E3" si="0">40+20</f>`)
			pk.setCell(t, part, "E3", "", `<f t="shared" si="0"/>`)
		}, foreignCase: foreignCase{
			change:   func(r *domain.Report) { r.Tasks[0].Progress, r.Tasks[1].Progress = nil, nil },
			findings: []string{"重点任务!E2 没有它的计算结果", "重点任务!E3 没有它的计算结果"},
		}},

		{name: "hand-rich-phonetic.xlsx", make: func(t *testing.T, pk *pkg) {
			// Rich text in runs, with phonetic runs (furigana) that are not
			// the cell's text: inline in G2, shared in H3.
			p := mustPlan(t)
			want, _ := foreignFill(p)
			done := []rune(want.Tasks[0].Done)
			a, b := xmlEscape(string(done[:6])), xmlEscape(string(done[6:]))
			part := tasks(t, pk)
			pk.setCell(t, part, "G2", ` t="inlineStr"`, `<is><r><t>`+a+`</t></r><r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve">`+b+`</t></r><rPh sb="0" eb="2"><t>ほんげつ</t></rPh><phoneticPr fontId="1" type="noConversion"/></is>`)
			sst := string(pk.parts["xl/sharedStrings.xml"])
			n := strings.Count(sst, "<si>")
			issues := []rune(want.Tasks[1].Issues)
			si := `<si><r><t>` + string(issues[:2]) + `</t></r><r><rPr><i/></rPr><t>` + string(issues[2:]) + `</t></r><rPh sb="0" eb="1"><t>じんいん</t></rPh><phoneticPr fontId="1"/></si>`
			pk.edit(t, "xl/sharedStrings.xml", "</sst>", si+"</sst>")
			pk.setCell(t, part, "H3", ` t="s"`, "<v>"+strconv.Itoa(n)+"</v>")
		}},

		{name: "hand-zip64.xlsx", make: func(t *testing.T, pk *pkg) { pk.write = zip64 }},

		{name: "hand-stored-backslash.xlsx", make: func(t *testing.T, pk *pkg) {
			// Stored, not deflated, with data descriptors, and \ between
			// folders (as some Windows tools write).
			pk.write = func(t *testing.T, pk *pkg) []byte {
				var buf bytes.Buffer
				zw := zip.NewWriter(&buf)
				for _, n := range pk.names {
					w, err := zw.CreateHeader(&zip.FileHeader{Name: strings.ReplaceAll(n, "/", `\`), Method: zip.Store})
					must(t, err)
					_, err = w.Write(pk.parts[n])
					must(t, err)
				}
				must(t, zw.Close())
				return buf.Bytes()
			}
		}},

		{name: "hand-gbk.xlsx", make: func(t *testing.T, pk *pkg) {
			// 重点任务's XML in GBK, declared so: the one-pass reader does not
			// read it and the sheet is read through excelize.
			part := tasks(t, pk)
			s := strings.Replace(string(pk.parts[part]), `encoding="UTF-8"`, `encoding="GBK"`, 1)
			b, err := simplifiedchinese.GBK.NewEncoder().String(s)
			must(t, err)
			pk.parts[part] = []byte(b)
		}},

		{name: "hand-multirow-header.xlsx", make: multirowHeaders},

		{name: "hand-format-bloat.xlsx", make: func(t *testing.T, pk *pkg) {
			// Borders down to row 6000 and out to column XFD, and 1.4/1.5's
			// 推进状态 as one merged cell F5:F6 after all of them.
			part := tasks(t, pk)
			st := pk.styleOf(t, part, "E2")
			var rows strings.Builder
			for r := 13; r <= 6000; r++ {
				fmt.Fprintf(&rows, `<row r="%d">`, r)
				for _, c := range "ABCDEFGHI" {
					fmt.Fprintf(&rows, `<c r="%c%d" s="%s"/>`, c, r, st)
				}
				rows.WriteString("</row>")
			}
			pk.edit(t, part, "</sheetData>", rows.String()+"</sheetData>")
			pk.setCell(t, part, "F6", "", "")
			pk.edit(t, part, "<dataValidations", `<mergeCells count="1"><mergeCell ref="F5:F6"/></mergeCells><dataValidations`)
			ind := pk.sheetPart(t, SheetIndicators)
			pk.edit(t, ind, "</cols>", `<col min="5" max="16384" width="9" style="`+st+`"></col></cols>`)
			pk.edit(t, ind, "</row>", `<c r="XFD1" s="`+st+`"/></row>`)
			pk.edit(t, ind, "</sheetData>", `<row r="3000"><c r="A3000" s="`+st+`"/><c r="XFD3000" s="`+st+`"/></row></sheetData>`)
		}, foreignCase: foreignCase{change: func(r *domain.Report) { r.Tasks[4].State = r.Tasks[3].State }}},

		{name: "hand-iso-dates.xlsx", make: func(t *testing.T, pk *pkg) {
			// Dates as JavaScript and database tools write them.
			pk.setCell(t, info(t, pk), "B5", ` t="d"`, "<v>2023-06-20T00:00:00.000Z</v>")
			problems := pk.sheetPart(t, SheetProblems)
			pk.setCell(t, problems, "F2", ` t="d"`, "<v>2023-06-15T08:00:00+08:00</v>")
			pk.setCell(t, problems, "F4", ` t="inlineStr"`, "<is><t>2023-06-17T00:00:00.000Z</t></is>")
		}},

		{name: "hand-numbers-as-text.xlsx", make: func(t *testing.T, pk *pkg) {
			// Numbers stored as text, as a text-formatted column or a
			// program that writes everything as text stores them.
			text := func(part, ref, v string) {
				pk.setCell(t, part, ref, ` t="inlineStr"`, `<is><t xml:space="preserve">`+v+`</t></is>`)
			}
			part := tasks(t, pk)
			text(part, "E2", "60")
			text(part, "E3", "１００")
			text(part, "E4", " 35 ")
			text(part, "E5", "72.5 %")
			text(part, "E12", "'0")
			text(pk.sheetPart(t, SheetTargets), "E2", "17 ")
			text(pk.sheetPart(t, SheetProblems), "D2", "30%")
			text(pk.sheetPart(t, SheetProblems), "F2", "2023/6/15")
			ind := pk.sheetPart(t, SheetIndicators)
			text(ind, "C2", "70 %")
			text(ind, "C4", "0.46")
			text(info(t, pk), "B5", serial(domain.MustDate(2023, 6, 20), false))
		}, foreignCase: foreignCase{findings: []string{"评价准备!C4 准备程度填的是 0.46，已按 46% 计"}}},

		{name: "hand-object-cells.xlsx", make: func(t *testing.T, pk *pkg) {
			// A picture placed in a cell (Excel: an error value with value
			// metadata; WPS: =DISPIMG) where text belongs.
			part := tasks(t, pk)
			pk.setCell(t, part, "G3", ` t="e" vm="1"`, "<v>#VALUE!</v>")
			pk.setCell(t, part, "G4", ` t="str"`, `<f>_xlfn.DISPIMG("ID_0123456789ABCDEF0123456789ABCDEF",1)</f><v>=DISPIMG("ID_0123456789ABCDEF0123456789ABCDEF",1)</v>`)
		}, foreignCase: foreignCase{
			change:   func(r *domain.Report) { r.Tasks[1].Done, r.Tasks[2].Done = "", "" },
			findings: []string{"重点任务!G3 不是文字", "重点任务!G4 嵌入单元格的图片"},
		}},
	}
}

// multirowHeaders gives each data sheet a header of several rows, as
// government tables have them: group labels merged across the top, some
// labels merged down over every header row.
func multirowHeaders(t *testing.T, pk *pkg) {
	f, err := excelize.OpenReader(bytes.NewReader(pk.zip(t)))
	must(t, err)
	defer f.Close()
	for _, s := range f.GetSheetList() {
		_ = f.UnprotectSheet(s)
	}
	header := func(sheet string, rows int, cells map[string]string, merges ...string) {
		must(t, f.InsertRows(sheet, 1, rows-1))
		last := strconv.Itoa(rows)
		for c := 'A'; c <= 'I'; c++ {
			v, _ := f.GetCellValue(sheet, string(c)+last)
			if v == "" {
				continue
			}
			// A label merged down moves to the top row.
			if top, ok := cells[string(c)+"1"]; ok && top == v {
				must(t, f.SetCellStr(sheet, string(c)+last, ""))
			}
		}
		for ref, v := range cells {
			must(t, f.SetCellStr(sheet, ref, v))
		}
		for _, m := range merges {
			a, b, _ := strings.Cut(m, ":")
			must(t, f.MergeCell(sheet, a, b))
		}
	}
	// 重点任务: three rows, a group row, a sub-group row of other words.
	header(SheetTasks, 3, map[string]string{"A1": "任务编号", "B1": "重点任务", "C1": "承担角色", "D1": "完成时限", "E1": "推进情况", "G1": "工作情况", "E2": "截至本月底", "G2": "文字说明"},
		"A1:A3", "B1:B3", "C1:C3", "D1:D3", "E1:F1", "G1:I1", "E2:F2", "G2:I2")
	// 量化指标: two rows.
	header(SheetTargets, 2, map[string]string{"A1": "指标编号", "B1": "指标名称", "C1": "目标", "E1": "累计完成值"}, "A1:A2", "B1:B2", "C1:D1", "E1:E2")
	// 问题整改: a group label that is also a synonym of a column below it.
	header(SheetProblems, 2, map[string]string{"A1": "问题编号", "B1": "问题描述", "C1": "整改情况", "F1": "完成整改时间"}, "A1:A2", "B1:B2", "C1:E1", "F1:F2")
	// 评价准备: labels in the top row not merged down, the rest below.
	header(SheetIndicators, 2, map[string]string{"A1": "评价指标编号", "B1": "评价指标", "C1": "本月填报"}, "C1:D1")
	var buf bytes.Buffer
	_, err = f.WriteTo(&buf)
	must(t, err)
	*pk = *mustUnzip(t, buf.Bytes())
}

// zip64 writes the package with ZIP64 records for every entry (sizes and
// offsets in the ZIP64 extra field, a ZIP64 end of central directory), as
// some archivers and streaming libraries write even small files.
func zip64(t *testing.T, pk *pkg) []byte {
	var out bytes.Buffer
	type entry struct {
		name             string
		crc              uint32
		csize, usize, at uint64
	}
	var entries []entry
	le := binary.LittleEndian
	for _, n := range pk.names {
		data := pk.parts[n]
		var comp bytes.Buffer
		fw, err := flate.NewWriter(&comp, flate.DefaultCompression)
		must(t, err)
		_, err = fw.Write(data)
		must(t, err)
		must(t, fw.Close())
		e := entry{name: n, crc: crc32.ChecksumIEEE(data), csize: uint64(comp.Len()), usize: uint64(len(data)), at: uint64(out.Len())}
		entries = append(entries, e)
		extra := make([]byte, 20)
		le.PutUint16(extra[0:], 0x0001)
		le.PutUint16(extra[2:], 16)
		le.PutUint64(extra[4:], e.usize)
		le.PutUint64(extra[12:], e.csize)
		h := make([]byte, 30)
		le.PutUint32(h[0:], 0x04034b50)
		le.PutUint16(h[4:], 45)
		le.PutUint16(h[6:], 0x0800) // UTF-8 names
		le.PutUint16(h[8:], 8)
		le.PutUint32(h[14:], e.crc)
		le.PutUint32(h[18:], 0xFFFFFFFF)
		le.PutUint32(h[22:], 0xFFFFFFFF)
		le.PutUint16(h[26:], uint16(len(n)))
		le.PutUint16(h[28:], uint16(len(extra)))
		out.Write(h)
		out.WriteString(n)
		out.Write(extra)
		out.Write(comp.Bytes())
	}
	cdAt := uint64(out.Len())
	for _, e := range entries {
		extra := make([]byte, 28)
		le.PutUint16(extra[0:], 0x0001)
		le.PutUint16(extra[2:], 24)
		le.PutUint64(extra[4:], e.usize)
		le.PutUint64(extra[12:], e.csize)
		le.PutUint64(extra[20:], e.at)
		h := make([]byte, 46)
		le.PutUint32(h[0:], 0x02014b50)
		le.PutUint16(h[4:], 45)
		le.PutUint16(h[6:], 45)
		le.PutUint16(h[8:], 0x0800)
		le.PutUint16(h[10:], 8)
		le.PutUint32(h[16:], e.crc)
		le.PutUint32(h[20:], 0xFFFFFFFF)
		le.PutUint32(h[24:], 0xFFFFFFFF)
		le.PutUint16(h[28:], uint16(len(e.name)))
		le.PutUint16(h[30:], uint16(len(extra)))
		le.PutUint32(h[42:], 0xFFFFFFFF)
		out.Write(h)
		out.WriteString(e.name)
		out.Write(extra)
	}
	cdSize := uint64(out.Len()) - cdAt
	eocd64At := uint64(out.Len())
	r := make([]byte, 56)
	le.PutUint32(r[0:], 0x06064b50)
	le.PutUint64(r[4:], 44)
	le.PutUint16(r[12:], 45)
	le.PutUint16(r[14:], 45)
	le.PutUint64(r[24:], uint64(len(entries)))
	le.PutUint64(r[32:], uint64(len(entries)))
	le.PutUint64(r[40:], cdSize)
	le.PutUint64(r[48:], cdAt)
	out.Write(r)
	loc := make([]byte, 20)
	le.PutUint32(loc[0:], 0x07064b50)
	le.PutUint64(loc[8:], eocd64At)
	le.PutUint32(loc[16:], 1)
	out.Write(loc)
	end := make([]byte, 22)
	le.PutUint32(end[0:], 0x06054b50)
	le.PutUint16(end[8:], 0xFFFF)
	le.PutUint16(end[10:], 0xFFFF)
	le.PutUint32(end[12:], 0xFFFFFFFF)
	le.PutUint32(end[16:], 0xFFFFFFFF)
	out.Write(end)
	return out.Bytes()
}
