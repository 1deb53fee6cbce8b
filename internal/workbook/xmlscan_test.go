package workbook

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// FuzzXMLScanner compares the one-pass reader's XML scanner with
// encoding/xml on any text encoding/xml reads whole: the same elements (by
// local name) in the same order, and the same text between them. Text it
// declines (a DOCTYPE, another encoding than UTF-8) is left to excelize
// and not compared.
func FuzzXMLScanner(f *testing.F) {
	for _, s := range []string{
		`<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="m"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
		`<si><r><t xml:space="preserve"> a &amp; b </t></r><rPh sb="0" eb="1"><t>ふ</t></rPh></si>`,
		`<a b='1>2' c="&quot;x&#x41;&#66;"/><![CDATA[<not a tag>]]><!-- note -->t&lt;&gt;` + "\r\n",
		`<c r="A1"><f t="shared" si="0"/><v>1.5</v></c>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		want, ok := stdTokens(data)
		if !ok || bytes.Contains(data, []byte("<!")) && !bytes.Contains(data, []byte("<![CDATA[")) && !bytes.Contains(data, []byte("<!--")) {
			return
		}
		got, err := ourTokens(data)
		if err != nil {
			if bytes.Contains(data, []byte("encoding=")) || bytes.Contains(data, []byte("<!")) {
				return
			}
			t.Fatalf("scanner failed on XML encoding/xml reads: %v\n%q", err, data)
		}
		if got != want {
			t.Fatalf("scanner read\n%q\nencoding/xml read\n%q\nfrom %q", got, want, data)
		}
	})
}

// stdTokens writes what encoding/xml reads of data: <name, </name and
// text, merged where adjacent.
func stdTokens(data []byte) (string, bool) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var b strings.Builder
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return b.String(), true
		}
		if err != nil {
			return "", false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			b.WriteString("<" + t.Name.Local + "|")
		case xml.EndElement:
			b.WriteString("</" + t.Name.Local + "|")
		case xml.CharData:
			b.Write(t)
		}
	}
}

func ourTokens(data []byte) (string, error) {
	s := newScanner(data)
	var b strings.Builder
	for {
		t, err := s.next()
		if err != nil {
			return "", err
		}
		switch t.kind {
		case tokEOF:
			return b.String(), nil
		case tokStart:
			b.WriteString("<" + string(t.name) + "|")
			if t.empty {
				b.WriteString("</" + string(t.name) + "|")
			}
		case tokEnd:
			b.WriteString("</" + string(t.name) + "|")
		case tokText:
			text, err := appendText(nil, t.text, t.cdata)
			if err != nil {
				return "", err
			}
			b.Write(text)
		}
	}
}
