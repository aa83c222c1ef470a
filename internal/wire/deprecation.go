package wire

import "time"

// Deprecation retires a response property or a query parameter of one operation. The OpenAPI
// document marks it deprecated, and every response of the operation carries the Deprecation
// (RFC 9745), Sunset (RFC 8594) and Link headers, so a client learns of it from its own traffic
// well before the field goes away (docs/versioning.md).
type Deprecation struct {
	// Method and Route name the operation as the route table does: GET /v1/candidates/:id.
	Method, Route string
	// Schema and Property name a deprecated property of a response schema; Param a deprecated
	// query parameter.
	Schema, Property, Param string
	// Since is when the deprecation was announced; Sunset when the field stops being served.
	Since, Sunset time.Time
	// Notice is the URL of the announcement (the CHANGELOG entry).
	Notice string
}

// Deprecations lists what the API is retiring. Nothing is, yet: the first entry arrives with the
// first field to retire, and CHANGELOG.md announces it.
func Deprecations() []Deprecation { return nil }
