package api

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/reboundhq/rebound/internal/model"
)

// TestProblemCatalogueIsDocumented keeps docs/problems.md in step with the code.
func TestProblemCatalogueIsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/problems.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range problemCatalogue {
		row := fmt.Sprintf("| `%s` | %d |", k.Slug, k.Status)
		if !strings.Contains(string(doc), row) {
			t.Errorf("docs/problems.md lacks the row %q", row)
		}
	}
}

// TestProblemMapping covers the one place errors become responses.
func TestProblemMapping(t *testing.T) {
	cases := []struct {
		err    error
		status int
		slug   string
	}{
		{fmt.Errorf("wrapped: %w", model.ErrNotFound), 404, "not-found"},
		{&model.ValidationError{Errors: []model.FieldError{{Pointer: "/a", Detail: "x"}}}, 422, "validation-error"},
		{&model.ConflictError{Detail: "dup", ExistingID: "cand_1"}, 409, "conflict"},
		{&model.TransitionError{From: "sent", To: "sent"}, 409, "conflict"},
		{model.ErrPreconditionFailed, 412, "precondition-failed"},
		{&http.MaxBytesError{Limit: 1}, 413, "payload-too-large"},
		{errors.New("database exploded: password=hunter2"), 500, "internal-error"},
	}
	for _, tc := range cases {
		p, _ := problemFor(tc.err)
		if p.Status != tc.status || p.Type != ProblemTypeBase+tc.slug {
			t.Errorf("%v → %d %s", tc.err, p.Status, p.Type)
		}
		if tc.status == 500 && strings.Contains(p.Detail, "hunter2") {
			t.Error("an internal error leaks into the response")
		}
	}
	if p, _ := problemFor(&model.TransitionError{From: "responded", To: "cancelled"}); p.CurrentStatus != "responded" {
		t.Errorf("current_status %q", p.CurrentStatus)
	}
}
