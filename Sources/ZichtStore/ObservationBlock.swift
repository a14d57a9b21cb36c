import Foundation
import ZichtCore

/// The packed form of observations of one series: one row of the snapshot's `observationBlock`
/// table holds up to ``maxCount`` of them, for any regions and periods, in the order they were
/// imported.
///
/// Layout of the `data` blob for `n` observations (all little-endian, no padding):
///
/// | bytes | what |
/// | --- | --- |
/// | 1 | format, 1 |
/// | 4 × n | the region, as the `id` of its `regionKey` row (`Int32`) |
/// | 4 × n | the period's ``Period/sortKey`` (`Int32`) |
/// | 8 × n | the value as an IEEE 754 binary64 bit pattern (0 when there is no number) |
/// | 1 × n | the status: 0 number, 1 unknown (`.`), 2 empty |
///
/// Packing many observations in one row instead of one row each is what makes an import fast:
/// SQLite's cost is mostly per row (building the record, inserting it in the B-tree, keeping the
/// index up to date), and queries always ask for whole series.
enum ObservationBlock {
    static let format: UInt8 = 1
    /// The most observations one block holds; a longer series takes several rows.
    static let maxCount = 4096

    static func byteCount(_ count: Int) -> Int { 1 + 17 * count }

    /// The stored status of a value.
    static func status(_ value: ObservedValue) -> UInt8 {
        switch value {
        case .number: 0
        case .unknown: 1
        case .empty: 2
        }
    }

    /// One decoded observation.
    struct Entry {
        var region: Int32
        var period: Int32
        var value: ObservedValue
    }

    /// A block that does not decode: only a damaged file, or one written by a newer Zicht, has one.
    struct Damaged: DiagnosticConvertible, CustomStringConvertible {
        var detail: String
        var diagnostics: [Diagnostic] { [Diagnostic(file: "", message: description)] }
        var description: String {
            "the snapshot holds a damaged observation block (\(detail)); delete .zicht/snapshot.sqlite and build again to re-import the sources"
        }
    }

    /// Writes `count` observations into `out`, which must hold ``byteCount(_:)`` bytes.
    /// `entry(i)` gives the i-th observation's region id, period key, value bits and status.
    @inline(__always)
    static func encode(
        count: Int, into out: UnsafeMutableRawPointer, entry: (Int) -> (region: Int32, period: Int32, bits: UInt64, status: UInt8)
    ) {
        out.storeBytes(of: format, as: UInt8.self)
        let regions = out + 1
        let periods = regions + 4 * count
        let values = periods + 4 * count
        let statuses = values + 8 * count
        for index in 0..<count {
            let item = entry(index)
            regions.storeBytes(of: item.region.littleEndian, toByteOffset: 4 * index, as: Int32.self)
            periods.storeBytes(of: item.period.littleEndian, toByteOffset: 4 * index, as: Int32.self)
            values.storeBytes(of: item.bits.littleEndian, toByteOffset: 8 * index, as: UInt64.self)
            statuses.storeBytes(of: item.status, toByteOffset: index, as: UInt8.self)
        }
    }

    /// Decodes a block of `count` observations and calls `body` with each, in stored order.
    /// - Throws: ``Damaged`` when the blob's size or format does not match.
    static func decode(_ data: Data, count: Int, _ body: (_ position: Int, Entry) throws -> Void) throws {
        guard count >= 0, data.count == byteCount(count) else {
            throw Damaged(detail: "\(data.count) bytes for \(count) observations, expected \(byteCount(max(count, 0)))")
        }
        try data.withUnsafeBytes { raw in
            guard raw[0] == format else { throw Damaged(detail: "format \(raw[0]), expected \(format)") }
            let regions = 1
            let periods = regions + 4 * count
            let values = periods + 4 * count
            let statuses = values + 8 * count
            for position in 0..<count {
                let region = Int32(littleEndian: raw.loadUnaligned(fromByteOffset: regions + 4 * position, as: Int32.self))
                let period = Int32(littleEndian: raw.loadUnaligned(fromByteOffset: periods + 4 * position, as: Int32.self))
                let value: ObservedValue
                switch raw[statuses + position] {
                case 0:
                    let bits = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: values + 8 * position, as: UInt64.self))
                    value = .number(Double(bitPattern: bits))
                case 1: value = .unknown
                case 2: value = .empty
                case let other: throw Damaged(detail: "status \(other) at position \(position)")
                }
                try body(position, Entry(region: region, period: period, value: value))
            }
        }
    }
}
