package keyhash

import (
	"html/template"
	"testing"
)

// TestOf: a key changes with any value, and only then; map order does not
// change it.
func TestOf(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	type row struct {
		A, B string
		P    *float64
		H    template.HTML
		n    int // unexported fields count too
	}
	same := []any{
		map[string]int{"a": 1, "b": 2, "c": 3},
		map[string]int{"c": 3, "b": 2, "a": 1},
	}
	if Of(same[0]) != Of(same[1]) {
		t.Error("the same map in another order gave another key")
	}
	one, other := []row{{A: "a", P: f(2)}}, []row{{A: "a", P: f(2)}}
	if Of(one) != Of(other) {
		t.Error("equal values (pointers to equal numbers) gave other keys")
	}
	differ := [][]any{
		{[]row{{A: "ab", B: "c"}}},
		{[]row{{A: "a", B: "bc"}}},
		{[]row{{A: "a", B: "bc", P: f(0)}}},
		{[]row{{A: "a", B: "bc", P: f(1)}}},
		{[]row{{A: "a", B: "bc", P: f(1), H: "<b>"}}},
		{[]row{{A: "a", B: "bc", P: f(1), H: "<b>", n: 1}}},
		{[]row{{A: "a", B: "bc"}, {}}},
		{[]any{"1"}},
		{[]any{1}},
		{[]any{nil}},
		{struct{ X []string }{nil}},
		{struct{ X []string }{[]string{""}}},
		{"ab", "c"},
		{"a", "bc"},
		{"abc"},
		{"tmpl", "task", 1.5},
		{"other templates", "task", 1.5},
		{},
	}
	seen := map[Key]int{}
	for i, d := range differ {
		k := Of(d...)
		if j, ok := seen[k]; ok {
			t.Errorf("values %d and %d have the same key", j, i)
		}
		seen[k] = i
	}
}

type piece struct {
	key  Key
	html string
}

func (p piece) Key() Key { return p.key }

// Part is a keyed piece that another struct embeds (exported, as an
// embedded field Of can ask for its key).
type Part struct {
	key  Key
	html string
}

func (p Part) Key() Key { return p.key }

// TestKeyed: a Keyed value counts by its key alone.
func TestKeyed(t *testing.T) {
	k1, k2 := Of("one"), Of("two")
	type page struct{ P piece }
	if Of(page{piece{k1, "<b>a</b>"}}) != Of(page{piece{k1, "<i>other bytes</i>"}}) {
		t.Error("the bytes of a keyed value counted")
	}
	if Of(page{piece{k1, "x"}}) == Of(page{piece{k2, "x"}}) {
		t.Error("the key of a keyed value did not count")
	}
}

// TestEmbeddedKeyed: a struct embedding a Keyed one has its Key method but
// is taken by its fields, so that a change of its own fields counts.
func TestEmbeddedKeyed(t *testing.T) {
	k1, k2 := Of("one"), Of("two")
	type alert struct {
		Part
		Words string
	}
	if Of(alert{Part{k1, "x"}, "a"}) == Of(alert{Part{k1, "x"}, "b"}) {
		t.Error("a field beside an embedded keyed value did not count")
	}
	if Of(alert{Part{k1, "x"}, "a"}) == Of(alert{Part{k2, "x"}, "a"}) {
		t.Error("the key of the embedded keyed value did not count")
	}
	if Of(alert{Part{k1, "<b>x</b>"}, "a"}) != Of(alert{Part{k1, "<i>y</i>"}, "a"}) {
		t.Error("the bytes of the embedded keyed value counted")
	}
}
