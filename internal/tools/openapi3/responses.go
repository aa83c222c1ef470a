package main

import (
	"net/http"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/reboundhq/rebound/internal/wire"
)

// mediaTypes states what swag cannot: a Problem is always application/problem+json (RFC 9457),
// a page always text/html (swag gives every response of an operation all the media types it
// produces), and PATCH bodies may also be sent as application/merge-patch+json (RFC 7396).
func (c *converter) mediaTypes() error {
	for _, item := range c.doc.Paths.Map() {
		for method, op := range item.Operations() {
			for _, ref := range op.Responses.Map() {
				resp := ref.Value
				for _, mt := range resp.Content {
					if mt.Schema != nil && mt.Schema.Ref == "#/components/schemas/Problem" {
						resp.Content = openapi3.Content{problemJSON: mt}
						break
					}
				}
				if html := resp.Content.Get("text/html"); html != nil && resp.Content[problemJSON] == nil {
					resp.Content = openapi3.Content{"text/html": html}
				}
			}
			if op.RequestBody != nil {
				for _, mt := range op.RequestBody.Value.Content {
					for _, p := range mt.Schema.Value.Properties {
						delete(p.Value.Extensions, "x-formData-name") // openapi2conv's bookkeeping
					}
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
	return nil
}

const problemJSON = "application/problem+json"

// The response headers of the API. Each is required wherever the document lists it, unless
// noted: the converter only lists a header where the server always sends it.
var headers = map[string]*openapi3.Header{
	"X-Request-ID": header(true, "The request's id: yours when you sent a sane `X-Request-ID` (1–128 of `A-Za-z0-9._:-`), else a new one. It is in the server's logs; quote it when you contact support.",
		openapi3.NewStringSchema().WithPattern(`^[A-Za-z0-9._:-]{1,128}$`)),
	"Rebound-Version": header(true, "The API version this response is written in (see docs/versioning.md).",
		withExample(openapi3.NewStringSchema(), wire.APIVersion)),
	"ETag": header(true, "Version of the representation: send it as `If-Match` to refuse a stale write (412), or as `If-None-Match` to get 304 when nothing changed.",
		withExample(openapi3.NewStringSchema(), `"3f7a0c5e9b2d4e6f8a1b3c5d7e9f0a2b"`)),
	"Location": header(true, "Where to go: the path of the created resource (201), or the page a redirect leads to.", withExample(openapi3.NewStringSchema(), "/v1/candidates/cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b")),
	"Idempotent-Replayed": header(false, "`true` when this is the stored answer to an earlier request with the same `Idempotency-Key` (the write was not repeated).",
		openapi3.NewStringSchema().WithEnum("true")),
	"RateLimit-Policy": header(false, "The per-key rate limit (IETF RateLimit headers): bucket size `q` and the seconds `w` it takes to refill. Absent when limiting is off.",
		withExample(openapi3.NewStringSchema(), `"per-key";q=100;w=2`)),
	"RateLimit": header(false, "Requests `r` left in the per-key bucket and seconds `t` until it is full again (until the next request is allowed, on a 429). Absent when limiting is off.",
		withExample(openapi3.NewStringSchema(), `"per-key";r=99;t=2`)),
	"Retry-After": header(true, "Seconds to wait before retrying.", withExample(openapi3.NewIntegerSchema().WithMin(1), 1)),
	"WWW-Authenticate": header(true, "The authentication scheme: `Bearer realm=\"rebound\"`.",
		withExample(openapi3.NewStringSchema(), `Bearer realm="rebound"`)),
}

func header(required bool, description string, schema *openapi3.Schema) *openapi3.Header {
	return &openapi3.Header{Parameter: openapi3.Parameter{Description: description, Required: required, Schema: &openapi3.SchemaRef{Value: schema}}}
}

func withExample(s *openapi3.Schema, example any) *openapi3.Schema {
	s.Example = example
	return s
}

// responses applies the conventions every operation shares (README, "API conventions"):
//   - every response carries X-Request-ID and Rebound-Version;
//   - the ETag and Location headers the annotations name are the shared definitions;
//   - authenticated operations may answer with the RateLimit headers, 401 with
//     WWW-Authenticate, 429 and 503 with Retry-After;
//   - every /v1 operation may answer 503 (the request ran out of time or the database is
//     unreachable);
//   - a POST that takes an Idempotency-Key may say its answer is a replay;
//   - a GET whose answer has an ETag honours If-None-Match with 304.
func (c *converter) responses() error {
	if c.doc.Components.Headers == nil {
		c.doc.Components.Headers = openapi3.Headers{}
	}
	for name, h := range headers {
		c.doc.Components.Headers[name] = &openapi3.HeaderRef{Value: h}
	}
	for _, path := range c.doc.Paths.InMatchingOrder() {
		item := c.doc.Paths.Value(path)
		for method, op := range item.Operations() {
			secured := op.Security != nil && len(*op.Security) > 0
			if strings.HasPrefix(path, "/v1/") && op.Responses.Value("503") == nil {
				op.Responses.Set("503", &openapi3.ResponseRef{Value: c.problemResponse("The request could not finish in time (the database is slow or unreachable); retry after Retry-After.")})
			}
			idempotent := op.Parameters.GetByInAndName(openapi3.ParameterInHeader, "Idempotency-Key") != nil
			for code, ref := range op.Responses.Map() {
				c.responseHeaders(ref.Value, code, secured, idempotent)
			}
			if method == http.MethodGet {
				c.notModified(op, secured)
			}
		}
	}
	return nil
}

func (c *converter) problemResponse(description string) *openapi3.Response {
	return openapi3.NewResponse().WithDescription(description).WithContent(openapi3.Content{
		problemJSON: openapi3.NewMediaType().WithSchemaRef(c.ref("Problem")),
	})
}

// responseHeaders lists the headers one response carries.
func (c *converter) responseHeaders(resp *openapi3.Response, code string, secured, idempotent bool) {
	if resp.Headers == nil {
		resp.Headers = openapi3.Headers{}
	}
	for name := range resp.Headers {
		if headers[name] == nil {
			continue // an operation's own header, as annotated
		}
		resp.Headers[name] = headerRef(name)
	}
	add := func(names ...string) {
		for _, n := range names {
			resp.Headers[n] = headerRef(n)
		}
	}
	add("X-Request-ID", "Rebound-Version")
	if secured && code != "401" {
		add("RateLimit-Policy", "RateLimit")
	}
	switch {
	case code == "429" || code == "503":
		add("Retry-After")
	case code == "401" && secured:
		add("WWW-Authenticate")
	case code[0] == '2' && idempotent:
		add("Idempotent-Replayed")
	}
}

func headerRef(name string) *openapi3.HeaderRef {
	return &openapi3.HeaderRef{Ref: "#/components/headers/" + name, Value: headers[name]}
}

// notModified documents If-None-Match and its 304 on a GET whose 200 carries an ETag.
func (c *converter) notModified(op *openapi3.Operation, secured bool) {
	ok := op.Responses.Value("200")
	if ok == nil || ok.Value.Headers["ETag"] == nil {
		return
	}
	if op.Parameters.GetByInAndName(openapi3.ParameterInHeader, "If-None-Match") == nil {
		op.Parameters = append(op.Parameters, &openapi3.ParameterRef{Value: openapi3.NewHeaderParameter("If-None-Match").
			WithDescription("The ETag of the representation you hold; the answer is 304 without a body when it is still current.").
			WithSchema(openapi3.NewStringSchema())})
	}
	resp := openapi3.NewResponse().WithDescription("Not modified: the If-None-Match ETag is current.")
	resp.Headers = openapi3.Headers{"ETag": headerRef("ETag")}
	c.responseHeaders(resp, "304", secured, false)
	op.Responses.Set("304", &openapi3.ResponseRef{Value: resp})
}
