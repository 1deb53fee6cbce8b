package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
)

// runNew writes a new content folder, every key explained in Chinese
// comments, that builds as it is (as hugo new site starts a site).
func runNew(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new", "目录",
		"新建一个内容目录：site.yaml（方案设置）、units.yaml（责任单位）、tasks/1-1.md（一项任务）、problems.yaml（整改问题）、indicators.yaml（评价指标）、pages/plan.md（方案原文）和空的收件文件夹 inbox。每个文件都有中文注释，说明每一项怎么写。照着改成自己的方案即可；不改也能生成网站。目录必须是新的或空的。", stdout, stderr)
	if ok, code := fs.parse(args, 1); !ok {
		return code
	}
	if fs.fs.NArg() != 1 {
		fs.mistake("请写出新内容目录的名称，如 plansite new 2025年方案")
		return 2
	}
	dir := fs.fs.Arg(0)
	files, err := content.NewFolder(dir, domain.DateOf(time.Now()))
	if err != nil {
		fmt.Fprintf(stderr, "错误：%s。\n", said(err))
		return 1
	}
	fmt.Fprintf(stdout, "已新建内容目录 %s：\n", dir)
	for _, f := range files {
		fmt.Fprintf(stdout, "  %s\n", filepath.Join(dir, f))
	}
	fmt.Fprintf(stdout, "  %s（收件文件夹，空的）\n", filepath.Join(dir, content.DefaultInbox)+string(filepath.Separator))
	fmt.Fprintf(stdout, "\n下一步：\n  1. 用记事本打开上面的文件，照注释改成本方案的内容（每项任务一个 tasks 中的文件）。\n  2. 生成网站，看有没有报错：plansite build --content %s\n  3. 生成各单位的报送表格：plansite template --content %s --all --month 月份 --dir 表格\n", quoteArg(dir), quoteArg(dir))
	return 0
}
