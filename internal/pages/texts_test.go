package pages

import (
	"html/template"
	"strings"
	"testing"
)

// textsTemplate is the template that wrote the table of textRows before
// textRows.HTML did: the reference for its bytes and its escaping.
var textsTemplate = template.Must(template.New("texts").Parse(`{{define "unit"}}{{if .Href}}<a class="u" href="{{.Href}}">{{.Name}}</a>{{else}}<span class="u">{{.Name}}</span>{{end}}{{end}}` +
	`<table class="data texts">
  <thead><tr><th scope="col">单位</th><th scope="col">进度 / 状态</th><th scope="col">本月工作进展</th><th scope="col">存在问题</th><th scope="col">下月工作计划</th></tr></thead>
  <tbody>{{range .}}<tr><td>{{template "unit" .Unit}}<br><span class="muted">{{.Role}}</span></td><td>{{.Progress}}<br>{{.State}}</td><td class="text">{{.Done}}</td><td class="text">{{.Issues}}</td><td class="text">{{.Next}}</td></tr>{{end}}</tbody>
</table>`))

func hostileRows() textRows {
	return textRows{
		{Unit: unitLink{Name: "西安县人社局", Href: "../../../units/c0001/index.html"}, Role: "牵头单位", Progress: "60%", State: "正常推进",
			Done: "完成需求调研，形成方案。", Issues: "部分数据尚未共享。", Next: "推进系统对接与测试。"},
		{Unit: unitLink{Name: `<script>alert("x")</script>`}, Role: "配合单位", Progress: "—", State: "—",
			Done: `a & b < c > d "e" 'f' 1+1`, Issues: "\x00NUL 与 \xff 坏字节", Next: "</td></tr></table><img src=x onerror=alert(1)>"},
		{Unit: unitLink{Name: "O'Neil & 子", Href: "../../units/a_b-1/index.html"}, Role: "牵头单位", Progress: "100%", State: "已完成",
			Done: "第一行\n第二行\t制表", Issues: "", Next: "﷐ \u2028 ＋ &amp;"},
	}
}

func TestTextsTableAsTemplate(t *testing.T) {
	for _, rows := range []textRows{nil, hostileRows()} {
		var want strings.Builder
		if err := textsTemplate.Execute(&want, rows); err != nil {
			t.Fatal(err)
		}
		if got := string(rows.HTML()); got != want.String() {
			t.Errorf("textRows.HTML differs from html/template's table:\n got %q\nwant %q", got, want.String())
		}
	}
	if got := string(hostileRows().HTML()); strings.Contains(got, "<script>") || strings.Contains(got, "<img") {
		t.Errorf("markup in a unit's text was written as markup: %s", got)
	}
}

func benchRows() textRows {
	var rows textRows
	for i := 0; i < 100; i++ {
		rows = append(rows, entryRow{Unit: unitLink{Name: "西安县人社局", Href: "../../../units/c0001/index.html"}, Role: "牵头单位", Progress: "60%", State: "正常推进",
			Done: strings.Repeat("完成工伤认定数字化改造的需求调研，形成方案。", 4), Issues: strings.Repeat("部分数据尚未共享。", 3), Next: strings.Repeat("推进系统对接与测试。", 4)})
	}
	return rows
}

// BenchmarkTextsTable compares, in one run, the table of 100 rows written
// by textRows.HTML with the same written by html/template.
func BenchmarkTextsTable(b *testing.B) {
	rows := benchRows()
	b.Run("HTML", func(b *testing.B) {
		for b.Loop() {
			_ = rows.HTML()
		}
	})
	b.Run("template", func(b *testing.B) {
		for b.Loop() {
			var w strings.Builder
			if err := textsTemplate.Execute(&w, rows); err != nil {
				b.Fatal(err)
			}
		}
	})
}
