import Contracts
import SwiftProtobuf

/// Populated `kunskapsloop.followup.v1` messages: every field set to a non-default value.
extension Fixtures {
    /// `kunskapsloop.followup.v1.RuleSet` with every field set.
    static var ruleSet: Kunskapsloop_Followup_V1_RuleSet {
        .with {
            $0.name = "Region Uppsala"
            $0.version = "1"
        }
    }

    /// `kunskapsloop.followup.v1.ChartPoint` with every field set.
    static var chartPoint: Kunskapsloop_Followup_V1_ChartPoint {
        .with {
            $0.period = period
            $0.value = 0.84
            $0.numerator = 42
            $0.denominator = 50
            $0.centre = 0.8
            $0.lowerLimit = 0.62
            $0.upperLimit = 0.97
            $0.phaseIndex = 1
            $0.excluded = true
            $0.inSignal = true
            $0.note = "Ny journalmall från vecka 12"
        }
    }

    /// `kunskapsloop.followup.v1.RunChartStatistics` with every field set.
    static var runChartStatistics: Kunskapsloop_Followup_V1_RunChartStatistics {
        .with {
            $0.usefulObservations = 7
            $0.longestRun = 7
            $0.longestRunLimit = 7
            $0.crossings = 7
            $0.crossingsLimit = 7
            $0.tooFewPoints = true
        }
    }

    /// `kunskapsloop.followup.v1.Phase` with every field set.
    static var phase: Kunskapsloop_Followup_V1_Phase {
        .with {
            $0.index = 14
            $0.firstPeriod = period
            $0.lastPeriod = period
            $0.centre = 0.8
            $0.runChartStatistics = runChartStatistics
            $0.label = "Efter nytt arbetssätt"
        }
    }

    /// `kunskapsloop.followup.v1.Signal` with every field set.
    static var signal: Kunskapsloop_Followup_V1_Signal {
        .with {
            $0.rule = .runChartLongRun
            $0.direction = .improvement
            $0.onsetPeriod = period
            $0.periods = [period, period]
            $0.phaseIndex = 1
        }
    }

    /// `kunskapsloop.followup.v1.Analysis` with every field set.
    static var analysis: Kunskapsloop_Followup_V1_Analysis {
        .with {
            $0.indicatorID = "indicator-1"
            $0.indicatorName = "Andel uppföljda inom 30 dagar"
            $0.organisation = organisationRef
            $0.chartType = .run
            $0.ruleSet = ruleSet
            $0.points = [chartPoint, chartPoint]
            $0.phases = [phase, phase]
            $0.signals = [signal, signal]
            $0.target = 0.9
            $0.targetAssessment = .alwaysMet
            $0.readingSv = "Andelen har minskat tydligt sedan vecka 14 – det är mer än slumpmässig variation."
            $0.chartURL = "https://kunskapsloop.example/charts/hjartsvikt-uppf/uppsala.svg"
            $0.analysedAt = instant
        }
    }

    /// `kunskapsloop.followup.v1.ResponsibleLeader` with every field set.
    static var responsibleLeader: Kunskapsloop_Followup_V1_ResponsibleLeader {
        .with {
            $0.recipientID = "leader-1"
            $0.name = "Region Uppsala"
        }
    }

    /// `kunskapsloop.followup.v1.NextStep` with every field set.
    static var nextStep: Kunskapsloop_Followup_V1_NextStep {
        .with {
            $0.action = "Inför gemensam resultatgenomgång varje månad"
            $0.responsible = responsibleLeader
            $0.dueOn = date
            $0.status = .done
            $0.completedAt = instant
        }
    }

    /// `kunskapsloop.followup.v1.Statement` with every field set.
    static var statement: Kunskapsloop_Followup_V1_Statement {
        .with {
            $0.statementID = "s3"
            $0.text = "Jag förstod äntligen min medicinering."
            $0.currentState = "Vi går igenom resultat en gång per år."
            $0.desiredState = "Vi går igenom resultat varje månad."
            $0.nextStep = nextStep
        }
    }

    /// `kunskapsloop.followup.v1.Assessment` with every field set.
    static var assessment: Kunskapsloop_Followup_V1_Assessment {
        .with {
            $0.id = "0b7c2f1e-5d4a-4c1b-9a57-3f1e2d9c8b01"
            $0.templateID = "kunskapsstyrning-enhet"
            $0.templateVersion = 1
            $0.organisation = organisationRef
            $0.title = "Hjärtsvikt – personcentrerat och sammanhållet vårdförlopp"
            $0.statements = [statement, statement]
            $0.createdBy = "anna.andersson@regionuppsala.se"
            $0.createdAt = instant
            $0.updatedAt = instant
        }
    }

    /// `kunskapsloop.followup.v1.SignalRaised` with every field set.
    static var signalRaised: Kunskapsloop_Followup_V1_SignalRaised {
        .with {
            $0.signalID = "signal-1"
            $0.indicatorID = "indicator-1"
            $0.indicatorName = "Andel uppföljda inom 30 dagar"
            $0.organisation = organisationRef
            $0.organisationAncestorIds = ["se-uppsala", "se-uppsala-akademiska"]
            $0.programmeArea = programmeAreaRef
            $0.knowledgeSupportID = "knowledge-support-1"
            $0.chartType = .run
            $0.signal = signal
            $0.severity = .info
            $0.readingSv = "Andelen har minskat tydligt sedan vecka 14 – det är mer än slumpmässig variation."
            $0.chartURL = "https://kunskapsloop.example/charts/hjartsvikt-uppf/uppsala.svg"
            $0.raisedAt = instant
        }
    }

    /// `kunskapsloop.followup.v1.NextStepOverdue` with every field set.
    static var nextStepOverdue: Kunskapsloop_Followup_V1_NextStepOverdue {
        .with {
            $0.assessmentID = "assessment-1"
            $0.assessmentTitle = "Självskattning hjärtsvikt 2026"
            $0.organisation = organisationRef
            $0.statementID = "s3"
            $0.statementText = "Vi följer regelbundet upp resultat tillsammans med patienterna."
            $0.nextStep = nextStep
            $0.daysOverdue = 5
            $0.assessmentURL = "https://kunskapsloop.example/assessments/1"
            $0.occurredAt = instant
        }
    }

    /// `kunskapsloop.followup.v1.IndicatorSource` with every field set.
    static var indicatorSource: Kunskapsloop_Followup_V1_IndicatorSource {
        .with {
            $0.reportingSystem = "RiksSvikt"
        }
    }

    /// `kunskapsloop.followup.v1.IndicatorSource`: one instance per oneof member.
    static var indicatorSourceVariants: [Kunskapsloop_Followup_V1_IndicatorSource] {
        [
            indicatorSource,
            indicatorSource.changing { $0.feedbackMetric = .helpfulnessShare },
        ]
    }

    /// `kunskapsloop.followup.v1.Indicator` with every field set.
    static var indicator: Kunskapsloop_Followup_V1_Indicator {
        .with {
            $0.id = "0b7c2f1e-5d4a-4c1b-9a57-3f1e2d9c8b01"
            $0.name = "Region Uppsala"
            $0.definition = "Andel patienter med hjärtsvikt som följts upp inom 30 dagar efter utskrivning."
            $0.valueType = .proportion
            $0.direction = .higherIsBetter
            $0.target = 0.9
            $0.chartType = .run
            $0.periodGranularity = .isoWeek
            $0.unitLabel = "%"
            $0.programmeArea = programmeAreaRef
            $0.knowledgeSupportID = "knowledge-support-1"
            $0.source = indicatorSource
            $0.active = true
            $0.createdAt = instant
            $0.updatedAt = instant
        }
    }

    /// `kunskapsloop.followup.v1.Ratio` with every field set.
    static var ratio: Kunskapsloop_Followup_V1_Ratio {
        .with {
            $0.numerator = 42
            $0.denominator = 50
        }
    }

    /// `kunskapsloop.followup.v1.Rate` with every field set.
    static var rate: Kunskapsloop_Followup_V1_Rate {
        .with {
            $0.count = 3
            $0.exposure = 1250.5
        }
    }

    /// `kunskapsloop.followup.v1.Measurement` with every field set.
    static var measurement: Kunskapsloop_Followup_V1_Measurement {
        .with {
            $0.indicatorID = "indicator-1"
            $0.organisationID = "organisation-1"
            $0.period = period
            $0.value = 0.84
            $0.note = "Ny journalmall från vecka 12"
        }
    }

    /// `kunskapsloop.followup.v1.Measurement`: one instance per oneof member.
    static var measurementVariants: [Kunskapsloop_Followup_V1_Measurement] {
        [
            measurement,
            measurement.changing { $0.ratio = ratio },
            measurement.changing { $0.rate = rate },
        ]
    }

    /// `kunskapsloop.followup.v1.MeasurementsReported` with every field set.
    static var measurementsReported: Kunskapsloop_Followup_V1_MeasurementsReported {
        .with {
            $0.batchID = "4f3e2d1c-0b9a-4877-a665-5443322110ff"
            $0.sourceSystem = "1177-web"
            $0.measurements = [measurement, measurement]
            $0.reportedAt = instant
        }
    }

    /// `kunskapsloop.followup.v1.MeasurementProblem` with every field set.
    static var measurementProblem: Kunskapsloop_Followup_V1_MeasurementProblem {
        .with {
            $0.measurementIndex = 2
            $0.reason = .undecodable
            $0.field = "draft.slug"
            $0.messageEn = "rating 7 is outside 1–5"
            $0.messageSv = "betyget 7 ligger utanför 1–5"
        }
    }

    /// `kunskapsloop.followup.v1.MeasurementsRejected` with every field set.
    static var measurementsRejected: Kunskapsloop_Followup_V1_MeasurementsRejected {
        .with {
            $0.batchID = "4f3e2d1c-0b9a-4877-a665-5443322110ff"
            $0.problems = [measurementProblem, measurementProblem]
            $0.acceptedCount = 7
            $0.originalMessageID = "7d1f0c7e-3b55-4bb0-8f5e-1c2d3e4f5a6b"
            $0.sourceAppID = "1177-web"
            $0.rejectedAt = instant
        }
    }
}
