import { describe, expect, it } from "vitest";
import { formatNumber } from "../../portal/src/i18n/numbers.js";

/**
 * Numbers on the portal cannot be misread: Intl's Libyan Arabic writes 1800 as "1.800", which
 * reads as one point eight. Arabic groups thousands with a narrow no-break space from five digits.
 */
describe("formatNumber", () => {
  it("writes Arabic numbers with Western digits, never with a dot or a comma between thousands", () => {
    expect(formatNumber(1800, "ar")).toBe("1800");
    expect(formatNumber(4000, "ar")).toBe("4000");
    expect(formatNumber(950, "ar")).toBe("950");
    expect(formatNumber(25000, "ar")).toBe("25\u202f000");
    expect(formatNumber(1234567, "ar")).toBe("1\u202f234\u202f567");
    for (const value of [1800, 2500, 5500, 12000, 250000, 1234567]) {
      const text = formatNumber(value, "ar");
      expect(text, String(value)).toMatch(/^[0-9\u202f]+$/);
      expect(Number(text.replace(/\u202f/g, "")), text).toBe(value);
    }
  });

  it("keeps each other locale's own grouping, unambiguous for its readers", () => {
    expect(formatNumber(1800, "en")).toBe("1,800");
    expect(formatNumber(1234567, "en")).toBe("1,234,567");
    expect(formatNumber(1800, "fr")).toBe("1\u202f800");
  });

  it("passes Intl's options on (distances with no decimals)", () => {
    expect(formatNumber(12.6, "ar", { maximumFractionDigits: 0 })).toBe("13");
    expect(formatNumber(12345.6, "ar", { maximumFractionDigits: 0 })).toBe("12\u202f346");
  });
});
