import Variation

extension FunnelLayout {
    /// Names every unit outside the limits where its name touches no limit curve, the overall
    /// line, a marker or another name: next to its marker if there is room, else further out
    /// with a leader line. Units outside 99.8 % are placed first. Names are placed one by one, so
    /// when one finds no place the names that did not fit are tried first in a second round, and
    /// the round leaving fewer out is kept. A name with no free place is left out of the plot and
    /// listed under the legend (``unplaced``).
    mutating func placeLabels(_ plot: FunnelPlot) {
        let outside = plot.findings.indices.filter { plot.findings[$0].position != .within && markers[$0] != nil }
        let order = outside.filter { Self.isFar(plot.findings[$0].position) } + outside.filter { !Self.isFar(plot.findings[$0].position) }
        var (placed, left) = place(order, plot)
        if !left.isEmpty {
            let second = place(left + order.filter { !left.contains($0) }, plot)
            if second.unplaced.count < left.count { (placed, left) = second }
        }
        labels = placed
        unplaced = left.sorted()
    }

    /// Places names in `order`, each where it touches nothing drawn or placed before it.
    private func place(_ order: [Int], _ plot: FunnelPlot) -> (labels: [Label], unplaced: [Int]) {
        let markerBoxes: [LabelBox] = plot.findings.indices.compactMap { i in
            guard let (x, y) = markers[i] else { return nil }
            let r = plot.findings[i].position == .within ? 3.5 : 6.5  // circle, or the largest signal marker
            return LabelBox(minX: x - r, minY: y - r, maxX: x + r, maxY: y + r)
        }
        let overall = [(frame.left, overallY), (frame.right, overallY)]
        let area = plotBox.padded(-1)
        var labels: [Label] = []
        var unplaced: [Int] = []
        for i in order {
            guard let (mx, my) = markers[i] else { continue }
            let text = plot.findings[i].unit.name
            let shape = LabelBox(text: text, x: 0, baseline: 0, size: Self.labelSize)
            let towardsCentre = mx < (frame.left + frame.right) / 2 ? 1.0 : -1.0
            var found: Label?
            search: for gap in [9.0, 16, 24, 34, 46, 60, 76, 95, 120] {
                for box in Self.candidates(shape, marker: (mx, my), gap: gap, outwardUp: my < overallY, towardsCentre: towardsCentre) {
                    let clear = box.padded(1.5)
                    guard box.isInside(area), !curves.contains(where: { clear.crosses(polyline: $0) }), !clear.crosses(polyline: overall),
                        !markerBoxes.contains(where: clear.overlaps), !labels.contains(where: { clear.overlaps($0.box.padded(1)) })
                    else { continue }
                    var leader: (from: (Double, Double), to: (Double, Double))?
                    if gap > 9 {
                        let to = (min(max(mx, box.minX), box.maxX), min(max(my, box.minY), box.maxY))
                        let length = ((to.0 - mx) * (to.0 - mx) + (to.1 - my) * (to.1 - my)).squareRoot()
                        let from = (mx + (to.0 - mx) / length * 7, my + (to.1 - my) / length * 7)
                        // A leader may cross a curve (it is thin and ends at its name) but no other name.
                        if labels.contains(where: { $0.box.crosses(from, to) }) { continue }
                        leader = (from, to)
                    }
                    found = Label(finding: i, text: text, box: box, x: box.minX, baseline: box.minY - shape.minY, leader: leader)
                    break search
                }
            }
            if let found { labels.append(found) } else { unplaced.append(i) }
        }
        return (labels, unplaced)
    }

    static func isFar(_ p: FunnelPlot.Position) -> Bool { p == .above998 || p == .below998 }

    /// Boxes for a label `shape` (its box at the origin) `gap` pixels from the marker, in the order
    /// tried: beside it (towards the plot's middle, then away), above or below it (away from the
    /// overall line first; centred, then ending or starting at the marker), then at the corners.
    static func candidates(_ shape: LabelBox, marker: (Double, Double), gap: Double, outwardUp: Bool, towardsCentre h: Double) -> [LabelBox] {
        let (w, ht) = (shape.width, shape.height)
        let (mx, my) = marker
        let v = outwardUp ? -1.0 : 1.0
        func at(_ cx: Double, _ cy: Double) -> LabelBox { LabelBox(minX: cx - w / 2, minY: cy - ht / 2, maxX: cx + w / 2, maxY: cy + ht / 2) }
        var boxes: [LabelBox] = []
        for dx in [h, -h] { boxes.append(at(mx + dx * (gap + w / 2), my)) }
        for dy in [v, -v] {
            let cy = my + dy * (gap + ht / 2)
            boxes += [at(mx, cy), at(mx + h * (w / 2 - 6), cy), at(mx - h * (w / 2 - 6), cy)]
        }
        for (dx, dy) in [(h, v), (-h, v), (h, -v), (-h, -v)] {
            boxes.append(at(mx + dx * (gap + w / 2), my + dy * (gap + ht / 2)))
        }
        return boxes
    }
}
