package article

import (
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// derive makes a display title for text printed without a headline:
//
//  1. a caption's 图为… sentence (what the photo shows), if there is one;
//  2. else the first clause after the lead (本报讯（…）M月D日下午，), extended
//     by the next clause while shorter than 8 runes;
//  3. if over maxTitle runes, the clause from the person's name on, when it
//     runs title+name+verb (…总指挥王家鹏主持召开… → 王家鹏主持召开…); then
//     parenthesised parts dropped one by one; then cut with …;
//  4. the file name, or the text's start, when nothing is left.
func (p *page) derive(paras []string, caption bool) string {
	if len(paras) == 0 {
		return p.baseName()
	}
	if caption {
		if t := photoTitle(prefix(strings.Join(paras, ""), 2000)); t != "" {
			return t
		}
	}
	t := shorten(firstClause(stripLead(prefix(paras[0], 1200))))
	if t == "" {
		t = p.baseName()
	}
	if t == "" {
		t = truncate(prefix(paras[0], 400), maxTitle)
	}
	return t
}

// baseName is the file name without directory and extension.
func (p *page) baseName() string { return FileStem(p.opt.Name) }

// FileStem is a file's name without its folder (either slash) and
// extension: what a page without any headline is titled.
func FileStem(name string) string {
	base := filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	if base == "." || base == "/" {
		return ""
	}
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// photoTitle returns what a caption says the photo shows (图为X。→ X).
func photoTitle(s string) string {
	_, after, ok := strings.Cut(s, "图为")
	if !ok {
		if _, after, ok = strings.Cut(s, "圖為"); !ok {
			return ""
		}
	}
	if i := strings.IndexAny(after, "。！？!?"); i >= 0 {
		after = after[:i]
	}
	after = strings.Trim(after, "：:，, ")
	if n := utf8.RuneCountInString(after); n < 2 || n > maxTitle {
		return ""
	}
	return after
}

// timeWords may follow a lead's date: 2月26日下午，.
var timeWords = []string{"上午", "下午", "中午", "晚上", "傍晚", "凌晨", "早上", "晚", "电"}

// stripLead removes the lead (本报讯（记者X）M月D日, a wire dateline, and a
// time of day) from the start of a first paragraph.
func stripLead(s string) string {
	_, c, ok := matchLeadFrom(&cursor{lines: []string{s}, skim: true})
	if !ok {
		_, c, ok = matchWireEnd([]string{s}, 0, 0, false)
	}
	if !ok {
		if i := strings.Index(s, "报道"); i > 0 && i < 120 {
			if _, ok := parseByline(s[:i]); ok {
				return strings.TrimLeft(s[i+len("报道"):], "：:，, ")
			}
		}
		return s
	}
	s = s[c.j:]
	for _, w := range timeWords {
		if t, ok := strings.CutPrefix(s, w); ok && strings.ContainsRune("，,", firstRune(t)) {
			s = t
			break
		}
	}
	return strings.TrimLeft(s, "，,、：: ")
}

// firstClause returns s up to its first clause break, with the following
// clauses while that is shorter than 8 runes.
func firstClause(s string) string {
	end := 0
	for end < len(s) {
		i := strings.IndexAny(s[end:], "，,；;。！？!?")
		if i < 0 {
			return strings.TrimSpace(s)
		}
		r, size := utf8.DecodeRuneInString(s[end+i:])
		if utf8.RuneCountInString(s[:end+i]) >= 8 || r != '，' && r != ',' {
			return s[:end+i]
		}
		end += i + size
	}
	return strings.TrimRight(s, "，,")
}

// shorten cuts a clause that is too long for a title.
func shorten(t string) string {
	if utf8.RuneCountInString(t) <= maxTitle {
		return t
	}
	if u := fromName(t); u != "" {
		t = u
	}
	for utf8.RuneCountInString(t) > maxTitle {
		u := dropParen(t)
		if u == t {
			return truncate(t, maxTitle)
		}
		t = u
	}
	return t
}

// officeWords end the job titles that precede a name in a lead's first
// clause; actionWords start what the person did.
var (
	officeWords = []string{"书记", "主任", "总指挥", "指挥长", "区长", "市长", "县长", "省长", "镇长", "乡长",
		"局长", "部长", "厅长", "处长", "主席", "院长", "校长", "经理", "董事长", "总裁", "负责人", "组长",
		"会长", "秘书长", "委员", "行长", "所长", "社长", "队长", "站长",
		// the same in traditional characters
		"書記", "總指揮", "指揮長", "區長", "市長", "縣長", "省長", "鎮長", "鄉長", "局長", "部長", "廳長",
		"處長", "院長", "校長", "經理", "董事長", "總裁", "負責人", "組長", "會長", "秘書長", "委員", "行長",
		"所長", "社長", "隊長", "站長"}
	actionWords = []string{"主持", "召开", "调研", "看望", "慰问", "带队", "率队", "率领", "深入", "来到", "前往",
		"到", "在", "出席", "参加", "会见", "接见", "考察", "督导", "检查", "走访", "听取", "视察", "调度",
		"部署", "宣讲", "一行",
		"召開", "調研", "慰問", "帶隊", "率隊", "率領", "來到", "參加", "會見", "考察", "督導", "檢查",
		"走訪", "聽取", "視察", "調度", "宣講"}
)

// fromName returns t from the person's name on, when t runs
// <office><name of 2-4 Han><action>; "" if it does not.
func fromName(t string) string {
	for _, w := range officeWords {
		for at := 0; ; {
			i := strings.Index(t[at:], w)
			if i < 0 {
				break
			}
			at += i + len(w)
			if nameThenAction(t[at:]) {
				return t[at:]
			}
		}
	}
	return ""
}

func nameThenAction(s string) bool {
	end := 0
	for n := 1; n <= 4; n++ {
		r, size := utf8.DecodeRuneInString(s[end:])
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		end += size
		if n < 2 {
			continue
		}
		for _, a := range actionWords {
			if strings.HasPrefix(s[end:], a) {
				return true
			}
		}
	}
	return false
}

// dropParen removes the first parenthesised part of t, or returns t.
func dropParen(t string) string {
	for _, pair := range [][2]string{{"（", "）"}, {"(", ")"}} {
		i := strings.Index(t, pair[0])
		if i < 0 {
			continue
		}
		if j := strings.Index(t[i:], pair[1]); j >= 0 {
			return t[:i] + t[i+j+len(pair[1]):]
		}
	}
	return t
}
