package gui

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"baosou/gui/locale"
	"baosou/index"
	"baosou/index/article"
)

// msg is one user-facing text in Chinese and in English; its %-verbs take
// the same arguments in both.
type msg struct{ zh, en string }

// english is the app's language: Chinese by default, English under an
// English locale (see package locale). Tests switch it with useEnglish.
var english = locale.English()

// tr is the text of key in the app's language, formatted with args. A key
// missing from the table is a bug the tests catch (TestMessageTable); it
// shows as the key itself rather than as nothing.
func tr(key string, args ...any) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	return m.text(args...)
}

func (m msg) text(args ...any) string {
	s := m.zh
	if english {
		s = m.en
	}
	// A message may leave out what it does not need (a reason without its
	// detail), so only as many arguments as it has verbs are given.
	n := strings.Count(s, "%") - 2*strings.Count(s, "%%")
	if n <= 0 {
		return strings.ReplaceAll(s, "%%", "%")
	}
	return fmt.Sprintf(s, args[:min(n, len(args))]...)
}

// fyneStrings are Fyne's own texts (dialog buttons, the file dialog, a text
// box's menu) where its bundled Chinese reads badly or is missing.
const fyneStrings = `{"No": "否", "Yes": "是", "OK": "确定", "Quit": "退出", "Error": "出错",
 "Show Hidden Files": "显示隐藏文件", "Select all": "全选", "file.name": {"other": "名称"},
 "file.parent": {"other": "上一级"}, "Open": "打开", "Cancel": "取消", "Favourites": "收藏夹"}`

// useFyneLanguage makes Fyne's own texts the app's language. Fyne picks its
// translation from the system locale when translations are added, so the
// locale is set to the app's language for that moment and put back after:
// a German system gets the Chinese file dialog that goes with the Chinese app.
func useFyneLanguage() {
	vars := []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}
	saved := map[string]*string{}
	for _, v := range vars {
		if s, ok := os.LookupEnv(v); ok {
			saved[v] = &s
		} else {
			saved[v] = nil
		}
		os.Unsetenv(v)
	}
	defer func() {
		for v, s := range saved {
			if s != nil {
				os.Setenv(v, *s)
			} else {
				os.Unsetenv(v)
			}
		}
	}()
	if english {
		os.Setenv("LANG", "en_US.UTF-8")
		lang.AddTranslationsForLocale([]byte(`{}`), "en")
		return
	}
	os.Setenv("LANG", "zh_CN.UTF-8")
	if err := lang.AddTranslationsForLocale([]byte(fyneStrings), "zh-Hans"); err != nil {
		fyne.LogError("Fyne's Chinese texts", err)
	}
}

// reason words why a file failed or what a warning says, from its code and
// detail; the English Err only when the code is one the app does not know.
func reason(fe index.FileError) string {
	key := "reason." + fe.Code
	m, ok := messages[key]
	if !ok || fe.Code == "" || fe.Code == index.CodeOther {
		return tr("reason.other", fe.Err)
	}
	if fe.Code == index.CodeLongLine && fe.Detail == "" { // the file's failure, not a .jsonl line's
		m = messages["reason.long_line_file"]
	}
	detail := fe.Detail
	switch {
	case fe.Code == article.WarnDateInName: // date=… page=… year=…
		detail = nameDates(detail)
	case fe.Code == index.CodeNoOCR && detail == "":
		detail = "tesseract-ocr tesseract-ocr-chi-sim"
	}
	s := m.text(detail)
	if detail == "" {
		s = m.withoutDetail()
	}
	if n := warningLine(fe.Err); n > 0 {
		return tr("reason.line", n, s)
	}
	return s
}

// detailRe is the end of a message that only shows a reason's detail: "：%s",
// ": %s", "（%s）", " (%s)".
var detailRe = regexp.MustCompile(`\s*(?:[：:]\s*%s|[（(]%s[）)])$`)

// withoutDetail is a reason's message with its detail left out, for a
// FileError that has none: 无法读取这张图片, not 无法读取这张图片：.
func (m msg) withoutDetail() string {
	if english {
		return msg{en: detailRe.ReplaceAllString(m.en, "")}.text("")
	}
	return msg{zh: detailRe.ReplaceAllString(m.zh, "")}.text("")
}

// lineRe finds the line number an article.Warning puts in front of its
// English text ("line 3: …"): FileError carries it nowhere else.
var lineRe = regexp.MustCompile(`^line (\d+): `)

func warningLine(err string) int {
	if m := lineRe.FindStringSubmatch(err); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

// noticeText words what opening the library had to do.
func noticeText(n index.FileError) string {
	if _, ok := messages["notice."+n.Code]; ok {
		return tr("notice."+n.Code, n.Detail)
	}
	return n.Err
}

// fileLine is one line of an import summary: the file and what happened.
func fileLine(fe index.FileError) string {
	return "· " + filepath.Base(fe.Path) + tr("colon") + reason(fe)
}

// The article warning codes are worded under the same keys as the file
// error codes; these make sure none is forgotten (TestMessageTable).
var warningCodes = []string{article.WarnFurniture, article.WarnLeftover, article.WarnBadJSON,
	article.WarnBadRecord, article.WarnLongLine, article.WarnMoreLines, article.WarnNoLayout, article.WarnDateInName}

var fileErrorCodes = []string{index.CodeNotFound, index.CodePermission, index.CodeNotRegular, index.CodeSymlink,
	index.CodeNotText, index.CodeEncoding, index.CodeEmpty, index.CodeNoArticles, index.CodeLongLine,
	index.CodeDuplicate, index.CodeWrite, index.CodeNoSpace, index.CodePDF, index.CodePDFLocked, index.CodeImage,
	index.CodeNoOCR, index.CodeNoYear}

var noticeCodes = []string{index.CodeRolledBack, index.CodeRebuilt, index.CodeSampleFailed}

// wrapMode is how the app's language breaks lines: Chinese between any two
// characters (word wrapping would break only at the rare space), English
// between words.
func wrapMode() fyne.TextWrap {
	if english {
		return fyne.TextWrapWord
	}
	return fyne.TextWrapBreak
}
