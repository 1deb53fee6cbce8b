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

// TestSetDirs: after SetDirs the new folder is watched (a change is told
// once for the move itself, then for a file written there) and the old one
// no longer is.
func TestSetDirs(t *testing.T) {
	old, inbox := t.TempDir(), t.TempDir()
	w, _ := New([]string{old}, Options{Quiet: 150 * time.Millisecond, Poll: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch := w.Changes(ctx)
	told := func(what string, want bool) {
		t.Helper()
		select {
		case <-ch:
			if !want {
				t.Errorf("%s was told", what)
			}
		case <-time.After(1500 * time.Millisecond):
			if want {
				t.Errorf("%s was not told", what)
			}
		}
	}
	w.SetDirs([]string{inbox})
	told("the move to a new folder", true)
	w.SetDirs([]string{inbox})
	told("SetDirs with the same folders", false)
	if err := os.WriteFile(filepath.Join(inbox, "2023-12_就业中心.xlsx"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	told("a file in the new folder", true)
	if err := os.WriteFile(filepath.Join(old, "a.xlsx"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	told("a file in the folder no longer watched", false)
}
