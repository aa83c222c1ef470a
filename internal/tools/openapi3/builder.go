package main

import (
	"fmt"
	"go/types"
	"reflect"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// buildSchema writes the schema of a Go type that no operation returns, so swag never emitted
// it (the payloads only events carry), with swag's tag conventions: example, enums, format,
// maxLength, minimum, maximum and the x-nullable extension. Nested types with an @name become
// references, as swag would make them.
func (c *converter) buildSchema(gs *goSchema) (*openapi3.Schema, error) {
	if gs.Fields == nil {
		return nil, fmt.Errorf("schema %s: only structs can be built from Go", gs.Name)
	}
	s := openapi3.NewObjectSchema()
	for _, f := range gs.Fields {
		p, err := c.fieldSchema(f.Type, f.Tag)
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", gs.Name, f.JSON, err)
		}
		if f.Doc != "" && p.Value != nil && p.Ref == "" {
			p.Value.Description = f.Doc
		}
		s.Properties[f.JSON] = p
	}
	return s, nil
}

// fieldSchema is the schema of one field's type.
func (c *converter) fieldSchema(t types.Type, tag reflect.StructTag) (*openapi3.SchemaRef, error) {
	if p, ok := t.(*types.Pointer); ok {
		inner, err := c.fieldSchema(p.Elem(), tag)
		if err != nil {
			return nil, err
		}
		if strings.Contains(tag.Get("extensions"), "x-nullable") {
			inner = nullable(inner)
		}
		return inner, nil
	}
	if name := c.go_.nameOf(t); name != "" {
		if c.doc.Components.Schemas[name] == nil {
			return nil, fmt.Errorf("references schema %s, which is not in the document", name)
		}
		return c.ref(name), nil
	}
	if isTime(t) {
		s := openapi3.NewDateTimeSchema()
		return c.tagged(s, tag)
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		var s *openapi3.Schema
		switch {
		case u.Info()&types.IsString != 0:
			s = openapi3.NewStringSchema()
		case u.Info()&types.IsBoolean != 0:
			s = openapi3.NewBoolSchema()
		case u.Info()&types.IsInteger != 0:
			s = openapi3.NewIntegerSchema()
		case u.Info()&types.IsFloat != 0:
			s = openapi3.NewFloat64Schema()
		default:
			return nil, fmt.Errorf("unsupported basic type %s", u)
		}
		return c.tagged(s, tag)
	case *types.Slice:
		items, err := c.fieldSchema(u.Elem(), "")
		if err != nil {
			return nil, err
		}
		s := openapi3.NewArraySchema()
		s.Items = items
		return c.tagged(s, tag)
	}
	return nil, fmt.Errorf("unsupported type %s", t)
}

// tagged applies swag's struct tags to a schema.
func (c *converter) tagged(s *openapi3.Schema, tag reflect.StructTag) (*openapi3.SchemaRef, error) {
	if f := tag.Get("format"); f != "" {
		s.Format = f
	}
	if e := tag.Get("enums"); e != "" {
		for _, v := range strings.Split(e, ",") {
			s.Enum = append(s.Enum, v)
		}
	}
	if v := tag.Get("maxLength"); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("maxLength %q: %w", v, err)
		}
		s.MaxLength = &n
	}
	for name, dst := range map[string]**float64{"minimum": &s.Min, "maximum": &s.Max} {
		if v := tag.Get(name); v != "" {
			n, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return nil, fmt.Errorf("%s %q: %w", name, v, err)
			}
			*dst = &n
		}
	}
	if ex, ok := tag.Lookup("example"); ok {
		v, err := exampleValue(s, ex)
		if err != nil {
			return nil, err
		}
		s.Example = v
	}
	return &openapi3.SchemaRef{Value: s}, nil
}

// exampleValue parses an example tag as swag does: by the schema's type, arrays comma-separated.
func exampleValue(s *openapi3.Schema, ex string) (any, error) {
	switch {
	case s.Type.Is(openapi3.TypeBoolean):
		return strconv.ParseBool(ex)
	case s.Type.Is(openapi3.TypeInteger):
		return strconv.Atoi(ex)
	case s.Type.Is(openapi3.TypeNumber):
		return strconv.ParseFloat(ex, 64)
	case s.Type.Is(openapi3.TypeArray):
		var out []any
		for _, v := range strings.Split(ex, ",") {
			out = append(out, v)
		}
		return out, nil
	}
	return ex, nil
}
