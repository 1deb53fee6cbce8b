package workbook

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/value"
)

// Limits of what is read of one file.
const (
	MaxFileSize    = 32 << 20  // bytes of the file itself
	maxUnzipped    = 256 << 20 // bytes of all its parts unzipped
	maxUnzippedXML = 64 << 20  // bytes of one sheet unzipped, held in memory
)

// Result is what was read of one workbook.
type Result struct {
	Report   domain.Report
	Findings []domain.Finding
	// Usable is true when the unit and month are known and the report's
	// rows can count; false means the whole file is set aside (its
	// findings say why).
	Usable bool
	// Parsed is true when the file was parsed now (not taken from a cache).
	Parsed bool
}

// ReadTimeout bounds the reading of one workbook. A file that takes longer
// (a crafted or broken file that sends the spreadsheet library into a long
// loop) is reported and left behind; the other files go on.
var ReadTimeout = time.Minute

// Cache remembers what a file read as, so that an unchanged file is not
// read or parsed again. Its methods may be called from several goroutines.
type Cache interface {
	// Same returns the result stored for the file rel when its size and
	// modification time are the ones stored (the file is not read).
	Same(rel string, size int64, mod time.Time) (Result, bool)
	// Hashed returns the result stored for the file rel when its content
	// hash is the one stored (a file touched but not changed).
	Hashed(rel, hash string) (Result, bool)
	// Put stores the result of the file rel.
	Put(rel string, size int64, mod time.Time, hash string, r Result)
}

// Read reads the workbook at path (named rel within the inbox, with forward
// slashes) against plan p. It never fails: a file it cannot use gives a
// Result with Usable false and a finding that says why.
func Read(p *domain.Plan, path, rel string) Result { return ReadCached(p, path, rel, nil) }

// ReadCached is Read that first asks c (when not nil) for the result of
// the same bytes; Parsed in the result tells whether the file was parsed.
func ReadCached(p *domain.Plan, path, rel string, c Cache) Result {
	info, err := os.Stat(path)
	if err != nil {
		return fileProblem(rel, unreadable(err), "请检查文件是否仍在共享文件夹中、是否有读取权限")
	}
	if c != nil {
		// The common case of a rebuild: the same file as last time.
		if res, ok := c.Same(rel, info.Size(), info.ModTime()); ok {
			res.Report.File, res.Report.ModTime = rel, info.ModTime()
			return res
		}
	}
	done := make(chan Result, 1)
	go func() { done <- read(p, path, rel, info, c) }()
	timer := time.NewTimer(ReadTimeout)
	defer timer.Stop()
	select {
	case res := <-done:
		return res
	case <-timer.C:
		return fileProblem(rel, fmt.Sprintf("读取超时（超过 %.0f 秒），未读取", ReadTimeout.Seconds()), "请用 Excel 或 WPS 打开后另存为 .xlsx 再报送；如仍有问题，请联系汇总单位")
	}
}

// afterRead, when set by a test, runs between reading a file and checking
// that it did not change meanwhile.
var afterRead func(path string)

// read reads the file at path, which info describes (as stat gave it
// before), unless c has the result of the same bytes.
func read(p *domain.Plan, path, rel string, info os.FileInfo, c Cache) Result {
	if info.Size() > MaxFileSize {
		return fileProblem(rel, fmt.Sprintf("文件过大（%.1f MB，上限 %d MB）", float64(info.Size())/(1<<20), MaxFileSize>>20), "请用模板重新填报，不要在表中粘贴图片或大量数据")
	}
	data, err := readBounded(path, MaxFileSize)
	if err != nil {
		return fileProblem(rel, unreadable(err), "请检查文件是否仍在共享文件夹中、是否有读取权限")
	}
	if afterRead != nil {
		afterRead(path)
	}
	if again, err := os.Stat(path); err != nil || again.Size() != info.Size() || !again.ModTime().Equal(info.ModTime()) || int64(len(data)) != info.Size() {
		return fileProblem(rel, "文件在读取时被改动（可能仍在复制或保存中），本次未读取", "等文件复制完成后重新生成即可；如一直出现，请检查是否有程序在反复写这个文件")
	}
	hash := hashOf(data)
	if c != nil {
		if res, ok := c.Hashed(rel, hash); ok {
			res.Report.File, res.Report.ModTime = rel, info.ModTime()
			c.Put(rel, info.Size(), info.ModTime(), hash, res)
			return res
		}
	}
	res := readHashed(p, data, rel, hash)
	res.Report.ModTime = info.ModTime()
	res.Parsed = true
	if c != nil {
		c.Put(rel, info.Size(), info.ModTime(), hash, res)
	}
	return res
}

// unreadable says in Chinese why a file could not be read (the system's
// own error text is English and is not shown).
func unreadable(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "无法读取文件：文件不存在（可能已被移走或删除）"
	case errors.Is(err, fs.ErrPermission):
		return "无法读取文件：没有读取权限"
	case errors.Is(err, errTooBig):
		return fmt.Sprintf("文件过大（超过 %d MB）", MaxFileSize>>20)
	}
	return "无法读取文件（系统读取出错，可能是网络共享断开或文件被占用）"
}

var errTooBig = errors.New("file too big")

func readBounded(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Read into one buffer of the file's size and a byte more (to see that
	// it did not grow), not one that grows as it reads.
	size := int64(512)
	if info, err := f.Stat(); err == nil && info.Size() < limit {
		size = info.Size() + 1
	}
	data := make([]byte, 0, size)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if int64(len(data)) > limit {
			return nil, errTooBig
		}
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

func fileProblem(rel, msg, hint string) Result {
	return Result{Findings: []domain.Finding{{File: rel, Severity: domain.Error, Message: msg, Hint: hint}}}
}

// ReadBytes is Read for a workbook already in memory; ModTime is left zero.
func ReadBytes(p *domain.Plan, data []byte, rel string) Result {
	return readHashed(p, data, rel, hashOf(data))
}

// hashOf is the SHA-256 of a file's bytes, in hex: Report.Hash.
func hashOf(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// readHashed is ReadBytes for bytes whose hashOf is hash.
func readHashed(p *domain.Plan, data []byte, rel, hash string) Result {
	res := readBytes(p, data, rel, hash, false)
	if differential != nil {
		differential(rel, res, readBytes(p, data, rel, hash, true))
	}
	return res
}

// differential, when a test sets it, is given every workbook's result as
// read by streamGrid and as read through excelize's API, which must agree.
var differential func(rel string, streamed, excelized Result)

func readBytes(p *domain.Plan, data []byte, rel, hash string, excelizeOnly bool) (res Result) {
	defer func() {
		// excelize is large and fed with anything units drop in the
		// folder; a panic in it must not stop the other files.
		if v := recover(); v != nil {
			res = fileProblem(rel, "读取时出错（文件的结构异常），未读取", "请用 Excel 或 WPS 打开后另存为 .xlsx 再报送")
		}
	}()
	if len(data) == 0 {
		return fileProblem(rel, "文件是空的（0 字节），可能没有复制完整", "请重新保存并放入共享文件夹")
	}
	r := &reader{p: p, data: data, rel: rel, excelizeOnly: excelizeOnly}
	defer r.close()
	if !excelizeOnly {
		b, err := openBook(data)
		if errors.Is(err, errUnzipLimit) {
			msg, hint := openError(err, data)
			return fileProblem(rel, msg, hint)
		}
		r.book = b
	}
	if r.book == nil {
		// Not a package the one-pass reader opens: excelize may, and
		// otherwise says why not.
		if _, err := r.excelize(); err != nil {
			msg, hint := openError(err, data)
			return fileProblem(rel, msg, hint)
		}
	}
	r.rep.File = rel
	r.rep.Hash = hash
	r.read()
	return Result{Report: r.rep, Findings: r.findings, Usable: r.usable}
}

// excelize returns the workbook opened by excelize, opening it on first
// need: a sheet the one-pass reader cannot read, a package it cannot
// open, or the reference reading of the tests.
func (r *reader) excelize() (*excelize.File, error) {
	if r.xf == nil && r.xfErr == nil {
		if fellBack != nil && !r.excelizeOnly {
			fellBack(r.rel)
		}
		r.xf, r.xfErr = excelize.OpenReader(bytes.NewReader(canonicalNames(r.data)), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzippedXML})
	}
	return r.xf, r.xfErr
}

// fellBack, when a test sets it, is told of every file the one-pass
// reader did not read alone.
var fellBack func(rel string)

func (r *reader) close() {
	if r.xf != nil {
		r.xf.Close()
	}
}

// openError explains why a file is not a readable workbook.
func openError(err error, data []byte) (msg, hint string) {
	const resave = "请用 Excel 或 WPS 打开，另存为“Excel 工作簿（*.xlsx）”后重新报送"
	switch {
	case errors.Is(err, excelize.ErrWorkbookPassword), bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		if isOLEEncrypted(data) {
			return "文件设置了打开密码，无法读取", "请取消打开密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后重新报送"
		}
		return "这是旧版 Excel（.xls）或 WPS（.et）格式的文件，不是 .xlsx", resave
	case errors.Is(err, excelize.ErrOptionsUnzipSizeLimit), errors.Is(err, errUnzipLimit), strings.Contains(err.Error(), "unzip size"):
		return "文件解压后过大，不像是正常的报送表格", "请用模板重新填报"
	case errors.Is(err, zip.ErrFormat), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, zip.ErrChecksum):
		if bytes.HasPrefix(data, []byte("PK")) {
			return "文件不完整（可能在复制过程中被读取，或复制中断）", "请确认文件已完整复制；如仍有问题，请重新保存后再放入共享文件夹"
		}
		return "这不是 Excel 工作簿文件（可能是改了扩展名的其他文件）", resave
	}
	return "无法作为 Excel 工作簿打开（文件内部结构不完整或不是表格）", resave
}

// isOLEEncrypted reports whether an OLE compound file holds an encrypted
// OOXML package (what Excel writes for a workbook with an open password).
func isOLEEncrypted(data []byte) bool {
	return bytes.Contains(data, utf16("EncryptionInfo")) || bytes.Contains(data, utf16("EncryptedPackage"))
}

func utf16(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), 0)
	}
	return b
}

type reader struct {
	p         *domain.Plan
	data      []byte // the file
	rel       string
	rep       domain.Report
	findings  []domain.Finding
	usable    bool
	book      *book          // the package as the one-pass reader opened it; nil when it could not
	xf        *excelize.File // the workbook as excelize opened it, on first need
	xfErr     error
	date1904  bool     // dates count from 1904-01-01 (workbookPr date1904)
	sheets    []string // the workbook's sheets, once asked for
	sheetKeys []string // their labelKeys
	// excelizeOnly reads every sheet through excelize's own API instead
	// of streamGrid (for the tests that compare the two).
	excelizeOnly bool
}

func (r *reader) find(sheet, cell string, sev domain.Severity, hint, format string, args ...any) {
	r.findings = append(r.findings, domain.Finding{
		File: r.rel, Sheet: sheet, Cell: cell, Severity: sev,
		Message: fmt.Sprintf(format, args...), Hint: hint,
	})
}

// sheetNamed returns the workbook's sheet for name or one of its aliases.
func (r *reader) sheetNamed(name string, aliases []string) (string, bool) {
	if r.sheets == nil {
		r.sheets = r.sheetNames()
		r.sheetKeys = make([]string, len(r.sheets))
		for i, s := range r.sheets {
			r.sheetKeys[i] = labelKey(s)
		}
	}
	for _, w := range append([]string{name}, aliases...) {
		k := labelKey(w)
		for i, sk := range r.sheetKeys {
			if sk == k {
				return r.sheets[i], true
			}
		}
	}
	return "", false
}

func (r *reader) read() {
	r.date1904 = r.dateSystem()
	r.info()
	if !r.usable {
		r.stamp()
		return
	}
	found := false
	for _, s := range dataSheets {
		name, ok := r.sheetNamed(s.name, s.aliases)
		if !ok {
			continue
		}
		found = true
		r.sheet(s, name)
	}
	if !found {
		r.find("", "", domain.Error, "请使用 plansite 生成的模板填报", "工作簿中没有“%s”“%s”“%s”或“%s”工作表", SheetTasks, SheetTargets, SheetProblems, SheetIndicators)
	}
	r.stamp()
}

// dateSystem reports whether the workbook counts its dates from 1904
// (Excel for Mac and old templates: workbookPr date1904="1").
func (r *reader) dateSystem() bool {
	if !r.excelizeOnly && r.book != nil {
		return r.book.date1904
	}
	f, err := r.excelize()
	if err != nil {
		return false
	}
	props, err := f.GetWorkbookProps()
	return err == nil && props.Date1904 != nil && *props.Date1904
}

// sheetNames returns the names of the workbook's sheets.
func (r *reader) sheetNames() []string {
	if !r.excelizeOnly && r.book != nil {
		return r.book.sheetNames()
	}
	f, err := r.excelize()
	if err != nil {
		return nil
	}
	return f.GetSheetList()
}

// stamp puts the report's unit and month on every finding.
func (r *reader) stamp() {
	for i := range r.findings {
		r.findings[i].Unit = r.rep.Unit
		r.findings[i].Month = r.rep.Month
	}
}

var (
	reFileMonth = regexp.MustCompile(`(\d{4})\s*[-_.年/]\s*(\d{1,2})(?:\s*月份?)?`)
	reFileJunk  = regexp.MustCompile(`[\s_\-.()（）【】\[\]]+`)
)

// fromFileName reads the unit and month a file name gives, such as
// 2023-05_就业中心.xlsx or 就业中心2023年5月.xlsx.
func (r *reader) fromFileName() (domain.UnitID, domain.Month) {
	base := path.Base(r.rel)
	base = strings.TrimSuffix(base, path.Ext(base))
	base = domain.FoldWidth(base)
	var month domain.Month
	if m := reFileMonth.FindStringSubmatchIndex(base); m != nil {
		y, _ := strconv.Atoi(base[m[2]:m[3]])
		mo, _ := strconv.Atoi(base[m[4]:m[5]])
		month, _ = domain.NewMonth(y, time.Month(mo))
		base = base[:m[0]] + " " + base[m[1]:]
	}
	rest := strings.TrimSpace(reFileJunk.ReplaceAllString(base, " "))
	if id, ok := r.p.ResolveUnit(rest); ok {
		return id, month
	}
	id, _ := r.p.FindUnitIn(rest)
	return id, month
}

// info reads 基本信息 and settles the report's unit and month.
func (r *reader) info() {
	fileUnit, fileMonth := r.fromFileName()
	var (
		unit      domain.UnitID
		month     domain.Month
		sheetName string
		unitCell  string
		monthCell string
	)
	if s, ok := r.sheetNamed(SheetInfo, []string{"基本情况", "填报信息"}); ok {
		sheetName = s
		g, err := r.grid(s)
		if err != nil {
			r.find(s, "", domain.Error, "请用 Excel 或 WPS 打开后另存为 .xlsx 再报送；如仍有问题，请用模板重新填报", "无法读取此工作表，此表未读取")
		} else {
			unit, month, unitCell, monthCell = r.infoValues(g)
		}
	}
	if unitCell != "" && unit != "" && fileUnit != "" && unit != fileUnit {
		r.find(sheetName, unitCell, domain.Error, "请核对：填报单位应与文件名一致；如文件是别的单位的，请改正文件名或表内单位",
			"填报单位“%s”与文件名中的“%s”不一致，已按表内填报单位计", r.p.UnitName(unit), r.p.UnitName(fileUnit))
	}
	if unit == "" {
		unit = fileUnit
	}
	if monthCell != "" && !month.IsZero() && !fileMonth.IsZero() && month != fileMonth {
		r.find(sheetName, monthCell, domain.Error, "请核对报送月份，并让文件名中的月份与表内一致",
			"报送月份 %s 与文件名中的 %s 不一致，已按表内报送月份计", month, fileMonth)
	}
	if month.IsZero() {
		month = fileMonth
	}
	r.rep.Unit, r.rep.Month = unit, month
	switch {
	case unit == "":
		r.find(sheetName, unitCell, domain.Error, "请在“基本信息”表的填报单位中写本单位全称，或把文件名改为“2023-05_单位名称.xlsx”的形式",
			"无法确定填报单位，本文件未计入")
	case month.IsZero():
		r.find(sheetName, monthCell, domain.Error, "请在“基本信息”表写报送月份（如 2023-05），或在文件名中写明月份",
			"无法确定报送月份，本文件未计入")
	case month.Before(r.p.Settings.FirstReportMonth) || month.After(r.p.Settings.LastReportMonth):
		r.find(sheetName, monthCell, domain.Error, fmt.Sprintf("报送月份应在 %s 到 %s 之间", r.p.Settings.FirstReportMonth, r.p.Settings.LastReportMonth),
			"报送月份 %s 不在方案的报送期内，本文件未计入", month)
	default:
		r.usable = true
	}
}

// infoValues finds the labels of 基本信息 (label in a cell, value in the
// next non-empty cell to its right) and reads them.
func (r *reader) infoValues(g *grid) (unit domain.UnitID, month domain.Month, unitCell, monthCell string) {
	keys := infoKeys
	seen := map[string]bool{}
	for row := 0; row < len(g.rows) && row < headerMax; row++ {
		for col := 0; col < len(g.rows[row]); col++ {
			label, ok := keys[labelKey(g.at(row, col))]
			if !ok || seen[label] {
				continue
			}
			seen[label] = true
			vc := col + 1
			for vc < len(g.rows[row]) && strings.TrimSpace(g.at(row, vc)) == "" {
				vc++
			}
			raw := strings.TrimSpace(g.at(row, vc))
			cell := cellName(row, vc)
			if vc >= len(g.rows[row]) {
				cell = cellName(row, col+1)
			}
			switch label {
			case InfoUnit:
				unitCell = cell
				if raw == "" {
					continue
				}
				id, ok := r.p.ResolveUnit(raw)
				if !ok {
					r.find(g.sheet, cell, domain.Error, "请写单位全称（如“"+r.p.Units[0].Name+"”），或用 plansite template 重新生成本单位的表格",
						"填报单位“%s”不是方案中的单位", clip(raw))
					continue
				}
				unit = id
			case InfoMonth:
				monthCell = cell
				if raw == "" {
					continue
				}
				m, err := r.monthValue(g, row, vc, raw)
				if err != nil {
					r.find(g.sheet, cell, domain.Error, value.MonthHint, "报送月份：%v", err)
					continue
				}
				month = m
			case InfoReporter:
				r.rep.Reporter = clip(raw)
			case InfoPhone:
				r.rep.Phone = clip(raw)
			case InfoDate:
				if raw == "" {
					continue
				}
				d, err := r.dateValue(g, row, vc, raw)
				if err == nil {
					err = r.plausible(d)
				}
				if err != nil {
					r.find(g.sheet, cell, domain.Warning, value.DateHint+"；未填或填错时按文件保存时间计", "填报日期：%v", err)
					continue
				}
				r.rep.FilledOn = d
			}
		}
	}
	return unit, month, unitCell, monthCell
}

// monthValue reads 报送月份: an Excel date, or text (2023-05, 2023年5月);
// text that holds a bare number is read as that number would be.
func (r *reader) monthValue(g *grid, row, col int, raw string) (domain.Month, error) {
	if !g.isNumber(row, col) {
		m, err := value.ParseMonth(raw)
		if _, bare := value.BareNumber(raw); err == nil || !bare {
			return m, err
		}
	}
	d, err := r.serialDate(raw)
	if err != nil {
		return domain.Month{}, err
	}
	return d.Month(), nil
}

// dateValue reads a date: an Excel date, or text (2023-05-20, 2023年5月20日,
// ISO 8601); text that holds a bare number is read as that number would be.
func (r *reader) dateValue(g *grid, row, col int, raw string) (domain.Date, error) {
	if !g.isNumber(row, col) {
		d, err := value.ParseDate(raw)
		if _, bare := value.BareNumber(raw); err == nil || !bare {
			return d, err
		}
	}
	return r.serialDate(raw)
}

// serialDate reads an Excel date serial: days since 1899-12-30, or since
// 1904-01-01 in a workbook of the 1904 date system.
func (r *reader) serialDate(raw string) (domain.Date, error) {
	v, ok := value.BareNumber(raw)
	if !ok {
		f, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
		if err != nil || math.IsNaN(f) {
			return domain.Date{}, fmt.Errorf("无法识别的日期“%s”", raw)
		}
		v = f
	}
	first, last := 1.0, 2958466.0 // 1900-01-01 to 9999-12-31
	if r.date1904 {
		first, last = 0, 2958466-1462
	}
	if v < first || v >= last {
		return domain.Date{}, fmt.Errorf("日期“%s”不存在（Excel 日期序号超出范围）", raw)
	}
	t, err := excelize.ExcelDateToTime(v, r.date1904)
	if err != nil {
		return domain.Date{}, fmt.Errorf("无法识别的日期“%s”", raw)
	}
	return domain.DateOf(t), nil
}

// clip shortens a text from a cell for a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// Floor is the least any reader of path must do: open the workbook with
// excelize and read every row of every sheet (cell values as shown). It
// returns the number of rows. The benchmark measures the build against it.
func Floor(path string) (rows int, err error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	for _, s := range f.GetSheetList() {
		r, err := f.GetRows(s)
		if err != nil {
			return rows, err
		}
		rows += len(r)
	}
	return rows, nil
}
