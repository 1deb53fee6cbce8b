package inbox

import (
	"encoding/binary"
	"errors"
	"math"
	"time"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/workbook"
)

// The cache's entries are written in an encoding of their own. encoding/gob,
// used before, drops a pointer to a zero value: a progress of 0% came back
// from the cache as a blank cell, and a rebuild showed other figures than a
// build without cache. This encoding writes every field in order, a number
// pointer with a flag for nil; TestCodecRoundTrip fills every field of a
// Result, including fields added later, and fails when one does not come
// back. It is also several times faster to read than gob.

var errCorrupt = errors.New("corrupt cache entry")

type encoder struct{ b []byte }

func (e *encoder) uint(x uint64) { e.b = binary.AppendUvarint(e.b, x) }
func (e *encoder) int(x int64)   { e.b = binary.AppendVarint(e.b, x) }

func (e *encoder) str(s string) {
	e.uint(uint64(len(s)))
	e.b = append(e.b, s...)
}

func (e *encoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

func (e *encoder) num(p *float64) {
	if p == nil {
		e.b = append(e.b, 0)
		return
	}
	e.b = append(e.b, 1)
	e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(*p))
}

func (e *encoder) month(m domain.Month) {
	e.int(int64(m.Year()))
	e.int(int64(m.Num()))
}

func (e *encoder) date(d domain.Date) {
	e.int(int64(d.Year()))
	e.int(int64(d.MonthNum()))
	e.int(int64(d.Day()))
}

func (e *encoder) time(t time.Time) {
	e.bool(t.IsZero())
	if !t.IsZero() {
		e.int(t.UnixNano())
	}
}

func (e *encoder) result(r workbook.Result) {
	p := r.Report
	e.str(p.File)
	e.str(string(p.Unit))
	e.month(p.Month)
	e.str(p.Reporter)
	e.str(p.Phone)
	e.date(p.FilledOn)
	e.time(p.ModTime)
	e.str(p.Hash)
	e.uint(uint64(len(p.Tasks)))
	for _, t := range p.Tasks {
		e.str(t.TaskID)
		e.str(string(t.Role))
		e.num(t.Progress)
		e.str(string(t.State))
		e.str(t.Done)
		e.str(t.Issues)
		e.str(t.Next)
		e.str(t.Cell)
	}
	e.uint(uint64(len(p.Targets)))
	for _, t := range p.Targets {
		e.str(t.TargetID)
		e.num(t.Value)
		e.str(t.Cell)
	}
	e.uint(uint64(len(p.Problems)))
	for _, x := range p.Problems {
		e.str(x.ProblemID)
		e.str(string(x.State))
		e.num(x.Progress)
		e.str(x.Measures)
		e.date(x.DoneOn)
		e.str(x.Cell)
	}
	e.uint(uint64(len(p.Indicators)))
	for _, x := range p.Indicators {
		e.str(x.IndicatorID)
		e.num(x.Readiness)
		e.str(x.Note)
		e.str(x.Cell)
	}
	e.uint(uint64(len(r.Findings)))
	for _, f := range r.Findings {
		e.str(f.File)
		e.str(string(f.Unit))
		e.month(f.Month)
		e.str(f.Sheet)
		e.str(f.Cell)
		e.str(string(f.Severity))
		e.str(f.Message)
		e.str(f.Hint)
	}
	e.bool(r.Usable)
	e.uint(uint64(len(r.Units)))
	for _, u := range r.Units {
		e.str(string(u))
	}
	e.uint(uint64(len(r.Months)))
	for _, m := range r.Months {
		e.month(m)
	}
	e.str(r.Reason)
	e.str(r.Hint)
}

// decoder reads what encoder wrote; after the first error every read
// gives a zero value and err says what went wrong. Equal strings it
// returns are one copy (texts: shared by the decoders of a cache file).
type decoder struct {
	s     []byte
	texts map[string]string
	err   error
}

func newDecoder(s []byte, texts map[string]string) *decoder {
	return &decoder{s: s, texts: texts}
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errCorrupt
	}
	d.s = nil
}

func (d *decoder) uint() uint64 {
	var x uint64
	for i := 0; i < len(d.s) && i < binary.MaxVarintLen64; i++ {
		c := d.s[i]
		x |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			if i == binary.MaxVarintLen64-1 && c > 1 {
				break // overflow
			}
			d.s = d.s[i+1:]
			return x
		}
	}
	d.fail()
	return 0
}

func (d *decoder) int() int64 {
	ux := d.uint()
	x := int64(ux >> 1)
	if ux&1 != 0 {
		x = ^x
	}
	return x
}

// count reads a length, refusing one longer than what is left (so that a
// corrupt file cannot make the decoder allocate without bound).
func (d *decoder) count() int {
	n := d.uint()
	if n > uint64(len(d.s)) {
		d.fail()
		return 0
	}
	return int(n)
}

// str reads a string: one copy for equal strings of the decoder's texts,
// so that the decoded entries hold none of the cache file's bytes (a
// province's cache file, kept whole by the strings cut out of it, was a
// third of a rebuild's memory).
func (d *decoder) str() string {
	n := d.count()
	v := d.s[:n]
	d.s = d.s[n:]
	if c, ok := d.texts[string(v)]; ok {
		return c
	}
	c := string(v)
	d.texts[c] = c
	return c
}

func (d *decoder) bool() bool {
	if len(d.s) < 1 {
		d.fail()
		return false
	}
	v := d.s[0]
	d.s = d.s[1:]
	return v == 1
}

func (d *decoder) num() *float64 {
	if !d.bool() {
		return nil
	}
	if len(d.s) < 8 {
		d.fail()
		return nil
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(d.s[:8]))
	d.s = d.s[8:]
	return &v
}

func (d *decoder) month() domain.Month {
	y, m := d.int(), d.int()
	if y == 0 && m == 0 {
		return domain.Month{}
	}
	v, ok := domain.NewMonth(int(y), time.Month(m))
	if !ok {
		d.fail()
	}
	return v
}

func (d *decoder) date() domain.Date {
	y, m, day := d.int(), d.int(), d.int()
	if y == 0 && m == 0 && day == 0 {
		return domain.Date{}
	}
	v, ok := domain.NewDate(int(y), time.Month(m), int(day))
	if !ok {
		d.fail()
	}
	return v
}

func (d *decoder) time() time.Time {
	if d.bool() {
		return time.Time{}
	}
	return time.Unix(0, d.int())
}

func (d *decoder) result() workbook.Result {
	var r workbook.Result
	p := &r.Report
	p.File = d.str()
	p.Unit = domain.UnitID(d.str())
	p.Month = d.month()
	p.Reporter = d.str()
	p.Phone = d.str()
	p.FilledOn = d.date()
	p.ModTime = d.time()
	p.Hash = d.str()
	if n := d.count(); n > 0 {
		p.Tasks = make([]domain.TaskRow, n)
		for i := range p.Tasks {
			t := &p.Tasks[i]
			t.TaskID = d.str()
			t.Role = domain.Role(d.str())
			t.Progress = d.num()
			t.State = domain.TaskState(d.str())
			t.Done = d.str()
			t.Issues = d.str()
			t.Next = d.str()
			t.Cell = d.str()
		}
	}
	if n := d.count(); n > 0 {
		p.Targets = make([]domain.TargetRow, n)
		for i := range p.Targets {
			t := &p.Targets[i]
			t.TargetID = d.str()
			t.Value = d.num()
			t.Cell = d.str()
		}
	}
	if n := d.count(); n > 0 {
		p.Problems = make([]domain.ProblemRow, n)
		for i := range p.Problems {
			x := &p.Problems[i]
			x.ProblemID = d.str()
			x.State = domain.RectState(d.str())
			x.Progress = d.num()
			x.Measures = d.str()
			x.DoneOn = d.date()
			x.Cell = d.str()
		}
	}
	if n := d.count(); n > 0 {
		p.Indicators = make([]domain.IndicatorRow, n)
		for i := range p.Indicators {
			x := &p.Indicators[i]
			x.IndicatorID = d.str()
			x.Readiness = d.num()
			x.Note = d.str()
			x.Cell = d.str()
		}
	}
	if n := d.count(); n > 0 {
		r.Findings = make([]domain.Finding, n)
		for i := range r.Findings {
			f := &r.Findings[i]
			f.File = d.str()
			f.Unit = domain.UnitID(d.str())
			f.Month = d.month()
			f.Sheet = d.str()
			f.Cell = d.str()
			f.Severity = domain.Severity(d.str())
			f.Message = d.str()
			f.Hint = d.str()
		}
	}
	r.Usable = d.bool()
	if n := d.count(); n > 0 {
		r.Units = make([]domain.UnitID, n)
		for i := range r.Units {
			r.Units[i] = domain.UnitID(d.str())
		}
	}
	if n := d.count(); n > 0 {
		r.Months = make([]domain.Month, n)
		for i := range r.Months {
			r.Months[i] = d.month()
		}
	}
	r.Reason = d.str()
	r.Hint = d.str()
	return r
}
