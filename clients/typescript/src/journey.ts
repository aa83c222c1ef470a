// An integration from start to end against a live Rebound, with the typed client only: no casts,
// no JSON by hand. make clients-check compiles it with tsc --strict and runs it with node against
// a fresh server (REBOUND_URL, REBOUND_API_KEY); it exits 1 at the first thing that is wrong.
import { createReboundClient, type Event, type Schemas } from "./index.js";

function expect(ok: boolean, what: string, detail?: unknown): asserts ok {
  if (!ok) {
    throw new Error(`${what}${detail === undefined ? "" : ": " + JSON.stringify(detail)}`);
  }
}

function env(name: string): string {
  const value = process.env[name];
  expect(value !== undefined && value !== "", `${name} must be set (make clients-check sets it)`);
  return value;
}

const base = env("REBOUND_URL");
const rebound = createReboundClient(base, env("REBOUND_API_KEY"));
const run = Date.now().toString(36);

// A candidate, known by the platform's own user id.
const candidate = await rebound.POST("/v1/candidates", {
  body: { external_id: `ts-${run}`, display_name: "Dana Whitfield", timezone: "Europe/London" },
});
expect(candidate.data !== undefined, "create candidate", candidate.error);
const candidateId = candidate.data.id;

// The rejection, sent twice with one Idempotency-Key: the second answer is the first, replayed.
const rejectionBody: Schemas["RejectionCreateRequest"] = {
  candidate_id: candidateId,
  company: "Northwind Analytics",
  role_title: "Senior Backend Engineer",
  stage: "final_round",
  reason_category: "stronger_candidate",
  received_at: new Date(Date.now() - 3600_000).toISOString(),
  contacts: [{ name: "Priya Raman", role: "hiring_manager", email: "priya@northwind.example" }],
  emotional_impact: 4,
  external_ref: `app-${run}`,
};
const idempotency = { header: { "Idempotency-Key": `ts-journey-${run}` } };
const rejection = await rebound.POST("/v1/rejections", { params: idempotency, body: rejectionBody });
expect(rejection.data !== undefined, "create rejection", rejection.error);
const replay = await rebound.POST("/v1/rejections", { params: idempotency, body: rejectionBody });
expect(replay.data?.id === rejection.data.id && replay.response.headers.get("Idempotent-Replayed") === "true", "the retry is a replay");
const rejectionId = rejection.data.id;
const contact = rejection.data.contacts[0];
expect(contact !== undefined, "the rejection keeps its contact");

// Its recovery plan, and the first step done, conditional on the plan not having changed.
const plan = await rebound.GET("/v1/rejections/{id}/recovery-plan", { params: { path: { id: rejectionId } } });
expect(plan.data !== undefined, "get plan", plan.error);
const etag = plan.response.headers.get("ETag");
const step = plan.data.steps[0];
expect(etag !== null && step !== undefined, "the plan has an ETag and steps");
const stepPath = { id: plan.data.id, step_id: step.id };
const done = await rebound.PATCH("/v1/recovery-plans/{id}/steps/{step_id}", {
  params: { path: stepPath, header: { "If-Match": etag } },
  body: { status: "done", note: "Took the weekend off." },
});
expect(done.data?.steps[0]?.status === "done" && done.data.steps[0].completed_at !== null, "step done", done.error);
const stale = await rebound.PATCH("/v1/recovery-plans/{id}/steps/{step_id}", {
  params: { path: stepPath, header: { "If-Match": etag } },
  body: { note: "A stale write." },
});
expect(stale.response.status === 412 && stale.error?.type === "https://rebound.dev/problems/precondition-failed", "stale If-Match refused", stale.error);

// A feedback request to the interviewer, answered through the public endpoint with its token.
const request = await rebound.POST("/v1/rejections/{id}/feedback-requests", {
  params: { path: { id: rejectionId } },
  body: { contact_id: contact.id },
});
expect(request.data !== undefined, "create feedback request", request.error);
const token = request.data.response_token;
expect(token !== null, "the creation of a feedback request carries its token");
const publicClient = createReboundClient(base); // no key: the token is the credential
const answer = await publicClient.POST("/v1/public/feedback-requests/{token}/response", {
  params: { path: { token } },
  body: {
    summary: "Strong coding round; the design discussion stayed high-level.",
    items: [
      { category: "technical_depth", polarity: "improvement", detail: "System design depth" },
      { category: "communication", polarity: "strength", detail: "Clear, structured explanations" },
    ],
  },
});
expect(answer.data?.status === "responded", "public answer", answer.error);

// The candidate's reflection.
const reflection = await rebound.POST("/v1/rejections/{id}/reflections", {
  params: { path: { id: rejectionId } },
  body: { answers: { mood: 2, nerves: 4, skill_gaps: ["SQL window functions"] } },
});
expect(reflection.data?.answers.mood === 2 && reflection.data.answers.nerves === 4, "create reflection", reflection.error);

// Insights across the candidate's rejections.
const insights = await rebound.GET("/v1/candidates/{id}/insights", { params: { path: { id: candidateId } } });
expect(insights.data?.rejection_count === 1 && insights.data.mood_trend[0]?.mood === 2, "insights", insights.error);

// A webhook endpoint: its signing secret is shown once.
const hook = await rebound.POST("/v1/webhook-endpoints", {
  body: { url: `https://hooks.example.com/rebound/${run}`, enabled_events: ["*"] },
});
expect(hook.data?.secret !== undefined && hook.data.secret.startsWith("whsec_"), "create webhook endpoint", hook.error);

// The candidate's events, oldest first, each narrowed on its type to its own payload.
const events = await rebound.GET("/v1/events", { params: { query: { candidate_id: candidateId, limit: 100 } } });
expect(events.data !== undefined, "list events", events.error);

/** Checks an event's payload by its type; the compiler knows each branch's shape. */
function wellFormed(ev: Event): boolean {
  switch (ev.type) {
    case "candidate.created":
    case "candidate.updated":
      return ev.data.object.external_id === `ts-${run}`;
    case "rejection.created":
    case "rejection.updated": {
      const r = ev.data.object;
      return !("redacted" in r) && r.company === "Northwind Analytics";
    }
    case "recovery_plan.created":
    case "recovery_plan.updated":
    case "recovery_plan.completed": {
      const p = ev.data.object;
      return !("redacted" in p) && p.rejection_id === rejectionId;
    }
    case "feedback_request.created":
    case "feedback_request.responded": {
      const r = ev.data.object;
      return !("redacted" in r) && r.recipient.name === "Priya Raman" && r.response_token === null;
    }
    case "feedback.received": {
      const f = ev.data.object;
      return !("redacted" in f) && f.items.length === 2;
    }
    case "reflection.created": {
      const r = ev.data.object;
      return !("redacted" in r) && r.answers.mood === 2;
    }
    default:
      return true;
  }
}

const seen = new Set<string>();
for (const ev of events.data.data) {
  expect(wellFormed(ev), `event ${ev.type}`, ev);
  seen.add(ev.type);
}
for (const want of ["candidate.created", "rejection.created", "recovery_plan.created", "recovery_plan.updated",
  "feedback_request.created", "feedback_request.responded", "feedback.received", "reflection.created"]) {
  expect(seen.has(want), `no ${want} event`, [...seen]);
}
console.log(`TypeScript journey: ok (${events.data.data.length} events, ${seen.size} types)`);
