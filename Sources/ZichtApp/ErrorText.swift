import Foundation
import ZichtEngine
import ZichtCore

/// Every error the commands can meet, as text for the person at the terminal: what went wrong,
/// where (file, line, field or argument) and what to do. This is the one place where errors become
/// words; no Foundation domain, error number or Swift type name reaches the user.
///
/// Zicht's own errors conform to ``DiagnosticConvertible`` and are printed from their diagnostics;
/// Foundation's file errors and `errno` values become "the disk is full", "no permission", … with
/// the path. Anything else is a bug in Zicht, and says so.
public enum ErrorText {
    /// The complete text for `error`, as the terminal shows it: `file:line:column: error: message`
    /// lines and "N errors found." for problems in files, `error: message` for others.
    public static func report(_ error: any Error) -> String {
        Diagnostic.report(diagnostics(error))
    }

    /// The diagnostics of `error`: its own, those of Foundation's file errors, or one that names an
    /// unexpected error as a bug to report.
    public static func diagnostics(_ error: any Error) -> [Diagnostic] {
        if let error = error as? any DiagnosticConvertible {
            let diagnostics = error.diagnostics
            if !diagnostics.isEmpty { return diagnostics }
        }
        if let message = systemMessage(error) { return [Diagnostic(file: "", message: message)] }
        return [Diagnostic(
            file: "", message: "an unexpected problem occurred (\(type(of: error)): \(String(describing: error)))",
            hint: "this is a bug in Zicht; please report it to the Zicht maintainers with the command you ran")]
    }

    /// The words for Foundation's and the system's file errors, with the path; nil for other errors.
    static func systemMessage(_ error: any Error) -> String? {
        if let error = error as? CocoaError { return describe(cocoa: error) }
        if let error = error as? POSIXError { return describe(errno: error.code.rawValue, path: nil) }
        guard type(of: error) is NSError.Type else { return nil }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return describe(errno: Int32(nsError.code), path: nsError.userInfo[NSFilePathErrorKey] as? String) }
        if nsError.domain == NSCocoaErrorDomain { return describe(cocoa: CocoaError(CocoaError.Code(rawValue: nsError.code), userInfo: nsError.userInfo)) }
        return nil
    }

    static func describe(cocoa error: CocoaError) -> String {
        let path = error.userInfo[NSFilePathErrorKey] as? String ?? error.userInfo[NSURLErrorKey].map { "\($0)" }
        let underlying = (error.userInfo[NSUnderlyingErrorKey] as? NSError).flatMap { $0.domain == NSPOSIXErrorDomain ? Int32($0.code) : nil }
        if let underlying { return describe(errno: underlying, path: path) }
        let place = path.map { " (\($0))" } ?? ""
        switch error.code {
        case .fileNoSuchFile, .fileReadNoSuchFile: return "file or folder not found\(place)"
        case .fileReadNoPermission, .fileWriteNoPermission: return "no permission\(place)"
        case .fileWriteOutOfSpace: return "the disk is full\(place)"
        case .fileWriteVolumeReadOnly: return "the file system is read-only\(place)"
        case .fileWriteFileExists: return "a file is in the way\(place)"
        case .fileWriteInvalidFileName, .fileReadInvalidFileName: return "the file name is not valid here (too long, or with characters the file system refuses)\(place)"
        case .fileReadCorruptFile: return "the file could not be read as expected\(place)"
        case .fileReadInapplicableStringEncoding: return "the file is not UTF-8 text\(place)"
        default: return "a file operation failed\(place)"
        }
    }

    static func describe(errno code: Int32, path: String?) -> String {
        let place = path.map { " (\($0))" } ?? ""
        switch code {
        case ENOSPC: return "the disk is full\(place)"
        case EDQUOT: return "the disk quota is used up\(place)"
        case EACCES, EPERM: return "no permission\(place)"
        case ENOENT: return "file or folder not found\(place)"
        case EROFS: return "the file system is read-only\(place)"
        case ENAMETOOLONG: return "a file name is too long\(place)"
        default: return "\(String(cString: strerror(code)).lowercased())\(place)"
        }
    }
}

extension AppError: DiagnosticConvertible {
    public var diagnostics: [Diagnostic] { [Diagnostic(file: "", message: description)] }
}
