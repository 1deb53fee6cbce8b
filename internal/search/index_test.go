package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEncodeIDs(t *testing.T) {
	cases := [][]int32{{0}, {5}, {0, 1, 2, 3}, {31, 32, 33}, {0, 1000, 1001, 40000, 1 << 20}, {0, 1<<31 - 1}}
	for _, ids := range cases {
		enc := string(appendIDs(nil, ids))
		if got := decodeIDs(enc); !slices.Equal(got, ids) {
			t.Errorf("%v: encoded %q, decoded %v", ids, enc, got)
		}
	}
	// Small gaps take one character each.
	if enc := string(appendIDs(nil, []int32{0, 1, 2, 3, 4})); enc != "11111" {
		t.Errorf("gaps of 1: %q, want 11111", enc)
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"零工 驿站":         "零工驿站",
		"ＡＢｃ１２３％":       "abc123%",
		"1.10\u3000任务":  "1.10任务",
		"a\u200bb\tc\n": "abc",
	} {
		if got := string(slices.Collect(Normalize(in))); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestJSONPlain: every code point jsonPlain lets through is one that
// encoding/json writes as it is, and hash2 is Hash of two.
func TestJSONPlain(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !jsonPlain(r) {
			continue
		}
		got, _ := json.Marshal(string(r))
		if string(got) != `"`+string(r)+`"` {
			t.Fatalf("U+%04X: encoding/json writes %s", r, got)
		}
		if h := hash2(r, 'x'); h != Hash([]rune{r, 'x'}) {
			t.Fatalf("hash2(U+%04X, x) = %d, Hash %d", r, h, Hash([]rune{r, 'x'}))
		}
	}
	for _, r := range "\x00\x1f\"\\<>&\u2028\u2029" {
		if jsonPlain(r) {
			t.Errorf("U+%04X is escaped by encoding/json", r)
		}
	}
}

// The hash of a bigram as search.js computes it: FNV-1a over code points.
func TestHash(t *testing.T) {
	// 零 U+96F6, 工 U+5DE5: h = ((2166136261 ^ 0x96F6) × 16777619 mod 2³²
	// ^ 0x5DE5) × 16777619 mod 2³², worked out step by step.
	h := uint32(2166136261)
	h = (h ^ 0x96F6) * 16777619
	h = (h ^ 0x5DE5) * 16777619
	if got := Hash([]rune("零工")); got != h {
		t.Errorf("Hash(零工) = %d, want %d", got, h)
	}
	if Hash([]rune("零工")) == Hash([]rune("工零")) {
		t.Error("the hash does not see the order of the characters")
	}
}

// segmentData reads back a segment's files: the postings of every bucket
// and the documents of every chunk.
func segmentData(t *testing.T, e Entry, files map[string][]byte) (map[string][]int32, [][]any) {
	t.Helper()
	postings := map[string][]int32{}
	var docs [][]any
	for _, f := range e.Files() {
		b, ok := files[f]
		if !ok {
			t.Fatalf("no file %s", f)
		}
		prefix := fmt.Sprintf("plansiteSearch.add(%q,", strings.TrimSuffix(f, ".js"))
		if !bytes.HasPrefix(b, []byte(prefix)) || !bytes.HasSuffix(b, []byte(");\n")) {
			t.Fatalf("%s: %.60s", f, b)
		}
		body := b[len(prefix) : len(b)-3]
		if strings.Contains(f, "-i") {
			var m map[string]string
			if err := json.Unmarshal(body, &m); err != nil {
				t.Fatal(err)
			}
			// Written as encoding/json writes the map (keys sorted,
			// HTML escaped).
			if want, _ := json.Marshal(m); !bytes.Equal(body, want) {
				t.Errorf("%s:\n%s\nwant (encoding/json)\n%s", f, body, want)
			}
			for bg, p := range m {
				postings[bg] = decodeIDs(p)
				if want := fmt.Sprintf("%s-i%d.js", e.Name, Hash([]rune(bg))%uint32(e.Buckets)); want != f {
					t.Errorf("bigram %s in %s, want %s", bg, f, want)
				}
			}
		} else {
			var ds [][]any
			if err := json.Unmarshal(body, &ds); err != nil {
				t.Fatal(err)
			}
			docs = append(docs, ds...)
		}
	}
	return postings, docs
}

func TestSegment(t *testing.T) {
	docs := []Doc{
		{Kind: 0, Item: 3, Unit: 1, Fields: []string{"建设零工驿站", "", "继续推进"}},
		{Kind: 0, Item: 4, Unit: 2, Fields: []string{"零工市场", "零工少", ""}},
		{Kind: 2, Item: 0, Unit: -1, Fields: []string{"驿站</script><script>alert(1)</script>\u2028"}},
		{Kind: 1, Item: 1, Unit: 0, Fields: []string{"引号\"与\\斜杠&\u2029\x01\b\f\n\t\xff\xfe尾\uFFFD\U0001F600", ""}},
	}
	e, files := Segment("2023-05-abc", "2023-05", docs)
	if e.Docs != 4 || e.Buckets != 1 || !slices.Equal(e.Chunks, []int{0}) || len(files) != 2 {
		t.Fatalf("entry %+v, %d files", e, len(files))
	}
	postings, got := segmentData(t, e, files)
	sameAsJSON(t, e, files, docs)
	for bg, want := range map[string][]int32{"零工": {0, 1}, "驿站": {0, 2}, "推进": {0}, "工少": {1}, "站零": nil, "设零": {0}} {
		if !slices.Equal(postings[bg], want) {
			t.Errorf("%s: %v, want %v", bg, postings[bg], want)
		}
	}
	// A bigram never spans two fields: 场零 ("零工市场" then "零工少").
	if _, ok := postings["场零"]; ok {
		t.Error("a bigram spans two fields")
	}
	if len(got) != 4 || got[2][3] != "驿站</script><script>alert(1)</script>\u2028" {
		t.Errorf("documents %v", got)
	}
	for name, b := range files {
		if bytes.Contains(b, []byte("</script>")) || bytes.Contains(b, []byte("\u2028")) {
			t.Errorf("%s holds </script> or U+2028 as is", name)
		}
	}
	// The same documents give the same bytes.
	e2, files2 := Segment("2023-05-abc", "2023-05", docs)
	for name, b := range files {
		if !bytes.Equal(b, files2[name]) || !slices.Equal(e.Chunks, e2.Chunks) {
			t.Errorf("%s differs from one build to the next", name)
		}
	}
}

// sameAsJSON checks that the documents of a segment's chunks are written
// as encoding/json writes them (HTML escaped, invalid UTF-8 as \ufffd):
// the chunks' arrays, joined, are json.Marshal of every document as
// [kind, item, unit, fields…].
func sameAsJSON(t *testing.T, e Entry, files map[string][]byte, docs []Doc) {
	t.Helper()
	var rows []any
	for _, d := range docs {
		row := []any{d.Kind, d.Item, d.Unit}
		for _, f := range d.Fields {
			row = append(row, f)
		}
		rows = append(rows, row)
	}
	want, _ := json.Marshal(rows)
	var got []byte
	for c := range e.Chunks {
		n := fmt.Sprintf("%s-d%d", e.Name, c)
		b := files[n+".js"]
		body := b[len(fmt.Sprintf("plansiteSearch.add(%q,[", n)) : len(b)-len("]);\n")]
		if got != nil {
			got = append(got, ',')
		}
		got = append(got, body...)
	}
	if want := want[1 : len(want)-1]; !bytes.Equal(got, want) {
		t.Errorf("documents:\n%s\nwant (encoding/json)\n%s", got, want)
	}
}

// TestSegmentSplits: a large segment is split into buckets and chunks of
// about the sizes asked, and every document and bigram is found.
func TestSegmentSplits(t *testing.T) {
	var docs []Doc
	for i := range 3000 {
		docs = append(docs, Doc{Unit: i % 7, Fields: []string{fmt.Sprintf("第%d次走访零工驿站%c%c，发现问题%d个", i, rune(0x4E00+i%500), rune(0x4E00+i%311), i%9)}})
	}
	e, files := Segment("big", "2024-01", docs)
	if e.Buckets < 2 || len(e.Chunks) < 2 {
		t.Fatalf("%d buckets, %d chunks; want the segment split", e.Buckets, len(e.Chunks))
	}
	for name, b := range files {
		limit := ChunkBytes * 3 / 2
		if strings.Contains(name, "-i") {
			limit = BucketBytes * 2
		}
		if len(b) > limit {
			t.Errorf("%s: %d bytes, more than %d", name, len(b), limit)
		}
	}
	postings, got := segmentData(t, e, files)
	sameAsJSON(t, e, files, docs)
	if len(got) != len(docs) {
		t.Fatalf("%d documents read back, want %d", len(got), len(docs))
	}
	if len(postings["驿站"]) != len(docs) {
		t.Errorf("驿站 in %d documents, want all %d", len(postings["驿站"]), len(docs))
	}
	if ids := postings["2999"[:2]]; !slices.Contains(ids, 2999) {
		t.Error("document 2999 not found by 29")
	}
}

func TestManifest(t *testing.T) {
	m := Manifest(map[string]any{"tasks": [][]string{{"1.1", "任务<一>"}}}, nil)
	if !bytes.HasPrefix(m, []byte(`plansiteSearch.manifest({"segments":[],"tables":{"tasks":[["1.1","任务\u003c一\u003e"]]},"v":1});`)) {
		t.Errorf("%s", m)
	}
}

// decodeIDs reads what appendIDs writes, as search.js does.
func decodeIDs(s string) []int32 {
	var out []int32
	prev, v := int32(-1), int32(0)
	for i := 0; i < len(s); i++ {
		d := int32(strings.IndexByte(alphabet, s[i]))
		if d >= 32 {
			v = v*32 + d - 32
			continue
		}
		v = v*32 + d
		prev += v
		out = append(out, prev)
		v = 0
	}
	return out
}

// BenchmarkSegment makes a month's segment of a province plan: 6,000
// documents of three fields of report-like Chinese text.
func BenchmarkSegment(b *testing.B) {
	words := []string{"组织", "开展", "零工驿站", "就业服务", "政策宣传", "走访企业", "社保经办", "网上办理", "完成", "推进", "存在问题", "人员不足", "下月", "继续", "落实", "培训", "台账", "整改"}
	docs := make([]Doc, 6000)
	for i := range docs {
		var f [3]string
		for j := range f {
			var sb strings.Builder
			for k := range 12 + (i+j)%20 {
				sb.WriteString(words[(i*7+j*3+k*5)%len(words)])
				if k%4 == 3 {
					fmt.Fprintf(&sb, "%d户，", (i+k)%97)
				}
			}
			f[j] = sb.String()
		}
		docs[i] = Doc{Kind: i % 3, Item: i % 60, Unit: i % 500, Fields: f[:]}
	}
	b.ReportAllocs()
	for b.Loop() {
		Segment("2024-01-abc", "2024-01", docs)
	}
}
