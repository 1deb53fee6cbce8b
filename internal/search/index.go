package search

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strings"
)

// Doc is one searchable text: Fields are its parts (a row's 本月工作进展,
// 存在问题 and 下月工作计划), indexed each on its own; Kind, Item and Unit
// say what it belongs to, as numbers the page's script resolves through
// the manifest's tables (-1 for none).
type Doc struct {
	Kind, Item, Unit int
	Fields           []string
}

// Entry is a segment's line in the manifest: its files are
// Name-i<bucket>.js for bucket 0 … Buckets−1 and Name-d<chunk>.js, chunk c
// holding the documents from Chunks[c] up to the next chunk's first.
type Entry struct {
	Name    string `json:"k"`
	Month   string `json:"m"`
	Docs    int    `json:"n"`
	Buckets int    `json:"b"`
	Chunks  []int  `json:"d"`
}

// Files returns the names of the entry's files, without the folder.
func (e Entry) Files() []string {
	var out []string
	for b := 0; b < e.Buckets; b++ {
		out = append(out, fmt.Sprintf("%s-i%d.js", e.Name, b))
	}
	for c := range e.Chunks {
		out = append(out, fmt.Sprintf("%s-d%d.js", e.Name, c))
	}
	return out
}

// Sizes of the files of a segment: the bigrams are split into as many
// buckets (a power of two, at most MaxBuckets) as keep a bucket near
// BucketBytes, and the documents into chunks of about ChunkBytes.
const (
	BucketBytes = 24 << 10
	MaxBuckets  = 64
	ChunkBytes  = 32 << 10
)

// Segment builds the files of a segment named name (ASCII letters, digits
// and '-') of docs: its manifest entry, and its files by name. The same
// docs always give the same bytes.
func Segment(name, month string, docs []Doc) (Entry, map[string][]byte) {
	e := Entry{Name: name, Month: month, Docs: len(docs)}
	files := map[string][]byte{}

	// The postings: each bigram's documents, in order. A bigram is two
	// code points in one number while they are counted.
	type posting struct {
		ids []int32 // the documents, in order; the last one is the latest added
	}
	postings := map[uint64]*posting{}
	for id, d := range docs {
		for _, f := range d.Fields {
			var prev rune = -1
			for r := range Normalize(f) {
				if prev >= 0 {
					bg := uint64(prev)<<32 | uint64(r)
					p := postings[bg]
					if p == nil {
						p = &posting{}
						postings[bg] = p
					}
					if n := len(p.ids); n == 0 || p.ids[n-1] != int32(id) {
						p.ids = append(p.ids, int32(id))
					}
				}
				prev = r
			}
		}
	}
	encoded := make(map[string]string, len(postings))
	size := 0
	for bg, p := range postings {
		k := string([]rune{rune(bg >> 32), rune(bg & 0xFFFFFFFF)})
		encoded[k] = encodeIDs(p.ids)
		size += len(k) + len(encoded[k]) + 6
	}
	e.Buckets = 1
	for e.Buckets < MaxBuckets && size/e.Buckets > BucketBytes {
		e.Buckets *= 2
	}
	buckets := make([]map[string]string, e.Buckets)
	for i := range buckets {
		buckets[i] = map[string]string{}
	}
	for bg, p := range encoded {
		buckets[Hash([]rune(bg))%uint32(e.Buckets)][bg] = p
	}
	for i, b := range buckets {
		n := fmt.Sprintf("%s-i%d", name, i)
		files[n+".js"] = wrap(n, marshal(b))
	}

	// The documents, in chunks of about the same size, near ChunkBytes.
	rows := make([][]byte, len(docs))
	total := 0
	for id, d := range docs {
		rows[id] = marshal(append([]any{d.Kind, d.Item, d.Unit}, stringsAny(d.Fields)...))
		total += len(rows[id]) + 1
	}
	target := total
	if n := (total + ChunkBytes - 1) / ChunkBytes; n > 1 {
		target = (total + n - 1) / n
	}
	var chunk [][]byte
	size = 0
	for id, b := range rows {
		if chunk == nil {
			e.Chunks = append(e.Chunks, id)
		}
		chunk = append(chunk, b)
		size += len(b) + 1
		if size >= target || id == len(rows)-1 {
			n := fmt.Sprintf("%s-d%d", name, len(e.Chunks)-1)
			// The rows are JSON already: joined as they are.
			files[n+".js"] = wrap(n, append(append([]byte{'['}, bytes.Join(chunk, []byte{','})...), ']'))
			chunk, size = nil, 0
		}
	}
	return e, files
}

func stringsAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// Manifest is the file search/index.js: the site's tables (what the
// documents' numbers stand for, and the items a query matches by name)
// and the segments, newest first as given.
func Manifest(tables any, entries []Entry) []byte {
	if entries == nil {
		entries = []Entry{}
	}
	var b bytes.Buffer
	b.WriteString("plansiteSearch.manifest(")
	b.Write(marshal(map[string]any{"v": Version, "tables": tables, "segments": entries}))
	b.WriteString(");\n")
	return b.Bytes()
}

// ParseManifest reads back the segments of a file Manifest wrote; an
// error for anything else (another version included).
func ParseManifest(b []byte) ([]Entry, error) {
	const prefix, suffix = "plansiteSearch.manifest(", ");\n"
	if !bytes.HasPrefix(b, []byte(prefix)) || !bytes.HasSuffix(b, []byte(suffix)) {
		return nil, errors.New("search: not a manifest")
	}
	var m struct {
		V        int     `json:"v"`
		Segments []Entry `json:"segments"`
	}
	if err := json.Unmarshal(b[len(prefix):len(b)-len(suffix)], &m); err != nil {
		return nil, err
	}
	if m.V != Version {
		return nil, fmt.Errorf("search: manifest version %d", m.V)
	}
	return m.Segments, nil
}

// Version is the format of the index files; the page's script checks it.
const Version = 1

// wrap writes data, JSON, as the script plansiteSearch.add("name", data);.
func wrap(name string, data []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(data) + len(name) + 32)
	b.WriteString("plansiteSearch.add(")
	b.Write(marshal(name))
	b.WriteByte(',')
	b.Write(data)
	b.WriteString(");\n")
	return b.Bytes()
}

// marshal is JSON with HTML escaping (as json.Marshal does: <, >, & and
// U+2028/2029 escaped), so a text can never end the script it is in. Maps
// come out with sorted keys.
func marshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("search: %v", err)) // only strings, numbers, slices and maps of them
	}
	return b
}

// The alphabet of encodeIDs: 64 characters, each carrying 5 bits of a
// number; the last 32 mean "more to come".
const alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"

// encodeIDs writes ascending document numbers as the gaps between them
// (the first from −1), each gap in 5-bit groups, most significant first,
// every group but the last from the upper half of the alphabet.
func encodeIDs(ids []int32) string {
	var b strings.Builder
	prev := int32(-1)
	var groups []byte
	for _, id := range ids {
		gap := id - prev
		prev = id
		groups = groups[:0]
		for {
			groups = append(groups, byte(gap&31))
			gap >>= 5
			if gap == 0 {
				break
			}
		}
		for i := len(groups) - 1; i >= 0; i-- {
			c := groups[i]
			if i > 0 {
				c += 32
			}
			b.WriteByte(alphabet[c])
		}
	}
	return b.String()
}

// Normalize yields the characters of s as the index and the queries
// compare them: letters in lower case, full-width ASCII as ASCII, spaces,
// controls and zero-width characters left out. search.js's normalize does
// the same.
func Normalize(s string) iter.Seq[rune] {
	return func(yield func(rune) bool) {
		for _, r := range s {
			if r >= 0xFF01 && r <= 0xFF5E {
				r -= 0xFEE0
			}
			switch {
			case r <= 0x20, r == 0x7F, r == 0xA0, r == 0x3000, r == 0xFEFF, r >= 0x2000 && r <= 0x200B, r == 0x2028, r == 0x2029:
				continue
			case r >= 'A' && r <= 'Z':
				r += 'a' - 'A'
			}
			if !yield(r) {
				return
			}
		}
	}
}

// Hash is FNV-1a over the code points of a bigram (each taken whole, not
// by bytes): 32 bits, as search.js computes it with Math.imul.
func Hash(rs []rune) uint32 {
	h := uint32(2166136261)
	for _, r := range rs {
		h ^= uint32(r)
		h *= 16777619
	}
	return h
}
