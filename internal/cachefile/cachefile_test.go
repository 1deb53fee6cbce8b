package cachefile

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestWriteRead: what is written is read back, in order, by this build;
// a file of another format or another build of plansite has no entries.
func TestWriteRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache", "test.cache")
	entries := []string{"one", "", strings.Repeat("图表", 500), "\x00\xff"}
	if err := Write(path, "test 1", entries); err != nil {
		t.Fatal(err)
	}
	if got := read(path, "test 1"); !slices.Equal(got, entries) {
		t.Errorf("read %q; want %q", got, entries)
	}
	if got := read(path, "test 2"); got != nil {
		t.Errorf("a file of another format gave %d entries", len(got))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	other := strings.Replace(string(data), program(), "another-build-id", 1)
	if got := decode([]byte(other), "test 1"); got != nil {
		t.Errorf("a file of another build of plansite gave %d entries", len(got))
	}
	if got := read(filepath.Join(t.TempDir(), "none"), "test 1"); got != nil {
		t.Errorf("a missing file gave %d entries", len(got))
	}
}

// TestDamagedFile: a file cut short anywhere, or with any bit flipped,
// gives the entries before the damage, each exactly as written, and
// never panics.
func TestDamagedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "test.cache")
	entries := []string{"alpha", "beta", strings.Repeat("x", 300), "delta"}
	if err := Write(path, "test 1", entries); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	check := func(what string, read [][]byte) {
		t.Helper()
		got := asStrings(read)
		if len(got) > len(entries) || !slices.Equal(got, entries[:len(got)]) {
			t.Fatalf("%s: read %q", what, got)
		}
	}
	for n := 0; n < len(data); n++ {
		got := decode(data[:n], "test 1")
		check("cut", got)
		if len(got) == len(entries) {
			t.Fatalf("a file cut at %d of %d bytes gave every entry", n, len(data))
		}
	}
	for i := 0; i < len(data)*8; i++ {
		b := []byte(string(data))
		b[i/8] ^= 1 << (i % 8)
		got := decode(b, "test 1")
		check("bit flip", got)
		if len(got) == len(entries) {
			t.Fatalf("a file with bit %d flipped gave every entry", i)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 1000; i++ {
		b := []byte(string(data))
		for j := 0; j < 1+r.IntN(8); j++ {
			b[r.IntN(len(b))] = byte(r.IntN(256))
		}
		check("random bytes", decode(b, "test 1"))
	}
}

// TestProgramID: the cache files are tied to this build of plansite by
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
	if got, want := program(), strings.TrimSpace(string(out)); got != want {
		t.Errorf("program() = %q, go tool buildid says %q", got, want)
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

func asStrings(entries [][]byte) []string {
	var out []string
	for _, e := range entries {
		out = append(out, string(e))
	}
	return out
}

// read is Read's entries, copied.
func read(path, format string) []string {
	var out []string
	Read(path, format, func(entries [][]byte) { out = asStrings(entries) })
	return out
}
