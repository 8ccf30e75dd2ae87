package article

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// credits are the people a byline names, by what they did.
type credits struct {
	reporters     []string // 记者, 文/
	contributors  []string // role first: "通讯员 张虹", "实习生 王五"
	photographers []string // 摄影, 图/
}

func (c credits) empty() bool {
	return len(c.reporters)+len(c.contributors)+len(c.photographers) == 0
}

// add merges the people of d into c, each name once.
func (c *credits) add(d credits) {
	c.reporters = appendNew(c.reporters, d.reporters...)
	c.contributors = appendNew(c.contributors, d.contributors...)
	c.photographers = appendNew(c.photographers, d.photographers...)
}

func appendNew(list []string, items ...string) []string {
	for _, s := range items {
		found := false
		for _, t := range list {
			found = found || t == s
		}
		if !found {
			list = append(list, s)
		}
	}
	return list
}

// The kinds of role a byline prints before (or, with a slash, after) names.
const (
	roleReporter = iota
	roleContributor
	rolePhotographer
)

// roles are the job titles of bylines and credits, longest first so that
// 本报记者 is read before 记者. Traditional forms are accepted too.
var roles = []struct {
	word string
	kind int
}{
	{"本报特约记者", roleReporter}, {"本报见习记者", roleReporter}, {"本报实习记者", roleReporter},
	{"本报摄影记者", rolePhotographer}, {"本报特约通讯员", roleContributor},
	{"全媒体记者", roleReporter}, {"融媒体记者", roleReporter}, {"新华社记者", roleReporter},
	{"特约通讯员", roleContributor}, {"本报通讯员", roleContributor}, {"本报实习生", roleContributor},
	{"本报记者", roleReporter}, {"特约记者", roleReporter}, {"见习记者", roleReporter},
	{"实习记者", roleReporter}, {"首席记者", roleReporter}, {"摄影记者", rolePhotographer},
	{"本報記者", roleReporter}, {"特約記者", roleReporter}, {"本報通訊員", roleContributor},
	{"通讯员", roleContributor}, {"实习生", roleContributor}, {"通訊員", roleContributor},
	{"實習生", roleContributor}, {"攝影記者", rolePhotographer},
	{"记者", roleReporter}, {"記者", roleReporter}, {"撰文", roleReporter}, {"摄影", rolePhotographer},
	{"攝影", rolePhotographer},
}

// slashRoles are the roles printed with a slash: 文/张三, 张三/文, 李四/图.
var slashRoles = map[string]int{"文": roleReporter, "图": rolePhotographer, "圖": rolePhotographer,
	"摄": rolePhotographer, "攝": rolePhotographer, "摄影": rolePhotographer, "撰文": roleReporter}

// bylineMarks are the symbols a byline may open with: ■本报记者 陈静.
const bylineMarks = "■□●○◆◇▲△★☆▼►▶◎"

// roleFirst holds the first rune of every role word.
var roleFirst = func() map[rune]bool {
	m := map[rune]bool{}
	for _, r := range roles {
		m[firstRune(r.word)] = true
	}
	return m
}()

// roleAt returns the role word s starts with.
func roleAt(s string) (word string, kind int, ok bool) {
	if !roleFirst[firstRune(s)] {
		return "", 0, false
	}
	for _, r := range roles {
		if strings.HasPrefix(s, r.word) {
			return r.word, r.kind, true
		}
	}
	return "", 0, false
}

// parseByline reads a byline that is all of s: roles each followed by
// names (记者龙天传 通讯员张虹, 本报记者 张三 李四, 记者王芳、赵强), or
// slash credits (张三/文 李四/图, 文/张三), maybe opened by a mark (■) and
// closed by 报道. Names printed with OCR spaces (郭 树 勋) are joined.
func parseByline(s string) (credits, bool) {
	s = joinBreaks(s)
	s = strings.TrimLeft(strings.TrimFunc(s, isSpace), bylineMarks)
	s = strings.TrimRight(strings.TrimFunc(s, isSpace), "：:，, ")
	s = strings.TrimSuffix(s, "报道")
	s = strings.TrimSuffix(s, "報道")
	if s == "" || utf8.RuneCountInString(s) > 40 {
		return credits{}, false
	}
	var b bylineReader
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return isSpace(r) || strings.ContainsRune("、，,；;", r) }) {
		if !b.field(f) {
			return credits{}, false
		}
	}
	if !b.flush() || b.c.empty() || !b.sawRole {
		return credits{}, false
	}
	return b.c, true
}

// joinBreaks decides, at each line break of a byline that a narrow column
// wrapped, whether it fell inside a name (记者郭树\n勋: joined) or between
// names (张三\n李四: a space): inside, when the name before or after it,
// roles left out, is a single character.
func joinBreaks(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		before, after := s[:i], s[i+1:]
		b.WriteString(before)
		left := before[strings.LastIndexFunc(before, func(r rune) bool { return !unicode.Is(unicode.Han, r) })+1:]
		for {
			w, _, ok := roleAt(left)
			if !ok {
				break
			}
			left = left[len(w):]
		}
		right := hanPrefix(after)
		_, _, role := roleAt(right)
		if role || utf8.RuneCountInString(left) >= 2 && utf8.RuneCountInString(right) >= 2 {
			b.WriteByte(' ')
		}
		s = after
	}
}

// bylineReader collects the fields of a byline.
type bylineReader struct {
	c       credits
	role    string // the role in force, as printed
	kind    int
	sawRole bool
	single  string // single characters of an OCR-spaced name, so far
	named   bool   // the role in force has a name
}

func (b *bylineReader) field(f string) bool {
	if i := strings.IndexAny(f, "/／"); i >= 0 {
		return b.slash(f, i)
	}
	for f != "" {
		if w, k, ok := roleAt(f); ok {
			if !b.flush() || (b.sawRole && !b.named) {
				return false
			}
			b.role, b.kind, b.sawRole, b.named = w, k, true, false
			f = f[len(w):]
			continue
		}
		if !b.sawRole {
			return false
		}
		if utf8.RuneCountInString(f) == 1 && unicode.Is(unicode.Han, firstRune(f)) {
			b.single += f
			return true
		}
		if !b.flush() {
			return false
		}
		n := len(f) // the name runs to the next role printed without a space: 李明通讯员张虹
		for i, r := range f {
			if _, _, ok := roleAt(f[i:]); ok && i > 0 {
				n = i
				break
			}
			_ = r
		}
		if !b.name(f[:n]) {
			return false
		}
		f = f[n:]
	}
	return true
}

// slash reads 文/张三, 张三/文 or 张三/文 with the slash at byte i of f.
func (b *bylineReader) slash(f string, i int) bool {
	left, right := f[:i], strings.TrimLeft(f[i:], "/／")
	if !b.flush() {
		return false
	}
	if k, ok := slashRoles[left]; ok && right != "" {
		b.role, b.kind, b.sawRole = left, k, true
		return b.name(right)
	}
	if k, ok := slashRoles[right]; ok && left != "" {
		b.role, b.kind, b.sawRole = right, k, true
		return b.name(left)
	}
	return false
}

// flush ends an OCR-spaced name (郭 树 勋).
func (b *bylineReader) flush() bool {
	if b.single == "" {
		return true
	}
	s := b.single
	b.single = ""
	return b.name(s)
}

func (b *bylineReader) name(n string) bool {
	if !validNames(n) {
		return false
	}
	b.named = true
	switch b.kind {
	case roleContributor:
		role := strings.TrimPrefix(strings.TrimPrefix(b.role, "本报"), "本報")
		b.c.contributors = append(b.c.contributors, role+" "+n)
	case rolePhotographer:
		b.c.photographers = append(b.c.photographers, n)
	default:
		b.c.reporters = append(b.c.reporters, n)
	}
	return true
}

// validNames reports whether s looks like one or a few personal names:
// Han, 2-4 characters each (more with a middle dot: 阿依古丽·买买提).
func validNames(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > 20 {
		return false
	}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '、' }) {
		n := utf8.RuneCountInString(f)
		if n < 2 || (n > 4 && !strings.ContainsRune(f, '·')) {
			return false
		}
		for _, r := range f {
			if !unicode.Is(unicode.Han, r) && r != '·' {
				return false
			}
		}
	}
	return true
}

// endByline recognises a byline closing an article's text: （记者 刘洋） at
// the end of a line, alone or after the last sentence.
func endByline(line string) (credits, bool) {
	s := strings.TrimFunc(line, isSpace)
	if !strings.HasSuffix(s, "）") && !strings.HasSuffix(s, ")") {
		return credits{}, false
	}
	i := max(strings.LastIndex(s, "（"), strings.LastIndex(s, "("))
	if i < 0 {
		return credits{}, false
	}
	before := strings.TrimFunc(s[:i], isSpace)
	if before != "" && !strings.ContainsRune("。！？…”」』.!?", lastRune(before)) {
		return credits{}, false
	}
	inner := strings.TrimRight(strings.TrimLeft(s[i:], "（("), "）)")
	return parseByline(inner)
}

// parseCredit recognises a photo credit at the end of a line: 本报记者 郭树勋 摄,
// 记者 X 摄, X/摄, X 摄. It returns the photographer and the text before the
// credit. A role, a slash or a space before 摄 must be there, and without a
// role the name must be 2-3 characters, so that a line merely ending in 拍摄
// is not taken for a credit.
func parseCredit(line string) (who, before string, ok bool) {
	s := strings.TrimFunc(line, isSpace)
	s, ok = cutSuffix(s, "摄影", "摄", "攝")
	if !ok {
		return "", "", false
	}
	marked := s != strings.TrimRightFunc(s, isSpace)
	s = strings.TrimFunc(s, isSpace)
	if t := strings.TrimRight(s, "/／"); t != s {
		s, marked = t, true
	}
	at := 0 // the credit starts at the line start or after a sentence
	for i, r := range s {
		if strings.ContainsRune("。！？!?", r) {
			at = i + utf8.RuneLen(r)
		}
	}
	names := stripRoles(s[at:])
	role := names != s[at:]
	who = cleanNames(names)
	if !(marked || role) || !validNames(who) || (!role && utf8.RuneCountInString(who) > 3) {
		return "", "", false
	}
	return who, strings.TrimFunc(s[:at], isSpace), true
}

// stripRoles blanks out the job titles in a credit, keeping the names.
func stripRoles(s string) string {
	for _, r := range roles {
		s = strings.ReplaceAll(s, r.word, " ")
	}
	return s
}

// cleanNames tidies the names of a credit: OCR-spaced single characters
// (郭 树 勋) are joined, names printed apart (张三 李四 or 张三、李四) are
// joined with one space.
func cleanNames(s string) string {
	var out []string
	single := false // the last name so far was built from single runes
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return isSpace(r) || strings.ContainsRune("、，,", r) }) {
		one := utf8.RuneCountInString(f) == 1 && isCJK(firstRune(f))
		if one && single {
			out[len(out)-1] += f
			continue
		}
		out = append(out, f)
		single = one
	}
	return strings.Join(out, " ")
}

func cutSuffix(s string, suffixes ...string) (string, bool) {
	for _, x := range suffixes {
		if t, ok := strings.CutSuffix(s, x); ok {
			return t, true
		}
	}
	return s, false
}
