package site

import (
	"bufio"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/inbox"
)

// ErrFewer is returned (wrapped, with what fell short) when the inbox
// holds far fewer reports than the one the published site was built from
// (the README, "Reliability and safety"): a network share that did not
// mount, a folder moved away or renamed. The site is kept; the build
// publishes such an inbox only with Options.AcceptFewer.
var ErrFewer = errors.New("收件文件夹中的报送比上次生成网站时少了很多")

// inboxRecord is what a site's marker says of the inbox it was built
// from: the folder, how many workbooks it held, and how many units handed
// in a usable report for each month. A site written by an earlier
// plansite has none (known false, site true).
type inboxRecord struct {
	known     bool
	site      bool // there is a site (known or not)
	inbox     string
	workbooks int
	units     map[domain.Month]int
}

// recordOf is the record of inbox dir as scanned.
func recordOf(dir string, in inbox.Result) inboxRecord {
	r := inboxRecord{known: true, inbox: dir, workbooks: in.Files, units: map[domain.Month]int{}}
	type unitMonth struct {
		u domain.UnitID
		m domain.Month
	}
	seen := map[unitMonth]bool{} // one per unit and month
	for _, rep := range in.Reports {
		if k := (unitMonth{rep.Unit, rep.Month}); !seen[k] {
			seen[k] = true
			r.units[rep.Month]++
		}
	}
	return r
}

// String is the record as the marker holds it: a line per fact.
func (r inboxRecord) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "inbox %s\nworkbooks %d\n", strconv.Quote(r.inbox), r.workbooks)
	for _, m := range slices.SortedFunc(maps.Keys(r.units), domain.Month.Since) {
		fmt.Fprintf(&b, "month %s %d\n", m, r.units[m])
	}
	return b.String()
}

// parseRecord reads the record from the stamp of a site's marker (ok:
// there is a site); one it cannot read whole is not known.
func parseRecord(stamp string, ok bool) inboxRecord {
	r := inboxRecord{site: ok, units: map[domain.Month]int{}}
	var inboxSeen, workbooksSeen bool
	sc := bufio.NewScanner(strings.NewReader(stamp))
	for sc.Scan() {
		key, rest, _ := strings.Cut(sc.Text(), " ")
		var err error
		switch key {
		case "inbox":
			r.inbox, err = strconv.Unquote(rest)
			inboxSeen = err == nil
		case "workbooks":
			r.workbooks, err = strconv.Atoi(rest)
			workbooksSeen = err == nil
		case "month":
			m, n, _ := strings.Cut(rest, " ")
			var month domain.Month
			if month, err = domain.ParseMonthISO(m); err == nil {
				r.units[month], err = strconv.Atoi(n)
			}
		}
		if err != nil {
			return inboxRecord{site: ok}
		}
	}
	r.known = inboxSeen && workbooksSeen
	return r
}

// shortfall lists how the inbox now falls far short of the one last was
// made from; none when it does not. Far short is: no workbook at all where
// there were some (or where there is a site whose record is not known);
// or, for a month in which at least two units had handed in a usable
// report, fewer than half as many units now. Units handing in again,
// correcting or replacing files, change neither; a unit-month counts once
// however many files it has. Only the months of the plan's reporting
// period (inPeriod) are compared: a month the settings no longer ask
// reports for (first_report_month moved on) has none usable, and that is
// the settings, not a share that did not mount.
func (last inboxRecord) shortfall(now inboxRecord, inPeriod func(domain.Month) bool) []string {
	if !last.known {
		if last.site && now.workbooks == 0 {
			return []string{"收件文件夹中一个表格也没有，而输出目录中已有网站"}
		}
		return nil
	}
	var out []string
	if last.workbooks > 0 && now.workbooks == 0 {
		return []string{fmt.Sprintf("收件文件夹中一个表格也没有（上次有 %d 个）", last.workbooks)}
	}
	for _, m := range slices.SortedFunc(maps.Keys(last.units), domain.Month.Since) {
		if n, k := last.units[m], now.units[m]; n >= 2 && 2*k < n && inPeriod(m) {
			out = append(out, fmt.Sprintf("%s：上次 %d 个单位有可用的报送，这次只有 %d 个", m.Label(), n, k))
		}
	}
	if len(out) > 0 && last.inbox != now.inbox {
		out = append(out, fmt.Sprintf("上次读取的收件文件夹是 %s，这次是 %s", last.inbox, now.inbox))
	}
	return out
}

// reportingPeriod tells whether month m is one s asks reports for.
func reportingPeriod(s domain.Settings) func(domain.Month) bool {
	return func(m domain.Month) bool {
		return !m.Before(s.FirstReportMonth) && (s.LastReportMonth.IsZero() || !m.After(s.LastReportMonth))
	}
}

// fewerError is the ErrFewer of inbox dir falling short as lines say.
func fewerError(dir string, lines []string) error {
	return fmt.Errorf("%w：%s\n  %s\n可能是网络共享盘没有连上、文件夹被移走或改名，或有人删除了文件。网站保持上次的样子", ErrFewer, dir, strings.Join(lines, "\n  "))
}

// noInboxError is the error (wrapping inbox.ErrNoInbox) of an inbox dir
// that does not exist; nil when no report is due yet at now and the last
// site had no workbook: a new plan whose inbox is still to be made is
// then built with none.
func noInboxError(p *domain.Plan, dir string, last inboxRecord, now time.Time) error {
	due := p.Settings.FirstReportMonth.Day(p.Settings.DueDay)
	if last.workbooks == 0 && domain.DateOf(now).Before(due) {
		return nil
	}
	return fmt.Errorf("%w：%s。可能是网络共享盘没有连上，或文件夹被移走、改名。网站保持上次的样子。请检查 site.yaml 中的 inbox（或 --inbox）；如果报送确实还没有开始，请先建立这个空文件夹", inbox.ErrNoInbox, dir)
}
