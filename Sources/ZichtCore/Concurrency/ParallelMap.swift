import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map` over all cores; the result is in the input's order whatever the scheduling.
    public func parallelMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        let slots = Slots<Result>(count: count)
        withoutActuallyEscaping(transform) { transform in
            let work = UnsafeSendableBox(transform)
            self.withUnsafeBufferPointer { buffer in
                let input = UnsafeSendableBox(buffer)
                DispatchQueue.concurrentPerform(iterations: buffer.count) { index in
                    slots.set(index, work.value(input.value[index]))
                }
            }
        }
        return slots.values
    }
}

/// Wraps a value that is only read, concurrently, while the call that made it is still running.
///
/// `@unchecked Sendable`: used only inside `parallelMap`, where the wrapped buffer and closure outlive
/// every concurrent iteration and are never mutated.
private struct UnsafeSendableBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// One slot per input element.
///
/// `@unchecked Sendable`: each slot is written once, by one iteration, under the lock, and the slots are
/// read only after `concurrentPerform` has returned.
private final class Slots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) { lock.withLock { storage[index] = value } }

    var values: [Value] { lock.withLock { storage.map { $0! } } }
}
