package cachefile

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"fmt"
	"hash/crc32"
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
		n += binary.MaxVarintLen64 + len(e) + sumSize
	}
	b := make([]byte, 0, n)
	b = append(b, header(format)...)
	for _, e := range entries {
		b = binary.AppendUvarint(b, uint64(len(e)))
		start := len(b)
		b = append(b, e...)
		b = binary.LittleEndian.AppendUint32(b, crc32.Checksum(b[start:], castagnoli))
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

// Read calls use with the entries of the file at path that verify, in
// order: parts of a buffer that Read then uses again, so that use must
// copy what it keeps. A missing file, one of another format or build, or
// one that does not start as a cache file has none; at the first entry
// that does not verify, the rest is left out. (Reading each cache file
// into a new buffer was most of a rebuild's page faults for the cache.)
func Read(path, format string, use func(entries [][]byte)) {
	f, err := os.Open(path)
	if err != nil {
		use(nil)
		return
	}
	defer f.Close()
	buf, _ := buffers.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer buffers.Put(buf)
	buf.Reset()
	if _, err := buf.ReadFrom(f); err != nil {
		use(nil)
		return
	}
	use(decode(buf.Bytes(), format))
}

// buffers are Read's, kept from file to file.
var buffers sync.Pool

// sumSize is the size of an entry's checksum: its CRC-32C, which finds
// every change of up to 32 bits in a row and all but one in four billion
// of the others (a damaged disk or copy, a file cut short or edited), and
// which the processor computes at memory speed, where a SHA-256 of every
// entry was a tenth of a rebuild's time at 7,000 workbooks.
const sumSize = 4

// castagnoli is the CRC-32C table (computed by the processor where it can).
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// decode is Read of a file's contents; the entries are parts of data.
func decode(data []byte, format string) [][]byte {
	h := header(format)
	if !bytes.HasPrefix(data, []byte(h)) {
		return nil
	}
	var out [][]byte
	for at := len(h); at < len(data); {
		n, w := binary.Uvarint(data[at:])
		rest := len(data) - at - w
		if w <= 0 || n > uint64(rest) || uint64(rest)-n < sumSize {
			break
		}
		start, end := at+w, at+w+int(n)
		if binary.LittleEndian.Uint32(data[end:]) != crc32.Checksum(data[start:end], castagnoli) {
			break
		}
		out = append(out, data[start:end:end])
		at = end + sumSize
	}
	return out
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
