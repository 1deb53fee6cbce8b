package chart

import (
	"encoding/json"
	"html/template"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Slice is one part of a donut.
type Slice struct {
	Name  string
	Value float64
	Color string
}

// Donut draws parts of a whole as a ring, with the total in the middle:
// the number large and its unit (项, 个单位) below it, so that both fit
// inside the ring however small the chart is printed.
func Donut(id, title, total, unit string, slices []Slice) Chart {
	center := total + " " + unit
	return lazy(id, title, 300, []any{"donut", center, slices}, func() (template.JS, error) {
		pie := charts.NewPie()
		pie.SetGlobalOptions(
			charts.WithInitializationOpts(opts.Initialization{ChartID: id}),
			charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
			charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0", Type: "scroll"}),
			charts.WithTitleOpts(opts.Title{Title: center, Left: "center", Top: "38%"}),
		)
		data := make([]opts.PieData, len(slices))
		for i, s := range slices {
			data[i] = opts.PieData{Name: s.Name, Value: s.Value, ItemStyle: &opts.ItemStyle{Color: s.Color}}
		}
		pie.AddSeries(title, data, charts.WithPieChartOpts(opts.PieChart{Radius: []string{"45%", "68%"}, Center: []string{"50%", "45%"}}),
			charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: "{b} {c}"}))
		return finish(pie, id, func(o map[string]interface{}) {
			o["title"] = map[string]interface{}{"text": total, "subtext": unit, "left": "center", "top": "35%", "itemGap": 2,
				"textStyle": map[string]interface{}{"fontSize": 22}, "subtextStyle": map[string]interface{}{"fontSize": 12, "color": "#333"}}
			// The labels sit at the chart's edges, so that on a phone they
			// are not cut between the ring and the edge.
			edgeLabels(o)
		})
	})
}

// Line is a series of a line chart.
type Line struct {
	Series
	Dashed bool // a reference line, such as the expected progress
	Area   bool // fill under the line
}

// Lines draws series over categories (months), with a y axis from 0 to max
// (0 for automatic). Missing values (NaN) leave gaps.
func Lines(id, title string, x []string, lines []Line, max float64) Chart {
	return lazy(id, title, 300, []any{"lines", x, lines, max}, func() (template.JS, error) {
		l := charts.NewLine()
		series := make([]Series, len(lines))
		for i, ln := range lines {
			series[i] = ln.Series
		}
		l.SetGlobalOptions(base(id, colorsOf(series))...)
		y := opts.YAxis{Type: "value", Min: 0}
		if max > 0 {
			y.Max = max
		}
		l.SetGlobalOptions(charts.WithYAxisOpts(y))
		l.SetXAxis(x)
		l.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{AxisLabel: &opts.AxisLabel{Interval: "0", HideOverlap: opts.Bool(true)}}))
		for _, ln := range lines {
			data := make([]opts.LineData, len(ln.Values))
			for i, v := range ln.Values {
				data[i] = opts.LineData{Value: value(v)}
			}
			so := []charts.SeriesOpts{charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(!ln.Dashed)})}
			if ln.Dashed {
				so = append(so, charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Width: 2}))
			} else {
				so = append(so, charts.WithLineStyleOpts(opts.LineStyle{Width: 3}))
			}
			if ln.Area {
				so = append(so, charts.WithAreaStyleOpts(opts.AreaStyle{Opacity: opts.Float(0.12)}))
			}
			l.AddSeries(ln.Name, data, so...)
		}
		return finish(l, id, nil)
	})
}

// Gauge draws one percentage on a dial from 0 to 100.
func Gauge(id, title, name string, v float64, color string) Chart {
	return lazy(id, title, 260, []any{"gauge", name, v, color}, func() (template.JS, error) {
		g := charts.NewGauge()
		g.SetGlobalOptions(charts.WithInitializationOpts(opts.Initialization{ChartID: id}))
		g.AddSeries(title, []opts.GaugeData{{Name: name, Value: value(v)}})
		return finish(g, id, func(o map[string]interface{}) {
			delete(o, "legend")
			{
				o["series"] = []map[string]interface{}{{
					"type": "gauge", "name": title, "min": 0, "max": 100,
					"data":     []map[string]interface{}{{"name": name, "value": value(v)}},
					"progress": map[string]interface{}{"show": true, "width": 14, "itemStyle": map[string]interface{}{"color": color}},
					"axisLine": map[string]interface{}{"lineStyle": map[string]interface{}{"width": 14}},
					"detail":   map[string]interface{}{"valueAnimation": false, "formatter": "{value}%", "fontSize": 24, "offsetCenter": []string{"0", "60%"}},
					"title":    map[string]interface{}{"offsetCenter": []string{"0", "88%"}},
					"pointer":  map[string]interface{}{"show": false},
				}}
			}
		})
	})
}

// Piece is one value of a categorical heat map, with its label, the short
// word written in its cells and its colour.
type Piece struct {
	Value int
	Label string
	Short string
	Color string
}

// Heatmap draws a grid of rows × columns, each cell one of pieces (a value
// of -1 leaves the cell empty) in its colour and with its short word, so
// that a black-and-white copy reads too; every column is labelled.
func Heatmap(id, title string, cols, rows []string, cells [][]int, pieces []Piece) Chart {
	return lazy(id, title, 80+26*len(rows), []any{"heatmap", cols, rows, cells, pieces}, func() (template.JS, error) {
		h := charts.NewHeatMap()
		h.SetGlobalOptions(
			charts.WithInitializationOpts(opts.Initialization{ChartID: id}),
			charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: "{b}"}),
			charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: cols, SplitArea: &opts.SplitArea{Show: opts.Bool(true)}, AxisLabel: &opts.AxisLabel{Interval: "0"}}),
			charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: rows, SplitArea: &opts.SplitArea{Show: opts.Bool(true)}, Inverse: opts.Bool(true)}),
			charts.WithGridOpts(opts.Grid{Left: "3%", Right: "3%", Top: "40", Bottom: "3%", ContainLabel: opts.Bool(true)}),
		)
		byValue := map[int]Piece{}
		for _, p := range pieces {
			byValue[p.Value] = p
		}
		// Each cell as an ECharts data item of its own, named for the
		// tooltip and labelled with its piece's short word.
		var items []map[string]interface{}
		for r, row := range cells {
			for c, v := range row {
				if v >= 0 {
					p := byValue[v]
					items = append(items, map[string]interface{}{"value": []int{c, r, v}, "name": rows[r] + " " + cols[c] + "：" + p.Label,
						"label": map[string]interface{}{"formatter": p.Short}})
				}
			}
		}
		h.AddSeries(title, nil, charts.WithItemStyleOpts(opts.ItemStyle{BorderColor: "#ffffff", BorderWidth: 2}))
		return finish(h, id, func(o map[string]interface{}) {
			var ps []map[string]interface{}
			for _, p := range pieces {
				ps = append(ps, map[string]interface{}{"value": p.Value, "label": p.Label, "color": p.Color})
			}
			o["visualMap"] = []map[string]interface{}{{"type": "piecewise", "pieces": ps, "orient": "horizontal", "left": "center", "top": 0, "dimension": 2}}
			eachSeries(o, func(_ int, s map[string]interface{}) {
				s["data"] = items
				s["label"] = map[string]interface{}{"show": true, "color": "#fff", "fontSize": 11, "textBorderColor": "rgba(0,0,0,0.6)", "textBorderWidth": 2}
			})
			o["legend"] = map[string]interface{}{"show": false}
		})
	})
}

// edgeLabels aligns the labels of the option's pie series to the chart's
// left and right edges (ECharts' label.alignTo "edge"), keeping each within
// the chart however narrow it is.
func edgeLabels(o map[string]interface{}) {
	eachSeries(o, func(_ int, s map[string]interface{}) {
		label, _ := s["label"].(map[string]interface{})
		if label == nil {
			label = map[string]interface{}{}
		}
		label["alignTo"], label["edgeDistance"], label["minMargin"] = "edge", 6, 4
		s["label"] = label
		s["labelLine"] = map[string]interface{}{"length": 8, "length2": 0, "maxSurfaceAngle": 80}
	})
}

// eachSeries calls f with each series of the option as a plain map (go-echarts
// keeps them as its own types), in order, and puts the changed series back.
func eachSeries(o map[string]interface{}, f func(i int, s map[string]interface{})) {
	b, err := json.Marshal(o["series"])
	if err != nil {
		return
	}
	var series []map[string]interface{}
	if json.Unmarshal(b, &series) != nil {
		return
	}
	for i, s := range series {
		f(i, s)
	}
	o["series"] = series
}
