package api

import (
	"bufio"
	"encoding/json"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/app"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/wire"
)

// exportCandidate godoc
//
//	@Summary		Export a candidate's data
//	@Description	Everything Rebound holds about one candidate, as one JSON document, for data-access requests: the candidate, every rejection with its contacts, feedback requests (without link tokens, which Rebound never keeps), feedback, reflections, recovery plan with steps and revisions, and the events that still hold their data (within the event retention). Read from one consistent snapshot and streamed, so its size is not bounded by memory; a failure after the first byte ends the connection before the closing brace rather than send a document that looks complete. To erase the same data, DELETE the candidate.
//	@ID				exportCandidate
//	@Tags			Candidates
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Candidate id (cand_…)."
//	@Success		200	{object}	wire.CandidateExport
//	@Header			200	{string}	Content-Disposition	"attachment; filename=\"cand_….json\""
//	@Failure		401	{object}	Problem				"Missing, unknown or revoked API key."
//	@Failure		403	{object}	Problem				"The key lacks the read scope."
//	@Failure		404	{object}	Problem				"No such candidate in this tenant."
//	@Failure		429	{object}	Problem				"Rate limit exceeded."
//	@Failure		500	{object}	Problem				"Server error."
//	@Failure		503	{object}	Problem				"The database is unavailable; retry after Retry-After."
//	@Router			/v1/candidates/{id}/export [get]
func (s *Server) exportCandidate(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixCandidate)
	if err != nil {
		return err
	}
	now := s.app.Now()
	x := &exportStream{}
	err = s.app.ExportCandidate(c.Request().Context(), tenantOf(c), id, app.ExportVisitor{
		Candidate: func(cand model.Candidate) error {
			res := c.Response()
			res.Header().Set(echo.HeaderContentType, echo.MIMEApplicationJSON)
			res.Header().Set("Content-Disposition", `attachment; filename="`+cand.ID+`.json"`)
			res.WriteHeader(http.StatusOK)
			x.w = bufio.NewWriterSize(res, 32<<10)
			head, err := json.Marshal(struct {
				Object      string         `json:"object"`
				GeneratedAt time.Time      `json:"generated_at"`
				Candidate   wire.Candidate `json:"candidate"`
			}{"candidate_export", now.UTC(), wire.FromCandidate(cand)})
			if err != nil {
				return err
			}
			return x.raw(head[:len(head)-1], []byte(`,"rejections":[`))
		},
		Rejection: func(r app.RejectionRecords) error { return x.item(exportedRejection(r, now)) },
		Event: func(ev model.Event) error {
			if err := x.openEvents(); err != nil {
				return err
			}
			return x.item(json.RawMessage(ev.Payload))
		},
	})
	if err == nil && x.w != nil {
		if err = x.openEvents(); err == nil {
			if err = x.raw([]byte("]}\n")); err == nil {
				err = x.w.Flush()
			}
		}
	}
	if err != nil && x.w != nil {
		// The status line is gone: end the connection so the client sees a broken transfer,
		// not a document that looks complete.
		s.log.WarnContext(c.Request().Context(), "candidate export aborted", "error", err.Error())
		panic(http.ErrAbortHandler)
	}
	return err
}

// exportStream writes the export document a piece at a time.
type exportStream struct {
	w            *bufio.Writer
	wroteItem    bool // the current array has an item, so the next needs a comma
	eventsOpened bool
}

func (x *exportStream) raw(parts ...[]byte) error {
	for _, p := range parts {
		if _, err := x.w.Write(p); err != nil {
			return err
		}
	}
	return nil
}

func (x *exportStream) item(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if x.wroteItem {
		if err := x.raw([]byte(",")); err != nil {
			return err
		}
	}
	x.wroteItem = true
	return x.raw(b)
}

// openEvents closes the rejections array and opens the events array, once.
func (x *exportStream) openEvents() error {
	if x.eventsOpened {
		return nil
	}
	x.eventsOpened, x.wroteItem = true, false
	return x.raw([]byte(`],"events":[`))
}

// exportedRejection renders one rejection with its records.
func exportedRejection(r app.RejectionRecords, now time.Time) wire.RejectionExport {
	out := wire.RejectionExport{Rejection: wire.FromRejection(r.Rejection),
		FeedbackRequests: make([]wire.FeedbackRequest, 0, len(r.FeedbackRequests)), Feedback: make([]wire.Feedback, 0, len(r.Feedback)),
		Reflections: make([]wire.Reflection, 0, len(r.Reflections)), PlanRevisions: make([]wire.PlanRevision, 0, len(r.Revisions))}
	for _, fr := range r.FeedbackRequests {
		out.FeedbackRequests = append(out.FeedbackRequests, wire.FromFeedbackRequest(fr, now))
	}
	for _, f := range r.Feedback {
		out.Feedback = append(out.Feedback, wire.FromFeedback(f))
	}
	for _, rf := range r.Reflections {
		out.Reflections = append(out.Reflections, wire.FromReflection(rf))
	}
	if r.Plan != nil {
		p := wire.FromPlan(*r.Plan, r.Steps)
		out.RecoveryPlan = &p
	}
	for _, rv := range r.Revisions {
		out.PlanRevisions = append(out.PlanRevisions, wire.FromPlanRevision(rv))
	}
	return out
}
