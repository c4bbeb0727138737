using System.Diagnostics;
using LiveOrders.Core.Cluster;
using LiveOrders.Tests.Support;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit.Abstractions;

namespace LiveOrders.Tests.Cluster;

/// <summary>
/// One of each background job across nodes, on a real PostgreSQL: two <see cref="PostgresClusterLock"/>s in this process
/// act as two nodes over one database (an advisory lock needs no schema). The figures (how long a takeover took) are
/// written to the test output; the limits asserted are generous on purpose.
/// </summary>
public sealed class ClusterLeaseTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private PostgresServer _server = default!;
    private string _database = "";
    private readonly List<IHostedService> _started = [];

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.SharedAsync();
        _database = await _server.CreateDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var service in _started) await service.StopAsync(CancellationToken.None);
        await _server.DropDatabaseAsync(_database);
    }

    private PostgresClusterLock Node() => new(_database, NullLogger<PostgresClusterLock>.Instance);

    /// <summary>A node's copy of the job, run through the app's wrapper, started as the host would.</summary>
    private async Task<(ClusterJob<CountingJob> Wrapper, CountingJob Job)> StartAsync(IClusterLock node)
    {
        var job = new CountingJob();
        var wrapper = new ClusterJob<CountingJob>(job, node, NullLogger<ClusterJob<CountingJob>>.Instance);
        await wrapper.StartAsync(CancellationToken.None);
        _started.Add(wrapper);
        return (wrapper, job);
    }

    /// <summary>Ends the session that holds a job's lock, from the server's side, as a crash of its connection would.</summary>
    private async Task<int> TerminateLeaseSessionAsync(string job)
    {
        await using var admin = new NpgsqlConnection(_server.AdminConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*) FROM (
              SELECT pg_terminate_backend(l.pid) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
              WHERE d.datname = @db AND l.locktype = 'advisory' AND l.granted AND ((l.classid::bigint << 32) | l.objid::bigint) = @key) t
            """, admin);
        command.Parameters.AddWithValue("db", new NpgsqlConnectionStringBuilder(_database).Database!);
        command.Parameters.AddWithValue("key", PostgresClusterLock.KeyOf(job));
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    /// <summary>The lease sessions of a job that hold its advisory lock now, as the server sees them.</summary>
    private async Task<long> HoldersAsync(string job)
    {
        await using var admin = new NpgsqlConnection(_database);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND ((classid::bigint << 32) | objid::bigint) = @key", admin);
        command.Parameters.AddWithValue("key", PostgresClusterLock.KeyOf(job));
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<T> WithinAsync<T>(Task<T> task, string what)
    {
        var finished = await Task.WhenAny(task, Task.Delay(Patience));
        Assert.True(finished == task, $"Not within {Patience.TotalSeconds} s: {what}");
        return await task;
    }

    private static Task WithinAsync(Task task, string what) => WithinAsync(task.ContinueWith(t => { t.GetAwaiter().GetResult(); return 0; }), what);

    [Fact]
    public async Task OfTwoNodes_OnlyTheOneHoldingTheLease_RunsTheJob()
    {
        var (nodeA, nodeB) = (Node(), Node());
        var (_, jobA) = await StartAsync(nodeA);
        await WithinAsync(jobA.Running, "node A starts the job");
        var (_, jobB) = await StartAsync(nodeB);

        // Node B has asked twice and been refused both times; its copy of the job never ran.
        await WithinAsync(Until(() => nodeB.RefusedTries(ClusterJob<CountingJob>.Name) >= 2), "node B tries for the lease");
        Assert.Equal(0, jobB.Starts);
        Assert.Equal(1, jobA.Starts);
        Assert.Equal(1, await HoldersAsync(ClusterJob<CountingJob>.Name));
        Assert.Equal([new LeaseStatus(ClusterJob<CountingJob>.Name, true, true)], nodeA.Status());
        Assert.Equal([new LeaseStatus(ClusterJob<CountingJob>.Name, false, true)], nodeB.Status());
    }

    [Fact]
    public async Task WhenTheHoldersConnectionIsKilled_ItsJobIsCancelledAtOnce_AndTheOtherNodeTakesOverWithinSeconds()
    {
        var (nodeA, nodeB) = (Node(), Node());
        var (_, jobA) = await StartAsync(nodeA);
        await WithinAsync(jobA.Running, "node A starts the job");
        var (_, jobB) = await StartAsync(nodeB);
        await WithinAsync(Until(() => nodeB.RefusedTries(ClusterJob<CountingJob>.Name) >= 1), "node B tries for the lease");

        var cancelled = jobA.Cancelled;
        var clock = Stopwatch.StartNew();
        Assert.Equal(1, await TerminateLeaseSessionAsync(ClusterJob<CountingJob>.Name));
        await WithinAsync(cancelled, "node A's job is cancelled");
        var cancelledAfter = clock.Elapsed;
        await WithinAsync(jobB.Running, "node B takes the job over");
        var takenOverAfter = clock.Elapsed;
        output.WriteLine($"Holder's session ended: its job cancelled after {cancelledAfter.TotalMilliseconds:0} ms, the other node ran it after {takenOverAfter.TotalMilliseconds:0} ms");

        Assert.True(takenOverAfter < TimeSpan.FromSeconds(15), $"took {takenOverAfter}");
        Assert.Equal(1, await HoldersAsync(ClusterJob<CountingJob>.Name));
        // Node A is now the one that waits; its job did not start again.
        await WithinAsync(Until(() => nodeA.Status() is [{ Held: false, ConnectionAlive: true }]), "node A tries again");
        Assert.Equal(1, jobA.Starts);
    }

    [Fact]
    public async Task ALeaseLostAndRegained_CancelsTheJobsLoop_AndStartsItAfresh()
    {
        var node = Node();
        var (_, job) = await StartAsync(node);
        await WithinAsync(job.Running, "the job starts");
        var (first, cancelled) = (job.Running, job.Cancelled);

        Assert.Equal(1, await TerminateLeaseSessionAsync(ClusterJob<CountingJob>.Name));

        await WithinAsync(cancelled, "the job's loop is cancelled");
        await WithinAsync(Until(() => job.Starts == 2 && job.Running != first && job.Running.IsCompleted), "the job starts again on the regained lease");
        Assert.Equal(1, job.Stops);
        Assert.Equal([new LeaseStatus(ClusterJob<CountingJob>.Name, true, true)], node.Status());
    }

    [Fact]
    public async Task ALeaseGivenUpAtShutdown_IsTakenByTheOtherNodeQuickly()
    {
        var (nodeA, nodeB) = (Node(), Node());
        var (wrapperA, jobA) = await StartAsync(nodeA);
        await WithinAsync(jobA.Running, "node A starts the job");
        var (_, jobB) = await StartAsync(nodeB);
        await WithinAsync(Until(() => nodeB.RefusedTries(ClusterJob<CountingJob>.Name) >= 1), "node B tries for the lease");

        var clock = Stopwatch.StartNew();
        await wrapperA.StopAsync(CancellationToken.None);
        Assert.True(jobA.Cancelled.IsCompleted);
        Assert.Equal([new LeaseStatus(ClusterJob<CountingJob>.Name, false, true)], nodeA.Status());
        await WithinAsync(jobB.Running, "node B takes the job over");
        output.WriteLine($"Lease given up at shutdown: the other node ran the job after {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task WhenTheDatabaseServerDies_TheHolderStopsItsJob_AndTakesTheLeaseAgainWhenItIsBack()
    {
        await using var own = await PostgresServer.StartAsync();
        var node = new PostgresClusterLock(own.ConnectionStringFor("postgres"), NullLogger<PostgresClusterLock>.Instance);
        var (_, job) = await StartAsync(node);
        await WithinAsync(job.Running, "the job starts");

        var cancelled = job.Cancelled;
        var clock = Stopwatch.StartNew();
        own.Kill();
        await WithinAsync(cancelled, "the job is cancelled when the server is gone");
        output.WriteLine($"Server killed: the holder's job cancelled after {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal([new LeaseStatus(ClusterJob<CountingJob>.Name, false, false)], node.Status());

        await own.StartProcessAsync();
        await WithinAsync(Until(() => job.Starts == 2), "the job starts again once the server is back");
    }

    [Fact]
    public void TheLockKey_OfAJob_IsTheSameInEveryProcess_AndDiffersBetweenJobs()
    {
        // Fixed by SHA-256 over the name, so that every node, of any version, asks for the same lock.
        Assert.Equal(PostgresClusterLock.KeyOf("DeadlineWatcher"), PostgresClusterLock.KeyOf("DeadlineWatcher"));
        Assert.NotEqual(PostgresClusterLock.KeyOf("DeadlineWatcher"), PostgresClusterLock.KeyOf("OutboxSender"));
        // Pinned: a key that changed between versions would let an old and a new node both run the job during an upgrade.
        Assert.Equal(-2794032167743830484L, PostgresClusterLock.KeyOf("DeadlineWatcher"));
    }

    /// <summary>Completes when <paramref name="condition"/> holds (checked every 20 ms).</summary>
    private static async Task<bool> Until(Func<bool> condition)
    {
        while (!condition()) await Task.Delay(20);
        return true;
    }
}

/// <summary>A job that counts its starts and stops and shows whether its loop is running.</summary>
public sealed class CountingJob : BackgroundService
{
    private TaskCompletionSource _running = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _starts, _stops;

    public int Starts => Volatile.Read(ref _starts);
    public int Stops => Volatile.Read(ref _stops);
    /// <summary>Completes when the loop (of the latest start) runs.</summary>
    public Task Running => Volatile.Read(ref _running).Task;
    /// <summary>Completes when the loop of the latest start saw its cancellation.</summary>
    public Task Cancelled => Volatile.Read(ref _cancelled).Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _cancelled, cancelled);
        Interlocked.Increment(ref _starts);
        var running = Volatile.Read(ref _running);
        if (running.Task.IsCompleted) Volatile.Write(ref _running, running = new(TaskCreationOptions.RunContinuationsAsynchronously));
        running.TrySetResult();
        try { await Task.Delay(Timeout.Infinite, stoppingToken); }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _stops);
            cancelled.TrySetResult();
        }
    }
}
