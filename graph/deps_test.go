package graph_test

import (
	"os/exec"
	"strings"
	"testing"
)

// A program that keeps its graph in memory links no database driver: package
// graph imports none of goleveldb, bolt, lib/pq or cayley's Prometheus metrics
// (each backend's package brings its own).
func TestGraphLinksNoDatabase(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to list the package's dependencies")
	}
	out, err := exec.Command(goTool, "list", "-deps", "github.com/actorgraph/actorgraph/graph").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 50 {
		t.Fatalf("go list -deps listed %d packages: %q", len(deps), out)
	}
	for _, d := range deps {
		for _, banned := range []string{"goleveldb", "boltdb", "lib/pq", "prometheus", "cayley/graph/kv", "cayley/graph/sql"} {
			if strings.Contains(d, banned) {
				t.Errorf("package graph links %s", d)
			}
		}
	}
	for _, backend := range []string{"leveldb", "bolt", "postgres"} {
		out, err := exec.Command(goTool, "list", "-deps", "github.com/actorgraph/actorgraph/graph/"+backend).CombinedOutput()
		if err != nil {
			t.Fatalf("go list: %v\n%s", err, out)
		}
		want := map[string]string{"leveldb": "goleveldb", "bolt": "boltdb", "postgres": "lib/pq"}[backend]
		if !strings.Contains(string(out), want) {
			t.Errorf("graph/%s does not link %s: the check above would pass for nothing", backend, want)
		}
	}
}
