package workbook

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/plansite/plansite/internal/domain"
)

// FuzzReadBytes reads arbitrary bytes as a workbook through the one-pass
// reader (seeded with the templates, the LibreOffice fixtures, the
// foreign-writer corpus and the field cases): it must never panic
// (ReadBytes recovers excelize's panics, so a recovered one is reported
// here), and a file it sets aside must say why.
func FuzzReadBytes(f *testing.F) {
	p := mustPlan(f)
	f.Add(mustTemplate(f, p, jyzx, fillFor(p, jyzx)))
	f.Add(mustTemplate(f, p, zynlj, nil))
	seeds := []string{"testdata/libreoffice-resaved.xlsx", "testdata/libreoffice-from-csv.xlsx"}
	for _, glob := range []string{"testdata/foreign/*.xlsx", "testdata/field/*.xlsx"} {
		more, _ := filepath.Glob(glob)
		seeds = append(seeds, more...)
	}
	for _, name := range seeds {
		if b, err := os.ReadFile(name); err == nil && len(b) < 64<<10 {
			f.Add(b)
		}
	}
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		res := NewReader(SchemaOf(p)).ReadBytes(data, "2023-06_就业中心.xlsx")
		if !res.Usable && len(res.Findings) == 0 {
			t.Fatal("file set aside without a finding")
		}
		for _, fd := range res.Findings {
			if fd.Message == "" || (fd.Severity != domain.Error && fd.Severity != domain.Warning) {
				t.Fatalf("bad finding %+v", fd)
			}
			if len(fd.Message) > 6 && fd.Message[:6] == "读取" {
				t.Fatalf("reader panicked: %+v", fd)
			}
			if w := english(fd.Message + " " + fd.Hint); w != "" {
				t.Fatalf("English %q in a finding: %+v", w, fd)
			}
		}
	})
}
