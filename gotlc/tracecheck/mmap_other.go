//go:build !unix

package tracecheck

import "os"

// mapFile never maps where mmap is not available: the caller reads f.
func mapFile(f *os.File) (data []byte, unmap func(), ok bool) { return nil, nil, false }
