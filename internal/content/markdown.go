package content

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	gmtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// md converts content markdown: GFM tables and strikethrough, heading ids
// that keep Chinese characters, raw HTML dropped (goldmark's default), and
// links that leave the site turned into text (the site is read offline).
var md = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.CJK),
	goldmark.WithParserOptions(
		parser.WithAutoHeadingID(),
		parser.WithASTTransformers(util.Prioritized(linkGuard{}, 100)),
	),
)

// renderMarkdown returns the HTML of src. Raw HTML in src is not rendered.
func renderMarkdown(src []byte) (string, error) {
	var buf bytes.Buffer
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	if err := md.Convert(src, &buf, parser.WithContext(ctx)); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// linkGuard keeps only links within the site. A link to another host or
// with a scheme such as javascript: or data: is replaced by its text and,
// for http(s), the address written after it in brackets; an image with such
// a source is replaced by its alternative text.
type linkGuard struct{}

func (linkGuard) Transform(doc *ast.Document, reader gmtext.Reader, pc parser.Context) {
	var repl []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := n.(type) {
		case *ast.Link:
			if !localURL(v.Destination) {
				repl = append(repl, n)
			}
		case *ast.Image:
			if !localURL(v.Destination) {
				repl = append(repl, n)
			}
		case *ast.AutoLink:
			repl = append(repl, n)
		}
		return ast.WalkContinue, nil
	})
	src := reader.Source()
	for _, n := range repl {
		parent := n.Parent()
		if parent == nil {
			continue
		}
		var dest []byte
		switch v := n.(type) {
		case *ast.Link:
			dest = v.Destination
			for c := n.FirstChild(); c != nil; {
				next := c.NextSibling()
				parent.InsertBefore(parent, n, c)
				c = next
			}
		case *ast.Image:
			parent.InsertBefore(parent, n, ast.NewString(altText(n, src)))
		case *ast.AutoLink:
			dest = v.URL(src)
			parent.InsertBefore(parent, n, ast.NewString(dest))
			dest = nil
		}
		if isWeb(dest) {
			parent.InsertBefore(parent, n, ast.NewString([]byte(fmt.Sprintf("（%s）", dest))))
		}
		parent.RemoveChild(parent, n)
	}
}

func altText(n ast.Node, src []byte) []byte {
	var b bytes.Buffer
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			b.Write(t.Segment.Value(src))
		}
	}
	return b.Bytes()
}

func isWeb(u []byte) bool {
	s := strings.ToLower(string(u))
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// localURL reports whether u is a path or fragment within the site: no
// scheme, no host.
func localURL(u []byte) bool {
	s := strings.TrimSpace(string(u))
	if strings.HasPrefix(s, "//") || strings.HasPrefix(s, `\\`) {
		return false
	}
	for i, r := range s {
		switch {
		case r == ':':
			return false // a scheme: http:, javascript:, data:, mailto:…
		case r == '/' || r == '?' || r == '#':
			return true
		case i == 0 && !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.':
			return true
		}
	}
	return true
}

// headingIDs makes heading ids that keep every letter and digit of any
// script (goldmark's default drops Chinese), with spaces as "-" and a
// numeric suffix for repeats.
type headingIDs struct{ used map[string]bool }

func newHeadingIDs() *headingIDs { return &headingIDs{used: map[string]bool{}} }

func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	var b strings.Builder
	for _, r := range string(value) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r) || r == '-' || r == '_':
			b.WriteRune('-')
		}
	}
	base := strings.Trim(b.String(), "-")
	if base == "" {
		base = "heading"
	}
	id := base
	for i := 1; h.used[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	h.used[id] = true
	return []byte(id)
}

func (h *headingIDs) Put(value []byte) { h.used[string(value)] = true }
