package value

import (
	"errors"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/domain"
)

func TestParseDate(t *testing.T) {
	want := domain.MustDate(2023, time.May, 20)
	for _, in := range []string{
		"2023-05-20", "2023-5-20", "2023/5/20", "2023.5.20", "2023年5月20日", "2023年05月20日",
		" 2023-05-20 ", "２０２３－０５－２０", "２０２３年５月２０日", "20230520", "2023-05-20 23:59", "2023/5/20 9:05:00", "2023年5月20号",
		// ISO 8601 as JavaScript and database tools write it: the date as
		// written, whatever the time and zone.
		"2023-05-20T00:00:00.000Z", "2023-05-20T08:00:00+08:00", "2023-05-20T23:59:59.999-05:00", "2023-05-20T00:00:00Z",
		"2023-05-20 00:00:00.000000", "2023-05-20T00:00", "20230520T000000Z", "20230520T080000+0800", "'2023-05-20",
	} {
		got, err := ParseDate(in)
		if err != nil || got != want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"2023-02-30", "2023-13-01", "1900-01-00", "明天", "2023年5月", "5/20/2023", "2023-05-20x", "2023-05-20T", "2023-05-20Z", "2023-05-20T00:00:00+8"} {
		if got, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) = %v; want an error", in, got)
		}
	}
	if _, err := ParseDate("  "); !errors.Is(err, ErrEmpty) {
		t.Errorf("ParseDate(blank) error = %v; want ErrEmpty", err)
	}
}

func TestParseDeadline(t *testing.T) {
	cases := map[string]domain.Date{
		"2023年12月31日前": domain.MustDate(2023, time.December, 31),
		"2023年5月31日之前": domain.MustDate(2023, time.May, 31),
		"2024年底":       domain.MustDate(2024, time.December, 31),
		"2023年底前":      domain.MustDate(2023, time.December, 31),
		"2023年6月底":     domain.MustDate(2023, time.June, 30),
		"2024年2月底前":    domain.MustDate(2024, time.February, 29),
		"2023-08-31":   domain.MustDate(2023, time.August, 31),
		"2023/8/31以前":  domain.MustDate(2023, time.August, 31),
	}
	for in, want := range cases {
		got, err := ParseDeadline(in)
		if err != nil || got != want {
			t.Errorf("ParseDeadline(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"年底", "2023年13月底", "尽快", "2023年2月30日前"} {
		if got, err := ParseDeadline(in); err == nil {
			t.Errorf("ParseDeadline(%q) = %v; want an error", in, got)
		}
	}
}

func TestParseMonth(t *testing.T) {
	want := domain.MustMonth(2023, time.May)
	for _, in := range []string{"2023-05", "2023-5", "2023/05", "2023.5", "202305", "2023年5月", "2023年05月份", "２０２３年５月", "2023-05-20"} {
		got, err := ParseMonth(in)
		if err != nil || got != want {
			t.Errorf("ParseMonth(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"2023-13", "2023-00", "五月", "23-05"} {
		if got, err := ParseMonth(in); err == nil {
			t.Errorf("ParseMonth(%q) = %v; want an error", in, got)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2023-05-20", "2023年5月20日", "2024年底", "2023年6月底前", "9999-12-31", "0000-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDeadline(s)
		if err == nil && d.IsZero() {
			t.Fatalf("ParseDeadline(%q) gave the zero date without an error", s)
		}
		if err == nil {
			if again, err := ParseDate(d.String()); err != nil || again != d {
				t.Fatalf("ParseDeadline(%q) = %v does not round-trip: %v, %v", s, d, again, err)
			}
		}
		if m, err := ParseMonth(s); err == nil && m.IsZero() {
			t.Fatalf("ParseMonth(%q) gave the zero month without an error", s)
		}
	})
}
