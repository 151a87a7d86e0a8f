//go:build race

package graph

// underRace is raceEnabled for the package's internal tests.
const underRace = true
