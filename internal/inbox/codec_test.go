package inbox

import (
	"reflect"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/keyhash"
	"github.com/plansite/plansite/internal/workbook"
)

// fillAll sets every field of v (a pointer) to a value that is not its
// zero: strings by path, numbers from a counter, number pointers to 0 (the
// value gob lost), two elements in every slice. A field added to a report
// later is filled too, so that a codec that forgets it fails the test.
func fillAll(t *testing.T, v reflect.Value, path string, n *int) {
	t.Helper()
	*n++
	switch v.Type() {
	case reflect.TypeOf(domain.Month{}):
		v.Set(reflect.ValueOf(domain.MustMonth(2023, time.Month(1+*n%12))))
		return
	case reflect.TypeOf(domain.Date{}):
		v.Set(reflect.ValueOf(domain.MustDate(2023, time.Month(1+*n%12), 1+*n%28)))
		return
	case reflect.TypeOf(time.Time{}):
		v.Set(reflect.ValueOf(time.Unix(1700000000+int64(*n), int64(*n))))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(path + "·值")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(*n))
	case reflect.Float64:
		v.SetFloat(float64(*n) + 0.5)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem()) // points to the zero value
		v.Set(p)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fillAll(t, s.Index(i), path+"[]", n)
		}
		v.Set(s)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if !v.Type().Field(i).IsExported() {
				t.Fatalf("%s has an unexported field %s the test cannot fill", v.Type(), v.Type().Field(i).Name)
			}
			fillAll(t, v.Field(i), path+"."+v.Type().Field(i).Name, n)
		}
	default:
		t.Fatalf("%s: a field of kind %s; teach the codec and this test about it", path, v.Kind())
	}
}

// TestCodecRoundTrip: every field of a workbook result comes back from the
// cache file as it went in, a progress of 0 included (gob made it nil).
func TestCodecRoundTrip(t *testing.T) {
	var full workbook.Result
	n := 0
	fillAll(t, reflect.ValueOf(&full).Elem(), "Result", &n)
	blank := workbook.Result{}
	half := full
	half.Report.Tasks = append([]domain.TaskRow(nil), full.Report.Tasks...)
	half.Report.Tasks[0].Progress = nil
	half.Report.Problems = nil
	entries := map[string]cacheEntry{
		"2023-06/a.xlsx": {Size: 10, ModTime: time.Unix(1700000000, 5), Hash: "h", Schema: keyhash.Of("a"), Result: full, Scanned: time.Unix(1700000100, 7)},
		"b.xlsx":         {Size: 0, Hash: "", Result: blank},
		"2023-07/c.xlsx": {Size: 3, ModTime: time.Unix(1, 0), Hash: "x", Schema: keyhash.Of("c"), Result: half},
	}
	got := decodeShard(asBytes(encodeShard(entries)))
	if len(got) != len(entries) {
		t.Fatalf("%d entries back of %d", len(got), len(entries))
	}
	for rel, want := range entries {
		g := got[rel]
		if !g.ModTime.Equal(want.ModTime) {
			t.Errorf("%s: time %v; want %v", rel, g.ModTime, want.ModTime)
		}
		if !g.Result.Report.ModTime.Equal(want.Result.Report.ModTime) {
			t.Errorf("%s: report time %v; want %v", rel, g.Result.Report.ModTime, want.Result.Report.ModTime)
		}
		if !g.Scanned.Equal(want.Scanned) {
			t.Errorf("%s: scanned %v; want %v", rel, g.Scanned, want.Scanned)
		}
		g.ModTime, want.ModTime = time.Time{}, time.Time{}
		g.Scanned, want.Scanned = time.Time{}, time.Time{}
		g.Result.Report.ModTime, want.Result.Report.ModTime = time.Time{}, time.Time{}
		if !reflect.DeepEqual(g, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", rel, g, want)
		}
	}
	if p := got["2023-06/a.xlsx"].Result.Report.Tasks[0].Progress; p == nil || *p != 0 {
		t.Errorf("a progress of 0 came back as %v", p)
	}
	// An entry cut short or with bytes after it is left out.
	raw := encodeShard(entries)
	for _, e := range raw {
		for _, cut := range []int{0, 1, len(e) / 2, len(e) - 1} {
			if got := decodeShard([][]byte{[]byte(e[:cut])}); len(got) != 0 {
				t.Errorf("an entry cut at %d of %d bytes was read", cut, len(e))
			}
		}
		if got := decodeShard([][]byte{[]byte(e + "\x00")}); len(got) != 0 {
			t.Error("an entry with trailing bytes was read")
		}
	}
}

// FuzzDecodeShard: any bytes give an entry or none, never a panic or a
// runaway allocation.
func FuzzDecodeShard(f *testing.F) {
	var r workbook.Result
	r.Report.Tasks = []domain.TaskRow{{TaskID: "1.1"}}
	for _, e := range encodeShard(map[string]cacheEntry{"a": {Result: r}}) {
		f.Add([]byte(e))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		_ = decodeShard([][]byte{b})
	})
}

func asBytes(entries []string) [][]byte {
	out := make([][]byte, len(entries))
	for i, e := range entries {
		out[i] = []byte(e)
	}
	return out
}
