import Foundation

// zicht-fuzz READER [libFuzzer options] [corpus folders or files]
//
// Built with `-sanitize=fuzzer,address -DZICHT_FUZZ` (see Tests/fuzz/run.sh) this hands the rest of
// the arguments to libFuzzer's driver and fuzzes one reader. In an ordinary build, where libFuzzer is
// absent, it reads each file given once with that reader: a quick way to replay an input without
// sanitizers. `zicht-fuzz --list` names the readers.

let arguments = CommandLine.arguments
if arguments.count < 2 || arguments[1] == "--list" || arguments[1] == "--help" {
    print("usage: zicht-fuzz READER [libFuzzer options] [corpus...]\nreaders:")
    for reader in FuzzReader.all { print("  \(reader.name.padding(toLength: 13, withPad: " ", startingAt: 0))\(reader.summary)") }
    exit(arguments.count < 2 ? 2 : 0)
}
guard let reader = FuzzReader.named(arguments[1]) else {
    FileHandle.standardError.write(Data("zicht-fuzz: unknown reader '\(arguments[1])'; see zicht-fuzz --list\n".utf8))
    exit(2)
}

/// The reader libFuzzer calls; a global, because a C callback cannot capture.
nonisolated(unsafe) var selected = reader

#if ZICHT_FUZZ
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

// libFuzzer sees the program name and everything after the reader's name.
var driverArguments: [UnsafeMutablePointer<CChar>?] = ([arguments[0]] + arguments.dropFirst(2)).map { strdup($0) } + [nil]
var argc = CInt(driverArguments.count - 1)
let status = driverArguments.withUnsafeMutableBufferPointer { buffer -> CInt in
    var argv = buffer.baseAddress!
    return LLVMFuzzerRunDriver(&argc, &argv) { data, count in
        let bytes = data.map { Data(bytes: $0, count: count) } ?? Data()
        selected.read(bytes)
        return 0
    }
}
exit(status)
#else
for path in arguments.dropFirst(2) {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("zicht-fuzz: cannot read \(path)\n".utf8))
        exit(1)
    }
    selected.read(data)
    print("read \(path) (\(data.count) bytes) with \(reader.name): no trap")
}
#endif
