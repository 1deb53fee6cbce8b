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
	"slices"
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
	// Usable is true when the unit and month are known without conflict
	// and at least one row gives a value (the README, "Submissions");
	// false means the whole file is set aside: Reason and Hint say why.
	Usable bool
	// Units and Months are, for a file that is not usable, every known
	// unit and month it names — in 基本信息, in its file name, in its
	// folder's name — without repeats, 基本信息's first: it is shown, and
	// counts as handed in but unusable, under each of them. A usable file
	// names one of each, its report's; these are then nil.
	Units  []domain.UnitID
	Months []domain.Month
	// Reason and Hint say, for a file that is not usable, why and what the
	// unit should do, in Chinese, in words a unit's clerk understands.
	Reason, Hint string
}

// ReadTimeout bounds the reading of one workbook. A file that takes longer
// (a crafted or broken file that sends the spreadsheet library into a long
// loop) is reported and left behind; the other files go on.
var ReadTimeout = time.Minute

// Reader reads workbooks against a Schema. Between files it keeps only
// what it made of the parts that the workbooks of one template share byte
// for byte (keyed by those bytes, at most a few hundred); its methods may
// be called from several goroutines. Make one for a scan of the inbox.
type Reader struct {
	plan     *domain.Plan        // the schema as a plan, for its lookups
	parts    *partMemo           // what was made of parts many workbooks share byte for byte
	matchers map[string]*matcher // each data sheet's items by id and title, by sheet name: read only
}

// NewReader returns a reader of workbooks against s.
func NewReader(s Schema) *Reader {
	rd := &Reader{plan: s.plan(), parts: &partMemo{}, matchers: map[string]*matcher{}}
	for _, sh := range dataSheets {
		rd.matchers[sh.name] = newMatcher(rd.plan, sh)
	}
	return rd
}

// Read reads the workbook at path (named rel within the inbox, with forward
// slashes). It never fails: a file it cannot use gives a Result with Usable
// false and a finding that says why.
func (rd *Reader) Read(path, rel string) Result {
	data, info, problem := rd.ReadFile(path, rel)
	if problem != nil {
		return *problem
	}
	res := rd.ReadBytes(data, rel)
	res.Report.ModTime = info.ModTime()
	return res
}

// afterRead, when set by a test, runs between reading a file and checking
// that it did not change meanwhile.
var afterRead func(path string)

// ReadFile reads the bytes of the workbook at path (named rel), at most
// MaxFileSize, and the file's size and modification time as they were
// while it was read. A file it cannot read, or one that changed while it
// was read (still being copied), gives problem: the Result to use instead,
// with a finding that says why.
func (rd *Reader) ReadFile(path, rel string) (data []byte, info os.FileInfo, problem *Result) {
	data, info, problem = readFile(path, rel)
	if problem != nil {
		res := rd.finish(rel, *problem)
		return nil, nil, &res
	}
	return data, info, nil
}

func readFile(path, rel string) (data []byte, info os.FileInfo, problem *Result) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, nil, fileProblem(rel, unreadable(err), "请检查文件是否仍在共享文件夹中、是否有读取权限")
	}
	if info.Size() > MaxFileSize {
		return nil, nil, fileProblem(rel, fmt.Sprintf("文件过大（%.1f MB，上限 %d MB）", float64(info.Size())/(1<<20), MaxFileSize>>20), "请用模板重新填报，不要在表中粘贴图片或大量数据")
	}
	data, err = readBounded(path, MaxFileSize)
	if err != nil {
		return nil, nil, fileProblem(rel, unreadable(err), "请检查文件是否仍在共享文件夹中、是否有读取权限")
	}
	if afterRead != nil {
		afterRead(path)
	}
	if again, err := os.Stat(path); err != nil || again.Size() != info.Size() || !again.ModTime().Equal(info.ModTime()) || int64(len(data)) != info.Size() {
		return nil, nil, fileProblem(rel, "文件在读取时被改动（可能仍在复制或保存中），本次未读取", "等文件复制完成后重新生成即可；如一直出现，请检查是否有程序在反复写这个文件")
	}
	return data, info, nil
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

func fileProblem(rel, msg, hint string) *Result {
	return &Result{Findings: []domain.Finding{{File: rel, Severity: domain.Error, Message: msg, Hint: hint}}}
}

// ReadBytes is Read for a workbook already in memory; ModTime is left
// zero. A file that takes longer than ReadTimeout is reported and left.
func (rd *Reader) ReadBytes(data []byte, rel string) Result {
	return rd.ReadHashed(data, rel, Hash(data))
}

// ReadHashed is ReadBytes for data whose Hash is hash, known already (the
// inbox hashes every file to look it up in its cache: hashing it again
// was a tenth of a second of a province's scan).
func (rd *Reader) ReadHashed(data []byte, rel, hash string) Result {
	done := make(chan Result, 1)
	go func() { done <- rd.readHashed(data, rel, hash) }()
	timer := time.NewTimer(ReadTimeout)
	defer timer.Stop()
	select {
	case res := <-done:
		return rd.finish(rel, res)
	case <-timer.C:
		return rd.finish(rel, *fileProblem(rel, fmt.Sprintf("读取超时（超过 %.0f 秒），未读取", ReadTimeout.Seconds()), "请用 Excel 或 WPS 打开后另存为 .xlsx 再报送；如仍有问题，请联系汇总单位"))
	}
}

// NotWorkbook is the result for a file of the inbox that is a spreadsheet
// of another format (.xls, .et, .ods, .csv…, ext with its dot): not read,
// and not usable, with the units and months its path names.
func (rd *Reader) NotWorkbook(rel, ext string) Result {
	return rd.finish(rel, *fileProblem(rel, "不是 .xlsx 格式（"+ext+"），未读取", "请用 Excel 或 WPS 打开，另存为“Excel 工作簿（*.xlsx）”后重新报送"))
}

// finish completes a result that is not usable: a file that could not be
// opened names the units and months of its path, and its reason is its
// first error. Every finding gets the file's unit and month when it has
// none. It may be applied more than once.
func (rd *Reader) finish(rel string, res Result) Result {
	if res.Usable {
		return res
	}
	if len(res.Units) == 0 && len(res.Months) == 0 {
		n := namesOf(rd.plan, rel)
		res.Units, res.Months = n.units(), n.months()
	}
	if res.Reason == "" {
		for _, f := range res.Findings {
			if f.Severity == domain.Error {
				res.Reason, res.Hint = f.Message, f.Hint
				break
			}
		}
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		if f.Unit == "" && len(res.Units) > 0 {
			f.Unit = res.Units[0]
		}
		if f.Month.IsZero() && len(res.Months) > 0 {
			f.Month = res.Months[0]
		}
	}
	return res
}

// Hash is the SHA-256 of a file's bytes, in hex: Report.Hash.
func Hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// readHashed is ReadBytes for bytes whose Hash is hash, without the
// timeout.
func (rd *Reader) readHashed(data []byte, rel, hash string) Result {
	res := readBytes(rd, rd.parts, data, rel, hash, false)
	if differential != nil {
		differential(rel, res, readBytes(rd, nil, data, rel, hash, true))
	}
	return res
}

// differential, when a test sets it, is given every workbook's result as
// read by streamGrid and as read through excelize's API, which must agree.
var differential func(rel string, streamed, excelized Result)

func readBytes(rd *Reader, parts *partMemo, data []byte, rel, hash string, excelizeOnly bool) (res Result) {
	defer func() {
		// excelize is large and fed with anything units drop in the
		// folder; a panic in it must not stop the other files.
		if v := recover(); v != nil {
			res = *fileProblem(rel, "读取时出错（文件的结构异常），未读取", "请用 Excel 或 WPS 打开后另存为 .xlsx 再报送")
		}
	}()
	if len(data) == 0 {
		return *fileProblem(rel, "文件是空的（0 字节），可能没有复制完整", "请重新保存并放入共享文件夹")
	}
	r := &reader{p: rd.plan, matchers: rd.matchers, data: data, rel: rel, excelizeOnly: excelizeOnly}
	defer r.close()
	if !excelizeOnly {
		b, err := openBook(data, parts)
		if errors.Is(err, errUnzipLimit) {
			msg, hint := openError(err, data)
			return *fileProblem(rel, msg, hint)
		}
		r.book = b
	}
	if r.book == nil {
		// Not a package the one-pass reader opens: excelize may, and
		// otherwise says why not.
		if _, err := r.excelize(); err != nil {
			msg, hint := openError(err, data)
			return *fileProblem(rel, msg, hint)
		}
	}
	r.rep.File = rel
	r.rep.Hash = hash
	r.read()
	res = Result{Report: r.rep, Findings: r.findings, Usable: r.usable, Reason: r.reason, Hint: r.hint}
	if !r.usable {
		res.Units, res.Months = r.names.units(), r.names.months()
	}
	return res
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
	matchers  map[string]*matcher // the Reader's (nil: made for each sheet)
	data      []byte              // the file
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
	names     names    // the units and months the file names
	reason    string   // why the file is not usable, for Result.Reason
	hint      string
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
		r.find("", "", domain.Error, "请使用汇总单位下发的报送表格填写", "工作簿中没有“%s”“%s”“%s”或“%s”工作表", SheetTasks, SheetTargets, SheetProblems, SheetIndicators)
	}
	r.requireValue()
	r.stamp()
}

// requireValue sets the file aside when none of its rows gives a value: a
// template handed in with nothing filled in, or a file from which no sheet
// could be read.
func (r *reader) requireValue() {
	if hasValue(r.rep) {
		return
	}
	r.usable = false
	for _, f := range r.findings {
		if f.Severity == domain.Error {
			// The sheets could not be read: the first reason is the one
			// to fix.
			r.reason, r.hint = "没有读到任何填报内容："+f.Message, f.Hint
			r.find("", "", domain.Error, r.hint, "没有读到任何填报内容，本文件不算报送（原因见本文件的其他问题）")
			return
		}
	}
	r.reason, r.hint = "表格中没有填写任何内容（可能交的是空白表格）", "请填写本月各项任务的完成进度、推进状态和工作进展后重新报送"
	r.find("", "", domain.Error, r.hint, "表格中没有填写任何内容，本文件不算报送")
}

// hasValue reports whether any row of rep gives a value: a progress, a
// state, a text, a figure, a date.
func hasValue(rep domain.Report) bool {
	for _, t := range rep.Tasks {
		if t.Progress != nil || t.State != "" || t.Done != "" || t.Issues != "" || t.Next != "" {
			return true
		}
	}
	for _, t := range rep.Targets {
		if t.Value != nil {
			return true
		}
	}
	for _, x := range rep.Problems {
		if x.State != "" || x.Progress != nil || x.Measures != "" || !x.DoneOn.IsZero() {
			return true
		}
	}
	for _, x := range rep.Indicators {
		if x.Readiness != nil || x.Note != "" {
			return true
		}
	}
	return false
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

// names are the unit and month a file names, by where it names them.
type names struct {
	sheetUnit, fileUnit, dirUnit    domain.UnitID
	sheetMonth, fileMonth, dirMonth domain.Month
}

// units is every unit named, without repeats: 基本信息's, the file
// name's, the folder's.
func (n names) units() []domain.UnitID {
	var out []domain.UnitID
	for _, u := range []domain.UnitID{n.sheetUnit, n.fileUnit, n.dirUnit} {
		if u != "" && !domain.HasUnit(out, u) {
			out = append(out, u)
		}
	}
	return out
}

// months is every month named, likewise.
func (n names) months() []domain.Month {
	var out []domain.Month
	for _, m := range []domain.Month{n.sheetMonth, n.fileMonth, n.dirMonth} {
		if !m.IsZero() && !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out
}

// namesOf reads the unit and month the path rel (forward slashes) names:
// the file name's, such as 2023-05_就业中心.xlsx or 就业中心2023年5月.xlsx,
// and its folders': the month of the deepest folder naming one (2023-05,
// 2023年5月, 2023/05), and the unit of the deepest folder named exactly as
// a unit.
func namesOf(p *domain.Plan, rel string) names {
	var n names
	base := path.Base(rel)
	n.fileUnit, n.fileMonth = fileNames(p, strings.TrimSuffix(base, path.Ext(base)), true)
	dir := path.Dir(rel)
	if dir == "." || dir == "/" {
		return n
	}
	if ms := reFileMonth.FindAllStringSubmatch(domain.FoldWidth(dir), -1); len(ms) > 0 {
		n.dirMonth = monthOf(ms[len(ms)-1])
	}
	parts := strings.Split(dir, "/")
	for i := len(parts) - 1; i >= 0 && n.dirUnit == ""; i-- {
		n.dirUnit, _ = fileNames(p, parts[i], false)
	}
	return n
}

func monthOf(m []string) domain.Month {
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	month, _ := domain.NewMonth(y, time.Month(mo))
	return month
}

// fileNames reads the unit and month a file or folder name gives: the
// month written in it, and the unit its other words name — exactly, or
// when loose, as a part of them.
func fileNames(p *domain.Plan, name string, loose bool) (domain.UnitID, domain.Month) {
	name = domain.FoldWidth(name)
	var month domain.Month
	if m := reFileMonth.FindStringSubmatchIndex(name); m != nil {
		month = monthOf([]string{"", name[m[2]:m[3]], name[m[4]:m[5]]})
		name = name[:m[0]] + " " + name[m[1]:]
	}
	rest := strings.TrimSpace(reFileJunk.ReplaceAllString(name, " "))
	if rest == "" {
		return "", month
	}
	if id, ok := p.ResolveUnit(rest); ok {
		return id, month
	}
	if !loose {
		return "", month
	}
	id, _ := p.FindUnitIn(rest)
	return id, month
}

// info reads 基本信息 and settles the report's unit and month: 基本信息's,
// else the file name's, else the folder's. When two of them disagree the
// file is used for neither (the README: a disagreement is a problem, not a
// guess).
func (r *reader) info() {
	r.names = namesOf(r.p, r.rel)
	var sheetName, unitCell, monthCell string
	if s, ok := r.sheetNamed(SheetInfo, []string{"基本情况", "填报信息"}); ok {
		sheetName = s
		g, err := r.grid(s)
		if err != nil {
			r.find(s, "", domain.Error, "请用 Excel 或 WPS 打开后另存为 .xlsx 再报送；如仍有问题，请使用汇总单位下发的报送表格重新填写", "无法读取此工作表，此表未读取")
		} else {
			r.names.sheetUnit, r.names.sheetMonth, unitCell, monthCell = r.infoValues(g)
		}
	}
	units, months := r.names.units(), r.names.months()
	if len(units) > 0 {
		r.rep.Unit = units[0]
	}
	if len(months) > 0 {
		r.rep.Month = months[0]
	}
	n := r.names
	if len(units) > 1 {
		sheet, cell := sheetName, unitCell
		if n.sheetUnit == "" {
			sheet, cell = "", ""
		}
		said := saying([]string{"基本信息中的填报单位", "文件名", "所在文件夹名"},
			[]string{r.unitWord(n.sheetUnit), r.unitWord(n.fileUnit), r.unitWord(n.dirUnit)})
		r.conflict(sheet, cell, "填报单位不一致（"+said+"）",
			"请确认这是哪个单位的报表，让“基本信息”中的填报单位与文件名一致后重新报送")
	}
	if len(months) > 1 {
		sheet, cell := sheetName, monthCell
		if n.sheetMonth.IsZero() {
			sheet, cell = "", ""
		}
		said := saying([]string{"基本信息中的报送月份", "文件名", "所在文件夹名"},
			[]string{monthWord(n.sheetMonth), monthWord(n.fileMonth), monthWord(n.dirMonth)})
		r.conflict(sheet, cell, "报送月份不一致（"+said+"）",
			"请确认这是哪个月的报表，让“基本信息”中的报送月份、文件名和所在文件夹的月份一致后重新报送")
	}
	switch {
	case r.reason != "":
		// A conflict: not usable.
	case r.rep.Unit == "":
		r.find(sheetName, unitCell, domain.Error, "请在“基本信息”表的填报单位中写本单位全称，或把文件名改为“2023-05_单位名称.xlsx”的形式",
			"无法确定填报单位，本文件未计入")
	case r.rep.Month.IsZero():
		r.find(sheetName, monthCell, domain.Error, "请在“基本信息”表写报送月份（如 2023-05），或在文件名中写明月份",
			"无法确定报送月份，本文件未计入")
	case r.rep.Month.Before(r.p.Settings.FirstReportMonth) || r.rep.Month.After(r.p.Settings.LastReportMonth):
		r.find(sheetName, monthCell, domain.Error, fmt.Sprintf("报送月份应在 %s 到 %s 之间", r.p.Settings.FirstReportMonth, r.p.Settings.LastReportMonth),
			"报送月份 %s 不在方案的报送期内，本文件未计入", r.rep.Month)
	default:
		r.usable = true
	}
}

func (r *reader) unitWord(u domain.UnitID) string {
	if u == "" {
		return ""
	}
	return "“" + r.p.UnitName(u) + "”"
}

func monthWord(m domain.Month) string {
	if m.IsZero() {
		return ""
	}
	return " " + m.String()
}

// saying writes where each value was found, the places with the same
// value together: 基本信息中的报送月份是 2023-08，文件名和所在文件夹名中是
// 2023-09. A place with no value ("") is left out.
func saying(places, values []string) string {
	var parts []string
	done := map[string]bool{}
	for i, v := range values {
		if v == "" || done[v] {
			continue
		}
		done[v] = true
		var at []string
		for j := i; j < len(values); j++ {
			if values[j] == v {
				at = append(at, places[j])
			}
		}
		verb := "中是"
		if at[0] == places[0] {
			verb = "是" // 基本信息中的…是
		}
		parts = append(parts, strings.Join(at, "和")+verb+v)
	}
	return strings.Join(parts, "，")
}

// conflict records that the file names two units or two months: an
// error, and the file is not usable.
func (r *reader) conflict(sheet, cell, what, hint string) {
	r.find(sheet, cell, domain.Error, hint, "%s，无法确定，本文件未计入", what)
	if r.reason == "" {
		r.reason, r.hint = what, hint
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
					r.find(g.sheet, cell, domain.Error, "请写单位全称（如“"+r.p.Units[0].Name+"”），或使用汇总单位下发的本单位报送表格",
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
