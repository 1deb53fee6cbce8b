package site

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/plansite/plansite/templates"
)

// BenchmarkRebuildOneChanged is an incremental rebuild of the example after
// one workbook changed (it alternates between two versions of the file),
// with the cache of the previous build. Compare with BenchmarkFullBuild in
// the same run: go test -run XXX -bench Build ./internal/site
func BenchmarkRebuildOneChanged(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS(exampleContent)); err != nil {
		b.Fatal(err)
	}
	target := filepath.Join(dir, "inbox", "2023-06", "2023-06_仲裁院.xlsx")
	versions := [2][]byte{}
	for i, src := range []string{target, filepath.Join(dir, "inbox", "2023-06", "2023-06_政策法规股.xlsx")} {
		data, err := os.ReadFile(src)
		if err != nil {
			b.Fatal(err)
		}
		versions[i] = data
	}
	work := b.TempDir()
	o := Options{Content: dir, Out: filepath.Join(work, "public"), Templates: templates.FS, Cache: filepath.Join(work, "cache")}
	if _, err := Build(context.Background(), o); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if err := os.WriteFile(target, versions[(i+1)%2], 0o644); err != nil {
			b.Fatal(err)
		}
		t := time.Now().Add(time.Duration(i+1) * time.Second)
		_ = os.Chtimes(target, t, t)
		b.StartTimer()
		res, err := Build(context.Background(), o)
		if err != nil {
			b.Fatal(err)
		}
		if res.Parsed > 1 {
			b.Fatalf("%d workbooks parsed", res.Parsed)
		}
	}
}

// BenchmarkFullBuild is a build of the example from scratch: no cache.
func BenchmarkFullBuild(b *testing.B) {
	dir := b.TempDir()
	o := Options{Content: exampleContent, Out: filepath.Join(dir, "public"), Templates: templates.FS}
	for i := 0; i < b.N; i++ {
		if _, err := Build(context.Background(), o); err != nil {
			b.Fatal(err)
		}
	}
}
