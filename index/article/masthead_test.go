package article

import (
	"fmt"
	"strings"
	"testing"
)

func TestMastheadLine(t *testing.T) {
	for _, c := range []struct {
		line string
		want string // masthead.String(), "" for no masthead line
	}{
		{"2020年2月28日 星期五 第3版 要闻", "published 2020-02-28, page 3, section 要闻"},
		{"2020年2月28日　星期五　　第3版：要闻　　责任编辑：张三", "published 2020-02-28, page 3, section 要闻"},
		{"焦作日报 2020年2月28日 星期五", "published 2020-02-28, newspaper 焦作日报"},
		{"第3版 要闻 2020年2月28日", "published 2020-02-28, page 3, section 要闻"},
		{"3 要闻 2020年2月28日 星期五", "published 2020-02-28, page 3, section 要闻"},
		{"A3 | 综合新闻 | 2020.02.28", ""}, // A3 alone is not read as a page
		{"A3版 综合新闻 2020.02.28", "published 2020-02-28, page 3, section 综合新闻"},
		{"二〇二〇年二月二十八日 星期五 农历庚子年二月初六", "published 2020-02-28"},
		{"2020-02-28 第03版", "published 2020-02-28, page 3"},
		{"第三版 经济", "page 3, section 经济"},
		{"2020年2月29日星期六", "published 2020-02-29"},
		{"人民日报 第12345期 今日16版", "newspaper 人民日报"},
		{"焦作日报", "newspaper 焦作日报"}, // weak: counts only beside a strong line
		{"示范区召开统筹推进会议", ""},
		{"2020年全区经济工作会议召开", ""},
		{"本报讯（记者郭树勋）2月24日", ""},
		{"星期天的音乐会", ""},
		{"2100年1月1日", ""}, // out of range (found by FuzzByline)
	} {
		m, strong, ok := mastheadLine(c.line)
		got := ""
		if ok {
			got = m.String()
		}
		if got != c.want {
			t.Errorf("mastheadLine(%q) = %q (strong %v), want %q", c.line, got, strong, c.want)
		}
	}
}

func TestMasthead(t *testing.T) {
	body := "示范区召开会议\n\n本报讯（记者张三）12月30日，示范区召开会议。\n\n会议要求，狠抓落实。\n"
	for _, c := range []struct {
		name, page string
		opt        Options
		published  string
		page_      int
		section    string
		paper      string
		date       string
		warn       string
	}{
		{"top", "2021年1月2日 星期六 第3版 要闻\n\n" + body, Options{}, "2021-01-02", 3, "要闻", "", "2020-12-30", ""},
		{"two lines and paper", "焦作日报\n2021年1月2日 星期六\n第3版：要闻\n\n" + body, Options{}, "2021-01-02", 3, "要闻", "焦作日报", "2020-12-30", ""},
		{"bottom", body + "\n第3版 要闻 2021年1月2日\n", Options{}, "2021-01-02", 3, "要闻", "", "2020-12-30", ""},
		{"masthead beats year", "2021年1月2日 星期六 第3版 要闻\n\n" + body, Options{Year: 2019}, "2021-01-02", 3, "要闻", "", "2020-12-30", ""},
		{"file name", body, Options{Name: "jzrb20210102003.txt"}, "2021-01-02", 3, "", "", "2020-12-30", "date=2021-01-02 page=3"},
		{"year given", body, Options{Year: 2019, Name: "page.txt"}, "", 0, "", "", "2019-12-30", ""},
		{"year in name", body, Options{Name: "2019/page.txt"}, "", 0, "", "", "2019-12-30", "year=2019"},
		{"page given", body, Options{Page: 7}, "", 7, "", "", "--12-30", ""},
		{"page in name beats page given", body, Options{Page: 7, Name: "2021-01-02_05.txt"}, "2021-01-02", 5, "", "", "2020-12-30", "date=2021-01-02 page=5"},
	} {
		t.Run(c.name, func(t *testing.T) {
			pg, err := Parse([]byte(c.page), c.opt)
			if err != nil || len(pg.Articles) != 1 {
				t.Fatalf("Parse = %d documents, %v; want 1:\n%s", len(pg.Articles), err, titles(pg.Articles))
			}
			a := pg.Articles[0]
			got := fmt.Sprintf("%s %d %q %q %s", a.Published, a.Page, a.Section, a.Newspaper, a.Date)
			want := fmt.Sprintf("%s %d %q %q %s", c.published, c.page_, c.section, c.paper, c.date)
			if got != want {
				t.Errorf("published, page, section, paper, date = %s, want %s", got, want)
			}
			var warn []string
			for _, w := range pg.Warnings {
				if w.Code == WarnDateInName {
					warn = append(warn, w.Detail)
				}
			}
			if strings.Join(warn, ";") != c.warn {
				t.Errorf("date-in-name warnings = %q, want %q", warn, c.warn)
			}
			if strings.Contains(a.Body(), "要闻") || strings.Contains(a.Title, "要闻") {
				t.Errorf("the masthead is in the document: %q %q", a.Title, a.Body())
			}
		})
	}
}

// TestMastheadNotHeadline: a short headline below the masthead, set off by
// a blank line, stays the headline, although it could be a section's name.
func TestMastheadNotHeadline(t *testing.T) {
	pg, err := Parse([]byte("2020年3月1日 星期日 第3版\n\n春耕忙\n\n本报讯（记者张三）3月1日，全区春耕生产全面展开。\n"), Options{})
	if err != nil || len(pg.Articles) != 1 || pg.Articles[0].Title != "春耕忙" || pg.Articles[0].Section != "" {
		t.Errorf("Parse = %+v, %v; want one article titled 春耕忙, no section", pg.Articles, err)
	}
}

func TestFromName(t *testing.T) {
	for _, c := range []struct {
		name string
		year int
		date string
		page int
	}{
		{"2020-02-28_03.pdf", 2020, "2020-02-28", 3},
		{"20200228-03.pdf", 2020, "2020-02-28", 3},
		{"jzrb20200228003.pdf", 2020, "2020-02-28", 3},
		{"rmrb2020022812.txt", 2020, "2020-02-28", 12},
		{"2020年2月28日第3版.txt", 2020, "2020-02-28", 3},
		{"2020.2.28-A03.txt", 2020, "2020-02-28", 3},
		{"2020_02_28_p4.txt", 2020, "2020-02-28", 4},
		{"/papers/2020-02-28/07.pdf", 2020, "2020-02-28", 7},
		{"/papers/2020-02-28/page3.txt", 2020, "2020-02-28", 3},
		{"2020-03-01.txt", 2020, "2020-03-01", 0},
		{"人民日报20200301.txt", 2020, "2020-03-01", 0},
		{"20200228103045.txt", 2020, "", 0}, // a time stamp: no date, no page
		{"2020.txt", 2020, "", 0},
		{"/pages/1999/page3.txt", 1999, "", 0},
		{"000_5698fe36264cb407.txt", 0, "", 0},
		{"2020-02-30.txt", 2020, "", 0},
	} {
		n := FromName(c.name)
		if n.Year != c.year || n.Date.String() != c.date || n.Page != c.page {
			t.Errorf("FromName(%q) = %d %q %d, want %d %q %d", c.name, n.Year, n.Date, n.Page, c.year, c.date, c.page)
		}
	}
}
