package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/inbox"
	"github.com/plansite/plansite/internal/pages"
	"github.com/plansite/plansite/internal/paperwork"
	"github.com/plansite/plansite/internal/progress"
	"github.com/plansite/plansite/internal/publish"
)

// checkReport is what check prints, and its --json form.
type checkReport struct {
	Inbox    string           `json:"inbox"`
	Month    domain.Month     `json:"month"`
	Files    int              `json:"files"`
	Errors   int              `json:"errors"`
	Warnings int              `json:"warnings"`
	Findings []jsonFinding    `json:"findings"`
	Skipped  []inbox.Skipped  `json:"skipped"`
	Missing  []string         `json:"missing"` // expected units with no file for the month
	Invalid  []checkInvalid   `json:"invalid"` // expected units whose files for the month are all unusable
	Notices  []checkNotice    `json:"notices"` // the 催报 notice of each unit missing or invalid, ready to send
	byUnit   map[string][]int // unit name → indexes of Findings
}

// checkInvalid is an expected unit whose files for the month cannot be
// used: it must hand in again.
type checkInvalid struct {
	Unit  string          `json:"unit"`
	Files []checkRejected `json:"files"`
}

type checkRejected struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
	Hint   string `json:"hint"`
}

// checkNotice is the 催报 notice of a unit with no usable file for the
// month, and the name of the file check --notices writes it to.
type checkNotice struct {
	Unit  string                   `json:"unit"`
	State progress.SubmissionState `json:"state"` // missing or invalid
	File  string                   `json:"file"`
	Text  string                   `json:"text"`
}

type jsonFinding struct {
	Unit     string          `json:"unit"`
	Month    domain.Month    `json:"month"`
	Months   []domain.Month  `json:"months"` // every month the file names: it is listed under each
	File     string          `json:"file"`
	Sheet    string          `json:"sheet"`
	Cell     string          `json:"cell"`
	Severity domain.Severity `json:"severity"`
	Message  string          `json:"message"`
	Hint     string          `json:"hint"`
}

const unknownUnit = "（未能确定单位）"

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", "[--content 目录] [--inbox 目录] [--month 月份] [--notices 目录] [--json]",
		"检查收件文件夹中的报送表格：按单位列出每处错误和提醒（工作表、单元格、错在哪里、应该怎么写），再列出该月未报送和无效报送的单位，最后是给这些单位的催报通知。有错误时退出码为 1。", stdout, stderr)
	contentDir := fs.content()
	inboxDir := fs.inbox()
	monthText := fs.month("只列出这个月的表格和未报送单位", "全部表格；未报送名单按最近有报送的月份")
	noticeDir := fs.String("notices", "", "目录", "把每个未报送、无效报送单位的催报通知各写成一个文本文件，放在这个文件夹（不能在收件文件夹里）", "")
	asJSON := fs.Bool("json", "以 JSON 格式输出（给其他程序用）")
	if ok, code := fs.parse(args, 0); !ok {
		return code
	}
	plan, err := content.Load(*contentDir, pages.Reserved()...)
	if err != nil {
		return failContent(stderr, err)
	}
	month, ok := monthFlag(*monthText, stderr)
	if !ok {
		return 2
	}
	dir := plan.Settings.Inbox
	if *inboxDir != "" {
		dir = *inboxDir
	}
	res, err := inbox.Scan(ctx, plan, dir, nil)
	if errors.Is(err, inbox.ErrNoInbox) {
		fmt.Fprintf(stderr, "收件文件夹 %s 不存在。请用 --inbox 指定，或在 site.yaml 中设置 inbox。\n", dir)
		return 2
	}
	if err != nil {
		return fail(stderr, err)
	}
	rep := summarize(plan, dir, month, res)
	if *noticeDir != "" {
		if publish.Inside(*noticeDir, dir) {
			fmt.Fprintf(stderr, "催报通知不能写入收件文件夹（%s）：plansite 从不改动收件文件夹。请换一个文件夹。\n", *noticeDir)
			return 2
		}
		if err := writeNotices(*noticeDir, rep.Notices); err != nil {
			return fail(stderr, err)
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return fail(stderr, err)
		}
	} else {
		printCheck(stdout, rep)
		if *noticeDir != "" {
			fmt.Fprintf(stdout, "已把 %d 条催报通知写入 %s（每个单位一个文本文件）。\n", len(rep.Notices), *noticeDir)
		}
	}
	if rep.Errors > 0 {
		return 1
	}
	return 0
}

// summarize keeps the findings of the files that name month (all when it
// is zero; a file that names no month is kept for every month), under
// each unit the file names, and lists the expected units with no usable
// file for the month: missing, or invalid with each file's reason.
func summarize(p *domain.Plan, dir string, month domain.Month, res inbox.Result) checkReport {
	rep := checkReport{Inbox: dir, Month: month, Files: res.Files, Skipped: res.Skipped, byUnit: map[string][]int{}}
	if rep.Skipped == nil {
		rep.Skipped = []inbox.Skipped{}
	}
	if month.IsZero() {
		for _, r := range res.Reports {
			if r.Month.After(rep.Month) {
				rep.Month = r.Month
			}
		}
	}
	names := res.Names()
	rep.Findings = []jsonFinding{}
	for _, f := range res.Findings {
		units, months := names.Of(f)
		if !month.IsZero() && len(months) > 0 && !slices.Contains(months, month) {
			continue
		}
		if months == nil {
			months = []domain.Month{}
		}
		i := len(rep.Findings)
		rep.Findings = append(rep.Findings, jsonFinding{Unit: unknownUnit, Month: f.Month, Months: months, File: f.File, Sheet: f.Sheet, Cell: f.Cell, Severity: f.Severity, Message: f.Message, Hint: f.Hint})
		if len(units) == 0 {
			rep.byUnit[unknownUnit] = append(rep.byUnit[unknownUnit], i)
		}
		for j, u := range units {
			if j == 0 {
				rep.Findings[i].Unit = p.UnitName(u)
			}
			rep.byUnit[p.UnitName(u)] = append(rep.byUnit[p.UnitName(u)], i)
		}
		if f.Severity == domain.Error {
			rep.Errors++
		} else {
			rep.Warnings++
		}
	}
	reported := map[domain.UnitID]bool{}
	for _, r := range res.Reports {
		if r.Month == rep.Month {
			reported[r.Unit] = true
		}
	}
	rep.Missing, rep.Invalid, rep.Notices = []string{}, []checkInvalid{}, []checkNotice{}
	if rep.Month.IsZero() {
		return rep
	}
	var missing, invalid []paperwork.Chase
	for _, u := range p.Expected() {
		if reported[u] {
			continue
		}
		inv := checkInvalid{Unit: p.UnitName(u)}
		c := paperwork.Chase{Unit: u}
		for _, r := range res.Rejected {
			if r.Names(u, rep.Month) {
				inv.Files = append(inv.Files, checkRejected{File: r.File, Reason: r.Reason, Hint: r.Hint})
				c.Rejected = append(c.Rejected, r)
			}
		}
		if len(inv.Files) == 0 {
			rep.Missing = append(rep.Missing, inv.Unit)
			missing = append(missing, c)
		} else {
			rep.Invalid = append(rep.Invalid, inv)
			invalid = append(invalid, c)
		}
	}
	for _, c := range append(missing, invalid...) {
		n := paperwork.NoticeFor(p, rep.Month, c)
		rep.Notices = append(rep.Notices, checkNotice{Unit: n.Name, State: n.State, File: paperwork.NoticeFileName(rep.Month, n.Name), Text: n.Text})
	}
	return rep
}

// writeNotices writes each notice to a text file of its own in dir (made
// when missing), UTF-8 with a byte-order mark and Windows line ends, so
// that Notepad on any Windows shows it right; a file of the same name is
// replaced.
func writeNotices(dir string, notices []checkNotice) error {
	for _, n := range notices {
		text := "\ufeff" + strings.ReplaceAll(n.Text, "\n", "\r\n") + "\r\n"
		if err := writeFileAtomic(filepath.Join(dir, n.File), []byte(text)); err != nil {
			return fmt.Errorf("写入催报通知：%w", err)
		}
	}
	return nil
}

func printCheck(w io.Writer, rep checkReport) {
	fmt.Fprintf(w, "收件文件夹：%s（读取 %d 个表格，跳过 %d 个文件）\n", rep.Inbox, rep.Files, len(rep.Skipped))
	units := make([]string, 0, len(rep.byUnit))
	for u := range rep.byUnit {
		units = append(units, u)
	}
	sort.Slice(units, func(i, j int) bool {
		if (units[i] == unknownUnit) != (units[j] == unknownUnit) {
			return units[j] == unknownUnit
		}
		return units[i] < units[j]
	})
	for _, u := range units {
		fmt.Fprintf(w, "\n【%s】\n", u)
		file := ""
		for _, i := range rep.byUnit[u] {
			f := rep.Findings[i]
			if f.File != file {
				file = f.File
				fmt.Fprintf(w, "  %s\n", file)
			}
			where := f.Sheet
			if f.Cell != "" {
				where += "!" + f.Cell
			}
			if where != "" {
				where += "："
			}
			sev := "错误"
			if f.Severity == domain.Warning {
				sev = "提醒"
			}
			fmt.Fprintf(w, "    [%s] %s%s\n", sev, where, f.Message)
			if f.Hint != "" {
				fmt.Fprintf(w, "           → %s\n", f.Hint)
			}
		}
	}
	if len(rep.Skipped) > 0 {
		fmt.Fprintln(w, "\n跳过的文件：")
		for _, s := range rep.Skipped {
			fmt.Fprintf(w, "  %s：%s\n", s.File, s.Reason)
		}
	}
	if !rep.Month.IsZero() {
		if len(rep.Missing) == 0 && len(rep.Invalid) == 0 {
			fmt.Fprintf(w, "\n%s：应报送的单位都已报送可用的表格。\n", rep.Month.Label())
		}
		if len(rep.Missing) > 0 {
			fmt.Fprintf(w, "\n%s 未报送的单位（%d 个）：%s\n", rep.Month.Label(), len(rep.Missing), strings.Join(rep.Missing, "、"))
		}
		if len(rep.Invalid) > 0 {
			fmt.Fprintf(w, "\n%s 无效报送的单位（%d 个，表格无法使用，不算报送，须改正后重新报送）：\n", rep.Month.Label(), len(rep.Invalid))
			for _, inv := range rep.Invalid {
				fmt.Fprintf(w, "  【%s】\n", inv.Unit)
				for _, f := range inv.Files {
					fmt.Fprintf(w, "    %s：%s\n", f.File, f.Reason)
					if f.Hint != "" {
						fmt.Fprintf(w, "           → %s\n", f.Hint)
					}
				}
			}
		}
	}
	if len(rep.Notices) > 0 {
		fmt.Fprintf(w, "\n催报通知（每个单位一条，可复制后发送）：\n")
		for _, n := range rep.Notices {
			fmt.Fprintf(w, "\n%s\n", n.Text)
		}
	}
	fmt.Fprintf(w, "\n共 %d 处错误、%d 处提醒。", rep.Errors, rep.Warnings)
	if rep.Errors > 0 {
		fmt.Fprint(w, "“错误”所在的数值或文件未计入，请通知相关单位改正后重新报送。")
	}
	fmt.Fprintln(w)
}
