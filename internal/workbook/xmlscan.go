package workbook

import (
	"bytes"
	"errors"
	"unicode/utf8"
)

// xmlScanner reads the XML of a workbook's parts in one pass over its
// bytes, without building tokens it does not need: element names come
// without their prefix (x:row is row), attributes are looked up in the
// raw text of their tag, and text is decoded only when asked for. It
// reads UTF-8 only; any other encoding, a DOCTYPE, or XML it cannot make
// sense of is an error, and the reader then reads the sheet through
// excelize. It does not check that elements nest properly.
type xmlScanner struct {
	b   []byte
	pos int
}

type tokKind uint8

const (
	tokEOF   tokKind = iota
	tokStart         // <name attrs> or <name attrs/>
	tokEnd           // </name>
	tokText          // text between tags (or a CDATA section)
)

// token is one piece of a part's XML; its slices point into the part.
type token struct {
	kind  tokKind
	name  []byte // local name of a start or end tag
	attrs []byte // raw attributes of a start tag
	empty bool   // a start tag that ends itself (<c/>)
	text  []byte // raw text; entities are decoded by appendText
	cdata bool   // text is a CDATA section (nothing to decode)
}

var (
	errXMLSyntax   = errors.New("xml: syntax the one-pass reader does not read")
	errXMLEncoding = errors.New("xml: encoding other than UTF-8")
)

func newScanner(b []byte) *xmlScanner {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) // UTF-8 byte-order mark
	return &xmlScanner{b: b}
}

// next returns the next token, or an error for XML it does not read.
func (s *xmlScanner) next() (token, error) {
	for {
		if s.pos >= len(s.b) {
			return token{kind: tokEOF}, nil
		}
		b := s.b[s.pos:]
		if b[0] != '<' {
			i := bytes.IndexByte(b, '<')
			if i < 0 {
				i = len(b)
			}
			s.pos += i
			return token{kind: tokText, text: b[:i]}, nil
		}
		switch {
		case bytes.HasPrefix(b, []byte("<?")):
			end := bytes.Index(b, []byte("?>"))
			if end < 0 {
				return token{}, errXMLSyntax
			}
			if bytes.HasPrefix(b, []byte("<?xml")) && len(b) > 5 && isSpace(b[5]) {
				if enc, ok := attr(b[5:end], "encoding"); ok && !isUTF8(enc) {
					return token{}, errXMLEncoding
				}
			}
			s.pos += end + 2
			continue
		case bytes.HasPrefix(b, []byte("<!--")):
			end := bytes.Index(b[4:], []byte("-->"))
			if end < 0 {
				return token{}, errXMLSyntax
			}
			s.pos += 4 + end + 3
			continue
		case bytes.HasPrefix(b, []byte("<![CDATA[")):
			end := bytes.Index(b[9:], []byte("]]>"))
			if end < 0 {
				return token{}, errXMLSyntax
			}
			s.pos += 9 + end + 3
			return token{kind: tokText, text: b[9 : 9+end], cdata: true}, nil
		case len(b) > 1 && b[1] == '!':
			return token{}, errXMLSyntax // DOCTYPE and the like
		}
		end := tagEnd(b)
		if end < 0 {
			return token{}, errXMLSyntax
		}
		s.pos += end + 1
		tag := b[1:end]
		if len(tag) > 0 && tag[0] == '/' {
			return token{kind: tokEnd, name: localName(bytes.TrimSpace(tag[1:]))}, nil
		}
		t := token{kind: tokStart}
		if len(tag) > 0 && tag[len(tag)-1] == '/' {
			t.empty = true
			tag = tag[:len(tag)-1]
		}
		n := 0
		for n < len(tag) && !isSpace(tag[n]) {
			n++
		}
		if n == 0 {
			return token{}, errXMLSyntax
		}
		t.name, t.attrs = localName(tag[:n]), tag[n:]
		return t, nil
	}
}

// tagEnd returns the index of the > that ends the tag b starts with,
// skipping > inside quoted attribute values; -1 when there is none.
func tagEnd(b []byte) int {
	var quote byte
	for i := 1; i < len(b); i++ {
		c := b[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		case c == '<':
			return -1
		}
	}
	return -1
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isUTF8(enc []byte) bool {
	return bytes.EqualFold(enc, []byte("utf-8")) || bytes.EqualFold(enc, []byte("utf8"))
}

// localName drops a name's prefix (x:row is row), as encoding/xml does: a
// name with more than one colon, or nothing before or after its colon,
// is all local name.
func localName(name []byte) []byte {
	i := bytes.IndexByte(name, ':')
	if i <= 0 || i == len(name)-1 || bytes.IndexByte(name[i+1:], ':') >= 0 {
		return name
	}
	return name[i+1:]
}

// attr returns the raw value of the attribute whose local name is name.
func attr(attrs []byte, name string) ([]byte, bool) {
	i := 0
	for i < len(attrs) {
		for i < len(attrs) && isSpace(attrs[i]) {
			i++
		}
		start := i
		for i < len(attrs) && attrs[i] != '=' && !isSpace(attrs[i]) {
			i++
		}
		key := attrs[start:i]
		for i < len(attrs) && isSpace(attrs[i]) {
			i++
		}
		if i >= len(attrs) || attrs[i] != '=' {
			return nil, false
		}
		i++
		for i < len(attrs) && isSpace(attrs[i]) {
			i++
		}
		if i >= len(attrs) || (attrs[i] != '"' && attrs[i] != '\'') {
			return nil, false
		}
		q := attrs[i]
		i++
		vs := i
		for i < len(attrs) && attrs[i] != q {
			i++
		}
		if i >= len(attrs) {
			return nil, false
		}
		v := attrs[vs:i]
		i++
		if string(localName(key)) == name {
			return v, true
		}
	}
	return nil, false
}

// attrString returns an attribute's value decoded ("" when it is absent).
func attrString(attrs []byte, name string) string {
	v, ok := attr(attrs, name)
	if !ok {
		return ""
	}
	if bytes.IndexByte(v, '&') < 0 {
		return string(v)
	}
	d, err := appendText(nil, v, false)
	if err != nil {
		return string(v)
	}
	return string(d)
}

// attrInt returns an attribute's value as a non-negative integer; ok is
// false when it is absent or not one.
func attrInt(attrs []byte, name string) (int, bool) {
	v, ok := attr(attrs, name)
	if !ok {
		return 0, false
	}
	return atoi(bytes.TrimSpace(v))
}

// atoi reads a non-negative decimal integer of at most 9 digits.
func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// appendText appends raw XML text to dst with its entities decoded and its
// line ends made \n, as an XML parser gives it.
func appendText(dst, raw []byte, cdata bool) ([]byte, error) {
	for len(raw) > 0 {
		i := bytes.IndexAny(raw, "&\r")
		if cdata {
			i = bytes.IndexByte(raw, '\r')
		}
		if i < 0 {
			return append(dst, raw...), nil
		}
		dst = append(dst, raw[:i]...)
		raw = raw[i:]
		if raw[0] == '\r' {
			dst = append(dst, '\n')
			raw = raw[1:]
			if len(raw) > 0 && raw[0] == '\n' {
				raw = raw[1:]
			}
			continue
		}
		end := bytes.IndexByte(raw, ';')
		if end < 0 {
			return dst, errXMLSyntax
		}
		ent := raw[1:end]
		raw = raw[end+1:]
		switch string(ent) {
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "amp":
			dst = append(dst, '&')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			r, ok := charRef(ent)
			if !ok {
				return dst, errXMLSyntax
			}
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst, nil
}

// charRef reads a character reference's body: #65 or #x41.
func charRef(ent []byte) (rune, bool) {
	if len(ent) < 2 || ent[0] != '#' {
		return 0, false
	}
	base, digits := 10, ent[1:]
	if digits[0] == 'x' {
		base, digits = 16, digits[1:]
	}
	if len(digits) == 0 || len(digits) > 8 {
		return 0, false
	}
	var r rune
	for _, c := range digits {
		var d rune
		switch {
		case c >= '0' && c <= '9':
			d = rune(c - '0')
		case base == 16 && c >= 'a' && c <= 'f':
			d = rune(c-'a') + 10
		case base == 16 && c >= 'A' && c <= 'F':
			d = rune(c-'A') + 10
		default:
			return 0, false
		}
		r = r*rune(base) + d
	}
	if !utf8.ValidRune(r) || r == 0 {
		return 0, false
	}
	return r, true
}

// cellRef reads a cell reference such as B12 (letters in either case): its
// 1-based column and row.
func parseCellRef(b []byte) (col, row int, ok bool) {
	i := 0
	for i < len(b) {
		c := b[i] | 0x20
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a') + 1
		i++
		if col > 16384 {
			return 0, 0, false
		}
	}
	if i == 0 {
		return 0, 0, false
	}
	row, ok = atoi(b[i:])
	if !ok || row < 1 || row > 1048576 {
		return 0, 0, false
	}
	return col, row, true
}
