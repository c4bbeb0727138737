namespace LiveOrders.Core.Data;

/// <summary>
/// Microsoft.Data.Sqlite runs every call synchronously (its async methods block), and a writer waiting for the lock
/// sleeps inside SQLite's busy handler: each holds a thread of the pool. The pool's minimum is the core count (2 on
/// the machines here), above which it adds a thread only about twice a second, so under a stream of writes its
/// timers — the deadline watcher's wake-up among them — fired up to 1.3 s late, and the real-clock test recorded
/// orders overdue more than a second after they fell due. A higher minimum lets the pool grow at once; threads the
/// load does not need are never started.
/// </summary>
public static class SqliteThreads
{
    public const int MinimumWorkers = 16;

    public static void Reserve()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < MinimumWorkers) ThreadPool.SetMinThreads(MinimumWorkers, io);
    }
}
