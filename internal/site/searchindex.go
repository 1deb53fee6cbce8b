package site

import (
	"os"
	"path"
	"sort"
	"strings"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/keyhash"
	"github.com/plansite/plansite/internal/pages"
	"github.com/plansite/plansite/internal/parallel"
	"github.com/plansite/plansite/internal/progress"
	"github.com/plansite/plansite/internal/publish"
	"github.com/plansite/plansite/internal/search"
)

// searchDir is the folder of the search index in the site.
const searchDir = "search"

// The kinds of documents of the index, as search.js reads them.
const (
	docTask      = 0 // a unit's row on a task: 本月工作进展, 存在问题, 下月工作计划
	docProblem   = 1 // a unit's 整改措施 on a problem
	docIndicator = 2 // a unit's 情况说明 on an indicator
)

// searchTables are what the documents' numbers stand for, and the items a
// query finds by name: [id, title, slug or anchor, …] lists.
type searchTables struct {
	Tasks      [][]string `json:"tasks"`      // id, title, slug, category
	Units      [][]string `json:"units"`      // name, id, aliases, kind
	Problems   [][]string `json:"problems"`   // id, title, anchor
	Indicators [][]string `json:"indicators"` // id, title, anchor
}

// writeSearch writes the search index of d into the site of tx: one
// segment per month with reports (up to the as-of month), each unit's
// texts of the month in it, and search/index.js. A segment is named by
// what it is made of (the month's workbooks, the order of the plan's items
// and units); when the previous site's index.js, as the page memo vouches
// for it, lists a segment of that name whose files the memo vouches for
// too, they are linked from the previous site instead of made again. It
// returns the number of files.
func writeSearch(d *pages.Data, m *memo, tx *publish.Tx) (int, error) {
	p := d.Plan
	taskIdx, unitIdx, probIdx, indIdx := map[string]int{}, map[domain.UnitID]int{}, map[string]int{}, map[string]int{}
	var tables searchTables
	// A segment's documents number the items and units by their place
	// in the plan: that order (layout) is part of what a segment is made
	// of.
	var layout [4][]string
	for i, t := range p.Tasks {
		taskIdx[t.ID] = i
		tables.Tasks = append(tables.Tasks, []string{t.ID, t.Title, t.Slug, t.Category})
		layout[0] = append(layout[0], t.ID)
	}
	for i, u := range p.Units {
		unitIdx[u.ID] = i
		tables.Units = append(tables.Units, []string{u.Name, string(u.ID), strings.Join(u.Aliases, "、"), u.Kind})
		layout[1] = append(layout[1], string(u.ID))
	}
	for i, pr := range p.Problems {
		probIdx[pr.ID] = i
		tables.Problems = append(tables.Problems, []string{pr.ID, pr.Title, pages.Anchor(pr.ID)})
		layout[2] = append(layout[2], pr.ID)
	}
	for i, in := range p.Indicators {
		indIdx[in.ID] = i
		tables.Indicators = append(tables.Indicators, []string{in.ID, in.Title, pages.IndicatorAnchor(in.ID)})
		layout[3] = append(layout[3], in.ID)
	}
	order := keyhash.Of(layout)

	// The month's carriers, in the plan's order of units.
	byMonth := map[domain.Month][]*domain.Report{}
	for _, r := range progress.Carriers(d.Inbox.Reports, d.Result.AsOf) {
		byMonth[r.Month] = append(byMonth[r.Month], r)
	}
	months := make([]domain.Month, 0, len(byMonth))
	for m, rs := range byMonth {
		months = append(months, m)
		sort.SliceStable(rs, func(i, j int) bool { return rankUnit(unitIdx, rs[i].Unit) < rankUnit(unitIdx, rs[j].Unit) })
	}
	sort.Slice(months, func(i, j int) bool { return months[i].After(months[j]) }) // newest first

	unitOf := func(u domain.UnitID) int {
		if i, ok := unitIdx[u]; ok {
			return i
		}
		return -1
	}
	docsOf := func(m domain.Month) []search.Doc {
		rows := 0
		for _, r := range byMonth[m] {
			rows += len(r.Tasks) + len(r.Problems) + len(r.Indicators)
		}
		// The documents' fields in one array (up to three a row), each
		// document's a slice of it.
		docs, fields := make([]search.Doc, 0, rows), make([]string, 0, 3*rows)
		add := func(kind, item, unit int, f ...string) {
			fields = append(fields, f...)
			docs = append(docs, search.Doc{Kind: kind, Item: item, Unit: unit, Fields: fields[len(fields)-len(f) : len(fields) : len(fields)]})
		}
		for _, r := range byMonth[m] {
			u := unitOf(r.Unit)
			for _, row := range r.Tasks {
				if i, ok := taskIdx[row.TaskID]; ok && (row.Done != "" || row.Issues != "" || row.Next != "") {
					add(docTask, i, u, row.Done, row.Issues, row.Next)
				}
			}
			for _, row := range r.Problems {
				if i, ok := probIdx[row.ProblemID]; ok && row.Measures != "" {
					add(docProblem, i, u, row.Measures)
				}
			}
			for _, row := range r.Indicators {
				if i, ok := indIdx[row.IndicatorID]; ok && row.Note != "" {
					add(docIndicator, i, u, row.Note)
				}
			}
		}
		return docs
	}

	previous := previousSegments(m, tx)
	entries := make([]search.Entry, len(months))
	counts := make([]int, len(months))
	// One month at a time: this runs beside the pages, which keep every
	// core busy, and a segment in the making (its postings) is many
	// megabytes at a province's scale, all of it live heap the garbage
	// collector marks again in every cycle while the pages are made.
	err := parallel.ForErr(len(months), 1, func(i int) error {
		mo := months[i]
		// The segment's name says what it is made of: files of the
		// previous site by that name, as the memo vouches for them, are
		// the same.
		name := mo.String() + "-" + keyhash.Of("search segment", search.Version, order, d.MonthPrints[mo], mo.String()).String()[:16]
		key := keyhash.Of("search file", name)
		if e, ok := previous[name]; ok && reuseAll(m, tx, key, e.Files()) {
			entries[i], counts[i] = e, len(e.Files())
			return nil
		}
		e, files := search.Segment(name, mo.String(), docsOf(mo))
		for f, b := range files {
			rel := path.Join(searchDir, f)
			m.made(rel, key, b)
			if err := tx.WriteFile(rel, b); err != nil {
				return err
			}
		}
		entries[i], counts[i] = e, len(files)
		return nil
	})
	if err != nil {
		return 0, err
	}
	n := 1
	for _, c := range counts {
		n += c
	}
	manifest := search.Manifest(tables, entries)
	rel := path.Join(searchDir, "index.js")
	m.made(rel, keyhash.Of("search manifest", manifest), manifest)
	return n, tx.WriteFile(rel, manifest)
}

// previousSegments are the segments the previous site's search/index.js
// lists, by name, when the memo vouches for that file (it has the bytes
// the last build wrote); none otherwise.
func previousSegments(m *memo, tx *publish.Tx) map[string]search.Entry {
	rel := path.Join(searchDir, "index.js")
	current := tx.Current(rel)
	if m == nil || !m.unchanged(rel, current) {
		return nil
	}
	b, err := os.ReadFile(current)
	if err != nil {
		return nil
	}
	entries, err := search.ParseManifest(b)
	if err != nil {
		return nil
	}
	out := make(map[string]search.Entry, len(entries))
	for _, e := range entries {
		out[e.Name] = e
	}
	return out
}

// reuseAll links every file of a segment from the previous site when the
// memo vouches for each; false when one fails (the segment is then made
// again, its files written over any that were linked).
func reuseAll(m *memo, tx *publish.Tx, key keyhash.Key, files []string) bool {
	for _, f := range files {
		rel := path.Join(searchDir, f)
		current := tx.Current(rel)
		if !m.reuse(rel, key, current) || tx.Link(rel, current) != nil {
			return false
		}
	}
	return true
}

func rankUnit(idx map[domain.UnitID]int, u domain.UnitID) int {
	if i, ok := idx[u]; ok {
		return i
	}
	return len(idx)
}
