package value

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/plansite/plansite/internal/domain"
)

// wantErrNaming fails unless err is a non-empty error other than ErrEmpty
// whose message contains every one of parts.
func wantErrNaming(tb testing.TB, call string, err error, parts ...string) {
	tb.Helper()
	if err == nil {
		tb.Errorf("%s: no error; want one naming %q", call, parts)
		return
	}
	if errors.Is(err, ErrEmpty) {
		tb.Errorf("%s: error = ErrEmpty; want one naming %q", call, parts)
		return
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			tb.Errorf("%s: error %q does not contain %q", call, err, p)
		}
	}
}

var percentOK = map[string]float64{
	"80":        80,
	"80%":       80,
	"８０％":       80,
	"80.5":      80.5,
	" 80 % ":    80,
	"80.0%":     80,
	"100":       100,
	"0":         0,
	"0%":        0,
	"100%":      100,
	"100.0":     100,
	"-0":        0,
	"+80":       80,
	"80.":       80,
	"'80":       80, // an apostrophe a program kept with the value
	"47 %":      47,
	"0.5%":      0.5, // a percent sign is never a fraction
	"88 \u200b": 88,
	"\t95%\n":   95,
	"　８０．５％　":   80.5,
	"07":        7,
}

var percentOutOfRange = map[string]string{
	"120":                          "120",
	"-5":                           "-5",
	"120%":                         "120%",
	"100.0001":                     "100.0001",
	"-0.0001":                      "-0.0001",
	"１２０％":                         "120%",
	"1" + strings.Repeat("0", 400): "1000000", // beyond float64: still out of range
}

var percentBad = []string{
	"abc", "八成", "百分之八十", "80%%", "8 0", "%", "-", "+", ".", "80 %%", "%80",
	"1e2", "0x50", "Inf", "NaN", "80,5", "1,000", "80‰", "约80%", "80%左右", "--5", "8０a",
}

func TestParsePercent(t *testing.T) {
	for in, want := range percentOK {
		t.Run("ok/"+in, func(t *testing.T) {
			got, r, err := ParsePercent(in, false)
			if err != nil || got != want || math.Signbit(got) || r != AsWritten {
				t.Errorf("ParsePercent(%q) = %v, %v, %v; want %v as written", in, got, r, err, want)
			}
		})
	}
	// Text that holds a number reads as the number would, with the same
	// Reading: a fraction in (0, 1] is never taken as points in silence.
	for _, tt := range []struct {
		in        string
		fractions bool
		want      float64
		r         Reading
	}{
		{"0.47", false, 47, AsFraction},
		{" 0.47 ", false, 47, AsFraction},
		{"０．４７", false, 47, AsFraction},
		{"'0.8", false, 80, AsFraction},
		{".5", false, 50, AsFraction},
		{"1", false, 1, AsOnePoint},
		{"1", true, 100, AsFraction},
		{"1%", true, 1, AsWritten},
		{"0.47%", false, 0.47, AsWritten},
		{"30", true, 30, AsWritten},
	} {
		got, r, err := ParsePercent(tt.in, tt.fractions)
		if err != nil || got != tt.want || r != tt.r {
			t.Errorf("ParsePercent(%q, %v) = %v, %v, %v; want %v, %v", tt.in, tt.fractions, got, r, err, tt.want, tt.r)
		}
		n, _ := BareNumber(tt.in)
		if pn, rn, _ := PercentFromNumber(n, false, tt.fractions); !strings.Contains(tt.in, "%") && (pn != got || rn != r) {
			t.Errorf("ParsePercent(%q) = %v, %v but the number %v reads %v, %v", tt.in, got, r, n, pn, rn)
		}
	}
	for in, shown := range percentOutOfRange {
		t.Run("range/"+in[:min(len(in), 12)], func(t *testing.T) {
			got, _, err := ParsePercent(in, false)
			wantErrNaming(t, "ParsePercent("+in+")", err, "“"+shown, "0–100")
			if got != 0 {
				t.Errorf("ParsePercent(%q) = %v with an error; want 0", in, got)
			}
		})
	}
	for _, in := range percentBad {
		t.Run("bad/"+in, func(t *testing.T) {
			_, _, err := ParsePercent(in, false)
			wantErrNaming(t, "ParsePercent("+in+")", err, "无法识别的百分比“"+strings.TrimSpace(domain.FoldWidth(in))+"”")
		})
	}
	for _, in := range []string{"", "  ", "　", "\t\n"} {
		if _, _, err := ParsePercent(in, false); !errors.Is(err, ErrEmpty) {
			t.Errorf("ParsePercent(%q) error = %v; want ErrEmpty", in, err)
		}
	}
}

func TestParsePercentMessages(t *testing.T) {
	_, _, err := ParsePercent("120", false)
	if err == nil || err.Error() != "进度“120”超出 0–100 的范围" {
		t.Errorf("ParsePercent(120) error = %v", err)
	}
	_, _, err = ParsePercent("八成", false)
	if err == nil || err.Error() != "无法识别的百分比“八成”" {
		t.Errorf("ParsePercent(八成) error = %v", err)
	}
}

func TestPercentFromNumber(t *testing.T) {
	tests := []struct {
		name          string
		v             float64
		percentFormat bool
		want          float64
		r             Reading
	}{
		{"percent cell 0.8", 0.8, true, 80, AsWritten},
		{"percent cell 0.07 rounds", 0.07, true, 7, AsWritten},
		{"percent cell 0.805", 0.805, true, 80.5, AsWritten},
		{"percent cell 1", 1, true, 100, AsWritten},
		{"percent cell 0", 0, true, 0, AsWritten},
		{"percent cell negative zero", math.Copysign(0, -1), true, 0, AsWritten},
		{"percent cell 0.123456789 to 6 places", 0.123456789, true, 12.345679, AsWritten},
		{"percent cell rounding just above 1", 1.000000000000001, true, 100, AsWritten},
		{"plain 80", 80, false, 80, AsWritten},
		{"plain 100", 100, false, 100, AsWritten},
		{"plain 0", 0, false, 0, AsWritten},
		{"plain 1 is one point, said", 1, false, 1, AsOnePoint},
		{"plain 50.5", 50.5, false, 50.5, AsWritten},
		{"plain fraction 0.8", 0.8, false, 80, AsFraction},
		{"plain fraction 0.07", 0.07, false, 7, AsFraction},
		{"plain fraction 0.999", 0.999, false, 99.9, AsFraction},
		{"plain negative zero", math.Copysign(0, -1), false, 0, AsWritten},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, r, err := PercentFromNumber(tt.v, tt.percentFormat, false)
			if err != nil || p != tt.want || r != tt.r || math.Signbit(p) {
				t.Errorf("PercentFromNumber(%v, %v) = %v, %v, %v; want %v, %v, nil",
					tt.v, tt.percentFormat, p, r, err, tt.want, tt.r)
			}
		})
	}

	bad := []struct {
		name          string
		v             float64
		percentFormat bool
		shown         string
	}{
		{"percent cell 1.2", 1.2, true, "“120%”"},
		{"percent cell -0.05", -0.05, true, "“-5%”"},
		{"percent cell 80 means 8000%", 80, true, "“8000%”"},
		{"percent cell just above 1", 1.000001, true, "“100.0001%”"},
		{"plain 120", 120, false, "“120”"},
		{"plain -5", -5, false, "“-5”"},
		{"plain 100.0001", 100.0001, false, "“100.0001”"},
		{"plain -0.0001", -0.0001, false, "“-0.0001”"},
		{"plain huge", 1e300, false, "“1e+300”"},
		{"percent cell huge", 1e307, true, "0–100"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			p, r, err := PercentFromNumber(tt.v, tt.percentFormat, false)
			wantErrNaming(t, tt.name, err, tt.shown, "0–100")
			if p != 0 || r != AsWritten {
				t.Errorf("PercentFromNumber(%v, %v) = %v, %v with an error; want 0, as written", tt.v, tt.percentFormat, p, r)
			}
		})
	}
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		for _, pf := range []bool{false, true} {
			if p, _, err := PercentFromNumber(v, pf, false); err == nil {
				t.Errorf("PercentFromNumber(%v, %v) = %v; want an error", v, pf, p)
			}
		}
	}
}

var numberOK = map[string]float64{
	"30":         30,
	"1,234":      1234,
	"１２３４":       1234,
	"12.5":       12.5,
	" 7 ":        7,
	"-3":         -3,
	"1,234.5":    1234.5,
	"3.2万":       32000,
	"3.2 万":      32000,
	"1.1万":       11000,
	"1.5亿":       150000000,
	"2亿":         200000000,
	"-0":         0,
	"0":          0,
	"+5":         5,
	".5":         0.5,
	"1，234":      1234,
	"12,345,678": 12345678,
	"0.1":        0.1,
	"１．５万":       15000,
	"007":        7,
}

var numberBad = []string{
	"abc", "1,23", "12,34,567", "1234,567", ",123", "1,", "1e3", "0x10", "Inf", "NaN", "1_000",
	"三十", "30个", "万", "3.2万万", "3.2千", "1 234", "--3", "1.2.3", "%", "30%", "十万",
	"1" + strings.Repeat("0", 400),
}

func TestParseNumber(t *testing.T) {
	for in, want := range numberOK {
		t.Run("ok/"+in, func(t *testing.T) {
			got, err := ParseNumber(in)
			if err != nil || got != want || math.Signbit(got) != math.Signbit(want) {
				t.Errorf("ParseNumber(%q) = %v, %v; want %v", in, got, err, want)
			}
		})
	}
	for _, in := range numberBad {
		t.Run("bad/"+in[:min(len(in), 12)], func(t *testing.T) {
			got, err := ParseNumber(in)
			wantErrNaming(t, "ParseNumber("+in+")", err, "无法识别的数字“"+strings.TrimSpace(domain.FoldWidth(in))+"”")
			if got != 0 {
				t.Errorf("ParseNumber(%q) = %v with an error; want 0", in, got)
			}
		})
	}
	for _, in := range []string{"", " ", "　"} {
		if _, err := ParseNumber(in); !errors.Is(err, ErrEmpty) {
			t.Errorf("ParseNumber(%q) error = %v; want ErrEmpty", in, err)
		}
	}
	if _, err := ParseNumber("abc"); err == nil || err.Error() != "无法识别的数字“abc”" {
		t.Errorf("ParseNumber(abc) error = %v", err)
	}
}

func TestParseQuantity(t *testing.T) {
	tests := []struct {
		in, unit string
		want     float64
		stripped bool
	}{
		{"32场", "场", 32, true},
		{"32 场", "场", 32, true},
		{"32场", " 场 ", 32, true},
		{"32", "场", 32, false},
		{"95%", "%", 95, true},
		{"95％", "%", 95, true},
		{"95 %", "％", 95, true},
		{"1,234个", "个", 1234, true},
		{"3.2万人次", "人次", 32000, true},
		{"3.2万元", "元", 32000, true},
		{"12km", "km", 12, true},
		{"12KM", "km", 12, true},
		{"12ｋｍ", "KM", 12, true},
		{"3.2万元", "万元", 3.2, true},
		{"3.2万", "万元", 3.2, true},
		{"3.2", "万元", 3.2, false},
		{"5亿", "亿元", 5, true},
		{"30", "", 30, false},
		{"3.2万", "", 32000, false},
	}
	for _, tt := range tests {
		t.Run(tt.in+"/"+tt.unit, func(t *testing.T) {
			v, stripped, err := ParseQuantity(tt.in, tt.unit)
			if err != nil || v != tt.want || stripped != tt.stripped {
				t.Errorf("ParseQuantity(%q, %q) = %v, %v, %v; want %v, %v, nil", tt.in, tt.unit, v, stripped, err, tt.want, tt.stripped)
			}
		})
	}

	bad := []struct{ in, unit string }{
		{"32个", "场"},
		{"场", "场"},
		{"32场场", "场"},
		{"abc", "场"},
		{"95%", ""},
		{"3.2亿", "万元"},   // would be 32000 万元: never scale twice
		{"3.2万万元", "万元"}, // likewise
		{"32场", "个"},
	}
	for _, tt := range bad {
		t.Run("bad/"+tt.in+"/"+tt.unit, func(t *testing.T) {
			v, stripped, err := ParseQuantity(tt.in, tt.unit)
			wantErrNaming(t, "ParseQuantity("+tt.in+", "+tt.unit+")", err, "无法识别的数字“"+tt.in+"”")
			if v != 0 || stripped {
				t.Errorf("ParseQuantity(%q, %q) = %v, %v with an error; want 0, false", tt.in, tt.unit, v, stripped)
			}
		})
	}
	if _, _, err := ParseQuantity("  ", "场"); !errors.Is(err, ErrEmpty) {
		t.Errorf("ParseQuantity(blank) error = %v; want ErrEmpty", err)
	}
}

func TestParseTaskState(t *testing.T) {
	cases := map[domain.TaskState][]string{
		domain.TaskNotStarted: {"未启动", "未开始", "尚未启动", "未开展", " 未 启动 ", "　未启动　"},
		domain.TaskInProgress: {"推进中", "进行中", "正在推进", "推进", "实施中", "正常推进", "已启动", "在建", "持续推进", "推 进 中"},
		domain.TaskDone:       {"已完成", "完成", "已办结", "办结", "已完结", "全部完成", "已结束", "已落实", "已完成\n"},
		domain.TaskLagging:    {"滞后", "进度滞后", "推进滞后", "延期", "滞后推进", "落后", "滞\u3000后"},
	}
	for want, words := range cases {
		for _, in := range words {
			t.Run(string(want)+"/"+in, func(t *testing.T) {
				got, err := ParseTaskState(in)
				if err != nil || got != want {
					t.Errorf("ParseTaskState(%q) = %q, %v; want %q", in, got, err, want)
				}
			})
		}
	}
	// The canonical word of every state is accepted.
	for _, st := range domain.TaskStates {
		if got, err := ParseTaskState(st.Label()); err != nil || got != st {
			t.Errorf("ParseTaskState(%q) = %q, %v; want %q", st.Label(), got, err, st)
		}
	}
	for _, in := range []string{"未知状态", "已整改", "已销号", "done", "正常", "基本完成", "未完成", "100%"} {
		t.Run("bad/"+in, func(t *testing.T) {
			got, err := ParseTaskState(in)
			wantErrNaming(t, "ParseTaskState("+in+")", err, "无法识别的推进状态“"+in+"”")
			if got != "" {
				t.Errorf("ParseTaskState(%q) = %q with an error; want \"\"", in, got)
			}
		})
	}
	for _, in := range []string{"", "  ", "　", "\u200b"} {
		if _, err := ParseTaskState(in); !errors.Is(err, ErrEmpty) {
			t.Errorf("ParseTaskState(%q) error = %v; want ErrEmpty", in, err)
		}
	}
}

func TestParseRectState(t *testing.T) {
	cases := map[domain.RectState][]string{
		domain.RectNotStarted: {"未整改", "未开始", "尚未整改", " 未整改 "},
		domain.RectInProgress: {"整改中", "正在整改", "推进中", "进行中", "整改　中"},
		domain.RectDone:       {"已整改", "整改完成", "已完成", "完成"},
		domain.RectClosed:     {"已销号", "销号", "已 销号"},
	}
	for want, words := range cases {
		for _, in := range words {
			t.Run(string(want)+"/"+in, func(t *testing.T) {
				got, err := ParseRectState(in)
				if err != nil || got != want {
					t.Errorf("ParseRectState(%q) = %q, %v; want %q", in, got, err, want)
				}
			})
		}
	}
	for _, st := range domain.RectStates {
		if got, err := ParseRectState(st.Label()); err != nil || got != st {
			t.Errorf("ParseRectState(%q) = %q, %v; want %q", st.Label(), got, err, st)
		}
	}
	for _, in := range []string{"未知状态", "滞后", "未启动", "已办结", "整改", "rectified"} {
		t.Run("bad/"+in, func(t *testing.T) {
			got, err := ParseRectState(in)
			wantErrNaming(t, "ParseRectState("+in+")", err, "无法识别的整改状态“"+in+"”")
			if got != "" {
				t.Errorf("ParseRectState(%q) = %q with an error; want \"\"", in, got)
			}
		})
	}
	for _, in := range []string{"", " ", "　"} {
		if _, err := ParseRectState(in); !errors.Is(err, ErrEmpty) {
			t.Errorf("ParseRectState(%q) error = %v; want ErrEmpty", in, err)
		}
	}
}

func TestNormalizeID(t *testing.T) {
	cases := map[string]string{
		"１．５":       "1.5",
		" 1.5 ":     "1.5",
		"1.5.":      "1.5",
		"1.5、":      "1.5",
		"1.5。":      "1.5",
		"1.5 . ":    "1.5",
		"1.5.、":     "1.5",
		"1。5":       "1.5",
		"1。10":      "1.10",
		"1.10":      "1.10",
		"ZG-01":     "ZG-01",
		"ｚｇ－０１":     "zg-01",
		"ZG-01、":    "ZG-01",
		"1":         "1",
		"1、":        "1",
		"\u200b2.3": "2.3",
		"\ufeff2.3": "2.3",
		"　3.1　":     "3.1",
		"":          "",
		"  ":        "",
		"、":         "",
		"A。B":       "A。B", // 。 only becomes . between digits
		"1。":        "1",
	}
	for in, want := range cases {
		if got := NormalizeID(in); got != want {
			t.Errorf("NormalizeID(%q) = %q; want %q", in, got, want)
		}
		if got := NormalizeID(want); got != want {
			t.Errorf("NormalizeID(%q) = %q; want it unchanged (idempotent)", want, got)
		}
	}
}

func TestIDFromNumber(t *testing.T) {
	cases := []struct {
		v    float64
		want string
	}{
		{1.1, "1.1"},
		{2, "2"},
		{1.5, "1.5"},
		{1.10, "1.1"}, // Excel lost the 0: the caller must confirm by title
		{10, "10"},
		{12.25, "12.25"},
		{100000000, "100000000"},
		{math.Copysign(0, -1), "0"},
		{0, "0"},
	}
	for _, tt := range cases {
		if got := IDFromNumber(tt.v); got != tt.want {
			t.Errorf("IDFromNumber(%v) = %q; want %q", tt.v, got, tt.want)
		}
	}
}

func FuzzParsePercent(f *testing.F) {
	for in := range percentOK {
		f.Add(in, false)
	}
	for in := range percentOutOfRange {
		f.Add(in, false)
	}
	for _, in := range percentBad {
		f.Add(in, false)
	}
	f.Add("", false)
	f.Add("1", true)
	f.Add("0.47", false)
	f.Fuzz(func(t *testing.T, s string, fractions bool) {
		p, _, err := ParsePercent(s, fractions)
		if err != nil {
			if p != 0 {
				t.Errorf("ParsePercent(%q) = %v with error %v; want 0", s, p, err)
			}
			if err.Error() == "" {
				t.Errorf("ParsePercent(%q): empty error message", s)
			}
			return
		}
		if math.IsNaN(p) || p < 0 || p > 100 || math.Signbit(p) {
			t.Errorf("ParsePercent(%q) = %v; want a value in [0, 100]", s, p)
		}
	})
}

func FuzzParseNumber(f *testing.F) {
	for in := range numberOK {
		f.Add(in)
	}
	for _, in := range numberBad {
		f.Add(in)
	}
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseNumber(s)
		if err != nil {
			if v != 0 {
				t.Errorf("ParseNumber(%q) = %v with error %v; want 0", s, v, err)
			}
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Errorf("ParseNumber(%q) = %v; want a finite number", s, v)
		}
		// A number that reads as a number also reads as a quantity in no
		// unit, with the same value.
		q, stripped, qerr := ParseQuantity(s, "")
		if qerr != nil || q != v || stripped {
			t.Errorf("ParseQuantity(%q, \"\") = %v, %v, %v; want %v, false, nil", s, q, stripped, qerr, v)
		}
	})
}

func FuzzNormalizeID(f *testing.F) {
	f.Add("１．５")
	f.Add(" 1.5. ")
	f.Add("1。5、")
	f.Add("ZG-01")
	f.Fuzz(func(t *testing.T, s string) {
		id := NormalizeID(s)
		if again := NormalizeID(id); again != id {
			t.Errorf("NormalizeID(%q) = %q, but NormalizeID(%q) = %q; want it idempotent", s, id, id, again)
		}
		if id != strings.TrimSpace(id) || strings.HasSuffix(id, ".") || strings.HasSuffix(id, "、") {
			t.Errorf("NormalizeID(%q) = %q; want no surrounding spaces or trailing . 、", s, id)
		}
	})
}
