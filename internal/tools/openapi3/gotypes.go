package main

import (
	"fmt"
	"go/ast"
	"go/types"
	"reflect"
	"regexp"
	"strings"

	"golang.org/x/tools/go/packages"
)

// goSchema is the Go type behind a component schema: what swag read, read again with the type
// checker so the conversion knows what Swagger 2.0 cannot say (which fields encoding/json always
// writes, which are time.Time, which maps hold pointers).
type goSchema struct {
	Name   string
	Type   types.Type // the named type's underlying type
	Fields []goField  // JSON properties in declaration order; nil unless a struct
}

// goField is one JSON property of a struct, after encoding/json's rules (embedded structs
// promoted, "-" skipped).
type goField struct {
	JSON      string
	OmitEmpty bool
	Type      types.Type
	Tag       reflect.StructTag
	Doc       string
}

// goTypes maps schema names (swag's @name) to their Go types, and Go types back to names.
type goTypes struct {
	byName map[string]*goSchema
	names  map[*types.TypeName]string
}

var nameComment = regexp.MustCompile(`@name\s+(\S+)`)

// loadGoTypes type-checks the packages swag reads and collects every type annotated with
// `@name`.
func loadGoTypes(dir string, patterns ...string) (*goTypes, error) {
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo, Dir: dir}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, fmt.Errorf("load Go packages: %w", err)
	}
	g := &goTypes{byName: map[string]*goSchema{}, names: map[*types.TypeName]string{}}
	type pending struct {
		name string
		obj  *types.TypeName
		pkg  *packages.Package
	}
	var found []pending
	for _, pkg := range pkgs {
		if len(pkg.Errors) > 0 {
			return nil, fmt.Errorf("load %s: %v", pkg.PkgPath, pkg.Errors[0])
		}
		for _, file := range pkg.Syntax {
			for _, decl := range file.Decls {
				gd, ok := decl.(*ast.GenDecl)
				if !ok {
					continue
				}
				for _, spec := range gd.Specs {
					ts, ok := spec.(*ast.TypeSpec)
					if !ok || ts.Comment == nil {
						continue
					}
					m := nameComment.FindStringSubmatch(ts.Comment.Text())
					if m == nil {
						continue
					}
					obj, ok := pkg.TypesInfo.Defs[ts.Name].(*types.TypeName)
					if !ok {
						return nil, fmt.Errorf("%s: no type for %s", pkg.PkgPath, ts.Name.Name)
					}
					if _, dup := g.byName[m[1]]; dup {
						return nil, fmt.Errorf("schema name %s is declared twice", m[1])
					}
					g.byName[m[1]] = &goSchema{Name: m[1], Type: obj.Type().Underlying()}
					g.names[obj] = m[1]
					found = append(found, pending{m[1], obj, pkg})
				}
			}
		}
	}
	docs := fieldDocs(pkgs)
	for _, f := range found {
		if st, ok := f.obj.Type().Underlying().(*types.Struct); ok {
			g.byName[f.name].Fields = jsonFields(st, docs)
		}
	}
	return g, nil
}

// fieldDocs collects the doc comments of struct fields, keyed by the field's object.
func fieldDocs(pkgs []*packages.Package) map[*types.Var]string {
	docs := map[*types.Var]string{}
	for _, pkg := range pkgs {
		for _, file := range pkg.Syntax {
			ast.Inspect(file, func(n ast.Node) bool {
				st, ok := n.(*ast.StructType)
				if !ok {
					return true
				}
				for _, field := range st.Fields.List {
					if field.Doc == nil {
						continue
					}
					for _, name := range field.Names {
						if v, ok := pkg.TypesInfo.Defs[name].(*types.Var); ok {
							docs[v] = strings.TrimSpace(field.Doc.Text())
						}
					}
				}
				return true
			})
		}
	}
	return docs
}

// jsonFields lists a struct's JSON properties as encoding/json writes them.
func jsonFields(st *types.Struct, docs map[*types.Var]string) []goField {
	var out []goField
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		tag := reflect.StructTag(st.Tag(i))
		name, opts, _ := strings.Cut(tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if f.Embedded() && name == "" {
			t := f.Type()
			if p, ok := t.(*types.Pointer); ok {
				t = p.Elem()
			}
			if inner, ok := t.Underlying().(*types.Struct); ok {
				out = append(out, jsonFields(inner, docs)...)
				continue
			}
		}
		if !f.Exported() {
			continue
		}
		if name == "" {
			name = f.Name()
		}
		out = append(out, goField{JSON: name, OmitEmpty: strings.Contains(","+opts+",", ",omitempty,"), Type: f.Type(), Tag: tag, Doc: docs[f]})
	}
	return out
}

// nameOf is the schema name of a (possibly pointer, slice or map) named type, or "".
func (g *goTypes) nameOf(t types.Type) string {
	if n, ok := t.(*types.Named); ok {
		return g.names[n.Obj()]
	}
	return ""
}

// field finds a property of a schema's Go type.
func (s *goSchema) field(json string) (goField, bool) {
	for _, f := range s.Fields {
		if f.JSON == json {
			return f, true
		}
	}
	return goField{}, false
}

// isTime reports whether t is time.Time or a pointer to it.
func isTime(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "time" && n.Obj().Name() == "Time"
}

// isPointer reports whether encoding/json can write t as null: a pointer, or a slice or map
// (nil ones are written as null, which the converters in internal/wire avoid; see nullable).
func isPointer(t types.Type) bool {
	_, ok := t.(*types.Pointer)
	return ok
}
