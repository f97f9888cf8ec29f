import { describe, expect, it } from "vitest";
import { CHINA_PUBLIC_HOLIDAYS, chinaDate, parseOffPeakDays } from "./holidays";

describe("China's public holidays", () => {
  it("lists every day of each 2026 break, and only those", () => {
    expect(CHINA_PUBLIC_HOLIDAYS.size).toBe(3 + 9 + 3 + 5 + 3 + 3 + 7);
    for (const day of ["2026-01-01", "2026-02-15", "2026-02-23", "2026-05-05", "2026-10-01", "2026-10-07"]) {
      expect(CHINA_PUBLIC_HOLIDAYS.has(day), day).toBe(true);
    }
    // Days next to a break.
    for (const day of ["2026-01-04", "2026-02-14", "2026-02-24", "2026-09-30", "2026-10-08", "2026-10-10"]) {
      expect(CHINA_PUBLIC_HOLIDAYS.has(day), day).toBe(false);
    }
  });

  it("dates an instant by the calendar in China (UTC+8)", () => {
    expect(chinaDate(new Date("2026-09-30T15:59:00Z"))).toBe("2026-09-30");
    expect(chinaDate(new Date("2026-09-30T16:00:00Z"))).toBe("2026-10-01");
    // Peak hours (01:00-10:00 UTC) fall on the same date in both zones.
    expect(chinaDate(new Date("2026-10-01T01:00:00Z"))).toBe("2026-10-01");
    expect(chinaDate(new Date("2026-10-01T09:59:00Z"))).toBe("2026-10-01");
  });
});

describe("the OFF_PEAK_DAYS setting", () => {
  it("reads comma-separated dates, spaces allowed", () => {
    expect(parseOffPeakDays("2027-01-01, 2027-02-06 ,2027-02-07", "OFF_PEAK_DAYS")).toEqual(
      new Set(["2027-01-01", "2027-02-06", "2027-02-07"]),
    );
  });

  it("rejects anything but real YYYY-MM-DD dates, by name", () => {
    for (const bad of ["2027-1-1", "01/10/2027", "2026-02-30", "2026-13-01", "2026-10-01..2026-10-07"]) {
      expect(() => parseOffPeakDays(`2027-01-01,${bad}`, "OFF_PEAK_DAYS"), bad).toThrow(/OFF_PEAK_DAYS/);
    }
  });
});
