package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/inbox"
	"github.com/plansite/plansite/internal/paperwork"
	"github.com/plansite/plansite/internal/publish"
	"github.com/plansite/plansite/internal/site"
)

// runExport writes a month's 汇总表 (.xlsx), or with --docx its 通报
// (.docx), from the content and the inbox, as the site's downloads of that
// month are made.
func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("export", "[--content 目录] [--inbox 目录] [--month 月份] [-o 文件] [--docx]",
		"导出某月的汇总表（Excel，报上级用），或加 --docx 导出该月的通报（Word，会前修改后印发）。与网站月度报告页上“下载汇总表”“下载通报”的文件相同。", stdout, stderr)
	contentDir := fs.content()
	inboxDir := fs.inbox()
	monthText := fs.month("导出哪个月", "最近有报送的月份")
	out := fs.String("o", "", "文件", "写到哪个文件", "当前文件夹下的“月份_汇总表.xlsx”或“月份_通报.docx”")
	asDocx := fs.Bool("docx", "导出通报（Word .docx），而不是汇总表（Excel .xlsx）")
	if ok, code := fs.parse(args, 0); !ok {
		return code
	}
	month, ok := monthFlag(*monthText, stderr)
	if !ok {
		return 2
	}
	in, err := site.Paperwork(ctx, site.Options{Content: *contentDir, Inbox: *inboxDir, Month: month})
	var ce content.Errors
	switch {
	case errors.As(err, &ce):
		return failContent(stderr, err)
	case errors.Is(err, inbox.ErrNoInbox):
		fmt.Fprintf(stderr, "收件文件夹不存在：%v。请用 --inbox 指定，或在 site.yaml 中设置 inbox。\n", err)
		return 2
	case err != nil:
		fmt.Fprintf(stderr, "错误：%s\n", said(err))
		return 1
	}
	m := in.Result.AsOf
	name, what, write := m.String()+"_汇总表.xlsx", "汇总表", paperwork.WriteWorkbook
	if *asDocx {
		name, what, write = m.String()+"_通报.docx", "通报", paperwork.WriteBulletin
	}
	path := *out
	if path == "" {
		path = name
	}
	if publish.Inside(path, in.Plan.Settings.Inbox, *inboxDir) {
		fmt.Fprintf(stderr, "不能写入收件文件夹（%s）：plansite 从不改动各单位交来的文件。请用 -o 指定其他位置。\n", path)
		return 2
	}
	var buf bytes.Buffer
	if err := write(&buf, in); err != nil {
		fmt.Fprintf(stderr, "错误：生成%s失败：%s\n", what, said(err))
		return 1
	}
	if err := writeFileAtomic(path, buf.Bytes()); err != nil {
		fmt.Fprintf(stderr, "错误：写入 %s 失败：%s\n", path, said(err))
		return 1
	}
	fmt.Fprintf(stdout, "已写入 %s 的%s：%s\n", m.Label(), what, path)
	return 0
}

// writeFileAtomic writes data to path through a temporary file beside it,
// so that a reader never sees half a file.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".plansite-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp.Name(), 0o644)
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		_ = os.Remove(tmp.Name())
	}
	return werr
}
