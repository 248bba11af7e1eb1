import Contracts
import SwiftProtobuf

/// Populated `kunskapsloop.common.v1` messages: every field set to a non-default value.
extension Fixtures {
    /// `kunskapsloop.common.v1.Date` with every field set.
    static var date: Kunskapsloop_Common_V1_Date {
        .with {
            $0.year = 2026
            $0.month = 3
            $0.day = 14
        }
    }

    /// `kunskapsloop.common.v1.ErrorDetail` with every field set.
    static var errorDetail: Kunskapsloop_Common_V1_ErrorDetail {
        .with {
            $0.code = .notFound
            $0.message = "knowledge support 42 was not found"
            $0.field = "draft.slug"
        }
    }

    /// `kunskapsloop.common.v1.OrganisationRef` with every field set.
    static var organisationRef: Kunskapsloop_Common_V1_OrganisationRef {
        .with {
            $0.id = "se-uppsala"
            $0.name = "Region Uppsala"
            $0.level = .region
        }
    }

    /// `kunskapsloop.common.v1.PageRequest` with every field set.
    static var pageRequest: Kunskapsloop_Common_V1_PageRequest {
        .with {
            $0.pageSize = 25
            $0.pageToken = "opaque-token-1"
        }
    }

    /// `kunskapsloop.common.v1.PageResult` with every field set.
    static var pageResult: Kunskapsloop_Common_V1_PageResult {
        .with {
            $0.nextPageToken = "opaque-token-2"
            $0.totalSize = 120
            $0.totalSizeIsEstimate = true
        }
    }

    /// `kunskapsloop.common.v1.Period` with every field set.
    static var period: Kunskapsloop_Common_V1_Period {
        .with {
            $0.granularity = .isoWeek
            $0.year = 2026
            $0.index = 14
        }
    }

    /// A month, beside the ISO week `period`.
    static var month: Kunskapsloop_Common_V1_Period {
        .with {
            $0.granularity = .month
            $0.year = 2026
            $0.index = 4
        }
    }

    /// `kunskapsloop.common.v1.PeriodRange` with every field set.
    static var periodRange: Kunskapsloop_Common_V1_PeriodRange {
        .with {
            $0.first = period
            $0.last = period.changing { $0.index = 26 }
        }
    }

    /// `kunskapsloop.common.v1.ProgrammeAreaRef` with every field set.
    static var programmeAreaRef: Kunskapsloop_Common_V1_ProgrammeAreaRef {
        .with {
            $0.id = "npo-hjarta-karl"
            $0.name = "Hjärt- och kärlsjukdomar"
        }
    }
}
