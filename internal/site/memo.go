package site

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"sync"
)

// memo remembers what each file of the last build was made from (a hash of
// the templates and of the page's data), so that a rebuild puts an
// unchanged page in place by a hard link to the old one instead of
// rendering it again. It lives in the cache folder; without one, every
// page is rendered.
type memo struct {
	path string
	mu   sync.Mutex
	old  map[string]string
	new  map[string]string
}

const memoVersion = "plansite-pages 2"

// openMemo opens the memo of the site in out (one per output folder: the
// old files it vouches for are those of that folder).
func openMemo(cacheDir, out string) *memo {
	if cacheDir == "" {
		return nil
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		abs = out
	}
	sum := sha256.Sum256([]byte(abs))
	m := &memo{path: filepath.Join(cacheDir, "pages-"+hex.EncodeToString(sum[:8])+".gob"), old: map[string]string{}, new: map[string]string{}}
	if f, err := os.Open(m.path); err == nil {
		var v struct {
			Version string
			Keys    map[string]string
		}
		if gob.NewDecoder(f).Decode(&v) == nil && v.Version == memoVersion {
			m.old = v.Keys
		}
		f.Close()
	}
	return m
}

// pageKey hashes what a page is made of: the templates, the template's
// name and every value of its data.
func pageKey(templates, tmpl string, data any) (string, error) {
	w := hashers.Get().(*valueHash)
	defer hashers.Put(w)
	w.h.Reset()
	w.buf = w.buf[:0]
	w.str(templates)
	w.str(tmpl)
	w.value(reflect.ValueOf(&data).Elem()) // as an interface: its type counts
	w.flush()
	return hex.EncodeToString(w.h.Sum(nil)), nil
}

// hashers keeps the hashers and their buffers between pages.
var hashers = sync.Pool{New: func() any { return &valueHash{h: sha256.New(), buf: make([]byte, 0, 64<<10)} }}

// valueHash feeds a value, field by field, into a hash: each string with
// its length, each number as 8 bytes, each slice and map with its length
// (map keys in order), each pointer and interface with whether it is nil,
// and an interface's dynamic type, so that two different values never
// write the same bytes. It is several times faster than encoding the value
// to JSON to hash it, which on a province-scale site cost more than
// rendering the few pages that changed.
type valueHash struct {
	h   hash.Hash
	buf []byte
}

func (w *valueHash) flush() {
	w.h.Write(w.buf)
	w.buf = w.buf[:0]
}

func (w *valueHash) u64(x uint64) {
	w.buf = binary.LittleEndian.AppendUint64(w.buf, x)
	if len(w.buf) >= cap(w.buf)-8 {
		w.flush()
	}
}

func (w *valueHash) str(s string) {
	w.u64(uint64(len(s)))
	if len(s) > cap(w.buf)/2 {
		w.flush()
		io.WriteString(w.h, s)
		return
	}
	if len(w.buf)+len(s) > cap(w.buf) {
		w.flush()
	}
	w.buf = append(w.buf, s...)
}

func (w *valueHash) value(v reflect.Value) {
	switch v.Kind() {
	case reflect.Invalid:
		w.u64(0)
	case reflect.String:
		w.str(v.String())
	case reflect.Bool:
		if v.Bool() {
			w.u64(1)
		} else {
			w.u64(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.u64(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		w.u64(v.Uint())
	case reflect.Float32, reflect.Float64:
		w.u64(math.Float64bits(v.Float()))
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			w.str(string(v.Bytes()))
			return
		}
		fallthrough
	case reflect.Array:
		w.u64(uint64(v.Len()))
		for i := 0; i < v.Len(); i++ {
			w.value(v.Index(i))
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			w.value(v.Field(i))
		}
	case reflect.Pointer:
		if v.IsNil() {
			w.u64(0)
			return
		}
		w.u64(1)
		w.value(v.Elem())
	case reflect.Interface:
		if v.IsNil() {
			w.u64(0)
			return
		}
		w.str(v.Elem().Type().String())
		w.value(v.Elem())
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
		w.u64(uint64(len(keys)))
		for _, k := range keys {
			w.value(k)
			w.value(v.MapIndex(k))
		}
	default:
		// Functions and channels are not page data; name the kind so that
		// such a value is at least not taken for another.
		w.str(v.Kind().String())
	}
}

// same reports whether file rel was made from key last time (and records
// key for the next build).
func (m *memo) same(rel, key string) bool {
	if m == nil {
		return false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.new[rel] = key
	return m.old[rel] == key
}

// save writes the keys of this build; a memo that cannot be written only
// makes the next build render everything.
func (m *memo) save() {
	if m == nil || os.MkdirAll(filepath.Dir(m.path), 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(m.path), ".tmp-*")
	if err != nil {
		return
	}
	werr := gob.NewEncoder(tmp).Encode(struct {
		Version string
		Keys    map[string]string
	}{memoVersion, m.new})
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), m.path) != nil {
		_ = os.Remove(tmp.Name())
	}
}
