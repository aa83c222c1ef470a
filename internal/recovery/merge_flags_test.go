package recovery

import "testing"

// TestMergeCarriesFlagsWithoutReportingThem: rows stored without the flags (as before they
// existed) merge with a regeneration without a reported change, and come out with the flags set.
func TestMergeCarriesFlagsWithoutReportingThem(t *testing.T) {
	in := adviceScenarios()["very_low_mood"]
	gen := Generate(in)
	plan, _ := Merge(nil, gen)
	for i := range plan {
		plan[i].ID = "st_" + plan[i].Key
		plan[i].Optional, plan[i].Nudge, plan[i].Lapsed = false, false, false
	}
	next, changes := Merge(plan, gen)
	if len(changes) != 0 {
		t.Fatalf("flag-only differences reported: %+v", changes)
	}
	for i, s := range next {
		if s.Nudge != gen[i].Nudge || s.Optional != gen[i].Optional || s.Lapsed != gen[i].Lapsed {
			t.Fatalf("%s: flags not carried", s.Key)
		}
	}
}
