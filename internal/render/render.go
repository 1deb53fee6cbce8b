package render

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// NavItem is an entry of the main navigation.
type NavItem struct {
	Section string // matches Frame.Section on the pages of that section
	Label   string
	Path    string // from the site root, ending in index.html
}

// SiteInfo is what every page shows of the site.
type SiteInfo struct {
	Title        string
	Organisation string
}

// Frame is what a page template is executed with.
type Frame struct {
	Site      SiteInfo
	Nav       []NavItem
	Title     string // page title (the <title> and usually the h1)
	Section   string // navigation section the page belongs to
	Root      string // relative path from the page to the site root: "", "../", …
	Generated string // when the site was built: on the dashboard only, so that the other pages stay the same from day to day
	AsOf      string // the month the figures are as of, e.g. 2023年6月
	HasCharts bool   // load ECharts
	Data      any    // the page's own data
}

// Renderer executes the site's templates.
type Renderer struct {
	fsys  fs.FS
	pages map[string]*template.Template
}

// New parses every *.html file of fsys: base.html holds the layout and
// shared blocks, every other file is a page template that defines "main".
func New(fsys fs.FS) (*Renderer, error) {
	names, err := fs.Glob(fsys, "*.html")
	if err != nil {
		return nil, err
	}
	base, err := template.New("base.html").Funcs(funcs).ParseFS(fsys, "base.html")
	if err != nil {
		return nil, fmt.Errorf("模板 base.html：%w", err)
	}
	r := &Renderer{fsys: fsys, pages: map[string]*template.Template{}}
	var errs []error
	for _, n := range names {
		if n == "base.html" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(fsys, n)
		if err != nil {
			errs = append(errs, fmt.Errorf("模板 %s：%w", n, err))
			continue
		}
		r.pages[strings.TrimSuffix(n, ".html")] = t
	}
	return r, errors.Join(errs...)
}

var funcs = template.FuncMap{
	// dict builds a map from key, value pairs, to pass several values to a
	// shared block: {{template "x" dict "ID" .A "Rows" .B}}.
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, errors.New("dict: odd number of arguments")
		}
		m := make(map[string]any, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
}

// Render writes page name (a template file without .html) for f to w.
func (r *Renderer) Render(w io.Writer, name string, f Frame) error {
	t, ok := r.pages[name]
	if !ok {
		return fmt.Errorf("没有页面模板 %s.html", name)
	}
	if err := t.ExecuteTemplate(w, "base", f); err != nil {
		return fmt.Errorf("模板 %s.html：%w", name, err)
	}
	return nil
}

// Assets returns the paths under assets/ of every static file, sorted.
func (r *Renderer) Assets() ([]string, error) {
	var out []string
	err := fs.WalkDir(r.fsys, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !strings.HasPrefix(path.Base(p), ".") {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// Asset returns the bytes of a static file.
func (r *Renderer) Asset(p string) ([]byte, error) { return fs.ReadFile(r.fsys, p) }

// Overlay returns a file system that serves the files of dir where they
// exist and those of base otherwise. A missing dir gives base itself. A
// symbolic link in dir is followed only within dir: opening one that leads
// out of it fails with an error naming it, as does everything when dir is
// itself a link (the site never publishes a file from elsewhere).
func Overlay(dir string, base fs.FS) fs.FS {
	info, err := os.Lstat(dir)
	if err != nil || (info.Mode()&fs.ModeSymlink == 0 && !info.IsDir()) {
		return base
	}
	return overlay{top: within{dir}, base: base}
}

// within is the files of dir, read through os.Root: no path, symbolic
// links included, leads out of dir.
type within struct{ dir string }

func (w within) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if info, err := os.Lstat(w.dir); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return nil, fmt.Errorf("%s 是指向别处的链接（快捷方式），其中的模板不予读取；请把模板文件本身放进此文件夹", w.dir)
	}
	f, err := os.OpenInRoot(w.dir, name)
	if err == nil || errors.Is(err, fs.ErrNotExist) {
		return f, err
	}
	p := filepath.Join(w.dir, filepath.FromSlash(name))
	if _, serr := os.Stat(p); serr == nil && !errors.Is(err, fs.ErrPermission) {
		return nil, fmt.Errorf("%s 是指向模板文件夹以外的链接（快捷方式），不予读取；请把文件本身放进模板文件夹", p)
	}
	return nil, fmt.Errorf("读取 %s：%w", p, err)
}

type overlay struct{ top, base fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	f, err := o.top.Open(name)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return o.base.Open(name)
	}
	if info, err := f.Stat(); err == nil && !info.IsDir() {
		return f, nil
	}
	f.Close()
	return o.base.Open(name)
}

// ReadDir merges the entries of both layers, so globs and walks see the
// files of either.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]fs.DirEntry{}
	be, berr := fs.ReadDir(o.base, name)
	for _, e := range be {
		seen[e.Name()] = e
	}
	te, terr := fs.ReadDir(o.top, name)
	if terr != nil && !errors.Is(terr, fs.ErrNotExist) {
		return nil, terr
	}
	for _, e := range te {
		if _, ok := seen[e.Name()]; !ok || !e.IsDir() {
			seen[e.Name()] = e
		}
	}
	if berr != nil && terr != nil {
		return nil, berr
	}
	out := make([]fs.DirEntry, 0, len(seen))
	for _, e := range seen {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}
