package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/inbox"
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
	fs := newFlags("check", "[--inbox 目录] [--month YYYY-MM] [--json]", stderr)
	contentDir := fs.String("content", "content", "内容目录")
	inboxDir := fs.String("inbox", "", "收件文件夹（默认为 site.yaml 中的 inbox）")
	monthText := fs.String("month", "", "只检查这个月份的表格（默认全部；未报送名单按最近有报送的月份）")
	asJSON := fs.Bool("json", false, "以 JSON 输出")
	if ok, code := parse(fs, args); !ok {
		return code
	}
	plan, err := content.Load(*contentDir)
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
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return fail(stderr, err)
		}
	} else {
		printCheck(stdout, rep)
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
	rep.Missing, rep.Invalid = []string{}, []checkInvalid{}
	if rep.Month.IsZero() {
		return rep
	}
	for _, u := range p.Expected() {
		if reported[u] {
			continue
		}
		inv := checkInvalid{Unit: p.UnitName(u)}
		for _, r := range res.Rejected {
			if r.Names(u, rep.Month) {
				inv.Files = append(inv.Files, checkRejected{File: r.File, Reason: r.Reason, Hint: r.Hint})
			}
		}
		if len(inv.Files) == 0 {
			rep.Missing = append(rep.Missing, inv.Unit)
		} else {
			rep.Invalid = append(rep.Invalid, inv)
		}
	}
	return rep
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
	fmt.Fprintf(w, "\n共 %d 处错误、%d 处提醒。", rep.Errors, rep.Warnings)
	if rep.Errors > 0 {
		fmt.Fprint(w, "“错误”所在的数值或文件未计入，请通知相关单位改正后重新报送。")
	}
	fmt.Fprintln(w)
}
