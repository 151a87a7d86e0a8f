module github.com/actorgraph/actorgraph

go 1.26

require (
	github.com/cayleygraph/cayley v0.7.7
	github.com/cayleygraph/quad v1.2.5
	go.yaml.in/yaml/v3 v3.0.4
	golang.org/x/text v0.31.0
)
