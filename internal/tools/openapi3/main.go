// Command openapi3 turns swag's Swagger 2.0 output (docs/swagger.json) into the OpenAPI 3.0.3
// contract openapi.yaml, validates it, and writes it deterministically. `make openapi` runs it
// after swag; `-check` compares instead of writing, for CI's drift check.
//
// swag reads the annotations, which stay the source of every operation and schema. What
// Swagger 2.0 cannot say, or what the code knows better than an annotation could, this command
// adds from the Go code itself: which response fields are always present (encoding/json's
// omitempty), which are timestamps, nullable merge-patch values, the enums kept as Go lists, one
// typed event schema per payload family, the headers and statuses every response shares, an
// example per problem status, HTTP bearer authentication and the API version.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
	"sigs.k8s.io/yaml"
)

// goPackages are the packages swag reads (the -d of `make openapi`).
var goPackages = []string{"./api", "./internal/wire", "./internal/model", "./internal/messages", "./internal/recovery"}

func main() {
	in := flag.String("in", "docs/swagger.json", "swag's Swagger 2.0 JSON")
	out := flag.String("out", "openapi.yaml", "OpenAPI 3 YAML to write")
	root := flag.String("root", ".", "the module root, where the Go packages swag read are")
	check := flag.Bool("check", false, "fail if -out differs from a fresh conversion instead of writing it")
	flag.Parse()
	if err := run(*in, *out, *root, *check); err != nil {
		fmt.Fprintln(os.Stderr, "openapi3:", err)
		os.Exit(1)
	}
}

func run(in, out, root string, check bool) error {
	doc, err := Convert(in, root)
	if err != nil {
		return err
	}
	if check {
		current, err := os.ReadFile(out)
		if err != nil {
			return err
		}
		if !bytes.Equal(current, doc) {
			return fmt.Errorf("%s is out of date with the code: run `make openapi` and commit the result", out)
		}
		return nil
	}
	return os.WriteFile(out, doc, 0o644)
}

// converter holds the document being refined and the Go types behind its schemas.
type converter struct {
	doc *openapi3.T
	v2  *openapi2.T // swag's document, for what the conversion to OpenAPI 3 drops
	go_ *goTypes
}

// Convert reads a Swagger 2.0 document, converts it to OpenAPI 3.0.3, refines it from the Go
// code under root, validates it and renders it as YAML.
func Convert(path, root string) ([]byte, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var v2 openapi2.T
	if err := json.Unmarshal(raw, &v2); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	v3, err := openapi2conv.ToV3(&v2)
	if err != nil {
		return nil, fmt.Errorf("convert: %w", err)
	}
	gt, err := loadGoTypes(root, goPackages...)
	if err != nil {
		return nil, err
	}
	c := &converter{doc: v3, v2: &v2, go_: gt}
	for _, pass := range []func() error{
		c.references,      // schemas.go
		c.eventSchemas,    // events.go
		c.schemaFacts,     // schemas.go
		c.nullableTypes,   // schemas.go
		c.enums,           // enums.go
		c.requestDefaults, // schemas.go
		c.mediaTypes,      // responses.go
		c.responses,       // responses.go
		c.problemExamples, // examples.go
		c.security,        // conventions.go
		c.info,            // conventions.go
		c.deprecations,    // conventions.go
	} {
		if err := pass(); err != nil {
			return nil, err
		}
	}
	if err := v3.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("the generated OpenAPI 3 document is invalid: %w", err)
	}
	js, err := json.Marshal(v3)
	if err != nil {
		return nil, err
	}
	return yaml.JSONToYAML(js)
}

// schema returns a component schema by name.
func (c *converter) schema(name string) (*openapi3.Schema, error) {
	ref, ok := c.doc.Components.Schemas[name]
	if !ok || ref.Value == nil {
		return nil, fmt.Errorf("no component schema %s", name)
	}
	return ref.Value, nil
}

// ref is a reference to a component schema.
func (c *converter) ref(name string) *openapi3.SchemaRef {
	return openapi3.NewSchemaRef("#/components/schemas/"+name, c.doc.Components.Schemas[name].Value)
}
