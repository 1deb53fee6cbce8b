package e2e

import (
	"encoding/json"
	"fmt"
)

// layoutScript, run in a page (browser.Options.Script), reports what a reader of
// a narrow or a wide screen would see cut or broken, as a JSON list of
// layoutProblem: the page scrolling sideways; an element reaching past the
// right edge of the window and not inside a box that scrolls or clips it
// (a table in a scroll box is fine), or a table or chart past its panel or
// past main; a chart's drawing wider than its box;
// and short texts — ids, titles, unit names, headings, states, table cells
// of at most 40 characters — with a line holding a single character
// ("1." / "3", "就业中" / "心"), punctuation not counted.
const layoutScript = `
const out = [];
const vw = document.documentElement.clientWidth;
const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
const text = el => el.textContent.replace(/\s+/g, " ").trim().slice(0, 60);
if (document.documentElement.scrollWidth > vw + 1) {
	out.push({Kind: "page", Where: "html", Text: "", Detail: "the page scrolls sideways: " + document.documentElement.scrollWidth + " > " + vw});
}
const clipped = el => {
	for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
		const ox = getComputedStyle(a).overflowX;
		if ((ox === "auto" || ox === "scroll" || ox === "hidden") && a.getBoundingClientRect().right <= vw + 1) return true;
	}
	return false;
};
for (const el of document.body.querySelectorAll("*")) {
	const r = el.getBoundingClientRect();
	if (r.width === 0 || r.height === 0 || r.right <= vw + 1) continue;
	if (getComputedStyle(el).position === "fixed" || clipped(el)) continue;
	// Report the outermost element only.
	const p = el.parentElement;
	if (p && p !== document.body && p.getBoundingClientRect().right > vw + 1 && !clipped(p)) continue;
	out.push({Kind: "cut", Where: name(el), Text: text(el), Detail: "reaches " + Math.round(r.right) + " px, past the window's " + vw});
}
// A table or chart reaching past its panel (a column of the page's grid)
// or past main, into the gutter or the margin.
for (const el of document.querySelectorAll("main table, main .chart, main figure")) {
	const box = el.parentElement.closest(".grid > *, main");
	const r = el.getBoundingClientRect();
	if (!box || r.width === 0 || clipped(el)) continue;
	const cs = getComputedStyle(box);
	const edge = box.getBoundingClientRect().right - parseFloat(cs.paddingRight) - parseFloat(cs.borderRightWidth);
	if (r.right > edge + 1) {
		out.push({Kind: "cut", Where: name(el), Text: text(el), Detail: "reaches " + Math.round(r.right) + " px, past its box's " + Math.round(edge)});
	}
}
for (const c of document.querySelectorAll(".chart")) {
	const g = c.querySelector("svg, canvas");
	if (g && g.getBoundingClientRect().width > c.getBoundingClientRect().width + 1) {
		out.push({Kind: "chart", Where: name(c), Text: "", Detail: "drawn " + Math.round(g.getBoundingClientRect().width) + " px wide in a box of " + Math.round(c.getBoundingClientRect().width)});
	}
}
const punct = /[\s\p{P}\p{S}]/u;
const short = "h1, h2, h3, th, td, dt, dd, li, a, caption, figcaption, label, button, summary, .light, .mark, .tag, .id";
for (const el of document.querySelectorAll(short)) {
	const all = Array.from(el.textContent).filter(ch => !punct.test(ch));
	if (all.length < 2 || all.length > 40 || el.getClientRects().length === 0) continue;
	const lines = []; // [top, bottom, characters]
	const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
	const range = document.createRange();
	for (let n = walker.nextNode(); n; n = walker.nextNode()) {
		let i = 0;
		for (const ch of n.data) {
			const len = ch.length;
			if (!punct.test(ch)) {
				range.setStart(n, i);
				range.setEnd(n, i + len);
				const rect = range.getClientRects()[0];
				if (rect && rect.width > 0) {
					const mid = (rect.top + rect.bottom) / 2;
					let line = lines.find(l => mid >= l[0] && mid <= l[1]);
					if (!line) lines.push(line = [rect.top, rect.bottom, 0]);
					line[2]++;
				}
			}
			i += len;
		}
	}
	if (lines.length > 1 && lines.some(l => l[2] === 1)) {
		out.push({Kind: "char", Where: name(el), Text: text(el), Detail: lines.length + " lines, one with a single character (" + lines.map(l => l[2]).join("/") + ")"});
	}
}
return JSON.stringify(out);
`

// layoutProblem is one thing layoutScript found: Kind is page, cut, chart
// or char; Where names the element, Text starts its text.
type layoutProblem struct {
	Kind, Where, Text, Detail string
}

func (p layoutProblem) String() string {
	return fmt.Sprintf("%s %s “%s”: %s", p.Kind, p.Where, p.Text, p.Detail)
}

// layoutProblems reads what layoutScript returned (Report.Script).
func layoutProblems(script string) ([]layoutProblem, error) {
	var out []layoutProblem
	if err := json.Unmarshal([]byte(script), &out); err != nil {
		return nil, fmt.Errorf("layout script: %w (%q)", err, script)
	}
	return out, nil
}
