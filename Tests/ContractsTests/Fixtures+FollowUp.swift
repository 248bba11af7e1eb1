import Contracts
import SwiftProtobuf

/// Populated `kunskapsloop.followup.v1` messages of indicators, strata, decisions and
/// measurements: every field set to a non-default value.
extension Fixtures {
    /// `kunskapsloop.followup.v1.Stratum` with every field set.
    static var stratum: Kunskapsloop_Followup_V1_Stratum {
        .with {
            $0.dimension = "kon"
            $0.value = "kvinnor"
        }
    }

    /// `kunskapsloop.followup.v1.SeriesStratum` with every field set (an equity gap).
    static var seriesStratum: Kunskapsloop_Followup_V1_SeriesStratum {
        .with {
            $0.stratum = stratum
            $0.gapReferenceValue = "man"
            $0.label = "Kvinnor − män"
        }
    }

    /// `kunskapsloop.followup.v1.StratumValue` with every field set.
    static var stratumValue: Kunskapsloop_Followup_V1_StratumValue {
        .with {
            $0.code = "kvinnor"
            $0.name = "Kvinnor"
        }
    }

    /// `kunskapsloop.followup.v1.StratumDimension` with every field set.
    static var stratumDimension: Kunskapsloop_Followup_V1_StratumDimension {
        .with {
            $0.code = "kon"
            $0.name = "Kön"
            $0.values = [
                stratumValue,
                .with {
                    $0.code = "man"
                    $0.name = "Män"
                },
            ]
            $0.gapReferenceValue = "man"
        }
    }

    /// `kunskapsloop.followup.v1.IndicatorSource` with every field set.
    static var indicatorSource: Kunskapsloop_Followup_V1_IndicatorSource {
        .with {
            $0.reportingSystem = "Riksregistret för hjärtsvikt (RiksSvikt)"
        }
    }

    /// `kunskapsloop.followup.v1.IndicatorSource`: one instance per oneof member.
    static var indicatorSourceVariants: [Kunskapsloop_Followup_V1_IndicatorSource] {
        [
            indicatorSource,
            indicatorSource.changing { $0.feedbackMetric = .helpfulnessShare },
        ]
    }

    /// `kunskapsloop.followup.v1.IndicatorRef` with every field set.
    static var indicatorRef: Kunskapsloop_Followup_V1_IndicatorRef {
        .with {
            $0.code = "hjartsvikt-uppfoljning-30d"
            $0.name = "Andel patienter med uppföljning inom 30 dagar"
        }
    }

    /// `kunskapsloop.followup.v1.Decision` with every field set.
    static var decision: Kunskapsloop_Followup_V1_Decision {
        .with {
            $0.id = "5a1d7c3e-2b4f-4e6a-8c9d-0e1f2a3b4c5d"
            $0.kind = .phaseBreak
            $0.organisation = organisationRef
            $0.period = period
            $0.baselineLength = 12
            $0.withdrawnDecisionID = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"
            $0.reason = "Nytt arbetssätt med sjuksköterskeledd uppföljning från vecka 14"
            $0.label = "Nytt arbetssätt"
            $0.author = "anna.andersson@regionuppsala.se"
            $0.decidedAt = instant
            $0.withdrawnByDecisionID = "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e"
        }
    }

    /// `kunskapsloop.followup.v1.Indicator` with every field set.
    static var indicator: Kunskapsloop_Followup_V1_Indicator {
        .with {
            $0.code = "hjartsvikt-uppfoljning-30d"
            $0.name = "Andel patienter med uppföljning inom 30 dagar"
            $0.definition = "Andel patienter med hjärtsvikt som följts upp inom 30 dagar efter utskrivning."
            $0.programmeArea = programmeAreaRef
            $0.knowledgeSupportID = "knowledge-support-1"
            $0.knowledgeSupportTitle = "Hjärtsvikt – personcentrerat och sammanhållet vårdförlopp"
            $0.valueType = .rate
            $0.rateMultiplier = 1000
            $0.unitLabel = "per 1 000 vårddagar"
            $0.directionOfGood = .higher
            $0.target = 0.9
            $0.granularity = .month
            $0.chartType = .pPrime
            $0.ruleSet = .nhs
            $0.baselineLength = 12
            $0.strata = [stratumDimension, stratumDimension]
            $0.source = indicatorSource
            $0.builtIn = true
            $0.active = true
            $0.decisions = [decision, decision]
            $0.createdAt = instant
            $0.updatedAt = instant
            $0.updatedBy = "anna.andersson@regionuppsala.se"
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
            $0.indicatorCode = "hjartsvikt-uppfoljning-30d"
            $0.organisationID = "se-uppsala-akademiska"
            $0.period = month
            $0.stratum = stratum
            $0.ratio = ratio
            $0.note = "Ny journalmall från vecka 12"
        }
    }

    /// `kunskapsloop.followup.v1.Measurement`: one instance per oneof member.
    static var measurementVariants: [Kunskapsloop_Followup_V1_Measurement] {
        [
            measurement,
            measurement.changing { $0.rate = rate },
            measurement.changing { $0.count = 17 },
            measurement.changing { $0.value = 12.5 },
        ]
    }

    /// `kunskapsloop.followup.v1.MeasurementsReported` with every field set.
    static var measurementsReported: Kunskapsloop_Followup_V1_MeasurementsReported {
        .with {
            $0.batchID = "4f3e2d1c-0b9a-4877-a665-5443322110ff"
            $0.sourceSystem = "RiksSvikt"
            $0.measurements = [measurement, measurement.changing { $0.organisationID = "se-uppsala-enkoping" }]
            $0.reportedAt = instant
        }
    }

    /// `kunskapsloop.followup.v1.MeasurementProblem` with every field set.
    static var measurementProblem: Kunskapsloop_Followup_V1_MeasurementProblem {
        .with {
            $0.measurementIndex = 2
            $0.reason = .numeratorAboveDenominator
            $0.field = "ratio.numerator"
            $0.messageEn = "numerator 51 is above denominator 50"
            $0.messageSv = "täljaren 51 är större än nämnaren 50"
            $0.measurement = measurement
        }
    }

    /// `kunskapsloop.followup.v1.MeasurementsRejected` with every field set.
    static var measurementsRejected: Kunskapsloop_Followup_V1_MeasurementsRejected {
        .with {
            $0.batchID = "4f3e2d1c-0b9a-4877-a665-5443322110ff"
            $0.sourceSystem = "RiksSvikt"
            $0.problems = [measurementProblem, measurementProblem]
            $0.measurementCount = 9
            $0.acceptedCount = 7
            $0.originalMessageID = "7d1f0c7e-3b55-4bb0-8f5e-1c2d3e4f5a6b"
            $0.sourceAppID = "rikssvikt-export"
            $0.originalType = "kunskapsloop.followup.v1.MeasurementsReported"
            $0.rejectedAt = instant
        }
    }
}
