package site

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/browser"
	"github.com/plansite/plansite/internal/browser/browsertest"
)

// TestDashboardDrawsInBrowser opens the built dashboard from the folder, as
// a reader on the shared drive would (file://), and checks that its chart is
// drawn with no console error.
func TestDashboardDrawsInBrowser(t *testing.T) {
	out := mustBuild(t, exampleContent)
	b := browsertest.ForTest(t)
	for _, rel := range []string{"index.html", "tasks/1-3/index.html", "plan/index.html"} {
		url := "file://" + filepath.ToSlash(filepath.Join(out, filepath.FromSlash(rel)))
		rep, err := b.Open(url, browser.Options{Timeout: 30 * time.Second})
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		if rep.State != "ready" || len(rep.Problems) > 0 || rep.H1 == "" {
			t.Errorf("%s: state %q, problems %v, h1 %q", rel, rep.State, rep.Problems, rep.H1)
		}
		for _, c := range rep.Charts {
			if !c.Drawn {
				t.Errorf("%s: chart %s not drawn", rel, c.ID)
			}
		}
		if rel == "index.html" && len(rep.Charts) == 0 {
			t.Errorf("dashboard has no chart")
		}
	}
}
