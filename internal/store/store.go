// Package store keeps what a build made (chart options, pieces of pages)
// by the key of what it was made from, in one file of the cache folder, so
// that the next build, in a new process, takes it instead of making it
// again. An entry stays only while builds use it; deleting the file is
// always safe.
package store

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/plansite/plansite/internal/keyhash"
)

// version starts every store file; a file of another version is empty.
const version = "plansite-store 1\n"

// Store is the store of one file. A nil *Store keeps nothing. Its methods
// may be called from several goroutines.
type Store struct {
	path    string
	mu      sync.Mutex
	loaded  bool
	old     map[keyhash.Key]string // as loaded
	new     map[keyhash.Key]string // used or made by this build
	changed bool
	saved   bool // what comes after Save is not kept
}

// Open returns the store in the file path, read on first use; nil for "".
func Open(path string) *Store {
	if path == "" {
		return nil
	}
	return &Store{path: path}
}

// Get returns what was stored for k, and keeps it for the next build.
func (s *Store) Get(k keyhash.Key) (string, bool) {
	if s == nil {
		return "", false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.load()
	v, ok := s.new[k]
	if !ok {
		v, ok = s.old[k]
		if ok {
			s.new[k] = v
		}
	}
	return v, ok
}

// Put stores v for k.
func (s *Store) Put(k keyhash.Key, v string) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.load()
	if s.saved {
		return
	}
	if old, ok := s.old[k]; !ok || old != v {
		s.changed = true
	}
	s.new[k] = v
}

// Save writes what this build used and made, when that is not what the
// file holds; what is stored after it is not kept. A store that cannot be
// written only makes the next build slower.
func (s *Store) Save() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.saved = true
	if !s.loaded || (!s.changed && len(s.new) == len(s.old)) {
		return
	}
	b := make([]byte, 0, 1<<16)
	b = append(b, version...)
	for k, v := range s.new {
		b = append(b, k[:]...)
		b = binary.AppendUvarint(b, uint64(len(v)))
		b = append(b, v...)
	}
	if os.MkdirAll(filepath.Dir(s.path), 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.path), ".tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(b)
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), s.path) != nil {
		_ = os.Remove(tmp.Name())
		return
	}
	if info, err := os.Stat(s.path); err == nil {
		files.put(s.path, info, s.new)
	}
}

// load reads the file the first time the store is used. Call it with s.mu
// held.
func (s *Store) load() {
	if s.loaded {
		return
	}
	s.loaded = true
	s.old, s.new = map[keyhash.Key]string{}, map[keyhash.Key]string{}
	info, err := os.Stat(s.path)
	if err != nil {
		return
	}
	if m, ok := files.get(s.path, info); ok {
		s.old = m
		return
	}
	b, err := os.ReadFile(s.path)
	if err != nil {
		return
	}
	if m, ok := decode(string(b)); ok {
		s.old = m
		files.put(s.path, info, m)
	}
}

// decode reads a store file; ok is false for one of another version or a
// damaged one. The values are substrings of data (one copy of the file).
func decode(data string) (map[keyhash.Key]string, bool) {
	if len(data) < len(version) || data[:len(version)] != version {
		return nil, false
	}
	m := map[keyhash.Key]string{}
	rest := data[len(version):]
	for len(rest) > 0 {
		var k keyhash.Key
		if len(rest) < len(k) {
			return nil, false
		}
		copy(k[:], rest)
		rest = rest[len(k):]
		n, w := uvarint(rest)
		if w <= 0 || n > uint64(len(rest)-w) {
			return nil, false
		}
		m[k] = rest[w : w+int(n)]
		rest = rest[w+int(n):]
	}
	return m, true
}

// files keeps, for a process that builds again and again (serve and
// watch), what each store file held as last read or written, by its path,
// size and modification time, so that an unchanged file is not read
// again. The maps are shared and never changed.
var files = fileMemo{m: map[string]fileEntry{}}

type fileMemo struct {
	sync.Mutex
	m map[string]fileEntry
}

type fileEntry struct {
	size    int64
	mod     time.Time
	entries map[keyhash.Key]string
}

const filesMax = 8

func (f *fileMemo) get(path string, info os.FileInfo) (map[keyhash.Key]string, bool) {
	f.Lock()
	defer f.Unlock()
	e, ok := f.m[path]
	if !ok || e.size != info.Size() || !e.mod.Equal(info.ModTime()) {
		return nil, false
	}
	return e.entries, true
}

func (f *fileMemo) put(path string, info os.FileInfo, entries map[keyhash.Key]string) {
	f.Lock()
	defer f.Unlock()
	if len(f.m) >= filesMax {
		f.m = map[string]fileEntry{}
	}
	f.m[path] = fileEntry{info.Size(), info.ModTime(), entries}
}

// uvarint is binary.Uvarint for a string.
func uvarint(s string) (uint64, int) {
	var x uint64
	for i := 0; i < len(s) && i < binary.MaxVarintLen64; i++ {
		c := s[i]
		if c < 0x80 {
			if i == binary.MaxVarintLen64-1 && c > 1 {
				return 0, -1
			}
			return x | uint64(c)<<(7*i), i + 1
		}
		x |= uint64(c&0x7f) << (7 * i)
	}
	return 0, 0
}

// Join packs fields into one value, each with its length before it.
func Join(fields ...string) string {
	n := 0
	for _, f := range fields {
		n += binary.MaxVarintLen64 + len(f)
	}
	b := make([]byte, 0, n)
	for _, f := range fields {
		b = binary.AppendUvarint(b, uint64(len(f)))
		b = append(b, f...)
	}
	return string(b)
}

// Split unpacks a value that Join packed of n fields (substrings of v); ok
// is false for anything else.
func Split(v string, n int) (fields []string, ok bool) {
	fields = make([]string, n)
	for i := range fields {
		l, w := uvarint(v)
		if w <= 0 || l > uint64(len(v)-w) {
			return nil, false
		}
		fields[i], v = v[w:w+int(l)], v[w+int(l):]
	}
	return fields, v == ""
}
