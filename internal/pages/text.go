package pages

import (
	"html/template"

	"github.com/plansite/plansite/docs"
	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/domain"
)

// textData is a page of text: a page of the content, or the guide.
type textData struct{ Body template.HTML }

// textPage adds page p of the content (pages/*.md).
func (b *builder) textPage(p domain.Page) {
	b.add(p.Slug+"/index.html", "page", "page-"+p.Slug, p.Title, textData{template.HTML(p.Body)}, false)
}

// guide adds the page of the guide (docs/使用说明.md), which every page's
// footer links to.
func (b *builder) guide() {
	body, err := content.Guide(docs.Guide)
	if err != nil {
		body = "<p>" + template.HTMLEscapeString(err.Error()) + "</p>"
	}
	b.add("guide/index.html", "page", "guide", "使用说明", textData{template.HTML(body)}, false)
}
