package keyhash

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"math"
	"reflect"
	"sort"
	"sync"
)

// Key identifies a set of values.
type Key [sha256.Size]byte

// String returns k in hex.
func (k Key) String() string { return hex.EncodeToString(k[:]) }

// Of returns the key of values: each string with its length, each number
// as 8 bytes, each slice and map with its length (map keys in order), each
// pointer and interface with whether it is nil, and an interface's dynamic
// type, so that two different lists of values never write the same bytes.
// It is several times faster than encoding the values to JSON or with
// fmt's %#v to hash them, which on a province-scale site cost more than
// rendering the few pages that changed.
func Of(values ...any) Key {
	w := hashers.Get().(*writer)
	defer hashers.Put(w)
	w.h.Reset()
	w.buf = w.buf[:0]
	w.value(reflect.ValueOf(values))
	w.flush()
	var k Key
	w.h.Sum(k[:0])
	return k
}

// Keyed is a value that stands for what it was made from by a key: Of takes
// its key, not its fields (a piece of a page, say, whose bytes are many and
// whose key is known). A struct that embeds a Keyed struct has its Key
// method too, which knows nothing of the struct's other fields: Of takes
// such a struct by its fields (the embedded one by its key).
type Keyed interface {
	Key() Key
}

var keyedType = reflect.TypeFor[Keyed]()

// keyedTypes remembers, per struct type, whether it is Keyed: asking
// reflect each time was a tenth of a rebuild's processor time.
var keyedTypes sync.Map // reflect.Type → bool

func isKeyed(t reflect.Type) bool {
	if k, ok := keyedTypes.Load(t); ok {
		return k.(bool)
	}
	k := t.Implements(keyedType)
	for i := 0; k && i < t.NumField(); i++ {
		if f := t.Field(i); f.Anonymous && (f.Type.Implements(keyedType) || reflect.PointerTo(f.Type).Implements(keyedType)) {
			k = false // Key promoted from f, or one that shadows it: by the fields
		}
	}
	keyedTypes.Store(t, k)
	return k
}

// hashers keeps the hashers and their buffers between calls.
var hashers = sync.Pool{New: func() any { return &writer{h: sha256.New(), buf: make([]byte, 0, 64<<10)} }}

type writer struct {
	h   hash.Hash
	buf []byte
}

func (w *writer) flush() {
	w.h.Write(w.buf)
	w.buf = w.buf[:0]
}

func (w *writer) u64(x uint64) {
	w.buf = binary.LittleEndian.AppendUint64(w.buf, x)
	if len(w.buf) >= cap(w.buf)-8 {
		w.flush()
	}
}

func (w *writer) str(s string) {
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

func (w *writer) value(v reflect.Value) {
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
		if isKeyed(v.Type()) && v.CanInterface() {
			k := v.Interface().(Keyed).Key()
			w.str("keyed")
			w.str(string(k[:]))
			return
		}
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
		// Functions and channels are not data; name the kind so that such
		// a value is at least not taken for another.
		w.str(v.Kind().String())
	}
}
