package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/wire"
)

// getAnalytics godoc
//
//	@Summary		Tenant analytics
//	@Description	Aggregates over the rejections your candidates received between `from` and `to` (UTC dates, both included; at most 366 days; the last 90 days by default) and what hangs off them: feedback request response rate and median hours to an answer, overall and for the 50 companies asked most; live plans completed and how each kind of step fared (historical plans are counted apart); the median days from a rejection to the completion of its "apply to your next opportunity" step; the stages and reasons of the rejections; and the improvement areas that recur in feedback for the same candidate. Aggregates only: any group of fewer than 5 distinct candidates is left out and counted in `suppressed_groups`, and an overall figure over fewer is null and marked `suppressed`. Cost: seven grouped queries over the range's rejections through an index that leads with the tenant and the date, each returning a bounded number of rows.
//	@ID				getAnalytics
//	@Tags			Insights
//	@Produce		json
//	@Security		BearerAuth
//	@Param			from	query		string	false	"First received_at date (UTC), YYYY-MM-DD; default 89 days before to."	format(date)
//	@Param			to		query		string	false	"Last received_at date (UTC), YYYY-MM-DD; default today."					format(date)
//	@Success		200		{object}	wire.Analytics
//	@Header			200		{string}	ETag	"Version of the representation."
//	@Failure		401		{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403		{object}	Problem	"The key lacks the read scope."
//	@Failure		422		{object}	Problem	"Invalid dates, to before from, or a range over 366 days (see errors)."
//	@Failure		429		{object}	Problem	"Rate limit exceeded."
//	@Failure		500		{object}	Problem	"Server error."
//	@Router			/v1/analytics [get]
func (s *Server) getAnalytics(c echo.Context) error {
	if err := queryParams(c, "from", "to"); err != nil {
		return err
	}
	var errs model.Errors
	now := s.app.Now()
	to := queryDate(&errs, c, "to", time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC))
	from := queryDate(&errs, c, "from", to.AddDate(0, 0, -(model.AnalyticsDefaultDays-1)))
	switch {
	case len(errs) > 0:
	case to.Before(from):
		errs.Add("to", "must not be before from")
	case to.Sub(from) >= model.AnalyticsMaxDays*24*time.Hour:
		errs.Add("from", "the range must be at most %d days", model.AnalyticsMaxDays)
	}
	if err := errs.Err(); err != nil {
		return err
	}
	a, err := s.app.Analytics(c.Request().Context(), tenantOf(c), from, to)
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, wire.FromAnalytics(a))
}

// queryDate parses an optional YYYY-MM-DD query parameter (a UTC date).
func queryDate(errs *model.Errors, c echo.Context, name string, def time.Time) time.Time {
	raw := c.QueryParam(name)
	if raw == "" {
		return def
	}
	t, err := time.Parse(model.DateLayout, raw)
	if err != nil || t.Before(model.EarliestTime) || !t.Before(model.LatestTime) {
		errs.Add(name, "must be a date such as 2026-11-20, between 1970 and 2099")
		return def
	}
	return t
}
