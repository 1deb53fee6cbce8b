package site

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/inbox"
	"github.com/plansite/plansite/templates"
)

// TestShortfall: what counts as an inbox far short of the last build's.
func TestShortfall(t *testing.T) {
	always := func(domain.Month) bool { return true }
	dec, nov := domain.MustDate(2023, 12, 1).Month(), domain.MustDate(2023, 11, 1).Month()
	reports := func(units map[domain.Month]int) inbox.Result {
		var in inbox.Result
		for m, n := range units {
			for i := range n {
				u := domain.UnitID(string(rune('a' + i)))
				// A unit that handed in twice counts once.
				in.Reports = append(in.Reports, domain.Report{Unit: u, Month: m}, domain.Report{Unit: u, Month: m, File: "again"})
				in.Files += 2
			}
		}
		return in
	}
	last := recordOf("/share/inbox", reports(map[domain.Month]int{nov: 24, dec: 22}))
	if last.units[dec] != 22 {
		t.Fatalf("22 units handing in twice counted as %d", last.units[dec])
	}
	for _, c := range []struct {
		what  string
		now   inbox.Result
		short string // "" for none
	}{
		{"the same", reports(map[domain.Month]int{nov: 24, dec: 22}), ""},
		{"December exactly half", reports(map[domain.Month]int{nov: 24, dec: 11}), ""},
		{"December under half", reports(map[domain.Month]int{nov: 24, dec: 10}), "2023年12月：上次 22 个单位"},
		{"December gone", reports(map[domain.Month]int{nov: 24}), "2023年12月"},
		{"no workbook at all", inbox.Result{}, "一个表格也没有（上次有 92 个）"},
		{"workbooks, none usable", inbox.Result{Files: 92}, "2023年11月"},
	} {
		got := strings.Join(last.shortfall(recordOf("/share/inbox", c.now), always), "\n")
		if (c.short == "") != (got == "") || !strings.Contains(got, c.short) {
			t.Errorf("%s: shortfall %q; want %q", c.what, got, c.short)
		}
	}

	// The settings moved the reporting period on: November's reports are
	// no longer usable, and that is no shortfall.
	fromDec := reportingPeriod(domain.Settings{FirstReportMonth: dec})
	if got := last.shortfall(recordOf("/share/inbox", reports(map[domain.Month]int{dec: 22})), fromDec); len(got) != 0 {
		t.Errorf("a month before the reporting period counted as short: %q", got)
	}
	if got := last.shortfall(recordOf("/share/inbox", reports(map[domain.Month]int{dec: 3})), fromDec); len(got) == 0 {
		t.Error("December under half not short once November left the period")
	}

	one := recordOf("/share/inbox", reports(map[domain.Month]int{dec: 1}))
	if got := one.shortfall(recordOf("/share/inbox", reports(map[domain.Month]int{dec: 0, nov: 1})), always); len(got) != 0 {
		t.Errorf("a month of one unit losing it (a file put in the wrong month, removed) is short: %q", got)
	}
	if got := (inboxRecord{}).shortfall(recordOf("x", inbox.Result{}), always); len(got) != 0 {
		t.Errorf("no site, an empty inbox: %q", got)
	}
	if r := parseRecord(last.String(), true); r.String() != last.String() || !r.known {
		t.Errorf("record read back as %q; want %q", r, last)
	}
	earlier := parseRecord("templates 0123456789abcdef", true) // a site of an earlier plansite
	if earlier.known {
		t.Error("the stamp of an earlier plansite read as a record")
	}
	if got := earlier.shortfall(recordOf("x", inbox.Result{}), always); len(got) != 1 {
		t.Errorf("a site of an earlier plansite, an empty inbox: %q; want it short", got)
	}
	if got := earlier.shortfall(recordOf("x", reports(map[domain.Month]int{dec: 1})), always); len(got) != 0 {
		t.Errorf("a site of an earlier plansite, an inbox with a workbook: %q", got)
	}
}

// TestReportingPeriodMovedOn: moving first_report_month on in site.yaml
// leaves the months before it without usable reports; the build takes
// that as the settings say, not as an inbox fallen short.
func TestReportingPeriodMovedOn(t *testing.T) {
	requireECharts(t)
	dir := copyContent(t)
	out := filepath.Join(t.TempDir(), "public")
	o := Options{Content: dir, Out: out, Templates: templates.FS}
	if _, err := Build(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(dir, "site.yaml")
	b, err := os.ReadFile(site)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte("first_report_month: 2023-05")) {
		t.Fatal("the example's site.yaml no longer starts reports in 2023-05")
	}
	if err := os.WriteFile(site, bytes.Replace(b, []byte("first_report_month: 2023-05"), []byte("first_report_month: 2023-06"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(context.Background(), o); err != nil {
		t.Fatalf("after first_report_month moved on: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "months", "2023-05", "index.html")); err == nil {
		t.Error("May still has a report page")
	}
}
