package ucdp

// Options are typed by the loads that honour them, as the graph's are: an
// option LoadActors would ignore does not compile there.

// GEDOption is an option of LoadGED.
type GEDOption interface{ gedOption(*options) }

// ActorsOption is an option of LoadActors.
type ActorsOption interface{ actorsOption(*options) }

// Option is an option of both loads.
type Option struct{ apply func(*options) }

func (o Option) gedOption(to *options)    { o.apply(to) }
func (o Option) actorsOption(to *options) { o.apply(to) }

// GEDOnly is an option of LoadGED alone.
type GEDOnly struct{ apply func(*options) }

func (o GEDOnly) gedOption(to *options) { o.apply(to) }

type options struct {
	base         Base
	maxRejected  int
	maxRows      int
	maxLineBytes int
	knownActors  bool
}

// Default limits.
const (
	// DefaultMaxRows bounds the rows (or JSON objects) of one load. A whole
	// GED release has about 350,000.
	DefaultMaxRows = 5_000_000
	// DefaultMaxLineBytes bounds one physical line of a CSV file, and one
	// JSON event object.
	DefaultMaxLineBytes = 16 << 20
)

func defaults() options {
	return options{base: DefaultBase, maxRows: DefaultMaxRows, maxLineBytes: DefaultMaxLineBytes}
}

// WithBase names what a load writes under b instead of DefaultBase.
func WithBase(b Base) Option { return Option{func(o *options) { o.base = b }} }

// MaxRejected lets a load skip up to n bad rows, each listed with its place
// in Stats.Rejected, and write the others; the n+1st bad row fails the load,
// which then writes nothing. The default, 0, fails the load at the first bad
// row. Problems of the file as a whole (a header that is no UCDP layout,
// JSON that does not parse) always fail it.
func MaxRejected(n int) Option { return Option{func(o *options) { o.maxRejected = n }} }

// MaxRows bounds the rows of one load (DefaultMaxRows when not given).
func MaxRows(n int) Option { return Option{func(o *options) { o.maxRows = n }} }

// MaxLineBytes bounds one physical line of a CSV file and one JSON event
// object (DefaultMaxLineBytes when not given), so that input without line
// breaks cannot exhaust memory.
func MaxLineBytes(n int) Option { return Option{func(o *options) { o.maxLineBytes = n }} }

// RequireKnownActors makes LoadGED reject a row whose side is not an actor
// of the graph already (as LoadActors writes them): load the actor list
// first. The side Civilians (id 1), which the actor list does not list, is
// always known.
func RequireKnownActors() GEDOnly { return GEDOnly{func(o *options) { o.knownActors = true }} }

func gedOptions(opts []GEDOption) options {
	o := defaults()
	for _, op := range opts {
		op.gedOption(&o)
	}
	return o
}

func actorsOptions(opts []ActorsOption) options {
	o := defaults()
	for _, op := range opts {
		op.actorsOption(&o)
	}
	return o
}
