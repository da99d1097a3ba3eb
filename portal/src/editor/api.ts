/**
 * The editor's one way to talk to the API: POST /graphql on the same origin with the session
 * cookie, JSON (which also satisfies the API's CSRF prevention), and the editor's locale, so that
 * every message — field errors included — comes back in the editor's language.
 */
export interface FieldProblem {
  path: string;
  message: string;
}

/** An error the API answered with: its stable code, its message, and the fields it names. */
export class ApiProblem extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly fields: FieldProblem[] = [],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiProblem";
  }

  get currentVersion(): number | undefined {
    return typeof this.extensions.currentVersion === "number" ? this.extensions.currentVersion : undefined;
  }
}

/** The request never got an answer (no connection, server unreachable). */
export class NetworkProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NetworkProblem";
  }
}

export type Request = <Data = unknown>(query: string, variables?: Record<string, unknown>) => Promise<Data>;

interface GraphQLError {
  message: string;
  extensions?: { code?: string; fields?: FieldProblem[]; [key: string]: unknown };
}

export function createClient(options: { locale: string; networkMessage: string; onUnauthenticated(): void }): Request {
  return async function request<Data>(query: string, variables: Record<string, unknown> = {}): Promise<Data> {
    let response: Response;
    try {
      response = await fetch("/graphql", {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json", "accept-language": options.locale, accept: "application/json" },
        body: JSON.stringify({ query, variables }),
      });
    } catch {
      throw new NetworkProblem(options.networkMessage);
    }
    let body: { data?: Data | null; errors?: GraphQLError[] };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw new NetworkProblem(options.networkMessage);
    }
    const errors = body.errors ?? [];
    if (errors.length > 0) {
      const first = errors[0]!;
      const code = first.extensions?.code ?? "INTERNAL_SERVER_ERROR";
      if (code === "UNAUTHENTICATED" && !/\b(login|acceptInvitation)\b/.test(query)) options.onUnauthenticated();
      const fields = errors.flatMap((error) => error.extensions?.fields ?? []);
      throw new ApiProblem(first.message, code, fields, first.extensions ?? {});
    }
    if (!response.ok || body.data == null) throw new NetworkProblem(options.networkMessage);
    return body.data;
  };
}
