// Package article cuts newspaper-page text files into articles.
//
// # Input
//
// A page is the text of one printed newspaper page, as extracted from a PDF
// or OCR'd: UTF-8 (with or without a byte-order mark), UTF-16 with a mark,
// GB18030/GBK or Big5 (see Decode); line ends LF, CRLF or CR, form feeds
// taken as line ends. Extraction leaves the text in one of two layouts, told
// apart per file: wrapped, where each line is one line of a narrow printed
// column (10-30 characters) and most lines stop mid-sentence; or unwrapped,
// with one paragraph a line, where most lines end a sentence.
//
// An article starts at its lead, 本报讯（记者X）M月D日: any white space or
// line breaks may fall between the pieces, brackets and digits may be full-
// or half-width, 通讯员 may stand for 记者, and traditional characters
// (本報訊, 記者) are accepted. X, the reporter, may be several names
// (记者 张三 李四 gives "张三 李四"). The date's year is the one printed
// (2020年2月24日), else Options.Year, else a year in Options.Name, else
// unknown. The lead stays in the article's first paragraph as printed.
// Without any lead, the whole file is one document.
//
// Headlines are short blocks: 1-3 lines of at most 40 characters joined,
// not ending like a sentence or clause (。！？…；：，、), set off by blank
// lines or sharing a line with the next lead (标题 本报讯（…）). Some pages
// print each headline before its article, others after it; a page's layout is
// read from its ends: a headline before the first lead means before, else a
// headline after the last article means after (before wins a tie). A headline
// must follow a finished sentence, so that a short column fragment is not
// taken for one. An article whose headline is missing gets a derived title
// (see below) and TitleDerived.
//
// Running heads and sign-offs (第2版, 星期六, 责任编辑：张三, （完）) are never
// headlines; those at the end of the page are dropped with a warning. Text
// before the first lead that is not its headline becomes a document of its
// own when longer than a headline, else it is dropped with a warning.
//
// # Repair
//
// Lines are joined into paragraphs. In a wrapped page a blank line ends a
// paragraph only after punctuation that can end one (。！？…；：”」』 and the
// ASCII .!?;:"); any other blank line is a column break inside a sentence and
// the text runs on. In an unwrapped page each line is a paragraph. Chinese
// lines join with no space, English ones with one.
//
// White space next to a CJK character (Han, CJK punctuation, full-width
// forms), which OCR scatters through the text, is removed: 建 设 和 房 地 产
// becomes 建设和房地产, 2 月 24 日 becomes 2月24日, 汽车 4S 店 becomes 汽车4S店.
// Between two other characters it becomes one space (COVID 19). Nothing
// else changes: no punctuation or width conversion.
//
// # Captions
//
// A page may end with a photo caption: a block of text, then a credit line
// 本报记者 X 摄, 记者 X 摄 or X/摄 (on its own line or after the caption's last
// sentence). It becomes a KindCaption document with Photographer X; the
// credit line is not kept in its paragraphs. A credit right after a lead's
// block is the article's own (a photo news item) and sets its Photographer.
//
// # Derived titles
//
// A caption is titled by what its 图为… sentence says the photo shows. An
// article by its first clause after the lead, extended while under 8
// characters; when that is over 40 characters and runs office+name+action
// (…总指挥王家鹏主持召开…), it is taken from the name on, then bracketed
// parts are dropped, then it is cut with "…". A file without leads is titled
// by its first block (wrapped) or line if that is a headline (in a wrapped
// page also without a comma or other clause mark inside), else by its file
// name without extension, else like an article.
//
// # Example
//
// This column text, with OCR spaces, a date broken over a line, a column
// break after 疫情 and the headline printed after the body:
//
//	 本报讯 （记者郭树勋） 2 月
//	24 日下午，示范区召开会议。当前，全区疫情
//
//	防控工作取得了阶段性成效。
//
//	会议指出，要坚持问题导向。
//
//	示范区召开统筹推进
//	疫情防控工作会议
//
// parses, with Options{Year: 2020}, into one article:
//
//	Title:      示范区召开统筹推进疫情防控工作会议
//	Date:       2020-02-24
//	Reporter:   郭树勋
//	Paragraphs: 本报讯（记者郭树勋）2月24日下午，示范区召开会议。当前，全区疫情防控工作取得了阶段性成效。
//	            会议指出，要坚持问题导向。
//
// Bulk imports come as JSONL instead, read by ParseJSONL.
package article
