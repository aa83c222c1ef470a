package messages

import (
	"regexp"
	"slices"
	"strings"
)

// phraseRules is the phrase table of the tone check. Each pattern is a Go regular expression
// matched case-insensitively; a match only counts when it is not glued to a letter or digit on
// either side (see checker.atWordBoundaries), so "I must say" is not a demand and "fair" is not
// "unfair". ['’] accepts both the typed and the typographic apostrophe, since phones and word
// processors often insert the latter. Patterns stay specific on purpose: a tone check that
// flags courteous sentences teaches candidates to ignore it.
var phraseRules = []Rule{
	// Hostile or accusatory: contempt for the people or the process.
	{FindingHostile, `\byou people\b`,
		"Lumps the team together as a group to blame; it reads as contempt.",
		"Address the person by name and speak only about your own experience."},
	{FindingHostile, `\bhow dare you\b`,
		"An outburst closes the door on any future opening with this employer.",
		"Leave it out; a short thank-you keeps the relationship open."},
	{FindingHostile, `\b(?:ridiculous|absurd|pathetic|disgraceful|outrageous|insulting)\b`,
		"Judging the decision or the process makes the reader defensive and changes nothing.",
		"Describe what you would like to learn instead of judging the decision."},
	{FindingHostile, `\b(?:incompetent|clueless|idiots|morons)\b`,
		"Insulting the people involved burns the bridge for good.",
		"Remove it; recruiters and managers move between companies and remember tone."},
	{FindingHostile, `\byou(?:['’]re| are)(?: all)? (?:such )?(?:an? )?(?:idiots?|morons?|fools?|clowns?|amateurs?|liars?)\b`,
		"Name-calling ends the conversation and is remembered.",
		"Remove it; if something went wrong, describe it briefly and neutrally."},
	{FindingHostile, `\bunprofessional\b`,
		"An accusation of unprofessionalism rarely changes anything and is long remembered.",
		"If something went wrong, mention it neutrally and briefly, or not at all."},
	{FindingHostile, `\bwast(?:e|ed|ing)(?: of)? (?:my|our) (?:time|energy)\b`,
		"Tells the reader their effort, and yours, was worthless.",
		"Thank them for their time instead; it costs nothing and is remembered."},
	{FindingHostile, `\bi(?:['’]ll| will) have you know\b`,
		"A lecturing opening signals that an argument is coming.",
		"Open with thanks, and keep any point you must make to one calm sentence."},
	{FindingHostile, `\b(?:is|was|are|were|been|what)(?: such)? an? (?:(?:absolute|complete|total|bad|sick) )?(?:joke|farce|circus|scam)\b`,
		"Mocks a process the reader is part of.",
		"Leave the process unjudged; ask one constructive question instead."},
	{FindingHostile, `\b(?:shame on you|you should be ashamed)\b`,
		"Moralising at the reader puts them on the defensive.",
		"Leave it out; keep the message about thanks and next steps."},
	{FindingHostile, `\b(?:you (?:must|have got to|['’]ve got to) be (?:joking|kidding)|are you (?:joking|kidding)(?: me)?)\b`,
		"Sarcastic disbelief reads as contempt for the decision.",
		"Acknowledge the decision plainly: \"Thank you for letting me know.\""},
	{FindingHostile, `\b(?:stupid|dumb|idiotic|pointless) (?:decisions?|process|questions?|tests?|company|interviews?|interviewers?|people)\b`,
		"Calling the decision or the people stupid burns the bridge.",
		"Say what you found hard, neutrally, or leave it out."},
	{FindingHostile, `\byou(?:['’]ll| will) regret (?:this|it|your decision|rejecting me)\b`,
		"A threat, however mild, ends the relationship.",
		"Leave the door open instead: say you would welcome future openings."},
	{FindingHostile, `\b(?:it['’]?s|it is|that['’]?s|that is) your loss\b`,
		"Sounds dismissive and invites the reader to agree they chose well.",
		"Let your strengths speak in a future application; end on thanks."},

	// Blame: holding the employer responsible for the outcome.
	{FindingBlame, `\byou (?:never|didn['’]?t(?: even)?|did not(?: even)?) (?:gave|give) me (?:a|any) (?:(?:fair|real|proper) )?chance\b`,
		"Blames the reader for the outcome.",
		"Speak about what you would do differently, not about what they did."},
	{FindingBlame, `\byour (?:(?:hiring|recruitment|recruiting|interview) )?(?:process|system) (?:is|was) (?:(?:completely|totally|clearly|obviously|so) )?(?:broken|flawed|unfair|biased|a mess)\b`,
		"Criticising their process puts them on the defensive.",
		"If you have feedback on the process, offer it later and only if asked."},
	{FindingBlame, `\bunfair(?:ly)?\b`,
		"Calling the decision unfair assumes bad faith; most decisions are close calls.",
		"Assume a professional decision; ask what would have made your application stronger."},
	{FindingBlame, `\b(?:rigged|fixed from the start|(?:was|were|had been) (?:already )?decided before i (?:even )?applied)\b`,
		"Alleging a rigged process accuses people of dishonesty.",
		"Leave it out; an internal or stronger candidate is a common, honest reason."},
	{FindingBlame, `\byou (?:(?:clearly|obviously|evidently) (?:didn['’]?t|did not|never)(?: even)?|(?:didn['’]?t|did not|never) even) (?:read|look at|open|bother|listen)\b`,
		"Accuses the reader of not doing their job.",
		"Restate, briefly, the strength you want them to remember, without blame."},
	{FindingBlame, `\b(?:it['’]?s|it is|it was|this is) (?:all |entirely )?your fault\b`,
		"Assigns fault for a hiring decision.",
		"Focus on next steps rather than on fault."},
	{FindingBlame, `\b(?:biased|prejudiced) against me\b`,
		"An accusation of bias in a thank-you or follow-up note will not be heard as intended.",
		"Keep this note courteous; if you believe you were treated unlawfully, raise it separately through the proper channel."},
	{FindingBlame, `\byou(?:['’]ve| have)? made a (?:big|huge|serious|terrible|grave) mistake\b`,
		"Telling the reader they chose wrongly invites them to defend the choice.",
		"Say you would welcome future openings; let that speak for your confidence."},
	{FindingBlame, `\b(?:nobody|no one|no-one) (?:even )?(?:read|looked at) my\b`,
		"Assumes carelessness you cannot know about.",
		"Point to the one strength you want them to remember instead."},

	// Demands: orders and claims of entitlement.
	{FindingDemands, `\bi (?:demand|insist)\b`,
		"A demand leaves the reader no gracious way to say yes.",
		"Ask instead: \"Would you be open to sharing…?\""},
	{FindingDemands, `\bi (?:fully |do )?expect (?:(?:an?|some|your) )?(?:(?:full|proper|detailed|written|honest|prompt|immediate|clear) )?(?:explanation|answer|response|reply|apology|justification|feedback|call(?:back)?)\b`,
		"Nobody owes a candidate an explanation; expecting one sounds entitled.",
		"Ask for feedback as a favour instead: \"If you have a moment, could you share…?\""},
	{FindingDemands, `\bi expect you to\b`,
		"Tells the reader what they are obliged to do.",
		"Make it a request: \"Would you be willing to…?\""},
	{FindingDemands, `\byou must (?:(?:now|immediately|urgently|at least|please) )?(?:explain|tell|give|provide|send|respond|reply|answer|reconsider|call|let|share|justify|review|hire|fix|change|apologi[sz]e|contact|get back|offer|pay)\b`,
		"Orders the reader about.",
		"Use a request instead: \"Could you…?\" or \"Would you be willing to…?\""},
	{FindingDemands, `\byou owe me\b`,
		"Claims a debt that does not exist.",
		"Thank them for their time and ask one optional question."},
	{FindingDemands, `\b(?:respond|reply|answer|get back to me|call me|write back) (?:immediately|right away|asap|at once|urgently|by (?:today|tonight|tomorrow|end of (?:the )?day)|within (?:24|48|twenty-four|forty-eight) hours)\b`,
		"A deadline puts pressure on what is a favour.",
		"Make replying optional and unhurried: \"whenever suits you\"."},
	{FindingDemands, `\b(?:reconsider|reverse|overturn|rethink|revisit) (?:your|the|this) decision\b`,
		"Asking them to reverse a decision rarely works and strains goodwill.",
		"Express continued interest in future openings instead."},
	{FindingDemands, `\bi(?: want| need| deserve| am owed|['’]m owed) (?:(?:an?|some|your) )?(?:(?:full|proper|detailed|clear|real) )?(?:explanation|answer|apology|justification)\b`,
		"Presents feedback as something you are owed rather than a favour.",
		"Ask for it as a favour, with no pressure: \"If you have a moment, could you share…?\""},
	{FindingDemands, `\bi (?:deserve|deserved|should have got(?:ten)?) (?:this|the|that) (?:job|role|position|offer)\b`,
		"Sounds entitled and asks the reader to defend their choice.",
		"Say what you would bring to a future opening instead."},

	// Self-deprecation: harsh words about oneself.
	{FindingSelfDeprecation, `\bi(?:['’]m| am) (?:(?:so|such|just|really|completely|totally|truly|clearly|obviously) )*(?:stupid|useless|worthless|hopeless|pathetic|incompetent|an? (?:(?:complete|total|absolute|utter) )?(?:idiot|failure|loser|fraud|disappointment))\b`,
		"Harsh words about yourself undersell you to the reader, and to yourself.",
		"Name one thing you will work on; a rejection is one decision, not a verdict on you."},
	{FindingSelfDeprecation, `\bi knew i (?:wasn['’]?t|was not|would never be) (?:good|smart) enough\b`,
		"Turns one decision into a judgement of your worth.",
		"Say what you learned and what you will do next."},
	{FindingSelfDeprecation, `\bi(?:['’]m| am) (?:(?:just|simply|clearly|obviously|still) )?not (?:good|smart|clever|talented) enough\b`,
		"Undersells you; they considered you seriously enough to reply.",
		"Leave it out, and point to a strength you showed instead."},
	{FindingSelfDeprecation, `\bi(?:['’]ll| will) never (?:(?:get|find|land) (?:a|any) (?:job|role|position|work)|be hired|be good enough)\b`,
		"Despair in a professional note worries the reader and does not help you.",
		"Keep the message forward-looking; share the hard feelings with a friend or a coach."},
	{FindingSelfDeprecation, `\b(?:no one|nobody|no-one) (?:will|would|is going to) ever (?:hire|want) me\b`,
		"Despair in a professional note worries the reader and does not help you.",
		"Keep the message forward-looking; share the hard feelings with a friend or a coach."},
	{FindingSelfDeprecation, `\b(?:sorry (?:for|about) wasting your time|i(?: wasted| have wasted|['’]ve wasted) your time)\b`,
		"Apologising for applying suggests you did not belong in the process.",
		"Thank them for their time instead."},
	{FindingSelfDeprecation, `\bi (?:always )?(?:mess|screw) (?:everything|it all|things) up\b|\bi ruin everything\b`,
		"Generalises one setback into a story about yourself.",
		"Describe the one thing you will do differently next time."},
}

// phrasePatterns are phraseRules compiled once, in the same order.
var phrasePatterns = func() []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(phraseRules))
	for i, r := range phraseRules {
		out[i] = regexp.MustCompile(`(?i)` + r.Pattern)
	}
	return out
}()

// Indexes into codeRules, so the code that applies a rule quotes its suggestion.
const (
	ruleShouting = iota
	rulePunctuation
	ruleTooLong
)

// codeRules describe, in words, the rules that are checked in code rather than by a pattern.
var codeRules = []Rule{
	ruleShouting: {FindingShouting,
		"Two or more ALL-CAPS words of at least 3 letters in one phrase, or a single ALL-CAPS word of at least 5 letters. " +
			"Words containing digits and these acronyms (also with a plural or possessive S) are allowed: " + strings.Join(sortedAcronyms(), ", ") + ".",
		"Capitals read as shouting, however calm the words are.",
		"Write in sentence case; if a word needs emphasis, let the sentence carry it."},
	rulePunctuation: {FindingExcessivePunctuation,
		`Two or more "!" or "?" in a row ("!!", "??", "?!"), or more than 3 "!" in the whole text (each is then flagged).`,
		"Stacked punctuation reads as agitation or sarcasm.",
		"One full stop, or one question mark, is enough."},
	ruleTooLong: {FindingTooLong,
		"More than 200 words.",
		"A reply to a rejection should be read in seconds; long ones tend to argue and are rarely read to the end.",
		"Cut it to a few sentences: thanks, one question or wish, and a sign-off."},
}

// acronyms are upper-case words that are names or abbreviations, not shouting. The list is a
// pragmatic allowlist of terms common in CVs and job searches; unknown acronyms of three or
// four letters are safe anyway, since a single word needs five letters to count as shouting.
var acronyms = func() map[string]bool {
	list := []string{
		"ACCA", "AI", "API", "APAC", "ASAP", "AWS", "BBC", "CAD", "CEO", "CFA", "CFO", "CIO", "CISSP", "CMO",
		"CNC", "COO", "CPA", "CPO", "CPR", "CRM", "CSR", "CSS", "CSV", "CTO", "CV", "DNS", "EMEA", "EMT", "ERP",
		"ESG", "ETA", "ETL", "EU", "FAQ", "FDA", "FMCG", "FYI", "GCP", "GDPR", "GIS", "GPU", "HIPAA", "HR",
		"HTML", "HTTP", "HTTPS", "HVAC", "IBM", "ICU", "IEEE", "ISO", "IT", "ITIL", "JSON", "JWT", "KPI",
		"LATAM", "LLC", "LLM", "MBA", "MIT", "ML", "MSC", "NASA", "NASDAQ", "NATO", "NGO", "NHS", "NLP", "NYC",
		"NYSE", "OKR", "OSHA", "PDF", "PHD", "PHP", "PMI", "PMP", "PTO", "QA", "REST", "ROI", "SAAS", "SAP",
		"SCRUM", "SDK", "SEC", "SEO", "SLA", "SMB", "SME", "SMS", "SOC", "SQL", "SRE", "SSO", "TBD", "UCLA",
		"UI", "UK", "UN", "UNESCO", "UNICEF", "URL", "USA", "USB", "UX", "VP", "XML", "YAML",
	}
	m := make(map[string]bool, len(list))
	for _, a := range list {
		m[a] = true
	}
	return m
}()

// sortedAcronyms lists the allowlist alphabetically, for the shouting rule's description.
func sortedAcronyms() []string {
	out := make([]string, 0, len(acronyms))
	for a := range acronyms {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}
