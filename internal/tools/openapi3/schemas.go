package main

import (
	"fmt"
	"go/types"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// refExtension names, on a property, the component schema it really has. Fields whose Go type
// is looser than their content (a map of answers, raw event payloads) carry it as
// `extensions:"x-rebound-ref=Name"`, since swag can only write them as bare objects.
const refExtension = "x-rebound-ref"

// references replaces every property marked with refExtension by a reference to the schema it
// names (the items, for an array). The mark is read from swag's document: the conversion to
// OpenAPI 3 drops the extensions of properties.
func (c *converter) references() error {
	for _, name := range c.schemaNames() {
		s := c.doc.Components.Schemas[name].Value
		v2, ok := c.v2.Definitions[name]
		if !ok || v2.Value == nil {
			continue
		}
		for prop, p := range s.Properties {
			v2p := v2.Value.Properties[prop]
			if v2p == nil || v2p.Value == nil || v2p.Value.Extensions[refExtension] == nil {
				continue
			}
			target, _ := v2p.Value.Extensions[refExtension].(string)
			if _, err := c.schema(target); err != nil {
				return fmt.Errorf("%s.%s: %s names %w", name, prop, refExtension, err)
			}
			if p.Value.Type.Is(openapi3.TypeArray) {
				p.Value.Items = c.ref(target)
				delete(p.Value.Extensions, refExtension)
				continue
			}
			desc := p.Value.Description
			s.Properties[prop] = c.ref(target)
			if desc != "" {
				s.Properties[prop] = &openapi3.SchemaRef{Value: &openapi3.Schema{Description: desc, AllOf: openapi3.SchemaRefs{c.ref(target)}}}
			}
		}
	}
	return nil
}

// schemaNames lists the component schemas in order.
func (c *converter) schemaNames() []string {
	names := make([]string, 0, len(c.doc.Components.Schemas))
	for name := range c.doc.Components.Schemas {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// usage finds the component schemas reachable from request bodies and from responses.
func (c *converter) usage() (requests, responses map[string]bool) {
	requests, responses = map[string]bool{}, map[string]bool{}
	for _, item := range c.doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				for _, mt := range op.RequestBody.Value.Content {
					c.reach(mt.Schema, requests)
				}
			}
			for _, resp := range op.Responses.Map() {
				if resp.Value == nil {
					continue
				}
				for _, mt := range resp.Value.Content {
					c.reach(mt.Schema, responses)
				}
			}
		}
	}
	return requests, responses
}

// reach marks every component schema ref leads to.
func (c *converter) reach(ref *openapi3.SchemaRef, seen map[string]bool) {
	if ref == nil {
		return
	}
	if name, ok := strings.CutPrefix(ref.Ref, "#/components/schemas/"); ok {
		if seen[name] {
			return
		}
		seen[name] = true
		if comp := c.doc.Components.Schemas[name]; comp != nil {
			c.reach(&openapi3.SchemaRef{Value: comp.Value}, seen)
		}
		return
	}
	s := ref.Value
	if s == nil {
		return
	}
	for _, p := range s.Properties {
		c.reach(p, seen)
	}
	c.reach(s.Items, seen)
	c.reach(s.AdditionalProperties.Schema, seen)
	for _, list := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, r := range list {
			c.reach(r, seen)
		}
	}
}

// schemaFacts states, for every schema with a Go type, what the type says:
//   - a response property is required unless its field is omitempty (encoding/json always
//     writes the others), and nullable when the field is a pointer that is not omitempty;
//   - request schemas keep swag's required list (validate:"required"), and a schema used both
//     ways must agree;
//   - a time.Time field is a date-time;
//   - a map of pointers (a merge-patch of metadata) takes null values.
func (c *converter) schemaFacts() error {
	requests, responses := c.usage()
	for _, name := range c.schemaNames() {
		gs := c.go_.byName[name]
		if gs == nil {
			continue
		}
		s := c.doc.Components.Schemas[name].Value
		if s.OneOf != nil {
			continue // the event union (events.go), described per family
		}
		if m, ok := gs.Type.(*types.Map); ok {
			if _, ptr := m.Elem().(*types.Pointer); ptr && s.AdditionalProperties.Schema != nil {
				s.AdditionalProperties.Schema.Value.Nullable = true
			}
			continue
		}
		if gs.Fields == nil {
			continue
		}
		if err := sameProperties(name, s, gs); err != nil {
			return err
		}
		var required []string
		for _, f := range gs.Fields {
			p := s.Properties[f.JSON]
			if isTime(f.Type) && p.Ref == "" && p.Value.Type.Is(openapi3.TypeString) && p.Value.Format == "" {
				p.Value.Format = "date-time"
			}
			if !responses[name] {
				continue
			}
			if !f.OmitEmpty {
				required = append(required, f.JSON)
				if isPointer(f.Type) {
					s.Properties[f.JSON] = nullable(p)
				}
			}
		}
		if !responses[name] {
			continue
		}
		if requests[name] && !sameSet(required, s.Required) {
			return fmt.Errorf("schema %s is used by requests (required %v) and responses (always present %v); give each its own type", name, s.Required, required)
		}
		s.Required = required
	}
	return nil
}

// sameProperties checks that the document's properties are the Go type's JSON fields, so a
// schema name can never be matched with the wrong type.
func sameProperties(name string, s *openapi3.Schema, gs *goSchema) error {
	for prop := range s.Properties {
		if _, ok := gs.field(prop); !ok {
			return fmt.Errorf("schema %s has property %s that its Go type does not", name, prop)
		}
	}
	for _, f := range gs.Fields {
		if s.Properties[f.JSON] == nil {
			return fmt.Errorf("schema %s lacks property %s of its Go type", name, f.JSON)
		}
	}
	return nil
}

// nullable marks a property as taking null; a reference is wrapped, since siblings of $ref are
// ignored in OpenAPI 3.0.
func nullable(p *openapi3.SchemaRef) *openapi3.SchemaRef {
	if p.Ref != "" {
		return &openapi3.SchemaRef{Value: &openapi3.Schema{Nullable: true, AllOf: openapi3.SchemaRefs{p}}}
	}
	p.Value.Nullable = true
	return p
}

// nullableTypes gives every nullable wrapper of a reference the referenced schema's type:
// OpenAPI 3.0 ignores nullable without a type beside it.
func (c *converter) nullableTypes() error {
	seen := map[*openapi3.Schema]bool{}
	var visit func(ref *openapi3.SchemaRef)
	visit = func(ref *openapi3.SchemaRef) {
		if ref == nil || ref.Ref != "" || ref.Value == nil || seen[ref.Value] {
			return
		}
		s := ref.Value
		seen[s] = true
		if s.Nullable && s.Type == nil && len(s.AllOf) == 1 {
			if name, ok := strings.CutPrefix(s.AllOf[0].Ref, "#/components/schemas/"); ok {
				s.Type = c.doc.Components.Schemas[name].Value.Type
			}
		}
		for _, p := range s.Properties {
			visit(p)
		}
		visit(s.Items)
		visit(s.AdditionalProperties.Schema)
		for _, list := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
			for _, r := range list {
				visit(r)
			}
		}
	}
	for _, name := range c.schemaNames() {
		visit(&openapi3.SchemaRef{Value: c.doc.Components.Schemas[name].Value})
	}
	return nil
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	x, y := append([]string{}, a...), append([]string{}, b...)
	sort.Strings(x)
	sort.Strings(y)
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}

// requestDefaults moves the defaults of request properties into their descriptions. A default
// on a request property says what the server assumes when it is absent, but generators such as
// openapi-typescript read it as "always present" and make the property a required input.
func (c *converter) requestDefaults() error {
	requests, _ := c.usage()
	for _, name := range c.schemaNames() {
		if !requests[name] {
			continue
		}
		for _, p := range c.doc.Components.Schemas[name].Value.Properties {
			if p.Ref != "" || p.Value.Default == nil {
				continue
			}
			note := fmt.Sprintf("Default: `%v`.", p.Value.Default)
			p.Value.Description = strings.TrimSpace(p.Value.Description + " " + note)
			p.Value.Default = nil
		}
	}
	return nil
}
