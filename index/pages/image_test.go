package pages

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"strings"
	"testing"

	"baosou/index/fold"

	"golang.org/x/image/tiff"
)

// TestImageFormats recognises the top of the sample page (the first
// article's headline and lead) as a JPEG and as a TIFF.
func TestImageFormats(t *testing.T) {
	needPoppler(t)
	needTesseract(t)
	img, err := decodePNG(renderPNG(t, newspaperPDF(t, pdfOptions{rows: 1}), scanDPI))
	if err != nil {
		t.Fatal(err)
	}
	top := img.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(image.Rect(0, 0, img.Bounds().Dx()/3, img.Bounds().Dy()/4))
	var jpg, tif bytes.Buffer
	if err := jpeg.Encode(&jpg, top, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	if err := tiff.Encode(&tif, top, &tiff.Options{Compression: tiff.Deflate}); err != nil {
		t.Fatal(err)
	}
	head := string([]rune(fold.String(sample(t)[0].Title))[:7]) // 示范区统筹推进
	for name, data := range map[string][]byte{"top.jpg": jpg.Bytes(), "top.tif": tif.Bytes()} {
		pages, err := Read(context.Background(), name, data, Options{})
		if err != nil {
			t.Fatalf("Read(%s) = %v", name, err)
		}
		if len(pages) != 1 || !pages[0].OCR || pages[0].Number != 1 {
			t.Fatalf("Read(%s) = %+v, want one page by OCR", name, pages)
		}
		if text := fold.String(strings.Join(strings.Fields(pages[0].Text), "")); !strings.Contains(text, head) {
			t.Errorf("Read(%s) text lacks the headline's start %q:\n%s", name, head, pages[0].Text)
		}
	}
}

func decodePNG(data []byte) (image.Image, error) {
	img, _, err := image.Decode(bytes.NewReader(data))
	return img, err
}
