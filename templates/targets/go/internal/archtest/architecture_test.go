// Package archtest checks the modular-monolith rules (contract C86-C89) with nothing but the Go
// toolchain, as part of `go test ./...`:
//   - a module's internals (internal/modules/<m>/internal/...) are private to it: the compiler
//     enforces this for every build, and `go list` reports the violation here too;
//   - other modules are used through their root package only (the module's public API);
//   - modules do not depend on each other in a cycle;
//   - the platform (internal/platform/...) never imports a module.
//
// Why a test and not golangci-lint's depguard or go-arch-lint: they are separate binaries with
// their own release cadence that every developer and CI job must install; this test runs
// wherever `go test` does, reads the real import graph (`go list`), and fails with the offending
// import named.
package archtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/format"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

type goPackage struct {
	ImportPath   string
	Imports      []string
	TestImports  []string
	XTestImports []string
	Error        *struct{ Err string }
	DepsErrors   []struct{ Err string }
}

func projectRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func listPackages(t *testing.T, root string) (string, []goPackage) {
	t.Helper()
	cmd := exec.Command("go", "list", "-e", "-json=ImportPath,Imports,TestImports,XTestImports,Error,DepsErrors", "./...")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	modulePath, err := exec.Command("go", "list", "-m").Output()
	if err != nil {
		t.Fatalf("go list -m: %v", err)
	}
	var packages []goPackage
	decoder := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p goPackage
		if err := decoder.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		packages = append(packages, p)
	}
	return strings.TrimSpace(string(modulePath)), packages
}

// moduleOf returns the module a package belongs to ("" outside internal/modules) and whether the
// package is that module's root (public) package.
func moduleOf(modulePath, importPath string) (name string, root bool) {
	rest, ok := strings.CutPrefix(importPath, modulePath+"/internal/modules/")
	if !ok {
		return "", false
	}
	name, sub, _ := strings.Cut(rest, "/")
	return name, sub == ""
}

func TestModuleBoundaries(t *testing.T) {
	modulePath, packages := listPackages(t, projectRoot(t))
	dependsOn := map[string]map[string]bool{}
	for _, p := range packages {
		if p.Error != nil {
			t.Errorf("%s: %s", p.ImportPath, p.Error.Err)
		}
		for _, depErr := range p.DepsErrors {
			t.Errorf("%s: %s", p.ImportPath, depErr.Err)
		}
		from, _ := moduleOf(modulePath, p.ImportPath)
		isPlatform := strings.HasPrefix(p.ImportPath, modulePath+"/internal/platform/")
		for _, imported := range slices.Concat(p.Imports, p.TestImports, p.XTestImports) {
			to, toRoot := moduleOf(modulePath, imported)
			switch {
			case to == "" || to == from:
				continue
			case isPlatform:
				t.Errorf("platform package %s imports module %s: the platform never depends on modules", p.ImportPath, imported)
			case !toRoot:
				t.Errorf("%s imports %s: use module %q through its root package only", p.ImportPath, imported, to)
			}
			if from != "" {
				if dependsOn[from] == nil {
					dependsOn[from] = map[string]bool{}
				}
				dependsOn[from][to] = true
			}
		}
	}
	if cycle := findCycle(dependsOn); cycle != nil {
		t.Errorf("modules depend on each other in a cycle: %s (talk through events instead)", strings.Join(cycle, " -> "))
	}
}

func findCycle(graph map[string]map[string]bool) []string {
	const (
		visiting = 1
		done     = 2
	)
	state := map[string]int{}
	var path []string
	var visit func(string) []string
	visit = func(node string) []string {
		state[node] = visiting
		path = append(path, node)
		next := make([]string, 0, len(graph[node]))
		for to := range graph[node] {
			next = append(next, to)
		}
		slices.Sort(next)
		for _, to := range next {
			switch state[to] {
			case visiting:
				start := slices.Index(path, to)
				return append(slices.Clone(path[start:]), to)
			case 0:
				if cycle := visit(to); cycle != nil {
					return cycle
				}
			}
		}
		path = path[:len(path)-1]
		state[node] = done
		return nil
	}
	nodes := make([]string, 0, len(graph))
	for node := range graph {
		nodes = append(nodes, node)
	}
	slices.Sort(nodes)
	for _, node := range nodes {
		if state[node] == 0 {
			if cycle := visit(node); cycle != nil {
				return cycle
			}
		}
	}
	return nil
}

func TestFindCycle(t *testing.T) {
	graph := map[string]map[string]bool{"billing": {"orders": true}, "orders": {"billing": true}}
	if got := fmt.Sprint(findCycle(graph)); got != "[billing orders billing]" {
		t.Fatalf("findCycle = %s", got)
	}
	if got := findCycle(map[string]map[string]bool{"billing": {"orders": true}}); got != nil {
		t.Fatalf("acyclic graph reported a cycle: %v", got)
	}
}

// TestGofmt keeps the tree gofmt-clean (`gofmt -l` prints names but always exits 0). Reading
// every file here also makes `go test`'s cache notice any source change, so this package's
// boundary check never answers from a stale cache.
func TestGofmt(t *testing.T) {
	root := projectRoot(t)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "bin" || d.Name() == "vendor" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || (!strings.HasSuffix(path, ".go") && d.Name() != "go.mod") {
			return nil
		}
		source, err := os.ReadFile(path)
		if err != nil || !strings.HasSuffix(path, ".go") {
			return err
		}
		formatted, err := format.Source(source)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if !bytes.Equal(source, formatted) {
			t.Errorf("%s is not gofmt-formatted (run gofmt -w .)", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
