package site

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/plansite/plansite/templates"
)

// BenchmarkRebuild is a build of the example with every workbook in the
// cache (an incremental rebuild with nothing changed).
func BenchmarkRebuild(b *testing.B) {
	dir := b.TempDir()
	o := Options{Content: exampleContent, Out: filepath.Join(dir, "public"), Templates: templates.FS, Cache: filepath.Join(dir, "cache")}
	if _, err := Build(context.Background(), o); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := Build(context.Background(), o)
		if err != nil {
			b.Fatal(err)
		}
		if res.Parsed != 0 {
			b.Fatalf("%d workbooks parsed again", res.Parsed)
		}
	}
}

// BenchmarkFullBuild is a build of the example with no cache.
func BenchmarkFullBuild(b *testing.B) {
	dir := b.TempDir()
	o := Options{Content: exampleContent, Out: filepath.Join(dir, "public"), Templates: templates.FS}
	for i := 0; i < b.N; i++ {
		if _, err := Build(context.Background(), o); err != nil {
			b.Fatal(err)
		}
	}
}
