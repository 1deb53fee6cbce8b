package site

import (
	"html/template"
	"testing"
)

// TestPageKey: a page's key changes with any value of its data, and only
// then; map order does not change it.
func TestPageKey(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	type row struct {
		A, B string
		P    *float64
		H    template.HTML
	}
	key := func(data any) string {
		k, err := pageKey("tmpl", "task", data)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	same := []any{
		map[string]int{"a": 1, "b": 2, "c": 3},
		map[string]int{"c": 3, "b": 2, "a": 1},
	}
	if key(same[0]) != key(same[1]) {
		t.Error("the same map in another order gave another key")
	}
	differ := []any{
		[]row{{A: "ab", B: "c"}},
		[]row{{A: "a", B: "bc"}},
		[]row{{A: "a", B: "bc", P: f(0)}},
		[]row{{A: "a", B: "bc", P: f(1)}},
		[]row{{A: "a", B: "bc", P: f(1), H: "<b>"}},
		[]row{{A: "a", B: "bc"}, {}},
		[]any{"1"},
		[]any{1},
		[]any{nil},
		struct{ X []string }{nil},
		struct{ X []string }{[]string{""}},
	}
	seen := map[string]int{}
	for i, d := range differ {
		k := key(d)
		if j, ok := seen[k]; ok {
			t.Errorf("data %d and %d have the same key", j, i)
		}
		seen[k] = i
	}
	if k1, _ := pageKey("tmpl", "task", differ[0]); k1 == key(differ[0]) {
		if k2, _ := pageKey("other templates", "task", differ[0]); k2 == k1 {
			t.Error("other templates gave the same key")
		}
	}
}
