package wikidata_test

import (
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/importer/wikidata"
	"github.com/actorgraph/actorgraph/schema"
)

// Two invented items in the dump's format: an organization founded in 2012
// (year precision, written with zero month and day) and its successor, which
// replaces it from 28 July 2016, on a reference's word.
const dump = `[
{"type":"item","id":"Q999999901","lastrevid":7,"modified":"2025-06-01T12:00:00Z","labels":{"en":{"language":"en","value":"Front A"},"ar":{"language":"ar","value":"جبهة أ"}},"claims":{"P31":[{"mainsnak":{"snaktype":"value","property":"P31","datavalue":{"value":{"entity-type":"item","id":"Q43229"},"type":"wikibase-entityid"}},"id":"Q999999901$1","rank":"normal"}],"P571":[{"mainsnak":{"snaktype":"value","property":"P571","datavalue":{"value":{"time":"+2012-00-00T00:00:00Z","precision":9,"calendarmodel":"http://www.wikidata.org/entity/Q1985727"},"type":"time"}},"id":"Q999999901$2","rank":"normal"}]}},
{"type":"item","id":"Q999999902","lastrevid":8,"modified":"2025-06-01T12:00:00Z","labels":{"en":{"language":"en","value":"Front B"}},"claims":{"P31":[{"mainsnak":{"snaktype":"value","property":"P31","datavalue":{"value":{"entity-type":"item","id":"Q43229"},"type":"wikibase-entityid"}},"id":"Q999999902$1","rank":"normal"}],"P1365":[{"mainsnak":{"snaktype":"value","property":"P1365","datavalue":{"value":{"entity-type":"item","id":"Q999999901"},"type":"wikibase-entityid"}},"id":"Q999999902$2","rank":"normal","qualifiers":{"P580":[{"snaktype":"value","property":"P580","datavalue":{"value":{"time":"+2016-07-28T00:00:00Z","precision":11,"calendarmodel":"http://www.wikidata.org/entity/Q1985727"},"type":"time"}}]},"references":[{"hash":"abc123","snaks":{"P854":[{"snaktype":"value","property":"P854","datavalue":{"value":"https://example.org/front-b","type":"string"}}]}}]}]}}
]`

func ExampleLoad() {
	ctx := context.Background()
	v, err := wikidata.Vocabulary(schema.Core())
	if err != nil {
		log.Fatal(err)
	}
	g, err := graph.Open(ctx, "", graph.WithVocabulary(v))
	if err != nil {
		log.Fatal(err)
	}
	defer g.Close()
	st, err := wikidata.Load(ctx, g, "dump.json", strings.NewReader(dump))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d items, %d claims, %d facts, %d attributes\n", st.Items, st.Claims, st.Facts, st.Attributes)

	a, err := g.ResolveOne(ctx, "جبهة أ")
	if err != nil {
		log.Fatal(err)
	}
	founded, err := g.Attributes(ctx, a.ID, schema.Founded)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(a.Name, "founded", founded[0].Value)

	steps, err := g.Lineage(ctx, wikidata.EntityBase+"Q999999902")
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range steps {
		fmt.Printf("%s %s %s since %s, on the word of %s\n", s.From, g.Vocabulary().RelationName(s.Relation), s.To, s.Since.Format(), s.Evidence.Sources()[0])
	}
	// Output:
	// 2 items, 2 claims, 1 facts, 1 attributes
	// Front A founded 2012
	// Front B successorOf Front A since 28 July 2016, on the word of Wikidata reference: P854 https://example.org/front-b
}
