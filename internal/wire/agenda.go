package wire

import (
	"github.com/reboundhq/rebound/internal/locale"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/recovery"
)

// AgendaLink points at one plan step an agenda item stands for.
type AgendaLink struct {
	PlanID string `json:"plan_id" example:"plan_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	StepID string `json:"step_id" example:"step_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
} //	@name	AgendaLink

// AgendaItem is one thing to do next, given once however many open plans hold it.
type AgendaItem struct {
	Key     string `json:"key" example:"apply_next"`
	Kind    string `json:"kind" example:"apply_next"`
	Title   string `json:"title" example:"Apply to your next opportunity"`
	Context string `json:"context" example:"For your applications to Northwind Analytics and Contoso"`
	DueOn   string `json:"due_on" format:"date" example:"2026-11-25"`
	Status  string `json:"status" enums:"pending,in_progress" example:"pending"`
	// Optional: every plan step it stands for is optional.
	Optional bool `json:"optional" example:"false"`
	// Overdue: a step it stands for is past its date (lapsed and historical steps never are).
	Overdue bool `json:"overdue" example:"false"`
	// Lapsed: every step it stands for was already past when its rejection was recorded.
	Lapsed bool         `json:"lapsed" example:"false"`
	Links  []AgendaLink `json:"links"`
} //	@name	AgendaItem

// Agenda is a candidate's deduplicated, dated list of what to do next across all open plans.
type Agenda struct {
	Object      string `json:"object" example:"agenda"`
	CandidateID string `json:"candidate_id" example:"cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	// Locale is the language the items are written in; LocaleFallback says the candidate's own
	// locale is not one Rebound writes, so English was used.
	Locale         string       `json:"locale" enums:"en,es,fr,de" example:"en"`
	LocaleFallback bool         `json:"locale_fallback" example:"false"`
	Items          []AgendaItem `json:"items"`
} //	@name	Agenda

// FromAgenda renders an agenda.
func FromAgenda(c model.Candidate, items []recovery.AgendaItem) Agenda {
	lang, fallback := locale.Resolve(c.Locale)
	out := Agenda{Object: "agenda", CandidateID: c.ID, Locale: lang, LocaleFallback: fallback, Items: make([]AgendaItem, 0, len(items))}
	for _, it := range items {
		links := make([]AgendaLink, 0, len(it.Links))
		for _, l := range it.Links {
			links = append(links, AgendaLink{PlanID: l.PlanID, StepID: l.StepID})
		}
		out.Items = append(out.Items, AgendaItem{Key: it.Key, Kind: it.Kind, Title: it.Title, Context: it.Context,
			DueOn: it.DueOn.Format(model.DateLayout), Status: it.Status, Optional: it.Optional, Overdue: it.Overdue, Lapsed: it.Lapsed, Links: links})
	}
	return out
}
