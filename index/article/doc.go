// Package article cuts newspaper-page text files into articles.
//
// # Input
//
// A page is the text of one printed newspaper page, as extracted from a PDF
// or OCR'd: UTF-8 (with or without a byte-order mark), UTF-16 with a mark,
// GB18030/GBK or Big5 (see Decode); line ends LF, CRLF or CR, form feeds
// taken as line ends. Extraction leaves the text in one of two layouts, told
// apart per file: wrapped, where each line is one line of a narrow printed
// column (8-30 characters) and most lines stop mid-sentence; or unwrapped,
// with one paragraph a line, where most lines end a sentence.
//
// The rules read the whole page, not a line at a time. The lines are cut
// into blocks at blank lines (in an unwrapped page, each line is a block),
// and the page's column width is the commonest width of its lines, a digit
// or Latin letter counting half a Chinese character.
//
// # Masthead
//
// The page's running head, in its first (or last) lines, is metadata, not
// text: a date (2020年2月28日, 二〇二〇年二月二十八日, 2020-02-28), the
// weekday, the lunar date, the page (第3版, A3版, 03版, 第三版), its section
// (要闻), the paper's name (焦作日报), issue numbers and editors, in any order,
// on up to four lines. It gives every document of the page Published, Page,
// Section and Newspaper, and a caption its Date. Where the page prints no
// date or page, the file name's are used (2020-02-28_03.pdf,
// jzrb20200228003.pdf; see FromName) with a WarnDateInName warning, then
// Options.Page. Sign-offs at the page's end (责任编辑：张三, （完）) are dropped
// with a warning.
//
// # Articles
//
// An article opens with a lead, a wire dateline or a byline:
//
//	本报讯（记者X）M月D日           brackets full- or half-width, white space and line breaks anywhere;
//	本报讯 记者X M月D日             the byline without brackets, before a date;
//	本报讯(记者X 通讯员Y)           also 实习生 Y, 见习记者, 特约记者 …;
//	本报北京3月1日讯, 本报综合消息   a place (Place) and a date, or no byline;
//	新华社北京3月1日电（记者X、Z）  a wire dateline: Agency 新华社, Place 北京; 人民网, 中新社 …;
//	据新华社电                       a wire story without a place or date;
//	本报记者 X 报道：                a byline that opens the text;
//	■本报记者 X, 文/X, X/文 Y/图     a byline alone on its line, above the text;
//
// or, without any of those, it is closed by a byline at the end of its text,
// （记者 X）. Traditional characters (本報訊, 記者) are read too. Reporter
// holds the reporters' names, joined by a space (记者王芳、赵强 gives "王芳
// 赵强"; OCR-spaced 郭 树 勋 gives 郭树勋); Contributors holds the others,
// role first ("通讯员 张虹", "实习生 王五"); X/文 Y/图 makes X the reporter
// and Y the Photographer. The lead's M月D日 is Date, its year the one
// printed, else the masthead's (the year before for a December lead on a
// January page), else Options.Year, else the file name's, else unknown. The
// lead stays in the article's first paragraph as printed; a byline alone
// is a paragraph of its own.
//
// # Headlines
//
// A headline is a block of 1-3 lines, at most 40 characters joined, not
// ending like a sentence or clause (。！？…；：，、), without 。 or ； inside,
// standing between a finished text (or the page's start, or a caption) and
// an article, a caption or the page's end; it may share a line with the
// next lead (标题 本报讯（…）) or follow the last sentence without a blank
// line. Up to three such blocks make one headline group: a line opening with
// a dash starts the subtitle (副题, Subtitle); of the other blocks the longest
// is the main headline (Title), those above it the kicker (引题, Kicker),
// those below it the subtitle. A kicker printed without a blank line under
// it reads as part of the headline. Titles have runs of white space made one.
//
// A short block followed by more text rather than a lead is a headline only
// when it cannot be the start of a paragraph broken by a column (it is
// narrower than the column and has no comma inside) or when that text is
// an article closed by its byline; so a narrow column's lines are never
// taken for one. Running heads and sign-offs are never headlines.
//
// A page prints every headline on the same side of its article. The side is
// read from all of them: a headline before the first article (or between a
// caption and a lead) says before; one after the last article's end says
// after; one between two articles votes for the article whose text shares
// more of its words. A tie says before. An article without a headline gets a
// derived title (see below) and TitleDerived.
//
// # Paragraphs and column breaks
//
// In a wrapped page lines are joined, and a blank line ends a paragraph
// only after punctuation that can end one (。！？…；：”」』 and the ASCII
// .!?;:"); any other blank line is a column break inside a sentence and the
// text runs on, also across a photo set inside the article. In an unwrapped
// page each line is a paragraph. Chinese lines join with no space, English
// ones with one.
//
// White space next to a CJK character (Han, CJK punctuation, full-width
// forms), which OCR scatters through the text, is removed: 建 设 和 房 地 产
// becomes 建设和房地产, 2 月 24 日 becomes 2月24日, 汽车 4S 店 becomes 汽车4S店.
// Between two other characters it becomes one space (COVID 19). Nothing
// else changes: no punctuation or width conversion.
//
// # Captions
//
// A photo caption is a paragraph followed by a credit: 本报记者 X 摄,
// 记者 X 摄 or X/摄, on its own line or after the caption's last sentence.
// The caption is the paragraph before the credit: from the last short line
// ending a sentence (or the block's start), extended back over a column
// break when no text continues after the credit. It may stand at the top,
// between articles, at the end or inside an article, any number to a page.
// It becomes a KindCaption document with Photographer X and the page's
// date; the credit stays in its text, as its last paragraph. A credit right
// after a lead's paragraph is the article's own (a photo news item): it sets
// the article's Photographer and stays in its text.
//
// # Derived titles
//
// A caption is titled by what its 图为… sentence says the photo shows
// (wherever that sentence stands, often last), else like an article. An
// article by its first clause after the lead, extended while under 8
// characters; when that is over 40 characters and runs office+name+action
// (…总指挥王家鹏主持召开…), it is taken from the name on, then bracketed
// parts are dropped, then it is cut with "…". A file without any article is
// one KindDocument, titled by its first block (wrapped) or line if that is a
// headline (in a wrapped page also without a comma or other clause mark
// inside), else by its file name without extension, else like an article.
//
// # Guarantees
//
// The documents hold every visible character of the page exactly once,
// masthead, dropped sign-offs and warned-about leftovers aside: Parse checks
// this, and should a cut not hold (a bug), the page is kept as one document
// with a WarnNoLayout warning. Text before the first article that is neither
// its headline nor a caption becomes a document when longer than a
// headline, else it is dropped with a WarnLeftover warning. Explain says,
// line by line, what each line was taken for and why.
//
// # Example
//
// This page, with a masthead, OCR spaces, a date broken over a line, a
// column break after 疫情, headlines printed after their articles and
// wrapped over two lines, a wire story and a caption:
//
//	2020年3月1日 星期日 第3版 要闻
//
//	 本报讯 （记者郭树勋） 2 月
//	24 日下午，示范区召开会议。当前，全区疫情
//
//	防控工作取得了阶段性成效。
//
//	示范区召开统筹推进
//	疫情防控工作会议
//
//	新华社北京2月25日电（记者王芳 通讯员张虹）
//	全国春耕备耕有序推进。
//
//	全国春耕备耕
//	有序推进
//
//	图为春耕现场。
//	本报记者 李四 摄
//
// parses, with no Options, into two articles and a caption, each with
// Published 2020-03-01, Page 3 and Section 要闻:
//
//	Title:        示范区召开统筹推进疫情防控工作会议
//	Date:         2020-02-24
//	Reporter:     郭树勋
//	Paragraphs:   本报讯（记者郭树勋）2月24日下午，示范区召开会议。当前，全区疫情防控工作取得了阶段性成效。
//
//	Title:        全国春耕备耕有序推进
//	Date:         2020-02-25
//	Reporter:     王芳
//	Contributors: 通讯员 张虹
//	Agency:       新华社
//	Place:        北京
//	Paragraphs:   新华社北京2月25日电（记者王芳通讯员张虹）全国春耕备耕有序推进。
//
//	Title:        春耕现场 (derived)
//	Kind:         caption
//	Date:         2020-03-01
//	Photographer: 李四
//	Paragraphs:   图为春耕现场。
//	              本报记者李四摄
//
// Bulk imports come as JSONL instead, read by ParseJSONL.
package article
