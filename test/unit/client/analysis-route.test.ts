import { describe, expect, it } from "vitest";
import { parseAnalysisRoute } from "../../../client/analysis/view.js";

describe("what-if analysis routes", () => {
  it("opens the form from the lobby, from a match with its scenario and variants, and reopens a job by id", () => {
    expect(parseAnalysisRoute("#/analysis")).toEqual({
      page: "new",
      matchId: null,
      scenario: null,
      variants: [],
    });
    expect(parseAnalysisRoute("#/analysis?match=m-1&scenario=wide-front&variants=")).toEqual({
      page: "new",
      matchId: "m-1",
      scenario: "wide-front",
      variants: [],
    });
    expect(
      parseAnalysisRoute("#/analysis?match=m-1&scenario=wide-front&variants=black-sea-open,no-resupply"),
    ).toEqual({
      page: "new",
      matchId: "m-1",
      scenario: "wide-front",
      variants: ["black-sea-open", "no-resupply"],
    });
    expect(parseAnalysisRoute("#/analysis/Ab_3-x")).toEqual({ page: "job", id: "Ab_3-x" });
  });

  it("leaves every other screen's route alone", () => {
    for (const hash of ["#/", "#/history", "#/match/ABCD", "#/analysisx", "#/analysis/a/b"]) {
      expect(parseAnalysisRoute(hash), hash).toBeNull();
    }
  });
});
