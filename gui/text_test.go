package gui

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"baosou/index"
	"baosou/index/query"
)

func TestCnDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2020-02-28", "2020年2月28日"},
		{"2020-12-01", "2020年12月1日"},
		{"--02-24", "2月24日"},
		{"", ""},
		{"someday", "someday"},
	}
	for _, tt := range tests {
		if got := cnDate(tt.in); got != tt.want {
			t.Errorf("cnDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCitation(t *testing.T) {
	tests := []struct {
		name string
		doc  index.Doc
		want string
	}{
		{"full", index.Doc{Title: "王家鹏调研督导服务业疫情防控和复工工作", Date: "2020-02-28", Reporter: "郭树勋", Source: "2020-02-29.txt"},
			"——《王家鹏调研督导服务业疫情防控和复工工作》，2020年2月28日，记者郭树勋，来源：2020-02-29.txt"},
		{"no year, no source", index.Doc{Title: "标题", Date: "--02-24", Reporter: "郭树勋"},
			"——《标题》，2月24日，记者郭树勋"},
		{"photo caption", index.Doc{Title: "图片新闻", Photographer: "郭树勋"}, "——《图片新闻》，摄影郭树勋"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := citation(&tt.doc); got != tt.want {
				t.Errorf("citation(%+v) = %q, want %q", tt.doc, got, tt.want)
			}
		})
	}
}

func TestExcerpt(t *testing.T) {
	body := "会议指出，疫情防控正处于最吃劲的关键阶段。他说：“要坚决扛稳责任。”好。\n第二段开头，口罩要足量供应！"
	long := strings.Repeat("字", 300) + "口罩" + strings.Repeat("字", 300)
	at := func(s, sub string) index.Span {
		i := len([]rune(s[:strings.Index(s, sub)]))
		return index.Span{Start: i, End: i + len([]rune(sub))}
	}
	tests := []struct {
		name string
		body string
		sp   index.Span
		ok   bool
		want string
	}{
		{"first sentence", body, at(body, "疫情"), true, "会议指出，疫情防控正处于最吃劲的关键阶段。"},
		{"closing quote stays, short next sentence joins", body, at(body, "扛稳"), true, "他说：“要坚决扛稳责任。”好。"},
		{"stops at the paragraph", body, at(body, "口罩"), true, "第二段开头，口罩要足量供应！"},
		{"no match is the lead", body, index.Span{}, false, "会议指出，疫情防控正处于最吃劲的关键阶段。"},
		{"no punctuation is a window", long, at(long, "口罩"), true,
			"…" + strings.Repeat("字", 119) + "口罩" + strings.Repeat("字", 119) + "…"},
		{"bad span", body, index.Span{Start: 5, End: 999}, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := excerpt(tt.body, tt.sp, tt.ok); got != tt.want {
				t.Errorf("excerpt(%v) = %q, want %q", tt.sp, got, tt.want)
			}
		})
	}
}

func TestNormalizeDate(t *testing.T) {
	tests := []struct {
		in      string
		end     bool
		want    string
		wantErr bool
	}{
		{"", false, "", false},
		{"2020-02-24", false, "2020-02-24", false},
		{"2020-2-4", false, "2020-02-04", false},
		{"2020/02/24", true, "2020-02-24", false},
		{"2020.2.4", false, "2020-02-04", false},
		{"20200224", false, "2020-02-24", false},
		{"2020年2月24日", false, "2020-02-24", false},
		{"2020-02", false, "2020-02-01", false},
		{"2020-02", true, "2020-02-29", false},
		{"2020", true, "2020-12-31", false},
		{"2020-02-30", false, "", true},
		{"2020-13", false, "", true},
		{"20-02-24", false, "", true},
		{"昨天", false, "", true},
	}
	for _, tt := range tests {
		got, err := normalizeDate(tt.in, tt.end)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("normalizeDate(%q, %v) = %q, %v; want %q, error %v", tt.in, tt.end, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestCleanSpans(t *testing.T) {
	tests := []struct {
		name string
		in   []index.Span
		n    int
		want []index.Span
	}{
		{"sorts", []index.Span{sp(5, 6), sp(1, 2)}, 10, []index.Span{sp(1, 2), sp(5, 6)}},
		{"merges overlaps", []index.Span{sp(1, 4), sp(3, 6), sp(6, 7)}, 10, []index.Span{sp(1, 6), sp(6, 7)}},
		{"clips and drops", []index.Span{sp(-2, 1), sp(8, 12), sp(11, 14), sp(3, 3)}, 10, []index.Span{sp(0, 1), sp(8, 10)}},
	}
	for _, tt := range tests {
		if got := cleanSpans(tt.in, tt.n); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: cleanSpans(%v, %d) = %v, want %v", tt.name, tt.in, tt.n, got, tt.want)
		}
	}
}

func TestSplitParagraphs(t *testing.T) {
	body := "口罩甲\n\n乙口罩丙口"
	spans := []index.Span{sp(0, 2), sp(2, 6), sp(6, 8)}
	paras, marks, starts := splitParagraphs(body, spans)
	if want := []string{"口罩甲", "", "乙口罩丙口"}; !reflect.DeepEqual(paras, want) {
		t.Errorf("paragraphs = %q, want %q", paras, want)
	}
	wantMarks := [][]mark{{{0, 2, 0}, {2, 3, 1}}, nil, {{0, 1, 1}, {1, 3, 2}}}
	if !reflect.DeepEqual(marks, wantMarks) {
		t.Errorf("marks = %v, want %v", marks, wantMarks)
	}
	if want := []int{0, 4, 5}; !reflect.DeepEqual(starts, want) {
		t.Errorf("starts = %v, want %v", starts, want)
	}
}

func TestMarkRuns(t *testing.T) {
	got := markRuns("甲口罩乙口罩", []mark{{1, 3, 0}, {4, 6, 1}}, 1, stylePlain, styleHit, styleCurrent)
	want := []textRun{{"甲", stylePlain}, {"口罩", styleHit}, {"乙", stylePlain}, {"口罩", styleCurrent}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("markRuns = %v, want %v", got, want)
	}
}

func TestSummaryText(t *testing.T) {
	rep := index.ImportReport{Files: 4, Added: 9, Duplicates: 1, Sources: []index.Source{{}, {}},
		DuplicateFiles: 2, Failed: []index.FileError{{Path: "/a/b.pdf", Err: "not text", Code: index.CodeNotText}}}
	tests := []struct {
		name      string
		rep       index.ImportReport
		err       error
		wantTitle string
		want      []string
	}{
		{"done with a failure", rep, nil, "导入完成，有问题", []string{"新增 9 篇文章，来自 2 个文件（共查看 4 个）", "跳过 1 篇重复文章", "跳过 2 个已导入过的文件", "1 个文件未能导入", "b.pdf：不是文本文件"}},
		{"canceled", index.ImportReport{Canceled: true}, context.Canceled, "导入已取消", []string{"已导入的文章保留"}},
		{"failed", index.ImportReport{}, errors.New("disk full"), "导入失败", []string{"出错：disk full"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			title, text := summaryText(tt.rep, tt.err)
			if title != tt.wantTitle {
				t.Errorf("title = %q, want %q", title, tt.wantTitle)
			}
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("summary %q lacks %q", text, w)
				}
			}
		})
	}
}

func TestSyntaxMessage(t *testing.T) {
	got := syntaxMessage("疫情 (复工", &query.SyntaxError{Pos: 3, Msg: "unclosed ("})
	for _, want := range []string{"第 4 个字处", "unclosed (", "疫情 ▶(复工"} {
		if !strings.Contains(got, want) {
			t.Errorf("syntaxMessage = %q, lacks %q", got, want)
		}
	}
}

func TestParseYear(t *testing.T) {
	tests := []struct {
		in      string
		want    int
		wantErr bool
	}{{"", 0, false}, {" 2020 ", 2020, false}, {"20", 0, true}, {"二〇二〇", 0, true}}
	for _, tt := range tests {
		got, err := parseYear(tt.in)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("parseYear(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestOpenErrorExplains(t *testing.T) {
	test.NewTempApp(t)
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"locked", fmt.Errorf("%w (pid 4242)", index.ErrLocked), "报搜已经在运行"},
		{"other", errors.New("permission denied"), "无法打开资料库"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := openError("/data", tt.err, func() {}, func() {})
			var texts []string
			var walk func(fyne.CanvasObject)
			walk = func(o fyne.CanvasObject) {
				switch v := o.(type) {
				case *fyne.Container:
					for _, c := range v.Objects {
						walk(c)
					}
				case *widget.Label:
					texts = append(texts, v.Text)
				case *widget.RichText:
					texts = append(texts, v.String())
				}
			}
			walk(o)
			all := strings.Join(texts, "\n")
			for _, w := range []string{tt.want, tt.err.Error(), "/data"} {
				if !strings.Contains(all, w) {
					t.Errorf("error page %q lacks %q", all, w)
				}
			}
		})
	}
}

func sp(start, end int) index.Span { return index.Span{Start: start, End: end} }
