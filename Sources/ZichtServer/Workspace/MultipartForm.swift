import Foundation
import Hummingbird
import NIOCore

/// A `multipart/form-data` body (RFC 7578), what a form with a file field sends: text fields and
/// files, each part found by the boundary the `Content-Type` names.
struct MultipartForm: Sendable {
    struct File: Sendable {
        var filename: String
        var bytes: Data
    }

    private(set) var fields: [String: String] = [:]
    private(set) var files: [String: File] = [:]

    enum Problem: Error { case notMultipart, tooLarge, malformed }

    static func read(_ request: Request, limit: Int) async throws -> MultipartForm {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
              let boundary = type.split(separator: ";").compactMap({ part -> String? in
                  let trimmed = part.trimmingCharacters(in: .whitespaces)
                  guard trimmed.lowercased().hasPrefix("boundary=") else { return nil }
                  return String(trimmed.dropFirst("boundary=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
              }).first, !boundary.isEmpty, boundary.utf8.count <= 70
        else { throw Problem.notMultipart }
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: limit) } catch { throw Problem.tooLarge }
        return try parse(Data(buffer.readableBytesView), boundary: boundary)
    }

    static func parse(_ body: Data, boundary: String) throws -> MultipartForm {
        let delimiter = Data("--\(boundary)".utf8)
        var form = MultipartForm()
        var parts: [Data] = []
        var searchStart = body.startIndex
        var previous: Data.Index?
        while let range = body.range(of: delimiter, in: searchStart..<body.endIndex) {
            if let previous { parts.append(body[previous..<range.lowerBound]) }
            previous = range.upperBound
            searchStart = range.upperBound
        }
        guard !parts.isEmpty else { throw Problem.malformed }
        let headEnd = Data("\r\n\r\n".utf8)
        for var part in parts {
            // Each part: CRLF, headers, CRLF CRLF, content, CRLF (before the next delimiter).
            guard part.starts(with: Data("\r\n".utf8)) else { throw Problem.malformed }
            part = part.dropFirst(2)
            guard let split = part.range(of: headEnd) else { throw Problem.malformed }
            let head = String(decoding: part[part.startIndex..<split.lowerBound], as: UTF8.self)
            var content = part[split.upperBound...]
            guard content.suffix(2) == Data("\r\n".utf8) else { throw Problem.malformed }
            content = content.dropLast(2)
            var name: String?
            var filename: String?
            for line in head.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
                for parameter in line.split(separator: ";").dropFirst() {
                    let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard pair.count == 2 else { continue }
                    let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                    if pair[0].lowercased() == "name" { name = value }
                    if pair[0].lowercased() == "filename" { filename = value }
                }
            }
            guard let name else { throw Problem.malformed }
            guard form.fields[name] == nil && form.files[name] == nil else { throw Problem.malformed }
            if let filename {
                form.files[name] = File(filename: filename, bytes: Data(content))
            } else {
                form.fields[name] = String(decoding: content, as: UTF8.self)
            }
        }
        return form
    }
}
