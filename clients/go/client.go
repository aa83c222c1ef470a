// Package rebound is the Go client of the Rebound API. rebound.gen.go is generated from the
// repository's openapi.yaml by oapi-codegen (go generate, or make clients); this file adds only
// the authentication.
//
//	c, err := rebound.NewClientWithResponses("https://rebound.example.com", rebound.WithAPIKey(key))
//	res, err := c.CreateCandidateWithResponse(ctx, nil, rebound.CandidateCreateRequest{ExternalId: "user_8412"})
//	// res.JSON201 is the Candidate; res.ApplicationproblemJSON422 the problem of a 422, and so on.
package rebound

import (
	"context"
	"net/http"
)

//go:generate go tool oapi-codegen -config oapi-codegen.yaml ../../openapi.yaml

// WithAPIKey sends the API key on every request as `Authorization: Bearer rbk_…`.
func WithAPIKey(key string) ClientOption {
	return WithRequestEditorFn(func(_ context.Context, req *http.Request) error {
		req.Header.Set("Authorization", "Bearer "+key)
		return nil
	})
}
