// Package pages reads the text of newspaper pages out of PDFs and scanned
// images, one page of text per printed page, for index/article to cut into
// articles.
//
// # Input
//
// Detect tells a PDF (%PDF- in its first kilobyte) or a PNG, JPEG or TIFF
// image (by its magic bytes) from text; the extension decides only when the
// content is neither, so that a damaged .pdf or a .jpg holding something
// else gets the error of what it claims to be. Read takes the whole file.
//
// A PDF page's text layer is read with poppler's pdftotext -bbox-layout,
// which gives each printed line with its box; a line poppler ran across
// columns set close together is cut at the gutter, and a closing mark hung
// in the gutter is not counted in its line's width. A page with no text layer (a
// scan), or with fewer than 50 letters and digits, or with one that is mostly
// what a font without a Unicode map extracts as (private-use and replacement
// characters), is rendered with pdftoppm at 200 DPI (less for a page over 40
// million pixels) and recognised with Tesseract. An image goes to Tesseract
// as it is, each page of a multi-page TIFF a page. Tesseract runs with
// chi_sim, page segmentation mode 3 (it finds the blocks and columns), one
// thread, and gives its lines with their boxes as TSV.
//
// # Output
//
// Either way the page's lines are put in reading order from their boxes
// alone (see layout.go): neither pdftotext's order nor a PDF's drawing order
// reads a newspaper page in order. A region is cut at its vertical gaps
// first, left to right, so that articles side by side stay whole; then at
// its horizontal gaps, top to bottom; a headline is kept over the columns it
// heads. Then the text is written in the wrapped layout index/article
// documents: each printed line on a line of its own; a blank line before each
// headline, caption, article and paragraph (a line indented from its
// column's edge, or after a line that stops short of it); no blank line
// where a paragraph runs on from the foot of one column to the head of the
// next. OCR's spaces between Chinese characters are left for index/article
// to remove. For example a headline over two columns:
//
//	示范区统筹推进新冠肺炎疫情防控          (16 pt, centred over both columns)
//	和经济社会发展工作部署会议召开
//	  本报讯（记者郭树勋）2月  形势，坚决扛稳扛牢疫情防控
//	24日下午，省、市统筹推进新  政治责任。当前，全区疫情防控
//	…                           …
//	最吃劲的关键阶段，必须科学研    会议强调，正确评估疫情影
//
// becomes
//
//	示范区统筹推进新冠肺炎疫情防控
//	和经济社会发展工作部署会议召开
//
//	本报讯（记者郭树勋）2月
//	24日下午，省、市统筹推进新
//	…
//	最吃劲的关键阶段，必须科学研
//	形势，坚决扛稳扛牢疫情防控
//	政治责任。当前，全区疫情防控
//	…
//
//	会议强调，正确评估疫情影
//
// # Tools and memory
//
// poppler-utils (pdfinfo, pdftotext, pdftoppm) reads every PDF; Tesseract
// (tesseract-ocr, tesseract-ocr-chi-sim) only pages without text and images,
// so a text-layer PDF needs no Tesseract. Each tool runs as a process of its
// own, killed when the context is cancelled. Read holds the file, the text of
// the pages read so far and one page's lines; a page to OCR is rendered
// straight into Tesseract through a pipe, never into this process.
package pages
