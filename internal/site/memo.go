package site

import (
	"encoding/binary"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/plansite/plansite/internal/cachefile"
	"github.com/plansite/plansite/internal/keyhash"
)

// memoFormat names the memo's files; they are also tied to the plansite
// build that wrote them (cachefile), so that another plansite makes every
// page anew.
const memoFormat = "plansite-pages 4"

// memo remembers, for each file of the last build of a site, what it was
// made from (a key of the templates and of the page's data) and the bytes
// it had (their CRC-32C: enough to see any change made by hand or by a
// build the memo does not know of, and several times quicker to check on
// every page of a large site than a SHA-256), in a file of the cache
// folder. A rebuild puts a
// page whose key is the same in place by a hard link to the previous
// site's file, but only while that file still has the recorded bytes: a
// page edited by hand in the site, or a site the memo does not describe
// (a build killed between publishing and saving the memo), is made again.
// A nil memo (no cache folder) vouches for nothing.
type memo struct {
	path string
	old  map[string]memoEntry // as loaded
	mu   sync.Mutex
	new  map[string]memoEntry // this build's files
	bufs sync.Pool            // for reading the previous site's files
}

type memoEntry struct {
	key keyhash.Key
	sum uint32
}

// castagnoli is the CRC-32C table (computed by the processor where it can).
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// openMemo reads the memo of the site in out (one per output folder: the
// files it vouches for are those of that folder); nil without a cache.
func openMemo(cacheDir, out string) *memo {
	if cacheDir == "" {
		return nil
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		abs = out
	}
	m := &memo{path: filepath.Join(cacheDir, "pages-"+keyhash.Of(abs).String()[:16]+".cache"), old: map[string]memoEntry{}, new: map[string]memoEntry{}}
	cachefile.Read(m.path, memoFormat, func(entries [][]byte) {
		for _, e := range entries {
			const n = len(keyhash.Key{}) + 4
			if len(e) <= n {
				continue
			}
			var x memoEntry
			copy(x.key[:], e[:len(x.key)])
			x.sum = binary.LittleEndian.Uint32(e[len(x.key):n])
			m.old[string(e[n:])] = x
		}
	})
	return m
}

// pageKey is what a page is made of: the templates, the template's name
// and every value of its data.
func pageKey(templates, tmpl string, data any) keyhash.Key {
	return keyhash.Of(templates, tmpl, data)
}

// reuse reports whether file rel was made from key last time and the file
// at current (rel in the previous site) still has the bytes it had then;
// it then records it for the next build.
func (m *memo) reuse(rel string, key keyhash.Key, current string) bool {
	e, ok := m.old[rel]
	if !ok || e.key != key {
		return false
	}
	if sum, ok := m.sum(current); !ok || sum != e.sum {
		return false
	}
	m.mu.Lock()
	m.new[rel] = e
	m.mu.Unlock()
	return true
}

// unchanged reports whether file rel of the last build, at current in
// the previous site, still has the bytes that build wrote, whatever it was
// made from: a file the next build reads back (search/index.js) is then
// the one it wrote.
func (m *memo) unchanged(rel, current string) bool {
	e, ok := m.old[rel]
	if !ok {
		return false
	}
	sum, ok := m.sum(current)
	return ok && sum == e.sum
}

// sum is the CRC-32C of the file at path.
func (m *memo) sum(path string) (sum uint32, ok bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	buf, _ := m.bufs.Get().(*[]byte)
	if buf == nil {
		b := make([]byte, 64<<10)
		buf = &b
	}
	defer m.bufs.Put(buf)
	h := crc32.New(castagnoli)
	if _, err := io.CopyBuffer(h, struct{ io.Reader }{f}, *buf); err != nil {
		return 0, false
	}
	return h.Sum32(), true
}

// made records that file rel, made from key, has bytes b.
func (m *memo) made(rel string, key keyhash.Key, b []byte) {
	if m == nil {
		return
	}
	e := memoEntry{key: key, sum: crc32.Checksum(b, castagnoli)}
	m.mu.Lock()
	m.new[rel] = e
	m.mu.Unlock()
}

// save writes the entries of this build's files; a memo that cannot be
// written only makes the next build render everything.
func (m *memo) save() {
	if m == nil {
		return
	}
	entries := make([]string, 0, len(m.new))
	for rel, e := range m.new {
		entries = append(entries, string(e.key[:])+string(binary.LittleEndian.AppendUint32(nil, e.sum))+rel)
	}
	_ = cachefile.Write(m.path, memoFormat, entries)
}
