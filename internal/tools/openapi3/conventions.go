package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/reboundhq/rebound/internal/wire"
)

// DefaultServer is the server the committed document names: `make run`'s address. A running
// Rebound serves the document with its REBOUND_PUBLIC_URL instead.
const DefaultServer = "http://localhost:8080"

// security makes the API key an HTTP bearer token (Swagger 2.0 only knows apiKey, which makes
// every client and the docs' Authorize dialog ask for the word "Bearer" too), and says
// `security: []` on the operations that need no key.
func (c *converter) security() error {
	scheme := c.doc.Components.SecuritySchemes["BearerAuth"]
	if scheme == nil || scheme.Value == nil {
		return fmt.Errorf("no BearerAuth security scheme")
	}
	scheme.Value = &openapi3.SecurityScheme{
		Type: "http", Scheme: "bearer", BearerFormat: "rbk_… API key",
		Description: "An API key (`rbk_…`), sent as `Authorization: Bearer rbk_…`. Keys carry the scopes read, write and admin.",
	}
	for _, item := range c.doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.Security == nil {
				op.Security = &openapi3.SecurityRequirements{}
			}
		}
	}
	return nil
}

// info names the API version (wire.APIVersion, the Rebound-Version header) and the server.
func (c *converter) info() error {
	c.doc.OpenAPI = "3.0.3"
	c.doc.Info.Version = wire.APIVersion
	c.doc.Servers = openapi3.Servers{{URL: DefaultServer, Description: "This Rebound (served documents name the server's REBOUND_PUBLIC_URL)."}}
	return nil
}

var routeParam = regexp.MustCompile(`:([A-Za-z_]+)`)

// deprecationHeaders announce a deprecation on every response of its operation.
var deprecationHeaders = map[string]*openapi3.Header{
	"Deprecation": header(true, "When the deprecation of something this operation returns or takes was announced (RFC 9745): `@` and Unix seconds.", withExample(openapi3.NewStringSchema(), "@1796083200")),
	"Sunset":      header(true, "When the deprecated field stops being served (RFC 8594).", withExample(openapi3.NewStringSchema(), "Thu, 01 Jul 2027 00:00:00 GMT")),
	"Link":        header(true, "The deprecation notice, `rel=\"deprecation\"`.", openapi3.NewStringSchema()),
}

// deprecations marks what wire.Deprecations retires.
func (c *converter) deprecations() error { return c.markDeprecations(wire.Deprecations()) }

// markDeprecations marks each deprecated property or parameter and documents the headers that
// announce it on the responses of its operation.
func (c *converter) markDeprecations(deps []wire.Deprecation) error {
	if len(deps) == 0 {
		return nil
	}
	for name, h := range deprecationHeaders {
		c.doc.Components.Headers[name] = &openapi3.HeaderRef{Value: h}
	}
	for _, d := range deps {
		path := routeParam.ReplaceAllString(d.Route, "{$1}")
		item := c.doc.Paths.Value(path)
		if item == nil || item.GetOperation(d.Method) == nil {
			return fmt.Errorf("deprecation of %s %s: no such operation", d.Method, d.Route)
		}
		op := item.GetOperation(d.Method)
		switch {
		case d.Param != "":
			p := op.Parameters.GetByInAndName(openapi3.ParameterInQuery, d.Param)
			if p == nil {
				return fmt.Errorf("deprecation of %s %s: no query parameter %s", d.Method, d.Route, d.Param)
			}
			p.Deprecated = true
		case d.Schema != "":
			s, err := c.schema(d.Schema)
			if err != nil || s.Properties[d.Property] == nil {
				return fmt.Errorf("deprecation of %s.%s: no such property", d.Schema, d.Property)
			}
			p := s.Properties[d.Property]
			if p.Ref != "" {
				p = &openapi3.SchemaRef{Value: &openapi3.Schema{AllOf: openapi3.SchemaRefs{p}}}
				s.Properties[d.Property] = p
			}
			p.Value.Deprecated = true
			p.Value.Description = strings.TrimSpace(p.Value.Description + fmt.Sprintf(" Deprecated since %s; served until %s (%s).",
				d.Since.Format("2006-01-02"), d.Sunset.Format("2006-01-02"), d.Notice))
		default:
			return fmt.Errorf("deprecation of %s %s names neither a property nor a parameter", d.Method, d.Route)
		}
		for _, resp := range op.Responses.Map() {
			for n, h := range deprecationHeaders {
				resp.Value.Headers[n] = &openapi3.HeaderRef{Ref: "#/components/headers/" + n, Value: h}
			}
		}
	}
	return nil
}
