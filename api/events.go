package api

import (
	"encoding/json"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/model"
)

// eventList is a page of events, oldest first.
type eventList struct {
	listEnvelope
	Data []json.RawMessage `json:"data" swaggertype:"array,object" extensions:"x-rebound-ref=Event"`
} //	@name	EventList

// listEvents godoc
//
//	@Summary		List events
//	@Description	Lists the tenant's events in creation order (oldest first), for platforms that poll instead of receiving webhooks. Every page that has events carries a `next_cursor`, even the last one: keep it and call again later to receive only newer events. Filter by `type` and `created_after`. Events are kept for 30 days by default.
//	@ID				listEvents
//	@Tags			Events
//	@Produce		json
//	@Security		BearerAuth
//	@Param			type			query		string	false	"Only events of this type, e.g. rejection.created."
//	@Param			candidate_id	query		string	false	"Only events that carry this candidate's data (their candidate, rejections, feedback, reflections, plans)."
//	@Param			created_after	query		string	false	"Only events created after this time (RFC 3339)."	format(date-time)
//	@Param			limit			query		int		false	"Page size, 1–100."									minimum(1)	maximum(100)	default(20)
//	@Param			cursor			query		string	false	"next_cursor of the previous page."
//	@Success		200				{object}	eventList
//	@Failure		400				{object}	Problem	"Invalid cursor."
//	@Failure		401				{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403				{object}	Problem	"The key lacks the read scope."
//	@Failure		422				{object}	Problem	"Invalid query parameter (see errors)."
//	@Failure		429				{object}	Problem	"Rate limit exceeded."
//	@Failure		500				{object}	Problem	"Server error."
//	@Router			/v1/events [get]
func (s *Server) listEvents(c echo.Context) error {
	if err := queryParams(c, "type", "candidate_id", "created_after", "limit", "cursor"); err != nil {
		return err
	}
	tenant := tenantOf(c)
	var errs model.Errors
	f := model.EventFilter{Type: queryEnum(&errs, c, "type", model.EventTypes), CreatedAfter: queryTime(&errs, c, "created_after"),
		CandidateID: queryID(&errs, c, "candidate_id", model.PrefixCandidate, "a candidate")}
	if err := errs.Err(); err != nil {
		return err
	}
	filters := url.Values{"type": {c.QueryParam("type")}, "created_after": {c.QueryParam("created_after")}, "candidate_id": {f.CandidateID}}
	page, err := s.listParams(c, tenant, filters)
	if err != nil {
		return err
	}
	page.Oldest = true
	rows, more, err := s.app.Events(c.Request().Context(), tenant, f, page)
	if err != nil {
		return err
	}
	out := eventList{Data: make([]json.RawMessage, 0, len(rows))}
	for _, ev := range rows {
		out.Data = append(out.Data, json.RawMessage(ev.Payload))
	}
	out.listEnvelope = listEnvelope{Object: "list", HasMore: more}
	if len(rows) > 0 {
		cur := s.sealCursor(c.Path(), rows[len(rows)-1].ID, tenant, filters)
		out.NextCursor = &cur
	}
	return c.JSON(http.StatusOK, out)
}

// getEvent godoc
//
//	@Summary		Retrieve an event
//	@Description	Returns one event exactly as webhooks deliver it.
//	@ID				getEvent
//	@Tags			Events
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Event id (evt_…)."
//	@Success		200	{object}	wire.Event
//	@Header			200	{string}	ETag	"Version of the representation."
//	@Failure		401	{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403	{object}	Problem	"The key lacks the read scope."
//	@Failure		404	{object}	Problem	"No such event in this tenant (or it is older than the retention)."
//	@Failure		429	{object}	Problem	"Rate limit exceeded."
//	@Failure		500	{object}	Problem	"Server error."
//	@Router			/v1/events/{id} [get]
func (s *Server) getEvent(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixEvent)
	if err != nil {
		return err
	}
	ev, err := s.app.Event(c.Request().Context(), tenantOf(c), id)
	if err != nil {
		return err
	}
	return writeBody(c, http.StatusOK, ev.Payload)
}
