package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"hash"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/plansite/plansite/internal/domain"
	"github.com/plansite/plansite/internal/keyhash"
	"github.com/plansite/plansite/internal/store"
)

// A process that loads the same content folder again and again (serve and
// watch, before every rebuild) gets a copy of the plan it loaded last time
// when every file it read then has the same bytes and every folder it
// listed the same files: reading about twenty small files and copying the
// plan cost a tenth of parsing their YAML and markdown. A build with a
// store takes the plan an earlier build kept there in the same way.

// LoadKept is Load for a build with a store of what earlier builds kept
// (nil for none): when this process has not loaded dir yet, the plan an
// earlier build kept is taken if every file it was read from has the same
// bytes, and the plan read now is kept for the next build.
func LoadKept(dir string, st *store.Store) (*domain.Plan, error) {
	key := keyhash.Of("plan", loadKey(dir))
	if p := remembered(dir); p != nil {
		st.Get(key) // still in use
		return p, nil
	}
	if v, ok := st.Get(key); ok {
		if t, sum, p, ok := decodeKept(v); ok && t.again(dir) == sum {
			keep(dir, t, sum, p)
			return p, nil
		}
	}
	l := parse(dir)
	if len(l.errs) > 0 {
		forget(dir)
		return nil, l.errs
	}
	sum := l.trace.sum()
	keep(dir, l.trace, sum, l.plan)
	if st != nil {
		if v, ok := encodeKept(l.trace, sum, l.plan); ok {
			st.Put(key, v)
		}
	}
	return l.plan, nil
}

// encodeKept writes a plan and what it was read from for a store; ok is
// false for a plan that would not read back the same (gob makes an empty
// slice nil, say), which is then not kept.
func encodeKept(t *trace, sum [sha256.Size]byte, p *domain.Plan) (string, bool) {
	var b bytes.Buffer
	if gob.NewEncoder(&b).Encode(p) != nil {
		return "", false
	}
	steps := make([]string, 0, 2*len(t.steps))
	for _, s := range t.steps {
		flags := ""
		if s.list {
			flags += "l"
		}
		if s.required {
			flags += "r"
		}
		steps = append(steps, flags, s.name)
	}
	v := store.Join(string(sum[:]), strconv.Itoa(len(t.steps)), store.Join(steps...), b.String())
	if _, _, back, ok := decodeKept(v); !ok || !reflect.DeepEqual(back, p) {
		return "", false
	}
	return v, true
}

// decodeKept reads what encodeKept wrote.
func decodeKept(v string) (t *trace, sum [sha256.Size]byte, p *domain.Plan, ok bool) {
	f, ok := store.Split(v, 4)
	if !ok || len(f[0]) != len(sum) {
		return nil, sum, nil, false
	}
	copy(sum[:], f[0])
	n, err := strconv.Atoi(f[1])
	if err != nil || n < 0 {
		return nil, sum, nil, false
	}
	steps, ok := store.Split(f[2], 2*n)
	if !ok {
		return nil, sum, nil, false
	}
	t = &trace{}
	for i := 0; i < n; i++ {
		flags := steps[2*i]
		t.steps = append(t.steps, step{name: steps[2*i+1], list: strings.Contains(flags, "l"), required: strings.Contains(flags, "r")})
	}
	p = &domain.Plan{}
	if gob.NewDecoder(strings.NewReader(f[3])).Decode(p) != nil {
		return nil, sum, nil, false
	}
	p.Index()
	return t, sum, p, true
}

// trace sums up what a load read: each file's name and bytes (or that it
// was missing or unreadable) and each folder's listing, in order.
type trace struct {
	h     hash.Hash
	steps []step
}

// step is one read or listing, to be done again to check a trace.
type step struct {
	name     string
	list     bool
	required bool
}

func newTrace() *trace { return &trace{h: sha256.New()} }

func (t *trace) str(s string) {
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
	t.h.Write(n[:])
	t.h.Write([]byte(s))
}

func (t *trace) read(name string, required bool, data []byte, found bool, problem string) {
	t.steps = append(t.steps, step{name: name, required: required})
	t.str("read " + name)
	if !found {
		t.str("missing " + problem)
		return
	}
	t.str(string(data))
}

func (t *trace) list(sub string, names []string, problem string) {
	t.steps = append(t.steps, step{name: sub, list: true})
	t.str("list " + sub + " " + problem)
	for _, n := range names {
		t.str(n)
	}
	t.str("")
}

func (t *trace) sum() (s [sha256.Size]byte) {
	t.h.Sum(s[:0])
	return s
}

// again reads and lists what t did, in dir, and returns the sum of that.
func (t *trace) again(dir string) [sha256.Size]byte {
	u := newTrace()
	for _, s := range t.steps {
		if s.list {
			names, problem := listDir(dir, s.name)
			u.list(s.name, names, problem)
		} else {
			data, found, problem := readFile(dir, s.name, s.required)
			u.read(s.name, s.required, data, found, problem)
		}
	}
	return u.sum()
}

// loads are the plans loaded lately, by folder.
var loads struct {
	sync.Mutex
	m map[string]loaded
}

type loaded struct {
	trace *trace
	sum   [sha256.Size]byte
	plan  *domain.Plan
}

// loadsMax bounds the folders remembered (a test suite loads hundreds).
const loadsMax = 16

func loadKey(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	return dir + "\x00" + abs // the plan holds paths as given
}

// remembered returns a copy of the plan last loaded from dir when its
// files are unchanged, else nil.
func remembered(dir string) *domain.Plan {
	key := loadKey(dir)
	loads.Lock()
	l, ok := loads.m[key]
	loads.Unlock()
	if !ok || l.trace.again(dir) != l.sum {
		return nil
	}
	return l.plan.Clone()
}

// keep remembers plan p, read from dir as t says, for this process.
func keep(dir string, t *trace, sum [sha256.Size]byte, p *domain.Plan) {
	loads.Lock()
	defer loads.Unlock()
	if loads.m == nil || len(loads.m) >= loadsMax {
		loads.m = map[string]loaded{}
	}
	loads.m[loadKey(dir)] = loaded{t, sum, p.Clone()} // the caller may change its own
}

func forget(dir string) {
	loads.Lock()
	delete(loads.m, loadKey(dir))
	loads.Unlock()
}
