// Command openapi3 turns swag's Swagger 2.0 output (docs/swagger.json) into the OpenAPI 3.0.3
// contract openapi.yaml, validates it, and writes it deterministically. `make openapi` runs it
// after swag; `-check` compares instead of writing, for CI's drift check.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3gen"

	"github.com/reboundhq/rebound/internal/wire"
	"sigs.k8s.io/yaml"
)

func main() {
	in := flag.String("in", "docs/swagger.json", "swag's Swagger 2.0 JSON")
	out := flag.String("out", "openapi.yaml", "OpenAPI 3 YAML to write")
	check := flag.Bool("check", false, "fail if -out differs from a fresh conversion instead of writing it")
	flag.Parse()
	if err := run(*in, *out, *check); err != nil {
		fmt.Fprintln(os.Stderr, "openapi3:", err)
		os.Exit(1)
	}
}

func run(in, out string, check bool) error {
	doc, err := Convert(in)
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

// Convert reads a Swagger 2.0 document, converts it to OpenAPI 3.0.3, validates it and renders
// it as YAML.
func Convert(path string) ([]byte, error) {
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
	v3.OpenAPI = "3.0.3"
	refineMediaTypes(v3)
	if err := documentEventPayloads(v3); err != nil {
		return nil, err
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

// refineMediaTypes states what swag cannot: error responses are application/problem+json
// (RFC 9457), and PATCH bodies may also be sent as application/merge-patch+json (RFC 7396).
func refineMediaTypes(doc *openapi3.T) {
	for _, srv := range doc.Servers {
		srv.URL = strings.TrimSuffix(srv.URL, "/")
	}
	for _, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			for code, ref := range op.Responses.Map() {
				resp := ref.Value
				if resp == nil || len(code) != 3 || code[0] < '4' {
					continue
				}
				if mt, ok := resp.Content["application/json"]; ok {
					delete(resp.Content, "application/json")
					resp.Content["application/problem+json"] = mt
				}
			}
			if method == http.MethodPatch && op.RequestBody != nil && op.RequestBody.Value != nil {
				content := op.RequestBody.Value.Content
				if mt, ok := content["application/json"]; ok {
					content["application/merge-patch+json"] = mt
				}
			}
		}
	}
}

// documentEventPayloads adds the schemas of event payloads that no operation returns (so swag
// never emits them) and states, on Event.data.object, every shape a webhook can carry.
func documentEventPayloads(doc *openapi3.T) error {
	named, extra := wire.EventPayloadSchemas()
	names := make([]string, 0, len(extra))
	for name := range extra {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if _, ok := doc.Components.Schemas[name]; ok {
			continue
		}
		ref, err := openapi3gen.NewSchemaRefForValue(extra[name], nil)
		if err != nil {
			return fmt.Errorf("schema for %s: %w", name, err)
		}
		doc.Components.Schemas[name] = ref
	}
	data, ok := doc.Components.Schemas["EventData"]
	if !ok || data.Value == nil {
		return fmt.Errorf("no EventData schema to document")
	}
	var anyOf openapi3.SchemaRefs
	for _, name := range append(named, names...) {
		if _, ok := doc.Components.Schemas[name]; !ok {
			return fmt.Errorf("event payload schema %s is missing", name)
		}
		anyOf = append(anyOf, openapi3.NewSchemaRef("#/components/schemas/"+name, doc.Components.Schemas[name].Value))
	}
	data.Value.Properties["object"] = &openapi3.SchemaRef{Value: &openapi3.Schema{
		Description: "The resource the event is about, as the API returns it; a deletion carries only {object, id, deleted}. See docs/webhooks.md for which type each event carries.",
		AnyOf:       anyOf,
	}}
	return nil
}
