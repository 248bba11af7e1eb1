import Domain
import SeededRandom
import Testing
import Variation

@Suite("Properties over seeded random series")
struct PropertyTests {
    static func randomSeries(_ rng: inout SplitMix64) -> [Double] {
        let n = 10 + Int(rng.next() % 60)
        // Small integers make ties with the median common, which is where bugs hide.
        return (0..<n).map { _ in Double(rng.next() % 10) }
    }

    @Test("reversing a series never changes crossings, longest run, or centre")
    func reversal() throws {
        var rng = SplitMix64(seed: 1)
        for _ in 0..<300 {
            let xs = Self.randomSeries(&rng)
            let a = try analyze(values(xs), .run)
            let b = try analyze(values(xs.reversed()), .run)
            #expect(a.phases[0].runs == b.phases[0].runs)
            #expect(a.phases[0].centre == b.phases[0].centre)
        }
    }

    @Test("scaling values by a power of two scales centre and limits exactly and keeps every signal")
    func scalingExact() throws {
        var rng = SplitMix64(seed: 2)
        for _ in 0..<200 {
            let xs = Self.randomSeries(&rng)
            let k = [0.25, 2, 8, 1024][Int(rng.next() % 4)]
            let a = try analyze(values(xs), .i, .makingDataCount)
            let b = try analyze(values(xs.map { $0 * k }), .i, .makingDataCount)
            for (p, q) in zip(a.points, b.points) {
                #expect(q.centre == p.centre * k && q.upperLimit == p.upperLimit.map { $0 * k } && q.lowerLimit == p.lowerLimit.map { $0 * k })
            }
            #expect(a.signals.map(\.pointIndices) == b.signals.map(\.pointIndices))
        }
    }

    @Test("scaling by any positive factor scales centre and limits (to rounding)")
    func scalingAny() throws {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<200 {
            let xs = Self.randomSeries(&rng).map { $0 + rng.unit() }
            let k = 0.01 + 100 * rng.unit()
            for chart in [ChartType.run, .i, .c] {
                let a = try analyze(values(xs), chart)
                let b = try analyze(values(xs.map { $0 * k }), chart)
                #expect(close(b.points[0].centre, a.points[0].centre * k, 1e-9))
                if chart == .i { #expect(close(b.points[0].upperLimit, a.points[0].upperLimit! * k, 1e-9)) }
            }
        }
    }

    @Test("adding a constant moves the i chart's centre and limits by it and keeps sigma")
    func translation() throws {
        var rng = SplitMix64(seed: 4)
        for _ in 0..<200 {
            let xs = Self.randomSeries(&rng)
            let c = Double(rng.next() % 1000) - 500
            let a = try analyze(values(xs), .i)
            let b = try analyze(values(xs.map { $0 + c }), .i)
            #expect(close(b.points[0].centre, a.points[0].centre + c, 1e-9))
            #expect(close(b.points[0].sigma, a.points[0].sigma!, 1e-9))
        }
    }

    @Test("every signal names sorted points of its own phase, and marked points are exactly those named")
    func signalsConsistent() throws {
        var rng = SplitMix64(seed: 5)
        for _ in 0..<200 {
            let xs = Self.randomSeries(&rng)
            let breaks = xs.count > 30 ? [week(xs.count / 2)] : []
            let rules: RuleSet = rng.next() % 2 == 0 ? .anhoj : .makingDataCount
            let a = try analyze(values(xs), .i, rules, good: .higher, breaks: breaks)
            var named = Set<Int>()
            for s in a.signals {
                #expect(s.pointIndices == s.pointIndices.sorted() && !s.pointIndices.isEmpty)
                #expect(s.pointIndices.allSatisfy { a.points[$0].phase == s.phase })
                #expect(s.onset == a.points[s.pointIndices[0]].period)
                named.formUnion(s.pointIndices)
            }
            #expect(Set(a.points.indices.filter { a.points[$0].isSignal }) == named)
        }
    }

    @Test("p chart: multiplying numerators and denominators by 4 keeps p̄ and halves sigma")
    func denominatorScaling() throws {
        var rng = SplitMix64(seed: 6)
        for _ in 0..<100 {
            let pairs = (0..<20).map { _ -> (Double, Double) in
                let n = Double(10 + rng.next() % 90)
                return ((n * rng.unit()).rounded(.down), n)
            }
            let a = try analyze(proportions(pairs), .p)
            let b = try analyze(proportions(pairs.map { ($0.0 * 4, $0.1 * 4) }), .p)
            #expect(close(b.points[0].centre, a.points[0].centre, 1e-12))
            #expect(close(b.points[3].sigma, a.points[3].sigma! / 2, 1e-12))
        }
    }
}
