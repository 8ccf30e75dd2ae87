package article

import (
	"os"
	"strings"
	"testing"
)

// TestCaptionPlaces puts a caption where pages print them and checks what
// becomes of it and of the text around it.
func TestCaptionPlaces(t *testing.T) {
	const (
		head1 = "示范区召开统筹推进会议"
		art1  = "本报讯（记者张三）3月1日，示范区召开统筹推进会议，部署复工复产。\n\n会议要求，各部门狠抓落实，确保安全。"
		head2 = "王家鹏调研春耕生产情况"
		art2  = "本报讯（记者李四）3月2日，王家鹏到农业园区调研春耕生产情况。"
		capt  = "图为春耕现场。"
		cred  = "本报记者 王五 摄"
	)
	for _, c := range []struct {
		name, page string
		titles     []string // in order; the caption's is derived from 图为
		body1      string   // the first article's text, when the case is about it
	}{
		{"between articles, headlines before", head1 + "\n\n" + art1 + "\n\n" + capt + "\n" + cred + "\n\n" + head2 + "\n\n" + art2,
			[]string{head1, "春耕现场", head2}, ""},
		{"between articles, headlines after", art1 + "\n\n" + head1 + "\n\n" + capt + "\n" + cred + "\n\n" + art2 + "\n\n" + head2,
			[]string{head1, "春耕现场", head2}, ""},
		{"credit after a blank line", head1 + "\n\n" + art1 + "\n\n" + capt + "\n\n" + cred + "\n\n" + head2 + "\n\n" + art2,
			[]string{head1, "春耕现场", head2}, ""},
		{"top", capt + "\n" + cred + "\n\n" + head1 + "\n\n" + art1,
			[]string{"春耕现场", head1}, ""},
		// A photo set inside an article's column: the text runs on around it.
		{"inside an article", head1 + "\n\n本报讯（记者张三）3月1日，示范区召开统筹\n推进会议，部署复工\n\n" + capt + "\n" + cred + "\n\n复产。会议要求，各部门狠抓落实。",
			[]string{head1, "春耕现场"}, "本报讯（记者张三）3月1日，示范区召开统筹推进会议，部署复工复产。会议要求，各部门狠抓落实。"},
		// The caption's paragraph follows the article's last line with no blank
		// line: it starts after the last short line ending a sentence.
		{"no blank line before it", head1 + "\n\n本报讯（记者张三）3月1日，示范区召开统\n筹推进会议，部署复工复产，\n确保安全。\n图为春耕现场，农民正在\n田间劳作，一派繁忙。\n" + cred,
			[]string{head1, "春耕现场，农民正在田间劳作，一派繁忙"}, "本报讯（记者张三）3月1日，示范区召开统筹推进会议，部署复工复产，确保安全。"},
	} {
		t.Run(c.name, func(t *testing.T) {
			pg, err := Parse([]byte(c.page), Options{Year: 2020})
			if err != nil || len(pg.Articles) != len(c.titles) {
				t.Fatalf("Parse = %d documents, %v; want %d:\n%s\n%s", len(pg.Articles), err, len(c.titles), titles(pg.Articles), explainText([]byte(c.page), Options{Year: 2020}))
			}
			for i, want := range c.titles {
				a := pg.Articles[i]
				if a.Title != want {
					t.Errorf("document %d title %q, want %q", i+1, a.Title, want)
				}
				if a.Kind == KindCaption && (a.Photographer != "王五" || !strings.HasSuffix(a.Body(), "本报记者王五摄")) {
					t.Errorf("caption %q by %q, want the credit at its end, by 王五", a.Body(), a.Photographer)
				}
			}
			if c.body1 != "" && pg.Articles[0].Body() != c.body1 {
				t.Errorf("article 1 = %q, want %q", pg.Articles[0].Body(), c.body1)
			}
			checkOnce(t, c.name, []byte(c.page), pg)
		})
	}
}

// TestCaptionColumnBreak: a caption cut by a column break is whole again,
// and the article before it keeps its headline.
func TestCaptionColumnBreak(t *testing.T) {
	page := "本报讯（记者张三）3月1日，示范区召开会议。\n\n示范区召开会议\n\n疫情防控期间，示范区\n实行外来务工人员，\n\n“五个一律”规定。图为施工现场。\n本报记者 郭树勋 摄\n"
	pg, err := Parse([]byte(page), Options{Year: 2020})
	if err != nil || len(pg.Articles) != 2 {
		t.Fatalf("Parse = %d documents, %v:\n%s", len(pg.Articles), err, explainText([]byte(page), Options{Year: 2020}))
	}
	a, c := pg.Articles[0], pg.Articles[1]
	if a.Title != "示范区召开会议" || c.Paragraphs[0] != "疫情防控期间，示范区实行外来务工人员，“五个一律”规定。图为施工现场。" {
		t.Errorf("article %q, caption %q; want the headline on the article and the caption whole", a.Title, c.Paragraphs)
	}
}

// TestCaptionDate: a caption is dated by the page that prints it.
func TestCaptionDate(t *testing.T) {
	data, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, opt := range []Options{{Name: "2020-03-01.txt"}, {Name: "x.txt"}} {
		pg, err := Parse(append([]byte("2020年3月1日 星期日 第3版\n\n"), data...), opt)
		if err != nil {
			t.Fatal(err)
		}
		c := pg.Articles[len(pg.Articles)-1]
		if c.Kind != KindCaption || c.Date != (Date{2020, 3, 1}) {
			t.Errorf("%s: caption dated %s, want the page's 2020-03-01", opt.Name, c.Date)
		}
	}
	pg, _ := Parse(data, Options{Name: "2020-02-29_03.txt"})
	if c := pg.Articles[len(pg.Articles)-1]; c.Date != (Date{2020, 2, 29}) || c.Page != 3 {
		t.Errorf("caption dated %s page %d, want the file name's 2020-02-29, 3", c.Date, c.Page)
	}
}
