package content

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/plansite/plansite/internal/domain"
)

// skeleton is the content folder plansite new writes: every file with
// each of its keys explained in Chinese comments. @YEAR@, @PLAN_DATE@ and
// @PROBLEM_DEADLINE@ stand for dates near the day it is written.
//
//go:embed skeleton
var skeleton embed.FS

// ErrNotEmpty is returned by NewFolder for a folder that already holds
// something.
var ErrNotEmpty = errors.New("文件夹不是空的")

// NewFolder writes a new content folder into dir (made when missing, with
// its parents): site.yaml, units.yaml, one task, problems.yaml,
// indicators.yaml and the plan page, every key explained in comments, and
// an empty inbox folder, so that it builds as it is. The plan is dated
// today; its task is due at the end of today's year (of the next year
// from October on), its problem at the end of the third month after today.
// It returns the files written, relative to dir. It refuses a dir that is
// a file or a folder that is not empty (ErrNotEmpty), writing nothing.
func NewFolder(dir string, today domain.Date) ([]string, error) {
	entries, err := os.ReadDir(dir)
	switch {
	case err == nil && len(entries) > 0:
		return nil, fmt.Errorf("%w：%s 中已有 %s 等文件。plansite new 只写入新的或空的文件夹，以免覆盖已有的方案", ErrNotEmpty, dir, entries[0].Name())
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	year := today.Year()
	if today.MonthNum() >= 10 {
		year++
	}
	fill := strings.NewReplacer(
		"@YEAR@", strconv.Itoa(year),
		"@PLAN_DATE@", today.String(),
		"@PROBLEM_DEADLINE@", today.Month().Add(3).Last().String(),
	)
	var written []string
	err = fs.WalkDir(skeleton, "skeleton", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := skeleton.ReadFile(path)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(path, "skeleton/")
		dst := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, []byte(fill.Replace(string(data))), 0o644); err != nil {
			return err
		}
		written = append(written, filepath.FromSlash(rel))
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := os.Mkdir(filepath.Join(dir, DefaultInbox), 0o755); err != nil {
		return nil, err
	}
	return written, nil
}
