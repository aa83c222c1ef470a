package api

import (
	"os"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/reboundhq/rebound/internal/wire"
)

// TestOpenAPIContractIsComplete holds the committed contract to the bar integrators rely on:
// every operation has an id, a summary, a description and its error responses as problem+json;
// every request body has an example.
func TestOpenAPIContractIsComplete(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(raw)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(t.Context()); err != nil {
		t.Fatal(err)
	}
	event := doc.Components.Schemas["Event"].Value
	for _, f := range wire.EventFamilies() {
		if doc.Components.Schemas[f.Payload] == nil || doc.Components.Schemas[f.Schema] == nil {
			t.Errorf("event family %s or its payload %s is not in the contract", f.Schema, f.Payload)
		}
		for _, typ := range f.Types {
			if event.Discriminator.Mapping[typ] != "#/components/schemas/"+f.Schema {
				t.Errorf("Event does not map %s to %s", typ, f.Schema)
			}
		}
	}
	ids := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			where := method + " " + path
			if op.OperationID == "" || ids[op.OperationID] {
				t.Errorf("%s: missing or duplicate operationId %q", where, op.OperationID)
			}
			ids[op.OperationID] = true
			if op.Summary == "" || len(op.Description) < 40 {
				t.Errorf("%s: summary or description missing or thin", where)
			}
			if !strings.HasPrefix(path, "/v1/") {
				continue
			}
			codes := []string{"401", "403", "429", "500", "503"}
			switch {
			case strings.HasPrefix(path, "/v1/public/connectors/"):
				codes = []string{"401", "404", "429", "500", "503"} // no API key; the delivery's signature is the credential
			case strings.HasPrefix(path, "/v1/public/"):
				codes = []string{"404", "410", "429", "500", "503"} // no API key; the token is the credential
			}
			for _, code := range codes {
				resp := op.Responses.Value(code)
				if resp == nil || resp.Value.Content.Get("application/problem+json") == nil {
					t.Errorf("%s: no %s problem response", where, code)
				}
			}
			if strings.Contains(path, "{id}") && op.Responses.Value("404") == nil {
				t.Errorf("%s: no 404 response", where)
			}
			if op.RequestBody != nil {
				for _, code := range []string{"400", "413", "415", "422"} {
					if op.Responses.Value(code) == nil {
						t.Errorf("%s: takes a body but documents no %s", where, code)
					}
				}
				if mt := op.RequestBody.Value.Content.Get("application/json"); mt != nil {
					if !hasExample(mt.Schema.Value, 2) {
						t.Errorf("%s: request body without examples", where)
					}
				} else if len(op.RequestBody.Value.Description) < 20 || len(op.Description) < 400 {
					// A streamed file (an import's NDJSON): its lines are documented in the
					// operation's description.
					t.Errorf("%s: a non-JSON request body without a description of its format", where)
				}
			}
		}
	}
}

// hasExample reports whether a schema or its properties, depth levels down, carry examples.
func hasExample(s *openapi3.Schema, depth int) bool {
	if s == nil || depth < 0 {
		return false
	}
	if s.Example != nil || (s.Items != nil && s.Items.Value.Example != nil) {
		return true
	}
	for _, p := range s.Properties {
		if hasExample(p.Value, depth-1) {
			return true
		}
	}
	for _, a := range s.AllOf {
		if hasExample(a.Value, depth) {
			return true
		}
	}
	return false
}
