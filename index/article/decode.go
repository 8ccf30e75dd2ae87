package article

import (
	"bytes"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// The encoding names Decode reports, as stored in Page.Encoding.
const (
	EncUTF8    = "UTF-8"
	EncUTF8BOM = "UTF-8 (BOM)"
	EncUTF16LE = "UTF-16LE"
	EncUTF16BE = "UTF-16BE"
	EncGB18030 = "GB18030"
	EncBig5    = "Big5"
)

// magics are the openings of common binary files a user might pick by mistake.
var magics = []string{
	"\x89PNG", "\x7fELF", "GIF87a", "GIF89a", "\xff\xd8\xff", "%PDF-", "PK\x03\x04",
	"\x1f\x8b", "\xd0\xcf\x11\xe0", "Rar!\x1a\x07", "7z\xbc\xaf\x27\x1c", "MZ\x90\x00",
}

// Decode detects the encoding of data and returns its text as UTF-8 with the
// encoding's name (one of the Enc constants). It tries, in order: a byte-order
// mark (UTF-8, UTF-16LE, UTF-16BE); UTF-8, also with a rare bad byte, which
// becomes U+FFFD; and GB18030 against Big5, keeping the one whose decoding has
// the larger share of common Han characters. Binary data gives ErrNotText,
// text in no supported encoding ErrEncoding, blank data ErrEmpty.
func Decode(data []byte) (text string, enc string, err error) {
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return "", "", ErrEmpty
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		if isBinary(data[3:]) {
			return "", "", ErrNotText
		}
		text, err = decodeUTF8(data[3:])
		return checkText(text, EncUTF8BOM, err)
	case bytes.HasPrefix(data, []byte("\xff\xfe")):
		return decodeWith(xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM), data[2:], EncUTF16LE)
	case bytes.HasPrefix(data, []byte("\xfe\xff")):
		return decodeWith(xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM), data[2:], EncUTF16BE)
	case isBinary(data):
		return "", "", ErrNotText
	}
	if text, err = decodeUTF8(data); err == nil {
		return checkText(text, EncUTF8, nil)
	}
	e, name := guessLegacy(data)
	if e == nil {
		return "", "", ErrEncoding
	}
	return decodeWith(e, data, name)
}

// isBinary reports NUL bytes, a known binary header, or more than 1% control
// bytes (form feed, tab and line breaks do not count).
func isBinary(data []byte) bool {
	if bytes.IndexByte(data, 0) >= 0 {
		return true
	}
	for _, m := range magics {
		if bytes.HasPrefix(data, []byte(m)) {
			return true
		}
	}
	n := 0
	for _, c := range data {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b) || c == 0x7f {
			n++
		}
	}
	return n*100 > len(data)
}

// decodeUTF8 accepts valid UTF-8, and UTF-8 with a few bad bytes (at most 4,
// or one in a thousand) among many good multi-byte characters, as in a
// truncated or slightly damaged file; each run of bad bytes becomes U+FFFD.
func decodeUTF8(data []byte) (string, error) {
	if utf8.Valid(data) {
		return string(data), nil
	}
	bad, multi := 0, 0
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			bad++
		case size > 1:
			multi++
		}
		i += max(size, 1)
	}
	if (bad > 4 && bad*1000 > len(data)) || multi < 10*bad {
		return "", ErrEncoding
	}
	return strings.ToValidUTF8(string(data), "\uFFFD"), nil
}

func decodeWith(e encoding.Encoding, data []byte, name string) (string, string, error) {
	out, err := e.NewDecoder().Bytes(data)
	switch {
	case err != nil:
		return "", "", ErrEncoding
	case isBinary(out): // UTF-16 that decodes to control characters
		return "", "", ErrNotText
	}
	return checkText(string(out), name, nil)
}

// checkText passes on err, or rejects decoded text that is blank.
func checkText(text, enc string, err error) (string, string, error) {
	if err != nil {
		return "", "", err
	}
	if strings.TrimFunc(text, func(r rune) bool { return isSpace(r) || isInvisible(r) }) == "" {
		return "", "", ErrEmpty
	}
	return text, enc, nil
}

// sampleSize bounds the bytes scored when guessing a legacy encoding, so a
// 100 MB file is decoded once, not three times.
const sampleSize = 1 << 20

// legacyThreshold is the score a legacy decoding needs. Real text scores over
// 0.9 in its own encoding; a wrong guess still decodes to Han, but to rare
// characters and errors (GB text read as Big5 scores under a half), and
// random bytes score about a fifth.
const legacyThreshold = 0.7

// guessLegacy picks GB18030 or Big5 for data that is not UTF-8, or returns nil.
func guessLegacy(data []byte) (encoding.Encoding, string) {
	sample := data[:min(len(data), sampleSize)]
	gb := legacyScore(simplifiedchinese.GB18030, sample, &commonGB)
	big5 := legacyScore(traditionalchinese.Big5, sample, &commonBig5)
	switch {
	case gb >= big5 && gb >= legacyThreshold:
		return simplifiedchinese.GB18030, EncGB18030
	case big5 > gb && big5 >= legacyThreshold:
		return traditionalchinese.Big5, EncBig5
	}
	return nil, ""
}

// legacyScore decodes sample with e and returns the share of its non-ASCII
// characters that are common Han characters or CJK punctuation; decoding
// errors count against it.
func legacyScore(e encoding.Encoding, sample []byte, common *hanSet) float64 {
	commonOnce.Do(buildCommon)
	out, err := e.NewDecoder().Bytes(sample)
	if err != nil {
		return 0
	}
	good, all := 0, 0
	for _, r := range string(out) {
		if r < 0x80 {
			continue
		}
		all++
		if common.has(r) || isCJKPunct(r) {
			good++
		}
	}
	if all == 0 {
		return 0
	}
	return float64(good) / float64(all)
}

func isCJKPunct(r rune) bool {
	return (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF01 && r <= 0xFF5E) ||
		strings.ContainsRune("“”‘’…—·", r)
}

// hanSet is a set of characters in the CJK Unified Ideographs block.
type hanSet [(0xA000 - 0x4E00) / 64]uint64

func (s *hanSet) add(r rune) {
	if r >= 0x4E00 && r < 0xA000 {
		r -= 0x4E00
		s[r/64] |= 1 << (r % 64)
	}
}

func (s *hanSet) has(r rune) bool {
	if r < 0x4E00 || r >= 0xA000 {
		return false
	}
	r -= 0x4E00
	return s[r/64]&(1<<(r%64)) != 0
}

// The common characters of each encoding: GB2312 level 1 (3755 characters by
// frequency of use) and Big5 level 1 (5401), built on first use by decoding
// their byte ranges.
var (
	commonOnce sync.Once
	commonGB   hanSet
	commonBig5 hanSet
)

func buildCommon() {
	fill(&commonGB, simplifiedchinese.GBK, 0xB0, 0xD7, 0xA1, 0xFE, 0xFE)
	fill(&commonBig5, traditionalchinese.Big5, 0xA4, 0xC6, 0x40, 0xFE, 0x7E)
}

// fill adds to s the Han characters e decodes from the two-byte codes with
// leads lo..hi and trails from..to (lastTo for the last lead); in Big5 the
// trail bytes 0x7F-0xA0 are unused and decode to nothing.
func fill(s *hanSet, e encoding.Encoding, lo, hi, from, to, lastTo byte) {
	var buf []byte
	for lead := int(lo); lead <= int(hi); lead++ {
		end := int(to)
		if lead == int(hi) {
			end = int(lastTo)
		}
		for trail := int(from); trail <= end; trail++ {
			if trail > 0x7E && trail < 0xA1 {
				continue
			}
			buf = append(buf, byte(lead), byte(trail))
		}
	}
	out, _ := e.NewDecoder().Bytes(buf)
	for _, r := range string(out) {
		if unicode.Is(unicode.Han, r) {
			s.add(r)
		}
	}
}
