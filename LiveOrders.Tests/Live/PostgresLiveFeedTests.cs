using System.Diagnostics;
using LiveOrders.Core.Live;
using LiveOrders.Core.Live.Postgres;
using LiveOrders.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace LiveOrders.Tests.Live;

/// <summary>
/// The live feed across nodes on a real PostgreSQL: two feeds in this process are two nodes on one database.
/// A change reaches the other node if and only if its transaction commits, in order, after a broken connection too;
/// a node that missed pruned rows makes its screens reload instead of showing stale state.
/// </summary>
public sealed class PostgresLiveFeedTests(ITestOutputHelper output) : IAsyncLifetime
{
    private PostgresServer _server = default!;
    private string _database = default!;

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.SharedAsync();
        _database = await _server.CreateDatabaseAsync();
        await FeedNode.CreateNotesAsync(_database);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _server.DropDatabaseAsync(_database);
    }

    [Fact]
    public async Task ACommittedChange_ReachesTheOtherNode_AndItsOwnNodeExactlyOnce()
    {
        await using var a = await FeedNode.StartAsync(_database);
        await using var b = await FeedNode.StartAsync(_database);

        await a.CommitAsync(FeedNode.Comment(42));

        await Wait.UntilAsync(() => b.Received.Count == 1, "B receives the change");
        var received = Assert.Single(b.Received);
        Assert.Equal((OrderChangeKind.Commented, 42, "Проверено"), (received.Kind, received.OrderId, received.Comment!.Text));
        // A has read its own journal row too (its last id caught up with B's) and did not deliver it a second time.
        await Wait.UntilAsync(() => a.Feed.State.LastId >= b.Feed.State.LastId, "A reads its own row");
        Assert.Equal(42, Assert.Single(a.Received).OrderId);
    }

    [Fact]
    public async Task ARolledBackTransaction_ReachesNobody()
    {
        await using var a = await FeedNode.StartAsync(_database);
        await using var b = await FeedNode.StartAsync(_database);

        await a.RollBackAsync(FeedNode.Comment(1, "не было"));
        await a.CommitAsync(FeedNode.Comment(2, "было"));

        await Wait.UntilAsync(() => b.Received.Any(c => c.OrderId == 2), "B receives the committed change");
        Assert.Equal([2], b.Received.Select(c => c.OrderId));
        Assert.Equal([2], a.Received.Select(c => c.OrderId));
    }

    [Fact]
    public async Task ANodeWhoseConnectionWasCut_DeliversWhatItMissed_InOrder_AfterReconnecting()
    {
        var clockB = new FakeClock(DateTimeOffset.UtcNow);
        await using var a = await FeedNode.StartAsync(_database);
        await using var b = await FeedNode.StartAsync(_database, clockB);

        await TerminateAsync(b.Feed.ListenBackendPid);
        // B waits on its own clock before reconnecting: A's changes are certainly made while nobody on B listens.
        await Wait.UntilAsync(() => !b.Feed.State.Connected, "B notices the cut");
        for (var i = 1; i <= 5; i++) await a.CommitAsync(FeedNode.Comment(i));
        Assert.Empty(b.Received);

        clockB.Advance(TimeSpan.FromSeconds(1));
        await Wait.UntilAsync(() => b.Received.Count == 5, "B catches up");
        Assert.Equal([1, 2, 3, 4, 5], b.Received.Select(c => c.OrderId));
        Assert.True(b.Feed.State.Connected);
        Assert.Equal(1, b.Feed.State.Reconnects);
    }

    [Fact]
    public async Task ANodeAwayLongerThanTheJournalKeeps_MakesEveryScreenReload()
    {
        var clockB = new FakeClock(DateTimeOffset.UtcNow);
        await using var a = await FeedNode.StartAsync(_database);
        await using var b = await FeedNode.StartAsync(_database, clockB);
        var gaps = 0;
        b.Feed.Gap += () => Interlocked.Increment(ref gaps);
        // A screen that wants only order 99: a resync reaches it all the same.
        var board = new List<OrderChanged>();
        using var _ = b.Feed.Subscribe(c => c.OrderId == 99, c => { lock (board) board.Add(c); return Task.CompletedTask; });

        await TerminateAsync(b.Feed.ListenBackendPid);
        await Wait.UntilAsync(() => !b.Feed.State.Connected, "B notices the cut");
        await a.CommitAsync(FeedNode.Comment(1));
        await a.CommitAsync(FeedNode.Comment(2));
        await a.Feed.PruneNowAsync(TimeSpan.Zero);
        await a.CommitAsync(FeedNode.Comment(3));

        clockB.Advance(TimeSpan.FromSeconds(1));
        await Wait.UntilAsync(() => b.Received.Any(c => c.OrderId == 3), "B delivers what is still in the journal");
        Assert.Equal([OrderChangeKind.Resync, OrderChangeKind.Commented], b.Received.Select(c => c.Kind));
        Assert.Equal(3, b.Received[1].OrderId);
        Assert.Equal(1, gaps);
        await Wait.UntilAsync(() => { lock (board) return board.Count == 1; }, "the filtered screen gets the resync");
        lock (board) Assert.Equal(OrderChangeKind.Resync, board.Single().Kind);
    }

    [Fact]
    public async Task PruningWhatEveryNodeHasRead_MakesNoScreenReload()
    {
        await using var a = await FeedNode.StartAsync(_database);
        await using var b = await FeedNode.StartAsync(_database);
        await a.CommitAsync(FeedNode.Comment(1));
        await Wait.UntilAsync(() => b.Received.Count == 1, "B receives the first change");

        await a.Feed.PruneNowAsync(TimeSpan.Zero);
        await a.CommitAsync(FeedNode.Comment(2));

        await Wait.UntilAsync(() => b.Received.Count == 2, "B receives the second change");
        Assert.Equal([1, 2], b.Received.Select(c => c.OrderId));
    }

    [Fact]
    public async Task ManyWritersAtOnce_NoChangeIsSkipped()
    {
        // Ids are taken in one order and committed in another unless the journal's writers take turns: a reader that
        // had delivered a later id would then never look back for an earlier one that committed after it.
        await using var a = await FeedNode.StartAsync(_database);
        await using var other = await FeedNode.StartAsync(_database);
        await using var b = await FeedNode.StartAsync(_database);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var node = w % 2 == 0 ? a : other;
            for (var i = 0; i < 40; i++) await node.CommitAsync(FeedNode.Comment(w * 1000 + i));
        })));

        await Wait.UntilAsync(() => b.Received.Count >= 320, "B receives all");
        Assert.Equal(320, b.Received.Select(c => c.OrderId).Distinct().Count());
        // Each writer's changes arrive in the order it made them.
        foreach (var writer in b.Received.GroupBy(c => c.OrderId / 1000))
            Assert.Equal(writer.Select(c => c.OrderId).Order(), writer.Select(c => c.OrderId));
    }

    [Fact]
    public async Task Health_IsHealthyWhileListening_AndDegradedWhileReconnecting()
    {
        var clock = new FakeClock(DateTimeOffset.UtcNow);
        await using var b = await FeedNode.StartAsync(_database, clock);
        await using var services = new ServiceCollection()
            .AddSingleton(b.Feed).BuildServiceProvider();
        var check = new LiveFeedHealthCheck(services, Microsoft.Extensions.Options.Options.Create(b.Options), clock);
        var context = new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext();
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, (await check.CheckHealthAsync(context)).Status);

        await TerminateAsync(b.Feed.ListenBackendPid);
        await Wait.UntilAsync(() => !b.Feed.State.Connected, "B notices the cut");

        var reconnecting = await check.CheckHealthAsync(context);
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, reconnecting.Status);
        Assert.Equal(false, reconnecting.Data["connected"]);
    }

    [Fact]
    public async Task Latency_FromCommitOnA_ToSubscriberOnB()
    {
        await using var a = await FeedNode.StartAsync(_database);
        await using var b = await FeedNode.StartAsync(_database);
        var arrived = new Dictionary<int, long>();
        var local = new Dictionary<int, long>();
        using var _ = b.Feed.Subscribe(_ => true, c => { lock (arrived) arrived[c.OrderId] = Stopwatch.GetTimestamp(); return Task.CompletedTask; });
        // A's own subscriber hears of a change right after its commit: the difference is what crossing nodes costs.
        using var __ = a.Feed.Subscribe(_ => true, c => { lock (local) local[c.OrderId] = Stopwatch.GetTimestamp(); return Task.CompletedTask; });

        const int changes = 300;
        var committed = new long[changes + 1];
        for (var i = 1; i <= changes; i++)
        {
            committed[i] = Stopwatch.GetTimestamp();
            await a.CommitAsync(FeedNode.Comment(i));
            var id = i;
            await Wait.UntilAsync(() => { lock (arrived) return arrived.ContainsKey(id); }, $"change {id} reaches B");
        }

        await Wait.UntilAsync(() => { lock (local) return local.Count == changes; }, "A's own subscriber has them all");
        static string Figures(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return $"p50 {sorted[sorted.Count / 2]:F2} ms, p95 {sorted[sorted.Count * 95 / 100]:F2} ms, max {sorted[^1]:F2} ms";
        }
        output.WriteLine($"A→B over PostgreSQL LISTEN/NOTIFY, {changes} changes one after another: from A's subscriber (after the commit) to B's: " +
            Figures(Enumerable.Range(1, changes).Select(i => Stopwatch.GetElapsedTime(local[i], arrived[i]).TotalMilliseconds)) +
            "; from the start of A's transaction to B's subscriber: " +
            Figures(Enumerable.Range(1, changes).Select(i => Stopwatch.GetElapsedTime(committed[i], arrived[i]).TotalMilliseconds)));
        Assert.Equal(Enumerable.Range(1, changes), b.Received.Select(c => c.OrderId));
    }

    private async Task TerminateAsync(int pid)
    {
        Assert.NotEqual(0, pid);
        await using var admin = new NpgsqlConnection(_server.AdminConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_terminate_backend($1)", admin) { Parameters = { new() { Value = pid } } };
        Assert.True((bool)(await command.ExecuteScalarAsync())!);
    }
}
