package content

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// text is a YAML scalar with the line it was written on.
type text struct {
	Line int
	S    string
}

func (t *text) UnmarshalYAML(n *yaml.Node) error {
	t.Line = n.Line
	if n.Kind != yaml.ScalarNode {
		return typeErr("第 %d 行：此处应为一个文字值", n.Line)
	}
	t.S = strings.TrimSpace(n.Value)
	return nil
}

// texts is a list of scalars; a single scalar is taken as a list of one, and
// a scalar holding several names separated by 、，, or ; is split.
type texts []text

func (ts *texts) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		for _, part := range splitNames(n.Value) {
			*ts = append(*ts, text{Line: n.Line, S: part})
		}
		return nil
	case yaml.SequenceNode:
		for _, c := range n.Content {
			var t text
			if err := t.UnmarshalYAML(c); err != nil {
				return err
			}
			for _, part := range splitNames(t.S) {
				*ts = append(*ts, text{Line: t.Line, S: part})
			}
		}
		return nil
	}
	return typeErr("第 %d 行：此处应为名称列表，如 [政策法规股, 就业中心]", n.Line)
}

// typeErr returns a *yaml.TypeError, which the decoder collects and goes on
// after, so that one bad value does not hide the next.
func typeErr(format string, args ...any) error {
	return &yaml.TypeError{Errors: []string{fmt.Sprintf(format, args...)}}
}

// splitNames splits a list of names written in one string, such as
// 政策法规股、就业中心 or 政策法规股, 就业中心. A separator inside brackets
// belongs to the name: 各县（市、区）人社局 is one name.
func splitNames(s string) []string {
	var (
		out   []string
		name  strings.Builder
		depth int
	)
	flush := func() {
		if p := strings.TrimSpace(name.String()); p != "" {
			out = append(out, p)
		}
		name.Reset()
	}
	for _, r := range s {
		switch r {
		case '（', '(', '【', '[', '〔', '《':
			depth++
		case '）', ')', '】', ']', '〕', '》':
			depth = max(0, depth-1)
		case '、', '，', ',', ';', '；':
			if depth == 0 {
				flush()
				continue
			}
		}
		name.WriteRune(r)
	}
	flush()
	return out
}

// strict decodes a mapping node into v, a pointer to a struct, and reports
// keys that the struct does not have: a misspelt key is a mistake, not a
// silent default. The keys it has are decoded all the same; bad is true
// when a value could not be (v is then partly zero) or n is not a mapping,
// false when the only mistakes are unknown keys.
func strict(n *yaml.Node, v any) (bad bool, err error) {
	if n.Kind != yaml.MappingNode {
		return true, typeErr("第 %d 行：此处应为“键: 值”形式的条目", n.Line)
	}
	known := yamlKeys(reflect.TypeOf(v).Elem())
	var msgs []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if !known[k.Value] {
			msgs = append(msgs, fmt.Sprintf("第 %d 行：未知的字段“%s”%s（可用字段：%s）", k.Line, k.Value, didYouMean(k.Value, known), keyList(known)))
		}
	}
	if err := n.Decode(v); err != nil {
		var te *yaml.TypeError
		if !errors.As(err, &te) {
			return true, err
		}
		bad = true
		msgs = append(msgs, te.Errors...)
	}
	if len(msgs) > 0 {
		return bad, &yaml.TypeError{Errors: msgs}
	}
	return false, nil
}

// didYouMean names the known key closest to a misspelt one ("，是不是
// value？"), when one is within two edits of it; else "".
func didYouMean(key string, known map[string]bool) string {
	best, dist := "", 3
	for k := range known {
		if d := editDistance(strings.ToLower(key), k); d < dist || (d == dist && k < best) {
			best, dist = k, d
		}
	}
	if best == "" {
		return ""
	}
	return "，是不是 " + best + "？"
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	prev := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur := make([]int, len(y)+1)
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(y)]
}

func yamlKeys(t reflect.Type) map[string]bool {
	keys := make(map[string]bool)
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := strings.Split(f.Tag.Get("yaml"), ",")[0]
		if tag == "-" || !f.IsExported() {
			continue
		}
		if tag == "" {
			tag = strings.ToLower(f.Name)
		}
		keys[tag] = true
	}
	return keys
}

func keyList(known map[string]bool) string {
	var ks []string
	for k := range known {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, ", ")
}

// item is a mapping in a YAML list, remembered with its line. Its
// mistakes (unknown keys, values that could not be decoded) are kept in
// Errs rather than returned, since yaml.v3 drops from a list every item
// whose decoding failed: the loader reports them (usable) and knows the
// item was there. Bad is set when a value could not be decoded: the loader
// leaves the item out rather than report its empty fields too. Unknown keys
// alone leave the item good (the rest of it is used).
type item[T any] struct {
	Line int
	Bad  bool
	Errs error
	V    T
}

func (it *item[T]) UnmarshalYAML(n *yaml.Node) error {
	it.Line = n.Line
	it.Bad, it.Errs = strict(n, &it.V)
	return nil
}

// usable reports the mistakes of it and says whether it can be used.
func usable[T any](e errs, it item[T]) bool {
	if it.Errs != nil {
		reportYAML(it.Errs, e)
	}
	return !it.Bad
}

// decodeFile decodes a whole YAML document into v (a pointer to a struct)
// strictly, with yaml's own errors turned into Error values with lines.
// ok is false when the document could not be read at all (a syntax
// error, too large, not a mapping): v is then not to be used. misspelt is
// true when its top level had an unknown key or a value that could not be
// decoded (reported): a field found missing is then likely its knock-on.
func decodeFile(data []byte, firstLine int, v any, e errs) (ok, misspelt bool) {
	// Pad with empty lines so that yaml's line numbers are the file's.
	data = append(bytes.Repeat([]byte("\n"), firstLine-1), data...)
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		if err.Error() == "EOF" {
			return true, false // empty document: every field keeps its zero value
		}
		if !reportTabs(data, e) {
			reportYAML(err, e)
		}
		return false, false
	}
	if len(doc.Content) == 0 {
		return true, false
	}
	if msg := tooLarge(&doc); msg != "" {
		e.at(0, "%s", msg)
		return false, false
	}
	// Mistakes in values and unknown keys are reported, and what could be
	// decoded is used: one misspelt key does not void the file (and make
	// every name it defines unknown elsewhere).
	if _, err := strict(doc.Content[0], v); err != nil {
		reportYAML(err, e)
		return doc.Content[0].Kind == yaml.MappingNode, true
	}
	return true, false
}

var reYAMLLine = regexp.MustCompile(`(?:line |第 )(\d+)`)

// reportYAML turns a yaml error (which may hold several lines) into errors
// with line numbers.
func reportYAML(err error, e errs) {
	var te *yaml.TypeError
	msgs := []string{err.Error()}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	for _, part := range msgs {
		line := 0
		if m := reYAMLLine.FindStringSubmatch(part); m != nil {
			line, _ = strconv.Atoi(m[1])
		}
		// This package's own messages (第 N 行：…) say what is wrong in
		// Chinese already; yaml's own (yaml: line N: …) are about the
		// format.
		ours := strings.HasPrefix(part, "第 ")
		part = reYAMLLine.ReplaceAllString(part, "")
		part = strings.TrimLeft(strings.TrimPrefix(part, "yaml:"), " :行：")
		if ours {
			e.at(line, "%s", part)
		} else {
			e.at(line, "YAML 格式有误：%s", yamlMistake(part))
		}
	}
}

// reportTabs reports every line of data indented with a tab, the usual
// cause of a YAML syntax error in a file written by hand in Notepad (and
// one yaml.v3 names by the line where the enclosing block starts, with a
// message about something else). It says whether there was one.
func reportTabs(data []byte, e errs) bool {
	found := false
	for i, line := range strings.Split(string(data), "\n") {
		indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
		if strings.Contains(indent, "\t") && strings.TrimSpace(line) != "" {
			e.at(i+1, "YAML 格式有误：这一行用 Tab 键缩进了，缩进只能用空格（记事本中删掉行首的空白，重新用空格键对齐）")
			found = true
		}
	}
	return found
}

// yamlMistakes says in Chinese, for the format errors of yaml.v3 that
// people writing content by hand meet, what usually causes each and what
// to write instead. yaml.v3 often gives the line where the enclosing
// block starts rather than the faulty one, hence "这一行或它后面几行".
var yamlMistakes = []struct{ english, chinese string }{
	{"found character that cannot start any token", "这里有 YAML 不能放在开头的字符：以 % @ ` * & ! | > 等开头的值要加英文引号（如 unit: \"%\"）；行首的缩进只能用空格，不能用 Tab 键"},
	{"found a tab character", "用了 Tab 键：缩进只能用空格"},
	{"mapping values are not allowed in this context", "多了一个英文的“冒号加空格”：值中有英文冒号时整个值要加英文引号（如 title: \"甲: 乙\"），或改用中文冒号“：”；也可能是这一行比上一行多缩进了"},
	{"could not find expected ':'", "缺少“冒号加空格”：每个字段写成“名称: 值”，冒号是英文的，后面要有一个空格（如 due_day: 20）"},
	{"did not find expected key", "这一行或它后面几行格式有误：常见的是同一级的各行没有从同一列开始（只用空格对齐），或英文引号里面又有英文引号（里面改用中文引号“”）"},
	{"did not find expected '-' indicator", "列表没有对齐：同一列表的各项“- ”要从同一列开始"},
	{"did not find expected ',' or ']'", "方括号没有配对：列表写在一行里，以 ] 结束，各项用英文逗号分开，如 [甲, 乙]"},
	{"did not find expected ',' or '}'", "花括号没有配对：写在一行里，以 } 结束，各项用英文逗号分开，如 {id: a, name: 甲}"},
	{"did not find expected node content", "这里缺少值：检查这一行或它后面几行的冒号、逗号和括号"},
	{"block sequence entries are not allowed in this context", "“- ”列表项的位置不对：列表项要另起一行，比它所属的字段多缩进"},
	{"found unknown escape character", "英文双引号里的反斜杠 \\ 有特殊含义：含 \\ 的值（如路径）请改用英文单引号，如 inbox: 'D:\\报送'"},
	{"found unexpected end of stream", "文件在引号或括号结束之前就结束了：检查最后几行的引号和括号是否配对"},
	{"control characters are not allowed", "有看不见的控制字符（常见于从网页或 Word 复制的文字）：删掉这一行重新输入"},
}

// yamlMistake is the Chinese for a yaml.v3 format error, the error as it
// is when it is not one of yamlMistakes.
func yamlMistake(english string) string {
	for _, m := range yamlMistakes {
		if strings.Contains(english, m.english) {
			return m.chinese
		}
	}
	return english
}

// Bounds of a YAML document once every alias (*name) is replaced by what
// its anchor (&name) holds: far above any real content file (a county's
// units.yaml has some thousand values), far below what would exhaust
// memory. Without aliases a file within maxFileSize stays within them.
const (
	maxExpandedValues = 1_000_000
	maxExpandedBytes  = 32 << 20
)

// tooLarge says what is wrong when doc, its aliases expanded, holds more
// than maxExpandedValues values or maxExpandedBytes bytes of text, or when
// an alias refers to a value that holds it; "" when neither. It counts
// each anchored value once, so it takes time in proportion to the file,
// however many times its aliases would repeat it. (yaml.v3's own guard
// against excessive aliasing works within one Decode call; the decoders
// of this package call Decode once per value, which starts it afresh.)
func tooLarge(doc *yaml.Node) string {
	type size struct{ values, bytes int }
	sizes := map[*yaml.Node]size{}
	open := map[*yaml.Node]bool{}
	cyclic := false
	var measure func(n *yaml.Node) size
	measure = func(n *yaml.Node) size {
		if s, ok := sizes[n]; ok {
			return s
		}
		if open[n] {
			cyclic = true
			return size{}
		}
		open[n] = true
		var s size
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			s = measure(n.Alias)
		} else {
			s = size{1, len(n.Value)}
			for _, c := range n.Content {
				cs := measure(c)
				// Saturate: a billion laughs overflows int otherwise.
				s.values = min(s.values+cs.values, maxExpandedValues+1)
				s.bytes = min(s.bytes+cs.bytes, maxExpandedBytes+1)
			}
		}
		delete(open, n)
		sizes[n] = s
		return s
	}
	s := measure(doc)
	switch {
	case cyclic:
		return "YAML 格式有误：别名（*名称）引用了包含它自身的锚点（&名称）"
	case s.values > maxExpandedValues || s.bytes > maxExpandedBytes:
		return fmt.Sprintf("内容过多：锚点（&名称）被别名（*名称）反复引用，展开后超过 %d 个值或 %d MB 文字，未读取；请直接写出各项，不要层层引用", maxExpandedValues, maxExpandedBytes>>20)
	}
	return ""
}
