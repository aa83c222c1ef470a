package messages

import (
	"strings"
	"testing"
)

// The tone check's cost: a typical reply, the longest text the API accepts written politely,
// and the same length packed with phrases that match (the worst case, since every pattern
// whose needles appear must then run over the whole text).

func BenchmarkCheckToneLongest(b *testing.B) {
	unit := "I really appreciated the chance to interview with the team, and I hope our paths cross again. "
	text := strings.Repeat(unit, MaxToneTextLength/len(unit))
	b.ResetTimer()
	for range b.N {
		CheckToneIn(text, "en")
	}
}

func BenchmarkCheckToneTypical(b *testing.B) {
	text := "Hi Priya, thank you for letting me know. I really enjoyed meeting the team, and I would love to hear about future openings. Best, Dana"
	for range b.N {
		CheckToneIn(text, "en")
	}
}

func BenchmarkCheckToneAdversarial(b *testing.B) {
	unit := "You people!! I DEMAND AN ANSWER, it is unfair. I'm so stupid! "
	text := strings.Repeat(unit, MaxToneTextLength/len(unit))
	b.ResetTimer()
	for range b.N {
		CheckToneIn(text, "en")
	}
}
