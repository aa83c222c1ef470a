package main

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/problems"
)

// problemExamples gives every error response examples of the problems it can carry, so each
// status shows its own body instead of the Problem schema's one example. Which kinds fit an
// operation follows from what it takes: idempotency problems only where an Idempotency-Key is
// accepted, cursor problems only on lists, body problems only with a body. A 409 or 422 whose
// annotation names only the Idempotency-Key case shows only that case.
func (c *converter) problemExamples() error {
	byStatus := map[int][]string{}
	if c.doc.Components.Examples == nil {
		c.doc.Components.Examples = openapi3.Examples{}
	}
	for _, k := range problems.Catalogue {
		if !k.Documented() {
			continue
		}
		body := map[string]any{"type": problems.TypeBase + k.Slug, "title": k.Title, "status": k.Status, "detail": k.Example,
			"instance": "/v1/rejections", "request_id": "5f0c7a4e2b9d4c1f"}
		if k == problems.Validation {
			body["errors"] = []map[string]string{{"pointer": "/stage", "detail": "must be one of " + strings.Join(model.Stages, ", ")}}
		}
		ex := openapi3.NewExample(toJSONValue(body))
		ex.Summary = k.Title
		c.doc.Components.Examples[k.Slug] = &openapi3.ExampleRef{Value: ex}
		byStatus[k.Status] = append(byStatus[k.Status], k.Slug)
	}
	for _, path := range c.doc.Paths.InMatchingOrder() {
		for _, op := range c.doc.Paths.Value(path).Operations() {
			idem := op.Parameters.GetByInAndName(openapi3.ParameterInHeader, "Idempotency-Key") != nil
			cursor := op.Parameters.GetByInAndName(openapi3.ParameterInQuery, "cursor") != nil
			body := op.RequestBody != nil
			for code, ref := range op.Responses.Map() {
				status, err := strconv.Atoi(code)
				mt := ref.Value.Content.Get(problemJSON)
				if err != nil || mt == nil {
					continue
				}
				onlyIdem := strings.HasPrefix(*ref.Value.Description, "The Idempotency-Key")
				examples := openapi3.Examples{}
				for _, slug := range byStatus[status] {
					switch slug {
					case "idempotency-in-flight", "idempotency-key-reused":
						if !idem {
							continue
						}
					case "conflict", "validation-error":
						if onlyIdem {
							continue
						}
					case "invalid-cursor":
						if !cursor {
							continue
						}
					case "malformed-request":
						if !body {
							continue
						}
					}
					examples[slug] = &openapi3.ExampleRef{Ref: "#/components/examples/" + slug, Value: c.doc.Components.Examples[slug].Value}
				}
				if len(examples) > 0 {
					mt.Examples = examples
				}
			}
		}
	}
	return nil
}

// toJSONValue turns a value into plain JSON data, as the document holds examples.
func toJSONValue(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		panic(err)
	}
	return out
}
