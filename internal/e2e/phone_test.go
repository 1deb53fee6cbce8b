package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/browser"
	"github.com/plansite/plansite/internal/browser/browsertest"
)

// phonePages are checked on a phone and a laptop screen: the dashboard, a
// task page and the submissions page of the issue, and every other kind of
// page a leader opens on a phone.
var phonePages = []string{"index.html", "tasks/1-3/index.html", "submissions/index.html",
	"tasks/index.html", "tasks/3-2/index.html", "units/index.html", "units/jyzx/index.html", "rectification/index.html",
	"cycle/index.html", "ranking/index.html", "months/index.html", "months/2023-10/index.html", "findings/index.html", "plan/index.html", "guide/index.html"}

// TestPhoneAndLaptop opens pages at 390 px (a phone) and 1366 px wide from
// file:// and checks what layoutScript checks: nothing reaches
// past the window's right edge except inside a box that scrolls it (wide
// tables), charts fit their boxes, and no id, title, unit name, heading or
// short cell breaks with one character on a line. Full-page screenshots
// go to the screenshot folder (phone-*.jpg, laptop-*.jpg).
func TestPhoneAndLaptop(t *testing.T) {
	out, _ := build(t)
	b := browsertest.ForTest(t)
	shots := screenshotDir(t)
	for _, size := range []struct {
		name          string
		width, height int64
	}{{"phone", 390, 844}, {"laptop", 1366, 768}} {
		for _, p := range phonePages {
			rep, err := b.Open("file://"+filepath.ToSlash(filepath.Join(out, p)), browser.Options{
				Width: size.width, Height: size.height, Timeout: 45 * time.Second,
				Script: layoutScript, Screenshot: true, FullPage: true,
			})
			if err != nil {
				t.Errorf("%s at %d px: %v", p, size.width, err)
				continue
			}
			checkPage(t, p, rep, false)
			problems, err := layoutProblems(rep.Script)
			if err != nil {
				t.Errorf("%s at %d px: %v", p, size.width, err)
				continue
			}
			for i, pr := range problems {
				if i == 15 {
					t.Errorf("%s at %d px: %d more", p, size.width, len(problems)-i)
					break
				}
				t.Errorf("%s at %d px: %s", p, size.width, pr)
			}
			page := strings.ReplaceAll(strings.TrimSuffix(strings.TrimSuffix(p, "index.html"), "/"), "/", "_")
			if page == "" {
				page = "index"
			}
			name := fmt.Sprintf("%s-%s.jpg", size.name, page)
			if err := os.WriteFile(filepath.Join(shots, name), rep.Screenshot, 0o644); err != nil {
				t.Error(err)
			}
		}
	}
	t.Logf("screenshots at 390 and 1366 px: %s", shots)
}
