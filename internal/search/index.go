package search

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"unicode/utf8"
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
	// The bigrams in the order of their code points, which is the order of
	// their UTF-8 bytes: the order encoding/json writes a map's keys in.
	// Bigram i's postings are encoded as ids[at[i]:at[i+1]].
	bigrams := make([]uint64, 0, len(postings))
	for bg := range postings {
		bigrams = append(bigrams, bg)
	}
	slices.Sort(bigrams)
	var ids []byte
	at := make([]int, 1, len(bigrams)+1)
	size := 0
	for _, bg := range bigrams {
		ids = appendIDs(ids, postings[bg].ids)
		at = append(at, len(ids))
		a, b := pair(bg)
		size += utf8.RuneLen(a) + utf8.RuneLen(b) + at[len(at)-1] - at[len(at)-2] + 6
	}
	e.Buckets = 1
	for e.Buckets < MaxBuckets && size/e.Buckets > BucketBytes {
		e.Buckets *= 2
	}
	inBucket := make([][]int, e.Buckets) // the bigrams of each bucket, in order
	for i, bg := range bigrams {
		b := hash2(pair(bg)) % uint32(e.Buckets)
		inBucket[b] = append(inBucket[b], i)
	}
	for b, members := range inBucket {
		n := fmt.Sprintf("%s-i%d", name, b)
		f := appendCall(make([]byte, 0, size/e.Buckets+len(n)+64), n)
		f = append(f, '{')
		for j, i := range members {
			if j > 0 {
				f = append(f, ',')
			}
			f = appendBigram(f, bigrams[i])
			f = append(f, ':', '"')
			f = append(f, ids[at[i]:at[i+1]]...)
			f = append(f, '"')
		}
		files[n+".js"] = append(f, "});\n"...)
	}

	// The documents, each one a JSON array [kind, item, unit, fields…],
	// written one after the other, a comma between, into rows; then cut
	// into chunks of about the same size, near ChunkBytes.
	var rows bytes.Buffer
	est := 0
	for _, d := range docs {
		est += 24
		for _, f := range d.Fields {
			est += len(f) + len(f)/8 + 3
		}
	}
	rows.Grow(est)
	enc := json.NewEncoder(&rows) // escapes <, >, & and U+2028/2029, as marshal does
	rowEnd := make([]int, len(docs))
	for id, d := range docs {
		if id > 0 {
			rows.WriteByte(',')
		}
		b := rows.AvailableBuffer()
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(d.Kind), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(d.Item), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(d.Unit), 10)
		rows.Write(b)
		for _, f := range d.Fields {
			rows.WriteByte(',')
			if err := enc.Encode(f); err != nil {
				panic(fmt.Sprintf("search: %v", err)) // a string always encodes
			}
			rows.Truncate(rows.Len() - 1) // the newline Encode ends with
		}
		rows.WriteByte(']')
		rowEnd[id] = rows.Len()
	}
	all := rows.Bytes()
	total := len(all) + 1 // each row and its comma, as they are counted below
	target := total
	if n := (total + ChunkBytes - 1) / ChunkBytes; n > 1 {
		target = (total + n - 1) / n
	}
	first, chunkStart := 0, 0 // the chunk's first document, and where its bytes begin
	for id := range docs {
		if size := rowEnd[id] + 1 - chunkStart; size < target && id < len(docs)-1 {
			continue
		}
		e.Chunks = append(e.Chunks, first)
		n := fmt.Sprintf("%s-d%d", name, len(e.Chunks)-1)
		body := all[chunkStart:rowEnd[id]]
		f := appendCall(make([]byte, 0, len(body)+len(n)+28), n)
		f = append(f, '[')
		f = append(f, body...)
		files[n+".js"] = append(f, "]);\n"...)
		first, chunkStart = id+1, rowEnd[id]+1
	}
	return e, files
}

// appendCall appends the start of a segment file named name (without
// .js): the script call plansiteSearch.add("name", whose data follows.
func appendCall(dst []byte, name string) []byte {
	dst = append(dst, "plansiteSearch.add("...)
	dst = append(dst, marshal(name)...)
	return append(dst, ',')
}

// pair returns the two code points of bigram bg.
func pair(bg uint64) (a, b rune) { return rune(bg >> 32), rune(bg & 0xFFFFFFFF) }

// appendBigram appends bigram bg as a JSON string, as encoding/json writes
// it with HTML escaping (the characters it leaves as they are written
// directly, any other through marshal).
func appendBigram(dst []byte, bg uint64) []byte {
	a, b := pair(bg)
	if !jsonPlain(a) || !jsonPlain(b) {
		return append(dst, marshal(string([]rune{a, b}))...)
	}
	dst = append(dst, '"')
	dst = utf8.AppendRune(dst, a)
	dst = utf8.AppendRune(dst, b)
	return append(dst, '"')
}

// jsonPlain reports whether encoding/json, escaping HTML, writes r in a
// string as its UTF-8 bytes (TestJSONPlain checks every code point).
func jsonPlain(r rune) bool {
	switch {
	case r < 0x20, r == '"', r == '\\', r == '<', r == '>', r == '&':
		return false
	case r < utf8.RuneSelf:
		return true
	}
	return r != 0x2028 && r != 0x2029 && utf8.ValidRune(r)
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

// The alphabet of appendIDs: 64 characters, each carrying 5 bits of a
// number; the last 32 mean "more to come".
const alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"

// appendIDs appends to dst ascending document numbers written as the gaps
// between them (the first from −1), each gap in 5-bit groups, most
// significant first, every group but the last from the upper half of the
// alphabet.
func appendIDs(dst []byte, ids []int32) []byte {
	prev := int32(-1)
	var groups [7]byte
	for _, id := range ids {
		gap := id - prev
		prev = id
		n := 0
		for {
			groups[n] = byte(gap & 31)
			n++
			gap >>= 5
			if gap == 0 {
				break
			}
		}
		for i := n - 1; i >= 0; i-- {
			c := groups[i]
			if i > 0 {
				c += 32
			}
			dst = append(dst, alphabet[c])
		}
	}
	return dst
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

// hash2 is Hash of the bigram a, b.
func hash2(a, b rune) uint32 {
	return ((2166136261^uint32(a))*16777619 ^ uint32(b)) * 16777619
}
