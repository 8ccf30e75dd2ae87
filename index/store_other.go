//go:build !unix

package index

func (r *storeReader) release() {}
