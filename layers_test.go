package rebound

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// layerRules are the imports each layer must not have (docs/architecture.md): cmd wires; api
// speaks HTTP and calls the application layer; app holds the use cases and knows nothing of
// HTTP; store persists; model, wire, recovery and messages are pure.
var layerRules = map[string][]string{
	"api":                 {"github.com/reboundhq/rebound/internal/store", "gorm.io/"},
	"internal/app":        {"github.com/labstack/echo", "github.com/reboundhq/rebound/api", "net/http"},
	"internal/store":      {"github.com/reboundhq/rebound/internal/app", "github.com/reboundhq/rebound/api", "github.com/reboundhq/rebound/internal/wire", "github.com/labstack/echo"},
	"internal/model":      {"github.com/reboundhq/rebound/internal/", "github.com/reboundhq/rebound/api", "gorm.io/", "github.com/labstack/echo"},
	"internal/wire":       {"github.com/reboundhq/rebound/internal/store", "github.com/reboundhq/rebound/internal/app", "github.com/reboundhq/rebound/api", "gorm.io/", "github.com/labstack/echo"},
	"internal/recovery":   {"github.com/reboundhq/rebound/internal/store", "github.com/reboundhq/rebound/internal/app", "github.com/reboundhq/rebound/internal/model", "github.com/reboundhq/rebound/api", "gorm.io/", "github.com/labstack/echo", "net/http", "os", "time/tzdata"},
	"internal/messages":   {"github.com/reboundhq/rebound/internal/store", "github.com/reboundhq/rebound/internal/app", "github.com/reboundhq/rebound/internal/model", "github.com/reboundhq/rebound/api", "gorm.io/", "github.com/labstack/echo", "net/http", "os"},
	"internal/dispatch":   {"github.com/reboundhq/rebound/api", "github.com/labstack/echo"},
	"internal/webhook":    {"github.com/reboundhq/rebound/internal/store", "github.com/reboundhq/rebound/internal/app", "github.com/reboundhq/rebound/api"},
	"internal/locale":     {"github.com/reboundhq/rebound/"},
	"internal/tools":      {"github.com/reboundhq/rebound/api"},
	"internal/problems":   {"github.com/reboundhq/rebound/"},
	"internal/testdb":     {"github.com/reboundhq/rebound/api", "github.com/reboundhq/rebound/internal/app"},
	"internal/importfile": {"github.com/reboundhq/rebound/internal/store", "github.com/reboundhq/rebound/api", "gorm.io/", "github.com/labstack/echo"},
	"internal/connector":  {"github.com/reboundhq/rebound/internal/store", "github.com/reboundhq/rebound/internal/app", "github.com/reboundhq/rebound/api", "gorm.io/", "github.com/labstack/echo"},
}

// TestLayersImportOnlyDownward parses every non-test Go file of each layer and fails on an
// import its layer must not have (model may import nothing of Rebound's; the exceptions are
// exact: model may use internal/locale — checked below).
func TestLayersImportOnlyDownward(t *testing.T) {
	fset := token.NewFileSet()
	for dir, forbidden := range layerRules {
		err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				if os.IsNotExist(err) {
					return filepath.SkipDir
				}
				return err
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
			if err != nil {
				return err
			}
			for _, imp := range f.Imports {
				p := strings.Trim(imp.Path.Value, `"`)
				for _, bad := range forbidden {
					if (p == bad || strings.HasPrefix(p, bad)) && !allowedException(dir, p) {
						t.Errorf("%s imports %s, which the %s layer must not", path, p, dir)
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// allowedException lists the few deliberate crossings of the rules above.
func allowedException(dir, imp string) bool {
	switch {
	case dir == "internal/model" && imp == "github.com/reboundhq/rebound/internal/locale":
		return true // the model validates locale tags with the one resolver
	case dir == "internal/recovery" && imp == "github.com/reboundhq/rebound/internal/locale":
		return true
	case dir == "internal/messages" && imp == "github.com/reboundhq/rebound/internal/locale":
		return true
	}
	return false
}
