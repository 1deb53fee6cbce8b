package chart

import (
	"encoding/json"
	"fmt"
	"html/template"
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/plansite/plansite/internal/keyhash"
)

// Series is one named row of numbers. A NaN value is drawn as no data.
type Series struct {
	Name   string
	Values []float64
	Color  string // CSS colour; "" takes the palette's next colour
}

// Palette is the colour cycle for series that have no colour of their own;
// its colours are distinguishable in print and by most colour-blind readers.
var Palette = []string{"#3b6fb6", "#e08a1e", "#3a9b6a", "#8e5bb5", "#c9473f", "#2b9bb3", "#a8842c", "#6d7782"}

type validator interface {
	Validate()
	JSON() map[string]interface{}
}

// Chart is a chart ready to be placed in a page: its place (element ids,
// title, height) and its ECharts option, made when the page is rendered
// (Option). A page that comes out the same as in the last build is not
// rendered, and its charts are then not made: the page's key takes the
// chart's key, of what its option is made from, instead of the option.
type Chart struct {
	ID      string // element id, unique within its page
	Title   string // the chart's accessible name, shown above it
	Height  int    // height in CSS pixels
	TableID string // id of the table that holds the same numbers

	key    keyhash.Key
	option func() (template.JS, error)
}

// Key identifies everything the chart is made of (keyhash.Keyed).
func (c Chart) Key() keyhash.Key { return c.key }

// Option is the chart's ECharts option as HTML-escaped JSON; the zero
// Chart has none.
func (c Chart) Option() (template.JS, error) {
	if c.option == nil {
		return "", nil
	}
	return c.option()
}

// lazy returns the chart of the given place whose option option makes from
// args (every value it reads).
func lazy(id, title string, height int, args []any, option func() (template.JS, error)) Chart {
	return Chart{ID: id, Title: title, Height: height, TableID: id + "-table",
		key: keyhash.Of(id, title, height, args), option: option}
}

// finish serialises a go-echarts chart into an option. tweak, when not
// nil, sets the few options that go-echarts has no field for.
func finish(c validator, id string, tweak func(map[string]interface{})) (template.JS, error) {
	c.Validate()
	opt := c.JSON()
	delete(opt, "toolbox") // nothing to save or switch on a printed page
	if tweak != nil {
		tweak(opt)
	}
	b, err := json.Marshal(opt) // escapes <, > and & as \u003c…
	if err != nil {
		return "", fmt.Errorf("chart %s: %w", id, err)
	}
	return template.JS(b), nil
}

func base(id string, colors []string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: id}),
		charts.WithColorsOpts(opts.Colors(colors)),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0", Type: "scroll"}),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Bottom: "3%", Top: "40", ContainLabel: opts.Bool(true)}),
	}
}

func colorsOf(series []Series) []string {
	out := make([]string, len(series))
	for i, s := range series {
		out[i] = s.Color
		if out[i] == "" {
			out[i] = Palette[i%len(Palette)]
		}
	}
	return out
}

// value returns v for a chart, with NaN as a missing value ("-").
func value(v float64) interface{} {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	return v
}

// StackedBar draws one bar per category with the series stacked on it,
// each series in its colour and its own pattern (Patterns), so that a
// black-and-white copy still tells them apart; the legend shows every
// series, in as many lines as it needs.
func StackedBar(id, title string, categories []string, series []Series) Chart {
	return lazy(id, title, 320, []any{"bar", categories, series}, func() (template.JS, error) {
		bar := charts.NewBar()
		bar.SetGlobalOptions(base(id, colorsOf(series))...)
		bar.SetGlobalOptions(
			charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0", Type: "plain"}),
			// Room for a legend of two lines at the printed width.
			charts.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Bottom: "3%", Top: "62", ContainLabel: opts.Bool(true)}),
			charts.WithXAxisOpts(opts.XAxis{AxisLabel: &opts.AxisLabel{Interval: "0", HideOverlap: opts.Bool(true)}}),
			charts.WithYAxisOpts(opts.YAxis{MinInterval: 1}),
		)
		bar.SetXAxis(categories)
		for _, s := range series {
			data := make([]opts.BarData, len(s.Values))
			for i, v := range s.Values {
				data[i] = opts.BarData{Value: value(v)}
			}
			bar.AddSeries(s.Name, data, charts.WithBarChartOpts(opts.BarChart{Stack: "total"}))
		}
		return finish(bar, id, func(o map[string]interface{}) {
			eachSeries(o, func(i int, s map[string]interface{}) {
				if p := Patterns[i%len(Patterns)]; p != nil {
					s["itemStyle"] = map[string]interface{}{"decal": p}
				}
			})
		})
	})
}

// Patterns are the ECharts decals laid over the colours of a chart's
// series in order — none, lines one way, dots, lines the other way,
// level lines, upright lines, a grid, triangles — light enough to keep each colour, distinct
// enough to tell the series apart on a black-and-white copy.
var Patterns = []map[string]interface{}{
	nil,
	{"color": decalInk, "dashArrayX": []int{1, 0}, "dashArrayY": []int{2, 4}, "rotation": math.Pi / 4},
	{"color": decalInk, "symbol": "circle", "symbolSize": 0.7, "dashArrayX": [][]int{{5, 5}, {0, 5, 5, 0}}, "dashArrayY": []int{5, 0}},
	{"color": decalInk, "dashArrayX": []int{1, 0}, "dashArrayY": []int{2, 4}, "rotation": -math.Pi / 4},
	{"color": decalInk, "dashArrayX": []int{1, 0}, "dashArrayY": []int{2, 3}},
	{"color": decalInk, "dashArrayX": []int{1, 0}, "dashArrayY": []int{2, 3}, "rotation": math.Pi / 2},
	{"color": decalInk, "dashArrayX": [][]int{{1, 0}, {1, 5}}, "dashArrayY": []int{1, 0, 5, 0}},
	{"color": decalInk, "symbol": "triangle", "symbolSize": 0.75, "dashArrayX": [][]int{{8, 8}, {0, 8, 8, 0}}, "dashArrayY": []int{6, 2}},
}

const decalInk = "rgba(255, 255, 255, 0.6)"
