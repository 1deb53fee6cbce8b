package serve

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/publish"
)

// site writes a small site into a new folder: a page, an asset, and the
// marker of a site plansite wrote when marked.
func site(t *testing.T, marked bool) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "public")
	files := map[string]string{"index.html": "<html><body>总览</body></html>", "assets/site.css": "body{}", "units/index.html": "<html><body>单位</body></html>"}
	if marked {
		files[publish.Marker] = "plansite"
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// request asks h for path with the given Host header.
func request(h http.Handler, host, path string) (int, string) {
	r := httptest.NewRequest(http.MethodGet, "http://"+host+path, nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Code, w.Body.String()
}

// TestOnlyThisMachinesNames: a request that names another host (a page of
// another site rebinding its name to this machine) is refused; loopback
// names, and the address the server was told to listen on, are served.
func TestOnlyThisMachinesNames(t *testing.T) {
	dir := site(t, true)
	for _, c := range []struct {
		bind, host string
		ok         bool
	}{
		{"127.0.0.1:8080", "127.0.0.1:8080", true},
		{"127.0.0.1:8080", "localhost:8080", true},
		{"127.0.0.1:8080", "[::1]:8080", true},
		{"127.0.0.1:8080", "127.0.0.2", true},
		{"127.0.0.1:8080", "attacker.example:8080", false},
		{"127.0.0.1:8080", "localhost.attacker.example", false},
		{"127.0.0.1:8080", "10.1.2.3:8080", false},
		{"127.0.0.1:8080", "", false},
		{"10.1.2.3:8080", "10.1.2.3:8080", true},
		{"10.1.2.3:8080", "intranet.example:8080", false},
		{"preview.intranet:8080", "PREVIEW.intranet:8080", true},
		{"", "attacker.example", false},
	} {
		code, body := request(New(dir, c.bind), c.host, "/index.html")
		if ok := code == http.StatusOK && strings.Contains(body, "总览"); ok != c.ok {
			t.Errorf("--addr %s, Host %q: %d %q; want served %v", c.bind, c.host, code, body, c.ok)
		}
	}
}

// TestOnlyASiteFolder: a folder without the marker of a site plansite
// wrote (one the build refused to replace, such as a home folder) is not
// served at all; in a site, dot files and anything reached through a
// symbolic link are not served.
func TestOnlyASiteFolder(t *testing.T) {
	home := site(t, false)
	if err := os.WriteFile(filepath.Join(home, "id_ed25519"), []byte("PRIVATE KEY"), 0o600); err != nil {
		t.Fatal(err)
	}
	h := New(home, "")
	h.Rebuilt(publish.ErrNotSite)
	for _, p := range []string{"/id_ed25519", "/index.html", "/assets/site.css"} {
		if code, body := request(h, "127.0.0.1", p); code == http.StatusOK || strings.Contains(body, "PRIVATE") || !strings.Contains(body, "不是 plansite 生成的网站") {
			t.Errorf("%s of a refused folder: %d %q", p, code, body)
		}
	}

	dir := site(t, true)
	elsewhere := t.TempDir()
	if err := os.WriteFile(filepath.Join(elsewhere, "secret.txt"), []byte("机密"), 0o600); err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink(filepath.Join(elsewhere, "secret.txt"), filepath.Join(dir, "assets", "secret.css")))
	must(os.Symlink(elsewhere, filepath.Join(dir, "files")))
	must(os.MkdirAll(filepath.Join(dir, ".git"), 0o755))
	must(os.WriteFile(filepath.Join(dir, ".git", "config"), []byte("[remote]"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "assets", ".env"), []byte("TOKEN=x"), 0o644))
	h = New(dir, "")
	for _, p := range []string{"/assets/secret.css", "/files/secret.txt", "/files/", "/.git/config", "/assets/.env", "/" + publish.Marker} {
		if code, body := request(h, "127.0.0.1", p); code != http.StatusNotFound {
			t.Errorf("%s: %d %q; want 404", p, code, body)
		}
	}
	for _, p := range []string{"/", "/assets/site.css", "/units/"} {
		if code, _ := request(h, "localhost", p); code != http.StatusOK {
			t.Errorf("%s: %d; want 200", p, code)
		}
	}
}

// TestIdleConnectionsClosed: a browser's kept-alive connection that sends
// no further request is closed by the server after IdleTimeout.
func TestIdleConnectionsClosed(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := Server(New(site(t, true), ""))
	go func() { _ = srv.Serve(l) }()
	defer srv.Close()
	conn, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(io.Discard, resp.Body); err != nil || resp.StatusCode != http.StatusOK || resp.Close {
		t.Fatalf("first answer: %d, close %v, %v", resp.StatusCode, resp.Close, err)
	}
	start := time.Now()
	if err := conn.SetReadDeadline(time.Now().Add(IdleTimeout + 10*time.Second)); err != nil {
		t.Fatal(err)
	}
	if _, err := br.ReadByte(); err != io.EOF {
		t.Fatalf("the idle connection was not closed by the server: %v after %v", err, time.Since(start))
	}
	t.Logf("closed after %v idle", time.Since(start).Round(time.Millisecond))
}
