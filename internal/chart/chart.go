package chart

import (
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"strconv"
	"sync"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/plansite/plansite/internal/keyhash"
	"github.com/plansite/plansite/internal/store"
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

// Memo keeps charts by their arguments, so that a build makes only the
// charts whose numbers changed: building an option with go-echarts costs
// more than comparing the arguments. The charts are kept in the process
// for all its builds (serve and watch build again and again), and with a
// Store for the builds after it, in other processes. A nil *Memo keeps
// them in the process only.
type Memo struct {
	Store *store.Store
}

// made keeps the charts of this process by the key of their arguments. It
// holds at most madeMax charts.
var made struct {
	sync.Mutex
	charts map[keyhash.Key]Chart
}

const madeMax = 4096

// cached returns the chart make makes for args, made once.
func (m *Memo) cached(args []any, make func() (Chart, error)) (Chart, error) {
	key := keyhash.Of(args...)
	var st *store.Store
	if m != nil {
		st = m.Store
	}
	if v, ok := st.Get(key); ok {
		if c, ok := decodeChart(v); ok {
			return c, nil
		}
	}
	made.Lock()
	c, ok := made.charts[key]
	made.Unlock()
	if !ok {
		var err error
		if c, err = make(); err != nil {
			return c, err
		}
		made.Lock()
		if made.charts == nil || len(made.charts) >= madeMax {
			made.charts = map[keyhash.Key]Chart{}
		}
		made.charts[key] = c
		made.Unlock()
	}
	st.Put(key, encodeChart(c))
	return c, nil
}

// encodeChart writes c as a string for a store.
func encodeChart(c Chart) string {
	return store.Join(c.ID, c.Title, strconv.Itoa(c.Height), string(c.Option), c.TableID)
}

// decodeChart reads what encodeChart wrote; ok is false for anything else.
func decodeChart(v string) (Chart, bool) {
	f, ok := store.Split(v, 5)
	if !ok {
		return Chart{}, false
	}
	h, err := strconv.Atoi(f[2])
	if err != nil {
		return Chart{}, false
	}
	return Chart{ID: f[0], Title: f[1], Height: h, Option: template.JS(f[3]), TableID: f[4]}, true
}

// finish serialises a go-echarts chart into a Chart. tweak, when not nil,
// sets the few options that go-echarts has no field for.
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
func (m *Memo) StackedBar(id, title string, categories []string, series []Series) (Chart, error) {
	return m.cached([]any{"bar", id, title, categories, series}, func() (Chart, error) {
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
