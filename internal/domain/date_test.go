package domain

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"testing"
	"time"
)

func TestDateArithmetic(t *testing.T) {
	plan := MustDate(2023, time.April, 20)
	if got := plan.DaysUntil(MustDate(2023, time.December, 31)); got != 255 {
		t.Errorf("DaysUntil = %d; want 255", got)
	}
	if got := MustDate(2024, time.February, 28).AddDays(1); got != MustDate(2024, time.February, 29) {
		t.Errorf("AddDays over a leap day = %v", got)
	}
	if _, ok := NewDate(2023, time.February, 29); ok {
		t.Error("2023-02-29 accepted")
	}
	if got := MustMonth(2023, time.February).Last(); got != MustDate(2023, time.February, 28) {
		t.Errorf("Last of 2023-02 = %v", got)
	}
	if got := MustMonth(2023, time.December).Next(); got != MustMonth(2024, time.January) {
		t.Errorf("Next of 2023-12 = %v", got)
	}
	if got := MustMonth(2024, time.January).Since(MustMonth(2023, time.September)); got != 4 {
		t.Errorf("Since = %d; want 4", got)
	}
	if got := len(MonthsFrom(MustMonth(2023, time.May), MustMonth(2023, time.December))); got != 8 {
		t.Errorf("MonthsFrom May..Dec has %d months; want 8", got)
	}
	if got := MustMonth(2023, time.June).Day(31); got != MustDate(2023, time.June, 30) {
		t.Errorf("Day(31) of June = %v; want clamped to 30", got)
	}
}

func TestDateJSON(t *testing.T) {
	type doc struct {
		D Date  `json:"d"`
		M Month `json:"m"`
		Z Date  `json:"z"`
	}
	in := doc{D: MustDate(2023, time.May, 20), M: MustMonth(2023, time.May)}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"d":"2023-05-20","m":"2023-05","z":null}` {
		t.Errorf("json = %s", b)
	}
	var out doc
	if err := json.Unmarshal(b, &out); err != nil || out != in {
		t.Errorf("round trip = %+v, %v", out, err)
	}
}

func TestNameKey(t *testing.T) {
	if NameKey(" 政策　法规股（一）") != NameKey("政策法规股(一)") {
		t.Error("full-width brackets and spaces should not matter")
	}
	if FoldWidth("８０％") != "80%" {
		t.Errorf("FoldWidth = %q", FoldWidth("８０％"))
	}
}

func TestDateGob(t *testing.T) {
	type doc struct {
		D, Z Date
		M    Month
	}
	in := doc{D: MustDate(2023, time.May, 20), M: MustMonth(2023, time.June)}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(in); err != nil {
		t.Fatal(err)
	}
	var out doc
	if err := gob.NewDecoder(&buf).Decode(&out); err != nil || out != in {
		t.Errorf("gob round trip = %+v, %v", out, err)
	}
}
