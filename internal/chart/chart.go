package chart

import (
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"sync"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/plansite/plansite/internal/keyhash"
)

// Chart is a chart ready to be placed in a page.
type Chart struct {
	ID      string      // element id, unique within its page
	Title   string      // the chart's accessible name, shown above it
	Height  int         // height in CSS pixels
	Option  template.JS // ECharts option as HTML-escaped JSON
	TableID string      // id of the table that holds the same numbers
}

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

// finish serialises a go-echarts chart into a Chart. tweak, when not nil,
// sets the few options that go-echarts has no field for.
// made keeps the charts made lately by their arguments: a rebuild (above
// all in serve and watch, which build again and again) makes most of the
// same charts again, and building an option with go-echarts costs more
// than comparing the arguments. It holds at most madeMax charts.
var made struct {
	sync.Mutex
	charts map[keyhash.Key]Chart
}

const madeMax = 4096

// cached returns the chart make makes for args, made once.
func cached(args []any, make func() (Chart, error)) (Chart, error) {
	key := keyhash.Of(args...)
	made.Lock()
	c, ok := made.charts[key]
	made.Unlock()
	if ok {
		return c, nil
	}
	c, err := make()
	if err != nil {
		return c, err
	}
	made.Lock()
	if made.charts == nil || len(made.charts) >= madeMax {
		made.charts = map[keyhash.Key]Chart{}
	}
	made.charts[key] = c
	made.Unlock()
	return c, nil
}

func finish(c validator, id, title string, height int, tweak func(map[string]interface{})) (Chart, error) {
	c.Validate()
	opt := c.JSON()
	delete(opt, "toolbox") // nothing to save or switch on a printed page
	if tweak != nil {
		tweak(opt)
	}
	b, err := json.Marshal(opt) // escapes <, > and & as \u003c…
	if err != nil {
		return Chart{}, fmt.Errorf("chart %s: %w", id, err)
	}
	return Chart{ID: id, Title: title, Height: height, Option: template.JS(b), TableID: id + "-table"}, nil
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

// StackedBar draws one bar per category with the series stacked on it.
func StackedBar(id, title string, categories []string, series []Series) (Chart, error) {
	return cached([]any{"bar", id, title, categories, series}, func() (Chart, error) {
		bar := charts.NewBar()
		bar.SetGlobalOptions(base(id, colorsOf(series))...)
		bar.SetGlobalOptions(
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
		return finish(bar, id, title, 320, nil)
	})
}
