package pages

import (
	"encoding/binary"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// FuzzPageText lays out lines of any size and place: the reading order
// must hold every line's text exactly once, and never panic.
func FuzzPageText(f *testing.F) {
	f.Add([]byte{0, 0, 140, 10, 0, 15, 140, 25, 160, 0, 255, 10})
	f.Add([]byte{50, 0, 110, 24, 0, 40, 140, 50, 160, 40, 255, 50, 0, 55, 80, 65})
	f.Add([]byte{0, 0, 0, 0, 255, 255, 255, 255})
	f.Fuzz(func(t *testing.T, data []byte) {
		var lines []line
		for i := 0; len(data) >= 4; i++ {
			x0, y0 := float64(data[0]), float64(data[1])
			lines = append(lines, line{x0, y0, x0 + float64(data[2]), y0 + float64(data[3]), "L" + strconv.Itoa(i)})
			data = data[4:]
		}
		checkAllOnce(t, lines, pageText(lines))
	})
}

// FuzzPageTextFloats feeds raw float64 boxes, NaN and infinities included.
func FuzzPageTextFloats(f *testing.F) {
	f.Add(binary.LittleEndian.AppendUint64(nil, math.Float64bits(math.NaN())))
	f.Fuzz(func(t *testing.T, data []byte) {
		var lines []line
		for i := 0; len(data) >= 32; i++ {
			v := make([]float64, 4)
			for k := range v {
				v[k] = math.Float64frombits(binary.LittleEndian.Uint64(data[8*k:]))
			}
			lines = append(lines, line{v[0], v[1], v[2], v[3], "L" + strconv.Itoa(i)})
			data = data[32:]
		}
		pageText(lines)
	})
}

// checkAllOnce fails unless text holds each line with a box, and only those,
// once each.
func checkAllOnce(t *testing.T, lines []line, text string) {
	t.Helper()
	var want []string
	for _, l := range lines {
		if l.height() > 0 {
			want = append(want, l.text)
		}
	}
	got := strings.Fields(text)
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("pageText(%v) holds %v, want %v", lines, got, want)
	}
}

// FuzzParseTSV reads anything as Tesseract's TSV without panicking.
func FuzzParseTSV(f *testing.F) {
	f.Add("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
		"1\t1\t0\t0\t0\t0\t0\t0\t500\t400\t-1\t\n" +
		"4\t1\t1\t1\t1\t0\t150\t69\t331\t20\t-1\t\n" +
		"5\t1\t1\t1\t1\t1\t150\t69\t43\t20\t96.1\t示范\n")
	f.Add("5\t1\t1\t1\t1\t1\t150\t69\t43\t20\t96.1\t示范\n4\t1\t1\t1\t1\t0\t-5\t-9\t-1\t99999999999\t-1\t\n")
	f.Fuzz(func(t *testing.T, s string) {
		parseTSV(strings.NewReader(s))
	})
}

// FuzzDecodeBBox reads anything as pdftotext's XHTML without panicking.
func FuzzDecodeBBox(f *testing.F) {
	f.Add(`<doc><page width="100" height="100"><flow><block><line xMin="1" yMin="2" xMax="50" yMax="12"><word xMin="1" yMin="2" xMax="50" yMax="12">本报讯</word></line></block></flow></page></doc>`)
	f.Add(`<page><word>x</word></line></page><line xMin="NaN">`)
	f.Fuzz(func(t *testing.T, s string) {
		decodeBBox(strings.NewReader(s), func(int, pdfPage) {})
	})
}
