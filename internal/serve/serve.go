package serve

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Handler serves a built site with live reload.
type Handler struct {
	dir string

	mu      sync.Mutex
	version int           // bumped by each rebuild
	problem string        // the last rebuild's error, "" when it worked
	changed chan struct{} // closed and replaced on each rebuild
}

// New serves the site in dir.
func New(dir string) *Handler {
	return &Handler{dir: dir, changed: make(chan struct{})}
}

// Rebuilt tells open pages to reload. err is the rebuild's error: the old
// site is still served, and each page shows the error in a banner.
func (h *Handler) Rebuilt(err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.version++
	h.problem = ""
	if err != nil {
		h.problem = err.Error()
	}
	close(h.changed)
	h.changed = make(chan struct{})
}

const (
	eventsPath = "/__plansite/events"
	reloadJS   = `<script>(function(){var v=null;function poll(){fetch("/__plansite/events?v="+(v===null?"":v)).then(function(r){return r.text()}).then(function(t){if(v!==null&&t!==String(v)){location.reload();return}v=t;poll()}).catch(function(){setTimeout(poll,2000)})}poll()})();</script>`
)

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "只读", http.StatusMethodNotAllowed)
		return
	}
	raw := r.URL.Path
	if strings.Contains(raw, "..") || strings.Contains(raw, "\\") || strings.ContainsRune(raw, 0) {
		http.Error(w, "路径不合法", http.StatusBadRequest)
		return
	}
	if raw == eventsPath {
		h.events(w, r)
		return
	}
	p := path.Clean("/" + raw)
	if strings.HasSuffix(raw, "/") || p == "/" {
		p = path.Join(p, "index.html")
	}
	file := filepath.Join(h.dir, filepath.FromSlash(p))
	info, err := os.Stat(file)
	if err == nil && info.IsDir() {
		file = filepath.Join(file, "index.html")
		info, err = os.Stat(file)
	}
	if err != nil {
		h.mu.Lock()
		problem := h.problem
		h.mu.Unlock()
		if problem != "" {
			// No site yet (the first build failed): say why.
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintf(w, `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>网站未能生成</title></head><body><h1>网站未能生成</h1><pre style="white-space:pre-wrap">%s</pre>%s</body></html>`, html.EscapeString(problem), reloadJS)
			return
		}
		http.NotFound(w, r)
		return
	}
	if !strings.HasSuffix(file, ".html") {
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeFile(w, r, file)
		return
	}
	b, err := os.ReadFile(file)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	h.mu.Lock()
	problem := h.problem
	h.mu.Unlock()
	if problem != "" {
		// At the top of the page, where it is seen without scrolling.
		b = afterBodyTag(b, `<div role="alert" style="position:sticky;top:0;z-index:99;background:#fdecec;color:#8b0000;border-bottom:2px solid #c62828;padding:.5rem 1rem;white-space:pre-wrap;font:14px/1.5 sans-serif">`+
			`上次重新生成失败，显示的是之前的网站：`+"\n"+html.EscapeString(problem)+`</div>`)
	}
	if i := bytes.LastIndex(b, []byte("</body>")); i >= 0 {
		b = append(b[:i:i], append([]byte(reloadJS), b[i:]...)...)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, info.Name(), time.Time{}, bytes.NewReader(b))
}

// events answers with the site's version as soon as it differs from the
// one the page has (long polling; the page reloads on a new one).
func (h *Handler) events(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	v, changed := h.version, h.changed
	h.mu.Unlock()
	if r.URL.Query().Get("v") == fmt.Sprint(v) {
		select {
		case <-changed:
		case <-r.Context().Done():
			return
		case <-time.After(25 * time.Second):
		}
		h.mu.Lock()
		v = h.version
		h.mu.Unlock()
	}
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprint(w, v)
}

// afterBodyTag puts html right after the page's <body …> tag (at the start
// of a page without one).
func afterBodyTag(page []byte, html string) []byte {
	at := 0
	if i := bytes.Index(page, []byte("<body")); i >= 0 {
		if j := bytes.IndexByte(page[i:], '>'); j >= 0 {
			at = i + j + 1
		}
	}
	return append(page[:at:at], append([]byte(html), page[at:]...)...)
}
