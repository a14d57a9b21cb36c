/// Holds the observations of an import until they are written as blocks, grouped by series.
///
/// Memory is fixed when the buffer is made: `capacity` observations (21 bytes each) and up to
/// `capacity / 4` series, whatever the size of the file. The sink writes the buffer out
/// (``drain(_:)``) when ``isFull``, so a large import writes several blocks per series, each with
/// the observations in the order they came; queries merge them.
///
/// Observations of one series are chained through `next`, so appending never moves data and
/// draining needs no sort of the observations, only of the (few) series.
struct ObservationBuffer: ~Copyable {
    let capacity: Int
    let groupCapacity: Int
    private(set) var count = 0
    private(set) var groupCount = 0

    private let regions: UnsafeMutablePointer<Int32>
    private let periods: UnsafeMutablePointer<Int32>
    private let bits: UnsafeMutablePointer<UInt64>
    private let statuses: UnsafeMutablePointer<UInt8>
    /// The next observation of the same series, or -1.
    private let next: UnsafeMutablePointer<Int32>

    private let groupSeries: UnsafeMutablePointer<Int64>
    private let groupHead: UnsafeMutablePointer<Int32>
    private let groupTail: UnsafeMutablePointer<Int32>
    private let groupSize: UnsafeMutablePointer<Int32>
    /// Open-addressing table: series → group + 1 (0 = free slot).
    private let slots: UnsafeMutablePointer<Int32>
    private let slotMask: Int
    /// The series of the previous append and its group: rows mostly repeat it.
    private var lastSeries: Int64 = -1
    private var lastGroup: Int32 = -1
    /// Scratch space for one encoded block.
    private let block: UnsafeMutableRawPointer

    /// - Parameter capacity: observations held before ``isFull``; at least 4.
    init(capacity: Int) {
        self.capacity = max(4, capacity)
        groupCapacity = max(1, self.capacity / 4)
        regions = .allocate(capacity: self.capacity)
        periods = .allocate(capacity: self.capacity)
        bits = .allocate(capacity: self.capacity)
        statuses = .allocate(capacity: self.capacity)
        next = .allocate(capacity: self.capacity)
        groupSeries = .allocate(capacity: groupCapacity)
        groupHead = .allocate(capacity: groupCapacity)
        groupTail = .allocate(capacity: groupCapacity)
        groupSize = .allocate(capacity: groupCapacity)
        var slotCount = 4
        while slotCount < 2 * groupCapacity { slotCount <<= 1 }
        slotMask = slotCount - 1
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
        block = .allocate(byteCount: ObservationBlock.byteCount(ObservationBlock.maxCount), alignment: 8)
    }

    deinit {
        regions.deallocate()
        periods.deallocate()
        bits.deallocate()
        statuses.deallocate()
        next.deallocate()
        groupSeries.deallocate()
        groupHead.deallocate()
        groupTail.deallocate()
        groupSize.deallocate()
        slots.deallocate()
        block.deallocate()
    }

    /// Whether the buffer must be drained before the next append.
    var isFull: Bool { count == capacity || groupCount == groupCapacity }

    var isEmpty: Bool { count == 0 }

    /// Adds one observation; the buffer must not be full.
    @inline(__always)
    mutating func append(series: Int64, region: Int32, period: Int32, bits value: UInt64, status: UInt8) {
        precondition(!isFull, "ObservationBuffer.append on a full buffer")
        let group = series == lastSeries ? lastGroup : self.group(series)
        let index = Int32(truncatingIfNeeded: count)
        regions[count] = region
        periods[count] = period
        bits[count] = value
        statuses[count] = status
        next[count] = -1
        let tail = groupTail[Int(group)]
        if tail < 0 { groupHead[Int(group)] = index } else { next[Int(tail)] = index }
        groupTail[Int(group)] = index
        groupSize[Int(group)] += 1
        count += 1
    }

    /// The group of `series`, made when new.
    private mutating func group(_ series: Int64) -> Int32 {
        var slot = Self.hash(series) & slotMask
        while true {
            let found = slots[slot]
            if found == 0 { break }
            if groupSeries[Int(found - 1)] == series {
                lastSeries = series
                lastGroup = found - 1
                return found - 1
            }
            slot = (slot + 1) & slotMask
        }
        let group = Int32(truncatingIfNeeded: groupCount)
        groupCount += 1
        slots[slot] = group + 1
        groupSeries[Int(group)] = series
        groupHead[Int(group)] = -1
        groupTail[Int(group)] = -1
        groupSize[Int(group)] = 0
        lastSeries = series
        lastGroup = group
        return group
    }

    /// Fibonacci hashing (Knuth, TAOCP vol. 3, §6.4): the top bits of series × ⌊2⁶⁴/φ⌋.
    @inline(__always)
    private static func hash(_ series: Int64) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: series) &* 0x9E37_79B9_7F4A_7C15) >> 32)
    }

    /// Encodes every buffered observation into blocks of at most ``ObservationBlock/maxCount``,
    /// series by series in ascending order, calls `write(series, count, bytes)` for each block, and
    /// empties the buffer. The bytes are valid only during the call.
    mutating func drain(_ write: (_ series: Int64, _ count: Int, _ bytes: UnsafeRawBufferPointer) throws -> Void) throws {
        let groupSeries = groupSeries
        let order = (0..<groupCount).sorted { groupSeries[$0] < groupSeries[$1] }
        let regions = regions, periods = periods, bits = bits, statuses = statuses, next = next, block = block
        for group in order {
            var position = groupHead[group]
            var remaining = Int(groupSize[group])
            while remaining > 0 {
                let chunk = min(remaining, ObservationBlock.maxCount)
                ObservationBlock.encode(count: chunk, into: block) { _ in
                    let index = Int(position)
                    position = next[index]
                    return (regions[index], periods[index], bits[index], statuses[index])
                }
                try write(groupSeries[group], chunk, UnsafeRawBufferPointer(start: block, count: ObservationBlock.byteCount(chunk)))
                remaining -= chunk
            }
        }
        slots.update(repeating: 0, count: slotMask + 1)
        count = 0
        groupCount = 0
        lastSeries = -1
        lastGroup = -1
    }
}
