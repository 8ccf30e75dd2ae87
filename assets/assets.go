// Package assets holds the files Baosou ships inside its binary.
package assets

import _ "embed"

// SamplePage is a real 2020 page from a local daily (seven articles and a photo
// caption) as PDF extraction left it. An empty library imports it, so a first
// launch is never empty.
//
//go:embed sample-2020.txt
var SamplePage []byte

// SampleName is the name the sample page is listed under in the library.
const SampleName = "sample-2020.txt"

// SampleYear is the year of the sample page, whose dates print no year.
const SampleYear = 2020
