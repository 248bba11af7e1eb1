import Contracts
import SwiftProtobuf

/// Populated `kunskapsloop.followup.v1` messages of analyses, signals and comparisons, and the
/// signal events: every field set to a non-default value.
extension Fixtures {
    /// `kunskapsloop.followup.v1.RuleSet` with every field set (NHS Making Data Count).
    static var ruleSet: Kunskapsloop_Followup_V1_RuleSet {
        .with {
            $0.kind = .nhs
            $0.name = "NHS Making Data Count"
            $0.version = "2019.1"
            $0.pointBeyondLimits = true
            $0.shiftLength = 7
            $0.fewCrossings = true
            $0.trendLength = 6
            $0.twoOfThreeBeyondTwoSigma = true
            $0.targetMissLength = 3
            $0.minimumUsefulPoints = 1
        }
    }

    /// `kunskapsloop.followup.v1.ChartPoint` with every field set.
    static var chartPoint: Kunskapsloop_Followup_V1_ChartPoint {
        .with {
            $0.period = period
            $0.value = 0.84
            $0.numerator = 42
            $0.denominator = 50
            $0.origin = .aggregated
            $0.exclusion = .zeroDenominator
            $0.contributorCount = 14
            $0.expectedContributorCount = 17
            $0.partial = true
            $0.centre = 0.8
            $0.sigma = 0.057
            $0.lowerLimit = 0.63
            $0.upperLimit = 0.97
            $0.phaseIndex = 1
            $0.inBaseline = true
            $0.inSignal = true
            $0.note = "Ny journalmall från vecka 12"
            $0.revision = 2
            $0.reportedBy = "RiksSvikt"
            $0.reportedAt = instant
        }
    }

    /// `kunskapsloop.followup.v1.RunChartStatistics` with every field set.
    static var runChartStatistics: Kunskapsloop_Followup_V1_RunChartStatistics {
        .with {
            $0.usefulObservations = 24
            $0.longestRun = 9
            $0.longestRunLimit = 8
            $0.crossings = 6
            $0.crossingsLimit = 8
            $0.tooFewPoints = true
        }
    }

    /// `kunskapsloop.followup.v1.Phase` with every field set.
    static var phase: Kunskapsloop_Followup_V1_Phase {
        .with {
            $0.index = 1
            $0.firstPeriod = period
            $0.lastPeriod = period.changing { $0.index = 26 }
            $0.centre = 0.8
            $0.baselineFirstPeriod = period
            $0.baselineLastPeriod = period.changing { $0.index = 25 }
            $0.baselineFrozen = true
            $0.runChartStatistics = runChartStatistics
            $0.noLimitsReason = .noMovingRange
            $0.phaseBreakDecisionID = "5a1d7c3e-2b4f-4e6a-8c9d-0e1f2a3b4c5d"
            $0.baselineDecisionID = "6b2e8d4f-3c5a-4f7b-9d0e-1f2a3b4c5d6e"
            $0.label = "Nytt arbetssätt"
        }
    }

    /// `kunskapsloop.followup.v1.SignalChange` with every field set.
    static var signalChange: Kunskapsloop_Followup_V1_SignalChange {
        .with {
            $0.kind = .closed
            $0.occurredAt = instant
            $0.lastPeriod = period
            $0.closeReason = .dataRevised
            $0.cause = "batch:4f3e2d1c-0b9a-4877-a665-5443322110ff"
        }
    }

    /// `kunskapsloop.followup.v1.Signal` with every field set.
    static var signal: Kunskapsloop_Followup_V1_Signal {
        .with {
            $0.id = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"
            $0.indicator = indicatorRef
            $0.organisation = organisationRef
            $0.stratum = seriesStratum
            $0.rule = .shift
            $0.side = .below
            $0.direction = .deterioration
            $0.severity = .warning
            $0.status = .closed
            $0.onsetPeriod = period
            $0.lastPeriod = period.changing { $0.index = 20 }
            $0.periods = [period, period.changing { $0.index = 20 }]
            $0.phaseIndex = 1
            $0.comparisonParent = organisationRef
            $0.ruleSet = .nhs
            $0.ruleSetVersion = "2019.1"
            $0.readingSv = "Andelen har sjunkit tydligt sedan vecka 14 – mer än slumpmässig variation."
            $0.pageURL = "https://kunskapsloop.example/uppfoljning/hjartsvikt-uppfoljning-30d/se-uppsala"
            $0.closeReason = .dataRevised
            $0.closeReadingSv = "Signalen försvann när värdet för vecka 14 rättades."
            $0.raisedAt = instant
            $0.updatedAt = instant
            $0.closedAt = instant
            $0.history = [signalChange, signalChange]
        }
    }

    /// `kunskapsloop.followup.v1.AdoptionSummary` with every field set.
    static var adoptionSummary: Kunskapsloop_Followup_V1_AdoptionSummary {
        .with {
            $0.knowledgeSupportID = "knowledge-support-1"
            $0.unitCount = 17
            $0.adoptedCount = 11
            $0.plannedCount = 4
            $0.notApplicableCount = 1
            $0.asOf = instant
        }
    }

    /// `kunskapsloop.followup.v1.Analysis` with every field set.
    static var analysis: Kunskapsloop_Followup_V1_Analysis {
        .with {
            $0.indicator = indicator
            $0.organisation = organisationRef
            $0.stratum = seriesStratum
            $0.chartType = .i
            $0.ruleSet = ruleSet
            $0.points = [chartPoint, chartPoint]
            $0.phases = [phase, phase]
            $0.signals = [signal, signal]
            $0.decisions = [decision, decision]
            $0.status = .concern
            $0.statusSide = .below
            $0.targetAssessment = .sometimesMet
            $0.readingSv = "Andelen har minskat tydligt sedan vecka 14 – det är mer än slumpmässig variation."
            $0.pageURL = "https://kunskapsloop.example/uppfoljning/hjartsvikt-uppfoljning-30d/se-uppsala"
            $0.adoption = adoptionSummary
            $0.revision = 42
            $0.analysedAt = instant
        }
    }

    /// `kunskapsloop.followup.v1.FunnelUnit` with every field set.
    static var funnelUnit: Kunskapsloop_Followup_V1_FunnelUnit {
        .with {
            $0.organisation = organisationRef
            $0.origin = .aggregated
            $0.partial = true
            $0.proportion = 0.62
            $0.numerator = 310
            $0.denominator = 500
            $0.lowerLimit95 = 0.7
            $0.upperLimit95 = 0.86
            $0.lowerLimit998 = 0.66
            $0.upperLimit998 = 0.9
            $0.position = .below998
            $0.direction = .deterioration
            $0.signalID = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"
        }
    }

    /// `kunskapsloop.followup.v1.Comparison` with every field set.
    static var comparison: Kunskapsloop_Followup_V1_Comparison {
        .with {
            $0.indicator = indicatorRef
            $0.parent = organisationRef.changing {
                $0.id = "se"
                $0.name = "Sverige"
                $0.level = .national
            }
            $0.comparedLevel = .region
            $0.stratum = seriesStratum
            $0.period = month
            $0.method = .normalOverdispersed
            $0.overallProportion = 0.78
            $0.overdispersionFactor = 2.4
            $0.units = [funnelUnit, funnelUnit]
            $0.pageURL = "https://kunskapsloop.example/uppfoljning/hjartsvikt-uppfoljning-30d/jamforelse/se"
            $0.comparedAt = instant
        }
    }

    /// `kunskapsloop.followup.v1.SignalRaised` with every field set.
    static var signalRaised: Kunskapsloop_Followup_V1_SignalRaised {
        .with {
            $0.signal = signal
            $0.organisationAncestorIds = ["se", "se-mellansverige"]
            $0.programmeArea = programmeAreaRef
            $0.knowledgeSupportID = "knowledge-support-1"
            $0.knowledgeSupportTitle = "Hjärtsvikt – personcentrerat och sammanhållet vårdförlopp"
            $0.reopened = true
            $0.occurredAt = instant
        }
    }

    /// `kunskapsloop.followup.v1.SignalClosed` with every field set.
    static var signalClosed: Kunskapsloop_Followup_V1_SignalClosed {
        .with {
            $0.signal = signal
            $0.organisationAncestorIds = ["se", "se-mellansverige"]
            $0.programmeArea = programmeAreaRef
            $0.knowledgeSupportID = "knowledge-support-1"
            $0.knowledgeSupportTitle = "Hjärtsvikt – personcentrerat och sammanhållet vårdförlopp"
            $0.occurredAt = instant
        }
    }
}
