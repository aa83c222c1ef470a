// The TypeScript client of the Rebound API. schema.ts is generated from the repository's
// openapi.yaml by openapi-typescript (npm run generate, or make clients); requests go through
// openapi-fetch, so paths, parameters, bodies and responses are all checked by the compiler.
//
//   const rebound = createReboundClient("https://rebound.example.com", process.env.REBOUND_API_KEY);
//   const { data, error } = await rebound.POST("/v1/candidates", { body: { external_id: "user_8412" } });
//   // data is a Candidate on 201; error the Problem of a 4xx or 5xx.
import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "./schema.js";

export type { components, operations, paths } from "./schema.js";

/** Every schema of the document, by name: Schemas["Rejection"], Schemas["Event"], … */
export type Schemas = components["schemas"];
/** Any event; narrow it on `type` to get its payload's type. */
export type Event = Schemas["Event"];
/** An RFC 9457 problem, the body of every error. */
export type Problem = Schemas["Problem"];

/**
 * A client of the Rebound API at baseUrl. With an API key, every request carries it as
 * `Authorization: Bearer rbk_…`; without one, only the public feedback endpoints answer.
 */
export function createReboundClient(baseUrl: string, apiKey?: string): Client<paths> {
  const client = createClient<paths>({ baseUrl });
  if (apiKey !== undefined) {
    client.use({
      onRequest({ request }) {
        request.headers.set("Authorization", `Bearer ${apiKey}`);
        return request;
      },
    });
  }
  return client;
}
