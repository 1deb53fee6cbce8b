package cachefile

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Write writes the entries into the file at path, with the header of
// format (a name and version, such as "plansite-pages 1") and of this
// build of plansite, whole or not at all (a new file renamed into place).
func Write(path, format string, entries []string) error {
	n := len(header(format))
	for _, e := range entries {
		n += binary.MaxVarintLen64 + len(e) + sha256.Size
	}
	b := make([]byte, 0, n)
	b = append(b, header(format)...)
	for _, e := range entries {
		b = binary.AppendUvarint(b, uint64(len(e)))
		b = append(b, e...)
		sum := sha256.Sum256([]byte(e))
		b = append(b, sum[:]...)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(b)
	cerr := tmp.Close()
	if werr == nil && cerr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil || cerr != nil {
		_ = os.Remove(tmp.Name())
		if werr == nil {
			werr = cerr
		}
	}
	return werr
}

// Read returns the entries of the file at path that verify, in order
// (substrings of one copy of the file). A missing file, one of another
// format or build, or one that does not start as a cache file has none;
// at the first entry that does not verify, the rest is left out.
func Read(path, format string) []string {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	return decode(string(b), format)
}

// decode is Read of a file's contents.
func decode(data, format string) []string {
	h := header(format)
	if !strings.HasPrefix(data, h) {
		return nil
	}
	rest := data[len(h):]
	var out []string
	for len(rest) > 0 {
		n, w := uvarint(rest)
		if w <= 0 || n > uint64(len(rest)-w) || uint64(len(rest)-w)-n < sha256.Size {
			break
		}
		e := rest[w : w+int(n)]
		sum := sha256.Sum256([]byte(e))
		if rest[w+int(n):w+int(n)+sha256.Size] != string(sum[:]) {
			break
		}
		out = append(out, e)
		rest = rest[w+int(n)+sha256.Size:]
	}
	return out
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

// header is the first line of the files of format written by this build.
func header(format string) string {
	return format + " " + program() + "\n"
}

// program identifies this build of plansite: its Go build ID, which is
// the same for the same sources and flags (go run links the program anew
// each time), or else the size and time of its file.
var program = sync.OnceValue(func() string {
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
})

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
