package gui

import (
	"reflect"

	"baosou/index"
)

// CONTRACT.md lists fields that index/types.go does not have yet (main at
// 3e21fe3): ImportProgress.BytesDone, BytesTotal, Page, Pages and
// Source.NoYear. The app reads them by name, so it builds before the lead's
// types land and uses them as soon as they do; then these become plain field
// reads.

// intField is the integer field name of struct v, or 0 when v has none.
func intField(v any, name string) int64 {
	f := reflect.ValueOf(v).FieldByName(name)
	if !f.IsValid() {
		return 0
	}
	switch {
	case f.CanInt():
		return f.Int()
	case f.CanUint():
		return int64(f.Uint())
	}
	return 0
}

// importBytes is how far an import is through its bytes, all files together;
// total is 0 when the library does not say.
func importBytes(p index.ImportProgress) (done, total int64) {
	return intField(p, "BytesDone"), intField(p, "BytesTotal")
}

// ocrPage is the page being recognised and how many there are; 0 when none.
func ocrPage(p index.ImportProgress) (page, pages int) {
	return int(intField(p, "Page")), int(intField(p, "Pages"))
}

// sourceNoYear is how many of s's articles are dated without a year.
func sourceNoYear(s index.Source) int {
	return int(intField(s, "NoYear"))
}
