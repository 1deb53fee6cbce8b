package domain

import (
	"slices"
	"testing"
)

// TestIndicatorAreas: readiness is given for every area the indicators
// name, in the settings' order when they list areas, else as the
// indicators first name them.
func TestIndicatorAreas(t *testing.T) {
	inds := []Indicator{{ID: "E1", Area: "劳动关系"}, {ID: "E2", Area: "就业服务"}, {ID: "E3", Area: "劳动关系"}, {ID: "E4", Area: "人才流动"}}
	cases := []struct {
		name   string
		listed []string
		want   []string
	}{
		{"no areas in the settings: first appearance", nil, []string{"劳动关系", "就业服务", "人才流动"}},
		{"the settings' order; an area no indicator names left out", []string{"就业服务", "政务服务", "人才流动", "劳动关系"}, []string{"就业服务", "人才流动", "劳动关系"}},
		{"an area the settings leave out follows", []string{"人才流动"}, []string{"人才流动", "劳动关系", "就业服务"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := &Plan{Settings: Settings{Areas: tc.listed}, Indicators: inds}
			if got := p.IndicatorAreas(); !slices.Equal(got, tc.want) {
				t.Errorf("IndicatorAreas() = %q; want %q", got, tc.want)
			}
		})
	}
}

// TestMonthAfterTitle: a title that names the month's year is followed by
// the month alone, so that no title says the year twice.
func TestMonthAfterTitle(t *testing.T) {
	cases := []struct {
		title string
		m     Month
		want  string
	}{
		{"某县医保局2025年度优化营商环境工作", MustMonth(2025, 3), "3月"},
		{"某县医保局2025年度优化营商环境工作", MustMonth(2026, 1), "2026年1月"},
		{"某县医保局优化营商环境工作", MustMonth(2025, 11), "2025年11月"},
		{"2024—2025年营商环境三年行动", MustMonth(2024, 12), "2024年12月"},
		{"2024—2025年营商环境三年行动", MustMonth(2025, 2), "2月"},
	}
	for _, tc := range cases {
		if got := (Settings{Title: tc.title}).MonthAfterTitle(tc.m); got != tc.want {
			t.Errorf("%s, %s: %q; want %q", tc.title, tc.m, got, tc.want)
		}
	}
}
