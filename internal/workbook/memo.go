package workbook

import "sync"

// partMemo remembers what the one-pass reader made of the parts that many
// workbooks hold byte for byte: the package's and the workbook's
// relationships, the workbook part (its sheets and date system) and the
// styles (the number format of each cell style). The workbooks of one
// template saved by one program share them, so that an inbox of
// thousands of files costs the parsing of a few; the shared strings and
// the sheets, which differ from file to file, are never kept.
//
// A key is the part's compressed bytes as they lie in the zip, with its
// compression method and what was read from it: the same key is the same
// part, so a hit is exactly what reading it again would give (however
// many reads or tests share the memo), and nothing in it can go stale. It
// holds at most sameMax entries and is emptied when full. Each Reader
// owns one, so that it lives as long as the scan that made the reader.
const sameMax = 256

type partMemo struct {
	mu sync.Mutex
	m  map[string]any
}

func memoKey(kind byte, method uint16, raw []byte) []byte {
	return append([]byte{kind, byte(method), byte(method >> 8)}, raw...)
}

func (m *partMemo) get(kind byte, method uint16, raw []byte) (any, bool) {
	key := memoKey(kind, method, raw)
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.m[string(key)]
	return v, ok
}

func (m *partMemo) put(kind byte, method uint16, raw []byte, v any) {
	key := string(memoKey(kind, method, raw))
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m == nil || len(m.m) >= sameMax {
		m.m = map[string]any{}
	}
	m.m[key] = v
}
