package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"sync"
)

// book is a workbook package as the one-pass reader opens it, without
// excelize: the zip's directory, and from its parts only those the reader
// needs, each inflated when first needed (the workbook and its
// relationships at once; the shared strings, the number formats of the
// styles and the sheets it reads later; never the theme, the document
// properties or the sheets it does not read). Part names are compared as
// OOXML compares them: without regard to case, with / or \ between
// folders, with or without a leading /.
type book struct {
	data      []byte // the file
	files     []*zip.File
	parts     *partMemo   // of the Reader; nil for none
	sheets    []bookSheet // in the workbook's order
	date1904  bool
	sstPart   string
	stylePart string
	unzipped  int64 // bytes inflated so far

	sst     []string
	sstRead bool
	sstErr  error
	xfs     []numClass // number format of each cell style (cellXfs)
	xfsRead bool
}

type bookSheet struct{ name, part string }

// numClass is how a cell style shows a number: plainly, as a percentage
// or as a date.
type numClass uint8

const (
	numPlain numClass = iota
	numPercent
	numDate
)

var (
	errUnzipLimit = errors.New("unzip size limit exceeded")
	errNoPart     = errors.New("part not in the package")
	errNoWorkbook = errors.New("no workbook part")
)

// openBook opens a workbook package for the one-pass reader. It refuses a
// package whose parts would unzip to more than maxUnzipped bytes
// (errUnzipLimit, as excelize does), and fails when data is not a zip or
// holds no workbook it can read; the caller then tries excelize. parts
// (nil for none) keeps what was made of parts other workbooks share.
func openBook(data []byte, parts *partMemo) (*book, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	b := &book{data: data, files: zr.File, parts: parts}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > maxUnzipped {
			return nil, errUnzipLimit
		}
	}
	wbPart := "xl/workbook.xml"
	if f := b.file("_rels/.rels"); f != nil {
		if rels, err := b.rels(f); err == nil {
			for _, r := range rels {
				if strings.HasSuffix(r.typ, "/officeDocument") {
					wbPart = resolve("", r.target)
				}
			}
		}
	}
	wbFile := b.file(wbPart)
	dir := path.Dir(wbPart)
	if dir == "." {
		dir = ""
	}
	relsFile := b.file(path.Join(dir, "_rels", path.Base(wbPart)+".rels"))
	if wbFile == nil || relsFile == nil {
		return nil, errNoWorkbook
	}
	rels, err := b.rels(relsFile)
	if err != nil {
		return nil, err
	}
	wb, err := b.workbook(wbFile)
	if err != nil {
		return nil, err
	}
	targets := map[string]string{}
	for _, r := range rels {
		target := resolve(dir, r.target)
		targets[r.id] = target
		switch {
		case strings.HasSuffix(r.typ, "/sharedStrings"):
			b.sstPart = target
		case strings.HasSuffix(r.typ, "/styles"):
			b.stylePart = target
		}
	}
	if b.sstPart == "" && b.file("xl/sharedStrings.xml") != nil {
		// excelize reads the shared strings from their usual place even
		// when no relationship names them; so does this reader.
		b.sstPart = "xl/sharedStrings.xml"
	}
	if b.stylePart == "" && b.file("xl/styles.xml") != nil {
		b.stylePart = "xl/styles.xml"
	}
	b.date1904 = wb.date1904
	for _, s := range wb.sheets {
		if target, ok := targets[s.rid]; ok {
			b.sheets = append(b.sheets, bookSheet{name: s.name, part: target})
		}
	}
	return b, nil
}

// rel is a relationship of a package's part, its target as written.
type rel struct{ id, typ, target string }

// rels reads a relationships part: its internal relationships.
func (b *book) rels(f *zip.File) ([]rel, error) {
	v, err := b.parse(f, 'r', func(data []byte) (any, error) {
		var out []rel
		s := newScanner(data)
		for {
			t, err := s.next()
			if err != nil {
				return nil, err
			}
			if t.kind == tokEOF {
				return out, nil
			}
			if t.kind != tokStart || string(t.name) != "Relationship" || strings.EqualFold(attrString(t.attrs, "TargetMode"), "External") {
				continue
			}
			out = append(out, rel{attrString(t.attrs, "Id"), attrString(t.attrs, "Type"), attrString(t.attrs, "Target")})
		}
	})
	if err != nil {
		return nil, err
	}
	return v.([]rel), nil
}

// workbookInfo is what the reader takes from the workbook part.
type workbookInfo struct {
	date1904 bool
	sheets   []struct{ name, rid string }
}

func (b *book) workbook(f *zip.File) (workbookInfo, error) {
	v, err := b.parse(f, 'w', func(data []byte) (any, error) {
		var wb workbookInfo
		s := newScanner(data)
		for {
			t, err := s.next()
			if err != nil {
				return nil, err
			}
			if t.kind == tokEOF {
				return wb, nil
			}
			if t.kind != tokStart {
				continue
			}
			switch string(t.name) {
			case "workbookPr":
				v, _ := attr(t.attrs, "date1904")
				wb.date1904 = xsdBool(string(v))
			case "sheet":
				wb.sheets = append(wb.sheets, struct{ name, rid string }{attrString(t.attrs, "name"), attrString(t.attrs, "id")})
			}
		}
	})
	if err != nil {
		return workbookInfo{}, err
	}
	return v.(workbookInfo), nil
}

// parse inflates entry f and reads it with read, or takes what read made
// of the same bytes before (b.parts); what read returns is shared and
// never changed.
func (b *book) parse(f *zip.File, kind byte, read func([]byte) (any, error)) (any, error) {
	raw, ok := b.raw(f)
	ok = ok && b.parts != nil && len(raw) <= 64<<10 // a larger part is not kept
	if ok {
		if v, hit := b.parts.get(kind, f.Method, raw); hit {
			return v, nil
		}
	}
	var v any
	err := b.withFile(f, func(data []byte) error {
		var err error
		v, err = read(data)
		return err
	})
	if err != nil {
		return nil, err
	}
	if ok {
		b.parts.put(kind, f.Method, raw, v)
	}
	return v, nil
}

// raw returns the compressed bytes of entry f, as they lie in the file.
func (b *book) raw(f *zip.File) ([]byte, bool) {
	off, err := f.DataOffset()
	n := f.CompressedSize64
	if err != nil || off < 0 || n > uint64(len(b.data)) || uint64(off) > uint64(len(b.data))-n {
		return nil, false
	}
	return b.data[off : uint64(off)+n], true
}

// file returns the zip entry of a part, nil when there is none.
func (b *book) file(name string) *zip.File {
	for _, f := range b.files {
		if samePart(f.Name, name) {
			return f
		}
	}
	return nil
}

// samePart reports whether two part names name one part.
func samePart(a, b string) bool {
	a, b = strings.TrimPrefix(a, "/"), strings.TrimPrefix(b, "/")
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x == '\\' {
			x = '/'
		}
		if y == '\\' {
			y = '/'
		}
		if x != y && (x|0x20 != y|0x20 || x|0x20 < 'a' || x|0x20 > 'z') {
			return false
		}
	}
	return true
}

// inflate reads an entry whole into buf (grown as needed), checking its
// size against the bounds and its checksum.
func (b *book) inflate(f *zip.File, buf []byte) ([]byte, error) {
	size := f.UncompressedSize64
	if size > maxUnzippedXML || b.unzipped+int64(size) > maxUnzipped {
		return nil, errUnzipLimit
	}
	b.unzipped += int64(size)
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	if uint64(cap(buf)) < size {
		buf = make([]byte, size)
	}
	buf = buf[:size]
	if _, err := io.ReadFull(rc, buf); err != nil {
		return nil, err
	}
	// Reading on to the end checks the size and the checksum.
	var one [1]byte
	if n, err := rc.Read(one[:]); n != 0 || err != io.EOF {
		if err == nil || err == io.EOF {
			err = fmt.Errorf("%s: more bytes than its size", f.Name)
		}
		return nil, err
	}
	return buf, nil
}

// scratch holds the buffers sheets are inflated into, one per worker:
// their text is copied out, so a buffer serves the next sheet.
var scratch = sync.Pool{New: func() any { return new([]byte) }}

// withPart inflates a part into a pooled buffer and calls fn with it; fn
// must not keep the bytes.
func (b *book) withPart(name string, fn func([]byte) error) error {
	f := b.file(name)
	if f == nil {
		return errNoPart
	}
	return b.withFile(f, fn)
}

func (b *book) withFile(f *zip.File, fn func([]byte) error) error {
	bp := scratch.Get().(*[]byte)
	data, err := b.inflate(f, *bp)
	if err == nil {
		err = fn(data)
		if cap(data) <= 1<<20 {
			*bp = data[:0]
		}
	}
	scratch.Put(bp)
	return err
}

// sheetPart returns the part of the sheet named name (compared without
// regard to case, as excelize compares them).
func (b *book) sheetPart(name string) (string, bool) {
	for _, s := range b.sheets {
		if strings.EqualFold(s.name, name) {
			return s.part, true
		}
	}
	return "", false
}

// sheetNames returns the names of the sheets in the workbook's order.
func (b *book) sheetNames() []string {
	out := make([]string, len(b.sheets))
	for i, s := range b.sheets {
		out[i] = s.name
	}
	return out
}

// strings returns the shared strings table: each item's text, its
// phonetic runs left out, _xHHHH_ escapes decoded.
func (b *book) strings() ([]string, error) {
	if b.sstRead {
		return b.sst, b.sstErr
	}
	b.sstRead = true
	if b.sstPart == "" {
		return nil, nil
	}
	b.sstErr = b.withPart(b.sstPart, func(data []byte) error {
		s := newScanner(data)
		var (
			text      []byte
			inSI, inT bool
			skip      int // inside a phonetic run, whose text is not the cell's
		)
		for {
			t, err := s.next()
			if err != nil {
				return err
			}
			switch t.kind {
			case tokEOF:
				return nil
			case tokStart:
				switch string(t.name) {
				case "sst":
					if n, ok := attrInt(t.attrs, "uniqueCount"); ok && n <= 1<<16 {
						b.sst = make([]string, 0, n)
					}
				case "si":
					inSI, text = true, text[:0]
					if t.empty {
						inSI = false
						b.sst = append(b.sst, "")
					}
				case "rPh", "phoneticPr":
					if !t.empty {
						skip++
					}
				case "t":
					inT = inSI && skip == 0 && !t.empty
				}
			case tokEnd:
				switch string(t.name) {
				case "si":
					if inSI {
						b.sst = append(b.sst, bstrUnmarshal(string(text)))
					}
					inSI = false
				case "rPh", "phoneticPr":
					skip--
				case "t":
					inT = false
				}
			case tokText:
				if inT {
					if text, err = appendText(text, t.text, t.cdata); err != nil {
						return err
					}
				}
			}
		}
	})
	if b.sstErr != nil {
		b.sst = nil
	}
	return b.sst, b.sstErr
}

// numClass returns how cell style id shows numbers, read from the styles
// part as excelize reads it (GetStyle's NumFmt and CustomNumFmt).
func (b *book) numClass(id int) numClass {
	if !b.xfsRead {
		b.xfsRead = true
		b.xfs = b.readStyles()
	}
	if id < 0 || id >= len(b.xfs) {
		return numPlain
	}
	return b.xfs[id]
}

// readStyles reads the number format of every cell style; nil when the
// styles part is missing or cannot be read.
func (b *book) readStyles() []numClass {
	f := b.file(b.stylePart)
	if b.stylePart == "" || f == nil {
		return nil
	}
	v, err := b.parse(f, 's', func(data []byte) (any, error) {
		var xfs []numClass
		s := newScanner(data)
		custom := map[int]string{}
		inXfs := false
		for {
			t, err := s.next()
			if err != nil {
				return nil, err
			}
			switch t.kind {
			case tokEOF:
				return xfs, nil
			case tokStart:
				switch string(t.name) {
				case "numFmt":
					if id, ok := attrInt(t.attrs, "numFmtId"); ok {
						custom[id] = attrString(t.attrs, "formatCode")
					}
				case "cellXfs":
					inXfs = !t.empty
				case "xf":
					if inXfs {
						id, ok := attrInt(t.attrs, "numFmtId")
						xfs = append(xfs, classify(id, ok, custom))
					}
				}
			case tokEnd:
				if string(t.name) == "cellXfs" {
					return xfs, nil // nothing after the cell styles is needed
				}
			}
		}
	})
	if err != nil {
		return nil
	}
	return v.([]numClass)
}

// classify tells how number format id shows numbers: a built-in format by
// its id, another by its code (customFormat).
func classify(id int, ok bool, custom map[int]string) numClass {
	if !ok {
		return numPlain
	}
	if builtInFormat(id) {
		return classOf(id, nil)
	}
	if code, ok := custom[id]; ok {
		return classOf(0, &code)
	}
	return numPlain
}

// builtInFormat reports whether excelize takes id as a built-in number
// format (its builtInNumFmt and language formats).
func builtInFormat(id int) bool {
	return (id >= 0 && id <= 4) || (id >= 9 && id <= 22) || (id >= 37 && id <= 49) ||
		(id >= 27 && id <= 36) || (id >= 50 && id <= 62) || (id >= 67 && id <= 81)
}

// classOf tells how a style with built-in format numFmt or custom code
// shows numbers.
func classOf(numFmt int, code *string) numClass {
	switch {
	case numFmt == 9 || numFmt == 10:
		return numPercent
	case numFmt >= 14 && numFmt <= 22, numFmt >= 27 && numFmt <= 36, numFmt >= 45 && numFmt <= 47, numFmt >= 50 && numFmt <= 58:
		return numDate
	}
	if code != nil {
		percent, date := customFormat(*code)
		switch {
		case percent:
			return numPercent
		case date:
			return numDate
		}
	}
	return numPlain
}
