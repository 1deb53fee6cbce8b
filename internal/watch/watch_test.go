package watch

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestChangeIsTold(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "2023-12")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	w, err := New([]string{dir}, Options{Quiet: 200 * time.Millisecond, Poll: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch := w.Changes(ctx)
	time.Sleep(100 * time.Millisecond)
	if err := os.WriteFile(filepath.Join(sub, "a.xlsx"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ch:
	case <-time.After(3 * time.Second):
		t.Fatal("no change told")
	}
}

// TestPollFindsChanges: with no events (a network share), the scan finds a
// new file, even with a scan as frequent as the quiet time.
func TestPollFindsChanges(t *testing.T) {
	dir := t.TempDir()
	w := &Watcher{dirs: []string{dir}, o: Options{Quiet: 200 * time.Millisecond, Poll: 200 * time.Millisecond}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch := w.Changes(ctx)
	time.Sleep(100 * time.Millisecond)
	if err := os.WriteFile(filepath.Join(dir, "b.xlsx"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ch:
	case <-time.After(3 * time.Second):
		t.Fatal("the scan did not tell the change")
	}
}

// TestWaitsForCopyToEnd: a file that keeps growing is told only once it
// stops changing.
func TestWaitsForCopyToEnd(t *testing.T) {
	dir := t.TempDir()
	w, _ := New([]string{dir}, Options{Quiet: 300 * time.Millisecond, Poll: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch := w.Changes(ctx)
	time.Sleep(100 * time.Millisecond)
	p := filepath.Join(dir, "big.xlsx")
	stop := time.Now().Add(1500 * time.Millisecond)
	go func() {
		f, _ := os.Create(p)
		for time.Now().Before(stop) {
			_, _ = f.Write(make([]byte, 1024))
			time.Sleep(50 * time.Millisecond)
		}
		f.Close()
	}()
	select {
	case <-ch:
		if time.Now().Before(stop) {
			t.Error("told while the file was still being written")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("never told")
	}
}

// TestIgnoredFolder: writes into an ignored folder (the site being built
// inside the content folder) are not told.
func TestIgnoredFolder(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	w, _ := New([]string{dir}, Options{Quiet: 150 * time.Millisecond, Poll: 100 * time.Millisecond, Ignore: []string{out}})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch := w.Changes(ctx)
	time.Sleep(100 * time.Millisecond)
	if err := os.WriteFile(filepath.Join(out, "index.html"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ch:
		t.Error("a write into the ignored folder was told")
	case <-time.After(800 * time.Millisecond):
	}
}
