import Foundation

/// `posix_spawn` attributes that give a child unblocked, default signal handling.
///
/// The test process blocks most signals in its threads, and a child inherits that mask: a broker
/// started from here (through `stack.sh`) would then never see the SIGTERM that stops it
/// gracefully. Children started with these attributes behave as if started from a shell.
func withDefaultSignals<T>(_ body: (UnsafePointer<posix_spawnattr_t>) throws -> T) rethrows -> T {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    var handled = sigset_t()
    sigemptyset(&handled)
    for signal in [SIGTERM, SIGINT, SIGHUP, SIGQUIT] { sigaddset(&handled, signal) }
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &handled)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    return try body(&attributes)
}
