import { createReboundClient } from "@reboundhq/rebound-client";

const rebound = createReboundClient(process.env.REBOUND_URL ?? "http://localhost:8080", process.env.REBOUND_API_KEY);
const { data: candidate, error } = await rebound.POST("/v1/candidates", {
  body: { external_id: "user_8412", display_name: "Dana Whitfield", timezone: "Europe/London" },
});
if (!candidate) throw new Error(error?.detail);
await rebound.POST("/v1/rejections", {
  params: { header: { "Idempotency-Key": "rejection-user_8412-app_99812" } },
  body: {
    candidate_id: candidate.id, company: "Northwind Analytics", role_title: "Senior Backend Engineer",
    stage: "final_round", reason_category: "stronger_candidate", received_at: "2026-11-20T09:30:00Z",
    contacts: [{ name: "Priya Raman", role: "hiring_manager" }], emotional_impact: 4, external_ref: "app_99812",
  },
});
const { data: events } = await rebound.GET("/v1/events", { params: { query: { candidate_id: candidate.id } } });
for (const ev of events?.data ?? []) {
  if (ev.type === "rejection.created" && !("redacted" in ev.data.object)) console.log(ev.type, ev.data.object.company);
}
