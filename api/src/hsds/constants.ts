/** Page sizes of the HSDA list endpoints. */
export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 100;
/**
 * The highest page number the list endpoints accept: far past any directory START will hold, and
 * low enough that its offset ((page − 1) × per_page) stays a number the database can count.
 */
export const MAX_PAGE = 1_000_000;
