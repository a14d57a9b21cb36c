import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes the StatLine reader looks at.
enum StatLineByte {
    static let quote = UInt8(ascii: "\"")
    static let semicolon = UInt8(ascii: ";")
    static let comma = UInt8(ascii: ",")
    static let tab = UInt8(ascii: "\t")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let dot = UInt8(ascii: ".")
}

/// Where one field's content lies, as byte offsets from the start of its record. For a quoted
/// field the content is what is between the quotes; `escaped` says it contains `""` pairs.
struct StatLineFieldSpan {
    var start: Int32
    var end: Int32
    var escaped: Bool
}

/// One record found by the scanner: its bytes are `buffer[start..<end]` (line end included) and its
/// fields are `spans[0..<fieldCount]`, both valid until the next call of `next()`.
struct StatLineRecord {
    var start: Int
    var end: Int
    /// 1-based file line on which the record starts.
    var line: Int
    var fieldCount: Int
    /// Whether any byte is ≥ 0x80, so that the record needs UTF-8 validation.
    var nonASCII: Bool
}

/// Splits a file into records and fields, reading it in chunks of `chunkSize` bytes.
///
/// The scanner is a resumable state machine: when a chunk ends inside a record it saves where it
/// was, moves the unfinished record to the front of its buffer, reads the next chunk behind it and
/// goes on from the same byte, so no byte is looked at twice whatever the chunk size. The buffer
/// holds one chunk plus the unfinished record, so memory does not grow with the file; a record
/// longer than `maxRecordBytes` (almost always an unclosed quote) is refused.
///
/// Records follow RFC 4180: fields may be quoted, `""` is a quote inside a quoted field, and a
/// quoted field may contain separators and line ends. Lines end in LF, CRLF or a lone CR. Empty
/// lines between records are skipped. A quote inside an unquoted field is an ordinary character.
struct StatLineScanner: ~Copyable {
    /// 8 MiB: a header of 4,096 long police titles is well under 1 MiB, so a longer record is almost
    /// always a quote that is never closed, and reading on would hold the rest of the file in memory.
    static let maxRecordBytes = 8 << 20

    let file: String
    let chunkSize: Int
    /// `;` or `,`; set by `detectSeparator()` or by the caller.
    var separator: UInt8 = StatLineByte.semicolon
    /// Column names for messages, and the number of fields every record must have (nil: any).
    var columnNames: [String] = []
    var expectedFieldCount: Int?

    /// The open file, or -1 when the bytes are in `memory`.
    private let descriptor: Int32
    /// The whole file, when it was read into memory once (for hashing and parsing from one read).
    private let memory: Data?
    private var memoryOffset = 0
    private(set) var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    var filled = 0
    private(set) var spans: UnsafeMutablePointer<StatLineFieldSpan>
    private var spanCapacity = 64
    var atEnd = false
    /// File offset of `buffer[0]`.
    private var consumed = 0

    // Scan state, saved between chunks. `index`, `line`, `filled`, `atEnd` and `refill` are
    // internal for StatLineScanner+Header.swift, which reads the header before the first scan.
    private var phase = Phase.recordStart
    var index = 0
    var line: Int
    private(set) var recordStart = 0
    private(set) var recordLine = 0
    private var fieldStart = 0
    private var fieldCount = 0
    private var escaped = false
    private var high: UInt8 = 0

    private enum Phase {
        case recordStart, blankAfterCR, fieldStart, unquoted, quoted, quoteInQuoted, afterClosingQuote, afterCR
    }

    /// Opens `path` and positions the scanner at byte `offset`, which is on file line `line`.
    init(path: String, file: String, chunkSize: Int, offset: Int = 0, line: Int = 1) throws(StatLineCSVError) {
        self.file = file
        self.chunkSize = min(max(1, chunkSize), 1 << 30)
        self.line = line
        let descriptor: Int32
        do {
            descriptor = try InputFile.open(path)
        } catch {
            throw StatLineCSVError(
                code: .cannotRead, file: file, message: "cannot open the file: \(error.reason)",
                hint: "Check the path \(path).")
        }
        if offset > 0, lseek(descriptor, off_t(offset), SEEK_SET) < 0 {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw StatLineCSVError(code: .cannotRead, file: file, message: "cannot read the file: \(reason)")
        }
        self.descriptor = descriptor
        self.memory = nil
        self.consumed = offset
        self.capacity = self.chunkSize + max(4096, min(self.chunkSize, 1 << 16))
        self.buffer = .allocate(capacity: capacity)
        self.spans = .allocate(capacity: spanCapacity)
    }

    /// Scans bytes already in memory, from byte `offset`, which is on file line `line`.
    init(bytes: Data, file: String, chunkSize: Int, offset: Int = 0, line: Int = 1) {
        self.file = file
        self.chunkSize = min(max(1, chunkSize), 1 << 30)
        self.line = line
        self.descriptor = -1
        self.memory = bytes
        self.memoryOffset = min(max(0, offset), bytes.count)
        self.consumed = offset
        self.capacity = self.chunkSize + max(4096, min(self.chunkSize, 1 << 16))
        self.buffer = .allocate(capacity: capacity)
        self.spans = .allocate(capacity: spanCapacity)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        buffer.deallocate()
        spans.deallocate()
    }

    /// File offset of the first byte not yet scanned (after the last record returned).
    var offset: Int { consumed + index }
    /// File line of the first byte not yet scanned.
    var currentLine: Int { line }
    /// Number of valid bytes in `buffer`.
    var filledCount: Int { filled }

    // MARK: Records

    /// The next record, or nil at the end of the file. Checks the number of fields (when
    /// `expectedFieldCount` is set) and that the record is valid UTF-8.
    mutating func next() throws(StatLineCSVError) -> StatLineRecord? {
        while true {
            if let record = try scan() {
                if let expected = expectedFieldCount, record.fieldCount != expected {
                    throw fieldCountError(record, expected: expected)
                }
                if record.nonASCII, let bad = StatLineUTF8.firstInvalidByte(in: UnsafeBufferPointer(start: buffer + record.start, count: record.end - record.start)) {
                    throw invalidUTF8Error(record, at: bad)
                }
                return record
            }
            if phase == .recordStart && index == filled && atEnd { return nil }
            let inRecord = phase != .recordStart && phase != .blankAfterCR
            try refill(keepingFrom: inRecord ? recordStart : index)
        }
    }

    /// Scans from the saved state. Returns a record, or nil when the buffer ends first (then the
    /// state is saved and the caller reads more, or stops at the end of the file).
    @inline(__always)
    private mutating func scan() throws(StatLineCSVError) -> StatLineRecord? {
        let bytes = buffer
        let end = filled
        let separator = separator
        let atEnd = atEnd
        let quote = StatLineByte.quote
        let lineFeed = StatLineByte.lineFeed
        let carriageReturn = StatLineByte.carriageReturn
        var spans = self.spans
        var i = index
        var line = line
        var fieldStart = fieldStart
        var fieldCount = fieldCount
        var escaped = escaped
        var high = high
        var phase = phase

        // Saves the state when the buffer ends inside a record.
        func suspend(_ scanner: inout StatLineScanner) {
            scanner.index = i
            scanner.line = line
            scanner.fieldStart = fieldStart
            scanner.fieldCount = fieldCount
            scanner.escaped = escaped
            scanner.high = high
            scanner.phase = phase
        }

        while true {
            switch phase {
            case .recordStart:
                guard i < end else { suspend(&self); return nil }
                let byte = bytes[i]
                if byte == lineFeed {
                    line += 1
                    i += 1
                } else if byte == carriageReturn {
                    i += 1
                    phase = .blankAfterCR
                } else {
                    recordStart = i
                    recordLine = line
                    fieldCount = 0
                    high = 0
                    phase = .fieldStart
                }
            case .blankAfterCR:
                guard i < end || atEnd else { suspend(&self); return nil }
                if i < end && bytes[i] == lineFeed { i += 1 }
                line += 1
                phase = .recordStart
            case .fieldStart:
                if i < end && bytes[i] == quote {
                    i += 1
                    fieldStart = i
                    escaped = false
                    phase = .quoted
                } else if i < end || atEnd {
                    fieldStart = i
                    phase = .unquoted
                } else {
                    suspend(&self)
                    return nil
                }
            case .unquoted:
                while i < end {
                    let byte = bytes[i]
                    if byte == separator || byte == lineFeed || byte == carriageReturn { break }
                    high |= byte
                    i += 1
                }
                guard i < end || atEnd else { suspend(&self); return nil }
                if fieldCount == spanCapacity { growSpans(); spans = self.spans }
                spans[fieldCount] = StatLineFieldSpan(start: Int32(truncatingIfNeeded: fieldStart - recordStart), end: Int32(truncatingIfNeeded: i - recordStart), escaped: false)
                fieldCount += 1
                if i == end {
                    return finish(at: i, line: line, fieldCount: fieldCount, high: high)
                }
                let byte = bytes[i]
                i += 1
                if byte == separator {
                    phase = .fieldStart
                } else if byte == lineFeed {
                    return finish(at: i, line: line + 1, fieldCount: fieldCount, high: high)
                } else {
                    phase = .afterCR
                }
            case .quoted:
                while i < end {
                    let byte = bytes[i]
                    if byte == quote || byte == lineFeed { break }
                    high |= byte
                    i += 1
                }
                guard i < end else {
                    if atEnd { throw unterminatedQuoteError(fieldIndex: fieldCount, quoteAt: fieldStart - 1) }
                    suspend(&self)
                    return nil
                }
                if bytes[i] == lineFeed {
                    line += 1
                } else {
                    phase = .quoteInQuoted
                }
                i += 1
            case .quoteInQuoted:
                if i < end && bytes[i] == quote {
                    escaped = true
                    i += 1
                    phase = .quoted
                    continue
                }
                guard i < end || atEnd else { suspend(&self); return nil }
                if fieldCount == spanCapacity { growSpans(); spans = self.spans }
                spans[fieldCount] = StatLineFieldSpan(start: Int32(truncatingIfNeeded: fieldStart - recordStart), end: Int32(truncatingIfNeeded: i - 1 - recordStart), escaped: escaped)
                fieldCount += 1
                phase = .afterClosingQuote
            case .afterClosingQuote:
                guard i < end else {
                    if atEnd { return finish(at: i, line: line, fieldCount: fieldCount, high: high) }
                    suspend(&self)
                    return nil
                }
                let byte = bytes[i]
                if byte == separator {
                    i += 1
                    phase = .fieldStart
                } else if byte == lineFeed {
                    return finish(at: i + 1, line: line + 1, fieldCount: fieldCount, high: high)
                } else if byte == carriageReturn {
                    i += 1
                    phase = .afterCR
                } else {
                    throw textAfterQuoteError(fieldIndex: fieldCount - 1, at: i)
                }
            case .afterCR:
                guard i < end || atEnd else { suspend(&self); return nil }
                if i < end && bytes[i] == lineFeed { i += 1 }
                return finish(at: i, line: line + 1, fieldCount: fieldCount, high: high)
            }
        }
    }

    /// Ends the record that started at `recordStart`; the next scan starts at `end`.
    @inline(__always)
    private mutating func finish(at end: Int, line: Int, fieldCount: Int, high: UInt8) -> StatLineRecord {
        index = end
        self.line = line
        phase = .recordStart
        return StatLineRecord(start: recordStart, end: end, line: recordLine, fieldCount: fieldCount, nonASCII: high >= 0x80)
    }

    private mutating func growSpans() {
        let larger = UnsafeMutablePointer<StatLineFieldSpan>.allocate(capacity: spanCapacity * 2)
        larger.moveInitialize(from: spans, count: spanCapacity)
        spans.deallocate()
        spans = larger
        spanCapacity *= 2
    }

    /// Moves `buffer[keep..<filled]` to the front and reads up to `chunkSize` bytes behind it.
    mutating func refill(keepingFrom keep: Int) throws(StatLineCSVError) {
        if keep > 0 {
            let carried = filled - keep
            if carried > 0 { (buffer).update(from: buffer + keep, count: carried) }
            consumed += keep
            filled = carried
            index -= keep
            recordStart -= keep
            fieldStart -= keep
        }
        if filled > Self.maxRecordBytes {
            throw StatLineCSVError(
                code: .recordTooLong, file: file, line: recordLine,
                message: "the record that starts here is longer than \(Self.maxRecordBytes >> 20) MB",
                hint: "A quoted field is probably not closed: check the quotes on this line. A '\"' inside a quoted field is written as '\"\"'.")
        }
        if capacity - filled < chunkSize {
            let newCapacity = max(capacity * 2, filled + chunkSize)
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            larger.update(from: buffer, count: filled)
            buffer.deallocate()
            buffer = larger
            capacity = newCapacity
        }
        var count: Int
        if let memory {
            count = min(chunkSize, memory.count - memoryOffset)
            if count > 0 {
                let start = memoryOffset
                memory.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                    UnsafeMutableRawPointer(buffer + filled).copyMemory(from: bytes.baseAddress! + start, byteCount: count)
                }
                memoryOffset += count
            }
        } else {
            repeat {
                count = read(descriptor, buffer + filled, chunkSize)
            } while count < 0 && errno == EINTR
        }
        if count < 0 {
            let reason = String(cString: strerror(errno))
            throw StatLineCSVError(code: .cannotRead, file: file, line: line, message: "cannot read the file: \(reason)")
        }
        if count == 0 { atEnd = true } else { filled += count }
    }
}
