package graph

import "github.com/actorgraph/actorgraph/schema"

// slab hands out the small slices of one read's answer (an entity's kinds,
// an edge's evidence) from shared chunks, so that an answer of n edges costs
// a few allocations rather than several an edge. Each slice it hands out is
// its own part of a chunk, capped at its length: a caller may change its
// elements or append to it (append copies it elsewhere) without touching
// another slice's. A chunk lives as long as any of its slices; chunks grow
// from minSlab to maxSlab elements, so a read of a few values holds a small
// one.
type slab[T any] struct {
	chunk []T
	off   int // chunk[off:] is free
	size  int // the next chunk's length
	// last is the start in chunk of the slice take handed out last, whose
	// unused capacity trim gives back; -1 when trim has nothing to give.
	last int
}

const (
	minSlab = 8
	maxSlab = 256
)

// take returns an empty slice of capacity n, its own part of a chunk.
func (s *slab[T]) take(n int) []T {
	if n > len(s.chunk)-s.off {
		s.size = min(max(2*s.size, minSlab), maxSlab)
		s.chunk, s.off = make([]T, max(s.size, n)), 0
	}
	out := s.chunk[s.off : s.off : s.off+n]
	s.last = s.off
	s.off += n
	return out
}

// reserve makes room for takes of n elements in all in one chunk, when the
// current one has less: a read that knows its answer's size asks for it
// once, rather than for chunks that grow to it.
func (s *slab[T]) reserve(n int) {
	if n > len(s.chunk)-s.off {
		s.chunk, s.off, s.last = make([]T, n), 0, -1
	}
}

// trim returns xs, which take returned and the caller filled to len(xs),
// capped at its length; when xs is the last slice taken, the capacity it did
// not use goes back to the chunk.
func (s *slab[T]) trim(xs []T) []T {
	if s.last >= 0 && cap(xs) > len(xs) && s.last+cap(xs) == s.off && &s.chunk[s.last : s.last+1][0] == &xs[:1][0] {
		s.off = s.last + len(xs)
	}
	s.last = -1
	return xs[:len(xs):len(xs)]
}

// clone returns a copy of xs that is its own part of a chunk; nil for nil.
func (s *slab[T]) clone(xs []T) []T {
	if len(xs) == 0 {
		return xs[:0:0]
	}
	out := s.take(len(xs))
	return append(out, xs...)
}

// entitySlabs hold the slices of the entities a reader shows.
type entitySlabs struct {
	kinds   slab[schema.Kind]
	aliases slab[Alias]
	iris    slab[schema.IRI]
}

// clone returns e with slices of its own, which its caller may change.
func (s *entitySlabs) clone(e Entity) Entity {
	e.Kinds, e.Aliases, e.SameAs = s.kinds.clone(e.Kinds), s.aliases.clone(e.Aliases), s.iris.clone(e.SameAs)
	return e
}
