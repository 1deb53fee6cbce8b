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
	"github.com/plansite/plansite/internal/publish"
	"github.com/plansite/plansite/internal/workbook"
)

func runTemplate(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("template", "--unit 单位 --month 月份 [-o 文件]\n--all --month 月份 [--dir 目录]",
		"生成各单位某月的报送表格：每个单位只含它牵头或配合的任务、负责的整改问题和评价指标，已预填编号和名称，有下拉选项和填写说明；从收件文件夹读取各单位此前的报送，在“上月”列中列出它最近一次报的数据供对照，已完成的任务和已销号的问题列入“已完成事项”表，不用再填。把文件发给各单位填写即可。", stdout, stderr)
	contentDir := fs.content()
	inboxDir := fs.inbox()
	unitName := fs.String("unit", "", "单位", "单位名称（全称、简称或别名都可以）", "")
	all := fs.Bool("all", "为每个应报送的单位各生成一个文件")
	monthText := fs.String("month", "", "月份", "报送哪个月，写成 2023-05 的形式（必须写）", "")
	out := fs.String("o", "", "文件", "与 --unit 一起用：写到哪个文件", "当前文件夹下的“月份_单位.xlsx”")
	dir := fs.String("dir", ".", "目录", "与 --all 一起用：文件放在哪个文件夹", "当前文件夹")
	if ok, code := fs.parse(args, 0); !ok {
		return code
	}
	if *monthText == "" || (*unitName == "") == !*all {
		fs.mistake("请用 --month 写明月份，再用 --unit 写一个单位，或用 --all 生成全部单位的表格")
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
		if members := plan.Resolve(*unitName); !ok && len(members) > 0 {
			// A group (or a group of one) is said as such, with its
			// members: each gets a workbook of its own.
			fmt.Fprintf(stderr, "“%s”是单位组，不是一个单位；每个单位各有自己的表格。请用 --unit 写其中一个单位，或用 --all 为全部单位各生成一个。它的成员：\n", *unitName)
			for _, m := range members {
				fmt.Fprintf(stderr, "  %s\n", plan.UnitName(m))
			}
			return 2
		}
		if !ok {
			fmt.Fprintf(stderr, "没有单位“%s”（units.yaml 中的名称和别名都查过了）。可用的单位：\n", *unitName)
			for _, u := range plan.Units {
				fmt.Fprintf(stderr, "  %s%s\n", u.Name, aliasText(u))
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
	// Blank workbooks in the inbox would be read as handed in.
	place, flag := *dir, "--dir"
	if !*all && *out != "" {
		place, flag = *out, "-o"
	}
	if publish.Inside(place, inboxPath) {
		fmt.Fprintf(stderr, "不能写入收件文件夹（%s）：放在那里的空表会被当作各单位交来的表格。请用 %s 指定其他位置。\n", place, flag)
		return 2
	}
	in, err := inbox.Scan(ctx, plan, inboxPath, nil)
	switch {
	case errors.Is(err, inbox.ErrNoInbox):
		fmt.Fprintf(stderr, "注意：收件文件夹 %s 不存在，表格中没有各单位此前报送的数据。\n", inboxPath)
	case err != nil:
		return fail(stderr, err)
	default:
		fmt.Fprintf(stdout, "收件文件夹：%s（读取 %d 个表格）。表中“上月”列是各单位最近一次报送的数据，已完成的事项列入“已完成事项”表。\n", inboxPath, in.Files)
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
