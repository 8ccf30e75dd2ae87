package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// parsePage is a page with a masthead, a wire story with a correspondent,
// a column break and a photo caption.
const parsePage = `2020年3月1日 星期日 第3版 要闻

全国春季农业生产形势良好

新华社北京3月1日电（记者王芳 通讯员张虹）记者从
农业农村部获悉，当前全国春季农业

生产形势良好。

图为春耕现场。
本报记者 郭树勋 摄
`

func writePage(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "page.txt")
	if err := os.WriteFile(path, []byte(parsePage), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestParseJSONFields(t *testing.T) {
	code, out, errs := cli(t, t.TempDir(), "parse", "--json", writePage(t))
	if code != 0 {
		t.Fatalf("parse --json: exit %d: %s", code, errs)
	}
	var docs []map[string]any
	if err := json.Unmarshal([]byte(out), &docs); err != nil || len(docs) != 2 {
		t.Fatalf("parse --json = %d documents, %v:\n%s", len(docs), err, out)
	}
	a, c := docs[0], docs[1]
	for k, want := range map[string]any{"title": "全国春季农业生产形势良好", "date": "2020-03-01", "reporter": "王芳",
		"agency": "新华社", "place": "北京", "published": "2020-03-01", "page": 3.0, "section": "要闻", "kind": "article"} {
		if a[k] != want {
			t.Errorf("article %s = %v, want %v", k, a[k], want)
		}
	}
	if cs, _ := a["contributors"].([]any); len(cs) != 1 || cs[0] != "通讯员 张虹" {
		t.Errorf("article contributors = %v, want [通讯员 张虹]", a["contributors"])
	}
	if c["kind"] != "caption" || c["photographer"] != "郭树勋" || c["date"] != "2020-03-01" || !strings.Contains(c["body"].(string), "郭树勋") {
		t.Errorf("caption = %v, want one by 郭树勋 dated by the page, the credit in its body", c)
	}
}

func TestParseExplain(t *testing.T) {
	path := writePage(t)
	code, out, errs := cli(t, t.TempDir(), "parse", "--explain", path)
	if code != 0 {
		t.Fatalf("parse --explain: exit %d: %s", code, errs)
	}
	for _, want := range []string{"layout: ", "masthead", "headline        [1]", "lead            [1]", "column break    [1]",
		"which ends mid-sentence", "caption         [2]", "credit          [2]", "photographer 郭树勋", "wire dateline 新华社北京3月1日电"} {
		if !strings.Contains(out, want) {
			t.Errorf("parse --explain lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = cli(t, t.TempDir(), "parse", "--explain", "--json", path)
	var ex struct {
		Layout string `json:"layout"`
		Lines  []struct {
			Line int    `json:"line"`
			Role string `json:"role"`
			Doc  int    `json:"doc"`
		} `json:"lines"`
		Documents []map[string]any `json:"documents"`
	}
	if err := json.Unmarshal([]byte(out), &ex); code != 0 || err != nil || len(ex.Lines) != strings.Count(parsePage, "\n")+1 || len(ex.Documents) != 2 {
		t.Errorf("parse --explain --json: exit %d, %v, %d lines, %d documents:\n%s", code, err, len(ex.Lines), len(ex.Documents), out)
	}
}
