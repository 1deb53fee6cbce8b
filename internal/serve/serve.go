package serve

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/plansite/plansite/internal/publish"
)

// Handler serves a built site with live reload.
type Handler struct {
	dir   string
	hosts hosts

	mu      sync.Mutex
	version int           // bumped by each rebuild
	problem string        // the last rebuild's error, "" when it worked
	changed chan struct{} // closed and replaced on each rebuild
}

// New serves the site in dir to requests addressed to this machine by a
// loopback name (localhost, 127.0.0.1, [::1]) or by the host of bind, the
// address the server listens on as the user gave it (--addr; "" for
// loopback only; a host of 0.0.0.0 or :: admits this machine's addresses).
// A request that names another host is refused: a page of another site
// could otherwise read the preview through a name it points at this
// machine (DNS rebinding). Only a folder that holds a site plansite wrote
// (publish.Marker) is served, and within it no dot file and nothing
// reached through a symbolic link.
func New(dir, bind string) *Handler {
	return &Handler{dir: dir, hosts: newHosts(bind), changed: make(chan struct{})}
}

// Server returns an http.Server for h with bounds on slow and idle
// clients: headers within 10 s, a request within 20 s, an answer within
// 40 s (a page's wait for a rebuild takes up to 25 s), and a kept-alive
// connection with no request for IdleTimeout is closed.
func Server(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       20 * time.Second,
		WriteTimeout:      40 * time.Second,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    64 << 10,
	}
}

// IdleTimeout is how long Server keeps a connection with no request open.
const IdleTimeout = 5 * time.Second

// hosts are the names and addresses a request may give as its Host.
type hosts struct {
	name   string          // bind's host, lower case, when it is not an unspecified address
	anyIPs map[string]bool // this machine's addresses, when bind's host is 0.0.0.0, :: or ""
}

func newHosts(bind string) hosts {
	host, _, err := net.SplitHostPort(bind)
	if err != nil {
		host = bind
	}
	host = strings.ToLower(strings.Trim(host, "[]"))
	if ip := net.ParseIP(host); (ip == nil || !ip.IsUnspecified()) && host != "" {
		return hosts{name: host}
	}
	if bind == "" {
		return hosts{}
	}
	h := hosts{anyIPs: map[string]bool{}}
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok {
			h.anyIPs[n.IP.String()] = true
		}
	}
	return h
}

// allows reports whether a request with Host header hostport is for this
// server.
func (h hosts) allows(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = hostport
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") || (host != "" && host == h.name) {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && (ip.IsLoopback() || h.anyIPs[ip.String()])
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
	if !h.hosts.allows(r.Host) {
		http.Error(w, "此预览服务只接受以 127.0.0.1、localhost 或启动时给出的 --addr 访问", http.StatusMisdirectedRequest)
		return
	}
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
	h.mu.Lock()
	problem := h.problem
	h.mu.Unlock()
	if _, err := os.Lstat(filepath.Join(h.dir, publish.Marker)); err != nil {
		// No site yet, or a folder the build refused to replace: nothing
		// of it is served. Say why when a build said.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		if problem == "" {
			problem = "网站尚未生成。"
		}
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>网站未能生成</title></head><body><h1>网站未能生成</h1><pre style="white-space:pre-wrap">%s</pre>%s</body></html>`, html.EscapeString(problem), reloadJS)
		return
	}
	p := path.Clean("/" + raw)
	if strings.HasSuffix(raw, "/") || p == "/" {
		p = path.Join(p, "index.html")
	}
	f, info, ok := h.open(p)
	if !ok {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	w.Header().Set("Cache-Control", "no-cache")
	if !strings.HasSuffix(info.Name(), ".html") {
		http.ServeContent(w, r, info.Name(), info.ModTime(), f)
		return
	}
	b, err := io.ReadAll(f)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	if problem != "" {
		// At the top of the page, where it is seen without scrolling.
		b = afterBodyTag(b, `<div role="alert" style="position:sticky;top:0;z-index:99;background:#fdecec;color:#8b0000;border-bottom:2px solid #c62828;padding:.5rem 1rem;white-space:pre-wrap;font:14px/1.5 sans-serif">`+
			`上次重新生成失败，显示的是之前的网站：`+"\n"+html.EscapeString(problem)+`</div>`)
	}
	if i := bytes.LastIndex(b, []byte("</body>")); i >= 0 {
		b = append(b[:i:i], append([]byte(reloadJS), b[i:]...)...)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	http.ServeContent(w, r, info.Name(), time.Time{}, bytes.NewReader(b))
}

// open opens the file of the site at the clean slash path p, or the
// index.html of the folder p names. ok is false for a path with a dot
// file or folder in it (the site's marker, .git…), for one that passes
// through a symbolic link, and for anything but a regular file: the site
// plansite writes has none of those, and they could lead out of it.
func (h *Handler) open(p string) (f *os.File, info fs.FileInfo, ok bool) {
	file := h.dir
	for _, seg := range strings.Split(strings.TrimPrefix(p, "/"), "/") {
		if strings.HasPrefix(seg, ".") {
			return nil, nil, false
		}
		file = filepath.Join(file, seg)
		st, err := os.Lstat(file)
		if err != nil || st.Mode()&fs.ModeSymlink != 0 {
			return nil, nil, false
		}
		info = st
	}
	if info.IsDir() {
		file = filepath.Join(file, "index.html")
		st, err := os.Lstat(file)
		if err != nil {
			return nil, nil, false
		}
		info = st
	}
	if !info.Mode().IsRegular() {
		return nil, nil, false
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, nil, false
	}
	// The file opened is the one looked at (not a link put there since).
	if st, err := f.Stat(); err != nil || !os.SameFile(st, info) {
		f.Close()
		return nil, nil, false
	}
	return f, info, true
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
