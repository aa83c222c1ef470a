package rebound_test

import (
	"net/http"
	"os"
	"strconv"
	"testing"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	rebound "github.com/reboundhq/rebound/clients/go"
)

// TestJourney walks an integration from start to end against a live Rebound with the generated
// client only: no casts, no JSON by hand. make clients-check starts a server and sets
// REBOUND_URL and REBOUND_API_KEY (and REBOUND_REQUIRE_SERVER, so that a missing server fails
// instead of skipping).
func TestJourney(t *testing.T) {
	base, key := os.Getenv("REBOUND_URL"), os.Getenv("REBOUND_API_KEY")
	if base == "" || key == "" {
		if os.Getenv("REBOUND_REQUIRE_SERVER") != "" {
			t.Fatal("REBOUND_URL and REBOUND_API_KEY must name a running Rebound")
		}
		t.Skip("set REBOUND_URL and REBOUND_API_KEY to a running Rebound (make clients-check starts one)")
	}
	ctx := t.Context()
	c, err := rebound.NewClientWithResponses(base, rebound.WithAPIKey(key))
	if err != nil {
		t.Fatal(err)
	}
	run := strconv.FormatInt(time.Now().UnixNano(), 36)

	// A candidate, known by the platform's own user id.
	cand, err := c.CreateCandidateWithResponse(ctx, nil, rebound.CandidateCreateRequest{
		ExternalId: "go-" + run, DisplayName: ptr("Dana Whitfield"), Timezone: ptr("Europe/London")})
	check(t, err, cand.StatusCode(), http.StatusCreated, cand.Body)
	candidateID := cand.JSON201.Id

	// The rejection, sent twice with one Idempotency-Key: the second answer is the first, replayed.
	idem := "go-journey-" + run
	body := rebound.RejectionCreateRequest{
		CandidateId: candidateID, Company: "Northwind Analytics", RoleTitle: "Senior Backend Engineer",
		Stage: rebound.RejectionCreateRequestStageFinalRound, ReasonCategory: ptr(rebound.RejectionCreateRequestReasonCategoryStrongerCandidate),
		ReceivedAt: ptr(time.Now().Add(-time.Hour).UTC().Truncate(time.Second)), EmotionalImpact: ptr(4), ExternalRef: ptr("app-" + run),
		Contacts: &[]rebound.ContactInput{{Name: "Priya Raman", Role: rebound.ContactInputRoleHiringManager, Email: ptr(openapi_types.Email("priya@northwind.example"))}},
	}
	rej, err := c.CreateRejectionWithResponse(ctx, &rebound.CreateRejectionParams{IdempotencyKey: &idem}, body)
	check(t, err, rej.StatusCode(), http.StatusCreated, rej.Body)
	again, err := c.CreateRejectionWithResponse(ctx, &rebound.CreateRejectionParams{IdempotencyKey: &idem}, body)
	check(t, err, again.StatusCode(), http.StatusCreated, again.Body)
	if again.JSON201.Id != rej.JSON201.Id || again.Headers201.IdempotentReplayed == nil || *again.Headers201.IdempotentReplayed != "true" {
		t.Fatalf("the retry was not a replay: %s", again.Body)
	}
	rejectionID := rej.JSON201.Id

	// Its recovery plan, and the first step done, conditional on the plan not having changed.
	plan, err := c.GetRejectionPlanWithResponse(ctx, rejectionID, nil)
	check(t, err, plan.StatusCode(), http.StatusOK, plan.Body)
	etag, step := plan.Headers200.ETag, plan.JSON200.Steps[0]
	done, err := c.UpdatePlanStepWithResponse(ctx, plan.JSON200.Id, step.Id, &rebound.UpdatePlanStepParams{IfMatch: &etag},
		rebound.RecoveryPlanStepUpdateRequest{Status: ptr(rebound.RecoveryPlanStepUpdateRequestStatusDone), Note: ptr("Took the weekend off.")})
	check(t, err, done.StatusCode(), http.StatusOK, done.Body)
	if done.JSON200.Steps[0].Status != rebound.RecoveryPlanStepStatusDone || done.JSON200.Steps[0].CompletedAt == nil {
		t.Fatalf("step not done: %+v", done.JSON200.Steps[0])
	}
	stale, err := c.UpdatePlanStepWithResponse(ctx, plan.JSON200.Id, step.Id, &rebound.UpdatePlanStepParams{IfMatch: &etag},
		rebound.RecoveryPlanStepUpdateRequest{Note: ptr("A stale write.")})
	check(t, err, stale.StatusCode(), http.StatusPreconditionFailed, stale.Body)
	if stale.ApplicationproblemJSON412.Type != "https://rebound.dev/problems/precondition-failed" {
		t.Fatalf("412 problem: %+v", stale.ApplicationproblemJSON412)
	}

	// A feedback request to the interviewer, answered through the public endpoint with its token.
	frq, err := c.CreateFeedbackRequestWithResponse(ctx, rejectionID, nil, rebound.FeedbackRequestCreateRequest{ContactId: &rej.JSON201.Contacts[0].Id})
	check(t, err, frq.StatusCode(), http.StatusCreated, frq.Body)
	if frq.JSON201.ResponseToken == nil {
		t.Fatal("the creation of a feedback request carries no token")
	}
	public, err := rebound.NewClientWithResponses(base) // no key: the token is the credential
	if err != nil {
		t.Fatal(err)
	}
	answer, err := public.RespondToFeedbackRequestWithResponse(ctx, *frq.JSON201.ResponseToken, rebound.PublicFeedbackResponseRequest{
		Summary: ptr("Strong coding round; the design discussion stayed high-level."),
		Items: &[]rebound.FeedbackItem{
			{Category: rebound.FeedbackItemCategoryTechnicalDepth, Polarity: rebound.FeedbackItemPolarityImprovement, Detail: "System design depth"},
			{Category: rebound.FeedbackItemCategoryCommunication, Polarity: rebound.FeedbackItemPolarityStrength, Detail: "Clear, structured explanations"},
		}})
	check(t, err, answer.StatusCode(), http.StatusCreated, answer.Body)
	if answer.JSON201.Status != rebound.PublicFeedbackResponseReceiptStatusResponded {
		t.Fatalf("receipt %+v", answer.JSON201)
	}

	// The candidate's reflection.
	refl, err := c.CreateReflectionWithResponse(ctx, rejectionID, nil, rebound.ReflectionCreateRequest{
		Answers: rebound.ReflectionAnswers{Mood: 2, Nerves: ptr(4), SkillGaps: &[]string{"SQL window functions"}}})
	check(t, err, refl.StatusCode(), http.StatusCreated, refl.Body)
	if refl.JSON201.Answers.Mood != 2 || refl.JSON201.Answers.Nerves == nil || *refl.JSON201.Answers.Nerves != 4 {
		t.Fatalf("reflection answers %+v", refl.JSON201.Answers)
	}

	// Insights across the candidate's rejections.
	ins, err := c.GetInsightsWithResponse(ctx, candidateID, nil)
	check(t, err, ins.StatusCode(), http.StatusOK, ins.Body)
	if ins.JSON200.RejectionCount != 1 || len(ins.JSON200.MoodTrend) != 1 || ins.JSON200.MoodTrend[0].Mood != 2 {
		t.Fatalf("insights %s", ins.Body)
	}

	// A webhook endpoint: its signing secret is shown once.
	hook, err := c.CreateWebhookEndpointWithResponse(ctx, nil, rebound.WebhookEndpointCreateRequest{
		Url: "https://hooks.example.com/rebound/" + run, EnabledEvents: []rebound.WebhookEndpointCreateRequestEnabledEvents{rebound.WebhookEndpointCreateRequestEnabledEventsAsterisk}})
	check(t, err, hook.StatusCode(), http.StatusCreated, hook.Body)
	if hook.JSON201.Secret == nil || len(*hook.JSON201.Secret) < 10 {
		t.Fatal("no signing secret on creation")
	}

	// The candidate's events, oldest first, each decoded into its own typed payload.
	events, err := c.ListEventsWithResponse(ctx, &rebound.ListEventsParams{CandidateId: &candidateID, Limit: ptr(100)})
	check(t, err, events.StatusCode(), http.StatusOK, events.Body)
	seen := map[string]bool{}
	for _, ev := range events.JSON200.Data {
		v, err := ev.ValueByDiscriminator()
		if err != nil {
			t.Fatal(err)
		}
		switch e := v.(type) {
		case rebound.CandidateEvent:
			seen[string(e.Type)] = e.Data.Object.ExternalId == "go-"+run
		case rebound.RejectionEvent:
			r, err := e.Data.Object.AsRejection()
			seen[string(e.Type)] = err == nil && r.Company == "Northwind Analytics"
		case rebound.RecoveryPlanEvent:
			p, err := e.Data.Object.AsRecoveryPlan()
			seen[string(e.Type)] = err == nil && p.RejectionId == rejectionID
		case rebound.FeedbackRequestEvent:
			r, err := e.Data.Object.AsFeedbackRequest()
			seen[string(e.Type)] = err == nil && r.Recipient.Name == "Priya Raman" && r.ResponseToken == nil
		case rebound.FeedbackEvent:
			f, err := e.Data.Object.AsFeedback()
			seen[string(e.Type)] = err == nil && len(f.Items) == 2
		case rebound.ReflectionEvent:
			r, err := e.Data.Object.AsReflection()
			seen[string(e.Type)] = err == nil && r.Answers.Mood == 2
		}
	}
	for _, want := range []string{"candidate.created", "rejection.created", "recovery_plan.created", "recovery_plan.updated",
		"feedback_request.created", "feedback_request.responded", "feedback.received", "reflection.created"} {
		if !seen[want] {
			t.Errorf("no well-formed %s event among %d: %v", want, len(events.JSON200.Data), seen)
		}
	}
}

// check fails the test unless the call succeeded with the status.
func check(t *testing.T, err error, got, want int, body []byte) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatalf("status %d, want %d: %s", got, want, body)
	}
}

func ptr[T any](v T) *T { return &v }
