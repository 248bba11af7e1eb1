import Foundation
import KLTesting

/// CPU seconds (user + system) used by the processes of a run, read from /proc, so that the cost
/// per message of each process (broker, database, service, publisher) shows where the next
/// bottleneck is.
enum CPUTime {
    static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))

    /// utime + stime of one process (fields 14 and 15 of /proc/PID/stat); with `children`, also
    /// what its exited, waited-for children used (fields 16 and 17).
    static func seconds(pid: Int32, children: Bool = false) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return 0 }
        // Fields after "(comm)" start at field 3 (state).
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        func field(_ n: Int) -> Double { Double(fields[n - 3]) ?? 0 }
        let own = field(14) + field(15)
        return (children ? own + field(16) + field(17) : own) / ticksPerSecond
    }

    static func parent(of pid: Int32) -> Int32? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        return Int32(stat[stat.index(after: close)...].split(separator: " ")[1])
    }

    /// The postmaster and all its backends, running or exited (the postmaster waits for them).
    static func database() -> Double {
        let pidFile = LocalStack.root.appendingPathComponent(".run/postgres/data/postmaster.pid")
        guard let first = (try? String(contentsOf: pidFile, encoding: .utf8))?.split(separator: "\n").first,
            let postmaster = Int32(first)
        else { return 0 }
        let running = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap(Int32.init)
            .filter { parent(of: $0) == postmaster }
        return seconds(pid: postmaster, children: true) + running.reduce(0) { $0 + seconds(pid: $1) }
    }

    /// The RabbitMQ node (its Erlang VM).
    static func broker() -> Double {
        let pidFile = LocalStack.root.appendingPathComponent(".run/rabbitmq/rabbitmq.pid")
        guard let text = try? String(contentsOf: pidFile, encoding: .utf8),
            let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else { return 0 }
        return seconds(pid: pid, children: true)
    }

    /// This process (the service under test and the benchmark's polling).
    static func service() -> Double { seconds(pid: getpid()) }

    /// Children this process has waited for (the publisher).
    static func children() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// All four, in the order the table prints them.
    static func snapshot() -> [Double] { [broker(), database(), service(), children()] }
}
