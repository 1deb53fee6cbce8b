package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/inbox"
	"github.com/plansite/plansite/internal/progress"
	"github.com/plansite/plansite/internal/workbook"
)

func runTemplate(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("template", "--unit 单位 --month YYYY-MM [-o 文件] | --all --month YYYY-MM --dir 目录", stderr)
	contentDir := fs.String("content", "content", "内容目录")
	inboxDir := fs.String("inbox", "", "收件文件夹（默认为 site.yaml 中的 inbox）：从中读取各单位最近一次报送的内容")
	unitName := fs.String("unit", "", "单位名称（全称、简称或别名均可）")
	all := fs.Bool("all", false, "为每个需报送的单位各生成一个文件")
	monthText := fs.String("month", "", "报送月份，如 2023-05")
	out := fs.String("o", "", "输出文件（默认为当前目录下的“月份_单位.xlsx”）")
	dir := fs.String("dir", ".", "与 --all 一起使用：输出目录")
	if ok, code := parse(fs, args); !ok {
		return code
	}
	if *monthText == "" || (*unitName == "") == !*all {
		fmt.Fprintln(stderr, "请用 --month 指定月份，并用 --unit 指定一个单位或用 --all 生成全部单位的表格。")
		fs.Usage()
		return 2
	}
	month, err := domain.ParseMonthISO(*monthText)
	if err != nil {
		fmt.Fprintf(stderr, "月份“%s”有误，请写成 2023-05 的形式。\n", *monthText)
		return 2
	}
	plan, err := content.Load(*contentDir)
	if err != nil {
		return failContent(stderr, err)
	}
	var units []domain.UnitID
	if *all {
		units = plan.Expected()
	} else {
		id, ok := plan.ResolveUnit(*unitName)
		if !ok {
			fmt.Fprintf(stderr, "未知单位“%s”。可用的单位：\n", *unitName)
			for _, u := range plan.Units {
				fmt.Fprintf(stderr, "  %s%s\n", u.Name, aliasText(u))
			}
			if members := plan.Resolve(*unitName); len(members) > 1 {
				fmt.Fprintf(stderr, "“%s”是单位组，请指定其中一个单位。\n", *unitName)
			}
			return 2
		}
		units = []domain.UnitID{id}
	}
	if month.Before(plan.Settings.FirstReportMonth) || month.After(plan.Settings.LastReportMonth) {
		fmt.Fprintf(stderr, "注意：%s 不在方案的报送期（%s 至 %s）内。\n", month, plan.Settings.FirstReportMonth, plan.Settings.LastReportMonth)
	}
	// The units' earlier reports, read as the build reads them: each
	// template shows its unit's latest figures and lists what it finished.
	inboxPath := plan.Settings.Inbox
	if *inboxDir != "" {
		inboxPath = *inboxDir
	}
	in, err := inbox.Scan(ctx, plan, inboxPath, nil)
	switch {
	case errors.Is(err, inbox.ErrNoInbox):
		fmt.Fprintf(stderr, "注意：收件文件夹 %s 不存在，表格中没有各单位上月报送的内容。\n", inboxPath)
	case err != nil:
		return fail(stderr, err)
	}
	written := map[string]domain.UnitID{} // by upper case: Windows does not tell the case of names apart
	for _, u := range units {
		if err := ctx.Err(); err != nil {
			return fail(stderr, err)
		}
		path := filepath.Join(*dir, workbook.FileName(plan, u, month))
		if !*all && *out != "" {
			path = *out
		}
		if other, ok := written[strings.ToUpper(path)]; ok {
			return fail(stderr, fmt.Errorf("%s 与 %s 的表格同名（%s），未覆盖", plan.UnitName(u), plan.UnitName(other), path))
		}
		written[strings.ToUpper(path)] = u
		if err := writeTemplate(plan, u, month, unitReports(in.Reports, u, month), path); err != nil {
			return fail(stderr, err)
		}
		fmt.Fprintf(stdout, "已生成 %s（%s，%s）\n", path, plan.UnitName(u), month.Label())
	}
	if *all {
		fmt.Fprintf(stdout, "共生成 %d 个文件（%d 个应报送单位），在 %s 中。\n", len(written), len(units), *dir)
	}
	return 0
}

func aliasText(u domain.Unit) string {
	if len(u.Aliases) == 0 {
		return ""
	}
	return "（也可写：" + strings.Join(u.Aliases, "、") + "）"
}

// unitReports are unit u's reports of months before m whose data counts,
// oldest first.
func unitReports(reports []domain.Report, u domain.UnitID, m domain.Month) []domain.Report {
	var out []domain.Report
	for _, r := range progress.Carriers(reports, m.Prev()) {
		if r.Unit == u {
			out = append(out, *r)
		}
	}
	return out
}

func writeTemplate(p *domain.Plan, u domain.UnitID, m domain.Month, earlier []domain.Report, path string) error {
	var buf bytes.Buffer
	if err := workbook.Template(&buf, p, u, m, earlier, nil); err != nil {
		return err
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
