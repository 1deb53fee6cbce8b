package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"regexp"
	"strings"
)

// canonicalNames returns data with every part named as the package's
// relationships and content types name it, when some part is named
// otherwise (in another case, or with \ between folders). OOXML compares
// part names without regard to case, and so do Excel and this reader;
// excelize looks parts up by their exact names, so it is given the
// package renamed. data itself comes back when every name is already so,
// or when data is not a zip that can be read.
func canonicalNames(data []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return data
	}
	byKey := map[string]*zip.File{}
	for _, f := range zr.File {
		byKey[partKey(f.Name)] = f
	}
	want := map[string]string{} // partKey → the name the package uses
	add := func(name string) {
		if k := partKey(name); want[k] == "" {
			want[k] = strings.TrimPrefix(name, "/")
		}
	}
	add("[Content_Types].xml")
	if b, ok := smallPart(byKey["[content_types].xml"]); ok {
		for _, m := range reOverride.FindAllSubmatch(b, -1) {
			add(string(m[1]))
		}
	}
	queue := []string{"_rels/.rels"}
	add(queue[0])
	for len(queue) > 0 {
		relsName := queue[0]
		queue = queue[1:]
		b, ok := smallPart(byKey[partKey(relsName)])
		if !ok {
			continue
		}
		var rels relsXML
		if xml.Unmarshal(b, &rels) != nil {
			continue
		}
		// The relationships of a/b/c.xml are a/b/_rels/c.xml.rels.
		dir := path.Dir(path.Dir(relsName))
		if dir == "." {
			dir = ""
		}
		for _, r := range rels.Rels {
			if strings.EqualFold(r.Mode, "External") {
				continue
			}
			name := resolve(dir, r.Target)
			add(name)
			sub := path.Join(path.Dir(name), "_rels", path.Base(name)+".rels")
			if _, seen := want[partKey(sub)]; !seen {
				add(sub)
				queue = append(queue, sub)
			}
		}
	}
	rename := false
	for _, f := range zr.File {
		if w := want[partKey(f.Name)]; w != "" && w != f.Name {
			rename = true
		}
	}
	if !rename {
		return data
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		fh := f.FileHeader
		if w := want[partKey(f.Name)]; w != "" {
			fh.Name = w
		}
		w, err := zw.CreateRaw(&fh)
		if err != nil {
			return data
		}
		r, err := f.OpenRaw()
		if err != nil {
			return data
		}
		if _, err := io.Copy(w, r); err != nil {
			return data
		}
	}
	if zw.Close() != nil {
		return data
	}
	return buf.Bytes()
}

var reOverride = regexp.MustCompile(`PartName="([^"]+)"`)

// smallPart inflates a part of at most 1 MB (relationships, content
// types); ok is false for a missing, larger or broken one.
func smallPart(f *zip.File) ([]byte, bool) {
	if f == nil {
		return nil, false
	}
	rc, err := f.Open()
	if err != nil {
		return nil, false
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, 1<<20+1))
	if err != nil || len(b) > 1<<20 {
		return nil, false
	}
	return b, true
}
