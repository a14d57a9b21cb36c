/// Lets one test at a time do long synchronous work (building the demo in process, waiting for a
/// child process) on a thread of Swift's cooperative pool.
///
/// Swift Testing runs test functions on that pool, which has one thread per core (two here). Two
/// tests that block their threads for a minute starve every other test's `await`: an HTTP test's
/// reply and its deadline then become ready together, the deadline can win, and the test fails
/// although nothing is wrong. Heavy tests wait for this lock first, so one thread stays free.
public enum HeavyWork {
    private actor Lock {
        private var busy = false
        private var waiting: [CheckedContinuation<Void, Never>] = []

        func acquire() async {
            if busy {
                await withCheckedContinuation { waiting.append($0) }
            } else {
                busy = true
            }
        }

        func release() {
            if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
        }
    }

    private static let lock = Lock()

    /// Runs `body` while no other heavy test runs.
    public static func run<T>(_ body: () throws -> T) async throws -> T {
        await lock.acquire()
        do {
            let result = try body()
            await lock.release()
            return result
        } catch {
            await lock.release()
            throw error
        }
    }
}
