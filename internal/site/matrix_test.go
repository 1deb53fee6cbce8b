package site

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/demo"
	"github.com/plansite/plansite/internal/paperwork"
	"github.com/plansite/plansite/templates"
)

// TestMatrixShowsTheLastTwelveMonths: on a plan reported on for 15
// months, the unit × month matrix of the submissions page and of the
// latest 汇总表's 报送情况 shows the last 12 months, says so, and counts
// over them; the months before keep their own 催报 pages.
func TestMatrixShowsTheLastTwelveMonths(t *testing.T) {
	requireECharts(t)
	work := t.TempDir()
	if _, err := demo.WriteSynthetic(work, demo.Size{Units: 4, Months: 15, Tasks: 3, Seed: 3}, 2); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(work, "public")
	res, err := Build(context.Background(), Options{Content: filepath.Join(work, "content"), Out: out, Templates: templates.FS, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(out, "submissions", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	table := regexp.MustCompile(`(?s)<table class="data matrix".*?</table>`).Find(page)
	if table == nil {
		t.Fatal("no matrix on the submissions page")
	}
	head := regexp.MustCompile(`(?s)<thead>.*?</thead>`).Find(table)
	months := regexp.MustCompile(`<th scope="col">(\d{4}年\d{1,2}月)</th>`).FindAllSubmatch(head, -1)
	if len(months) != 12 {
		t.Fatalf("the matrix has %d month columns; want 12", len(months))
	}
	if last := string(months[11][1]); last != res.AsOf.Label() {
		t.Errorf("the matrix ends with %s; want the as-of month %s", last, res.AsOf.Label())
	}
	if !strings.Contains(string(table), "最近 12 个月") {
		t.Error("the matrix does not say it shows the last 12 months")
	}
	first := res.AsOf.Add(-14)
	if strings.Contains(string(head), first.Label()) {
		t.Errorf("the matrix still shows %s", first.Label())
	}
	if _, err := os.Stat(filepath.Join(out, "submissions", first.String(), "index.html")); err != nil {
		t.Errorf("%s has no 催报 page: %v", first.Label(), err)
	}
	plan, err := content.Load(filepath.Join(work, "content"))
	if err != nil {
		t.Fatal(err)
	}
	rows := regexp.MustCompile(`(?s)<tbody>.*?</tbody>`).Find(table)
	if n, want := strings.Count(string(rows), "<tr>"), len(plan.Expected()); n != want || n == 0 {
		t.Errorf("%d rows in the matrix; want the %d units expected to report", n, want)
	}

	book := filepath.Join(out, "months", res.AsOf.String(), res.AsOf.String()+"_汇总表.xlsx")
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet, err := f.GetRows(paperwork.SheetSubmissions)
	if err != nil {
		t.Fatal(err)
	}
	var header []string
	var note string
	for _, r := range sheet {
		if len(r) > 1 && r[0] == "序号" {
			header = r
		}
		for _, c := range r {
			if strings.Contains(c, "最近 12 个月") {
				note = c
			}
		}
	}
	var cols []string
	for _, c := range header {
		if regexp.MustCompile(`^\d{4}年\d{1,2}月$`).MatchString(c) {
			cols = append(cols, c)
		}
	}
	if len(cols) != 12 || cols[11] != res.AsOf.Label() {
		t.Errorf("报送情况 has the months %v; want the 12 up to %s", cols, res.AsOf.Label())
	}
	if note == "" {
		t.Error("报送情况 does not say it shows the last 12 months")
	}
}
