package pages

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestLightColoursMatchCSS: the lights on pages (site.css) and in charts
// (look.go) are the same colours.
func TestLightColoursMatchCSS(t *testing.T) {
	css, err := os.ReadFile(filepath.Join("..", "..", "templates", "assets", "site.css"))
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`--((?:s|sub|r)-[a-z_]+):\s*(#[0-9a-fA-F]{6})`).FindAllStringSubmatch(string(css), -1) {
		vars[m[1]] = strings.ToLower(m[2])
	}
	check := func(name, color string) {
		if vars[name] != strings.ToLower(color) {
			t.Errorf("site.css --%s = %q; look.go says %s", name, vars[name], color)
		}
	}
	for s, c := range statusColor {
		check("s-"+string(s), c)
	}
	for s, c := range submissionColor {
		check("sub-"+string(s), c)
	}
	for s, c := range rectColor {
		check("r-"+string(s), c)
	}
}
