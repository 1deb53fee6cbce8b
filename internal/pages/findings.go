package pages

import (
	"sort"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/inbox"
)

type findingRow struct {
	File, Where, Message, Hint string
	Error                      bool
	Month                      string // every month the file names
}

func (b *builder) findingRow(f domain.Finding) findingRow {
	where := f.Sheet
	if f.Cell != "" {
		where += "!" + f.Cell
	}
	if where == "" {
		where = "整个文件"
	}
	_, months := b.Names.Of(f)
	return findingRow{File: f.File, Where: where, Message: f.Message, Hint: f.Hint, Error: f.Severity == domain.Error, Month: monthsLabel(months)}
}

// findingsData is the page of the findings (findings/index.html), by
// unit and file, and the files not read.
type findingsData struct {
	AsOf          string
	Groups        []unitGroup
	Errors, Warns int
	Files         int
	Skipped       []inbox.Skipped
}

type unitGroup struct {
	Unit   unitLink
	Files  []fileGroup
	Errors int
}

type fileGroup struct {
	File     string
	Months   string // every month the file names
	Rejected string // why the file is not used; "" when it is
	Findings []findingRow
}

func (b *builder) findings() {
	const root = "../"
	var groups []unitGroup
	idx := map[domain.UnitID]int{}
	errs, warns := 0, 0
	for _, f := range b.Inbox.Findings {
		// A file that names two units is shown under each.
		units, months := b.Names.Of(f)
		if len(units) == 0 {
			units = []domain.UnitID{""}
		}
		for _, u := range units {
			i, ok := idx[u]
			if !ok {
				i = len(groups)
				idx[u] = i
				l := unitLink{Name: "未能确定单位的文件"}
				if u != "" {
					l = b.unitLink(root, u)
				}
				groups = append(groups, unitGroup{Unit: l})
			}
			g := &groups[i]
			if len(g.Files) == 0 || g.Files[len(g.Files)-1].File != f.File {
				g.Files = append(g.Files, fileGroup{File: f.File, Months: monthsLabel(months), Rejected: b.Names[f.File].Reason})
			}
			fg := &g.Files[len(g.Files)-1]
			fg.Findings = append(fg.Findings, b.findingRow(f))
			if f.Severity == domain.Error {
				g.Errors++
			}
		}
		if f.Severity == domain.Error {
			errs++
		} else {
			warns++
		}
	}
	sort.SliceStable(groups, func(i, j int) bool {
		if (groups[i].Unit.Href == "") != (groups[j].Unit.Href == "") {
			return groups[i].Unit.Href == ""
		}
		return groups[i].Errors > groups[j].Errors
	})
	b.add("findings/index.html", "findings", "findings", "数据问题", findingsData{b.Result.AsOf.Label(), groups, errs, warns, b.Inbox.Files, b.Inbox.Skipped}, false)
}
