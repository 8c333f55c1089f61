import { describe, expect, it } from "vitest";
import {
  SERVER_TIME,
  formatDate,
  formatDateTime,
  formatDay,
  formatEnd,
  formatRelative,
  formatTimeOfDay,
  formatWindow,
  fromDateTimeLocal,
  toDateTimeLocal,
  zoneId,
  zoneName,
} from "./format-time";

// Fixed instants in winter and summer, so the zones' daylight-saving offsets both show.
const WINTER = "2026-12-01T07:21:09Z";
const SUMMER = "2026-07-01T07:21:09Z";
const london = { locale: "en-GB", timeZone: "Europe/London" };
const newYorkUs = { locale: "en-US", timeZone: "America/New_York" };
const newYorkGb = { locale: "en-GB", timeZone: "America/New_York" };

describe("absolute times name their zone", () => {
  it("writes the server's UTC in day-month-year order", () => {
    expect(formatDateTime(WINTER, SERVER_TIME)).toBe("1 Dec 2026, 07:21 UTC");
    expect(formatDateTime(WINTER, SERVER_TIME, { seconds: true })).toBe("1 Dec 2026, 07:21:09 UTC");
  });

  it("moves to the reader's zone, with the zone's name for that date", () => {
    expect(formatDateTime(WINTER, london)).toBe("1 Dec 2026, 07:21 GMT");
    expect(formatDateTime(SUMMER, london)).toBe("1 Jul 2026, 08:21 BST");
    expect(formatDateTime(WINTER, newYorkGb)).toBe("1 Dec 2026, 02:21 GMT-5");
  });

  it("follows the reader's locale for order and clock", () => {
    expect(formatDateTime(WINTER, newYorkUs)).toBe("Dec 1, 2026, 2:21 AM EST");
    expect(formatDateTime(SUMMER, newYorkUs)).toBe("Jul 1, 2026, 3:21 AM EDT");
    expect(formatDateTime(WINTER, { locale: "de-DE", timeZone: "Europe/Berlin" })).toBe("1. Dez. 2026, 08:21 MEZ");
  });

  it("writes a day in the reader's zone, which can be another day than UTC's", () => {
    expect(formatDate("2026-12-01T02:00:00Z", london)).toBe("1 Dec 2026");
    expect(formatDate("2026-12-01T02:00:00Z", newYorkGb)).toBe("30 Nov 2026");
  });

  it("writes a time of day with its zone", () => {
    expect(formatTimeOfDay(WINTER, london)).toBe("07:21 GMT");
    expect(formatTimeOfDay(WINTER, newYorkUs)).toBe("2:21 AM EST");
  });

  it("writes a UTC calendar day without moving it to the reader's zone", () => {
    expect(formatDay("2026-12-01", { locale: "en-GB" })).toBe("1 Dec");
    expect(formatDay("2026-12-01", { locale: "en-US" })).toBe("Dec 1");
  });

  it("names zones for labels", () => {
    expect(zoneName(london, WINTER)).toBe("GMT");
    expect(zoneName(london, SUMMER)).toBe("BST");
    expect(zoneName(newYorkUs, SUMMER)).toBe("EDT");
    expect(zoneName(SERVER_TIME)).toBe("UTC");
    expect(zoneId(newYorkUs)).toBe("America/New_York");
  });
});

describe("relative times", () => {
  const now = "2026-12-01T07:21:00Z";
  it.each([
    ["2026-12-01T11:10:00Z", "in 3 h 49 min"],
    ["2026-12-01T07:09:00Z", "12 min ago"],
    ["2026-12-01T09:21:00Z", "in 2 h"],
    ["2026-12-03T11:21:00Z", "in 2 d 4 h"],
    ["2026-11-28T07:21:00Z", "3 d ago"],
    ["2026-12-01T07:21:45Z", "in 45 s"],
    ["2026-12-01T07:20:59Z", "1 s ago"],
    ["2026-12-01T07:21:00Z", "now"],
  ])("%s is %s", (at, text) => {
    expect(formatRelative(at, now)).toBe(text);
  });

  it("rounds down, so a countdown never claims more than is left", () => {
    expect(formatRelative("2026-12-01T08:20:59Z", now)).toBe("in 59 min");
  });
});

describe("datetime-local fields", () => {
  it("show an instant as the wall clock of a zone", () => {
    expect(toDateTimeLocal(WINTER, "Europe/London")).toBe("2026-12-01T07:21");
    expect(toDateTimeLocal(SUMMER, "Europe/London")).toBe("2026-07-01T08:21");
    expect(toDateTimeLocal(WINTER, "America/New_York")).toBe("2026-12-01T02:21");
    expect(toDateTimeLocal(WINTER, "UTC")).toBe("2026-12-01T07:21");
  });

  it("read the wall clock of a zone back as the instant", () => {
    expect(fromDateTimeLocal("2026-12-01T07:21", "Europe/London")).toBe("2026-12-01T07:21:00Z");
    expect(fromDateTimeLocal("2026-07-01T08:21", "Europe/London")).toBe("2026-07-01T07:21:00Z");
    expect(fromDateTimeLocal("2026-12-01T02:21", "America/New_York")).toBe("2026-12-01T07:21:00Z");
    expect(fromDateTimeLocal("2026-12-01T07:21:30", "UTC")).toBe("2026-12-01T07:21:30Z");
  });

  it("round-trip every hour across a year in both zones", () => {
    for (const timeZone of ["Europe/London", "America/New_York"]) {
      for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 3_600_000) {
        const iso = new Date(ms).toISOString().replace(".000Z", "Z");
        const wall = toDateTimeLocal(iso, timeZone);
        // In the autumn hour the clock passes twice, the wall time means the first of the two.
        const back = fromDateTimeLocal(wall, timeZone)!;
        expect(toDateTimeLocal(back, timeZone)).toBe(wall);
        expect(Date.parse(back)).toBeLessThanOrEqual(ms);
      }
    }
  });

  it("move a time the clocks skip on by the gap, and take the first of a time they pass twice", () => {
    // London springs forward at 01:00 GMT on 29 March 2026; falls back at 02:00 BST on 25 October.
    expect(fromDateTimeLocal("2026-03-29T01:30", "Europe/London")).toBe("2026-03-29T01:30:00Z");
    expect(toDateTimeLocal("2026-03-29T01:30:00Z", "Europe/London")).toBe("2026-03-29T02:30");
    expect(fromDateTimeLocal("2026-10-25T01:30", "Europe/London")).toBe("2026-10-25T00:30:00Z");
  });

  it("refuse what is not a datetime-local value", () => {
    expect(fromDateTimeLocal("yesterday", "UTC")).toBeNull();
    expect(fromDateTimeLocal("2026-13-45T00:00", "UTC")).toBeNull();
    expect(fromDateTimeLocal("2026-02-30T10:00", "Europe/London")).toBeNull();
  });
});

describe("windows", () => {
  const london = { locale: "en-GB", timeZone: "UTC" };
  it("writes a window within one day with the day once, and across days in full", () => {
    expect(formatWindow("2026-12-01T09:00:00Z", "2026-12-01T13:00:00Z", london)).toBe("1 Dec 2026, 09:00–13:00 UTC");
    // ICU separates the meridiem and the range with narrow and thin spaces: read them as plain spaces.
    const spaced = (text: string) => text.replace(/[\u202f\u2009]/g, " ");
    expect(spaced(formatWindow("2026-12-01T09:00:00Z", "2026-12-02T01:00:00Z", { locale: "en-US", timeZone: "America/New_York" }))).toBe(
      "Dec 1, 2026, 4:00 AM – 8:00 PM EST",
    );
  });

  it("shortens an end to its time of day only when it falls on the day of what it follows", () => {
    expect(formatEnd("2026-12-01T15:00:00Z", "2026-12-01T13:00:00Z", london)).toBe("15:00 UTC");
    expect(formatEnd("2026-12-02T01:00:00Z", "2026-12-01T13:00:00Z", london)).toBe("2 Dec 2026, 01:00 UTC");
    expect(formatEnd("2026-12-02T01:00:00Z", null, london)).toBe("2 Dec 2026, 01:00 UTC");
  });
});
