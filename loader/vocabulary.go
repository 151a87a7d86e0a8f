package loader

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// ReadNQuadsVocabulary reads the vocabulary an N-Quads file declares, and
// returns base extended with it, so that the file can then be loaded
// (LoadNQuads) into a graph opened with graph.WithVocabulary of the result.
// An export (WriteNQuads) carries the vocabulary its graph was written with as
// RDF in the named graph schema.VocabularyGraph; the terms it defines and base
// lacks are decoded (schema.TermsFromTriples) and added (Vocabulary.Extend).
// Terms base defines are checked as a load checks them: the file may describe
// them otherwise (a name, a doc) but must mean by them what base does.
//
// It reads r as a stream, as LoadNQuads does and within the same limits
// (opts), keeping only the vocabulary's statements; every line must parse. A
// file without a vocabulary graph returns base itself. A vocabulary that does
// not decode, that gives one of base's terms another meaning, or whose terms
// clash with base's or with each other, is an *Error placed at the
// statement concerned, wrapping the cause (ErrSyntax, graph.ErrConflict or
// schema.ErrClash).
func ReadNQuadsVocabulary(ctx context.Context, name string, r io.Reader, base *schema.Vocabulary, opts ...Option) (*schema.Vocabulary, error) {
	o := collectOptions(opts)
	vr := newVocabularyReader(base)
	rr := newRDFReader(base, vr.add)
	br := bufio.NewReaderSize(r, 64*1024)
	var bytes int64
	n, line := 0, 0
	for {
		raw, err := readLine(br, o.maxLine)
		if len(raw) == 0 && errors.Is(err, io.EOF) {
			break
		}
		line++
		bytes += int64(len(raw))
		if errors.Is(err, errLineTooLong) {
			return nil, &Error{File: name, Line: line, Column: 1, Text: clip(string(raw)),
				Err: fmt.Errorf("line longer than %d bytes: the MaxLineBytes limit: %w", o.maxLine, ErrSyntax)}
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, &Error{File: name, Line: line, Column: 1, Err: err}
		}
		if bytes > o.maxFile {
			return nil, &Error{File: name, Line: line, Column: 1,
				Err: fmt.Errorf("input longer than %d bytes: the MaxFileBytes limit: %w", o.maxFile, ErrSyntax)}
		}
		text := strings.TrimSuffix(string(raw), "\n")
		st, tt, ok, perr := parseNQuadTriple(text, o.maxLiteral, nil)
		if perr != nil {
			perr.File, perr.Line = name, line
			return nil, perr
		}
		if !ok {
			continue
		}
		if n++; n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if err := rr.add(rdfIn{positioned{Statement: st, at: place{file: name, line: line, column: 1, text: clip(text)}}, tt}); err != nil {
			return nil, err
		}
	}
	if err := rr.finish(); err != nil {
		return nil, err
	}
	return vr.vocabulary()
}

// ReadJSONLDVocabulary is ReadNQuadsVocabulary for expanded JSON-LD, as
// WriteJSONLD writes it and LoadJSONLD reads it: the vocabulary is the named
// graph of the node whose @id is schema.VocabularyGraph.
func ReadJSONLDVocabulary(ctx context.Context, name string, r io.Reader, base *schema.Vocabulary, opts ...Option) (*schema.Vocabulary, error) {
	o := collectOptions(opts)
	vr := newVocabularyReader(base)
	lr := &lineReader{r: r, max: o.maxFile}
	dec := json.NewDecoder(lr)
	dec.UseNumber()
	jp := &jsonParser{name: name, dec: dec, lines: lr, take: vr.add, o: o, ctx: ctx}
	if err := jp.document(); err != nil {
		return nil, err
	}
	return vr.vocabulary()
}

// vocabularyReader collects the statements of a file's vocabulary graph.
type vocabularyReader struct {
	base *schema.Vocabulary
	// known notes, for each subject, whether base defines it: its
	// statements are then checked, not collected.
	known map[schema.IRI]bool
	// The statements about terms base lacks, by subject in the order the
	// subjects first appear, and where each subject first appears.
	triples map[schema.IRI][]schema.Triple
	order   []schema.IRI
	first   map[schema.IRI]place
}

func newVocabularyReader(base *schema.Vocabulary) *vocabularyReader {
	return &vocabularyReader{base: base, known: map[schema.IRI]bool{},
		triples: map[schema.IRI][]schema.Triple{}, first: map[schema.IRI]place{}}
}

// add takes one statement of the file, keeping it if it is the vocabulary's.
func (vr *vocabularyReader) add(st positioned) error {
	if st.Claim != schema.VocabularyGraph {
		return nil
	}
	if st.Object.Lang != "" {
		return syntax(st.at, "a vocabulary has no language-tagged literals")
	}
	known, ok := vr.known[st.Subject]
	if !ok {
		known = vr.base.TermTriples(st.Subject) != nil
		vr.known[st.Subject] = known
	}
	if known {
		if err := graph.CheckVocabularyStatement(vr.base, st.Statement); err != nil {
			return st.at.wrap(err)
		}
		return nil
	}
	if _, ok := vr.first[st.Subject]; !ok {
		vr.first[st.Subject] = st.at
		vr.order = append(vr.order, st.Subject)
	}
	vr.triples[st.Subject] = append(vr.triples[st.Subject], schema.Triple{Subject: st.Subject, Predicate: st.Predicate,
		Object: st.Object.IRI, Literal: st.Object.Lexical, Datatype: st.Object.Datatype})
	return nil
}

// vocabulary returns base extended with the terms collected.
func (vr *vocabularyReader) vocabulary() (*schema.Vocabulary, error) {
	if len(vr.order) == 0 {
		return vr.base, nil
	}
	// Each term decodes alone, so that an error is placed at its term.
	var terms schema.Terms
	for _, s := range vr.order {
		t, err := schema.TermsFromTriples(vr.triples[s])
		if err != nil {
			return nil, syntax(vr.first[s], "the file's vocabulary: %v", err)
		}
		terms.Kinds = append(terms.Kinds, t.Kinds...)
		terms.Relations = append(terms.Relations, t.Relations...)
		terms.Attributes = append(terms.Attributes, t.Attributes...)
	}
	v, err := vr.base.Extend(terms)
	if err != nil {
		at := vr.culprit(terms)
		return nil, &Error{File: at.file, Line: at.line, Column: at.column, Field: clip(at.field), Text: clip(at.text),
			Err: fmt.Errorf("the file's vocabulary clashes with the one it extends: %w", err)}
	}
	return v, nil
}

// culprit returns where to place an error of Extend: at the first term whose
// short name base or an earlier term of the file already uses (the clash of
// two vocabularies that name different terms alike), or else at the
// vocabulary's first statement; the error itself names the term.
func (vr *vocabularyReader) culprit(terms schema.Terms) place {
	names := map[schema.IRI]string{}
	for _, d := range terms.Kinds {
		names[schema.IRI(d.Kind)] = d.Name
	}
	for _, d := range terms.Relations {
		names[schema.IRI(d.Relation)] = d.Name
	}
	for _, d := range terms.Attributes {
		names[schema.IRI(d.Attribute)] = d.Name
	}
	used := map[string]bool{}
	for _, s := range vr.order {
		name := names[s]
		if _, ok := vr.base.Lookup(name); ok || used[name] {
			return vr.first[s]
		}
		used[name] = true
	}
	return vr.first[vr.order[0]]
}
