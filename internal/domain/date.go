package domain

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Date is a calendar day with no time of day and no zone. The zero Date means
// "no date".
type Date struct {
	y int
	m time.Month
	d int
}

// NewDate returns the date y-m-d and true, or the zero Date and false when
// that day does not exist (2023-02-30, month 13, year outside 1..9999).
func NewDate(y int, m time.Month, d int) (Date, bool) {
	if y < 1 || y > 9999 || m < time.January || m > time.December || d < 1 {
		return Date{}, false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || t.Month() != m {
		return Date{}, false
	}
	return Date{y, m, d}, true
}

// MustDate is NewDate for literals known to be valid; it panics otherwise.
// Use it only in tests and for constants.
func MustDate(y int, m time.Month, d int) Date {
	dt, ok := NewDate(y, m, d)
	if !ok {
		panic(fmt.Sprintf("domain: invalid date %04d-%02d-%02d", y, int(m), d))
	}
	return dt
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	if t.IsZero() {
		return Date{}
	}
	return Date{t.Year(), t.Month(), t.Day()}
}

// IsZero reports whether d is the zero Date ("no date").
func (d Date) IsZero() bool { return d.y == 0 }

// Year, MonthNum and Day return the parts of d.
func (d Date) Year() int { return d.y }

// MonthNum returns the month of the year of d.
func (d Date) MonthNum() time.Month { return d.m }

// Day returns the day of the month of d.
func (d Date) Day() int { return d.d }

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time { return time.Date(d.y, d.m, d.d, 0, 0, 0, 0, time.UTC) }

// String returns d as 2006-01-02, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	b := pad(make([]byte, 0, 10), d.y, 4)
	b = pad(append(b, '-'), int(d.m), 2)
	return string(pad(append(b, '-'), d.d, 2))
}

// Label returns d in Chinese, such as 2023年5月20日, or "" for the zero Date.
func (d Date) Label() string {
	if d.IsZero() {
		return ""
	}
	return strconv.Itoa(d.y) + "年" + strconv.Itoa(int(d.m)) + "月" + strconv.Itoa(d.d) + "日"
}

// Before reports whether d is an earlier day than o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is a later day than o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
func (d Date) Compare(o Date) int {
	switch {
	case d.y != o.y:
		return cmpInt(d.y, o.y)
	case d.m != o.m:
		return cmpInt(int(d.m), int(o.m))
	default:
		return cmpInt(d.d, o.d)
	}
}

// AddDays returns the date n calendar days after d (before, when n < 0).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// DaysUntil returns the number of calendar days from d to o: positive when o
// is later, zero on the same day.
func (d Date) DaysUntil(o Date) int {
	return int(o.Time().Sub(d.Time()).Hours() / 24)
}

// Month returns the month that holds d.
func (d Date) Month() Month { return Month{d.y, d.m} }

// MarshalJSON writes "2006-01-02", or null for the zero Date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads what MarshalJSON writes.
func (d *Date) UnmarshalJSON(b []byte) error {
	var s *string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s == nil || *s == "" {
		*d = Date{}
		return nil
	}
	t, err := time.Parse("2006-01-02", *s)
	if err != nil {
		return fmt.Errorf("date %q: %w", *s, err)
	}
	*d = DateOf(t)
	return nil
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// MarshalBinary writes d as its text, for encoders such as gob.
func (d Date) MarshalBinary() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalBinary reads what MarshalBinary writes.
func (d *Date) UnmarshalBinary(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	t, err := time.Parse("2006-01-02", string(b))
	if err != nil {
		return err
	}
	*d = DateOf(t)
	return nil
}
