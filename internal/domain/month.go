package domain

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Month is a calendar month of a year. The zero Month means "no month".
type Month struct {
	y int
	m time.Month
}

// NewMonth returns the month y-m and true, or the zero Month and false when m
// is not 1..12 or y is outside 1..9999.
func NewMonth(y int, m time.Month) (Month, bool) {
	if y < 1 || y > 9999 || m < time.January || m > time.December {
		return Month{}, false
	}
	return Month{y, m}, true
}

// MustMonth is NewMonth for literals known to be valid; it panics otherwise.
func MustMonth(y int, m time.Month) Month {
	mo, ok := NewMonth(y, m)
	if !ok {
		panic(fmt.Sprintf("domain: invalid month %04d-%02d", y, int(m)))
	}
	return mo
}

// ParseMonthISO reads "2006-01" as written by String; anything else is an
// error. Spellings that people write are parsed by package value.
func ParseMonthISO(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return Month{}, fmt.Errorf("month %q: want YYYY-MM", s)
	}
	return Month{t.Year(), t.Month()}, nil
}

// IsZero reports whether m is the zero Month.
func (m Month) IsZero() bool { return m.y == 0 }

// Year returns the year of m.
func (m Month) Year() int { return m.y }

// Num returns the month of the year of m.
func (m Month) Num() time.Month { return m.m }

// String returns m as 2006-01, or "" for the zero Month.
func (m Month) String() string {
	if m.IsZero() {
		return ""
	}
	b := pad(make([]byte, 0, 7), m.y, 4)
	return string(pad(append(b, '-'), int(m.m), 2))
}

// Label returns m in Chinese, such as 2023年5月.
func (m Month) Label() string {
	if m.IsZero() {
		return ""
	}
	return strconv.Itoa(m.y) + "年" + strconv.Itoa(int(m.m)) + "月"
}

// Add returns the month n months after m (before, when n < 0).
func (m Month) Add(n int) Month {
	i := m.index() + n
	return Month{i / 12, time.Month(i%12 + 1)}
}

// Next returns the month after m.
func (m Month) Next() Month { return m.Add(1) }

// Prev returns the month before m.
func (m Month) Prev() Month { return m.Add(-1) }

// Since returns how many months m is after o (negative when before).
func (m Month) Since(o Month) int { return m.index() - o.index() }

// First returns the first day of m.
func (m Month) First() Date { return Date{m.y, m.m, 1} }

// Last returns the last day of m.
func (m Month) Last() Date { return m.Next().First().AddDays(-1) }

// Day returns day d of m, clamped to the month's last day.
func (m Month) Day(d int) Date {
	if last := m.Last(); d > last.d {
		return last
	}
	if d < 1 {
		d = 1
	}
	return Date{m.y, m.m, d}
}

// Before reports whether m is earlier than o.
func (m Month) Before(o Month) bool { return m.index() < o.index() }

// After reports whether m is later than o.
func (m Month) After(o Month) bool { return m.index() > o.index() }

func (m Month) index() int { return m.y*12 + int(m.m) - 1 }

// MonthsFrom returns every month from a to b inclusive, or nil when b is
// before a.
func MonthsFrom(a, b Month) []Month {
	if b.Before(a) || a.IsZero() {
		return nil
	}
	out := make([]Month, 0, b.Since(a)+1)
	for m := a; !m.After(b); m = m.Next() {
		out = append(out, m)
	}
	return out
}

// MarshalJSON writes "2006-01", or null for the zero Month.
func (m Month) MarshalJSON() ([]byte, error) {
	if m.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(m.String())
}

// UnmarshalJSON reads what MarshalJSON writes.
func (m *Month) UnmarshalJSON(b []byte) error {
	var s *string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s == nil || *s == "" {
		*m = Month{}
		return nil
	}
	v, err := ParseMonthISO(*s)
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// MarshalBinary writes m as its text, for encoders such as gob.
func (m Month) MarshalBinary() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalBinary reads what MarshalBinary writes.
func (m *Month) UnmarshalBinary(b []byte) error {
	if len(b) == 0 {
		*m = Month{}
		return nil
	}
	v, err := ParseMonthISO(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// pad appends n in decimal with leading zeros to width digits (what
// fmt's %0*d does, several times faster: pages print thousands of months).
func pad(b []byte, n, width int) []byte {
	s := strconv.Itoa(n)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}
