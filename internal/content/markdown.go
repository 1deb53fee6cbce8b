package content

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"
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

// Bounds of one markdown text. goldmark takes time that grows faster than
// the text for some shapes (thousands of nested quotes or list markers on a
// line, runs of mixed emphasis marks, unclosed link destinations, tables of
// thousands of columns), so both its size and the time it may take are
// bounded. A plan's page is some tens of KB and converts in milliseconds.
const maxMarkdownSize = 256 << 10

// markdownTimeout is how long the conversion of one markdown text may take.
// A variable for the tests.
var markdownTimeout = 10 * time.Second

// depthKey carries, in goldmark's parser context, how many folders below
// the site's root the page that shows the text is (tasks/1-1/index.html: 2).
var depthKey = parser.NewContextKey()

// renderMarkdown returns the HTML of src for a page depth folders below the
// site's root. Raw HTML in src is not rendered, and links and images that
// would leave the site are written as text. It fails for a text over
// maxMarkdownSize, and for one whose conversion takes over markdownTimeout
// (then the conversion is left to finish on its own: goldmark cannot be
// stopped; a text that is still being converted is not converted again).
func renderMarkdown(src []byte, depth int) (string, error) {
	if len(src) > maxMarkdownSize {
		return "", fmt.Errorf("正文过长（%d KB，上限 %d KB），未转换；请把它分成几个页面", (len(src)+1023)>>10, maxMarkdownSize>>10)
	}
	c := startConversion(src, depth)
	timer := time.NewTimer(markdownTimeout)
	defer timer.Stop()
	select {
	case <-c.done:
		return c.html, c.err
	case <-timer.C:
		return "", fmt.Errorf("正文转换超过 %v 仍未完成，已放弃：其中有使转换极慢的写法（如成千上万层的引用 > 或列表、成串的 * _ [ 等符号、列数极多的表格）；请检查并简化这段 markdown", markdownTimeout)
	}
}

// Guide returns the HTML of the guide's markdown (docs.Guide), for its page
// at guide/index.html, converted as a content page is: raw HTML dropped,
// links out of the site shown as text. Its first line, when a heading
// ("# plansite 使用说明"), is left out: the page shows its own title. It
// fails as renderMarkdown does.
func Guide(src []byte) (string, error) {
	if first, rest, ok := bytes.Cut(src, []byte("\n")); ok && bytes.HasPrefix(first, []byte("# ")) {
		src = rest
	}
	return renderMarkdown(src, pageDepth)
}

// A conversion is one markdown text being converted; conversions holds
// those under way, so that a text whose conversion ran out of time is not
// converted a second time alongside (serve and watch load the content
// again and again). Entries leave when their conversion ends.
type conversion struct {
	done chan struct{}
	html string
	err  error
}

var conversions struct {
	sync.Mutex
	m map[[sha256.Size]byte]*conversion
}

func startConversion(src []byte, depth int) *conversion {
	key := sha256.Sum256(append([]byte{byte(depth)}, src...))
	conversions.Lock()
	defer conversions.Unlock()
	if c, ok := conversions.m[key]; ok {
		return c
	}
	if conversions.m == nil {
		conversions.m = map[[sha256.Size]byte]*conversion{}
	}
	c := &conversion{done: make(chan struct{})}
	conversions.m[key] = c
	go func() {
		defer func() {
			if r := recover(); r != nil {
				c.html, c.err = "", fmt.Errorf("正文无法转换（%v）", r)
			}
			conversions.Lock()
			delete(conversions.m, key)
			conversions.Unlock()
			close(c.done)
		}()
		var buf bytes.Buffer
		ctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
		ctx.Set(depthKey, depth)
		if err := md.Convert(src, &buf, parser.WithContext(ctx)); err != nil {
			c.err = fmt.Errorf("正文无法转换：%w", err)
			return
		}
		c.html = buf.String()
	}()
	return c
}

// linkGuard keeps only links and images within the site. It judges the
// address goldmark will write (entities such as &#58; and backslash escapes
// decoded), as a browser reads it: a link with a scheme (http:, javascript:,
// data:…), to another host (//host, \\host), to an absolute path, or up out
// of the site (../../x from a page two folders down) is replaced by its
// text and, for http(s), the address written after it in brackets; such an
// image is replaced by its alternative text.
type linkGuard struct{}

func (linkGuard) Transform(doc *ast.Document, reader gmtext.Reader, pc parser.Context) {
	depth, _ := pc.Get(depthKey).(int)
	var repl []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := n.(type) {
		case *ast.Link:
			if !withinSite(v.Destination, depth) {
				repl = append(repl, n)
			}
		case *ast.Image:
			if !withinSite(v.Destination, depth) {
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
		var dest string
		switch v := n.(type) {
		case *ast.Link:
			dest = written(v.Destination)
			for c := n.FirstChild(); c != nil; {
				next := c.NextSibling()
				parent.InsertBefore(parent, n, c)
				c = next
			}
		case *ast.Image:
			parent.InsertBefore(parent, n, ast.NewString(altText(n, src)))
		case *ast.AutoLink:
			parent.InsertBefore(parent, n, ast.NewString(v.URL(src)))
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

func isWeb(u string) bool {
	s := strings.ToLower(u)
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// written returns the address goldmark's renderer writes for the
// destination dest (into href or src, before HTML escaping), with percent
// escapes decoded where they stand for text: what a reader would see.
func written(dest []byte) string {
	u := string(util.URLEscape(dest, true))
	if d, err := url.PathUnescape(u); err == nil {
		return d
	}
	return u
}

// withinSite reports whether the destination dest, written in a page depth
// folders below the site's root, stays within the site: no scheme, no
// host, no absolute path, and never more ".." than folders above the page.
// It reads the address as goldmark writes it and as a browser parses it
// (tabs and line breaks dropped, \ as /, %2e as .), and errs on the side of
// text.
func withinSite(dest []byte, depth int) bool {
	u := string(util.URLEscape(dest, true))
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	u = strings.TrimFunc(u, func(r rune) bool { return r <= ' ' })
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	p, err := url.PathUnescape(u)
	if err != nil {
		return false
	}
	p = strings.ReplaceAll(p, `\`, "/")
	if strings.HasPrefix(p, "/") || strings.ContainsAny(p, "|\x00") {
		return false // another host (//host), the disk's root, or a Windows drive (C|)
	}
	if i := strings.IndexByte(p, ':'); i >= 0 && !strings.Contains(p[:i], "/") {
		return false // a scheme: http:, javascript:, data:, mailto:, C:…
	}
	level := 0
	for _, seg := range strings.Split(p, "/") {
		switch seg {
		case "", ".":
		case "..":
			level--
			if level < -depth {
				return false
			}
		default:
			level++
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
