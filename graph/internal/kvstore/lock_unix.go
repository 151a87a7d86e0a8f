//go:build unix

package kvstore

import (
	"errors"
	"fmt"
	"os"
	"syscall"

	"github.com/actorgraph/actorgraph/graph/internal/backend"
)

// lockFile takes an exclusive, non-blocking lock on path (created if need be)
// and returns its release. Locks are per open file, so a second Open in the
// same process is refused as well as one from another process; the kernel
// drops the lock when the process dies.
func lockFile(path string) (func() error, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s is held by another Graph: %w", path, backend.ErrLocked)
		}
		return nil, err
	}
	return func() error {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		return errors.Join(err, f.Close())
	}, nil
}
