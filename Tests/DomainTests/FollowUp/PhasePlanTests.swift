import Domain
import Testing

@Suite("Decisions: phases and baselines per series, withdrawals, checks")
struct PhasePlanTests {
    static let months = (1...24).map { try! Period.month(2025 + ($0 - 1) / 12, ($0 - 1) % 12 + 1) }
    static let indicator = Indicator(code: "andel", name: "Andel", valueType: .proportion, granularity: .month)

    static func decision(
        _ id: String, _ kind: ChartDecision.Kind, org: String? = nil, month: Int? = nil, length: Int = 0, at: Double,
        withdrawing: String? = nil
    ) -> ChartDecision {
        ChartDecision(
            id: id, kind: kind, organisationID: org, period: month.map { months[$0] }, baselineLength: length,
            withdrawnDecisionID: withdrawing, reason: "skäl", author: "anna", decidedAt: at)
    }

    @Test("phase breaks within the series start phases; those outside do not")
    func breaks() {
        let plan = PhasePlan(
            decisions: [
                Self.decision("a", .phaseBreak, month: 6, at: 1), Self.decision("b", .phaseBreak, month: 20, at: 2),
                Self.decision("c", .phaseBreak, month: 0, at: 3),
            ],
            organisationID: "SE", first: Self.months[0], last: Self.months[11])
        #expect(plan.phases.map(\.start) == [Self.months[0], Self.months[6]])
        #expect(plan.phases[1].breakDecision?.id == "a")
    }

    @Test("decisions for another organisation and withdrawn ones do not apply")
    func scope() {
        var withdrawn = Self.decision("w", .phaseBreak, month: 4, at: 1)
        withdrawn.withdrawnByDecisionID = "x"
        let plan = PhasePlan(
            decisions: [
                withdrawn, Self.decision("o", .phaseBreak, org: "SE-12", month: 5, at: 2),
                Self.decision("m", .phaseBreak, org: "SE-03", month: 7, at: 3),
            ],
            organisationID: "SE-03", first: Self.months[0], last: Self.months[11])
        #expect(plan.phases.map(\.start) == [Self.months[0], Self.months[7]])
    }

    @Test("a baseline applies to the phases starting at or after its period; a later one takes over; 0 stops freezing")
    func baselines() {
        let decisions = [
            Self.decision("b0", .baseline, length: 6, at: 1),
            Self.decision("p1", .phaseBreak, month: 8, at: 2),
            Self.decision("p2", .phaseBreak, month: 14, at: 3),
            Self.decision("b1", .baseline, month: 14, length: 0, at: 4),
            Self.decision("p3", .phaseBreak, month: 18, at: 5),
            Self.decision("b2", .baseline, month: 17, length: 4, at: 6),
        ]
        let plan = PhasePlan(decisions: decisions, organisationID: "SE", first: Self.months[0], last: Self.months[23])
        #expect(plan.phases.map(\.baselineLength) == [6, 6, nil, 4])
        #expect(plan.phases.map { $0.baselineDecision?.id } == ["b0", "b0", nil, "b2"])
    }

    @Test("checks: reason, period granularity, duplicate breaks, withdrawals")
    func checks() throws {
        let existing = [Self.decision("a", .phaseBreak, month: 6, at: 1)]
        func refused(_ d: ChartDecision) -> String? {
            do {
                try d.validate(indicator: Self.indicator, existing: existing)
                return nil
            } catch { return error.field }
        }
        #expect(refused(ChartDecision(id: "x", kind: .phaseBreak, period: Self.months[3], reason: " ", author: "a", decidedAt: 0)) == "decision.reason")
        #expect(refused(ChartDecision(id: "x", kind: .phaseBreak, reason: "r", author: "a", decidedAt: 0)) == "decision.period")
        #expect(
            refused(ChartDecision(id: "x", kind: .phaseBreak, period: try Period.isoWeek(2025, 3), reason: "r", author: "a", decidedAt: 0)) == "decision.period"
        )
        #expect(refused(Self.decision("x", .phaseBreak, month: 6, at: 2)) == "decision.period")
        #expect(refused(Self.decision("x", .phaseBreak, org: "SE-03", month: 6, at: 2)) == nil)
        #expect(refused(Self.decision("x", .baseline, length: 1, at: 2)) == "decision.baseline_length")
        #expect(refused(Self.decision("x", .withdrawal, at: 2, withdrawing: "nope")) == "decision.withdrawn_decision_id")
        #expect(refused(Self.decision("x", .withdrawal, at: 2, withdrawing: "a")) == nil)
        #expect(Self.decision("x", .phaseBreak, at: 0).displayLabel == "Ny fas")
    }
}

@Suite("Next steps: checks and when they are overdue")
struct NextStepTests {
    static let due = try! CivilDate(year: 2026, month: 6, day: 30)

    @Test("overdue from the day after the due date, open steps only")
    func overdue() throws {
        var step = NextStep(action: "Bilda en styrgrupp", responsibleEmail: "anna@region.se", dueOn: Self.due)
        #expect(step.daysOverdue(on: Self.due) == nil)
        #expect(step.daysOverdue(on: Self.due.adding(days: -3)) == nil)
        #expect(step.daysOverdue(on: Self.due.adding(days: 1)) == 1)
        #expect(step.daysOverdue(on: Self.due.adding(days: 9)) == 9)
        step.status = .done
        #expect(step.daysOverdue(on: Self.due.adding(days: 9)) == nil)
    }

    @Test(
        "a step needs an action and a responsible e-mail, and is not marked done by filling in",
        arguments: [
            ("", "anna@region.se", NextStep.Status.open, "next_step.action"),
            ("Gör", "anna", .open, "next_step.responsible.email"),
            ("Gör", "anna@region", .open, "next_step.responsible.email"),
            ("Gör", "an na@region.se", .open, "next_step.responsible.email"),
            ("Gör", "anna@region.se", .done, "next_step.status"),
        ])
    func refused(action: String, email: String, status: NextStep.Status, field: String) {
        do {
            try NextStep(action: action, responsibleEmail: email, dueOn: Self.due, status: status).validate()
            Issue.record("accepted")
        } catch {
            #expect(error.field == field)
        }
    }
}
