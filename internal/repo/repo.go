// Package repo finds the veralloc repository a command or test runs in.
package repo

import (
	"fmt"
	"os"
	"path/filepath"
)

// Root walks up from the working directory to the repository root: the
// first directory holding both go.mod and tla/Allocator.tla. cmd/veralloc
// (trace, verify) and the tests that read the whole tree use it.
func Root() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := dir; ; {
		if isFile(filepath.Join(d, "go.mod")) && isFile(filepath.Join(d, "tla", "Allocator.tla")) {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("not inside the veralloc repository (no tla/Allocator.tla and go.mod above %s)", dir)
		}
		d = parent
	}
}

func isFile(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
