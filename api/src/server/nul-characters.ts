import type { ApolloServerPlugin } from "@apollo/server";
import { type DocumentNode, Kind, visit } from "graphql";
import { ApiError, ErrorCode } from "../graphql/errors.js";

const NUL = "\u0000";

/** Whether a variables value holds a NUL character in any string or key (walked without recursion: variables may nest thousands deep). */
export function variablesHoldNul(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length) {
    const item = pending.pop();
    if (typeof item === "string") {
      if (item.includes(NUL)) return true;
    } else if (Array.isArray(item)) {
      pending.push(...item);
    } else if (item && typeof item === "object") {
      for (const [key, entry] of Object.entries(item)) {
        if (key.includes(NUL)) return true;
        pending.push(entry);
      }
    }
  }
  return false;
}

/** Whether a string literal of the operation holds a NUL character ("\u0000" written in the query). */
export function documentHoldsNul(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.STRING]: (node) => {
      if (node.value.includes(NUL)) found = true;
    },
  });
  return found;
}

/**
 * PostgreSQL text cannot hold the NUL character: a query or a write with one fails in the driver
 * (an internal error). No real text has one, so any operation carrying one, as a literal or in its
 * variables, is refused up front as bad input (HTTP 400).
 */
export function nulCharactersPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          if (variablesHoldNul(request.variables ?? {}) || documentHoldsNul(document)) {
            throw new ApiError(ErrorCode.BAD_USER_INPUT, "nulCharacter", {}, { status: 400 });
          }
        },
      };
    },
  };
}
