package site

import (
	"context"
	"testing"

	"github.com/plansite/plansite/templates"
)

func TestZProf(t *testing.T) {
	_, err := Build(context.Background(), Options{Content: "/tmp/d2/content", Out: "/tmp/d2/pub2", Templates: templates.FS})
	if err != nil {
		t.Fatal(err)
	}
}
