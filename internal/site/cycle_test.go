package site

import (
	"regexp"
	"strings"
	"testing"
)

// TestCycleNotesNameTheirUnits: on 评价周期, the 情况说明 of an indicator
// with several units says which unit wrote which; that of an indicator
// with one unit needs no name.
func TestCycleNotesNameTheirUnits(t *testing.T) {
	out := mustBuild(t, exampleContent)
	page := read(t, out, "cycle/index.html")
	row := func(id string) string {
		t.Helper()
		m := regexp.MustCompile(`<tr id="i-` + id + `">(.*?)</tr>`).FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("no row of indicator %s", id)
		}
		_, notes, _ := strings.Cut(m[1], `<td class="text">`)
		return notes
	}
	// E03: 就业中心 and 结算中心; E09: 结算中心 and 工伤中心.
	for id, units := range map[string][]string{"E03": {"就业中心", "结算中心"}, "E09": {"结算中心", "工伤中心"}} {
		notes := row(id)
		if n := strings.Count(notes, "<div>"); n != len(units) {
			t.Errorf("%s: %d notes, want one per unit (%d)", id, n, len(units))
		}
		for _, u := range units {
			if !regexp.MustCompile(`<div><strong><a class="u" href="\.\./units/[a-z0-9_-]+/index\.html">` + u + `</a>：</strong>`).MatchString(notes) {
				t.Errorf("%s: no note headed %s:\n%s", id, u, notes)
			}
		}
	}
	if notes := row("E04"); strings.Contains(notes, "<strong>") {
		t.Errorf("E04 (one unit) names it in its note: %s", notes)
	}
}
