package site

import (
	"encoding/json"
	"path"
	"sort"
	"strings"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/keyhash"
	"github.com/plansite/plansite/internal/parallel"
	"github.com/plansite/plansite/internal/progress"
	"github.com/plansite/plansite/internal/publish"
	"github.com/plansite/plansite/internal/search"
	"github.com/plansite/plansite/internal/store"
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

// indicatorAnchor is the fragment id of an indicator's row on 评价周期.
func indicatorAnchor(id string) string { return "i-" + slugish(id) }

// writeSearch writes the search index of d into the site of tx: one
// segment per month with reports (up to the as-of month), each unit's
// texts of the month in it, and search/index.js. A segment whose inputs
// (the month's workbooks, the plan) are those of the previous build, as
// the store kept remembers, is linked from the previous site instead of
// made again. It returns the number of files.
func writeSearch(d *siteData, kept *store.Store, tx *publish.Tx) (int, error) {
	p := d.plan
	taskIdx, unitIdx, probIdx, indIdx := map[string]int{}, map[domain.UnitID]int{}, map[string]int{}, map[string]int{}
	var tables searchTables
	for i, t := range p.Tasks {
		taskIdx[t.ID] = i
		tables.Tasks = append(tables.Tasks, []string{t.ID, t.Title, t.Slug, t.Category})
	}
	for i, u := range p.Units {
		unitIdx[u.ID] = i
		tables.Units = append(tables.Units, []string{u.Name, string(u.ID), strings.Join(u.Aliases, "、"), u.Kind})
	}
	for i, pr := range p.Problems {
		probIdx[pr.ID] = i
		tables.Problems = append(tables.Problems, []string{pr.ID, pr.Title, anchor(pr.ID)})
	}
	for i, in := range p.Indicators {
		indIdx[in.ID] = i
		tables.Indicators = append(tables.Indicators, []string{in.ID, in.Title, indicatorAnchor(in.ID)})
	}

	// The month's carriers, in the plan's order of units.
	byMonth := map[domain.Month][]*domain.Report{}
	for _, r := range progress.Carriers(d.inbox.Reports, d.res.AsOf) {
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
		var docs []search.Doc
		for _, r := range byMonth[m] {
			u := unitOf(r.Unit)
			for _, row := range r.Tasks {
				if i, ok := taskIdx[row.TaskID]; ok && row.Done+row.Issues+row.Next != "" {
					docs = append(docs, search.Doc{Kind: docTask, Item: i, Unit: u, Fields: []string{row.Done, row.Issues, row.Next}})
				}
			}
			for _, row := range r.Problems {
				if i, ok := probIdx[row.ProblemID]; ok && row.Measures != "" {
					docs = append(docs, search.Doc{Kind: docProblem, Item: i, Unit: u, Fields: []string{row.Measures}})
				}
			}
			for _, row := range r.Indicators {
				if i, ok := indIdx[row.IndicatorID]; ok && row.Note != "" {
					docs = append(docs, search.Doc{Kind: docIndicator, Item: i, Unit: u, Fields: []string{row.Note}})
				}
			}
		}
		return docs
	}

	entries := make([]search.Entry, len(months))
	counts := make([]int, len(months))
	err := parallel.ForErr(len(months), 0, func(i int) error {
		m := months[i]
		// The segment's name says what it is made of: its files of the
		// previous build, of the same name, are the same.
		key := keyhash.Of("search segment", search.Version, d.planPrint, d.monthPrints[m], m.String())
		name := m.String() + "-" + key.String()[:16]
		entryKey := keyhash.Of("search entry", name)
		if v, ok := kept.Get(entryKey); ok {
			var e search.Entry
			if json.Unmarshal([]byte(v), &e) == nil && e.Name == name && linkAll(tx, e.Files()) {
				entries[i], counts[i] = e, len(e.Files())
				return nil
			}
		}
		e, files := search.Segment(name, m.String(), docsOf(m))
		for f, b := range files {
			if err := tx.WriteFile(path.Join(searchDir, f), b); err != nil {
				return err
			}
		}
		if v, err := json.Marshal(e); err == nil {
			kept.Put(entryKey, string(v))
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
	return n, tx.WriteFile(path.Join(searchDir, "index.js"), search.Manifest(tables, entries))
}

// linkAll links every file of a segment from the previous site; false when
// one is missing there (the segment is then made again).
func linkAll(tx *publish.Tx, files []string) bool {
	for _, f := range files {
		rel := path.Join(searchDir, f)
		if tx.Link(rel, tx.Current(rel)) != nil {
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
