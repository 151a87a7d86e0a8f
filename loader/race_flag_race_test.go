//go:build race

package loader_test

// raceEnabled is true under -race, where the tests that only move many bytes
// (and test no concurrency) run smaller.
const raceEnabled = true
