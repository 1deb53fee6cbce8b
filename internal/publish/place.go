package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// A Folder is one a site must stay out of, and must not hold: the content
// folder, the inbox. Name says what it is, in Chinese, for messages.
type Folder struct {
	Name string // 内容文件夹, 收件文件夹
	Path string
}

// ErrPlace is returned (wrapped, with the folders named) when the output
// folder is in a place no site may be written to: a file-system root, or a
// folder inside, or holding, one of the Folders given to Begin.
var ErrPlace = errors.New("输出目录的位置不对")

// Target returns the folder a site for out is written into: out itself,
// or, when out is a symbolic link (a usual way to show a web server the
// site), the folder the link points to, followed through further links.
// The link is left as it is; the new site, its staging folder, spare and
// lock are beside the target. A link whose target does not exist yet is
// fine: the site is made there.
func Target(out string) (string, error) {
	out = filepath.Clean(out)
	for range 40 {
		info, err := os.Lstat(out)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			return out, nil
		}
		dest, err := os.Readlink(out)
		if err != nil {
			return "", fmt.Errorf("读取符号链接 %s：%w", out, err)
		}
		if !filepath.IsAbs(dest) {
			// Relative to the folder the link is really in.
			dir, err := filepath.EvalSymlinks(filepath.Dir(out))
			if err != nil {
				return "", fmt.Errorf("读取符号链接 %s：%w", out, err)
			}
			dest = filepath.Join(dir, dest)
		}
		out = filepath.Clean(dest)
	}
	return "", fmt.Errorf("%w：%s 是一串循环的符号链接", ErrPlace, out)
}

// checkPlace refuses, before anything is made, an output folder out (the
// given path; target is where it leads) that is a file-system root, that
// is inside one of folders (the site, its cache and its lock would be
// written there) or that holds one (each build replaces the whole output
// folder).
func checkPlace(out, target string, folders []Folder) error {
	shown := out
	if filepath.Clean(out) != target {
		shown = fmt.Sprintf("%s（链接指向 %s）", out, target)
	}
	abs := resolved(target)
	if filepath.Dir(abs) == abs {
		return fmt.Errorf("%w：%s 是磁盘或文件系统的根目录。每次生成都会整个替换输出目录，并在它旁边写入缓存和锁文件，plansite 不在这里生成。请用 --out 指定一个专用的文件夹，如 public", ErrPlace, shown)
	}
	var held []string
	for _, f := range folders {
		switch {
		case f.Path == "":
		case Inside(target, f.Path):
			return fmt.Errorf("%w：%s 在%s（%s）之内。网站、缓存和锁文件会写进%s，而 plansite 从不在那里写入任何东西（监视时也会因自己写入的文件不停地重新生成）。请用 --out 指定%s以外的文件夹", ErrPlace, shown, f.Name, f.Path, f.Name, f.Name)
		case Inside(f.Path, target):
			held = append(held, fmt.Sprintf("%s（%s）", f.Name, f.Path))
		}
	}
	if len(held) > 0 {
		return fmt.Errorf("%w：%s 包含%s。每次生成都会整个替换输出目录。请用 --out 指定一个专用的文件夹，如 public", ErrPlace, shown, strings.Join(held, "、"))
	}
	return nil
}

// Inside reports whether path is in, or is, one of the folders dirs ("" is
// skipped), after making each absolute and resolving the symbolic links of
// its longest existing part: a link that leads into a folder counts as
// inside it. On Windows letters are compared ignoring case.
func Inside(path string, dirs ...string) bool {
	p := resolved(path)
	for _, d := range dirs {
		if d == "" {
			continue
		}
		rel, err := filepath.Rel(resolved(d), p)
		if err == nil && (rel == "." || (rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)))) {
			return true
		}
	}
	return false
}

// resolved is path absolute, with the links of its longest existing
// ancestor resolved.
func resolved(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	rest := ""
	for dir := abs; ; {
		if r, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return abs
		}
		rest = filepath.Join(filepath.Base(dir), rest)
		dir = parent
	}
}
