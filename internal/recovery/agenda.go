package recovery

import (
	"sort"
	"strings"
	"time"
)

// MaxAgendaPlans is the most open plans Agenda reads (newest rejections first); a candidate
// with more sees the agenda of the newest ones.
const MaxAgendaPlans = 100

// AgendaPlan is one of the candidate's open plans, as the agenda reads it: the stored steps
// with their progress, and enough about the rejection to say what a step is for.
type AgendaPlan struct {
	PlanID      string
	RejectionID string
	Company     string
	RoleTitle   string
	ReceivedAt  time.Time
	Historical  bool
	Steps       []PlanStep
}

// AgendaInput is everything Agenda reads. Today is the date in the candidate's zone (the caller
// computes it, so the function stays free of the clock); Locale is the candidate's BCP 47 tag.
// Limit caps the items returned (0 or less: all).
type AgendaInput struct {
	Today  time.Time
	Locale string
	Plans  []AgendaPlan
	Limit  int
}

// AgendaLink points at one stored plan step an agenda item stands for.
type AgendaLink struct {
	PlanID string
	StepID string
	Key    string
}

// AgendaItem is one thing to do next. Candidate-wide advice (IsCandidateWide) appears once
// however many plans hold it, linking to each of their steps; any other step is its own item.
type AgendaItem struct {
	Key      string    // the step key, shared by every linked step
	Kind     string    // the step kind
	Title    string    // the title of the step from the newest linked plan
	Context  string    // which application(s) it is for, in the candidate's language
	DueOn    time.Time // the earliest due date among the linked steps
	Status   string    // in_progress when any linked step is, else pending
	Optional bool      // every linked step is optional
	Overdue  bool      // a linked step is overdue on Today (PlanStep.Overdue)
	Lapsed   bool      // every linked step is lapsed: do it when ready, never overdue
	Links    []AgendaLink
}

// Agenda builds one deduplicated, dated list of what the candidate should do next across their
// open plans. It is pure and deterministic (input order does not matter):
//   - done and skipped steps are left out; so is candidate-wide advice the candidate already
//     completed or skipped in any plan, since it has been given;
//   - a historical plan's lapsed steps are left out (it never nudges; its other steps show);
//   - items are ordered by due date (lapsed items last), then kind and key;
//   - the title comes from the newest plan linked; Context says which application(s) it serves;
//   - the same advice from several plans — the same key and words on the same day — is one
//     item linking to each plan's step.
func Agenda(in AgendaInput) []AgendaItem {
	lang := resolveLang(in.Locale)
	plans := append([]AgendaPlan(nil), in.Plans...)
	sort.SliceStable(plans, func(i, j int) bool {
		return newerThan(plans[i].ReceivedAt, plans[i].RejectionID+"\x00"+plans[i].PlanID, plans[j].ReceivedAt, plans[j].RejectionID+"\x00"+plans[j].PlanID)
	})
	if len(plans) > MaxAgendaPlans {
		plans = plans[:MaxAgendaPlans]
	}
	type group struct {
		item  AgendaItem
		plans []AgendaPlan
		given bool
		open  []PlanStep
	}
	groups := map[string]*group{}
	var order []string
	for _, p := range plans { // newest first, so the first step seen gives the title
		for _, st := range p.Steps {
			// Candidate-wide advice is one item whatever plans hold it; other advice is one item
			// per plan, except when several plans give the very same advice on the same day
			// (three rejections in one day: one "take a day to recover", not three).
			id := st.Key + "\x00" + st.Title + "\x00" + st.DueOn.Format("2006-01-02")
			if IsCandidateWide(st.Key) {
				id = st.Key
			}
			g, ok := groups[id]
			if !ok {
				g = &group{item: AgendaItem{Key: st.Key, Kind: st.Kind}}
				groups[id] = g
				order = append(order, id)
			}
			if st.Status == StatusDone || st.Status == StatusSkipped {
				g.given = true
				continue
			}
			if p.Historical && st.Lapsed {
				continue
			}
			if len(g.open) == 0 {
				g.item.Title = st.Title
			}
			g.open = append(g.open, st)
			g.item.Links = append(g.item.Links, AgendaLink{PlanID: p.PlanID, StepID: st.ID, Key: st.Key})
			if len(g.plans) == 0 || g.plans[len(g.plans)-1].PlanID != p.PlanID {
				g.plans = append(g.plans, p)
			}
		}
	}
	var out []AgendaItem
	for _, id := range order {
		g := groups[id]
		if len(g.open) == 0 || (g.given && IsCandidateWide(g.item.Key)) {
			continue
		}
		it := g.item
		it.Status, it.Optional, it.Lapsed = StatusPending, true, true
		first := true
		for _, st := range g.open {
			if st.Status == StatusInProgress {
				it.Status = StatusInProgress
			}
			it.Optional = it.Optional && st.Optional
			it.Lapsed = it.Lapsed && st.Lapsed
			it.Overdue = it.Overdue || st.Overdue(in.Today)
		}
		for _, st := range g.open { // the earliest date, of a step that is not lapsed if any
			if it.Lapsed || !st.Lapsed {
				if first || st.DueOn.Before(it.DueOn) {
					it.DueOn, first = st.DueOn, false
				}
			}
		}
		sort.Slice(it.Links, func(i, j int) bool {
			if it.Links[i].PlanID != it.Links[j].PlanID {
				return it.Links[i].PlanID < it.Links[j].PlanID
			}
			return it.Links[i].StepID < it.Links[j].StepID
		})
		it.Context = agendaContext(lang, g.plans)
		out = append(out, it)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Lapsed != b.Lapsed {
			return !a.Lapsed
		}
		if !a.DueOn.Equal(b.DueOn) {
			return a.DueOn.Before(b.DueOn)
		}
		if kindOrder[a.Kind] != kindOrder[b.Kind] {
			return kindOrder[a.Kind] < kindOrder[b.Kind]
		}
		if a.Key != b.Key {
			return a.Key < b.Key
		}
		return a.Links[0].PlanID < b.Links[0].PlanID
	})
	if in.Limit > 0 && len(out) > in.Limit {
		out = out[:in.Limit]
	}
	return out
}

func agendaContext(lang string, plans []AgendaPlan) string {
	if len(plans) > 1 {
		return tr(lang, "agenda.context.shared", "n", len(plans))
	}
	role, company := clip(strings.TrimSpace(plans[0].RoleTitle)), clip(strings.TrimSpace(plans[0].Company))
	switch {
	case role != "" && company != "":
		return tr(lang, "agenda.context", "role", role, "company", company)
	case role != "":
		return tr(lang, "agenda.context.role", "role", role)
	case company != "":
		return tr(lang, "agenda.context.company", "company", company)
	}
	return tr(lang, "agenda.context.none")
}
