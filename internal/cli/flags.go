package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
)

// flags is one command's flags, with the usage printed in Chinese: each
// flag with what its value is and its default in words (never Go's
// `(default "content")`), and the flag package's English errors said in
// Chinese.
type flags struct {
	fs       *flag.FlagSet
	name     string // the command: build, check…
	synopsis string // the command's forms, one per line, without "plansite name"
	about    string // what the command does
	docs     []flagDoc
	stdout   io.Writer
	stderr   io.Writer
}

// flagDoc is how one flag is shown in the usage.
type flagDoc struct {
	name string // without dashes
	arg  string // what its value is ("目录", "月份"); "" for a switch
	help string // what it does
	def  string // its default, in words; "" for none
	kind string // what a value must look like, for a wrong one ("时长，如 10s")
}

// newFlags returns the flags of command name. The usage goes to stdout
// when asked for (--help) and to stderr after a mistake.
func newFlags(name, synopsis, about string, stdout, stderr io.Writer) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors and usage are printed by parse, in Chinese
	fs.Usage = func() {}
	return &flags{fs: fs, name: name, synopsis: synopsis, about: about, stdout: stdout, stderr: stderr}
}

func (f *flags) doc(d flagDoc) { f.docs = append(f.docs, d) }

// String defines a flag with a text value.
func (f *flags) String(name, value, arg, help, def string) *string {
	f.doc(flagDoc{name: name, arg: arg, help: help, def: def})
	return f.fs.String(name, value, "")
}

// Bool defines a switch (off unless given).
func (f *flags) Bool(name, help string) *bool {
	f.doc(flagDoc{name: name, help: help})
	return f.fs.Bool(name, false, "")
}

// Duration defines a flag with a length of time.
func (f *flags) Duration(name string, value time.Duration, help, def string) *time.Duration {
	f.doc(flagDoc{name: name, arg: "时长", help: help, def: def, kind: "时长，如 10s（10 秒）、2m（2 分钟）"})
	return f.fs.Duration(name, value, "")
}

// Int defines a flag with a whole number.
func (f *flags) Int(p *int, name string, value int, help string) {
	f.doc(flagDoc{name: name, arg: "N", help: help, def: fmt.Sprint(value), kind: "整数"})
	f.fs.IntVar(p, name, value, "")
}

// Uint64 defines a flag with a whole number of zero or more.
func (f *flags) Uint64(p *uint64, name string, value uint64, help string) {
	f.doc(flagDoc{name: name, arg: "N", help: help, def: fmt.Sprint(value), kind: "非负整数"})
	f.fs.Uint64Var(p, name, value, "")
}

// The flags that build, check, export, pdf, serve and watch share, with
// the same words everywhere.

func (f *flags) content() *string {
	return f.String("content", "content", "目录", "内容目录：site.yaml、units.yaml、tasks 等所在的文件夹", "content")
}

func (f *flags) inbox() *string {
	return f.String("inbox", "", "目录", "收件文件夹：各单位交来的月度报送表格所在的文件夹", "site.yaml 中 inbox 所写的文件夹")
}

func (f *flags) out() *string {
	return f.String("out", "public", "目录", "网站输出目录（每次生成整个替换为新网站）", "public")
}

func (f *flags) month(help, def string) *string {
	f.doc(flagDoc{name: "month", arg: "月份", help: help + "，写成 2023-12 的形式", def: def})
	return f.fs.String("month", "", "")
}

// Usage writes the command's usage to w.
func (f *flags) Usage(w io.Writer) {
	lines := strings.Split(f.synopsis, "\n")
	fmt.Fprintf(w, "用法：plansite %s %s\n", f.name, lines[0])
	for _, l := range lines[1:] {
		fmt.Fprintf(w, "      plansite %s %s\n", f.name, l)
	}
	if f.about != "" {
		fmt.Fprintf(w, "\n%s\n", f.about)
	}
	fmt.Fprintln(w, "\n参数：")
	for _, d := range f.docs {
		head := "--" + d.name
		if d.name == "o" {
			head = "-o"
		}
		if d.arg != "" {
			head += " " + d.arg
		}
		fmt.Fprintf(w, "  %s\n        %s", head, d.help)
		if d.def != "" {
			fmt.Fprintf(w, "。默认：%s", d.def)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "  --help\n        显示本说明\n")
}

// parse parses args and reports whether the command should go on; code is
// the exit code when it should not: 0 after --help (the usage on stdout),
// 2 after a mistake (said in Chinese on stderr, with the command's forms).
// positional is how many arguments that are not flags the command takes.
func (f *flags) parse(args []string, positional int) (ok bool, code int) {
	err := f.fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		f.Usage(f.stdout)
		return false, 0
	}
	if err != nil {
		f.mistake("%s", f.explain(err))
		return false, 2
	}
	if f.fs.NArg() > positional {
		extra := f.fs.Args()[positional:]
		f.mistake("多余的参数：%s。参数都以 -- 开头，后面跟它的值，如 --content 内容目录", strings.Join(extra, " "))
		return false, 2
	}
	return true, 0
}

// mistake says what is wrong with the command line, then the command's
// forms and where to read more.
func (f *flags) mistake(format string, args ...any) {
	fmt.Fprintf(f.stderr, format+"。\n", args...)
	lines := strings.Split(f.synopsis, "\n")
	fmt.Fprintf(f.stderr, "用法：plansite %s %s\n", f.name, lines[0])
	for _, l := range lines[1:] {
		fmt.Fprintf(f.stderr, "      plansite %s %s\n", f.name, l)
	}
	fmt.Fprintf(f.stderr, "各参数的说明：plansite %s --help\n", f.name)
}

// The flag package's errors (Go 1.26, flag.go), matched to be said in
// Chinese.
var (
	reUndefined = regexp.MustCompile(`^flag provided but not defined: -+(.*)$`)
	reNoValue   = regexp.MustCompile(`^flag needs an argument: -+(.*)$`)
	reBadValue  = regexp.MustCompile(`^invalid value "(.*)" for flag -+([^:]*): `)
	reBadBool   = regexp.MustCompile(`^invalid boolean value "(.*)" for -+([^:]*): `)
	reBadSyntax = regexp.MustCompile(`^bad flag syntax: (.*)$`)
)

// explain says err, a flag.FlagSet's parse error, in Chinese.
func (f *flags) explain(err error) string {
	msg := err.Error()
	if m := reUndefined.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("plansite %s 没有参数 --%s", f.name, m[1])
	}
	if m := reNoValue.FindStringSubmatch(msg); m != nil {
		what := "一个值"
		if d := f.lookup(m[1]); d.arg != "" {
			what = d.arg
		}
		return fmt.Sprintf("参数 --%s 后面要写%s", m[1], what)
	}
	if m := reBadBool.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("参数 --%s 是开关，不带值（只写 --%s）", m[2], m[2])
	}
	if m := reBadValue.FindStringSubmatch(msg); m != nil {
		kind := f.lookup(m[2]).kind
		if kind == "" {
			kind = "其他写法"
		}
		return fmt.Sprintf("参数 --%s 的值“%s”有误，应为%s", m[2], m[1], kind)
	}
	if m := reBadSyntax.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("参数写法有误：%s", m[1])
	}
	return "参数有误：" + msg
}

func (f *flags) lookup(name string) flagDoc {
	for _, d := range f.docs {
		if d.name == name {
			return d
		}
	}
	return flagDoc{}
}
