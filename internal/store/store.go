package store

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/plansite/plansite/internal/keyhash"
)

// version starts every store file, with the program's identity after it:
// a file of another version or another build of plansite (whose charts and
// pages may come out otherwise from the same inputs) is an empty store.
const version = "plansite-store 2"

// header is the first line of the store files of this program.
var header = sync.OnceValue(func() string {
	return version + " " + programID() + "\n"
})

// programID identifies this build of plansite: its Go build ID, which is
// the same for the same sources and flags (go run links the program anew
// each time), or else the size and time of its file.
func programID() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	if id := buildID(exe); id != "" {
		return id
	}
	if info, err := os.Stat(exe); err == nil {
		return fmt.Sprintf("%d %d", info.Size(), info.ModTime().UnixNano())
	}
	return "unknown"
}

// buildID reads the Go build ID of the program in file exe: from its ELF
// note, or where the linker writes it as text near the start (Windows).
func buildID(exe string) string {
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		if sec := f.Section(".note.go.buildid"); sec != nil {
			if b, err := sec.Data(); err == nil && len(b) > 16 && string(b[12:16]) == "Go\x00\x00" {
				return validID(string(b[16:]))
			}
		}
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	b := make([]byte, 32<<10)
	n, _ := io.ReadFull(f, b)
	b = b[:n]
	const magic = "\xff Go build ID: \""
	i := bytes.Index(b, []byte(magic))
	if i < 0 {
		return ""
	}
	b = b[i+len(magic):]
	if j := bytes.IndexByte(b, '"'); j >= 0 {
		return validID(string(b[:j]))
	}
	return ""
}

// validID returns id when it looks like a build ID, else "".
func validID(id string) string {
	id = strings.TrimRight(id, "\x00")
	if id == "" || len(id) > 256 {
		return ""
	}
	for _, r := range id {
		if r <= ' ' || r > '~' {
			return ""
		}
	}
	return id
}

// Store is the store of one file. A nil *Store keeps nothing. Its methods
// may be called from several goroutines.
type Store struct {
	path    string
	mu      sync.Mutex
	loaded  bool
	old     map[keyhash.Key]string // as loaded
	new     map[keyhash.Key]string // used or made by this build
	size    int64                  // of the file as loaded
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
// file holds; what is stored after it is not kept. Most builds add a few
// entries to a large file: they are appended, and the file is written
// anew, with only what this build used, once entries no build uses make up
// half of it. A store that cannot be written only makes the next build
// slower.
func (s *Store) Save() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.saved = true
	if !s.loaded {
		return
	}
	var added []byte
	used := int64(len(header()))
	for k, v := range s.new {
		used += entrySize(v)
		if old, ok := s.old[k]; !ok || old != v {
			added = appendEntry(added, k, v)
		}
	}
	switch {
	case s.size > 0 && len(added) == 0 && s.size <= 2*used:
		return // as it was
	case s.size > 0 && s.size+int64(len(added)) <= 2*used:
		s.append(added)
	default:
		s.rewrite()
	}
}

func entrySize(v string) int64 {
	n := len(keyhash.Key{}) + 1 + len(v)
	for x := uint64(len(v)); x >= 0x80; x >>= 7 {
		n++ // the length's varint
	}
	return int64(n)
}

func appendEntry(b []byte, k keyhash.Key, v string) []byte {
	b = append(b, k[:]...)
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
}

// append adds entries to the end of the file (one write: another build
// reading the file meanwhile sees all of them or none).
func (s *Store) append(entries []byte) {
	f, err := os.OpenFile(s.path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return
	}
	_, werr := f.Write(entries)
	if cerr := f.Close(); werr != nil || cerr != nil {
		return
	}
	if info, err := os.Stat(s.path); err == nil {
		all := make(map[keyhash.Key]string, len(s.old)+len(s.new))
		maps.Copy(all, s.old)
		maps.Copy(all, s.new)
		files.Put(s.path, info, all)
	}
}

// rewrite writes the file anew with what this build used and made.
func (s *Store) rewrite() {
	b := make([]byte, 0, 1<<16)
	b = append(b, header()...)
	for k, v := range s.new {
		b = appendEntry(b, k, v)
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
		files.Put(s.path, info, s.new)
	}
}

// Load reads the file now, if it has not been read (a build calls it on a
// goroutine of its own early, so that its first Get does not wait).
func (s *Store) Load() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.load()
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
	if m, ok := files.Get(s.path, info); ok {
		s.old, s.size = m, info.Size()
		return
	}
	b, err := os.ReadFile(s.path)
	if err != nil {
		return
	}
	if m, ok := decode(string(b)); ok {
		s.old, s.size = m, int64(len(b))
		files.Put(s.path, info, m)
	}
}

// decode reads a store file; ok is false for one of another version or
// build, or a damaged one. The values are substrings of data (one copy of
// the file); of two entries with one key, the later counts.
func decode(data string) (map[keyhash.Key]string, bool) {
	h := header()
	if len(data) < len(h) || data[:len(h)] != h {
		return nil, false
	}
	m := map[keyhash.Key]string{}
	rest := data[len(h):]
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

// files keeps what each store file held as last read or written.
var files = NewDecoded[map[keyhash.Key]string](filesMax)

const filesMax = 8

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
