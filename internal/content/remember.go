package content

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"path/filepath"
	"sync"

	"github.com/plansite/plansite/internal/domain"
)

// A process that loads the same content folder again and again (serve and
// watch, before every rebuild) gets a copy of the plan it loaded last time
// when every file it read then has the same bytes and every folder it
// listed the same files: reading about twenty small files and copying the
// plan cost a tenth of parsing their YAML and markdown.

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

func remember(dir string, l *loader) {
	loads.Lock()
	defer loads.Unlock()
	if loads.m == nil || len(loads.m) >= loadsMax {
		loads.m = map[string]loaded{}
	}
	loads.m[loadKey(dir)] = loaded{l.trace, l.trace.sum(), l.plan.Clone()} // the caller may change its own
}

func forget(dir string) {
	loads.Lock()
	delete(loads.m, loadKey(dir))
	loads.Unlock()
}
