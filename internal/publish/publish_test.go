package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestPathStaysInTheSite(t *testing.T) {
	tx, err := Begin(filepath.Join(t.TempDir(), "public"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	for _, bad := range []string{"", "/etc/passwd", "../x", "a/../../x", "a/./b", `a\b`, "a//b", "x\x00y", ".."} {
		if _, err := tx.Path(bad); err == nil {
			t.Errorf("Path(%q) accepted", bad)
		}
	}
	if p, err := tx.Path("units/jyzx/index.html"); err != nil || !strings.HasPrefix(p, tx.staging) {
		t.Errorf("Path of a good name = %s, %v", p, err)
	}
}

func TestRefusesAForeignFolder(t *testing.T) {
	out := t.TempDir()
	if err := os.WriteFile(filepath.Join(out, "thesis.docx"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Begin(out, nil); !errors.Is(err, ErrNotSite) {
		t.Errorf("Begin on a foreign folder: %v", err)
	}
}

func write(t *testing.T, out, text string, files int) {
	t.Helper()
	tx, err := Begin(out, nil)
	if err != nil {
		t.Error(err)
		return
	}
	defer tx.Abort()
	for i := 0; i < files; i++ {
		if err := tx.WriteFile(fmt.Sprintf("p%d/index.html", i), []byte(text)); err != nil {
			t.Error(err)
			return
		}
	}
	if err := tx.Commit("test"); err != nil {
		t.Error(err)
	}
}

// TestConcurrentBuilds: builds started at once take turns; the site is
// always one build's whole output, never a mix.
func TestConcurrentBuilds(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	var wg sync.WaitGroup
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			write(t, out, fmt.Sprintf("build %d", i), 40)
		}(i)
	}
	wg.Wait()
	first, err := os.ReadFile(filepath.Join(out, "p0", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 40; i++ {
		b, err := os.ReadFile(filepath.Join(out, fmt.Sprintf("p%d", i), "index.html"))
		if err != nil || string(b) != string(first) {
			t.Fatalf("p%d holds %q, p0 %q: a mix of builds", i, b, first)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.[no]*"))
	if len(leftovers) > 0 {
		t.Errorf("left behind: %v", leftovers)
	}
	if stamp, ok := Stamp(out); !ok || stamp != "test" {
		t.Errorf("stamp %q, %v", stamp, ok)
	}
}

func TestKeepsPlaceholder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, ".gitkeep"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	write(t, out, "x", 1)
	if _, err := os.Stat(filepath.Join(out, ".gitkeep")); err != nil {
		t.Error("the placeholder of an empty public/ was lost")
	}
}

// TestPrepare: after the first build of a site, Prepare makes the next
// build's staging folder: the site's folders and no file. The next build
// writes into it and its site holds exactly its own files.
func TestPrepare(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	write(t, out, "one", 3)
	if err := Prepare(out); err != nil {
		t.Fatal(err)
	}
	spare := spareName(out)
	var dirs, files []string
	err := filepath.WalkDir(spare, func(p string, d os.DirEntry, err error) error {
		if err != nil || p == spare {
			return err
		}
		rel, _ := filepath.Rel(spare, p)
		if d.IsDir() {
			dirs = append(dirs, rel)
		} else {
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(dirs, " ") != "p0 p1 p2" || len(files) != 0 {
		t.Errorf("prepared folders %v, files %v; want p0 p1 p2 and no file", dirs, files)
	}
	if err := Prepare(out); err != nil {
		t.Errorf("Prepare with a spare already there: %v", err)
	}

	write(t, out, "two", 2) // into the prepared folder; p2 is no longer made
	for i, want := range []string{"two", "two", ""} {
		b, err := os.ReadFile(filepath.Join(out, fmt.Sprintf("p%d", i), "index.html"))
		if string(b) != want || (want == "") != (err != nil) {
			t.Errorf("p%d: %q, %v; want %q", i, b, err, want)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "p2")); err == nil {
		t.Error("the folder of a page no longer made is still in the site")
	}
}

// TestSpareWithALinkOut: a symbolic link planted in the spare folder (the
// site the last build replaced, which the next build writes into) is not
// followed: nothing is written where it points, and the new site is whole.
func TestSpareWithALinkOut(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	outside := filepath.Join(dir, "elsewhere")
	if err := os.Mkdir(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, out, "一", 3)
	write(t, out, "二", 3) // the first site is now the spare
	spare := spareName(out)
	if err := os.RemoveAll(filepath.Join(spare, "p1")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(spare, "p1")); err != nil {
		t.Fatal(err)
	}
	write(t, out, "三", 3)
	if entries, _ := os.ReadDir(outside); len(entries) > 0 {
		t.Errorf("the build wrote %s into the folder the link points to", entries[0].Name())
	}
	for i := 0; i < 3; i++ {
		p := filepath.Join(out, fmt.Sprintf("p%d", i), "index.html")
		if info, err := os.Lstat(filepath.Dir(p)); err != nil || !info.IsDir() {
			t.Errorf("%s is not a folder of the site: %v", filepath.Dir(p), err)
		}
		if b, err := os.ReadFile(p); err != nil || string(b) != "三" {
			t.Errorf("%s = %q, %v; want the new page", p, b, err)
		}
	}
}

// TestLinkRefusesALink: a page of the live site replaced by a symbolic
// link is never carried into the next site (the build writes it anew).
func TestLinkRefusesALink(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	write(t, out, "一", 1)
	secret := filepath.Join(dir, "secret")
	if err := os.WriteFile(secret, []byte("机密"), 0o600); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(out, "p0", "index.html")
	if err := os.Remove(page); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, page); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(out, ".gitkeep")); err != nil {
		t.Fatal(err)
	}
	tx, err := Begin(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	if err := tx.Link("p0/index.html", tx.Current("p0/index.html")); err == nil {
		t.Error("Link took a symbolic link into the new site")
	}
	if err := tx.WriteFile("p0/index.html", []byte("二")); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit("test"); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(out, ".gitkeep")); err == nil {
		t.Errorf("the placeholder was carried over through a link: %q", b)
	}
}
