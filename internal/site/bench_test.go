package site

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync/atomic"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/workbook"
	"github.com/plansite/plansite/templates"
)

// BenchmarkRebuildOneChanged is an incremental rebuild of the example after
// one workbook changed, as serve and watch make it (one Builder kept from
// build to build, the caches of the previous build): a unit corrected its
// workbook of the latest month or of an earlier one, or handed in its
// workbook of the latest month (after a build without it). Compare with
// BenchmarkFullBuild in the same run:
// go test -run XXX -bench Build ./internal/site
func BenchmarkRebuildOneChanged(b *testing.B) {
	b.Run("latest month", func(b *testing.B) { benchRebuild(b, "2023-12", "仲裁院", false) })
	b.Run("earlier month", func(b *testing.B) { benchRebuild(b, "2023-06", "仲裁院", false) })
	b.Run("handed in", func(b *testing.B) { benchRebuild(b, "2023-12", "仲裁院", true) })
}

// benchRebuild rebuilds the example after unit's workbook of month changed
// (its progress on its first task, to a value it has not had before, as
// when a unit corrects its file), with the Builder and the caches of the
// build before. A workbook of the latest
// month is the usual case (units hand in or correct this month's); one of
// an earlier month changes the figures of every month after it, and so
// most pages.
func benchRebuild(b *testing.B, month, unit string, handIn bool) {
	dir := filepath.Join(b.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS(exampleContent)); err != nil {
		b.Fatal(err)
	}
	target := filepath.Join(dir, "inbox", month, month+"_"+unit+".xlsx")
	plan, err := content.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	res := workbook.NewReader(workbook.SchemaOf(plan)).Read(target, month+"/"+unit)
	if len(res.Report.Tasks) == 0 || res.Report.Tasks[0].Progress == nil {
		b.Fatalf("%s: no progress to change", target)
	}
	row := res.Report.Tasks[0]
	original, err := os.ReadFile(target)
	if err != nil {
		b.Fatal(err)
	}
	// Values 0.1 apart (as the pages round them) away from the middle.
	step := 0.1
	if *row.Progress >= 50 {
		step = -step
	}
	version := func() []byte {
		k := benchEdits.Add(1)%400 + 1
		v, err := workbook.Edit(original, plan, res.Report.Unit, []workbook.CellEdit{{Sheet: workbook.SheetTasks, RowID: row.TaskID, Label: "完成进度(%)", Number: *row.Progress + step*float64(k)}})
		if err != nil {
			b.Fatal(err)
		}
		return v
	}
	work := b.TempDir()
	o := Options{Content: dir, Out: filepath.Join(work, "public"), Templates: templates.FS, Cache: filepath.Join(work, "cache")}
	bld := new(Builder)
	if _, err := bld.Build(context.Background(), o); err != nil {
		b.Fatal(err)
	}
	gcAsTheCommands(b)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if handIn {
			if err := os.Remove(target); err != nil {
				b.Fatal(err)
			}
			if _, err := bld.Build(context.Background(), o); err != nil {
				b.Fatal(err)
			}
		}
		if err := os.WriteFile(target, version(), 0o644); err != nil {
			b.Fatal(err)
		}
		t := time.Now().Add(time.Duration(i+1) * time.Second)
		_ = os.Chtimes(target, t, t)
		runtime.GC() // as serve and watch do between builds
		b.StartTimer()
		res, err := bld.Build(context.Background(), o)
		if err != nil {
			b.Fatal(err)
		}
		if res.Parsed > 1 {
			b.Fatalf("%d workbooks parsed", res.Parsed)
		}
	}
}

// benchEdits counts the edits of the benchmarks in this process.
var benchEdits atomic.Int64

// BenchmarkFullBuild is a build of the example from scratch: no cache.
func BenchmarkFullBuild(b *testing.B) {
	dir := b.TempDir()
	o := Options{Content: exampleContent, Out: filepath.Join(dir, "public"), Templates: templates.FS}
	gcAsTheCommands(b)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		runtime.GC() // each build is a new process
		b.StartTimer()
		if _, err := Build(context.Background(), o); err != nil {
			b.Fatal(err)
		}
	}
}

// gcAsTheCommands sets the garbage collector as the plansite command does
// (no collection during a build, within a memory limit) for the rest of
// the benchmark, and resets its timer.
func gcAsTheCommands(b *testing.B) {
	gc, limit := debug.SetGCPercent(-1), debug.SetMemoryLimit(320<<20)
	b.Cleanup(func() {
		debug.SetGCPercent(gc)
		debug.SetMemoryLimit(limit)
	})
	b.ResetTimer()
}
