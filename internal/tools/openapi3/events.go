package main

import (
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/reboundhq/rebound/internal/wire"
)

// eventSchemas describes events exactly: one schema per payload family (wire.EventFamilies),
// whose `type` is the family's event types and whose data.object is the family's payload (or a
// RedactedObject, for families whose data can be deleted), and Event as their union with `type`
// as discriminator. Generated clients then decode each event into a typed payload instead of a
// bare object. Payload schemas no operation returns are built from their Go types.
func (c *converter) eventSchemas() error {
	envelope, err := c.schema("Event")
	if err != nil {
		return err
	}
	goEvent := c.go_.byName["Event"]
	if goEvent == nil {
		return fmt.Errorf("no Go type for Event")
	}
	families := wire.EventFamilies()
	for _, f := range families {
		for _, name := range []string{f.Payload, "RedactedObject"} {
			if err := c.ensureSchema(name); err != nil {
				return fmt.Errorf("event family %s: %w", f.Schema, err)
			}
		}
	}
	union := &openapi3.Schema{
		Description:   "An event: `type` says which of the schemas below it is, and so what `data.object` holds (see docs/webhooks.md).",
		Discriminator: &openapi3.Discriminator{PropertyName: "type", Mapping: openapi3.StringMap{}},
	}
	for _, f := range families {
		data := openapi3.NewObjectSchema()
		data.Required = []string{"object"}
		data.Description = "Holds the resource the event is about."
		object := c.ref(f.Payload)
		what := "the " + f.Payload + " as the API returns it"
		if f.Redactable {
			object = &openapi3.SchemaRef{Value: &openapi3.Schema{OneOf: openapi3.SchemaRefs{c.ref(f.Payload), c.ref("RedactedObject")}}}
			what += ", or a RedactedObject once the data it held was deleted"
		}
		data.Properties["object"] = object
		c.doc.Components.Schemas[f.Schema+"Data"] = &openapi3.SchemaRef{Value: data}

		ev := openapi3.NewObjectSchema()
		ev.Description = fmt.Sprintf("An event of type %s: data.object is %s.", quoteList(f.Types), what)
		for _, field := range goEvent.Fields {
			if field.JSON == "data" {
				ev.Properties["data"] = c.ref(f.Schema + "Data")
			} else {
				p := *envelope.Properties[field.JSON].Value
				ev.Properties[field.JSON] = &openapi3.SchemaRef{Value: &p}
			}
			if !field.OmitEmpty {
				ev.Required = append(ev.Required, field.JSON)
			}
		}
		if ev.Properties["created_at"].Value.Format == "" {
			ev.Properties["created_at"].Value.Format = "date-time"
		}
		ev.Properties["object"].Value.Enum = []any{"event"}
		typ := ev.Properties["type"].Value
		typ.Enum, typ.Example = nil, f.Types[0]
		for _, t := range f.Types {
			typ.Enum = append(typ.Enum, t)
			union.Discriminator.Mapping[t] = "#/components/schemas/" + f.Schema
		}
		c.doc.Components.Schemas[f.Schema] = &openapi3.SchemaRef{Value: ev}
		union.OneOf = append(union.OneOf, c.ref(f.Schema))
	}
	c.doc.Components.Schemas["Event"].Value = union
	delete(c.doc.Components.Schemas, "EventData")
	return nil
}

// ensureSchema adds a Go type's schema when swag did not emit it.
func (c *converter) ensureSchema(name string) error {
	if c.doc.Components.Schemas[name] != nil {
		return nil
	}
	gs := c.go_.byName[name]
	if gs == nil {
		return fmt.Errorf("no schema or Go type named %s", name)
	}
	s, err := c.buildSchema(gs)
	if err != nil {
		return err
	}
	c.doc.Components.Schemas[name] = &openapi3.SchemaRef{Value: s}
	return nil
}

func quoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = "`" + s + "`"
	}
	return strings.Join(q, ", ")
}
