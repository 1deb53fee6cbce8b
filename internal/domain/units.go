package domain

import (
	"strings"
	"unicode"
)

// FoldWidth turns full-width ASCII forms (ＡＢＣ１２３％（）) into their
// half-width letters and the ideographic space into a space; every other
// rune is kept.
func FoldWidth(s string) string {
	if isNarrow(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == 0x3000:
			r = ' '
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isNarrow(s string) bool {
	for _, r := range s {
		if r >= 0x3000 {
			return false
		}
	}
	return true
}

// NameKey is the form in which names are compared: width folded, every space
// removed, Latin letters lower-cased. "政策法规股 " and "政策 法规股" have the
// same key.
func NameKey(s string) string {
	s = FoldWidth(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
}

// Index builds the lookup tables behind Unit and Resolve. The content loader
// calls it once every unit and group is in place; it returns the names that
// stand for two different things, which the loader reports.
func (p *Plan) Index() (clashes []string) {
	p.names = make(map[string][]UnitID)
	p.units = make(map[UnitID]int, len(p.Units))
	add := func(name string, ids []UnitID) {
		k := NameKey(name)
		if k == "" {
			return
		}
		if old, ok := p.names[k]; ok {
			if !sameIDs(old, ids) {
				clashes = append(clashes, name)
			}
			return
		}
		p.names[k] = ids
	}
	for i, u := range p.Units {
		p.units[u.ID] = i
		add(u.Name, []UnitID{u.ID})
		for _, a := range u.Aliases {
			add(a, []UnitID{u.ID})
		}
	}
	for _, g := range p.Groups {
		add(g.Name, g.Members)
		for _, a := range g.Aliases {
			add(a, g.Members)
		}
	}
	return clashes
}

func sameIDs(a, b []UnitID) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Unit returns the unit with the given id.
func (p *Plan) Unit(id UnitID) (Unit, bool) {
	i, ok := p.units[id]
	if !ok {
		return Unit{}, false
	}
	return p.Units[i], true
}

// UnitName returns the canonical name of id, or id itself when unknown.
func (p *Plan) UnitName(id UnitID) string {
	if u, ok := p.Unit(id); ok {
		return u.Name
	}
	return string(id)
}

// Resolve returns the units a name stands for: one unit for a canonical
// name or alias, the members for a group. It returns nil for an unknown name.
// Names are compared by NameKey.
func (p *Plan) Resolve(name string) []UnitID {
	return p.names[NameKey(name)]
}

// ResolveUnit returns the single unit a name stands for; a group name or an
// unknown name gives false.
func (p *Plan) ResolveUnit(name string) (UnitID, bool) {
	ids := p.Resolve(name)
	if len(ids) != 1 {
		return "", false
	}
	// A group of one member is still a group: accept it only when the name
	// is the unit's own name or alias.
	u, _ := p.Unit(ids[0])
	k := NameKey(name)
	if NameKey(u.Name) == k {
		return u.ID, true
	}
	for _, a := range u.Aliases {
		if NameKey(a) == k {
			return u.ID, true
		}
	}
	return "", false
}

// Expected returns the units that must report every month: the settings'
// list when given, else every unit named by a task, problem or indicator,
// in the order of the units list.
func (p *Plan) Expected() []UnitID {
	if len(p.Settings.ExpectedUnits) > 0 {
		return p.Settings.ExpectedUnits
	}
	named := make(map[UnitID]bool)
	for _, t := range p.Tasks {
		for _, id := range t.Leads {
			named[id] = true
		}
		for _, id := range t.Cooperators {
			named[id] = true
		}
	}
	for _, pr := range p.Problems {
		for _, id := range pr.Units {
			named[id] = true
		}
	}
	for _, in := range p.Indicators {
		for _, id := range in.Units {
			named[id] = true
		}
	}
	var out []UnitID
	for _, u := range p.Units {
		if named[u.ID] {
			out = append(out, u.ID)
		}
	}
	return out
}

// TasksOf returns the tasks that unit id leads and those it cooperates on.
func (p *Plan) TasksOf(id UnitID) (leads, cooperates []Task) {
	for _, t := range p.Tasks {
		switch t.RoleOf(id) {
		case RoleLead:
			leads = append(leads, t)
		case RoleCooperate:
			cooperates = append(cooperates, t)
		}
	}
	return leads, cooperates
}

// Task returns the task with the given id.
func (p *Plan) Task(id string) (Task, bool) {
	for _, t := range p.Tasks {
		if t.ID == id {
			return t, true
		}
	}
	return Task{}, false
}

// String returns the id as text.
func (id UnitID) String() string { return string(id) }

// FindUnitIn returns the unit whose canonical name or alias is the longest
// one written inside text (a file name, say), compared by NameKey.
func (p *Plan) FindUnitIn(text string) (UnitID, bool) {
	k := NameKey(text)
	best, bestLen := UnitID(""), 0
	for _, u := range p.Units {
		for _, n := range append([]string{u.Name}, u.Aliases...) {
			nk := NameKey(n)
			if len(nk) > bestLen && strings.Contains(k, nk) {
				best, bestLen = u.ID, len(nk)
			}
		}
	}
	return best, bestLen > 0
}
