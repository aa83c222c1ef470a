package check

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// deployDocs are the documents that go with these manifests.
var deployDocs = []string{"deploy/k8s/README.md", "docs/operations.md", "docs/scaling.md"}

// pendingEnv are variables the documents describe that cmd/rebound does not read yet, each with
// the reason. Once config.go reads one, its entry can go.
var pendingEnv = map[string]string{}

// TestDocsLinks: every relative link in the deployment documents leads to a file that exists,
// and every #fragment to a heading in it.
func TestDocsLinks(t *testing.T) {
	link := regexp.MustCompile(`\]\(([^)\s]+)\)`)
	for _, doc := range deployDocs {
		text := readRepoFile(t, doc)
		for _, m := range link.FindAllStringSubmatch(text, -1) {
			target := m[1]
			if strings.Contains(target, "://") {
				continue
			}
			file, anchor, _ := strings.Cut(target, "#")
			path := repoPath(doc)
			if file != "" {
				path = filepath.Join(filepath.Dir(repoPath(doc)), file)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				if info, serr := os.Stat(path); serr == nil && info.IsDir() && anchor == "" {
					continue
				}
				t.Errorf("%s: link %s: %v", doc, target, err)
				continue
			}
			if anchor != "" && !markdownAnchors(string(b))[anchor] {
				t.Errorf("%s: link %s: no such heading in %s", doc, target, file)
			}
		}
	}
}

// TestDocsNameRealVariables: every REBOUND_* variable the deployment documents (and the
// options commented in the kustomization) mention is one the binary reads or the README
// documents, or is listed in pendingEnv.
func TestDocsNameRealVariables(t *testing.T) {
	known := knownEnvNames(t)
	name := regexp.MustCompile(`REBOUND_[A-Z0-9_]*[A-Z0-9]`)
	for _, doc := range append(slices.Clone(deployDocs), "deploy/k8s/kustomization.yaml") {
		for _, v := range name.FindAllString(readRepoFile(t, doc), -1) {
			if known[v] {
				continue
			}
			if why, ok := pendingEnv[v]; ok {
				t.Logf("%s mentions %s, which cmd/rebound/config.go does not read yet: %s", doc, v, why)
				continue
			}
			t.Errorf("%s mentions %s, which the binary does not read and the README does not document", doc, v)
		}
	}
}
