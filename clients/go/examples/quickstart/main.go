// Command quickstart is the README's Go example; make clients-check runs it on a fresh server.
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"time"

	rebound "github.com/reboundhq/rebound/clients/go"
)

func main() {
	ctx := context.Background()
	c, err := rebound.NewClientWithResponses(os.Getenv("REBOUND_URL"), rebound.WithAPIKey(os.Getenv("REBOUND_API_KEY")))
	if err != nil {
		log.Fatal(err)
	}
	name, key, received := "Dana Whitfield", "rejection-user_8412-app_99812", time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	cand, err := c.CreateCandidateWithResponse(ctx, nil, rebound.CandidateCreateRequest{ExternalId: "user_8412", DisplayName: &name})
	if err != nil || cand.JSON201 == nil {
		log.Fatalf("create candidate: %v %s", err, cand.Body) // cand.ApplicationproblemJSON409 etc. hold typed problems
	}
	rej, err := c.CreateRejectionWithResponse(ctx, &rebound.CreateRejectionParams{IdempotencyKey: &key}, rebound.RejectionCreateRequest{
		CandidateId: cand.JSON201.Id, Company: "Northwind Analytics", RoleTitle: "Senior Backend Engineer",
		Stage: rebound.RejectionCreateRequestStageFinalRound, ReceivedAt: &received,
		Contacts: &[]rebound.ContactInput{{Name: "Priya Raman", Role: rebound.ContactInputRoleHiringManager}},
	})
	if err != nil || rej.JSON201 == nil {
		log.Fatalf("record rejection: %v %s", err, rej.Body)
	}
	events, err := c.ListEventsWithResponse(ctx, &rebound.ListEventsParams{CandidateId: &cand.JSON201.Id})
	if err != nil || events.JSON200 == nil {
		log.Fatalf("list events: %v", err)
	}
	for _, ev := range events.JSON200.Data { // each event decodes into its own typed payload
		if e, err := ev.AsRejectionEvent(); err == nil && e.Type == rebound.RejectionEventTypeRejectionCreated {
			r, _ := e.Data.Object.AsRejection()
			fmt.Println(e.Type, r.Company)
		}
	}
}
