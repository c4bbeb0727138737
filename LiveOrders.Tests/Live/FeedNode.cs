using LiveOrders.Core.Live;
using LiveOrders.Core.Live.Postgres;
using LiveOrders.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LiveOrders.Tests.Live;

/// <summary>
/// One node of a cluster inside the test process: its own <see cref="PostgresLiveFeed"/> over a shared database, and a
/// subscriber that keeps what reached it. Two of these act as two nodes.
/// </summary>
internal sealed class FeedNode : IAsyncDisposable
{
    private readonly List<OrderChanged> _received = [];
    private readonly IDisposable _subscription;

    private FeedNode(string connectionString, TimeProvider clock, PostgresFeedOptions options)
    {
        ConnectionString = connectionString;
        Options = options;
        Feed = new PostgresLiveFeed(connectionString, new InProcessLiveFeed(NullLogger<InProcessLiveFeed>.Instance), options, clock,
            NullLogger<PostgresLiveFeed>.Instance);
        _subscription = Feed.Subscribe(_ => true, change =>
        {
            lock (_received) _received.Add(change);
            return Task.CompletedTask;
        });
    }

    public string ConnectionString { get; }
    public PostgresFeedOptions Options { get; }
    public PostgresLiveFeed Feed { get; }
    public IReadOnlyList<OrderChanged> Received { get { lock (_received) return _received.ToList(); } }

    public static async Task<FeedNode> StartAsync(string connectionString, TimeProvider? clock = null, PostgresFeedOptions? options = null,
        Action<FeedNode>? beforeStart = null)
    {
        var node = new FeedNode(connectionString, clock ?? TimeProvider.System, options ?? new PostgresFeedOptions());
        beforeStart?.Invoke(node);
        await node.Feed.StartAsync(CancellationToken.None);
        await Wait.UntilAsync(() => node.Feed.State.Connected, "the node listens");
        return node;
    }

    /// <summary>Makes a change in a transaction on this node (a row of the test's own table) and announces it as the app does.</summary>
    public async Task CommitAsync(OrderChanged change)
    {
        await using var db = Bare(ConnectionString);
        await Feed.SaveAndPublishAsync(db, c => db.Database.ExecuteSqlRawAsync("INSERT INTO notes (text) VALUES ('x')", c),
            _ => Task.FromResult<IReadOnlyList<OrderChanged>>([change]), CancellationToken.None);
    }

    /// <summary>Records a change in a transaction that then rolls back.</summary>
    public async Task RollBackAsync(OrderChanged change)
    {
        await using var db = Bare(ConnectionString);
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync("INSERT INTO notes (text) VALUES ('x')");
        await Feed.RecordAsync(db, change, CancellationToken.None);
        await tx.RollbackAsync();
    }

    public static async Task CreateNotesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS notes (id serial PRIMARY KEY, text text NOT NULL)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A comment on order <paramref name="orderId"/>: a change every subscriber can tell apart by its order.</summary>
    public static OrderChanged Comment(int orderId, string text = "Проверено") =>
        new(OrderChangeKind.Commented, orderId, 1, new OrderAudience(OrderStatus.InProgress, 1, 2, 3, null, []), null, 1,
            new DateTime(2026, 3, 2, 3, 0, 0, DateTimeKind.Utc), Comment: new CommentItem(orderId, 1, "Иванов И. И.", text, DateTime.UtcNow));

    private static DbContext Bare(string connectionString) =>
        new(new DbContextOptionsBuilder().UseNpgsql(connectionString).Options);

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        await Feed.DisposeAsync();
    }
}

internal static class Wait
{
    /// <summary>Waits for <paramref name="condition"/>; the limit only keeps a broken test from hanging, it measures nothing.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what, int seconds = 30)
    {
        var limit = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > limit) throw new TimeoutException($"Still waiting for: {what}");
            await Task.Delay(5);
        }
    }
}
