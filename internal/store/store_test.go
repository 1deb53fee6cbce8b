package store

import (
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plansite/plansite/internal/keyhash"
)

// TestStore: what a build stores, the next build (a new Store on the same
// file, as in a new process) gets back; what a build did not use is gone
// after it; a damaged file or one of another version is an empty store.
func TestStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache", "made.store")
	a, b, c := keyhash.Of("a"), keyhash.Of("b"), keyhash.Of("c")
	long := strings.Repeat("图表", 500)

	s := Open(path)
	if _, ok := s.Get(a); ok {
		t.Fatal("an empty store has a")
	}
	s.Put(a, "one")
	s.Put(b, long)
	s.Put(c, "")
	s.Save()

	files = NewDecoded[map[keyhash.Key]string](filesMax) // as in a new process
	s = Open(path)
	for k, want := range map[keyhash.Key]string{a: "one", b: long, c: ""} {
		if v, ok := s.Get(k); !ok || v != want {
			t.Errorf("got %.20q, %v; want %.20q", v, ok, want)
		}
	}
	s = Open(path) // this build uses a only
	s.Get(a)
	s.Save()
	files = NewDecoded[map[keyhash.Key]string](filesMax)
	s = Open(path)
	if _, ok := s.Get(b); ok {
		t.Error("an entry the last build did not use is still there")
	}
	if v, ok := s.Get(a); !ok || v != "one" {
		t.Errorf("a: %q, %v", v, ok)
	}

	// Every way of cutting the file short is an empty store, never a panic.
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for n := 0; n < len(data); n++ {
		if m, ok := decode(string(data[:n])); ok && n != len(header()) {
			t.Errorf("a file cut at %d of %d bytes decoded to %d entries", n, len(data), len(m))
		}
	}
	if _, ok := decode(strings.Replace(string(data), "store 2", "store 1", 1)); ok {
		t.Error("a file of another version decoded")
	}
	if _, ok := decode(strings.Replace(string(data), header(), version+" 1 2\n", 1)); ok {
		t.Error("a file of another build of plansite decoded")
	}
	if m, ok := decode(string(data)); !ok || len(m) != 1 {
		t.Errorf("the whole file: %d entries, %v", len(m), ok)
	}

	var nilStore *Store
	nilStore.Put(a, "x")
	if _, ok := nilStore.Get(a); ok {
		t.Error("a nil store kept something")
	}
	nilStore.Save()
}

func TestUvarint(t *testing.T) {
	for _, x := range []uint64{0, 1, 127, 128, 300, 1 << 20, 1<<63 + 5} {
		b := binary.AppendUvarint(nil, x)
		if got, n := uvarint(string(b)); got != x || n != len(b) {
			t.Errorf("uvarint(%d) = %d, %d", x, got, n)
		}
		if _, n := uvarint(string(b[:len(b)-1])); n > 0 {
			t.Errorf("a cut varint of %d decoded", x)
		}
	}
}

func TestJoinSplit(t *testing.T) {
	fields := []string{"", "a", strings.Repeat("长", 300), "0"}
	v := Join(fields...)
	got, ok := Split(v, len(fields))
	if !ok || strings.Join(got, "|") != strings.Join(fields, "|") {
		t.Errorf("Split(Join(%q)) = %q, %v", fields, got, ok)
	}
	for _, n := range []int{len(fields) - 1, len(fields) + 1} {
		if _, ok := Split(v, n); ok {
			t.Errorf("%d fields split as %d", len(fields), n)
		}
	}
	if _, ok := Split(v[:len(v)-1], len(fields)); ok {
		t.Error("a cut value split")
	}
}

// TestAppend: a build that adds to a store mostly in use appends to its
// file; one that leaves most of it unused writes it anew without that.
func TestAppend(t *testing.T) {
	path := filepath.Join(t.TempDir(), "made.store")
	a, b, c := keyhash.Of("a"), keyhash.Of("b"), keyhash.Of("c")
	big := strings.Repeat("x", 1000)
	newProcess := func() *Store {
		files = NewDecoded[map[keyhash.Key]string](filesMax)
		return Open(path)
	}
	s := newProcess()
	s.Put(a, big)
	s.Put(b, big)
	s.Save()
	before, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}

	s = newProcess() // uses a and b, adds c
	s.Get(a)
	s.Get(b)
	s.Put(c, "small")
	s.Save()
	after, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(before, after) || after.Size() <= before.Size() {
		t.Errorf("the file was written anew (%d → %d bytes), not appended to", before.Size(), after.Size())
	}
	for _, open := range []func() *Store{func() *Store { return Open(path) }, newProcess} { // in this process, and another
		s := open()
		for k, want := range map[keyhash.Key]string{a: big, b: big, c: "small"} {
			if v, ok := s.Get(k); !ok || v != want {
				t.Errorf("after the append: %.10q, %v; want %.10q", v, ok, want)
			}
		}
	}

	s = newProcess() // uses c only: a and b are most of the file
	s.Get(c)
	s.Save()
	s = newProcess()
	if _, ok := s.Get(a); ok {
		t.Error("entries no build used are still in the file")
	}
	if info, err := os.Stat(path); err != nil || info.Size() > 200 {
		t.Errorf("the file holds %d bytes after its rewrite, %v", info.Size(), err)
	}
}

// TestProgramID: the store's files are tied to this build of plansite by
// its Go build ID, as the go tool reports it.
func TestProgramID(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Fatalf("go tool buildid: %v", err)
	}
	if got, want := programID(), strings.TrimSpace(string(out)); got != want {
		t.Errorf("programID() = %q, go tool buildid says %q", got, want)
	}
}

// TestBuildIDWindows: the build ID is found in a Windows program too, where
// the linker writes it as text.
func TestBuildIDWindows(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module hello\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\n\nfunc main() { println(\"你好\") }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(dir, "hello.exe")
	build := exec.Command("go", "build", "-o", exe, ".")
	build.Dir = dir
	build.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Fatalf("go tool buildid: %v", err)
	}
	if got, want := buildID(exe), strings.TrimSpace(string(out)); got != want || got == "" {
		t.Errorf("buildID = %q, go tool buildid says %q", got, want)
	}
}
