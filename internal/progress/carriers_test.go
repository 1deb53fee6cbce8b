package progress

import (
	"slices"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/domain"
)

// TestCarriers: the report whose data counts is the latest submitted of a
// unit's month, as Compute takes it; months after the as-of month are left
// out.
func TestCarriers(t *testing.T) {
	may, june := month(2023, time.May), month(2023, time.June)
	reports := []domain.Report{
		report(unitA, may, named("a-may-late.xlsx"), filledOn(day(2023, time.May, 28)), taskRow("1.1", num(20), "")),
		report(unitA, may, named("a-may.xlsx"), taskRow("1.1", num(10), "")),
		report(unitB, may, named("b-may.xlsx")),
		report(unitA, june, named("a-june.xlsx")),
	}
	var got []string
	for _, r := range Carriers(reports, may) {
		got = append(got, r.File)
	}
	if want := []string{"a-may-late.xlsx", "b-may.xlsx"}; !slices.Equal(got, want) {
		t.Errorf("carriers %v, want %v", got, want)
	}
	// The same report Compute takes: 1.1's progress in May is 20.
	res := Compute(mustPlan(t, nil), reports, nil, may)
	if p := mustTask(t, res, "1.1").Progress; p == nil || *p != 20 {
		t.Errorf("Compute takes %v for 1.1, not the carrier's 20", show(p))
	}
}
