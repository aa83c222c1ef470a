package recovery

import (
	"reflect"
	"sort"
)

// Change is one difference a regeneration made.
type Change struct {
	Key    string   `json:"key"`
	Kind   string   `json:"kind"`
	Change string   `json:"change"` // added, removed, updated
	Fields []string `json:"fields,omitempty"`
}

// Merge reconciles the stored steps with a fresh generation, matching by key:
//   - a step generated again keeps its id and the candidate's progress (status, note, dates);
//     a pending one takes the new title, guidance, due date, reasons and flags (Optional, Nudge,
//     Lapsed), a worked-on one keeps its due date but takes the rest;
//   - a stored step no longer generated disappears if pending and stays, untouched, if worked on;
//   - a new key is added as pending (with no id; the caller assigns one).
//
// It reports what changed; merging a plan with its own regeneration changes nothing. The flags
// Optional, Nudge and Lapsed are carried into the result but never reported on their own: they
// follow from what is reported (the due date, the reasons, the plan's facts), so rows stored
// before the flags existed do not make every regeneration look like a change.
func Merge(current []PlanStep, generated []Step) ([]PlanStep, []Change) {
	byKey := make(map[string]PlanStep, len(current))
	for _, s := range current {
		byKey[s.Key] = s
	}
	var (
		next    []PlanStep
		changes []Change
		seen    = map[string]bool{}
	)
	for _, g := range generated {
		seen[g.Key] = true
		old, ok := byKey[g.Key]
		if !ok {
			next = append(next, PlanStep{Step: g, Status: StatusPending})
			changes = append(changes, Change{Key: g.Key, Kind: g.Kind, Change: "added"})
			continue
		}
		merged := old
		merged.Title, merged.Guidance, merged.Reasons, merged.Kind = g.Title, g.Guidance, g.Reasons, g.Kind
		merged.ReasonsOmitted, merged.Optional, merged.Nudge, merged.Lapsed = g.ReasonsOmitted, g.Optional, g.Nudge, g.Lapsed
		if !old.WorkedOn() {
			merged.DueOn = g.DueOn
		}
		var fields []string
		if old.Title != merged.Title {
			fields = append(fields, "title")
		}
		if old.Guidance != merged.Guidance {
			fields = append(fields, "guidance")
		}
		if !old.DueOn.Equal(merged.DueOn) {
			fields = append(fields, "due_on")
		}
		if !reflect.DeepEqual(normReasons(old.Reasons), normReasons(merged.Reasons)) || old.ReasonsOmitted != merged.ReasonsOmitted {
			fields = append(fields, "reasons")
		}

		if len(fields) > 0 {
			changes = append(changes, Change{Key: g.Key, Kind: g.Kind, Change: "updated", Fields: fields})
		}
		next = append(next, merged)
	}
	for _, old := range current {
		if seen[old.Key] {
			continue
		}
		if old.WorkedOn() {
			next = append(next, old)
			continue
		}
		changes = append(changes, Change{Key: old.Key, Kind: old.Kind, Change: "removed"})
	}
	sortPlanSteps(next)
	sort.SliceStable(changes, func(i, j int) bool { return changes[i].Key < changes[j].Key })
	return next, changes
}

func normReasons(r []Reason) []Reason {
	if len(r) == 0 {
		return nil
	}
	return r
}

func sortPlanSteps(steps []PlanStep) {
	sort.SliceStable(steps, func(i, j int) bool { return stepLess(steps[i].Step, steps[j].Step) })
}

// CandidateWideKeys lists, sorted, the candidate-wide keys (see IsCandidateWide) among steps.
// A caller compares it before and after a regeneration: when it changed, the candidate's other
// open plans must be regenerated once (see docs/advice.md, "One piece of advice, one plan").
func CandidateWideKeys(steps []PlanStep) []string {
	var out []string
	for _, s := range steps {
		if IsCandidateWide(s.Key) {
			out = append(out, s.Key)
		}
	}
	sort.Strings(out)
	return out
}
