import Contracts
import Domain
import Foundation
import Messaging
import PostgresNIO
import RPC
import ServiceRuntime
import Storage
import SwiftProtobuf

/// DefineIndicator, UpdateIndicator, GetIndicator, ListIndicators.
struct IndicatorMethods: Sendable {
    let parts: FollowUpParts

    func register(_ router: inout RPCRouter) {
        router.register("DefineIndicator") { (request: Kunskapsloop_Followup_V1_DefineIndicatorRequest, context) in
            try await define(request, key: context.messageID)
        }
        router.register("UpdateIndicator") { (request: Kunskapsloop_Followup_V1_UpdateIndicatorRequest, context) in
            try await update(request, key: context.messageID)
        }
        router.register("GetIndicator") { (request: Kunskapsloop_Followup_V1_GetIndicatorRequest, _) in
            try await parts.database.read { connection in
                let stored = try await parts.indicator(request.code, field: "code", on: connection)
                var response = Kunskapsloop_Followup_V1_GetIndicatorResponse()
                response.indicator = try await parts.message(stored, on: connection)
                return response
            }
        }
        router.register("ListIndicators") { (request: Kunskapsloop_Followup_V1_ListIndicatorsRequest, _) in
            try await list(request)
        }
    }

    func define(_ request: Kunskapsloop_Followup_V1_DefineIndicatorRequest, key: String?) async throws -> Kunskapsloop_Followup_V1_DefineIndicatorResponse {
        guard request.hasIndicator else { throw RPCError.invalidArgument("indicator is required", field: "indicator") }
        if request.indicator.builtIn { throw RPCError.invalidArgument("built-in indicators are made by the service", field: "indicator.built_in") }
        let indicator = try IndicatorMessage.parse(request.indicator)
        do throws(IndicatorError) { try indicator.validate() } catch { throw IndicatorMessage.rpcError(error) }
        let baseline = Int(request.indicator.baselineLength)
        if baseline != 0 {
            guard baseline >= 2, baseline <= 520 else {
                throw RPCError.invalidArgument("a baseline is 2–520 periods", field: "indicator.baseline_length")
            }
            guard !request.baselineReason.trimmingWhitespaceAndNewlines.isEmpty else {
                throw RPCError.invalidArgument("say why the baseline is frozen (baseline_reason)", field: "baseline_reason")
            }
        }
        let actor = FollowUpParts.actor(request.actor)
        return try await parts.database.idempotent("DefineIndicator", key: key) { tx in
            let now = Date()
            guard try await parts.store.insert(indicator, actor: actor, at: now, on: tx.connection) else {
                throw RPCError.alreadyExists("an indicator with the code \(quoted(indicator.code)) exists", field: "indicator.code")
            }
            if baseline > 0 {
                let decision = ChartDecision(
                    id: UUID().lowercasedString, kind: .baseline, baselineLength: baseline,
                    reason: request.baselineReason, label: "Baslinje", author: actor, decidedAt: now.timeIntervalSince1970)
                try await parts.store.insert(decision, indicatorCode: indicator.code, on: tx.connection)
            }
            let stored = try await parts.indicator(indicator.code, field: "indicator.code", on: tx.connection)
            var response = Kunskapsloop_Followup_V1_DefineIndicatorResponse()
            response.indicator = try await parts.message(stored, on: tx.connection)
            return response
        }
    }

    static let updatable: Set<String> = [
        "name", "definition", "programme_area", "knowledge_support_id", "value_type", "rate_multiplier", "unit_label",
        "direction_of_good", "target", "granularity", "chart_type", "rule_set", "strata", "source", "active",
    ]
    static let builtInUpdatable: Set<String> = ["name", "definition", "target", "chart_type", "rule_set"]

    func update(_ request: Kunskapsloop_Followup_V1_UpdateIndicatorRequest, key: String?) async throws -> Kunskapsloop_Followup_V1_UpdateIndicatorResponse {
        let paths = request.updateMask.paths.isEmpty ? Self.updatable : Set(request.updateMask.paths)
        for path in paths where path == "baseline_length" || path == "decisions" {
            throw RPCError.invalidArgument("\(path) changes only through RecordDecision", field: "update_mask")
        }
        for path in paths where !Self.updatable.contains(path) {
            throw RPCError.invalidArgument("\(quoted(path)) is not a field UpdateIndicator changes", field: "update_mask")
        }
        let m = request.indicator
        let actor = FollowUpParts.actor(request.actor)
        return try await parts.database.idempotent("UpdateIndicator", key: key) { tx in
            let now = Date()
            let stored = try await parts.indicator(m.code, field: "indicator.code", lock: true, on: tx.connection)
            let old = stored.indicator
            var new = old
            if old.builtIn {
                let explicit = Set(request.updateMask.paths)
                if let refused = explicit.subtracting(Self.builtInUpdatable).sorted().first {
                    throw RPCError.invalidArgument(
                        "a built-in indicator takes only name, definition, target, chart_type and rule_set, not \(refused)",
                        field: "update_mask")
                }
            }
            let applied = old.builtIn ? paths.intersection(Self.builtInUpdatable) : paths
            if applied.contains("name") { new.name = m.name }
            if applied.contains("definition") { new.definition = m.definition }
            if applied.contains("programme_area") { new.programmeAreaID = m.hasProgrammeArea && !m.programmeArea.id.isEmpty ? m.programmeArea.id : nil }
            if applied.contains("knowledge_support_id") { new.knowledgeSupportID = m.knowledgeSupportID.isEmpty ? nil : m.knowledgeSupportID.lowercased() }
            if applied.contains("value_type") {
                guard let v = Indicator.ValueType(m.valueType) else { throw RPCError.invalidArgument("value_type is required", field: "indicator.value_type") }
                new.valueType = v
            }
            if applied.contains("rate_multiplier") { new.rateMultiplier = Int(m.rateMultiplier) }
            if applied.contains("unit_label") { new.unitLabel = m.unitLabel }
            if applied.contains("direction_of_good") { new.directionOfGood = DirectionOfGood(m.directionOfGood) }
            if applied.contains("target") { new.target = m.hasTarget ? m.target : nil }
            if applied.contains("granularity") {
                guard let g = Period.Granularity(m.granularity) else {
                    throw RPCError.invalidArgument("granularity is required", field: "indicator.granularity")
                }
                new.granularity = g
            }
            if applied.contains("chart_type") {
                if m.chartType == .unspecified {
                    new.chartType = new.valueType.defaultChart
                } else {
                    guard let c = ChartType(m.chartType) else { throw RPCError.invalidArgument("an unknown chart_type", field: "indicator.chart_type") }
                    new.chartType = c
                }
                if old.builtIn, ![ChartType.p, .pPrime, .run].contains(new.chartType) {
                    throw RPCError.invalidArgument("a built-in indicator is read on a P, P′ or run chart", field: "indicator.chart_type")
                }
            }
            if applied.contains("rule_set") { new.ruleSet = Indicator.RuleSetKind(m.ruleSet) }
            if applied.contains("strata") { new.strata = m.strata.map(\.domain) }
            if applied.contains("source") {
                guard case .reportingSystem(let name)? = m.source.source else {
                    throw RPCError.invalidArgument("source is the name of the reporting system", field: "indicator.source")
                }
                new.source = .reportingSystem(name)
            }
            if applied.contains("active") { new.active = m.active }
            do throws(IndicatorError) { try new.validate() } catch { throw IndicatorMessage.rpcError(error) }
            let hasValues = try await parts.store.hasMeasurements(old.code, on: tx.connection)
            if hasValues {
                if new.valueType != old.valueType {
                    throw RPCError.failedPrecondition("the indicator has measurements; its value type cannot change", field: "indicator.value_type")
                }
                if new.granularity != old.granularity {
                    throw RPCError.failedPrecondition("the indicator has measurements; its granularity cannot change", field: "indicator.granularity")
                }
                if !Indicator.keepsStrata(of: old.strata, in: new.strata) {
                    throw RPCError.failedPrecondition("strata can be added, not removed, once the indicator has measurements", field: "indicator.strata")
                }
            }
            try await parts.store.update(new, actor: actor, at: now, on: tx.connection)
            let readingChanged =
                new.chartType != old.chartType || new.ruleSet != old.ruleSet || new.directionOfGood != old.directionOfGood
                || new.target != old.target || new.strata != old.strata || new.active != old.active || new.rateMultiplier != old.rateMultiplier
            if readingChanged, hasValues {
                let (events, _) = try await parts.reanalysis.run([old.code], cause: .definition("indicator:\(actor)"), at: now, on: tx.connection)
                tx.emit(events)
            }
            let after = try await parts.indicator(old.code, field: "indicator.code", on: tx.connection)
            var response = Kunskapsloop_Followup_V1_UpdateIndicatorResponse()
            response.indicator = try await parts.message(after, on: tx.connection)
            return response
        }
    }

    func list(_ request: Kunskapsloop_Followup_V1_ListIndicatorsRequest) async throws -> Kunskapsloop_Followup_V1_ListIndicatorsResponse {
        let size = try PageCursor<[String]>.size(request.page)
        var unpaged = request
        unpaged.page = .init()
        let fingerprint = PageCursor<[String]>.fingerprint(unpaged)
        let cursor = try PageCursor<[String]>.decode(request.page, fingerprint: fingerprint)
        return try await parts.database.read { connection in
            let (page, total) = try await parts.store.listIndicators(
                areaID: request.programmeAreaID.isEmpty ? nil : request.programmeAreaID,
                supportID: request.knowledgeSupportID.isEmpty ? nil : request.knowledgeSupportID.lowercased(),
                includeInactive: request.includeInactive, excludeBuiltIn: request.excludeBuiltIn, after: cursor?.after, limit: size + 1,
                on: connection)
            var response = Kunskapsloop_Followup_V1_ListIndicatorsResponse()
            for stored in page.prefix(size) { response.indicators.append(try await parts.message(stored, on: connection)) }
            response.page.totalSize = Int64(total)
            if page.count > size, let last = page.prefix(size).last {
                response.page.nextPageToken = PageCursor(request: fingerprint, after: [last.indicator.name, last.indicator.code]).encoded
            }
            return response
        }
    }
}
