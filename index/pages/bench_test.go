//go:build linux

package pages

// Benchmarks: run each in a process of its own (testdata/bench.sh does), as
// the tools' peak memory is read from the process's waited-for children.

import (
	"context"
	"runtime"
	"runtime/metrics"
	"sync"
	"syscall"
	"testing"
	"time"
)

// measure runs read b.N times and reports the Go heap Read held at most
// above what was live before it (the file's bytes are the caller's), and the
// peak resident memory of the largest tool it ran.
func measure(b *testing.B, read func() ([]Page, error)) []Page {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	base := sample[0].Value.Uint64()
	var peak uint64
	var mu sync.Mutex
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		for {
			metrics.Read(s)
			mu.Lock()
			peak = max(peak, s[0].Value.Uint64())
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	})
	var pages []Page
	b.ResetTimer()
	for b.Loop() {
		var err error
		if pages, err = read(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	close(stop)
	wg.Wait()
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru)
	b.ReportMetric(float64(peak-min(base, peak))/(1<<20), "heap-peak-MB")
	b.ReportMetric(float64(ru.Maxrss)/1024, "tool-peak-MB")
	return pages
}

// BenchmarkText20Pages reads a 20-page text-layer PDF: the budget
// is 2 s for its import.
func BenchmarkText20Pages(b *testing.B) {
	needPoppler(b)
	data := newspaperPDF(b, pdfOptions{pages: 20})
	measure(b, func() ([]Page, error) { return Read(context.Background(), "20.pdf", data, Options{}) })
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/20, "ms/page")
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
