package cli

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/browser/browsertest"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs plansite serve on a free loopback port for the content
// folder dir and returns its base URL.
func startServe(t *testing.T, dir string) (base string, stdout, stderr *syncBuffer) {
	t.Helper()
	return startServeOut(t, dir, filepath.Join(filepath.Dir(dir), "public"))
}

// startServeOut is startServe with the site in out.
func startServeOut(t *testing.T, dir, out string) (base string, stdout, stderr *syncBuffer) {
	t.Helper()
	stdout, stderr = startLive(t, "serve", "--content", dir, "--out", out, "--addr", "127.0.0.1:0", "--poll", "1s")
	re := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`)
	for start := time.Now(); time.Since(start) < 20*time.Second; time.Sleep(50 * time.Millisecond) {
		if m := re.FindStringSubmatch(stdout.String()); m != nil {
			return "http://" + m[1] + "/", stdout, stderr
		}
	}
	t.Fatalf("serve did not start:\n%s\n%s", stdout, stderr)
	return "", nil, nil
}

// startLive runs the command args (serve, watch) until the test ends.
func startLive(t *testing.T, args ...string) (stdout, stderr *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr = &syncBuffer{}, &syncBuffer{}
	done := make(chan int, 1)
	go func() { done <- Run(ctx, args, stdout, stderr) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Errorf("%s did not stop", args[0])
		}
	})
	return stdout, stderr
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	return getHost(t, url, "")
}

// TestServe: the preview serves the site with the reload script (which the
// published files do not have), refuses paths that climb out, rebuilds when
// a workbook arrives, keeps the last good site when a rebuild fails, and
// never writes to the inbox.
func TestServe(t *testing.T) {
	dir := copyContent(t)
	before := hashTree(t, filepath.Join(dir, "inbox"))
	base, stdout, _ := startServe(t, dir)

	code, page := get(t, base+"index.html")
	if code != 200 || !strings.Contains(page, "/__plansite/events") {
		t.Fatalf("index.html: %d, reload script %v", code, strings.Contains(page, "__plansite"))
	}
	published, _ := os.ReadFile(filepath.Join(filepath.Dir(dir), "public", "index.html"))
	if bytes.Contains(published, []byte("__plansite")) {
		t.Error("the reload script reached the published file")
	}
	if code, _ := get(t, base); code != 200 {
		t.Errorf("/: %d", code)
	}
	if code, _ := get(t, base+"units/"); code != 200 {
		t.Errorf("a folder: %d; want its index.html", code)
	}

	// A path that climbs out of the site, sent as is (http.Get would clean it).
	conn, err := net.Dial("tcp", strings.TrimSuffix(strings.TrimPrefix(base, "http://"), "/"))
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(conn, "GET /../content/site.yaml HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
	status, _ := bufio.NewReader(conn).ReadString('\n')
	conn.Close()
	if !strings.Contains(status, "400") {
		t.Errorf("a .. path answered %q", strings.TrimSpace(status))
	}

	// A workbook arrives (a blank template: it counts as handed in but
	// unusable): the submissions page changes within 5 s.
	_, subs := get(t, base+"submissions/index.html")
	if !strings.Contains(subs, "未报送的单位 3 个，无效报送的单位 0 个") {
		t.Fatal("the example's December has not 3 missing units any more; update the test")
	}
	if err := arrive(dir, "琚湾镇人社中心", filepath.Join(dir, "inbox", "2023-12", "2023-12_琚湾镇人社中心.xlsx")); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for !strings.Contains(subs, "未报送的单位 2 个，无效报送的单位 1 个") {
		if time.Since(start) > 5*time.Second {
			t.Fatalf("the page did not change within 5 s:\n%s", stdout)
		}
		time.Sleep(100 * time.Millisecond)
		_, subs = get(t, base+"submissions/index.html")
	}
	t.Logf("page changed %v after the workbook arrived", time.Since(start).Round(10*time.Millisecond))

	// A broken rebuild: the last good site stays, with the error on the page.
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("title: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	for {
		code, page = get(t, base+"index.html")
		if strings.Contains(page, "上次重新生成失败") {
			break
		}
		if time.Since(start) > 10*time.Second {
			t.Fatal("no error banner after a broken rebuild")
		}
		time.Sleep(100 * time.Millisecond)
	}
	if code != 200 || !strings.Contains(page, "重点任务状态") || !strings.Contains(page, "site.yaml") {
		t.Errorf("after a broken rebuild: %d, old site %v", code, strings.Contains(page, "重点任务状态"))
	}

	after := hashTree(t, filepath.Join(dir, "inbox"))
	for p, h := range before {
		if after[p] != h {
			t.Errorf("serve changed %s", p)
		}
	}
}

// TestServeReloadsOpenPage: a page open in a browser reloads by itself
// after a workbook arrives.
func TestServeReloadsOpenPage(t *testing.T) {
	dir := copyContent(t)
	base, _, _ := startServe(t, dir)
	took := browsertest.WaitFor(t, base+"submissions/index.html", func() error {
		return arrive(dir, "吴店镇人社中心", filepath.Join(dir, "inbox", "2023-12", "2023-12_吴店镇人社中心.xlsx"))
	}, `document.body.innerText.includes("未报送的单位 2 个，无效报送的单位 1 个")`, 5*time.Second)
	t.Logf("the open page showed the new submission %v after it arrived", took.Round(10*time.Millisecond))
}

// getHost gets url with the Host header host ("": the URL's).
func getHost(t *testing.T, url, host string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestServeOnlyItsSite: serve pointed (by mistake) at a folder of other
// files does not serve them, though the build refused the folder; and it
// answers no request that names another host, as a page of another site
// would after pointing its name at this machine.
func TestServeOnlyItsSite(t *testing.T) {
	dir := copyContent(t)
	docs := filepath.Join(t.TempDir(), "我的文档")
	if err := os.MkdirAll(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(docs, "工资表.csv"), []byte("姓名,工资\n张三,9000\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	base, _, stderr := startServeOut(t, dir, docs)
	if !strings.Contains(stderr.String(), "不是 plansite 生成的网站") {
		t.Errorf("the build did not refuse the folder:\n%s", stderr)
	}
	code, body := get(t, base+"工资表.csv")
	if code == http.StatusOK || strings.Contains(body, "9000") {
		t.Errorf("a file of the refused folder: %d %q", code, body)
	}

	base, _, _ = startServe(t, copyContent(t))
	if code, _ := get(t, base+"index.html"); code != http.StatusOK {
		t.Fatalf("index.html: %d", code)
	}
	host := strings.TrimSuffix(strings.TrimPrefix(base, "http://"), "/")
	_, port, _ := net.SplitHostPort(host)
	for _, h := range []string{"rebind.attacker.example:" + port, "intranet.example"} {
		if code, body := getHost(t, base+"data/summary.json", h); code == http.StatusOK || strings.Contains(body, "as_of") {
			t.Errorf("Host %s: %d; want refused", h, code)
		}
	}
	if code, _ := getHost(t, base+"data/summary.json", "localhost:"+port); code != http.StatusOK {
		t.Errorf("Host localhost: %d; want 200", code)
	}
}
