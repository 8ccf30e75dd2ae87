// Package pages reads newspaper pages out of PDFs and images as page text.
package pages
