package site

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFieldCasesAlone builds the example with each field case
// (../workbook/testdata/field, see its README.md) alone in the inbox as
// 2023-06_就业中心.xlsx: the figures it holds reach summary.json (3.7's
// progress, ZG-02's 100) and the findings are only those
// its README expects.
func TestFieldCasesAlone(t *testing.T) {
	cases := map[string]string{ // file → a phrase of its one finding, "" for none
		"C03_date1904_mac.xlsx":                "",
		"C04_SharedStrings_uppercase.xlsx":     "",
		"C07_numbers_as_text_quoteprefix.xlsx": "完成进度填的是 0.47，已按 47% 计",
		"C09_two_row_merged_header.xlsx":       "",
		"C11_format_bloat_merged_state.xlsx":   "",
		"C17_wps_dispimg_picture.xlsx":         "嵌入单元格的图片",
	}
	for file, phrase := range cases {
		t.Run(file, func(t *testing.T) {
			dir := copyContent(t)
			inbox := filepath.Join(dir, "inbox")
			if err := os.RemoveAll(inbox); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(inbox, 0o755); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(filepath.Join("../workbook/testdata/field", file))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(inbox, "2023-06_就业中心.xlsx"), data, 0o644); err != nil {
				t.Fatal(err)
			}
			s := summaryOf(t, mustBuild(t, dir))
			var findings []struct{ Message string }
			var tasks []struct {
				ID       string
				Progress *float64
			}
			var problems []struct {
				ID       string
				Progress *float64
			}
			for key, v := range map[string]any{"findings": &findings, "tasks": &tasks, "rectifications": &problems} {
				if err := json.Unmarshal(s[key], v); err != nil {
					t.Fatal(err)
				}
			}
			var msgs []string
			for _, f := range findings {
				msgs = append(msgs, f.Message)
			}
			if phrase == "" && len(msgs) > 0 || phrase != "" && (len(msgs) != 1 || !strings.Contains(msgs[0], phrase)) {
				t.Errorf("findings %q; want %q", msgs, phrase)
			}
			for _, task := range tasks {
				if task.ID == "3.7" && (task.Progress == nil || *task.Progress != 47) {
					t.Errorf("3.7's progress %v; want 47", task.Progress)
				}
			}
			for _, p := range problems {
				if p.ID == "ZG-02" && (p.Progress == nil || *p.Progress != 100) {
					t.Errorf("ZG-02's progress %v; want 100", p.Progress)
				}
			}
		})
	}
}
