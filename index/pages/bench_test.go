//go:build linux

package pages

// Benchmarks: testdata/bench.sh runs each in a process of its own and
// prints medians.

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// measure runs read b.N times and reports the Go heap Read held at most
// above what was live before it (the file's bytes are the caller's), and the
// peak resident memory of the largest tool it ran, sampled from /proc.
// (getrusage's figure for children would not do: a child forked from this
// process counts its parent's memory until it execs the tool.)
func measure(b *testing.B, read func() ([]Page, error)) []Page {
	runtime.GC()
	base := heapBytes()
	var heap, tool uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := 0; ; i++ {
			heap = max(heap, heapBytes())
			if i%25 == 0 { // every 50 ms: listing /proc costs CPU the run needs
				for _, pid := range children() {
					tool = max(tool, peakRSS(pid))
				}
			}
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	})
	var pages []Page
	for b.Loop() {
		var err error
		if pages, err = read(); err != nil {
			b.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	b.ReportMetric(float64(heap-min(base, heap))/(1<<20), "heap-peak-MB")
	b.ReportMetric(float64(tool)/(1<<20), "tool-peak-MB")
	return pages
}

func heapBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// peakRSS is a process's peak resident memory (VmHWM) in bytes, or 0.
func peakRSS(pid int) uint64 {
	b, _ := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// BenchmarkText20Pages reads a 20-page text-layer PDF: the budget
// is 2 s for its import.
func BenchmarkText20Pages(b *testing.B) {
	needPoppler(b)
	data := newspaperPDF(b, pdfOptions{pages: 20})
	measure(b, func() ([]Page, error) { return Read(context.Background(), "20.pdf", data, Options{}) })
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/20, "ms/page")
}

// BenchmarkPdftotext20Pages is the peer of BenchmarkText20Pages: poppler
// alone writing the same PDF's line boxes, the floor of what Read costs.
func BenchmarkPdftotext20Pages(b *testing.B) {
	needPoppler(b)
	path := filepath.Join(b.TempDir(), "20.pdf")
	if err := os.WriteFile(path, newspaperPDF(b, pdfOptions{pages: 20}), 0o644); err != nil {
		b.Fatal(err)
	}
	measure(b, func() ([]Page, error) {
		return nil, exec.Command("pdftotext", "-bbox-layout", path, os.DevNull).Run()
	})
}

// BenchmarkText500Pages reads a 500-page text-layer PDF (7 MB): memory
// must stay bounded.
func BenchmarkText500Pages(b *testing.B) {
	needPoppler(b)
	data := newspaperPDF(b, pdfOptions{pages: 500})
	measure(b, func() ([]Page, error) { return Read(context.Background(), "500.pdf", data, Options{}) })
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/500, "ms/page")
}

// BenchmarkOCRPage recognises the sample page scanned at 200 DPI (about 3070 x
// 3760 pixels, 7,300 characters): a typical broadsheet page.
func BenchmarkOCRPage(b *testing.B) {
	needPoppler(b)
	needTesseract(b)
	img := renderPNG(b, newspaperPDF(b, pdfOptions{}), scanDPI)
	want := printed(sample(b), 0)
	pages := measure(b, func() ([]Page, error) { return Read(context.Background(), "page.png", img, Options{}) })
	b.ReportMetric(float64(b.N)/b.Elapsed().Minutes(), "pages/min")
	b.ReportMetric(100*accuracy(pages[0].Text, want), "%-right")
}
