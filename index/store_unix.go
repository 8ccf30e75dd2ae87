//go:build unix

package index

import "syscall"

// release drops the pages of a docs file this process has read from its
// memory (the system keeps them cached): an import reads a source's whole
// docs file once to index it, and they would count in its resident memory.
func (r *storeReader) release() {
	syscall.Madvise(r.m, syscall.MADV_DONTNEED)
}
