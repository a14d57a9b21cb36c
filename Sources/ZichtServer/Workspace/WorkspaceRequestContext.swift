import Hummingbird
import NIOCore

/// The context of a werkomgeving request: Hummingbird's core values and the client's address, which
/// the audit log records as the origin of every action.
struct WorkspaceRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Forms and uploads of the werkomgeving are at most this large (an image of 10 MiB, base64-free).
    var maxUploadSize: Int { 11 << 20 }
}
