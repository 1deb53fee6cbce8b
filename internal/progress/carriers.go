package progress

import (
	"sort"

	"github.com/plansite/plansite/internal/domain"
)

// Carriers returns, of the usable reports of months up to asOf, the one
// whose data counts for each unit and month: the latest submitted (as
// Compute takes it), ordered by month, then unit.
func Carriers(reports []domain.Report, asOf domain.Month) []*domain.Report {
	best := map[unitMonth]*domain.Report{}
	for i := range reports {
		r := &reports[i]
		if r.Month.After(asOf) {
			continue
		}
		k := unitMonth{r.Unit, r.Month}
		if b := best[k]; b == nil || submittedBefore(*b, *r) {
			best[k] = r
		}
	}
	out := make([]*domain.Report, 0, len(best))
	for _, r := range best {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Month != out[j].Month {
			return out[i].Month.Before(out[j].Month)
		}
		return out[i].Unit < out[j].Unit
	})
	return out
}
